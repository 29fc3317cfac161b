"""URLs and e-mail addresses, joined where a line break split them, each address once."""

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
    bare = rf"(?<![\w@./-])[a-z0-9][\w-]*\.(?:{tlds})(?![\w.@-])(?:/{_PART}*)?"
    return re.compile(rf"(?P<email>{email})|(?P<url>{url})|(?P<bare>{bare})")


def norm_link(url: str) -> str:
    return re.sub(r"^(?:https?://|mailto:)", "", url.lower()).rstrip("/")


_IN_TAG = re.compile(r"<[^<>]*$")


def find_links(text: str) -> list[LinkHit]:
    seen: set[str] = set()
    out: list[LinkHit] = []
    for m in _pattern().finditer(text):
        tag = _IN_TAG.search(text, max(0, m.start() - 300), m.start())
        if tag and not re.search(r"\b(?:href|src)\s*=\s*[\"']?(?:mailto:)?$", tag.group(), re.I):
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
