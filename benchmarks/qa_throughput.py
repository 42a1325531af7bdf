"""Questions per second on CPU: clinqa's extractive reader vs the reference transformers
question-answering pipeline, same weights, same questions, one run.

transformers 5 removed `pipeline("question-answering")`, so the reference runs transformers
4.57.1's pipeline in a separate virtual environment that this script creates once
(benchmarks/.venv-tf457; torch 2.13.0 CPU and transformers 4.57.1 from the package index).
The weights are the packaged clinqa-qa-minilm exported as a BertForQuestionAnswering folder.

    .venv/bin/python benchmarks/qa_throughput.py [--questions 40] [--threads 2]

Variants of clinqa's path, each against the baseline measured in the same run:
  all-windows      batching across questions and windows, torch.inference_mode
  top-n windows    only the N windows BM25 ranks highest for the question are read
  int8             dynamic int8 quantization of the Linear layers
  short windows    windows of --window-tokens (192) tokens, stride a quarter of it, instead of
                   384/128 (`--window-tokens` of ask/extract/serve/eval): with top-n reading,
                   fewer tokens are read and BM25 picks the answer's region more sharply
  ONNX Runtime     the forward pass on ONNX Runtime, exported once (float32, and int8 with
                   onnxruntime.quantization.quantize_dynamic), cached in a temporary cache
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
DATA = ROOT.parent / "shared" / "data" / "covid_qa" / "covid_qa.json"
REF_VENV = ROOT / "benchmarks" / ".venv-tf457"

REFERENCE = r'''
import json, sys, time, torch
torch.set_num_threads(int(sys.argv[3]))
from transformers import pipeline
qa = pipeline("question-answering", model=sys.argv[1], tokenizer=sys.argv[1], device=-1)
items = json.load(open(sys.argv[2]))
qa(question=items[0]["question"], context=items[0]["context"][:2000])  # warm-up
t = time.perf_counter()
preds = {}
for it in items:
    out = qa(question=it["question"], context=it["context"], max_seq_len=384, doc_stride=128,
             max_answer_len=30, max_question_len=192)
    preds[it["id"]] = out["answer"]
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed, "predictions": preds, "transformers": __import__("transformers").__version__}))
'''


def ensure_ref_venv() -> Path:
    py = REF_VENV / "bin" / "python"
    if py.exists():
        return py
    print("creating the reference environment (transformers 4.57.1) ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(REF_VENV)], check=True)
    subprocess.run([str(py), "-m", "pip", "install", "-q", "torch==2.13.0", "transformers==4.57.1"], check=True)
    return py


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=int, default=40)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--top-n", type=int, default=4)
    ap.add_argument("--model", default="clinqa-qa-minilm")
    ap.add_argument("--window-tokens", type=int, default=192, help="window length of the short-window rows")
    args = ap.parse_args()

    from clinqa.runtime import configure_threads

    configure_threads(args.threads, force=True)  # torch and the ONNX sessions alike
    from clinqa.data.splits import read_qa_spec
    from clinqa.evaluate.squad import squad_scores
    from clinqa.qa.model import export_transformers_qa
    from clinqa.qa.reader import ExtractiveReader

    examples = read_qa_spec(f"{DATA}#heldout")[: args.questions]
    golds = {ex.id: [a.text for a in ex.answers] for ex in examples}
    chars = sum(len(ex.note.text) for ex in examples) / len(examples)
    print(f"{len(examples)} held-out COVID-QA questions, mean note {chars:,.0f} characters, {args.threads} threads",
          file=sys.stderr)

    # the shipped default reads as its model folder's clinqa_reading.json says (the reader sweep's
    # choice); every other row sets its windows explicitly, starting from the model's own 384/128
    default = ExtractiveReader.load(args.model, backend="torch")
    cfg = default.model.qa_config
    explicit = {"window_top_n": None, "window_rank": "bm25", "max_length": cfg.max_length, "stride": cfg.stride}
    reader = ExtractiveReader.load(args.model, backend="torch", **explicit)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        hf_dir = export_transformers_qa(reader.model, reader.tokenizer, Path(tmp) / "hf")
        items = [{"id": ex.id, "question": ex.question, "context": ex.note.text} for ex in examples]
        (Path(tmp) / "items.json").write_text(json.dumps(items))
        py = ensure_ref_venv()
        out = subprocess.run([str(py), "-c", REFERENCE, str(hf_dir), str(Path(tmp) / "items.json"), str(args.threads)],
                             capture_output=True, text=True, env={**os.environ, "TRANSFORMERS_VERBOSITY": "error"})
        if out.returncode != 0:
            sys.exit(f"reference pipeline failed:\n{out.stderr[-2000:]}")
        ref = json.loads(out.stdout.strip().splitlines()[-1])
    base_qps = len(examples) / ref["seconds"]
    base_f1 = squad_scores(golds, ref["predictions"]).f1
    rows.append((f"transformers {ref['transformers']} pipeline (baseline)", base_qps, base_f1))

    def run(name: str, r: ExtractiveReader, batch: int = 8) -> None:
        r.answer_many([(examples[0].note, examples[0].question)], with_context=False)  # warm-up
        t = time.perf_counter()
        preds = {}
        for b in range(0, len(examples), batch):
            chunk = examples[b:b + batch]
            for ex, o in zip(chunk, r.answer_many([(ex.note, ex.question) for ex in chunk], with_context=False)):
                preds[ex.id] = o.answers[0].text or ""
        qps = len(examples) / (time.perf_counter() - t)
        rows.append((name, qps, squad_scores(golds, preds).f1))

    run(f"clinqa default (its clinqa_reading.json: {default.max_length}-token windows, "
        f"{'top-%d %s' % (default.window_top_n, default.window_rank) if default.window_top_n else 'all'})", default)
    run("clinqa, all windows", reader)
    reader.window_top_n = args.top_n
    run(f"clinqa, top-{args.top_n} BM25 windows", reader)
    short = f"top-{args.top_n} BM25 windows of {args.window_tokens} tokens"
    model_windows = (reader.max_length, reader.stride)
    reader.max_length, reader.stride = args.window_tokens, args.window_tokens // 4
    run(f"clinqa, {short}", reader)
    reader.max_length, reader.stride = model_windows
    reader.window_top_n = None
    q = ExtractiveReader.load(args.model, quantize=True, backend="torch", **explicit)
    run("clinqa, all windows, int8", q)
    q.window_top_n = args.top_n
    run(f"clinqa, top-{args.top_n} BM25 windows, int8", q)
    from clinqa.qa.onnx import available

    if available():
        # exported into a temporary cache: a benchmark must not switch this machine's `auto`
        # backend to ONNX for every later command
        os.environ["CLINQA_CACHE"] = tempfile.mkdtemp(prefix="clinqa-onnx-bench-")
        o = ExtractiveReader.load(args.model, backend="onnx", **explicit)  # float32
        run("clinqa, all windows, ONNX Runtime", o)
        o.window_top_n = args.top_n
        run(f"clinqa, top-{args.top_n} BM25 windows, ONNX Runtime", o)
        o.max_length, o.stride = args.window_tokens, args.window_tokens // 4
        run(f"clinqa, {short}, ONNX Runtime", o)
        o8 = ExtractiveReader.load(args.model, backend="onnx", quantize=True, **explicit)
        o8.window_top_n = args.top_n
        run(f"clinqa, top-{args.top_n} BM25 windows, ONNX Runtime int8", o8)
    else:
        print("onnxruntime is not installed: no ONNX rows", file=sys.stderr)

    print(f"{'variant':64s} {'q/s':>8s} {'ratio':>7s} {'F1':>7s} {'dF1':>7s}")
    for name, qps, f1 in rows:
        print(f"{name:64s} {qps:8.2f} {qps / base_qps:6.2f}x {f1:7.2f} {f1 - base_f1:+7.2f}")


if __name__ == "__main__":
    main()
