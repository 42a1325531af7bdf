"""`clinqa extract -q discharge-summary` (34 concepts) on the same notes, in one run: the code of
a baseline revision (default 4722193, the main branch when issue 29 was filed: "about 9 s per
note") against the working tree. Each variant runs in fresh processes with its own defaults
(reader, windows, backend); the baseline's code comes from `git archive` into a temporary folder
and runs on this checkout's environment.

    python benchmarks/extract_speed.py [--baseline 4722193] [--notes DIR] [--copies 2] [--repeat 3]

Notes: the dev notes (benchmarks/data/clinical_dev/notes), each `--copies` times with a line
added so every copy is a new text (no cache shares work between copies). Prints one JSON
document: process wall seconds (start-up included), notes/s and the ratio, plus the steady rate
without start-up (wall of N notes minus wall of one note, per note); medians of `--repeat`
rounds that interleave the two variants, and each round's own ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTES = ROOT / "benchmarks" / "data" / "clinical_dev" / "notes"


def corpus(src: Path, dest: Path, copies: int, limit: int | None = None) -> int:
    dest.mkdir(parents=True)
    n = 0
    for k in range(copies):
        for p in sorted(src.glob("*.txt"))[:limit]:
            text = p.read_text(encoding="utf-8")
            (dest / f"{p.stem}_{k}.txt").write_text(text if k == 0 else f"{text}\nCopy {k} of this note.\n",
                                                   encoding="utf-8")
            n += 1
    return n


def baseline_tree(rev: str, dest: Path) -> Path:
    dest.mkdir(parents=True)
    archive = dest / "src.tar"
    subprocess.run(["git", "archive", "--format=tar", "-o", str(archive), rev, "src"], cwd=ROOT, check=True)
    with tarfile.open(archive) as t:
        t.extractall(dest, filter="data")
    return dest / "src"


def extract(src: Path, notes: Path, out: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "clinqa.cli.main", "extract", "-q", "discharge-summary", "-n", str(notes),
                        "-o", str(out), "--force", "--json"], cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if r.returncode != 0:
        sys.exit(f"extract failed under {src}:\n{r.stderr[-3000:]}")
    return wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", default="4722193")
    ap.add_argument("--notes", default=str(NOTES))
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        n = corpus(Path(args.notes), tmp / "notes", args.copies)
        corpus(Path(args.notes), tmp / "one", 1, limit=1)
        variants = {"baseline": baseline_tree(args.baseline, tmp / "base"), "working_tree": ROOT / "src"}
        for name, src in variants.items():  # warm-up: exports, saved tokenizers and vocabularies
            extract(src, tmp / "one", tmp / f"warm_{name}.parquet")
        out: dict = {"notes": n, "baseline_rev": args.baseline, "load_average": os.getloadavg()}
        # rounds interleave the variants, in alternating order: this machine's speed drifts by
        # a third within minutes (a shared host), which back-to-back blocks turn into a ratio
        walls: dict[str, list[float]] = {name: [] for name in variants}
        ones: dict[str, list[float]] = {name: [] for name in variants}
        for r in range(args.repeat):
            for name in (list(variants) if r % 2 == 0 else list(variants)[::-1]):
                walls[name].append(extract(variants[name], tmp / "notes", tmp / f"{name}.parquet"))
                ones[name].append(extract(variants[name], tmp / "one", tmp / f"one_{name}.parquet"))
        for name in variants:
            wall, one = statistics.median(walls[name]), statistics.median(ones[name])
            out[name] = {"wall_s": round(wall, 1), "notes_per_s": round(n / wall, 3),
                         "one_note_wall_s": round(one, 1), "steady_s_per_note": round((wall - one) / (n - 1), 2),
                         "walls_s": [round(x, 1) for x in walls[name]]}
        b, w = out["baseline"], out["working_tree"]
        out["ratio_notes_per_s"] = round(w["notes_per_s"] / b["notes_per_s"], 2)
        out["ratio_steady"] = round(b["steady_s_per_note"] / w["steady_s_per_note"], 2)
        out["ratio_per_round"] = [round(bw / ww, 2) for bw, ww in zip(walls["baseline"], walls["working_tree"])]
        print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
