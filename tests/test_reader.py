import pytest

from om_extract.reader import InputError, clean_chars, decode, detect_format, read_bytes


@pytest.mark.parametrize(("raw", "enc"), [
    (b"Tagesordnung", "utf-8"),
    (b"\xef\xbb\xbf" + "Grüße".encode(), "utf-8-sig"),
    ("Grüße".encode("utf-16"), "utf-16"),
    ("Grüße".encode("cp1252"), "cp1252"),
])
def test_decode_detects_encoding(raw: bytes, enc: str) -> None:
    text, got = decode(raw)
    assert got == enc
    assert text in ("Tagesordnung", "Grüße")


def test_clean_chars_keeps_offsets() -> None:
    raw = "Pro\u00adtokoll\r\nﬁnal\u00a0Ende"
    m = clean_chars(raw)
    assert m.text == "Protokoll\nfinal Ende"
    s = m.text.index("final")
    assert raw[slice(*m.span(s, s + 5))] == "ﬁnal"


@pytest.mark.parametrize(("text", "fmt"), [
    ("## Protokoll\n\n## TOP 1 Begrüßung\n\n**Beschluss:** ja\n", "markdown"),
    ("1.\t<p><b>A</b></p> <p>x</p>\n2.\t<p><b>B</b></p>\n<p>y</p><p>z</p>", "html"),
    ("Protokoll \n\n" + "Zeile mit Leerzeichen am Ende \n" * 12, "pdf_text"),
    ("Protokoll\nTOP 1: Begrüßung\nText.\n", "plain"),
    ("<h1>Protokoll des Vorstands</h1>\n<h2>1. Bericht</h2>\n<p>Anna berichtet.</p>\n", "html"),  # a short page
    ("<!DOCTYPE html>\n<html><body><pre>Protokoll\nTOP 1: Begrüßung</pre></body></html>", "html"),
    ("Protokoll\n\nTOP 1: Der <b>Kassenbericht</b> liegt vor.\n", "plain"),
])
def test_detect_format(text: str, fmt: str) -> None:
    assert detect_format(text) == fmt


@pytest.mark.parametrize("raw", [b"", b"   \n\t", b"\x00\x01binary\x00"])
def test_bad_input_raises(raw: bytes) -> None:
    with pytest.raises(InputError):
        read_bytes(raw)
