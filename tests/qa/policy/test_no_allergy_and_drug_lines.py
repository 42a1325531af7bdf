"""Answers of the wrong type on new notes: an allergy field's "NKDA" or "none" is no allergy, a
drug line that names what it is for is no diagnosis, a three-letter word is no abbreviation it
starts ("Mrs" is no MRSA), and a finding "NOT felt" is absent. Notes are written for these tests."""

from __future__ import annotations

from clinqa.qa.policy import AnswerPolicy
from clinqa.text import segment
from clinqa.types import Answer, Note


def _decide(text: str, question: str, spans: list[str] = ()):
    note = Note("n", text)
    raw = []
    for i, s in enumerate(spans):
        start = text.index(s)
        raw.append(Answer(text=s, start=start, end=start + len(s), score=0.9 - 0.1 * i, note_id="n"))
    return AnswerPolicy().decide(note, question, raw, segment(text, "n"))


def _text(text: str, question: str, spans: list[str]) -> str | None:
    d = _decide(text, question, spans)
    return d.answers[0].text if d.answers and not d.answers[0].is_no_answer else None


def test_nkda_is_no_allergy():
    for field in ("Allergies: NKDA.", "Allergies: none", "ALLERGIES: No known drug allergies"):
        text = f"{field}\nMeds: amlodipine 5 mg daily.\n"
        value = field.split(":", 1)[1].strip()
        assert _text(text, "What allergies does the patient have?", [value]) is None, field


def test_a_drug_line_is_no_past_history():
    text = ("Discharge medicines:\nTab Paracetamol 500 mg 2 tabs SOS for fever\n\n"
            "Past history: treated for pulmonary TB in 2321.\n")
    got = _text(text, "What is the past medical history?", ["Tab Paracetamol 500 mg 2 tabs SOS for fever"])
    assert got is None or "Paracetamol" not in got


def test_short_words_are_not_the_abbreviation_they_start():
    text = "Seen with Mrs Okafor (midwife). Wound swab grew MSSA.\nFoot: crepitus NOT felt.\n"
    d = _decide(text, "Was MRSA found?")
    assert d.verdict is None or d.verdict.verdict != "yes"
    assert _decide(text, "Is there crepitus?").verdict.verdict == "no"
