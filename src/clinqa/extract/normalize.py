"""Answer values: numbers with units, dates, yes/no from the ConText assertion, and codes
(ICD-10-CM through simple-icd-10-cm, drugs through the drug-named-entity-recognition lexicon)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from clinqa.lexicon.icd10cm import icd10_code
from clinqa.questionnaire import Concept
from clinqa.text.values import parse_date, parse_number, parse_ratio
from clinqa.types import Answer


@dataclass(frozen=True)
class Value:
    value: str | None = None
    number: float | None = None
    unit: str | None = None
    code: str | None = None
    code_system: str | None = None
    code_display: str | None = None


def drug_code(text: str) -> tuple[str, str] | None:
    from clinqa.lexicon.drugs import find_drugs

    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9\-]*", text)
    for drug, _, _ in find_drugs(words):
        code = drug.get("drugbank_id") or drug.get("mesh_id") or drug.get("medline_plus_id")
        if code:
            return code, drug.get("name", "")
    return None


def normalise(concept: Concept, answer: Answer, verdict=None) -> Value:
    """The row's value: the verdict for yes/no concepts (the answer policy decided it), the number
    with its unit, the ISO date; a code only when the answer is of the code system's type (a
    diagnosis for ICD-10-CM, a drug of the lexicon for drug ids, and never a negated one)."""
    if concept.answer_type == "yes_no":
        return Value(verdict.verdict if verdict is not None else None)
    if answer.is_no_answer:
        return Value()
    text = answer.value or answer.text or ""  # (a derived value: "4 days" between two dates)
    value, number, unit = text, None, None
    if concept.answer_type == "number":
        ratio = parse_ratio(text)
        parsed = None if ratio else parse_number(text)
        if ratio:
            unit = ratio[1] or concept.unit
            value = ratio[0] + (f" {unit}" if unit else "")
        elif parsed:
            number, unit = parsed
            unit = unit or concept.unit
            value = f"{number:g}" + (f" {unit}" if unit else "")
        else:
            value = None
    elif concept.answer_type == "date":
        value = parse_date(text)
    code = display = None
    if answer.assertion != "negated" and re.search(r"[a-z]", text, re.I):
        if concept.code == "icd10cm" and _is_problem(text):
            hit = icd10_code(text)
            code, display = hit if hit else (None, None)
        elif concept.code == "drug":
            hit = drug_code(text)
            code, display = hit if hit else (None, None)
    return Value(value, number, unit, code, concept.code if code else None, display)


def _is_problem(text: str) -> bool:
    """A span is coded as a diagnosis only if the weak labeler's vocabulary sees a problem in it
    and no drug or lab value: "apixaban 5 mg" or "Lipase 40" get no ICD-10-CM code."""
    from clinqa.qa.categories import WeakLabeler

    votes = WeakLabeler().votes(text)
    return bool(votes.get("Diagnosis") or votes.get("Symptoms")) and not votes.get("Medication") \
        and not votes.get("Lab Reports")
