"""Upcoming meetings the minutes announce with a date, in any section: "Die nächste Sitzung findet
am 12.03.2025 statt", "Nächster Termin: 16.09.2022 14-16 Uhr", "Der Ausschuss tritt das nächste Mal
am … zusammen", a resolution "Nächste Mitgliederversammlung am Samstag, 8. November 2025", or a list
after "Die nächsten Treffen finden statt:". Only meetings of a body (a session, a meeting, a plenum,
a named body), not conferences, festivities or deadlines."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from ..blocks import Layout
from ..doctree import Region
from ..gates import first_letters
from ..rules import RULES, body_name
from ..text import SENTENCE, Span
from ..timeparse import time_range
from .dates import DateHit


@dataclass
class DraftNext:
    date: str
    span: Span
    start_time: str | None
    end_time: str | None
    body: str | None
    location: str | None


@cache
def _cue() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"nächste Sitzung", "kommende Lenkungskreissitzung", "nächste AG Prüfwesen" (a named body),
    "nächstes Mal"; or a meeting noun with "findet statt" / "tagt" / "tritt zusammen", also after a date
    ("dass der Bauausschuss am 4. März 2025 um 18.30 Uhr tagt": a dot after a digit ends no sentence), or an
    item put off to a sitting ("vertagt den Punkt auf die Sitzung am …"). Second, a
    quick test for text that may hold a cue (its "next" word or its verb), their first letters tested first."""
    data = RULES.data
    noun = "|".join([data["next_meeting_noun"], *(rx.pattern for _, rx in RULES.bodies)])
    cue = re.compile(
        rf"{data['next_meeting_cue']}\s+(?:[\w„“\"*-]+\s+){{0,2}}?(?:{noun})(?![\w-])"
        rf"|(?:{noun})(?![\w-])(?:[^.]|(?<=\d)\.){{0,80}}\b(?:{data['next_meeting_verb']})\b"
        rf"|\b(?:{data['next_meeting_deferred']})\b[^.]{{0,40}}?\bauf\s+(?:die|den|das)\s+(?:{noun})(?![\w-])", re.I)
    gate = first_letters(data["next_meeting_cue"].removeprefix(r"\b"), data["next_meeting_verb"], data["next_meeting_deferred"])
    return cue, re.compile(
        rf"{gate}(?:{data['next_meeting_cue']}|\b(?:{data['next_meeting_verb']}|{data['next_meeting_deferred']})\b)", re.I)


def find_next(lay: Layout, regions: list[Region], all_dates: list[DateHit], default_body: str | None
              ) -> list[DraftNext]:
    """The next meetings announced in the regions (the sections' bodies, the sign-off), each date
    once, in document order; ``all_dates``: the document's dates as the register reads them."""
    dates = [d for d in all_dates if d.has_day]
    out: list[DraftNext] = []
    for region in regions:
        for new in _in_region(lay, region, dates, default_body):
            _add(out, new)
    return out


def _units(region: Region) -> Iterator[tuple[list[int], bool]]:
    """The region's paragraphs, headings, list items and table rows (their lines, and whether
    the unit is an item or row of a list)."""
    for node in region.nodes:
        if node.kind in ("list", "table"):
            for child in node.children:
                yield child.blocks, True
        elif node.blocks:
            yield node.blocks, False


def _in_region(lay: Layout, region: Region, dates: list[DateHit], default_body: str | None) -> list[DraftNext]:
    cue, maybe = _cue()
    online = RULES.rx("online", re.I)
    not_meeting = RULES.rx("next_not_meeting", re.I)
    kind = RULES.rx("next_meeting_kind", re.I)
    starts = [d.start for d in dates]
    out: list[DraftNext] = []
    context_body: str | None = None
    context_place: str | None = None
    in_list = False  # after "Die nächsten Treffen finden statt:", until a unit without a date
    for blocks, item in _units(region):
        base = lay.blocks[blocks[0]].start
        text = lay.text[base : lay.blocks[blocks[-1]].end]
        if not in_list and not maybe.search(text):
            continue
        dated = False
        for sent in SENTENCE.finditer(text):
            s, a, z = sent.group(), base + sent.start(), base + sent.end()
            has_cue = bool(maybe.search(s) and cue.search(s))  # a cue holds its 'next' word or its verb
            if has_cue:
                context_body = _body(s) or default_body
                context_place = "Videokonferenz" if online.search(s) else None
                in_list = s.rstrip().endswith(":")
            inside = dates[bisect_left(starts, a) : bisect_left(starts, z)]
            dated = dated or bool(inside)
            if not (has_cue or in_list):
                continue
            seen: set[int] = set()
            for d in inside:
                if d.start in seen or not_meeting.search(lay.text[max(a, d.start - 30) : d.start]):
                    continue  # the end of a range, a deadline, a past meeting
                seen.add(d.start)
                after = lay.text[d.end : z]
                start, end = time_range(after) if re.search(r"\d", after) else (None, None)
                near = _clause(lay.text, a, z, d)
                part = _part(lay.text, a, z, d)
                words = lay.text[part[0] : part[1]]
                if has_cue and part != (a, z) and not (cue.search(words) or _body(words) or kind.search(words)):
                    continue  # "Termine: Sommerfest 5.7.; nächste Sitzung 8.4.": a part of its own, no meeting
                loc = "Videokonferenz" if online.search(near) else (_place(near) or (None if has_cue else context_place))
                body = (_body(lay.text[a : d.start]) if has_cue else None) or context_body or default_body
                out.append(DraftNext(d.iso, (d.start, d.end), start, end, body, loc))
        if not dated and not item and not (maybe.search(text) and cue.search(text)):
            in_list = False
    return out


def _add(out: list[DraftNext], new: DraftNext) -> None:
    """A date announced twice is one meeting; the later mention may add the times or the place."""
    for k, old in enumerate(out):
        if old.date == new.date:
            times = (old.start_time, old.end_time) if old.start_time else (new.start_time, new.end_time)
            out[k] = replace(old, start_time=times[0], end_time=times[1], location=old.location or new.location)
            return
    out.append(new)


def _part(text: str, a: int, z: int, d: DateHit) -> Span:
    """The part of the sentence ``text[a:z]`` between semicolons that holds the date."""
    end = text.find(";", d.end, z)
    return max(a, text.rfind(";", a, d.start) + 1), end if end >= 0 else z


def _clause(text: str, a: int, z: int, d: DateHit) -> str:
    """The part of the sentence ``text[a:z]`` that a date's place and format belong to: its line
    and its clause (up to a ";")."""
    start = max(a, text.rfind("\n", 0, d.start) + 1, text.rfind(";", 0, d.start) + 1)
    ends = [k for k in (text.find("\n", d.end, z), text.find(";", d.end, z)) if k >= 0]
    return text[start : min(ends, default=z)]


def _body(text: str) -> str | None:
    """The last body the text names, also inside a compound ("Lenkungskreissitzung")."""
    text = re.sub(r"(?<=\w)(?=sitzung\b)", " ", text)
    found = [(m.start(), body_name(name, m))
             for name, rx in RULES.bodies for m in rx.finditer(text)]
    return max(found)[1] if found else None


def _place(sentence: str) -> str | None:
    m = re.search(r"\b(?:bei|beim)\s+(?:der|dem|den)?\s*([A-ZÄÖÜ][\w-]*(?:\s+in\s+[A-ZÄÖÜ][\w-]+)?)", sentence)
    if m:
        return m.group(1)
    m = re.search(r"\bin\s+([A-ZÄÖÜ][\w-]+)\s+statt", sentence)
    return m.group(1) if m else None
