"""`clinqa train evidence`: a cross-encoder (question, sentence) -> relevance, trained as a LoRA
adapter over an encoder (offline: the packaged all-MiniLM-L6-v2) on the evidence proxy.

Pairs: every essential sentence of a case is a positive; the non-essential sentences BM25
ranks highest for the question are the hard negatives (what the ensemble must learn to push
down), plus random ones. The saved folder is a peft adapter for sequence classification with
the classifier head included (`modules_to_save`); `clinqa.models.registry` merges it into a
transformers folder that sentence-transformers' CrossEncoder reads.
"""

from __future__ import annotations

import contextlib
import json
import logging
import random
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from clinqa.errors import DataError

log = logging.getLogger(__name__)


@dataclass
class TrainEvidenceConfig:
    base: str = "minilm"
    output_dir: str = "runs/cross"
    train_data: list[str] = field(default_factory=list)
    hard_negatives: int = 3
    random_negatives: int = 1
    max_length: int = 160
    epochs: float = 1.0
    batch_size: int = 32
    learning_rate: float = 5e-4
    lora_r: int = 16
    max_cases: int | None = None
    max_steps: int = -1
    save_steps: int = 200
    seed: int = 13

    @classmethod
    def load(cls, path: str | Path | None, overrides: dict[str, Any] | None = None) -> TrainEvidenceConfig:
        from clinqa.train._config import load_config

        cfg = load_config(cls, path, overrides, ("train_data",))
        if not cfg.train_data:
            raise DataError("no training data: set train_data or pass --train", source="config")
        return cfg


def make_pairs(cases, cfg: TrainEvidenceConfig, rng: random.Random) -> list[tuple[str, str, float]]:
    from clinqa.retrieval.bm25 import BM25Scorer

    pairs = []
    fitted: dict[str, BM25Scorer] = {}
    for case in cases:
        texts = [s.text for s in case.sentences]
        if case.note.id not in fitted:
            fitted.clear()
            fitted[case.note.id] = BM25Scorer().fit(texts)
        scores = fitted[case.note.id].score(case.question)
        pos = [i for i, s in enumerate(case.sentences) if case.relevance.get(s.id) == "essential"]
        neg = [i for i in np.argsort(-scores, kind="stable") if i not in pos]
        hard = neg[: cfg.hard_negatives]
        rest = neg[cfg.hard_negatives:]
        chosen = hard + rng.sample(rest, min(len(rest), cfg.random_negatives))
        pairs += [(case.question, texts[i], 1.0) for i in pos] + [(case.question, texts[i], 0.0) for i in chosen]
    return pairs


def train_evidence(cfg: TrainEvidenceConfig, resume: bool = False) -> dict:
    import torch
    from peft import LoraConfig, TaskType, get_peft_model
    from transformers import AutoModelForSequenceClassification, Trainer, TrainingArguments, set_seed

    from clinqa.data.splits import read_qa_spec
    from clinqa.models import load_tokenizer
    from clinqa.models.loader import resolve
    from clinqa.retrieval.proxy import evidence_cases

    set_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    out = Path(cfg.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    examples = [ex for spec in cfg.train_data for ex in read_qa_spec(spec)]
    cases = list(evidence_cases(examples))
    if cfg.max_cases:
        cases = cases[: cfg.max_cases]
    pairs = make_pairs(cases, cfg, rng)
    rng.shuffle(pairs)
    log.warning("cross-encoder: %d pairs (%d positive) from %d cases", len(pairs), sum(p[2] > 0 for p in pairs), len(cases))

    tok = load_tokenizer(cfg.base)
    base = AutoModelForSequenceClassification.from_pretrained(resolve(cfg.base), num_labels=1)
    model = get_peft_model(base, LoraConfig(task_type=TaskType.SEQ_CLS, r=cfg.lora_r, lora_alpha=2 * cfg.lora_r,
                                            lora_dropout=0.1, target_modules=["query", "key", "value", "dense"]))

    class Pairs(torch.utils.data.Dataset):
        def __len__(self):
            return len(pairs)

        def __getitem__(self, i):
            q, s, y = pairs[i]
            enc = tok(q, s, truncation="longest_first", max_length=cfg.max_length)
            return {**enc, "labels": float(y)}

    def collate(batch):
        labels = torch.tensor([b.pop("labels") for b in batch], dtype=torch.float32)
        padded = tok.pad(batch, return_tensors="pt")
        return {**padded, "labels": labels}

    class BCETrainer(Trainer):
        def compute_loss(self, model, inputs, return_outputs=False, **kw):
            labels = inputs.pop("labels")
            logits = model(**inputs).logits.squeeze(-1)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, labels)
            return (loss, logits) if return_outputs else loss

    args = TrainingArguments(
        output_dir=str(out / "checkpoints"), per_device_train_batch_size=cfg.batch_size, num_train_epochs=cfg.epochs,
        max_steps=cfg.max_steps, learning_rate=cfg.learning_rate, warmup_steps=0.1, weight_decay=0.01,
        save_steps=cfg.save_steps, save_total_limit=2, logging_steps=25, seed=cfg.seed, report_to=[],
        use_cpu=not torch.cuda.is_available(), remove_unused_columns=False, dataloader_num_workers=0,
    )
    trainer = BCETrainer(model=model, args=args, train_dataset=Pairs(), data_collator=collate)
    has_ckpt = any((out / "checkpoints").glob("checkpoint-*"))
    with contextlib.redirect_stdout(sys.stderr):
        result = trainer.train(resume_from_checkpoint=True if resume and has_ckpt else None)
    model.save_pretrained(out / "model")
    meta = {"base_model": cfg.base, "kind": "cross-encoder", "max_length": cfg.max_length}
    (out / "model" / "clinqa_cross.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    metrics = {"config": asdict(cfg), "pairs": len(pairs), "cases": len(cases), "train_loss": result.training_loss,
               "loss_curve": [h for h in trainer.state.log_history if "loss" in h]}
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return metrics
