"""Radiology summarization data: the `prompt`/`impressions` layout (MIMIC-III radiology
splits, CSV/JSONL/Parquet) and the Indiana University chest X-ray reports CSV."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from clinqa.data._io import choose_column, existing, table_columns, text_cell, write_table
from clinqa.errors import DataError
from clinqa.types import SummaryPair

INDIANA_COLUMNS = ("uid", "findings", "impression")
SPLITS = ("train", "validation", "test")


def read_pairs(path: str | Path, *, skipped: list[str] | None = None) -> Iterator[SummaryPair]:
    """Findings -> impression pairs from either layout (told apart by the header).

    Indiana rows without findings or impression are not pairs and are left out silently;
    rows whose cells are not text are errors (or reported in `skipped`).
    """
    p = existing(path)
    columns, rows = table_columns(p)
    if not columns:
        return
    cols = set(columns)
    if {"prompt", "impressions"} <= cols:
        fcol, icol, idcol, indiana = "prompt", "impressions", None, False
    elif set(INDIANA_COLUMNS) <= cols:
        fcol, icol, idcol, indiana = "findings", "impression", "uid", True
    else:
        raise DataError(
            "expected columns prompt,impressions (radiology layout) or uid,findings,impression (Indiana); "
            f"found {', '.join(sorted(cols))}",
            source=str(p),
        )
    for n, (where, row) in enumerate(rows, start=1):
        try:
            findings = text_cell(row.get(fcol), source=str(p), where=where, column=fcol, allow_empty=indiana)
            impression = text_cell(row.get(icol), source=str(p), where=where, column=icol, allow_empty=indiana)
        except DataError as exc:
            if skipped is None:
                raise
            skipped.append(str(exc))
            continue
        if indiana and (not findings.strip() or not impression.strip()):
            continue
        pid = str(row[idcol]) if idcol else str(n)
        meta = {k: v for k, v in row.items() if k not in (fcol, icol)}
        yield SummaryPair(id=pid, findings=findings.strip(), impression=impression.strip(), metadata=meta)


def read_split_folder(folder: str | Path, suffix: str = ".parquet") -> dict[str, Path]:
    """Find train/validation/test files of the `prompt`/`impressions` layout in a folder."""
    f = existing(folder)
    out = {}
    for split in SPLITS:
        hits = sorted(x for x in f.iterdir() if x.name.startswith(split) and x.suffix in (".csv", ".jsonl", ".parquet"))
        if hits:
            out[split] = hits[0]
    if not out:
        raise DataError(f"no train/validation/test files (.csv, .jsonl, .parquet) found; expected e.g. train{suffix}", source=str(f))
    return out


def write_pairs(pairs: Iterable[SummaryPair], path: str | Path) -> None:
    """Write the `prompt`/`impressions` layout (CSV, JSONL or Parquet by extension)."""
    write_table([{"prompt": x.findings, "impressions": x.impression or ""} for x in pairs], Path(path))


FINDINGS_COLUMNS = ("findings", "prompt", "text")
IMPRESSION_COLUMNS = ("impression", "impressions")


def read_pairs_spec(spec: str, *, skipped: list[str] | None = None) -> list[SummaryPair]:
    """`FILE` or `FILE#heldout|train|dev|fit`: pairs of that split, decided by a hash of the
    report id (see clinqa.data.splits), so every command sees the same held-out reports."""
    from clinqa.data.splits import in_part, parse_spec

    path, part = parse_spec(spec)
    out = [x for x in read_pairs(path, skipped=skipped) if part is None or in_part(x.id, part)]
    if not out:
        raise DataError(f"{spec}: no findings/impression pairs{' in that split' if part else ''}", source=str(spec))
    return out


def read_findings(path: str | Path, *, column: str | None = None, id_column: str | None = None,
                  skipped: list[str] | None = None) -> Iterator[SummaryPair]:
    """Findings to summarize from a CSV/JSONL/Parquet table: the `column` given, else the first
    of findings/prompt/text; an impression column, when present, is kept as the reference.
    Empty or non-text findings are errors, or reported in `skipped` and left out."""
    p = existing(path)
    columns, rows = table_columns(p)
    if not columns:
        return
    cols = set(columns)
    fcol = choose_column(columns, column, FINDINGS_COLUMNS, what="findings", option="--column", source=str(p))
    if id_column and id_column not in cols:
        raise DataError(f"id column {id_column!r} not found; found {', '.join(sorted(cols))}", source=str(p))
    idcol = id_column or next((c for c in ("id", "uid", "report_id") if c in cols), None)
    icol = next((c for c in IMPRESSION_COLUMNS if c in cols), None)
    for n, (where, row) in enumerate(rows, start=1):
        try:
            findings = text_cell(row.get(fcol), source=str(p), where=where, column=fcol)
            impression = text_cell(row.get(icol), source=str(p), where=where, column=icol,
                                   allow_empty=True) if icol else None
        except DataError as exc:
            if skipped is None:
                raise
            skipped.append(str(exc))
            continue
        pid = str(row[idcol]) if idcol and row.get(idcol) is not None else str(n)
        yield SummaryPair(id=pid, findings=findings.strip(), impression=(impression or "").strip() or None)
