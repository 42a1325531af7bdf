"""Start-up without torch weights: once a clinqa folder has run on ONNX Runtime, an index in the
cache maps its files to the export, and the next load opens the session without building the
torch module (built only if something asks for `.model`); same answers; a rewritten model file
means the ordinary load."""

from __future__ import annotations

import os

import pytest

pytest.importorskip("onnxruntime")

NOTE = ("HOSPITAL COURSE: The patient was admitted with chest pain.\nNo evidence of pneumonia on chest x-ray.\n"
        "DISCHARGE MEDICATIONS: metoprolol 25 mg by mouth twice daily.\nPotassium was 3.2 on admission.\n")


@pytest.fixture(scope="module")
def qa_folder(tiny_models, tmp_path_factory):
    from tests.tiny_models import build_qa

    return build_qa(tiny_models["bert"], tmp_path_factory.mktemp("onnx_start") / "qa", seed=7)


def test_second_load_skips_the_torch_model(qa_folder, tmp_path, monkeypatch):
    from clinqa.qa.reader import ExtractiveReader
    from clinqa.types import Note

    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path))
    monkeypatch.delenv("CLINQA_BACKEND", raising=False)
    first = ExtractiveReader.load(str(qa_folder), backend="onnx")  # exports, records the index
    assert first._model is not None and first.onnx is not None
    assert list((tmp_path / "onnx" / "readers").glob("*.json"))
    fast = ExtractiveReader.load(str(qa_folder))  # auto: the recorded export, no torch weights
    assert fast._model is None and fast.onnx is not None and fast.onnx.path == first.onnx.path
    assert (fast.max_length, fast.stride, fast.categories) == (first.max_length, first.stride, first.categories)
    note = Note(id="n", text=NOTE)
    for q in ("What medications?", "What was the potassium?"):
        a, b = first.answer(note, q, top_k=3), fast.answer(note, q, top_k=3)
        assert [(x.start, x.end, x.category) for x in a] == [(x.start, x.end, x.category) for x in b]
    assert fast._model is None
    assert type(fast.model).__name__ == type(first.model).__name__  # built when asked for
    assert ExtractiveReader.load(str(qa_folder), backend="torch").onnx is None  # torch stays torch
    assert ExtractiveReader.load(str(qa_folder), quantize=True)._model is not None  # no int8 export recorded


def test_rewritten_model_files_load_as_usual(qa_folder, tmp_path, monkeypatch):
    from clinqa.qa.reader import ExtractiveReader

    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path))
    ExtractiveReader.load(str(qa_folder), backend="onnx")
    heads = qa_folder / "heads.safetensors"
    st = heads.stat()
    os.utime(heads, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # "retrained": another key
    try:
        again = ExtractiveReader.load(str(qa_folder))
        assert again._model is not None  # no index for these files: weights loaded, export found by their hash
    finally:
        os.utime(heads, ns=(st.st_atime_ns, st.st_mtime_ns))
