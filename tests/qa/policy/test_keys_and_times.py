"""Answers from a field's key and from times written in other styles (session 25): a terse question
naming a field's key gets the field's value wherever the field stands; dates with dots and a full
year ("14.08.2186"), year-month-day with the month's name, clock times "06h00" and week columns
("Wk 20") are times; a day and month with a dot ("16.08") only in a note that writes its dates so.
Notes written for these tests in their own words."""

from __future__ import annotations

from clinqa.document import parse_document
from clinqa.document.time import short_dotted_date, time_key, writes_day_first
from clinqa.qa.policy import AnswerPolicy
from clinqa.qa.policy.keyed import keyed_value
from clinqa.text import segment
from clinqa.types import Note

TRIAGE = """RESUS BAY RECORD
Date: 03/02/2186    Arrival: 02h40 (walked in)    Bed: R2
Meds: amlodipine only. Allergies: latex - hives. Lives with partner.
Primary cause of collapse: vasovagal, per ED consultant.
Last seen well ......... 01:55 (partner)
"""

FLOWSHEET = """POST-TRANSPLANT CLINIC
RESULTS
                  Wk 4         Wk 8         Wk 12 (today)
Creatinine umol/L 140          126          133
Potassium mmol/L  4.4          4.9          5.2
"""

DOTTED = """Admitted 03.09.2185 with dengue fever. Platelets fell to 21,000 on 06.09.
Doxycycline was stopped on 07.09 once the IgM came back negative. Discharged 09.09.2185.
"""


def _answer(text: str, question: str):
    note = Note("n", text)
    d = AnswerPolicy().decide(note, question, [], segment(note.text, note.id))
    return d.answers[0].text if d.answers and d.answers[0].text else None


def test_a_field_key_answers_a_terse_question_wherever_it_stands():
    assert keyed_value(TRIAGE, "Allergies?")[:2] and _answer(TRIAGE, "Allergies?").startswith("latex")
    assert _answer(TRIAGE, "Time of arrival?").startswith("02h40")
    assert _answer(TRIAGE, "Primary cause of collapse?").startswith("vasovagal")
    assert _answer(TRIAGE, "Time last seen well?").startswith("01:55")
    # a key that names more or less than the question asks is no answer to it
    assert keyed_value(TRIAGE, "Cause of death?") is None
    assert keyed_value(TRIAGE, "What are her allergies?") is None  # not terse: the other paths answer it
    report = "CT HEAD\nRequested by: ED (Dr K. Obi)    Reported by: Dr S. Lund, neuroradiologist\n"
    assert report[slice(*keyed_value(report, "Who requested the scan?")[:2])] == "ED (Dr K. Obi)"
    assert report[slice(*keyed_value(report, "Who reported the CT?")[:2])] == "Dr S. Lund, neuroradiologist"
    assert keyed_value(report, "Who performed the CT?") is None


def test_other_ways_to_write_a_time():
    assert time_key("03.09.2185") == (2185, 9, 3, -1)
    assert time_key("2184-Mar-07") == (2184, 3, 7, -1)
    assert time_key("02h40") == (0, 0, 0, 160)
    assert time_key("Wk 12") == ("rel", 84) == time_key("week 12")
    assert writes_day_first(DOTTED)
    assert short_dotted_date("on 07.09", DOTTED) and not short_dotted_date("07.09", "K 4.1, Mg 0.8")


def test_week_columns_give_each_value_its_time():
    doc = parse_document(FLOWSHEET)
    creat = {m.when: m.value for m in doc.measurements if m.name == "creatinine" and m.source == "table"}
    assert creat == {"Wk 4": "140", "Wk 8": "126", "Wk 12 (today)": "133"}
    assert _answer(FLOWSHEET, "Creatinine at week 8?") == "126"


def test_a_dotted_day_and_month_is_a_date_in_a_note_that_writes_dates_so():
    from clinqa.qa.policy.constraints import fits

    policy = AnswerPolicy()
    note = Note("n", DOTTED)
    sentences = segment(note.text, note.id)
    asked = policy.asked_for("When was doxycycline stopped?")
    at = DOTTED.index("07.09")
    assert fits(note, asked, (at, at + 5), sentences)[0]
    other = Note("m", "Potassium 4.2, magnesium 07.09 today.")
    at = other.text.index("07.09")
    assert not fits(other, asked, (at, at + 5), segment(other.text, other.id))[0]


IRISH = """ST BRIGID'S HOSPITAL
INPATIENT DISCHARGE SUMMARY

PMHx: T2DM, HTN.
Allergies: Trimethoprim - rash.

PRESENTATION
Two days of fever and flank pain, vomiting twice.

DISCHARGE MEDICATIONS (reconciled by pharmacy)
1. Cefalexin 500 mg PO TDS for 7 days - NEW
2. Metformin 1 g PO BD - unchanged
HELD: Ramipril 5 mg OD - GP to restart
"""


def test_titles_in_capitals_and_with_a_note_in_brackets_open_their_own_sections():
    doc = parse_document(IRISH)
    cats = {s.title: s.category for s in doc.sections if s.title}
    assert cats["PRESENTATION"] != "allergy"
    assert cats["DISCHARGE MEDICATIONS (reconciled by pharmacy)"] == "medications"
    assert cats["HELD"] == "medications"  # a key line under the list, not the allergies carried on
    note = Note("n", IRISH)
    d = AnswerPolicy().decide(note, "What are the discharge medications?", [], segment(note.text, note.id))
    assert d.answers[0].text.startswith("Cefalexin")


INDIAN = """DISCHARGE SUMMARY
Date of Admission: 02.10.2187      Date of Discharge: 06.10.2187

INVESTIGATIONS
Test          02.10     04.10     06.10
Hb (g/dl)     13.2      12.1      12.6
Platelets     48,000    21,000    1.3 lakh
S.Creatinine  1.2       1.0       0.9
"""

CLINIC = """RENAL CLINIC
RESULTS
                  Wk 6         Wk 10        Wk 14 (today)
Potassium mmol/L  4.1          4.6          5.4
"""

RECORD = """TRANSFER FORM 11/03/2186
Urinary catheter: long-term, last changed 02/03/2186
Warfarin: last dose 3 mg at 18:00 yesterday
Cardiology clinic on 24/03/2186 at 10:30
"""


def test_a_note_that_writes_dotted_dates_reads_its_table_columns_and_counts_in_lakh():
    doc = parse_document(INDIAN)
    plt = {m.when: m.number for m in doc.measurements if m.name == "platelets" and m.source == "table"}
    assert plt == {"02.10": 48000, "04.10": 21000, "06.10": 130000}
    assert {m.value for m in doc.measurements if m.name == "creatinine"} == {"1.2", "1.0", "0.9"}
    assert _answer(INDIAN, "Lowest platelet count?") == "21,000"
    assert _answer(INDIAN, "Platelets at discharge?") == "1.3 lakh"


def test_a_clinic_visits_own_value_is_its_encounters_and_a_terse_question_names_its_lab():
    from clinqa.questionnaire import Concept

    note = Note("n", CLINIC)
    c = Concept("potassium", {"en": ("What was the potassium level?",)}, answer_type="number", moment="admission")
    d = AnswerPolicy().decide(note, "What was the potassium level?", [], segment(note.text, note.id), concept=c)
    assert d.answers[0].text == "5.4"
    asked = AnswerPolicy().asked_for("K today?", None)
    assert asked.lab == "potassium" or AnswerPolicy().asked_for("K today?").answer_type != "number"


def test_a_clock_time_answers_when_only_on_a_line_about_the_thing_asked():
    from clinqa.qa.policy.constraints import fits

    note = Note("n", RECORD)
    asked = AnswerPolicy().asked_for("When was the catheter last changed?")
    at = RECORD.index("18:00")
    assert not fits(note, asked, (at, at + 5), segment(note.text, note.id))[0]
    asked = AnswerPolicy().asked_for("When was the warfarin dose given?")
    assert fits(note, asked, (at, at + 5), segment(note.text, note.id))[0]
    # beside a date, the date says when
    asked = AnswerPolicy().asked_for("When is the cardiology clinic?")
    at = RECORD.index("10:30")
    assert not fits(note, asked, (at, at + 5), segment(note.text, note.id))[0]


SCORES = """ED REVIEW 11/04/2193
Chest: reduced air entry at the right base. Fever 38.3 on arrival.
Pneumonia likely; CURB-65 score 2, so admitted under the medical team. NEWS2 5.
Lifelong smoker, 38 pack-years. BMI was 31.2 at the last clinic.
Next clinic 14 May 2193. Drain output 120 mL by 06:00, 210 mL by noon.
"""


def test_terse_question_gets_the_one_value_beside_its_name():
    from clinqa.qa.policy.keyed import named_number

    def got(q):
        r = named_number(SCORES, q)
        return SCORES[r[0]:r[1]] if r else None

    assert got("CURB-65?") == "2"  # the name's own digits are no value
    assert got("NEWS2?") == "5"
    assert got("NEWS?") is None  # "NEWS2" is another name
    assert got("Pack-years?") == "38 pack-years"
    assert got("BMI?") == "31.2"
    assert got("Next clinic?") is None  # a date's day is no value
    assert got("Drain output?") is None  # two values: which one is not this rule's to choose
    assert got("BMI at clinic?") is None  # a question that times its value
    assert _answer(SCORES, "CURB-65?") == "2"
    op = "Cross-clamp time 27 min. Gentamicin 160 mg IV at induction.\nPain score   4   2   1\nTime of closure 11:40.\n"
    assert named_number(op, "Cross-clamp time?") == (op.index("27"), op.index("27") + 6, named_number(op, "Cross-clamp time?")[2])
    assert named_number(op, "Time of closure?") is None  # a clock time is no duration
    assert named_number(op, "Gentamicin level?") is None  # "gentamicin 160 mg" is a dose
    assert named_number(op, "Pain score?") is None  # a row of values


SCALES = """REHAB OUTCOMES          Admission (02-11)    Discharge (03-02)    Target
Barthel index           35                   80                   85
6-minute walk           not able             180 m (two rests)
Elderly Mobility Scale  6                    15
GDS-15                  9                    5
"""


def test_a_table_rows_own_measure_is_asked_by_its_label():
    assert _answer(SCALES, "Barthel on admission?") == "35"
    assert _answer(SCALES, "Barthel index at discharge?") == "80"
    assert _answer(SCALES, "GDS-15 at discharge?") == "5"  # a row after one whose cell says more stays in the table
    assert _answer(SCALES, "Elderly Mobility Scale score on discharge?") == "15"
