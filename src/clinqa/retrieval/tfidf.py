"""TF-IDF cosine between a question and each sentence, with scikit-learn."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from clinqa.retrieval.bm25 import tokenize


class TfidfScorer:
    name = "tfidf"

    def __init__(self, ngram_range: tuple[int, int] = (1, 2), sublinear_tf: bool = True):
        self.ngram_range, self.sublinear_tf = ngram_range, sublinear_tf

    def fit(self, documents: Sequence[str]) -> TfidfScorer:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self._n = len(documents)
        # Same tokens as BM25, so the two differ only in weighting.
        self._vec = TfidfVectorizer(tokenizer=tokenize, lowercase=False, token_pattern=None,
                                    ngram_range=self.ngram_range, sublinear_tf=self.sublinear_tf)
        try:
            self._matrix = self._vec.fit_transform(documents)
        except ValueError:  # no sentence has a single content word
            self._matrix = None
        return self

    def score(self, query: str) -> np.ndarray:
        if self._matrix is None or self._n == 0:
            return np.zeros(self._n, dtype=np.float32)
        q = self._vec.transform([query])
        # rows are L2-normalised by TfidfVectorizer, so the dot product is the cosine
        return np.asarray((self._matrix @ q.T).toarray().ravel(), dtype=np.float32)
