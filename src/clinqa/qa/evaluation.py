"""Run a reader over SQuAD-format examples and score it: SQuAD EM/F1 (official definitions),
HasAns/NoAns, category metrics, the tuned no-answer threshold, per-example predictions."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from clinqa.evaluate.classification import category_report
from clinqa.evaluate.squad import SquadScores, squad_scores
from clinqa.qa.decode import best_null_threshold
from clinqa.types import QAExample

log = logging.getLogger(__name__)


@dataclass
class QAEvaluation:
    squad: SquadScores
    category: dict | None
    category_gold: str  # "dataset" or "weak-labeler"
    null_threshold: float | None
    predictions: list[dict] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict:
        return {"squad": self.squad.to_dict(), "category": self.category, "category_gold": self.category_gold,
                "null_threshold": self.null_threshold}


def evaluate_reader(reader, examples: list[QAExample], *, tune_null: bool | None = None, batch: int = 8,
                    progress=None) -> QAEvaluation:
    """`tune_null`: tune the no-answer threshold on these examples (default: when some are
    unanswerable). Tuning and scoring on the same data is for dev sets; report test numbers
    with the threshold saved in the model instead."""
    from clinqa.qa.categories import LABELS, WeakLabeler

    has_unanswerable = any(ex.is_impossible or not ex.answers for ex in examples)
    tune_null = has_unanswerable if tune_null is None else tune_null
    saved = reader.null_threshold
    if tune_null:
        reader.null_threshold = None  # answer everything first, then choose where to abstain
    outputs = []
    order = sorted(range(len(examples)), key=lambda i: examples[i].note.id)  # same note -> same batch
    try:
        for b in range(0, len(order), batch):
            idx = order[b:b + batch]
            outs = reader.answer_many([(examples[i].note, examples[i].question) for i in idx], with_context=False)
            outputs.extend(zip(idx, outs))
            if progress:
                progress(len(idx))
    finally:
        reader.null_threshold = saved
    outputs.sort()
    golds = {ex.id: [a.text for a in ex.answers] for ex in examples}
    best_text = {examples[i].id: (o.answers[0].text or "") for i, o in outputs}
    threshold = saved
    if tune_null:
        answered = squad_scores(golds, best_text).per_example
        diffs = [o.null_minus_best for _, o in outputs]
        has = [bool(examples[i].answers) and not examples[i].is_impossible for i, _ in outputs]
        threshold, _ = best_null_threshold(diffs, [answered[examples[i].id]["f1"] for i, _ in outputs], has)
    preds = {}
    for i, o in outputs:
        abstain = threshold is not None and o.null_minus_best > threshold
        preds[examples[i].id] = "" if abstain else (o.answers[0].text or "")
    scores = squad_scores(golds, preds)

    labeler = WeakLabeler()
    gold_cat, pred_cat, source = [], [], "dataset"
    for i, o in outputs:
        ex, a = examples[i], o.answers[0]
        if not ex.answers or a.category is None:
            continue
        g = ex.category
        if g is None:
            g, source = labeler.hard_label(ex.answers[0].text, ex.question), "weak-labeler"
        gold_cat.append(g)
        pred_cat.append(a.category)
    cats = category_report(gold_cat, pred_cat, list(reader.categories or LABELS)) if gold_cat else None
    records = []
    for i, o in outputs:
        ex, a = examples[i], o.answers[0]
        records.append({"id": ex.id, "note_id": ex.note.id, "question": ex.question,
                        "prediction": preds[ex.id], "start": a.start if preds[ex.id] else -1,
                        "end": a.end if preds[ex.id] else -1, "score": a.score, "category": a.category,
                        "gold": golds[ex.id], **scores.per_example[ex.id]})
    return QAEvaluation(scores, cats, source, threshold, records)
