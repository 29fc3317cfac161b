"""Running the pipeline over many files: inputs discovery, unique output names, parallel jobs,
and one error per failed file instead of a stopped batch."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .pipeline import extract_file
from .reader import InputError
from .writer import dump, write_atomic

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}


@dataclass(frozen=True)
class Job:
    source: Path
    target: Path


@dataclass(frozen=True)
class Outcome:
    source: Path
    target: Path | None
    error: str | None = None
    decisions: int = 0
    persons: int = 0


def discover(inputs: list[Path]) -> tuple[list[Path], list[Outcome]]:
    """Files named and the minutes files inside named folders; unreadable names become errors."""
    files: list[Path] = []
    errors: list[Outcome] = []
    for p in inputs:
        try:
            if p.is_dir():
                files += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            elif p.is_file():
                files.append(p)
            else:
                errors.append(Outcome(p, None, "no such file or directory"))
        except OSError as exc:
            errors.append(Outcome(p, None, exc.strerror or str(exc)))
    return files, errors


def plan(files: list[Path], out_dir: Path) -> list[Job]:
    """``OUT/<stem>.json``; inputs sharing a stem get ``<stem>__2.json``, … in input order."""
    used: dict[str, int] = {}
    jobs = []
    for f in files:
        n = used.get(f.stem, 0) + 1
        used[f.stem] = n
        name = f.stem if n == 1 else f"{f.stem}__{n}"
        jobs.append(Job(f, out_dir / f"{name}.json"))
    return jobs


def run_one(job: Job, model: str | None) -> Outcome:
    try:
        protocol = extract_file(job.source, model)
        write_atomic(job.target, dump(protocol))
        return Outcome(job.source, job.target, None, len(protocol.decisions), len(protocol.persons))
    except InputError as exc:
        return Outcome(job.source, None, str(exc))
    except IsADirectoryError:
        return Outcome(job.source, None, "is a directory")
    except OSError as exc:
        return Outcome(job.source, None, exc.strerror or str(exc))
    except RecursionError:
        return Outcome(job.source, None, "input too deeply nested")


def run(jobs: list[Job], model: str | None, workers: int):
    """Yield outcomes in job order; with workers > 1, spaCy loads once per worker process."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield run_one(job, model)
        return
    with ProcessPoolExecutor(max_workers=min(workers, os.cpu_count() or 1, len(jobs))) as pool:
        yield from pool.map(run_one, jobs, [model] * len(jobs), chunksize=max(1, len(jobs) // (workers * 8)))
