"""Text markups found by content (tests/fixtures/markups/): each fixture is read by its backend,
scores against its hand-made gold, and gives the same output as the same minutes in Markdown."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import content_of
from om_extract import batch, extract_file
from om_extract.evaluate import evaluate
from om_extract.layouts import email
from om_extract.layouts.detect import text_markup
from om_extract.reader import read_bytes
from om_extract.writer import dump

MARKUPS = Path(__file__).resolve().parent / "fixtures" / "markups"
INPUTS = sorted((MARKUPS / "inputs").iterdir())
LAYOUT = {".org": "org", ".rst": "rst", ".adoc": "asciidoc", ".wiki": "mediawiki", ".dokuwiki": "dokuwiki",
          ".eml": "email"}


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_layout_is_found_by_content(path: Path, tmp_path: Path) -> None:
    """The backend is chosen by what the text holds, with or without the file's extension."""
    bare = tmp_path / path.stem
    shutil.copy(path, bare)
    for p in (path, bare):
        source = extract_file(p, model=None).source
        assert (source.layout, source.format) == (LAYOUT[path.suffix], "plain"), p.name


WORDS = ("participants", "persons", "organizations", "dates", "links", "next_meetings")
"""Items whose spans hold words only (a section's or agenda item's span takes in its markup lines)."""


def _quoted(protocol: dict[str, Any], text: str) -> dict[str, list[list[str]]]:
    """The words each item's spans point to."""
    return {key: [[text[s:e] for s, e in item["spans"]] for item in protocol[key]] for key in WORDS}


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_same_output_as_the_markdown_minutes(path: Path) -> None:
    twin = MARKUPS / "markdown" / f"{path.stem}.md"
    ours, theirs = extract_file(path, model=None), extract_file(twin, model=None)
    assert theirs.source.layout == "markdown"
    assert content_of(ours.model_dump()) == content_of(theirs.model_dump())
    # the spans read the same words in both inputs: no markup inside them, none lost
    assert _quoted(ours.model_dump(), path.read_text(encoding="utf-8")) == _quoted(
        theirs.model_dump(), twin.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_scores_against_its_gold(path: Path, tmp_path: Path) -> None:
    gold, out = tmp_path / "gold", tmp_path / "out"
    gold.mkdir()
    out.mkdir()
    shutil.copy(MARKUPS / "gold" / f"{path.stem}.json", gold)
    (out / f"{path.stem}.json").write_text(dump(extract_file(path, model=None)), encoding="utf-8")
    report = evaluate(gold, out, MARKUPS / "inputs")
    assert report.overall >= 0.90, f"{path.name}: overall F1 {report.overall:.3f}"


def test_folder_run_reads_minutes_by_content_and_counts_what_it_skips(tmp_path: Path) -> None:
    """Every markup file and a minutes file without extension are read; a binary file, a text that
    names no meeting, a data file and a file too large to sniff are skipped, and the summary says
    so; hidden folders (.git) are not looked at."""
    folder = tmp_path / "in"
    (folder / ".git").mkdir(parents=True)
    for path in INPUTS:
        shutil.copy(path, folder)
    shutil.copy(INPUTS[0], folder / "protokoll")
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "setup.py").write_text("import os\nprint(os.name)\n", encoding="utf-8")
    shutil.copy(MARKUPS / "gold" / f"{INPUTS[0].stem}.json", folder / "gold.json")  # names a meeting, but is data
    with open(folder / "dump.log", "wb") as f:
        f.truncate(batch.LARGEST_SNIFFED + 1)
    (folder / ".git" / "HEAD").write_text("Protokoll\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-c", "from om_extract.cli import main; main()", "--no-corpus", str(folder),
                        str(tmp_path / "out")], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    written = sorted(p.name for p in (tmp_path / "out").glob("*.json"))
    assert written == sorted([f"{p.stem}.json" for p in INPUTS] + ["protokoll.json"])
    assert "4 skipped (1 binary, 2 not minutes, 1 too large)" in r.stderr


def test_no_markup_is_found_in_minutes_of_the_other_layouts() -> None:
    """Seeds, the dev set and the other fixtures keep their layouts: no markup's evidence (nor an
    e-mail envelope) reaches the bar in them."""
    root = Path(__file__).resolve().parents[1]
    paths = [*(root / "seeds").iterdir(), *(root.parent / "shared" / "dev" / "inputs").glob("*"),
             *(p for p in (root / "tests" / "fixtures").iterdir() if p.is_file() and p.suffix != ".yaml")]
    for p in paths:
        decoded = read_bytes(p.read_bytes())
        assert text_markup(decoded.clean.text, p.suffix) is None, p.name
        assert email.envelope(decoded.clean.text) is None, p.name
