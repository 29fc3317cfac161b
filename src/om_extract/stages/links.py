"""URLs and e-mail addresses, joined where a line break split them, each address once: as text, as
a link target (Markdown "[…](…)", HTML "<a href>", LaTeX "\\url{…}", autolinks "<…>") and bare
domains ("verein.ch", kept as written). Not images, the site's header and footer, relative paths."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..rules import RULES


@dataclass(frozen=True)
class LinkHit:
    start: int
    end: int
    url: str
    kind: str


_PART = r"[\w.+~%#=&?/:;-]"


@cache
def _pattern() -> re.Pattern[str]:
    tlds = RULES.data["link_tlds"]
    # "transfertag-\nwina@…", ".../s/\nradverkehr" (also double-spaced)
    cont = (r"(?:(?:-[ \t]*\n(?:[ \t]*\n)?[ \t]*(?=[a-z0-9])"
            r"|(?<=/)[ \t]*\n(?:[ \t]*\n)?[ \t]*(?!https?:|www\.)(?=[a-z][\w~%#=&?-]*[-_/.=?]\w))[\w.+~%#=&?/-]+){0,3}")
    email = rf"(?<![\w.+-])(?:mailto:)?[\w.+-]+{cont}@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{{2,}}"
    url = rf"(?:https?://|www\.)[\w-]+{cont}(?:\.[\w-]+{cont})+(?:/{_PART}*{cont})*"
    bare = rf"(?<![\w@./-])[A-Za-z0-9][\w-]*(?:\.[\w-]+)*\.(?:{tlds})(?![\w@-]|\.\w)(?:/{_PART}*)?"
    return re.compile(rf"(?P<email>{email})|(?P<url>{url})|(?P<bare>{bare})")


def norm_link(url: str) -> str:
    return re.sub(r"^(?:https?://|mailto:)", "", url.lower()).rstrip("/")


_IN_TAG = re.compile(r"<[A-Za-z][\w:-]*\s[^<>]*$")
"""An open tag with attributes before a match ("<a href=", "<html xmlns="); an autolink
"<https://…>" and an escaped "\\<" are no tags."""


@cache
def _hidden() -> re.Pattern[str]:
    """Text whose addresses the author did not write as links: images ("![…](src)", "<img …>"),
    the site's own header, navigation and footer, and a link's label that repeats its target."""
    chrome = RULES.data["link_chrome_tags"]
    return re.compile(
        rf"!\[[^\]\n]*\]\([^)\s]*[^)]*\)|<img\b[^>]*>|<(?P<el>{chrome})\b[^>]*>.*?</(?P=el)\s*>"
        r"|(?<!!)\[(?P<md>[^\]\n]+)\]\(\s*<?[a-z][\w+.-]*:"
        r"|<a\b[^>]*\bhref\s*=[^>]*>(?P<html>[^<]*(?:<(?!/a\b)[^<]*)*)</a\s*>", re.I | re.S)


def _masked(text: str) -> str:
    """The text with hidden parts blanked (same length, so offsets stay); a link label only
    where it is itself an address, so that the address counts once, as the link's target."""
    pattern = _pattern()

    def blank(m: re.Match[str]) -> str:
        label = m.group("md") if m.group("md") is not None else m.group("html")
        if label is None:
            return re.sub(r"[^\n]", " ", m.group())
        if not pattern.search(label):
            return m.group()
        s, e = m.span("md" if m.group("md") is not None else "html")
        return m.group()[: s - m.start()] + " " * (e - s) + m.group()[e - m.start() :]

    return _hidden().sub(blank, text)


def find_links(text: str) -> list[LinkHit]:
    seen: set[str] = set()
    out: list[LinkHit] = []
    scan = _masked(text)
    for m in _pattern().finditer(scan):
        tag = _IN_TAG.search(scan, max(0, m.start() - 300), m.start())
        if tag and not re.search(r"\bhref\s*=\s*[\"']?(?:mailto:)?$", tag.group(), re.I):
            continue  # inside a tag but not a link target: a namespace, a style
        raw = m.group()
        trimmed = raw.rstrip(".,;:)»“\"'")
        end = m.start() + len(trimmed)
        url = re.sub(r"\s+", "", trimmed)
        kind = "email" if m.group("email") else "url"
        if kind == "email":
            url = url.removeprefix("mailto:")
        key = norm_link(url)
        if key in seen:
            continue
        seen.add(key)
        out.append(LinkHit(m.start(), end, url, kind))
    return out
