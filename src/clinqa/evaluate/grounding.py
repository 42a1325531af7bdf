"""Model- and vocabulary-based answer metrics of ArchEHR-QA subtask 3, each honest about
what it is:

- BERTScore F1 through the `bert-score` package with any local encoder; offline that is the
  packaged all-MiniLM-L6-v2 (all its layers, no baseline rescaling), so the number is labelled
  with the encoder and is not comparable with the official roberta-large/deberta numbers.
- AlignScore-style factual consistency: the note is cut into chunks of about 350 words, the
  answer into sentences; each sentence scores the best chunk's probability of the "aligned" /
  "entailment" class of a sequence-classification model, and the answer the mean over its
  sentences (the AlignScore inference recipe). AlignScore's own weights, or any NLI model,
  must be given; offline there are none, so the metric is reported unavailable, never guessed.
- MEDCON variant: F1 between the sets of clinical concepts in answer and reference. The
  official MEDCON maps UMLS concepts with QuickUMLS (licence needed); the variant uses
  ICD-10-CM, the drug lexicon and lab names (`clinqa.text.vocab`) and is labelled
  `medcon_variant`. With a QuickUMLS index (`quickumls_path`) the UMLS concepts of MEDCON's
  semantic groups are used instead and the result is labelled `medcon`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from statistics import fmean

from clinqa.errors import ModelError

log = logging.getLogger(__name__)


@dataclass
class MetricResult:
    name: str
    value: float | None  # 0-100, None when unavailable
    note: str = ""

    @property
    def available(self) -> bool:
        return self.value is not None


def bertscore(predictions: list[str], references: list[str], model: str = "minilm",
              batch_size: int = 32) -> MetricResult:
    from clinqa.models.loader import resolve

    try:
        from bert_score import score
    except ImportError:
        return MetricResult("bertscore", None, "the bert-score package is not installed")
    if not predictions:
        return MetricResult("bertscore", 0.0, "no predictions")
    path = resolve(model)
    try:
        from transformers import AutoConfig

        layers = AutoConfig.from_pretrained(path).num_hidden_layers
        _, _, f1 = score(predictions, references, model_type=path, num_layers=layers, batch_size=batch_size,
                         lang="en", verbose=False)
    except (OSError, ValueError) as exc:
        raise ModelError(f"BERTScore cannot load encoder {model!r}: {str(exc).splitlines()[0]}") from exc
    return MetricResult("bertscore", 100 * float(f1.mean()),
                        f"F1 with {model} ({layers} layers), no baseline rescaling; not the official encoder")


_SENTENCE = re.compile(r"(?<=[^\d\s][.!?])\s+|\n+")
_CITATION = re.compile(r"\s*\|[\d,\s]*\|\s*$")


def claim_sentences(answer: str) -> list[str]:
    parts = (_CITATION.sub("", p).strip() for p in _SENTENCE.split(answer))
    return [p for p in parts if p]


def context_chunks(context: str, words: int = 350) -> list[str]:
    toks = context.split()
    return [" ".join(toks[i:i + words]) for i in range(0, len(toks), words)] or [""]


class AlignScorer:
    """AlignScore-style scoring with a sequence-classification model (AlignScore-compatible
    export or an NLI model). The aligned class is the label named aligned/entailment/
    consistent, else the last class for two-way heads."""

    def __init__(self, model: str, batch_size: int = 16, max_length: int = 512):
        from clinqa.models.loader import load_tokenizer, resolve

        import transformers

        path = resolve(model)
        self.name = model
        self.tokenizer = load_tokenizer(path)
        try:
            self.model = transformers.AutoModelForSequenceClassification.from_pretrained(path).eval()
        except (OSError, ValueError) as exc:
            raise ModelError(f"alignment model {model!r} is not a sequence-classification model: "
                             f"{str(exc).splitlines()[0]}") from exc
        labels = {i: str(v).lower() for i, v in self.model.config.id2label.items()}
        hits = [i for i, v in labels.items() if v in ("aligned", "entailment", "consistent", "entail")]
        if hits:
            self.aligned = hits[0]
        elif len(labels) == 2:
            self.aligned = 1
        else:
            raise ModelError(f"alignment model {model!r} has labels {sorted(labels.values())}; none is "
                             "'aligned' or 'entailment'")
        self.batch_size, self.max_length = batch_size, max_length

    def score(self, answer: str, context: str) -> float:
        import torch

        claims, chunks = claim_sentences(answer), context_chunks(context)
        if not claims:
            return 0.0
        pairs = [(ch, cl) for cl in claims for ch in chunks]
        probs = []
        with torch.inference_mode():
            for i in range(0, len(pairs), self.batch_size):
                batch = pairs[i:i + self.batch_size]
                enc = self.tokenizer([p[0] for p in batch], [p[1] for p in batch], truncation="only_first",
                                     max_length=self.max_length, padding=True, return_tensors="pt")
                logits = self.model(**enc).logits  # (batch, labels)
                probs.extend(logits.softmax(-1)[:, self.aligned].tolist())
        per_claim = [max(probs[k * len(chunks):(k + 1) * len(chunks)]) for k in range(len(claims))]
        return fmean(per_claim)


def alignscore(predictions: list[str], contexts: list[str], model: str | None = None) -> MetricResult:
    if not model:
        return MetricResult("alignscore", None,
                            "needs alignment weights (AlignScore's RoBERTa or an NLI model); none ship offline: "
                            "pass --align-model DIR")
    scorer = AlignScorer(model)
    vals = [scorer.score(p, c) for p, c in zip(predictions, contexts)]
    return MetricResult("alignscore", 100 * fmean(vals) if vals else 0.0, f"AlignScore-style with {model}")


# MEDCON's UMLS semantic groups (Anatomy, Chemicals & Drugs, Devices, Disorders, Genes,
# Phenomena, Physiology), as the semantic types QuickUMLS reports.
MEDCON_SEMTYPES = {
    "T017", "T029", "T023", "T030", "T031", "T022", "T025", "T026", "T018", "T021", "T024",  # anatomy
    "T116", "T195", "T123", "T122", "T103", "T120", "T104", "T200", "T196", "T126", "T131", "T125", "T129",
    "T130", "T197", "T114", "T109", "T121", "T192", "T127",  # chemicals & drugs
    "T203", "T074", "T075",  # devices
    "T020", "T190", "T049", "T019", "T047", "T050", "T033", "T037", "T048", "T191", "T046", "T184",  # disorders
    "T087", "T088", "T028", "T085", "T086",  # genes
    "T038", "T069", "T068", "T034", "T070", "T067",  # phenomena
    "T043", "T201", "T045", "T041", "T044", "T032", "T040", "T042", "T039",  # physiology
}


def _concept_f1(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    tp = len(a & b)
    if tp == 0:
        return 0.0
    p, r = tp / len(a), tp / len(b)
    return 2 * p * r / (p + r)


def medcon(predictions: list[str], references: list[str], quickumls_path: str | None = None) -> MetricResult:
    if quickumls_path:  # pragma: no cover - needs a licensed UMLS install
        from quickumls import QuickUMLS

        matcher = QuickUMLS(quickumls_path)

        def concepts(text: str) -> set[str]:
            out = set()
            for group in matcher.match(text, best_match=True, ignore_syntax=False):
                for m in group:
                    if set(m["semtypes"]) & MEDCON_SEMTYPES:
                        out.add(m["cui"])
            return out

        name, note = "medcon", f"UMLS concepts via QuickUMLS ({quickumls_path})"
    else:
        from clinqa.text.vocab import find_concepts

        def concepts(text: str) -> set[str]:
            return {c.cid for c in find_concepts(text)}

        name, note = "medcon_variant", "licence-free variant: ICD-10-CM, drug lexicon and lab-name concepts"
    vals = [_concept_f1(concepts(p), concepts(r)) for p, r in zip(predictions, references)]
    return MetricResult(name, 100 * fmean(vals) if vals else 0.0, note)


def overall(results: list[MetricResult]) -> MetricResult:
    """Mean of the available metrics (each 0-100), naming those included."""
    avail = [r for r in results if r.available]
    if not avail:
        return MetricResult("overall", None, "no metric was available")
    return MetricResult("overall", fmean(r.value for r in avail),
                        "mean of " + ", ".join(r.name for r in avail))
