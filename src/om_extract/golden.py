"""Regenerate the regression goldens: ``python -m om_extract.golden tests/golden seeds``.

Run it only on purpose (``make golden``), then review ``git diff tests/golden`` against the
hand-checked truth before committing."""

from __future__ import annotations

import sys
from pathlib import Path

from .pipeline import extract_file
from .writer import dump, write_atomic


def regenerate(golden_dir: Path, inputs: Path) -> list[Path]:
    written = []
    for f in sorted(inputs.glob("*.txt")):
        target = golden_dir / f"{f.stem}.json"
        write_atomic(target, dump(extract_file(f, model=None)))
        written.append(target)
    return written


if __name__ == "__main__":
    for path in regenerate(Path(sys.argv[1]), Path(sys.argv[2])):
        print(path)
