"""A shipped questionnaire id always means the shipped file: a file of that name in the working
folder is read only when named as a path (a separator or a .yaml/.yml/.json suffix)."""

from __future__ import annotations

import json

import pytest

from clinqa.cli.main import main
from clinqa.errors import DataError
from clinqa.questionnaire import SHIPPED, is_path, load_questionnaire

LOCAL = "id: local\nconcepts:\n  - id: x\n    questions: [what is x]\n"


@pytest.fixture()
def planted(tmp_path, monkeypatch):
    """A working folder holding files named like both shipped questionnaires."""
    monkeypatch.chdir(tmp_path)
    for name in ("discharge-summary", "discharge-summary.yaml", "radiology-report", "radiology-report.yml"):
        (tmp_path / name).write_text(LOCAL)
    return tmp_path


def test_shipped_ids_resolve_to_the_shipped_files(planted):
    for qid in ("discharge-summary", "radiology-report"):
        q = load_questionnaire(qid)
        assert q.id == qid and q.source.startswith(str(SHIPPED)) and len(q.concepts) > 1


@pytest.mark.parametrize("arg", ["./discharge-summary", "discharge-summary.yaml", "radiology-report.yml",
                                 "./radiology-report"])
def test_a_local_file_is_read_when_named_as_a_path(planted, arg):
    assert load_questionnaire(arg).id == "local"
    assert load_questionnaire(str(planted / "discharge-summary")).id == "local"


def test_is_path():
    assert not is_path("discharge-summary") and not is_path("my-questionnaire")
    assert is_path("./x") and is_path("a/b") and is_path("x.YAML") and is_path("x.json")


def test_an_unknown_id_says_how_to_name_a_local_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError, match=r"discharge-summary.*\./NAME"):
        load_questionnaire("discharge")


def test_the_cli_uses_the_shipped_questionnaire(planted, capsys):
    assert main(["export", "questionnaire", "discharge-summary", "-o", "out.json", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["questionnaire"] == "discharge-summary"
    assert main(["export", "questionnaire", "./discharge-summary", "-o", "out2.json", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["questionnaire"] == "local"
