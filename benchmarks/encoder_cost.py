"""What the 12-layer multilingual encoder costs next to MiniLM, in one run on this machine.

Both readers read the same held-out COVID-QA questions through clinqa's `ExtractiveReader`
(same windowing, same top-N BM25 windows, same threads): clinqa-qa-minilm (6 layers, 384 hidden,
30k WordPiece) and span + category heads over multilingual-e5-small (12 layers, 384 hidden,
250k SentencePiece). The multilingual heads here are untrained: this measures time, not F1.
It also prints the multilingual sentence baseline (one e5 pass over the note's sentences) and the
extrapolation used in the README's Scaling section (1 M notes x 34 concepts).

    .venv/bin/python benchmarks/encoder_cost.py [--questions 20] [--threads 2] [--top-n 4]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "covid_qa" / "covid_qa.json"


def time_reader(reader, examples) -> float:
    reader.answer_many([(examples[0].note, examples[0].question)], with_context=False)  # warm-up
    t = time.perf_counter()
    for ex in examples:
        reader.answer_many([(ex.note, ex.question)], with_context=False)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--top-n", type=int, default=4)
    args = ap.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    from clinqa.data.splits import read_qa_spec
    from clinqa.qa.baseline import MultilingualSentenceAnswerer
    from clinqa.qa.model import QAModelConfig, new_model
    from clinqa.qa.reader import ExtractiveReader

    examples = read_qa_spec(f"{DATA}#heldout")[: args.questions]
    # explicit windows and BM25 ranking for both readers (not the model folder's clinqa_reading.json)
    minilm = ExtractiveReader.load("clinqa-qa-minilm", window_top_n=args.top_n, window_rank="bm25",
                                   max_length=384, stride=128)
    model, tok = new_model("multilingual-e5-small", QAModelConfig(base_model="multilingual-e5-small"))
    e5 = ExtractiveReader(model.eval(), tok, "e5-untrained-heads", categories=model.qa_config.categories,
                          max_length=minilm.max_length, stride=minilm.stride, window_top_n=args.top_n)
    sent = MultilingualSentenceAnswerer()

    def params(m) -> int:
        return sum(p.numel() for p in m.parameters())

    rows = {}
    for name, reader in (("clinqa-qa-minilm", minilm), ("multilingual-e5-small reader", e5)):
        secs = time_reader(reader, examples)
        rows[name] = {"seconds": round(secs, 2), "q_per_s": round(len(examples) / secs, 3),
                      "params_m": round(params(reader.model) / 1e6, 1),
                      "encoder_params_without_word_embeddings_m": round(
                          (params(reader.model) - reader.model.encoder.get_input_embeddings().weight.numel()) / 1e6, 1)}
    from clinqa.text import segment

    sents = [segment(ex.note.text, ex.note.id) for ex in examples]
    t = time.perf_counter()
    for ex, s in zip(examples, sents):
        sent.answer(ex.note, ex.question, sentences=s)
    secs = time.perf_counter() - t
    rows["multilingual-sentence-baseline"] = {"seconds": round(secs, 2), "q_per_s": round(len(examples) / secs, 3)}
    base = rows["clinqa-qa-minilm"]["q_per_s"]
    for r in rows.values():
        r["relative_to_minilm"] = round(r["q_per_s"] / base, 3)
        # 1 M notes x 34 concepts, one question each, on one core at this rate per `threads` cores
        r["core_hours_1m_notes_34_concepts"] = round(34e6 / (r["q_per_s"] / args.threads) / 3600)
    print(json.dumps({"questions": len(examples), "threads": args.threads, "top_n_windows": args.top_n,
                      "data": "covid_qa#heldout", "results": rows}, indent=2))


if __name__ == "__main__":
    main()
