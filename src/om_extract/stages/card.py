"""The meeting card's people and numbers: chair, minute taker, participants and their count.

Runs after the people are resolved, so that a field value or a list item becomes the canonical
person the rest of the document names."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..blocks import Layout
from ..models import Meeting, Participant
from ..names import find_names
from ..resolve import Orgs, People, PersonEntry
from ..rules import RULES
from ..text import Span
from .entities import org_of_text
from .header import fields
from .meeting import read_meeting
from .participants import Attendance

PersonAt = Callable[[Span], PersonEntry | None]
Spans = Callable[[int, int], list[list[int]]]


def chair_and_minutes(lay: Layout, header: list[int], people: People, meeting: Meeting) -> None:
    """Moderator and minute taker from header fields ("Sitzungsleitung: …", "Protokoll: …")."""
    for f in fields(lay, header):
        if f.key in ("moderator", "minute_taker") and getattr(meeting, f.key) is None:
            setattr(meeting, f.key, person_named(lay, people, f.start, f.end))


def person_named(lay: Layout, people: People, start: int, end: int) -> str | None:
    """The person a field value names: a mention inside it, else the value as a name."""
    for e in people.entries:
        if any(start <= m[0][0] and m[0][1] <= end for m in e.mentions):
            return e.name
    text = re.sub(r"\([^)]*\)", "", lay.text[start:end]).strip(" .,")
    names = find_names(text)
    if names:
        entry = people.find(names[0].first, names[0].last)
        return entry.name if entry else names[0].full
    return text if re.fullmatch(r"[A-ZÄÖÜ][\w'-]+(?:\s+[A-ZÄÖÜ][\w'-]+){0,2}", text) else None


def participants(lay: Layout, header: list[int], att: Attendance, orgs: Orgs, person_at: PersonAt,
                 span: Spans, meeting: Meeting) -> list[Participant]:
    """The listed participants as resolved persons; sets ``meeting.participant_count``."""
    out: list[Participant] = []
    for n, org_text in zip(att.names, att.orgs, strict=True):
        entry = person_at((n.name_start, n.end))
        if entry:
            org = org_of_text(orgs, org_text, None)
            out.append(Participant(name=entry.name, organization=org.name if org else None,
                                   spans=span(n.name_start, n.end)))
    meeting.participant_count = att.count or stated_count(lay, header)
    if out and meeting.participant_count is None:
        meeting.participant_count = len(out) + att.more
    return out


def stated_count(lay: Layout, header: list[int]) -> int | None:
    """"36 Teilnehmende", "Teilnehmende: 30" anywhere in the header."""
    rx = RULES.rx("participant_count", re.I)
    for i in header:
        m = rx.search(lay.block_text(lay.blocks[i]))
        if m:
            return int(next(g for g in m.groups() if g))
    return None


def minute_taker(lay: Layout, blocks: list[int], people: People) -> str | None:
    """A "Protokoll: X" line among ``blocks`` (sign-off first, then header)."""
    rx = RULES.rx("minute_taker", re.I)
    for i in blocks:
        m = rx.match(lay.block_text(lay.blocks[i]))
        if not m:
            continue
        who = m.group(1).strip(" *_")
        names = find_names(who)
        if names:
            entry = people.find(names[0].first, names[0].last)
            return entry.name if entry else names[0].full
        if re.fullmatch(r"[A-ZÄÖÜ]{2,3}", who):
            entry = people.by_initials(who)
            if entry:
                if who not in entry.variants:
                    entry.variants.append(who)
                return entry.name
    return None


def meeting_card(lay: Layout, header: list[int], signoff: list[int], tail: list[int], year: int | None,
                 att: Attendance, people: People, orgs: Orgs, person_at: PersonAt,
                 span: Spans) -> tuple[Meeting, list[Participant]]:
    """The meeting card and the participants (``tail``: the blocks after the last TOP heading)."""
    meeting = read_meeting(lay, header, year, tail)
    chair_and_minutes(lay, header, people, meeting)
    out = participants(lay, header, att, orgs, person_at, span, meeting)
    meeting.minute_taker = meeting.minute_taker or minute_taker(lay, signoff + header, people)
    return meeting, out
