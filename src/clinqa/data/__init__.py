"""Readers and writers, one module per format. Everything streams; every error names the
file and the line or key."""

from clinqa.data.archehr import (
    AlignedAnswer,
    Prediction,
    read_archehr,
    read_key,
    read_submission,
    write_archehr,
    write_submission,
)
from clinqa.data.emrqa import EmrQAReader, read_emrqa, write_emrqa
from clinqa.data.fhir import notes_from_resource, read_fhir, write_fhir
from clinqa.data.notes import detect_format, read_noteevents, read_notes, write_notes
from clinqa.data.radiology import read_pairs, read_split_folder, write_pairs
from clinqa.data.references import read_reference_answers
from clinqa.data.squad import read_squad, write_squad

__all__ = [
    "AlignedAnswer", "EmrQAReader", "Prediction", "detect_format", "notes_from_resource",
    "read_archehr", "read_emrqa", "read_fhir", "read_key", "read_noteevents", "read_notes",
    "read_pairs", "read_qa", "read_reference_answers", "read_split_folder", "read_squad", "read_submission",
    "write_archehr", "write_emrqa", "write_fhir", "write_notes", "write_pairs", "write_squad",
    "write_submission",
]


def read_qa(path):
    """SQuAD-format or native emrQA, told apart by the first paragraph's context."""
    from pathlib import Path

    from clinqa.data._io import existing, iter_json_items

    p = existing(Path(path))
    first = next(iter_json_items(p, "data.item.paragraphs.item"), None)
    if isinstance(first, dict) and isinstance(first.get("context"), list):
        return read_emrqa(p)
    return read_squad(p)
