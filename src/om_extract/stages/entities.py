"""Person and organization mentions from rules (and NER), resolved into entries."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..blocks import Layout
from ..gates import line_matches
from ..names import NameMatch, find_names, is_given_name, is_role_word, is_surname
from ..orgs import Canonical, canonical, find_orgs, lookup
from ..resolve import Orgs, People, PersonEntry
from ..rules import RULES
from ..text import Span, fold

_PAREN = re.compile(r"\s*\(([^()\n]{2,120})\)")
_APPOSITION = re.compile(r"\s+(?:[–—-]|vom|von\s+der|von\s+dem|beim|bei\s+der)\s+")


def collect(lay: Layout, listed: list[NameMatch], ner_people: list[tuple[Span, NameMatch]],
            ner_orgs: list[tuple[Span, str]], skip: list[Span]) -> tuple[People, Orgs]:
    """All mentions in the cleaned text. ``listed``: names of the attendance list, which win over
    overlapping rule matches; ``skip``: regions whose names are no persons (headings)."""
    text = lay.text
    people, orgs = People(), Orgs()
    org_spans: list[Span] = []
    listed_forms = {text[n.start : n.end] for n in listed}
    found_orgs = [o for o in find_orgs(text) if o.text not in listed_forms]  # "mit FALKÖR": a member
    for o in found_orgs:
        orgs.add(o.canonical, o.text, (o.start, o.end))
        org_spans.append((o.start, o.end))
    org_at = {o.start: o for o in found_orgs}
    members = _members(text, found_orgs)  # "Bundesagentur (Herr A, Frau B)": name start → org
    listed = [n for n in listed if not (n.given_only and is_role_word(n.last))]  # "Reto Baumgartner, Präsident"
    names = [(n.start, n) for n in listed]
    names += [(n.start, n) for n in find_names(text)]
    names += [(s[0], n) for s, n in ner_people]
    names.sort(key=lambda x: x[0])  # stable: a listed name comes before a rule match at its start
    org_starts = [a for a, _ in org_spans]  # find_orgs: in text order, not overlapping
    skipped = bytearray(len(text) + 1)
    for a, b in skip:
        skipped[a:b] = b"\x01" * (b - a)
    last_end = -1
    for start, n in names:
        if start < last_end or skipped[start]:
            continue
        k = bisect_right(org_starts, n.name_start) - 1
        if k >= 0 and n.end <= org_spans[k][1]:
            continue  # part of an organization's name
        last_end = n.end
        org = members.get(n.start)
        pm = _PAREN.match(text, n.end)
        am = _APPOSITION.match(text, n.end)
        if pm:
            canon = canonical(RULES.rx("person_member_of").sub("", pm.group(1)))
            if canon:
                orgs.add(canon, pm.group(1), pm.span(1))
                org = canon.name
        elif am and am.end() in org_at:
            org = org_at[am.end()].canonical.name
        people.add(n, (n.name_start, n.end), text[n.start : n.end], org)
    _first_name_mentions(text, people, listed)
    _handle_mentions(text, people, {fold(o.text) for o in found_orgs})
    _affiliated_handles(text, people)
    for span, written in ner_orgs:
        canon = canonical(written)
        if canon and not any(span[0] < b and span[1] > a for a, b in org_spans):
            orgs.add(canon, written, span)
    return people, orgs




def _first_name_mentions(text: str, people: People, listed: list[NameMatch]) -> None:
    """People the attendance list or the agenda names are later often called by first name only
    ("Lisa berichtet", "Konstantin stellt … vor"): a standalone first name that belongs to exactly
    one listed person is a mention of them."""
    owners: dict[str, list[NameMatch]] = {}
    for n in listed:
        token = n.last if n.given_only else (n.first or "").split(" ")[0]
        if token and token[0].isupper():
            owners.setdefault(token, []).append(n)
    taken = bytearray(len(text))  # 1 where a person mention already is
    for e in people.entries:
        for (a, b), _ in e.mentions:
            taken[a:b] = b"\x01" * (b - a)
    full_names = {f"{n.first} {n.last}": (n.first, n.last) for n in listed if n.first}
    if full_names:  # one pass over the text for all listed names
        alts = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(full_names, key=len, reverse=True))
        for m in re.finditer(rf"(?<![\w-])(?:{alts})(?![\w-])", text):
            first, last = full_names[re.sub(r"\s+", " ", m.group())]
            if people.find(first, last) is not None and taken.find(1, m.start(), m.end()) < 0:
                people.add(NameMatch(m.start(), m.end(), m.start(), None, None, first, last), m.span(), m.group())
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    unique = {t: ns for t, ns in owners.items() if len({(n.first, n.last) for n in ns if not n.given_only}) <= 1}
    if not unique:
        return  # (two listed people sharing a first name are left out above)
    alts = "|".join(re.escape(t) for t in sorted(unique, key=len, reverse=True))
    for m in re.finditer(rf"(?<![\w-])(?:{alts})(?![\w-])(?!\s+[A-ZÄÖÜ][a-zäöüß]+\b(?!\s*[:(]))", text):
        if taken[m.start()]:
            continue
        token = m.group()
        full = [n for n in unique[token] if not n.given_only]
        if full:
            entry = people.find(full[0].first, full[0].last)
            if entry is not None:
                people.alias(entry, m.span(), token)
        else:
            people.add(NameMatch(m.start(), m.end(), m.start(), None, None, None, token, True), m.span(), token)


_TOKEN = r"[\w^|@\\\[\]-]*[^\W\d_][\w^|@\\\[\]-]*(?:\.[\w^|@\\\[\]-]+)*"
"""One word as handles are written: "jomaus", "BitSchubser", "kr4ken", "[k]mira", "3lch|7", "@hannah.k"."""


def _handle_like(token: str) -> bool:
    """Not a German word by its shape: lower case first, a digit, an inner capital or a sign."""
    return bool(re.match(r"[a-zäöüß]", token) or re.search(r"\d|[a-zäöüß][A-ZÄÖÜ]|[^\w-]", token))


def _may_be_handle(token: str) -> bool:
    return (len(token) >= 2 and token not in RULES.not_names and token not in RULES.roles and is_surname(token)
            and token.lower() not in RULES.data["person_not_after"] and not is_role_word(token))


def _handle_mentions(text: str, people: People, org_forms: set[str]) -> None:
    """A handle the document pairs with a full name ("heibo (Heiko Bode)", "Heiko Bode
    (heibo)") is that person under another name: the full name is canonical, and every use of the
    handle is a mention of them (an entry of the handle alone joins them). An organization in the
    parentheses ("Anja Muster (itb)") is no handle."""
    for entry in [e for e in people.entries if e.first]:
        for (a, b), _ in list(entry.mentions):
            before = re.search(rf"(?:^|(?<=[\n:,;\]])|(?<=\bund))[ \t]*({_TOKEN})[ \t]*\([ \t]*$", text[max(0, a - 60) : a])
            after = re.match(rf"[ \t]*\([ \t]*({_TOKEN})[ \t]*\)", text[b : b + 60])
            handle = before.group(1) if before else after.group(1) if after and _handle_like(after.group(1)) else None
            if handle and _may_be_handle(handle) and fold(handle) not in org_forms and lookup(handle, fuzzy=False) is None:
                _alias_all(text, people, entry, handle)
                break


def _alias_all(text: str, people: People, entry: PersonEntry, token: str) -> None:
    """Every free use of ``token`` is a mention of ``entry``; an entry of that token alone joins it."""
    alone = next((e for e in people.entries if e.given_only and fold(e.last) == fold(token) and e is not entry), None)
    if alone is not None:
        entry.variants += [v for v in alone.variants if v not in entry.variants]
        entry.organizations += [o for o in alone.organizations if o not in entry.organizations]
        entry.mentions += [(sp, w) for sp, w in alone.mentions]
        people.remove(alone)
    taken = {sp for e in people.entries for sp, _ in e.mentions}
    for m in re.finditer(rf"(?<![\w^|@\\\[\]-]){re.escape(token)}(?![\w^|@-])", text, re.I):
        if m.span() not in taken:
            people.alias(entry, m.span(), m.group())
    if token not in entry.variants:
        entry.variants.append(token)


def _affiliated_handles(text: str, people: People) -> None:
    """Where the document writes its people as "Name (Space)" ("Ottokar (Funkclub Moosbach)"), a single
    word before the same "(Space)" is a person too ("kr4ken (Bastelkeller)"), and so is each of its later uses."""
    labels: dict[str, set[int]] = {}
    for k, e in enumerate(people.entries):
        for (_, b), _ in e.mentions:
            pm = _PAREN.match(text, b)
            if pm and canonical(pm.group(1)) is not None:
                labels.setdefault(pm.group(1), set()).add(k)
    if len(set().union(*labels.values())) < 2:
        return  # not the document's way of writing people
    shared = list(labels)
    taken = bytearray(len(text) + 1)
    for e in people.entries:
        for (a, b), _ in e.mentions:
            taken[a:b] = b"\x01" * (b - a)
    alts = "|".join(re.escape(x) for x in sorted(shared, key=len, reverse=True))
    labelled = re.compile(rf"(?<![\w^|@\\\[\]-])({_TOKEN})[ \t]*\((?:{alts})\)")  # within a line
    for m in line_matches(labelled, re.compile(rf"\((?:{alts})\)"), text):  # on the lines with a "(Space)"
        token = m.group(1)
        if taken[m.start(1)] or not _may_be_handle(token) or not (_handle_like(token) or is_given_name(token)):
            continue
        entry = people.find(None, token, True) or next(
            (e for e in people.entries if e.given_only and fold(e.last) == fold(token)), None)
        if entry is None:
            org = canonical(text[m.end(1) : m.end()].strip(" \t()"))
            entry = people.add(NameMatch(m.start(1), m.end(1), m.start(1), None, None, None, token, True), m.span(1),
                               token, org.name if org else None)
        _alias_all(text, people, entry, token)
        taken[m.start(1) : m.end(1)] = b"\x01" * (m.end(1) - m.start(1))


def _members(text: str, found_orgs: list) -> dict[int, str]:
    """Persons listed in parentheses right after an organization belong to it."""
    out: dict[int, str] = {}
    for o in found_orgs:
        pm = _PAREN.match(text, o.end)
        if pm:
            for n in find_names(pm.group(1)):
                out[pm.start(1) + n.start] = o.canonical.name
    return out


def org_of_text(orgs: Orgs, text: str | None, span: Span | None) -> Canonical | None:
    """Canonical organization of a presenter's "(Org)" text, registered as a mention."""
    if not text:
        return None
    canon = canonical(text)
    if canon:
        orgs.add(canon, text, span)
    return canon
