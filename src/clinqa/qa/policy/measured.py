"""A yes/no verdict from the note's measurements, for a concept that a value defines: a fever is a
temperature at or above 38.0 C (the lexicon's synonym groups, `above`). It answers when the note
names the concept in no word: "T 38.4" on post-operative day 3 says she had a fever."""

from __future__ import annotations

import re

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


# the one number a question asks about: not part of a date, a time, a ratio or a range
_ASKED_NUMBER = re.compile(r"(?<![\w/.:,-])(\d+(?:[.,]\d+)?)(?![\w/:-]|[.,]\d)")


def value_verdict(doc: ClinicalDocument, question: str) -> EventVerdict | None:
    """"Is his ALT 40?", "Was the potassium 5.6 on admission?": yes when the note's value of the
    lab the question names is the question's number, no when the note's values are others (the
    question's number may be a limit, a target or an earlier value the note writes beside it).
    A question in the present tense reads the current value (the last in time, or in one trend,
    none written as earlier); one naming a moment of the stay reads that moment's values. None when
    the question names no lab, no single number, or a comparison ("above", "within range").
    Reads the lexicon's `question_words.comparing` and `present_tense`."""
    from clinqa.qa.policy.lab_choice import _in_one_series, _in_time, _said_earlier
    from clinqa.qa.policy.labs import lab_in

    lex = lexicon()
    lab = lab_in(question, terse=True)
    if lab is None or re.search(r"[<>\u2264\u2265]", question) or lex.words_re("question_words", "comparing").search(question):
        return None
    numbers = [m for m in _ASKED_NUMBER.finditer(question) if not _in_lab_name(question, m.start())]
    if len(numbers) != 1:
        return None
    asked = float(numbers[0].group(1).replace(",", "."))
    vals = [m for m in doc.measurements_of(lab) if m.number is not None]
    if not vals:
        return None
    moment = moment_of(question)
    if moment is not None:
        vals = [m for m in vals if m.moment == moment]
        scope = f"at {moment}"
    elif lex.words_re("question_words", "present_tense").fullmatch(question.split()[0] if question.split() else "") or \
            re.search(r"\bstill\b", question, re.I) or lex.words_re("moments", "latest").search(question):
        # (a value written as the stay's peak or nadir is no current one: "creatinine peaked at 212")
        extreme = re.compile(lex.words_alternation("moments", "peak") + "|" + lex.words_alternation("moments", "lowest") +
                             r"|peaked|\bfell to\b|\brose to\b", re.I)
        current = [m for m in vals if not _said_earlier(doc.text, m) and
                   not extreme.search(doc.text, max(_name_end(doc.text, m), m.start - 24), m.start)]
        if not current:  # only a peak or an earlier value: what it is now the note does not say
            m = vals[-1]
            return EventVerdict("uncertain", f"{lab} {m.value.strip()} is written as a peak or an earlier value; "
                                "the note gives no current value", m.name_start, m.end, None)
        if len({m.number for m in current}) > 1:  # "HbA1c 35 mmol/mol (at diagnosis 37)": the other is aside
            outside = [m for m in current if not _in_parentheses_after_value(doc.text, m)]
            current = outside if len({m.number for m in outside}) == 1 else current
        ordered = _in_time([m for m in current if m.key is not None]) or _in_one_series(current)
        vals = [ordered[-1]] if ordered else current if len({m.number for m in current}) == 1 else []
        scope = "now"
    else:
        scope = "in the note"
    if not vals:
        return None
    same = next((m for m in vals if abs(m.number - asked) < 1e-9), None)
    if same is not None:
        return EventVerdict("yes", f"{lab} {same.value.strip()} {scope}", same.name_start, same.end, None)
    m = vals[-1]
    written = ", ".join(dict.fromkeys(v.value.strip() for v in vals))
    return EventVerdict("no", f"{lab} {scope}: {written}, not {numbers[0].group(1)}", m.name_start, m.end, None)


def _in_parentheses_after_value(text: str, m) -> bool:
    """Whether a value sits in parentheses opened after another number on its line."""
    line0 = text.rfind("\n", 0, m.start) + 1
    opened = text.rfind("(", line0, m.start)
    return opened > text.rfind(")", line0, m.start) and bool(re.search(r"\d", text[line0:opened]))


def _name_end(text: str, m) -> int:
    """Where a measurement's lab name ends ("Peak flow" is no peak of a value)."""
    from clinqa.document.trends import alias_re

    name = alias_re()[0].match(text, m.name_start)
    return name.end() if name else m.name_start


def _in_lab_name(question: str, pos: int) -> bool:
    """A digit of a lab's own name ("HbA1c", "CA 19-9", "vitamin B12", "FEV1")."""
    return bool(re.search(r"[A-Za-z]$", question[:pos]))

