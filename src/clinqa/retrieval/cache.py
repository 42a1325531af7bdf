"""The note cache: what a note gives every question, computed once per note text.

A question about a note needs its sentences and sections (segmentation), the BM25 and TF-IDF
indexes over those sentences, and the sentences' embeddings (retrieval/dense.py). None of them
depends on the question, so they are kept, keyed by a hash of the text (and the note id, which
sentence ids do not depend on but callers report), in least-recently-used caches bounded in
bytes. A second question about a cached note then pays only for itself: the service, `ask`
with several questions and `evidence` share them. Entries are read-only once stored (sentences
are frozen dataclasses handed out as fresh lists; fitted scorers are only read), so the server's
two lanes may use one entry at once.

Sizes: CLINQA_NOTE_CACHE_MB (default 64) for sentences and indexes, CLINQA_EMBED_CACHE_MB
(default 64) for embeddings; an entry larger than its cache is computed but not kept, so one
huge note never flushes every other note.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from clinqa.types import Sentence


def digest(texts: Sequence[str]) -> str:
    """sha256 of a sequence of strings ("ab","c" is not "a","bc")."""
    h = hashlib.sha256()
    for t in texts:
        h.update(t.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


class NoteCache:
    """A thread-safe LRU of values whose sizes (bytes, estimated by the caller) sum to at most
    `max_bytes`."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._items)

    @property
    def bytes(self) -> int:
        return self._bytes

    def get(self, key: tuple) -> Any | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return item[0]

    def put(self, key: tuple, value: Any, nbytes: int) -> None:
        if nbytes > self.max_bytes:
            return  # one huge note must not flush every other note
        with self._lock:
            if key in self._items:
                return
            self._items[key] = (value, nbytes)
            self._bytes += nbytes
            while self._bytes > self.max_bytes:
                _, (_, old) = self._items.popitem(last=False)
                self._bytes -= old

    def get_or_build(self, key: tuple, build: Callable[[], Any], size: Callable[[Any], int]) -> Any:
        """The cached value, else `build()` stored under `key` (two threads may both build it the
        first time; one result is kept)."""
        value = self.get(key)
        if value is None:
            value = build()
            self.put(key, value, size(value))
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


def _megabytes(var: str, default: float) -> int:
    return int(float(os.environ.get(var, default)) * 2**20)


NOTES = NoteCache(_megabytes("CLINQA_NOTE_CACHE_MB", 64))


def _sentences_size(sentences: tuple[Sentence, ...]) -> int:
    # the text twice (the note's copy and the sentence's) + ~250 bytes of object per sentence
    return sum(2 * len(s.text) + 250 for s in sentences) + 64


def sentences_of(text: str, note_id: str = "") -> list[Sentence]:
    """`clinqa.text.segment(text, note_id)`, computed once per (text, id) while cached."""
    from clinqa.text import segment

    key = ("sentences", digest([text]), note_id)
    return list(NOTES.get_or_build(key, lambda: tuple(segment(text, note_id)), _sentences_size))


def fitted(name: str, make: Callable[[], Any], texts: Sequence[str], params: tuple = ()) -> Any:
    """A lexical scorer (`make()`, then `.fit(texts)`) fitted once per sentence list while cached;
    `params` names its settings. Its size is estimated at 40 bytes per character of the
    sentences (a BM25 or TF-IDF index of uni- and bigrams is a few times its text)."""
    key = ("fitted", name, params, digest(texts))
    return NOTES.get_or_build(key, lambda: make().fit(texts), lambda _: 40 * sum(len(t) for t in texts) + 1024)
