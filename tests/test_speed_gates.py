"""Quick tests that spare a long pattern where it cannot match must never hide a match of it."""

from __future__ import annotations

import re

from om_extract.rules import RULES
from om_extract.stages.sections import postponed


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern's source (escapes, classes and groups respected)."""
    parts, cur, depth, in_class, i = [], "", 0, False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            cur, i = cur + pattern[i : i + 2], i + 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts, cur, i = [*parts, cur], "", i + 1
            continue
        cur, i = cur + c, i + 1
    return [*parts, cur]


def test_every_postponed_alternative_holds_a_gate_word() -> None:
    gate = re.compile(RULES.data["postponed_words"], re.I)
    alternatives = _alternatives(RULES.data["postponed"])
    assert len(alternatives) >= 5
    assert [a for a in alternatives if not gate.search(a)] == []


def test_postponed_through_the_gate() -> None:
    assert postponed("Der Punkt Kassenbericht wird auf die nächste Sitzung vertagt.")
    assert postponed("Vertagt.")
    assert postponed("Die Beratung des Haushalts wird zurückgestellt.")
    assert postponed("TOP 4 wird auf eine spätere Sitzung zu verschieben sein, wir verschieben ihn.")
    assert not postponed("Der Kassenbericht wird vorgetragen und zur Kenntnis genommen.")
