"""`clinqa ask` start-up paid once: N questions in one call against one question, cold processes
(each a fresh `clinqa ask` subprocess, as a user runs it), on a note of the examples.

    python benchmarks/ask_many.py [--note examples/discharge_summary.txt] [--questions 20] [--repeat 2]

Prints one JSON document: seconds per call (best of --repeat), the ratio N-questions / 1-question,
and N x the 1-question time (what the user paid before, one call per question).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = [
    "What medications was the patient discharged on?", "Why was the patient admitted?", "What was the potassium?",
    "Does the patient have diabetes?", "Does the patient have chest pain?", "What was the creatinine?",
    "What antibiotics was the patient treated with?", "Was metformin held?", "What did the CT show?",
    "What is the discharge diagnosis?", "What allergies does the patient have?", "What was the white count?",
    "Does the patient smoke?", "What was the oxygen saturation?", "What follow-up was arranged?",
    "What was the glucose?", "Does the patient have hypertension?", "What was the heart rate?",
    "What was the discharge condition?", "Was the patient on prednisone?",
]


def _clinqa() -> list[str]:
    exe = Path(sys.executable).with_name("clinqa")
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from clinqa.cli.main import run; run()"]


def _time(args: list[str], repeat: int) -> float:
    best = float("inf")
    env = dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "1"))
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run([*_clinqa(), *args], check=True, capture_output=True, env=env, cwd=ROOT)
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--note", default=str(ROOT / "examples" / "discharge_summary.txt"))
    ap.add_argument("--questions", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    qs = (QUESTIONS * (args.questions // len(QUESTIONS) + 1))[: args.questions]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("\n".join(qs) + "\n")
    one = _time(["ask", qs[0], "--note", args.note, "--json"], args.repeat)
    many = _time(["ask", "--note", args.note, "--questions", f.name, "--json"], args.repeat)
    os.unlink(f.name)
    print(json.dumps({"note": args.note, "one_question_s": round(one, 2), f"{len(qs)}_questions_s": round(many, 2),
                      "ratio": round(many / one, 2), "one_call_per_question_s": round(one * len(qs), 2)}, indent=2))


if __name__ == "__main__":
    main()
