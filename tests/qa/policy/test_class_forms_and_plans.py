"""Yes/no questions in the short forms clinicians write (session 29): a drug class asked alone
("Any opioid given?", "Anticoagulated?") is answered from the class's members, a member said not
given makes it a no, and "(VTE prophylaxis)" beside a drug is no negation of it; an adjective
names its finding ("Hypothermic?" on "hypothermia"); a lab abnormality "corrected" has ended; a
test with its result was done; a suggested, requested or due item is only a plan (a symptom in
the plan's sentence stays the patient's); the asked verb that ConText reads as a negation
("drain removed") is the event asked about; an abbreviation of the lexicon's shorthand finds its
written-out form. Notes written for these tests in their own words."""

from __future__ import annotations

import pytest

from clinqa.qa.policy import AnswerPolicy
from clinqa.qa.policy.asked import asked_for
from clinqa.qa.policy.forms import action_of, terse_class
from clinqa.qa.policy.verdicts import _stem
from clinqa.text import segment
from clinqa.text.vocab import shorthand_forms
from clinqa.types import Note

RESUS = """RESUS BAY RECORD
Mechanism: fell from a scaffold, open left tibial fracture.

Given in the bay:
- Fentanyl 50 micrograms IV at 14:10
- Ondansetron 4 mg IV at 14:12
- Co-amoxiclav not needed (wound cover only)

Usual medicines: levothyroxine 100 micrograms daily, cetirizine 10 mg at night.
Naproxen withheld because of his peptic ulcer history.
Dalteparin 5000 units SC daily from tomorrow (VTE prophylaxis).
Allergies: penicillin (rash).
"""

COLD = """HOSPITAL NOTE
Brought in from a snowdrift. Rectal temperature 30.9 C: moderate hypothermia.
Hypoglycaemia at presentation (BM 2.1), treated with glucagon.
Hyponatraemia 127 on day 1, corrected by day 3.
Hypocalcaemia (corrected Ca 1.94), replacement ongoing.
No neutropenia.
"""

PLANS = """SURGICAL CLINIC
Anaemia: ferritin 6. IV iron suggested to the GP.
Left shoulder pain: shoulder ultrasound requested.
Tetanus booster due next month.
Urinary catheter to come out on Friday.
Physiotherapy requested for ongoing dizziness.
Chest X-ray today: clear.
Right chest drain removed on day 4.
"""


def _v(text: str, question: str):
    note = Note("t", text)
    return AnswerPolicy().decide(note, question, [], segment(text, note.id)).verdict


@pytest.mark.parametrize("question, word", [("Any opioid given?", "opioid"), ("NSAID given?", "nsaid"),
                                            ("Anticoagulated?", "anticoagulated"), ("On thyroid replacement?", "thyroid replacement"),
                                            ("Antiemetic at discharge?", "antiemetic"), ("Statin?", "statin")])
def test_a_question_made_of_a_class_name_is_that_class(question, word):
    assert terse_class(question) == word
    assert asked_for(question).answer_type == "yes_no"


@pytest.mark.parametrize("question", ["NSAID allergy?", "Opioid-induced constipation?", "Infection?",
                                      "Opioids given for pain?", "Diabetes?"])
def test_a_class_name_with_more_said_or_a_condition_is_no_class_question(question):
    assert terse_class(question) is None


@pytest.mark.parametrize("question, verdict, evidence", [
    ("Any opioid given?", "yes", "Fentanyl"), ("Antiemetic given?", "yes", "Ondansetron"),
    ("On thyroid replacement?", "yes", "levothyroxine"), ("Antihistamine?", "yes", "cetirizine"),
    ("NSAID given?", "no", "Naproxen"), ("Any antibiotics?", "no", "Co-amoxiclav"),
    ("Anticoagulated?", "no", "Dalteparin"),
])
def test_a_class_asked_alone_is_answered_from_its_members(question, verdict, evidence):
    v = _v(RESUS, question)
    assert v.verdict == verdict
    assert evidence in v.text


def test_a_purpose_beside_a_drug_is_no_negation_of_it():
    from clinqa.document import parse_document
    from clinqa.qa.policy.classes import drug_assertions

    sentences = segment(RESUS, "t")
    parse_document(RESUS, "t", sentences)
    a = RESUS.index("Dalteparin")
    b = RESUS.index("Co-amoxiclav")
    assert drug_assertions(RESUS, sentences, [(a, a + 10), (b, b + 12)]) == ["present", "negated"]


def test_an_adjective_and_its_noun_are_one_word():
    assert _stem("hypothermic") == _stem("hypothermia")
    assert _stem("thrombocytopenic") == _stem("thrombocytopenia")
    assert _stem("oliguric") == _stem("oliguria")
    assert _stem("uric") == "uric"  # too short to be a form of anything


@pytest.mark.parametrize("question, verdict", [("Hypothermic?", "yes"), ("Hypoglycaemic at presentation?", "yes"),
                                               ("Neutropenic?", "no"), ("Still hyponatraemic?", "no"),
                                               ("Still hypocalcaemic?", "yes")])
def test_an_adjective_asks_about_its_finding(question, verdict):
    assert asked_for(question).answer_type == "yes_no"
    assert _v(COLD, question).verdict == verdict


@pytest.mark.parametrize("question", ["Has she had IV iron?", "Has she had the shoulder ultrasound?",
                                      "Has he had his tetanus booster?", "Has the catheter been removed?"])
def test_a_suggested_requested_or_due_item_is_not_done(question):
    assert _v(PLANS, question).verdict == "no"


def test_a_symptom_in_a_plans_sentence_is_still_the_patients():
    assert _v(PLANS, "Does he have dizziness?").verdict == "yes"


def test_a_test_with_its_result_was_done_and_a_removal_asked_is_the_event():
    assert _v(PLANS, "Was a chest X-ray done?").verdict == "yes"
    assert _v(PLANS, "Was a CXR done?").verdict == "yes"
    assert _v(PLANS, "Was the chest drain removed?").verdict == "yes"
    assert action_of("Has the drain been removed?") == "removed"


def test_shorthand_forms_go_both_ways_but_never_to_an_ambiguous_abbreviation():
    assert "chest x-ray" in shorthand_forms("CXR")
    assert "CXR" in shorthand_forms("chest x-ray")
    assert shorthand_forms("pulmonary embolism") == ()


COURSE = """WARD SUMMARY
- Oral clarithromycin for atypical cover (doxycycline avoided: photosensitivity), 5 days.
Thrush in week 2 was treated with nystatin drops for 7 days (completed).
"""


def test_a_not_done_word_after_another_drug_is_that_drugs():
    assert _v(COURSE, "Was a macrolide given?").verdict == "yes"
    assert _v(COURSE, "Did he receive a tetracycline?").verdict == "no"


def test_a_completed_course_is_no_drug_he_is_on_now():
    assert _v(COURSE, "Is he still on an antifungal?").verdict == "no"
    assert _v(COURSE, "Did he receive an antifungal?").verdict == "yes"


@pytest.mark.parametrize("question, kind", [("Diagnosis?", "span"), ("Prognosis?", "span"), ("Oedema?", "yes_no"),
                                            ("Oesophagitis?", "yes_no"), ("Hypokalaemia at discharge?", "yes_no")])
def test_a_heading_word_is_no_finding_and_a_british_spelling_is(question, kind):
    assert asked_for(question).answer_type == kind


def test_an_ended_status_column_before_a_value_still_ends_it():
    table = "PROBLEM              STATUS     NOTE\nIron deficiency anaemia\tResolved\tHb 98 -> 119 after oral iron\n"
    assert _v(table, "Is she currently anaemic?").verdict == "no"


@pytest.mark.parametrize("text, verdict", [
    ("Enoxaparin 40 mg SC daily for 28 days (VTE prophylaxis).\n", "no"),
    ("Home apixaban 5 mg BID withheld because of the melaena.\n", "no"),
    ("New AF. Started apixaban 5 mg BID on 04/03.\n", "yes"),
])
def test_the_anticoagulation_concept_found_by_its_members_names_reads_their_use(text, verdict):
    from clinqa.questionnaire import load_questionnaire

    concept = next(c for c in load_questionnaire("discharge-summary").concepts if c.id == "anticoagulation")
    note = Note("t", text)
    d = AnswerPolicy().decide(note, concept.questions["en"][0], [], segment(text, note.id), concept=concept)
    assert d.verdict.verdict == verdict


FORMER = "SOCIAL HISTORY: Ex-smoker, gave up in 2196 (15 pack-years). Drinks socially.\n"
CURRENT = "Social: smokes 12 cigarettes a day; lives with her sister.\n"


@pytest.mark.parametrize("question", ["Raucht die Patientin?", "Czy pacjentka pali papierosy?", "¿Fuma la paciente?"])
def test_a_smoking_question_in_another_language_reads_the_smoking_status(question):
    assert _v(FORMER, question).verdict == "no"
    assert _v(CURRENT, question).verdict == "yes"


SCREEN = """TB SYMPTOM SCREEN
Cough > 2 weeks ............... yes
Haemoptysis ................... no
Chest pain ____________ no
Warfarin (mechanical valve): on hold since Monday for the biopsy. Anticoagulation on hold.
"""


@pytest.mark.parametrize("question, verdict", [("Haemoptysis?", "no"), ("Chest pain?", "no"), ("Cough?", "yes"),
                                               ("Is he anticoagulated?", "no")])
def test_a_forms_dot_leader_and_on_hold_say_the_value(question, verdict):
    assert _v(SCREEN, question).verdict == verdict


RESTART = """PLAN
- Restart apixaban 5 mg BID after the control brain MRI, if no bleeding.
- Metformin restarted on day 3.
"""


def test_a_restart_after_a_condition_is_not_done_yet():
    assert _v(RESTART, "Has apixaban been restarted?").verdict == "no"
    assert _v(RESTART, "Was metformin restarted?").verdict == "yes"


SHIFT = """ED NOTE
A CT angiogram of the chest was ordered at 01:20 and cancelled at 01:45.
Catheter-directed lysis: discussed with interventional radiology - not pursued (no RV strain).
Dressing clean and dry - changed today.
Weekly dressing change by the district nurses from next week.
We agreed to start HRT today: oestradiol patch 50 micrograms twice weekly.
DISCHARGE CHECKLIST                YES  NO  COMMENT
Flu vaccine given                        x   due - GP to give
"""


@pytest.mark.parametrize("question, verdict", [
    ("Was a CT angiogram of the chest performed?", "uncertain"),  # a clock time's colon is no result
    ("Was catheter-directed lysis performed?", "no"),  # a result line that says it was not pursued
    ("Was the dressing changed today?", "yes"),  # the mention that says the verb, not a later one
    ("Was HRT started?", "yes"),  # "agreed to start ... today" is no plan
    ("Was the flu vaccine given?", "no"),  # the checklist's x under NO stays a no
])
def test_what_the_action_rules_must_not_turn(question, verdict):
    assert _v(SHIFT, question).verdict == verdict


# What a read-only review found in the first version, each on a note of its own words

REVIEW = """WARD NOTE
Complained of chest pain... no radiation, settled with GTN.
Cough ........ no change from baseline, productive
Hypokalaemia (K 2.9), being corrected with IV KCl.
Hyponatraemia (Na 121) - not yet normalised.
Chest X-ray: no consolidation.
Echo: none.
Warfarin withheld (INR 5.2), restarted at 3 mg on day 4.
Continue aspirin 75 mg OD after discharge, lifelong.
Transoesophageal echocardiogram (TOE) 12/03: 8 mm vegetation.
Blood cultures requested 09:00 - grew E. coli at 36 h.
"""

PLANNED = """PLAN
Restart heparin infusion tonight after the epidural catheter is removed.
Senna and lactulose to be started if no bowel opening by day 3.
Iron studies: ferritin 8, transferrin saturation 6%.
"""


@pytest.mark.parametrize("question, verdict", [
    ("Chest pain?", "yes"), ("Cough?", "yes"),  # a sentence's ellipsis is no form's leader
    ("Still hypokalaemic?", "yes"), ("Is she still hyponatraemic?", "yes"),  # being corrected, not yet normalised
    ("Was a CXR done?", "yes"), ("Was an echo done?", "no"),  # a finding absent is a result; "none" is none
    ("Anticoagulated?", "yes"),  # withheld, then restarted in the same sentence
    ("Was aspirin continued?", "yes"),  # "after discharge" is no condition of a continuation
    ("Was a TTE done?", "not_mentioned"),  # TTE is no TOE
])
def test_what_the_review_found(question, verdict):
    assert _v(REVIEW, question).verdict == verdict


def test_a_result_after_a_request_is_no_plan():
    assert _v(REVIEW, "Were blood cultures taken?").verdict != "no"


@pytest.mark.parametrize("question", ["Was the epidural catheter removed?", "Any laxative given?", "Anticoagulated?"])
def test_a_planned_or_conditional_item_is_no_yes(question):
    assert _v(PLANNED, question).verdict != "yes"


def test_a_class_word_that_is_a_lab_asks_for_the_lab():
    assert asked_for("Iron?").answer_type != "yes_no"
    assert terse_class("Was on any" + " " * 600 + "x!") is None  # (no pattern that backtracks)


def test_the_shorthand_takes_only_forms_that_spell_it():
    assert shorthand_forms("TTE") == ()
    assert "shortness of breath" in shorthand_forms("SOB")


def test_a_verb_to_come_or_another_verb_is_no_event():
    note = ("FEEDS: Human milk fortifier to start today once 150 mL/kg/day tolerated for 24 h.\n"
            "LINES: Bloods taken from the PICC today. PICC removal booked for 20/01.\n")
    assert _v(note, "Has fortifier been started?").verdict != "yes"
    assert _v(note, "Has the PICC been taken out?").verdict != "yes"


# What a second read-only review found in the mends, each on a note of its own words

FORM = """PRE-PROCEDURE FORM
CT head: [ ] Yes [x] No
MRI: no indication
"""

MEDS = """Warfarin withheld (INR 6.1), restart when INR < 3.
Continue ramipril 5 mg once daily.
She was noted to be started on clopidogrel by her GP last month.
"""

NURSING = """The urinary catheter was removed this morning; for discharge tomorrow.
Dressing changed today, next change due tomorrow.
Enoxaparin given at 18:00 and will be given again tomorrow.
An ECG was done today. CT angiogram of the chest was done last week.
"""


@pytest.mark.parametrize("note, question, verdict", [
    (FORM, "Was a CT head done?", "no"), (FORM, "Was an MRI done?", "no"),  # boxes and "no indication" are no result
    (MEDS, "Is he anticoagulated?", "no"),  # a restart only planned gives nothing again
    (MEDS, "ACE inhibitor?", "yes"),  # "once daily" is a schedule, no condition
    (MEDS, "Was she started on clopidogrel?", "yes"),  # "to be started ... last month" is no plan
    (NURSING, "Was the catheter removed?", "yes"), (NURSING, "Was the dressing changed?", "yes"),
    (NURSING, "Was enoxaparin given?", "yes"),  # a verb in the past, whatever comes tomorrow
    (NURSING, "Was an EKG done?", "yes"), (NURSING, "Was a CTA done?", "yes"),  # shorthand spelled by capitals
])
def test_what_the_second_review_found(note, question, verdict):
    assert _v(note, question).verdict == verdict


def test_an_ending_with_its_date_still_ends_it():
    note = ("Oxygen by nasal prongs 2 L/min in ED, weaned off 12/08.\n"
            "Heparin 500 units/L added to the PD bags while cloudy - stopped 06/04.\n")
    assert _v(note, "Was he on oxygen at discharge?").verdict == "no"
    assert _v(note, "Is heparin still added to her bags?").verdict == "no"


def test_another_tests_result_after_a_deferred_plan_is_no_result_of_it():
    note = ("Left radiocephalic AV fistula: good thrill. First cannulation was planned for today but deferred - "
            "fistula ultrasound on 02/03 showed a vein diameter of 3.5 mm, not yet mature.\n")
    assert _v(note, "Was the fistula cannulated today?").verdict == "no"


def test_advice_to_the_patient_is_no_plan_of_the_finding_before_it():
    note = "Toothache L lower molar, ?dental abscess (no facial swelling) - advised to register with a dentist.\n"
    assert _v(note, "Does he have toothache?").verdict == "yes"
