"""AsciiDoc: ``=`` heading levels, ``:name: value`` attributes as header fields, ``*``/``-`` and
``.`` lists, ``|===`` tables as ``| … |`` rows (cells one a line or several), links as their
text; comments, block delimiters, block attributes and configuring attributes left out."""

from __future__ import annotations

import re

from ..blocks import Layout
from ..rules import RULES
from ..text import MappedText, Piece
from .rewritten import Counter, inline, read

_CELL = re.compile(r"(?:^|(?<=\s))\|[ \t]*([^|\n]*?)[ \t]*(?=\s\||$)", re.M)


class _Lines:
    def __init__(self) -> None:
        self.counter = Counter()

    def __call__(self, m: re.Match[str]) -> str | list[Piece]:
        kind = m.lastgroup
        if kind == "heading":
            return ["#" * len(m.group("eq")) + " ", m.span("inner")]
        if kind == "attribute":
            if not m.group("avalue").strip() or RULES.rx("asciidoc_attributes_dropped").fullmatch(m.group("aname")):
                return ""
            return [m.span("aname"), ": ", m.span("avalue"), m.span("eol")]
        if kind == "table":
            return _table(m)
        if kind == "item":
            if m.group("dots"):
                return self.counter.number(m, len(m.group("dots")) - 1)
            return "   " * (len(m.group("stars")) - 1) + "- "
        return ""


def _table(m: re.Match[str]) -> list[Piece]:
    """Rows of as many cells as the first line holds; a first row set apart by a blank line is
    the header."""
    body, base = m.group("body"), m.start("body")
    first = next((line for line in body.split("\n") if line.strip()), "")
    width = max(1, len(_CELL.findall(first)))
    header = re.match(r"\s*[^\n]*\n[ \t]*\n", body) is not None and first.count("|") == width
    cells = [(base + c.start(1), base + c.end(1)) for c in _CELL.finditer(body)]
    pieces: list[Piece] = []
    for k in range(0, len(cells), width):
        pieces.append("|")
        for cell in cells[k : k + width]:
            pieces += [" ", cell, " |"]
        pieces.append("\n|---|\n" if header and k == 0 else "\n")
    return pieces


def parse(clean: MappedText) -> Layout:
    return read(clean, "asciidoc", (RULES.rx("asciidoc_lines"), _Lines()), (RULES.rx("asciidoc_inline"), inline))
