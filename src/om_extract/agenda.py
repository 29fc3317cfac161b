"""Agenda items from the Tagesordnung: table rows with cells, or PDF lines where the table's
cells were broken over many lines (title, details, "Wer" and "Wann" one after another)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .blocks import Block, Layout, strip_span
from .names import NameMatch, find_names, listed_name, shifted
from .numbering import heading_number
from .rules import RULES
from .text import Span, squash
from .timeparse import TIME, clock, first_time

_DURATION = re.compile(r"[,;]?\s*\d+\s*(?:Min(?:uten)?\.?|min\.?|')")
_TRAILING_PAREN = re.compile(r"\s*\((?P<inner>[^()]{1,120})\)\s*$")
_LEAD_SEP = re.compile(r"^[\s\-–—:]+")


@dataclass
class Presenter:
    name: NameMatch  # offsets in the layout text
    org_text: str | None

    @property
    def name_span(self) -> Span:
        return (self.name.name_start, self.name.end)


@dataclass
class DraftItem:
    number: str | None
    title: str
    title_span: Span
    details: list[str] = field(default_factory=list)
    presenters: list[Presenter] = field(default_factory=list)
    time: str | None = None
    span: Span = (0, 0)
    roles: bool = False  # a role ("Alle") stands in the "Wer" column

    def extend(self, end: int) -> None:
        self.span = (self.span[0], max(self.span[1], end))


def presenters_in(text: str, offset: int) -> list[Presenter]:
    """People in a "Wer" cell, each with the organization text that follows the name; a cell
    that lists bare names ("Bea, Kemal") names people the lexicon may not know."""
    names = find_names(text)
    out: list[Presenter] = []
    for k, n in enumerate(names):
        stop = names[k + 1].start if k + 1 < len(names) else len(text)
        org = text[n.end : stop]
        org = re.sub(r"^[\s,;:\-–—]*\(?\s*|\)?[\s,;]*$", "", org).strip()
        out.append(Presenter(shifted(n, offset), squash(org) or None))
    if out:
        return out
    pos = 0
    for item in re.split(r"(,|;|/|\bund\b)", text):
        s = pos
        pos += len(item)
        stripped = item.strip()
        parsed = listed_name(stripped) if stripped and stripped not in (",", ";", "/", "und") else None
        if parsed:
            out.append(Presenter(shifted(parsed[0], offset + s + item.index(stripped)), parsed[1]))
    return out


def trailing_presenters(seg: str, offset: int) -> tuple[int, list[Presenter], bool] | None:
    """"Finanzen (Kassenwart Jens Ott, 10 Min)", "Dachsanierung (Bea, Kemal 30 Min)": the
    parenthesis at the end of an agenda line names who presents. Returns (title end, presenters,
    a role stands there)."""
    m = _TRAILING_PAREN.search(seg)
    if not m:
        return None
    inner = m.group("inner")
    dur = _DURATION.search(inner)
    who = inner[: dur.start()] if dur else inner
    if not dur and not find_names(who):
        return None
    role = bool(_role_at_end(who)) or who.strip() in RULES.roles
    people = [] if who.strip() in RULES.roles else presenters_in(who, offset + m.start("inner"))
    return m.start(), people, role


@cache
def _roles_at_end() -> re.Pattern[str]:
    roles = "|".join(re.escape(r) for r in sorted(RULES.roles, key=len, reverse=True))
    return re.compile(rf"(?:^|\s)(?:{roles}),?\s*$")


def _role_at_end(text: str) -> re.Match[str] | None:
    return _roles_at_end().search(text)


def from_rows(lay: Layout, rows: list[int]) -> list[DraftItem]:
    items: list[DraftItem] = []
    breaks = RULES.rx("agenda_breaks")
    for i in rows:
        b = lay.blocks[i]
        cells = [c for c in b.cells]
        texts = [lay.of(c).strip() for c in cells]
        if not any(texts) or RULES.rx("agenda_header_cells").match(" ".join(t for t in texts if t)):
            continue
        label, skip = heading_number(texts[0]) if texts else (None, 0)
        num = label if label and skip >= len(texts[0]) else None  # a first cell that is only a number
        pairs = list(zip(cells, texts, strict=True))
        rest = pairs[1:] if (num or not texts[0]) else pairs
        rest = [(c, t) for c, t in rest if t]
        if not rest:
            continue
        (tcell, ttext), others = rest[0], rest[1:]
        if breaks.match(ttext) and not num:
            continue
        strong = [s for s in b.strong if tcell[0] <= s[0] < tcell[1]]
        title_span = _strip(lay, strong[0]) if strong else _strip(lay, tcell)
        details = _LEAD_SEP.sub("", lay.text[title_span[1] : tcell[1]]).strip()
        item = DraftItem(num, squash(lay.of(title_span)), title_span,
                         [squash(details)] if details else [], span=(b.start, b.end))
        for c, t in others:
            if TIME.search(t) and not find_names(t):
                item.time = item.time or first_time(t)
                continue
            item.presenters += presenters_in(lay.of(c), c[0])
            item.roles = item.roles or bool(_role_at_end(t))
        items.append(item)
    return items


def _strip(lay: Layout, span: Span) -> Span:
    """A cell's title without surrounding blanks and trailing list punctuation."""
    s, e = strip_span(lay.text, *span)
    while e > s and lay.text[e - 1] in ",;":
        e -= 1
    return s, e


def from_lines(lay: Layout, lines: list[int], numbered: set[int]) -> list[DraftItem]:
    """Walk the agenda lines: a numbered line opens an item; title lines run until a gap or a bullet, then
    details; a name (or a role) opens the "Wer" part; a time closes the row. The agenda ends at
    its adoption or a decision recorded under it."""
    items: list[DraftItem] = []
    cur: DraftItem | None = None
    in_title = in_org = False
    breaks = RULES.rx("agenda_breaks")
    header = RULES.rx("agenda_header_cells")
    paper = RULES.rx("agenda_reference")  # "Vorlage 2024/117" under a title: a detail
    paper_column = RULES.rx("agenda_reference_column")  # "…   DS 2025/031" right of it: a detail too
    end = RULES.rx("agenda_end")  # "Die Traktandenliste wird genehmigt.": what follows is no item's
    for i in lines:
        b = lay.blocks[i]
        text = lay.block_text(b)
        if header.match(text.strip()) or breaks.match(text.strip()):
            continue
        if i not in numbered and end.search(text.strip()):
            break
        if len(text) > 80 and i not in numbered:
            break  # prose: the agenda is over
        s, e = b.start, b.end
        num, skip = heading_number(text) if i in numbered else (None, 0)
        s += skip
        if cur is not None and cur.presenters and (in_org or (text.startswith("(") and not cur.presenters[-1].org_text)):
            cur.extend(e)
            p = cur.presenters[-1]
            p.org_text = squash(f"{p.org_text or ''}\n{text.lstrip('(')}").rstrip(")").strip()
            in_org = not text.rstrip().endswith(")")
            continue
        # time at the end of the line
        time = None
        tm = list(TIME.finditer(lay.text, s, e))
        if tm and tm[-1].end() >= e - 1 and not _has_text_after(lay.text, tm[-1].end(), e):
            time = clock(tm[0]) if len(tm) > 1 and tm[0].start() > s else clock(tm[-1])
            e = tm[0].start() if tm[0].start() > s else tm[-1].start()
        column = paper_column.search(lay.text, s, e)
        if column:  # the paper's number in a column right of the title: a detail
            e = column.start()
        seg = lay.text[s:e]
        paren = trailing_presenters(seg, s)
        if paren is not None:
            names, role, cut = [p.name for p in paren[1]], paren[2], paren[0]
            paren_people: list[Presenter] | None = paren[1]
        else:
            names = [n for n in find_names(seg) if n.start > 0 or not num]
            role_m = _role_at_end(seg)
            role = bool(role_m)
            cut = min([n.start for n in names[:1]] + ([role_m.start()] if role_m else []) + [len(seg)])
            paren_people = None
        title_part = seg[:cut].strip()
        starts_item = num is not None or (
            cur is not None and cur.time is not None and bool(title_part) and (bool(names) or time or role))
        if cur is None or starts_item or (cur.time is not None and title_part and not names):
            if not num and cur is not None and not (names or time or role):
                cur.details.append(squash(title_part))  # an unnumbered line without its own Wer/Wann
                cur.extend(b.end)
                continue
            cur = DraftItem(num, "", (s, s), span=(b.start, b.end))
            items.append(cur)
            in_title = True
        if title_part:
            if in_title and (b.gap == 0 or not cur.title) and not (cur.title and (paper.match(title_part) or b.kind == "bullet")):
                ts = s + seg.index(title_part)
                cur.title_span = (cur.title_span[0] if cur.title else ts, ts + len(title_part))
                cur.title = squash(f"{cur.title}\n{title_part}") if cur.title else squash(title_part)
            else:
                in_title = False
                _add_detail(cur, title_part, b)
        elif names or role:
            in_title = False
        if paren_people is not None:
            cur.presenters += paren_people
        elif names:
            in_title = False
            cur.presenters += presenters_in(seg[cut:], s + cut)
            in_org = seg.count("(") > seg.count(")")
            if in_org and cur.presenters[-1].org_text:
                cur.presenters[-1].org_text = cur.presenters[-1].org_text.rstrip(")")
        if column:
            _add_detail(cur, column.group("ref"), b)
        if role:
            cur.roles = True
        if time:
            cur.time = cur.time or time
            in_title = False
        cur.extend(b.end)
    return [it for it in items if it.title]


def _add_detail(cur: DraftItem, text: str, b: Block) -> None:
    if cur.details and b.gap == 0 and b.indent == 0:
        cur.details[-1] = squash(f"{cur.details[-1]}\n{text}")
    else:
        cur.details.append(squash(text))


def _has_text_after(text: str, pos: int, end: int) -> bool:
    return bool(text[pos:end].strip(" ,;"))


@dataclass
class _Entry:
    block: int
    number: str | None
    span: Span  # title text (number excluded)
    indent: int
    bullet: bool
    details: list[str] = field(default_factory=list)


def from_list(lay: Layout, lines: list[int]) -> list[DraftItem]:
    """An agenda printed as a list or as paragraphs. Numbered entries are the items (an
    unnumbered entry beside them is a document part, a deeper one a detail); without numbers,
    each paragraph (or each outermost bullet) is an item and what stands under it its details.
    The agenda ends at its adoption or a decision recorded under it."""
    end = RULES.rx("agenda_end")
    entries: list[_Entry] = []
    for i in lines:
        b = lay.blocks[i]
        text = lay.block_text(b)
        if end.search(text.strip()):
            break
        number, skip = heading_number(text)
        if b.kind == "line" and not number and b.gap == 0 and entries and not entries[-1].bullet:
            entries[-1].span = (entries[-1].span[0], b.end)  # a wrapped paragraph
            continue
        entries.append(_Entry(i, number, (b.start + skip, b.end), b.indent, b.kind == "bullet"))
    numbered = [e for e in entries if e.number]
    if len(numbered) >= 2:
        depth = min(e.indent for e in numbered)
        heads = [e for e in entries if e.number and e.indent == depth]
    else:
        paragraphs = [e for e in entries if not e.bullet]
        pool = paragraphs or entries
        depth = min((e.indent for e in pool), default=0)
        heads = [e for e in pool if e.indent == depth]
    items: list[DraftItem] = []
    chosen = {id(e) for e in heads}
    cur: DraftItem | None = None
    for e in entries:
        if id(e) in chosen:
            cur = _list_item(lay, e)
            items.append(cur)
        elif cur is not None and (e.indent > depth or (e.bullet and not heads[0].bullet)):
            cur.details.append(squash(lay.of(e.span)))
            cur.extend(lay.blocks[e.block].end)
    return [it for it in items if it.title]


def _list_item(lay: Layout, e: _Entry) -> DraftItem:
    s, t = strip_span(lay.text, *e.span)
    end = t
    paren = trailing_presenters(lay.text[s:t], s)
    if paren is not None:  # "Kassenbericht (Jens Ott, 10 Min)": the title ends before who presents
        t = strip_span(lay.text, s, s + paren[0])[1]
    item = DraftItem(e.number, squash(lay.text[s:t]), (s, t), span=(lay.blocks[e.block].start, end))
    if paren is not None:
        item.presenters, item.roles = paren[1], paren[2]
    elif m := _PAREN_WHO.search(lay.text, s, end):
        # "Beamer (kiwi, erledigt)": a lone word first in the parenthesis may name who presents;
        # it counts only where it is a person of the document (resolved later)
        a, z = m.span("who")
        item.presenters = [Presenter(NameMatch(a, z, a, None, None, None, m.group("who"), True), None)]
    return item


_PAREN_WHO = re.compile(r"\((?P<who>[\w^][\w^.-]{1,24})\s*(?:\)|(?:[,;:]|→|->|=>)[^()]*\))\s*$")
