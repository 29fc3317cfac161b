"""Text markups (Org-mode, reStructuredText, AsciiDoc, wikis) rewritten into Markdown-like lines.

Each backend rewrites its line structure (headings as ``#``, items as ``-``, table rows as
``| … |``) and then its inline markup, keeping the source spans of the text it keeps; the result is
read like Markdown, so the same minutes give the same tree in any of them."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..blocks import Layout
from ..models import LayoutName
from ..rules import RULES
from ..text import MappedText, Piece, rewrite
from . import markdown

Pass = tuple[re.Pattern[str], Callable[[re.Match[str]], str | list[Piece]]]


def read(clean: MappedText, name: LayoutName, *passes: Pass) -> Layout:
    """Apply the rewriting passes in turn, then read the result like Markdown."""
    for pattern, repl in passes:
        clean = clean.compose(rewrite(clean.text, pattern, repl))
    lay = markdown.parse(clean)
    lay.name = name
    return lay


def inline(m: re.Match[str]) -> list[Piece]:
    """An inline token's text: a link's label (else its target), an emphasis's inner text (bold
    written as Markdown's ``**`` so that bold runs survive), a timestamp's date and time; any other
    token is left out."""
    g = m.groupdict()
    for name in ("label", "text", "url", "href"):  # two kinds of link in one pattern name theirs apart
        if g.get(name):
            return [m.span(name)]
    if g.get("inner") is not None:
        strong = g.get("mark") in STRONG
        return ["**" if strong else "", m.span("inner"), "**" if strong else ""]
    if g.get("date") is not None:
        return [m.span("date")] + ([m.span("time")] if g.get("time") else [])
    return []


STRONG = {"*", "**", "'''", "'''''"}
"""Emphasis marks that set bold text."""


class Counter:
    """Numbers for ordered list items the markup leaves to the renderer (MediaWiki's ``#``,
    DokuWiki's ``-``, AsciiDoc's ``.``): 1, 2, … per depth, restarted after any other line."""

    def __init__(self) -> None:
        self.counts: list[int] = []

    def number(self, m: re.Match[str], depth: int) -> str:
        """The number of the item that ``m`` opens (``m`` starts its line)."""
        before = m.string.rfind("\n", 0, max(0, m.start() - 1)) + 1
        if not RULES.rx("list_item_line").match(m.string, before) or before == m.start():
            self.counts = []  # the line before is no item: a new list
        del self.counts[depth + 1 :]
        self.counts += [0] * (depth + 1 - len(self.counts))
        self.counts[depth] += 1
        return "   " * depth + f"{self.counts[depth]}. "
