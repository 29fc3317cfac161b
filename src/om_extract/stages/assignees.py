"""Who a decision tasks: the subject of an active sentence ("Lisa bucht …", "Die AG X wird
gebeten …"), cues such as "beauftragt X", "Auftrag an X", "bittet X", "(macht X)", "Zuständig: X",
"TODO X:", and a body as a whole ("Vorstände prüfen die Versicherung", "vom Vorstand eingefordert").
Elections and approvals task no one."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from ..rules import RULES
from ..text import SENTENCE, Span


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str  # canonical name of the person or organization


class MentionIndex:
    """Person and organization mentions in text order, for lookups by span."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.items = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.starts = [m.start for m in self.items]

    def within(self, span: Span) -> list[Mention]:
        i = bisect_left(self.starts, span[0])
        out = []
        while i < len(self.items) and self.items[i].start < span[1]:
            if self.items[i].end <= span[1]:
                out.append(self.items[i])
            i += 1
        return out


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lead = re.compile(
        rf"\s*(?:[-•]\s*)?(?:(?:Die|Der|Das|{RULES.salutation}|{RULES.title}|{RULES.data['role_nouns']})\s+)*"
    )
    joiner = re.compile(rf"\s*(?:,|und|sowie)\s*(?:(?:die|der|das|den|{RULES.salutation}|{RULES.title})\s+)*")
    return lead, joiner, re.compile(RULES.data["assignee_cues"])


@cache
def _body_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Cues that task a body as a whole, and the decision words of elections and approvals (whose
    subject is chosen or approved, not tasked)."""
    words = "|".join(sorted(RULES.data["decision_assignee_bodies"], key=len, reverse=True))
    cues = re.compile(RULES.data["decision_body_cues"].replace("{body}", f"(?:{words})"))
    return cues, re.compile(f"{RULES.data['decision_verbs']}|{RULES.data['decision_outcome']}")


def _bodies(clause: str, todo: bool, own_body: str | None) -> list[str]:
    """The body words a clause tasks: an agent, "Aufgaben für", or its subject unless it is elected or
    approved, or is the body that met stating its own decision."""
    cues, decided = _body_cues()
    names = RULES.data["decision_assignee_bodies"]
    out = []
    for m in cues.finditer(clause.strip()):
        name = names[m["s"] or m["a"] or m["t"]]
        if m["s"] and (decided.search(clause) or (name == own_body and not todo)):
            continue
        out.append(name)
    return out


def assignees(text: str, span: Span, index: MentionIndex, own_body: str | None, todo: bool = False) -> list[str]:
    """``todo``: a task, which may task the body that met itself ("Vorstände prüfen die Versicherung")."""
    lead, joiner, cues = _patterns()
    out: list[str] = []

    def add(names: list[str]) -> None:
        out.extend(n for n in names if n not in out and n != own_body)

    body = text[span[0] : span[1]]
    for sent in SENTENCE.finditer(body):
        for clause in re.finditer(r"[^;]+", sent.group()):
            s = span[0] + sent.start() + clause.start()
            e = s + len(clause.group())
            c = text[s:e]
            for m in cues.finditer(c):
                group = next(k for k, v in m.groupdict().items() if v)
                add([x.name for x in index.within((s + m.start(group), s + m.end(group)))])
            if not _body_cues()[1].search(c):
                add(_subject(text, s, e, index, lead, joiner, todo))
            out.extend(b for b in _bodies(c, todo, own_body) if b not in out)
    return out


def _subject(text: str, s: int, e: int, index: MentionIndex, lead: re.Pattern[str],
             joiner: re.Pattern[str], todo: bool = False) -> list[str]:
    """Mentions the clause opens with, if an active verb follows them (in a task, also a colon:
    "Anna Berg: Getränke bestellen")."""
    clause = re.sub(r"\s*\([^)]*\)\W*$", "", text[s:e].strip())
    passive = re.search(r"\b(?:werden|wird)\W*$", clause) or re.search(
        r"\b(?:wird|werden|wurde|wurden)\b.*\b(?:\w*ge\w{2,}t|ge\w{4,}en|\w{3,}iert)\W*$", clause)
    if passive and not re.search(r"\b(?:gebeten|beauftragt|aufgefordert)\b", clause):
        return []  # passive: the subject is what is done, not who does it
    pos = lead.match(text, s, e).end()
    names: list[str] = []
    for m in index.within((pos, e)):
        gap = text[pos : m.start]
        if m.start < pos or not ((names and joiner.fullmatch(gap)) or (not names and not gap.strip())):
            if m.start >= pos:
                break
            continue
        names.append(m.name)
        pos = m.end
    following = text[pos:e]
    # the finite verb follows; "der OM" after a body is a genitive, not a second subject
    verb = re.match(r"(?:\s*\([^)]*\))?\s+(?:der\s+\S+\s+)?(?=[a-zäöüß])", following)
    if names and todo and re.match(r"\s*:\s*\S", following):
        return list(dict.fromkeys(names))
    if names and verb and not RULES.rx("assignee_motion_verbs").match(following, verb.end()):
        return list(dict.fromkeys(names))
    return []
