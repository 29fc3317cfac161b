"""minutes.sqlite: the corpus as one SQLite database (schema in docs/corpus.md), for SQL, any SQLite
tool and Datasette, with the full-text index the ``search`` command reads (search.py).

The database is written to a temporary file and renamed over the old one, like every corpus file;
ids follow the order of the JSON registers (meetings.json, persons.json, organizations.json).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..writer import replace_atomic
from .fold import fold, name_order
from .load import Document
from .meetings import chronological
from .organizations import Organizations
from .persons import Persons
from .search import INDEX, WORDS, index_rows

SCHEMA = """
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    title TEXT, organization TEXT, body TEXT, number INTEGER,
    date TEXT, start_time TEXT, end_time TEXT, location TEXT,
    participant_count INTEGER, moderator TEXT, minute_taker TEXT
);
CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL,
    number TEXT, title TEXT NOT NULL, details TEXT, time TEXT
);
CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL,
    number TEXT, title TEXT NOT NULL, text TEXT NOT NULL, postponed INTEGER NOT NULL
);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    section_id INTEGER REFERENCES sections(id),
    position INTEGER NOT NULL,
    section TEXT, kind TEXT NOT NULL, label TEXT, text TEXT NOT NULL, vote TEXT,
    votes_yes INTEGER, votes_no INTEGER, votes_abstain INTEGER
);
CREATE TABLE persons (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL, title TEXT,
    variants TEXT NOT NULL,       -- JSON array
    organizations TEXT NOT NULL   -- JSON array of merged organization names
);
CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL, abbreviation TEXT, kind TEXT,
    variants TEXT NOT NULL        -- JSON array
);
CREATE TABLE person_meetings (
    person_id INTEGER NOT NULL REFERENCES persons(id),
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    role TEXT NOT NULL,
    PRIMARY KEY (person_id, meeting_id, role)
);
CREATE TABLE decision_assignees (
    decision_id INTEGER NOT NULL REFERENCES decisions(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    person_id INTEGER REFERENCES persons(id),
    organization_id INTEGER REFERENCES organizations(id),
    PRIMARY KEY (decision_id, position)
);
CREATE INDEX meetings_date ON meetings(date);
CREATE INDEX meetings_body ON meetings(body);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id);
CREATE INDEX sections_meeting ON sections(meeting_id);
CREATE INDEX decisions_meeting ON decisions(meeting_id);
CREATE INDEX decisions_section ON decisions(section_id);
CREATE INDEX persons_name ON persons(name);
CREATE INDEX organizations_name ON organizations(name);
CREATE INDEX person_meetings_meeting ON person_meetings(meeting_id);
CREATE INDEX decision_assignees_person ON decision_assignees(person_id);
CREATE INDEX decision_assignees_organization ON decision_assignees(organization_id);
"""


class _Rows:
    """Rows per table, ids counted as they are added."""

    def __init__(self) -> None:
        self.tables: dict[str, list[tuple[Any, ...]]] = {}

    def add(self, table: str, *values: Any) -> int:
        rows = self.tables.setdefault(table, [])
        rows.append((len(rows) + 1, *values))
        return len(rows)

    def link(self, table: str, *values: Any) -> None:
        self.tables.setdefault(table, []).append(values)


def _meeting_rows(rows: _Rows, documents: list[Document]) -> dict[str, int]:
    """Meetings with their agenda items, sections and decisions; output file name -> meeting id."""
    meetings: dict[str, int] = {}
    for doc in chronological(documents):
        p, m = doc.protocol, doc.protocol.meeting
        meeting = rows.add(
            "meetings", doc.file, m.title, m.organization, m.body, m.number, m.date, m.start_time,
            m.end_time, m.location, m.participant_count, m.moderator, m.minute_taker,
        )  # fmt: skip
        meetings[doc.output] = meeting
        for k, a in enumerate(p.agenda):
            rows.add("agenda_items", meeting, k, a.number, a.title, a.details, a.time)
        sections: dict[str, int] = {}
        for k, s in enumerate(p.sections):
            section = rows.add("sections", meeting, k, s.number, s.title, s.text, int(s.postponed))
            if s.number is not None:
                sections.setdefault(s.number, section)
        for k, d in enumerate(p.decisions):
            votes = d.votes
            rows.add(
                "decisions", meeting, sections.get(d.section or ""), k, d.section, d.kind, d.label, d.text,
                d.vote, votes and votes.yes, votes and votes.no, votes and votes.abstain,
            )  # fmt: skip
    return meetings


def _person_rows(
    rows: _Rows, persons: Persons, entries: list[dict[str, Any]], meetings: dict[str, int]
) -> dict[int, int]:
    """Persons (their persons.json entries) and their roles per meeting; cluster -> person id."""
    ids: dict[int, int] = {}
    for i, entry in zip(name_order(persons.names), entries, strict=True):
        person = ids[i] = rows.add(
            "persons", entry["name"], entry["title"],
            json.dumps(entry["variants"], ensure_ascii=False), json.dumps(entry["organizations"], ensure_ascii=False),
        )  # fmt: skip
        for output, roles in persons.meetings(i):
            for role in roles:
                rows.link("person_meetings", person, meetings[output], role)
    return ids


def _organization_rows(rows: _Rows, organizations: Organizations, entries: list[dict[str, Any]]) -> dict[int, int]:
    """Organizations (their organizations.json entries); cluster -> organization id."""
    ids: dict[int, int] = {}
    for i, entry in zip(name_order(organizations.names), entries, strict=True):
        ids[i] = rows.add(
            "organizations", entry["name"], entry["abbreviation"], entry["kind"],
            json.dumps(entry["variants"], ensure_ascii=False),
        )  # fmt: skip
    return ids


def _assignee_rows(
    rows: _Rows, documents: list[Document], persons: Persons, organizations: Organizations,
    person_ids: dict[int, int], organization_ids: dict[int, int],
) -> None:  # fmt: skip
    """Each decision's assignees, resolved to the merged person (by the forms the same document
    gives that person) or else to the merged organization."""
    written: dict[tuple[str, str], int] = {}
    for i, members in enumerate(persons.clusterer.clusters):
        for m in members:
            for form in [m.name, *m.variants]:
                written.setdefault((m.output, fold(form)), i)
    decision = 0
    for doc in chronological(documents):
        for d in doc.protocol.decisions:
            decision += 1
            for k, name in enumerate(d.assignees):
                cluster = written.get((doc.output, fold(name)))
                org = None if cluster is not None else organizations.cluster_of(name)
                rows.link(
                    "decision_assignees", decision, k, name,
                    None if cluster is None else person_ids[cluster], None if org is None else organization_ids[org],
                )  # fmt: skip


def _insert(db: sqlite3.Connection, table: str, rows: Iterable[tuple[Any, ...]]) -> None:
    rows = list(rows)
    if rows:
        db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)


def _fill(path: Path, rows: _Rows) -> None:
    """Create the database at ``path`` with its rows and the search index. ``path`` is a temporary
    file renamed into place once complete, so a rollback journal and syncs inside it buy nothing."""
    db = sqlite3.connect(path)
    try:
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        db.executescript(SCHEMA)
        db.execute("PRAGMA foreign_keys = ON")
        with db:
            for table in ("meetings", "agenda_items", "sections", "decisions", "persons", "organizations",
                          "person_meetings", "decision_assignees"):  # fmt: skip
                _insert(db, table, rows.tables.get(table, ()))
            db.executescript(INDEX)
            _insert(db, "search", index_rows(rows.tables.get("sections", []), rows.tables.get("decisions", [])))
            db.executescript(WORDS)
    finally:
        db.close()


def write_database(
    path: Path,
    documents: list[Document],
    persons: tuple[Persons, list[dict[str, Any]]],
    organizations: tuple[Organizations, list[dict[str, Any]]],
) -> dict[str, int]:
    """Write the database atomically from the documents and the merged persons and organizations
    with their register entries; returns the row count of each table."""
    (persons_, person_entries), (organizations_, organization_entries) = persons, organizations
    rows = _Rows()
    meetings = _meeting_rows(rows, documents)
    person_ids = _person_rows(rows, persons_, person_entries, meetings)
    organization_ids = _organization_rows(rows, organizations_, organization_entries)
    _assignee_rows(rows, documents, persons_, organizations_, person_ids, organization_ids)
    replace_atomic(path, lambda tmp: _fill(tmp, rows))
    return {table: len(values) for table, values in rows.tables.items()}

