"""A second question on the same note: `clinqa evidence` in one process, first question on a note
(its sentences encoded) against a second one (only the question encoded), models already loaded.

    python benchmarks/note_cache.py [--note examples/discharge_summary.txt]

Prints one JSON document with both times and their ratio (issue: at most 1/5).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("OMP_NUM_THREADS", "1")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--note", default=str(ROOT / "examples" / "discharge_summary.txt"))
    args = ap.parse_args()
    from clinqa.cli.main import main as clinqa
    from clinqa.retrieval.dense import EMBEDDINGS

    def evidence(question: str) -> float:
        t = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            assert clinqa(["evidence", "--note", args.note, question, "--json"]) == 0
        return time.perf_counter() - t

    evidence("Why was the patient admitted?")  # loads the models; not timed
    EMBEDDINGS.clear()
    first = evidence("What medications was the patient discharged on?")
    second = evidence("Does the patient have diabetes?")
    print(json.dumps({"note": args.note, "first_question_s": round(first, 3), "second_question_s": round(second, 3),
                      "ratio": round(second / first, 3), "cache_hits": EMBEDDINGS.hits}, indent=2))


if __name__ == "__main__":
    main()
