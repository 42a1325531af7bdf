"""Output and input helpers shared by commands: one JSON document on stdout with --json,
logs and progress on stderr."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Any

from clinqa.errors import DataError, UsageError
from clinqa.types import Note, to_jsonable

JSON_HELP = "Print one JSON document on stdout (logs and progress go to stderr)."
WINDOW_TOKENS_HELP = ("Window length in tokens (stride a quarter of it; default: the model folder's "
                      "clinqa_reading.json, chosen by benchmarks/reader_sweep.py, else the model's own).")
WINDOW_TOP_N_HELP = ("Read only the N windows ranked highest for the question; 0 reads every window "
                     "(default: the model folder's clinqa_reading.json, else every window).")
TEXT_COLUMN_HELP = "Table input (CSV/JSONL/Parquet): the column holding the note text (default: text/note/TEXT/...)."
ID_COLUMN_HELP = "Table input: the column holding the note id (default: id/note_id/ROW_ID/..., else the row number)."
LEXICON_HELP = ("Your lexicon YAML (local lab names, ward abbreviations, units, drug classes...), added to the "
                "shipped one; repeatable. Default: $CLINQA_LEXICON. See README 'Vocabularies'.")


def use_lexicon(paths: list[str] | None) -> None:
    """Extend the lexicon with the user's files before anything reads it (a bad file exits 2,
    naming the file and line)."""
    if paths:
        from clinqa.lexicon import use_lexicon as use

        use(*paths)


def emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(to_jsonable(obj), ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def stdout_console():
    from rich.console import Console

    return Console()


@contextlib.contextmanager
def status(message: str):
    """A spinner on stderr (only when stderr is a terminal) for steps that take seconds."""
    console = stderr_console()
    if console.is_terminal:
        with console.status(message):
            yield
    else:
        yield


def load_note(path: str, note_id: str | None = None, fmt: str | None = None, max_chars: int | None = None, *,
              text_column: str | None = None, id_column: str | None = None) -> Note:
    """One note from a file (any collection format) or "-" for stdin."""
    from clinqa.data import read_notes
    from clinqa.data.checks import check_note_text, decode_bytes, max_chars_setting

    limit = max_chars or max_chars_setting()
    if path == "-":
        text = decode_bytes(sys.stdin.buffer.read(), "<stdin>")
        return Note(id="stdin", text=check_note_text(text, source="<stdin>", max_chars=limit))
    p = Path(path)
    if not p.exists():
        raise DataError("file not found", source=str(p))
    notes = read_notes(p, fmt, max_chars=limit, text_column=text_column, id_column=id_column)
    if note_id is None:
        note = next(notes, None)
        if note is None:
            raise DataError("holds no notes", source=str(p))
        return note
    for note in notes:
        if note.id == note_id:
            return note
    raise UsageError(f"{p}: no note with id {note_id!r}")


def check_question(question: str) -> str:
    if not question or not question.strip():
        raise UsageError("question is empty; pass it as the last argument, in quotes")
    if len(question) > 2000:
        raise UsageError(f"question has {len(question)} characters; the limit is 2000")
    return question.strip()
