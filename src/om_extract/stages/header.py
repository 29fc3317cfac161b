""""Key: value" fields of a minutes header: "Datum: …", "Protokoll: …", front-matter keys, and
several fields on one line ("Datum: 24.10.2024 · Beginn: 18:00 Uhr · Ort: …")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..blocks import Layout
from ..rules import RULES

_SEPARATOR = re.compile(r"\s+[·|•;–-]\s+(?=[\w ]{2,30}:)|\s+[·|•]\s+")


@dataclass(frozen=True)
class Field:
    key: str  # canonical key: date, start, end, time, location, moderator, minute_taker, participants, title
    start: int  # value span in the layout text
    end: int
    block: int


@cache
def _key_pattern() -> re.Pattern[str]:
    keys = RULES.data["header_keys"]
    alts = "|".join(f"(?P<{k}>{v})" for k, v in keys.items())
    return re.compile(rf"^\s*(?:{alts})\s*:\s*(?=\S)", re.I)


def fields(lay: Layout, header: list[int]) -> list[Field]:
    out: list[Field] = []
    rx = _key_pattern()
    for i in header:
        b = lay.blocks[i]
        text = lay.block_text(b)
        cuts = [0, *(x for m in _SEPARATOR.finditer(text) for x in (m.start(), m.end())), len(text)]
        for seg_start, seg_end in zip(cuts[::2], cuts[1::2], strict=True):
            m = rx.match(text[seg_start:seg_end])
            if m:
                s = b.start + seg_start + m.end()
                e = b.start + seg_end
                while e > s and lay.text[e - 1].isspace():
                    e -= 1
                out.append(Field(m.lastgroup or "", s, e, i))
    return out


def value(lay: Layout, f: Field) -> str:
    return lay.text[f.start : f.end].strip(" \"'")
