"""Key–value fields of a minutes header in every form minutes write them: "Datum: …", several
fields on one line ("Datum: … · Beginn: …"), a table row of key and value, a bold key without colon ("**Ort** Rathaus"), a
definition list ("Ort" over ": Rathaus"), a key over a list ("Anwesend:" over bullets, a heading
"Anwesende Mitglieder (14)"), front-matter keys (Title/Date/Time/Location/Author) and election
lines ("Wahl der Protokollführung: …")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..blocks import Block, Layout
from ..names import listed_name
from ..rules import RULES

_SEPARATOR = re.compile(r"\s+[·|•;–-]\s+(?=[^\W\d][\w ]{1,29}:)|\s+[·|•]\s+")
LIST_KEYS = ("participants", "absent", "guests")
"""Keys whose value is a list of persons, which may continue on the following lines."""


@dataclass(frozen=True)
class Field:
    key: str  # canonical key: date, start, end, time, location, moderator, minute_taker, participants, …
    start: int  # value span in the layout text
    end: int
    block: int  # the block of the key
    label: str = ""  # the key as written ("Anwesende Mitglieder (14)")
    last: int = -1  # the last block of the value (a list or a definition below the key)
    grouped: bool = False  # a list in groups ("Vorsitz" over a name, "Mitglieder" over one name a line)


@cache
def _key_pattern() -> re.Pattern[str]:
    """A key at a line start: optionally "Wahl der …", a qualifier ("der Sitzung", "Mitglieder"), a
    count "(11)", brackets or emphasis around it, then a colon."""
    return re.compile(
        rf"^[\s\[(*_]*(?:wahl\s+(?:der|des|zur|zum)\s+)?(?:{RULES.header_keys})\b"
        r"(?:\s+(?:der|des|dem)\s+[\w-]+|\s+[^\W\d][\w-]*)?(?:\s*\(\d{1,4}(?:\s+von\s+\d{1,4})?\))?[\s\])*_]*:[\s\])*_]*", re.I)


@cache
def _glued_key() -> re.Pattern[str]:
    """A key a converter glued to its value ("DatumMittwoch, 05.11.2025", "Beginn17:00 Uhr")."""
    return re.compile(rf"^\s*(?=[A-ZÄÖÜ][a-zäöüß])(?i:{RULES.header_keys})(?=[A-ZÄÖÜ0-9])")


@cache
def _bare_key() -> re.Pattern[str]:
    """A line that is only a key: a definition-list term, a heading, a bold key."""
    return re.compile(
        rf"^[\s\[(*_#]*(?:wahl\s+(?:der|des|zur|zum)\s+)?(?:{RULES.header_keys})\b"
        r"(?:\s+(?:der|des|dem)\s+[\w-]+|\s+[^\W\d][\w-]*)?(?:\s*\((?P<n>\d{1,4})(?:\s+von\s+\d{1,4})?\))?[\s\])*_:]*$", re.I)


def fields(lay: Layout, header: list[int], labels: re.Pattern[str] | None = None) -> list[Field]:
    """The fields of the ``header`` lines; ``labels``: a caller that keeps only the fields whose label
    (a part of its key line) it finds reads only the key lines that hold one (the lines below a key
    still give its value)."""
    out: list[Field] = []
    rx = _key_pattern()
    for k, i in enumerate(header):
        b = lay.blocks[i]
        text = lay.block_text(b)
        if labels is not None and not labels.search(text):
            continue
        nxt = lay.blocks[header[k + 1]] if k + 1 < len(header) and header[k + 1] == i + 1 else None
        if b.kind == "row" and len(b.cells) == 2:  # a card as a table: "Sitzungsort | Bürgerhaus, Saal 2"
            ks, ke = b.cells[0]
            cell = _bare_key().match(lay.text[ks:ke].strip())
            s, e = _trim(lay.text, *b.cells[1])
            if cell and s < e:
                out.append(Field(_key_of(cell), s, e, i, lay.text[ks:ke].strip(" :*_")))
                continue
        bare = _bare_key().match(text)
        if bare:
            out += _bare_field(lay, header, k, bare)
            continue
        bold = _bold_field(lay, i, b)
        if bold:
            out.append(bold)
            continue
        cuts = [0, *(x for m in _SEPARATOR.finditer(text) for x in (m.start(), m.end())), len(text)]
        for seg_start, seg_end in zip(cuts[::2], cuts[1::2], strict=True):
            m = rx.match(text[seg_start:seg_end]) or _glued_key().match(text[seg_start:seg_end])
            if not m:
                continue
            s, e = _trim(lay.text, b.start + seg_start + m.end(), b.start + seg_end)
            key = _key_of(m)
            if s == e and key not in LIST_KEYS:
                if nxt is None or nxt.kind == "heading" or rx.match(lay.block_text(nxt)):
                    continue
                s, e = _trim(lay.text, nxt.start, nxt.end)  # "Ort:" over its value
            out.append(Field(key, s, e, i, text[seg_start : seg_start + m.end()].strip(" :*_[]()")))
    return out


def _key_of(m: re.Match[str]) -> str:
    return next(k for k, v in m.groupdict().items() if v is not None and k in RULES.data["header_keys"])


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t*_\"'":
        s += 1
    while e > s and text[e - 1] in " \t\n*_\"'":
        e -= 1
    return s, e


def _bold_field(lay: Layout, i: int, b: Block) -> Field | None:
    """"**Ort** Rathaus", "**Tag:** 12.04.18": a bold run at the line start that is a key."""
    if not b.strong:
        return None
    s0, e0 = b.strong[0]
    if lay.text[b.start : s0].strip():
        return None
    m = _bare_key().match(lay.text[s0:e0])
    if not m:
        return None
    s, e = _trim(lay.text, e0, b.end)
    while s < e and lay.text[s] in ": ":
        s += 1
    return Field(_key_of(m), s, e, i, lay.text[s0:e0].strip(" :")) if s < e else None


def _bare_field(lay: Layout, header: list[int], k: int, m: re.Match[str]) -> list[Field]:
    """A key alone on its line: its value is the definition below (": value") or, for a list
    key, the lines below it up to the next key, heading or paragraph break."""
    i = header[k]
    b = lay.blocks[i]
    key = _key_of(m)
    label = lay.block_text(b).strip(" :*_#[]")
    follow = [j for j in header[k + 1 :]]
    if follow and follow[0] == i + 1:
        nb = lay.blocks[follow[0]]
        nt = lay.block_text(nb)
        if nt.startswith(":"):
            s, e = _trim(lay.text, nb.start + 1, nb.end)
            return [Field(key, s, e, i, label, follow[0])]
    if key in ("moderator", "minute_taker") and follow and follow[0] == i + 1 and RULES.rx("attendance_group").match(label):
        nb = lay.blocks[follow[0]]  # a group of the attendance list: "Vorsitz" over its name (not over a title)
        nt = lay.block_text(nb)
        if nb.gap == 0 and nb.kind == "line" and not re.search(r"\d", nt) and not _key_pattern().match(nt) \
                and listed_name(nt.strip()) is not None:
            s, e = _trim(lay.text, nb.start, nb.end)
            return [Field(key, s, e, i, label, follow[0])]
    if key not in LIST_KEYS:
        return []
    if key == "participants" and (grouped := _groups(lay, header, k)) is not None:
        return [Field(key, lay.blocks[i + 1].start, lay.blocks[grouped].end, i, label, grouped, True)]
    last = -1
    for n, j in enumerate(follow):
        nb = lay.blocks[j]
        sub = _key_pattern().match(lay.block_text(nb)) or _bare_key().match(lay.block_text(nb))
        if sub and _key_of(sub) in ("moderator", "minute_taker") and n == 0 and nb.gap == 0:
            sub = None  # "Anwesend:" over "Vorsitzender: X", "Gemeinderatsmitglieder: …": groups of the list
        if j != i + 1 + n or (nb.kind == "heading") or (sub and (n > 0 or nb.gap > 0 or _key_of(sub) in LIST_KEYS)) \
                or (n > 0 and nb.gap > 1) \
                or (n > 0 and nb.gap > 0 and nb.kind != lay.blocks[follow[0]].kind):
            break
        last = j
    if last < 0:
        return [Field(key, b.end, b.end, i, label)]
    return [Field(key, lay.blocks[i + 1].start, lay.blocks[last].end, i, label, last)]


def _groups(lay: Layout, header: list[int], k: int) -> int | None:
    """The last block of an attendance list in groups under the bare key ``header[k]`` ("Anwesend" over
    "Vorsitz" / name, "Mitglieder" / one name a line, "Verwaltung: A, B"), up to the excused, another key,
    a heading or a wider gap; None when the first block below is no group."""
    group = RULES.rx("attendance_group")
    i, last = header[k], None
    for n, j in enumerate(header[k + 1 :]):
        nb = lay.blocks[j]
        text = lay.block_text(nb).strip()
        if j != i + 1 + n or nb.kind == "heading" or nb.gap > 1:
            break
        if group.match(text):
            last = j
            continue
        sub = _key_pattern().match(text) or _bare_key().match(text)
        if last is None or sub or nb.gap > 0:
            break  # the excused, another field, or a paragraph after the groups
        last = j  # a name under its group
    return last


def value(lay: Layout, f: Field) -> str:
    return lay.text[f.start : f.end].strip(" \"'")
