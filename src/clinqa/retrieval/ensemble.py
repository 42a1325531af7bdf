"""The evidence ensemble: BM25 + TF-IDF + a neural scorer, fused and thresholded.

Its settings are one validated dataclass, read from and written to YAML (`clinqa tune
evidence` writes it; `clinqa evidence --config` reads it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from clinqa.data.checks import check_unique_ids
from clinqa.errors import DataError, UsageError
from clinqa.retrieval.bm25 import BM25Scorer
from clinqa.retrieval.fusion import NORMALISATIONS, check_weights, reciprocal_rank_fusion, select, weighted_fusion
from clinqa.retrieval.tfidf import TfidfScorer
from clinqa.types import Evidence, Sentence

RETRIEVERS = ("bm25", "tfidf", "dense", "cross")


@dataclass
class EnsembleConfig:
    weights: dict[str, float] = field(default_factory=lambda: {"bm25": 0.4, "tfidf": 0.3, "dense": 0.3})
    normalisation: str = "minmax"
    fusion: str = "weighted"  # or "rrf"
    threshold: float | None = 0.6
    top_k: int | None = 3
    min_k: int = 1
    dense_model: str = "minilm"
    cross_model: str | None = None
    rrf_k: int = 60

    def __post_init__(self) -> None:
        unknown = set(self.weights) - set(RETRIEVERS)
        if unknown:
            raise UsageError(f"unknown retriever(s) {', '.join(sorted(unknown))}; expected {', '.join(RETRIEVERS)}")
        check_weights(self.weights)
        if self.normalisation not in NORMALISATIONS:
            raise UsageError(f"normalisation must be one of {', '.join(NORMALISATIONS)}, got {self.normalisation!r}")
        if self.fusion not in ("weighted", "rrf"):
            raise UsageError(f"fusion must be 'weighted' or 'rrf', got {self.fusion!r}")
        if self.top_k is not None and self.top_k < 1:
            raise UsageError(f"top_k must be >= 1 or null, got {self.top_k}")
        if self.weights.get("cross", 0) > 0 and not self.cross_model:
            raise UsageError("weights use 'cross' but no cross_model is set")

    @classmethod
    def from_yaml(cls, path: str | Path) -> EnsembleConfig:
        import yaml

        p = Path(path)
        if not p.is_file():
            raise DataError("config file not found", source=str(p))
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        except UnicodeDecodeError:  # a binary file given as a config
            raise DataError("not a UTF-8 text file (an evidence config is YAML)", source=str(p)) from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise DataError(f"YAML syntax error: {getattr(exc, 'problem', exc)}", source=str(p),
                            where=f"line {mark.line + 1}" if mark else None) from None
        if not isinstance(data, dict):
            raise DataError("an evidence config is a mapping of settings", source=str(p))
        data = data.get("evidence", data)
        unknown = set(data) - set(cls.__dataclass_fields__)
        if unknown:
            raise DataError(f"unknown key(s) {', '.join(sorted(unknown))}", source=str(p))
        return cls(**data)

    def to_yaml(self, path: str | Path, extra: dict | None = None) -> None:
        import yaml

        doc = {"evidence": asdict(self)}
        if extra:
            doc["tuning"] = extra
        Path(path).write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")


class EvidenceRetriever:
    """Cheap to build; the neural model loads on first use and is reused.

    `neural_top_n` bounds the neural scorers' work on long notes: when a note has more
    sentences, only the `neural_top_n` that BM25 + TF-IDF rank highest are encoded, and the
    others get the lowest neural score given (the server's large lane uses it, so a
    450,000-character note's evidence fits its deadline; None scores every sentence)."""

    def __init__(self, config: EnsembleConfig | None = None, neural_top_n: int | None = None):
        self.config = config or EnsembleConfig()
        if neural_top_n is not None and neural_top_n < 1:
            raise UsageError(f"neural_top_n must be >= 1 or None, got {neural_top_n}")
        self.neural_top_n = neural_top_n

    def component_scores(self, question: str, sentences: Sequence[Sentence]) -> dict[str, np.ndarray]:
        texts = [s.text for s in sentences]
        names = [n for n, w in self.config.weights.items() if w > 0 or self.config.fusion == "rrf"]
        out = {}
        for name in (n for n in names if n in ("bm25", "tfidf")):
            out[name] = self._fitted(name, texts).score(question) if texts else np.zeros(0)
        keep = self._neural_candidates(out, len(texts))
        for name in (n for n in names if n not in ("bm25", "tfidf")):
            if keep is None:
                out[name] = self._fitted(name, texts).score(question) if texts else np.zeros(0)
                continue
            part = self._fitted(name, [texts[i] for i in keep]).score(question)
            full = np.full(len(texts), float(part.min()) if len(part) else 0.0, dtype=np.float32)
            full[keep] = part
            out[name] = full
        return out

    def _neural_candidates(self, lexical: dict[str, np.ndarray], n: int) -> np.ndarray | None:
        """Indexes of the sentences the neural scorers read (None: all of them)."""
        if self.neural_top_n is None or n <= self.neural_top_n:
            return None
        if not lexical:
            return np.arange(self.neural_top_n)
        fused = weighted_fusion(lexical, {k: 1.0 for k in lexical}, self.config.normalisation)
        return np.sort(np.argsort(-fused, kind="stable")[: self.neural_top_n])

    def _fitted(self, name: str, texts: list[str]):
        """The scorer fitted on `texts`; BM25 and TF-IDF indexes come from the note cache (the
        neural scorers keep their own: sentence embeddings in dense.EMBEDDINGS)."""
        if name in ("bm25", "tfidf"):
            from clinqa.retrieval.cache import fitted

            return fitted(name, lambda: self._scorer(name), texts)
        return self._scorer(name).fit(texts)

    def fuse(self, components: dict[str, np.ndarray]) -> np.ndarray:
        c = self.config
        if c.fusion == "rrf":
            return reciprocal_rank_fusion(components, c.rrf_k)
        return weighted_fusion(components, {k: v for k, v in c.weights.items() if k in components}, c.normalisation)

    def score(self, question: str, sentences: Sequence[Sentence]) -> list[Evidence]:
        if not question or not question.strip():
            raise DataError("question is empty", source="question")
        check_unique_ids([s.id for s in sentences], source="sentences")
        if not sentences:
            return []
        comps = self.component_scores(question, sentences)
        fused = self.fuse(comps)
        mask = select(fused, self.config.threshold, self.config.top_k, self.config.min_k)
        if not any(float(np.max(np.abs(v))) > 0 for k, v in comps.items() if k in ("bm25", "tfidf", "cross")) \
                and "dense" not in comps:
            mask[:] = False  # nothing matched at all: selecting by position would be a guess
        return [
            Evidence(sentence_id=s.id, start=s.start, end=s.end, text=s.text, score=float(fused[i]),
                     selected=bool(mask[i]), component_scores={k: float(v[i]) for k, v in comps.items()})
            for i, s in enumerate(sentences)
        ]

    def _scorer(self, name: str):
        if name == "bm25":
            return BM25Scorer()
        if name == "tfidf":
            return TfidfScorer()
        from clinqa.retrieval.dense import BiEncoderScorer, CrossEncoderScorer

        if name == "dense":
            return BiEncoderScorer(self.config.dense_model)
        return CrossEncoderScorer(self.config.cross_model)
