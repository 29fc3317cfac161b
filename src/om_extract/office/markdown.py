"""What DOCX and ODT readers build (paragraphs with heading level, list number or bullet and
bold runs; tables of rows of cells) and the text it becomes, which an existing backend parses:
Markdown (``#`` headings, ``- `` bullets, the list's own numbers, ``**`` bold, tab-separated
rows), or, when a table holds the minutes themselves (a row per TOP with its paragraphs), the
Word-table layout the HTML backend reads (``<p>``/``<b>`` inside tab-separated cells)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from html import escape

from ..models import Format

_BODY_CELL = 400
"""Characters in one cell that make its table the minutes' body, not an agenda or a list."""
_MARKUP = re.compile(r"<(?=[a-zA-Z/!])|&(?=[a-zA-Z]{2,8};|#\d{1,7};|#x[0-9a-fA-F]{1,6};)")
"""What the Markdown backend would read as a tag or an entity: an opening angle bracket or ampersand."""


@dataclass
class Para:
    runs: list[tuple[str, bool]] = field(default_factory=list)  # (text, bold)
    heading: int = 0  # heading level, 0 for body text
    label: str = ""  # the automatic number the reader sees ("1.", "a)", "2.1")
    bullet: bool = False
    depth: int = 0  # list level
    list_id: str = ""  # the list it belongs to: two numbered lists are apart

    @property
    def listed(self) -> bool:
        return not self.heading and (self.bullet or bool(self.label))

    @property
    def plain(self) -> str:
        return "".join(t for t, _ in self.runs)


Cell = list[Para]


@dataclass
class Table:
    rows: list[list[Cell]]


Block = Para | Table


def number_text(n: int, style: str) -> str:
    """A list counter in a numbering style: "1", "a", "A", "i", "I" (Word's and ODF's)."""
    if style in ("a", "A"):
        s = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            s = chr(ord("a") + r) + s
        return s.upper() if style == "A" else s
    if style in ("i", "I") and 0 < n < 4000:
        s = ""
        for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                               (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            while n >= value:
                s, n = s + letters, n - value
        return s.upper() if style == "I" else s
    return str(n)


def _inline(p: Para, bold_open: str, bold_close: str) -> str:
    """The paragraph's text with its bold runs marked (markers around the words, not the blanks)."""
    merged: list[list] = []
    for text, bold in p.runs:
        if merged and merged[-1][1] == bold:
            merged[-1][0] += text
        else:
            merged.append([text, bold])
    out = []
    for text, bold in merged:
        core = text.strip()
        if bold and core and bold_open:
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
            out.append(f"{lead}{bold_open}{core}{bold_close}{trail}")
        else:
            out.append(text)
    return "".join(out).strip()


def _line(p: Para) -> str:
    p = _md_escaped(p)
    if p.heading:
        title = " ".join(p.plain.split())
        return "#" * min(p.heading, 6) + " " + (f"{p.label} {title}" if p.label else title)
    text = "\n".join(ln.strip() for ln in _inline(p, "**", "**").split("\n"))
    indent = "  " * p.depth
    if p.bullet:
        return f"{indent}- {text}"
    return f"{indent}{p.label} {text}" if p.label else text


def _cell_text(cell: Cell, body: bool) -> str:
    if body:
        return " ".join(f"<p>{t}</p>" for p in cell if (t := _cell_para(_escaped(p), "<b>", "</b>")))
    return " ".join(t for p in cell if (t := _cell_para(_md_escaped(p), "**", "**")))


def _escaped(p: Para) -> Para:
    """The paragraph with "&", "<", ">" as HTML entities: a cell's "<Name>" or "&amp;" is text, not
    markup, to the HTML backend (which maps each entity back onto the character it stands for)."""
    return replace(p, runs=[(escape(t, quote=False), bold) for t, bold in p.runs], label=escape(p.label, quote=False))


def _md_escaped(p: Para) -> Para:
    """The paragraph with "<" before a letter as "\\<" and "&" before an entity name as "&amp;":
    Word's "Müller & Söhne <GmbH>" or a written "&amp;" is text, not markup, to the Markdown
    backend (which drops the backslash and reads the entity as its character)."""
    return replace(p, runs=[(_MARKUP.sub(_md_escape, t), bold) for t, bold in p.runs])


def _md_escape(m: re.Match[str]) -> str:
    return "\\<" if m.group() == "<" else "&amp;"


def _cell_para(p: Para, bold_open: str, bold_close: str) -> str:
    text = " ".join(_inline(p, bold_open, bold_close).split())
    prefix = "- " if p.bullet else f"{p.label} " if p.label else ""
    return prefix + text if text else ""


def _is_body(table: Table) -> bool:
    return any(sum(len(p.plain) for p in cell) >= _BODY_CELL for row in table.rows for cell in row)


def render(blocks: list[Block]) -> tuple[str, Format]:
    """The document as text and the layout that reads it."""
    parts: list[str] = []
    layout: Format = "markdown"
    prev = prev_list = ""
    empty = 0  # empty paragraphs before this block: the author's spacing, kept as blank lines (at most two)
    for block in blocks:
        if isinstance(block, Para) and not block.heading and not block.plain.strip():
            empty += 1
            continue
        space = "\n" * min(empty, 2)
        empty = 0
        if isinstance(block, Table):
            body = _is_body(block)
            if body:
                layout = "html"
            for row in block.rows:
                cells = [_cell_text(c, body) for c in row]
                if not any(cells):
                    continue
                parts.append("\n" if prev == "row" else "\n\n" + space)
                if body:
                    cells[0] = escape(" ".join(p.plain.strip() for p in row[0]).strip(), quote=False)
                parts.append("\t".join(cells))
                prev = "row"
            prev = "table"
            continue
        line = _line(block)
        if not line.strip(" -#"):
            continue
        kind = "list" if block.listed else "para"
        restart = block.label and not block.depth and block.list_id != prev_list  # a second numbered list
        parts.append("\n" if prev == kind == "list" and not space and not restart else "\n\n" + space)
        prev_list = block.list_id if block.label and not block.depth else prev_list
        parts.append(line)
        prev = kind
    return "".join(parts).lstrip("\n") + "\n", layout
