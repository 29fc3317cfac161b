"""Meeting metadata from the header: title, body, number, date, times, place, chair, minutes."""

from __future__ import annotations

import re

from ..blocks import Layout
from ..models import Meeting
from ..rules import RULES
from ..text import squash
from ..timeparse import TIME, clock, time_range
from .dates import find_dates
from .header import Field, fields, value

_BARE_TITLE = re.compile(r"(?:Ergebnis|Sitzungs)?[Pp]rotokoll|Niederschrift|Minutes")


def title_block(lay: Layout, header: list[int], found: list[Field]) -> tuple[int, str] | None:
    """The line naming the meeting: a front-matter ``title:``; else, among the first lines, one
    that starts with "Protokoll …"; else the first line that is more than a bare "Protokoll"."""
    for f in found:
        if f.key == "title":
            return f.block, value(lay, f)
    keyed = {f.block for f in found}
    lines = []
    for i in header:
        text = lay.block_text(lay.blocks[i]).strip(" *#:")
        if not text or i in keyed or re.fullmatch(r"-{3,}|\.{3}", text) or re.match(r"^[a-z_]+\s*:", text):
            continue
        if not _BARE_TITLE.fullmatch(text):
            lines.append((i, text))
    for i, text in lines[:3]:
        if re.match(r"(?:Ergebnis|Sitzungs)?[Pp]rotokoll\b|Niederschrift\b", text) and find_dates(text, None) == []:
            return i, text
    return lines[0] if lines else None


def body_of(text: str) -> str | None:
    for name, rx in RULES.bodies:
        m = rx.search(text)
        if m:
            return m.expand(name) if "$" not in name else m.group(1)
    return None


def _number(title: str) -> int | None:
    months = "|".join(RULES.months)
    m = re.search(rf"(?<![\d.])(\d{{1,3}})\.\s+(?!(?:{months})\b)(?=[A-ZÄÖÜa-zäöü])", title, re.I)
    if m:
        return int(m.group(1))
    m = re.search(r"\bNr\.\s*(\d{1,4})\b", title)
    return int(m.group(1)) if m else None


def read_meeting(lay: Layout, header: list[int], default_year: int | None, tail: list[int]) -> Meeting:
    """The meeting card from the header lines (``tail``: blocks after the last TOP heading,
    where "Ende der Sitzung: …" may stand)."""
    meeting = Meeting()
    found = fields(lay, header)
    by_key: dict[str, list[str]] = {}
    for f in found:
        by_key.setdefault(f.key, []).append(value(lay, f))
    title = title_block(lay, header, found)
    if title is not None:
        meeting.title = squash(title[1])
        meeting.number = _number(meeting.title)
        meeting.body = body_of(meeting.title)
    lines = [lay.block_text(lay.blocks[i]) for i in header if title is None or i != title[0]]
    if meeting.body is None:
        meeting.body = next((b for b in (body_of(t) for t in lines) if b), None)
    _when(meeting, by_key, lines + ([meeting.title] if meeting.title else []), default_year)
    if meeting.end_time is None:
        meeting.end_time = _end_marker(lay, tail)
    meeting.location = _where(by_key, lines, meeting)
    return meeting


def _when(meeting: Meeting, by_key: dict[str, list[str]], lines: list[str], year: int | None) -> None:
    for text in by_key.get("date", []) + lines:
        dates = [d for d in find_dates(text, year) if d.has_day]
        if dates:
            meeting.date = dates[0].iso
            break
    for key, attr in (("start", "start_time"), ("end", "end_time")):
        for v in by_key.get(key, []):
            m = TIME.search(v)
            if m:
                setattr(meeting, attr, clock(m))
                break
    for text in by_key.get("time", []) + lines:
        if meeting.start_time and meeting.end_time:
            break
        if not re.search(r"\bUhr\b|\d[:.]\d\d|\d\s*[-–]\s*\d", text):
            continue
        dates = find_dates(text, year)
        rest = text[dates[0].end :] if dates else text
        start, end = time_range(_without_dates(rest, year))
        inline_end = re.search(r"\bEnde\s*:?\s*(?:um\s*)?(" + TIME.pattern + ")", text)
        if inline_end:
            end = end or clock(TIME.search(inline_end.group(1)))
        if start:
            meeting.start_time = meeting.start_time or start
            meeting.end_time = meeting.end_time or end


def _without_dates(text: str, year: int | None) -> str:
    for d in reversed(find_dates(text, year)):
        text = text[: d.start] + " " * (d.end - d.start) + text[d.end :]
    return text


def _end_marker(lay: Layout, tail: list[int]) -> str | None:
    rx = RULES.rx("end_marker", re.I)
    for i in tail:
        text = lay.block_text(lay.blocks[i])
        m = rx.match(text)
        if m:
            t = TIME.search(text, m.end())
            if t and t.start() - m.end() < 25:
                return clock(t)
    return None


def _where(by_key: dict[str, list[str]], lines: list[str], meeting: Meeting) -> str | None:
    online = RULES.rx("online", re.I)
    for v in by_key.get("location", []):
        return "Videokonferenz" if online.search(v) else squash(v)
    for text in lines:
        if online.search(text):
            return "Videokonferenz"
    weekdays = re.compile(rf"^(?:am\s+)?(?:{RULES.data['weekdays']})\.?$", re.I)
    place = re.compile(rf"\b(?:{RULES.data['place_words']})", re.I)
    for text in lines:
        if re.match(r"^\s*[\w ]{1,30}:\s", text):
            continue  # a field of its own
        dates = find_dates(text, None)
        segs = [s.strip() for s in text.split(",")]
        if dates or TIME.search(text):
            for seg in segs:
                if len(seg) >= 3 and not re.search(r"\d", seg) and not weekdays.match(seg) and seg != meeting.title:
                    return seg
        elif place.search(text) and len(text) < 80 and text != meeting.title and not body_of(text):
            return segs[0]
    return None
