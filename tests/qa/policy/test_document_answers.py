"""The answer policy answers from the clinical document first (issue 27's failures, on notes
written for these tests in their own words): time-resolved lab and vital values, medication
events, smoking status, planned procedures, lists under their header in any wording."""

from __future__ import annotations

import pytest

from clinqa.qa.policy import AnswerPolicy
from clinqa.text import segment
from clinqa.types import Note
from tests.document.test_document import NOTE, PROGRESS, XRAY


def _decide(text: str, question: str):
    note = Note("n", text)
    return AnswerPolicy().decide(note, question, [], segment(note.text, note.id))


@pytest.mark.parametrize("question,value", [
    ("What was the most recent hemoglobin?", "8.9"),
    ("What was her hemoglobin at discharge?", "8.9"),
    ("What was the admission hemoglobin?", "7.1"),
    ("What was the hemoglobin on 6/2 at 03:00?", "6.6"),
    ("What was the lowest hemoglobin?", "6.6"),
    ("What was the heart rate on 06/03?", "88"),
    ("What was the latest creatinine?", "0.9"),
    ("What was the potassium at discharge?", "4.2"),
])
def test_lab_and_vital_values_at_the_time_asked(question, value):
    d = _decide(NOTE, question)
    assert d.answers[0].text == value, (d.answers[0].text, d.answers[0].reason)
    assert d.answers[0].reason  # says which value it chose and why


def test_a_vitals_table_answers_by_row_time():
    d = _decide(PROGRESS, "What was the pulse at 10:00?")
    assert d.answers[0].text == "91"


def test_a_time_no_value_has_is_an_abstention_with_the_reason():
    d = _decide(NOTE, "What was the potassium on 6/2?")
    assert d.answers[0].is_no_answer and "none measured at the time" in d.reason
    text = "Potassium 3.1 this morning, repleted; repeat potassium 3.6 and later 4.0."
    d = _decide(text, "What was the potassium at discharge?")
    assert d.answers[0].is_no_answer and "none at discharge" in d.reason


@pytest.mark.parametrize("text,question,verdict", [
    (NOTE, "Was aspirin stopped?", "yes"),
    (NOTE, "Was naproxen discontinued?", "yes"),
    (NOTE, "Was apixaban stopped?", "no"),  # held, then resumed
    (NOTE, "Was metoprolol increased?", "yes"),
    (PROGRESS, "Was lisinopril held?", "yes"),
    (PROGRESS, "Was ibuprofen stopped?", "yes"),
    (NOTE, "Does the patient smoke?", "no"),  # quit in 2009
    (NOTE, "Has the patient ever smoked?", "yes"),
    (PROGRESS, "Does the patient smoke?", "yes"),
    (NOTE, "Did the patient have a colonoscopy?", "no"),  # planned for later
    (NOTE, "Is a colonoscopy planned?", "yes"),
    (NOTE, "Does the patient have heparin-induced thrombocytopenia?", "no"),  # ruled out after the term
    (NOTE, "Does the patient have colon cancer?", "not_mentioned"),  # her brother's
    (XRAY, "Is there a pneumothorax?", "no"),  # the indication asks; the findings answer
])
def test_yes_no_from_events_and_structure(text, question, verdict):
    d = _decide(text, question)
    assert d.verdict.verdict == verdict, (d.verdict.verdict, d.verdict.reason)
    if verdict in ("yes", "no"):
        assert text[d.verdict.start:d.verdict.end] == d.verdict.text


def test_why_a_drug_was_stopped_is_the_reason_the_note_gives():
    d = _decide(NOTE, "Why was naproxen stopped?")
    assert d.answers[0].text == "the ulcer"


@pytest.mark.parametrize("question", ["What are the discharge meds?", "What medications was she discharged on?",
                                      "List the discharge medications."])
def test_a_list_question_takes_the_list_under_its_header_in_any_wording(question):
    d = _decide(NOTE, question)
    assert [a.text.split()[0] for a in d.answers] == ["Apixaban", "Pantoprazole", "Metoprolol", "Metformin"]


def test_which_drugs_were_stopped_come_from_events():
    d = _decide(NOTE, "What medications were stopped?")
    assert {a.text.split()[0].lower() for a in d.answers} == {"naproxen", "aspirin"}
    d = _decide(PROGRESS, "What medications were stopped?")
    assert {a.text.split()[0].lower() for a in d.answers} == {"ibuprofen", "aspirin"}


@pytest.mark.parametrize("text,verdict", [
    ("Ex-smoker (quit 2015).", "no"),
    ("Social history: He smoked 20 pack-years but quit in 2001.", "no"),
    ("He is a non-smoker.", "no"),
    ("Tobacco use: denies.", "no"),
    ("Current smoker, 10 cigarettes a day, not ready to quit.", "yes"),
    ("Smokes 1 ppd since age 16.", "yes"),
])
def test_smoking_status_in_many_wordings(text, verdict):
    assert _decide(text, "Does he smoke?").verdict.verdict == verdict


WORDS = """ASSESSMENT: DKA, resolved by hospital day 2. ECG today shows atrial fibrillation with rapid response.
Possible contribution from oxybutynin to the delirium. Sepsis criteria met on arrival.
Head CT: small intracerebral hemorrhage. Clopidogrel was discontinued before surgery."""


@pytest.mark.parametrize("question,verdict", [
    ("Has the DKA resolved?", "yes"),  # every word of the concept in one sentence
    ("Is the patient in atrial fibrillation on today's ECG?", "yes"),
    ("Is oxybutynin contributing to the delirium?", "uncertain"),  # "possible"
    ("Does the patient meet sepsis criteria?", "uncertain"),  # some words only: never a sure yes
    ("Is there intracranial hemorrhage?", "not_mentioned"),  # intracerebral is another word
    ("Is he taking clopidogrel?", "no"),  # the last event stops it
])
def test_a_concept_found_by_its_words_when_no_name_occurs(question, verdict):
    d = _decide(WORDS, question)
    assert d.verdict.verdict == verdict, d.verdict.reason


DRIFT = """Admission Date:  [**2190-4-7**]     Discharge Date:  [**2190-4-10**]

LABS:
                [**4-7**]      [**4-8**]      [**4-10**]
Sodium          129       132       136
Platelets       88        104       151
"""


def test_a_table_with_drifting_columns_and_the_discharge_date():
    """The k-th value is the k-th dated column however the widths drift; the last column is the
    discharge date's, so it answers "at discharge"."""
    d = _decide(DRIFT, "What was the sodium at discharge?")
    assert d.answers[0].text == "136" and "discharge date" in d.answers[0].reason
    assert _decide(DRIFT, "What was the platelet count on 4/8?").answers[0].text == "104"


def test_a_date_question_takes_the_date_written_with_what_it_asks_about():
    text = ("HOSPITAL COURSE: Colonoscopy on 3/14/2025 showed a sessile polyp, removed. Chest x-ray clear.\n"
            "Started iron on 3/16/2025.\n")
    d = _decide(text, "When was the colonoscopy done?")
    assert d.answers[0].text == "3/14/2025" and "colonoscopy" in d.answers[0].reason
    assert _decide(text, "When was the MRI done?").answers[0].is_no_answer  # no MRI: no date guessed


# a video visit's problem-oriented plan: changes written under the problem that explains them
VISIT = """Video follow-up, general practice
Readings: BP 146/88 this morning, pulse 72.
Seated BP 138/80 (home cuff, 14 Mar 2190).
Plan
1. Gout flares twice this winter despite diet. Allopurinol started 100 mg daily.
2. Dry cough since the last visit. Perindopril stopped; candesartan 8 mg daily instead.
3. Osteoarthritis of the knees. Meloxicam held while the eGFR is checked.
"""


@pytest.mark.parametrize("question,expect", [
    # a change with no reason of its own: the problem its item opens with
    ("Why was perindopril stopped?", "Dry cough since the last visit"),
    ("Why was allopurinol started?", "Gout flares twice this winter despite diet"),
    # what became of a drug: its last event's sentence
    ("What was done with the meloxicam?", "Meloxicam held while the eGFR is checked"),
    ("What is the plan for perindopril?", "Perindopril stopped"),
])
def test_a_plan_item_explains_its_changes(question, expect):
    d = _decide(VISIT, question)
    assert d.answers[0].text == expect, d.answers[0].reason


@pytest.mark.parametrize("question,value", [
    ("Seated BP?", "138/80"),       # a noun phrase alone asks for the value
    ("Pulse?", "72"),
])
def test_a_terse_question_naming_a_vital_asks_for_its_value(question, value):
    d = _decide(VISIT, question)
    assert d.answers[0].text == value, d.answers[0].reason


def test_a_questionnaire_column_takes_the_moment_it_declares():
    from clinqa.questionnaire import load_questionnaire

    hr = {c.id: c for c in load_questionnaire("discharge-summary").concepts}["heart_rate"]
    assert hr.moment == "admission"
    text = ("Progress note, day 3\nHR 64 this morning, comfortable.\nOn arrival in ED: HR 122, BP 90/50.\n"
            "Yesterday HR 88.\n")
    d = AnswerPolicy().decide(Note("h", text), hr.questions["en"][0], [], segment(text, "h"), concept=hr)
    assert d.answers[0].text == "122", d.answers[0].reason
    # a question naming its own time still asks for that time
    d = _decide(text, "What was the heart rate this morning?")
    assert d.answers[0].text != "122"
