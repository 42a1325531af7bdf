"""`clinqa synth notes|qa|spans`: synthetic clinical notes, emrQA-style questions from any note
collection, and span-selection pretraining questions from unlabeled text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from clinqa.cli._common import JSON_HELP, emit_json, stderr_console, stdout_console
from clinqa.errors import DataError, UsageError

app = typer.Typer(help="Training data: synthetic notes, emrQA-style questions, span-selection pretraining.",
                  no_args_is_help=True)


def _notes(paths: list[str], fmt: Optional[str], text_column: Optional[str], radiology: list[str],
           squad: list[str]):
    """Every note of every source, streamed: note collections, radiology tables as
    "FINDINGS: ... IMPRESSION: ..." reports, and the contexts of SQuAD files (one per article)."""
    from clinqa.data import read_notes
    from clinqa.types import Note

    for p in paths:
        if not Path(p).exists():
            raise DataError("file or folder not found", source=p)
        yield from read_notes(p, fmt, text_column=text_column)
    for spec in radiology:
        from clinqa.data.radiology import read_pairs_spec

        for pair in read_pairs_spec(spec):
            text = f"FINDINGS:\n{pair.findings}"
            if pair.impression:
                text += f"\n\nIMPRESSION:\n{pair.impression}"
            yield Note(id=f"rad-{pair.id}", text=text, metadata={"style": "radiology"})
    for spec in squad:
        from clinqa.data.splits import read_qa_spec

        seen = set()
        for ex in read_qa_spec(spec):
            if ex.note.id not in seen:
                seen.add(ex.note.id)
                yield ex.note


def _check_sources(notes: list[str] | None, radiology: list[str] | None, squad: list[str] | None = None) -> None:
    if not (notes or radiology or squad):
        raise UsageError("no input: pass --notes CORPUS (and/or --radiology TABLE or TABLE#part"
                         + (", --squad FILE or FILE#part" if squad is not None else "") + ")")


def _check_out(out: str, suffix: str) -> Path:
    p = Path(out)
    if p.suffix.lower() != suffix:
        raise UsageError(f"--out must end in {suffix}, got {out!r}")
    _make_parent(p)
    return p


def _make_parent(p: Path) -> None:
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(f"cannot write here: {exc.strerror or exc}", source=str(p)) from None


@app.command("notes")
def notes_cmd(
    out: Annotated[str, typer.Option("--out", "-o", help="A folder (one .txt per note), .jsonl, .csv or .parquet.")],
    count: Annotated[int, typer.Option("--count", "-n", help="How many notes.")] = 200,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same notes.")] = 13,
    styles: Annotated[str, typer.Option(help="Comma-separated: discharge, progress, ed, radiology.")] = "discharge,progress,ed,radiology",
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Write realistic synthetic clinical notes (varied layouts, abbreviations, de-identification
    placeholders, values), seeded and reproducible."""
    from clinqa.data import write_notes
    from clinqa.synth.notes import generate_notes

    if count < 1:
        raise UsageError("--count must be >= 1")
    notes = list(generate_notes(count, seed=seed, styles=tuple(s.strip() for s in styles.split(",") if s.strip())))
    _make_parent(Path(out))
    write_notes(notes, out)
    by_style: dict[str, int] = {}
    for n in notes:
        by_style[n.metadata["style"]] = by_style.get(n.metadata["style"], 0) + 1
    summary = {"out": out, "notes": len(notes), "by_style": by_style, "seed": seed}
    emit_json(summary) if json_out else stdout_console().print(json.dumps(summary, indent=2))


@app.command("qa")
def qa_cmd(
    out: Annotated[str, typer.Option("--out", "-o", help="SQuAD v2.0 JSON to write (.json).")],
    notes: Annotated[Optional[list[str]], typer.Option("--notes", "-n", help="Note collection: .txt file or folder, .csv, .jsonl, .parquet, MIMIC-III NOTEEVENTS.csv, FHIR .json. Repeatable.")] = None,
    radiology: Annotated[Optional[list[str]], typer.Option("--radiology", help="Radiology table (Indiana CSV or prompt/impressions) as FILE or FILE#part. Repeatable.")] = None,
    templates: Annotated[Optional[str], typer.Option("--templates", help="YAML question templates (default: the packaged emrQA-style set).")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="Force the notes format.")] = None,
    text_column: Annotated[Optional[str], typer.Option(help="Text column of a table.")] = None,
    seed: Annotated[int, typer.Option(help="Random seed (paraphrase choice, sampling).")] = 13,
    unanswerable: Annotated[float, typer.Option(help="Target fraction of unanswerable questions.")] = 0.2,
    paraphrases: Annotated[int, typer.Option(help="Questions per (entity, template), each a different paraphrase.")] = 1,
    max_per_template: Annotated[int, typer.Option(help="At most this many questions of one template per note.")] = 3,
    max_notes: Annotated[Optional[int], typer.Option(help="Stop after this many notes.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """emrQA-style questions with answers, gold categories, answer types and unanswerable
    questions, filled from what clinqa finds in each note (drugs, problems, labs, procedures)."""
    from clinqa.synth.qa import QuestionSynthesizer, load_templates, synthesize, write_synth_squad

    _check_sources(notes, radiology)
    path = _check_out(out, ".json")
    syn = QuestionSynthesizer(load_templates(templates), seed=seed, unanswerable_fraction=unanswerable,
                              paraphrases=paraphrases, max_per_template=max_per_template)
    console = stderr_console()
    questions = []
    for q in synthesize(_notes(notes or [], fmt, text_column, radiology or [], []), syn, max_notes=max_notes):
        questions.append(q)
        if syn.stats.notes % 100 == 0 and console.is_terminal:
            console.print(f"{syn.stats.notes} notes, {len(questions)} questions", end="\r")
    if not questions:
        raise DataError("no questions: the notes hold no drug, problem, lab or procedure clinqa recognises",
                        source=", ".join([*(notes or []), *(radiology or [])]))
    write_synth_squad(questions, path)
    examples = [{"question": q.example.question, "answers": [a.text for a in q.example.answers],
                 "is_impossible": q.example.is_impossible, **q.extra} for q in questions[:8]]
    summary = {"out": str(path), **syn.stats.as_dict(), "examples": examples}
    emit_json(summary) if json_out else stdout_console().print(json.dumps(summary, indent=2))


@app.command("spans")
def spans_cmd(
    out: Annotated[str, typer.Option("--out", "-o", help="SQuAD v2.0 JSON to write (.json).")],
    notes: Annotated[Optional[list[str]], typer.Option("--notes", "-n", help="Note collection (as for `synth qa`). Repeatable.")] = None,
    radiology: Annotated[Optional[list[str]], typer.Option("--radiology", help="Radiology table FILE or FILE#part. Repeatable.")] = None,
    squad: Annotated[Optional[list[str]], typer.Option("--squad", help="SQuAD file FILE or FILE#part: its contexts, not its questions. Repeatable.")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="Force the notes format.")] = None,
    text_column: Annotated[Optional[str], typer.Option(help="Text column of a table.")] = None,
    per_note: Annotated[int, typer.Option(help="Questions per note (recurring spans, longest first).")] = 8,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 13,
    max_notes: Annotated[Optional[int], typer.Option(help="Stop after this many notes.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Recurring-span (Splinter) cloze questions from unlabeled text, as SQuAD v2 for
    `clinqa train qa --tasks span` before fine-tuning."""
    from clinqa.data import write_squad
    from clinqa.synth.spans import SpanQuestionBuilder, build_span_questions

    _check_sources(notes, radiology, squad or [])
    if per_note < 1:
        raise UsageError("--per-note must be >= 1")
    path = _check_out(out, ".json")
    builder = SpanQuestionBuilder(seed=seed, per_note=per_note)
    qs = list(build_span_questions(_notes(notes or [], fmt, text_column, radiology or [], squad or []), builder,
                                   max_notes=max_notes))
    if not qs:
        raise DataError("no recurring spans found: the texts are too short or too few", source="synth spans")
    write_squad((q.example for q in qs), path, version="v2.0")
    examples = [{"question": q.example.question, "answer": q.example.answers[0].text} for q in qs[:5]]
    summary = {"out": str(path), "questions": len(qs), "notes": len({q.example.note.metadata["source"] for q in qs}),
               "examples": examples}
    emit_json(summary) if json_out else stdout_console().print(json.dumps(summary, indent=2))
