"""A yes/no question's concept in the words a note uses (session 24): a time phrase after the
concept is no part of it ("Any headache after the infusion?"), a place phrase is ("stones in the
left kidney"); the patient's first name is no part of it; a study before the finding ("Did the
CTPA show a PE?") asks about the finding, and an ambiguous abbreviation asked alone resolves to
its concept; "mum" is a relative; a temperature at or above 38.0 C is a fever; a marked or
underlined title heads the list under it, and an item tagged STOPPED is no discharge medicine.
Notes written for these tests in their own words."""

from __future__ import annotations

import pytest

from clinqa.document import parse_document
from clinqa.qa.policy import AnswerPolicy
from clinqa.qa.policy.forms import yes_no_target
from clinqa.qa.policy.partial import core_phrase
from clinqa.text import segment
from clinqa.types import Note

INFUSION = """DAY-CASE INFUSION RECORD
Iron sucrose 200 mg IV over 30 minutes.
Observations stable throughout. She denied headache or nausea after the infusion.
Kidneys: the right kidney holds two small non-obstructing stones.
"""

LETTER = """Dear Dr Amadi,
I saw Tobias today. He does not have epilepsy; his mum has epilepsy and his brother had febrile convulsions.
The CT pulmonary angiogram showed no pulmonary embolism.
"""

WARD = """Day 2: T 38.6, HR 104, rigors overnight; cultures sent.
Day 4: afebrile for 36 hours, eating well.
"""

TAGGED = """DISCHARGE SUMMARY
» Course
Admitted with a fall; no fracture.

» Medicines on discharge
  NEW      Alendronic acid 70 mg weekly
  SAME     Amlodipine 5 mg daily
  STOPPED  Zopiclone 7.5 mg at night

» Follow-up
GP in two weeks.
"""

UNDERLINED = """Discharge medicines
-------------------
1. Cefalexin 500 mg four times daily for 5 days
2. Paracetamol 1 g when required

Plan
----
Review in clinic.
"""


def _decide(text: str, question: str):
    note = Note("n", text)
    return AnswerPolicy().decide(note, question, [], segment(note.text, note.id))


def _verdict(text: str, question: str) -> str | None:
    d = _decide(text, question)
    return d.verdict.verdict if d.verdict else None


def test_time_phrase_is_no_part_of_the_concept():
    assert core_phrase("headache after the infusion") == "headache"
    assert core_phrase("stones in the left kidney") == "stones in the left kidney"
    assert _verdict(INFUSION, "Any headache after the infusion?") == "no"


def test_place_phrase_stays_part_of_the_concept():
    # the right kidney's stones say nothing of the left kidney
    assert _verdict(INFUSION, "Are there stones in the left kidney?") != "yes"


def test_first_name_and_study_are_no_part_of_the_concept():
    assert yes_no_target("Does Tobias have epilepsy?") == "epilepsy"
    assert yes_no_target("Is Mrs Okafor on warfarin?") == "warfarin"
    assert yes_no_target("Did the CTPA show a PE?") == "pe"
    assert yes_no_target("Is CRP raised?") == "crp raised"
    assert _verdict(LETTER, "Does Tobias have epilepsy?") == "no"
    assert _verdict(LETTER, "Did the CTPA show a PE?") == "no"


def test_mum_is_a_relative():
    assert _verdict(LETTER, "Any family history of epilepsy?") == "yes"


def test_temperature_over_38_is_a_fever():
    d = _decide(WARD, "Did he have a fever?")
    assert d.verdict.verdict == "yes"
    assert WARD[d.verdict.start:d.verdict.end] == "T 38.6"
    # the state now is the note's word for now, not a value of another day
    assert _verdict(WARD, "Is he febrile now?") == "no"
    assert _verdict("Obs: T 37.2, HR 80. No other concerns.", "Did he have a fever?") != "yes"


@pytest.mark.parametrize("question", ["What are the discharge meds?", "Discharge meds?"])
def test_marked_title_heads_its_list_and_stopped_items_are_left_out(question):
    d = _decide(TAGGED, question)
    texts = [a.text for a in d.answers]
    assert texts[:2] == ["Alendronic acid 70 mg weekly", "Amlodipine 5 mg daily"]
    assert not any("Zopiclone" in t for t in texts)


def test_marked_title_opens_a_section_of_its_own_words():
    doc = parse_document(TAGGED, "n")
    lists = doc.lists()
    assert [b.header for b in lists] == ["Medicines on discharge"]
    assert [it.key for it in lists[0].items] == ["NEW", "SAME", "STOPPED"]


def test_underlined_title_heads_its_list():
    doc = parse_document(UNDERLINED, "n")
    assert [b.header for b in doc.lists()] == ["Discharge medicines"]
    texts = [a.text for a in _decide(UNDERLINED, "Discharge meds?").answers]
    assert texts[0].startswith("Cefalexin 500 mg")


def test_a_colon_no_that_opens_a_list_points_forward():
    from clinqa.text.assertion import assert_spans

    note = "She describes a trip, not a faint: no palpitations, chest pain or dizziness before it.\nFever: no\n"
    spans = [(note.index(w), note.index(w) + len(w)) for w in ("palpitations", "chest pain", "dizziness", "Fever")]
    assert assert_spans(note, spans) == ["negated"] * 4
    assert _verdict(note, "Did she have chest pain?") == "no"


def test_a_compound_that_names_another_concept():
    note = "Medicines: cetirizine 10 mg daily for hay fever.\nObservations normal.\n"
    assert _verdict(note, "Did the patient have a fever?") in ("not_mentioned", None)
    assert _verdict(note, "Does she have hay fever?") == "yes"


def test_risks_consented_to_and_an_undecided_plan():
    note = ("Consent: risks explained (bleeding, infection, pneumothorax).\nCXR after the drain: no pneumothorax.\n"
            "Whether she needs long-term anticoagulation is undecided.\n")
    assert _verdict(note, "Any pneumothorax after the procedure?") == "no"
    assert _verdict(note, "Will she need long-term anticoagulation?") == "uncertain"


TRUST = """RESPIRATORY WARD - NOTE
CT pulmonary angiogram on 3 May: it excluded pulmonary embolism and showed right basal consolidation.
Urine dip: nitrites +; ?UTI, culture sent.
Crohn's colitis is possible; infective colitis is the main alternative.
We discussed anticoagulation with edoxaban; she wants to think about it. Clinic call about the anticoagulation decision.
Travel: hepatitis A and yellow fever vaccine given before the trip.
Bowels not opened since the operation.
Anticoagulation: warfarin to START after the repeat CT - not yet given.
"""

TABLE = ("MEDICATIONS\n"
         "Drug\tDose\tStatus\n"
         "Metformin\t500 mg BD\tActive\n"
         "Gliclazide\t40 mg\tNot started; to start if HbA1c rises\n"
         "Dalteparin\t5000 units\tPlanned for after discharge only\n"
         "Atenolol\t25 mg\tCancelled - not given\n"
         "\n"
         "Headache\tnone\n")


def test_trust_cues_say_no_or_maybe_not_yes():
    assert _verdict(TRUST, "Did she have a pulmonary embolism?") == "no"
    assert _verdict(TRUST, "Does she have consolidation?") == "yes"
    assert _verdict(TRUST, "Does she have a UTI?") == "uncertain"
    assert _verdict(TRUST, "Does she have infective colitis?") == "uncertain"
    assert _verdict(TRUST, "Is she anticoagulated?") != "yes"
    assert _verdict(TRUST, "Has she had yellow fever?") != "yes"
    assert _verdict(TRUST, "Have her bowels opened since the operation?") == "no"


def test_a_table_rows_status_says_what_became_of_it():
    assert _verdict(TABLE, "Is she on metformin?") == "yes"
    assert _verdict(TABLE, "Is she on gliclazide?") != "yes"
    assert _verdict(TABLE, "Was atenolol given?") == "no"
    assert _verdict(TABLE, "Is she anticoagulated?") != "yes"
    assert _verdict(TABLE, "Does she have a headache?") == "no"


HABITS = """GP REVIEW 03/02/2194
Background: T2DM (diet), seizure disorder since a head injury in 2180.
Social: EtOH ~10 units/week, non-smoker. Influenza vaccination given in clinic today.
Procedure: skin prepared with alcohol swab before the injection.
"""

def _v(text: str, question: str):
    note = Note("h", text)
    return AnswerPolicy().decide(note, question, [], segment(text, note.id)).verdict


@pytest.mark.parametrize("question, name", [("Is he diabetic?", "T2DM"), ("Is he epileptic?", "seizure disorder"),
                                            ("Has he had his flu jab?", "Influenza")])
def test_a_questions_adjective_or_lay_name_finds_the_notes_name(question, name):
    v = _v(HABITS, question)
    assert v.verdict == "yes" and name in v.text


def test_a_questions_name_for_a_group_is_the_concept_only_as_all_of_it():
    # "diabetic retinopathy" is no diabetes, "Mrs ... on warfarin?" a name before its concept
    assert _v(HABITS, "Does he have diabetic retinopathy?").verdict != "yes"
    assert _v(HABITS, "Is he diabetic?").verdict == "yes"


GUARDS = """Clinic review 04/04/2195
HIV viral load not detected, CD4 520; continues dolutegravir/lamivudine.
The scaphoid fracture was not seen on the initial X-ray but is clearly visible on CT.
He now reports chest pain that he initially denied.
Cardiology review requested for ongoing palpitations.
Please see your GP for review of his hypertension.
PRE-OP FORM
Q5  Planning knee replacement?          Y
"""


@pytest.mark.parametrize("question", ["Does he have HIV?", "Does he have a scaphoid fracture?",
                                      "Does he have chest pain?", "Does he have palpitations?",
                                      "Does he have hypertension?"])
def test_what_these_rules_must_not_turn_into_no(question):
    assert _v(GUARDS, question).verdict == "yes"


def test_a_yes_column_does_not_make_a_plan_done():
    assert _v(GUARDS, "Has he had a knee replacement?").verdict != "yes"



RESULTS = """Wound swab 12/10: MSSA; Pseudomonas not isolated.
Sleep study: central apnoeas not seen.
Knee MRI requested. Call us for fever over 38.5 C or a red, hot wound.
"""


@pytest.mark.parametrize("question, verdict", [("Pseudomonas?", "no"), ("Were central apnoeas present?", "no"),
                                               ("Does she have a fever?", "not_mentioned")])
def test_results_not_found_and_advice_are_no_finding(question, verdict):
    assert _v(RESULTS, question).verdict == verdict


def test_a_terse_questions_first_word_is_its_concept_not_a_name():
    assert yes_no_target("Abscess on the MRI?") == "abscess"
    assert yes_no_target("Is Mrs Okafor on warfarin?") == "warfarin"


ICU = """ICU day 3
Noradrenaline 0.08 mcg/kg/min, weaning. Sclerae icteric. PMH: CKD 4; not diabetic.
Given IV co-amoxiclav on arrival. Blood ketones 3.9, in DKA on arrival.
DEXA 2190: osteopenia.
"""


@pytest.mark.parametrize("question, verdict", [("Is he on a vasopressor?", "yes"), ("Is he jaundiced?", "yes"),
                                               ("Does he have kidney disease?", "yes"), ("Is he diabetic?", "no"),
                                               ("Was he given co-amoxiclav?", "yes")])
def test_classes_lay_names_and_question_verbs(question, verdict):
    assert _v(ICU, question).verdict == verdict
    assert _v(ICU, "Has he had a DEXA before?").verdict in ("yes", "uncertain")  # "before" is no part of it


@pytest.mark.parametrize("text,question,verdict", [
    ("Monitor: sinus bradycardia 46 overnight, asymptomatic.", "Is her pulse slow?", "yes"),
    ("Fell off his scooter, hit his head. No LOC, no vomiting.", "Was he knocked out?", "no"),
    ("Birth history: born at term, no NICU stay.", "Was he premature?", "no"),
    ("Dental check: two carious teeth, referred to the dentist.", "Any tooth decay?", "yes"),
])
def test_plain_words_for_a_clinical_one(text, question, verdict):
    # session 28: a patient's words for bradycardia, loss of consciousness, prematurity, caries
    from clinqa.qa.policy import AnswerPolicy
    from clinqa.text import segment
    from clinqa.types import Note

    note = Note("n", text)
    d = AnswerPolicy().decide(note, question, [], segment(note.text, note.id))
    assert d.verdict is not None and d.verdict.verdict == verdict
