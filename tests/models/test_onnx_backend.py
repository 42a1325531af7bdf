"""The backend rule of models/onnx.py: "auto" runs a cached export, and exports first only for
a model marked to (the packaged readers), where a failed export means torch, not an error;
"onnx" exports and fails loudly; "torch" never looks."""

from __future__ import annotations

import logging

import pytest

pytest.importorskip("onnxruntime")


def _export_writing(calls: list):
    def export(folder):
        calls.append(folder)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "model.onnx").write_bytes(b"exported")
    return export


def _failing_export(folder):
    from clinqa.errors import ModelError

    raise ModelError("the exporter cannot trace this model")


def test_auto_exports_only_models_marked_to(tmp_path):
    from clinqa.models.onnx import cached_export

    calls: list = []
    assert cached_export(tmp_path / "a", "auto", _export_writing(calls), quantize=False) is None
    assert calls == []  # not marked: nothing cached means torch
    path = cached_export(tmp_path / "a", "auto", _export_writing(calls), quantize=False, export_on_auto=True)
    assert path == tmp_path / "a" / "model.onnx" and calls == [tmp_path / "a"]
    # cached now: used under auto without the mark, and never exported again
    assert cached_export(tmp_path / "a", "auto", _export_writing(calls), quantize=False) == path and len(calls) == 1
    assert cached_export(tmp_path / "a", "torch", _export_writing(calls), quantize=False, export_on_auto=True) is None


def test_a_failed_export_is_torch_under_auto_and_an_error_under_onnx(tmp_path, caplog):
    from clinqa.errors import ModelError
    from clinqa.models.onnx import cached_export

    with caplog.at_level(logging.WARNING, logger="clinqa.models.onnx"):
        assert cached_export(tmp_path / "b", "auto", _failing_export, quantize=False, export_on_auto=True) is None
    assert "stays on torch" in caplog.text and "cannot trace" in caplog.text
    with pytest.raises(ModelError, match="cannot trace"):
        cached_export(tmp_path / "b", "onnx", _failing_export, quantize=False)
    with pytest.raises(ModelError, match="did not write"):  # asked for int8, the export wrote float32 only
        cached_export(tmp_path / "c", "onnx", _export_writing([]), quantize=True)


def test_the_packaged_reader_is_marked_and_a_users_folder_is_not(tmp_path, monkeypatch, tiny_models):
    import clinqa.qa.onnx as qa_onnx
    from clinqa.qa.reader import ExtractiveReader
    from tests.tiny_models import build_qa

    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path / "cache"))  # no recorded export: the full load
    monkeypatch.delenv("CLINQA_BACKEND", raising=False)
    seen = []
    monkeypatch.setattr(qa_onnx, "session_for", lambda model, backend, quantize=True, export_on_auto=False:
                        seen.append(export_on_auto))
    ExtractiveReader.load("clinqa-qa-minilm")
    ExtractiveReader.load(str(build_qa(tiny_models["bert"], tmp_path / "qa", seed=3)))
    assert seen == [True, False]
