"""The sentence encoders on ONNX Runtime: exported only when asked (backend onnx), reused from
the cache afterwards (auto), and scoring as sentence-transformers does on torch. Float32 is
what dense.py runs (QUANTIZE): its scores agree with torch's within 1e-5 and rank the same;
int8 moved the top sentence on ~1 question in 5 (benchmarks/encoder_onnx.py), so it is not used."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("onnxruntime")

SENTS = ["The patient was discharged on metoprolol 25 mg twice daily.", "The weather was cold in December.",
         "Chest x-ray showed a right lower lobe consolidation.", "Potassium was 3.2 on admission.",
         "He takes acetylsalicylic acid for his heart.", "No evidence of pneumonia."]
QUESTIONS = ["What did the chest x-ray show?", "What medication was the patient discharged on?", "Is he on aspirin?",
             "What was the potassium?"]
TOL = 1e-5  # float32 export vs torch, on scores in [-1, 1] (cosine) and [0, 1] (sigmoid)


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """One cache for the module: the cross-encoder's LoRA merge and the exports are made once."""
    return tmp_path_factory.mktemp("clinqa-cache")


@pytest.fixture
def env(cache, monkeypatch):
    monkeypatch.setenv("CLINQA_CACHE", str(cache))
    monkeypatch.delenv("CLINQA_BACKEND", raising=False)
    return cache


def _scores(cls, model, backend):
    s = cls(model, backend=backend).fit(SENTS)
    return s, np.stack([s.score(q) for q in QUESTIONS])


def test_bad_backend_is_a_usage_error(env, monkeypatch):
    from clinqa.errors import UsageError
    from clinqa.retrieval.dense import BiEncoderScorer, CrossEncoderScorer

    with pytest.raises(UsageError, match="backend"):
        BiEncoderScorer(backend="tensorrt").fit(SENTS)
    monkeypatch.setenv("CLINQA_BACKEND", "gpu")
    with pytest.raises(UsageError, match="CLINQA_BACKEND"):
        CrossEncoderScorer("clinqa-cross-minilm").fit(SENTS)


def test_auto_exports_a_shipped_encoder_once_and_a_users_folder_only_when_asked(tmp_path, monkeypatch):
    import clinqa.models.onnx as mo
    from clinqa.models.loader import resolve
    from clinqa.retrieval.dense import BiEncoderScorer, _ort

    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path))
    monkeypatch.delenv("CLINQA_BACKEND", raising=False)
    exports = []
    real = mo.export_module
    monkeypatch.setattr(mo, "export_module", lambda *a, **k: exports.append(k["what"]) or real(*a, **k))
    folder = resolve("minilm")  # the same weights named as a folder: a user's model
    assert BiEncoderScorer(folder).fit(SENTS).onnx is None  # auto, nothing cached: torch, and nothing written
    assert not (tmp_path / "onnx").exists() and exports == []
    first = BiEncoderScorer().fit(SENTS).onnx  # "minilm" ships offline: exported on first use
    assert first is not None and first.session.path.name == "model.onnx" and exports == ["the bi-encoder"]
    _ort.cache_clear()  # a new process: the export is found on disk, not remembered
    again = BiEncoderScorer(backend="onnx").fit(SENTS).onnx
    auto = BiEncoderScorer(folder).fit(SENTS).onnx  # auto, now cached: ONNX Runtime for the folder too
    assert again.session.path == auto.session.path == first.session.path and exports == ["the bi-encoder"]
    assert BiEncoderScorer(backend="torch").fit(SENTS).onnx is None
    monkeypatch.setenv("CLINQA_BACKEND", "torch")
    assert BiEncoderScorer().fit(SENTS).onnx is None


def test_bi_encoder_scores_match_torch(env):
    from clinqa.retrieval.dense import BiEncoderScorer

    _, t = _scores(BiEncoderScorer, "minilm", "torch")
    s, o = _scores(BiEncoderScorer, "minilm", "onnx")
    assert s.onnx is not None and s.onnx.mode == "mean"  # read from the model's Pooling module
    assert np.abs(o - t).max() < TOL
    assert (np.argsort(-o, axis=1) == np.argsort(-t, axis=1)).all()
    assert np.allclose(np.linalg.norm(s._docs, axis=1), 1.0, atol=1e-5)  # normalised like torch's
    assert o[2].argmax() == 4  # aspirin -> acetylsalicylic acid: the model still works


def test_cross_encoder_scores_match_torch(env):
    from clinqa.models.onnx import export_dir
    from clinqa.retrieval.dense import CrossEncoderScorer

    _, t = _scores(CrossEncoderScorer, "clinqa-cross-minilm", "torch")
    s, o = _scores(CrossEncoderScorer, "clinqa-cross-minilm", "onnx")
    assert s.onnx is not None
    assert np.abs(o - t).max() < TOL and ((o > 0) & (o < 1)).all()  # the sigmoid predict() applies
    assert (np.argsort(-o, axis=1) == np.argsort(-t, axis=1)).all()
    assert o[0].argmax() == 2 and o[1].argmax() == 0  # the trained adapter's answers, so its weights were exported
    # the cache key is the merged model the scorer runs, not the base encoder's weights
    assert s.onnx.session.path.parent == export_dir(s._encoder.model, "sequence-logits")
