"""groff sources (ms and man macros): ``.NH``/``.SH`` headings, ``.IP`` items, ``.PP`` paragraphs.

Requests become Markdown-like lines and the result is read like Markdown; ``.NH n`` headings get
the numbers groff prints (1, 1.1, …), ``.SH``/``.SS`` headings none; escapes become characters."""

from __future__ import annotations

import re

from ..blocks import Layout
from ..text import MappedText, rewrite
from .numbered import HeadingNumbers, layout

GROFF = re.compile(r"^\.(?:TH|SH|NH|PP|LP|IP|TL|AU)\b", re.M)
_TOKENS = re.compile(
    r"(?P<comment>^\.\\\".*\n?|\\\".*)"
    r"|(?P<nh>^\.NH(?:[ \t]+(?P<depth>\d))?[ \t]*\n)"
    r"|(?P<sh>^\.(?P<which>SH|SS|TL)\b(?:[ \t]*\n|[ \t]+\"?(?=\S)))"
    r"|(?P<ip>^\.IP\b[ \t]*(?:\"(?P<qtag>[^\"\n]*)\"|(?P<tag>\S+))?[^\n]*\n)"
    r"|(?P<para>^\.(?:PP|LP|P|sp|br|nf|fi|RS|RE|TH|AU|AI|ND|DS|DE)\b[^\n]*\n?)"
    r"|(?P<font>^\.(?:B|I|BI|R|CW)\b[ \t]*\"?)"
    r"|(?P<request>^\.[a-zA-Z]{1,3}\b[^\n]*\n?)"
    r"|(?P<special>\\\((?P<name>[a-zA-Z0-9]{2}))"
    r"|(?P<inlinefont>\\f(?:[BIRPC]|\(\w\w|\[\w*\]))"
    r"|(?P<escaped>\\[-e&| ^0]|\\ )"
    r"|(?P<quote>\"(?=[ \t]*$))",
    re.M,
)
_SPECIAL = {"en": "–", "em": "—", "bu": "•", "lq": "„", "rq": "“", "oq": "‚", "cq": "‘", "S2": "²", "mu": "×",
            "de": "°", "Eu": "€", "eu": "€", "hy": "-", "aq": "'", "dq": '"', "co": "©"}


def parse(clean: MappedText) -> Layout:
    numbers = HeadingNumbers(4)

    def replace(m: re.Match[str]) -> str:
        if m.group("nh"):
            depth = min(int(m.group("depth") or 1), 4) - 1
            numbers.numbered(depth)
            return "\n" + "#" * (depth + 2) + " "
        if m.group("sh"):
            numbers.unnumbered()
            return "\n" + "#" * {"TL": 1, "SH": 2, "SS": 3}[m.group("which")] + " "
        if m.group("ip"):  # a numbered tag is the item's number; a bullet or none makes a bullet
            tag = (m.group("qtag") or m.group("tag") or "").strip()
            return f"\n{tag} " if re.fullmatch(r"\d{1,2}[.)]?|[a-z][.)]", tag) else "\n- "
        if m.group("para") or m.group("comment") or m.group("request"):
            return "\n"
        if m.group("special"):
            return _SPECIAL.get(m.group("name"), "")
        if m.group("escaped"):
            return {"\\-": "-", "\\e": "\\", "\\ ": " ", "\\0": " "}.get(m.group(), "")
        return ""

    return layout(clean, rewrite(clean.text, _TOKENS, replace), numbers)
