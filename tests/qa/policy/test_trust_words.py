"""Words that keep a yes/no question from a false "yes" (session 28): a field's "neg" is a
negative result, a consent's "Risks:" names what may happen, and a finding's name in a service's
name ("... Treatment Centre", "stroke unit") is no finding. Notes written for these tests in
their own words."""

from __future__ import annotations

import pytest

from clinqa.qa.policy import AnswerPolicy
from clinqa.text import segment
from clinqa.types import Note


def _verdict(text: str, question: str) -> str | None:
    note = Note("n", text)
    d = AnswerPolicy().decide(note, question, [], segment(note.text, note.id))
    return d.verdict.verdict if d.verdict else None


@pytest.mark.parametrize("text,question,verdict", [
    ("Screening bloods (Feb): syphilis: neg. Hep B sAg: -ve.", "Syphilis?", "no"),
    ("Screening bloods (Feb): syphilis: neg. Hepatitis B: -ve.", "Does he have hepatitis B?", "no"),
    ("Complications include wound infection and DVT; leaflet given.", "Has he had a DVT?", "not_mentioned"),
    ("Letter from the Sickle Cell Centre, clinic 4. Diagnosis: beta thalassaemia trait.",
     "Does she have sickle cell disease?", "not_mentioned"),
    ("Transferred to the stroke unit for rehabilitation after his hip fracture.", "Did he have a stroke?", "not_mentioned"),
])
def test_no_false_yes(text, question, verdict):
    assert _verdict(text, question) == verdict


def test_a_risk_word_in_a_sentence_of_its_own_leaves_the_findings():
    assert _verdict("Cardiovascular risks reviewed. Known hypertension, on amlodipine.", "Hypertension?") == "yes"


@pytest.mark.parametrize("text,verdict", [
    ("Physio: block of 8 sessions completed in March; home exercises only now.", "no"),
    ("Physio: twice weekly, 3 of 8 sessions so far.", "yes"),
])
def test_a_course_completed_is_not_still_going(text, verdict):
    assert _verdict(text, "Is she still having physio?") == verdict



@pytest.mark.parametrize("text,question,verdict", [
    ("Booking bloods: hepatitis B non-reactive, rubella immune.", "Does she have hepatitis B?", "no"),
    ("Transfusion reaction review - TRALI: criteria not met; mild fever only.", "Did he have TRALI?", "no"),
    ("Usual meds: ramipril 5 mg OD - ran out three weeks ago, not renewed.", "Is he taking ramipril?", "no"),
    ("She stopped taking her sertraline in the spring.", "Is she on sertraline?", "no"),
    ("Usual meds: ramipril 5 mg OD, collected monthly.", "Is he taking ramipril?", "yes"),
])
def test_words_of_a_result_or_a_drug_not_taken(text, question, verdict):
    assert _verdict(text, question) == verdict



@pytest.mark.parametrize("text,question", [
    # review: a list headed "risks" or "side effects" may hold the patient's own findings
    ("Cardiovascular risks: hypertension, type 2 diabetes, ex-smoker.", "Does he have hypertension?"),
    ("Falls risks identified: postural hypotension, poor vision.", "Does she have postural hypotension?"),
    ("Side effects discussed: he reports nausea and diarrhoea since starting.", "Does he have diarrhoea?"),
])
def test_risk_words_do_not_hide_the_patients_findings(text, question):
    assert _verdict(text, question) == "yes"
