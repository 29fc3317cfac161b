"""LaTeX minutes: ``\\section{TOP 1: …}`` headings, ``\\item`` bullets, ``\\textbf{…}`` emphasis."""

from __future__ import annotations

import re

from ..blocks import Layout
from ..text import MappedText, rewrite
from .markdown import blocks_of

LATEX = re.compile(r"\\(?:sub)*section\*?\{|\\begin\{(?:document|itemize|enumerate)\}")
_TOKENS = re.compile(
    r"(?P<comment>(?<!\\)%[^\n]*)"
    r"|(?P<drop>\\(?:documentclass|usepackage|label|ref|vspace|hspace|newpage|maketitle|tableofcontents)"
    r"(?:\[[^\]]*\])?(?:\{[^}]*\})?)"
    r"|(?P<dash>---?)"
    r"|(?P<space>(?<!\\)~|\\[,;:! ])"
    r"|(?P<section>\\(?P<sub>(?:sub)*)section\*?\{)"
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
    if kind == "item":
        return "\n- "
    if kind == "newline":
        return "\n"
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
    """Rewrite the commands into Markdown-like lines, then read those like Markdown."""
    stripped = clean.compose(rewrite(clean.text, _TOKENS, _replace))
    return Layout("plain", stripped, blocks_of(stripped.text, []))
