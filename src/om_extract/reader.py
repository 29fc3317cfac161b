"""Bytes to text: decoding, character clean-up and layout recognition."""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass

from .models import Format
from .text import MappedText, rewrite


class InputError(ValueError):
    """The file is not text we can read (binary, empty, undecodable)."""


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding name) for UTF-8 (±BOM), UTF-16 with BOM, else cp1252/latin-1."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            return raw.decode(enc), enc
    if b"\x00" in raw:
        raise InputError("binary data (NUL bytes), not a text file")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


# Characters that converters emit and that mean something simpler.
_CHAR_MAP = {
    "\r\n": "\n", "\r": "\n", "\f": "\f", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\t": "\t",
    "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "",
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st",
    "\u2022": "•", "\u25cf": "•", "\u25aa": "•", "\u25a0": "•", "\u2023": "•", "\u2043": "•",
}
_SPECIAL = re.compile(r"\r\n|[\r\f\u00a0\u202f\u2009\u00ad\u200b-\u200d\u2060\ufeff\ufb00-\ufb06\ue000-\uf8ff]")


def _replace(m: re.Match[str]) -> str:
    ch = m.group()
    if "\ue000" <= ch <= "\uf8ff":  # private-use glyphs: PDF converters' bullets
        return "•"
    return _CHAR_MAP.get(ch, ch)


def clean_chars(text: str) -> MappedText:
    """Normalize newlines, spaces, ligatures, invisible and private-use characters."""
    return rewrite(text, _SPECIAL, _replace)


_HTML = re.compile(r"<(?:p|td|tr|li|ul|b|u|i|br|div|span|table|a\s)[^>]*>", re.I)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.M)
_MD_MARKUP = re.compile(r"\*\*[^*\n]+\*\*|^\s*[-*]\s+\S|\[[^\]\n]+\]\([^)\s]+\)|^\|.*\|\s*$", re.M)
_PDF_HINTS = re.compile(r"[ \t]$|^\s*$", re.M)


def detect_format(text: str) -> Format:
    """The layout the text was converted from, by the markup it carries."""
    sample = text[:200_000]
    html = len(_HTML.findall(sample))
    md = 3 * len(_MD_HEADING.findall(sample)) + len(_MD_MARKUP.findall(sample))
    if html >= 5 and html > md:
        return "html"
    if md >= 3:
        return "markdown"
    lines = sample.count("\n") + 1
    trailing = len(re.findall(r"[ \t]\n", sample))
    if lines >= 10 and trailing / lines > 0.3:
        return "pdf_text"
    return "plain"


@dataclass(frozen=True)
class Decoded:
    """The decoded input (what spans point into) and its cleaned, mapped form."""

    raw_text: str
    encoding: str
    sha256: str
    clean: MappedText
    format: Format


def read_bytes(raw: bytes) -> Decoded:
    if not raw.strip():
        raise InputError("empty file")
    text, encoding = decode(raw)
    if not text.strip():
        raise InputError("only whitespace")
    clean = clean_chars(text)
    control = sum(1 for c in clean.text[:100_000] if ord(c) < 32 and c not in "\n\t")
    if control > 0.01 * min(len(clean.text), 100_000):
        raise InputError("binary data (control characters), not a text file")
    return Decoded(text, encoding, hashlib.sha256(raw).hexdigest(), clean, detect_format(clean.text))
