"""Grounded answers: extractive mode vs SmolLM2-135M vs Qwen2.5-Coder-1.5B (GGUF) in generate
mode, on the clinical dev reference answers; prints one markdown table.

Columns: the ArchEHR-QA subtask-3 text metrics (BLEU, ROUGE-Lsum, SARI, BERTScore with the packaged
MiniLM, AlignScore when weights are given, MEDCON variant) and their mean; the key-sentence rate
(the sentence holding the QA set's gold answer span for the same question cited; beside it the
reference's first evidence sentence, and any gold evidence sentence) and, for questions whose
reference has no evidence, whether the answer says the note does not answer; the grounding checks on the final
answers (unsupported content words, assertion conflicts, numbers and drug names not in the cited
sentences, sentences passing every check, LM sentences the checks replaced); strict citation
precision / recall / F1; generated tokens per second (prompt processing included).

    .venv/bin/python benchmarks/generate_llm.py --cases 12                  # the README table
    .venv/bin/python benchmarks/generate_llm.py --cases 0 --models extractive   # all 115, extractive
    .venv/bin/python benchmarks/generate_llm.py --cases 0 --models extractive --reader clinqa-qa-minilm

The LM rows need their models: SmolLM2 from `make setup`, Qwen from `make model-llm` (a missing
one is reported and skipped). CPU is slow: `--cases N` takes an evenly spread subset (every k-th
case), the same for every model; extractive mode also runs on all cases (`--all-extractive`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DATA = ROOT / "benchmarks" / "data" / "clinical_dev" / "answers.jsonl"
MODELS = ("extractive", "smollm2-135m-instruct", "qwen2.5-coder-1.5b-instruct")


def spread(items: list, n: int) -> list:
    if n <= 0 or n >= len(items):
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


class _Timed:
    """Wraps a TextGenerator's `generate` to count new tokens and seconds (GGUF models count
    their own)."""

    def __init__(self, gen):
        self.gen, self.new_tokens, self.seconds = gen, 0, 0.0
        self._inner = gen.generate
        gen.generate = self

    def __call__(self, prompts, progress=None):
        t0 = time.perf_counter()
        outs = self._inner(prompts, progress=progress)
        self.seconds += time.perf_counter() - t0
        self.new_tokens += sum(len(self.gen.tokenizer(o, add_special_tokens=False)["input_ids"]) + 1 for o in outs)
        return outs

    @property
    def tokens_per_second(self):
        return round(self.new_tokens / self.seconds, 2) if self.seconds else None


def run(model: str, cases, keys, reader, retriever, args) -> dict | None:
    from clinqa.generate.evaluation import evaluate_generator
    from clinqa.generate.generator import AnswerGenerator, GeneratorConfig

    cfg = (GeneratorConfig() if model == "extractive" else
           GeneratorConfig(model=model, mode="generate", max_new_tokens=args.max_new_tokens, runtime=args.runtime))
    gen = AnswerGenerator(cfg, evidence_retriever=retriever, reader=reader)
    try:
        gen.load()
    except Exception as exc:  # a missing optional model is reported, not fatal
        print(f"skipped {model}: {exc}", file=sys.stderr)
        return None
    timer = None
    if gen.generator is not None and not hasattr(gen.generator, "stats"):
        timer = _Timed(gen.generator)
    t0 = time.perf_counter()
    ev = evaluate_generator(gen, cases, keys=keys)
    wall = time.perf_counter() - t0
    add_gold_rate(ev.grounding, cases, [p["answer"] for p in ev.predictions], args.first_keys)
    tps = None
    if gen.generator is not None:
        tps = gen.generator.stats.tokens_per_second if timer is None else timer.tokens_per_second
    runtime = getattr(gen.generator, "runtime", "transformers") if gen.generator is not None else "-"
    return {"model": model, "runtime": runtime, "cases": ev.cases, "metrics": ev.metrics, "overall": ev.overall,
            "grounding": ev.grounding, "citations": ev.citations, "tokens_per_second": tps,
            "seconds": round(wall, 1), "predictions": ev.predictions}


def add_gold_rate(grounding: dict, cases, answers: list[str], first: dict) -> None:
    """The share of answers citing any gold evidence sentence, and the reference's first evidence
    span's sentence (the answer span's sentence is `key_sentence_cited`)."""
    from clinqa.generate.evaluation import key_measures

    gold = {c.id: frozenset(k for k, v in c.relevance.items() if v == "essential") for c in cases}
    grounding["gold_sentence_cited"] = key_measures(cases, answers, gold)["key_sentence_cited"]
    grounding["first_span_cited"] = key_measures(cases, answers, first)["key_sentence_cited"]


def fmt(v, digits=2):
    return "n/a" if v is None else f"{v:.{digits}f}"


def table(rows: list[dict]) -> str:
    head = ("| answers | cases | BLEU | ROUGE-Lsum | SARI | BERTScore | AlignScore | MEDCON | overall | key sentence "
            "cited | first evidence sentence cited | any gold sentence cited | says 'not answered' | unsupported words | assertion conflicts | unsupported numbers | unsupported "
            "drugs | supported sentences | replaced | citation P / R / F1 | tokens/s |")
    out = [head, "|" + "---|" * 22]
    for r in rows:
        m, g, c = r["metrics"], r["grounding"], r["citations"].get("strict", {})
        name = r["model"] if r["model"] == "extractive" else f"{r['model']} ({r['runtime']}) + checks"
        out.append(
            f"| {name} | {r['cases']} | {fmt(m.get('bleu'))} | {fmt(m.get('rougeLsum'))} | {fmt(m.get('sari'))} | "
            f"{fmt(m.get('bertscore'))} | {fmt(m.get('alignscore'))} | {fmt(m.get('medcon', m.get('medcon_variant')))} | "
            f"{fmt(r['overall'])} | "
            f"{fmt(g.get('key_sentence_cited'), 1)}% of {g.get('key_cases')} | {fmt(g.get('first_span_cited'), 1)}% | "
            f"{fmt(g.get('gold_sentence_cited'), 1)}% | "
            f"{fmt(g.get('not_answered_said'), 0) + '%' if g.get('not_answered_cases') else '-'} of "
            f"{g.get('not_answered_cases')} | "
            f"{fmt(g.get('unsupported_content_word_rate'), 1)}% | {fmt(g.get('assertion_conflict_rate'), 1)}% | "
            f"{fmt(g.get('unsupported_number_rate'), 1)}% | {fmt(g.get('unsupported_drug_rate'), 1)}% | "
            f"{fmt(g.get('supported_sentence_rate'), 1)}% | {g.get('replaced_sentences', '-')} | "
            f"{fmt(c.get('precision'), 1)} / {fmt(c.get('recall'), 1)} / {fmt(c.get('f1'), 1)} | "
            f"{fmt(r['tokens_per_second'], 1) if r['tokens_per_second'] else '-'} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", default=str(DATA), help="reference answers (.jsonl, notes/ beside it)")
    p.add_argument("--cases", type=int, default=12, help="evenly spread subset for every model (0: all)")
    p.add_argument("--models", default=",".join(MODELS), help="comma-separated: " + ", ".join(MODELS))
    p.add_argument("--all-extractive", action="store_true", help="also score extractive mode on every case")
    p.add_argument("--max-new-tokens", type=int, default=120)
    p.add_argument("--runtime", default="auto", choices=("auto", "llama.cpp", "transformers"),
                   help="for GGUF models (Qwen): llama.cpp when installed, else transformers' GGUF loader")
    p.add_argument("--out", help="write rows and predictions as JSON here")
    p.add_argument("--table-from", help="only print the table of rows written earlier by --out")
    p.add_argument("--squad", default=None, help="the QA set holding each question's gold answer span "
                   "(default: the .json beside --data)")
    p.add_argument("--reader", default="default", help="the extractive reader whose answer leads the plan")
    args = p.parse_args(argv)

    if args.table_from:
        print(table(json.loads(Path(args.table_from).read_text(encoding="utf-8"))))
        return 0
    logging_quiet()
    from clinqa.generate.cases import answer_span_keys, read_cases, reference_keys
    from clinqa.qa.reader import ExtractiveReader
    from clinqa.retrieval.ensemble import EvidenceRetriever

    all_cases = read_cases(args.data)
    args.first_keys = reference_keys(args.data, all_cases)
    squad = Path(args.squad) if args.squad else next(Path(args.data).parent.glob("*.json"))
    keys = answer_span_keys(squad, all_cases, first=args.first_keys)
    cases = spread(all_cases, args.cases)
    reader = ExtractiveReader.load(args.reader)
    retriever = EvidenceRetriever()
    rows = []
    if args.all_extractive and len(cases) < len(all_cases):
        r = run("extractive", all_cases, keys, reader, retriever, args)
        rows.append(r)
    for model in [m.strip() for m in args.models.split(",") if m.strip()]:
        r = run(model, cases, keys, reader, retriever, args)
        if r is not None:
            rows.append(r)
        print(f"{model}: {r and r['seconds']} s", file=sys.stderr)
    print(table(rows))
    if args.out:
        Path(args.out).write_text(json.dumps(rows, indent=1, default=str), encoding="utf-8")
    return 0


def logging_quiet() -> None:
    import logging
    import warnings

    logging.getLogger("transformers").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


if __name__ == "__main__":
    raise SystemExit(main())
