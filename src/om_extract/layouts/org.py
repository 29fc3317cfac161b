"""Org-mode: ``*`` heading levels, ``#+KEY:`` keywords as header fields (``#+TITLE:`` the title),
``-``/``+`` lists, tables with ``|---+---|`` rules; drawers, comments and export settings left out."""

from __future__ import annotations

import re

from ..blocks import Layout
from ..rules import RULES
from ..text import MappedText, Piece
from .rewritten import inline, read


def _line(m: re.Match[str]) -> str | list[Piece]:
    kind = m.lastgroup
    if kind == "keyword":
        if m.group("key").lower() == "title":
            return ["# ", m.span("value"), m.span("eol")]
        if RULES.rx("org_keywords_dropped").fullmatch(m.group("key")):
            return ""
        return [m.span("key"), ": ", m.span("value"), m.span("eol")]
    if kind == "heading":
        return "#" * (len(m.group("stars")) + 1) + " "  # the title is "#"; top headings are "##"
    if kind == "item":
        return [m.span("lead"), "- "]
    if kind == "rule":
        return "|---|"
    return ""


def parse(clean: MappedText) -> Layout:
    return read(clean, "org", (RULES.rx("org_lines"), _line), (RULES.rx("org_inline"), inline))
