"""bm25s vs rank_bm25 on >= 100k sentences from the shared corpora, in one run.

    .venv/bin/python benchmarks/retrieval.py [--sentences 100000] [--queries 20]

Prints indexing and per-query time for both and their ratios (rank_bm25 / bm25s), with the
same tokens for both (clinqa.retrieval.tokenize). Reads ../shared/data (benchmarks may).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def corpus_sentences(limit: int) -> list[str]:
    from clinqa.data import read_pairs, read_squad

    out: list[str] = []
    seen = set()
    for f in [SHARED / "covid_qa" / "covid_qa.json", *sorted((SHARED / "xquad").glob("xquad.*.json"))]:
        for ex in read_squad(f):
            if ex.note.id in seen:
                continue
            seen.add(ex.note.id)
            out.extend(s for s in re.split(r"(?<=[.!?])\s+", ex.note.text) if s.strip())
    for p in read_pairs(SHARED / "indiana_reports" / "indiana_reports.csv"):
        out.extend(s for s in re.split(r"(?<=[.!?])\s+", p.findings + " " + p.impression) if s.strip())
    base = list(out)
    rng = random.Random(0)
    while len(out) < limit:  # repeat with shuffled words so the corpus reaches the size asked
        words = rng.choice(base).split()
        rng.shuffle(words)
        out.append(" ".join(words))
    return out[:limit]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sentences", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=20)
    args = ap.parse_args()
    import bm25s
    from rank_bm25 import BM25Okapi

    from clinqa.retrieval import tokenize

    docs = corpus_sentences(args.sentences)
    tokens = [tokenize(d) or ["\x00"] for d in docs]
    rng = random.Random(1)
    queries = [[t for t in tokenize(rng.choice(docs))][:6] for _ in range(args.queries)]

    t = time.perf_counter()
    ours = bm25s.BM25(method="robertson")
    ours.index(tokens, show_progress=False)
    idx_bm25s = time.perf_counter() - t
    t = time.perf_counter()
    ref = BM25Okapi(tokens)
    idx_rank = time.perf_counter() - t

    vocab = ours.vocab_dict
    t = time.perf_counter()
    for q in queries:
        ours.get_scores([w for w in q if w in vocab] or ["\x00"])
    q_bm25s = (time.perf_counter() - t) / len(queries)
    t = time.perf_counter()
    for q in queries:
        ref.get_scores(q)
    q_rank = (time.perf_counter() - t) / len(queries)

    print(json.dumps({
        "sentences": len(docs), "queries": len(queries),
        "index_s": {"bm25s": round(idx_bm25s, 3), "rank_bm25": round(idx_rank, 3)},
        "query_ms": {"bm25s": round(q_bm25s * 1000, 3), "rank_bm25": round(q_rank * 1000, 1)},
        "ratio_rank_bm25_over_bm25s": {"index": round(idx_rank / idx_bm25s, 2), "query": round(q_rank / q_bm25s, 1)},
    }, indent=2))


if __name__ == "__main__":
    main()
