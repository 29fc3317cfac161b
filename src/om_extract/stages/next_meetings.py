"""Upcoming meetings announced in the closing section ("Verschiedenes", "nächste Termine")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..blocks import Layout
from ..rules import RULES
from ..text import SENTENCE, Span
from ..timeparse import time_range
from .dates import find_dates


@dataclass
class DraftNext:
    date: str
    span: Span
    start_time: str | None
    end_time: str | None
    body: str | None
    location: str | None


def find_next(lay: Layout, body: list[int], year: int | None, default_body: str | None) -> list[DraftNext]:
    cue = RULES.rx("next_meeting_cue", re.I)
    online = RULES.rx("online", re.I)
    out: list[DraftNext] = []
    context_body: str | None = None
    context_place: str | None = None
    in_list = False
    for i in body:
        b = lay.blocks[i]
        text = lay.block_text(b)
        for sent in SENTENCE.finditer(text):
            s = sent.group()
            has_cue = bool(cue.search(s))
            dates = [d for d in find_dates(s, year) if d.has_day]
            if has_cue:
                context_body = _body(s) or default_body
                context_place = "Videokonferenz" if online.search(s) else None
            if not dates:
                if has_cue:
                    in_list = s.rstrip().endswith(":")  # "Die nächsten Treffen finden statt:" + a list
                elif sent.start() == 0 and b.gap > 0 and b.kind != "bullet" and b.indent == 0:
                    in_list = False  # a new paragraph ends the list (a wrapped list item does not)
                continue
            if not (has_cue or in_list):
                continue
            for d in dates:
                after = s[d.end :]
                start, end = time_range(after) if re.search(r"\d", after) else (None, None)
                loc = "Videokonferenz" if online.search(s) else (_place(s) or (None if has_cue else context_place))
                out.append(DraftNext(d.iso, (b.start + sent.start() + d.start, b.start + sent.start() + d.end),
                                     start, end, context_body or default_body, loc))
    return out


def _body(sentence: str) -> str | None:
    found = [(m.start(), name if "$" not in name else m.group(1))
             for name, rx in RULES.bodies for m in rx.finditer(sentence)]
    return max(found)[1] if found else None


def _place(sentence: str) -> str | None:
    m = re.search(r"\b(?:bei|beim)\s+(?:der|dem|den)?\s*([A-ZÄÖÜ][\w-]*(?:\s+in\s+[A-ZÄÖÜ][\w-]+)?)", sentence)
    if m:
        return m.group(1)
    m = re.search(r"\bin\s+([A-ZÄÖÜ][\w-]+)\s+statt", sentence)
    return m.group(1) if m else None


