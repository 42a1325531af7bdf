"""`clinqa summarize`: radiology findings -> impression, one report or a table of them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from clinqa.cli._common import JSON_HELP, emit_json, status, stdout_console
from clinqa.errors import UsageError


def summarize(
    findings: Annotated[Optional[str], typer.Option("--findings", "-f", help="Findings text, in quotes.")] = None,
    file: Annotated[Optional[str], typer.Option("--file", help="A text file with the findings (or - for stdin).")] = None,
    input_table: Annotated[Optional[str], typer.Option("--input", "-i", help="Batch: CSV/JSONL/Parquet with a findings (or prompt/text) column.")] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Batch: where the impressions go (.csv, .jsonl, .parquet).")] = None,
    column: Annotated[Optional[str], typer.Option("--column", "--text-column", help="Batch: the findings column.")] = None,
    id_column: Annotated[Optional[str], typer.Option(help="Batch: the id column (default: id/uid/report_id, else the row number).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Batch: continue an interrupted run, skipping ids already done.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Batch: start over, discarding an earlier run's partial output.")] = False,
    model: Annotated[str, typer.Option(help="extractive (no model: the findings' own sentences of every positive finding; the default, see README 'Radiology impressions'), clinqa-sum-smollm2 (packaged LoRA, checked after decoding), smollm2-135m-instruct (base), a folder (model or LoRA adapter) or hub id (T5/Flan-T5 or an instruct LM).")] = "extractive",
    max_new_tokens: Annotated[int, typer.Option(min=1, max=1024, help="Longest impression, in tokens.")] = 128,
    max_input_tokens: Annotated[int, typer.Option(min=16, help="Longest prompt; longer findings are cut and flagged.")] = 512,
    batch_size: Annotated[int, typer.Option(min=1, help="Reports per generation batch.")] = 8,
    numbered: Annotated[bool, typer.Option("--numbered/--raw", help="Number several findings 1., 2., ... (default) or print the model's text.")] = True,
    device: Annotated[Optional[str], typer.Option(help="cpu or cuda (default: cuda when present).")] = None,
    consistency: Annotated[str, typer.Option(help="When the findings assert a pathology the impression hides: extractive (add the findings sentences that assert it), regenerate (write again with it named, then extractive) or off. Changes are listed as warnings.")] = "extractive",
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Write the impression for radiology FINDINGS (deterministic decoding)."""
    from clinqa.summarize import Summarizer, SummarizerConfig

    given = [x for x in (findings, file, input_table) if x is not None]
    if len(given) != 1:
        raise UsageError("give exactly one of --findings TEXT, --file FILE or --input TABLE (with --output)")
    if input_table is not None and not output:
        raise UsageError("--input needs --output (a .csv, .jsonl or .parquet file)")
    cfg = SummarizerConfig(model=model, max_new_tokens=max_new_tokens, max_input_tokens=max_input_tokens,
                           batch_size=batch_size, numbered=numbered, device=device, consistency=consistency)
    summarizer = Summarizer(cfg)
    if input_table is not None:
        _batch(summarizer, input_table, output, column, id_column, resume, force, json_out)
        return
    text = findings if findings is not None else _read_file(file)
    if not text.strip():
        raise UsageError("the findings are empty: nothing to summarize")
    with status("loading the model"):
        summarizer.load()
    with status("writing the impression"):
        s = summarizer.summarize(text, source_id=Path(file).name if file and file != "-" else "")
    result = {"impression": s.text, "model": model, "warnings": list(s.warnings), "draft": s.draft}
    if json_out:
        emit_json(result)
        return
    c = stdout_console()
    c.print(s.text)
    for w in s.warnings:
        print(f"clinqa: warning: {w}", file=sys.stderr)


def _read_file(path: str) -> str:
    from clinqa.data.checks import decode_bytes, read_text_file

    if path == "-":
        return decode_bytes(sys.stdin.buffer.read(), "<stdin>")
    return read_text_file(path)


def _batch(summarizer, source, output, column, id_column, resume, force, json_out) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from clinqa.cli._common import stderr_console
    from clinqa.summarize.batch import summarize_table

    console = stderr_console()
    # no bar where stderr is no terminal: it would leave an empty line before an error's one line
    with Progress(TextColumn("summarizing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("summarizing", total=None)
        r = summarize_table(summarizer, source, output, column=column, id_column=id_column, resume=resume,
                            force=force, progress=lambda n: bar.advance(task, n),
                            total_hint=lambda n: bar.update(task, total=n))
    result = {"output": r.output, "written": r.written, "resumed": r.resumed, "truncated": r.truncated,
              "skipped": r.skipped, "model": summarizer.name}
    if json_out:
        emit_json(result)
        return
    stdout_console().print(f"{r.written} impressions -> {r.output} ({r.resumed} from an earlier run, "
                           f"{len(r.skipped)} rows skipped, {r.truncated} findings truncated)")
    for s in r.skipped:
        print(f"clinqa: skipped: {s}", file=sys.stderr)
