"""Grounded answers, evidence first: the answer is planned from the evidence ensemble's
selected sentences (and the extractive reader's answer when it has one), then written either
extractively (each planned sentence in plain language, `plan.plain`) or by a small instruction
LM that rewrites the planned sentences. Every LM sentence is checked against the sentences it
cites (support, assertion, numbers and drug names, `checks`); a failing sentence is replaced by
the extractive sentence for the same evidence and the replacement is listed in `changes`.

Extractive mode is the default when no model is asked for: it needs no LM and is faithful by
construction. The fallback citation (for a model sentence without a valid one that overlaps no
planned sentence) is the plan's best sentence.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from clinqa.errors import DataError, UsageError
from clinqa.generate.checks import SUPPORT_THRESHOLD, check_sentence
from clinqa.generate.citations import repair
from clinqa.generate.decoding import Decoding, TextGenerator
from clinqa.generate.plan import PlannedSentence, headers_of, plain, plan_answer
from clinqa.generate.prompts import WORD_LIMIT, rewrite_messages
from clinqa.retrieval.bm25 import BM25Scorer
from clinqa.types import Answer, AnswerChange, Evidence, Note, Sentence, Summary

log = logging.getLogger(__name__)

DEFAULT_MODEL = "smollm2-135m-instruct"
MODES = ("extractive", "generate")


@dataclass
class GeneratorConfig:
    model: str | None = None  # None: extractive mode; a name: generate with it
    mode: str | None = None  # "extractive" | "generate"; None: generate when a model is named
    max_new_tokens: int = 160
    batch_size: int = 4
    word_limit: int = WORD_LIMIT
    max_sentences: int = 4  # planned answer sentences
    support_threshold: float = SUPPORT_THRESHOLD
    device: str | None = None

    def __post_init__(self) -> None:
        if self.mode is None:
            self.mode = "generate" if self.model else "extractive"
        if self.mode not in MODES:
            raise UsageError(f"unknown mode {self.mode!r}; expected one of {', '.join(MODES)}")
        if self.mode == "generate" and not self.model:
            self.model = DEFAULT_MODEL


@dataclass
class GroundedRequest:
    note: Note
    question: str
    narrative: str = ""
    sentences: list[Sentence] | None = None  # default: clinqa's sentence splitter
    evidence: list[Evidence] | None = None
    answers: list[Answer] | None = None  # the extractive reader's, when known


@dataclass
class _Prepared:
    sentences: list[Sentence]
    headers: dict[str, str]
    plan: list[PlannedSentence]


class AnswerGenerator:
    """Cheap to build; the evidence models and the LM load on first use (or `load()`)."""

    def __init__(self, config: GeneratorConfig | None = None, evidence_retriever: Any = None, reader: Any = None,
                 **overrides: Any):
        cfg = config or GeneratorConfig()
        for k, v in overrides.items():
            if v is not None:
                setattr(cfg, k, v)
        cfg.__post_init__()
        self.config = cfg
        self.evidence_retriever = evidence_retriever
        self.reader = reader  # an ExtractiveReader, or None
        self.generator = (TextGenerator(cfg.model, "causal", Decoding(max_new_tokens=cfg.max_new_tokens,
                                                                      batch_size=cfg.batch_size), device=cfg.device)
                          if cfg.mode == "generate" else None)

    @property
    def name(self) -> str:
        return self.config.model if self.config.mode == "generate" else "extractive"

    def load(self) -> AnswerGenerator:
        if self.generator is not None:
            self.generator.load()
        return self

    def prepare(self, req: GroundedRequest) -> _Prepared:
        """The note's sentences, their section headers and the planned answer sentences."""
        from clinqa.text import segment

        if not req.question or not req.question.strip():
            raise UsageError("the question is empty")
        sentences = req.sentences if req.sentences is not None else segment(req.note.text, req.note.id)
        if not sentences:
            raise DataError("the note has no sentences to cite", source=req.note.id or "note")
        evidence = req.evidence
        if evidence is None:
            from clinqa.retrieval.ensemble import EvidenceRetriever

            self.evidence_retriever = self.evidence_retriever or EvidenceRetriever()
            evidence = self.evidence_retriever.score(req.question, sentences)
        answers = req.answers
        if answers is None and self.reader is not None:
            answers = self.reader.answer(req.note, req.question, top_k=1, sentences=sentences)
        plan = plan_answer(req.question, sentences, evidence, answers or (), self.config.word_limit,
                           self.config.max_sentences)
        return _Prepared(list(sentences), headers_of(sentences), plan)

    def answer(self, note: Note, question: str, narrative: str = "", sentences: list[Sentence] | None = None,
               evidence: list[Evidence] | None = None, answers: list[Answer] | None = None) -> Summary:
        return self.answer_many([GroundedRequest(note, question, narrative, sentences, evidence, answers)])[0]

    def answer_many(self, requests: list[GroundedRequest], progress=None) -> list[Summary]:
        self.load()
        prepared = [self.prepare(r) for r in requests]
        if self.config.mode == "extractive":
            if progress is not None:
                progress(len(requests))
            return [self._extractive(r, p) for r, p in zip(requests, prepared)]
        prompts = [rewrite_messages(r.question, [(pl.ids, _text_of(p.sentences, pl.ids)) for pl in p.plan], r.narrative)
                   for r, p in zip(requests, prepared)]
        raw = self.generator.generate(prompts, progress=progress)
        return [self._checked(r, p, text) for r, p, text in zip(requests, prepared, raw)]

    def _summary(self, req: GroundedRequest, p: _Prepared, lines: list[tuple[str, tuple[str, ...]]],
                 warnings: list[str], changes: list[AnswerChange]) -> Summary:
        by_id = {s.id: s for s in p.sentences}
        text = "\n".join(f"{t} |{','.join(ids)}|" for t, ids in lines)
        cites = {i: (by_id[i].start, by_id[i].end) for _, ids in lines for i in ids if i in by_id}
        if not lines:
            warnings = warnings + ["no note sentence answers the question"]
        return Summary(text=text, source_id=req.note.id, model=self.name, citations=cites,
                       warnings=tuple(dict.fromkeys(warnings)), changes=tuple(changes), mode=self.config.mode)

    def _extractive(self, req: GroundedRequest, p: _Prepared) -> Summary:
        return self._summary(req, p, [(pl.text, pl.ids) for pl in p.plan], [], [])

    def _checked(self, req: GroundedRequest, p: _Prepared, raw: str) -> Summary:
        """The LM's answer, citation-repaired, each sentence checked; failures replaced."""
        by_id = {s.id: s for s in p.sentences}
        planned = [by_id[i] for pl in p.plan for i in pl.ids if i in by_id]
        fallback = p.plan[0].ids[0] if p.plan else None
        fixed = repair(raw, [s.id for s in p.sentences], fallback, self.config.word_limit,
                       match=_matcher(planned or p.sentences))
        warnings = list(fixed.changes)
        changes: list[AnswerChange] = []
        lines: list[tuple[str, tuple[str, ...]]] = []
        used: set[tuple[str, ...]] = set()
        for n, cs in enumerate(fixed.sentences):
            ids = tuple(cs.ids)
            sources = [_with_header(by_id[i], p.headers) for i in ids if i in by_id]
            chk = check_sentence(cs.text, sources, req.question, self.config.support_threshold)
            if chk.passed:
                lines.append((cs.text, ids))
                used.add(ids)
                continue
            repl = self._replacement(ids, p)
            if repl is not None and (repl[1] in used or any(repl[0] == t for t, _ in lines)):
                repl = None  # the same evidence is already said
            changes.append(AnswerChange(line=n, original=cs.text, replacement=repl[0] if repl else None,
                                        citations=ids, reasons=tuple(chk.reasons())))
            if repl is not None:
                lines.append(repl)
                used.add(repl[1])
        # planned evidence the model left out is said extractively, so that the answer is as
        # complete as the plan (the model only words it)
        said = {i for _, ids in lines for i in ids}
        for pl in p.plan:
            if not set(pl.ids) & said:
                changes.append(AnswerChange(line=len(fixed.sentences), original="", replacement=pl.text,
                                            citations=pl.ids, reasons=("the model left out planned evidence",)))
                lines.append((pl.text, pl.ids))
        order = {s.id: k for k, s in enumerate(p.sentences)}
        lines.sort(key=lambda x: min(order.get(i, 0) for i in x[1]))
        lines = _fit_words(lines, self.config.word_limit, warnings)
        return self._summary(req, p, lines, warnings, changes)

    def _replacement(self, ids: tuple[str, ...], p: _Prepared) -> tuple[str, tuple[str, ...]] | None:
        """The extractive sentence for the evidence `ids` cites: the planned one when it cites
        planned evidence, else the first cited sentence in plain language."""
        for pl in p.plan:
            if set(pl.ids) & set(ids):
                return pl.text, pl.ids
        by_id = {s.id: s for s in p.sentences}
        for i in ids:
            if i in by_id and (t := plain(by_id[i], p.headers.get(i, ""))):
                return t, (i,)
        return None


def _text_of(sentences: list[Sentence], ids: tuple[str, ...]) -> str:
    by_id = {s.id: s for s in sentences}
    return " ".join(" ".join(by_id[i].text.split()) for i in ids if i in by_id)


def _with_header(s: Sentence, headers: dict[str, str]) -> str:
    """The sentence as a check reads it: after its section header, whose words support the
    answer and whose cues (family history) ConText must see. Joined by " - ": after a colon
    ConText misses a negation that opens the sentence ("FINDINGS: No effusion" reads present)."""
    from clinqa.text.sentences import HEADER_RE

    h = headers.get(s.id, "")
    t = " ".join(s.text.split())
    m = HEADER_RE.match(t)
    if m:
        return f"{m.group(1)} - {t[m.end():].strip()}"
    return f"{h} - {t}" if h else t


def _fit_words(lines: list[tuple[str, tuple[str, ...]]], limit: int, warnings: list[str]):
    out, words = [], 0
    for t, ids in lines:
        n = len(t.split())
        if words + n > limit:
            keep = limit - words
            if keep > 0:
                out.append((" ".join(t.split()[:keep]).rstrip(",;:") + "...", ids))
            warnings.append(f"shortened the answer to {limit} words")
            break
        out.append((t, ids))
        words += n
    return out


def _matcher(sentences: list[Sentence]):
    """answer sentence -> id of the note sentence BM25 ranks first, or None without overlap."""
    scorer = BM25Scorer().fit([s.text for s in sentences])

    def match(text: str) -> str | None:
        scores = scorer.score(text)
        return sentences[int(scores.argmax())].id if len(scores) and float(scores.max()) > 0 else None

    return match
