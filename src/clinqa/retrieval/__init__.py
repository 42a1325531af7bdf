"""Sentence retrievers: score every sentence of a note for a question."""

from clinqa.retrieval.bm25 import BM25Scorer, tokenize

__all__ = ["BM25Scorer", "tokenize"]
