"""Summarize a table of findings into a table of impressions, resumably.

Results are appended to `OUT.partial.jsonl` one batch at a time (flushed and fsynced), so a
crash loses at most the batch in flight; `resume=True` skips the ids already there. The final
table (CSV/JSONL/Parquet by extension) is written from the partial file at the end (under a
temporary name, renamed when whole), then the partial file is removed. Bad rows are skipped and
reported, never fatal.

One run per output: the partial file's first line is the run's fingerprint (input file, model,
decoding options, clinqa version; clinqa.data.fingerprint), and OUT's lock is held throughout
(clinqa.data.atomic). `resume` continues only the same run, and only if every finished row's
findings are still the input's for its id (else a UsageError names what differs); an unfinished
run is never discarded silently: without `resume`, `force=True` is needed to start over.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from clinqa.data._io import write_table
from clinqa.data.atomic import output_lock
from clinqa.data.fingerprint import differences, input_identity, model_identity
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


log = logging.getLogger(__name__)
RUN_KEY = "clinqa_run"  # the partial file's first line: {"clinqa_run": fingerprint}


def partial_path(output: Path) -> Path:
    return output.with_name(output.name + ".partial.jsonl")


def batch_fingerprint(summarizer: Summarizer, source: str | Path, column: str | None, id_column: str | None) -> dict:
    """What makes a batch's impressions: the input file, the model and the decoding options
    (not the batch size or the device, which do not change the text)."""
    from clinqa import __version__

    c = summarizer.config
    return {"clinqa": __version__, "input": input_identity(source, column=column, id_column=id_column),
            "model": model_identity(c.model),
            "options": {"kind": c.kind, "prefix": c.prefix, "max_input_tokens": c.max_input_tokens,
                        "max_new_tokens": c.max_new_tokens, "num_beams": c.num_beams,
                        "repetition_penalty": c.repetition_penalty, "numbered": c.numbered,
                        "consistency": c.consistency,
                        **({"incidental": list(c.incidental)} if c.incidental else {})}}


def _read_partial(part: Path) -> tuple[dict | None, dict[str, dict]]:
    """(the run's fingerprint or None for a file without one, finished rows by id). A torn last
    line (a crash mid-write) is cut off the file, so that appending goes on from a whole line."""
    header, done, good = None, {}, 0
    with part.open("rb") as f:
        for raw in f:
            try:
                rec = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                break  # torn: redo that batch
            if not raw.endswith(b"\n"):
                break
            good += len(raw)
            if isinstance(rec, dict) and RUN_KEY in rec and good == len(raw):
                header = rec[RUN_KEY]
            elif isinstance(rec, dict) and "id" in rec:
                done[str(rec["id"])] = rec
    if good < part.stat().st_size:
        with part.open("r+b") as f:
            f.truncate(good)
    return header, done


def _check_resumable(part: Path, header: dict | None, done: dict[str, dict], fingerprint: dict, pairs: list,
                     model: str) -> None:
    if header is not None:
        diffs = differences(header, fingerprint)
        if diffs:
            raise UsageError(f"{part} is not from this run ({'; '.join(diffs)}); --resume continues only the same "
                             "run: pass --force to start over, or choose another --output")
    else:
        log.warning("%s records no run fingerprint (an older clinqa): only each finished row's findings and model "
                    "are checked", part)
    findings = {}
    for p in pairs:
        findings.setdefault(p.id, p.findings)
    for rid, rec in done.items():
        why = ("is not in the input" if rid not in findings else
               "has other findings in the input now" if rec.get("findings") != findings[rid] else
               f"was written by model {rec.get('model')!r}, this run uses {model!r}" if rec.get("model") != model else None)
        if why:
            raise UsageError(f"{part}: row {rid!r} of the earlier run {why}; --resume continues only the same run over "
                             "the same input: pass --force to start over, or choose another --output")


def summarize_table(summarizer: Summarizer, source: str | Path, output: str | Path, *, column: str | None = None,
                    id_column: str | None = None, resume: bool = False, force: bool = False, chunk: int = 32,
                    progress=None, total_hint=None) -> BatchResult:
    out = Path(output)
    if out.suffix.lower() not in (".csv", ".jsonl", ".ndjson", ".parquet", ".pq"):
        raise UsageError(f"output {out.name!r}: expected a .csv, .jsonl or .parquet file")
    fingerprint = batch_fingerprint(summarizer, source, column, id_column) if Path(source).exists() else None
    with output_lock(out):  # one writer per output: a second run fails at once, naming it
        return _summarize_locked(summarizer, source, out, fingerprint, column=column, id_column=id_column,
                                 resume=resume, force=force, chunk=chunk, progress=progress, total_hint=total_hint)


def _summarize_locked(summarizer, source, out: Path, fingerprint, *, column, id_column, resume, force, chunk,
                      progress, total_hint) -> BatchResult:
    part = partial_path(out)
    skipped: list[str] = []
    pairs = list(read_findings(source, column=column, id_column=id_column, skipped=skipped))
    done: dict[str, dict] = {}
    if part.exists() and resume and not force:
        header, done = _read_partial(part)
        _check_resumable(part, header, done, fingerprint or {}, pairs, summarizer.name)
    elif part.exists() and not force:
        header, _ = _read_partial(part)
        diffs = differences(header, fingerprint or {}) if header is not None else []
        what = f"an unfinished run that is not this one ({'; '.join(diffs)})" if diffs else "an unfinished run"
        raise UsageError(f"{part} holds {what}: pass --resume to continue it, or --force to start over")
    elif part.exists():
        part.unlink()
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
        if f.tell() == 0:
            f.write(json.dumps({RUN_KEY: fingerprint or {}}, ensure_ascii=False) + "\n")
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
