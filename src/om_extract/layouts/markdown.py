"""Markdown (as Word or pandoc export it): ``#`` headings, tab or pipe tables, ``-`` bullets."""

from __future__ import annotations

import re

from ..blocks import BULLET, Block, Layout
from ..text import MappedText, Span
from .markup import strip_markup

_HEADING = re.compile(r"^(#{1,6})\s+")


def _cells(text: str, s: int, e: int) -> list[Span]:
    """Cells of a table row: tab-separated, or between pipes."""
    line = text[s:e]
    sep = "\t" if "\t" in line else "|"
    cells, pos = [], s
    for part in line.split(sep):
        cells.append((pos, pos + len(part)))
        pos += len(part) + 1
    if sep == "|":
        cells = cells[1:-1] if line.strip().startswith("|") else cells
    return cells


def _is_row(line: str) -> bool:
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        return not re.fullmatch(r"[|:\-\s]+", stripped)
    return line.count("\t") >= 1 and len([c for c in line.split("\t") if c.strip()]) >= 2


_SETEXT = re.compile(r"^(?:=+|-+)$")


def blocks_of(text: str, bold: list[Span]) -> list[Block]:
    blocks: list[Block] = []
    gap, pos = 0, 0
    front = text.startswith("---\n")  # YAML front matter: its closing "---" underlines nothing
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        content = line.strip()
        if not content or (re.fullmatch(r"[|:\-\s]+", content) and "|" in content):
            gap += 1
            continue
        if len(content) >= 3 and _SETEXT.match(content):  # a setext underline or a rule
            if content[0] == "-" and front:
                front = s == 0
            elif gap == 0 and blocks and blocks[-1].kind == "line" and blocks[-1].indent < 4:
                blocks[-1].kind = "heading"
                blocks[-1].level = 1 if content[0] == "=" else 2
            gap += 1
            continue
        lead = len(line) - len(line.lstrip())
        start, end = s + lead, s + len(line.rstrip())
        strong = [(a, z) for a, z in bold if a < end and z > start]
        if _is_row(line):
            blk = Block("row", start, end, gap=gap, indent=lead, cells=_cells(text, s, e), strong=strong)
        elif m := _HEADING.match(content):
            blk = Block("heading", start + m.end(), end, gap=gap, level=len(m.group(1)), strong=strong)
        elif (m := BULLET.match(content)) and not re.match(r"^-\s*\d", content):
            blk = Block("bullet", start + m.end(), end, gap=gap, indent=lead, strong=strong)
        else:
            blk = Block("line", start, end, gap=gap, indent=lead, strong=strong)
        blocks.append(blk)
        gap = 0
    return blocks


def parse(clean: MappedText) -> Layout:
    stripped, bold = strip_markup(clean.text, html_blocks=False)
    mapped = clean.compose(stripped)
    return Layout("markdown", mapped, blocks_of(mapped.text, bold))
