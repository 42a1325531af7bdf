"""Batched, deterministic text generation for causal LMs (through their chat template) and
seq2seq models, shared by grounded answers and radiology impressions.

Prompts longer than the input limit are cut from the end of the user's content (the
instruction stays) and the caller is told how many tokens went, so nothing is dropped silently.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinqa.errors import ModelError, UsageError

log = logging.getLogger(__name__)


@dataclass
class Decoding:
    max_new_tokens: int = 128
    num_beams: int = 1
    do_sample: bool = False  # deterministic by default
    temperature: float = 1.0
    repetition_penalty: float = 1.0
    batch_size: int = 8


def model_kind(source: str) -> str:
    """"causal" or "seq2seq" for a resolved model folder or hub id."""
    from clinqa.models.loader import adapter_base, is_adapter_folder, resolve

    if is_adapter_folder(source):
        task = json.loads((Path(source) / "adapter_config.json").read_text(encoding="utf-8")).get("task_type", "")
        if task == "SEQ_2_SEQ_LM":
            return "seq2seq"
        if task == "CAUSAL_LM":
            return "causal"
        return model_kind(resolve(adapter_base(source)))
    from transformers import AutoConfig

    try:
        cfg = AutoConfig.from_pretrained(source)
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the config of {source!r}: {str(exc).splitlines()[0][:200]}") from exc
    return "seq2seq" if getattr(cfg, "is_encoder_decoder", False) else "causal"


class TextGenerator:
    """Cheap to build; `load()` reads the weights (once)."""

    def __init__(self, model: str, kind: str = "auto", decoding: Decoding | None = None, device: str | None = None):
        self.name = model
        self.kind = kind
        self.decoding = decoding or Decoding()
        self.device = device
        self.model: Any = None
        self.tokenizer: Any = None

    def load(self) -> TextGenerator:
        if self.model is not None:
            return self
        from clinqa.models.loader import load_model, resolve

        import torch

        source = resolve(self.name)
        if self.kind == "auto":
            self.kind = model_kind(source)
        lm = load_model(self.name, self.kind)
        self.model, self.tokenizer = lm.model, lm.tokenizer
        if self.device is None:
            self.device = "cuda" if torch.cuda.is_available() else "cpu"
        elif self.device.startswith("cuda") and not torch.cuda.is_available():
            raise UsageError(f"device {self.device!r} was requested but CUDA is not available on this machine; "
                             "use --device cpu")
        self.model.to(self.device)
        if self.kind == "causal":
            if not getattr(self.tokenizer, "chat_template", None):
                raise UsageError(f"model {self.name!r} has no chat template; use an instruction-tuned model "
                                 "or add a chat_template to its tokenizer_config.json")
            if self.tokenizer.pad_token is None:
                self.tokenizer.pad_token = self.tokenizer.eos_token
            self.tokenizer.padding_side = "left"  # decoder-only batches must end at the prompt
        return self

    # --- prompts ---------------------------------------------------------------------------

    def render(self, prompt: Any) -> str:
        """The exact text the model reads: the chat template over messages (causal) or the
        source string (seq2seq)."""
        if self.kind == "causal":
            return self.tokenizer.apply_chat_template(prompt, tokenize=False, add_generation_prompt=True)
        return str(prompt)

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def fit_text(self, text: str, budget: int) -> tuple[str, int]:
        """`text` cut to at most `budget` tokens at a token boundary; returns (text, tokens cut)."""
        enc = self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        ids = enc["input_ids"]
        if len(ids) <= budget:
            return text, 0
        end = enc["offset_mapping"][max(0, budget) - 1][1] if budget > 0 else 0
        return text[:end], len(ids) - budget

    # --- generation ------------------------------------------------------------------------

    def generate(self, prompts: list[Any], progress=None) -> list[str]:
        import torch

        self.load()
        d = self.decoding
        outs: list[str] = []
        for i in range(0, len(prompts), d.batch_size):
            texts = [self.render(p) for p in prompts[i:i + d.batch_size]]
            # The chat template already holds the special tokens; seq2seq sources need EOS.
            enc = self.tokenizer(texts, return_tensors="pt", padding=True,
                                 add_special_tokens=self.kind == "seq2seq").to(self.device)
            kwargs = dict(max_new_tokens=d.max_new_tokens, num_beams=d.num_beams, do_sample=d.do_sample,
                          repetition_penalty=d.repetition_penalty, pad_token_id=self.tokenizer.pad_token_id)
            if d.do_sample:
                kwargs["temperature"] = d.temperature
            with torch.inference_mode():
                gen = self.model.generate(**enc, **kwargs)  # (batch, prompt + new) or (batch, new)
            if self.kind == "causal":
                gen = gen[:, enc["input_ids"].shape[1]:]
            outs.extend(t.strip() for t in self.tokenizer.batch_decode(gen, skip_special_tokens=True))
            if progress is not None:
                progress(len(texts))
        return outs
