"""The corpus step grows linearly: a generated archive of recurring subjects and people, built at
N and 2N documents in one run (CPU time ratios, generous so CI never flakes)."""

from __future__ import annotations

import json
import random
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from om_extract.corpus import build_corpus
from test_corpus import decision, person, protocol, section

FIRST = ("Alwin", "Berit", "Cord", "Dana", "Eske", "Fenja", "Gerko", "Hilke", "Imke", "Jorin", "Kaja", "Lutz")
SURNAMES = ("Brakvogt", "Dellwarf", "Ekhorst", "Fennkamp", "Gruthe", "Holsbeek", "Kranmoor", "Lutterbek")
AREAS = ("Nord", "Süd", "Ost", "West", "Ober", "Unter", "Mittel", "Neu")
PARTS = ("werkstatt", "lieferanten", "quartier", "gremien", "förder", "ausbildungs", "netzwerk", "material")
HEADS = ("portal", "datenbank", "fonds", "konzept", "handbuch", "messe", "plattform", "satzung")
BODIES = ("Lenkungskreis", "Plenum", "AG Werkbank")


def subject(number: int) -> str:
    return f"{AREAS[number % 8]}{PARTS[number // 8 % 8]}{HEADS[number // 64 % 8]}"


def archive_document(index: int) -> dict[str, Any]:
    """Meeting ``index``: six subjects, each of which comes up in a dozen meetings in a row,
    recurring people and decisions."""
    rng = random.Random(index)
    people = [f"{rng.choice(FIRST)} {rng.choice(SURNAMES)}" for _ in range(5)]
    subjects = [subject(index // 2 + k) for k in range(0, 18, 3)]
    day = (date(2010, 1, 1) + timedelta(days=7 * index)).isoformat()
    return protocol(
        f"m{index:04d}.txt",
        day,
        BODIES[index % len(BODIES)],
        persons=[person(name) for name in people],
        sections=[section(str(k + 1), f"{s} im {rng.choice(BODIES)}", people[k % 5]) for k, s in enumerate(subjects)],
        decisions=[
            decision(str(k + 1), "Beschluss", f"Das {s} wird fortgeführt.", assignees=[people[k]])
            for k, s in enumerate(subjects[:2])
        ],
    )


def write_archive(folder: Path, n: int) -> Path:
    folder.mkdir()
    for index in range(n):
        (folder / f"m{index:04d}.json").write_text(json.dumps(archive_document(index)), encoding="utf-8")
    return folder


def corpus_seconds(folder: Path) -> float:
    """The better of two builds: one build's figure is at the mercy of the machine."""
    times = []
    for _ in range(2):
        start = time.process_time()
        build_corpus(folder)
        times.append(time.process_time() - start)
    return min(times)


def test_twice_the_documents_cost_at_most_two_and_a_half_times(tmp_path: Path) -> None:
    corpus_seconds(write_archive(tmp_path / "warm", 20))  # rules, patterns and caches loaded
    n = corpus_seconds(write_archive(tmp_path / "n", 200))
    double = corpus_seconds(write_archive(tmp_path / "2n", 400))
    assert double / n <= 2.5, (n, double)
    threads = json.loads((tmp_path / "2n" / "corpus" / "threads.json").read_text(encoding="utf-8"))["threads"]
    assert threads and all(len({item["file"] for item in t["items"]}) >= 2 for t in threads)
