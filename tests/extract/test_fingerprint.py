"""Run fingerprints: `extract --resume` continues only the same run (questionnaire, corpus, model,
options, the notes already done), `--force` starts over, and earlier output is never silently
overwritten (the kill -9 + --resume round trip is tests/extract/test_runner.py)."""

from __future__ import annotations

import json
import os

import pyarrow.parquet as pq
import pytest

from clinqa.cli.main import main

Q1 = ("id: t\nconcepts:\n  - id: meds\n    questions: [what medications]\n"
      "  - id: k\n    questions: [what was the potassium]\n    answer_type: number\n")
Q2 = Q1.replace("what was the potassium", "what was the sodium")


def note(i: int) -> str:
    return f"admitted with chest pain . metoprolol {i + 10} mg twice daily . potassium 3.{i} low"


@pytest.fixture()
def files(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"n{i}", "text": note(i)}) + "\n" for i in range(6)))
    q1, q2 = tmp_path / "q1.yaml", tmp_path / "q2.yaml"
    q1.write_text(Q1)
    q2.write_text(Q2)
    return corpus, q1, q2, tmp_path / "facts.parquet"


def extract(capsys, q, corpus, out, *extra, model="lexical-baseline"):
    code = main(["extract", "-q", str(q), "-n", str(corpus), "-o", str(out), "--model", model,
                 "--chunk-notes", "2", "--json", *extra])
    cap = capsys.readouterr()
    return code, cap


def unfinished(capsys, monkeypatch, corpus, q, out):
    """A run cut off after 4 of 6 notes (an interrupt while the third chunk is asked)."""
    import clinqa.extract.runner as runner

    real, calls = runner.rows_for_notes, []

    def crash_on_third(*a, **kw):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*a, **kw)

    with monkeypatch.context() as m:
        m.setattr(runner, "rows_for_notes", crash_on_third)
        code, _ = extract(capsys, q, corpus, out)
    assert code == 130
    progress = json.loads((out.parent / (out.name + ".parts") / "progress.json").read_text())
    assert progress["notes_done"] == 4 and not out.exists()


def test_resume_of_the_same_run_continues_and_gives_the_rows_of_one_run(files, capsys, monkeypatch):
    corpus, q1, _, out = files
    full = out.with_name("full.parquet")
    assert extract(capsys, q1, corpus, full)[0] == 0
    unfinished(capsys, monkeypatch, corpus, q1, out)
    code, cap = extract(capsys, q1, corpus, out)  # neither flag: says which to pass
    assert code == 2 and "unfinished run of this extraction" in cap.err and "--resume" in cap.err
    code, cap = extract(capsys, q1, corpus, out, "--resume")
    assert code == 0, cap.err
    assert pq.read_table(out).to_pylist() == pq.read_table(full).to_pylist()
    assert not out.with_name(out.name + ".parts").exists()


def test_resume_refuses_another_questionnaire_corpus_or_model(files, capsys):
    corpus, q1, q2, out = files
    assert extract(capsys, q1, corpus, out)[0] == 0
    before = out.read_bytes()
    code, cap = extract(capsys, q2, corpus, out, "--resume")
    assert code == 2 and "questionnaire.sha256" in cap.err and "--force" in cap.err
    other = corpus.with_name("other.jsonl")
    other.write_text(corpus.read_text())
    code, cap = extract(capsys, q1, other, out, "--resume")
    assert code == 2 and "corpus.path" in cap.err
    code, cap = extract(capsys, q1, corpus, out, "--resume", model="auto")
    assert code == 2 and "model.name: earlier lexical-baseline, now auto" in cap.err
    code, cap = extract(capsys, q1, corpus, out, "--resume", "--language", "es")
    assert code == 2 and "options.language" in cap.err
    assert out.read_bytes() == before  # nothing was touched
    # the same run, finished: --resume checks it and changes nothing
    code, cap = extract(capsys, q1, corpus, out, "--resume")
    assert code == 0, cap.err
    assert json.loads(cap.out)["rows"] == 12 and out.read_bytes() == before


def test_resume_refuses_an_edited_note_even_with_size_and_mtime_restored(files, capsys, monkeypatch):
    corpus, q1, _, out = files
    unfinished(capsys, monkeypatch, corpus, q1, out)
    parts = out.with_name(out.name + ".parts")
    # the cut-off run's corpus, with note n1 edited in place: same size, same mtime
    text = corpus.read_text()
    st = corpus.stat()
    edited = text.replace("metoprolol 11 mg", "metoprolol 99 mg")
    assert len(edited) == len(text) and edited != text
    corpus.write_text(edited)
    os.utime(corpus, ns=(st.st_atime_ns, st.st_mtime_ns))
    code, cap = extract(capsys, q1, corpus, out, "--resume")
    assert code == 2 and "4 notes already extracted" in cap.err and "--force" in cap.err
    assert parts.is_dir() and not out.exists()  # the earlier run's parts are kept for a real resume
    corpus.write_text(text)
    os.utime(corpus, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert extract(capsys, q1, corpus, out, "--resume")[0] == 0  # the run's own notes: it continues


def test_existing_output_is_never_silently_overwritten(files, capsys):
    corpus, q1, q2, out = files
    assert extract(capsys, q1, corpus, out)[0] == 0
    code, cap = extract(capsys, q2, corpus, out)
    assert code == 2 and "exists" in cap.err and "not from this run" in cap.err and "--force" in cap.err
    code, cap = extract(capsys, q1, corpus, out)
    assert code == 2 and "finished run of this extraction" in cap.err
    code, cap = extract(capsys, q2, corpus, out, "--resume", "--force")
    assert code == 2 and "one of them" in cap.err
    code, cap = extract(capsys, q2, corpus, out, "--force")
    assert code == 0, cap.err
    assert {r["question"] for r in pq.read_table(out).to_pylist()} >= {"what was the sodium"}
    meta = pq.read_schema(out).metadata
    run = json.loads(meta[b"clinqa.run"])
    assert run["questionnaire"]["id"] == "t" and run["model"] == {"name": "lexical-baseline"}
    assert set(run["corpus"]) >= {"path", "size", "mtime_ns"} and run["clinqa"]


def test_a_failed_start_leaves_nothing_that_blocks_the_next_run(files, capsys):
    corpus, q1, _, out = files
    parts = out.with_name(out.name + ".parts")
    # a duplicate id in the first chunk: nothing was committed, so nothing blocks the next run
    lines = corpus.read_text().splitlines()
    dup = corpus.with_name("dup.jsonl")
    dup.write_text("\n".join([lines[0], lines[0]] + lines[2:]) + "\n")
    code, cap = extract(capsys, q1, dup, out)
    assert code == 2 and "appears twice" in cap.err
    assert not parts.exists() and not out.exists()
    assert not [f for f in out.parent.iterdir() if f.name.endswith((".tmp", ".lock"))]
    assert extract(capsys, q1, corpus, out)[0] == 0
