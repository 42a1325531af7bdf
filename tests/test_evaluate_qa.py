"""SQuAD EM/F1 against hand-computed scores, category metrics, and the weak labeler's
agreement with a hand-labelled sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clinqa.evaluate.classification import category_report, save_confusion_png
from clinqa.evaluate.squad import f1_score, normalize_answer, squad_scores

GOLDS = {
    "q1": ["The chest X-ray"],
    "q2": ["right lower lobe consolidation"],
    "q3": ["metoprolol 25 mg", "metoprolol"],
    "q4": [],
    "q5": [],
    "q6": ["fever"],
}
PREDS = {"q1": "chest x-ray.", "q2": "right lower lobe", "q3": "metoprolol", "q4": "", "q5": "aspirin", "q6": ""}


def test_normalisation_is_the_official_one():
    assert normalize_answer("The  Chest X-ray!") == "chest xray"
    assert normalize_answer("an apple a day") == "apple day"


def test_squad_v2_scores_match_hand_computation():
    s = squad_scores(GOLDS, PREDS)
    # q2: precision 3/3, recall 3/4 -> F1 6/7
    assert f1_score("right lower lobe", "right lower lobe consolidation") == pytest.approx(6 / 7)
    assert s.exact == pytest.approx(50.0)
    assert s.f1 == pytest.approx(100 * (1 + 6 / 7 + 1 + 1 + 0 + 0) / 6)
    assert s.has_ans == pytest.approx({"exact": 50.0, "f1": 100 * (1 + 6 / 7 + 1 + 0) / 4, "total": 4})
    assert s.no_ans == pytest.approx({"exact": 50.0, "f1": 50.0, "total": 2})


def test_missing_prediction_scores_zero_and_v1_has_no_split():
    s = squad_scores({"a": ["fever"], "b": ["cough"]}, {"a": "fever"})
    assert s.exact == 50.0 and s.has_ans is None and s.no_ans is None


def test_category_report_and_png(tmp_path):
    gold = ["Medication", "Medication", "Symptoms", "Diagnosis"]
    pred = ["Medication", "Symptoms", "Symptoms", "Diagnosis"]
    r = category_report(gold, pred, ["Diagnosis", "Medication", "Symptoms", "Procedure"])
    assert r["accuracy"] == 75.0
    assert r["per_class"]["Medication"] == pytest.approx({"precision": 100.0, "recall": 50.0, "f1": 100 * 2 / 3, "support": 2})
    assert r["labels"] == ["Diagnosis", "Medication", "Symptoms"]  # absent classes are left out
    assert r["confusion_matrix"][1] == [0, 1, 1]
    assert save_confusion_png(r, tmp_path / "cm.png").stat().st_size > 1000


SAMPLE = Path(__file__).parent / "data" / "category_sample.jsonl"


def test_weak_labeler_agrees_with_hand_labels():
    from clinqa.qa.categories import WeakLabeler

    rows = [json.loads(line) for line in SAMPLE.read_text().splitlines() if line.strip()]
    lab = WeakLabeler()
    hits = [lab.hard_label(r["answer"], r["question"]) == r["category"] for r in rows]
    agreement = sum(hits) / len(rows)
    assert len(rows) >= 40
    assert agreement >= 0.8, [r for r, h in zip(rows, hits) if not h]


def test_weak_labels_are_soft_distributions():
    from clinqa.qa.categories import LABELS, WeakLabeler

    d = WeakLabeler().label("chest x-ray showed pneumonia", "What did the imaging show?")
    assert set(d) == set(LABELS) and sum(d.values()) == pytest.approx(1.0)
    assert d["Procedure"] > 0.3 and d["Diagnosis"] > 0.1  # two cues, two categories
    assert WeakLabeler().label("bats", "") == {c: float(c == "Other") for c in LABELS}
