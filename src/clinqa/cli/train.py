"""`clinqa train <model>`: one command per model family, a YAML config, flags override it."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from clinqa.cli._common import JSON_HELP, emit_json, stdout_console
from clinqa.cli.pending import pending_sub

app = typer.Typer(help="Train models: qa (span + category heads), evidence (cross-encoder).", no_args_is_help=True)


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
        "max_train_examples": max_train_examples, "save_steps": save_steps, "seed": seed,
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


for _name, _what in {"generate": "LoRA fine-tuning of the answer generator",
                     "summarize": "LoRA fine-tuning of the impression summarizer"}.items():
    app.command(_name, context_settings={"ignore_unknown_options": True, "allow_extra_args": True})(
        pending_sub(f"train {_name}", _what))
