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
from clinqa.qa.policy.spans import between_stops

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
# "type 2", "grade III", "stage 4b", "class IV": a kind's word, then its value
_KIND_VALUE = PerLexicon(lambda lex: re.compile(
    r"(?<![\w-])(?P<kind>" + lex.words_alternation("question_words", "subtype_kinds") + r")[ \t]*[:-]?[ \t]*"
    r"(?P<value>\d{1,2}[a-c]?|[ivx]{1,4}[a-c]?)(?![\w/-]|[.,]\d)", re.I))
# "haemophilia B", "hepatitis C": a word, then one capital letter (never "I", a pronoun or a numeral)
_LETTER_AFTER = re.compile(r"(?<![\w-])(?P<kind>[A-Za-z]{4,})[ \t]+(?P<value>[A-EG-H])(?![\w.'-])")
# a question's shorthand too ("Hep C?"): its kind is a word the note's may continue ("hepatitis")
_LETTER_AFTER_Q = re.compile(r"(?<![\w-])(?P<kind>[A-Za-z]{3,})[ \t]+(?P<value>[A-EG-H])(?![\w.'-])")


def _value(v: str) -> str:
    low = v.lower()
    m = re.fullmatch(r"([ivx]{1,4})([a-c]?)", low)
    if m and m.group(1) in _ROMAN:
        return f"{_ROMAN[m.group(1)]}{m.group(2)}"
    return low


def qualifiers(text: str, short: bool = False) -> list[tuple[str, str, str]]:
    """(kind, value, as written) of each type, grade or stage `text` writes ("type 2", "grade II" is
    grade 2), and each capital letter after a word ("haemophilia B"; after a word of three letters
    too with `short`, a question's "Hep C")."""
    out = [(m.group("kind").lower(), _value(m.group("value")), m.group(0)) for m in _KIND_VALUE.get().finditer(text)]
    out += [(m.group("kind").lower(), m.group("value").lower(), m.group(0))
            for m in (_LETTER_AFTER_Q if short else _LETTER_AFTER).finditer(text)]
    return out


def _same_kind(a: str, b: str) -> bool:
    """"hep" and "hepatitis" are one kind: one word the start of the other."""
    return a.startswith(b) or b.startswith(a)


# a side: "right", "left", "R", "L" ("-sided" too); never "2 L" (litres), "R/O" (rule out), nor the verb
# "was left with", "left the ward"
_SIDE = re.compile(r"(?<![\w-])(?<!\d )(?<!\d)(?:(?P<right>right|rt|R)|(?P<left>left|lt|L))(?:-sided)?(?![\w/-])")
_VERB_LEFT = re.compile(r"\b(?:was|were|is|are|be|been|being|get|got|gets|has|have|had|he|she|they|patient|pt)\s+$|"
                        r"^\s+(?:with|the|home|hospital|ama|against|before|after|on|at|for|in)\b", re.I)


def _sides(text: str) -> set[str]:
    """The sides `text` names ("right", "R", "left", "L"; a lone capital only as written)."""
    out = set()
    for m in _SIDE.finditer(text):
        word = m.group(0).removesuffix("-sided")
        if m.group("left") and (_VERB_LEFT.search(text[max(0, m.start() - 12):m.start()]) or
                                _VERB_LEFT.match(text[m.end():m.end() + 12])):
            continue  # the verb: "was left with weakness", "left the ward"
        if len(word) == 1 or word.lower() == word or word.istitle() or word.isupper():
            out.add("right" if m.group("right") else "left")
    return out


def _clause(text: str, a: int, b: int) -> str:
    """The text around text[a:b] up to the stop, semicolon or line end on either side."""
    return between_stops(text, a, b, ".;\n")


def subtype_checked(text: str, question: str, decision):
    """The decision, its yes turned to no when the evidence gives the asked kind only with other
    values ("type 2" for "Type 1 diabetes?"), and its yes or uncertain turned to no when it names
    the other side only and the note never writes the asked side in the concept's sentence
    ("Right pleural effusion?" on "Small left pleural effusion"); unchanged otherwise."""
    v = decision.verdict
    if v is None or v.verdict not in ("yes", "uncertain") or v.start < 0:
        return decision
    side = _side_conflict(text, question, v)
    if side is not None:
        return replace(decision, verdict=replace(v, verdict="no", reason=f"{side} ({v.reason})"))
    asked = qualifiers(question, short=True)
    if not asked or v.verdict != "yes":
        return decision
    a, b = (v.term_start, v.term_end) if v.term_start >= 0 else (v.start, v.end)
    # the term's clause: "PMH: diet-controlled type 2 diabetes, HTN"; "haemophilia A, severe"
    said = qualifiers(_clause(text, a, b))
    for kind, value, written in asked:
        other = [w for k, x, w in said if _same_kind(k, kind) and x != value]
        # (the asked value anywhere in the note leaves the yes to the mentions: "grade III sacral ulcer")
        if other and not any(_same_kind(k, kind) and x == value for k, x, _ in qualifiers(text)):
            why = f"the note gives {other[0]!r}, not {written!r}"
            return replace(decision, verdict=replace(v, verdict="no", reason=f"{why} ({v.reason})"))
    return decision


def _side_conflict(text: str, question: str, v) -> str | None:
    """Why the evidence is of the other side than the question's, or None."""
    asked = _sides(re.sub(r"(?<![\w-])[RL](?![\w-])", " ", question))  # (a question's own words only: "left", "right")
    if len(asked) != 1 or v.term_start < 0:
        return None
    said = _sides(_clause(text, v.term_start, v.term_end))  # (its own line and sentence only)
    other = {"left", "right"} - asked
    if not (said & other) or said & asked:
        return None
    head = text[v.term_start:v.term_end].split()[-1].lower()
    for sent in re.split(r"(?<=[.;\n])", text):  # the asked side anywhere with the concept leaves it to the mentions
        if head in sent.lower() and _sides(sent) & asked:
            return None
    return f"the note's {text[v.term_start:v.term_end]!r} is on the {next(iter(other))} side, not the {next(iter(asked))}"
