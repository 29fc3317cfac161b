"""Section text, presenters ("X stellt … vor", "X berichtet"), attachments and adjournment."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from ..blocks import Layout
from ..names import UPPER as _UPPER
from ..resolve import People, PersonEntry
from ..rules import RULES
from ..text import OPEN_END, SENTENCE, Span, fold, squash


def attachments(text: str) -> list[int]:
    out: list[int] = []
    for m in RULES.rx("attachments").finditer(text):
        nums = [int(n) for n in re.findall(r"\d+", re.sub(r"\([^)]*\)", "", m.group(1)))]
        if re.search(r"\d\s*(?:bis|-|–)\s*\d", m.group(1)) and len(nums) == 2 and nums[0] < nums[1] <= nums[0] + 20:
            nums = list(range(nums[0], nums[1] + 1))
        out += [n for n in nums if n not in out]
    return out


def postponed(text: str) -> bool:
    """Whether the section was adjourned; the long pattern is tried only where one of its words stands."""
    return bool(RULES.rx("postponed_words", re.I).search(text) and RULES.rx("postponed", re.I).search(text))


def _paragraphs(lay: Layout, body: list[int]) -> list[tuple[int, int]]:
    """Clean-text spans of paragraphs: lines joined until a gap or a bullet (a gap after a line
    that stops mid-phrase is double spacing, not a paragraph break)."""
    out: list[tuple[int, int]] = []
    for i in body:
        b = lay.blocks[i]
        wrapped = b.gap == 0 or (b.gap == 1 and bool(out) and OPEN_END.search(lay.text[out[-1][0] : out[-1][1]]))
        if out and wrapped and b.kind == "line" and b.indent == 0 and lay.format in ("pdf_text", "plain", "markdown"):
            out[-1] = (out[-1][0], b.end)
        else:
            out.append((b.start, b.end))
    return out


def heading_owner(title: str, people: People) -> PersonEntry | None:
    """The item owner a heading names at its end: initials after a dash or in brackets ("Kassenprüfung
    (#12) - [TK]"), resolved when one person of the document has them, or a first name ("… mit Anna")
    that one person of the document has."""
    m = RULES.rx("presenter_heading").search(title)
    if not m:
        return None
    if m.group("initials"):
        return people.by_initials(m.group("initials"))
    given = fold(m.group("given"))
    fits = [e for e in people.entries if fold((e.first or "").split(" ")[0] if e.first else e.last) == given
            and (e.first or e.given_only)]
    return fits[0] if len(fits) == 1 else None


def role_holder(text: str, role: str, pos: int, mentions: list[Span]) -> Span | None:
    """The mention of the person the document names as holding ``role`` ("Präsident Reto Baumli",
    "Bgm. Ing. Herbert Wallner", "Anna Muster (Kassierin)"): the nearest before ``pos``, else the first after."""
    stem = re.sub(r"(?:innen|in|en|es|s|n|e)$", "", role)
    if len(stem) < 4:
        return None
    short = [re.escape(a) for a, word in RULES.data["person_offices"].items() if word.startswith(stem)]
    word = rf"(?:{stem}\w{{0,6}}|{'|'.join(short)})" if short else rf"{stem}\w{{0,6}}"
    title = rf"(?:(?:{RULES.title})\s*)*"
    before = re.compile(rf"(?<![\w-]){word}:?[ \t]+(?:[{_UPPER}][\w.-]*[ \t]+){{0,2}}?{title}$")
    after = re.compile(rf"\s*(?:\([^)]*\)\s*)?(?:\(|,\s*|\s+als\s+)(?:{word})\b")
    holders = [(a, b) for a, b in mentions if before.search(text[max(0, a - 60) : a]) or after.match(text[b : b + 60])]
    earlier = [h for h in holders if h[1] <= pos]
    return earlier[-1] if earlier else holders[0] if holders else None


@cache
def _presenter_patterns() -> tuple[re.Pattern[str], ...]:
    """The presenter patterns, built once (the lead words join every office and title)."""
    offices = "|".join(re.escape(o) for o in RULES.data["person_offices"])
    return (re.compile(RULES.data["presenting"]), RULES.rx("presenter_not"),
            re.compile(RULES.data["presenter_agent"].replace("{role}", RULES.data["role_nouns"])),
            *(RULES.rx(k) for k in ("presenter_report", "presenter_passive", "presenter_chair_verbs",
                                    "presenter_inverted")),
            re.compile(rf"^\W*(?:Der|Die|Unser[e]?)\s+(?P<role>{RULES.data['role_nouns']})\s+$"),
            re.compile(rf"(?<!\w)(?:{RULES.salutation}|{RULES.title}|{offices}|{RULES.data['role_nouns']}|Der|Die|Das)"
                       r"(?=[\s.]|$)"))


def presenter_spans(lay: Layout, body: list[int], mentions: list[Span]) -> list[Span]:
    """Spans of person mentions (of ``mentions``) that present: the subject of a presenting verb
    (or the holder of the role word that is its subject: "Der Kassier berichtet"), the agent of a
    report ("Präsentation der Jahresrechnung durch Präsident X", "von X vorgetragen"), and names listed
    under a presenting sentence that ends with a colon ("… stellen sich vor:"). Not: "stellt sich
    vor, … zu übernehmen" (means: can imagine)."""
    verb, not_presenting, agent, report, passive, chair_verb, inverted, role_subject, lead = _presenter_patterns()
    apposition = RULES.rx("presenter_apposition")
    out: list[Span] = []
    listing = False
    for start, end in _paragraphs(lay, body):
        text = lay.text[start:end]
        lo, hi = bisect_left(mentions, (start,)), bisect_left(mentions, (end + 1,))  # mentions: sorted
        names = [(a - start, b - start) for a, b in mentions[lo:hi] if b <= end]
        # no sentence ends inside parentheses or numbers ("29.11.2024")
        masked = re.sub(r"\([^()]*\)", lambda m: "(" + "_" * (len(m.group()) - 2) + ")", text)
        masked = re.sub(r"(?<=\d)\.(?=\d)", "_", masked)
        if listing and len(names) == 1 and len(squash(text)) <= names[0][1] - names[0][0] + 30:
            out.append((start + names[0][0], start + names[0][1]))
            continue
        listing = False
        if text.rstrip().endswith(":") and verb.search(masked):
            listing = True  # "… stellen sich vor:" followed by the names
        firsts = [a for a, _ in names]  # names are sorted: a sentence takes its own by bisection
        for sent in SENTENCE.finditer(masked):
            own = names[bisect_left(firsts, sent.start()) : bisect_left(firsts, sent.end())]
            for am in agent.finditer(sent.group()):
                if am.group("by") and not (report.search(sent.group(), 0, am.start()) or passive.search(sent.group(), am.end())):
                    continue  # "von"/"durch" names the presenter only of a report or a talk
                at = sent.start() + am.end()
                while lm := lead.match(masked, at):  # "Sachvortrag: GR Paul Huber": an office before the name
                    at = lm.end() + len(masked[lm.end() :]) - len(masked[lm.end() :].lstrip(" \t"))
                who = names[bisect_left(firsts, at) : bisect_left(firsts, at + 3)]
                if who:
                    out.append((start + who[0][0], start + who[0][1]))
                elif am.group("role") or am.group("role2"):
                    held = role_holder(lay.text, am.group("role") or am.group("role2"), start + at, mentions)
                    out += [held] if held else []
            out += [(start + a, start + b) for a, b in own
                    if re.match(r"\s+vor\b", masked[b : b + 16]) and inverted.search(masked, sent.start(), a)]
            vm = verb.search(sent.group())
            if not vm or not_presenting.search(sent.group()):
                continue
            cut = sent.start() + vm.start()
            inside = [n for n in own if n[1] <= cut]
            rm = role_subject.match(masked[sent.start() : cut])
            if rm and not inside and not chair_verb.match(masked, cut):
                held = role_holder(lay.text, rm.group("role"), start + cut, mentions)
                out += [held] if held else []
                continue
            pos = sent.start()
            if inside and (ap := apposition.match(masked, pos, inside[0][0])) and masked[inside[-1][1] : cut].startswith(","):
                pos = ap.end()  # "Der Obmann des Ausschusses, GR Moser, berichtet": the role is set off
            pieces = []  # the subject without the names (one pass, not one copy per name)
            for a, b in inside:
                pieces.append(masked[pos:a])
                pos = max(pos, b)
            rest = " ".join([*pieces, masked[pos:cut]])
            rest = re.sub(r"\b(?:vom|von\s+der|von\s+dem|von)\s+[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*)*", " ", rest)
            rest = lead.sub(" ", re.sub(r"\([^)]*\)|\b(?:und|sowie)\b|[,•\-–]", " ", rest))
            if inside and not rest.strip(" ."):
                out += [(start + a, start + b) for a, b in inside]
                listing = listing or sent.group().rstrip().endswith(":")
    return out
