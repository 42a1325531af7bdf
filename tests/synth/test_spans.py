"""`clinqa synth spans`: recurring-span cloze questions from unlabeled text."""

from __future__ import annotations

import json

from clinqa.cli.main import main
from clinqa.data import read_squad, write_notes
from clinqa.synth.spans import SpanQuestionBuilder
from clinqa.types import Note
from tests.synth.sample import NOTE


def test_span_questions_hide_the_answer_sentence():
    text = ("The patient was started on insulin glargine at night. Glucose improved over two days. "
            "At discharge she continues insulin glargine with meals. Follow up with endocrinology.")
    qs = SpanQuestionBuilder(seed=1, per_note=4).questions(Note(id="s", text=text))
    assert qs
    for q in qs:
        ex = q.example
        ans = ex.answers[0]
        ans.check(ex.note)
        assert ex.note.text != text and len(ex.note.text) < len(text)
        assert "what" in ex.question.lower() or "how much" in ex.question.lower()
    assert any(q.span_text == "insulin glargine" for q in qs)


def test_cli_synth_spans_reads_notes_and_squad_contexts(tmp_path, capsys):
    from clinqa.data import write_squad
    from clinqa.types import QAExample, Span

    ctx = ("Remdesivir shortened recovery in hospitalised adults. Patients given remdesivir recovered in 11 days. "
           "Placebo patients recovered in 15 days. The benefit of remdesivir was largest on low-flow oxygen.")
    squad = tmp_path / "sq.json"
    a = "11 days"
    write_squad([QAExample("q1", "how long", Note("art1", ctx), (Span(ctx.index(a), ctx.index(a) + len(a), a),))], squad)
    notes = tmp_path / "notes"
    write_notes([NOTE], notes, "dir")
    out = tmp_path / "spans.json"
    assert main(["synth", "spans", "--notes", str(notes), "--squad", str(squad), "--out", str(out), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["notes"] == 2 and doc["questions"] >= 2
    exs = list(read_squad(out))
    assert len(exs) == doc["questions"]
    for ex in exs:  # the answer's sentence left the context; the answer is elsewhere in it
        assert ex.answers and ex.note.text[ex.answers[0].start:ex.answers[0].end] == ex.answers[0].text
    assert main(["synth", "spans", "--out", str(out)]) == 2
