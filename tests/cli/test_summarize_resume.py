"""`clinqa summarize --input ... --resume` continues only the same run: the partial file's first
line is the run's fingerprint (input, model, decoding options), and every finished row must still
have the input's findings for its id."""

from __future__ import annotations

import json

import pytest

from clinqa.cli.main import main
from clinqa.summarize import Summarizer, SummarizerConfig
from clinqa.summarize.batch import RUN_KEY, batch_fingerprint, partial_path

ROWS = [{"id": "a", "findings": "The lungs are clear. No pleural effusion."},
        {"id": "b", "findings": "Mild cardiomegaly."}]


@pytest.fixture()
def setup(tiny_models, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    model = str(tiny_models["llama"])
    argv = ["summarize", "--input", str(src), "--output", str(out), "--model", model, "--max-new-tokens", "4",
            "--json"]
    # what the CLI builds from those options: the fingerprint of this run
    fp = batch_fingerprint(Summarizer(SummarizerConfig(model=model, max_new_tokens=4)), src, None, None)
    return src, out, argv, fp


def _partial(out, header, *records):
    lines = ([json.dumps({RUN_KEY: header})] if header is not None else []) + [json.dumps(r) for r in records]
    partial_path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _done(model, **kw):
    return {"id": "a", "findings": ROWS[0]["findings"], "impression": "EARLIER", "model": model, "warnings": "",
            "draft": None, **kw}


def run(argv, capsys):
    code = main(argv)
    return code, capsys.readouterr()


def test_the_same_run_resumes(setup, capsys):
    _, out, argv, fp = setup
    _partial(out, fp, _done(argv[6]))
    code, cap = run(argv + ["--resume"], capsys)
    assert code == 0, cap.err
    assert json.loads(cap.out)["resumed"] == 1
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"] and rows[0]["impression"] == "EARLIER"
    assert not partial_path(out).exists()


def test_another_model_or_options_or_input_is_refused(setup, capsys, tmp_path):
    src, out, argv, fp = setup
    _partial(out, fp, _done(argv[6]))
    before = partial_path(out).read_text()
    code, cap = run([*argv[:-2], "5", "--json", "--resume"], capsys)
    assert code == 2 and "options.max_new_tokens: earlier 4, now 5" in cap.err
    code, cap = run(argv + ["--resume", "--model", "smollm2-135m-instruct"], capsys)
    assert code == 2 and "model.name" in cap.err
    other = tmp_path / "other.jsonl"
    other.write_text(src.read_text(), encoding="utf-8")
    code, cap = run([*argv[:2], str(other), *argv[3:], "--resume"], capsys)
    assert code == 2 and "input.path" in cap.err
    assert partial_path(out).read_text() == before and not out.exists()


def test_an_edited_finding_is_refused_even_without_a_fingerprint(setup, capsys):
    _, out, argv, _ = setup
    _partial(out, None, _done(argv[6], findings="The lungs are hyperinflated."))  # an older clinqa's file
    code, cap = run(argv + ["--resume"], capsys)
    assert code == 2 and "row 'a'" in cap.err and "other findings" in cap.err
    _partial(out, None, _done("another-model"))
    code, cap = run(argv + ["--resume"], capsys)
    assert code == 2 and "another-model" in cap.err


def test_an_unfinished_run_is_not_discarded_without_resume(setup, capsys):
    _, out, argv, fp = setup
    _partial(out, fp, _done(argv[6]))
    code, cap = run(argv, capsys)
    assert code == 2 and "unfinished run" in cap.err and "--resume" in cap.err
    assert partial_path(out).exists()
