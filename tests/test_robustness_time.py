"""Issue 4: no input takes more than 10 s — the inputs that make regular expressions backtrack
or loops go quadratic, at full size, each in its own child process that is killed past the limit.

The time is the child's CPU time, so that other processes on a busy machine do not make the test
flaky; the limit is the issue's 10 s. Two children run at a time."""

from __future__ import annotations

import multiprocessing
import os
import random
import resource
import time
from pathlib import Path

import pytest

from om_extract.pipeline import extract_bytes
from om_extract.reader import InputError

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 10.0  # CPU seconds per input, the bound
N = 200_000


def _caps() -> str:
    words = ["Müller", "Schmidt", "Offensive", "Mittelstand", "Stiftung", "Bundesagentur", "Arbeit", "Herr", "Frau", "Dr."]
    rnd = random.Random(4)
    return " ".join(rnd.choice(words) for _ in range(N * 5 // 8))  # 1 MB


def _seed(stem: str) -> str:
    return next((ROOT / "seeds").glob(f"{stem}*.txt")).read_text(encoding="utf-8")


WORST = {
    "herr": lambda: "Herr " * N,  # 1 MB
    "numbers": lambda: "1. " * N,
    "hyphens": lambda: "a-" * N,
    "parens": lambda: "(" * N,
    "doctors": lambda: "Frau " + "Dr. " * N + "Kessler",
    "capitalised_run": _caps,
    "wrapped_hyphens": lambda: "x-\n" * N,
    "headings": lambda: "1. Begrüßung\n" * (N // 4),
    "brackets": lambda: "[" * N,
    "md_links": lambda: "[a](" * (N // 4),
    "html_tags": lambda: "<p" * N,
    "blank_lines": lambda: "\n" * N + "Protokoll",
    "long_line": lambda: "Herr Dr. Müller (BMAS) berichtet am 3. Mai 2021 über www.example.de, kontakt@example.de. " * 11_000,
    "five_mb": lambda: (_seed("001") + "\n") * 420,
}

# Inputs still over the limit because of code outside this test's reach; the fix for each is in
# the issue-4 report. Delete an entry once its fix is in: the case then runs (and must pass).
PENDING: dict[str, str] = {}  # cases waiting for a fix elsewhere, with the reason


def _child(name: str, conn) -> None:
    raw = WORST[name]().encode("utf-8")
    extract_bytes(b"Protokoll\n\n1. Start\n\nFrau Dr. Kessler berichtet.\n", "warm-up", model=None)
    used = time.process_time()
    resource.setrlimit(resource.RLIMIT_CPU, (int(used + LIMIT) + 2, resource.RLIM_INFINITY))
    t0 = time.process_time()
    try:
        extract_bytes(raw, f"{name}.txt", model=None)
        result = "ok"
    except InputError as exc:
        result = f"InputError: {exc}"
    except Exception as exc:  # reported to the parent, which fails the test
        result = f"{type(exc).__name__}: {exc}"
    conn.send((time.process_time() - t0, result, len(raw)))


@pytest.fixture(scope="module")
def measured() -> dict[str, tuple[float | None, str, int]]:
    """name → (CPU seconds or None when killed, result, input bytes), two children at a time."""
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    todo = [n for n in WORST if n not in PENDING]
    running: dict[str, tuple[multiprocessing.process.BaseProcess, object, float]] = {}
    out: dict[str, tuple[float | None, str, int]] = {}
    parallel = max(1, min(2, os.cpu_count() or 1))
    while todo or running:
        while todo and len(running) < parallel:
            name = todo.pop(0)
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_child, args=(name, child), daemon=True)
            proc.start()
            child.close()
            running[name] = (proc, parent, time.monotonic() + 3 * LIMIT + 30)
        for name, (proc, conn, deadline) in list(running.items()):
            result = None
            if conn.poll():
                try:
                    result = conn.recv()
                except EOFError:
                    result = (None, f"killed past the limit (exit code {proc.join() or proc.exitcode})", 0)
            elif not proc.is_alive():
                result = (None, f"killed past the limit (exit code {proc.exitcode})", 0)
            elif time.monotonic() > deadline:
                proc.kill()
                result = (None, "no result in time (wall clock)", 0)
            if result is not None:
                proc.join()
                out[name] = result
                del running[name]
        time.sleep(0.05)
    return out


CASES = [pytest.param(name, marks=pytest.mark.xfail(reason=PENDING[name], run=False)) if name in PENDING else name
         for name in WORST]


@pytest.mark.slow
@pytest.mark.parametrize("name", CASES)
def test_worst_case_input_is_bounded(name: str, measured) -> None:
    elapsed, result, size = measured[name]
    assert result == "ok", f"{name}: {result}"
    assert size >= 200_000
    assert elapsed is not None and elapsed < LIMIT, f"{name}: {elapsed:.1f} s CPU for {size / 1e6:.1f} MB"
