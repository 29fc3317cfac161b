"""Person and organization mentions from rules (and NER), resolved into entries."""

from __future__ import annotations

import re

from ..blocks import Layout
from ..names import NameMatch, find_names
from ..orgs import Canonical, canonical, find_orgs
from ..resolve import Orgs, People
from ..text import Span

_PAREN = re.compile(r"\s*\(([^()\n]{2,120})\)")


def collect(lay: Layout, ner_people: list[tuple[Span, NameMatch]], ner_orgs: list[tuple[Span, str]],
            skip: list[Span]) -> tuple[People, Orgs]:
    """All mentions in the cleaned text. ``skip``: regions whose names are no persons (titles)."""
    text = lay.text
    people, orgs = People(), Orgs()
    org_spans: list[Span] = []
    for o in find_orgs(text):
        orgs.add(o.canonical, o.text, (o.start, o.end))
        org_spans.append((o.start, o.end))
    names = [(n.start, n) for n in find_names(text)]
    names += [(s[0], n) for s, n in ner_people]
    names.sort(key=lambda x: x[0])
    last_end = -1
    for start, n in names:
        if start < last_end or any(a <= start < b for a, b in skip):
            continue
        if any(a <= n.name_start and n.end <= b for a, b in org_spans):
            continue  # part of an organization's name
        last_end = n.end
        org = None
        pm = _PAREN.match(text, n.end)
        if pm:
            canon = canonical(pm.group(1))
            if canon:
                orgs.add(canon, pm.group(1), pm.span(1))
                org = canon.name
        people.add(n, (n.name_start, n.end), text[n.start : n.end], org)
    for span, written in ner_orgs:
        canon = canonical(written)
        if canon and not any(span[0] < b and span[1] > a for a, b in org_spans):
            orgs.add(canon, written, span)
    return people, orgs




def org_of_text(orgs: Orgs, text: str | None, span: Span | None) -> Canonical | None:
    """Canonical organization of a presenter's "(Org)" text, registered as a mention."""
    if not text:
        return None
    canon = canonical(text)
    if canon:
        orgs.add(canon, text, span)
    return canon
