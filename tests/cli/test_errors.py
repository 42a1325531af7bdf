"""CLI under real use: table columns on every command that reads collections, inputs checked
before any model loads, every questionnaire problem at once, and --json errors on stdout."""

from __future__ import annotations

import json
import time

from clinqa.cli.main import main


def _run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_text_and_id_columns_pick_the_note(tmp_path, capsys):
    table = tmp_path / "notes.csv"
    table.write_text("doc,body,other\nA7,Chest x-ray is clear. No effusion.,x\n", encoding="utf-8")
    code, out, _ = _run(capsys, "segment", "-n", str(table), "--text-column", "body", "--id-column", "doc", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["note_id"] == "A7" and len(doc["sentences"]) == 2
    code, out, err = _run(capsys, "segment", "-n", str(table), "--text-column", "nope", "--json")
    assert code == 2 and "nope" in err
    assert json.loads(out)["error"]["file"] == str(table)


def test_extract_checks_the_corpus_before_loading_the_model(tmp_path, capsys, monkeypatch):
    import clinqa.qa.reader as reader_mod

    def no_load(*a, **k):
        raise AssertionError("the model must not load before the corpus is checked")

    monkeypatch.setattr(reader_mod.ExtractiveReader, "load", classmethod(no_load))
    table = tmp_path / "notes.csv"
    table.write_text("id,colour\n1,red\n", encoding="utf-8")
    t = time.perf_counter()
    code, out, err = _run(capsys, "extract", "-q", "radiology-report", "-n", str(table), "-o",
                          str(tmp_path / "o.parquet"), "--json")
    assert code == 2 and time.perf_counter() - t < 10
    error = json.loads(out)["error"]
    assert "--text-column" in error["message"] and error["file"] == str(table) and error["kind"] == "data"
    assert "--text-column" in err  # the text line stays on stderr


def test_every_questionnaire_problem_is_reported_at_once(tmp_path, capsys):
    q = tmp_path / "q.yaml"
    q.write_text("id: t\nconcepts:\n"
                 "  - id: ok\n    questions: ['What is it?']\n"
                 "  - id: bad_type\n    questions: ['How much?']\n    answer_type: colour\n"
                 "  - id: no_questions\n    questions: []\n", encoding="utf-8")
    table = tmp_path / "notes.csv"
    table.write_text("id,text\n1,Lungs are clear.\n", encoding="utf-8")
    code, out, err = _run(capsys, "extract", "-q", str(q), "-n", str(table), "-o", str(tmp_path / "o.parquet"),
                          "--json")
    assert code == 2
    error = json.loads(out)["error"]
    assert error["file"] == str(q) and "2 problems" in error["message"]
    assert [p["line"] for p in error["problems"]] == [5, 8]
    assert "bad_type" in err and "no_questions" in err


def test_usage_error_with_json_is_a_json_object(capsys):
    code, out, err = _run(capsys, "ask", "What?", "--json")  # --note is missing
    assert code == 2 and "--note" in err
    assert "--note" in json.loads(out)["error"]["message"]


def test_window_tokens_sets_short_windows_and_rejects_bad_values(tmp_path, capsys, monkeypatch):
    import clinqa.qa.reader as reader_mod
    from clinqa.qa.routing import reader_options

    assert reader_options(4, 192) == {"window_top_n": 4, "max_length": 192, "stride": 48}
    assert reader_options(None, None) == {}  # nothing given: the model folder's reading settings apply
    assert reader_options(0, None) == {"window_top_n": None}  # 0: every window, whatever the folder says
    note = tmp_path / "n.txt"
    note.write_text("Potassium 5.6 mmol/L on admission.", encoding="utf-8")

    def no_load(*a, **k):
        raise AssertionError("bad options must fail before the model loads")

    monkeypatch.setattr(reader_mod.ExtractiveReader, "load", classmethod(no_load))
    for bad in ("10", "4096"):
        code, out, err = _run(capsys, "ask", "What is the potassium?", "-n", str(note), "--window-tokens", bad, "--json")
        assert code == 2 and "--window-tokens" in json.loads(out)["error"]["message"]
    code, out, _ = _run(capsys, "extract", "-q", "radiology-report", "-n", str(note), "-o", str(tmp_path / "o.parquet"),
                        "--window-top-n", "-1", "--json")
    assert code == 2 and "--window-top-n" in json.loads(out)["error"]["message"]
