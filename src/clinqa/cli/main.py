"""Entry point: `main(argv) -> int`. Exit 0 on success, 2 on bad input or usage, 1 on an
internal failure; errors are one line on stderr (set CLINQA_DEBUG=1 for a traceback)."""

from __future__ import annotations

import logging
import os
import re
import sys
import warnings
from typing import Annotated, Optional

import click
import typer

from clinqa.cli import ask as ask_mod
from clinqa.cli import doctor as doctor_mod
from clinqa.cli import eval as eval_mod
from clinqa.cli import evidence as evidence_mod
from clinqa.cli import export as export_mod
from clinqa.cli import extract as extract_mod
from clinqa.cli import generate as generate_mod
from clinqa.cli import graph as graph_mod
from clinqa.cli import parse as parse_mod
from clinqa.cli import segment as segment_mod
from clinqa.cli import serve as serve_mod
from clinqa.cli import summarize as summarize_mod
from clinqa.cli import synth as synth_mod
from clinqa.cli import train as train_mod
from clinqa.cli import tune as tune_mod
from clinqa.errors import ClinqaError

# Recent typer vendors its own copy of click, whose exceptions are not click's: catch click's
# and typer's, through public names only, so usage errors keep exit code 2 whichever raises
# them. typer.Exit/typer.Abort are click's own on older typer (the same class twice is fine);
# typer.TyperException is the base of the vendored ClickException (and UsageError) on recent
# typer and absent on older typer, whose usage errors are click's.
_EXIT: tuple = (click.exceptions.Exit, typer.Exit)
_ABORT: tuple = (click.exceptions.Abort, typer.Abort)
_USAGE: tuple = (click.ClickException, *((typer.TyperException,) if hasattr(typer, "TyperException") else ()))

app = typer.Typer(
    name="clinqa",
    help="Question answering and insight extraction over clinical notes, fully local.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("ask")(ask_mod.ask)
app.command("evidence")(evidence_mod.evidence)
app.command("segment")(segment_mod.segment_cmd)
app.command("parse")(parse_mod.parse_cmd)
app.command("doctor")(doctor_mod.doctor)
app.command("serve")(serve_mod.serve)
app.command("extract")(extract_mod.extract)
app.command("report")(extract_mod.report)
app.command("summarize")(summarize_mod.summarize)
app.command("generate")(generate_mod.generate)
app.add_typer(train_mod.app, name="train")
app.add_typer(eval_mod.app, name="eval")
app.add_typer(tune_mod.app, name="tune")
app.add_typer(export_mod.app, name="export")
app.add_typer(graph_mod.app, name="graph")
app.add_typer(synth_mod.app, name="synth")


def _setup_logging() -> None:
    level = getattr(logging, os.environ.get("CLINQA_LOG_LEVEL", "WARNING").upper(), logging.WARNING)
    handler = logging.StreamHandler(sys.stderr)
    # The level sits on the handler too: some libraries (bm25s) set their own loggers to DEBUG.
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter("clinqa: %(levelname)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


@app.callback()
def _options(
    threads: Annotated[Optional[int], typer.Option(min=1, help="torch threads for every command, Ray workers "
                                                   "included (default: CLINQA_THREADS, else the cores this "
                                                   "process may use).")] = None,
) -> None:
    if threads is not None:
        os.environ["CLINQA_THREADS"] = str(threads)  # read by clinqa.runtime here and in workers


def main(argv: list[str] | None = None) -> int:
    _setup_logging()
    # medspaCy's matchers warn on every doc when a rule set is empty (spaCy W036): noise for users.
    warnings.filterwarnings("ignore", message=r"\[W036\]")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from clinqa.text import pipeline

    pipeline.SPACY_WITHOUT_TORCH = True  # a CLI process runs only clinqa's own pipelines (see there)
    command = typer.main.get_command(app)
    args = list(sys.argv[1:] if argv is None else argv)
    # With --json the caller parses stdout: errors come there too, as one JSON object.
    json_mode = "--json" in args[: args.index("--") if "--" in args else len(args)]
    try:
        rv = command.main(args=args, prog_name="clinqa", standalone_mode=False)
        return rv if isinstance(rv, int) else 0
    except _EXIT as exc:
        return exc.exit_code
    except _ABORT:
        print("clinqa: aborted", file=sys.stderr)
        return 130
    except _USAGE as exc:  # usage errors: bad option, missing argument
        message = exc.format_message()
        if message:  # no-args-is-help raises with an empty message after printing help
            print(f"clinqa: error: {message}", file=sys.stderr)
            if json_mode:
                _json_error(message, "usage", 2)
        if getattr(exc, "ctx", None) is not None:
            print(f"Try `{exc.ctx.command_path} --help`.", file=sys.stderr)
        return 2
    except ClinqaError as exc:
        if os.environ.get("CLINQA_DEBUG"):
            raise
        print(f"clinqa: error: {exc}", file=sys.stderr)
        if json_mode:
            _json_error(str(exc), type(exc).__name__.removesuffix("Error").lower() or "error", exc.exit_code,
                        getattr(exc, "source", None), getattr(exc, "where", None), getattr(exc, "problems", None))
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the contract: one line and exit 1, never a traceback
        if os.environ.get("CLINQA_DEBUG"):
            raise
        print(f"clinqa: internal error: {type(exc).__name__}: {exc} (set CLINQA_DEBUG=1 for a traceback)",
              file=sys.stderr)
        if json_mode:
            _json_error(f"{type(exc).__name__}: {exc}", "internal", 1)
        return 1


def _line_of(where: str | None) -> int | None:
    m = re.search(r"\bline (\d+)", where or "")
    return int(m.group(1)) if m else None


def _json_error(message: str, kind: str, exit_code: int, source: str | None = None, where: str | None = None,
                problems: list | None = None) -> None:
    """`{"error": {"message", "file", "line", ...}}` on stdout; the text line stays on stderr."""
    import json

    error = {"message": message, "kind": kind, "exit_code": exit_code, "file": source,
             "line": _line_of(where) if where else (_line_of(problems[0].where) if problems else None)}
    if problems:
        error["problems"] = [{"message": p.message, "file": p.source, "line": _line_of(p.where)} for p in problems]
    sys.stdout.write(json.dumps({"error": error}, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
