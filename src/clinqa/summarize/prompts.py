"""The one prompt used for training and for inference: a different prompt at inference than in
training would quietly cost the fine-tuned adapter its gain. The one exception is the
consistency check's second attempt, which names the findings the first impression left out
(`mention`) after the findings, where the trained prompt ends."""

from __future__ import annotations

SEQ2SEQ_PREFIX = "extract: "  # the seed's T5 input prefix
SYSTEM = "You are a radiologist. You write the impression section of chest imaging reports."
INSTRUCTION = ("Write the impression for these radiology findings: the key conclusions only, as short as a "
               "radiologist would write them.")


def _must_name(mention) -> str:
    return f"\n\nThe impression must name: {'; '.join(mention)}." if mention else ""


def causal_messages(findings: str, mention: list[str] | None = None) -> list[dict]:
    return [{"role": "system", "content": SYSTEM},
            {"role": "user", "content": f"{INSTRUCTION}\n\nFindings: {findings}{_must_name(mention)}"}]


def seq2seq_source(findings: str, prefix: str = SEQ2SEQ_PREFIX, mention: list[str] | None = None) -> str:
    return prefix + findings + _must_name(mention)


def prompt_for(kind: str, findings: str, prefix: str = SEQ2SEQ_PREFIX, mention: list[str] | None = None):
    return causal_messages(findings, mention) if kind == "causal" else seq2seq_source(findings, prefix, mention)
