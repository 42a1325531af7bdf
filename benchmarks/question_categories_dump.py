"""Dump `question_category` (label and rule) and the weak labeler's question-only label for every
question of the category sets and the clinical dev set, one JSON line each, so that two versions
of the rules can be diffed (`diff <(PYTHONPATH=old/src python ...) <(python ...)`).

    python benchmarks/question_categories_dump.py > categories.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if "clinqa" not in sys.modules and not any(p.endswith("src") for p in sys.path):
    sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from question_categories import rows

    from clinqa.qa.categories import WeakLabeler, question_category

    weak = WeakLabeler()
    for name, items in rows().items():
        for q, gold, style in items:
            c = question_category(q)
            dist = weak.label("", q)
            print(json.dumps({"set": name, "question": q, "label": c.label if c else None,
                              "rule": c.rule if c else None,
                              "weak": max(dist, key=lambda k: (dist[k], k != "Other"))}, ensure_ascii=False))


if __name__ == "__main__":
    main()
