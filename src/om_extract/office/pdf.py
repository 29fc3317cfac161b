"""PDF: the text layer with its geometry, read with pypdfium2 (PDFium).

Characters come with their baseline origin, box and font; words are runs of adjacent
characters, lines are words on one baseline in reading order. Tables come from the ruling lines
(thin path objects) or, without rules, from the columns the words of several lines share: their
rows are emitted as tab-separated cells. Running headers and footers (the same text at the same
place in the margins of several pages, digits aside) and page numbers are left out;
a word hyphenated at a line end is joined; bold comes from the font name. A document with tables
is emitted as Markdown (one line per paragraph, ``**bold**``, tab rows) for the Markdown
backend (or, when its numbered rows hold whole TOPs, for the Word-table backend), one without as
printed lines for the PDF-text backend. pypdfium2 was chosen by measurement (README: 2-5x
``pdftotext -layout``; pdfplumber 16-32x).
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as fpdf

from ..blocks import BULLET_GLYPHS
from ..models import Format
from ..reader import InputError
from ..rules import RULES
from ..text import squash_append
from .markdown import Block, Para, Table, render

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|\bbd\b|,b\b|-b$", re.I)
_SPACE = frozenset(" \u00a0\u2002\u2003\u2009\u202f")
_BREAK = frozenset("\r\n")
_SOFT_HYPHEN = frozenset("\u00ad\x02")  # a soft hyphen PDFium reports where the line broke
_THIN = 2.0  # a ruling line is at most this thick (points)


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    y: float  # baseline
    size: float
    bold: bool
    glued: bool = False  # no blank before it (a bold change inside a word)


@dataclass
class Line:
    words: list[Word]
    y: float
    size: float

    @property
    def top(self) -> float:
        return self.y + self.size

    def text(self, marks: bool) -> str:
        """The words joined by blanks; with ``marks`` bold runs in ``**``."""
        out: list[str] = []
        bold = False
        for k, w in enumerate(self.words):
            if marks and w.bold != bold and (w.text.strip() or not w.bold):
                out.append("**")
                bold = w.bold
            if k and not w.glued:
                if marks and bold and out[-1] == "**":  # "** word" is no emphasis: blank before the marker
                    out.insert(len(out) - 1, " ")
                else:
                    out.append(" ")
            out.append(w.text)
        if marks and bold:
            out.append("**")
        text = "".join(out)
        return re.sub(r"\*\*(\s*)\*\*", r"\1", text) if marks else text


@dataclass
class Row:
    cells: list[list[Line]]
    y: float  # top edge of the row band
    bottom: float
    columns: tuple[float, ...]


@dataclass
class Page:
    lines: list[Line]  # outside tables
    rows: list[Row]


def extract(raw: bytes) -> tuple[str, Format]:
    """The document's text and the layout it is written in; ``InputError`` for what cannot be read."""
    pdf = _open(raw)
    try:
        pages = [_read_page(pdf, k) for k in range(len(pdf))]
    finally:
        pdf.close()
    if not any(p.lines or p.rows for p in pages):
        raise InputError("a PDF file without a text layer (a scanned image?): it needs OCR first")
    _drop_furniture(pages)
    carry: list[float] | None = None
    for p in pages:
        aligned, p.lines, carry = _aligned_tables(p.lines, carry)
        p.rows = sorted(p.rows + aligned, key=lambda r: -r.y)
    items = _items(pages)
    if not any(it.row for it in items):
        return _lines(items), "pdf_text"
    return render(_blocks(items))


def _open(raw: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (fpdf.FPDF_ERR_PASSWORD, fpdf.FPDF_ERR_SECURITY):
            raise InputError("a PDF file that is encrypted (password protected): it cannot be read") from None
        raise InputError("a PDF file that is damaged: it cannot be opened") from None


# -- characters and words --------------------------------------------------------------------


def _read_page(pdf: pdfium.PdfDocument, k: int) -> Page:
    try:
        page = pdf[k]
    except pdfium.PdfiumError:
        raise InputError(f"a PDF file that is damaged: page {k + 1} cannot be read") from None
    try:
        words = _words(page)
        hs, vs = _rulings(page)
    finally:
        page.close()
    rows, rest = _tables(words, hs, vs)
    return Page(_group_lines(rest), rows)


def _words(page: pdfium.PdfPage) -> list[Word]:
    """Words in content order: characters on one baseline without a gap between them."""
    tp = page.get_textpage()
    try:
        n = fpdf.FPDFText_CountChars(tp)
        box = fpdf.FS_RECTF()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        name = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        words: list[Word] = []
        cur: Word | None = None
        obj = None
        bold, size, last_x0 = False, 0.0, 0.0
        for i in range(n):
            ch = chr(fpdf.FPDFText_GetUnicode(tp, i))
            if ch in _BREAK or ch in _SPACE:
                if not fpdf.FPDFText_IsGenerated(tp, i):  # PDFium's own blanks: the geometry decides
                    cur = None
                continue
            o = fpdf.FPDFText_GetTextObject(tp, i)
            o = ctypes.cast(o, ctypes.c_void_p).value if o else None
            if o != obj or obj is None:
                obj = o
                fpdf.FPDFText_GetFontInfo(tp, i, name, 128, flags)
                bold = bool(_BOLD_FONT.search(name.value.decode("latin-1"))) or (flags.value >> 18) & 1 == 1
                size = fpdf.FPDFText_GetFontSize(tp, i) or 1.0
            fpdf.FPDFText_GetCharOrigin(tp, i, ox, oy)
            fpdf.FPDFText_GetLooseCharBox(tp, i, box)
            x0, x1, y = box.left, max(box.right, box.left), oy.value
            if ch in _SOFT_HYPHEN:
                ch = "-"
            elif ch < " ":
                continue
            # a ligature's letters share one box: the second starts where the first did
            near = (cur is not None and abs(y - cur.y) < 0.3 * size
                    and last_x0 - 0.1 * size <= x0 and x0 - cur.x1 < 0.12 * size)
            last_x0 = x0
            if near and cur is not None and cur.bold == bold:
                cur.text += ch
                cur.x1 = max(cur.x1, x1)
                continue
            cur = Word(ch, x0, x1, y, size, bold, glued=near)
            words.append(cur)
        return words
    finally:
        tp.close()


def _group_lines(words: list[Word]) -> list[Line]:
    """Words on one baseline (within a third of the font size) as lines, top to bottom, left to right."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: -w.y):
        if lines and abs(lines[-1].y - w.y) < 0.35 * max(w.size, lines[-1].size):
            lines[-1].words.append(w)
            lines[-1].size = max(lines[-1].size, w.size)
        else:
            lines.append(Line([w], w.y, w.size))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
        for a, b in itertools.pairwise(line.words):
            if b.glued and b.x0 - a.x1 > 0.12 * b.size:
                b.glued = False
    return lines


# -- tables from ruling lines ----------------------------------------------------------------


def _rulings(page: pdfium.PdfPage) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Thin path objects: horizontal (y, x0, x1) and vertical (x, y0, y1) rulings."""
    hs: list[tuple[float, float, float]] = []
    vs: list[tuple[float, float, float]] = []
    lb, bb, rb, tb = (ctypes.c_float() for _ in range(4))
    for k in range(fpdf.FPDFPage_CountObjects(page)):
        obj = fpdf.FPDFPage_GetObject(page, k)
        if fpdf.FPDFPageObj_GetType(obj) != fpdf.FPDF_PAGEOBJ_PATH:
            continue
        if not fpdf.FPDFPageObj_GetBounds(obj, lb, bb, rb, tb):
            continue
        x0, y0, x1, y1 = lb.value, bb.value, rb.value, tb.value
        if y1 - y0 <= _THIN and x1 - x0 > 3 * _THIN:
            hs.append(((y0 + y1) / 2, x0, x1))
        elif x1 - x0 <= _THIN and y1 - y0 > 3 * _THIN:
            vs.append(((x0 + x1) / 2, y0, y1))
    return hs, vs


def _merge(segments: list[tuple[float, float, float]], tol: float = 1.5) -> list[tuple[float, float, float]]:
    """Segments on one line (position within ``tol``) that touch become one."""
    out: list[tuple[float, float, float]] = []
    for pos, a, b in sorted(segments):
        if out and abs(out[-1][0] - pos) <= tol and a <= out[-1][2] + tol:
            p, a0, b0 = out[-1]
            out[-1] = (p, a0, max(b0, b))
        else:
            out.append((pos, a, b))
    return out


def _tables(words: list[Word], hs, vs) -> tuple[list[Row], list[Word]]:
    """Rows of the ruled tables on a page (bands between horizontal rulings, cells between the
    vertical rulings that cross the band), and the words outside them."""
    hs, vs = _merge(hs), _merge(vs)
    if len(hs) < 2 or len(vs) < 3:
        return [], words
    tol = 2.0
    rows: list[Row] = []
    ys = sorted({round(y, 1) for y, _, _ in hs}, reverse=True)
    for top, bottom in itertools.pairwise(ys):
        if top - bottom < 4:
            continue
        mid = (top + bottom) / 2
        xs = sorted({x for x, y0, y1 in vs if y0 - tol <= mid <= y1 + tol
                     and y0 - tol <= bottom and y1 + tol >= top})
        xs = [x for k, x in enumerate(xs) if k == 0 or x - xs[k - 1] > tol]
        if len(xs) < 2:
            continue
        spans = [h for h in hs if abs(h[0] - top) <= tol or abs(h[0] - bottom) <= tol]
        if not any(a <= xs[0] + tol and b >= xs[-1] - tol for _, a, b in spans):
            continue
        rows.append(Row([[] for _ in xs[1:]], top, bottom, tuple(xs)))
    if not rows or max(len(r.columns) for r in rows) < 3:
        return [], words
    buckets: dict[tuple[int, int], list[Word]] = {}
    rest: list[Word] = []
    for w in words:
        cx = (w.x0 + w.x1) / 2
        cy = w.y + 0.3 * w.size
        for r, row in enumerate(rows):
            if row.bottom <= cy <= row.y and row.columns[0] <= cx <= row.columns[-1]:
                c = next(k for k in range(len(row.columns) - 1) if cx <= row.columns[k + 1])
                buckets.setdefault((r, c), []).append(w)
                break
        else:
            rest.append(w)
    for (r, c), ws in buckets.items():
        rows[r].cells[c] = _group_lines(ws)
    return [r for r in rows if any(r.cells)], rest


# -- tables from column positions -------------------------------------------------------------


def _segments(line: Line) -> list[list[Word]]:
    """A line's words in runs apart from each other by more than a wide blank (0.8 em; two cell
    paddings are about one)."""
    out: list[list[Word]] = [[line.words[0]]]
    for a, b in itertools.pairwise(line.words):
        if b.x0 - a.x1 > 0.8 * max(a.size, b.size):
            out.append([b])
        else:
            out[-1].append(b)
    return out


def _anchors(lines: list[Line]) -> list[float]:
    """Column starts that two or more multi-run lines share (within 3 points)."""
    starts = sorted(seg[0].x0 for ln in lines if len(segs := _segments(ln)) > 1 for seg in segs)
    groups: list[list[float]] = []
    for x in starts:
        if groups and x - groups[-1][-1] <= 3:
            groups[-1].append(x)
        else:
            groups.append([x])
    return [min(g) for g in groups if len(g) >= 2]


def _fits(line: Line, anchors: list[float]) -> bool:
    """Every run of the line stands in one column (from its start, or indented in it, as a
    bullet's text) and ends before the next one."""
    for seg in _segments(line):
        k = max((k for k, a in enumerate(anchors) if seg[0].x0 >= a - 3), default=None)
        if k is None or (k + 1 < len(anchors) and seg[-1].x1 > anchors[k + 1] - 3):
            return False
    return True


def _aligned_tables(lines: list[Line], carry: list[float] | None) -> tuple[list[Row], list[Line], list[float] | None]:
    """Tables without rules: runs of lines whose words stand in shared columns (two or more
    lines of several runs, every run at a column start; at a page's top, lines in the columns
    of the table that ended the page before). A row begins where the first column starts
    again, where a column restarts after a line without it, or after a gap. Returns the rows,
    the other lines, and the columns of a table that reaches the page's end."""
    rows: list[Row] = []
    rest: list[Line] = []
    k = 0
    if carry:
        while k < len(lines) and _fits(lines[k], carry):
            k += 1
        rows += _aligned_rows(lines[:k], carry) if k else []
    last = carry if k and k == len(lines) else None
    while k < len(lines):
        if len(_segments(lines[k])) < 2:
            rest.append(lines[k])
            k += 1
            continue
        end = k + 1
        while end < len(lines) and lines[end - 1].y - lines[end].y < 3.5 * lines[end].size:
            end += 1
        block = lines[k:end]
        anchors = _anchors(block)
        n = 0
        while n < len(block) and len(anchors) >= 2 and _fits(block[n], anchors):
            n += 1
        if sum(1 for ln in block[:n] if len(_segments(ln)) > 1) < 2 or _labels_only(block[:n], anchors):
            rest.append(lines[k])
            k += 1
            continue
        rows += _aligned_rows(block[:n], anchors)
        k += n
        last = anchors if k == len(lines) else None
    return rows, rest, last


_GLYPH = rf"[{re.escape(BULLET_GLYPHS)}\ue000-\uf8ff]"
"""A bullet glyph as the PDF has it (a symbol font's bullet lands in the private use area)."""
_LABEL = re.compile(rf"^(?:\(?\d{{1,3}}[.)]?|[a-zA-Z][.)]|{_GLYPH}|TOP\s*\d+[a-z]?[.:]?)$")


def _labels_only(block: list[Line], anchors: list[float]) -> bool:
    """Two columns close together whose first holds only list labels ("1.", "a)", "•"): a list
    with its hanging indent, not a table."""
    if len(anchors) > 2 or anchors[1] - anchors[0] > 4 * block[0].size:
        return False
    firsts = [" ".join(w.text for w in ln.words if w.x0 < anchors[1] - 3) for ln in block]
    return all(not t or _LABEL.match(t) for t in firsts)


def _aligned_rows(block: list[Line], anchors: list[float]) -> list[Row]:
    """The rows of a table without rules: a row begins where the first column starts again (a
    number, or after a line without it), where a column restarts after a line without it, or
    below a gap with a new first cell or several cells."""
    right = max(w.x1 for ln in block for w in ln.words) + 1
    columns = (*(a - 1 for a in anchors), right)
    rows: list[Row] = []
    prev: list[bool] = []
    for ln in block:
        parts: list[list[Word]] = [[] for _ in anchors]
        for w in ln.words:
            parts[max(c for c, a in enumerate(anchors) if w.x0 >= a - 3 or c == 0)].append(w)
        has = [bool(p) for p in parts]
        cur = rows[-1] if rows else None
        restart = cur is not None and any(h and not was and cell for h, was, cell in zip(has, prev, cur.cells, strict=True))
        gap = cur is not None and cur.bottom - ln.y > 1.6 * ln.size and (has[0] or sum(has) > 1)
        label = bool(_LABEL.match(" ".join(w.text for w in parts[0])))  # "2." under "1.": a new row
        if cur is None or restart or gap or (has[0] and cur.cells[0] and (not prev[0] or label)):
            cur = Row([[] for _ in anchors], ln.top, ln.y, columns)
            rows.append(cur)
        for c, words in enumerate(parts):
            if words:
                cur.cells[c].append(Line(words, ln.y, ln.size))
        cur.bottom = ln.y
        prev = has
    return rows


# -- page furniture --------------------------------------------------------------------------


def _key(line: Line) -> str:
    return re.sub(r"\d+", "#", " ".join(w.text for w in line.words))


def _margins(p: Page) -> list[Line]:
    """The lines in a page's top and bottom margins: up to two lines at either end set apart
    from the rest by a gap of more than one and a half times their size (a header's distance
    to the body; paragraph spacing is less)."""
    items = sorted([(ln.top, ln.y, ln) for ln in p.lines] + [(r.y, r.bottom, None) for r in p.rows], key=lambda t: -t[0])
    out: list[Line] = []
    for k in range(min(2, len(items) - 1)):  # top: items[:k + 1] above the gap
        line = items[k][2]
        if line is None:
            break
        if items[k][1] - items[k + 1][0] > 1.5 * line.size:
            out += [t[2] for t in items[: k + 1] if t[2] is not None]
            break
    for k in range(min(2, len(items) - 1)):  # bottom: items[-k - 1:] below the gap
        line = items[-k - 1][2]
        if line is None:
            break
        if items[-k - 2][1] - items[-k - 1][0] > 1.5 * line.size:
            out += [t[2] for t in items[-k - 1 :] if t[2] is not None]
            break
    return out


def _drop_furniture(pages: list[Page]) -> None:
    """Running headers and footers (the same text, digits aside, at the same height on two or
    more pages) and page numbers, among the lines in the page margins."""
    margins = [_margins(p) for p in pages]
    seen = Counter((_key(line), round(line.y)) for lines in margins for line in {id(x): x for x in lines}.values())
    for p, lines in zip(pages, margins, strict=True):
        drop = set()
        for line in lines:
            text = " ".join(w.text for w in line.words)
            if seen[_key(line), round(line.y)] >= 2 or RULES.page_footer.match(text) or text.isdigit():
                drop.add(id(line))
        p.lines = [ln for ln in p.lines if id(ln) not in drop]


# -- output ----------------------------------------------------------------------------------


@dataclass
class _Item:
    """A line or a table row in reading order."""

    top: float
    bottom: float
    size: float
    line: Line | None = None
    row: Row | None = None
    blanks: int = 0  # blank lines before it
    right: float = 0.0  # the right edge of the page's text


def _blanks(gap: float, size: float) -> int:
    """Blank lines in a vertical gap (points) between lines of ``size``: none within a line pitch."""
    pitch = gap / (1.15 * size)
    return min(3, max(1, round(pitch))) if pitch > 0.3 else 0


def _items(pages: list[Page]) -> list[_Item]:
    """Lines and rows of every page in reading order, each with the blank lines before it (a
    vertical gap of more than a line; at a page's top, space above its first line that other
    pages fill: an empty paragraph the page break moved)."""
    out: list[_Item] = []
    top = max((p.lines[0].top for p in pages if p.lines), default=0.0)
    for p in pages:
        right = max((ln.words[-1].x1 for ln in p.lines), default=0.0)
        items = [_Item(ln.top, ln.y, ln.size, line=ln, right=right) for ln in p.lines]
        items += [_Item(r.y, r.bottom, max((ln.size for c in r.cells for ln in c), default=10.0), row=r) for r in p.rows]
        items.sort(key=lambda it: -it.top)
        if items and out and _continued(out[-1].row, items[0].row):
            for cell, more in zip(out[-1].row.cells, items.pop(0).row.cells, strict=True):
                cell.extend(more)
        prev: _Item | None = None
        for it in items:
            if prev is not None and (it.row is not None or prev.row is not None):
                it.blanks = int(prev.row is None or it.row is None or prev.row.columns != it.row.columns)
            elif prev is not None:
                it.blanks = _blanks(prev.bottom - it.bottom - 1.15 * max(prev.size, it.size), max(prev.size, it.size))
            elif out and it.line is not None:
                it.blanks = _blanks(top - it.top, it.size)
            out.append(it)
            prev = it
    return out


def _continued(last: Row | None, first: Row | None) -> bool:
    """Whether a page's first row is the rest of the row that ended the page before: the same
    columns and an empty first cell (the number stays on the row's first page)."""
    return (last is not None and first is not None and not first.cells[0] and len(last.columns) == len(first.columns)
            and all(abs(a - b) < 2 for a, b in zip(last.columns, first.columns, strict=True)))


def _unhyphenate(lines: list[str]) -> list[str]:
    """A word split by a hyphen at a line end is joined on the first line (the lines of one
    paragraph; a line emptied by it is dropped)."""
    out: list[str] = []
    for text in lines:
        body = text.lstrip()
        if out and re.search(r"\w-$", out[-1]) and (m := re.match(r"[^\W\d_]\w*[.,;:!?)]?", body)):
            joined = squash_append(out[-1], m.group())
            if " " not in joined[out[-1].rfind(" ") + 1 :]:
                out[-1] = joined
                text = body[m.end() :].lstrip()
                if not text:
                    continue
        out.append(text)
    return out


def _margin(items: list[_Item]) -> float:
    """The left edge most lines start at."""
    starts = Counter(round(it.line.words[0].x0) for it in items if it.line is not None)
    return starts.most_common(1)[0][0] if starts else 0.0


def _lines(items: list[_Item]) -> str:
    """PDF-text layout: one line per printed line, blank lines between paragraphs, an indented
    line (a bullet's hanging text, a lost bullet glyph) with leading blanks."""
    margin = _margin(items)
    out: list[str] = []
    para: list[str] = []
    for it in items:
        assert it.line is not None
        if it.blanks and para:
            out += [*_unhyphenate(para), *[""] * it.blanks]
            para = []
        shift = (it.line.words[0].x0 - margin) / it.line.size
        indent = " " * max(1, round(shift / 0.5)) if 0.2 < shift < 6 else ""
        para.append(indent + it.line.text(marks=False))
    out += _unhyphenate(para)
    return "\n".join(out).rstrip() + "\n"


def _runs(line: Line) -> list[tuple[str, bool]]:
    """A line's words as (text, bold) runs, blanks between the words."""
    runs: list[tuple[str, bool]] = []
    for k, w in enumerate(line.words):
        gap = "" if k == 0 or w.glued else " "
        if runs and runs[-1][1] == w.bold:
            runs[-1] = (runs[-1][0] + gap + w.text, w.bold)
        else:
            if gap:
                runs[-1] = (runs[-1][0] + gap, runs[-1][1])
            runs.append((w.text, w.bold))
    return runs


_CLOSING = tuple(",.;:!?)")


def _join(para: Para, line: Line, glue: bool = False) -> None:
    """A wrapped line appended to its paragraph: a word hyphenated at the line end joined, a
    punctuation mark the line pushed down and (``glue``) a word broken where it did not fit
    joined without a blank."""
    more = _runs(line)
    text, bold = para.runs[-1]
    first = more[0][0]
    tight = glue or first.startswith(_CLOSING)
    if tight:
        para.runs[-1] = (text.rstrip(), bold)
    if bold == more[0][1]:
        joined = text.rstrip() + first if tight else squash_append(text, first)
        para.runs[-1] = (joined + first[len(first.rstrip()) :], bold)
        more = more[1:]
    elif not tight and not text.endswith(" "):
        para.runs[-1] = (text + " ", bold)
    para.runs.extend(more)


def _wraps(a: Line, b: Line, right: float) -> bool:
    """Whether line ``b`` continues the paragraph of ``a``: the same font size, no gap, and ``a``
    full (``b``'s first word would have fit on it otherwise)."""
    if abs(a.size - b.size) > 0.5 or a.y - b.y > 1.5 * max(a.size, b.size):
        return False
    if len(b.words) <= 3 and b.words[-1].text.endswith(":") and a.words[-1].text.endswith((".", "!", "?", ":")):
        return False  # a label ("Beschluss:") after a finished sentence opens its own paragraph
    if a.words[-1].text.endswith(":") and not b.words[0].text[:1].islower():
        return False  # what a line ending in a colon announces starts a paragraph
    first = b.words[0]
    return a.words[-1].x1 + 0.3 * b.size + (first.x1 - first.x0) > right


_BULLET_GLYPH = re.compile(rf"^{_GLYPH}$")


def _para(line: Line, heading: int = 0) -> Para:
    """A paragraph opened by its first line; a bullet glyph standing alone makes it a list item."""
    if len(line.words) > 1 and _BULLET_GLYPH.match(line.words[0].text):
        return Para(_runs(Line(line.words[1:], line.y, line.size)), bullet=True)
    return Para(_runs(line), heading=heading)


@functools.cache
def _line_start_words() -> frozenset[str]:
    return frozenset(RULES.data["line_start_words"])


def _cell(lines: list[Line], left: float, right: float) -> list[Para]:
    """A table cell's paragraphs. Its text area ends as far from the right rule as it starts
    from the left one; a lone word that fills it up to less than a letter, followed by a line in
    lower case that does not open with a word of its own (rules: line_start_words), is a word
    broken where it did not fit."""
    if not lines:
        return []
    edge = right - max(0.0, min(ln.words[0].x0 for ln in lines) - left)
    right = max(edge - 0.5 * lines[0].size, *(ln.words[-1].x1 for ln in lines))
    out: list[Para] = []
    for k, line in enumerate(lines):
        if k and _wraps(lines[k - 1], line, right):
            a = lines[k - 1]
            rest = line.words[0].text
            broken = (len(a.words) == 1 and a.words[0].x1 > edge - 0.65 * a.size and a.words[0].text[-1:].isalpha()
                      and rest[:1].islower() and rest.rstrip(".,;:") not in _line_start_words())
            _join(out[-1], line, glue=broken)
        else:
            out.append(_para(line))
    return out


def _all_bold(line: Line) -> bool:
    return all(w.bold for w in line.words)


def _heading_levels(items: list[_Item]) -> dict[float, int]:
    """Font sizes above the body's (the most common one) → heading levels, largest first."""
    lines = [it.line for it in items if it.line is not None]
    lines += [ln for it in items if it.row is not None for cell in it.row.cells for ln in cell]
    sizes = Counter(round(w.size, 1) for ln in lines for w in ln.words)
    if not sizes:
        return {}
    body = sizes.most_common(1)[0][0]
    bigger = sorted({round(it.size, 1) for it in items if it.line is not None and _all_bold(it.line)
                     and round(it.size, 1) > body + 0.5}, reverse=True)
    return {size: k + 1 for k, size in enumerate(bigger[:6])}


def _blocks(items: list[_Item]) -> list[Block]:
    """Paragraphs (wrapped lines joined; a bold paragraph in a larger font a heading) and tables
    (consecutive rows with the same columns), for the renderer the DOCX and ODT readers share."""
    levels = _heading_levels(items)
    blocks: list[Block] = []
    prev: _Item | None = None
    for it in items:
        last = blocks[-1] if blocks else None
        if it.row is not None:
            cells = [_cell(lines, *it.row.columns[k : k + 2]) for k, lines in enumerate(it.row.cells)]
            if isinstance(last, Table) and prev is not None and prev.row is not None and not it.blanks:
                last.rows.append(cells)
            else:
                blocks.append(Table([cells]))
        elif (isinstance(last, Para) and prev is not None and prev.line is not None and it.line is not None
              and not it.blanks and _wraps(prev.line, it.line, prev.right)):
            _join(last, it.line)
        else:
            assert it.line is not None
            blocks.append(_para(it.line, levels.get(round(it.size, 1), 0) if _all_bold(it.line) else 0))
        prev = it
    return blocks


def page_count(raw: bytes) -> int:
    """Pages of a PDF (for the benchmark's pages per second)."""
    pdf = _open(raw)
    try:
        return len(pdf)
    finally:
        pdf.close()


__all__ = ["extract", "page_count"]
