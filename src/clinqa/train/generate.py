"""`clinqa train generate`: two-stage LoRA (QLoRA on a CUDA GPU) fine-tuning of the grounded
answer generator, as in the QU-NLP ArchEHR-QA 2026 system.

Stage 1 teaches the cited-answer format on generic QA turned into instructions (SQuAD-format
data), stage 2 the task (ArchEHR-QA-shaped cases; publicly: the Indiana reports). Each stage
starts from the previous stage's adapter, writes its own `stage-N-<name>/` folder, and is
skipped when already finished, so `--resume` after a crash redoes only the unfinished stage
(from its last checkpoint).

`target:` (for the run or per stage) chooses what the LM learns to write: `reference` (the
case's reference answer, prompted with the whole numbered note) or `copy_simplify` (the
extractive writer's plain-language sentences of the gold evidence, prompted with that evidence
only, as `clinqa generate --mode generate` prompts: `generate.cases.copy_simplify`).
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from clinqa.errors import DataError
from clinqa.train.sft import LoraHyper, SFTRow, train_lora

log = logging.getLogger(__name__)

STAGE_KEYS = {"name", "data", "key", "max_cases", "window", "validation_data", "max_validation_cases", "target"}


@dataclass
class TrainGenerateConfig(LoraHyper):
    model: str = "smollm2-135m-instruct"
    output_dir: str = "runs/generate"
    stages: list[dict] = field(default_factory=list)  # name, data, target, + any LoraHyper override
    target: str = "reference"  # or "copy_simplify" (see the module doc); a stage may override it
    save_merged: bool = False

    @classmethod
    def load(cls, path: str | Path | None, overrides: dict[str, Any] | None = None) -> TrainGenerateConfig:
        from clinqa.train._config import load_config

        cfg = load_config(cls, path, overrides)
        if not cfg.stages:
            raise DataError("no stages: the config needs `stages:` with at least one {name, data}", source="config")
        from clinqa.generate.cases import TARGETS

        hyper = set(LoraHyper.__dataclass_fields__)
        if cfg.target not in TARGETS:
            raise DataError(f"target must be one of {', '.join(TARGETS)}, got {cfg.target!r}", source="config")
        for i, st in enumerate(cfg.stages, start=1):
            if not isinstance(st, dict) or not st.get("data"):
                raise DataError(f"stage {i} needs a `data` entry (FILE or FILE#part)", source="config")
            unknown = set(st) - STAGE_KEYS - hyper
            if unknown:
                raise DataError(f"stage {i}: unknown keys {', '.join(sorted(unknown))}", source="config")
            if st.get("target", cfg.target) not in TARGETS:
                raise DataError(f"stage {i}: target must be one of {', '.join(TARGETS)}, got {st['target']!r}",
                                source="config")
        return cfg


def case_rows(cases, target: str = "reference") -> list[SFTRow]:
    """Training rows: `reference` pairs the whole numbered note with the reference answer;
    `copy_simplify` pairs the gold evidence (the generator's rewrite prompt) with its extractive
    plain-language sentences. Cases without a target are left out."""
    from clinqa.generate.cases import copy_simplify
    from clinqa.generate.prompts import answer_messages, rewrite_messages

    rows = []
    for c in cases:
        question = c.clinician_question or c.patient_question
        if target == "copy_simplify":
            cs = copy_simplify(c)
            if cs is not None:
                rows.append(SFTRow(rewrite_messages(question, cs.evidence, c.patient_narrative), cs.target))
        elif c.answer:
            rows.append(SFTRow(answer_messages(question, list(c.sentences), c.patient_narrative), c.answer))
    return rows


def train_generate(cfg: TrainGenerateConfig, resume: bool = False) -> dict:
    from clinqa.generate.cases import read_cases

    out = Path(cfg.output_dir)
    adapter: str | None = None
    stages = []
    hyper_names = set(LoraHyper.__dataclass_fields__)
    for i, st in enumerate(cfg.stages, start=1):
        name = st.get("name") or f"stage{i}"
        stage_dir = out / f"stage-{i}-{name}"
        done = stage_dir / "train_summary.json"
        if resume and done.exists():
            summary = json.loads(done.read_text(encoding="utf-8"))
            log.warning("stage %d (%s) already finished: reusing %s", i, name, summary["adapter"])
            adapter = summary["adapter"]
            stages.append({"name": name, **summary, "skipped": True})
            continue
        cases = read_cases(st["data"], key=st.get("key"), max_cases=st.get("max_cases"), window=st.get("window", 5))
        target = st.get("target", cfg.target)
        rows = case_rows(cases, target)
        if not rows:
            what = "gold evidence with readable text" if target == "copy_simplify" else "reference answers"
            raise DataError(f"stage {i} ({name}): the cases have no {what} to train on", source=st["data"])
        vrows = []
        if st.get("validation_data"):
            vrows = case_rows(read_cases(st["validation_data"], key=st.get("key"),
                                         max_cases=st.get("max_validation_cases", 32), window=st.get("window", 5)),
                              target)
        hp = LoraHyper(**{**{k: getattr(cfg, k) for k in hyper_names}, **{k: v for k, v in st.items() if k in hyper_names}})
        summary = train_lora(cfg.model, "causal", rows, vrows, stage_dir, hp, init_adapter=adapter, resume=resume,
                             save_merged=cfg.save_merged and i == len(cfg.stages))
        adapter = summary["adapter"]
        stages.append({"name": name, "data": st["data"], "target": target, "cases": len(rows), **summary})
    result = {"model": cfg.model, "adapter": adapter, "stages": stages, "config": asdict(cfg)}
    (out / "train_summary.json").write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    return result
