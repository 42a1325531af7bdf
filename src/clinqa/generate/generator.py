"""Grounded answers, planned from the answer: the extractive reader's candidates go through the
answer policy, whose answer sentence leads (`lead`), the evidence ensemble's sentences support it
(`plan`), and a note that does not hold what was asked gets one sentence saying so; then written either
extractively (each planned sentence in plain language, `plan.plain`) or by an instruction LM
that rewrites the planned sentences (a transformers model, or a GGUF model run by llama.cpp:
`models.llm_gguf`). Every LM sentence is checked against the sentences it
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
from clinqa.generate.lead import AnswerLead, PolicyLead, lead_from_answers
from clinqa.generate.plan import PlannedSentence, headers_of, plain, plan_answer
from clinqa.generate.prompts import WORD_LIMIT, rewrite_messages
from clinqa.generate.readable import readable
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
    runtime: str = "auto"  # GGUF models (`models.llm_gguf`): auto | llama.cpp | transformers

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
        self.generator: Any = None
        if cfg.mode == "generate":
            from clinqa.models.llm_gguf import GGUFGenerator, is_gguf_model

            if is_gguf_model(cfg.model):
                self.generator = GGUFGenerator(cfg.model, max_new_tokens=cfg.max_new_tokens, runtime=cfg.runtime)
            else:
                self.generator = TextGenerator(cfg.model, "causal", Decoding(max_new_tokens=cfg.max_new_tokens,
                                                                             batch_size=cfg.batch_size),
                                               device=cfg.device)
        self._lead = PolicyLead(reader) if reader is not None else None

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
        lead: AnswerLead | None = None
        if answers is not None:
            lead = lead_from_answers(answers, sentences)
        elif self._lead is not None:
            lead = self._lead(req.note, req.question, list(sentences))
        plan = plan_answer(req.question, sentences, evidence, answers or (), self.config.word_limit,
                           self.config.max_sentences, lead=lead)
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
        # a plan that says the note does not answer (or has nothing) is final: the LM adds nothing
        todo = [k for k, p in enumerate(prepared) if p.plan and all(pl.ids for pl in p.plan)]
        prompts = [rewrite_messages(requests[k].question, [(pl.ids, _text_of(prepared[k].sentences, pl.ids))
                                                           for pl in prepared[k].plan], requests[k].narrative)
                   for k in todo]
        raw = dict(zip(todo, self.generator.generate(prompts, progress=progress) if prompts else []))
        if progress is not None and len(todo) < len(requests):
            progress(len(requests) - len(todo))
        return [self._checked(r, p, raw[k]) if k in raw else self._extractive(r, p)
                for k, (r, p) in enumerate(zip(requests, prepared))]

    def _summary(self, req: GroundedRequest, p: _Prepared, lines: list[tuple[str, tuple[str, ...]]],
                 warnings: list[str], changes: list[AnswerChange]) -> Summary:
        by_id = {s.id: s for s in p.sentences}
        text = "\n".join(f"{t} |{','.join(ids)}|" if ids else t for t, ids in lines)
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
        # the plan's order: the policy's answer first, then the evidence in note order
        rank = {i: k for k, pl in enumerate(p.plan) for i in pl.ids}
        order = {s.id: k for k, s in enumerate(p.sentences)}
        lines.sort(key=lambda x: (min((rank.get(i, len(rank)) for i in x[1]), default=len(rank)),
                                  min((order.get(i, 0) for i in x[1]), default=0)))
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
    return " ".join(" ".join(readable(by_id[i].text).split()) for i in ids if i in by_id)


def _with_header(s: Sentence, headers: dict[str, str]) -> str:
    """The sentence as a check reads it: after its section header, whose words support the
    answer and whose cues (family history) ConText must see. Joined by " - ": after a colon
    ConText misses a negation that opens the sentence ("FINDINGS: No effusion" reads present)."""
    from clinqa.text.sentences import HEADER_RE

    h = headers.get(s.id, "")
    t = " ".join(readable(s.text).split())
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
