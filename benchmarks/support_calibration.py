"""Calibrate the support check's threshold (`clinqa.generate.checks.SUPPORT_THRESHOLD`) on data.

Pairs come from reference answers with gold evidence spans (benchmarks/data/clinical_dev):
each sentence of a reference answer is scored by `checks.support` (share of its content words
found in the given note sentences, read after their section header, the question's words
counting as given)

- against the note sentences its answer's evidence spans cover: a positive ("supported");
- against as many other sentences of the same note (never headers): a negative. `hard` takes the
  ones BM25 ranks nearest to the answer sentence (an LM that cites the wrong but similar
  sentence); `random` a seeded random draw.

Sentences without content words are left out (support 1.0 by definition, no signal). The
threshold is the lowest one whose precision for "supported" reaches `--precision` on the hard
pairs (`checks.calibrate_support`); a 2-fold cross-validation by note shows how well the choice
carries to notes it was not chosen on.

    python benchmarks/support_calibration.py --data benchmarks/data/clinical_dev/answers.jsonl [--precision 0.95]

Prints one JSON document; its "threshold" is the calibrated value.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def pairs(cases, negatives: str, seed: int = 13) -> list[tuple[str, float, bool]]:
    """(note id, support, supported?) for every reference sentence with content words."""
    from clinqa.evaluate.rouge_bleu import sentence_lines
    from clinqa.generate.checks import content_words, support
    from clinqa.generate.generator import _with_header
    from clinqa.generate.plan import headers_of
    from clinqa.retrieval.bm25 import BM25Scorer

    rng = random.Random(seed)
    out = []
    for case in cases:
        headers = headers_of(case.sentences)
        gold = [s for s in case.sentences if case.relevance.get(s.id) == "essential"]
        others = [s for s in case.sentences if case.relevance.get(s.id) != "essential" and s.kind != "header"]
        if not gold or len(others) < len(gold):
            continue
        question = case.clinician_question or case.patient_question
        scorer = BM25Scorer().fit([s.text for s in others]) if negatives == "hard" else None
        for line in sentence_lines(case.answer).splitlines():
            if not content_words(line):
                continue
            if scorer is not None:
                order = scorer.score(line).argsort()[::-1]
                wrong = [others[int(i)] for i in order[:len(gold)]]
            else:
                wrong = rng.sample(others, len(gold))
            for sources, label in ((gold, True), (wrong, False)):
                share, _, _ = support(line, [_with_header(s, headers) for s in sources], question)
                out.append((case.note.id, share, label))
    return out


def fold(note_id: str) -> int:
    return int(hashlib.sha1(("clinqa-support:" + note_id).encode()).hexdigest()[:8], 16) % 2


def at(threshold: float, rows) -> dict:
    tp = sum(1 for _, x, y in rows if y and x >= threshold)
    fp = sum(1 for _, x, y in rows if not y and x >= threshold)
    pos = sum(1 for _, _, y in rows if y)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / pos if pos else 0.0
    return {"threshold": threshold, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def main() -> None:
    from dataclasses import asdict

    from clinqa.generate.cases import reference_cases
    from clinqa.generate.checks import SUPPORT_THRESHOLD, calibrate_support

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="benchmarks/data/clinical_dev/answers.jsonl")
    ap.add_argument("--precision", type=float, default=0.95, help="precision for 'supported' the threshold must reach")
    args = ap.parse_args()

    cases = reference_cases(args.data)
    doc: dict = {"data": args.data, "answers": len(cases), "precision_target": args.precision,
                 "current_threshold": SUPPORT_THRESHOLD}
    for kind in ("hard", "random"):
        rows = pairs(cases, kind)
        cal = calibrate_support([x for _, x, _ in rows], [y for _, _, y in rows], args.precision)
        folds = []
        for k in (0, 1):
            fit = [r for r in rows if fold(r[0]) == k]
            test = [r for r in rows if fold(r[0]) != k]
            if not any(y for *_, y in fit) or all(y for *_, y in fit):
                continue
            c = calibrate_support([x for _, x, _ in fit], [y for _, _, y in fit], args.precision)
            folds.append({"chosen_on_fold": k, "threshold": c.threshold, "held_out": at(c.threshold, test)})
        doc[kind] = {"calibration": asdict(cal), "cross_validated": folds,
                     "at_current": at(SUPPORT_THRESHOLD, rows),
                     "curve": [at(t, rows) for t in (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0)]}
    doc["threshold"] = doc["hard"]["calibration"]["threshold"]
    print(json.dumps(doc, indent=2))


if __name__ == "__main__":
    main()
