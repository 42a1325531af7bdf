"""Forms and fields say yes and no in their own ways (session 23): check boxes ("[ ] Current
[x] Ex-smoker", "Chest pain: [ ] Yes [x] No"), a field's absent value ("COMPLICATIONS" over
"None."), a finding ruled out after it across a parenthesis, words after a mention that say it
was not used; and a question about help to quit is no question about smoking. Notes written for
these tests in their own words."""

from __future__ import annotations

import pytest

from clinqa.document import parse_document
from clinqa.document.checkboxes import box_before, field_answer
from clinqa.qa.policy import AnswerPolicy
from clinqa.text import segment
from clinqa.types import Note

FORM = """RESIDENTIAL CARE - HOSPITAL TRANSFER SHEET
Resident: Mr O. Pellegrino   DOB: 02/02/2110
Reason for transfer (tick):
[ ] Fall
[x] Shortness of breath
[ ] Confusion
Vomiting:  [x] Yes  [ ] No
Headache:  [ ] Yes  [x] No
Tobacco:  [ ] Current   [ ] Ex-smoker   [x] Never
Diet: soft, thickened fluids.
"""

PROCEDURE = """GASTROSCOPY REPORT
Sedation: fentanyl 50 mcg IV. Propofol not used.
FINDINGS
Grade B oesophagitis. Hiatus hernia 3 cm.
COMPLICATIONS
  Nil.
Perforation suspected after the dilatation (brief chest pain, crepitus queried) - excluded: erect CXR clear.
"""

SOCIAL = "Social: smokes 15 a day. Offered a nicotine patch, which he declined."


def _decide(text: str, question: str):
    note = Note("n", text)
    return AnswerPolicy().decide(note, question, [], segment(note.text, note.id))


def test_box_readers():
    assert box_before(FORM, FORM.index("Fall")) is False
    assert box_before(FORM, FORM.index("Shortness")) is True
    assert box_before(FORM, FORM.index("Diet")) is None
    assert field_answer(FORM, FORM.index("Vomiting") + len("Vomiting")) is True
    assert field_answer(FORM, FORM.index("Headache") + len("Headache")) is False
    assert field_answer(FORM, FORM.index("Diet") + len("Diet")) is None


@pytest.mark.parametrize("question,verdict", [
    ("Did he fall?", "no"),  # an empty box is no reason given
    ("Is he short of breath?", "yes"),
    ("Was he vomiting?", "yes"),
    ("Headache?", "no"),
    ("Does he smoke?", "no"),  # the ticked box is "Never"
])
def test_a_form_says_what_its_ticked_boxes_say(question, verdict):
    d = _decide(FORM, question)
    assert d.verdict.verdict == verdict, (d.verdict.verdict, d.verdict.reason)


def test_an_empty_box_is_no_smoking_status():
    events = [e for e in parse_document(FORM).events if e.kind == "smoking"]
    assert events and events[0].action == "never"


@pytest.mark.parametrize("question,verdict", [
    ("Were there any complications?", "no"),  # "COMPLICATIONS" over "Nil."
    ("Was propofol used?", "no"),
    ("Was there a perforation?", "no"),  # ruled out after it, across the parenthesis
])
def test_words_after_a_mention_decide_it(question, verdict):
    d = _decide(PROCEDURE, question)
    assert d.verdict.verdict == verdict, (d.verdict.verdict, d.verdict.reason)


def test_a_cue_after_the_next_sentence_is_not_the_mention_s():
    # "fentanyl 50 mcg IV. Propofol not used.": the sentence splitter may keep "IV." inside
    assert _decide(PROCEDURE, "Was fentanyl given?").verdict.verdict != "no"


def test_a_question_about_help_to_quit_is_not_about_smoking():
    d = _decide(SOCIAL, "Did he accept the nicotine patch?")
    assert d.verdict.verdict != "yes", d.verdict.reason  # he declined it; he does smoke
    assert _decide(SOCIAL, "Does he smoke?").verdict.verdict == "yes"


ALLERGIES = """Allergies: latex (contact dermatitis); cotrimoxazole - generalised rash.
Tramadol makes him dizzy - a side effect, not an allergy.
Note: he reports he is allergic to amoxicillin, which caused hives, and that ibuprofen upsets his stomach, an intolerance.
Medications: apixaban 5 mg twice daily (AF), bisoprolol 2.5 mg daily.
Plan: review on POD2; metformin restarted on day 3; clinic in six weeks.
"""


@pytest.mark.parametrize("question,verdict", [
    ("Is he allergic to latex?", "yes"),
    ("Does he have a cotrimoxazole allergy?", "yes"),
    ("Is he allergic to tramadol?", "no"),  # the note calls it a side effect
    ("Is he allergic to amoxicillin?", "yes"),  # the intolerance later in the sentence is ibuprofen's
    ("Is he allergic to ibuprofen?", "no"),
    ("Is he anticoagulated?", "yes"),  # apixaban: a state word of the anticoagulant class
])
def test_allergy_and_class_state_questions(question, verdict):
    d = _decide(ALLERGIES, question)
    assert d.verdict.verdict == verdict, (d.verdict.verdict, d.verdict.reason)


def test_a_day_of_the_stay_or_a_time_in_words_answers_when():
    from clinqa.qa.policy.constraints import _stay_time

    assert _stay_time("day 3", "restarted on ") and _stay_time("POD2", "") and _stay_time("7th September", "")
    assert _stay_time("six weeks", "clinic in ")
    assert not _stay_time("six weeks", "a course of ")  # a duration, not a time from now
    assert not _stay_time("on free drainage, IV fluids, nil by mouth, last dose 03 Nov", "")  # a clause, not a time


@pytest.mark.parametrize("span,schedule", [
    ("PO", True), ("qHS", True), ("in the evening", True), ("5 mg BD", True),
    ("previous DVT (left leg)", False), ("while on ibuprofen", False), ("for AF", False),
])
def test_a_dose_or_schedule_is_never_a_reason(span, schedule):
    from clinqa.qa.policy.constraints import _only_schedule

    assert _only_schedule(span) is schedule


HISTORY = """PMH: T2DM on metformin, HTN. Allergies: NKDA.
CT pulmonary angiogram: no pulmonary embolism. Right pleural effusion, small.
Assessment: community-acquired pneumonia.
"""


@pytest.mark.parametrize("question,verdict", [
    ("Does she have diabetes?", "yes"),  # "T2DM": one token as written, two lower-cased
    ("Czy pacjentka ma cukrzycę?", "yes"),  # a group's Polish name finds its English names
    ("¿Hay derrame pleural?", "yes"),
    ("Hatte sie eine Lungenentzündung?", "yes"),
    ("Was a pulmonary embolism ruled out?", "yes"),  # the question asks whether it is absent
    ("Was pneumonia excluded?", "no"),
    ("Does she have any drug allergies?", "no"),  # NKDA
    ("Czy pacjentka ma alergie?", "no"),
])
def test_names_in_other_words_and_languages(question, verdict):
    d = _decide(HISTORY, question)
    assert d.verdict.verdict == verdict, (d.verdict.verdict, d.verdict.reason)


def test_cannot_be_excluded_is_still_possible():
    text = "IMPRESSION: No biliary dilatation. Choledocholithiasis cannot be excluded in the distal duct.\n"
    d = _decide(text, "Is there choledocholithiasis?")
    assert d.verdict.verdict == "uncertain", (d.verdict.verdict, d.verdict.reason)
    d = _decide("PE suspected on day 1 (tachycardia, pleuritic pain) - not yet ruled out.\n", "Does she have a PE?")
    assert d.verdict.verdict in ("uncertain", "not_mentioned") and d.verdict.verdict != "no"


def test_a_stop_cue_before_a_drug_with_its_own_cue_stops_the_drug_before():
    text = ("Course: clopidogrel 75 mg daily from admission (loading dose in the ED) until day 3, then "
            "STOPPED when ticagrelor was started on day 4.\n")
    assert _decide(text, "Was clopidogrel stopped?").verdict.verdict == "yes"
    assert _decide(text, "Was ticagrelor stopped?").verdict.verdict == "no"
    assert _decide(text, "Was ticagrelor started?").verdict.verdict == "yes"


def test_a_new_drug_is_its_line_in_the_medication_list():
    text = ("Course: ticagrelor was started on day 4 after the angiogram.\n\n"
            "» Medicines on discharge\n  NEW      Ticagrelor 90 mg twice daily\n  SAME     Ramipril 5 mg daily\n")
    d = _decide(text, "What new medications were started?")
    assert d.answers[0].text == "Ticagrelor 90 mg twice daily", [a.text for a in d.answers]


SCREEN = """NEW ARRIVAL HEALTH SCREEN (custody)
1. Seizures / fits?                       N
2. Heart condition?                       N    denies
3. Inhaler for asthma?                    Y    blue inhaler with property
4. Injected drugs in last 6 months?       N
"""


@pytest.mark.parametrize("question, verdict", [("Does he have seizures?", "no"), ("Does he have a heart condition?", "no")])
def test_a_forms_question_answered_no_in_its_own_column(question, verdict):
    assert _decide(SCREEN, question).verdict.verdict == verdict
    # its yes is left to the mention's words (the question may be about a plan or the past)
    assert _decide(SCREEN, "Does he use an inhaler?").verdict.verdict != "no"
    assert field_answer("Fits?      N\n", 4) is False and field_answer("Fits?  Y  in 2190\n", 4) is None
    assert field_answer("Fits? no further ones since May\n", 4) is None  # prose, not a column
