"""Typeset the seeds' Word renderings (``bench/office/docx``, made by ``render.py``) as PDF, the
way minutes are published: LibreOffice's PDF export, with a running header (the first line) and a
"Seite N von M" footer on every page added to the document first.

    python bench/office/render_pdf.py [DOCX_DIR] [OUT_DIR]     (default bench/office/docx → bench/office/pdf)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def _field(paragraph, instr: str) -> None:
    """A Word field (PAGE, NUMPAGES) that LibreOffice fills in on every page."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def with_page_furniture(source: Path, target: Path, header: str | None = None) -> None:
    """The document with a running header (``header``, else its first line) and a page footer."""
    document = docx.Document(str(source))
    title = header or next((p.text.strip() for p in document.paragraphs if p.text.strip()), "Protokoll")
    section = document.sections[0]
    section.header.paragraphs[0].text = title[:80]
    footer = section.footer.paragraphs[0]
    footer.add_run("Seite ")
    _field(footer, "PAGE")
    footer.add_run(" von ")
    _field(footer, "NUMPAGES")
    document.save(str(target))


def to_pdf(documents: list[str], out: Path, export: str = "pdf") -> None:
    """LibreOffice's PDF export of the documents into ``out`` (``export``: filter and options)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", export,
                        "--outdir", str(out), *documents], check=True, capture_output=True, timeout=600)


def main(args: list[str]) -> None:
    source = Path(args[0] if args else "bench/office/docx")
    out = Path(args[1] if len(args) > 1 else "bench/office/pdf")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        made = []
        for path in sorted(source.glob("*.docx")):
            target = Path(tmp) / path.name
            with_page_furniture(path, target)
            made.append(str(target))
        to_pdf(made, out)
    for path in sorted(out.glob("*.pdf")):
        print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
