"""`clinqa tune evidence`: choose ensemble weights, normalisation, threshold and top-k on dev
data by exhaustive grid search, maximising strict micro-F1 (ArchEHR-QA subtask 2).

Component scores are computed once per (case, retriever), each retriever fitted once per note;
the grid then only re-fuses numbers. Selection is `fusion.select` with min_k = 1, computed
in closed form per case from the sorted fused scores, so the grid covers thousands of settings
in seconds. The best single retrievers are tuned the same way (one-hot weights) so that the
results table compares like with like.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from clinqa.evaluate.evidence import score_evidence
from clinqa.retrieval.ensemble import EnsembleConfig, EvidenceRetriever
from clinqa.retrieval.fusion import normalise, reciprocal_rank_fusion, select
from clinqa.types import EvidenceCase

log = logging.getLogger(__name__)

TOP_KS: tuple[int | None, ...] = (1, 2, 3, 5, None)


@dataclass
class Scored:
    case: EvidenceCase
    components: dict[str, np.ndarray]
    essential: np.ndarray  # bool per sentence


def component_table(cases: Sequence[EvidenceCase], retrievers: Sequence[str], base: EnsembleConfig,
                    progress: Callable[[int], None] | None = None) -> list[Scored]:
    """Scores of every retriever for every case, fitting each retriever once per note."""
    probe = EvidenceRetriever(replace(base, weights={r: 1.0 for r in retrievers}))
    out: list[Scored] = []
    by_note: dict[str, list[EvidenceCase]] = {}
    for c in cases:
        by_note.setdefault(c.note.id, []).append(c)
    for group in by_note.values():
        texts = [s.text for s in group[0].sentences]
        fitted = {r: probe._scorer(r).fit(texts) for r in retrievers}
        for c in group:
            comps = {r: np.asarray(f.score(c.question), dtype=np.float64) for r, f in fitted.items()}
            ess = np.array([c.relevance.get(s.id) == "essential" for s in c.sentences])
            out.append(Scored(c, comps, ess))
        if progress:
            progress(len(group))
    return out


def _counts_for(fused: np.ndarray, essential: np.ndarray, thresholds: np.ndarray, top_k: int | None):
    """(tp, fp, fn) for each threshold at one top_k, min_k = 1, as `fusion.select` decides."""
    order = np.argsort(-fused, kind="stable")
    sorted_scores = fused[order]
    cum_ess = np.cumsum(essential[order])
    n = len(fused)
    passing = n - np.searchsorted(sorted_scores[::-1], thresholds, side="left")  # scores >= t
    k = n if top_k is None else min(top_k, n)
    n_sel = np.clip(np.minimum(passing, k), 1, None)
    tp = cum_ess[n_sel - 1]
    return tp, n_sel - tp, int(essential.sum()) - tp


def _micro_f1(tp, fp, fn):
    p = np.divide(tp, tp + fp, out=np.zeros_like(tp, dtype=float), where=(tp + fp) > 0)
    r = np.divide(tp, tp + fn, out=np.zeros_like(tp, dtype=float), where=(tp + fn) > 0)
    return np.divide(2 * p * r, p + r, out=np.zeros_like(p), where=(p + r) > 0)


def weight_grid(retrievers: Sequence[str], step: float = 0.1) -> list[dict[str, float]]:
    n = round(1 / step)
    grid = []
    for combo in itertools.product(range(n + 1), repeat=len(retrievers)):
        if sum(combo) == n:
            grid.append({r: round(c * step, 6) for r, c in zip(retrievers, combo) if c})
    return grid


def search(table: list[Scored], weights_grid: list[dict[str, float]], normalisations=("minmax", "zscore")) -> dict:
    """Best (weights, normalisation, threshold, top_k) by strict micro-F1 over `table`."""
    best = {"f1": -1.0}
    for norm in normalisations:
        normed = [{r: normalise(v, norm) for r, v in s.components.items()} for s in table]
        thresholds = np.round(np.linspace(0.0, 1.0, 21), 3) if norm == "minmax" else np.round(np.linspace(-1.0, 3.0, 21), 3)
        for w in weights_grid:
            fused_all = [sum(wt * n[r] for r, wt in w.items()) for n in normed]
            f1, threshold, k = _best_selection(fused_all, table, thresholds)
            if f1 > best["f1"] + 1e-12:
                best = {"f1": f1, "weights": w, "normalisation": norm, "threshold": threshold, "top_k": k}
    return best


def _best_selection(fused_all: list[np.ndarray], table: list[Scored], thresholds: np.ndarray):
    """(micro-F1, threshold, top_k) of the best selection for these fused scores."""
    best = (-1.0, float(thresholds[0]), TOP_KS[0])
    for k in TOP_KS:
        tp = fp = fn = np.zeros(len(thresholds))
        for fused, s in zip(fused_all, table):
            a, b, c = _counts_for(fused, s.essential, thresholds, k)
            tp, fp, fn = tp + a, fp + b, fn + c
        f1 = _micro_f1(tp, fp, fn)
        i = int(np.argmax(f1))
        if f1[i] > best[0] + 1e-12:
            best = (float(f1[i]), float(thresholds[i]), k)
    return best


def rrf_search(table: list[Scored], rrf_k: int = 60) -> dict:
    """Reciprocal rank fusion with the same selection grid (no weights to tune)."""
    fused_all = [reciprocal_rank_fusion(s.components, rrf_k) for s in table]
    lo = min(float(f.min()) for f in fused_all)
    hi = max(float(f.max()) for f in fused_all)
    f1, threshold, k = _best_selection(fused_all, table, np.linspace(lo, hi, 41))
    return {"f1": f1, "threshold": threshold, "top_k": k, "fusion": "rrf"}


def tune(table: list[Scored], retrievers: Sequence[str], base: EnsembleConfig, step: float = 0.1) -> dict:
    """The tuned ensemble config and, for the results table, each retriever tuned alone."""
    singles = {r: search(table, [{r: 1.0}]) for r in retrievers}
    ens = search(table, weight_grid(retrievers, step))
    rrf = rrf_search(table, base.rrf_k)
    cfg = replace(base, weights=ens["weights"], normalisation=ens["normalisation"], threshold=ens["threshold"],
                  top_k=ens["top_k"], min_k=1, fusion="weighted")
    return {"config": cfg, "ensemble": ens, "singles": singles, "rrf": rrf}


def evaluate_config(table: list[Scored], cfg: EnsembleConfig) -> dict:
    """Strict/lenient micro and macro through the same code path as inference and the scorer."""
    retr = EvidenceRetriever(cfg)
    preds, key = {}, {}
    for s in table:
        comps = {r: v for r, v in s.components.items() if r in cfg.weights or cfg.fusion == "rrf"}
        fused = retr.fuse(comps)
        mask = select(fused, cfg.threshold, cfg.top_k, cfg.min_k)
        preds[s.case.id] = [sent.id for sent, m in zip(s.case.sentences, mask) if m]
        key[s.case.id] = s.case.relevance
    scores = score_evidence(preds, key)
    return {mode: {avg: prf.scaled() for avg, prf in v.items()} for mode, v in scores.items()}
