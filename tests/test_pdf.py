"""PDF reading (issue 16): the text layer with its geometry gives the same minutes as their text.

The fixtures (tests/fixtures/office/make_pdf.py) are invented minutes typeset by LibreOffice on
A5 with a running header and a "Seite N von M" footer: one with a ruled agenda table that runs
over a page break, soft hyphens and Word headings; one in printed lines with bold numbered TOPs,
hyphenated line ends and indented lines."""

from __future__ import annotations

import ctypes
import io
import re
import time
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as fpdf
import pytest

from conftest import content_of
from om_extract.office import pdf
from om_extract.pipeline import extract_bytes
from om_extract.reader import InputError, read_bytes

OFFICE = Path(__file__).resolve().parent / "fixtures" / "office"
TABLE = OFFICE / "pdf_vorstand_kleingarten.pdf"
LINES = OFFICE / "pdf_mv_foerderverein.pdf"
BORDERLESS = OFFICE / "pdf_vorstand_kleingarten_ohne_linien.pdf"  # the table minutes, their tables without rules


@pytest.mark.parametrize(("pdf_file", "twin"), [(TABLE, TABLE.with_suffix(".md")), (BORDERLESS, TABLE.with_suffix(".md")),
                                               (LINES, LINES.with_suffix(".txt"))])
def test_pdf_gives_the_same_minutes_as_their_text(pdf_file: Path, twin: Path) -> None:
    got = extract_bytes(pdf_file.read_bytes(), pdf_file.name, None)
    want = extract_bytes(twin.read_bytes(), twin.name, None)
    assert got.source.format == "pdf"
    assert want.sections and want.decisions and want.agenda
    assert content_of(got.model_dump(mode="json")) == content_of(want.model_dump(mode="json"))


@pytest.mark.parametrize("pdf_file", [TABLE, LINES])
def test_spans_point_into_the_extracted_text(pdf_file: Path) -> None:
    text = read_bytes(pdf_file.read_bytes()).raw_text
    protocol = extract_bytes(pdf_file.read_bytes(), pdf_file.name, None)
    for person in protocol.persons:
        for s, e in person.spans:
            assert person.name.split()[-1] in text[s:e]


def test_running_headers_footers_and_page_numbers_are_left_out() -> None:
    for path, header in ((TABLE, "Erlengraben – Vorstand"), (LINES, "Stadtteilbibliothek – Mitgliederversammlung")):
        text, _ = pdf.extract(path.read_bytes())
        assert "Seite" not in text
        assert header not in text
        assert pdf.page_count(path.read_bytes()) >= 2


def test_hyphenated_line_ends_are_joined() -> None:
    table, _ = pdf.extract(TABLE.read_bytes())
    lines, _ = pdf.extract(LINES.read_bytes())
    for word in ("Mitgliedsbeiträgen", "Jahreshauptversammlung", "Saisonbeginn", "Gemeinschaftsflächen"):
        assert word in table
    assert "Kinderabteilung" in lines and "Jugendbereich." in lines
    assert "Kinder-" not in lines and "-\n" not in table


@pytest.mark.parametrize("path", [TABLE, BORDERLESS])
def test_a_table_over_a_page_break_gives_one_row_per_row(path: Path) -> None:
    """Cells from the rules, or without rules from the columns the words stand in."""
    text, layout = pdf.extract(path.read_bytes())
    rows = [line.split("\t") for line in text.split("\n") if "\t" in line]
    assert layout == "markdown"
    assert [r[0] for r in rows] == ["TOP", "1.", "2.", "3.", "4.", "5.", "6."]
    assert all(len(r) == 4 for r in rows)
    assert rows[4][1].startswith("**Fachberatung und Schnittkurse**") and "Aushang" in rows[4][1]
    assert rows[4][2] == "Tilda Harkort (Fachberaterin)"


def test_bold_and_headings_come_from_the_fonts() -> None:
    text, _ = pdf.extract(TABLE.read_bytes())
    assert "\n## TOP 3 Wasserleitungen im Gartenweg Süd\n" in text
    assert text.startswith("# Protokoll der Vorstandssitzung\n")
    assert "**Beschluss:** Der Vorstand" in text


def test_printed_lines_keep_their_bullets_and_paragraph_gaps() -> None:
    text, layout = pdf.extract(LINES.read_bytes())
    assert layout == "pdf_text"
    assert re.search(r"\n\n[•\ue000-\uf8ff] +Neue Regale im Jugendbereich\n", text)
    assert "auszurichten.\n\nBeschluss:" in text  # the empty line the page break moved


def _new_pdf(pages: list[list[tuple[float, float, str, float]]]) -> bytes:
    """A PDF of text objects (x, y, text, size) per page, made with PDFium itself."""
    doc = pdfium.PdfDocument.new()
    font = fpdf.FPDFText_LoadStandardFont(doc, b"Helvetica")
    for objects in pages:
        page = doc.new_page(595, 842)
        for x, y, text, size in objects:
            obj = fpdf.FPDFPageObj_CreateTextObj(doc, font, size)
            wide = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
            fpdf.FPDFText_SetText(obj, ctypes.cast(wide, fpdf.FPDF_WIDESTRING))
            fpdf.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
            fpdf.FPDFPage_InsertObject(page, obj)
        fpdf.FPDFPage_GenerateContent(page)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_a_scan_without_text_layer_gets_one_reason() -> None:
    with pytest.raises(InputError, match="without a text layer"):
        pdf.extract(_new_pdf([[], []]))


@pytest.mark.parametrize("raw", [b"%PDF-1.7\n" + bytes(range(256)) * 4, b"%PDF-1.4\n1 0 obj\n<<"])
def test_a_damaged_pdf_gets_one_reason(raw: bytes) -> None:
    with pytest.raises(InputError, match="PDF file that is damaged"):
        pdf.extract(raw)


def test_an_encrypted_pdf_gets_one_reason() -> None:
    with pytest.raises(InputError, match="PDF file that is encrypted"):
        pdf.extract((OFFICE / "pdf_encrypted.pdf").read_bytes())


def _page(k: int) -> list[tuple[float, float, str, float]]:
    """40 lines, each page's its own (a letter code of the page, digits aside)."""
    code = chr(97 + k // 26) + chr(97 + k % 26)
    return [(60, 780 - 14 * i, f"Zeile {i} im Abschnitt {code}: Bericht über die Sitzung", 10) for i in range(40)]


@pytest.mark.slow
def test_long_documents_and_many_small_objects_stay_linear() -> None:
    """300 pages cost about 30 times 10 pages; 5,000 one-letter objects about what their text
    costs as 100 lines (ratios in one run, generous bounds)."""
    def timed(raw: bytes) -> tuple[float, str]:
        t0 = time.perf_counter()
        text, _ = pdf.extract(raw)
        return time.perf_counter() - t0, text

    short, _ = timed(_new_pdf([_page(k) for k in range(10)]))
    long, text = timed(_new_pdf([_page(k) for k in range(300)]))
    assert text.count("Zeile 39 im") == 300 and text.count("Zeile 0 im") == 300
    assert long < 30 * short * 4

    word = "Beschluss"
    tiny = [[(40 + 10 * (i % 50), 800 - 8 * (i // 50), word[i % len(word)], 6) for i in range(5000)]]
    lines = [[(40, 800 - 8 * r, word * 6, 6) for r in range(100)]]
    t_tiny, text = timed(_new_pdf(tiny))
    t_lines, _ = timed(_new_pdf(lines))
    assert len(text.split()) >= 100
    assert t_tiny < 50 * max(t_lines, 1e-3)


def test_bench_leaves_out_the_pdftotext_ratio_where_poppler_is_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from om_extract import office_bench

    for path in (TABLE, LINES):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(office_bench.shutil, "which", lambda _name: None)
    figures = office_bench.pdf_reading(tmp_path, repeat=1)
    assert figures is not None and figures["documents"] == 2 and figures["over_pdftotext"] is None
    assert figures["pdftotext_ms_per_doc"] is None and figures["pages_per_s"] > 0


def _line(y: float, *words: tuple[str, float, float]) -> pdf.Line:
    return pdf.Line([pdf.Word(t, x0, x1, y, 10.0, False) for t, x0, x1 in words], y, 10.0)


@pytest.mark.parametrize(("first", "rest", "joined"), [
    (("Sitzungsvorbe", 105.0, 194.0), "reitung", "Sitzungsvorbereitung im Mai"),  # fills the cell: broken
    (("Jahresplanung", 105.0, 194.0), "und", "Jahresplanung und im Mai"),  # a word of its own opens the line
    (("Sitzungsvorbe", 105.0, 170.0), "reitung", "Sitzungsvorbe reitung im Mai"),  # room left: a wrap
])
def test_a_word_broken_in_a_narrow_cell_is_joined(first: tuple[str, float, float], rest: str, joined: str) -> None:
    cell = [_line(700, first), _line(688, (rest, 105.0, 140.0), ("im", 143.0, 152.0), ("Mai", 155.0, 175.0))]
    paras = pdf._cell(cell, 100.0, 200.0)  # rules at x 100 and 200: the text area ends at 195
    assert [p.plain for p in paras] == [joined]


@pytest.mark.parametrize(("text_x", "table"), [(78.0, False), (200.0, True)])
def test_numbers_before_a_hanging_indent_are_a_list_far_apart_a_table(text_x: float, table: bool) -> None:
    lines = [_line(700 - 14 * k, (f"{k + 1}.", 60.0, 70.0), ("Bericht", text_x, text_x + 40), ("folgt", text_x + 43, text_x + 70))
             for k in range(3)]
    rows, rest, _ = pdf._aligned_tables(lines, None)
    assert (len(rows), len(rest)) == ((3, 0) if table else (0, 3))


def test_pdf_bullets_are_the_glyphs_the_text_layouts_know_plus_symbol_font_ones() -> None:
    """One definition of the bullet glyphs: a glyph the text layouts read as a bullet is one in a
    PDF too, alone before a paragraph and as a list label in a column; 'o' and '*' (converter
    leftovers in plain text) and letters are no PDF bullets."""
    from om_extract.blocks import BULLET, BULLET_GLYPHS

    for glyph in BULLET_GLYPHS + "\uf0b7":  # U+F0B7: Symbol font's bullet
        assert pdf._BULLET_GLYPH.match(glyph) and pdf._LABEL.match(glyph), glyph
        assert glyph == "\uf0b7" or BULLET.match(f"{glyph} Punkt"), glyph
    for other in ("o", "*", "x", "••"):
        assert not pdf._BULLET_GLYPH.match(other), other
