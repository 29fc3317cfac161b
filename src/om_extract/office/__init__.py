"""Office documents read directly: recognised by content, each format's module turns the file
into the text every span points into and names the text layout a backend parses it with.

A format module exposes ``extract(raw: bytes) -> tuple[str, Format]``: the extracted text and
its layout (e.g. ``"markdown"``: ``#`` headings, ``|`` or tab rows, ``- `` bullets, ``**`` bold)."""

from __future__ import annotations

import importlib
import io
import zipfile
from typing import Literal

from ..models import Format
from ..reader import InputError

OfficeFormat = Literal["pdf", "docx", "odt"]

_ODT_MIME = b"application/vnd.oasis.opendocument.text"
_MAX_UNPACKED = 200_000_000
"""Bytes a document's parts may unpack to: more is a zip bomb, not minutes."""


def sniff(raw: bytes) -> OfficeFormat | None:
    """The office format by content (None: not an office document, read it as text)."""
    if raw.startswith(b"%PDF-"):
        return "pdf"
    if not raw.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            names = set(z.namelist())
            odt = "mimetype" in names and z.read("mimetype").strip() == _ODT_MIME
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError, ValueError, NotImplementedError):
        raise InputError("a damaged ZIP or Office document (cannot open the archive)") from None
    if not odt and "word/document.xml" not in names:
        raise InputError("a ZIP archive that is no Word (.docx) or OpenDocument text (.odt) document")
    if unpacked > _MAX_UNPACKED:
        raise InputError(f"the document unpacks to more than {_MAX_UNPACKED / 1e6:g} MB: not read")
    return "odt" if odt else "docx"


def extract(raw: bytes) -> tuple[str, OfficeFormat, Format] | None:
    """(extracted text, office format, layout to parse it with), or None for a text file."""
    fmt = sniff(raw)
    if fmt is None:
        return None
    module = importlib.import_module(f"{__name__}.{fmt}")  # on first use: a PDF library is heavy to load
    try:
        text, layout = module.extract(raw)
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError, ValueError, SyntaxError) as exc:
        raise InputError(f"a damaged {fmt.upper()} document ({type(exc).__name__}: {exc})") from None
    if not text.strip():
        raise InputError(f"a {fmt.upper()} document without text")
    return text, fmt, layout
