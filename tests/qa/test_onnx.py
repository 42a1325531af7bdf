"""The reader on ONNX Runtime: exported once into the cache (keyed by the weights), used
automatically afterwards, and answering as torch does (float32: same logits within 1e-4 and
the same spans; int8: logits correlated >= 0.99 with float32's)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("onnxruntime")

NOTE = ("HOSPITAL COURSE: The patient was admitted with chest pain.\nNo evidence of pneumonia on chest x-ray.\n"
        "DISCHARGE MEDICATIONS: metoprolol 25 mg by mouth twice daily.\nPotassium was 3.2 on admission.\n")
QUESTIONS = ["What medications?", "What was the potassium?", "Was there pneumonia?", "Why was the patient admitted?"]


@pytest.fixture(scope="module")
def qa_folder(tiny_models, tmp_path_factory):
    from tests.tiny_models import build_qa

    return build_qa(tiny_models["bert"], tmp_path_factory.mktemp("onnx") / "qa", seed=5)


def _logits(reader, windows):
    out = reader._run(windows)
    return out["start"], out["end"], out["category"]


def test_export_is_cached_and_used_automatically(qa_folder, tmp_path, monkeypatch):
    from clinqa.errors import UsageError
    from clinqa.qa.onnx import export_dir
    from clinqa.qa.reader import ExtractiveReader

    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path))
    monkeypatch.delenv("CLINQA_BACKEND", raising=False)
    assert ExtractiveReader.load(str(qa_folder)).onnx is None  # auto, nothing cached: torch
    r = ExtractiveReader.load(str(qa_folder), backend="onnx")  # exports
    assert r.onnx is not None and r.onnx.path.name == "model.onnx"  # float32 unless asked for int8
    assert r.onnx.path.parent == export_dir(r.model)
    q = ExtractiveReader.load(str(qa_folder), backend="onnx", quantize=True)
    assert q.onnx.path.name == "model.int8.onnx" and isinstance(q.model, type(r.model))  # no torch int8 on top
    assert ExtractiveReader.load(str(qa_folder)).onnx is not None  # auto, now cached: ONNX
    assert ExtractiveReader.load(str(qa_folder), backend="torch").onnx is None
    with pytest.raises(UsageError, match="backend"):
        ExtractiveReader.load(str(qa_folder), backend="tensorrt")


def test_onnx_answers_match_torch(qa_folder, tmp_path, monkeypatch):
    from clinqa.qa.features import make_windows
    from clinqa.qa.onnx import OnnxForward, export_dir
    from clinqa.qa.reader import ExtractiveReader
    from clinqa.types import Note

    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path))
    torch_reader = ExtractiveReader.load(str(qa_folder), backend="torch")
    onnx_reader = ExtractiveReader.load(str(qa_folder), backend="onnx")
    windows = make_windows(torch_reader.tokenizer, QUESTIONS, [NOTE] * len(QUESTIONS), torch_reader.max_length,
                           torch_reader.stride)
    ts, te, tc = _logits(torch_reader, windows)
    onnx_reader.onnx = OnnxForward(export_dir(onnx_reader.model) / "model.onnx")  # float32
    fs, fe, fc = _logits(onnx_reader, windows)
    real = ts > np.finfo(np.float32).min / 2
    assert np.abs(fs[real] - ts[real]).max() < 1e-4 and np.abs(fe[real] - te[real]).max() < 1e-4
    assert np.abs(fc - tc).max() < 1e-4
    pairs = [(Note("n", NOTE), q) for q in QUESTIONS]
    spans = lambda r: [(a.start, a.end, a.category) for o in r.answer_many(pairs, top_k=2, with_context=False) for a in o.answers]  # noqa: E731
    assert spans(onnx_reader) == spans(torch_reader)
    onnx_reader.onnx = ExtractiveReader.load(str(qa_folder), backend="onnx", quantize=True).onnx  # int8
    qs, _, _ = _logits(onnx_reader, windows)
    assert np.corrcoef(qs[real], ts[real])[0, 1] >= 0.99


def test_onnx_reader_over_an_xlmr_tokenizer_answers_as_torch(tiny_models, tmp_path, monkeypatch):
    """XLM-R tokenizers give no token_type_ids (clinqa-qa-multilingual's): the exported graph gets
    the zeros the torch encoder uses, so the spans are the same."""
    from clinqa.qa.reader import ExtractiveReader
    from clinqa.types import Note
    from tests.tiny_models import build_qa

    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path / "cache"))
    folder = build_qa(tiny_models["xlmr"], tmp_path / "qa", seed=6)
    torch_reader = ExtractiveReader.load(str(folder), backend="torch")
    assert "token_type_ids" not in torch_reader.tokenizer("a", "b")
    onnx_reader = ExtractiveReader.load(str(folder), backend="onnx", quantize=False)
    pairs = [(Note("n", NOTE), q) for q in QUESTIONS]
    spans = lambda r: [(a.start, a.end) for o in r.answer_many(pairs, top_k=2, with_context=False) for a in o.answers]  # noqa: E731
    assert onnx_reader.onnx is not None and spans(onnx_reader) == spans(torch_reader)
