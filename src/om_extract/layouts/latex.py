"""LaTeX minutes: ``\\section{TOP 1: …}`` headings, ``\\item`` bullets, ``\\textbf{…}`` emphasis."""

from __future__ import annotations

import re

from ..blocks import Layout
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
        return "/"  # numeric arguments ("\\vote{…}{26}{0}{1}") stay one tally: "26/0/1"
    if kind == "space":
        return " "
    if kind == "dash":
        return "–"
    if kind == "escaped":
        return m.group()[1]
    if kind == "env":
        return "\n"
    return ""


def parse(clean: MappedText) -> Layout:
    """Rewrite the commands into Markdown-like lines, then read those like Markdown; headings
    get the numbers LaTeX prints (1, 2, 2.1; none for ``\\section*`` and the title)."""
    numbers = HeadingNumbers(3)

    def number(m: re.Match[str]) -> str:
        if m.group("section") and not m.group("star"):
            numbers.numbered(len(m.group("sub") or "") // 3)
        elif m.group("section") or m.group("title"):
            numbers.unnumbered()
        return _replace(m)

    return layout(clean, rewrite(clean.text, _TOKENS, number), numbers)
