"""A lexical baseline answerer: the note sentence that best matches the question by BM25.

It is what `clinqa ask` uses until a trained QA model is available; every answer it gives
is labelled with `method="lexical-baseline"` so nobody mistakes it for a reader's span.
"""

from __future__ import annotations

from clinqa.errors import DataError
from clinqa.retrieval.bm25 import BM25Scorer, tokenize
from clinqa.text import segment
from clinqa.text.assertion import assert_spans
from clinqa.types import Answer, Note, Sentence

METHOD = "lexical-baseline"


class LexicalAnswerer:
    method = METHOD

    def __init__(self, top_k: int = 1, min_score: float = 0.0):
        if top_k < 1:
            raise ValueError(f"top_k must be >= 1, got {top_k}")
        self.top_k = top_k
        self.min_score = min_score

    def answer(self, note: Note, question: str, sentences: list[Sentence] | None = None) -> list[Answer]:
        """Top-k sentences as answers, or one explicit no-answer when no question word
        occurs in the note."""
        if not question or not question.strip():
            raise DataError("question is empty", source="question")
        if not tokenize(question):
            raise DataError("question has no content words (only stopwords or punctuation)", source="question")
        sentences = sentences if sentences is not None else segment(note.text, note.id)
        candidates = [s for s in sentences if s.kind != "header"] or sentences
        if not candidates:
            return [Answer.no_answer(note.id, 0.0, METHOD)]
        scores = BM25Scorer().fit([s.text for s in candidates]).score(question)
        order = sorted(range(len(candidates)), key=lambda i: (-float(scores[i]), i))
        picked = [i for i in order[: self.top_k] if scores[i] > self.min_score]
        if not picked:
            return [Answer.no_answer(note.id, 0.0, METHOD)]
        spans = [(candidates[i].start, candidates[i].end) for i in picked]
        assertions = assert_spans(note.text, spans)
        out = []
        for i, assertion in zip(picked, assertions):
            s = candidates[i]
            out.append(Answer(text=s.text, start=s.start, end=s.end, score=float(scores[i]), note_id=note.id,
                              assertion=assertion, sentence_id=s.id, evidence_ids=(s.id,), method=METHOD))
        return out
