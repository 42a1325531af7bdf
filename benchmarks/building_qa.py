"""The clinical building sets' extractive questions as one SQuAD v2 training file, for the reader's
clinical continuation (configs/qa-multilingual-clinical.yaml, `make model-qa-multilingual-clinical`).

Span and unanswerable questions only: a yes/no question's verdict is the answer policy's to give,
not the span head's, so those are left out, as is each question's `trap` field (a set's own
annotation). Only the sets named are read: by default clinical_dev2 ... clinical_dev9. The
original clinical dev set, clinical_dev10 and later, the yes/no sets and both held-out sets stay
out of training, so they still measure the reader.

    python benchmarks/building_qa.py --out runs/data/clinical-dev2-9.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
DEFAULT_SETS = [f"clinical_dev{i}/dev{i}.json" for i in range(2, 10)]


def building_questions(paths: list[Path]) -> dict:
    """SQuAD v2 JSON of every span and unanswerable question of `paths`, note by note."""
    out = {"version": "v2.0", "data": []}
    for path in paths:
        for art in json.loads(path.read_text(encoding="utf-8"))["data"]:
            for p in art["paragraphs"]:
                qs = [{k: v for k, v in q.items() if k != "trap"} for q in p["qas"] if not q.get("verdict")]
                if qs:
                    out["data"].append({"title": art["title"], "paragraphs": [{"context": p["context"], "qas": qs}]})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--set", action="append", default=[], help="a set's JSON under benchmarks/data (repeat); "
                    "default: clinical_dev2 ... clinical_dev9")
    args = ap.parse_args(argv)
    data = building_questions([DATA / s for s in (args.set or DEFAULT_SETS)])
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(data), encoding="utf-8")
    print(f"{sum(len(p['qas']) for a in data['data'] for p in a['paragraphs'])} questions -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
