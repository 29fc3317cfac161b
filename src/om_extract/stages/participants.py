"""The attendance list ("Anwesend: A, B, C plus 11 weitere", bullets under "Anwesende
Mitglieder (11)", a definition list "Town" over ": Club (handle, handle)"): each listed item is a
person, whether or not the name lexicon knows the first name; a lone first name or a handle
("kr4ken", "[k]mira") is a person too. Excused and absent members are persons, not participants."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..blocks import Layout
from ..names import GIVEN, SURNAME, NameMatch, is_given_name, listed_name, shifted
from ..rules import RULES
from .header import LIST_KEYS, Field

_COUNT = re.compile(r"^\s*(\d{1,4})\s+(?!Uhr\b)[^\d\s]|\((\d{1,4})\s+von\s+\d{1,4}\b")
_HANDLE = re.compile(r"(?:\\?[\[(])?[\w\\\[\]|^.@-]*[^\W\d_][\w\\\[\]|^.@-]*")
_STOP = re.compile(r"(?i)^(?:alle|einige|weitere|andere|u\.?|a\.?|u\.\s*a\.?|usw\.?|etc\.?|und|sowie|mind\.?|mindestens|"
                   r"eine?|person(?:en)?|niemand|keine?|gäste|mitglieder|vorstand|url|n\.\s*n\.?|nn|tbd|\w)$")


@dataclass
class Attendance:
    names: list[NameMatch] = field(default_factory=list)  # offsets into the layout text
    orgs: list[str | None] = field(default_factory=list)  # the organization the list gives per name
    more: int = 0  # "plus N weitere"
    count: int | None = None  # a number the list states ("Anwesende Mitglieder (14)", "(7 von 9)")
    others: list[NameMatch] = field(default_factory=list)  # people of the other fields: excused, chair, minutes
    complete: bool = True  # no "u. a.", "einige Personen", "…" in the list
    group: str | None = None  # the group the list is limited to ("Anwesende Vorstände" → "Vorstände")


def attendance(lay: Layout, header: list[int], found: list[Field]) -> Attendance:
    """The attendance of the ``header`` blocks; ``found``: their key fields."""
    att = Attendance()
    keyed = {f.block for f in found} | {f.last for f in found}
    incomplete = RULES.rx("incomplete_list", re.I)
    for f in found:
        if f.key in ("absent", "moderator", "minute_taker"):
            for a, b in _items(lay, f, f.end) if f.key == "absent" else [(f.start, f.end)]:  # one name a line
                named, _, gone = _listed(lay.text[a:b], a)
                att.others += [n for n in named + gone if f.key == "absent" or not _initials(n.last)]
        if f.key not in ("participants", "guests"):
            continue
        end = f.end
        if f.last < 0:  # "Anwesend: A, B," continued on the next lines
            for j in header[header.index(f.block) + 1 :]:
                nb = lay.blocks[j]
                if nb.gap > 0 or j in keyed or re.match(r"^\s*[\w ]{1,30}:", lay.block_text(nb)):
                    break
                end = nb.end
        text = lay.text[f.start : end]
        if f.key == "participants":
            _count_of(att, f, text)
        if incomplete.search(text):
            att.complete = False
        mm = RULES.rx("more_participants", re.I).search(text)
        if mm:
            att.more += int(mm.group(1))
            text = text[: mm.start()]
        text = re.sub(r"\((?:\d|siehe|vgl)[^)]*\)", lambda m: " " * len(m.group()), text)
        for k, (a, b) in enumerate(_items(lay, f, end)):
            listed, listed_orgs, excused = _listed(text[a - f.start : b - f.start], a, _term(lay, f, k))
            att.names += listed
            att.orgs += listed_orgs
            att.others += excused
    return att


def _initials(token: str) -> bool:
    """"ml", "TK": initials, which name a person only once resolved."""
    return bool(re.fullmatch(r"[a-zäöü]{2,3}|[A-ZÄÖÜ]{2,3}", token))


def _count_of(att: Attendance, f: Field, text: str) -> None:
    if att.count is not None:
        return
    n = re.search(r"\((\d{1,4})(?:\s+von\s+\d{1,4})?\)", f.label)  # "(14)", "(13 von 21)"
    q = re.match(r"(?i)(?:anwesend\w*|stimmberechtigt\w*)\s+([A-ZÄÖÜ]\w+)", f.label)
    if q:
        att.group = q.group(1)
    cm = _COUNT.search(text) or RULES.rx("participant_count", re.I).search(text)
    if n:
        att.count = int(n.group(1))
    elif cm:
        att.count = int(next(g for g in cm.groups() if g))


def _items(lay: Layout, f: Field, end: int) -> list[tuple[int, int]]:
    """The value split into its list entries: the definitions of a definition list (": …"
    blocks), else the whole value."""
    if f.last < 0:
        return [(f.start, end)]
    out = []
    for j in range(f.block + 1, f.last + 1):
        b = lay.blocks[j]
        t = lay.block_text(b)
        if t.startswith(":"):
            out.append((b.start + 1, b.end))
    if out:
        return out
    runs: list[tuple[int, int]] = []  # one entry per bullet; a line without a gap continues one
    group = RULES.rx("attendance_group")
    for j in range(f.block + 1, f.last + 1):
        b = lay.blocks[j]
        if f.grouped:  # one entry a line; a group's label alone is none
            if not re.fullmatch(r"[^:]*", t := lay.block_text(b).strip()) or not group.match(t):
                runs.append((b.start, b.end))
            continue
        if runs and b.kind != "bullet" and b.gap == 0 and not re.match(r"[^\W\d][\w .,/&+-]{0,40}:\s", lay.block_text(b)) \
                and not _one_per_line(lay, f):
            runs[-1] = (runs[-1][0], b.end)
        else:
            runs.append((b.start, b.end))
    return runs or [(f.start, end)]


def _one_per_line(lay: Layout, f: Field) -> bool:
    """A list of one person a line ("Vzbgm. Elisabeth Pusterhofer" over "GR Renate Kogelnig"): no line
    of the value holds a separator or ends open, so a line break is no wrap."""
    blocks = [lay.blocks[j] for j in range(f.block + 1, f.last + 1)]
    lines = [lay.block_text(b).strip() for b in blocks if b.kind == "line"]
    return (len(lines) == len(blocks) >= 2 and not any(re.search(r"[,;&]|\b(?:und|sowie)\b|[-–]$", t) for t in lines)
            and (len(lines) >= 3 or all(listed_name(t) for t in lines)))  # two lines: each one whole name


def _term(lay: Layout, f: Field, k: int) -> str | None:
    """The term of the k-th definition ("Zürich" over ": Club (…)"), the group its names belong to."""
    if f.last < 0:
        return None
    terms = []
    for j in range(f.block + 1, f.last + 1):
        t = lay.block_text(lay.blocks[j])
        if t.startswith(":") and j - 1 > f.block:
            terms.append(lay.block_text(lay.blocks[j - 1]).strip())
    return terms[k] if k < len(terms) else None


_LAST_FIRST = re.compile(rf"\s*(?P<last>{SURNAME}),\s*(?P<first>{GIVEN}(?:\s+{GIVEN})?)\s*(?:\((?P<org>[^()]*)\))?\s*\.?\s*")


def _last_first(text: str, single: bool) -> bool:
    """A list printed "Surname, Given; Surname, Given" (or, ``single``, one such item): its commas are
    inside the names."""
    units = text.split(";")
    found = [_LAST_FIRST.fullmatch(u) for u in units]
    return (single or len(units) > 1) and all(found) and all(is_given_name(m["first"].split()[0]) and not is_given_name(m["last"])
                              for m in found if m)


def _split(text: str, last_first: bool = False) -> list[tuple[int, int]]:
    """Item spans of a list: commas, semicolons, "und", "&" outside parentheses (a line break
    inside a list is a wrap); only semicolons in a "Surname, Given" list."""
    out, depth, s = [], 0, 0
    for m in re.finditer(r"[()]|;" if last_first else r"[()]|,|;|&|\bund\b|\bsowie\b|\s[-–]\s", text):
        tok = m.group()
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append((s, m.start()))
            s = m.end()
    out.append((s, len(text)))
    return out


def _listed(text: str, offset: int, term: str | None = None, nested: bool = False
            ) -> tuple[list[NameMatch], list[str | None], list[NameMatch]]:
    """The people of a list with their organizations; third: the people marked as excused. ``nested``:
    the names in a group's parentheses ("Club (kiwi, Bertram)"), handles rather than "Surname, Given"."""
    names: list[NameMatch] = []
    orgs: list[str | None] = []
    excused: list[NameMatch] = []
    markers = RULES.rx("attendance_markers", re.I)
    substitute = RULES.rx("attendance_substitute")
    absent = re.compile(r"\((?:entschuldigt|abwesend|fehlt|krank|abgemeldet)\)", re.I)
    label = re.match(r"[^\W\d][^:,;()\n]{0,60}:(?!\d)\s*", text)
    if label:  # "Liste Mensa & Mobilität: A, B": the group's label is no entry, even with "&" in it
        text, offset = text[label.end() :], offset + label.end()
    last_first = _last_first(text, not nested)
    for a, b in _split(text, last_first):
        item = text[a:b]
        inverted = _LAST_FIRST.fullmatch(item) if last_first else None
        if inverted:  # "Müller, Anna": the person Anna Müller
            names.append(NameMatch(offset + a + inverted.start("last"), offset + a + inverted.end("first"),
                                   offset + a + inverted.start("last"), None, None,
                                   re.sub(r"\s+", " ", inverted["first"]), inverted["last"]))
            orgs.append(inverted["org"] or term)
            continue
        gone = bool(absent.search(item))
        item = markers.sub(lambda m: " " * len(m.group()), absent.sub(lambda m: " " * len(m.group()), item))
        sm = substitute.search(item)
        if sm and item.count("(", 0, sm.start()) == item.count(")", 0, sm.start()):  # not "(Beauftragte für …)"
            item = item[: sm.start()] + " " * len(sm.group())  # the member stood in for is no entry
        item = re.sub(r"[.\s]*\bURL\s*:?\s*$", "", item)  # "Club (a, b). URL:" whose link was dropped
        colon = [m.end() for m in re.finditer(r":(?!\d)", item)]
        if colon:  # "Zusätzlich zu den Mitgliedern: A" / "im Ausland: B"
            a, item = a + colon[-1], item[colon[-1] :]
        aligned = item  # same offsets as text[a:]
        item = re.sub(r"\s+(?:u\.\s?a\.|usw\.|etc\.)\)?.*$", "", item)
        item = item.strip(" .*_-\t\n\r")
        if item.count(")") > item.count("("):
            item = item.rstrip(" .)")
        stripped = re.sub(r"^(?:(?:Erste|Zweite|Dritte|stellv\.|stellvertretende)[rn]?\s+)?(?:" + RULES.data["role_nouns"]
                          + "|" + RULES.data["list_member_titles"] + r")\s+", "", item)  # "Erster Bürgermeister Anton Greiml"
        if not stripped:
            continue
        at = offset + a + aligned.index(stripped)
        group = re.fullmatch(r"([^()]+?)\s*\(([^()]*[,;&][^()]*)\)\.?(?:\s*URL.*)?", stripped)
        if group:  # "Club (a, b)": the names in parentheses, of the club before them
            inner = at + stripped.index("(") + 1
            sub, _, _ = _listed(group.group(2), inner, nested=True)
            names += sub
            orgs += [group.group(1).strip()] * len(sub)
            continue
        stripped = re.sub(r"\.\s*URL.*$", "", stripped).strip()
        parsed = _person(stripped)
        if parsed is None:
            continue
        n, org = parsed
        (excused if gone else names).append(shifted(n, at))
        if not gone:
            orgs.append(org or term)
    return names, orgs, excused


def _person(item: str) -> tuple[NameMatch, str | None] | None:
    """One list item as a person: a name the lexicon reads, a first name, or a handle."""
    parsed = listed_name(item)
    if parsed is not None:
        return parsed
    m = re.fullmatch(r"(\S+?)\s*(?:\(([^)]*)\))?", item)
    if not m or _STOP.match(m.group(1)) or not _HANDLE.fullmatch(m.group(1)):
        return None
    handle = re.sub(r"\\(.)", r"\1", m.group(1))
    if (len(handle) < 2 or handle in RULES.not_names or handle in RULES.roles or not re.search(r"[^\W\d_]", handle)
            or RULES.rx("not_handle").match(handle)):  # "Stadtplanungsamt": an office
        return None
    return NameMatch(0, len(m.group(1)), 0, None, None, None, handle, True), m.group(2)


__all__ = ["LIST_KEYS", "Attendance", "attendance"]
