"""Byte-stable, atomic writing: readers never see half a file, and reruns change no byte."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import orjson


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same directory, then rename it over ``path``."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        with tmp.open("xb") as handle:  # created like any file, honouring the umask
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_json(path: Path, value: Any) -> None:
    """As ``json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)`` prints it, ten times
    faster (the registers of a thousand meetings are megabytes)."""
    write_atomic(path, orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")
