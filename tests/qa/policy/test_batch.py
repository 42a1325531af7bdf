"""answer_questions reads only the questions whose decision depends on the reader, and decides
them exactly as if it had read every one."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinqa.errors import DataError
from clinqa.qa.policy import AnswerPolicy, Calibration, answer_questions
from clinqa.qa.policy.policy import NeedsReader, Unread
from clinqa.questionnaire import load_questionnaire
from clinqa.text import segment
from clinqa.types import Answer, NamesAnswers, Note

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


class _Reading:
    """Candidates a reader could give: lines of the note, best first, and its no-answer margin.
    Records every pair it reads."""

    name = "fake"

    def __init__(self):
        self.read: list[tuple[str, str]] = []

    def answer_many(self, pairs, top_k=1, sentences=None, with_context=True, apply_threshold=True):
        from clinqa.qa.reader import ReaderOutput

        outs = []
        for (n, q), sents in zip(pairs, sentences):
            self.read.append((n.id, q))
            answers = [Answer(text=s.text, start=s.start, end=s.end, score=0.9 - 0.1 * i, note_id=n.id,
                              method="extractive") for i, s in enumerate(sents[2:7])]
            # the no-answer score wins on some questions (over the threshold below), not on others
            margin = 6.0 if len(q) % 3 == 0 else -2.0
            outs.append(ReaderOutput(answers or [Answer.no_answer(n.id, 1.0, "extractive")], margin))
        return outs


class _Naming(_Reading):
    def method_for(self, note, question):
        return "extractive"


def _items():
    notes = [Note(p.stem, p.read_text(encoding="utf-8")) for p in
             (EXAMPLES / "discharge_summary.txt", EXAMPLES / "radiology_report.txt", EXAMPLES / "progress_note.txt")]
    q = load_questionnaire("discharge-summary")
    items = [(n, c.questions_for("en")[0], c) for n in notes for c in q.concepts]
    sentences = {n.id: segment(n.text, n.id) for n in notes}
    return items, [sentences[n.id] for n, _, _ in items]


def _view(d):
    v = d.verdict
    return ([(a.text, a.start, a.end, round(a.score, 6), a.method, a.reason, a.assertion) for a in d.answers],
            None if v is None else (v.verdict, v.reason, v.start, v.end))


@pytest.mark.parametrize("calibration", [Calibration(), Calibration(min_score=0.3, null_threshold=5.0)])
def test_reads_only_what_decides_and_decides_the_same(calibration):
    items, sentences = _items()
    policy = AnswerPolicy(calibration)
    every, some = _Reading(), _Naming()
    assert isinstance(some, NamesAnswers) and not isinstance(every, NamesAnswers)
    full = answer_questions(every, policy, items, sentences)
    lazy = answer_questions(some, policy, items, sentences)
    assert [_view(d) for d in lazy] == [_view(d) for d in full]
    assert len(every.read) == len(items)
    # the discharge-only concepts are never read on a radiology report
    assert ("radiology_report", "What was the discharge disposition?") not in some.read
    assert len(some.read) < len(items)


def test_unread_candidates_raise_when_looked_at():
    u = Unread("extractive")
    for look in (lambda: list(u), lambda: len(u), lambda: bool(u), lambda: u[0]):
        with pytest.raises(NeedsReader):
            look()


def test_input_errors_still_raised_when_nothing_is_read(tiny_models, tmp_path):
    from clinqa.qa.reader import ExtractiveReader
    from tests.tiny_models import build_qa

    reader = ExtractiveReader.load(str(build_qa(tiny_models["bert"], tmp_path / "qa", seed=7)))
    note = Note("blank", "   \n ")
    q = load_questionnaire("discharge-summary")
    c = next(c for c in q.concepts if c.answer_type == "yes_no")
    with pytest.raises(DataError, match="no tokens"):
        answer_questions(reader, AnswerPolicy(Calibration()), [(note, c.questions_for("en")[0], c)], [[]])


# My own notes: a short discharge summary whose answers the structure gives, and a CT report.
WARD = """DISCHARGE SUMMARY - general medicine
Course: no fever during the stay, mild cough.

Labs: potassium 4.1, creatinine 1.4 this morning; creatinine 1.9 on admission.

Discharge Medications:
1. metoprolol succinate 50 mg daily
2. apixaban 5 mg BID
3. atorvastatin 40 mg nightly

Plan: continue current regimen, PT evaluation.
Chest film on the day of discharge: small left effusion, improved.
"""
CT = """CT ABDOMEN AND PELVIS WITH CONTRAST
Indication: right lower quadrant pain.
Technique: axial images after IV contrast.
Findings: normal appendix. No free fluid. Small hepatic cyst.
Impression: no acute abdominal process.
"""


def test_the_structure_decides_without_a_reader_pass_and_says_how():
    """A yes/no concept with mentions, a lab with one value, the list under a header, a drug class
    the note never names, and encounter concepts on a study report are decided unread; a lab with
    two different values and no time asked for is the reader's choice; what a chest film showed is
    what the note writes after its name, decided unread too (a CT report that names none as well)."""
    q = {c.id: c for c in load_questionnaire("discharge-summary").concepts}
    notes = [Note("ward", WARD), Note("ct", CT)]
    asks = [(notes[0], c) for c in ("fever", "potassium", "creatinine", "discharge_medications", "antibiotics",
                                    "chest_imaging")] + \
        [(notes[1], c) for c in ("allergies", "surgery", "past_medical_history", "chest_imaging")]
    items = [(n, q[c].questions_for("en")[0], q[c]) for n, c in asks]
    sentences = [segment(n.text, n.id) for n, _, _ in items]
    reader = _Naming()
    got = {(n.id, c.id): d for (n, _, c), d in zip(items, answer_questions(reader, AnswerPolicy(Calibration()),
                                                                            items, sentences))}
    read = {(n, qq) for n, qq in reader.read}
    asked = {(n.id, c.id): qq for n, qq, c in items}
    assert {k for k in asked if (k[0], asked[k]) in read} == {("ward", "creatinine")}
    assert got["ward", "chest_imaging"].answers[0].text == "small left effusion, improved"
    assert "names no chest radiograph" in got["ct", "chest_imaging"].answers[0].reason
    assert got["ward", "fever"].verdict.verdict == "no"
    k = got["ward", "potassium"].answers[0]
    assert (k.text, k.score) == ("4.1", 0.0) and ("1 value" in k.reason or "only value" in k.reason)
    meds = got["ward", "discharge_medications"].answers
    assert [m.text.split()[0] for m in meds] == ["metoprolol", "apixaban", "atorvastatin"]
    assert all(m.score == 0.0 and "Medications" in m.reason for m in meds)
    assert "no drug of the asked class" in got["ward", "antibiotics"].reason
    for c in ("allergies", "surgery", "past_medical_history"):
        assert "this note reads as a radiology" in got["ct", c].reason
