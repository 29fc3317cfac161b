"""Render the seeds as published PDF minutes: a DOCX (python-docx) typeset by LibreOffice.

``python bench/office/render_pdf.py [SEEDS] [OUT]`` writes ``OUT/<stem>.pdf`` (default
``bench/office/pdf``; needs ``soffice``). PDF-text seeds become one paragraph per line (the
line breaks are the original document's); Markdown seeds become headings, paragraphs and real
Word tables for their tab-separated rows, with bold runs. Every page gets a running header and a
"Seite N von M" footer, as published minutes have.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

_INLINE = re.compile(r"<b>(.*?)</b>|\*\*(.+?)\*\*", re.S)
_TAGS = re.compile(r"</?(?:p|span|i|u|br)\b[^>]*>")
_PRIVATE = re.compile(r"[\ue000-\uf8ff]")


def _runs(par, text: str) -> None:
    """Add ``text`` to the paragraph, with ``<b>``/``**`` runs bold."""
    text = _PRIVATE.sub("•", text)
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            par.add_run(_TAGS.sub("", text[pos : m.start()]))
        par.add_run(_TAGS.sub("", m.group(1) or m.group(2))).bold = True
        pos = m.end()
    if pos < len(text):
        par.add_run(_TAGS.sub("", text[pos:]))


def _field(par, instr: str) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    run.append(t)
    fld.append(run)
    par._p.append(fld)


def _page_furniture(doc, title: str) -> None:
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(1.8)
    sec.top_margin = sec.bottom_margin = Cm(2)
    sec.header.paragraphs[0].text = title
    foot = sec.footer.paragraphs[0]
    foot.add_run("Seite ")
    _field(foot, "PAGE")
    foot.add_run(" von ")
    _field(foot, "NUMPAGES")


def _plain_lines(doc, text: str) -> None:
    for line in text.split("\n"):
        par = doc.add_paragraph()
        par.paragraph_format.space_after = Pt(0)
        _runs(par, line.rstrip())


def _cell_paragraphs(cell, text: str) -> None:
    parts = [p for p in re.split(r"</p>\s*<p>|</?p>", text) if p.strip()] or [""]
    first = True
    for part in parts:
        par = cell.paragraphs[0] if first else cell.add_paragraph()
        _runs(par, part.strip())
        first = False


def _markdown(doc, text: str) -> None:
    rows: list[list[str]] = []

    def flush() -> None:
        if not rows:
            return
        width = max(len(r) for r in rows)
        table = doc.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for r, cells in enumerate(rows):
            for c, cell in enumerate(cells):
                _cell_paragraphs(table.cell(r, c), cell)
        rows.clear()

    for line in text.split("\n"):
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush()
        if not line.strip():
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            doc.add_heading(level=min(len(m.group(1)), 3)).add_run(m.group(2).strip())
        else:
            _runs(doc.add_paragraph(), _TAGS.sub("", line.strip()))
    flush()


def render_docx(seed: Path, out: Path) -> Path:
    """The seed as a Word document in ``out``."""
    text = seed.read_text(encoding="utf-8")
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Liberation Sans", Pt(10)
    title = next((line.strip() for line in text.split("\n") if line.strip() and not line.startswith("#")), "")
    _page_furniture(doc, _TAGS.sub("", title)[:80])
    if seed.suffix == ".md" or re.search(r"^#{1,6}\s", text, re.M):
        _markdown(doc, text)
    else:
        _plain_lines(doc, text)
    path = out / f"{seed.stem}.docx"
    doc.save(path)
    return path


def to_pdf(docx: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out), str(docx)],
            check=True, capture_output=True, timeout=300,
        )


def main() -> None:
    seeds = Path(sys.argv[1] if len(sys.argv) > 1 else "seeds")
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "bench/office/pdf")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for seed in sorted(seeds.glob("*.txt")) + sorted(seeds.glob("*.md")):
            to_pdf(render_docx(seed, Path(tmp)), out)
            print(out / f"{seed.stem}.pdf")


if __name__ == "__main__":
    main()
