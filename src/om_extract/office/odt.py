"""OpenDocument text (.odt) from its XML with the standard library: ``text:h`` with its outline
level, ``text:list`` with the numbers its list style prints (or bullets), tables as rows of
cells, bold from the (automatic) text styles; page headers and footers live in styles.xml and are
left out, as are notes, annotations, frames and tables of contents."""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from ..models import Format
from ..reader import InputError
from .markdown import Block, Cell, Para, Table, number_text, render

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


_H, _P, _LIST, _ITEM, _HEADER = _q("text:h"), _q("text:p"), _q("text:list"), _q("text:list-item"), _q("text:list-header")
_TABLE, _ROW, _CELL, _COVERED = _q("table:table"), _q("table:table-row"), _q("table:table-cell"), _q("table:covered-table-cell")
_SPAN, _S, _TAB, _BREAK, _NUMBER = _q("text:span"), _q("text:s"), _q("text:tab"), _q("text:line-break"), _q("text:number")
_STYLE_NAME, _NAME, _PARENT = _q("text:style-name"), _q("style:name"), _q("style:parent-style-name")
_ROW_GROUPS = {_q(t) for t in ("table:table-header-rows", "table:table-rows", "table:table-row-group")}
_SECTIONS = {_q(t) for t in ("text:section", "office:text", "text:index-body")}
_SKIPPED = {_q(t) for t in ("text:note", "office:annotation", "office:annotation-end", "text:bookmark-ref",
                            "text:soft-page-break", "text:tracked-changes", "text:sequence-decls")}
_FORMATS = {"1", "a", "A", "i", "I"}
_MAX_SPACES = 1000
"""Blanks one ``text:s`` stands for at most: a larger count is a broken or hostile file, not layout."""
_CHAIN_IDS = itertools.count(1)


@dataclass
class _ListLevel:
    style: str = ""  # a number_text style; "" for bullets and unnumbered levels
    bullet: bool = False
    prefix: str = ""
    suffix: str = ""
    shown: int = 1  # text:display-levels
    start: int = 1


@dataclass
class _Chain:
    """The counters of one list (a list continued elsewhere shares them)."""

    counters: list[int | None] = field(default_factory=lambda: [None] * 10)
    ident: str = field(default_factory=lambda: str(next(_CHAIN_IDS)))  # not id(): a freed chain's id is reused

    def next(self, levels: dict[int, _ListLevel], depth: int, start: int | None) -> str | None:
        """The label of the next item at ``depth`` (0-based); None for a bullet."""
        lvl = levels.get(depth + 1, _ListLevel(bullet=True))
        if start is not None:
            self.counters[depth] = start
        else:
            current = self.counters[depth]
            self.counters[depth] = lvl.start if current is None else current + 1
        for deeper in range(depth + 1, 10):
            self.counters[deeper] = None
        if lvl.bullet:
            return None
        if not lvl.style:
            return f"{lvl.prefix}{lvl.suffix}".strip()
        numbers = []
        for d in range(max(0, depth - lvl.shown + 1), depth + 1):
            outer = levels.get(d + 1, _ListLevel())
            count = self.counters[d] if self.counters[d] is not None else outer.start
            numbers.append(number_text(count, outer.style or "1"))
        return f"{lvl.prefix}{'.'.join(numbers)}{lvl.suffix}".strip()


class _Styles:
    """Text and paragraph styles (bold, parent) and list styles of content.xml and styles.xml."""

    def __init__(self, roots: list[ET.Element]) -> None:
        self.bold: dict[str, bool | None] = {}
        self.parent: dict[str, str] = {}
        self.lists: dict[str, dict[int, _ListLevel]] = {}
        self.outline: dict[int, _ListLevel] = {}
        for root in roots:
            for st in root.iter(_q("style:style")):
                name = st.get(_NAME, "")
                props = st.find(_q("style:text-properties"))
                weight = props.get(_q("fo:font-weight")) if props is not None else None
                self.bold[name] = None if weight is None else (weight == "bold" or (weight.isdigit() and int(weight) >= 600))
                if st.get(_PARENT):
                    self.parent[name] = st.get(_PARENT, "")
            for ls in root.iter(_q("text:list-style")):
                self.lists[ls.get(_NAME, "")] = self._levels(ls)
            for os_ in root.iter(_q("text:outline-style")):
                self.outline = self._levels(os_)

    @staticmethod
    def _levels(el: ET.Element) -> dict[int, _ListLevel]:
        levels = {}
        for lv in el:
            level = int(lv.get(_q("text:level"), "1"))
            fmt = lv.get(_q("style:num-format"), "")
            if lv.tag == _q("text:list-level-style-bullet"):
                levels[level] = _ListLevel(bullet=True)
            else:
                levels[level] = _ListLevel(
                    fmt if fmt in _FORMATS else "1" if fmt else "", False, lv.get(_q("style:num-prefix"), ""),
                    lv.get(_q("style:num-suffix"), ""), int(lv.get(_q("text:display-levels"), "1")),
                    int(lv.get(_q("text:start-value"), "1")))
        return levels

    def is_bold(self, name: str | None, default: bool) -> bool:
        seen = set()
        while name and name not in seen:
            seen.add(name)
            if self.bold.get(name) is not None:
                return bool(self.bold[name])
            name = self.parent.get(name)
        return default

    def is_title(self, name: str | None) -> bool:
        seen = set()
        while name and name not in seen:
            if name in ("Title", "Titel"):
                return True
            seen.add(name)
            name = self.parent.get(name)
        return False


class _Reader:
    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.chains: dict[str, _Chain] = {}  # by the list's xml:id
        self.last_chain: dict[str, _Chain] = {}  # by list style, for text:continue-numbering
        self.outline = _Chain()

    def _runs(self, el: ET.Element, bold: bool, out: list[tuple[str, bool]]) -> None:
        if el.text:
            out.append((el.text, bold))
        for child in el:
            tag = child.tag
            if tag == _S:
                count = child.get(_q("text:c"), "1")
                out.append((" " * min(int(count) if count.isdecimal() else 1, _MAX_SPACES), bold))
            elif tag == _TAB:
                out.append((" ", bold))
            elif tag == _BREAK:
                out.append(("\n", bold))
            elif tag not in _SKIPPED and tag != _NUMBER and not tag.startswith(f"{{{_NS['office']}}}") \
                    and not tag.startswith("{urn:oasis:names:tc:opendocument:xmlns:drawing"):
                self._runs(child, self.styles.is_bold(child.get(_STYLE_NAME), bold) if tag == _SPAN else bold, out)
            if child.tail:
                out.append((child.tail, bold))

    def para(self, el: ET.Element) -> Para:
        style = el.get(_STYLE_NAME)
        heading = int(el.get(_q("text:outline-level"), "1")) if el.tag == _H else 1 if self.styles.is_title(style) else 0
        p = Para(heading=heading)
        self._runs(el, self.styles.is_bold(style, False), p.runs)
        cached = el.find(_NUMBER)
        if cached is not None and cached.text:
            p.label = cached.text.strip()
        elif el.tag == _H and heading and self.styles.outline.get(heading, _ListLevel()).style:
            p.label = self.outline.next(self.styles.outline, heading - 1, None) or ""
        return p

    def _chain(self, lst: ET.Element, style: str) -> _Chain:
        cont = lst.get(_q("text:continue-list"))
        if cont and cont in self.chains:
            chain = self.chains[cont]
        elif (cont or lst.get(_q("text:continue-numbering")) == "true") and style in self.last_chain:
            chain = self.last_chain[style]  # (LibreOffice names lists it never wrote: the style's last one)
        else:
            chain = _Chain()
        self.last_chain[style] = chain
        if (xml_id := lst.get("{http://www.w3.org/XML/1998/namespace}id")) is not None:
            self.chains[xml_id] = chain
        return chain

    def list_(self, lst: ET.Element, style: str, chain: _Chain | None, depth: int, out: list[Block]) -> None:
        style = lst.get(_STYLE_NAME) or style
        chain = chain or self._chain(lst, style)
        levels = self.styles.lists.get(style, {})
        for item in lst:
            if item.tag not in (_ITEM, _HEADER):
                continue
            item_chain, item_levels = chain, levels
            if override := item.get(_q("text:style-override")):  # an item that restarts as another list
                item_chain, item_levels = _Chain(), self.styles.lists.get(override, {})
                self.last_chain[override] = item_chain
            start = item.get(_q("text:start-value"))
            numbered = item.tag == _ITEM and len(item) > 0 and item[0].tag in (_P, _H)  # an item that only nests a list has none
            label = (item_chain.next(item_levels, depth, int(start) if start and start.isdigit() else None)
                     if numbered else "")
            first = True
            for child in item:
                if child.tag == _LIST:
                    self.list_(child, style, chain, depth + 1, out)
                elif child.tag in (_P, _H):
                    p = self.para(child)
                    if first and numbered:
                        p.bullet, p.label = label is None, p.label or label or ""
                        p.depth, p.list_id = depth, item_chain.ident
                    out.append(p)
                    first = False
                else:
                    out.extend(self.blocks(child) if child.tag in _SECTIONS else [])

    def table(self, tbl: ET.Element) -> Table:
        rows: list[list[Cell]] = []
        for tr in _rows(tbl):
            # a merged cell's text once, the columns it covers empty (as Word's text export has them)
            rows.append([self.cell(tc) if tc.tag == _CELL else [] for tc in tr if tc.tag in (_CELL, _COVERED)])
        return Table(rows)

    def cell(self, tc: ET.Element) -> Cell:
        paras: Cell = []
        for block in self.blocks(tc):
            paras.extend([block] if isinstance(block, Para) else [p for row in block.rows for c in row for p in c])
        return paras

    def blocks(self, container: ET.Element) -> list[Block]:
        out: list[Block] = []
        for el in container:
            if el.tag in (_P, _H):
                out.append(self.para(el))
            elif el.tag == _LIST:
                self.list_(el, "", None, 0, out)
            elif el.tag == _TABLE:
                out.append(self.table(el))
            elif el.tag in _SECTIONS:
                out.extend(self.blocks(el))
        return out


def _rows(el: ET.Element) -> Iterator[ET.Element]:
    """A table's rows, also those inside header-row and row groups, in document order."""
    for child in el:
        if child.tag == _ROW:
            yield child
        elif child.tag in _ROW_GROUPS:
            yield from _rows(child)


def extract(raw: bytes) -> tuple[str, Format]:
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        manifest = z.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in z.namelist() else b""
        if b"encryption-data" in manifest:
            raise InputError("an encrypted (password-protected) ODT document: save it without a password first")
        content = ET.fromstring(z.read("content.xml"))
        styles = [content] + ([ET.fromstring(z.read("styles.xml"))] if "styles.xml" in z.namelist() else [])
    body = content.find(f"{_q('office:body')}/{_q('office:text')}")
    if body is None:
        raise InputError("an OpenDocument file without a text body")
    return render(_Reader(_Styles(styles)).blocks(body))
