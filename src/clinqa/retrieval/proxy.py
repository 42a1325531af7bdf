"""A public evidence-alignment proxy built from SQuAD-format data (COVID-QA, XQuAD).

ArchEHR-QA notes need credentialed access, so this stands in for development: each
question's context is split into sentences with clinqa's segmenter; the sentence(s)
overlapping a gold answer are "essential", all others "not-relevant". It is a proxy: the
questions are reading-comprehension questions, not patient questions, and there is no
"supplementary" label.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from clinqa.text import segment
from clinqa.types import EvidenceCase, QAExample, Sentence


def evidence_cases(examples: Iterable[QAExample]) -> Iterator[EvidenceCase]:
    cache: dict[str, tuple[Sentence, ...]] = {}
    for ex in examples:
        if not ex.answers:
            continue
        if ex.note.id not in cache:
            cache.clear()  # examples come grouped by note: keep one note's sentences at a time
            cache[ex.note.id] = tuple(segment(ex.note.text, ex.note.id))
        sentences = cache[ex.note.id]
        essential = {s.id for s in sentences for a in ex.answers if s.start < a.end and a.start < s.end}
        if not essential:
            continue
        yield EvidenceCase(
            id=ex.id, note=ex.note, sentences=sentences, clinician_question=ex.question,
            relevance={s.id: ("essential" if s.id in essential else "not-relevant") for s in sentences},
        )
