"""Splitting a layout into header, agenda region and TOP sections.

Numbered lines are only candidates: the agenda's numbering comes first, the sections' numbering
restarts after it, and a numbered line inside a section (a quoted list) is a heading only when
its number is the next one expected and, where an agenda exists, its title matches an item."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .agenda import DraftItem, from_lines, from_list, from_rows
from .blocks import Layout
from .doctree import Document, Heading, TopSection, region
from .numbering import heading_number, major, roman, series
from .outline import Head, classify, heads_of, is_section, top_level
from .rules import RULES
from .text import OPEN_END, Span, squash


@dataclass
class _Split:
    """The regions as block indices, while they are being found."""

    header: list[int] = field(default_factory=list)  # block indices
    agenda_rows: list[int] = field(default_factory=list)
    agenda_lines: list[int] = field(default_factory=list)
    agenda: list[DraftItem] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    bodies: list[list[int]] = field(default_factory=list)  # per heading: body block indices
    signoff: list[int] = field(default_factory=list)


def title_sim(a: str, b: str) -> float:
    """Similarity of two titles; a short title that one longer title contains counts too."""
    a, b = a.lower(), b.lower()
    if not a or not b:
        return 0.0
    short, long_ = sorted((len(a), len(b)))
    best = max(fuzz.token_set_ratio(a, b) if short > 0.5 * long_ else 0, fuzz.ratio(a, b))
    if short >= 10:
        best = max(best, fuzz.partial_ratio(a, b) - 10)
    return best


_SUB = re.compile(r"\d{1,2}\.[1-9]\d?")  # a sub-item's number: "2.1", "Ö 4.12"


@dataclass
class _Candidate:
    index: int
    number: int  # the whole number that orders it
    label: str  # as printed: "7", "7a"
    title: Span
    strong: bool  # markup makes it a heading for sure
    keyed: bool = False  # "TOP 5: Title": named a TOP, a heading even when the agenda lacks it
    @property
    def series(self) -> str:
        """The series it counts in: "Ö" or "N" (public, non-public items), else ""."""
        return series(self.label)[0]

    @property
    def sub(self) -> bool:
        """A sub-item of the item before it ("7a" after "7"); "IV" is a whole number."""
        numeral = series(self.label)[1]
        return numeral != str(self.number) and roman(numeral) is None


def _candidates(lay: Layout) -> list[_Candidate]:
    out: list[_Candidate] = []
    for i, b in enumerate(lay.blocks):
        text = lay.block_text(b)
        if b.kind == "heading" and b.number and (n := major(b.number)) is not None:
            out.append(_Candidate(i, n, b.number, (b.start, b.end), True))
            continue
        if b.kind not in ("heading", "line"):
            continue
        label, skip = heading_number(text)
        n = major(label) if label else None
        if n is None or not label or skip >= len(text) or len(text) > 110 or text.endswith(","):
            continue
        if "." in label and not (_SUB.fullmatch(series(label)[1]) and text[skip : skip + 1].isupper()):
            continue  # "2.1 Neubau eines Carports" is a sub-item of 2; "1.1.2" and "2.5 Mio." are none
        if "." in label and not _counted_on(label, out):
            continue  # "2.5 Mio. Euro" wrapped to a line's start: no "2.4" before it
        keyed = bool(RULES.rx("keyed_heading").match(text))
        out.append(_Candidate(i, n, label, (b.start + skip, b.end), b.kind == "heading", keyed))
    return out


def _counted_on(label: str, before: list[_Candidate]) -> bool:
    """A sub-item's number counts from 1: "2.1", or "2.3" after a "2.2" of its series."""
    ser, numeral = series(label)
    whole, sub = numeral.split(".")
    return sub == "1" or any(series(c.label) == (ser, f"{whole}.{int(sub) - 1}") for c in before)


def _follows(c: _Candidate, last: _Candidate) -> bool:
    """c continues a run that ended with ``last``: the next number of its series, or a sub-item of it."""
    if c.series != last.series:
        return False
    return (c.number == last.number + 1 and not c.sub) or (c.sub and c.number == last.number and c.label > last.label)


def _chains(cands: list[_Candidate]) -> list[list[_Candidate]]:
    """Runs of candidates numbered 1, 2, 3 … (a new run starts at 1; "7a" may follow 7)."""
    chains: list[list[_Candidate]] = []
    for c in cands:
        if chains and _follows(c, chains[-1][-1]):
            chains[-1].append(c)
        elif c.number in (0, 1) and not c.sub:
            chains.append([c])
    return [ch for ch in chains if len(ch) >= 2 or ch[0].strong]


def split(lay: Layout) -> Document:
    """The document tree of a layout: header, agenda, TOP sections and sign-off."""
    st = _split_outline(lay) or _split_lines(lay)
    if not st.agenda:
        st.agenda = _agenda_field(lay, st.header)
    return Document(
        layout=lay, header=region(lay, "header", st.header),
        agenda=region(lay, "agenda", sorted(st.agenda_rows + st.agenda_lines)), agenda_items=st.agenda,
        sections=[TopSection(h, region(lay, "section", body)) for h, body in zip(st.headings, st.bodies, strict=True)],
        signoff=region(lay, "signoff", st.signoff))


def _split_outline(lay: Layout) -> _Split | None:
    """Sections from marked-up headings (see ``outline``); None when the markup prints fewer
    than two TOP headings, so that numbered lines decide."""
    heads = heads_of(lay)
    if len(heads) < 2:
        return None
    classify(lay, heads, lambda k: _lists_later(lay, heads, k))
    level = top_level(heads)
    if level is None:
        return None
    tops = [h for h in heads if is_section(h, level)]
    if len(tops) < 2:
        return None
    st = _Split()
    agenda_blocks = [i for h in heads if h.role == "agenda" for i in [h.index, *h.body]]
    body_of_agenda = [i for h in heads if h.role == "agenda" for i in h.body]
    skip = set(agenda_blocks)
    st.header = [i for i in range(tops[0].index) if i not in skip]
    if not body_of_agenda:  # an agenda under a marker line ("Tagesordnung") in the header
        marker = next((i for i in st.header if RULES.rx("agenda_marker").match(lay.block_text(lay.blocks[i]))), None)
        if marker is not None:
            body_of_agenda = [i for i in st.header if i > marker]
            st.header = [i for i in st.header if i < marker]
    rows = [i for i in st.header if lay.blocks[i].kind == "row"]
    if not body_of_agenda and rows and _names_most(lay, rows, [h.text for h in tops]):
        body_of_agenda = _contiguous(rows)  # a table before the first TOP under no heading whose rows name the TOPs
        st.header = [i for i in st.header if i < body_of_agenda[0]]
    rows = [i for i in body_of_agenda if lay.blocks[i].kind == "row"]
    st.agenda = from_rows(lay, _contiguous(rows)) if rows else from_list(lay, body_of_agenda)
    st.agenda_lines = body_of_agenda
    tops_at = {h.index for h in tops}
    for k, h in enumerate(heads):
        if h.index not in tops_at:
            continue
        stop = next((n.index for n in heads[k + 1 :]
                     if n.index in tops_at or n.role != "content" or n.level < level), len(lay.blocks))
        st.headings.append(Heading(h.index, h.number, h.title, h.index, lay.blocks[h.index].aside))
        st.bodies.append(list(range(h.index + 1, stop)))
    st.signoff = [i for h in heads if h.role == "signoff" for i in [h.index, *h.body]]
    _cut_signoff(lay, st)
    return st


def _lists_later(lay: Layout, heads: list[Head], k: int) -> bool:
    """The body of heading k is a list whose entries name most of the later headings."""
    return _names_most(lay, [i for i in heads[k].body[:60] if lay.blocks[i].kind in ("bullet", "line", "row")],
                       [h.text for h in heads[k + 1 : k + 61]])


def _names_most(lay: Layout, blocks: list[int], later: list[str]) -> bool:
    """Most of these blocks name one of the later headings."""
    entries = [lay.block_text(lay.blocks[i]) for i in blocks]
    if len(entries) < 2 or len(later) < 2:
        return False
    hits = sum(max(title_sim(e, t) for t in later) >= 70 for e in entries)
    return hits >= 2 and hits >= 0.6 * len(entries)


def _agenda_field(lay: Layout, header: list[int]) -> list[DraftItem]:
    """"Tagesordnung: <topic>" in the header: a one-item agenda."""
    rx = RULES.rx("agenda_field")
    for i in header:
        b = lay.blocks[i]
        m = rx.match(lay.block_text(b))
        if m:
            s, e = b.start + m.start("topic"), b.end
            return [DraftItem(None, squash(lay.text[s:e]), (s, e), span=(b.start, b.end))]
    return []


def _cut_signoff(lay: Layout, st: _Split) -> None:
    """Sign-off lines ("Protokoll: …", "Fürs Protokoll", "gez. …") end the last section."""
    if not st.bodies:
        return
    last = st.bodies[-1]
    taker, line = RULES.rx("minute_taker"), RULES.rx("signoff_line")
    cut = next((j for j, i in enumerate(last)
                if taker.match(t := lay.block_text(lay.blocks[i])) or line.match(t)), None)
    if cut is not None:
        st.signoff = last[cut:] + st.signoff
        st.bodies[-1] = last[:cut]


def _split_lines(lay: Layout) -> _Split:
    blocks = lay.blocks
    st = _Split()
    marker = next((i for i, b in enumerate(blocks)
                   if b.kind in ("line", "heading") and RULES.rx("agenda_marker").match(lay.block_text(b))), None)
    rows = [i for i, b in enumerate(blocks) if b.kind == "row" and (marker is None or i > marker)]
    cands = _candidates(lay)
    chains = _chains(cands)
    sections_from = 0
    if rows:
        st.agenda_rows = _contiguous(rows)
        sections_from = st.agenda_rows[-1] + 1
        st.agenda = from_rows(lay, st.agenda_rows)
    elif chains and (restart := _restart(cands, chains[0])) is not None:
        first = chains[0]
        start = marker + 1 if marker is not None and marker < first[0].index else first[0].index
        st.agenda_lines = list(range(start, restart))
        sections_from = restart
        numbered = {c.index for c in first} | {  # the other series' items ("N 1" after "Ö 6")
            c.index for c in cands if c.series not in ("", first[0].series) and first[-1].index < c.index < restart}
        st.agenda = from_lines(lay, st.agenda_lines, numbered)
    agenda_titles = [it.title for it in st.agenda]
    pool = [c for c in cands if c.index >= sections_from]
    st.headings = _section_headings(lay, pool, agenda_titles)
    st.headings = sorted(st.headings + _unnumbered(lay, st), key=lambda h: h.index)
    if st.agenda_lines and st.headings:
        st.agenda_lines = [i for i in st.agenda_lines if i < st.headings[0].index]
    agenda_start = min(st.agenda_rows + st.agenda_lines, default=None)
    first_heading = st.headings[0].index if st.headings else len(blocks)
    header_end = agenda_start if agenda_start is not None else first_heading
    if marker is not None:
        header_end = min(header_end, marker)
    st.header = list(range(0, header_end))
    for k, h in enumerate(st.headings):
        end = st.headings[k + 1].index if k + 1 < len(st.headings) else len(blocks)
        st.bodies.append(list(range(h.last + 1, end)))
    _cut_signoff(lay, st)
    return st


def _unnumbered(lay: Layout, st: _Split) -> list[Heading]:
    """Headings without a number that treat an unnumbered agenda item ("Bericht der
    Geschäftsstelle" between TOP 3 and TOP 4)."""
    titles = [it.title for it in st.agenda if it.number is None]
    if not titles or not st.headings:
        return []
    taken = {h.index for h in st.headings}
    out = []
    for i, b in enumerate(lay.blocks):
        if b.kind != "heading" or b.number or i in taken or i < st.headings[0].index:
            continue
        if max(title_sim(lay.block_text(b), t) for t in titles) >= 85:
            out.append(Heading(i, None, (b.start, b.end), i))
    return out


def _restart(cands: list[_Candidate], first: list[_Candidate]) -> int | None:
    """Block index where numbering starts again at 1 after the first run (the agenda's). A run of
    marked-up headings is the sections themselves, and a plain line cannot restart after them."""
    if all(c.strong for c in first):
        return None
    return next((c.index for c in cands
                 if c.index > first[-1].index and c.number in (0, 1) and c.series == first[0].series), None)


def _contiguous(rows: list[int]) -> list[int]:
    out = [rows[0]]
    for i in rows[1:]:
        if i - out[-1] > 2:
            break
        out.append(i)
    return out


def _section_headings(lay: Layout, pool: list[_Candidate], agenda_titles: list[str]) -> list[Heading]:
    headings: list[Heading] = []
    expected = None
    numbers_in_agenda = bool(agenda_titles)
    if any(c.strong for c in pool):
        pool = [c for c in pool if c.strong]  # marked-up headings exist: numbered lines are lists
    for c in pool:
        if expected is None:
            if c.number not in (0, 1) and not c.strong:
                continue
        elif c.number not in (expected, expected + 1) and not (c.sub and c.number == expected - 1):
            continue
        title = lay.of(c.title)
        if numbers_in_agenda and not c.strong:
            best = max((title_sim(title, t) for t in agenda_titles), default=0)
            inserted = c.keyed and c.number == expected  # a TOP added during the meeting
            if best < 55 and not (expected is None and c.number == 1 and best >= 40) and not inserted:
                continue
        h = _extend(lay, c, agenda_titles)
        if headings and h.index <= headings[-1].last:
            continue
        headings.append(h)
        expected = c.number + 1
    return headings


def _extend(lay: Layout, c: _Candidate, agenda_titles: list[str]) -> Heading:
    """A PDF heading wrapped onto following lines: join them while the title is still open."""
    blocks = lay.blocks
    b = blocks[c.index]
    h = Heading(c.index, c.label, c.title, c.index, b.aside)
    if b.kind == "heading" or lay.format not in ("pdf_text", "plain"):
        return h
    title = lay.of(c.title)
    best = max((title_sim(title, t) for t in agenda_titles), default=0)
    j = c.index + 1
    while j < len(blocks) and j <= c.index + 3:
        nxt = blocks[j]
        text = lay.block_text(nxt)
        if nxt.kind != "line" or nxt.gap > 2 or len(text) > 90:
            break
        joined = squash(f"{title}\n{text}")
        gain = max((title_sim(joined, t) for t in agenda_titles), default=0)
        if not (OPEN_END.search(title) or re.fullmatch(r"\([^)]{1,40}\)", text) or (gain > best + 5 and len(text) < 60)):
            break
        title, best = joined, max(best, gain)
        h.title = (c.title[0], nxt.end)
        h.last = j
        j += 1
    return h
