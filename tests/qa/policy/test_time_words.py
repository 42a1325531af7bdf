"""Which value a note gives for a time, read from the words around each value (session 23): a
moment word belongs to the values after it in its sentence, a labelled line's time to the values
of that line, a series under a line naming its lab to that lab, an earlier value in parentheses
is not the current one; and a yes/no question whose head noun the note names only as absent is
a "no". Notes written for these tests in their own words."""

from __future__ import annotations

import pytest

from clinqa.document import parse_document
from clinqa.qa.policy import AnswerPolicy
from clinqa.text import segment
from clinqa.types import Note

CLINIC = """RENAL CLINIC - review
Seen 14/02/2187.
Results today: creatinine 188 umol/L, potassium 5.1 mmol/L, bicarbonate 19 mmol/L.
Creatinine was 164 umol/L in November 2186. PTH 22 pmol/L (31 pmol/L in August).
Urine protein/creatinine ratio 96 mg/mmol (was 140).

Home blood pressure diary (upper arm):
  01 Feb 2187  162/96
  07 Feb 2187  150/90
  13 Feb 2187  141/84 (after amlodipine increase)

Plan: recheck potassium in 1 week; if potassium above 6.0 stop lisinopril.
"""

WARD = """Ward round, day 4.
Obs: on admission temp 38.9, pulse 118, BP 92/58. Today temp 37.1, pulse 84, BP 124/70.
- Labs at 06:15: WBC 13.2, CRP 140 (310 on admission), lactate 1.1.
Admission WBC was 21.4.

Haemoglobin (g/L)
3 May (arrival) 121 | 4 May 05:00 98 | 5 May after 1 unit 104 | 6 May 109

Discharge: 6 May 2184
Bloods on the day of discharge: Hb 109 g/L.
"""

OPNOTE = """Procedure: laparoscopic cholecystectomy, 11/09/2185.
Findings: thick-walled gallbladder, no perforation.
Drains: nil.
Blood loss 30 mL; no transfusion required.
Cholangiogram: not performed.

CT ABDOMEN WITHOUT CONTRAST (previous day)
No free fluid. The appendix is normal.
"""


def _decide(text: str, question: str):
    note = Note("n", text)
    return AnswerPolicy().decide(note, question, [], segment(note.text, note.id))


def _measured(text: str, lab: str):
    return [(m.value, m.when, m.moment) for m in parse_document(text).measurements_of(lab)]


def test_a_moment_word_belongs_to_the_values_after_it_in_its_sentence():
    # "on admission ... Today ...": the first three admission's, the others not; a moment in
    # another value's parentheses is that value's alone
    temps = _measured(WARD, "temperature")
    assert ("38.9", None, "admission") in temps and not any(m == "admission" for v, _, m in temps if v == "37.1")
    crp = dict((v, m) for v, _, m in _measured(WARD, "crp"))
    assert crp == {"140": None, "310": "admission"}


def test_a_labelled_line_times_its_values_but_not_the_next_sentence():
    wbc = _measured(WARD, "white blood cell count")
    assert ("13.2", "06:15", None) in wbc
    assert ("21.4", None, "admission") in wbc


def test_a_series_under_a_line_naming_its_lab():
    hb = _measured(WARD, "hemoglobin")
    assert [v for v, _, _ in hb][:4] == ["121", "98", "104", "109"]
    assert hb[0][2] == "admission" and hb[2][1] == "5 May after 1 unit"
    bp = _measured(CLINIC, "blood pressure")
    assert [v for v, _, _ in bp] == ["162/96", "150/90", "141/84"]


@pytest.mark.parametrize("text,question,value", [
    (WARD, "What was the lowest haemoglobin?", "98"),
    (WARD, "Admission Hb?", "121"),
    (WARD, "Hb on the day of discharge?", "109"),
    (WARD, "WBC this morning?", "13.2"),
    (WARD, "What was the admission WBC?", "21.4"),
    (WARD, "Temperature on admission?", "38.9"),
    (CLINIC, "What is the most recent creatinine?", "188 umol/L"),
    (CLINIC, "Latest PTH?", "22 pmol/L"),
    (CLINIC, "Most recent urine protein/creatinine ratio?", "96 mg/mmol"),
    (CLINIC, "Home BP on 07 Feb 2187?", "150/90"),
    (CLINIC, "What was the BP after the amlodipine increase?", "141/84"),
])
def test_the_value_for_the_time_asked(text, question, value):
    d = _decide(text, question)
    # (109 on the discharge day is in the series and in the discharge line, with its unit)
    assert d.answers[0].text is not None and d.answers[0].text.split()[0] == value.split()[0], \
        (d.answers[0].text, d.reason, d.answers[0].reason)


def test_a_peak_is_never_an_earlier_baseline():
    text = "Hb 84 g/L on arrival (baseline 131 g/L in 2183), 79 g/L overnight and 95 g/L at discharge."
    assert _decide(text, "What was the peak Hb?").answers[0].text == "95 g/L"
    assert _decide(text, "What was the Hb at discharge?").answers[0].text == "95 g/L"


def test_a_year_after_a_month_and_a_date_s_day_are_no_values():
    vals = [v for v, _, _ in _measured(CLINIC, "creatinine")]
    assert "2186" not in vals
    text = "Highest temperature 38.2 C on the evening of March 12; none since."
    assert [v for v, _, _ in _measured(text, "temperature")] == ["38.2 C"]


@pytest.mark.parametrize("question", [
    "Were any drains left?",
    "Was a blood transfusion given?",
    "Was IV contrast used for the CT?",
    "Was the gallbladder perforated?",
    "Was an intraoperative cholangiogram done?",
])
def test_a_head_noun_named_only_as_absent_is_a_no(question):
    d = _decide(OPNOTE, question)
    assert d.verdict.verdict == "no", (d.verdict.verdict, d.verdict.reason)


@pytest.mark.parametrize("question", [
    "Is there a pericardial effusion?",  # "pericardial" never named; "effusion" nowhere
    "Was free air seen?",  # "No free fluid" names "free" only, not the head noun
    "Was the appendix inflamed?",  # "The appendix is normal": present, so no verdict from its words
])
def test_a_modifier_named_as_absent_says_nothing(question):
    d = _decide(OPNOTE, question)
    assert d.verdict.verdict != "no", (d.verdict.verdict, d.verdict.reason)
    assert d.verdict.verdict != "yes"


LETTER = """WESTBROOK COTTAGE HOSPITAL
Patient ..... Ines FARRUGIA
Admitted .... 28 Feb 2184, 22:10
Discharged .. 4 Mar 2184
Summary: admitted with a fall; discharged home.
"""


def test_length_of_stay_is_the_days_between_the_dates():
    d = _decide(LETTER, "How many days was the patient in hospital?")
    a = d.answers[0]
    assert a.value == "5 days" and a.text == "4 Mar 2184"  # (2184 is a leap year: 29 Feb)
    assert LETTER[a.start:a.end] == a.text and "28 Feb 2184" in a.reason
    from clinqa.extract.normalize import normalise
    from clinqa.questionnaire import load_questionnaire

    concept = next(c for c in load_questionnaire("discharge-summary").concepts if c.id == "length_of_stay")
    assert normalise(concept, a).number == 5
    # one date only: no length
    assert _decide("Admitted: 28 Feb 2184.\n", "How many days was the patient in hospital?").answers[0].value is None


def test_dot_leader_fields_date_the_stay():
    assert _decide(LETTER, "When was she discharged?").answers[0].text == "4 Mar 2184"


SYSTEMS = ("CV: shock resolved. Today BP 131/76, HR 84. In the ED: BP 82/46, HR 121. hs-troponin 40 ng/L (3/1) -> "
           "71 ng/L (3/2, peak) -> 33 ng/L (3/4).\n"
           "RENAL: Cr 2.9 (3/1) -> 3.3 (3/2) -> 1.8 (3/4); baseline Cr 1.1. Urine output adequate.\n")


def test_arrow_chains_inside_prose_are_their_own_labs():
    # each chain belongs to the lab named right before it, and the prose around it keeps its values
    assert [v for v, _, _ in _measured(SYSTEMS, "troponin")] == ["40 ng/L", "71 ng/L", "33 ng/L"]
    assert {v for v, _, _ in _measured(SYSTEMS, "blood pressure")} == {"131/76", "82/46"}
    assert [v for v, _, _ in _measured(SYSTEMS, "creatinine")][:4] == ["2.9", "3.3", "1.8", "1.1"]
    assert _decide(SYSTEMS, "Peak troponin?").answers[0].text == "71 ng/L"
    assert _decide(SYSTEMS, "Creatinine on admission?").answers[0].text == "2.9"  # never the baseline


def test_a_row_label_one_space_from_its_first_value():
    table = ("Bloods\n                    2nd Jun    4th Jun    6th Jun\n"
             "CRP (mg/L)          140        77         20\n"
             "Creatinine (umol/L) 61         55         -\n")
    assert [(v, w) for v, w, _ in _measured(table, "creatinine")] == [("61", "2nd Jun"), ("55", "4th Jun")]
    assert _decide(table, "CRP on 4th June?").answers[0].text == "77"


def test_labelled_times_the_question_names():
    scores = "NIH stroke scale\n  Arrival (1 May) ... 11\n  48 h (3 May) ..... 5\n  Discharge (9 May) . 2\n"
    assert _decide(scores + "NIHSS: see above.\n", "What was the NIHSS at 48 h?").answers[0].text == "5"
    session = ("Dialysis run\n                Pre (09:05)      Post (13:10)\n"
               "Weight          81.2 kg          79.0 kg\nBP (sitting)    171/92           128/70\n"
               "Pulse           90 irregular     76 irregular\n")
    assert _decide(session, "BP post dialysis?").answers[0].text == "128/70"
    assert [w for _, w, _ in _measured(session, "heart rate")] == ["Pre (09:05)", "Post (13:10)"]
    # a value in another's parentheses is earlier only right after the parenthesis opens
    text = "Day 2: T 36.9. Rigors on day 3 (T 38.4 C, hypotensive) - cultures sent."
    assert _decide(text, "Highest temperature?").answers[0].text == "38.4 C"
