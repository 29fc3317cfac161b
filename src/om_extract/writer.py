"""Atomic, deterministic JSON output."""

from __future__ import annotations

import contextlib
import os
import tempfile
from functools import cache
from pathlib import Path

from .models import Protocol


def dump(protocol: Protocol) -> str:
    return protocol.model_dump_json(indent=2) + "\n"


@cache
def _file_mode() -> int:
    """What ``open(..., "w")`` would give: 0666 minus the umask (mkstemp makes 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, content: str) -> None:
    """Write to a temp file in the same folder, then rename: readers never see half a file, and a
    crash or kill leaves the old file (or none) and no temp file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8")  # fails (if it fails) before anything is on disk
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_dir(path.parent)


def _sync_dir(folder: Path) -> None:
    """Make the rename durable (POSIX); best effort."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.fsync(fd)
    os.close(fd)
