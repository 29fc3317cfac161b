"""Byte-stable, atomic writing: readers never see half a file, and reruns change no byte."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from ..writer import write_atomic


def write_json(path: Path, value: Any) -> None:
    """As ``json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)`` prints it, ten times
    faster (the registers of a thousand meetings are megabytes)."""
    write_atomic(path, orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")
