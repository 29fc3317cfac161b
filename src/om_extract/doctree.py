"""The document tree every stage reads: regions (header, agenda, TOP sections, sign-off) made of
nodes (headings, paragraphs, lists of items, tables of rows) over the backends' lines.

Backends know markup and emit typed lines (``blocks.Block``); ``structure`` decides the regions;
``group`` nests a region's lines into nodes, so that no stage re-splits text to find a paragraph,
a list item or a table row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .agenda import DraftItem
from .blocks import Layout
from .text import Span, squash, squash_append

NodeKind = Literal["heading", "paragraph", "list", "item", "table", "row"]
Role = Literal["header", "agenda", "section", "signoff"]
_LINE_LAYOUTS = ("pdf_text", "plain")


@dataclass
class Node:
    kind: NodeKind
    blocks: list[int]  # the lines this node holds itself (a list's or table's are its children's)
    children: list[Node] = field(default_factory=list)
    level: int = 0  # heading level; an item's indent


@dataclass
class Heading:
    index: int  # block index of the heading line
    number: str | None  # as printed, or as the markup numbers it
    title: Span  # clean-text span of the title
    last: int  # index of the last block that belongs to the heading (a wrapped title)
    aside: Span | None = None  # text printed with the heading that is neither title nor body


@dataclass
class Region:
    role: Role
    blocks: list[int]
    nodes: list[Node] = field(default_factory=list)


@dataclass
class TopSection:
    heading: Heading
    body: Region


@dataclass
class Document:
    layout: Layout
    header: Region
    agenda: Region
    agenda_items: list[DraftItem]
    sections: list[TopSection]
    signoff: Region


def region(lay: Layout, role: Role, blocks: list[int]) -> Region:
    return Region(role, blocks, group(lay, blocks))


def group(lay: Layout, blocks: list[int]) -> list[Node]:
    """Nest lines into nodes. In line layouts (PDF text, plain) a line without a blank line
    before it continues the paragraph or item above, and an indented line after a gap is an
    item whose bullet glyph the converter lost."""
    lines = lay.format in _LINE_LAYOUTS
    nodes: list[Node] = []
    open_item: Node | None = None
    for i in blocks:
        b = lay.blocks[i]
        last = nodes[-1] if nodes else None
        if b.kind == "heading":
            nodes.append(Node("heading", [i], level=b.level))
            open_item = None
        elif b.kind == "row":
            if last is not None and last.kind == "table" and b.gap == 0:
                last.children.append(Node("row", [i]))
            else:
                nodes.append(Node("table", [], [Node("row", [i])]))
            open_item = None
        elif b.kind == "bullet" or (lines and b.indent > 0 and b.gap > 0):
            open_item = Node("item", [i], level=b.indent)
            if last is not None and last.kind == "list" and b.gap <= 1:
                last.children.append(open_item)
            else:
                nodes.append(Node("list", [], [open_item]))
        elif b.gap == 0 and open_item is not None and last is not None and last.kind == "list":
            open_item.blocks.append(i)  # a wrapped item
        elif b.gap == 0 and last is not None and last.kind == "paragraph":
            last.blocks.append(i)
        else:
            nodes.append(Node("paragraph", [i]))
            open_item = None
    return nodes


def render(lay: Layout, nodes: list[Node]) -> list[str]:
    """The text of nodes as cleaned lines: items as "- ", table rows as their cells' words, a
    wrapped line joined in line layouts (kept as its own line where the markup broke it)."""
    join = lay.format in _LINE_LAYOUTS
    out: list[str] = []

    def put(blocks: list[int], bullet: bool) -> None:
        for k, i in enumerate(blocks):
            b = lay.blocks[i]
            text = " ".join(t for c in b.cells if (t := lay.of(c).strip())) if b.cells else lay.block_text(b)
            if k == 0:
                out.append(f"- {squash(text)}" if bullet else squash(text))
            elif join:
                out[-1] = squash_append(out[-1], text)
            else:
                out.append(squash(text))

    for n in nodes:
        if n.kind in ("list", "table"):
            for child in n.children:
                put(child.blocks, n.kind == "list")
        else:
            put(n.blocks, False)
    return out

