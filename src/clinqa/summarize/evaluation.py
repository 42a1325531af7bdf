"""Base vs fine-tuned summarizers on the same random sample, as in the seed: ROUGE-1/2/L/Lsum
(rouge-score, stemming) and BLEU (sacrebleu, brevity penalty); finding-level agreement and the
safety rates of `clinqa.evaluate.chexpert` (rule-based CheXpert labeler), on all reports and on
those whose reference impression is abnormal; a few side-by-side examples.

A summarizer with the consistency check on is scored twice from one run: as is, and as
"NAME (no check)" from the model's own first texts (`Summary.draft`)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from clinqa.evaluate.chexpert import ReportLabels, finding_metrics, safety_rates
from clinqa.evaluate.rouge_bleu import bleu, rouge
from clinqa.summarize.model import Summarizer, SummarizerConfig
from clinqa.types import ChexpertLabels, SummaryPair

FINDING_LABELER = ("rule-based CheXpert labeler (clinqa.text.chexpert: medspaCy target rules + ConText), "
                   "a CheXbert-style F1 without CheXbert; see the README for its agreement with hand labels")


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
    metrics_abnormal: dict[str, dict[str, float]] = field(default_factory=dict)  # abnormal-reference subset
    reference: dict[str, float] = field(default_factory=dict)  # the reference impressions' own safety rates
    changed: dict[str, int] = field(default_factory=dict)  # model -> impressions the consistency check changed
    abnormal: int = 0  # reports whose reference impression is abnormal

    def to_dict(self, examples: int = 5) -> dict:
        return {"data": self.data, "samples": self.samples, "seed": self.seed, "models": self.models,
                "metrics": self.metrics, "abnormal_reference_samples": self.abnormal,
                "metrics_abnormal_reference": self.metrics_abnormal, "reference_impressions": self.reference,
                "consistency_changed": self.changed, "truncated": self.truncated,
                "finding_labeler": FINDING_LABELER, "examples": self.examples(examples)}

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
    preds: dict[str, list[str]] = {}
    truncated, changed = {}, {}
    base_cfg = config or SummarizerConfig()
    for name in models:
        cfg = SummarizerConfig(**{**base_cfg.__dict__, "model": name})
        out = Summarizer(cfg).summarize_many(pairs, progress=progress)
        truncated[name] = sum(any(w.startswith("findings truncated") for w in s.warnings) for s in out)
        if cfg.consistency != "off":
            changed[name] = sum(s.draft is not None for s in out)
            preds[f"{name} (no check)"] = [s.draft if s.draft is not None else s.text for s in out]
        preds[name] = [s.text for s in out]
    return score_predictions(preds, pairs, data=data, seed=seed, truncated=truncated, changed=changed)


def score_predictions(preds: dict[str, list[str]], pairs: list[SummaryPair], *, data: str = "", seed: int = 42,
                      truncated: dict[str, int] | None = None, changed: dict[str, int] | None = None) -> SummaryEval:
    """Every metric of every prediction list (in `pairs` order), on all pairs and on those whose
    reference impression is abnormal."""
    from clinqa.text.chexpert import label_text

    cache: dict[str, ChexpertLabels] = {}

    def labels(texts: list[str]) -> list[ChexpertLabels]:
        # impressions repeat ("No acute cardiopulmonary abnormality."): label each text once
        for t in texts:
            if t not in cache:
                cache[t] = label_text(t)
        return [cache[t] for t in texts]

    refs = [p.impression or "" for p in pairs]
    reports = [ReportLabels(findings=f, reference=r)
               for f, r in zip(labels([p.findings for p in pairs]), labels(refs))]
    subset = [i for i, r in enumerate(reports) if r.abnormal_reference]

    def scores(texts: list[str], idx: list[int]) -> dict[str, float]:
        if not idx:
            return {}
        t, r = [texts[i] for i in idx], [refs[i] for i in idx]
        return {**rouge(t, r), **bleu(t, r), **finding_metrics(labels(t), [reports[i] for i in idx])}

    everything = list(range(len(pairs)))
    return SummaryEval(models=list(preds), samples=len(pairs), seed=seed, data=data,
                       metrics={m: scores(t, everything) for m, t in preds.items()}, predictions=preds, pairs=pairs,
                       truncated=truncated or {}, metrics_abnormal={m: scores(t, subset) for m, t in preds.items()},
                       reference=safety_rates([r.reference for r in reports], reports), changed=changed or {},
                       abnormal=len(subset))


def read_predictions(path: str | Path, pairs: list[SummaryPair]) -> tuple[str, dict[str, list[str]], int, list[SummaryPair]]:
    """A table written by `clinqa summarize --input ... --output` (id, impression, optional
    draft and model), matched to `pairs` by id. Returns (model name, prediction lists named as
    `evaluate_summarizers` names them, changed count, the pairs that have a prediction)."""
    from clinqa.data._io import existing, table_columns
    from clinqa.errors import DataError

    p = existing(path)
    columns, rows = table_columns(p)
    if not {"id", "impression"} <= set(columns):
        raise DataError(f"expected id and impression columns (as `clinqa summarize --output` writes); found "
                        f"{', '.join(columns) or 'none'}", source=str(p))
    got: dict[str, tuple[str, str | None]] = {}
    model = p.stem
    for _, row in rows:
        got[str(row["id"])] = (str(row.get("impression") or ""), row.get("draft") or None)
        model = str(row.get("model") or model)
    kept = [x for x in pairs if x.id in got]
    if not kept:
        raise DataError("no prediction ids match the data's report ids", source=str(p))
    texts = [got[x.id][0] for x in kept]
    drafts = [got[x.id][1] for x in kept]
    preds = {}
    if "draft" in columns:
        preds[f"{model} (no check)"] = [d if d is not None else t for d, t in zip(drafts, texts)]
    preds[model] = texts
    return model, preds, sum(d is not None for d in drafts), kept


TABLE_COLUMNS = (("rouge1", "ROUGE-1"), ("rouge2", "ROUGE-2"), ("rougeL", "ROUGE-L"), ("bleu", "BLEU"),
                 ("finding_f1_micro", "finding F1 micro"), ("finding_f1_macro", "finding F1 macro"),
                 ("normal_for_abnormal_reference", "normal-for-abnormal (ref.)"),
                 ("normal_for_abnormal", "normal-for-abnormal (ref. or findings)"),
                 ("dropped_findings", "dropped findings"))


def _table(metrics: dict[str, dict[str, float]], models: list[str]) -> list[str]:
    lines = ["| model | " + " | ".join(h for _, h in TABLE_COLUMNS) + " |", "|---|" + "---:|" * len(TABLE_COLUMNS)]
    for m in models:
        if metrics.get(m):
            lines.append(f"| {m} | " + " | ".join(f"{metrics[m].get(c, 0.0):.2f}" for c, _ in TABLE_COLUMNS) + " |")
    return lines


def markdown_report(ev: SummaryEval, examples: int = 5) -> str:
    lines = [f"# Summarization: {ev.data}", "",
             f"{ev.samples} random samples (seed {ev.seed}); ROUGE F-measure (rouge-score, Porter stemming) and "
             "sacrebleu BLEU with brevity penalty, x100. Finding F1 and the safety rates (%) come from the "
             "rule-based CheXpert labeler (a CheXbert-style F1, not CheXbert).", "", *_table(ev.metrics, ev.models),
             "", f"## Reports whose reference impression is abnormal ({ev.abnormal})", "",
             *_table(ev.metrics_abnormal, ev.models), "",
             f"The reference impressions themselves: normal-for-abnormal (findings) "
             f"{ev.reference.get('normal_for_abnormal', 0):.2f}, dropped findings "
             f"{ev.reference.get('dropped_findings', 0):.2f}. Impressions changed by the consistency check: "
             + (", ".join(f"{m} {n}" for m, n in ev.changed.items()) or "none") + ".", "", "## Examples", ""]
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
