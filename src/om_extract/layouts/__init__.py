"""One backend per input layout; each turns cleaned text into a ``Layout`` of blocks."""

from __future__ import annotations

from typing import get_args

from ..blocks import Layout
from ..models import Format, LayoutName, SourceFormat
from ..text import MappedText
from . import asciidoc, dokuwiki, email, groff, html, latex, lines, markdown, mediawiki, org, rst
from .detect import text_markup

TEXT_MARKUPS = {"org": org.parse, "rst": rst.parse, "asciidoc": asciidoc.parse, "mediawiki": mediawiki.parse,
                "dokuwiki": dokuwiki.parse}
"""Markups found by content and read as Markdown; their source format is "plain", as an e-mail's."""


def build_layout(fmt: Format, clean: MappedText, suffix: str = "") -> Layout:
    """The backend for the text: HTML by its tags, a text markup by its evidence (the file's
    ``suffix`` a hint), Markdown, LaTeX and groff by their commands, else lines; an e-mail's body
    is read by the backend it calls for."""
    if fmt == "html":
        return _named(html.parse(clean), "html")
    head_end = email.envelope(clean.text)
    if head_end is not None:
        return email.parse(clean, head_end, build_layout)
    markup = text_markup(clean.text, suffix)
    if markup:
        return TEXT_MARKUPS[markup](clean)
    if fmt == "markdown":
        return _named(markdown.parse(clean), "markdown")
    if latex.LATEX.search(clean.text[:100_000]):
        return _named(latex.parse(clean), "latex")
    if len(groff.GROFF.findall(clean.text[:100_000])) >= 3:
        return _named(groff.parse(clean), "groff")
    return lines.parse(clean, fmt)


def source_format(lay: Layout, detected: SourceFormat) -> SourceFormat:
    """The contract's format: "plain" for a text file in a text markup, else what the reader found."""
    return "plain" if lay.name in (*TEXT_MARKUPS, "email") and detected in get_args(Format) else detected


def _named(lay: Layout, name: LayoutName) -> Layout:
    lay.name = name
    return lay
