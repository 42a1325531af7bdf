"""Yes/no questions that a careless reader answers "yes" on new notes: a value question whose
number is not the note's value, a form row whose "NO" is the whole label's, a drug whose list row
says STOPPED after a dash, a relative who is not the one asked about, a finding only suspected or
queried, a lab's reference limit read as a second value. Notes are written for these tests."""

from __future__ import annotations

import pytest

from clinqa.document import parse_document
from clinqa.qa.policy import AnswerPolicy
from clinqa.qa.policy.asked import dimensions_asked
from clinqa.text import segment
from clinqa.types import Note

CLINIC = """ANTICOAGULATION AND RENAL CLINIC 11/06/2327

Results today: INR 3.4, creatinine 131 umol/L (eGFR 44), ALT 61 U/L (ULN 45).
Peak flow 280 L/min this morning (personal best 450).
Sodium: 129 (09/06) -> 133 (10/06) -> 136 (11/06).
Potassium 5.9 on admission, 4.3 at discharge.

Regular medicines:
- warfarin as per INR chart
- ramipril 5 mg - STOPPED 02/06/2327 (AKI)
- furosemide 40 mg mane

Family history: his brother has polycystic kidneys.
Tingling in both feet at night.
Past: sciatica as a teenager.
Worsening breathlessness - heart failure suspected, echo booked.
The GP queried gout of the left first toe.

Travel screening form
Tuberculosis (TB) contact ................ NO
Fever / night sweats ..................... NO
"""


def _verdict(question: str, text: str = CLINIC) -> str | None:
    note = Note("n", text)
    d = AnswerPolicy().decide(note, question, [], segment(note.text, note.id))
    return d.verdict.verdict if d.verdict else None


@pytest.mark.parametrize("question, verdict", [
    ("Is his INR 3.4?", "yes"),
    ("Is his INR 2.5?", "no"),            # the question's number is not the note's value
    ("Is the ALT 45?", "no"),             # 45 is the upper limit the note writes beside the value
    ("Is his sodium still 129?", "no"),   # 129 was the first of a trend that ends at 136
    ("Was the sodium 129?", "yes"),       # in the past tense any value of the stay answers
    ("Was the potassium 5.9 at discharge?", "no"),
    ("Was the potassium 5.9 on admission?", "yes"),
    ("Is his peak flow 450?", "no"),      # his best, not a value measured
])
def test_a_value_question_compares_the_note_value(question, verdict):
    assert _verdict(question) == verdict


def test_a_reference_limit_is_no_second_value():
    doc = parse_document(CLINIC)
    assert [m.value.strip() for m in doc.measurements_of("alt")] == ["61 U/L"]
    assert [m.value.strip() for m in doc.measurements_of("peak expiratory flow")] == ["280 L/min"]


def test_a_form_rows_no_is_the_whole_labels():
    assert _verdict("Any contact with tuberculosis?") == "no"   # inside the label's brackets
    assert _verdict("Does he have night sweats?") == "no"       # the second of a slashed label
    assert _verdict("Fever?") == "no"


def test_a_status_after_a_dash_is_the_drugs():
    assert _verdict("Is he still on ramipril?") == "no"
    assert _verdict("Is he on furosemide?") == "yes"


def test_a_family_history_field_ends_at_its_line_and_names_its_relative():
    assert _verdict("Does he have tingling in his feet?") == "yes"       # the patient's, the line after the field
    assert _verdict("Does his father have polycystic kidney disease?") == "not_mentioned"  # his brother's
    assert _verdict("Does his brother have polycystic kidneys?") == "yes"


def test_suspected_queried_and_childhood_findings_are_no_yes():
    assert _verdict("Does he have heart failure?") == "uncertain"
    assert _verdict("Gout?") == "uncertain"
    assert _verdict("Sciatica?") != "yes"


@pytest.mark.parametrize("question, dims", [
    ("How many cores were taken?", {"count", "dose form", "rate", "amount"}),
    ("Size of the left adrenal nodule?", {"length"}),
    ("How many mL of contrast?", {"volume"}),
    ("Birth weight?", {"mass", "percent"}),
    ("What was the INR?", set()),
])
def test_what_a_number_question_measures(question, dims):
    assert set(dimensions_asked(question)) == dims


def test_a_count_question_takes_no_length():
    text = "Biopsy: three cores taken with an 18G needle, each 12 mm long.\n"
    note = Note("n", text)
    from clinqa.types import Answer

    start = text.index("12 mm")
    raw = [Answer(text="12 mm", start=start, end=start + 5, score=0.9, note_id="n")]
    d = AnswerPolicy().decide(note, "How many cores were taken?", raw, segment(text, "n"))
    assert not d.answers or d.answers[0].is_no_answer or d.answers[0].text != "12 mm"


def test_a_peak_is_no_current_value():
    text = "Renal: no dialysis needed; her creatinine peaked at 212 umol/L during the stay.\n"
    assert _verdict("Is her creatinine still 212?", text) == "uncertain"
    assert _verdict("Was her creatinine 212?", text) == "yes"


LETTER = """LIVER CLINIC LETTER
Date of clinic: 14/08/2325

HBsAg positive since 2319, HBV DNA 31,000 IU/mL.
Plan: tenofovir disoproxil 245 mg daily to begin; start tenofovir 15/08/2325 after counselling.
"""


def test_a_start_dated_after_the_note_is_a_plan():
    from clinqa.document.time import note_date

    assert note_date(LETTER) == (2325, 8, 14, -1)
    assert note_date("Discharge summary\nDate of admission: 02/03/2190\n") is None
    assert _verdict("Has she started tenofovir?", LETTER) == "no"


def test_a_shorthand_subtype_is_still_the_subtype():
    assert _verdict("Hep C?", LETTER.replace("HBsAg positive", "Hepatitis B, HBsAg positive")) != "yes"


def test_a_value_on_the_next_line_of_wrapped_prose_is_read():
    text = ("Renal: no dialysis needed; her creatinine peaked at 212 umol/L and is\n"
            "now 78 umol/L, urine output good.\n")
    assert [m.value.strip() for m in parse_document(text).measurements_of("creatinine")] == ["212 umol/L", "78 umol/L"]
    assert _verdict("Is her creatinine still 212?", text) == "no"


def test_a_month_and_year_is_no_value_and_an_aside_is_no_current_one():
    text = "Bloods: GGT 88 U/L - was 41 in 03/2326. HbA1c 44 mmol/mol (at diagnosis 51).\n"
    assert [m.value.strip() for m in parse_document(text).measurements_of("ggt")] == ["88 U/L", "41"]
    assert _verdict("Is her HbA1c 51?", text) == "no"
    assert _verdict("Is her HbA1c 44?", text) == "yes"
