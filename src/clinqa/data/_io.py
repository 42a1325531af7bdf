"""Shared helpers for readers: opening files, streaming JSON, clear errors."""

from __future__ import annotations

import itertools

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from clinqa.errors import DataError

# json's decoder recurses: a document nested thousands deep (a fuzzer's, or a hostile one) raises
# RecursionError, an input fault like any other.
NESTED = "JSON nested too deeply to read (thousands of levels); is this the file you meant?"
# Clinical CSV cells (MIMIC TEXT) are far above csv's default 128 KiB field limit.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def reason(exc: BaseException) -> str:
    """A library's error as one line for a DataError: parsers (pyarrow, ijson) add lines of
    context and markers, and clinqa's errors are one line on stderr."""
    msg = exc.args[0] if len(exc.args) == 1 else str(exc)
    if isinstance(msg, bytes):  # ijson's C backend reports in bytes, with the bad input quoted
        msg = msg.decode("utf-8", "replace")
    lines = [ln.strip() for ln in str(msg).splitlines() if ln.strip()]
    if not lines:
        return type(exc).__name__
    # bytes of the damaged input can be quoted in the message: escaped, never sent to a terminal raw
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in lines[0])


def existing(path: str | Path) -> Path:
    p = Path(path)
    if not p.exists():
        raise DataError("file not found", source=str(p))
    return p


def read_yaml_mapping(path: str | Path, *, missing: str, invalid: str, mapping: str) -> dict[str, Any]:
    """The YAML mapping in a user's file, or a DataError naming the file: `missing` when it is not a
    file, "`invalid`: <first line of the parser's message>", `mapping` when the
    document is not a mapping. An empty file is an empty mapping."""
    import yaml

    p = Path(path)
    if not p.is_file():
        raise DataError(missing, source=str(p))
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise DataError(f"{invalid}: {str(exc).splitlines()[0]}", source=str(p)) from exc
    except UnicodeDecodeError as exc:
        raise DataError(f"{invalid}: not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}); "
                        "is this a binary file?", source=str(p)) from None
    except RecursionError:
        raise DataError(f"{invalid}: nested too deeply to read", source=str(p)) from None
    if not isinstance(data, dict):
        raise DataError(mapping, source=str(p))
    return data


def iter_json_items(path: Path, prefix: str) -> Iterator[Any]:
    """Stream the items under `prefix` (ijson syntax, e.g. "data.item") of a JSON file."""
    import ijson

    with open(path, "rb") as f:
        try:
            # use_float keeps numbers as int/float instead of Decimal
            yield from ijson.items(f, prefix, use_float=True)
        except ijson.JSONError as exc:
            raise DataError(f"malformed JSON: {reason(exc)}", source=str(path)) from None
        except UnicodeDecodeError as exc:
            raise DataError(f"not valid UTF-8: {exc.reason}", source=str(path)) from None
        except RecursionError:
            raise DataError(NESTED, source=str(path)) from None


def load_json(path: Path) -> Any:
    """Whole-file JSON for small files (submissions, keys, FHIR resources)."""
    try:
        return json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise DataError(f"not valid UTF-8 (offset {exc.start})", source=str(path)) from None
    except json.JSONDecodeError as exc:
        raise DataError(
            f"malformed JSON: {exc.msg}", source=str(path), where=f"line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise DataError(NESTED, source=str(path)) from None


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, start=1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                raise DataError(f"not valid UTF-8 (byte {exc.start})", source=str(path), where=f"line {lineno}") from None
            except json.JSONDecodeError as exc:
                raise DataError(f"malformed JSON: {exc.msg}", source=str(path), where=f"line {lineno}") from None
            except RecursionError:
                raise DataError(NESTED, source=str(path), where=f"line {lineno}") from None
            if not isinstance(obj, dict):
                raise DataError(f"expected a JSON object, got {type(obj).__name__}", source=str(path), where=f"line {lineno}")
            yield lineno, obj


def iter_csv(path: Path, required: tuple[str, ...] = ()) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows as dicts with their line number; checks the header for `required` columns."""
    with open(path, newline="", encoding="utf-8-sig", errors="strict") as f:
        reader = csv.DictReader(f)
        try:
            header = reader.fieldnames or []
        except UnicodeDecodeError as exc:
            raise DataError(f"not valid UTF-8 (byte {exc.start})", source=str(path), where="header") from None
        except csv.Error as exc:
            raise DataError(f"malformed CSV: {exc}", source=str(path), where="header") from None
        missing = [c for c in required if c not in header]
        if missing:
            raise DataError(
                f"missing column(s) {', '.join(missing)}; found {', '.join(header) or 'no header'}",
                source=str(path),
                where="line 1",
            )
        try:
            for row in reader:
                if None in row:
                    raise DataError(
                        f"row has {len(header) + len(row[None])} fields, header has {len(header)}",
                        source=str(path),
                        where=f"line {reader.line_num}",
                    )
                yield reader.line_num, row
        except UnicodeDecodeError as exc:
            raise DataError(f"not valid UTF-8 (byte {exc.start})", source=str(path), where=f"after line {reader.line_num}") from None
        except csv.Error as exc:
            raise DataError(f"malformed CSV: {exc}", source=str(path), where=f"line {reader.line_num}") from None


def iter_parquet(path: Path, columns: tuple[str, ...] | None = None, required: tuple[str, ...] = ()) -> Iterator[tuple[int, dict]]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a bad file
        raise DataError(f"not a readable Parquet file: {reason(exc)}", source=str(path)) from None
    names = pf.schema_arrow.names
    missing = [c for c in required if c not in names]
    if missing:
        raise DataError(
            f"missing column(s) {', '.join(missing)}; found {', '.join(names)}", source=str(path)
        )
    row = 0
    batches = pf.iter_batches(batch_size=1024, columns=list(columns) if columns else None)
    while True:
        # The footer can be whole while a data page is not (a truncated copy, a bad disk block):
        # that surfaces here, mid-stream, as one of several pyarrow types; it is the file's fault.
        try:
            batch = next(batches, None)
        except Exception as exc:
            raise DataError(f"corrupt Parquet data after row {row}: {reason(exc)}; "
                            "the file is damaged or truncated: copy or write it again", source=str(path)) from None
        if batch is None:
            return
        for rec in batch.to_pylist():
            row += 1
            yield row, rec


def table_columns(path: Path) -> tuple[list[str], Iterator[tuple[str, dict]]]:
    """The first row's columns and an iterator over all rows (the first included); no
    columns and an empty iterator for an empty table."""
    rows = iter_table(path)
    first = next(rows, None)
    if first is None:
        return [], iter(())
    return list(first[1]), itertools.chain([first], rows)


def choose_column(cols: list[str], given: str | None, candidates: tuple[str, ...], *, what: str, option: str,
                  source: str) -> str:
    """`given` if the table has it, else the first of `candidates` it has; else a DataError
    naming what was expected, what was found and the option that picks a column."""
    name = given or next((c for c in candidates if c in cols), None)
    if name is None or name not in cols:
        want = repr(given) if given else "one of " + ", ".join(candidates)
        raise DataError(f"no {what} column: expected {want}; found {', '.join(cols)} (use {option})", source=source)
    return name


def iter_table(path: Path, required: tuple[str, ...] = ()) -> Iterator[tuple[str, dict]]:
    """Rows of a CSV, JSONL or Parquet file, each with a location string for errors."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        for line, row in iter_csv(path, required):
            yield f"line {line}", row
    elif suffix in (".jsonl", ".ndjson"):
        for line, row in iter_jsonl(path):
            missing = [c for c in required if c not in row]
            if missing:
                raise DataError(f"missing key(s) {', '.join(missing)}", source=str(path), where=f"line {line}")
            yield f"line {line}", row
    elif suffix in (".parquet", ".pq"):
        for i, row in iter_parquet(path, required=required):
            yield f"row {i}", row
    else:
        raise DataError(f"unknown table format {suffix!r}; expected .csv, .jsonl or .parquet", source=str(path))


def write_table(rows: list[dict], path: Path) -> None:
    """Write dict rows as CSV, JSONL or Parquet by extension, under a temporary name renamed when
    complete (clinqa.data.atomic): a crash never leaves a truncated table that looks finished."""
    from clinqa.data.atomic import atomic_path

    suffix = path.suffix.lower()
    if suffix not in (".csv", ".jsonl", ".ndjson", ".parquet", ".pq"):
        raise DataError(f"unknown table format {suffix!r}; expected .csv, .jsonl or .parquet", source=str(path))
    with atomic_path(path, lock=False) as tmp:
        try:
            if suffix == ".csv":
                cols = list(dict.fromkeys(k for r in rows for k in r))
                with open(tmp, "w", newline="", encoding="utf-8") as f:
                    w = csv.DictWriter(f, fieldnames=cols)
                    w.writeheader()
                    w.writerows(rows)
            elif suffix in (".jsonl", ".ndjson"):
                with open(tmp, "w", encoding="utf-8") as f:
                    for r in rows:
                        f.write(json.dumps(r, ensure_ascii=False) + "\n")
            else:
                import pyarrow as pa
                import pyarrow.parquet as pq

                pq.write_table(pa.Table.from_pylist(rows), tmp)
        except OSError as exc:
            raise DataError(f"cannot write: {exc.strerror or exc}", source=str(path)) from None


def text_cell(value: Any, *, source: str, where: str, column: str, allow_empty: bool = False) -> str:
    """A cell that must hold text; numbers, NaN and nulls are errors, not silently cast."""
    if value is None or (isinstance(value, float) and value != value):
        if allow_empty:
            return ""
        raise DataError(f"column {column!r} is empty", source=source, where=where)
    if not isinstance(value, str):
        raise DataError(f"column {column!r} holds {type(value).__name__}, expected text", source=source, where=where)
    if not allow_empty and not value.strip():
        raise DataError(f"column {column!r} is empty", source=source, where=where)
    return value
