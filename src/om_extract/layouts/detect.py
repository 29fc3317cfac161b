"""Which text markup a file is written in, by the evidence its lines carry (``rules/layouts.yaml``);
the file's extension only lowers the bar."""

from __future__ import annotations

import re
from functools import cache
from itertools import islice

from ..rules import RULES

Evidence = tuple[re.Pattern[str], int, tuple[str, ...]]
"""A pattern, its weight and its gate (lower-case strings one of which each match holds; empty: none)."""


@cache
def _markups() -> list[tuple[str, frozenset[str], list[Evidence]]]:
    return [(name, frozenset(spec["suffixes"]),
             [(re.compile(e["pattern"], re.M), e["weight"], tuple(e.get("gate", ()))) for e in spec["evidence"]])
            for name, spec in RULES.data["text_markups"].items()]


def text_markup(text: str, suffix: str = "") -> str | None:
    """The markup with the most evidence, if it has enough (any, for the one its suffix names)."""
    sample = text[:200_000]
    low = sample.lower()
    cap, bar = RULES.data["text_markup_cap"], RULES.data["text_markup_threshold"]
    best: tuple[int, str] | None = None
    for name, suffixes, evidence in _markups():
        score = sum(weight * sum(1 for _ in islice(rx.finditer(sample), cap))
                    for rx, weight, gate in evidence if not gate or any(g in low for g in gate))
        if suffix.lower() in suffixes and score:
            score += bar
        if score >= bar and (best is None or score > best[0]):
            best = score, name
    return best[1] if best else None
