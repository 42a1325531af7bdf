"""The lexicon: one set of vocabularies as data, every stage reading it, users extending it."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from clinqa.cli.main import main
from clinqa.lexicon import LexiconError, lexicon, load, use_lexicon

NOTE = ("ASSESSMENT: HBP, controlled on amlodipine 5 mg daily.\n"
        "LABS: kaliemia 5.9 mmol/L, sodium 139 mmol/L.\n"
        "PLAN: recheck kaliemia in the morning.\n")
SITE = """# a site's words
labs:
  - name: potassium
    aliases: [kaliemia]
synonyms:
  - names: [hypertension, HBP]
"""


@pytest.fixture
def site_lexicon(tmp_path):
    path = tmp_path / "site.yaml"
    path.write_text(SITE, encoding="utf-8")
    yield path
    use_lexicon()  # the shipped lexicon again, for the tests after this one


def _ask(tmp_path, question, *extra):
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    import io
    from contextlib import redirect_stdout

    buf = io.StringIO()
    with redirect_stdout(buf):
        rc = main(["ask", question, "--note", str(note), "--model", "lexical-baseline", "--json", *extra])
    return rc, json.loads(buf.getvalue())


def test_shipped_lexicon_loads_typed_and_complete():
    lex = lexicon()
    assert lex.lab_by_name["potassium"].dimensions == frozenset({"concentration"})
    assert lex.lab_by_name["inr"].dimensions == frozenset()  # "any": a ratio has no unit
    assert lex.lab_by_name["blood pressure"].shape and lex.lab_by_name["heart rate"].vital
    assert "coronary artery disease" in lex.synonyms_of["cad"]
    assert lex.icd10cm_aliases["htn"] == "I10"
    assert {"en", "es", "el", "bg", "pl", "cs", "ro"} <= set(lex.languages)
    assert lex.allergy_statement_re.search("Αλλεργία στην πενικιλίνη")
    assert re.fullmatch(lex.unit_re, "mg/dL", re.I)


def test_a_note_form_is_the_lab_only_as_written_and_before_its_value():
    from clinqa.document.measurements import lab_names, lab_values

    text = ("Overnight: Mg 1.4, repleted with magnesium sulfate 2 g IV. Started Mg oxide 400 mg daily; "
            "home dose was 400 Mg. MG: 2.0 on recheck.\nUACR 212 mg/g. Urine Na 18, Na 131.")
    found = [(text[a:b], lab) for a, b, lab in lab_names(text)]
    assert ("Mg", "magnesium") in found and ("Mg oxide", "magnesium") not in found
    assert [text[a:b] for a, b, lab in lab_names(text) if lab == "magnesium"] == ["Mg", "magnesium"]  # not "400 Mg", "MG"
    assert [text[a:b] for a, b, _ in lab_values(text, "urine albumin-to-creatinine ratio")] == ["212 mg/g"]
    assert [text[a:b] for a, b, _ in lab_values(text, "urine sodium")] == ["18"]
    assert [text[a:b] for a, b, _ in lab_values(text, "sodium")] == ["131"]  # a urine sodium is not a sodium


def test_a_vitals_line_in_single_letters_is_read_and_a_temperature_must_be_one():
    from clinqa.qa.policy import AnswerPolicy
    from clinqa.text import segment
    from clinqa.types import Note

    text = "Hx: T 2 DM on insulin; T12 fracture in 2150.\nVitals: T 38.2  P 104  BP 132/80. Later T 37.1.\n"
    note = Note("v", text)
    d = AnswerPolicy().decide(note, "What was the highest temperature?", [], segment(text, "v"))
    assert d.answers[0].text == "38.2"  # never the "2" of "T 2 DM", nor the pulse after it
    d = AnswerPolicy().decide(note, "What was the heart rate?", [], segment(text, "v"))
    assert d.answers[0].text == "104"


def test_a_user_lexicon_adds_a_local_lab_name_and_a_ward_abbreviation_to_ask(tmp_path, site_lexicon):
    rc, before = _ask(tmp_path, "What was the potassium?")
    assert rc == 0 and before["answers"][0]["text"] is None  # "kaliemia" is no potassium to the shipped lexicon
    rc, yn = _ask(tmp_path, "Does the patient have hypertension?")
    assert yn["verdict"]["verdict"] == "not_mentioned"

    rc, after = _ask(tmp_path, "What was the potassium?", "--lexicon", str(site_lexicon))
    assert rc == 0 and after["answers"][0]["text"] == "5.9 mmol/L"
    rc, yn = _ask(tmp_path, "Does the patient have hypertension?", "--lexicon", str(site_lexicon))
    assert yn["verdict"]["verdict"] == "yes" and yn["verdict"]["term"] == "HBP"


def test_a_user_lexicon_is_used_by_extract(tmp_path, site_lexicon):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "n1.txt").write_text(NOTE, encoding="utf-8")
    q = tmp_path / "q.yaml"
    q.write_text("id: site\nconcepts:\n"
                 "  - id: potassium\n    questions: ['What was the potassium?']\n    answer_type: number\n"
                 "    category: Lab Reports\n"
                 "  - id: hypertension\n    questions: ['Does the patient have hypertension?']\n"
                 "    answer_type: yes_no\n    category: Diagnosis\n", encoding="utf-8")
    rows = {}
    for name, extra in (("shipped", []), ("site", ["--lexicon", str(site_lexicon)])):
        out = tmp_path / f"{name}.parquet"
        assert main(["extract", "-q", str(q), "-n", str(notes), "-o", str(out), "--model", "lexical-baseline",
                     *extra]) == 0
        rows[name] = {r["concept_id"]: r for r in pd.read_parquet(out).to_dict("records")}
    assert pd.isna(rows["shipped"]["potassium"]["answer"]) and rows["shipped"]["hypertension"]["value"] == "not_mentioned"
    assert rows["site"]["potassium"]["answer"] == "5.9 mmol/L" and rows["site"]["potassium"]["value"] == "5.9 mmol/L"
    assert rows["site"]["hypertension"]["value"] == "yes"


@pytest.mark.parametrize("text, where, says", [
    ("labs:\n  - name: potassium\n    alias: [kaliemia]\n", "line 2", "unknown key 'alias'"),
    ("labs:\n  - name: potassium\n  - name: fibrinogen\n    dimensions: [viscosity]\n", None, "viscosity"),
    ("units:\n  - mg\n", "line 1", "unknown key 'units'"),
    ("synonyms:\n  - names: [hypertension, HBP]\n  - names: [afib]\n    icd10cm: X99999\n", "line 3",
     "not an ICD-10-CM code"),
    ("after_numbers: ['mg/(dl']\n", "line 1", "not a valid regular expression"),
    ("labs: [\n", "line 2", "not valid YAML"),
    ("labs:\n\t- name: potassium\n", "line 2", "found character '\\t' that cannot start any token"),  # worded by PyYAML's Python parser
    ("- just a list\n", "line 1", "a mapping of keys"),
    ("lang:\n  en: {allergy_wordz: [x]}\n", "line 1", "allergy_wordz"),
    ("labs:\n  - name: potassium\n  - name: fibrinogen\n    shape: '(['\n", "line 3", "not a valid regular expression"),
    ("synonyms:\n  - names: [hypertension, HBP]\n    icd10cm: I99.99\n", "line 2", "not a code of ICD-10-CM"),
    ("labs:\n  - name: fibrinogen\n    dimensions: [viscosity]\n", "line 2", "viscosity"),
])
def test_a_malformed_lexicon_is_a_clear_error_naming_file_and_line(tmp_path, text, where, says):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load((path,))
    msg = str(err.value)
    assert str(path) in msg and says in msg
    if where:
        assert where in msg


def test_a_bad_lexicon_on_the_command_line_exits_2_with_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("labs:\n  - name: potassium\n    alias: [kaliemia]\n", encoding="utf-8")
    note = tmp_path / "n.txt"
    note.write_text(NOTE, encoding="utf-8")
    assert main(["ask", "What was the potassium?", "--note", str(note), "--model", "lexical-baseline",
                 "--lexicon", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.yaml (line 2)" in err[0] and "Traceback" not in err[0]
    assert main(["ask", "What was the potassium?", "--note", str(note), "--lexicon", str(tmp_path / "none.yaml")]) == 2
    assert all(s.startswith("clinqa/lexicon/data") for s in lexicon().sources)  # the lexicon in use is as it was


def test_user_units_are_tried_before_the_shipped_ones(tmp_path):
    from clinqa.qa.policy import VALUE

    path = tmp_path / "units.yaml"
    path.write_text("after_numbers: ['mmol/24h']\ndimensions:\n  concentration: ['mmol/24h']\n", encoding="utf-8")
    try:
        assert VALUE.search("urine sodium 140 mmol/24h").group(3) == "mmol"
        use_lexicon(path)
        assert VALUE.search("urine sodium 140 mmol/24h").group(3) == "mmol/24h"
    finally:
        use_lexicon()
    assert VALUE.search("urine sodium 140 mmol/24h").group(3) == "mmol"


def test_the_environment_variable_extends_the_lexicon_of_a_new_process(tmp_path, site_lexicon):
    import subprocess
    import sys

    env = {"CLINQA_LEXICON": str(site_lexicon), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", "from clinqa.lexicon import lexicon; "
                          "print(lexicon().lab_canonical.get('kaliemia'))"], capture_output=True, text=True, env=env)
    assert out.stdout.strip() == "potassium", out.stderr


def test_user_entries_match_whatever_their_case(tmp_path):
    from clinqa.text.glossary import drug_class_stems, expand

    path = tmp_path / "site.yaml"
    path.write_text("dosing: {QX: every other Tuesday}\n"
                    "drug_classes:\n  - name: Antifungal\n    question_words: [Antifungals]\n    stems: [Fluconazole]\n",
                    encoding="utf-8")
    try:
        use_lexicon(path)
        assert expand("Tylenol 500 mg QX") == "Tylenol 500 mg every other Tuesday"
        assert "fluconazole" in drug_class_stems("What antifungals was she given?")
    finally:
        use_lexicon()


@pytest.mark.parametrize("text, code", [
    ("htn", "I10"), ("high blood pressure", "I10"), ("acute kidney injury", "N17.9"), ("afib", "I48.91"),
    ("af", None),  # an ambiguous abbreviation is never coded from the lexicon
    ("HFrEF", None),  # a subtype the group's "unspecified" code does not fit
])
def test_icd10cm_codes_from_the_lexicon_only_where_they_fit(text, code):
    from clinqa.extract.normalize import icd10_code

    hit = icd10_code(text)
    assert (hit[0] if hit else None) == code


@pytest.mark.parametrize("span, problem", [
    ("heart failure with reduced EF", True), ("CO2 retention", True), ("anion gap metabolic acidosis", True),
    ("Lipase 40", False), ("K 3.1", False), ("apixaban 5 mg", False),
])
def test_a_lab_name_alone_does_not_make_a_problem_a_lab_result(span, problem):
    """Extraction codes a span as a diagnosis only without a lab result in it; a lab's name alone
    ("EF", "CO2") is no result."""
    from clinqa.extract.normalize import _is_problem

    assert _is_problem(span) is problem


def test_every_shipped_icd10cm_code_exists():
    """The loader checks the codes of a user's file at load; the shipped ones are checked here."""
    import simple_icd_10_cm as icd

    shipped = load()
    assert shipped.icd10cm_aliases and all(icd.is_valid_item(c) for c in shipped.icd10cm_aliases.values())
