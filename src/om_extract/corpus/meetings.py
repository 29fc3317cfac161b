"""meetings.json: the table of contents of the corpus, one row per document."""

from __future__ import annotations

from typing import Any

from .load import Document


def chronological(documents: list[Document]) -> list[Document]:
    """Documents by meeting date, undated ones last, ties by file name."""
    return sorted(documents, key=lambda doc: (doc.date is None, doc.date or "", doc.file))


def meeting_rows(documents: list[Document]) -> list[dict[str, Any]]:
    rows = []
    for doc in chronological(documents):
        meeting = doc.protocol.meeting
        rows.append(
            {
                "file": doc.file,
                "title": meeting.title,
                "body": meeting.body,
                "number": meeting.number,
                "date": meeting.date,
                "start_time": meeting.start_time,
                "end_time": meeting.end_time,
                "location": meeting.location,
                "agenda_items": len(doc.protocol.agenda),
                "sections": len(doc.protocol.sections),
                "decisions": len(doc.protocol.decisions),
            }
        )
    return rows
