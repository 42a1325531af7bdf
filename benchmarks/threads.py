"""torch intra-op threads on a busy machine: sequential `reader.answer()` calls with 1 thread,
with torch's own default, and with clinqa's setting (CLINQA_THREADS, else the cores this
process may use), each in a fresh process while a second process keeps one core busy.

    .venv/bin/python benchmarks/threads.py [--calls 20] [--no-busy]

OpenMP threads that outnumber the free cores spin-wait on each other: the slowdown is large
on a loaded machine and small on an idle one, so the table says which it measured.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WORKER = r'''
import json, sys, time
mode, calls = sys.argv[1], int(sys.argv[2])
import torch
default = torch.get_num_threads()
from clinqa.runtime import configure_threads
if mode == "1":
    configure_threads(1)
elif mode == "clinqa":
    configure_threads()
else:  # torch's own default: keep it (the reader's automatic setting is skipped)
    import clinqa.runtime as rt
    rt._configured = default
from clinqa.qa.reader import ExtractiveReader
from clinqa.types import Note
reader = ExtractiveReader.load(window_top_n=None, max_length=384, stride=128)  # every 384-token window, as measured
note = Note("n", open(sys.argv[3], encoding="utf-8").read())
reader.answer(note, "What medications was the patient discharged on?")  # warm-up
t = time.perf_counter()
for i in range(calls):
    reader.answer(note, ["What medications was the patient discharged on?", "What did the chest x-ray show?"][i % 2])
print(json.dumps({"seconds": time.perf_counter() - t, "threads": torch.get_num_threads(), "torch_default": default}))
'''

BURNER = "import time\nend = time.time() + {s}\nx = 0\nwhile time.time() < end:\n    x += 1\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=20)
    ap.add_argument("--no-busy", action="store_true", help="measure on the machine as it is, without the busy process")
    args = ap.parse_args()
    from clinqa.runtime import available_cores

    note = ROOT / "examples" / "discharge_summary.txt"
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "CLINQA_THREADS")}
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    rows = []
    for mode in ("torch-default", "1", "clinqa"):
        burner = None if args.no_busy else subprocess.Popen([sys.executable, "-c", BURNER.format(s=600)])
        try:
            out = subprocess.run([sys.executable, "-c", WORKER, mode, str(args.calls), str(note)], env=env,
                                 capture_output=True, text=True, timeout=1200)
        finally:
            if burner is not None:
                burner.kill()
                burner.wait()
        if out.returncode != 0:
            sys.exit(f"{mode} failed:\n{out.stderr[-2000:]}")
        rows.append((mode, json.loads(out.stdout.strip().splitlines()[-1])))
    load = "with one busy process beside it" if not args.no_busy else "machine as it was"
    print(f"{args.calls} sequential reader.answer() calls, {available_cores()} available cores, {load}; "
          f"1-min load average {os.getloadavg()[0]:.1f}")
    base = rows[0][1]["seconds"]
    print(f"{'threads':>22s} {'seconds':>8s} {'vs default':>10s}")
    for mode, r in rows:
        print(f"{mode + ' (' + str(r['threads']) + ')':>22s} {r['seconds']:8.2f} {base / r['seconds']:9.2f}x")


if __name__ == "__main__":
    main()
