"""What-time and who questions (session 28): a clock time written with the question's words, never
a date or a duration; a person's name (a title before it, a credential after it) written with
them, never the thing that was done. Notes written for these tests in their own words."""

from __future__ import annotations

import pytest

from clinqa.document import parse_document
from clinqa.qa.policy import AnswerPolicy
from clinqa.qa.policy.clock import asks_clock_time, timed_mention
from clinqa.qa.policy.people import asks_person, person_mention
from clinqa.text import segment
from clinqa.types import Answer, Note

LOG = """MATERNITY TRIAGE RECORD
Booked: 18/06/2193 08:05   Seen: 18/06/2193 08:40   Left unit: 18/06/2193 13:20
Membranes ruptured at home 06:15, clear liquor.
09:30 CTG commenced - reactive.
11:02 Fentanyl PCA started by the anaesthetist, Dr O. Lindqvist.
Perineal repair by midwife Sister Amara Chukwu; EBL 350 mL.
Handover to the ward given to RN Tomasz Wierzbicki at 13:05.
Seen by: Kaori Nishimura, CNM; discussed with Mr Felix Garraway (consultant obstetrician).
"""


def _answer(question: str, candidates=()):
    note = Note("n", LOG)
    d = AnswerPolicy().decide(note, question, list(candidates), segment(note.text, note.id))
    return d.answers[0].text if d.answers and d.answers[0].text else None


@pytest.mark.parametrize("question,time", [
    ("What time did her membranes rupture?", "06:15"),
    ("At what time was the CTG commenced?", "09:30"),
    ("What time was the PCA started?", "11:02"),
    ("Time of handover?", "13:05"),
    ("At what time was she seen?", "08:40"),  # the time after the words, in their own field
])
def test_a_clock_time_written_with_the_words(question, time):
    got = timed_mention(parse_document(LOG), question)
    assert got is not None and LOG[got[0]:got[1]] == time
    assert _answer(question) == time


def test_a_question_timing_a_value_asks_no_clock_time():
    assert asks_clock_time("Time of birth?")
    assert not asks_clock_time("FiO2 at the time of the scan?")  # a value at a time
    assert not asks_clock_time("Clamp time?")  # a duration


def test_a_reader_span_without_a_clock_time_is_no_answer_to_what_time():
    # nothing in the note times a delivery: the reader's date is refused, not given as the time
    s = LOG.index("18/06/2193")
    wrong = Answer(text="18/06/2193", start=s, end=s + 10, score=0.9, note_id="n")
    assert _answer("What time was the baby delivered?", [wrong]) is None


@pytest.mark.parametrize("question,person", [
    ("Who started the PCA?", "Dr O. Lindqvist"),
    ("Who did the perineal repair?", "Sister Amara Chukwu"),
    ("Who was the handover given to?", "RN Tomasz Wierzbicki"),
    ("Who is the consultant obstetrician?", "Mr Felix Garraway"),  # the nearer name, not the one before it
])
def test_a_person_written_with_the_words(question, person):
    got = person_mention(parse_document(LOG), question)
    assert got is not None and LOG[got[0]:got[1]] == person
    assert _answer(question) == person


def test_relatives_and_unnamed_doers_are_not_this_rule():
    assert not asks_person("Who in the family has diabetes?")
    assert person_mention(parse_document(LOG), "Who checked the CTG?") is None  # no name with those words


@pytest.mark.parametrize("text,question,time", [
    # review: a time of something not done, still to come, or of another clause is no answer
    ("Tenecteplase not given at 14:40 - INR 2.1.", "What time was tenecteplase given?", None),
    ("MRI brain requested for 09:00 tomorrow.", "What time was the MRI done?", None),
    ("01:40 found on the bathroom floor by the night nurse, obs done 01:55.", "What time was she found on the floor?",
     "01:40"),
    ("04:20 reviewed by the SHO, CXR requested for 07:00.", "What time was he reviewed?", "04:20"),
])
def test_no_time_of_what_did_not_happen(text, question, time):
    got = timed_mention(parse_document(text), question)
    assert (text[got[0]:got[1]] if got else None) == time


def test_a_part_of_the_day_is_no_clock_time():
    assert not asks_clock_time("What time of day is the pain worst?")


@pytest.mark.parametrize("text,question,person", [
    # review: never the patient's own name, nor one who tried and failed
    ("Re: Mr Peter Hallworth, 72, referred by his GP for a second opinion.", "Who referred the patient?", None),
    ("Chest drain insertion attempted by Dr L. Park, unsuccessful; drain inserted by Dr R. Iyer under ultrasound.",
     "Who inserted the chest drain?", "Dr R. Iyer"),
])
def test_not_the_patient_nor_a_failed_attempt(text, question, person):
    got = person_mention(parse_document(text), question)
    assert (text[got[0]:got[1]] if got else None) == person
