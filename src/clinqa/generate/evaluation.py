"""ArchEHR-QA subtask 3 answer metrics (and subtask-2-style citation scores) for grounded
answers: predictions are stripped of their citations and truncated to 75 words; references
likewise. Text metrics: BLEU, ROUGE-Lsum, SARI (source: the patient's narrative, else the
question), BERTScore, AlignScore-style (against the note), MEDCON (variant offline). Overall:
the mean of the available metrics, naming them. Cited ids are scored against the cases' gold
evidence with the strict/lenient micro-F1 of the evidence task.

Grounding measures (`grounding_measures`), computed on the final answers with the same checks
that guard generation: the unsupported-content-word rate (content words of answer sentences
not found in the sentences they cite), the assertion-conflict rate and the supported-sentence
rate (sentences passing every check), plus, for LM answers, how many sentences the checks
replaced."""

from __future__ import annotations

from dataclasses import dataclass, field

from clinqa.evaluate import grounding
from clinqa.evaluate.evidence import score_evidence
from clinqa.evaluate.rouge_bleu import bleu, rouge, sari, truncate_words
from clinqa.generate.checks import check_sentence, drug_names, numbers
from clinqa.generate.citations import parse, strip_citations
from clinqa.generate.generator import AnswerGenerator, GroundedRequest, _with_header
from clinqa.generate.lead import NOT_ANSWERED_START
from clinqa.generate.plan import headers_of
from clinqa.generate.prompts import WORD_LIMIT
from clinqa.types import EvidenceCase


@dataclass
class GenerationEval:
    model: str
    cases: int
    metrics: dict[str, float | None]
    notes: dict[str, str]
    overall: float | None
    overall_of: str
    citations: dict[str, dict[str, float]] = field(default_factory=dict)
    repaired: int = 0  # answers the post-processor had to change
    predictions: list[dict] = field(default_factory=list)
    grounding: dict[str, float | int | None] = field(default_factory=dict)

    def to_dict(self, examples: int = 3) -> dict:
        return {"model": self.model, "cases": self.cases, "metrics": self.metrics, "metric_notes": self.notes,
                "overall": self.overall, "overall_of": self.overall_of, "citations": self.citations,
                "grounding": self.grounding, "repaired_answers": self.repaired,
                "examples": self.predictions[:examples]}


def grounding_measures(cases: list[EvidenceCase], answers: list[str], changes: list[int] | None = None,
                       threshold: float | None = None) -> dict[str, float | int | None]:
    """Rates in percent over all answer sentences of all cases (see the module doc). `changes`:
    per answer, how many model sentences the checks replaced (LM answers only)."""
    n_sent = n_words = n_unsup = n_conf = n_ok = n_uncited = n_not_answered = 0
    n_numbers = n_missing_numbers = n_drugs = n_missing_drugs = 0
    for case, answer in zip(cases, answers):
        by_id = {s.id: s for s in case.sentences}
        headers = headers_of(case.sentences)
        question = case.clinician_question or case.patient_question
        for line in answer.splitlines():
            cs = parse(line)
            if not cs.text:
                continue
            if not cs.ids and cs.text.startswith(NOT_ANSWERED_START):
                n_not_answered += 1  # "The note does not mention X.": says what is absent, cites nothing
                continue
            n_sent += 1
            sources = [_with_header(by_id[i], headers) for i in cs.ids if i in by_id]
            n_uncited += not sources
            chk = check_sentence(cs.text, sources, question, **({"threshold": threshold} if threshold else {}))
            n_words += chk.content
            n_unsup += round(chk.content * (1 - chk.support))
            n_numbers += len(numbers(cs.text))
            n_missing_numbers += len(chk.missing_numbers)
            n_drugs += len(drug_names(cs.text))
            n_missing_drugs += len(chk.missing_drugs)
            n_conf += bool(chk.conflicts)
            n_ok += chk.passed
    pct = (lambda a, b: round(100 * a / b, 2) if b else None)
    out: dict[str, float | int | None] = {
        "sentences": n_sent, "content_words": n_words,
        "unsupported_content_word_rate": pct(n_unsup, n_words),
        "assertion_conflict_rate": pct(n_conf, n_sent),
        "supported_sentence_rate": pct(n_ok, n_sent),
        "uncited_sentences": n_uncited,
        "unsupported_number_rate": pct(n_missing_numbers, n_numbers),
        "unsupported_drug_rate": pct(n_missing_drugs, n_drugs),
        "not_answered_sentences": n_not_answered,
    }
    if changes is not None:
        out["replaced_sentences"] = sum(changes)
    return out


def score_answers(cases: list[EvidenceCase], answers: list[str], *, bertscore_model: str | None = "minilm",
                  align_model: str | None = None, quickumls_path: str | None = None) -> tuple[dict, dict, object]:
    """(metrics, notes, overall MetricResult) for cited `answers` to `cases` with reference answers."""
    preds = [truncate_words(strip_citations(a), WORD_LIMIT) for a in answers]
    refs = [truncate_words(strip_citations(c.answer), WORD_LIMIT) for c in cases]
    sources = [c.patient_narrative or c.clinician_question or c.patient_question for c in cases]
    results = [
        grounding.MetricResult("bleu", bleu(preds, refs)["bleu"], "sacrebleu corpus BLEU"),
        grounding.MetricResult("rougeLsum", rouge(preds, refs, ("rougeLsum",))["rougeLsum"],
                               "rouge-score, stemming, one sentence per line"),
        grounding.MetricResult("sari", sari(sources, preds, [[r] for r in refs]),
                               "source: the patient's narrative (the question when there is none)"),
        grounding.bertscore(preds, refs, bertscore_model) if bertscore_model else
        grounding.MetricResult("bertscore", None, "turned off"),
        grounding.alignscore(preds, [c.note.text for c in cases], align_model),
        grounding.medcon(preds, refs, quickumls_path),
    ]
    overall = grounding.overall(results)
    return {r.name: r.value for r in results}, {r.name: r.note for r in results}, overall


def key_measures(cases: list[EvidenceCase], answers: list[str], keys: dict[str, frozenset[str]]) -> dict:
    """Of the answers whose reference rests on a key sentence, the share citing it; of those whose
    reference has no evidence (the note does not answer), the share saying so."""
    hit = n = said = n_none = 0
    for case, answer in zip(cases, answers):
        if case.id not in keys:
            continue
        cited = {i for line in answer.splitlines() for i in parse(line).ids}
        if keys[case.id]:
            n += 1
            hit += bool(keys[case.id] & cited)
        else:
            n_none += 1
            said += any(parse(line).text.startswith(NOT_ANSWERED_START) for line in answer.splitlines())
    pct = (lambda a, b: round(100 * a / b, 2) if b else None)
    return {"key_sentence_cited": pct(hit, n), "key_cases": n, "not_answered_said": pct(said, n_none),
            "not_answered_cases": n_none}


def evaluate_generator(generator: AnswerGenerator, cases: list[EvidenceCase], *, progress=None,
                       bertscore_model: str | None = "minilm", align_model: str | None = None,
                       quickumls_path: str | None = None,
                       keys: dict[str, frozenset[str]] | None = None) -> GenerationEval:
    reqs = [GroundedRequest(note=c.note, question=c.clinician_question or c.patient_question,
                          narrative=c.patient_narrative, sentences=list(c.sentences)) for c in cases]
    outs = generator.answer_many(reqs, progress=progress)
    answers = [o.text for o in outs]
    with_ref = [i for i, c in enumerate(cases) if c.answer]
    metrics: dict = {}
    notes: dict = {}
    overall = grounding.MetricResult("overall", None, "no reference answers in the data")
    if with_ref:
        metrics, notes, overall = score_answers([cases[i] for i in with_ref], [answers[i] for i in with_ref],
                                                bertscore_model=bertscore_model, align_model=align_model,
                                                quickumls_path=quickumls_path)
    cites = {}
    key = {c.id: c.relevance for c in cases if c.relevance}
    if key:
        cited = {c.id: list(o.citations) for c, o in zip(cases, outs) if c.id in key}
        s = score_evidence(cited, key)
        cites = {mode: v["micro"].scaled() for mode, v in s.items()}
    from clinqa.types import to_jsonable

    preds = [{"case_id": c.id, "question": r.question, "answer": o.text, "reference": c.answer,
              "changes": to_jsonable(list(o.changes)), "repairs": list(o.warnings)}
             for c, r, o in zip(cases, reqs, outs)]
    replaced = ([sum(1 for ch in o.changes if ch.original) for o in outs]
                if generator.config.mode == "generate" else None)
    measures = grounding_measures(cases, answers, replaced, generator.config.support_threshold)
    if keys:
        measures.update(key_measures(cases, answers, keys))
    if key:
        strict = cites.get("strict", {})
        measures["citation_precision"] = strict.get("precision")
        measures["citation_recall"] = strict.get("recall")
    return GenerationEval(model=generator.name, cases=len(cases), metrics=metrics, notes=notes,
                          overall=overall.value, overall_of=overall.note, citations=cites,
                          repaired=sum(bool(o.warnings or o.changes) for o in outs), predictions=preds,
                          grounding=measures)
