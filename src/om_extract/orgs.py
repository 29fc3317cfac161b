"""Organization names: the register, name shapes, and canonical forms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from .rules import RULES, RegisterEntry
from .text import longest_first

_ROLE = re.compile(rf"(?:stellv\.\s*|stellvertretende[rn]?\s+)?(?:{RULES.data['role_nouns']}|extern|Gast|Moderation|Protokoll)",
                   re.I)
_QUOTES = re.compile(r"[\"„“”‚‘’'«»]")
_DASHES = re.compile(r"\s*[–—-]\s*")


def org_key(text: str) -> str:
    """Comparable form: no quotes, unified dashes and blanks, lower case, no legal suffix."""
    t = _DASHES.sub("-", _QUOTES.sub("", text))
    t = re.sub(r"\be\.\s?V\.?$", "", t.strip())
    return re.sub(r"\s+", " ", t).strip(" .,-").lower()


@dataclass(frozen=True)
class Canonical:
    name: str
    abbreviation: str | None
    kind: str


@cache
def _index() -> dict[str, RegisterEntry]:
    return {org_key(form): e for e in RULES.register for form in e.forms}


def lookup(text: str, *, fuzzy: bool = True) -> RegisterEntry | None:
    key = org_key(text)
    idx = _index()
    if key in idx:
        return idx[key]
    if key.endswith(("s", "es")) and (key[:-1] in idx or key[:-2] in idx):
        return idx.get(key[:-1]) or idx.get(key[:-2])
    if fuzzy and len(key) >= 12:
        hit = process.extractOne(key, list(idx), scorer=fuzz.ratio, score_cutoff=92)
        if hit:
            return idx[hit[0]]
    return None


def canonical(text: str) -> Canonical | None:
    """The organization a written form names: "BMBF – Bundesministerium …", "X, Servicezentrum …"."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:()")
    if not text or _ROLE.fullmatch(text):
        return None  # "(Vorsitzende)", "(stellv. Schriftführer)": a role, not an organization
    parts = [p for p in re.split(r"\s+[–-]\s+|/|,\s+|\s+-\s*(?=[A-ZÄÖÜ])", text) if p.strip()]
    for cand in (text, *parts):
        entry = lookup(cand)
        if entry:
            return Canonical(entry.name, entry.abbreviation, entry.kind)
    if len(parts) == 2 and _is_acronym(parts[0]) and len(parts[1].split()) >= 2:
        return Canonical(parts[1].strip(), parts[0].strip(), "external")
    head = parts[0].strip() if parts else text
    if _is_acronym(head) and head in RULES.not_orgs:
        return None
    if not (_is_acronym(head) or re.match(r"[A-ZÄÖÜ]", head)):
        return None
    return Canonical(head, None, "external")


def _is_acronym(text: str) -> bool:
    t = text.strip()
    return bool(re.fullmatch(r"[A-ZÄÖÜ][A-Za-zÄÖÜ]{0,3}[A-ZÄÖÜ](?:\s?[A-ZÄÖÜ]{2,4})?", t)) and sum(
        c.isupper() for c in t) >= 2


@cache
def register_pattern() -> re.Pattern[str]:
    forms = sorted({f for e in RULES.register for f in e.forms}, key=len, reverse=True)
    alt = "|".join(re.escape(f) for f in forms)
    first = re.escape("".join(sorted({f[0] for f in forms})))  # a cheap test before the alternation
    return re.compile(rf"(?<![\w-])(?=[{first}])(?:{alt})(?:s|es)?(?![\w]|-\w)")


@cache
def shape_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(p["kind"], re.compile(p["pattern"])) for p in RULES.data["org_patterns"]]


@dataclass(frozen=True)
class OrgMention:
    start: int
    end: int
    text: str
    canonical: Canonical


def find_orgs(text: str) -> list[OrgMention]:
    """Register names and name shapes in ``text``; overlapping mentions keep the longest."""
    found: list[OrgMention] = []
    for m in register_pattern().finditer(text):
        entry = lookup(m.group(), fuzzy=False)
        if entry:
            found.append(OrgMention(m.start(), m.end(), m.group(), Canonical(entry.name, entry.abbreviation, entry.kind)))
    for kind, rx in shape_patterns():
        for m in rx.finditer(text):
            s, e = m.span("org")
            written = m.group("org")
            entry = lookup(written)
            canon = (Canonical(entry.name, entry.abbreviation, entry.kind) if entry
                     else Canonical(_nominative(written), None, kind))
            found.append(OrgMention(s, e, written, canon))
    return longest_first(found)


def _nominative(name: str) -> str:
    """"OM-Netzwerks Sachsen" → "OM-Netzwerk Sachsen": genitive -s on the head noun."""
    return re.sub(r"^(\S+?netzwerk|\S+?verband)s\b", r"\1", name, flags=re.I)
