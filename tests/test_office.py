"""Office documents (issue 16): recognised by content, refused with one clear reason when they
are no DOCX/ODT/PDF we can read, and ``om-extract text`` prints what the spans point into."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from om_extract.models import Protocol
from om_extract.office import sniff
from om_extract.pipeline import extract_bytes
from om_extract.reader import InputError, read_bytes

ROOT = Path(__file__).resolve().parents[1]
SEED = sorted((ROOT / "seeds").glob("001_*.txt"))[0]


ODT_MIME = b"application/vnd.oasis.opendocument.text"
ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"')


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def _odt(body: str, styles: str = "") -> bytes:
    """A minimal ODT: ``body`` inside office:text, ``styles`` as its automatic styles."""
    return _zip({"mimetype": ODT_MIME, "content.xml": (
        f"<office:document-content {ODT_NS}><office:automatic-styles>{styles}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>").encode()})


@pytest.mark.parametrize(("raw", "reason"), [
    (_zip({"photos/a.jpg": b"\xff\xd8\xff"}), "no Word (.docx) or OpenDocument text (.odt)"),
    (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "no Word (.docx) or OpenDocument text"),
    (b"PK\x03\x04" + bytes(300), "damaged ZIP or Office document"),
    (_zip({"word/document.xml": b"<w:document"}), "damaged DOCX"),
    (_zip({"mimetype": ODT_MIME, "content.xml": b"<office:document-content"}), "damaged ODT"),
    (_zip({"mimetype": ODT_MIME, "META-INF/manifest.xml": b"<manifest:encryption-data/>", "content.xml": b"\x8f"}),
     "encrypted (password-protected) ODT"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "password-protected .docx"),
])
def test_unreadable_office_files_get_one_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=None) as err:
        read_bytes(raw)
    assert reason in str(err.value)


def test_formats_are_recognised_by_content_not_name() -> None:
    assert sniff(b"%PDF-1.7\n") == "pdf"
    assert sniff(_zip({"mimetype": ODT_MIME, "content.xml": b""})) == "odt"
    assert sniff(_zip({"[Content_Types].xml": b"", "word/document.xml": b""})) == "docx"
    assert sniff(SEED.read_bytes()) is None


def test_text_command_prints_what_spans_point_into(tmp_path: Path) -> None:
    raw = SEED.read_bytes().replace(b"\n", b"\r\n")  # CRLF: offsets are into the decoded text, not the cleaned one
    path = tmp_path / "minutes.txt"
    path.write_bytes(raw)
    run = subprocess.run([sys.executable, "-c", "from om_extract.cli import main; main()", "text", str(path)],
                         capture_output=True, check=True)
    text = run.stdout.decode("utf-8")
    protocol = extract_bytes(raw, path.name, None)
    assert text == read_bytes(raw).raw_text
    spans = [(p.name, s) for p in protocol.persons for s in p.spans]
    assert spans
    for name, (s, e) in spans:
        assert name.split()[-1] in text[s:e]


def test_text_command_names_the_file_and_problem(tmp_path: Path) -> None:
    path = tmp_path / "scan.docx"
    path.write_bytes(_zip({"img.png": b"\x89PNG"}))
    run = subprocess.run([sys.executable, "-c", "from om_extract.cli import main; main()", "text", str(path)],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and str(path) in run.stderr and "Traceback" not in run.stderr


def test_docx_text_has_headings_numbers_rows_bullets_and_bold_but_no_running_header_or_page_break() -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    d.add_heading("Tagesordnung", level=1)
    for title in ("Begrüßung", "Kassenbericht", "Verschiedenes"):
        d.add_paragraph(title, style="List Number")
    table = d.add_table(rows=2, cols=3)
    for r, row in enumerate((("1.", "Begrüßung", "18:00"), ("2.", "Kassenbericht", "18:10"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    p = d.add_paragraph("Frau Ostwald ")
    p.add_run("begrüßt").bold = True
    p.add_run(" alle.")
    d.add_paragraph("Punkt eins", style="List Bullet")
    d.styles.add_style("Beschlusstext", WD_STYLE_TYPE.PARAGRAPH).font.bold = True
    d.add_paragraph("Beschluss: angenommen.", style="Beschlusstext").add_run().add_break(WD_BREAK.PAGE)
    d.sections[0].header.paragraphs[0].text = "Kopfzeile Ruderverein"
    buf = io.BytesIO()
    d.save(buf)
    decoded = read_bytes(buf.getvalue())
    assert (decoded.format, decoded.layout) == ("docx", "markdown")
    assert decoded.raw_text == ("# Tagesordnung\n\n1. Begrüßung\n2. Kassenbericht\n3. Verschiedenes\n\n"
                                "1.\tBegrüßung\t18:00\n2.\tKassenbericht\t18:10\n\n"
                                "Frau Ostwald **begrüßt** alle.\n\n- Punkt eins\n\n**Beschluss: angenommen.**\n")


OFFICE = ROOT / "tests" / "fixtures" / "office"
TWINS = sorted(p for p in OFFICE.glob("docx_*") if p.suffix in (".md", ".txt"))


def _content(raw: bytes, name: str) -> dict:
    """The output without what must differ between a document and its text twin: source and spans."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("spans", "source")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(extract_bytes(raw, name, None).model_dump())


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
@pytest.mark.parametrize("twin", TWINS, ids=lambda p: p.stem)
def test_office_fixture_gives_the_output_of_its_text_twin(twin: Path, suffix: str) -> None:
    office = twin.with_suffix(suffix)
    raw = office.read_bytes()
    got = _content(raw, office.name)
    assert got == _content(twin.read_bytes(), twin.name)
    assert got["agenda"] and len(got["sections"]) >= 4 and got["decisions"]
    text = read_bytes(raw).raw_text
    protocol = extract_bytes(raw, office.name, None)
    assert protocol.source.format == suffix[1:]
    for person in protocol.persons:  # every span points into the extracted text
        for s, e in person.spans:
            assert person.name.split()[-1] in text[s:e]


def test_bad_office_files_in_a_batch_get_one_line_each_and_the_rest_is_written(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from om_extract.cli import extract_app

    inputs = tmp_path / "in"
    inputs.mkdir()
    good = OFFICE / "docx_vorstand_bibliothek.docx"
    (inputs / "good.docx").write_bytes(good.read_bytes())
    (inputs / "good.odt").write_bytes(good.with_suffix(".odt").read_bytes())
    (inputs / "photos.docx").write_bytes(_zip({"img/a.jpg": b"\xff\xd8\xff"}))
    (inputs / "locked.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    (inputs / "cut.odt").write_bytes(good.with_suffix(".odt").read_bytes()[:5000])
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        run = CliRunner().invoke(extract_app, ["-q", "--jobs", jobs, str(inputs), str(out)], catch_exceptions=False)
        lines = run.stderr.strip().splitlines()
        assert run.exit_code == 1 and len(lines) == 3 and "Traceback" not in run.stderr
        assert all(line.startswith(f"om-extract: {inputs}/") for line in lines)
        assert sorted(p.name for p in out.glob("*.json")) == ["good.json", "good__2.json"]


def test_a_document_that_unpacks_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from om_extract import office

    monkeypatch.setattr(office, "_MAX_UNPACKED", 10_000)
    with pytest.raises(InputError, match="unpacks to more than"):
        read_bytes((OFFICE / "docx_mv_ruderclub.docx").read_bytes())


def test_docx_list_through_a_list_style_gets_that_styles_numbers() -> None:
    """Templates number their TOPs through a list style: the list's abstract numbering only links
    to the style (numStyleLink); the levels are where the style is defined (styleLink)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    numbering = d.part.numbering_part.element
    level = '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="80"><w:styleLink w:val="TOPListe"/>'
                                  f'{level}</w:abstractNum>'))
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="81"><w:numStyleLink w:val="TOPListe"/>'
                                  '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="85"><w:abstractNumId w:val="81"/></w:num>'))
    for title in ("Begrüßung", "Bericht"):
        p = d.add_paragraph(title)
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="85"/></w:numPr>'))
    buf = io.BytesIO()
    d.save(buf)
    assert read_bytes(buf.getvalue()).raw_text == "I. Begrüßung\nII. Bericht\n"


def test_spans_text_of_a_document_that_no_longer_reads_is_its_bytes() -> None:
    """eval and review read the inputs again: a damaged one costs its grounding, not the run."""
    from om_extract.reader import spanned_text

    assert spanned_text(b"PK\x03\x04" + b"x" * 40, "utf-8") == "PK\x03\x04" + "x" * 40


def test_text_command_names_a_too_deeply_nested_document_without_a_traceback(tmp_path: Path) -> None:
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    body = "<text:span>" * 5000 + "Protokoll" + "</text:span>" * 5000
    content = (f"<office:document-content {ns}><office:body><office:text><text:p>{body}</text:p>"
               "</office:text></office:body></office:document-content>")
    path = tmp_path / "nested.odt"
    path.write_bytes(_zip({"mimetype": ODT_MIME, "content.xml": content.encode()}))
    run = subprocess.run([sys.executable, "-c", "from om_extract.cli import main; main()", "text", str(path)],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr == f"om-extract: {path}: input too deeply nested\n"


def test_odt_blank_runs_are_capped_and_a_count_that_is_no_number_is_one_blank() -> None:
    """A 2 KB file must not ask for gigabytes of blanks (the batch would die of memory)."""
    text = read_bytes(_odt('<text:p>Herr<text:s text:c="3000000000"/>Kranich'
                           '<text:s text:c="viele"/>und<text:s text:c="3"/>Frau Elster</text:p>')).raw_text
    huge, rest = text.split("Kranich")
    assert 1 < len(huge) - len("Herr") <= 1000
    assert rest == " und   Frau Elster\n"


def test_odt_numbered_lists_apart_stay_apart_even_when_an_empty_list_lies_between() -> None:
    """Each list restarts its numbers and is set apart: list identity is not an object's memory
    address, which CPython hands to a new list once the old one is freed."""
    style = ('<text:list-style style:name="Nummern"><text:list-level-style-number text:level="1" '
             'style:num-format="1" style:num-suffix="."/></text:list-style>')

    def numbered(*items: str) -> str:
        return ('<text:list text:style-name="Nummern">' + "".join(
            f"<text:list-item><text:p>{t}</text:p></text:list-item>" if t else "<text:list-item/>" for t in items)
                + "</text:list>")

    text = read_bytes(_odt(numbered("Eins", "Zwei") + numbered("") + numbered("Drei"), style)).raw_text
    assert text == "1. Eins\n2. Zwei\n\n1. Drei\n"


def _grounded_words(value: object) -> list[tuple[list[str], list[tuple[int, int]]]]:
    """Every grounded item of an output: the words of its name, title and text, and its spans."""
    if isinstance(value, list):
        return [g for v in value for g in _grounded_words(v)]
    if not isinstance(value, dict):
        return []
    found = [g for k, v in value.items() if k != "spans" for g in _grounded_words(v)]
    if value.get("spans"):
        fields = " ".join(str(value.get(k) or "") for k in ("name", "title", "text"))
        found.append((re.findall(r"\w+", fields), value["spans"]))
    return found


def _extracted_with_text(path: Path) -> tuple[Protocol, str]:
    """The output of an office file and the text ``om-extract text`` prints for it."""
    run = subprocess.run([sys.executable, "-c", "from om_extract.cli import main; main()", "text", str(path)],
                         capture_output=True, check=True)
    return extract_bytes(path.read_bytes(), path.name, None), run.stdout.decode("utf-8")


def _assert_spans_read_their_words(protocol: Protocol, text: str) -> None:
    """Every grounded item's words, in order, begin words of the text its spans cut out ("Vereins": "Verein")."""
    for words, spans in _grounded_words(protocol.model_dump()):
        spanned = iter(re.findall(r"\w+", " ".join(text[s:e] for s, e in spans)))
        assert all(any(sw.startswith(w) for sw in spanned) for w in words), (words, [text[s:e] for s, e in spans])


def test_docx_body_table_cell_with_angle_brackets_and_ampersands_is_text_not_html(tmp_path: Path) -> None:
    """A cell of a minutes table is put into HTML: its "<Name>" must not be read as a tag nor its
    "&amp;" as an entity; the spans still read their words in what ``om-extract text`` prints."""
    import docx

    d = docx.Document()
    d.add_heading("Protokoll der Vorstandssitzung des Kanuvereins Auental", level=1)
    d.add_paragraph("Anwesend: Frau Greta Lindholm, Herr Oskar Pfeifer")
    table = d.add_table(rows=2, cols=2)
    filler = "Der Vorstand bespricht den Stand der Arbeiten am Bootshaus und die Angebote. " * 6  # a body cell
    for r, (title, body) in enumerate((("Bootshaus", "Das Angebot von Müller & Söhne <GmbH> liegt vor. "),
                                       ("Verschiedenes", "Frau Lindholm schreibt A &amp; B. "))):
        table.cell(r, 0).text = f"{r + 1}."
        table.cell(r, 1).paragraphs[0].add_run(title).bold = True
        table.cell(r, 1).add_paragraph(body + filler)
    path = tmp_path / "vorstand.docx"
    d.save(path)
    protocol, text = _extracted_with_text(path)
    assert [s.title for s in protocol.sections] == ["Bootshaus", "Verschiedenes"]
    assert protocol.sections[0].text.startswith("Das Angebot von Müller & Söhne <GmbH> liegt vor.")
    assert protocol.sections[1].text.startswith("Frau Lindholm schreibt A &amp; B.")
    assert len(_grounded_words(protocol.model_dump())) >= 4
    _assert_spans_read_their_words(protocol, text)


def test_docx_paragraphs_and_headings_with_angle_brackets_and_ampersands_are_text_not_markup(tmp_path: Path) -> None:
    """Word paragraphs go to the Markdown backend: "<GmbH>" must not be read as a tag nor a written
    "&amp;" as an entity, in a heading, a paragraph or a small table; the spans still read their words."""
    import docx

    d = docx.Document()
    d.add_heading("Protokoll der Vorstandssitzung des Kanuvereins Auental", level=1)
    d.add_heading("1. Angebot von Müller & Söhne <GmbH>", level=2)
    d.add_paragraph("Das Angebot von Müller & Söhne <GmbH> liegt vor; es gilt a < b und c > d.")
    d.add_paragraph("Beschluss: Der Vorstand nimmt das Angebot von Müller & Söhne <GmbH> an.")
    d.add_heading("2. Verschiedenes", level=2)
    d.add_paragraph("Frau Greta Lindholm schreibt A &amp; B und <b>fett</b> &lt;.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Kasse <neu>", "&amp; 5 €"
    path = tmp_path / "vorstand.docx"
    d.save(path)
    protocol, text = _extracted_with_text(path)
    assert [s.title for s in protocol.sections] == ["Angebot von Müller & Söhne <GmbH>", "Verschiedenes"]
    assert protocol.sections[0].text.startswith("Das Angebot von Müller & Söhne <GmbH> liegt vor; es gilt a < b und c > d.")
    assert protocol.decisions[0].text == "Der Vorstand nimmt das Angebot von Müller & Söhne <GmbH> an."
    assert protocol.sections[1].text.startswith("Frau Greta Lindholm schreibt A &amp; B und <b>fett</b> &lt;.")
    assert "Kasse <neu>" in protocol.sections[1].text and "&amp; 5 €" in protocol.sections[1].text
    _assert_spans_read_their_words(protocol, text)
