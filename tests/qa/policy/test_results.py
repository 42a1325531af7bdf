"""'What did X show?' when the note says X was not done or is only planned (qa/policy/results.py)."""

from __future__ import annotations

from clinqa.document import parse_document
from clinqa.qa.policy import AnswerPolicy
from clinqa.qa.policy.policy import Unread
from clinqa.qa.policy.results import asked_result, not_done
from clinqa.text import segment
from clinqa.types import Note

NOTE = """Progress note, hospital day 4
Iron-deficiency anaemia with guaiac-positive stool. Upper endoscopy on 5/2 showed erosive gastritis.
Colonoscopy postponed because the bowel prep was inadequate; to be rebooked as an outpatient.
Echo was cancelled as she had one in March. CXR this morning: no effusion.
Plan: capsule endoscopy is scheduled for Friday.
"""


def _doc():
    return parse_document(NOTE, "p")


def test_the_question_names_what_it_asks_the_findings_of():
    assert asked_result("What did the colonoscopy show?") == "colonoscopy"
    assert asked_result("What were the results of the capsule endoscopy?") == "capsule endoscopy"
    assert asked_result("What was the hemoglobin?") is None


def test_a_procedure_not_done_or_only_planned_has_no_result():
    assert "was not done" in not_done(_doc(), "What did the colonoscopy show?")
    assert "was not done" in not_done(_doc(), "What did the echo show?")
    assert "only planned" in not_done(_doc(), "What did the capsule endoscopy show?")


def test_a_done_study_goes_to_the_reader():
    assert not_done(_doc(), "What did the upper endoscopy show?") is None
    assert not_done(_doc(), "What did the chest x-ray show?") is None  # "CXR" is done
    assert not_done(_doc(), "What did the MRI show?") is None  # never named: not this check's call


def test_the_policy_abstains_unread_with_the_reason():
    d = AnswerPolicy().decide(Note("p", NOTE), "What did the colonoscopy show?", Unread("extractive"),
                              segment(NOTE, "p"))
    assert d.answers[0].is_no_answer and "no result to report" in d.answers[0].reason


def test_not_done_is_a_negated_procedure_event_never_a_performed_one():
    evs = [(e.subject, e.action, e.status) for e in _doc().events if e.kind == "procedure"]
    assert ("Colonoscopy", "performed", "negated") in evs and ("Echo", "performed", "negated") in evs
    assert not any(s == "Colonoscopy" and st == "done" and a == "performed" for s, a, st in evs)


def _verdict(question: str):
    return AnswerPolicy().decide(Note("p", NOTE), question, [], segment(NOTE, "p")).verdict


def test_yes_no_about_a_procedure_not_done_or_planned():
    v = _verdict("Was a colonoscopy performed?")
    assert v.verdict == "no" and "postponed" in v.reason and NOTE[v.start:v.end] == v.text
    assert _verdict("Was an echo done?").verdict == "no"
    assert _verdict("Has the capsule endoscopy been done?").verdict == "no"  # only scheduled
    assert _verdict("Is a capsule endoscopy planned?").verdict == "yes"
    assert _verdict("Did the patient have an upper endoscopy?").verdict == "yes"


STUDIES = """ED NOTE
Labs unremarkable (lactate normal, CXR clear, troponin negative).
Chest radiograph 4 June (portable, read by radiology): left basal atelectasis; no effusion.
She did not think a repeat CT abdomen was needed.
"""


def test_a_study_result_is_what_the_note_writes_after_its_name():
    from clinqa.qa.policy import AnswerPolicy
    from clinqa.text import segment
    from clinqa.types import Note

    def ask(text, q):
        return AnswerPolicy().decide(Note("s", text), q, [], segment(text, "s")).answers[0]

    # the first of its names with a result: "CXR clear" (a one-word verdict ends at its comma)
    a = ask(STUDIES, "What did the chest x-ray show?")
    assert a.text == "clear" and a.method.endswith("+results"), a.reason
    only = STUDIES.replace("CXR clear, ", "")
    a = ask(only, "What did the chest X-ray show?")
    assert a.text == "left basal atelectasis" and a.method.endswith("+results")
    # a study the note says was not wanted has no result to read
    a = ask(STUDIES, "What did the CT of the abdomen show?")
    assert not a.method.endswith("+results")
