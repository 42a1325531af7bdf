"""Score extraction tables against gold cells (what a careful reviewer judges), per answer type:
right, wrong type (an answer of another kind than the concept asks: a date for a condition, a
drug line as a diagnosis), wrong fact (the right kind, the wrong answer), refused (the note has the
answer, the table has none), and for cells the note does not answer: correctly empty, or answered.
List concepts are scored on their items (precision and recall by span overlap).

    python benchmarks/extraction_cells.py --cells benchmarks/data/clinical_heldout/cells.jsonl \
        --notes benchmarks/data/clinical_heldout/notes --out /tmp/cells [--table discharge-summary=T.parquet ...]

Without --table it runs `clinqa extract` for each questionnaire of the cells first (into --out).
Prints one JSON document; `answered_wrong_pct` is the share of answered answerable cells that are
wrong, `answerable_right_pct` the share of answerable cells that are right.

This replaces the extraction audit as the measure of a table (the audit checks that a unit fits
its concept: it cannot see a wrong fact, and reported 0 violations on a table a reviewer found
44% wrong).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "src"))  # after PYTHONPATH: a baseline checkout can be scored


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9.%/]+", " ", s.lower()).strip()


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same(pred: dict, gold_spans: list, gold_values: list) -> bool:
    if pred["start"] is not None and pred["start"] >= 0 and any(_overlaps((pred["start"], pred["end"]), tuple(s))
                                                                  for s in gold_spans):
        return True
    p = _norm(str(pred.get("value") or pred.get("answer") or ""))
    return bool(p) and any(p == _norm(v) or (len(_norm(v)) > 2 and _norm(v) in p) for v in gold_values)


def _type_ok(pred: dict, atype: str) -> bool:
    text = str(pred.get("answer") or "")
    if atype == "number":
        return bool(re.search(r"\d", text))
    if atype == "date":
        return pred.get("value") is not None
    return True


def score(cells: list[dict], rows: list[dict], answer_types: dict[tuple[str, str], str]) -> dict:
    by_cell: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in rows:
        by_cell[(r["note_id"], r["concept_id"])].append(r)
    counts: dict[str, Counter] = defaultdict(Counter)
    items_tp = items_tp_pred = items_pred = items_gold = 0
    for c in cells:
        key = (c["note_id"], c["concept_id"])
        atype = answer_types.get(key, "span")
        preds = by_cell.get(key, [])
        if atype == "yes_no":
            verdict = next((p.get("value") for p in preds if p.get("value")), None)
            answered = verdict not in (None, "not_mentioned")
        else:
            preds = [p for p in preds if p.get("answer")]
            answered = bool(preds)
        k = counts[atype]
        k["cells"] += 1
        if c["status"] == "absent":
            k["absent"] += 1
            k["absent_answered" if answered else "absent_empty"] += 1
            continue
        k["answerable"] += 1
        if not answered:
            k["refused"] += 1
            continue
        k["answered"] += 1
        if atype == "yes_no":
            right = verdict in c["values"]
            k["right" if right else "wrong_fact"] += 1
            if verdict == "yes" and not right:
                k["false_yes"] += 1
            continue
        if c["items"] or atype == "list":
            gold = [(i["start"], i["end"]) for i in c["items"]] or [tuple(s) for s in c["spans"]]
            tp_p = sum(any(_overlaps((p["start"], p["end"]), g) for g in gold) for p in preds)
            tp_g = sum(any(_overlaps((p["start"], p["end"]), g) for p in preds) for g in gold)
            items_tp += tp_g
            items_tp_pred += tp_p
            items_pred += len(preds)
            items_gold += len(gold)
            prec, rec = tp_p / len(preds), tp_g / max(1, len(gold))
            k["right" if prec >= 0.5 and rec >= 0.5 else "wrong_fact"] += 1
            continue
        best = preds[0]
        if _same(best, c["spans"], c["values"]):
            k["right"] += 1
        elif not _type_ok(best, atype):
            k["wrong_type"] += 1
        else:
            k["wrong_fact"] += 1
    total = Counter()
    for k in counts.values():
        total.update(k)
    out = {"by_answer_type": {t: dict(k) for t, k in sorted(counts.items())}, "total": dict(total)}
    ans = total["answered"]
    out["answerable_right_pct"] = round(100 * total["right"] / max(1, total["answerable"]), 1)
    out["answered_wrong_pct"] = round(100 * (ans - total["right"]) / max(1, ans), 1)
    out["absent_answered_pct"] = round(100 * total["absent_answered"] / max(1, total["absent"]), 1)
    out["list_items"] = {"precision": round(items_tp_pred / items_pred, 3) if items_pred else None,
                         "recall": round(items_tp / max(1, items_gold), 3), "gold": items_gold, "predicted": items_pred}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cells", required=True)
    ap.add_argument("--notes", required=True)
    ap.add_argument("--out", required=True, help="folder for the tables extract writes")
    ap.add_argument("--table", action="append", default=[], help="QUESTIONNAIRE=TABLE.parquet (skip extracting)")
    a = ap.parse_args(argv)
    import pyarrow.parquet as pq

    from clinqa.questionnaire import load_questionnaire

    cells = [json.loads(line) for line in open(a.cells, encoding="utf-8")]
    tables = dict(t.split("=", 1) for t in a.table)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    results = {}
    for qid in sorted({c["questionnaire"] for c in cells}):
        path = tables.get(qid)
        if path is None:
            path = str(out / f"{qid}.parquet")
            subprocess.run([str(Path(sys.executable).with_name("clinqa")), "extract", "-q", qid, "-n", a.notes, "-o", path,
                            "--force", "--json"], check=True, stdout=subprocess.DEVNULL)
        rows = pq.read_table(path).to_pylist()
        q = load_questionnaire(qid)
        types = {(c["note_id"], c["concept_id"]): next(x.answer_type for x in q.concepts if x.id == c["concept_id"])
                 for c in cells if c["questionnaire"] == qid}
        results[qid] = score([c for c in cells if c["questionnaire"] == qid], rows, types)
    json.dump(results, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
