"""Calendar dates in German forms: "11. November 2021", "09 Juni 2022", "15.09.2022", "16.09."
(year from the meeting), "9. und 10. November", "Ende September 2022" (→ "2022-09")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from ..rules import RULES


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    iso: str
    text: str
    has_day: bool


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    month = "|".join(sorted(RULES.months, key=len, reverse=True))
    return {
        "iso": re.compile(r"(?<![\d.-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?![\d-])"),
        "numeric": re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.(?:\s?((?:19|20)\d{2})(?!\d)|(?!\d))"),
        "pair": re.compile(rf"(?<![\d.])(\d{{1,2}})\.?\s+und\s+(\d{{1,2}})\.?\s+({month})\.?(?:\s+((?:19|20)\d{{2}}))?\b", re.I),
        "named": re.compile(rf"(?<![\d.])(\d{{1,2}})\.?\s+({month})\.?(?:\s+((?:19|20)\d{{2}}))?(?![\w])", re.I),
        "month": re.compile(rf"(?:(?:Ende|Anfang|Mitte)\s+)?(?<![\w])({month})\s+((?:19|20)\d{{2}})\b", re.I),
    }


def _iso(year: int | None, month: int, day: int | None) -> str | None:
    if year is None or not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str, default_year: int | None) -> list[DateHit]:
    pats = _patterns()
    hits: list[DateHit] = []
    taken = bytearray(len(text))  # characters a date already claims: linear, however many matches

    def free(s: int, e: int) -> bool:
        return taken.find(1, s, e) == -1

    def add(s: int, e: int, iso: str | None, has_day: bool) -> None:
        if iso:
            hits.append(DateHit(s, e, iso, text[s:e], has_day))
        taken[s:e] = b"\x01" * (e - s)

    for m in pats["pair"].finditer(text):
        year = int(m.group(4)) if m.group(4) else default_year
        mon = RULES.months[m.group(3).lower()]
        for g in (1, 2):
            add(m.start(), m.end(), _iso(year, mon, int(m.group(g))), True)
    for m in pats["iso"].finditer(text):
        add(m.start(), m.end(), _iso(int(m.group(1)), int(m.group(2)), int(m.group(3))), True)
    for m in pats["named"].finditer(text):
        if free(*m.span()):
            year = int(m.group(3)) if m.group(3) else default_year
            add(m.start(), m.end(), _iso(year, RULES.months[m.group(2).lower()], int(m.group(1))), True)
    for m in pats["numeric"].finditer(text):
        if free(*m.span()):
            year = int(m.group(3)) if m.group(3) else default_year
            add(m.start(), m.end(), _iso(year, int(m.group(2)), int(m.group(1))), True)
    for m in pats["month"].finditer(text):
        if free(*m.span()):
            add(m.start(), m.end(), _iso(int(m.group(2)), RULES.months[m.group(1).lower()], None), False)
    hits.sort(key=lambda h: (h.start, h.iso))
    return hits
