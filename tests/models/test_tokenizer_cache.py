"""A reader's tokenizer, as transformers builds it, is saved once and read back: the same ids,
offsets and special tokens, and a damaged copy is built again."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinqa.models import load_tokenizer

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
KW = dict(truncation="only_second", max_length=64, stride=16, return_overflowing_tokens=True,
          return_offsets_mapping=True, padding="max_length")


def _same(a, b):
    for text in (EXAMPLES / "discharge_summary.txt", EXAMPLES / "epikriza_bg.txt", EXAMPLES / "exitirio_el.txt"):
        note = text.read_text(encoding="utf-8")
        for q in ("What is the potassium level?", "Какво е основното оплакване?"):
            ea, eb = a(q, note, **KW), b(q, note, **KW)
            assert {k: ea[k] for k in ea} == {k: eb[k] for k in eb}
            assert [ea.sequence_ids(i) for i in range(len(ea["input_ids"]))] == \
                [eb.sequence_ids(i) for i in range(len(eb["input_ids"]))]
    for attr in ("pad_token_id", "cls_token_id", "sep_token_id", "unk_token_id", "all_special_ids",
                 "model_max_length", "padding_side"):
        assert getattr(a, attr) == getattr(b, attr), attr


def _folders(tiny_models):
    """Tiny XLM-R and BERT folders, and the shipped reader's XLM-R vocabulary when installed."""
    from clinqa.models import resolve

    yield tiny_models["xlmr"]
    yield tiny_models["bert"]
    real = Path(resolve("multilingual-e5-small"))
    if real.is_dir():
        yield real


def test_built_tokenizer_is_saved_and_read_back_the_same(tiny_models, tmp_path, monkeypatch):
    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path))
    for folder in _folders(tiny_models):
        built = load_tokenizer(str(folder), reuse_built=True)
        saved = list((tmp_path / "tokenizers").iterdir())
        assert saved and all((s / "tokenizer.json").is_file() for s in saved)
        again = load_tokenizer(str(folder), reuse_built=True)
        assert type(again).__name__ == "TokenizersBackend"  # read back, not built again
        _same(built, again)


def test_a_damaged_saved_tokenizer_is_built_again(tiny_models, tmp_path, monkeypatch):
    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path))
    folder = str(tiny_models["xlmr"])
    built = load_tokenizer(folder, reuse_built=True)
    (saved,) = (tmp_path / "tokenizers").iterdir()
    (saved / "tokenizer.json").write_text("{not json", encoding="utf-8")
    again = load_tokenizer(folder, reuse_built=True)
    _same(built, again)


@pytest.mark.parametrize("reuse", [False])
def test_without_reuse_nothing_is_saved(tiny_models, tmp_path, monkeypatch, reuse):
    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path))
    load_tokenizer(str(tiny_models["bert"]), reuse_built=reuse)
    assert not (tmp_path / "tokenizers").exists()
