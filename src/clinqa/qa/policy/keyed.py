"""A terse question that names a field of the note by its key ("Allergies?", "Cause of ESKD?",
"Time of arrival?"), or asks who did what a "<Verb> by:" field records ("Who reported the scan?"
on "Reported by: Dr Maran"), is answered by that field's value, wherever the field stands: alone on its
line, after a sentence ("Meds: TLD only. Allergies: cotrimoxazole - SJS (2182). Smoker 10/day")
or beside other fields ("Date: 22/11/2187    Arrival: 23h10 (EMS)"). Without this the reader
answers with the key itself, the words it shares with the question."""

from __future__ import annotations

import re

from clinqa.lexicon import PerLexicon
from clinqa.qa.policy.forms import TERSE_Q
from clinqa.text.values import has_date
from clinqa.text.vocab import drugs_in
from clinqa.text.vocab import words as words_of
from clinqa.qa.policy.spans import line_span
from clinqa.qa.policy.verdicts import _WORD, _same_word, _stem, concept_stems

# a key: after a line start, a sentence's end, a tab or a run of spaces; its value: up to the
# next sentence, a run of spaces (the next field) or the line's end
_KEY = re.compile(r"(?:^|(?<=[.;] )|(?<=\t)|(?<=  ))[ \t]*(?P<key>[A-Za-z][A-Za-z0-9 ()/&'-]{1,40}?)"
                  r"(?:[ \t]*:|[ \t]+\.{3,})[ \t]+"  # "Arrival: 23h10", "Last known well (LKW) ........ 13:05"
                  # (an initial's or a title's full stop ends no sentence: "Dr N. Quaresma")
                  r"(?P<value>[^\n]+?)(?=(?<![ (][A-Z])(?<!Dr)(?<!Mr)(?<!Ms)(?<!St)\.[ \t]+[A-Z]|;|[ \t]{3,}|\t|[ \t]*\n|[ \t]*$)",
                  re.M)


# "Who requested the scan?", "Who dictated the summary?": the verb a "<Verb> by:" field is keyed by
_WHO = re.compile(r"^\s*who\s+(?P<verb>[a-z]+ed)\b", re.I)


def _same(a: str, b: str) -> bool:
    """The same word up to its inflection, never a compound's first part ("door" is not
    "door-to-needle")."""
    short, long_ = sorted((a, b), key=len)
    return _same_word(a, b) and "-" not in long_[len(short):]


# a question's words asking for a date or a value, not naming what it asks about
_ASKING_THE_TYPE = PerLexicon(lambda lex: re.compile(lex.words_re("question_words", "date_asking").pattern + "|" +
                                                     lex.words_re("question_words", "value_asking").pattern, re.I))


def _value(m: re.Match, key: str) -> tuple[int, int, str]:
    value = m.group("value").rstrip(" .,")
    return m.start("value"), m.start("value") + len(value), f"the value of the note's {key!r} field"


def keyed_value(text: str, question: str) -> tuple[int, int, str] | None:
    """(start, end, why) of the value of the note's field whose key names what a terse question
    asks (the question's words less those asking for a date or a value: "Time of arrival?" is
    the "Arrival" field); the first such field. None for a question of another form, or when no
    key names exactly what it asks."""
    who = _WHO.match(question)
    if who:  # "Who reported the scan?" on "Reported by: Dr Eliska Maran"
        stem = _stem(who.group("verb"))
        for m in _KEY.finditer(text):
            words = m.group("key").lower().split()
            if len(words) == 2 and words[1] == "by" and _same_word(_stem(words[0]), stem):
                return _value(m, m.group("key"))
        return None
    if not TERSE_Q.match(question):
        return None
    asked = concept_stems(question.rstrip(" ?"), _ASKING_THE_TYPE.get())
    named = concept_stems(question.rstrip(" ?"))  # ("last" asks for a value, and may be the key's own: "Last known well")
    if not asked:
        return None
    for m in _KEY.finditer(text):
        key = re.sub(r"\([^()]*\)", " ", m.group("key"))
        stems = concept_stems(key)
        if stems and all(any(_same(k, q) for q in named) for k in stems) and \
                all(any(_same(q, k) for k in stems) for q in asked):
            if m.group("value").rstrip(" .,"):
                return _value(m, key.strip())
    return None



# a value right after its name: "ASPECTS 9", "BMI 38.9", "GCS: 14", "score of 3"; never a date's or
# a time's first part ("CT 12/03/2187"); its unit, when one follows, is the lexicon's (units.yaml)
_AFTER_NAME = PerLexicon(lambda lex: re.compile(
    r"(?:[ \t]+(?:" + lex.words_alternation("question_words", "value_names") + r"))?"
    r"[ \t]*(?::|=|\bof\b|\bwas\b|\bis\b)?[ \t]*(?P<num>\d+(?:[.,]\d+)?)(?![\d./:-]*\d)"
    r"(?:[ \t]*(?P<unit>" + lex.unit_re + r")(?![\w/]))?", re.I))
_UNIT = PerLexicon(lambda lex: re.compile(lex.unit_re, re.I))
_VALUE_ASKING = PerLexicon(lambda lex: lex.words_re("question_words", "value_asking"))
_DOSE_UNIT = PerLexicon(lambda lex: re.compile(lex.dose_unit_re, re.I))
# a measure named by its time ("Clamp time?", "Door-to-needle time?") and the units of a duration
_DURATION_Q = PerLexicon(lambda lex: re.compile(
    r"\b(?:" + lex.words_alternation("question_words", "duration_names") + r")\s*\??\s*$", re.I))
_DURATION_UNIT = PerLexicon(lambda lex: re.compile(
    "|".join(p for name, p in ((n, p.pattern) for n, p in lex.dimension_res) if name == "time") or r"(?!x)x", re.I))
_ASKS_A_TIME = PerLexicon(lambda lex: re.compile(r"\b(?:at|on|in|during|since|until)\b|" +
                                                 lex.words_re("question_words", "date_asking").pattern, re.I))
_OWN_NUMBER = re.compile(r"(?<![A-Za-z0-9-])\d")  # a number of the question's own: a time, a day
_NAME_DIGITS = re.compile(r"-?\d+(?![.,]?\d)(?=[\s:=]|$)")
_MORE_VALUES = re.compile(r"->|→|\bthen\b|,[ \t]*(?:and[ \t]+)?\d|\b(?:and|to|rising|falling)[ \t]+\d|"
                          r"[ \t]{2,}[<>~]?\d")  # (a table's row: "Dysphagia   0    1    2")
# a value just before its name: "50 pack-years"
_BEFORE_NAME = re.compile(r"(?<![\w./:-])(?P<num>\d+(?:[.,]\d+)?)[ \t]*$")


def named_number(text: str, question: str, unit_or_code: bool = False) -> tuple[int, int, str] | None:
    """(start, end, why) of the one value the note writes right beside the name a terse number
    question asks ("ASPECTS?" on "... ASPECTS 9.", "Pack-years?" on "50 pack-years"): the name's
    words in the question's order with nothing between them, then the number (with its unit when
    one follows) on the same line, or the number just before them. None for a question of another
    form, when the name occurs with no value beside it, or when it has two different values beside
    it (which one is asked is then the lab choice's or the reader's). `unit_or_code`: only a value
    with a unit, or one beside a name written as a code ("ASPECTS", "CURB-65"), for a question whose
    answer need not be a number ("Plan?" on "Plan 1) IV fluids" is no "1")."""
    if not TERSE_Q.match(question) or _OWN_NUMBER.search(question):
        return None  # ("NEWS2 on day 3?", "Drain output at 01h30?": which value is another matter)
    # a question that times its value ("BMI at clinic?") is not this rule's; one that asks a time
    # ("Clamp time?", "Time of birth?") takes only a duration ("31 min"), never a clock time or a date
    timed = _ASKS_A_TIME.get().search(question)
    duration = _DURATION_Q.get().search(question)
    if timed and not duration:
        return None
    # ("time" may be a word of a duration's name, "Cross-clamp time 27 min", or not, "door-to-needle 29 min")
    for skip in ((_VALUE_ASKING.get(), _ASKING_THE_TYPE.get()) if duration else (_ASKING_THE_TYPE.get(),)):
        asked = concept_stems(question.rstrip(" ?"), skip)
        if not asked or len(asked) > 3:
            return None
        found = _beside(text, question, asked, bool(timed))
        if found:
            break
    if not found or len(found) != 1:
        return None
    (s, t), = found.values()
    unit = re.search(r"[A-Za-z%]", text[s:t]) or re.match(r"[ \t]?[A-Za-z]{1,5}/[A-Za-z0-9]{1,5}\b", text[t:t + 12])
    if unit_or_code and not (unit or re.fullmatch(r"[A-Z0-9-]{2,}", _name_of(question))):
        return None  # ("1.5 L/day": a unit the lexicon does not list still makes it a value)
    return s, t, f"the one value the note writes beside {question.rstrip(' ?')!r}"


def _beside(text: str, question: str, asked: list[str], timed: bool) -> dict[str, tuple[int, int]] | None:
    """{number: (start, end)} of the values written beside the name whose word stems are `asked`
    (in order, nothing between them); None when one of them opens a series."""
    words = list(_WORD.finditer(text))
    found: dict[str, tuple[int, int]] = {}
    for i in range(len(words) - len(asked) + 1):
        run = words[i:i + len(asked)]
        if not all(_same(_stem(w.group(0)), q) for w, q in zip(run, asked)) or \
                any(text[x.end():y.start()].strip() for x, y in zip(run, run[1:])):
            continue
        a, b = run[0].start(), run[-1].end()
        own = _NAME_DIGITS.match(text, b)  # "CURB-65: 1", "FEV1 1.9 L": the name's own digits
        if own and text[a:own.end()].lower() not in question.lower():
            continue  # (another name: "NEWS2" is not what "NEWS?" asks)
        b = own.end() if own else b
        line_end = line_span(text, b)[1]
        after = _AFTER_NAME.get().match(text, b, line_end)
        if after and timed and not _DURATION_UNIT.get().fullmatch(after.group("unit") or ""):
            continue
        if after and after.group("unit") and _DOSE_UNIT.get().fullmatch(after.group("unit")) and \
                drugs_in(words_of(text[a:b])):
            continue  # "vancomycin 2 g" is a dose, not the drug's level
        if after and not has_date(text[after.start("num"):after.end("num") + 12]):  # "28 March 2190" is a date
            clause = re.split(r"[;.](?:\s|$)", text[after.end():line_end])[0]
            if _MORE_VALUES.search(clause):  # "120 mL by 06:00, 210 mL by noon", "14 -> 9": a series
                return None
            found.setdefault(after.group("num"), (after.start("num"), after.end("unit") if after.group("unit")
                                                   else after.end("num")))
            continue
        before = _BEFORE_NAME.search(text, line_span(text, a)[0], a)
        if before and _UNIT.get().fullmatch(text[a:b]):  # "50 pack-years": the name is the number's unit
            found.setdefault(before.group("num"), (before.start("num"), b))
    return found


def _name_of(question: str) -> str:
    """A terse question's name as written, without its question mark ("CURB-65?" -> "CURB-65")."""
    return question.strip().rstrip("?").strip()
