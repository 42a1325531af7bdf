"""Extraction scaling on this machine, in one run:

1. notes/s with the Ray engine at 1 and 2 workers on the same synthetic corpus (ratio);
2. peak resident memory of `clinqa extract` (local engine) for 1k and 10k synthetic notes:
   flat memory means the corpus streams.

    .venv/bin/python benchmarks/extract_scaling.py [--model clinqa-qa-minilm] [--notes 1000 10000]

Each run is a fresh `clinqa extract` process; peak memory is its ru_maxrss.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ("HOSPITAL COURSE: The patient was admitted with chest pain and shortness of breath. "
            "Potassium {k}.{d} on admission. DISCHARGE MEDICATIONS: metoprolol {mg} mg by mouth twice daily.")
QUESTIONNAIRE = """id: bench
concepts:
  - id: meds
    questions: ["What medications was the patient discharged on?"]
    code: drug
  - id: potassium
    questions: ["What was the potassium?"]
    answer_type: number
  - id: chest_pain
    questions: ["Did the patient have chest pain?"]
    answer_type: yes_no
"""


def corpus(path: Path, n: int) -> Path:
    with path.open("w") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"n{i:06d}", "text": TEMPLATE.format(k=3 + i % 2, d=i % 10, mg=25 * (1 + i % 4))}))
            f.write("\n")
    return path


def run(args: list[str]) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one `clinqa extract` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "clinqa.cli.main", "extract", *args, "--json"], capture_output=True,
                       text=True, cwd=ROOT, env={**os.environ, "RAY_DISABLE_USAGE_STATS": "1"})
    if r.returncode != 0:
        sys.exit(r.stderr[-2000:])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return time.perf_counter() - t, max(peak, before) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="clinqa-qa-minilm")
    ap.add_argument("--scaling-notes", type=int, default=200)
    ap.add_argument("--notes", type=int, nargs="+", default=[1000, 10000])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        q = tmp / "q.yaml"
        q.write_text(QUESTIONNAIRE)
        small = corpus(tmp / "small.jsonl", args.scaling_notes)
        rates = {}
        for w in (1, 2):
            secs, _ = run(["-q", str(q), "-n", str(small), "-o", str(tmp / f"ray{w}.parquet"), "--model", args.model,
                           "--engine", "ray", "--workers", str(w)])
            rates[w] = args.scaling_notes / secs
        print(f"ray engine, {args.scaling_notes} notes x 3 concepts (process wall time, start-up included)")
        for w, r in rates.items():
            print(f"  {w} worker(s): {r:7.2f} notes/s   ratio {r / rates[1]:.2f}x")
        # ru_maxrss of children is a high-water mark over all children so far: measure each size
        # in its own interpreter so the numbers do not mix
        print("local engine, peak memory by corpus size")
        for n in args.notes:
            c = corpus(tmp / f"c{n}.jsonl", n)
            code = (f"import resource, subprocess, sys; subprocess.run([sys.executable, '-m', 'clinqa.cli.main', "
                    f"'extract', '-q', {str(q)!r}, '-n', {str(c)!r}, '-o', {str(tmp / f'l{n}.parquet')!r}, "
                    f"'--model', {args.model!r}, '--json'], check=True, capture_output=True); "
                    f"print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
            t = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
            secs = time.perf_counter() - t
            print(f"  {n:6d} notes: peak RSS {int(out.stdout.strip()) / 1024:7.0f} MB, {n / secs:7.2f} notes/s")


if __name__ == "__main__":
    main()
