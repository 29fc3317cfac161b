"""Word documents (.docx) through python-docx: the body's paragraphs and tables in order, heading
levels from the paragraph styles, Word's automatic numbers computed from numbering.xml as the
reader sees them, bold runs; headers, footers, footnotes, text boxes and deleted text left out."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import docx
from docx.oxml.ns import qn

from ..models import Format
from .markdown import Block, Cell, Para, Table, number_text, render

_P, _TBL, _TR, _TC, _R, _T = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r"), qn("w:t")
_VAL = qn("w:val")
_CONTAINERS = {qn(t) for t in ("w:hyperlink", "w:ins", "w:moveTo", "w:smartTag", "w:sdt", "w:sdtContent",
                               "w:fldSimple", "w:customXml", "w:dir", "w:bdo")}
_HEADING_STYLE = re.compile(r"(?i)^(?:heading|überschrift|titre|kop)\s*(\d)$")
_FORMATS = {"decimal": "1", "decimalZero": "1", "lowerLetter": "a", "upperLetter": "A",
            "lowerRoman": "i", "upperRoman": "I"}
_OFF = {"0", "false", "off", "none"}


def _on(el) -> bool:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``) that is set and not switched off."""
    return el is not None and el.get(_VAL, "true") not in _OFF


@dataclass
class _Level:
    start: int = 1
    style: str = "1"  # a number_text style, "bullet" or "none"
    text: str = "%1."


@dataclass
class _Numbering:
    """numbering.xml: list levels per abstract numbering, counters per abstract numbering
    (list instances of one abstract numbering continue each other unless one restarts)."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId → levels
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstract, start overrides)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    restarted: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, document) -> _Numbering:
        n = cls()
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError):
            return n
        linked: dict[str, str] = {}  # abstractNumId → the list style whose numbering it uses (numStyleLink)
        defines: dict[str, str] = {}  # list style → the abstractNumId that defines its levels (styleLink)
        for ab in root.iterchildren(qn("w:abstractNum")):
            ab_id = ab.get(qn("w:abstractNumId"), "")
            for tag, into in (("w:numStyleLink", linked), ("w:styleLink", defines)):
                if (link := ab.find(qn(tag))) is not None:
                    into[ab_id] = link.get(_VAL, "")
            levels = n.levels.setdefault(ab_id, {})
            for lvl in ab.iterchildren(qn("w:lvl")):
                start, fmt, text = lvl.find(qn("w:start")), lvl.find(qn("w:numFmt")), lvl.find(qn("w:lvlText"))
                raw_fmt = fmt.get(_VAL, "decimal") if fmt is not None else "decimal"
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = _Level(
                    int(start.get(_VAL, "1")) if start is not None else 1,
                    raw_fmt if raw_fmt in ("bullet", "none") else _FORMATS.get(raw_fmt, "1"),
                    text.get(_VAL, "") if text is not None else "")
        for num in root.iterchildren(qn("w:num")):
            ab = num.find(qn("w:abstractNumId"))
            overrides = {}
            for o in num.iterchildren(qn("w:lvlOverride")):
                so = o.find(qn("w:startOverride"))
                if so is not None:
                    overrides[int(o.get(qn("w:ilvl"), "0"))] = int(so.get(_VAL, "1"))
            abstract = ab.get(_VAL, "") if ab is not None else ""
            if abstract in linked:  # a list that uses a list style: that style's definition and counters
                abstract = next((a for a, style in defines.items() if style == linked[abstract]), abstract)
            n.nums[num.get(qn("w:numId"), "")] = (abstract, overrides)
        return n

    def label(self, num_id: str, ilvl: int) -> tuple[str, bool] | None:
        """(the number as printed, is a bullet) for the next paragraph of this list and level."""
        if num_id not in self.nums:
            return None
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(abstract, [None] * 10)
        if num_id not in self.restarted:
            self.restarted.add(num_id)
            for lvl, start in overrides.items():
                if 0 <= lvl < 10:
                    counters[lvl] = start - 1
        level = levels[ilvl]
        counters[ilvl] = level.start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = None
        if level.style == "bullet":
            return "", True
        if level.style == "none":
            return level.text if "%" not in level.text else "", False

        def value(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, _Level())
            count = counters[k] if 0 <= k < 10 and counters[k] is not None else lv.start
            return number_text(count, lv.style if lv.style not in ("bullet", "none") else "1")

        return re.sub(r"%([1-9])", value, level.text).strip(), False


class _Reader:
    def __init__(self, document) -> None:
        self.numbering = _Numbering.of(document)
        self.styles = {s.style_id: s for s in document.styles}

    def _style_chain(self, style_id: str | None):
        seen = set()
        style = self.styles.get(style_id) if style_id else None
        while style is not None and style.style_id not in seen:
            seen.add(style.style_id)
            yield style
            style = style.base_style

    def _heading(self, style_id: str | None, ppr) -> int:
        direct = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        for style in self._style_chain(style_id):
            if (name := style.name or "") == "Title":
                return 1
            if m := _HEADING_STYLE.match(name):
                return int(m.group(1))
            lvl = style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
            if lvl is not None and direct is None:
                direct = lvl
        if direct is not None and (v := int(direct.get(_VAL, "9"))) < 9:
            return v + 1
        return 0

    def _num(self, style_id: str | None, ppr) -> tuple[str, int] | None:
        num_id, ilvl = None, None
        pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if pr is not None:
            nid, lvl = pr.find(qn("w:numId")), pr.find(qn("w:ilvl"))
            num_id = nid.get(_VAL) if nid is not None else None
            ilvl = int(lvl.get(_VAL, "0")) if lvl is not None else None
        for style in self._style_chain(style_id):
            spr = style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if spr is None:
                continue
            nid, lvl = spr.find(qn("w:numId")), spr.find(qn("w:ilvl"))
            num_id = num_id or (nid.get(_VAL) if nid is not None else None)
            ilvl = ilvl if ilvl is not None else (int(lvl.get(_VAL, "0")) if lvl is not None else None)
        if not num_id or num_id == "0":
            return None
        return num_id, ilvl or 0

    def _style_bold(self, style_id: str | None) -> bool | None:
        for style in self._style_chain(style_id):
            b = style.element.find(f"{qn('w:rPr')}/{qn('w:b')}")
            if b is not None:
                return _on(b)
        return None

    def _run_bold(self, r, default: bool) -> bool:
        """Bold set on the run, else by its character style, else by its paragraph's style."""
        rpr = r.find(qn("w:rPr"))
        if rpr is None:
            return default
        b = rpr.find(qn("w:b"))
        if b is not None:
            return _on(b)
        rstyle = rpr.find(qn("w:rStyle"))
        styled = self._style_bold(rstyle.get(_VAL)) if rstyle is not None else None
        return default if styled is None else styled

    def _runs(self, el, out: list[tuple[str, bool]], default: bool) -> None:
        for child in el:
            tag = child.tag
            if tag == _R:
                bold = self._run_bold(child, default)
                for piece in child:
                    ptag = piece.tag
                    if ptag == _T:
                        out.append((piece.text or "", bold))
                    elif ptag == qn("w:tab"):
                        out.append((" ", bold))
                    elif ptag == qn("w:cr") or (ptag == qn("w:br") and piece.get(qn("w:type"), "textWrapping") == "textWrapping"):
                        out.append(("\n", bold))  # a line break (a page or column break is none)
                    elif ptag == qn("w:noBreakHyphen"):
                        out.append(("-", bold))
            elif tag in _CONTAINERS:
                self._runs(child, out, default)

    def para(self, p) -> Para:
        ppr = p.find(qn("w:pPr"))
        ps = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id = ps.get(_VAL) if ps is not None else None
        para = Para(heading=self._heading(style_id, ppr))
        self._runs(p, para.runs, bool(self._style_bold(style_id)))
        num = self._num(style_id, ppr)
        if num is not None and para.plain.strip():
            label = self.numbering.label(*num)
            if label is not None:
                para.label, para.bullet = label
                para.depth, para.list_id = num[1], num[0]
        return para

    def table(self, tbl) -> Table:
        rows = []
        for tr in tbl.iterchildren(_TR):
            row: list[Cell] = []
            for tc in tr.iterchildren(_TC):  # a merged cell's text once, the columns it covers empty
                vmerge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
                merged = vmerge is not None and vmerge.get(_VAL, "continue") == "continue"
                row.append([] if merged else self.cell(tc))
                row.extend([] for _ in range(int(span.get(_VAL, "1")) - 1 if span is not None else 0))
            rows.append(row)
        return Table(rows)

    def cell(self, tc) -> Cell:
        """A cell's paragraphs; a table nested in it adds its cells' paragraphs."""
        paras: Cell = []
        for el in tc:
            if el.tag == _P:
                paras.append(self.para(el))
            elif el.tag == _TBL:
                paras.extend(p for row in self.table(el).rows for c in row for p in c)
        return paras

    def blocks(self, container) -> list[Block]:
        out: list[Block] = []
        for el in container:
            if el.tag == _P:
                out.append(self.para(el))
            elif el.tag == _TBL:
                out.append(self.table(el))
            elif el.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
                out.extend(self.blocks(el))
        return out


def extract(raw: bytes) -> tuple[str, Format]:
    document = docx.Document(io.BytesIO(raw))
    return render(_Reader(document).blocks(document.element.body))
