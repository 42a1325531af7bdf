"""Training recipes: curriculum stages (`init_from`) and the multi-task ablation table."""

from __future__ import annotations

import json

import pytest

from clinqa.cli.main import main
from clinqa.data import write_squad
from clinqa.train.ablation import RunScore, markdown_table, summarize
from clinqa.types import Note, QAExample, Span

CONTEXT = "metoprolol 25 mg by mouth twice daily for atrial fibrillation . creatinine 1.4 mg/dL on admission"
QAS = [("what is the dose of metoprolol", "25 mg", "Medication"),
       ("what was the creatinine", "1.4 mg/dL", "Lab Reports"),
       ("why is the patient on metoprolol", "atrial fibrillation", "Diagnosis")]


@pytest.fixture(scope="module")
def squad_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("recipes") / "tiny.json"
    note = Note("n", CONTEXT)
    exs = []
    for i, (q, a, cat) in enumerate(QAS):
        s = CONTEXT.index(a)
        exs.append(QAExample(id=f"q{i}", question=q, note=note, answers=(Span(s, s + len(a), a),), category=cat))
    exs.append(QAExample(id="q9", question="what was the lipase", note=note, is_impossible=True, category="Lab Reports"))
    write_squad(exs, path)
    return path


def test_summarize_gives_mean_and_sample_sd():
    runs = [RunScore("span,category", s, "d", e, f, c, 10) for s, e, f, c in
            [(1, 10.0, 20.0, 80.0), (2, 12.0, 24.0, 90.0), (3, 14.0, 28.0, None)]]
    (row,) = summarize(runs)
    assert row["runs"] == 3 and row["f1"] == {"mean": 24.0, "sd": 4.0}
    assert row["category_accuracy"] == {"mean": 85.0, "sd": 7.07}  # the run without categories is left out
    assert "24.00 ± 4.00" in markdown_table([row])
    assert row["head_category_accuracy"] == {"mean": None, "sd": None}  # runs scored before it existed
    head = [RunScore("span,category", 1, "d", 10.0, 20.0, 95.0, 10, 40.0),
            RunScore("span,category", 2, "d", 12.0, 24.0, 93.0, 10, 50.0)]
    (row,) = summarize(head)
    assert row["head_category_accuracy"] == {"mean": 45.0, "sd": 7.07}
    assert "| 94.00 ± 1.41 | 45.00 ± 7.07 |" in markdown_table([row])


def test_curriculum_stage_continues_from_the_previous_model(tiny_models, squad_file, tmp_path, capsys):
    cfg = tmp_path / "qa.yaml"
    cfg.write_text("max_length: 64\nstride: 16\nepochs: 1\nbatch_size: 2\nsave_steps: 100\n")
    stage1 = tmp_path / "stage1"
    assert main(["train", "qa", "--config", str(cfg), "--base", str(tiny_models["bert"]), "--train", str(squad_file),
                 "--tasks", "span", "--max-steps", "2", "-o", str(stage1), "--json"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    stage2 = tmp_path / "stage2"
    assert main(["train", "qa", "--config", str(cfg), "--train", str(squad_file), "--init-from", str(stage1 / "model"),
                 "--max-steps", "1", "-o", str(stage2), "--json"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    saved = json.loads((stage2 / "model" / "clinqa_qa.json").read_text())
    assert saved["tasks"] == ["span", "category"] and saved["base_model"] == str(tiny_models["bert"])
    assert main(["train", "qa", "--config", str(cfg), "--train", str(squad_file), "--init-from", str(tmp_path),
                 "--max-steps", "1", "-o", str(tmp_path / "bad")]) == 2
    assert "not a clinqa QA model folder" in capsys.readouterr().err


def test_ablation_runs_every_variant_and_seed_and_resumes(tiny_models, squad_file, tmp_path, capsys):
    cfg = tmp_path / "abl.yaml"
    cfg.write_text(f"base: {tiny_models['bert']}\ntrain_data: [{squad_file}]\ndev_data: [{squad_file}]\n"
                   "max_length: 64\nstride: 16\nepochs: 1\nbatch_size: 2\nsave_steps: 100\n")
    argv = ["train", "ablation", "--config", str(cfg), "--eval", str(squad_file), "--seeds", "1", "--variants", "span,category;category",
            "--max-steps", "1", "-o", str(tmp_path / "abl"), "--json"]
    assert main(argv) == 0, capsys.readouterr().err
    doc = json.loads(capsys.readouterr().out)
    assert {(r["variant"], r["runs"]) for r in doc["rows"]} == {("span,category", 1), ("category", 1)}
    assert (tmp_path / "abl" / "ablation.md").read_text().startswith("| data | tasks |")
    marker = tmp_path / "abl" / "category-s1" / "eval.json"
    before = marker.stat().st_mtime_ns
    assert main(argv) == 0  # everything already scored: nothing retrained
    assert marker.stat().st_mtime_ns == before
    # a run scored by an older answer policy is scored again from its weights, not retrained
    old = json.loads(marker.read_text())
    old.pop("_scoring")
    marker.write_text(json.dumps(old))
    weights = tmp_path / "abl" / "category-s1" / "model" / "heads.safetensors"
    trained = weights.stat().st_mtime_ns
    assert main(argv) == 0, capsys.readouterr().err
    assert json.loads(marker.read_text())["_scoring"] >= 2 and weights.stat().st_mtime_ns == trained


def test_ablation_rejects_unknown_tasks_before_training(tmp_path):
    from clinqa.errors import UsageError
    from clinqa.train.ablation import run_ablation

    with pytest.raises(UsageError, match="bogus"):  # before reading the (missing) eval set or training
        run_ablation(None, ["span", "span,bogus"], [1], [str(tmp_path / "none.json")], str(tmp_path / "abl"))
    assert not (tmp_path / "abl").exists()


def test_training_skips_questions_longer_than_half_a_window(tiny_models, squad_file, tmp_path, capsys):
    """Cloze questions from span pretraining can be whole sentences; on short windows the few that
    exceed half a window are skipped and counted instead of stopping the run."""
    from clinqa.data import read_squad

    long_q = tmp_path / "long.json"
    exs = list(read_squad(squad_file))
    note = exs[0].note
    s = note.text.index("25 mg")
    exs.append(QAExample(id="long", question=" ".join(["metoprolol"] * 60), note=note,
                         answers=(Span(s, s + 5, "25 mg"),), category="Medication"))
    exs.append(QAExample(id="blank", question="\u200b", note=note, answers=(Span(s, s + 5, "25 mg"),)))
    write_squad(exs, long_q)
    cfg = tmp_path / "qa.yaml"
    cfg.write_text("max_length: 64\nstride: 16\nepochs: 1\nbatch_size: 2\nsave_steps: 100\n")
    out = tmp_path / "run"
    assert main(["train", "qa", "--config", str(cfg), "--base", str(tiny_models["bert"]), "--train", str(long_q),
                 "--tasks", "span", "--max-steps", "1", "-o", str(out), "--json"]) == 0
    r = capsys.readouterr()
    assert "skipped 1 questions longer than half of max_length 64" in r.err
    assert "skipped 1 questions without tokens" in r.err  # counted apart, not as too long
    assert json.loads(r.out)["train_questions"] == len(exs) and (out / "model" / "clinqa_qa.json").is_file()


def test_head_category_accuracy_reads_the_head_not_the_policy(qa_folder, squad_file):
    """The ablation's head column is the category head's own argmax: a random head is scored as
    it is (not rescued by the question rules), and a reader without a head has no score."""
    from clinqa.data.splits import read_qa_spec
    from clinqa.qa.evaluation import head_category_accuracy
    from clinqa.qa.reader import ExtractiveReader

    reader = ExtractiveReader.load(str(qa_folder[0]))
    exs = read_qa_spec(str(squad_file))
    outs = reader.answer_many([(e.note, e.question) for e in exs if e.answers], apply_threshold=False)
    gold = [e.category for e in exs if e.answers]
    expected = 100.0 * sum(o.answers[0].category == g for o, g in zip(outs, gold)) / len(gold)
    assert head_category_accuracy(reader, exs) == pytest.approx(expected)
    reader.categories = ()
    assert head_category_accuracy(reader, exs) is None
