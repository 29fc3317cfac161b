from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def seeds() -> Path:
    return ROOT / "seeds"


def content_of(value: Any) -> Any:
    """An output (or part of one) without its source and spans: what the text says, wherever it stands."""
    if isinstance(value, dict):
        return {k: content_of(v) for k, v in value.items() if k not in ("spans", "source")}
    if isinstance(value, list):
        return [content_of(v) for v in value]
    return value
