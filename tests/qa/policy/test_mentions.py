"""What a yes/no verdict's mentions say besides ConText's forward cues (qa/policy/verdicts.py):
the family history's end, words after a mention, a heading's ": No", two-letter abbreviations."""

from __future__ import annotations

import pytest

from clinqa.qa.policy import AnswerPolicy
from clinqa.text import segment
from clinqa.types import Note

# the family history is followed by the plan's problems under headers medspaCy does not know
CLINIC = """Memory clinic review

Family history: father had Parkinson's disease.

Gait instability
Two falls since spring; no injuries.

Atrial fibrillation: remains on apixaban 5 mg twice daily.
"""

# words after the mention decide: an idea, a question, something not done
ED = """Urgent care visit
Transfer to the emergency department was discussed with the family.
Clinical question: septic arthritis?
A knee aspirate was considered but not obtained.
Troponin normal, echo not done.
Advice: No antibiotics are needed for the viral illness.
"""


def _verdict(text, question):
    d = AnswerPolicy().decide(Note("n", text), question, [], segment(text, "n"))
    return d.verdict.verdict, d.verdict.reason


@pytest.mark.parametrize("question,verdict", [
    ("Is she on anticoagulation?", "yes"),   # under "Atrial fibrillation:", long after the family history
    ("Does she have atrial fibrillation?", "yes"),
    ("Does the patient have Parkinson's disease?", "not_mentioned"),  # the father's
])
def test_the_family_history_ends_at_the_next_heading(question, verdict):
    assert _verdict(CLINIC, question)[0] == verdict


@pytest.mark.parametrize("question,verdict", [
    ("Was she transferred to the emergency department?", "not_mentioned"),  # only discussed
    ("Does the patient have septic arthritis?", "uncertain"),  # a question, not a finding
    ("Was a knee aspirate obtained?", "no"),
    ("Was the troponin normal?", "yes"),  # "echo not done" is the echo's clause
    ("Was an echo done?", "no"),
    ("Were antibiotics needed?", "no"),  # "Advice: No antibiotics ..."
])
def test_what_the_sentence_says_after_the_mention(question, verdict):
    got, why = _verdict(ED, question)
    assert got == verdict, why


def test_a_two_letter_abbreviation_is_a_word_of_the_question():
    # "CT" is what is asked about, not only the head
    text = "Ward note\nHead injury at home. A CT was not needed (Canadian rule negative). Head dressing applied.\n"
    got, why = _verdict(text, "Was a head CT obtained?")
    assert got != "yes", why


def test_a_word_that_says_the_concept_is_absent_is_a_no():
    text = "Night review\nApyrexial since midnight; HR 84.\n"
    assert _verdict(text, "Has she had a fever?")[0] == "no"
    # not for a relative's question, and a concept without such words stays not mentioned
    assert _verdict(text, "Does she have a cough?")[0] == "not_mentioned"
