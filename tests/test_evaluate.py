"""The evaluator on tiny hand-made gold/output pairs whose scores are worked out by hand."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from om_extract.evaluate import NoGoldFilesError, evaluate, format_table, register, report_json

TEXT = (
    "Protokoll der 3. Sitzung der AG Transfer am 1. März 2022\n"
    "Moderation: Dr. Anna Berg (BMAS)\n"
    "TOP 1 Begrüßung\n"
    "Frau Berg begrüßt alle Teilnehmenden. Beschluss: Die Tagesordnung wird einstimmig angenommen.\n"
    "Herr Ott lädt ein: www.offensive-mittelstand.de\n"
)

GOLD: dict[str, Any] = {
    "source": {"file": "a.txt", "format": "plain"},
    "meeting": {
        "title": "3. Sitzung der AG Transfer", "organization": "Offensive Mittelstand", "body": "AG Transfer",
        "number": 3, "date": "2022-03-01", "start_time": None, "end_time": None, "location": None,
        "participant_count": None, "moderator": "Anna Berg", "minute_taker": None,
    },
    "participants": [],
    "agenda": [{"number": "1", "title": "Begrüßung", "details": None,
                "presenters": [{"name": "Anna Berg", "organization": None}], "time": "10:00"}],
    "sections": [{"number": "1", "title": "Begrüßung", "first_words": "Frau Berg begrüßt alle Teilnehmenden",
                  "last_words": "Die Tagesordnung wird einstimmig angenommen.", "presenters": [],
                  "attachments": [2], "postponed": False}],
    "decisions": [{"section": "1", "kind": "beschluss", "label": "Beschluss",
                   "text": "Die Tagesordnung wird einstimmig angenommen.", "vote": "einstimmig",
                   "votes": None, "assignees": []}],
    "persons": [
        {"name": "Anna Berg", "title": "Dr.", "organizations": ["BMAS"],
         "variants": ["Dr. Anna Berg", "Frau Berg"]},
        {"name": "Jan Ott", "title": None, "organizations": [], "variants": ["Herr Ott"]},
    ],
    "organizations": [{"name": "Bundesministerium für Arbeit und Soziales", "abbreviation": "BMAS",
                       "kind": "external", "variants": []}],
    "dates": [{"date": "2022-03-01", "text": "1. März 2022"}],
    "next_meetings": [],
    "links": [{"url": "www.offensive-mittelstand.de", "kind": "url"}],
}

SECTION_TEXT = "Frau Berg begrüßt alle Teilnehmenden. Beschluss: Die Tagesordnung wird einstimmig angenommen."


def perfect_output() -> dict[str, Any]:
    """What a flawless extractor writes for GOLD: section bodies instead of first/last words."""
    out = copy.deepcopy(GOLD)
    out["source"]["encoding"] = "utf-8"
    for section in out["sections"]:
        del section["first_words"], section["last_words"]
        section["text"] = SECTION_TEXT
    return out


def span(words: str) -> list[list[int]]:
    start = TEXT.index(words)
    return [[start, start + len(words)]]


def write(directory: Path, name: str, doc: dict[str, Any]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def score(tmp_path: Path, out: dict[str, Any] | None, inputs: Path | None = None):
    """Evaluate one output against GOLD; None leaves the output file out."""
    write(tmp_path / "gold", "a.json", GOLD)
    (tmp_path / "out").mkdir(exist_ok=True)
    if out is not None:
        write(tmp_path / "out", "a.json", out)
    return evaluate(tmp_path / "gold", tmp_path / "out", inputs)


def counts(report, name: str) -> tuple[int, int, int]:
    s = report.fields[name]
    return s.tp, s.fp, s.fn


def test_identical_output_scores_one(tmp_path: Path) -> None:
    report = score(tmp_path, perfect_output())
    assert report.overall == 1.0
    assert report.missing == []
    # Fields with nothing on either side (participants, postponed, ...) do not count.
    assert report.counted == [
        "meeting", "agenda", "agenda.time", "agenda.presenters", "sections", "sections.boundaries",
        "sections.attachments", "decisions", "decisions.attributes", "persons", "persons.details",
        "organizations", "organizations.details", "dates", "links",
    ]
    assert counts(report, "meeting") == (6, 0, 0)
    assert counts(report, "decisions.attributes") == (4, 0, 0)  # section, kind, label, vote
    assert counts(report, "persons.details") == (2, 0, 0)  # Anna's title and organization


def test_missed_person_halves_persons_recall(tmp_path: Path) -> None:
    out = perfect_output()
    out["persons"] = out["persons"][:1]
    report = score(tmp_path, out)
    persons = report.fields["persons"]
    assert (persons.precision, persons.recall) == (1.0, 0.5)
    assert persons.f1 == pytest.approx(2 / 3)
    assert "a persons: missed 'Jan Ott'" in persons.notes


def test_details_of_a_missed_person_count_as_missed(tmp_path: Path) -> None:
    out = perfect_output()
    out["persons"] = out["persons"][1:]
    report = score(tmp_path, out)
    assert counts(report, "persons.details") == (0, 0, 2)  # Anna's title and her organization


def test_person_matches_by_any_gold_form_and_counts_once(tmp_path: Path) -> None:
    out = perfect_output()
    out["persons"] = [
        {"name": "Frau Berg", "title": "Dr.", "organizations": ["BMAS"], "variants": []},
        {"name": "Anna Berg", "title": None, "organizations": [], "variants": []},
        {"name": "Anna Bergmann", "title": None, "organizations": [], "variants": []},
    ]
    report = score(tmp_path, out)
    # "Frau Berg" is Anna; the second Anna is a duplicate; Bergmann is nobody; Jan is missed.
    assert counts(report, "persons") == (1, 2, 1)
    assert "a persons: extra 'Anna Berg' (duplicate)" in report.fields["persons"].notes


def test_meeting_values_are_judged_one_by_one(tmp_path: Path) -> None:
    out = perfect_output()
    out["meeting"].update(moderator="Frau Dr. Berg", date="2022-03-02", number=None,
                          location="Videokonferenz")
    report = score(tmp_path, out)
    # moderator by variant: right; date: wrong (fp + fn); number left out (fn); location not in gold (fp).
    assert counts(report, "meeting") == (4, 2, 2)


def test_wrong_decision_kind_is_a_false_claim_and_a_miss(tmp_path: Path) -> None:
    out = perfect_output()
    out["decisions"][0]["kind"] = "vereinbarung"
    attributes = score(tmp_path, out).fields["decisions.attributes"]
    assert (attributes.tp, attributes.fp, attributes.fn) == (3, 1, 1)
    assert attributes.precision == attributes.recall == 0.75


def test_missed_agenda_item_misses_its_time_and_presenters(tmp_path: Path) -> None:
    out = perfect_output()
    out["agenda"] = []
    report = score(tmp_path, out)
    assert counts(report, "agenda") == (0, 0, 1)
    assert counts(report, "agenda.time") == (0, 0, 1)
    assert counts(report, "agenda.presenters") == (0, 0, 1)


def test_section_running_past_its_end_fails_the_last_words(tmp_path: Path) -> None:
    out = perfect_output()
    out["sections"][0]["text"] = "Begrüßung " + SECTION_TEXT + (
        " Herr Ott lädt zur nächsten Sitzung ein, verteilt die Unterlagen und bittet um Rückmeldung"
        " bis zum Monatsende, damit alle Beiträge rechtzeitig vorliegen."
    )
    report = score(tmp_path, out)
    # The body may begin with its heading, so first_words hold; last_words are not at the end.
    assert counts(report, "sections.boundaries") == (1, 1, 1)


def test_dates_and_links_count_distinct_values(tmp_path: Path) -> None:
    out = perfect_output()
    out["dates"] = [{"date": "2022-03-01", "text": "1. März"}, {"date": "2022-03-01", "text": "01.03.2022"},
                    {"date": "2022-04-01", "text": "1. April"}]
    out["links"] = [{"url": "https://www.offensive-mittelstand.de/", "kind": "url"}]
    report = score(tmp_path, out)
    assert counts(report, "dates") == (1, 1, 0)
    assert counts(report, "links") == (1, 0, 0)


def test_empty_output_scores_lower_than_partial(tmp_path: Path) -> None:
    assert score(tmp_path / "empty", {}).overall == 0.0
    partial = {"persons": perfect_output()["persons"]}
    # persons and persons.details are perfect; the other 13 counted fields score 0.
    assert score(tmp_path / "partial", partial).overall == pytest.approx(2 / 15)


def test_missing_output_is_reported_and_scored_as_empty(tmp_path: Path) -> None:
    report = score(tmp_path, None)
    assert report.missing == ["a.json"]
    assert report.overall == 0.0


def test_grounding_checks_every_span(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "a.txt").write_text(TEXT, encoding="utf-8")
    out = {
        "source": {"file": "a.txt", "encoding": "utf-8"},
        "persons": [
            {"name": "Anna Berg", "spans": span("Berg")},
            {"name": "Jan Ott", "spans": span("Anna")},  # points at the wrong words
        ],
        "organizations": [{"name": "BMAS", "spans": []}],  # no span at all
    }
    with_inputs = score(tmp_path, out, inputs)
    assert counts(with_inputs, "grounding") == (1, 1, 1)
    assert "grounding" not in with_inputs.counted  # reported apart from the overall score
    assert with_inputs.overall == score(tmp_path, out).overall


@pytest.mark.parametrize(("encoding", "grounded"), [("latin-1", True), (None, False)])
def test_inputs_are_decoded_with_the_outputs_encoding(tmp_path: Path, encoding: str | None,
                                                      grounded: bool) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    text = "Es berichtet Jörg Müßig."
    (inputs / "a.txt").write_bytes(text.encode("latin-1"))
    start = text.index("Müßig")
    person = {"name": "Jörg Müßig", "spans": [[start, start + 5]]}
    # Without the recorded encoding the bytes are read as UTF-8 and "Müßig" becomes "M��ig".
    out = {"source": {"encoding": encoding}, "persons": [person]}
    report = score(tmp_path, out, inputs)
    assert counts(report, "grounding") == ((1, 0, 0) if grounded else (0, 1, 0))


def test_no_gold_files_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(NoGoldFilesError):
        evaluate(tmp_path, tmp_path)


def test_table_and_json_layout(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "a.txt").write_text(TEXT, encoding="utf-8")
    out = perfect_output()
    out["persons"] = out["persons"][:1]
    report = score(tmp_path, out, inputs)
    lines = format_table(report, verbose=True).splitlines()
    assert lines[0] == f"{'field':24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"
    assert f"{'persons':24}  1.000  0.500  0.667     1     0     1" in lines
    assert "    a persons: missed 'Jan Ott'" in lines
    assert lines[-2].startswith("    a ")  # grounding notes: the output has no spans
    assert lines[-1] == f"overall F1 {report.overall:.3f}"
    assert [line.split()[0] for line in lines if not line.startswith(" ")][-2] == "grounding"

    data = report_json(report)
    assert data["overall_f1"] == round(report.overall, 4)
    assert data["missing"] == []
    assert data["fields"]["persons"] == {"p": 1.0, "r": 0.5, "f1": 0.6667, "tp": 1, "fp": 0, "fn": 1}
    assert list(data["fields"]) == [*report.counted, "grounding"]


def test_register_adds_eval_command(tmp_path: Path) -> None:
    write(tmp_path / "gold", "a.json", GOLD)
    write(tmp_path / "out", "a.json", perfect_output())
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """A group, as the project's CLI is, so that `eval` is a subcommand."""

    register(app)
    runner = CliRunner()
    gold, out = str(tmp_path / "gold"), str(tmp_path / "out")

    result = runner.invoke(app, ["eval", gold, out])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "overall F1 1.000"

    result = runner.invoke(app, ["eval", gold, out, "--json", "-v"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["overall_f1"] == 1.0

    result = runner.invoke(app, ["eval", str(tmp_path / "out" / "none"), out])
    assert result.exit_code == 2
