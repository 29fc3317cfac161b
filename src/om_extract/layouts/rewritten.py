"""Text markups (Org-mode, reStructuredText, AsciiDoc, wikis) rewritten into Markdown-like lines.

Each backend rewrites its line structure (headings as ``#``, items as ``-``, table rows as
``| … |``) and then its inline markup, keeping the source spans of the text it keeps; the result is
read like Markdown, so the same minutes give the same tree in any of them."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..blocks import Layout
from ..models import LayoutName
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
    if g.get("label") is not None:
        return [m.span("label")]
    if g.get("url") is not None:
        return [m.span("url")]
    if g.get("inner") is not None:
        strong = g.get("mark") in STRONG
        return ["**" if strong else "", m.span("inner"), "**" if strong else ""]
    if g.get("date") is not None:
        return [m.span("date")] + ([m.span("time")] if g.get("time") else [])
    return []


STRONG = {"*", "**", "'''", "'''''"}
"""Emphasis marks that set bold text."""

