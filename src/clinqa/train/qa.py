"""`clinqa train qa`: joint training of the span and category heads.

loss = span + lambda * category, the category part a soft-label cross-entropy against the weak
labeler's distribution (`--tasks span` / `--tasks category` give the single-task baselines).
transformers' Trainer runs the loop: checkpoints every `save_steps`, `--resume` from the last
one, fixed seeds, a progress bar on stderr, CPU or GPU. Each epoch ends with SQuAD EM/F1 and
category accuracy on the dev data.

Long notes give many windows per question and only one holds the answer; all windows with the
answer are kept and `negatives_per_example` of the others are sampled (seeded) to teach
"not in this window" without drowning the signal.
"""

from __future__ import annotations

import collections
import contextlib
import json
import logging
import random
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from clinqa.errors import DataError

log = logging.getLogger(__name__)


@dataclass
class TrainQAConfig:
    base: str = "minilm"
    output_dir: str = "runs/qa"
    train_data: list[str] = field(default_factory=list)  # FILE or FILE#train / FILE#heldout
    dev_data: list[str] = field(default_factory=list)
    tasks: list[str] = field(default_factory=lambda: ["span", "category"])
    category_weight: float = 0.5  # lambda
    branch_layers: int = 0
    categories: list[str] | None = None  # default: the five categories + Other
    lora: dict | None = None  # peft LoraConfig arguments; None = full fine-tuning
    epochs: float = 2.0
    batch_size: int = 16
    learning_rate: float = 5e-5
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    max_length: int = 384
    stride: int = 128
    max_answer_tokens: int = 30
    negatives_per_example: int = 1
    max_train_examples: int | None = None
    max_dev_examples: int | None = 200
    save_steps: int = 200
    max_steps: int = -1
    seed: int = 13
    half: bool = False  # save the final encoder in float16 (the shipped model)
    freeze_word_embeddings: bool = False  # and leave them out of the saved folder (read from base)
    window_top_n: int | None = None
    # A clinqa QA model folder to continue from (curriculum: span pretraining -> synthetic
    # clinical questions -> real questions); `base` is then the model's own base.
    init_from: str | None = None

    @classmethod
    def load(cls, path: str | Path | None, overrides: dict[str, Any] | None = None) -> TrainQAConfig:
        from clinqa.train._config import load_config

        cfg = load_config(cls, path, overrides, ("train_data", "dev_data", "tasks"))
        if not cfg.train_data:
            raise DataError("no training data: set train_data in the config or pass --train", source="config")
        return cfg


def build_features(examples, tokenizer, cfg: TrainQAConfig, labels: list[str], labeler, rng: random.Random) -> list[dict]:
    """Training windows with start/end token labels, category targets and mask."""
    from clinqa.qa.features import char_to_token_positions, make_windows

    feats = []
    skipped: collections.Counter[str] = collections.Counter()
    for ex in examples:
        if not ex.answers and not ex.is_impossible:
            continue
        try:
            wins = make_windows(tokenizer, [ex.question], [ex.note.text], cfg.max_length, cfg.stride)
        except DataError as e:
            if getattr(e, "source", None) != "question":
                raise
            # a cloze question longer than half a window (span pretraining on short windows) or
            # one with no tokens: skipped and counted by reason, since reading would refuse it too
            half = "half of max_length" in str(e)
            skipped[f"longer than half of max_length {cfg.max_length}" if half else "without tokens"] += 1
            continue
        ans = ex.answers[0] if ex.answers else None
        if ans is not None:
            dist = labeler.label(ans.text, ex.question) if ex.category is None else \
                {c: float(c == ex.category) for c in labels}
            target = [float(dist.get(c, 0.0)) for c in labels]
        else:
            target = [0.0] * len(labels)
        pos, neg = [], []
        for w in wins:
            tp = char_to_token_positions(w, ans.start, ans.end) if ans is not None else None
            (pos if tp else neg).append((w, tp or (0, 0)))
        if ans is not None and not pos:
            continue  # answer longer than a window: nothing to learn from
        if ans is None:
            chosen = rng.sample(neg, min(len(neg), max(1, cfg.negatives_per_example)))
        else:
            chosen = pos + rng.sample(neg, min(len(neg), cfg.negatives_per_example))
        for w, (s, e) in chosen:
            f = {"input_ids": w.input_ids, "attention_mask": w.attention_mask, "start_positions": s,
                 "end_positions": e, "category_targets": target, "category_mask": 1.0 if ans is not None else 0.0}
            if w.token_type_ids is not None:
                f["token_type_ids"] = w.token_type_ids
            feats.append(f)
    for reason, n in sorted(skipped.items()):
        log.warning("skipped %d questions %s", n, reason)
    return feats


def _continue_from(cfg: TrainQAConfig, mcfg):
    """The model of an earlier stage, with this stage's tasks; heads and encoder carry over."""
    from clinqa.qa.folder import is_clinqa_folder
    from clinqa.qa.model import load_qa_model

    if not is_clinqa_folder(cfg.init_from):
        raise DataError(f"init_from {cfg.init_from!r} is not a clinqa QA model folder (run the earlier stage first)",
                        source="config")
    if cfg.lora:
        raise DataError("init_from continues full fine-tuning; drop lora from this stage", source="config")
    model, tokenizer = load_qa_model(cfg.init_from)
    if list(model.qa_config.categories) != list(mcfg.categories):
        raise DataError(f"init_from has categories {model.qa_config.categories}, this stage {mcfg.categories}",
                        source="config")
    if model.qa_config.branch_layers != mcfg.branch_layers:
        raise DataError("init_from has a different branch_layers", source="config")
    model.qa_config.tasks = list(mcfg.tasks)
    model.qa_config.null_threshold = None
    model.qa_config.max_length, model.qa_config.stride = mcfg.max_length, mcfg.stride
    model.qa_config.max_answer_tokens = mcfg.max_answer_tokens
    cfg.base = model.qa_config.base_model
    model.train()
    return model, tokenizer


class _Collator:
    def __init__(self, pad_id: int):
        self.pad_id = pad_id

    def __call__(self, batch: list[dict]) -> dict:
        import torch

        width = max(len(b["input_ids"]) for b in batch)
        out = {
            "input_ids": torch.tensor([b["input_ids"] + [self.pad_id] * (width - len(b["input_ids"])) for b in batch]),
            "attention_mask": torch.tensor([b["attention_mask"] + [0] * (width - len(b["attention_mask"])) for b in batch]),
            "start_positions": torch.tensor([b["start_positions"] for b in batch]),
            "end_positions": torch.tensor([b["end_positions"] for b in batch]),
            "category_targets": torch.tensor([b["category_targets"] for b in batch], dtype=torch.float32),
            "category_mask": torch.tensor([b["category_mask"] for b in batch], dtype=torch.float32),
        }
        if "token_type_ids" in batch[0]:
            out["token_type_ids"] = torch.tensor([b["token_type_ids"] + [0] * (width - len(b["token_type_ids"]))
                                                  for b in batch])
        return out


def train_qa(cfg: TrainQAConfig, resume: bool = False) -> dict:
    """Train, evaluate on dev each epoch, tune the no-answer threshold, save. Returns metrics."""
    import torch
    from transformers import Trainer, TrainerCallback, TrainingArguments, set_seed

    from clinqa.data.splits import read_qa_spec
    from clinqa.qa.categories import LABELS, WeakLabeler
    from clinqa.qa.evaluation import evaluate_reader
    from clinqa.qa.model import QAModelConfig, new_model
    from clinqa.qa.reader import ExtractiveReader

    set_seed(cfg.seed)
    out_dir = Path(cfg.output_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    labels = list(cfg.categories or LABELS)
    mcfg = QAModelConfig(categories=labels, branch_layers=cfg.branch_layers, tasks=list(cfg.tasks),
                         max_length=cfg.max_length, stride=cfg.stride, max_answer_tokens=cfg.max_answer_tokens)
    if cfg.init_from:
        model, tokenizer = _continue_from(cfg, mcfg)
    else:
        model, tokenizer = new_model(cfg.base, mcfg, lora=cfg.lora)
    model.category_weight = cfg.category_weight
    if cfg.freeze_word_embeddings:
        if cfg.lora:
            raise DataError("freeze_word_embeddings is for full fine-tuning; LoRA already freezes the base")
        emb = model.encoder.get_input_embeddings()
        emb.weight.requires_grad_(False)
        name = next(k for k, v in model.encoder.named_parameters() if v is emb.weight)
        model.qa_config.base_params = [name]

    train_ex = [ex for spec in cfg.train_data for ex in read_qa_spec(spec)]
    rng = random.Random(cfg.seed)
    if cfg.max_train_examples:
        rng.shuffle(train_ex)
        train_ex = train_ex[: cfg.max_train_examples]
    dev_ex = [ex for spec in cfg.dev_data for ex in read_qa_spec(spec)]
    if cfg.max_dev_examples and len(dev_ex) > cfg.max_dev_examples:
        dev_ex = random.Random(cfg.seed).sample(dev_ex, cfg.max_dev_examples)
    labeler = WeakLabeler(tuple(labels))
    feats = build_features(train_ex, tokenizer, cfg, labels, labeler, rng)
    if not feats:
        raise DataError("no training windows: do the training files have answers inside their contexts?")
    log.warning("training on %d windows from %d questions; dev %d questions", len(feats), len(train_ex), len(dev_ex))

    history: list[dict] = []

    def dev_eval() -> dict:
        if not dev_ex:
            return {}
        model.eval()
        reader = ExtractiveReader(model, tokenizer, "training", categories=labels if "category" in cfg.tasks else None,
                                  max_length=cfg.max_length, stride=cfg.stride,
                                  max_answer_tokens=cfg.max_answer_tokens, window_top_n=cfg.window_top_n,
                                  backend="torch")  # weights change between evaluations: no ONNX cache
        ev = evaluate_reader(reader, dev_ex)
        model.train()
        return {"exact": ev.squad.exact, "f1": ev.squad.f1,
                "category_accuracy": ev.category["accuracy"] if ev.category else None,
                "category_macro_f1": ev.category["macro_f1"] if ev.category else None,
                "null_threshold": ev.null_threshold, "min_score": ev.abstention.get("min_score")}

    class EpochEval(TrainerCallback):
        def on_epoch_end(self, args, state, control, **kw):
            m = dev_eval()
            if m:
                m.update(epoch=round(state.epoch or 0, 2), step=state.global_step)
                history.append(m)
                log.warning("dev after epoch %.2f: %s", state.epoch or 0, json.dumps(m))

    class _Trainer(Trainer):
        parts: dict = {"span_loss": [], "category_loss": []}

        def compute_loss(self, model, inputs, return_outputs=False, **kw):
            out = model(**inputs)
            for k in self.parts:
                self.parts[k].append(float(out[k]))
            return (out["loss"], out) if return_outputs else out["loss"]

        def log(self, logs, *args, **kw):
            for k, v in self.parts.items():
                if v and "loss" in logs:
                    logs[k] = round(sum(v) / len(v), 4)
                    v.clear()
            super().log(logs, *args, **kw)

    use_cpu = not torch.cuda.is_available()
    args = TrainingArguments(
        output_dir=str(out_dir / "checkpoints"), per_device_train_batch_size=cfg.batch_size,
        num_train_epochs=cfg.epochs, max_steps=cfg.max_steps, learning_rate=cfg.learning_rate,
        weight_decay=cfg.weight_decay, warmup_steps=cfg.warmup_ratio, save_steps=cfg.save_steps,
        save_total_limit=2, logging_steps=max(1, min(50, cfg.save_steps)), seed=cfg.seed, data_seed=cfg.seed,
        report_to=[], use_cpu=use_cpu, bf16=False, fp16=not use_cpu, dataloader_num_workers=0,
        remove_unused_columns=False, disable_tqdm=False,
    )
    trainer = _Trainer(model=model, args=args, train_dataset=feats,
                       data_collator=_Collator(tokenizer.pad_token_id or 0), callbacks=[EpochEval()])
    has_ckpt = any((out_dir / "checkpoints").glob("checkpoint-*"))
    if resume and not has_ckpt:
        log.warning("--resume: no checkpoint in %s, starting from scratch", out_dir / "checkpoints")
    # Trainer's progress callback writes its log lines to stdout; the CLI contract keeps stdout
    # for the one JSON document.
    with contextlib.redirect_stdout(sys.stderr):
        result = trainer.train(resume_from_checkpoint=True if resume and has_ckpt else None)

    final = history[-1] if history else dev_eval()
    model.qa_config.null_threshold = final.get("null_threshold") if final else None
    model.eval()
    model.save_pretrained(out_dir / "model", tokenizer, half=cfg.half)
    if final and final.get("min_score") is not None:  # the answer policy's abstention, stored with the model
        from clinqa.qa.policy import Calibration

        Calibration(min_score=final["min_score"], source=f"tuned on the training dev split ({len(dev_ex)} questions)"
                    ).save(out_dir / "model")
    losses = [h for h in trainer.state.log_history if "loss" in h]
    metrics = {"config": asdict(cfg), "train_windows": len(feats), "train_questions": len(train_ex),
               "dev_questions": len(dev_ex), "train_loss": result.training_loss, "dev_history": history,
               "dev": final, "loss_curve": losses}
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2, default=str) + "\n", encoding="utf-8")
    return metrics
