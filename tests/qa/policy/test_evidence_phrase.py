"""A yes/no answer shows the mention that decides it, with the words around it that belong to it:
not the bare term, not a whole run-on sentence (qa/policy/evidence.py: mention_phrase)."""

from __future__ import annotations

from clinqa.lexicon import lexicon
from clinqa.qa.policy import AnswerPolicy
from clinqa.qa.policy.evidence import mention_phrase
from clinqa.text import segment
from clinqa.types import Note

NOTE = """Ward review 14/03/2193

Allergies: co-trimoxazole - widespread hives
Background: hypertension; type 2 diabetes on metformin (diet alone until 2190)
Exam: On auscultation there was a harsh pansystolic murmur at the apex that radiated towards the axilla and was not previously documented by the admitting team.
Procedure: Knee washout. Joint irrigated with 6 L saline, drain not required.
Chest drain not inserted (lung re-expanded on the repeat film).
Medications on leaving:
- Omeprazole 20 mg daily (new)
- Bisoprolol 2.5 mg mane
"""


def _verdict(question: str):
    note = Note("n", NOTE)
    return AnswerPolicy().decide(note, question, [], segment(NOTE, note.id)).verdict


def test_a_field_value_is_shown_without_its_key_or_its_neighbours():
    v = _verdict("Is she diabetic?")
    assert v.verdict == "yes" and v.text == "type 2 diabetes on metformin"


def test_a_long_sentence_gives_the_term_and_its_modifiers():
    v = _verdict("Does she have a murmur?")
    assert v.verdict == "yes" and v.text == "harsh pansystolic murmur"


def test_the_comma_clause_with_the_cue_not_the_clause_before_it():
    v = _verdict("Was a drain left in?")
    assert v.verdict == "no" and v.text == "drain not required"


def test_an_aside_in_brackets_after_the_mention_is_left_out():
    v = _verdict("Was a chest drain inserted?")
    assert v.verdict == "no" and v.text == "Chest drain not inserted"


def test_the_phrase_always_holds_the_mention_and_stays_in_its_line():
    edges = lexicon().words_re("evidence_phrase", "edges")
    for term in ("hives", "murmur", "saline", "Omeprazole", "Bisoprolol"):
        s = NOTE.index(term)
        a, b = mention_phrase(NOTE, s, s + len(term), edges)
        assert a <= s and s + len(term) <= b and "\n" not in NOTE[a:b]
    s = NOTE.index("Omeprazole")
    a, b = mention_phrase(NOTE, s, s + len("Omeprazole"), edges)
    assert NOTE[a:b] == "Omeprazole 20 mg daily"



def test_evidence_across_lines_keeps_its_lines_and_their_cue():
    edges = lexicon().words_re("evidence_phrase", "edges")
    text = "Review of systems\nChest pain\n   denied\n"
    a, b = mention_phrase(text, text.index("Chest"), text.index("denied") + len("denied"), edges)
    assert text[a:b] == "Chest pain\n   denied"
