"""Weak answer-category labels without UMLS.

The seed labels answers through UMLS semantic types. Without a UMLS licence, clinqa votes over
offline vocabularies and rules, and keeps the votes as a soft distribution (an answer like
"chest x-ray showed pneumonia" is part Procedure, part Diagnosis):

- the question's template ("what medication...", "which lab...") - the strongest cue, as in emrQA;
- ICD-10-CM (simple-icd-10-cm): terms from chapter 18 (R00-R99, symptoms and signs) vote
  Symptoms, terms from the disease and injury chapters vote Diagnosis;
- the drug lexicon of drug-named-entity-recognition votes Medication;
- lab names and value-with-unit patterns vote Lab Reports;
- procedure words and suffixes (-ectomy, -scopy, ...) vote Procedure.

An answer no rule speaks for is "Other". With scispaCy's UMLS linker installed and its files
present, `UmlsLabeler` maps semantic types instead (optional; imported lazily).
"""

from __future__ import annotations

import re

from clinqa.text.vocab import LAB_NAMES, has_drug, icd_terms, ngrams
from clinqa.types import CATEGORIES

OTHER = "Other"
LABELS = (*CATEGORIES, OTHER)

QUESTION_RULES: list[tuple[str, re.Pattern]] = [
    ("Medication", re.compile(r"\b(medications?|medicines?|drugs?|doses?|dosages?|prescri\w*|antibiotics?|"
                              r"vaccines?|antivirals?|inhibitors?|taking|pills?)\b", re.I)),
    ("Lab Reports", re.compile(r"\b(labs?|laboratory|levels?|values?|counts?|concentrations?|titers?|titres?|"
                               r"results? of|blood tests?|assays?|(?:hemoglobin|creatinine|potassium|sodium|"
                               r"glucose|troponin|inr)\b)", re.I)),
    ("Procedure", re.compile(r"\b(procedures?|surger(?:y|ies)|operations?|underwent|undergo|interventions?|"
                             r"imaging|scans?|x-?rays?|ct|mri|biops(?:y|ies)|performed|technique|method)\b", re.I)),
    ("Symptoms", re.compile(r"\b(symptoms?|complain\w*|present(?:s|ed)? with|signs?|experienc\w*|feel\w*|"
                            r"manifestations?)\b", re.I)),
    ("Diagnosis", re.compile(r"\b(diagnos\w*|diseases?|conditions?|disorders?|infections?|illness\w*|"
                             r"history of|problems?|comorbidit\w*|syndromes?)\b", re.I)),
]

LAB_VALUE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:mg/dl|g/dl|mmol/l|meq/l|u/l|iu/l|ng/ml|pg/ml|mcg/l|µg/l|ug/l|mm\s?hg|/µl|/ul|/mm3|"
    r"x\s?10\^?\d+|cells/\w+|copies/ml|%)", re.I)
PROCEDURE = re.compile(
    r"\b(\w+(?:ectomy|otomy|ostomy|plasty|scopy|graphy|centesis|rrhaphy|pexy)|surgery|operation|transplant\w*|"
    r"intubat\w*|mechanical ventilation|ventilat\w*|dialysis|hemodialysis|catheteri[sz]ation|biops(?:y|ies)|"
    r"x-?ray|radiograph|ct(?: scan)?|computed tomography|mri|ultrasound|echocardiogra\w*|ecg|ekg|stent\w*|"
    r"bypass|cabg|transfusion|resection|ecmo|cpr|resuscitation|suture|drainage|injection|infusion|"
    r"vaccination|immuni[sz]ation)\b", re.I)

WEIGHTS = {"question": 2.0, "drug": 1.5, "icd": 1.0, "lab": 1.0, "procedure": 1.0}
SMOOTHING = 0.05


class WeakLabeler:
    """`label(answer, question) -> {category: probability}` over LABELS, summing to 1."""

    def __init__(self, labels: tuple[str, ...] = LABELS):
        self.labels = labels

    def votes(self, answer: str, question: str = "") -> dict[str, float]:
        v: dict[str, float] = {}

        def add(label: str, w: float) -> None:
            if label in self.labels:
                v[label] = v.get(label, 0.0) + w

        q = question or ""
        for label, pat in QUESTION_RULES:
            if pat.search(q):
                add(label, WEIGHTS["question"])
                break  # the first template that fires decides; later ones are less specific
        words = re.findall(r"[a-z0-9][a-z0-9\-/]*", answer.lower())
        if has_drug(tuple(words)):
            add("Medication", WEIGHTS["drug"])
        if LAB_NAMES.search(answer) or LAB_VALUE.search(answer):
            add("Lab Reports", WEIGHTS["lab"])
        if PROCEDURE.search(answer):
            add("Procedure", WEIGHTS["procedure"])
        terms = icd_terms()
        for g in ngrams(words):
            if g in terms:
                add(terms[g], WEIGHTS["icd"])
                break  # the longest matching term speaks for the answer
        return v

    def label(self, answer: str, question: str = "") -> dict[str, float]:
        v = self.votes(answer, question)
        if not v:
            other = OTHER if OTHER in self.labels else self.labels[0]
            return {c: (1.0 if c == other else 0.0) for c in self.labels}
        known = [c for c in self.labels if c != OTHER]
        raw = {c: v.get(c, 0.0) + (SMOOTHING if c in known else 0.0) for c in self.labels}
        total = sum(raw.values())
        return {c: raw[c] / total for c in self.labels}

    def hard_label(self, answer: str, question: str = "") -> str:
        d = self.label(answer, question)
        return max(self.labels, key=lambda c: (d[c], -self.labels.index(c)))


class UmlsLabeler:  # pragma: no cover - needs scispaCy and its UMLS files
    """Semantic types through scispaCy's UMLS linker, when the user has it."""

    TUI = {"T047": "Diagnosis", "T191": "Diagnosis", "T046": "Diagnosis", "T184": "Symptoms", "T121": "Medication",
           "T200": "Medication", "T195": "Medication", "T061": "Procedure", "T060": "Lab Reports",
           "T059": "Lab Reports", "T034": "Lab Reports"}

    def __init__(self):
        import scispacy  # noqa: F401
        import spacy
        from scispacy.linking import EntityLinker  # noqa: F401

        self.nlp = spacy.load("en_core_sci_sm")
        self.nlp.add_pipe("scispacy_linker", config={"linker_name": "umls", "resolve_abbreviations": True})
        self.linker = self.nlp.get_pipe("scispacy_linker")
        self.fallback = WeakLabeler()

    def label(self, answer: str, question: str = "") -> dict[str, float]:
        v: dict[str, float] = {}
        for ent in self.nlp(answer).ents:
            for cui, _ in ent._.kb_ents[:1]:
                for tui in self.linker.kb.cui_to_entity[cui].types:
                    if tui in self.TUI:
                        v[self.TUI[tui]] = v.get(self.TUI[tui], 0.0) + 1.0
        if not v:
            return self.fallback.label(answer, question)
        total = sum(v.values())
        return {c: v.get(c, 0.0) / total for c in LABELS}


def get_labeler():
    """The UMLS labeler when scispaCy and its linker files are present, else the weak labeler."""
    try:
        return UmlsLabeler()
    except Exception:  # scispaCy missing, or its models/files are not there: the usual case
        return WeakLabeler()
