"""The note cache: what a note gives every question (sentences, BM25/TF-IDF indexes) is
computed once per note text, bounded in bytes, and answers stay the same."""

from __future__ import annotations

import numpy as np

NOTE = ("HOSPITAL COURSE: The patient was admitted with chest pain.\nNo evidence of pneumonia on chest x-ray.\n"
        "DISCHARGE MEDICATIONS: metoprolol 25 mg by mouth twice daily.\nPotassium was 3.2 on admission.\n")


def test_the_cache_is_lru_and_bounded_in_bytes():
    from clinqa.retrieval.cache import NoteCache

    cache = NoteCache(max_bytes=300)
    for i in range(4):
        cache.put(("k", i), f"v{i}", 100)
    assert cache.get(("k", 0)) is None and cache.get(("k", 3)) == "v3" and cache.bytes == 300
    cache.get(("k", 1))  # used: now the most recent
    cache.put(("k", 4), "v4", 100)
    assert cache.get(("k", 1)) == "v1" and cache.get(("k", 2)) is None
    cache.put(("k", "huge"), "h", 301)  # larger than the cache: computed, never kept
    assert cache.get(("k", "huge")) is None and len(cache) == 3
    built = []
    assert cache.get_or_build(("k", 9), lambda: built.append(1) or "x", lambda v: 10) == "x"
    assert cache.get_or_build(("k", 9), lambda: built.append(1) or "y", lambda v: 10) == "x" and built == [1]


def test_sentences_are_segmented_once_per_note(monkeypatch):
    import clinqa.text
    from clinqa.retrieval.cache import NOTES, sentences_of

    calls = []
    real = clinqa.text.segment
    monkeypatch.setattr(clinqa.text, "segment", lambda text, note_id="": calls.append(note_id) or real(text, note_id))
    NOTES.clear()
    first = sentences_of(NOTE, "n1")
    second = sentences_of(NOTE, "n1")
    assert calls == ["n1"] and first == second == real(NOTE, "n1")
    second.pop()  # callers get their own list: the cached sentences stay whole
    assert sentences_of(NOTE, "n1") == first
    sentences_of(NOTE + "x", "n1")
    assert calls == ["n1", "n1"]  # another text is another note


def test_lexical_indexes_are_fitted_once_and_score_the_same(monkeypatch):
    from clinqa.retrieval import ensemble
    from clinqa.retrieval.cache import NOTES, sentences_of
    from clinqa.retrieval.ensemble import EnsembleConfig, EvidenceRetriever

    NOTES.clear()
    cfg = EnsembleConfig(weights={"bm25": 0.6, "tfidf": 0.4})
    sentences = sentences_of(NOTE, "n")
    questions = ["What medications?", "What was the potassium?"]
    NOTES.max_bytes, saved = 0, NOTES.max_bytes  # nothing kept: the reference scores
    try:
        uncached = [EvidenceRetriever(cfg).score(q, sentences) for q in questions]
    finally:
        NOTES.max_bytes = saved
    fits = []
    real_fit = ensemble.BM25Scorer.fit
    monkeypatch.setattr(ensemble.BM25Scorer, "fit", lambda self, docs: fits.append(len(docs)) or real_fit(self, docs))
    cached = [EvidenceRetriever(cfg).score(q, sentences) for q in questions]
    assert fits == [len(sentences)]  # one index for both questions
    assert [[e.score for e in r] for r in cached] == [[e.score for e in r] for r in uncached]


def test_neural_scorers_read_only_the_lexical_top_n(monkeypatch):
    from clinqa.retrieval.ensemble import EnsembleConfig, EvidenceRetriever
    from clinqa.types import Sentence

    texts = [f"filler sentence number {i} about nothing" for i in range(20)]
    texts[7] = "potassium was 3.2 on admission"
    texts[15] = "potassium repleted, potassium 4.1 today"
    sentences = [Sentence(id=str(i + 1), start=0, end=len(t), text=t) for i, t in enumerate(texts)]
    seen = []

    class FakeDense:
        def fit(self, docs):
            seen.append(list(docs))
            self.docs = docs
            return self

        def score(self, query):
            return np.arange(1, len(self.docs) + 1, dtype=np.float32)

    r = EvidenceRetriever(EnsembleConfig(weights={"bm25": 0.4, "tfidf": 0.3, "dense": 0.3}), neural_top_n=2)
    monkeypatch.setattr(r, "_scorer", lambda name: FakeDense() if name == "dense" else
                        EvidenceRetriever._scorer(r, name))
    items = r.score("What was the potassium?", sentences)
    assert seen == [[texts[7], texts[15]]]  # only the two sentences BM25/TF-IDF put first, in note order
    dense = [e.component_scores["dense"] for e in items]
    assert dense[7] == 1.0 and dense[15] == 2.0 and all(d == 1.0 for i, d in enumerate(dense) if i not in (7, 15))
    seen.clear()
    r.neural_top_n = 50  # more room than sentences: all are read
    r.score("What was the potassium?", sentences)
    assert len(seen[0]) == 20
