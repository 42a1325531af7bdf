"""A second full question on a cached note: `POST /v1/answer` (reader, answer policy and
evidence) in one server process with its models loaded, first question on a note against a
second question on the same note (its sentences, sections, BM25/TF-IDF indexes and sentence
embeddings come from the note cache, retrieval/cache.py). Each round uses a fresh copy of the
note (a number appended), so every "first" really is a first.

    python benchmarks/ask_cached.py [--note examples/discharge_summary.txt] [--rounds 3]

Then the same rounds with both caches sized 0 (what every question paid before the note cache),
in the same process. Prints one JSON document: medians of both times and their ratio (issue 29:
at most 1/5) for each.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

FIRST = "What medications was the patient discharged on?"
SECOND = ["Does the patient have diabetes?", "What was the potassium level?", "Why was the patient admitted?"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--note", default=str(ROOT / "examples" / "discharge_summary.txt"))
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    from fastapi.testclient import TestClient

    from clinqa.retrieval.cache import NOTES
    from clinqa.retrieval.dense import EMBEDDINGS
    from clinqa.serve.app import Settings, create_app

    text = Path(args.note).read_text(encoding="utf-8")
    out = {"note": args.note, "chars": len(text), "rounds": args.rounds}
    with TestClient(create_app(Settings(summarize_model=None))) as client:
        def ask(note: str, question: str) -> float:
            t = time.perf_counter()
            r = client.post("/v1/answer", json={"note": note, "question": question})
            assert r.status_code == 200, r.text
            return time.perf_counter() - t

        ask(text + "\n0", "Why was the patient admitted?")  # warm-up: lexicons, first-call costs
        sizes = (NOTES.max_bytes, EMBEDDINGS.max_bytes)
        for label, cached in (("note_cache", True), ("no_cache", False)):
            NOTES.max_bytes, EMBEDDINGS.max_bytes = sizes if cached else (0, 0)
            NOTES.clear()
            EMBEDDINGS.clear()
            firsts, seconds = [], []
            for i in range(1, args.rounds + 1):
                note = f"{text}\n{label}{i}"  # not cached yet
                firsts.append(ask(note, FIRST))
                seconds.append(ask(note, SECOND[(i - 1) % len(SECOND)]))
            first, second = statistics.median(firsts), statistics.median(seconds)
            out[label] = {"first_question_s": round(first, 3), "second_question_s": round(second, 3),
                          "ratio": round(second / first, 3), "firsts": [round(x, 3) for x in firsts],
                          "seconds": [round(x, 3) for x in seconds]}
    print(json.dumps(out, indent=2))

if __name__ == "__main__":
    main()
