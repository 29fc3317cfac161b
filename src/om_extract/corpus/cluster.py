"""Greedy entity resolution shared by persons and organizations, with an audit trail.

Records are offered one by one. Strong evidence (same or similar full name) joins the best
matching cluster; weak evidence (a bare surname, an initial, an alias) joins only when exactly
one cluster fits, because a guess between several humans or bodies is worse than a duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar


class Named(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def file(self) -> str: ...


R = TypeVar("R", bound=Named)


@dataclass(frozen=True)
class Match:
    """Why a record fits a cluster: the rule that applied and its rapidfuzz scores."""

    rule: str
    strong: bool
    scores: dict[str, float] = field(default_factory=dict)
    matched: str = ""  # the member name the record was compared with

    @property
    def rank(self) -> tuple[float, ...]:
        return tuple(sorted(self.scores.values(), reverse=True))


@dataclass
class Entry(Generic[R]):
    """One line of the audit trail; ``cluster`` is resolved to a canonical name on output."""

    record: R
    cluster: int
    match: Match | None
    candidates: list[int]


class Clusterer(Generic[R]):
    def __init__(self) -> None:
        self.clusters: list[list[R]] = []
        self.log: list[Entry[R]] = []

    def matches(self, record: R) -> list[tuple[int, Match]]:
        """Every cluster the record fits, with the evidence."""
        raise NotImplementedError

    def joined(self, record: R, index: int) -> None:
        """Hook for subclasses that index cluster members."""

    def add(self, record: R) -> None:
        found = self.matches(record)
        strong = [(i, m) for i, m in found if m.strong]
        if strong:
            index, match = max(strong, key=lambda im: (im[1].rank, -im[0]))
        elif len(found) == 1:
            index, match = found[0]
        else:
            index, match = len(self.clusters), None
            self.clusters.append([])
        self.clusters[index].append(record)
        self.joined(record, index)
        if match is not None or found:
            self.log.append(Entry(record, index, match, [i for i, _ in found]))

    def audit(self, canonical: list[str]) -> list[dict[str, Any]]:
        """The trail as JSON rows: merges, and records kept apart because several clusters fit."""
        rows = [_row(entry, canonical) for entry in self.log]
        return sorted(rows, key=lambda r: (r.get("into") or r["name"], r["file"], r["name"]))


def _row(entry: Entry[Any], canonical: list[str]) -> dict[str, Any]:
    name, file, match = entry.record.name, entry.record.file, entry.match
    if match is None:
        return {
            "name": name,
            "file": file,
            "decision": "kept apart",
            "rule": "ambiguous",
            "candidates": sorted(canonical[i] for i in entry.candidates),
        }
    return {
        "name": name,
        "file": file,
        "decision": "merged",
        "into": canonical[entry.cluster],
        "matched": match.matched,
        "rule": match.rule,
        "scores": {k: round(v, 1) for k, v in match.scores.items()},
        "candidates": len(entry.candidates),
    }
