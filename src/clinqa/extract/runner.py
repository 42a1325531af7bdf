"""Batch extraction: every concept of a questionnaire asked of every note, one row per
(note, concept), written to Parquet in chunks, resumable.

Crash safety: notes are processed in chunks; a chunk's rows go to `OUT.parts/part-NNNNN.parquet`
(written to a temporary name, then renamed, so a part is whole or absent), and only then does
`OUT.parts/progress.json` record how many notes are done (also by rename). After a kill, `--resume`
skips exactly the notes of finished parts and redoes the chunk that was cut off, so no row is
lost or written twice. At the end the parts are concatenated, in order, into OUT.

Workers: with `workers` > 1 the notes are answered in worker processes (pool.py) while this process
reads the corpus and commits the chunks, in order, as above; rows come from rows.py either way.

Run safety: one writer per OUT (an exclusive lock, clinqa.data.atomic), and every run records its
fingerprint (data/fingerprint.py: questionnaire, corpus, model, options, version) in
`OUT.parts/run.json` and in the finished table's metadata, with a digest of the notes done in
`progress.json`: `--resume` continues only the same run over the same notes, never mixing two.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice
from pathlib import Path

from clinqa.data.fingerprint import NotesDigest, differences
from clinqa.errors import DataError, UsageError
from clinqa.extract.rows import rows_for_notes, schema
from clinqa.questionnaire import Questionnaire
from clinqa.types import Note

log = logging.getLogger(__name__)
# Keys of a finished table's Parquet metadata: the run's fingerprint and its final state.
RUN_KEY, STATE_KEY = "clinqa.run", "clinqa.state"


class PartWriter:
    """OUT.parts/ of one run, under OUT's exclusive lock (clinqa.data.atomic) from opening to
    `finish` or `close`: `run.json` (the run's fingerprint, written first), `part-NNNNN.parquet`
    and `progress.json` (notes done, rows, skipped notes, the digest of the notes done).

    Opening decides what happens to earlier output: with `resume`, an unfinished run (or a finished
    OUT) continues only if its fingerprint is this run's, else a UsageError names each difference;
    with `force`, earlier parts are discarded and OUT is replaced at the end; with neither, any
    earlier output is an error that says which option to pass. A run that fails before its first
    chunk is committed leaves no parts folder behind (it would block the next run)."""

    def __init__(self, out: Path, resume: bool = False, *, force: bool = False, fingerprint: dict | None = None):
        from clinqa.data.atomic import output_lock

        if resume and force:
            raise UsageError("--resume continues the earlier run and --force discards it: pass one of them")
        self.out = Path(out)
        self.parts = self.out.with_name(self.out.name + ".parts")
        self.progress_file = self.parts / "progress.json"
        self.run_file = self.parts / "run.json"
        self.fingerprint = fingerprint
        self.finished = False  # --resume of a run whose OUT is complete: verify, write nothing
        self.created = False
        self._lock = output_lock(self.out, folders=(self.parts,))
        self._lock.__enter__()  # a second writer of OUT fails here, at once
        try:
            self.state = self._open(resume, force)
        except BaseException:
            self._lock.__exit__(None, None, None)
            raise
        self.digest = NotesDigest(self.state.get("notes_digest", ""))

    # -- opening ---------------------------------------------------------------------------------

    def _differences(self, earlier: dict | None) -> list[str]:
        if self.fingerprint is None:
            return []
        if earlier is None:
            return ["the earlier output records no run fingerprint (written by an older clinqa)"]
        return differences(earlier, self.fingerprint)

    def _refuse(self, what: str, diffs: list[str], resume: bool, same: str) -> None:
        if not diffs:
            raise UsageError(f"{what} {same}")
        kept = "exists and" if what == str(self.out) else "holds an unfinished run that"
        hint = "--resume continues only the same run: " if resume else ""
        raise UsageError(f"{what} {kept} is not from this run ({'; '.join(diffs)}); {hint}pass --force to start over "
                         "(the earlier rows are discarded), or choose another --out")

    def _open(self, resume: bool, force: bool) -> dict:
        fresh = {"notes_done": 0, "parts": 0, "rows": 0, "skipped": [], "notes_digest": ""}
        if self.parts.exists() and force:
            shutil.rmtree(self.parts)
        if self.parts.exists():
            earlier = json.loads(self.run_file.read_text()) if self.run_file.exists() else None
            diffs = self._differences(earlier)
            if not resume or diffs:
                self._refuse(str(self.parts), diffs, resume, "holds an unfinished run of this extraction: pass "
                                                             "--resume to continue it, or --force to start over")
            return json.loads(self.progress_file.read_text()) if self.progress_file.exists() else fresh
        # (without a fingerprint, the Python API's old way: --resume of a finished OUT redoes it)
        if self.out.exists() and not force and not (resume and self.fingerprint is None):
            earlier, state = _finished_run(self.out)
            diffs = self._differences(earlier)
            if not resume or diffs:
                self._refuse(str(self.out), diffs, resume, "exists (a finished run of this extraction): pass --force "
                                                           "to replace it, or choose another --out")
            self.finished = True  # the same run, complete: resuming checks the notes and changes nothing
            return state
        self.parts.mkdir(parents=True, exist_ok=True)
        self.created = True
        self._commit(self.run_file, json.dumps(self.fingerprint or {}, indent=1))
        return fresh

    def _commit(self, path: Path, text: str) -> None:
        from clinqa.data.atomic import discard, new_temp, replace

        tmp = new_temp(self.out, self.parts)
        try:
            tmp.write_text(text)
            replace(tmp, path)
        finally:
            discard(tmp)

    # -- resuming --------------------------------------------------------------------------------

    def skip_done(self, notes: Iterator[Note]) -> Iterator[Note]:
        """`notes` past the ones already done, after checking that those are the notes the
        earlier run extracted (same ids and texts, same order)."""
        done = self.state["notes_done"]
        if not done:
            return notes
        log.warning("resuming: %d notes already done in %d parts", done, self.state["parts"])
        digest = NotesDigest()
        seen = 0
        for note in islice(notes, done):
            digest.add(note)
            seen += 1
        expected = self.state.get("notes_digest")
        if seen < done or (self.fingerprint is not None and digest.value != expected):
            raise DataError(f"the {done} notes already extracted are not the corpus's first {done} notes now (a note "
                            "was edited, added, removed or reordered since the earlier run); pass --force to start "
                            "over", source=str(self.parts if not self.finished else self.out))
        if self.finished and next(notes, None) is not None:
            raise DataError(f"the corpus now has more than the {done} notes of the finished run; pass --force to "
                            "start over", source=str(self.out))
        return notes

    # -- writing ---------------------------------------------------------------------------------

    def write(self, rows: list[dict], notes: Sequence[Note], skipped: list[dict]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        from clinqa.data.atomic import discard, new_temp, replace

        known = self.state["skipped"]
        new_skips = [x for x in skipped if x not in known]
        if self.finished:
            if rows or notes or new_skips:
                raise DataError("the corpus differs from the finished run's; pass --force to start over",
                                source=str(self.out))
            return
        k = self.state["parts"] + 1
        if rows:
            tmp = new_temp(self.out, self.parts)
            try:
                pq.write_table(pa.Table.from_pylist(rows, schema=schema()), tmp)
                replace(tmp, self.parts / f"part-{k:05d}.parquet")
            finally:
                discard(tmp)
        for n in notes:
            self.digest.add(n)
        new = {"notes_done": self.state["notes_done"] + len(notes), "parts": k if rows else k - 1,
               "rows": self.state["rows"] + len(rows), "skipped": known + new_skips,
               "notes_digest": self.digest.value}
        self._commit(self.progress_file, json.dumps(new))  # the commit point of this chunk
        self.state = new

    def finish(self) -> dict:
        """Concatenate the parts, in order, into OUT (the fingerprint and final state in its
        Parquet metadata), remove the parts, release the lock."""
        import pyarrow.parquet as pq

        from clinqa.data.atomic import atomic_path

        try:
            if self.finished:
                return self.state
            files = sorted(self.parts.glob("part-*.parquet"))
            meta = {RUN_KEY: json.dumps(self.fingerprint or {}), STATE_KEY: json.dumps(self.state)}
            with atomic_path(self.out, lock=False) as tmp:  # the lock is already ours
                with pq.ParquetWriter(tmp, schema().with_metadata(meta)) as w:
                    for f in files:  # one part in memory at a time
                        w.write_table(pq.read_table(f, schema=schema()))
            shutil.rmtree(self.parts)
            return self.state
        finally:
            self.close()

    def close(self, failed: bool = False) -> None:
        """Release the lock; after a failure, a parts folder this run made and never committed
        to is removed."""
        if failed and self.created and self.state["notes_done"] == 0 and self.state["parts"] == 0:
            shutil.rmtree(self.parts, ignore_errors=True)
        if self._lock is not None:
            lock, self._lock = self._lock, None
            lock.__exit__(None, None, None)

    def __enter__(self) -> PartWriter:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        self.close(failed=kind is not None)


def _finished_run(out: Path) -> tuple[dict | None, dict]:
    """The fingerprint and final state a finished OUT records (None for a table without them)."""
    import pyarrow.parquet as pq

    try:
        meta = pq.read_schema(out).metadata or {}
    except Exception:  # not a Parquet file: it is no run's output
        meta = {}
    run = json.loads(meta[RUN_KEY.encode()]) if RUN_KEY.encode() in meta else None
    state = json.loads(meta[STATE_KEY.encode()]) if STATE_KEY.encode() in meta else {}
    return run, {"notes_done": 0, "parts": 0, "rows": 0, "skipped": [], "notes_digest": "", **state}


def run_local(notes: Iterable[Note], questionnaire: Questionnaire, reader, out: str | Path, *,
              chunk_notes: int = 16, resume: bool = False, force: bool = False, fingerprint: dict | None = None,
              language: str | None = None, on_chunk: Callable[[int, float], None] | None = None,
              skipped: Iterable[dict] | None = None, workers: int = 1) -> dict:
    """The questionnaire over `notes` into OUT, chunk by chunk. With `workers` > 1 (and more than
    one note), `workers` processes answer the notes (extract/pool.py), each with its share of the
    threads, while this one reads the corpus and commits chunks in order: the next chunks are
    handed out before a chunk is committed, so no worker waits for the writer."""
    from collections import deque

    with PartWriter(Path(out), resume, force=force, fingerprint=fingerprint) as writer:
        chunks = _chunks(writer.skip_done(iter(notes)), chunk_notes, skipped)
        first = list(islice(chunks, 2))  # one note alone is not worth a worker's start-up
        pool = _pool(reader, questionnaire, language, min(workers, sum(len(c) for c, _ in first)))
        failed = True
        try:
            pending: deque = deque()
            t = time.perf_counter()
            for chunk, new_skips in chain(first, chunks):
                pending.append((chunk, new_skips, pool.submit(chunk) if pool else None))
                # without workers each chunk is answered and committed at once; with them, chunks
                # are handed out until every worker has a note beyond the oldest chunk's
                while pending and (pool is None or sum(len(c) for c, _, _ in list(pending)[1:]) >= pool.workers):
                    t = _commit(writer, pending.popleft(), reader, questionnaire, language, on_chunk, t)
            while pending:
                t = _commit(writer, pending.popleft(), reader, questionnaire, language, on_chunk, t)
            failed = False
        finally:
            if pool is not None:
                pool.close(failed=failed)
        return writer.finish()


def _chunks(it: Iterator[Note], size: int, skipped: Iterable[dict] | None) -> Iterator[tuple[list[Note], list]]:
    """(notes, the notes skipped while reading them) per chunk; a last chunk of skips only."""
    seen = 0
    while True:
        chunk = list(islice(it, size))
        new_skips = list(skipped or [])[seen:] if skipped is not None else []
        seen += len(new_skips)
        if chunk or new_skips:
            yield chunk, new_skips
        if not chunk:
            return


def _pool(reader, questionnaire: Questionnaire, language: str | None, workers: int):
    if workers < 2:
        return None
    from clinqa.extract.pool import NotePool, spec_for
    from clinqa.runtime import thread_setting

    threads = max(1, thread_setting() // workers)
    return NotePool(spec_for(reader, questionnaire, language, threads), workers)


def _commit(writer: PartWriter, item: tuple, reader, questionnaire: Questionnaire, language: str | None,
            on_chunk: Callable[[int, float], None] | None, since: float) -> float:
    chunk, new_skips, answered = item
    if answered is not None:  # a worker pool's
        rows = answered()
    else:
        rows = rows_for_notes(reader, questionnaire, chunk, language) if chunk else []
    writer.write(rows, chunk, new_skips)
    now = time.perf_counter()
    if on_chunk and chunk:
        on_chunk(len(chunk), now - since)
    return now
