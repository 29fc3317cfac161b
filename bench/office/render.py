"""Render minutes written as Markdown-like text into Word (.docx) and, with LibreOffice, into
OpenDocument (.odt): the office renderings the issue-16 readers are measured on.

    python bench/office/render.py SOURCE... OUT_DIR

The source convention is what Word leaves in a text export: ``#`` headings become Word headings
(Heading n), a line with tabs is a table row (consecutive rows one table; ``<p>`` inside a cell
separate paragraphs), ``- ``/``  - `` lines bullets (List Bullet, List Bullet 2), ``**x**`` and
``<b>x</b>`` bold runs; other tags are dropped, Markdown links keep their label. Every other
line is one paragraph; a line ``<br>`` is an empty paragraph. ``soffice --headless --convert-to odt``
makes the ODT from the DOCX."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx

_BOLD = re.compile(r"(\*\*|</?b>|</?strong>)")
_TAG = re.compile(r"</?(?!b>|/b>)[a-zA-Z][^>]*>")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def _runs(paragraph, text: str) -> None:
    """Add text with its bold runs (``**``/``<b>`` toggles) to a Word paragraph."""
    text = _LINK.sub(r"\1", _TAG.sub("", text))
    bold = False
    for piece in _BOLD.split(text):
        if _BOLD.fullmatch(piece):
            bold = not piece.startswith("</") and (piece != "**" or not bold)
            continue
        if piece:
            run = paragraph.add_run(piece.replace("&amp;", "&"))
            run.bold = bold or None


def _cell(cell, text: str) -> None:
    """A cell's paragraphs (``<p>``) and bullets (``<li>``, their typed glyph dropped)."""
    parts = re.findall(r"<(p|li)\b[^>]*>(.*?)</\1>", text) if re.search(r"<(?:p|li)\b", text) else [("p", text)]
    for k, (tag, part) in enumerate(parts):
        para = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        if tag == "li":
            para.style = "List Bullet"
            part = part.lstrip("• ")
        _runs(para, part.strip())


def render(source: str, target: Path) -> None:
    document = docx.Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if not rows:
            return
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                _cell(table.cell(i, j), text)
        rows.clear()

    for line in source.split("\n"):
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush()
        if not line.strip():
            continue
        if line.strip() == "<br>":  # an empty paragraph: the author's spacing
            document.add_paragraph()
            continue
        if m := re.match(r"^(#{1,6})\s+(.*)", line):
            document.add_heading(_TAG.sub("", m.group(2)).replace("**", ""), level=len(m.group(1)))
        elif m := re.match(r"^( *)[-•]\s+(.*)", line):
            _runs(document.add_paragraph(style="List Bullet 2" if m.group(1) else "List Bullet"), m.group(2))
        else:
            _runs(document.add_paragraph(), line.strip())
    flush()
    document.save(target)


def main(args: list[str]) -> None:
    *sources, out = args
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    for src in map(Path, sources):
        target = out_dir / f"{src.stem}.docx"
        render(src.read_text(encoding="utf-8"), target)
        made.append(target)
    convert(made, "odt", out_dir)


def convert(files: list[Path], fmt: str, out_dir: Path) -> bool:
    """Convert documents with LibreOffice (a fresh profile, so a running instance does not
    interfere); False where it is not installed."""
    soffice = shutil.which("soffice")
    if soffice:
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
                            "--outdir", str(out_dir), *map(str, files)], check=True, capture_output=True)
    return soffice is not None


if __name__ == "__main__":
    main(sys.argv[1:])
