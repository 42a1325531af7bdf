"""The large lane's reader: long notes are read through the windows that matter.

A note over `--large-note-chars` may have hundreds of windows; read them all and a 450,000-character
note passes the request's deadline (504). `TopWindows` reads only the windows BM25 ranks highest
for the question, with the readers the small lane already loaded (weights, ONNX sessions and
tokenizers shared, nothing reloaded).
"""

from __future__ import annotations

import copy
import threading
from typing import Any

from clinqa.runtime import checkpoint


class TopWindows:
    """A routed reader's view for the large lane: the same loaded readers (weights, sessions and
    tokenizers shared), each reading only the `top_n` windows BM25 ranks highest for the question
    (`--window-top-n`; a smaller setting of the server's own wins). None: the readers as they are."""

    def __init__(self, routed, top_n: int | None):
        self.routed, self.top_n = routed, top_n
        self._views: dict[int, Any] = {}
        self._lock = threading.Lock()

    def __getattr__(self, name: str):  # name, categories, null_threshold, choose ...: the routed reader's
        return getattr(self.routed, name)

    def _view(self, reader):
        if self.top_n is None or not hasattr(reader, "window_top_n"):
            return reader
        with self._lock:
            view = self._views.get(id(reader))
            if view is None:
                view = self._views[id(reader)] = copy.copy(reader)
                view.window_top_n = min(reader.window_top_n or self.top_n, self.top_n)
                # BM25 only: dense ranking would embed every window of a huge note before reading
                # any, with no checkpoint where the lane could pause for small requests
                view.window_rank = "bm25"
                # small batches: a checkpoint (where the large lane pauses for small requests,
                # or stops when cancelled) every few windows
                view.batch_size = min(getattr(reader, "batch_size", 4), 4)
            return view

    def method_for(self, note, question):
        """As the routed reader names its answers (types.NamesAnswers)."""
        return self.routed.method_for(note, question)

    def answer_many(self, pairs, top_k: int = 1, sentences=None, **kw):
        checkpoint()  # in the large lane: pauses here while small requests run (scheduler.YieldingToken)
        choices = [self.routed.choose(n, q) for n, q in pairs]
        sentences = sentences or [None] * len(pairs)
        out: list = [None] * len(pairs)
        for model in dict.fromkeys(c.model for c in choices):
            idx = [i for i, c in enumerate(choices) if c.model == model]
            res = self._view(self.routed.reader(model)).answer_many(
                [pairs[i] for i in idx], top_k=top_k, sentences=[sentences[i] for i in idx], **kw)
            for i, r in zip(idx, res):
                out[i] = r
        checkpoint()  # and before the answer policy reads the whole note
        return out
