"""Export files keep large embedding tables in float16 only where that changes nothing: the
gathered rows are bit-identical to the float32 graph's, a table with values float16 cannot hold
stays float32, and so does a table something other than Gather reads."""

from __future__ import annotations

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")


def _graph(path, tables: dict[str, np.ndarray], matmul_reads: str | None = None):
    from onnx import TensorProto, helper, numpy_helper

    nodes, outputs = [], []
    for name in tables:
        nodes.append(helper.make_node("Gather", [name, "ids"], [f"{name}_rows"]))
        outputs.append(helper.make_tensor_value_info(f"{name}_rows", TensorProto.FLOAT, None))
    if matmul_reads:  # the table also used as a matrix (a tied output projection)
        nodes.append(helper.make_node("MatMul", [f"{matmul_reads}_rows", "proj"], ["logits"]))
        outputs.append(helper.make_tensor_value_info("logits", TensorProto.FLOAT, None))
    inits = [numpy_helper.from_array(t, n) for n, t in tables.items()]
    if matmul_reads:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(tables[matmul_reads].T[:, :3]), "proj"))
        nodes[-1].input[1] = "proj"
        nodes.append(helper.make_node("Identity", [matmul_reads], ["table_out"]))
        outputs.append(helper.make_tensor_value_info("table_out", TensorProto.FLOAT, None))
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("ids", TensorProto.INT64, [None])], outputs,
                              initializer=inits)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))


def _run(path, ids):
    s = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return s.run(None, {"ids": ids})


def test_exact_tables_are_halved_and_answer_the_same(tmp_path):
    from clinqa.models.onnx import HALF_TABLE_MIN, half_tables

    rng = np.random.default_rng(0)
    rows = HALF_TABLE_MIN // 64 + 1
    exact = rng.standard_normal((rows, 64)).astype(np.float16).astype(np.float32)  # float16 weights, as packaged
    inexact = rng.standard_normal((rows, 64)).astype(np.float32)
    small = rng.standard_normal((rows, 2)).astype(np.float16).astype(np.float32)  # exact, too small to matter
    path = tmp_path / "m.onnx"
    _graph(path, {"exact": exact, "inexact": inexact, "small": small})
    ids = np.array([0, 5, rows - 1, 3, 9], dtype=np.int64)
    before = _run(path, ids)
    size = path.stat().st_size
    assert half_tables(path) == ["exact"]
    after = _run(path, ids)
    assert all(a.dtype == np.float32 and np.array_equal(a, b) for a, b in zip(after, before))
    assert path.stat().st_size < size - exact.nbytes // 3  # the table's half is gone from the file
    kinds = {i.name: i.data_type for i in onnx.load(str(path)).graph.initializer}
    assert kinds["exact"] == onnx.TensorProto.FLOAT16 and kinds["inexact"] == kinds["small"] == onnx.TensorProto.FLOAT
    assert half_tables(path) == []  # nothing left to halve


def test_a_table_read_by_another_op_stays_float32(tmp_path):
    from clinqa.models.onnx import HALF_TABLE_MIN, half_tables

    rows = HALF_TABLE_MIN // 64 + 1
    table = np.random.default_rng(1).standard_normal((rows, 64)).astype(np.float16).astype(np.float32)
    path = tmp_path / "m.onnx"
    _graph(path, {"t": table}, matmul_reads="t")
    before = _run(path, np.array([1, 2], dtype=np.int64))
    assert half_tables(path) == []
    assert all(np.array_equal(a, b) for a, b in zip(_run(path, np.array([1, 2], dtype=np.int64)), before))


def test_a_session_opened_in_the_background_answers_the_same_and_reports_a_bad_file(tmp_path):
    from clinqa.errors import ModelError
    from clinqa.models.onnx import OrtSession

    table = np.arange(12, dtype=np.float32).reshape(6, 2)
    path = tmp_path / "m.onnx"
    _graph(path, {"t": table})
    feed = {"ids": np.array([5, 0], dtype=np.int64)}
    now, later = OrtSession(path), OrtSession(path, background=True)
    assert later.inputs == ["ids"] and np.array_equal(later.run(feed)["t_rows"], now.run(feed)["t_rows"])
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="bad.onnx"):
        OrtSession(bad)
    opened = OrtSession(bad, background=True)  # no error until it is used
    with pytest.raises(ModelError, match="cannot open the ONNX model"):
        opened.run(feed)


def test_a_process_that_ends_while_its_session_opens_exits_cleanly(tmp_path):
    """The background open is waited for at exit: a command that fails on its input right after
    loading the reader must not end in ONNX Runtime's abort (exit 134)."""
    import subprocess
    import sys

    path = tmp_path / "big.onnx"
    _graph(path, {"t": np.ones((1 << 22, 16), dtype=np.float32)})  # 256 MB: opening takes a while
    code = f"from clinqa.models.onnx import OrtSession; OrtSession({str(path)!r}, background=True)"
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120) for _ in range(3)]
    assert [r.returncode for r in runs] == [0, 0, 0], runs[0].stderr[-500:]
