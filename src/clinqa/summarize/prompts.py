"""The one prompt used for training and for inference: a different prompt at inference than in
training would quietly cost the fine-tuned adapter its gain."""

from __future__ import annotations

SEQ2SEQ_PREFIX = "extract: "  # the seed's T5 input prefix
SYSTEM = "You are a radiologist. You write the impression section of chest imaging reports."
INSTRUCTION = ("Write the impression for these radiology findings: the key conclusions only, as short as a "
               "radiologist would write them.")


def causal_messages(findings: str) -> list[dict]:
    return [{"role": "system", "content": SYSTEM},
            {"role": "user", "content": f"{INSTRUCTION}\n\nFindings: {findings}"}]


def seq2seq_source(findings: str, prefix: str = SEQ2SEQ_PREFIX) -> str:
    return prefix + findings


def prompt_for(kind: str, findings: str, prefix: str = SEQ2SEQ_PREFIX):
    return causal_messages(findings) if kind == "causal" else seq2seq_source(findings, prefix)
