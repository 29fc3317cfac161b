"""One backend per input layout; each turns cleaned text into a ``Layout`` of blocks."""

from __future__ import annotations

from ..blocks import Layout
from ..models import Format
from ..text import MappedText
from . import groff, html, latex, lines, markdown


def build_layout(fmt: Format, clean: MappedText) -> Layout:
    if fmt == "html":
        return html.parse(clean)
    if fmt == "markdown":
        return markdown.parse(clean)
    if latex.LATEX.search(clean.text[:100_000]):
        return latex.parse(clean)
    if len(groff.GROFF.findall(clean.text[:100_000])) >= 3:
        return groff.parse(clean)
    return lines.parse(clean, fmt)
