"""A yes/no verdict from the note's measurements, for a concept that a value defines: a fever is a
temperature at or above 38.0 C (the lexicon's synonym groups, `above`). It answers when the note
names the concept in no word: "T 38.4" on post-operative day 3 says she had a fever."""

from __future__ import annotations

from clinqa.document import ClinicalDocument
from clinqa.document.time import moment_of
from clinqa.lexicon import lexicon
from clinqa.qa.policy.events import EventVerdict
from clinqa.qa.policy.time_scope import asks_at_a_moment


def measured_verdict(doc: ClinicalDocument, terms: tuple[str, ...], question: str) -> EventVerdict | None:
    """"yes" with the first value at or above its concept's threshold as evidence. A question
    naming a moment of the stay ("Was he febrile on arrival?", "... at discharge?") reads only
    the values of that moment: "no" when all of them are below it (the last as evidence). None
    when the concept has no threshold, the question asks about the state now, or no value
    answers (a normal value says nothing of other times)."""
    lex = lexicon()
    moment = moment_of(question)
    if moment is None and asks_at_a_moment(question):
        return None  # a question about the state now: not a value at any time
    limits = dict(pair for t in terms for pair in lex.above_of.get(t.lower(), ()))
    for lab, limit in limits.items():
        values = [(m, _in_first_unit(lab, m.number)) for m in doc.measurements_of(lab)
                  if moment is None or m.moment == moment]
        values = [(m, v) for m, v in values if v is not None]
        high = next(((m, v) for m, v in values if v >= limit), None)
        if high is not None:
            m = high[0]
            why = f"{lab} {m.value.strip()} is at or above {limit:g}" + (f" ({moment})" if moment else "")
            return EventVerdict("yes", why, m.name_start, m.end, None)
        if moment is not None and values:
            m = values[-1][0]
            why = f"{lab} at {moment}: {', '.join(x.value.strip() for x, _ in values)}, below {limit:g}"
            return EventVerdict("no", why, m.name_start, m.end, None)
    return None


def _in_first_unit(lab: str, number: float | None) -> float | None:
    """A value in its lab's first unit: a body temperature written in Fahrenheit (>= 90) in
    Celsius."""
    if number is None:
        return None
    if lab == "temperature" and number >= 90:
        return (number - 32) * 5 / 9
    return number
