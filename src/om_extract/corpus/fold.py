"""Spelling-blind text keys, so that "Großmann", "Grossmann" and "GROSSMANN" compare equal, and
the search index's fold, under which "Maerz" finds "März"."""

from __future__ import annotations

import re
import unicodedata

from ..text import fold

WORD = re.compile(r"[^\W_]+")
"""A word: letters and digits; punctuation, quotes, dashes and underscores only separate words."""
_SPELLINGS = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"))
_COMBINING = re.compile(r"[\u0300-\u036f]+")


def words(text: str) -> list[str]:
    """The folded words of ``text``; punctuation, quotes and dashes only separate them."""
    return WORD.findall(fold(text))


def spelling_fold(text: str) -> str:
    """Lower case, German umlauts and ß spelled out, other accents dropped: the search index's
    fold, where ``fold`` would make "Maerz" and "März" differ (str.replace: four passes in C are
    four times faster than one str.translate)."""
    folded = text.lower()
    for written, spelled in _SPELLINGS:
        folded = folded.replace(written, spelled)
    return folded if folded.isascii() else _COMBINING.sub("", unicodedata.normalize("NFKD", folded))


def ends(key: str, letters: int = 3) -> tuple[str, str]:
    """Blocking keys of a folded name: its first and its last letters. Two spellings within a slip
    or two of each other keep one of their ends, so they are compared within a block, not with all."""
    return f"<{key[:letters]}", f"{key[-letters:]}>"


def name_order(names: list[str]) -> list[int]:
    """Indices of ``names`` in the order the registers list them: folded, then as written, then
    first come first (persons.json, organizations.json and their database ids agree)."""
    return sorted(range(len(names)), key=lambda i: (fold(names[i]), names[i]))
