"""Bytes to text: decoding, character clean-up and layout recognition."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from .models import Format, SourceFormat
from .text import MappedText, rewrite


class InputError(ValueError):
    """The file is not text we can read (binary, empty, undecodable)."""


# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office document (.doc, .xls) or a password-protected .docx, "
                                   "not readable: save it as .docx, text or HTML first"),
    (b"{\\rtf", "an RTF document, not plain text: save it as text or HTML first"),
    (b"\x89PNG\r\n\x1a\n", "binary data (a PNG image), not a text file"),
    (b"\xff\xd8\xff", "binary data (a JPEG image), not a text file"),
    (b"GIF8", "binary data (a GIF image), not a text file"),
    (b"\x1f\x8b", "binary data (gzip-compressed), not a text file"),
    (b"\x7fELF", "binary data (an executable), not a text file"),
)


def _utf16_without_bom(raw: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark: mostly-ASCII text has a NUL in every other byte."""
    head = raw[:4096]
    if len(head) < 8:
        return None
    even, odd = head[0::2].count(0) / len(head[0::2]), head[1::2].count(0) / len(head[1::2])
    enc = "utf-16-le" if odd > 0.5 and even < 0.05 else "utf-16-be" if even > 0.5 and odd < 0.05 else None
    if enc is None:
        return None
    try:
        return (raw.decode(enc), enc) if len(raw) % 2 == 0 else None
    except UnicodeDecodeError:
        return None


def decode(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding name) for UTF-8 (±BOM), UTF-16/32 with BOM, UTF-16 without one,
    else cp1252/latin-1."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise InputError(what)
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(enc), enc
            except UnicodeDecodeError as exc:
                if enc == "utf-32":
                    continue  # FF FE 00 00 can also be UTF-16 text that starts with a NUL
                raise InputError(f"invalid {enc.removesuffix('-sig').upper()} after its byte-order mark "
                                 f"(byte {exc.start}): mixed or damaged encoding") from None
    nuls = raw.count(0)
    if nuls:
        utf16 = _utf16_without_bom(raw)
        if utf16 is not None:
            return utf16
        if nuls > max(2, len(raw) // 1000):
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
    "\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x0b": "\n",  # Word's manual line break
    "\u00a0": " ", "\u202f": " ", "\u205f": " ", "\u3000": " ",
    "\u00ad": "", "\x1f": "", "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "", "\x00": "",
    "\u2010": "-", "\u2011": "-", "\x1e": "-",  # (non-breaking) hyphen; \x1e is Word's
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st",
    "\u2022": "•", "\u25cf": "•", "\u25aa": "•", "\u25a0": "•", "\u2023": "•", "\u2043": "•", "\u2219": "•",
    "\uf020": " ", "\uf02d": "-",  # Symbol-font space and minus
}
_SPECIAL = re.compile(
    r"\r\n|\u00ad[ \t]*(?=\r|\n)|[AOUaou]\u00a8|\u00a8[AOUaou]|[^\W\d_][\u0300-\u036f]+"
    r"|[\r\x00\x0b\x1e\x1f\u00a0\u00ad\u2000-\u200d\u2010\u2011\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
    r"\ufb00-\ufb06\u2022\u25cf\u25aa\u25a0\u2023\u2043\u2219\ue000-\uf8ff]"
)


def _replace(m: re.Match[str]) -> str:
    ch = m.group()
    if ch[0] == "\u00ad":  # a soft hyphen where the line breaks is the word's hyphenation
        return "-" + ch[1:] if m.string[m.end() : m.end() + 1] in ("\r", "\n") else ""
    if len(ch) > 1 and ch != "\r\n":
        # decomposed letters ("u" + U+0308) and pdftotext's spacing diaeresis ("u¨", "¨u")
        return unicodedata.normalize("NFC", ch.replace("\u00a8", "\u0308") if ch[0] != "\u00a8" else ch[1] + "\u0308")
    if "\u2000" <= ch <= "\u200a":  # en/em/thin/hair spaces
        return " "
    if "\ue000" <= ch <= "\uf8ff" and ch not in _CHAR_MAP:  # private-use glyphs: PDF converters' bullets
        return "•"
    return _CHAR_MAP.get(ch, ch)


def clean_chars(text: str) -> MappedText:
    """Normalize newlines, spaces, hyphens, ligatures, decomposed letters, invisible and
    private-use characters."""
    return rewrite(text, _SPECIAL, _replace)


# Bounded, non-nested classes: these run on any input (200 kB sample) in linear time.
_HTML = re.compile(r"</?(?:p|td|th|tr|li|ul|ol|b|u|i|br|div|span|table|a\s|h[1-6]|html|body|strong|em)[^<>]*>", re.I)
# a comment cannot run past its "-->": one way to read a run of comments, so no exponential backtracking
_HTML_START = re.compile(r"\A\ufeff?\s*(?:<!--(?:(?!-->).)*-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.M)
_MD_MARKUP = re.compile(r"\*\*[^*\n]+\*\*|\[[^\[\]\n]+\]\([^()\[\]\s]+\)|^\|.*\|[ \t]*$", re.M)
_MD_BULLET = re.compile(r"^[ \t]*[-*]\s+\S", re.M)  # plain text has dash bullets too: no evidence alone


def detect_format(text: str) -> Format:
    """The layout the text was converted from, by the markup it carries."""
    sample = text[:200_000]
    html = len(_HTML.findall(sample))
    md = 3 * len(_MD_HEADING.findall(sample)) + len(_MD_MARKUP.findall(sample))
    md += len(_MD_BULLET.findall(sample)) if md else 0
    if (html >= 5 and html > md) or (_HTML_START.match(sample) and html > md):
        return "html"  # a short page says what it is: "<!DOCTYPE html>", "<html>"
    if md >= 3:
        return "markdown"
    lines = sample.count("\n") + 1
    trailing = sample.count(" \n") + sample.count("\t\n")
    if lines >= 10 and trailing / lines > 0.3:
        return "pdf_text"
    return "plain"


@dataclass(frozen=True)
class Decoded:
    """The decoded input (what spans point into), its cleaned, mapped form, the input's format
    (``source.format``) and the text layout a backend parses (the same for text input)."""

    raw_text: str
    encoding: str
    sha256: str
    clean: MappedText
    format: SourceFormat
    layout: Format


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")  # control characters but tab and newline


def is_binary(clean: str) -> bool:
    """More than 1 % control characters in the cleaned text (its first 100 000): binary data, not text."""
    return len(_CONTROL.findall(clean, 0, 100_000)) > 0.01 * min(len(clean), 100_000)


def read_bytes(raw: bytes) -> Decoded:
    """Decode a text file, or extract an office document's text (PDF, DOCX, ODT by content)."""
    from .office import extract

    if not raw:
        raise InputError("empty file (0 bytes)")
    office = extract(raw)
    if office is not None:
        text, fmt, layout = office
        return Decoded(text, "utf-8", hashlib.sha256(raw).hexdigest(), clean_chars(text), fmt, layout)
    if not raw.strip():
        raise InputError("only whitespace, no text")
    text, encoding = decode(raw)
    clean = clean_chars(text)
    if not clean.text.strip():
        raise InputError("only whitespace and invisible characters, no text")
    if is_binary(clean.text):
        raise InputError("binary data (control characters), not a text file")
    layout = detect_format(clean.text)
    return Decoded(text, encoding, hashlib.sha256(raw).hexdigest(), clean, layout, layout)


def spanned_text(raw: bytes, encoding: str, errors: str = "replace") -> str:
    """The text an output's spans point into: an office document's extracted text, else the input
    decoded with the encoding the output records."""
    from .office import extract

    try:
        office = extract(raw)
    except InputError:  # changed since it was extracted and unreadable now: its bytes as text
        office = None
    return office[0] if office is not None else raw.decode(encoding, errors=errors)
