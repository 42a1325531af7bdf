"""Summarize a table of findings into a table of impressions, resumably.

Results are appended to `OUT.partial.jsonl` one batch at a time (flushed and fsynced), so a
crash loses at most the batch in flight; `resume=True` skips the ids already there. The final
table (CSV/JSONL/Parquet by extension) is written from the partial file at the end, then the
partial file is removed. Bad rows are skipped and reported, never fatal.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from clinqa.data._io import write_table
from clinqa.data.radiology import read_findings
from clinqa.errors import UsageError
from clinqa.summarize.model import Summarizer


@dataclass
class BatchResult:
    output: str
    written: int
    resumed: int
    skipped: list[str] = field(default_factory=list)
    truncated: int = 0


def partial_path(output: Path) -> Path:
    return output.with_name(output.name + ".partial.jsonl")


def summarize_table(summarizer: Summarizer, source: str | Path, output: str | Path, *, column: str | None = None,
                    id_column: str | None = None, resume: bool = False, chunk: int = 32, progress=None,
                    total_hint=None) -> BatchResult:
    out = Path(output)
    if out.suffix.lower() not in (".csv", ".jsonl", ".ndjson", ".parquet", ".pq"):
        raise UsageError(f"output {out.name!r}: expected a .csv, .jsonl or .parquet file")
    part = partial_path(out)
    done: dict[str, dict] = {}
    if resume and part.exists():
        with part.open(encoding="utf-8") as f:
            for line in f:
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    break  # a torn last line from a crash: redo that batch
                done[rec["id"]] = rec
    elif part.exists():
        part.unlink()
    skipped: list[str] = []
    pairs = list(read_findings(source, column=column, id_column=id_column, skipped=skipped))
    todo: list = []
    seen: set[str] = set()
    for p in pairs:
        if p.id in seen:
            skipped.append(f"{source} (id {p.id}): duplicate id; only the first row is summarized")
            continue
        seen.add(p.id)
        if p.id not in done:
            todo.append(p)
    if total_hint:
        total_hint(len(todo))
    truncated = 0
    part.parent.mkdir(parents=True, exist_ok=True)
    with part.open("a", encoding="utf-8") as f:
        for i in range(0, len(todo), chunk):
            batch = todo[i:i + chunk]
            for p, s in zip(batch, summarizer.summarize_many(batch, progress=progress)):
                truncated += any(w.startswith("findings truncated") for w in s.warnings)
                rec = {"id": p.id, "findings": p.findings, "impression": s.text, "model": s.model,
                       "warnings": "; ".join(s.warnings), "draft": s.draft}
                if p.impression is not None:
                    rec["reference"] = p.impression
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                done[p.id] = rec
            f.flush()
            os.fsync(f.fileno())
    order: dict[str, int] = {}
    for i, p in enumerate(pairs):
        order.setdefault(p.id, i)
    rows = sorted(done.values(), key=lambda r: order.get(r["id"], len(order)))
    write_table(rows, out)
    part.unlink(missing_ok=True)
    return BatchResult(output=str(out), written=len(rows), resumed=len(rows) - len(todo), skipped=skipped,
                       truncated=truncated)
