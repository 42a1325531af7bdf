#!/usr/bin/env python3
"""Build dev4.json and cells.jsonl for clinical_dev4 from answer *texts* (standard library only).

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
# ---------------------------------------------------------------- ehr_paste_dc_01
NOTES["ehr_paste_dc_01"] = ("discharge_summary", "discharge summary pasted from an EHR print view: hard-wrapped lines, HTML remnants (&nbsp;, <br>, <b>, &gt;, &lt;), tab-separated lab table with 'MM/DD HH:MM' columns and a tab-separated discharge medication table with a Status column, '2186/07/14 23:40' timestamps, SI units")
QAS["ehr_paste_dc_01"] = [
    ("K on admission?", "Lab Reports", "num", ["5.6"], None),
    ("Lowest potassium during the stay?", "Lab Reports", "num", [("3.3", "all")], None),
    ("What was the potassium on the morning of discharge?", "Lab Reports", "num", ["4.2"], None),
    ("Venous pH on arrival?", "Lab Reports", "num", [("7.08", "all")], None),
    ("Bicarb at 07/15 12:00?", "Lab Reports", "num", [("17", "HCO3 (mmol/L)\t7\t11\t17")], None),
    ("What was the HCO3 at presentation?", "Lab Reports", "num", [("7", "HCO3 7,"), ("7", "(mmol/L)\t7\t")], None),
    ("When had the ketosis resolved?", "Lab Reports", "span", [("07/16 06:00", "Ketosis resolved by 07/16 06:00")], None),
    ("Beta-hydroxybutyrate on 07/15 at 04:00?", "Lab Reports", "num", ["3.9"], None),
    ("Peak creatinine?", "Lab Reports", "num", ["142"], None),
    ("What is his baseline creatinine?", "Lab Reports", "num", ["84"], None),
    ("Creat at d/c?", "Lab Reports", "num", [("81", "88\t81")], None),
    ("Glucose on arrival in mmol/L?", "Lab Reports", "num", [("11.8", "all")], None),
    ("Hb on 07/16?", "Lab Reports", "num", ["134"], None),
    ("WBC on admission?", "Lab Reports", "num", ["16.4"], None),
    ("Lowest phosphate and how was it treated?", "Medication", "span", ["Phosphate 0.42 treated with IV sodium glycerophosphate x1", "IV sodium glycerophosphate x1"], None),
    ("Why was empagliflozin stopped?", "Medication", "span", ["caused DKA", "Euglycemic diabetic ketoacidosis due to empagliflozin"], None),
    ("Can the empagliflozin be restarted after the acute illness?", "Medication", "yn", ["must not be restarted"], "no"),
    ("Which SGLT2 inhibitor was he on before admission?", "Medication", "span", [("empagliflozin", "all")], None),
    ("Was metformin continued throughout the admission?", "Medication", "yn", ["Metformin HELD"], "no"),
    ("When was lisinopril resumed?", "Medication", "date", [("07/17", "resumed 07/17")], None),
    ("For which dates was the lisinopril held?", "Medication", "span", ["07/14-07/16"], None),
    ("Basal insulin dose at discharge?", "Medication", "span", ["18 units SC at 21:00", "18 units"], None),
    ("Discharge meds?", "Medication", "list", ["insulin glargine", "insulin aspart", ("metformin", "metformin\t500 mg"), ("lisinopril", "lisinopril\t10 mg"), "atorvastatin", "febuxostat", "ondansetron"], None),
    ("Which drugs were new at discharge?", "Medication", "list", ["insulin glargine", "insulin aspart", "ondansetron"], None),
    ("Is he allergic to metformin?", "Medication", "yn", ["not an allergy"], "no"),
    ("What reaction did sulfamethoxazole cause?", "Medication", "span", ["blistering rash"], None),
    ("Did he receive antibiotics?", "Medication", "yn", ["no antibiotics given"], "no"),
    ("Was he febrile before admission?", "Symptoms", "yn", ["No fever at home"], "no"),
    ("Any CP?", "Symptoms", "yn", ["Denied chest pain"], "no"),
    ("Does he have pancreatitis?", "Diagnosis", "yn", ["pancreatitis ruled out"], "no"),
    ("Does the patient have coeliac disease?", "Diagnosis", "yn", ["no coeliac disease in Mr Lindqvist"], "no"),
    ("Which relatives have celiac disease?", "Other", "span", ["father and sister"], None),
    ("What virus was found in the stool?", "Lab Reports", "span", [("norovirus", "all"), "norovirus positive"], None),
    ("Was he transferred to HDU?", "Procedure", "yn", ["HDU transfer was considered on arrival but not needed"], "no"),
    ("Did the diabetes education session take place before discharge?", "Procedure", "yn", ["Diabetes education session booked for 07/18 was cancelled"], "no"),
    ("Does he smoke?", "Other", "yn", ["never smoker"], "no"),
    ("Respiratory rate in the ED?", "Lab Reports", "num", ["28"], None),
    ("Date of admission?", "Other", "date", ["2186/07/14"], None),
    ("What did the CXR show?", "Procedure", "span", ["lungs clear, no\nconsolidation or effusion, normal heart size", "lungs clear"], None),
    ("¿Qué medicamento se suspendió definitivamente y por qué?", "Medication", "span", ["empagliflozin\t25 mg PO daily\tSTOPPED - caused DKA", "Empagliflozin STOPPED"], None, "es"),
    ("What was the HbA1c?", "Lab Reports", "num", [], None),
    ("Troponin?", "Lab Reports", "num", [], None),
    ("Serum sodium on admission?", "Lab Reports", "num", [], None),
    ("What was his weight in kg?", "Lab Reports", "num", [], None),
    ("What was the lactate?", "Lab Reports", "num", [], None),
    ("What was the BP at discharge?", "Lab Reports", "span", [], None),
    ("Is he on anticoagulation?", "Medication", "yn", [], "not_mentioned"),
    ("Wie hoch war das Serum-Magnesium?", "Lab Reports", "num", [], None, "de"),
]
QAS["ehr_paste_dc_01"] += [
    ("Was metformin restarted before discharge?", "Medication", "yn", ["restarted 07/17 at the same dose"], "yes"),
    ("Did he have Kussmaul breathing?", "Symptoms", "yn", ["RR 28 (Kussmaul)"], "yes"),
    ("Is the SGLT2 inhibitor now flagged as contraindicated?", "Medication", "yn", ["SGLT2 inhibitor now flagged as contraindicated"], "yes"),
]
CELLS["ehr_paste_dc_01"] = {
    "chief_complaint": (["3 days of\nvomiting and watery diarrhea after a family barbecue, then 1 day of abdominal pain,\nrapid breathing and lethargy"], "no CC label; the presenting complaint"),
    "admission_diagnosis": (["Diabetic ketoacidosis with near-normal glucose, suspected\nSGLT2-inhibitor associated"], ""),
    "principal_diagnosis": (["Euglycemic diabetic ketoacidosis due to empagliflozin in the setting\nof poor oral intake (viral gastroenteritis)"], ""),
    "secondary_diagnoses": (["Acute kidney injury, prerenal, resolved", "norovirus gastroenteritis", ("hypophosphatemia", "hypophosphatemia<br>")], "as listed under 'Secondary Dx'"),
    "past_medical_history": (["Type 2 diabetes x 11 yrs", ("hypertension", "; hypertension;"), "hyperlipidemia", ("gout", "gout<br>")], ""),
    "allergies": (["Sulfamethoxazole (blistering rash)"], "metformin XR diarrhoea is explicitly an intolerance, not an allergy"),
    "presenting_symptoms": (["vomiting", "watery diarrhea", "abdominal pain", "rapid breathing", "lethargy"], ""),
    "symptom_duration": (["3 days", "3"], [("3 days", "with 3 days of")], "vomiting and diarrhoea for 3 days, then 1 day of pain and rapid breathing"),
    "fever": ("no", ["No fever at home"], "T 37.4 C in the ED"),
    "chest_pain": ("no", ["Denied chest pain"], ""),
    "max_temperature": (["37.4 C", "37.4"], ["37.4 C"], "only temperature recorded"),
    "oxygen_saturation": (["98%", "98"], ["SpO2 98% RA"], ""),
    "heart_rate": (["118"], ["HR 118"], ""),
    "blood_pressure": (["104/62"], ""),
    "wbc": (["16.4", "16.4 x10^9/L"], ["16.4"], "earliest; 9.8 on 07/16, 7.2 on 07/18"),
    "hemoglobin": (["158 g/L", "158", "15.8 g/dL"], ["158"], "earliest; 134 on 07/16, 131 on 07/18"),
    "creatinine": (["142 umol/L", "142"], ["142"], "earliest (and peak); 81 on 07/18; baseline 84"),
    "potassium": (["5.6 mmol/L", "5.6"], ["5.6"], "earliest; nadir 3.3 on 07/15, 4.2 on 07/18"),
    "chest_imaging": (["lungs clear, no\nconsolidation or effusion, normal heart size"], ""),
    "discharge_medications": (["insulin glargine", "insulin aspart", ("metformin", "metformin\t500 mg"), ("lisinopril", "lisinopril\t10 mg"), "atorvastatin", "febuxostat", "ondansetron"], "empagliflozin is on the table but STOPPED"),
    "new_medications": (["insulin glargine", "insulin aspart", "ondansetron"], "marked NEW; IV insulin, dextrose, KCl and glycerophosphate were inpatient-only; metformin and lisinopril were held and resumed"),
    "stopped_medications": ([("empagliflozin", "empagliflozin\t25 mg")], "stopped on admission and not to be restarted"),
    "admission_date": (["2186-07-14"], ["2186/07/14"], ""),
    "discharge_date": (["2186-07-18"], [("2186/07/18", "Discharge:</b> 2186/07/18")], ""),
    "length_of_stay": (["4 days", "4"], ["2186/07/14", ("2186/07/18", "Discharge:</b> 2186/07/18")], "derived from the two dates"),
    "discharge_condition": (["stable, eating and drinking, ketones &lt;0.6"], ""),
    "discharge_disposition": (["home with wife"], ""),
    "smoking": ("no", ["never smoker"], ""),
    "follow_up": (["Diabetes nurse phone call 07/19", "Endocrine clinic in 2 weeks\n(Dr Okonkwo-Hale)", "GP renal panel in 1 week"], ""),
    "consolidation": ("no", ["no\nconsolidation"], "CXR quoted in the presentation"),
    "pleural_effusion": ("no", ["no\nconsolidation or effusion"], ""),
    "cardiomegaly": ("no", ["normal heart size"], ""),
}
ABSENT_NOTES["ehr_paste_dc_01"] = {
    "troponin": "not measured",
    "procedures": "IV insulin infusion, fluids and electrolyte replacement are treatments; HDU transfer not needed; CXR is imaging",
    "surgery": "none",
    "antibiotics": "'no antibiotics given'",
    "anticoagulation": "not mentioned",
    "pneumothorax": "not mentioned in the CXR result",
}
# ---------------------------------------------------------------- terse_dc_01
NOTES["terse_dc_01"] = ("discharge_summary", "telegraphic junior-doctor discharge summary in bullet fragments, abbreviations throughout (PC/HPC/O/E/PR/GBS/NBVV/CLO/BD/ON/QDS, x2/7, x3/52), Roman-numeral month dates ('3.ii.2183'), Hb trend on one arrow line, numbered discharge list tagged NEW/restarted/unchanged")
QAS["terse_dc_01"] = [
    ("Hb on adm?", "Lab Reports", "num", ["71"], None),
    ("Nadir Hb before transfusion?", "Lab Reports", "num", ["64"], None),
    ("What was the haemoglobin at discharge?", "Lab Reports", "num", ["91"], None),
    ("Hb after the transfusion?", "Lab Reports", "num", ["88"], None),
    ("How many units of red cells did he get?", "Procedure", "num", [("2u", "all")], None),
    ("When was he transfused?", "Procedure", "date", [("4.ii", "2u PRBC 4.ii")], None),
    ("Urea on admission?", "Lab Reports", "num", ["17.9"], None),
    ("Cr at d/c?", "Lab Reports", "num", ["76"], None),
    ("K on admit?", "Lab Reports", "num", ["4.6"], None),
    ("INR?", "Lab Reports", "num", ["1.3"], None),
    ("Plt count?", "Lab Reports", "num", ["244"], None),
    ("What was the Glasgow-Blatchford score?", "Lab Reports", "num", [("14", "GBS 14")], None),
    ("First BP in ED?", "Lab Reports", "span", ["92/54"], None),
    ("BP after the fluid bolus?", "Lab Reports", "span", ["108/66"], None),
    ("HR on arrival?", "Lab Reports", "num", ["112"], None),
    ("Was a troponin checked?", "Lab Reports", "yn", ["Trop: not sent"], "no"),
    ("What did the OGD show?", "Procedure", "span", ["14 mm D1 ulcer, Forrest IIa (NBVV)", "14 mm D1 ulcer"], None),
    ("How was the ulcer treated at endoscopy?", "Procedure", "span", ["Adrenaline 1:10,000 10 mL inj + 2x haemoclips"], None),
    ("Were varices seen?", "Diagnosis", "yn", ["No varices"], "no"),
    ("Does he have gastric cancer?", "Diagnosis", "yn", ["malignancy not seen"], "no"),
    ("Which relative had gastric ca?", "Other", "span", ["bro"], None),
    ("Was H. pylori present?", "Lab Reports", "yn", ["CLO +ve", "H. pylori infection"], "yes"),
    ("Is he on apixaban at discharge?", "Medication", "yn", ["apixaban 5 mg BD - restarted"], "yes"),
    ("When was apixaban restarted?", "Medication", "date", ["6.ii"], None),
    ("When was the last apixaban dose before admission?", "Medication", "span", ["2.ii pm"], None),
    ("Why was naproxen stopped?", "Medication", "span", ["cause of bleed"], None),
    ("What was the pantoprazole infusion rate?", "Medication", "span", ["8 mg/h"], None),
    ("Which abx is he taking home?", "Medication", "list", ["amoxicillin 1 g BD until 18.ii", "clarithromycin 500 mg BD until 18.ii"], None),
    ("Until when are the eradication antibiotics given?", "Medication", "date", [("18.ii", "all")], None),
    ("Meds on discharge?", "Medication", "list", ["omeprazole 40 mg BD x8/52 then 20 mg OD", "amoxicillin 1 g BD until 18.ii", "clarithromycin 500 mg BD until 18.ii", "ferrous fumarate 210 mg BD x3/12", "apixaban 5 mg BD", "bisoprolol 2.5 mg OD", "rosuvastatin 10 mg ON", "tamsulosin 400 mcg ON", "paracetamol 1 g QDS PRN knee pain"], None),
    ("Omeprazole dose after 8 weeks?", "Medication", "span", ["20 mg OD"], None),
    ("Does he smoke?", "Other", "yn", ["ex-smoker, stopped 20 yrs ago"], "no"),
    ("Pack-years?", "Other", "num", ["30 pk-yr", "30"], None),
    ("Did he have an AKI?", "Diagnosis", "yn", ["AKI? No"], "no"),
    ("Is he allergic to codeine?", "Medication", "yn", ["intolerance, NOT allergy"], "no"),
    ("Has the repeat OGD been done?", "Procedure", "yn", ["NOT yet done"], "no"),
    ("Was a CT angiogram performed?", "Procedure", "yn", ["CT angio only if rebleed - not needed"], "no"),
    ("Any haematemesis?", "Symptoms", "yn", ["no haematemesis"], "no"),
    ("CHA2DS2-VASc?", "Diagnosis", "num", [("4", "CHA2DS2-VASc 4")], None),
    ("Presenting complaint?", "Symptoms", "span", ["melaena x2/7, presyncope today"], None),
    ("Date of admission?", "Other", "date", ["3.ii.2183"], None),
    ("Jakie leki odstawiono na stałe?", "Medication", "span", [("naproxen", "all")], None, "pl"),
    ("Quel est le résultat du test CLO ?", "Lab Reports", "span", ["CLO +ve", "+ve"], None, "fr"),
    ("What was the lactate?", "Lab Reports", "num", [], None),
    ("Albumin?", "Lab Reports", "num", [], None),
    ("Troponin value?", "Lab Reports", "num", [], None),
    ("On what date is the repeat OGD booked?", "Procedure", "date", [], None),
    ("MCV?", "Lab Reports", "num", [], None),
    ("Ferritin?", "Lab Reports", "num", [], None),
    ("What was his weight?", "Lab Reports", "num", [], None),
    ("How long was he on a PPI before admission?", "Medication", "num", [], None),
]
QAS["terse_dc_01"] += [
    ("Was he transfused?", "Procedure", "yn", ["2u PRBC 4.ii"], "yes"),
    ("Melaena on PR?", "Symptoms", "yn", ["PR: melaena"], "yes"),
]
QAS["terse_dc_01"] += [
    ("Which PPI is he going home on?", "Medication", "span", ["omeprazole 40 mg BD x8/52 then 20 mg OD", ("omeprazole", "1) omeprazole")], None),
    ("Which beta-blocker does he take?", "Medication", "span", ["bisoprolol 2.5 mg OD", "bisoprolol"], None),
]
CELLS["terse_dc_01"] = {
    "chief_complaint": (["melaena x2/7, presyncope today"], "from 'PC'"),
    "principal_diagnosis": (["UGIB 2' D1 ulcer (NSAID + H. pylori), Forrest IIa, endoscopically treated"], ""),
    "secondary_diagnoses": (["Acute blood loss anaemia - transfused", "H. pylori infection"], "AKI explicitly negated"),
    "past_medical_history": (["AF (CHA2DS2-VASc 4)", "HTN", "T2DM (diet)", ("OA knees", "OA knees, BPH"), "BPH"], "TURP is past surgical history; brother's gastric cancer is family history"),
    "presenting_symptoms": ([("melaena", "PC: melaena"), "presyncope", "mild epigastric discomfort", "near-collapse on standing"], ""),
    "symptom_duration": (["2 days", "2"], ["x2/7"], "melaena for 2 days"),
    "chest_pain": ("no", ["no CP"], ""),
    "max_temperature": (["36.6 C", "36.6"], ["36.6"], "only temperature recorded"),
    "oxygen_saturation": (["96%", "96"], ["SpO2 96% RA"], ""),
    "heart_rate": (["112"], ["112"], ""),
    "blood_pressure": (["92/54"], "earliest; 108/66 after 1 L Hartmann's"),
    "wbc": (["11.2"], ["11.2"], ""),
    "hemoglobin": (["71 g/L", "71", "7.1 g/dL"], ["71"], "earliest; nadir 64 on 4.ii, 88 post-transfusion, 91 at discharge"),
    "creatinine": (["98 umol/L", "98"], [("98", "Cr 98")], "earliest; 76 at discharge"),
    "potassium": (["4.6"], ["4.6"], "earliest; 4.1 at discharge"),
    "procedures": (["OGD 4.ii", "Adrenaline 1:10,000 10 mL inj + 2x haemoclips", "2u PRBC 4.ii"], "endoscopy with endoscopic haemostasis, and transfusion"),
    "antibiotics": ([("amoxicillin", "amoxicillin 1 g BD"), ("clarithromycin", "clarithromycin 500 mg BD")], "H. pylori eradication"),
    "discharge_medications": (["omeprazole 40 mg BD x8/52 then 20 mg OD", "amoxicillin 1 g BD until 18.ii", "clarithromycin 500 mg BD until 18.ii", "ferrous fumarate 210 mg BD x3/12", "apixaban 5 mg BD", "bisoprolol 2.5 mg OD", "rosuvastatin 10 mg ON", "tamsulosin 400 mcg ON", "paracetamol 1 g QDS PRN knee pain"], ""),
    "anticoagulation": ("yes", ["apixaban 5 mg BD - restarted"], "apixaban held on admission and restarted 6.ii; on it at discharge"),
    "new_medications": (["omeprazole 40 mg BD x8/52 then 20 mg OD", "amoxicillin 1 g BD until 18.ii", "clarithromycin 500 mg BD until 18.ii", "ferrous fumarate 210 mg BD x3/12", "paracetamol 1 g QDS PRN knee pain"], "the items marked NEW; IV pantoprazole was inpatient-only; apixaban was held and restarted"),
    "stopped_medications": ([("naproxen", "STOPPED: naproxen")], "OTC naproxen, cause of the bleed"),
    "admission_date": (["2183-02-03"], ["3.ii.2183"], "Roman-numeral month"),
    "discharge_date": (["2183-02-07"], ["7.ii.2183"], ""),
    "length_of_stay": (["4 days", "4"], ["3.ii.2183", "7.ii.2183"], "derived from the two dates"),
    "discharge_condition": (["well, mobilising indep, no melaena x72h"], ""),
    "discharge_disposition": (["own home w/ wife"], ""),
    "smoking": ("no", ["ex-smoker, stopped 20 yrs ago"], "former smoker, 30 pack-years"),
    "follow_up": (["repeat OGD ~8/52 to confirm healing + re-biopsy", "GP: FBC in 1/52", "urea breath test >=4/52 after eradication Rx"], ""),
}
ABSENT_NOTES["terse_dc_01"] = {
    "admission_diagnosis": "no separate admitting diagnosis",
    "allergies": "'NKDA'; codeine is an intolerance, 'NOT allergy'",
    "fever": "only T 36.6 recorded; fever not stated",
    "troponin": "'Trop: not sent'",
    "chest_imaging": "no chest x-ray reported",
    "surgery": "endoscopic haemostasis is a procedure, not surgery; TURP 2181 is past surgical history",
}
# ---------------------------------------------------------------- virtual_ward_dc_01
NOTES["virtual_ward_dc_01"] = ("discharge_summary", "hospital-at-home (respiratory virtual ward) step-down discharge summary in plain CAPS-headed sections ('WHY HE CAME...', 'WHAT WE DID', 'WHAT WE MONITORED'), one-line-per-day home oximeter readings with NEWS2, bloods as arrow trends, dd-mm-yyyy dates and bare dd-mm day references")
QAS["virtual_ward_dc_01"] = [
    ("SpO2 in ED?", "Lab Reports", "num", ["93% on air"], None),
    ("Lowest home SpO2?", "Lab Reports", "num", [("92%", "SpO2 92%")], None),
    ("On which day was the home saturation lowest?", "Lab Reports", "span", ["Day 2 (10-10)"], None),
    ("Tmax on the virtual ward?", "Lab Reports", "num", ["38.9"], None),
    ("What was his temperature on day 3?", "Lab Reports", "num", ["37.8"], None),
    ("Pulse on day 5?", "Lab Reports", "num", ["78"], None),
    ("What was the CRP on 11-10?", "Lab Reports", "num", ["147"], None),
    ("Most recent CRP?", "Lab Reports", "num", ["39 mg/L", "39"], None),
    ("WCC at presentation?", "Lab Reports", "num", ["17.9"], None),
    ("Peak creatinine?", "Lab Reports", "num", ["131"], None),
    ("What is his baseline creatinine?", "Lab Reports", "num", [("90", "baseline 90")], None),
    ("K on 14-10?", "Lab Reports", "num", ["4.7"], None),
    ("What was the haemoglobin?", "Lab Reports", "num", ["141 g/L", "141"], None),
    ("CURB-65?", "Lab Reports", "num", [("1", "CURB-65 score 1")], None),
    ("NEWS2 on day 3?", "Lab Reports", "num", [("3", "NEWS2 3")], None),
    ("Which IV antibiotic was given at home?", "Medication", "span", ["IV ceftriaxone 2 g once daily", "ceftriaxone"], None),
    ("What was the oral step-down?", "Medication", "span", ["oral amoxicillin 1 g three times a day"], None),
    ("Why was doxycycline stopped?", "Medication", "span", ["the Legionella and pneumococcal urine antigens were negative"], None),
    ("Why was clarithromycin avoided?", "Medication", "span", ["Clarithromycin gave him vomiting in the past", "gave him vomiting in the past"], None),
    ("Is he allergic to clarithromycin?", "Medication", "yn", ["this is an intolerance, not an allergy"], "no"),
    ("What is he allergic to?", "Medication", "span", ["latex - contact dermatitis", "latex"], None),
    ("Why was perindopril held?", "Medication", "span", ["because of acute kidney injury"], None),
    ("When was the perindopril restarted?", "Medication", "date", [("13-10", "restarted on 13-10")], None),
    ("Which tetracycline did he receive?", "Medication", "span", ["Oral doxycycline", "doxycycline"], None),
    ("List the antibiotics he was treated with.", "Medication", "list", ["ceftriaxone", ("amoxicillin", "oral amoxicillin"), "doxycycline"], None),
    ("When does the amoxicillin course end?", "Medication", "date", ["16-10-2187"], None),
    ("Discharge medications?", "Medication", "list", ["amoxicillin 1 g three times daily until 16-10-2187", "perindopril 4 mg once daily", "amlodipine 5 mg once daily", "atorvastatin 20 mg at night", "omeprazole 20 mg once daily", "paracetamol 1 g four times daily when needed"], None),
    ("Is he a smoker?", "Other", "yn", ["current smoker, 10 cigarettes a day"], "yes"),
    ("Did he accept NRT?", "Medication", "yn", ["declined nicotine replacement"], "no"),
    ("Does he have COPD?", "Diagnosis", "yn", ["No COPD"], "no"),
    ("Who in the family had COPD?", "Other", "span", ["his mother"], None),
    ("Was a face-to-face hospital review needed?", "Procedure", "yn", ["it was never triggered"], "no"),
    ("Has the follow-up chest X-ray been done?", "Procedure", "yn", ["not yet done"], "no"),
    ("Pleural effusion on the CXR?", "Diagnosis", "yn", ["no effusion"], "no"),
    ("What line did he have for the IV antibiotics?", "Procedure", "span", ["Midline cannula"], None),
    ("When was the midline removed?", "Procedure", "date", ["12-10-2187"], None),
    ("How long was he on the virtual ward?", "Other", "num", ["6 days"], None),
    ("How many days of symptoms before he presented?", "Symptoms", "num", ["4 days"], None),
    ("Wie hoch war die Temperatur in der Notaufnahme?", "Lab Reports", "num", ["38.6"], None, "de"),
    ("Blood culture result?", "Lab Reports", "span", [], None),
    ("Procalcitonin?", "Lab Reports", "num", [], None),
    ("Resp rate on day 4?", "Lab Reports", "num", [], None),
    ("BP at discharge?", "Lab Reports", "span", [], None),
    ("What was the lactate?", "Lab Reports", "num", [], None),
    ("Sputum culture result?", "Lab Reports", "span", [], None),
    ("Is he anticoagulated?", "Medication", "yn", [], "not_mentioned"),
    ("HbA1c?", "Lab Reports", "num", [], None),
]
QAS["virtual_ward_dc_01"] += [
    ("Was perindopril restarted?", "Medication", "yn", ["restarted on 13-10 once creatinine was back to baseline"], "yes"),
    ("Did he have a fever?", "Symptoms", "yn", [("fever", "cough, fever"), "38.6"], "yes"),
    ("Were the Legionella and pneumococcal urine antigens negative?", "Lab Reports", "yn", ["the Legionella and pneumococcal urine antigens were negative"], "yes"),
]
QAS["virtual_ward_dc_01"] += [
    ("Which statin is he on?", "Medication", "span", ["atorvastatin 20 mg at night", "atorvastatin"], None),
    ("Which ACE inhibitor was held?", "Medication", "span", ["Perindopril"], None),
]
CELLS["virtual_ward_dc_01"] = {
    "chief_complaint": (["4 days of productive cough, fever, rigors and right-sided pleuritic pain"], "no CC label; the complaint he presented to ED with"),
    "admission_diagnosis": (["community-acquired pneumonia, right middle lobe"], "'Working diagnosis on arrival'"),
    "principal_diagnosis": (["right middle lobe community-acquired pneumonia"], ""),
    "secondary_diagnoses": (["acute kidney injury (resolved)"], ""),
    "past_medical_history": (["hypertension", "GORD", "type 2 diabetes (diet-controlled)", "osteoarthritis of the right hip"], "COPD explicitly negated (mother's COPD is family history)"),
    "allergies": (["latex - contact dermatitis"], "clarithromycin vomiting is stated to be an intolerance, not an allergy"),
    "presenting_symptoms": (["productive cough", ("fever", "cough, fever"), "rigors", "right-sided pleuritic pain"], ""),
    "symptom_duration": (["4 days", "4"], ["4 days"], ""),
    "fever": ("yes", [("fever", "cough, fever"), "38.6"], ""),
    "chest_pain": ("yes", ["right-sided pleuritic pain"], "pleuritic chest pain"),
    "max_temperature": (["38.9 C", "38.9"], ["38.9"], "highest (day 2); 38.6 in ED"),
    "oxygen_saturation": (["93%", "93"], ["93% on air"], "earliest (ED); nadir 92% on day 2, 97% at discharge"),
    "heart_rate": (["104"], ["pulse 104"], "earliest (ED); 102 on day 1"),
    "blood_pressure": (["132/80"], "only BP recorded"),
    "wbc": (["17.9"], ["17.9"], "earliest; 11.0 then 8.1"),
    "hemoglobin": (["141 g/L", "141", "14.1 g/dL"], ["141 g/L"], ""),
    "creatinine": (["131 umol/L", "131"], ["131"], "earliest; 104 then 92, baseline 90"),
    "potassium": (["4.4"], ["4.4"], "earliest; 4.7 on 14-10"),
    "chest_imaging": (["right middle lobe consolidation, no effusion, no pneumothorax, heart not enlarged"], ""),
    "procedures": (["Midline cannula inserted in ED (left arm)"], "line placement counts as a procedure"),
    "antibiotics": (["ceftriaxone", ("amoxicillin", "oral amoxicillin"), "doxycycline"], ""),
    "discharge_medications": (["amoxicillin 1 g three times daily until 16-10-2187", "perindopril 4 mg once daily", "amlodipine 5 mg once daily", "atorvastatin 20 mg at night", "omeprazole 20 mg once daily", "paracetamol 1 g four times daily when needed"], ""),
    "new_medications": (["amoxicillin 1 g three times daily until 16-10-2187"], "started for the pneumonia; ceftriaxone and doxycycline were given and stopped during the stay; perindopril held and restarted; the list does not mark paracetamol as new"),
    "admission_date": (["2187-10-09"], [("09-10-2187", "all")], "virtual-ward admission from ED on the same day"),
    "discharge_date": (["2187-10-15"], ["15-10-2187"], ""),
    "length_of_stay": (["6 days", "6"], ["6 days"], "hospital-at-home stay counted as the admission (stated '6 days')"),
    "discharge_condition": (["afebrile for 72 hours, walking to the shops without breathlessness, SpO2 97% on air"], ""),
    "discharge_disposition": (["stays at home; discharged from virtual ward care back to his GP"], ""),
    "smoking": ("yes", ["current smoker, 10 cigarettes a day"], ""),
    "follow_up": (["GP review and repeat bloods in 1 week", "Repeat chest X-ray in 6 weeks to confirm resolution", "Stop-smoking service will phone him"], ""),
    "consolidation": ("yes", ["right middle lobe consolidation"], "from the ED chest X-ray"),
    "pleural_effusion": ("no", ["no effusion"], ""),
    "pneumothorax": ("no", ["no pneumothorax"], ""),
    "cardiomegaly": ("no", ["heart not enlarged"], ""),
}
ABSENT_NOTES["virtual_ward_dc_01"] = {
    "troponin": "not measured",
    "surgery": "none",
    "anticoagulation": "not mentioned",
    "stopped_medications": "no pre-admission medicine stopped; perindopril held and restarted; ceftriaxone and doxycycline were started and stopped during the stay",
    "lines_tubes": "the midline was removed on 12-10-2187; nothing in place at discharge",
}
# ---------------------------------------------------------------- psych_dc_01
NOTES["psych_dc_01"] = ("discharge_summary", "UK acute psychiatric inpatient discharge summary: aligned header fields, Mental Health Act legal status, sentence-case section titles without colons, ICD-10 code, drug levels in running prose, 'Mental state at discharge' paragraph, US-style 'March 3rd, 2184' dates, dash medication list tagged NEW/unchanged")
QAS["psych_dc_01"] = [
    ("Most recent lithium level?", "Lab Reports", "num", ["0.81"], None),
    ("Lithium level on March 14th?", "Lab Reports", "num", ["0.38 mmol/L", "0.38"], None),
    ("Li level on 20/3?", "Lab Reports", "num", ["0.66"], None),
    ("How long after the dose were the levels taken?", "Lab Reports", "span", ["12 hours post dose"], None),
    ("When was lithium started?", "Medication", "date", [("March 10th", "started on March 10th")], None),
    ("Discharge dose of lithium?", "Medication", "span", ["800 mg at night"], None),
    ("On what date was the lithium increased to 800 mg?", "Medication", "date", ["March 15th"], None),
    ("What was the QTc?", "Lab Reports", "num", ["QTc 428 ms", "428 ms"], None),
    ("Baseline creatinine?", "Lab Reports", "num", ["71 umol/L", "71"], None),
    ("Latest creatinine?", "Lab Reports", "num", ["74"], None),
    ("TSH?", "Lab Reports", "num", ["1.6"], None),
    ("Highest olanzapine dose used?", "Medication", "span", ["15 mg"], None),
    ("Why was olanzapine reduced?", "Medication", "span", ["because of sedation and 4 kg weight gain", "sedation and 4 kg weight gain"], None),
    ("Why was sertraline stopped?", "Medication", "span", ["because antidepressants can drive manic switching", "risk of switch to mania"], None),
    ("Who had started the sertraline?", "Medication", "span", ["his GP"], None),
    ("What reaction did haloperidol cause?", "Medication", "span", ["acute dystonic reaction (oculogyric crisis)", "acute dystonic reaction"], None),
    ("Does he have schizophrenia?", "Diagnosis", "yn", ["Schizophrenia was considered but is not supported"], "no"),
    ("Which relative has schizophrenia?", "Other", "span", ["maternal uncle"], None),
    ("Is there a family history of bipolar disorder?", "Other", "yn", ["No family history of bipolar disorder"], "no"),
    ("Did he have ECT?", "Procedure", "yn", ["Electroconvulsive therapy was discussed at the March 10th ward round but was not needed", "was not needed"], "no"),
    ("Does he smoke?", "Other", "yn", ["smokes 20 cigarettes a day"], "yes"),
    ("What did the urine drug screen show?", "Lab Reports", "span", ["positive for cannabinoids only"], None),
    ("Legal status on admission?", "Other", "span", ["Section 2 MHA", "admitted under Section 2 MHA"], None),
    ("When was he regraded to informal?", "Other", "date", ["March 17th, 2184"], None),
    ("Pulse on admission?", "Lab Reports", "num", ["108"], None),
    ("BP on March 26th?", "Lab Reports", "span", ["126/78"], None),
    ("What was his temperature on admission?", "Lab Reports", "num", ["36.9"], None),
    ("Meds on discharge?", "Medication", "list", ["Lithium carbonate MR (Priadel) 800 mg at night", "Olanzapine 10 mg at night", "Nicotine patch 21 mg/24 h daily", "Nicotine inhalator as needed", "Salbutamol inhaler 100 micrograms as needed", "Cetirizine 10 mg daily"], None),
    ("Which drugs were stopped during the admission?", "Medication", "list", ["sertraline 100 mg daily", "Zopiclone 7.5 mg"], None),
    ("Which antipsychotic is he going home on?", "Medication", "span", ["Olanzapine 10 mg at night"], None),
    ("How much weight did he put on?", "Lab Reports", "num", ["4 kg"], None),
    ("Any suicidal thoughts at discharge?", "Symptoms", "yn", ["No thoughts of self-harm or suicide"], "no"),
    ("Risk assessment at discharge?", "Other", "span", ["Risk to self and others assessed as low"], None),
    ("When is the next lithium level due?", "Lab Reports", "date", ["April 2nd, 2184"], None),
    ("How many days without sleep before admission?", "Symptoms", "num", ["four days"], None),
    ("Result of the CT head?", "Procedure", "span", ["CT head normal"], None),
    ("Was rapid tranquillisation needed after the first 48 h?", "Medication", "yn", ["No seclusion or rapid tranquillisation after the first 48 hours"], "no"),
    ("Z kim mieszka pacjent?", "Other", "span", ["his partner"], None, "pl"),
    ("Quel est le diagnostic principal ?", "Diagnosis", "span", ["Bipolar affective disorder, current episode manic with psychotic symptoms (F31.2)"], None, "fr"),
    ("Weight at discharge?", "Lab Reports", "num", [], None),
    ("HbA1c?", "Lab Reports", "num", [], None),
    ("Lithium level on March 24th?", "Lab Reports", "num", [], None),
    ("What was the prolactin?", "Lab Reports", "num", [], None),
    ("SpO2 on admission?", "Lab Reports", "num", [], None),
    ("What was the calcium result?", "Lab Reports", "num", [], None),
    ("Sodium?", "Lab Reports", "num", [], None),
    ("Was clozapine tried?", "Medication", "yn", [], "not_mentioned"),
    ("Cholesterol?", "Lab Reports", "num", [], None),
]
QAS["psych_dc_01"] += [
    ("Was he detained under the Mental Health Act?", "Other", "yn", ["admitted under Section 2 MHA"], "yes"),
    ("Were nicotine patches started?", "Medication", "yn", ["nicotine patches started on the ward"], "yes"),
]
CELLS["psych_dc_01"] = {
    "chief_complaint": (["four days without sleep, pressured speech, overspending (about 3,000 pounds on his credit card), and the belief that he had been chosen to broker world peace"], "from 'Reason for admission'"),
    "principal_diagnosis": (["Bipolar affective disorder, current episode manic with psychotic symptoms (F31.2)"], ""),
    "secondary_diagnoses": (["Harmful use of cannabis"], "schizophrenia considered and not supported"),
    "past_medical_history": (["one depressive episode at 27 (no admission)", "asthma in childhood"], ""),
    "allergies": (["haloperidol - acute dystonic reaction (oculogyric crisis)"], "listed under 'Allergies / ADRs'"),
    "presenting_symptoms": (["four days without sleep", "pressured speech", "overspending", "the belief that he had been chosen to broker world peace"], ""),
    "symptom_duration": (["4 days", "4"], ["four days"], "four days without sleep"),
    "max_temperature": (["36.9 C", "36.9"], ["36.9"], "only temperature recorded"),
    "heart_rate": (["108"], ["pulse 108"], "earliest; 76 on March 26th"),
    "blood_pressure": (["144/90"], "earliest; 126/78 on March 26th"),
    "creatinine": (["71 umol/L", "71"], ["71 umol/L"], "baseline; 74 on March 26th"),
    "discharge_medications": (["Lithium carbonate MR (Priadel) 800 mg at night", "Olanzapine 10 mg at night", "Nicotine patch 21 mg/24 h daily", "Nicotine inhalator as needed", "Salbutamol inhaler 100 micrograms as needed", "Cetirizine 10 mg daily"], ""),
    "new_medications": (["Lithium carbonate MR (Priadel) 800 mg at night", "Olanzapine 10 mg at night", "Nicotine patch 21 mg/24 h daily", "Nicotine inhalator as needed"], "marked NEW; zopiclone was inpatient-only"),
    "stopped_medications": (["sertraline 100 mg daily"], "zopiclone was started and stopped on the ward (inpatient-only)"),
    "admission_date": (["2184-03-03"], ["March 3rd, 2184"], ""),
    "discharge_date": (["2184-03-27"], ["March 27th, 2184"], ""),
    "length_of_stay": (["24 days", "24"], ["March 3rd, 2184", "March 27th, 2184"], "derived from the two dates"),
    "discharge_condition": (["Euthymic, sleeping seven hours, speech of normal rate, no grandiose or persecutory beliefs, good insight into the need for lithium"], "mental state at discharge"),
    "discharge_disposition": (["home to his flat, which he shares with his partner"], ""),
    "smoking": ("yes", ["smokes 20 cigarettes a day"], ""),
    "follow_up": (["Home Treatment Team visits daily for the first week", "Lithium level, U&E and TFT at the GP surgery on April 2nd, 2184", "Outpatient review with Dr Sorensen-Achebe in 4 weeks", "CPN Jonah Pike weekly"], ""),
}
ABSENT_NOTES["psych_dc_01"] = {
    "admission_diagnosis": "no admitting diagnosis stated",
    "fever": "only a normal temperature recorded",
    "chest_pain": "not mentioned",
    "oxygen_saturation": "not recorded",
    "wbc": "not reported", "hemoglobin": "not reported", "potassium": "not reported", "troponin": "not measured",
    "chest_imaging": "no chest x-ray",
    "procedures": "ECT discussed but not needed; CT head and ECG are investigations",
    "surgery": "none", "antibiotics": "none", "anticoagulation": "not mentioned",
}
# ---------------------------------------------------------------- patient_letter_dc_01
NOTES["patient_letter_dc_01"] = ("discharge_summary", "plain-language discharge letter addressed to the patient in the second person (copy to GP), question-style headings ('Why you came in', 'What we found'), lay terms with the medical term in brackets, vitals and results inside sentences, 'Monday August 11th 2188' dates, STOP/NEW/'Carry on with' medicine bullets")
QAS["patient_letter_dc_01"] = [
    ("SpO2 on arrival?", "Lab Reports", "num", ["91%"], None),
    ("What were her sats at discharge?", "Lab Reports", "num", ["97%"], None),
    ("HR on arrival?", "Lab Reports", "num", ["116"], None),
    ("Pulse at discharge?", "Lab Reports", "num", ["82"], None),
    ("BP on admission?", "Lab Reports", "span", ["124/78"], None),
    ("Temperature on arrival?", "Lab Reports", "num", ["37.2"], None),
    ("D-dimer?", "Lab Reports", "num", ["2.4 mg/L", "2.4"], None),
    ("Trop?", "Lab Reports", "num", ["9 ng/L", "9"], None),
    ("Hb?", "Lab Reports", "num", ["128 g/L", "128"], None),
    ("What was the creatinine?", "Lab Reports", "num", ["64"], None),
    ("Potassium?", "Lab Reports", "num", ["4.0"], None),
    ("What did the CTPA show?", "Procedure", "span", ["blood clots in the arteries of the lower part of your right lung (pulmonary embolism)", "pulmonary embolism"], None),
    ("Was there right heart strain?", "Diagnosis", "yn", ["showed no strain on your heart"], "no"),
    ("What did the chest X-ray show?", "Procedure", "span", ["did not show a chest infection or a collapsed lung, only a small amount of fluid at the bottom of the right lung"], None),
    ("Was there a pleural effusion on the chest film?", "Diagnosis", "yn", ["a small amount of fluid at the bottom of the right lung"], "yes"),
    ("Was a leg ultrasound done?", "Procedure", "yn", ["You did not need an ultrasound scan of your legs"], "no"),
    ("Was thrombophilia testing sent?", "Lab Reports", "yn", ["We did not test for inherited clotting problems (thrombophilia)"], "no"),
    ("Any family history of VTE?", "Other", "yn", ["Nobody in your family has had clots"], "no"),
    ("Does she have bowel cancer?", "Diagnosis", "yn", [], "not_mentioned"),
    ("Which DOAC was she started on?", "Medication", "span", [("apixaban", "all")], None),
    ("Apixaban dose after August 18th?", "Medication", "span", ["5 mg twice a day"], None),
    ("Until when does she take apixaban 10 mg BD?", "Medication", "date", ["August 18th 2188"], None),
    ("What anticoagulant was used before the tablets?", "Medication", "span", ["enoxaparin"], None),
    ("How long was she on enoxaparin?", "Medication", "num", ["the first 2 days", "2 days"], None),
    ("Why was the combined pill stopped?", "Medication", "span", ["It raises the risk of clots"], None),
    ("Which contraceptive was started instead?", "Medication", "span", ["desogestrel 75 micrograms once a day", "desogestrel"], None),
    ("Can she take ibuprofen for the pain?", "Medication", "yn", ["Please do not take ibuprofen or other anti-inflammatories while on apixaban"], "no"),
    ("What is she allergic to?", "Medication", "span", ["trimethoprim (swollen lips)", "trimethoprim"], None),
    ("Is she allergic to sticking plasters?", "Medication", "yn", ["this is a skin sensitivity, not an allergy"], "no"),
    ("Does she smoke?", "Other", "yn", ["you stopped smoking 3 years ago"], "no"),
    ("Did she have haemoptysis?", "Symptoms", "yn", ["coughed up a little blood once"], "yes"),
    ("Did she have chest pain?", "Symptoms", "yn", ["sharp pain on the right side of your chest when breathing in"], "yes"),
    ("How many days of symptoms before she came in?", "Symptoms", "num", ["4 days"], None),
    ("What provoked the PE?", "Diagnosis", "span", ["the long flight together with the combined contraceptive pill"], None),
    ("How long was the flight?", "Other", "num", ["14-hour"], None),
    ("Discharge medications?", "Medication", "list", ["apixaban 10 mg twice a day until August 18th 2188, then 5 mg twice a day", "desogestrel 75 micrograms once a day", "paracetamol 1 g up to four times a day", "sertraline 50 mg once a day", "beclometasone inhaler 2 puffs twice a day", "salbutamol inhaler when needed", "cetirizine 10 mg"], None),
    ("When is the respiratory clinic?", "Other", "span", ["Respiratory clinic in 3 months", "in 3 months"], None),
    ("Date of admission?", "Other", "date", ["August 11th 2188"], None),
    ("¿Qué anticoagulante toma la paciente al alta?", "Medication", "span", ["apixaban 10 mg twice a day until August 18th 2188, then 5 mg twice a day", ("apixaban", "apixaban tablets")], None, "es"),
    ("Resp rate on arrival?", "Lab Reports", "num", [], None),
    ("WBC?", "Lab Reports", "num", [], None),
    ("INR?", "Lab Reports", "num", [], None),
    ("What was the BNP?", "Lab Reports", "num", [], None),
    ("Platelet count?", "Lab Reports", "num", [], None),
    ("Was a pregnancy test done?", "Lab Reports", "yn", [], "not_mentioned"),
    ("Echo result?", "Procedure", "span", [], None),
    ("CRP?", "Lab Reports", "num", [], None),
]
QAS["patient_letter_dc_01"] += [
    ("Was she given enoxaparin?", "Medication", "yn", ["We gave you blood-thinning injections (enoxaparin) for the first 2 days"], "yes"),
    ("Is she on an anticoagulant at discharge?", "Medication", "yn", ["This is a blood thinner (an anticoagulant)"], "yes"),
]
CELLS["patient_letter_dc_01"] = {
    "chief_complaint": (["4 days of sharp pain on the right side of your chest when breathing in, and getting out of breath on the stairs"], "from 'Why you came in'"),
    "principal_diagnosis": (["pulmonary embolism"], "right lower lobe pulmonary emboli on CTPA"),
    "past_medical_history": (["mild asthma", "anxiety"], "father's bowel cancer is family history"),
    "allergies": (["trimethoprim (swollen lips)"], "sticking plasters: 'a skin sensitivity, not an allergy'"),
    "presenting_symptoms": (["sharp pain on the right side of your chest when breathing in", "getting out of breath on the stairs", "coughed up a little blood once"], ""),
    "symptom_duration": (["4 days", "4"], ["4 days"], ""),
    "chest_pain": ("yes", ["sharp pain on the right side of your chest when breathing in"], "pleuritic chest pain"),
    "max_temperature": (["37.2 C", "37.2"], ["37.2"], "only temperature recorded"),
    "oxygen_saturation": (["91%", "91"], ["91%"], "on arrival; 97% at discharge"),
    "heart_rate": (["116"], ["116"], "on arrival; 82 at discharge"),
    "blood_pressure": (["124/78"], ""),
    "hemoglobin": (["128 g/L", "128", "12.8 g/dL"], ["128 g/L"], ""),
    "creatinine": (["64", "64 umol/L"], ["64"], "unit not stated (UK letter: umol/L)"),
    "potassium": (["4.0", "4.0 mmol/L"], ["4.0"], ""),
    "troponin": (["9 ng/L"], "normal"),
    "chest_imaging": (["did not show a chest infection or a collapsed lung, only a small amount of fluid at the bottom of the right lung"], ""),
    "discharge_medications": (["apixaban 10 mg twice a day until August 18th 2188, then 5 mg twice a day", "desogestrel 75 micrograms once a day", "paracetamol 1 g up to four times a day", "sertraline 50 mg once a day", "beclometasone inhaler 2 puffs twice a day", "salbutamol inhaler when needed", "cetirizine 10 mg"], ""),
    "anticoagulation": ("yes", ["apixaban 10 mg twice a day until August 18th 2188, then 5 mg twice a day"], "apixaban after 2 days of enoxaparin"),
    "new_medications": (["apixaban 10 mg twice a day until August 18th 2188, then 5 mg twice a day", "desogestrel 75 micrograms once a day", "paracetamol 1 g up to four times a day"], "marked NEW; enoxaparin was inpatient-only"),
    "stopped_medications": (["combined contraceptive pill (ethinylestradiol/levonorgestrel)"], ""),
    "admission_date": (["2188-08-11"], ["August 11th 2188"], ""),
    "discharge_date": (["2188-08-15"], ["August 15th 2188"], ""),
    "length_of_stay": (["4 days", "4"], ["August 11th 2188", "August 15th 2188"], "derived from the two dates"),
    "discharge_condition": (["walking around the ward without getting breathless, your oxygen level was 97% without extra oxygen and your pulse was 82"], ""),
    "discharge_disposition": (["home with your partner"], ""),
    "smoking": ("no", ["you stopped smoking 3 years ago"], "former smoker"),
    "follow_up": (["The anticoagulation nurse will phone you in 1 week", "Respiratory clinic in 3 months"], ""),
    "consolidation": ("no", ["did not show a chest infection"], "lay wording of the CXR result"),
    "pleural_effusion": ("yes", ["a small amount of fluid at the bottom of the right lung"], "small right basal effusion in lay words"),
    "pneumothorax": ("no", ["did not show a chest infection or a collapsed lung"], "'collapsed lung' is the lay term for pneumothorax"),
}
ABSENT_NOTES["patient_letter_dc_01"] = {
    "admission_diagnosis": "no separate admitting diagnosis",
    "secondary_diagnoses": "none stated",
    "fever": "only T 37.2; fever not stated",
    "wbc": "not reported",
    "procedures": "CTPA and CXR are imaging; leg ultrasound and thrombophilia testing not done",
    "surgery": "none", "antibiotics": "none",
}
# ---------------------------------------------------------------- ed_fall_01
NOTES["ed_fall_01"] = ("emergency", "UK ED record opening with a paramedic ATMIST handover (A/T/M/I/S/T lines), then the clinician's narrative with vitals written in full sentences, CAPS section labels, numbered ED procedures, timed reassessment, 'year Mon day' dates ('2185 Nov 19')")
QAS["ed_fall_01"] = [
    ("INR on arrival?", "Lab Reports", "num", [("3.4", "all")], None),
    ("What is her target INR?", "Lab Reports", "span", [("2-3", "target INR 2-3")], None),
    ("BP on scene?", "Lab Reports", "span", ["168/92"], None),
    ("BP at 14:30?", "Lab Reports", "span", ["146/82"], None),
    ("Heart rate at the reassessment?", "Lab Reports", "num", ["80"], None),
    ("What was the SpO2 when the ED doctor examined her?", "Lab Reports", "num", ["96% on room air", "96%"], None),
    ("Sats at 14:30?", "Lab Reports", "num", ["97% on air", "97%"], None),
    ("CBG?", "Lab Reports", "num", ["7.2"], None),
    ("CK?", "Lab Reports", "num", ["640 U/L", "640"], None),
    ("Why was the CK raised?", "Diagnosis", "span", [("long lie", "CK 640 U/L (long lie)"), "Mild rhabdomyolysis from the long lie"], None),
    ("Hb?", "Lab Reports", "num", ["118 g/L", "118"], None),
    ("Creat?", "Lab Reports", "num", ["102 umol/L", "102"], None),
    ("What was the potassium?", "Lab Reports", "num", ["4.9"], None),
    ("Did she lose consciousness?", "Symptoms", "yn", ["denies loss of consciousness"], "no"),
    ("How long was she on the floor?", "Other", "num", ["about 40 minutes", "40 minutes"], None),
    ("What did the CT head show?", "Procedure", "span", ["no intracranial haemorrhage, no skull fracture"], None),
    ("Any intracranial bleed?", "Diagnosis", "yn", ["Intracranial bleeding - excluded", "no intracranial haemorrhage"], "no"),
    ("Why was a CT head done?", "Procedure", "span", ["anticoagulated head injury"], None),
    ("Wrist X-ray result?", "Procedure", "span", ["dorsally angulated, displaced distal radius fracture with an ulnar styloid fracture"], None),
    ("Is the right knee fractured?", "Diagnosis", "yn", [("no fracture", "Right knee X-ray: no fracture")], "no"),
    ("What anaesthesia was used for the manipulation?", "Procedure", "span", ["Haematoma block (1% lidocaine 10 mL)", "Haematoma block"], None),
    ("Position on the check film?", "Procedure", "span", ["position acceptable"], None),
    ("Was ORIF performed?", "Procedure", "yn", ["ORIF only if the position slips"], "no"),
    ("How was the laceration closed?", "Procedure", "span", ["tissue glue and Steri-Strips"], None),
    ("Was a tetanus booster given?", "Medication", "yn", ["no booster needed"], "no"),
    ("Does she have epilepsy?", "Diagnosis", "yn", ["has never had a seizure"], "no"),
    ("Who in the family has epilepsy?", "Other", "span", ["Her daughter"], None),
    ("Is she anticoagulated?", "Medication", "yn", ["She takes warfarin for atrial fibrillation"], "yes"),
    ("What should she do with tonight's warfarin?", "Medication", "span", ["omit tonight's dose only"], None),
    ("When is the next INR check?", "Lab Reports", "span", ["INR check at the anticoagulation clinic in 3 days", "in 3 days"], None),
    ("Is she allergic to codeine?", "Medication", "yn", ["an intolerance rather than an allergy"], "no"),
    ("What reaction does penicillin cause?", "Medication", "span", ["hives"], None),
    ("New meds on discharge?", "Medication", "list", ["paracetamol 1 g four times a day for 1 week", "oxycodone 2.5 mg up to four times a day when needed for 3 days", "senna 15 mg at night while taking oxycodone"], None),
    ("Pre-hospital analgesia?", "Medication", "list", ["Entonox", "IV paracetamol 1 g at 09:50"], None),
    ("Smoker?", "Other", "yn", ["Never smoked"], "no"),
    ("Was she admitted?", "Other", "yn", ["Admission for the long lie was offered and declined"], "no"),
    ("Time of discharge?", "Other", "span", ["16:10"], None),
    ("Triage category?", "Other", "span", ["orange"], None),
    ("What did the ECG show?", "Procedure", "span", ["AF at 86, no acute ischaemic change"], None),
    ("Any chest pain before the fall?", "Symptoms", "yn", ["no palpitations, chest pain or dizziness beforehand"], "no"),
    ("Welches Antikoagulans nimmt die Patientin?", "Medication", "span", [("warfarin", "all")], None, "de"),
    ("Temperature in the ED?", "Lab Reports", "num", ["36.2"], None),
    ("Troponin level?", "Lab Reports", "num", [], None),
    ("Lactate?", "Lab Reports", "num", [], None),
    ("Urea?", "Lab Reports", "num", [], None),
    ("Sodium?", "Lab Reports", "num", [], None),
    ("What was the TSH?", "Lab Reports", "num", [], None),
    ("Vitamin D level?", "Lab Reports", "num", [], None),
    ("Did she vomit after the head injury?", "Symptoms", "yn", [], "not_mentioned"),
    ("Resp rate at 14:30?", "Lab Reports", "num", [], None),
]
QAS["ed_fall_01"] += [
    ("Was the wrist fracture manipulated?", "Procedure", "yn", ["closed manipulation of the left distal radius fracture"], "yes"),
    ("Was she on the floor for a long time?", "Symptoms", "yn", ["on the floor about 40 minutes until her carer arrived"], "yes"),
]
QAS["ed_fall_01"] += [
    ("Which beta-blocker does she take?", "Medication", "span", ["bisoprolol 2.5 mg daily", "bisoprolol"], None),
    ("Which bisphosphonate is she on?", "Medication", "span", ["alendronic acid 70 mg weekly", "alendronic acid"], None),
]
CELLS["ed_fall_01"] = {
    "chief_complaint": (["fall at home"], "no CC label; the ATMIST 'T' line"),
    "principal_diagnosis": (["Displaced left distal radius fracture after a mechanical fall, treated by manipulation"], "ED diagnosis of a visit ending in discharge home"),
    "secondary_diagnoses": (["Minor head injury on warfarin with a forehead laceration", "Mild rhabdomyolysis from the long lie"], ""),
    "past_medical_history": (["atrial fibrillation", "hypothyroidism", "osteoporosis with a previous T12 vertebral fracture", "hypertension"], "cataract surgery is surgical history; daughter's epilepsy is family history"),
    "allergies": (["penicillin (hives)"], "codeine confusion is 'an intolerance rather than an allergy'"),
    "presenting_symptoms": (["deformed left wrist", "3 cm forehead laceration", "bruised right knee"], "injuries listed in the ATMIST 'I' line"),
    "chest_pain": ("no", ["no palpitations, chest pain or dizziness beforehand"], ""),
    "max_temperature": (["36.2 C", "36.2"], ["36.2"], "only temperature recorded"),
    "oxygen_saturation": (["95%", "95", "96%", "96"], ["SpO2 95% on air", "96% on room air"], "ambulance (on scene) and first ED value both accepted; 97% at 14:30"),
    "heart_rate": (["96", "88"], [("96", "HR 96"), ("88", "heart rate was 88")], "ambulance and first ED value both accepted; 80 at 14:30"),
    "blood_pressure": (["168/92", "154/86"], "ambulance and first ED value both accepted; 146/82 at 14:30"),
    "wbc": (["9.1"], ["9.1"], ""),
    "hemoglobin": (["118 g/L", "118", "11.8 g/dL"], ["118 g/L"], ""),
    "creatinine": (["102 umol/L", "102"], ["102 umol/L"], ""),
    "potassium": (["4.9"], ["4.9"], ""),
    "procedures": (["Haematoma block (1% lidocaine 10 mL) and closed manipulation of the left distal radius fracture", "dorsal plaster backslab applied", "Forehead laceration cleaned and closed with tissue glue and Steri-Strips"], "CT head, X-rays and ECG are investigations"),
    "discharge_medications": (["warfarin 3 mg daily", "bisoprolol 2.5 mg daily", "ramipril 5 mg daily", "levothyroxine 75 micrograms daily", "alendronic acid 70 mg weekly", "paracetamol 1 g four times a day for 1 week", "oxycodone 2.5 mg up to four times a day when needed for 3 days", "senna 15 mg at night while taking oxycodone"], "usual medicines unchanged plus the three new ones"),
    "anticoagulation": ("yes", ["She takes warfarin for atrial fibrillation"], "one dose omitted for INR 3.4 within ongoing therapy (convention 5)"),
    "new_medications": (["paracetamol 1 g four times a day for 1 week", "oxycodone 2.5 mg up to four times a day when needed for 3 days", "senna 15 mg at night while taking oxycodone"], "pre-hospital IV paracetamol, Entonox and the lidocaine for the block are single doses"),
    "admission_date": (["2185-11-19"], [("2185 Nov 19", "Arrived by ambulance 2185 Nov 19")], "arrival date"),
    "discharge_date": (["2185-11-19"], [("2185 Nov 19", "16:10, 2185 Nov 19")], ""),
    "discharge_condition": (["in a stable condition"], ""),
    "discharge_disposition": (["Discharged home"], "home with carer visits increased to four a day"),
    "smoking": ("no", ["Never smoked"], ""),
    "follow_up": (["fracture clinic in 1 week with a repeat wrist X-ray", "falls clinic referral", "GP to repeat CK and renal function in 2-3 days", "INR check at the anticoagulation clinic in 3 days"], ""),
}
ABSENT_NOTES["ed_fall_01"] = {
    "admission_diagnosis": "not admitted (admission offered and declined)",
    "symptom_duration": "same-morning fall (about 08:30, arrival 10:42); no duration of symptoms stated",
    "fever": "only T 36.2",
    "troponin": "'Troponin not indicated'",
    "chest_imaging": "no chest x-ray",
    "surgery": "closed manipulation is a procedure; ORIF not done; cataract surgery is past history",
    "antibiotics": "none",
    "stopped_medications": "none stopped; one warfarin dose omitted",
    "length_of_stay": "ED visit of hours",
}
# ---------------------------------------------------------------- cards_qa_consult_01
NOTES["cards_qa_consult_01"] = ("progress", "US inpatient cardiology consult written as numbered questions from the primary team with numbered answers (Q1/A1...), dotted ISO dates ('2189.05.14'), US units (mEq/L, mg/dL, g/dL), two-value troponin by clock time, POCUS findings, short numbered impression")
QAS["cards_qa_consult_01"] = [
    ("HR now?", "Lab Reports", "num", ["148"], None),
    ("Ventricular rate on the ECG?", "Lab Reports", "num", ["146"], None),
    ("Until when was she in sinus rhythm on telemetry?", "Lab Reports", "span", ["10:52 today", "10:52"], None),
    ("K?", "Lab Reports", "num", ["3.2 mEq/L", "3.2"], None),
    ("Mg level?", "Lab Reports", "num", ["1.4 mg/dL", "1.4"], None),
    ("What K should be aimed for?", "Lab Reports", "span", ["above 4.0"], None),
    ("Target magnesium?", "Lab Reports", "span", ["above 2.0"], None),
    ("Cr pre-op?", "Lab Reports", "num", ["0.8"], None),
    ("Current creatinine?", "Lab Reports", "num", ["1.1 mg/dL", "1.1"], None),
    ("Hgb before surgery?", "Lab Reports", "num", ["12.6"], None),
    ("Hgb today?", "Lab Reports", "num", ["10.9 g/dL", "10.9"], None),
    ("WBC?", "Lab Reports", "num", ["13.8"], None),
    ("What was the TSH?", "Lab Reports", "num", ["1.9"], None),
    ("First troponin?", "Lab Reports", "num", ["22 ng/L at 12:00", "22 ng/L"], None),
    ("Trop at 15:00?", "Lab Reports", "num", ["27 ng/L"], None),
    ("Is this an acute coronary syndrome?", "Diagnosis", "yn", ["not ACS"], "no"),
    ("What was the troponin rise attributed to?", "Diagnosis", "span", ["demand-related myocardial injury"], None),
    ("EF on the bedside echo?", "Lab Reports", "num", ["EF about 55%", "55%"], None),
    ("Is there a pericardial effusion?", "Diagnosis", "yn", ["no pericardial effusion"], "no"),
    ("CHA2DS2-VASc?", "Diagnosis", "num", [("3", "CHA2DS2-VASc score 3")], None),
    ("Should she be anticoagulated now?", "Medication", "yn", ["Not yet"], "no"),
    ("Will she need long-term anticoagulation?", "Medication", "yn", ["Whether she needs long-term anticoagulation is undecided"], "uncertain"),
    ("Which DOAC may be started later?", "Medication", "span", ["apixaban 5 mg BID", "apixaban"], None),
    ("What VTE prophylaxis is she on?", "Medication", "span", ["enoxaparin 40 mg SC daily"], None),
    ("Oral rate-control regimen recommended?", "Medication", "span", ["metoprolol tartrate 25 mg PO every 6 h"], None),
    ("HR target?", "Lab Reports", "span", ["HR under 110", "under 110"], None),
    ("What should be done with the amlodipine?", "Medication", "span", ["Hold amlodipine while metoprolol is titrated"], None),
    ("Is digoxin recommended?", "Medication", "yn", ["Digoxin not needed at present"], "no"),
    ("Should she be cardioverted now?", "Procedure", "yn", ["Not now"], "no"),
    ("Is a TEE needed?", "Procedure", "yn", ["no TEE is needed at this stage"], "no"),
    ("Has the formal TTE been done?", "Procedure", "yn", ["not yet done"], "no"),
    ("What antibiotic is she on?", "Medication", "span", ["piperacillin-tazobactam 4.5 g IV q8h", "piperacillin-tazobactam"], None),
    ("Why was pip-tazo started?", "Medication", "span", ["fever 38.3 C"], None),
    ("Tmax?", "Lab Reports", "num", ["38.3 C", "38.3"], None),
    ("Does she have coronary artery disease?", "Diagnosis", "yn", ["No known coronary disease"], "no"),
    ("Family hx of MI?", "Other", "yn", ["Father died suddenly at 58 (\"heart attack\")"], "yes"),
    ("Does she smoke?", "Other", "yn", ["Ex-smoker, quit 2180"], "no"),
    ("When was the hemicolectomy?", "Procedure", "date", ["2189.05.11"], None),
    ("What operation did she have?", "Procedure", "span", ["laparoscopic right hemicolectomy"], None),
    ("What are the likely AF triggers?", "Diagnosis", "span", ["hypokalemia, hypomagnesemia and possible infection"], None),
    ("Any CP?", "Symptoms", "yn", ["no chest pain"], "no"),
    ("Syncope?", "Symptoms", "yn", ["no syncope"], "no"),
    ("Oxygen saturation and O2 requirement?", "Lab Reports", "span", ["95% on 2 L NC"], None),
    ("What is planned after discharge?", "Other", "list", ["14-day ambulatory ECG patch", "AF clinic in 6 weeks"], None),
    ("¿Qué betabloqueante se recomienda para el control de la frecuencia?", "Medication", "span", ["Metoprolol tartrate 5 mg IV now", "metoprolol tartrate 25 mg PO every 6 h"], None, "es"),
    ("BNP?", "Lab Reports", "num", [], None),
    ("Lactate?", "Lab Reports", "num", [], None),
    ("INR?", "Lab Reports", "num", [], None),
    ("LVEF on the formal TTE?", "Lab Reports", "num", [], None),
    ("Phosphate?", "Lab Reports", "num", [], None),
    ("Weight?", "Lab Reports", "num", [], None),
    ("Does she have a pacemaker?", "Procedure", "yn", [], "not_mentioned"),
    ("Troponin at 18:00?", "Lab Reports", "num", [], None),
    ("HAS-BLED score?", "Diagnosis", "num", [], None),
    ("Calcium?", "Lab Reports", "num", [], None),
]
QAS["cards_qa_consult_01"] += [
    ("Has she had a fever?", "Symptoms", "yn", ["fever 38.3 C"], "yes"),
    ("Is she on antibiotics?", "Medication", "yn", ["piperacillin-tazobactam 4.5 g IV q8h"], "yes"),
]
CELLS["cards_qa_consult_01"] = {
    "chief_complaint": (["new atrial fibrillation with rapid ventricular response"], "reason for consult"),
    "admission_diagnosis": (["caecal adenocarcinoma"], "admitted for the hemicolectomy"),
    "past_medical_history": (["Hypertension", "hypothyroidism", "osteopenia"], "coronary disease negated; father's MI and brother's pacemaker are family history"),
    "allergies": (["sulfa (rash)"], ""),
    "presenting_symptoms": (["Palpitations", "mild dyspnea"], ""),
    "fever": ("yes", ["fever 38.3 C"], "T 37.9 C now"),
    "chest_pain": ("no", ["no chest pain"], ""),
    "max_temperature": (["38.3 C", "38.3"], ["38.3 C"], "highest; 37.9 C now"),
    "oxygen_saturation": (["95%", "95"], ["SpO2 95% on 2 L NC"], "on 2 L nasal cannula"),
    "heart_rate": (["148", "146"], ["HR 148", ("146", "RVR at 146")], "exam value and the earlier ECG rate (11:40) both accepted"),
    "blood_pressure": (["118/74"], ""),
    "wbc": (["13.8"], ["13.8"], ""),
    "hemoglobin": (["10.9 g/dL", "10.9"], ["10.9 g/dL"], "today; 12.6 pre-op"),
    "creatinine": (["1.1 mg/dL", "1.1"], ["1.1 mg/dL"], "today; 0.8 pre-op"),
    "potassium": (["3.2 mEq/L", "3.2"], ["3.2 mEq/L"], ""),
    "troponin": (["22 ng/L"], "hs-troponin T at 12:00; 27 ng/L at 15:00"),
    "procedures": (["laparoscopic right hemicolectomy"], "operation of this admission (2189.05.11); POCUS and ECG are investigations"),
    "surgery": (["laparoscopic right hemicolectomy"], ""),
    "antibiotics": (["piperacillin-tazobactam"], ""),
    "anticoagulation": ("no", ["Not yet"], "prophylactic enoxaparin only; therapeutic anticoagulation deferred"),
    "new_medications": (["metoprolol tartrate 25 mg PO every 6 h"], "started by this consult (IV doses then oral); piperacillin-tazobactam was started the day before by surgery; amlodipine held, not stopped"),
    "smoking": ("no", ["Ex-smoker, quit 2180"], "former smoker, 15 pack-years"),
    "follow_up": (["We will see her again tomorrow morning", "14-day ambulatory ECG patch", "AF clinic in 6 weeks"], ""),
}
ABSENT_NOTES["cards_qa_consult_01"] = {
    "principal_diagnosis": "not discharged", "secondary_diagnoses": "not discharged",
    "symptom_duration": "symptoms since about 11:00 the same day; no duration in days",
    "chest_imaging": "no chest x-ray reported",
    "discharge_medications": "not discharged",
    "stopped_medications": "amlodipine held, not stopped",
    "admission_date": "not stated (surgery date only)",
    "discharge_date": "not discharged", "length_of_stay": "not discharged",
    "discharge_condition": "not discharged", "discharge_disposition": "not discharged",
    "pleural_effusion": "not reported (POCUS comments on pericardium only)",
}
# ---------------------------------------------------------------- rheum_letter_01
NOTES["rheum_letter_01"] = ("clinic_letter", "UK rheumatology clinic letter to the GP with two ASCII grid tables (+---+ borders): DAS28-CRP by visit and a medication 'Before today / Decision today' table; prose history, numbered plan, '14 Jan 2188' dates, SI units")
QAS["rheum_letter_01"] = [
    ("DAS28-CRP today?", "Lab Reports", "num", ["5.39"], None),
    ("Highest DAS28 recorded?", "Lab Reports", "num", ["6.22"], None),
    ("Lowest DAS28-CRP so far?", "Lab Reports", "num", ["3.45"], None),
    ("DAS28 on 8 Jun 2187?", "Lab Reports", "num", ["4.57"], None),
    ("Swollen joint count today?", "Lab Reports", "num", [("6", "| 14 Jan 2188 | 8   | 6   |")], None),
    ("TJC at diagnosis?", "Lab Reports", "num", [("12", "| 9 Mar 2187  | 12  |")], None),
    ("What was the CRP at the October visit?", "Lab Reports", "num", [("6", "| 2   | 6        |")], None),
    ("CRP today?", "Lab Reports", "num", [("31", "all")], None),
    ("ESR?", "Lab Reports", "num", ["48 mm/h", "48"], None),
    ("ALT today?", "Lab Reports", "num", ["38 U/L", "38"], None),
    ("ALT in October?", "Lab Reports", "num", [("52", "52 in October")], None),
    ("eGFR?", "Lab Reports", "num", [("58", "all")], None),
    ("Hb?", "Lab Reports", "num", ["112 g/L", "112"], None),
    ("Plt?", "Lab Reports", "num", ["412"], None),
    ("What was her BP in clinic?", "Lab Reports", "span", ["138/84"], None),
    ("Anti-CCP level?", "Lab Reports", "span", ["above 340 U/mL"], None),
    ("When was the RA diagnosed?", "Diagnosis", "date", ["March 2187"], None),
    ("How long has the flare lasted?", "Symptoms", "num", ["six weeks"], None),
    ("Duration of morning stiffness?", "Symptoms", "span", ["about two hours"], None),
    ("Is the RA erosive?", "Diagnosis", "yn", ["a new erosion at the right 2nd MCP joint", "seropositive erosive rheumatoid arthritis"], "yes"),
    ("Does she have psoriasis?", "Diagnosis", "yn", ["no psoriasis"], "no"),
    ("Who in the family has psoriasis?", "Other", "span", ["her mother"], None),
    ("Does she have lupus?", "Diagnosis", "yn", ["no features of lupus"], "no"),
    ("ANA result?", "Lab Reports", "span", ["her ANA is negative", "negative"], None),
    ("What was started today?", "Medication", "list", ["Hydroxychloroquine", "Prednisolone", "Omeprazole", "Alendronic acid"], None),
    ("Why was naproxen stopped?", "Medication", "span", ["eGFR 58, dyspepsia"], None),
    ("What change was made to the methotrexate?", "Medication", "span", ["switch to 20 mg SC weekly"], None),
    ("Pred dose and plan?", "Medication", "span", ["10 mg daily, taper over 8 w"], None),
    ("HCQ dose?", "Medication", "span", ["200 mg twice daily"], None),
    ("Is she allergic to sulfasalazine?", "Medication", "yn", ["that was an intolerance, not an allergy"], "no"),
    ("What reaction does penicillin cause?", "Medication", "span", ["throat swelling"], None),
    ("Is she a smoker?", "Other", "yn", ["She smokes 15 cigarettes a day"], "yes"),
    ("Has she started adalimumab?", "Medication", "yn", ["She has not started it"], "no"),
    ("When will the biologic be applied for?", "Medication", "span", ["If her DAS28-CRP remains above 5.1 at the next visit"], None),
    ("Has the ultrasound of the hands been done?", "Procedure", "yn", ["not yet done"], "no"),
    ("Which TNF inhibitor is planned?", "Medication", "span", ["adalimumab"], None),
    ("What pre-biologic screening was sent?", "Lab Reports", "span", ["Hepatitis B and C serology, HIV and an interferon-gamma release assay"], None),
    ("How often are monitoring bloods needed?", "Lab Reports", "span", ["FBC, U&E and LFTs every 4 weeks", "every 4 weeks"], None),
    ("Next clinic?", "Other", "span", ["clinic in 12 weeks"], None),
    ("Any fevers?", "Symptoms", "yn", ["no fevers"], "no"),
    ("Welches Medikament wurde heute abgesetzt?", "Medication", "span", ["Naproxen"], None, "de"),
    ("Rheumatoid factor titre?", "Lab Reports", "num", [], None),
    ("What does she weigh?", "Lab Reports", "num", [], None),
    ("Temperature in clinic?", "Lab Reports", "num", [], None),
    ("Vitamin D level?", "Lab Reports", "num", [], None),
    ("When was the retinal OCT done?", "Procedure", "date", [], None),
    ("Potassium?", "Lab Reports", "num", [], None),
    ("DAS28 in December 2187?", "Lab Reports", "num", [], None),
    ("IGRA result?", "Lab Reports", "span", [], None),
    ("Is she on anticoagulation?", "Medication", "yn", [], "not_mentioned"),
    ("SpO2 in clinic?", "Lab Reports", "num", [], None),
]
QAS["rheum_letter_01"] += [
    ("Is she flaring?", "Diagnosis", "yn", ["Unfortunately she is flaring"], "yes"),
    ("Is she RF positive?", "Lab Reports", "yn", ["RF positive"], "yes"),
]
QAS["rheum_letter_01"] += [
    ("Which NSAID was stopped?", "Medication", "span", ["Naproxen"], None),
]
CELLS["rheum_letter_01"] = {
    "chief_complaint": (["six weeks of worsening pain and swelling in both hands and the right wrist"], "routine review, but she presents with a flare; answered from that complaint"),
    "past_medical_history": (["seropositive erosive rheumatoid arthritis, flaring", "CKD stage 3a"], "mother's psoriasis and sister's SLE are family history; psoriasis and lupus negated in the patient"),
    "allergies": (["penicillin (throat swelling)"], "sulfasalazine nausea: 'an intolerance, not an allergy'"),
    "presenting_symptoms": (["worsening pain and swelling in both hands and the right wrist", "morning stiffness of about two hours"], ""),
    "symptom_duration": (["6 weeks", "42 days", "6"], ["six weeks"], ""),
    "fever": ("no", ["no fevers"], ""),
    "chest_pain": ("no", ["She has had no fevers, rashes, mouth ulcers or chest symptoms"], "'no ... chest symptoms'"),
    "heart_rate": (["80"], ["pulse 80"], ""),
    "blood_pressure": (["138/84"], ""),
    "wbc": (["6.8"], ["6.8"], ""),
    "hemoglobin": (["112 g/L", "112", "11.2 g/dL"], ["112 g/L"], ""),
    "creatinine": (["98 umol/L", "98"], ["98 umol/L"], ""),
    "new_medications": (["Hydroxychloroquine", "Prednisolone", "Omeprazole", "Alendronic acid"], "started at this visit; methotrexate changed route (oral to SC) at the same dose, not new"),
    "stopped_medications": (["Naproxen"], "stopped at this visit; sulfasalazine was stopped in 2187, before the last contact"),
    "smoking": ("yes", ["She smokes 15 cigarettes a day"], ""),
    "follow_up": (["Rheumatology nurse telephone review in 4 weeks", "clinic in 12 weeks", "FBC, U&E and LFTs every 4 weeks"], ""),
}
ABSENT_NOTES["rheum_letter_01"] = {
    "admission_diagnosis": "clinic visit", "principal_diagnosis": "clinic visit (not a discharge)", "secondary_diagnoses": "clinic visit (not a discharge)",
    "max_temperature": "not recorded", "oxygen_saturation": "not recorded",
    "potassium": "not reported", "troponin": "not measured",
    "chest_imaging": "no chest x-ray ('Chest clear' is examination)",
    "procedures": "hand/foot X-rays are imaging; hand ultrasound not yet done",
    "surgery": "none", "antibiotics": "none",
    "discharge_medications": "clinic visit", "anticoagulation": "not mentioned",
    "admission_date": "clinic visit", "discharge_date": "clinic visit", "length_of_stay": "clinic visit",
    "discharge_condition": "clinic visit", "discharge_disposition": "clinic visit",
}
# ---------------------------------------------------------------- chest_drain_proc_01
NOTES["chest_drain_proc_01"] = ("operative", "pleural procedure record (ultrasound-guided Seldinger chest drain): header block with times, CAPS sections (INDICATION / PRE-PROCEDURE CHECKS / TECHNIQUE / COMPLICATIONS / POST-PROCEDURE / PLAN), numbered technique steps, inline pleural fluid results, ISO dates with clock times")
QAS["chest_drain_proc_01"] = [
    ("Pre-procedure SpO2?", "Lab Reports", "num", ["SpO2 91% on air", "91%"], None),
    ("SpO2 at 15:30?", "Lab Reports", "num", ["96% on air", "96%"], None),
    ("HR during the vasovagal episode?", "Lab Reports", "num", ["48"], None),
    ("BP during the vasovagal?", "Lab Reports", "span", ["86/50"], None),
    ("What was the heart rate at 15:30?", "Lab Reports", "num", [("88", "HR 88")], None),
    ("RR before the procedure?", "Lab Reports", "num", ["26"], None),
    ("INR?", "Lab Reports", "num", ["1.1"], None),
    ("Platelets?", "Lab Reports", "num", ["286"], None),
    ("Hb before the drain?", "Lab Reports", "num", ["119 g/L", "119"], None),
    ("Pleural fluid pH?", "Lab Reports", "num", ["7.29"], None),
    ("Pleural LDH?", "Lab Reports", "num", ["612 U/L", "612"], None),
    ("Pleural protein?", "Lab Reports", "num", ["46 g/L", "46"], None),
    ("Pleural fluid glucose?", "Lab Reports", "num", ["3.1 mmol/L", "3.1"], None),
    ("How much fluid was drained before clamping?", "Procedure", "num", ["1,000 mL"], None),
    ("What did the fluid look like?", "Procedure", "span", ["blood-stained"], None),
    ("Drain size?", "Procedure", "span", ["12 Fr"], None),
    ("Insertion site?", "Procedure", "span", ["5th intercostal space, mid-axillary line"], None),
    ("Depth of the effusion at the site?", "Lab Reports", "num", ["7.5 cm"], None),
    ("Why was povidone-iodine used instead of chlorhexidine?", "Medication", "span", ["CHLORHEXIDINE - anaphylaxis (2181)", "anaphylaxis"], None),
    ("How much local anaesthetic was given?", "Medication", "span", ["1% lidocaine 15 mL", "15 mL"], None),
    ("Any pneumothorax after the procedure?", "Diagnosis", "yn", ["No pneumothorax on the post-procedure film", ("no pneumothorax", "right lung, no pneumothorax")], "no"),
    ("What complication occurred?", "Diagnosis", "span", ["Vasovagal episode at 14:30", "Vasovagal episode"], None),
    ("Was a thoracoscopy done?", "Procedure", "yn", ["diagnostic thoracoscopy was not offered"], "no"),
    ("Has pleurodesis been performed?", "Procedure", "yn", ["not yet done"], "no"),
    ("When will talc pleurodesis be done?", "Procedure", "span", ["once the output is below 150 mL/24 h and the lung is re-expanded"], None),
    ("What is the alternative if the lung is trapped?", "Procedure", "span", ["an indwelling pleural catheter"], None),
    ("Is he anticoagulated?", "Medication", "yn", ["Anticoagulants: none"], "no"),
    ("When is the dalteparin to be resumed?", "Medication", "span", ["18:00 tonight"], None),
    ("Smoker?", "Other", "yn", ["Never smoker"], "no"),
    ("Does he have TB?", "Diagnosis", "yn", ["he has no history of TB himself"], "no"),
    ("Who had pulmonary TB?", "Other", "span", ["his father"], None),
    ("What EGFR mutation does the tumour carry?", "Lab Reports", "span", ["EGFR exon 19 deletion", "exon 19 deletion"], None),
    ("Which targeted therapy is he on?", "Medication", "span", [("osimertinib", "all")], None),
    ("Volume of the previous aspiration?", "Procedure", "num", ["1.2 L"], None),
    ("Drainage limit after unclamping?", "Procedure", "span", ["no more than 1.5 L in any 2 hours"], None),
    ("What new analgesic was prescribed?", "Medication", "span", ["oxycodone 5 mg PRN"], None),
    ("Where is the drain tip on the CXR?", "Procedure", "span", ["projected over the right mid zone"], None),
    ("Cardiomegaly on the post-procedure film?", "Diagnosis", "yn", ["heart size normal"], "no"),
    ("Admission date?", "Other", "date", ["2182-06-21"], None),
    ("¿Cuánto líquido se drenó?", "Procedure", "num", ["1,000 mL"], None, "es"),
    ("Pleural cytology result?", "Lab Reports", "span", [], None),
    ("Pleural fluid amylase?", "Lab Reports", "num", [], None),
    ("Serum LDH?", "Lab Reports", "num", [], None),
    ("Serum total protein?", "Lab Reports", "num", [], None),
    ("Temperature at 15:30?", "Lab Reports", "num", [], None),
    ("Drain output at 24 hours?", "Procedure", "num", [], None),
    ("Was he given antibiotics?", "Medication", "yn", [], "not_mentioned"),
    ("Pleural fluid culture result?", "Lab Reports", "span", [], None),
    ("Weight?", "Lab Reports", "num", [], None),
    ("Serum albumin?", "Lab Reports", "num", [], None),
]
QAS["chest_drain_proc_01"] += [
    ("Were malignant cells found in the previous aspirate?", "Lab Reports", "yn", ["Malignant cells were found in the previous aspirate"], "yes"),
    ("Was the drain clamped after the first litre?", "Procedure", "yn", ["then clamped for 1 hour as per protocol"], "yes"),
]
CELLS["chest_drain_proc_01"] = {
    "chief_complaint": (["Breathlessness from a large right pleural effusion"], "the procedure indication"),
    "past_medical_history": (["stage IV lung adenocarcinoma (EGFR exon 19 deletion)"], "father's TB is family history; own TB negated"),
    "allergies": (["CHLORHEXIDINE - anaphylaxis"], ""),
    "presenting_symptoms": (["Breathlessness"], ""),
    "max_temperature": (["36.8 C", "36.8"], ["36.8"], "only temperature recorded"),
    "oxygen_saturation": (["91%", "91"], ["SpO2 91% on air"], "before the procedure; 96% at 15:30"),
    "heart_rate": (["104"], ["HR 104"], "before; 48 during the vasovagal episode, 88 at 15:30"),
    "blood_pressure": (["132/80"], "before; 86/50 during the vasovagal episode, 124/76 at 15:30"),
    "wbc": (["7.4"], ["7.4"], ""),
    "hemoglobin": (["119 g/L", "119", "11.9 g/dL"], ["119 g/L"], ""),
    "creatinine": (["88 umol/L", "88"], ["88 umol/L"], ""),
    "potassium": (["4.3"], ["4.3"], ""),
    "chest_imaging": (["drain tip projected over the right mid zone, effusion much smaller, partial re-expansion of the right lung, no pneumothorax, heart size normal, left lung clear"], "post-procedure CXR 15:10"),
    "procedures": (["ultrasound-guided Seldinger chest drain insertion, RIGHT"], "drain placement with pleural fluid sampling"),
    "anticoagulation": ("no", ["Anticoagulants: none"], "prophylactic dalteparin is not anticoagulation"),
    "new_medications": (["oxycodone 5 mg PRN"], "marked new; lidocaine is procedural; regular paracetamol is not marked new"),
    "admission_date": (["2182-06-21"], ["2182-06-21"], "stated in the header"),
    "smoking": ("no", ["Never smoker"], ""),
    "follow_up": (["Daily CXR while the drain is in"], "inpatient plan"),
    "pleural_effusion": ("yes", ["large right pleural effusion", "effusion much smaller"], "pre-procedure large effusion, smaller afterwards"),
    "pneumothorax": ("no", ["No pneumothorax on the post-procedure film", ("no pneumothorax", "right lung, no pneumothorax")], ""),
    "cardiomegaly": ("no", ["heart size normal"], ""),
    "lines_tubes": (["12 Fr drain"], "right chest drain"),
}
ABSENT_NOTES["chest_drain_proc_01"] = {
    "admission_diagnosis": "admission reason not stated",
    "principal_diagnosis": "not a discharge", "secondary_diagnoses": "not a discharge",
    "symptom_duration": "not stated",
    "fever": "only T 36.8", "chest_pain": "not mentioned",
    "troponin": "not measured",
    "surgery": "bedside pleural procedure, not surgery",
    "antibiotics": "none",
    "discharge_medications": "not a discharge",
    "stopped_medications": "none; one dalteparin dose omitted",
    "discharge_date": "not discharged", "length_of_stay": "not discharged",
    "discharge_condition": "not discharged", "discharge_disposition": "not discharged",
    "consolidation": "not stated",
}
# ---------------------------------------------------------------- mri_brain_01
MRI_IND = "3 weeks of headache, worse lying down and in the morning, with brief greying of vision on standing and pulsatile tinnitus. Bilateral papilloedema on fundoscopy today. BMI 38. Mother has multiple sclerosis. Please exclude a space-occupying lesion and cerebral venous sinus thrombosis"
MRI_IMP = ("1. No space-occupying lesion and no cerebral venous sinus thrombosis.\n2. Partially empty sella, flattened posterior globes, distended optic nerve sheaths and bilateral transverse sinus narrowing: a constellation in keeping with raised intracranial pressure, most likely idiopathic intracranial hypertension in this clinical context. The diagnosis depends on the opening pressure.\n"
           "3. No features of demyelination.\n4. Incidental simple pineal cyst; no follow-up imaging needed for it.")
NOTES["mri_brain_01"] = ("radiology", "neuroradiology MRI brain + MR venogram report with findings by anatomical compartment ('Brain parenchyma:', 'Orbits:', 'Venous sinuses (MRV):'), numbered impression, separate recommendation and communication lines, '13 Feb 2186' dates with clock times")
QAS["mri_brain_01"] = [
    ("What exam was performed?", "Procedure", "span", ["MRI brain with and without gadolinium, plus MR venogram"], None),
    ("Contrast agent and volume?", "Medication", "span", ["gadobutrol 7.5 mL"], None),
    ("Is there a space-occupying lesion?", "Diagnosis", "yn", ["No space-occupying lesion"], "no"),
    ("Any cerebral venous sinus thrombosis?", "Diagnosis", "yn", ["no cerebral venous sinus thrombosis", "no thrombus"], "no"),
    ("Hydrocephalus?", "Diagnosis", "yn", ["no hydrocephalus"], "no"),
    ("Is there evidence of MS on this scan?", "Diagnosis", "yn", ["No features of demyelination", "No white matter lesions to suggest demyelination"], "no"),
    ("Who in the family has MS?", "Other", "span", ["Mother"], None),
    ("Left optic nerve sheath diameter?", "Lab Reports", "num", ["6.8 mm"], None),
    ("ONSD on the right?", "Lab Reports", "num", ["6.5 mm"], None),
    ("How big is the pineal cyst?", "Lab Reports", "num", ["7 mm"], None),
    ("Does the pineal cyst need follow-up imaging?", "Procedure", "yn", ["no follow-up imaging needed for it"], "no"),
    ("Pituitary height?", "Lab Reports", "num", ["3 mm height"], None),
    ("Are the cerebellar tonsils low-lying?", "Diagnosis", "yn", ["within normal limits"], "no"),
    ("Which venous sinuses are narrowed?", "Diagnosis", "span", ["both transverse sinuses"], None),
    ("Most likely diagnosis?", "Diagnosis", "span", ["idiopathic intracranial hypertension"], None),
    ("Does she have IIH?", "Diagnosis", "yn", ["most likely idiopathic intracranial hypertension in this clinical context"], "uncertain"),
    ("What test is recommended next?", "Procedure", "span", ["lumbar puncture with opening pressure measurement"], None),
    ("Comparison study?", "Procedure", "span", ["non-contrast CT head of 11 Feb 2186", "non-contrast CT head"], None),
    ("Date of the prior CT?", "Other", "date", ["11 Feb 2186"], None),
    ("How long has she had headaches?", "Symptoms", "num", ["3 weeks"], None),
    ("Papilloedema?", "Symptoms", "yn", ["Bilateral papilloedema on fundoscopy today"], "yes"),
    ("BMI?", "Lab Reports", "num", ["38"], None),
    ("Any intracranial haemorrhage?", "Diagnosis", "yn", ["no haemorrhage or microbleeds"], "no"),
    ("At what time were the findings phoned through?", "Other", "span", ["21:45"], None),
    ("Who reported the scan?", "Other", "span", ["Dr Ingrid Vasquez-Oyelaran"], None),
    ("Incidental sinus finding?", "Diagnosis", "span", ["Mild mucosal thickening in the left maxillary sinus"], None),
    ("Are the ventricles enlarged?", "Diagnosis", "yn", ["ventricles normal in size and slit-like rather than enlarged"], "no"),
    ("What was the indication?", "Symptoms", "span", ["Please exclude a space-occupying lesion and cerebral venous sinus thrombosis", MRI_IND], None),
    ("Does she have pulsatile tinnitus?", "Symptoms", "yn", ["pulsatile tinnitus"], "yes"),
    ("What happens to the headache with posture?", "Symptoms", "span", ["worse lying down and in the morning"], None),
    ("Y a-t-il une thrombose veineuse cérébrale ?", "Diagnosis", "yn", ["no cerebral venous sinus thrombosis"], "no", "fr"),
    ("Opening pressure?", "Lab Reports", "num", [], None),
    ("Visual acuity?", "Lab Reports", "span", [], None),
    ("Weight in kg?", "Lab Reports", "num", [], None),
    ("Is she on acetazolamide?", "Medication", "yn", [], "not_mentioned"),
    ("CSF protein?", "Lab Reports", "num", [], None),
    ("Blood pressure?", "Lab Reports", "span", [], None),
    ("Does she take the oral contraceptive pill?", "Medication", "yn", [], "not_mentioned"),
    ("What regular medications does she take?", "Medication", "span", [], None),
]
QAS["mri_brain_01"] += [
    ("Is the sella partially empty?", "Diagnosis", "yn", ["partially empty sella, pituitary flattened"], "yes"),
    ("Are the optic nerve sheaths distended?", "Diagnosis", "yn", ["distension of the optic nerve sheaths"], "yes"),
    ("Is there a pineal cyst?", "Diagnosis", "yn", ["a 7 mm simple pineal cyst"], "yes"),
]
CELLS["mri_brain_01"] = {
    "presenting_symptoms": (["headache", "brief greying of vision on standing", "pulsatile tinnitus"], "from the clinical details (convention 7)"),
    "symptom_duration": (["3 weeks", "21 days", "3"], ["3 weeks"], ""),
    "exam_type": (["MRI brain with and without gadolinium, plus MR venogram"], ""),
    "indication": ([MRI_IND], "clinical details"),
    "comparison": (["non-contrast CT head of 11 Feb 2186"], ""),
    "main_finding": (["in keeping with raised intracranial pressure, most likely idiopathic intracranial hypertension"], "negative for the SOL and CVST the request asked about"),
    "impression": ([MRI_IMP], ""),
    "recommendation": (["lumbar puncture with opening pressure measurement, and urgent neuro-ophthalmology review of vision and visual fields"], ""),
}
ABSENT_NOTES["mri_brain_01"] = {
    "chief_complaint": "radiology report (convention 7)",
    "past_medical_history": "none stated; mother's MS is family history",
    "procedures": "the imaging study itself is not a procedure",
    "nodule": "no pulmonary nodule (brain MRI); the pineal cyst is not a lung nodule",
    "nodule_size": "no pulmonary nodule",
}
# ---------------------------------------------------------------- hrct_chest_01
HRCT_IND = "Eighteen months of progressive exertional breathlessness and dry cough; fine \"velcro\" bibasal crackles; finger clubbing. Former smoker. Question: interstitial lung disease? Heart failure?"
HRCT_IMP = ("5.1 Usual interstitial pneumonia (UIP) pattern, progressed since Mar 14 2183; idiopathic pulmonary fibrosis is the leading diagnosis if no exposure or connective tissue disease is found.\n"
            "5.2 6 mm solid right upper lobe nodule in a former smoker.\n5.3 Enlarged main pulmonary artery - possible pulmonary hypertension.\n"
            "5.4 No pulmonary oedema or effusion; the heart failure question is answered in the negative.")
NOTES["hrct_chest_01"] = ("radiology", "thoracic HRCT report on a numbered structured ILD template (1. CLINICAL QUESTION ... 6. RECOMMENDATIONS), lettered findings 4a-4h, decimal-numbered impression 5.1-5.4, 'Sep 6 2184' dates, smoking history appended after the recommendations")
QAS["hrct_chest_01"] = [
    ("What fibrotic pattern is seen?", "Diagnosis", "span", ["Usual interstitial pneumonia (UIP) pattern", "UIP"], None),
    ("Leading diagnosis?", "Diagnosis", "span", ["idiopathic pulmonary fibrosis"], None),
    ("Is there honeycombing?", "Diagnosis", "yn", ["honeycombing (stacked cysts, up to 3 layers)"], "yes"),
    ("Traction bronchiectasis?", "Diagnosis", "yn", ["traction bronchiectasis"], "yes"),
    ("Has the fibrosis progressed since the last CT?", "Diagnosis", "yn", ["Clear progression since Mar 14 2183"], "yes"),
    ("Consolidation?", "Diagnosis", "yn", ["No consolidation"], "no"),
    ("Any air trapping?", "Diagnosis", "yn", ["No mosaic attenuation or air trapping on expiration"], "no"),
    ("Nodule size?", "Lab Reports", "num", [("6 mm", "all")], None),
    ("Where is the nodule?", "Diagnosis", "span", [("right upper lobe", "all")], None),
    ("Series and image of the nodule?", "Other", "span", ["series 4, image 61"], None),
    ("Is the nodule stable?", "Diagnosis", "yn", ["stability cannot be assessed"], "uncertain"),
    ("Are there other nodules?", "Diagnosis", "yn", ["No other nodules"], "no"),
    ("Pleural effusion?", "Diagnosis", "yn", ["no pleural effusion"], "no"),
    ("PTX?", "Diagnosis", "yn", ["no pneumothorax"], "no"),
    ("Is the heart enlarged?", "Diagnosis", "yn", ["heart size normal"], "no"),
    ("Main PA diameter?", "Lab Reports", "num", ["34 mm"], None),
    ("Ascending aorta diameter?", "Lab Reports", "num", ["31 mm"], None),
    ("Does he have pulmonary hypertension?", "Diagnosis", "yn", ["pulmonary hypertension is possible but cannot be confirmed on CT", "possible pulmonary hypertension"], "uncertain"),
    ("Any features of heart failure?", "Diagnosis", "yn", ["nothing to suggest heart failure", "the heart failure question is answered in the negative"], "no"),
    ("Pulmonary oedema?", "Diagnosis", "yn", ["No interstitial or alveolar oedema", "No pulmonary oedema"], "no"),
    ("Size of the paratracheal node?", "Lab Reports", "num", ["12 mm short axis", "12 mm"], None),
    ("Is there emphysema?", "Diagnosis", "yn", ["mild paraseptal emphysema at both apices"], "yes"),
    ("Incidental upper abdominal finding?", "Diagnosis", "span", ["small hiatus hernia"], None),
    ("DLP?", "Other", "num", ["312 mGy.cm"], None),
    ("Date of the comparison study?", "Other", "date", [("Mar 14 2183", "all")], None),
    ("Pack-years?", "Other", "num", ["35 pack-years"], None),
    ("When did he stop smoking?", "Other", "date", ["2181"], None),
    ("Does he smoke now?", "Other", "yn", ["ex-smoker, 35 pack-years, stopped in 2181", "Former smoker"], "no"),
    ("Follow-up CT interval for the nodule?", "Procedure", "span", ["6-12 months"], None),
    ("Is an echocardiogram recommended?", "Procedure", "yn", ["Echocardiogram to estimate pulmonary artery pressure"], "yes"),
    ("How long has he been breathless?", "Symptoms", "num", ["Eighteen months"], None),
    ("Finger clubbing?", "Symptoms", "yn", ["finger clubbing"], "yes"),
    ("Why is the basal reticulation not dependent change?", "Diagnosis", "span", ["The reticulation persists on prone images"], None),
    ("Pleural plaques?", "Diagnosis", "yn", ["no pleural plaques"], "no"),
    ("What was the comparison study?", "Procedure", "span", ["CT abdomen and pelvis of Mar 14 2183", "CT abdomen and pelvis"], None),
    ("Jaki jest rozmiar guzka?", "Lab Reports", "num", [("6 mm", "all")], None, "pl"),
    ("FVC?", "Lab Reports", "num", [], None),
    ("DLCO?", "Lab Reports", "num", [], None),
    ("Is he on antifibrotic therapy?", "Medication", "yn", [], "not_mentioned"),
    ("SpO2?", "Lab Reports", "num", [], None),
    ("PET-CT result?", "Procedure", "span", [], None),
    ("Autoimmune screen result?", "Lab Reports", "span", [], None),
    ("Occupational exposure?", "Other", "span", [], None),
    ("Lung biopsy result?", "Procedure", "span", [], None),
    ("Le patient a-t-il des antécédents familiaux de fibrose pulmonaire ?", "Other", "yn", [], "not_mentioned", "fr"),
]
CELLS["hrct_chest_01"] = {
    "presenting_symptoms": (["progressive exertional breathlessness", "dry cough"], "from the clinical question (convention 7)"),
    "symptom_duration": (["18 months", "18"], ["Eighteen months"], ""),
    "smoking": ("no", ["ex-smoker, 35 pack-years, stopped in 2181", "Former smoker"], "former smoker"),
    "exam_type": (["HIGH-RESOLUTION CT CHEST (ILD PROTOCOL)"], ""),
    "indication": ([HRCT_IND], ""),
    "comparison": (["CT abdomen and pelvis of Mar 14 2183"], "lung bases only"),
    "consolidation": ("no", ["No consolidation"], ""),
    "pleural_effusion": ("no", ["no pleural effusion"], ""),
    "pneumothorax": ("no", ["no pneumothorax"], ""),
    "cardiomegaly": ("no", ["heart size normal"], ""),
    "pulmonary_edema": ("no", ["No interstitial or alveolar oedema", "No pulmonary oedema"], ""),
    "nodule": ("yes", ["A solid 6 mm nodule in the right upper lobe"], ""),
    "nodule_size": (["6 mm", "6"], [("6 mm", "all")], ""),
    "main_finding": (["Usual interstitial pneumonia (UIP) pattern"], "heart failure, the other question of the request, is excluded"),
    "impression": ([HRCT_IMP], ""),
    "recommendation": (["Discussion at the ILD multidisciplinary meeting", "Follow-up CT chest in 6-12 months for the nodule (Fleischner, high risk)", "Echocardiogram to estimate pulmonary artery pressure"], ""),
}
ABSENT_NOTES["hrct_chest_01"] = {
    "chief_complaint": "radiology report (convention 7)",
    "past_medical_history": "none stated",
    "chest_imaging": "CT, not a chest radiograph (convention 7)",
    "procedures": "the imaging study itself is not a procedure",
    "lines_tubes": "none",
}
# ---------------------------------------------------------------- chemo_unit_01
NOTES["chemo_unit_01"] = ("other", "nurse-led chemotherapy day-unit SACT administration record: pre-treatment assessment with CTCAE toxicity grades, time-stamped administration/event log (HH:MM lines), space-aligned observations table by clock time, outcome and plan; '21 March 2190' dates")
QAS["chemo_unit_01"] = [
    ("Weight?", "Lab Reports", "num", ["71.4 kg"], None),
    ("BSA?", "Lab Reports", "num", ["1.79 m2"], None),
    ("Paclitaxel dose today?", "Medication", "span", [("143 mg", "all")], None),
    ("Neutrophils?", "Lab Reports", "num", ["1.9"], None),
    ("Hb?", "Lab Reports", "num", ["108 g/L", "108"], None),
    ("Plt?", "Lab Reports", "num", ["231"], None),
    ("ALT?", "Lab Reports", "num", [("27", "ALT 27")], None),
    ("What was the creatinine?", "Lab Reports", "num", ["61 umol/L", "61"], None),
    ("HR at 10:21?", "Lab Reports", "num", ["128"], None),
    ("Lowest BP during the reaction?", "Lab Reports", "span", ["84/50"], None),
    ("Lowest SpO2?", "Lab Reports", "num", ["91%"], None),
    ("BP at 10:35?", "Lab Reports", "span", ["102/64"], None),
    ("Tmax?", "Lab Reports", "num", ["37.1"], None),
    ("Heart rate at 13:55?", "Lab Reports", "num", [("80", "36.6  80")], None),
    ("SpO2 at 13:55?", "Lab Reports", "num", ["99% on air", "99%"], None),
    ("Pre-treatment HR?", "Lab Reports", "num", ["HR 84"], None),
    ("What time did the reaction start?", "Symptoms", "span", [("10:21", "all")], None),
    ("Symptoms of the reaction?", "Symptoms", "span", ["flushing of face and chest, lower back pain, chest tightness and breathlessness"], None),
    ("Did she have chest pain?", "Symptoms", "yn", ["Denies chest pain"], "no"),
    ("What was given to treat the reaction?", "Medication", "list", ["oxygen 15 L/min via non-rebreather", ("chlorphenamine 10 mg IV", "non-rebreather, chlorphenamine 10 mg IV"), "hydrocortisone 100 mg IV", "sodium chloride 0.9% 500 mL bolus"], None),
    ("Was adrenaline given?", "Medication", "yn", ["No adrenaline needed"], "no"),
    ("Was the paclitaxel restarted?", "Medication", "yn", ["paclitaxel restarted at half rate"], "yes"),
    ("At what rate was it restarted?", "Medication", "span", ["half rate"], None),
    ("When was the paclitaxel completed?", "Medication", "span", [("12:45", "all")], None),
    ("Trastuzumab dose?", "Medication", "span", ["6 mg/kg (428 mg)", "428 mg"], None),
    ("Premeds?", "Medication", "list", ["dexamethasone 8 mg IV", ("chlorphenamine 10 mg IV", "dexamethasone 8 mg IV, chlorphenamine 10 mg IV"), "famotidine 20 mg IV"], None),
    ("CTCAE grade of the reaction?", "Diagnosis", "span", ["CTCAE grade 2", "grade 2"], None),
    ("Neuropathy grade?", "Symptoms", "span", [("grade 1", "neuropathy grade 1")], None),
    ("What changes are planned for next week?", "Medication", "span", ["dexamethasone 20 mg IV premedication, paclitaxel over 3 hours"], None),
    ("Was she switched to nab-paclitaxel?", "Medication", "yn", ["a switch to nab-paclitaxel was discussed but not needed unless the reaction recurs"], "no"),
    ("Is she allergic to morphine?", "Medication", "yn", ["not a true allergy"], "no"),
    ("Which drug did she stop herself?", "Medication", "span", ["loperamide"], None),
    ("What did the GP start?", "Medication", "span", ["sertraline 50 mg daily"], None),
    ("Does she smoke?", "Other", "yn", ["Never smoked"], "no"),
    ("Does she carry a BRCA mutation?", "Lab Reports", "yn", ["own BRCA1/2 testing was negative"], "no"),
    ("Does she have ovarian cancer?", "Diagnosis", "yn", [], "not_mentioned"),
    ("What line does she have?", "Procedure", "span", ["PICC line"], None),
    ("When was the PICC inserted?", "Procedure", "date", ["2190-02-27"], None),
    ("Next appointment?", "Other", "date", ["28 March 2190"], None),
    ("Who did she leave with?", "Other", "span", ["her husband"], None),
    ("Any fever since last week?", "Symptoms", "yn", ["no fever"], "no"),
    ("¿Qué fármaco causó la reacción?", "Medication", "span", ["Paclitaxel hypersensitivity reaction"], None, "es"),
    ("Troponin?", "Lab Reports", "num", [], None),
    ("Tryptase level?", "Lab Reports", "num", [], None),
    ("Potassium?", "Lab Reports", "num", [], None),
    ("LVEF on the last echo?", "Lab Reports", "num", [], None),
    ("Magnesium?", "Lab Reports", "num", [], None),
    ("Ki-67?", "Lab Reports", "num", [], None),
    ("Did she receive G-CSF?", "Medication", "yn", [], "not_mentioned"),
    ("Blood glucose?", "Lab Reports", "num", [], None),
]
QAS["chemo_unit_01"] += [
    ("Was the paclitaxel infusion stopped?", "Medication", "yn", ["Infusion STOPPED immediately"], "yes"),
    ("Was trastuzumab given today?", "Medication", "yn", ["trastuzumab 6 mg/kg (428 mg) IV over 30 min, uneventful"], "yes"),
]
QAS["chemo_unit_01"] += [
    ("Which taxane is she receiving?", "Medication", "span", ["weekly paclitaxel 80 mg/m2", "paclitaxel 143 mg in 250 mL"], None),
    ("Which H2 blocker was given as premedication?", "Medication", "span", ["famotidine 20 mg IV", "famotidine"], None),
]
CELLS["chemo_unit_01"] = {
    "past_medical_history": (["HER2-positive left breast cancer, post wide local excision", "low mood"], "mother's ovarian cancer is family history"),
    "allergies": (["Paclitaxel hypersensitivity reaction, CTCAE grade 2"], "added today; morphine itch is 'not a true allergy'"),
    "presenting_symptoms": (["peripheral sensory neuropathy grade 1 (tingling fingertips, no functional loss)", "fatigue grade 1"], "toxicity reported at the pre-treatment assessment; the infusion-reaction symptoms occurred during the visit"),
    "fever": ("no", ["no fever"], ""),
    "chest_pain": ("no", ["Denies chest pain"], "chest tightness during the reaction, chest pain denied"),
    "max_temperature": (["37.1 C", "37.1"], ["37.1"], "highest, at 10:35"),
    "oxygen_saturation": (["98%", "98"], ["SpO2 98% on air"], "pre-treatment; 91% at 10:21"),
    "heart_rate": (["84"], ["HR 84"], "pre-treatment; 128 at 10:21"),
    "blood_pressure": ([("122/76", "BP 122/76")], "pre-treatment; 84/50 at 10:21"),
    "wbc": (["4.6"], ["4.6"], ""),
    "hemoglobin": (["108 g/L", "108", "10.8 g/dL"], ["108 g/L"], ""),
    "creatinine": (["61 umol/L", "61"], ["61 umol/L"], ""),
    "new_medications": (["sertraline 50 mg daily"], "started by the GP since the last weekly visit; premedication and the single rescue doses of the visit are not counted"),
    "stopped_medications": (["loperamide"], "stopped by the patient since the last visit"),
    "smoking": ("no", ["Never smoked"], ""),
    "follow_up": (["28 March 2190, chair 4, 09:00"], "next treatment appointment"),
    "lines_tubes": (["PICC line"], "right-arm PICC"),
}
ABSENT_NOTES["chemo_unit_01"] = {
    "chief_complaint": "scheduled treatment visit; no complaint",
    "admission_diagnosis": "day-unit attendance, not an admission", "principal_diagnosis": "not a discharge", "secondary_diagnoses": "not a discharge",
    "symptom_duration": "not stated",
    "potassium": "not reported", "troponin": "not measured",
    "chest_imaging": "no chest x-ray",
    "procedures": "chemotherapy infusion is drug treatment; PICC flushing and dressing change are line care",
    "surgery": "wide local excision was before this visit",
    "antibiotics": "none",
    "discharge_medications": "outpatient day-unit visit, not a discharge",
    "anticoagulation": "not mentioned",
    "admission_date": "not an admission", "discharge_date": "not an admission", "length_of_stay": "not an admission",
    "discharge_condition": "outpatient visit ('Left the unit ... well')", "discharge_disposition": "outpatient visit",
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
    json.dump({"version": "v2.0", "data": data}, open(HERE / "dev4.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)

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
