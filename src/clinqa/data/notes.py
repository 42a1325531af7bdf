"""Note collections: a .txt file or a folder of them, CSV/JSONL/Parquet tables with a text
column, MIMIC-III NOTEEVENTS.csv, and FHIR R4 DocumentReference/Bundle JSON. All streamed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from clinqa.data._io import choose_column, existing, iter_table, table_columns, text_cell, write_table
from clinqa.errors import DataError
from clinqa.data.checks import DEFAULT_MAX_CHARS, check_note_text, read_text_file
from clinqa.types import Note

TEXT_COLUMNS = ("text", "TEXT", "note", "note_text", "content", "body")
ID_COLUMNS = ("id", "note_id", "ROW_ID", "document_id", "uid")
NOTEEVENTS_COLUMNS = (
    "ROW_ID", "SUBJECT_ID", "HADM_ID", "CHARTDATE", "CHARTTIME", "STORETIME",
    "CATEGORY", "DESCRIPTION", "CGID", "ISERROR", "TEXT",
)
FORMATS = ("txt", "dir", "csv", "jsonl", "parquet", "noteevents", "fhir")


def detect_format(path: Path) -> str:
    if path.is_dir():
        return "dir"
    suffix = path.suffix.lower()
    if suffix in (".txt", ".text", ".md"):
        return "txt"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    if suffix == ".json":
        return "fhir"
    if suffix in (".csv", ".tsv"):
        with open(path, encoding="utf-8", errors="replace") as f:
            header = f.readline()
        return "noteevents" if "ROW_ID" in header and "TEXT" in header and "CATEGORY" in header else "csv"
    raise DataError(
        f"cannot tell the format from {suffix or 'no extension'!r}; expected one of "
        ".txt, a folder, .csv, .jsonl, .parquet, .json (FHIR); or pass --format",
        source=str(path),
    )


def read_notes(
    path: str | Path,
    fmt: str | None = None,
    *,
    text_column: str | None = None,
    id_column: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    skipped: list[str] | None = None,
    dedupe: str | None = None,
) -> Iterator[Note]:
    """Stream notes from any supported collection.

    With `skipped` given, unusable rows (empty text, wrong types) are reported there as
    "source (where): reason" and reading goes on; without it the first one raises.
    `dedupe`: None reads ids as they are; "error" raises on a note id seen before (naming both
    places); "first" keeps the first note of an id and reports the others in `skipped`.
    """
    if dedupe not in (None, "error", "first"):
        raise DataError(f"unknown dedupe mode {dedupe!r}; expected first or error", source=str(path))
    stream = _located(path, fmt, text_column, id_column, max_chars, skipped)
    if dedupe is None:
        for _, note in stream:
            yield note
        return
    seen: dict[str, str] = {}
    for where, note in stream:
        if note.id in seen:
            msg = f"note id {note.id!r} appears twice: {seen[note.id]} and {where}"
            if dedupe == "error":
                raise DataError(msg + " (pass --dedupe first to keep the first one)", source=str(path))
            if skipped is not None:
                skipped.append(f"{path} ({where}): duplicate of {seen[note.id]}, skipped")
            continue
        seen[note.id] = where
        yield note


def _located(path, fmt, text_column, id_column, max_chars, skipped) -> Iterator[tuple[str, Note]]:
    """(where, note) pairs: a line, row, file or resource, for messages about a note."""
    p = existing(path)
    fmt = fmt or detect_format(p)
    if fmt not in FORMATS:
        raise DataError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}", source=str(p))
    if fmt == "txt":
        yield str(p), Note(id=p.stem, text=read_text_file(p, max_chars=max_chars), metadata={"path": str(p)})
    elif fmt == "dir":
        for f in sorted(p.rglob("*.txt")):
            try:
                yield str(f), Note(id=str(f.relative_to(p).with_suffix("")), text=read_text_file(f, max_chars=max_chars),
                                   metadata={"path": str(f)})
            except DataError as exc:
                _skip_or_raise(exc, skipped)
    elif fmt == "fhir":
        from clinqa.data.fhir import read_fhir

        for k, note in enumerate(read_fhir(p, max_chars=max_chars), start=1):
            yield f"resource {k}", note
    elif fmt == "noteevents":
        yield from _noteevents(p, max_chars=max_chars, skipped=skipped)
    else:
        yield from _read_table(p, text_column, id_column, max_chars, skipped)


def _read_table(p, text_column, id_column, max_chars, skipped) -> Iterator[tuple[str, Note]]:
    cols, rows = table_columns(p)
    if not cols:
        return
    tcol = choose_column(cols, text_column, TEXT_COLUMNS, what="text", option="--text-column", source=str(p))
    icol = id_column or next((c for c in ID_COLUMNS if c in cols), None)
    if id_column and id_column not in cols:
        raise DataError(f"no id column {id_column!r}; found {', '.join(cols)}", source=str(p))
    for n, (where, row) in enumerate(rows, start=1):
        try:
            text = check_note_text(text_cell(row.get(tcol), source=str(p), where=where, column=tcol),
                                   source=f"{p} ({where})", max_chars=max_chars)
        except DataError as exc:
            _skip_or_raise(exc, skipped)
            continue
        nid = str(row[icol]) if icol and row.get(icol) not in (None, "") else str(n)
        meta = {k: v for k, v in row.items() if k not in (tcol,)}
        yield where, Note(id=nid, text=text, metadata=meta)


def read_noteevents(path: str | Path, *, categories: Iterable[str] | None = None, include_errors: bool = False,
                    max_chars: int = DEFAULT_MAX_CHARS, skipped: list[str] | None = None) -> Iterator[Note]:
    """MIMIC-III NOTEEVENTS.csv; rows flagged ISERROR=1 are left out unless asked for."""
    for _, note in _noteevents(path, categories=categories, include_errors=include_errors, max_chars=max_chars,
                               skipped=skipped):
        yield note


def _noteevents(path, *, categories=None, include_errors=False, max_chars=DEFAULT_MAX_CHARS,
                skipped=None) -> Iterator[tuple[str, Note]]:
    p = existing(path)
    wanted = {c.strip().lower() for c in categories} if categories else None
    for where, row in iter_table(p, required=NOTEEVENTS_COLUMNS):
        if not include_errors and str(row.get("ISERROR", "")).strip() == "1":
            continue
        if wanted and str(row["CATEGORY"]).strip().lower() not in wanted:
            continue
        try:
            text = check_note_text(text_cell(row["TEXT"], source=str(p), where=where, column="TEXT"),
                                   source=f"{p} ({where})", max_chars=max_chars)
        except DataError as exc:
            _skip_or_raise(exc, skipped)
            continue
        meta = {k: row[k] for k in NOTEEVENTS_COLUMNS if k not in ("TEXT",)}
        yield where, Note(id=str(row["ROW_ID"]), text=text, metadata=meta)


def write_notes(notes: Iterable[Note], path: str | Path, fmt: str | None = None) -> None:
    """Write a collection as a folder of .txt, CSV, JSONL, Parquet or NOTEEVENTS CSV."""
    p = Path(path)
    fmt = fmt or ("dir" if not p.suffix else {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet"}.get(p.suffix.lower(), ""))
    if fmt == "dir":
        p.mkdir(parents=True, exist_ok=True)
        for note in notes:
            (p / f"{note.id}.txt").write_text(note.text, encoding="utf-8", newline="")
        return
    if fmt == "noteevents":
        rows = [{**{c: note.metadata.get(c, "") for c in NOTEEVENTS_COLUMNS}, "ROW_ID": note.id, "TEXT": note.text}
                for note in notes]
        write_table(rows, p)
        return
    if fmt not in ("csv", "jsonl", "parquet"):
        raise DataError(f"cannot write notes as {fmt!r}; expected dir, csv, jsonl, parquet or noteevents", source=str(p))
    rows = [{"id": n.id, "text": n.text, **{k: v for k, v in n.metadata.items() if k not in ("id", "text")}} for n in notes]
    write_table(rows, p)


def _skip_or_raise(exc: DataError, skipped: list[str] | None) -> None:
    if skipped is None:
        raise exc
    skipped.append(str(exc))
