"""`clinqa parse`: a note read into its clinical document (kind, sections, lists, tables, trends,
measurements with their time, events), with the medication reconciliation and the trends."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from clinqa.cli._common import ID_COLUMN_HELP, JSON_HELP, TEXT_COLUMN_HELP, emit_json, load_note, status, stdout_console


def parse_cmd(
    note: Annotated[str, typer.Option("--note", "-n", help="Note file, or - for stdin.")],
    note_id: Annotated[Optional[str], typer.Option(help="Which note of a collection file.")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="Force the note file format.")] = None,
    text_column: Annotated[Optional[str], typer.Option(help=TEXT_COLUMN_HELP)] = None,
    id_column: Annotated[Optional[str], typer.Option(help=ID_COLUMN_HELP)] = None,
    lexicon_file: Annotated[Optional[list[str]], typer.Option(
        "--lexicon", help="A lexicon file extending the shipped vocabularies (repeatable).")] = None,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Read a note into its clinical document: kind, sections, blocks, measurements with their
    time, medication/procedure/smoking events, the medication reconciliation and lab/vital trends,
    every item with character offsets."""
    if lexicon_file:
        from clinqa.lexicon import use_lexicon

        use_lexicon(*lexicon_file)
    from clinqa.document import parse_document
    from clinqa.document.views import medication_reconciliation, trends

    n = load_note(note, note_id, fmt, text_column=text_column, id_column=id_column)
    with status("reading the note"):
        doc = parse_document(n.text, n.id)
        rec = medication_reconciliation(doc)
        trs = trends(doc)
    if json_out:
        from clinqa.document.views import parse_payload

        emit_json(parse_payload(n.text, n.id))  # the same document as POST /v1/parse
        return
    from rich.table import Table

    con = stdout_console()
    con.print(f"[bold]{n.id}[/bold]: {doc.kind.replace('_', ' ')} ({doc.kind_reason})")
    t = Table("section", "title", "start", "end", title="Sections")
    for s in doc.sections:
        t.add_row(s.category or "", s.title or "", str(s.start), str(s.end))
    con.print(t)
    t = Table("drug", "status", "admission", "discharge", "reason", "events", title="Medication reconciliation")
    for r in rec:
        t.add_row(r.drug, r.status, r.admission[0] if r.admission else "", r.discharge[0] if r.discharge else "",
                  r.reason or "", "; ".join(f"{e.action} ({e.cue}) @{e.cue_start}" for e in r.events))
    con.print(t)
    t = Table("measure", "values (when)", "ordered by", title="Trends")
    for tr in trs:
        t.add_row(tr.name, " -> ".join(f"{m.value}" + (f" ({m.when})" if m.when else "") for m in tr.values),
                  tr.ordered_by)
    con.print(t)
    t = Table("kind", "action", "subject", "cue", "reason", "status", "start", title="Events")
    for e in doc.events:
        t.add_row(e.kind, e.action, e.subject, e.cue, e.reason or "", e.status, str(e.subject_start))
    con.print(t)
