"""Issues 4 and 13: no input costs much more per MB than ordinary minutes — the inputs that make
regular expressions backtrack or loops go quadratic, at full size, each in its own child process.

The bound is relative, so that it holds on a slow machine as on a fast one: a case's CPU seconds
per MB may be at most ``K`` times those of ordinary minutes (all seeds, repeated to about 1 MB),
measured in the same run on the same machine — before the cases and again after them, as the load
may change meanwhile. CPU time, not wall time, so that other processes skew it less. The only
absolute limit is ``HANG``, a guard against hangs; speed goals belong to ``make bench``."""

from __future__ import annotations

import multiprocessing
import os
import random
import resource
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from om_extract.pipeline import extract_bytes
from om_extract.reader import InputError

ROOT = Path(__file__).resolve().parents[1]
K = 10.0  # the costliest cases measured 2.5–4.4× ordinary minutes per MB (brackets 4.4): K leaves over twice that
HANG = 60.0  # CPU seconds after which a child is killed, whatever the machine
N = 200_000
MB = 1_000_000


def _caps() -> str:
    words = ["Müller", "Schmidt", "Offensive", "Mittelstand", "Stiftung", "Bundesagentur", "Arbeit", "Herr", "Frau", "Dr."]
    rnd = random.Random(4)
    return " ".join(rnd.choice(words) for _ in range(N * 5 // 8))  # 1 MB


def _seed(stem: str) -> str:
    return next((ROOT / "seeds").glob(f"{stem}*.txt")).read_text(encoding="utf-8")


def _ordinary() -> str:
    minutes = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))) + "\n"
    return minutes * -(-MB // len(minutes.encode("utf-8")))


WORST: dict[str, Callable[[], str]] = {
    "herr": lambda: "Herr " * N,  # 1 MB
    "numbers": lambda: "1. " * N,
    "hyphens": lambda: "a-" * N,
    "parens": lambda: "(" * N,
    "doctors": lambda: "Frau " + "Dr. " * N + "Kranefeld",
    "capitalised_run": _caps,
    "wrapped_hyphens": lambda: "x-\n" * N,
    "wrapped_hyphens_in_section": lambda: "Protokoll\n\n1. Start\n\n" + "x-\n" * N,  # one word growing line by line
    "one_long_paragraph": lambda: "Protokoll\n\n1. Start\n\n" + "der Stand der Arbeiten wird besprochen\n" * (N // 8),
    "one_long_paragraph_of_names": lambda: "Protokoll\n\n1. Start\n\n" + "Herr Dr. Müller berichtet.\n" * (N // 5),
    "headings": lambda: "1. Begrüßung\n" * (N // 4),
    "brackets": lambda: "[" * N,
    "md_links": lambda: "[a](" * (N // 4),
    "html_tags": lambda: "<p" * N,
    "html_comments": lambda: "<!--a-->" * (N // 4) + "x",  # comments opening a file, none before <html>
    "blank_lines": lambda: "\n" * N + "Protokoll",
    "long_line": lambda: "Herr Dr. Müller (BMAS) berichtet am 3. Mai 2021 über www.example.de, kontakt@example.de. " * 11_000,
    "five_mb": lambda: (_seed("001") + "\n") * 420,
}
BASELINE = ("ordinary", "ordinary_again")  # measured first and last
INPUTS = {BASELINE[0]: _ordinary, **WORST, BASELINE[1]: _ordinary}

# Inputs still over the bound because of code outside this test's reach, with the reason. Delete
# an entry once its fix is in: the case then runs (and must pass).
PENDING: dict[str, str] = {}

Measured = tuple[float | None, str, int]  # CPU seconds (None: killed), result, input bytes


def _child(name: str, conn) -> None:
    raw = INPUTS[name]().encode("utf-8")
    extract_bytes(b"Protokoll\n\n1. Start\n\nFrau Dr. Kranefeld berichtet.\n", "warm-up", model=None)
    used = time.process_time()
    resource.setrlimit(resource.RLIMIT_CPU, (int(used + HANG) + 2, resource.RLIM_INFINITY))
    t0 = time.process_time()
    try:
        extract_bytes(raw, f"{name}.txt", model=None)
        result = "ok"
    except InputError as exc:
        result = f"InputError: {exc}"
    except Exception as exc:  # reported to the parent, which fails the test
        result = f"{type(exc).__name__}: {exc}"
    conn.send((time.process_time() - t0, result, len(raw)))


def measure(names: list[str]) -> dict[str, Measured]:
    """name → (CPU seconds or None when killed, result, input bytes), two children at a time."""
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    todo = list(names)
    running: dict[str, tuple[multiprocessing.process.BaseProcess, object, float]] = {}
    out: dict[str, Measured] = {}
    parallel = max(1, min(2, os.cpu_count() or 1))
    while todo or running:
        while todo and len(running) < parallel:
            name = todo.pop(0)
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_child, args=(name, child), daemon=True)
            proc.start()
            child.close()
            running[name] = (proc, parent, time.monotonic() + 15 * HANG)  # for a child blocked without using CPU
        for name, (proc, conn, deadline) in list(running.items()):
            result = None
            if conn.poll():
                try:
                    result = conn.recv()
                except EOFError:
                    result = (None, f"killed past {HANG:.0f} s CPU (exit code {proc.join() or proc.exitcode})", 0)
            elif not proc.is_alive():
                result = (None, f"killed past {HANG:.0f} s CPU (exit code {proc.exitcode})", 0)
            elif time.monotonic() > deadline:
                proc.kill()
                result = (None, "no result in time (wall clock)", 0)
            if result is not None:
                proc.join()
                out[name] = result
                del running[name]
        time.sleep(0.05)
    return out


def ratios(measured: dict[str, Measured]) -> dict[str, float]:
    """CPU seconds per MB of each case over those of ordinary minutes (the mean of both runs);
    none when ordinary minutes failed."""
    per_mb = {n: cpu / size * MB for n, (cpu, result, size) in measured.items() if cpu is not None and result == "ok"}
    if not all(n in per_mb for n in BASELINE):
        return {}
    base = sum(per_mb[n] for n in BASELINE) / len(BASELINE)
    return {n: v / base for n, v in per_mb.items()}


@pytest.fixture(scope="module")
def measured(record_testsuite_property: Callable[[str, object], None]) -> dict[str, Measured]:
    out = measure([n for n in INPUTS if n not in PENDING])
    for name, ratio in ratios(out).items():  # the margins, in --junitxml reports
        record_testsuite_property(f"cpu_per_mb_over_ordinary.{name}", round(ratio, 3))
    return out


CASES = [pytest.param(name, marks=pytest.mark.xfail(reason=PENDING[name], run=False)) if name in PENDING else name
         for name in WORST]


@pytest.mark.slow
@pytest.mark.parametrize("name", CASES)
def test_worst_case_input_is_bounded(name: str, measured: dict[str, Measured]) -> None:
    cpu, result, size = measured[name]
    found = ratios(measured)
    assert found, f"ordinary minutes failed: {[measured[n] for n in BASELINE]}"
    table = ", ".join(f"{n} {r:.2f}" for n, r in found.items())
    assert result == "ok", f"{name}: {result}; the others, per MB over ordinary minutes: {table}"
    assert size >= 200_000
    assert found[name] <= K, (f"{name}: {found[name]:.1f}× the CPU per MB of ordinary minutes, over {K:.0f}× "
                              f"({cpu:.1f} s for {size / MB:.2f} MB); all: {table}")
