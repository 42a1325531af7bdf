"""Sentences per second for the sentence encoders: torch (sentence-transformers) vs ONNX
Runtime float32 vs ONNX Runtime int8, same sentences, same threads, one run; each ratio is
against torch measured in the same run. Also how far the ORT scores are from torch's.

  bi-encoder     the packaged all-MiniLM-L6-v2 ("minilm"), embeddings of COVID-QA sentences
  cross-encoder  the packaged clinqa-cross-minilm, (question, sentence) pairs

    .venv/bin/python benchmarks/encoder_onnx.py [--sentences 512] [--threads 2] [--repeat 2]

Exports go to a temporary cache: a benchmark must not switch this machine's `auto` backend.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "covid_qa" / "covid_qa.json"


def sentences(n: int) -> tuple[list[str], list[str]]:
    """`n` sentences of COVID-QA articles and a question from the same article for each."""
    sents, questions = [], []
    for art in json.loads(DATA.read_text(encoding="utf-8"))["data"]:
        p = art["paragraphs"][0]
        for s in re.split(r"(?<=[.!?])\s+", p["context"]):
            if 20 <= len(s) <= 600 and len(sents) < n:
                sents.append(s)
                questions.append(p["qas"][len(sents) % len(p["qas"])]["question"])
    return sents, questions


def timed(fn, repeat: int) -> tuple[float, np.ndarray]:
    out = fn()  # warm-up (first ORT runs allocate)
    t = time.perf_counter()
    for _ in range(repeat):
        out = fn()
    return (time.perf_counter() - t) / repeat, np.asarray(out, dtype=np.float32)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sentences", type=int, default=512)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    os.environ["CLINQA_CACHE"] = tempfile.mkdtemp(prefix="clinqa-onnx-bench-")

    from clinqa.models.loader import resolve
    from clinqa.retrieval.dense import _bi_encoder, _cross_encoder, ort_encoder
    from clinqa.runtime import configure_threads

    configure_threads(args.threads, force=True)  # torch and the ORT sessions alike
    sents, questions = sentences(args.sentences)
    pairs = list(zip(questions, sents))
    bi_src, cross_src = resolve("minilm"), resolve("clinqa-cross-minilm")
    bi, cross = _bi_encoder(bi_src), _cross_encoder(cross_src)
    runs = {
        "bi-encoder": (lambda: bi.encode(sents, batch_size=64, normalize_embeddings=True, show_progress_bar=False),
                       lambda q: (lambda e=ort_encoder("bi", bi_src, "onnx", quantize=q): e.encode(sents, 64))),
        "cross-encoder": (lambda: cross.predict(pairs, batch_size=32, show_progress_bar=False),
                          lambda q: (lambda e=ort_encoder("cross", cross_src, "onnx", quantize=q):
                                     e.predict(pairs, 32))),
    }
    print(f"{len(sents)} sentences, {args.threads} threads, mean of {args.repeat} runs")
    print(f"{'encoder':14s} {'variant':10s} {'sent/s':>8s} {'ratio':>7s} {'max|d|':>9s} {'note':s}")
    for name, (torch_fn, ort_fn) in runs.items():
        base_s, base = timed(torch_fn, args.repeat)
        print(f"{name:14s} {'torch':10s} {len(sents) / base_s:8.1f} {1:6.2f}x")
        for variant, q in (("ORT fp32", False), ("ORT int8", True)):
            secs, out = timed(ort_fn(q), args.repeat)
            d = np.abs(out - base).max()
            if name == "bi-encoder":  # cosine of each embedding with torch's
                note = f"min cosine {float((out * base).sum(1).min()):.4f}"
            else:  # does the order of the scores survive
                from scipy.stats import spearmanr

                note = f"spearman {spearmanr(out, base).statistic:.4f}"
            print(f"{name:14s} {variant:10s} {len(sents) / secs:8.1f} {base_s / secs:6.2f}x {d:9.2e} {note}")


if __name__ == "__main__":
    main()
