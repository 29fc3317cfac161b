"""The benchmark runs end to end on a few documents, and the speed-ups it led to keep the output."""

import itertools
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from om_extract import bench
from om_extract.ner import CHUNK, _add, _chunks, _salutation_lines, entities, load

KEYS = {"schema", "machine", "model", "mode", "seed", "corpus", "throughput", "speedup", "stages", "tokenizer",
        "pipeline_over_tokenizer", "linearity", "worst_case", "startup", "office", "archive", "memory", "targets",
        "bench_seconds"}


def test_bench_command_writes_results(tmp_path: Path) -> None:
    app = typer.Typer()
    bench.register(app)
    app.command("noop")(lambda: None)  # a second command keeps "bench" a named subcommand
    out = tmp_path / "bench" / "results.json"
    r = CliRunner().invoke(app, ["bench", "--docs", "5", "--jobs", "2", "--small-kb", "20", "--big-kb", "60",
                                 "--startup-runs", "1", "--wrapped-kb", "30", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "documents/s" in r.output and "pipeline / tokenizer" in r.output and "wrapped hyphens" in r.output
    res = json.loads(out.read_text(encoding="utf-8"))
    assert set(res) >= KEYS
    assert res["mode"] == "rules" and res["corpus"]["docs"] == 5 and res["corpus"]["bytes"] > 5 * 5000
    for jobs in ("1", "2"):
        t = res["throughput"][jobs]
        assert t["docs"] == 5 and t["seconds"] > 0 and t["cpu_seconds"] > 0 and t["docs_per_s"] > 0 and t["mb_per_s"] > 0
    assert res["speedup"] > 0 and res["speedup_cpu_bound"] > 0
    assert {"read", "layout", "parse", "rules", "ner", "write"} <= {k for k, v in res["stages"].items() if v}
    assert abs(sum(v["share"] for v in res["stages"].values() if v) - 1) < 0.01
    assert res["tokenizer"]["seconds"] > 0 and res["pipeline_over_tokenizer"] > 0
    docs = res["linearity"]["docs"]
    assert docs["n"] == 5 and docs["ratio"] > 0 and docs["wall_ratio"] > 0 and docs["cpu_2n"] > docs["cpu_n"] > 0
    size = res["linearity"]["size"]
    assert 20_000 <= size["small_bytes"] < 40_000 and 60_000 <= size["big_bytes"] < 80_000 and size["ratio"] > 0
    assert size["big_cpu"] > size["small_cpu"] > 0
    worst = res["worst_case"]["wrapped_hyphens"]
    assert 30_000 <= worst["bytes"] < 31_000 and worst["cpu_per_mb"] > 0 and worst["ordinary_cpu_per_mb"] > 0
    assert worst["ratio"] == pytest.approx(worst["cpu_per_mb"] / worst["ordinary_cpu_per_mb"], rel=0.01)
    up = res["startup"]  # no bound on the seconds: speed goals are the benchmark's, not the tests'
    assert up["import_s"] > 0 and up["load_s"] > 0 and up["cpu_s"] > 0 and up["process_s"] > up["startup_s"]
    assert res["memory"]["max_rss_mb"] > 10
    assert set(res["targets"]) == {"pipeline_over_tokenizer", "speedup_jobs", "docs_2n_over_n", "big_over_small", "startup_s",
                                    "wrapped_hyphens_over_ordinary", "pdf_over_pdftotext", "corpus_2n_over_n",
                                    "corpus_over_extraction", "rerun_over_first", "search_ms", "docx_over_txt", "odt_over_txt"}
    archive = res["archive"]
    assert archive["corpus"]["n"] == 5 and archive["corpus"]["cpu_2n"] > 0 and archive["corpus"]["over_extraction"] > 0
    assert archive["rerun"]["files"] == 5 and archive["rerun"]["identical"] and 0 < archive["rerun"]["ratio"] < 1
    assert archive["search"]["max_ms"] > 0 and "unchanged re-run" in r.output
    pdf = res["office"]["pdf"]  # the seed renderings read as PDF; pdftotext's ratio only where poppler is installed
    assert pdf["documents"] == 5 and pdf["pages"] >= 5 and pdf["ms_per_doc"] > 0 and pdf["pages_per_s"] > 0
    assert "PDF to text and layout" in r.output
    if pdf["over_pdftotext"] is None:
        assert res["targets"]["pdf_over_pdftotext"]["ok"] is None and "no pdftotext" in r.output
    for fmt in ("docx", "odt"):  # the seed renderings and the same minutes as .txt, in one run (target <= 2x)
        w = res["office"][fmt]
        assert w["documents"] == 5 and w["ms_per_doc"] > 0 and w["txt_ms_per_doc"] > 0
        assert w["over_txt"] < 4 and f"{fmt.upper()} over .txt" in r.output


def test_corpus_is_deterministic_and_renamed() -> None:
    seeds = bench.load_seeds(bench.seeds_dir())
    a, b = bench.corpus(seeds, 6), bench.corpus(seeds, 12)
    assert [d.text for d in a] == [d.text for d in b[:6]]
    assert bench.corpus(seeds, 6, seed=8)[0].text != a[0].text
    original = {last for s in seeds for _, last in s.names}
    for doc, seed in zip(a, seeds + seeds, strict=False):
        assert doc.text != seed.header + "".join(seed.sections)
        assert not any(f" {last} " in doc.text for last in original if len(last) > 5)
    big = bench.big_document(seeds, 50_000)
    assert 50_000 <= len(big.raw) < 70_000


def test_chunks_cover_the_text() -> None:
    text = ("Absatz eins.\nZeile zwei.\n\n" * 50) + "x" * 300 + " Ende"
    pieces = _chunks(text, 100)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))
    assert all(e - s <= 100 for s, e in pieces)
    assert _chunks("kurz", CHUNK) == [(0, 4)]


def test_rules_mode_entities_equal_whole_text() -> None:
    """Tokenizing only the salutation lines finds what the ruler finds in the whole text."""
    nlp = load(None).nlp
    assert nlp.pipe_names == ["om_rules"]
    seeds = bench.load_seeds(bench.seeds_dir())
    docs = [d.text for d in bench.corpus(seeds, 5)] + [bench.big_document(seeds, 150_000).text]
    found = 0
    for text in docs:
        assert all("\n" not in text[s:e] for s, e in _salutation_lines(text))
        people: list = []
        orgs: list = []
        for ent in nlp(text).ents:
            _add(people, orgs, ent, 0)
        assert entities(nlp, text) == (people, orgs)
        found += len(people)
    assert found > 20
