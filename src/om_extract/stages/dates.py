"""Calendar dates in German forms: "11. November 2021", "09 Juni 2022", "15.09.2022", "12.04.18",
"2019.11.05", "16.09." (year from the meeting), "9. und 10. November" and "3. bis 5. Mai" (both
named ends), "Ende September 2022" / "2019-02" (→ "2022-09", "2019-02").

Not dates: section and list numbers ("3.1. Bericht", "Punkt 2.1."), dates inside URLs and file
names, dates that recur every year ("jeweils am 31. März"), and numbering runs that only look like
ISO dates ("HV 2024-03-01", "HV 2024-03-02")."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
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


_YEAR = r"((?:19|20)\d{2})"
_LONE_YEAR = r"((?:19|20)(?<![\w./-]..)\d{2})"
"""A year that follows no word character, dot, slash or dash: its digits come before the look-behind,
so that the search skips to digits at once."""
_LONE_DAY = r"(\d(?<![\w.]\d)\d?)"
"""One or two digits that follow no word character or dot, the first digit tested first (as above)."""


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    month = "|".join(sorted(RULES.months, key=len, reverse=True))
    link = "|".join(("und", "bis(?:\\s+zum)?", "[-–—/&]"))
    return {
        "iso": re.compile(rf"{_LONE_YEAR}-(\d{{2}})-(\d{{2}})(?![\w-]|\.\d)"),
        "dotted_iso": re.compile(rf"{_LONE_YEAR}\.(\d{{1,2}})\.(\d{{1,2}})(?!\d|\.\d)"),
        # "14.-16.06.2013", "14.06. bis 16.06.2013": both ends, the year from the second
        "numrange": re.compile(rf"{_LONE_DAY}\.(?:(\d{{1,2}})\.)?\s*(?:{link})\s*(\d{{1,2}})\.(\d{{1,2}})\."
                               rf"(?:\s?{_YEAR}(?!\d)|(\d{{2}})(?!\d|\.\d)|(?!\d))", re.I),
        "range": re.compile(rf"{_LONE_DAY}\.?\s*(?:{link})\s*(\d{{1,2}})\.?\s+({month})\.?"
                            rf"(?:\s+{_YEAR})?(?![\w])", re.I),
        "named": re.compile(rf"{_LONE_DAY}\.?\s+({month})\.?(?:\s+{_YEAR})?(?![\w])", re.I),
        "numeric": re.compile(rf"{_LONE_DAY}\.\s?(\d{{1,2}})\."
                              rf"(?:\s?{_YEAR}(?!\d)|(\d{{2}})(?!\d|\.\d)|(?!\d))"),
        "month": re.compile(rf"(?:(?:Ende|Anfang|Mitte)\s+)?(?<![\w])({month})\s+{_YEAR}\b", re.I),
        "iso_month": re.compile(rf"{_LONE_YEAR}-(\d{{2}})(?![\w-]|\.\d)"),
        "masked": RULES.rx("date_masked_token", re.I),
        "masked_url": RULES.rx("date_masked_url", re.I),
        "masked_file_gate": RULES.rx("date_masked_file_gate", re.I),
        "number_prefix": RULES.rx("date_number_prefix", re.I),
        "year_context": RULES.rx("date_year_context", re.I),
        "forward": RULES.rx("date_forward_cue", re.I),
        "recurring": RULES.rx("date_recurring", re.I),
        "id_prefix": re.compile(r"\b([A-ZÄÖÜ]{2,})[ \t]+$"),
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


def _year(four: str | None, two: str | None = None) -> int | None:
    if four:
        return int(four)
    if two:
        return 2000 + int(two) if int(two) < 70 else 1900 + int(two)
    return None


def _masked(text: str) -> str:
    """The text with URLs and file names blanked out (same length): their digits are no dates. A text
    without a file extension has no file names: its URLs are found without trying a file name at every word."""
    pats = _patterns()
    rx = pats["masked"] if pats["masked_file_gate"].search(text) else pats["masked_url"]
    return rx.sub(lambda m: " " * len(m.group()), text)


def _is_number(text: str, m: re.Match[str], day: str, month: str) -> bool:
    """A "3.1." that numbers a heading or line ("3.1. Bericht": at the line start, no leading zeros,
    a capitalised word after it), or follows "Punkt" / "TOP" / "§", is no date."""
    before = text[_line_start(text, m.start(), 80) : m.start()]
    if _patterns()["number_prefix"].search(before[-24:]):  # "Punkt", "TOP", "§" stand right before
        return True
    return (_MARKUP_ONLY.fullmatch(before) is not None and not day.startswith("0") and not month.startswith("0")
            and _TITLE_AFTER.match(text, m.end()) is not None)


_MARKUP_ONLY = re.compile(r"[\s#*>_]*")


_TITLE_AFTER = re.compile(r"[ \t]+[A-ZÄÖÜ]")


def _line_start(text: str, pos: int, reach: int) -> int:
    """Where the line of ``pos`` starts, looking back at most ``reach`` characters (linear time
    on text without line breaks)."""
    low = max(0, pos - reach)
    k = text.rfind("\n", low, pos)
    return k + 1 if k >= 0 else low


def _identifiers(text: str) -> set[int]:
    """Starts of ISO-looking numbers of a run that shares an acronym and a year-month
    ("HV 2024-03-01", "HV 2024-03-03"): a resolution or item numbering, not days."""
    pats = _patterns()
    runs: dict[tuple[str, str], list[int]] = defaultdict(list)
    for m in pats["iso"].finditer(text):
        prefix = pats["id_prefix"].search(text, max(0, m.start() - 12), m.start())
        if prefix:
            runs[(prefix.group(1), m.group()[:7])].append(m.start())
    return {s for starts in runs.values() if len(set(starts)) >= 2 for s in starts}


class _Finder:
    """One pass over a text: each character belongs to at most one date."""

    def __init__(self, text: str, default_year: int | None, meeting: str | None) -> None:
        self.text, self.default_year, self.meeting = text, default_year, meeting
        self.hits: list[DateHit] = []
        self.taken = bytearray(len(text))  # linear, however many matches
        pats = _patterns()  # found once, looked up per date (a date-dense text stays linear)
        self.years = [(m.end(), int(m.group(1))) for m in pats["year_context"].finditer(text)]
        self.recurring = [m.start() for m in pats["recurring"].finditer(text)]

    def free(self, s: int, e: int) -> bool:
        return self.taken.find(1, s, e) == -1

    def add(self, s: int, e: int, iso: str | None, has_day: bool = True) -> None:
        if iso:
            self.hits.append(DateHit(s, e, iso, self.text[s:e], has_day))
        self.taken[s:e] = b"\x01" * (e - s)

    def year_for(self, start: int, month: int, day: int | None) -> int | None:
        """The year of a date written without one: a nearby "im Jahr 2025", else the meeting's
        year, moved to the next year for a deadline or upcoming date that would precede the meeting.
        None for a date that recurs every year ("Das Geschäftsjahr beginnt am 1. Juli")."""
        pats = _patterns()
        line_start = _line_start(self.text, start, 100)
        line_end = self.text.find("\n", start, start + 100)
        near_end = start + 100 if line_end < 0 else line_end
        k = bisect_left(self.recurring, line_start)
        if k < len(self.recurring) and self.recurring[k] < near_end:
            return None
        k = bisect_right(self.years, (start, 10**6)) - 1  # the last "im Jahr …" ending before the date
        if k >= 0 and self.years[k][0] > start - 300:
            return self.years[k][1]
        year = self.default_year
        if year is None or day is None or not self.meeting:
            return year
        iso = _iso(year, month, day)
        if iso and iso < self.meeting and pats["forward"].search(self.lead(line_start, start)):
            return year + 1
        return year

    def lead(self, line_start: int, start: int) -> str:
        """The words before a date on its line, and for a list item also the line that opens the
        list ("Die nächsten Treffen finden statt:")."""
        lead = self.text[line_start:start][-80:]
        if not _ITEM.match(self.text, line_start):
            return lead
        end = line_start - 1
        for _ in range(12):
            begin = _line_start(self.text, max(end, 0), 300)
            line = self.text[begin:end]
            if line.strip() and not _ITEM.match(line):
                return f"{line[-80:]} {lead}"
            if begin == 0:
                break
            end = begin - 1
        return lead


_BARE_YEAR = re.compile(r"(?:19|20)\d{2}\b")


def _month_years(scan: str) -> list[re.Match[str]]:
    """The matches of the "month" pattern ("Ende September 2022"), searched only in the stretches
    that end at a year after a blank (where every such match ends): the same matches as over the
    whole text, without trying the month words at every position."""
    rx, longest = _patterns()["month"], max(map(len, RULES.months))
    windows: list[list[int]] = []
    for y in _BARE_YEAR.finditer(scan):
        w = y.start()
        while w > 0 and scan[w - 1].isspace():
            w -= 1
        if w == y.start():
            continue
        lo = max(0, w - longest)  # where the month word can start at the earliest
        while lo > 0 and scan[lo - 1].isspace():  # a blank run before it, after "Ende" / "Anfang"
            lo -= 1
        lo = max(0, lo - len("Anfang"))
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = y.end()
        else:
            windows.append([lo, y.end()])
    return [m for lo, hi in windows for m in rx.finditer(scan, lo, hi)]


_ITEM = re.compile(r"[ \t]*(?:[-*•–·]|\d{1,2}[.)])[ \t]")
"""A list item's line: a bullet or "1." / "1)" before a blank."""


def find_dates(text: str, default_year: int | None, meeting: str | None = None) -> list[DateHit]:
    """Every date of ``text``; a date without a year takes ``default_year`` (the next year when it
    is a deadline or an upcoming date before the ``meeting`` date, ISO)."""
    pats = _patterns()
    scan = _masked(text)
    f = _Finder(text, default_year, meeting)
    ids = _identifiers(scan)
    months = RULES.months

    for m in pats["range"].finditer(scan):
        mon = months[m.group(3).lower()]
        for g in (1, 2):
            year = int(m.group(4)) if m.group(4) else f.year_for(m.start(), mon, int(m.group(g)))
            f.add(m.start(), m.end(), _iso(year, mon, int(m.group(g))))
    for m in pats["iso"].finditer(scan):
        if m.start() in ids:
            f.add(m.start(), m.end(), None)
        elif f.free(*m.span()):
            f.add(m.start(), m.end(), _iso(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for m in pats["dotted_iso"].finditer(scan):
        if f.free(*m.span()):
            f.add(m.start(), m.end(), _iso(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for m in pats["numrange"].finditer(scan):
        if not f.free(*m.span()) or _is_number(scan, m, m.group(1), m.group(2) or m.group(4)):
            continue
        ends = ((int(m.group(1)), int(m.group(2) or m.group(4))), (int(m.group(3)), int(m.group(4))))
        for day, mon in ends:
            year = _year(m.group(5), m.group(6)) or f.year_for(m.start(), mon, day)
            f.add(m.start(), m.end(), _iso(year, mon, day))
    for m in pats["named"].finditer(scan):
        if f.free(*m.span()):
            mon = months[m.group(2).lower()]
            year = int(m.group(3)) if m.group(3) else f.year_for(m.start(), mon, int(m.group(1)))
            f.add(m.start(), m.end(), _iso(year, mon, int(m.group(1))))
    for m in pats["numeric"].finditer(scan):
        if not f.free(*m.span()):
            continue
        if not m.group(3) and _is_number(scan, m, m.group(1), m.group(2)):
            f.add(m.start(), m.end(), None)
            continue
        mon, day = int(m.group(2)), int(m.group(1))
        year = _year(m.group(3), m.group(4)) or f.year_for(m.start(), mon, day)
        f.add(m.start(), m.end(), _iso(year, mon, day))
    for m in _month_years(scan):
        if f.free(*m.span()):
            f.add(m.start(), m.end(), _iso(int(m.group(2)), months[m.group(1).lower()], None), False)
    for m in pats["iso_month"].finditer(scan):
        year, mon = int(m.group(1)), int(m.group(2))
        if f.free(*m.span()) and mon != (year + 1) % 100:  # "2011-12" is a span of years
            f.add(m.start(), m.end(), _iso(year, mon, None), False)
    f.hits.sort(key=lambda h: (h.start, h.iso))
    return f.hits
