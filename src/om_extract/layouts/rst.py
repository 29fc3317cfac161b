"""reStructuredText: titles underlined (or over- and underlined) with any punctuation, their
levels in the order the styles first appear; field lists (``:Datum: …``) as header fields,
bullet and auto-numbered lists, grid and simple tables as ``| … |`` rows; comments, directives
and targets left out."""

from __future__ import annotations

import re

from ..blocks import Layout
from ..rules import RULES
from ..text import MappedText, Piece
from .rewritten import Counter, inline, read


class _Lines:
    def __init__(self) -> None:
        self.styles: list[tuple[str, bool]] = []  # adornment styles in order of appearance
        self.counter = Counter()

    def __call__(self, m: re.Match[str]) -> str | list[Piece]:
        kind = m.lastgroup
        if kind == "heading":
            over = m.group("over")
            if len(m.group("under")) < len(m.group("inner")) or (over and over != m.group("uc")):
                return [m.span()]  # a line over a shorter rule is text, not a title
            style = (m.group("uc"), bool(over))
            if style not in self.styles:
                self.styles.append(style)
            return ["#" * min(6, self.styles.index(style) + 1) + " ", m.span("inner")]
        if kind == "simple":
            return _simple_table(m)
        if kind == "grid":  # "+====+" closes a header row; the other rules only frame
            return "|---|\n" if "=" in m.group() else ""
        if kind == "field":
            return [m.span("fname"), ": "]
        if kind == "item":
            return self.counter.number(m, 0) if m.group("auto") else [m.span("lead"), "- "]
        return ""  # comments, directives, targets; a literal block's "::" keeps one colon


def _simple_table(m: re.Match[str]) -> list[Piece]:
    """A simple table's lines as pipe rows; its columns are where the border's "=" runs are."""
    lines = m.group().split("\n")
    columns = [c.span() for c in re.finditer(r"=+", lines[0])]
    pieces: list[Piece] = []
    pos, borders = m.start(), 0
    for line in lines:
        if re.fullmatch(r"=+(?:[ \t]+=+)+[ \t]*", line):
            borders += 1
            pieces.append("|---|\n" if borders == 2 and m.group().count("\n=") >= 2 else "")
        elif line.strip():
            cells = [(columns[k][0], columns[k + 1][0] if k + 1 < len(columns) else len(line))
                     for k in range(len(columns))]
            row: list[Piece] = ["|"]
            for s, e in cells:
                text = line[s:e]
                lead = len(text) - len(text.lstrip())
                row += [" ", (pos + s + lead, pos + s + len(text.rstrip())), " |"]
            pieces += [*row, "\n"]
        pos += len(line) + 1
    return pieces


def parse(clean: MappedText) -> Layout:
    return read(clean, "rst", (RULES.rx("rst_lines"), _Lines()), (RULES.rx("rst_inline"), inline))
