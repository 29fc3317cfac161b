"""Organization names: the register, name shapes, and canonical forms."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from rapidfuzz import fuzz, process

from .gates import first_letters, line_matches, trie_alternation
from .rules import RULES, RegisterEntry
from .text import Span, longest_first

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
        hit = process.extractOne(key, _near_keys(len(key)), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
        if hit:
            return idx[hit[0]]
    return None


_FUZZY_CUTOFF = 92


@cache
def _near_keys(length: int) -> list[str]:
    """The register keys a key of ``length`` letters can be close to: fuzz.ratio is at most
    100·(1 − |Δlength| / total length), so the others can't reach the cut-off (register order kept)."""
    return [k for k in _index() if 100 * abs(len(k) - length) <= (100 - _FUZZY_CUTOFF) * (len(k) + length)]


def canonical(text: str) -> Canonical | None:
    """The organization a written form names: "BMBF – Bundesministerium …", "X, Servicezentrum …"."""
    text = re.sub(r"\s+in\s+Gründung$", "", re.sub(r"\s+", " ", text).strip(" ,;:()"))
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
    if not (_is_acronym(head) or re.match(r"[A-ZÄÖÜ]", head)) or _function(head):
        return None
    return Canonical(head, None, "external")


@cache
def _functions() -> re.Pattern[str]:
    return re.compile(rf"(?:{_ROLE.pattern}|{RULES.data['org_functions']})")


def _function(text: str) -> bool:
    """"Vorsitz", "Kita-Leitung", "Zweiter Bürgermeister", "Vertretung für X": a function, no organization."""
    return any(_functions().fullmatch(w) for w in re.findall(r"[\w-]+", text))


def _is_acronym(text: str) -> bool:
    t = text.strip()
    return bool(re.fullmatch(r"[A-ZÄÖÜ][A-Za-zÄÖÜ]{0,3}[A-ZÄÖÜ](?:\s?[A-ZÄÖÜ]{2,4})?", t)) and sum(
        c.isupper() for c in t) >= 2


@cache
def register_pattern() -> re.Pattern[str]:
    forms = {f for e in RULES.register for f in e.forms}
    first = re.escape("".join(sorted({f[0] for f in forms})))  # a cheap test before the look-behind
    return re.compile(rf"(?=[{first}])(?<![\w-])(?:{trie_alternation(forms)})(?:s|es)?(?![\w]|-\w)")


@cache
def shape_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(p["kind"], re.compile(p["pattern"])) for p in RULES.data["org_patterns"]]


@cache
def _line_gates() -> list[re.Pattern[str] | None]:
    """Per shape pattern, the quick test a line must pass to hold one of its matches (None: none)."""
    return [re.compile(p["line_gate"]) if "line_gate" in p else None for p in RULES.data["org_patterns"]]


@cache
def _text_gates() -> list[re.Pattern[str] | None]:
    """Per shape pattern, the quick test a text must pass to hold one of its matches (None: none)."""
    return [re.compile(p["text_gate"]) if "text_gate" in p else None for p in RULES.data["org_patterns"]]


@dataclass(frozen=True)
class OrgMention:
    start: int
    end: int
    text: str
    canonical: Canonical


def find_orgs(text: str) -> list[OrgMention]:
    """Organizations in ``text``: register names, name shapes (heads, legal forms), acronyms the
    text defines or uses as actors, CamelCase names after a preposition; then every other
    standalone occurrence of a name found. Overlapping mentions keep the longest."""
    found: list[OrgMention] = []
    for m in register_pattern().finditer(text):
        entry = lookup(m.group(), fuzzy=False)
        if entry:
            found.append(OrgMention(m.start(), m.end(), m.group(), Canonical(entry.name, entry.abbreviation, entry.kind)))
    for (kind, rx), gate, whole in zip(shape_patterns(), _line_gates(), _text_gates(), strict=True):
        if whole and not whole.search(text):
            continue
        for m in rx.finditer(text) if gate is None else line_matches(rx, gate, text):
            found += _shaped(m.group("org"), m.start("org"), kind)
    found += _plural_lists(text)
    defined, not_org = _definitions(text)
    found += defined
    found += _actors(text, not_org)
    found = [o for o in found if not _excluded(text, o)]
    if not any(lookup(o.text, fuzzy=False) in _umbrellas() for o in found):
        found = [o for o in found if not _register_body(o)]
    return _fullest(longest_first(found + _elsewhere(text, found)))


def _fullest(found: list[OrgMention]) -> list[OrgMention]:
    """One canonical form per name: the one that knows an abbreviation ("Kanu-Club Aarefeld
    (KCA)" over a bare "Kanu-Club Aarefeld" elsewhere)."""
    best: dict[str, Canonical] = {}
    for o in found:
        c = best.get(o.canonical.name)
        if c is None or (c.abbreviation is None and o.canonical.abbreviation):
            best[o.canonical.name] = o.canonical
    return [replace(o, canonical=best[o.canonical.name]) for o in found]


@cache
def _umbrellas() -> tuple[RegisterEntry, ...]:
    return tuple(e for e in RULES.register if e.umbrella)


def _register_body(o: OrgMention) -> bool:
    """A body of the register's umbrella ("Plenum", "Stiftung"): one only where the umbrella is named."""
    entry = lookup(o.text, fuzzy=False)
    return entry is not None and entry.kind == "internal" and not entry.umbrella


def _shaped(written: str, start: int, kind: str) -> list[OrgMention]:
    """A shape match as a mention, a leading article ("Die Brunnhuber GmbH") left out."""
    months = "|".join(RULES.months)
    lead = re.match(rf"(?:(?:Der|Die|Das|Den|Dem|Des|Beim|Vom|Zum|Zur|Im)\s+|(?:{RULES.data['org_title_noise']})\s+"
                    rf"(?:(?:19|20)\d\d\s+(?:(?:der|des)\s+)?|(?:der|des)\s+)|(?i:{months})\s+(?:19|20)\d\d\s+)+",
                    written)  # "Die X GmbH", "Generalversammlung der X eG", "JHV 2025 X e.V.", "Mai 2025 X GmbH"
    if lead:
        written, start = written[lead.end():], start + lead.end()
    entry = lookup(written)
    canon = (Canonical(entry.name, entry.abbreviation, entry.kind) if entry
             else Canonical(_nominative(written), None, kind))
    if canon.name in RULES.not_orgs or _function(canon.name.split()[0]):
        return []
    return [OrgMention(start, start + len(written), written, canon)]


def _nominative(name: str) -> str:
    """"OM-Netzwerks Sachsen" → "OM-Netzwerk Sachsen", "Kanu-Clubs Aarefeld" → "Kanu-Club Aarefeld",
    "Funkenwerk Vereins" → "Funkenwerk Verein": genitive -s on the head noun; "in Gründung" dropped."""
    name = re.sub(r"\s+in\s+Gründung$", "", name)
    return re.sub(r"^(\S*?(?:netzwerk|verband|verein|club|klub)|.*\s(?:Verein|Verband|Club|Klub))e?s\b", r"\1", name,
                  flags=re.I)


_ACRONYM = r"(?:[A-ZÄÖÜ]{2,8}\d{0,2}|[A-ZÄÖÜ][a-zäöü]?[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{0,5})"


def _acronym_ok(token: str) -> bool:
    """An acronym that may name an organization: capitals dominate, not a common abbreviation."""
    caps = sum(c.isupper() for c in token)
    stem = token[:-1] if token.endswith("s") else token  # "GVs", "PCs"
    return caps >= 2 and caps * 2 >= len(token) and not {token, stem} & RULES.not_orgs


def _definitions(text: str) -> tuple[list[OrgMention], set[str]]:
    """Acronyms the text defines: "Regional Mapping Working Group (RMWG)", "ZDH – Zentralverband …".
    A long form with an organization's head word makes an organization with its abbreviation; the
    other defined acronyms ("Last-In-First-Out (LIFO)") are no organizations anywhere."""
    out: list[OrgMention] = []
    not_org: set[str] = set()
    heads = re.compile(rf"{RULES.data['org_heads']}(?:e?s|en)?$")
    for m in re.finditer(rf"\((?P<short>{_ACRONYM})\)", text):  # "(" first: a search jumps from one to the next
        short, start = m.group("short"), m.start("short")
        long_ = _long_form(text[max(0, start - 160) : start - 1], short)
        if not long_:
            continue
        if not any(heads.search(w) for w in re.findall(r"[\w-]+", long_)) or short in RULES.not_orgs:
            not_org.add(short)
            continue
        s = text.rfind(long_, 0, start)
        entry = lookup(long_)
        canon = (Canonical(entry.name, entry.abbreviation, entry.kind) if entry
                 else Canonical(_nominative(long_), short, "external"))
        out.append(OrgMention(s, s + len(long_), long_, canon))
        out.append(OrgMention(start, m.end() - 1, short, canon))
    return out, not_org


def _long_form(before: str, short: str) -> str | None:
    """The shortest run of words ending ``before`` whose initials spell ``short`` (Schwartz & Hearst:
    the first letter starts a word, the others follow in order)."""
    before = before.rstrip()
    words = list(re.finditer(r"[^\s()]+", before))
    letters = [c.lower() for c in short if c.isalnum()]
    for k in range(1, min(len(words), len(letters) + 4) + 1):
        cand = before[words[-k].start():]
        if cand[0].lower() == letters[0] and cand[0].isupper() and spells(short, cand):
            return cand
    return None


def spells(short: str, long_: str) -> bool:
    """Whether the letters of ``short`` appear in order in ``long_``, the first at a word start."""
    letters = [c.lower() for c in short if c.isalnum()]
    long_ = long_.lower()
    i = len(long_) - 1
    for j in range(len(letters) - 1, -1, -1):
        while i >= 0 and (long_[i] != letters[j] or (j == 0 and i > 0 and long_[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return False
        i -= 1
    return True


_ARTICLE = r"(?:der|die|das|des|dem|den|beim|vom|zum|zur|im|ins|am|Der|Die|Das|Beim|Vom|Im)"
_PREP = r"(?:bei|von|mit|für|an|gegen|über|durch|auf|Bei|Von|Mit|Für|An)"
_CAMEL_LEAD = r"(?:bei|beim|vom|von|des|dem|der|das|mit|Bei|Beim|Vom|Von|Mit)"


@cache
def _actor_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Acronyms used as actors ("die HSW", "beim ADFC", "Bei JuFo", "VSHSW bleibt") and CamelCase
    names after a preposition ("bei NetzWerkstatt", "des KlangRaums")."""
    tail = r"(?![\w-]|\.\w|\\)(?![ \t]+[A-ZÄÖÜ][a-zäöüß]+(?:[\s,;:!?)]|$))"  # not "KGS Stand"
    acr = re.compile(rf"{first_letters(_ARTICLE, _PREP)}(?:(?<=[^\w-]){_ARTICLE}[ \t]+(?P<a>{_ACRONYM})|(?<=[^\w-]){_PREP}[ \t]+"
                     rf"(?P<p>[A-ZÄÖÜ]{{4,8}}|[A-ZÄÖÜ][a-zäöü]?[A-ZÄÖÜ][A-Za-z]{{0,5}}(?<=[a-z]\w)|[A-ZÄÖÜ]+[a-z]\w*))"
                     + tail)
    initial = re.compile(r"(?=[A-ZÄÖÜ])(?:^|(?<=[.!?]\s)|(?<=^[-*•]\s))(?P<s>[A-ZÄÖÜ]{4,8}|[A-ZÄÖÜ]{2,}[a-z][A-Za-z]{0,4})"
                         r"(?=[ \t]+(?:(?:hat|ist|bleibt|wird|war|will|soll|kann|muss|hatte|bietet|übernimmt|"
                         r"organisiert|unterstützt|lädt|stellt|zahlt|sponsert|fördert)\b|[a-zäöü]+t\b))", re.M)
    camel = re.compile(rf"{first_letters(_CAMEL_LEAD)}(?<=[^\w-]){_CAMEL_LEAD}[ \t]+"
                       r"(?P<c>[A-ZÄÖÜ][a-zäöü]+(?:[A-ZÄÖÜ][a-zäöü]+)+s?)(?![\w.@/-])")
    return acr, initial, camel


def _actors(text: str, not_org: set[str]) -> list[OrgMention]:
    acr, initial, camel = _actor_patterns()
    out: list[OrgMention] = []
    for rx in (acr, initial):
        for m in rx.finditer(text):
            g = next(k for k in ("a", "p", "s") if k in m.groupdict() and m.group(k))
            tok = m.group(g)
            if tok in not_org or not _acronym_ok(tok):
                continue
            out.append(OrgMention(m.start(g), m.end(g), tok, Canonical(tok, None, "external")))
            out += _coordinated(text, m.end(g))
    for m in camel.finditer(text):
        tok = m.group("c")
        name = tok[:-1] if tok.endswith("s") and text[m.start():m.start("c")].strip() in ("des", "Des") else tok
        if name not in RULES.data["org_products"] and name not in RULES.not_orgs:  # "des StuRa": an organ word
            out.append(OrgMention(m.start("c"), m.end("c"), tok, Canonical(name, None, "external")))
    return out


def _coordinated(text: str, end: int) -> list[OrgMention]:
    """Acronyms joined to an actor acronym: "mit der HSW und FHT"."""
    out = []
    rx = re.compile(rf"(?:,|[ \t]+und|[ \t]*&)[ \t]+(?P<o>{_ACRONYM})(?![\w-])")
    while (m := rx.match(text, end)) and _acronym_ok(m.group("o")):
        out.append(OrgMention(m.start("o"), m.end("o"), m.group("o"), Canonical(m.group("o"), None, "external")))
        end = m.end()
    return out


_LIST_NAME = r"[A-ZÄÖÜ][\w-]*"


@cache
def _plural_list_pattern() -> re.Pattern[str]:
    alt = "|".join(map(re.escape, RULES.data["org_plural_heads"]))
    return re.compile(rf"(?<![\w-])(?P<h>{alt})[ \t]+(?P<l>{_LIST_NAME}(?:[ \t]*(?:,|&|und)[ \t]*{_LIST_NAME})+)")


def _plural_lists(text: str) -> list[OrgMention]:
    """"Fachschaften GEO,MB,BIO,PH" and "Fachschaften Chemie & Physik": one organization per name."""
    heads: dict[str, str] = RULES.data["org_plural_heads"]
    out: list[OrgMention] = []
    for m in _plural_list_pattern().finditer(text):
        for n in re.finditer(_LIST_NAME, m.group("l")):
            if n.group() in ("Und",):
                continue
            s = m.start("l") + n.start()
            out.append(OrgMention(s, s + len(n.group()), n.group(),
                                  Canonical(f"{heads[m.group('h')]} {n.group()}", None, "external")))
    return out


def _excluded(text: str, o: OrgMention) -> bool:
    """Inside a compound ("ADFC-Tour"), a URL, an e-mail address or a domain name, or a name that
    is a plain word in an idiom ("im Grünen", "ins Grüne")."""
    if RULES.rx("org_idioms").search(text, max(0, o.start - 8), o.end):
        return True
    before, after = text[max(0, o.start - 1) : o.start], text[o.end : o.end + 2]
    if (re.match(r"-\w", after) and not o.text.endswith(("-", "–"))) or before in ("@", ".", "-", "#"):
        return True
    if re.match(r"\.[a-z]{2,}", after) or after[:1] == "@":
        return True
    line_start = text.rfind("\n", 0, o.start) + 1
    token_start = max(text.rfind(" ", line_start, o.start), line_start)
    line_end = text.find("\n", o.end)
    line_end = len(text) if line_end < 0 else line_end
    shouting = line_end - line_start >= 12 and not _LOWER.search(text, line_start, line_end)  # "JANNIK BUCHT DEN SAAL …"
    return shouting or bool(_ADDRESS.search(text, token_start, o.start))


_LOWER = re.compile(r"[a-zäöüß]")
_ADDRESS = re.compile(r"https?://|www\.|@")


def _elsewhere(text: str, found: list[OrgMention]) -> list[OrgMention]:
    """Every other standalone occurrence of a name or abbreviation already found."""
    forms: dict[str, Canonical] = {}
    for o in found:
        forms.setdefault(o.text, o.canonical)
        if o.canonical.abbreviation:
            forms.setdefault(o.canonical.abbreviation, o.canonical)
    return [OrgMention(a, b, text[a:b], forms[text[a:b]]) for a, b in ground(text, list(forms))]


def ground(text: str, forms: list[str]) -> list[Span]:
    """Standalone occurrences of ``forms`` outside compounds, URLs and addresses."""
    forms = sorted({f for f in forms if len(f) >= 2 and f not in RULES.not_orgs}, key=len, reverse=True)
    if not forms:
        return []
    alt = "|".join(re.escape(f) for f in forms)
    first = re.escape("".join(sorted({f[0] for f in forms})))  # a cheap test before the look-behind
    dummy = Canonical("", None, "external")
    return [(m.start(), m.end()) for m in re.finditer(rf"(?=[{first}])(?<![\w\\-])(?:{alt})(?![\w]|-\w)", text)
            if not _excluded(text, OrgMention(m.start(), m.end(), m.group(), dummy))]
