"""organizations.json: one entry per organization across the corpus, with documents and persons."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

from rapidfuzz import fuzz, process

from .cluster import Clusterer, Match
from .fold import ends, fold, name_order, words
from .load import Document
from .rules import OrganizationRules

K = TypeVar("K")
V = TypeVar("V")


@dataclass
class OrgRecord:
    """One organization as one document names it."""

    file: str
    date: str | None
    name: str
    abbreviation: str | None = None
    kind: str = "external"
    variants: list[str] = field(default_factory=list)


@lru_cache(maxsize=1 << 16)
def org_key(text: str, rules: OrganizationRules) -> str:
    """Folded words without legal forms: "ifaa e. V." and "IFAA" share the key "ifaa"
    (remembered: every written form is keyed again by each stage that compares it)."""
    key = f" {' '.join(words(text))} "
    for form in rules.legal_forms:
        key = key.replace(f" {' '.join(words(form))} ", " ")
    return key.strip()


def document_records(doc: Document, rules: OrganizationRules) -> list[OrgRecord]:
    """The document's organizations, plus organizations it attaches to persons without listing."""
    records = [
        OrgRecord(doc.file, doc.date, o.name, o.abbreviation, o.kind, list(o.variants))
        for o in doc.protocol.organizations
    ]
    known = {org_key(n, rules) for r in records for n in [r.name, r.abbreviation or "", *r.variants]}
    p = doc.protocol
    attached = [o for person in p.persons for o in person.organizations]
    attached += [ref.organization for item in [*p.agenda, *p.sections] for ref in item.presenters]
    attached += [participant.organization for participant in p.participants]
    for name in attached:
        if name and org_key(name, rules) not in known:
            known.add(org_key(name, rules))
            records.append(OrgRecord(doc.file, doc.date, name))
    return records


def blocks(key: str) -> list[tuple[int, str]]:
    """Blocking keys of a name: its word count (word-aligned names have as many) with each end."""
    return [(len(key.split()), end) for end in ends(key)]


class OrgClusterer(Clusterer[OrgRecord]):
    def __init__(self, rules: OrganizationRules) -> None:
        super().__init__()
        self.rules = rules
        self.by_name: dict[str, set[int]] = {}
        self.by_block: dict[tuple[int, str], list[str]] = {}
        self.arrival: dict[str, int] = {}  # names in the order they came, the order they are compared in
        self.by_alias: dict[str, set[int]] = {}
        self.by_abbreviation: dict[str, set[int]] = {}
        self.abbreviations: dict[int, set[str]] = {}
        # The index changes rarely (a body is named in every meeting, always alike): a written form
        # is matched again only when the index changed since, else its matches are remembered.
        self.version = 0
        self.seen: dict[tuple[str, str | None, tuple[str, ...]], tuple[int, list[tuple[int, Match]]]] = {}

    def _key(self, text: str) -> str:
        return org_key(text, self.rules)

    def _aliases(self, record: OrgRecord) -> set[str]:
        return {self._key(v) for v in [*record.variants, record.abbreviation or ""]} - {""}

    def _word_aligned(self, a: str, b: str) -> bool:
        """Similar names must also agree word by word, so one differing word ("AG" vs "FG",
        "Arbeit" vs "Bildung") keeps two bodies apart however long the shared rest is."""
        wa, wb = a.split(), b.split()
        return len(wa) == len(wb) and all(
            fuzz.ratio(x, y) >= self.rules.word_min for x, y in zip(wa, wb, strict=True)
        )

    def _similar(self, key: str) -> list[tuple[int, Match]]:
        """Clusters whose name is the same or, word by word, nearly the same (compared only with
        the names of its blocks)."""
        nearby = dict.fromkeys(name for block in blocks(key) for name in self.by_block.get(block, ()))
        found = []
        for other, score, _ in process.extract(
            key,
            sorted(nearby, key=self.arrival.__getitem__),
            scorer=fuzz.ratio,
            score_cutoff=self.rules.name_min,
            limit=None,
        ):
            if other == key or self._word_aligned(key, other):
                rule = "same name" if other == key else "similar name"
                found += [
                    (i, Match(rule, True, {"name": score}, self.clusters[i][0].name))
                    for i in self.by_name[other]
                ]
        return found

    def _aliased(self, record: OrgRecord) -> list[tuple[int, Match]]:
        """Clusters linked by a variant or abbreviation: the record's name is one of theirs, or
        theirs is one of the record's. Variants are never compared with variants, since generic
        ones ("Stiftung", "Geschäftsstelle") would link unrelated bodies."""
        own_abbr = self._key(record.abbreviation) if record.abbreviation else ""
        links: dict[int, str] = {}
        for i in self.by_alias.get(self._key(record.name), ()):
            links.setdefault(
                i, "abbreviation" if self._key(record.name) in self.abbreviations[i] else "variant"
            )
        for alias in sorted(self._aliases(record)):
            for i in self.by_name.get(alias, ()):
                links.setdefault(i, "abbreviation" if alias == own_abbr else "variant")
        for i in self.by_abbreviation.get(own_abbr, ()):
            links.setdefault(i, "abbreviation")
        return [
            (i, Match(rule, False, {"alias": 100.0}, self.clusters[i][0].name))
            for i, rule in sorted(links.items())
            if not (own_abbr and self.abbreviations[i] and own_abbr not in self.abbreviations[i])
        ]

    def matches(self, record: OrgRecord) -> list[tuple[int, Match]]:
        form = (record.name, record.abbreviation, tuple(record.variants))
        known = self.seen.get(form)
        if known is not None and known[0] == self.version:
            return known[1]
        found: dict[int, Match] = {}
        for i, match in [*self._aliased(record), *self._similar(self._key(record.name))]:
            if i not in found or (match.strong, match.rank) > (found[i].strong, found[i].rank):
                found[i] = match
        matched = sorted(found.items())
        self.seen[form] = (self.version, matched)
        return matched

    def joined(self, record: OrgRecord, index: int) -> None:
        key = self._key(record.name)
        if key not in self.by_name:
            self.arrival[key] = len(self.arrival)
            for block in blocks(key):
                self.by_block.setdefault(block, []).append(key)
        self._post(self.by_name, key, index)
        for alias in self._aliases(record):
            self._post(self.by_alias, alias, index)
        self.abbreviations.setdefault(index, set())
        if record.abbreviation:
            self._post(self.abbreviations, index, self._key(record.abbreviation))
            self._post(self.by_abbreviation, self._key(record.abbreviation), index)

    def _post(self, table: dict[K, set[V]], key: K, value: V) -> None:
        """Add ``value`` under ``key``; a change outdates the remembered matches."""
        members = table.setdefault(key, set())
        if value not in members:
            members.add(value)
            self.version += 1


def _canonical(members: list[OrgRecord]) -> str:
    """The most frequent full name (an abbreviation only if nothing else is known)."""
    counts = Counter(m.name for m in members)
    abbreviations = {m.abbreviation for m in members}
    return min(counts, key=lambda n: (n in abbreviations, -counts[n], -len(n), fold(n), n))


def _most_common(values: list[str]) -> str | None:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


class Organizations:
    """The merged organizations and a resolver from any written form to the canonical name."""

    def __init__(self, documents: list[Document], rules: OrganizationRules) -> None:
        self.rules = rules
        records = [r for doc in documents for r in document_records(doc, rules)]
        # Full names first, so that a bare abbreviation finds the body it abbreviates.
        records.sort(key=lambda r: r.name == r.abbreviation or len(r.name.split()) < 2)
        self.clusterer = OrgClusterer(rules)
        for record in records:
            self.clusterer.add(record)
        self.names = [_canonical(members) for members in self.clusterer.clusters]
        self._index: dict[str, set[int]] = {}
        for i, members in enumerate(self.clusterer.clusters):
            for form in {form for m in members for form in [m.name, m.abbreviation or "", *m.variants]} - {""}:
                self._index.setdefault(org_key(form, rules), set()).add(i)

    def cluster_of(self, written: str) -> int | None:
        found = self._index.get(org_key(written, self.rules), set())
        return next(iter(found)) if len(found) == 1 else None

    def resolve(self, written: str) -> str:
        """The canonical name for a written form, or the form itself when it is unknown or ambiguous."""
        index = self.cluster_of(written)
        return written if index is None else self.names[index]

    def entries(self, persons_by_cluster: dict[int, set[str]]) -> list[dict[str, Any]]:
        rows = []
        for i, members in enumerate(self.clusterer.clusters):
            name = self.names[i]
            forms = {f for m in members for f in [m.name, *m.variants]} - {name}
            documents = {(m.date or "", m.file) for m in members}
            rows.append(
                {
                    "name": name,
                    "abbreviation": _most_common([m.abbreviation for m in members if m.abbreviation]),
                    "kind": _most_common([m.kind for m in members]),
                    "variants": sorted(forms, key=lambda f: (fold(f), f)),
                    "documents": [{"file": f, "date": d or None} for d, f in sorted(documents)],
                    "persons": sorted(persons_by_cluster.get(i, set()), key=lambda n: (fold(n), n)),
                }
            )
        return [rows[i] for i in name_order(self.names)]

    def audit(self) -> list[dict[str, Any]]:
        return self.clusterer.audit(self.names)
