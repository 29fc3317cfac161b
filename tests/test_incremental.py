"""Incremental runs: unchanged inputs are skipped, changed and new ones extracted, gone ones listed,
and a change of rules or --force redoes everything."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from om_extract.cli import extract_app
from om_extract.corpus import build_corpus
from om_extract.incremental import MANIFEST
from om_extract.rules import rules_dir

MINUTES = (
    "Protokoll der Sitzung des Arbeitskreises Obstwiese am {day}. März 2024\n\n"
    "1. Begrüßung\n\nFrau Dr. Wendelin Harms begrüßt die Anwesenden.\n\n"
    "2. Streuobstkataster\n\nHerr Tjark Olderog berichtet über das Streuobstkataster.\n"
    "Beschluss: Der Arbeitskreis beauftragt Herrn Olderog, das Kataster fortzuführen.\n"
)
SUMMARY = re.compile(r"(\d+) extracted, (\d+) unchanged, (\d+) failed, (\d+) orphaned")


def run(*args: str | Path) -> tuple[int, tuple[int, ...], str]:
    result = CliRunner().invoke(extract_app, ["--model", "", *map(str, args)], catch_exceptions=False)
    found = SUMMARY.search(result.stderr)
    assert found, result.stderr
    return result.exit_code, tuple(int(n) for n in found.groups()), result.stderr


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for day in (4, 11, 18):
        (inputs / f"ak_{day:02d}.txt").write_text(MINUTES.format(day=day), encoding="utf-8")
    return inputs


def test_unchanged_rerun_extracts_nothing_and_changes_no_byte(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(folder, out)[:2] == (0, (3, 0, 0, 0))
    first = snapshot(out)
    assert run(folder, out)[:2] == (0, (0, 3, 0, 0))
    assert snapshot(out) == first
    assert "corpus/persons.json" in first and MANIFEST.as_posix() in first


def test_changed_and_new_inputs_are_extracted(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(folder, out)
    before = snapshot(out)
    (folder / "ak_04.txt").write_text(MINUTES.format(day=5), encoding="utf-8")
    (folder / "ak_25.txt").write_text(MINUTES.format(day=25), encoding="utf-8")
    assert run(folder, out)[:2] == (0, (2, 2, 0, 0))
    after = snapshot(out)
    assert after["ak_04.json"] != before["ak_04.json"] and b"2024-03-05" in after["ak_04.json"]
    assert after["ak_11.json"] == before["ak_11.json"] and "ak_25.json" in after
    assert b"ak_25.txt" in after["corpus/meetings.json"]  # the corpus is rebuilt


def test_an_output_whose_input_is_gone_is_listed_not_deleted(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(folder, out)
    (folder / "ak_11.txt").unlink()
    code, counts, stderr = run(folder, out)
    assert (code, counts) == (0, (0, 2, 0, 1))
    assert (out / "ak_11.json").exists()
    assert [line for line in stderr.splitlines() if "is gone" in line] == [
        f"om-extract: {out / 'ak_11.json'}: its input {folder / 'ak_11.txt'} is gone; the output is kept"
    ]


def test_changed_rules_or_force_redo_everything(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    run(folder, out)
    first = snapshot(out)
    assert run("--force", folder, out)[:2] == (0, (3, 0, 0, 0))
    assert snapshot(out) == first  # the same bytes, made again
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    with (rules / "corpus.yaml").open("a", encoding="utf-8") as handle:
        handle.write("# a changed comment is a changed rules file\n")
    monkeypatch.setenv("OM_EXTRACT_RULES", str(rules))
    assert run(folder, out)[:2] == (0, (3, 0, 0, 0))
    assert run(folder, out)[:2] == (0, (0, 3, 0, 0))


def test_an_edited_output_or_a_failed_input_is_done_again(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(folder, out)
    (out / "ak_18.json").write_text("{}", encoding="utf-8")
    (folder / "ak_04.txt").write_bytes(b"")
    assert run(folder, out)[:2] == (1, (1, 1, 1, 0))
    code, counts, stderr = run(folder, out)
    assert (code, counts) == (1, (0, 2, 1, 0))  # the empty input is tried again, and fails
    # its earlier output is kept, said to be stale and left out of the corpus
    assert [line for line in stderr.splitlines() if "stale" in line] == [
        f"om-extract: {out / 'ak_04.json'}: output is stale (input failed); it is kept, but left out of the corpus"
    ]
    assert (out / "ak_04.json").exists()
    meetings = (out / "corpus" / "meetings.json").read_text(encoding="utf-8")
    assert "ak_11.txt" in meetings and "ak_04.txt" not in meetings
    # a corpus built on its own leaves it out too, until the input is extracted again
    (out / "corpus" / "meetings.json").unlink()
    build_corpus(out)  # what `om-extract corpus OUT` runs
    meetings = (out / "corpus" / "meetings.json").read_text(encoding="utf-8")
    assert "ak_11.txt" in meetings and "ak_04.txt" not in meetings
    (folder / "ak_04.txt").write_text(MINUTES.format(day=4), encoding="utf-8")
    assert run(folder, out)[:2] == (0, (1, 2, 0, 0))
    assert "ak_04.txt" in (out / "corpus" / "meetings.json").read_text(encoding="utf-8")


def test_force_reads_each_input_once_and_still_records_its_hash(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    run(folder, out)
    reads: list[str] = []
    read_bytes = Path.read_bytes

    def counted(path: Path) -> bytes:
        if path.parent == folder:
            reads.append(path.name)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    assert run("--force", folder, out)[:2] == (0, (3, 0, 0, 0))
    assert sorted(reads) == ["ak_04.txt", "ak_11.txt", "ak_18.txt"]  # not hashed first, then read again
    assert run(folder, out)[:2] == (0, (0, 3, 0, 0))  # the manifest has the inputs' hashes
