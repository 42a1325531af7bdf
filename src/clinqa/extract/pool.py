"""The local engine's worker processes: `extract --workers N` answers N notes at a time, each
in its own process with its own model load and its share of the threads.

Why processes and not one process with every core: the reader's ONNX Runtime passes keep both
cores of a 2-core machine busy, but a note's parse, its sentence splitting and the answer
policy are Python, one core at a time, about a third of a note's time. Two processes of one
thread each overlap them: the 16 dev notes twice took 68 s in one process and 52 s in two
(benchmarks/extract_speed.py measures the whole command).

The rows are the ones a single process writes: a note's answers never depend on the notes
beside it (rows.rows_for_notes answers note by note), tasks come back in corpus order, and the
caller commits chunks exactly as it does without workers (runner.PartWriter), so `--resume`
works alike. A worker that dies (killed, out of memory) stops the run with an error naming what
to do; the chunks committed before it stay.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from clinqa.errors import ClinqaError
from clinqa.questionnaire import Questionnaire
from clinqa.types import Note


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker process needs to answer as the parent would: the reader's name and load
    options (a RoutedReader's), the questionnaire, the question language, its threads."""

    model: str | None
    reader_options: tuple[tuple[str, Any], ...]
    questionnaire: Questionnaire
    language: str | None
    threads: int
    lexicon: str | None = None


class _Worker:
    spec: WorkerSpec | None = None
    reader: Any = None


def _start(spec: WorkerSpec) -> None:
    """Pool initializer: settings only. The model loads at the first task, so that a model that
    cannot load comes back as that task's error (an initializer's error would only break the
    pool, its message lost)."""
    import signal

    from clinqa.lexicon import ENV as LEXICON_ENV

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops its workers
    os.environ["CLINQA_THREADS"] = str(spec.threads)
    if spec.lexicon:
        os.environ[LEXICON_ENV] = spec.lexicon
    _Worker.spec = spec


def _rows(note: Note) -> list[dict]:
    from clinqa.extract.rows import rows_for_notes
    from clinqa.qa.routing import RoutedReader

    spec = _Worker.spec
    assert spec is not None, "worker used before its initializer"
    if _Worker.reader is None:
        _Worker.reader = RoutedReader(spec.model, **dict(spec.reader_options))
    return rows_for_notes(_Worker.reader, spec.questionnaire, [note], spec.language)


class WorkerDied(ClinqaError):
    """A worker process ended without an answer (killed, out of memory)."""


class NotePool:
    """`workers` spawned processes answering one note per task."""

    def __init__(self, spec: WorkerSpec, workers: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers
        # spawn, not fork: the parent may hold threads (ONNX Runtime, tokenizers) a fork would copy
        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_start, initargs=(spec,))

    def submit(self, notes: list[Note]) -> Callable[[], list[dict]]:
        """Start answering `notes`; the returned call waits for their rows, in note order."""
        futures = [self._pool.submit(_rows, n) for n in notes]

        def rows() -> list[dict]:
            from concurrent.futures.process import BrokenProcessPool

            try:
                return [r for f in futures for r in f.result()]
            except BrokenProcessPool as exc:
                raise WorkerDied(
                    "a worker process ended without answering (killed, or out of memory: each holds a model, "
                    "about 1 GB): the chunks written so far are kept; run the same command with --resume, "
                    "with fewer --workers if memory is short") from exc
        return rows

    def close(self, failed: bool = False) -> None:
        """Wait for the workers to end; after a failure, stop them at once (a task already
        running would otherwise finish first)."""
        if failed:
            for p in list(getattr(self._pool, "_processes", {}).values()):
                p.terminate()
            self._pool.shutdown(wait=True, cancel_futures=True)
        else:
            self._pool.shutdown(wait=True)


def spec_for(reader: Any, questionnaire: Questionnaire, language: str | None, threads: int) -> WorkerSpec:
    """The spec that makes a worker's reader the parent's `reader` (a RoutedReader: its
    requested model and load options)."""
    from clinqa.lexicon import ENV as LEXICON_ENV
    from clinqa.qa.routing import RoutedReader

    if not isinstance(reader, RoutedReader):
        raise TypeError(f"worker processes rebuild a RoutedReader, not {type(reader).__name__}")
    return WorkerSpec(reader.requested, tuple(sorted(reader.load_kw.items())), questionnaire, language, threads,
                      os.environ.get(LEXICON_ENV))
