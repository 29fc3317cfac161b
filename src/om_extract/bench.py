"""The benchmark: throughput, parallel speed-up, linearity, a worst case, start-up, memory, time
per stage, and the archive (corpus step, unchanged re-run, search; bench_archive.py).

``python -m om_extract.bench`` (``make bench``) or ``om-extract bench``. The corpus is built in
memory from the seeds: each synthetic document takes one seed, renames its people, drops,
repeats and shuffles its TOP sections, and drops or repeats paragraphs, all from a seeded random
generator, so the same ``--docs N`` always gives the same documents (the first N of ``2N`` are
the N). Figures go to ``bench/results.json``; the printed table compares them with the targets of
issues 7, 13 and 17 (ratios measured in one run on one machine).
"""

from __future__ import annotations

import itertools
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from . import bench_archive
from .layouts import build_layout
from .names import find_names
from .ner import load
from .office_bench import PDF_OVER_PDFTOTEXT, WORD_OVER_TEXT, pdf_reading, word_reading
from .pipeline import Timings, extract_bytes
from .reader import read_bytes
from .rules import RULES
from .structure import split
from .text import fold
from .writer import dump, write_atomic

STAGES = ("read", "layout", "parse", "rules", "resolve", "ner", "write")
MB = 1_000_000

GIVEN = (
    "Anna", "Andreas", "Birgit", "Bernd", "Carola", "Christian", "Doris", "Dieter", "Elke", "Erik", "Franziska",
    "Frank", "Gabriele", "Georg", "Heike", "Holger", "Ines", "Ingo", "Jana", "Jens", "Karin", "Klaus", "Lena",
    "Lars", "Monika", "Markus", "Nadine", "Nils", "Olga", "Otto", "Petra", "Peter", "Renate", "Rainer", "Sabine",
    "Stefan", "Tanja", "Thorsten", "Ulrike", "Uwe", "Vera", "Volker", "Wiebke", "Werner", "Yvonne", "Jürgen",
    "Susanne", "Matthias", "Katrin", "Michael", "Silke", "Tobias", "Ute", "Sven", "Marion", "Dirk",
)
SURNAMES = (
    "Albers", "Bartels", "Brinkmann", "Dahlke", "Ebeling", "Fenske", "Gerlach", "Hagedorn", "Hollmann", "Jansen",
    "Kasper", "Kleinert", "Lammers", "Lindholm", "Mertens", "Nolting", "Oltmanns", "Pohlmann", "Quade", "Reimers",
    "Rosenthal", "Sander", "Schnieders", "Siebert", "Tiedemann", "Ullrich", "Vogt", "Wegener", "Wiechmann",
    "Zeidler", "Brockmann", "Diekmann", "Eggers", "Frerichs", "Grotjahn", "Hilbrands", "Imholz", "Janßen",
    "Kötter", "Lüdeke", "Meinders", "Niemöller", "Ostendorf", "Prüßner", "Rademacher", "Schöning", "Terhorst",
    "Uphoff", "Vahlenkamp", "Wübbolding", "Ahlers", "Bögershausen", "Claußen", "Dreier", "Esser", "Feldkamp",
)


# -- corpus -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seed:
    """A seed cut into its header (with the agenda), its TOP sections and their numbers."""

    name: str
    format: str
    header: str
    sections: tuple[str, ...]
    numbers: tuple[str | None, ...]
    names: tuple[tuple[str | None, str], ...]  # (first, last) of every person the rules find


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    raw: bytes


def seeds_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "seeds"


def load_seeds(folder: Path) -> list[Seed]:
    files = sorted(f for f in folder.iterdir() if f.suffix.lower() in {".txt", ".md", ".html", ".htm"})
    if not files:
        raise FileNotFoundError(f"no seed files in {folder}")
    return [cut_seed(f.name, f.read_bytes()) for f in files]


def cut_seed(name: str, raw: bytes) -> Seed:
    """Cut at the start of each TOP heading's line (the parse tells where the headings are)."""
    decoded = read_bytes(raw)
    text = decoded.raw_text
    lay = build_layout(decoded.layout, decoded.clean)
    tree = split(lay)
    cuts: list[int] = []
    for top in tree.sections:
        at = lay.clean.span(lay.blocks[top.heading.index].start, lay.blocks[top.heading.index].end)[0]
        line = text.rfind("\n", 0, at) + 1
        if not cuts or line > cuts[-1]:
            cuts.append(line)
    if not cuts:
        return Seed(name, decoded.layout, text, (), (), ())
    bounds = [*cuts, len(text)]
    sections = tuple(text[a:b] for a, b in itertools.pairwise(bounds))
    numbers = tuple(top.heading.number for top in tree.sections[: len(sections)])
    people = tuple(dict.fromkeys((n.first, n.last) for n in find_names(decoded.clean.text)))
    return Seed(name, decoded.layout, text[: cuts[0]], sections, numbers, people)


def _renumber(section: str, old: str | None, new: int) -> str:
    """Give the heading its new number where the heading line spells the old one."""
    if not old:
        return section
    nl = section.find("\n")
    first = section if nl < 0 else section[:nl]
    changed = re.sub(rf"(?<!\d){re.escape(old)}(?!\d)", str(new), first, count=1)
    return changed + ("" if nl < 0 else section[nl:])


def _vary_paragraphs(section: str, rng: random.Random, drop: float, repeat: float) -> str:
    """Drop or repeat the paragraphs after the heading's one (paragraphs: blank-line separated)."""
    parts = re.split(r"(\n[ \t]*\n)", section)
    out = parts[:2]
    for k in range(2, len(parts), 2):
        para, sep = parts[k], parts[k + 1] if k + 1 < len(parts) else ""
        r = rng.random()
        if r < drop:
            continue
        out += [para, sep or "\n\n"] * (2 if r < drop + repeat else 1)
    return "".join(out)


def _name_map(seed: Seed, rng: random.Random) -> dict[str, str]:
    """Every surname and given name of the seed's people → a generated one (surname variants alike)."""
    by_fold: dict[str, str] = {}
    mapping: dict[str, str] = {}
    for first, last in seed.names:
        key = fold(last)
        if key not in by_fold:
            new = rng.choice(SURNAMES)
            if rng.random() < 0.15:
                new += "-" + rng.choice(SURNAMES)
            by_fold[key] = new
        mapping[last] = by_fold[key]
        for part in (first or "").split():
            if len(part) > 2 and part not in mapping:
                mapping[part] = rng.choice(GIVEN)
    return mapping


def _rename(text: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return text
    alt = "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True))
    return re.sub(rf"(?<![\w-])(?:{alt})(?![\w])", lambda m: mapping[m.group()], text)


def synth_sections(seed: Seed, rng: random.Random) -> list[tuple[str | None, str]]:
    """The seed's sections varied: middle sections dropped, repeated and shuffled; paragraphs too."""
    drop, repeat = rng.uniform(0.0, 0.35), rng.uniform(0.0, 0.5)
    items = list(zip(seed.numbers, seed.sections, strict=True))
    if len(items) <= 2:
        middle, ends = items, ([], [])
    else:
        middle, ends = items[1:-1], (items[:1], items[-1:])
    kept: list[tuple[str | None, str]] = []
    for item in middle:
        r = rng.random()
        if r < 0.1:
            continue
        kept += [item] * (2 if r < 0.25 else 1)
    rng.shuffle(kept)
    return [(n, _vary_paragraphs(s, rng, drop, repeat)) for n, s in [*ends[0], *kept, *ends[1]]]


def _join_sections(header: str, sections: list[tuple[str | None, str]], start: int) -> str:
    parts = [header]
    for k, (number, section) in enumerate(sections):
        parts.append(_renumber(section, number, start + k))
    return "".join(p if p.endswith("\n") else p + "\n" for p in parts)


def _rng(seed: int, index: int) -> random.Random:
    return random.Random(seed * 1_000_003 + index)


def synth_document(seeds: list[Seed], index: int, seed: int = 7) -> Document:
    """Document ``index`` of the corpus: the same index and seed always give the same text."""
    rng = _rng(seed, index)
    s = seeds[index % len(seeds)]
    start = int(s.numbers[0]) if s.numbers and s.numbers[0] and s.numbers[0].isdigit() else 1
    text = _rename(_join_sections(s.header, synth_sections(s, rng), start), _name_map(s, rng))
    name = f"synth_{index:05d}_{Path(s.name).stem}.txt"
    return Document(name, text, text.encode("utf-8"))


def corpus(seeds: list[Seed], docs: int, seed: int = 7) -> list[Document]:
    return [synth_document(seeds, i, seed) for i in range(docs)]


def big_document(seeds: list[Seed], size: int, seed: int = 7) -> Document:
    """One file of about ``size`` bytes: the first seed's header and agenda, then the sections of
    successive synthetic documents of the same layout, renamed per document, numbered on (their
    sign-off lines dropped, so that the text stays section body)."""
    signoff = RULES.rx("minute_taker")
    base = seeds[0]
    same = [s for s in seeds if s.format == base.format and s.sections] or [base]
    start = int(base.numbers[0]) if base.numbers and base.numbers[0] and base.numbers[0].isdigit() else 1
    parts = [base.header if base.header.endswith("\n") else base.header + "\n"]
    total, k, n = len(parts[0].encode("utf-8")), 0, 0
    while total < size:
        s = same[n % len(same)]
        rng = _rng(seed + 1, n)
        mapping = _name_map(s, rng)
        for number, section in synth_sections(s, rng):
            piece = _rename(_renumber(signoff.sub("", section), number, start + k), mapping)
            piece = piece if piece.endswith("\n") else piece + "\n"
            parts.append(piece)
            total += len(piece.encode("utf-8"))
            k += 1
            if total >= size:
                break
        n += 1
    text = "".join(parts)
    return Document(f"big_{size // 1000}kb.txt", text, text.encode("utf-8"))


def wrapped_hyphens(size: int) -> Document:
    """The worst case of issue 13: about ``size`` bytes of "x-" lines, each a word hyphenated at
    the line break, all of them header lines as no TOP heading follows."""
    text = "x-\n" * max(1, size // 3)
    return Document(f"wrapped_hyphens_{size // 1000}kb.txt", text, text.encode("utf-8"))


# -- running ------------------------------------------------------------------------------------

_STATE: dict[str, Any] = {}


def _init(model: str | None, out_dir: str) -> None:
    """Pool initializer (and the in-process set-up): the pipeline is loaded once per process."""
    _STATE["model"], _STATE["out"] = model, Path(out_dir)
    load(model)


def _work(item: tuple[str, bytes]) -> tuple[int, dict[str, float]]:
    name, raw = item
    t = Timings()
    c0 = time.process_time()
    protocol = extract_bytes(raw, name, _STATE["model"], t)
    with t.stage("write"):
        write_atomic(_STATE["out"] / (Path(name).stem + ".json"), dump(protocol))
    t.seconds["cpu"] = time.process_time() - c0
    return len(raw), dict(t.seconds)


def _ping(delay: float) -> int:
    time.sleep(delay)
    return os.getpid()


@dataclass
class RunResult:
    docs: int
    bytes: int
    seconds: float
    stages: dict[str, float]

    @property
    def cpu(self) -> float:
        return self.stages.get("cpu", 0.0)

    def figures(self) -> dict[str, float]:
        return {"docs": self.docs, "bytes": self.bytes, "seconds": round(self.seconds, 4),
                "cpu_seconds": round(self.stages.get("cpu", 0.0), 4),
                "docs_per_s": round(self.docs / self.seconds, 2) if self.seconds else 0.0,
                "mb_per_s": round(self.bytes / MB / self.seconds, 4) if self.seconds else 0.0}


def run_docs(docs: list[Document], model: str | None, jobs: int, keep: Path | None = None) -> RunResult:
    """Extract and write every document with ``jobs`` processes (1: in this process, as the CLI),
    into a temporary folder or ``keep``."""
    items = [(d.name, d.raw) for d in docs]
    stages: dict[str, float] = defaultdict(float)
    with tempfile.TemporaryDirectory(prefix="om-bench-") as tmp:
        out = str(keep or tmp)
        if jobs <= 1:
            _init(model, out)
            t0 = time.perf_counter()
            results = [_work(it) for it in items]
            seconds = time.perf_counter() - t0
        else:
            with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(model, out)) as pool:
                list(pool.map(_ping, [0.05] * (jobs * 4)))  # every worker started and loaded
                t0 = time.perf_counter()
                chunk = max(1, len(items) // (jobs * 8))
                results = list(pool.map(_work, items, chunksize=chunk))
                seconds = time.perf_counter() - t0
    for _, st in results:
        for k, v in st.items():
            stages[k] += v  # "cpu": the workers' CPU time, to tell a busy machine from a slow pipeline
    return RunResult(len(items), sum(n for n, _ in results), seconds, dict(stages))


def tokenizer_seconds(texts: list[str]) -> tuple[float, float]:
    """A bare pass of spaCy's German tokenizer over the texts (the floor the pipeline is held to):
    (wall, CPU) seconds."""
    import spacy

    nlp = spacy.blank("de")
    nlp.max_length = max([nlp.max_length, *(len(t) + 1 for t in texts)])
    for _ in nlp.tokenizer.pipe(texts[:5]):
        pass  # warm-up
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in nlp.tokenizer.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - t0, time.process_time() - c0


_STARTUP = """
import json, sys, time
t0, c0 = time.perf_counter(), time.process_time()
from om_extract.pipeline import extract_bytes
from om_extract.ner import load
t1 = time.perf_counter()
model = sys.argv[1] or None
load(model)
t2, c2 = time.perf_counter(), time.process_time()
extract_bytes(open(sys.argv[2], "rb").read(), "first.txt", model)
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "first_doc_s": t3 - t2, "cpu_s": c2 - c0}))
"""


def startup(model: str | None, sample: Path, repeat: int = 3) -> dict[str, float]:
    """Import + pipeline load in a fresh interpreter (median of ``repeat``), and the first document."""
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", _STARTUP, model or "", str(sample)],
                             capture_output=True, text=True, check=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
        wall = time.perf_counter() - t0
        r = json.loads(out.stdout.strip().splitlines()[-1])
        r["process_s"] = wall
        runs.append(r)
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    med["startup_s"] = statistics.median(r["import_s"] + r["load_s"] for r in runs)  # wall clock
    return {k: round(v, 4) for k, v in med.items()}


def time_one(doc: Document, model: str | None) -> tuple[float, float]:
    """(wall, CPU) seconds to extract and write one document."""
    with tempfile.TemporaryDirectory(prefix="om-bench-") as out:
        _init(model, out)
        t0 = time.perf_counter()
        _, st = _work((doc.name, doc.raw))
        return time.perf_counter() - t0, st["cpu"]


def _rss_mb(who: int) -> float:
    kb = resource.getrusage(who).ru_maxrss  # kilobytes on Linux, bytes on macOS
    return round(kb / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


# -- the benchmark ------------------------------------------------------------------------------


def bench(docs: int = 1000, jobs: int = 2, model: str | None = None, seed: int = 7, out: Path | None = None,
          seeds: Path | None = None, small_kb: int = 200, big_kb: int = 5000, linearity: bool = True, startup_runs: int = 3,
          wrapped_kb: int = 600, echo=print) -> dict[str, Any]:
    t_all = time.perf_counter()
    load_before = [round(x, 2) for x in os.getloadavg()]  # other work on the machine skews the ratios
    seed_list = load_seeds(seeds or seeds_dir())
    pipe = load(model)
    mode = "rules" if model is None or pipe.warning else "model"
    base = corpus(seed_list, docs, seed)
    texts = [d.text for d in base]
    total = sum(len(d.raw) for d in base)
    echo(f"corpus: {docs} documents, {total / MB:.2f} MB from {len(seed_list)} seeds; {mode} mode")

    # warm-up: lazy caches (rules, regexes, name lexicon) are start-up, not throughput
    run_docs(corpus(seed_list, min(10, docs), seed + 99), model, 1)
    runs: dict[int, RunResult] = {}
    for j in sorted({1, jobs}):
        echo(f"extracting with --jobs {j} …")
        runs[j] = run_docs(base, model, j)
    one = runs[1]

    echo("tokenizer-only pass …")
    tok, tok_cpu = tokenizer_seconds(texts)

    lin_docs: dict[str, Any] | None = None
    archive: dict[str, Any] | None = None
    if linearity:
        echo(f"linearity: {2 * docs} documents …")
        outputs = Path(tempfile.mkdtemp(prefix="om-bench-archive-"))
        double = run_docs(corpus(seed_list, 2 * docs, seed), model, 1, keep=outputs)
        echo(f"archive: corpus step at {docs} and {2 * docs} documents, re-run, search …")
        texts = [(d.name, d.raw) for d in base[:100]]
        archive = bench_archive.archive(outputs, docs, one.cpu / one.docs, texts, model)
        shutil.rmtree(outputs)
        lin_docs = {"n": docs, "seconds_n": round(one.seconds, 4), "seconds_2n": round(double.seconds, 4),
                    "cpu_n": round(one.cpu, 4), "cpu_2n": round(double.cpu, 4),
                    "wall_ratio": round(double.seconds / one.seconds, 3), "ratio": round(double.cpu / one.cpu, 3),
                    "bytes_ratio": round(double.bytes / one.bytes, 3)}

    echo(f"linearity: {small_kb} KB and {big_kb} KB files …")
    small, big = big_document(seed_list, small_kb * 1000, seed), big_document(seed_list, big_kb * 1000, seed)
    lin_size: dict[str, Any] = {"small_bytes": len(small.raw), "big_bytes": len(big.raw),
                                "size_ratio": round(len(big.raw) / len(small.raw), 3)}
    try:
        (ts, ts_cpu), (tb, tb_cpu) = time_one(small, model), time_one(big, model)
        lin_size.update(small_s=round(ts, 4), big_s=round(tb, 4), small_cpu=round(ts_cpu, 4), big_cpu=round(tb_cpu, 4),
                        wall_ratio=round(tb / ts, 3), ratio=round(tb_cpu / ts_cpu, 3))
    except Exception as exc:  # a size the pipeline cannot take is a finding, not a crash
        lin_size.update(error=f"{type(exc).__name__}: {exc}"[:300], ratio=None)

    echo(f"worst case: {wrapped_kb} KB of wrapped hyphens …")
    wrapped = wrapped_hyphens(wrapped_kb * 1000)
    ordinary = one.cpu / one.bytes * MB  # CPU seconds per MB of the corpus, --jobs 1
    per_mb = time_one(wrapped, model)[1] / len(wrapped.raw) * MB
    worst = {"wrapped_hyphens": {"bytes": len(wrapped.raw), "cpu_per_mb": round(per_mb, 4),
                                 "ordinary_cpu_per_mb": round(ordinary, 4), "ratio": round(per_mb / ordinary, 3)}}

    echo("start-up …")
    sample = Path(tempfile.mkstemp(prefix="om-bench-", suffix=".txt")[1])
    try:
        sample.write_bytes(base[0].raw)
        up = startup(model, sample, startup_runs)
    finally:
        sample.unlink(missing_ok=True)

    echo("office documents: PDF, DOCX and ODT renderings of the seeds …")
    office = {"pdf": pdf_reading(), "docx": word_reading("docx", model), "odt": word_reading("odt", model)}
    pdf_ratio = office["pdf"] and office["pdf"]["over_pdftotext"]

    stage_total = sum(v for k, v in one.stages.items() if k != "cpu")
    stages = {
        k: ({"seconds": round(v, 4), "ms_per_doc": round(1000 * v / one.docs, 3), "share": round(v / stage_total, 4)}
            if (v := one.stages.get(k)) is not None else None)
        for k in [*STAGES, *sorted(set(one.stages) - {*STAGES, "cpu"})]
    }
    speedup = round(runs[jobs].docs / runs[jobs].seconds / (one.docs / one.seconds), 3) if jobs > 1 else None
    # what --jobs N gives on N idle cores: N times the work per CPU second (a busy machine hides it)
    cpu_bound = round(jobs * one.stages["cpu"] / runs[jobs].stages["cpu"], 3) if jobs > 1 else None
    ratio_tok = round(one.cpu / tok_cpu, 3) if tok_cpu else None
    targets = {
        "pipeline_over_tokenizer": {"value": ratio_tok, "target": "<= 4", "ok": ratio_tok is not None and ratio_tok <= 4},
        "speedup_jobs": {"value": speedup, "target": f">= 1.7 (jobs {jobs} vs 1)",
                         "ok": speedup is not None and speedup >= 1.7},
        "docs_2n_over_n": {"value": lin_docs and lin_docs["ratio"], "target": "2.0 +- 15%",
                           "ok": bool(lin_docs) and 1.7 <= lin_docs["ratio"] <= 2.3},
        "big_over_small": {"value": lin_size.get("ratio"), "target": f"<= {lin_size['size_ratio']:.0f}",
                           "ok": lin_size.get("ratio") is not None and lin_size["ratio"] <= lin_size["size_ratio"]},
        "startup_s": {"value": up["cpu_s"], "target": "<= 1.5 (CPU s)", "ok": up["cpu_s"] <= 1.5},
        "wrapped_hyphens_over_ordinary": {"value": worst["wrapped_hyphens"]["ratio"], "target": "<= 2 (CPU per MB)",
                                          "ok": worst["wrapped_hyphens"]["ratio"] <= 2},
        # None: no pdftotext here (CI) or no renderings to read — skipped, not failed
        "pdf_over_pdftotext": {"value": pdf_ratio, "target": f"<= {PDF_OVER_PDFTOTEXT:g}",
                               "ok": None if pdf_ratio is None else pdf_ratio <= PDF_OVER_PDFTOTEXT},
        **bench_archive.targets(archive),
        **{f"{fmt}_over_txt": {"value": w and w["over_txt"], "target": f"<= {WORD_OVER_TEXT:g}",
                               "ok": None if w is None else w["over_txt"] <= WORD_OVER_TEXT}
           for fmt in ("docx", "odt") for w in [office[fmt]]},
    }
    results = {
        "schema": 1,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_before": load_before, "load_after": [round(x, 2) for x in os.getloadavg()]},
        "model": model, "mode": mode, "seed": seed,
        "corpus": {"docs": docs, "bytes": total, "seeds": len(seed_list)},
        "throughput": {str(j): r.figures() for j, r in runs.items()},
        "speedup": speedup,
        "speedup_cpu_bound": cpu_bound,
        "stages": stages,
        "stages_note": None if "resolve" in one.stages else "resolve runs inside the rules stage",
        "tokenizer": {"seconds": round(tok, 4), "cpu_seconds": round(tok_cpu, 4),
                      "docs_per_s": round(docs / tok, 2) if tok else None,
                      "mb_per_s": round(total / MB / tok, 4) if tok else None},
        "pipeline_over_tokenizer": ratio_tok,
        "linearity": {"docs": lin_docs, "size": lin_size},
        "worst_case": worst,
        "startup": up,
        "office": office,
        "memory": {"max_rss_mb": _rss_mb(resource.RUSAGE_SELF), "children_max_rss_mb": _rss_mb(resource.RUSAGE_CHILDREN)},
        "archive": archive,
        "targets": targets,
        "bench_seconds": round(time.perf_counter() - t_all, 2),
    }
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    echo(table(results))
    return results


def table(r: dict[str, Any]) -> str:
    """The figures as the text table ``make bench`` prints."""
    rows: list[tuple[str, str, str, str]] = []

    def mark(key: str) -> tuple[str, str]:
        t = r["targets"][key]
        return t["target"], ("skipped" if t["ok"] is None else "ok" if t["ok"] else "MISSED")

    for j, f in r["throughput"].items():
        rows.append((f"--jobs {j}: documents/s", f"{f['docs_per_s']:.1f}", "", ""))
        rows.append((f"--jobs {j}: MB/s", f"{f['mb_per_s']:.3f}", "", ""))
    if r["speedup"] is not None:
        rows.append(("speed-up over --jobs 1", f"{r['speedup']:.2f}x", *mark("speedup_jobs")))
        rows.append(("  on idle cores (CPU time)", f"{r['speedup_cpu_bound']:.2f}x", "", ""))
    rows.append(("tokenizer only: MB/s", f"{r['tokenizer']['mb_per_s']:.3f}", "", ""))
    rows.append(("pipeline / tokenizer (CPU)", f"{r['pipeline_over_tokenizer']:.2f}x", *mark("pipeline_over_tokenizer")))
    d = r["linearity"]["docs"]
    if d:
        rows.append((f"{2 * d['n']} / {d['n']} documents (CPU)", f"{d['ratio']:.2f}x", *mark("docs_2n_over_n")))
        rows.append(("  wall clock", f"{d['wall_ratio']:.2f}x", "", ""))
    s = r["linearity"]["size"]
    label = f"{s['big_bytes'] / MB:.1f} MB / {s['small_bytes'] / 1000:.0f} KB file (CPU)"
    value = f"{s['ratio']:.1f}x" if s.get("ratio") is not None else "error"
    rows.append((label, value, *mark("big_over_small")))
    if s.get("ratio") is not None:
        rows.append(("  wall clock", f"{s['wall_ratio']:.1f}x", "", ""))
    if s.get("error"):
        rows.append(("  " + s["error"][:40], "", "", ""))
    worst = r["worst_case"]["wrapped_hyphens"]
    rows.append(("wrapped hyphens / minutes (CPU per MB)", f"{worst['ratio']:.2f}x", *mark("wrapped_hyphens_over_ordinary")))
    up = r["startup"]
    rows.append(("start-up (import + load, CPU)", f"{up['cpu_s']:.2f} s", *mark("startup_s")))
    rows.append(("  wall clock", f"{up['startup_s']:.2f} s", "", ""))
    rows.append(("  import / load / 1st doc", f"{up['import_s']:.2f}/{up['load_s']:.2f}/{up['first_doc_s']:.2f} s", "", ""))
    rows.append(("  whole process", f"{up['process_s']:.2f} s", "", ""))
    if p := r["office"]["pdf"]:
        label = f"PDF to text and layout ({p['documents']} docs, {p['pages']} pages)"
        rows.append((label, f"{p['ms_per_doc']:.1f} ms/doc", "", ""))
        rows.append(("  pages/s", f"{p['pages_per_s']:.0f}", "", ""))
        ratio = f"{p['over_pdftotext']:.1f}x" if p["over_pdftotext"] is not None else "no pdftotext"
        rows.append(("  over pdftotext -layout", ratio, *mark("pdf_over_pdftotext")))
    rows += bench_archive.rows(r.get("archive"), mark)
    for fmt in ("docx", "odt"):
        if w := r["office"].get(fmt):
            rows.append((f"{fmt.upper()} extracted ({w['documents']} docs)", f"{w['ms_per_doc']:.1f} ms/doc", "", ""))
            rows.append(("  the same minutes as .txt", f"{w['txt_ms_per_doc']:.1f} ms/doc", "", ""))
            rows.append((f"  {fmt.upper()} over .txt", f"{w['over_txt']:.2f}x", *mark(f"{fmt}_over_txt")))
    m = r["memory"]
    load = f"{r['machine']['load_before'][0]:.2f} / {r['machine']['load_after'][0]:.2f}"
    rows.append(("machine load before / after", load, "", ""))
    rows.append(("peak memory (self / children)", f"{m['max_rss_mb']:.0f} / {m['children_max_rss_mb']:.0f} MB", "", ""))
    rows.append(("time per stage (--jobs 1)", "ms/doc", "share", ""))
    for k, v in r["stages"].items():
        if v is None:
            rows.append((f"  {k}", "(in rules)" if k == "resolve" else "-", "", ""))
        else:
            rows.append((f"  {k}", f"{v['ms_per_doc']:.2f}", f"{100 * v['share']:.1f}%", ""))
    w = [max(len(row[i]) for row in rows) for i in range(4)]
    head = (f"om-extract bench: {r['corpus']['docs']} documents, {r['corpus']['bytes'] / MB:.2f} MB, "
            f"{r['mode']} mode, {r['machine']['cpus']} CPUs, Python {r['machine']['python']}")
    note = "throughput: wall clock; ratios: CPU seconds of the measuring process, which other load skews less"
    lines = [head, note, "-" * len(head)]
    lines += [f"{a:<{w[0]}}  {b:>{w[1]}}  {c:<{w[2]}}  {e}".rstrip() for a, b, c, e in rows]
    return "\n".join(lines)


# -- command line -------------------------------------------------------------------------------


def command(
    docs: Annotated[int, typer.Option("--docs", min=1, help="Synthetic documents in the corpus.")] = 1000,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes to compare with one.")] = 2,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline name or path (default: rules mode).")] = None,
    seed: Annotated[int, typer.Option(help="Random seed of the corpus.")] = 7,
    out: Annotated[Path, typer.Option(help="Where the figures go.")] = Path("bench/results.json"),
    seeds: Annotated[Path | None, typer.Option(help="Seed folder (default: the repository's seeds/).")] = None,
    small_kb: Annotated[int, typer.Option(min=1, help="Small file of the size-linearity pair, KB.")] = 200,
    big_kb: Annotated[int, typer.Option(min=1, help="Big file of the size-linearity pair, KB.")] = 5000,
    linearity: Annotated[bool, typer.Option(help="Also time 2 × --docs documents.")] = True,
    startup_runs: Annotated[int, typer.Option(min=1, help="Fresh interpreters to time start-up in (median).")] = 3,
    wrapped_kb: Annotated[int, typer.Option(min=1, help="Worst case of wrapped hyphens, KB.")] = 600,
) -> None:
    """Benchmark the extractor on a synthetic corpus; write the figures to bench/results.json."""
    bench(docs, jobs, model, seed, out, seeds, small_kb, big_kb, linearity, startup_runs, wrapped_kb, echo=typer.echo)


def register(app: typer.Typer) -> None:
    app.command("bench")(command)


def main() -> None:
    app = typer.Typer(add_completion=False)
    app.command()(command)
    app(prog_name="python -m om_extract.bench")


if __name__ == "__main__":
    main()
