"""The one intermediate representation every layout backend produces.

Backends (``layouts/``) know markup; everything after them sees only ``Layout``: the cleaned,
offset-mapped text and its blocks (lines, bullets, headings, table rows) in document order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .models import Format, LayoutName
from .text import MappedText, Span

BlockKind = Literal["line", "bullet", "heading", "row"]


@dataclass
class Block:
    kind: BlockKind
    start: int  # content span in Layout.text (markers such as "## " or bullets excluded)
    end: int
    gap: int = 0  # blank lines before this block
    indent: int = 0  # leading blanks (a lost bullet glyph in PDF text)
    level: int = 0  # heading level
    number: str | None = None  # heading number when the markup makes it certain
    cells: list[Span] = field(default_factory=list)  # table row cells
    strong: list[Span] = field(default_factory=list)  # bold runs inside the block
    aside: Span | None = None  # text printed with a heading that is neither title nor body


@dataclass
class Layout:
    format: Format
    clean: MappedText
    blocks: list[Block]
    name: LayoutName = "text"  # the backend that read it (source.layout)
    left_out: list[Span] = field(default_factory=list)  # input spans that are no part of the minutes (an e-mail's envelope)

    @property
    def text(self) -> str:
        return self.clean.text

    def of(self, span: Span) -> str:
        return self.clean.text[span[0] : span[1]]

    def block_text(self, b: Block) -> str:
        return self.clean.text[b.start : b.end]


BULLET_GLYPHS = "•◦▪■●-–·"
"""The glyphs that mark a list item, one definition for the text layouts and the PDF reader."""
BULLET = re.compile(rf"^(?:[{re.escape(BULLET_GLYPHS)}o*]|\d+\)|[a-z]\))\s+")
"""A bullet glyph at the start of a line ("o" and "-" are what converters leave of real bullets)."""


def strip_span(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
