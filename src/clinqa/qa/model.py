"""One encoder, two heads: start/end logits for the answer span and a distribution over the
answer categories, trained jointly (seed: "Clinical QA 2.0").

`branch_layers = k` reproduces the seed's layout: the lower layers are shared, the top k
layers are used by the span head as they are and duplicated for the category head, so the two
tasks share low-level features but each gets its own top of the network. k = 0 puts both heads
on the shared last layer.

A saved model is a folder:
    clinqa_qa.json      this module's config (categories, branch layers, windowing, threshold)
    encoder/            the encoder: a transformers folder, or a peft LoRA adapter over `base_model`
    heads.safetensors   span head, category head, category branch layers
    tokenizer files
"""

from __future__ import annotations

import copy
import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import torch
from torch import nn

from clinqa.errors import DataError, ModelError
from clinqa.qa.folder import CONFIG_NAME, qa_tokenizer
from clinqa.types import CATEGORIES

log = logging.getLogger(__name__)

HEADS_NAME = "heads.safetensors"
FORMAT = 1


@dataclass
class QAModelConfig:
    base_model: str = "minilm"  # what the encoder was initialised from (a LoRA adapter needs it)
    categories: list[str] = field(default_factory=lambda: [*CATEGORIES, "Other"])
    branch_layers: int = 0
    dropout: float = 0.1
    tasks: list[str] = field(default_factory=lambda: ["span", "category"])
    max_length: int = 384
    stride: int = 128
    max_answer_tokens: int = 30
    null_threshold: float | None = None  # None: never calibrated on unanswerable questions
    lora: bool = False
    # Encoder weights that training left frozen and the folder does not repeat: they are read
    # from `base_model` (the shipped model keeps the 12 MB word embeddings out of the package).
    base_params: list[str] = field(default_factory=list)
    format: int = FORMAT

    def __post_init__(self) -> None:
        if not self.categories or len(set(self.categories)) != len(self.categories):
            raise DataError(f"categories must be distinct and non-empty, got {self.categories}", source="config")
        bad = set(self.tasks) - {"span", "category"}
        if bad or not self.tasks:
            raise DataError(f"tasks must be a non-empty subset of span, category; got {self.tasks}", source="config")
        if self.branch_layers < 0:
            raise DataError("branch_layers must be >= 0", source="config")

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> QAModelConfig:
        known = {f.name for f in fields(cls)}
        unknown = set(d) - known
        if unknown:
            raise DataError(f"unknown QA model config keys: {', '.join(sorted(unknown))}", source="config")
        return cls(**d)


def _layers(encoder: nn.Module) -> nn.ModuleList:
    """The encoder's stack of transformer layers (BERT, RoBERTa, XLM-R, ELECTRA, MiniLM:
    `encoder.layer`; DistilBERT: `transformer.layer`)."""
    base = getattr(encoder, "base_model", encoder)
    for path in ("encoder.layer", "transformer.layer", "layers"):
        obj = base
        for part in path.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                break
        if isinstance(obj, nn.ModuleList):
            return obj
    raise ModelError(f"{type(encoder).__name__}: cannot find its layer stack; use branch_layers: 0 for this encoder")


class MultiTaskQA(nn.Module):
    def __init__(self, encoder: nn.Module, config: QAModelConfig):
        super().__init__()
        self.encoder = encoder
        self.qa_config = config
        enc_cfg = encoder.config
        hidden = enc_cfg.hidden_size
        self.uses_token_types = getattr(enc_cfg, "type_vocab_size", 0) > 1
        self.dropout = nn.Dropout(config.dropout)
        self.span_head = nn.Linear(hidden, 2)
        self.category_head = nn.Linear(hidden, len(config.categories))
        k = config.branch_layers
        self.category_branch: nn.ModuleList | None = None
        self._captured: tuple | None = None
        if k:
            layers = _layers(encoder)
            if k > len(layers):
                raise DataError(f"branch_layers={k} but the encoder has {len(layers)} layers", source="config")
            self.category_branch = nn.ModuleList(copy.deepcopy(layers[len(layers) - k:]))
            layers[len(layers) - k].register_forward_pre_hook(self._capture, with_kwargs=True)

    # The pre-hook sees the hidden states entering the first duplicated layer together with the
    # attention mask already in the form this model's attention implementation expects, so the
    # branch runs exactly as the encoder's own top layers do, for any layer-stack encoder.
    def _capture(self, module, args, kwargs):
        self._captured = (args, kwargs)

    def _branch(self) -> torch.Tensor:
        args, kwargs = self._captured
        self._captured = None
        h = args[0] if args else kwargs.pop("hidden_states")
        kwargs = {k: v for k, v in kwargs.items() if k != "hidden_states"}
        for layer in self.category_branch:
            out = layer(h, *args[1:], **kwargs)
            h = out[0] if isinstance(out, tuple) else out
        return h

    def forward(self, input_ids, attention_mask=None, token_type_ids=None, start_positions=None,
                end_positions=None, category_targets=None, category_mask=None, **_: Any) -> dict[str, torch.Tensor]:
        kw = {"input_ids": input_ids, "attention_mask": attention_mask}
        if token_type_ids is not None and self.uses_token_types:
            kw["token_type_ids"] = token_type_ids
        seq = self.encoder(**kw).last_hidden_state
        logits = self.span_head(self.dropout(seq))
        start_logits, end_logits = logits[..., 0], logits[..., 1]
        if attention_mask is not None:  # padding can never be an answer boundary
            pad = attention_mask == 0
            start_logits = start_logits.masked_fill(pad, torch.finfo(start_logits.dtype).min)
            end_logits = end_logits.masked_fill(pad, torch.finfo(end_logits.dtype).min)
        cat_h = self._branch()[:, 0] if self.category_branch is not None else seq[:, 0]
        category_logits = self.category_head(self.dropout(cat_h))
        out = {"start_logits": start_logits, "end_logits": end_logits, "category_logits": category_logits}
        if start_positions is not None or category_targets is not None:
            out.update(self.losses(out, start_positions, end_positions, category_targets, category_mask))
        return out

    def losses(self, out, start_positions, end_positions, category_targets, category_mask, lam: float | None = None):
        tasks = self.qa_config.tasks
        lam = getattr(self, "category_weight", 1.0) if lam is None else lam
        zero = out["start_logits"].new_zeros(())
        span_loss = cat_loss = zero
        if start_positions is not None:
            ce = nn.CrossEntropyLoss()
            span_loss = (ce(out["start_logits"], start_positions) + ce(out["end_logits"], end_positions)) / 2
        if category_targets is not None:
            # Soft-label cross-entropy: weak labels are distributions, not single classes.
            logp = torch.log_softmax(out["category_logits"], dim=-1)
            per = -(category_targets * logp).sum(-1)
            mask = category_mask if category_mask is not None else torch.ones_like(per)
            cat_loss = (per * mask).sum() / mask.sum().clamp(min=1)
        loss = zero
        if "span" in tasks:
            loss = loss + span_loss
        if "category" in tasks:
            loss = loss + lam * cat_loss
        return {"loss": loss, "span_loss": span_loss.detach(), "category_loss": cat_loss.detach()}

    # ---------------------------------------------------------------- saving and loading
    def heads_state(self) -> dict[str, torch.Tensor]:
        return {k: v for k, v in self.state_dict().items() if not k.startswith("encoder.")}

    def save_pretrained(self, folder: str | Path, tokenizer=None, half: bool = False) -> Path:
        from safetensors.torch import save_file

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        enc = self.encoder
        if self.qa_config.lora:
            enc.save_pretrained(folder / "encoder")  # peft: the adapter only
        elif self.qa_config.base_params:
            (folder / "encoder").mkdir(exist_ok=True)
            enc.config.save_pretrained(folder / "encoder")
            skip = set(self.qa_config.base_params)
            state = {k: (v.half() if half and v.is_floating_point() else v).contiguous()
                     for k, v in enc.state_dict().items() if k not in skip}
            save_file(state, str(folder / "encoder" / "model.safetensors"), metadata={"format": "pt"})
        else:
            if half:
                enc = copy.deepcopy(enc).half()
            enc.save_pretrained(folder / "encoder")
        heads = {k: (v.half() if half and v.is_floating_point() else v).contiguous() for k, v in self.heads_state().items()}
        save_file(heads, str(folder / HEADS_NAME), metadata={"format": str(FORMAT)})
        (folder / CONFIG_NAME).write_text(json.dumps(asdict(self.qa_config), indent=2) + "\n", encoding="utf-8")
        if tokenizer is not None:
            tokenizer.save_pretrained(folder)
        return folder


def new_model(base_model: str, config: QAModelConfig | None = None, *, lora: dict | None = None,
              **loader_kw) -> tuple[MultiTaskQA, Any]:
    """A model to train: the encoder from `base_model` (named offline model, folder or hub id),
    new heads; with `lora` (peft LoraConfig arguments) the encoder is wrapped in an adapter."""
    from clinqa.models import load_model

    config = config or QAModelConfig()
    config.base_model = base_model
    loaded = load_model(base_model, "encoder", **loader_kw)
    encoder = loaded.model
    model = MultiTaskQA(encoder, config)  # branch copies are taken before any adapter is added
    if lora:
        from peft import LoraConfig, get_peft_model

        config.lora = True
        lcfg = LoraConfig(**{"r": 16, "lora_alpha": 32, "lora_dropout": 0.1, "bias": "none",
                             "target_modules": ["query", "key", "value", "dense"], **lora})
        model.encoder = get_peft_model(encoder, lcfg)
    model.train()
    return model, loaded.tokenizer


def load_qa_model(folder: str | Path, *, merge_lora: bool = True, **loader_kw) -> tuple[MultiTaskQA, Any]:
    """Read a folder written by `MultiTaskQA.save_pretrained`."""
    from safetensors.torch import load_file
    from transformers import AutoModel

    from clinqa.models import load_model

    folder = Path(folder)
    try:
        config = QAModelConfig.from_dict(json.loads((folder / CONFIG_NAME).read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"{folder}: unreadable {CONFIG_NAME}: {exc}") from exc
    if config.format > FORMAT:
        raise ModelError(f"{folder} was written by a newer clinqa (format {config.format}); upgrade clinqa")
    if not (folder / HEADS_NAME).is_file():
        raise ModelError(f"model folder {str(folder)!r} has no {HEADS_NAME}: the span and category heads are missing")
    enc_dir = folder / "encoder"
    if config.lora:
        from peft import PeftModel

        base = load_model(config.base_model, "encoder", **loader_kw).model
        encoder = PeftModel.from_pretrained(base, str(enc_dir))
        if merge_lora:
            encoder = encoder.merge_and_unload()
    elif config.base_params:
        encoder = load_model(config.base_model, "encoder", **loader_kw).model
        part = load_file(str(enc_dir / "model.safetensors"))
        expected = set(encoder.state_dict()) - set(config.base_params)
        if set(part) != expected:
            raise ModelError(f"{enc_dir}: encoder weights do not match base model {config.base_model!r} "
                             f"(missing {sorted(expected - set(part))[:3]}, unexpected {sorted(set(part) - expected)[:3]})")
        encoder.load_state_dict({k: v.float() for k, v in part.items()}, strict=False)
    else:
        encoder = AutoModel.from_pretrained(str(enc_dir), dtype=torch.float32)
    model = MultiTaskQA(encoder, config)
    state = load_file(str(folder / HEADS_NAME))
    expected = model.heads_state()
    if set(state) != set(expected):
        missing, extra = sorted(set(expected) - set(state)), sorted(set(state) - set(expected))
        raise ModelError(f"{folder}/{HEADS_NAME} does not match {CONFIG_NAME} (missing {missing[:4]}, unexpected {extra[:4]})")
    for k, v in state.items():
        if v.shape != expected[k].shape:
            raise ModelError(f"{folder}: head {k} has shape {tuple(v.shape)} but the config implies "
                             f"{tuple(expected[k].shape)} (do the categories match the checkpoint?)")
    model.load_state_dict({k: v.float() for k, v in state.items()}, strict=False)
    model.eval()
    return model, qa_tokenizer(folder, config.base_model)


def export_transformers_qa(model: MultiTaskQA, tokenizer, folder: str | Path) -> Path:
    """Write the span part as a standard *ForQuestionAnswering folder (encoder + `qa_outputs`),
    for tools that only know transformers; the category head has no place there and is left out."""
    from transformers import AutoModelForQuestionAnswering

    enc = model.encoder
    if model.qa_config.lora and hasattr(enc, "merge_and_unload"):
        enc = enc.merge_and_unload()
    cfg = copy.deepcopy(enc.config)
    cfg.architectures = None
    qa = AutoModelForQuestionAnswering.from_config(cfg)
    prefix = qa.base_model_prefix
    state = {f"{prefix}.{k}": v for k, v in enc.state_dict().items() if not k.startswith("pooler.")}
    state["qa_outputs.weight"] = model.span_head.weight.detach().clone()
    state["qa_outputs.bias"] = model.span_head.bias.detach().clone()
    missing, unexpected = qa.load_state_dict(state, strict=False)
    missing = [k for k in missing if "pooler" not in k]
    unexpected = [k for k in unexpected if "pooler" not in k]
    if missing or unexpected:
        raise ModelError(f"cannot export to {type(qa).__name__}: missing {missing[:3]}, unexpected {unexpected[:3]}")
    folder = Path(folder)
    qa.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


class HFQAModel(torch.nn.Module):
    """A plain transformers *ForQuestionAnswering model behind MultiTaskQA's output dict
    (no category head: categories then come from the weak labeler)."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.uses_token_types = getattr(model.config, "type_vocab_size", 0) > 1

    def forward(self, input_ids, attention_mask=None, token_type_ids=None):
        kw = {"input_ids": input_ids, "attention_mask": attention_mask}
        if token_type_ids is not None and self.uses_token_types:
            kw["token_type_ids"] = token_type_ids
        out = self.model(**kw)
        return {"start_logits": out.start_logits, "end_logits": out.end_logits, "category_logits": None}
