"""Copy-and-simplify training targets (grounded-answer issue, item 3) and the calibration of the
support check's threshold (item 2a)."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinqa.errors import DataError
from clinqa.generate.cases import copy_simplify, read_cases
from clinqa.generate.checks import calibrate_support, check_sentence
from clinqa.generate.citations import parse
from clinqa.generate.generator import _with_header
from clinqa.generate.plan import headers_of
from clinqa.generate.prompts import rewrite_messages
from tests.files import REPORTS, write_reports_csv

DEV = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "clinical_dev" / "answers.jsonl"


def _assert_grounded(case) -> int:
    """Every target sentence cites one gold sentence and passes every check against it."""
    cs = copy_simplify(case)
    gold = {k for k, v in case.relevance.items() if v == "essential"}
    if not gold:  # a question the note does not answer: nothing to copy, no training row
        assert cs is None
        return 0
    assert cs is not None
    by_id = {s.id: s for s in case.sentences}
    headers = headers_of(case.sentences)
    lines = cs.target.splitlines()
    assert 1 <= len(lines) <= 4 and len(" ".join(parse(x).text for x in lines).split()) <= 75
    for line in lines:
        p = parse(line)
        assert len(p.ids) == 1 and set(p.ids) <= gold and p.text
        chk = check_sentence(p.text, [_with_header(by_id[i], headers) for i in p.ids], case.clinician_question)
        assert chk.passed and chk.support == 1.0, (line, chk.reasons())
    # the prompt shows exactly the sentences the target rewrites, as the generator shows its plan
    assert [list(ids) for ids, _ in cs.evidence] == [list(parse(x).ids) for x in lines]
    assert all(text == " ".join(by_id[ids[0]].text.split()) for ids, text in cs.evidence)
    return len(lines)


def test_copy_simplify_targets_come_from_the_cited_evidence_sentences():
    """On the clinical dev notes (headers, lists, placeholders, dosing shorthand)."""
    cases = read_cases(str(DEV), max_cases=24)
    assert sum(_assert_grounded(c) for c in cases) > len(cases)
    # the target is the note's sentence in plain language, not the annotator's reference
    c = cases[0]
    target = copy_simplify(c).target
    assert target != c.answer and "torsemide 40 mg by mouth daily" in target.lower()


def test_copy_simplify_on_reports_and_training_rows(tmp_path):
    from clinqa.train.generate import case_rows

    reports = write_reports_csv(tmp_path / "reports.csv", REPORTS[:1])
    cases = read_cases(str(reports))
    _assert_grounded(cases[0])
    rows = case_rows(cases, "copy_simplify")
    cs = copy_simplify(cases[0])
    assert rows[0].completion == cs.target == "The heart is enlarged. |1|\nThe lungs are clear. |2|"
    assert rows[0].prompt == rewrite_messages(cases[0].clinician_question, cs.evidence, "Short of breath")
    assert case_rows(cases)[0].completion == cases[0].answer  # the default target is unchanged


def test_bad_target_is_refused(tmp_path):
    from clinqa.train.generate import TrainGenerateConfig

    cfg = tmp_path / "g.yaml"
    cfg.write_text("target: copy\nstages:\n  - data: x.csv\n", encoding="utf-8")
    with pytest.raises(DataError, match="target must be one of reference, copy_simplify"):
        TrainGenerateConfig.load(cfg)
    cfg.write_text("stages:\n  - data: x.csv\n    target: simplify\n", encoding="utf-8")
    with pytest.raises(DataError, match="stage 1: target must be"):
        TrainGenerateConfig.load(cfg)


def test_calibration_takes_the_lowest_threshold_at_the_stated_precision():
    pos, neg = [1.0, 0.9, 0.85, 0.6], [0.95, 0.7, 0.5, 0.2]
    scores, labels = pos + neg, [True] * 4 + [False] * 4
    c = calibrate_support(scores, labels, min_precision=0.75)
    assert (c.threshold, c.precision, c.recall) == (0.85, 0.75, 0.75) and c.rule.startswith("lowest")
    assert calibrate_support(scores, labels, min_precision=0.9).threshold == 1.0
    best = calibrate_support(scores, labels, min_precision=None)  # highest F1: all positives, 2 negatives
    assert (best.threshold, best.f1, best.positives, best.negatives) == (0.6, 0.8, 4, 4)
    with pytest.raises(DataError, match="both supported and unsupported"):
        calibrate_support([0.5, 0.9], [True, True])
