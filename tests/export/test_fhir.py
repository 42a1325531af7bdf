"""FHIR in and out: rows -> QuestionnaireResponse and coded resources (every one validated with
fhir.resources R4B), and the round trip back to rows (Questionnaire <-> YAML: tests/questionnaire/)."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from clinqa.errors import DataError, UsageError
from clinqa.export.fhir import (DERIVATION, EXTRACTION, iter_resources, note_bundle, note_resources,
                                questionnaire_response, rows_from_fhir, write_fhir)
from clinqa.export.rows import Fact, NoteFacts, iter_note_facts
from clinqa.extract.rows import ExtractionRow, schema
from clinqa.questionnaire import load_questionnaire
from clinqa.questionnaire.fhir import to_fhir_questionnaire
from clinqa.types import Answer, Note
from tests.cli.test_main import run_json

ROOT = Path(__file__).resolve().parents[2]
NOTE = Note("note 1/a", "Chest x-ray: no pleural effusion. Potassium 3.2 mmol/L. Allergic to penicillin. "
                        "Discharged on apixaban 5 mg. Mother had breast cancer.",
            metadata={"subject": "Patient/p-7"})


def row(concept, answer=None, start=-1, end=-1, **kw) -> ExtractionRow:
    base = dict(note_id=NOTE.id, concept_id=concept, question=f"What about {concept}?", answer=answer, start=start,
                end=end, score=0.9 if answer else 0.1, category=None, assertion="present" if answer else None,
                sentence_id="s0" if answer else None, answer_type="span", value=answer, value_number=None, unit=None,
                code=None, code_system=None, code_display=None, model="tiny-qa")
    base.update(kw)
    return ExtractionRow(**base)


def span(text: str) -> tuple[int, int]:
    i = NOTE.text.index(text)
    return i, i + len(text)


def example_rows() -> list[ExtractionRow]:
    return [
        row("pleural_effusion", "pleural effusion", *span("pleural effusion"), answer_type="yes_no", value="no",
            assertion="negated"),
        row("principal_diagnosis", "pleural effusion", *span("pleural effusion"), assertion="negated", code="J90",
            code_system="icd10cm", code_display="Pleural effusion, not elsewhere classified", category="Diagnosis"),
        row("potassium", "3.2 mmol/L", *span("3.2 mmol/L"), answer_type="number", value="3.2 mmol/L",
            value_number=3.2, unit="mmol/L", category="Lab Reports"),
        row("allergies", "penicillin", *span("penicillin"), code="DB01053", code_system="drug",
            code_display="Benzylpenicillin"),
        row("discharge_medications", "apixaban 5 mg", *span("apixaban 5 mg"), code="DB06605", code_system="drug",
            code_display="Apixaban"),
        row("family_cancer", "breast cancer", *span("breast cancer"), assertion="family", code="C50.919",
            code_system="icd10cm"),
        row("admission_date", answer_type="date"),
        row("fever", answer_type="yes_no", value="not_mentioned"),
    ]


def facts(rows=None, patient="p-7", note=NOTE) -> NoteFacts:
    return NoteFacts(NOTE.id, "facts.parquet", tuple(Fact(r) for r in (rows or example_rows())), patient, note)


def validate(resource: dict) -> None:
    """Every resource written must be valid FHIR (R4B models: R4's structures for these types)."""
    from fhir.resources.R4B import get_fhir_model_class

    get_fhir_model_class(resource["resourceType"]).model_validate(resource)


def write_table(path: Path, rows: list[ExtractionRow]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist([asdict(r) for r in rows], schema=schema()), path)
    return path


# --- Questionnaire ------------------------------------------------------------------------------

# Which answer[x] a QuestionnaireResponse item may carry for each Questionnaire item type (R4).
ANSWER_OF_ITEM = {"boolean": {"valueBoolean"}, "quantity": {"valueQuantity"}, "date": {"valueDate"},
                  "string": {"valueString"}, "open-choice": {"valueCoding", "valueString"}}


@pytest.mark.parametrize("qid", ["discharge-summary", "radiology-report"])
def test_responses_answer_with_the_types_their_questionnaire_items_declare(qid):
    q = load_questionnaire(qid)
    items = {i["linkId"]: i for i in to_fhir_questionnaire(q)["item"]}
    # que-5: answerValueSet only on choice / open-choice items
    assert all(i["type"] in ("choice", "open-choice") for i in items.values() if "answerValueSet" in i)
    rows = []
    for c in q.concepts:
        kw = {"answer_type": c.answer_type}
        if c.answer_type == "yes_no":
            kw["value"] = "yes"
        elif c.answer_type == "number":
            kw.update(value="3.2 mmol/L", value_number=3.2, unit="mmol/L")
        elif c.answer_type == "date":
            kw["value"] = "2024-01-02"
        if c.code:
            kw.update(code="J90" if c.code == "icd10cm" else "DB06605", code_system=c.code)
        rows.append(row(c.id, "pleural effusion", *span("pleural effusion"), **kw))
    qr = questionnaire_response(facts(rows))
    assert len(qr["item"]) == len(q.concepts)
    for item in qr["item"]:
        (answer,) = item["answer"]
        assert set(answer) <= ANSWER_OF_ITEM[items[item["linkId"]]["type"]], (item["linkId"], answer)


class KeywordReader:
    """A stand-in QA reader: answers with the note's first word that also occurs in the question,
    so different question text gives different rows."""

    name = "keyword-stub"

    def answer_many(self, pairs, top_k=1, sentences=None, *, with_context=True, apply_threshold=True):
        import re
        from types import SimpleNamespace

        outs = []
        for note, q in pairs:
            words = {w.lower() for w in re.findall(r"\w{4,}", q)}
            m = next((m for m in re.finditer(r"\w{4,}", note.text) if m.group().lower() in words), None)
            a = Answer(m.group(), m.start(), m.end(), 0.5 + len(q) / 1000, note.id, assertion="present") if m \
                else Answer.no_answer(note.id, 0.0)
            outs.append(SimpleNamespace(answers=[a], null_minus_best=None))
        return outs


@pytest.mark.parametrize("language", [None, "es"])
def test_discharge_questionnaire_as_fhir_gives_the_same_rows_as_yaml(language):
    from clinqa.extract.rows import rows_for_notes

    shipped = ROOT / "examples" / "fhir" / "discharge-summary.questionnaire.json"
    yaml_q, fhir_q = load_questionnaire("discharge-summary"), load_questionnaire(shipped)
    notes = [Note("d", (ROOT / "examples" / "discharge_summary.txt").read_text()),
             Note("es", (ROOT / "examples" / "nota_alta_es.txt").read_text())]
    want = rows_for_notes(KeywordReader(), yaml_q, notes, language)
    got = rows_for_notes(KeywordReader(), fhir_q, notes, language)
    assert got == want
    assert sum(r["answer"] is not None for r in got) >= 4  # the stub found something to compare


# --- rows -> resources ------------------------------------------------------------------------

def test_answers_are_typed_and_never_positive_when_negated():
    qr = note_resources(facts(), questionnaire_id="discharge-summary")[1]
    validate(qr)
    items = {i["linkId"]: i for i in qr["item"]}
    assert items["pleural_effusion"]["answer"] == [{"valueBoolean": False}]
    # a negated diagnosis and a relative's illness carry no answer value, only their status
    assert "answer" not in items["principal_diagnosis"] and "answer" not in items["family_cancer"]
    status = {k: next(e["valueCode"] for x in i["extension"] if x["url"] == EXTRACTION
                      for e in x["extension"] if e["url"] == "status") for k, i in items.items()}
    assert status == {"pleural_effusion": "negated", "principal_diagnosis": "negated", "potassium": "present",
                      "allergies": "present", "discharge_medications": "present", "family_cancer": "family",
                      "admission_date": "no_answer", "fever": "not_mentioned"}
    assert items["potassium"]["answer"] == [{"valueQuantity": {"value": 3.2, "unit": "mmol/L"}}]
    assert items["discharge_medications"]["answer"][0]["valueCoding"]["code"] == "DB06605"
    where = {e["url"]: e.get("valueInteger", e.get("valueReference"))
             for x in items["potassium"]["extension"] if x["url"] == DERIVATION for e in x["extension"]}
    start, end = span("3.2 mmol/L")
    assert where["offset"] == start and where["length"] == end - start
    assert where["reference"] == {"reference": "DocumentReference/note-1-a-" + where["reference"]["reference"][-12:]}
    assert qr["subject"] == {"reference": "Patient/p-7"}


def test_coded_answers_become_validated_clinical_resources():
    res = note_resources(facts(), resources=("QuestionnaireResponse", "Condition", "MedicationStatement",
                                             "AllergyIntolerance", "Observation"))
    for r in res:
        validate(r)
    by_type = {}
    for r in res:
        by_type.setdefault(r["resourceType"], []).append(r)
    assert [r["resourceType"] for r in res[:2]] == ["DocumentReference", "QuestionnaireResponse"]
    (cond,) = by_type["Condition"]  # the relative's cancer is not the patient's condition
    assert cond["verificationStatus"]["coding"][0]["code"] == "refuted"
    assert cond["code"]["coding"][0] == {"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "J90",
                                         "display": "Pleural effusion, not elsewhere classified"}
    (allergy,) = by_type["AllergyIntolerance"]  # an allergy, not a medication the patient takes
    assert allergy["code"]["coding"][0]["code"] == "DB01053"
    # R4 invariant ait-1 (not checked by fhir.resources): clinicalStatus unless entered-in-error
    assert allergy["clinicalStatus"]["coding"][0]["code"] == "active"
    (med,) = by_type["MedicationStatement"]
    assert med["status"] == "active" and med["medicationCodeableConcept"]["coding"][0]["code"] == "DB06605"
    (obs,) = by_type["Observation"]
    assert obs["valueQuantity"] == {"value": 3.2, "unit": "mmol/L"}
    doc = res[0]
    assert doc["identifier"][0]["value"] == NOTE.id  # the id was not a valid FHIR id: the original is kept


def test_without_a_patient_resources_still_validate():
    bundle = note_bundle(facts(patient=None, note=None), resources=("QuestionnaireResponse", "Condition",
                                                                    "MedicationStatement", "AllergyIntolerance"))
    validate(bundle)
    types = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert types == ["QuestionnaireResponse", "Condition", "MedicationStatement"]  # no allergy without a Patient


@pytest.mark.parametrize("suffix, per_note", [(".ndjson", False), (".ndjson", True), (".json", False)])
def test_parquet_to_fhir_and_back_gives_the_same_rows(tmp_path, suffix, per_note):
    rows = example_rows()
    other = [replace(r, note_id="n2", score=0.25) for r in rows[:3]]
    table = write_table(tmp_path / "facts.parquet", rows + other)
    out = tmp_path / f"out{suffix}"
    result = write_fhir(iter_note_facts([table], batch_rows=3), out, resources=("QuestionnaireResponse", "Condition"),
                        per_note=per_note)
    assert result["notes"] == 2 and result["resources"] == {"QuestionnaireResponse": 2, "Condition": 2}
    resources = list(iter_resources(out))
    for r in resources:
        validate(r)
    if suffix == ".json":
        validate(json.loads(out.read_text()))  # the streamed Bundle is one valid resource
    types = {r.answer_type for r in rows}
    back = rows_from_fhir(resources, answer_types={r.concept_id: r.answer_type for r in rows})
    assert back == rows + other and types == {"span", "yes_no", "number", "date"}


def test_corpus_out_of_order_and_bad_tables_are_clear_errors(tmp_path):
    table = write_table(tmp_path / "facts.parquet", example_rows())
    with pytest.raises(DataError, match="not in the corpus"):
        list(iter_note_facts([table], lambda: iter([Note("other", "x")])))
    # the same note id with other text: the offsets would point at other words
    with pytest.raises(DataError, match="is not at"):
        list(iter_note_facts([table], lambda: iter([Note(NOTE.id, "Edited. " + NOTE.text)])))
    import pyarrow as pa
    import pyarrow.parquet as pq
    pq.write_table(pa.table({"note_id": ["n"], "concept_id": ["c"], "answer": ["x"], "start": ["abc"], "end": [3]}),
                   tmp_path / "types.parquet")
    with pytest.raises(DataError, match="must be numbers"):
        list(iter_note_facts([tmp_path / "types.parquet"]))
    mixed = write_table(tmp_path / "mixed.parquet", [row("a"), replace(row("b"), note_id="z"), row("c")])
    with pytest.raises(DataError, match="not together"):
        list(iter_note_facts([mixed]))
    (tmp_path / "bad.parquet").write_text("not parquet")
    with pytest.raises(DataError, match="not a Parquet table"):
        list(iter_note_facts([tmp_path / "bad.parquet"]))
    with pytest.raises(UsageError, match=".ndjson"):
        write_fhir(iter([]), tmp_path / "out.xml")


def test_export_fhir_cli_adds_the_notes_and_their_patient(tmp_path, capsys):
    from clinqa.data import write_notes

    corpus = tmp_path / "notes.jsonl"
    write_notes([Note("skipped", "No rows for me."), Note(NOTE.id, NOTE.text, {"patient_id": "p-7"})], corpus)
    table = write_table(tmp_path / "facts.parquet", example_rows())
    out = tmp_path / "bundle.json"
    code, cap = run_json(["export", "fhir", str(table), "-o", str(out), "-n", str(corpus), "-q", "discharge-summary",
                          "--resources", "all", "--json"], capsys)
    assert code == 0, cap.err
    result = json.loads(cap.out)
    assert result["resources"]["DocumentReference"] == 1 and result["resources"]["Condition"] == 1
    bundle = json.loads(out.read_text())
    validate(bundle)
    doc = bundle["entry"][0]["resource"]
    import base64
    assert base64.b64decode(doc["content"][0]["attachment"]["data"]).decode() == NOTE.text
    qr = bundle["entry"][1]["resource"]
    assert qr["questionnaire"] == "urn:clinqa:questionnaire:discharge-summary"
    assert qr["subject"] == {"reference": "Patient/p-7"}
    code, cap = run_json(["export", "fhir", str(table), "-o", str(out), "--resources", "Procedure"], capsys)
    assert code == 2 and "Procedure" in cap.err


def test_shipped_example_bundle_validates():
    folder = ROOT / "examples" / "fhir"
    bundle = json.loads((folder / "examples.bundle.json").read_text())
    validate(bundle)
    for entry in bundle["entry"]:
        validate(entry["resource"])
    validate(json.loads((folder / "discharge-summary.questionnaire.json").read_text()))
    types = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert {"DocumentReference", "QuestionnaireResponse"} <= types


# --- with a (tiny random) model: `clinqa extract --to fhir`, `POST /v1/extract?to=fhir` ------------

from tests.serve.test_app import _client  # noqa: E402


def test_extract_writes_fhir_ndjson_beside_the_parquet(qa_folder, tmp_path, capsys):
    from clinqa.data import write_notes

    corpus = tmp_path / "notes.jsonl"
    write_notes([NOTE, Note("n2", "No acute disease. Lungs are clear.")], corpus)
    fq = tmp_path / "radiology.json"
    fq.write_text(json.dumps(to_fhir_questionnaire(load_questionnaire("radiology-report"))))
    out = tmp_path / "facts.ndjson"
    code, cap = run_json(["extract", "-q", str(fq), "-n", str(corpus), "-o", str(out), "--model", str(qa_folder[0]),
                          "--json"], capsys)
    assert code == 0, cap.err
    result = json.loads(cap.out)
    assert result["out"] == str(tmp_path / "facts.parquet") and result["fhir"]["notes"] == 2
    resources = list(iter_resources(out))
    for r in resources:
        validate(r)
    assert [r["resourceType"] for r in resources] == ["DocumentReference", "QuestionnaireResponse"] * 2
    back = rows_from_fhir(resources, {c.id: c.answer_type for c in load_questionnaire(fq).concepts})
    table = [replace(r.row) for nf in iter_note_facts([tmp_path / "facts.parquet"]) for r in nf.facts]
    assert back == table


def test_extract_route_returns_a_fhir_bundle(qa_folder):
    with _client(qa_folder) as c:
        r = c.post("/v1/extract?to=fhir", json={"note": NOTE.text, "questionnaire": "radiology-report"})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("application/fhir+json")
        bundle = r.json()
        validate(bundle)
        qr = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "QuestionnaireResponse")
        n = len(load_questionnaire("radiology-report").concepts)
        assert n >= 22 and len(qr["item"]) == n and qr["questionnaire"].endswith("radiology-report")
        r = c.post("/v1/extract?to=xml", json={"note": NOTE.text, "questionnaire": "radiology-report"})
        assert r.status_code == 422
