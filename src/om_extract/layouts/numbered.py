"""Sources rewritten into Markdown-like lines (LaTeX, groff) whose headings a typesetter numbers."""

from __future__ import annotations

from ..blocks import Layout
from ..text import MappedText
from .markdown import blocks_of


class HeadingNumbers:
    """The numbers a typesetter prints before headings, in source order: 1, 2, 2.1, …; None for
    an unnumbered heading (``\\section*``, ``.SH``, a title)."""

    def __init__(self, depth: int = 4) -> None:
        self.counters = [0] * depth
        self.numbers: list[str | None] = []

    def numbered(self, depth: int) -> None:
        depth = min(depth, len(self.counters) - 1)
        self.counters[depth] += 1
        self.counters[depth + 1 :] = [0] * (len(self.counters) - depth - 1)
        self.numbers.append(".".join(str(c) for c in self.counters[: depth + 1]))

    def unnumbered(self) -> None:
        self.numbers.append(None)


def layout(clean: MappedText, rewritten: MappedText, numbers: HeadingNumbers) -> Layout:
    """Read the rewritten lines like Markdown and give the headings their printed numbers (when
    every heading came from a counted command)."""
    mapped = clean.compose(rewritten)
    blocks = blocks_of(mapped.text, [])
    heads = [b for b in blocks if b.kind == "heading"]
    if len(heads) == len(numbers.numbers):
        for b, n in zip(heads, numbers.numbers, strict=True):
            b.number = n
    return Layout("plain", mapped, blocks)
