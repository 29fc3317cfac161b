"""Issue 4: bad files, bad names, bad output folders — one clear line per failed file on stderr,
the other files still written, exit code 1; atomic writes; the same bytes whatever --jobs."""

from __future__ import annotations

import codecs
import errno
import json
import multiprocessing
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from om_extract import batch, writer
from om_extract.cli import extract_app
from om_extract.models import Protocol
from om_extract.pipeline import extract_bytes
from om_extract.reader import InputError, read_bytes

ROOT = Path(__file__).resolve().parents[1]
SEED = sorted((ROOT / "seeds").glob("001_*.txt"))[0]
HTML_SEED = sorted((ROOT / "seeds").glob("003_*.txt"))[0]
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0
LINE = re.compile(r"^om-extract: .+: \S.*$")
SUMMARY = re.compile(r"^\d+ extracted, \d+ unchanged, \d+ failed, \d+ orphaned; \d+ decisions, \d+ persons, [\d.]+ s$")


def cli(*args: str | Path):
    result = CliRunner().invoke(extract_app, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def error_lines(stderr: str) -> list[str]:
    lines = [ln for ln in stderr.splitlines() if ln and not SUMMARY.match(ln)]
    assert all(LINE.match(ln) for ln in lines), stderr
    assert "Traceback" not in stderr
    return lines


def only_error_for(stderr: str, path: Path | str, reason: str) -> None:
    hits = [ln for ln in error_lines(stderr) if ln.startswith(f"om-extract: {path}: ")]
    assert len(hits) == 1, (path, stderr)
    assert reason in hits[0], (reason, hits[0])


def outputs(out: Path) -> list[str]:
    return sorted(p.name for p in out.glob("*.json"))


def load(path: Path) -> Protocol:
    return Protocol.model_validate(json.loads(path.read_text(encoding="utf-8")))


# -- bad inputs in one batch --------------------------------------------------------------------


@pytest.fixture
def zoo(tmp_path: Path) -> Path:
    """A folder of good and bad inputs."""
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "good.txt").write_bytes(SEED.read_bytes())
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b"  \r\n\t\n \n")
    (d / "invisible.txt").write_text("\u200b\u00ad\ufeff \n", encoding="utf-8")
    (d / "nul.txt").write_bytes(b"Protokoll\x00\x00\x00\x01\x02" * 50)
    (d / "random.txt").write_bytes(random.Random(7).randbytes(8192))
    (d / "random_no_nul.txt").write_bytes(bytes(b for b in random.Random(8).randbytes(8192) if b))
    (d / "paper.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n")
    (d / "word.txt").write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(200))
    (d / "code.txt").write_text("import os\n\n\ndef main(argv):\n    return os.path.join(*argv)\n\n"
                                "class Reader:\n    pass\n", encoding="utf-8")
    (d / "table.md").write_text("name;datum;betrag\nA;01.02.2024;3,50\nB;02.02.2024;4,00\n", encoding="utf-8")
    (d / "bad_bom.txt").write_bytes(codecs.BOM_UTF8 + b"Protokoll \xff\xfe kaputt\n")
    (d / "folder.txt").mkdir()  # a folder with a minutes suffix: not an input, silently a folder
    (d / "sub" / "good.txt").write_bytes(HTML_SEED.read_bytes())  # same stem, other folder
    (d / "loop.txt").symlink_to("loop.txt")
    (d / "dangling.txt").symlink_to("nowhere.txt")
    if hasattr(os, "mkfifo"):
        os.mkfifo(d / "pipe.txt")  # reading it would block forever
    return d


def test_bad_inputs_each_named_with_its_reason_and_the_rest_is_written(zoo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    missing = tmp_path / "missing.txt"
    empty_dir = tmp_path / "nothing.txt"
    empty_dir.mkdir()
    code, _, err = cli(zoo, missing, empty_dir, out)
    assert code == 1
    expected = {
        zoo / "empty.txt": "empty file",
        zoo / "blank.txt": "only whitespace",
        zoo / "invisible.txt": "only whitespace",
        zoo / "nul.txt": "binary data",
        zoo / "random.txt": "binary data",
        zoo / "random_no_nul.txt": "binary data",
        zoo / "paper.txt": "a PDF file",
        zoo / "word.txt": "Office document",
        zoo / "bad_bom.txt": "invalid UTF-8 after its byte-order mark",
        zoo / "loop.txt": "symbolic link loop",
        zoo / "dangling.txt": "broken symbolic link",
        missing: "no such file or directory",
        empty_dir: "no minutes files",
    }
    if hasattr(os, "mkfifo"):
        expected[zoo / "pipe.txt"] = "not a regular file"
    for path, reason in expected.items():
        only_error_for(err, path, reason)
    assert len(error_lines(err)) == len(expected)
    assert outputs(out) == ["code.json", "good.json", "good__2.json", "table.json"]
    assert load(out / "good.json").source.format == "pdf_text"
    assert load(out / "good__2.json").source.format == "html"  # both "good" inputs kept
    for name in ("code.json", "table.json"):  # text, but no minutes: said so in warnings
        assert any("no TOP sections" in w for w in load(out / name).warnings)
    assert any("no meeting date" in w for w in load(out / "code.json").warnings)
    assert not list(out.glob(".*.tmp"))


def test_error_lines_are_the_same_with_jobs(zoo: Path, tmp_path: Path) -> None:
    _, _, err1 = cli("-q", zoo, tmp_path / "o1")
    _, _, err2 = cli("-q", "--jobs", "2", zoo, tmp_path / "o2")
    assert error_lines(err1) == error_lines(err2)


@pytest.mark.parametrize(("raw", "reason"), [
    (b"", "empty file"),
    (b" \n\t\r\n", "only whitespace"),
    (b"\x00" * 100, "binary data"),
    (bytes(range(256)) * 4, "binary data"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
    (b"{\\rtf1\\ansi Protokoll}", "RTF document"),
    (codecs.BOM_UTF16_LE + b"P\x00r\x00\x00\xd8", "invalid UTF-16"),
])
def test_reader_refuses_what_is_not_text(raw: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=re.escape(reason)):
        read_bytes(raw)


def test_a_few_stray_nul_bytes_do_not_make_text_binary() -> None:
    raw = SEED.read_bytes().replace(b"Tagesordnung", b"Tagesordnung\x00", 1)
    assert read_bytes(raw).clean.text == read_bytes(SEED.read_bytes()).clean.text


def test_long_single_line_gives_output() -> None:
    """(1 MB and more: test_robustness_time.py)"""
    line = "Frau Dr. Kranefeld berichtet am 3. Mai 2021 über das Projekt. " * 1_000  # no newline
    p = extract_bytes(line.encode(), "line.txt", model=None)
    assert any(x.name.endswith("Kranefeld") for x in p.persons)
    assert "no TOP sections recognised: is this a protocol?" in p.warnings


# -- unreadable files and folders -----------------------------------------------------------------


@pytest.mark.skipif(ROOT_USER or os.name != "posix", reason="root reads files whatever their mode")
def test_unreadable_file_and_folder_real_permissions(tmp_path: Path) -> None:
    d = tmp_path / "in"
    (d / "locked").mkdir(parents=True)
    (d / "ok.txt").write_bytes(SEED.read_bytes())
    (d / "secret.txt").write_bytes(SEED.read_bytes())
    (d / "locked" / "inside.txt").write_bytes(SEED.read_bytes())
    os.chmod(d / "secret.txt", 0)
    os.chmod(d / "locked", 0)
    try:
        code, _, err = cli(d, tmp_path / "out")
    finally:
        os.chmod(d / "secret.txt", 0o600)
        os.chmod(d / "locked", 0o700)
    assert code == 1
    only_error_for(err, d / "secret.txt", "cannot read: permission denied")
    only_error_for(err, d / "locked", "cannot read folder: permission denied")
    assert outputs(tmp_path / "out") == ["ok.json"]


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root chmod 000 does not stop reading: the same failure, raised by the read itself."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "ok.txt").write_bytes(SEED.read_bytes())
    (d / "secret.txt").write_bytes(SEED.read_bytes())
    real = Path.read_bytes

    def read_bytes_(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes_)
    code, _, err = cli(d, tmp_path / "out")
    assert code == 1
    only_error_for(err, d / "secret.txt", "cannot read: permission denied")
    assert outputs(tmp_path / "out") == ["ok.json"]


# -- output folder ----------------------------------------------------------------------------


def test_output_folder_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("x")
    code, _, err = cli(SEED, target)
    assert code == 2
    only_error_for(err, target, "is an existing file")


def test_output_folder_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = cli(SEED, blocker / "out")
    assert code == 2
    only_error_for(err, blocker / "out", "cannot write to the output folder")


@pytest.mark.skipif(ROOT_USER or os.name != "posix", reason="root writes whatever the mode")
def test_output_folder_read_only_real(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.chmod(out, 0o500)
    try:
        code, _, err = cli(SEED, out)
    finally:
        os.chmod(out, 0o700)
    assert code == 2
    only_error_for(err, out, "cannot write to the output folder")


def test_output_folder_read_only_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, _, err = cli(SEED, tmp_path / "out")
    assert code == 2
    only_error_for(err, tmp_path / "out", "cannot write to the output folder (Permission denied)")


def test_one_output_that_cannot_be_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_bytes(SEED.read_bytes())
    (d / "b.txt").write_bytes(SEED.read_bytes())
    real = writer.write_atomic

    def full_disk(path: Path, content: str) -> None:
        if path.name == "a.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, content)

    monkeypatch.setattr(batch, "write_atomic", full_disk)
    code, _, err = cli(d, tmp_path / "out")
    assert code == 1
    only_error_for(err, d / "a.txt", f"cannot write {tmp_path / 'out' / 'a.json'}: No space left on device")
    assert outputs(tmp_path / "out") == ["b.json"]


# -- names -------------------------------------------------------------------------------------


def test_names_with_spaces_umlauts_and_a_leading_dash(tmp_path: Path) -> None:
    d = tmp_path / "Sitzungen März"
    d.mkdir()
    for name in ("with space.txt", "Übersicht ä ß.txt", "-x.txt"):
        (d / name).write_bytes(SEED.read_bytes())
    out = tmp_path / "out put"
    r = subprocess.run([sys.executable, "-c", "from om_extract.cli import main; main()", "-q", "--",
                        str(d / "-x.txt"), str(d / "with space.txt"), str(d / "Übersicht ä ß.txt"), str(out)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert outputs(out) == ["-x.json", "with space.json", "Übersicht ä ß.json"]
    assert load(out / "Übersicht ä ß.json").source.file == "Übersicht ä ß.txt"


def test_undecodable_file_name(tmp_path: Path) -> None:
    if sys.platform == "darwin":
        pytest.skip("APFS refuses non-UTF-8 names")
    d = tmp_path / "in"
    d.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")
    try:
        (d / name).write_bytes(SEED.read_bytes())
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses non-UTF-8 names")
    code, _, err = cli(d, tmp_path / "out")
    assert code == 0, err
    [out] = (tmp_path / "out").glob("*.json")
    assert load(out).source.file == "caf\\xe9.txt"


def test_same_stem_from_different_folders_and_clashing_names(tmp_path: Path) -> None:
    for sub, name in (("a", "p.txt"), ("b", "p.txt"), ("c", "p__2.txt"), ("d", "P.md")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / name).write_bytes(SEED.read_bytes())
    files = [tmp_path / "a" / "p.txt", tmp_path / "b" / "p.txt", tmp_path / "c" / "p__2.txt", tmp_path / "d" / "P.md"]
    code, _, err = cli(*files, files[0], tmp_path / "out")  # a/p.txt twice: read once
    assert code == 0, err
    jobs = batch.plan(files, tmp_path / "out")
    assert [j.target.name for j in jobs] == ["p.json", "p__2.json", "p__2__2.json", "P__3.json"]
    assert outputs(tmp_path / "out") == sorted(j.target.name for j in jobs)


def test_output_folder_inside_an_input_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "in" / "out"
    assert cli(tmp_path / "in", out, "--review")[0] == 0
    code, _, err = cli(tmp_path / "in", out, "--review")  # review/*.html must not become inputs
    assert code == 0, err
    assert outputs(out) == ["a.json"]


# -- unexpected failures, crashes, hangs --------------------------------------------------------


def test_internal_error_is_one_line_and_traceback_with_debug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "ok.txt").write_bytes(SEED.read_bytes())
    (d / "boom.txt").write_bytes(SEED.read_bytes())
    real = batch.extract_bytes

    def extract(raw: bytes, name: str, model=None, timings=None):
        if name == "boom.txt":
            raise ValueError("something\nbroke")
        return real(raw, name, model, timings)

    monkeypatch.setattr(batch, "extract_bytes", extract)
    code, _, err = cli(d, tmp_path / "out")
    assert code == 1
    only_error_for(err, d / "boom.txt", "internal error (ValueError: something broke); rerun with --debug")
    assert outputs(tmp_path / "out") == ["ok.json"]
    code, _, err = cli("--debug", d, tmp_path / "out2")
    assert code == 1 and "Traceback" in err and "ValueError: something" in err


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the patched extractor must reach the workers")
def test_worker_crash_and_hang_cost_only_their_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import signal
    import time

    d = tmp_path / "in"
    d.mkdir()
    for name in ("a.txt", "crash.txt", "hang.txt", "z.txt"):
        (d / name).write_bytes(SEED.read_bytes())
    real = batch.extract_bytes

    def extract(raw: bytes, name: str, model=None, timings=None):
        if name == "crash.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        if name == "hang.txt":
            time.sleep(600)
        return real(raw, name, model, timings)

    monkeypatch.setattr(batch, "extract_bytes", extract)
    t0 = time.monotonic()
    code, _, err = cli("--jobs", "2", "--timeout", "3", d, tmp_path / "out")
    assert time.monotonic() - t0 < 60
    assert code == 1
    only_error_for(err, d / "crash.txt", "worker process killed by SIGKILL")
    only_error_for(err, d / "hang.txt", "timed out after 3 s")
    assert outputs(tmp_path / "out") == ["a.json", "z.json"]
    assert not list((tmp_path / "out").glob(".*.tmp"))


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the patched loader must reach the workers")
def test_workers_that_cannot_start_fail_their_files_not_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from om_extract import ner

    def broken(model=None):
        raise OSError("model files damaged")

    monkeypatch.setattr(ner, "load", broken)
    code, _, err = cli("--jobs", "2", SEED, HTML_SEED, tmp_path / "out")
    assert code == 1
    only_error_for(err, SEED, "cannot start a worker process (OSError: model files damaged)")
    only_error_for(err, HTML_SEED, "cannot start a worker process")


# -- atomic writes --------------------------------------------------------------------------


def test_failing_write_leaves_no_temp_file_and_no_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.json"

    def broken_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        writer.write_atomic(target, '{"a": 1}\n')
    assert list(tmp_path.iterdir()) == []


def test_interrupted_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.json"
    writer.write_atomic(target, "old\n")

    def interrupted(src, dst) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        writer.write_atomic(target, "new\n")
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]
    assert target.read_text() == "old\n"


def test_unencodable_content_fails_before_touching_the_disk(tmp_path: Path) -> None:
    with pytest.raises(UnicodeEncodeError):
        writer.write_atomic(tmp_path / "x.json", "lone surrogate \udcff")
    assert list(tmp_path.iterdir()) == []


def test_failing_dump_in_the_batch_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def dump(protocol) -> str:
        raise RuntimeError("serialisation failed")

    monkeypatch.setattr(batch, "dump", dump)
    job = batch.Job(SEED, tmp_path / "out" / "x.json")
    outcome = batch.run_one(job, None)
    assert outcome.error and "serialisation failed" in outcome.error and outcome.detail
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_written_files_follow_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    writer.write_atomic(target, "{}\n")
    mask = os.umask(0o022)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


# -- determinism --------------------------------------------------------------------------------


def test_jobs_do_not_change_a_single_byte(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        (d / seed.name).write_bytes(seed.read_bytes())
    text = SEED.read_text(encoding="utf-8")
    (d / "crlf_utf16.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-16"))
    (d / "cp1252.txt").write_bytes(text.replace("„", '"').replace("“", '"').replace("–", "-").encode("cp1252"))
    trees = []
    for jobs in ("1", "2", "3"):
        out = tmp_path / f"out{jobs}"
        code, _, err = cli("-q", "--jobs", jobs, d, out)
        assert code == 0, err
        trees.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert len(trees[0]) >= 7
    assert trees[0] == trees[1] == trees[2]


def test_one_atomic_replace_for_text_bytes_and_files_written_by_others(tmp_path: Path) -> None:
    """writer.replace_atomic serves every atomic write (documents, corpus files, the database,
    review pages): a writer that fails leaves the old file and no temp file behind."""
    target = tmp_path / "minutes.sqlite"
    writer.write_atomic(target, b"old\n")

    def half_written(tmp: Path) -> None:
        tmp.write_bytes(b"ne")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError):
        writer.replace_atomic(target, half_written)
    assert [p.name for p in tmp_path.iterdir()] == ["minutes.sqlite"] and target.read_bytes() == b"old\n"
    writer.replace_atomic(target, lambda tmp: tmp.write_bytes(b"new\n"), mode=0o600)
    assert target.read_bytes() == b"new\n" and target.stat().st_mode & 0o777 == 0o600
