"""Which spaCy pipeline a run uses, known without importing spaCy (a re-run that extracts nothing
should not pay for loading it)."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

DEFAULT_MODEL = "de_core_news_sm"


def model_identity(model: str | None) -> str:
    """The pipeline an extraction will really run: an installed package with its version, a
    folder with its meta.json, else rules mode (the fallback of ``ner.load``)."""
    if not model:
        return "rules"
    folder = Path(model)
    if (folder / "meta.json").is_file():
        return f"{folder.resolve()}@{(folder / 'meta.json').stat().st_mtime_ns}"
    try:
        return f"{model}=={importlib.metadata.version(model)}"
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return "rules"
