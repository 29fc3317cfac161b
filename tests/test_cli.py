import subprocess
import sys
from pathlib import Path

OK = "Protokoll\n\n1. Start\n\nFrau Dr. Kranefeld berichtet.\n\n2. Ende\n\nBeschluss: Es wird vertagt.\n"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from om_extract.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=120)


def test_batch_keeps_going_and_names_bad_files(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(OK, encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00\x01\x02 binary")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "good.txt").write_text(OK, encoding="utf-8")
    r = run(str(tmp_path / "in"), str(tmp_path / "other"), str(tmp_path / "out"))
    assert r.returncode == 1
    assert "bad.txt: binary data" in r.stderr
    assert "Traceback" not in r.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == ["good.json", "good__2.json"]


def test_usage_error_exit_2(tmp_path: Path) -> None:
    assert run(str(tmp_path)).returncode == 2


def test_schema_command() -> None:
    r = run("schema")
    assert r.returncode == 0 and '"Protocol"' in r.stdout


def test_a_missing_dependency_is_one_line_saying_what_to_install(tmp_path: Path) -> None:
    """A venv without orjson (which the corpus needs): no silent run without a corpus, no "No such
    command", no traceback."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(OK, encoding="utf-8")
    without = "import sys; sys.modules['orjson'] = None; from om_extract.cli import main; main()"
    for args in ([str(tmp_path / "in"), str(tmp_path / "out"), "--model", ""], ["search", str(tmp_path / "out"), "x"]):
        r = subprocess.run([sys.executable, "-c", without, *args], capture_output=True, text=True, timeout=120)
        assert r.returncode == 2, r.stderr
        assert r.stderr.count("\n") == 1 and "'orjson'" in r.stderr and "pip install -e ." in r.stderr, r.stderr


def test_search_and_corpus_start_without_spacy(tmp_path: Path) -> None:
    """The archive commands read JSON and SQLite: loading spaCy (0.5 s) would only delay them."""
    probe = ("import sys\nfrom om_extract.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
             "print('spacy' in sys.modules, 'om_extract.corpus' in sys.modules)")
    for args in (["search", str(tmp_path), "datenbank"], ["corpus", str(tmp_path)]):
        r = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120)
        assert r.stdout.splitlines()[-1] == "False True", (args, r.stdout, r.stderr)
