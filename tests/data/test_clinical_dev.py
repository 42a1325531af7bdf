"""The hand-written clinical dev set (benchmarks/data/clinical_dev): it loads through the
package readers, its gold offsets hold, and its composition stays what the README promises."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from clinqa.data import read_reference_answers, read_squad, write_squad
from clinqa.errors import DataError
from clinqa.types import ANSWER_TYPES, CATEGORIES, VERDICTS, Note, QAExample, Span

DEV = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "clinical_dev"


@pytest.fixture(scope="module")
def examples() -> list[QAExample]:
    return list(read_squad(DEV / "clinical_dev.json"))


def test_every_gold_offset_holds(examples):
    for ex in examples:
        for span in ex.answers:
            assert ex.note.text[span.start : span.end] == span.text, ex.id
            assert span.text == span.text.strip() and span.text, ex.id
    # read_squad realigns a drifted answer silently; the builder must never need that.
    raw = json.loads((DEV / "clinical_dev.json").read_text(encoding="utf-8"))
    for art in raw["data"]:
        for para in art["paragraphs"]:
            for qa in para["qas"]:
                for ans in qa["answers"]:
                    s = ans["answer_start"]
                    assert para["context"][s : s + len(ans["text"])] == ans["text"], qa["id"]


def test_notes_match_their_files(examples):
    notes = {ex.note.id: ex.note for ex in examples}
    files = sorted((DEV / "notes").glob("*.txt"))
    assert len(files) >= 16
    assert set(notes) == {f.stem for f in files}
    for f in files:
        assert notes[f.stem].text == f.read_text(encoding="utf-8")


def test_composition(examples):
    assert len(examples) >= 120
    assert len({ex.id for ex in examples}) == len(examples)
    impossible = sum(ex.is_impossible for ex in examples) / len(examples)
    assert 0.15 <= impossible <= 0.20
    assert all(ex.category in (*CATEGORIES, "Other") for ex in examples)
    assert all(ex.answer_type in ANSWER_TYPES for ex in examples)
    yes_no = [ex for ex in examples if ex.answer_type == "yes_no"]
    assert len(yes_no) >= 30
    assert set(Counter(ex.verdict for ex in yes_no)) == set(VERDICTS)
    for ex in examples:
        # a verdict exactly on yes/no questions; "not_mentioned" is exactly the one without a span
        assert (ex.verdict is not None) == (ex.answer_type == "yes_no"), ex.id
        if ex.verdict is not None:
            assert (ex.verdict == "not_mentioned") == ex.is_impossible, ex.id
        if ex.answer_type == "list":
            assert len(ex.answers) >= 2, ex.id


def test_reference_answers(examples):
    notes = {ex.note.id: ex.note for ex in examples}
    by_id = {ex.id: ex for ex in examples}
    refs = list(read_reference_answers(DEV / "answers.jsonl", notes))
    with_evidence = [r for r in refs if r.evidence]
    assert len(with_evidence) >= 45
    assert len({r.note_id for r in with_evidence}) >= 16
    for r in refs:
        ex = by_id[r.id]
        assert (r.note_id, r.question) == (ex.note.id, ex.question)
        assert len(r.reference.split()) <= 75
        for span in r.evidence:
            span.check(notes[r.note_id])
    kinds = {by_id[r.id].answer_type for r in with_evidence}
    assert "yes_no" in kinds
    assert any(by_id[r.id].question.startswith("Why") for r in with_evidence)


def test_reference_evidence_at_wrong_offsets_is_an_error(tmp_path):
    note = Note("n1", "Denies chest pain. K 5.6.")
    bad = {"id": "q", "note_id": "n1", "question": "?", "reference": "No.",
           "evidence": [{"start": 1, "end": 18, "text": "Denies chest pain"}]}
    path = tmp_path / "refs.jsonl"
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 1"):
        list(read_reference_answers(path, {"n1": note}))


def test_new_fields_round_trip(tmp_path):
    note = Note("n1", "Denies chest pain. K 5.6 mmol/L today.", metadata={"title": "t"})
    original = [
        QAExample("q1", "Chest pain?", note, (Span(0, 17, "Denies chest pain"),), category="Symptoms",
                  answer_type="yes_no", verdict="no"),
        QAExample("q2", "Fever?", note, (), is_impossible=True, category="Symptoms", answer_type="yes_no",
                  verdict="not_mentioned"),
        QAExample("q3", "Potassium?", note, (Span(21, 31, "5.6 mmol/L"),), category="Lab Reports",
                  answer_type="number"),
        QAExample("q4", "Plain?", note, (Span(21, 24, "5.6"),)),
    ]
    write_squad(original, tmp_path / "x.json")
    assert list(read_squad(tmp_path / "x.json")) == original


@pytest.mark.parametrize("field,value", [("verdict", "maybe"), ("category", "Vitals"), ("answer_type", "bool")])
def test_bad_label_names_the_question(tmp_path, field, value):
    qa = {"id": "q-bad", "question": "?", "answers": [{"text": "K", "answer_start": 0}], field: value}
    doc = {"version": "v2.0", "data": [{"title": "", "paragraphs": [{"context": "K 5.6", "qas": [qa]}]}]}
    (tmp_path / "x.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataError, match=rf"q-bad.*{field}=|{field}=.*q-bad"):
        list(read_squad(tmp_path / "x.json"))
