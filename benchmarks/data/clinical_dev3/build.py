#!/usr/bin/env python3
"""Build dev3.json and cells.jsonl for clinical_dev3 from answer *texts* (standard library only).

Answer/cell text specs:
  "text"              -> must occur exactly once as a whole token sequence
  ("text", n)         -> n-th (0-based) whole-token occurrence
  ("text", "anchor")  -> the single occurrence inside the unique anchor string
  ("text", "all")     -> every occurrence (each becomes an alternative / a span)
The build stops with an error on a missing, ambiguous or token-internal text.
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
# ---------------------------------------------------------------- peds_dc_01
NOTES["peds_dc_01"] = ("discharge_summary", "paediatric ward discharge summary, ordinal dates ('3rd March 2186'), headings underlined with dashes, weight-based doses (mg/kg/dose), lab table by date columns with SI units, numbered discharge medicines with doses for the discharge weight")
QAS["peds_dc_01"] = [
    ("What was his SpO2 on arrival?", "Lab Reports", "num", ["89% in air", "89%"], None),
    ("Peak temp during the admission?", "Lab Reports", "num", ["39.8 C", "39.8"], None),
    ("CRP on 5th March?", "Lab Reports", "num", [("96", "188        96")], None),
    ("What was the white count on admission?", "Lab Reports", "num", ["21.6"], None),
    ("Most recent CRP?", "Lab Reports", "num", ["31"], None),
    ("What was the Hb on the day of discharge?", "Lab Reports", "num", [], None),
    ("Which antibiotics did he receive?", "Medication", "list", ["ampicillin", "amoxicillin"], None),
    ("Why was the ibuprofen stopped?", "Medication", "span", ["after the effusion was seen", "after the effusion was seen (consultant preference)"], None),
    ("Was a chest drain inserted?", "Procedure", "yn", ["A chest drain was discussed on 4th March but not needed"], "no"),
    ("Did the repeat chest ultrasound on 6 March go ahead?", "Procedure", "yn", ["The repeat chest ultrasound booked for 6th March was cancelled"], "no"),
    ("Does Mateo have asthma?", "Diagnosis", "yn", ["he does not have asthma"], "no"),
    ("Any family history of asthma?", "Other", "yn", ["Mum has asthma"], "yes"),
    ("Does the child have type 1 diabetes?", "Diagnosis", "yn", [], "not_mentioned"),
    ("How long did he need oxygen?", "Procedure", "num", ["about 40 hours", "40 hours"], None),
    ("What per-kg dose of amoxicillin is he going home on?", "Medication", "span", [("30 mg/kg", "all")], None),
    ("Until when should he take the amoxicillin?", "Medication", "date", ["9th March"], None),
    ("Weight at discharge?", "Lab Reports", "num", [("16.1 kg", "all")], None),
    ("How was the ampicillin dosed?", "Medication", "span", ["50 mg/kg/dose (820 mg) six-hourly", "50 mg/kg/dose"], None),
    ("What did the chest x-ray show?", "Procedure", "span", ["dense right lower lobe consolidation with a small right pleural effusion blunting the costophrenic angle"], None),
    ("Blood culture result?", "Lab Reports", "span", ["no growth at 48 hours"], None),
    ("Admission creatinine?", "Lab Reports", "num", [("38", "(umol/L) 38")], None),
    ("HR at discharge?", "Lab Reports", "num", ["104"], None),
    ("What was his BP on arrival?", "Lab Reports", "span", [], None),
    ("Was a lumbar puncture performed?", "Procedure", "yn", [], "not_mentioned"),
    ("What was the troponin?", "Lab Reports", "num", [], None),
    ("When was the chest drain removed?", "Procedure", "date", [], None),
    ("What was his lactate?", "Lab Reports", "num", [], None),
    ("How deep was the effusion on ultrasound?", "Lab Reports", "num", ["9 mm"], None),
    ("When did he become afebrile?", "Symptoms", "span", ["since 06:00 on 5th March", "06:00 on 5th March"], None),
    ("Does anyone in the household smoke?", "Other", "yn", ["dad smokes, outside the house only"], "yes"),
    ("¿Qué antibiótico toma al alta y a qué dosis?", "Medication", "span", ["Amoxicillin 490 mg (30 mg/kg) by mouth three times a day", "Amoxicillin 490 mg"], None, "es"),
    ("Sodium on admission?", "Lab Reports", "num", ["133"], None),
]
CELLS["peds_dc_01"] = {
    "chief_complaint": (["Five days of cough and fever, then two days of fast breathing and reduced oral intake"], "from 'Presenting complaint'"),
    "principal_diagnosis": (["Right lower lobe community-acquired pneumonia with a small parapneumonic effusion"], ""),
    "secondary_diagnoses": (["mild dehydration (about 5%)"], ""),
    "past_medical_history": (["Mild eczema", "One episode of viral wheeze at 18 months"], "asthma explicitly negated; mother's asthma and uncle's diabetes are family history"),
    "allergies": (["egg (hives and lip swelling at 11 months)"], "no known drug allergies"),
    "presenting_symptoms": ([("cough", "of cough and fever"), ("fever", "cough and fever"), "fast breathing", "reduced oral intake", "grunting"], ""),
    "symptom_duration": (["5 days", "5"], ["Five days"], "cough and fever for five days; fast breathing for two"),
    "fever": ("yes", [("fever", "cough and fever"), "T 39.4 C"], ""),
    "max_temperature": (["39.8 C", "39.8"], ["39.8 C"], "highest; 39.4 C on arrival"),
    "oxygen_saturation": (["89%", "89"], ["89% in air"], "earliest; 96% in air on 5th March, 97% at discharge"),
    "heart_rate": (["162"], ["HR 162"], "earliest; 104 at discharge"),
    "wbc": (["21.6", "21.6 x10^9/L"], ["21.6"], "earliest; 14.2 on 5th March"),
    "hemoglobin": (["112 g/L", "112", "11.2 g/dL"], ["112"], "earliest; 108 on 5th March"),
    "creatinine": (["38 umol/L", "38"], [("38", "(umol/L) 38")], "earliest; 29 on 5th March"),
    "potassium": (["4.1 mmol/L", "4.1"], ["4.1"], "earliest; 4.4 on 5th March"),
    "chest_imaging": (["dense right lower lobe consolidation with a small right pleural effusion blunting the costophrenic angle; heart size normal; no pneumothorax"], ""),
    "antibiotics": (["ampicillin", "amoxicillin"], "IV ampicillin switched to oral amoxicillin"),
    "discharge_medications": (["Amoxicillin 490 mg", "Paracetamol 240 mg", "Emollient (white soft paraffin/liquid paraffin 50:50)", "Hydrocortisone 1% cream"], ""),
    "new_medications": (["Amoxicillin 490 mg"], "the only item marked NEW; ampicillin, IV fluids and ibuprofen were inpatient-only; paracetamol is not marked new or usual and is not counted"),
    "admission_date": (["2186-03-03"], ["3rd March 2186"], ""),
    "discharge_date": (["2186-03-07"], ["7th March 2186"], ""),
    "length_of_stay": (["4 days", "4"], ["3rd March 2186", "7th March 2186"], "derived from the two dates"),
    "discharge_condition": (["Well and playful, eating and drinking normally"], ""),
    "discharge_disposition": (["home with mum and dad"], ""),
    "follow_up": (["Paediatric respiratory clinic in 6 weeks with a repeat chest X-ray", "Open access to Acorn Ward for 48 hours"], ""),
    "consolidation": ("yes", ["dense right lower lobe consolidation"], "from the CXR result"),
    "pleural_effusion": ("yes", ["small right pleural effusion"], ""),
    "pneumothorax": ("no", ["no pneumothorax"], ""),
    "cardiomegaly": ("no", ["heart size normal"], ""),
}
ABSENT_NOTES["peds_dc_01"] = {
    "admission_diagnosis": "no separate admitting diagnosis; the 'Diagnosis' section is the discharge diagnosis",
    "chest_pain": "not mentioned",
    "blood_pressure": "no BP recorded",
    "troponin": "not measured",
    "procedures": "oxygen and IV fluids are treatments, not procedures; the chest drain and repeat ultrasound were not done; CXR/ultrasound are imaging",
    "surgery": "none",
    "anticoagulation": "not mentioned",
    "stopped_medications": "ibuprofen was stopped on the ward, but it is not described as a pre-admission medicine; no home medicine was stopped",
    "smoking": "4-year-old; only the father smokes (household exposure), so the patient's own smoking does not apply",
}
# ---------------------------------------------------------------- icu_ward_01
NOTES["icu_ward_01"] = ("progress", "ICU-to-ward transfer note, systems-based paragraphs in CAPS (NEURO/CV/RESP/RENAL/ID/HEME/ENDO/GI), MM/DD dates, arrow trend lines, lines/tubes/drains dash list with insertion and removal dates")
QAS["icu_ward_01"] = [
    ("Creatinine on admission?", "Lab Reports", "num", ["3.4"], None),
    ("What was the peak Cr?", "Lab Reports", "num", ["3.9"], None),
    ("Most recent creatinine?", "Lab Reports", "num", ["2.1"], None),
    ("What is his baseline creatinine?", "Lab Reports", "num", ["1.3"], None),
    ("K on admit?", "Lab Reports", "num", ["5.8"], None),
    ("How was the hyperkalemia treated?", "Medication", "span", ["insulin/dextrose + calcium gluconate"], None),
    ("Peak troponin?", "Lab Reports", "num", ["88 ng/L"], None),
    ("What was the troponin rise attributed to?", "Diagnosis", "span", ["demand (type 2) injury"], None),
    ("Which vasopressors did he need?", "Medication", "list", ["Norepinephrine", "vasopressin"], None),
    ("When did norepinephrine come off?", "Medication", "span", ["06/09 14:00"], None),
    ("Has his home metoprolol been restarted?", "Medication", "yn", ["resumed 06/10 at 12.5 mg BID"], "yes"),
    ("Current metoprolol dose?", "Medication", "span", ["12.5 mg BID"], None),
    ("Why is lisinopril on hold?", "Medication", "span", [("AKI", "on hold for AKI")], None),
    ("What antibiotic is he on now?", "Medication", "span", ["ceftriaxone 2 g IV q24h", "ceftriaxone"], None),
    ("When is the last planned antibiotic dose?", "Medication", "date", ["06/20"], None),
    ("What organism grew in the blood cultures?", "Lab Reports", "span", [("E. coli", "all")], None),
    ("Was vancomycin continued?", "Medication", "yn", ["stopped once MRSA nares negative"], "no"),
    ("Hgb trend?", "Lab Reports", "span", ["11.2 (06/07) -> 8.9 (06/11)"], None),
    ("Was he transfused?", "Procedure", "yn", ["no transfusion"], "no"),
    ("What DVT prophylaxis is he on?", "Medication", "span", ["heparin 5000 units SC q8h"], None),
    ("Did he have chest pain?", "Symptoms", "yn", ["no chest pain"], "no"),
    ("Does he smoke?", "Other", "yn", ["ex-smoker, 40 pack-years, quit 2181"], "no"),
    ("Which lines/tubes are still in at transfer?", "Procedure", "list", ["Foley catheter", ("L ureteral stent", "- L ureteral stent (06/07)"), "PIVs: 20G R forearm, 18G L antecubital"], None),
    ("When was the art line pulled?", "Procedure", "date", [("06/10", "removed 06/10")], None),
    ("LVEF on the TTE?", "Lab Reports", "num", ["55%"], None),
    ("What was quetiapine used for?", "Diagnosis", "span", ["Hyperactive delirium"], None),
    ("Is he still on quetiapine?", "Medication", "yn", ["now stopped"], "no"),
    ("Lactate on admission?", "Lab Reports", "num", [], None),
    ("What was the INR?", "Lab Reports", "num", [], None),
    ("Has he had kidney stones before this admission?", "Diagnosis", "yn", [], "not_mentioned"),
    ("What HbA1c was recorded?", "Lab Reports", "num", [], None),
    ("What was the procalcitonin?", "Lab Reports", "num", [], None),
    ("What is his weight?", "Lab Reports", "num", [], None),
    ("Was he intubated in the ICU?", "Procedure", "yn", [], "not_mentioned"),
    ("What did urology do?", "Procedure", "span", ["emergent cystoscopy + L ureteral stent", "cystoscopy + L ureteral stent"], None),
    ("Tmax in the last 24 h?", "Lab Reports", "num", ["37.4"], None),
    ("When will the Foley come out?", "Procedure", "date", [("06/12", "all")], None),
    ("Welche Allergie hat der Patient?", "Medication", "span", ["sulfonamide antibiotics (angioedema)", "sulfonamide antibiotics"], None, "de"),
    ("What was the SpO2 on arrival in the ED?", "Lab Reports", "num", ["91% on RA", "91%"], None),
    ("¿Por qué se suspendió el pantoprazol?", "Medication", "span", ["no ongoing indication"], None, "es"),
]
CELLS["icu_ward_01"] = {
    "admission_diagnosis": (["septic shock from obstructive left pyelonephritis"], "from the one-liner"),
    "past_medical_history": (["T2DM", "HTN", ("CKD 3a", "HTN and CKD 3a")], ""),
    "allergies": (["sulfonamide antibiotics (angioedema)"], "morphine vomiting is an intolerance, not an allergy"),
    "fever": ("yes", ["T 39.6"], "39.6 in the ED"),
    "chest_pain": ("no", ["no chest pain"], ""),
    "max_temperature": (["39.6 C", "39.6"], [("39.6", "all")], "highest (ED); Tmax last 24 h 37.4"),
    "oxygen_saturation": (["91%", "91"], ["91% on RA"], "earliest (ED arrival); 95% on 2 L NC today"),
    "heart_rate": (["124"], ["HR 124"], "earliest (ED arrival); 88 today"),
    "blood_pressure": (["78/42"], "earliest (ED arrival); 128/74 today"),
    "wbc": (["24.3"], ["24.3"], "earliest; 17.0 on 06/09, 11.8 on 06/11"),
    "hemoglobin": (["11.2", "11.2 g/dL"], [("11.2", "11.2 (06/07)")], "earliest; 8.9 on 06/11"),
    "creatinine": (["3.4"], ["3.4"], "earliest; peak 3.9, 2.1 today, baseline 1.3"),
    "potassium": (["5.8"], ["5.8"], "earliest; 4.2 today"),
    "troponin": (["64 ng/L"], "earliest; peak 88 ng/L on 06/08, 51 ng/L on 06/10"),
    "chest_imaging": (["bibasilar atelectasis and small bilateral pleural effusions, no consolidation, no pneumothorax, no edema"], "CXR 06/10"),
    "procedures": (["emergent cystoscopy + L ureteral stent", "R IJ triple-lumen CVC", "L radial arterial line"], "line placements count as procedures; Foley insertion, HFNC and TTE are not counted"),
    "surgery": (["emergent cystoscopy + L ureteral stent"], "endoscopic urological procedure in theatre, counted as the operation of this admission"),
    "antibiotics": (["Vancomycin", "Piperacillin-tazobactam", "ceftriaxone"], ""),
    "new_medications": (["ceftriaxone", "glargine", "lispro correction scale", "heparin 5000 units SC q8h"], "admission so far: drugs started in the ICU and still given at transfer; acetaminophen and senna are not stated to be new"),
    "stopped_medications": (["quetiapine", "Pantoprazole", "Vancomycin", "Piperacillin-tazobactam", "Norepinephrine", "vasopressin"], "started and stopped during the ICU stay (piperacillin-tazobactam narrowed to ceftriaxone); home metoprolol, amlodipine, lisinopril and metformin are held or dose-changed, not stopped"),
    "admission_date": (["2187-06-07"], ["06/07/2187"], ""),
    "smoking": ("no", ["quit 2181"], "former smoker"),
    "follow_up": (["Urology to arrange ureteroscopy/laser lithotripsy and stent removal in 2-3 weeks"], ""),
    "consolidation": ("no", ["no consolidation"], "CXR 06/10"),
    "pleural_effusion": ("yes", ["small bilateral pleural effusions"], ""),
    "pneumothorax": ("no", ["no pneumothorax"], ""),
    "pulmonary_edema": ("no", ["no edema"], ""),
    "lines_tubes": (["Foley catheter", ("L ureteral stent", "- L ureteral stent (06/07)"), "PIVs: 20G R forearm, 18G L antecubital"], "present at transfer; the CVC was removed today and the arterial line on 06/10"),
}
ABSENT_NOTES["icu_ward_01"] = {
    "chief_complaint": "no presenting complaint stated; only the admission diagnosis",
    "principal_diagnosis": "transfer from ICU to a ward is not a discharge",
    "secondary_diagnoses": "not discharged",
    "presenting_symptoms": "no presenting symptoms described",
    "symptom_duration": "not stated",
    "discharge_medications": "not discharged",
    "anticoagulation": "only prophylactic SC heparin, which is not anticoagulation",
    "discharge_date": "ICU-to-ward transfer, not a discharge",
    "length_of_stay": "not discharged",
    "discharge_condition": "not discharged",
    "discharge_disposition": "transfer to 7 West within the hospital is not a discharge",
    "cardiomegaly": "not described",
}
# ---------------------------------------------------------------- onc_letter_01
NOTES["onc_letter_01"] = ("clinic_letter", "UK lung-oncology clinic letter to the GP: letterhead, 'Re:' line, Diagnosis/Treatment/PS summary block, prose paragraphs with inline bloods, dash plan list, ordinal dates ('11th September 2185'), Hb in g/L, creatinine in umol/L")
QAS["onc_letter_01"] = [
    ("Which pembrolizumab cycle did she last receive?", "Medication", "span", [("cycle 6", "cycle 6 given")], None),
    ("When was cycle 6 given?", "Medication", "date", ["21st August 2185"], None),
    ("Was cycle 7 given today?", "Medication", "yn", ["cycle 7, which was due today, has been deferred"], "no"),
    ("What dose of prednisolone was started?", "Medication", "span", ["prednisolone 60 mg once daily (1 mg/kg)", "prednisolone 60 mg once daily", ("60 mg", "all")], None),
    ("Why is she taking co-trimoxazole?", "Medication", "span", ["PCP prophylaxis while she is on high-dose steroids", "PCP prophylaxis"], None),
    ("What is her levothyroxine dose now?", "Medication", "span", ["75 micrograms daily"], None),
    ("Which meds was she told to stop?", "Medication", "list", ["over-the-counter ibuprofen", "codeine linctus"], None),
    ("New medications started at this visit?", "Medication", "list", ["prednisolone 60 mg once daily", "omeprazole 20 mg daily", "co-trimoxazole 480 mg once daily"], None),
    ("Did the CTPA show a PE?", "Diagnosis", "yn", ["pulmonary embolism was excluded"], "no"),
    ("Is there radiological progression of the cancer?", "Diagnosis", "yn", ["the primary tumour and adrenal deposit are stable"], "no"),
    ("SpO2 at rest?", "Lab Reports", "num", ["93% at rest", "93%"], None),
    ("How low did her sats drop on walking?", "Lab Reports", "num", ["88%"], None),
    ("Hb today?", "Lab Reports", "num", ["121 g/L", "121"], None),
    ("What was the Hb at cycle 6?", "Lab Reports", "num", ["128"], None),
    ("TSH?", "Lab Reports", "num", ["8.9 mU/L", "8.9"], None),
    ("What was her CRP?", "Lab Reports", "num", ["14"], None),
    ("Is she a smoker?", "Other", "yn", ["She stopped smoking when she was diagnosed in 2184"], "no"),
    ("How many pack-years?", "Other", "num", ["35 pack-years", "35"], None),
    ("Does the patient have ovarian cancer?", "Diagnosis", "yn", [], "not_mentioned"),
    ("Any family history of cancer?", "Other", "yn", ["Her sister had ovarian cancer at 52"], "yes"),
    ("Is she allergic to doxycycline?", "Medication", "yn", ["an intolerance, not an allergy"], "no"),
    ("What reaction does she get to penicillin?", "Medication", "span", ["urticarial rash"], None),
    ("Was the bronchoscopy done?", "Procedure", "yn", ["I have cancelled it"], "no"),
    ("When is the next oncology review?", "Other", "span", ["in 2 weeks with a chest X-ray, U&E and TFTs", "Review in the lung oncology clinic in 2 weeks"], None),
    ("What did today's CXR show?", "Procedure", "span", ["hazy shadowing in both lower zones without an effusion"], None),
    ("What grade is the pneumonitis?", "Diagnosis", "span", [("grade 2", "all")], None),
    ("ECOG PS?", "Other", "num", ["ECOG 1"], None),
    ("PD-L1 expression?", "Lab Reports", "num", ["80%"], None),
    ("When was the CTPA done?", "Procedure", "date", ["7th September"], None),
    ("What was her weight?", "Lab Reports", "num", [], None),
    ("Magnesium level?", "Lab Reports", "num", [], None),
    ("What was her respiratory rate?", "Lab Reports", "num", [], None),
    ("What is her eGFR?", "Lab Reports", "num", [], None),
    ("What date has cycle 7 been rescheduled to?", "Medication", "date", [], None),
    ("Has she had any seizures?", "Symptoms", "yn", [], "not_mentioned"),
    ("When is the next CT planned?", "Procedure", "span", ["Repeat CT chest in 6 weeks", "in 6 weeks"], None),
    ("Dlaczego wstrzymano pembrolizumab?", "Medication", "span", ["suspected immune-related pneumonitis, grade 2", "checkpoint-inhibitor pneumonitis"], None, "pl"),
    ("What was her temperature in clinic?", "Lab Reports", "num", ["36.9"], None),
]
CELLS["onc_letter_01"] = {
    "chief_complaint": (["dry cough and has become breathless climbing one flight of stairs"], "no CC label; the complaint she presented with"),
    "past_medical_history": (["Adenocarcinoma of the left upper lobe, stage IV (adrenal metastasis)", ("type 2 diabetes", "Other history: type 2 diabetes"), "osteoarthritis of both knees", "immune-related hypothyroidism", "appendicectomy as a teenager"], "sister's ovarian cancer is family history"),
    "allergies": (["penicillin (urticarial rash)"], "doxycycline nausea is an intolerance, not an allergy"),
    "presenting_symptoms": (["dry cough", "breathless climbing one flight of stairs"], ""),
    "symptom_duration": (["10 days", "10"], ["about ten days"], ""),
    "fever": ("no", ["no fevers"], ""),
    "chest_pain": ("no", ["no chest pain"], ""),
    "max_temperature": (["36.9 C", "36.9"], ["36.9"], "only temperature"),
    "oxygen_saturation": (["93%", "93"], ["93% at rest"], "at rest; 88% after walking"),
    "heart_rate": (["96"], ["pulse 96"], ""),
    "blood_pressure": (["138/82"], ""),
    "wbc": (["8.4"], ["8.4"], ""),
    "hemoglobin": (["121 g/L", "121", "12.1 g/dL"], ["121 g/L"], "today's value; 128 at the previous cycle"),
    "creatinine": (["71 umol/L", "71"], ["71 umol/L"], ""),
    "potassium": (["4.3"], ["4.3"], ""),
    "chest_imaging": (["hazy shadowing in both lower zones without an effusion"], "clinic CXR; the CTPA is CT"),
    "antibiotics": (["co-trimoxazole 480 mg once daily"], "PCP prophylaxis, started at this visit"),
    "new_medications": (["prednisolone 60 mg once daily", "omeprazole 20 mg daily", "co-trimoxazole 480 mg once daily"], "levothyroxine dose increase is neither new nor stopped"),
    "stopped_medications": (["over-the-counter ibuprofen", "codeine linctus"], "pembrolizumab is held (cycle deferred), not stopped"),
    "smoking": ("no", ["She stopped smoking when she was diagnosed in 2184"], "former smoker"),
    "follow_up": (["Review in the lung oncology clinic in 2 weeks with a chest X-ray, U&E and TFTs", "Repeat CT chest in 6 weeks", "Please check a capillary glucose twice weekly while on steroids"], ""),
    "pleural_effusion": ("no", ["without an effusion"], "clinic CXR"),
}
ABSENT_NOTES["onc_letter_01"] = {
    "admission_diagnosis": "clinic letter, no admission",
    "principal_diagnosis": "clinic letter, not a discharge",
    "secondary_diagnoses": "clinic letter, not a discharge",
    "troponin": "not measured",
    "procedures": "the booked bronchoscopy was cancelled; CTPA and CXR are imaging",
    "surgery": "appendicectomy as a teenager is past history",
    "discharge_medications": "not a discharge",
    "anticoagulation": "not mentioned",
    "admission_date": "clinic visit", "discharge_date": "clinic visit", "length_of_stay": "clinic visit",
    "discharge_condition": "clinic visit", "discharge_disposition": "clinic visit",
    "consolidation": "ground-glass change and hazy shadowing; consolidation not described",
}
# ---------------------------------------------------------------- surg_pod_01
NOTES["surg_pod_01"] = ("discharge_summary", "general-surgery discharge summary with the hospital course by post-operative day (POD0-POD7), 'Mon 04 Nov 2183' dates, lab table with date columns, discharge medicines each tagged resumed/unchanged/NEW/STOPPED")
QAS["surg_pod_01"] = [
    ("What operation did she have?", "Procedure", "span", ["laparotomy, adhesiolysis and small bowel resection (40 cm ischaemic ileum) with stapled side-to-side anastomosis", "laparotomy, adhesiolysis and small bowel resection"], None),
    ("How much small bowel was resected?", "Procedure", "num", ["40 cm"], None),
    ("Was a stoma formed?", "Procedure", "yn", ["stoma consented for but not required"], "no"),
    ("When is the stoma reversal planned?", "Procedure", "span", [], None),
    ("On which post-op day was apixaban restarted?", "Medication", "span", ["POD3"], None),
    ("When was the last pre-op apixaban dose?", "Medication", "span", ["evening of 03 Nov"], None),
    ("Is she anticoagulated at discharge?", "Medication", "yn", ["Apixaban 5 mg BD - resumed"], "yes"),
    ("What did the gastrografin challenge show?", "Procedure", "span", ["contrast had not reached the colon at 24 h"], None),
    ("Was there an anastomotic leak?", "Diagnosis", "yn", ["anastomotic leak ruled out"], "no"),
    ("What grew on the wound swab?", "Lab Reports", "span", [("MSSA", "all")], None),
    ("Which antibiotic was used for the wound infection?", "Medication", "span", [("Doxycycline 100 mg BD", "all")], None),
    ("What reaction did she have to penicillin?", "Medication", "span", ["anaphylaxis as a child", "anaphylaxis"], None),
    ("Peak WBC?", "Lab Reports", "num", ["15.9"], None),
    ("Most recent white count?", "Lab Reports", "num", ["9.1"], None),
    ("Hb on POD1?", "Lab Reports", "num", ["10.9"], None),
    ("Lowest potassium?", "Lab Reports", "num", [("3.1", "all")], None),
    ("Creatinine on admission?", "Lab Reports", "num", ["1.62"], None),
    ("Admission lactate?", "Lab Reports", "num", ["2.9"], None),
    ("Highest temperature?", "Lab Reports", "num", ["38.4"], None),
    ("What ramipril dose is she going home on?", "Medication", "span", ["Ramipril 2.5 mg OD", "2.5 mg OD"], None),
    ("Was the alendronic acid continued?", "Medication", "yn", ["Alendronic acid 70 mg weekly - STOPPED"], "no"),
    ("Why was alendronate stopped?", "Medication", "span", ["5-year course completed; treatment holiday", "5-year course completed"], None),
    ("New meds on discharge?", "Medication", "list", ["Doxycycline 100 mg BD until 16 Nov", "Paracetamol 1 g QDS as required"], None),
    ("Does she smoke?", "Other", "yn", ["Never smoked"], "no"),
    ("Was any malignancy found in the resected bowel?", "Diagnosis", "yn", ["no malignancy"], "no"),
    ("Family hx of bowel cancer?", "Other", "yn", ["Father died of bowel cancer"], "yes"),
    ("What VTE prophylaxis was used after surgery?", "Medication", "span", ["Enoxaparin 40 mg SC daily"], None),
    ("When did the NG tube come out?", "Procedure", "span", ["POD2"], None),
    ("HR on arrival?", "Lab Reports", "num", ["HR 112", "112"], None),
    ("Where was the transition point on CT?", "Procedure", "span", ["right iliac fossa"], None),
    ("What was the troponin?", "Lab Reports", "num", [], None),
    ("Was she transfused?", "Procedure", "yn", [], "not_mentioned"),
    ("What was the CRP on POD3?", "Lab Reports", "num", [], None),
    ("INR on admission?", "Lab Reports", "num", [], None),
    ("Albumin on POD3?", "Lab Reports", "num", [], None),
    ("What was her weight?", "Lab Reports", "num", [], None),
    ("¿Cuándo fue dada de alta?", "Other", "date", ["13 Nov 2183", ("13 Nov", "POD7 (13 Nov)")], None, "es"),
    ("Welche Antibiotika bekam sie bei der Narkoseeinleitung?", "Medication", "list", ["Gentamicin", "metronidazole"], None, "de"),
    ("Latest Hb?", "Lab Reports", "num", ["10.8"], None),
]
SURG_OP = "laparotomy, adhesiolysis and small bowel resection (40 cm ischaemic ileum) with stapled side-to-side anastomosis"
CELLS["surg_pod_01"] = {
    "chief_complaint": (["colicky central abdominal pain, vomiting and no flatus"], "from 'Presentation'"),
    "admission_diagnosis": ([("adhesional small bowel obstruction", "Admitting diagnosis: adhesional small bowel obstruction")], ""),
    "principal_diagnosis": (["adhesional small bowel obstruction with an ischaemic ileal segment"], ""),
    "secondary_diagnoses": (["superficial surgical site infection (MSSA)", "hypokalaemia", "acute kidney injury (pre-renal)"], ""),
    "past_medical_history": (["atrial fibrillation", "hypertension", "hypothyroidism", "osteoporosis", "total abdominal hysterectomy in her forties"], "father's bowel cancer is family history"),
    "allergies": (["penicillin - anaphylaxis as a child"], ""),
    "presenting_symptoms": (["colicky central abdominal pain", "vomiting", "no flatus"], ""),
    "symptom_duration": (["3 days", "3"], ["3 days"], ""),
    "fever": ("yes", ["T 38.4"], "post-operative fever on POD3 (wound infection)"),
    "max_temperature": (["38.4 C", "38.4"], ["38.4"], "highest; 37.2 on arrival"),
    "oxygen_saturation": (["96%", "96"], ["SpO2 96% RA"], ""),
    "heart_rate": (["112"], ["HR 112"], "on arrival (AF)"),
    "blood_pressure": (["104/66"], ""),
    "wbc": (["13.8"], ["13.8"], "earliest; peak 15.9, 9.1 on 12 Nov"),
    "hemoglobin": (["14.1 g/dL", "14.1"], ["14.1"], "earliest; nadir 10.4, 10.8 on 12 Nov"),
    "creatinine": (["1.62 mg/dL", "1.62"], ["1.62"], "earliest; 0.88 on 12 Nov"),
    "potassium": (["3.6 mmol/L", "3.6"], ["3.6"], "earliest; nadir 3.1 on POD1"),
    "procedures": ([SURG_OP, "NG tube", "Thoracic epidural", "pus drained and the wound packed at the bedside"], "gastrografin challenge and CT are imaging"),
    "surgery": ([SURG_OP], ""),
    "antibiotics": (["Gentamicin", "metronidazole", ("Doxycycline", "Doxycycline 100 mg BD started")], "gentamicin and metronidazole as induction prophylaxis; doxycycline for the wound infection"),
    "discharge_medications": (["Apixaban 5 mg BD", "Bisoprolol 5 mg OD", "Ramipril 2.5 mg OD", "Atorvastatin 40 mg nocte", "Levothyroxine 100 micrograms OD", "Omeprazole 20 mg OD", "Doxycycline 100 mg BD until 16 Nov", "Paracetamol 1 g QDS as required"], "alendronic acid is listed as STOPPED"),
    "anticoagulation": ("yes", ["Apixaban 5 mg BD - resumed"], "held peri-operatively, restarted POD3 and on the discharge list"),
    "new_medications": (["Doxycycline 100 mg BD until 16 Nov", "Paracetamol 1 g QDS as required"], "enoxaparin was inpatient-only; induction antibiotics excluded; ramipril dose change is neither"),
    "stopped_medications": (["Alendronic acid 70 mg weekly"], ""),
    "admission_date": (["2183-11-04"], ["Mon 04 Nov 2183"], ""),
    "discharge_date": (["2183-11-13"], ["Wed 13 Nov 2183"], ""),
    "length_of_stay": (["9 days", "9"], ["Mon 04 Nov 2183", "Wed 13 Nov 2183"], "derived from the two dates"),
    "discharge_condition": (["good - eating, bowels open, walking with a stick, wound clean and granulating"], ""),
    "discharge_disposition": (["own home, with district nurse visits for wound packing"], ""),
    "smoking": ("no", ["Never smoked"], ""),
    "follow_up": (["Surgical outpatient clinic in 2 weeks (Mr Abiodun-Sterling)", "District nurse: daily wound packing, first visit 14 Nov", "GP: U&E in one week after the ramipril restart"], ""),
}
ABSENT_NOTES["surg_pod_01"] = {
    "chest_pain": "not mentioned",
    "troponin": "not measured",
    "chest_imaging": "no chest radiograph; the CTs are of the abdomen",
}
# ---------------------------------------------------------------- ed_soap_01
NOTES["ed_soap_01"] = ("emergency", "US emergency-department note: '=== TRIAGE ===' block with pipe-separated vitals and ESI acuity, then provider note in S:/O:/A:/P: form, MM/DD/YYYY dates with 24-hour clock times, numbered assessment, dash plan, timed reassessment and disposition line")
QAS["ed_soap_01"] = [
    ("What time did he arrive?", "Other", "span", ["23:41"], None),
    ("Triage BP?", "Lab Reports", "span", [("162/98", "all")], None),
    ("BP at the 02:30 reassessment?", "Lab Reports", "span", ["138/84"], None),
    ("Troponin trend?", "Lab Reports", "span", ["6 ng/L (00:05) -> 7 ng/L (02:10)"], None),
    ("What was the second troponin?", "Lab Reports", "num", ["7 ng/L"], None),
    ("D-dimer?", "Lab Reports", "num", ["310 ng/mL FEU", "310"], None),
    ("Does he have a pulmonary embolism?", "Diagnosis", "yn", ["Pulmonary embolism ruled out"], "no"),
    ("Is this ACS?", "Diagnosis", "yn", ["ACS ruled out"], "no"),
    ("Was a CT angiogram of the aorta performed?", "Procedure", "yn", ["A CT angiogram of the aorta was ordered at 00:10 and cancelled at 00:55"], "no"),
    ("What did the ECG show?", "Procedure", "span", ["sinus tachycardia, diffuse concave ST elevation with PR depression, no reciprocal change", "diffuse concave ST elevation with PR depression"], None),
    ("Any pericardial effusion on bedside echo?", "Diagnosis", "yn", ["no pericardial effusion"], "no"),
    ("Is he a smoker?", "Other", "yn", ["current smoker, ~10 cigarettes/day (20 pack-years)", "current smoker"], "yes"),
    ("Family history of premature coronary disease?", "Other", "yn", ["father MI at 51"], "yes"),
    ("Does the patient have diabetes?", "Diagnosis", "yn", [], "not_mentioned"),
    ("Is he allergic to lisinopril?", "Medication", "yn", ["ACE-inhibitor cough, not a true allergy"], "no"),
    ("What is he allergic to?", "Medication", "span", ["shellfish (hives)", "shellfish"], None),
    ("Colchicine dose and duration?", "Medication", "span", ["0.5 mg PO BID for 3 months"], None),
    ("How long is the ibuprofen course before the taper?", "Medication", "num", ["14 days"], None),
    ("Why was omeprazole prescribed?", "Medication", "span", ["while on ibuprofen"], None),
    ("Home meds?", "Medication", "list", ["losartan 50 mg daily", "atorvastatin 20 mg nightly"], None),
    ("Was he admitted?", "Other", "yn", ["discharged home 02/20/2189 03:05"], "no"),
    ("Date of discharge from the ED?", "Other", "date", [("02/20/2189", "discharged home 02/20/2189")], None),
    ("CRP?", "Lab Reports", "num", ["42 mg/L", "42"], None),
    ("Weight?", "Lab Reports", "num", ["88 kg"], None),
    ("Hgb?", "Lab Reports", "num", ["14.6"], None),
    ("What follow-up was arranged?", "Other", "span", ["Cardiology (pericarditis) clinic in 1 week", "PCP in 2-3 days for BP recheck"], None),
    ("Did he accept nicotine replacement?", "Medication", "yn", ["declined nicotine replacement"], "no"),
    ("When did the pain start?", "Symptoms", "span", ["about 20:30", "20:30"], None),
    ("Is the pericarditis viral?", "Diagnosis", "yn", ["probably viral/idiopathic"], "uncertain"),
    ("What was the lipase?", "Lab Reports", "num", [], None),
    ("BNP?", "Lab Reports", "num", [], None),
    ("Temperature at the 02:30 reassessment?", "Lab Reports", "num", [], None),
    ("Was aspirin given?", "Medication", "yn", [], "not_mentioned"),
    ("What was the HbA1c?", "Lab Reports", "num", [], None),
    ("Lactate?", "Lab Reports", "num", [], None),
    ("When is the cardiac MRI booked?", "Procedure", "date", [], None),
    ("What was the final ED diagnosis?", "Diagnosis", "span", ["Acute pericarditis", ("acute pericarditis", "all")], None),
    ("HR at triage?", "Lab Reports", "num", [("HR 104", 0), ("104", "| HR 104 |")], None),
]
CELLS["ed_soap_01"] = {
    "chief_complaint": (["chest pain x 3 hrs"], "triage chief complaint"),
    "principal_diagnosis": (["Acute pericarditis", "acute pericarditis"], "ED diagnosis of a visit that ended in discharge home"),
    "secondary_diagnoses": (["Hypertension, reactive to pain"], "ACS and PE were ruled out and dissection felt unlikely; not diagnoses"),
    "past_medical_history": ([("hypertension", "hypertension, hyperlipidemia, GERD"), ("hyperlipidemia", "hypertension, hyperlipidemia, GERD"), "GERD"], "father's MI and mother's diabetes are family history"),
    "allergies": (["shellfish (hives)"], "lisinopril cough is labelled 'not a true allergy'"),
    "presenting_symptoms": (["sharp central chest pain"], "worse lying flat and on inspiration; syncope and leg swelling denied"),
    "symptom_duration": (["3 hours", "3 hrs", "3"], ["3 hrs"], "since about 20:30, arrival 23:41"),
    "fever": ("no", ["No fever at home"], "T 36.8 C at triage"),
    "chest_pain": ("yes", ["sharp central chest pain"], ""),
    "max_temperature": (["36.8 C", "36.8"], ["36.8 C"], "only temperature"),
    "oxygen_saturation": (["97%", "97"], ["SpO2 97% RA"], "triage; 98% at 02:30"),
    "heart_rate": (["104"], [("HR 104", 0)], "triage; 88 at 02:30"),
    "blood_pressure": ([("162/98", 0)], "triage; 138/84 at 02:30"),
    "wbc": (["11.2"], ["11.2"], ""),
    "hemoglobin": (["14.6"], ["14.6"], ""),
    "creatinine": (["1.02"], ["1.02"], ""),
    "potassium": (["4.0"], ["4.0"], ""),
    "troponin": (["6 ng/L"], "first hs-troponin I (00:05); 7 ng/L at 02:10"),
    "chest_imaging": (["heart size normal, lungs clear, no effusion, mediastinum not widened"], ""),
    "discharge_medications": (["Ibuprofen 600 mg", "Colchicine 0.5 mg PO BID", "Omeprazole 20 mg PO daily", ("losartan", "Continue losartan and atorvastatin"), ("atorvastatin", "Continue losartan and atorvastatin")], "ED discharge plan"),
    "new_medications": (["Ibuprofen 600 mg", "Colchicine 0.5 mg PO BID", "Omeprazole 20 mg PO daily"], ""),
    "admission_date": (["2189-02-19"], ["02/19/2189"], "ED arrival date"),
    "discharge_date": (["2189-02-20"], [("02/20/2189", "discharged home 02/20/2189")], ""),
    "discharge_condition": (["ambulating, stable"], ""),
    "discharge_disposition": ([("home", "discharged home")], ""),
    "smoking": ("yes", ["current smoker"], ""),
    "follow_up": (["Cardiology (pericarditis) clinic in 1 week", "PCP in 2-3 days for BP recheck"], ""),
    "consolidation": ("no", [("lungs clear", "heart size normal, lungs clear")], "CXR 'lungs clear'"),
    "pleural_effusion": ("no", ["no effusion"], "CXR"),
    "cardiomegaly": ("no", [("heart size normal", "CXR: heart size normal")], ""),
}
ABSENT_NOTES["ed_soap_01"] = {
    "admission_diagnosis": "not admitted (ED visit ending in discharge home)",
    "procedures": "ECG, bedside echo and CXR are tests/imaging; the CT angiogram was cancelled",
    "surgery": "none",
    "antibiotics": "none",
    "anticoagulation": "not mentioned",
    "stopped_medications": "none stopped; losartan and atorvastatin continued",
    "length_of_stay": "ED visit of hours",
}
# ---------------------------------------------------------------- colonoscopy_01
NOTES["colonoscopy_01"] = ("operative", "endoscopy-unit colonoscopy report from a reporting system: aligned 'Field:' header, CAPS section headings, numbered indications and numbered segment-by-segment findings, Boston bowel-prep score, 'DD Mon YYYY' dates, dash recommendations")
QAS["colonoscopy_01"] = [
    ("Why was the colonoscopy done?", "Diagnosis", "list", ["Positive FIT", "Iron deficiency anaemia"], None),
    ("FIT result?", "Lab Reports", "num", ["212 ug Hb/g faeces", "212"], None),
    ("What was her Hb before the procedure?", "Lab Reports", "num", ["98 g/L"], None),
    ("Ferritin?", "Lab Reports", "num", ["6 ug/L"], None),
    ("Was the caecum reached?", "Procedure", "yn", ["Caecum reached"], "yes"),
    ("Why wasn't the caecal lesion removed today?", "Procedure", "span", ["needs a dedicated EMR list"], None),
    ("How big is the caecal lesion?", "Lab Reports", "num", [("22 mm", "all")], None),
    ("How was the transverse colon polyp removed?", "Procedure", "span", ["cold snare polypectomy"], None),
    ("Was any cancer seen?", "Diagnosis", "yn", ["colorectal cancer not seen at this examination"], "no"),
    ("BBPS total?", "Lab Reports", "num", ["total 7"], None),
    ("Withdrawal time?", "Other", "num", ["14 minutes"], None),
    ("What sedation was given?", "Medication", "list", ["Midazolam 2 mg IV", "fentanyl 50 micrograms IV"], None),
    ("Was Entonox used?", "Medication", "yn", ["Entonox not used"], "no"),
    ("When should rivaroxaban be restarted?", "Medication", "date", ["tomorrow morning (09 Jan)", "09 Jan"], None),
    ("When was her last rivaroxaban dose?", "Medication", "date", ["05 Jan"], None),
    ("Why is she on rivaroxaban?", "Diagnosis", "span", ["Previous DVT (left leg)", "Previous DVT"], None),
    ("Was the OGD done?", "Procedure", "yn", ["OGD for the iron deficiency anaemia was planned for the same session but not performed"], "no"),
    ("Why wasn't the OGD done?", "Procedure", "span", ["patient preferred a separate visit"], None),
    ("Is she allergic to chlorhexidine?", "Medication", "yn", ["chlorhexidine (generalised itchy rash)"], "yes"),
    ("Post-procedure BP?", "Lab Reports", "span", ["124/70"], None),
    ("Pre-procedure HR?", "Lab Reports", "num", ["HR 74", "74"], None),
    ("Were there any complications?", "Other", "yn", ["None"], "no"),
    ("Were any clips placed?", "Procedure", "yn", ["no clips required"], "no"),
    ("Where was the tattoo placed?", "Procedure", "span", ["3 cm distal"], None),
    ("What is planned for the caecal lesion?", "Procedure", "span", ["EMR of the caecal lesion on the complex polyp list in 6-8 weeks"], None),
    ("Any diverticular disease?", "Diagnosis", "yn", ["Moderate sigmoid diverticulosis"], "yes"),
    ("What did the terminal ileum look like?", "Diagnosis", "span", [("normal", "Terminal ileum intubated for 5 cm - normal")], None),
    ("What did the histology show?", "Lab Reports", "span", [], None),
    ("INR on the day?", "Lab Reports", "num", [], None),
    ("Does she smoke?", "Other", "yn", [], "not_mentioned"),
    ("What was the tTG result?", "Lab Reports", "num", [], None),
    ("What was her creatinine?", "Lab Reports", "num", [], None),
    ("What dose of IV iron was given?", "Medication", "span", [], None),
    ("How many polyps were lost?", "Procedure", "num", [("one", "one lost")], None),
    ("List her allergies.", "Medication", "list", ["latex (contact dermatitis)", "chlorhexidine (generalised itchy rash)"], None),
    ("Ile wynosiła saturacja po zabiegu?", "Lab Reports", "num", ["98% RA", "98%"], None, "pl"),
]
CELLS["colonoscopy_01"] = {
    "past_medical_history": (["Previous DVT (left leg)", "Hypertension"], "iron deficiency anaemia and the positive FIT are the indications"),
    "allergies": (["latex (contact dermatitis)", "chlorhexidine (generalised itchy rash)"], ""),
    "oxygen_saturation": (["99%", "99"], ["SpO2 99% RA"], "pre-procedure; 98% after"),
    "heart_rate": (["74"], ["HR 74"], "pre-procedure; 68 after"),
    "blood_pressure": (["141/86"], "pre-procedure; 124/70 after"),
    "hemoglobin": (["98 g/L", "98", "9.8 g/dL"], ["98 g/L"], "referral value of 12 Dec 2181, the only Hb in the report"),
    "procedures": (["COLONOSCOPY (with polypectomy)", "cold snare polypectomy", "Biopsies x2 taken from its edge", "distal tattoo placed"], "the endoscopy itself is the procedure this report describes (unlike an imaging report); sedation is not listed"),
    "anticoagulation": ("no", ["omitted for 48 h before the procedure"], "home rivaroxaban held peri-procedurally and not being given; restart planned for 09 Jan (convention 5)"),
    "follow_up": (["EMR of the caecal lesion on the complex polyp list in 6-8 weeks", "IV iron (ferric carboxymaltose) via the medical day unit - referral sent", "Surveillance interval to be set after histology and EMR"], "the OGD was rebooked without a date"),
}
ABSENT_NOTES["colonoscopy_01"] = {
    "chief_complaint": "procedure report; the indications are test results (positive FIT, iron deficiency anaemia), not a complaint",
    "admission_diagnosis": "day-case procedure, no admission",
    "principal_diagnosis": "procedure report, not a discharge summary",
    "secondary_diagnoses": "procedure report, not a discharge summary",
    "presenting_symptoms": "no symptoms described",
    "surgery": "endoscopic polypectomy is counted under procedures, not surgery; EMR is planned",
    "antibiotics": "none",
    "discharge_medications": "procedure report",
    "new_medications": "procedural sedation (midazolam, fentanyl) is not counted; IV iron only referred",
    "stopped_medications": "rivaroxaban is held, not stopped",
    "admission_date": "day-case procedure",
    "discharge_date": "not stated", "length_of_stay": "day case", "discharge_condition": "not stated", "discharge_disposition": "not stated",
    "smoking": "not mentioned",
}
# ---------------------------------------------------------------- narrative_dc_01
NOTES["narrative_dc_01"] = ("discharge_summary", "dictated discharge summary transcribed all in lowercase, narrative paragraphs with no section headings, spelled-out dates ('2nd of october 2188'), medicines listed inside a sentence, ends 'end of dictation'")
NARR_DC = [("prednisolone 40 mg once daily"), "co-amoxiclav 625 mg three times a day", ("gliclazide 40 mg with breakfast", "gliclazide 40 mg with breakfast until"),
           "metformin 1 g twice daily", "ramipril 5 mg once daily", "tiotropium 18 micrograms inhaled once daily",
           "salbutamol 100 micrograms two puffs as needed", "budesonide/formoterol 200/6 two puffs twice daily", "nicotine patch 21 mg/24 hours"]
NARR_NEW = ["prednisolone 40 mg once daily", "co-amoxiclav 625 mg three times a day", ("gliclazide 40 mg with breakfast", "gliclazide 40 mg with breakfast until"),
            "budesonide/formoterol 200/6 two puffs twice daily", "nicotine patch 21 mg/24 hours"]
QAS["narrative_dc_01"] = [
    ("Temp in the ED?", "Lab Reports", "num", ["38.3"], None),
    ("SpO2 on admission?", "Lab Reports", "num", ["84% on air", "84%"], None),
    ("Sats on the day of discharge?", "Lab Reports", "num", ["92% on air", "92%"], None),
    ("HR on admission?", "Lab Reports", "num", ["118"], None),
    ("Admission WBC?", "Lab Reports", "num", ["15.8"], None),
    ("White count at d/c?", "Lab Reports", "num", ["9.4"], None),
    ("Creatinine on admission?", "Lab Reports", "num", ["1.4"], None),
    ("Cr at discharge?", "Lab Reports", "num", ["1.0"], None),
    ("CRP?", "Lab Reports", "num", ["142"], None),
    ("pH on the overnight gas?", "Lab Reports", "num", ["7.28"], None),
    ("What was the pCO2?", "Lab Reports", "num", ["8.1 kpa"], None),
    ("Did she need NIV?", "Procedure", "yn", ["she needed bipap from about 2 am until mid morning"], "yes"),
    ("Why was clarithromycin stopped?", "Medication", "span", ["her qtc lengthened to 512 ms", "qtc lengthened to 512 ms"], None),
    ("Was she found to have a PE?", "Diagnosis", "yn", ["pe was ruled out without scanning"], "no"),
    ("Was a repeat CXR done before d/c?", "Procedure", "yn", ["a repeat chest x-ray had been planned before discharge but was not done"], "no"),
    ("Does she smoke?", "Other", "yn", ["she still smokes about fifteen cigarettes a day"], "yes"),
    ("Pack-years?", "Other", "num", ["45 pack-years"], None),
    ("Has she ever had TB?", "Diagnosis", "yn", ["she has never had tb herself"], "no"),
    ("Any family history of TB?", "Other", "yn", ["her brother was treated for tuberculosis many years ago"], "yes"),
    ("Is she allergic to codeine?", "Medication", "yn", ["an intolerance rather than an allergy"], "no"),
    ("Discharge meds?", "Medication", "list", NARR_DC, None),
    ("Which inhaler was stopped?", "Medication", "span", ["fluticasone/salmeterol"], None),
    ("What new meds was she started on?", "Medication", "list", NARR_NEW, None),
    ("When was metformin restarted?", "Medication", "span", ["day 3"], None),
    ("Why was ramipril held?", "Medication", "span", ["because of the creatinine"], None),
    ("Highest glucose on steroids?", "Lab Reports", "num", ["19"], None),
    ("Where did she go on discharge?", "Other", "span", ["home with her daughter"], None),
    ("When is she seen in respiratory clinic?", "Other", "span", ["in six weeks", "respiratory clinic in six weeks with the repeat chest x-ray"], None),
    ("FEV1?", "Lab Reports", "num", ["about 38 percent predicted", "38 percent predicted"], None),
    ("Which antibiotics did she receive?", "Medication", "list", [("co-amoxiclav", "iv co-amoxiclav"), ("clarithromycin", "oral clarithromycin")], None),
    ("What was the troponin?", "Lab Reports", "num", [], None),
    ("Sputum culture result?", "Lab Reports", "span", [], None),
    ("BP on the day of discharge?", "Lab Reports", "span", [], None),
    ("Admission lactate?", "Lab Reports", "num", [], None),
    ("Was she admitted to ICU?", "Other", "yn", [], "not_mentioned"),
    ("What was her BMI?", "Other", "num", [], None),
    ("INR?", "Lab Reports", "num", [], None),
    ("When is the pulmonary rehab start date?", "Other", "date", [], None),
    ("Date of admission?", "Other", "date", ["2nd of october 2188"], None),
    ("Jaki był potas przy przyjęciu?", "Lab Reports", "num", ["3.4"], None, "pl"),
    ("Wurde eine Lungenembolie ausgeschlossen?", "Diagnosis", "yn", ["pe was ruled out without scanning"], "yes", "de"),
]
CELLS["narrative_dc_01"] = {
    "chief_complaint": (["increasing breathlessness, a cough productive of green sputum and wheeze"], "no CC label; the complaint she came in with"),
    "principal_diagnosis": (["infective exacerbation of copd with right lower lobe community-acquired pneumonia"], ""),
    "secondary_diagnoses": (["acute hypercapnic respiratory failure"], ""),
    "past_medical_history": (["copd with an fev1 of about 38 percent predicted", "type 2 diabetes", "hypertension", "osteoarthritis of both knees"], "brother's tuberculosis is family history; she never had tb"),
    "allergies": (["trimethoprim, which gave her a rash"], "codeine vomiting is an intolerance"),
    "presenting_symptoms": (["increasing breathlessness", "cough productive of green sputum", "wheeze", "felt feverish"], ""),
    "symptom_duration": (["5 days", "5"], [("five days", "five days of increasing")], ""),
    "fever": ("yes", ["temperature of 38.3"], ""),
    "chest_pain": ("no", ["she denied any chest pain"], ""),
    "max_temperature": (["38.3 C", "38.3"], ["38.3"], "36.7 at discharge"),
    "oxygen_saturation": (["84%", "84"], ["84% on air"], "earliest; 92% on air at discharge"),
    "heart_rate": (["118"], ["118"], "earliest; 84 at discharge"),
    "blood_pressure": (["152/88"], ""),
    "wbc": (["15.8"], ["15.8"], "earliest; 9.4 at discharge"),
    "hemoglobin": (["13.2"], ["13.2"], ""),
    "creatinine": (["1.4"], ["1.4"], "earliest; 1.0 at discharge"),
    "potassium": (["3.4"], ["3.4"], "earliest; 4.1 at discharge"),
    "chest_imaging": (["right lower zone consolidation with hyperinflated lungs, no effusion and no pneumothorax"], "admission film; the repeat was not done"),
    "procedures": (["bipap"], "non-invasive ventilation counted as a procedure; the repeat chest x-ray was not done"),
    "antibiotics": ([("co-amoxiclav", "iv co-amoxiclav"), ("clarithromycin", "oral clarithromycin")], ""),
    "discharge_medications": (NARR_DC, ""),
    "new_medications": (NARR_NEW, "nebulised salbutamol/ipratropium were inpatient-only; clarithromycin started and stopped in hospital"),
    "stopped_medications": (["fluticasone/salmeterol"], "replaced by budesonide/formoterol; metformin and ramipril were only held"),
    "admission_date": (["2188-10-02"], ["2nd of october 2188"], ""),
    "discharge_date": (["2188-10-08"], ["8th of october 2188"], ""),
    "length_of_stay": (["6 days", "6"], ["2nd of october 2188", "8th of october 2188"], "derived from the two dates"),
    "discharge_condition": (["much improved"], ""),
    "discharge_disposition": (["home with her daughter"], ""),
    "smoking": ("yes", ["she still smokes about fifteen cigarettes a day"], ""),
    "follow_up": (["practice nurse in one week to check her sugars and for a smoking cessation review", "respiratory clinic in six weeks with the repeat chest x-ray", "referral made to pulmonary rehabilitation"], ""),
    "consolidation": ("yes", ["right lower zone consolidation"], "admission chest x-ray"),
    "pleural_effusion": ("no", ["no effusion"], ""),
    "pneumothorax": ("no", ["no pneumothorax"], ""),
}
ABSENT_NOTES["narrative_dc_01"] = {
    "admission_diagnosis": "only the discharge diagnosis is dictated",
    "troponin": "not mentioned",
    "surgery": "none",
    "anticoagulation": "not mentioned",
}
# ---------------------------------------------------------------- nh_transfer_01
NOTES["nh_transfer_01"] = ("other", "care-home-to-hospital transfer form: 'Field: value' lines, [x]/[ ] checkboxes (reasons, Yes/No, AVPU, devices, items sent), observations table with two timed rows, dash medication list with WITHHELD/STARTED annotations, dd/mm/yyyy dates")
NH_PMH = ["Vascular dementia", "atrial fibrillation", "type 2 diabetes", "chronic kidney disease stage 3b",
          "benign prostatic hyperplasia with long-term urethral catheter", "right hip fracture fixed with a dynamic hip screw in 2184"]
NH_REASONS = ["Change in mental state / more drowsy", ("Fever", "[x] Fever"), "not eating or drinking since yesterday lunchtime", "catheter bag nearly empty overnight"]
QAS["nh_transfer_01"] = [
    ("Why was he sent to hospital?", "Symptoms", "list", NH_REASONS, None),
    ("Temp at 06:15?", "Lab Reports", "num", ["38.7"], None),
    ("BP at 22:00 on 16/07?", "Lab Reports", "span", ["118/64"], None),
    ("Most recent BP?", "Lab Reports", "span", ["96/54"], None),
    ("HR at 06:15?", "Lab Reports", "num", ["108"], None),
    ("Lowest sats?", "Lab Reports", "num", ["91% air", "91%"], None),
    ("Latest capillary glucose?", "Lab Reports", "num", ["14.2"], None),
    ("What was his AVPU score?", "Symptoms", "span", [("V", "[x] V")], None),
    ("Is he anticoagulated?", "Medication", "yn", ["Warfarin per INR"], "yes"),
    ("Last INR?", "Lab Reports", "num", ["2.8"], None),
    ("When was the last warfarin dose given?", "Medication", "span", ["3 mg at 18:00 on 16/07", "18:00 on 16/07"], None),
    ("Which medicine did the out-of-hours GP start?", "Medication", "span", ["Trimethoprim 200 mg twice daily", "Trimethoprim"], None),
    ("Why was metformin withheld?", "Medication", "span", [("not eating", "16/07 (not eating)")], None),
    ("Was tamsulosin given last night?", "Medication", "yn", ["not given 16/07 (BP low)"], "no"),
    ("Code status?", "Other", "span", ["DNACPR form attached"], None),
    ("Is he for ICU?", "Other", "yn", ["not for intensive care"], "no"),
    ("Does he smoke?", "Other", "yn", ["Ex-smoker (stopped in his fifties)"], "no"),
    ("What happens when he takes penicillin?", "Medication", "span", ["urticarial rash"], None),
    ("Is he allergic to adhesive dressings?", "Medication", "yn", ["skin fragility, not an allergy"], "no"),
    ("What catheter does he have?", "Procedure", "span", ["16 Fr silicone urethral"], None),
    ("When was the catheter last changed?", "Procedure", "date", ["02/07/2185"], None),
    ("Chest pain?", "Symptoms", "yn", ["Chest pain:  [ ] Yes  [x] No"], "no"),
    ("Who is the next of kin?", "Other", "span", ["Ruth Finch-Adeyemi (daughter)", "Ruth Finch-Adeyemi"], None),
    ("What time did he leave the care home?", "Other", "span", ["06:40"], None),
    ("PMH?", "Diagnosis", "list", NH_PMH, None),
    ("What stage is his CKD?", "Diagnosis", "span", ["stage 3b"], None),
    ("How long has he been unwell?", "Symptoms", "num", ["about 2 days", "2 days"], None),
    ("What is his creatinine?", "Lab Reports", "num", [], None),
    ("Urine culture result?", "Lab Reports", "span", [], None),
    ("Weight?", "Lab Reports", "num", [], None),
    ("Hb?", "Lab Reports", "num", [], None),
    ("Does he have COPD?", "Diagnosis", "yn", [], "not_mentioned"),
    ("What was his lactate?", "Lab Reports", "num", [], None),
    ("Most recent HbA1c?", "Lab Reports", "num", [], None),
    ("Does he have heart failure?", "Diagnosis", "yn", [], "not_mentioned"),
    ("¿Es alérgico a la penicilina?", "Medication", "yn", ["penicillin - urticarial rash"], "yes", "es"),
    ("What was his temperature at 22:00?", "Lab Reports", "num", ["37.9"], None),
    ("Date of transfer?", "Other", "date", ["17/07/2185"], None),
]
CELLS["nh_transfer_01"] = {
    "chief_complaint": (["Change in mental state / more drowsy"], "first ticked reason for transfer"),
    "past_medical_history": (NH_PMH, ""),
    "allergies": (["penicillin - urticarial rash"], "adhesive dressings: skin fragility, 'not an allergy'"),
    "presenting_symptoms": (NH_REASONS, "ticked reasons for transfer"),
    "symptom_duration": (["2 days", "2"], ["about 2 days"], ""),
    "fever": ("yes", [("Fever", "[x] Fever"), "38.7"], ""),
    "chest_pain": ("no", ["Chest pain:  [ ] Yes  [x] No"], "'No' box ticked"),
    "max_temperature": (["38.7 C", "38.7"], ["38.7"], "highest; 37.9 at 22:00"),
    "oxygen_saturation": (["94%", "94"], ["94% air"], "first row (16/07 22:00); 91% at 06:15"),
    "heart_rate": (["96"], ["96 irregular"], "first row; 108 at 06:15"),
    "blood_pressure": (["118/64"], "first row; 96/54 at 06:15"),
    "antibiotics": (["Trimethoprim 200 mg twice daily"], "started 15/07 for suspected catheter-associated UTI"),
    "anticoagulation": ("yes", ["Warfarin per INR"], "last dose 16/07"),
    "new_medications": (["Trimethoprim 200 mg twice daily"], "STARTED 15/07, within the period the form covers; metformin withheld and tamsulosin omitted are holds"),
    "smoking": ("no", ["Ex-smoker (stopped in his fifties)"], "former smoker"),
    "lines_tubes": (["Urinary catheter: 16 Fr silicone urethral"], "long-term urethral catheter"),
}
ABSENT_NOTES["nh_transfer_01"] = {
    "admission_diagnosis": "care-home transfer form, written before admission",
    "principal_diagnosis": "not a discharge", "secondary_diagnoses": "not a discharge",
    "wbc": "no blood results", "hemoglobin": "no blood results", "creatinine": "no blood results", "potassium": "no blood results",
    "troponin": "no blood results", "chest_imaging": "no imaging",
    "procedures": "none; the hip screw is past history", "surgery": "dynamic hip screw in 2184 is past history",
    "discharge_medications": "not a discharge",
    "stopped_medications": "metformin withheld and tamsulosin dose omitted are holds, not stops",
    "admission_date": "transfer form, not an admission record", "discharge_date": "not a discharge", "length_of_stay": "not a discharge",
    "discharge_condition": "not a discharge", "discharge_disposition": "transfer to the ED is not a hospital discharge",
    "follow_up": "none arranged",
}
# ---------------------------------------------------------------- hd_session_01
NOTES["hd_session_01"] = ("progress", "satellite haemodialysis session record: pipe-separated prescription line, Pre/Post two-column table, intradialytic observations table by clock time with UF rate and comments, monthly bloods on pipe-separated lines (SI units), medication decisions as dash list, 'Thu 14 Aug 2183' and dd/mm/yyyy dates")
QAS["hd_session_01"] = [
    ("Pre-dialysis weight?", "Lab Reports", "num", ["74.6 kg"], None),
    ("Post weight?", "Lab Reports", "num", ["72.1 kg"], None),
    ("What is his dry weight?", "Lab Reports", "num", [("71.5 kg", "all")], None),
    ("How much fluid was removed?", "Procedure", "num", ["2.5 L"], None),
    ("What was the UF goal?", "Procedure", "num", ["3.1 L"], None),
    ("Pre-dialysis BP?", "Lab Reports", "span", ["168/94"], None),
    ("BP post dialysis?", "Lab Reports", "span", ["132/76"], None),
    ("Lowest BP during the session?", "Lab Reports", "span", ["84/50"], None),
    ("What time did he become hypotensive?", "Symptoms", "span", ["19:50"], None),
    ("How was the hypotension managed?", "Procedure", "span", ["UF paused, legs raised, 200 mL 0.9% saline bolus"], None),
    ("Pre-dialysis K?", "Lab Reports", "num", ["6.1 mmol/L", "6.1"], None),
    ("Hb this month?", "Lab Reports", "num", ["96 g/L"], None),
    ("What was last month's Hb?", "Lab Reports", "num", ["104"], None),
    ("URR?", "Lab Reports", "num", ["68%"], None),
    ("Ferritin?", "Lab Reports", "num", ["820 ug/L", "820"], None),
    ("New darbepoetin dose?", "Medication", "span", ["60 micrograms weekly"], None),
    ("How was the sevelamer changed?", "Medication", "span", ["increased from 800 mg to 1.6 g three times daily with meals"], None),
    ("Was heparin used in the circuit?", "Medication", "yn", ["heparin-free with saline flushes"], "no"),
    ("Is he on anticoagulation?", "Medication", "yn", ["therapeutic warfarin, INR 2.4 today"], "yes"),
    ("INR?", "Lab Reports", "num", [("2.4", "all")], None),
    ("Was the fistula cannulated today?", "Procedure", "yn", ["First cannulation was planned for today but deferred"], "no"),
    ("Why was fistula cannulation deferred?", "Procedure", "span", ["not yet mature"], None),
    ("What access was used for dialysis?", "Procedure", "span", ["Right internal jugular tunnelled dialysis catheter"], None),
    ("Does he smoke?", "Other", "yn", ["Never smoked"], "no"),
    ("Does the patient have IgA nephropathy?", "Diagnosis", "yn", [], "not_mentioned"),
    ("Allergies?", "Medication", "span", ["iodinated contrast (bronchospasm)"], None),
    ("What caused his kidney failure?", "Diagnosis", "span", ["diabetic nephropathy"], None),
    ("Any chest pain during the run?", "Symptoms", "yn", ["Denied chest pain"], "no"),
    ("Was a hep B booster given?", "Medication", "yn", ["Hepatitis B booster (Fendrix) given into the left deltoid"], "yes"),
    ("What should he do with amlodipine?", "Medication", "span", ["omit on dialysis-day mornings"], None),
    ("When is the next session?", "Other", "date", ["Saturday 16 Aug 2183", "16 Aug 2183"], None),
    ("PTH?", "Lab Reports", "num", ["54 pmol/L"], None),
    ("What was the HbA1c?", "Lab Reports", "num", [], None),
    ("Kt/V?", "Lab Reports", "num", [], None),
    ("Blood glucose before dialysis?", "Lab Reports", "num", [], None),
    ("CRP?", "Lab Reports", "num", [], None),
    ("Magnesium?", "Lab Reports", "num", [], None),
    ("What was the pre-dialysis respiratory rate?", "Lab Reports", "num", [], None),
    ("Was he transfused?", "Procedure", "yn", [], "not_mentioned"),
    ("Post-dialysis K?", "Lab Reports", "num", ["3.6"], None),
    ("Warum wurde das intravenöse Eisen pausiert?", "Medication", "span", ["ferritin above 800"], None, "de"),
    ("Jaka była temperatura przed dializą?", "Lab Reports", "num", ["36.5 C", "36.5"], None, "pl"),
]
CELLS["hd_session_01"] = {
    "past_medical_history": (["diabetic nephropathy", ("type 2 diabetes", "Other history: type 2 diabetes"), "hypertension", "atrial fibrillation", "diabetic retinopathy"], "ESKD from diabetic nephropathy; brother's IgA nephropathy is family history"),
    "allergies": (["iodinated contrast (bronchospasm)"], ""),
    "fever": ("no", ["No fever"], ""),
    "chest_pain": ("no", ["Denied chest pain"], ""),
    "max_temperature": (["36.6 C", "36.6"], ["36.6 C"], "highest; 36.5 pre-dialysis"),
    "oxygen_saturation": (["97%", "97"], ["97% RA"], "pre-dialysis; 98% post"),
    "heart_rate": (["82"], ["82 irregular"], "pre-dialysis; 78 post"),
    "blood_pressure": (["168/94"], "pre-dialysis; 132/76 post, nadir 84/50 at 19:50"),
    "wbc": (["6.9"], ["6.9"], ""),
    "hemoglobin": (["96 g/L", "96", "9.6 g/dL"], ["96 g/L"], "this month; 104 in July"),
    "creatinine": (["812 umol/L", "812"], ["812"], "pre-dialysis"),
    "potassium": (["6.1 mmol/L", "6.1"], ["6.1"], "pre-dialysis; 3.6 post"),
    "procedures": (["HAEMODIALYSIS SESSION"], "the dialysis session the record describes; the fistula cannulation was deferred; the saline bolus and vaccination are not procedures"),
    "anticoagulation": ("yes", ["therapeutic warfarin, INR 2.4 today"], "on warfarin; the dialysis circuit itself was heparin-free"),
    "smoking": ("no", ["Never smoked"], ""),
    "follow_up": (["Fistula re-scan booked 28/08/2183", "Repeat K on Saturday before dialysis", "reassess next week with bioimpedance"], ""),
    "lines_tubes": (["Right internal jugular tunnelled dialysis catheter"], "the AV fistula is vascular access, not a line"),
}
ABSENT_NOTES["hd_session_01"] = {
    "chief_complaint": "routine maintenance dialysis session",
    "admission_diagnosis": "outpatient session", "principal_diagnosis": "outpatient session", "secondary_diagnoses": "outpatient session",
    "presenting_symptoms": "routine session; calf cramps arose during dialysis",
    "symptom_duration": "not applicable",
    "troponin": "not measured", "chest_imaging": "no imaging",
    "surgery": "AV fistula created on 19/06/2183, before this session",
    "antibiotics": "none",
    "discharge_medications": "outpatient session",
    "new_medications": "no new drug; darbepoetin and sevelamer doses increased; hepatitis B booster is a single vaccination",
    "stopped_medications": "IV iron held this month and amlodipine omitted on dialysis mornings only; nothing stopped",
    "admission_date": "outpatient session", "discharge_date": "outpatient session", "length_of_stay": "outpatient session",
    "discharge_condition": "outpatient session", "discharge_disposition": "outpatient session",
}
# ---------------------------------------------------------------- stroke_dc_01
NOTES["stroke_dc_01"] = ("discharge_summary", "hyper-acute stroke unit discharge summary: dotted-leader header fields ('Name ........'), '»' section markers, NIHSS scores on four days with dotted leaders, 'D Mon YYYY' dates, discharge medicines tagged NEW/SAME/STOPPED in a left column")
STROKE_DC = ["Apixaban 5 mg twice daily", "Atorvastatin 80 mg at night", "Ramipril 2.5 mg once daily", "Amlodipine 5 mg once daily",
             "Lansoprazole 15 mg once daily", "Calcium carbonate/colecalciferol 1.5 g/400 units one tablet twice daily", "Paracetamol 1 g four times daily when required"]
QAS["stroke_dc_01"] = [
    ("NIHSS on arrival?", "Lab Reports", "num", [("9", "Arrival (2 Nov) ... 9")], None),
    ("What was the NIHSS at 24 h?", "Lab Reports", "num", [("4", "24 h (3 Nov) ...... 4")], None),
    ("NIHSS on day 3?", "Lab Reports", "num", [("2", "Day 3 (4 Nov) ..... 2")], None),
    ("NIHSS at discharge?", "Lab Reports", "num", [("1", "Discharge (8 Nov) . 1")], None),
    ("Door-to-needle time?", "Other", "num", ["29 minutes"], None),
    ("What time was alteplase given?", "Medication", "span", ["09:04"], None),
    ("Was thrombectomy performed?", "Procedure", "yn", ["Referred for mechanical thrombectomy - not undertaken"], "no"),
    ("Why was thrombectomy not done?", "Procedure", "span", ["the M2 branch had recanalised after thrombolysis and the deficit was improving", "the M2 branch had recanalised after thrombolysis"], None),
    ("BP on arrival?", "Lab Reports", "span", ["186/98"], None),
    ("What was given to lower the BP before lysis?", "Medication", "span", ["IV labetalol 10 mg", "labetalol"], None),
    ("What was the cause of the stroke?", "Diagnosis", "span", ["cardioembolic - new paroxysmal atrial fibrillation", "new paroxysmal atrial fibrillation"], None),
    ("When was the AF picked up?", "Diagnosis", "span", [("day 2", "paroxysmal AF on day 2")], None),
    ("When was apixaban started?", "Medication", "date", [("7 Nov", "started on 7 Nov")], None),
    ("Is she on aspirin at discharge?", "Medication", "yn", ["then STOPPED when apixaban was started"], "no"),
    ("Is she anticoagulated?", "Medication", "yn", ["Apixaban 5 mg twice daily"], "yes"),
    ("Which statin is she going home on?", "Medication", "span", ["Atorvastatin 80 mg at night"], None),
    ("Which statin was stopped?", "Medication", "span", ["Simvastatin 20 mg"], None),
    ("LDL?", "Lab Reports", "num", ["3.9 mmol/L"], None),
    ("HbA1c?", "Lab Reports", "num", ["41 mmol/mol"], None),
    ("Creatinine on admission?", "Lab Reports", "num", ["74 umol/L", ("74", "creatinine 74")], None),
    ("Most recent creatinine?", "Lab Reports", "num", ["69"], None),
    ("Did she have aspiration pneumonia?", "Diagnosis", "yn", ["Aspiration pneumonia suspected on day 2 (T 37.7 C, wet voice) - ruled out"], "no"),
    ("Were antibiotics given?", "Medication", "yn", ["No antibiotics given"], "no"),
    ("Carotid duplex result?", "Procedure", "span", ["less than 50% stenosis in both internal carotids"], None),
    ("Does she need a carotid endarterectomy?", "Procedure", "yn", ["endarterectomy not indicated"], "no"),
    ("Does she have an intracranial aneurysm?", "Diagnosis", "yn", ["no intracranial aneurysm"], "no"),
    ("Family history of subarachnoid haemorrhage?", "Other", "yn", ["Brother died of a subarachnoid haemorrhage from a ruptured aneurysm aged 60"], "yes"),
    ("Does she smoke?", "Other", "yn", ["Never smoked"], "no"),
    ("LVEF on echo?", "Lab Reports", "num", ["60%"], None),
    ("Was a PFO found?", "Diagnosis", "yn", ["no PFO on bubble study"], "no"),
    ("What did the MRI show?", "Procedure", "span", ["acute infarcts in the left frontal operculum and anterior insula"], None),
    ("Discharge meds?", "Medication", "list", STROKE_DC, None),
    ("Can she drive?", "Other", "span", ["not to drive for 1 month"], None),
    ("Highest temp?", "Lab Reports", "num", ["37.7 C", "37.7"], None),
    ("What was the troponin?", "Lab Reports", "num", [], None),
    ("INR on admission?", "Lab Reports", "num", [], None),
    ("K at discharge?", "Lab Reports", "num", [], None),
    ("mRS at discharge?", "Other", "num", [], None),
    ("Was she intubated?", "Procedure", "yn", [], "not_mentioned"),
    ("Platelets at discharge?", "Lab Reports", "num", [], None),
    ("CRP on arrival?", "Lab Reports", "num", [], None),
    ("When is the carotid endarterectomy scheduled?", "Procedure", "date", [], None),
    ("¿Adónde fue dada de alta?", "Other", "span", ["home with her husband, with the early supported discharge (ESD) stroke team", "home with her husband"], None, "es"),
    ("Which anticoagulant was started?", "Medication", "span", ["Apixaban 5 mg twice daily", "apixaban"], None),
    ("Glucose on arrival?", "Lab Reports", "num", ["7.8"], None),
]
CELLS["stroke_dc_01"] = {
    "chief_complaint": (["Sudden right arm weakness and difficulty finding words"], "from 'Presentation'"),
    "principal_diagnosis": (["Acute ischaemic stroke, left MCA territory (superior division)"], ""),
    "secondary_diagnoses": ([("new paroxysmal atrial fibrillation", "cardioembolic - new paroxysmal atrial fibrillation")], "aspiration pneumonia was ruled out"),
    "past_medical_history": (["Hypertension", "gastro-oesophageal reflux", "osteopenia"], "brother's subarachnoid haemorrhage is family history"),
    "allergies": (["erythromycin (urticaria)"], ""),
    "presenting_symptoms": (["Sudden right arm weakness", "difficulty finding words"], ""),
    "fever": ("no", ["no fever developed"], "highest temperature 37.7 C"),
    "chest_pain": ("no", ["no chest pain"], ""),
    "max_temperature": (["37.7 C", "37.7"], ["37.7 C"], "highest; 36.4 on arrival"),
    "oxygen_saturation": (["97%", "97"], ["SpO2 97% air"], ""),
    "heart_rate": (["78"], ["HR 78"], "on arrival, sinus"),
    "blood_pressure": (["186/98"], "on arrival, before labetalol"),
    "wbc": (["8.1"], ["8.1"], ""),
    "hemoglobin": (["134 g/L", "134", "13.4 g/dL"], ["134 g/L"], ""),
    "creatinine": (["74 umol/L", "74"], ["74 umol/L"], "earliest; 69 on 7 Nov"),
    "potassium": (["4.0"], ["4.0"], ""),
    "chest_imaging": (["mild cardiomegaly, no consolidation"], "CXR 3 Nov"),
    "discharge_medications": (STROKE_DC, "NEW and SAME rows; simvastatin is STOPPED"),
    "anticoagulation": ("yes", ["Apixaban 5 mg twice daily"], "started 7 Nov"),
    "new_medications": (["Apixaban 5 mg twice daily", "Atorvastatin 80 mg at night", "Ramipril 2.5 mg once daily"], "alteplase, labetalol and aspirin were inpatient-only"),
    "stopped_medications": (["Simvastatin 20 mg"], "replaced by atorvastatin; aspirin was inpatient-only"),
    "admission_date": (["2186-11-02"], ["2 Nov 2186"], ""),
    "discharge_date": (["2186-11-08"], ["8 Nov 2186"], ""),
    "length_of_stay": (["6 days", "6"], ["2 Nov 2186", "8 Nov 2186"], "derived from the two dates"),
    "discharge_condition": (["independent with a stick, mild word-finding difficulty, eating a normal diet"], ""),
    "discharge_disposition": (["home with her husband, with the early supported discharge (ESD) stroke team"], ""),
    "smoking": ("no", ["Never smoked"], ""),
    "follow_up": (["stroke clinic in 6 weeks (Dr Fitzpatrick-Mbeki)", "GP to check U&E and BP 1-2 weeks after the ramipril start", "ESD team first visit 9 Nov"], ""),
    "consolidation": ("no", ["no consolidation"], "CXR 3 Nov"),
    "cardiomegaly": ("yes", ["mild cardiomegaly"], "CXR 3 Nov"),
}
ABSENT_NOTES["stroke_dc_01"] = {
    "admission_diagnosis": "no separate admitting diagnosis (admitted as a stroke call)",
    "symptom_duration": "onset 07:50 and arrival 08:35 are given, but no symptom duration is stated",
    "troponin": "not measured",
    "procedures": "thrombectomy not undertaken; IV thrombolysis is a drug treatment; CT, MRI, echo and duplex are imaging",
    "surgery": "none",
    "antibiotics": "'No antibiotics given'",
}
# ---------------------------------------------------------------- ldct_screen_01
NOTES["ldct_screen_01"] = ("radiology", "low-dose CT lung-cancer screening report: CAPS field labels, ISO dates, two prior comparisons, nodule inventory (N1-N3) with series/image numbers and size history, organ-by-organ findings, numbered impression with Lung-RADS category and S modifier")
LDCT_IMP1 = "Lung-RADS 4B: growing solid right upper lobe nodule, now 9 mm (6 mm one year ago) - suspicious for malignancy"
LDCT_IMP = ("1. " + LDCT_IMP1 + ".\n2. Stable 5 mm ground-glass nodule in the left lower lobe and a benign perifissural nodule in the right middle lobe.\n"
            "3. Emphysema and moderate coronary artery calcification (Lung-RADS S modifier) - for management by the referring clinician.\n4. Left adrenal adenoma, no follow-up required.")
LDCT_REC = "Diagnostic CT chest with contrast and/or PET/CT, and referral to the lung nodule multidisciplinary clinic for consideration of tissue sampling"
QAS["ldct_screen_01"] = [
    ("What type of exam was done?", "Procedure", "span", ["CT CHEST LOW-DOSE, LUNG CANCER SCREENING (ANNUAL, ROUND 3)", "CT CHEST LOW-DOSE"], None),
    ("Size of the RUL nodule?", "Lab Reports", "num", [("9 mm", "all")], None),
    ("How big was the RUL nodule last year?", "Lab Reports", "num", [("6 mm", "all")], None),
    ("What was its size at baseline?", "Lab Reports", "num", [("5 mm", "5 mm at baseline")], None),
    ("Lung-RADS category?", "Diagnosis", "span", [("Lung-RADS 4B", "all")], None),
    ("Is the right upper lobe nodule growing?", "Diagnosis", "yn", ["GROWING"], "yes"),
    ("Has the LLL ground-glass nodule changed?", "Diagnosis", "yn", ["Unchanged since baseline"], "no"),
    ("Which prior scans was it compared with?", "Procedure", "list", ["LDCT 2185-03-20 (round 2)", "baseline LDCT 2184-03-11"], None),
    ("Any emphysema?", "Diagnosis", "yn", ["moderate upper-lobe predominant centrilobular emphysema"], "yes"),
    ("Is there a pleural effusion?", "Diagnosis", "yn", ["no pleural effusion"], "no"),
    ("Coronary calcification?", "Diagnosis", "yn", ["Moderate coronary artery calcification (LAD and right coronary artery)"], "yes"),
    ("What is the adrenal lesion?", "Diagnosis", "span", ["lipid-rich adenoma"], None),
    ("Does the adrenal nodule need follow-up?", "Procedure", "yn", ["no follow-up needed", "no follow-up required"], "no"),
    ("What is recommended?", "Procedure", "span", [LDCT_REC], None),
    ("Is she a current smoker?", "Other", "yn", ["Current smoker"], "yes"),
    ("Pack-years?", "Other", "num", ["42 pack-years"], None),
    ("Radiation dose?", "Other", "num", ["CTDIvol 1.4 mGy", "1.4 mGy"], None),
    ("Is the RML nodule benign?", "Diagnosis", "yn", ["benign-appearing intrapulmonary lymph node"], "yes"),
    ("Any mediastinal lymphadenopathy?", "Diagnosis", "yn", ["No mediastinal or hilar lymphadenopathy by size criteria"], "no"),
    ("When was the result communicated to the ordering doctor?", "Other", "span", ["2186-03-18 at 15:20", "15:20"], None),
    ("Does she have symptoms?", "Symptoms", "yn", ["Asymptomatic"], "no"),
    ("SUV of the nodule on PET?", "Lab Reports", "num", [], None),
    ("Jaki był wynik biopsji guzka?", "Lab Reports", "span", [], None, "pl"),
    ("What is her FEV1?", "Lab Reports", "num", [], None),
    ("Volume of the RUL nodule?", "Lab Reports", "num", [], None),
    ("What was her heart rate?", "Lab Reports", "num", [], None),
    ("Family history of lung cancer?", "Other", "yn", [], "not_mentioned"),
    ("What was the volume doubling time?", "Lab Reports", "num", [], None),
    ("Pneumothorax?", "Diagnosis", "yn", ["No pneumothorax"], "no"),
    ("Was contrast given?", "Procedure", "yn", ["Non-contrast"], "no"),
    ("Jaki jest rozmiar guzka nadnercza?", "Lab Reports", "num", ["11 mm"], None, "pl"),
]
CELLS["ldct_screen_01"] = {
    "smoking": ("yes", ["Current smoker"], "from the clinical history"),
    "exam_type": (["CT CHEST LOW-DOSE, LUNG CANCER SCREENING (ANNUAL, ROUND 3)"], ""),
    "indication": (["Annual lung cancer screening"], ""),
    "comparison": (["LDCT 2185-03-20 (round 2) and baseline LDCT 2184-03-11"], ""),
    "consolidation": ("no", ["No consolidation"], ""),
    "pleural_effusion": ("no", ["no pleural effusion"], ""),
    "pneumothorax": ("no", ["No pneumothorax"], ""),
    "cardiomegaly": ("no", ["heart size normal"], ""),
    "nodule": ("yes", ["growing solid right upper lobe nodule"], "three nodules; N1 is the one that matters"),
    "nodule_size": (["9 mm", "9"], [("9 mm", "all")], "growing RUL nodule N1 (6 mm a year ago); N2 is 5 mm, N3 4 mm"),
    "main_finding": (["growing solid right upper lobe nodule, now 9 mm (6 mm one year ago)"], ""),
    "impression": ([LDCT_IMP, LDCT_IMP1], "whole impression or its first item (the others are the stable nodules, emphysema/coronary calcification and the adrenal adenoma)"),
    "recommendation": ([LDCT_REC], ""),
}
ABSENT_NOTES["ldct_screen_01"] = {c: "radiology report (convention 7)" for c in [
    "chief_complaint", "admission_diagnosis", "principal_diagnosis", "secondary_diagnoses", "past_medical_history", "allergies",
    "symptom_duration", "max_temperature", "oxygen_saturation", "heart_rate", "blood_pressure", "wbc", "hemoglobin",
    "creatinine", "potassium", "troponin", "procedures", "surgery", "antibiotics", "discharge_medications", "new_medications",
    "stopped_medications", "admission_date", "discharge_date", "length_of_stay", "discharge_condition", "discharge_disposition",
    "follow_up", "anticoagulation", "fever", "chest_pain"]}
ABSENT_NOTES["ldct_screen_01"].update({
    "presenting_symptoms": "screening questionnaire: asymptomatic",
    "chest_imaging": "CT, not a chest radiograph (convention 7)",
    "pulmonary_edema": "not described",
    "lines_tubes": "none",
})
# ---------------------------------------------------------------- cxr_icu_01
NOTES["cxr_icu_01"] = ("radiology", "portable ICU chest radiograph on a structured template: DD-MON-YYYY dates with times, SUPPORT DEVICES dash list (one line per device), then LUNGS/PLEURA/HEART AND MEDIASTINUM/BONES paragraphs, numbered impression, critical-result communication line")
CXR_IMP = ("1. Malpositioned nasogastric tube coiled in the upper oesophagus - withdraw and re-pass, and confirm position with a repeat film before any feed or medication is given.\n"
           "2. ETT and right IJ central line satisfactory.\n3. No pneumothorax after right IJ line insertion.\n4. New left lower lobe collapse with a small left pleural effusion.")
CXR_IND = ("Intubated after emergency laparotomy for perforated duodenal ulcer. Nasogastric tube and right internal jugular central line inserted overnight - "
           "confirm positions; ?pneumothorax after line insertion. Hypoxia, FiO2 increased to 0.5.")
CXR_REC = "withdraw and re-pass, and confirm position with a repeat film before any feed or medication is given"
CXR_DEV = ["Endotracheal tube", ("Nasogastric tube", "- Nasogastric tube:"), "Right internal jugular central venous catheter", "Abdominal surgical drain"]
QAS["cxr_icu_01"] = [
    ("Where is the ETT tip?", "Procedure", "span", ["4.5 cm above the carina"], None),
    ("Where is the NG tube?", "Procedure", "span", [("coiled in the upper oesophagus", "all")], None),
    ("What should be done about the NG tube?", "Procedure", "span", [CXR_REC, "withdraw and re-pass"], None),
    ("Where does the central line tip sit?", "Procedure", "span", ["at the cavoatrial junction", "cavoatrial junction"], None),
    ("Is there a pneumothorax?", "Diagnosis", "yn", [("No pneumothorax", "all")], "no"),
    ("Is the effusion new?", "Diagnosis", "yn", ["new since yesterday"], "yes"),
    ("What is happening in the left lower lobe?", "Diagnosis", "span", [("left lower lobe collapse", "all")], None),
    ("Is there consolidation?", "Diagnosis", "yn", ["superimposed consolidation cannot be excluded"], "uncertain"),
    ("Pulmonary oedema?", "Diagnosis", "yn", ["No pulmonary oedema"], "no"),
    ("Is the heart enlarged?", "Diagnosis", "yn", ["Cardiomediastinal silhouette within normal limits for an AP supine film"], "no"),
    ("Any subcutaneous emphysema?", "Diagnosis", "yn", ["No subcutaneous emphysema"], "no"),
    ("What was it compared with?", "Procedure", "span", ["Portable chest 4-MAR-2189 16:30 (pre-operative, erect)"], None),
    ("What operation did the patient have?", "Procedure", "span", ["emergency laparotomy for perforated duodenal ulcer"], None),
    ("Who was the critical result called to?", "Other", "span", [("Dr Haddad-Lindholm", "telephoned to Dr Haddad-Lindholm")], None),
    ("What time was it phoned through?", "Other", "span", ["04:25"], None),
    ("FiO2?", "Lab Reports", "num", ["0.5"], None),
    ("Which support devices are present?", "Procedure", "list", CXR_DEV, None),
    ("Free air under the diaphragm?", "Diagnosis", "yn", ["No free subdiaphragmatic gas visible on this supine view"], "no"),
    ("What projection was the film?", "Procedure", "span", ["AP supine", "AP SUPINE"], None),
    ("Is the ETT position OK?", "Procedure", "yn", [("Satisfactory", "carina. Satisfactory"), "ETT and right IJ central line satisfactory"], "yes"),
    ("Is the collapse caused by mucus plugging?", "Diagnosis", "yn", ["possibly mucus plugging"], "uncertain"),
    ("What was the PaO2?", "Lab Reports", "num", [], None),
    ("Is there a lung nodule?", "Diagnosis", "yn", [], "not_mentioned"),
    ("What size is the ETT?", "Procedure", "num", [], None),
    ("WBC?", "Lab Reports", "num", [], None),
    ("Where is the PICC tip?", "Procedure", "span", [], None),
    ("When was the ETT placed?", "Procedure", "date", [], None),
    ("What was the heart rate?", "Lab Reports", "num", [], None),
    ("¿Hay derrame pleural?", "Diagnosis", "yn", ["Small left pleural effusion"], "yes", "es"),
    ("Liegt die Magensonde korrekt?", "Procedure", "yn", ["NOT in the stomach"], "no", "de"),
    ("When was the film taken?", "Other", "date", [("5-MAR-2189", "Exam date/time: 5-MAR-2189")], None),
]
CELLS["cxr_icu_01"] = {
    "presenting_symptoms": (["Hypoxia"], "stated in the indication (convention 7)"),
    "chest_imaging": ([CXR_IMP, "New left lower lobe collapse with a small left pleural effusion"], "the chest radiograph this report describes"),
    "procedures": (["Intubated", "emergency laparotomy for perforated duodenal ulcer", ("Nasogastric tube", "Nasogastric tube and right"), "right internal jugular central line inserted overnight"], "stated in the indication; the radiograph itself is not a procedure"),
    "surgery": (["emergency laparotomy for perforated duodenal ulcer"], "stated in the indication"),
    "exam_type": (["XR CHEST 1 VIEW PORTABLE (AP SUPINE)"], ""),
    "indication": ([CXR_IND, "confirm positions; ?pneumothorax after line insertion"], ""),
    "comparison": (["Portable chest 4-MAR-2189 16:30 (pre-operative, erect)"], ""),
    "consolidation": ("uncertain", ["superimposed consolidation cannot be excluded"], "left lower lobe collapse; consolidation neither confirmed nor excluded"),
    "pleural_effusion": ("yes", ["Small left pleural effusion"], ""),
    "pneumothorax": ("no", [("No pneumothorax", "all")], "the indication's ?pneumothorax is excluded"),
    "cardiomegaly": ("no", ["Cardiomediastinal silhouette within normal limits for an AP supine film"], ""),
    "pulmonary_edema": ("no", ["No pulmonary oedema"], ""),
    "lines_tubes": (CXR_DEV, "ECG leads are monitoring electrodes, not lines or tubes"),
    "main_finding": (["Malpositioned nasogastric tube coiled in the upper oesophagus"], "critical result"),
    "impression": ([CXR_IMP, "Malpositioned nasogastric tube coiled in the upper oesophagus - withdraw and re-pass, and confirm position with a repeat film before any feed or medication is given."], "whole impression or its first item"),
    "recommendation": ([CXR_REC], ""),
}
ABSENT_NOTES["cxr_icu_01"] = {c: "radiology report (convention 7)" for c in [
    "chief_complaint", "admission_diagnosis", "principal_diagnosis", "secondary_diagnoses", "past_medical_history", "allergies",
    "symptom_duration", "fever", "chest_pain", "max_temperature", "oxygen_saturation", "heart_rate", "blood_pressure", "wbc", "hemoglobin",
    "creatinine", "potassium", "troponin", "antibiotics", "discharge_medications", "anticoagulation", "new_medications",
    "stopped_medications", "admission_date", "discharge_date", "length_of_stay", "discharge_condition", "discharge_disposition",
    "smoking", "follow_up", "nodule", "nodule_size"]}
ABSENT_NOTES["cxr_icu_01"]["oxygen_saturation"] = "only FiO2 0.5 is given, no saturation"
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
            if lang not in {"en", "es", "pl", "de"}: die(f"{nid} q{n} language {lang}")
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
    json.dump({"version": "v2.0", "data": data}, open(HERE / "dev3.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)

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
                    vals, specs, note = sp
                    if t == "yes_no":
                        if vals not in {"yes", "no", "uncertain"}: die(f"{where} verdict")
                        vals = [vals]
                else:
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
