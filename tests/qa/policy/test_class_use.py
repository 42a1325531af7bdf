"""A class the patient is on, as notes and clinicians mean it (session 28): a prophylactic dose of
a heparin, or a word of prophylaxis with it, is no anticoagulation (the lexicon's `not_on_when`);
and a finding negated "on" a drug leaves the drug the patient's ("no bleeding on
anticoagulation"). Notes written for these tests in their own words."""

from __future__ import annotations

import pytest

from clinqa.qa.policy import AnswerPolicy
from clinqa.text import segment
from clinqa.types import Note


def _verdict(text: str, question: str) -> str | None:
    note = Note("n", text)
    d = AnswerPolicy().decide(note, question, [], segment(note.text, note.id))
    return d.verdict.verdict if d.verdict else None


@pytest.mark.parametrize("text,verdict", [
    ("Regular meds: ramipril 5 mg OD, enoxaparin 40 mg s/c once daily until mobile.", "no"),
    ("Thromboprophylaxis: dalteparin 5000 units nightly on the ward.", "no"),
    ("Heparin 5,000 units subcut q12h; paracetamol 1 g QDS.", "no"),
    ("Tinzaparin given as prophylaxis, stopped when walking.", "not_mentioned"),
    ("Discharge medicines: edoxaban 60 mg once daily for the DVT.", "yes"),
    ("Enoxaparin 1.5 mg/kg (110 mg) once daily for the pulmonary emboli.", "yes"),  # a treatment dose
])
def test_prophylaxis_is_no_anticoagulation(text, verdict):
    assert _verdict(text, "Is the patient on anticoagulation?") == verdict


@pytest.mark.parametrize("text,verdict", [
    ("Paroxysmal AF; no bleeding on anticoagulation since the last visit.", "yes"),
    ("No further falls while on anticoagulation.", "yes"),
    ("He is not currently on anticoagulation (falls).", "no"),  # a word of time, not a finding, after the "not"
    ("Not on anticoagulation.", "no"),
])
def test_a_finding_negated_on_a_drug_leaves_the_drug(text, verdict):
    assert _verdict(text, "Is the patient on anticoagulation?") == verdict


def test_a_negation_across_a_dash_is_not_undone():
    # "not confirmed - correlate with X": the dash ends the negated finding's words; X stays
    # what the sentence says of it (here a test still to come), never made the patient's by "with"
    text = "Air trapping suggests small airways disease, not confirmed - correlate with HRCT (not yet booked)."
    assert _verdict(text, "Has she had an HRCT?") != "yes"


@pytest.mark.parametrize("text,question,verdict", [
    # review: the rule is for a drug the finding was absent on, never a second finding
    ("Denies headache with visual disturbance.", "Does she have visual disturbance?", "no"),
    ("No fever with neck stiffness or photophobia.", "Does he have neck stiffness?", "no"),
    ("No nausea with vomiting.", "Is she vomiting?", "no"),
    ("No bleeding on warfarin previously; switched to apixaban in 2194.", "Is she on warfarin?", "no"),
])
def test_a_second_finding_or_a_past_drug_stays_negated(text, question, verdict):
    assert _verdict(text, question) == verdict


@pytest.mark.parametrize("text,verdict", [
    # review: a treatment written with a prophylactic-looking dose, and IU spellings
    ("Heparin 5000 units IV bolus, then infusion at 18 units/kg/h for the PE.", "yes"),
    ("Dalteparin 5000 units SC daily for DVT treatment (weight 45 kg).", "yes"),
    ("Ward meds: dalteparin 5000 IU SC nocte, paracetamol.", "no"),
    ("Ward meds: tinzaparin 3500 IU SC daily.", "no"),
])
def test_a_dose_with_its_use(text, verdict):
    assert _verdict(text, "Is the patient on anticoagulation?") == verdict
