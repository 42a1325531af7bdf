"""`clinqa extract`: a questionnaire over a corpus into Parquet, resumable."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from clinqa.cli._common import (ID_COLUMN_HELP, JSON_HELP, LEXICON_HELP, TEXT_COLUMN_HELP, WINDOW_TOKENS_HELP,
                                WINDOW_TOP_N_HELP, emit_json, stderr_console, stdout_console, use_lexicon)


def extract(
    questionnaire: Annotated[str, typer.Option("--questionnaire", "-q", help="Questionnaire YAML, FHIR Questionnaire JSON, or a shipped id.")],
    notes: Annotated[str, typer.Option("--notes", "-n", help="Corpus: folder of .txt, CSV, JSONL, Parquet, NOTEEVENTS.csv or FHIR.")],
    out: Annotated[str, typer.Option("--out", "-o", help="Output Parquet file (or OUT.ndjson: FHIR, with the Parquet beside it).")],
    fmt: Annotated[Optional[str], typer.Option("--format", help="Force the corpus format.")] = None,
    model: Annotated[str, typer.Option(help="QA model (as for `clinqa ask --model`; auto picks one per note language).")] = "auto",
    language: Annotated[Optional[str], typer.Option(help="Question language to use (default: en, else the first given; "
                                                         "auto: each note's own language where the questionnaire has it).")] = None,
    chunk_notes: Annotated[int, typer.Option(min=1, help="Notes per written chunk (the unit of resume).")] = 16,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run from its last finished chunk; "
                                                          "only the same run (questionnaire, corpus, model, options), else exit 2 naming what differs.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Start over: discard an unfinished run's parts and replace an "
                                                        "existing OUT (without --resume or --force, earlier output is never overwritten).")] = False,
    window_top_n: Annotated[Optional[int], typer.Option(help=WINDOW_TOP_N_HELP)] = None,
    window_tokens: Annotated[Optional[int], typer.Option(help=WINDOW_TOKENS_HELP)] = None,
    max_chars: Annotated[Optional[int], typer.Option(help="Largest note accepted, in characters (longer ones are skipped).")] = None,
    engine: Annotated[str, typer.Option(help="local (this process) or ray (Ray Data actor pool).")] = "local",
    workers: Annotated[Optional[int], typer.Option(min=1, help="Processes (local) or Ray actors answering notes at once, "
                                                              "one model load each (default: one per core, "
                                                              "CLINQA_WORKERS; 1: this process only).")] = None,
    ray_address: Annotated[Optional[str], typer.Option(help="Join this Ray cluster (default: start one locally).")] = None,
    to: Annotated[Optional[str], typer.Option("--to", help="fhir: also write a QuestionnaireResponse per note as NDJSON (see `clinqa export fhir`).")] = None,
    text_column: Annotated[Optional[str], typer.Option(help=TEXT_COLUMN_HELP)] = None,
    id_column: Annotated[Optional[str], typer.Option(help=ID_COLUMN_HELP)] = None,
    dedupe: Annotated[str, typer.Option(help="Notes sharing an id: error (stop, naming both lines) or first "
                                             "(keep the first, report the others as skipped).")] = "error",
    lexicon: Annotated[Optional[list[str]], typer.Option("--lexicon", help=LEXICON_HELP)] = None,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Ask every concept of QUESTIONNAIRE of every note; one row per (note, concept)."""
    import itertools
    from pathlib import Path

    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from clinqa.data import read_notes
    from clinqa.data.checks import max_chars_setting
    from clinqa.errors import DataError
    from clinqa.questionnaire import load_questionnaire
    from clinqa.extract.runner import run_local
    from clinqa.errors import UsageError
    from clinqa.qa.routing import RoutedReader, reader_options

    from clinqa.runtime import worker_setting

    options = reader_options(window_top_n, window_tokens)  # bad values fail before anything is read
    workers = worker_setting(workers)
    use_lexicon(lexicon)  # before Ray starts: its workers read $CLINQA_LEXICON

    if engine not in ("local", "ray"):
        raise UsageError(f"--engine must be local or ray, got {engine!r}")
    from clinqa.cli.export import fhir_outputs

    out, fhir_out = fhir_outputs(out, to)
    if dedupe not in ("error", "first"):
        raise UsageError(f"--dedupe must be error or first, got {dedupe!r}")
    q = load_questionnaire(questionnaire)
    if not Path(notes).exists():
        raise DataError("corpus not found", source=notes)
    skipped: list[str] = []
    stream = read_notes(notes, fmt, max_chars=max_chars or max_chars_setting(), skipped=skipped,
                        text_column=text_column, id_column=id_column, dedupe=dedupe)
    # The first note is read before the model loads: a wrong format or column is reported in
    # a second, not after the model's load time.
    first = next(stream, None)
    stream = itertools.chain([first] if first is not None else [], stream)
    from clinqa.data.fingerprint import input_identity, lexicon_identity, run_fingerprint

    # What made the output (README "Security"): --resume continues only a run with the same one.
    fingerprint = run_fingerprint(
        q, input_identity(notes, format=fmt, text_column=text_column, id_column=id_column, dedupe=dedupe,
                           max_chars=max_chars or max_chars_setting()),
        model, language=language, lexicon=lexicon_identity(), **options)
    reader = RoutedReader(model, **options) if engine == "local" else None
    done = {"notes": 0, "seconds": 0.0}
    console = stderr_console()
    # no bar when stderr is not a terminal: a log or a caller reading errors gets only the error line
    with Progress(TextColumn("extracting"), BarColumn(), TextColumn("{task.completed} notes · {task.fields[rate]}"),
                  TimeElapsedColumn(), console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("extract", total=None, rate="")

        def tick(n: int, seconds: float) -> None:
            done["notes"] += n
            done["seconds"] += seconds
            bar.update(task, advance=n, rate=f"{done['notes'] / max(done['seconds'], 1e-9):.2f} notes/s")

        if engine == "ray":
            from clinqa.extract.ray_engine import run_ray

            state = run_ray(stream, q.source, model, out, workers=workers, address=ray_address,
                            chunk_notes=chunk_notes, resume=resume, language=language,
                            reader_options=options, on_chunk=tick, skipped=skipped, force=force,
                            fingerprint=fingerprint)
        else:
            state = run_local(stream, q, reader, out, chunk_notes=chunk_notes, resume=resume, force=force,
                              fingerprint=fingerprint, language=language, on_chunk=tick, skipped=skipped,
                              workers=workers)
    result = {"out": out, "questionnaire": q.id, "concepts": len(q.concepts), "notes": state["notes_done"],
              "rows": state["rows"], "skipped": state["skipped"], "model": model, "engine": engine, "workers": workers,
              "notes_per_s_this_run": round(done["notes"] / done["seconds"], 3) if done["seconds"] else None}
    if fhir_out:
        from clinqa.cli.export import fhir_after_extract

        result["fhir"] = fhir_after_extract(out, fhir_out, notes, fmt, q.id, max_chars)
    if json_out:
        emit_json(result)
    else:
        stdout_console().print(f"{result['rows']} rows for {result['notes']} notes x {result['concepts']} concepts "
                               f"-> {out}" + (f"; {len(skipped)} notes skipped" if skipped else ""))


def report(
    table: Annotated[str, typer.Argument(help="Extraction table written by `clinqa extract`.")],
    html_out: Annotated[str, typer.Option("--html", help="Where to write the HTML report.")] = "report.html",
    notes: Annotated[Optional[str], typer.Option("--notes", "-n", help="The corpus, to show each note with its answers highlighted.")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="Force the corpus format.")] = None,
    max_notes: Annotated[int, typer.Option(help="Notes shown in the per-note view.")] = 50,
    text_column: Annotated[Optional[str], typer.Option(help=TEXT_COLUMN_HELP)] = None,
    id_column: Annotated[Optional[str], typer.Option(help=ID_COLUMN_HELP)] = None,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Render an extraction table as HTML: per-concept coverage and scores, highlighted notes."""
    from pathlib import Path

    from clinqa.data import read_notes
    from clinqa.errors import DataError
    from clinqa.extract.report import write_report

    if not Path(table).exists():
        raise DataError("file not found", source=table)
    texts = None
    if notes:
        texts = {}
        for n in read_notes(notes, fmt, skipped=[], text_column=text_column, id_column=id_column):
            if len(texts) >= max_notes * 20:
                break
            texts[n.id] = n.text
    result = write_report(table, html_out, texts, max_notes, corpus=notes)
    if json_out:
        emit_json(result)
    else:
        stdout_console().print(f"report for {result['notes']} notes x {result['concepts']} concepts -> {html_out}")
