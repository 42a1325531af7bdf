"""`clinqa export fhir|graph`: an extraction table as FHIR R4 resources or as an RDF graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from clinqa.cli._common import JSON_HELP, emit_json, stdout_console

app = typer.Typer(help="Export extraction tables: fhir (QuestionnaireResponse per note, Bundle or NDJSON), "
                       "graph (RDF: Turtle, N-Quads, JSON-LD).", no_args_is_help=True)

TABLES_HELP = "Extraction table(s) written by `clinqa extract`."
NOTES_HELP = ("The corpus the table was extracted from (same order): adds each note's text as a "
              "DocumentReference (FHIR) and its patient id (subject, SUBJECT_ID, patient_id).")


def corpus_opener(notes: Optional[str], fmt: Optional[str], max_chars: Optional[int] = None):
    if notes is None:
        return None
    from clinqa.data import read_notes
    from clinqa.data.checks import DEFAULT_MAX_CHARS
    from clinqa.errors import DataError

    if not Path(notes).exists():
        raise DataError("corpus not found", source=notes)
    return lambda: read_notes(notes, fmt, max_chars=max_chars or DEFAULT_MAX_CHARS, skipped=[])


def fhir_outputs(out: str, to: Optional[str]) -> tuple[str, Optional[str]]:
    """(Parquet path, FHIR NDJSON path or None) for `clinqa extract -o OUT [--to fhir]`: the
    Parquet is always written (it is what --resume continues), the NDJSON beside it."""
    from clinqa.errors import UsageError

    if to not in (None, "fhir", "parquet"):
        raise UsageError(f"--to must be fhir or parquet, got {to!r}")
    p = Path(out)
    if p.suffix.lower() == ".ndjson":
        if to == "parquet":
            raise UsageError(f"--to parquet with an .ndjson output {out!r}: name a .parquet file")
        return str(p.with_suffix(".parquet")), out
    return out, (str(p.with_suffix(".ndjson")) if to == "fhir" else None)


def fhir_after_extract(table: str, out: str, notes: str, fmt: Optional[str], questionnaire_id: str,
                       max_chars: Optional[int] = None) -> dict:
    from clinqa.export.fhir import write_fhir
    from clinqa.export.rows import iter_note_facts

    return write_fhir(iter_note_facts([table], corpus_opener(notes, fmt, max_chars)), out,
                      questionnaire_id=questionnaire_id)


@app.command("fhir")
def export_fhir(
    tables: Annotated[list[str], typer.Argument(help=TABLES_HELP)],
    out: Annotated[str, typer.Option("--out", "-o", help="OUT.ndjson (FHIR Bulk Data, one resource a line) or OUT.json (one Bundle).")],
    notes: Annotated[Optional[str], typer.Option("--notes", "-n", help=NOTES_HELP)] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="Force the corpus format.")] = None,
    questionnaire: Annotated[Optional[str], typer.Option("--questionnaire", "-q", help="The questionnaire used (id, YAML or FHIR JSON): names it in each QuestionnaireResponse.")] = None,
    resources: Annotated[str, typer.Option(help="Also write these for coded answers: 'all' or a comma list of Condition, MedicationStatement, AllergyIntolerance, Observation.")] = "QuestionnaireResponse",
    per_note: Annotated[bool, typer.Option("--per-note", help="With .ndjson: one Bundle per note per line instead of one resource per line.")] = False,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """A QuestionnaireResponse per note (answers with offsets, score and assertion as extensions)."""
    from clinqa.export.fhir import parse_resources, write_fhir
    from clinqa.export.rows import iter_note_facts
    from clinqa.questionnaire import load_questionnaire

    qid = load_questionnaire(questionnaire).id if questionnaire else None
    result = write_fhir(iter_note_facts(tables, corpus_opener(notes, fmt)), out, questionnaire_id=qid,
                        resources=parse_resources(resources), per_note=per_note)
    if json_out:
        emit_json(result)
    else:
        counts = ", ".join(f"{n} {t}" for t, n in result["resources"].items())
        stdout_console().print(f"{result['notes']} notes -> {out} ({counts or 'nothing'})")


@app.command("graph")
def export_graph(
    tables: Annotated[list[str], typer.Argument(help=TABLES_HELP)],
    to: Annotated[Optional[str], typer.Option("--to", help="ttl, nq or jsonld (default: from --out, else nq).")] = None,
    out: Annotated[Optional[str], typer.Option("--out", "-o", help="Output file (default: the first table with the format's suffix).")] = None,
    notes: Annotated[Optional[str], typer.Option("--notes", "-n", help=NOTES_HELP)] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="Force the corpus format.")] = None,
    base: Annotated[str, typer.Option(help="IRI prefix for notes, patients, facts and runs.")] = "urn:clinqa:",
    icd_hierarchy: Annotated[bool, typer.Option("--icd-hierarchy/--no-icd-hierarchy", help="State each ICD-10-CM code's block and chapter.")] = True,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Notes, patients, facts, linked ICD-10-CM and drug concepts, and the provenance of every fact."""
    from clinqa.errors import UsageError
    from clinqa.export.graph import FORMATS, SUFFIX_FORMAT, GraphOptions, write_graph
    from clinqa.export.rows import iter_note_facts

    if to is not None and to not in FORMATS:
        raise UsageError(f"--to must be one of {', '.join(FORMATS)}, got {to!r}")
    implied = SUFFIX_FORMAT.get(Path(out).suffix.lower()) if out else None
    if to is not None and implied is not None and implied != to:
        # `graph load` reads the syntax from the suffix: Turtle in g.nq could never be loaded back
        raise UsageError(f"--to {to} does not match the output {out!r}, whose suffix means {implied}; name the "
                         f"output *.{to} or pass --to {implied}")
    to = to or implied or "nq"
    out = out or str(Path(tables[0]).with_suffix("." + to))
    result = write_graph(iter_note_facts(tables, corpus_opener(notes, fmt)), out, to,
                         options=GraphOptions(base=base, icd_hierarchy=icd_hierarchy))
    if json_out:
        emit_json(result)
    else:
        stdout_console().print(f"{result.get('notes', 0)} notes, {result.get('facts', 0)} facts, "
                               f"{result.get('quads', 0)} statements -> {out}")


@app.command("questionnaire")
def export_questionnaire(
    questionnaire: Annotated[str, typer.Argument(help="A questionnaire: shipped id, YAML or FHIR JSON.")],
    out: Annotated[str, typer.Option("--out", "-o", help="Where to write the FHIR R4 Questionnaire JSON.")],
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """A questionnaire as a FHIR R4 Questionnaire (`clinqa extract -q` reads it back unchanged)."""
    import json

    from clinqa.data.atomic import atomic_text
    from clinqa.questionnaire import load_questionnaire
    from clinqa.questionnaire.fhir import to_fhir_questionnaire

    q = load_questionnaire(questionnaire)
    with atomic_text(out) as f:  # whole or absent, one writer at a time; write errors name `out`
        f.write(json.dumps(to_fhir_questionnaire(q), indent=2, ensure_ascii=False) + "\n")
    result = {"out": out, "questionnaire": q.id, "items": len(q.concepts)}
    if json_out:
        emit_json(result)
    else:
        stdout_console().print(f"{q.id}: {len(q.concepts)} items -> {out}")
