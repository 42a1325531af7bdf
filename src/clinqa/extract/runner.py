"""Batch extraction: every concept of a questionnaire asked of every note, one row per
(note, concept), written to Parquet in chunks, resumable.

Crash safety: notes are processed in chunks; a chunk's rows go to `OUT.parts/part-NNNNN.parquet`
(written to a temporary name, then renamed, so a part is whole or absent), and only then does
`OUT.parts/progress.json` record how many notes are done (also by rename). After a kill, `--resume`
skips exactly the notes of finished parts and redoes the chunk that was cut off, so no row is
lost or written twice. At the end the parts are concatenated, in order, into OUT.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from itertools import islice
from pathlib import Path

from clinqa.errors import DataError, UsageError
from clinqa.extract.normalize import normalise
from clinqa.questionnaire import Questionnaire
from clinqa.types import Note

log = logging.getLogger(__name__)


@dataclass
class ExtractionRow:
    note_id: str
    concept_id: str
    question: str
    answer: str | None
    start: int
    end: int
    score: float
    category: str | None
    assertion: str | None
    sentence_id: str | None
    answer_type: str
    value: str | None
    value_number: float | None
    unit: str | None
    code: str | None
    code_system: str | None
    code_display: str | None
    model: str
    reason: str | None = None  # why `value` is null (abstention), or how a yes/no verdict was reached


def schema():
    import pyarrow as pa

    types = {"start": pa.int64(), "end": pa.int64(), "score": pa.float64(), "value_number": pa.float64()}
    return pa.schema([(f.name, types.get(f.name, pa.string())) for f in fields(ExtractionRow)])


def rows_for_notes(reader, questionnaire: Questionnaire, notes: list[Note], language: str | None = None,
                   policy=None) -> list[dict]:
    """Ask every concept of every note in one batched call, through the answer policy
    (qa/policy/: verdicts, typing, clean spans, abstention); the best answer over a concept's
    question variants wins (an answer over an abstention, then by score). An abstention gives a
    row with null answer and value and the reason."""
    from clinqa.qa.routing import answered_by, question_language
    from clinqa.qa.policy import AnswerPolicy, answer_questions
    from clinqa.text import segment

    policy = policy or AnswerPolicy.for_reader(reader)
    asks = [(n, c, q) for n in notes for c in questionnaire.concepts
            for q in c.questions_for(question_language(language, n))]
    sentences = {id(n): segment(n.text, n.id) for n in notes}  # by object: ids are checked unique upstream
    # "auto" asks each note in its own language: its synonyms and ConText cues are that language's
    # too (passing "auto" on gave every note the English synonyms: a Greek fever was "not mentioned")
    langs = [question_language(language, n) for n, _, _ in asks] if language == "auto" else language
    decisions = answer_questions(reader, policy, [(n, q, c) for n, c, q in asks], [sentences[id(n)] for n, _, _ in asks],
                                 language=langs)
    best: dict[tuple[str, str], tuple] = {}
    for (n, c, q), d in zip(asks, decisions):
        a = d.answers[0]
        key = (n.id, c.id)
        informative = d.verdict is not None and d.verdict.verdict != "not_mentioned"
        rank = (not a.is_no_answer or informative, a.score)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, n, c, q, d)
    rows = []
    for n in notes:
        for c in questionnaire.concepts:
            _, _, _, q, d = best[(n.id, c.id)]
            a = d.answers[0]
            v = normalise(c, a, d.verdict)
            reason = d.verdict.reason if d.verdict is not None else a.reason
            rows.append(asdict(ExtractionRow(
                note_id=n.id, concept_id=c.id, question=q, answer=a.text, start=a.start, end=a.end, score=float(a.score),
                category=a.category if not a.is_no_answer else c.category, assertion=a.assertion,
                sentence_id=a.sentence_id, answer_type=c.answer_type, value=v.value, value_number=v.number,
                unit=v.unit, code=v.code, code_system=v.code_system, code_display=v.code_display,
                model=answered_by(reader, n, q), reason=reason)))
    return rows


class PartWriter:
    def __init__(self, out: Path, resume: bool):
        self.out = Path(out)
        self.parts = self.out.with_name(self.out.name + ".parts")
        self.progress_file = self.parts / "progress.json"
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            probe = self.out.parent / f".clinqa-write-test-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise DataError(f"output folder is not writable: {exc.strerror}", source=str(self.out)) from None
        if self.parts.exists() and not resume:
            raise UsageError(f"{self.parts} holds an unfinished run: pass --resume to continue it, or remove it")
        if self.out.exists() and not resume:
            raise UsageError(f"{self.out} exists; remove it or choose another --out")
        self.parts.mkdir(parents=True, exist_ok=True)
        self.state = json.loads(self.progress_file.read_text()) if self.progress_file.exists() else \
            {"notes_done": 0, "parts": 0, "rows": 0, "skipped": []}

    def write(self, rows: list[dict], notes_in_chunk: int, skipped: list[dict]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        k = self.state["parts"] + 1
        if rows:
            tmp = self.parts / f".part-{k:05d}.parquet.tmp"
            pq.write_table(pa.Table.from_pylist(rows, schema=schema()), tmp)
            os.replace(tmp, self.parts / f"part-{k:05d}.parquet")
        known = self.state["skipped"]
        new = {"notes_done": self.state["notes_done"] + notes_in_chunk, "parts": k if rows else k - 1,
               "rows": self.state["rows"] + len(rows), "skipped": known + [x for x in skipped if x not in known]}
        tmp = self.parts / ".progress.json.tmp"
        tmp.write_text(json.dumps(new))
        os.replace(tmp, self.progress_file)  # the commit point of this chunk
        self.state = new

    def finish(self) -> dict:
        import pyarrow.parquet as pq

        files = sorted(self.parts.glob("part-*.parquet"))
        tmp = self.out.with_name(self.out.name + ".tmp")
        with pq.ParquetWriter(tmp, schema()) as w:
            for f in files:  # one part in memory at a time
                w.write_table(pq.read_table(f, schema=schema()))
        os.replace(tmp, self.out)
        for f in self.parts.iterdir():
            f.unlink()
        self.parts.rmdir()
        return self.state


def run_local(notes: Iterable[Note], questionnaire: Questionnaire, reader, out: str | Path, *,
              chunk_notes: int = 16, resume: bool = False, language: str | None = None,
              on_chunk: Callable[[int, float], None] | None = None, skipped: Iterable[dict] | None = None) -> dict:
    writer = PartWriter(Path(out), resume)
    it: Iterator[Note] = iter(notes)
    done = writer.state["notes_done"]
    if done:
        log.warning("resuming: %d notes already done in %d parts", done, writer.state["parts"])
        for _ in islice(it, done):
            pass
    seen_skips = 0
    while True:
        chunk = list(islice(it, chunk_notes))
        new_skips = list(skipped or [])[seen_skips:] if skipped is not None else []
        seen_skips += len(new_skips)
        if not chunk:
            if new_skips:
                writer.write([], 0, new_skips)
            break
        t = time.perf_counter()
        rows = rows_for_notes(reader, questionnaire, chunk, language)
        writer.write(rows, len(chunk), new_skips)
        if on_chunk:
            on_chunk(len(chunk), time.perf_counter() - t)
    return writer.finish()
