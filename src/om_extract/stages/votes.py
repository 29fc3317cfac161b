"""Vote phrases as minutes write them, and the counts in them: "mit 14 Ja-Stimmen, bei 3 Enthaltungen
angenommen", "bei elf Ja-Stimmen, zu zwei Nein-Stimmen und einer Enthaltung", "9 ja 1 nein
0 enthalten", "(7/1/2)", "zwei gegen neun Stimmen", "einstimmig", "im Konsens", "kein Einspruch".
The parts live in ``rules/patterns.yaml`` (``vote_parts``); this module composes them once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..rules import RULES
from ..text import squash

_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class _Grammar:
    phrases: dict[tuple[bool, bool], re.Pattern[str]]  # a whole vote phrase, by (counts possible, consent possible)
    count: re.Pattern[str]  # one count: "14 Ja-Stimmen", "Nein: 4"
    against: re.Pattern[str]  # "zwei gegen neun Stimmen"
    triple: re.Pattern[str]  # "7/1/2"
    ratio: re.Pattern[str]  # "14 : 0" as the whole result after a label
    line: re.Pattern[str]  # a line that states the vote after a label ("Abstimmung: …")
    options: re.Pattern[str]
    numbers: dict[str, int]
    words: tuple[str, ...]  # one of them is in every phrase (``vote_words``)
    counted: re.Pattern[str]  # a digit or a number word: in every phrase but a consent
    wordless: re.Pattern[str]  # what else a phrase but a consent holds in a text without a digit
    consent_words: tuple[str, ...]  # one of them is in every consent (``vote_consent_words``)

    def search(self, text: str) -> re.Match[str] | None:
        """The first vote phrase in ``text``; a text without one of the phrase's words is not searched (most
        sentences hold none, and the long pattern costs far more than the look-ups), and a text without a
        number (or without a consent word) is searched without the counted (or consent) alternatives, which
        cannot match in it anyway. Without a digit, a count needs a number word before its side word
        ("zwei Enthaltungen") or one of ``vote_counted_words`` (a key's colon, "Stimmen", "Mitglieder")."""
        low = text.casefold()
        if not any(w in low for w in self.words):  # what ``may_vote`` asks
            return None
        counted = self.counted.search(text)
        if counted and not counted[0][0].isdecimal() and not _DIGIT.search(text, counted.end()):
            counted = self.wordless.search(text)
        key = (counted is not None, any(w in low for w in self.consent_words))
        return self.phrases[key].search(text) if any(key) else None


def _unnamed(pattern: str) -> str:
    """``pattern`` without group names, to be repeated inside a larger pattern."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


@cache
def _grammar() -> _Grammar:
    p = RULES.data["vote_parts"]
    numbers = {k.lower(): int(v) for k, v in p["numbers"].items()}
    n = r"\d{1,4}|" + "|".join(sorted(numbers, key=len, reverse=True))
    n = rf"(?<![\w/.])(?:{n})(?![\w/])"
    word = rf"(?P<yes>{p['yes']})|(?P<no>{p['no']})|(?P<abstain>{p['abstain']})"
    key = rf"(?P<k_yes>{p['yes']}|{p['yes_key']})|(?P<k_no>{p['no']}|{p['no_key']})|(?P<k_abstain>{p['abstain']})"
    side = rf"(?P<j_yes>{p['yes']})|(?P<j_no>{p['no']})|(?P<j_abstain>{p['abstain']})"
    count = (rf"(?P<n>{n})\s*(?:\([^)\n]{{1,20}}\)\s*)?(?:Stimmen?\s+)?(?:{word})(?![\w-])(?:\s+Stimmen?\b)?"
             rf"|(?:{key})\s*[:=]\s*(?P<n2>{n})"
             rf"|(?:{side})\s+(?P<n3>\d{{1,3}})(?![\w/.:])(?!\s*(?:{_unnamed(word)}))"  # "Ja 23 / Nein 4", "dafür 8"
             r"(?=\s*(?:[,;/|–)-]|\.|\n|$))")  # a separator or the end after it: "dafür 2 Mal", "pro 12 Monate" are none
    one = _unnamed(count)
    tally = rf"(?:{one})(?:\s*[,;/–-]?\s*(?:(?:und|zu|bei|sowie|mit|gegen)\s+)?(?:{one}))*"
    against = p["against"].replace("{n}", n) + rf"(?:\s*,?\s*(?:bei|und|sowie)\s+(?:{one}))?"  # "… bei 3 Enthaltungen"
    support = p["support"].replace("{n}", n)
    flags = re.I
    phrases = {}
    for c, k in ((True, True), (True, False), (False, True)):
        counted = [tally, _unnamed(against), _unnamed(p["triple"])] if c else []
        cores = [*counted, *([p["consent"]] if k else []), *([support] if c else [])]
        phrases[c, k] = re.compile(_phrase(cores, p["outcome"]), flags)
    return _Grammar(phrases, re.compile(count, flags), re.compile(against, flags),
                    re.compile(p["triple"]), re.compile(p["ratio"]), RULES.votes_as_written[0],
                    re.compile(RULES.data["vote_options"], re.M), numbers, tuple(RULES.data["vote_words"]),
                    re.compile(rf"\d|{n}", flags),
                    re.compile(rf"(?:{n})\s*(?:\([^)\n]{{1,20}}\)\s*)?(?:{_unnamed(word)})|{RULES.data['vote_counted_words']}",
                               flags), tuple(RULES.data["vote_consent_words"]))


def _phrase(cores: list[str], outcome: str) -> str:
    """The vote phrase with the given alternatives of its core, in their order."""
    core = "(?:" + "|".join(cores) + ")"
    counts = rf"\s*\(\s*{core}\s*\)"  # "mehrheitlich abgelehnt (3 Ja-Stimmen, 7 Nein-Stimmen)"
    return (rf"(?:Erfolgreiche\s+Wahl\s+)?(?:(?:bei|mit)\s+(?:nur\s+)?)?{core}"
            rf"(?:,?\s+(?:[^\s,.;:]+\s+){{0,3}}?(?:{outcome})\b(?:{counts})?)?"
            rf"|\b(?:{outcome})(?:\s+(?:mit|bei)\s+{core}|{counts})")


@lru_cache(maxsize=64)
def vote_phrase(text: str) -> re.Match[str] | None:
    """The first vote phrase in ``text``."""
    return _grammar().search(text)


def may_vote(text: str) -> bool:
    """Whether ``text`` holds one of the words every vote phrase holds (``vote_words``)."""
    low = text.casefold()
    return any(w in low for w in _grammar().words)


_PIPE_ROW = re.compile(r"^[ \t]*\|[-:|+ \t]*\n|^[ \t]*\|[ \t]*([^|\n]*?)[ \t]*\|[ \t]*([^|\n]*?)[ \t]*\|?[ \t]*$", re.M)


_TAB_KEY = re.compile(r"^[ \t]*([^\t\n:]{1,40}?)[ \t]*\t[ \t]*(?=\S)", re.M)


def unpiped(text: str) -> str:
    """A result table's "| Ja | 5 |" rows as "Ja: 5", as a vote line writes them (a header row
    "| Abstimmung | Stimmen |" as its label "Abstimmung:", its rules left out); a row of cells
    "Abstimmung <tab> einstimmig" as "Abstimmung: einstimmig"."""
    if "|" not in text:
        return _TAB_KEY.sub(r"\1: ", text) if "\t" in text else text
    return _PIPE_ROW.sub(lambda m: "" if m[1] is None else f"{m[1]}: {m[2] if _DIGIT.search(m[2]) else ''}", text)


def vote_of(text: str) -> str | None:
    """The outcome as written: after a vote label the whole statement, else the first vote phrase."""
    g = _grammar()
    text = squash(unpiped(text))
    m = g.line.search(text)
    if m:
        return squash(m.group("v")).rstrip(" .")
    m = vote_phrase(text)
    return squash(m.group()).rstrip(" .,") if m else None


def options(text: str) -> bool:
    """A tally of options (or candidates): every line ends with "(N)", or "5 Samstag, 3 Sonntag"."""
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    return bool(lines) and all(_grammar().options.search(x) for x in lines)


def _number(g: _Grammar, s: str) -> int:
    return int(s) if s.isdigit() else g.numbers[s.lower()]


def counts(vote: str | None) -> dict[str, int] | None:
    """Yes/no/abstain from a vote phrase. When two categories are given the third is 0; one count, vague
    counts and tallies of options give none."""
    if not vote:
        return None
    g = _grammar()
    m = g.triple.search(vote)
    if m:
        return {"yes": int(m["t1"]), "no": int(m["t2"]), "abstain": int(m["t3"])}
    m = g.against.search(vote) or g.ratio.match(vote)
    if m:
        rest = [c for c in g.count.finditer(vote, m.start("no") + len(m["no"])) if c["abstain"] or c["j_abstain"]]
        abstain = _number(g, rest[0]["n"] or rest[0]["n3"]) if rest else 0  # "15 zu 3 Stimmen bei 2 Enthaltungen"
        return {"yes": _number(g, m["y"]), "no": _number(g, m["no"]), "abstain": abstain}
    found: dict[str, int] = {}
    for c in g.count.finditer(vote):
        key = next(k for k in ("yes", "no", "abstain") if c[k] or c[f"k_{k}"] or c[f"j_{k}"])
        found.setdefault(key, _number(g, c["n"] or c["n2"] or c["n3"]))
    if len(found) < 2:
        return None
    return {k: found.get(k, 0) for k in ("yes", "no", "abstain")}


def bare(text: str) -> bool:
    """A line that only states a result ("Der Antrag ist einstimmig angenommen.", "Einstimmig angenommen",
    "Alle sind damit einverstanden."): besides its vote it names no matter."""
    m = vote_phrase(text) or _grammar().line.search(text)
    if not m:
        return False
    rest = (text[: m.start()] + " " + text[m.end() :]).lower()
    filler = set(RULES.data["vote_filler"])
    return all(w in filler for w in re.findall(r"\w+", rest))
