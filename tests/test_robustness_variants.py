"""Issue 4: every encoding and conversion artefact reads like the clean file.

Each variant is built here from a seed in ``seeds/`` and must give the same output as the clean
seed, apart from ``source`` and the offsets (``spans``); warnings are compared too."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from conftest import content_of
from om_extract.pipeline import extract_bytes
from om_extract.reader import read_bytes
from om_extract.writer import dump

ROOT = Path(__file__).resolve().parents[1]
SEEDS = {p.stem[:3]: p for p in sorted((ROOT / "seeds").glob("*.txt"))}


@cache
def seed_text(key: str) -> str:
    return SEEDS[key].read_bytes().decode("utf-8")


@cache
def fmt(key: str) -> str:
    return read_bytes(SEEDS[key].read_bytes()).format


def comparable(raw: bytes) -> dict:
    """The output without ``source`` and without spans; spans are checked to lie in the input."""
    protocol = extract_bytes(raw, "variant", model=None)
    data = json.loads(dump(protocol))
    size = len(read_bytes(raw).raw_text)
    for s, e in _all_spans(data):
        assert 0 <= s < e <= size
    return content_of(data)  # type: ignore[return-value]


def _all_spans(node: object):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "spans":
                yield from (tuple(x) for x in v)
            else:
                yield from _all_spans(v)
    elif isinstance(node, list):
        for v in node:
            yield from _all_spans(v)


# -- text transformations --------------------------------------------------------------------

_TAG = re.compile(r"(<[^<>]*>)")


def outside_tags(text: str, fn: Callable[[str], str]) -> str:
    """Apply ``fn`` to the text between markup tags only (tags and their attributes unchanged)."""
    return "".join(part if _TAG.fullmatch(part) else fn(part) for part in _TAG.split(text))


def every(n: int, pattern: str, repl: str | Callable[[re.Match[str]], str]) -> Callable[[str], str]:
    """Replace every n-th match of ``pattern`` (deterministic, keeps the others)."""
    rx = re.compile(pattern)

    def fn(text: str) -> str:
        count = 0

        def sub(m: re.Match[str]) -> str:
            nonlocal count
            count += 1
            if count % n:
                return m.group()
            return repl(m) if callable(repl) else m.expand(repl)

        return rx.sub(sub, text)

    return fn


def ligatures(text: str) -> str:
    for plain, lig in (("ffi", "\ufb03"), ("ffl", "\ufb04"), ("ff", "\ufb00"), ("fi", "\ufb01"), ("fl", "\ufb02")):
        text = text.replace(plain, lig)
    return every(4, r"(?<=[a-z])st(?=[a-z])", "\ufb06")(text)


def nbsp(text: str) -> str:
    text = every(3, r"(?<=\S) (?=\S)", "\u00a0")(text)
    return every(7, r"(?<=\S) (?=\S)", "\u202f")(text)


def soft_hyphens(text: str) -> str:
    """A soft hyphen in the middle of every long word."""
    return re.sub(r"\b([A-Za-zÄÖÜäöüß]{5})([a-zäöüß]{4,})", "\\1\u00ad\\2", text)


def zero_width(text: str) -> str:
    text = every(5, r"(?<=[a-zäöü])(?=[a-zäöü]{3})", "\u200b")(text)
    text = every(11, r"(?<=[a-z])(?=[a-z]{3})", "\u200d")(text)
    text = every(13, r"(?<=[a-z])(?=[a-z]{3})", "\u2060")(text)
    return every(17, r"(?<=[a-z])(?=[a-z]{3})", "\ufeff")(text)


def compat_chars(text: str) -> str:
    """Typographic spaces and hyphens, decomposed umlauts (NFD), as converters emit them."""
    import unicodedata

    text = every(5, r"(?<=\S) (?=\S)", "\u2002")(text)
    text = every(9, r"(?<=\S) (?=\S)", "\u2009")(text)
    text = every(2, r"(?<=[a-zA-Z])-(?=[A-Za-z])", "\u2011")(text)
    return every(3, r"[äöüÄÖÜ]", lambda m: unicodedata.normalize("NFD", m.group()))(text)


def pua_bullets(text: str) -> str:
    """The bullet glyph as the Symbol-font private-use character PDF converters emit."""
    return text.replace("•", "\uf0b7")


def pua_tab_bullets(text: str) -> str:
    """pdftotext's "\uf0b7<TAB>" for a bullet; Wingdings' U+F0A7 for a second-level one."""
    return every(2, "• ", "\uf0a7\t")(text).replace("• ", "\uf0b7\t")


def shy_wraps(text: str) -> str:
    """A word hyphenated at a line end with a soft hyphen instead of a hyphen."""
    return re.sub(r"(?<=[a-zäöüß])-(?=[ \t]*\n[ \t]*[a-zäöüß])", "\u00ad", text)


def tabs(text: str) -> str:
    """pdftotext column gaps and indents as tabs."""
    text = re.sub(r"(?<=\S) {2,}(?=\S)", "\t", text)
    text = re.sub(r"(?m)^ (?=\S)", "\t", text)
    return every(6, r"(?<=\S) (?=\S)", "\t")(text)


def page_breaks(text: str) -> str:
    """Pages: a running header on every page, "Seite n von N" at each page end, form feeds."""
    lines = text.split("\n")
    cuts = list(range(len(lines) // 5, len(lines) - 3, len(lines) // 5))[:4]
    pages = [lines[a:b] for a, b in zip([0, *cuts], [*cuts, len(lines)], strict=True)]
    header = "Offensive Mittelstand – Protokoll – Stand 12.05.2022 "
    out = []
    for n, page in enumerate(pages, 1):
        out.append(("\f" if n > 1 else "") + header)
        out.extend(page if n == len(pages) or page[-1] else page[:-1])
        if n < len(pages) and not page[-1]:
            out.append("")
        out.append(f"Seite {n} von {len(pages)} ")
    return "\n".join(out) + "\n"


def entities(text: str) -> str:
    """Characters of the text (outside tags) written as HTML entities."""
    def ent(part: str) -> str:
        part = part.replace("„", "&bdquo;").replace("“", "&ldquo;").replace("–", "&ndash;")
        part = every(2, "ä", "&auml;")(part)
        part = every(3, "ü", "&#252;")(part)
        part = every(3, "ö", "&#xF6;")(part)
        part = every(5, "ß", "&szlig;")(part)
        return every(9, r"(?<=\w) (?=\w)", "&nbsp;")(part)

    return outside_tags(text, ent)


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def lone_cr(text: str) -> str:
    return text.replace("\n", "\r")


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


_ASCII = {"„": '"', "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "→": "->", "•": "*", "€": "EUR"}


def representable(text: str, encoding: str) -> str:
    return "".join(c if c.encode(encoding, "ignore") else _ASCII.get(c, "?") for c in text)


# -- the variants ------------------------------------------------------------------------------

TEXT_VARIANTS: dict[str, tuple[Callable[[str], str], tuple[str, ...]]] = {
    # name: (transformation, formats it is meaningful for)
    "crlf": (crlf, ("pdf_text", "plain", "markdown", "html")),
    "lone_cr": (lone_cr, ("pdf_text", "plain", "markdown", "html")),
    "nbsp": (lambda t: outside_tags(t, nbsp), ("pdf_text", "plain", "markdown", "html")),
    "soft_hyphens": (lambda t: outside_tags(t, soft_hyphens), ("pdf_text", "plain", "markdown", "html")),
    "zero_width": (lambda t: outside_tags(t, zero_width), ("pdf_text", "plain", "markdown", "html")),
    "ligatures": (lambda t: outside_tags(t, ligatures), ("pdf_text", "plain", "markdown", "html")),
    "compat_chars": (lambda t: outside_tags(t, compat_chars), ("pdf_text", "plain", "markdown", "html")),
    "pua_bullets": (pua_bullets, ("pdf_text", "plain", "markdown", "html")),
    "pua_tab_bullets": (pua_tab_bullets, ("pdf_text", "plain")),
    "shy_wraps": (shy_wraps, ("pdf_text", "plain")),
    "tabs": (tabs, ("pdf_text", "plain")),
    "page_breaks": (page_breaks, ("pdf_text", "plain")),
    "entities": (entities, ("markdown", "html")),
    "everything": (lambda t: crlf(outside_tags(pua_bullets(t), lambda p: zero_width(soft_hyphens(ligatures(nbsp(p)))))),
                   ("pdf_text", "plain", "markdown", "html")),
    "everything_pdf": (lambda t: crlf(page_breaks(tabs(shy_wraps(zero_width(soft_hyphens(ligatures(compat_chars(t)))))))),
                       ("pdf_text", "plain")),
}

ENCODINGS: dict[str, Callable[[str], tuple[bytes, bytes]]] = {
    # name: text → (clean bytes, variant bytes)
    "utf8_bom": lambda t: (utf8(t), codecs.BOM_UTF8 + utf8(t)),
    "utf16le_bom": lambda t: (utf8(t), codecs.BOM_UTF16_LE + t.encode("utf-16-le")),
    "utf16be_bom": lambda t: (utf8(t), codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
    "utf16le_nobom": lambda t: (utf8(t), t.encode("utf-16-le")),
    "utf16be_nobom": lambda t: (utf8(t), t.encode("utf-16-be")),
    "utf32_bom": lambda t: (utf8(t), t.encode("utf-32")),
    "cp1252": lambda t: (utf8(representable(t, "cp1252")), representable(t, "cp1252").encode("cp1252")),
    "latin1": lambda t: (utf8(representable(t, "latin-1")), representable(t, "latin-1").encode("latin-1")),
    "cp1252_crlf": lambda t: (utf8(representable(t, "cp1252")), crlf(representable(t, "cp1252")).encode("cp1252")),
    "utf16_everything": lambda t: (utf8(t), crlf(outside_tags(t, lambda p: ligatures(nbsp(p)))).encode("utf-16")),
}

CASES = [pytest.param(seed, name, id=f"{seed}-{name}")
         for seed in SEEDS for name, (fn, formats) in TEXT_VARIANTS.items()
         if fmt(seed) in formats and fn(seed_text(seed)) != seed_text(seed)]
ENC_CASES = [pytest.param(seed, name, id=f"{seed}-{name}") for seed in SEEDS for name in ENCODINGS]


@cache
def clean_output(key: str) -> dict:
    return comparable(SEEDS[key].read_bytes())


@pytest.mark.parametrize(("seed", "variant"), CASES)
def test_text_variant_reads_like_the_clean_seed(seed: str, variant: str) -> None:
    transform, _ = TEXT_VARIANTS[variant]
    changed = transform(seed_text(seed))
    assert changed != seed_text(seed)
    assert comparable(utf8(changed)) == clean_output(seed)


@pytest.mark.parametrize(("seed", "encoding"), ENC_CASES)
def test_encoding_reads_like_the_clean_seed(seed: str, encoding: str) -> None:
    clean, variant = ENCODINGS[encoding](seed_text(seed))
    assert comparable(variant) == comparable(clean)


def test_variants_cover_every_layout() -> None:
    assert {fmt(k) for k in SEEDS} >= {"pdf_text", "markdown", "html"}
    assert len(CASES) + len(ENC_CASES) >= 90


def test_page_breaks_variant_has_pages() -> None:
    text = page_breaks(seed_text("000"))
    assert text.count("\f") >= 3 and text.count("Seite ") >= 4
