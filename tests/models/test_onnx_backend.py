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


def test_an_unwritable_cache_is_torch_under_auto_and_a_clear_error_under_onnx(tmp_path, caplog):
    from clinqa.errors import ModelError
    from clinqa.models.onnx import cached_export

    def no_room(folder):
        raise OSError(28, "No space left on device")

    with caplog.at_level(logging.WARNING, logger="clinqa.models.onnx"):
        assert cached_export(tmp_path / "d", "auto", no_room, quantize=False, export_on_auto=True) is None
    assert "stays on torch" in caplog.text and "No space left" in caplog.text
    with pytest.raises(ModelError, match="CLINQA_CACHE"):
        cached_export(tmp_path / "d", "onnx", no_room, quantize=False)


def test_threads_asking_at_once_export_once(tmp_path):
    import threading
    import time

    from clinqa.models.onnx import cached_export

    calls: list = []
    write = _export_writing(calls)

    def slow_export(folder):
        time.sleep(0.3)
        write(folder)

    got = []
    threads = [threading.Thread(target=lambda: got.append(cached_export(tmp_path / "e", "auto", slow_export,
                                                                        quantize=False, export_on_auto=True)))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and got == [tmp_path / "e" / "model.onnx"] * 4


def test_temporary_files_of_a_killed_export_are_swept(tmp_path):
    import os
    import time

    from clinqa.models.onnx import STALE_S, _sweep_stale

    old, fresh = tmp_path / "model.onnx.1.2.tmp", tmp_path / "model.onnx.3.4.tmp"
    old.write_bytes(b"x")
    fresh.write_bytes(b"x")
    then = time.time() - STALE_S - 10
    os.utime(old, (then, then))
    _sweep_stale(tmp_path)
    assert not old.exists() and fresh.exists()  # a fresh one may be another process's export under way


def test_a_cache_folder_that_cannot_be_made_is_a_clear_model_error(tmp_path):
    """CLINQA_CACHE under a file (or a read-only home): the one-time model conversion says which
    folder and what to set, as a ModelError (exit 2), not an internal error."""
    from clinqa.errors import ModelError
    from clinqa.models.registry import build_folder

    (tmp_path / "file").write_text("x")
    with pytest.raises(ModelError, match=r"cache folder .*file.*CLINQA_CACHE"):
        build_folder(tmp_path / "file" / "models" / "m", lambda tmp: None)
