"""`clinqa train ablation`: multi-task vs single-task, several seeds, mean +- sd.

The seed system reports +2.2 F1 from training the span and category heads together. This runs
the comparison the way it can be trusted: every variant (`span,category`, `span`, `category`)
with the same config, data and budget, once per seed, each scored on every evaluation set
with the no-answer threshold the run calibrated on its own dev data (never tuned on the
evaluation set). Finished runs are kept (`eval.json` in each run folder), so an interrupted
ablation resumes where it stopped.
"""

from __future__ import annotations

import json
import logging
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinqa.errors import UsageError

log = logging.getLogger(__name__)

# category_accuracy is the answer's (the policy's: mostly what the question asks for, see
# qa/categories.question_category), head_category_accuracy the category head's own argmax: the
# one that says what multi-task training did to the head.
METRICS = ("exact", "f1", "category_accuracy", "head_category_accuracy")
# Bumped when the answer policy's scoring changes (2: categories from the question first); a
# kept run scored under another version is scored again from its saved weights.
SCORING = 2
_SCORING_KEY = "_scoring"


@dataclass(frozen=True)
class RunScore:
    variant: str
    seed: int
    data: str
    exact: float
    f1: float
    category_accuracy: float | None
    questions: int
    head_category_accuracy: float | None = None


def run_name(variant: str, seed: int) -> str:
    return f"{variant.replace(',', '+')}-s{seed}"


def run_ablation(config: str | None, variants: list[str], seeds: list[int], eval_data: list[str], output_dir: str,
                 overrides: dict[str, Any] | None = None, window_top_n: int | None = None) -> list[RunScore]:
    """Train every (variant, seed) not yet done and score it on every `eval_data` spec."""
    from clinqa.data.splits import read_qa_spec
    from clinqa.qa.evaluation import evaluate_reader, head_category_accuracy
    from clinqa.qa.reader import ExtractiveReader
    from clinqa.train.qa import TrainQAConfig, train_qa

    if not variants or not seeds or not eval_data:
        raise UsageError("an ablation needs variants, seeds and at least one evaluation set")
    task_sets = {variant: [t.strip() for t in variant.split(",") if t.strip()] for variant in variants}
    for variant, tasks in task_sets.items():
        # Checked before any run: a typo in the last variant must not surface hours into the ablation.
        if not tasks or set(tasks) - {"span", "category"}:
            raise UsageError(f"variant {variant!r}: tasks must be a non-empty comma list of span, category")
    evals = {spec: read_qa_spec(spec) for spec in eval_data}
    out = Path(output_dir)
    scores: list[RunScore] = []
    for variant, tasks in task_sets.items():
        for seed in seeds:
            run_dir = out / run_name(variant, seed)
            done = run_dir / "eval.json"
            if done.is_file():
                rows = json.loads(done.read_text(encoding="utf-8"))
                if set(rows) >= set(eval_data) and rows.get(_SCORING_KEY) == SCORING:
                    log.warning("ablation: %s already scored, kept", run_dir)
                    scores.extend(RunScore(variant, seed, spec, **rows[spec]) for spec in eval_data)
                    continue
            if (run_dir / "model" / "clinqa_qa.json").is_file() and done.is_file():
                # scored under older answer rules: the same weights, scored again, so that seeds
                # scored before and after a change of the policy are never averaged together
                log.warning("ablation: %s was scored by older rules, scoring it again", run_dir)
            else:
                cfg = TrainQAConfig.load(config, {**(overrides or {}), "tasks": tasks, "seed": seed,
                                                  "output_dir": str(run_dir)})
                log.warning("ablation: training %s (tasks %s, seed %d)", run_dir, tasks, seed)
                train_qa(cfg, resume=True)
            reader = ExtractiveReader.load(str(run_dir / "model"), window_top_n=window_top_n)
            rows = {}
            for spec, exs in evals.items():
                ev = evaluate_reader(reader, exs, tune_null=False)
                rows[spec] = {"exact": ev.squad.exact, "f1": ev.squad.f1,
                              "category_accuracy": ev.category["accuracy"] if ev.category else None,
                              "questions": len(exs), "head_category_accuracy": head_category_accuracy(reader, exs)}
                scores.append(RunScore(variant, seed, spec, **rows[spec]))
            rows[_SCORING_KEY] = SCORING
            done.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return scores


def summarize(scores: list[RunScore]) -> list[dict]:
    """One row per (data, variant): n runs, mean and sample sd of each metric."""
    groups: dict[tuple[str, str], list[RunScore]] = {}
    for s in scores:
        groups.setdefault((s.data, s.variant), []).append(s)
    rows = []
    for (data, variant), runs in groups.items():
        row: dict[str, Any] = {"data": data, "variant": variant, "runs": len(runs), "seeds": [r.seed for r in runs]}
        for m in METRICS:
            vals = [getattr(r, m) for r in runs if getattr(r, m) is not None]
            row[m] = {"mean": round(statistics.fmean(vals), 2) if vals else None,
                      "sd": round(statistics.stdev(vals), 2) if len(vals) > 1 else (0.0 if vals else None)}
        rows.append(row)
    return rows


def markdown_table(rows: list[dict]) -> str:
    """The README's table: EM, F1 and category accuracy as mean +- sd over seeds."""
    def cell(d):
        return "-" if d["mean"] is None else f"{d['mean']:.2f} ± {d['sd']:.2f}"

    lines = ["| data | tasks | runs | EM | F1 | category acc. (answer) | category head acc. |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        head = r.get("head_category_accuracy") or {"mean": None}
        lines.append(f"| {r['data']} | {r['variant']} | {r['runs']} | {cell(r['exact'])} | {cell(r['f1'])} | "
                     f"{cell(r['category_accuracy'])} | {cell(head)} |")
    return "\n".join(lines)
