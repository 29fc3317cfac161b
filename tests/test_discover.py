"""Which files of a folder are read: hidden folders are not looked at, and a file the reader would
refuse as binary is skipped as binary."""

from __future__ import annotations

from pathlib import Path

from om_extract.batch import discover
from om_extract.reader import InputError, read_bytes

MINUTES = "Protokoll der Sitzung des Gartenvereins Lindenhain am 3. April 2024\n\nFrau Ilse Brakenhoff berichtet.\n"


def test_files_in_hidden_folders_are_not_read_whatever_their_extension(tmp_path: Path) -> None:
    for rel in ("notes.md", ".cache/notes.md", ".cache/deeper/alt.txt", "sub/.hidden/x.html", "sub/kept.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(MINUTES, encoding="utf-8")
    files, errors, _ = discover([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["notes.md", "sub/kept.txt"]
    assert errors == []


def test_a_file_the_reader_refuses_as_binary_is_skipped_as_binary(tmp_path: Path) -> None:
    raw = (MINUTES + "\f" * 20).encode("utf-8")  # form feeds: over 1 % control characters
    try:
        read_bytes(raw)
        refused = ""
    except InputError as exc:
        refused = str(exc)
    assert "binary" in refused
    (tmp_path / "protokoll").write_bytes(raw)
    (tmp_path / "notes.txt").write_text(MINUTES, encoding="utf-8")
    files, errors, skipped = discover([tmp_path])
    assert [p.name for p in files] == ["notes.txt"] and errors == []
    assert skipped == {"binary": 1}
