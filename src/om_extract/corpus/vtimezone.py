"""A VTIMEZONE (RFC 5545 3.6.5) for one zone over whole years, written as content lines.

It lists every change of the zone's UTC offset in the years the events span, grouped as the
icalendar library groups them (one STANDARD or DAYLIGHT per kind of change, its first start as
DTSTART and the others as RDATE), so the calendar keeps the bytes that library wrote before.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

DAY = 86400  # seconds; a zone of this calendar changes its offset at most once a day


def _offset(zone: ZoneInfo, stamp: int) -> timedelta:
    return datetime.fromtimestamp(stamp, zone).utcoffset() or timedelta()


def _changes(zone: ZoneInfo, first: datetime, last: datetime) -> list[int]:
    """The POSIX second of each offset change from ``first`` to ``last``: a day-by-day scan, then
    halving the day where the offset differs."""
    stamp, end = int(first.timestamp()), int(last.timestamp())
    offset, changes = _offset(zone, stamp), []
    while stamp < end:
        step = min(stamp + DAY, end)
        if _offset(zone, step) != offset:
            low, high = stamp, step  # low has the old offset, high the new one
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if _offset(zone, middle) == offset else (low, middle)
            changes.append(high)
            offset = _offset(zone, high)
        stamp = step
    return changes


def _utc_offset(value: timedelta) -> str:
    sign, seconds = ("-", -value) if value < timedelta() else ("+", value)
    hours, rest = divmod(int(seconds.total_seconds()), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02}{minutes:02}" + (f"{seconds:02}" if seconds else "")


def date_value(day: date) -> str:
    """A DATE value: 20250314."""
    return f"{day.year:04}{day.month:02}{day.day:02}"


def time_value(day: date, at: time) -> str:
    """A local DATE-TIME value: 20250314T190000."""
    return f"{date_value(day)}T{at.hour:02}{at.minute:02}{at.second:02}"


def _local(moment: datetime) -> str:
    return time_value(moment.date(), moment.time())


def vtimezone(zone: ZoneInfo, first: date, last: date) -> list[str]:
    """The VTIMEZONE lines for ``zone`` from ``first`` (inclusive) to ``last`` (exclusive), both
    at local midnight. A change starts at the first wall-clock time that reads the new offset
    (03:00 both in spring and in autumn for Central Europe)."""
    start = datetime(first.year, first.month, first.day, tzinfo=zone)
    end = datetime(last.year, last.month, last.day)
    segments: list[tuple[timedelta | None, datetime]] = [(None, start)]  # (offset before, first local time after)
    for change in _changes(zone, start, end.replace(tzinfo=zone)):
        before, after = _offset(zone, change - 1), _offset(zone, change)
        wall = datetime.fromtimestamp(change, timezone.utc).replace(tzinfo=None) + max(before, after)
        if wall < end:
            segments.append((before, wall.replace(tzinfo=zone)))
    groups: dict[tuple[timedelta | None, timedelta, str, bool], list[datetime]] = {}
    for before, moment in segments:
        after = moment.utcoffset() or timedelta()
        key = (before, after, moment.tzname() or str(after), moment.dst() == timedelta())
        groups.setdefault(key, []).append(moment)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone.key}", f"COMMENT:This timezone only works from {first} to {last}."]
    for (before, after, name, standard), moments in groups.items():
        kind = "STANDARD" if standard else "DAYLIGHT"
        lines += [f"BEGIN:{kind}", f"DTSTART:{_local(moments[0])}"]
        if len(moments) > 1:
            lines.append("RDATE:" + ",".join(_local(moment) for moment in moments[1:]))
        lines += [
            f"TZNAME:{name}",
            f"TZOFFSETFROM:{_utc_offset(after if before is None else before)}",
            f"TZOFFSETTO:{_utc_offset(after)}",
            f"END:{kind}",
        ]
    lines.append("END:VTIMEZONE")
    return lines
