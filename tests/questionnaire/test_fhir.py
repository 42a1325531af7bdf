"""FHIR R4 Questionnaire <-> clinqa questionnaire: the shipped ones survive the round trip, plain
FHIR items map to concepts, bad ones say where, and a .json file is read as FHIR."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from clinqa.errors import DataError
from clinqa.questionnaire import load_questionnaire
from clinqa.questionnaire.fhir import parse_fhir_questionnaire, to_fhir_questionnaire

ROOT = Path(__file__).resolve().parents[2]


def validate(resource: dict) -> None:
    """Every resource written must be valid FHIR (R4B models: R4's structures for these types)."""
    from fhir.resources.R4B import get_fhir_model_class

    get_fhir_model_class(resource["resourceType"]).model_validate(resource)


@pytest.mark.parametrize("qid", ["discharge-summary", "radiology-report"])
def test_shipped_questionnaires_round_trip_through_fhir(qid, tmp_path):
    q = load_questionnaire(qid)
    doc = to_fhir_questionnaire(q)
    validate(doc)
    path = tmp_path / f"{qid}.json"
    path.write_text(json.dumps(doc))
    back = load_questionnaire(path)  # a .json questionnaire is read as FHIR, transparently
    assert (back.id, back.name, back.concepts, back.languages) == (q.id, q.name, q.concepts, q.languages)


@pytest.mark.parametrize("qid", ["discharge-summary", "radiology-report"])
def test_fhir_written_from_a_shipped_yaml_reads_back_to_equal_concepts(qid):
    q = load_questionnaire(qid)
    back = parse_fhir_questionnaire(json.loads(json.dumps(to_fhir_questionnaire(q))), "q.json")
    assert back == replace(q, source="q.json")
    for a, b in zip(q.concepts, back.concepts):  # field by field, so a failure names the field
        assert a == b, a.id


def test_the_shipped_fhir_example_is_the_shipped_yaml():
    # examples/fhir/ is what `clinqa export questionnaire discharge-summary` writes
    shipped = json.loads((ROOT / "examples" / "fhir" / "discharge-summary.questionnaire.json").read_text())
    assert shipped == to_fhir_questionnaire(load_questionnaire("discharge-summary"))


def test_loading_picks_the_reader_by_suffix(tmp_path, monkeypatch):
    from clinqa.questionnaire import fhir

    doc = {"resourceType": "Questionnaire", "id": "mini", "item": [{"linkId": "k", "type": "decimal",
                                                                     "text": "What was the potassium?"}]}
    as_json = tmp_path / "mini.json"
    as_json.write_text(json.dumps(doc))
    calls = []
    real = fhir.load_fhir_questionnaire
    monkeypatch.setattr(fhir, "load_fhir_questionnaire", lambda p: calls.append(p) or real(p))
    q = load_questionnaire(as_json)
    assert calls == [as_json] and [(c.id, c.answer_type) for c in q.concepts] == [("k", "number")]
    # the same text as .yaml / .yml goes to the YAML reader, which says so
    for suffix in (".yaml", ".yml"):
        f = as_json.with_suffix(suffix)
        f.write_text(json.dumps(doc))
        with pytest.raises(DataError, match=f"mini{suffix}: this is a FHIR Questionnaire; name the file"):
            load_questionnaire(f)
    assert len(calls) == 1


def test_plain_fhir_questionnaire_items_map_to_concepts():
    q = parse_fhir_questionnaire({"resourceType": "Questionnaire", "id": "mini", "item": [
        {"linkId": "g", "type": "group", "item": [
            {"linkId": "intro", "type": "display", "text": "Answer from the note."},
            {"linkId": "k", "type": "decimal", "text": "What was the potassium?",
             "code": [{"system": "http://loinc.org", "code": "2823-3"}],
             "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/questionnaire-unit",
                            "valueCoding": {"code": "mmol/L"}}]},
            {"linkId": "dx", "type": "choice", "text": "What was the diagnosis?",
             "answerValueSet": "http://hl7.org/fhir/sid/icd-10-cm?fhir_vs"}]},
        {"linkId": "fever", "type": "boolean", "text": "Fever?"},
        {"linkId": "when", "type": "dateTime", "text": "Admitted when?"}]})
    got = {c.id: (c.answer_type, c.unit, c.code) for c in q.concepts}
    assert got == {"k": ("number", "mmol/L", None), "dx": ("span", None, "icd10cm"), "fever": ("yes_no", None, None),
                   "when": ("date", None, None)}


@pytest.mark.parametrize("doc, match", [
    ({"resourceType": "Patient"}, "resourceType 'Questionnaire'"),
    ({"resourceType": "Questionnaire", "item": [{"linkId": "x", "type": "attachment", "text": "Scan?"}]},
     r"item\[0\] \(linkId 'x'\).*cannot be extracted"),
    ({"resourceType": "Questionnaire", "item": [{"type": "string", "text": "Q?"}]}, r"item\[0\].*linkId"),
    ({"resourceType": "Questionnaire", "item": [{"linkId": "a", "type": "string", "text": "Q?"},
                                                {"linkId": "a", "type": "string", "text": "R?"}]}, "duplicate concept"),
    ({"resourceType": "Questionnaire", "item": [{"linkId": "a", "type": "string", "text": "Q?",
                                                 "answerValueSet": "http://snomed.info/sct?fhir_vs"}]}, "answerValueSet"),
])
def test_bad_fhir_questionnaires_say_where(doc, match):
    with pytest.raises(DataError, match=match):
        parse_fhir_questionnaire(doc, "q.json")
