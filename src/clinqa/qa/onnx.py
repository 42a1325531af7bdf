"""The reader's forward pass on ONNX Runtime, built on the shared machinery in
models/onnx.py (export once, int8 quantisation, cache keyed by the weights, backends
auto|onnx|torch via `ExtractiveReader.load(backend=...)` or CLINQA_BACKEND).

benchmarks/qa_throughput.py measures speed and F1 against torch and the transformers pipeline;
tests/qa/test_onnx.py checks that answers agree.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import numpy as np

from clinqa.models.onnx import (  # noqa: F401 - re-exported: the reader's public names
    BACKENDS,
    EXPORT_VERSION,
    OrtSession,
    available,
    backend_setting,
    cached_export,
    export_dir,
    export_module,
    weights_hash,
)

log = logging.getLogger(__name__)


def _forward(model, with_category: bool):
    """The reader as the exporter wants it: tuple outputs; the category head is absent for plain
    HF QA models. (Defined here, not at import: the ONNX start path never imports torch.)"""
    import torch

    class Forward(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            out = self.model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            if with_category:
                return out["start_logits"], out["end_logits"], out["category_logits"]
            return out["start_logits"], out["end_logits"]

    return Forward()


def export(model, folder: Path, quantize: bool = True) -> Path:
    """Write model.onnx (float32) and, with `quantize`, model.int8.onnx into `folder`."""
    import torch

    with torch.inference_mode():
        probe = model(input_ids=torch.ones(1, 8, dtype=torch.long), attention_mask=torch.ones(1, 8, dtype=torch.long),
                      token_type_ids=torch.zeros(1, 8, dtype=torch.long))
    with_category = probe.get("category_logits") is not None
    outputs = ["start_logits", "end_logits"] + (["category_logits"] if with_category else [])
    inputs = ["input_ids", "attention_mask", "token_type_ids"]
    dyn = {**{k: {0: "batch", 1: "seq"} for k in inputs}, "start_logits": {0: "batch", 1: "seq"},
           "end_logits": {0: "batch", 1: "seq"}, "category_logits": {0: "batch"}}
    args = tuple(torch.ones(2, 16, dtype=torch.long) for _ in inputs)
    return export_module(_forward(model.eval(), with_category), args, folder, input_names=inputs, output_names=outputs,
                         dynamic_axes={k: v for k, v in dyn.items() if k in outputs or k in inputs}, quantize=quantize,
                         what="the reader")


class OnnxForward(OrtSession):
    """Runs an exported reader: numpy arrays in, the torch module's output dict (numpy) out."""

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray | None]:
        if "token_type_ids" in self.inputs and "token_type_ids" not in batch:
            # XLM-R tokenizers (clinqa-qa-multilingual) give none; the torch path then uses the
            # encoder's all-zero buffer, so the exported graph gets the same zeros
            batch = {**batch, "token_type_ids": np.zeros_like(batch["input_ids"])}
        values = self.run(batch)
        return {"start_logits": values["start_logits"], "end_logits": values["end_logits"],
                "category_logits": values.get("category_logits")}


def session_for(model, backend: str, quantize: bool = True, export_on_auto: bool = False) -> OnnxForward | None:
    """The ONNX forward for `model` under `backend`, or None to stay on torch."""
    path = cached_export(export_dir(model), backend, lambda folder: export(model, folder, quantize=quantize),
                         quantize=quantize, what="the reader", export_on_auto=export_on_auto)
    return OnnxForward(path) if path is not None else None


# ---------------------------------------------------------------- start-up without torch weights
# The export's folder is named by a hash of the loaded weights, so finding it needs the torch
# model. A small index, written once a reader has run on ONNX Runtime, maps the model *files*
# (path, size and modification time of every file in the clinqa folder and in the base model's
# folder its embeddings come from) to that export and to the reader's settings: a later start
# reads the index and opens the session without building the torch model (seconds saved per
# command). Rewriting any of those files changes the key, so a retrained model never meets a
# stale export; a missing or unreadable index just means the ordinary load.
INDEX_VERSION = "1"


def files_key(*folders: Path) -> str | None:
    """A key for the files under `folders` (None when one is not a local folder)."""
    h = hashlib.sha256(f"{EXPORT_VERSION}:{INDEX_VERSION}".encode())
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            return None
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                st = p.stat()
                h.update(f"{p.resolve()}:{st.st_size}:{st.st_mtime_ns}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:24]


def _index_path(key: str) -> Path:
    from clinqa.models.registry import cache_dir

    return cache_dir() / "onnx" / "readers" / f"{key}.json"


def read_index(key: str | None) -> dict | None:
    """The recorded export and settings for these model files, or None."""
    if key is None:
        return None
    try:
        entry = json.loads(_index_path(key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("version") != INDEX_VERSION or "export" not in entry:
        return None
    return entry


def write_index(key: str | None, export: Path, settings: dict) -> None:
    """Record `export` (the folder holding model.onnx) for these model files; never fails the load."""
    if key is None:
        return
    from clinqa.runtime import write_cache_file

    try:
        write_cache_file(_index_path(key), json.dumps({"version": INDEX_VERSION, "export": str(export), **settings}))
    except OSError as exc:  # a read-only cache: the next start loads torch weights again
        log.info("could not record the ONNX export for a fast start (%s)", exc)
