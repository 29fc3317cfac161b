"""Spelling-blind text keys, so that "Großmann", "Grossmann" and "GROSSMANN" compare equal."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Case-folded text without accents (casefold also turns ß into ss)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The folded words of ``text``; punctuation, quotes and dashes only separate them."""
    return _WORD.findall(fold(text))
