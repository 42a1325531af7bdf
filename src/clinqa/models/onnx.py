"""ONNX Runtime machinery shared by the reader (qa/onnx.py) and the sentence encoders
(retrieval/dense.py): a module exported once with `torch.onnx.export`, int8-quantised with
`onnxruntime.quantization.quantize_dynamic`, cached in the user cache under a hash of the
weights (a retrained model gets a new export, never a stale one), and run on the CPU.

Backends (an explicit argument, else CLINQA_BACKEND, else "auto"):
  auto   ONNX Runtime when it is installed and this model's export is already cached; torch otherwise
  onnx   ONNX Runtime, exporting first if needed (tens of seconds, once per model)
  torch  never ONNX
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from clinqa.errors import ModelError, UsageError

if TYPE_CHECKING:  # torch is imported where weights are hashed or exported: an ONNX start needs neither
    import torch

log = logging.getLogger(__name__)
BACKENDS = ("auto", "onnx", "torch")
EXPORT_VERSION = "1"  # bump when an export recipe changes: old caches are then ignored
FP32, INT8 = "model.onnx", "model.int8.onnx"


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


def weights_hash(model: torch.nn.Module, recipe: str = "") -> str:
    """sha256 of every tensor (name, dtype, shape, bytes): the cache key of an export. `recipe`
    names what was exported around the weights (the same encoder exported as token embeddings
    and as a classifier must not share a folder); "" is the reader's, kept so its caches stay valid."""
    import torch

    h = hashlib.sha256(EXPORT_VERSION.encode() + (f":{recipe}".encode() if recipe else b""))
    for name, t in sorted(model.state_dict().items()):
        t = t.detach().cpu().contiguous()
        h.update(f"{name}:{t.dtype}:{tuple(t.shape)}".encode())
        h.update(t.view(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b"")
    return h.hexdigest()[:24]


def export_dir(model: torch.nn.Module, recipe: str = "") -> Path:
    from clinqa.models.registry import cache_dir

    return cache_dir() / "onnx" / weights_hash(model, recipe)


def export_module(module: torch.nn.Module, args: tuple[torch.Tensor, ...], folder: Path, *,
                  input_names: Sequence[str], output_names: Sequence[str],
                  dynamic_axes: Mapping[str, Mapping[int, str]], quantize: bool = True,
                  what: str = "the model") -> Path:
    """Write model.onnx (float32) and, with `quantize`, model.int8.onnx into `folder`. Each file
    appears whole or not at all (written beside, then renamed), so a killed export is redone."""
    import torch

    folder.mkdir(parents=True, exist_ok=True)
    fp32, tmp = folder / FP32, folder / (FP32 + ".tmp")
    try:
        torch.onnx.export(module.eval(), args, str(tmp), dynamo=False, opset_version=17,
                          input_names=list(input_names), output_names=list(output_names),
                          dynamic_axes={k: dict(v) for k, v in dynamic_axes.items()})
    except Exception as exc:  # noqa: BLE001 - any exporter failure means: stay on torch
        tmp.unlink(missing_ok=True)
        raise ModelError(f"could not export {what} to ONNX ({type(exc).__name__}: {exc}); use backend torch") from exc
    tmp.replace(fp32)
    if quantize:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        q_tmp = folder / (INT8 + ".tmp")
        quantize_dynamic(str(fp32), str(q_tmp), weight_type=QuantType.QInt8)
        q_tmp.replace(folder / INT8)
    return folder


class OrtSession:
    """One exported model on ONNX Runtime's CPU provider, its intra-op threads from
    `clinqa.runtime.onnx_threads` (CLINQA_THREADS / --threads cap them as they cap torch's)."""

    def __init__(self, path: Path, threads: int | None = None):
        import onnxruntime as ort

        from clinqa.runtime import onnx_threads

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or onnx_threads()
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.path = path
        self.session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        self.inputs = [i.name for i in self.session.get_inputs()]
        self.outputs = [o.name for o in self.session.get_outputs()]

    def run(self, feed: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Named outputs for the graph's inputs taken from `feed` (extra keys are ignored)."""
        missing = [k for k in self.inputs if k not in feed]
        if missing:
            raise ModelError(f"ONNX model {self.path} needs inputs {missing}")
        values = self.session.run(self.outputs, {k: np.ascontiguousarray(feed[k], dtype=np.int64) for k in self.inputs})
        return dict(zip(self.outputs, values))


def cached_export(folder: Path, backend: str | None, export: Callable[[Path], object], *, quantize: bool = True,
                  what: str = "the model") -> Path | None:
    """The export file to run under `backend` (float32 or int8 by `quantize`), exporting into
    `folder` first only when the backend is "onnx"; None means: stay on torch."""
    backend = backend_setting(backend)
    if backend == "torch":
        return None
    if not available():
        if backend == "onnx":
            raise ModelError("backend onnx needs onnxruntime: pip install onnxruntime")
        return None
    path = folder / (INT8 if quantize else FP32)
    if not path.exists():
        if backend == "auto":
            return None
        log.warning("exporting %s to ONNX (once per model) into %s", what, folder)
        export(folder)
        if not path.exists():  # an export without the int8 file was asked for an int8 session
            raise ModelError(f"export of {what} did not write {path}")
    return path
