"""LaTeX minutes: ``\\section{TOP 1: …}`` headings, ``\\item`` bullets, ``\\textbf{…}`` emphasis."""

from __future__ import annotations

import re
from functools import cache

from ..blocks import Layout
from ..rules import RULES
from ..text import MappedText, rewrite
from .numbered import HeadingNumbers, layout

LATEX = re.compile(r"\\(?:sub)*section\*?\{|\\begin\{(?:document|itemize|enumerate)\}")
_TOKENS = re.compile(
    r"(?P<comment>(?<!\\)%[^\n]*)"
    r"|(?P<drop>\\(?:documentclass|usepackage|label|ref|vspace|hspace|newpage|maketitle|tableofcontents|input|include)"
    r"(?:\[[^\]]*\])?(?:\{[^}]*\})?)"
    r"|(?P<assign>\\[a-zA-Z]+\s*=\s*-?[\d.]+\w*)"
    r"|(?P<dash>---?)"
    r"|(?P<space>(?<!\\)~|\\[,;:! ])"
    r"|(?P<section>\\(?P<sub>(?:sub)*)section(?P<star>\*?)\{)"
    r"|(?P<title>\\title\{)"
    r"|(?P<tally>(?:(?<=\{\d)|(?<=\{\d\d)|(?<=\{\d\d\d))\}[ \t]*\{(?=\d{1,3}\}))"
    r"|(?P<argsep>(?<!\\)\}[ \t]*\n?[ \t]*\{)"
    r"|(?P<item>\\item\b\s*)"
    r"|(?P<newline>\\\\[ \t]*\n?)"
    r"|(?P<escaped>\\[%&_#$])"
    r"|(?P<env>\\(?:begin|end)\{[^}]*\}(?:\[[^\]]*\])?)"
    r"|(?P<keymacro>\\(?P<kname>[a-zA-Z]+)\{)"
    r"|(?P<command>\\[a-zA-Z]+\*?(?:\[[^\]]*\])?\{?)"
    r"|(?P<brace>[{}])"
)


def _replace(m: re.Match[str]) -> str:
    kind = m.lastgroup
    if m.group("section"):
        return "\n" + "#" * (len(m.group("sub") or "") // 3 + 2) + " "
    if kind == "title":
        return "\n# "
    if kind == "item":
        return "\n- "
    if kind in ("newline", "argsep"):
        return "\n"
    if kind == "tally":
        return "/"  # numeric arguments ("\\ergebnis{…}{12}{0}{3}") stay one tally: "12/0/3"
    if kind == "space":
        return " "
    if kind == "dash":
        return "–"
    if kind == "escaped":
        return m.group()[1]
    if kind == "env":
        return "\n"
    if kind == "keymacro" and _header_key().fullmatch(m.group("kname")):
        return f"\n{m.group('kname')}: "  # "\\leitung{X}" of a class's header: the field "leitung: X"
    return ""


@cache
def _header_key() -> re.Pattern[str]:
    return re.compile(RULES.header_keys, re.I)


def parse(clean: MappedText) -> Layout:
    """Rewrite the commands into Markdown-like lines, then read those like Markdown; headings
    get the numbers LaTeX prints (1, 2, 2.1; none for ``\\section*`` and the title)."""
    numbers = HeadingNumbers(3)
    in_field = False  # inside the arguments of a header-field macro: "\\zeit{14:30}{17:05}" is one range

    def number(m: re.Match[str]) -> str:
        nonlocal in_field
        if m.group("section") and not m.group("star"):
            numbers.numbered(len(m.group("sub") or "") // 3)
        elif m.group("section") or m.group("title"):
            numbers.unnumbered()
        piece = _replace(m)
        if m.lastgroup == "argsep" and in_field:
            return " – "
        if m.lastgroup in ("keymacro", "brace"):
            in_field = m.lastgroup == "keymacro" and bool(piece)
        return piece

    return layout(clean, rewrite(clean.text, _TOKENS, number), numbers)
