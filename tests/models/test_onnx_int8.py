"""The int8 recipe of models/onnx.py: a MatMul whose input carries an outlier channel (one value
far above the rest, as some encoder layers' FFN outputs do) stays float32 while the others are
quantised; export switches transformers models to eager attention and back."""

from __future__ import annotations

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")


def _two_matmuls(path, rng):
    from onnx import TensorProto, helper, numpy_helper

    w1, w2 = (rng.standard_normal((64, 32)).astype(np.float32) for _ in range(2))
    nodes = [helper.make_node("MatMul", ["plain", "w1"], ["y1"], name="plain_mm"),
             helper.make_node("MatMul", ["spiky", "w2"], ["y2"], name="spiky_mm")]
    inputs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, [None, 64]) for n in ("plain", "spiky")]
    outputs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, None) for n in ("y1", "y2")]
    graph = helper.make_graph(nodes, "g", inputs, outputs,
                              initializer=[numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(w2, "w2")])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))


def _feed(rng):
    plain = rng.standard_normal((1024, 64)).astype(np.float32)
    spiky = rng.standard_normal((1024, 64)).astype(np.float32)
    spiky[3, 7] = 1000.0  # one massive activation: max / rms about 250
    return {"plain": plain, "spiky": spiky}


def test_outlier_inputs_are_found_and_kept_float32(tmp_path):
    from clinqa.models.onnx import outlier_matmuls, quantize_int8

    rng = np.random.default_rng(0)
    src, dest = tmp_path / "m.onnx", tmp_path / "m.int8.onnx"
    _two_matmuls(src, rng)
    feed = _feed(rng)
    assert outlier_matmuls(src, feed) == ["spiky_mm"]
    assert outlier_matmuls(src, None) == []  # no calibration: nothing is kept back
    assert outlier_matmuls(src, {**feed, "spiky": feed["plain"]}) == []
    assert quantize_int8(src, dest, feed) == ["spiky_mm"]
    ops = {n.name: n.op_type for n in onnx.load(str(dest)).graph.node}
    assert ops["spiky_mm"] == "MatMul" and "plain_mm" not in ops  # the plain one became integer arithmetic
    assert any(op in ("MatMulInteger", "DynamicQuantizeMatMul") for op in ops.values())
    before = ort.InferenceSession(str(src), providers=["CPUExecutionProvider"]).run(None, feed)
    after = ort.InferenceSession(str(dest), providers=["CPUExecutionProvider"]).run(None, feed)
    np.testing.assert_allclose(after[1], before[1], rtol=1e-5, atol=1e-4)  # float32 path: unchanged
    assert 0 < np.abs(after[0] - before[0]).max() < 0.05 * np.abs(before[0]).max()  # quantised: close, not equal


def test_export_uses_eager_attention_and_restores_the_model(tmp_path, tiny_models):
    import torch
    from transformers import AutoModel

    from clinqa.models.onnx import _eager_attention

    model = AutoModel.from_pretrained(str(tiny_models["bert"]), attn_implementation="sdpa")
    seen = []
    with _eager_attention(model):
        seen.append(model.config._attn_implementation)
    assert seen == ["eager"] and model.config._attn_implementation == "sdpa"
    ids = torch.tensor([[2, 7, 9, 3]])
    with torch.inference_mode():
        ref = model(input_ids=ids).last_hidden_state
        with _eager_attention(model):
            eager = model(input_ids=ids).last_hidden_state
    torch.testing.assert_close(eager, ref, rtol=1e-5, atol=1e-5)
