"""Yes/no traps of forms, tests, advice and prescriptions (session 26): a field answered in a word
("Latex: No", "Asthma N | Epilepsy N"), a test's line whose value says negative ("Flu swab on
arrival: negative"), safety-net advice ("go to A&E for ... chest pain"), a risk ("stroke risk"), a
cancer in remission, and a drug prescribed "to start tonight" or to start "if" a level is high are
no present finding and no start. Notes written for these tests in their own words."""

from __future__ import annotations

import pytest

from clinqa.qa.policy import AnswerPolicy
from clinqa.text import segment
from clinqa.types import Note

FORM = """PRE-ASSESSMENT 14/06/2197
Allergies: co-trimoxazole (rash)     Latex: No     Plasters: Yes
Asthma N | Epilepsy N | Diabetes Y | Reflux N
Flu swab on arrival: negative. MRSA screen - negative.
Breast cancer 2189 - mastectomy, in remission.
On edoxaban for AF; stroke risk explained.
Nitrofurantoin 100 mg BD 3 days prescribed for the urine infection - to start tonight.
Phytomenadione - give only if the INR comes back above 8.
Safety net: go to A&E for chest pain, black stools or a fall with a head injury.
"""


def _verdict(question: str) -> str | None:
    note = Note("f", FORM)
    d = AnswerPolicy().decide(note, question, [], segment(note.text, note.id))
    return d.verdict.verdict if d.verdict else None


def test_a_field_answered_in_a_word():
    assert _verdict("Is she allergic to latex?") == "no"
    assert _verdict("Is she allergic to plasters?") == "yes"
    assert _verdict("Does she have epilepsy?") == "no"
    assert _verdict("Does she have diabetes?") == "yes"


def test_a_negative_test_line_and_advice_and_risk_are_no_finding():
    assert _verdict("Does she have flu?") == "no"
    assert _verdict("Does she have MRSA?") == "no"
    assert _verdict("Has she had a head injury?") != "yes"
    assert _verdict("Has she had chest pain?") != "yes"
    assert _verdict("Has she had a stroke?") != "yes"
    assert _verdict("Does she have breast cancer?") != "yes"


def test_a_prescription_to_start_later_or_if_is_not_started():
    assert _verdict("Has she started nitrofurantoin?") == "no"
    assert _verdict("Was phytomenadione given?") != "yes"
    note = "Vitamin K - start if the INR comes back above 8. Enoxaparin 40 mg started on day 2.\n"
    d = AnswerPolicy().decide(Note("k", note), "Has she started vitamin K?", [], segment(note, "k"))
    assert d.verdict.verdict == "no"  # "start if": conditional
    d = AnswerPolicy().decide(Note("k", note), "Has she started enoxaparin?", [], segment(note, "k"))
    assert d.verdict.verdict == "yes"
    assert _verdict("Is nitrofurantoin planned?") != "no"


ALLERGY = """Allergies: trimethoprim - blistering rash 2190. No penicillin allergy.
Milk - vomiting as a baby; now drinks milk without any reaction.
Plan: on the cataract waiting list. Letter to GP suggesting a dermatology referral.
"""


def test_an_allergy_negated_or_outgrown_and_a_plan_on_a_list():
    def v(q):
        d = AnswerPolicy().decide(Note("a", ALLERGY), q, [], segment(ALLERGY, "a"))
        return d.verdict.verdict if d.verdict else None

    assert v("Is she allergic to penicillin?") == "no"
    assert v("Is she allergic to trimethoprim?") == "yes"
    assert v("Is she allergic to milk?") == "no"
    assert v("Has she had cataract surgery?") != "yes"  # on the waiting list


CLINICAL_WORDS = """CXR: small left pleural effusion, no pneumothorax.
Denies abdominal pain. Light-headed on standing at 06:10. Kept NBM from midnight for the OGD.
"""


def test_a_question_in_lay_words_finds_the_clinical_words():
    def v(q):
        d = AnswerPolicy().decide(Note("l", CLINICAL_WORDS), q, [], segment(CLINICAL_WORDS, "l"))
        return d.verdict.verdict if d.verdict else None

    assert v("Is there fluid around the lung?") == "yes"
    assert v("Does he have a collapsed lung?") == "no"
    assert v("Does he have tummy pain?") == "no"
    assert v("Was he dizzy?") == "yes"
    assert v("Is he nil by mouth?") == "yes"


def test_a_temperature_asked_in_lay_words_is_a_fever():
    def v(text, q):
        d = AnswerPolicy().decide(Note("t", text), q, [], segment(text, "t"))
        return d.verdict.verdict if d.verdict else None

    normal = "OBS 10:05: HR 96, BP 118/70, Temp 36.8 C, SpO2 98% on air.\n"
    assert v(normal, "Did she have a temperature?") != "yes"  # a temperature measured is no fever
    assert v("Seen at home: febrile, T 38.9, rigors.\n", "Did she have a temperature?") == "yes"


def test_a_drug_or_test_to_start_or_requested_is_not_yet():
    note = ("Vitamin D drops daily since day 3. Apixaban to start on day 5.\n"
            "Echo has been requested (result to follow). A cranial ultrasound was done on day 7 and was normal.\n")

    def v(q):
        d = AnswerPolicy().decide(Note("p", note), q, [], segment(note, "p"))
        return d.verdict.verdict if d.verdict else None

    assert v("Is he on vitamin D?") == "yes"
    assert v("Is he on apixaban?") == "no"  # "Apixaban to start on day 5"
    assert v("Has the echo been done?") == "no"
    assert v("Was a cranial ultrasound done?") == "yes"



GUARDS = """Chest pain with troponin: negative. Sepsis from a urinary source and blood cultures: negative.
Allergies: penicillin - hives; no problems with cefalexin since.
Admitted to start IV ceftriaxone 2 g daily; day 3 of 7 today. Warfarin withheld when INR was 5.2.
CXR: consolidation suggestive of pneumonia. Pyrexial to 38.6 overnight.
"""


def test_rules_for_traps_do_not_turn_a_present_finding_into_no():
    def v(q):
        d = AnswerPolicy().decide(Note("g", GUARDS), q, [], segment(GUARDS, "g"))
        return d.verdict.verdict if d.verdict else None

    assert v("Does he have chest pain?") == "yes"  # the troponin's value is not the chest pain's
    assert v("Does he have sepsis?") == "yes"
    assert v("Is he allergic to penicillin?") == "yes"  # "no problems with cefalexin" is cefalexin's
    assert v("Is he allergic to cefalexin?") == "no"
    assert v("Has he started ceftriaxone?") == "yes"  # "admitted to start" is no plan
    assert v("Was warfarin held?") == "yes"  # "withheld when ...": when, not if
    assert v("Does he have pneumonia?") != "no"  # "suggestive of" plans nothing
    assert v("Was he pyrexial?") == "yes"


SUBSTANCES = """Substance use: cannabis most evenings; ketamine - denies. Alcohol rarely.
Reports itch but denies rash.
"""


@pytest.mark.parametrize("question, verdict", [("Does he use ketamine?", "no"), ("Does he use cannabis?", "yes"),
                                               ("Does he have itch?", "yes"), ("Does he have a rash?", "no")])
def test_a_denial_that_ends_the_clause_after_the_mention(question, verdict):
    note = Note("s", SUBSTANCES)
    assert AnswerPolicy().decide(note, question, [], segment(SUBSTANCES, note.id)).verdict.verdict == verdict
