"""Finding person names in text by rule: salutations, titles, given names, reporting verbs.

A given-name lexicon (gender-guesser's dictionary of ~40,000 first names) tells "Jana Vogt"
from "Neue Entwicklungen"; salutations and titles allow surname-only mentions ("Herr Albers").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.lang.de.stop_words import STOP_WORDS

from .rules import RULES
from .text import longest_first

UPPER = _UPPER = "A-ZÄÖÜÉÈÁÀÇØÅŁŚŻŹŠČĆŘŽİŞĞ"
_LOWER = "a-zäöüßéèêáàâçëïîíóòôúùûñığşøåæœãõýžšćčřěůłńśźż"
_WORD = rf"[{_UPPER}][{_LOWER}'’]+"
SURNAME = rf"{_WORD}(?:-{_WORD})?"
GIVEN = rf"{_WORD}(?:-{_WORD})?"


@dataclass(frozen=True)
class NameMatch:
    start: int  # whole mention, salutation and title included
    end: int
    name_start: int  # where the name proper (first or last name) starts
    salutation: str | None
    title: str | None
    first: str | None
    last: str
    given_only: bool = False  # "Lisa": a person the minutes name by first name only

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}" if self.first else self.last


@cache
def _detector():
    import gender_guesser.detector as gd

    return gd.Detector(case_sensitive=True)


@cache
def is_given_name(token: str) -> bool:
    first = token.split("-")[0]
    if first in RULES.not_names or first.lower() in STOP_WORDS or len(first) < 2 or first.lower() in RULES.months:
        return False
    return _detector().get_gender(first) != "unknown"


@cache
def is_common_given(token: str) -> bool:
    """A first name that stands for a person even without a list or a salutation around it: one the
    lexicon knows from a German-speaking country, or well from anywhere. Words it also lists as a rare
    name elsewhere ("Burg", "Even", "On") are left out."""
    if not is_given_name(token):
        return False
    d = _detector()
    freqs = (d.names.get(token.split("-")[0]) or {}).values()
    home = [d.COUNTRIES.index(c) for c in RULES.data["person_given_countries"]]
    weight = max((sum(int(c, 16) for c in f if c.strip()) for f in freqs), default=0)
    return weight >= RULES.data["person_given_min_weight"] or any(f[i].strip() for f in freqs for i in home)


def is_surname(token: str) -> bool:
    return (
        len(token) >= 2
        and token not in RULES.not_names
        and token.lower() not in STOP_WORDS
        and not token.isupper()
        and not (len(token) >= 8 and RULES.rx("not_surname").match(token))
    )


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    sal, title, office = RULES.salutation, RULES.title, _office()
    prefixes = RULES.data["salutations"] + RULES.data["titles"] + list(RULES.data["person_offices"])
    initials = re.escape("".join(sorted({w[0] for w in prefixes})))
    middle = rf"(?:[{_UPPER}]\.\s+)?"
    addressed = re.compile(
        rf"(?=[{initials}])(?<![\w.])(?=(?:{sal}|{office})\s|(?:{title}))(?:(?P<sal>{sal})\s+)?(?:(?P<office>{office})\s+)?"
        rf"(?P<title>(?:(?:{title})\s*)+)?(?P<first>{GIVEN}\s+{middle})?(?P<last>{SURNAME})(?![\w])"
    )
    # lookaheads, so that a rejected pair ("Neue Entwicklungen") does not swallow the next name
    # a line break then "Key:" is the next header field, not a surname ("Protokoll: Rieke\nAnwesend: …")
    plain = re.compile(
        rf"(?=[{_UPPER}])(?<![\w.-])(?=(?P<first>{GIVEN})(?:[ \t]+|\s+(?!{SURNAME}\s*:))"
        rf"(?P<mid>{middle})(?P<last>{SURNAME})(?![\w]))"
    )
    # a first name alone, where only a person can stand: after "von", "an", "laut", "und" ("Danke an
    # Wiebke", "von Gisela und Hartmut"), or opening a sentence or a line before a colon, a parenthesis,
    # a presenting or another verb of persons ("Jannik:", "Ottmar (Gast)", "Ole berichtet", "Henrike hat")
    verbs = f"{RULES.data['presenting']}|(?:{RULES.data['person_verbs']})\\b"
    preps = "|".join(rf"(?<=\b(?i:{p})\s)" for p in RULES.data["person_preps"])
    # both start with a capital: testing it first spares the look-behinds at every other position
    given_alone = re.compile(
        rf"(?=[{_UPPER}])(?:(?:{preps})(?P<after>{_WORD})(?![\w-])(?![ \t]+[{_UPPER}])"
        rf"|(?:(?<=^)|(?<=[.!?:]\s)|(?<=\n))(?P<last>{_WORD})"
        rf"(?:(?=[ \t]*[:;)])|(?=[ \t]*\((?!\d))|(?=\s+(?:{verbs}))))", re.M)
    reporting = re.compile(
        rf"(?=[{_UPPER}])(?:^|(?<=[.!?:]\s)|(?<=\n))(?=(?P<first>{_WORD})\s+(?P<last>{SURNAME})\s+(?:{RULES.data['presenting']}))",
        re.M,
    )
    cited = re.compile(rf"\(?(?P<names>{SURNAME}(?:,\s*{SURNAME})+)\s*\((?:19|20)\d\d\)")
    # every role noun opens with a capital: tested before the look-behind, as in the patterns above
    role = re.compile(rf"(?=[{_UPPER}])(?<![\w-])(?:{RULES.data['role_nouns']})[ \t]{{1,3}}(?P<last>{SURNAME})"
                      rf"(?![\w-])(?![ \t]+[{_UPPER}])")
    return addressed, plain, reporting, cited, role, given_alone


@cache
def _office() -> str:
    return "|".join(re.escape(o) for o in sorted(RULES.data["person_offices"], key=len, reverse=True))


@cache
def _role_word() -> re.Pattern[str]:
    return re.compile(rf"(?:{RULES.data['role_nouns']})")


def is_role_word(token: str) -> bool:
    """"Präsident", "Aktuarin", "Schriftführerin": a role, never a person's name."""
    return bool(_role_word().fullmatch(token))


def _after_article(text: str, pos: int) -> bool:
    """"eine Art", "der Max-Planck-…": a capitalised word after an article is a noun, not a name."""
    m = re.search(r"(\w+)\s+$", text[max(0, pos - 12) : pos])
    return bool(m) and m.group(1).lower() in RULES.data["person_not_after"]


def find_names(text: str) -> list[NameMatch]:
    """All person mentions in ``text``, longest first where they overlap, in text order."""
    addressed, plain, reporting, cited, role, given_alone = _patterns()
    found: list[NameMatch] = []
    for m in addressed.finditer(text):
        if not (m.group("sal") or m.group("title") or m.group("office")):
            continue
        first = (m.group("first") or "").strip() or None
        last = m.group("last")
        if first and not is_given_name(first) and not is_surname(first):
            first = None
        if not is_surname(last) or (not (m.group("sal") or m.group("title")) and not (first and is_given_name(first))
                                    and not _office_before_surname(m, text)):
            continue  # an office alone ("GV", "BM") also abbreviates bodies: only before a full name
        name_start = m.start("first") if first else m.start("last")
        found.append(NameMatch(m.start(), m.end(), name_start, m.group("sal"),
                               _norm_title(m.group("title")), first, last))
    for m in plain.finditer(text):
        if is_common_given(m.group("first")) and is_surname(m.group("last")):
            first = m.group("first") + (" " + m.group("mid").strip() if m.group("mid") else "")
            found.append(NameMatch(m.start(), m.end("last"), m.start(), None, None, first, m.group("last")))
    for m in reporting.finditer(text):
        if is_surname(m.group("first")) and is_surname(m.group("last")) and not is_role_word(m.group("first")):
            found.append(NameMatch(m.start(), m.end("last"), m.start(), None, None, m.group("first"), m.group("last")))
    for m in given_alone.finditer(text):
        word, at = (m.group("after"), m.start("after")) if m.group("after") else (m.group("last"), m.start("last"))
        if is_common_given(word) and not _after_article(text, at):
            found.append(NameMatch(at, at + len(word), at, None, None, None, word, True))
    for m in role.finditer(text):
        last = m.group("last")
        if is_surname(last) and not is_role_word(last):
            found.append(NameMatch(m.start("last"), m.end("last"), m.start("last"), None, None, None, last,
                                   is_common_given(last)))
    for m in cited.finditer(text) if _CITED_YEAR.search(text) else ():
        pos = m.start("names")
        for part in m.group("names").split(","):
            s = text.index(part.strip(), pos)
            pos = s + len(part.strip())
            if is_surname(part.strip()):
                found.append(NameMatch(s, pos, s, None, None, None, part.strip()))
    return longest_first(found)


def _office_before_surname(m: re.Match[str], text: str) -> bool:
    """"Vbgm. Hinterberger berichtet": an office only persons hold, before a surname that no further
    capitalised word continues (a surname, not the first word of a body's name)."""
    return (not m.group("first") and m.group("office") in RULES.data["person_offices_before_surname"]
            and not re.match(rf"[ \t]+[{_UPPER}]", text[m.end() : m.end() + 2]))


_CITED_YEAR = re.compile(r"\((?:19|20)\d\d\)")
"""The "(2019)" that closes every match of the cited pattern: a text without one is not searched."""


def _norm_title(title: str | None) -> str | None:
    return re.sub(r"\s+", " ", title).strip() if title else None


def parse_name(text: str) -> NameMatch | None:
    """The single person named by ``text`` (a table cell, a "Moderation:" value), if any."""
    names = find_names(text)
    return names[0] if names else None


@cache
def _item() -> re.Pattern[str]:
    """A listed person: offices and party acronyms before the name ("GR Anna Moser", "CDU Hubert
    Kleinschmidt") are no part of it, degrees are its title."""
    return re.compile(
        rf"(?:(?:{_office()}|[{_UPPER}]{{2,6}})\s+)*(?P<title>(?:(?:{RULES.title}|Dipl\.-\w+\.)\s*)*)"
        rf"(?P<first>[{_UPPER}][\w'-]+(?:\s+[{_UPPER}][\w'-]+)*?(?:\s+[{_UPPER}]\.)?)\s+(?P<last>{SURNAME})\s*(?:\((?P<org>[^)]*)\))?"
    )


_GIVEN_ONLY = re.compile(rf"(?P<last>[{_UPPER}][\w'-]+)\s*(?:\((?P<org>[^)]*)\))?")


def listed_name(item: str) -> tuple[NameMatch, str | None] | None:
    """One item of a list of people ("Dr. Ute Kranich (Stadtwerke)", "Herr Albers", "Lisa"):
    in a list, every item is a person, even where the lexicon does not know the first name."""
    if re.match(rf"(?:{RULES.salutation})\s", item):
        hits = find_names(item)
        org = re.search(r"\(([^)]*)\)", item)
        return (hits[0], org.group(1) if org else None) if hits else None
    m = _item().fullmatch(item)
    if m:
        first = re.sub(r"\s+", " ", m.group("first"))
        title = m.group("title").strip() or None
        return NameMatch(m.start("title"), m.end("last"), m.start("first"), None, title, first, m.group("last")), m.group("org")
    m = _GIVEN_ONLY.fullmatch(item)
    if m and m.group("last") not in RULES.not_names and m.group("last") not in RULES.roles \
            and not is_role_word(m.group("last")) and not RULES.rx("not_handle").match(m.group("last")):
        # "Reto Baumgartner, Präsident": a role; "Jan Ott, Stadtplanungsamt": an office
        return NameMatch(0, m.end("last"), 0, None, None, None, m.group("last"), True), m.group("org")
    hits = find_names(item)
    return (hits[0], None) if len(hits) == 1 else None


def shifted(n: NameMatch, offset: int) -> NameMatch:
    """The same match, ``offset`` characters later in a longer text."""
    return NameMatch(n.start + offset, n.end + offset, n.name_start + offset, n.salutation, n.title, n.first, n.last,
                     n.given_only)
