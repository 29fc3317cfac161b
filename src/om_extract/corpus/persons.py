"""persons.json: one entry per human across the corpus, however the documents spell them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process

from .cluster import Clusterer, Match
from .fold import ends, fold, name_order, words
from .load import Document
from .organizations import Organizations
from .rules import PersonRules

ROLES = ("participant", "presenter", "moderator", "minute_taker", "assignee", "mentioned")
_INITIAL = re.compile(r"[^\W\d_]\.?(?:-[^\W\d_]\.?)*")


@dataclass
class PersonRecord:
    """One person as one document names them, with the roles they play there."""

    file: str
    output: str  # the document's output file name, unique per document
    date: str | None
    name: str
    title: str | None = None
    organizations: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)


class NameParts(NamedTuple):
    """Folded first name ("" if unknown, one letter if only an initial) and surname key (a tuple:
    hashed in C, since every comparison of two names is looked up by them)."""

    first: str
    surname: str

    @property
    def tier(self) -> int:
        """0: full name, 1: initial only, 2: surname only; weaker names are placed later."""
        return 2 if not self.first else 1 if len(self.first) == 1 else 0


@lru_cache(maxsize=1 << 16)
def parse_name(name: str, rules: PersonRules) -> NameParts | None:
    """Split off salutations, titles and middle initials; None when no name is left (remembered:
    a name is parsed to sort, to match and to join)."""
    tokens = re.sub(r"\([^)]*\)", " ", name).split()
    while tokens and fold(tokens[0]).replace(".", "") in rules.salutations:
        tokens.pop(0)
    if not tokens:
        return None
    if len(tokens) == 1 or tokens[0] in rules.particles:
        return NameParts("", "".join(words(" ".join(tokens))))
    first, rest = tokens[0], [t for t in tokens[1:] if not _INITIAL.fullmatch(t)] or tokens[1:]
    first_key = fold(first)[0] if _INITIAL.fullmatch(first) else fold(first).replace(".", "")
    return NameParts(first_key, "".join(words(" ".join(rest))))


@lru_cache(maxsize=1 << 16)
def _phonetic(first: str, rules: PersonRules) -> str:
    for written, spoken in rules.first_name_folds:
        first = first.replace(written, spoken)
    return first


def _same_shape(x: str, y: str) -> bool:
    """Spellings of one first name keep its first and last letter (Rolf/Ralph, Markus/Marcus);
    a name that extends another is a different name (Andrea/Andreas, Daniel/Daniela), and so is
    one with another ending (Anna/Anne)."""
    if x == y:
        return True
    return x[0] == y[0] and x[-1] == y[-1] and not (x.startswith(y) or y.startswith(x))


@lru_cache(maxsize=1 << 18)
def compare(a: NameParts, b: NameParts, rules: PersonRules) -> Match | None:
    """Whether two names can denote one human: similar surnames and compatible first names
    (equal, similar like Rolf/Ralph, initial vs full, or missing on one side). Remembered: a
    common name meets the same names in every document."""
    surname = fuzz.ratio(a.surname, b.surname)
    if surname < rules.surname_min:
        return None
    scores = {"surname": surname}
    if not a.first or not b.first:
        rule = "surname only"
    elif a.tier == 1 or b.tier == 1:
        if a.first[0] != b.first[0]:
            return None
        rule = "initial"
    elif a.first == b.first:
        rule = "same name" if surname == 100 else "similar surname"
        scores["first_name"] = 100.0
    else:
        x, y = _phonetic(a.first, rules), _phonetic(b.first, rules)
        first = 100.0 if x == y else fuzz.ratio(x, y)
        if (
            first < rules.first_name_min
            or surname < rules.fuzzy_first_name_surname_min
            or not _same_shape(x, y)
        ):
            return None
        rule = "similar first name"
        scores["first_name"] = first
    return Match(rule, a.tier == 0, scores)


class PersonClusterer(Clusterer[PersonRecord]):
    def __init__(self, rules: PersonRules) -> None:
        super().__init__()
        self.rules = rules
        self.parts: dict[int, dict[NameParts, None]] = {}  # distinct names per cluster, in order
        self.by_surname: dict[str, set[int]] = {}
        self.by_letter: dict[tuple[str, str], set[int]] = {}  # (surname, first letter) -> clusters
        self.by_block: dict[str, list[str]] = {}
        self.similar: dict[str, list[str]] = {}  # surname -> the surnames (itself too) within surname_min
        # (name, cluster) -> (the cluster's number of names then, the verdict): a name that
        # recurs in every meeting is compared with a cluster again only when it has a new name.
        self.verdicts: dict[tuple[NameParts, int], tuple[int, Match | None]] = {}

    def _fits(self, parts: NameParts, i: int) -> Match | None:
        """The cluster fits when every one of its names is compatible; scores are the weakest."""
        known = self.verdicts.get((parts, i))
        if known is not None and known[0] == len(self.parts[i]):
            return known[1]
        pairs = []
        for member in self.parts[i]:
            if (m := compare(parts, member, self.rules)) is None:
                break
            pairs.append(m)
        verdict = None
        if len(pairs) == len(self.parts[i]):
            scores = {k: min(p.scores[k] for p in pairs if k in p.scores) for k in pairs[0].scores}
            verdict = Match(pairs[0].rule, pairs[0].strong, scores, self.clusters[i][0].name)
        self.verdicts[parts, i] = (len(self.parts[i]), verdict)
        return verdict

    def matches(self, record: PersonRecord) -> list[tuple[int, Match]]:
        """Clusters every member of which is compatible with the record (no chaining of Anna
        and Andreas through "A."); scores are the weakest over the members."""
        parts = parse_name(record.name, self.rules)
        if parts is None:
            return []
        nearby = self.similar[parts.surname] if parts.surname in self.similar else self._nearby(parts.surname)
        letters = self._letters(parts)
        if letters:  # only a cluster whose first names all fit the record's first letter can fit
            found = {i for key in nearby for x in [*letters, ""] for i in self.by_letter.get((key, x), ())}
        else:
            found = {i for key in nearby for i in self.by_surname[key]}
        clusters = sorted(found)
        return [(i, match) for i in clusters if (match := self._fits(parts, i))]

    def joined(self, record: PersonRecord, index: int) -> None:
        parts = parse_name(record.name, self.rules)
        if parts is not None:
            self.parts.setdefault(index, {})[parts] = None
            if parts.surname not in self.by_surname:
                self._learn(parts.surname)
            self.by_surname.setdefault(parts.surname, set()).add(index)
            for letter in self._letters(parts) or {""}:
                self.by_letter.setdefault((parts.surname, letter), set()).add(index)

    def _nearby(self, surname: str) -> list[str]:
        """The known surnames within ``surname_min`` of ``surname``, compared only within its blocks."""
        keys = dict.fromkeys(key for block in ends(surname) for key in self.by_block.get(block, ()))
        found = process.extract(surname, list(keys), scorer=fuzz.ratio, score_cutoff=self.rules.surname_min, limit=None)
        return [key for key, _, _ in found]

    def _learn(self, surname: str) -> None:
        """Index a new surname: in its blocks, and among the similar surnames of each surname it is
        similar to (the ratio is symmetric), so a known surname is compared once, not per record."""
        for block in ends(surname):
            self.by_block.setdefault(block, []).append(surname)
        self.similar[surname] = self._nearby(surname)
        for other in self.similar[surname]:
            if other != surname:
                self.similar[other].append(surname)

    def _letters(self, parts: NameParts) -> set[str]:
        """The first letters a fitting first name starts with: as written (an initial) or as
        spoken (Claudia/Klaudia); none for a bare surname, which fits every first name."""
        return {parts.first[0], _phonetic(parts.first, self.rules)[0]} if parts.first else set()


def document_records(doc: Document) -> list[PersonRecord]:
    """The document's persons with their roles; people named only in a role (a presenter the
    person list misses) get a record too, assignees only if they are listed persons (else bodies)."""
    p = doc.protocol
    records = [
        PersonRecord(doc.file, doc.output, doc.date, x.name, x.title, list(x.organizations), list(x.variants))
        for x in p.persons
    ]
    lookup = {fold(form): r for r in reversed(records) for form in [*r.variants, r.name]}
    roles: list[tuple[str | None, str, str | None]] = [
        (x.name, "participant", x.organization) for x in p.participants
    ]
    roles += [
        (ref.name, "presenter", ref.organization)
        for item in [*p.agenda, *p.sections]
        for ref in item.presenters
    ]
    roles += [(p.meeting.moderator, "moderator", None), (p.meeting.minute_taker, "minute_taker", None)]
    roles += [(name, "assignee", None) for decision in p.decisions for name in decision.assignees]
    for name, role, organization in roles:
        if not name:
            continue
        record = lookup.get(fold(name))
        if record is None and role != "assignee":
            record = lookup[fold(name)] = PersonRecord(doc.file, doc.output, doc.date, name)
            records.append(record)
        if record is not None:
            record.roles.add(role)
            if organization and organization not in record.organizations:
                record.organizations.append(organization)
    return records


def _ordered(roles: set[str]) -> list[str]:
    """The roles in the order of ROLES; "mentioned" when the person has none."""
    return [r for r in ROLES if r in roles] or ["mentioned"]


def _preferred(values: list[str]) -> str:
    """Most frequent, then the first written (values come in date order), then alphabetical."""
    counts = Counter(values)
    first = {v: i for i, v in reversed(list(enumerate(values)))}
    return min(counts, key=lambda v: (-counts[v], first[v], fold(v), v))


class Persons:
    """The merged persons of a corpus, their organizations resolved to the merged ones."""

    def __init__(self, documents: list[Document], rules: PersonRules, organizations: Organizations) -> None:
        self.organizations = organizations
        records = [r for doc in documents for r in document_records(doc)]
        parsed = [(r, parse_name(r.name, rules)) for r in records]
        self.clusterer = PersonClusterer(rules)
        for record, _ in sorted(parsed, key=lambda rp: 3 if rp[1] is None else rp[1].tier):
            self.clusterer.add(record)
        self.names: list[str] = []
        for members in self.clusterer.clusters:
            dated = sorted(members, key=lambda m: (m.date or "", m.file))
            full = [m.name for m in dated if (parts := parse_name(m.name, rules)) and parts.tier == 0]
            self.names.append(_preferred(full or [m.name for m in dated]))

    def _entry(self, name: str, members: list[PersonRecord]) -> dict[str, Any]:
        appearances: dict[tuple[str, str], set[str]] = {}
        for m in members:
            appearances.setdefault((m.date or "", m.file), set()).update(m.roles)
        forms = {f for m in members for f in [m.name, *m.variants]} - {name}
        titles = [m.title for m in members if m.title]
        return {
            "name": name,
            "title": max(titles, key=lambda t: (titles.count(t), len(t), t)) if titles else None,
            "variants": sorted(forms, key=lambda f: (fold(f), f)),
            "organizations": sorted(
                {self.organizations.resolve(o) for m in members for o in m.organizations}
            ),
            "appearances": [
                {
                    "file": file,
                    "date": date or None,
                    "roles": _ordered(roles),
                }
                for (date, file), roles in sorted(appearances.items())
            ],
        }

    def meetings(self, cluster: int) -> list[tuple[str, list[str]]]:
        """(output file name, roles) of each document the person of ``cluster`` appears in, by date:
        the database's links, which must tell apart two inputs of one name and date."""
        appearances: dict[tuple[str, str, str], set[str]] = {}
        for m in self.clusterer.clusters[cluster]:
            appearances.setdefault((m.date or "", m.file, m.output), set()).update(m.roles)
        return [(output, _ordered(roles)) for (_, _, output), roles in sorted(appearances.items())]

    def entries(self) -> list[dict[str, Any]]:
        clusters = self.clusterer.clusters
        return [self._entry(self.names[i], clusters[i]) for i in name_order(self.names)]

    def audit(self) -> list[dict[str, Any]]:
        return self.clusterer.audit(self.names)

    def by_organization(self) -> dict[int, set[str]]:
        """Organization cluster → names of the persons whose organizations list it."""
        members: dict[int, set[str]] = {}
        for name, records in zip(self.names, self.clusterer.clusters, strict=True):
            for org in {o for r in records for o in r.organizations}:
                index = self.organizations.cluster_of(org)
                if index is not None:
                    members.setdefault(index, set()).add(name)
        return members
