"""A yes/no verdict from the note's measurements, for a concept that a value defines: a fever is a
temperature at or above 38.0 C (the lexicon's synonym groups, `above`). It answers when the note
names the concept in no word: "T 38.4" on post-operative day 3 says she had a fever."""

from __future__ import annotations

import re

from clinqa.document import ClinicalDocument
from clinqa.lexicon import lexicon
from clinqa.qa.policy.events import EventVerdict

# a question about the state now, or at one moment, is not answered by a value at any time
_NOW = re.compile(r"\b(?:now|currently|current|still|today|at discharge|on discharge|at present)\b", re.I)


def measured_verdict(doc: ClinicalDocument, terms: tuple[str, ...], question: str) -> EventVerdict | None:
    """"yes" with the first value at or above its concept's threshold as evidence; None when the
    concept has no threshold, the question asks about a moment, or no value reaches it (a normal
    value says nothing of other times)."""
    if _NOW.search(question):
        return None
    lex = lexicon()
    limits = dict(pair for t in terms for pair in lex.above_of.get(t.lower(), ()))
    for lab, limit in limits.items():
        for m in doc.measurements_of(lab):
            value = _in_first_unit(lab, m.number)
            if value is not None and value >= limit:
                why = f"{lab} {m.value.strip()} is at or above {limit:g}"
                return EventVerdict("yes", why, m.name_start, m.end, None)
    return None


def _in_first_unit(lab: str, number: float | None) -> float | None:
    """A value in its lab's first unit: a body temperature written in Fahrenheit (>= 90) in
    Celsius."""
    if number is None:
        return None
    if lab == "temperature" and number >= 90:
        return (number - 32) * 5 / 9
    return number
