"""A drug-class list question takes every drug of the class the note gives (qa/policy/classes.py)."""

from __future__ import annotations

import pytest

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


# a yes/no question about a drug class the note names only by its members
CLASS_NOTE = """CARDIOLOGY CLINIC
Current medicines:
- atorvastatin 40 mg at night
- nebivolol 5 mg once daily
- omeprazole 20 mg daily
Changes today: ramipril stopped because of a dry cough.
"""


@pytest.mark.parametrize("question,verdict", [
    ("Does she take a statin?", "yes"),
    ("Is the patient on a beta blocker?", "yes"),
    ("Is he taking a PPI?", "yes"),
    ("Is the patient still on an ACE inhibitor?", "no"),  # the one member was stopped
    ("Is the patient on a DOAC?", "not_mentioned"),  # no member at all
])
def test_a_class_the_patient_is_on_is_told_by_its_members(question, verdict):
    sents = segment(CLASS_NOTE, "c")
    d = AnswerPolicy().decide(Note("c", CLASS_NOTE), question, [], sents)
    assert d.verdict.verdict == verdict, d.verdict.reason
    if verdict == "yes":
        assert d.answers[0].text.split()[0].lower() in ("atorvastatin", "nebivolol", "omeprazole")


def test_a_class_word_not_after_on_or_taking_is_no_class_question():
    # "blood pressure" names a class of drugs only when the patient is on it
    text = "BP 150/90 today. Amlodipine 5 mg daily.\n"
    d = AnswerPolicy().decide(Note("b", text), "Is the blood pressure controlled?", [], segment(text, "b"))
    assert not d.answers[0].method.endswith("+events")


# medspaCy keeps "allergies" over what follows the allergy line; the drugs after it are given
AFTER_ALLERGIES = """THEATRE NOTE
Allergies: latex (hives). Morphine makes her itch; intolerance only.
Antibiotic prophylaxis: cefuroxime 1.5 g IV at induction.

1. Procedure. Laparoscopic appendicectomy.
2. Allergies. Latex.
3. Medications on discharge
   a) Co-amoxiclav 625 mg three times daily for 5 days
   b) Paracetamol 1 g four times daily
"""


def test_drugs_after_an_allergy_line_are_given_not_allergies():
    from clinqa.questionnaire import load_questionnaire

    c = {c.id: c for c in load_questionnaire("discharge-summary").concepts}["antibiotics"]
    d = AnswerPolicy().decide(Note("t", AFTER_ALLERGIES), c.questions["en"][0], [], segment(AFTER_ALLERGIES, "t"),
                              concept=c)
    got = [a.text.split()[0].lower() for a in d.answers if a.text]
    assert "cefuroxime" in got and "co-amoxiclav" in got, [a.reason for a in d.answers]
    assert "latex" not in got
