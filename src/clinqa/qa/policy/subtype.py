"""A yes/no question that names a concept's type, grade or stage ("Type 1 diabetes?", "Grade 3
pressure ulcer?", "Haemophilia B?") is not answered yes by a mention that gives another of the
same kind and not the one asked ("diet-controlled type 2 diabetes", "Grade 2 pressure ulcer R
heel", "haemophilia A, severe"): the answer is no, with that mention. The concept's words alone
match either, so without this the subtype the question names was dropped. The kinds are lexicon
data (`question_words.subtype_kinds`)."""

from __future__ import annotations

import re
from dataclasses import replace

from clinqa.lexicon import PerLexicon

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
# "type 2", "grade III", "stage 4b", "class IV": a kind's word, then its value
_KIND_VALUE = PerLexicon(lambda lex: re.compile(
    r"(?<![\w-])(?P<kind>" + lex.words_alternation("question_words", "subtype_kinds") + r")[ \t]*[:-]?[ \t]*"
    r"(?P<value>\d{1,2}[a-c]?|[ivx]{1,4}[a-c]?)(?![\w/-]|[.,]\d)", re.I))
# "haemophilia B", "hepatitis C": a word, then one capital letter (never "I", a pronoun or a numeral)
_LETTER_AFTER = re.compile(r"(?<![\w-])(?P<kind>[A-Za-z]{4,})[ \t]+(?P<value>[A-EG-H])(?![\w.'-])")


def _value(v: str) -> str:
    low = v.lower()
    m = re.fullmatch(r"([ivx]{1,4})([a-c]?)", low)
    if m and m.group(1) in _ROMAN:
        return f"{_ROMAN[m.group(1)]}{m.group(2)}"
    return low


def qualifiers(text: str) -> list[tuple[str, str, str]]:
    """(kind, value, as written) of each type, grade or stage `text` writes ("type 2", "grade II" is
    grade 2), and each capital letter after a word ("haemophilia B")."""
    out = [(m.group("kind").lower(), _value(m.group("value")), m.group(0)) for m in _KIND_VALUE.get().finditer(text)]
    out += [(m.group("kind").lower(), m.group("value").lower(), m.group(0)) for m in _LETTER_AFTER.finditer(text)]
    return out


def subtype_checked(text: str, question: str, decision):
    """The decision, its yes turned to no when the evidence gives the asked kind only with other
    values ("type 2" for "Type 1 diabetes?"); unchanged otherwise."""
    v = decision.verdict
    if v is None or v.verdict != "yes" or v.start < 0:
        return decision
    asked = qualifiers(question)
    if not asked:
        return decision
    a, b = (v.term_start, v.term_end) if v.term_start >= 0 else (v.start, v.end)
    # the term's clause: "PMH: diet-controlled type 2 diabetes, HTN"; "haemophilia A, severe"
    a = max(text.rfind(c, 0, a) for c in ".;\n") + 1
    stop = [i for i in (text.find(c, b) for c in ".;\n") if i >= 0]
    said = qualifiers(text[a:min(stop) if stop else len(text)])
    for kind, value, written in asked:
        other = [w for k, x, w in said if k == kind and x != value]
        # (the asked value anywhere in the note leaves the yes to the mentions: "grade III sacral ulcer")
        if other and not any(k == kind and x == value for k, x, _ in qualifiers(text)):
            why = f"the note gives {other[0]!r}, not {written!r}"
            return replace(decision, verdict=replace(v, verdict="no", reason=f"{why} ({v.reason})"))
    return decision
