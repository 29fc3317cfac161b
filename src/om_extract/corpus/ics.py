"""calendar.ics: the meetings and the announced next meetings, for any calendar program.

UIDs hash the event's origin and DTSTAMP is derived from the minutes' date, so rebuilding the
corpus yields the same bytes and calendar clients update events instead of duplicating them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo

from .load import Document
from .vtimezone import date_value, time_value, vtimezone

TZ = ZoneInfo("Europe/Berlin")
EPOCH = date(1970, 1, 1)
ZONE_YEARS = (1900, 2100)
"""The VTIMEZONE spans the events' years within these: a date slip ("2204", "0024") still refers to
the zone, which calendar programs extend, but does not cost seconds or fail (year 1)."""
LIMIT = 75  # octets a content line stays below
ESCAPES = b"\\^"


@dataclass(frozen=True)
class Slot:
    """One event to write: where it was found and when it takes place."""

    file: str
    kind: str  # "meeting" or "next_meeting"
    day: date
    start: time | None
    end: time | None
    summary: str
    location: str | None
    description: str
    stamp: date

    @cached_property
    def uid(self) -> str:
        key = f"{self.file}|{self.day.isoformat()}|{self.kind}|{self.summary}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@om-extract"


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@lru_cache(maxsize=4096)  # a corpus has few distinct times; strptime is slow
def _time(value: str | None) -> time | None:
    try:
        return datetime.strptime(value, "%H:%M").time() if value else None
    except ValueError:
        return None


def _slots(doc: Document) -> tuple[list[Slot], list[str]]:
    """The document's own meeting and each distinct meeting it announces; a date without a day
    ("2022-06") cannot be placed and becomes a warning."""
    meeting = doc.protocol.meeting
    held = _day(doc.date)
    stamp = held or EPOCH
    slots, warnings = [], []
    if held:
        slots.append(
            Slot(
                doc.file,
                "meeting",
                held,
                _time(meeting.start_time),
                _time(meeting.end_time),
                meeting.title or meeting.body or doc.file,
                meeting.location,
                f"Protokoll: {doc.file}",
                stamp,
            )
        )
    elif doc.date:
        warnings.append(f"{doc.file}: meeting date {doc.date} has no day, left out of calendar.ics")
    for nxt in doc.protocol.next_meetings:
        day = _day(nxt.date)
        if day is None:
            warnings.append(f"{doc.file}: next meeting {nxt.date} has no day, left out of calendar.ics")
            continue
        body = nxt.body or meeting.body or "Treffen"
        announced = f"Angekündigt im Protokoll vom {doc.date or '?'} ({doc.file})"
        slots.append(
            Slot(
                doc.file,
                "next_meeting",
                day,
                _time(nxt.start_time),
                _time(nxt.end_time),
                f"{body} (angekündigt)",
                nxt.location,
                announced,
                stamp,
            )
        )
    unique = {slot.uid: slot for slot in slots}
    return list(unique.values()), warnings


def _text(value: str) -> str:
    """TEXT escaping (RFC 5545 3.3.11); a line break of any kind becomes ``\\n``. A written
    backslash before N stays one (the icalendar library turned it into a line break)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> bytes:
    """The line in UTF-8, cut before 75 octets (RFC 5545 3.1) and never inside a character; as the
    icalendar library does, a cut never leaves a backslash (or ^) at a line's end, so no escape
    sequence is split for clients that unfold carelessly."""
    data = line.encode("utf-8")
    if len(data) < LIMIT:
        return data
    parts, start = [], 0
    while len(data) - start >= LIMIT:
        cut = start + LIMIT - 1
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            cut -= 1
        if data[cut - 1] in ESCAPES:
            cut -= 1
        parts.append(data[start:cut])
        start = cut
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def _event(slot: Slot) -> list[str]:
    """The VEVENT's lines, its properties in the order the icalendar library wrote them."""
    lines = ["BEGIN:VEVENT", f"SUMMARY:{_text(slot.summary)}"]
    if slot.start is None:  # no time known: an all-day event
        lines.append(f"DTSTART;VALUE=DATE:{date_value(slot.day)}")
        lines.append(f"DTEND;VALUE=DATE:{date_value(slot.day + timedelta(days=1))}")
    else:
        lines.append(f"DTSTART;TZID={TZ.key}:{time_value(slot.day, slot.start)}")
        if slot.end is not None and slot.end > slot.start:
            lines.append(f"DTEND;TZID={TZ.key}:{time_value(slot.day, slot.end)}")
    lines.append(f"DTSTAMP:{time_value(slot.stamp, time(0, 0))}Z")  # midnight UTC of the minutes' date
    lines.append(f"UID:{slot.uid}")
    lines.append(f"DESCRIPTION:{_text(slot.description)}")
    if slot.location:
        lines.append(f"LOCATION:{_text(slot.location)}")
    lines.append("END:VEVENT")
    return lines


def calendar_slots(documents: list[Document]) -> tuple[list[Slot], list[str]]:
    """Every document's events, in document order, and what could not be placed."""
    slots: list[Slot] = []
    warnings: list[str] = []
    for doc in documents:
        found, problems = _slots(doc)
        slots.extend(found)
        warnings.extend(problems)
    return slots, warnings


def calendar_name(documents: list[Document]) -> str:
    """What calendar programs call the calendar: the organization whose meetings it holds, when the
    minutes name one and the same."""
    named = {doc.protocol.meeting.organization for doc in documents} - {None}
    return f"{named.pop()}: Sitzungen" if len(named) == 1 else "Sitzungen"


def build_calendar(documents: list[Document]) -> tuple[bytes, int, list[str]]:
    """The calendar's bytes, its number of events and what could not be placed."""
    slots, warnings = calendar_slots(documents)
    name = " ".join(calendar_name(documents).split())  # unescaped: calendar programs read X- names raw
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//om-extract//corpus//DE", f"X-WR-CALNAME:{name}"]
    if any(slot.start is not None for slot in slots):  # only timed events refer to the zone
        years = [min(max(slot.day.year, ZONE_YEARS[0]), ZONE_YEARS[1]) for slot in slots]  # not 1970-2038
        lines += vtimezone(TZ, date(min(years), 1, 1), date(max(years) + 1, 1, 1))
    for slot in sorted(slots, key=lambda s: (s.day, s.start or time(0, 0), s.uid)):
        lines += _event(slot)
    lines.append("END:VCALENDAR")
    return b"\r\n".join(map(_fold, lines)) + b"\r\n", len(slots), warnings
