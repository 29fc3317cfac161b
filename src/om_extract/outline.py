"""Sections from a marked-up outline (Markdown ``#``/setext, LaTeX ``\\section``, HTML ``<h2>``).

Where the markup prints headings, their levels say what is a TOP: the document title, the
meeting-card headings ("Ort, Zeit", "Anwesend") and the agenda heading before the first TOP are
no TOPs; a heading that only groups ("Traktanden" over the TOPs) hands its level to its
children; the TOP level is the shallowest level that holds two or more of the remaining
headings; a deeper heading is a TOP of its own only when it carries a sub-number ("1.1", "7a"),
else it is part of its TOP's text; a closing heading whose body is only a sign-off is none."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from .blocks import Layout
from .numbering import heading_number
from .rules import RULES
from .text import Span

Role = Literal["title", "card", "agenda", "group", "signoff", "content"]

_TITLE_WORDS = re.compile(
    r"\b(?:Protokoll\w*|Niederschrift|Verhandlungsschrift|Sitzung|\w*[Vv]ersammlung|Treffen|Plenum|Klausur\w*|"
    r"Beschlussprotokoll|Ergebnisprotokoll|Tagung)\b|\d{4}")


@dataclass
class Head:
    index: int  # block index of the heading line
    level: int
    number: str | None  # as printed (or as the markup numbers it)
    title: Span  # the title without its number
    text: str
    body: list[int] = field(default_factory=list)  # blocks up to the next heading of any level
    role: Role = "content"
    sub_numbered: bool = False  # the markup numbers it below a TOP ("1.1")


def heads_of(lay: Layout) -> list[Head]:
    blocks = lay.blocks
    idx = [i for i, b in enumerate(blocks) if b.kind == "heading"]
    heads: list[Head] = []
    for k, i in enumerate(idx):
        b = blocks[i]
        stop = idx[k + 1] if k + 1 < len(idx) else len(blocks)
        text = lay.block_text(b)
        printed, skip = heading_number(text)
        number = b.number or printed  # the markup's numbering wins; a printed "TOP 1:" leaves the title
        start = b.start + skip
        end = b.end
        while end > start and lay.text[end - 1] in ": ":
            end -= 1
        heads.append(Head(i, b.level, number, (start, end), lay.text[start:end], list(range(i + 1, stop)),
                          sub_numbered=bool(b.number and "." in b.number)))
    return heads


def _children(heads: list[Head], k: int) -> list[Head]:
    out = []
    for h in heads[k + 1 :]:
        if h.level <= heads[k].level:
            break
        out.append(h)
    return out


def _has_body(lay: Layout, h: Head) -> bool:
    return any(lay.block_text(lay.blocks[i]).strip() for i in h.body)


def classify(lay: Layout, heads: list[Head], agenda_like: Callable[[int], bool]) -> None:
    """Give every heading its role; ``agenda_like(k)``: the body of heading k lists the later
    headings (an agenda under any title), asked only of the headings before the first TOP."""
    if not heads:
        return
    first = heads[0]
    top = min(h.level for h in heads)
    unique_top = sum(h.level == top for h in heads) == 1 and first.level == top and len(heads) > 1
    if (first.number is None and (unique_top or _TITLE_WORDS.search(first.text))) or (
            unique_top and _TITLE_WORDS.search(first.text)):
        first.role = "title"  # "5. Mitgliederversammlung" is a title, not TOP 5
        first.title = lay.blocks[first.index].start, first.title[1]
    card, agenda = RULES.rx("card_heading"), RULES.rx("agenda_heading")
    for k, h in enumerate(heads):
        if h.role == "title":
            continue
        if h.number is not None:
            break
        kids = _children(heads, k)
        if agenda.match(h.text):
            h.role = "group" if kids and not _has_body(lay, h) else "agenda"
        elif card.match(h.text) or (kids and all(card.match(c.text) for c in kids)):
            h.role = "card"
        elif agenda_like(k):
            h.role = "agenda"
        else:
            break
    closing, cue = RULES.rx("closing_heading"), RULES.rx("signoff_cue")
    last = heads[-1]
    body = [lay.block_text(lay.blocks[i]) for i in last.body if lay.block_text(lay.blocks[i]).strip()]
    if (last.role == "content" and last.number is None and len(body) <= 4 and closing.match(last.text)
            and any(cue.search(t) for t in body)):
        last.role = "signoff"


def top_level(heads: list[Head]) -> int | None:
    """The shallowest level that holds two or more content headings (else the shallowest)."""
    levels = sorted({h.level for h in heads if h.role == "content"})
    for lv in levels:
        if sum(h.level == lv and h.role == "content" for h in heads) >= 2:
            return lv
    return levels[0] if levels else None


def is_section(h: Head, level: int) -> bool:
    if h.role != "content" or h.level < level:
        return False
    if h.level == level:
        return True
    return h.sub_numbered or bool(h.number and re.fullmatch(r"\d+(?:\.\d+)+|\d+[a-z]", h.number))
