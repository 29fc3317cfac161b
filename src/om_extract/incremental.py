"""Incremental runs: an input whose output is up to date is not extracted again.

``OUT_DIR/.om-extract/manifest.json`` remembers, for each output file, the input it was made from (its path
and the sha256 of its bytes), the fingerprint of the run (extractor version and code, the files
of ``rules/``, the spaCy pipeline) and the sha256 of the output as written. An input is unchanged
while all of these still hold; then its output is left as it is, byte for byte. An output whose
input failed at its last extraction is marked stale, so that every corpus build leaves it out.
The manifest lives in a folder of its own, so that OUT_DIR/*.json stays the outputs.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .batch import Job, Outcome
from .model_name import model_identity
from .rules import rules_dir
from .writer import write_atomic

MANIFEST = Path(".om-extract", "manifest.json")
_PACKAGE = Path(__file__).resolve().parent


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _tree_hash(folder: Path, pattern: str) -> str:
    """One hash of every file matching ``pattern`` under ``folder``: names and bytes."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob(pattern)):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def fingerprint(model: str | None) -> str:
    """What else an output depends on: the extractor (its version and its code, so that a
    changed checkout counts too), the rules and the pipeline an extraction would run."""
    try:
        version = importlib.metadata.version("om-extract")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    parts = {
        "version": version,
        "code": _tree_hash(_PACKAGE, "*.py"),
        "rules": _tree_hash(rules_dir(), "*"),
        "model": model_identity(model),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Orphan:
    """An output whose input is gone: listed, never deleted."""

    output: Path
    input: str


class Manifest:
    """The record of the outputs in OUT_DIR and what each was made from."""

    def __init__(self, out_dir: Path, fingerprint: str) -> None:
        self.out_dir, self.path = out_dir, out_dir / MANIFEST
        self.fingerprint = fingerprint
        self.entries: dict[str, dict[str, Any]] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("outputs"), dict):
                self.entries = {k: v for k, v in data["outputs"].items() if isinstance(v, dict)}
        except (OSError, ValueError):
            pass  # no manifest yet, or an unreadable one: every input is extracted

    def unchanged(self, job: Job) -> Outcome | None:
        """The outcome of an input whose output is up to date, else None."""
        name = job.target.name
        digest = _sha256(job.source)
        entry = self.entries.get(name)
        if (
            digest is None
            or entry is None
            or entry.get("sha256") != digest
            or entry.get("fingerprint") != self.fingerprint
            or entry.get("input") != str(job.source.absolute())
            or entry.get("output_sha256") != _sha256(job.target)
        ):
            return None
        return Outcome(job.source, job.target, None, entry.get("decisions", 0), entry.get("persons", 0))

    def record(self, job: Job, outcome: Outcome) -> None:
        """Remember a fresh output (with the hash of the input bytes it was made from); a failed
        input is tried again next run, and an earlier output of it is marked stale."""
        name = job.target.name
        if outcome.error or outcome.target is None or outcome.sha256 is None:
            self.entries.pop(name, None)
            if job.target.exists():
                self.entries[name] = {"input": str(job.source.absolute()), "stale": True}
            return
        self.entries[name] = {
            "input": str(job.source.absolute()),
            "sha256": outcome.sha256,
            "fingerprint": self.fingerprint,
            "output_sha256": _sha256(job.target),
            "decisions": outcome.decisions,
            "persons": outcome.persons,
        }

    def orphans(self) -> list[Orphan]:
        """Recorded outputs that still exist but whose input does not."""
        return [
            Orphan(self.out_dir / name, entry["input"])
            for name, entry in sorted(self.entries.items())
            if isinstance(entry.get("input"), str)
            and not Path(entry["input"]).exists()
            and (self.out_dir / name).exists()
        ]

    def stale(self) -> frozenset[str]:
        """Outputs kept from before whose input failed when it was last extracted."""
        return frozenset(name for name, entry in self.entries.items() if entry.get("stale") is True)

    def save(self) -> None:
        data = {"schema": 1, "outputs": dict(sorted(self.entries.items()))}
        # ASCII escapes keep file names that are not UTF-8 (lone surrogates) as they are
        write_atomic(self.path, json.dumps(data, indent=1) + "\n")


def stale_outputs(out_dir: Path) -> frozenset[str]:
    """The outputs in OUT_DIR that its manifest marks stale, for a corpus built on its own."""
    return Manifest(out_dir, fingerprint="").stale()
