"""The reader's forward pass on ONNX Runtime: exported once with `torch.onnx.export`,
int8-quantised with `onnxruntime.quantization.quantize_dynamic`, cached in the user cache
under a hash of the weights (a retrained model gets a new export, never a stale one).

Backends (`ExtractiveReader.load(backend=...)`, else CLINQA_BACKEND, else "auto"):
  auto   ONNX Runtime when it is installed and this model's export is already cached; torch otherwise
  onnx   ONNX Runtime, exporting first if needed (tens of seconds, once per model)
  torch  never ONNX
benchmarks/qa_throughput.py measures speed and F1 against torch and the transformers pipeline;
tests/test_qa_onnx.py checks that answers agree.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import numpy as np
import torch

from clinqa.errors import ModelError, UsageError

log = logging.getLogger(__name__)
BACKENDS = ("auto", "onnx", "torch")
EXPORT_VERSION = "1"  # bump when the export recipe changes: old caches are then ignored


def backend_setting(backend: str | None) -> str:
    backend = (backend or os.environ.get("CLINQA_BACKEND") or "auto").lower()
    if backend not in BACKENDS:
        raise UsageError(f"backend must be one of {', '.join(BACKENDS)}, got {backend!r} (CLINQA_BACKEND)")
    return backend


def available() -> bool:
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def weights_hash(model) -> str:
    """sha256 of every tensor (name, dtype, shape, bytes): the cache key of an export."""
    h = hashlib.sha256(EXPORT_VERSION.encode())
    for name, t in sorted(model.state_dict().items()):
        t = t.detach().cpu().contiguous()
        h.update(f"{name}:{t.dtype}:{tuple(t.shape)}".encode())
        h.update(t.view(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b"")
    return h.hexdigest()[:24]


def export_dir(model) -> Path:
    from clinqa.models.registry import cache_dir

    return cache_dir() / "onnx" / weights_hash(model)


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
    folder.mkdir(parents=True, exist_ok=True)
    with torch.inference_mode():
        probe = model(input_ids=torch.ones(1, 8, dtype=torch.long), attention_mask=torch.ones(1, 8, dtype=torch.long),
                      token_type_ids=torch.zeros(1, 8, dtype=torch.long))
    with_category = probe.get("category_logits") is not None
    outputs = ["start_logits", "end_logits"] + (["category_logits"] if with_category else [])
    fp32 = folder / "model.onnx"
    tmp = folder / "model.onnx.tmp"
    args = tuple(torch.ones(2, 16, dtype=torch.long) for _ in range(3))
    dyn = {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
           "token_type_ids": {0: "batch", 1: "seq"}, "start_logits": {0: "batch", 1: "seq"},
           "end_logits": {0: "batch", 1: "seq"}, "category_logits": {0: "batch"}}
    try:
        torch.onnx.export(_Forward(model.eval(), with_category), args, str(tmp), dynamo=False, opset_version=17,
                          input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=outputs,
                          dynamic_axes={k: v for k, v in dyn.items() if k in outputs or k.endswith(("ids", "mask"))})
    except Exception as exc:  # noqa: BLE001 - any exporter failure means: stay on torch
        tmp.unlink(missing_ok=True)
        raise ModelError(f"could not export the reader to ONNX ({type(exc).__name__}: {exc}); use backend torch") from exc
    tmp.replace(fp32)
    if quantize:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        q_tmp = folder / "model.int8.onnx.tmp"
        quantize_dynamic(str(fp32), str(q_tmp), weight_type=QuantType.QInt8)
        q_tmp.replace(folder / "model.int8.onnx")
    return folder


class OnnxForward:
    """Runs an exported reader: numpy arrays in, the torch module's output dict (numpy) out."""

    def __init__(self, path: Path, threads: int | None = None):
        import onnxruntime as ort

        from clinqa.runtime import current_threads

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or current_threads()
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.path = path
        self.session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        self.outputs = [o.name for o in self.session.get_outputs()]

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray | None]:
        feed = {k: batch[k] for k in ("input_ids", "attention_mask", "token_type_ids")}
        values = dict(zip(self.outputs, self.session.run(self.outputs, feed)))
        return {"start_logits": values["start_logits"], "end_logits": values["end_logits"],
                "category_logits": values.get("category_logits")}


def session_for(model, backend: str, quantize: bool = True) -> OnnxForward | None:
    """The ONNX forward for `model` under `backend`, or None to stay on torch."""
    backend = backend_setting(backend)
    if backend == "torch":
        return None
    if not available():
        if backend == "onnx":
            raise ModelError("backend onnx needs onnxruntime: pip install onnxruntime")
        return None
    folder = export_dir(model)
    name = "model.int8.onnx" if quantize else "model.onnx"
    if not (folder / name).exists():
        if backend == "auto":
            return None
        log.warning("exporting the reader to ONNX (once per model) into %s", folder)
        export(model, folder, quantize=quantize)
    return OnnxForward(folder / name)
