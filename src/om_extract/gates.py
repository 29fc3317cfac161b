"""Cheap pre-tests that spare a costly pattern most positions or lines of a text; each finds the
same matches as the pattern alone (tests/test_speed_gates.py keeps them in step)."""

from __future__ import annotations

import re
from collections.abc import Iterable


def first_letters(*alternations: str) -> str:
    """A look-ahead for the first letters of plain word alternations ("(?:der|die)"): a cheap test that
    spares the alternation at most positions of a text."""
    return "(?=[" + "".join(sorted({w[0] for a in alternations for w in a.strip("(?:)").split("|")})) + "])"


def trie_alternation(words: Iterable[str]) -> str:
    """``words`` as one pattern of shared prefixes ("(?:B(?:MBF|MAS)|DGB)"): it matches what their
    alternation longest first matches, backtracking included, but tests each position letter by letter
    instead of word by word, so a register of hundreds of names costs about what a few do."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer word first

    return pattern(trie)


def line_matches(rx: re.Pattern[str], gate: re.Pattern[str] | None, text: str) -> list[re.Match[str]]:
    """The matches of a pattern whose matches stay within one line and hold a match of ``gate``,
    searched only on the lines the gate finds: the same matches as over the whole text."""
    if gate is None:
        return list(rx.finditer(text))
    out: list[re.Match[str]] = []
    line_end = -1
    for g in gate.finditer(text):
        if g.start() <= line_end:  # on the line just searched
            continue
        line_start = text.rfind("\n", 0, g.start()) + 1
        line_end = text.find("\n", g.end())
        line_end = len(text) if line_end < 0 else line_end
        out += rx.finditer(text, line_start, line_end)
    return out
