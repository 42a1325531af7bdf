"""Extraction rows as FHIR R4: a `QuestionnaireResponse` per note, and optionally `Condition`,
`MedicationStatement`, `AllergyIntolerance` and `Observation` resources for coded answers; as a
Bundle (collection) or as NDJSON (FHIR Bulk Data: one resource per line), written as they are made.

Only a definite answer is written as an answer value (`valueBoolean`/`valueQuantity`/`valueDate`/
`valueString`/`valueCoding`); a yes/no "no" is `valueBoolean: false`. A negated, uncertain,
family-history or unanswered item carries no answer value at all, so a consumer that ignores
extensions can never read it as positive; its status and evidence sit in the extensions:

- `http://hl7.org/fhir/StructureDefinition/derivation-reference` (FHIR extensions pack): the
  DocumentReference of the note, `offset` and `length` in characters of its decoded text;
- `urn:clinqa:fhir:extraction`: status, answer text, score, assertion, category, sentence id,
  normalised value, model, and the reason for no answer where the table gives one.

`rows_from_fhir` reads both back into `ExtractionRow`s: the round trip is tested.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from clinqa.data.fhir import document_reference, fhir_id
from clinqa.errors import DataError, UsageError
from clinqa.export.rows import ROW_FIELDS, Fact, NoteFacts, atomic_output, patient_of
from clinqa.extract.rows import ExtractionRow
from clinqa.questionnaire.fhir import CANONICAL_BASE, DRUG_SYSTEM, ICD10CM_SYSTEM
from clinqa.types import Note

DERIVATION = "http://hl7.org/fhir/StructureDefinition/derivation-reference"
EXTRACTION = "urn:clinqa:fhir:extraction"
NOTE_ID_SYSTEM = "urn:clinqa:note"
CONCEPT_SYSTEM = "urn:clinqa:concept"
# Drug codes from the drug-named-entity-recognition lexicon: DrugBank first, else MeSH, else MedlinePlus.
DRUG_SYSTEMS = (("DB", "https://go.drugbank.com/drugs"), ("D", "http://id.nlm.nih.gov/mesh"),
                ("C", "http://id.nlm.nih.gov/mesh"), ("a", "https://medlineplus.gov/druginfo/meds"))
RESOURCES = ("QuestionnaireResponse", "Condition", "MedicationStatement", "AllergyIntolerance", "Observation")
_VER = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
_ALLERGY_VER = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"
_ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"
_ALLERGY = re.compile(r"allerg", re.I)
_FHIR_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


def drug_system(code: str) -> str:
    for prefix, system in DRUG_SYSTEMS:
        if re.fullmatch(re.escape(prefix) + r"\d+", code):
            return system
    return DRUG_SYSTEM


def coding(row: ExtractionRow) -> dict | None:
    if not row.code:
        return None
    system = ICD10CM_SYSTEM if row.code_system == "icd10cm" else drug_system(row.code)
    out = {"system": system, "code": row.code}
    if row.code_display:
        out["display"] = row.code_display
    return out


def parse_resources(spec: str) -> tuple[str, ...]:
    """'all', or a comma list of resource types; QuestionnaireResponse is always written."""
    if spec.strip().lower() == "all":
        return RESOURCES
    wanted = tuple(dict.fromkeys(s.strip() for s in spec.split(",") if s.strip()))
    unknown = [w for w in wanted if w not in RESOURCES]
    if unknown:
        raise UsageError(f"unknown FHIR resource type(s) {', '.join(unknown)}; expected 'all' or some of "
                         + ", ".join(RESOURCES))
    return tuple(dict.fromkeys(("QuestionnaireResponse", *wanted)))


# --- one note -> resources --------------------------------------------------------------------

def _doc_ref(nf: NoteFacts) -> str:
    return f"DocumentReference/{fhir_id(nf.note_id)}"


def _subject(nf: NoteFacts) -> dict:
    if nf.patient_id:
        return {"reference": f"Patient/{fhir_id(nf.patient_id)}"}
    # Condition/MedicationStatement need a subject; the table does not know the patient.
    return {"display": f"the patient of note {nf.note_id}"}


def _provenance(nf: NoteFacts, fact: Fact) -> list[dict]:
    r = fact.row
    ext = []
    if fact.has_span:
        ext.append({"url": DERIVATION, "extension": [
            {"url": "reference", "valueReference": {"reference": _doc_ref(nf)}},
            {"url": "path", "valueString": "DocumentReference.content.attachment"},
            {"url": "offset", "valueInteger": r.start},
            {"url": "length", "valueInteger": r.end - r.start}]})
    parts = [("status", "valueCode", fact.status), ("text", "valueString", r.answer),
             ("score", "valueDecimal", float(r.score)), ("assertion", "valueCode", r.assertion),
             ("category", "valueString", r.category), ("sentence", "valueString", r.sentence_id),
             ("value", "valueString", r.value), ("model", "valueString", r.model),
             ("reason", "valueString", fact.reason)]
    ans = _answer(fact) or {}
    # A negated diagnosis keeps its code, a refuted number its quantity: here, not as an answer.
    if r.code and "valueCoding" not in ans:
        parts.append(("coding", "valueCoding", coding(r)))
    if r.value_number is not None and "valueQuantity" not in ans:
        parts.append(("quantity", "valueQuantity", _quantity(r)))
    ext.append({"url": EXTRACTION, "extension": [{"url": k, t: v} for k, t, v in parts if v not in (None, "")]})
    return ext


def _quantity(r: ExtractionRow) -> dict:
    return {"value": r.value_number, **({"unit": r.unit} if r.unit else {})}


def _answer(fact: Fact) -> dict | None:
    """The typed answer value, only for a definite answer (a yes/no 'no' is definite: false)."""
    r, status = fact.row, fact.status
    if r.answer_type == "yes_no":
        if status == "negated" and (r.value or "").lower() == "no":
            return {"valueBoolean": False}
        return {"valueBoolean": True} if status == "present" else None
    if status != "present":
        return None
    if r.answer_type == "number":
        if r.value_number is None:
            return None
        return {"valueQuantity": _quantity(r)}
    if r.answer_type == "date":
        # FHIR dates are YYYY, YYYY-MM or YYYY-MM-DD; anything else stays in the extension only.
        return {"valueDate": r.value} if r.value and _FHIR_DATE.fullmatch(r.value) else None
    c = coding(r)
    if c:
        return {"valueCoding": c}
    return {"valueString": r.value or r.answer}


def questionnaire_response(nf: NoteFacts, questionnaire_id: str | None = None) -> dict:
    items = []
    by_concept: dict[str, dict] = {}
    for fact in nf.facts:
        r = fact.row
        ans = _answer(fact)
        if r.concept_id in by_concept:  # a list concept's further items: more answers of one item
            if ans:
                by_concept[r.concept_id].setdefault("answer", []).append(ans)
            continue
        item: dict = {"extension": _provenance(nf, fact), "linkId": r.concept_id}
        if r.question:
            item["text"] = r.question
        if ans:
            item["answer"] = [ans]
        items.append(item)
        by_concept[r.concept_id] = item
    qr: dict = {"resourceType": "QuestionnaireResponse",
                "id": fhir_id(f"{nf.note_id}--{questionnaire_id or Path(nf.table).stem}"),
                "identifier": {"system": NOTE_ID_SYSTEM, "value": nf.note_id},
                "status": "completed"}
    if questionnaire_id:
        qr["questionnaire"] = CANONICAL_BASE + questionnaire_id
    if nf.patient_id:
        qr["subject"] = _subject(nf)
    qr["item"] = items
    return qr


def _clinical(nf: NoteFacts, fact: Fact, wanted: tuple[str, ...]) -> dict | None:
    r, status = fact.row, fact.status
    if status not in ("present", "negated", "uncertain"):
        return None  # family history, not mentioned, no answer: nothing about this patient to state
    rid = fhir_id(f"{nf.note_id}--{r.concept_id}")
    common = {"id": rid, "extension": _provenance(nf, fact)}
    c = coding(r)
    if c and r.code_system == "icd10cm" and "Condition" in wanted:
        ver = {"present": "confirmed", "negated": "refuted", "uncertain": "provisional"}[status]
        return {"resourceType": "Condition", **common,
                "verificationStatus": {"coding": [{"system": _VER, "code": ver}]},
                "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-category",
                                          "code": "encounter-diagnosis"}]}],
                "code": {"coding": [c], "text": r.answer}, "subject": _subject(nf),
                "evidence": [{"detail": [{"reference": _doc_ref(nf)}]}]}
    if c and r.code_system == "drug" and _ALLERGY.search(r.concept_id) and "AllergyIntolerance" in wanted:
        # An allergy to a drug is not a statement that the patient takes it.
        ver = {"present": "confirmed", "negated": "refuted", "uncertain": "unconfirmed"}[status]
        if not nf.patient_id:
            return None  # AllergyIntolerance.patient must reference a Patient
        # R4 invariant ait-1: clinicalStatus is required unless entered-in-error (fhir.resources
        # checks structure, not invariants); a refuted allergy puts the patient at no risk.
        clinical = "inactive" if status == "negated" else "active"
        return {"resourceType": "AllergyIntolerance", **common,
                "clinicalStatus": {"coding": [{"system": _ALLERGY_CLINICAL, "code": clinical}]},
                "verificationStatus": {"coding": [{"system": _ALLERGY_VER, "code": ver}]},
                "category": ["medication"], "code": {"coding": [c], "text": r.answer}, "patient": _subject(nf)}
    if c and r.code_system == "drug" and not _ALLERGY.search(r.concept_id) and "MedicationStatement" in wanted:
        st = {"present": "active", "negated": "not-taken", "uncertain": "unknown"}[status]
        return {"resourceType": "MedicationStatement", **common, "status": st,
                "medicationCodeableConcept": {"coding": [c], "text": r.answer}, "subject": _subject(nf),
                "derivedFrom": [{"reference": _doc_ref(nf)}]}
    if r.answer_type == "number" and r.value_number is not None and status == "present" and "Observation" in wanted:
        obs = {"resourceType": "Observation", **common, "status": "final",
               "code": {"coding": [{"system": CONCEPT_SYSTEM, "code": r.concept_id}], "text": r.question or r.concept_id},
               "valueQuantity": _quantity(r),
               "derivedFrom": [{"reference": _doc_ref(nf)}]}
        if nf.patient_id:
            obs["subject"] = _subject(nf)
        return obs
    return None


def note_resources(nf: NoteFacts, *, questionnaire_id: str | None = None,
                   resources: tuple[str, ...] = ("QuestionnaireResponse",), with_document: bool = True) -> list[dict]:
    """The resources for one note: its DocumentReference (when the note text is known), the
    QuestionnaireResponse, then the clinical resources asked for."""
    out = []
    if with_document and nf.note is not None:
        doc = document_reference(nf.note)
        doc["id"] = fhir_id(nf.note_id)
        doc["identifier"] = [{"system": NOTE_ID_SYSTEM, "value": nf.note_id}]
        if nf.patient_id:
            doc["subject"] = _subject(nf)
        out.append(doc)
    out.append(questionnaire_response(nf, questionnaire_id))
    if len(resources) > 1:
        out.extend(r for r in (_clinical(nf, f, resources) for f in nf.facts) if r is not None)
    return out


def note_bundle(nf: NoteFacts, **kw) -> dict:
    return note_bundle_of(note_resources(nf, **kw))


def bundle_for_rows(note: Note, rows: list[dict], questionnaire_id: str | None = None) -> dict:
    """The Bundle for one note extracted in memory (`POST /v1/extract?to=fhir`): every resource type."""
    facts = tuple(Fact(ExtractionRow(**{k: d[k] for k in ROW_FIELDS if k in d})) for d in rows)
    nf = NoteFacts(note.id, questionnaire_id or "extract", facts, patient_of(note.metadata), note)
    return note_bundle(nf, questionnaire_id=questionnaire_id, resources=RESOURCES)


# --- many notes -> a file, streamed ------------------------------------------------------------

def write_fhir(groups: Iterable[NoteFacts], out: str | Path, *, questionnaire_id: str | None = None,
               resources: tuple[str, ...] = ("QuestionnaireResponse",), per_note: bool = False) -> dict:
    """`.ndjson`: one resource per line (FHIR Bulk Data), or one Bundle per note with `per_note`;
    `.json`: one collection Bundle. Written note by note to a temporary name, then renamed."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".ndjson", ".json"):
        raise UsageError(f"FHIR output must end in .ndjson (bulk, one resource a line) or .json (a Bundle), got {out.name!r}")
    counts: Counter = Counter()
    notes = 0
    with atomic_output(out) as f:
        if suffix == ".json":
            f.write('{"resourceType": "Bundle", "type": "collection", "entry": [')
        first = True
        for nf in groups:
            notes += 1
            res = note_resources(nf, questionnaire_id=questionnaire_id, resources=resources)
            counts.update(r["resourceType"] for r in res)
            if suffix == ".ndjson":
                lines = [note_bundle_of(res)] if per_note else res
                f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in lines)
            else:
                for r in res:
                    f.write(("\n" if first else ",\n") + json.dumps({"resource": r}, ensure_ascii=False))
                    first = False
        if suffix == ".json":
            f.write("\n]}\n")
    return {"out": str(out), "notes": notes, "resources": dict(counts)}


def note_bundle_of(resources: list[dict]) -> dict:
    return {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in resources]}


# --- FHIR -> rows (the round trip) -------------------------------------------------------------

def iter_resources(path: str | Path) -> Iterator[dict]:
    """Resources of an NDJSON file (resources or Bundles per line) or a Bundle/resource JSON."""
    p = Path(path)
    if not p.is_file():
        raise DataError("FHIR file not found", source=str(p))
    if p.suffix.lower() == ".ndjson":
        with p.open(encoding="utf-8") as f:
            for n, line in enumerate(f, start=1):
                if line.strip():
                    try:
                        yield from _unbundle(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise DataError(f"not JSON: {exc.msg}", source=str(p), where=f"line {n}") from None
    else:
        try:
            doc = json.loads(p.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise DataError(f"not JSON: {exc.msg}", source=str(p), where=f"line {exc.lineno}") from None
        yield from _unbundle(doc)


def _unbundle(res: dict) -> Iterator[dict]:
    if res.get("resourceType") == "Bundle":
        for e in res.get("entry") or []:
            yield from _unbundle(e["resource"])
    else:
        yield res


def _ext(exts: list[dict] | None, url: str) -> dict[str, object]:
    for e in exts or []:
        if e.get("url") == url:
            return {s["url"]: next(v for k, v in s.items() if k.startswith("value")) for s in e.get("extension", [])}
    return {}


def rows_from_fhir(resources: Iterable[dict], answer_types: dict[str, str] | None = None) -> list[ExtractionRow]:
    """ExtractionRows from the QuestionnaireResponses among `resources` (others are passed by)."""
    rows = []
    for qr in resources:
        if qr.get("resourceType") != "QuestionnaireResponse":
            continue
        note_id = (qr.get("identifier") or {}).get("value") or qr.get("id")
        for item in qr.get("item") or []:
            x = _ext(item.get("extension"), EXTRACTION)
            d = _ext(item.get("extension"), DERIVATION)
            ans = (item.get("answer") or [{}])[0]
            number = unit = code = system = display = None
            q = ans.get("valueQuantity") or x.get("quantity")
            if q:
                number, unit = q.get("value"), q.get("unit")
            c = ans.get("valueCoding") or x.get("coding")
            if c:
                code, display = c.get("code"), c.get("display")
                system = "icd10cm" if c.get("system") == ICD10CM_SYSTEM else "drug"
            atype = (answer_types or {}).get(item["linkId"]) or _type_of(ans)
            start = int(d["offset"]) if "offset" in d else -1
            rows.append(ExtractionRow(
                note_id=note_id, concept_id=item["linkId"], question=item.get("text", ""), answer=x.get("text"),
                start=start, end=start + int(d["length"]) if "length" in d else -1, score=float(x.get("score", 0.0)),
                category=x.get("category"), assertion=x.get("assertion"), sentence_id=x.get("sentence"),
                answer_type=atype, value=x.get("value"), value_number=number, unit=unit, code=code,
                code_system=system, code_display=display, model=x.get("model", "unknown"),
                reason=x.get("reason")))
    return rows


def _type_of(ans: dict) -> str:
    if "valueBoolean" in ans:
        return "yes_no"
    if "valueQuantity" in ans:
        return "number"
    if "valueDate" in ans:
        return "date"
    return "span"
