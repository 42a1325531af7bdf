"""Offline clinical vocabularies: ICD-10-CM terms (simple-icd-10-cm) and the drug lexicon of
drug-named-entity-recognition, plus a longest-match concept finder over them.

They serve two rooms: weak answer-category labels (qa.categories) and the licence-free
MEDCON variant (evaluate.grounding), which needs concept identities rather than labels.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

WORD = re.compile(r"[a-z0-9][a-z0-9\-/]*")
LAB_NAMES = re.compile(
    r"\b(hemoglobin|haemoglobin|hgb|hct|hematocrit|wbc|white (?:blood )?cell|platelets?|plt|sodium|potassium|"
    r"chloride|bicarbonate|bun|creatinine|glucose|calcium|magnesium|phosphate|albumin|bilirubin|alt|ast|"
    r"alkaline phosphatase|troponin|bnp|inr|ptt|lactate|crp|c-reactive protein|esr|ferritin|d-dimer|"
    r"procalcitonin|hba1c|a1c|tsh|lipase|ldh|ck|il-6|interleukin|lymphocytes?|neutrophils?|pcr|rt-pcr|"
    r"antibod(?:y|ies)|igg|igm|viral load|culture|urinalysis|ct value)\b", re.I)


# Standard clinical synonyms and abbreviations: a yes/no question in one form finds the note's
# other forms ("CAD" for coronary artery disease). Ambiguous abbreviations (PE: physical exam or
# pulmonary embolism; CP; MS) are left out: a wrong match is worse than a missed one.
CLINICAL_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("coronary artery disease", "cad"), ("atrial fibrillation", "afib", "a-fib", "af"),
    ("hypertension", "htn", "high blood pressure"), ("diabetes", "diabetes mellitus", "dm", "dm2", "t2dm"),
    ("heart failure", "chf", "congestive heart failure", "hfref", "hfpef"),
    ("shortness of breath", "sob", "dyspnea", "dyspnoea", "short of breath"),
    ("hemoptysis", "coughing up blood", "cough up blood", "coughed up blood"),
    ("myocardial infarction", "heart attack", "stemi", "nstemi"), ("deep vein thrombosis", "dvt"),
    ("chronic kidney disease", "ckd"), ("acute kidney injury", "aki"), ("urinary tract infection", "uti"),
    ("chronic obstructive pulmonary disease", "copd"), ("gastroesophageal reflux", "gerd", "acid reflux"),
    ("acute coronary syndrome", "acs"), ("obstructive sleep apnea", "sleep apnea", "osa"),
    ("acute tubular necrosis", "atn"), ("gallstones", "cholelithiasis", "gallstone"),
    ("choledocholithiasis", "common bile duct stone", "stone in the common bile duct", "cbd stone"),
    ("fatty liver", "hepatic steatosis", "steatosis"), ("nausea and vomiting", "n/v"),
    ("urinary catheter", "foley", "foley catheter", "indwelling catheter"),
    ("clostridioides difficile", "c. diff", "c diff", "c. difficile", "cdiff"),
    ("nonsteroidal anti-inflammatory drugs", "nsaids", "nsaid"), ("pregnant", "pregnancy", "hcg"),
    ("fever", "febrile", "pyrexia"), ("diabetic ketoacidosis", "dka"), ("transient ischemic attack", "tia"),
    ("cerebrovascular accident", "stroke", "cva"), ("pulmonary embolism", "pulmonary emboli"),
    ("cardiomegaly", "enlarged heart", "heart is enlarged", "cardiac enlargement"),
)


def clinical_synonyms(term: str) -> tuple[str, ...]:
    """The other names of `term` in CLINICAL_SYNONYMS (none when it is in no group)."""
    t = term.strip().lower()
    out: list[str] = []
    for group in CLINICAL_SYNONYMS:
        if t in group:
            out += [g for g in group if g != t]
    return tuple(dict.fromkeys(out))


# Heads the " of "/" with " rule cuts from chapter-18 titles ("Findings of drugs ... in blood")
# that name no concept on their own.
GENERIC_HEADS = {"findings", "abnormal findings", "abnormal results", "abnormal", "elevated", "presence",
                 "nonspecific findings", "nonspecific abnormal findings", "abnormal level", "abnormal levels"}


@functools.lru_cache(maxsize=1)
def icd_index() -> dict[str, tuple[str, str]]:
    """Lower-cased ICD-10-CM term -> (label, code); label "Symptoms" (chapter 18) or "Diagnosis"
    (chapters 1-17, 19). Terms are the first clause of each category/subcategory description
    ("Pneumonia, unspecified organism" -> "pneumonia"), and for symptoms also the head before
    " of "/" with "."""
    import simple_icd_10_cm as icd

    terms: dict[str, tuple[str, str]] = {}
    for code in icd.get_all_codes(with_dots=True):
        if not icd.is_category_or_subcategory(code):
            continue
        chapter = int(icd.get_ancestors(code)[-1])
        if chapter == 18:
            label = "Symptoms"
        elif chapter <= 17 or chapter == 19:
            label = "Diagnosis"
        else:
            continue  # external causes, health-status factors, special codes
        desc = icd.get_description(code).lower()
        first = re.split(r",|\(|\[", desc)[0].strip()
        first = re.sub(r"\b(unspecified|other specified|other|unsp)\b", "", first).strip()
        cands = {first}
        if label == "Symptoms":
            cands.add(re.split(r" (?:of|with|in|and|due to|following) ", first)[0].strip())
        for t in cands:
            t = re.sub(r"\s+", " ", t)
            if len(t) >= 4 and t not in terms and t not in GENERIC_HEADS:
                terms[t] = (label, code)
    return terms


@functools.lru_cache(maxsize=1)
def icd_terms() -> dict[str, str]:
    """Lower-cased ICD-10-CM term -> "Symptoms" or "Diagnosis" (see `icd_index`)."""
    return {t: label for t, (label, _) in icd_index().items()}


def ngrams(words: list[str], n_max: int = 6):
    """Word n-grams, longest first."""
    for n in range(min(n_max, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            yield " ".join(words[i:i + n])


@functools.lru_cache(maxsize=50_000)
def has_drug(words: tuple[str, ...]) -> bool:
    return bool(drugs_in(words))


@functools.lru_cache(maxsize=50_000)
def drugs_in(words: tuple[str, ...]) -> tuple[str, ...]:
    """Canonical names of the drugs the lexicon finds among `words`."""
    if not words:
        return ()
    from drug_named_entity_recognition import find_drugs

    names = []
    for drug, _, _ in find_drugs(list(words)):
        names.append(str(drug.get("name") or drug.get("generic_names", [""])[0]).lower())
    return tuple(sorted(set(n for n in names if n)))


@dataclass(frozen=True)
class Concept:
    """A vocabulary concept found in a text: `cid` is its identity across texts (ICD code,
    drug name or lab name), `group` its semantic group."""

    cid: str
    group: str  # "disorder" | "symptom" | "drug" | "lab"
    text: str


def find_concepts(text: str) -> set[Concept]:
    """Concepts by greedy longest match of ICD-10-CM terms over word n-grams (non-overlapping),
    drug-lexicon hits and lab names."""
    words = WORD.findall(text.lower())
    index = icd_index()
    found: set[Concept] = set()
    used = [False] * len(words)
    for n in range(min(6, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            if any(used[i:i + n]):
                continue
            term = " ".join(words[i:i + n])
            hit = index.get(term)
            if hit:
                label, code = hit
                found.add(Concept(f"ICD10CM:{code}", "symptom" if label == "Symptoms" else "disorder", term))
                used[i:i + n] = [True] * n
    for name in drugs_in(tuple(words)):
        found.add(Concept(f"DRUG:{name}", "drug", name))
    for m in LAB_NAMES.finditer(text):
        name = m.group(0).lower()
        found.add(Concept(f"LAB:{name}", "lab", name))
    return found
