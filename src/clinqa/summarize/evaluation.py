"""Base vs fine-tuned summarizers on the same random sample, as in the seed: ROUGE-1/2/L/Lsum
(rouge-score, stemming) and BLEU (sacrebleu, brevity penalty), plus a few side-by-side examples."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from clinqa.evaluate.rouge_bleu import bleu, rouge
from clinqa.summarize.model import Summarizer, SummarizerConfig
from clinqa.types import SummaryPair


@dataclass
class SummaryEval:
    models: list[str]
    samples: int
    seed: int
    data: str
    metrics: dict[str, dict[str, float]]  # model -> metric -> value
    predictions: dict[str, list[str]]  # model -> predictions, in sample order
    pairs: list[SummaryPair] = field(default_factory=list)
    truncated: dict[str, int] = field(default_factory=dict)  # model -> findings cut to fit

    def to_dict(self, examples: int = 5) -> dict:
        return {"data": self.data, "samples": self.samples, "seed": self.seed, "models": self.models,
                "metrics": self.metrics, "truncated": self.truncated, "examples": self.examples(examples)}

    def examples(self, n: int) -> list[dict]:
        return [{"id": p.id, "findings": p.findings, "reference": p.impression,
                 **{m: self.predictions[m][i] for m in self.models}} for i, p in enumerate(self.pairs[:n])]


def sample_pairs(pairs: list[SummaryPair], n: int | None, seed: int) -> list[SummaryPair]:
    usable = [p for p in pairs if p.impression]
    if n is None or n >= len(usable):
        return usable
    return random.Random(seed).sample(usable, n)


def evaluate_summarizers(models: list[str], pairs: list[SummaryPair], *, data: str = "", seed: int = 42,
                         config: SummarizerConfig | None = None, progress=None) -> SummaryEval:
    metrics, preds, truncated = {}, {}, {}
    refs = [p.impression or "" for p in pairs]
    base_cfg = config or SummarizerConfig()
    for name in models:
        cfg = SummarizerConfig(**{**base_cfg.__dict__, "model": name})
        out = Summarizer(cfg).summarize_many(pairs, progress=progress)
        texts = [s.text for s in out]
        preds[name] = texts
        truncated[name] = sum(any(w.startswith("findings truncated") for w in s.warnings) for s in out)
        metrics[name] = {**rouge(texts, refs), **bleu(texts, refs)}
    return SummaryEval(models=list(models), samples=len(pairs), seed=seed, data=data, metrics=metrics,
                       predictions=preds, pairs=pairs, truncated=truncated)


def markdown_report(ev: SummaryEval, examples: int = 5) -> str:
    cols = ["rouge1", "rouge2", "rougeL", "rougeLsum", "bleu"]
    lines = [f"# Summarization: {ev.data}", "",
             f"{ev.samples} random samples (seed {ev.seed}); ROUGE F-measure (rouge-score, Porter stemming, "
             "newline-split sentences for Lsum) and sacrebleu BLEU with brevity penalty, all x100.", "",
             "| model | " + " | ".join(cols) + " |", "|---|" + "---:|" * len(cols)]
    for m in ev.models:
        lines.append(f"| {m} | " + " | ".join(f"{ev.metrics[m][c]:.2f}" for c in cols) + " |")
    lines += ["", "## Examples", ""]
    for ex in ev.examples(examples):
        lines += [f"### report {ex['id']}", "", f"**Findings:** {ex['findings']}", "",
                  f"**Reference:** {ex['reference']}", ""]
        for m in ev.models:
            lines += [f"**{m}:** " + (ex[m] or "(empty)").replace("\n", " "), ""]
    return "\n".join(lines) + "\n"


def write_report(ev: SummaryEval, out_dir: str | Path) -> dict[str, str]:
    import json

    o = Path(out_dir)
    o.mkdir(parents=True, exist_ok=True)
    (o / "metrics.json").write_text(json.dumps(ev.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (o / "report.md").write_text(markdown_report(ev), encoding="utf-8")
    with (o / "predictions.jsonl").open("w", encoding="utf-8") as f:
        for i, p in enumerate(ev.pairs):
            f.write(json.dumps({"id": p.id, "reference": p.impression,
                                **{m: ev.predictions[m][i] for m in ev.models}}, ensure_ascii=False) + "\n")
    return {"metrics": str(o / "metrics.json"), "report": str(o / "report.md"),
            "predictions": str(o / "predictions.jsonl")}
