"""Reference answers (JSON lines): a plain-language answer to a question about a note, with the
note spans that support it.

    {"id": "...", "note_id": "...", "question": "...", "reference": "...",
     "evidence": [{"start": 10, "end": 42, "text": "..."}]}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from clinqa.data._io import existing, iter_jsonl
from clinqa.errors import DataError
from clinqa.types import Note, ReferenceAnswer, Span


def read_reference_answers(path: str | Path, notes: Mapping[str, Note] | None = None) -> Iterator[ReferenceAnswer]:
    """Yield one ReferenceAnswer per line. With `notes` (by id), every evidence span is checked
    against its note's text, so a reference cited at stale offsets is an error, not a silent miss."""
    p = existing(path)
    for lineno, obj in iter_jsonl(p):
        where = f"line {lineno}"
        missing = [k for k in ("id", "note_id", "question", "reference") if not isinstance(obj.get(k), str)]
        if missing:
            raise DataError(f"expected string keys {', '.join(missing)}", source=str(p), where=where)
        evidence = []
        for k, ev in enumerate(obj.get("evidence") or []):
            try:
                span = Span(int(ev["start"]), int(ev["end"]), str(ev["text"]))
            except (KeyError, TypeError, ValueError):
                raise DataError("evidence needs integer 'start', 'end' and a 'text'", source=str(p),
                                where=f"{where} evidence[{k}]") from None
            if notes is not None:
                note = notes.get(obj["note_id"])
                if note is None:
                    raise DataError(f"unknown note_id {obj['note_id']!r}", source=str(p), where=where)
                if note.text[span.start : span.end] != span.text:
                    raise DataError(f"evidence text is not at {span.start}:{span.end} of note {note.id!r}",
                                    source=str(p), where=f"{where} evidence[{k}]")
            evidence.append(span)
        yield ReferenceAnswer(id=obj["id"], note_id=obj["note_id"], question=obj["question"],
                              reference=obj["reference"], evidence=tuple(evidence))
