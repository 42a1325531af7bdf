"""Neural sentence scorers: a sentence-transformers CrossEncoder for any hub/local
cross-encoder, and bi-encoder cosine (offline: the packaged all-MiniLM-L6-v2, or the
multilingual multilingual-e5-small with its "query: " / "passage: " prefixes) as fallback."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from clinqa.models.loader import resolve


@lru_cache(maxsize=4)
def _bi_encoder(source: str):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(source, device="cpu")


@lru_cache(maxsize=4)
def _cross_encoder(source: str):
    from sentence_transformers import CrossEncoder

    return CrossEncoder(source, device="cpu")


# E5 models were trained with these prefixes; without them retrieval quality drops.
PREFIXES = {"multilingual-e5-small": ("query: ", "passage: ")}


def _prefixes(model: str) -> tuple[str, str]:
    name = str(model).rstrip("/").split("/")[-1].lower()
    return PREFIXES.get(name, ("query: ", "passage: ") if "e5" in name.split("-") else ("", ""))


class BiEncoderScorer:
    """Cosine between question and sentence embeddings. Models load once per process."""

    name = "dense"

    def __init__(self, model: str = "minilm", batch_size: int = 64):
        self.model, self.batch_size = model, batch_size
        self.query_prefix, self.passage_prefix = _prefixes(model)

    def fit(self, documents: Sequence[str]) -> BiEncoderScorer:
        self._encoder = _bi_encoder(resolve(self.model))
        documents = [self.passage_prefix + d for d in documents]
        self._docs = self._encoder.encode(list(documents), batch_size=self.batch_size, normalize_embeddings=True,
                                          convert_to_numpy=True, show_progress_bar=False) if documents else None
        self._n = len(documents)
        return self

    def score(self, query: str) -> np.ndarray:
        if self._docs is None:
            return np.zeros(0, dtype=np.float32)
        q = self._encoder.encode([self.query_prefix + query], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        return (self._docs @ q[0]).astype(np.float32)  # (n_documents,)


class CrossEncoderScorer:
    """Relevance logits of (question, sentence) pairs from a CrossEncoder folder or hub id."""

    name = "cross"

    def __init__(self, model: str, batch_size: int = 32):
        self.model, self.batch_size = model, batch_size

    def fit(self, documents: Sequence[str]) -> CrossEncoderScorer:
        self._encoder = _cross_encoder(resolve(self.model))
        self._docs = list(documents)
        return self

    def score(self, query: str) -> np.ndarray:
        if not self._docs:
            return np.zeros(0, dtype=np.float32)
        return np.asarray(self._encoder.predict([(query, d) for d in self._docs], batch_size=self.batch_size,
                                                show_progress_bar=False), dtype=np.float32).ravel()
