"""DokuWiki: ``====== … ======`` headings (six signs the top level), items indented two blanks a
level (``*`` bullets, ``-`` numbered), ``^``/``|`` tables, ``[[links|text]]``; media and
footnotes left out."""

from __future__ import annotations

import re

from ..blocks import Layout
from ..rules import RULES
from ..text import MappedText, Piece
from .rewritten import Counter, inline, read


class _Lines:
    def __init__(self) -> None:
        self.counter = Counter()

    def __call__(self, m: re.Match[str]) -> str | list[Piece]:
        kind = m.lastgroup
        if kind == "heading":
            return ["#" * (7 - len(m.group("eq"))) + " ", m.span("inner")]
        if kind == "item":
            depth = len(m.group("lead").expandtabs(2)) // 2 - 1
            return self.counter.number(m, depth) if m.group("mark") == "-" else "   " * depth + "- "
        if kind == "row":  # "^ Name ^ Stimmen ^": header cells are cells
            pieces: list[Piece] = []
            pos = m.start()
            for sep in re.finditer(r"\^", m.group()):
                pieces += [(pos, m.start() + sep.start()), "|"]
                pos = m.start() + sep.end()
            return [*pieces, (pos, m.end())]
        return ""


def _inline(m: re.Match[str]) -> str | list[Piece]:
    return "\n" if m.lastgroup == "newline" else inline(m)


def parse(clean: MappedText) -> Layout:
    return read(clean, "dokuwiki", (RULES.rx("dokuwiki_lines"), _Lines()), (RULES.rx("dokuwiki_inline"), _inline))
