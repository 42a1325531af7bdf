"""Grounded answers: a small instruction LM answers a question about a note from the note's
numbered sentences, and every printed citation is checked against the note.

The fallback citation (for a sentence the model left uncited and that overlaps no note
sentence) is the best evidence sentence: the evidence ensemble's top sentence when evidence is
given or computed, else BM25's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from clinqa.errors import DataError, UsageError
from clinqa.generate.citations import repair
from clinqa.generate.decoding import Decoding, TextGenerator
from clinqa.generate.prompts import WORD_LIMIT, answer_messages
from clinqa.retrieval.bm25 import BM25Scorer
from clinqa.types import Evidence, Note, Sentence, Summary

log = logging.getLogger(__name__)

DEFAULT_MODEL = "smollm2-135m-instruct"


@dataclass
class GeneratorConfig:
    model: str = DEFAULT_MODEL
    max_new_tokens: int = 160
    batch_size: int = 4
    word_limit: int = WORD_LIMIT
    max_prompt_tokens: int = 1536
    evidence_only: bool = False  # show the model only the selected evidence sentences
    device: str | None = None


@dataclass
class AnswerRequest:
    note: Note
    question: str
    narrative: str = ""
    sentences: list[Sentence] | None = None  # default: clinqa's sentence splitter
    evidence: list[Evidence] | None = None


class AnswerGenerator:
    """Cheap to build; the LM loads on first use (or `load()`)."""

    def __init__(self, config: GeneratorConfig | None = None, evidence_retriever: Any = None, **overrides: Any):
        cfg = config or GeneratorConfig()
        for k, v in overrides.items():
            if v is not None:
                setattr(cfg, k, v)
        self.config = cfg
        self.evidence_retriever = evidence_retriever
        self.generator = TextGenerator(cfg.model, "causal", Decoding(max_new_tokens=cfg.max_new_tokens,
                                                                     batch_size=cfg.batch_size), device=cfg.device)

    @property
    def name(self) -> str:
        return self.config.model

    def load(self) -> AnswerGenerator:
        self.generator.load()
        return self

    def prepare(self, req: AnswerRequest) -> tuple[list[dict], list[Sentence], str | None, list[str]]:
        """(messages, sentences shown, fallback id, warnings) for one request."""
        from clinqa.text import segment

        if not req.question or not req.question.strip():
            raise UsageError("the question is empty")
        sentences = req.sentences if req.sentences is not None else segment(req.note.text, req.note.id)
        if not sentences:
            raise DataError("the note has no sentences to cite", source=req.note.id or "note")
        evidence = req.evidence
        if evidence is None and (self.config.evidence_only or self.evidence_retriever is not None):
            from clinqa.retrieval.ensemble import EvidenceRetriever

            self.evidence_retriever = self.evidence_retriever or EvidenceRetriever()
            evidence = self.evidence_retriever.score(req.question, sentences)
        # one BM25 pass over the note serves the fallback citation and the order in which
        # sentences give way when the prompt is too long
        relevance = BM25Scorer().fit([s.text for s in sentences]).score(req.question)
        fallback = (max(evidence, key=lambda e: e.score).sentence_id if evidence
                    else sentences[int(relevance.argmax())].id)
        shown = sentences
        warnings: list[str] = []
        if self.config.evidence_only and evidence:
            keep = {e.sentence_id for e in evidence if e.selected} or {fallback}
            shown = [s for s in sentences if s.id in keep]
        shown, messages = self._fit_prompt(req, shown, {s.id: float(relevance[i]) for i, s in enumerate(sentences)},
                                           fallback)
        if len(shown) < len(sentences) and not self.config.evidence_only:
            warnings.append(f"the note has {len(sentences)} sentences; the {len(shown)} most relevant to the question "
                            f"fit the prompt limit of {self.config.max_prompt_tokens} tokens")
        return messages, shown, fallback, warnings

    def _fit_prompt(self, req: AnswerRequest, shown: list[Sentence], relevance: dict[str, float],
                    fallback: str | None) -> tuple[list[Sentence], list[dict]]:
        """The most relevant sentences (the fallback first, then by BM25, ties by position)
        whose prompt fits `max_prompt_tokens`, in note order, and that prompt. The prompt grows
        with every sentence, so the largest fitting count is found by bisection."""
        g = self.generator

        def prompt(k: int) -> tuple[list[Sentence], list[dict]]:
            keep = {s.id for s in ranked[:k]}
            kept = [s for s in shown if s.id in keep]
            return kept, answer_messages(req.question, kept, req.narrative)

        def fits(k: int) -> bool:
            return g.count_tokens(g.render(prompt(k)[1])) <= self.config.max_prompt_tokens

        ranked = [s for _, s in sorted(enumerate(shown), key=lambda p: (p[1].id != fallback,
                                                                        -relevance.get(p[1].id, 0.0), p[0]))]
        if fits(len(ranked)):
            return prompt(len(ranked))
        lo, hi = 1, len(ranked) - 1  # at least one sentence, even when it alone is too long
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if fits(mid):
                lo = mid
            else:
                hi = mid - 1
        return prompt(lo)

    def answer(self, note: Note, question: str, narrative: str = "", sentences: list[Sentence] | None = None,
               evidence: list[Evidence] | None = None) -> Summary:
        return self.answer_many([AnswerRequest(note, question, narrative, sentences, evidence)])[0]

    def answer_many(self, requests: list[AnswerRequest], progress=None) -> list[Summary]:
        self.load()
        prepared = [self.prepare(r) for r in requests]
        raw = self.generator.generate([p[0] for p in prepared], progress=progress)
        out = []
        for req, (_, shown, fallback, warns), text in zip(requests, prepared, raw):
            by_id = {s.id: s for s in shown}
            fixed = repair(text, [s.id for s in shown], fallback, self.config.word_limit, match=_matcher(shown))
            notes = list(warns) + fixed.changes
            if not fixed.sentences:
                notes.append("the model wrote no usable sentence")
            cites = {i: (by_id[i].start, by_id[i].end) for i in fixed.cited_ids if i in by_id}
            out.append(Summary(text=fixed.text, source_id=req.note.id, model=self.name, citations=cites,
                               warnings=tuple(notes)))
        return out


def _matcher(sentences: list[Sentence]):
    """answer sentence -> id of the note sentence BM25 ranks first, or None without overlap."""
    scorer = BM25Scorer().fit([s.text for s in sentences])

    def match(text: str) -> str | None:
        scores = scorer.score(text)
        return sentences[int(scores.argmax())].id if len(scores) and float(scores.max()) > 0 else None

    return match
