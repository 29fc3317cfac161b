"""E-mail style text: the envelope's header lines left out but the subject (the minutes' title),
quoted lines (``>``) left out, or unquoted when they hold most of the body (forwarded minutes), the
signature after ``-- `` left out; the body is then read by the backend its layout calls for."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..blocks import Layout
from ..models import Format
from ..reader import detect_format
from ..rules import RULES
from ..text import Builder, MappedText, Span


def envelope(text: str) -> int | None:
    """Where the header lines at the top end (the blank line after them), if they hold a sender
    and a subject (or an mbox "From " line opens them)."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n\n", start)
    block = text[start : end if end >= 0 else len(text)].split("\n")
    header, continued = RULES.rx("email_header"), re.compile(r"^[ \t]+\S")
    if len(block) > 60 or not all(header.match(x) or continued.match(x) or (k == 0 and RULES.rx("email_mbox").match(x))
                                   for k, x in enumerate(block)):
        return None
    sender = any(RULES.rx("email_sender").match(x) or RULES.rx("email_mbox").match(x) for x in block)
    subject = any(RULES.rx("email_subject").match(x) for x in block)
    return (end if end >= 0 else len(text)) if sender and subject else None


def _body(text: str, head_end: int) -> tuple[MappedText, list[Span]]:
    """The subject line, then the body without quotes (or their markers) and signature; and the
    ranges of ``text`` left out as no part of the minutes."""
    b = Builder(text)
    pos = len(text) - len(text.lstrip())
    for line in text[pos:head_end].split("\n"):
        subject = RULES.rx("email_subject").match(line)
        if subject:
            b.copy(pos + subject.end(), pos + len(line.rstrip()))
            b.put("\n", pos + len(line))
        pos += len(line) + 1
    left_out = [(0, head_end)]
    signature = RULES.rx("email_signature").search(text, head_end)
    end = signature.start() if signature else len(text)
    lines = text[head_end:end].split("\n")
    quote = RULES.rx("email_quote")
    quoted = sum(bool(quote.match(x)) for x in lines if x.strip())
    unquote = quoted * 2 >= sum(bool(x.strip()) for x in lines)  # forwarded minutes: keep the text
    pos = head_end
    for line in lines:
        m = quote.match(line)
        if m is None or unquote:
            b.copy(pos + (m.end() if m else 0), min(end, pos + len(line) + 1))
        else:
            left_out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return b.build(), [*left_out, (end, len(text))]


def parse(clean: MappedText, head_end: int, read: Callable[[Format, MappedText], Layout]) -> Layout:
    rewritten, left_out = _body(clean.text, head_end)
    body = clean.compose(rewritten)
    lay = read(detect_format(body.text), body)
    lay.name = "email"
    lay.left_out = [clean.span(s, e) for s, e in left_out if e > s]
    return lay
