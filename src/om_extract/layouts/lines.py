"""Line-oriented text (PDF-to-text and plain): blank-line gaps, bullets, page artefacts."""

from __future__ import annotations

import re

from ..blocks import BULLET, Block, Layout
from ..models import Format
from ..rules import RULES
from ..text import MappedText, Span, drop_ranges, rewrite

_URL_ONLY = re.compile(r"^\s*(?:mailto:\S+|https?://\S+|www\.\S+)\s*$")
_RULE = re.compile(r"^\s*([-=_~*])\1{2,}\s*$")  # an underline or a rule: typewriter markup, no text


_BREAK = re.compile(r"[\n\f]")


def _line_spans(text: str) -> tuple[list[Span], set[int]]:
    """Lines split at newlines and form feeds, and the indices of lines that open a page."""
    spans: list[Span] = []
    page_starts: set[int] = set()
    pos = 0
    for m in _BREAK.finditer(text):
        spans.append((pos, m.start()))
        if m.group() == "\f":
            page_starts.add(len(spans))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans, page_starts


def _page_edges(text: str, spans: list[Span], page_starts: set[int]) -> list[int]:
    """Running headers and footers: the same first/last line on several pages (the first page's
    header and the last page's footer included)."""
    def first_nonblank(i: int, step: int) -> int | None:
        while 0 <= i < len(spans):
            if text[spans[i][0] : spans[i][1]].strip():
                return i
            i += step
        return None

    if not page_starts:
        return []
    edges: dict[str, list[int]] = {}
    for start in sorted({0, *page_starts, len(spans)}):
        for i in {first_nonblank(start, 1), first_nonblank(start - 1, -1)}:
            if i is not None:
                key = re.sub(r"\d+", "#", " ".join(text[spans[i][0] : spans[i][1]].split()))
                edges.setdefault(key, []).append(i)
    return sorted({i for lines in edges.values() if len(set(lines)) >= 2 for i in lines})


def _artefacts(text: str, spans: list[Span], page_starts: set[int]) -> list[Span]:
    """Lines that belong to the page, not the minutes: link dumps, page footers, running headers,
    underlines and rules."""
    drop = set(_page_edges(text, spans, page_starts))
    i = 0
    while i < len(spans):
        line = text[spans[i][0] : spans[i][1]]
        j = i
        while j < len(spans) and _URL_ONLY.match(text[spans[j][0] : spans[j][1]]):
            j += 1
        if j > i and (j - i >= 2 or line.strip().startswith("mailto:")):
            drop.update(range(i, j))
            i = j
            continue
        if RULES.page_footer.match(line.strip()) or _RULE.match(line):
            drop.add(i)
        i += 1
    return [(spans[i][0], min(spans[i][1] + 1, len(text))) for i in sorted(drop)]


_PAGE_AND_TAB = re.compile(r"[\f\t]")


def _flatten(m: re.Match[str]) -> str:
    """A tab is a blank; a form feed at a line boundary vanishes (the page break is no paragraph
    break), inside a line it ends the line."""
    if m.group() == "\t":
        return " "
    text, at = m.string, m.start()
    return "" if at == 0 or text[at - 1] in "\n\f" or text[at + 1 : at + 2] in ("", "\n", "\f") else "\n"


_SPACED = re.compile(r"(?<!\S)(?:[^\W\d_] )+[^\W\d_](?!\S)")
_WIDE = re.compile(r"(?<!\S)(?:[^\W\d_] ){3,}[^\W\d_](?!\S)")
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2}|_{1,2})(?=[^\s*_])[^\n]*?(?<=[^\s*_])\1(?![\w*])")


def _letter_spacing(text: str) -> list[Span]:
    """The blanks inside letter-spaced words ("T a g e s o r d n u n g"), on lines that hold a
    letter-spaced word of four letters or more."""
    out: list[Span] = []
    for m in _WIDE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if out and out[-1][0] >= line_start:
            continue
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        for g in _SPACED.finditer(text, line_start, line_end):
            out += [(k, k + 1) for k in range(g.start() + 1, g.end(), 2)]
    return out


def _emphasis(text: str) -> list[Span]:
    """The markers of e-mail emphasis ("*Beschluss:*", "**TOP 2**", "_wichtig_")."""
    out: list[Span] = []
    for m in _EMPHASIS.finditer(text):
        k = len(m.group(1))
        out += [(m.start(), m.start() + k), (m.end() - k, m.end())]
    return out


def parse(clean: MappedText, fmt: Format) -> Layout:
    text = clean.text
    cleaning = sorted(_letter_spacing(text) + (_emphasis(text) if fmt == "plain" else []))
    if cleaning:
        clean = clean.compose(drop_ranges(text, cleaning))
        text = clean.text
    dropped = _artefacts(text, *_line_spans(text))
    if dropped:
        clean = clean.compose(drop_ranges(text, dropped))
        text = clean.text
    if "\f" in text or "\t" in text:
        clean = clean.compose(rewrite(text, _PAGE_AND_TAB, _flatten))
        text = clean.text
    blocks: list[Block] = []
    gap = 0
    for s, e in _line_spans(text)[0]:
        line = text[s:e]
        content = line.strip()
        if not content:
            gap += 1
            continue
        lead = len(line) - len(line.lstrip())
        start = s + lead
        end = s + len(line.rstrip())
        kind = "line"
        m = BULLET.match(content)
        if m and not re.match(r"^-\s*\d|\d", content):  # "3)" numbers a line like "3.", no bullet
            kind = "bullet"
            start += m.end()
        blocks.append(Block(kind, start, end, gap=gap, indent=lead))
        gap = 0
    return Layout(fmt, clean, blocks)
