"""Meeting metadata from the header: title, body, number, date, times and place.

The header arrives as blocks; its fields may be keyed in any form (``header.fields``) or loose
lines ("Gasthof X, Town, 14.05.2011"; macro arguments, one per line)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ..blocks import Layout
from ..models import Meeting
from ..numbering import roman
from ..rules import RULES, body_name
from ..text import squash
from ..timeparse import TIME, clock, time_range
from .dates import find_dates
from .header import Field, value

_BARE_TITLE = re.compile(
    r"(?i)(?:Ergebnis|Sitzungs)?protokoll|Niederschrift|Verhandlungsschrift|Minutes|Inhaltsverzeichnis|Inhalt")
_CARD_HEADING = re.compile(
    r"(?i)^(?:Ort|Zeit|Datum|Allgemeines|Formalia|Formales|Inhalt|Inhaltsverzeichnis|Tagesordnung|Traktanden"
    r"|Traktandenliste|Agenda|Anwesen\w*|Teilnehm\w*|Entschuldigt\w*|Abwesend\w*|Gäste)\b")
_ROOM = re.compile(r"\b(?:im|in\s+(?:der|dem))\s+((?:Raum|Saal|Sitzungssaal|Sitzungszimmer|Zimmer)\s+[\w./-]*\d[\w./-]*)")
_FILE_NAME = re.compile(r"^[\w./\\-]+\.[a-z]{2,4}$")
# a clock range as card values write it: "19:07–21:02", "1907—21:02", "17:20 bis 18:45"
_CARD_RANGE = re.compile(r"(?<![\d.:])(\d{1,2})[:.]?(\d{2})\s*(?:Uhr\s*)?(?:[-–—]+|bis)\s*(\d{1,2})[:.]?(\d{2})(?![\d])")
_ISO_DOTS = re.compile(r"(?<![\d.])(\d{4})[./](\d{1,2})[./](\d{1,2})(?![\d])")
_SHORT_YEAR = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d.])")


@dataclass(frozen=True)
class Line:
    block: int
    text: str


def header_lines(lay: Layout, header: list[int]) -> list[Line]:
    """The header's lines; a line ending in a comma continues on the next one (a wrapped place)."""
    out: list[Line] = []
    for k, i in enumerate(header):
        text = lay.block_text(lay.blocks[i])
        if out and k and header[k - 1] == i - 1 and lay.blocks[i].gap == 0 and out[-1].text.endswith(","):
            out[-1] = Line(out[-1].block, f"{out[-1].text} {text}")
        else:
            out.append(Line(i, text))
    return out


def title_block(lay: Layout, header: list[int], found: list[Field]) -> tuple[int, str] | None:
    """The line naming the meeting: the first heading of the text that names it (a pad's visible
    heading, not its front-matter tab title); else a front-matter ``title:``; else, among the first
    lines, one that starts with "Protokoll …" or names a body; else the first line that is more than
    a bare "Protokoll" (file names, key lines and lines without words are no titles)."""
    keyed = {f.block for f in found} | {f.last for f in found}
    tab = next((f for f in found if f.key == "title"), None)
    for i in header:  # the first heading that is no card, list or agenda heading
        b = lay.blocks[i]
        text = lay.block_text(b).strip(" *#:")
        if b.kind == "heading" and i not in keyed and _titled(text) and not _CARD_HEADING.match(text) \
                and not _BARE_TITLE.fullmatch(text):
            return i, text
        if b.kind == "heading" and tab is not None:
            break  # under a front-matter title only the first heading can name the meeting
    if tab is not None:
        return tab.block, value(lay, tab)
    lines = []
    for i in header:
        text = lay.block_text(lay.blocks[i]).strip(" *#:")
        if not text or i in keyed or re.fullmatch(r"-{3,}|\.{3}|=+", text) or re.match(r"^[a-z_]+\s*:", text):
            continue
        if not _titled(text):
            continue
        if not _BARE_TITLE.fullmatch(text):
            lines.append((i, text))
    for k, i in enumerate(header[:-1]):  # "NIEDERSCHRIFT" over "über die 9. Sitzung des …"
        text = lay.block_text(lay.blocks[i]).strip(" *#:")
        nxt = lay.block_text(lay.blocks[header[k + 1]]).strip(" *#:")
        if _BARE_TITLE.fullmatch(text) and header[k + 1] == i + 1 and re.match(r"(?:über|der|des|vom|zur)\s", nxt):
            return i, f"{text} {nxt}"
    for i, text in lines[:3]:
        if re.match(r"(?:Ergebnis|Sitzungs)?[Pp]rotokoll\b|Niederschrift\b", text) and find_dates(text, None) == []:
            return i, text
    for i, text in lines[:3]:
        if body_of(text) and len(text.split()) <= 12 and not text.endswith("."):
            return i, text
    return lines[0] if lines else None


_CLOCK_PHRASE = re.compile(r"(?i)\b(?:um|ab|von|bis)?\s*\d{1,2}(?:[:.]\d{2})?\s*(?:Uhr|h)\b")
_PLACE_LEAD = re.compile(r"(?i)^(?:(?:am|um|im|in\s+der|in\s+dem|auf\s+dem)\s+)+(?=\S)")


def _place_words(segment: str) -> str:
    """A card segment without its clock time and leading prepositions: "Am ⋯ um 19 Uhr im Vereinsheim" →
    "Vereinsheim"."""
    rest = squash(_CLOCK_PHRASE.sub(" ", segment)).strip()
    return _PLACE_LEAD.sub("", rest) if rest != segment.strip() else rest


def _titled(text: str) -> bool:
    """Words that can title a meeting: not a file name, a bare date or a line without words."""
    return not _FILE_NAME.match(text) and bool(re.search(r"[^\W\d_]{3}", _without_dates(text, None)))


def body_of(text: str) -> str | None:
    for name, rx in RULES.bodies:
        m = rx.search(text)
        if m:
            return body_name(name, m)
    return None


def _number(title: str) -> int | None:
    months = "|".join(RULES.months)
    m = re.search(rf"(?<![\d.])(\d{{1,3}})\.\s+(?!(?:{months})\b)(?=[A-ZÄÖÜa-zäöü])", title, re.I)
    if m:
        return int(m.group(1))
    m = re.search(r"(?<![\w.])(?<!e\.\s)(?<!e\.)([IVXLC]{1,6})\.\s+(?=[A-ZÄÖÜa-zäöü])", title)  # "VII. GV", not "e. V."
    if m:
        return roman(m.group(1))
    m = re.search(r"\bNr\.\s*(\d{1,4})\b", title)
    return int(m.group(1)) if m else None



def read_meeting(lay: Layout, header: list[int], found: list[Field], default_year: int | None, tail: list[int],
                 text_body: str | None = None) -> Meeting:
    """The meeting card from the header lines (``tail``: blocks after the last TOP heading,
    where "Ende der Sitzung: …" or "Schluss (22:05)" may stand; ``text_body``: the whole text,
    searched for the body when neither title nor header names it; ``found``: the header's key fields)."""
    meeting = Meeting()
    by_key: dict[str, list[str]] = {}
    for f in found:
        by_key.setdefault(f.key, []).append(value(lay, f))
    title = title_block(lay, header, found)
    if title is not None:
        meeting.title = squash(title[1])
        meeting.number = _number(meeting.title)
        meeting.body = body_of(meeting.title)
    keyed = {f.block for f in found} | {f.last for f in found}
    loose = [ln for ln in header_lines(lay, header) if ln.block not in keyed and (title is None or ln.block != title[0])]
    lines = [ln.text for ln in loose]
    if meeting.body is None:  # a front-matter title the heading outranked may still name the body
        meeting.body = next((b for b in (body_of(t) for t in by_key.get("title", []) + lines[:12]) if b), None)
    if meeting.body is None and text_body:
        meeting.body = _most_named_body(text_body)
    every = [ln.text for ln in header_lines(lay, header) if title is None or ln.block != title[0]]
    _when(meeting, by_key, every + ([meeting.title] if meeting.title else []), default_year)
    if meeting.end_time is None:
        meeting.end_time = _end_marker(lay, tail or header[-6:])
    meeting.location = _where(by_key, lines[:12], meeting)
    return meeting


def _most_named_body(text: str) -> str | None:
    """The assembly word the text uses most often ("… lehnt die Delegiertenversammlung ab")."""
    counts: dict[str, int] = {}
    for m in re.finditer(r"(?<![\w-])(?:[A-ZÄÖÜ][a-zäöüß]+versammlung|Plenum|Vollversammlung)(?![\w-])", text):
        name = body_of(m.group()) or m.group()
        counts[name] = counts.get(name, 0) + 1
    best = max(counts.items(), key=lambda kv: kv[1], default=None)
    return best[0] if best and best[1] >= 2 else None


def card_date(text: str, year: int | None) -> str | None:
    """The first full date of a card value, also "2019.11.05" and "12.04.18"."""
    dates = [d for d in find_dates(text, year) if d.has_day]
    if dates:
        return dates[0].iso
    m = _ISO_DOTS.search(text)
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
        return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = _SHORT_YEAR.search(text)
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(1)) <= 31:
        yy = int(m.group(3))
        return f"{2000 + yy if yy < 70 else 1900 + yy}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return None


def card_range(text: str) -> tuple[str | None, str | None]:
    """(start, end) of a card value: "19:00-21:40", "1907—21:02", "17:20 bis 18:45", "9 Uhr"."""
    m = _CARD_RANGE.search(text)
    if m and int(m.group(1)) < 24 and int(m.group(3)) < 24:
        return f"{int(m.group(1)):02d}:{m.group(2)}", f"{int(m.group(3)):02d}:{m.group(4)}"
    return time_range(text)


def _when(meeting: Meeting, by_key: dict[str, list[str]], lines: list[str], year: int | None) -> None:
    for text in by_key.get("date", []) + by_key.get("time", []) + lines:
        meeting.date = card_date(text, year)
        if meeting.date:
            break
    for key, attr in (("start", "start_time"), ("end", "end_time")):
        for v in by_key.get(key, []):
            m = TIME.search(v)
            if m:
                setattr(meeting, attr, clock(m))
                break
    for text in by_key.get("time", []) + by_key.get("date", []):  # "Datum: 08.10.2024, 14:00–15:30 Uhr"
        start, end = card_range(_without_dates(text, year))
        meeting.start_time = meeting.start_time or start
        meeting.end_time = meeting.end_time or end
    lone = [TIME.fullmatch(t.strip()) for t in lines]
    for a, b in pairwise(lone):  # card values one per line: start over end
        if a and b and meeting.start_time in (None, clock(a)):
            meeting.start_time, meeting.end_time = clock(a), meeting.end_time or clock(b)
            break
    for text in lines:
        if meeting.start_time and meeting.end_time:
            break
        cue = re.search(r"\b(?:Sitzungs|Versammlungs)?[Bb]eginn\s*:?\s*(?:um\s*)?", text)
        if cue and (t := TIME.match(text, cue.end())):
            meeting.start_time = meeting.start_time or clock(t)
        if not re.search(r"\bUhr\b|\d[:.]\d\d|\d\s*[-–]\s*\d", text):
            continue
        if re.search(r"[.!?]\s*$", text) and len(text.split()) > 6:
            continue  # a sentence, not a card line
        rest = _without_dates(text, year)
        start, end = card_range(rest)
        inline_end = re.search(r"\bEnde\s*:?\s*(?:um\s*)?(" + TIME.pattern + ")", text)
        if inline_end:
            end = end or clock(TIME.search(inline_end.group(1)))
        if start:
            meeting.start_time = meeting.start_time or start
            meeting.end_time = meeting.end_time or end


def _without_dates(text: str, year: int | None) -> str:
    for d in reversed(find_dates(text, year)):
        text = text[: d.start] + " " * (d.end - d.start) + text[d.end :]
    for rx in (_ISO_DOTS, _SHORT_YEAR):
        text = rx.sub(lambda m: " " * len(m.group()), text)
    return text


def _end_marker(lay: Layout, tail: list[int]) -> str | None:
    """"Ende der Sitzung: 21:40", "Schluss (22:05)", or a lone clock time closing the minutes."""
    rx = RULES.rx("end_marker", re.I)
    for i in tail:
        text = lay.block_text(lay.blocks[i])
        m = rx.match(text)
        if m:
            t = TIME.search(text, m.end())
            if t and t.start() - m.end() < 25:
                return clock(t)
    for i in tail[-3:]:
        text = lay.block_text(lay.blocks[i]).strip(" ()*_")
        t = TIME.fullmatch(text)
        if t:
            return clock(t)
    return None


def _where(by_key: dict[str, list[str]], lines: list[str], meeting: Meeting) -> str | None:
    online = RULES.rx("online", re.I)
    for v in by_key.get("location", []):
        return "Videokonferenz" if online.search(v) else squash(v).strip(" ,;")
    for text in lines:
        if online.search(text) and len(text) < 100:
            return "Videokonferenz"
    for text in lines:  # "Sitzung im Raum 2.115"
        m = _ROOM.search(text)
        if m:
            return m.group(1)
    weekdays = re.compile(rf"^(?:am\s+)?(?:{RULES.data['weekdays']})\.?$", re.I)
    place = re.compile(rf"\b(?:{RULES.data['place_words']})")
    dated = [squash(t) for t in lines if find_dates(squash(t), None)]
    for flat in dated:  # "… am 12. März 2025 im Sitzungssaal des Rathauses": the place the date line names
        m = RULES.rx("location_phrase").search(flat)
        if m and place.search(m.group("place")):
            return m.group("place")
    for text in lines:
        if re.match(r"^\s*[\w ]{1,30}:\s", text) or text == meeting.title:
            continue  # a field of its own
        flat = squash(text)
        if (re.search(r"[.!?]\s*$", flat) and len(flat.split()) > 3) or flat.isupper():
            continue  # a sentence or a shouted note
        dates = find_dates(flat, None) or ([1] if _ISO_DOTS.search(flat) or _SHORT_YEAR.search(flat) else [])
        if dates or TIME.search(flat):
            segs = [_place_words(s) for s in re.split(r",|\s[-–|·]\s", _without_dates(flat, None))]
            segs = [s for s in segs if len(s) >= 3 and (not re.search(r"\d", s) or place.search(s))  # "Hörsaal H 2"
                    and not weekdays.match(s)
                    and not re.fullmatch(r"(?:am|um|von|bis|Uhr|\W)+", s, re.I) and s != meeting.title
                    and not _BARE_TITLE.match(s) and not re.search(r"\b(?:vom|am|den|der|ab|bis|von)$", s)]
            if segs:
                return ", ".join(segs)
        elif place.search(flat) and len(flat) < 80 and not body_of(flat):
            return flat.strip(" ,;")
    return None
