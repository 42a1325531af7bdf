"""A drug's dose, frequency or route from the lines that name it (qa/policy/sig.py)."""

from __future__ import annotations

from clinqa.document import parse_document
from clinqa.qa.policy import AnswerPolicy
from clinqa.qa.policy.sig import sig_answer
from clinqa.text import segment
from clinqa.types import Answer, Note

NOTE = """DISCHARGE SUMMARY

Hospital course: Admitted with a gout flare and volume overload. Furosemide was increased to 80 mg
daily for diuresis. Colchicine started for the flare.

Home Medications:
1. Furosemide 40 mg PO daily
2. Allopurinol 100 mg PO daily
3. Metformin 500 mg PO BID

Discharge Medications:
1. Furosemide 80 mg PO daily
2. Allopurinol 100 mg PO daily
3. Metformin 500 mg PO BID
4. Colchicine 0.6 mg PO once daily
"""

CLINIC = """Cardiology clinic
She takes metoprolol tartrate 25 mg twice daily; heart rate still 110 today.
Plan: increase metoprolol tartrate to 50 mg twice daily. Recheck in 2 weeks.
"""


def _ask(text: str, question: str, cands=()):
    note = Note("n", text)
    answers = [Answer(text=t, start=text.index(t), end=text.index(t) + len(t), score=0.6, note_id="n",
                      method="extractive") for t in cands]
    return AnswerPolicy().decide(note, question, answers, segment(text, "n")).answers[0]


def test_the_frequency_is_the_one_written_with_the_drug_not_the_readers_choice():
    a = _ask(NOTE, "How often does the patient take metformin?", ["daily"])
    assert a.text == "BID" and NOTE[a.start:a.end] == "BID" and a.method.endswith("+sig")


def test_the_moment_the_question_names_picks_the_list():
    a = _ask(NOTE, "What dose of furosemide was the patient discharged on?", ["40 mg"])
    assert a.text == "Furosemide 80 mg PO daily" and "discharge list" in a.reason
    a = _ask(NOTE, "What furosemide dose was he on before admission?", ["80 mg"])
    assert a.text == "Furosemide 40 mg PO daily" and "admission list" in a.reason
    # naming no moment: the regimen he leaves with, and the reason says so
    a = _ask(NOTE, "What is the furosemide dose?", ["40 mg"])
    assert a.text == "Furosemide 80 mg PO daily" and "discharge list" in a.reason


def test_a_new_dose_is_the_dose_the_note_changes_it_to():
    a = _ask(CLINIC, "What is the new dose of metoprolol?", ["25 mg"])
    assert a.text == "50 mg"  # the drug's name is the event's, not next to the new dose


def test_lines_that_disagree_with_no_list_to_choose_leave_it_to_the_reader():
    doc = parse_document(CLINIC, "c")
    asked = AnswerPolicy().asked_for("What dose of metoprolol does she take?")
    assert sig_answer(doc, asked) is None  # 25 mg now, 50 mg planned: no one answer
    asked = AnswerPolicy().asked_for("What is the metoprolol dose and the allopurinol dose?")
    assert sig_answer(parse_document(NOTE, "n"), asked) is None  # two drugs asked: not one line's
