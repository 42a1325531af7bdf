"""One summarizer over seq2seq models (T5/Flan-T5, `extract: ` prefix as in the seed) and
instruction-tuned causal LMs (the offline default: SmolLM2-135M-Instruct with clinqa's shipped
LoRA adapter, `clinqa-sum-smollm2`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from clinqa.errors import DataError, UsageError
from clinqa.generate.decoding import Decoding, TextGenerator
from clinqa.summarize.postprocess import format_impression
from clinqa.summarize.prompts import SEQ2SEQ_PREFIX, prompt_for
from clinqa.types import Summary, SummaryPair

log = logging.getLogger(__name__)

DEFAULT_MODEL = "clinqa-sum-smollm2"
BASE_MODEL = "smollm2-135m-instruct"


@dataclass
class SummarizerConfig:
    model: str = DEFAULT_MODEL
    kind: str = "auto"  # causal | seq2seq | auto (from the model's config)
    prefix: str = SEQ2SEQ_PREFIX
    max_input_tokens: int = 512  # the seed's input limit; longer findings are cut and flagged
    max_new_tokens: int = 128  # the seed's evaluation setting
    num_beams: int = 1
    repetition_penalty: float = 1.0
    batch_size: int = 8
    numbered: bool = True  # several findings -> "1. ...", "2. ..."
    device: str | None = None

    def __post_init__(self):
        if self.max_input_tokens < 16:
            raise DataError(f"max_input_tokens must be at least 16, got {self.max_input_tokens}", source="config")
        if self.max_new_tokens < 1:
            raise DataError(f"max_new_tokens must be positive, got {self.max_new_tokens}", source="config")


class Summarizer:
    """Cheap to build; the weights load on first use (or `load()`)."""

    def __init__(self, config: SummarizerConfig | None = None, **overrides: Any):
        cfg = config or SummarizerConfig()
        for k, v in overrides.items():
            if v is not None:
                setattr(cfg, k, v)
        self.config = cfg
        self.generator = TextGenerator(cfg.model, cfg.kind, Decoding(
            max_new_tokens=cfg.max_new_tokens, num_beams=cfg.num_beams, repetition_penalty=cfg.repetition_penalty,
            batch_size=cfg.batch_size), device=cfg.device)
        self._budget: int | None = None

    @property
    def name(self) -> str:
        return self.config.model

    def load(self) -> Summarizer:
        self.generator.load()
        return self

    def _findings_budget(self) -> int:
        """Tokens left for the findings once the prompt around them is counted (the same for
        every report, so counted once)."""
        if self._budget is None:
            g = self.generator
            overhead = g.count_tokens(g.render(prompt_for(g.kind, "", self.config.prefix)))
            budget = self.config.max_input_tokens - overhead
            if budget < 8:
                raise UsageError(f"the prompt alone takes {overhead} tokens of the {self.config.max_input_tokens}-"
                                 "token input limit; raise max_input_tokens")
            self._budget = budget
        return self._budget

    def _prompt(self, findings: str) -> tuple[Any, list[str]]:
        g = self.generator
        budget = self._findings_budget()
        text, cut = g.fit_text(findings, budget)
        warnings = []
        if cut:
            warnings.append(f"findings truncated: {cut} of {cut + budget} tokens beyond the input limit of "
                            f"{self.config.max_input_tokens} (prompt included) were left out")
        return prompt_for(g.kind, text, self.config.prefix), warnings

    def summarize(self, findings: str, source_id: str = "") -> Summary:
        return self.summarize_many([SummaryPair(id=source_id, findings=findings)])[0]

    def summarize_many(self, pairs: list[SummaryPair], progress=None) -> list[Summary]:
        for p in pairs:
            if not isinstance(p.findings, str) or not p.findings.strip():
                raise DataError("findings are empty: nothing to summarize", source=p.id or "input")
        self.load()
        prompts, warns = zip(*(self._prompt(p.findings.strip()) for p in pairs)) if pairs else ((), ())
        raw = self.generator.generate(list(prompts), progress=progress)
        out = []
        for p, text, w in zip(pairs, raw, warns):
            final = format_impression(text) if self.config.numbered else text.strip()
            w = list(w)
            if not final:
                w.append("the model produced no text")
            out.append(Summary(text=final, source_id=p.id, model=self.name, warnings=tuple(w)))
        return out
