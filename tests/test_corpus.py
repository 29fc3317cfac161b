"""The corpus view on a small fictional corpus: merging, tables, calendar, threads, stability."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import typer
from icalendar import Calendar
from typer.testing import CliRunner

from om_extract.corpus import build_corpus, register
from om_extract.corpus.load import Document, load_documents
from om_extract.corpus.persons import compare, parse_name
from om_extract.corpus.rules import load_rules
from om_extract.corpus.threads import Vocabulary
from om_extract.models import Protocol
from om_extract.rules import rules_dir

PERSON_RULES = load_rules().persons


def person(name: str, *orgs: str, title: str | None = None, variants: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"name": name, "title": title, "organizations": list(orgs), "variants": list(variants)}


def org(
    name: str, abbreviation: str | None = None, kind: str = "external", variants: tuple[str, ...] = ()
) -> dict:
    return {"name": name, "abbreviation": abbreviation, "kind": kind, "variants": list(variants)}


def section(number: str, title: str, *presenters: str) -> dict[str, Any]:
    return {
        "number": number,
        "title": title,
        "text": f"Zu {title} wurde berichtet.",
        "presenters": [{"name": p, "organization": None} for p in presenters],
    }


def decision(section_no: str, label: str, text: str, **extra: Any) -> dict[str, Any]:
    return {"section": section_no, "kind": "beschluss", "label": label, "text": text} | extra


def protocol(file: str, date: str, body: str, **parts: Any) -> dict[str, Any]:
    meeting = {
        "title": f"Treffen {body}",
        "organization": "Netzwerk Musterhandwerk",
        "body": body,
        "date": date,
    }
    meeting |= parts.pop("meeting", {})
    doc = {
        "schema_version": "1.0",
        "source": {"file": file, "sha256": "0" * 64, "format": "plain", "encoding": "utf-8"},
        "meeting": meeting,
    } | parts
    return Protocol.model_validate(doc).model_dump(mode="json")


DOCUMENTS = {
    "a.json": protocol(
        "a.txt",
        "2021-03-04",
        "Lenkungskreis",
        meeting={
            "number": 3,
            "start_time": "10:00",
            "end_time": "12:30",
            "location": "Kassel",
            "moderator": "Rolf Großmann",
        },
        participants=[
            {"name": "Rolf Großmann", "organization": None},
            {"name": "Till Strauss", "organization": None},
            {"name": "Andrea Kranefeld", "organization": None},
            {"name": "Lena Brandt", "organization": None},
        ],
        agenda=[
            {
                "number": "1",
                "title": "Aufbau der Musterdatenbank Schweißtechnik",
                "presenters": [],
                "time": "10:00",
            }
        ],
        sections=[
            section("1", "Aufbau der Musterdatenbank Schweißtechnik", "Till Strauss"),
            section("2", "Haushalt", "Andrea Kranefeld"),
        ],
        decisions=[
            decision("1", "Beschluss zur Musterdatenbank Schweißtechnik", "Die Datenbank wird aufgebaut."),
            decision(
                "2",
                "Beschluss zum Haushalt",
                "Der Haushalt wird angenommen.",
                vote="angenommen (5/0/1)",
                votes={"yes": 5, "no": 0, "abstain": 1},
                assignees=["Andrea Kranefeld", "Lenkungskreis"],
            ),
        ],
        persons=[
            person("Rolf Großmann", "Verband Fiktiver Betriebe"),
            person("Till Strauss"),
            person("Andrea Kranefeld", "Institut für Werkstoffprüfung e. V."),
            person("Lena Brandt"),
        ],
        organizations=[
            org("Verband Fiktiver Betriebe", "VFB"),
            org("Institut für Werkstoffprüfung e. V."),
            org("Lenkungskreis", kind="internal"),
            org("AG Prüfwesen", kind="internal"),
        ],
        next_meetings=[
            {"date": "2021-09-09", "start_time": "10:00", "end_time": "12:00", "body": "Lenkungskreis"}
        ],
    ),
    "b.json": protocol(
        "b.txt",
        "2021-09-09",
        "Lenkungskreis",
        meeting={"minute_taker": "Till Straus"},
        sections=[section("1", "Bericht aus dem VFB", "Ralph Großmann"), section("2", "Werkstattportal")],
        decisions=[
            decision(
                "1",
                "Beschluss zur Musterdatenbank",
                "Die Musterdatenbank geht in Betrieb.",
                assignees=["Ralph Großmann", "Till Straus"],
            ),
            decision("2", "Vereinbarung", "Das Werkstattportal wird getestet.", kind="vereinbarung"),
        ],
        persons=[
            person("Ralph Großmann", "VFB"),
            person("Till Straus"),
            person("Andreas Kranefeld"),
            person("Lena Vogelsang"),
            person("Achim Lauer"),
            person("Anna Roth"),
            person("Anne Roth"),
        ],
        organizations=[
            org("VFB", "VFB"),
            org("Institut für Werkstoffprüfung e.V."),
            org("FG Prüfwesen", kind="internal"),
        ],
        next_meetings=[{"date": "2022-02-10", "body": "Lenkungskreis"}],
    ),
    "c.json": protocol(
        "c.txt",
        "2022-02-10",
        "Plenum",
        sections=[
            section("1", "Werkstattportal im Praxistest", "Herr Radicke"),
            section("2", "Offene Fragen"),
        ],
        persons=[
            person("Radicke", variants=("Herr Radicke",)),
            person("Karl Fenes"),
            person("Fenés", variants=("Hr. Fenés",)),
            person("Roth", variants=("Frau Roth",)),
            person("Joachim Bertram"),
        ],
        organizations=[org("Netzwerk Musterhandwerk", kind="internal")],
    ),
    "d.json": protocol(
        "d.txt",
        "2022-06-02",
        "Plenum",
        agenda=[
            {"number": "1", "title": "Gesundheitstage", "presenters": [], "time": None},
            {"number": "2", "title": "Schweißtechnik: erste Erfahrungen", "presenters": [], "time": None},
        ],
        sections=[section("1", "Gesundheitstage", "Uwe Radecke"), section("2", "Offene Fragen")],
        persons=[person("Uwe Radecke"), person("Lena Brandt")],
        organizations=[org("Netzwerk Musterhandwerk", kind="internal")],
    ),
    "e.json": protocol(
        "e.txt",
        "2022-11-17",
        "Plenum",
        sections=[section("1", "Fachkräftesicherung"), section("2", "Offene Fragen")],
        persons=[person("Karl Fenes", title="Dr.")],
        organizations=[org("Netzwerk Musterhandwerk", kind="internal")],
    ),
}

GOLD_SHAPED = {  # shared/spec/gold-format.md: no sha256/encoding, sections with first/last words
    "source": {"file": "g.txt", "format": "plain"},
    "meeting": {"title": "Treffen", "body": "Plenum", "date": "2023-01-12"},
    "participants": [],
    "agenda": [],
    "sections": [
        {
            "number": "1",
            "title": "Fachkräftesicherung",
            "first_words": "Es wurde",
            "last_words": "beraten.",
            "presenters": [],
            "attachments": [],
            "postponed": False,
        }
    ],
    "decisions": [
        {
            "section": "1",
            "kind": "todo",
            "label": "To Do",
            "text": "Umfrage starten.",
            "vote": None,
            "assignees": [],
        }
    ],
    "persons": [],
    "organizations": [],
    "dates": [],
    "next_meetings": [],
    "links": [],
}


def write_corpus(directory: Path) -> Path:
    for name, doc in DOCUMENTS.items():
        (directory / name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (directory / "g.json").write_text(json.dumps(GOLD_SHAPED), encoding="utf-8")
    (directory / "_summary.json").write_text("{}", encoding="utf-8")
    (directory / "broken.json").write_text("{not json", encoding="utf-8")
    (directory / "alien.json").write_text('{"foo": 1}', encoding="utf-8")
    return directory


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    summary = build_corpus(write_corpus(tmp_path))
    assert summary.documents == 6
    return tmp_path / "corpus"


def read(corpus: Path, name: str) -> Any:
    return json.loads((corpus / name).read_text(encoding="utf-8"))


def persons_by_name(corpus: Path) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in read(corpus, "persons.json")["persons"]}


def test_bad_files_are_skipped_with_a_warning(tmp_path: Path) -> None:
    summary = build_corpus(write_corpus(tmp_path))
    assert summary.skipped == 2
    assert sorted(w.split(":")[0] for w in summary.warnings) == ["alien.json", "broken.json"]
    documents, _ = load_documents(tmp_path)
    assert [d.file for d in documents] == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "g.txt"]


def test_rules_are_read_once_per_version_of_their_file(tmp_path: Path) -> None:
    """The name caches take the rules as a key by identity: an unchanged file gives the same
    object again, an edited one its new thresholds."""
    path = tmp_path / "corpus.yaml"
    path.write_bytes((rules_dir() / "corpus.yaml").read_bytes())
    first = load_rules(path)
    assert load_rules(path) is first
    path.write_text(re.sub(r"link_window: \d+", "link_window: 99", path.read_text(encoding="utf-8")), encoding="utf-8")
    os.utime(path, ns=(0, path.stat().st_mtime_ns + 1))  # edited within the clock's resolution
    assert first.threads.link_window != 99 and load_rules(path).threads.link_window == 99


def test_meetings_table(corpus: Path) -> None:
    meetings = read(corpus, "meetings.json")["meetings"]
    assert [m["file"] for m in meetings] == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "g.txt"]
    assert meetings[0] == {
        "file": "a.txt",
        "title": "Treffen Lenkungskreis",
        "body": "Lenkungskreis",
        "number": 3,
        "date": "2021-03-04",
        "start_time": "10:00",
        "end_time": "12:30",
        "location": "Kassel",
        "agenda_items": 1,
        "sections": 2,
        "decisions": 2,
    }


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Rolf Großmann", "Ralph Grossmann"),
        ("Till Strauss", "Till Straus"),
        ("Herr Radicke", "Uwe Radecke"),
        ("Hr. Fenés", "Karl Fenes"),
        ("Markus Hahn", "Marcus Hahn"),
        ("Dr. Eva Lind", "E. Lind"),
    ],
)
def test_spellings_of_one_person_are_compatible(a: str, b: str) -> None:
    parts_a, parts_b = parse_name(a, PERSON_RULES), parse_name(b, PERSON_RULES)
    assert parts_a and parts_b and compare(parts_a, parts_b, PERSON_RULES)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Jonas Rehberg", "Jonas K. Rehmann"),
        ("Lena Brandt", "Lena Vogelsang"),
        ("Achim Lauer", "Joachim Bertram"),
        ("Andrea Kranefeld", "Andreas Kranefeld"),
        ("Anna Roth", "Anne Roth"),
        ("Peter Lang", "Petra Lang"),
        ("Tina Wolf", "Tina Wulf"),
        ("Martin Oster", "Moritz Oster"),
        ("Achim Lauer", "Joachim Lauer"),
    ],
)
def test_look_alikes_are_not_compatible(a: str, b: str) -> None:
    parts_a, parts_b = parse_name(a, PERSON_RULES), parse_name(b, PERSON_RULES)
    assert parts_a and parts_b and compare(parts_a, parts_b, PERSON_RULES) is None


def test_spelling_variants_merge_into_one_person(corpus: Path) -> None:
    persons = persons_by_name(corpus)
    grossmann = persons["Rolf Großmann"]
    assert grossmann["variants"] == ["Ralph Großmann"]
    assert grossmann["organizations"] == ["Verband Fiktiver Betriebe"]  # "VFB" resolved to the merged org
    assert grossmann["appearances"] == [
        {"file": "a.txt", "date": "2021-03-04", "roles": ["participant", "moderator"]},
        {"file": "b.txt", "date": "2021-09-09", "roles": ["presenter", "assignee"]},
    ]
    assert [a["roles"] for a in persons["Till Strauss"]["appearances"]] == [
        ["participant", "presenter"],
        ["minute_taker", "assignee"],
    ]
    assert persons["Uwe Radecke"]["variants"] == ["Herr Radicke", "Radicke"]
    assert persons["Karl Fenes"]["variants"] == ["Fenés", "Hr. Fenés"]
    assert persons["Karl Fenes"]["title"] == "Dr."
    assert [a["file"] for a in persons["Lena Brandt"]["appearances"]] == ["a.txt", "d.txt"]


def test_different_people_stay_apart(corpus: Path) -> None:
    names = set(persons_by_name(corpus))
    assert {
        "Andrea Kranefeld",
        "Andreas Kranefeld",
        "Lena Brandt",
        "Lena Vogelsang",
        "Achim Lauer",
        "Joachim Bertram",
        "Anna Roth",
        "Anne Roth",
        "Roth",
    } <= names
    merges = read(corpus, "persons.json")["merges"]
    roth = next(m for m in merges if m["name"] == "Roth")
    assert roth == {
        "name": "Roth",
        "file": "c.txt",
        "decision": "kept apart",
        "rule": "ambiguous",
        "candidates": ["Anna Roth", "Anne Roth"],
    }


def test_merges_are_logged_with_rule_and_scores(corpus: Path) -> None:
    merges = read(corpus, "persons.json")["merges"]
    ralph = next(m for m in merges if m["name"] == "Ralph Großmann")
    assert ralph == {
        "name": "Ralph Großmann",
        "file": "b.txt",
        "decision": "merged",
        "into": "Rolf Großmann",
        "matched": "Rolf Großmann",
        "rule": "similar first name",
        "scores": {"surname": 100.0, "first_name": 75.0},
        "candidates": 1,
    }
    radicke = next(m for m in merges if m["name"] == "Radicke")
    assert (radicke["into"], radicke["rule"], radicke["scores"]) == (
        "Uwe Radecke",
        "surname only",
        {"surname": 85.7},
    )


def test_organizations_merge_abbreviations_and_legal_forms(corpus: Path) -> None:
    orgs = {o["name"]: o for o in read(corpus, "organizations.json")["organizations"]}
    vfb = orgs["Verband Fiktiver Betriebe"]
    assert (vfb["abbreviation"], vfb["variants"], vfb["persons"]) == ("VFB", ["VFB"], ["Rolf Großmann"])
    assert [d["file"] for d in vfb["documents"]] == ["a.txt", "b.txt"]
    institute = orgs["Institut für Werkstoffprüfung e. V."]
    assert institute["variants"] == ["Institut für Werkstoffprüfung e.V."]
    assert institute["persons"] == ["Andrea Kranefeld"]
    assert "AG Prüfwesen" in orgs and "FG Prüfwesen" in orgs  # one differing word: two bodies
    assert [d["file"] for d in orgs["Netzwerk Musterhandwerk"]["documents"]] == ["c.txt", "d.txt", "e.txt"]


def test_decision_rows(corpus: Path) -> None:
    lines = (corpus / "decisions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5  # 2 + 2 + 1 (the gold-shaped file)
    haushalt = json.loads(lines[1])
    assert haushalt["votes"] == {"yes": 5, "no": 0, "abstain": 1}
    assert (haushalt["section_title"], haushalt["vote"]) == ("Haushalt", "angenommen (5/0/1)")
    raw = (corpus / "decisions.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 5
    assert (rows[1]["votes_yes"], rows[1]["votes_no"], rows[1]["votes_abstain"]) == ("5", "0", "1")
    assert rows[1]["assignees"] == "Andrea Kranefeld; Lenkungskreis"
    assert (rows[2]["date"], rows[2]["section_title"], rows[2]["votes_yes"]) == (
        "2021-09-09",
        "Bericht aus dem VFB",
        "",
    )
    assert (rows[4]["file"], rows[4]["kind"]) == ("g.txt", "todo")


def test_calendar_holds_meetings_and_announcements(corpus: Path) -> None:
    calendar = Calendar.from_ical((corpus / "calendar.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 6 + 2  # every meeting, every announced next meeting
    assert len({str(e["UID"]) for e in events}) == 8
    by_summary = {(str(e["SUMMARY"]), e.decoded("DTSTART").isoformat()): e for e in events}
    held = by_summary[("Treffen Lenkungskreis", "2021-03-04T10:00:00+01:00")]
    assert held.decoded("DTEND").isoformat() == "2021-03-04T12:30:00+01:00"
    assert str(held["LOCATION"]) == "Kassel"
    assert held.decoded("DTSTAMP").isoformat() == "2021-03-04T00:00:00+00:00"
    assert ("Lenkungskreis (angekündigt)", "2021-09-09T10:00:00+02:00") in by_summary
    all_day = by_summary[("Lenkungskreis (angekündigt)", "2022-02-10")]  # no time known
    assert all_day.decoded("DTEND").isoformat() == "2022-02-11"


def test_terms_are_capitalised_words_and_parts_of_compounds() -> None:
    """Words starting with a capital, not capitals inside a word ("eBay", "3D"); a hyphen starts a
    part of its own; each stem once, as first written."""
    text = "Die OM-Werkbankportal (neu), eBay, 3D-Fräsportal und Über_Sicht; Ärger-Fräsportale"
    document = Document(Protocol.model_validate(protocol("w.txt", "2024-01-01", "Plenum")), "w.json")
    vocabulary = Vocabulary([document], load_rules().threads)
    vocabulary.weights = dict.fromkeys(["om", "werkbankportal", "frasportal", "uber_sicht", "arger"], 0.5)
    assert vocabulary.terms(text) == {  # "Die", "Ärger": too short for a term
        "om": "OM", "werkbankportal": "Werkbankportal", "frasportal": "Fräsportal", "uber_sicht": "Über_Sicht"
    }
    assert vocabulary.terms(text) is vocabulary.terms(text)  # remembered


def test_threads_link_one_subject_across_meetings(corpus: Path) -> None:
    threads = read(corpus, "threads.json")["threads"]
    assert [t["label"] for t in threads] == [
        "Musterdatenbank, Schweißtechnik",
        "Werkstattportal",
        "Fachkräftesicherung",
    ]
    datenbank = threads[0]
    assert [(i["date"], i["file"], i["kind"], i["section"]) for i in datenbank["items"]] == [
        ("2021-03-04", "a.txt", "section", "1"),  # the agenda item of a.txt is left to this section
        ("2021-03-04", "a.txt", "decision", "1"),
        ("2021-09-09", "b.txt", "decision", "1"),
        ("2022-06-02", "d.txt", "agenda", "2"),
    ]
    assert datenbank["links"] == [
        {"items": [0, 2], "score": 0.61, "title_similarity": 56.6, "shared_terms": ["Musterdatenbank"]},
        {"items": [0, 3], "score": 0.65, "title_similarity": 64.6, "shared_terms": ["Schweißtechnik"]},
        {"items": [1, 2], "score": 0.65, "title_similarity": 65.2, "shared_terms": ["Musterdatenbank"]},
        {"items": [1, 3], "score": 0.72, "title_similarity": 72.4, "shared_terms": ["Schweißtechnik"]},
    ]  # never a link inside one document (items 0 and 1)
    assert [(i["file"], i["title"]) for i in threads[1]["items"]] == [
        ("b.txt", "Werkstattportal"),
        ("c.txt", "Werkstattportal im Praxistest"),
    ]
    linked = {i["title"] for t in threads for i in t["items"]}
    assert "Offene Fragen" not in linked  # a standing item of three meetings is no subject


def test_output_is_byte_identical_on_rebuild(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    build_corpus(tmp_path)
    first = {p.name: p.read_bytes() for p in (tmp_path / "corpus").iterdir()}
    build_corpus(tmp_path)
    second = {p.name: p.read_bytes() for p in (tmp_path / "corpus").iterdir()}
    assert first == second
    assert sorted(first) == [
        "calendar.ics",
        "decisions.csv",
        "decisions.jsonl",
        "meetings.json",
        "minutes.sqlite",
        "organizations.json",
        "persons.json",
        "threads.json",
    ]


def test_cli_command(tmp_path: Path) -> None:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """om-extract"""

    register(app)
    result = CliRunner().invoke(app, ["corpus", str(write_corpus(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "6 documents (2 skipped)" in result.output
    assert (tmp_path / "corpus" / "persons.json").exists()
