"""The rule data under ``rules/``, loaded and compiled once per process."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml


def load_yaml(path: Path) -> Any:
    """A rule file's data, read with libyaml where PyYAML has it (the register alone takes 0.14 s in
    pure Python, 0.01 s so) and with the pure-Python safe loader where not: the same data."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def rules_dir() -> Path:
    """``$OM_EXTRACT_RULES`` or the repository's ``rules/`` next to ``src/``."""
    env = os.environ.get("OM_EXTRACT_RULES")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "rules"


@dataclass(frozen=True)
class RegisterEntry:
    name: str
    abbreviation: str | None
    kind: str
    variants: tuple[str, ...]
    umbrella: bool = False

    @property
    def forms(self) -> tuple[str, ...]:
        forms = (self.name, *(x for x in (self.abbreviation,) if x), *self.variants)
        return tuple(dict.fromkeys(forms))


def _words(items: list[str]) -> str:
    return "|".join(re.escape(x) for x in sorted(items, key=len, reverse=True))


_PATTERN_FILES = ("patterns.yaml", "structure.yaml", "layouts.yaml")


class Rules:
    """Lazy, compiled view of the YAML rule files."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @cached_property
    def data(self) -> dict[str, Any]:
        """The pattern files merged: ``patterns.yaml`` (words and fields), ``structure.yaml``
        (headings, agenda, meeting-card and sign-off blocks) and ``layouts.yaml`` (text markups)."""
        merged: dict[str, Any] = {}
        for name in _PATTERN_FILES:
            merged.update(load_yaml(self.root / name))
        return merged

    @cached_property
    def register(self) -> tuple[RegisterEntry, ...]:
        raw = load_yaml(self.root / "organizations.yaml")
        return tuple(
            RegisterEntry(e["name"], e.get("abbreviation"), e.get("kind", "external"),
                          tuple(e.get("variants") or ()), bool(e.get("umbrella")))
            for e in raw
        )

    def rx(self, key: str, flags: int = 0) -> re.Pattern[str]:
        return _compile(self, key, flags)

    @cached_property
    def months(self) -> dict[str, int]:
        return {k.lower(): int(v) for k, v in self.data["months"].items()}

    @cached_property
    def salutation(self) -> str:
        return _words(self.data["salutations"])

    @cached_property
    def title(self) -> str:
        return _words(self.data["titles"])

    @cached_property
    def not_names(self) -> frozenset[str]:
        return frozenset(self.data["not_names"])

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(self.data["roles"])

    @cached_property
    def not_orgs(self) -> frozenset[str]:
        return frozenset(self.data["not_orgs"])

    @cached_property
    def page_footer(self) -> re.Pattern[str]:
        return self.rx("page_footer", re.I)

    @cached_property
    def decision_labels(self) -> list[tuple[str, re.Pattern[str], bool]]:
        """(kind, label pattern, whether the block must record a result to be a decision)."""
        return [(d["kind"], re.compile(d["pattern"]), bool(d.get("requires_result")))
                for d in self.data["decision_labels"]]

    @cached_property
    def votes_as_written(self) -> list[re.Pattern[str]]:
        return [re.compile(p, re.I | re.M) for p in self.data["vote"]]

    @cached_property
    def decision_sentence_labels(self) -> list[tuple[str, re.Pattern[str]]]:
        return [(d["kind"], re.compile(d["pattern"])) for d in self.data["decision_sentence_labels"]]

    @cached_property
    def header_keys(self) -> str:
        """The header keys as one alternation, a named group per canonical key ("Datum" → date)."""
        return "|".join(f"(?P<{k}>{v})" for k, v in self.data["header_keys"].items())

    @cached_property
    def bodies(self) -> list[tuple[str, re.Pattern[str]]]:
        # a body's meeting word joined to it names it too: "Fachschaftsratssitzung", "AStA-Sitzung"
        return [(b["name"], re.compile(r"(?<![\w-])(?:" + b["pattern"] + r")(?:-?[Ss]itzung)?(?![\w-])"))
                for b in self.data["bodies"]]


def body_name(name: str, m: re.Match[str]) -> str:
    """A body's name as ``bodies`` gives it: fixed, or made of the match's groups ("$1$2")."""
    return re.sub(r"\$(\d)", lambda g: m.group(int(g.group(1))) or "", name) if "$" in name else name


_CACHE: dict[tuple[int, str, int], re.Pattern[str]] = {}


def _compile(rules: Rules, key: str, flags: int) -> re.Pattern[str]:
    k = (id(rules), key, flags)
    if k not in _CACHE:
        node: Any = rules.data
        for part in key.split("."):
            node = node[part]
        _CACHE[k] = re.compile(node, flags | re.M)
    return _CACHE[k]


RULES = Rules(rules_dir())
