"""Realistic synthetic clinical notes, seeded and reproducible, for `clinqa synth notes`.

No public corpus of clinical notes can ship with clinqa, and `clinqa synth qa` needs notes to
fill its question templates from. This generator writes discharge summaries, progress notes,
emergency-department notes and radiology reports with the variety a reader meets in real
records: section layouts that differ by style and author (upper-case headers, mixed case,
abbreviated "HPI:"/"A/P:", numbered or dashed lists, MIMIC-III style lab dumps), clinical
abbreviations and brand names (HTN, CHF, Lasix, q12h, PRN), de-identification placeholders in
the MIMIC-III (`[**2154-3-12**]`), MIMIC-IV (`___`) or Indiana (`XXXX`) styles, negated and
family-history mentions, values that change over a stay, and imaging with findings.

The notes carry no gold annotations on purpose: `clinqa synth qa` must find everything from
the text, exactly as it does on a user's MIMIC notes. The same `seed` gives the same notes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from clinqa.synth.mimic import MIMIC_LAB_LABELS
from clinqa.types import Note

STYLES = ("discharge", "progress", "ed", "radiology")


@dataclass(frozen=True)
class DrugInfo:
    name: str
    brand: str | None
    doses: tuple[str, ...]
    routes: tuple[str, ...]
    freqs: tuple[str, ...]
    reasons: tuple[str, ...]  # keys of PROBLEMS (other words: no problem this generator writes)


# The vocabulary is the lexicon's (clinqa.lexicon): PROBLEMS and LABS are keyed by its canonical
# names, and every form they write is one of its names (of that synonym group or lab, or an
# ambiguous abbreviation of it), a MIMIC-III dump label, or an ICD-10-CM term ("depression");
# tests/synth checks it. What stays here is how this generator writes them: which of the names an
# author picks and in which case ("Cr", "HTN"), and a lab's unit and value range.
@dataclass(frozen=True)
class ProblemInfo:
    name: str  # the name written in full ("type 2 diabetes mellitus" for the group "diabetes")
    abbrevs: tuple[str, ...]
    kind: str  # "chronic" | "acute"


@dataclass(frozen=True)
class LabInfo:
    name: str  # the lexicon's canonical name
    written: tuple[str, ...]  # the names notes write it with, in their case ("Cr", "creat")
    unit: str
    low: float
    high: float
    decimals: int

    @property
    def mimic(self) -> str:
        """Its MIMIC-III lab-dump label ("Creat")."""
        return MIMIC_LAB_LABELS[self.name]


DRUGS: tuple[DrugInfo, ...] = (
    DrugInfo("metformin", "Glucophage", ("500 mg", "850 mg", "1000 mg"), ("PO",), ("BID", "twice daily", "daily with breakfast"), ("diabetes",)),
    DrugInfo("lisinopril", "Zestril", ("5 mg", "10 mg", "20 mg", "40 mg"), ("PO",), ("daily", "once daily", "qd"), ("hypertension",)),
    DrugInfo("atorvastatin", "Lipitor", ("10 mg", "20 mg", "40 mg", "80 mg"), ("PO",), ("nightly", "qhs", "daily"), ("hyperlipidemia", "coronary artery disease")),
    DrugInfo("metoprolol tartrate", "Lopressor", ("12.5 mg", "25 mg", "50 mg"), ("PO",), ("BID", "q12h"), ("atrial fibrillation", "hypertension")),
    DrugInfo("metoprolol succinate", "Toprol XL", ("25 mg", "50 mg", "100 mg"), ("PO",), ("daily",), ("heart failure", "hypertension")),
    DrugInfo("furosemide", "Lasix", ("20 mg", "40 mg", "80 mg"), ("PO", "IV"), ("daily", "BID"), ("heart failure", "edema")),
    DrugInfo("apixaban", "Eliquis", ("2.5 mg", "5 mg"), ("PO",), ("BID", "twice a day"), ("atrial fibrillation", "deep vein thrombosis", "pulmonary embolism")),
    DrugInfo("warfarin", "Coumadin", ("2 mg", "5 mg", "7.5 mg"), ("PO",), ("daily", "nightly"), ("atrial fibrillation", "deep vein thrombosis")),
    DrugInfo("insulin glargine", "Lantus", ("10 units", "18 units", "32 units"), ("SC", "subcutaneously"), ("nightly", "qhs"), ("diabetes",)),
    DrugInfo("aspirin", None, ("81 mg", "325 mg"), ("PO",), ("daily",), ("coronary artery disease",)),
    DrugInfo("clopidogrel", "Plavix", ("75 mg",), ("PO",), ("daily",), ("coronary artery disease",)),
    DrugInfo("levothyroxine", "Synthroid", ("50 mcg", "75 mcg", "100 mcg", "112 mcg"), ("PO",), ("daily", "every morning"), ("hypothyroidism",)),
    DrugInfo("amlodipine", "Norvasc", ("2.5 mg", "5 mg", "10 mg"), ("PO",), ("daily",), ("hypertension",)),
    DrugInfo("omeprazole", "Prilosec", ("20 mg", "40 mg"), ("PO",), ("daily", "BID"), ("gastroesophageal reflux",)),
    DrugInfo("pantoprazole", "Protonix", ("40 mg",), ("PO", "IV"), ("daily", "q12h"), ("gastroesophageal reflux", "gastrointestinal bleed")),
    DrugInfo("ceftriaxone", "Rocephin", ("1 g", "2 g"), ("IV",), ("daily", "q24h"), ("pneumonia", "urinary tract infection")),
    DrugInfo("vancomycin", None, ("1 g", "1250 mg", "1.5 g"), ("IV",), ("q12h", "every 12 hours"), ("cellulitis", "sepsis")),
    DrugInfo("azithromycin", "Zithromax", ("250 mg", "500 mg"), ("PO", "IV"), ("daily",), ("pneumonia",)),
    DrugInfo("levofloxacin", "Levaquin", ("500 mg", "750 mg"), ("PO", "IV"), ("daily", "q24h"), ("pneumonia", "urinary tract infection")),
    DrugInfo("acetaminophen", "Tylenol", ("500 mg", "650 mg", "1000 mg"), ("PO",), ("q6h PRN", "every 6 hours as needed"), ("pain", "fever")),
    DrugInfo("oxycodone", None, ("5 mg", "10 mg"), ("PO",), ("q4h PRN", "every 4 hours as needed"), ("pain",)),
    DrugInfo("enoxaparin", "Lovenox", ("40 mg", "80 mg"), ("SC", "subcutaneously"), ("daily", "q12h"), ("deep vein thrombosis",)),
    DrugInfo("prednisone", None, ("10 mg", "20 mg", "40 mg"), ("PO",), ("daily",), ("chronic obstructive pulmonary disease", "asthma")),
    DrugInfo("albuterol", "ProAir", ("2.5 mg", "2 puffs"), ("nebulized", "inhaled"), ("q4h PRN", "every 4 hours as needed"), ("asthma", "chronic obstructive pulmonary disease", "wheezing")),
    DrugInfo("gabapentin", "Neurontin", ("100 mg", "300 mg", "600 mg"), ("PO",), ("TID", "nightly"), ("peripheral neuropathy",)),
    DrugInfo("sertraline", "Zoloft", ("50 mg", "100 mg"), ("PO",), ("daily",), ("major depressive disorder",)),
    DrugInfo("tamsulosin", "Flomax", ("0.4 mg",), ("PO",), ("daily", "qhs"), ("benign prostatic hyperplasia",)),
    DrugInfo("ondansetron", "Zofran", ("4 mg", "8 mg"), ("IV", "PO"), ("q8h PRN", "every 8 hours as needed"), ("nausea",)),
    DrugInfo("carvedilol", "Coreg", ("3.125 mg", "6.25 mg", "12.5 mg", "25 mg"), ("PO",), ("BID",), ("heart failure",)),
    DrugInfo("spironolactone", "Aldactone", ("25 mg", "50 mg"), ("PO",), ("daily",), ("heart failure", "cirrhosis")),
    DrugInfo("hydrochlorothiazide", None, ("12.5 mg", "25 mg"), ("PO",), ("daily",), ("hypertension",)),
    DrugInfo("allopurinol", "Zyloprim", ("100 mg", "300 mg"), ("PO",), ("daily",), ("gout",)),
    DrugInfo("donepezil", "Aricept", ("5 mg", "10 mg"), ("PO",), ("nightly",), ("dementia",)),
    DrugInfo("lactulose", None, ("20 g", "30 mL"), ("PO",), ("TID", "BID"), ("cirrhosis",)),
    DrugInfo("montelukast", "Singulair", ("10 mg",), ("PO",), ("nightly",), ("asthma",)),
)

PROBLEMS: dict[str, ProblemInfo] = {
    "hypertension": ProblemInfo("hypertension", ("HTN",), "chronic"),
    "diabetes": ProblemInfo("type 2 diabetes mellitus", ("DM2", "T2DM", "diabetes"), "chronic"),
    "hyperlipidemia": ProblemInfo("hyperlipidemia", ("HLD",), "chronic"),
    "coronary artery disease": ProblemInfo("coronary artery disease", ("CAD",), "chronic"),
    "atrial fibrillation": ProblemInfo("atrial fibrillation", ("AFib", "AF", "afib"), "chronic"),
    "heart failure": ProblemInfo("congestive heart failure", ("CHF", "heart failure", "HFrEF"), "chronic"),
    "chronic kidney disease": ProblemInfo("chronic kidney disease", ("CKD",), "chronic"),
    "chronic obstructive pulmonary disease": ProblemInfo("chronic obstructive pulmonary disease", ("COPD",), "chronic"),
    "asthma": ProblemInfo("asthma", (), "chronic"),
    "hypothyroidism": ProblemInfo("hypothyroidism", (), "chronic"),
    "gastroesophageal reflux": ProblemInfo("gastroesophageal reflux disease", ("GERD",), "chronic"),
    "major depressive disorder": ProblemInfo("depression", ("MDD",), "chronic"),
    "obstructive sleep apnea": ProblemInfo("obstructive sleep apnea", ("OSA",), "chronic"),
    "osteoarthritis": ProblemInfo("osteoarthritis", ("OA",), "chronic"),
    "gout": ProblemInfo("gout", (), "chronic"),
    "cirrhosis": ProblemInfo("cirrhosis", (), "chronic"),
    "dementia": ProblemInfo("dementia", (), "chronic"),
    "benign prostatic hyperplasia": ProblemInfo("benign prostatic hyperplasia", ("BPH",), "chronic"),
    "peripheral neuropathy": ProblemInfo("peripheral neuropathy", ("neuropathy",), "chronic"),
    "pneumonia": ProblemInfo("pneumonia", ("PNA", "community-acquired pneumonia", "CAP"), "acute"),
    "urinary tract infection": ProblemInfo("urinary tract infection", ("UTI",), "acute"),
    "cellulitis": ProblemInfo("cellulitis", (), "acute"),
    "sepsis": ProblemInfo("sepsis", (), "acute"),
    "deep vein thrombosis": ProblemInfo("deep vein thrombosis", ("DVT",), "acute"),
    "pulmonary embolism": ProblemInfo("pulmonary embolism", ("PE",), "acute"),
    "acute kidney injury": ProblemInfo("acute kidney injury", ("AKI",), "acute"),
    "gastrointestinal bleed": ProblemInfo("upper gastrointestinal bleed", ("GI bleed", "UGIB"), "acute"),
    "hypokalemia": ProblemInfo("hypokalemia", (), "acute"),
    "pancreatitis": ProblemInfo("acute pancreatitis", ("pancreatitis",), "acute"),
    "cerebrovascular accident": ProblemInfo("ischemic stroke", ("CVA", "stroke"), "acute"),
}

SYMPTOMS = ("chest pain", "shortness of breath", "dyspnea", "cough", "fever", "chills", "nausea", "vomiting",
            "abdominal pain", "headache", "dizziness", "fatigue", "palpitations", "syncope", "diarrhea",
            "wheezing", "dysuria", "weakness", "hemoptysis", "leg swelling", "rash", "back pain")
SYMPTOM_ABBREVS = {"shortness of breath": "SOB", "dyspnea": "DOE", "chest pain": "CP", "abdominal pain": "abd pain"}

LABS: tuple[LabInfo, ...] = (
    LabInfo("creatinine", ("creatinine", "Cr", "creat"), "mg/dL", 0.6, 3.4, 1),
    LabInfo("hemoglobin", ("hemoglobin", "Hgb", "Hb"), "g/dL", 6.8, 15.5, 1),
    LabInfo("white blood cell count", ("WBC", "white count", "white blood cell count"), "K/uL", 2.8, 22.0, 1),
    LabInfo("platelets", ("platelets", "Plt", "platelet count"), "K/uL", 60, 480, 0),
    LabInfo("sodium", ("sodium", "Na"), "mEq/L", 126, 147, 0),
    LabInfo("potassium", ("potassium", "K"), "mEq/L", 2.9, 5.9, 1),
    LabInfo("glucose", ("glucose", "blood sugar", "BG"), "mg/dL", 68, 420, 0),
    LabInfo("bun", ("BUN", "blood urea nitrogen"), "mg/dL", 7, 68, 0),
    LabInfo("troponin", ("troponin", "trop", "TnT"), "ng/mL", 0.01, 2.4, 2),
    LabInfo("bnp", ("BNP", "pro-BNP"), "pg/mL", 40, 9800, 0),
    LabInfo("inr", ("INR",), "", 0.9, 4.2, 1),
    LabInfo("lactate", ("lactate", "lactic acid"), "mmol/L", 0.6, 6.5, 1),
    LabInfo("hba1c", ("HbA1c", "A1c", "hemoglobin A1c"), "%", 5.4, 12.8, 1),
    LabInfo("tsh", ("TSH",), "mIU/L", 0.2, 11.0, 2),
    LabInfo("alt", ("ALT",), "U/L", 9, 410, 0),
    LabInfo("ast", ("AST",), "U/L", 11, 380, 0),
    LabInfo("albumin", ("albumin",), "g/dL", 2.1, 4.8, 1),
    LabInfo("magnesium", ("magnesium", "Mg"), "mg/dL", 1.3, 2.6, 1),
    LabInfo("lipase", ("lipase",), "U/L", 12, 2100, 0),
)

PROCEDURES = (
    ("cardiac catheterization", "cardiac cath"), ("colonoscopy", None), ("upper endoscopy", "EGD"),
    ("thoracentesis", None), ("paracentesis", None), ("PICC line placement", None), ("intubation", None),
    ("hemodialysis", "HD"), ("lumbar puncture", "LP"), ("laparoscopic cholecystectomy", "lap chole"),
    ("appendectomy", None), ("total knee replacement", "TKR"), ("coronary artery bypass grafting", "CABG"),
    ("percutaneous coronary intervention", "PCI"), ("bronchoscopy", None), ("blood transfusion", None),
)
PAST_SURGERIES = ("appendectomy", "cholecystectomy", "hysterectomy", "total hip replacement",
                  "right knee arthroscopy", "tonsillectomy", "CABG x3", "hernia repair", "C-section")

IMAGING = (
    (("chest x-ray", "CXR", "chest radiograph", "portable chest film"),
     ("no acute cardiopulmonary process", "right lower lobe consolidation", "small bilateral pleural effusions",
      "mild pulmonary vascular congestion", "left basilar atelectasis", "cardiomegaly without edema",
      "new left lower lobe opacity concerning for pneumonia")),
    (("CT head", "head CT", "non-contrast CT of the head"),
     ("no acute intracranial hemorrhage", "chronic small vessel ischemic changes",
      "a subacute left MCA territory infarct")),
    (("CT abdomen and pelvis", "CT A/P", "CT of the abdomen"),
     ("acute uncomplicated appendicitis", "no evidence of bowel obstruction", "cholelithiasis without cholecystitis",
      "peripancreatic fat stranding consistent with pancreatitis", "a 2.1 cm left renal cyst")),
    (("echocardiogram", "TTE", "transthoracic echo"),
     ("an ejection fraction of 30-35%", "LVEF 55-60% with no wall motion abnormalities",
      "moderate mitral regurgitation", "a dilated left atrium and an EF of 40%")),
    (("lower extremity ultrasound", "LENI", "venous duplex of the legs"),
     ("occlusive thrombus in the left popliteal vein", "no deep venous thrombosis",
      "nonocclusive thrombus in the right femoral vein")),
    (("CTA chest", "CT pulmonary angiogram", "CTPA"),
     ("no pulmonary embolism", "segmental pulmonary emboli in the right lower lobe",
      "bilateral subsegmental emboli without right heart strain")),
    (("RUQ ultrasound", "right upper quadrant ultrasound"),
     ("gallbladder wall thickening with pericholecystic fluid", "a nodular liver with moderate ascites",
      "no biliary dilatation")),
)

RELATIVES = ("mother", "father", "sister", "brother", "maternal grandmother", "paternal uncle")
FAMILY_PROBLEMS = ("breast cancer", "colon cancer", "coronary artery disease", "type 2 diabetes mellitus",
                   "ischemic stroke", "hypertension", "prostate cancer", "dementia", "asthma")
SERVICES = ("MEDICINE", "Medicine", "CARDIOLOGY", "General Medicine", "Hospitalist Service", "SURGERY")
ALLERGIES = ("No Known Allergies / Adverse Drug Reactions", "NKDA", "Penicillins", "Sulfa (Sulfonamide Antibiotics)",
             "codeine (nausea)", "iodinated contrast -> hives", "Patient recorded as having No Known Allergies to Drugs")


class _Deid:
    """De-identification placeholders in one of three real conventions, fixed per note."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.style = rng.choice(("mimic3", "mimic3", "mimic4", "xxxx"))
        self.year = rng.randint(2100, 2190)

    def date(self, day_offset: int = 0) -> str:
        m, d = self.rng.randint(1, 12), self.rng.randint(1, 28)
        if self.style == "mimic3":
            return f"[**{self.year}-{m}-{min(28, d + day_offset)}**]"
        return "___" if self.style == "mimic4" else "XXXX"

    def name(self, kind: str = "Last Name") -> str:
        if self.style == "mimic3":
            return f"[**{kind} (NamePattern1) {self.rng.randint(100, 9999)}**]"
        return "___" if self.style == "mimic4" else "XXXX"

    def hospital(self) -> str:
        if self.style == "mimic3":
            return f"[**Hospital{self.rng.randint(1, 6)} {self.rng.randint(1, 99)}**]"
        return "___" if self.style == "mimic4" else "XXXX"


class _Writer:
    """One note's choices: the patient, their problems and drugs, and the author's habits."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.deid = _Deid(rng)
        self.upper = rng.random() < 0.6  # HEADER: vs Header:
        self.abbreviate = rng.random() < 0.5  # HTN vs hypertension, brand names
        self.list_marker = rng.choice(("num", "num", "dash", "none"))
        self.age = rng.randint(24, 94)
        self.sex = rng.choice(("M", "F"))
        self.pron = "He" if self.sex == "M" else "She"
        self.poss = "his" if self.sex == "M" else "her"
        chronic = [k for k, p in PROBLEMS.items() if p.kind == "chronic"]
        acute = [k for k, p in PROBLEMS.items() if p.kind == "acute"]
        self.chronic = rng.sample(chronic, rng.randint(2, 6))
        self.acute = rng.choice(acute)
        drugs = [d for d in DRUGS if set(d.reasons) & set(self.chronic)]
        rng.shuffle(drugs)
        self.home_drugs = drugs[: rng.randint(2, 8)]
        self.acute_drugs = [d for d in DRUGS if self.acute in d.reasons] or [rng.choice(DRUGS)]
        symptom_pool = list(SYMPTOMS)
        rng.shuffle(symptom_pool)
        self.symptoms = symptom_pool[: rng.randint(1, 3)]
        self.denied = symptom_pool[3: 3 + rng.randint(1, 4)]
        self.labs = rng.sample(LABS, rng.randint(4, 10))
        self.imaging = rng.sample(IMAGING, rng.randint(1, 2))
        self.procedure = rng.choice(PROCEDURES) if rng.random() < 0.5 else None

    # ---------------------------------------------------------------- small pieces
    def header(self, *names: str) -> str:
        h = self.rng.choice(names)
        return (h.upper() if self.upper else h) + ":"

    def problem(self, key: str) -> str:
        p = PROBLEMS[key]
        if p.abbrevs and (self.abbreviate or self.rng.random() < 0.25):
            return self.rng.choice(p.abbrevs)
        return p.name

    def symptom(self, s: str) -> str:
        if s in SYMPTOM_ABBREVS and self.abbreviate and self.rng.random() < 0.4:
            return SYMPTOM_ABBREVS[s]
        return s

    def drug_name(self, d: DrugInfo) -> str:
        if d.brand and self.abbreviate and self.rng.random() < 0.4:
            return d.brand
        name = d.name
        return name.capitalize() if self.rng.random() < 0.5 else name

    def drug_line(self, d: DrugInfo, with_reason: bool | None = None) -> str:
        r = self.rng
        name, dose, route, freq = self.drug_name(d), r.choice(d.doses), r.choice(d.routes), r.choice(d.freqs)
        if r.random() < 0.2:
            route = {"PO": "by mouth", "IV": "intravenously", "SC": "subcutaneously"}.get(route, route)
        shape = r.random()
        if shape < 0.55:
            line = f"{name} {dose} {route} {freq}"
        elif shape < 0.75:
            form = "Tablet Sig: 1 tablet" if dose.endswith("mg") else "Sig: as directed"
            line = f"{name} {dose} {form} {route} {freq}"
        else:
            line = f"{name} {dose} {freq}"
        reasons = [k for k in d.reasons if k in PROBLEMS]
        if reasons and (with_reason or (with_reason is None and r.random() < 0.35)):
            line += f" for {self.problem(r.choice(reasons))}"
        return line

    def items(self, lines: list[str]) -> str:
        if self.list_marker == "num":
            return "\n".join(f"{i}. {x}" for i, x in enumerate(lines, start=1))
        if self.list_marker == "dash":
            return "\n".join(f"- {x}" for x in lines)
        return "\n".join(lines)

    def value(self, lab: LabInfo, bias: float | None = None) -> str:
        lo, hi = lab.low, lab.high
        x = self.rng.uniform(lo, hi) if bias is None else min(hi, max(lo, bias * self.rng.uniform(0.85, 1.15)))
        return f"{x:.{lab.decimals}f}"

    def lab_phrase(self, lab: LabInfo, value: str) -> str:
        r = self.rng
        alias = r.choice(lab.written)
        unit = f" {lab.unit}" if lab.unit and lab.unit != "%" else lab.unit
        if r.random() < 0.3:
            unit = ""
        return r.choice((f"{alias} {value}{unit}", f"{alias} of {value}{unit}", f"{alias}: {value}{unit}",
                         f"{alias} was {value}{unit}"))

    def mimic_dump(self, labs: list[LabInfo], values: dict[str, str], when: str) -> str:
        parts = [f"{lab.mimic}-{values[lab.name]}{'*' if self.rng.random() < 0.3 else ''}" for lab in labs]
        return f"{self.deid.date()} {when} BLOOD " + " ".join(parts)

    def vitals(self) -> str:
        r = self.rng
        t, hr = round(r.uniform(97.0, 102.8), 1), r.randint(58, 128)
        bp, rr, sat = f"{r.randint(92, 178)}/{r.randint(48, 98)}", r.randint(12, 28), r.randint(86, 100)
        o2 = r.choice(("RA", "on RA", "on 2L NC", "on 4L NC", "room air"))
        return r.choice((f"T {t} HR {hr} BP {bp} RR {rr} SpO2 {sat}% {o2}",
                         f"VS: {t}F, {hr}, {bp}, {rr}, {sat}% {o2}",
                         f"Temp {t}, pulse {hr}, BP {bp}, RR {rr}, O2 sat {sat}% {o2}"))

    def negatives(self) -> str:
        r = self.rng
        neg = [self.symptom(s) for s in self.denied]
        joined = ", ".join(neg[:-1]) + (" or " if len(neg) > 1 else "") + neg[-1]
        return r.choice((f"Denies {joined}.", f"No {joined}.", f"{self.pron} denies {joined}.",
                         f"Negative for {joined}.", f"ROS negative for {joined}."))

    def family(self) -> str:
        r = self.rng
        if r.random() < 0.25:
            return r.choice(("Noncontributory.", "Non-contributory", "No family history of heart disease.",
                             "Unknown (adopted)."))
        rel, prob = r.choice(RELATIVES), r.choice(FAMILY_PROBLEMS)
        age = r.randint(40, 80)
        out = r.choice((f"{rel.capitalize()} with {prob}.", f"{rel.capitalize()} had {prob} in her {age}s."
                        if rel in ("mother", "sister", "maternal grandmother") else f"{rel.capitalize()} died of {prob} at {age}.",
                        f"Family history of {prob} in {self.poss} {rel}.", f"FHx: {rel} - {prob}"))
        if r.random() < 0.4:
            rel2, prob2 = r.choice(RELATIVES), r.choice(FAMILY_PROBLEMS)
            out += f" {rel2.capitalize()} with {prob2}."
        return out

    def hpi(self) -> str:
        r = self.rng
        pmh = ", ".join(self.problem(k) for k in self.chronic[:3])
        sym = [self.symptom(s) for s in self.symptoms]
        syms = " and ".join(sym) if len(sym) < 3 else f"{sym[0]}, {sym[1]} and {sym[2]}"
        days = r.choice(("2 days", "3 days", "1 week", "several hours", "24 hours", "5 days"))
        first = r.choice((
            f"{self.age} y.o. {self.sex} with PMH of {pmh} who presents with {days} of {syms}.",
            f"{self.age}-year-old {'man' if self.sex == 'M' else 'woman'} with a history of {pmh} presenting with {syms} for {days}.",
            f"Pt is a {self.age}yo {self.sex} w/ {pmh} p/w {syms} x {days}.",
            f"This is a {self.age} year old {'male' if self.sex == 'M' else 'female'} with {pmh} who was in {self.poss} usual state of health until {days} ago when {self.pron.lower()} developed {syms}.",
        ))
        return f"{first} {self.negatives()} {r.choice(('', 'Was seen at ' + self.deid.hospital() + ' and transferred.', 'Took acetaminophen at home without relief.'))}".strip()

    def imaging_sentence(self, img: tuple, when: str = "") -> str:
        r = self.rng
        names, findings = img
        name, finding = r.choice(names), r.choice(findings)
        verb = r.choice(("showed", "revealed", "demonstrated", "was notable for", "showed"))
        lead = name[0].upper() + name[1:] if r.random() < 0.6 else name
        return r.choice((f"{lead}{when} {verb} {finding}.", f"{lead}{when}: {finding}."))

    # ---------------------------------------------------------------- note styles
    def discharge(self) -> str:
        r, d = self.rng, self.deid
        parts = [f"Admission Date:  {d.date()}              Discharge Date:   {d.date(3)}",
                 f"Date of Birth:  {d.date()}             Sex:   {self.sex}",
                 f"Service: {r.choice(SERVICES)}", ""]
        parts += [self.header("Allergies"), r.choice(ALLERGIES), ""]
        parts += [self.header("Attending"), d.name("First Name"), ""]
        cc = [self.symptom(s) for s in self.symptoms][:1] or ["weakness"]
        parts += [self.header("Chief Complaint"), cc[0], ""]
        if r.random() < 0.6:
            proc = self.procedure[0] if self.procedure else "None"
            parts += [self.header("Major Surgical or Invasive Procedure"), proc, ""]
        parts += [self.header("History of Present Illness", "HPI"), self.hpi(), ""]
        pmh = [self.problem(k) for k in self.chronic]
        pmh_text = self.items(pmh) if r.random() < 0.6 else ", ".join(pmh)
        psh = r.sample(PAST_SURGERIES, r.randint(0, 2))
        if psh:
            pmh_text += "\n" + ("s/p " if r.random() < 0.5 else "status post ") + psh[0]
        parts += [self.header("Past Medical History", "PMH"), pmh_text, ""]
        parts += [self.header("Social History"), r.choice((
            "Lives with wife. Former smoker, quit 10 years ago. Occasional EtOH.", "Lives alone. Denies tobacco, EtOH or illicit drugs.",
            "Retired teacher, lives with daughter. 30 pack-year smoking history.", "___")), ""]
        parts += [self.header("Family History"), self.family(), ""]
        parts += [self.header("Physical Exam"), f"Admission: {self.vitals()}\nGen: NAD\nLungs: {r.choice(('CTAB', 'crackles at bases', 'diffuse wheezes'))}\nExt: {r.choice(('no edema', '2+ pitting edema bilaterally', 'trace edema'))}", ""]
        parts += [self.header("Pertinent Results"), self.results(discharge=True), ""]
        parts += [self.header("Brief Hospital Course", "Hospital Course"), self.course(), ""]
        parts += [self.header("Medications on Admission"), self.items([self.drug_line(x, False) for x in self.home_drugs]), ""]
        dc = self.home_drugs + [x for x in self.acute_drugs[:1] if x not in self.home_drugs]
        parts += [self.header("Discharge Medications"), self.items([self.drug_line(x) for x in dc]), ""]
        parts += [self.header("Discharge Disposition"), r.choice(("Home", "Home With Service", "Extended Care")), ""]
        primary = self.problem(self.acute)
        secondary = ", ".join(self.problem(k) for k in self.chronic[:2])
        parts += [self.header("Discharge Diagnosis"), f"Primary: {primary}\nSecondary: {secondary}", ""]
        parts += [self.header("Discharge Condition"), r.choice(("Stable.", "Mental Status: Clear and coherent. Ambulatory - Independent.", "Good")), ""]
        parts += [self.header("Followup Instructions"), f"Follow up with Dr. {d.name()} in 1-2 weeks."]
        return "\n".join(parts)

    def results(self, discharge: bool) -> str:
        r = self.rng
        adm = {lab.name: self.value(lab) for lab in self.labs}
        lines = []
        if r.random() < 0.45:
            lines.append(self.mimic_dump(self.labs, adm, r.choice(("06:10AM", "10:45PM", "03:30PM"))))
        else:
            lines.append(r.choice(("Admission labs: ", "Labs on admission: ", "On admission: ", "ADMISSION LABS: "))
                         + ", ".join(self.lab_phrase(lab, adm[lab.name]) for lab in self.labs) + ".")
        for img in self.imaging:
            lines.append(self.imaging_sentence(img))
        if discharge and r.random() < 0.8:
            later = self.labs[: r.randint(2, len(self.labs))]
            dis = {lab.name: self.value(lab, float(adm[lab.name])) for lab in later}
            if r.random() < 0.4:
                lines.append(self.mimic_dump(later, dis, "07:00AM") + " (discharge)")
            else:
                lines.append(r.choice(("Discharge labs: ", "Labs on discharge: ", "At discharge: "))
                             + ", ".join(self.lab_phrase(lab, dis[lab.name]) for lab in later) + ".")
        return "\n".join(lines)

    def course(self) -> str:
        r = self.rng
        acute = self.problem(self.acute)
        drug = r.choice(self.acute_drugs)
        lines = [f"# {acute[0].upper() + acute[1:]}: " + r.choice((
            f"{self.pron} was started on {self.drug_line(drug, True)}.",
            f"Treated with {self.drug_line(drug, False)} with improvement.",
            f"Initially managed with {self.drug_line(drug, False)}; symptoms resolved by hospital day 3."))]
        if self.procedure:
            name, abbr = self.procedure
            shown = abbr if abbr and self.abbreviate else name
            lines.append(r.choice((f"{self.pron} underwent {shown} on {self.deid.date()} without complication.",
                                   f"{shown[0].upper() + shown[1:]} was performed on hospital day {r.randint(1, 4)}.",
                                   f"s/p {shown} {self.deid.date()}.")))
        for k in self.chronic[:3]:
            ds = [x for x in self.home_drugs if k in x.reasons]
            p = self.problem(k)
            if ds:
                lines.append(f"# {p}: " + r.choice((f"Continued home {self.drug_name(ds[0])}.",
                                                    f"{self.drug_name(ds[0])} was held on admission and restarted at discharge.",
                                                    f"Stable on {self.drug_line(ds[0], False)}.")))
            else:
                lines.append(f"# {p}: stable, no changes.")
        if self.labs and r.random() < 0.5:
            lab = self.labs[0]
            lines.append(f"{lab.written[0]} peaked at {self.value(lab)} and trended down with IV fluids.")
        return "\n".join(lines)

    def progress(self) -> str:
        r = self.rng
        soap = r.random() < 0.5
        parts = [r.choice(("Progress Note", "MICU Progress Note", "Hospitalist Daily Progress Note", "Medicine Progress Note")),
                 f"Date: {self.deid.date()}", ""]
        sym = self.symptom(self.symptoms[0])
        parts += ["S:" if soap else self.header("Subjective", "Interval History"),
                  r.choice((f"Feels better today. Still reports mild {sym}.", f"Overnight had worsening {sym}.",
                            f"Pt reports {sym} improved.")) + " " + self.negatives(), ""]
        labs = self.labs[: r.randint(3, len(self.labs))]
        vals = {lab.name: self.value(lab) for lab in labs}
        parts += ["O:" if soap else self.header("Objective"), self.vitals(),
                  r.choice(("Labs: ", "Labs today: ", "")) + ", ".join(self.lab_phrase(lab, vals[lab.name]) for lab in labs) + "."]
        if r.random() < 0.6:
            parts.append(self.imaging_sentence(self.imaging[0], r.choice(("", " today", " this morning"))))
        parts.append("")
        parts.append("A/P:" if soap else self.header("Assessment and Plan", "Assessment/Plan"))
        parts.append(f"{self.age} y.o. {self.sex} with {', '.join(self.problem(k) for k in self.chronic[:2])} admitted with {self.problem(self.acute)}.")
        plan = []
        drug = r.choice(self.acute_drugs)
        plan.append(f"{self.problem(self.acute)}: " + r.choice((f"continue {self.drug_line(drug, False)}", f"started {self.drug_line(drug, True)}",
                                                             f"day {r.randint(2, 6)} of {self.drug_name(drug)}")))
        for k in self.chronic[:3]:
            ds = [x for x in self.home_drugs if k in x.reasons]
            plan.append(f"{self.problem(k)}: " + (f"cont {self.drug_line(ds[0], False)}" if ds else "monitor"))
        if self.procedure:
            name, _ = self.procedure
            plan.append(r.choice((f"s/p {name} yesterday, site clean.", f"plan for {name} tomorrow.", f"{name} today.")))
        parts.append(self.items(plan))
        parts.append(r.choice(("Dispo: pending clinical improvement.", "FEN: regular diet. PPx: heparin SC. Code: Full.", "Code status: DNR/DNI.")))
        return "\n".join(parts)

    def ed(self) -> str:
        r = self.rng
        cc = self.symptom(self.symptoms[0])
        parts = [r.choice(("EMERGENCY DEPARTMENT NOTE", "ED Provider Note", "Emergency Department Visit")), "",
                 self.header("Chief Complaint", "CC"), cc, "", self.header("HPI", "History of Present Illness"), self.hpi(), ""]
        parts += [self.header("Review of Systems", "ROS"), self.negatives() + " All other systems reviewed and negative.", ""]
        parts += [self.header("Past Medical History", "PMH"), ", ".join(self.problem(k) for k in self.chronic), ""]
        parts += [self.header("Home Medications", "Medications"), self.items([self.drug_line(x, False) for x in self.home_drugs]), ""]
        parts += [self.header("Physical Exam"), self.vitals() + "\n" + r.choice(("Uncomfortable appearing.", "NAD, A&Ox3.")), ""]
        labs = self.labs[: r.randint(3, len(self.labs))]
        vals = {lab.name: self.value(lab) for lab in labs}
        course = ["Labs notable for " + ", ".join(self.lab_phrase(lab, vals[lab.name]) for lab in labs) + "."]
        course.append(self.imaging_sentence(self.imaging[0]))
        drug = r.choice(self.acute_drugs)
        course.append(r.choice((f"Given {self.drug_name(drug)} {r.choice(drug.doses)} {r.choice(drug.routes)} x1.",
                                f"Received {self.drug_line(drug, True)} in the ED.")))
        parts += [self.header("ED Course", "MDM"), " ".join(course), ""]
        parts += [self.header("Impression", "Assessment"), f"{self.problem(self.acute)}.", ""]
        parts += [self.header("Disposition"), r.choice(("Admit to medicine.", "Discharged home with PCP follow up.", "Admit to ICU."))]
        return "\n".join(parts)

    def radiology(self) -> str:
        r = self.rng
        names, findings = r.choice(IMAGING)
        exam = names[0]
        picked = r.sample(findings, min(len(findings), r.randint(1, 3)))
        indication = r.choice([self.symptom(s) for s in self.symptoms] + [self.problem(self.acute)])
        parts = [self.header("Examination", "Exam"), exam.upper() if self.upper else exam, "",
                 self.header("Indication", "History"), f"{self.age}-year-old {'man' if self.sex == 'M' else 'woman'} with {indication}. Evaluate.", "",
                 self.header("Comparison"), r.choice(("None.", f"{self.deid.date()}", "Prior study from XXXX.")), ""]
        if r.random() < 0.5:
            parts += [self.header("Technique"), r.choice(("Single frontal view.", "Axial images without contrast.", "PA and lateral views.")), ""]
        body = " ".join(f"There is {f}." if not f.startswith(("no ", "a ", "an ")) else f"{f[0].upper() + f[1:]}." for f in picked)
        parts += [self.header("Findings"), body, ""]
        parts += [self.header("Impression"), self.items([f[0].upper() + f[1:] + "." for f in picked])]
        return "\n".join(parts)


def generate_notes(count: int, seed: int = 13, styles: tuple[str, ...] = STYLES) -> Iterator[Note]:
    """`count` notes cycling through `styles`; note i depends only on (seed, i), so a longer run
    extends a shorter one with the same seed."""
    bad = set(styles) - set(STYLES)
    if bad or not styles:
        from clinqa.errors import UsageError

        raise UsageError(f"unknown note style(s) {sorted(bad) or styles}; choose from {', '.join(STYLES)}")
    for i in range(count):
        rng = random.Random(f"{seed}:{i}")
        style = styles[i % len(styles)]
        w = _Writer(rng)
        text = getattr(w, style)()
        yield Note(id=f"synth-{seed}-{i:06d}", text=text, metadata={"style": style, "seed": seed})
