"""`clinqa train mlm`: domain-adaptive masked-LM pretraining of any encoder on raw notes.

Text streams from any note reader (TXT folder, JSONL/CSV/Parquet, NOTEEVENTS.csv, FHIR) into
fixed-length token blocks, so memory stays flat in corpus size; transformers' Trainer does the
loop (checkpoints, `--resume`, seeds) and its collator the masking (token or whole-word).
Perplexity on held-out text is measured before and after, on the same blocks. The output folder
is a plain transformers model that `clinqa train qa --base` takes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import math
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from clinqa.errors import DataError

log = logging.getLogger(__name__)


@dataclass
class TrainMLMConfig:
    base: str = "minilm"
    output_dir: str = "runs/mlm"
    text_data: list[str] = field(default_factory=list)  # note collections (any reader format)
    text_format: str | None = None
    text_column: str | None = None  # for CSV/JSONL/Parquet collections
    id_column: str | None = None
    heldout_fraction: float = 0.05  # notes held out by id hash for perplexity
    block_size: int = 128
    mlm_probability: float = 0.15
    whole_word_mask: bool = False
    epochs: float = 1.0
    max_steps: int = -1
    batch_size: int = 16
    learning_rate: float = 5e-5
    save_steps: int = 500
    max_eval_blocks: int = 200
    seed: int = 13

    @classmethod
    def load(cls, path: str | Path | None, overrides: dict[str, Any] | None = None) -> TrainMLMConfig:
        from clinqa.train._config import load_config

        cfg = load_config(cls, path, overrides, ("text_data",))
        if not cfg.text_data:
            raise DataError("no text: set text_data or pass --text", source="config")
        return cfg


def _heldout(note_id: str, fraction: float) -> bool:
    return int(hashlib.sha1(("clinqa-mlm:" + note_id).encode()).hexdigest()[:8], 16) % 10_000 < fraction * 10_000


def iter_blocks(cfg: TrainMLMConfig, tokenizer, heldout: bool):
    """Token blocks of `block_size` (with the model's special tokens), streamed note by note."""
    from clinqa.data import read_notes

    first = tokenizer.cls_token_id if tokenizer.cls_token_id is not None else tokenizer.bos_token_id
    last = tokenizer.sep_token_id if tokenizer.sep_token_id is not None else tokenizer.eos_token_id
    head, tail = [x for x in (first,) if x is not None], [x for x in (last,) if x is not None]
    body = cfg.block_size - len(head) - len(tail)
    buf: list[int] = []
    offs: list[tuple[int, int]] = []  # whole-word masking finds word starts from these
    for spec in cfg.text_data:
        for note in read_notes(spec, cfg.text_format, text_column=cfg.text_column, id_column=cfg.id_column,
                               skipped=[]):
            if _heldout(note.id, cfg.heldout_fraction) != heldout:
                continue
            enc = tokenizer(note.text, add_special_tokens=False, return_offsets_mapping=cfg.whole_word_mask)
            buf.extend(enc["input_ids"])
            if cfg.whole_word_mask:
                offs.extend(tuple(o) for o in enc["offset_mapping"])
            while len(buf) >= body:
                ids = head + buf[:body] + tail
                block = {"input_ids": ids, "attention_mask": [1] * len(ids)}
                if cfg.whole_word_mask:
                    block["offset_mapping"] = [(0, 0)] * len(head) + offs[:body] + [(0, 0)] * len(tail)
                    offs = offs[body:]
                buf = buf[body:]
                yield block


def perplexity(model, blocks: list[dict], make_collator, batch_size: int = 16) -> float:
    """exp(mean masked-token loss). `make_collator()` gives a freshly seeded collator, so
    before and after are measured on the same masked positions."""
    import torch

    if not blocks:
        return float("nan")
    collator = make_collator()
    model.eval()
    total, n = 0.0, 0
    with torch.inference_mode():
        for b in range(0, len(blocks), batch_size):
            batch = collator([dict(x) for x in blocks[b:b + batch_size]])
            batch = {k: v.to(model.device) for k, v in batch.items()}
            masked = int((batch["labels"] != -100).sum())
            if masked == 0:  # nothing masked in this batch: its loss is undefined
                continue
            out = model(**batch)
            total += float(out.loss) * masked
            n += masked
    return math.exp(total / max(n, 1))


def train_mlm(cfg: TrainMLMConfig, resume: bool = False) -> dict:
    import torch
    from transformers import DataCollatorForLanguageModeling, Trainer, TrainingArguments, set_seed

    from clinqa.models import load_model

    set_seed(cfg.seed)
    loaded = load_model(cfg.base, "mlm")
    model, tok = loaded.model, loaded.tokenizer
    if tok.mask_token is None:
        raise DataError(f"{cfg.base}: the tokenizer has no mask token; masked-LM training needs one")
    def make_collator(seed=None):
        return DataCollatorForLanguageModeling(tok, mlm_probability=cfg.mlm_probability,
                                               whole_word_mask=cfg.whole_word_mask, seed=seed)

    collator = make_collator()
    held = []
    for blk in iter_blocks(cfg, tok, heldout=True):
        held.append(blk)
        if len(held) >= cfg.max_eval_blocks:
            break
    before = perplexity(model, held, lambda: make_collator(cfg.seed))

    class Stream(torch.utils.data.IterableDataset):
        def __iter__(self):
            return iter_blocks(cfg, tok, heldout=False)

    steps = cfg.max_steps
    if steps <= 0:  # an iterable dataset has no length: count blocks once (streamed, not stored)
        n_blocks = sum(1 for _ in iter_blocks(cfg, tok, heldout=False))
        if n_blocks == 0:
            raise DataError("no training text: every note is in the held-out share or shorter than one block")
        steps = max(1, math.ceil(n_blocks / cfg.batch_size * cfg.epochs))
    out = Path(cfg.output_dir)
    args = TrainingArguments(
        output_dir=str(out / "checkpoints"), per_device_train_batch_size=cfg.batch_size, max_steps=steps,
        learning_rate=cfg.learning_rate, warmup_steps=0.06, weight_decay=0.01, save_steps=cfg.save_steps,
        save_total_limit=2, logging_steps=max(1, min(50, cfg.save_steps)), seed=cfg.seed, report_to=[],
        use_cpu=not torch.cuda.is_available(), dataloader_num_workers=0, remove_unused_columns=False,
    )
    model.train()
    trainer = Trainer(model=model, args=args, train_dataset=Stream(), data_collator=collator)
    has_ckpt = any((out / "checkpoints").glob("checkpoint-*"))
    with contextlib.redirect_stdout(sys.stderr):
        result = trainer.train(resume_from_checkpoint=True if resume and has_ckpt else None)
    model.save_pretrained(out / "model")
    tok.save_pretrained(out / "model")
    after = perplexity(model, held, lambda: make_collator(cfg.seed))
    metrics = {"config": asdict(cfg), "steps": steps, "train_loss": result.training_loss, "heldout_blocks": len(held),
               "perplexity_before": before, "perplexity_after": after,
               "loss_curve": [h for h in trainer.state.log_history if "loss" in h]}
    out.mkdir(parents=True, exist_ok=True)
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return metrics
