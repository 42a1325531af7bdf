"""Answer values: numbers with units, dates, yes/no from the ConText assertion, and codes
(ICD-10-CM through simple-icd-10-cm, drugs through the drug-named-entity-recognition lexicon)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from clinqa.extract.questionnaire import Concept
from clinqa.text.values import DATE_PATTERNS, NUMBER, UNIT, parse_date, parse_number, parse_ratio  # noqa: F401 (re-exported)
from clinqa.types import Answer

@dataclass(frozen=True)
class Value:
    value: str | None = None
    number: float | None = None
    unit: str | None = None
    code: str | None = None
    code_system: str | None = None
    code_display: str | None = None


@functools.lru_cache(maxsize=1)
def _icd_index() -> dict[str, tuple[str, str]]:
    """Lower-cased first clause of each ICD-10-CM category description -> (code, description)."""
    import simple_icd_10_cm as icd

    index: dict[str, tuple[str, str]] = {}
    for code in icd.get_all_codes(with_dots=True):
        if not icd.is_category_or_subcategory(code):
            continue
        desc = icd.get_description(code)
        # Residual categories ("Other specified diabetes mellitus") are never the code of a plain
        # mention, and a parenthesis is part of the name: cutting "Mediastinal (thymic) large B-cell
        # lymphoma" at "(" coded "the mediastinal contours" of a chest film as a lymphoma.
        if re.match(r"other\b", desc.lower()):
            continue
        # The whole name, and its head before a comma only when the rest merely qualifies it
        # ("Pneumonia, unspecified organism"): the head of a list ("Injury, poisoning and certain
        # other consequences ... complicating pregnancy") is not that code's name.
        name = re.sub(r"\s*\[[^\]]*\]", "", re.sub(r"\s*\([^)]*\)", "", desc.lower()))
        head, _, rest = name.partition(",")
        terms = [name]
        if rest and re.match(r"\s*(unspecified|not elsewhere classified|site not specified|not specified)\b", rest):
            terms.append(head)
        for term in terms:
            bare = re.sub(r"\s+", " ", re.sub(r"\bunspecified\b", "", term)).strip()
            # "Unspecified injury" is no name for the injury in "acute kidney injury".
            if bare != term.strip() and " " not in bare and term.strip().startswith("unspecified"):
                continue
            if len(bare) >= 4 and bare not in index:
                index[bare] = (code, desc)
    # Names clinicians write that the tabular list does not use (its index maps them so).
    for term, code in _ALIASES.items():
        index[term] = (code, icd.get_description(code))
    return index


_ALIASES = {"acute kidney injury": "N17.9", "aki": "N17.9", "hypertension": "I10", "htn": "I10",
            "copd": "J44.9", "chf": "I50.9", "congestive heart failure": "I50.9", "ckd": "N18.9",
            "afib": "I48.91", "uti": "N39.0", "dvt": "I82.409", "pulmonary embolism": "I26.99"}


def icd10_code(text: str) -> tuple[str, str] | None:
    words = re.findall(r"[a-z0-9][a-z0-9\-]*", text.lower())
    index = _icd_index()
    for n in range(min(8, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            hit = index.get(" ".join(words[i:i + n]))
            if hit:
                return hit
    return None


def drug_code(text: str) -> tuple[str, str] | None:
    from drug_named_entity_recognition import find_drugs

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
    text = answer.text or ""
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
