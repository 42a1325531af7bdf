import pytest

from clinqa.errors import DataError
from clinqa.evaluate.evidence import score_alignment, score_evidence

KEY = {
    "1": {"1": "essential", "2": "essential", "3": "supplementary", "4": "not-relevant"},
    "2": {"1": "not-relevant", "2": "essential", "3": "supplementary"},
}


def test_strict_and_lenient_match_hand_computed_values():
    pred = {"1": ["1", "3", "4"], "2": ["2", "3"]}
    r = score_evidence(pred, KEY)
    # strict: case1 tp=1 fp=2 fn=1; case2 tp=1 fp=1 fn=0 -> micro tp=2 fp=3 fn=1
    s = r["strict"]["micro"]
    assert s.precision == pytest.approx(2 / 5) and s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 * 0.4 * (2 / 3) / (0.4 + 2 / 3))
    # macro: case1 P=1/3 R=1/2 F=0.4; case2 P=1/2 R=1 F=2/3
    m = r["strict"]["macro"]
    assert m.precision == pytest.approx((1 / 3 + 1 / 2) / 2) and m.recall == pytest.approx(0.75)
    assert m.f1 == pytest.approx((0.4 + 2 / 3) / 2)
    # lenient drops predicted supplementary "3": case1 tp=1 fp=1 fn=1; case2 tp=1 fp=0 fn=0
    lm = r["lenient"]["micro"]
    assert lm.precision == pytest.approx(2 / 3) and lm.recall == pytest.approx(2 / 3) and lm.f1 == pytest.approx(2 / 3)
    assert r["lenient"]["macro"].f1 == pytest.approx((0.5 + 1.0) / 2)


def test_missing_prediction_counts_as_empty_and_invalid_ids_are_errors():
    r = score_evidence({"1": ["1", "2"]}, KEY)
    assert r["strict"]["micro"].recall == pytest.approx(2 / 3) and r["strict"]["micro"].precision == 1.0
    with pytest.raises(DataError, match="case 1: invalid sentence ids 9"):
        score_evidence({"1": ["9"]}, KEY)
    with pytest.raises(DataError, match="case ids not in the key: 7"):
        score_evidence({"7": ["1"]}, KEY)


def test_alignment_pairs():
    gold = {"1": [("1", "2"), ("2", "5"), ("3", "6")]}
    pred = {"1": [("1", "2"), ("2", "6"), ("3", "6"), ("3", "7")]}
    r = score_alignment(pred, gold)
    assert r["micro"].precision == pytest.approx(2 / 4) and r["micro"].recall == pytest.approx(2 / 3)
    with pytest.raises(DataError, match="invalid evidence ids 7"):
        score_alignment(pred, gold, {"1": ["2", "5", "6"]})
