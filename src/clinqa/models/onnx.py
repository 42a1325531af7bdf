"""ONNX Runtime machinery shared by the reader (qa/onnx.py) and the sentence encoders
(retrieval/dense.py): a module exported once with `torch.onnx.export`, int8-quantised with
`onnxruntime.quantization.quantize_dynamic`, cached in the user cache under a hash of the
weights (a retrained model gets a new export, never a stale one), and run on the CPU.

Backends (an explicit argument, else CLINQA_BACKEND, else "auto"):
  auto   ONNX Runtime when it is installed and this model's export is already cached, or the
         model is one clinqa ships (exported on first use); torch otherwise
  onnx   ONNX Runtime, exporting first if needed (tens of seconds, once per model)
  torch  never ONNX
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from clinqa.errors import ModelError, UsageError

if TYPE_CHECKING:  # torch is imported where weights are hashed or exported: an ONNX start needs neither
    import torch

log = logging.getLogger(__name__)
BACKENDS = ("auto", "onnx", "torch")
# bump when an export recipe changes: old caches are then ignored. 2: embedding tables in float16
# where that is exact (half the file, session start about 0.5 s faster, same outputs). 3: eager
# attention in the graph (faster on ONNX Runtime), int8 per channel with outlier inputs in float32
EXPORT_VERSION = "3"
HALF_TABLE_MIN = 1 << 20  # elements: only tables this large are worth a Cast
_EXPORTING = threading.Lock()  # cached_export: one export at a time per process
FP32, INT8 = "model.onnx", "model.int8.onnx"
# int8 keeps in float32 each MatMul whose input has an outlier channel: max |x| over the
# root-mean-square of x above this on the calibration batch. Transformer encoders carry a few
# "massive activation" channels, mostly into some layers' FFN output projection; one scale per
# tensor then crushes every other value to a few levels. On clinqa-qa-multilingual the ratio is
# 100-250 at 4 of its 12 FFN outputs and at most 80 elsewhere (README "ONNX Runtime").
OUTLIER_RATIO = 100.0


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
    _sweep_stale(folder)
    # names of this process and thread: two exports at once (server workers, two lanes' first
    # requests) never write one file; the last rename wins with a whole file either way
    tag = f"{os.getpid()}.{threading.get_ident()}"
    fp32, tmp, q_tmp = folder / FP32, folder / f"{FP32}.{tag}.tmp", folder / f"{INT8}.{tag}.tmp"
    try:  # the whole body: an interrupted export (Ctrl-C) leaves no temporary file behind
        try:
            with _eager_attention(module):
                torch.onnx.export(module.eval(), args, str(tmp), dynamo=False, opset_version=17,
                                  input_names=list(input_names), output_names=list(output_names),
                                  dynamic_axes={k: dict(v) for k, v in dynamic_axes.items()})
        except Exception as exc:  # noqa: BLE001 - any exporter failure means: stay on torch
            raise ModelError(f"could not export {what} to ONNX ({type(exc).__name__}: {exc}); use backend torch") from exc
        if quantize:  # from the plain float32 graph, before its tables are halved below
            quantize_int8(tmp, q_tmp, _calibration_feed(module, input_names))  # its tables are int8 already
            q_tmp.replace(folder / INT8)
        half_tables(tmp)
        tmp.replace(fp32)
    finally:
        tmp.unlink(missing_ok=True)
        q_tmp.unlink(missing_ok=True)
    return folder


@contextlib.contextmanager
def _eager_attention(module: torch.nn.Module):
    """The transformers models inside `module` with plain ("eager") attention while it is
    exported, restored after. torch's fused attention (sdpa) exports as a masked pattern that
    ONNX Runtime runs slower: the reader's 192-token window 62 -> 57 ms in float32 and 32 -> 26
    ms in int8 (batch 16, 2 threads). The outputs are the same to 1e-5. A model nested in one
    already switched has eager attention by then, so it is left alone."""
    changed = []
    for m in module.modules():
        impl = getattr(getattr(m, "config", None), "_attn_implementation", None)
        if impl in (None, "eager") or not hasattr(m, "set_attn_implementation"):
            continue
        try:
            m.set_attn_implementation("eager")
        except (ValueError, NotImplementedError) as exc:  # a model without eager attention
            log.debug("%s keeps %s attention for export (%s)", type(m).__name__, impl, exc)
            continue
        changed.append((m, impl))
    try:
        yield
    finally:
        for m, impl in reversed(changed):
            m.set_attn_implementation(impl)


def _calibration_feed(module: torch.nn.Module, input_names: Sequence[str]) -> dict[str, np.ndarray] | None:
    """Random token ids (fixed seed) for the graph's inputs, to find the outlier channels: those
    come from the weights, not the text (on the default reader, random ids and clinical and
    XQuAD windows flag the same layers). None when the vocabulary size is unknown."""
    vocab = next((getattr(m.config, "vocab_size", None) for m in module.modules()
                  if getattr(getattr(m, "config", None), "vocab_size", None)), None)
    if not vocab or "input_ids" not in input_names:
        return None
    ids = np.random.default_rng(0).integers(0, vocab, size=(4, 128), dtype=np.int64)
    feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
    return {k: v for k, v in feed.items() if k in input_names}


def outlier_matmuls(path: Path, feed: Mapping[str, np.ndarray] | None, ratio: float = OUTLIER_RATIO) -> list[str]:
    """The MatMul/Gemm nodes with a weight input whose activation input has max |x| / rms(x) above
    `ratio` on `feed` (the graph at `path` run with those activations as extra outputs)."""
    if not feed:
        return []
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper

    model = onnx.load(str(path))
    weights = {i.name for i in model.graph.initializer}
    probes: dict[str, list[str]] = {}
    for node in model.graph.node:
        if node.op_type in ("MatMul", "Gemm") and len(node.input) > 1 and node.input[1] in weights:
            probes.setdefault(node.input[0], []).append(node.name)
    outputs = {o.name for o in model.graph.output}
    model.graph.output.extend(helper.make_tensor_value_info(n, TensorProto.FLOAT, None) for n in probes
                              if n not in outputs)
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    names = list(probes)
    flagged = []
    for name, x in zip(names, session.run(names, dict(feed))):
        x = np.abs(x.astype(np.float64))
        rms = float(np.sqrt(np.mean(x * x)))
        if rms > 0 and float(x.max()) / rms > ratio:
            flagged.extend(probes[name])
    return sorted(flagged)


def quantize_int8(src: Path, dest: Path, feed: Mapping[str, np.ndarray] | None) -> list[str]:
    """int8 weights (one scale per output channel) for every MatMul of `src` except those with
    outlier inputs on `feed`, which stay float32; returns those. On the default reader int8 with
    one scale per tensor for every MatMul lost 3-7 XQuAD F1 in every language; this recipe is level
    with float32 on average, and README "ONNX Runtime" has its gains and losses per data set."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    keep = outlier_matmuls(src, feed)
    if keep:
        log.info("int8 export: %d MatMul(s) with outlier inputs stay float32: %s", len(keep), ", ".join(keep))
    quantize_dynamic(str(src), str(dest), weight_type=QuantType.QInt8, per_channel=True, nodes_to_exclude=keep)
    return keep


STALE_S = 3600  # an export takes about a minute: a temporary file this old was left by a killed one


def _sweep_stale(folder: Path) -> None:
    """Remove temporary export files that a killed process left (each is hundreds of MB)."""
    import time

    for p in folder.glob("*.tmp"):
        try:
            if time.time() - p.stat().st_mtime > STALE_S:
                p.unlink()
        except OSError:
            pass


def half_tables(path: Path) -> list[str]:
    """Store each large embedding table (an initializer read only by Gather) as float16, with a
    Cast of the gathered rows back to float32, when every value survives the round trip exactly:
    the outputs are bit-identical and the file and the session's memory lose half the table.
    clinqa-qa-multilingual's packaged weights are float16, so its 250k x 384 word embeddings (384
    of the export's 448 MB) qualify; a table that would change is left alone. Returns the tables
    halved."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(path))
    graph = model.graph
    readers: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            readers.setdefault(name, []).append(node)
    halved = []
    for init in list(graph.initializer):
        users = readers.get(init.name, [])
        if (init.data_type != TensorProto.FLOAT or int(np.prod(init.dims)) < HALF_TABLE_MIN or not users
                or any(n.op_type != "Gather" or n.input[0] != init.name for n in users)):
            continue
        table = numpy_helper.to_array(init)
        half = table.astype(np.float16)
        if not np.array_equal(half.astype(np.float32), table):
            continue
        graph.initializer.remove(init)
        graph.initializer.append(numpy_helper.from_array(half, init.name))
        for k, node in enumerate(users):
            rows = node.output[0]
            node.output[0] = f"{rows}.float16"
            cast = helper.make_node("Cast", [node.output[0]], [rows], to=TensorProto.FLOAT, name=f"{init.name}.cast{k}")
            graph.node.insert(list(graph.node).index(node) + 1, cast)
        halved.append(init.name)
    if halved:
        onnx.save(model, str(path))
    return halved


class OrtSession:
    """One exported model on ONNX Runtime's CPU provider, its intra-op threads from
    `clinqa.runtime.onnx_threads` (CLINQA_THREADS / --threads cap them as they cap torch's).

    `background=True` opens the session in a thread and waits for it at first use: ONNX Runtime
    builds a session without holding the GIL, so a cold command's tokenizer and spaCy loads run
    beside it (about 0.5 s of a cold question, benchmarks/cold_start.py). An error opening it is
    raised at first use, as a ModelError naming the file."""

    def __init__(self, path: Path, threads: int | None = None, *, background: bool = False):
        import onnxruntime as ort

        from clinqa.runtime import onnx_threads

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or onnx_threads()
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.path = path
        self._session = None
        self._error: BaseException | None = None
        self._opened = threading.Event()
        if background:
            # not a daemon: a process that ends while the session is still opening waits for it
            # (ONNX Runtime aborts the process if the interpreter is torn down under it)
            threading.Thread(target=self._open, args=(ort, opts), name="clinqa-onnx-open", daemon=False).start()
        else:
            self._open(ort, opts)
            self.session  # noqa: B018 - raises here what opening it raised

    def _open(self, ort, opts) -> None:
        try:
            self._session = ort.InferenceSession(str(self.path), opts, providers=["CPUExecutionProvider"])
            self._inputs = [i.name for i in self._session.get_inputs()]
            self._outputs = [o.name for o in self._session.get_outputs()]
        except Exception as exc:  # noqa: BLE001 - ONNX Runtime raises its own classes for a bad file
            self._error = exc
        finally:
            self._opened.set()

    @property
    def session(self):
        self._opened.wait()
        if self._error is not None:
            raise ModelError(f"cannot open the ONNX model {self.path} ({type(self._error).__name__}: "
                             f"{self._error}); delete it to export again, or use backend torch") from self._error
        return self._session

    @property
    def inputs(self) -> list[str]:
        self.session  # noqa: B018 - waits for it
        return self._inputs

    @property
    def outputs(self) -> list[str]:
        self.session  # noqa: B018
        return self._outputs

    def run(self, feed: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Named outputs for the graph's inputs taken from `feed` (extra keys are ignored)."""
        session = self.session  # waits for a session opened in the background
        missing = [k for k in self._inputs if k not in feed]
        if missing:
            raise ModelError(f"ONNX model {self.path} needs inputs {missing}")
        values = session.run(self._outputs, {k: np.ascontiguousarray(feed[k], dtype=np.int64) for k in self._inputs})
        return dict(zip(self._outputs, values))


def cached_export(folder: Path, backend: str | None, export: Callable[[Path], object], *, quantize: bool = True,
                  what: str = "the model", export_on_auto: bool = False) -> Path | None:
    """The export file to run under `backend` (float32 or int8 by `quantize`), exporting into
    `folder` first when the backend is "onnx", or "auto" with `export_on_auto` (a model known to
    export and to run faster there: the packaged readers), where a failed export only means
    torch; None means: stay on torch."""
    backend = backend_setting(backend)
    if backend == "torch":
        return None
    if not available():
        if backend == "onnx":
            raise ModelError("backend onnx needs onnxruntime: pip install onnxruntime")
        return None
    path = folder / (INT8 if quantize else FP32)
    if path.exists():
        return path
    if backend == "auto" and not export_on_auto:
        return None
    with _EXPORTING:  # one export at a time in a process; a thread that waited finds the file
        if path.exists():
            return path
        log.warning("exporting %s to ONNX Runtime into %s (once per model: seconds for a small encoder, about 30 s "
                    "for the default reader)", what, folder)
        try:
            export(folder)
            if not path.exists():  # an export without the int8 file was asked for an int8 session
                raise ModelError(f"export of {what} did not write {path}")
        except Exception as exc:  # noqa: BLE001 - a cache that cannot be written, a full disk, the exporter
            if backend == "onnx":
                if isinstance(exc, ModelError):
                    raise
                raise ModelError(f"could not export {what} to ONNX into {folder} ({type(exc).__name__}: {exc}); "
                                 "set CLINQA_CACHE to a writable folder or use backend torch") from exc
            log.warning("%s stays on torch: could not export it to ONNX (%s: %s)", what, type(exc).__name__, exc)
            return None
    return path
