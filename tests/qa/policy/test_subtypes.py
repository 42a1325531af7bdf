"""A question's type, grade or stage against the note's (session 28): "Type 1 diabetes?" on a
note of type 2 diabetes is no, not yes on the word "diabetes". Notes written for these tests in
their own words."""

from __future__ import annotations

import pytest

from clinqa.qa.policy import AnswerPolicy
from clinqa.qa.policy.subtype import qualifiers
from clinqa.text import segment
from clinqa.types import Note


def _verdict(text: str, question: str) -> str | None:
    note = Note("n", text)
    d = AnswerPolicy().decide(note, question, [], segment(note.text, note.id))
    return d.verdict.verdict if d.verdict else None


def test_values_of_a_kind_read_alike():
    assert {(k, v) for k, v, _ in qualifiers("Stage IIIb disease; grade 2 ulcer; haemophilia A")} == \
        {("stage", "3b"), ("grade", "2"), ("haemophilia", "a")}


@pytest.mark.parametrize("text,question,verdict", [
    ("Background: type 2 diabetes on metformin, gout.", "Does she have type 1 diabetes?", "no"),
    ("Background: type 2 diabetes on metformin, gout.", "Does she have type 2 diabetes?", "yes"),
    ("Sacrum: category 2 pressure injury, 2 x 3 cm, clean base.", "Does he have a category 4 pressure injury?", "no"),
    ("Known von Willebrand disease type 1, mild.", "Does she have von Willebrand disease type 3?", "no"),
    ("Serology: hepatitis B surface antigen positive, on entecavir.", "Does he have hepatitis C?", "no"),
    # the asked value written anywhere in the note leaves the answer to the mentions
    ("Heel: grade 2 pressure ulcer. Sacrum: grade 4 pressure ulcer, debrided.", "Does she have a grade 4 pressure ulcer?",
     "yes"),
])
def test_another_subtype_is_no(text, question, verdict):
    assert _verdict(text, question) == verdict


@pytest.mark.parametrize("text,question,verdict", [
    # the other side only: no; both sides, or the asked side anywhere with the concept: the mentions
    ("US: small right-sided pleural effusion. Lungs otherwise clear.", "Is there a left pleural effusion?", "no"),
    ("Wound: category 2 pressure injury L heel, 2 x 2 cm.", "Is there a pressure injury on the right heel?", "no"),
    ("US: small right-sided pleural effusion. Lungs otherwise clear.", "Is there a right pleural effusion?", "yes"),
])
def test_the_other_side_is_no(text, question, verdict):
    assert _verdict(text, question) == verdict


def test_both_sides_are_never_no():
    assert _verdict("CXR: bilateral effusions, left larger than right.", "Is there a left pleural effusion?") != "no"


@pytest.mark.parametrize("text,verdict", [
    ("Social: bus driver, smoker 12 sticks/day, no alcohol.", "yes"),
    ("Tobacco: 30 pack-years.", "uncertain"),
])
def test_an_amount_a_day_is_a_current_smoker(text, verdict):
    assert _verdict(text, "Does he smoke?") == verdict


def test_a_past_amount_is_no_current_smoker():
    assert _verdict("Social: smoked 20/day until 2190, none since.", "Does he smoke?") != "yes"



@pytest.mark.parametrize("text,question", [
    # second review: litres, "R/O", another line's side, the verb "left" are no sides
    ("Large pleural effusion, 2 L drained by chest tube.", "Is there a right pleural effusion?"),
    ("Pleural effusion, R/O empyema; tap planned.", "Is there a left pleural effusion?"),
    ("CXR: pleural effusion\nL knee: swollen, warm.", "Is there a right pleural effusion?"),
    ("Right MCA stroke. Residual weakness of the right arm at discharge.", "Was the patient left with residual weakness?"),
])
def test_no_side_where_none_is_written(text, question):
    assert _verdict(text, question) != "no"


@pytest.mark.parametrize("text", [
    "Lives with her husband, who is a smoker, 20/day.",
    "Social: smoker - 10 cigarettes a day before diagnosis, now abstinent.",
    "Social history: smoker, 20 cigarettes a day until 2190.",
])
def test_an_amount_of_another_or_of_the_past_is_no_current_smoker(text):
    assert _verdict(text, "Is the patient a current smoker?") != "yes"
