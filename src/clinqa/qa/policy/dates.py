"""A date question about something the note dates in the same sentence ("When was the EGD done?"
on "EGD on [**2201-1-9**] showed a clean-based ulcer"): the date nearest the words that name it."""

from __future__ import annotations

from clinqa.document import ClinicalDocument
from clinqa.lexicon import lexicon
from clinqa.qa.policy.verdicts import concept_stems, stems_in

def dated_mention(doc: ClinicalDocument, question: str) -> tuple[int, int, str] | None:
    """(start, end, why) of the date written in the sentence that holds every word the question
    names (the same word up to inflection, as yes/no concepts are found by their words), nearest
    those words; None when no sentence holds them and a date, or two sentences do with different
    dates."""
    stems = concept_stems(question, lexicon().words_re("question_words", "date_asking"))
    if not stems:
        return None
    dates = [a for a in doc.anchors if a.kind == "date"]
    found = []
    for s in doc.sentences:
        if s.kind == "header":
            continue
        hits = stems_in(doc.text, s.start, s.end, stems)
        if len(hits) < len(stems):
            continue
        in_sent = [a for a in dates if s.start <= a.start < s.end]
        if not in_sent:
            continue
        mid = sum(a for a, _ in hits.values()) / len(hits)
        best = min(in_sent, key=lambda a: abs(a.start - mid))
        found.append((best, s))
    if not found or len({doc.text[a.start:a.end] for a, _ in found}) > 1:
        return None
    a, _ = found[0]
    return a.start, a.end, f"the date written with {' '.join(stems)} in the same sentence"
