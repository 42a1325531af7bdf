"""`clinqa ask` with several questions: one start-up, one reading of the note, one JSON document."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout

from clinqa.cli.main import main

NOTE = ("HISTORY: Hypertension. Denies chest pain.\n"
        "LABS: Potassium 3.1 mmol/L, sodium 139 mmol/L.\n"
        "MEDICATIONS:\n1. Lisinopril 10 mg daily\n2. Metformin 500 mg twice daily\n")


def _run(argv):
    buf = io.StringIO()
    with redirect_stdout(buf):
        rc = main(argv)
    return rc, buf.getvalue()


def test_several_questions_give_one_document_in_order(tmp_path):
    note = tmp_path / "n.txt"
    note.write_text(NOTE, encoding="utf-8")
    qs = tmp_path / "qs.txt"
    qs.write_text("# questions for the ward round\nWhat was the potassium?\n\nDoes the patient have chest pain?\n",
                  encoding="utf-8")
    rc, out = _run(["ask", "--note", str(note), "What medications?", "-q", "What was the sodium?",
                    "--questions", str(qs), "--model", "lexical-baseline", "--json"])
    assert rc == 0
    doc = json.loads(out)
    assert doc["note_id"] == "n"
    assert [r["question"] for r in doc["questions"]] == [
        "What medications?", "What was the sodium?", "What was the potassium?", "Does the patient have chest pain?"]
    by_q = {r["question"]: r for r in doc["questions"]}
    assert by_q["What was the potassium?"]["answers"][0]["text"] == "3.1 mmol/L"
    assert by_q["Does the patient have chest pain?"]["verdict"]["verdict"] == "no"
    for r in doc["questions"]:
        for a in r["answers"]:
            assert a["text"] is None or NOTE[a["start"]:a["end"]] == a["text"]


def test_one_question_keeps_the_single_document_shape(tmp_path):
    note = tmp_path / "n.txt"
    note.write_text(NOTE, encoding="utf-8")
    rc, out = _run(["ask", "What was the potassium?", "--note", str(note), "--model", "lexical-baseline", "--json"])
    doc = json.loads(out)
    assert rc == 0 and doc["question"] == "What was the potassium?" and "questions" not in doc


def test_no_question_or_a_bad_questions_file_is_exit_2(tmp_path, capsys):
    note = tmp_path / "n.txt"
    note.write_text(NOTE, encoding="utf-8")
    assert main(["ask", "--note", str(note), "--model", "lexical-baseline"]) == 2
    assert "give a question" in capsys.readouterr().err
    assert main(["ask", "--note", str(note), "--questions", str(tmp_path / "none.txt")]) == 2
    assert "questions file not found" in capsys.readouterr().err
    blank = tmp_path / "blank.txt"
    blank.write_text("# only a comment\n\n", encoding="utf-8")
    assert main(["ask", "--note", str(note), "--questions", str(blank)]) == 2
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    assert main(["ask", "--note", str(note), "--questions", str(binary)]) == 2
    assert "UTF-8" in capsys.readouterr().err
