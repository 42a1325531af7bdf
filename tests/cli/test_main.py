import json
import subprocess
import sys

import pytest

from clinqa.cli.main import main

COMMANDS = ["ask", "evidence", "segment", "parse", "doctor", "train qa", "train evidence", "eval qa", "eval evidence", "tune evidence", "serve", "extract", "report",
            "summarize", "generate", "train summarize", "train generate", "train mlm", "eval summarize", "eval generate"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_json(command, capsys):
    assert main([*command.split(), "--help"]) == 0
    out = capsys.readouterr().out
    assert "--json" in out


def run_json(argv, capsys):
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured


@pytest.mark.parametrize("note,question,expect", [
    ("discharge_summary.txt", "What did the chest x-ray show?", "right lower lobe consolidation"),
    ("progress_note.txt", "What is the potassium level?", "3.2"),  # the value of the named lab
    ("radiology_report.fhir.json", "Is there a pleural effusion?", "pleural effusion"),
    ("nota_alta_es.txt", "¿Qué dosis de ticagrelor?", "Ticagrelor 90 mg"),
])
def test_ask_json_offsets_point_at_the_note(examples, capsys, note, question, expect):
    from clinqa.data import read_notes

    code, cap = run_json(["ask", "--note", str(examples / note), question, "--json", "-k", "2",
                          "--model", "lexical-baseline"], capsys)
    assert code == 0, cap.err
    doc = json.loads(cap.out)  # exactly one JSON document on stdout
    text = next(read_notes(examples / note)).text
    assert doc["method"] == "lexical-baseline"
    assert expect in doc["answers"][0]["text"]
    for a in doc["answers"]:
        assert text[a["start"]:a["end"]] == a["text"]
        s = a["sentence"]
        assert text[s["start"]:s["end"]] == s["text"] and s["start"] <= a["start"] < a["end"] <= s["end"]
        assert isinstance(a["score"], float) and a["assertion"] in ("present", "negated", "possible", "historical",
                                                                     "family", "hypothetical")


def test_ask_reports_negation(examples, capsys):
    code, cap = run_json(["ask", "--note", str(examples / "discharge_summary.txt"), "Does he have hemoptysis?",
                          "--json", "--model", "lexical-baseline"], capsys)
    a = json.loads(cap.out)["answers"][0]
    assert "hemoptysis" in a["text"] and a["assertion"] == "negated"


def test_ask_no_answer_is_explicit(examples, capsys):
    code, cap = run_json(["ask", "--note", str(examples / "progress_note.txt"), "zebra giraffe?", "--json",
                          "--model", "lexical-baseline"], capsys)
    assert code == 0
    a = json.loads(cap.out)["answers"][0]
    assert a["text"] is None and a["start"] == -1


def test_doctor_lists_offline_models(capsys):
    code, cap = run_json(["doctor", "--json"], capsys)
    assert code == 0
    doc = json.loads(cap.out)
    names = {m["name"]: m for m in doc["offline_models"]}
    assert names["minilm"]["installed"] and names["smollm2-135m-instruct"]["installed"]
    assert doc["packages"]["torch"].startswith("2.13.0")
    assert doc["gpu"]["cuda_available"] in (True, False)


def test_segment_and_evidence_json(examples, capsys):
    code, cap = run_json(["segment", "--note", str(examples / "radiology_report.txt"), "--json"], capsys)
    assert code == 0
    sents = json.loads(cap.out)["sentences"]
    assert any(s["text"] == "2. Small left pleural effusion." for s in sents)
    code, cap = run_json(["evidence", "--note", str(examples / "radiology_report.txt"), "pleural effusion", "--json",
                          "-k", "2"], capsys)
    doc = json.loads(cap.out)
    items = doc["sentences"]
    assert 1 <= sum(i["selected"] for i in items) <= 2
    assert all(set(i["component_scores"]) == {"bm25", "tfidf", "dense"} for i in items)
    best = max(items, key=lambda i: i["score"])
    assert best["selected"] and "pleural effusion" in best["text"]
    text = (examples / "radiology_report.txt").read_text(encoding="utf-8")
    assert all(text[i["start"]:i["end"]] == i["text"] for i in items)


def test_evidence_submission_and_single_retriever(examples, tmp_path, capsys):
    sub = tmp_path / "sub.json"
    code, cap = run_json(["evidence", "--note", str(examples / "progress_note.txt"), "potassium", "--json",
                          "--retrievers", "bm25", "--submission", str(sub), "--case-id", "42"], capsys)
    assert code == 0, cap.err
    doc = json.loads(cap.out)
    assert doc["weights"] == {"bm25": 1.0}
    from clinqa.data import read_submission

    (pred,) = read_submission(sub, 2)
    assert pred.case_id == "42" and pred.prediction == tuple(i["sentence_id"] for i in doc["sentences"] if i["selected"])
    code, cap = run_json(["evidence", "--note", str(examples / "progress_note.txt"), "potassium",
                          "--retrievers", "bm25,magic"], capsys)
    assert code == 2 and "unknown retriever(s) magic" in cap.err


@pytest.mark.parametrize("content,match", [
    (b"", "note is empty"),
    (b"  \n\t ", "only whitespace"),
    (b"ok \xff\xfe", "not valid UTF-8"),
    (b"abc\x00def", "NUL character"),
])
def test_bad_notes_exit_2_with_one_line(tmp_path, capsys, content, match):
    f = tmp_path / "note.txt"
    f.write_bytes(content)
    code, cap = run_json(["ask", "--note", str(f), "what?", "--json"], capsys)
    assert code == 2
    error = json.loads(cap.out)["error"]  # with --json the error is a JSON object on stdout too
    assert error["file"] == str(f) and match in error["message"] and error["exit_code"] == 2
    lines = cap.err.strip().splitlines()
    assert len(lines) == 1 and str(f) in lines[0] and match in lines[0]


def test_huge_note_is_refused(tmp_path, capsys):
    f = tmp_path / "huge.txt"
    f.write_bytes(b"Patient stable. " * (10 * 1024 * 1024 // 16))
    code, cap = run_json(["ask", "--note", str(f), "stable?"], capsys)
    assert code == 2 and "over the note limit" in cap.err and "Traceback" not in cap.err


@pytest.mark.parametrize("argv,match", [
    (["ask", "--note", "/no/such.txt", "q"], "file not found"),
    (["ask", "q"], "Missing option '--note'"),
    (["ask", "--note", "README.md", ""], "question is empty"),
    (["nosuchcommand"], "No such command"),
    (["generate", "--json", "--note", "README.md"], "Missing option '--question'"),
    (["generate", "--note", "README.md", "--question", " "], "question is empty"),
    (["train", "generate", "--json"], "Missing option '--config'"),
    (["train", "summarize", "--json"], "no training data"),
    (["summarize", "--json"], "exactly one of --findings"),
    (["summarize", "--findings", "   "], "findings are empty"),
    (["summarize", "--input", "README.md"], "--input needs --output"),
    (["summarize", "--file", "/no/such.txt"], "file not found"),
    (["eval", "summarize", "--data", "/no/such.csv"], "not found"),
    (["eval", "generate", "--data", "README.md"], "cannot tell the case format"),
    (["train", "mlm", "--json"], "no text"),
    (["train", "qa", "--json"], "no training data"),
    (["train", "qa", "--config", "/no/such.yaml"], "does not exist"),
    (["eval", "qa", "--data", "/no/such.json"], "not found"),
    (["eval", "qa", "--data", "README.md#test"], "unknown split"),
    (["ask", "--note", "README.md", "--model", "./no/such/folder", "q"], "does not exist"),
    (["ask", "--note", "README.md", "--model", "some-org/clinical-qa", "q"], "cannot load model 'some-org/clinical-qa'"),
])
def test_usage_errors_exit_2(capsys, argv, match):
    code, cap = run_json(argv, capsys)
    assert code == 2 and match in cap.err and "Traceback" not in cap.err


def test_internal_errors_exit_1_without_traceback(monkeypatch, capsys, examples):
    import clinqa.qa.baseline as baseline

    def boom(*a, **k):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(baseline.LexicalAnswerer, "answer", boom)
    code, cap = run_json(["ask", "--note", str(examples / "progress_note.txt"), "potassium?", "--model",
                          "lexical-baseline"], capsys)
    assert code == 1 and "internal error: RuntimeError: kaboom" in cap.err and "Traceback" not in cap.err


def test_console_script_and_cheap_import():
    out = subprocess.run([sys.executable, "-c", "import sys, clinqa; "
                          "print(','.join(m for m in ('torch','transformers','spacy') if m in sys.modules))"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""  # import clinqa pulls no heavy library
    r = subprocess.run([sys.executable, "-m", "clinqa.cli.main", "doctor", "--json"], capture_output=True, text=True)
    assert r.returncode == 0 and json.loads(r.stdout)["python"]


def test_cli_uses_only_public_typer_and_click():
    """Private modules of typer or click (typer._click, click._compat, ...) change without
    notice between releases; the CLI catches their errors through public names only."""
    import ast
    from pathlib import Path

    import clinqa

    private = []
    for path in sorted(Path(clinqa.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 else [])
            for name in names:
                parts = name.split(".")
                if parts[0] in ("typer", "click") and any(p.startswith("_") for p in parts[1:]):
                    private.append(f"{path.name}: {name}")
    assert private == []


@pytest.mark.parametrize("argv", [["ask", "--no-such-option"], ["no-such-command"], ["ask"]])
def test_typer_usage_errors_exit_2(capsys, argv):
    """Errors raised by typer's own (vendored) click are usage errors too: exit 2, one line."""
    code, cap = run_json(argv, capsys)
    assert code == 2 and cap.err.startswith("clinqa: error: ") and "Traceback" not in cap.err
