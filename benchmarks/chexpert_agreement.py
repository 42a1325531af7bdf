"""How far to trust the rule-based CheXpert labeler (clinqa.text.chexpert) behind the finding
F1 and safety rates of `clinqa eval summarize`.

1. Hand labels: `tests/fixtures/chexpert_hand_labels.jsonl` holds 50 Indiana reports (random, seed 14,
   among reports with findings and impression) labelled by reading findings + impression:
   per observation positive / negative / uncertain / blank. The labeler reads the same text
   (findings, then impression) and its per-observation status is compared: exact agreement of
   the four-way status, and F1 of "positive" (what the finding F1 scores). Rules were fixed
   after reading this sample's disagreements, so it is a development set;
   `chexpert_hand_labels_fresh.jsonl` (20 reports, seed 15, among reports whose MeSH terms are not
   "normal", so positives are common) was labelled afterwards and never used to change a rule.
2. MeSH/Problems: the Indiana curators' MeSH terms of every report with findings or impression,
   mapped to the observations they name (e.g. "Opacity", "Infiltrate", "Cicatrix" -> Lung
   Opacity; "normal" -> No Finding), against the labeler's positive-or-uncertain labels. The
   curators index uncertain findings too and some terms map loosely, so this is a second check.

    PYTHONPATH=src python benchmarks/chexpert_agreement.py [--csv ../shared/data/indiana_reports/indiana_reports.csv] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clinqa.text.chexpert import OBSERVATIONS, PATHOLOGIES, label_text  # noqa: E402

DEFAULT_CSV = ROOT.parent / "shared" / "data" / "indiana_reports" / "indiana_reports.csv"
HAND = ROOT / "tests" / "fixtures" / "chexpert_hand_labels.jsonl"
FRESH = ROOT / "tests" / "fixtures" / "chexpert_hand_labels_fresh.jsonl"

# MeSH heading (before the first "/") -> observation; qualifiers decide the ambiguous ones below
MESH = {
    "normal": "No Finding", "Cardiomegaly": "Cardiomegaly", "Opacity": "Lung Opacity", "Airspace Disease": "Lung Opacity",
    "Infiltrate": "Lung Opacity", "Cicatrix": "Lung Opacity", "Pulmonary Fibrosis": "Lung Opacity",
    "Lung Diseases, Interstitial": "Lung Opacity", "Pulmonary Atelectasis": "Atelectasis", "Volume Loss": "Atelectasis",
    "Pleural Effusion": "Pleural Effusion", "Hydropneumothorax": "Pneumothorax", "Pneumothorax": "Pneumothorax",
    "Pulmonary Edema": "Edema", "Pulmonary Congestion": "Edema", "Heart Failure": "Edema", "Pneumonia": "Pneumonia",
    "Consolidation": "Consolidation", "Nodule": "Lung Lesion", "Mass": "Lung Lesion", "Cavitation": "Lung Lesion",
    "Lung Neoplasms": "Lung Lesion", "Fractures, Bone": "Fracture", "Catheters, Indwelling": "Support Devices",
    "Implanted Medical Device": "Support Devices", "Medical Device": "Support Devices",
    "Tube, Inserted": "Support Devices", "Stents": "Support Devices",
}


def mesh_observations(mesh: str) -> set[str]:
    out = set()
    for term in mesh.split(";"):
        head, *quals = [x.strip() for x in term.split("/")]
        q = " ".join(quals).lower()
        if head in MESH:
            out.add(MESH[head])
        elif head in ("Cardiac Shadow", "Heart") and "enlarged" in q:
            out.add("Cardiomegaly")
        elif head == "Mediastinum" and ("enlarged" in q or "widen" in q):
            out.add("Enlarged Cardiomediastinum")
        elif head == "Thickening" and "pleura" in q:
            out.add("Pleural Other")
        elif head == "Costophrenic Angle" and "blunted" in q:
            out.add("Pleural Effusion")
    if "Hydropneumothorax" in mesh:
        out.add("Pleural Effusion")
    return out


def report_text(row: dict) -> str:
    return f"{(row.get('findings') or '').strip()}\n{(row.get('impression') or '').strip()}".strip()


def f1(tp: int, fp: int, fn: int) -> float:
    return 200 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")


def hand_agreement(rows: dict[str, dict], path: Path = HAND) -> dict:
    hand = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    per = {o: {"agree": 0, "n": 0, "tp": 0, "fp": 0, "fn": 0} for o in OBSERVATIONS}
    disagreements = []
    for h in hand:
        auto = label_text(report_text(rows[h["uid"]])).labels
        for o in OBSERVATIONS:
            g, a = h["labels"].get(o, "blank"), auto.get(o, "blank")
            c = per[o]
            c["n"] += 1
            c["agree"] += g == a
            c["tp"] += g == "positive" and a == "positive"
            c["fp"] += g != "positive" and a == "positive"
            c["fn"] += g == "positive" and a != "positive"
            if g != a:
                disagreements.append({"uid": h["uid"], "observation": o, "hand": g, "labeler": a})
    tot = {k: sum(c[k] for c in per.values()) for k in ("agree", "n", "tp", "fp", "fn")}
    # agreement where either side mentions the observation: blanks on both sides are easy
    both_blank = sum(1 for h in hand for o in OBSERVATIONS if o not in h["labels"]) - sum(
        1 for d in disagreements if d["hand"] == "blank")
    return {
        "reports": len(hand),
        "overall": {"exact_agreement": 100 * tot["agree"] / tot["n"],
                    "exact_agreement_mentioned": 100 * (tot["agree"] - both_blank) / (tot["n"] - both_blank),
                    "positive_f1": f1(tot["tp"], tot["fp"], tot["fn"])},
        "per_observation": {o: {"exact_agreement": 100 * c["agree"] / c["n"], "positive_f1": f1(c["tp"], c["fp"], c["fn"]),
                                "hand_positive": c["tp"] + c["fn"]} for o, c in per.items()},
        "disagreements": disagreements,
    }


def mesh_agreement(rows: list[dict]) -> dict:
    per = {o: {"tp": 0, "fp": 0, "fn": 0} for o in OBSERVATIONS}
    n = 0
    for r in rows:
        text = report_text(r)
        if not text or not (r.get("MeSH") or "").strip() or r["MeSH"].strip() == "No Indexing":
            continue
        n += 1
        gold = mesh_observations(r["MeSH"])
        lab = label_text(text)
        auto = lab.positive(uncertain=True)
        for o in OBSERVATIONS:
            c = per[o]
            c["tp"] += o in gold and o in auto
            c["fp"] += o not in gold and o in auto
            c["fn"] += o in gold and o not in auto
    tot = {k: sum(c[k] for c in per.values()) for k in ("tp", "fp", "fn")}
    out = {"reports": n, "micro_f1": f1(**tot), "per_observation": {}}
    for o, c in per.items():
        p = 100 * c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else float("nan")
        rcl = 100 * c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else float("nan")
        out["per_observation"][o] = {"precision": p, "recall": rcl, "f1": f1(**c), "mesh_positive": c["tp"] + c["fn"]}
    out["macro_f1_pathologies"] = sum(out["per_observation"][o]["f1"] for o in PATHOLOGIES
                                      if out["per_observation"][o]["mesh_positive"]) / sum(
        1 for o in PATHOLOGIES if out["per_observation"][o]["mesh_positive"])
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", default=str(DEFAULT_CSV))
    ap.add_argument("--no-mesh", action="store_true", help="only the hand labels (fast)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with open(args.csv, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    t = time.perf_counter()
    by_uid = {r["uid"]: r for r in rows}
    result = {"hand": hand_agreement(by_uid), "hand_fresh": hand_agreement(by_uid, FRESH)}
    if not args.no_mesh:
        result["mesh"] = mesh_agreement(rows)
    result["seconds"] = time.perf_counter() - t
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    h = result["hand"]
    print(f"hand labels ({h['reports']} reports): exact {h['overall']['exact_agreement']:.1f}%  "
          f"(where mentioned {h['overall']['exact_agreement_mentioned']:.1f}%)  positive F1 {h['overall']['positive_f1']:.1f}")
    print(f"{'observation':28s} {'exact%':>7s} {'posF1':>6s} {'n+':>4s}" + (
        f"   {'MeSH P':>7s} {'R':>6s} {'F1':>6s} {'n+':>5s}" if "mesh" in result else ""))
    for o in OBSERVATIONS:
        a = h["per_observation"][o]
        line = f"{o:28s} {a['exact_agreement']:7.1f} {a['positive_f1']:6.1f} {a['hand_positive']:4d}"
        if "mesh" in result:
            m = result["mesh"]["per_observation"][o]
            line += f"   {m['precision']:7.1f} {m['recall']:6.1f} {m['f1']:6.1f} {m['mesh_positive']:5d}"
        print(line)
    if "mesh" in result:
        print(f"MeSH ({result['mesh']['reports']} reports): micro F1 {result['mesh']['micro_f1']:.1f}, "
              f"macro F1 over pathologies {result['mesh']['macro_f1_pathologies']:.1f}")
    f = result["hand_fresh"]
    print(f"fresh hand labels ({f['reports']} abnormal-leaning reports, never used to tune): exact "
          f"{f['overall']['exact_agreement']:.1f}%  (where mentioned {f['overall']['exact_agreement_mentioned']:.1f}%)  "
          f"positive F1 {f['overall']['positive_f1']:.1f}")
    for name in ("hand", "hand_fresh"):
        for d in result[name]["disagreements"]:
            print(f"  {name:10s} {d['uid']:>5s} {d['observation']:26s} hand={d['hand']:9s} labeler={d['labeler']}")
    print(f"{result['seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
