"""Text that remembers where each character came from.

Cleaning (markup, ligatures, soft hyphens, dropped lines) changes offsets, but every extracted
item must carry spans into the *decoded input*. A ``MappedText`` keeps, for each character, the
offset in the decoded input it was made from, so any slice maps back with ``span()``.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Protocol, TypeVar

Span = tuple[int, int]


@dataclass(frozen=True)
class MappedText:
    text: str
    origin: array  # origin[i] = input offset of text[i]; origin[len(text)] = input end

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, array("l", range(len(text) + 1)))

    def span(self, start: int, end: int) -> Span:
        """Input span of ``text[start:end]`` (end exclusive, never empty)."""
        start, end = max(0, start), min(len(self.text), end)
        if end <= start:
            pos = self.origin[min(start, len(self.text))]
            return (pos, pos + 1)
        return (self.origin[start], self.origin[end - 1] + 1)

    def compose(self, inner: MappedText) -> MappedText:
        """``inner`` was made from ``self.text``; return it mapped to ``self``'s input."""
        mine = self.origin.tolist()  # a list indexes twice as fast as an array, in a comprehension
        return MappedText(inner.text, array("l", [mine[i] for i in inner.origin]))


class Builder:
    """Appends copied or synthesized pieces of a source string, recording their origins."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[str] = []
        self.origin = array("l")

    def copy(self, start: int, end: int) -> None:
        if end > start:
            self.parts.append(self.source[start:end])
            self.origin.extend(range(start, end))

    def put(self, piece: str, at: int) -> None:
        """A piece that replaces source text (or is inserted) at source offset ``at``."""
        if piece:
            self.parts.append(piece)
            self.origin.extend([at] * len(piece))

    def build(self) -> MappedText:
        self.origin.append(len(self.source))
        return MappedText("".join(self.parts), self.origin)


Piece = str | Span
"""A piece of a replacement: new text (mapped to the match start) or a span of the source, copied."""


def rewrite(source: str, pattern: re.Pattern[str],
            repl: Callable[[re.Match[str]], str | list[Piece]]) -> MappedText:
    """Like ``pattern.sub(repl, source)``, keeping origins (replacements map to the match start;
    a replacement given as pieces keeps the source spans among them, e.g. a link's label)."""
    b = Builder(source)
    pos = 0
    for m in pattern.finditer(source):
        b.copy(pos, m.start())
        pieces = repl(m)
        for piece in [pieces] if isinstance(pieces, str) else pieces:
            if isinstance(piece, str):
                b.put(piece, m.start())
            else:
                b.copy(*piece)
        pos = m.end()
    b.copy(pos, len(source))
    return b.build()


def drop_ranges(source: str, ranges: Iterable[Span]) -> MappedText:
    """Remove sorted, non-overlapping ranges from ``source``."""
    b = Builder(source)
    pos = 0
    for start, end in ranges:
        b.copy(pos, start)
        pos = max(pos, end)
    b.copy(pos, len(source))
    return b.build()


_WS = re.compile(r"\s+")
_LONGEST_WORD = 1000
"""Longer tokens are no words (nor URLs) hyphenated at a line break: bounding them keeps joins cheap."""
_WRAP_HYPHEN = re.compile(rf"(?<!\S)(?P<word>\S{{0,{_LONGEST_WORD - 1}}}\w)-[ \t]*\n\s*(?P<next>\w+)")
_KEEP_SPACE = {"und", "oder", "bzw", "sowie", "als", "bis"}


def _join(m: re.Match[str]) -> str:
    return _joined(m.group("word"), m.group("next"))


def _joined(word: str, nxt: str) -> str:
    if any(x in word for x in ("www.", "@", "://")):
        return f"{word}-{nxt}"  # "www.werk-raum.example", "…/projekte-und-partner/…"
    if nxt in _KEEP_SPACE:
        return f"{word}- {nxt}"  # "Arbeits- und Gesundheitsschutz"
    if nxt[0].isupper() or word[-1].isdigit() or word[-2:].isupper():
        return f"{word}-{nxt}"  # "AG-Mitgliederliste", "KMU-beratenden"
    return f"{word}{nxt}"  # "Mitarbei-tenden" → "Mitarbeitenden"


class _Located(Protocol):
    start: int
    end: int


T = TypeVar("T", bound=_Located)


class SpanIndex:
    """Whether a span overlaps any of many spans, in log time: a loop testing each of them made a
    long document's cost grow with the square of its size."""

    def __init__(self, spans: Iterable[Span]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._reach = list(accumulate((b for _, b in ordered), max))  # furthest end so far

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, end)  # the spans that start before ``end`` ...
        return before > 0 and self._reach[before - 1] > start  # ... one of them ends after ``start``


def longest_first(found: list[T]) -> list[T]:
    """Non-overlapping matches in text order; where matches overlap, the longest wins."""
    out: list[T] = []
    for item in sorted(found, key=lambda x: (x.start, -(x.end - x.start))):
        if not out or item.start >= out[-1].end:
            out.append(item)
    return out


OPEN_END = re.compile(
    r"(?:\b(?:der|die|das|des|dem|den|und|oder|für|im|in|zur|zum|zu|von|vom|mit|auf|aus|bei|über|an|am|ein|eine|einer)|[–\-,])$"
)
"""A line that cannot end a title or a paragraph: it stops on an article, a preposition or a dash."""

SENTENCE = re.compile(
    r"(?:[^.!?]+|(?<=\bDr)\.|(?<=\bProf)\.|(?<=\bHr)\.|(?<=\bFr)\.|(?<=\bNr)\.|(?<=\bz\.B)\.|(?<=\d)\.(?=\s?\d)"
    r"|(?<=\b\d)\.|(?<=\b\d\d)\.|[.!?](?=\S))+(?:[.!?]+|$)"
)
"""A sentence: up to a full stop that ends neither a title abbreviation nor a date's number."""


_BROKEN = re.compile(r"-[ \t]*\n")


def squash(value: str) -> str:
    """Whitespace-normalize a value: words hyphenated across a line break are joined."""
    if _BROKEN.search(value):  # where _WRAP_HYPHEN alone can match: the search is cheap, the sub is not
        value = _WRAP_HYPHEN.sub(_join, value)
    return _WS.sub(" ", value).strip()


_FIRST_WORD = re.compile(r"\w+")
_HYPHENATED = re.compile(r"\w-")


def squash_append(done: str, line: str) -> str:
    """``squash(f"{done}\n{line}")`` for an already squashed ``done`` and a ``line`` without line
    breaks. Only the last word of ``done``, if it ends in a word character and a hyphen, can join
    the line's first word, so ``done`` is not run through the regexes again: in a paragraph of "x-"
    lines that word grew with every line, and squashing it anew each time made the paragraph quadratic."""
    rest = squash(line)
    nxt = _FIRST_WORD.match(rest)
    if nxt and _HYPHENATED.fullmatch(done, max(0, len(done) - 2)):
        cut = done.rfind(" ") + 1
        if len(done) - 1 - cut <= _LONGEST_WORD:
            return done[:cut] + _joined(done[cut:-1], nxt.group()) + rest[nxt.end() :]
    return f"{done} {rest}" if done and rest and not done.endswith(" ") else done + rest


@lru_cache(maxsize=1 << 18)
def fold(name: str) -> str:
    """Case-folded text without accents (casefold also turns ß into ss), so that "Großmann",
    "Grossmann" and "GROSSMANN" compare equal; remembered, since extraction and the corpus fold the
    same names over and over."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
