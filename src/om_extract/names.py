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

_UPPER = "A-ZÄÖÜÉÈÁÀÇØÅŁŚŻŹŠČĆŘŽİŞĞ"
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
    if first in RULES.not_names or first.lower() in STOP_WORDS or len(first) < 2:
        return False
    return _detector().get_gender(first) != "unknown"


def is_surname(token: str) -> bool:
    return (
        len(token) >= 2
        and token not in RULES.not_names
        and token.lower() not in STOP_WORDS
        and not token.isupper()
    )


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    sal, title = RULES.salutation, RULES.title
    initials = re.escape("".join(sorted({w[0] for w in RULES.data["salutations"] + RULES.data["titles"]})))
    middle = rf"(?:[{_UPPER}]\.\s+)?"
    addressed = re.compile(
        rf"(?<![\w.])(?=[{initials}])(?=(?:{sal})\s|(?:{title}))(?:(?P<sal>{sal})\s+)?(?P<title>(?:(?:{title})\s*)+)?"
        rf"(?P<first>{GIVEN}\s+{middle})?(?P<last>{SURNAME})(?![\w])"
    )
    # lookaheads, so that a rejected pair ("Neue Entwicklungen") does not swallow the next name
    # a line break then "Key:" is the next header field, not a surname ("Protokoll: Rieke\nAnwesend: …")
    plain = re.compile(
        rf"(?<![\w.-])(?=[{_UPPER}])(?=(?P<first>{GIVEN})(?:[ \t]+|\s+(?!{SURNAME}\s*:))"
        rf"(?P<mid>{middle})(?P<last>{SURNAME})(?![\w]))"
    )
    # a first name alone, where only a person can stand: "Antrag von Jannik:", "Ole berichtet"
    given_alone = re.compile(
        rf"(?:(?<=\bvon\s)|(?<=\bmit\s)|(?<=\bdurch\s)|(?<=\bfür\s)|(?<=^)|(?<=[.!?:]\s)|(?<=\n))"
        rf"(?P<last>{_WORD})(?:(?=\s*[:;)])|(?=\s+(?:{RULES.data['presenting']})))", re.M)
    reporting = re.compile(
        rf"(?:^|(?<=[.!?:]\s)|(?<=\n))(?=(?P<first>{_WORD})\s+(?P<last>{SURNAME})\s+(?:{RULES.data['presenting']}))",
        re.M,
    )
    cited = re.compile(rf"\(?(?P<names>{SURNAME}(?:,\s*{SURNAME})+)\s*\((?:19|20)\d\d\)")
    role = re.compile(rf"(?<![\w-])(?:{RULES.data['role_nouns']})\s+(?P<last>{SURNAME})(?![\w-])(?!\s+[{_UPPER}])")
    return addressed, plain, reporting, cited, role, given_alone


def find_names(text: str) -> list[NameMatch]:
    """All person mentions in ``text``, longest first where they overlap, in text order."""
    addressed, plain, reporting, cited, role, given_alone = _patterns()
    found: list[NameMatch] = []
    for m in addressed.finditer(text):
        if not (m.group("sal") or m.group("title")):
            continue
        first = (m.group("first") or "").strip() or None
        last = m.group("last")
        if first and not is_given_name(first) and not is_surname(first):
            first = None
        if not is_surname(last):
            continue
        name_start = m.start("first") if first else m.start("last")
        found.append(NameMatch(m.start(), m.end(), name_start, m.group("sal"),
                               _norm_title(m.group("title")), first, last))
    for m in plain.finditer(text):
        if is_given_name(m.group("first")) and is_surname(m.group("last")):
            first = m.group("first") + (" " + m.group("mid").strip() if m.group("mid") else "")
            found.append(NameMatch(m.start(), m.end("last"), m.start(), None, None, first, m.group("last")))
    for m in reporting.finditer(text):
        if is_surname(m.group("first")) and is_surname(m.group("last")):
            found.append(NameMatch(m.start(), m.end("last"), m.start(), None, None, m.group("first"), m.group("last")))
    for m in given_alone.finditer(text):
        if is_given_name(m.group("last")):
            found.append(NameMatch(m.start(), m.end(), m.start(), None, None, None, m.group("last"), True))
    for m in role.finditer(text):
        if is_surname(m.group("last")):
            found.append(NameMatch(m.start("last"), m.end("last"), m.start("last"), None, None, None, m.group("last")))
    for m in cited.finditer(text):
        pos = m.start("names")
        for part in m.group("names").split(","):
            s = text.index(part.strip(), pos)
            pos = s + len(part.strip())
            if is_surname(part.strip()):
                found.append(NameMatch(s, pos, s, None, None, None, part.strip()))
    return longest_first(found)


def _norm_title(title: str | None) -> str | None:
    return re.sub(r"\s+", " ", title).strip() if title else None


def parse_name(text: str) -> NameMatch | None:
    """The single person named by ``text`` (a table cell, a "Moderation:" value), if any."""
    names = find_names(text)
    return names[0] if names else None


_ITEM = re.compile(
    rf"(?P<title>(?:(?:Prof\.|Dr\.|Dipl\.-\w+\.)\s*)*)(?P<first>[{_UPPER}][\w'-]+(?:\s+[{_UPPER}][\w'-]+)*?"
    rf"(?:\s+[{_UPPER}]\.)?)\s+(?P<last>{SURNAME})\s*(?:\((?P<org>[^)]*)\))?"
)
_GIVEN_ONLY = re.compile(rf"(?P<last>[{_UPPER}][\w'-]+)\s*(?:\((?P<org>[^)]*)\))?")


def listed_name(item: str) -> tuple[NameMatch, str | None] | None:
    """One item of a list of people ("Dr. Ute Kranich (Stadtwerke)", "Herr Albers", "Lisa"):
    in a list, every item is a person, even where the lexicon does not know the first name."""
    if re.match(rf"(?:{RULES.salutation})\s", item):
        hits = find_names(item)
        org = re.search(r"\(([^)]*)\)", item)
        return (hits[0], org.group(1) if org else None) if hits else None
    m = _ITEM.fullmatch(item)
    if m:
        first = re.sub(r"\s+", " ", m.group("first"))
        title = m.group("title").strip() or None
        return NameMatch(0, m.end("last"), m.start("first"), None, title, first, m.group("last")), m.group("org")
    m = _GIVEN_ONLY.fullmatch(item)
    if m and m.group("last") not in RULES.not_names and m.group("last") not in RULES.roles:
        return NameMatch(0, m.end("last"), 0, None, None, None, m.group("last"), True), m.group("org")
    hits = find_names(item)
    return (hits[0], None) if len(hits) == 1 else None


def shifted(n: NameMatch, offset: int) -> NameMatch:
    """The same match, ``offset`` characters later in a longer text."""
    return NameMatch(n.start + offset, n.end + offset, n.name_start + offset, n.salutation, n.title, n.first, n.last,
                     n.given_only)
