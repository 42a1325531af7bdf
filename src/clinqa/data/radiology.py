"""Radiology summarization data: the `prompt`/`impressions` layout (MIMIC-III radiology
splits, CSV/JSONL/Parquet) and the Indiana University chest X-ray reports CSV."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path

from clinqa.data._io import existing, iter_table, text_cell, write_table
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
    rows = iter_table(p)
    first = next(rows, None)
    if first is None:
        return
    cols = set(first[1])
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
    for n, (where, row) in enumerate(itertools.chain([first], rows), start=1):
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
