"""The one check that an extraction table's offsets still point at its answers in a corpus,
shared by `clinqa export` (export.rows) and `clinqa report` (extract.report)."""

from __future__ import annotations

from collections.abc import Iterable

from clinqa.errors import DataError


def check_offsets(note_id: str, text: str, spans: Iterable[tuple[str, str | None, int, int]], source: str) -> None:
    """Every (concept_id, answer, start, end) with a span must be `text[start:end] == answer`: the
    note's text goes out beside the offsets (DocumentReference, annotation target, highlighted
    report), and a corpus edited since the extraction would make every offset point at other
    words. The one check for `export` and `report`."""
    for concept_id, answer, start, end in spans:
        if answer is None or answer == "" or start is None or end is None or not end > start:
            continue  # no span: nothing points into the text
        if text[start:end] != answer:
            found = text[start:end] if 0 <= start < end <= len(text) else f"outside the note's {len(text)} characters"
            raise DataError(f"note {note_id!r}: {concept_id} answer {answer!r} is not at {start}-{end} of the corpus "
                            f"text (found {found!r}); pass the corpus as it was given to `clinqa extract`, or "
                            "extract again from this one", source=source)
