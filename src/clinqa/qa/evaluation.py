"""Run a reader over SQuAD-format examples and score it: SQuAD EM/F1 (official definitions),
HasAns/NoAns, category metrics, the tuned no-answer threshold, per-example predictions."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from clinqa.evaluate.classification import category_report
from clinqa.evaluate.squad import SquadScores, squad_scores
from clinqa.types import QAExample

log = logging.getLogger(__name__)


@dataclass
class QAEvaluation:
    squad: SquadScores
    category: dict | None
    category_gold: str  # "dataset" or "weak-labeler"
    null_threshold: float | None
    predictions: list[dict] = field(default_factory=list, repr=False)
    abstention: dict = field(default_factory=dict)
    verdicts: dict | None = None
    by_answer_type: dict = field(default_factory=dict)
    # per question: what the abstention threshold compares and the F1 if answered (for tuning
    # the threshold on one split and scoring another, as benchmarks/trust_dev.py does)
    gate: dict[str, tuple[float, float, bool]] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict:
        return {"squad": self.squad.to_dict(), "category": self.category, "category_gold": self.category_gold,
                "null_threshold": self.null_threshold, "abstention": self.abstention, "verdicts": self.verdicts,
                "by_answer_type": self.by_answer_type}


def evaluate_reader(reader, examples: list[QAExample], *, tune_null: bool | None = None, batch: int = 8,
                    progress=None, policy=None) -> QAEvaluation:
    """Every question goes through the answer policy (qa/policy/), as in `ask` and `extract`.
    `tune_null`: tune the abstention threshold (the policy's `min_score`) on these examples
    (default: when some are unanswerable). Tuning and scoring on the same data is for dev sets;
    report test numbers with the calibration saved next to the model instead."""
    from dataclasses import replace

    from clinqa.qa.categories import LABELS, WeakLabeler
    from clinqa.qa.policy import AnswerPolicy, answer_questions, tune_min_score
    from clinqa.text import segment

    has_unanswerable = any(ex.is_impossible or not ex.answers for ex in examples)
    tune_null = has_unanswerable if tune_null is None else tune_null
    policy = policy or AnswerPolicy.for_reader(reader)
    stored = policy.calibration
    if tune_null:  # decide everything without the score threshold first, then choose where to abstain
        policy = AnswerPolicy(replace(stored, min_score=None), labeler=policy.labeler)
    decisions: list[tuple[int, object]] = []
    order = sorted(range(len(examples)), key=lambda i: examples[i].note.id)  # same note -> same batch
    sentences: dict[tuple[str, int], list] = {}

    def sents(note):
        key = (note.id, hash(note.text))
        if key not in sentences:
            sentences[key] = segment(note.text, note.id)
        return sentences[key]

    for b in range(0, len(order), batch):
        idx = order[b:b + batch]
        ds = answer_questions(reader, policy, [(examples[i].note, examples[i].question, _concept_of(examples[i]))
                                               for i in idx], [sents(examples[i].note) for i in idx])
        decisions.extend(zip(idx, ds))
        if progress:
            progress(len(idx))
    decisions.sort(key=lambda x: x[0])
    golds = {ex.id: [a.text for a in ex.answers] for ex in examples}
    threshold = stored.min_score
    source = stored.source
    answered_text = {examples[i].id: (d.answers[0].text or "") for i, d in decisions}
    f1 = squad_scores(golds, answered_text).per_example
    gate = {examples[i].id: (d.gate_score, f1[examples[i].id]["f1"],
                             bool(examples[i].answers) and not examples[i].is_impossible) for i, d in decisions}
    if tune_null:
        threshold, _ = tune_min_score([d.gate_score for _, d in decisions],
                                      [f1[examples[i].id]["f1"] for i, _ in decisions],
                                      [bool(examples[i].answers) and not examples[i].is_impossible for i, _ in decisions])
        source = f"tuned on this data ({len(examples)} questions)"
    preds, reasons = {}, {}
    for i, d in decisions:
        a = d.answers[0]
        gated = threshold is not None and d.gate_score < threshold
        preds[examples[i].id] = "" if gated or a.is_no_answer else a.text
        reasons[examples[i].id] = (f"score under the threshold {threshold:.3f}" if gated and not a.is_no_answer
                                   else a.reason)
    scores = squad_scores(golds, preds)

    labeler = WeakLabeler()
    gold_cat, pred_cat, cat_source = [], [], "dataset"
    for i, d in decisions:
        ex, a = examples[i], d.answers[0]
        if not ex.answers:
            continue
        g = ex.category
        if g is None:
            g, cat_source = labeler.hard_label(ex.answers[0].text, ex.question), "weak-labeler"
        pred = a.category if not a.is_no_answer else policy.category(d.asked, replace(a, text=""))[0]
        if pred is None:
            continue
        gold_cat.append(g)
        pred_cat.append(pred)
    cats = category_report(gold_cat, pred_cat, list(LABELS)) if gold_cat else None
    verdicts = _verdict_report(examples, decisions)
    by_type = _by_answer_type(examples, decisions, preds, scores)
    records = []
    for i, d in decisions:
        ex, a = examples[i], d.answers[0]
        p = preds[ex.id]
        records.append({"id": ex.id, "note_id": ex.note.id, "question": ex.question, "prediction": p,
                        "start": a.start if p else -1, "end": a.end if p else -1, "score": a.score,
                        "category": a.category, "answer_type": d.asked.answer_type,
                        "verdict": d.verdict.verdict if d.verdict else None, "reason": None if p else reasons[ex.id],
                        "gold": golds[ex.id], "gold_verdict": getattr(ex, "verdict", None),
                        **scores.per_example[ex.id]})
    abstention = {"min_score": threshold, "null_threshold": stored.null_threshold, "source": source,
                  "abstained": sum(1 for v in preds.values() if not v), "questions": len(preds),
                  **_abstention_quality(examples, preds, scores)}
    return QAEvaluation(scores, cats, cat_source, stored.null_threshold, records, abstention, verdicts, by_type, gate)


def _abstention_quality(examples, preds, scores) -> dict:
    """Whether the abstentions were right: precision (abstentions on unanswerable questions / all
    abstentions), recall (unanswerable questions abstained on / all unanswerable; None when there
    are none) and the confidently-wrong rate (answers with F1 = 0 / all answers)."""
    unanswerable = {ex.id for ex in examples if ex.is_impossible or not ex.answers}
    abstained = {k for k, v in preds.items() if not v}
    answered = [k for k, v in preds.items() if v]
    right = len(abstained & unanswerable)
    wrong = sum(1 for k in answered if scores.per_example[k]["f1"] == 0)
    return {"on_unanswerable": right, "unanswerable": len(unanswerable),
            "precision": round(100 * right / len(abstained), 2) if abstained else None,
            "recall": round(100 * right / len(unanswerable), 2) if unanswerable else None,
            "answered_wrong": wrong, "confidently_wrong": round(100 * wrong / len(answered), 2) if answered else None}


def head_category_accuracy(reader, examples: list[QAExample], batch: int = 8) -> float | None:
    """Accuracy of the category head's own argmax (top raw span, no answer policy) on the
    answerable examples with a gold category; None when the reader has no category head or the
    data has no gold categories."""
    if not getattr(reader, "categories", None):
        return None
    exs = [e for e in examples if e.answers and e.category]
    hits = total = 0
    for b in range(0, len(exs), batch):
        chunk = exs[b:b + batch]
        outs = reader.answer_many([(e.note, e.question) for e in chunk], with_context=False, apply_threshold=False)
        for e, out in zip(chunk, outs):
            got = out.answers[0].category if out.answers else None
            if got is not None:
                hits += got == e.category
                total += 1
    return 100.0 * hits / total if total else None


def _concept_of(ex: QAExample):
    """A dev example that declares its answer type/category is asked like a questionnaire concept."""
    from clinqa.questionnaire import Concept

    atype = getattr(ex, "answer_type", None)
    if atype in (None, "span"):
        return None
    return Concept(ex.id, {"en": (ex.question,)}, atype if atype in ("yes_no", "number", "date", "list") else "span")


def _verdict_report(examples, decisions) -> dict | None:
    rows = [(getattr(examples[i], "verdict", None), d.verdict.verdict if d.verdict else None)
            for i, d in decisions if getattr(examples[i], "verdict", None)]
    if not rows:
        return None
    right = sum(g == p for g, p in rows)
    said_yes_wrongly = sum(p == "yes" and g != "yes" for g, p in rows)
    abstained = sum(p in ("uncertain", "not_mentioned", None) and g != p for g, p in rows)
    return {"questions": len(rows), "right": right, "wrong": len(rows) - right - abstained, "abstained": abstained,
            "accuracy": round(100 * right / len(rows), 2), "yes_for_not_present": said_yes_wrongly}


def _by_answer_type(examples, decisions, preds, scores) -> dict:
    """Per answer type: right (F1 >= 0.5, or a correct abstention), wrong, abstained on an
    answerable question."""
    out: dict[str, dict] = {}
    for i, d in decisions:
        ex = examples[i]
        t = getattr(ex, "answer_type", None) or d.asked.answer_type
        row = out.setdefault(t, {"questions": 0, "right": 0, "wrong": 0, "abstained": 0})
        row["questions"] += 1
        answerable = bool(ex.answers) and not ex.is_impossible
        if not preds[ex.id]:
            row["right" if not answerable else "abstained"] += 1
        else:
            row["right" if answerable and scores.per_example[ex.id]["f1"] >= 0.5 else "wrong"] += 1
    return out
