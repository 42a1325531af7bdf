"""`clinqa train <model>`: one command per model family, a YAML config, flags override it."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from clinqa.cli._common import JSON_HELP, emit_json, stdout_console

app = typer.Typer(help="Train models: qa (span + category heads), evidence (cross-encoder), mlm, summarize (LoRA), generate (LoRA).",
                  no_args_is_help=True)


@app.command("qa")
def train_qa_cmd(
    config: Annotated[Optional[str], typer.Option("--config", "-c", help="YAML config (see configs/qa-minilm.yaml).")] = None,
    base: Annotated[Optional[str], typer.Option(help="Encoder to start from: named offline model, folder or hub id.")] = None,
    train: Annotated[Optional[list[str]], typer.Option("--train", help="Training file(s): FILE or FILE#train / FILE#heldout.")] = None,
    dev: Annotated[Optional[list[str]], typer.Option("--dev", help="Dev file(s), same syntax.")] = None,
    output_dir: Annotated[Optional[str], typer.Option("--output-dir", "-o", help="Where checkpoints, model/ and metrics.json go.")] = None,
    tasks: Annotated[Optional[str], typer.Option(help="span,category (joint), span or category (single-task baselines).")] = None,
    category_weight: Annotated[Optional[float], typer.Option(help="lambda in loss = span + lambda * category.")] = None,
    branch_layers: Annotated[Optional[int], typer.Option(help="Top encoder layers duplicated for the category head (0 = shared).")] = None,
    lora: Annotated[Optional[bool], typer.Option("--lora/--full", help="LoRA adapter (peft) or full fine-tuning.")] = None,
    lora_r: Annotated[int, typer.Option(help="LoRA rank, with --lora.")] = 16,
    epochs: Annotated[Optional[float], typer.Option(help="Training epochs.")] = None,
    batch_size: Annotated[Optional[int], typer.Option(help="Windows per step.")] = None,
    learning_rate: Annotated[Optional[float], typer.Option("--lr", help="Peak learning rate.")] = None,
    max_steps: Annotated[Optional[int], typer.Option(help="Stop after this many steps (overrides epochs).")] = None,
    max_train_examples: Annotated[Optional[int], typer.Option(help="Use at most this many training questions.")] = None,
    save_steps: Annotated[Optional[int], typer.Option(help="Checkpoint every N steps.")] = None,
    seed: Annotated[Optional[int], typer.Option(help="Random seed.")] = None,
    init_from: Annotated[Optional[str], typer.Option("--init-from", help="Continue from an earlier stage's clinqa model folder (curriculum).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue from the last checkpoint in output_dir.")] = False,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Train an extractive QA model with a span head and an answer-category head."""
    from clinqa.train.qa import TrainQAConfig, train_qa

    overrides = {
        "base": base, "train_data": train or None, "dev_data": dev or None, "output_dir": output_dir,
        "tasks": [t.strip() for t in tasks.split(",") if t.strip()] if tasks else None,
        "category_weight": category_weight, "branch_layers": branch_layers, "epochs": epochs,
        "batch_size": batch_size, "learning_rate": learning_rate, "max_steps": max_steps,
        "max_train_examples": max_train_examples, "save_steps": save_steps, "seed": seed, "init_from": init_from,
    }
    if lora is not None:
        overrides["lora"] = {"r": lora_r, "lora_alpha": 2 * lora_r} if lora else None
        if lora:
            overrides["freeze_word_embeddings"] = False
    cfg = TrainQAConfig.load(config, overrides)
    metrics = train_qa(cfg, resume=resume)
    summary = {"output_dir": cfg.output_dir, "model": f"{cfg.output_dir}/model", **{k: metrics[k] for k in (
        "train_questions", "train_windows", "dev_questions", "train_loss", "dev", "dev_history")}}
    if json_out:
        emit_json(summary)
    else:
        stdout_console().print(json.dumps(summary, indent=2, default=str))


@app.command("ablation")
def train_ablation_cmd(
    config: Annotated[Optional[str], typer.Option("--config", "-c", help="The training config every run shares (see configs/qa-mtl-ablation.yaml).")] = None,
    eval_data: Annotated[Optional[list[str]], typer.Option("--eval", help="Evaluation set(s) FILE or FILE#part, scored with each run's own no-answer threshold.")] = None,
    variants: Annotated[str, typer.Option(help="Task sets separated by ';'.")] = "span,category;span;category",
    seeds: Annotated[str, typer.Option(help="Comma-separated seeds.")] = "13,14,15",
    output_dir: Annotated[str, typer.Option("--output-dir", "-o", help="One folder per run; finished runs are kept.")] = "runs/mtl-ablation",
    max_steps: Annotated[Optional[int], typer.Option(help="Stop each run after this many steps.")] = None,
    window_top_n: Annotated[Optional[int], typer.Option(help="Read only the N windows BM25 ranks highest per question.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Multi-task vs single-task: every variant x seed, then EM / F1 / category accuracy as mean +- sd."""
    from clinqa.errors import UsageError
    from clinqa.train.ablation import markdown_table, run_ablation, summarize

    try:
        seed_list = [int(x) for x in seeds.split(",") if x.strip()]
    except ValueError:
        raise UsageError(f"--seeds must be comma-separated integers, got {seeds!r}") from None
    variant_list = [v.strip() for v in variants.split(";") if v.strip()]
    scores = run_ablation(config, variant_list, seed_list, list(eval_data or []), output_dir,
                          {"max_steps": max_steps}, window_top_n=window_top_n)
    rows = summarize(scores)
    table = markdown_table(rows)
    from pathlib import Path

    Path(output_dir, "ablation.md").write_text(table + "\n", encoding="utf-8")
    Path(output_dir, "ablation.json").write_text(json.dumps({"rows": rows, "runs": [s.__dict__ for s in scores]},
                                                            indent=2) + "\n", encoding="utf-8")
    if json_out:
        emit_json({"output_dir": output_dir, "rows": rows, "table": table})
    else:
        stdout_console().print(table)


@app.command("evidence")
def train_evidence_cmd(
    config: Annotated[Optional[str], typer.Option("--config", "-c", help="YAML config (see configs/cross-minilm.yaml).")] = None,
    base: Annotated[Optional[str], typer.Option(help="Encoder to start from.")] = None,
    train: Annotated[Optional[list[str]], typer.Option("--train", help="SQuAD-format FILE[#part] (evidence proxy).")] = None,
    output_dir: Annotated[Optional[str], typer.Option("--output-dir", "-o", help="Checkpoints, model/ and metrics.json.")] = None,
    max_steps: Annotated[Optional[int], typer.Option(help="Stop after this many steps.")] = None,
    max_cases: Annotated[Optional[int], typer.Option(help="Use at most this many questions.")] = None,
    batch_size: Annotated[Optional[int], typer.Option(help="Pairs per step.")] = None,
    seed: Annotated[Optional[int], typer.Option(help="Random seed.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue from the last checkpoint.")] = False,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Train the evidence cross-encoder (a LoRA adapter with its classifier head)."""
    from clinqa.train.evidence import TrainEvidenceConfig, train_evidence

    cfg = TrainEvidenceConfig.load(config, {"base": base, "train_data": train or None, "output_dir": output_dir,
                                            "max_steps": max_steps, "max_cases": max_cases,
                                            "batch_size": batch_size, "seed": seed})
    m = train_evidence(cfg, resume=resume)
    summary = {"output_dir": cfg.output_dir, "model": f"{cfg.output_dir}/model", "pairs": m["pairs"],
               "cases": m["cases"], "train_loss": m["train_loss"]}
    if json_out:
        emit_json(summary)
    else:
        stdout_console().print(json.dumps(summary, indent=2))


@app.command("mlm")
def train_mlm_cmd(
    config: Annotated[Optional[str], typer.Option("--config", "-c", help="YAML config.")] = None,
    base: Annotated[Optional[str], typer.Option(help="Encoder to continue pretraining (named, folder or hub id).")] = None,
    text: Annotated[Optional[list[str]], typer.Option("--text", help="Raw notes: TXT folder, JSONL/CSV/Parquet, NOTEEVENTS.csv, FHIR.")] = None,
    text_format: Annotated[Optional[str], typer.Option("--format", help="Force the text file format.")] = None,
    output_dir: Annotated[Optional[str], typer.Option("--output-dir", "-o", help="Checkpoints, model/ and metrics.json.")] = None,
    whole_word_mask: Annotated[Optional[bool], typer.Option("--whole-word-mask/--token-mask", help="Mask whole words or single tokens.")] = None,
    block_size: Annotated[Optional[int], typer.Option(help="Tokens per training block.")] = None,
    max_steps: Annotated[Optional[int], typer.Option(help="Stop after this many steps.")] = None,
    batch_size: Annotated[Optional[int], typer.Option(help="Blocks per step.")] = None,
    seed: Annotated[Optional[int], typer.Option(help="Random seed.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue from the last checkpoint.")] = False,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Continue masked-LM pretraining on in-domain text; reports held-out perplexity before/after."""
    from clinqa.train.mlm import TrainMLMConfig, train_mlm

    cfg = TrainMLMConfig.load(config, {"base": base, "text_data": text or None, "text_format": text_format,
                                       "output_dir": output_dir, "whole_word_mask": whole_word_mask,
                                       "block_size": block_size, "max_steps": max_steps, "batch_size": batch_size,
                                       "seed": seed})
    m = train_mlm(cfg, resume=resume)
    summary = {"output_dir": cfg.output_dir, "model": f"{cfg.output_dir}/model", "steps": m["steps"],
               "perplexity_before": m["perplexity_before"], "perplexity_after": m["perplexity_after"],
               "heldout_blocks": m["heldout_blocks"], "train_loss": m["train_loss"]}
    if json_out:
        emit_json(summary)
    else:
        stdout_console().print(json.dumps(summary, indent=2))


@app.command("summarize")
def train_summarize_cmd(
    config: Annotated[Optional[str], typer.Option("--config", "-c", help="YAML config (configs/summarize-t5-small.yaml: the seed; configs/summarize-smollm2.yaml: the shipped adapter).")] = None,
    model: Annotated[Optional[str], typer.Option(help="Base model: T5/Flan-T5 or an instruct causal LM (named, folder or hub id).")] = None,
    data: Annotated[Optional[str], typer.Option(help="A train/validation/test folder (prompt/impressions) or one file split by report id (Indiana CSV).")] = None,
    output_dir: Annotated[Optional[str], typer.Option("--output-dir", "-o", help="checkpoints/, adapter/, loss.csv, loss.png.")] = None,
    max_steps: Annotated[Optional[int], typer.Option(help="Stop after this many steps (overrides epochs).")] = None,
    epochs: Annotated[Optional[float], typer.Option(help="Training epochs.")] = None,
    batch_size: Annotated[Optional[int], typer.Option(help="Pairs per step.")] = None,
    learning_rate: Annotated[Optional[float], typer.Option("--lr", help="Peak learning rate.")] = None,
    max_train_examples: Annotated[Optional[int], typer.Option(help="Use at most this many training pairs.")] = None,
    quantization: Annotated[Optional[str], typer.Option(help="auto (QLoRA 4-bit when CUDA + bitsandbytes), 4bit, or none.")] = None,
    save_merged: Annotated[Optional[bool], typer.Option("--merged/--adapter-only", help="Also save the base with the adapter merged in.")] = None,
    seed: Annotated[Optional[int], typer.Option(help="Random seed.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue from the last checkpoint.")] = False,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """LoRA fine-tuning of the findings -> impression summarizer (seq2seq or causal)."""
    from clinqa.train.summarize import TrainSummarizeConfig, train_summarize

    cfg = TrainSummarizeConfig.load(config, {
        "model": model, "data": data, "output_dir": output_dir, "max_steps": max_steps, "epochs": epochs,
        "batch_size": batch_size, "learning_rate": learning_rate, "max_train_examples": max_train_examples,
        "quantization": quantization, "save_merged": save_merged, "seed": seed})
    s = train_summarize(cfg, resume=resume)
    summary = {k: s[k] for k in ("model", "kind", "qlora", "train_rows", "eval_rows", "steps", "train_loss",
                                 "first_loss", "last_loss", "adapter", "merged", "loss_csv", "loss_png",
                                 "train_data", "validation_data")}
    if json_out:
        emit_json(summary)
    else:
        stdout_console().print(json.dumps(summary, indent=2))


@app.command("generate")
def train_generate_cmd(
    config: Annotated[str, typer.Option("--config", "-c", help="YAML config with `stages:` (see configs/generate-smollm2.yaml).")],
    model: Annotated[Optional[str], typer.Option(help="Base instruct LM (named, folder or hub id; Qwen3-4B on a GPU).")] = None,
    output_dir: Annotated[Optional[str], typer.Option("--output-dir", "-o", help="One stage-N-<name>/ folder per stage.")] = None,
    quantization: Annotated[Optional[str], typer.Option(help="auto (QLoRA 4-bit when CUDA + bitsandbytes), 4bit, or none.")] = None,
    save_merged: Annotated[Optional[bool], typer.Option("--merged/--adapter-only", help="Also save the final model with the adapter merged in.")] = None,
    seed: Annotated[Optional[int], typer.Option(help="Random seed.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Skip finished stages; continue the unfinished one from its checkpoint.")] = False,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Two-stage LoRA/QLoRA fine-tuning of the grounded answer generator (loss on the answer only)."""
    from clinqa.train.generate import TrainGenerateConfig, train_generate

    cfg = TrainGenerateConfig.load(config, {"model": model, "output_dir": output_dir, "quantization": quantization,
                                            "save_merged": save_merged, "seed": seed})
    r = train_generate(cfg, resume=resume)
    summary = {"model": r["model"], "adapter": r["adapter"], "stages": [
        {k: st.get(k) for k in ("name", "data", "target", "cases", "steps", "first_loss", "last_loss", "qlora",
                                "adapter", "loss_png", "skipped")} for st in r["stages"]]}
    if json_out:
        emit_json(summary)
    else:
        stdout_console().print(json.dumps(summary, indent=2))
