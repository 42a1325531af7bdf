"""A question about a named imaging study on a note that never names one (qa/policy/studies.py)."""

from __future__ import annotations

from clinqa.qa.policy import AnswerPolicy, Calibration
from clinqa.qa.policy.policy import Unread
from clinqa.qa.policy.studies import asked_study, unnamed_study
from clinqa.text import segment
from clinqa.types import Note

CLINIC = """Endocrinology follow-up
Her thyroid is enlarged on exam; lungs clear to auscultation. TSH 0.02, free T4 2.9.
Plan: start methimazole 10 mg daily, recheck in 6 weeks.
"""


def test_the_question_names_a_study_by_any_of_its_names():
    assert asked_study("What did the chest X-Ray show?")[0] == "chest radiograph"
    assert asked_study("What did the CXR show?")[0] == "chest radiograph"
    assert asked_study("What did the head CT show?")[0] == "CT head"
    assert asked_study("What did the scan show?") is None  # no study named: no check
    assert asked_study("What was the chief complaint?") is None


def test_a_note_naming_no_such_study_is_answered_unread_with_the_reason():
    note = Note("clinic", CLINIC)
    policy = AnswerPolicy(Calibration())
    d = policy.decide(note, "What did the chest x-ray show?", Unread("extractive"), segment(CLINIC, "clinic"))
    assert d.answers[0].is_no_answer and "names no chest radiograph" in d.answers[0].reason


def test_other_names_of_the_study_and_other_languages_pass_to_the_reader():
    q = "What did the chest x-ray show?"
    for line in ("CXR: no focal consolidation.", "A chest film showed a small effusion.",
                 "X-ray of the chest was unremarkable.", "Portable AP view: lines in place.",
                 "CHEST (PA & LAT) 3/4: clear."):
        assert unnamed_study(CLINIC + line, q) is None, line
    assert "chest radiograph" in unnamed_study(CLINIC, q)
    greek = "Ιστορικό: πυρετός και βήχας από τριών ημερών. Ακτινογραφία θώρακος: διήθημα δεξιά κάτω."
    assert unnamed_study(greek, q) is None  # the names are English: no refusal on another language
