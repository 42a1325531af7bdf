"""One summarizer over seq2seq models (T5/Flan-T5, `extract: ` prefix as in the seed),
instruction-tuned causal LMs (SmolLM2-135M-Instruct with clinqa's shipped LoRA adapter,
`clinqa-sum-smollm2`) and no model at all (`extractive`, the default: the findings' own
sentences of every positive finding, then the modality's normal statement).

Why no model is the default: on every blind report set a radiologist reviewed (README "Radiology
impressions"), the adapter's impressions, even after the checks, held items that misled (a side
or a level from another finding, a denial the findings never make) more often than the
findings' own sentences did, which never called an abnormal study normal more often either."""

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

EXTRACTIVE = "extractive"  # no model: the findings' own sentences (summarize/fidelity.extractive_impression)
ADAPTER_MODEL = "clinqa-sum-smollm2"  # the packaged LoRA adapter on BASE_MODEL
BASE_MODEL = "smollm2-135m-instruct"
DEFAULT_MODEL = EXTRACTIVE


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
    # after decoding, pathologies the findings assert but the impression hides: "extractive"
    # (add the findings sentences that assert them, drop items that call the study normal; no
    # second generation, and the added text is the radiologist's own), "regenerate" (once, with
    # them named in the prompt, then extractive for what is still missing), or "off"
    consistency: str = "extractive"
    # findings a site does not want in impressions (lexicon heads or words of the head phrase,
    # e.g. ("granuloma",)); everything else the findings assert must be in the impression
    incidental: tuple[str, ...] = ()

    def __post_init__(self):
        self.incidental = tuple(str(x).strip().lower() for x in (self.incidental or ()) if str(x).strip())
        if self.max_input_tokens < 16:
            raise DataError(f"max_input_tokens must be at least 16, got {self.max_input_tokens}", source="config")
        if self.max_new_tokens < 1:
            raise DataError(f"max_new_tokens must be positive, got {self.max_new_tokens}", source="config")
        from clinqa.summarize.consistency import MODES

        if self.consistency not in MODES:
            raise DataError(f"consistency must be one of {', '.join(MODES)}, got {self.consistency!r}",
                            source="config")


class Summarizer:
    """Cheap to build; the weights load on first use (or `load()`)."""

    def __init__(self, config: SummarizerConfig | None = None, **overrides: Any):
        cfg = config or SummarizerConfig()
        for k, v in overrides.items():
            if v is not None:
                setattr(cfg, k, v)
        self.config = cfg
        self.generator = None if cfg.model == EXTRACTIVE else TextGenerator(cfg.model, cfg.kind, Decoding(
            max_new_tokens=cfg.max_new_tokens, num_beams=cfg.num_beams, repetition_penalty=cfg.repetition_penalty,
            batch_size=cfg.batch_size), device=cfg.device)
        self._budget: int | None = None

    @property
    def name(self) -> str:
        return self.config.model

    def load(self) -> Summarizer:
        if self.generator is not None:
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

    def _prompt(self, findings: str, mention: list[str] | None = None) -> tuple[Any, list[str]]:
        g = self.generator
        budget = self._findings_budget()
        text, cut = g.fit_text(findings, budget)
        warnings = []
        if cut:
            warnings.append(f"findings truncated: {cut} of {cut + budget} tokens beyond the input limit of "
                            f"{self.config.max_input_tokens} (prompt included) were left out")
        return prompt_for(g.kind, text, self.config.prefix, mention), warnings

    def _format(self, text: str) -> str:
        return format_impression(text) if self.config.numbered else text.strip()

    def _join(self, items: list[str]) -> str:
        if len(items) <= 1 or not self.config.numbered:
            return ("\n" if not self.config.numbered else "").join(items)
        return "\n".join(f"{i}. {it}" for i, it in enumerate(items, start=1))

    def summarize(self, findings: str, source_id: str = "") -> Summary:
        return self.summarize_many([SummaryPair(id=source_id, findings=findings)])[0]

    def summarize_many(self, pairs: list[SummaryPair], progress=None) -> list[Summary]:
        for p in pairs:
            if not isinstance(p.findings, str) or not p.findings.strip():
                raise DataError("findings are empty: nothing to summarize", source=p.id or "input")
        if self.generator is None:
            out = []
            for p in pairs:
                out.append(self._extractive(p))
                if progress is not None:
                    progress(1)
            return out
        self.load()
        prompts, warns = zip(*(self._prompt(p.findings.strip()) for p in pairs)) if pairs else ((), ())
        raw = self.generator.generate(list(prompts), progress=progress)
        texts = [self._format(t) for t in raw]
        extra: list[list[str]] = [[] for _ in pairs]
        drafts: list[str | None] = [None] * len(pairs)
        if self.config.consistency != "off":
            texts, extra, drafts = self._check(pairs, texts)
        out = []
        for p, text, w, more, draft in zip(pairs, texts, warns, extra, drafts):
            w = list(w) + more
            if not text:
                w.append("the model produced no text")
            out.append(Summary(text=text, source_id=p.id, model=self.name, warnings=tuple(w), draft=draft))
        return out

    def _extractive(self, pair: SummaryPair) -> Summary:
        from clinqa.summarize.fidelity import extractive_impression

        items = extractive_impression(pair.findings, incidental=self.config.incidental)
        return Summary(text=self._join(items), source_id=pair.id, model=self.name)

    def check(self, pairs: list[SummaryPair], texts: list[str]) -> list[Summary]:
        """The checks after decoding applied to impressions written elsewhere (e.g. saved
        drafts), with no generation: `consistency` must not be "regenerate"."""
        if self.config.consistency == "regenerate":
            raise UsageError("check() applies the extractive checks only; use consistency='extractive'")
        if self.config.consistency == "off":
            return [Summary(text=t, source_id=p.id, model=self.name) for p, t in zip(pairs, texts)]
        fixed, warnings, drafts = self._check(pairs, [self._format(t) for t in texts])
        return [Summary(text=t, source_id=p.id, model=self.name, warnings=tuple(w), draft=d)
                for p, t, w, d in zip(pairs, fixed, warnings, drafts)]

    def _check(self, pairs: list[SummaryPair], texts: list[str]):
        """The consistency check (see clinqa.summarize.consistency): texts, warnings per text,
        and the model's first text where the check changed it."""
        from clinqa.summarize import consistency as C
        from clinqa.summarize.postprocess import impression_items
        from clinqa.text.chexpert import label_text

        mentions = [C.finding_mentions(p.findings) for p in pairs]
        asserted = [C.asserted_pathologies(m) for m in mentions]
        results = [C.compare(a, label_text(t)) if a else None for a, t in zip(asserted, texts)]
        warnings: list[list[str]] = [[] for _ in pairs]
        drafts: list[str | None] = [None] * len(pairs)
        bad = [i for i, r in enumerate(results) if r is not None and not r.ok]
        if bad and self.config.consistency == "regenerate":
            named = {i: C.named_findings(pairs[i].findings, mentions[i], results[i].missing) for i in bad}
            prompts = [self._prompt(pairs[i].findings.strip(), named[i])[0] for i in bad]
            for i, t in zip(bad, self.generator.generate(prompts)):
                again = self._format(t)
                r2 = C.compare(asserted[i], label_text(again))
                if len(r2.missing) < len(results[i].missing):
                    drafts[i] = texts[i]
                    warnings[i].append(f"consistency check: the first impression left out "
                                       f"{C.pretty(results[i].missing)} asserted in the findings; written again "
                                       f"with {'; '.join(named[i])} named in the prompt")
                    texts[i], results[i] = again, r2
        for i in bad:
            r = results[i]
            if r.ok:
                continue
            items, changed = C.repair(impression_items(texts[i]), pairs[i].findings, mentions[i], r)
            if drafts[i] is None:
                drafts[i] = texts[i]
            what = "called the study normal although" if r.normal_claim else "left out what"
            msg = (f"consistency check: the impression {what} the findings assert ({C.pretty(r.missing)}); "
                   f"added the findings sentences that say so")
            if changed:
                msg += "; draft items removed or qualified: " + "; ".join(repr(d) for d in changed)
            warnings[i].append(msg)
            texts[i] = self._join(items)
        self._fidelity(pairs, texts, warnings, drafts)
        return texts, warnings, drafts

    def _fidelity(self, pairs: list[SummaryPair], texts: list[str], warnings: list[list[str]],
                  drafts: list[str | None]) -> None:
        """The check for any finding of any modality (see clinqa.summarize.fidelity), after the
        CheXpert one: in place."""
        from clinqa.summarize.fidelity import repair_items
        from clinqa.summarize.postprocess import impression_items

        for i, p in enumerate(pairs):
            items = impression_items(texts[i])
            fixed, why, _ = repair_items(p.findings, items, incidental=self.config.incidental)
            if fixed != items:
                if drafts[i] is None:
                    drafts[i] = texts[i]
                warnings[i].extend(why)
                texts[i] = self._join(fixed)
