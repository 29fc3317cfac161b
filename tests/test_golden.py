"""Regression: the full output for each seed equals tests/golden/<stem>.json (``make golden``)."""

from pathlib import Path

import pytest

from om_extract.pipeline import extract_file
from om_extract.text import fold
from om_extract.writer import dump

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_seed_matches_golden(seed: Path) -> None:
    golden = ROOT / "tests" / "golden" / f"{seed.stem}.json"
    assert dump(extract_file(seed, model=None)) == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", SEEDS[:2], ids=[s.stem for s in SEEDS[:2]])
def test_output_is_deterministic(seed: Path) -> None:
    assert dump(extract_file(seed, model=None)) == dump(extract_file(seed, model=None))


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_every_span_points_at_its_words(seed: Path) -> None:
    p = extract_file(seed, model=None)
    text = seed.read_bytes().decode(p.source.encoding)
    for person in p.persons:
        for s, e in person.spans:
            assert fold(person.name.split()[-1])[:4] in fold(text[s:e])
    for d in p.dates:
        assert text[d.spans[0][0] : d.spans[0][1]].split() == d.text.split()
    for link in p.links:
        s, e = link.spans[0]
        assert link.url.split("//")[-1][:10] in "".join(text[s:e].split())
