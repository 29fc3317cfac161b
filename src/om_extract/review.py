"""Review pages: one self-contained HTML file per extracted document, showing the decoded input with
every span highlighted beside the extracted items, so a person can check what was found and where."""

import base64
import hashlib
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any

import typer
from jinja2 import Environment, FileSystemLoader
from pydantic import ValidationError

from .models import Grounded, Protocol
from .reader import spanned_text
from .writer import write_atomic

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium; Playwright's own browser download is not available here."""

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]

LONG_SPAN = 200
"""Spans longer than this (whole sections, long decisions) are drawn as a line border, not a fill,
so that the short mentions inside them stay visible."""

TYPES: dict[str, tuple[str, str, str]] = {
    # collection: (type, label, plural), in the order of the output format.
    "participants": ("participant", "Participant", "Participants"),
    "agenda": ("agenda", "Agenda item", "Agenda"),
    "sections": ("section", "Section", "Sections"),
    "decisions": ("decision", "Decision", "Decisions"),
    "persons": ("person", "Person", "Persons"),
    "organizations": ("organization", "Organisation", "Organisations"),
    "dates": ("date", "Date", "Dates"),
    "next_meetings": ("next_meeting", "Next meeting", "Next meetings"),
    "links": ("link", "Link", "Links"),
}
_SPECIFIC_FIRST = (
    "links",
    "dates",
    "persons",
    "organizations",
    "participants",
    "next_meetings",
    "agenda",
    "decisions",
    "sections",
)
_RANK = {collection: rank for rank, collection in enumerate(_SPECIFIC_FIRST)}
"""Breaks ties between equally long spans: the more specific item is the inner one."""

_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class Mark:
    """One (item, span) pair: the unit that is highlighted, counted and scrolled to."""

    collection: str
    index: int  # of the item in its collection
    span_index: int  # of the span among the item's distinct spans
    start: int
    end: int
    title: str

    @property
    def type(self) -> str:
        return TYPES[self.collection][0]

    @property
    def item(self) -> str:
        """The item's id in the page, e.g. "decisions-0"."""
        return f"{self.collection}-{self.index}"

    @property
    def key(self) -> str:
        """The (item, span) pair's id in the page, e.g. "decisions-0.1"."""
        return f"{self.item}.{self.span_index}"

    @property
    def long(self) -> bool:
        return self.end - self.start > LONG_SPAN

    @property
    def order(self) -> tuple[int, int, int]:
        """Innermost first: shorter spans, then the more specific type, then earlier items."""
        return self.end - self.start, _RANK[self.collection], self.index


@dataclass(frozen=True)
class Segment:
    """A run of text covered by one constant set of marks (innermost first); never crosses a line end."""

    text: str
    marks: tuple[Mark, ...]

    @property
    def keys(self) -> str:
        return " ".join(m.key for m in self.marks)

    @property
    def fill(self) -> list[str]:
        """Types of the covering short spans, innermost first: the first fills, the second underlines."""
        return [m.type for m in self.marks if not m.long]

    @property
    def title(self) -> str:
        return "\n".join(dict.fromkeys(m.title for m in self.marks))


@dataclass(frozen=True)
class Line:
    segments: tuple[Segment, ...]

    @property
    def long(self) -> list[Mark]:
        """Long spans touching this line, innermost first: they draw its left border."""
        seen = {m.key: m for s in self.segments for m in s.marks if m.long}
        return sorted(seen.values(), key=lambda m: m.order)


@dataclass(frozen=True)
class Document:
    """One output JSON, with its decoded input and highlightable spans when the input was found."""

    stem: str
    protocol: Protocol
    text: str | None = None
    marks: tuple[Mark, ...] = ()
    problems: tuple[str, ...] = ()  # what the review itself found wrong: wrong input file, bad spans

    @property
    def warnings(self) -> list[str]:
        return [*(f"review: {w}" for w in self.problems), *self.protocol.warnings]


def item_title(collection: str, item: Grounded) -> str:
    """The hover text of a highlight: the item's type and canonical value."""
    label = TYPES[collection][1]
    data: dict[str, Any] = item.model_dump()
    if collection == "decisions":
        value = f"{data['kind']}: {data['label']}"
    elif collection in ("sections", "agenda"):
        value = " ".join(v for v in (data["number"], data["title"]) if v)
    elif collection == "participants":
        value = data["name"] + (f" ({data['organization']})" if data["organization"] else "")
    elif collection == "next_meetings":
        value = " ".join(v for v in (data["date"], data["start_time"], data["body"], data["location"]) if v)
    elif collection == "organizations":
        value = data["name"] + (f" ({data['abbreviation']})" if data["abbreviation"] else "")
    elif collection == "links":
        value = data["url"]
    elif collection == "dates":
        value = f"{data['date']} ({data['text']})"
    else:
        value = data["name"]
    return f"{label}: {value}"


def collect_marks(protocol: Protocol, length: int) -> tuple[list[Mark], list[str]]:
    """Every distinct (item, span) pair inside the text, and a problem note for each span that is not."""
    marks: list[Mark] = []
    problems: list[str] = []
    for collection in TYPES:
        for index, item in enumerate(getattr(protocol, collection)):
            title = item_title(collection, item)
            for span_index, (start, end) in enumerate(dict.fromkeys(item.spans)):
                if 0 <= start < end <= length:
                    marks.append(Mark(collection, index, span_index, start, end, title))
                else:
                    problems.append(
                        f"{collection}[{index}]: span [{start}, {end}] lies outside the text "
                        f"(length {length}) or is empty"
                    )
    return marks, problems


def segment(text: str, marks: list[Mark]) -> list[Line]:
    """Split the text at every span boundary and line end, so overlapping spans never cut an HTML tag."""
    cuts = {0, len(text)}
    cuts.update(i + 1 for i, ch in enumerate(text) if ch == "\n")
    for m in marks:
        cuts.update((m.start, m.end))
    starting: dict[int, list[Mark]] = defaultdict(list)
    for m in marks:
        starting[m.start].append(m)
    active: list[Mark] = []
    lines: list[Line] = []
    current: list[Segment] = []
    for start, end in pairwise(sorted(cuts)):
        active = sorted([*(m for m in active if m.end > start), *starting[start]], key=lambda m: m.order)
        current.append(Segment(text[start:end], tuple(active)))
        if text[end - 1] == "\n":
            lines.append(Line(tuple(current)))
            current = []
    if current or not lines:
        lines.append(Line(tuple(current)))
    return lines


def _input_files(inputs: list[Path]) -> dict[str, Path]:
    """Input files by name; the first in sorted order wins, so the choice is reproducible."""
    found: dict[str, Path] = {}
    for path in inputs:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            files = [path]
        else:
            raise FileNotFoundError(path)
        for file in files:
            found.setdefault(file.name, file)
    return found


def _document(stem: str, protocol: Protocol, source: Path) -> Document:
    raw = source.read_bytes()
    problems = []
    if hashlib.sha256(raw).hexdigest() != protocol.source.sha256:
        problems.append(f"{source.name} differs from the file that was extracted (sha256): spans may be off")
    text = spanned_text(raw, protocol.source.encoding)
    marks, span_problems = collect_marks(protocol, len(text))
    return Document(stem, protocol, text, tuple(marks), (*problems, *span_problems))


def load_documents(out_dir: Path, inputs: list[Path]) -> tuple[list[Document], list[str]]:
    """Every protocol JSON in OUT_DIR with its decoded input; files that are no protocol are reported."""
    files = _input_files(inputs)
    documents: list[Document] = []
    skipped: list[str] = []
    for path in sorted(out_dir.glob("*.json")):
        try:
            protocol = Protocol.model_validate_json(path.read_bytes())
        except ValidationError as err:
            skipped.append(f"{path.name}: not a protocol ({err.error_count()} validation errors)")
            continue
        source = files.get(protocol.source.file)
        documents.append(_document(path.stem, protocol, source) if source else Document(path.stem, protocol))
    return documents, skipped


def _script() -> tuple[str, str]:
    """The page script and its CSP hash: only this script may run, even if escaping ever failed."""
    script = _ENV.get_template("review.js.j2").render()
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    return script, f"sha256-{digest}"


def render_page(doc: Document) -> str:
    """The review page of one document whose input text is known."""
    assert doc.text is not None
    items: dict[str, dict[str, Any]] = {}
    for m in doc.marks:
        entry = items.setdefault(m.item, {"type": m.type, "title": m.title, "spans": []})
        entry["spans"].append([m.start, m.end])
    used = {m.type for m in doc.marks}
    script, script_hash = _script()
    return _ENV.get_template("review_page.html.j2").render(
        page=True,
        doc=doc,
        p=doc.protocol,
        lines=segment(doc.text, list(doc.marks)),
        types=TYPES,
        legend=[entry for entry in TYPES.values() if entry[0] in used],
        long_span=LONG_SPAN,
        data={"long_span": LONG_SPAN, "items": items},
        script=script,
        script_hash=script_hash,
    )


def render_index(documents: list[Document], corpus: list[str], skipped: list[str]) -> str:
    """The overview of all documents, linking each review page and the corpus files."""
    return _ENV.get_template("review_index.html.j2").render(
        documents=documents,
        counts={
            d.stem: {plural: len(getattr(d.protocol, c)) for c, (_, _, plural) in TYPES.items()}
            for d in documents
        },
        columns=[plural for _, _, plural in TYPES.values()],
        corpus=corpus,
        skipped=skipped,
    )


def write_review(out_dir: Path, inputs: list[Path]) -> list[Path]:
    """Write OUT_DIR/review/<stem>.html for each output whose input is among INPUTS, and index.html."""
    documents, skipped = load_documents(out_dir, inputs)
    review_dir = out_dir / "review"
    review_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for doc in documents:
        if doc.text is not None:
            page = review_dir / f"{doc.stem}.html"
            write_atomic(page, render_page(doc), mode=0o644)  # readable by a web server or another user
            written.append(page)
    corpus_dir = out_dir / "corpus"
    corpus = sorted(p.name for p in corpus_dir.iterdir() if p.is_file()) if corpus_dir.is_dir() else []
    index = review_dir / "index.html"
    write_atomic(index, render_index(documents, corpus, skipped), mode=0o644)
    written.append(index)
    return written


@contextmanager
def browser(user_data_dir: Path) -> Iterator[Any]:
    """A Playwright context on Debian's headless Chromium with a fresh profile (needs the dev extras)."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: run scripts/install-chromium.sh")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            user_data_dir,
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1440, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


def screenshot(context: Any, pages: list[Path]) -> list[Path]:
    """Save <page>.png beside each page, to see what a reviewer sees without opening a browser."""
    tab = context.new_page()
    shots: list[Path] = []
    for page in pages:
        tab.goto(page.resolve().as_uri())
        shot = page.with_suffix(".png")
        tab.screenshot(path=shot)
        shots.append(shot)
    tab.close()
    return shots


_OutDir = Annotated[Path, typer.Argument(exists=True, file_okay=False, help="Directory of the output JSON.")]
_Inputs = Annotated[list[Path], typer.Argument(exists=True, help="Input files or directories.")]
_Screenshots = Annotated[bool, typer.Option(help="Also save a PNG of each page (playwright, chromium).")]


def register(app: typer.Typer) -> None:
    """Add the ``review`` command to the CLI."""

    @app.command("review")
    def review(out_dir: _OutDir, inputs: _Inputs, screenshots: _Screenshots = False) -> None:
        """Write HTML review pages for the extracted documents."""
        pages = write_review(out_dir, inputs)
        for page in pages:
            typer.echo(page)
        if screenshots:
            with tempfile.TemporaryDirectory() as profile, browser(Path(profile)) as context:
                for shot in screenshot(context, pages):
                    typer.echo(shot)
        if len(pages) == 1:
            typer.echo("no output JSON matched an input file", err=True)
            raise typer.Exit(1)
