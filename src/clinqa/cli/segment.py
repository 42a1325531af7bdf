"""`clinqa segment`: a note's sentences with offsets, sections and kinds."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from clinqa.cli._common import ID_COLUMN_HELP, JSON_HELP, TEXT_COLUMN_HELP, emit_json, load_note, status, stdout_console


def segment_cmd(
    note: Annotated[str, typer.Option("--note", "-n", help="Note file, or - for stdin.")],
    note_id: Annotated[Optional[str], typer.Option(help="Which note of a collection file.")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="Force the note file format.")] = None,
    text_column: Annotated[Optional[str], typer.Option(help=TEXT_COLUMN_HELP)] = None,
    id_column: Annotated[Optional[str], typer.Option(help=ID_COLUMN_HELP)] = None,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Split a note into numbered sentences with character offsets and sections."""
    from clinqa.text import segment

    n = load_note(note, note_id, fmt, text_column=text_column, id_column=id_column)
    with status("segmenting"):
        sentences = segment(n.text, n.id)
    if json_out:
        emit_json({"note_id": n.id, "sentences": sentences})
        return
    from rich.table import Table

    table = Table("id", "start", "end", "section", "kind", "text")
    for s in sentences:
        table.add_row(s.id, str(s.start), str(s.end), s.section or "", s.kind, s.text)
    stdout_console().print(table)
