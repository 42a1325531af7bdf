"""A question that asks for symptoms is not answered by a diagnosis ("What symptoms did he come
in with?" is no "decompensated heart failure" from the problem list); ICD-10-CM's chapter of
symptoms, the lexicon's symptom groups and its symptom words say what a symptom is. Notes are
written for these tests."""

from __future__ import annotations

from clinqa.qa.policy import AnswerPolicy
from clinqa.qa.policy.constraints import diagnosis_not_symptom
from clinqa.text import segment
from clinqa.types import Answer, Note

_NOTE = ("Problem list:\n1. Decompensated heart failure\n2. Essential hypertension\n\n"
         "History: two weeks of worsening breathlessness on the flat and swollen ankles; "
         "no chest pain.\n")


def _first(question: str, spans: list[str]) -> str | None:
    note = Note("n", _NOTE)
    raw = []
    for i, s in enumerate(spans):
        start = _NOTE.index(s)
        raw.append(Answer(text=s, start=start, end=start + len(s), score=0.9 - 0.1 * i, note_id="n"))
    d = AnswerPolicy().decide(note, question, raw, segment(note.text, note.id))
    return d.answers[0].text if d.answers and not d.answers[0].is_no_answer else None


def test_a_symptom_question_skips_the_diagnosis_the_reader_ranked_first():
    got = _first("What symptoms did he come in with?",
                 ["Decompensated heart failure", "worsening breathlessness on the flat"])
    assert got is not None and "breathlessness" in got


def test_a_piece_of_a_diagnosis_is_no_symptom_either():
    # the reader's shorter span inside the disease's name: its phrase is still the disease
    assert _first("Symptoms at presentation?", ["Decompensated heart"]) is None


def test_a_question_that_does_not_ask_for_symptoms_keeps_the_diagnosis():
    got = _first("What was he admitted for?", ["Decompensated heart failure"])
    assert got == "Decompensated heart failure"


def test_what_counts_as_a_symptom():
    for disease in ("atrial fibrillation", "Essential hypertension", "acute cholecystitis", "iron deficiency anaemia",
                    "HTN"):
        assert diagnosis_not_symptom(disease), disease
    # ICD-10-CM's symptoms chapter, the lexicon's symptom groups and symptom words ICD files elsewhere
    for symptom in ("abdominal pain", "SOB", "melaena x2", "sore throat", "productive cough", "itchy rash",
                    "dizziness on standing", "fever with rigors"):
        assert not diagnosis_not_symptom(symptom), symptom
