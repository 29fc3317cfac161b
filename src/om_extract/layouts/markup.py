"""Inline markup removal shared by the Markdown and HTML backends, keeping offsets and bold runs."""

from __future__ import annotations

import html
import re

from ..reader import clean_chars
from ..text import Builder, MappedText, Span

_TOKEN = re.compile(
    r"(?P<bold></?(?:b|strong)\b[^>]*>|\*\*)"
    r"|(?P<block><(?:p|li|tr|div|br|h[1-6]|ul|ol|table)\b[^>]*>|</(?:p|li|tr|div|h[1-6]|ul|ol|table)>)"
    r"|(?P<cell><t[dh]\b[^>]*>)"
    r"|(?P<tag></?[a-zA-Z][^>]*>)"
    r"|(?P<entity>&(?:[a-zA-Z]{2,8}|#\d{1,7}|#x[0-9a-fA-F]{1,6});)"
    r"|(?P<mdlink>\[(?P<label>[^\]\n]{1,300})\]\((?P<href>[^)\s]{1,2000})\))"
    r"|(?P<em>(?:(?<=\s)|^)\*(?=\S)|(?<=\S)\*(?=\s|$))"
    r"|(?P<escape>\\[\\`*_{}\[\]()#+\-.!|<>~=^]|\\(?=\n))",  # "\" at a line end: a hard line break
    re.M,
)


def strip_markup(text: str, *, html_blocks: bool) -> tuple[MappedText, list[Span]]:
    """Remove tags, emphasis and link syntax; return the text and the bold runs in it.

    ``html_blocks``: block tags become line breaks and cells tabs (HTML); otherwise they are
    simply dropped (inline HTML inside Markdown)."""
    b = Builder(text)
    bold: list[Span] = []
    bold_start: int | None = None
    pos = 0
    size = 0  # length of output so far
    for m in _TOKEN.finditer(text):
        b.copy(pos, m.start())
        size += m.start() - pos
        pos = m.end()
        kind = m.lastgroup if m.lastgroup != "label" and m.lastgroup != "href" else "mdlink"
        if m.group("mdlink"):
            kind = "mdlink"
        piece = ""
        if kind == "bold":
            closing = m.group().startswith("</") or (m.group() == "**" and bold_start is not None)
            if closing and bold_start is not None:
                bold.append((bold_start, size))
                bold_start = None
            elif not closing:
                bold_start = size
        elif kind == "block":
            piece = "\n" if html_blocks else ""
            if html_blocks and m.group().lower().startswith("<li"):
                piece = "\n• "
        elif kind == "escape":  # a backslash escapes in Markdown; in HTML it is a character
            b.copy(m.start() if html_blocks else m.start() + 1, m.end())
            size += m.end() - m.start() - (0 if html_blocks else 1)
            continue
        elif kind == "cell":
            piece = "\t" if html_blocks else ""
        elif kind == "entity":  # "&nbsp;" is a blank, "&shy;" nothing, "&#64257;" "fi"
            piece = clean_chars(html.unescape(m.group())).text
            piece = " " if piece.isspace() else piece
        elif kind == "mdlink":
            b.copy(m.start("label"), m.end("label"))
            size += m.end("label") - m.start("label")
            continue
        b.put(piece, m.start())
        size += len(piece)
    b.copy(pos, len(text))
    return b.build(), bold
