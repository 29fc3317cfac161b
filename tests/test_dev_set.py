"""Real minutes of other bodies (../shared/dev: inputs and hand-made gold) keep their structure
scores: the floor each field reached, so that a change that loses sections, the agenda or the
meeting card on minutes the rules were not written for turns CI red."""

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


def test_every_span_reads_what_it_claims(report: Report) -> None:
    assert report.fields["grounding"].f1 >= 0.99
