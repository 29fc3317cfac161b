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
from .header import Field, fields
from .meeting import header_lines, read_meeting
from .participants import Attendance

PersonAt = Callable[[Span], PersonEntry | None]
Spans = Callable[[int, int], list[list[int]]]


def chair_and_minutes(lay: Layout, header: list[int], header_fields: list[Field], people: People,
                      meeting: Meeting) -> None:
    """Moderator and minute taker: header fields ("Sitzungsleitung: …", "Author: ml"), else an
    election or opening in prose ("X wurde als Protokollführer bestimmt", "Eröffnet durch
    Präsidenten X") or an election line ("Wahl der Versammlungsleitung: X") anywhere."""
    found = sorted(header_fields, key=lambda f: bool(re.match(r"(?i)auth|autor|verfass", f.label)))
    for f in found:  # a front-matter "author:" only when no "Protokoll:" names the minute taker
        if f.key in ("moderator", "minute_taker") and getattr(meeting, f.key) is None:
            setattr(meeting, f.key, person_named(lay, people, f.start, f.end))
    missing = [(k, cue) for k, cue in (("moderator", "moderator_cue"), ("minute_taker", "minute_taker_cue"))
               if getattr(meeting, k) is None]
    elected = _election_fields(lay) if missing else []  # read once for both keys
    for key, cue in missing:
        setattr(meeting, key, _named_anywhere(lay, people, key, cue, header, elected))


_ELECTION_LABEL = re.compile(r"(?i)wahl\s|versammlungsleit|sitzungsleit|protokollf|schriftf")


def _election_fields(lay: Layout) -> list[Field]:
    """Election lines anywhere ("Wahl der Versammlungsleitung: X", "Protokollführung: Y"); only lines
    that hold an election label are read as keys (most lines of a text hold none)."""
    return [f for f in fields(lay, list(range(len(lay.blocks))), _ELECTION_LABEL)
            if f.key in ("moderator", "minute_taker") and _ELECTION_LABEL.match(f.label)]


def _named_anywhere(lay: Layout, people: People, key: str, cue: str, header: list[int],
                    elected: list[Field]) -> str | None:
    """The first election line or prose cue naming the ``key`` person: the header first, then the
    whole text (a bare "Protokoll:" or "Leitung:" outside the header is too ambiguous)."""
    rx = RULES.rx(cue)
    for i in header:
        m = rx.search(lay.block_text(lay.blocks[i]))
        if m:
            who = _who(m)
            return _resolve(lay, people, who[0] + lay.blocks[i].start, who[1] + lay.blocks[i].start)
    hits = [(f.start, f.start, f.end) for f in elected if f.key == key]
    m = rx.search(lay.text) if RULES.rx(f"{cue}_gate").search(lay.text) else None  # most texts fail the quick test
    if m:
        hits.append((m.start(), *_who(m)))
    for _, s, e in sorted(hits):
        name = person_named(lay, people, s, e)
        if name:
            return name
    return None


def _who(m: re.Match[str]) -> tuple[int, int]:
    g = next(k for k, v in m.groupdict().items() if v is not None)
    return m.span(g)


def _resolve(lay: Layout, people: People, start: int, end: int) -> str | None:
    return person_named(lay, people, start, end)


def person_named(lay: Layout, people: People, start: int, end: int) -> str | None:
    """The person a field value names: the first mention inside it, else its first item as a
    name, a handle the document spells out ("brk (Bruno Krell)"), or initials of exactly one
    person of the document ("tv" → Tim Vogt)."""
    best: tuple[int, str] | None = None
    for e in people.entries:
        for m in e.mentions:
            if start <= m[0][0] and m[0][1] <= end and (best is None or m[0][0] < best[0]):
                best = (m[0][0], e.name)
    if best:
        return best[1]
    value = re.sub(r"\([^)]*\)", "", lay.text[start:end]).strip(" .,*_[]")
    first = re.split(r",|;|&|\s(?:und|sowie|durch|per|mit)\s", value)[0].strip(" .*_")
    names = find_names(first)
    if names:
        entry = people.find(names[0].first, names[0].last)
        return entry.name if entry else names[0].full
    handle = re.sub(r"\\(.)", r"\1", first)
    handle_like = re.fullmatch(r"[\w\[\]|^.-]{2,30}", handle) and re.search(r"[^\W\d_]", handle)
    full = spelled_out(lay.text, handle) if handle_like else None
    if full:
        return full
    if re.fullmatch(r"[A-Za-zÄÖÜäöü]{2,3}", first) and not first.istitle():
        entry = people.by_initials(first)  # initials name a person only once resolved
        if entry and first not in entry.variants:
            entry.variants.append(first)
        return entry.name if entry else None
    if handle_like:
        return handle
    if re.fullmatch(r"[A-ZÄÖÜ][\w'-]+(?:\s+[A-ZÄÖÜ][\w'-]+){0,2}", first):
        return first
    return None


def spelled_out(text: str, handle: str) -> str | None:
    """The full name the document pairs with a handle: "handle (First Last)" or "First Last (handle)"."""
    name = r"([A-ZÄÖÜ][\w'-]+(?:\s+[A-ZÄÖÜ][\w'-]+){1,3})"
    h = re.escape(handle)
    m = re.search(rf"(?<![\w-]){h}\s*\(\s*{name}\s*\)", text) or re.search(rf"{name}\s*\(\s*{h}\s*\)", text)
    return m.group(1) if m else None


def participants(lay: Layout, header: list[int], att: Attendance, orgs: Orgs, person_at: PersonAt,
                 span: Spans, meeting: Meeting) -> list[Participant]:
    """The listed participants as resolved persons; sets ``meeting.participant_count``."""
    out: list[Participant] = []
    seen: set[str] = set()
    for n, org_text in zip(att.names, att.orgs, strict=True):
        entry = person_at((n.name_start, n.end))
        if entry and entry.name not in seen:
            seen.add(entry.name)
            org = org_of_text(orgs, org_text, None)
            out.append(Participant(name=entry.name, organization=org.name if org else None,
                                   spans=span(n.name_start, n.end)))
    meeting.participant_count = participant_count(lay, header, att, len(out))
    return out


def participant_count(lay: Layout, header: list[int], att: Attendance, listed: int) -> int | None:
    """The contract's order: a complete list gives its length (plus "N weitere"); else the stated
    number; else nothing when unnamed others were there (an incomplete list, or a list limited to
    a group while the text speaks of guests)."""
    stated = att.count or stated_count(lay, header)
    if listed and att.complete:
        if stated is None and att.group and not re.match(r"(?i)Mitglied|Person|Teilnehm", att.group) \
                and re.search(r"\b(?:Gäste|Gästen|Zuhörer\w*|Zuhörerrunde|zahlreiche\w*\s+Teilnehm\w*)\b", lay.text):
            return None
        return listed + att.more
    return stated


def stated_count(lay: Layout, header: list[int]) -> int | None:
    """"36 Teilnehmende", "Teilnehmende: 30", "Total Stimmenzahl: 14", "anwesend sind 19
    Mitglieder" in the header, or a card piece "19 Mitglieder, 2 Gäste"."""
    rx = RULES.rx("participant_count", re.I)
    for ln in header_lines(lay, header):
        m = rx.search(ln.text)
        if m:
            return int(next(g for g in m.groups() if g))
        m = re.match(r"\s*(\d{1,4})\s+(?:Mitglieder|Personen|Teilnehm\w+|Anwesende)\b", ln.text)
        if m and len(ln.text) < 60:
            return int(m.group(1))
    return None


def minute_taker(lay: Layout, blocks: list[int], people: People) -> str | None:
    """A "Protokoll: X" line among ``blocks`` (sign-off first, then header); "Fürs Protokoll"
    alone on its line names the person on the next one."""
    rx = RULES.rx("minute_taker", re.I)
    for k, i in enumerate(blocks):
        text = lay.block_text(lay.blocks[i])
        m = rx.match(text)
        if m and text.lstrip().startswith("gez") and RULES.rx("signoff_chair_role").search(m.group(1)):
            continue  # the chair's signature
        if m:
            s = lay.blocks[i].start + m.start(1)
            e = lay.blocks[i].start + m.end(1)
        elif re.fullmatch(r"(?i)\W*(?:Für(?:s|\s+das)\s+Protokoll|Protokoll(?:führ\w+|ant\w*)?)\W*", text) \
                and k + 1 < len(blocks) and blocks[k + 1] == i + 1:
            nb = lay.blocks[i + 1]
            s, e = nb.start, nb.end
        else:
            continue
        name = person_named(lay, people, s, e)
        if name:
            return name
    return None


def meeting_card(lay: Layout, header: list[int], header_fields: list[Field], signoff: list[int], tail: list[int],
                 year: int | None, att: Attendance, people: People, orgs: Orgs, person_at: PersonAt,
                 span: Spans) -> tuple[Meeting, list[Participant]]:
    """The meeting card and the participants (``header_fields``: the key fields of the header, read once per
    document; ``tail``: the blocks after the last TOP heading)."""
    meeting = read_meeting(lay, header, header_fields, year, tail, lay.text)
    chair_and_minutes(lay, header, header_fields, people, meeting)
    out = participants(lay, header, att, orgs, person_at, span, meeting)
    meeting.minute_taker = meeting.minute_taker or minute_taker(lay, signoff + header, people)
    return meeting, out
