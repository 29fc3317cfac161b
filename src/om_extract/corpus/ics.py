"""calendar.ics: the meetings and the announced next meetings, for any calendar program.

UIDs hash the event's origin and DTSTAMP is derived from the minutes' date, so rebuilding the
corpus yields the same bytes and calendar clients update events instead of duplicating them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from .load import Document

TZ = ZoneInfo("Europe/Berlin")
EPOCH = date(1970, 1, 1)


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

    @property
    def uid(self) -> str:
        key = f"{self.file}|{self.day.isoformat()}|{self.kind}|{self.summary}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@om-extract"


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


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


def _event(slot: Slot) -> Event:
    event = Event()
    event.add("uid", slot.uid)
    event.add("dtstamp", datetime.combine(slot.stamp, time(0, 0), tzinfo=timezone.utc))
    if slot.start is None:  # no time known: an all-day event
        event.add("dtstart", slot.day)
        event.add("dtend", slot.day + timedelta(days=1))
    else:
        event.add("dtstart", datetime.combine(slot.day, slot.start, tzinfo=TZ))
        if slot.end is not None and slot.end > slot.start:
            event.add("dtend", datetime.combine(slot.day, slot.end, tzinfo=TZ))
    event.add("summary", slot.summary)
    if slot.location:
        event.add("location", slot.location)
    event.add("description", slot.description)
    return event


def build_calendar(documents: list[Document]) -> tuple[bytes, int, list[str]]:
    """The calendar's bytes, its number of events and what could not be placed."""
    slots: list[Slot] = []
    warnings: list[str] = []
    for doc in documents:
        found, problems = _slots(doc)
        slots.extend(found)
        warnings.extend(problems)
    calendar = Calendar()
    calendar.add("prodid", "-//om-extract//corpus//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Offensive Mittelstand: Sitzungen")
    for slot in sorted(slots, key=lambda s: (s.day, s.start or time(0, 0), s.uid)):
        calendar.add_component(_event(slot))
    if slots:  # VTIMEZONE rules for the years the events span only, not 1970-2038
        days = [slot.day for slot in slots]
        calendar.add_missing_timezones(date(min(days).year, 1, 1), date(max(days).year + 1, 1, 1))
    return calendar.to_ical(), len(slots), warnings
