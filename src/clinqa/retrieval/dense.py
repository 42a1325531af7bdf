"""Neural sentence scorers: a sentence-transformers CrossEncoder for any hub/local
cross-encoder, and bi-encoder cosine (offline: the packaged all-MiniLM-L6-v2, or the
multilingual multilingual-e5-small with its "query: " / "passage: " prefixes) as fallback.

Both run on ONNX Runtime under the reader's backend rule (models/onnx.py: CLINQA_BACKEND
auto|onnx|torch; auto uses an export only when it is already cached). The exported graph is
the transformer alone; tokenisation is the sentence-transformers model's own, and the
bi-encoder's pooling and normalisation and the cross-encoder's activation are re-done in
numpy/torch exactly as sentence-transformers does them. tests/retrieval/test_onnx.py checks
the scores agree; benchmarks/encoder_onnx.py measures the speed.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from clinqa.models.loader import is_shipped, resolve
from clinqa.retrieval.cache import NoteCache, digest

log = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def _bi_encoder(source: str):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(source, device="cpu")


@lru_cache(maxsize=4)
def _cross_encoder(source: str):
    from sentence_transformers import CrossEncoder

    return CrossEncoder(source, device="cpu")


# ---------------------------------------------------------------- ONNX Runtime
# Precision per encoder. Float32 for both: it scores as torch does (within 1e-6) and was 1.6x
# (bi) and 2.1x (cross) torch's speed; int8 was 2.5x / 3.6x but changed the top sentence on 5 of
# 23 COVID-QA questions for each encoder (benchmarks/encoder_onnx.py; README, ONNX Runtime).
QUANTIZE = {"bi": False, "cross": False}
TOKEN_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def _features(model, inputs: list) -> dict[str, np.ndarray]:
    """The model's own tokenisation (truncation to its max_seq_length included), as numpy."""
    prep = getattr(model, "preprocess", None) or model.tokenize
    return {k: v.numpy() for k, v in prep(inputs).items() if k in TOKEN_INPUTS}


def _parts(model) -> tuple[object, list]:
    """The HF model inside the first (Transformer) module, and the modules after it."""
    modules = list(model)
    first = modules[0] if modules else None
    hf = getattr(first, "model", None) if type(first).__name__ == "Transformer" else None
    if hf is None or not hasattr(hf, "state_dict"):
        hf = getattr(first, "auto_model", None)  # sentence-transformers 5
    return hf, modules[1:]


def _export_encoder(hf, model, probe: list, output: str, folder, quantize: bool, what: str):
    import torch

    from clinqa.models.onnx import export_module

    class _Forward(torch.nn.Module):
        def __init__(self, hf, names):
            super().__init__()
            self.hf, self.names = hf, names

        def forward(self, *args):
            out = self.hf(**dict(zip(self.names, args)), return_dict=True)
            return out["logits"] if output == "logits" else out["last_hidden_state"]

    feats = _features(model, probe)
    names = [k for k in TOKEN_INPUTS if k in feats]
    args = tuple(torch.from_numpy(feats[k]) for k in names)
    dyn = {**{k: {0: "batch", 1: "seq"} for k in names},
           output: {0: "batch", 1: "seq"} if output == "token_embeddings" else {0: "batch"}}
    return export_module(_Forward(hf.eval(), names), args, folder, input_names=names, output_names=[output],
                         dynamic_axes=dyn, quantize=quantize, what=what)


def _pool(h: np.ndarray, mask: np.ndarray, mode: str) -> np.ndarray:
    """sentence-transformers' Pooling (padded inputs, no prompt exclusion) in numpy."""
    m = mask[..., None].astype(h.dtype)
    if mode == "mean":
        return (h * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
    if mode == "max":
        return np.where(m > 0, h, -np.inf).max(axis=1)
    return h[np.arange(len(h)), mask.argmax(axis=1)]  # cls: the first attended token


class OrtBiEncoder:
    """A SentenceTransformer (Transformer -> Pooling [-> Normalize]) with its transformer on ONNX
    Runtime; embeddings are always L2-normalised, as BiEncoderScorer asks sentence-transformers."""

    POOLING = ("mean", "cls", "max")

    def __init__(self, model, session):
        self.model, self.session = model, session
        self.mode = self.pooling_mode(model)

    @classmethod
    def pooling_mode(cls, model) -> str | None:
        """The one pooling mode this class reproduces, or None when the stack is anything else
        (a default prompt, which encode() would prepend, included)."""
        _, rest = _parts(model)
        if getattr(model, "default_prompt_name", None):
            return None
        names = [type(m).__name__ for m in rest]
        if names not in (["Pooling"], ["Pooling", "Normalize"]):
            return None
        pooling = rest[0]
        mode = getattr(pooling, "pooling_mode", None)
        if not isinstance(mode, str) and hasattr(pooling, "get_pooling_mode_str"):
            mode = pooling.get_pooling_mode_str()
        return mode if mode in cls.POOLING else None

    @classmethod
    def load(cls, model, backend: str | None, quantize: bool, export_on_auto: bool = False) -> OrtBiEncoder | None:
        from clinqa.models.onnx import OrtSession, cached_export, export_dir

        hf, _ = _parts(model)
        if hf is None or cls.pooling_mode(model) is None:
            log.info("bi-encoder %s: module stack not reproducible on ONNX Runtime; staying on torch", model)
            return None
        path = cached_export(export_dir(hf, "token-embeddings"), backend,
                             lambda folder: _export_encoder(hf, model, ["a probe sentence.", "two"], "token_embeddings",
                                                            folder, quantize, "the bi-encoder"),
                             quantize=quantize, what="the bi-encoder", export_on_auto=export_on_auto)
        return cls(model, OrtSession(path)) if path is not None else None

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        out: np.ndarray | None = None
        order = np.argsort([-len(t) for t in texts], kind="stable")  # similar lengths pad less
        for b in range(0, len(texts), batch_size):
            idx = order[b:b + batch_size]
            feats = _features(self.model, [texts[i] for i in idx])
            h = self.session.run(feats)["token_embeddings"]
            e = _pool(h.astype(np.float32), feats["attention_mask"], self.mode)
            e /= np.maximum(np.linalg.norm(e, axis=1, keepdims=True), 1e-12)  # torch's F.normalize
            if out is None:
                out = np.empty((len(texts), e.shape[1]), dtype=np.float32)
            out[idx] = e
        return out if out is not None else np.zeros((0, 0), dtype=np.float32)


class OrtCrossEncoder:
    """A CrossEncoder whose only module is a sequence classifier, on ONNX Runtime; the model's
    own activation (Sigmoid for one label unless its config names another) is applied as
    CrossEncoder.predict applies it."""

    def __init__(self, model, session):
        self.model, self.session = model, session

    @staticmethod
    def reproducible(model) -> bool:
        hf, rest = _parts(model)
        return (hf is not None and not rest and hasattr(model, "preprocess") and hasattr(model, "activation_fn")
                and model.num_labels == 1 and not getattr(model, "default_prompt_name", None))

    @classmethod
    def load(cls, model, backend: str | None, quantize: bool, export_on_auto: bool = False) -> OrtCrossEncoder | None:
        from clinqa.models.onnx import OrtSession, cached_export, export_dir

        if not cls.reproducible(model):
            log.info("cross-encoder %s: not reproducible on ONNX Runtime; staying on torch", model)
            return None
        hf, _ = _parts(model)
        # `hf` holds the weights actually scored: for the packaged LoRA cross-encoder, the merged model
        path = cached_export(export_dir(hf, "sequence-logits"), backend,
                             lambda folder: _export_encoder(hf, model, [("a question?", "a probe sentence."),
                                                                        ("q", "s")], "logits", folder, quantize,
                                                            "the cross-encoder"),
                             quantize=quantize, what="the cross-encoder", export_on_auto=export_on_auto)
        return cls(model, OrtSession(path)) if path is not None else None

    def predict(self, pairs: list[tuple[str, str]], batch_size: int = 32) -> np.ndarray:
        import torch

        out = np.zeros(len(pairs), dtype=np.float32)
        order = np.argsort([-(len(q) + len(d)) for q, d in pairs], kind="stable")
        for b in range(0, len(pairs), batch_size):
            idx = order[b:b + batch_size]
            logits = self.session.run(_features(self.model, [pairs[i] for i in idx]))["logits"]
            scores = torch.from_numpy(logits.astype(np.float32))
            if self.model.activation_fn is not None:
                scores = self.model.activation_fn(scores)
            out[idx] = scores.numpy().reshape(len(idx), -1)[:, 0]
        return out


@lru_cache(maxsize=8)
def _ort(kind: str, source: str, backend: str, cache: str, quantize: bool, export_on_auto: bool):
    """ORT twin of the cached torch model, or None; `cache` is in the key because the export lives there."""
    if kind == "bi":
        return OrtBiEncoder.load(_bi_encoder(source), backend, quantize, export_on_auto)
    return OrtCrossEncoder.load(_cross_encoder(source), backend, quantize, export_on_auto)


def ort_encoder(kind: str, source: str, backend: str | None = None, quantize: bool | None = None,
                export_on_auto: bool = False):
    """The encoder at `source` on ONNX Runtime, or None for torch. `export_on_auto`: exported on
    first use under the default backend (the shipped encoders: ONNX Runtime in float32 scores as
    torch does, 1.6x / 2.1x faster, README "ONNX Runtime")."""
    from clinqa.models.onnx import backend_setting
    from clinqa.models.registry import cache_dir

    backend = backend_setting(backend)
    if backend == "torch":
        return None
    return _ort(kind, source, backend, str(cache_dir()), QUANTIZE[kind] if quantize is None else quantize,
                export_on_auto)


# E5 models were trained with these prefixes; without them retrieval quality drops.
PREFIXES = {"multilingual-e5-small": ("query: ", "passage: ")}


def _prefixes(model: str) -> tuple[str, str]:
    name = str(model).rstrip("/").split("/")[-1].lower()
    return PREFIXES.get(name, ("query: ", "passage: ") if "e5" in name.split("-") else ("", ""))


class EmbeddingCache(NoteCache):
    """Sentence embeddings of recent notes (retrieval/cache.py's LRU, bounded in bytes by
    CLINQA_EMBED_CACHE_MB, default 64); arrays are made read-only when stored, since requests
    on both of the server's lanes share them."""

    def put(self, key: tuple, value: np.ndarray, nbytes: int | None = None) -> None:
        if value.nbytes <= self.max_bytes:
            value.setflags(write=False)  # shared between requests: nobody may change it in place
        super().put(key, value, value.nbytes if nbytes is None else nbytes)


EMBEDDINGS = EmbeddingCache(int(float(os.environ.get("CLINQA_EMBED_CACHE_MB", "64")) * 2**20))


class BiEncoderScorer:
    """Cosine between question and sentence embeddings. Models load once per process."""

    name = "dense"

    def __init__(self, model: str = "minilm", batch_size: int = 64, backend: str | None = None):
        self.model, self.batch_size, self.backend = model, batch_size, backend
        self.query_prefix, self.passage_prefix = _prefixes(model)

    def fit(self, documents: Sequence[str]) -> BiEncoderScorer:
        source = resolve(self.model)
        self._encoder = _bi_encoder(source)
        self.onnx = ort_encoder("bi", source, self.backend, export_on_auto=is_shipped(self.model))
        documents = [self.passage_prefix + d for d in documents]
        if documents:
            # a note's sentences are encoded once: every later question about the same note (the
            # service, `ask` with several questions, `extract`) encodes only itself
            key = (source, "onnx" if self.onnx is not None else "torch", digest(documents))
            self._docs = EMBEDDINGS.get(key)
            if self._docs is None:
                self._docs = self._encode(documents)
                EMBEDDINGS.put(key, self._docs)
        else:
            self._docs = None
        self._n = len(documents)
        return self

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self.onnx is not None:
            return self.onnx.encode(texts, self.batch_size)
        return self._encoder.encode(texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True,
                                    show_progress_bar=False)

    def score(self, query: str) -> np.ndarray:
        if self._docs is None:
            return np.zeros(0, dtype=np.float32)
        q = self._encode([self.query_prefix + query])
        return (self._docs @ q[0]).astype(np.float32)  # (n_documents,)


class CrossEncoderScorer:
    """Relevance scores of (question, sentence) pairs from a CrossEncoder folder or hub id: the
    model's activation (Sigmoid for one label) over its logits, as CrossEncoder.predict gives them."""

    name = "cross"

    def __init__(self, model: str, batch_size: int = 32, backend: str | None = None):
        self.model, self.batch_size, self.backend = model, batch_size, backend

    def fit(self, documents: Sequence[str]) -> CrossEncoderScorer:
        source = resolve(self.model)
        self._encoder = _cross_encoder(source)
        self.onnx = ort_encoder("cross", source, self.backend, export_on_auto=is_shipped(self.model))
        self._docs = list(documents)
        return self

    def score(self, query: str) -> np.ndarray:
        if not self._docs:
            return np.zeros(0, dtype=np.float32)
        if self.onnx is not None:
            return self.onnx.predict([(query, d) for d in self._docs], self.batch_size)
        return np.asarray(self._encoder.predict([(query, d) for d in self._docs], batch_size=self.batch_size,
                                                show_progress_bar=False), dtype=np.float32).ravel()
