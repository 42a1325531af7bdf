"""emrQA-style question generation from any note collection (`clinqa synth qa`).

emrQA (Pampari et al., 2018) was built by filling question templates from existing annotations
of i2b2 notes. Without annotations, clinqa fills the templates from what it finds offline in
the text itself:

- drugs from the drug lexicon (drug-named-entity-recognition), with dose, route and frequency
  read from the rest of the drug's line ("lisinopril 10 mg PO daily"), and a reason when the
  same stretch says "for <problem>";
- problems and symptoms from ICD-10-CM terms (simple-icd-10-cm) plus a short list of common
  problems and abbreviations the ICD titles miss (HTN, CAD, DVT, GERD, ...); medspaCy ConText
  and the section decide how each mention may be asked about: present -> the mention answers
  "Does the patient have X?" ("yes"), negated -> the negation phrase answers it ("no"), family
  history -> the question about the patient is unanswerable;
- labs with values and units (also MIMIC-III dumps such as "Creat-1.4*"); with several values
  the question names admission / discharge (or first / most recent);
- procedures, imaging results ("CXR showed ..."), radiology impressions, chief complaints and
  medication lists;
- unanswerable questions about drugs, problems, labs and procedures absent from the note.

Each question carries its gold category (the reader's category head), an answer type and,
for yes/no questions, the verdict (yes / no / not_mentioned). Output is SQuAD v2.0 JSON plus
`category`, `answer_type`, `verdict` and `template` per question (`read_squad` reads it back).
"""

from __future__ import annotations

import bisect
import functools
import logging
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from itertools import islice
from pathlib import Path

from clinqa.errors import DataError
from clinqa.types import ANSWER_TYPES, CATEGORIES, Note, QAExample, Span

log = logging.getLogger(__name__)

SLOTS = ("drug", "problem", "symptom", "lab", "procedure", "imaging")
TEMPLATE_KEYS = (
    "dosage", "frequency", "route", "reason", "medication_list", "problem", "symptom", "presenting_symptom",
    "lab_value", "lab_admission", "lab_discharge", "lab_first", "lab_last", "procedure", "procedure_list",
    "imaging_result", "impression", "drug_taking",
)


# ------------------------------------------------------------------------------ templates
@dataclass(frozen=True)
class Template:
    key: str
    category: str
    answer_type: str
    paraphrases: tuple[str, ...]

    def fill(self, paraphrase: str, **slots: str) -> str:
        for name, value in slots.items():
            paraphrase = paraphrase.replace(f"|{name}|", value)
        if "|" in paraphrase:
            raise DataError(f"template {self.key!r}: unfilled slot in {paraphrase!r}", source="templates")
        return re.sub(r"\ba (?=[aeiou])", "an ", paraphrase)  # "a |procedure|" + "appendectomy"


def load_templates(path: str | Path | None = None) -> dict[str, Template]:
    """The packaged templates, or a user's YAML file with the same keys (missing keys fall back
    to the packaged ones, so a file may override only a few)."""
    import yaml

    packaged = resources.files("clinqa.train").joinpath("synth_templates.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(packaged)
    if path is not None:
        from clinqa.data._io import read_yaml_mapping

        user = read_yaml_mapping(path, missing="templates file not found", invalid="templates are not valid YAML",
                                 mapping="templates must be a YAML mapping of template keys")
        unknown = sorted(set(user) - set(TEMPLATE_KEYS))
        if unknown:
            raise DataError(f"unknown template keys {unknown}; known: {', '.join(TEMPLATE_KEYS)}", source=str(path))
        for key, spec in user.items():
            data[key] = {**data[key], **(spec or {})}
    out = {}
    for key in TEMPLATE_KEYS:
        spec = data.get(key) or {}
        where = str(path or "synth_templates.yaml")
        para = spec.get("paraphrases")
        if not isinstance(para, list) or not para or not all(isinstance(x, str) and x.strip() for x in para):
            raise DataError(f"template {key!r} needs a non-empty list of paraphrases", source=where)
        if spec.get("category") not in CATEGORIES:
            raise DataError(f"template {key!r}: category must be one of {', '.join(CATEGORIES)}", source=where)
        if spec.get("answer_type") not in ANSWER_TYPES:
            raise DataError(f"template {key!r}: answer_type must be one of {', '.join(ANSWER_TYPES)}", source=where)
        for x in para:
            bad = set(re.findall(r"\|(\w+)\|", x)) - set(SLOTS)
            if bad:
                raise DataError(f"template {key!r}: unknown slot(s) {sorted(bad)} in {x!r}", source=where)
        out[key] = Template(key, spec["category"], spec["answer_type"], tuple(para))
    return out


# ------------------------------------------------------------------------------ lexicons
# Common problems whose ICD-10-CM titles do not read as clinicians write them ("coronary
# artery disease" is I25.10 "Atherosclerotic heart disease of native coronary artery"), and
# abbreviations. Canonical name -> (category, surface forms). Forms in upper case match case-
# sensitively as whole words.
COMMON_PROBLEMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "hypertension": ("Diagnosis", ("hypertension", "HTN", "high blood pressure")),
    "type 2 diabetes mellitus": ("Diagnosis", ("type 2 diabetes mellitus", "type 2 diabetes", "diabetes mellitus",
                                               "diabetes", "DM2", "T2DM", "DM", "NIDDM")),
    "hyperlipidemia": ("Diagnosis", ("hyperlipidemia", "HLD", "dyslipidemia", "high cholesterol")),
    "coronary artery disease": ("Diagnosis", ("coronary artery disease", "CAD")),
    "atrial fibrillation": ("Diagnosis", ("atrial fibrillation", "AFib", "afib", "a-fib")),
    "congestive heart failure": ("Diagnosis", ("congestive heart failure", "heart failure", "CHF", "HFrEF", "HFpEF")),
    "chronic kidney disease": ("Diagnosis", ("chronic kidney disease", "CKD")),
    "chronic obstructive pulmonary disease": ("Diagnosis", ("chronic obstructive pulmonary disease", "COPD")),
    "gastroesophageal reflux disease": ("Diagnosis", ("gastroesophageal reflux disease", "GERD", "acid reflux")),
    "major depressive disorder": ("Diagnosis", ("major depressive disorder", "depression", "MDD")),
    "obstructive sleep apnea": ("Diagnosis", ("obstructive sleep apnea", "OSA")),
    "cirrhosis": ("Diagnosis", ("cirrhosis",)),
    "benign prostatic hyperplasia": ("Diagnosis", ("benign prostatic hyperplasia", "BPH")),
    "peripheral neuropathy": ("Diagnosis", ("peripheral neuropathy", "neuropathy")),
    "pneumonia": ("Diagnosis", ("community-acquired pneumonia", "pneumonia", "PNA", "CAP")),
    "urinary tract infection": ("Diagnosis", ("urinary tract infection", "UTI")),
    "deep vein thrombosis": ("Diagnosis", ("deep vein thrombosis", "deep venous thrombosis", "DVT")),
    "pulmonary embolism": ("Diagnosis", ("pulmonary embolism", "pulmonary emboli")),
    "acute kidney injury": ("Diagnosis", ("acute kidney injury", "AKI", "acute renal failure", "ARF")),
    "gastrointestinal bleed": ("Diagnosis", ("upper gastrointestinal bleed", "gastrointestinal bleed", "GI bleed", "UGIB")),
    "stroke": ("Diagnosis", ("ischemic stroke", "stroke", "CVA")),
    "pancreatitis": ("Diagnosis", ("acute pancreatitis", "pancreatitis")),
    "myocardial infarction": ("Diagnosis", ("myocardial infarction", "heart attack", "MI", "NSTEMI", "STEMI")),
    "breast cancer": ("Diagnosis", ("breast cancer",)),
    "colon cancer": ("Diagnosis", ("colon cancer",)),
    "prostate cancer": ("Diagnosis", ("prostate cancer",)),
    "osteoporosis": ("Diagnosis", ("osteoporosis",)),
    "anxiety": ("Diagnosis", ("anxiety",)),
    "shortness of breath": ("Symptoms", ("shortness of breath", "SOB", "dyspnea on exertion", "DOE")),
    "chest pain": ("Symptoms", ("chest pain",)),
    "leg swelling": ("Symptoms", ("leg swelling", "lower extremity swelling")),
    "back pain": ("Symptoms", ("back pain",)),
    "abdominal pain": ("Symptoms", ("abdominal pain", "abd pain")),
    "confusion": ("Symptoms", ("confusion", "altered mental status", "AMS")),
}
# Abbreviations too ambiguous to *find* (PE is also "physical exam"), but whose presence still
# keeps the concept from being asked about as absent.
AMBIGUOUS_FORMS = {"pulmonary embolism": ("PE",), "atrial fibrillation": ("AF",), "osteoarthritis": ("OA",)}
# ICD-10-CM first-clause terms that are ordinary words in notes, not findings about the patient.
ICD_STOP = {"pain", "fall", "other", "contact", "complication", "disease", "injury", "disorder", "abnormal",
            "symptoms", "problems", "history", "encounter", "observation", "examination", "screening",
            "carrier", "unknown", "fever", "follow-up", "sequelae", "stress", "care", "changes", "illness",
            "status", "state", "condition", "health", "findings", "process", "course", "acute", "chronic",
            "mild", "severe", "moderate", "primary", "secondary", "multiple", "single", "recurrent"}
# ICD-10-CM does list some (fever is R50.9 "Fever, unspecified") - kept as symptoms through
# the supplement below instead of the stop list's generic reading.
COMMON_SYMPTOMS = ("fever", "chills", "cough", "nausea", "vomiting", "headache", "dizziness", "fatigue",
                   "palpitations", "syncope", "diarrhea", "wheezing", "dysuria", "weakness", "hemoptysis", "rash")
for _s in COMMON_SYMPTOMS:
    COMMON_PROBLEMS.setdefault(_s, ("Symptoms", (_s,)))

# Lab canonical name -> surface forms (upper-case forms case-sensitive; MIMIC-III dump names).
LABS: dict[str, tuple[str, ...]] = {
    "creatinine": ("creatinine", "creat", "Cr", "Creat"),
    "hemoglobin": ("hemoglobin", "haemoglobin", "Hgb", "Hb", "HGB"),
    "hematocrit": ("hematocrit", "Hct", "HCT"),
    "white blood cell count": ("white blood cell count", "white count", "WBC"),
    "platelets": ("platelet count", "platelets", "Plt Ct", "Plt", "PLT"),
    "sodium": ("sodium", "Na"),
    "potassium": ("potassium", "K"),
    "chloride": ("chloride", "Cl"),
    "bicarbonate": ("bicarbonate", "HCO3", "Bicarb"),
    "glucose": ("glucose", "blood sugar", "BG"),
    "BUN": ("blood urea nitrogen", "BUN", "UreaN"),
    "troponin": ("troponin", "trop", "TnT", "cTropnT", "TnI"),
    "BNP": ("pro-BNP", "BNP", "proBNP", "NT-proBNP"),
    "INR": ("INR(PT)", "INR"),
    "lactate": ("lactic acid", "lactate", "Lactate"),
    "hemoglobin A1c": ("hemoglobin A1c", "HbA1c", "%HbA1c", "A1c"),
    "TSH": ("TSH",),
    "ALT": ("ALT",),
    "AST": ("AST",),
    "albumin": ("albumin",),
    "magnesium": ("magnesium", "Mg"),
    "calcium": ("calcium", "Ca"),
    "lipase": ("lipase",),
    "CRP": ("C-reactive protein", "CRP"),
    "ferritin": ("ferritin",),
    "d-dimer": ("d-dimer", "D-dimer"),
}
MIMIC_LAB_CODES = {"UreaN", "Creat", "cTropnT", "proBNP", "Plt Ct", "INR(PT)", "%HbA1c", "Lactate"}
UNITS = r"(?:mg/dL|g/dL|K/uL|x10\^?9/L|mEq/L|mmol/L|ng/mL|ng/dL|pg/mL|mIU/L|uIU/mL|U/L|IU/L|mg/L|%)"
DOSE = re.compile(r"\b\d+(?:\.\d+)?(?:\s*-\s*\d+(?:\.\d+)?)?\s?(?:mg/kg|mg|mcg|g|units?|mEq|mL|puffs?|tabs?)(?![\w/])")
ROUTE = re.compile(r"\b(?:PO|po|p\.o\.|IV|iv|SC|SQ|sc|IM|SL|PR|by mouth|orally|subcutaneous(?:ly)?|"
                   r"intravenous(?:ly)?|inhaled|nebulized|topical(?:ly)?|transdermal)(?![\w])")
FREQ = re.compile(r"(?i)\b(?:once daily|twice daily|twice a day|three times (?:a )?da(?:il)?y|once a day|"
                  r"daily(?: with (?:breakfast|dinner|meals))?|b\.?i\.?d\.?|t\.?i\.?d\.?|q\.?i\.?d\.?|qd|qhs|qam|qpm|"
                  r"nightly|at bedtime|every (?:morning|evening|other day)|q\s?\d+\s?h(?:rs?)?(?: prn)?|"
                  r"every \d+ hours(?: as needed)?|prn|as needed|weekly|x\s?1)(?![\w])")
STOP = re.compile(r"\n|\.(?=\s)|;|,(?=\s+(?:and\s+)?[A-Za-z]+\s+\d)")
REASON = re.compile(r"\bfor\s+(?:(?:his|her|their|presumed|possible|known|suspected|likely|chronic|acute)\s+)?")
NEG_CUE = re.compile(r"(?i)\b(?:no|not|denies|denied|deny|denying|without|negative for|free of|absence of|"
                     r"ruled out|r/o)\b")
IMAGING_NAME = (r"(?:portable )?(?:chest x-?ray|CXR|chest radiograph|chest film|CTA chest|CT pulmonary angiogram|CTPA|"
                r"CT (?:of the )?(?:head|chest|abdomen(?: and pelvis)?|A/P)|head CT|non-contrast CT of the head|"
                r"MRI (?:of the )?(?:brain|spine|head)|echocardiogram|echo|TTE|TEE|transthoracic echo|"
                r"(?:RUQ|right upper quadrant|renal|abdominal|lower extremity) ultrasound|LENIs?|"
                r"venous duplex(?: of the legs)?)")
IMAGING = re.compile(r"(?i)\b(?P<name>" + IMAGING_NAME + r")(?:\s+(?:today|this morning|on admission|"
                     r"yesterday))?(?:\s+(?P<verb>showed|shows|revealed|reveals|demonstrated|demonstrates|"
                     r"was notable for|notable for)|\s*:)\s+(?P<finding>[^.;\n]{3,160})")
PROCEDURE_TERMS = re.compile(
    r"(?i)\b(?:cardiac cath(?:eterization)?|upper endoscopy|EGD|colonoscopy|bronchoscopy|thoracentesis|"
    r"paracentesis|PICC(?: line)?(?: placement)?|intubation|intubated|hemodialysis|lumbar puncture|"
    r"(?:laparoscopic )?cholecystectomy|lap chole|appendectomy|(?:total )?(?:knee|hip) replacement|"
    r"coronary artery bypass grafting|CABG|percutaneous coronary intervention|PCI|blood transfusion|"
    r"transfusion|hysterectomy|arthroscopy|hernia repair|central line placement|tracheostomy|"
    r"\w+(?:ectomy|otomy|ostomy|plasty))\b")
HEADER_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z /&()-]{1,60}):\s*(.*)$")
MED_HEADER = re.compile(r"(?i)^(?:discharge medications?|medications? on discharge|home medications?|"
                        r"medications? on admission|admission medications?|medications?|meds|outpatient medications?)$")
LIST_MARKER = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*\u2022])\s*")

TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-']*")
# Lexicon hits that are lab analytes, gases or food when they stand alone in a note.
NOT_A_DRUG = {"sodium", "potassium", "magnesium", "calcium", "glucose", "albumin", "lactate", "oxygen", "air",
              "water", "iron", "chloride", "bicarbonate", "phosphate", "same", "today",
              "creatinine", "nitrogen"}

ABSENT_DRUGS = ("metformin", "lisinopril", "atorvastatin", "metoprolol", "furosemide", "apixaban", "warfarin",
                "insulin glargine", "aspirin", "clopidogrel", "levothyroxine", "amlodipine", "omeprazole",
                "pantoprazole", "ceftriaxone", "vancomycin", "azithromycin", "levofloxacin", "acetaminophen",
                "oxycodone", "enoxaparin", "prednisone", "albuterol", "gabapentin", "sertraline", "tamsulosin",
                "ondansetron", "carvedilol", "spironolactone", "hydrochlorothiazide", "allopurinol", "donepezil",
                "losartan", "simvastatin", "rivaroxaban", "amoxicillin", "doxycycline", "ibuprofen", "morphine",
                "lorazepam", "quetiapine", "haloperidol", "digoxin", "amiodarone", "diltiazem", "nitroglycerin",
                "famotidine", "docusate", "senna", "fluticasone", "tiotropium", "citalopram", "trazodone")
ABSENT_PROCEDURES = ("cardiac catheterization", "colonoscopy", "upper endoscopy", "thoracentesis", "paracentesis",
                     "lumbar puncture", "appendectomy", "cholecystectomy", "bronchoscopy", "blood transfusion",
                     "hemodialysis", "tracheostomy", "knee replacement", "CABG")
ABSENT_IMAGING = ("chest x-ray", "CT head", "CT abdomen and pelvis", "echocardiogram", "lower extremity ultrasound",
                  "MRI brain", "CTA chest", "RUQ ultrasound")


@dataclass(frozen=True)
class Mention:
    """An entity found in a note: `kind` one of SLOTS, `name` its canonical name."""

    kind: str
    name: str
    span: Span
    assertion: str = "present"
    section: str | None = None


@dataclass(frozen=True)
class SynthQuestion:
    """A generated question: the SQuAD example, which carries the gold category, answer type
    and (yes/no questions) verdict, and the template it was filled from."""

    example: QAExample
    template: str

    @property
    def answer_type(self) -> str | None:
        return self.example.answer_type

    @property
    def verdict(self) -> str | None:
        return self.example.verdict

    @property
    def extra(self) -> dict:
        d = {"category": self.example.category, "answer_type": self.answer_type, "template": self.template}
        if self.verdict is not None:
            d["verdict"] = self.verdict
        return d


@dataclass
class SynthStats:
    notes: int = 0
    notes_without_questions: int = 0
    questions: int = 0
    unanswerable: int = 0
    by_template: Counter = field(default_factory=Counter)
    by_category: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict:
        return {"notes": self.notes, "notes_without_questions": self.notes_without_questions,
                "questions": self.questions, "unanswerable": self.unanswerable,
                "unanswerable_fraction": round(self.unanswerable / self.questions, 4) if self.questions else 0.0,
                "by_template": dict(sorted(self.by_template.items())),
                "by_category": dict(sorted(self.by_category.items()))}


# ------------------------------------------------------------------------------ finders
def _word_regex(forms: Iterable[str]) -> tuple[re.Pattern | None, re.Pattern | None]:
    """(case-insensitive regex for mixed/lower-case forms, case-sensitive one for abbreviations)."""
    low = sorted({f for f in forms if not _is_abbrev(f)}, key=len, reverse=True)
    up = sorted({f for f in forms if _is_abbrev(f)}, key=len, reverse=True)

    def rx(items, flags):
        if not items:
            return None
        return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(x) for x in items) + r")(?![\w])", flags)

    return rx(low, re.I), rx(up, 0)


def _is_abbrev(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return (len(form) <= 6 and sum(c.isupper() for c in letters) >= 2) or (len(form) <= 3 and form[:1].isupper())


@functools.lru_cache(maxsize=1)
def _problem_forms() -> tuple[dict[str, str], tuple]:
    form_to_name = {}
    for name, (_, forms) in COMMON_PROBLEMS.items():
        for f in forms:
            form_to_name[f.lower() if not _is_abbrev(f) else f] = name
    return form_to_name, _word_regex(form_to_name)


@functools.lru_cache(maxsize=1)
def _lab_forms() -> tuple[dict[str, str], re.Pattern, re.Pattern]:
    form_to_name = {}
    for name, forms in LABS.items():
        for f in forms:
            form_to_name[f.lower() if not _is_abbrev(f) else f] = name
    low = sorted((f for f in form_to_name if not _is_abbrev(f)), key=len, reverse=True)
    up = sorted((f for f in form_to_name if _is_abbrev(f)), key=len, reverse=True)
    value = (r"(?:\s+(?:level|count|value))?(?:\s*[:=]\s*|\s*-\s*|\s+(?:was|of|is|at|were)\s+|\s+)"
             r"(?P<value>\d+(?:\.\d+)?)\*?(?:\s?(?P<unit>" + UNITS + r"))?(?![\w/])")

    def rx(items, flags):
        return re.compile(r"(?<![\w%(-])(?P<name>" + "|".join(re.escape(x) for x in items) + r")(?![\w])" + value, flags)

    return form_to_name, rx(low, re.I), rx(up, 0)


def _lab_value_span(m: re.Match) -> Span:
    start = m.start("value")
    end = m.end("unit") if m.group("unit") else m.end("value")
    return Span(start, end, m.string[start:end])


def find_mentions(note: Note) -> list[Mention]:
    """Drugs, problems, symptoms, procedures and imaging in `note`, with ConText assertions
    (and "family" for anything in a family-history section)."""
    from drug_named_entity_recognition import find_drugs

    from clinqa.text.vocab import icd_index

    text = note.text
    toks = list(TOKEN.finditer(text))
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    # drugs
    for drug, i, j in find_drugs([t.group() for t in toks]):
        s, e = toks[i].start(), toks[j - 1].end()
        surface = text[s:e]
        if surface.lower() in NOT_A_DRUG or len(surface) < 3:
            continue
        name = str(drug.get("name") or surface).lower()
        out.append(Mention("drug", name, Span(s, e, surface)))
        taken.append((s, e))
    # common problems and abbreviations first: they are the longer, clinical forms
    form_to_name, (low_rx, up_rx) = _problem_forms()
    for rx in (low_rx, up_rx):
        for m in rx.finditer(text) if rx else ():
            if not free(m.start(), m.end()):
                continue
            key = m.group() if rx is up_rx else m.group().lower()
            name = form_to_name.get(key)
            if name is None:
                continue
            kind = "symptom" if COMMON_PROBLEMS[name][0] == "Symptoms" else "problem"
            out.append(Mention(kind, name, Span(m.start(), m.end(), m.group())))
            taken.append((m.start(), m.end()))
    # ICD-10-CM terms: longest match over word n-grams
    index = icd_index()
    words = [(t.group().lower(), t.start(), t.end()) for t in toks]
    for n in range(min(6, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            s, e = words[i][1], words[i + n - 1][2]
            if not free(s, e):
                continue
            term = " ".join(w for w, _, _ in words[i:i + n])
            hit = index.get(term)
            if not hit or term in ICD_STOP or (n == 1 and len(term) < 5) or _in_header(text, s):
                continue
            out.append(Mention("symptom" if hit[0] == "Symptoms" else "problem", term, Span(s, e, text[s:e])))
            taken.append((s, e))
    # procedures and imaging
    for m in PROCEDURE_TERMS.finditer(text):
        if free(m.start(), m.end()):
            out.append(Mention("procedure", _canonical_procedure(m.group()), Span(m.start(), m.end(), m.group())))
            taken.append((m.start(), m.end()))
    for m in re.finditer(r"(?i)\b" + IMAGING_NAME + r"\b", text):
        if free(m.start(), m.end()):
            out.append(Mention("imaging", m.group().lower(), Span(m.start(), m.end(), m.group())))
    out.sort(key=lambda x: x.span.start)
    return _with_assertions(note, out)


def _canonical_procedure(surface: str) -> str:
    s = surface.lower()
    return {"egd": "upper endoscopy", "cardiac cath": "cardiac catheterization", "lap chole": "cholecystectomy",
            "laparoscopic cholecystectomy": "cholecystectomy", "cabg": "coronary artery bypass grafting",
            "pci": "percutaneous coronary intervention", "intubated": "intubation", "picc": "PICC line placement",
            "picc line": "PICC line placement"}.get(s, surface if surface.isupper() else s)


def _with_assertions(note: Note, mentions: list[Mention]) -> list[Mention]:
    from clinqa.text.assertion import assert_spans
    from clinqa.text.sentences import segment

    sentences = segment(note.text, note.id)
    starts = [s.start for s in sentences]
    asked = [m for m in mentions if m.kind in ("problem", "symptom", "procedure", "drug")]
    labels = dict(zip((m.span.start for m in asked), assert_spans(note.text, [(m.span.start, m.span.end) for m in asked])))
    out = []
    for m in mentions:
        i = bisect.bisect_right(starts, m.span.start) - 1
        section = sentences[i].section if i >= 0 else None
        a = labels.get(m.span.start, "present")
        if section == "family_history" or _family_line(note.text, m.span.start):
            a = "family"
        out.append(Mention(m.kind, m.name, m.span, a, section))
    return out


_FAMILY = re.compile(r"(?i)\b(?:mother|father|sister|brother|grandmother|grandfather|aunt|uncle|sibling|"
                     r"family history|fhx|fh)\b")


def _family_line(text: str, pos: int) -> bool:
    """A family-history line written without a recognised header ("FHx: mother - breast cancer")."""
    line_start = text.rfind("\n", 0, pos) + 1
    return bool(_FAMILY.search(text[line_start:pos]))


def _in_header(text: str, pos: int) -> bool:
    """Inside a "HEADER:" label ("HISTORY OF PRESENT ILLNESS:" names no illness)."""
    ls = text.rfind("\n", 0, pos) + 1
    colon = text.find(":", ls)
    le = text.find("\n", ls)
    return 0 <= colon and (le < 0 or colon < le) and pos < colon and bool(HEADER_LINE.match(text[ls:colon + 1]))


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind("\n", 0, pos), *(text.rfind(p, 0, pos) for p in (". ", "; "))) + 1
    ends = [i for i in (text.find("\n", pos), text.find(". ", pos), text.find("; ", pos)) if i >= 0]
    return start, (min(ends) if ends else len(text))


# ------------------------------------------------------------------------------ generation
@dataclass
class _Candidate:
    template: str
    slots: dict[str, str]
    answers: list[Span]
    category: str | None = None
    verdict: str | None = None
    impossible: bool = False


class QuestionSynthesizer:
    """Fill the templates from one note at a time. Deterministic for a given seed and note."""

    def __init__(self, templates: dict[str, Template] | None = None, *, seed: int = 13,
                 unanswerable_fraction: float = 0.2, paraphrases: int = 1, max_per_template: int = 3):
        if not 0.0 <= unanswerable_fraction < 1.0:
            raise DataError("unanswerable fraction must be in [0, 1)", source="synth qa")
        if paraphrases < 1:
            raise DataError("paraphrases must be >= 1", source="synth qa")
        self.templates = templates or load_templates()
        self.seed = seed
        self.unanswerable_fraction = unanswerable_fraction
        self.paraphrases = paraphrases
        self.max_per_template = max_per_template
        self.stats = SynthStats()

    # -------------------------------------------------------------- per note
    def questions(self, note: Note) -> list[SynthQuestion]:
        rng = random.Random(f"{self.seed}:{note.id}")
        mentions = find_mentions(note)
        cands = (self._drug_questions(note, mentions) + self._problem_questions(note, mentions)
                 + self._lab_questions(note) + self._procedure_questions(note, mentions)
                 + self._section_questions(note, mentions))
        by_template: dict[str, list[_Candidate]] = defaultdict(list)
        for c in cands:
            by_template[c.template].append(c)
        kept: list[_Candidate] = []
        for key in TEMPLATE_KEYS:
            group = by_template.get(key, [])
            rng.shuffle(group)
            kept.extend(group[: self.max_per_template])
        n_impossible = sum(c.impossible for c in kept)
        answerable = len(kept) - n_impossible
        want = round(answerable * self.unanswerable_fraction / (1 - self.unanswerable_fraction)) - n_impossible
        if answerable and want > 0:
            kept.extend(self._absent_questions(note, mentions, rng, want))
        out = self._render(note, kept, rng)
        self.stats.notes += 1
        self.stats.notes_without_questions += not out
        for q in out:
            self.stats.questions += 1
            self.stats.unanswerable += q.example.is_impossible
            self.stats.by_template[q.template] += 1
            self.stats.by_category[q.example.category] += 1
        return out

    def _render(self, note: Note, cands: list[_Candidate], rng: random.Random) -> list[SynthQuestion]:
        out, seen = [], set()
        for c in cands:
            t = self.templates[c.template]
            picks = rng.sample(t.paraphrases, min(self.paraphrases, len(t.paraphrases)))
            for k, para in enumerate(picks):
                question = t.fill(para, **c.slots)
                question = question[0].upper() + question[1:]
                if question.lower() in seen:
                    continue
                seen.add(question.lower())
                answers = tuple(sorted(set(c.answers), key=lambda s: s.start))
                verdict = c.verdict
                if t.answer_type == "yes_no" and c.impossible:
                    verdict = "not_mentioned"  # family history only, or absent from the note
                ex = QAExample(id=f"{note.id}:{c.template}:{len(out)}", question=question, note=note,
                               answers=() if c.impossible else answers, is_impossible=c.impossible,
                               category=c.category or t.category, answer_type=t.answer_type, verdict=verdict)
                out.append(SynthQuestion(ex, c.template))
        return out

    @staticmethod
    def _surface_or_name(m: Mention, rng_key: str) -> str:
        # Asking with the canonical name when the note writes an abbreviation or a brand teaches
        # the reader the mapping ("HTN" answers "hypertension?"); half the time the note's form.
        use_name = random.Random(rng_key).random() < 0.5
        return m.name if use_name else m.span.text

    def _drug_questions(self, note: Note, mentions: list[Mention]) -> list[_Candidate]:
        text = note.text
        drugs = [m for m in mentions if m.kind == "drug" and m.assertion in ("present", "historical")]
        starts = [m.span.start for m in mentions if m.kind == "drug"]
        by_name: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
        first: dict[str, Mention] = {}
        problems = {m.span.start: m for m in mentions if m.kind in ("problem", "symptom")}
        reason_kinds: dict[str, set[str]] = defaultdict(set)
        for m in drugs:
            first.setdefault(m.name, m)
            slots = by_name[m.name]
            slots["mention"].append(m.span)
            nxt = next((s for s in starts if s > m.span.start), len(text))
            stop = STOP.search(text, m.span.end)
            end = min(nxt, stop.start() if stop else len(text), m.span.end + 90)
            window = text[m.span.end:end]
            for key, rx in (("dose", DOSE), ("route", ROUTE), ("freq", FREQ)):
                hit = rx.search(window)
                if hit:
                    s = m.span.end + hit.start()
                    slots[key].append(Span(s, s + len(hit.group()), hit.group()))
            r = REASON.search(text, m.span.end, min(len(text), end + 40))
            if r and r.start() < end + 1:
                p = problems.get(r.end())
                if p is not None and p.assertion == "present":
                    slots["reason"].append(p.span)
                    reason_kinds[m.name].add(p.kind)
        out = []
        for name, slots in by_name.items():
            shown = self._surface_or_name(first[name], f"{self.seed}:{note.id}:{name}")
            for key, template in (("dose", "dosage"), ("freq", "frequency"), ("route", "route"),
                                  ("reason", "reason")):
                if slots.get(key) and not (key == "dose" and len({sp.text for sp in slots[key]}) > 1):
                    # two different doses (admission vs discharge) make "what dose" ambiguous: skipped
                    # a drug given for a symptom ("acetaminophen for fever") has a symptom for its reason
                    cat = "Symptoms" if key == "reason" and reason_kinds[name] == {"symptom"} else None
                    out.append(_Candidate(template, {"drug": shown}, slots[key], category=cat))
            out.append(_Candidate("drug_taking", {"drug": shown}, slots["mention"], verdict="yes"))
        return out

    def _problem_questions(self, note: Note, mentions: list[Mention]) -> list[_Candidate]:
        text = note.text
        groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
        for m in mentions:
            if m.kind in ("problem", "symptom"):
                groups[(m.kind, m.name)].append(m)
        out = []
        for (kind, name), ms in groups.items():
            states = {m.assertion for m in ms}
            slot = {kind: self._surface_or_name(ms[0], f"{self.seed}:{note.id}:{name}")}
            present = [m.span for m in ms if m.assertion in ("present", "historical")]
            negated = [m for m in ms if m.assertion == "negated"]
            if present and not negated:
                out.append(_Candidate(kind, slot, present, verdict="yes"))
            elif negated and not present:
                spans = [s for s in (_negation_span(text, m.span) for m in negated) if s is not None]
                if spans:
                    out.append(_Candidate(kind, slot, spans, verdict="no"))
            elif states == {"family"}:
                # the note speaks of a relative: about the patient it says nothing
                out.append(_Candidate(kind, slot, [], impossible=True))
        return out

    def _lab_questions(self, note: Note) -> list[_Candidate]:
        text = note.text
        form_to_name, low_rx, up_rx = _lab_forms()
        values: dict[str, list[tuple[Span, str | None, str]]] = defaultdict(list)
        used: list[tuple[int, int]] = []
        for rx in (low_rx, up_rx):
            for m in rx.finditer(text):
                if any(not (m.end() <= a or m.start() >= b) for a, b in used):
                    continue
                key = m.group("name") if rx is up_rx else m.group("name").lower()
                name = form_to_name.get(key)
                if name is None:
                    continue
                used.append((m.start(), m.end()))
                values[name].append((_lab_value_span(m), _when(text, m.start()), m.group("name")))
        out = []
        for name, vals in values.items():
            vals.sort(key=lambda v: v[0].start)
            surface = vals[0][2]
            # the note's own form half the time, unless it is a lab-system code ("UreaN", "%HbA1c")
            readable = surface.replace(" ", "").isalpha() and surface not in MIMIC_LAB_CODES and len(surface) >= 3
            shown = surface if readable and random.Random(f"{self.seed}:{note.id}:{name}").random() < 0.4 else name
            slot = {"lab": shown}
            if len({v[0].text for v in vals}) == 1:
                out.append(_Candidate("lab_value", slot, [v[0] for v in vals]))
                continue
            adm = [v[0] for v in vals if v[1] == "admission"]
            dis = [v[0] for v in vals if v[1] == "discharge"]
            if adm and dis:
                out.append(_Candidate("lab_admission", slot, adm[:1]))
                out.append(_Candidate("lab_discharge", slot, dis[-1:]))
            else:
                out.append(_Candidate("lab_first", slot, [vals[0][0]]))
                out.append(_Candidate("lab_last", slot, [vals[-1][0]]))
        return out

    def _procedure_questions(self, note: Note, mentions: list[Mention]) -> list[_Candidate]:
        text = note.text
        procs: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            if m.kind == "procedure":
                procs[m.name].append(m)
        out = []
        done = {n: ms for n, ms in procs.items() if all(m.assertion in ("present", "historical") for m in ms)
                and not any(_planned(text, m.span.start) for m in ms)}
        for name, ms in done.items():
            out.append(_Candidate("procedure", {"procedure": self._surface_or_name(ms[0], f"{note.id}:{name}")},
                                  [m.span for m in ms], verdict="yes"))
        if len(procs) == 1 and done:
            ms = next(iter(done.values()))
            out.append(_Candidate("procedure_list", {}, [m.span for m in ms]))
        seen_imaging: dict[str, list[Span]] = defaultdict(list)
        shown: dict[str, str] = {}
        for m in IMAGING.finditer(text):
            finding = m.group("finding").strip().rstrip(",")
            if len(finding) < 3:
                continue
            s = m.start("finding")
            seen_imaging[m.group("name").lower()].append(Span(s, s + len(finding), finding))
            shown.setdefault(m.group("name").lower(), m.group("name"))
        for name, spans in seen_imaging.items():
            if len(spans) == 1:  # several studies of one kind: "what did the CXR show" is ambiguous
                out.append(_Candidate("imaging_result", {"imaging": shown[name]}, spans))
        return out

    def _section_questions(self, note: Note, mentions: list[Mention]) -> list[_Candidate]:
        text = note.text
        out = []
        sections = _header_sections(text)
        meds = [(h, body) for h, body in sections if MED_HEADER.match(h)]
        drug_starts = [m.span.start for m in mentions if m.kind == "drug"]
        discharge = [x for x in meds if "discharge" in x[0].lower()]
        chosen = discharge[:1] if discharge else (meds if len(meds) == 1 else [])
        for _, body in chosen:
            # one answer per listed drug (its line, list marker dropped), as SQuAD-style list
            # sets score them: naming any item is a hit, the full list is the reference
            items = []
            for line in re.finditer(r"[^\n]+", body.text):
                ls, le = body.start + line.start(), body.start + line.end()
                if any(ls <= s < le for s in drug_starts):
                    marker = LIST_MARKER.match(line.group())
                    s0 = ls + (marker.end() if marker else 0)
                    e0 = ls + len(line.group().rstrip())
                    if e0 > s0:
                        items.append(Span(s0, e0, text[s0:e0]))
            if len(items) >= 2:
                out.append(_Candidate("medication_list", {}, items))
        for h, body in sections:
            hl = h.lower()
            if hl in ("chief complaint", "cc") and body.text and len(body.text) <= 80:
                if any(m.kind == "symptom" and body.start <= m.span.start < body.end and m.assertion == "present"
                       for m in mentions):
                    out.append(_Candidate("presenting_symptom", {}, [body]))
            if hl == "impression" and body.text:
                first = _first_item(text, body)
                if first is not None:
                    out.append(_Candidate("impression", {}, [first]))
        return out

    def _absent_questions(self, note: Note, mentions: list[Mention], rng: random.Random, n: int) -> list[_Candidate]:
        text, low = note.text, note.text.lower()
        drug_names = {m.name for m in mentions if m.kind == "drug"}
        pools: list[tuple[str, str, str]] = []  # (template, slot, value)
        for d in ABSENT_DRUGS:
            if d in low or _drug_canonical(d) in drug_names:
                continue
            for t in ("dosage", "frequency", "drug_taking", "reason"):
                pools.append((t, "drug", d))
        for name, (cat, forms) in COMMON_PROBLEMS.items():
            if _mentions_any(text, (*forms, *AMBIGUOUS_FORMS.get(name, ()))):
                continue
            pools.append(("symptom" if cat == "Symptoms" else "problem", "symptom" if cat == "Symptoms" else "problem", name))
        for name, forms in LABS.items():
            if not _mentions_any(text, forms):
                pools.append(("lab_value", "lab", name))
        for p in ABSENT_PROCEDURES:
            if p.lower() not in low:
                pools.append(("procedure", "procedure", p))
        for im in ABSENT_IMAGING:
            if im.lower() not in low:
                pools.append(("imaging_result", "imaging", im))
        picks = rng.sample(pools, min(n, len(pools)))
        return [_Candidate(t, {slot: v}, [], impossible=True) for t, slot, v in picks]


# ------------------------------------------------------------------------------ helpers
@functools.lru_cache(maxsize=512)
def _drug_canonical(name: str) -> str:
    from drug_named_entity_recognition import find_drugs

    hits = find_drugs(name.split())
    return str(hits[0][0].get("name") or name).lower() if hits else name


def _mentions_any(text: str, forms: Iterable[str]) -> bool:
    low_rx, up_rx = _word_regex(forms)
    return bool((low_rx and low_rx.search(text)) or (up_rx and up_rx.search(text)))


def _negation_span(text: str, span: Span) -> Span | None:
    """From the negation cue ("denies", "no") to the end of the negated mention, within its
    sentence: the words that say "no"."""
    s, _ = _sentence_bounds(text, span.start)
    cues = list(NEG_CUE.finditer(text, s, span.start))
    if not cues:
        return None
    start = cues[-1].start()
    if span.end - start > 120:
        return None
    return Span(start, span.end, text[start:span.end])


_PLANNED = re.compile(r"(?i)\b(?:plan(?:ned)? for|will (?:undergo|need|have)|scheduled for|consider|recommend(?:ed)?|"
                      r"if needed|outpatient)\b")


def _planned(text: str, pos: int) -> bool:
    s, e = _sentence_bounds(text, pos)
    return bool(_PLANNED.search(text[s:e]))


_WHEN = (("discharge", re.compile(r"(?i)\bdischarge\b|\bon d/c\b")),
         ("admission", re.compile(r"(?i)\badmission\b|\badmit\b|\bpresentation\b|\binitial\b|\bon arrival\b")))


def _when(text: str, pos: int) -> str | None:
    """"admission" / "discharge" when the value's line (or the header line above it) says so."""
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    line = text[ls: le if le >= 0 else len(text)]
    for tag, rx in _WHEN:
        if rx.search(line):
            return tag
    prev_end = ls - 1
    if prev_end > 0:
        prev = text[text.rfind("\n", 0, prev_end) + 1:prev_end].strip()
        if prev.endswith(":"):
            for tag, rx in _WHEN:
                if rx.search(prev):
                    return tag
    return None


def _header_sections(text: str) -> list[tuple[str, Span]]:
    """(header, body span) for each "Header:" line; the body runs to the next blank line or
    header, trimmed. A header with text on its own line ("CC: cough") has that text as body."""
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    out = []
    i = 0
    while i < len(lines):
        start, line = lines[i]
        m = HEADER_LINE.match(line)
        if not m or len(m.group(1).split()) > 6:
            i += 1
            continue
        header = m.group(1).strip()
        body_start = start + m.start(2) if m.group(2).strip() else None
        body_end = start + len(line) if body_start is not None else None
        j = i + 1
        if body_start is None:
            while j < len(lines) and lines[j][1].strip() and not HEADER_LINE.match(lines[j][1]):
                if body_start is None:
                    body_start = lines[j][0] + (len(lines[j][1]) - len(lines[j][1].lstrip()))
                body_end = lines[j][0] + len(lines[j][1].rstrip())
                j += 1
        if body_start is not None and body_end is not None and body_end > body_start:
            out.append((header, Span(body_start, body_end, text[body_start:body_end])))
        i = max(j, i + 1)
    return out


def _first_item(text: str, body: Span) -> Span | None:
    first_line = body.text.split("\n", 1)[0]
    m = LIST_MARKER.match(first_line)
    s = body.start + (m.end() if m else 0)
    e = body.start + len(first_line.rstrip().rstrip("."))
    if e <= s:
        return None
    return Span(s, e, text[s:e])


# ------------------------------------------------------------------------------ corpus level
def synthesize(notes: Iterable[Note], synthesizer: QuestionSynthesizer | None = None,
               max_notes: int | None = None) -> Iterator[SynthQuestion]:
    """Questions for every note (streamed); `synthesizer.stats` counts them."""
    synthesizer = synthesizer or QuestionSynthesizer()
    for note in islice(notes, max_notes):
        yield from synthesizer.questions(note)


def write_synth_squad(questions: Iterable[SynthQuestion], path: str | Path) -> int:
    """SQuAD v2.0 JSON with `category`, `answer_type`, `verdict` (yes/no questions) and
    `template` per question."""
    from clinqa.data.squad import write_squad

    qs = list(questions)
    write_squad((q.example for q in qs), path, version="v2.0", extra={q.example.id: {"template": q.template} for q in qs})
    return len(qs)
