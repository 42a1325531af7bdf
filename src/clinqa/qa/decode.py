"""Post-processing: start/end logits over windows become character spans in the note.

Pure numpy over `Window`s, so every rule here is tested with hand-built logits:
- a span must lie inside the note part of one window, end >= start, and be at most
  `max_answer_tokens` long;
- the same characters found in two overlapping windows count once, with the better score;
- "no answer" is the [CLS] score (start[0] + end[0]), taken as the smallest over windows as
  in the SQuAD 2.0 reference implementations; it wins when it beats the best span by more
  than a threshold tuned on dev data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clinqa.qa.features import Window


@dataclass(frozen=True)
class SpanCandidate:
    start: int  # characters in the note
    end: int
    score: float  # start logit + end logit
    window: int
    start_token: int
    end_token: int


def span_candidates(start_logits: np.ndarray, end_logits: np.ndarray, windows: list[Window],
                    max_answer_tokens: int = 30, n_best: int = 20, text: str | None = None) -> list[SpanCandidate]:
    """All valid spans from the n_best starts x n_best ends of each window, best first,
    one per distinct character span (after widening to whole words when `text` is given)."""
    best: dict[tuple[int, int], SpanCandidate] = {}
    for w, win in enumerate(windows):
        ctx = np.array([o is not None for o in win.offsets] + [False] * (len(start_logits[w]) - len(win.offsets)))
        if not ctx.any():
            continue
        s_log = np.where(ctx, start_logits[w], -np.inf)
        e_log = np.where(ctx, end_logits[w], -np.inf)
        k = min(n_best, int(ctx.sum()))
        starts = np.argsort(-s_log, kind="stable")[:k]
        ends = np.argsort(-e_log, kind="stable")[:k]
        for s in starts:
            for e in ends:
                if e < s or e - s + 1 > max_answer_tokens:
                    continue
                cs, ce = win.offsets[s][0], win.offsets[e][1]
                if ce <= cs:
                    continue
                if text is not None:
                    cs, ce = snap_to_words(text, cs, ce)
                cand = SpanCandidate(cs, ce, float(s_log[s] + e_log[e]), w, int(s), int(e))
                key = (cs, ce)
                if key not in best or cand.score > best[key].score:
                    best[key] = cand
    return sorted(best.values(), key=lambda c: (-c.score, c.start, c.end))


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words: sub-word tokenizers can start a span inside a word
    ("oprolol"); an answer shown to a clinician should never cut a word in two."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def null_score(start_logits: np.ndarray, end_logits: np.ndarray) -> float:
    """The no-answer score: [CLS] start + end, smallest over the windows of one example."""
    return float(np.min(start_logits[:, 0] + end_logits[:, 0]))


def span_probabilities(candidates: list[SpanCandidate], null: float) -> tuple[list[float], float]:
    """Softmax over the candidate scores and the null score: a score users can compare
    across questions (raw logit sums cannot be)."""
    scores = np.array([c.score for c in candidates] + [null], dtype=np.float64)
    p = np.exp(scores - scores.max())
    p /= p.sum()
    return [float(x) for x in p[:-1]], float(p[-1])


def is_no_answer(best: SpanCandidate | None, null: float, threshold: float | None) -> bool:
    """SQuAD 2.0 rule: no answer when null - best > threshold. `threshold=None` means the model
    was never calibrated for unanswerable questions: always answer."""
    if best is None:
        return True
    if threshold is None:
        return False
    return null - best.score > threshold


def best_null_threshold(null_minus_best: list[float], answered_scores: list[float],
                        has_answer: list[bool]) -> tuple[float, float]:
    """The threshold that maximises the mean score over a dev set, as the official SQuAD 2.0
    script's `find_best_thresh` does: an example predicted "no answer" scores 1 if it has no
    gold answer and 0 otherwise; answered, it scores `answered_scores` (F1 or EM) if it has one.
    Returns (threshold, best mean score in [0, 1])."""
    n = len(null_minus_best)
    if n == 0:
        raise ValueError("no dev examples to tune the no-answer threshold on")
    diffs = np.asarray(null_minus_best, dtype=np.float64)
    answered = np.where(np.asarray(has_answer), np.asarray(answered_scores, dtype=np.float64), 0.0)
    abstain = np.where(np.asarray(has_answer), 0.0, 1.0)
    best_t, best_s = float("inf"), float(answered.mean())  # never abstain
    for t in [float(diffs.min()) - 1.0, *sorted(set(diffs.tolist()))]:
        # "no answer" when diff > t
        s = float(np.where(diffs > t, abstain, answered).mean())
        if s > best_s:
            best_t, best_s = float(t), s
    if best_t == float("inf"):
        best_t = float(diffs.max()) if n else 0.0
    return best_t, best_s
