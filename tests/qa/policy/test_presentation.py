"""The note's one-liner (document/presentation.py) and the questions it answers
(qa/policy/presentation.py): history, admission reason, presenting symptoms and their duration,
the admission's date."""

from __future__ import annotations

from clinqa.document import parse_document
from clinqa.qa.policy import AnswerPolicy
from clinqa.questionnaire import load_questionnaire
from clinqa.text import segment
from clinqa.types import Note

# no PMH heading, no admission-diagnosis heading: only the one-liner says them
PROGRESS = """HOSPITALIST PROGRESS NOTE   HD 3

Interval: afebrile overnight, tolerating diet.

A/P: 66 y/o woman with COPD on home O2, atrial fibrillation, CKD 3a and prior
stroke, admitted on 4/11 with E. coli pyelonephritis, improving on ceftriaxone.
1. Pyelonephritis: day 3 of ceftriaxone, switch to oral cefalexin tomorrow.
2. AF: rate controlled on metoprolol.
"""

# a history cue opens a nursing note's line; the admission date sits between cue and "with"
NURSING = """NIGHT SHIFT NURSING NOTE - CCU
Pt is a 77 year old man admitted [**2-14**] to CCU with cardiogenic shock after an anterior MI. Hx gout,
BPH. Sedated overnight.
"""

ED = """EMERGENCY DEPARTMENT NOTE
HPI: 33 yo F, no known medical problems, presents with 3 days of sore throat, fevers and painful
swallowing. No drooling. No rash.
Exam: tonsillar exudate bilaterally.
Impression: Streptococcal pharyngitis.
"""


def _ds():
    return {c.id: c for c in load_questionnaire("discharge-summary").concepts}


def _decide(text, concept_or_question, note_id="n"):
    policy = AnswerPolicy()
    sents = segment(text, note_id)
    if isinstance(concept_or_question, str):
        return policy.decide(Note(note_id, text), concept_or_question, [], sents)
    c = concept_or_question
    return policy.decide(Note(note_id, text), c.questions["en"][0], [], sents, concept=c)


def test_the_document_reads_the_parts_of_the_one_liner():
    doc = parse_document(PROGRESS, "p")
    parts = {p.role: doc.text[p.start:p.end] for p in doc.presentation}
    assert parts["history"].startswith("COPD on home O2") and parts["history"].endswith("prior\nstroke")
    assert parts["admitted_with"] == "E. coli pyelonephritis"
    assert parts["admitted_on"] == "4/11"
    hist = next(p for p in doc.presentation if p.role == "history")
    assert [i.text for i in hist.items] == ["COPD on home O2", "atrial fibrillation", "CKD 3a", "prior\nstroke"]
    # every part keeps its offsets into the note
    assert all(doc.text[p.start:p.end] for p in doc.presentation)
    assert "presentation" in doc.to_dict()


def test_history_and_admission_reason_without_headings():
    q = _ds()
    d = _decide(PROGRESS, q["past_medical_history"])
    assert [a.text for a in d.answers] == ["COPD on home O2", "atrial fibrillation", "CKD 3a", "prior\nstroke"]
    assert d.answers[0].method.endswith("+presentation") and "one-liner" in d.answers[0].reason
    d = _decide(PROGRESS, q["admission_diagnosis"])
    assert d.answers[0].text == "E. coli pyelonephritis"
    d = _decide(NURSING, q["admission_diagnosis"])
    assert d.answers[0].text == "cardiogenic shock"  # "after an anterior MI" is its cause, another clause
    d = _decide(NURSING, q["past_medical_history"])
    assert [a.text for a in d.answers] == ["gout", "BPH"]


def test_a_heading_still_wins_over_the_one_liner():
    text = "Past medical history: asthma, eczema.\n\n" + PROGRESS
    d = _decide(text, _ds()["past_medical_history"])
    assert [a.text for a in d.answers] == ["asthma", "eczema"]


def test_presenting_symptoms_and_how_long():
    q = _ds()
    d = _decide(ED, q["presenting_symptoms"])
    assert [a.text for a in d.answers] == ["sore throat", "fevers", "painful\nswallowing"]
    d = _decide(ED, q["symptom_duration"])
    assert d.answers[0].text == "3 days"
    # free questions in other words
    d = _decide(ED, "How many days had she had symptoms before coming in?")
    assert d.answers[0].text == "3 days"
    d = _decide(ED, "How long has she had a rash?")  # the one-liner says nothing of a rash
    assert not d.answers[0].method.endswith("+presentation")
    # "no known medical problems" is no history to list
    d = _decide(ED, q["past_medical_history"])
    assert all("medical problems" not in (a.text or "") for a in d.answers)


def test_an_admission_with_days_of_symptoms_is_a_presentation_not_a_diagnosis():
    text = "CONSULT NOTE\n81 yo M with HFpEF admitted 6/2 with 5 days of diarrhea and dizziness. Cr 2.4.\n"
    doc = parse_document(text, "c")
    roles = [p.role for p in doc.presentation]
    assert "admitted_with" not in roles and "presenting_with" in roles and "duration" in roles


def test_admission_and_discharge_dates_from_fields_or_the_one_liner():
    d = _decide(NURSING, "When was the patient admitted to the hospital?")
    assert d.answers[0].text == "2-14" and d.answers[0].method.endswith("+dated")
    text = "DISCHARGE SUMMARY\nAdmission Date: 2164-03-02   Discharge Date: 2164-03-09\nCourse: uneventful.\n"
    d = _decide(text, _ds()["discharge_date"])
    assert d.answers[0].text == "2164-03-09"
    d = _decide(text, "What was the date of admission?")
    assert d.answers[0].text == "2164-03-02"
    # a date of something else at admission is not the admission's date
    d = _decide(text, "When was the first troponin drawn on admission?")
    assert not d.answers[0].method.endswith("+dated") or d.answers[0].is_no_answer


def test_a_free_question_naming_a_heading_whole_reads_it():
    d = _decide(PROGRESS, "What is the patient's past medical history?")
    assert d.answers[0].text.startswith("COPD on home O2, atrial fibrillation")  # no list asked: one span
    d = _decide(PROGRESS, "What was the admission diagnosis?")
    assert d.answers[0].text == "E. coli pyelonephritis"
