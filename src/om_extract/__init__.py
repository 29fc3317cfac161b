"""om-extract: German meeting minutes → normalized, source-grounded JSON."""

from typing import Any

from .models import Protocol

__all__ = ["Protocol", "extract_file", "extract_text"]


def __getattr__(name: str) -> Any:
    """The extractors load spaCy; they are imported when first used, so that the commands that
    extract nothing (a re-run of unchanged files, search) start at once."""
    if name in ("extract_file", "extract_text"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'om_extract' has no attribute {name!r}")
