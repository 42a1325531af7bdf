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
from clinqa.qa.policy.verdicts import _same_word, _stem, concept_stems

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
