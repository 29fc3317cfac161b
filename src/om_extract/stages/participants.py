"""The attendance list ("Anwesend: A, B, C plus 11 weitere"): each listed item is a person,
whether or not the name lexicon knows the first name, and a lone first name is a person too."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..blocks import Layout
from ..names import NameMatch, listed_name, shifted
from ..rules import RULES
from .header import fields

_COUNT = re.compile(r"^\s*(\d{1,4})\s+(?!Uhr\b)[^\d\s]|\((\d{1,4})\s+von\s+\d{1,4}\b")


@dataclass(frozen=True)
class Attendance:
    names: list[NameMatch]  # offsets into the layout text
    orgs: list[str | None]  # parenthesised organization per name
    more: int  # "plus N weitere"
    count: int | None  # a number the list states ("56 stimmberechtigte Mitglieder", "(7 von 9)")
    others: list[NameMatch]  # people of the other person fields: excused, chair, minute taker


def attendance(lay: Layout, header: list[int]) -> Attendance:
    names: list[NameMatch] = []
    orgs: list[str | None] = []
    more = 0
    count = None
    found = fields(lay, header)
    keyed = {f.block for f in found}
    others: list[NameMatch] = []
    for f in found:
        if f.key in ("absent", "moderator", "minute_taker"):
            others += _listed(lay.text[f.start : f.end], f.start)[0]
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
        listed, listed_orgs = _listed(text, f.start)
        names += listed
        orgs += listed_orgs
    return Attendance(names, orgs, more, count, others)


def _listed(text: str, offset: int) -> tuple[list[NameMatch], list[str | None]]:
    """The people of a comma-separated list, with their parenthesised organizations."""
    names: list[NameMatch] = []
    orgs: list[str | None] = []
    pos = 0
    for item in re.split(r"(,|;|\bund\b)", text):
        s = pos
        pos += len(item)
        stripped = re.sub(r"^(?:" + RULES.data["role_nouns"] + r")\s+", "", item.strip())
        if item in (",", ";", "und") or not stripped:
            continue
        parsed = listed_name(stripped)
        if parsed is None:
            continue
        n, org = parsed
        names.append(shifted(n, offset + s + item.index(stripped)))
        orgs.append(org)
    return names, orgs
