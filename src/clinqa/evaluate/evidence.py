"""Evidence scoring as defined for ArchEHR-QA 2026.

Subtask 2 (evidence identification), per case, predicted sentence ids against the key:
- strict: gold = sentences labelled "essential"; every other prediction is a false positive;
- lenient: predicted sentences labelled "supplementary" are removed from the prediction first,
  then scored against the same essential gold (supplementary picks are not penalised).
Micro P/R/F1 pool true/false positives and false negatives over cases; macro averages the
per-case P/R/F1 (a case with an empty denominator scores 0 on that measure, as sklearn's
zero_division=0). Subtask 4 scores (answer_id, evidence_id) pairs the same way.
Predicted ids that are not sentences of the case are an error, as in the official scorer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass

from clinqa.errors import DataError


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    def scaled(self, k: float = 100.0) -> dict[str, float]:
        return {n: round(v * k, 2) for n, v in asdict(self).items()}


def _prf(tp: int, fp: int, fn: int) -> PRF:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f)


def _micro_macro(counts: Sequence[tuple[int, int, int]]) -> dict[str, PRF]:
    tp, fp, fn = (sum(c[i] for c in counts) for i in range(3))
    per_case = [_prf(*c) for c in counts]
    n = len(per_case) or 1
    macro = PRF(sum(x.precision for x in per_case) / n, sum(x.recall for x in per_case) / n,
                sum(x.f1 for x in per_case) / n)
    return {"micro": _prf(tp, fp, fn), "macro": macro}


def score_evidence(
    predictions: Mapping[str, Iterable[str]],
    key: Mapping[str, Mapping[str, str]],
) -> dict[str, dict[str, PRF]]:
    """`predictions`: case_id -> predicted sentence ids; `key`: case_id -> {sentence_id:
    relevance}. Returns {"strict": {"micro", "macro"}, "lenient": {...}}. Cases in the key
    without a prediction count as empty predictions; predictions for unknown cases are errors."""
    unknown_cases = sorted(set(predictions) - set(key))
    if unknown_cases:
        raise DataError(f"predictions for case ids not in the key: {', '.join(unknown_cases[:5])}", source="predictions")
    strict, lenient = [], []
    for cid, labels in key.items():
        pred = list(dict.fromkeys(str(x) for x in predictions.get(cid, ())))
        bad = [x for x in pred if x not in labels]
        if bad:
            raise DataError(f"case {cid}: invalid sentence ids {', '.join(bad)}; the case has ids "
                            f"{', '.join(labels)}", source="predictions")
        gold = {s for s, rel in labels.items() if rel == "essential"}
        p = set(pred)
        strict.append((len(p & gold), len(p - gold), len(gold - p)))
        p_len = {s for s in p if labels[s] != "supplementary"}
        lenient.append((len(p_len & gold), len(p_len - gold), len(gold - p_len)))
    return {"strict": _micro_macro(strict), "lenient": _micro_macro(lenient)}


def score_alignment(
    predictions: Mapping[str, Iterable[tuple[str, str]]],
    gold: Mapping[str, Iterable[tuple[str, str]]],
    sentence_ids: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, PRF]:
    """Subtask 4: (answer_id, evidence_id) pairs per case; micro and macro P/R/F1."""
    counts = []
    for cid, g in gold.items():
        g_pairs = {(str(a), str(e)) for a, e in g}
        p_pairs = {(str(a), str(e)) for a, e in predictions.get(cid, ())}
        if sentence_ids is not None:
            valid = {str(x) for x in sentence_ids.get(cid, ())}
            bad = sorted({e for _, e in p_pairs if e not in valid})
            if bad:
                raise DataError(f"case {cid}: invalid evidence ids {', '.join(bad)}", source="predictions")
        counts.append((len(p_pairs & g_pairs), len(p_pairs - g_pairs), len(g_pairs - p_pairs)))
    return _micro_macro(counts)
