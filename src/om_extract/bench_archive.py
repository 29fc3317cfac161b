"""The benchmark of the archive (issue 17): the corpus step at N and 2N documents and its share of
extraction, an unchanged re-run against the first run, and search latency. It reads the outputs
the linearity run of ``bench`` wrote, so no document is extracted twice for it."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .corpus import build_corpus
from .corpus.search import search

QUERIES = ("datenbank", "Arbeitsschutz", "Förderung", "Qualitaetssicherung", "Beschluss Vorstand", "KI")
TARGETS = {"corpus_2n_over_n": 2.3, "corpus_over_extraction": 0.10, "rerun_over_first": 0.25, "search_ms": 100.0}
SHOWN = {"corpus_2n_over_n": "<= 2.3 (CPU)", "corpus_over_extraction": "<= 10% (CPU)", "rerun_over_first": "<= 25% (CPU)",
         "search_ms": "<= 100 ms"}


def _corpus_cpu(folder: Path) -> float:
    start = time.process_time()
    build_corpus(folder)
    return time.process_time() - start


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cli_run(inputs: Path, out: Path, model: str | None) -> tuple[float, float]:
    """(wall, CPU) seconds of one ``om-extract INPUTS OUT`` process."""
    command = [sys.executable, "-c", "from om_extract.cli import main; main()", "-q", "--model", model or "",
               str(inputs), str(out)]  # fmt: skip
    cpu, wall = _children_cpu(), time.perf_counter()
    subprocess.run(command, check=False, capture_output=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    return time.perf_counter() - wall, _children_cpu() - cpu


def rerun(texts: list[tuple[str, bytes]], model: str | None) -> dict[str, Any]:
    """A first run over the files, then a run with nothing changed: outputs and cost."""
    with tempfile.TemporaryDirectory(prefix="om-bench-rerun-") as tmp:
        inputs, out = Path(tmp, "in"), Path(tmp, "out")
        inputs.mkdir()
        for name, raw in texts:
            (inputs / name).write_bytes(raw)
        first_wall, first_cpu = _cli_run(inputs, out, model)
        before = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
        again_wall, again_cpu = _cli_run(inputs, out, model)
        after = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    return {"files": len(texts), "first_s": round(first_wall, 3), "first_cpu": round(first_cpu, 3),
            "rerun_s": round(again_wall, 3), "rerun_cpu": round(again_cpu, 3),
            "ratio": round(again_cpu / first_cpu, 3), "wall_ratio": round(again_wall / first_wall, 3),
            "identical": before == after}  # fmt: skip


def latency(out_dir: Path, repeat: int = 5) -> dict[str, Any]:
    """Per query: the first call, then the median of the next ``repeat``, in milliseconds."""
    rows = {}
    for query in QUERIES:
        times = []
        for _ in range(repeat + 1):
            start = time.perf_counter()
            hits = search(out_dir, query)
            times.append(1000 * (time.perf_counter() - start))
        rows[query] = {"hits": len(hits), "first_ms": round(times[0], 2), "ms": round(statistics.median(times[1:]), 2)}
    return {"queries": rows, "max_ms": max(r["ms"] for r in rows.values())}


def archive(outputs: Path, n: int, extract_cpu_per_doc: float, texts: list[tuple[str, bytes]],
            model: str | None) -> dict[str, Any]:  # fmt: skip
    """``outputs`` holds the JSON of documents 0 … 2n-1 of the synthetic corpus (its first n are
    the corpus of n documents)."""
    with tempfile.TemporaryDirectory(prefix="om-bench-corpus-") as tmp:
        half = Path(tmp)
        for path in sorted(outputs.glob("*.json"))[:n]:
            shutil.copy(path, half)
        cpu_n = _corpus_cpu(half)
    cpu_2n = _corpus_cpu(outputs)
    per_doc = cpu_2n / (2 * n)
    corpus = {"n": n, "cpu_n": round(cpu_n, 3), "cpu_2n": round(cpu_2n, 3), "ratio": round(cpu_2n / cpu_n, 3),
              "ms_per_doc_n": round(1000 * cpu_n / n, 3), "ms_per_doc_2n": round(1000 * per_doc, 3),
              "extract_ms_per_doc": round(1000 * extract_cpu_per_doc, 3),
              "over_extraction": round(per_doc / extract_cpu_per_doc, 3),
              "database_mb": round((outputs / "corpus" / "minutes.sqlite").stat().st_size / 1e6, 1)}  # fmt: skip
    return {"corpus": corpus, "rerun": rerun(texts, model), "search": latency(outputs)}


def targets(a: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    values = {
        "corpus_2n_over_n": a and a["corpus"]["ratio"],
        "corpus_over_extraction": a and a["corpus"]["over_extraction"],
        "rerun_over_first": a and a["rerun"]["ratio"],
        "search_ms": a and a["search"]["max_ms"],
    }
    return {
        key: {"value": value, "target": SHOWN[key], "ok": None if value is None else value <= TARGETS[key]}
        for key, value in values.items()
    }


def rows(a: dict[str, Any] | None, mark: Callable[[str], tuple[str, str]]) -> list[tuple[str, str, str, str]]:
    """The archive's lines of the bench table."""
    if not a:
        return []
    c, r, s = a["corpus"], a["rerun"], a["search"]
    return [
        (f"corpus step, {c['n']} / {2 * c['n']} documents", f"{c['ms_per_doc_n']:.2f} / {c['ms_per_doc_2n']:.2f} ms/doc", "", ""),
        (f"  {2 * c['n']} / {c['n']} documents (CPU)", f"{c['ratio']:.2f}x", *mark("corpus_2n_over_n")),
        ("  over extraction (CPU per doc)", f"{100 * c['over_extraction']:.1f}%", *mark("corpus_over_extraction")),
        ("  minutes.sqlite", f"{c['database_mb']:.0f} MB", "", ""),
        (f"unchanged re-run, {r['files']} files (CPU)", f"{100 * r['ratio']:.1f}%", *mark("rerun_over_first")),
        ("  first run / re-run, wall", f"{r['first_s']:.2f} / {r['rerun_s']:.2f} s", "", ""),
        ("  outputs byte-identical", "yes" if r["identical"] else "NO", "", ""),
        (f"search, {2 * c['n']} documents (slowest query)", f"{s['max_ms']:.1f} ms", *mark("search_ms")),
    ]  # fmt: skip
