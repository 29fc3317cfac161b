"""MediaWiki: ``== … ==`` headings, ``'''bold'''``, ``*``/``#`` lists, ``{| … |}`` tables (a row per
``|-``), ``[[links]]`` as their text, templates reduced to their text; comments, files and
references left out."""

from __future__ import annotations

import re

from ..blocks import Layout
from ..rules import RULES
from ..text import MappedText, Piece
from .rewritten import Counter, inline, read


class _Lines:
    """The line pass: tables and lists need to know where they are."""

    def __init__(self) -> None:
        self.in_table = self.in_row = False
        self.counter = Counter()

    def __call__(self, m: re.Match[str]) -> str | list[Piece]:
        kind = m.lastgroup
        if kind == "heading":
            return ["#" * len(m.group("eq")) + " ", m.span("inner")]
        if kind == "item":
            marks = m.group("marks")
            depth = len(marks) - 1
            if marks[-1] == "#":
                return self.counter.number(m, depth)
            return "   " * depth + "- " if marks[-1] == "*" else ""
        if kind == "open":
            self.in_table, self.in_row = True, False
            return ""
        if not self.in_table:
            return [m.span()] if kind in ("cell", "cellsep", "rowsep", "close", "caption") else ""
        if kind in ("rowsep", "close"):
            closing = " |" if self.in_row else ""
            self.in_row, self.in_table = False, kind == "rowsep"
            return closing
        if kind == "cell":
            first = not self.in_row
            self.in_row = True
            return "\n| " if first else " | "
        if kind == "cellsep":
            return " | "
        return ""


def _inline(m: re.Match[str]) -> list[Piece]:
    if m.lastgroup == "template":  # {{Name}} is its name, {{Name|a|b=c}} its arguments' text
        args = [(m.start("targs") + a.start(1), m.start("targs") + a.end(1))
                for a in re.finditer(r"\|(?:[^|=]*=)?[ \t]*([^|]*?)[ \t]*(?=\||$)", m.group("targs")) if a.group(1)]
        if not args:
            return [m.span("tname")]
        return [p for k, a in enumerate(args) for p in ((", ", a) if k else (a,))]
    return inline(m)


def parse(clean: MappedText) -> Layout:
    return read(clean, "mediawiki", (RULES.rx("mediawiki_lines"), _Lines()), (RULES.rx("mediawiki_inline"), _inline))
