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
from clinqa.text.shapes import VALUE


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
    none written as earlier or as a peak); one naming a moment of the stay reads that moment's
    values. None when the question names no lab, no single number after the lab's name, a number
    with a unit the lab is not measured in ("repeated 4 hours later", "80 mg"), or a comparison
    ("above", "within range"). Reads the lexicon's `question_words.comparing`, `present_openers`,
    `present_tense` and `moments`."""
    from clinqa.document.numbers import number_of
    from clinqa.qa.policy.lab_choice import in_one_series, in_parentheses_after_value, in_time, said_earlier
    from clinqa.qa.policy.labs import lab_in
    from clinqa.text.values import unit_dimension

    lex = lexicon()
    named = lab_in(question, with_start=True, terse=True)
    if named is None or re.search(r"[<>\u2264\u2265]", question) or lex.words_re("question_words", "comparing").search(question):
        return None
    lab, name_at = named
    numbers = [m for m in _ASKED_NUMBER.finditer(question) if not _in_lab_name(question, m.start())]
    if len(numbers) != 1 or numbers[0].start() < name_at:
        return None
    dims = lex.lab_by_name[lab].dimensions if lab in lex.lab_by_name else frozenset()
    unit = re.match(r"[ \t]*([^\s\d?,.;]+)", question[numbers[0].end():])
    if unit and unit_dimension(unit.group(1)) is not None and unit_dimension(unit.group(1)) not in dims and "any" not in dims:
        return None  # "Was the troponin repeated 4 hours later?": hours are no troponin
    asked = _in_first_unit(lab, number_of(numbers[0].group(1)))

    def fits(m) -> bool:  # ("Check potassium in 3 days": days are no potassium)
        d = unit_dimension(_unit_of(m.value))
        return d is None or not dims or d in dims or "any" in dims

    vals = [m for m in doc.measurements_of(lab) if m.number is not None and fits(m)]
    if not vals or asked is None:
        return None
    moment = moment_of(question)
    words = question.split()
    if moment is not None:
        vals = [m for m in vals if m.moment == moment]
        scope = f"at {moment}"
    elif (words and lex.words_re("question_words", "present_openers").fullmatch(words[0])) or \
            lex.words_re("question_words", "present_tense").search(question) or lex.words_re("moments", "latest").search(question):
        # (a value written as the stay's peak or nadir is no current one: "creatinine peaked at 212")
        extreme = re.compile(lex.words_alternation("moments", "peak") + "|" + lex.words_alternation("moments", "lowest"), re.I)
        current = [m for m in vals if not said_earlier(doc.text, m) and
                   not extreme.search(doc.text, max(_name_end(doc.text, m), m.start - 24), m.start)]
        if not current:  # only a peak or an earlier value: what it is now the note does not say
            m = vals[-1]
            return EventVerdict("uncertain", f"{lab} {m.value.strip()} is written as a peak or an earlier value; "
                                "the note gives no current value", m.name_start, m.end, None)
        # ("53 mmol/mol (7.0%)": one value in two units, which said_earlier reads as an earlier one)
        alt = next((m for m in vals if in_parentheses_after_value(doc.text, m) and _other_unit(doc.text, m)
                    and _same(m, lab, asked)), None)
        if alt is not None:
            return EventVerdict("yes", f"{lab} {alt.value.strip()} now (in another unit)", alt.name_start, alt.end, None)
        if len({m.number for m in current}) > 1:  # "HbA1c 35 mmol/mol (at diagnosis 37)": the other is aside
            outside = [m for m in current if not in_parentheses_after_value(doc.text, m)]
            current = outside if len({m.number for m in outside}) == 1 else current
        ordered = in_time([m for m in current if m.key is not None]) or in_one_series(current)
        vals = [ordered[-1]] if ordered else current if len({m.number for m in current}) == 1 else []
        scope = "now"
    else:
        scope = "in the note"
    if not vals:
        return None
    same = next((m for m in vals if _same(m, lab, asked)), None)
    if same is not None:
        return EventVerdict("yes", f"{lab} {same.value.strip()} {scope}", same.name_start, same.end, None)
    m = vals[-1]
    written = ", ".join(dict.fromkeys(v.value.strip() for v in vals))
    return EventVerdict("no", f"{lab} {scope}: {written}, not {numbers[0].group(1)}", m.name_start, m.end, None)


def _same(m, lab: str, asked: float) -> bool:
    """A value is the asked number, in its lab's first unit ("Temp 101.3 F" is 38.5)."""
    v = _in_first_unit(lab, m.number)
    # (a value converted from another unit is rounded: "101.3 F" is 38.5 to a tenth)
    return v is not None and abs(v - asked) < (0.06 if v != m.number else 1e-9)


def _other_unit(text: str, m) -> bool:
    """Whether a value in parentheses has a unit, and another than the value before it on its line."""
    unit = _unit_of(m.value)
    if not unit:
        return False
    line0 = text.rfind("\n", 0, m.start) + 1
    before = list(VALUE.finditer(text, line0, text.rfind("(", line0, m.start)))
    return bool(before) and (before[-1].group(3) or "").lower() != unit.lower()


def _unit_of(value: str) -> str | None:
    """The unit written after a value's number ("53 mmol/mol" -> "mmol/mol"), if any."""
    v = VALUE.match(value)
    return v.group(3) if v else None


def _name_end(text: str, m) -> int:
    """Where a measurement's lab name ends ("Peak flow" is no peak of a value)."""
    from clinqa.document.measurements import alias_re

    name = alias_re()[0].match(text, m.name_start)
    return name.end() if name else m.name_start


def _in_lab_name(question: str, pos: int) -> bool:
    """A digit of a lab's own name ("HbA1c", "CA 19-9", "vitamin B12", "FEV1")."""
    return bool(re.search(r"[A-Za-z]$", question[:pos]))

