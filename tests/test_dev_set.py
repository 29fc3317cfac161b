"""Real minutes of other bodies (../shared/dev: inputs and hand-made gold) keep their scores: the
structure fields their floors, every field at least 0.75 and the whole at least 0.90, so that a
change that loses sections, decisions or people on minutes of other bodies turns CI red."""

from __future__ import annotations

from pathlib import Path

import pytest

from om_extract import extract_file
from om_extract.evaluate import Report, evaluate
from om_extract.writer import dump

DEV = Path(__file__).resolve().parents[2] / "shared" / "dev"
FLOORS = {
    "meeting": 0.85,
    "participants": 0.80,
    "agenda": 0.80,
    "sections": 0.85,
    "sections.boundaries": 0.75,
}
EVERY_FIELD = 0.75
OVERALL = 0.90
BELOW = {"organizations.details": 0.70}
"""Fields short of the bar, with the floor they hold: the gold's abbreviations of organizations whose
long form the minutes never print come from world knowledge, which no rule may hold for this set."""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    if not (DEV / "gold").is_dir():
        pytest.skip("../shared/dev is not beside the project")
    out = tmp_path_factory.mktemp("dev")
    for path in sorted((DEV / "inputs").iterdir()):
        (out / f"{path.stem}.json").write_text(dump(extract_file(path, model=None)), encoding="utf-8")
    return evaluate(DEV / "gold", out, DEV / "inputs")


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_structure_field_holds_its_floor(report: Report, field: str) -> None:
    f1 = report.fields[field].f1
    assert f1 >= FLOORS[field], f"dev {field}: F1 {f1:.3f} < {FLOORS[field]}"


def test_every_field_and_the_whole_hold(report: Report) -> None:
    low = {k: round(report.fields[k].f1, 3) for k in report.counted
           if report.fields[k].f1 < BELOW.get(k, EVERY_FIELD)}
    assert not low, f"dev fields under {EVERY_FIELD}: {low}"
    assert report.overall >= OVERALL, f"dev overall F1 {report.overall:.3f} < {OVERALL}"


def test_every_span_reads_what_it_claims(report: Report) -> None:
    assert report.fields["grounding"].f1 >= 0.99
