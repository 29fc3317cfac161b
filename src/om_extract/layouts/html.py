"""HTML as Word exports a minutes table: one row per TOP, cells split by tabs or <td>.

A row whose first cell is a number is a TOP: its first bold run is the title, the rest of its
first paragraph (subtitle, presenter) is an aside, and every further paragraph is body.
Lines outside the table are handled like Markdown."""

from __future__ import annotations

import re
from array import array

from ..blocks import BULLET, Block, Layout, strip_span
from ..text import Builder, MappedText, Span
from .markdown import blocks_of
from .markup import strip_markup

_NUMBER = re.compile(r"^\s*(\d{1,3})\.?\s*$")


def _concat(parts: list[MappedText]) -> MappedText:
    text = "".join(p.text for p in parts)
    origin = array("l")
    for p in parts:
        origin.extend(p.origin[: len(p.text)])
    origin.append(parts[-1].origin[len(parts[-1].text)] if parts else 0)
    return MappedText(text, origin)


def _piece(clean: MappedText, start: int, end: int, *, html_blocks: bool) -> tuple[MappedText, list[Span]]:
    """Markup-free text of clean[start:end], mapped to the input."""
    inner, bold = strip_markup(clean.text[start:end], html_blocks=html_blocks)
    origin = array("l", (clean.origin[start + i] if start + i < len(clean.text) else clean.origin[-1]
                         for i in inner.origin))
    return MappedText(inner.text, origin), bold


def _paragraph_blocks(text: str, base: int, length: int, bold: list[Span]) -> list[Block]:
    out: list[Block] = []
    pos = base
    for para in text[base : base + length].split("\n"):
        s, e = strip_span(text, pos, pos + len(para))
        pos += len(para) + 1
        if s >= e:
            continue
        content = text[s:e]
        m = BULLET.match(content)
        while m:  # "<li>• text": the tag and the glyph are both bullets
            s += m.end()
            m = BULLET.match(text[s:e])
        kind = "bullet" if content != text[s:e] else "line"
        strong = [(a + base, z + base) for a, z in bold if a + base < e and z + base > s]
        out.append(Block(kind, s, e, strong=strong))
    return out


def _row_blocks(text: str, cells: list[tuple[int, int, list[Span]]]) -> list[Block]:
    first = text[cells[0][0] : cells[0][1]]
    num = _NUMBER.match(first)
    body: list[Block] = []
    for s, e, bold in cells[1:]:
        body.extend(_paragraph_blocks(text, s, e - s, bold))
    if not num or not body:
        return body
    head, rest = body[0], body[1:]
    strong = [b for b in head.strong if b[0] >= head.start]
    title = strip_span(text, *strong[0]) if strong else (head.start, head.end)
    aside = strip_span(text, title[1], head.end)
    heading = Block("heading", title[0], title[1], level=2, number=num.group(1),
                    aside=aside if aside[0] < aside[1] else None)
    return [heading, *rest]


_TAB_ROW = re.compile(r"^[^\n]*\t[^\n]*<", re.M)
_DOCUMENT = re.compile(r"<(?:p|h[1-6]|table|div|body|li|br)\b", re.I)
_STRUCTURE = re.compile(
    r"(?P<drop><head\b.*?</head\s*>|<style\b.*?</style\s*>|<script\b.*?</script\s*>|<title\b.*?</title\s*>"
    r"|<!--.*?-->|<!DOCTYPE[^>]*>|<\?xml[^>]*>)"
    r"|(?P<h><h(?P<level>[1-6])\b[^>]*>)|(?P<hend></h[1-6]\s*>)"
    r"|(?P<ol><ol\b[^>]*>)|(?P<olend></ol\s*>)|(?P<ul><ul\b[^>]*>)|(?P<ulend></ul\s*>)|(?P<li><li\b[^>]*>)"
    r"|(?P<tr><tr\b[^>]*>)|(?P<trend></tr\s*>)|(?P<td><t[dh]\b[^>]*>)"
    r"|(?P<inrow></?(?:p|br|div|span)\b[^>]*>|\n)",
    re.I | re.S,
)


def _structure(text: str) -> MappedText:
    """Document structure as lines: "## " headings, numbered or dashed list items, one line per
    table row (its paragraphs joined); head, styles, scripts and comments dropped. A line break of
    the source inside a <p> is a blank, as a browser renders it (Word wraps paragraphs at 80 columns)."""
    b = Builder(text)
    lists: list[list[int]] = []  # per open list: [counter] for <ol>, [] for <ul>
    in_row = first_cell = in_p = False
    pos = 0
    for m in _STRUCTURE.finditer(text):
        kind = m.lastgroup if m.lastgroup != "level" else "h"
        tag = m.group()[:3].lower()
        if kind != "inrow" or tag.startswith(("<p", "</p", "<d", "</d")):
            in_p = tag.startswith("<p")  # a paragraph opens; any other block closes it
        wrap = kind == "inrow" and m.group() == "\n" and in_p
        if (kind == "inrow" and not in_row and not wrap) or (kind == "td" and not first_cell):
            continue  # outside rows, and cells after the first, are left to the inline pass
        b.copy(pos, m.start())
        pos = m.end()
        piece = ""
        if kind == "h":
            piece = "\n" + "#" * int(m.group("level")) + " "
        elif kind in ("hend", "trend"):
            piece, in_row = "\n", in_row and kind != "trend"
        elif kind == "ol":
            lists.append([0])
        elif kind == "ul":
            lists.append([])
        elif kind in ("olend", "ulend") and lists:
            lists.pop()
        elif kind == "li":
            if lists and lists[-1]:
                lists[-1][0] += 1
                piece = f"\n{lists[-1][0]}. "
            else:
                piece = "\n- "
        elif kind == "tr":
            piece, in_row, first_cell = "\n", True, True
        elif kind == "td":
            first_cell = False  # the first cell opens the row: no separator before it
        elif kind == "inrow":
            piece = " "
        b.put(piece, m.start())
    b.copy(pos, len(text))
    return b.build()


def _document(clean: MappedText) -> Layout:
    """A real HTML document (<p>, <h2>, <table>, <ol>): structure first, then inline markup."""
    structured = clean.compose(_structure(clean.text))
    stripped, bold = strip_markup(structured.text, html_blocks=True)
    mapped = structured.compose(stripped)
    blocks = blocks_of(mapped.text, bold)
    for b in blocks:
        b.gap = min(b.gap, 1)  # blank lines here come from tags, not from the author
    return Layout("html", mapped, blocks)


def parse(clean: MappedText) -> Layout:
    if _DOCUMENT.search(clean.text) and not _TAB_ROW.search(clean.text):
        return _document(clean)
    parts: list[MappedText] = []
    plan: list[tuple[str, int, list]] = []  # (kind, offset in output, payload)
    size, pos = 0, 0
    for line in clean.text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        if "\t" in line and "<" in line:
            cells = []
            cpos = s
            for cell in line.split("\t"):
                piece, bold = _piece(clean, cpos, cpos + len(cell), html_blocks=True)
                cells.append((size, size + len(piece.text), bold))
                parts.append(piece)
                size += len(piece.text)
                cpos += len(cell) + 1
            plan.append(("row", 0, cells))
        else:
            piece, bold = _piece(clean, s, e, html_blocks=False)
            plan.append(("lines", size, [len(piece.text), bold]))
            parts.append(piece)
            size += len(piece.text)
        sep = MappedText("\n", array("l", [clean.origin[min(e, len(clean.text))]] * 2))
        parts.append(sep)
        size += 1
    mapped = _concat(parts)
    text = mapped.text
    blocks: list[Block] = []
    for kind, offset, payload in plan:
        if kind == "row":
            blocks.extend(_row_blocks(text, payload))
        else:
            length, bold = payload
            for b in blocks_of(text[offset : offset + length], bold):
                for attr in ("start", "end"):
                    setattr(b, attr, getattr(b, attr) + offset)
                b.strong = [(a + offset, z + offset) for a, z in b.strong]
                b.cells = [(a + offset, z + offset) for a, z in b.cells]
                blocks.append(b)
    return Layout("html", mapped, blocks)
