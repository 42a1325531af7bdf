"""A yes/no question about a chest finding the report states in other words (qa/policy/observations.py)."""

from __future__ import annotations

from clinqa.qa.policy import AnswerPolicy
from clinqa.qa.policy.observations import asked_observation
from clinqa.text import segment
from clinqa.types import Note

REPORT = """EXAMINATION: Chest, two views.
CLINICAL HISTORY: 67M with cough and low-grade fever.
FINDINGS:
Heart size is within normal limits. The lungs are hyperinflated. Patchy opacity at the left base
could reflect early infection, though atelectasis is also possible. No pneumothorax.
IMPRESSION:
Left basilar opacity, early infection versus atelectasis.
"""


def _verdict(text: str, question: str):
    note = Note("r", text)
    return AnswerPolicy().decide(note, question, [], segment(text, note.id)).verdict


def test_the_question_is_an_observation_only_when_the_observation_is_all_it_asks():
    assert asked_observation("heart enlarged") == "Cardiomegaly"
    assert asked_observation("pneumonia") == "Pneumonia"
    assert asked_observation("rib fracture") is None  # asks more than "a fracture"
    assert asked_observation("heart size normal") is None  # asked as normal, not as present
    assert asked_observation("central line") is None  # devices are asked about by name
    assert asked_observation("fever") is None


def test_a_finding_stated_in_other_words_decides_the_verdict():
    v = _verdict(REPORT, "Is the heart enlarged?")
    assert v.verdict == "no" and "within normal limits" in v.text
    assert REPORT[v.start:v.end] == v.text
    v = _verdict(REPORT, "Is there pneumonia?")
    assert v.verdict == "uncertain" and v.text == "could reflect early infection"  # the cue shown with it


def test_a_finding_stated_only_in_other_words_is_never_a_yes():
    text = "FINDINGS: Mild pulmonary vascular congestion. No focal consolidation."
    v = _verdict(text, "Is there pulmonary edema?")  # congestion is CheXpert's Edema, not edema
    assert v.verdict == "uncertain" and v.text == "Mild pulmonary vascular congestion"


def test_outside_a_report_only_imaging_statements_count():
    clinic = "Exam: lungs clear. No edema of the legs. Heart regular.\nPlan: diuretic unchanged.\n"
    assert _verdict(clinic, "Is there pulmonary edema?").verdict == "not_mentioned"
    v = _verdict(clinic + "CXR today: no edema, heart size normal.\n", "Is there pulmonary edema?")
    assert v.verdict == "no" and v.start > len(clinic)  # the radiograph's statement, not the legs'


def test_what_the_report_does_not_state_stays_not_mentioned():
    assert _verdict(REPORT, "Is there a rib fracture?").verdict == "not_mentioned"
    assert _verdict(REPORT, "Is there a pleural effusion?").verdict == "not_mentioned"
    # a relative's question never takes the patient's findings
    assert _verdict(REPORT, "Does anyone in the family have cardiomegaly?").verdict == "not_mentioned"
