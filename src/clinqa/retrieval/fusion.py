"""Score fusion: per-note normalisation, weighted sum, threshold/top-k selection, and
reciprocal rank fusion. Pure numpy functions."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from clinqa.errors import UsageError

NORMALISATIONS = ("minmax", "zscore", "none")


def normalise(scores: np.ndarray, method: str = "minmax") -> np.ndarray:
    """Scale one note's scores. Constant scores (one sentence, or all zero) become all 0:
    they say nothing about which sentence is better."""
    s = np.asarray(scores, dtype=np.float64)
    if method not in NORMALISATIONS:
        raise UsageError(f"unknown normalisation {method!r}; expected one of {', '.join(NORMALISATIONS)}")
    if s.size == 0 or method == "none":
        return s
    if method == "minmax":
        span = s.max() - s.min()
        return (s - s.min()) / span if span > 0 else np.zeros_like(s)
    std = s.std()
    return (s - s.mean()) / std if std > 0 else np.zeros_like(s)


def check_weights(weights: Mapping[str, float]) -> dict[str, float]:
    if not weights:
        raise UsageError("no fusion weights given")
    bad = {k: v for k, v in weights.items() if not np.isfinite(v) or v < 0}
    if bad:
        raise UsageError(f"fusion weights must be finite and >= 0; got {bad}")
    total = float(sum(weights.values()))
    if total <= 0:
        raise UsageError(f"fusion weights must sum to a positive number; got {dict(weights)}")
    return {k: float(v) / total for k, v in weights.items()}


def weighted_fusion(components: Mapping[str, np.ndarray], weights: Mapping[str, float],
                    method: str = "minmax") -> np.ndarray:
    """Sum of normalised component scores with weights rescaled to sum to 1."""
    w = check_weights(weights)
    missing = [k for k in w if k not in components]
    if missing:
        raise UsageError(f"weights name retrievers that were not run: {', '.join(missing)}")
    n = len(next(iter(components.values())))
    fused = np.zeros(n, dtype=np.float64)
    for name, weight in w.items():
        fused += weight * normalise(components[name], method)
    return fused


def reciprocal_rank_fusion(components: Mapping[str, np.ndarray], k: int = 60) -> np.ndarray:
    """Cormack et al. (2009): sum over retrievers of 1 / (k + rank), ranks from 1."""
    n = len(next(iter(components.values())))
    fused = np.zeros(n, dtype=np.float64)
    for scores in components.values():
        order = np.argsort(-np.asarray(scores), kind="stable")
        ranks = np.empty(n, dtype=np.int64)
        ranks[order] = np.arange(1, n + 1)
        fused += 1.0 / (k + ranks)
    return fused


def select(fused: np.ndarray, threshold: float | None = None, top_k: int | None = None,
           min_k: int = 0) -> np.ndarray:
    """Boolean mask: scores >= threshold, at most top_k of them (best first), and at least
    min_k (the best ones) even when none passes the threshold."""
    n = len(fused)
    order = np.argsort(-fused, kind="stable")
    keep = np.ones(n, dtype=bool) if threshold is None else fused >= threshold
    mask = np.zeros(n, dtype=bool)
    taken = 0
    for i in order:
        if top_k is not None and taken >= top_k:
            break
        if keep[i] or taken < min_k:
            mask[i] = True
            taken += 1
    return mask
