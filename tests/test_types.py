import pytest

from clinqa.qa.baseline import LexicalAnswerer
from clinqa.types import Answer, Note, Span, to_jsonable


def test_span_invariant():
    note = Note("n", "Aspirin 81 mg daily.")
    Span.of(note.text, 8, 13).check(note)
    with pytest.raises(ValueError):
        Span(8, 13, "81 m")
    with pytest.raises(ValueError, match="hold"):
        Span(0, 5, "81 mg").check(note)


def test_no_answer_is_an_answer():
    a = Answer.no_answer("n", 0.1)
    assert a.is_no_answer and a.start == a.end == -1
    a.check(Note("n", "x"))
    assert to_jsonable(a)["text"] is None


def test_baseline_answers_satisfy_the_invariant_on_every_example(examples):
    from clinqa.data import read_notes

    for note in read_notes(examples):
        for q in ("What medications?", "fever", "diagnosis"):
            for a in LexicalAnswerer(top_k=3).answer(note, q):
                a.check(note)
                assert a.method == "lexical-baseline"
