"""Cost linear in the size of one document: four times the text costs about four times the CPU,
also where a long document holds many people or many resolutions (a search of all entries per
mention, or of all labelled decisions per paragraph, made both grow with the square of the size).
Ratios measured in one run, no absolute times."""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Callable

import pytest

from om_extract import pipeline
from om_extract.pipeline import extract_bytes
from om_extract.reader import InputError
from om_extract.text import SpanIndex

GIVEN = ("Anna", "Bernd", "Carola", "Dieter", "Elke", "Frank", "Gisela", "Holger", "Ines", "Jens", "Karin", "Lars",
         "Monika", "Nils", "Olga", "Petra", "Rainer", "Sabine", "Tanja", "Uwe", "Vera", "Werner", "Yvonne", "Sven")  # fmt: skip
STEMS = ("Al", "Bar", "Brin", "Dahl", "Ebel", "Fens", "Ger", "Hag", "Hol", "Jan", "Kas", "Klei", "Lam", "Lind", "Mer",
         "Nol", "Olt", "Pohl", "Qua", "Rei", "Ros", "San", "Sie", "Tied")  # fmt: skip
ENDS = ("mann", "berg", "bach", "feld", "hof", "stein", "dorf", "hausen", "brink", "kamp", "meier", "holz")
FULL = 1_000_000
BOUND = 6.0  # four times the size; linear gives about 4 (less, as fixed costs do not grow)


def _repeat(head: str, unit: str, size: int) -> bytes:
    return (head + unit * -(-size // len(unit)))[:size].encode("utf-8")


def many_people(size: int) -> bytes:
    people = itertools.product(STEMS, ENDS, GIVEN)  # more people the longer the text, up to 6,912
    unit = "".join(f"Frau {g} {s}{e} berichtet über den Stand.\n" for s, e, g in people)
    return _repeat("Protokoll\n\n1. Berichte\n\n", unit, size)


def many_resolutions(size: int) -> bytes:
    unit = "Beschluss: Der Antrag wird angenommen.\n\nDer Vorstand beschließt einstimmig die Anschaffung.\n\n"
    return _repeat("Protokoll\n\n1. Anträge\n\n", unit, size)


def _cpu(make: Callable[[int], bytes], size: int) -> float:
    raw = make(size)
    t0 = time.process_time()
    extract_bytes(raw, "long.txt", model=None)
    return time.process_time() - t0


@pytest.mark.slow
@pytest.mark.parametrize("make", [many_people, many_resolutions])
def test_four_times_the_text_costs_about_four_times_the_time(make: Callable[[int], bytes]) -> None:
    extract_bytes(b"Protokoll\n\n1. Start\n\nFrau Dr. Kranefeld berichtet.\n", "warm-up.txt", model=None)
    small, big = _cpu(make, FULL // 4), _cpu(make, FULL)
    assert big / small <= BOUND, f"{make.__name__}: {small:.2f} s for {FULL // 4} bytes, {big:.2f} s for {FULL}"


def test_span_index_answers_as_a_test_of_every_span() -> None:
    rnd = random.Random(5)
    for _ in range(200):
        spans = [(a, a + rnd.randint(1, 30)) for a in (rnd.randint(0, 300) for _ in range(rnd.randint(0, 12)))]
        index = SpanIndex(spans)
        for _ in range(30):
            s = rnd.randint(0, 330)
            e = s + rnd.randint(1, 40)
            assert index.overlaps(s, e) == any(a < e and s < b for a, b in spans), (spans, s, e)


def test_extraction_pauses_the_cycle_collector_and_restores_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paused while a document is extracted (its many small objects made the collector walk a
    growing heap again and again), and left as it was found, also after a failure."""
    import gc

    seen: list[bool] = []
    real = pipeline._extract

    def spy(*args: object) -> object:
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(pipeline, "_extract", spy)
    for enabled in (True, False):
        gc.enable() if enabled else gc.disable()
        try:
            extract_bytes(b"Protokoll\n\n1. Start\n\nFrau Dr. Kranefeld berichtet.\n", "a.txt", model=None)
            with pytest.raises(InputError):
                extract_bytes(b"", "empty.txt", model=None)
            assert gc.isenabled() is enabled
        finally:
            gc.enable()
    assert seen == [False] * 4
