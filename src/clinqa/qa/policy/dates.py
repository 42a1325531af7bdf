"""A date question about something the note dates in the same sentence ("When was the EGD done?"
on "EGD on [**2201-1-9**] showed a clean-based ulcer"): the date nearest the words that name it."""

from __future__ import annotations

import re

from clinqa.document import ClinicalDocument
from clinqa.lexicon import lexicon

# words of a date question that name no part of what it asks about
_ASKING = re.compile(r"^(?:when|what|which|date|day|time|done|performed|placed|collected|started|given|drawn|"
                     r"obtained|taken|inserted|removed|held|stopped|happen\w*|occur\w*|first|last)$", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")


def dated_mention(doc: ClinicalDocument, question: str) -> tuple[int, int, str] | None:
    """(start, end, why) of the date written in the sentence that holds every word the question
    names (up to inflection), nearest those words; None when no sentence holds them and a date,
    or two sentences do with different dates."""
    filler = lexicon().words_re("question_words", "filler")
    words = [w.lower() for w in _WORD.findall(question) if not filler.fullmatch(w) and not _ASKING.match(w)]
    stems = list(dict.fromkeys(w[:5] for w in words))
    if not stems:
        return None
    dates = [a for a in doc.anchors if a.kind == "date"]
    found = []
    for s in doc.sentences:
        if s.kind == "header":
            continue
        hits = [m for m in _WORD.finditer(doc.text, s.start, s.end) if m.group(0).lower()[:5] in stems]
        if len({m.group(0).lower()[:5] for m in hits}) < len(stems):
            continue
        in_sent = [a for a in dates if s.start <= a.start < s.end]
        if not in_sent:
            continue
        mid = sum(m.start() for m in hits) / len(hits)
        best = min(in_sent, key=lambda a: abs(a.start - mid))
        found.append((best, s))
    if not found or len({doc.text[a.start:a.end] for a, _ in found}) > 1:
        return None
    a, _ = found[0]
    return a.start, a.end, f"the date written with {' '.join(words)} in the same sentence"
