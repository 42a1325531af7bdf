"""Sentence baselines: the note sentence that best matches the question, by BM25
(`lexical-baseline`) or by multilingual-e5-small cosine (`multilingual-sentence-baseline`, any
of ~100 languages, question and note possibly in different ones).

Every answer is labelled with its `method` so nobody mistakes a whole sentence for a reader's
span. The multilingual one is what routing falls back to for non-English notes when no
multilingual span reader is installed.
"""

from __future__ import annotations

from clinqa.errors import DataError
from clinqa.retrieval.bm25 import BM25Scorer, tokenize
from clinqa.text import segment
from clinqa.text.assertion import assert_spans
from clinqa.types import Answer, Note, Sentence

METHOD = "lexical-baseline"
MULTILINGUAL_METHOD = "multilingual-sentence-baseline"


class LexicalAnswerer:
    method = METHOD
    name = METHOD
    categories = None
    null_threshold = None  # always answers; evaluation reads this like a reader's

    def __init__(self, top_k: int = 1, min_score: float = 0.0):
        if top_k < 1:
            raise ValueError(f"top_k must be >= 1, got {top_k}")
        self.top_k = top_k
        self.min_score = min_score

    def _check(self, question: str) -> None:
        if not tokenize(question):
            raise DataError("question has no content words (only stopwords or punctuation)", source="question")

    def _scores(self, question: str, candidates: list[Sentence]):
        return BM25Scorer().fit([s.text for s in candidates]).score(question)

    def answer_many(self, pairs: list[tuple[Note, str]], top_k: int = 1,
                    sentences: list[list[Sentence] | None] | None = None, **_) -> list:
        """The reader's batch interface, so routing can hand these answerers any pairs."""
        from clinqa.qa.reader import ReaderOutput

        sentences = sentences or [None] * len(pairs)
        outs = []
        for (note, q), sents in zip(pairs, sentences):
            answers = self.answer(note, q, sentences=sents, top_k=top_k)
            outs.append(ReaderOutput(answers, 0.0 if answers[0].is_no_answer else -1.0))
        return outs

    def answer(self, note: Note, question: str, sentences: list[Sentence] | None = None,
               top_k: int | None = None) -> list[Answer]:
        """Top-k sentences as answers, or one explicit no-answer when no question word
        occurs in the note."""
        if not question or not question.strip():
            raise DataError("question is empty", source="question")
        self._check(question)
        sentences = sentences if sentences is not None else segment(note.text, note.id)
        candidates = [s for s in sentences if s.kind != "header"] or sentences
        if not candidates:
            return [Answer.no_answer(note.id, 0.0, self.method)]
        scores = self._scores(question, candidates)
        order = sorted(range(len(candidates)), key=lambda i: (-float(scores[i]), i))
        picked = [i for i in order[: top_k or self.top_k] if scores[i] > self.min_score]
        if not picked:
            return [Answer.no_answer(note.id, 0.0, self.method)]
        spans = [(candidates[i].start, candidates[i].end) for i in picked]
        assertions = assert_spans(note.text, spans)
        out = []
        for i, assertion in zip(picked, assertions):
            s = candidates[i]
            out.append(Answer(text=s.text, start=s.start, end=s.end, score=float(scores[i]), note_id=note.id,
                              assertion=assertion, sentence_id=s.id, evidence_ids=(s.id,), method=self.method))
        return out


class MultilingualSentenceAnswerer(LexicalAnswerer):
    """The sentence closest to the question by multilingual-e5-small cosine ("query: " /
    "passage: "). `min_score` is a cosine: e5's cosines sit high (0.7-0.9) for any pair, so
    the default keeps every best sentence and leaves abstention to a span reader."""

    method = MULTILINGUAL_METHOD
    name = MULTILINGUAL_METHOD

    def __init__(self, top_k: int = 1, min_score: float = 0.0, model: str = "multilingual-e5-small"):
        super().__init__(top_k, min_score)
        self.model = model
        self._fitted: dict[tuple[str, ...], object] = {}

    def _check(self, question: str) -> None:
        if not any(ch.isalnum() for ch in question):
            raise DataError("question has no words", source="question")

    def _scores(self, question: str, candidates: list[Sentence]):
        from clinqa.retrieval.dense import BiEncoderScorer

        # A questionnaire asks one note dozens of questions: embed its sentences once.
        key = tuple(s.text for s in candidates)
        scorer = self._fitted.get(key)
        if scorer is None:
            scorer = BiEncoderScorer(self.model).fit(list(key))
            if len(self._fitted) >= 8:
                self._fitted.pop(next(iter(self._fitted)))
            self._fitted[key] = scorer
        return scorer.score(question)
