"""Extraction tables read back, one note at a time, for the exporters.

Tables are read by Parquet record batch, never whole, and rows are grouped by note as they come
(`clinqa extract` writes a note's rows together), so an export holds one note's facts at a time
whatever the corpus size. A note's status is derived once here, so FHIR and RDF agree on what
counts as asserted: a yes/no "no" and a ConText-negated span are negated, never positive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TextIO

from clinqa.data._io import reason
from clinqa.errors import DataError
from clinqa.extract.offsets import check_offsets
from clinqa.extract.rows import ExtractionRow
from clinqa.types import Note

ROW_FIELDS = tuple(f.name for f in fields(ExtractionRow))
# Columns a table may carry beyond ExtractionRow (answer-trust work adds a reason; a corpus may
# carry its patient): kept when present, never required.
REASON_COLUMNS = ("reason", "no_answer_reason")
PATIENT_COLUMNS = ("patient_id", "subject_id", "SUBJECT_ID", "patient", "subject")

STATUSES = ("present", "negated", "uncertain", "family", "not_mentioned", "no_answer")
UNCERTAIN = {"possible", "hypothetical", "uncertain"}


@dataclass(frozen=True)
class Fact:
    row: ExtractionRow
    reason: str | None = None

    @property
    def status(self) -> str:
        return fact_status(self.row)

    @property
    def has_span(self) -> bool:
        r = self.row
        return r.answer is not None and r.start is not None and r.end is not None and r.end > r.start


@dataclass(frozen=True)
class NoteFacts:
    note_id: str
    table: str
    facts: tuple[Fact, ...]
    patient_id: str | None = None
    note: Note | None = field(default=None, compare=False)


def fact_status(row: ExtractionRow) -> str:
    """present | negated | uncertain | family | not_mentioned | no_answer."""
    value = (row.value or "").strip().lower().replace(" ", "_")
    if row.answer_type == "yes_no":
        if value == "no":
            return "negated"
        if value in ("uncertain", "possible", "unknown"):
            return "uncertain"
        if value in ("not_mentioned", "not_in_note"):
            return "not_mentioned"
    if row.answer is None or row.answer == "":
        return "no_answer"
    if row.assertion == "negated":
        return "negated"
    if row.assertion in UNCERTAIN:
        return "uncertain"
    if row.assertion == "family":
        return "family"  # about a relative: never a fact about this patient
    return "present"


def _row(d: dict, source: str) -> ExtractionRow:
    missing = [f for f in ("note_id", "concept_id") if d.get(f) in (None, "")]
    if missing:
        raise DataError(f"row without {', '.join(missing)}; is this a `clinqa extract` table?", source=source)
    kw = {f: d.get(f) for f in ROW_FIELDS}
    try:
        kw["start"] = -1 if kw["start"] is None else int(kw["start"])
        kw["end"] = -1 if kw["end"] is None else int(kw["end"])
        kw["score"] = 0.0 if kw["score"] is None else float(kw["score"])
    except (TypeError, ValueError):
        raise DataError(f"note {d['note_id']!r}, concept {d['concept_id']!r}: start, end and score must be numbers, "
                        f"got {d.get('start')!r}, {d.get('end')!r}, {d.get('score')!r}", source=source) from None
    kw["item"] = int(kw["item"] or 0)  # tables written before list concepts had one row per concept
    kw["items"] = int(kw["items"] or 1)
    kw["answer_type"] = kw["answer_type"] or "span"
    kw["model"] = kw["model"] or "unknown"
    kw["question"] = kw["question"] or ""
    return ExtractionRow(**kw)


def patient_of(metadata: dict) -> str | None:
    for key in PATIENT_COLUMNS:
        v = metadata.get(key)
        if v not in (None, ""):
            v = str(v)
            return v.split("/", 1)[1] if v.startswith("Patient/") else v
    return None


def iter_note_facts(tables: Iterable[str | Path], corpus: Callable[[], Iterable[Note]] | None = None, *,
                    batch_rows: int = 4096) -> Iterator[NoteFacts]:
    """Each note's facts, table by table, in table order. With `corpus` (opens the corpus, in the
    order it was extracted), each note's text and patient come along; notes with no rows are passed by."""
    for table in tables:
        cursor = _NoteCursor(corpus()) if corpus is not None else None
        for note_id, facts, patient in _groups(Path(table), batch_rows):
            note = cursor.find(note_id, str(table)) if cursor else None
            if note is not None:
                _check_offsets(note, facts, str(table))
                if patient is None:
                    patient = patient_of(note.metadata)
            yield NoteFacts(note_id, str(table), tuple(facts), patient, note)


def _check_offsets(note: Note, facts: list[Fact], source: str) -> None:
    check_offsets(note.id, note.text, ((f.row.concept_id, f.row.answer, f.row.start, f.row.end) for f in facts), source)


@contextmanager
def atomic_output(out: Path) -> Iterator[TextIO]:
    """A text file written under a unique temporary name and renamed when complete, one writer
    at a time (clinqa.data.atomic): a failed or concurrent export never leaves a truncated or
    interleaved file that looks finished; write errors are DataErrors naming `out`."""
    from clinqa.data.atomic import atomic_text

    with atomic_text(out) as f:
        yield f


def _groups(path: Path, batch_rows: int):
    import pyarrow.parquet as pq

    if not path.is_file():
        raise DataError("extraction table not found", source=str(path))
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid/OSError with a useful message
        raise DataError(f"not a Parquet table: {reason(exc)}", source=str(path)) from None
    names = set(pf.schema_arrow.names)
    missing = {"note_id", "concept_id", "answer", "start", "end"} - names
    if missing:
        raise DataError(f"not a `clinqa extract` table: no column(s) {', '.join(sorted(missing))}", source=str(path))
    reason_col = next((c for c in REASON_COLUMNS if c in names), None)
    patient_col = next((c for c in PATIENT_COLUMNS if c in names), None)
    done: set[str] = set()
    current, facts, patient = None, [], None
    for batch in _batches(pf, path, batch_rows):
        for d in batch.to_pylist():
            row = _row(d, str(path))
            if row.note_id != current:
                if current is not None:
                    yield current, facts, patient
                    done.add(current)
                if row.note_id in done:
                    raise DataError(f"rows of note {row.note_id!r} are not together; sort the table by note_id "
                                    "(tables written by `clinqa extract` are)", source=str(path))
                current, facts = row.note_id, []
                patient = str(d[patient_col]) if patient_col and d.get(patient_col) not in (None, "") else None
            facts.append(Fact(row, d.get(reason_col) if reason_col else None))
    if current is not None:
        yield current, facts, patient


def _batches(pf, path: Path, batch_rows: int):
    """The table's record batches; a damaged data page (the footer read fine) is a DataError
    naming the table, never an error blamed on the export's output."""
    batches = pf.iter_batches(batch_size=batch_rows)
    while True:
        try:
            batch = next(batches, None)
        except Exception as exc:  # pyarrow raises OSError or ArrowInvalid for a bad page
            raise DataError(f"corrupt Parquet data: {reason(exc)}; "
                            "the table is damaged or truncated, run `clinqa extract` again", source=str(path)) from None
        if batch is None:
            return
        yield batch


class _NoteCursor:
    """Walks the corpus alongside the table: both are in corpus order, and notes the extraction
    skipped have no rows, so they are passed by. Holds one note at a time."""

    def __init__(self, notes: Iterable[Note]):
        self.it = iter(notes)

    def find(self, note_id: str, source: str) -> Note:
        for note in self.it:
            if note.id == note_id:
                return note
        raise DataError(f"note {note_id!r} is not in the corpus, or the corpus is not in the order the table "
                        "was extracted in; pass the corpus given to `clinqa extract`", source=source)
