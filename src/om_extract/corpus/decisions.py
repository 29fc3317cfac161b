"""decisions.jsonl / decisions.csv: every decision of the corpus as one flat row, for spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .load import Document
from .meetings import chronological

CSV_COLUMNS = (
    "date",
    "body",
    "file",
    "section",
    "section_title",
    "kind",
    "label",
    "text",
    "vote",
    "votes_yes",
    "votes_no",
    "votes_abstain",
    "assignees",
)


def decision_rows(documents: list[Document]) -> list[dict[str, Any]]:
    """Rows in meeting order, decisions in document order."""
    rows = []
    for doc in chronological(documents):
        titles = {s.number: s.title for s in doc.protocol.sections if s.number is not None}
        for decision in doc.protocol.decisions:
            rows.append(
                {
                    "date": doc.date,
                    "body": doc.protocol.meeting.body,
                    "file": doc.file,
                    "section": decision.section,
                    "section_title": titles.get(decision.section),
                    "kind": decision.kind,
                    "label": decision.label,
                    "text": decision.text,
                    "vote": decision.vote,
                    "votes": decision.votes.model_dump() if decision.votes else None,
                    "assignees": decision.assignees,
                }
            )
    return rows


def to_jsonl(rows: list[dict[str, Any]]) -> bytes:
    lines = (json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows)
    return "".join(lines).encode("utf-8")


def _csv_record(row: dict[str, Any]) -> list[Any]:
    votes = row["votes"] or {}
    flat = {
        **row,
        "votes_yes": votes.get("yes"),
        "votes_no": votes.get("no"),
        "votes_abstain": votes.get("abstain"),
        "assignees": "; ".join(row["assignees"]),
    }
    return ["" if flat[column] is None else flat[column] for column in CSV_COLUMNS]


def to_csv(rows: list[dict[str, Any]]) -> bytes:
    """UTF-8 with BOM so that spreadsheet programs detect the encoding."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_record(row) for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
