"""The same extraction on Ray Data: `map_batches` over notes with an actor pool, each actor
loading the QA model once and answering whole batches of notes. Locally `ray.init()` starts a
one-machine cluster with `workers` CPUs; with an address it joins an existing cluster. Ray
schedules; clinqa only chooses batch sizes.

Resume and output are the local engine's (`PartWriter`): the corpus goes through Ray in
super-chunks of `workers * chunk_notes * 8` notes (bounded driver memory); results come back
in order, each chunk of `chunk_notes` notes is committed as one part, so a killed run resumes
exactly as a local one does and both engines write the same rows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from itertools import islice
from pathlib import Path

from clinqa.extract.rows import ExtractionRow, rows_for_notes
from clinqa.extract.runner import PartWriter
from clinqa.types import Note

log = logging.getLogger(__name__)


class _Extractor:
    """Ray actor: one model load, many batches."""

    def __init__(self, model: str, questionnaire_path: str, language: str | None, reader_options: dict | None):
        from clinqa.questionnaire import load_questionnaire
        from clinqa.qa.routing import RoutedReader

        self.reader = RoutedReader(model, **(reader_options or {}))
        self.q = load_questionnaire(questionnaire_path)
        self.language = language

    def __call__(self, batch: dict) -> dict:
        from dataclasses import fields

        notes = [Note(id=str(i), text=str(t)) for i, t in zip(batch["id"], batch["text"])]
        rows = rows_for_notes(self.reader, self.q, notes, self.language)
        order = {n.id: int(k) for n, k in zip(notes, batch["index"])}
        out = {f.name: [r[f.name] for r in rows] for f in fields(ExtractionRow)}
        out["_index"] = [order[r["note_id"]] for r in rows]
        return out


def run_ray(notes: Iterable[Note], questionnaire_path: str, model: str, out: str | Path, *, workers: int = 2,
            address: str | None = None, chunk_notes: int = 16, resume: bool = False, language: str | None = None,
            reader_options: dict | None = None, on_chunk: Callable[[int, float], None] | None = None,
            skipped: list | None = None, force: bool = False, fingerprint: dict | None = None) -> dict:
    from clinqa.questionnaire import load_questionnaire

    n_concepts = len(load_questionnaire(questionnaire_path).concepts)
    with PartWriter(Path(out), resume, force=force, fingerprint=fingerprint) as writer:
        return _run(writer, notes, questionnaire_path, model, workers, address, chunk_notes, language, reader_options,
                    on_chunk, skipped, n_concepts)


def _run(writer: PartWriter, notes, questionnaire_path, model, workers, address, chunk_notes, language, reader_options,
         on_chunk, skipped, n_concepts) -> dict:
    import time

    import ray

    if not ray.is_initialized():
        # one thread setting for the driver and the workers: an explicit CLINQA_THREADS travels
        # with them; otherwise each actor (num_cpus=1) gets Ray's OMP_NUM_THREADS=1. A user
        # lexicon travels the same way (its files must be at the same path on every node).
        import os

        from clinqa.lexicon import ENV as LEXICON_ENV

        shared = {k: os.environ[k] for k in ("CLINQA_THREADS", LEXICON_ENV) if os.environ.get(k)}
        env = {"env_vars": shared} if shared else None
        if address:
            ray.init(address=address, log_to_driver=False, runtime_env=env)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, runtime_env=env)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # rows come back in corpus order
    ctx.enable_progress_bars = False
    it = writer.skip_done(iter(notes))
    index = writer.state["notes_done"]
    seen_skips = 0
    while True:
        superchunk = list(islice(it, workers * chunk_notes * 8))
        if not superchunk:
            break
        t = time.perf_counter()
        items = [{"id": n.id, "text": n.text, "index": index + i} for i, n in enumerate(superchunk)]
        index += len(superchunk)
        ds = ray.data.from_items(items, override_num_blocks=max(1, len(items) // chunk_notes)).map_batches(
            _Extractor, fn_constructor_args=(model, questionnaire_path, language, reader_options),
            batch_size=chunk_notes, concurrency=workers, num_cpus=1, batch_format="default")
        rows = sorted(ds.take_all(), key=lambda r: (r["_index"],))  # stable: concept order kept within a note
        by_note: dict[int, list[dict]] = {}
        for r in rows:
            by_note.setdefault(r.pop("_index"), []).append(r)
        keys = sorted(by_note)
        for c in range(0, len(superchunk), chunk_notes):
            chunk_keys = [k for k in keys if index - len(superchunk) + c <= k < index - len(superchunk) + c + chunk_notes]
            chunk_rows = [r for k in chunk_keys for r in by_note[k]]
            assert len(chunk_rows) == len(chunk_keys) * n_concepts
            new_skips = (skipped or [])[seen_skips:]
            seen_skips += len(new_skips)
            writer.write(chunk_rows, superchunk[c:c + chunk_notes], new_skips)
        if on_chunk:
            on_chunk(len(superchunk), time.perf_counter() - t)
    new_skips = (skipped or [])[seen_skips:]
    if new_skips:
        writer.write([], [], new_skips)
    return writer.finish()
