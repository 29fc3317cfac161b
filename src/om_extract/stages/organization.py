"""The organization that holds the meeting, and the document's organizations settled.

The meeting's organization is read from the letterhead and the title ("Protokoll der VI.
Generalversammlung des Funkenwerk Vereins", "Stadt Kornheim › Ratsinformation", "Gründungsprotokoll
FVN"), else from the document's own web domain when the text writes it as a name
("werkraum9.org" and "des Werkraum 9"). It becomes an internal organization under the same name,
and so do its own named bodies ("FSR Geologie" beside "Fachschaft Geologie"). Organizations that the card
stage registered without a place (attendance groups: "Funkclub Moosbach (kiwi, Bertram)") are grounded in
the text, and two entries that name one organization are merged: "Fachschaft Chemie" and "Chemie",
"Amtsgericht Talheim" and "AG Talheim", "Regional Mapping Working Group(s)"."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from rapidfuzz import fuzz

from ..orgs import Canonical, find_orgs, ground, spells
from ..resolve import OrgEntry, Orgs
from ..rules import RULES
from ..text import Span, fold

_TYPE_HEADS = re.compile(r"(?i)^(?:Fachschaft|Verein|Verband|Stadt|(?:Markt|Einwohner|Orts|Stadt|Bürger|Verbands|Samt)?gemeinde|"
                         r"Landkreis|Kanton|Partei|"
                         r"Fraktion|Chaostreff|Hackerspace)$|^(?:e\.\s?V\.|e\.\s?K\.?|GmbH|gGmbH|AG|eG|Verein|Club)$")


def settle(text: str, header: str, title: str | None, links: list[str], orgs: Orgs) -> str | None:
    """Ground and merge the document's organizations; return the meeting's organization (its
    canonical name, the same string as its entry's name) or ``None``."""
    _ground_unplaced(text, orgs)
    name = _umbrella(orgs) or _from_header(header, title) or _from_domain(text, links, orgs)
    if name is None:
        _merge(orgs, None)
        return None
    written, span = name
    entry = _internal(text, orgs, written, span)
    _merge(orgs, entry)
    _own_bodies(text, orgs, entry)
    return entry.canonical.name


def _ground_unplaced(text: str, orgs: Orgs) -> None:
    """Entries registered without a span (attendance groups, presenters' "(Org)") get the places
    where the text writes them."""
    for e in orgs.entries.values():
        if not e.mentions:
            e.mentions += ground(text, [e.canonical.name, *e.variants])


def _umbrella(orgs: Orgs) -> tuple[str, Span | None] | None:
    """The register's umbrella initiative, where the minutes name it."""
    for reg in RULES.register:
        e = orgs.entries.get(fold(reg.name))
        if reg.umbrella and e is not None and e.mentions:
            return reg.name, None
    return None


def _from_header(header: str, title: str | None) -> tuple[str, Span | None] | None:
    """The first organization of the letterhead lines and the title line: a name shape found
    there, else what is left of the title without protocol, meeting, number and date words."""
    offset, seen = 0, 0
    at = header.find(title) if title else -1  # the title's line; an agenda line repeating it is none
    for raw in header.splitlines(keepends=True):
        line = raw.rstrip("\n")
        is_title = offset <= at < offset + len(raw)
        clean = re.sub(r"^\s*(?:[#*=>-]+\s*|[A-Za-z]+:\s+)", lambda m: " " * len(m.group()), line)
        if re.match(r"\s*[A-ZÄÖÜ]{4,}\b", clean):  # "GEMEINDE WEISSENRIED, Landkreis …", "… AM ERLBACH"
            clean = re.sub(r"\b[A-ZÄÖÜ]{2,}\b", _uncapitalized, clean)
        hits = [o for o in find_orgs(clean) if o.canonical.kind != "external" or " " in o.text.strip()]
        if hits:
            o = hits[0]
            parent = _parent(clean[o.end :]) if o.canonical.kind == "internal" else None
            if parent:  # "AG Wissenstransfer im Netzwerk Nord": the group's organization is its parent
                a = line.find(parent[0], o.end)
                return parent[1], (offset + a, offset + a + len(parent[0])) if a >= 0 else None
            return o.canonical.name, (offset + o.start, offset + o.end)  # clean keeps the line's length
        rest = _title_rest(clean) if is_title else None
        if rest:
            a = line.find(rest[0])
            return rest[1], (offset + a, offset + a + len(rest[0])) if a >= 0 else None
        offset += len(raw)
        seen += bool(line.strip())
        past_title = at < offset
        if seen >= 4 and past_title:
            return None  # only the title and the lines above it (or the first lines) are a letterhead
    return None


def _parent(after: str) -> tuple[str, str] | None:
    """The organization a named group belongs to, named right after it ("… im Netzwerk Nord",
    "… des Fördervereins Lindenschule"): as ``_title_rest`` reads it."""
    return _title_rest(after) if RULES.rx("org_parent_link").match(after) else None


def _uncapitalized(m: re.Match[str]) -> str:
    """A word of an upper-case letterhead as a name writes it: "ERLBACH" → "Erlbach", "AM" → "am"."""
    word = m.group()
    if word.lower() in RULES.data["name_particles"]:
        return word.lower()
    return word.capitalize() if len(word) >= 4 else word


def _title_rest(title: str) -> tuple[str, str] | None:
    """"Protokoll fablab Kornheim 2021-03-04" → "fablab Kornheim"; "… des Funkenwerk Vereins" → "Funkenwerk Verein"."""
    noise = re.compile(rf"^(?:{RULES.data['org_title_noise']}|{RULES.data['weekdays']})$")
    parents: dict[str, str] = RULES.data["org_organ_parents"]
    words = re.findall(r"[^\s,;:()»«„“”\"]+", title)
    runs: list[tuple[str | None, list[str]]] = [(None, [])]
    for w in words:
        if noise.match(w.strip(".")) or noise.match(w) or w.strip(".").lower() in RULES.months:  # "am 3. Mai 2024"
            runs.append((w, []))
        else:
            runs[-1][1].append(w)
    if len(runs) == 1:
        return None  # no protocol or meeting word: no title that names a meeting
    before, best = max(runs, key=lambda r: len(r[1]))
    written = " ".join(best).strip(" .-–")
    if not written or not re.search(r"[A-ZÄÖÜ\\]", written) or not re.search(r"[^\W\d]", written):
        return None
    organ = re.sub(r"-?sitzung$", "", (before or "").lower())  # "Fachschaftsratssitzung Physik"
    parent = parents.get(re.sub(r"e?s$", "", organ)) or parents.get(organ)
    if parent:
        return written, f"{parent} {written}"
    name = re.sub(r"^(.*\s(?:Verein|Verband|Club|Klub))e?s$", r"\1", written)
    name = re.sub(r"^(\S+?(?:verein|verband|club|klub))e?s(\s|$)", r"\1\2", name)
    return written, name


def _from_domain(text: str, links: list[str], orgs: Orgs) -> tuple[str, Span | None] | None:
    """The document's own web domain written as a name: an organization found whose letters spell
    a linked domain ("der KARTOLAB" and kartolab.de), else the most linked domain (twice at least)
    written as words ("Werkraum 9" and werkraum9.org)."""
    labels = Counter(m.group(1).lower() for u in links
                     if (m := re.match(r"(?:[a-z]+://)?(?:www\.|[\w-]+\.)*?([\w-]+)\.[a-z]{2,6}(?:[/:]|$)", u.lower())))
    for e in orgs.entries.values():
        if e.mentions and re.sub(r"\W", "", e.canonical.name.lower()) in labels:
            return e.canonical.name, None
    for label, n in labels.most_common(1):
        if n < 2 or len(label) < 4:
            return None
        spelled = r"[\s~\\/-]?".join(map(re.escape, label))
        for m in re.finditer(rf"(?i)(?<![\w./@-]){spelled}(?![\w.@/-])", text):
            if m.group()[0].isupper():
                return m.group(), m.span()
    return None


def _internal(text: str, orgs: Orgs, written: str, span: Span | None) -> OrgEntry:
    """The meeting's organization as an internal entry, grounded where the text writes it."""
    entry = orgs.entries.get(fold(written))
    if entry is None:
        entry = orgs.add(Canonical(written, None, "internal"), written, span)
    entry.canonical = replace(entry.canonical, kind="internal")
    known = set(entry.mentions)  # a set: the list test made a long document's cost quadratic
    entry.mentions += [s for s in ground(text, [entry.canonical.name, *entry.variants]) if s not in known]
    return entry


def _core(name: str) -> str:
    """The distinguishing part of a name: "Fachschaft Geologie" → "geologie", "Funkenwerk Verein" → "funkenwerk"."""
    words = [w for w in name.split() if not _TYPE_HEADS.match(w)]
    return fold(" ".join(words)).rstrip("s") if words else fold(name)


def _merge(orgs: Orgs, meeting: OrgEntry | None) -> None:
    """One entry per organization: a bare name joins its typed form ("Chemie" → "Fachschaft Chemie",
    "Geos" → "Fachschaft Geo", "FLK" → the meeting's "fablab Kornheim"), an abbreviated head joins
    its long form ("AG Talheim" → "Amtsgericht Talheim"), near-identical spellings join."""
    entries = sorted(orgs.entries.items(), key=lambda kv: -len(kv[1].canonical.name))
    for key, small in entries:
        if key not in orgs.entries:
            continue
        for other_key, big in list(orgs.entries.items()):
            if other_key == key or len(big.canonical.name) < len(small.canonical.name):
                continue
            how = _same(small.canonical.name, big.canonical.name, big is meeting)
            if how:
                big.variants += [v for v in small.variants if v not in big.variants]
                big.mentions += small.mentions
                if how == "abbreviation" and big.canonical.abbreviation is None:
                    big.canonical = replace(big.canonical, abbreviation=small.canonical.name)
                del orgs.entries[key]
                break


def _same(small: str, big: str, big_is_meeting: bool) -> str | None:
    """How ``small`` names the organization ``big`` names: "variant", "abbreviation" or not (None)."""
    s_words, b_words = small.split(), big.split()
    if len(s_words) == 1 and len(b_words) > 1:
        core = fold(small).rstrip("s")
        typed = [w for w in b_words if not _TYPE_HEADS.match(w)]
        if (len(typed) < len(b_words) and fold(" ".join(typed)).rstrip("s") == core) or (
                big_is_meeting and fold(b_words[0]) == core):
            return "variant"
        initials = [w[0].lower() for w in b_words if w[0].isupper()]
        if small.isupper() and len(small) >= 3 and _subsequence(initials, small.lower()) and spells(small, big):
            return "abbreviation"  # "HSW" and "Hochschule Seewinkel"
    if len(s_words) == len(b_words) >= 2 and s_words[1:] == b_words[1:] and s_words[0].isupper():
        letters, head = s_words[0].lower(), b_words[0].lower()
        if head[0] == letters[0] and _subsequence(list(letters), head):
            return "abbreviation"  # "AG Talheim" and "Amtsgericht Talheim"
    return "variant" if len(small) >= 16 and fuzz.ratio(fold(small), fold(big)) >= 95 else None


def _subsequence(items: list[str], text: str) -> bool:
    it = iter(text)
    return all(c in it for c in items)


def _own_bodies(text: str, orgs: Orgs, meeting: OrgEntry) -> None:
    """The meeting organization's named bodies: an organ word with its name ("FSR Geologie") and
    entries that carry its name ("Fachschaftsrat Geologie") are internal."""
    core = _core(meeting.canonical.name)
    if len(core) < 2:
        return
    name = re.escape(" ".join(w for w in meeting.canonical.name.split() if not _TYPE_HEADS.match(w)))
    for m in re.finditer(rf"(?<![\w-])(?:{RULES.data['org_organs']})\s+(?:der\s+|des\s+)?(?i:{name})(?![\w-])", text):
        written = re.sub(r"\s+", " ", m.group())
        organ = written.split()[0]
        long_ = RULES.data["org_organ_names"].get(organ)
        canon = (Canonical(written.replace(organ, long_, 1), written, "internal") if long_
                 else Canonical(written, None, "internal"))
        if fold(written) != fold(meeting.canonical.name):
            orgs.add(canon, written, m.span())
    separate = RULES.rx("org_separate") if RULES.rx("org_territorial").match(meeting.canonical.name) else None
    for e in orgs.entries.values():
        if e is not meeting and core in (w.rstrip("s") for w in fold(e.canonical.name).split()) and not (
                separate and separate.search(e.canonical.name)):
            e.canonical = replace(e.canonical, kind="internal")
