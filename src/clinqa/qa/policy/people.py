"""A question that asks who did something ("Who inserted the chest drain?", "Who was the result
phoned to?"; the lexicon's `question_words.person_asking`) is answered by a person's name as the
note writes one (a title before it or a credential after it, the lexicon's `person_names`), in
the sentence or on the line that holds every word the question names, nearest those words. The
reader answers such questions with the thing done ("180 mL", "Kiwi OmniCup") as often as with
the one who did it.

A question about the patient's relatives ("Who in the family has diabetes?") is not this rule's:
its answer is a relative, not a name."""

from __future__ import annotations

import re

from clinqa.document import ClinicalDocument
from clinqa.lexicon import PerLexicon, lexicon
from clinqa.qa.policy.spans import clause_bounds, sentences_and_lines
from clinqa.qa.policy.verdicts import concept_stems, stems_in

_NAME = r"(?:[A-Z]\.[ \t]?){0,2}[A-Z][A-Za-z'\u00c0-\u017f]+(?:[- ][A-Z][A-Za-z'\u00c0-\u017f]+){0,3}"
_PERSON = PerLexicon(lambda lex: re.compile(
    r"(?<![\w.])(?:" + lex.words_alternation("person_names", "titles") + r")[ \t]+" + _NAME +
    r"|(?<![\w.])" + _NAME + r",?[ \t]+(?:" + lex.words_alternation("person_names", "credentials") + r")(?![\w/-])"))
_ASKING = PerLexicon(lambda lex: lex.words_re("question_words", "person_asking"))


def asks_person(question: str) -> bool:
    """A who-question that is not about the patient's relatives."""
    lex = lexicon()
    return bool(re.match(r"\s*(?:¿\s*)?(?:" + _ASKING.get().pattern + ")", question, re.I)) and \
        not lex.words_re("question_words", "relatives").search(question)


def persons_in(text: str, start: int, end: int) -> list[re.Match]:
    return list(_PERSON.get().finditer(text, start, end))


def person_mention(doc: ClinicalDocument, question: str) -> tuple[int, int, str] | None:
    """(start, end, why) of the person named with every word a who-question names, in one
    sentence or on one line, nearest those words; None when the question names nothing, or no
    person or two different persons are so written."""
    if not asks_person(question):
        return None
    stems = concept_stems(_ASKING.get().sub(" ", question))
    if not stems:
        return None
    text = doc.text
    spans = sentences_and_lines(text, doc.sentences)
    found: dict[str, tuple[int, int]] = {}
    for a, b in spans:
        # (not the patient's own name, "Re: Mr Peter Hallworth, 72", nor one who tried and failed:
        # "attempted by Dr L. Park, unsuccessful")
        people = [p for p in persons_in(text, a, b) if not _the_patient(text, p.start()) and _did_it(text, p, a, b, stems)]
        if not people:
            continue
        hits = stems_in(text, a, b, stems)
        if len(hits) < len(stems) or any(p.start() <= x < p.end() for x, _ in hits.values() for p in people):
            continue  # (a word of the question inside the name is no mention of what was done)
        # nearest by its nearer edge: "Mr A. Venkatesan (Vascular Surgeon), Ms C. Rees (...)"
        best = min(people, key=lambda p: sum(min(abs(p.end() - x), abs(p.start() - y)) for x, y in hits.values()))
        found.setdefault(best.group(0), (best.start(), best.end()))
    if len(found) != 1:
        return None
    (s, e), = found.values()
    return s, e, f"the person named with {' '.join(stems)!r}"


_PATIENT_KEY = re.compile(r"(?:^|\n)[ \t]*(?:re|patient|pt|name|patient name)[ \t]*:[ \t]*$", re.I)
_UNDONE = PerLexicon(lambda lex: lex.words_re("event_status", "not_carried_out"))


def _the_patient(text: str, pos: int) -> bool:
    """Whether the name at `pos` is the value of the note's patient field ("Re:", "Patient:")."""
    return bool(_PATIENT_KEY.search(text[max(0, pos - 40):pos]))


def _did_it(text: str, person: re.Match, a: int, b: int, stems: list[str]) -> bool:
    """Whether the person's clause (between commas, semicolons or stops) says nothing of a failed
    or refused attempt, and it, a short clause beside it in apposition ("Dr K. Sato, HF
    consultant") or, for an agent ("..., by Dr H. Abiodun"), its sentence names one of the
    question's words (never only inside the name)."""
    bounds = clause_bounds(text, a, b, r"[,;\n]|\.\s")
    i = max(k for k, x in enumerate(bounds) if x <= person.start())
    c0, c1 = bounds[i], min(x for x in bounds if x >= person.end())
    own = text[c0:person.start()] + " " + text[person.end():c1]
    if _UNDONE.get().search(own):
        return False
    near = [own]
    if re.match(r"\s*by\b", text[c0:person.start()], re.I):
        near.append(text[a:c0])  # the agent of the sentence's event
    for x0, x1 in ((bounds[i - 1], c0) if i > 0 else (c0, c0), (c1, next((x for x in bounds if x > c1), c1))):
        if len(text[x0:x1].split()) <= 5 or (x1 == c0 and not own.strip(" \t(),.;:")):
            # apposition: "Dr Kenji Sato, HF consultant,"; "started by the anaesthetist, Dr O. Lindqvist"
            near.append(text[x0:x1])
    return any(stems_in(t, 0, len(t), stems) for t in near)
