"""Domain-adaptive MLM on a tiny random encoder: streams text, resumes, reports perplexity,
and its output is a base `clinqa train qa` accepts."""

from __future__ import annotations

import json

import pytest

from clinqa.cli.main import main
from tests.tiny_models import CORPUS


@pytest.fixture()
def text_corpus(tmp_path):
    f = tmp_path / "notes.jsonl"
    f.write_text("\n".join(json.dumps({"id": f"n{i}", "text": " . ".join(CORPUS[i % 7:] + CORPUS[:i % 7]) * 3})
                           for i in range(60)) + "\n")
    return f


@pytest.mark.parametrize("mask", ["--token-mask", "--whole-word-mask"])
def test_mlm_trains_and_reports_perplexity(tiny_models, text_corpus, tmp_path, capsys, mask):
    out = tmp_path / "mlm"
    argv = ["train", "mlm", "--base", str(tiny_models["bert"]), "--text", str(text_corpus), "-o", str(out),
            "--block-size", "32", "--batch-size", "4", "--max-steps", "3", mask, "--json"]
    assert main(argv) == 0, capsys.readouterr().err
    doc = json.loads(capsys.readouterr().out)
    assert doc["steps"] == 3 and doc["heldout_blocks"] > 0
    assert doc["perplexity_before"] > 1 and doc["perplexity_after"] > 1
    assert (out / "model" / "config.json").exists()


def test_mlm_output_is_a_qa_base(tiny_models, text_corpus, tmp_path, capsys):
    out = tmp_path / "mlm"
    assert main(["train", "mlm", "--base", str(tiny_models["xlmr"]), "--text", str(text_corpus), "-o", str(out),
                 "--block-size", "32", "--batch-size", "4", "--max-steps", "2", "--json"]) == 0
    capsys.readouterr()
    squad = tmp_path / "s.json"
    ctx = "metoprolol 25 mg by mouth twice daily"
    squad.write_text(json.dumps({"data": [{"title": "t", "paragraphs": [{"context": ctx, "qas": [
        {"id": "q", "question": "what medications", "answers": [{"text": "metoprolol", "answer_start": 0}]}]}]}]}))
    cfg = tmp_path / "c.yaml"
    cfg.write_text("max_length: 64\nstride: 16\n")
    assert main(["train", "qa", "--config", str(cfg), "--base", str(out / "model"), "--train", str(squad),
                 "-o", str(tmp_path / "qa"), "--max-steps", "1", "--json"]) == 0, capsys.readouterr().err
    assert (tmp_path / "qa" / "model" / "clinqa_qa.json").exists()
