"""minutes.sqlite holds what the JSON registers hold: the same rows, linked by foreign keys."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from om_extract.corpus import build_corpus
from test_corpus import decision, person, protocol, write_corpus

GOLDEN = Path(__file__).resolve().parent / "golden"


def registers(corpus: Path) -> dict[str, Any]:
    def read(name: str) -> Any:
        return json.loads((corpus / name).read_text(encoding="utf-8"))

    decisions = [json.loads(line) for line in (corpus / "decisions.jsonl").read_text(encoding="utf-8").splitlines()]
    return {
        "meetings": read("meetings.json")["meetings"],
        "persons": read("persons.json")["persons"],
        "organizations": read("organizations.json")["organizations"],
        "decisions": decisions,
    }


def counts(db: sqlite3.Connection) -> dict[str, int]:
    tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables}


def expected_counts(reg: dict[str, Any]) -> dict[str, int]:
    return {
        "meetings": len(reg["meetings"]),
        "agenda_items": sum(m["agenda_items"] for m in reg["meetings"]),
        "sections": sum(m["sections"] for m in reg["meetings"]),
        "decisions": len(reg["decisions"]),
        "persons": len(reg["persons"]),
        "organizations": len(reg["organizations"]),
        "person_meetings": sum(len(a["roles"]) for p in reg["persons"] for a in p["appearances"]),
        "decision_assignees": sum(len(d["assignees"]) for d in reg["decisions"]),
    }


@pytest.fixture(params=["fixture", "seeds"])
def corpus(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "fixture":
        write_corpus(tmp_path)
    else:
        for path in GOLDEN.glob("*.json"):
            shutil.copy(path, tmp_path)
    build_corpus(tmp_path)
    return tmp_path / "corpus"


def test_row_counts_equal_the_json_registers(corpus: Path) -> None:
    with sqlite3.connect(corpus / "minutes.sqlite") as db:
        found = {table: n for table, n in counts(db).items() if not table.startswith("search")}
        assert found == expected_counts(registers(corpus))
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_rows_agree_with_the_registers(corpus: Path) -> None:
    reg = registers(corpus)
    with sqlite3.connect(corpus / "minutes.sqlite") as db:
        meetings = db.execute("SELECT file, date, body FROM meetings ORDER BY id").fetchall()
        assert meetings == [(m["file"], m["date"], m["body"]) for m in reg["meetings"]]
        persons = db.execute("SELECT name FROM persons ORDER BY id").fetchall()
        assert [name for (name,) in persons] == [p["name"] for p in reg["persons"]]
        votes = db.execute("SELECT votes_yes, votes_no, votes_abstain FROM decisions ORDER BY id").fetchall()
        assert votes == [
            tuple(d["votes"][k] for k in ("yes", "no", "abstain")) if d["votes"] else (None, None, None)
            for d in reg["decisions"]
        ]


def test_assignees_link_to_the_merged_person_or_body(tmp_path: Path) -> None:
    build_corpus(write_corpus(tmp_path))
    with sqlite3.connect(tmp_path / "corpus" / "minutes.sqlite") as db:
        rows = db.execute(
            "SELECT a.name, p.name, o.name FROM decision_assignees a "
            "LEFT JOIN persons p ON p.id = a.person_id LEFT JOIN organizations o ON o.id = a.organization_id "
            "ORDER BY a.decision_id, a.position"
        ).fetchall()
        roles = db.execute(
            "SELECT m.file, pm.role FROM person_meetings pm JOIN persons p ON p.id = pm.person_id "
            "JOIN meetings m ON m.id = pm.meeting_id WHERE p.name = 'Rolf Großmann' ORDER BY m.date, pm.role"
        ).fetchall()
    assert ("Andrea Kranefeld", "Andrea Kranefeld", None) in rows
    assert ("Ralph Großmann", "Rolf Großmann", None) in rows  # a spelling of the merged person
    assert ("a.txt", "moderator") in roles and ("b.txt", "assignee") in roles


def test_two_inputs_of_one_name_and_date_keep_their_own_links(tmp_path: Path) -> None:
    """Inputs a/p.txt and b/p.txt of the same day become p.json and p__2.json with the same
    source.file: each meeting links its own people, and "Lindqvist" is the one its document lists."""
    for output, first in [("p.json", "Karin"), ("p__2.json", "Peter")]:
        doc = protocol(
            "p.txt", "2022-09-14", "Vorstand",
            meeting={"moderator": f"{first} Lindqvist"},
            persons=[person(f"{first} Lindqvist", variants=("Lindqvist",))],
            decisions=[decision("1", "Beschluss", "Die Kasse wird geprüft.", assignees=["Lindqvist"])],
        )  # fmt: skip
        (tmp_path / output).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    build_corpus(tmp_path)
    with sqlite3.connect(tmp_path / "corpus" / "minutes.sqlite") as db:
        links = db.execute(
            "SELECT pm.meeting_id, p.name FROM person_meetings pm JOIN persons p ON p.id = pm.person_id "
            "WHERE pm.role = 'moderator' ORDER BY pm.meeting_id"
        ).fetchall()
        assignees = db.execute(
            "SELECT d.meeting_id, p.name FROM decision_assignees a JOIN decisions d ON d.id = a.decision_id "
            "JOIN persons p ON p.id = a.person_id ORDER BY d.meeting_id"
        ).fetchall()
    moderators = {meeting: name for meeting, name in links}
    assert len(links) == 2 and sorted(moderators.values()) == ["Karin Lindqvist", "Peter Lindqvist"], links
    assert assignees == sorted(moderators.items()), assignees
