"""Command line: ``om-extract [OPTIONS] INPUT... OUT_DIR`` and the tool commands."""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path
from types import ModuleType
from typing import Annotated

import typer

from . import batch
from .incremental import Manifest, fingerprint
from .model_name import DEFAULT_MODEL
from .models import Protocol

extract_app = typer.Typer(add_completion=False, help="Extract structured JSON from German meeting minutes.")
tools = typer.Typer(add_completion=False, no_args_is_help=True, help="om-extract tool commands.")


@extract_app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Input files or folders, then the output folder.")],
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parallel worker processes.")] = 1,
    model: Annotated[str, typer.Option(help="spaCy pipeline name or path.")] = DEFAULT_MODEL,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")] = False,
    debug: Annotated[bool, typer.Option(help="Tracebacks for failed files.")] = False,
    review: Annotated[bool, typer.Option(help="Also write OUT_DIR/review/ pages.")] = False,
    corpus: Annotated[bool, typer.Option(help="Also write OUT_DIR/corpus/.")] = True,
    timeout: Annotated[float, typer.Option(min=0, help="Give up on a file after this many seconds (0: never).")] = 0,
    force: Annotated[bool, typer.Option("--force", help="Extract inputs whose outputs are up to date too.")] = False,
) -> None:
    """Extract every minutes file (.txt, .md, .html, .tex, .pdf, .docx, .odt, and any text that names
    a meeting: .org, .rst, .adoc, .wiki, e-mails, …) into OUT_DIR/<stem>.json."""
    if len(paths) < 2:
        raise typer.BadParameter("give at least one INPUT and the OUT_DIR", param_hint="INPUT... OUT_DIR")
    *inputs, out_dir = paths
    _prepare_output(out_dir)
    t0 = time.perf_counter()
    files, failed, skipped = batch.discover(inputs, out_dir)
    manifest = Manifest(out_dir, fingerprint(model))
    verdicts = [(job, None if force else manifest.unchanged(job)) for job in batch.plan(files, out_dir)]
    unchanged = [o for _, o in verdicts if o is not None]
    todo = [job for job, o in verdicts if o is None]
    outcomes = list(failed)
    stale: list[Path] = []  # earlier outputs of inputs that failed now
    show = not quiet and sys.stderr.isatty()
    try:
        with typer.progressbar(length=len(todo), label="extracting", file=sys.stderr, hidden=not show) as bar:
            for job, outcome in zip(todo, batch.run(todo, model, jobs, timeout or None), strict=True):
                manifest.record(job, outcome)
                outcomes.append(outcome)
                if outcome.error and job.target.exists():
                    stale.append(job.target)
                bar.update(1)
    except KeyboardInterrupt:
        _error(out_dir, "interrupted; the files written so far are complete")
        raise typer.Exit(130) from None
    finally:
        manifest.save()
    errors = [o for o in outcomes if o.error]
    for o in errors:
        if debug and o.detail:
            typer.echo(o.detail.rstrip(), err=True)
        _error(o.source, o.error or "")
    done = [o for o in outcomes if not o.error]
    orphans = manifest.orphans()
    for orphan in orphans:
        _error(orphan.output, f"its input {batch.shown(orphan.input)} is gone; the output is kept")
    for output in stale:
        _error(output, "output is stale (input failed); it is kept, but left out of the corpus")
    stage_failed = False
    if corpus and (done or unchanged or stale):
        stage_failed |= not _stage("corpus", "build_corpus", debug, out_dir)  # stale outputs left out
    if review and (done or unchanged):
        stage_failed |= not _stage("review", "write_review", debug, out_dir, list(inputs))
    if not quiet:
        kept = done + unchanged
        typer.echo(f"{len(done)} extracted, {len(unchanged)} unchanged, {len(errors)} failed, "
                   f"{len(orphans)} orphaned{batch.skipped_note(skipped)}; {sum(o.decisions for o in kept)} decisions, "
                   f"{sum(o.persons for o in kept)} persons, {time.perf_counter() - t0:.2f} s", err=True)
    raise typer.Exit(1 if errors or stage_failed else 0)


def _error(path: Path | str, reason: str) -> None:
    """One line on stderr: ``om-extract: PATH: reason``."""
    typer.echo(f"om-extract: {batch.shown(path)}: {batch.one_line(reason)}", err=True)


def _prepare_output(out_dir: Path) -> None:
    """Create OUT_DIR and make sure files can be written there (exit 2 otherwise)."""
    import tempfile

    if out_dir.exists() and not out_dir.is_dir():
        _error(out_dir, "the output folder is an existing file")
        raise typer.Exit(2)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".om-extract-", suffix=".tmp", dir=out_dir)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        _error(out_dir, f"cannot write to the output folder ({exc.strerror or exc})")
        raise typer.Exit(2) from None


def _stage(module: str, func: str, debug: bool, *args: object) -> bool:
    """An optional stage (corpus, review); its failure is reported, not raised."""
    mod = _optional(module)
    if mod is None:
        return True
    try:
        getattr(mod, func)(*args)
    except Exception as exc:
        if debug:
            traceback.print_exc()
        _error(args[0], f"{module} failed ({type(exc).__name__}: {batch.one_line(str(exc))[:200]})"
                        + ("" if debug else "; rerun with --debug for the traceback"))
        return False
    return True


def _optional(module: str) -> ModuleType | None:
    """An optional module (corpus, review, …), or None when it is not part of this install; a
    dependency it imports that is missing ends the run with one line saying what to install (exit 2)."""
    import importlib

    name = f"om_extract.{module}"
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        if exc.name == name:
            return None
        missing = (exc.name or "").split(".")[0] or batch.one_line(str(exc))
        typer.echo(f"om-extract: missing dependency {missing!r} (needed by {module}); "
                   "install om-extract with its dependencies: pip install -e .", err=True)
        raise SystemExit(2) from None  # also outside a command (tool registration)


@tools.command()
def schema() -> None:
    """Print the JSON Schema of the output."""
    import json

    typer.echo(json.dumps(Protocol.model_json_schema(), indent=2, ensure_ascii=False))


@tools.command()
def text(file: Annotated[Path, typer.Argument(help="A minutes file (text, PDF, DOCX, ODT).")]) -> None:
    """Print the text the output's spans point into: the decoded input, or an office document's extracted text."""
    from .reader import InputError, read_bytes

    try:
        decoded = read_bytes(file.read_bytes())
    except OSError as exc:
        _error(file, f"cannot read: {exc.strerror or exc}")
        raise typer.Exit(1) from None
    except Exception as exc:  # what extraction catches: bad input is a line, not a traceback
        _error(file, batch.failure(exc))
        raise typer.Exit(1 if isinstance(exc, InputError) else 2) from None
    sys.stdout.buffer.write(decoded.raw_text.encode("utf-8", "replace"))


TOOL_MODULES = {"eval": "evaluate", "corpus": "corpus", "search": "corpus", "review": "review", "bench": "bench"}
TOOL_COMMANDS = {"schema", "text", *TOOL_MODULES}


def _register_tools(command: str) -> None:
    """Register the module of ``command`` only: the others import spaCy, whose loading would make
    ``search`` start in 0.7 s instead of 0.2."""
    if command in TOOL_MODULES and (mod := _optional(TOOL_MODULES[command])) is not None:
        mod.register(tools)


def main() -> None:
    """Dispatch: a tool command by name, else extraction."""
    args = sys.argv[1:]
    if args and args[0] in TOOL_COMMANDS:
        _register_tools(args[0])
        tools(args=args, prog_name="om-extract")
    else:
        extract_app(args=args, prog_name="om-extract")
