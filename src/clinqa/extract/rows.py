"""The rows of one extraction: every concept of a questionnaire asked of a note through the
answer policy, one `ExtractionRow` per (note, concept) (per item for a list concept). The local
runner (runner.py), its worker processes (pool.py), the Ray engine and the server all make their
rows here."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from clinqa.extract.normalize import normalise
from clinqa.questionnaire import Questionnaire
from clinqa.types import AnswerType, Note


@dataclass
class ExtractionRow:
    note_id: str
    concept_id: str
    question: str
    answer: str | None
    start: int
    end: int
    score: float
    category: str | None
    assertion: str | None
    sentence_id: str | None
    answer_type: AnswerType
    value: str | None
    value_number: float | None
    unit: str | None
    code: str | None
    code_system: str | None
    code_display: str | None
    model: str
    reason: str | None = None  # why `value` is null (abstention), or how a yes/no verdict was reached
    # a list concept (answer_type "list": medications, allergies, diagnoses...) has one row per item,
    # each with its own offsets: `item` is its index (0 for a single answer), `items` how many
    item: int = 0
    items: int = 1


def schema():
    import pyarrow as pa

    types = {"start": pa.int64(), "end": pa.int64(), "score": pa.float64(), "value_number": pa.float64(),
             "item": pa.int64(), "items": pa.int64()}
    return pa.schema([(f.name, types.get(f.name, pa.string())) for f in fields(ExtractionRow)])


def rows_for_notes(reader, questionnaire: Questionnaire, notes: list[Note], language: str | None = None,
                   policy=None) -> list[dict]:
    """Ask every concept of every note through the answer policy (qa/policy/: verdicts, typing,
    clean spans, abstention), one batched call per note; the best answer over a concept's
    question variants wins (an answer over an abstention, then by score). An abstention gives a
    row with null answer and value and the reason.

    Note by note, so that a note's rows never depend on the notes read beside it: the local
    engine's chunks, its worker processes (extract/pool.py), Ray's batches and the server's
    single notes all give the same rows (a float32 reader pads a batch to its longest window)."""
    from clinqa.qa.policy import AnswerPolicy

    policy = policy or AnswerPolicy.for_reader(reader, questionnaire=True)
    return [row for n in notes for row in _note_rows(reader, questionnaire, n, language, policy)]


def _note_rows(reader, questionnaire: Questionnaire, note: Note, language: str | None, policy) -> list[dict]:
    from clinqa.qa.routing import answered_by, question_language
    from clinqa.qa.policy import answer_questions
    from clinqa.text import segment

    # "auto" asks each note in its own language: its synonyms and ConText cues are that language's
    # too (passing "auto" on gave every note the English synonyms: a Greek fever was "not mentioned")
    lang = question_language(language, note)
    asks = [(c, q) for c in questionnaire.concepts for q in c.questions_for(lang)]
    sentences = segment(note.text, note.id)
    decisions = answer_questions(reader, policy, [(note, q, c) for c, q in asks], [sentences] * len(asks),
                                 language=[lang] * len(asks) if language == "auto" else language)
    best: dict[str, tuple] = {}
    for (c, q), d in zip(asks, decisions):
        a = d.answers[0]
        informative = d.verdict is not None and d.verdict.verdict != "not_mentioned"
        rank = (not a.is_no_answer or informative, a.score)
        if c.id not in best or rank > best[c.id][0]:
            best[c.id] = (rank, q, d)
    rows = []
    for c in questionnaire.concepts:
        _, q, d = best[c.id]
        answers = [x for x in d.answers if not x.is_no_answer] if c.answer_type == "list" else []
        answers = answers or d.answers[:1]
        for i, a in enumerate(answers):
            v = normalise(c, a, d.verdict)
            reason = d.verdict.reason if d.verdict is not None else a.reason
            rows.append(asdict(ExtractionRow(
                note_id=note.id, concept_id=c.id, question=q, answer=a.text, start=a.start, end=a.end,
                score=float(a.score), category=a.category if not a.is_no_answer else c.category,
                assertion=a.assertion, sentence_id=a.sentence_id, answer_type=c.answer_type, value=v.value,
                value_number=v.number, unit=v.unit, code=v.code, code_system=v.code_system,
                code_display=v.code_display, model=answered_by(reader, note, q), reason=reason, item=i,
                items=len(answers))))
    return rows
