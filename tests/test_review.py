"""Review pages: every span highlighted exactly once, untrusted text escaped, output deterministic."""

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from om_extract.models import (
    AgendaItem,
    DateMention,
    Decision,
    Link,
    Meeting,
    NextMeeting,
    Organization,
    Participant,
    Person,
    PersonRef,
    Protocol,
    Section,
    Source,
    Votes,
)
from om_extract.review import LONG_SPAN, TYPES, collect_marks, register, segment, write_review

HOSTILE = '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1"> </textarea>'

FILLER = "".join(f"Diskussionspunkt {i}: Die Runde tauscht sich über Beetpflege aus.\n" for i in range(80))


def minutes(filler: str = "", extra: str = "") -> str:
    """Fictional minutes; FILLER pushes the decision far down, EXTRA adds untrusted text."""
    return (
        "Protokoll\n"
        "3. Sitzung des Arbeitskreises Gartenbau\n\n"
        "14. März 2024, Rathaus Musterstadt, 10:00 - 12:00 Uhr\n"
        "Teilnehmende: Erika Beispiel (Verein Grünfläche), Max Muster (Stadtwerke Musterstadt)\n\n"
        "Tagesordnung\n"
        "1. Begrüßung  Erika Beispiel  10:00 Uhr\n"
        "2. Beetplanung  Max Muster  10:15 Uhr\n\n"
        "1. Begrüßung\n"
        "Frau Beispiel begrüßt die Runde. Kontakt: info@gruen.example\n"
        f"{filler}{extra}\n\n"
        "2. Beetplanung\n"
        "Max Muster (Stadtwerke Musterstadt) stellt den Plan vor, siehe https://example.org/plan.\n\n"
        "Beschluss zur Beetplanung:\n"
        "Der Arbeitskreis beauftragt Max Muster, die Beete bis zum 30. April 2024 anzulegen. (5/0/1)\n\n"
        "Nächstes Treffen: 12. Juni 2024\n"
    )


def find(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """The [start, end) of the NTH occurrence of NEEDLE."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def protocol_for(text: str, name: str, raw: bytes, hostile: bool = False) -> Protocol:
    """A protocol whose spans are computed from TEXT, with a few nested and repeated mentions."""
    sec2 = text.index("2. Beetplanung\nMax")
    decision = find(
        text, "Der Arbeitskreis beauftragt Max Muster, die Beete bis zum 30. April 2024 anzulegen."
    )
    person_name = HOSTILE if hostile else "Max Muster"
    return Protocol(
        source=Source(file=name, sha256=hashlib.sha256(raw).hexdigest(), format="plain", encoding="utf-8"),
        meeting=Meeting(
            title="3. Sitzung des Arbeitskreises Gartenbau",
            body="Arbeitskreis Gartenbau",
            number=3,
            date="2024-03-14",
            start_time="10:00",
            end_time="12:00",
            location="Rathaus Musterstadt",
            moderator="Erika Beispiel",
        ),
        participants=[
            Participant(
                name="Erika Beispiel",
                organization="Verein Grünfläche",
                spans=[find(text, "Erika Beispiel (Verein Grünfläche)")],
            ),
            Participant(
                name="Max Muster",
                organization="Stadtwerke Musterstadt",
                spans=[find(text, "Max Muster (Stadtwerke Musterstadt)")],
            ),
        ],
        agenda=[
            AgendaItem(
                number="1",
                title="Begrüßung",
                presenters=[PersonRef(name="Erika Beispiel")],
                time="10:00",
                spans=[find(text, "1. Begrüßung  Erika Beispiel  10:00 Uhr")],
            ),
            AgendaItem(
                number="2",
                title="Beetplanung",
                presenters=[PersonRef(name="Max Muster")],
                time="10:15",
                spans=[find(text, "2. Beetplanung  Max Muster  10:15 Uhr")],
            ),
        ],
        sections=[
            Section(
                number="1",
                title="Begrüßung",
                text="Frau Beispiel begrüßt die Runde.",
                agenda_ref=0,
                spans=[(text.index("1. Begrüßung\nFrau"), sec2 - 2)],
            ),
            Section(
                number="2",
                title=HOSTILE if hostile else "Beetplanung",
                agenda_ref=1,
                presenters=[PersonRef(name="Max Muster", organization="Stadtwerke Musterstadt")],
                text="Max Muster stellt den Plan vor.",
                spans=[(sec2, len(text) - 1)],
            ),
        ],
        decisions=[
            Decision(
                section="2",
                kind="beschluss",
                label="Beschluss zur Beetplanung",
                text=text[slice(*decision)],
                vote="(5/0/1)",
                votes=Votes(yes=5, no=0, abstain=1),
                assignees=["Max Muster"],
                spans=[decision],
            ),
        ],
        persons=[
            Person(
                name="Erika Beispiel",
                variants=["Frau Beispiel"],
                spans=[
                    find(text, "Erika Beispiel"),
                    find(text, "Erika Beispiel", 1),
                    find(text, "Frau Beispiel"),
                    find(text, "Erika Beispiel"),
                ],
            ),  # a duplicate counts once
            Person(
                name=person_name,
                organizations=["Stadtwerke Musterstadt"],
                spans=[find(text, "Max Muster", i) for i in range(4)],
            ),
        ],
        organizations=[
            Organization(
                name="Stadtwerke Musterstadt",
                spans=[find(text, "Stadtwerke Musterstadt"), find(text, "Stadtwerke Musterstadt", 1)],
            ),
            Organization(name="Verein Grünfläche", spans=[find(text, "Verein Grünfläche")]),
            Organization(
                name="Arbeitskreis Gartenbau", kind="internal", spans=[]
            ),  # ungrounded: shown as such
        ],
        dates=[
            DateMention(date="2024-03-14", text="14. März 2024", spans=[find(text, "14. März 2024")]),
            DateMention(date="2024-04-30", text="30. April 2024", spans=[find(text, "30. April 2024")]),
            DateMention(date="2024-06-12", text="12. Juni 2024", spans=[find(text, "12. Juni 2024")]),
        ],
        next_meetings=[NextMeeting(date="2024-06-12", spans=[find(text, "Nächstes Treffen: 12. Juni 2024")])],
        links=[
            Link(url="info@gruen.example", kind="email", spans=[find(text, "info@gruen.example")]),
            Link(url="https://example.org/plan", kind="url", spans=[find(text, "https://example.org/plan")]),
        ],
        warnings=[f"warning with markup {HOSTILE}"] if hostile else [],
    )


@dataclass
class Case:
    out_dir: Path
    input_dir: Path
    text: str
    protocol: Protocol
    pages: list[Path] = field(default_factory=list)

    @property
    def page(self) -> Path:
        return self.out_dir / "review" / "minutes.html"

    def expected_spans(self) -> dict[tuple[str, int, int], str]:
        """Distinct (item, start, end) pairs, each with the text it covers."""
        return {
            (f"{collection}-{i}", s, e): self.text[s:e]
            for collection in TYPES
            for i, item in enumerate(getattr(self.protocol, collection))
            for s, e in item.spans
        }


def make_case(root: Path, *, filler: str = "", extra: str = "", hostile: bool = False) -> Case:
    """Input file in ROOT/in, its output JSON in ROOT/out, review pages written."""
    text = minutes(filler, extra)
    raw = text.encode("utf-8")
    input_dir, out_dir = root / "in", root / "out"
    input_dir.mkdir(parents=True)
    out_dir.mkdir()
    (input_dir / "minutes.txt").write_bytes(raw)
    protocol = protocol_for(text, "minutes.txt", raw, hostile)
    (out_dir / "minutes.json").write_text(protocol.model_dump_json(indent=2), encoding="utf-8")
    case = Case(out_dir, input_dir, text, protocol)
    case.pages = write_review(out_dir, [input_dir])
    return case


class Page(HTMLParser):
    """Collects the highlighted segments and the text lines of a review page."""

    def __init__(self) -> None:
        super().__init__()
        self.segments: list[tuple[list[str], str]] = []  # (item-span keys, text)
        self.lines: list[str] = []
        self.line_attrs: list[dict[str, str | None]] = []
        self.segment_attrs: list[dict[str, str | None]] = []
        self._in_line = self._in_segment = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "div" and a.get("class") == "ln":
            self._in_line = True
            self.lines.append("")
            self.line_attrs.append(a)
        elif tag == "span" and a.get("class") == "hl":
            assert self._in_line, "a highlight outside a text line"
            self._in_segment = True
            self.segments.append(((a["data-ids"] or "").split(), ""))
            self.segment_attrs.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._in_segment:
            self._in_segment = False
        elif tag == "div" and self._in_line:
            self._in_line = False

    def handle_data(self, data: str) -> None:
        if self._in_line:
            self.lines[-1] += data
        if self._in_segment:
            keys, text = self.segments[-1]
            self.segments[-1] = (keys, text + data)

    def span_texts(self) -> dict[str, str]:
        """Each item-span key with the text of all its segments, in document order."""
        texts: dict[str, str] = {}
        for keys, text in self.segments:
            for key in keys:
                texts[key] = texts.get(key, "") + text
        return texts


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def embedded_data(html: str) -> dict:
    raw = re.search(r'<script type="application/json" id="om-data">(.*?)</script>', html, re.S)
    assert raw
    return json.loads(raw.group(1))


def test_writes_one_page_per_document_and_an_index(tmp_path: Path) -> None:
    case = make_case(tmp_path)
    assert case.pages == [case.page, case.out_dir / "review" / "index.html"]
    index = (case.out_dir / "review" / "index.html").read_text(encoding="utf-8")
    for expected in (
        'href="minutes.html"',
        "2024-03-14",
        "Arbeitskreis Gartenbau",
        "3. Sitzung des Arbeitskreises Gartenbau",
        '<th class="num">Decisions</th>',
    ):
        assert expected in index
    assert "../corpus/" not in index


def test_every_span_is_highlighted_once_with_exactly_its_text(tmp_path: Path) -> None:
    case = make_case(tmp_path)
    page = parse(case.page)
    assert "".join(page.lines) == case.text  # the whole input, unchanged and in order
    expected = case.expected_spans()
    texts = page.span_texts()
    assert len(texts) == len(expected) == 23
    data = embedded_data(case.page.read_text(encoding="utf-8"))
    for key, text in texts.items():
        item, j = key.rsplit(".", 1)
        start, end = data["items"][item]["spans"][int(j)]
        assert expected[item, start, end] == text
    assert "organizations-2" not in data["items"]
    assert "no span" in case.page.read_text(encoding="utf-8")


def test_nested_spans_fill_innermost_and_long_spans_draw_a_border(tmp_path: Path) -> None:
    case = make_case(tmp_path)
    page = parse(case.page)
    date = next(a for a in page.segment_attrs if a["title"] and "Date: 2024-04-30" in a["title"])
    assert date["data-t"] == "date"  # the date, not the decision around it, is filled …
    assert date["data-o"] == "decision"  # … and the decision underlines it
    assert date["data-ids"] == "dates-1.0 decisions-0.0 sections-1.0"
    section = case.protocol.sections[1].spans[0]
    assert section[1] - section[0] > LONG_SPAN
    bordered = [a for a in page.line_attrs if a.get("data-lt") == "section"]
    assert bordered and all("sections-1.0" in (a["data-long"] or "") for a in bordered)
    inside = [a for a in page.segment_attrs if "sections-1.0" in (a["data-ids"] or "")]
    assert inside and not any(a["data-t"] == "section" for a in inside)


def test_crossing_spans_are_split_into_segments() -> None:
    text = "abcdefghij\nklmno"
    protocol = Protocol(
        source=Source(file="x.txt", sha256="0", format="plain", encoding="utf-8"),
        persons=[Person(name="P", spans=[(0, 6)])],
        organizations=[Organization(name="O", spans=[(3, 13)])],
        dates=[DateMention(date="2024-01-01", text="e", spans=[(4, 5)])],
    )
    marks, problems = collect_marks(protocol, len(text))
    assert problems == []
    lines = segment(text, marks)
    assert ["".join(s.text for s in line.segments) for line in lines] == ["abcdefghij\n", "klmno"]
    cover = [(s.text, s.keys) for line in lines for s in line.segments]
    assert cover == [
        ("abc", "persons-0.0"),
        ("d", "persons-0.0 organizations-0.0"),
        ("e", "dates-0.0 persons-0.0 organizations-0.0"),
        ("f", "persons-0.0 organizations-0.0"),
        ("ghij\n", "organizations-0.0"),
        ("kl", "organizations-0.0"),
        ("mno", ""),
    ]


def test_untrusted_text_is_escaped_everywhere(tmp_path: Path) -> None:
    case = make_case(tmp_path, extra=HOSTILE, hostile=True)
    html = case.page.read_text(encoding="utf-8")
    index = (case.out_dir / "review" / "index.html").read_text(encoding="utf-8")
    for doc in (html, index):
        assert "<script>window" not in doc and "<img" not in doc and "</textarea>" not in doc
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert HOSTILE in "".join(parse(case.page).lines)
    raw = re.search(r'id="om-data">(.*?)</script>', html, re.S)
    assert raw and "<" not in raw.group(1) and ">" not in raw.group(1)
    assert embedded_data(html)["items"]["persons-1"]["title"] == f"Person: {HOSTILE}"
    # Only the page's own script may run: its hash is the one in the Content-Security-Policy.
    script = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(script) == 1
    digest = hashlib.sha256(script[0].encode()).digest()
    assert f"script-src 'sha256-{base64.b64encode(digest).decode()}'" in html


def test_output_is_deterministic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    case = make_case(tmp_path)
    before = {p.name: p.read_bytes() for p in (case.out_dir / "review").iterdir()}
    write_review(case.out_dir, [case.input_dir / "minutes.txt"])
    after = {p.name: p.read_bytes() for p in (case.out_dir / "review").iterdir()}
    assert before == after
    assert sorted(after) == ["index.html", "minutes.html"]


def test_documents_without_input_and_foreign_json_are_listed_not_paged(tmp_path: Path) -> None:
    case = make_case(tmp_path)
    other = case.protocol.model_copy(
        update={"source": case.protocol.source.model_copy(update={"file": "gone.txt"})}
    )
    (case.out_dir / "gone.json").write_text(other.model_dump_json(), encoding="utf-8")
    (case.out_dir / "stats.json").write_text('{"documents": 2}', encoding="utf-8")
    (case.out_dir / "corpus").mkdir()
    (case.out_dir / "corpus" / "persons.csv").write_text("name\n", encoding="utf-8")
    pages = write_review(case.out_dir, [case.input_dir])
    assert [p.name for p in pages] == ["minutes.html", "index.html"]
    index = (case.out_dir / "review" / "index.html").read_text(encoding="utf-8")
    assert "input not found" in index and "stats.json: not a protocol" in index
    assert 'href="../corpus/persons.csv"' in index
    with pytest.raises(FileNotFoundError):
        write_review(case.out_dir, [tmp_path / "missing"])


def test_bad_spans_and_a_changed_input_are_reported(tmp_path: Path) -> None:
    case = make_case(tmp_path)
    broken = case.protocol.model_copy(
        update={"links": [Link(url="x", kind="url", spans=[(5, 10**6), (7, 7)])]}
    )
    (case.out_dir / "minutes.json").write_text(broken.model_dump_json(), encoding="utf-8")
    (case.input_dir / "minutes.txt").write_text(case.text + "appended\n", encoding="utf-8")
    write_review(case.out_dir, [case.input_dir])
    html = case.page.read_text(encoding="utf-8")
    assert "links[0]: span [5, 1000000] lies outside the text" in html
    assert "links[0]: span [7, 7]" in html
    assert "minutes.txt differs from the file that was extracted" in html
    assert not any(k.startswith("links-") for k in parse(case.page).span_texts())


def test_text_is_decoded_with_the_source_encoding(tmp_path: Path) -> None:
    text = "Grüße aus Köln\n"
    raw = text.encode("cp1252")
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "in" / "k.txt").write_bytes(raw)
    protocol = Protocol(
        source=Source(
            file="k.txt", sha256=hashlib.sha256(raw).hexdigest(), format="plain", encoding="cp1252"
        ),
        organizations=[Organization(name="Köln", spans=[find(text, "Köln")])],
    )
    (tmp_path / "out" / "k.json").write_text(protocol.model_dump_json(), encoding="utf-8")
    write_review(tmp_path / "out", [tmp_path / "in"])
    assert parse(tmp_path / "out" / "review" / "k.html").span_texts() == {"organizations-0.0": "Köln"}


def review_app() -> typer.Typer:
    """A CLI with just the review command, as a group so that the command is called by its name."""
    app = typer.Typer()
    app.callback()(lambda: None)
    register(app)
    return app


def test_review_command(tmp_path: Path) -> None:
    case = make_case(tmp_path)
    app = review_app()
    result = CliRunner().invoke(app, ["review", str(case.out_dir), str(case.input_dir / "minutes.txt")])
    assert result.exit_code == 0, result.output
    assert str(case.page) in result.output
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "unrelated.txt").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, ["review", str(case.out_dir), str(tmp_path / "other")])
    assert result.exit_code == 1
