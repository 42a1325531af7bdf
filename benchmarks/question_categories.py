"""Question-category accuracy: `clinqa.qa.categories.question_category` (what the question asks
for) against the weak labeler on the question alone (the rule that decided before it), on the
held-out sets written without seeing the rules (benchmarks/data/question_categories: set A before
the rules learned ward shorthand, set B after) and on the clinical dev questions.

    python benchmarks/question_categories.py [--show-errors]

Prints one JSON document: per set and style, accuracy of both and their ratio. An unanswered
question (the rules do not say) counts as wrong here; in the answer policy it falls back to the
category head or the weak labeler on the answer span.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def rows() -> dict[str, list[tuple[str, str, str]]]:
    """set name -> [(question, gold category, style)]."""
    from clinqa.data.splits import read_qa_spec

    sets: dict[str, list[tuple[str, str, str]]] = {}
    for name, file in (("set_a", "questions.jsonl"), ("set_b", "questions_b.jsonl")):
        path = ROOT / "benchmarks/data/question_categories" / file
        sets[name] = [(r["question"], r["category"], r["style"])
                      for r in map(json.loads, path.read_text().splitlines()) if r]
    dev = read_qa_spec(str(ROOT / "benchmarks/data/clinical_dev/clinical_dev.json"))
    sets["clinical_dev"] = [(e.question, e.category, "dev") for e in dev if e.category]
    return sets


def main() -> None:
    from clinqa.qa.categories import WeakLabeler, question_category

    ap = argparse.ArgumentParser()
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    labeler = WeakLabeler()
    out: dict[str, dict] = {}
    for name, items in rows().items():
        tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for q, gold, style in items:
            got = question_category(q)
            new = got.label if got else None
            old = labeler.hard_label("", q)
            for key in ("all", style):
                tally[key][0] += new == gold
                tally[key][1] += old == gold
                tally[key][2] += 1
            if args.show_errors and new != gold:
                print(f"{name}\t{gold}\t{new}\t{q}", file=sys.stderr)
        out[name] = {k: {"questions": n, "question_category": round(100 * a / n, 1),
                         "weak_labeler_on_question": round(100 * b / n, 1),
                         "ratio": round(a / b, 2) if b else None} for k, (a, b, n) in tally.items()}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
