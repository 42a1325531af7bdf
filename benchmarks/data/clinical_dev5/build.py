#!/usr/bin/env python3
"""Build dev5.json and cells.jsonl for clinical_dev5 from answer *texts* (standard library only).

Answer/cell text specs:
  "text"              -> must occur exactly once as a whole token sequence
  ("text", n)         -> n-th (0-based) whole-token occurrence
  ("text", "anchor")  -> the single occurrence inside the unique anchor string
  ("text", "all")     -> every occurrence (each becomes an alternative / a span)
The build stops with an error on a missing, ambiguous or token-internal text.
Question tuples: (question, category, answer type, [specs], verdict[, language]).
Cells: yes_no/number/date concepts -> (values, [specs], note); span/list concepts -> ([specs], note).
"""
import json, re, sys
from pathlib import Path
HERE = Path(__file__).resolve().parent

def die(msg):
    sys.exit("BUILD ERROR: " + msg)

def occurrences(ctx, text, lo=0, hi=None):
    hi = len(ctx) if hi is None else hi
    out, i = [], ctx.find(text, lo)
    while i != -1 and i + len(text) <= hi:
        ok = not (text[0].isalnum() and i > 0 and ctx[i - 1].isalnum())
        e = i + len(text)
        ok = ok and not (text[-1].isalnum() and e < len(ctx) and ctx[e].isalnum())
        if ok:
            out.append(i)
        i = ctx.find(text, i + 1)
    return out

def locate(ctx, spec, where):
    if isinstance(spec, str):
        occ = occurrences(ctx, spec)
        if len(occ) != 1:
            die(f"{where}: {spec!r} found {len(occ)} times as whole token (raw {ctx.count(spec)})")
        return [(occ[0], spec)]
    text, how = spec
    occ = occurrences(ctx, text)
    if how == "all":
        if not occ: die(f"{where}: {text!r} not found")
        return [(o, text) for o in occ]
    if isinstance(how, int):
        if how >= len(occ): die(f"{where}: {text!r} occurrence {how} of {len(occ)}")
        return [(occ[how], text)]
    if ctx.count(how) != 1:
        die(f"{where}: anchor {how!r} found {ctx.count(how)} times")
    a = ctx.find(how)
    inside = occurrences(ctx, text, a, a + len(how))
    if len(inside) != 1:
        die(f"{where}: {text!r} found {len(inside)} times inside anchor {how!r}")
    return [(inside[0], text)]


NOTES = {}   # id -> (note_type, style)
QAS = {}     # id -> list of (question, category, answer_type, [specs], verdict[, language])
CELLS = {}   # id -> {concept: spec}
ABSENT_NOTES = {}  # id -> {concept: justification}

T = {"yn": "yes_no", "num": "number", "span": "span", "date": "date", "list": "list"}
# ---------------------------------------------------------------- ie_dc_01
NOTES["ie_dc_01"] = ("discharge_summary", "Irish university-hospital medical discharge summary: ED -> AMAU pathway, NCHD author, medical card and PHN (public health nurse) lines, Irish/UK ward abbreviations (PMHx, 3/7, x3/week, RA = room air and RA = rheumatoid arthritis, Kardex), space-aligned blood table with dd/mm columns, dd/mm/yyyy dates, numbered Kardex-reconciled discharge list with HELD and STOPPED lines")
QAS["ie_dc_01"] = [
    ("Na on admission?", "Lab Reports", "num", [("126", "all")], None),
    ("Most recent sodium?", "Lab Reports", "num", ["137"], None),
    ("Peak CRP?", "Lab Reports", "num", ["388"], None),
    ("CRP on 08/05?", "Lab Reports", "num", [("64", "388      64")], None),
    ("Creatinine on admission?", "Lab Reports", "num", ["241"], None),
    ("Creat at discharge?", "Lab Reports", "num", [("122", "all")], None),
    ("What is her baseline creatinine?", "Lab Reports", "num", ["105"], None),
    ("WCC on admission?", "Lab Reports", "num", ["21.3"], None),
    ("Lowest Hb during the admission?", "Lab Reports", "num", ["109"], None),
    ("K on admit?", "Lab Reports", "num", ["5.4"], None),
    ("What was the lactate on arrival?", "Lab Reports", "num", ["4.1"], None),
    ("What was the BP after the fluid bolus?", "Lab Reports", "span", ["104/61"], None),
    ("First BP in ED?", "Lab Reports", "span", ["86/50"], None),
    ("SpO2 on arrival?", "Lab Reports", "num", ["94% on RA", "94%"], None),
    ("Was she on supplemental oxygen in ED?", "Procedure", "yn", ["SpO2 94% on RA"], "no"),
    ("Does she have rheumatoid arthritis?", "Diagnosis", "yn", ["RA (methotrexate, under Dr Hession, Rheum)"], "yes"),
    ("What organism grew in the cultures?", "Lab Reports", "span", ["E. coli, ESBL", "ESBL-producing E. coli"], None),
    ("Why was piperacillin-tazobactam changed to meropenem?", "Medication", "span", ["when the ESBL isolate was reported", "the ESBL isolate was reported"], None),
    ("When was she switched to oral antibiotics?", "Medication", "date", [("08/05", "oral ciprofloxacin on 08/05")], None),
    ("Until when does she take ciprofloxacin?", "Medication", "date", ["16/05/2184"], None),
    ("How long is the total antibiotic course?", "Medication", "span", ["14 days in total", "14 days"], None),
    ("Was methotrexate stopped?", "Medication", "yn", ["HELD: Methotrexate 15 mg weekly", "Methotrexate was held on admission"], "no"),
    ("When can methotrexate be restarted?", "Medication", "date", ["restart 23/05 if FBC/LFTs satisfactory", ("23/05", "restart 23/05")], None),
    ("Why was solifenacin stopped?", "Medication", "span", ["PVR 190 mL on bladder scan and anticholinergic burden"], None),
    ("What is the metformin dose now?", "Medication", "span", [("500 mg PO BD", "Metformin 500 mg PO BD")], None),
    ("Why was the metformin dose reduced?", "Medication", "span", ["given eGFR 38", "eGFR 38"], None),
    ("Has ramipril been restarted?", "Medication", "yn", ["NOT yet restarted"], "no"),
    ("When should the GP restart ramipril?", "Medication", "span", ["if creat < 130", "GP to restart if creat < 130"], None),
    ("Secondary diagnoses?", "Diagnosis", "list", ["AKI stage 2 on CKD G3a, pre-renal - improving", "Hypovolaemic hyponatraemia - resolved", "Hyperglycaemia on a background of T2DM"], None),
    ("Discharge meds?", "Medication", "list", ["Ciprofloxacin 500 mg PO BD until 16/05/2184", "Metformin 500 mg PO BD", "Gliclazide MR 60 mg mane", "Alendronic acid 70 mg weekly (Saturdays)", "Folic acid 5 mg weekly", "Calcichew D3 Forte 1 tab BD", "Paracetamol 1 g QDS PRN"], None),
    ("Which new medicine is she going home on?", "Medication", "span", ["Ciprofloxacin 500 mg PO BD until 16/05/2184"], None),
    ("Is she allergic to codeine?", "Medication", "yn", ["intolerance, not allergy"], "no"),
    ("What reaction did nitrofurantoin cause?", "Medication", "span", ["acute lung reaction"], None),
    ("Does she smoke?", "Other", "yn", ["Never smoked"], "no"),
    ("Did she have chest pain?", "Symptoms", "yn", ["Denied chest pain"], "no"),
    ("Was she febrile on arrival?", "Symptoms", "yn", ["T 39.2"], "yes"),
    ("Does she have kidney stones?", "Diagnosis", "yn", ["no calculus", "No hx of renal calculi"], "no"),
    ("Was there hydronephrosis on ultrasound?", "Diagnosis", "yn", ["no hydronephrosis"], "no"),
    ("Was a CT KUB done?", "Procedure", "yn", ["CT KUB was considered but not required"], "no"),
    ("What did the CXR show?", "Procedure", "span", ["lungs clear, no effusion, heart size normal", "lungs clear"], None),
    ("Date of discharge?", "Other", "date", ["09/05/2184"], None),
    ("Where was she discharged to?", "Other", "span", ["Own home; home help increased to daily for 2 weeks", "Own home"], None),
    ("Did she hit her head when she fell?", "Symptoms", "yn", ["no head injury"], "no"),
    ("Was insulin continued after discharge?", "Medication", "yn", ["Insulin sliding scale and prophylactic enoxaparin were inpatient only"], "no"),
    ("¿Qué antibiótico toma al alta?", "Medication", "span", ["Ciprofloxacin 500 mg PO BD until 16/05/2184", "oral ciprofloxacin"], None, "es"),
    ("Czy pacjentka otrzymywała w szpitalu enoksaparynę?", "Medication", "yn", ["prophylactic enoxaparin were inpatient only"], "yes", "pl"),
    ("What was the HbA1c?", "Lab Reports", "num", [], None),
    ("Troponin?", "Lab Reports", "num", [], None),
    ("Platelet count on admission?", "Lab Reports", "num", [], None),
    ("What was her urine output in the first 24 hours?", "Lab Reports", "num", [], None),
    ("Weight in kg?", "Lab Reports", "num", [], None),
    ("Magnesium level?", "Lab Reports", "num", [], None),
    ("Is she on warfarin?", "Medication", "yn", [], "not_mentioned"),
    ("Was a urinary catheter inserted?", "Procedure", "yn", [], "not_mentioned"),
    ("Wie hoch war der Blutzucker bei Aufnahme?", "Lab Reports", "num", [], None, "de"),
]
CELLS["ie_dc_01"] = {
    "chief_complaint": (["3/7 of rigors, right loin pain and dysuria"], "no CC label; the presenting complaint"),
    "principal_diagnosis": (["Urosepsis - right pyelonephritis, ESBL-producing E. coli"], "diagnosis 1, marked principal"),
    "secondary_diagnoses": (["AKI stage 2 on CKD G3a, pre-renal", "Hypovolaemic hyponatraemia", "Hyperglycaemia on a background of T2DM"], "diagnoses 2-4"),
    "past_medical_history": (["T2DM (tablets)", "HTN", ("RA", "HTN, RA ("), ("CKD G3a", "CKD G3a (baseline"), "osteoporosis", "hysterectomy"], "RA here is rheumatoid arthritis ('on RA' elsewhere is room air)"),
    "allergies": (["Nitrofurantoin - acute lung reaction"], "codeine nausea is 'intolerance, not allergy'"),
    "presenting_symptoms": (["rigors", "right loin pain", "dysuria", "vomiting x2", "poor oral intake"], "the fall at home is the event that brought her in"),
    "symptom_duration": (["3 days", "3"], ["3/7"], "'3/7' = three days"),
    "fever": ("yes", ["T 39.2"], ""),
    "chest_pain": ("no", ["Denied chest pain"], ""),
    "max_temperature": (["39.2 C", "39.2"], ["39.2"], "only temperature recorded"),
    "oxygen_saturation": (["94%", "94"], ["SpO2 94% on RA"], "on room air"),
    "heart_rate": (["124"], ["HR 124"], ""),
    "blood_pressure": (["86/50"], "earliest; 104/61 after 1.5 L Hartmann's"),
    "wbc": (["21.3", "21.3 x10^9/L"], ["21.3"], "earliest; 14.8 on 05/05, 8.9 on 08/05"),
    "hemoglobin": (["118 g/L", "118", "11.8 g/dL"], ["118"], "earliest; 109 on 05/05, 112 on 08/05"),
    "creatinine": (["241 umol/L", "241"], ["241"], "earliest (and peak); 122 on 08/05; baseline ~105"),
    "potassium": (["5.4 mmol/L", "5.4"], ["5.4"], "earliest; 4.0 on 08/05"),
    "chest_imaging": (["lungs clear, no effusion, heart size normal"], ""),
    "antibiotics": (["piperacillin-tazobactam", "IV meropenem", "oral ciprofloxacin"], "pip-tazo -> meropenem (ESBL) -> oral ciprofloxacin"),
    "discharge_medications": (["Ciprofloxacin 500 mg PO BD until 16/05/2184", "Metformin 500 mg PO BD", "Gliclazide MR 60 mg mane", "Alendronic acid 70 mg weekly (Saturdays)", "Folic acid 5 mg weekly", "Calcichew D3 Forte 1 tab BD", "Paracetamol 1 g QDS PRN"], "methotrexate and ramipril are HELD, not on the active list"),
    "new_medications": (["Ciprofloxacin 500 mg PO BD until 16/05/2184"], "the only NEW line; metformin dose reduced (neither new nor stopped); meropenem, pip-tazo, sliding-scale insulin and prophylactic enoxaparin inpatient only"),
    "stopped_medications": (["Solifenacin 5 mg OD"], "methotrexate and ramipril are held, not stopped (convention 4)"),
    "admission_date": (["2184-05-03"], ["03/05/2184"], "dd/mm/yyyy (Irish)"),
    "discharge_date": (["2184-05-09"], ["09/05/2184"], ""),
    "length_of_stay": (["6 days", "6"], ["03/05/2184", "09/05/2184"], "derived from the two dates"),
    "discharge_condition": (["Afebrile > 72 h, eating and drinking, mobile with rollator, creat 122"], ""),
    "discharge_disposition": (["Own home; home help increased to daily for 2 weeks"], ""),
    "smoking": ("no", ["Never smoked"], ""),
    "follow_up": (["GP: U&E and creatinine in 1 week; decision on ramipril", "Rheumatology OPD as scheduled (June)"], "'No routine urology follow-up needed' is not follow-up"),
    "consolidation": ("no", ["lungs clear"], "'lungs clear' on the CXR read as no consolidation"),
    "pleural_effusion": ("no", ["no effusion"], ""),
    "cardiomegaly": ("no", ["heart size normal"], ""),
}
ABSENT_NOTES["ie_dc_01"] = {
    "admission_diagnosis": "no separate admission/working diagnosis; the numbered list is the discharge diagnosis",
    "troponin": "not measured",
    "procedures": "IV fluids, sepsis bundle and bladder scan are treatment or bedside tests; US KUB and CXR are imaging; CT KUB not done",
    "surgery": "hysterectomy is past history",
    "anticoagulation": "prophylactic enoxaparin only, inpatient (heldout2 convention: not anticoagulation)",
    "pneumothorax": "not mentioned",
}
# ---------------------------------------------------------------- in_dc_01
NOTES["in_dc_01"] = ("discharge_summary", "Indian tertiary-hospital discharge summary: UHID/IP No. header, CAPS diagnosis block with K/C/O, 'Chief complaints' with 'x 5 days' durations, Indian shorthand (h/o, BA, NFND, P/A, SOS, RL/NS, OHA, SDP), examination sign list with '-', space-aligned lab table by dd.mm date columns with Indian units (gm%, /cumm, platelets in thousands and lakh, SGOT/SGPT), 'Course in the hospital' prose, Tab./Inj. medicines with 1-0-1 dosing schedules, dd.mm.yyyy dates")
QAS["in_dc_01"] = [
    ("Platelet count on admission?", "Lab Reports", "num", ["62,000"], None),
    ("Lowest platelet count?", "Lab Reports", "num", [("18,000", "all")], None),
    ("Platelets at discharge?", "Lab Reports", "num", ["1.12 lakh"], None),
    ("Peak PCV?", "Lab Reports", "num", ["49"], None),
    ("TLC on admission?", "Lab Reports", "num", ["2,900"], None),
    ("SGPT on 16.08?", "Lab Reports", "num", ["198"], None),
    ("S. creatinine at discharge?", "Lab Reports", "num", [("0.9", "1.0       -         0.9")], None),
    ("Pulse rate on admission?", "Lab Reports", "num", ["PR 108/min", "108/min"], None),
    ("Temperature on examination?", "Lab Reports", "num", ["101.4 F"], None),
    ("BP at discharge?", "Lab Reports", "span", ["118/76 mmHg", "118/76"], None),
    ("What was the HbA1c?", "Lab Reports", "num", ["8.4%"], None),
    ("RBS on admission?", "Lab Reports", "num", ["312 mg/dl"], None),
    ("Was the dengue IgM positive?", "Lab Reports", "yn", ["Dengue IgM: Negative"], "no"),
    ("Does he have malaria?", "Diagnosis", "yn", ["MP smear (QBC): Negative"], "no"),
    ("Was scrub typhus ruled out?", "Diagnosis", "yn", ["Scrub typhus IgM: Negative (16.08)", "once IgM came negative"], "yes"),
    ("Does he have leptospirosis?", "Diagnosis", "yn", ["Leptospira IgM: Negative"], "no"),
    ("Did he develop dengue shock syndrome?", "Diagnosis", "yn", ["Dengue shock syndrome did not develop"], "no"),
    ("Did he have any bleeding?", "Symptoms", "yn", ["he had gum\nbleeding"], "yes"),
    ("Was a platelet transfusion given?", "Procedure", "yn", ["1 unit SDP (single donor platelets) transfused"], "yes"),
    ("On which date was the SDP transfused?", "Procedure", "date", [("16.08", "On 16.08 (day 7")], None),
    ("Why was doxycycline started?", "Medication", "span", ["for possible scrub typhus"], None),
    ("When was doxycycline stopped?", "Medication", "date", [("16.08", "stopped on 16.08")], None),
    ("Is he discharged on doxycycline?", "Medication", "yn", ["stopped on 16.08 once IgM came negative"], "no"),
    ("Which painkillers must he avoid?", "Medication", "span", ["Avoid Aceclofenac, Ibuprofen, Aspirin and all painkillers other than Paracetamol", "Aceclofenac, Ibuprofen, Aspirin"], None),
    ("Should he continue aceclofenac after discharge?", "Medication", "yn", ["Avoid Aceclofenac"], "no"),
    ("What did the USG abdomen show?", "Procedure", "span", ["GB wall oedema, mild ascites, minimal right pleural effusion"], None),
    ("What did the chest X-ray show?", "Procedure", "span", ["blunting of right CP angle. Heart size normal. No consolidation", "blunting of right CP angle"], None),
    ("Does he have a pleural effusion?", "Diagnosis", "yn", ["minimal right pleural effusion"], "yes"),
    ("Is he a smoker?", "Other", "yn", ["Non-smoker"], "no"),
    ("Does he have coronary artery disease?", "Diagnosis", "yn", ["No h/o HTN / BA / TB / CAD / seizures"], "no"),
    ("Who in the family had a CABG?", "Other", "span", ["Father"], None),
    ("Does the patient have asthma?", "Diagnosis", "yn", ["No h/o HTN / BA / TB / CAD / seizures"], "no"),
    ("What is he allergic to?", "Medication", "span", ["Sulfa drugs - rash with lip swelling", "Sulfa drugs"], None),
    ("How were his sugars managed in hospital?", "Medication", "span", ["Inj. Human Actrapid as per sliding scale", "sugars covered with Inj. Human Actrapid as per sliding scale"], None),
    ("When were the OHAs restarted?", "Medication", "date", ["18.08"], None),
    ("Discharge medications?", "Medication", "list", ["Tab. Metformin 500 mg 1-0-1 (after food)", "Tab. Glimepiride 1 mg 1-0-0 (before breakfast)", "Tab. Levothyroxine 50 mcg 1-0-0 (empty stomach)", "Tab. Pantoprazole 40 mg 1-0-0 x 5 days", "Tab. Paracetamol 650 mg SOS", "Tab. Vitamin C 500 mg 0-1-0 x 10 days"], None),
    ("Which medicines are new at discharge?", "Medication", "list", ["Tab. Pantoprazole 40 mg 1-0-0 x 5 days", "Tab. Paracetamol 650 mg SOS", "Tab. Vitamin C 500 mg 0-1-0 x 10 days"], None),
    ("How often does he take metformin?", "Medication", "span", [("1-0-1", "Metformin 500 mg 1-0-1 (after food)")], None),
    ("For how long is pantoprazole continued?", "Medication", "span", [("5 days", "40 mg 1-0-0 x 5 days")], None),
    ("When should he take paracetamol?", "Medication", "span", ["SOS for fever > 100 F (max 3 tablets/day)", "for fever > 100 F"], None),
    ("Date of OPD review?", "Other", "date", ["24.08.2186"], None),
    ("Date of admission?", "Other", "date", ["14.08.2186"], None),
    ("How many days of fever before admission?", "Symptoms", "span", [("5 days", "Fever x 5 days")], None),
    ("On which day of illness did he bleed?", "Symptoms", "span", ["day 7 of illness"], None),
    ("¿Cuál fue el recuento de plaquetas más bajo?", "Lab Reports", "num", [("18,000", "all")], None, "es"),
    ("Welche Diagnose wurde bei Entlassung gestellt?", "Diagnosis", "span", ["DENGUE FEVER (NS1 POSITIVE) WITH WARNING SIGNS - THROMBOCYTOPENIA, POLYSEROSITIS", "DENGUE FEVER (NS1 POSITIVE) WITH WARNING SIGNS"], None, "de"),
    ("Serum sodium?", "Lab Reports", "num", [], None),
    ("INR?", "Lab Reports", "num", [], None),
    ("Potassium on admission?", "Lab Reports", "num", [], None),
    ("CRP?", "Lab Reports", "num", [], None),
    ("What was his weight?", "Lab Reports", "num", [], None),
    ("Serum albumin?", "Lab Reports", "num", [], None),
    ("Dengue IgG?", "Lab Reports", "span", [], None),
    ("Were blood cultures sent?", "Lab Reports", "yn", [], "not_mentioned"),
    ("Czy wykonano echokardiografię?", "Procedure", "yn", [], "not_mentioned", "pl"),
]
CELLS["in_dc_01"] = {
    "chief_complaint": (["Fever x 5 days, high grade, with chills"], "first of the listed chief complaints"),
    "principal_diagnosis": (["DENGUE FEVER (NS1 POSITIVE) WITH WARNING SIGNS - THROMBOCYTOPENIA, POLYSEROSITIS"], ""),
    "secondary_diagnoses": (["K/C/O TYPE 2 DIABETES MELLITUS - UNCONTROLLED", "K/C/O HYPOTHYROIDISM"], "K/C/O = known case of; comorbidities in the diagnosis block"),
    "past_medical_history": (["T2DM x 8 yrs on OHA", "hypothyroidism x 3 yrs on replacement"], "'No h/o HTN / BA / TB / CAD / seizures' are negatives; CAD is the father's"),
    "allergies": (["Sulfa drugs - rash with lip swelling"], ""),
    "presenting_symptoms": ([("Fever", "Fever x 5 days"), ("Body ache", "Body ache and retro"), "retro-orbital pain", ("Vomiting", "Vomiting x 2 days"), "Decreased urine output"], "the chief complaints; petechiae and gum bleeding are signs/events"),
    "symptom_duration": (["5 days", "5"], [("5 days", "Fever x 5 days")], "fever for 5 days (the longest complaint)"),
    "fever": ("yes", ["Temp 101.4 F"], "101.4 F = 38.6 C"),
    "max_temperature": (["101.4 F", "101.4", "38.6 C", "38.6"], ["101.4 F"], "only temperature recorded; Fahrenheit"),
    "oxygen_saturation": (["97%", "97"], ["SpO2 97% on RA"], ""),
    "heart_rate": (["108"], ["PR 108/min"], "PR = pulse rate; 82 at discharge"),
    "blood_pressure": (["100/70"], "admission; 118/76 at discharge"),
    "wbc": (["2,900", "2900", "2.9", "2.9 x10^9/L"], ["2,900"], "TLC per cumm; earliest; 6,100 on 19.08"),
    "hemoglobin": (["14.8 gm%", "14.8", "14.8 g/dL"], ["14.8"], "earliest; peak 15.9 (haemoconcentration), 13.1 on 19.08"),
    "creatinine": (["1.1 mg/dl", "1.1"], ["1.1"], "earliest; 0.9 on 19.08"),
    "chest_imaging": (["blunting of right CP angle. Heart size normal. No consolidation"], ""),
    "procedures": (["1 unit SDP (single donor platelets) transfused"], "platelet transfusion is a transfusion (convention 3); USG and CXR are imaging"),
    "antibiotics": (["Inj. Doxycycline 100 mg IV BD"], "empirical, stopped 16.08"),
    "discharge_medications": (["Tab. Metformin 500 mg 1-0-1 (after food)", "Tab. Glimepiride 1 mg 1-0-0 (before breakfast)", "Tab. Levothyroxine 50 mcg 1-0-0 (empty stomach)", "Tab. Pantoprazole 40 mg 1-0-0 x 5 days", "Tab. Paracetamol 650 mg SOS", "Tab. Vitamin C 500 mg 0-1-0 x 10 days"], ""),
    "new_medications": (["Tab. Pantoprazole 40 mg 1-0-0 x 5 days", "Tab. Paracetamol 650 mg SOS", "Tab. Vitamin C 500 mg 0-1-0 x 10 days"], "not in the drug history; metformin and glimepiride were withheld and restarted; IV pantoprazole, Actrapid and doxycycline inpatient only"),
    "stopped_medications": (["Tab. Aceclofenac 100 mg SOS"], "self-medicated NSAID; the advice says avoid it"),
    "admission_date": (["2186-08-14"], ["14.08.2186"], ""),
    "discharge_date": (["2186-08-19"], ["19.08.2186"], ""),
    "length_of_stay": (["5 days", "5"], ["14.08.2186", "19.08.2186"], "derived from the two dates"),
    "discharge_condition": (["Afebrile for 72 hours, hemodynamically stable, taking orally well"], ""),
    "smoking": ("no", ["Non-smoker"], ""),
    "follow_up": (["Medicine OPD (Unit II) on 24.08.2186 with CBC and LFT", "Repeat HbA1c after 3 months"], ""),
    "consolidation": ("no", ["No consolidation"], "CXR"),
    "pleural_effusion": ("yes", ["minimal right pleural effusion", "blunting of right CP angle"], "USG and CXR"),
    "cardiomegaly": ("no", ["Heart size normal"], ""),
}
ABSENT_NOTES["in_dc_01"] = {
    "admission_diagnosis": "no separate admission diagnosis; the diagnosis block is the final diagnosis",
    "chest_pain": "not mentioned",
    "potassium": "not reported", "troponin": "not measured",
    "surgery": "none",
    "anticoagulation": "not mentioned",
    "discharge_disposition": "not stated (OPD review implies home, but no destination is written)",
    "pneumothorax": "not mentioned",
}
# ---------------------------------------------------------------- za_ed_01
NOTES["za_ed_01"] = ("emergency", "South African district-hospital Emergency Centre record: SATS triage colour and TEWS, 'h' clock times (23h10), local abbreviations (RVD = retroviral disease, TLD, VL LDL, PTB, HGT, CMO, Sr, dagga, UWSD, SAPS, J88; ICD = intercostal drain), ABCDE primary survey lines, numbered EC procedures, timed re-assessment crossing midnight, dd/mm/yyyy dates, admission to a surgical ward")
QAS["za_ed_01"] = [
    ("SATS triage colour?", "Other", "span", ["ORANGE"], None),
    ("TEWS score?", "Lab Reports", "num", ["TEWS 6"], None),
    ("Time of arrival?", "Other", "span", ["23h10"], None),
    ("HR at triage?", "Lab Reports", "num", [("118", "all")], None),
    ("SpO2 at triage?", "Lab Reports", "num", ["88% RA"], None),
    ("SpO2 at 01h30?", "Lab Reports", "num", ["97% on 2 L"], None),
    ("Heart rate at re-assessment?", "Lab Reports", "num", ["HR 94"], None),
    ("BP at 01h30?", "Lab Reports", "span", ["122/78"], None),
    ("RR on arrival?", "Lab Reports", "num", [("RR 28", "all")], None),
    ("What was the Hb?", "Lab Reports", "num", ["13.6", "13.1"], None),
    ("Creatinine?", "Lab Reports", "num", ["81"], None),
    ("HGT at triage?", "Lab Reports", "num", ["6.1"], None),
    ("What did the first CXR show?", "Procedure", "span", ["L pneumothorax approx 30%, no mediastinal shift, small L haemothorax (meniscus at CP angle)", "L pneumothorax approx 30%"], None),
    ("How big was the pneumothorax?", "Diagnosis", "span", ["approx 30%"], None),
    ("Was the mediastinum shifted?", "Diagnosis", "yn", ["no mediastinal shift"], "no"),
    ("Was there a cardiac injury?", "Diagnosis", "yn", ["No cardiac injury on eFAST", "no pericardial fluid"], "no"),
    ("Free fluid in the abdomen on eFAST?", "Diagnosis", "yn", ["no free fluid in abdomen"], "no"),
    ("Any rib fractures?", "Diagnosis", "yn", ["No rib fractures seen"], "no"),
    ("What size ICD was inserted?", "Procedure", "span", ["28 Fr"], None),
    ("Where was the ICD placed?", "Procedure", "span", ["L 5th ICS MAL"], None),
    ("Who inserted the chest drain?", "Procedure", "span", ["Dr Naidoo", "Dr L. Naidoo"], None),
    ("How much drained when the ICD went in?", "Procedure", "num", ["180 mL haemoserous blood", ("180 mL", "Drained 180 mL")], None),
    ("Total ICD output at 01h30?", "Procedure", "num", ["230 mL"], None),
    ("Was a thoracotomy performed?", "Procedure", "yn", ["Thoracotomy not indicated"], "no"),
    ("Which procedures were done in the EC?", "Procedure", "list", ["ICD (intercostal drain) 28 Fr, L 5th ICS MAL", "Wound L chest cleaned and closed with 2 x 3/0 nylon"], None),
    ("What antibiotic was given?", "Medication", "span", ["Cefazolin 1 g IV stat", "Cefazolin"], None),
    ("Why was cefazolin given?", "Medication", "span", ["ICD prophylaxis"], None),
    ("Was tetanus prophylaxis given?", "Medication", "yn", ["Tetanus toxoid 0.5 mL IM"], "yes"),
    ("How much morphine was given?", "Medication", "span", ["Morphine 4 mg IV + 2 mg IV", "4 mg IV + 2 mg IV"], None),
    ("Is he HIV positive?", "Diagnosis", "yn", ["RVD (dx 2182) on TLD"], "yes"),
    ("What ARV regimen is he on?", "Medication", "span", ["TLD 1 tab nocte", ("TLD", "on TLD 1 tab")], None),
    ("Last CD4 count?", "Lab Reports", "num", ["412"], None),
    ("What was the last viral load?", "Lab Reports", "span", ["LDL"], None),
    ("Does he have active TB?", "Diagnosis", "yn", ["PTB 2183 - completed 6/12 Rx, cured"], "no"),
    ("Does he smoke?", "Other", "yn", ["Smoker 10/day"], "yes"),
    ("Allergies?", "Medication", "span", ["cotrimoxazole - SJS (2182)", "cotrimoxazole"], None),
    ("Is he diabetic?", "Diagnosis", "yn", ["no DM"], "no"),
    ("Date of the EC visit?", "Other", "date", [("22/11/2187", "Date: 22/11/2187")], None),
    ("Where was he admitted?", "Other", "span", ["Surgical Ward B"], None),
    ("When can the drain come out?", "Procedure", "span", ["when < 100 mL/24 h and no air leak"], None),
    ("When is the repeat CXR due?", "Procedure", "span", ["06h00"], None),
    ("What did the post-ICD CXR show?", "Procedure", "span", ["L lung re-expanded, drain tip apex, no residual pneumothorax, CP angle clear"], None),
    ("Did he lose consciousness?", "Symptoms", "yn", ["Denies LOC"], "no"),
    ("Was it a sucking chest wound?", "Diagnosis", "yn", ["not sucking"], "no"),
    ("¿Qué analgesia se pautó para la planta?", "Medication", "span", ["paracetamol 1 g 6-hourly + tramadol 50 mg 8-hourly PRN"], None, "es"),
    ("Quelle était la saturation en oxygène à l'arrivée ?", "Lab Reports", "num", ["88% RA"], None, "fr"),
    ("Does he have an implantable cardioverter-defibrillator?", "Procedure", "yn", [], "not_mentioned"),
    ("Troponin?", "Lab Reports", "num", [], None),
    ("INR?", "Lab Reports", "num", [], None),
    ("Blood alcohol level?", "Lab Reports", "num", [], None),
    ("Temperature at 01h30?", "Lab Reports", "num", [], None),
    ("Was a CT chest done?", "Procedure", "yn", [], "not_mentioned"),
    ("Sodium?", "Lab Reports", "num", [], None),
    ("GCS at the 01h30 re-assessment?", "Lab Reports", "num", [], None),
    ("Czy podano kwas traneksamowy?", "Medication", "yn", [], "not_mentioned", "pl"),
]
CELLS["za_ed_01"] = {
    "chief_complaint": (["Stabbed once L chest with a knife"], "no CC label; the presenting complaint"),
    "admission_diagnosis": (["Penetrating L chest injury with L haemopneumothorax"], "EC assessment leading to the ward admission"),
    "past_medical_history": (["RVD", ("PTB", "PTB 2183")], "RVD = retroviral disease (HIV); PTB treated and cured"),
    "allergies": (["cotrimoxazole - SJS (2182)"], ""),
    "presenting_symptoms": (["SOB", "Pain 8/10 at wound site, pleuritic"], ""),
    "chest_pain": ("yes", ["Pain 8/10 at wound site, pleuritic"], "pleuritic pain at the chest stab wound"),
    "max_temperature": (["36.4 C", "36.4"], [("36.4", "all")], "only temperature recorded (twice)"),
    "oxygen_saturation": (["88%", "88"], ["SpO2 88% RA"], "triage; 97% on 2 L at 01h30"),
    "heart_rate": (["118"], [("HR 118", "all")], "triage and primary survey; 94 at 01h30"),
    "blood_pressure": ([("108/72", "all")], "triage and primary survey; 122/78 at 01h30"),
    "wbc": (["9.4"], ["9.4"], ""),
    "hemoglobin": (["13.6 g/dL", "13.6", "136 g/L", "13.1"], ["13.6", "13.1"], "lab 13.6 and point-of-care HemoCue 13.1 reported together on arrival; both accepted"),
    "creatinine": (["81 umol/L", "81"], ["81"], ""),
    "potassium": (["3.9 mmol/L", "3.9"], ["3.9"], ""),
    "chest_imaging": (["L pneumothorax approx 30%, no mediastinal shift, small L haemothorax (meniscus at CP angle)", "L lung re-expanded, drain tip apex, no residual pneumothorax, CP angle clear"], "first CXR; the post-ICD film also accepted"),
    "procedures": (["ICD (intercostal drain) 28 Fr, L 5th ICS MAL", "Wound L chest cleaned and closed with 2 x 3/0 nylon"], "eFAST and CXR are imaging"),
    "antibiotics": (["Cefazolin 1 g IV stat"], "single prophylactic dose for the drain"),
    "new_medications": (["paracetamol 1 g 6-hourly", "tramadol 50 mg 8-hourly PRN"], "new ward analgesia orders; stat doses (morphine, IV paracetamol, cefazolin prophylaxis, tetanus toxoid) excluded; TLD continued"),
    "admission_date": (["2187-11-22"], [("22/11/2187", "Date: 22/11/2187")], "arrival date; admitted after midnight on 23/11"),
    "smoking": ("yes", ["Smoker 10/day"], "also cannabis (dagga)"),
    "pleural_effusion": ("yes", ["small L haemothorax (meniscus at CP angle)"], "judgement call: blood in the pleural space (haemothorax) counted as a pleural collection; CP angle clear after the drain"),
    "pneumothorax": ("yes", ["L pneumothorax approx 30%"], "first CXR; none after the drain"),
    "cardiomegaly": ("no", ["Heart size normal"], ""),
    "lines_tubes": (["ICD (intercostal drain) 28 Fr, L 5th ICS MAL"], "drain tip apex on the post-ICD film"),
}
ABSENT_NOTES["za_ed_01"] = {
    "principal_diagnosis": "not discharged (admitted to the surgical ward)", "secondary_diagnoses": "not discharged",
    "symptom_duration": "about 40 min (stab 22h30, arrival 23h10) but never stated as a duration",
    "fever": "only normal temperatures (36.4)",
    "troponin": "not measured",
    "surgery": "drain and wound closure are procedures; thoracotomy not indicated",
    "discharge_medications": "admitted, not discharged",
    "anticoagulation": "not mentioned",
    "stopped_medications": "none (TLD continued)",
    "discharge_date": "admitted", "length_of_stay": "admitted", "discharge_condition": "admitted",
    "discharge_disposition": "admission to a ward is not a discharge (convention 9)",
    "follow_up": "in-hospital plan only (ward care, repeat CXR, social worker referral)",
    "consolidation": "only 'R lung clear'; left lung not commented on",
}
# ---------------------------------------------------------------- obs_delivery_01
NOTES["obs_delivery_01"] = ("other", "delivery-suite birth summary (intrapartum record): obstetric header (Gravida/Para, EDD, gestation 39+4, blood group, GBS), clock-timed labour narrative, BIRTH / THIRD STAGE / BLOOD LOSS sections, Apgar and cord gases, space-aligned maternal observations table by clock time, dash postnatal plan, d/m/yyyy dates")
QAS["obs_delivery_01"] = [
    ("Gestation at birth?", "Other", "span", ["39+4"], None),
    ("Gravidity and parity before this birth?", "Other", "span", ["Gravida 3 Para 1 (+1 miscarriage)", "Gravida 3 Para 1"], None),
    ("Mother's blood group?", "Lab Reports", "span", ["O RhD negative"], None),
    ("GBS status?", "Lab Reports", "span", ["POSITIVE"], None),
    ("Which antibiotic was given for GBS?", "Medication", "span", ["Benzylpenicillin"], None),
    ("What benzylpenicillin doses were given?", "Medication", "span", ["3 g IV at 06:35 then 1.8 g IV at 10:35"], None),
    ("Time of SROM?", "Other", "span", ["05:10"], None),
    ("When was the epidural sited?", "Procedure", "span", ["07:15"], None),
    ("Why was an assisted birth needed?", "Procedure", "span", ["prolonged deceleration to 80 bpm for 4 minutes", "prolonged deceleration"], None),
    ("Mode of delivery?", "Procedure", "span", ["Ventouse (Kiwi OmniCup) birth", "Ventouse"], None),
    ("Time of birth?", "Other", "span", ["13:18"], None),
    ("Apgar at 5 minutes?", "Lab Reports", "num", [("9", "9 at 5 min")], None),
    ("Apgar at 1 min?", "Lab Reports", "num", [("6", "Apgar 6 at 1 min")], None),
    ("Birth weight?", "Lab Reports", "num", ["3.41 kg"], None),
    ("Arterial cord pH?", "Lab Reports", "num", ["7.18"], None),
    ("Venous cord pH?", "Lab Reports", "num", ["7.27"], None),
    ("Did the baby need resuscitation?", "Procedure", "yn", ["no resuscitation needed"], "no"),
    ("Was the baby admitted to the neonatal unit?", "Other", "yn", ["no NNU admission"], "no"),
    ("Baby's blood group?", "Lab Reports", "span", ["RhD positive"], None),
    ("Has anti-D been given yet?", "Medication", "yn", ["Anti-D 1500 IU IM within 72 h - Kleihauer sent"], "no"),
    ("What anti-D dose is planned?", "Medication", "num", ["1500 IU"], None),
    ("When was the placenta delivered?", "Other", "span", ["13:31"], None),
    ("What perineal trauma did she have?", "Diagnosis", "span", ["2nd-degree tear"], None),
    ("Was an episiotomy performed?", "Procedure", "yn", ["No episiotomy"], "no"),
    ("Was the anal sphincter injured?", "Diagnosis", "yn", ["anal sphincter intact"], "no"),
    ("Blood loss?", "Lab Reports", "num", ["820 mL"], None),
    ("Cause of the PPH?", "Diagnosis", "span", ["uterine atony"], None),
    ("How was the PPH treated?", "Medication", "list", ["bimanual compression", "oxytocin infusion 40 units over 4 hours", "tranexamic acid 1 g IV", "misoprostol 800 mcg PR"], None),
    ("Was ergometrine given?", "Medication", "yn", ["Ergometrine not given"], "no"),
    ("Was she transfused?", "Procedure", "yn", ["No transfusion required"], "no"),
    ("Hb after delivery?", "Lab Reports", "num", ["96 g/L"], None),
    ("Hb on admission?", "Lab Reports", "num", ["119 g/L"], None),
    ("Highest maternal heart rate?", "Lab Reports", "num", [("118", "13:50    118")], None),
    ("Lowest maternal BP?", "Lab Reports", "span", ["104/62"], None),
    ("Did she have a fever in labour?", "Symptoms", "yn", ["No intrapartum fever"], "no"),
    ("When was the urinary catheter removed?", "Procedure", "span", ["18:30"], None),
    ("Allergies?", "Medication", "span", ["Latex - urticaria"], None),
    ("Does she smoke?", "Other", "yn", ["Never smoker"], "no"),
    ("Does she have gestational diabetes?", "Diagnosis", "yn", ["her own OGTT normal"], "no"),
    ("Enoxaparin dose and duration?", "Medication", "span", ["Enoxaparin 40 mg SC daily for 10 days", "40 mg SC daily for 10 days"], None),
    ("Why was enoxaparin prescribed?", "Medication", "span", ["VTE score 3: instrumental birth, PPH, BMI"], None),
    ("Which VTE risk factors were counted?", "Medication", "list", ["instrumental birth", ("PPH", "birth, PPH, BMI"), ("BMI", "PPH, BMI)")], None),
    ("Who performed the ventouse?", "Procedure", "span", ["Dr H. Abiodun (ST5)", "Dr H. Abiodun"], None),
    ("Was vitamin K given to the baby?", "Medication", "yn", ["Vitamin K 1 mg IM given to baby with consent"], "yes"),
    ("Welches Geschlecht hat das Kind?", "Other", "span", ["Live male"], None, "de"),
    ("¿Cuánta sangre perdió?", "Lab Reports", "num", ["820 mL"], None, "es"),
    ("Does she have pre-eclampsia?", "Diagnosis", "yn", [], "not_mentioned"),
    ("Platelet count?", "Lab Reports", "num", [], None),
    ("Baby's head circumference?", "Lab Reports", "num", [], None),
    ("Fibrinogen?", "Lab Reports", "num", [], None),
    ("Maternal weight in kg?", "Lab Reports", "num", [], None),
    ("Was magnesium sulfate given?", "Medication", "yn", [], "not_mentioned"),
    ("Baby's temperature?", "Lab Reports", "num", [], None),
    ("What was the Kleihauer result?", "Lab Reports", "span", [], None),
    ("Czy podano karbetocynę?", "Medication", "yn", [], "not_mentioned", "pl"),
]
CELLS["obs_delivery_01"] = {
    "chief_complaint": (["Spontaneous onset 7/2/2188 at 03:30 (regular contractions)", "regular contractions"], "presented in spontaneous labour; no CC label"),
    "past_medical_history": (["+1 miscarriage", "Previous birth: SVD 2185, uncomplicated"], "obstetric history only; the family history (pre-eclampsia, gestational diabetes) is not hers"),
    "allergies": (["Latex - urticaria"], ""),
    "presenting_symptoms": (["regular contractions", ("SROM", "SROM 05:10")], "labour onset and rupture of membranes"),
    "fever": ("no", ["No intrapartum fever"], "highest 37.6"),
    "max_temperature": (["37.6 C", "37.6"], ["37.6"], "12:00 row"),
    "heart_rate": (["84"], [("84", "06:30    84")], "first row of the observations table (06:30); 118 at 13:50"),
    "blood_pressure": (["118/74"], "first row (06:30); lowest 104/62 at 13:50"),
    "hemoglobin": (["119 g/L", "119", "11.9 g/dL"], ["119 g/L"], "on admission; 96 at 16:00"),
    "procedures": (["Epidural sited 07:15", "Ventouse (Kiwi OmniCup) birth", "2nd-degree tear - repaired in room under epidural"], "judgement call: bimanual compression (a manoeuvre) and the urinary catheter are not listed; no transfusion"),
    "antibiotics": (["Benzylpenicillin"], "intrapartum GBS prophylaxis, two doses"),
    "new_medications": (["Enoxaparin 40 mg SC daily for 10 days", "paracetamol 1 g QDS", "ibuprofen 400 mg TDS"], "ongoing postnatal orders started at this birth; intrapartum single doses (benzylpenicillin, oxytocin, tranexamic acid, misoprostol) excluded; anti-D only planned; ferrous sulfate continued"),
    "admission_date": (["2188-02-07"], ["7/2/2188"], "d/m/yyyy; admitted to Delivery Suite 06:20 the same day"),
    "smoking": ("no", ["Never smoker"], ""),
    "follow_up": (["Debrief offered; plan for future birth to be discussed at 6-week review", "6-week review"], ""),
}
ABSENT_NOTES["obs_delivery_01"] = {
    "admission_diagnosis": "no diagnosis label (labour)",
    "principal_diagnosis": "birth record, transferred to the postnatal ward: not a discharge", "secondary_diagnoses": "not a discharge",
    "symptom_duration": "onset 03:30, admission 06:20: never stated as a duration",
    "chest_pain": "not mentioned", "oxygen_saturation": "not recorded",
    "wbc": "not reported", "creatinine": "not reported", "potassium": "not reported", "troponin": "not measured",
    "chest_imaging": "none",
    "surgery": "judgement call: instrumental vaginal birth and perineal repair in the room counted as procedures, not surgery",
    "discharge_medications": "not a discharge",
    "anticoagulation": "prophylactic enoxaparin only (not anticoagulation)",
    "stopped_medications": "none (ferrous sulfate continued)",
    "discharge_date": "not a discharge", "length_of_stay": "not a discharge", "discharge_condition": "not a discharge",
    "discharge_disposition": "transfer to the postnatal ward is not a discharge",
    "lines_tubes": "epidural catheter removed 14:30 and urinary catheter removed 18:30; none in place at the end of the record",
}
# ---------------------------------------------------------------- dictated_dc_01
NOTES["dictated_dc_01"] = ("discharge_summary", "US surgical discharge summary dictated and transcribed verbatim: spoken punctuation left in the text ('comma', 'period', 'colon', 'New paragraph'), every number spelled out as words ('thirty-eight point nine', 'one thirty-four over seventy-eight', 'twenty-one eighty'), dates spoken without a year ('the fourteenth of June') under a MM/DD/YYYY transcription header, an '[inaudible]' gap, medicines dictated as 'number one comma ...'")
QAS["dictated_dc_01"] = [
    ("Admitting diagnosis?", "Diagnosis", "span", ["acute sigmoid diverticulitis"], None),
    ("How big was the abscess?", "Diagnosis", "span", [("four point two centimeter", "all")], None),
    ("Secondary diagnoses?", "Diagnosis", "list", ["paroxysmal atrial fibrillation", "acute kidney injury resolved", ("hypokalemia", 0)], None),
    ("Hinchey class?", "Diagnosis", "span", ["Hinchey type two"], None),
    ("Temperature in the ED?", "Lab Reports", "num", ["thirty-eight point nine"], None),
    ("BP in ED?", "Lab Reports", "span", ["one thirty-four over seventy-eight"], None),
    ("WBC on admission?", "Lab Reports", "num", ["eighteen point four"], None),
    ("Peak WBC?", "Lab Reports", "num", ["twenty point two"], None),
    ("On which day was the white count highest?", "Lab Reports", "date", ["June fifteenth"], None),
    ("White count at discharge?", "Lab Reports", "num", ["nine point one"], None),
    ("Admission creatinine?", "Lab Reports", "num", ["one point six"], None),
    ("What is his baseline creatinine?", "Lab Reports", "num", ["one point zero"], None),
    ("What did the creatinine normalize to?", "Lab Reports", "num", ["zero point nine"], None),
    ("K on admission?", "Lab Reports", "num", ["three point one"], None),
    ("Potassium at discharge?", "Lab Reports", "num", [("four point two", "was four point two at")], None),
    ("What did the CT show?", "Procedure", "span", ["sigmoid diverticulitis with a four point two centimeter rim-enhancing pericolic collection and no free air"], None),
    ("Was there free air on CT?", "Diagnosis", "yn", ["no free air"], "no"),
    ("What did the chest x-ray show?", "Procedure", "span", ["no acute cardiopulmonary process"], None),
    ("Which IV antibiotics were started?", "Medication", "list", ["IV ceftriaxone two grams daily", "metronidazole five hundred\nmilligrams every eight hours"], None),
    ("When was the drain placed?", "Procedure", "date", ["June sixteenth"], None),
    ("How much pus was drained?", "Procedure", "num", ["thirty-five milliliters"], None),
    ("What grew from the abscess culture?", "Lab Reports", "span", ["E coli and\nBacteroides"], None),
    ("When was the drain removed?", "Procedure", "date", [("June twentieth", "removed on June twentieth")], None),
    ("When was apixaban restarted?", "Medication", "date", ["June nineteenth"], None),
    ("Why was apixaban held?", "Medication", "span", ["for the procedure"], None),
    ("Is he anticoagulated at discharge?", "Medication", "yn", ["apixaban five milligrams twice a day"], "yes"),
    ("Why was hydrochlorothiazide stopped?", "Medication", "span", ["because of the hypokalemia"], None),
    ("Was losartan restarted?", "Medication", "yn", ["was restarted June twentieth"], "yes"),
    ("Why was losartan held?", "Medication", "span", ["held for the\nacute kidney injury"], None),
    ("Did he have a sigmoid colectomy?", "Procedure", "yn", ["was discussed but was not needed"], "no"),
    ("Did he have blood per rectum?", "Symptoms", "yn", ["denied blood per rectum"], "no"),
    ("Did he have chest pain?", "Symptoms", "yn", ["denied chest pain"], "no"),
    ("Discharge medications?", "Medication", "list", ["amoxicillin clavulanate eight seventy-five milligrams by mouth twice a\nday for ten more days", "apixaban five milligrams twice a day", "metoprolol succinate fifty milligrams daily", "losartan fifty milligrams daily", "allopurinol one hundred milligrams daily", "acetaminophen one gram every six hours\nas needed"], None),
    ("For how long will he take amoxicillin clavulanate?", "Medication", "span", ["for ten more days", "ten more days"], None),
    ("Which of the discharge medicines are new?", "Medication", "list", ["amoxicillin clavulanate", "acetaminophen"], None),
    ("Allergies?", "Medication", "span", ["sulfa causes hives"], None),
    ("Does he smoke?", "Other", "yn", ["ex-smoker comma quit in twenty-one eighty"], "no"),
    ("When did he quit smoking?", "Other", "date", ["twenty-one eighty"], None),
    ("Date of admission?", "Other", "date", ["the fourteenth of June"], None),
    ("Date of discharge?", "Other", "date", ["the twenty-first of June"], None),
    ("How many days of pain before presentation?", "Symptoms", "span", ["four days"], None),
    ("Where was he discharged to?", "Other", "span", ["home with his wife"], None),
    ("Why is a colonoscopy planned?", "Procedure", "span", ["to exclude malignancy"], None),
    ("When is the surgical clinic follow-up?", "Other", "span", ["general surgery clinic in two weeks", ("in two weeks", "clinic in two weeks")], None),
    ("Does he have colon cancer?", "Diagnosis", "yn", ["Colonoscopy in six to eight\nweeks to exclude malignancy"], "uncertain"),
    ("¿Cuál fue el diagnóstico al alta?", "Diagnosis", "span", ["complicated sigmoid\ndiverticulitis with a four point two centimeter pericolic abscess"], None, "es"),
    ("Welche Dosis Metoprolol bekommt er?", "Medication", "span", [("fifty milligrams daily", "metoprolol succinate fifty milligrams daily")], None, "de"),
    ("Platelet count?", "Lab Reports", "num", [], None),
    ("INR?", "Lab Reports", "num", [], None),
    ("Troponin?", "Lab Reports", "num", [], None),
    ("CRP on admission?", "Lab Reports", "num", [], None),
    ("What was his weight?", "Lab Reports", "num", [], None),
    ("Were blood cultures positive?", "Lab Reports", "yn", [], "not_mentioned"),
    ("Sodium?", "Lab Reports", "num", [], None),
    ("Czy pacjent ma cukrzycę?", "Diagnosis", "yn", [], "not_mentioned", "pl"),
]
CELLS["dictated_dc_01"] = {
    "chief_complaint": (["four days of left lower quadrant pain", "left lower quadrant pain"], "no CC label; the presenting complaint"),
    "admission_diagnosis": (["acute sigmoid diverticulitis"], ""),
    "principal_diagnosis": (["complicated sigmoid\ndiverticulitis with a four point two centimeter pericolic abscess comma Hinchey type two", "complicated sigmoid\ndiverticulitis with a four point two centimeter pericolic abscess"], "spoken 'comma' left in by the transcription"),
    "secondary_diagnoses": (["paroxysmal atrial fibrillation", "acute kidney injury resolved", ("hypokalemia", 0)], ""),
    "past_medical_history": ([("atrial fibrillation", "history of atrial fibrillation on"), "hypertension", "gout"], ""),
    "allergies": (["sulfa causes hives"], ""),
    "presenting_symptoms": (["left lower quadrant pain", "fevers", "loose stools"], ""),
    "symptom_duration": (["4 days", "4", "four days"], ["four days"], "number spelled out"),
    "fever": ("yes", ["fevers", "thirty-eight point nine"], "38.9 in the ED"),
    "chest_pain": ("no", ["denied chest pain"], ""),
    "max_temperature": (["38.9 C", "38.9", "thirty-eight point nine"], ["thirty-eight point nine"], "only temperature given"),
    "oxygen_saturation": (["96%", "96", "ninety-six percent"], ["ninety-six percent on room air"], ""),
    "heart_rate": (["112", "one hundred twelve"], ["one hundred twelve"], ""),
    "blood_pressure": (["one thirty-four over seventy-eight"], "134/78, dictated in words"),
    "wbc": (["18.4", "eighteen point four"], ["eighteen point four"], "admission; peak 20.2 on June 15, 9.1 at discharge"),
    "hemoglobin": (["13.1", "13.1 g/dL", "thirteen point one"], ["thirteen point one"], ""),
    "creatinine": (["1.6", "1.6 mg/dL", "one point six"], ["one point six"], "admission; baseline 1.0, normalised to 0.9"),
    "potassium": (["3.1", "3.1 mEq/L", "three point one"], ["three point one"], "admission; 4.2 at discharge"),
    "chest_imaging": (["no acute cardiopulmonary process"], ""),
    "procedures": (["placed a ten French pigtail drain into the collection under CT guidance"], "CT-guided percutaneous drainage; the CT and CXR are imaging"),
    "antibiotics": (["ceftriaxone", "metronidazole", "amoxicillin clavulanate"], ""),
    "discharge_medications": (["amoxicillin clavulanate eight seventy-five milligrams by mouth twice a\nday for ten more days", "apixaban five milligrams twice a day", "metoprolol succinate fifty milligrams daily", "losartan fifty milligrams daily", "allopurinol one hundred milligrams daily", "acetaminophen one gram every six hours\nas needed"], ""),
    "anticoagulation": ("yes", ["apixaban five milligrams twice a day", "Apixaban was restarted June nineteenth"], "held for the drain, restarted before discharge"),
    "new_medications": (["amoxicillin clavulanate", "acetaminophen"], "'Numbers two through five are his home medicines'; IV ceftriaxone and metronidazole inpatient only"),
    "stopped_medications": ([("hydrochlorothiazide", "Stop hydrochlorothiazide")], "losartan held and restarted; apixaban held and restarted"),
    "admission_date": (["2185-06-14"], ["the fourteenth of June"], "year from the transcription header (06/21/2185)"),
    "discharge_date": (["2185-06-21"], ["the twenty-first of June"], "year from the header"),
    "length_of_stay": (["7 days", "7"], ["the fourteenth of June", "the twenty-first of June"], "derived from the two dates"),
    "discharge_condition": (["stable comma afebrile for more than forty-eight hours comma tolerating a low residue\ndiet", "stable"], ""),
    "discharge_disposition": (["home with his wife"], ""),
    "smoking": ("no", ["ex-smoker comma quit in twenty-one eighty"], "former smoker, quit 2180"),
    "follow_up": (["general surgery clinic in two weeks", "Colonoscopy in six to eight\nweeks to exclude malignancy", "Primary care in one week for basic metabolic panel"], ""),
}
ABSENT_NOTES["dictated_dc_01"] = {
    "troponin": "not measured",
    "surgery": "sigmoid colectomy discussed, not needed; percutaneous drainage is a procedure",
    "consolidation": "'no acute cardiopulmonary process' is not read as a statement on each finding",
    "pleural_effusion": "not stated", "pneumothorax": "not stated", "cardiomegaly": "not stated", "pulmonary_edema": "not stated",
    "lines_tubes": "the pigtail drain was removed on June 20th, before discharge",
}
# ---------------------------------------------------------------- diabetes_review_01
NOTES["diabetes_review_01"] = ("progress", "consultant-led outpatient diabetes review: 'Reason for referral' line, hypoglycaemia narrative, space-aligned HbA1c trend table in mmol/mol and % with weight by dd-Mon-yyyy date, flash-sensor metrics (time in range, GMI), 'Current medicines before today' dash list, numbered assessment and a 'Decisions today' dash list (STOP / reduce / START / increase / unchanged / deferred)")
QAS["diabetes_review_01"] = [
    ("Why was he referred?", "Symptoms", "span", ["recurrent hypoglycaemia over the last 6 weeks"], None),
    ("How many hypos in the last 6 weeks?", "Symptoms", "num", ["7 episodes in 6 weeks", ("7", "7 episodes")], None),
    ("Lowest capillary glucose?", "Lab Reports", "num", ["2.7 mmol/L"], None),
    ("When was the lowest glucose recorded?", "Lab Reports", "date", ["02-Oct-2189 at 15:40", "02-Oct-2189"], None),
    ("Was the hypo on 2 October severe?", "Symptoms", "yn", ["needed help from his wife (severe)"], "yes"),
    ("Has he had hypos while driving?", "Symptoms", "yn", ["No hypos while driving"], "no"),
    ("Does he have hypoglycaemia unawareness?", "Diagnosis", "yn", ["Hypoglycaemia unawareness was considered - not present"], "no"),
    ("Latest HbA1c?", "Lab Reports", "num", [("49", "all")], None),
    ("HbA1c in March 2188?", "Lab Reports", "num", ["78"], None),
    ("Weight in March 2189?", "Lab Reports", "num", ["117.6"], None),
    ("Time in range?", "Lab Reports", "num", ["61%"], None),
    ("First BP today?", "Lab Reports", "span", ["148/88"], None),
    ("Repeat BP?", "Lab Reports", "span", ["142/86"], None),
    ("BMI?", "Lab Reports", "num", ["38.9"], None),
    ("Urine ACR now?", "Lab Reports", "num", ["7.8 mg/mmol"], None),
    ("What was the previous ACR?", "Lab Reports", "num", ["4.1"], None),
    ("Creatinine?", "Lab Reports", "num", ["96 umol/L"], None),
    ("Potassium on 09-Oct?", "Lab Reports", "num", ["4.6"], None),
    ("Does he have neuropathy?", "Diagnosis", "yn", ["No neuropathy"], "no"),
    ("Does he have diabetic retinopathy?", "Diagnosis", "yn", [("background retinopathy", "all")], "yes"),
    ("Has he had a heart attack?", "Diagnosis", "yn", ["No known IHD"], "no"),
    ("Has he ever had DKA?", "Diagnosis", "yn", ["Never had DKA or HHS"], "no"),
    ("What is he allergic to?", "Medication", "span", ["Lisinopril - angioedema (2184)", "Lisinopril"], None),
    ("Is he allergic to metformin?", "Medication", "yn", ["Intolerances: metformin standard release (GI upset - tolerates MR)"], "no"),
    ("Does he smoke?", "Other", "yn", ["smokes 15 cigarettes/day"], "yes"),
    ("Which medicines was he taking before today?", "Medication", "list", ["Insulin glargine 38 units at 22:00", "Gliclazide 160 mg BD", "Metformin MR 1 g BD", "Atorvastatin 20 mg ON", "Losartan 50 mg OD", "Allopurinol 200 mg OD"], None),
    ("Which drug was stopped today?", "Medication", "span", [("gliclazide", "STOP gliclazide")], None),
    ("Why was gliclazide stopped?", "Medication", "span", ["driven by sulfonylurea plus basal insulin now that HbA1c\n   has fallen to 49", "Recurrent hypoglycaemia including one severe episode"], None),
    ("New glargine dose?", "Medication", "span", ["30 units"], None),
    ("Glargine dose before today?", "Medication", "span", ["38 units"], None),
    ("What new medicine was started?", "Medication", "span", ["semaglutide 0.25 mg SC weekly x 4 weeks, then 0.5 mg weekly", ("semaglutide", "START semaglutide")], None),
    ("Semaglutide maintenance dose?", "Medication", "span", ["0.5 mg weekly"], None),
    ("New losartan dose?", "Medication", "span", ["100 mg OD"], None),
    ("Why was losartan increased?", "Medication", "span", ["for BP and ACR"], None),
    ("Atorvastatin dose now?", "Medication", "span", ["80 mg ON"], None),
    ("Was an SGLT2 inhibitor started?", "Medication", "yn", ["Empagliflozin was discussed for renal protection; deferred until after the semaglutide is established"], "no"),
    ("Is he still on a sulfonylurea?", "Medication", "yn", ["STOP gliclazide"], "no"),
    ("Was the metformin dose changed?", "Medication", "yn", ["Metformin MR and allopurinol unchanged"], "no"),
    ("Can he drive at the moment?", "Other", "yn", ["must not drive for now"], "no"),
    ("Was a smoking cessation referral made?", "Procedure", "yn", ["Smoking cessation referral made (accepted)"], "yes"),
    ("Any history of pancreatitis?", "Diagnosis", "yn", ["Pancreatitis history: none"], "no"),
    ("Date of this clinic visit?", "Other", "date", ["18-Oct-2189"], None),
    ("In which year was his diabetes diagnosed?", "Diagnosis", "date", ["2181"], None),
    ("Quel est le dernier HbA1c en pourcentage ?", "Lab Reports", "num", ["6.6"], None, "fr"),
    ("¿Cuál fue la glucemia capilar más baja?", "Lab Reports", "num", ["2.7 mmol/L"], None, "es"),
    ("Fasting glucose today?", "Lab Reports", "num", [], None),
    ("Triglycerides?", "Lab Reports", "num", [], None),
    ("HDL?", "Lab Reports", "num", [], None),
    ("Is he on aspirin?", "Medication", "yn", [], "not_mentioned"),
    ("Waist circumference?", "Lab Reports", "num", [], None),
    ("C-peptide?", "Lab Reports", "num", [], None),
    ("Does he have coeliac disease?", "Diagnosis", "yn", [], "not_mentioned"),
    ("Wie hoch ist das Vitamin B12?", "Lab Reports", "num", [], None, "de"),
    ("What was the HbA1c in 2187?", "Lab Reports", "num", [], None),
    ("Was an ECG done?", "Procedure", "yn", [], "not_mentioned"),
]
CELLS["diabetes_review_01"] = {
    "chief_complaint": (["recurrent hypoglycaemia over the last 6 weeks"], "reason for the brought-forward referral"),
    "past_medical_history": (["Type 2 diabetes diagnosed 2181", ("background retinopathy", 0), "microalbuminuria", "hypertension", ("obesity", "hypertension, obesity, obstructive"), "obstructive sleep apnoea on CPAP", "gout"], "father's MI and mother's T2DM are family history"),
    "allergies": (["Lisinopril - angioedema (2184)"], "metformin standard release is an intolerance"),
    "presenting_symptoms": (["recurrent hypoglycaemia", "sweating", "tremor"], "hypoglycaemia with warning symptoms"),
    "symptom_duration": (["6 weeks", "42 days", "6"], [("6 weeks", "over the last 6 weeks")], ""),
    "chest_pain": ("no", ["Denies chest pain"], ""),
    "heart_rate": (["76"], ["HR 76"], ""),
    "blood_pressure": (["148/88"], "first reading; repeat 142/86"),
    "creatinine": (["96 umol/L", "96"], ["96 umol/L"], "09-Oct-2189"),
    "potassium": (["4.6 mmol/L", "4.6"], ["4.6"], ""),
    "new_medications": ([("semaglutide", "START semaglutide")], "started today; empagliflozin deferred; dose changes (glargine, losartan, atorvastatin) are neither new nor stopped"),
    "stopped_medications": ([("gliclazide", "STOP gliclazide")], ""),
    "smoking": ("yes", ["smokes 15 cigarettes/day"], ""),
    "follow_up": (["DSN telephone review in 2 weeks", "clinic in 3 months with HbA1c, U&E and ACR"], "annual retinal screening is routine"),
}
ABSENT_NOTES["diabetes_review_01"] = {
    "admission_diagnosis": "outpatient clinic", "principal_diagnosis": "outpatient clinic, not a discharge", "secondary_diagnoses": "not a discharge",
    "fever": "not mentioned", "max_temperature": "not recorded", "oxygen_saturation": "not recorded",
    "wbc": "not reported", "hemoglobin": "not reported", "troponin": "not measured",
    "chest_imaging": "none", "procedures": "foot check with monofilament is a bedside screen", "surgery": "none", "antibiotics": "none",
    "discharge_medications": "outpatient clinic", "anticoagulation": "not mentioned",
    "admission_date": "outpatient", "discharge_date": "outpatient", "length_of_stay": "outpatient",
    "discharge_condition": "outpatient", "discharge_disposition": "outpatient",
}
# ---------------------------------------------------------------- tx_clinic_01
NOTES["tx_clinic_01"] = ("progress", "renal transplant follow-up clinic note: INDEX block (donor, HLA mismatch, CMV/EBV D/R serostatus, induction), interval history, space-aligned results flowsheet with post-transplant week columns (creatinine, eGFR, tacrolimus level, BK PCR, Hb, K), numbered assessment with probable/less likely/NOT present, medication-change dash list (REDUCED / STOPPED / NEW / unchanged), 'yyyy-Mon-dd' dates")
QAS["tx_clinic_01"] = [
    ("Creatinine today?", "Lab Reports", "num", [("139", "all")], None),
    ("Nadir creatinine?", "Lab Reports", "num", [("112", "all")], None),
    ("Creatinine at week 20?", "Lab Reports", "num", ["131"], None),
    ("eGFR today?", "Lab Reports", "num", ["42"], None),
    ("Tacrolimus level today?", "Lab Reports", "num", ["12.4"], None),
    ("What is the tacrolimus target range?", "Lab Reports", "span", ["5-8 ug/L"], None),
    ("BK PCR today?", "Lab Reports", "num", [("18,400", "all")], None),
    ("At which visit did the BK viraemia first appear?", "Lab Reports", "span", ["Wk 20"], None),
    ("K today?", "Lab Reports", "num", [("5.6", "all")], None),
    ("Magnesium?", "Lab Reports", "num", [("0.58", "all")], None),
    ("HbA1c?", "Lab Reports", "num", [("HbA1c 44", "all")], None),
    ("Are donor-specific antibodies present?", "Lab Reports", "yn", ["DSA (Feb): none detected"], "no"),
    ("Is CMV detected?", "Lab Reports", "yn", ["CMV PCR not detected"], "no"),
    ("Does she have post-transplant diabetes?", "Diagnosis", "yn", ["Post-transplant diabetes - NOT present"], "no"),
    ("Does she have graft rejection?", "Diagnosis", "yn", ["rejection less likely\n   (no DSA), but cannot be excluded without biopsy"], "uncertain"),
    ("Does she have BK virus nephropathy?", "Diagnosis", "yn", ["Probable BK virus nephropathy"], "uncertain"),
    ("Was a transplant biopsy done?", "Procedure", "yn", ["(not booked yet)", "Transplant biopsy to be booked if creatinine > 150"], "no"),
    ("MMF dose now?", "Medication", "span", ["250 mg BD"], None),
    ("Why was mycophenolate reduced?", "Medication", "span", [("BK viraemia", "250 mg BD (BK viraemia)")], None),
    ("New tacrolimus dose?", "Medication", "span", ["4.5 mg once daily"], None),
    ("Which immunosuppressant doses were reduced?", "Medication", "list", ["Mycophenolate mofetil REDUCED 750 mg BD -> 250 mg BD", "Tacrolimus (Advagraf) REDUCED 6 mg -> 4.5 mg once daily"], None),
    ("Which drugs were stopped today?", "Medication", "list", ["Valganciclovir 450 mg OD", "Co-trimoxazole 480 mg OD"], None),
    ("Why was valganciclovir stopped?", "Medication", "span", ["6-month CMV prophylaxis completed"], None),
    ("Amlodipine dose now?", "Medication", "span", ["10 mg OD"], None),
    ("What new medicine was started?", "Medication", "span", ["Magnesium glycerophosphate 4 mmol BD"], None),
    ("Is she on prednisolone?", "Medication", "yn", ["Prednisolone 5 mg OD - continue"], "yes"),
    ("Is she allergic to penicillin?", "Medication", "yn", ["Penicillin - anaphylaxis (childhood)"], "yes"),
    ("Does she smoke?", "Other", "yn", ["Non-smoker, never"], "no"),
    ("Who was the kidney donor?", "Other", "span", ["sister"], None),
    ("Date of transplant?", "Procedure", "date", ["2182-Oct-11"], None),
    ("Cause of ESKD?", "Diagnosis", "span", ["IgA nephropathy"], None),
    ("CMV serostatus?", "Lab Reports", "span", ["CMV D+/R-"], None),
    ("Did she have delayed graft function?", "Diagnosis", "yn", ["Delayed graft function: no"], "no"),
    ("BP in clinic?", "Lab Reports", "span", ["146/92"], None),
    ("Home BP average?", "Lab Reports", "span", ["138/86"], None),
    ("Does she have a fever?", "Symptoms", "yn", ["No fever"], "no"),
    ("Is there kidney disease in the family?", "Other", "yn", ["no family history of kidney disease"], "no"),
    ("Who in the family has diabetes?", "Other", "span", ["mother"], None),
    ("Why was a graft Doppler requested?", "Procedure", "span", ["exclude renal artery stenosis / obstruction"], None),
    ("When is the next clinic?", "Other", "date", ["2183-May-07"], None),
    ("Is the AV fistula being used?", "Procedure", "yn", ["still functioning, not used"], "no"),
    ("What caused the hyperkalaemia?", "Diagnosis", "span", ["tacrolimus + co-trimoxazole"], None),
    ("Does she have a tremor?", "Symptoms", "yn", ["Mild tremor in hands"], "yes"),
    ("¿Qué nivel de tacrolimus tenía hoy?", "Lab Reports", "num", ["12.4"], None, "es"),
    ("Czy odstawiono walgancyklowir?", "Medication", "yn", ["Valganciclovir 450 mg OD - STOPPED today"], "yes", "pl"),
    ("Tacrolimus level at week 4?", "Lab Reports", "num", [], None),
    ("ALT?", "Lab Reports", "num", [], None),
    ("Platelets?", "Lab Reports", "num", [], None),
    ("WBC?", "Lab Reports", "num", [], None),
    ("EBV PCR?", "Lab Reports", "span", [], None),
    ("Urine output in mL?", "Lab Reports", "num", [], None),
    ("Is she on aspirin?", "Medication", "yn", [], "not_mentioned"),
    ("Phosphate?", "Lab Reports", "num", [], None),
    ("Wie hoch war das Albumin?", "Lab Reports", "num", [], None, "de"),
    ("Has she had this year's influenza vaccine?", "Procedure", "yn", [], "not_mentioned"),
]
CELLS["tx_clinic_01"] = {
    "past_medical_history": (["Living related donor kidney transplant (donor: sister) 2182-Oct-11", "IgA nephropathy", "hypertension", "hyperlipidaemia"], "mother's type 2 diabetes is family history"),
    "allergies": (["Penicillin - anaphylaxis (childhood)"], ""),
    "presenting_symptoms": (["Mild tremor in hands"], "interval symptom; otherwise 'Feels well'"),
    "fever": ("no", ["No fever"], ""),
    "max_temperature": (["36.7 C", "36.7"], ["T 36.7"], ""),
    "heart_rate": (["72"], ["HR 72"], ""),
    "blood_pressure": (["146/92"], "clinic; home average 138/86"),
    "hemoglobin": (["126 g/L", "126", "12.6 g/dL"], ["126"], "judgement call: this visit's value (week 26); weeks 12-20 are earlier visits, not this encounter"),
    "creatinine": (["139 umol/L", "139"], [("139", "all")], "today; nadir 112 at week 16"),
    "potassium": (["5.6 mmol/L", "5.6"], [("5.6", "all")], "today"),
    "antibiotics": (["Co-trimoxazole 480 mg OD"], "PCP prophylaxis during the interval, stopped today; valganciclovir is an antiviral"),
    "new_medications": (["Magnesium glycerophosphate 4 mmol BD"], "dose reductions/increases (mycophenolate, tacrolimus, amlodipine) are neither new nor stopped"),
    "stopped_medications": (["Valganciclovir 450 mg OD", "Co-trimoxazole 480 mg OD"], ""),
    "smoking": ("no", ["Non-smoker, never"], ""),
    "follow_up": (["bloods + tacrolimus level and BK PCR in 1 week (local hospital)", "clinic 2183-May-07"], ""),
}
ABSENT_NOTES["tx_clinic_01"] = {
    "chief_complaint": "routine 6-month transplant review (convention 8)",
    "admission_diagnosis": "outpatient", "principal_diagnosis": "outpatient, not a discharge", "secondary_diagnoses": "not a discharge",
    "symptom_duration": "not stated", "chest_pain": "not mentioned", "oxygen_saturation": "not recorded",
    "wbc": "not reported", "troponin": "not measured", "chest_imaging": "none",
    "procedures": "graft Doppler only requested; biopsy not booked",
    "surgery": "the transplant (2182-Oct-11) is before this interval",
    "discharge_medications": "outpatient", "anticoagulation": "not mentioned",
    "admission_date": "outpatient", "discharge_date": "outpatient", "length_of_stay": "outpatient",
    "discharge_condition": "outpatient", "discharge_disposition": "outpatient",
    "lines_tubes": "an AV fistula is not a line (as in ../clinical_dev2)",
}
# ---------------------------------------------------------------- palliative_dc_01
NOTES["palliative_dc_01"] = ("discharge_summary", "specialist palliative care rapid (fast-track) discharge summary for end-of-life care at home: plain CAPS headings ('WHY HE CAME IN', 'WHAT HAPPENED'), syringe-driver (CSCI) contents block, anticipatory 'just in case' PRN medicines, oral discharge list tagged usual/NEW, a 'STOPPED THIS ADMISSION' paragraph, DNACPR/ReSPECT and preferred place of death, district-nurse and GP handover, dd/mm/yyyy and bare dd/mm dates")
QAS["palliative_dc_01"] = [
    ("Corrected calcium on admission?", "Lab Reports", "num", ["3.34 mmol/L"], None),
    ("Corrected calcium on 31/03?", "Lab Reports", "num", ["2.71"], None),
    ("Creatinine on admission?", "Lab Reports", "num", ["164 umol/L"], None),
    ("What is his baseline creatinine?", "Lab Reports", "num", [("98", "baseline 98")], None),
    ("Hb?", "Lab Reports", "num", ["98 g/L"], None),
    ("SpO2 on arrival?", "Lab Reports", "num", ["91% on air"], None),
    ("HR on arrival?", "Lab Reports", "num", ["104"], None),
    ("BP on arrival?", "Lab Reports", "span", ["102/58"], None),
    ("What did the CXR show?", "Procedure", "span", ["large left pleural effusion, left hilar mass, no pneumothorax"], None),
    ("Was the pleural effusion drained?", "Procedure", "yn", ["Pleural aspiration was considered but he declined further procedures"], "no"),
    ("Was a CT head done?", "Procedure", "yn", ["CT head not done"], "no"),
    ("How was the hypercalcaemia treated?", "Medication", "span", ["IV fluids and zoledronic acid 4 mg IV", "zoledronic acid 4 mg IV"], None),
    ("When was zoledronic acid given?", "Medication", "date", [("28/03", "(28/03)")], None),
    ("Is he for resuscitation?", "Other", "yn", ["DNACPR completed 28/03"], "no"),
    ("Where does he wish to die?", "Other", "span", ["preferred place of death: home", "He wishes to die at home"], None),
    ("Who is the next of kin?", "Other", "span", ["his daughter Marijke", "Marijke"], None),
    ("When was apixaban stopped?", "Medication", "date", [("31/03", "Apixaban stopped 31/03")], None),
    ("Why was apixaban stopped?", "Medication", "span", ["comfort focus; no further blood tests"], None),
    ("Is he anticoagulated at discharge?", "Medication", "yn", ["Apixaban stopped 31/03"], "no"),
    ("Why was bisoprolol stopped?", "Medication", "span", ["BP low"], None),
    ("What replaced the MST?", "Medication", "span", ["replaced by the syringe driver"], None),
    ("Was metformin stopped during this admission?", "Medication", "yn", ["Metformin had already been stopped by\nthe GP in 2188"], "no"),
    ("What is in the syringe driver?", "Medication", "list", ["Morphine sulfate 10 mg", "midazolam 5 mg"], None),
    ("When was the syringe driver started?", "Procedure", "span", ["01/04 at 10:00"], None),
    ("Where is the syringe driver sited?", "Procedure", "span", ["left upper chest"], None),
    ("Anticipatory medicines?", "Medication", "list", ["Morphine sulfate 2.5-5 mg SC 2-hourly PRN pain/breathlessness", "Midazolam 2.5-5 mg SC 2-hourly PRN agitation", "Levomepromazine 6.25 mg SC 8-hourly PRN nausea", "Glycopyrronium 200 mcg SC 4-hourly PRN respiratory secretions"], None),
    ("Which PRN drug is for respiratory secretions?", "Medication", "span", ["Glycopyrronium"], None),
    ("Which oral medicines is he going home on?", "Medication", "list", ["Salbutamol inhaler 2 puffs PRN", "Tiotropium 18 mcg inhaled OD", "Laxido 1 sachet BD", "Paracetamol 1 g QDS PRN (oral or PR)"], None),
    ("Which medicines were stopped this admission?", "Medication", "list", ["apixaban 5 mg BD", "atorvastatin 40 mg ON", "bisoprolol 2.5 mg OD", "furosemide 20 mg OD", "MST 20 mg BD"], None),
    ("Did he have cardiac chest pain?", "Symptoms", "yn", ["No chest pain of cardiac type"], "no"),
    ("Was he confused?", "Symptoms", "yn", ["Family noted confusion at night"], "yes"),
    ("How long was he bed-bound before admission?", "Symptoms", "span", ["4 days"], None),
    ("Does he smoke?", "Other", "yn", ["Ex-smoker - stopped 2183"], "no"),
    ("Pack-years?", "Other", "num", ["50 pack-years"], None),
    ("Does he have any drug allergies?", "Medication", "yn", ["Allergies: none known"], "no"),
    ("Admission date?", "Other", "date", ["27/03/2190"], None),
    ("What is the prognosis?", "Diagnosis", "span", ["short days, possibly up to 1-2 weeks"], None),
    ("When will the district nurses first visit?", "Other", "span", ["today 17:00"], None),
    ("Is hospice-at-home night-sitting confirmed?", "Other", "yn", ["Hospice at home night-sitting requested (awaiting confirmation)"], "no"),
    ("What oxygen is he going home with?", "Medication", "span", ["home oxygen concentrator 2 L/min"], None),
    ("What are his comorbidities?", "Diagnosis", "list", ["COPD (FEV1 41%)", ("AF", "AF, type 2"), "type 2 diabetes (diet)", "previous TIA"], None),
    ("Does he have diabetes?", "Diagnosis", "yn", ["type 2 diabetes (diet)"], "yes"),
    ("Who will verify the death?", "Other", "span", ["GP (Dr P. Hallworth)", "Dr P. Hallworth"], None),
    ("Wie hoch war das korrigierte Calcium bei Aufnahme?", "Lab Reports", "num", ["3.34 mmol/L"], None, "de"),
    ("Quelle est la dose de morphine dans le pousse-seringue ?", "Medication", "span", ["Morphine sulfate 10 mg"], None, "fr"),
    ("Albumin?", "Lab Reports", "num", [], None),
    ("Sodium?", "Lab Reports", "num", [], None),
    ("Troponin?", "Lab Reports", "num", [], None),
    ("PTH level?", "Lab Reports", "num", [], None),
    ("Was he given denosumab?", "Medication", "yn", [], "not_mentioned"),
    ("Temperature at discharge?", "Lab Reports", "num", [], None),
    ("PD-L1 status?", "Lab Reports", "span", [], None),
    ("Czy wykonano tomografię klatki piersiowej?", "Procedure", "yn", [], "not_mentioned", "pl"),
    ("Weight?", "Lab Reports", "num", [], None),
    ("Oxygen saturation at discharge?", "Lab Reports", "num", [], None),
]
CELLS["palliative_dc_01"] = {
    "chief_complaint": (["2 weeks of increasing drowsiness, constipation, thirst and poor appetite"], "no CC label; the presenting complaint"),
    "admission_diagnosis": (["hypercalcaemia of malignancy"], "'Admitted with hypercalcaemia of malignancy and reduced oral intake'"),
    "principal_diagnosis": (["Metastatic squamous cell carcinoma of the left lung (liver and bone metastases)", "hypercalcaemia of malignancy"], "the 'Diagnosis:' line; the admitting problem also accepted"),
    "secondary_diagnoses": (["COPD (FEV1 41%)", ("AF", "AF, type 2"), "type 2 diabetes (diet)", "previous TIA"], "'Other:' line of the diagnosis block"),
    "past_medical_history": (["COPD (FEV1 41%)", ("AF", "AF, type 2"), "type 2 diabetes (diet)", "previous TIA"], "same 'Other:' line"),
    "presenting_symptoms": (["increasing drowsiness", ("constipation", 0), "thirst", "poor appetite", "Pain in the left\nchest wall and lumbar spine", "confusion at night"], ""),
    "symptom_duration": (["2 weeks", "14 days", "2"], [("2 weeks", "2 weeks of increasing")], ""),
    "chest_pain": ("yes", ["Pain in the left\nchest wall"], "judgement call: malignant chest-wall pain is chest pain; 'No chest pain of cardiac type'"),
    "max_temperature": (["36.9 C", "36.9"], ["T 36.9"], "only temperature"),
    "oxygen_saturation": (["91%", "91"], ["SpO2 91% on air"], ""),
    "heart_rate": (["104"], ["HR 104"], "AF"),
    "blood_pressure": (["102/58"], ""),
    "wbc": (["11.2"], ["11.2"], ""),
    "hemoglobin": (["98 g/L", "98", "9.8 g/dL"], ["98 g/L"], ""),
    "creatinine": (["164 umol/L", "164"], ["164 umol/L"], "baseline 98"),
    "potassium": (["4.1 mmol/L", "4.1"], ["K 4.1"], ""),
    "chest_imaging": (["large left pleural effusion, left hilar mass, no pneumothorax"], ""),
    "discharge_medications": (["Morphine sulfate 10 mg", "midazolam 5 mg", "Morphine sulfate 2.5-5 mg SC 2-hourly PRN pain/breathlessness", "Midazolam 2.5-5 mg SC 2-hourly PRN agitation", "Levomepromazine 6.25 mg SC 8-hourly PRN nausea", "Glycopyrronium 200 mcg SC 4-hourly PRN respiratory secretions", "Salbutamol inhaler 2 puffs PRN", "Tiotropium 18 mcg inhaled OD", "Laxido 1 sachet BD", "Paracetamol 1 g QDS PRN (oral or PR)"], "syringe-driver contents, anticipatory medicines and oral medicines all go home with him; oxygen is named in the note"),
    "anticoagulation": ("no", ["Apixaban stopped 31/03"], "stopped for comfort care"),
    "new_medications": (["Morphine sulfate 10 mg", "midazolam 5 mg", "Morphine sulfate 2.5-5 mg SC 2-hourly PRN pain/breathlessness", "Midazolam 2.5-5 mg SC 2-hourly PRN agitation", "Levomepromazine 6.25 mg SC 8-hourly PRN nausea", "Glycopyrronium 200 mcg SC 4-hourly PRN respiratory secretions", "Laxido 1 sachet BD"], "syringe driver and anticipatory PRNs are new orders; zoledronic acid single dose inpatient only; home oxygen not counted as a medicine"),
    "stopped_medications": (["apixaban 5 mg BD", "atorvastatin 40 mg ON", "bisoprolol 2.5 mg OD", "furosemide 20 mg OD", "MST 20 mg BD"], "metformin was stopped by the GP in 2188, before this admission"),
    "admission_date": (["2190-03-27"], ["27/03/2190"], ""),
    "discharge_date": (["2190-04-02"], ["02/04/2190"], ""),
    "length_of_stay": (["6 days", "6"], ["27/03/2190", "02/04/2190"], "derived from the two dates"),
    "discharge_condition": (["Deteriorating, drowsy but rousable, comfortable on the syringe driver, able to take sips"], ""),
    "discharge_disposition": (["Own home (lives with daughter), fast-track continuing healthcare package 4 calls/day"], ""),
    "smoking": ("no", ["Ex-smoker - stopped 2183, 50 pack-years"], "former smoker"),
    "follow_up": (["District nurses: first visit today 17:00 to check the CSCI; refill daily", "GP (Dr P. Hallworth) to visit within 24 h", "Community palliative care CNS phone call tomorrow"], "night-sitting only requested"),
    "pleural_effusion": ("yes", ["large left pleural effusion"], "CXR"),
    "pneumothorax": ("no", ["no pneumothorax"], "CXR"),
    "lines_tubes": (["SYRINGE DRIVER (CSCI over 24 h, started 01/04 at 10:00)"], "judgement call: the subcutaneous syringe-driver line (left upper chest) goes home in place"),
}
ABSENT_NOTES["palliative_dc_01"] = {
    "allergies": "'Allergies: none known' (convention 11)",
    "fever": "only a normal temperature (36.9)",
    "troponin": "not measured",
    "procedures": "pleural aspiration declined; CT head not done; setting up the syringe driver is drug delivery",
    "surgery": "none", "antibiotics": "none",
}
# ---------------------------------------------------------------- stroke_lysis_01
NOTES["stroke_lysis_01"] = ("emergency", "hyperacute stroke IV thrombolysis proforma completed in real time: bracketed numbered sections [1]-[11], dotted-leader timing lines with ISO 'yyyy-mm-ddThh:mm' timestamps, NIHSS item-by-item table at three clock times, pipe-separated contraindication checklist, BP-lowering arrow line, post-lysis observations table, impression and disposition to the stroke unit")
QAS["stroke_lysis_01"] = [
    ("Time last known well?", "Other", "span", ["2181-10-04T13:05"], None),
    ("Door-to-needle time?", "Other", "span", ["29 min"], None),
    ("Onset-to-needle time?", "Other", "span", ["71 min"], None),
    ("What time was the tenecteplase bolus given?", "Medication", "span", [("14:21", "all")], None),
    ("Tenecteplase dose?", "Medication", "span", ["17.5 mg"], None),
    ("NIHSS on arrival?", "Lab Reports", "num", ["NIHSS 11", ("11", "1           0        11")], None),
    ("NIHSS at 15:21?", "Lab Reports", "num", [("6", "1           0        6")], None),
    ("Latest NIHSS?", "Lab Reports", "num", [("3", "NIHSS 11 -> 3 at"), ("3", "0           0        3")], None),
    ("Pre-hospital capillary glucose?", "Lab Reports", "num", ["7.4 mmol/L"], None),
    ("BP on scene?", "Lab Reports", "span", ["188/96"], None),
    ("Highest BP recorded?", "Lab Reports", "span", ["194/102"], None),
    ("What was given to lower the BP before lysis?", "Medication", "span", ["labetalol 10 mg IV"], None),
    ("BP after labetalol?", "Lab Reports", "span", ["178/94"], None),
    ("BP at 16:30?", "Lab Reports", "span", ["158/84"], None),
    ("HR at 15:21?", "Lab Reports", "num", [("90", "166/88    90")], None),
    ("What did the CT head show?", "Procedure", "span", ["no haemorrhage; early loss of grey-white differentiation L insula, ASPECTS 9"], None),
    ("ASPECTS?", "Lab Reports", "num", ["ASPECTS 9"], None),
    ("Where was the occlusion?", "Diagnosis", "span", ["occlusion of a distal L M2 branch (inferior division)", "distal L M2 branch"], None),
    ("Was there carotid stenosis?", "Diagnosis", "yn", ["no carotid stenosis"], "no"),
    ("Was thrombectomy performed?", "Procedure", "yn", ["not pursued"], "no"),
    ("Why was thrombectomy not pursued?", "Procedure", "span", ["distal M2, rapid\nearly improvement"], None),
    ("Was she on an anticoagulant before the stroke?", "Medication", "yn", ["No anticoagulant, no antiplatelet"], "no"),
    ("Was she taking aspirin before admission?", "Medication", "yn", ["No anticoagulant, no antiplatelet"], "no"),
    ("Platelets?", "Lab Reports", "num", [("246", "all")], None),
    ("Creatinine?", "Lab Reports", "num", ["68 umol/L"], None),
    ("Troponin?", "Lab Reports", "num", ["16 ng/L"], None),
    ("What did the ECG show?", "Procedure", "span", ["atrial fibrillation, rate 98 - new diagnosis", "atrial fibrillation, rate 98"], None),
    ("Is the AF a new diagnosis?", "Diagnosis", "yn", ["new diagnosis", "AF not previously known"], "yes"),
    ("Past medical history?", "Diagnosis", "list", ["hypertension", "hypothyroidism", "osteoarthritis R knee"], None),
    ("Has she had a previous stroke?", "Diagnosis", "yn", ["No previous stroke or TIA"], "no"),
    ("Does she have a subarachnoid haemorrhage?", "Diagnosis", "yn", ["Haemorrhage on CT: No", "no haemorrhage; early"], "no"),
    ("Who in the family had a subarachnoid haemorrhage?", "Other", "span", ["brother"], None),
    ("Does she smoke?", "Other", "yn", ["Ex-smoker (quit spring 2181)"], "no"),
    ("Did she develop angioedema?", "Symptoms", "yn", ["No angioedema"], "no"),
    ("Any bleeding after lysis?", "Symptoms", "yn", ["No bleeding"], "no"),
    ("Has apixaban been started?", "Medication", "yn", ["no antiplatelet or anticoagulant for 24 h", "then start apixaban\nif no haemorrhagic transformation"], "no"),
    ("When is apixaban likely to start?", "Medication", "span", ["likely day 3"], None),
    ("Did she pass the swallow screen?", "Procedure", "yn", ["failed at 16:00"], "no"),
    ("Which home medicine is to be stopped?", "Medication", "span", ["Naproxen"], None),
    ("What statin dose is planned?", "Medication", "span", ["Atorvastatin 80 mg"], None),
    ("Where was she transferred?", "Other", "span", ["Hyperacute Stroke Unit bed 6"], None),
    ("What is the stroke diagnosis?", "Diagnosis", "span", ["Acute L MCA territory ischaemic stroke (partial anterior circulation), likely cardioembolic"], None),
    ("Was alteplase given?", "Medication", "yn", ["Tenecteplase 0.25 mg/kg"], "no"),
    ("¿A qué hora llegó al hospital?", "Other", "span", ["13:52"], None, "es"),
    ("Jaki był wynik NIHSS przy przyjęciu?", "Lab Reports", "num", ["NIHSS 11", ("11", "1           0        11")], None, "pl"),
    ("HbA1c?", "Lab Reports", "num", [], None),
    ("Lactate?", "Lab Reports", "num", [], None),
    ("What was the blood pressure at 14:21?", "Lab Reports", "span", [], None),
    ("Was a CT perfusion done?", "Procedure", "yn", [], "not_mentioned"),
    ("Fibrinogen?", "Lab Reports", "num", [], None),
    ("Temperature on arrival?", "Lab Reports", "num", [], None),
    ("Magnesium?", "Lab Reports", "num", [], None),
    ("Wie hoch war das LDL-Cholesterin?", "Lab Reports", "num", [], None, "de"),
    ("GCS on arrival?", "Lab Reports", "num", [], None),
    ("Respiratory rate?", "Lab Reports", "num", [], None),
]
CELLS["stroke_lysis_01"] = {
    "chief_complaint": (["sudden R arm weakness, \"words jumbled\""], "witnessed onset line"),
    "admission_diagnosis": (["Acute L MCA territory ischaemic stroke (partial anterior circulation), likely cardioembolic"], "impression at transfer to the stroke unit"),
    "past_medical_history": (["hypertension", "hypothyroidism", "osteoarthritis R knee"], "'No previous stroke or TIA'; the brother's SAH is family history"),
    "presenting_symptoms": (["sudden R arm weakness", "words jumbled"], ""),
    "max_temperature": (["37.0 C", "37.0"], ["37.0"], "highest of the post-lysis observations"),
    "oxygen_saturation": (["95%", "95"], ["95%"], "first row (14:36)"),
    "heart_rate": (["96", "98"], [("96", "172/90    96"), "rate 98"], "first observations row 96; the untimed ECG rate 98 also accepted"),
    "blood_pressure": (["188/96", "194/102"], "on scene and first in hospital (13:55) both accepted, as for a stroke pathway in ../clinical_heldout"),
    "wbc": (["7.8"], ["7.8"], ""),
    "hemoglobin": (["131 g/L", "131", "13.1 g/dL"], ["131 g/L"], ""),
    "creatinine": (["68 umol/L", "68"], ["68 umol/L"], ""),
    "potassium": (["3.8 mmol/L", "3.8"], ["K 3.8"], ""),
    "troponin": (["16 ng/L", "Troponin T 16 ng/L"], "troponin T"),
    "anticoagulation": ("no", ["No anticoagulant, no antiplatelet", "no antiplatelet or anticoagulant for 24 h"], "tenecteplase is a thrombolytic (convention 5); apixaban only planned"),
    "stopped_medications": ([("Naproxen", "Naproxen to be stopped")], "judgement call: the decision to stop naproxen is made on this proforma"),
    "admission_date": (["2181-10-04"], ["2181-10-04T13:10"], "arrival 13:52 the same day; the date appears only inside the timestamps"),
    "smoking": ("no", ["Ex-smoker (quit spring 2181)"], "former smoker"),
}
ABSENT_NOTES["stroke_lysis_01"] = {
    "principal_diagnosis": "transferred to the stroke unit: not a discharge", "secondary_diagnoses": "not a discharge",
    "allergies": "'Allergies: none known' (convention 11)",
    "symptom_duration": "onset 13:10, arrival 13:52: not stated as a duration",
    "fever": "only normal temperatures", "chest_pain": "not mentioned",
    "chest_imaging": "no chest x-ray",
    "procedures": "IV thrombolysis is drug treatment (as in ../clinical_dev2); thrombectomy not pursued; CT/CTA and ECG are diagnostic",
    "surgery": "none", "antibiotics": "none",
    "discharge_medications": "not a discharge",
    "new_medications": "only stat doses (tenecteplase, labetalol); apixaban and atorvastatin are planned",
    "discharge_date": "not a discharge", "length_of_stay": "not a discharge", "discharge_condition": "not a discharge",
    "discharge_disposition": "transfer to the Hyperacute Stroke Unit is an admission, not a discharge",
    "follow_up": "in-hospital plan only",
}
# ---------------------------------------------------------------- gp_referral_01
NOTES["gp_referral_01"] = ("clinic_letter", "GP urgent suspected-cancer (2-week-wait) referral letter to a colorectal fast-track team: practice letterhead and referral form fields (interpreter, mobility), 'Dear colleague' prose history and examination, referral-criteria line, space-aligned two-date results table (FIT, Hb, MCV, ferritin, platelets, CRP, creatinine, eGFR), dash PMH and medication lists, 'dd Month yyyy' dates")
QAS["gp_referral_01"] = [
    ("How long has his bowel habit been changed?", "Symptoms", "span", ["about 10 weeks"], None),
    ("How many stools a day?", "Symptoms", "span", ["3-4/day"], None),
    ("How much weight has he lost?", "Symptoms", "num", ["6 kg"], None),
    ("Current weight?", "Lab Reports", "num", ["76 kg today", "76 kg"], None),
    ("FIT result?", "Lab Reports", "num", ["212"], None),
    ("Hb on 30 May?", "Lab Reports", "num", ["104"], None),
    ("Hb in March?", "Lab Reports", "num", ["128"], None),
    ("MCV now?", "Lab Reports", "num", [("74", "86              74")], None),
    ("Ferritin?", "Lab Reports", "num", [("9", "-               9")], None),
    ("Platelets on 30 May?", "Lab Reports", "num", ["442"], None),
    ("CRP on 30 May?", "Lab Reports", "num", [("18", "4               18")], None),
    ("Most recent eGFR?", "Lab Reports", "num", [("76", "78              76")], None),
    ("Was CEA checked?", "Lab Reports", "yn", ["CEA was not checked"], "no"),
    ("Was there a palpable rectal mass?", "Diagnosis", "yn", ["no palpable mass"], "no"),
    ("Does he have night sweats?", "Symptoms", "yn", ["He denies night sweats"], "no"),
    ("Is he jaundiced?", "Symptoms", "yn", ["No jaundice"], "no"),
    ("BP?", "Lab Reports", "span", ["134/80"], None),
    ("Does he have bowel cancer?", "Diagnosis", "yn", ["cancer needs to be ruled out"], "uncertain"),
    ("Who in the family had bowel cancer?", "Other", "span", ["Father"], None),
    ("Does he have diverticulosis?", "Diagnosis", "yn", ["Diverticulosis on CT colonography 2182"], "yes"),
    ("Does he have prostate cancer?", "Diagnosis", "yn", ["MRI normal, no cancer found"], "no"),
    ("Is he anticoagulated?", "Medication", "yn", ["Rivaroxaban 20 mg once daily with evening meal", "rivaroxaban continues at present"], "yes"),
    ("Why is he on rivaroxaban?", "Medication", "span", ["Atrial fibrillation (2184)", "Atrial fibrillation"], None),
    ("What medicines is he on after today's changes?", "Medication", "list", ["Rivaroxaban 20 mg once daily with evening meal", "Bisoprolol 2.5 mg once daily", "Ramipril 5 mg once daily", "Simvastatin 40 mg at night", "Ferrous fumarate 210 mg twice daily"], None),
    ("What was started today?", "Medication", "span", ["Ferrous fumarate 210 mg twice daily"], None),
    ("Which drug was he advised to stop?", "Medication", "span", ["Ibuprofen 400 mg PRN", "Ibuprofen"], None),
    ("Why was he told to stop ibuprofen?", "Medication", "span", ["anaemia, rivaroxaban"], None),
    ("Is he allergic to erythromycin?", "Medication", "yn", ["probably intolerance rather than allergy"], "uncertain"),
    ("What allergy with a rash does he have?", "Medication", "span", ["Adhesive tape - rash", "Adhesive tape"], None),
    ("Does he smoke?", "Other", "yn", ["Ex-smoker, gave up in 2186"], "no"),
    ("Pack-years?", "Other", "num", ["20 pack-years"], None),
    ("Date of referral?", "Other", "date", ["06 June 2188"], None),
    ("Does he need an interpreter?", "Other", "yn", ["Interpreter needed: No"], "no"),
    ("Is he diabetic?", "Diagnosis", "yn", ["Type 2 diabetes, diet-controlled"], "yes"),
    ("HbA1c?", "Lab Reports", "num", ["HbA1c 46"], None),
    ("Which referral criteria were met?", "Diagnosis", "span", ["FIT positive and iron-deficiency anaemia, age > 60, change in bowel habit, rectal bleeding"], None),
    ("When was the hernia repaired?", "Procedure", "date", ["2180"], None),
    ("Does he have a pacemaker?", "Procedure", "yn", ["No known pacemaker or metal implants"], "no"),
    ("What does the GP ask about the anticoagulant?", "Medication", "span", ["please advise on holding it for colonoscopy"], None),
    ("Is there a family history of ovarian cancer?", "Other", "yn", ["No family history of ovarian or womb cancer"], "no"),
    ("Is his renal function adequate for CT contrast?", "Lab Reports", "yn", ["Renal function adequate for CT contrast"], "yes"),
    ("Where is the abdominal pain?", "Symptoms", "span", ["left-sided lower abdominal\nache", "left-sided lower abdominal"], None),
    ("What did the rectal examination show?", "Procedure", "span", ["no palpable mass; dark blood on glove"], None),
    ("Quel est le taux de ferritine ?", "Lab Reports", "num", [("9", "-               9")], None, "fr"),
    ("¿Cuánto peso ha perdido?", "Symptoms", "num", ["6 kg"], None, "es"),
    ("Colonoscopy result?", "Procedure", "span", [], None),
    ("Vitamin B12?", "Lab Reports", "num", [], None),
    ("Folate?", "Lab Reports", "num", [], None),
    ("Potassium?", "Lab Reports", "num", [], None),
    ("Was a CT abdomen done for this episode?", "Procedure", "yn", [], "not_mentioned"),
    ("Has he had a coeliac screen?", "Lab Reports", "yn", [], "not_mentioned"),
    ("Albumin?", "Lab Reports", "num", [], None),
    ("Wann ist der Termin in der Klinik?", "Other", "date", [], None, "de"),
    ("INR?", "Lab Reports", "num", [], None),
    ("Does he have haemorrhoids?", "Diagnosis", "yn", [], "not_mentioned"),
]
CELLS["gp_referral_01"] = {
    "chief_complaint": ([("change in bowel habit", 0)], "reason for the referral"),
    "past_medical_history": (["Atrial fibrillation (2184)", "Hypertension", "Type 2 diabetes, diet-controlled", "Diverticulosis on CT colonography 2182", "Right inguinal hernia repair 2180", "raised PSA 2186, MRI normal, no cancer found"], "father's bowel cancer and brother's polyps are family history"),
    "allergies": (["Adhesive tape - rash"], "judgement call: erythromycin vomiting/diarrhoea is 'probably intolerance rather than allergy'"),
    "presenting_symptoms": ([("change in bowel habit", 0), "dark red blood mixed in the stool", "lost 6 kg unintentionally", "left-sided lower abdominal\nache"], ""),
    "symptom_duration": (["10 weeks", "70 days", "10"], ["about 10 weeks"], "change in bowel habit"),
    "max_temperature": (["36.6 C", "36.6"], ["temp 36.6"], ""),
    "heart_rate": (["88"], ["Pulse 88 regular"], ""),
    "blood_pressure": (["134/80"], ""),
    "hemoglobin": (["104 g/L", "104", "10.4 g/dL", "128 g/L", "128"], ["104", "128"], "judgement call: 104 (30 May, the bloods behind this referral) and 128 (28 Mar, the earliest in the table) both accepted"),
    "creatinine": (["91 umol/L", "91", "88 umol/L", "88"], [("91", "88              91"), ("88", "(umol/L)      88")], "30 May and 28 Mar both accepted, as for haemoglobin"),
    "anticoagulation": ("yes", ["Rivaroxaban 20 mg once daily with evening meal", "rivaroxaban continues at present"], ""),
    "new_medications": (["Ferrous fumarate 210 mg twice daily"], "started today"),
    "stopped_medications": (["Ibuprofen 400 mg PRN"], "advised to stop today"),
    "smoking": ("no", ["Ex-smoker, gave up in 2186"], "former smoker"),
    "follow_up": (["URGENT SUSPECTED CANCER REFERRAL (2-week wait) - LOWER GASTROINTESTINAL"], "the letter is itself the arranged follow-up (2-week-wait referral)"),
}
ABSENT_NOTES["gp_referral_01"] = {
    "admission_diagnosis": "GP referral, no admission", "principal_diagnosis": "not a discharge", "secondary_diagnoses": "not a discharge",
    "fever": "only a normal temperature (36.6)", "chest_pain": "not mentioned", "oxygen_saturation": "not recorded",
    "wbc": "not reported", "potassium": "not reported", "troponin": "not measured",
    "chest_imaging": "none", "procedures": "rectal examination is bedside; colonoscopy not yet done",
    "surgery": "hernia repair (2180) is past history", "antibiotics": "none",
    "discharge_medications": "not a discharge",
    "admission_date": "not an admission", "discharge_date": "not an admission", "length_of_stay": "not an admission",
    "discharge_condition": "not a discharge", "discharge_disposition": "not a discharge",
}
# ---------------------------------------------------------------- us_liver_01
NOTES["us_liver_01"] = ("radiology", "liver ultrasound with Doppler for HCC surveillance: department header with sonographer and reporting radiologist, '?x ?y ?z' clinical questions, two prior comparisons, organ-by-organ findings each compared with the prior study (previously ... / new / unchanged), numbered impression with a LI-RADS US category, recommendation and timed communication lines, 'dd Mon yyyy' dates")
US_IMP = "1. New 23 mm vascular lesion in segment 6 of a cirrhotic liver - suspicious for hepatocellular carcinoma\n   (LI-RADS US-3 category: requires multiphase imaging). Not diagnostic on ultrasound alone.\n2. New moderate ascites and small right pleural effusion.\n3. Portal vein patent - no portal vein thrombosis. Reduced portal velocity and enlarging spleen in keeping with\n   portal hypertension.\n4. Cholelithiasis without cholecystitis."
QAS["us_liver_01"] = [
    ("What exam was performed?", "Procedure", "span", ["ULTRASOUND ABDOMEN (LIVER) WITH DOPPLER"], None),
    ("Date of the scan?", "Other", "date", [("17 Jul 2186", "all")], None),
    ("Who requested the scan?", "Other", "span", ["Hepatology clinic (Dr N. Quaresma)"], None),
    ("What was it compared with?", "Procedure", "span", ["Ultrasound abdomen 09 Jan 2186 and contrast-enhanced CT liver 24 Aug 2185"], None),
    ("Size of the new liver lesion?", "Lab Reports", "num", ["23 x 19 mm", "23 mm"], None),
    ("Which segment is the new lesion in?", "Diagnosis", "span", [("segment 6", "hypoechoic lesion in segment 6")], None),
    ("Was the lesion present on the January ultrasound?", "Diagnosis", "yn", ["It was not present on the January ultrasound"], "no"),
    ("What is the 6 mm echogenic focus?", "Diagnosis", "span", ["small haemangioma"], None),
    ("Is there portal vein thrombosis?", "Diagnosis", "yn", ["no portal vein thrombosis", "No thrombus seen"], "no"),
    ("Portal vein peak velocity?", "Lab Reports", "num", ["14 cm/s"], None),
    ("What was the portal vein velocity before?", "Lab Reports", "num", ["19 cm/s"], None),
    ("Spleen size?", "Lab Reports", "num", ["15.8 cm"], None),
    ("Previous spleen size?", "Lab Reports", "num", ["14.9 cm"], None),
    ("Are there gallstones?", "Diagnosis", "yn", ["small calculus 8 mm", "Cholelithiasis"], "yes"),
    ("Is there cholecystitis?", "Diagnosis", "yn", ["Cholelithiasis without cholecystitis"], "no"),
    ("CBD diameter?", "Lab Reports", "num", [("5 mm", "CBD 5 mm")], None),
    ("Is there ascites?", "Diagnosis", "yn", ["moderate volume, new since January", "New moderate ascites"], "yes"),
    ("Deepest ascites pocket?", "Lab Reports", "num", ["7.2 cm"], None),
    ("Was a paracentesis performed?", "Procedure", "yn", ["no paracentesis performed today"], "no"),
    ("Is there a pleural effusion?", "Diagnosis", "yn", [("small right pleural effusion", "all")], "yes"),
    ("Is there a left pleural effusion?", "Diagnosis", "yn", ["No left effusion"], "no"),
    ("Is there hydronephrosis?", "Diagnosis", "yn", ["no hydronephrosis"], "no"),
    ("Right kidney length?", "Lab Reports", "num", ["10.9 cm"], None),
    ("Does the patient have HCC?", "Diagnosis", "yn", ["suspicious for hepatocellular carcinoma", "Not diagnostic on ultrasound alone"], "uncertain"),
    ("LI-RADS category?", "Diagnosis", "span", ["LI-RADS US-3"], None),
    ("Which findings are new since January?", "Diagnosis", "list", ["NEW well-defined hypoechoic lesion in segment 6 measuring 23 x 19 mm", "moderate volume, new since January"], None),
    ("What is recommended?", "Procedure", "span", ["Multiphase contrast-enhanced CT or liver MRI within 2-4 weeks, and discussion at the HCC multidisciplinary meeting", "Multiphase contrast-enhanced CT or liver MRI within 2-4 weeks"], None),
    ("Is a biopsy recommended?", "Procedure", "yn", ["Biopsy is not recommended at this stage"], "no"),
    ("AFP?", "Lab Reports", "num", ["AFP 14"], None),
    ("Previous AFP?", "Lab Reports", "num", [("5", "(previously 5)")], None),
    ("Is the patient still drinking alcohol?", "Other", "yn", ["abstinent 18 months"], "no"),
    ("Child-Pugh class?", "Diagnosis", "span", ["Child-Pugh B"], None),
    ("Was the pancreas seen?", "Procedure", "yn", ["obscured by bowel gas"], "no"),
    ("Which liver segments were poorly seen?", "Procedure", "span", ["segments 7/8"], None),
    ("Is there portal hypertension?", "Diagnosis", "yn", ["Reduced portal velocity and enlarging spleen in keeping with\n   portal hypertension"], "yes"),
    ("Are there varices?", "Diagnosis", "yn", ["Splenic varices at the hilum"], "yes"),
    ("Hepatic artery RI?", "Lab Reports", "num", ["0.72"], None),
    ("At what time were the findings phoned through?", "Other", "span", ["11:35"], None),
    ("Who were the findings discussed with?", "Other", "span", ["Dr Quaresma (hepatology)"], None),
    ("When is the MDT?", "Other", "date", ["24 Jul 2186"], None),
    ("Was Murphy's sign positive?", "Diagnosis", "yn", ["Murphy's sign negative"], "no"),
    ("Is there intrahepatic duct dilatation?", "Diagnosis", "yn", ["No intrahepatic duct dilatation"], "no"),
    ("Who reported the scan?", "Other", "span", ["Dr Eliska Maran, consultant radiologist", "Dr Eliska Maran"], None),
    ("Wie groß ist die linke Niere?", "Lab Reports", "num", ["11.2 cm"], None, "de"),
    ("¿Qué tamaño tiene la lesión hepática nueva?", "Lab Reports", "num", ["23 x 19 mm"], None, "es"),
    ("Czy żyła wrotna jest drożna?", "Diagnosis", "yn", ["Portal vein patent", "patent, hepatopetal flow"], "yes", "pl"),
    ("Liver span in cm?", "Lab Reports", "num", [], None),
    ("Bilirubin?", "Lab Reports", "num", [], None),
    ("Platelet count?", "Lab Reports", "num", [], None),
    ("INR?", "Lab Reports", "num", [], None),
    ("Is there a pulmonary nodule?", "Diagnosis", "yn", [], "not_mentioned"),
    ("MELD score?", "Lab Reports", "num", [], None),
    ("Was ultrasound contrast (CEUS) given?", "Procedure", "yn", [], "not_mentioned"),
    ("Albumin?", "Lab Reports", "num", [], None),
    ("Gallbladder wall thickness in mm?", "Lab Reports", "num", [], None),
]
CELLS["us_liver_01"] = {
    "past_medical_history": (["Alcohol-related cirrhosis (Child-Pugh B)"], "stated in the clinical details (convention 7)"),
    "presenting_symptoms": (["Increasing abdominal girth"], "stated in the clinical details"),
    "exam_type": (["ULTRASOUND ABDOMEN (LIVER) WITH DOPPLER"], ""),
    "indication": (["6-monthly HCC surveillance", "?ascites ?HCC ?portal vein thrombosis"], "surveillance plus the three questions"),
    "comparison": (["Ultrasound abdomen 09 Jan 2186 and contrast-enhanced CT liver 24 Aug 2185"], ""),
    "pleural_effusion": ("yes", [("small right pleural effusion", "all")], "right only; 'No left effusion'"),
    "main_finding": (["New 23 mm vascular lesion in segment 6 of a cirrhotic liver - suspicious for hepatocellular carcinoma", "NEW well-defined hypoechoic lesion in segment 6 measuring 23 x 19 mm"], "the portal vein thrombosis asked about is excluded"),
    "impression": ([US_IMP], ""),
    "recommendation": (["Multiphase contrast-enhanced CT or liver MRI within 2-4 weeks, and discussion at the HCC multidisciplinary meeting"], "biopsy not recommended"),
}
ABSENT_NOTES["us_liver_01"] = {
    "chief_complaint": "radiology report (convention 7)",
    "procedures": "the ultrasound itself is not a procedure; paracentesis not performed (site only marked)",
    "chest_imaging": "ultrasound, not a chest radiograph",
    "smoking": "not mentioned",
    "consolidation": "chest bases: only the effusion is described",
    "pneumothorax": "not mentioned", "cardiomegaly": "not mentioned", "pulmonary_edema": "not mentioned",
    "nodule": "the liver lesion and the haemangioma are not pulmonary nodules",
    "nodule_size": "no pulmonary nodule",
    "lines_tubes": "none",
}
# ---------------------------------------------------------------- pet_ct_01
NOTES["pet_ct_01"] = ("radiology", "nuclear-medicine FDG PET-CT interim response report for Hodgkin lymphoma, double reported: technique with injected activity, uptake time and reference SUVmax values, region-by-region findings with baseline vs now sizes and SUVmax, Deauville scores, numbered impression, protocol-linked recommendation, 'd-Mon-yyyy' dates")
PET_IMP = "1. Complete metabolic response (Deauville score 3 at the residual mediastinal mass; all other sites Deauville 1-2).\n2. Residual mediastinal soft tissue 41 x 22 mm, metabolically inactive relative to liver.\n3. Resolution of the left pleural effusion and of splenic involvement.\n4. Incidental 4 mm right lower lobe nodule - likely benign/inflammatory in this context.\n5. Reactive marrow uptake."
QAS["pet_ct_01"] = [
    ("What type of scan was done?", "Procedure", "span", ["18F-FDG PET-CT, SKULL BASE TO MID-THIGH", "18F-FDG PET-CT"], None),
    ("Study date?", "Other", "date", ["2-Dec-2184"], None),
    ("What was it compared with?", "Procedure", "span", ["Baseline staging PET-CT 21-Aug-2184"], None),
    ("Deauville score at the mediastinal mass?", "Diagnosis", "num", ["Deauville score 3"], None),
    ("What is the response category?", "Diagnosis", "span", ["Complete metabolic response"], None),
    ("Size of the residual mediastinal mass?", "Lab Reports", "num", [("41 x 22 mm", "all")], None),
    ("Size of the mediastinal mass at baseline?", "Lab Reports", "num", ["92 x 64 mm"], None),
    ("SUVmax of the residual mass?", "Lab Reports", "num", ["2.4"], None),
    ("Liver SUVmax?", "Lab Reports", "num", ["2.7"], None),
    ("Mediastinal blood pool SUVmax?", "Lab Reports", "num", ["1.9"], None),
    ("Baseline SUVmax of the supraclavicular nodes?", "Lab Reports", "num", ["11.4"], None),
    ("Current size of the supraclavicular nodes?", "Lab Reports", "num", ["9 mm"], None),
    ("Is there a pulmonary nodule?", "Diagnosis", "yn", ["A new 4 mm solid nodule in the right lower lobe"], "yes"),
    ("How big is the lung nodule?", "Lab Reports", "num", [("4 mm", "all")], None),
    ("Is the nodule FDG-avid?", "Diagnosis", "yn", ["no corresponding uptake"], "no"),
    ("Does the nodule need separate follow-up?", "Procedure", "yn", ["no separate follow-up needed"], "no"),
    ("Is there a pleural effusion now?", "Diagnosis", "yn", ["the small left pleural effusion seen at baseline has resolved"], "no"),
    ("Was there a pleural effusion at baseline?", "Diagnosis", "yn", ["the small left pleural effusion seen at baseline"], "yes"),
    ("Pneumothorax?", "Diagnosis", "yn", ["No pneumothorax"], "no"),
    ("Any consolidation?", "Diagnosis", "yn", ["no consolidation"], "no"),
    ("Is the heart enlarged?", "Diagnosis", "yn", ["normal heart size"], "no"),
    ("What line is present?", "Procedure", "span", ["right-arm PICC"], None),
    ("Where is the PICC tip?", "Procedure", "span", ["cavo-atrial junction"], None),
    ("Is there marrow involvement?", "Diagnosis", "yn", ["reactive change after chemotherapy/G-CSF rather than marrow involvement"], "no"),
    ("Marrow SUVmax?", "Lab Reports", "num", ["3.1"], None),
    ("Is the spleen still involved?", "Diagnosis", "yn", ["Resolution of the left pleural effusion and of splenic involvement", "uptake below liver"], "no"),
    ("Blood glucose before injection?", "Lab Reports", "num", ["5.2 mmol/L"], None),
    ("FDG activity injected?", "Procedure", "num", ["286 MBq"], None),
    ("Uptake time?", "Procedure", "span", ["62 min"], None),
    ("Weight?", "Lab Reports", "num", ["58 kg"], None),
    ("Was IV contrast given?", "Procedure", "yn", ["no IV contrast"], "no"),
    ("How many cycles of ABVD has she had?", "Medication", "num", ["2 cycles"], None),
    ("What lymphoma subtype?", "Diagnosis", "span", ["Classical Hodgkin lymphoma, nodular sclerosis"], None),
    ("Stage at diagnosis?", "Diagnosis", "span", ["stage IIB"], None),
    ("Does she still have night sweats?", "Symptoms", "yn", ["Night sweats resolved"], "no"),
    ("Which drug may be omitted?", "Medication", "span", ["bleomycin"], None),
    ("What follow-up imaging is recommended?", "Procedure", "span", ["End-of-treatment\nPET-CT"], None),
    ("Any new nodes in the neck?", "Diagnosis", "yn", ["No new cervical nodes"], "no"),
    ("What happened to the lingular atelectasis?", "Diagnosis", "span", ["The previous left lingular subsegmental atelectasis has resolved"], None),
    ("Are there FDG-avid abdominal nodes?", "Diagnosis", "yn", ["no avid nodes"], "no"),
    ("Which abnormalities have resolved since baseline?", "Diagnosis", "list", ["The previous left lingular subsegmental atelectasis has resolved", "the small left pleural effusion seen at baseline has resolved", "splenic involvement", "Night sweats resolved"], None),
    ("Who referred the patient?", "Other", "span", ["Dr Rafferty Obi (Haematology)", "Dr Rafferty Obi"], None),
    ("¿Cuál es la puntuación de Deauville?", "Diagnosis", "num", ["Deauville score 3"], None, "es"),
    ("Czy jest obecnie wysięk w opłucnej?", "Diagnosis", "yn", ["the small left pleural effusion seen at baseline has resolved"], "no", "pl"),
    ("LDH?", "Lab Reports", "num", [], None),
    ("ESR?", "Lab Reports", "num", [], None),
    ("What was the Deauville score at baseline?", "Diagnosis", "num", [], None),
    ("SUVmax of the lung nodule?", "Lab Reports", "num", [], None),
    ("Is there a thrombus around the PICC?", "Diagnosis", "yn", [], "not_mentioned"),
    ("Hb?", "Lab Reports", "num", [], None),
    ("Is there brain involvement?", "Diagnosis", "yn", [], "not_mentioned"),
    ("Wie groß ist die Milz in cm?", "Lab Reports", "num", [], None, "de"),
    ("Was a biopsy of the residual mass done?", "Procedure", "yn", [], "not_mentioned"),
]
CELLS["pet_ct_01"] = {
    "past_medical_history": (["Classical Hodgkin lymphoma, nodular sclerosis, stage IIB with bulky mediastinal mass"], "stated in the clinical information (convention 7)"),
    "presenting_symptoms": (["Cough improved"], "judgement call: current (improving) cough from the clinical information; night sweats have resolved"),
    "exam_type": (["18F-FDG PET-CT, SKULL BASE TO MID-THIGH - INTERIM RESPONSE ASSESSMENT"], ""),
    "indication": (["Interim PET after 2 cycles of ABVD. Please assess response (Deauville)."], ""),
    "comparison": (["Baseline staging PET-CT 21-Aug-2184"], ""),
    "consolidation": ("no", ["no consolidation"], ""),
    "pleural_effusion": ("no", ["the small left pleural effusion seen at baseline has resolved"], "present at baseline, resolved now"),
    "pneumothorax": ("no", ["No pneumothorax"], ""),
    "cardiomegaly": ("no", ["normal heart size"], "trace pericardial fluid is not cardiomegaly"),
    "nodule": ("yes", ["A new 4 mm solid nodule in the right lower lobe"], ""),
    "nodule_size": (["4 mm", "4"], [("4 mm", "all")], ""),
    "lines_tubes": (["right-arm PICC"], "tip at the cavo-atrial junction"),
    "main_finding": (["Complete metabolic response (Deauville score 3 at the residual mediastinal mass; all other sites Deauville 1-2)", "Complete metabolic response"], ""),
    "impression": ([PET_IMP], ""),
    "recommendation": (["Continue therapy as per the trial protocol (haematology to decide on omission of bleomycin)", "End-of-treatment\nPET-CT"], "no separate nodule follow-up"),
}
ABSENT_NOTES["pet_ct_01"] = {
    "chief_complaint": "radiology report (convention 7)",
    "chest_imaging": "PET-CT, not a chest radiograph",
    "procedures": "the imaging study itself is not a procedure",
    "smoking": "not mentioned",
    "pulmonary_edema": "not mentioned",
}
# ---------------------------------------------------------------- build
def concepts():
    out, q = [], None
    for line in (HERE / "CONCEPTS.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"### questionnaire `([^`]+)`", line)
        if m: q = m.group(1)
        m = re.match(r"- `([a-z0-9_]+)` \(([a-z_]+)", line)
        if m and q: out.append((q, m.group(1), m.group(2)))
    return out

LIST_CONCEPTS = {"secondary_diagnoses", "past_medical_history", "allergies", "presenting_symptoms", "procedures",
                 "antibiotics", "discharge_medications", "new_medications", "stopped_medications", "lines_tubes"}

def main():
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (HERE / "notes").glob("*.txt")}
    if set(texts) != set(NOTES):
        if "--partial" not in sys.argv: die(f"notes/NOTES mismatch {set(texts) ^ set(NOTES)}")
        texts = {k: v for k, v in texts.items() if k in NOTES}
    data, stats = [], {"notes": len(NOTES), "questions": 0, "unanswerable": 0, "by_type": {}, "by_category": {},
                       "verdicts": {}, "non_english": {}, "non_english_unanswerable": 0, "cells": 0,
                       "cells_answer": {}, "cells_absent": {}, "per_note": {}}
    for nid, (ntype, _) in NOTES.items():
        ctx = texts[nid]
        qas = []
        for n, row in enumerate(QAS[nid], 1):
            q, cat, at, specs, verdict = row[:5]
            lang = row[5] if len(row) > 5 else "en"
            if lang not in {"en", "es", "pl", "de", "fr"}: die(f"{nid} q{n} language {lang}")
            qid = f"{nid}_{n:02d}"
            at = T[at]
            answers, seen = [], set()
            for s in specs:
                for st, tx in locate(ctx, s, qid):
                    if (st, tx) not in seen:
                        seen.add((st, tx)); answers.append({"text": tx, "answer_start": st})
            if at == "yes_no":
                if verdict not in {"yes", "no", "uncertain", "not_mentioned"}: die(f"{qid} verdict")
                if (verdict == "not_mentioned") != (not answers): die(f"{qid} verdict/answers")
            elif verdict is not None: die(f"{qid} verdict on non-yes_no")
            if at == "list" and len(answers) < 2: die(f"{qid} list with fewer than 2 items")
            qas.append({"id": qid, "question": q, "answers": answers, "is_impossible": not answers,
                        "category": cat, "answer_type": at, "verdict": verdict})
            stats["questions"] += 1
            stats["unanswerable"] += (not answers)
            stats["by_type"].setdefault(at, [0, 0]); stats["by_type"][at][0] += 1; stats["by_type"][at][1] += (not answers)
            stats["by_category"][cat] = stats["by_category"].get(cat, 0) + 1
            if verdict: stats["verdicts"][verdict] = stats["verdicts"].get(verdict, 0) + 1
            if lang != "en":
                stats["non_english"][lang] = stats["non_english"].get(lang, 0) + 1
                stats["non_english_unanswerable"] += (not answers)
        data.append({"title": nid, "paragraphs": [{"document_id": nid, "note_type": ntype, "context": ctx, "qas": qas}]})
        unans = sum(1 for x in qas if x["is_impossible"])
        stats["per_note"][nid] = {"note_type": ntype, "chars": len(ctx), "questions": len(qas), "unanswerable": unans, "answered_cells": {}}
    json.dump({"version": "v2.0", "data": data}, open(HERE / "dev5.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)

    cons = concepts()
    known = {c for _, c, _ in cons}
    lines = []
    for nid in NOTES:
        ctx = texts[nid]
        spec_map, anotes = CELLS.get(nid, {}), ABSENT_NOTES.get(nid, {})
        for c in list(spec_map) + list(anotes):
            if c not in known: die(f"{nid}: unknown concept {c}")
        for c in spec_map:
            if c in anotes: die(f"{nid}: {c} both answered and absent")
        for q, c, t in cons:
            where = f"{nid}/{c}"
            cell = {"note_id": nid, "questionnaire": q, "concept_id": c, "status": "absent",
                    "values": ["not_mentioned"] if t == "yes_no" else [], "spans": [], "items": [], "note": anotes.get(c, "")}
            if c in spec_map:
                sp = spec_map[c]
                if t in ("yes_no", "number", "date"):
                    if len(sp) != 3: die(f"{where}: expected (values, specs, note)")
                    vals, specs, note = sp
                    if t == "yes_no":
                        if vals not in {"yes", "no", "uncertain"}: die(f"{where} verdict")
                        vals = [vals]
                else:
                    if len(sp) != 2: die(f"{where}: expected (specs, note)")
                    specs, note = sp
                    vals = None
                locs = []
                for s in specs:
                    locs += locate(ctx, s, where)
                if not locs: die(f"{where}: no spans")
                if vals is None:
                    vals = [tx for _, tx in locs]
                if t == "date" and not all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in vals): die(f"{where} date")
                cell.update(status="answer", values=vals, spans=[[s, s + len(tx)] for s, tx in locs], note=note)
                if c in LIST_CONCEPTS:
                    cell["items"] = [{"text": tx, "start": s, "end": s + len(tx)} for s, tx in locs]
                stats["per_note"][nid]["answered_cells"][q] = stats["per_note"][nid]["answered_cells"].get(q, 0) + 1
            stats["cells"] += 1
            d = stats["cells_answer"] if cell["status"] == "answer" else stats["cells_absent"]
            d[q] = d.get(q, 0) + 1
            lines.append(json.dumps(cell, ensure_ascii=False))
    (HERE / "cells.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    json.dump(stats, open(HERE / "stats.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print(f"built: {stats['notes']} notes, {stats['questions']} questions ({stats['unanswerable']} unanswerable), {stats['cells']} cells")

if __name__ == "__main__":
    main()
