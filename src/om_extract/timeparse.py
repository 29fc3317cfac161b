"""Clock times as minutes write them: "09:00 Uhr", "11 Uhr 00", "11Uhr15", "1300Uhr", "12-15Uhr", "19:00 bis ca. 21:30"."""

from __future__ import annotations

import re

TIME = re.compile(
    r"(?<![\d.])(?:(?P<h>[01]?\d|2[0-3])\s*[:.]\s*(?P<m>[0-5]\d)(?!\d|\.\d)(?:\s*Uhr)?"
    r"|(?P<h2>[01]?\d|2[0-3])\s*Uhr(?:\s*(?P<m2>[0-5]\d)(?!\d))?"
    r"|(?P<hm>(?:[01]\d|2[0-3])[0-5]\d)\s*Uhr)"
)
RANGE = re.compile(
    r"(?:von\s+)?(?P<a>" + TIME.pattern + r")\s*(?:-|–|bis)\s*(?:(?:ca\.|circa|etwa|gegen)\s*)?(?P<b>"
    + TIME.pattern.replace("?P<h>", "?P<hb>").replace("?P<m>", "?P<mb>").replace("?P<h2>", "?P<h2b>")
    .replace("?P<m2>", "?P<m2b>").replace("?P<hm>", "?P<hmb>") + r")"
)
_BARE_RANGE = re.compile(r"(?<![\d.:])([01]?\d|2[0-3])\s*[-–]\s*([01]?\d|2[0-3])(?:\s*Uhr|:([0-5]\d)(?!\d))")


def clock(m: re.Match[str], suffix: str = "") -> str:
    """HH:MM of a TIME match (or of its second half in a RANGE match, with suffix "b")."""
    g = m.groupdict()
    if g.get("hm" + suffix):
        v = g["hm" + suffix]
        return f"{int(v[:-2]):02d}:{v[-2:]}"
    if g.get("h" + suffix):
        return f"{int(g['h' + suffix]):02d}:{g['m' + suffix]}"
    return f"{int(g['h2' + suffix]):02d}:{g.get('m2' + suffix) or '00'}"


def first_time(text: str) -> str | None:
    return time_range(text)[0]


def time_range(text: str) -> tuple[str | None, str | None]:
    """(start, end) of the first time range, or (first time, None)."""
    m = RANGE.search(text)
    if m:
        return clock(m), clock(m, "b")
    m = _BARE_RANGE.search(text)
    if m:
        return f"{int(m.group(1)):02d}:00", f"{int(m.group(2)):02d}:{m.group(3) or '00'}"  # "14-15:30"
    m = TIME.search(text)
    return (clock(m) if m else None), None
