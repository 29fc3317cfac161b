"""Atomic, deterministic JSON output."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from .models import Protocol


def dump(protocol: Protocol) -> str:
    return protocol.model_dump_json(indent=2) + "\n"


def replace_atomic(path: Path, write: Callable[[Path], None], mode: int | None = None) -> None:
    """Let ``write`` create a temporary file beside ``path``, then rename it over ``path``: readers
    never see half a file, and a failure or kill leaves the old file (or none) and no temp file
    behind. The file is created like any (0666 minus the umask) unless ``mode`` is given."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        write(tmp)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_dir(path.parent)


def write_atomic(path: Path, content: str | bytes, mode: int | None = None) -> None:
    """``replace_atomic`` for text (as UTF-8) or bytes, synced to disk before the rename."""
    data = content.encode("utf-8") if isinstance(content, str) else content  # fails before the disk is touched

    def write(tmp: Path) -> None:
        with tmp.open("xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())

    replace_atomic(path, write, mode)


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
