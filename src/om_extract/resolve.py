"""One entry per person and per organization, however the text spells them.

Person mentions cluster by surname (ß/ss, accents, one-letter typos) when their first names are
compatible; the canonical name is the fullest form. Organization mentions cluster by canonical
name (register full name where known)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import count

from rapidfuzz import fuzz

from .names import NameMatch
from .orgs import Canonical
from .text import Span, fold, squash


@dataclass
class PersonEntry:
    first: str | None
    last: str
    title: str | None = None
    variants: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    mentions: list[tuple[Span, str]] = field(default_factory=list)  # (clean span, last name as written)
    given_only: bool = False  # known by first name only: ``last`` holds that first name

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}" if self.first else self.last

    def initials(self) -> str:
        parts = re.split(r"[\s-]+", self.name)
        return "".join(p[0] for p in parts if p and p[0].isalpha()).upper()


_PHONETIC = (("ph", "f"), ("th", "t"), ("ck", "k"), ("tz", "z"), ("y", "i"))


@lru_cache(maxsize=1 << 14)
def _sound(name: str) -> str:
    """Spelling variants of one first name sound alike: "Ralph"/"Ralf", "Matthias"/"Mattias"."""
    t = fold(name)
    for a, b in _PHONETIC:
        t = t.replace(a, b)
    return t


@lru_cache(maxsize=1 << 16)
def _first_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    fa, fb = _sound(a).split()[0], _sound(b).split()[0]
    return fa == fb or (fa[0] == fb[0] and (len(fa) <= 2 or len(fb) <= 2 or fuzz.ratio(fa, fb) >= 60))


@lru_cache(maxsize=1 << 16)
def _same_surname(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    if fa == fb or (min(len(fa), len(fb)) >= 4 and fuzz.ratio(fa, fb) >= 88):
        return True
    # "Müller" / "Müller-Lüdenscheidt": one part of a double surname
    return "-" in fa + fb and (fa in fb.split("-") or fb in fa.split("-"))


class People:
    """Accumulates person mentions into entries (taken out only through ``remove``).

    Entries are found by their surnames: each distinct surname is compared once, not each entry,
    so that a long document with many people costs time in proportion to its length."""

    def __init__(self) -> None:
        self.entries: list[PersonEntry] = []
        self._by_surname: dict[str, dict[int, PersonEntry]] = {}  # surname -> entries by arrival
        self._arrivals = count()

    def find(self, first: str | None, last: str, given_only: bool = False) -> PersonEntry | None:
        if given_only:  # "mirko" in the list, "Mirko" in the text
            return next((e for e in self.entries if e.given_only and fold(e.last) == fold(last)), None)
        cands = sorted(
            (k, e) for surname, group in self._by_surname.items() if _same_surname(surname, last)
            for k, e in group.items() if _first_compatible(e.first, first)
        )  # fmt: skip
        if not cands:
            return None
        exact = [e for _, e in cands if fold(e.last) == fold(last)]
        return (exact or [e for _, e in cands])[0]

    def add(self, m: NameMatch, span: Span, surface: str, org: str | None = None) -> PersonEntry:
        entry = self.find(m.first, m.last, m.given_only)
        if entry is None:
            entry = PersonEntry(m.first, m.last, given_only=m.given_only)
            self.entries.append(entry)
            if not entry.given_only:
                self._by_surname.setdefault(entry.last, {})[next(self._arrivals)] = entry
        elif m.first and (not entry.first or _fuller(m, entry)):
            self._rename(entry, m.first, m.last)
        if m.title and (not entry.title or len(m.title) > len(entry.title)):
            entry.title = m.title
        surface = squash(surface)
        if surface not in entry.variants:
            entry.variants.append(surface)
        if org and org not in entry.organizations:
            entry.organizations.append(org)
        entry.mentions.append((span, m.last))
        return entry

    def remove(self, entry: PersonEntry) -> None:
        self.entries.remove(entry)
        group = self._by_surname.get(entry.last, {})
        for k in [k for k, e in group.items() if e is entry]:
            del group[k]

    def _rename(self, entry: PersonEntry, first: str, last: str) -> None:
        """A fuller form of the name: the entry moves to its new surname, keeping its place."""
        if last != entry.last:
            old = self._by_surname[entry.last]
            k = next(k for k, e in old.items() if e is entry)
            del old[k]
            self._by_surname.setdefault(last, {})[k] = entry
        entry.first, entry.last = first, last

    def alias(self, entry: PersonEntry, span: Span, surface: str) -> None:
        """A mention by another part of the name (a first name alone)."""
        if surface not in entry.variants:
            entry.variants.append(surface)
        entry.mentions.append((span, surface))

    def merge_partial(self) -> None:
        """A surname-only entry joins the one full-name entry with that surname, and a first-name-only
        entry the one full-name entry with that first name (else the one whose surname it is), where exactly
        one fits."""
        for e in list(self.entries):
            if e.first:
                continue
            if e.given_only:
                full = [x for x in self.entries if x.first and fold(x.first.split()[0]) == fold(e.last)]
                if not full:  # "Bürgermeisterin Arslan": a word that may be a first name is one person's surname
                    same = [x for x in self.entries if x.first and fold(x.last) == fold(e.last)]
                    full = same if len(same) == 1 else []
            else:
                full = [x for x in self.entries if x is not e and x.first and _same_surname(x.last, e.last)]
            if len(full) > 1 and e.given_only:
                self.remove(e)  # "Jonas" with two people called Jonas in the document: nobody in particular
            elif len(full) == 1:
                target = full[0]
                target.variants += [v for v in e.variants if v not in target.variants]
                target.organizations += [o for o in e.organizations if o not in target.organizations]
                target.mentions += e.mentions
                target.title = target.title or e.title
                self.remove(e)

    def by_initials(self, initials: str) -> PersonEntry | None:
        hits = [e for e in self.entries if e.first and e.initials() == initials.upper()]
        return hits[0] if len(hits) == 1 else None


def _fuller(m: NameMatch, entry: PersonEntry) -> bool:
    """Keep the first full form unless a longer one (more name parts) comes."""
    return len((m.first or "").split()) > len((entry.first or "").split())


@dataclass
class OrgEntry:
    canonical: Canonical
    variants: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


class Orgs:
    def __init__(self) -> None:
        self.entries: dict[str, OrgEntry] = {}

    def add(self, canon: Canonical, surface: str, span: Span | None) -> OrgEntry:
        key = fold(canon.name)
        entry = self.entries.get(key)
        if entry is None:  # a name written across a line break is one name
            entry = self.entries[key] = OrgEntry(replace(canon, name=squash(canon.name)))
        surface = squash(surface)
        if surface and surface not in entry.variants:
            entry.variants.append(surface)
        if span is not None:
            entry.mentions.append(span)
        return entry
