"""The attendance list ("Anwesend: A, B, C plus 11 weitere"): each listed item is a person,
whether or not the name lexicon knows the first name, and a lone first name is a person too."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..blocks import Layout
from ..names import SURNAME, NameMatch, find_names
from ..rules import RULES
from .header import fields

_ITEM = re.compile(
    rf"(?P<title>(?:(?:Prof\.|Dr\.|Dipl\.-\w+\.)\s*)*)(?P<first>[A-ZÄÖÜ][\w'-]+(?:\s+[A-ZÄÖÜ][\w'-]+)*?(?:\s+[A-ZÄÖÜ]\.)?)"
    rf"\s+(?P<last>{SURNAME})\s*(?:\((?P<org>[^)]*)\))?"
)
_GIVEN = re.compile(r"(?P<last>[A-ZÄÖÜ][\w'-]+)\s*(?:\((?P<org>[^)]*)\))?")
_COUNT = re.compile(r"^\s*(\d{1,4})\s+(?!Uhr\b)[^\d\s]|\((\d{1,4})\s+von\s+\d{1,4}\b")


@dataclass(frozen=True)
class Attendance:
    names: list[NameMatch]  # offsets into the layout text
    orgs: list[str | None]  # parenthesised organization per name
    more: int  # "plus N weitere"
    count: int | None  # a number the list states ("56 stimmberechtigte Mitglieder", "(7 von 9)")


def attendance(lay: Layout, header: list[int]) -> Attendance:
    names: list[NameMatch] = []
    orgs: list[str | None] = []
    more = 0
    count = None
    found = fields(lay, header)
    keyed = {f.block for f in found}
    for f in found:
        if f.key != "participants":
            continue
        end = f.end
        for j in header[header.index(f.block) + 1 :]:
            nb = lay.blocks[j]
            if nb.gap > 0 or j in keyed or re.match(r"^\s*\w+\s*:", lay.block_text(nb)):
                break
            end = nb.end
        text = lay.text[f.start : end]
        cm = _COUNT.search(text)
        if cm:
            count = int(cm.group(1) or cm.group(2))
        mm = RULES.rx("more_participants", re.I).search(text)
        if mm:
            more += int(mm.group(1))
            text = text[: mm.start()]
        text = re.sub(r"\((?:\d|siehe|vgl)[^)]*\)", lambda m: " " * len(m.group()), text)
        pos = 0
        for item in re.split(r"(,|;|\bund\b)", text):
            s = pos
            pos += len(item)
            stripped = item.strip()
            if item in (",", ";", "und") or not stripped:
                continue
            parsed = _parse(stripped)
            if parsed is None:
                continue
            n, org = parsed
            base = f.start + s + item.index(stripped)
            names.append(NameMatch(base + n.start, base + n.end, base + n.name_start, None, n.title, n.first, n.last,
                                   n.given_only))
            orgs.append(org)
    return Attendance(names, orgs, more, count)


def _parse(item: str) -> tuple[NameMatch, str | None] | None:
    if re.match(rf"(?:{RULES.salutation})\s", item):
        hits = find_names(item)
        org = re.search(r"\(([^)]*)\)", item)
        return (hits[0], org.group(1) if org else None) if hits else None
    m = _ITEM.fullmatch(item)
    if m:
        first = re.sub(r"\s+", " ", m.group("first"))
        title = m.group("title").strip() or None
        return NameMatch(0, m.end("last"), m.start("first"), None, title, first, m.group("last")), m.group("org")
    m = _GIVEN.fullmatch(item)
    if m and m.group("last") not in RULES.not_names:
        return NameMatch(0, m.end("last"), 0, None, None, None, m.group("last"), True), m.group("org")
    hits = find_names(item)
    return (hits[0], None) if len(hits) == 1 else None
