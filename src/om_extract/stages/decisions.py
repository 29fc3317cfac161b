"""Decisions in the forms minutes use.

Labelled blocks ("Beschluss …:", "Beschlüsse:", "Entscheid:", "Vereinbarung …", "Die AG … vereinbart:",
"TODO:", "Abstimmung: …", "Meinungsbild: …"): one paragraph block is one decision, a block of bullets
one per bullet (a poll's block is one). Unlabelled resolutions: a sentence with a vote ("im Konsens",
"mit 14 Ja-Stimmen …"), a decision verb in the passive ("wurde einstimmig gewählt") or the body
deciding ("Wir beschließen"). A bare result line ("Einstimmig angenommen.") is the vote;
what it decides is the proposal or heading above it. A preamble that only states the vote is not text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, partial

from ..blocks import Block, Layout, strip_span
from ..doctree import Heading, Node, Region
from ..rules import RULES
from ..text import SENTENCE, Span, SpanIndex, squash
from . import votes as V


@dataclass
class DraftDecision:
    kind: str
    label: str | None
    text: str
    span: Span  # clean span: label (or motion) through text
    text_span: Span  # what was decided (where its assignees are named)
    vote: str | None = None
    votes: dict[str, int] | None = None
    block: Span = (0, 0)  # the whole labelled block, label and vote lines included


@dataclass
class _Label:
    kind: str
    label: str
    start: int
    rest: Span | None  # text after the label on the same line
    needs_result: bool = False  # a motion, an election or a poll: a decision only with its result
    named: bool = False  # the label names more than its word: "TODO Anna", "Aufgaben Vorstand"


@dataclass(frozen=True)
class _Motion:
    """What a bare result line decides: the proposal or the heading above it."""

    label: str | None  # the proposal's own label ("Antrag")
    text: str
    span: Span
    heading: bool


@cache
def _rx(key: str) -> re.Pattern[str]:
    return re.compile(RULES.data[key])


def decisions(lay: Layout, region: Region, heading: Heading | None = None,
              own: str | None = None) -> list[DraftDecision]:
    """The decisions of one region (a TOP's body, the agenda or the header), in text order; ``own``:
    the body that met, whose decisions the minutes may state with it as the agent."""
    body = region.blocks
    lead = heading.index if heading and _heading_label(lay, heading) else None
    found = find_decisions(lay, [lead, *body] if lead is not None else body, heading)
    found += find_resolutions(lay, region.nodes, body, [d.block for d in found], heading, own)
    return sorted(found, key=lambda d: d.span[0])


def _heading_label(lay: Layout, h: Heading) -> bool:
    """A TOP heading that is itself a label: a decision word alone ("Beschlüsse", "Vorabstimmung"),
    not a topic ("Wahl Vorstand")."""
    title = squash(lay.of(h.title)).rstrip(":")
    return len(title.split()) == 1 and _label(lay, lay.blocks[h.index]) is not None


def _label(lay: Layout, b: Block, standalone: bool = True) -> _Label | None:
    """The label a block opens with (or that follows a sentence inside it: "… prüfen. Beschluss: …").
    ``standalone``: the block stands apart from its neighbours, which a label without a colon needs
    (else it is a wrapped line of prose); a line that records a result is no such label."""
    if b.kind == "row":
        return _row_label(lay, b)
    text = lay.block_text(b)
    for kind, rx in RULES.decision_sentence_labels:
        m = rx.match(text)
        if m:
            rest = (b.start + m.end(), b.end)
            return _Label(kind, squash(m.group().rstrip(":")), b.start, rest if text[m.end():].strip() else None)
    lead = len(text) - len(text.lstrip("[ "))  # a description-list label "[Wahl der Leitung:] …", "[Antrag] …"
    head = text[lead:]
    for kind, rx, needs_result in RULES.decision_labels:
        m = rx.match(head)
        if not m:
            continue
        colon = min((i for i in (head.find(":"), head.find("]") if "[" in text[:lead] else -1) if i >= 0), default=-1)
        if 0 <= colon <= 90:
            after = colon + 1 + (head[colon + 1 : colon + 2] == "]")
            rest = (b.start + lead + after, b.end) if head[after:].strip() else None
            return _Label(kind, squash(head[:colon]), b.start, rest, needs_result, bool(head[m.end() : colon].strip()))
        if (standalone and len(head.split()) <= 12 and not head.rstrip(" \"“”'").endswith((".", "?", "!", ","))
                and not _rx("decision_verbs").search(head) and not _rx("decision_outcome").search(head)):
            return _Label(kind, squash(head), b.start, None, needs_result)
    for m in re.finditer(r"[.!?]\s+(?=[A-ZÄÖÜ])", text) if ":" in text else ():  # a label after a sentence has a colon
        tail = text[m.end() :]
        colon = tail.find(":")
        if 0 < colon <= 40 and tail[colon + 1 :].strip():
            for kind, rx, needs_result in RULES.decision_labels:
                if rx.match(tail):
                    start = b.start + m.end()
                    return _Label(kind, squash(tail[:colon]), start, (start + colon + 1, b.end), needs_result)
    return None


def _row_label(lay: Layout, b: Block) -> _Label | None:
    """A two-column row whose first cell is a label ("Beschluss | Der Vorstand beauftragt …")."""
    if len(b.cells) != 2:
        return None
    key = squash(lay.of(b.cells[0])).rstrip(": ")
    for kind, rx, needs_result in RULES.decision_labels:
        if len(key.split()) <= 6 and rx.match(key):
            rest = strip_span(lay.text, *b.cells[1])
            return _Label(kind, key, b.start, rest if rest[1] > rest[0] else None, needs_result)
    return None


def find_decisions(lay: Layout, body: list[int], heading: Heading | None = None) -> list[DraftDecision]:
    """Labelled blocks: a label and the blocks under it up to the next label, heading or wide gap."""
    blocks = lay.blocks
    out: list[DraftDecision] = []
    k = 0
    while k < len(body):
        b = blocks[body[k]]
        nxt = blocks[body[k + 1]] if k + 1 < len(body) else None
        standalone = b.kind == "heading" or ((b.gap > 0 or k == 0) and (nxt is None or nxt.gap > 0))
        lab = _label(lay, b, standalone)
        if lab is None:
            k += 1
            continue
        members: list[Block] = []
        j = k + 1
        if lab.rest and _poll(lab) and (V.bare(lay.of(lab.rest)) or V.options(lay.of(lab.rest))):
            j = len(body)  # "Abstimmung: 8 dafür, 2 dagegen": the line is the whole result
        whole = lab.rest is not None and not lay.of(lab.rest).rstrip().endswith(":")
        while j < len(body):
            nb = blocks[body[j]]
            after = blocks[body[j + 1]] if j + 1 < len(body) else None
            if nb.kind == "heading":
                break
            end = _result_end(lay, body, j) if lab.kind != "todo" else j  # a task list takes no vote
            if end > j and whole and nb.gap > 0 and V.vote_of(lay.of(lab.rest)):
                break  # the label's line states its own result: the vote line apart from it is another's
            if end > j:  # a vote line or a result table ("Abstimmung: 6 Ja …") closes the block it follows,
                if not (lab.needs_result and any(m.gap for m in members[1:])):  # unless a debate came between
                    members.append(replace(nb, end=blocks[body[end - 1]].end))
                    j = end
                break
            if _label(lay, nb, nb.gap > 0 and (after is None or after.gap > 0)) is not None:
                break  # a new label
            if b.kind == "bullet" and nb.kind == "bullet" and nb.indent <= b.indent:
                break  # a label inside a bullet list ends with the next bullet of its level
            if nb.gap >= (1 if whole else 2) and (members or whole):
                break  # a resolution complete on its label's line takes no later paragraph or list
            members.append(nb)
            j += 1
        lead = (b.start, lab.start)  # "Protokoll vom 29.05. wird genehmigt. Abstimmung: 8/0/2"
        motion = (partial(_Motion, None, squash(lay.of(lead)), lead, False) if lab.start > b.start
                  else partial(_motion, lay, body, k, heading))
        out.extend(_decisions_of(lay, lab, members, motion))
        k = j if members or not lab.rest or not _poll(lab) else k + 1
    return _adopted_proposals(out)


def _adopted_proposals(found: list[DraftDecision]) -> list[DraftDecision]:
    """A "Beschlussvorschlag:" without a result that the next "Beschluss:" decides is no decision of its own:
    one recorded vote. The resolution's text is the proposal and the resolution where it adopts it by
    reference ("Der Stadtrat beschließt entsprechend dem Beschlussvorschlag."), else its own."""
    proposal, adopts = _rx("decision_adopted_proposal"), _rx("decision_adopts_proposal")
    out: list[DraftDecision] = []
    for d in found:
        last = out[-1] if out else None
        own = d.span[0] > (last.span[0] if last else -1)  # else the proposal is its motion ("Beschluss: einstimmig")
        if last is None or last.vote is not None or not last.label or not proposal.match(last.label) \
                or d.kind != "beschluss" or not d.label or (own and proposal.match(d.label)):
            out.append(d)
            continue
        if own and adopts.search(d.text):
            d = replace(d, text=f"{last.text} {d.text}", span=(last.span[0], d.span[1]), block=(last.block[0], d.block[1]))
        out[-1] = d
    return out


def _vote_line(text: str) -> bool:
    """A line that only states the vote ("Abstimmung: Ja: 51, Nein: 0 – angenommen")."""
    return bool(RULES.votes_as_written[0].fullmatch(squash(V.unpiped(text))))


def _result_end(lay: Layout, body: list[int], j: int) -> int:
    """Where the result that starts at ``body[j]`` ends: after a vote line, or after the rows of a result
    table under a bare result label ("Abstimmungsergebnis:" over "Dafür: 12" / "Dagegen: 2"); ``j`` if
    ``body[j]`` states no result."""
    text = lay.block_text(lay.blocks[body[j]])
    if _vote_line(text):
        return j + 1
    header = lay.blocks[body[j]].kind == "row" and not any(c.isdigit() for c in text)  # "| Abstimmung | Stimmen |"
    if not ((header or text.rstrip().endswith(":")) and _rx("decision_poll_labels").match(text)):
        return j
    row = _rx("vote_table_row")
    end = j + 1
    while (end < len(body) and lay.blocks[body[end]].gap <= (header and end == j + 1)  # a header's rule is a gap
           and row.match(squash(lay.block_text(lay.blocks[body[end]])))):
        end += 1
    rows = lay.of((lay.blocks[body[j]].start, lay.blocks[body[end - 1]].end))
    return end if end > j + 1 and V.counts(V.vote_of(rows)) else j


def _decisions_of(lay: Layout, lab: _Label, members: list[Block],
                  motion: Callable[[], _Motion | None]) -> list[DraftDecision]:
    preamble_vote = None
    parts: list[tuple[Span, bool]] = []  # (span, is bullet start)
    if lab.rest:
        parts.append((lab.rest, False))
    for b in members:
        bullet = b.kind == "bullet" or (b.indent > 0 and b.gap > 0 and lay.format in ("pdf_text", "plain"))
        bullet = bullet and not (parts and _vote_line(lay.block_text(b)))  # "[Abstimmung] 9 ja …" closes its item
        parts.append(((b.start, b.end), bullet))
    if parts:
        first = squash(lay.of(parts[0][0]))
        if RULES.rx("vote_preamble", re.I).match(first):
            preamble_vote = V.vote_of(first)
            parts = parts[1:]
    if not parts:
        return []
    bullets = [lay.of(p[0]) for p in parts if p[1]]
    split = bool(bullets) and (not _poll(lab) or all(V.vote_phrase(x) and not V.bare(x) for x in bullets))
    groups: list[list[Span]] = []
    for span, bullet in parts:
        if not groups or (split and bullet):
            groups.append([span])
        else:
            groups[-1].append(span)
    if split and not parts[0][1] and len(groups) > 1 and squash(lay.of(groups[0][0])).endswith(":"):
        groups = groups[1:]  # a lead-in paragraph before bullets belongs to no bullet
    out = []
    block = (lab.start, parts[-1][0][1])
    for g in groups:
        vote_line = V.vote_of(lay.of(g[-1])) if len(g) > 1 and _vote_line(lay.of(g[-1])) else None
        if vote_line:
            g = g[:-1]  # the vote line states the outcome; it is not what was decided
        s, e = g[0][0], g[-1][1]
        raw = "\n".join(lay.of(x) for x in g)
        text, label, span = squash(raw), lab.label, (lab.start if len(groups) == 1 else s, e)
        vote = vote_line or V.vote_of(text) or preamble_vote or V.vote_of(lab.label)
        tail = V.vote_phrase(text)
        options = V.options(raw) and not tail
        if options:
            vote = text  # a tally of options is the outcome; listed under the label, it is also the text
        if options and (len(g) > 1 or lab.rest is None):
            pass
        elif _poll(lab) and tail and tail.end() == len(text.rstrip(" .")) and tail.start() > 0:
            text = text[: tail.start()].rstrip(" ,;:–-")  # "Meinungsbild: ein Ausflug im Mai? 9 Ja, 1 Nein"
        elif options or V.bare(text):  # a motion label naming its matter is what was decided ("GO-Antrag auf …")
            matter = _matter(lab.label) or (lab.label if lab.needs_result and lab.named and lab.rest else None)
            m = None if matter else motion()
            if matter:
                text = matter
            elif m is not None:
                label = m.label or label
                text = f"{m.text} {text}" if m.heading else m.text
                span = (min(m.span[0], span[0]), e)
                block = (min(block[0], span[0]), block[1])
        elif lab.needs_result and not vote:
            continue
        named = lab.start if lab.kind == "todo" and lab.named and len(groups) == 1 else s
        out.append(DraftDecision(lab.kind, label, text, span, (named, e), vote=vote,
                                 votes=V.counts(vote) if vote and vote != text else None, block=block))
    return out


def _poll(lab: _Label) -> bool:
    return bool(_rx("decision_poll_labels").match(lab.label))


def _matter(label: str) -> str | None:
    """What a result label names: "Ergebnis der Abstimmung über das Sommerfest" → "Sommerfest"."""
    rest = _rx("decision_matter_lead").sub("", label + " ").strip()
    return rest if rest and rest != label.strip() else None


def _motion(lay: Layout, body: list[int], k: int, heading: Heading | None) -> _Motion | None:
    """The proposal or (sub)heading nearest above ``body[k]``; the TOP heading if there is none. Under a
    heading that names a motion ("Antrag zur Satzung") the one paragraph between it and the result is the
    motion's wording; a resolution that opens a list ("Die Bezirksvertretung beschließt, …:") is, with its list."""
    proposal = _rx("decision_proposal")
    top = k
    while top > 0 and lay.blocks[body[top - 1]].kind == "line" and (top == k or lay.blocks[body[top]].gap == 0):
        top -= 1  # the paragraph just above the result
    over = lay.blocks[body[top - 1]] if top > 0 else None
    named = heading if over is None else None
    if top < k and ((over is not None and over.kind == "heading" and _label(lay, over) is not None)
                    or (named is not None and _label(lay, lay.blocks[named.index]) is not None)):
        span = (lay.blocks[body[top]].start, lay.blocks[body[k - 1]].end)
        return _Motion(None, squash(lay.of(span)), span, False)
    for j in range(k - 1, -1, -1):
        b = lay.blocks[body[j]]
        if b.kind == "heading":
            return _Motion(None, squash(lay.block_text(b)), (b.start, b.end), True)
        text = lay.block_text(b)
        if text.rstrip().endswith(":") and b.kind == "line":  # "Die Bezirksvertretung beschließt, …:" over a list
            first = j
            while first > 0 and lay.blocks[body[first]].gap == 0 and lay.blocks[body[first - 1]].kind == "line":
                first -= 1
            lead = (lay.blocks[body[first]].start, b.end)
            if _rx("decision_active").search(lay.of(lead)) and not _rx("decision_not").search(lay.of(lead)):
                span = (lead[0], lay.blocks[body[k - 1]].end)
                return _Motion(None, squash(lay.of(span)), span, False)
        if proposal.match(text) and (j == 0 or lay.blocks[body[j - 1]].gap > 0 or b.gap > 0):
            end = j
            while end + 1 < k and lay.blocks[body[end + 1]].gap == 0 and lay.blocks[body[end + 1]].kind != "heading":
                end += 1
            span = (b.start, lay.blocks[body[end]].end)
            own = _label(lay, b)
            if own is not None and own.rest and own.needs_result and V.vote_of(lay.of(own.rest)):
                continue  # a motion with its own result ("GO-Antrag …: angenommen") is not voted on below
            if own is not None and own.rest:
                return _Motion(own.label, squash(lay.of((own.rest[0], span[1]))), span, False)
            if own is not None and end > j:  # "Beschlussvorschlag:" alone on its line over the wording
                return _Motion(own.label, squash(lay.of((lay.blocks[body[j + 1]].start, span[1]))), span, False)
            return _Motion(None, squash(lay.of(span)), span, False)
    if heading is None:
        return None
    return _Motion(None, squash(lay.of(heading.title)), heading.title, True)


def _units(nodes: list[Node]) -> list[Node]:
    """Paragraphs, list items and table rows in text order (headings kept as stops)."""
    out: list[Node] = []
    for n in nodes:
        if n.kind in ("list", "table"):
            out.extend(_units(n.children))
        else:
            out.append(n)
        if n.kind == "item" and n.children:
            out.extend(_units(n.children))
    return out


def _decides(sentence: str, body: str | None) -> bool:
    """A sentence that records a resolution: a vote, a decision verb in the passive or telegraphic
    style, or the body deciding; not a plan, a condition, a state or a report of an earlier decision
    (made by another body: "wurde vom Lenkungskreis verabschiedet")."""
    m = V.vote_phrase(sentence)
    if m and not re.search(r"\bnicht\s*$", sentence[: m.start()]):
        return True
    passive = _rx("decision_passive").search(sentence)
    outcome = _rx("decision_outcome").search(sentence)
    if outcome and passive and _rx("decision_objects").search(sentence):
        return not (_rx("decision_not").search(sentence, 0, outcome.end())
                    or _rx("decision_by_person").search(sentence))
    verb = (_rx("decision_verbs").search(sentence, passive.end()) if passive else None) or (
        _rx("decision_telegraphic").search(sentence) if len(sentence.split()) <= 20 else None) or (
        _rx("decision_active").search(sentence))
    if verb is None:
        return False
    before = sentence[: verb.end()]
    if _rx("decision_not").search(before) or re.search(r"\bnicht\b", before) or _rx("decision_state").search(before):
        return False
    agent = _rx("decision_agent").search(sentence)
    return agent is None or bool(body and agent["who"].startswith(body[:6]))


def find_resolutions(lay: Layout, nodes: list[Node], body: list[int], taken: list[Span],
                     heading: Heading | None, own: str | None = None) -> list[DraftDecision]:
    """Unlabelled resolutions, one per paragraph, item or row outside the labelled blocks."""
    out: list[DraftDecision] = []
    units = [u for u in _units(nodes) if u.kind != "heading" and u.blocks]
    position = {i: k for k, i in enumerate(body)}
    labelled = SpanIndex(taken)
    for u in units:
        s, e = lay.blocks[u.blocks[0]].start, lay.blocks[u.blocks[-1]].end
        if labelled.overlaps(s, e):
            continue
        d = _tally_box(lay, u, body, position) or _resolution(lay, s, e, body, position[u.blocks[0]], heading, own)
        if d is not None:
            out.append(d)
    return out


def _tally_box(lay: Layout, u: Node, body: list[int], position: dict[int, int]) -> DraftDecision | None:
    """A resolution printed as tally line and text ("12/0/3" over "Der Haushalt wird …"); the
    reference line just above it ("HV 2024-01") is its label."""
    first = lay.blocks[u.blocks[0]]
    line = lay.block_text(first).strip()
    if len(u.blocks) < 2 or not V.bare(line) or V.counts(V.vote_of(line)) is None:
        return None
    s, e = lay.blocks[u.blocks[1]].start, lay.blocks[u.blocks[-1]].end
    label, start = None, first.start
    k = position[u.blocks[0]]
    if k > 0:
        above = lay.blocks[body[k - 1]]
        ref = lay.block_text(above).strip()
        if above.kind == "line" and any(c.isdigit() for c in ref) and _rx("decision_reference").match(ref):
            label, start = ref, above.start
    vote = V.vote_of(line)
    return DraftDecision("beschluss", label, squash(lay.of((s, e))), (start, e), (s, e), vote=vote,
                         votes=V.counts(vote), block=(start, e))


@cache
def _cue() -> re.Pattern[str]:
    """A word without which no sentence decides (see ``_decides``): its vote words aside, every
    resolution holds a decision verb, an active "beschließt" or an outcome "angenommen"."""
    return re.compile("|".join(RULES.data[k] for k in ("decision_verbs", "decision_active", "decision_outcome")))


def _resolution(lay: Layout, s: int, e: int, body: list[int], k: int,
                heading: Heading | None, own: str | None) -> DraftDecision | None:
    text = lay.of((s, e))
    if not (V.may_vote(text) or _cue().search(squash(text))):
        return None  # most paragraphs: their sentences need not be split and asked one by one
    sents = [(s + m.start(), s + m.end()) for m in SENTENCE.finditer(text) if m.group().strip()]
    for n, (a, b) in enumerate(sents):
        sentence = squash(lay.of((a, b)))
        if not _decides(sentence, own):
            continue
        vote = V.vote_of(sentence)
        head, colon, _ = sentence.partition(":")
        start = a
        if colon and RULES.rx("vote_preamble", re.I).match(head + ":"):
            start = lay.text.index(":", a) + 1  # "Wir kommen einstimmig zum Ergebnis: …"
        span = (start, e)
        if n > 0 and _rx("decision_anaphora").match(sentence):
            span = (sents[n - 1][0], e)  # "… wird X vorgeschlagen. Sie wird mit 35 Ja-Stimmen gewählt."
        decided = squash(lay.of(span))
        if V.bare(sentence):
            if n > 0:
                span = (sents[n - 1][0], e)  # the motion is the sentence before the result
                decided = squash(lay.of(span))
            else:
                m = _motion(lay, body, k, heading)
                if m is None:
                    return None
                decided = f"{m.text} {decided}" if m.heading else m.text
                span = (min(m.span[0], s), e)
            start = span[0]  # what was decided is the motion
        return DraftDecision("beschluss", None, decided, span, (start, e), vote=vote,
                             votes=V.counts(vote), block=(s, e))
    return None
