"""Atomic, deterministic JSON output."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .models import Protocol


def dump(protocol: Protocol) -> str:
    return protocol.model_dump_json(indent=2) + "\n"


def write_atomic(path: Path, content: str) -> None:
    """Write to a temp file in the same folder, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
