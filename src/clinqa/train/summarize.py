"""`clinqa train summarize`: a LoRA adapter for findings -> impression.

The defaults are the seed's (T5-small + LoRA r=16, alpha=64, dropout 0.1, all linear layers,
`extract: ` prefix, 512/256 tokens, 5 epochs, batch 16, lr 5e-5, weight decay 0.01, warmup 500,
fp16 where a GPU supports it). Data: a folder with train/validation(/test) files of the
`prompt`/`impressions` layout, or one file (the Indiana CSV) split by report id: `#fit` trains,
`#dev` validates, `#heldout` is never seen (it is the evaluation split).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from clinqa.errors import DataError
from clinqa.train.sft import LoraHyper, SFTRow, train_lora

log = logging.getLogger(__name__)


@dataclass
class TrainSummarizeConfig(LoraHyper):
    model: str = "t5-small"
    kind: str = "auto"
    data: str = ""  # a split folder, or FILE (then FILE#fit / FILE#dev)
    train_data: str | None = None  # explicit specs override `data`
    validation_data: str | None = None
    output_dir: str = "runs/summarize"
    prefix: str = "extract: "
    max_train_examples: int | None = None
    max_validation_examples: int | None = 200
    save_merged: bool = False
    # Indiana's references are mostly "no acute cardiopulmonary abnormality", so a model trained
    # on them as they come learns to call studies normal. Abnormal reports (the CheXpert labeler
    # finds a pathology in the reference impression) appear this many times in the training set.
    abnormal_repeat: int = 1
    init_adapter: str | None = None  # continue an adapter (a folder or a packaged name)

    @classmethod
    def load(cls, path: str | Path | None, overrides: dict[str, Any] | None = None) -> TrainSummarizeConfig:
        from clinqa.train._config import load_config

        cfg = load_config(cls, path, overrides)
        if not (cfg.data or cfg.train_data):
            raise DataError("no training data: set data (or train_data) in the config or pass --data", source="config")
        return cfg


def split_specs(cfg: TrainSummarizeConfig) -> tuple[str, str | None]:
    if cfg.train_data:
        return cfg.train_data, cfg.validation_data
    p = Path(cfg.data)
    if p.is_dir():
        from clinqa.data.radiology import read_split_folder

        splits = read_split_folder(p)
        if "train" not in splits:
            raise DataError("the split folder has no train file", source=str(p))
        return str(splits["train"]), (str(splits["validation"]) if "validation" in splits else None)
    return f"{cfg.data}#fit", f"{cfg.data}#dev"


def upweight_abnormal(pairs: list, repeat: int) -> list:
    """Each pair whose reference impression names a pathology `repeat` times, in place (the
    trainer shuffles)."""
    if repeat == 1:
        return list(pairs)
    from clinqa.text.chexpert import label_text

    out = []
    for p in pairs:
        abnormal = not label_text(p.impression or "").normal
        out.extend([p] * (repeat if abnormal else 1))
    log.info("abnormal reports repeated x%d: %d training rows from %d reports", repeat, len(out), len(pairs))
    return out


def train_summarize(cfg: TrainSummarizeConfig, resume: bool = False) -> dict:
    from clinqa.data.radiology import read_pairs_spec
    from clinqa.generate.decoding import model_kind
    from clinqa.models.loader import resolve
    from clinqa.summarize.prompts import prompt_for

    kind = cfg.kind if cfg.kind != "auto" else model_kind(resolve(cfg.model))
    train_spec, val_spec = split_specs(cfg)
    train = read_pairs_spec(train_spec)[: cfg.max_train_examples]
    val = read_pairs_spec(val_spec)[: cfg.max_validation_examples] if val_spec and cfg.max_validation_examples else []
    if cfg.abnormal_repeat < 1:
        raise DataError(f"abnormal_repeat must be at least 1, got {cfg.abnormal_repeat}", source="config")
    train = upweight_abnormal(train, cfg.abnormal_repeat)
    rows = [SFTRow(prompt_for(kind, p.findings, cfg.prefix), p.impression or "") for p in train]
    vrows = [SFTRow(prompt_for(kind, p.findings, cfg.prefix), p.impression or "") for p in val]
    hp = LoraHyper(**{k: getattr(cfg, k) for k in LoraHyper.__dataclass_fields__})
    init = resolve(cfg.init_adapter) if cfg.init_adapter else None
    summary = train_lora(cfg.model, kind, rows, vrows, cfg.output_dir, hp, resume=resume, save_merged=cfg.save_merged,
                         init_adapter=init)
    summary.update({"train_data": train_spec, "validation_data": val_spec, "config": asdict(cfg)})
    return summary
