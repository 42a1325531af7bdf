"""The cues `clinqa synth qa` reads notes with: the regexes of routes, frequencies and the cues
around a mention (negation, family history, plans, admission / discharge), the ICD-10-CM terms
that are no finding, and the drugs, procedures and imaging asked about when a note does not
mention them.

The clinical vocabulary itself (problems, symptoms and their abbreviations, lab names, units,
dose units) is the lexicon's (`clinqa.lexicon`), read by `mentions`; MIMIC-III's lab-dump labels
are `clinqa.synth.mimic`'s. Plain module-level constants, never changed by their readers.
"""

from __future__ import annotations

import re

# ICD-10-CM first-clause terms that are ordinary words in notes, not findings about the patient
# ("fever" is found before, as the lexicon's symptom).
ICD_STOP = {"pain", "fall", "other", "contact", "complication", "disease", "injury", "disorder", "abnormal",
            "symptoms", "problems", "history", "encounter", "observation", "examination", "screening",
            "carrier", "unknown", "fever", "follow-up", "sequelae", "stress", "care", "changes", "illness",
            "status", "state", "condition", "health", "findings", "process", "course", "acute", "chronic",
            "mild", "severe", "moderate", "primary", "secondary", "multiple", "single", "recurrent"}
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
# Drug-lexicon hits that are gases, food or plain words when they stand alone in a note (lab
# analytes - "potassium", "lactic acid" - are the lexicon's lab names, skipped as well).
NOT_A_DRUG = {"oxygen", "air", "water", "iron", "same", "today", "nitrogen"}

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
