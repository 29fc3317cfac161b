"""Read the per-document outputs, tolerating golden files and skipping (not failing on) bad ones."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from ..models import Protocol


@dataclass(frozen=True)
class Document:
    """One protocol and its output file name (``p.json``, ``p__2.json``: unique, where the input
    names in ``source.file`` repeat across folders)."""

    protocol: Protocol
    output: str

    @property
    def file(self) -> str:
        return self.protocol.source.file

    @property
    def date(self) -> str | None:
        return self.protocol.meeting.date


def _adapt_gold(data: dict[str, Any]) -> dict[str, Any]:
    """Golden files lack hashes and section texts (shared/spec/gold-format.md); fill them in so the
    same model validates them. A real output passes through unchanged."""
    source = data.get("source")
    if isinstance(source, dict):
        source.setdefault("sha256", "")
        source.setdefault("encoding", "")
    for section in data.get("sections") or []:
        if isinstance(section, dict) and "first_words" in section:
            first, last = section.pop("first_words"), section.pop("last_words", "")
            section.setdefault("text", f"{first} … {last}".strip(" …"))
    return data


def load_documents(out_dir: Path, leave_out: frozenset[str] = frozenset()) -> tuple[list[Document], list[str]]:
    """Every ``OUT_DIR/*.json`` not starting with "_" nor named in ``leave_out``, in file-name
    order, plus one warning per file that could not be read as a protocol."""
    documents: list[Document] = []
    warnings: list[str] = []
    for path in sorted(out_dir.glob("*.json")):
        if path.name.startswith("_") or path.name in leave_out:
            continue
        try:
            data = orjson.loads(path.read_bytes())
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            documents.append(Document(Protocol.model_validate(_adapt_gold(data)), path.name))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            warnings.append(
                f"{path.name}: skipped, not a protocol ({exc.error_count()} errors, {where}: {first['msg']})"
            )
        except (OSError, ValueError) as exc:
            warnings.append(f"{path.name}: skipped, unreadable ({exc})")
    return documents, warnings
