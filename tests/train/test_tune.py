"""Ensemble tuning: the closed-form grid agrees with the inference path and the official-style
scorer, and finds the weights a hand-built case needs."""

from __future__ import annotations

import numpy as np
import pytest

from clinqa.retrieval.ensemble import EnsembleConfig
from clinqa.train.tune import Scored, _counts_for, evaluate_config, search, tune, weight_grid
from clinqa.types import EvidenceCase, Note, Sentence


def _case(i, n, essential, comps):
    sents = tuple(Sentence(str(j + 1), j * 10, j * 10 + 5, "x" * 5) for j in range(n))
    case = EvidenceCase(id=f"c{i}", note=Note(f"n{i}", "x" * (10 * n)), sentences=sents, clinician_question="q",
                        relevance={s.id: ("essential" if j in essential else "not-relevant") for j, s in enumerate(sents)})
    return Scored(case, {k: np.asarray(v, float) for k, v in comps.items()},
                  np.array([j in essential for j in range(n)]))


def test_counts_match_select():
    from clinqa.retrieval.fusion import select

    rng = np.random.default_rng(0)
    for _ in range(50):
        fused = rng.random(7)
        ess = rng.random(7) < 0.3
        ths = np.linspace(0, 1, 11)
        for k in (1, 3, None):
            tp, fp, fn = _counts_for(fused, ess, ths, k)
            for t, a, b, c in zip(ths, tp, fp, fn):
                m = select(fused, float(t), k, 1)
                assert (a, b, c) == ((m & ess).sum(), (m & ~ess).sum(), (~m & ess).sum())


def test_grid_f1_equals_scorer_f1_and_ensemble_beats_singles():
    # bm25 finds the answer in cases 0-1, dense in cases 2-3; only a mix finds all four
    table = [
        _case(0, 4, {0}, {"bm25": [9, 1, 0, 0], "dense": [0.2, 0.3, 0.1, 0.25]}),
        _case(1, 4, {2}, {"bm25": [0, 1, 8, 0], "dense": [0.3, 0.2, 0.25, 0.1]}),
        _case(2, 4, {3}, {"bm25": [0, 0, 0, 0], "dense": [0.1, 0.2, 0.3, 0.9]}),
        _case(3, 4, {1}, {"bm25": [0, 0, 0, 0], "dense": [0.1, 0.8, 0.3, 0.2]}),
    ]
    res = tune(table, ["bm25", "dense"], EnsembleConfig(weights={"bm25": 1, "dense": 1}))
    assert res["ensemble"]["f1"] == pytest.approx(1.0)
    assert max(s["f1"] for s in res["singles"].values()) < 1.0
    again = evaluate_config(table, res["config"])
    assert again["strict"]["micro"]["f1"] == pytest.approx(100 * res["ensemble"]["f1"], abs=0.01)


def test_weight_grid_is_the_simplex():
    g = weight_grid(["a", "b", "c"], 0.5)
    assert len(g) == 6 and all(sum(w.values()) == pytest.approx(1.0) for w in g)


def test_search_single_retriever_threshold():
    table = [_case(0, 3, {0, 1}, {"bm25": [1.0, 0.9, 0.0]})]
    best = search(table, [{"bm25": 1.0}], normalisations=("minmax",))
    assert best["f1"] == pytest.approx(1.0) and best["top_k"] in (2, 3, 5, None)
