"""Section text, presenters ("X stellt … vor", "X berichtet"), attachments and adjournment."""

from __future__ import annotations

import re

from ..blocks import Layout
from ..names import find_names
from ..rules import RULES
from ..text import Span, squash


def section_text(lay: Layout, body: list[int]) -> str:
    """Cleaned body: paragraphs on their own lines, bullets as "- "."""
    lines: list[str] = []
    for i in body:
        b = lay.blocks[i]
        text = squash(lay.block_text(b))
        if b.kind == "bullet" or (b.indent > 0 and b.gap > 0 and lay.format in ("pdf_text", "plain")):
            lines.append(f"- {text}")
        elif lines and b.gap == 0 and b.kind == "line" and lay.format in ("pdf_text", "plain"):
            lines[-1] = squash(f"{lines[-1]}\n{lay.block_text(b)}")
        else:
            lines.append(text)
    return "\n".join(lines)


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


def presenter_spans(lay: Layout, body: list[int]) -> list[Span]:
    """Name spans of people who present: the subject of a presenting verb, and names listed
    under a presenting sentence that ends with a colon ("… stellen sich vor:")."""
    verb = re.compile(RULES.data["presenting"])
    out: list[Span] = []
    listing = False
    for i in body:
        b = lay.blocks[i]
        text = lay.block_text(b)
        names = find_names(text)
        if listing and names and len(squash(text)) <= len(names[0].full) + 30 and len(names) == 1:
            out.append((b.start + names[0].name_start, b.start + names[0].end))
            continue
        listing = False
        for sent in re.finditer(r"[^.!?]+(?:[.!?]+|$)", text):
            s = sent.group()
            vm = verb.search(s)
            if not vm:
                continue
            prefix = s[: vm.start()]
            inside = [n for n in names if sent.start() <= n.start and n.end <= sent.start() + vm.start()]
            rest = prefix
            for n in sorted(inside, key=lambda n: -n.start):
                a, z = n.start - sent.start(), n.end - sent.start()
                rest = rest[:a] + rest[z:]
            rest = re.sub(r"\([^)]*\)|\b(?:und|sowie)\b|[,•\-–\s]", "", rest)
            if inside and not rest:
                out += [(b.start + n.name_start, b.start + n.end) for n in inside]
            if inside and s.rstrip().endswith(":"):
                listing = True
        if text.rstrip().endswith(":") and re.search(r"stellen sich\b.*vor", text):
            listing = True
    return out
