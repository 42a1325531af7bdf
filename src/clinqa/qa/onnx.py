"""The reader's forward pass on ONNX Runtime, built on the shared machinery in
models/onnx.py (export once, int8 quantisation, cache keyed by the weights, backends
auto|onnx|torch via `ExtractiveReader.load(backend=...)` or CLINQA_BACKEND).

benchmarks/qa_throughput.py measures speed and F1 against torch and the transformers pipeline;
tests/qa/test_onnx.py checks that answers agree.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import torch

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


class _Forward(torch.nn.Module):
    """Tuple outputs for the exporter; the category head is absent for plain HF QA models."""

    def __init__(self, model, with_category: bool):
        super().__init__()
        self.model, self.with_category = model, with_category

    def forward(self, input_ids, attention_mask, token_type_ids):
        out = self.model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
        if self.with_category:
            return out["start_logits"], out["end_logits"], out["category_logits"]
        return out["start_logits"], out["end_logits"]


def export(model, folder: Path, quantize: bool = True) -> Path:
    """Write model.onnx (float32) and, with `quantize`, model.int8.onnx into `folder`."""
    with torch.inference_mode():
        probe = model(input_ids=torch.ones(1, 8, dtype=torch.long), attention_mask=torch.ones(1, 8, dtype=torch.long),
                      token_type_ids=torch.zeros(1, 8, dtype=torch.long))
    with_category = probe.get("category_logits") is not None
    outputs = ["start_logits", "end_logits"] + (["category_logits"] if with_category else [])
    inputs = ["input_ids", "attention_mask", "token_type_ids"]
    dyn = {**{k: {0: "batch", 1: "seq"} for k in inputs}, "start_logits": {0: "batch", 1: "seq"},
           "end_logits": {0: "batch", 1: "seq"}, "category_logits": {0: "batch"}}
    args = tuple(torch.ones(2, 16, dtype=torch.long) for _ in inputs)
    return export_module(_Forward(model.eval(), with_category), args, folder, input_names=inputs, output_names=outputs,
                         dynamic_axes={k: v for k, v in dyn.items() if k in outputs or k in inputs}, quantize=quantize,
                         what="the reader")


class OnnxForward(OrtSession):
    """Runs an exported reader: numpy arrays in, the torch module's output dict (numpy) out."""

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray | None]:
        values = self.run(batch)
        return {"start_logits": values["start_logits"], "end_logits": values["end_logits"],
                "category_logits": values.get("category_logits")}


def session_for(model, backend: str, quantize: bool = True) -> OnnxForward | None:
    """The ONNX forward for `model` under `backend`, or None to stay on torch."""
    path = cached_export(export_dir(model), backend, lambda folder: export(model, folder, quantize=quantize),
                         quantize=quantize, what="the reader")
    return OnnxForward(path) if path is not None else None
