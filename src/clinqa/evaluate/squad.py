"""Exact match and F1 as the official SQuAD scripts compute them.

`normalize_answer`, `f1_score` and `exact_match_score` follow evaluate-v1.1.py and
evaluate-v2.0.py line for line (lower case, strip punctuation and the articles a/an/the,
collapse whitespace; F1 over the bag of normalised tokens; the max over gold answers). For
v2.0 an unanswerable question has the single gold answer "" and a no-answer prediction is "",
so both score 1 only together; HasAns/NoAns are reported separately. The parity test runs the
official functions' logic on a fixture with scores computed by hand.
"""

from __future__ import annotations

import collections
import re
import string
from dataclasses import dataclass, field


def normalize_answer(s: str) -> str:
    def remove_articles(text):
        return re.sub(r"\b(a|an|the)\b", " ", text)

    def white_space_fix(text):
        return " ".join(text.split())

    def remove_punc(text):
        exclude = set(string.punctuation)
        return "".join(ch for ch in text if ch not in exclude)

    return white_space_fix(remove_articles(remove_punc(s.lower())))


def get_tokens(s: str) -> list[str]:
    return normalize_answer(s).split() if s else []


def exact_match_score(prediction: str, ground_truth: str) -> int:
    return int(normalize_answer(prediction) == normalize_answer(ground_truth))


def f1_score(prediction: str, ground_truth: str) -> float:
    gold_toks, pred_toks = get_tokens(ground_truth), get_tokens(prediction)
    common = collections.Counter(gold_toks) & collections.Counter(pred_toks)
    num_same = sum(common.values())
    if len(gold_toks) == 0 or len(pred_toks) == 0:
        # v2.0: if either is no-answer, F1 is 1 if they agree, 0 otherwise
        return float(gold_toks == pred_toks)
    if num_same == 0:
        return 0.0
    precision = num_same / len(pred_toks)
    recall = num_same / len(gold_toks)
    return (2 * precision * recall) / (precision + recall)


def max_over_ground_truths(metric, prediction: str, ground_truths: list[str]) -> float:
    return max(metric(prediction, gt) for gt in ground_truths)


def gold_answers(answer_texts: list[str]) -> list[str]:
    """v2.0: answers whose normalised form is empty do not count; none left means the gold is ''."""
    golds = [a for a in answer_texts if normalize_answer(a)]
    return golds or [""]


@dataclass
class SquadScores:
    exact: float
    f1: float
    total: int
    has_ans: dict[str, float] | None = None
    no_ans: dict[str, float] | None = None
    per_example: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict:
        d = {"exact": self.exact, "f1": self.f1, "total": self.total}
        if self.has_ans is not None:
            d["HasAns"] = self.has_ans
        if self.no_ans is not None:
            d["NoAns"] = self.no_ans
        return d


def squad_scores(golds: dict[str, list[str]], predictions: dict[str, str]) -> SquadScores:
    """`golds`: id -> gold answer texts ([] for unanswerable); `predictions`: id -> text ('' for
    no answer). Every gold id needs a prediction, as in the official script (missing = 0)."""
    em, f1 = {}, {}
    for qid, answers in golds.items():
        g = gold_answers(answers)
        pred = predictions.get(qid)
        if pred is None:
            em[qid] = f1[qid] = 0.0
            continue
        em[qid] = float(max(exact_match_score(pred, a) for a in g))
        f1[qid] = float(max(f1_score(pred, a) for a in g))
    n = len(golds)
    if n == 0:
        raise ValueError("no gold questions to score")

    def agg(ids):
        ids = list(ids)
        return {"exact": 100.0 * sum(em[i] for i in ids) / len(ids), "f1": 100.0 * sum(f1[i] for i in ids) / len(ids),
                "total": len(ids)}

    has = [q for q, a in golds.items() if gold_answers(a) != [""]]
    no = [q for q in golds if q not in set(has)]
    overall = agg(golds)
    return SquadScores(exact=overall["exact"], f1=overall["f1"], total=n,
                       has_ans=agg(has) if has and no else None, no_ans=agg(no) if no else None,
                       per_example={q: {"exact": em[q], "f1": f1[q]} for q in golds})
