"""Command line: ``om-extract [OPTIONS] INPUT... OUT_DIR`` and the tool commands."""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path
from typing import Annotated

import typer

from . import batch
from .models import Protocol
from .ner import DEFAULT_MODEL

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
) -> None:
    """Extract every minutes file (.txt, .md, .html) into OUT_DIR/<stem>.json."""
    if len(paths) < 2:
        raise typer.BadParameter("give at least one INPUT and the OUT_DIR", param_hint="INPUT... OUT_DIR")
    *inputs, out_dir = paths
    if out_dir.exists() and not out_dir.is_dir():
        raise typer.BadParameter(f"{out_dir} is not a directory", param_hint="OUT_DIR")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        typer.echo(f"om-extract: {out_dir}: cannot create output directory ({exc.strerror})", err=True)
        raise typer.Exit(2) from exc
    t0 = time.perf_counter()
    files, failed = batch.discover(inputs)
    todo = batch.plan(files, out_dir)
    outcomes = list(failed)
    show = not quiet and sys.stderr.isatty()
    with typer.progressbar(length=len(todo), label="extracting", file=sys.stderr, hidden=not show) as bar:
        try:
            for outcome in batch.run(todo, model, jobs):
                outcomes.append(outcome)
                bar.update(1)
        except Exception:
            if debug:
                traceback.print_exc()
            raise
    errors = [o for o in outcomes if o.error]
    for o in errors:
        typer.echo(f"om-extract: {o.source}: {o.error}", err=True)
    done = [o for o in outcomes if not o.error]
    if corpus and done:
        _maybe("corpus", "build_corpus", out_dir)
    if review and done:
        _maybe("review", "write_review", out_dir, list(inputs))
    if not quiet:
        typer.echo(f"{len(done)} files, {sum(o.decisions for o in done)} decisions, "
                   f"{sum(o.persons for o in done)} persons, {len(errors)} errors, "
                   f"{time.perf_counter() - t0:.2f} s", err=True)
    raise typer.Exit(1 if errors else 0)


def _maybe(module: str, func: str, *args: object) -> None:
    """Run an optional stage (corpus, review) when its module is present."""
    import importlib

    try:
        mod = importlib.import_module(f"om_extract.{module}")
    except ImportError:
        return
    getattr(mod, func)(*args)


@tools.command()
def schema() -> None:
    """Print the JSON Schema of the output."""
    import json

    typer.echo(json.dumps(Protocol.model_json_schema(), indent=2, ensure_ascii=False))


def _register_tools() -> None:
    import importlib

    for name in ("evaluate", "corpus", "review", "bench"):
        try:
            importlib.import_module(f"om_extract.{name}").register(tools)
        except ImportError:
            continue


TOOL_COMMANDS = {"schema", "eval", "corpus", "review", "bench"}


def main() -> None:
    """Dispatch: a tool command by name, else extraction."""
    args = sys.argv[1:]
    if args and args[0] in TOOL_COMMANDS:
        _register_tools()
        tools(args=args, prog_name="om-extract")
    else:
        extract_app(args=args, prog_name="om-extract")
