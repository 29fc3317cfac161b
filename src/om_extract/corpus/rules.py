"""Thresholds of the corpus view, read from ``rules/corpus.yaml`` so they are tuned without code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..rules import load_yaml, rules_dir


@dataclass(frozen=True, eq=False)
class PersonRules:
    surname_min: float
    first_name_min: float
    fuzzy_first_name_surname_min: float
    first_name_folds: tuple[tuple[str, str], ...]
    salutations: frozenset[str]
    particles: frozenset[str]


@dataclass(frozen=True, eq=False)
class OrganizationRules:
    name_min: float
    word_min: float
    legal_forms: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class ThreadRules:
    title_min: float
    term_weight_min: float
    text_term_weight_min: float
    min_term_length: int
    max_document_share: float
    agenda_section_min: float
    link_window: int
    stopwords: tuple[str, ...]


@dataclass(frozen=True)
class Rules:
    persons: PersonRules
    organizations: OrganizationRules
    threads: ThreadRules


def load_rules(path: Path | None = None) -> Rules:
    """``path``, or ``corpus.yaml`` in the project's rules directory (``$OM_EXTRACT_RULES`` or ``rules/``).
    One object per version of the file: the name caches take the rules as a key, compared by
    identity (by value, every cached name cost a comparison of all the rules)."""
    path = path or rules_dir() / "corpus.yaml"
    return _parse(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _parse(path: Path, modified: int) -> Rules:
    """The rules of ``path`` as it was at time ``modified`` (part of the cache key only)."""
    data = load_yaml(path)
    p, o, t = data["persons"], data["organizations"], data["threads"]
    return Rules(
        persons=PersonRules(
            surname_min=p["surname_min"],
            first_name_min=p["first_name_min"],
            fuzzy_first_name_surname_min=p["fuzzy_first_name_surname_min"],
            first_name_folds=tuple((a, b) for a, b in p["first_name_folds"]),
            salutations=frozenset(p["salutations"]),
            particles=frozenset(p["particles"]),
        ),
        organizations=OrganizationRules(
            name_min=o["name_min"], word_min=o["word_min"], legal_forms=tuple(o["legal_forms"])
        ),
        threads=ThreadRules(
            title_min=t["title_min"],
            term_weight_min=t["term_weight_min"],
            text_term_weight_min=t["text_term_weight_min"],
            min_term_length=t["min_term_length"],
            max_document_share=t["max_document_share"],
            agenda_section_min=t["agenda_section_min"],
            link_window=t["link_window"],
            stopwords=tuple(t["stopwords"]),
        ),
    )
