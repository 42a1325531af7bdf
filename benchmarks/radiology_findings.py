"""Radiology impressions beyond ROUGE: finding recall, normal-for-abnormal, invented numbers and
side / severity flips (judged by benchmarks/radiology_judges.py, not by the summarizer's own
check) beside ROUGE-1/2/L, for
- extractive: no model, the positive findings' sentences (clinqa.summarize.fidelity.extractive_impression);
- adapter: clinqa-sum-smollm2 alone (greedy, consistency off);
- adapter + check: the same drafts through the summarizer's checks (CheXpert + fidelity; no generation);
on Indiana `#heldout` and on the second to fifteenth authors' held-out sets.

    .venv/bin/python benchmarks/radiology_findings.py [--limit N] [--no-adapter]

The adapter's drafts are cached under runs/radiology-findings/ (one JSONL per set, keyed by
report id and findings), so a rerun only applies the checks.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("OMP_NUM_THREADS", "1")

import radiology_judges as J

INDIANA = "../shared/data/indiana_reports/indiana_reports.csv#heldout"
# The held-out authors' sets, in the order they were written (each written by a helper that never
# read the code), and the commit each was first run on; every later run is not blind.
AUTHORS = (
    ("second", "benchmarks/data/radiology_heldout/reports.jsonl", "an earlier session"),
    ("third", "benchmarks/data/radiology_heldout2/reports.jsonl", "an earlier session"),
    ("fourth", "benchmarks/data/radiology_heldout3/reports.jsonl", "08dd574"),
    ("fifth", "benchmarks/data/radiology_heldout4/reports.jsonl", "ecb93c2"),
    ("sixth", "benchmarks/data/radiology_heldout5/reports.jsonl", "ebd1c4c"),
    ("seventh", "benchmarks/data/radiology_heldout6/reports.jsonl", "de609d8"),
    ("eighth", "benchmarks/data/radiology_heldout7/reports.jsonl", "7717ead"),
    ("ninth", "benchmarks/data/radiology_heldout8/reports.jsonl", "11fc1fd"),
    ("tenth", "benchmarks/data/radiology_heldout9/reports.jsonl", "09c4cc5"),
    ("eleventh", "benchmarks/data/radiology_heldout10/reports.jsonl", "fd78543"),
    ("twelfth", "benchmarks/data/radiology_heldout11/reports.jsonl", "849706d"),
    ("thirteenth", "benchmarks/data/radiology_heldout12/reports.jsonl", "6fe4a85"),
    ("fourteenth", "benchmarks/data/radiology_heldout13/reports.jsonl", "a841013"),
    ("fifteenth", "benchmarks/data/radiology_heldout14/reports.jsonl", "a2e66e3"),
    ("sixteenth", "benchmarks/data/radiology_heldout15/reports.jsonl", "c4f8fa5"),
    ("seventeenth", "benchmarks/data/radiology_heldout16/reports.jsonl", "4e1119a"),
    ("eighteenth", "benchmarks/data/radiology_heldout17/reports.jsonl", "7108dc7"),
    ("nineteenth", "benchmarks/data/radiology_heldout18/reports.jsonl", "df74d5c"),
    ("twentieth", "benchmarks/data/radiology_heldout19/reports.jsonl", "3fbf0ad"),
)
CACHE = Path("runs/radiology-findings")


def drafts(name: str, rows: list[dict], model: str | None) -> list[str] | None:
    """The adapter's own impressions (consistency off), cached by id + findings."""
    path = CACHE / f"drafts-{name}.jsonl"
    have = {}
    if path.exists():
        for line in path.open(encoding="utf-8"):
            r = json.loads(line)
            have[(r["id"], r["findings"])] = r["draft"]
    todo = [r for r in rows if (r["id"], r["findings"]) not in have]
    if todo and model is None:
        return None
    if todo:
        from clinqa.summarize import Summarizer, SummarizerConfig
        from clinqa.types import SummaryPair

        s = Summarizer(SummarizerConfig(model=model, consistency="off"))
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            for i in range(0, len(todo), 16):
                batch = todo[i:i + 16]
                for r, out in zip(batch, s.summarize_many([SummaryPair(r["id"], r["findings"]) for r in batch])):
                    have[(r["id"], r["findings"])] = out.text
                    f.write(json.dumps({"id": r["id"], "model": model, "findings": r["findings"], "draft": out.text},
                                       ensure_ascii=False) + "\n")
                f.flush()
    return [have[(r["id"], r["findings"])] for r in rows]


def systems(name: str, rows: list[dict], model: str | None) -> dict[str, list[str]]:
    from clinqa.summarize import Summarizer, SummarizerConfig
    from clinqa.summarize.fidelity import extractive_impression
    from clinqa.summarize.findings import detect_modality, read_findings
    from clinqa.types import SummaryPair

    out = {"extractive": []}
    for r in rows:
        mod = detect_modality((r.get("header") or "") + " " + r["findings"])
        out["extractive"].append("\n".join(extractive_impression(read_findings(r["findings"], modality=mod))))
    d = drafts(name, rows, model)
    if d is not None:
        out["adapter"] = d
        checker = Summarizer(SummarizerConfig(consistency="extractive"))  # cheap: check() loads no weights
        out["adapter + check"] = [s.text for s in checker.check([SummaryPair(r["id"], r["findings"]) for r in rows], d)]
    return out


def score(rows: list[dict], preds: list[str], keyed: bool) -> dict[str, float]:
    from clinqa.evaluate.rouge_bleu import rouge

    v = [J.judge_keyed(r, p) if keyed else J.judge_indiana(r["findings"], r["impression"], p)
         for r, p in zip(rows, preds)]
    n, ab = len(v), [x for x in v if x["abnormal"]]
    keys = sum(x["keys"] for x in v)
    m = {"reports": n, "abnormal": len(ab),
         "recall": 100 * sum(x["recalled"] for x in v) / keys if keys else 0.0,
         "normal_for_abnormal": 100 * sum(x["normal_for_abnormal"] for x in ab) / len(ab) if ab else 0.0,
         "normal_for_abnormal_n": sum(x["normal_for_abnormal"] for x in ab),
         "invented_number": sum(x["invented_number"] for x in v), "side_flip": sum(x["side_flip"] for x in v),
         "severity_flip": sum(x["severity_flip"] for x in v)}
    refs = [r.get("impression") or "" for r in rows]
    m.update({k: v for k, v in rouge(preds, refs).items() if k in ("rouge1", "rouge2", "rougeL")})
    return m


def show(rows: list[dict], preds: dict[str, list[str]], system: str, keyed: bool) -> None:
    for i, r in enumerate(rows):
        p = preds[system][i]
        v = J.judge_keyed(r, p) if keyed else J.judge_indiana(r["findings"], r["impression"], p)
        bad = [k for k in ("normal_for_abnormal", "invented_number", "side_flip", "severity_flip") if v[k]]
        if bad:
            print(f"---- {r['id']} {bad}\nF: {r['findings']}\nR: {r.get('impression')}\n"
                  + "".join(f"{s}: {preds[s][i]!r}\n" for s in preds))


def table(title: str, results: dict[str, dict]) -> str:
    head = ("| system | reports (abnormal) | finding recall % | normal-for-abnormal % (n) | invented numbers | "
            "side flips | severity flips | ROUGE-1 | ROUGE-2 | ROUGE-L |")
    lines = [f"**{title}**", "", head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for s, m in results.items():
        lines.append(f"| {s} | {m['reports']} ({m['abnormal']}) | {m['recall']:.1f} | {m['normal_for_abnormal']:.1f} "
                     f"({m['normal_for_abnormal_n']}) | {m['invented_number']} | {m['side_flip']} | "
                     f"{m['severity_flip']} | {m['rouge1']:.2f} | {m['rouge2']:.2f} | {m['rougeL']:.2f} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--indiana", default=INDIANA)
    for name, path, first in AUTHORS:
        ap.add_argument(f"--{name}", default=path, help=f"the {name} author's set (first run at {first})")
    ap.add_argument("--model", default="clinqa-sum-smollm2")
    ap.add_argument("--no-adapter", action="store_true", help="extractive only (and cached drafts are ignored)")
    ap.add_argument("--limit", type=int, default=None, help="first N reports of each set")
    ap.add_argument("--json", default=None, help="also write the metrics here")
    ap.add_argument("--show", default=None, help="print the reports a judge flags for this system")
    ap.add_argument("--dump", default=None,
                    help="write every report's impressions (one JSON line per report and set) here, for a reviewer")
    ap.add_argument("--whole-phrases", action="store_true",
                    help="the stricter judge: a key finding is named only by its head or a synonym written whole")
    a = ap.parse_args(argv)
    J.WHOLE_PHRASES = a.whole_phrases
    from clinqa.data.radiology import read_pairs_spec

    model = None if a.no_adapter else a.model
    sets = {}
    ind = [{"id": p.id, "findings": p.findings, "impression": p.impression or ""}
           for p in read_pairs_spec(a.indiana)][:a.limit]
    part = a.indiana.rpartition("#")[2] if "#" in a.indiana else "all"
    sets[f"indiana-{part}"] = (f"Indiana #{part} ({len(ind)} chest X-ray reports)", ind, False)
    for name, _, _ in AUTHORS:
        key, path, who = f"{name}-author", getattr(a, name), name.capitalize()
        if not Path(path).exists():
            print(f"{path} not found: the {who.lower()} author's set is left out", file=sys.stderr)
            continue
        sec = [json.loads(line) for line in Path(path).open(encoding="utf-8") if line.strip()][:a.limit]
        mods = sorted({r.get("modality", "?") for r in sec})
        sets[key] = (f"{who} author's held-out set ({len(sec)} reports: {', '.join(mods)})", sec, True)
    everything = {}
    dump = Path(a.dump).open("w", encoding="utf-8") if a.dump else None
    for name, (title, rows, keyed) in sets.items():
        t = time.time()
        preds = systems(name, rows, model)
        results = {s: score(rows, p, keyed) for s, p in preds.items()}
        if a.show in preds:
            show(rows, preds, a.show, keyed)
        for i, r in enumerate(rows if dump else ()):
            dump.write(json.dumps({"set": name, "id": r["id"], "findings": r["findings"],
                                   "reference": r.get("impression") or "",
                                   "impressions": {s: p[i] for s, p in preds.items()}}, ensure_ascii=False) + "\n")
        everything[name] = results
        print(table(title, results))
        print(f"\n({time.time() - t:.0f} s)\n")
    if a.json:
        Path(a.json).write_text(json.dumps(everything, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
