"""Labelled decision blocks: "Beschluss …:", "Beschlüsse:", "Vereinbarung …", "Die AG … vereinbart:",
"To Do:", and motions whose result is recorded. One paragraph block is one decision; a block
of bullets is one decision per bullet; a preamble that only states the vote is not text."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

from ..blocks import Block, Layout
from ..rules import RULES
from ..text import Span, squash


@dataclass
class DraftDecision:
    kind: str
    label: str
    text: str
    span: Span  # clean span: label through text
    text_span: Span
    vote: str | None = None
    votes: dict[str, int] | None = None
    block: Span = (0, 0)  # the whole labelled block, label and vote lines included


@dataclass
class _Label:
    kind: str
    label: str
    start: int
    rest: Span | None  # text after the label on the same line
    needs_result: bool = False  # a motion or an election: a decision only with its result


def _label(lay: Layout, b: Block, standalone: bool = True) -> _Label | None:
    """The label a block opens with. ``standalone``: the block stands apart from its neighbours,
    which a label without a colon needs (else it is a wrapped line of prose)."""
    text = lay.block_text(b)
    for kind, rx in RULES.decision_sentence_labels:
        m = rx.match(text)
        if m:
            rest = (b.start + m.end(), b.end)
            return _Label(kind, squash(m.group().rstrip(":")), b.start, rest if text[m.end():].strip() else None)
    for kind, rx, needs_result in RULES.decision_labels:
        m = rx.match(text)
        if not m:
            continue
        colon = text.find(":")
        if 0 <= colon <= 90:
            rest = (b.start + colon + 1, b.end)
            return _Label(kind, squash(text[:colon]), b.start, rest if text[colon + 1 :].strip() else None, needs_result)
        if standalone and len(text.split()) <= 12 and not text.rstrip(" \"“”'").endswith((".", "?", "!", ",")):
            return _Label(kind, squash(text), b.start, None, needs_result)
    return None


def find_decisions(lay: Layout, body: list[int]) -> list[DraftDecision]:
    blocks = lay.blocks
    out: list[DraftDecision] = []
    k = 0
    while k < len(body):
        b = blocks[body[k]]
        nxt = blocks[body[k + 1]] if k + 1 < len(body) else None
        standalone = (b.gap > 0 or k == 0) and (nxt is None or nxt.gap > 0)
        lab = _label(lay, b, standalone) if b.kind in ("line", "heading", "bullet") else None
        if lab is None:
            k += 1
            continue
        # the block: following blocks up to the next label, a wide gap, or the section end
        members: list[Block] = []
        j = k + 1
        while j < len(body):
            nb = blocks[body[j]]
            after = blocks[body[j + 1]] if j + 1 < len(body) else None
            if _label(lay, nb, nb.gap > 0 and (after is None or after.gap > 0)) is not None or nb.kind == "heading":
                break
            if b.kind == "bullet" and nb.kind == "bullet" and nb.indent <= b.indent:
                break  # a label inside a bullet list ends with the next bullet of its level
            if members and nb.gap >= 2 and not _vote_line(lay.block_text(nb)):
                break
            members.append(nb)
            j += 1
        out.extend(_decisions_of(lay, lab, members))
        k = j
    return out


def _vote(text: str) -> str | None:
    """The outcome as written; the first vote form (in the order of ``rules/``) that matches."""
    for rx in RULES.votes_as_written:
        m = rx.search(text)
        if m:
            return squash(m.groupdict().get("v") or m.group()).rstrip(" .")
    return None


def _vote_line(text: str) -> bool:
    """A line that only states the vote ("Abstimmung: Ja: 51, Nein: 0 – angenommen")."""
    return bool(RULES.votes_as_written[0].fullmatch(text.strip()))


def _votes(text: str) -> dict[str, int] | None:
    m = re.search(RULES.data["votes"]["triple"], text)
    if m and ("/" in m.group() or re.search(r"Stimmen|Ja|Nein", text)):
        return {"yes": int(m.group(1)), "no": int(m.group(2)), "abstain": int(m.group(3))}
    found = {}
    for key, rule in (("yes", "in_favour"), ("no", "against"), ("abstain", "abstain")):
        mm = re.search(RULES.data["votes"][rule], text)
        if mm:
            found[key] = int(next(g for g in mm.groups() if g))
    if "yes" in found and "no" in found:
        return {"yes": found["yes"], "no": found["no"], "abstain": found.get("abstain", 0)}
    return None


def _decisions_of(lay: Layout, lab: _Label, members: list[Block]) -> list[DraftDecision]:
    preamble_vote = None
    parts: list[tuple[Span, bool, bool]] = []  # (span, is bullet start, new paragraph)
    if lab.rest:
        parts.append((lab.rest, False, True))
    for b in members:
        bullet = b.kind == "bullet" or (b.indent > 0 and b.gap > 0 and lay.format in ("pdf_text", "plain"))
        parts.append(((b.start, b.end), bullet, b.gap > 0))
    # a preamble that only states the vote
    if parts:
        first = squash(lay.of(parts[0][0]))
        if RULES.rx("vote_preamble", re.I).match(first):
            preamble_vote = _vote(first)
            parts = parts[1:]
    if not parts:
        return []
    groups: list[list[Span]] = []
    has_bullets = any(p[1] for p in parts)
    for span, bullet, _new in parts:
        if not groups or (has_bullets and bullet):
            groups.append([span])
        else:
            groups[-1].append(span)
    if has_bullets and not parts[0][1] and len(groups) > 1:
        # a lead-in paragraph before bullets belongs to no bullet
        lead = squash(lay.of(groups[0][0]))
        if lead.endswith(":"):
            groups = groups[1:]
    out = []
    block = (lab.start, parts[-1][0][1])
    for g in groups:
        vote_line = _vote(lay.of(g[-1])) if len(g) > 1 and _vote_line(lay.of(g[-1])) else None
        if vote_line:
            g = g[:-1]  # the vote line states the outcome; it is not what was decided
        s, e = g[0][0], g[-1][1]
        text = squash("\n".join(lay.of(x) for x in g))
        vote = vote_line or _vote(text) or preamble_vote
        if lab.needs_result and not (vote or _votes(text)):
            continue
        out.append(DraftDecision(
            lab.kind, lab.label, text, (lab.start if len(groups) == 1 else s, e), (s, e),
            vote=vote, votes=_votes(text) or _votes(vote or "") or (_votes(lab.label) if preamble_vote is None else None),
            block=block,
        ))
    return out


def find_motions(lay: Layout, body: list[int], taken: list[Span]) -> list[DraftDecision]:
    """A motion or vote with its recorded result, outside labelled blocks."""
    rx = RULES.rx("motion", re.I)
    out = []
    taken = sorted(taken)
    starts = [s for s, _ in taken]
    reach = list(accumulate((e for _, e in taken), max))  # reach[k]: the furthest end of taken[: k + 1]
    for i in body:
        b = lay.blocks[i]
        k = bisect_left(starts, b.end) - 1  # taken[: k + 1] start before the block ends
        if k >= 0 and reach[k] > b.start:
            continue
        text = lay.block_text(b)
        m = rx.search(text)
        if not m:
            continue
        colon = text.find(":")
        label = squash(text[:colon]) if 0 < colon < 80 else squash(text[: m.start()] or "Antrag")[:80]
        rest = text[colon + 1 :] if 0 < colon < 80 else text
        out.append(DraftDecision("beschluss", label or "Antrag", squash(rest), (b.start, b.end),
                                 (b.start + (colon + 1 if 0 < colon < 80 else 0), b.end),
                                 vote=_vote(text), votes=_votes(text), block=(b.start, b.end)))
    return out
