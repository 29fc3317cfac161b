"""The printed number of a heading or an agenda entry ("TOP 7a", "§ 4", "3.2.", "IV."), one rule
for headings, numbered lines and list entries alike."""

from __future__ import annotations

import re

from .rules import RULES

_DATE_OR_TIME = re.compile(
    r"^\d{1,2}(?:[:.]\d{2}\b|\.\s*(?:\d{1,2}\.|(?:" + "|".join(RULES.months) + r")\.?\s+\d{4}))", re.I)


def heading_number(text: str) -> tuple[str | None, int]:
    """The printed number of a heading title and where its title starts."""
    if _DATE_OR_TIME.match(text):
        return None, 0
    m = RULES.rx("section_number").match(text)
    if not m:
        return None, 0
    return m.group("n"), m.end()


_SERIES = re.compile(r"^(?:NÖ|Ö|N) ?(?=\d)")


def series(label: str) -> tuple[str, str]:
    """A printed number split into its series and its numeral: ("Ö", "2.1") of "Ö 2.1", the public
    and non-public items of a council information system that each count from 1; ("", "7a") of "7a"."""
    m = _SERIES.match(label)
    return (m.group().strip(), label[m.end() :]) if m else ("", label)


def major(label: str) -> int | None:
    """The leading whole number of a printed number ("7" of "7a", "3" of "3.2", 4 of "IV", 1 of "Ö 1")."""
    label = series(label)[1]
    m = re.match(r"\d+", label)
    return int(m.group()) if m else roman(label)


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman(s: str) -> int | None:
    """The value of a Roman numeral ("VII" → 7); None for anything else."""
    if not s or any(c not in _ROMAN for c in s):
        return None
    vals = [_ROMAN[c] for c in s]
    n = sum(-v if k + 1 < len(vals) and v < vals[k + 1] else v for k, v in enumerate(vals))
    return n if 0 < n < 200 else None
