"""The vocabularies `clinqa synth qa` reads notes with: curated problems, symptoms and labs the
ICD-10-CM titles and the drug lexicon miss, the regexes of doses, routes, frequencies and the
cues around a mention (negation, family history, plans, admission / discharge), and the drugs,
procedures and imaging asked about when a note does not mention them.

Plain module-level constants, read by `mentions` and `synthesizer` and never changed by them:
a finder that needs a larger table builds its own (see `mentions.PROBLEM_VOCAB`).
"""

from __future__ import annotations

import re

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
# this supplement (merged with COMMON_PROBLEMS in `mentions.PROBLEM_VOCAB`) instead of the
# stop list's generic reading.
COMMON_SYMPTOMS = ("fever", "chills", "cough", "nausea", "vomiting", "headache", "dizziness", "fatigue",
                   "palpitations", "syncope", "diarrhea", "wheezing", "dysuria", "weakness", "hemoptysis", "rash")

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
# Procedure abbreviations and variants -> the name questions ask with.
PROCEDURE_NAMES = {"egd": "upper endoscopy", "cardiac cath": "cardiac catheterization", "lap chole": "cholecystectomy",
                   "laparoscopic cholecystectomy": "cholecystectomy", "cabg": "coronary artery bypass grafting",
                   "pci": "percutaneous coronary intervention", "intubated": "intubation",
                   "picc": "PICC line placement", "picc line": "PICC line placement"}
# Words on a line that make it a family-history line without a header.
FAMILY_CUE = re.compile(r"(?i)\b(?:mother|father|sister|brother|grandmother|grandfather|aunt|uncle|sibling|"
                        r"family history|fhx|fh)\b")
# A procedure in a sentence that plans it has not been done.
PLANNED_CUE = re.compile(r"(?i)\b(?:plan(?:ned)? for|will (?:undergo|need|have)|scheduled for|consider|recommend(?:ed)?|"
                         r"if needed|outpatient)\b")
# Words on a value's line (or the header above it) that date it to admission or discharge.
WHEN_CUES = (("discharge", re.compile(r"(?i)\bdischarge\b|\bon d/c\b")),
             ("admission", re.compile(r"(?i)\badmission\b|\badmit\b|\bpresentation\b|\binitial\b|\bon arrival\b")))
