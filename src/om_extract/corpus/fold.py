"""Spelling-blind text keys, so that "Großmann", "Grossmann" and "GROSSMANN" compare equal."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """Case-folded text without accents (casefold also turns ß into ss); remembered, since the
    corpus folds the same names and titles over and over."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The folded words of ``text``; punctuation, quotes and dashes only separate them."""
    return _WORD.findall(fold(text))


def ends(key: str, letters: int = 3) -> tuple[str, str]:
    """Blocking keys of a folded name: its first and its last letters. Two spellings within a slip
    or two of each other keep one of their ends, so they are compared within a block, not with all."""
    return f"<{key[:letters]}", f"{key[-letters:]}>"


def name_order(names: list[str]) -> list[int]:
    """Indices of ``names`` in the order the registers list them: folded, then as written, then
    first come first (persons.json, organizations.json and their database ids agree)."""
    return sorted(range(len(names)), key=lambda i: (fold(names[i]), names[i]))
