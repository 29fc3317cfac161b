"""Section text, presenters ("X stellt … vor", "X berichtet"), attachments and adjournment."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..blocks import Layout
from ..rules import RULES
from ..text import OPEN_END, SENTENCE, Span, squash


def attachments(text: str) -> list[int]:
    out: list[int] = []
    for m in RULES.rx("attachments").finditer(text):
        nums = [int(n) for n in re.findall(r"\d+", re.sub(r"\([^)]*\)", "", m.group(1)))]
        if re.search(r"\d\s*(?:bis|-|–)\s*\d", m.group(1)) and len(nums) == 2 and nums[0] < nums[1] <= nums[0] + 20:
            nums = list(range(nums[0], nums[1] + 1))
        out += [n for n in nums if n not in out]
    return out


def postponed(text: str) -> bool:
    return bool(RULES.rx("postponed", re.I).search(text))


def _paragraphs(lay: Layout, body: list[int]) -> list[tuple[int, int]]:
    """Clean-text spans of paragraphs: lines joined until a gap or a bullet (a gap after a line
    that stops mid-phrase is double spacing, not a paragraph break)."""
    out: list[tuple[int, int]] = []
    for i in body:
        b = lay.blocks[i]
        wrapped = b.gap == 0 or (b.gap == 1 and bool(out) and OPEN_END.search(lay.text[out[-1][0] : out[-1][1]]))
        if out and wrapped and b.kind == "line" and b.indent == 0 and lay.format in ("pdf_text", "plain"):
            out[-1] = (out[-1][0], b.end)
        else:
            out.append((b.start, b.end))
    return out


def presenter_spans(lay: Layout, body: list[int], mentions: list[Span]) -> list[Span]:
    """Spans of person mentions (of ``mentions``) that present: the subject of a presenting verb,
    and names listed under a presenting sentence that ends with a colon ("… stellen sich vor:")."""
    verb = re.compile(RULES.data["presenting"])
    lead = re.compile(rf"(?<!\w)(?:{RULES.salutation}|{RULES.title}|{RULES.data['role_nouns']}|Der|Die|Das)(?=[\s.]|$)")
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
        for sent in SENTENCE.finditer(masked):
            vm = verb.search(sent.group())
            if not vm:
                continue
            cut = sent.start() + vm.start()
            inside = [n for n in names if sent.start() <= n[0] and n[1] <= cut]
            rest = masked[sent.start() : cut]
            for a, b in sorted(inside, reverse=True):
                rest = rest[: a - sent.start()] + " " + rest[b - sent.start() :]
            rest = re.sub(r"\b(?:vom|von\s+der|von\s+dem|von)\s+[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*)*", " ", rest)
            rest = lead.sub(" ", re.sub(r"\([^)]*\)|\b(?:und|sowie)\b|[,•\-–]", " ", rest))
            if inside and not rest.strip(" ."):
                out += [(start + a, start + b) for a, b in inside]
                listing = listing or sent.group().rstrip().endswith(":")
    return out
