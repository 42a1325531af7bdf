#!/usr/bin/env python3
"""Build yesno.json and stats.json for clinical_yesno from answer *texts* (standard library only).

Tooling (text location, build loop, stats) adapted from ../clinical_dev4/build.py; all notes and
questions are new.

Evidence text specs:
  "text"              -> must occur exactly once as a whole token sequence
  ("text", n)         -> n-th (0-based) whole-token occurrence
  ("text", "anchor")  -> the single occurrence inside the unique anchor string
  ("text", "all")     -> every occurrence (each becomes an alternative)
Question rows: (question, category, verdict, [specs], trap) with trap None or "kind: what the trap is".
The build stops on a missing, ambiguous or token-internal text.
"""
import json, sys
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

TRAP_KINDS = {
    "negated": "condition or event explicitly negated",
    "ruled_out": "condition in the indication / differential that was excluded",
    "suspected": "condition only possible, suspected or pending (gold uncertain)",
    "planned": "test, treatment or event only planned, booked or recommended",
    "hypothetical": "conditional safety-net wording ('if you ever ...')",
    "family_history": "condition in a relative only",
    "former_resolved": "former smoker, resolved or in-remission condition",
    "consent_risk": "complication named only as a consent risk",
    "compound_term": "symptom word inside a compound with another meaning",
    "normal_temperature": "fever question with normal temperatures or paracetamol charted 'for fever'",
    "time_scope": "question about a specific time when the finding belongs to another time",
    "not_done": "considered, discussed, offered and declined, or ordered and cancelled",
    "other_person": "drug or illness of someone else",
    "drug_stopped_held": "drug stopped, held, prophylactic only, or planned for later",
    "admission": "admission offered and declined",
    "abbreviation": "abbreviation with two meanings used in the other meaning",
    "list_or_field": "negation governing a colon list, or a form field answered No / none / not tested",
}

NOTES = {}   # id -> (note_type, style)
QAS = {}     # id -> list of rows

# ---------------------------------------------------------------- dc_pneumonia_01
NOTES["dc_pneumonia_01"] = ("discharge_summary", "ward discharge summary with header fields, prose sections (Presentation / Background / Course), dash medication list with a STOPPED entry, 'd Month yyyy' dates")
QAS["dc_pneumonia_01"] = [
    ("Was he admitted to hospital?", "Other", "yes", ["Admitted: 3 March 2184"], None),
    ("Did he have a fever on arrival?", "Symptoms", "yes", ["Temperature 38.7 C on arrival"], None),
    ("Was he febrile at discharge?", "Symptoms", "no", ["He has been afebrile since 6 March"], "time_scope: febrile on arrival, afebrile since 6 March (discharged 9 March); paracetamol 'as needed for fever'"),
    ("Did he have a pulmonary embolism?", "Diagnosis", "no", ["it excluded pulmonary embolism"], "ruled_out: CTPA excluded pulmonary embolism"),
    ("Does he have lung cancer?", "Diagnosis", "not_mentioned", [], "family_history: his brother died of lung cancer"),
    ("Is his prostate cancer active?", "Diagnosis", "no", ["now in remission"], "former_resolved: prostate cancer treated, now in remission"),
    ("Is he on a statin at discharge?", "Medication", "no", ["Atorvastatin 40 mg: STOPPED"], "drug_stopped_held: atorvastatin is on the discharge list but STOPPED"),
    ("Is he anticoagulated at discharge?", "Medication", "yes", ["Apixaban 5 mg twice daily (restarted)"], None),
    ("Was apixaban held during the admission?", "Medication", "yes", ["apixaban was held for 48 hours"], None),
    ("Did he have chest pain?", "Symptoms", "no", ["He had no chest pain"], None),
    ("Was he admitted to ICU?", "Other", "no", ["ICU admission was not needed"], "not_done: critical care outreach reviewed him, ICU not needed"),
    ("Did he receive the influenza vaccine?", "Medication", "no", ["The influenza vaccine was offered on the ward; he declined it"], "not_done: vaccine offered and declined"),
    ("Does he smoke?", "Other", "no", ["Ex-smoker, stopped 15 years ago"], "former_resolved: ex-smoker"),
    ("Was he on oxygen at discharge?", "Other", "no", ["Oxygen was weaned off by day 4"], "time_scope: oxygen early in the stay, weaned off by day 4"),
    ("Did he develop an acute kidney injury during the admission?", "Diagnosis", "yes", ["Acute kidney injury, resolved by discharge"], None),
    ("Does he have diabetes?", "Diagnosis", "yes", ["type 2 diabetes on metformin"], None),
    ("Was a CTPA performed?", "Procedure", "yes", ["a CTPA was done on 4 March"], None),
    ("Does Tobias have heart failure?", "Diagnosis", "not_mentioned", [], None),
    ("Was Tobias given IV antibiotics?", "Medication", "yes", ["IV co-amoxiclav for 3 days"], None),
    ("Is he still on co-amoxiclav?", "Medication", "no", ["then switched to oral doxycycline"], "drug_stopped_held: IV co-amoxiclav switched to oral doxycycline"),
]
# ---------------------------------------------------------------- ed_asthma_01
NOTES["ed_asthma_01"] = ("emergency", "ED clinician note with PC/HPC/ROS/PMH/DH/SH headings, 'PE:' examination heading, timed reassessment and disposition, ISO date-time")
QAS["ed_asthma_01"] = [
    ("Did he have a fever?", "Symptoms", "no", ["no fever"], "compound_term: 'hay fever' and 'yellow fever vaccine'; ROS negates fever (T 36.9)"),
    ("Has he had yellow fever?", "Diagnosis", "not_mentioned", [], "compound_term: only the yellow fever vaccine is mentioned"),
    ("Did he report chills?", "Symptoms", "no", ["no fever, chills, chest pain or haemoptysis"], "list_or_field: 'ROS: no' governs the whole list"),
    ("Did he cough up blood?", "Symptoms", "no", ["no fever, chills, chest pain or haemoptysis"], "list_or_field: haemoptysis is the last item of a negated ROS list"),
    ("Did he have chest pain?", "Symptoms", "no", ["no fever, chills, chest pain or haemoptysis"], "abbreviation: 'CP (spastic diplegia)' is cerebral palsy; chest pain is negated in the ROS"),
    ("Does he have cerebral palsy?", "Diagnosis", "yes", ["CP (spastic diplegia)"], None),
    ("Does he have a pulmonary embolism?", "Diagnosis", "not_mentioned", [], "abbreviation: 'PE:' is the physical examination heading"),
    ("Does he have COPD?", "Diagnosis", "not_mentioned", [], "family_history: father has COPD"),
    ("Does he smoke cigarettes?", "Other", "no", ["has never smoked tobacco"], "negated: he vapes but has never smoked tobacco"),
    ("Was IV magnesium given?", "Medication", "no", ["IV magnesium was considered but not given"], "not_done: considered, not given"),
    ("Was he given oral steroids in the ED?", "Medication", "yes", ["prednisolone 40 mg PO given at 21:50"], None),
    ("Was he admitted?", "Other", "no", ["he declined and understands the risks"], "admission: admission offered and declined; discharged home"),
    ("Was there a pneumothorax on the chest X-ray?", "Diagnosis", "no", ["no pneumothorax"], None),
    ("Was his peak flow below 50% predicted after treatment?", "Lab Reports", "no", ["PEF 380 L/min (86% predicted)"], "time_scope: 48% on arrival, 86% at reassessment"),
    ("Was his peak flow below 50% predicted on arrival?", "Lab Reports", "yes", ["PEF 210 L/min (48% predicted)"], None),
    ("Has he ever been intubated?", "Procedure", "no", ["never intubated"], None),
    ("Were antibiotics given?", "Medication", "no", ["Antibiotics not indicated"], None),
    ("Was Callum tachycardic on arrival?", "Symptoms", "yes", ["HR 118"], None),
    ("Does Callum have hay fever?", "Diagnosis", "yes", ["hay fever every spring"], None),
    ("Was the exacerbation triggered by a viral infection?", "Diagnosis", "uncertain", ["trigger probably a viral cold on top of a high pollen count"], None),
]
# ---------------------------------------------------------------- clinic_letter_cardio_01
NOTES["clinic_letter_cardio_01"] = ("clinic_letter", "cardiology clinic letter to the GP: numbered diagnosis list, prose paragraphs, echo results inline with abbreviations (MS, MI), dash plan list")
QAS["clinic_letter_cardio_01"] = [
    ("Does she have multiple sclerosis?", "Diagnosis", "not_mentioned", [], "abbreviation: 'MS' here is mitral stenosis (mitral valve area 1.7 cm2)"),
    ("Does she have mitral stenosis?", "Diagnosis", "yes", ["Mild MS (mitral valve area 1.7 cm2)"], None),
    ("Has she had a myocardial infarction?", "Diagnosis", "no", ["No previous heart attack or stroke"], "abbreviation: 'trivial MI' on the echo is mitral incompetence"),
    ("Does she have heart failure?", "Diagnosis", "no", ["Heart failure is therefore not a concern"], "compound_term: 'heart failure nurse service'; LV function normal"),
    ("Does she have chest pain?", "Symptoms", "no", ["She has no chest pain now"], "compound_term: 'rapid-access chest pain clinic' visit in 2183"),
    ("Is she anticoagulated?", "Medication", "no", ["so it has not been started today"], "not_done: apixaban discussed, not started; aspirin only"),
    ("Is she on warfarin?", "Medication", "no", ["so it has not been started today"], "other_person: her husband takes warfarin"),
    ("Is she taking aspirin?", "Medication", "yes", ["She continues aspirin 75 mg"], None),
    ("Was a beta-blocker started?", "Medication", "yes", ["bisoprolol 1.25 mg once daily started for rate control"], None),
    ("Is she on a statin?", "Medication", "yes", ["atorvastatin 20 mg continue unchanged"], None),
    ("Has she had an exercise tolerance test?", "Procedure", "no", ["Exercise tolerance test to be booked"], "planned: ETT to be booked"),
    ("Has she had a stroke?", "Diagnosis", "no", ["No previous heart attack or stroke"], "family_history: her mother had a stroke at 70"),
    ("Does she have atrial fibrillation?", "Diagnosis", "yes", ["Paroxysmal atrial fibrillation"], None),
    ("Does she have atrial flutter?", "Diagnosis", "uncertain", ["One strip may represent atrial flutter, but this is uncertain"], "suspected: one strip may represent flutter, uncertain"),
    ("Is she hypertensive?", "Diagnosis", "yes", ["Hypertension"], None),
    ("Was her CT coronary angiogram normal?", "Procedure", "yes", ["her CT coronary angiogram then was normal"], None),
    ("Is her left ventricular function reduced?", "Diagnosis", "no", ["LV size and function normal, EF 61%"], None),
    ("Does Ilse have a dilated left atrium?", "Diagnosis", "yes", ["Left atrium moderately dilated"], None),
    ("Is she on digoxin?", "Medication", "not_mentioned", [], None),
]
# ---------------------------------------------------------------- nursing_night_01
NOTES["nursing_night_01"] = ("other", "orthogeriatric night-shift nursing note: 4-hourly observation lines, system-by-system entries (Resp / Pain / GI / Urine / Neuro / Skin / Falls / VTE), handover line, dd/mm/yyyy date")
QAS["nursing_night_01"] = [
    ("Did she have a fever overnight?", "Symptoms", "no", ["Apyrexial overnight"], "normal_temperature: temperatures 36.8-37.2 and PRN paracetamol charted 'for pain or fever'"),
    ("Was paracetamol given for fever?", "Medication", "no", ["c/o right hip pain 6/10 at 23:00 - PRN paracetamol 1 g given"], "normal_temperature: given for hip pain; the chart indication reads 'for pain or fever'"),
    ("Was she on oxygen at the end of the shift?", "Other", "no", ["O2 via nasal cannula weaned off at 01:00"], "time_scope: 2 L at 22:00, off from 01:00"),
    ("Did she vomit?", "Symptoms", "no", ["no vomiting"], "negated: nauseated but no vomiting"),
    ("Was she nauseated?", "Symptoms", "yes", ["nauseated at 03:30"], None),
    ("Was an antiemetic given?", "Medication", "yes", ["ondansetron 4 mg IV given"], None),
    ("Was she confused during the night?", "Symptoms", "no", ["alert and orientated x3 throughout"], "time_scope: muddled at home last week, orientated throughout the shift"),
    ("Does she have a pressure ulcer?", "Diagnosis", "no", ["no pressure damage"], "negated: Waterlow 18 high risk only, skin intact"),
    ("Did she fall during the shift?", "Other", "no", ["no falls this shift"], "time_scope: the fall was at home 5 days ago"),
    ("Were bed rails used?", "Procedure", "no", ["Bed rails discussed with daughter and not used"], "not_done: discussed, not used"),
    ("Is the urinary catheter still in place?", "Procedure", "no", ["IDC removed 06:00 as per plan"], "time_scope: IDC in place overnight, removed at 06:00"),
    ("Is she on treatment-dose anticoagulation?", "Medication", "no", ["as VTE prophylaxis"], "drug_stopped_held: enoxaparin is prophylactic only"),
    ("Was enoxaparin given?", "Medication", "yes", ["enoxaparin 40 mg s/c given 18:00"], None),
    ("Have her bowels opened since surgery?", "Symptoms", "no", ["Bowels not opened since surgery"], None),
    ("Did Edith have hip pain?", "Symptoms", "yes", ["right hip pain 6/10"], None),
    ("Did she have a hip operation?", "Procedure", "yes", ["right hip hemiarthroplasty"], None),
    ("Was the 4AT positive?", "Lab Reports", "no", ["4AT score 0"], None),
    ("Is she allergic to penicillin?", "Medication", "not_mentioned", [], None),
    ("Is the wound oozing?", "Symptoms", "no", ["no ooze"], None),
    ("Has the physiotherapist reviewed her?", "Procedure", "no", ["for physio review"], "planned: physio review handed over to the day staff"),
    ("Does she have a urinary tract infection?", "Diagnosis", "uncertain", ["?UTI, MSU sent"], "suspected: dipstick positive, '?UTI', MSU pending"),
]
# ---------------------------------------------------------------- colonoscopy_proc_01
NOTES["colonoscopy_proc_01"] = ("operative", "endoscopy unit procedure record: header with start/end times, indication, anticoagulation and consent lines (risks list), findings as dash list, complications line, pre/post BP, plan")
QAS["colonoscopy_proc_01"] = [
    ("Was there bleeding after the polypectomy?", "Procedure", "no", ["No bleeding after resection"], "consent_risk: bleeding listed only as a consent risk"),
    ("Was there a perforation?", "Procedure", "no", ["No perforation"], "consent_risk: perforation listed only as a consent risk"),
    ("Was sedation given?", "Medication", "no", ["Sedation: offered; patient declined"], "not_done: sedation offered and declined (Entonox used)"),
    ("Was Entonox used?", "Medication", "yes", ["Entonox used throughout"], None),
    ("Was a polyp removed?", "Procedure", "yes", ["18 mm flat polyp, removed by EMR"], None),
    ("Is the polyp malignant?", "Diagnosis", "uncertain", ["No features of malignancy seen macroscopically; histology awaited"], None),
    ("Did his father have bowel cancer?", "Diagnosis", "yes", ["Father diagnosed with bowel cancer at 52"], None),
    ("Was he anticoagulated at the time of the procedure?", "Medication", "no", ["held for 5 days", "last dose 24 h before the procedure", "INR today 1.1"], "drug_stopped_held: warfarin held, INR 1.1, last enoxaparin 24 h before"),
    ("Does he have diverticulitis?", "Diagnosis", "no", ["no diverticulitis"], "negated: diverticulosis present, no diverticulitis"),
    ("Does he have diverticulosis?", "Diagnosis", "yes", ["extensive diverticulosis"], None),
    ("Was CT colonography performed?", "Procedure", "no", ["it has been cancelled"], "not_done: CT colonography booked as back-up, cancelled"),
    ("Were random colonic biopsies taken?", "Procedure", "no", ["Random colonic biopsies not taken"], None),
    ("Was the terminal ileum examined?", "Procedure", "yes", ["Terminal ileum intubated: normal"], None),
    ("Does he have haemorrhoids?", "Diagnosis", "yes", ["small internal haemorrhoids"], None),
    ("Were there any complications?", "Procedure", "no", ["Complications: none"], None),
    ("Were clips placed to treat bleeding?", "Procedure", "no", ["2 clips placed prophylactically"], "consent_risk: clips were prophylactic; no bleeding"),
    ("Is he anaemic?", "Lab Reports", "yes", ["iron deficiency anaemia (Hb 108)"], None),
    ("Does Graham have a mechanical heart valve?", "Diagnosis", "yes", ["mechanical aortic valve"], None),
    ("Does he have diabetes?", "Diagnosis", "not_mentioned", [], None),
    ("Is warfarin to be restarted?", "Medication", "yes", ["Restart warfarin tonight at usual dose"], None),
    ("Was his blood pressure raised after the procedure?", "Lab Reports", "no", ["Post-procedure BP 132/80"], "time_scope: BP 168/94 was before the procedure"),
]
# ---------------------------------------------------------------- ct_abdo_01
NOTES["ct_abdo_01"] = ("radiology", "CT abdomen/pelvis report: clinical details with '?' differentials, technique, comparison, findings by organ with 'Organ:' labels, numbered impression, communication line")
QAS["ct_abdo_01"] = [
    ("Does she have appendicitis?", "Diagnosis", "no", ["No CT evidence of appendicitis"], "ruled_out: '?Appendicitis' in the clinical details"),
    ("Is there ovarian torsion?", "Diagnosis", "no", ["No features of torsion"], "ruled_out: '?Ovarian torsion' in the clinical details"),
    ("Does she have Crohn's disease?", "Diagnosis", "uncertain", ["Crohn's disease is possible"], "suspected: Crohn's possible, infective ileitis the alternative"),
    ("Does Noor have infective ileitis?", "Diagnosis", "uncertain", ["infective ileitis is the main alternative"], "suspected: alternative diagnosis only"),
    ("Does she have gallstones?", "Diagnosis", "yes", ["Two calculi, largest 11 mm", "cholelithiasis"], None),
    ("Does she have cholecystitis?", "Diagnosis", "no", ["without cholecystitis"], "negated: cholelithiasis without cholecystitis"),
    ("Are there kidney stones?", "Diagnosis", "no", ["No hydronephrosis or calculi"], None),
    ("Was IV contrast given?", "Procedure", "yes", ["WITH IV CONTRAST"], None),
    ("Was oral contrast given?", "Procedure", "no", ["Oral contrast not given"], None),
    ("Is she pregnant?", "Lab Reports", "no", ["Pregnancy test negative"], None),
    ("Is there an ovarian cyst?", "Diagnosis", "yes", ["2.6 cm simple cyst"], None),
    ("Is there an abscess?", "Diagnosis", "no", ["No abscess or collection"], None),
    ("Is there free air in the abdomen?", "Diagnosis", "no", ["No pneumoperitoneum"], None),
    ("Has MR enterography been done?", "Procedure", "no", ["MR enterography recommended if symptoms persist"], "planned: recommended only"),
    ("Were the findings communicated to the referrer?", "Other", "yes", ["Findings discussed by phone with Dr Lindqvist at 15:05"], None),
    ("Is the terminal ileum thickened?", "Diagnosis", "yes", ["mural thickening (6 mm)"], None),
    ("Is there a hernia?", "Diagnosis", "not_mentioned", [], None),
    ("Is there consolidation at the lung bases?", "Diagnosis", "no", ["Lung bases: Clear"], None),
    ("Was a previous study available for comparison?", "Other", "no", ["Comparison: None"], None),
]
# ---------------------------------------------------------------- transfer_form_01
NOTES["transfer_form_01"] = ("other", "inter-hospital transfer form: header fields, a space-aligned 'Field: value' checklist answered Yes / No / pending, anticoagulation, statin and BP lines, dd/mm/yyyy dates")
QAS["transfer_form_01"] = [
    ("Does he have chest pain?", "Symptoms", "no", ["Chest pain:        No"], "list_or_field: 'Chest pain:' field answered No"),
    ("Is he confused?", "Symptoms", "no", ["Confused:          No (baseline)"], "list_or_field: 'Confused:' field answered No"),
    ("Is he at high risk of falls?", "Other", "yes", ["Falls risk:        Yes - high"], None),
    ("Is he on oxygen?", "Other", "no", ["No - room air, SpO2 96%"], "list_or_field: 'Oxygen:' field answered No"),
    ("Does he have a pressure ulcer?", "Diagnosis", "yes", ["Yes - grade 2, left heel"], None),
    ("Does he have a DNACPR order?", "Other", "no", ["Not in place; for full escalation"], "list_or_field: 'DNACPR:' field, not in place"),
    ("Does he have MRSA?", "Lab Reports", "no", ["MRSA screen:       Negative (30/05/2188)"], "list_or_field: MRSA screen field, negative"),
    ("Does he have C. difficile infection?", "Lab Reports", "uncertain", ["Stool sent 01/06 - result pending"], "suspected: stool result pending"),
    ("Is he anticoagulated?", "Medication", "no", ["not yet given"], "drug_stopped_held: apixaban only planned from day 14; on clopidogrel"),
    ("Is he on an antiplatelet?", "Medication", "yes", ["Currently on clopidogrel 75 mg daily"], None),
    ("Was thrombolysis given?", "Medication", "no", ["Thrombolysis: Not given (outside window)"], "list_or_field: 'Thrombolysis:' field, not given"),
    ("Has he had a myocardial infarction?", "Diagnosis", "yes", ["MI 2182 (two stents)"], None),
    ("Is he on insulin?", "Medication", "no", ["Yes - metformin, no insulin"], "list_or_field: 'Diabetic: Yes' but no insulin"),
    ("Is he taking amlodipine?", "Medication", "no", ["amlodipine held since admission"], "drug_stopped_held: amlodipine held"),
    ("Is he on a statin?", "Medication", "yes", ["atorvastatin 80 mg nightly"], None),
    ("Does he have an NG tube in place?", "Procedure", "no", ["Removed 29/05"], "time_scope: NG tube removed before transfer"),
    ("Did Desmond have a thrombectomy?", "Procedure", "no", ["Thrombectomy: No"], None),
    ("Does he have a urinary catheter?", "Procedure", "no", ["Catheter:          No"], None),
    ("Does he have influenza?", "Diagnosis", "not_mentioned", [], "other_person: his wife has influenza"),
    ("Does he have gout?", "Diagnosis", "yes", ["gout"], None),
]
# ---------------------------------------------------------------- patient_letter_01
NOTES["patient_letter_01"] = ("clinic_letter", "hepatology clinic letter addressed to the patient in the second person, plain language with the medical term in brackets, results inside sentences, safety-net advice, dash 'What happens next' list")
QAS["patient_letter_01"] = [
    ("Does he have diabetes?", "Diagnosis", "no", ["You do not have diabetes"], "negated: prediabetes only"),
    ("Does he have prediabetes?", "Diagnosis", "yes", ["called prediabetes"], None),
    ("Does he have cirrhosis?", "Diagnosis", "no", ["no sign of scarring (cirrhosis)"], "negated: cirrhosis named only to deny it"),
    ("Does he have fatty liver?", "Diagnosis", "yes", ["showed fatty liver"], None),
    ("Is he on a statin?", "Medication", "no", ["so we have not started one"], "not_done: statin discussed, patient preferred diet first"),
    ("Has he had a heart attack?", "Diagnosis", "not_mentioned", [], "family_history: his father had a heart attack at 51"),
    ("Was CPAP started?", "Procedure", "no", ["You do not need a CPAP machine at present"], "not_done: CPAP named but not needed"),
    ("Does he have sleep apnoea?", "Diagnosis", "yes", ["mild sleep apnoea"], None),
    ("Has he vomited blood?", "Symptoms", "not_mentioned", [], "hypothetical: 'If you ever vomit blood' safety-net advice"),
    ("Has he had black stools?", "Symptoms", "not_mentioned", [], "hypothetical: 'or notice black, sticky stools' safety-net advice"),
    ("Was his blood pressure raised in clinic?", "Lab Reports", "no", ["128/80, which is normal"], None),
    ("Is he on an ACE inhibitor?", "Medication", "yes", ["carry on with your ramipril 5 mg once a day"], None),
    ("Does he drink alcohol?", "Other", "yes", ["you drink about 30 units of alcohol a week"], None),
    ("Was he referred to the alcohol team?", "Other", "yes", ["I have referred you to the community alcohol team"], None),
    ("Are his liver enzymes raised?", "Lab Reports", "yes", ["mildly raised (ALT 68)"], None),
    ("Does he take diabetes tablets?", "Medication", "no", ["you do not need diabetes tablets"], None),
    ("Has his cholesterol been rechecked?", "Lab Reports", "no", ["we will recheck the level in 3 months"], "planned: recheck in 3 months"),
    ("Is he on metformin?", "Medication", "not_mentioned", [], None),
]
# ---------------------------------------------------------------- ward_round_bullets_01
NOTES["ward_round_bullets_01"] = ("progress", "terse surgical ward-round entry in SOAP bullets with heavy abbreviation (BNO, CP, AF = afebrile, MS = morphine sulphate, D1, 6/52), arrow for drain removal, ISO date-time")
QAS["ward_round_bullets_01"] = [
    ("Is she febrile on the ward round?", "Symptoms", "no", ["AF (T 36.8)"], "time_scope: Tmax 38.2 on day 1, afebrile now"),
    ("Did she have a fever on day 1?", "Symptoms", "yes", ["Tmax 38.2 on D1"], None),
    ("Is she in atrial fibrillation?", "Diagnosis", "no", ["ECG yesterday: sinus rhythm", "HR 78 reg"], "abbreviation: 'Obs: AF (T 36.8)' means afebrile"),
    ("Does she have multiple sclerosis?", "Diagnosis", "not_mentioned", [], "abbreviation: 'MS 10 mg PO PRN' is morphine sulphate"),
    ("Is she still on oral morphine?", "Medication", "no", ["MS 10 mg PO PRN stopped"], "drug_stopped_held: PRN morphine stopped"),
    ("Does she have chest pain?", "Symptoms", "no", ["no CP"], None),
    ("Does she have a bile leak?", "Diagnosis", "no", ["?bile leak - no"], "ruled_out: '?bile leak' answered no"),
    ("Is the drain still in?", "Procedure", "no", ["removed on WR"], "time_scope: drain in overnight, removed on the round"),
    ("Has she opened her bowels?", "Symptoms", "no", ["BNO"], None),
    ("Is she nauseated today?", "Symptoms", "no", ["none today"], "time_scope: nausea yesterday, none today"),
    ("Is she on antibiotics?", "Medication", "yes", ["co-amoxiclav to complete 5 days"], None),
    ("Was an MRCP done?", "Procedure", "no", ["no need for MRCP"], "not_done: MRCP named as not needed"),
    ("Is she on therapeutic anticoagulation?", "Medication", "no", ["enoxaparin prophylaxis until discharge"], "drug_stopped_held: enoxaparin is prophylactic only"),
    ("Is Leonie going home today?", "Other", "no", ["home tomorrow if well"], "planned: discharge planned for tomorrow"),
    ("Does she have calf pain?", "Symptoms", "no", ["no calf pain"], None),
    ("Was the cholecystectomy laparoscopic?", "Procedure", "yes", [("lap chole", "D3 post lap chole")], None),
    ("Has her CRP fallen since day 1?", "Lab Reports", "yes", ["CRP 88 (D1 162)"], None),
    ("Is there erythema at the port sites?", "Symptoms", "no", ["no erythema"], None),
]
# ---------------------------------------------------------------- antenatal_tabs_01
NOTES["antenatal_tabs_01"] = ("other", "antenatal day-unit review pasted from an e-record with tab-separated header, problem list, observations and medication tables (Status columns: Active / Ruled out / Resolved / Cancelled / Discontinued / Not started), tab-separated symptom fields")
QAS["antenatal_tabs_01"] = [
    ("Does she have pre-eclampsia?", "Diagnosis", "no", ["Ruled out"], "ruled_out: problem-list row with Status 'Ruled out'"),
    ("Does she have a pulmonary embolism?", "Diagnosis", "not_mentioned", [], "abbreviation: 'PE' is defined as pre-eclampsia ('PE bloods')"),
    ("Does she have gestational diabetes?", "Diagnosis", "yes", ["Gestational diabetes\tActive"], None),
    ("Is she on insulin?", "Medication", "no", ["Not started; to start if fasting glucose >5.3 on 3 readings"], "planned: insulin only if fasting glucose rises"),
    ("Was labetalol given?", "Medication", "no", ["Cancelled - BP settled, not given"], "not_done: ordered, then cancelled"),
    ("Is she currently anaemic?", "Diagnosis", "no", ["Resolved", "Hb 104 -> 121 after IV iron (March)"], "former_resolved: anaemia resolved"),
    ("Is she taking oral iron?", "Medication", "no", ["Discontinued (after IV iron)"], "drug_stopped_held: ferrous fumarate discontinued"),
    ("Is she anticoagulated?", "Medication", "no", ["Postnatal only - planned for 6 weeks after birth"], "drug_stopped_held: enoxaparin planned for after birth only"),
    ("Is she on aspirin?", "Medication", "yes", ["Aspirin\t150 mg nightly\tActive"], None),
    ("Has she had a caesarean section before?", "Procedure", "yes", ["Previous caesarean section"], None),
    ("Was she febrile at 14:45?", "Symptoms", "no", ["36.7"], "normal_temperature: only a normal value in the Temp column"),
    ("Was there proteinuria?", "Lab Reports", "no", [("nil", "all")], None),
    ("Does she have a headache?", "Symptoms", "no", ["Headache\tnone"], "list_or_field: 'Headache' field answered none"),
    ("Has she had vaginal bleeding?", "Symptoms", "no", ["PV bleeding\tnone"], "list_or_field: 'PV bleeding' field answered none"),
    ("Is she GBS positive?", "Lab Reports", "uncertain", ["Group B strep\tNot tested"], "list_or_field: listed as a problem, status 'Not tested'"),
    ("Was her systolic blood pressure 140 or above at 14:45?", "Lab Reports", "yes", [("142/88", "14:45\t142/88")], None),
    ("Was her systolic blood pressure 140 or above at 15:30?", "Lab Reports", "no", ["134/84"], "time_scope: 142/88 at 14:45, 134/84 at 15:30"),
    ("Has the growth scan been done?", "Procedure", "no", ["Growth scan at 35 weeks booked"], "planned: growth scan booked"),
    ("Is Rosalind planning a vaginal birth after caesarean?", "Other", "yes", ["she wants to try for VBAC"], None),
    ("Was she admitted?", "Other", "no", ["Home with partner"], None),
]

# ---------------------------------------------------------------- build
def main():
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (HERE / "notes").glob("*.txt")}
    if set(texts) != set(NOTES):
        die(f"notes/NOTES mismatch {set(texts) ^ set(NOTES)}")
    data = []
    stats = {"notes": len(NOTES), "questions": 0, "unanswerable": 0, "traps": 0, "non_traps": 0,
             "verdicts": {}, "verdicts_traps": {}, "verdicts_non_traps": {}, "trap_kinds": {},
             "by_category": {}, "per_note": {}}
    for nid, (ntype, _) in NOTES.items():
        ctx = texts[nid]
        qas = []
        for n, row in enumerate(QAS[nid], 1):
            q, cat, verdict, specs, trap = row
            qid = f"{nid}_{n:02d}"
            if verdict not in {"yes", "no", "uncertain", "not_mentioned"}: die(f"{qid} verdict {verdict}")
            answers, seen = [], set()
            for s in specs:
                for st, tx in locate(ctx, s, qid):
                    if (st, tx) not in seen:
                        seen.add((st, tx)); answers.append({"text": tx, "answer_start": st})
            if (verdict == "not_mentioned") != (not answers): die(f"{qid} verdict/answers")
            qa = {"id": qid, "question": q, "answers": answers, "is_impossible": not answers,
                  "category": cat, "answer_type": "yes_no", "verdict": verdict}
            if trap is not None:
                kind = trap.split(":", 1)[0]
                if kind not in TRAP_KINDS: die(f"{qid} trap kind {kind}")
                if verdict == "yes": die(f"{qid} trap with verdict yes")
                qa["trap"] = trap
                stats["traps"] += 1
                stats["trap_kinds"][kind] = stats["trap_kinds"].get(kind, 0) + 1
                stats["verdicts_traps"][verdict] = stats["verdicts_traps"].get(verdict, 0) + 1
            else:
                stats["non_traps"] += 1
                stats["verdicts_non_traps"][verdict] = stats["verdicts_non_traps"].get(verdict, 0) + 1
            qas.append(qa)
            stats["questions"] += 1
            stats["unanswerable"] += (not answers)
            stats["verdicts"][verdict] = stats["verdicts"].get(verdict, 0) + 1
            stats["by_category"][cat] = stats["by_category"].get(cat, 0) + 1
        data.append({"title": nid, "paragraphs": [{"document_id": nid, "note_type": ntype, "context": ctx, "qas": qas}]})
        stats["per_note"][nid] = {"note_type": ntype, "chars": len(ctx), "questions": len(qas),
                                  "traps": sum("trap" in x for x in qas),
                                  "not_mentioned": sum(x["is_impossible"] for x in qas)}
    stats["trap_kinds"] = dict(sorted(stats["trap_kinds"].items(), key=lambda kv: (-kv[1], kv[0])))
    json.dump({"version": "v2.0", "data": data}, open(HERE / "yesno.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    json.dump(stats, open(HERE / "stats.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print(f"built: {stats['notes']} notes, {stats['questions']} questions ({stats['traps']} traps, "
          f"{stats['unanswerable']} not_mentioned); verdicts {stats['verdicts']}")

if __name__ == "__main__":
    main()
