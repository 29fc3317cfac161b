"""The corpus view: cross-document tables built from the per-document JSON in OUT_DIR.

``build_corpus(out_dir)`` writes OUT_DIR/corpus/ (meetings, persons, organizations, decisions,
calendar, threads, and all of it in minutes.sqlite; see docs/corpus.md); ``register(app)`` adds the ``corpus`` CLI command.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer

from ..collector import cycles_paused
from ..incremental import stale_outputs
from ..writer import write_atomic
from . import search
from .database import write_database
from .decisions import decision_rows, to_csv, to_jsonl
from .ics import build_calendar
from .load import load_documents
from .meetings import meeting_rows
from .organizations import Organizations
from .output import write_json
from .persons import Persons
from .rules import load_rules
from .threads import find_threads

__all__ = ["CorpusSummary", "build_corpus", "register"]


@dataclass(frozen=True)
class CorpusSummary:
    corpus_dir: Path
    documents: int
    skipped: int
    persons: int
    person_merges: int
    organizations: int
    organization_merges: int
    decisions: int
    events: int
    threads: int
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"corpus: {self.documents} documents ({self.skipped} skipped) -> "
            f"{self.persons} persons ({self.person_merges} merges), "
            f"{self.organizations} organizations ({self.organization_merges} merges), "
            f"{self.decisions} decisions, {self.events} calendar events, {self.threads} threads "
            f"in {self.corpus_dir}"
        )


def _merged(audit: list[dict[str, object]]) -> int:
    return sum(1 for row in audit if row["decision"] == "merged")


def build_corpus(
    out_dir: Path, rules_path: Path | None = None, leave_out: frozenset[str] | None = None
) -> CorpusSummary:
    """Rebuild OUT_DIR/corpus/ from OUT_DIR/*.json but the names in ``leave_out``, by default the
    outputs the manifest marks stale (kept from before, their input failed since); unreadable
    documents become warnings."""
    if leave_out is None:
        leave_out = stale_outputs(out_dir)
    with cycles_paused():
        return _build(out_dir, rules_path, leave_out)


def _build(out_dir: Path, rules_path: Path | None, leave_out: frozenset[str]) -> CorpusSummary:
    rules = load_rules(rules_path)
    documents, warnings = load_documents(out_dir, leave_out)
    target = out_dir / "corpus"
    target.mkdir(parents=True, exist_ok=True)

    write_json(target / "meetings.json", {"meetings": meeting_rows(documents)})
    organizations = Organizations(documents, rules.organizations)
    persons = Persons(documents, rules.persons, organizations)
    person_audit, org_audit = persons.audit(), organizations.audit()
    person_entries = persons.entries()
    write_json(target / "persons.json", {"persons": person_entries, "merges": person_audit})
    org_entries = organizations.entries(persons.by_organization())
    write_json(target / "organizations.json", {"organizations": org_entries, "merges": org_audit})
    write_database(target / "minutes.sqlite", documents, (persons, person_entries), (organizations, org_entries))
    decisions = decision_rows(documents)
    write_atomic(target / "decisions.jsonl", to_jsonl(decisions))
    write_atomic(target / "decisions.csv", to_csv(decisions))
    calendar, events, calendar_warnings = build_calendar(documents)
    write_atomic(target / "calendar.ics", calendar)
    threads = find_threads(documents, rules.threads)
    write_json(target / "threads.json", {"threads": threads})

    return CorpusSummary(
        corpus_dir=target,
        documents=len(documents),
        skipped=len(warnings),  # every load warning is a skipped file
        persons=len(persons.names),
        person_merges=_merged(person_audit),
        organizations=len(org_entries),
        organization_merges=_merged(org_audit),
        decisions=len(decisions),
        events=events,
        threads=len(threads),
        warnings=warnings + calendar_warnings,
    )


def register(app: typer.Typer) -> None:
    """Add ``corpus OUT_DIR`` and ``search OUT_DIR QUERY`` to the main CLI."""
    search.register(app)

    @app.command("corpus")
    def corpus(
        out_dir: Annotated[
            Path,
            typer.Argument(
                exists=True, file_okay=False, metavar="OUT_DIR", help="Directory of per-document JSON"
            ),
        ],
    ) -> None:
        """Rebuild OUT_DIR/corpus/ from the JSON files already in OUT_DIR."""
        summary = build_corpus(out_dir)
        for warning in summary.warnings:
            typer.echo(f"warning: {warning}", err=True)
        typer.echo(summary.line())
