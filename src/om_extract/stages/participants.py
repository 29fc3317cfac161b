"""The attendance list ("Teilnehmer: A, B, C plus 11 weitere"): each listed item is a person,
whether or not the name lexicon knows the first name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..blocks import Layout
from ..names import SURNAME, NameMatch, find_names
from ..rules import RULES

_ITEM = re.compile(
    rf"(?P<title>(?:(?:Prof\.|Dr\.|Dipl\.-\w+\.)\s*)*)(?P<first>[A-ZÄÖÜ][\w'-]+(?:\s+[A-ZÄÖÜ][\w'-]+)*?(?:\s+[A-ZÄÖÜ]\.)?)"
    rf"\s+(?P<last>{SURNAME})\s*(?:\((?P<org>[^)]*)\))?"
)


@dataclass(frozen=True)
class Attendance:
    names: list[NameMatch]  # offsets into the layout text
    orgs: list[str | None]  # parenthesised organization per name
    more: int  # "plus N weitere"


def attendance(lay: Layout, header: list[int]) -> Attendance:
    rx = RULES.rx("participants", re.I)
    names: list[NameMatch] = []
    orgs: list[str | None] = []
    more = 0
    for k, i in enumerate(header):
        b = lay.blocks[i]
        m = rx.match(lay.block_text(b))
        if not m:
            continue
        end = b.end
        for j in header[k + 1 :]:
            if lay.blocks[j].gap > 0 or rx.match(lay.block_text(lay.blocks[j])):
                break
            end = lay.blocks[j].end
        start = b.start + m.end()
        text = lay.text[start:end]
        mm = RULES.rx("more_participants", re.I).search(text)
        if mm:
            more += int(mm.group(1))
            text = text[: mm.start()]
        pos = 0
        for item in re.split(r"(,|;|\bund\b)", text):
            s = pos
            pos += len(item)
            if item in (",", ";", "und") or not item.strip():
                continue
            found = _parse(item.strip())
            if found is None:
                continue
            lead = s + item.index(item.strip())
            names.append(NameMatch(start + lead + found.start, start + lead + found.end, start + lead + found.name_start,
                                   None, found.title, found.first, found.last))
            org = _ITEM.fullmatch(item.strip())
            orgs.append(org.group("org") if org else None)
    return Attendance(names, orgs, more)


def _parse(item: str) -> NameMatch | None:
    m = _ITEM.fullmatch(item)
    if m:
        first = re.sub(r"\s+", " ", m.group("first"))
        return NameMatch(0, m.end("last"), m.start("first"), None, m.group("title").strip() or None, first, m.group("last"))
    hits = find_names(item)
    return hits[0] if len(hits) == 1 else None
