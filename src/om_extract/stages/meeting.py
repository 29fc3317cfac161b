"""Meeting metadata from the header: title, body, number, date, times, place, attendance."""

from __future__ import annotations

import re

from ..blocks import Layout
from ..models import Meeting
from ..names import find_names
from ..rules import RULES
from ..text import squash
from ..timeparse import time_range
from .dates import find_dates

_FRONT_TITLE = re.compile(r"^(?:title|titel)\s*:\s*[\"']?(.+?)[\"']?\s*$", re.I)


def title_block(lay: Layout, header: list[int]) -> int | None:
    """The header line naming the meeting: a front-matter ``title:``, else the first line that
    is more than the word "Protokoll" (or a front-matter fence)."""
    for i in header:
        if _FRONT_TITLE.match(lay.block_text(lay.blocks[i])):
            return i
    for i in header:
        text = lay.block_text(lay.blocks[i]).strip(" *#:")
        if re.fullmatch(r"-{3,}|\.{3}", text) or re.match(r"^[a-z_]+\s*:", text):
            continue  # YAML front matter fences and keys
        if text and not re.fullmatch(r"(?:Ergebnis|Sitzungs)?[Pp]rotokoll|Niederschrift|Minutes", text):
            return i
    return None


def body_of(text: str) -> str | None:
    for name, rx in RULES.bodies:
        m = rx.search(text)
        if m:
            return m.expand(name) if "$" not in name else m.group(1)
    return None


def read_meeting(lay: Layout, header: list[int], default_year: int | None) -> Meeting:
    """The meeting card from the header lines."""
    meeting = Meeting()
    ti = title_block(lay, header)
    lines = [lay.block_text(lay.blocks[i]) for i in header]
    if ti is not None:
        line = lay.block_text(lay.blocks[ti])
        fm = _FRONT_TITLE.match(line)
        meeting.title = squash(fm.group(1) if fm else line.strip(" *#"))
        m = re.search(r"(?<![\d.])(\d{1,3})\.\s+(?=[A-ZÄÖÜ])", meeting.title)
        meeting.number = int(m.group(1)) if m else None
        meeting.body = body_of(meeting.title)
    if meeting.body is None:
        meeting.body = next((b for b in (body_of(t) for t in lines) if b), None)
    for i in header:
        if i == ti:
            continue
        text = lay.block_text(lay.blocks[i])
        dates = find_dates(text, default_year)
        if dates and meeting.date is None and dates[0].has_day:
            meeting.date = dates[0].iso
            start, end = time_range(text[dates[0].end :])
            meeting.start_time, meeting.end_time = start, end
            meeting.location = meeting.location or _location(text, dates[0].text)
        if meeting.start_time is None and re.search(r"\bUhr\b|\d:\d\d", text) and meeting.date is not None:
            meeting.start_time, meeting.end_time = time_range(text)
        if meeting.location is None and RULES.rx("online", re.I).search(text):
            meeting.location = "Videokonferenz"
        m = RULES.rx("location", re.I).match(text)
        if m:
            meeting.location = squash(m.group(1))
        m = RULES.rx("moderator", re.I).match(text)
        if m:
            names = find_names(m.group(1))
            meeting.moderator = names[0].full if names else squash(m.group(1))
    return meeting


def _location(line: str, date_text: str) -> str | None:
    if RULES.rx("online", re.I).search(line):
        return "Videokonferenz"
    weekdays = re.compile(rf"^(?:am\s+)?(?:{RULES.data['weekdays']})\.?$", re.I)
    for seg in (s.strip() for s in line.split(",")):
        if len(seg) < 3 or date_text in seg or re.search(r"\d", seg) or weekdays.match(seg):
            continue
        return seg
    return None
