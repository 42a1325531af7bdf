"""Which extraction floor (`concept_min_score` in a reader's clinqa_calibration.json): rescore the
tables `extraction_cells.py` wrote, dropping each reader answer whose score is under a floor, on
several building sets at once. Answers the note's structure gives (score 0) are kept. A floor
chooses between right cells refused and cells answered wrongly or answered where the note has
none; tune it on building sets the reader was not trained on, never on a held-out set.

    python benchmarks/extraction_floor.py --floors 0,0.1,0.2,0.3,0.4 \
        --set benchmarks/data/clinical_dev/cells.jsonl=/tmp/dev_cells \
        --set benchmarks/data/clinical_dev10/cells.jsonl=/tmp/d10_cells

It approximates a rerun at that floor: the policy, refused one reader span, may answer with
another; rerun `extraction_cells.py` with the chosen floor to confirm.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extraction_cells import score  # noqa: E402  (benchmarks/ is not a package)


def rescore(cells_path: str, folder: str, floor: float) -> dict:
    import pyarrow.parquet as pq

    from clinqa.questionnaire import load_questionnaire

    cells = [json.loads(line) for line in open(cells_path, encoding="utf-8")]
    total: Counter = Counter()
    for qid in sorted({c["questionnaire"] for c in cells}):
        rows = [r for r in pq.read_table(f"{folder}/{qid}.parquet").to_pylist()
                if not (r.get("answer") and r.get("score") and 0 < r["score"] < floor)]
        kinds = {x.id: x.answer_type for x in load_questionnaire(qid).concepts}
        mine = [c for c in cells if c["questionnaire"] == qid]
        total.update(score(mine, rows, {(c["note_id"], c["concept_id"]): kinds[c["concept_id"]] for c in mine})["total"])
    wrong = total["wrong_fact"] + total["wrong_type"]
    return {"right_pct": round(100 * total["right"] / max(1, total["answerable"]), 1),
            "answered_wrong_pct": round(100 * wrong / max(1, total["answered"]), 1),
            "absent_answered_pct": round(100 * total["absent_answered"] / max(1, total["absent"]), 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--floors", default="0,0.1,0.2,0.3,0.4")
    ap.add_argument("--set", action="append", required=True, help="CELLS.jsonl=TABLES_FOLDER (repeat)")
    a = ap.parse_args(argv)
    out = {}
    for floor in (float(x) for x in a.floors.split(",")):
        out[str(floor)] = {Path(c).parent.name: rescore(c, f, floor) for c, f in (s.split("=", 1) for s in a.set)}
    json.dump(out, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
