"""Same answers before and after a refactoring: run the product's outputs into a folder, then
diff two such folders file by file.

    # outputs of the sources under SRC (default: this checkout's src/) into OUT
    python benchmarks/same_answers.py run OUT [--src SRC] [--quick]
    # what differs between two runs (exit 1 when anything does)
    python benchmarks/same_answers.py diff BEFORE AFTER

What it runs (each through the `clinqa` CLI, in a subprocess with PYTHONPATH=SRC, so a
checkout of an older commit can be run beside this one):
- `eval qa` predictions on the clinical dev set and on COVID-QA `#heldout` (default reader);
- `extract` of both shipped questionnaires over the clinical dev notes and the example notes;
- `summarize` of the example radiology report and a findings text, `generate` on the example
  discharge summary (three questions).

Volatile fields (timings, paths, versions) are dropped before writing, so that equal answers
give byte-equal files. `--quick` skips COVID-QA (the slow part: long articles).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
VOLATILE = {"seconds", "elapsed", "elapsed_s", "time", "files", "calibration_file", "notes_per_second",
            "questions_per_second", "wall_s", "started", "finished", "version", "clinqa_version", "out"}
GENERATE_QUESTIONS = ("Why was the patient admitted?", "What medications was the patient discharged on?",
                      "What should the patient do after discharge?")


def _strip(obj):
    if isinstance(obj, dict):
        return {k: _strip(v) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [_strip(v) for v in obj]
    if isinstance(obj, float):
        return round(obj, 5)
    return obj


def _clinqa(src: Path, args: list[str], log) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(src), OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "1"))
    cmd = [sys.executable, "-c", "from clinqa.cli.main import run; run()", *args]
    t = time.time()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
    print(f"  {time.time() - t:6.1f}s rc={p.returncode} clinqa {' '.join(args)}", file=log, flush=True)
    if p.returncode != 0:
        raise SystemExit(f"clinqa {' '.join(args)} failed ({p.returncode}):\n{p.stderr[-3000:]}")
    return p


def _write_json(path: Path, obj) -> None:
    path.write_text(json.dumps(_strip(obj), indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def _parquet_to_jsonl(parquet: Path, out: Path) -> None:
    import pandas as pd

    df = pd.read_parquet(parquet)
    df = df.drop(columns=[c for c in df.columns if c in VOLATILE], errors="ignore")
    rows = sorted(json.loads(df.to_json(orient="records", force_ascii=False)),
                  key=lambda r: (str(r.get("note_id")), str(r.get("concept_id")), str(r.get("item", ""))))
    out.write_text("".join(json.dumps(_strip(r), sort_keys=True, ensure_ascii=False) + "\n" for r in rows),
                   encoding="utf-8")


def run(out: Path, src: Path, quick: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    work = out / "_work"
    work.mkdir(exist_ok=True)
    log = sys.stderr
    evals = {"eval-clinical-dev": str(ROOT / "benchmarks/data/clinical_dev/clinical_dev.json")}
    if not quick:
        evals["eval-covid-heldout"] = str(SHARED / "covid_qa/covid_qa.json") + "#heldout"
    for name, data in evals.items():
        folder = work / name
        p = _clinqa(src, ["eval", "qa", "--data", data, "--out", str(folder), "--json"], log)
        _write_json(out / f"{name}.metrics.json", json.loads(p.stdout))
        recs = [json.loads(line) for line in (folder / "predictions.jsonl").read_text(encoding="utf-8").splitlines()]
        (out / f"{name}.predictions.jsonl").write_text(
            "".join(json.dumps(_strip(r), sort_keys=True, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    corpora = {"dev": ROOT / "benchmarks/data/clinical_dev/notes", "examples": work / "example-notes"}
    corpora["examples"].mkdir(exist_ok=True)
    for f in sorted((ROOT / "examples").glob("*.txt")):
        (corpora["examples"] / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    for q in ("discharge-summary", "radiology-report"):
        for cname, corpus in corpora.items():
            table = work / f"extract-{q}-{cname}.parquet"
            for old in work.glob(table.name + "*"):  # a fresh run each time, never a resumed one
                shutil.rmtree(old) if old.is_dir() else old.unlink()
            _clinqa(src, ["extract", "-q", q, "-n", str(corpus), "-o", str(table), "--json"], log)
            _parquet_to_jsonl(table, out / f"extract-{q}-{cname}.jsonl")
    p = _clinqa(src, ["summarize", "--file", str(ROOT / "examples/radiology_report.txt"), "--json"], log)
    _write_json(out / "summarize-radiology_report.json", json.loads(p.stdout))
    p = _clinqa(src, ["summarize", "--findings", "The heart is mildly enlarged. Small left pleural effusion. "
                      "No pneumothorax. Mild blunting of the right costophrenic angle.", "--json"], log)
    _write_json(out / "summarize-findings.json", json.loads(p.stdout))
    for i, q in enumerate(GENERATE_QUESTIONS):
        p = _clinqa(src, ["generate", "--note", str(ROOT / "examples/discharge_summary.txt"), "--question", q,
                          "--json"], log)
        _write_json(out / f"generate-{i}.json", json.loads(p.stdout))


def diff(a: Path, b: Path) -> int:
    import difflib

    names = sorted({p.name for p in a.glob("*") if p.is_file()} | {p.name for p in b.glob("*") if p.is_file()})
    differing = 0
    for name in names:
        fa, fb = a / name, b / name
        if not fa.exists() or not fb.exists():
            print(f"{name}: only in {'after' if not fa.exists() else 'before'}")
            differing += 1
            continue
        la = fa.read_text(encoding="utf-8").splitlines()
        lb = fb.read_text(encoding="utf-8").splitlines()
        if la == lb:
            print(f"{name}: same ({len(la)} lines)")
            continue
        differing += 1
        d = list(difflib.unified_diff(la, lb, str(fa), str(fb), lineterm="", n=0))
        print(f"{name}: DIFFERS ({sum(1 for x in d if x.startswith('+') and not x.startswith('+++'))} lines)")
        print("\n".join(d[:60]))
    print(f"{len(names) - differing} of {len(names)} files the same")
    return 1 if differing else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("out", type=Path)
    r.add_argument("--src", type=Path, default=ROOT / "src")
    r.add_argument("--quick", action="store_true")
    d = sub.add_parser("diff")
    d.add_argument("before", type=Path)
    d.add_argument("after", type=Path)
    args = ap.parse_args()
    if args.cmd == "run":
        run(args.out, args.src.resolve(), args.quick)
    else:
        raise SystemExit(diff(args.before, args.after))


if __name__ == "__main__":
    main()
