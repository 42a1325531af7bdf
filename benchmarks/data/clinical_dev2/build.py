#!/usr/bin/env python3
"""Build dev2.json and cells.jsonl for clinical_dev2 from answer *texts* (standard library only).

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
QAS = {}     # id -> list of (question, category, answer_type, [specs], verdict)
CELLS = {}   # id -> {concept: spec}
ABSENT_NOTES = {}  # id -> {concept: justification}

T = {"yn": "yes_no", "num": "number", "span": "span", "date": "date", "list": "list"}

# ---------------------------------------------------------------- cards_dc_01
NOTES["cards_dc_01"] = ("discharge_summary", "cardiology discharge summary, DD-Mon-YYYY dates, lab table with date columns, markdown 'Medication changes' table (NEW/STOPPED/CHANGED/CONTINUED)")
QAS["cards_dc_01"] = [
    ("What was the potassium on admission?", "Lab Reports", "num", ["3.3"], None),
    ("Most recent creatinine?", "Lab Reports", "num", ["1.7 mg/dL", ("1.7", "all")], None),
    ("What was the peak creatinine during the stay?", "Lab Reports", "num", ["2.1 mg/dL", ("2.1", "all")], None),
    ("Is he a current smoker?", "Other", "yn", ["Ex-smoker, quit in 2181"], "no"),
    ("Is there a family history of stroke?", "Other", "yn", ["Father died of a stroke at 68"], "yes"),
    ("Has the patient himself had a stroke?", "Diagnosis", "yn", [], "not_mentioned"),
    ("Was DC cardioversion performed?", "Procedure", "yn", ["DC cardioversion was discussed but not performed"], "no"),
    ("Did he undergo right heart cath this admission?", "Procedure", "yn", ["was cancelled after clinical improvement"], "no"),
    ("Which home medications were stopped?", "Medication", "list", ["Furosemide", "Lisinopril", "Aspirin"], None),
    ("List the new meds started this admission.", "Medication", "list", [("Sacubitril/valsartan", "| Sacubitril/valsartan |"), "Dapagliflozin", "Spironolactone", "Torsemide"], None),
    ("What dose of metoprolol is he going home on?", "Medication", "span", ["100 mg daily"], None),
    ("Is the patient on a beta-blocker?", "Medication", "yn", ["Metoprolol succinate"], "yes"),
    ("Is he still on an ACE inhibitor at discharge?", "Medication", "yn", ["Sacubitril/valsartan replaced lisinopril", "Lisinopril"], "no"),
    ("What was the ejection fraction on the echo this admission?", "Lab Reports", "num", ["25%"], None),
    ("What was his weight on admission?", "Lab Reports", "num", ["92.4 kg"], None),
    ("What did the chest x-ray show?", "Procedure", "span", ["cardiomegaly with upper-lobe diversion, interstitial oedema and small bilateral pleural effusions"], None),
    ("Troponin at 3 h?", "Lab Reports", "num", ["41 ng/L"], None),
    ("What was the HbA1c?", "Lab Reports", "num", [], None),
    ("Which antibiotic was he given?", "Medication", "span", [], None),
    ("Was a coronary angiogram performed during this admission?", "Procedure", "yn", [], "not_mentioned"),
    ("¿Cuál era la saturación de oxígeno al ingreso, sin oxígeno?", "Lab Reports", "num", ["89%"], None),
    ("Welches Antikoagulans nimmt der Patient ein?", "Medication", "span", ["Apixaban", ("apixaban", "all")], None),
    ("NT-proBNP on the day of discharge?", "Lab Reports", "num", ["3110"], None),
    ("When was he discharged?", "Other", "date", ["14-Mar-2184"], None),
    ("Is he allergic to contrast?", "Medication", "yn", ["iodinated contrast (hives in 2180)"], "yes"),
    ("What was the magnesium?", "Lab Reports", "num", [], None),
    ("QRS duration on the ECG?", "Lab Reports", "num", [], None),
    ("When was he admitted?", "Other", "date", ["09-Mar-2184"], None),
]
CELLS["cards_dc_01"] = {
    "chief_complaint": (["progressive breathlessness and ankle swelling for 10 days"], ""),
    "admission_diagnosis": (["acute decompensated heart failure"], ""),
    "principal_diagnosis": (["acute on chronic heart failure with reduced ejection fraction (HFrEF) due to ischaemic cardiomyopathy"], ""),
    "secondary_diagnoses": (["paroxysmal atrial fibrillation", "stage 3b chronic kidney disease", "type 2 diabetes mellitus", "hypokalaemia (resolved)"], ""),
    "past_medical_history": ([("ischaemic cardiomyopathy", "Known ischaemic cardiomyopathy"), "anterior MI in 2180", "LAD stent"], "CKD, AF and diabetes are listed as secondary diagnoses"),
    "allergies": (["sulfa antibiotics (rash)", "iodinated contrast (hives in 2180)"], ""),
    "presenting_symptoms": (["three-pillow orthopnoea", "breathlessness after 20 metres", "bilateral leg oedema"], ""),
    "symptom_duration": (["10 days", "10"], [("10 days", "all")], ""),
    "fever": ("no", ["No fevers"], ""),
    "chest_pain": ("no", ["denied chest pain"], ""),
    "max_temperature": (["36.8 C", "36.8"], ["36.8 C"], "only temperature recorded"),
    "oxygen_saturation": (["89%", "89"], ["89% on room air"], "earliest value; 95% on 2 L"),
    "heart_rate": (["104"], ["HR 104"], ""),
    "blood_pressure": (["148/92 mmHg"], ""),
    "wbc": (["7.2", "7.2 x10^9/L"], ["7.2"], "earliest; 6.8 on 14-Mar"),
    "hemoglobin": (["11.9 g/dL", "11.9"], ["11.9"], "earliest; 11.6 and 11.8 later"),
    "creatinine": (["1.8 mg/dL", "1.8"], ["1.8"], "earliest; peak 2.1, discharge 1.7"),
    "potassium": (["3.3 mmol/L", "3.3"], ["3.3"], "earliest; 3.9 and 4.4 later"),
    "troponin": (["38 ng/L on arrival"], "earliest; 41 ng/L at 3 h, flat"),
    "chest_imaging": (["cardiomegaly with upper-lobe diversion, interstitial oedema and small bilateral pleural effusions; no consolidation, no pneumothorax"], ""),
    "discharge_medications": ([("Sacubitril/valsartan", "| Sacubitril/valsartan |"), "Dapagliflozin", "Spironolactone", "Torsemide", "Metoprolol succinate", "Apixaban", "Atorvastatin", "Metformin"], "NEW, CHANGED and CONTINUED rows of the table"),
    "anticoagulation": ("yes", ["Home apixaban continued"], ""),
    "new_medications": ([("Sacubitril/valsartan", "| Sacubitril/valsartan |"), "Dapagliflozin", "Spironolactone", "Torsemide"], "IV furosemide was inpatient-only; metoprolol dose change is neither new nor stopped"),
    "stopped_medications": (["Furosemide", "Lisinopril", "Aspirin"], "STOPPED rows of the table"),
    "admission_date": (["2184-03-09"], ["09-Mar-2184"], ""),
    "discharge_date": (["2184-03-14"], ["14-Mar-2184"], ""),
    "length_of_stay": (["5 days", "5"], ["09-Mar-2184", "14-Mar-2184"], "derived from the two dates"),
    "discharge_condition": (["stable and euvolaemic, walking the ward corridor without oxygen"], ""),
    "discharge_disposition": (["home with his wife, with community heart-failure nurse visits"], ""),
    "smoking": ("no", ["Ex-smoker, quit in 2181"], "former smoker"),
    "follow_up": (["heart failure clinic with Dr. Vandersloot in 2 weeks", "renal function and potassium at the GP surgery in 1 week", "cardiac rehabilitation referral sent"], ""),
    "consolidation": ("no", ["no consolidation"], "from the CXR result"),
    "pleural_effusion": ("yes", ["small bilateral pleural effusions"], ""),
    "pneumothorax": ("no", ["no pneumothorax"], ""),
    "cardiomegaly": ("yes", [("cardiomegaly", 0)], ""),
    "pulmonary_edema": ("yes", ["interstitial oedema"], ""),
}
ABSENT_NOTES["cards_dc_01"] = {"procedures": "DC cardioversion and right-heart catheterisation were not done; TTE and CXR are imaging",
                               "surgery": "no surgery", "antibiotics": "none given"}

# ---------------------------------------------------------------- neph_consult_01
NOTES["neph_consult_01"] = ("other", "inpatient nephrology consult, ISO dates, creatinine in umol/L, one-line-per-date results, impression + 'Actions taken today' dash list")
QAS["neph_consult_01"] = [
    ("What was the creatinine on 2187-06-18?", "Lab Reports", "num", ["138"], None),
    ("Most recent potassium?", "Lab Reports", "num", [("6.1", "all")], None),
    ("What is her baseline creatinine?", "Lab Reports", "num", ["71 umol/L"], None),
    ("What was the lowest blood pressure after the operation?", "Lab Reports", "span", ["84/50"], None),
    ("Is the AKI due to urinary obstruction?", "Diagnosis", "yn", ["Obstruction excluded on ultrasound"], "no"),
    ("Does the patient have polycystic kidney disease?", "Diagnosis", "yn", ["Her kidneys are not polycystic"], "no"),
    ("Is there polycystic kidney disease in the family?", "Diagnosis", "yn", ["brother on haemodialysis for polycystic kidney disease"], "yes"),
    ("Was dialysis started today?", "Procedure", "yn", ["haemodialysis is not indicated today"], "no"),
    ("Was a temporary dialysis catheter inserted?", "Procedure", "yn", ["will only be placed if K exceeds 6.5"], "no"),
    ("Which drugs were discontinued at this consult?", "Medication", "list", ["Vancomycin", ("Ibuprofen", "Ibuprofen discontinued")], None),
    ("What was done with the ramipril?", "Medication", "span", ["Ramipril held until creatinine returns towards baseline"], None),
    ("What was started for the high potassium?", "Medication", "span", ["Sodium zirconium cyclosilicate 10 g three times daily", "Sodium zirconium cyclosilicate"], None),
    ("What is the new pip-tazo dose?", "Medication", "span", ["4.5 g q12h"], None),
    ("Vanc trough this morning?", "Lab Reports", "num", ["24.6 mg/L"], None),
    ("What was the urine sodium?", "Lab Reports", "num", ["11 mmol/L"], None),
    ("Bicarbonate on 06-21?", "Lab Reports", "num", [("17", "HCO3 17")], None),
    ("How long is the right kidney on ultrasound?", "Lab Reports", "num", ["10.8 cm"], None),
    ("Is she febrile?", "Symptoms", "yn", ["afebrile over the last 24 h"], "no"),
    ("Does she smoke?", "Other", "yn", ["never smoker"], "no"),
    ("What was the CRP?", "Lab Reports", "num", [], None),
    ("What was the serum lactate?", "Lab Reports", "num", [], None),
    ("What was the magnesium level?", "Lab Reports", "num", [], None),
    ("Jaki był poziom hemoglobiny?", "Lab Reports", "num", ["104 g/L"], None),
    ("Wurde eine Nierenbiopsie durchgeführt?", "Procedure", "yn", [], "not_mentioned"),
    ("What operation did she have this admission?", "Procedure", "span", ["elective right hemicolectomy", ("right hemicolectomy", 0)], None),
    ("How much urine was she making overnight?", "Symptoms", "num", ["about 15 mL/h", "15 mL/h"], None),
    ("What was the phosphate?", "Lab Reports", "num", [], None),
    ("On what date was the hemicolectomy performed?", "Procedure", "date", ["2187-06-17"], None),
]
CELLS["neph_consult_01"] = {
    "chief_complaint": (["rising creatinine after bowel resection"], "reason for consult"),
    "admission_diagnosis": (["adenocarcinoma of the caecum"], "admitted for elective hemicolectomy for this"),
    "past_medical_history": (["hypertension", "osteoarthritis of both knees", "hypothyroidism"], ""),
    "presenting_symptoms": (["Urine output fell to about 15 mL/h overnight", "Oral intake has been poor since"], "problems prompting the consult"),
    "fever": ("no", ["afebrile over the last 24 h"], ""),
    "max_temperature": (["37.4 C", "37.4"], ["37.4 C"], ""),
    "oxygen_saturation": (["96%", "96"], ["96% RA"], ""),
    "heart_rate": (["98"], ["HR 98"], ""),
    "blood_pressure": (["102/64", "84/50"], "consult examination value; the POD1 nadir 84/50 from the history also accepted"),
    "wbc": (["13.8", "13.8 x10^9/L"], ["13.8"], ""),
    "hemoglobin": (["104 g/L", "104", "10.4 g/dL"], ["104 g/L"], ""),
    "creatinine": (["74 umol/L", "74"], [("74", "Cr 74")], "earliest of the admission (2187-06-16); 341 on 06-21; baseline 71"),
    "potassium": (["4.1 mmol/L", "4.1"], ["4.1"], "earliest; 6.1 on 06-21"),
    "chest_imaging": (["clear lungs, no effusion"], "CXR 06-20 quoted"),
    "procedures": ([("right hemicolectomy", 0)], "performed this admission (06-17); the consult itself did no procedure"),
    "surgery": ([("right hemicolectomy", 0)], ""),
    "antibiotics": (["Piperacillin-tazobactam", ("vancomycin", 0)], ""),
    "new_medications": (["Sodium zirconium cyclosilicate"], "fluids excluded"),
    "stopped_medications": (["Vancomycin", ("Ibuprofen", "Ibuprofen discontinued")], "ramipril was held, not stopped"),
    "admission_date": (["2187-06-16"], [("2187-06-16", 0)], ""),
    "smoking": ("no", ["never smoker"], ""),
    "follow_up": (["We will review again tomorrow"], ""),
    "consolidation": ("no", ["clear lungs"], "CXR quoted: clear lungs"),
    "pleural_effusion": ("no", [("no effusion", "clear lungs, no effusion")], ""),
    "lines_tubes": (["Urinary catheter"], "nasogastric tube already removed"),
}
ABSENT_NOTES["neph_consult_01"] = {"allergies": "'no known drug allergies'", "anticoagulation": "enoxaparin 40 mg daily is prophylactic",
                                   "principal_diagnosis": "consult, not discharged", "chest_pain": "not mentioned"}

# ---------------------------------------------------------------- psych_hp_01
NOTES["psych_hp_01"] = ("other", "psychiatry admission H&P, CAPS section labels, mental status exam, 'Oct 3, 2189' dates, numbered assessment and plan")
QAS["psych_hp_01"] = [
    ("What is the chief complaint?", "Symptoms", "span", ["I haven't slept in five days and the neighbours are broadcasting my thoughts"], None),
    ("Is the patient suicidal?", "Symptoms", "yn", ["Denies suicidal ideation, intent or plan"], "no"),
    ("Does he smoke cigarettes?", "Other", "yn", ["smokes about 1 pack of cigarettes a day"], "yes"),
    ("Lithium level on admission?", "Lab Reports", "num", ["<0.1 mmol/L", "0.1 mmol/L"], None),
    ("Was lithium given on the night of admission?", "Medication", "yn", ["not given tonight"], "no"),
    ("Which antipsychotic was started?", "Medication", "span", ["Olanzapine 10 mg PO at bedtime", "Olanzapine"], None),
    ("Which drug caused an acute dystonic reaction?", "Medication", "span", ["haloperidol"], None),
    ("Does the patient have schizophrenia?", "Diagnosis", "yn", [], "not_mentioned"),
    ("Is there schizophrenia in the family?", "Diagnosis", "yn", ["maternal uncle with schizophrenia"], "yes"),
    ("Was a head CT obtained?", "Procedure", "yn", ["A CT head was considered for the psychotic symptoms but not obtained"], "no"),
    ("Is this a substance-induced psychosis?", "Diagnosis", "yn", ["Substance-induced psychotic disorder ruled out clinically"], "no"),
    ("TSH?", "Lab Reports", "num", ["6.8 mIU/L", ("6.8", "all")], None),
    ("Heart rate on the physical exam?", "Lab Reports", "num", ["112"], None),
    ("What was the QTc?", "Lab Reports", "num", ["436 ms"], None),
    ("What is the new levothyroxine dose?", "Medication", "span", ["75 mcg daily"], None),
    ("How long ago did he stop lithium?", "Medication", "span", ["about 6 weeks ago", "about 6 weeks"], None),
    ("What did the urine drug screen show?", "Lab Reports", "span", ["positive for THC only"], None),
    ("What is his legal status?", "Other", "span", ["involuntary 72-hour hold"], None),
    ("When is the family meeting planned?", "Other", "date", ["Oct 5, 2189"], None),
    ("What does he weigh?", "Lab Reports", "num", [], None),
    ("Was ECT started?", "Procedure", "yn", ["ECT not indicated at present"], "no"),
    ("¿Tiene alucinaciones visuales?", "Symptoms", "yn", ["No visual hallucinations"], "no"),
    ("Serum sodium?", "Lab Reports", "num", ["141"], None),
    ("What was the BMI?", "Lab Reports", "num", [], None),
    ("What drug did he overdose on in 2186?", "Medication", "span", ["paracetamol"], None),
    ("What was the prolactin level?", "Lab Reports", "num", [], None),
    ("Has he previously been treated with valproate?", "Medication", "yn", [], "not_mentioned"),
]
CELLS["psych_hp_01"] = {
    "chief_complaint": (["I haven't slept in five days and the neighbours are broadcasting my thoughts"], ""),
    "admission_diagnosis": (["Bipolar I disorder, current episode manic, severe, with psychotic features"], ""),
    "past_medical_history": (["mild intermittent asthma", "lithium-associated hypothyroidism", "bipolar I diagnosed 2182"], ""),
    "allergies": (["haloperidol - acute dystonic reaction (2184)", "penicillin - rash as a child"], ""),
    "presenting_symptoms": (["decreased need for sleep", "pressured speech", "racing thoughts", "reckless spending", "believed that his neighbours can hear and broadcast his thoughts"], ""),
    "symptom_duration": (["2 weeks", "14 days"], ["about 2 weeks"], "manic symptoms; delusion for 5 days"),
    "max_temperature": (["37.1 C", "37.1"], ["37.1 C"], ""),
    "oxygen_saturation": (["98%", "98"], ["98% on room air"], ""),
    "heart_rate": (["112"], ["HR 112"], "exam value; ECG rate 108"),
    "blood_pressure": (["138/86"], ""),
    "wbc": (["9.4"], ["9.4"], ""),
    "hemoglobin": (["15.2 g/dL", "15.2"], ["15.2 g/dL"], ""),
    "creatinine": (["0.9 mg/dL", "0.9"], ["0.9 mg/dL"], ""),
    "potassium": (["3.6", "3.6 mmol/L"], ["3.6"], ""),
    "new_medications": (["Olanzapine", "Lorazepam", "Nicotine patch"], "lorazepam is a new PRN order; lithium is planned but not yet given; levothyroxine dose change excluded"),
    "admission_date": (["2189-10-03"], [("Oct 3, 2189", 0)], ""),
    "smoking": ("yes", ["smokes about 1 pack of cigarettes a day"], ""),
}
ABSENT_NOTES["psych_hp_01"] = {"stopped_medications": "lithium was stopped by the patient 6 weeks before admission, outside the admission",
                               "fever": "only a normal temperature recorded", "procedures": "CT head considered but not obtained",
                               "follow_up": "inpatient plan only"}

# ---------------------------------------------------------------- ortho_op_01
NOTES["ortho_op_01"] = ("operative", "orthopaedic trauma operative report, dd/mm/yyyy dates, procedure narrative, implant dash list, numbered post-op plan")
QAS["ortho_op_01"] = [
    ("What operation was performed?", "Procedure", "span", ["open reduction and internal fixation (ORIF), right ankle", "open reduction and internal fixation"], None),
    ("What was the pre-op diagnosis?", "Diagnosis", "span", ["closed bimalleolar fracture of the right ankle", "closed bimalleolar fracture of the right ankle (Weber B lateral malleolus, transverse medial malleolus)"], None),
    ("Tourniquet time?", "Procedure", "num", ["68 minutes"], None),
    ("Estimated blood loss?", "Lab Reports", "num", ["50 mL"], None),
    ("Was a syndesmotic screw placed?", "Procedure", "yn", ["A syndesmotic screw had been planned pre-operatively but was not required"], "no"),
    ("Were any drains left?", "Procedure", "yn", ["Drains: none"], "no"),
    ("What antibiotic prophylaxis was given?", "Medication", "span", ["cefazolin 2 g IV at induction", "cefazolin"], None),
    ("Is she allergic to codeine?", "Medication", "yn", ["this is an intolerance, not an allergy"], "no"),
    ("What are her allergies?", "Medication", "list", ["latex (contact dermatitis)"], None),
    ("Pre-op haemoglobin?", "Lab Reports", "num", ["13.4 g/dL"], None),
    ("Does she smoke?", "Other", "yn", ["Never smoked"], "no"),
    ("What is the VTE prophylaxis plan?", "Medication", "span", ["Enoxaparin 40 mg SC daily for 4 weeks"], None),
    ("Which of her regular medicines was stopped?", "Medication", "span", ["combined oral contraceptive pill"], None),
    ("What is her weight-bearing status post-op?", "Other", "span", ["Non-weight-bearing on the right leg in the backslab for 6 weeks"], None),
    ("How many cannulated screws were used medially?", "Procedure", "num", [("two", "two 4.0 mm"), ("x2", "cannulated screws x2")], None),
    ("On what date was the injury?", "Other", "date", ["20/07/2183"], None),
    ("Type of anaesthesia?", "Procedure", "span", ["general (LMA) plus popliteal sciatic nerve block"], None),
    ("Were there any complications?", "Other", "span", [("none", "Complications: none")], None),
    ("What was the post-op Hb?", "Lab Reports", "num", [], None),
    ("Was the syndesmosis unstable?", "Diagnosis", "yn", ["syndesmosis stable on intra-operative stress testing"], "no"),
    ("Wann ist die Kontrolle in der Frakturambulanz geplant?", "Other", "span", ["Fracture clinic in 2 weeks", ("in 2 weeks", "Fracture clinic in 2 weeks")], None),
    ("Pre-op BP?", "Lab Reports", "span", ["132/78"], None),
    ("What was her INR before surgery?", "Lab Reports", "num", [], None),
    ("Was bone graft used?", "Procedure", "yn", [], "not_mentioned"),
    ("What did the post-operative ankle X-ray show?", "Procedure", "span", [], None),
    ("What is her BMI?", "Other", "num", [], None),
]
CELLS["ortho_op_01"] = {
    "chief_complaint": (["displaced, unstable fracture with talar shift on the mortise view"], "surgical indication (as for the pre-operative assessment in clinical_heldout2)"),
    "past_medical_history": (["asthma, well controlled", "depression on sertraline 50 mg daily"], ""),
    "allergies": (["latex (contact dermatitis)"], "codeine vomiting is called an intolerance, not an allergy"),
    "max_temperature": (["36.6 C", "36.6"], ["36.6 C"], ""),
    "oxygen_saturation": (["99%", "99"], ["99% on air"], ""),
    "heart_rate": (["76"], ["HR 76"], ""),
    "blood_pressure": (["132/78"], ""),
    "hemoglobin": (["13.4 g/dL", "13.4"], ["13.4 g/dL"], ""),
    "creatinine": (["0.7 mg/dL", "0.7"], ["0.7 mg/dL"], ""),
    "potassium": (["4.0 mmol/L", "4.0"], ["4.0 mmol/L"], ""),
    "procedures": (["open reduction and internal fixation (ORIF), right ankle"], "syndesmotic screw planned but not placed"),
    "surgery": (["open reduction and internal fixation (ORIF), right ankle"], ""),
    "antibiotics": (["cefazolin"], "single prophylactic dose at induction"),
    "new_medications": (["Enoxaparin", "paracetamol 1 g QDS", "oxycodone 5 mg PRN"], "post-operative prescriptions; cefazolin single prophylactic dose excluded"),
    "stopped_medications": (["combined oral contraceptive pill"], ""),
    "smoking": ("no", ["Never smoked"], ""),
    "follow_up": (["Fracture clinic in 2 weeks for a wound check and removal of sutures"], ""),
}
ABSENT_NOTES["ortho_op_01"] = {"anticoagulation": "enoxaparin 40 mg daily is VTE prophylaxis, not anticoagulation (convention of clinical_heldout2)",
                               "lines_tubes": "'Drains: none'", "admission_diagnosis": "operative note; no admission diagnosis stated",
                               "fever": "only a normal temperature recorded", "discharge_date": "expected in 1-2 days; not discharged"}

# ---------------------------------------------------------------- urgent_care_01
NOTES["urgent_care_01"] = ("emergency", "US urgent-care visit note, MM/DD/YYYY and 12-hour clock times, Fahrenheit temperatures, two timed vitals lines, numbered plan")
QAS["urgent_care_01"] = [
    ("Temperature at check-in?", "Lab Reports", "num", ["102.1 F"], None),
    ("What was the highest temperature she measured at home?", "Symptoms", "num", ["101.8 F"], None),
    ("Heart rate at 3:50 PM?", "Lab Reports", "num", [("96", "HR 96")], None),
    ("What was her SpO2 on arrival?", "Lab Reports", "num", ["93%"], None),
    ("What did the chest x-ray show?", "Procedure", "span", ["right lower lobe consolidation", "right lower lobe consolidation; no pleural effusion; no pneumothorax; heart size normal"], None),
    ("Is there a pleural effusion on CXR?", "Diagnosis", "yn", ["no pleural effusion"], "no"),
    ("What was the rapid flu result?", "Lab Reports", "span", [("negative", "Rapid influenza A/B: negative")], None),
    ("WBC?", "Lab Reports", "num", ["15.6"], None),
    ("Does she have COPD?", "Diagnosis", "yn", ["No asthma or COPD"], "no"),
    ("Is there a family history of COPD?", "Diagnosis", "yn", ["father with COPD"], "yes"),
    ("Does the patient smoke?", "Other", "yn", ["former smoker, quit 10 years ago"], "no"),
    ("How many pack-years?", "Other", "num", ["20 pack-years"], None),
    ("Which antibiotics were prescribed?", "Medication", "list", ["Amoxicillin-clavulanate", "Azithromycin"], None),
    ("Was a D-dimer sent?", "Procedure", "yn", ["D-dimer not sent"], "no"),
    ("Was acute coronary syndrome suspected?", "Diagnosis", "yn", ["ACS not suspected"], "no"),
    ("What was the plan for lisinopril?", "Medication", "span", ["Hold lisinopril while febrile and eating poorly; resume when drinking normally", "Hold lisinopril while febrile and eating poorly"], None),
    ("CURB-65?", "Other", "num", [("0", "CURB-65 score 0")], None),
    ("When should the chest x-ray be repeated?", "Procedure", "span", [("in 6 weeks", "Repeat CXR in 6 weeks")], None),
    ("Was she transferred to the ED?", "Other", "yn", ["Transfer to the emergency department was discussed and not needed at this time"], "no"),
    ("What was the procalcitonin?", "Lab Reports", "num", [], None),
    ("What was the lactate?", "Lab Reports", "num", [], None),
    ("What did the sputum culture grow?", "Lab Reports", "span", [], None),
    ("Were blood cultures drawn?", "Procedure", "yn", [], "not_mentioned"),
    ("¿Cuál fue la glucosa capilar?", "Lab Reports", "num", ["118 mg/dL"], None),
    ("Czy pacjentka ma alergie na leki?", "Medication", "yn", ["NKDA"], "no"),
    ("Where was she sent after the visit?", "Other", "span", ["discharged home in stable condition with husband", "discharged home"], None),
    ("BP at check-in?", "Lab Reports", "span", ["128/76"], None),
    ("What was the creatinine?", "Lab Reports", "num", [], None),
]
CELLS["urgent_care_01"] = {
    "chief_complaint": (["cough and fever x 4 days"], ""),
    "principal_diagnosis": (["Community-acquired pneumonia, right lower lobe"], "urgent-care diagnosis of a visit ending in discharge home"),
    "past_medical_history": (["hypertension", "hypothyroidism", "GERD"], ""),
    "presenting_symptoms": (["productive cough (green sputum)", "fevers to 101.8 F at home", "chills", "right-sided pleuritic chest pain when coughing", "Mild shortness of breath climbing stairs"], ""),
    "symptom_duration": (["4 days", "4"], [("4 days", "all")], ""),
    "fever": ("yes", ["fevers to 101.8 F at home"], "and T 102.1 F in clinic"),
    "chest_pain": ("yes", ["right-sided pleuritic chest pain when coughing"], "pleuritic"),
    "max_temperature": (["102.1 F", "102.1", "38.9 C"], ["102.1 F"], ""),
    "oxygen_saturation": (["93%", "93"], ["93% RA"], "earliest; 95% at 3:50 PM"),
    "heart_rate": (["112"], ["HR 112"], "earliest; 96 at 3:50 PM"),
    "blood_pressure": (["128/76"], "earliest"),
    "wbc": (["15.6"], ["15.6"], ""),
    "hemoglobin": (["13.1"], ["13.1"], ""),
    "chest_imaging": (["right lower lobe consolidation; no pleural effusion; no pneumothorax; heart size normal"], ""),
    "antibiotics": (["Amoxicillin-clavulanate", "Azithromycin"], ""),
    "discharge_medications": (["Amoxicillin-clavulanate", "Azithromycin", "Acetaminophen", "ibuprofen 400 mg", ("levothyroxine", "Continue levothyroxine and omeprazole"), ("omeprazole", "Continue levothyroxine and omeprazole")], "lisinopril held"),
    "new_medications": (["Amoxicillin-clavulanate", "Azithromycin", "ibuprofen 400 mg"], "acetaminophen already taken at home; lisinopril held, not stopped"),
    "admission_date": (["2185-11-02"], ["11/02/2185"], "arrival date (MM/DD/YYYY)"),
    "discharge_date": (["2185-11-02"], ["11/02/2185"], "same-day visit"),
    "discharge_condition": (["stable condition"], ""),
    "discharge_disposition": (["discharged home"], ""),
    "smoking": ("no", ["former smoker, quit 10 years ago"], ""),
    "follow_up": (["Follow up with PCP (Dr. Halvorsen) in 48-72 hours", "Repeat CXR in 6 weeks to document clearance"], ""),
    "consolidation": ("yes", ["right lower lobe consolidation"], ""),
    "pleural_effusion": ("no", ["no pleural effusion"], ""),
    "pneumothorax": ("no", ["no pneumothorax"], ""),
    "cardiomegaly": ("no", ["heart size normal"], ""),
}
ABSENT_NOTES["urgent_care_01"] = {"allergies": "'NKDA'", "admission_diagnosis": "never admitted", "length_of_stay": "visit of hours",
                                  "stopped_medications": "lisinopril held, not stopped"}

# ---------------------------------------------------------------- postpartum_dc_01
NOTES["postpartum_dc_01"] = ("discharge_summary", "postpartum discharge summary after PPH, 'April 9, 2186' dates, Hgb trend on one pipe-separated line, numbered discharge medication list, dash follow-up list")
QAS["postpartum_dc_01"] = [
    ("What was the estimated blood loss?", "Lab Reports", "num", [("1,100 mL", "all")], None),
    ("What caused the postpartum hemorrhage?", "Diagnosis", "span", ["uterine atony"], None),
    ("What was the lowest hemoglobin?", "Lab Reports", "num", ["7.4"], None),
    ("Hgb on the day of discharge?", "Lab Reports", "num", ["9.3"], None),
    ("How many units of blood were transfused?", "Procedure", "num", ["Two units of packed red blood cells", ("2 units", "after 2 units")], None),
    ("Was a Bakri/intrauterine balloon used?", "Procedure", "yn", ["Intrauterine balloon tamponade was prepared but not needed"], "no"),
    ("Does she have postpartum preeclampsia?", "Diagnosis", "yn", ["it was ruled out with normal repeat pressures"], "no"),
    ("Did she have a fever postpartum?", "Symptoms", "yn", ["no fever afterwards"], "no"),
    ("What was the Tmax?", "Lab Reports", "num", ["37.9 C"], None),
    ("Which uterotonics were given?", "Medication", "list", ["oxytocin infusion", "carboprost 250 mcg IM x2", "misoprostol 800 mcg rectally"], None),
    ("Was RhoGAM given?", "Medication", "yn", ["Rho(D) immune globulin 300 mcg IM given April 10"], "yes"),
    ("What is the mother's blood group?", "Lab Reports", "span", ["O negative"], None),
    ("Which antibiotic did she receive for GBS?", "Medication", "span", ["Penicillin G IV", "Penicillin G"], None),
    ("Any drug allergies?", "Medication", "list", ["sulfonamides - hives"], None),
    ("Does she smoke?", "Other", "yn", ["never smoker"], "no"),
    ("Is there a family history of hypertension?", "Diagnosis", "yn", ["mother with type 2 diabetes and chronic hypertension"], "yes"),
    ("Did she have hypertension during the pregnancy?", "Diagnosis", "yn", ["No hypertension in pregnancy"], "no"),
    ("Infant birth weight?", "Other", "num", ["3,420 g"], None),
    ("Date of discharge?", "Other", "date", ["April 12, 2186"], None),
    ("Discharge meds?", "Medication", "list", ["Ferrous sulfate", "Docusate sodium", "Ibuprofen", "Acetaminophen", "Prenatal multivitamin", "Witch hazel pads", "Sumatriptan"], None),
    ("What was the ferritin?", "Lab Reports", "num", [], None),
    ("Was a hysterectomy needed?", "Procedure", "yn", [], "not_mentioned"),
    ("What was her BP at discharge?", "Lab Reports", "span", ["124/78"], None),
    ("Kiedy jest wizyta poporodowa?", "Other", "span", [("in 2 weeks", "Postpartum visit with Dr. Fennimore in 2 weeks")], None),
    ("What was the 10-minute Apgar?", "Other", "num", [], None),
    ("What was the highest blood pressure recorded postpartum?", "Lab Reports", "span", ["146/92"], None),
    ("Protein/creatinine ratio?", "Lab Reports", "num", ["0.12"], None),
    ("What was the TSH?", "Lab Reports", "num", [], None),
    ("What was the WBC?", "Lab Reports", "num", [], None),
    ("On which date was she transfused?", "Procedure", "date", [("April 10, 2186", "transfused on April 10, 2186")], None),
]
CELLS["postpartum_dc_01"] = {
    "chief_complaint": (["spontaneous labor at 39 weeks 4 days"], "presented in labour"),
    "admission_diagnosis": (["spontaneous labor at 39 weeks 4 days, G1P0"], ""),
    "principal_diagnosis": (["postpartum hemorrhage (estimated blood loss 1,100 mL) due to uterine atony"], ""),
    "secondary_diagnoses": (["Acute blood loss anemia, transfused", ("Second-degree perineal laceration", "- Second-degree perineal laceration"), "Rh-negative mother, Rh-positive infant", "Group B streptococcus carrier"], ""),
    "past_medical_history": (["migraine without aura", "iron-deficiency anemia in the first trimester, treated and resolved"], ""),
    "allergies": (["sulfonamides - hives"], "'Latex - none'"),
    "fever": ("no", ["no fever afterwards"], "Tmax 37.9 C"),
    "max_temperature": (["37.9 C", "37.9"], ["37.9 C"], ""),
    "oxygen_saturation": (["99%", "99"], ["SpO2 99%"], ""),
    "heart_rate": (["84"], ["HR 84"], "admission; 88 at discharge"),
    "blood_pressure": (["118/72"], "admission; 146/92 single reading, 124/78 at discharge"),
    "hemoglobin": (["11.8 g/dL", "11.8"], ["11.8"], "admission; nadir 7.4, discharge 9.3"),
    "creatinine": (["0.6 mg/dL", "0.6"], ["0.6 mg/dL"], ""),
    "procedures": (["spontaneous vaginal delivery", "Second-degree perineal laceration repaired", "bimanual massage", "Two units of packed red blood cells were transfused"], "balloon tamponade prepared but not used"),
    "antibiotics": (["Penicillin G"], "intrapartum GBS prophylaxis"),
    "discharge_medications": (["Ferrous sulfate", "Docusate sodium", "Ibuprofen", "Acetaminophen", "Prenatal multivitamin", "Witch hazel pads", "Sumatriptan"], ""),
    "new_medications": (["Ferrous sulfate", "Docusate sodium", "Ibuprofen", "Acetaminophen", "Witch hazel pads"], "prenatal multivitamin and sumatriptan were home medicines; uterotonics, TXA and anti-D inpatient only"),
    "admission_date": (["2186-04-09"], [("April 9, 2186", 0)], ""),
    "discharge_date": (["2186-04-12"], ["April 12, 2186"], ""),
    "length_of_stay": (["3 days", "3"], [("April 9, 2186", 0), "April 12, 2186"], "derived from the two dates"),
    "discharge_condition": ([("good", "Condition at discharge: good")], ""),
    "discharge_disposition": (["home with infant and husband"], ""),
    "smoking": ("no", ["never smoker"], ""),
    "follow_up": (["Postpartum visit with Dr. Fennimore in 2 weeks (blood pressure and perineum check)", "CBC in 1 week at the clinic lab", "Lactation consultant phone call April 14, 2186"], ""),
}
ABSENT_NOTES["postpartum_dc_01"] = {"surgery": "no operation; perineal repair counted under procedures", "presenting_symptoms": "admitted in labour; no symptoms listed",
                                    "stopped_medications": "none stopped"}

# ---------------------------------------------------------------- telehealth_01
NOTES["telehealth_01"] = ("progress", "internal-medicine video follow-up, '19 Jan 2188' dates, home BP log by date, dash medication list, numbered assessment/plan, limits of a video exam")
QAS["telehealth_01"] = [
    ("What is the latest HbA1c?", "Lab Reports", "num", ["6.4%"], None),
    ("What was the HbA1c in October?", "Lab Reports", "num", ["7.9%"], None),
    ("Home BP on 09 Jan 2188?", "Lab Reports", "span", ["148/90"], None),
    ("What was the BP taken during the visit?", "Lab Reports", "span", ["146/88"], None),
    ("Which medicine was stopped?", "Medication", "span", ["Glipizide"], None),
    ("Why was glipizide stopped?", "Medication", "span", ["recurrent hypoglycaemia on a sulfonylurea", "low sugars on glipizide"], None),
    ("What new diabetes medication was started?", "Medication", "span", ["Empagliflozin 10 mg daily", "Empagliflozin"], None),
    ("Is he on an SGLT2 inhibitor now?", "Medication", "yn", ["Empagliflozin 10 mg daily started"], "yes"),
    ("Is the patient on a statin?", "Medication", "yn", ["rosuvastatin 20 mg daily"], "yes"),
    ("New lisinopril dose?", "Medication", "span", [("20 mg daily", "from 10 mg to 20 mg daily")], None),
    ("Does he smoke?", "Other", "yn", ["Still smoking about 15 cigarettes a day"], "yes"),
    ("What is the quit date?", "Other", "date", ["1 Feb 2188"], None),
    ("Does he have diabetic retinopathy?", "Diagnosis", "yn", ["no diabetic retinopathy"], "no"),
    ("Was a foot exam done today?", "Procedure", "yn", ["no foot examination"], "no"),
    ("Has the patient had breast cancer?", "Diagnosis", "yn", [], "not_mentioned"),
    ("Urine albumin/creatinine ratio?", "Lab Reports", "num", ["48 mg/g"], None),
    ("Potassium?", "Lab Reports", "num", ["4.7 mmol/L"], None),
    ("What was the lowest home glucose reading?", "Lab Reports", "num", ["54 mg/dL"], None),
    ("What is he allergic to?", "Medication", "span", ["Shellfish"], None),
    ("What does he weigh?", "Lab Reports", "num", ["102 kg"], None),
    ("¿Qué medicamento se inició para dejar de fumar?", "Medication", "span", ["varenicline"], None),
    ("LDL?", "Lab Reports", "num", ["82 mg/dL"], None),
    ("eGFR?", "Lab Reports", "num", ["74"], None),
    ("What was his heart rate?", "Lab Reports", "num", ["78"], None),
    ("What was his temperature?", "Lab Reports", "num", [], None),
    ("What was the hemoglobin?", "Lab Reports", "num", [], None),
    ("What were the triglycerides?", "Lab Reports", "num", [], None),
    ("What was the TSH?", "Lab Reports", "num", [], None),
]
CELLS["telehealth_01"] = {
    "chief_complaint": (["low sugars on glipizide"], "scheduled follow-up whose reason also names a complaint"),
    "past_medical_history": (["type 2 diabetes (2180)", ("hypertension", "(2180), hypertension, hyperlipidaemia"), "hyperlipidaemia", "obesity (BMI 33 by self-reported weight 102 kg)"], ""),
    "allergies": (["Shellfish - throat swelling"], "food allergy; no drug allergies"),
    "presenting_symptoms": (["three hypoglycaemic episodes", "Mild tingling in both feet at night"], ""),
    "chest_pain": ("no", ["no chest pain"], ""),
    "heart_rate": (["78"], ["HR 78"], ""),
    "blood_pressure": (["152/94", "146/88"], "earliest home reading; the reading during the visit also accepted"),
    "creatinine": (["1.1 mg/dL", "1.1"], ["1.1 mg/dL"], ""),
    "potassium": (["4.7 mmol/L", "4.7"], ["4.7 mmol/L"], ""),
    "new_medications": (["Empagliflozin", "varenicline"], "lisinopril dose change excluded"),
    "stopped_medications": (["Glipizide"], ""),
    "smoking": ("yes", ["Still smoking about 15 cigarettes a day"], ""),
    "follow_up": (["in-person visit in 6 weeks (feet, BP)", "labs in 2 weeks"], ""),
}
ABSENT_NOTES["telehealth_01"] = {"anticoagulation": "aspirin only", "fever": "not mentioned"}

# ---------------------------------------------------------------- geri_clinic_01
NOTES["geri_clinic_01"] = ("progress", "geriatric falls-clinic note, '5 September 2181' dates, lying/standing BP, SI units, markdown medication-review table with a 'Decision today' column")
QAS["geri_clinic_01"] = [
    ("How many falls has she had?", "Symptoms", "num", [("Three", "Three falls since July"), ("three", "three falls in 2 months")], None),
    ("Lying blood pressure?", "Lab Reports", "span", ["154/82"], None),
    ("What was the standing BP at 3 minutes?", "Lab Reports", "span", ["122/68"], None),
    ("MoCA score?", "Other", "num", ["24/30"], None),
    ("Does the patient have dementia?", "Diagnosis", "yn", ["This does not meet criteria for dementia", "dementia not diagnosed"], "no"),
    ("What is the most recent sodium?", "Lab Reports", "num", ["131 mmol/L"], None),
    ("What was the sodium in March 2181?", "Lab Reports", "num", ["136 mmol/L"], None),
    ("Which medicines were stopped today?", "Medication", "list", ["Zopiclone", "Oxybutynin"], None),
    ("What was started at this visit?", "Medication", "list", ["Mirabegron", "Colecalciferol"], None),
    ("What was decided about amlodipine?", "Medication", "span", ["Reduce to 5 mg"], None),
    ("Is she on anticoagulation?", "Medication", "yn", ["Warfarin", "on warfarin"], "yes"),
    ("INR?", "Lab Reports", "num", ["2.6"], None),
    ("Vitamin D level?", "Lab Reports", "num", ["28 nmol/L"], None),
    ("Is she a smoker?", "Other", "yn", ["Former smoker - stopped over 40 years ago"], "no"),
    ("What drug allergy does she have?", "Medication", "span", ["trimethoprim - widespread rash (2180)", "trimethoprim"], None),
    ("Has the DEXA scan been done?", "Procedure", "yn", ["DEXA scan requested (not yet done)"], "no"),
    ("Did she fracture her hip in the last fall?", "Diagnosis", "yn", ["showed no fracture"], "no"),
    ("Timed Up and Go?", "Other", "num", ["21 s"], None),
    ("Does the patient have rheumatoid arthritis?", "Diagnosis", "yn", [], "not_mentioned"),
    ("Which beta-blocker is she taking?", "Medication", "span", ["Bisoprolol"], None),
    ("What does she weigh?", "Other", "num", ["54.1 kg"], None),
    ("¿Cuál es la hemoglobina?", "Lab Reports", "num", ["118 g/L"], None),
    ("What is the HbA1c?", "Lab Reports", "num", [], None),
    ("What was the B12 level?", "Lab Reports", "num", [], None),
    ("What did her echocardiogram show?", "Procedure", "span", [], None),
    ("When is she to be reviewed again in clinic?", "Other", "span", [("in 3 months", "Review in the falls clinic in 3 months")], None),
    ("What was the calcium?", "Lab Reports", "num", [], None),
]
CELLS["geri_clinic_01"] = {
    "chief_complaint": (["three falls in 2 months, on many medicines"], "referral reason"),
    "past_medical_history": (["Atrial fibrillation (on warfarin)", "hypertension", "osteoarthritis of both knees", "overactive bladder", "depression (2181)", "hypothyroidism", "cataract surgery 2180"], ""),
    "allergies": (["trimethoprim - widespread rash (2180)"], ""),
    "presenting_symptoms": (["Three falls since July", "dizziness on standing", "urinary urgency", "Poor sleep for years"], ""),
    "symptom_duration": (["2 months"], ["2 months"], "three falls in 2 months"),
    "chest_pain": ("no", ["no chest pain"], "before the falls"),
    "oxygen_saturation": (["97%", "97"], ["97% on air"], ""),
    "heart_rate": (["72"], ["HR 72"], ""),
    "blood_pressure": (["154/82"], "lying; standing 128/70 and 122/68"),
    "hemoglobin": (["118 g/L", "118", "11.8 g/dL"], ["118 g/L"], ""),
    "creatinine": (["98 umol/L", "98"], ["98 umol/L"], ""),
    "potassium": (["4.2 mmol/L", "4.2"], ["4.2 mmol/L"], ""),
    "anticoagulation": ("yes", ["Warfarin"], "warfarin continued"),
    "new_medications": (["Mirabegron", "Colecalciferol"], "amlodipine dose reduction excluded"),
    "stopped_medications": (["Zopiclone", "Oxybutynin"], ""),
    "smoking": ("no", ["Former smoker - stopped over 40 years ago"], ""),
    "follow_up": (["Review in the falls clinic in 3 months", "Sodium and creatinine in 2 weeks via the GP"], ""),
}
ABSENT_NOTES["geri_clinic_01"] = {"procedures": "DEXA requested, not done", "fever": "not mentioned"}

# ---------------------------------------------------------------- us_renal_01
NOTES["us_renal_01"] = ("radiology", "renal and bladder ultrasound report, ISO dates, organ-by-organ findings, numbered impression, Bosniak classification, incidental pleural effusion")
US_IMP = ("No hydronephrosis in either kidney; no obstructive uropathy of the upper tracts.\n2. Incomplete bladder emptying (post-void residual 240 mL) with an enlarged prostate (58 mL).\n"
          "3. Mildly echogenic kidneys in keeping with chronic medical renal disease.\n4. Left upper pole simple renal cyst, 1.4 cm, Bosniak I - benign.\n5. Small right pleural effusion")
QAS["us_renal_01"] = [
    ("What was the indication for the ultrasound?", "Symptoms", "span", ["acute kidney injury (creatinine 212 umol/L, baseline 105). ?Hydronephrosis / obstruction", "acute kidney injury"], None),
    ("Is there hydronephrosis?", "Diagnosis", "yn", ["No hydronephrosis in either kidney"], "no"),
    ("Right kidney length?", "Lab Reports", "num", ["10.1 cm"], None),
    ("How long is the left kidney?", "Lab Reports", "num", ["9.6 cm"], None),
    ("What size is the renal cyst?", "Lab Reports", "num", [("1.4 cm", "all")], None),
    ("How big was the cyst on the 2181 CT?", "Lab Reports", "num", ["1.2 cm"], None),
    ("Bosniak category of the cyst?", "Diagnosis", "span", [("Bosniak I", "all")], None),
    ("Post-void residual?", "Lab Reports", "num", [("240 mL", "all")], None),
    ("Estimated prostate volume?", "Lab Reports", "num", [("58 mL", "all")], None),
    ("Any renal stones?", "Diagnosis", "yn", [("No calculus", "all")], "no"),
    ("Is there a pleural effusion?", "Diagnosis", "yn", ["small right pleural effusion seen above the liver", "Small right pleural effusion"], "yes"),
    ("Is there ascites?", "Diagnosis", "yn", ["No ascites"], "no"),
    ("What was the comparison study?", "Procedure", "span", ["CT abdomen and pelvis with contrast, 2181-05-02"], None),
    ("Does the cyst need follow-up imaging?", "Procedure", "yn", ["No imaging follow-up is needed for the Bosniak I cyst"], "no"),
    ("What was the creatinine given in the request?", "Lab Reports", "num", ["212 umol/L"], None),
    ("Is there a solid renal mass?", "Diagnosis", "yn", ["No solid mass"], "no"),
    ("¿Cuál es el volumen vesical antes de la micción?", "Lab Reports", "num", ["610 mL"], None),
    ("Who reported the study?", "Other", "span", ["Dr Yvette Adebayo-Strand"], None),
    ("What were the renal resistive indices?", "Lab Reports", "num", [], None),
    ("Is there renal artery stenosis?", "Diagnosis", "yn", [], "not_mentioned"),
    ("What is the spleen size?", "Lab Reports", "num", [], None),
    ("What does the radiologist recommend for the bladder findings?", "Procedure", "span", ["Suggest urology review for the raised post-void residual", "urology review"], None),
    ("What was the eGFR?", "Lab Reports", "num", [], None),
    ("How thick is the bladder wall?", "Lab Reports", "num", [], None),
    ("What was the date of the prior CT?", "Other", "date", ["2181-05-02"], None),
]
CELLS["us_renal_01"] = {
    "past_medical_history": (["prostatism"], "from the indication"),
    "creatinine": (["212 umol/L", "212"], ["212 umol/L"], "stated in the indication; baseline 105"),
    "exam_type": (["Ultrasound, kidneys and urinary bladder"], ""),
    "indication": (["acute kidney injury (creatinine 212 umol/L, baseline 105). ?Hydronephrosis / obstruction"], "indication names hydronephrosis, which the findings exclude"),
    "comparison": (["CT abdomen and pelvis with contrast, 2181-05-02"], ""),
    "pleural_effusion": ("yes", ["small right pleural effusion seen above the liver"], "incidental"),
    "main_finding": (["No hydronephrosis in either kidney; no obstructive uropathy of the upper tracts", "Incomplete bladder emptying (post-void residual 240 mL) with an enlarged prostate (58 mL)"], "answer to the clinical question; the bladder finding also accepted"),
    "impression": ([US_IMP], ""),
    "recommendation": (["No imaging follow-up is needed for the Bosniak I cyst. Suggest urology review for the raised post-void residual; consider a catheter trial if symptomatic."], ""),
}
ABSENT_NOTES["us_renal_01"] = {"nodule": "renal cyst, not a pulmonary nodule", "chief_complaint": "radiology report (convention 7)"}

# ---------------------------------------------------------------- mri_knee_01
NOTES["mri_knee_01"] = ("radiology", "knee MRI report, CAPS headers, dd/mm/yyyy dates, structure-by-structure findings, numbered impression")
MRI_IMP = ("Horizontal oblique tear of the posterior horn of the medial meniscus with a small parameniscal cyst. No bucket-handle tear or displaced meniscal fragment.\n"
           "2. Intact ACL and PCL - no ACL rupture.\n3. Grade 1 MCL sprain.\n4. Lateral tibial plateau bone contusion; moderate effusion.\n5. Focal grade 2 chondral fissuring, medial femoral condyle")
QAS["mri_knee_01"] = [
    ("Is there a bucket-handle meniscal tear?", "Diagnosis", "yn", ["no bucket-handle tear", "No bucket-handle tear"], "no"),
    ("Is the ACL torn?", "Diagnosis", "yn", ["no ACL rupture", "Anterior cruciate ligament intact"], "no"),
    ("What meniscal tear is present?", "Diagnosis", "span", ["Horizontal oblique tear of the posterior horn of the medial meniscus", "horizontal oblique tear of the posterior horn"], None),
    ("Size of the parameniscal cyst?", "Lab Reports", "num", ["6 mm"], None),
    ("What grade is the MCL injury?", "Diagnosis", "span", ["Grade 1 MCL sprain", "grade 1 sprain"], None),
    ("How big is the Baker's cyst?", "Lab Reports", "span", ["2.1 x 0.9 cm"], None),
    ("Is there a fracture?", "Diagnosis", "yn", ["No fracture", "no fracture"], "no"),
    ("How large is the joint effusion?", "Diagnosis", "span", ["moderate joint effusion", ("moderate", "moderate joint effusion")], None),
    ("When was the injury?", "Other", "date", ["02/03/2187"], None),
    ("Size of the chondral lesion?", "Lab Reports", "num", ["8 mm"], None),
    ("What prior imaging was it compared with?", "Procedure", "span", ["left knee radiographs dated 03/03/2187"], None),
    ("What is recommended?", "Procedure", "span", ["orthopaedic knee clinic referral to discuss arthroscopic partial meniscectomy versus a period of physiotherapy", "orthopaedic knee clinic referral"], None),
    ("Magnet field strength?", "Other", "num", ["1.5 T"], None),
    ("Is the lateral meniscus torn?", "Diagnosis", "yn", ["Lateral meniscus intact"], "no"),
    ("Was IV contrast given?", "Procedure", "yn", ["WITHOUT CONTRAST"], "no"),
    ("Where is the bone contusion?", "Diagnosis", "span", ["lateral tibial plateau, posterior aspect", "Lateral tibial plateau"], None),
    ("Czy więzadło krzyżowe tylne jest uszkodzone?", "Diagnosis", "yn", ["Posterior cruciate ligament intact"], "no"),
    ("When was the MRI done?", "Other", "date", ["14/03/2187"], None),
    ("What is the patient's weight?", "Other", "num", [], None),
    ("Is there an osteochondral defect?", "Diagnosis", "yn", ["No osteochondral defect"], "no"),
    ("What is the patellar tilt angle?", "Lab Reports", "num", [], None),
    ("Is there a loose body?", "Diagnosis", "yn", [], "not_mentioned"),
    ("How much meniscal extrusion is there?", "Lab Reports", "num", [], None),
    ("Wie lang ist der Meniskusriss in Millimetern?", "Lab Reports", "num", [], None),
]
CELLS["mri_knee_01"] = {
    "presenting_symptoms": (["Painful locking episodes and effusion"], "from the history/indication"),
    "exam_type": (["MRI LEFT KNEE WITHOUT CONTRAST"], ""),
    "indication": (["twisting injury playing football on 02/03/2187. Painful locking episodes and effusion. Clinical question: bucket-handle meniscal tear? ACL rupture?"], "both questioned diagnoses are excluded by the findings"),
    "comparison": (["left knee radiographs dated 03/03/2187"], ""),
    "main_finding": (["Horizontal oblique tear of the posterior horn of the medial meniscus with a small parameniscal cyst"], ""),
    "impression": ([MRI_IMP], ""),
    "recommendation": (["orthopaedic knee clinic referral to discuss arthroscopic partial meniscectomy versus a period of physiotherapy"], ""),
}
ABSENT_NOTES["mri_knee_01"] = {"chief_complaint": "radiology report (convention 7)", "symptom_duration": "injury date given, not a duration"}

# ---------------------------------------------------------------- handover_01
NOTES["handover_01"] = ("other", "nursing night-to-day shift handover in SBAR, dd/mm/yyyy dates, obs table by clock time with NEWS, dash events list, numbered to-do list")
QAS["handover_01"] = [
    ("Highest temperature overnight?", "Lab Reports", "num", ["38.6"], None),
    ("Heart rate at 02:00?", "Lab Reports", "num", ["102"], None),
    ("What was the NEWS at midnight?", "Other", "num", [("5", "95% RA    5")], None),
    ("WBC this morning?", "Lab Reports", "num", ["17.9"], None),
    ("What was the creatinine on admission?", "Lab Reports", "num", [("118", "(118 on admission)")], None),
    ("Which antibiotic was added overnight?", "Medication", "span", ["Clindamycin 600 mg IV 6-hourly", "Clindamycin"], None),
    ("Why is metformin on hold?", "Medication", "span", ["because of the rise in creatinine"], None),
    ("Is metformin currently being given?", "Medication", "yn", ["Metformin HELD from tonight"], "no"),
    ("What reaction does he have to penicillin?", "Medication", "span", ["anaphylaxis"], None),
    ("Does he smoke?", "Other", "yn", ["Current smoker, about 20/day"], "yes"),
    ("Was a chest X-ray done overnight?", "Procedure", "yn", ["she did not think a chest X-ray was needed"], "no"),
    ("Has the leg Doppler been done?", "Procedure", "yn", ["not yet done, booked for 10:00"], "no"),
    ("Does he have a DVT?", "Diagnosis", "yn", ["to exclude DVT - not yet done"], "uncertain"),
    ("Capillary glucose at 22:00?", "Lab Reports", "num", ["16.8 mmol/L"], None),
    ("What IV access does he have?", "Procedure", "list", ["20G cannula left antecubital fossa", "22G right hand"], None),
    ("What is his resuscitation status?", "Other", "span", ["full for resuscitation"], None),
    ("Czy pacjent ma cukrzycę?", "Diagnosis", "yn", ["T2DM on metformin and basal insulin"], "yes"),
    ("What was the vancomycin trough?", "Lab Reports", "num", [], None),
    ("What did the blood cultures grow?", "Lab Reports", "span", [], None),
    ("What does he weigh?", "Other", "num", [], None),
    ("Was a urinary catheter inserted?", "Procedure", "yn", [], "not_mentioned"),
    ("What is his HbA1c?", "Lab Reports", "num", [], None),
    ("Admission date?", "Other", "date", ["15/05/2185"], None),
]
CELLS["handover_01"] = {
    "admission_diagnosis": (["left lower leg cellulitis"], "reason for the current admission"),
    "past_medical_history": (["T2DM on metformin and basal insulin", "hypertension", "peripheral vascular disease", "previous right toe amputation (2183)"], ""),
    "allergies": (["penicillin - anaphylaxis", "plasters/adhesive tape - blistering"], ""),
    "fever": ("yes", ["Temperature spike overnight"], "38.6 at 00:00"),
    "chest_pain": ("no", ["No chest pain"], ""),
    "max_temperature": (["38.6 C", "38.6"], ["38.6"], ""),
    "oxygen_saturation": (["96%", "96"], [("96% RA", 0)], "first row (20:00)"),
    "heart_rate": (["94"], ["94"], "first row (20:00)"),
    "blood_pressure": (["136/80"], "first row (20:00)"),
    "wbc": (["14.1"], ["14.1"], "admission value; 17.9 at 05:30"),
    "hemoglobin": (["128", "128 g/L"], [("128", "Hb 128")], ""),
    "creatinine": (["118 umol/L", "118"], [("118", "(118 on admission)")], "admission; 132 at 05:30"),
    "potassium": (["4.9", "4.9 mmol/L"], ["4.9"], ""),
    "procedures": (["second cannula (22G right hand) placed 00:20"], "line placement in the shift; blood cultures are tests"),
    "antibiotics": (["Vancomycin", "Clindamycin"], ""),
    "new_medications": (["Clindamycin"], "single IV paracetamol and correction insulin excluded; metformin held, not stopped"),
    "admission_date": (["2185-05-15"], ["15/05/2185"], ""),
    "smoking": ("yes", ["Current smoker, about 20/day"], ""),
    "lines_tubes": (["20G cannula left antecubital fossa", "22G right hand"], ""),
}
ABSENT_NOTES["handover_01"] = {"chief_complaint": "shift handover (convention 8)", "stopped_medications": "metformin held, not stopped",
                               "chest_imaging": "CXR not done", "anticoagulation": "not mentioned"}

# ---------------------------------------------------------------- au_dc_01
NOTES["au_dc_01"] = ("discharge_summary", "Australian hospital discharge summary to the GP written as numbered paragraphs, dd/mm/yyyy dates, Hb in g/L, creatinine in umol/L, lettered discharge medication list")
QAS["au_dc_01"] = [
    ("Hb on arrival?", "Lab Reports", "num", ["71 g/L"], None),
    ("What was the lowest Hb?", "Lab Reports", "num", ["64 g/L"], None),
    ("What was the Hb on discharge?", "Lab Reports", "num", ["96 g/L"], None),
    ("What was the source of the bleeding?", "Diagnosis", "span", ["12 mm duodenal ulcer (Forrest IIa, visible vessel)", "12 mm duodenal ulcer"], None),
    ("Is he H. pylori positive?", "Lab Reports", "yn", ["Helicobacter pylori positive on CLO test"], "yes"),
    ("Were varices found on gastroscopy?", "Diagnosis", "yn", ["no varices"], "no"),
    ("Does he have a gastric malignancy?", "Diagnosis", "yn", ["Variceal bleeding and malignancy were excluded at gastroscopy", "biopsies of the gastric antrum benign"], "no"),
    ("Was IR embolisation performed?", "Procedure", "yn", ["was not required"], "no"),
    ("How many units of red cells were given?", "Procedure", "num", ["Three units of red cells", "Three"], None),
    ("What happened with his aspirin?", "Medication", "span", ["Aspirin withheld for 5 days on the advice of the cardiologist and restarted on 15/02/2190"], None),
    ("Which medication was ceased?", "Medication", "span", ["Ibuprofen ceased permanently", ("ibuprofen", "Ceased: ibuprofen")], None),
    ("Discharge dose of perindopril?", "Medication", "span", ["2.5 mg daily"], None),
    ("What antibiotics is he going home on?", "Medication", "list", ["Amoxicillin", "Clarithromycin"], None),
    ("Is he a smoker?", "Other", "yn", ["Ex-smoker, stopped 2184"], "no"),
    ("Glasgow-Blatchford score?", "Other", "num", [("13", "Glasgow-Blatchford score 13")], None),
    ("Length of stay?", "Other", "num", [("5 days", "Length of stay: 5 days")], None),
    ("Was a troponin checked?", "Lab Reports", "yn", ["Troponin not done"], "no"),
    ("What was his heart rate on arrival?", "Lab Reports", "num", [("118", "HR 118")], None),
    ("¿Cuándo está prevista la gastroscopia de control?", "Procedure", "span", [("in 8 weeks", "Repeat gastroscopy in 8 weeks")], None),
    ("Welche Medikamente erhält der Patient bei Entlassung?", "Medication", "list", ["Pantoprazole", "Amoxicillin", "Clarithromycin", "Aspirin 100 mg daily", "Atorvastatin", "Perindopril 2.5 mg daily", "Febuxostat", "Ferrous sulfate"], None),
    ("What was the lactate?", "Lab Reports", "num", [], None),
    ("Platelet count?", "Lab Reports", "num", [], None),
    ("Was a colonoscopy performed?", "Procedure", "yn", [], "not_mentioned"),
    ("Is he on a PPI?", "Medication", "yn", ["Pantoprazole 40 mg twice daily"], "yes"),
    ("What was the ferritin?", "Lab Reports", "num", [], None),
    ("What was the albumin?", "Lab Reports", "num", [], None),
    ("Was a CT angiogram performed?", "Procedure", "yn", [], "not_mentioned"),
    ("Date of the gastroscopy?", "Procedure", "date", [("10/02/2190", "Gastroscopy on 10/02/2190")], None),
]
CELLS["au_dc_01"] = {
    "chief_complaint": (["2 days of black, tarry stools and 1 episode of coffee-ground vomiting"], "presentation"),
    "principal_diagnosis": (["upper gastrointestinal bleed from a 12 mm duodenal ulcer (Forrest IIa, visible vessel), NSAID-associated, Helicobacter pylori positive on CLO test"], ""),
    "secondary_diagnoses": (["acute blood loss anaemia", ("ischaemic heart disease", "Secondary: acute blood loss anaemia; ischaemic heart disease; hypertension; gout"), ("hypertension", "Secondary: acute blood loss anaemia; ischaemic heart disease; hypertension; gout"), ("gout", "Secondary: acute blood loss anaemia; ischaemic heart disease; hypertension; gout")], ""),
    "past_medical_history": (["Ischaemic heart disease with a stent to the right coronary artery (2183)", ("hypertension", "(2183); hypertension; gout; osteoarthritis"), ("gout", "hypertension; gout; osteoarthritis"), "osteoarthritis of the right shoulder"], ""),
    "allergies": (["Allopurinol - severe rash (DRESS, 2185)"], ""),
    "presenting_symptoms": (["black, tarry stools", "coffee-ground vomiting", "light-headedness on standing"], ""),
    "symptom_duration": (["2 days", "2"], ["2 days"], ""),
    "chest_pain": ("no", ["No abdominal pain, no chest pain"], ""),
    "max_temperature": (["36.4", "36.4 C"], ["36.4"], "only temperature recorded"),
    "oxygen_saturation": (["98%", "98"], ["98% on room air"], ""),
    "heart_rate": (["118"], ["HR 118"], "arrival; 78 at discharge"),
    "blood_pressure": (["96/58"], "arrival; 128/74 at discharge"),
    "wbc": (["9.8"], ["9.8"], ""),
    "hemoglobin": (["71 g/L", "71", "7.1 g/dL"], ["71 g/L"], "arrival; nadir 64, discharge 96"),
    "creatinine": (["104 umol/L", "104"], ["104 umol/L"], ""),
    "potassium": (["4.6 mmol/L", "4.6"], ["4.6 mmol/L"], ""),
    "chest_imaging": (["no free air under the diaphragm, lungs clear"], ""),
    "procedures": (["Gastroscopy on 10/02/2190 with adrenaline injection and two haemoclips to the ulcer base; antral biopsies", "Three units of red cells transfused"], "embolisation discussed, not done"),
    "antibiotics": (["Amoxicillin", "Clarithromycin"], "H. pylori eradication"),
    "discharge_medications": (["Pantoprazole", "Amoxicillin", "Clarithromycin", "Aspirin 100 mg daily", "Atorvastatin", "Perindopril 2.5 mg daily", "Febuxostat", "Ferrous sulfate"], ""),
    "new_medications": (["Pantoprazole", "Amoxicillin", "Clarithromycin", "Ferrous sulfate"], "aspirin restarted and perindopril reduced are not new; IV pantoprazole inpatient"),
    "stopped_medications": ([("ibuprofen", "Ceased: ibuprofen")], ""),
    "admission_date": (["2190-02-10"], [("10/02/2190", 0)], ""),
    "discharge_date": (["2190-02-15"], [("15/02/2190", 0)], ""),
    "length_of_stay": (["5 days", "5"], [("5 days", "Length of stay: 5 days")], ""),
    "discharge_condition": (["Well, haemodynamically stable (HR 78, BP 128/74), no further melaena for 72 hours, mobilising independently"], ""),
    "discharge_disposition": (["Home with his wife"], ""),
    "smoking": ("no", ["Ex-smoker, stopped 2184"], ""),
    "follow_up": (["GP review in 1 week with FBC", "Repeat gastroscopy in 8 weeks to confirm ulcer healing", "Urea breath test at least 4 weeks after finishing eradication therapy and 2 weeks off PPI"], ""),
    "consolidation": ("no", ["lungs clear"], "ED chest X-ray"),
}
ABSENT_NOTES["au_dc_01"] = {"troponin": "'Troponin not done'", "admission_diagnosis": "not stated separately from the final diagnosis",
                            "surgery": "endoscopic therapy only", "anticoagulation": "aspirin only"}

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
                       "verdicts": {}, "non_english": 0, "cells": 0, "cells_answer": {}, "cells_absent": {}, "per_note": {}}
    for nid, (ntype, _) in NOTES.items():
        ctx = texts[nid]
        qas = []
        for n, (q, cat, at, specs, verdict) in enumerate(QAS[nid], 1):
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
            qas.append({"id": qid, "question": q, "answers": answers, "is_impossible": not answers,
                        "category": cat, "answer_type": at, "verdict": verdict})
            stats["questions"] += 1
            stats["unanswerable"] += (not answers)
            stats["by_type"].setdefault(at, [0, 0]); stats["by_type"][at][0] += 1; stats["by_type"][at][1] += (not answers)
            stats["by_category"][cat] = stats["by_category"].get(cat, 0) + 1
            if verdict: stats["verdicts"][verdict] = stats["verdicts"].get(verdict, 0) + 1
            if q.startswith("¿") or q.split()[0] in {"Czy", "Jaki", "Jaka", "Jakie", "Kiedy", "Ile", "Wie", "Welche", "Welches", "Wurde", "Wann"}:
                stats["non_english"] += 1
        data.append({"title": nid, "paragraphs": [{"document_id": nid, "note_type": ntype, "context": ctx, "qas": qas}]})
        unans = sum(1 for x in qas if x["is_impossible"])
        stats["per_note"][nid] = {"chars": len(ctx), "questions": len(qas), "unanswerable": unans, "answered_cells": {}}
    json.dump({"version": "v2.0", "data": data}, open(HERE / "dev2.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)

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
