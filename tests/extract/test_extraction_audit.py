"""Extraction never writes an answer whose type contradicts its concept, whatever the reader
proposes: a worst-case reader offers every sentence and every number of each note, all with a
high score, and benchmarks/extraction_audit.py's checks (read from the note text, independent
of how the policy chose) must find nothing in the table the answer policy keeps."""

from __future__ import annotations

import importlib.util
import random
import re
from types import SimpleNamespace
import sys
from pathlib import Path

import pytest

from clinqa.data.notes import read_notes
from clinqa.questionnaire import load_questionnaire
from clinqa.extract.rows import rows_for_notes
from clinqa.qa.policy import VALUE, AnswerPolicy
from clinqa.types import Answer

ROOT = Path(__file__).resolve().parents[2]
NOTES = ROOT / "benchmarks" / "data" / "clinical_dev" / "notes"


def _audit():
    spec = importlib.util.spec_from_file_location("extraction_audit", ROOT / "benchmarks" / "extraction_audit.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the file runs
    spec.loader.exec_module(mod)
    return mod


class WorstCaseReader:
    """Proposes every sentence, every line and every number of the note, each scored 0.99, in
    an order fixed by `seed`: a reader that is confidently wrong as often as it can be."""

    name = "worst-case"

    def __init__(self, seed: int):
        self.seed = seed

    def answer(self, note, question, sentences=None, **_):
        text = note.text
        spans = {(s.start, s.end) for s in sentences or ()}
        spans |= {(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)}
        spans |= {(m.start(), m.end()) for m in VALUE.finditer(text)}
        spans = sorted(spans)
        random.Random(f"{self.seed}:{note.id}:{question}").shuffle(spans)
        return [Answer(text=text[a:b], start=a, end=b, score=0.99, note_id=note.id, method="worst-case")
                for a, b in spans]

    def answer_many(self, pairs, top_k=1, sentences=None, *, with_context=True, apply_threshold=True):
        """The Reader protocol (clinqa.types.Reader): every candidate, and no no-answer score."""
        sentences = sentences or [None] * len(pairs)
        return [SimpleNamespace(answers=self.answer(n, q, sentences=s), null_minus_best=None)
                for (n, q), s in zip(pairs, sentences)]


@pytest.fixture(scope="module")
def dev_notes():
    return list(read_notes(str(NOTES)))


@pytest.mark.parametrize("seed", [0, 1])
def test_no_typed_answer_contradicts_its_concept(dev_notes, seed):
    audit = _audit()
    q = load_questionnaire("discharge-summary")
    rows = rows_for_notes(WorstCaseReader(seed), q, dev_notes, policy=AnswerPolicy())
    report = audit.audit_table(rows, {n.id: n.text for n in dev_notes}, q)
    cells = {(r["note_id"], r["concept_id"]) for r in rows if r["answer_type"] != "yes_no"}
    assert len(cells) == 16 * sum(c.answer_type != "yes_no" for c in q.concepts)  # list items: a row each
    assert report["typed_rows"] == sum(r["answer_type"] != "yes_no" for r in rows)
    assert report["answered"] > 100  # the checks must not pass by abstaining on everything
    assert report["violations"] == 0, "\n".join(
        f"{v['note_id']} {v['concept_id']}: {v['answer'][:60]!r} ({v['why']})" for v in report["list"])


def test_the_failures_seen_before_are_caught(dev_notes):
    """The rows of the extraction run that showed the gap (issue 13): each answer the old policy
    gave is now refused by the policy and flagged by the audit."""
    audit = _audit()
    q = load_questionnaire("discharge-summary")
    notes = {n.id: n for n in dev_notes}
    concepts = {c.id: c for c in q.concepts}
    policy = AnswerPolicy()
    seen = [("cl02_endocrine", "creatinine", "48 mg"), ("ed02_abdpain", "potassium", "86%"),
            ("ds02_copd_pna", "symptom_duration", "200 mg"), ("ds02_copd_pna", "length_of_stay", "40 mg"),
            ("cl01_cardiology", "antibiotics", "Rivaroxaban 20 mg once daily with the evening meal"),
            ("ds01_chf", "antibiotics", "Penicillins"), ("ds03_gibleed", "past_medical_history",
                                                       "HISTORY OF PRESENT ILLNESS")]
    for note_id, cid, text in seen:
        note = notes[note_id]
        start = note.text.index(text)
        row = {"note_id": note_id, "concept_id": cid, "answer": text, "start": start, "end": start + len(text)}
        assert audit.audit_row(row, note.text, concepts[cid]), (note_id, cid, text)
        from clinqa.text import segment

        bad = Answer(text=text, start=start, end=start + len(text), score=0.99, note_id=note_id, method="test")
        d = policy.decide(note, concepts[cid].questions_for("en")[0], [bad], segment(note.text, note.id),
                          concept=concepts[cid])
        assert d.answers[0].is_no_answer or d.answers[0].text != text, (note_id, cid, d.answers[0].text)


def test_lab_value_after_a_unit_letter_is_not_that_lab():
    """"WBC 15.8 K/uL with 86% neutrophils": the K of K/uL is no potassium."""
    from clinqa.qa.policy import lab_values

    text = "WBC 15.8 K/uL with 86% neutrophils\nK 4.1, creatinine 0.9 mg/dL, albumin-to-creatinine ratio 48 mg/g"
    k = [text[a:b] for a, b, _ in lab_values(text, "potassium")]
    cr = [text[a:b] for a, b, _ in lab_values(text, "creatinine")]
    assert k == ["4.1"]
    assert cr == ["0.9 mg/dL"]


@pytest.mark.slow
def test_shipped_reader_extraction_has_no_type_contradictions(dev_notes):
    """The issue's run (`clinqa extract -q discharge-summary` over the dev notes) with the shipped
    reader and its shipped calibration: the audit finds nothing (about 3 minutes on 2 cores)."""
    from clinqa.qa.reader import ExtractiveReader

    audit = _audit()
    q = load_questionnaire("discharge-summary")
    rows = rows_for_notes(ExtractiveReader.load("clinqa-qa-minilm"), q, dev_notes)
    report = audit.audit_table(rows, {n.id: n.text for n in dev_notes}, q)
    assert report["answered"] > 150
    assert report["violations"] == 0, report["list"]
