"""A drug-class list question takes every drug of the class the note gives (qa/policy/classes.py)."""

from __future__ import annotations

from clinqa.document.events import drug_spans
from clinqa.qa.policy import AnswerPolicy
from clinqa.text import segment
from clinqa.types import Note

NOTE = """Progress note, day 4
Blood cultures: Klebsiella, resistant to ampicillin, susceptible to meropenem and ceftriaxone.
Started on vancomycin/cefepime on admission; ceftriaxone 2 g IV daily from day 3.
Vancomycin was stopped on day 2 when the MRSA swab came back negative.
Allergies: penicillin (rash).
Plan: continue ceftriaxone, total 14 days.
"""


def _items(question: str) -> list[str]:
    d = AnswerPolicy().decide(Note("p", NOTE), question, [], segment(NOTE, "p"))
    return [a.text for a in d.answers]


def test_a_slash_joined_pair_names_two_drugs():
    i = NOTE.index("vancomycin/cefepime")
    assert [n for _, _, n in drug_spans(NOTE, i, i + 19)] == ["vancomycin", "cefepime"]


def test_every_antibiotic_given_and_none_of_a_cultures_susceptibilities():
    items = _items("What antibiotics was the patient treated with?")
    assert items == ["vancomycin", "cefepime", "ceftriaxone 2 g IV daily"]  # no ampicillin, no meropenem
    # asked about now: a drug the note stopped since is not listed
    now = _items("What antibiotics is the patient on now?")
    assert "vancomycin" not in " ".join(now) and "ceftriaxone 2 g IV daily" in now
