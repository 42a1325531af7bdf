"""LoRA supervised fine-tuning shared by `train summarize` and `train generate`.

- Causal LMs go through trl's `SFTTrainer` with conversational prompt/completion rows: the chat
  template of the model renders them and the loss covers the completion tokens only.
- Seq2seq models (T5 family) go through transformers' `Seq2SeqTrainer`; their loss is on the
  target by construction.
- peft LoRA on both (`target_modules="all-linear"` by default). QLoRA (bitsandbytes 4-bit NF4,
  double quantisation, bfloat16 compute) is chosen only when a CUDA GPU and bitsandbytes are
  both present; on CPU the base stays in float32 and plain LoRA trains.
- A run can start from an earlier adapter (`init_adapter`): that is how stage 2 continues
  stage 1. Checkpoints go to `out/checkpoints` and `resume=True` continues the last one.
- Outputs: `out/adapter` (adapter only), optionally `out/merged` (base with the adapter folded
  in), `out/loss.csv` and `out/loss.png` (training and evaluation loss per logged step).
"""

from __future__ import annotations

import contextlib
import csv
import importlib.util
import json
import logging
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from clinqa.errors import DataError, UsageError

log = logging.getLogger(__name__)

Quantization = Literal["auto", "4bit", "none"]


@dataclass
class LoraHyper:
    """Adapter and optimisation settings; the defaults are the radiology seed's (T5-small + LoRA)."""

    r: int = 16
    alpha: int = 64
    dropout: float = 0.1
    bias: str = "none"
    target_modules: Any = "all-linear"
    epochs: float = 5.0
    max_steps: int = -1
    batch_size: int = 16
    grad_accum: int = 1
    learning_rate: float = 5e-5
    weight_decay: float = 0.01
    warmup_steps: int = 500
    max_source_length: int = 512
    max_target_length: int = 256
    fp16: str = "auto"  # "auto": only where a CUDA GPU supports it
    quantization: Quantization = "auto"
    logging_steps: int = 10
    save_steps: int = 100
    seed: int = 42

    def __post_init__(self):
        if self.r <= 0 or self.alpha <= 0:
            raise DataError(f"LoRA r and alpha must be positive, got r={self.r}, alpha={self.alpha}", source="config")
        if not 0 <= self.dropout < 1:
            raise DataError(f"LoRA dropout must be in [0, 1), got {self.dropout}", source="config")
        if self.quantization not in ("auto", "4bit", "none"):
            raise DataError(f"quantization must be auto, 4bit or none, got {self.quantization!r}", source="config")
        if self.bias not in ("none", "all", "lora_only"):
            raise DataError(f"bias must be none, all or lora_only, got {self.bias!r}", source="config")


@dataclass
class SFTRow:
    """One training pair. Causal: `prompt` is a list of chat messages and `completion` the
    assistant's reply. Seq2seq: `prompt` is the source text."""

    prompt: Any
    completion: str


def cuda_and_bitsandbytes() -> bool:
    """The capability QLoRA needs; the one place the choice looks at the hardware."""
    import torch

    return bool(torch.cuda.is_available()) and importlib.util.find_spec("bitsandbytes") is not None


def use_qlora(requested: Quantization) -> bool:
    have = cuda_and_bitsandbytes()
    if requested == "4bit" and not have:
        raise UsageError("QLoRA (quantization: 4bit) needs a CUDA GPU and the bitsandbytes package; this machine "
                         "has no usable CUDA device or no bitsandbytes. Use quantization: none (plain LoRA) "
                         "or auto")
    return requested == "4bit" or (requested == "auto" and have)


def _use_fp16(setting: str) -> bool:
    import torch

    if setting == "auto":
        return bool(torch.cuda.is_available())
    if setting in (True, "true", "yes", "1"):
        if not torch.cuda.is_available():
            raise UsageError("fp16 training was requested but no CUDA GPU is present; set fp16: auto")
        return True
    return False


def lora_config(hp: LoraHyper, kind: str):
    from peft import LoraConfig, TaskType

    return LoraConfig(r=hp.r, lora_alpha=hp.alpha, lora_dropout=hp.dropout, bias=hp.bias,
                      target_modules=hp.target_modules,
                      task_type=TaskType.SEQ_2_SEQ_LM if kind == "seq2seq" else TaskType.CAUSAL_LM)


def load_base(model: str, kind: str, qlora: bool):
    """The frozen base model and its tokenizer, 4-bit when `qlora`."""
    from clinqa.models.loader import load_model

    kwargs: dict[str, Any] = {}
    if qlora:
        import torch
        from transformers import BitsAndBytesConfig

        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
            bnb_4bit_compute_dtype=torch.bfloat16)
        kwargs["device_map"] = {"": 0}
    lm = load_model(model, kind, **kwargs)
    base, tok = lm.model, lm.tokenizer
    if qlora:
        from peft import prepare_model_for_kbit_training

        base = prepare_model_for_kbit_training(base)
    if kind == "causal":
        if tok.pad_token is None:
            tok.pad_token = tok.eos_token
        if not getattr(tok, "chat_template", None):
            raise UsageError(f"model {model!r} has no chat template; causal fine-tuning renders prompts with it. "
                             "Use an instruction-tuned model or add a chat_template to its tokenizer_config.json")
    return base, tok


def _seq2seq_dataset(rows: list[SFTRow], tok, hp: LoraHyper):
    feats = []
    for r in rows:
        enc = tok(r.prompt, max_length=hp.max_source_length, truncation=True)
        enc["labels"] = tok(text_target=r.completion, max_length=hp.max_target_length, truncation=True)["input_ids"]
        feats.append(dict(enc))
    return feats


def _causal_dataset(rows: list[SFTRow]):
    from datasets import Dataset

    return Dataset.from_list([{"prompt": r.prompt, "completion": [{"role": "assistant", "content": r.completion}]}
                              for r in rows])


@dataclass
class Run:
    trainer: Any
    model: Any  # the peft model
    tokenizer: Any
    qlora: bool
    fp16: bool


def build_trainer(model: str, kind: str, train_rows: list[SFTRow], eval_rows: list[SFTRow], out_dir: str | Path,
                  hp: LoraHyper, *, init_adapter: str | Path | None = None) -> Run:
    """The trainer over a fresh (or `init_adapter`) LoRA adapter on the frozen base."""
    import torch
    from peft import PeftModel, get_peft_model
    from transformers import set_seed

    if kind not in ("causal", "seq2seq"):
        raise UsageError(f"model kind must be causal or seq2seq, got {kind!r}")
    if not train_rows:
        raise DataError("no training rows", source="train data")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    set_seed(hp.seed)
    qlora = use_qlora(hp.quantization)
    base, tok = load_base(model, kind, qlora)
    if init_adapter:
        peft_model = PeftModel.from_pretrained(base, str(init_adapter), is_trainable=True)
    else:
        peft_model = get_peft_model(base, lora_config(hp, kind))
    fp16 = _use_fp16(hp.fp16) and not qlora
    use_cpu = not torch.cuda.is_available()
    common = dict(
        output_dir=str(out / "checkpoints"), per_device_train_batch_size=hp.batch_size,
        per_device_eval_batch_size=hp.batch_size, gradient_accumulation_steps=hp.grad_accum,
        num_train_epochs=hp.epochs, max_steps=hp.max_steps, learning_rate=hp.learning_rate,
        weight_decay=hp.weight_decay, warmup_steps=hp.warmup_steps, logging_steps=hp.logging_steps,
        save_steps=hp.save_steps, save_total_limit=2, seed=hp.seed, data_seed=hp.seed, report_to=[],
        use_cpu=use_cpu, fp16=fp16, bf16=qlora, dataloader_num_workers=0,
        eval_strategy="steps" if eval_rows else "no", eval_steps=hp.save_steps if eval_rows else None,
    )
    if kind == "causal":
        from trl import SFTConfig, SFTTrainer

        args = SFTConfig(**common, max_length=hp.max_source_length + hp.max_target_length,
                         completion_only_loss=True, dataset_num_proc=None)
        trainer = SFTTrainer(model=peft_model, args=args, train_dataset=_causal_dataset(train_rows),
                             eval_dataset=_causal_dataset(eval_rows) if eval_rows else None, processing_class=tok)
    else:
        from transformers import DataCollatorForSeq2Seq, Seq2SeqTrainer, Seq2SeqTrainingArguments

        args = Seq2SeqTrainingArguments(**common, remove_unused_columns=False)
        trainer = Seq2SeqTrainer(model=peft_model, args=args, train_dataset=_seq2seq_dataset(train_rows, tok, hp),
                                 eval_dataset=_seq2seq_dataset(eval_rows, tok, hp) if eval_rows else None,
                                 data_collator=DataCollatorForSeq2Seq(tok, model=peft_model, label_pad_token_id=-100),
                                 processing_class=tok)
    return Run(trainer, peft_model, tok, qlora, fp16)


def train_lora(model: str, kind: str, train_rows: list[SFTRow], eval_rows: list[SFTRow], out_dir: str | Path,
               hp: LoraHyper, *, init_adapter: str | Path | None = None, resume: bool = False,
               save_merged: bool = False) -> dict:
    """Fine-tune a LoRA adapter on `train_rows`; returns a summary (losses, paths, settings)."""
    out = Path(out_dir)
    run = build_trainer(model, kind, train_rows, eval_rows, out, hp, init_adapter=init_adapter)
    trainer, peft_model, tok, qlora, fp16 = run.trainer, run.model, run.tokenizer, run.qlora, run.fp16
    has_ckpt = any((out / "checkpoints").glob("checkpoint-*"))
    if resume and not has_ckpt:
        log.warning("--resume: no checkpoint in %s, starting from scratch", out / "checkpoints")
    # Trainer's progress lines go to stdout; the CLI keeps stdout for its one JSON document.
    with contextlib.redirect_stdout(sys.stderr):
        result = trainer.train(resume_from_checkpoint=True if resume and has_ckpt else None)

    peft_model.eval()
    adapter_dir = out / "adapter"
    peft_model.save_pretrained(adapter_dir)
    tok.save_pretrained(adapter_dir)
    _name_base(adapter_dir, model)
    merged_dir = None
    if save_merged:
        if qlora:
            log.warning("merging into a 4-bit base is lossy: reload the base in 16 bits to merge (adapter saved)")
        else:
            merged_dir = out / "merged"
            peft_model.merge_and_unload().save_pretrained(merged_dir)
            tok.save_pretrained(merged_dir)
    curve = write_loss_curve(trainer.state.log_history, out)
    summary = {
        "model": model, "kind": kind, "qlora": qlora, "fp16": fp16, "train_rows": len(train_rows),
        "eval_rows": len(eval_rows), "steps": trainer.state.global_step, "train_loss": result.training_loss,
        "first_loss": curve[0]["loss"] if curve else None, "last_loss": curve[-1]["loss"] if curve else None,
        "adapter": str(adapter_dir), "merged": str(merged_dir) if merged_dir else None,
        "loss_csv": str(out / "loss.csv"), "loss_png": str(out / "loss.png"), "hyper": asdict(hp),
        "init_adapter": str(init_adapter) if init_adapter else None,
    }
    (out / "train_summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def _name_base(adapter_dir: Path, model: str) -> None:
    """Record the base as the user named it (a named offline model stays a name, not this
    machine's cache path), so the adapter folder loads anywhere clinqa's loader can find it."""
    p = adapter_dir / "adapter_config.json"
    cfg = json.loads(p.read_text(encoding="utf-8"))
    cfg["base_model_name_or_path"] = model
    p.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")


def write_loss_curve(log_history: list[dict], out: Path) -> list[dict]:
    """loss.csv (step, loss, eval_loss) and loss.png from the Trainer's log history."""
    rows: dict[int, dict] = {}
    for h in log_history:
        step = int(h.get("step", 0))
        if "loss" in h:
            rows.setdefault(step, {"step": step})["loss"] = float(h["loss"])
        if "eval_loss" in h:
            rows.setdefault(step, {"step": step})["eval_loss"] = float(h["eval_loss"])
    ordered = [rows[s] for s in sorted(rows)]
    with open(out / "loss.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["step", "loss", "eval_loss"])
        w.writeheader()
        w.writerows(ordered)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.5))
    tr = [r for r in ordered if "loss" in r]
    ev = [r for r in ordered if "eval_loss" in r]
    if tr:
        ax.plot([r["step"] for r in tr], [r["loss"] for r in tr], label="train")
    if ev:
        ax.plot([r["step"] for r in ev], [r["eval_loss"] for r in ev], marker="o", label="validation")
    ax.set_xlabel("step")
    ax.set_ylabel("loss")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "loss.png", dpi=100)
    plt.close(fig)
    return [r for r in ordered if "loss" in r]


def half_adapter(adapter_dir: str | Path) -> None:
    """Store an adapter's weights in float16 (half the bytes; peft casts them back on load)."""
    from safetensors.torch import load_file, save_file

    p = Path(adapter_dir) / "adapter_model.safetensors"
    tensors = {k: (v.half() if v.is_floating_point() else v) for k, v in load_file(str(p)).items()}
    save_file(tensors, str(p), metadata={"format": "pt"})
