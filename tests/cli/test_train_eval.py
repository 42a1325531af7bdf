"""`clinqa train qa` and `clinqa eval qa` end to end on a tiny random encoder and a tiny
SQuAD file; `clinqa eval evidence` on an ArchEHR-QA key."""

from __future__ import annotations

import json

import pytest

from clinqa.cli.main import main
from clinqa.data import write_squad
from clinqa.evaluate.squad import squad_scores
from clinqa.types import Note, QAExample, Span

CONTEXTS = [
    "the patient was admitted with chest pain and shortness of breath . metoprolol 25 mg by mouth twice daily",
    "no evidence of pneumonia on chest x-ray . potassium 3.2 low magnesium 1.9 creatinine 0.9",
]
QAS = [
    (0, "what medications", "metoprolol 25 mg"),
    (0, "what was the patient admitted with", "chest pain"),
    (1, "what was the potassium", "3.2"),
    (1, "what did the chest x-ray show", "no evidence of pneumonia"),
]


@pytest.fixture(scope="module")
def squad_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("squad") / "tiny.json"
    exs = []
    for i, (c, q, a) in enumerate(QAS):
        note = Note(f"doc{c}", CONTEXTS[c])
        start = CONTEXTS[c].index(a)
        exs.append(QAExample(id=f"q{i}", question=q, note=note, answers=(Span(start, start + len(a), a),)))
    write_squad(exs, path, version="v1.1")
    return path


def test_train_eval_resume(tiny_models, squad_file, tmp_path, capsys):
    out = tmp_path / "run"
    argv = ["train", "qa", "--base", str(tiny_models["bert"]), "--train", str(squad_file), "--dev", str(squad_file),
            "--output-dir", str(out), "--max-steps", "2", "--save-steps", "1", "--batch-size", "2", "--json"]
    cfg = tmp_path / "qa.yaml"
    cfg.write_text("max_length: 64\nstride: 16\nbranch_layers: 1\nepochs: 1\n")
    assert main([*argv, "--config", str(cfg)]) == 0, capsys.readouterr().err
    doc = json.loads(capsys.readouterr().out)
    assert doc["train_questions"] == 4 and (out / "model" / "clinqa_qa.json").exists()
    assert sorted(p.name for p in (out / "checkpoints").iterdir()) == ["checkpoint-1", "checkpoint-2"]
    # --resume with more steps continues from checkpoint-2 instead of starting again
    assert main([*argv[:-7], "--max-steps", "3", "--save-steps", "1", "--batch-size", "2", "--config", str(cfg),
                 "--resume", "--json"]) == 0
    capsys.readouterr()
    log = json.loads((out / "metrics.json").read_text())["loss_curve"]
    assert [row["step"] for row in log] == [1, 2, 3]  # continued: steps 1-2 restored, not run again

    ev = tmp_path / "ev"
    assert main(["eval", "qa", "--data", str(squad_file), "--model", str(out / "model"), "--out", str(ev), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    preds = [json.loads(line) for line in (ev / "predictions.jsonl").read_text().splitlines()]
    golds = {p["id"]: p["gold"] for p in preds}
    again = squad_scores(golds, {p["id"]: p["prediction"] for p in preds})
    assert res["squad"]["exact"] == again.exact and res["squad"]["f1"] == again.f1
    assert res["questions"] == 4 and (ev / "confusion.png").exists()
    for p in preds:  # offsets of every prediction point at its text
        ctx = CONTEXTS[int(p["note_id"][-1])]
        assert ctx[p["start"]:p["end"]] == p["prediction"]


def test_train_rejects_unknown_keys_and_bad_tasks(tmp_path, squad_file, capsys):
    cfg = tmp_path / "bad.yaml"
    cfg.write_text("learning_rat: 0.1\n")
    assert main(["train", "qa", "--config", str(cfg), "--train", str(squad_file)]) == 2
    assert "unknown config keys: learning_rat" in capsys.readouterr().err
    assert main(["train", "qa", "--train", str(squad_file), "--tasks", "span,ner"]) == 2
    assert "tasks must be" in capsys.readouterr().err


def test_eval_evidence_on_archehr_key(tmp_path, capsys):
    key = tmp_path / "key.json"
    key.write_text(json.dumps([{"case_id": "1", "answers": [
        {"sentence_id": "1", "relevance": "essential"}, {"sentence_id": "2", "relevance": "supplementary"},
        {"sentence_id": "3", "relevance": "not-relevant"}, {"sentence_id": "4", "relevance": "essential"}]}]))
    sub = tmp_path / "sub.json"
    sub.write_text(json.dumps([{"case_id": "1", "prediction": ["1", "2"]}]))
    assert main(["eval", "evidence", "--key", str(key), "--submission", str(sub), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    # strict: tp 1 (1), fp 1 (2), fn 1 (4) -> P 50 R 50; lenient drops 2: P 100 R 50
    assert doc["strict"]["micro"] == {"precision": 50.0, "recall": 50.0, "f1": 50.0}
    assert doc["lenient"]["micro"]["precision"] == 100.0 and doc["lenient"]["micro"]["recall"] == 50.0
    sub.write_text(json.dumps([{"case_id": "1", "prediction": ["9"]}]))
    assert main(["eval", "evidence", "--key", str(key), "--submission", str(sub)]) == 2
    assert "invalid sentence ids 9" in capsys.readouterr().err


def test_eval_by_file_reports_each_and_the_average(tiny_models, squad_file, tmp_path, capsys):
    from clinqa.qa.model import QAModelConfig, new_model

    model, tok = new_model(str(tiny_models["xlmr"]), QAModelConfig(max_length=64, stride=16))
    model.save_pretrained(tmp_path / "m", tok)
    assert main(["eval", "qa", "--data", str(squad_file), "--data", f"{squad_file}#train", "--model",
                 str(tmp_path / "m"), "--by-file", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    f1s = [v["f1"] for v in doc["per_file"].values()]
    assert len(f1s) == 2 and doc["average"]["f1"] == pytest.approx(sum(f1s) / 2)
