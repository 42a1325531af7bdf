"""Questionnaires: the shipped ones, the document's rules (pydantic schema) and the errors a
user sees, and the package's import boundary."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from clinqa.errors import DataError
from clinqa.questionnaire import Concept, load_questionnaire, packaged_questionnaires, parse_questionnaire

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_questionnaires_load():
    qs = {k: load_questionnaire(k) for k in packaged_questionnaires()}
    assert set(qs) == {"discharge-summary", "radiology-report"}
    assert len(qs["discharge-summary"].concepts) >= 30
    assert "es" in qs["discharge-summary"].languages
    assert {c.answer_type for c in qs["discharge-summary"].concepts} == {"span", "yes_no", "number", "date", "list"}
    kinds = {c.id: c.note_kinds for c in qs["discharge-summary"].concepts}
    assert kinds["discharge_condition"] == ("discharge_summary",) and kinds["fever"] == ()
    assert len(qs["radiology-report"].concepts) >= 10


def test_note_kinds_are_checked_against_the_lexicon():
    from clinqa.questionnaire.schema import parse_questionnaire

    doc = {"id": "q", "concepts": [{"id": "c", "questions": {"en": ["What?"]}, "note_kinds": ["discharge_sumary"]}]}
    with pytest.raises(DataError, match="unknown note kind 'discharge_sumary'"):
        parse_questionnaire(doc, "q.yaml")


def test_a_missing_file_names_the_shipped_ids(tmp_path):
    with pytest.raises(DataError, match="discharge-summary, radiology-report") as err:
        load_questionnaire(tmp_path / "nope.yaml")
    assert err.value.source == str(tmp_path / "nope.yaml")


@pytest.mark.parametrize("text,match", [
    ("concepts:\n  - id: a\n    questions: [x]\n  - id: a\n    questions: [y]\n", "duplicate concept id 'a' (first at line 2)"),
    ("concepts:\n  - id: a\n    questions: [x]\n    answer_type: colour\n", "unknown answer_type 'colour'"),
    ("concepts:\n  - id: a\n    questions: []\n", "non-empty list"),
    ("concepts:\n  - id: a\n    questions: [x\n", "YAML syntax error"),
    ("concepts:\n\t- id: a\n", "found character '\\t' that cannot start any token"),
    ("concepts: []\n", "non-empty list"),
    ("concepts:\n  - id: a\n    questions: [x]\n    code: snomed\n", "unknown code system"),
    ("concepts:\n  - id: a\n    questions: [x]\n    category: Colour\n", "unknown category 'Colour'"),
    ("concepts:\n  - questions: [x]\n", "concept without an 'id'"),
    ("concepts:\n  - id: a\n", "'questions' must be a list or a mapping"),
    ("concepts:\n  - id: a\n    questions: {}\n", "'questions' is empty"),
    ("concepts:\n  - id: a\n    questions: [x]\n    synonyms: [fever, '  ']\n", "list of non-empty terms"),
    ("concepts:\n  - id: a\n    questions: [x]\n    min_score: 2\n", "min_score must be a number in [0, 1], got 2"),
    ("concepts:\n  - id: a\n    questions: [x]\n    min_score: '0.5'\n", "got '0.5'"),  # not a number
    ("concepts:\n  - id: a\n    questions: [x]\n    min_score: true\n", "got True"),
    ("concepts:\n  - id: a\n    questions: [x]\n    unit: 5\n", "unit must be text"),
    ("- a\n- b\n", "a questionnaire is a mapping"),
])
def test_bad_questionnaires_name_file_and_line(tmp_path, text, match):
    f = tmp_path / "q.yaml"
    f.write_text(text)
    with pytest.raises(DataError, match="q.yaml") as err:
        load_questionnaire(f)
    assert match in str(err.value)
    if "duplicate" in match:
        assert "(line 4)" in str(err.value)


def test_an_unknown_key_in_a_concept_names_the_key_the_concept_and_the_file(tmp_path, capsys):
    from clinqa.cli.main import main

    f = tmp_path / "q.yaml"
    f.write_text("id: t\nconcepts:\n  - id: fever\n    questions: ['Fever?']\n    answer_type: yes_no\n"
                 "    synonym: [febrile]\n")
    with pytest.raises(DataError) as err:
        load_questionnaire(f)
    assert str(err.value).startswith(f"{f} (line 3): concept 'fever': unknown key 'synonym'")
    assert "did you mean 'synonyms'?" in str(err.value)
    # the CLI: one line on stderr, exit 2 (bad input), before anything is written
    out = tmp_path / "q.json"
    assert main(["export", "questionnaire", str(f), "-o", str(out)]) == 2
    assert "unknown key 'synonym'" in capsys.readouterr().err and not out.exists()


def test_an_unknown_top_level_key_is_an_error(tmp_path):
    f = tmp_path / "q.yaml"
    f.write_text("id: t\ndescription: core facts\nconcepts:\n  - id: a\n    questions: [x]\n")
    with pytest.raises(DataError, match=r"q.yaml \(line 1\): unknown key 'description'; expected one of id, name"):
        load_questionnaire(f)


def test_every_problem_of_every_concept_is_reported_in_order(tmp_path):
    f = tmp_path / "q.yaml"
    f.write_text("concepts:\n"
                 "  - id: a\n    questions: [x]\n    colour: red\n    answer_type: colour\n"
                 "  - id: ok\n    questions: [y]\n"
                 "  - id: a\n    questions: [z]\n")
    with pytest.raises(DataError, match="3 problems") as err:
        load_questionnaire(f)
    got = [(p.where, p.message.split(";")[0]) for p in err.value.problems]
    assert got == [("line 2", "concept 'a': unknown key 'colour'"),
                   ("line 2", "concept 'a': unknown answer_type 'colour'"),
                   ("line 8", "duplicate concept id 'a' (first at line 2)")]


def test_documents_without_lines_name_the_concept_by_index():
    # the server's inline concepts and FHIR items are JSON: no lines, so concepts[i]
    with pytest.raises(DataError) as err:
        parse_questionnaire({"id": "inline", "concepts": [{"id": "a", "questions": ["x"]}, "text"]}, "concepts")
    assert str(err.value) == "concepts (concepts[1]): each concept is a mapping with id and questions"


def test_fields_are_normalised_as_before(tmp_path):
    f = tmp_path / "q.yaml"
    f.write_text("id: 7\nconcepts:\n  - id: a\n    questions: {en: ' What? ', es: [' ¿Qué? ']}\n"
                 "    synonyms: {'*': [' BP '], en: blood pressure}\n    min_score: 1\n    unit: mmHg\n")
    q = load_questionnaire(f)
    assert (q.id, q.name, q.languages, q.source) == ("7", "7", ("en", "es"), str(f))
    (c,) = q.concepts
    assert c == Concept("a", {"en": ("What?",), "es": ("¿Qué?",)}, "span", None, "mmHg", None,
                        {"*": ("BP",), "en": ("blood pressure",)}, 1.0)
    assert isinstance(c.min_score, float)
    assert c.questions_for("de") == ("What?",) and c.questions_for("es") == ("¿Qué?",)
    assert c.synonyms_for("es") == ("blood pressure", "BP")  # English, then the language-neutral terms


def test_the_package_imports_nothing_from_extract():
    code = ("import sys, json, clinqa.questionnaire, clinqa.questionnaire.fhir; "
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('clinqa.'))))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    loaded = json.loads(r.stdout)
    assert "clinqa.questionnaire.model" in loaded
    assert not [m for m in loaded if m.startswith("clinqa.extract")], loaded


def test_a_concept_moment_is_checked_and_kept():
    from clinqa.questionnaire.schema import parse_questionnaire

    doc = {"id": "q", "concepts": [{"id": "hr", "questions": {"en": ["What was the heart rate?"]},
                                    "answer_type": "number", "moment": "admission"}]}
    assert parse_questionnaire(doc, "q.yaml").concepts[0].moment == "admission"
    doc["concepts"][0]["moment"] = "yesterday"
    with pytest.raises(DataError, match="moment must be one of admission, discharge"):
        parse_questionnaire(doc, "q.yaml")
