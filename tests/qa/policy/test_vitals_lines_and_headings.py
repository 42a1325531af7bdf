"""Vital signs and headings as notes from more places write them (session 30): on a line of vital
signs "PR 108" is the pulse, "FC 124 lpm" the heart rate, "TA 142/88" the blood pressure and "FR
26" the respiratory rate ("BT" is left out: body temperature or, in Danish, blood pressure), while "PR 180 ms" on an ECG line stays an interval; "Blood pressure on
admission?" asks for the measurement, not for a drug of the class that treats it; "C.C.",
"Motivo de consulta", "PHx" and "Underlying" are the complaint's and the history's headings.
Notes written for these tests in their own words."""

from __future__ import annotations

from clinqa.document import parse_document
from clinqa.qa.policy import AnswerPolicy
from clinqa.text import segment
from clinqa.text.glossary import drug_class_stems
from clinqa.types import Note

WARD = """PROVINCIAL HOSPITAL - MEDICAL WARD 3
C.C.: cough and fever x 5 days
PHx: DM type 2 (15 yrs), gout. Underlying: none else.
V/S on arrival: BP 102/64 - PR 112 - RR 24 - Tª 38.8 - SpO2 93%
ECG: sinus tachycardia, rate 110, PR 180 ms, QRS 90 ms.
Plan: amoxicillin-clavulanate 1.2 g IV q8h.
"""

URGENCIAS = """URGENCIAS ADULTOS
Motivo de consulta: cefalea intensa de 6 horas de evolución.
Exploración: TA 168/96 mmHg   FC 58 lpm   FR 14 rpm   Temp 36.7 °C   SatO2 98%
"""


def _text(text: str, question: str) -> str | None:
    note = Note("n", text)
    d = AnswerPolicy().decide(note, question, [], segment(note.text, note.id))
    return d.answers[0].text if d.answers and not d.answers[0].is_no_answer else None


def test_short_forms_of_vital_signs_on_a_line_of_vital_signs():
    assert _text(WARD, "Heart rate on admission?") == "112"
    assert [m.value for m in parse_document(WARD).measurements_of("heart rate")] == ["112"]  # never the ECG's "PR 180 ms"
    assert _text(WARD, "Temperature on arrival?") == "38.8"
    assert _text(URGENCIAS, "Heart rate?") == "58 lpm"
    assert _text(URGENCIAS, "Respiratory rate?") == "14 rpm"
    assert _text(URGENCIAS, "Blood pressure?") == "168/96 mmHg"


def test_a_measurement_question_is_no_drug_class_question():
    assert drug_class_stems("Blood pressure on admission?") == ()
    assert drug_class_stems("What was the blood pressure?") == ()
    assert drug_class_stems("Is she on anything for blood pressure?")  # what a drug is for
    assert drug_class_stems("Diabetes medications?")
    assert _text(URGENCIAS, "Blood pressure on admission?") == "168/96 mmHg"


def test_headings_of_the_complaint_and_the_history_in_more_forms():
    assert _text(WARD, "What was the chief complaint?") == "cough and fever x 5 days"
    assert _text(URGENCIAS, "What was the chief complaint?") == "cefalea intensa de 6 horas de evolución"
    assert _text(WARD, "What is the past medical history?").startswith("DM type 2")
