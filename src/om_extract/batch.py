"""Running the pipeline over many files: inputs discovery, unique output names, parallel jobs,
and one error per failed file instead of a stopped batch.

With ``--jobs N`` (or a ``--timeout``) files are extracted in supervised worker processes: a
worker that crashes, is killed or runs past the timeout costs only its file, and the outputs are
still written by the parent, one complete file at a time, in input order."""

from __future__ import annotations

import contextlib
import errno
import multiprocessing
import os
import signal
import stat
import time
import traceback
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING

from .models import Protocol
from .reader import InputError, clean_chars, decode, is_binary
from .rules import RULES
from .writer import dump, write_atomic

if TYPE_CHECKING:
    from .pipeline import Timings

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".tex", ".ms", ".me", ".mom", ".roff", ".pdf", ".docx", ".odt"}
"""Minutes files by name; any other file of a folder is read when its content is minutes text."""
SNIFF_BYTES = 64_000
LARGEST_SNIFFED = 20_000_000
"""A file beyond this many bytes, of no minutes extension, is skipped as too large."""


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
    detail: str | None = None  # traceback of an unexpected error, shown with --debug
    sha256: str | None = None  # of the input bytes extracted, for the manifest


def shown(path: Path | str) -> str:
    """A path as it can be printed, whatever bytes its name has."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def one_line(message: str) -> str:
    return " ".join(message.split()) or "unknown error"


_ERRNO_REASONS = {
    errno.ENOENT: "no such file or directory", errno.ELOOP: "symbolic link loop", errno.EACCES: "permission denied",
    errno.EPERM: "permission denied", errno.ENAMETOOLONG: "file name too long", errno.ENOTDIR: "a path component is no folder",
}


def _reason(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return "broken symbolic link"
    return _ERRNO_REASONS.get(exc.errno or 0) or one_line(exc.strerror or str(exc))


def _kind(path: Path) -> tuple[str, str | None]:
    """("dir" | "file" | "error", reason)."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return "error", _reason(exc, path)
    if stat.S_ISDIR(st.st_mode):
        return "dir", None
    if stat.S_ISREG(st.st_mode):
        return "file", None
    return "error", "not a regular file (a device, pipe or socket)"


def _skip_reason(path: Path) -> str | None:
    """Why a folder's file of no minutes extension is not read ("binary", "too large", "not
    minutes"), or None: its content is text that names a meeting."""
    try:
        if path.stat().st_size > LARGEST_SNIFFED:
            return "too large"
        if path.suffix.lower() in RULES.data["not_minutes_suffixes"]:
            return "not minutes"
        with open(path, "rb") as f:
            head = f.read(SNIFF_BYTES)
        text = decode(head)[0]
    except InputError:
        return "binary"
    except OSError:
        return None  # reading it again names the problem
    if is_binary(clean_chars(text).text):  # what reading it would refuse
        return "binary"
    return None if RULES.rx("minutes_cue").search(text) else "not minutes"


def _walk(folder: Path, skip: set[str], skipped: Counter[str]) -> tuple[list[Path], list[Outcome]]:
    """The minutes files under ``folder`` (symbolic links to folders and hidden folders are not
    followed): those with a minutes extension, and the others whose content is minutes text
    (hidden ones aside); ``skipped`` counts the others by reason."""
    files: list[Path] = []
    errors: list[Outcome] = []

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        errors.append(Outcome(where, None, f"cannot read folder: {_reason(exc, where)}"))

    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and os.path.realpath(os.path.join(root, d)) not in skip)
        for name in names:
            path = Path(root, name)
            if path.suffix.lower() not in SUFFIXES:
                if name.startswith(".") or not path.is_file():
                    continue  # .git and the like, and special files, are not looked at
                reason = _skip_reason(path)
                if reason:
                    skipped[reason] += 1
                    continue
            kind, reason = _kind(path)
            if kind == "file":
                files.append(path)
            elif kind == "error":
                errors.append(Outcome(path, None, reason))
    return sorted(files), errors


def discover(inputs: list[Path], out_dir: Path | None = None) -> tuple[list[Path], list[Outcome], Counter[str]]:
    """Files named and the minutes files inside named folders (the output folder excluded); a
    file named twice is read once; names that cannot be read become errors; the folders' other
    files are counted by the reason they were skipped."""
    files: list[Path] = []
    errors: list[Outcome] = []
    skipped: Counter[str] = Counter()
    skip = {os.path.realpath(out_dir)} if out_dir is not None else set()
    seen: set[str] = set()
    for p in inputs:
        kind, reason = _kind(p)
        if kind == "dir":
            found, errs = _walk(p, skip, skipped)
            errors += errs
            if not found and not errs:
                errors.append(Outcome(p, None, "no minutes files (" + ", ".join(sorted(SUFFIXES))
                                      + ", or text that names a meeting) in this folder"))
        elif kind == "file":
            found = [p]
        else:
            errors.append(Outcome(p, None, reason))
            continue
        for f in found:
            real = os.path.realpath(f)
            if real not in seen:
                seen.add(real)
                files.append(f)
    return files, errors, skipped


def skipped_note(skipped: Counter[str]) -> str:
    """", 3 skipped (2 binary, 1 not minutes)" for the summary line; "" when none was."""
    if not skipped:
        return ""
    return f", {skipped.total()} skipped (" + ", ".join(f"{n} {why}" for why, n in sorted(skipped.items())) + ")"


def plan(files: list[Path], out_dir: Path) -> list[Job]:
    """``OUT/<stem>.json``; inputs sharing a stem get ``<stem>__2.json``, … in input order (names
    that differ only in case count as the same, for case-insensitive file systems)."""
    taken: set[str] = set()
    jobs = []
    for f in files:
        stem = f.stem or f.name
        name, n = stem, 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem}__{n}"
        taken.add(name.casefold())
        jobs.append(Job(f, out_dir / f"{name}.json"))
    return jobs


EXPECTED = (InputError, RecursionError, MemoryError)
"""How bad input fails: no traceback is kept for these."""


def failure(exc: Exception) -> str:
    """The one-line reason an input could not be read or extracted."""
    if isinstance(exc, InputError):
        return one_line(str(exc))
    if isinstance(exc, RecursionError):
        return "input too deeply nested"
    if isinstance(exc, MemoryError):
        return "out of memory"
    return f"internal error ({type(exc).__name__}: {one_line(str(exc))[:200]})"


def extract_bytes(raw: bytes, file: str, model: str | None, timings: Timings | None = None) -> Protocol:
    """The pipeline's extract_bytes, imported when a file is first extracted: a run whose inputs
    are all up to date never loads spaCy."""
    from .pipeline import extract_bytes as extract

    return extract(raw, file, model, timings)


def extract_one(job: Job, model: str | None) -> tuple[Outcome, str | None]:
    """The JSON text for one input, or the reason it has none."""
    src = job.source
    try:
        raw = src.read_bytes()
    except OSError as exc:
        return Outcome(src, None, f"cannot read: {_reason(exc, src)}"), None
    try:
        protocol = extract_bytes(raw, shown(src.name), model)
        content = dump(protocol)
    except EXPECTED as exc:
        return Outcome(src, None, failure(exc)), None
    except Exception as exc:
        detail = traceback.format_exc()
        return Outcome(src, None, f"{failure(exc)}; rerun with --debug for the traceback", detail=detail), None
    return Outcome(src, job.target, None, len(protocol.decisions), len(protocol.persons),
                   sha256=protocol.source.sha256), content


def write_one(job: Job, outcome: Outcome, content: str | None) -> Outcome:
    if content is None:
        return outcome
    try:
        write_atomic(job.target, content)
    except OSError as exc:
        return Outcome(job.source, None, f"cannot write {shown(job.target)}: {_reason(exc, job.target)}")
    except UnicodeError as exc:
        return Outcome(job.source, None, f"cannot write {shown(job.target)}: {one_line(str(exc))}")
    return outcome


def run_one(job: Job, model: str | None) -> Outcome:
    return write_one(job, *extract_one(job, model))


def run(jobs: list[Job], model: str | None, workers: int, timeout: float | None = None) -> Iterator[Outcome]:
    """Yield outcomes in job order; with workers > 1 or a timeout, in supervised worker processes
    (spaCy loads once per worker)."""
    if (workers <= 1 or len(jobs) <= 1) and not timeout:
        for job in jobs:
            yield run_one(job, model)
        return
    n = max(1, min(workers, os.cpu_count() or 1, len(jobs)))
    yield from _Supervisor(jobs, model, n, timeout).run()


# -- supervised workers ------------------------------------------------------------------------


def _worker(conn: Connection, model: str | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    from .ner import load

    try:
        load(model)  # before the first file's clock starts; so are the lazily built rules
    except Exception as exc:
        conn.send(("failed", f"{type(exc).__name__}: {one_line(str(exc))[:200]}"))
        return
    with contextlib.suppress(Exception):
        extract_bytes(b"Protokoll\n\n1. Start\n\nFrau Dr. Kranefeld berichtet am 1. Mai 2024.\n", "warm-up", model)
    conn.send("ready")
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        index, job = msg
        conn.send((index, *extract_one(job, model)))


class _Slot:
    def __init__(self, ctx, model: str | None) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, model), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.current: tuple[int, Job, float] | None = None

    def give(self, index: int, job: Job) -> None:
        self.conn.send((index, job))
        self.current = (index, job, time.monotonic())

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            with contextlib.suppress(OSError):
                self.conn.send(None)
        self.proc.join(timeout=None if kill else 5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"worker process killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"worker process killed by signal {-code}"
    return f"worker process exited unexpectedly (exit code {code})"


class _Supervisor:
    def __init__(self, jobs: list[Job], model: str | None, workers: int, timeout: float | None) -> None:
        self.jobs, self.model, self.workers, self.timeout = jobs, model, workers, timeout
        self.ctx = multiprocessing.get_context()
        self.pending: deque[tuple[int, Job]] = deque(enumerate(jobs))
        self.done: dict[int, Outcome] = {}
        self.slots: list[_Slot] = []

    def _feed(self, slot: _Slot) -> None:
        slot.current = None
        if self.pending:
            slot.give(*self.pending.popleft())

    def _lost(self, slot: _Slot, error: str) -> None:
        """The worker died or hung: its file failed; a fresh worker takes its place."""
        slot.stop(kill=True)
        self.slots.remove(slot)
        if slot.current is not None:
            index, job, _ = slot.current
            self.done[index] = Outcome(job.source, None, error)
        if slot.ready and self.pending:
            self.slots.append(_Slot(self.ctx, self.model))
        elif not self.slots:  # no worker could even start: nobody is left to do the work
            while self.pending:
                index, job = self.pending.popleft()
                self.done[index] = Outcome(job.source, None, f"cannot start a worker process ({error})")

    def _step(self) -> None:
        live = list(self.slots)
        wait_for = None
        if self.timeout:
            started = [s.current[2] for s in live if s.current is not None]
            if started:
                wait_for = max(0.0, min(started) + self.timeout - time.monotonic())
        ready = wait([s.conn for s in live] + [s.proc.sentinel for s in live], timeout=wait_for)
        for slot in live:
            if slot.conn in ready:
                try:
                    msg = slot.conn.recv()
                except (EOFError, OSError):
                    slot.proc.join(timeout=5)
                    self._lost(slot, _death(slot.proc.exitcode))
                    continue
                if msg == "ready":
                    slot.ready = True
                elif msg[0] == "failed":
                    self._lost(slot, msg[1])
                    continue
                else:
                    index, outcome, content = msg
                    self.done[index] = write_one(self.jobs[index], outcome, content)
                self._feed(slot)
            elif slot.proc.sentinel in ready:
                slot.proc.join(timeout=5)
                self._lost(slot, _death(slot.proc.exitcode))
            elif self.timeout and slot.current and time.monotonic() - slot.current[2] >= self.timeout:
                self._lost(slot, f"timed out after {self.timeout:g} s")

    def run(self) -> Iterator[Outcome]:
        try:
            self.slots = [_Slot(self.ctx, self.model) for _ in range(self.workers)]
            emitted = 0
            while emitted < len(self.jobs):
                self._step()
                while emitted in self.done:
                    yield self.done.pop(emitted)
                    emitted += 1
        finally:
            for slot in self.slots:
                slot.stop(kill=slot.current is not None or not slot.ready)
