"""URLs and e-mail addresses, joined where a line break split them, each address once: as text, as
a link target (Markdown "[…](…)", HTML "<a href>", LaTeX "\\url{…}", autolinks "<…>") and bare
domains ("verein.ch", kept as written). Not images, the site's header and footer, relative paths."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..rules import RULES
from ..text import Span


@dataclass(frozen=True)
class LinkHit:
    start: int
    end: int
    url: str
    kind: str


_PART = r"[\w.+~%#=&?/:;-]"


@cache
def _pattern(email: bool = True) -> re.Pattern[str]:
    """E-mail addresses, URLs and bare domains; ``email=False`` for a text without an "@", where no
    address can match (the address alternative costs half the search)."""
    tlds = RULES.data["link_tlds"]
    # "transfertag-\nwina@…", ".../s/\nradverkehr" (also double-spaced)
    cont = (r"(?:(?:-[ \t]*\n(?:[ \t]*\n)?[ \t]*(?=[a-z0-9])"
            r"|(?<=/)[ \t]*\n(?:[ \t]*\n)?[ \t]*(?!https?:|www\.)(?=[a-z][\w~%#=&?-]*[-_/.=?]\w))[\w.+~%#=&?/-]+){0,3}")
    mail = rf"(?<![\w.+-])(?=(?:mailto:)?[\w.+-]*(?:@|-[ \t]*\n))(?:mailto:)?[\w.+-]+{cont}@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{{2,}}"
    url = rf"(?:https?://|www\.)[\w-]+{cont}(?:\.[\w-]+{cont})+(?:/{_PART}*{cont})*"
    bare = rf"(?<![\w@./-])(?=[\w-]*\.)[A-Za-z0-9][\w-]*(?:\.[\w-]+)*\.(?:{tlds})(?![\w@-]|\.\w)(?:/{_PART}*)?"
    # the lookaheads ("an @ or a broken line ahead", "a dot after the word") are what each kind
    # needs at least: most words fail them at once instead of after backtracking through the word
    return re.compile(rf"(?P<email>{mail})|" * email + rf"(?P<url>{url})|(?P<bare>{bare})")


def norm_link(url: str) -> str:
    return re.sub(r"^(?:https?://|mailto:)", "", url.lower()).rstrip("/")


_IN_TAG = re.compile(r"<[A-Za-z][\w:-]*\s[^<>]*$")
"""An open tag with attributes before a match ("<a href=", "<html xmlns="); an autolink
"<https://…>" and an escaped "\\<" are no tags."""


@cache
def _hidden() -> dict[str, re.Pattern[str]]:
    """Where the author wrote no link of their own: images ("![…](src)", "<img …>"), the site's
    header, navigation and footer, and a link's label that repeats its target. Bounded, so that
    broken markup costs linear time."""
    chrome = RULES.data["link_chrome_tags"]
    return {
        "image": re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,500}\)|<img\b[^>]{0,2000}>", re.I),
        "chrome": re.compile(rf"<(/?)({chrome})\b[^>]{{0,2000}}>", re.I),
        "md_label": re.compile(r"(?<!!)\[([^\]\n]{1,300})\]\(\s*<?[a-z][\w+.-]*:", re.I),
        "a_open": re.compile(r"<a\b[^>]{0,2000}\bhref\s*=[^>]{0,2000}>", re.I),
        "a_close": re.compile(r"</a\s*>", re.I),
    }


def _hidden_spans(text: str) -> Iterator[Span]:
    pats, address = _hidden(), _pattern()
    yield from (m.span() for m in pats["image"].finditer(text))
    opened: dict[str, list[int]] = {}
    for m in pats["chrome"].finditer(text):
        stack = opened.setdefault(m.group(2).lower(), [])
        if not m.group(1):
            stack.append(m.start())
        elif stack:
            yield stack.pop(), m.end()
    labels = [m.span(1) for m in pats["md_label"].finditer(text)]
    closes = [m.start() for m in pats["a_close"].finditer(text)]
    for m in pats["a_open"].finditer(text):
        k = bisect_left(closes, m.end())
        if k < len(closes) and closes[k] - m.end() <= 2000:
            labels.append((m.end(), closes[k]))
    yield from ((s, e) for s, e in labels if address.search(text, s, e))


def _masked(text: str) -> str:
    """The text with the hidden parts blanked (same length, so offsets stay): a link whose label
    is itself an address counts once, as its target."""
    hidden = list(_hidden_spans(text))
    if not hidden:
        return text
    chars = list(text)
    for s, e in hidden:
        chars[s:e] = [c if c == "\n" else " " for c in chars[s:e]]
    return "".join(chars)


def find_links(text: str) -> list[LinkHit]:
    seen: set[str] = set()
    out: list[LinkHit] = []
    scan = _masked(text)
    for m in _pattern("@" in scan).finditer(scan):
        tag = _IN_TAG.search(scan, max(0, m.start() - 300), m.start())
        if tag and not re.search(r"\bhref\s*=\s*[\"']?(?:mailto:)?$", tag.group(), re.I):
            continue  # inside a tag but not a link target: a namespace, a style
        raw = m.group()
        trimmed = raw.rstrip(".,;:)»“\"'")
        end = m.start() + len(trimmed)
        url = re.sub(r"\s+", "", trimmed)
        kind = "email" if m.lastgroup == "email" else "url"
        if kind == "email":
            url = url.removeprefix("mailto:")
        key = norm_link(url)
        if key in seen:
            continue
        seen.add(key)
        out.append(LinkHit(m.start(), end, url, kind))
    return out
