#!/usr/bin/env python3
"""Build yesno2.json and stats.json for clinical_yesno2 from answer *texts* (standard library only).

Tooling (text location, build loop, stats) adapted from ../clinical_yesno/build.py; all notes and
questions are new.

Evidence text specs:
  "text"              -> must occur exactly once as a whole token sequence
  ("text", n)         -> n-th (0-based) whole-token occurrence
  ("text", "anchor")  -> the single occurrence inside the unique anchor string
  ("text", "all")     -> every occurrence (each becomes an alternative)
Question rows: (question, category, verdict, [specs], trap) with trap None or "kind: what the trap is".
The build stops on a missing, ambiguous or token-internal text, an unknown trap kind, or a trap with gold yes.
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
    "time_scope": "finding exists at one time; the question asks about another (now, at discharge, overnight, after the procedure)",
    "fever_from_values": "fever asked where temperatures are listed: low-grade 37.6-37.9, Fahrenheit, afebrile throughout, fever only before admission, paracetamol charted 'for pain or fever', a febrile-neutropenia pathway",
    "action_questions": "'was X given / done / started?' where X was only considered, offered and declined, planned, booked, conditional, contraindicated, allergy-listed or done elsewhere long ago",
    "timing_phrase": "question carries a timing phrase (during this admission, since discharge, on arrival, before the scan) and the mention belongs to another period",
    "list_or_field": "negation over a list, or a form field answered No / N/A / nil / NAD / NKDA / unticked box",
    "drug_class_and_status": "drug class asked where the only member is stopped, held, allergy-listed, a single ED dose, or prophylactic",
    "admission_disposition": "'was the patient admitted?' after ED discharge, observation unit, transfer, self-discharge or declined admission",
    "compound_or_other_sense": "symptom word inside a compound or name (clinic, nurse, unit), or a two-meaning abbreviation used in the other sense",
    "negated": "condition or event explicitly negated",
    "ruled_out": "condition in a differential or indication that was excluded",
    "suspected": "condition only possible, suspected or pending (gold uncertain)",
    "planned": "test, treatment or event only planned, booked or recommended",
    "family_history": "condition in a relative only",
    "former_resolved": "former or resolved condition or habit",
    "other_person": "drug, illness or event of someone else",
    "hypothetical": "safety-net or conditional wording ('if ... call us')",
    "consent_risk": "complication named only as a consent risk",
}

NOTES = {}   # id -> (note_type, style)
QAS = {}     # id -> list of rows

# ==== NOTES AND QUESTIONS (one block per note, inserted above this line's end marker)
# ---------------------------------------------------------------- sbar_handover_01
NOTES["sbar_handover_01"] = ("other", "nurse-to-nurse SBAR handover (Situation / Background / Assessment / Recommendation) on an acute medical ward, arrow trends, conditional dash plan, dd/mm/yyyy date")
QAS["sbar_handover_01"] = [
    ("Was Mrs Harrowgate admitted to hospital?", "Other", "yes", ["Admitted via ED this afternoon"], None),
    ("Is she febrile at the time of handover?", "Symptoms", "no", ["37.4 at 19:30"], "fever_from_values: 38.6 in ED and a low-grade 37.8 at 18:00, 37.4 at the 19:30 handover"),
    ("Did she have a fever in the emergency department?", "Symptoms", "yes", ["T 38.6 at 15:30 in ED"], None),
    ("Is she currently taking an anticoagulant?", "Medication", "no", ["Apixaban HELD since admission because of the AKI"], "drug_class_and_status: the only anticoagulant, apixaban, is held"),
    ("Is she on a beta-blocker?", "Medication", "yes", ["bisoprolol continued"], None),
    ("Is she allergic to penicillin?", "Medication", "no", ["Allergies: NKDA"], "list_or_field: allergy field reads NKDA"),
    ("Has she had a stroke?", "Diagnosis", "no", ["no stroke, no focal neurology"], "compound_or_other_sense: 'Stroke Unit bed' is only where she is placed as an outlier"),
    ("Is she still vomiting?", "Symptoms", "no", ["nil since 16:00"], "time_scope: vomited twice in ED, none since 16:00"),
    ("Did she vomit in the emergency department?", "Symptoms", "yes", ["Vomited twice in ED"], None),
    ("Was gentamicin given?", "Medication", "no", ["IV gentamicin avoided (AKI)"], "action_questions: gentamicin avoided because of the kidney injury"),
    ("Was an intravenous antibiotic given?", "Medication", "yes", ["IV temocillin 2 g given 16:05"], None),
    ("Were blood cultures taken?", "Lab Reports", "yes", ["Blood cultures x2 taken before antibiotics"], None),
    ("Has the 250 mL fluid bolus been given on the ward?", "Medication", "no", ["not needed so far"], "action_questions: bolus is conditional on urine < 30 mL/h; output is 45 mL/h"),
    ("Is she delirious?", "Diagnosis", "uncertain", ["possible early delirium"], "suspected: 4AT 2, 'possible early delirium', repeat pending"),
    ("Was she confused on arrival?", "Symptoms", "yes", ["Mildly muddled on arrival"], None),
    ("Did she have a urine infection last month?", "Diagnosis", "not_mentioned", [], "other_person: her husband was treated for a urine infection last month"),
    ("Does she have an acute kidney injury?", "Diagnosis", "yes", ["acute kidney injury (creatinine 164, baseline 88)"], None),
    ("Is she on supplemental oxygen?", "Other", "no", ["SpO2 95% on air"], None),
]
# ---------------------------------------------------------------- gp_phone_01
NOTES["gp_phone_01"] = ("other", "GP telephone consultation after a recent discharge: caller line, 'Since discharge' history, Yes/No field for diabetes, temperature in Fahrenheit, dash plan with safety-net advice")
QAS["gp_phone_01"] = [
    ("Is he febrile this morning?", "Symptoms", "no", ["99.8 F"], "fever_from_values: a Fahrenheit value (99.8 F = 37.7 C), below 38 C; 39.1 C was on hospital admission"),
    ("Did he have a fever when he was admitted to hospital?", "Symptoms", "yes", ["febrile to 39.1 C on admission"], None),
    ("Has he had rigors since discharge?", "Symptoms", "no", ["no rigors"], None),
    ("Has he vomited since discharge?", "Symptoms", "no", ["No vomiting since discharge"], "timing_phrase: he vomited once on the ward, before discharge"),
    ("Did he vomit during the hospital stay?", "Symptoms", "yes", ["He vomited once on the ward after morphine"], None),
    ("Will he continue an antibiotic after this call?", "Medication", "no", ["Stop clindamycin today", "no further antibiotic for now"], "drug_class_and_status: the only antibiotic, clindamycin, is stopped today"),
    ("Was flucloxacillin given?", "Medication", "no", ["so flucloxacillin was not used"], "action_questions: flucloxacillin avoided because of the penicillin allergy"),
    ("Is he allergic to penicillin?", "Medication", "yes", ["Allergies: penicillin"], None),
    ("Does he have C. difficile infection?", "Diagnosis", "uncertain", ["C. difficile not excluded"], "suspected: not excluded, stool sample not yet sent"),
    ("Has a stool sample been sent?", "Lab Reports", "no", ["pot to be collected from reception today"], "action_questions: sample pot still to be collected"),
    ("Is there blood in his stools?", "Symptoms", "no", ["no blood"], None),
    ("Does he have diarrhoea?", "Symptoms", "yes", ["loose stools 3 times a day for 2 days"], None),
    ("Is he on insulin?", "Medication", "no", ["no insulin"], None),
    ("Does Mr Trevaskis smoke?", "Other", "yes", ["Smokes 10 a day"], None),
    ("Does he have chickenpox?", "Diagnosis", "not_mentioned", [], "other_person: his granddaughter has chickenpox"),
    ("Was he admitted to hospital as a result of this call?", "Other", "no", ["Admission not needed at present; managed at home"], "admission_disposition: managed at home; the earlier admission was for the cellulitis"),
    ("Have his blood tests been done since discharge?", "Lab Reports", "no", ["FBC, U&E and CRP requested for Thursday"], "planned: bloods requested for Thursday"),
    ("Does he have abdominal pain?", "Symptoms", "no", ["no abdominal pain"], None),
    ("Has he felt dizzy on standing?", "Symptoms", "not_mentioned", [], "hypothetical: dizziness only in the safety-net advice"),
    ("Was the cellulitis in his left leg?", "Diagnosis", "yes", ["left leg cellulitis"], None),
]
# ---------------------------------------------------------------- anaes_preop_form_01
NOTES["anaes_preop_form_01"] = ("other", "anaesthetic pre-operative assessment form: tick boxes [x] / [ ], airway fields, NAD / N/A fields, medicines with continue / OMIT / STOP instructions, consent risks in the plan")
QAS["anaes_preop_form_01"] = [
    ("Does she have hypertension?", "Diagnosis", "yes", ["[x] Hypertension"], None),
    ("Does she have ischaemic heart disease?", "Diagnosis", "no", ["[ ] Ischaemic heart disease"], "list_or_field: unticked box"),
    ("Does she use CPAP for sleep apnoea?", "Procedure", "yes", ["[x] OSA - CPAP nightly"], None),
    ("Does she get chest pain?", "Symptoms", "no", ["no chest pain"], "compound_or_other_sense: 'chest pain clinic' is a clinic she attended in 2185"),
    ("Has she had PONV after a previous anaesthetic?", "Symptoms", "yes", ["PONV++"], None),
    ("Has she had a stroke?", "Diagnosis", "no", ["no stroke on MRI"], "negated: TIA with no stroke on MRI"),
    ("Is she having an adductor canal block?", "Procedure", "no", ["Adductor canal block offered - patient declined"], "action_questions: block offered and declined"),
    ("Was dexamethasone given?", "Medication", "no", ["Ondansetron and dexamethasone at induction for PONV prophylaxis"], "action_questions: planned for induction on the day of surgery"),
    ("Will she still be taking clopidogrel on the day of surgery?", "Medication", "no", ["STOP 7 days before surgery"], "time_scope: on clopidogrel now, stopped 7 days before surgery"),
    ("Should she take ramipril on the morning of surgery?", "Medication", "no", ["OMIT on the morning of surgery"], None),
    ("Is she on an anticoagulant at the time of this assessment?", "Medication", "no", ["Rivaroxaban 10 mg OD for 14 days after surgery (VTE prophylaxis)"], "drug_class_and_status: the only anticoagulant is post-operative prophylaxis, not yet started"),
    ("Is she diabetic?", "Diagnosis", "no", ["[ ] Diabetes (HbA1c 39)"], "list_or_field: unticked box with a normal HbA1c"),
    ("Does she have any drug allergies?", "Medication", "no", ["Drugs: NKDA"], "list_or_field: drug allergy field NKDA; the latex allergy is not a drug"),
    ("Is she allergic to latex?", "Other", "yes", ["latex (contact rash)"], None),
    ("Has a group and save sample been taken?", "Lab Reports", "no", ["Group & save: to be taken on the day of admission"], "planned: to be taken on the day of admission"),
    ("Was a pregnancy test done?", "Lab Reports", "no", ["Pregnancy test: N/A"], "list_or_field: field answered N/A"),
    ("Does she have pseudocholinesterase deficiency?", "Diagnosis", "no", ["her own level tested 2185: normal"], "family_history: her brother has it; her own level normal"),
    ("Is she a current smoker?", "Other", "no", ["ex-smoker, quit 2183"], "former_resolved: ex-smoker"),
    ("Is she MRSA positive?", "Lab Reports", "no", ["MRSA screen: negative"], None),
    ("Has she had a spinal anaesthetic before?", "Procedure", "yes", ["Spinal for left knee arthroscopy"], None),
    ("Did she get a headache after her previous spinal?", "Symptoms", "no", ["uneventful"], "consent_risk: 'headache after spinal' is listed only among the consent risks"),
    ("Is her ECG in sinus rhythm?", "Lab Reports", "yes", ["ECG sinus rhythm"], None),
    ("Is Ms Adeyemi-Holt asthmatic?", "Diagnosis", "yes", ["[x] Asthma"], None),
]
# ---------------------------------------------------------------- postop_day2_01
NOTES["postop_day2_01"] = ("progress", "surgical post-operative day-2 consultant ward round: overnight events, obs line, lines/tubes line, bloods with earlier comparators, conditional dash plan")
QAS["postop_day2_01"] = [
    ("Was the operation converted to an open procedure?", "Procedure", "no", ["no conversion"], None),
    ("Was his pain still severe after the oxycodone?", "Symptoms", "no", ["2/10 one hour after"], "time_scope: 7/10 before oxycodone, 2/10 an hour after"),
    ("Did he have severe pain overnight before analgesia?", "Symptoms", "yes", ["pain 7/10 at 02:00 before oxycodone 5 mg PO"], None),
    ("Has he vomited this morning?", "Symptoms", "no", ["none since 22:00"], "time_scope: vomited on the evening of POD1, none since 22:00"),
    ("Is he on supplemental oxygen this morning?", "Other", "no", ["weaned to room air overnight", "SpO2 96% RA"], "time_scope: 2 L oxygen weaned to room air overnight"),
    ("Did he spike a fever overnight?", "Symptoms", "no", ["T 37.9 at 04:00"], "fever_from_values: peak 37.9 C is low-grade, below 38.0"),
    ("Does he still have an epidural?", "Procedure", "no", ["epidural removed yesterday 17:00"], "time_scope: epidural removed yesterday"),
    ("Does he have a urinary catheter in place?", "Procedure", "yes", ["Urinary catheter still in situ"], None),
    ("Does he have a nasogastric tube?", "Procedure", "no", ["NG tube - none placed"], "list_or_field: tubes line answered 'none placed'"),
    ("Was he transfused?", "Procedure", "no", ["not transfused so far"], "action_questions: transfusion only if Hb < 70 or symptomatic; Hb 84"),
    ("Has the chest X-ray been done?", "Procedure", "no", ["CXR today, ?right basal consolidation"], "action_questions: CXR requested on the round, not yet done"),
    ("Does he have a chest infection?", "Diagnosis", "uncertain", ["possible early chest infection vs expected post-op rise"], "suspected: possible, CXR pending"),
    ("Does he have an anastomotic leak?", "Diagnosis", "no", ["Anastomotic leak not suspected"], "negated: leak explicitly not suspected"),
    ("Is he currently on antibiotics?", "Medication", "no", ["given at induction only; no ongoing antibiotics"], "drug_class_and_status: antibiotics given once at induction only"),
    ("Were antibiotics given at induction?", "Medication", "yes", ["Cefuroxime + metronidazole were given at induction only"], None),
    ("Is he on treatment-dose anticoagulation?", "Medication", "no", ["extended prophylaxis, 28 days"], "drug_class_and_status: enoxaparin 40 mg is prophylactic"),
    ("Is his potassium low?", "Lab Reports", "yes", ["K 3.3"], None),
    ("Have his bowels opened?", "Symptoms", "no", ["bowels not yet opened"], None),
    ("Is Mr Ferreira-Moss passing flatus?", "Symptoms", "yes", ["Passing flatus this morning"], None),
    ("Does he have bowel cancer?", "Diagnosis", "yes", ["caecal adenocarcinoma"], None),
    ("Has his haemoglobin fallen since the operation?", "Lab Reports", "yes", ["Hb 84 (pre-op 121)"], None),
    ("Is his CRP rising?", "Lab Reports", "yes", ["CRP 148 (POD1 96)"], None),
]
# ---------------------------------------------------------------- ed_triage_chestpain_01
NOTES["ed_triage_chestpain_01"] = ("emergency", "ED triage block (Manchester category, obs line, ECG) followed by a timed clinician note with a 'Denies:' list and a dash disposition plan, ISO date")
QAS["ed_triage_chestpain_01"] = [
    ("Was he admitted to hospital?", "Other", "no", ["Not admitted: discharged home 18:40"], "admission_disposition: discharged home from the ED"),
    ("Did he present with chest pain?", "Symptoms", "yes", ["central chest tightness since 12:30"], None),
    ("Was he still in significant pain when the doctor saw him?", "Symptoms", "no", ["now 1/10 after GTN"], "time_scope: 6/10 at triage, 1/10 at the clinician review"),
    ("Is he on an antiplatelet at discharge?", "Medication", "no", ["No aspirin on discharge (single pre-hospital dose only)"], "drug_class_and_status: aspirin given once by paramedics only"),
    ("Was aspirin given before he reached hospital?", "Medication", "yes", ["paramedics gave aspirin 300 mg"], None),
    ("Did he receive GTN?", "Medication", "yes", ["GTN spray x1"], None),
    ("Is he taking a statin?", "Medication", "no", ["atorvastatin stopped 2187 because of myalgia"], "drug_class_and_status: atorvastatin stopped in 2187"),
    ("Did he have an acute coronary syndrome?", "Diagnosis", "no", ["ACS ruled out by serial troponin"], "ruled_out: ACS excluded by serial troponin"),
    ("Does he have a family history of heart attack?", "Other", "yes", ["father MI aged 49"], None),
    ("Was he short of breath?", "Symptoms", "no", ["Denies: SOB, palpitations, syncope, calf swelling"], "list_or_field: SOB is the first item of a 'Denies:' list"),
    ("Did he report palpitations?", "Symptoms", "no", ["Denies: SOB, palpitations, syncope, calf swelling"], "list_or_field: palpitations inside a 'Denies:' list"),
    ("Was a CT coronary angiogram performed?", "Procedure", "no", ["CT coronary angiogram to be considered there"], "action_questions: only to be considered at a later clinic"),
    ("Was there a pneumothorax on the chest X-ray?", "Diagnosis", "no", ["no pneumothorax"], None),
    ("Was he febrile at triage?", "Symptoms", "no", ["T 36.9"], None),
    ("Does he smoke?", "Other", "yes", ["smokes 15/day"], None),
    ("Was nicotine replacement therapy started?", "Medication", "no", ["he declined nicotine replacement"], "action_questions: offered and declined"),
    ("Was omeprazole started?", "Medication", "yes", ["Omeprazole 20 mg OD for 4 weeks started"], None),
    ("Does he use cocaine?", "Other", "no", ["denies cocaine or other drug use"], "negated: cocaine use denied"),
    ("Is he allergic to codeine?", "Medication", "yes", ["codeine - hives"], None),
    ("Did the ECG show ST changes?", "Lab Reports", "no", ["no ST changes"], None),
    ("Is he diabetic?", "Diagnosis", "no", ["No diabetes"], None),
    ("Was his troponin raised?", "Lab Reports", "no", ["hs-troponin 0 h 4 ng/L, 3 h 5 ng/L"], None),
    ("Has he been seen in the chest pain clinic?", "Other", "no", ["Referred to the rapid access chest pain clinic (letter to follow)"], "planned: referral made, appointment letter to follow"),
    ("Does Mr Vasquez-Blythe have asthma?", "Diagnosis", "not_mentioned", [], None),
    ("Does he have GORD?", "Diagnosis", "yes", ["PMH: GORD"], None),
]
# ---------------------------------------------------------------- postnatal_check_01
NOTES["postnatal_check_01"] = ("other", "community midwife day-5 postnatal home visit: MOTHER / BABY / PLAN sections, head-to-toe 'Lochia: / Perineum: / Bladder:' fields, safety-net line")
QAS["postnatal_check_01"] = [
    ("Does the mother have a fever at today's visit?", "Symptoms", "no", ["T 37.6 C"], "fever_from_values: 37.6 C is low-grade; the 38.3 C was in labour"),
    ("Was she febrile in labour?", "Symptoms", "yes", ["intrapartum temperature 38.3 C"], None),
    ("Is she still taking antibiotics?", "Medication", "no", ["stopped 24 h after birth"], "time_scope: benzylpenicillin in labour, stopped 24 h after birth"),
    ("Does she still have a urinary catheter?", "Procedure", "no", ["urinary catheter removed day 1"], "time_scope: catheter removed on day 1"),
    ("Was she given a blood transfusion?", "Procedure", "no", ["transfusion not needed"], "action_questions: transfusion considered not needed"),
    ("Was anti-D given?", "Medication", "no", ["anti-D not required"], "action_questions: not required, rhesus positive"),
    ("Is she injecting enoxaparin?", "Medication", "yes", ["self-injecting, good technique"], None),
    ("Does she currently have postnatal depression?", "Diagnosis", "no", ["no low mood now"], "former_resolved: postnatal depression after her first baby, resolved"),
    ("Does Aisling have bipolar disorder?", "Diagnosis", "not_mentioned", [], "family_history: her sister has bipolar disorder"),
    ("Is she breastfeeding?", "Other", "yes", ["Breastfeeding on demand"], None),
    ("Is the baby jaundiced?", "Symptoms", "yes", ["Mild jaundice to the chest"], None),
    ("Is the mother jaundiced?", "Symptoms", "not_mentioned", [], "other_person: only the baby is jaundiced"),
    ("Has the baby needed phototherapy?", "Procedure", "no", ["no phototherapy needed"], "action_questions: SBR below the treatment line"),
    ("Does the baby have a tongue-tie?", "Diagnosis", "uncertain", ["Possible posterior tongue-tie"], "suspected: possible, awaiting the infant feeding team"),
    ("Has the newborn blood spot test been taken?", "Lab Reports", "yes", ["Newborn blood spot test taken today 11:50"], None),
    ("Was the newborn hearing screen done at today's home visit?", "Procedure", "no", ["Hearing screen on the postnatal ward: clear response both ears"], "timing_phrase: the hearing screen was done earlier on the postnatal ward"),
    ("Does she have calf tenderness?", "Symptoms", "no", ["no calf tenderness"], None),
    ("Is the lochia offensive?", "Symptoms", "no", ["not offensive"], None),
    ("Did she sustain a perineal tear?", "Diagnosis", "yes", ["2nd-degree tear, sutured"], None),
    ("Was she anaemic after the birth?", "Lab Reports", "yes", ["Hb 96 on day 1"], None),
]
# ---------------------------------------------------------------- paeds_asthma_review_01
NOTES["paeds_asthma_review_01"] = ("other", "paediatric asthma clinic review entry (consultant + asthma nurse): 'Since last review' interval history, adherence line, FeNO / spirometry / ACT results, dash plan; home temperature in Fahrenheit")
QAS["paeds_asthma_review_01"] = [
    ("Was he admitted at the February ED attendance?", "Other", "no", ["home after 4 hours, not admitted"], "admission_disposition: sent home from the ED after 4 hours"),
    ("Has Rafferty ever been admitted to PICU?", "Other", "yes", ["one PICU admission aged 4"], None),
    ("Has he ever been intubated?", "Procedure", "no", ["not intubated"], "negated: PICU admission without intubation"),
    ("Is he wheezy today?", "Symptoms", "no", ["no wheeze today"], None),
    ("Did he have a fever during the February attack?", "Symptoms", "yes", ["fever of 102.2 F"], None),
    ("Is he taking a leukotriene receptor antagonist?", "Medication", "no", ["stopped after 8 weeks (no benefit, nightmares)"], "drug_class_and_status: montelukast tried in 2187 and stopped"),
    ("Has he needed oral steroids since the last review?", "Medication", "yes", ["two courses of oral prednisolone from the GP"], None),
    ("Is he on oral steroids at present?", "Medication", "no", ["none since"], "time_scope: steroid courses in December and February; not in the current treatment"),
    ("Does he have a peanut allergy?", "Diagnosis", "no", ["peanut allergy excluded by oral food challenge"], "ruled_out: excluded by food challenge in the allergy clinic"),
    ("Is he sensitised to cats?", "Lab Reports", "yes", ["skin prick positive to cat"], None),
    ("Does the patient smoke?", "Other", "not_mentioned", [], "other_person: his father smokes"),
    ("Was omalizumab started?", "Medication", "no", ["Omalizumab not indicated at present"], "action_questions: considered not indicated"),
    ("Did he have the flu vaccine this year?", "Medication", "no", ["Nasal flu vaccine offered - mum declined this year"], "action_questions: offered and declined"),
    ("Is his asthma well controlled?", "Diagnosis", "no", ["Asthma Control Test 15 (poorly controlled)"], None),
    ("Is his FeNO raised?", "Lab Reports", "yes", ["FeNO 38 ppb (raised)"], None),
    ("Does he have eczema?", "Diagnosis", "yes", ["Mild flexural eczema"], None),
    ("Is he on an inhaled corticosteroid?", "Medication", "yes", ["budesonide/formoterol 100/6 MART", "beclometasone 100 mcg 2 puffs BD via spacer"], None),
    ("Does he have dysfunctional breathing?", "Diagnosis", "uncertain", ["possible dysfunctional breathing component"], "suspected: possible, for physio assessment"),
    ("Does he collect his preventer inhaler regularly?", "Medication", "no", ["4 preventer inhalers collected in 12 months (12 expected)"], None),
]
# ---------------------------------------------------------------- carehome_visit_01
NOTES["carehome_visit_01"] = ("other", "ANP care-home visit: ReSPECT line, pipe-separated home observation chart, medicines with statuses (continue / held / PRN not used), 'Impression' line, dash plan")
QAS["carehome_visit_01"] = [
    ("Was Mrs Osei-Farrant admitted to hospital?", "Other", "no", ["Not for hospital admission"], "admission_disposition: treated in the care home, agreed with the LPA"),
    ("Has she had a fever?", "Symptoms", "no", [("T 37.9", "02/12 09:00 T 37.9")], "fever_from_values: home chart peaks at 37.9 C, low-grade only"),
    ("Has she been given paracetamol for a fever?", "Medication", "no", ["none given in 48 h"], "fever_from_values: PRN 'for pain or fever' charted, none given"),
    ("Does she have a chest infection?", "Diagnosis", "uncertain", ["probable left lower lobe chest infection"], "suspected: 'probable' only, bloods pending"),
    ("Has she received a dose of antibiotic yet?", "Medication", "no", ["first dose expected this evening"], "action_questions: prescribed, first dose not yet given"),
    ("Was an antibiotic prescribed?", "Medication", "yes", ["Amoxicillin 500 mg TDS for 5 days prescribed"], None),
    ("Is she on an anticoagulant?", "Medication", "yes", ["apixaban 2.5 mg BD - continue"], None),
    ("Is she currently taking a bisphosphonate?", "Medication", "no", ["Alendronic acid weekly - held while drowsy"], "drug_class_and_status: alendronic acid held"),
    ("Does she have diarrhoea?", "Symptoms", "no", ["has no vomiting or diarrhoea"], "other_person: two other residents have norovirus"),
    ("Has she fallen in the past week?", "Other", "no", ["no falls since"], "timing_phrase: the fall was 10 days ago"),
    ("Does she have Crohn's disease?", "Diagnosis", "not_mentioned", [], "compound_or_other_sense: '(CD)' marks oxycodone as a controlled drug"),
    ("Has she used oxycodone this month?", "Medication", "no", ["not used this month"], None),
    ("Is she for cardiopulmonary resuscitation?", "Other", "no", ["DNACPR in place"], None),
    ("Does she have dementia?", "Diagnosis", "yes", ["Alzheimer's dementia"], None),
    ("Is she delirious?", "Diagnosis", "uncertain", ["possible hypoactive delirium"], "suspected: 'possible' hypoactive delirium"),
    ("Were blood tests taken at the visit?", "Lab Reports", "yes", ["FBC, U&E, CRP taken today"], None),
    ("Is her oxygen saturation below her usual level?", "Lab Reports", "yes", ["SpO2 93% RA (usual 95%)"], None),
    ("Does she have atrial fibrillation?", "Diagnosis", "yes", ["AF on apixaban"], None),
    ("Was there wheeze on examination?", "Symptoms", "no", ["no wheeze"], None),
]
# ---------------------------------------------------------------- dc_checklist_01
NOTES["dc_checklist_01"] = ("discharge_summary", "nurse discharge checklist: space-aligned YES / NO / N/A columns marked with x and a COMMENT column, short discharge medicines list")
QAS["dc_checklist_01"] = [
    ("Was Mr Ashdown-Reyes admitted to hospital?", "Other", "yes", ["Admitted: 05/05/2187"], None),
    ("Is he febrile at discharge?", "Symptoms", "no", ["Afebrile > 24 h", "last T >= 38 on 06/05"], "fever_from_values: 38.4 on admission, afebrile > 24 h at discharge"),
    ("Did he have a fever on admission?", "Symptoms", "yes", ["T 38.4 on admission"], None),
    ("Did he have a urinary catheter during the stay?", "Procedure", "no", ["no catheter during stay"], "list_or_field: 'Urinary catheter removed' row ticked N/A"),
    ("Does he need home oxygen?", "Other", "no", ["Home oxygen needed                       x        SpO2 92% on air at rest"], "list_or_field: 'Home oxygen needed' ticked in the NO column"),
    ("Is he discharged on an antibiotic?", "Medication", "no", ["Doxycycline - course completed on the ward 10/05, not continued"], "drug_class_and_status: doxycycline completed before discharge"),
    ("Is he discharged on a steroid?", "Medication", "yes", ["Prednisolone 30 mg OM - 2 more days"], None),
    ("Was a rescue pack supplied?", "Medication", "no", ["declined - has one at home"], "action_questions: rescue pack declined (already has one)"),
    ("Was he referred to pulmonary rehabilitation?", "Procedure", "no", ["offered, patient declined"], "action_questions: referral offered and declined"),
    ("Was a follow-up appointment booked?", "Other", "yes", ["resp clinic 22/06/2187"], None),
    ("Was the pneumococcal vaccine given?", "Medication", "no", ["due - GP to give"], "planned: due, for the GP to give"),
    ("Has the cannula been removed?", "Procedure", "yes", ["removed 13:10, site clean"], None),
    ("Was he referred to the district nurses?", "Other", "no", ["District nurse referral                      x"], "list_or_field: row ticked N/A"),
    ("Is he being discharged to a care home?", "Other", "no", ["own home with wife"], None),
    ("Is he a current smoker?", "Other", "yes", ["smokes 20/day"], None),
    ("Did the chest X-ray show consolidation?", "Diagnosis", "no", ["CXR no consolidation"], None),
    ("Was a CT chest performed?", "Procedure", "not_mentioned", [], None),
    ("Is he on a long-acting bronchodilator inhaler?", "Medication", "yes", ["Tiotropium/olodaterol 2 puffs OD"], None),
]
# ---------------------------------------------------------------- med_chart_prn_01
NOTES["med_chart_prn_01"] = ("other", "inpatient medication administration record extract: pipe-separated regular grid with administration codes (G / H / STOPPED), PRN section with indications and times given, once-only section with conditional orders, chart flag for a neutropenic sepsis pathway")
QAS["med_chart_prn_01"] = [
    ("Did she have a fever on 26/01/2190?", "Symptoms", "no", ["T 37.1 (06:00), 37.4 (12:00), 37.2 (18:00)"], "fever_from_values: all three temperatures below 38.0; a febrile-neutropenia pathway is flagged on the chart"),
    ("Was paracetamol given for fever?", "Medication", "no", ["10:15 (pain), 16:40 (pain)"], "fever_from_values: PRN indication 'pain or fever', both doses given for pain"),
    ("Was piperacillin-tazobactam given?", "Medication", "no", ["NOT given, criteria not met, cancelled 12:00"], "action_questions: conditional once-only order, cancelled"),
    ("Does she have febrile neutropenia?", "Diagnosis", "no", ["T 37.1 (06:00), 37.4 (12:00), 37.2 (18:00)", "Neutrophils 1.4"], "fever_from_values: the neutropenic sepsis pathway is only a chart flag; afebrile with neutrophils 1.4"),
    ("Was an anticoagulant given at 18:00?", "Medication", "no", ["H (platelets 18)"], "drug_class_and_status: prophylactic enoxaparin held for thrombocytopenia"),
    ("Was morphine given?", "Medication", "yes", ["10:20, 14:10, 21:30"], None),
    ("Did she receive an antiemetic today?", "Medication", "no", ["not given today"], "action_questions: ondansetron charted PRN but not given"),
    ("Was a benzodiazepine given?", "Medication", "yes", ["Lorazepam 0.5 mg PO | anxiety or insomnia | 23:05"], None),
    ("Is she taking allopurinol?", "Medication", "no", ["STOPPED 24/01 (course complete)"], "drug_class_and_status: allopurinol stopped on 24/01"),
    ("Was a red cell transfusion given?", "Procedure", "no", ["only if Hb < 70 | not given"], "action_questions: conditional on Hb < 70; Hb 81"),
    ("Was a platelet transfusion given?", "Procedure", "yes", ["given 11:30-12:05"], None),
    ("Is she allergic to co-trimoxazole?", "Medication", "yes", ["co-trimoxazole (rash)"], None),
    ("Was aciclovir given this morning?", "Medication", "yes", [("G 08:05", "Aciclovir 400 mg BD| G 08:05")], None),
    ("Does she have mucositis?", "Diagnosis", "yes", ["admitted for mucositis and pain control"], None),
    ("Does she have oral candidiasis?", "Diagnosis", "uncertain", ["Mouth swab sent, ?oral candida"], "suspected: '?oral candida' with the swab result pending"),
    ("Was filgrastim given?", "Medication", "yes", ["G 08:30"], None),
]
# ---------------------------------------------------------------- renal_clinic_letter_01
NOTES["renal_clinic_letter_01"] = ("clinic_letter", "nephrology advanced kidney care clinic letter to the GP: address block, numbered diagnoses, prose paragraphs separating medication changes at the last clinic from today's changes, PD abbreviation")
QAS["renal_clinic_letter_01"] = [
    ("Was he admitted to hospital after the fall?", "Other", "no", ["he self-discharged before the medical team could review a potassium of 6.1"], "admission_disposition: self-discharged from the ED"),
    ("Does he have Parkinson's disease?", "Diagnosis", "not_mentioned", [], "compound_or_other_sense: 'PD' here is peritoneal dialysis"),
    ("Has he started dialysis?", "Procedure", "no", ["PD catheter insertion is listed for 20/05/2186"], "planned: PD catheter insertion listed for May"),
    ("Is he on an ACE inhibitor?", "Medication", "no", ["Ramipril was stopped at the December clinic because of hyperkalaemia"], "drug_class_and_status: ramipril stopped in December"),
    ("Was a potassium binder started at today's clinic?", "Medication", "no", ["sodium zirconium cyclosilicate 5 g daily was started then"], "timing_phrase: the binder was started at the December clinic"),
    ("Has he had IV iron since the last clinic?", "Medication", "yes", ["He had IV iron (ferric carboxymaltose) in the renal day unit in January"], None),
    ("Was sodium bicarbonate started today?", "Medication", "yes", ["I have started sodium bicarbonate 500 mg TDS today"], None),
    ("Is Mr Njoroge-Fairweather on insulin?", "Medication", "yes", ["Type 2 diabetes, on insulin", "Insulin glargine"], None),
    ("Does he have ankle swelling?", "Symptoms", "no", ["He has had no breathlessness, ankle swelling or itch"], "list_or_field: ankle swelling is inside a negated list"),
    ("Was dapagliflozin started?", "Medication", "no", ["Dapagliflozin was considered, but his eGFR is now below the level at which we would start it"], "action_questions: considered, eGFR below the starting threshold"),
    ("Is he on the transplant waiting list?", "Other", "no", ["He is not yet on the transplant waiting list"], None),
    ("Was IV iron given at today's clinic?", "Medication", "no", ["He had IV iron (ferric carboxymaltose) in the renal day unit in January"], "timing_phrase: the IV iron was given in January, not at this clinic"),
    ("Does he have hepatitis B?", "Diagnosis", "not_mentioned", [], "compound_or_other_sense: hepatitis B named only as a vaccine"),
    ("Is he on a statin?", "Medication", "yes", ["atorvastatin continue"], None),
    ("Does he have peripheral neuropathy?", "Diagnosis", "uncertain", ["possibly diabetic neuropathy"], "suspected: 'possibly', monofilament testing still to be done"),
]
# ---------------------------------------------------------------- ed_cdu_headinjury_01
NOTES["ed_cdu_headinjury_01"] = ("emergency", "ED clinical decision unit (observation) note: ISO arrival and review times, event narrative, investigations line with CT and coagulation values, anticoagulant timing paragraph, disposition and head-injury advice")
QAS["ed_cdu_headinjury_01"] = [
    ("Was Mr Dunmore-Achebe admitted to hospital?", "Other", "no", ["not admitted (no inpatient episode) - observed in the CDU under the ED team"], "admission_disposition: observed overnight in the ED's decision unit, then discharged home"),
    ("Has he vomited since arrival?", "Symptoms", "no", ["none since arrival"], "timing_phrase: the single vomit was at home before the ambulance"),
    ("Did he vomit before the ambulance arrived?", "Symptoms", "yes", ["Vomited once at home before the ambulance came"], None),
    ("Was his GCS 15 on arrival?", "Other", "no", ["GCS 14 (E3 V5 M6) on arrival"], "timing_phrase: GCS 15 only since 01:00"),
    ("Does he have an intracranial haemorrhage?", "Diagnosis", "no", ["no intracranial haemorrhage"], "ruled_out: head injury on an anticoagulant, bleed excluded on CT"),
    ("Were burr holes performed during this attendance?", "Procedure", "no", ["drained via burr holes at Kingsfold Neurosciences Centre"], "action_questions: burr holes were done at another hospital in 2183"),
    ("Has he had a subdural haematoma in the past?", "Diagnosis", "yes", ["Right subdural haematoma 2183"], None),
    ("Is he still wearing the cervical collar?", "Procedure", "no", ["collar removed 00:15"], "time_scope: collar applied by paramedics, removed after a normal CT C-spine"),
    ("Did he take his anticoagulant this morning?", "Medication", "no", ["This morning's dose omitted"], "drug_class_and_status: apixaban dose omitted this morning, to restart this evening"),
    ("Did he take apixaban before the fall?", "Medication", "yes", ["evening dose taken at 18:00, before the fall"], None),
    ("Was he seen by a physiotherapist?", "Other", "not_mentioned", [], "compound_or_other_sense: 'PT 13.1 s' is prothrombin time"),
    ("Did he lose consciousness?", "Symptoms", "no", ["no LOC witnessed by his wife"], None),
    ("Has he had a seizure?", "Symptoms", "not_mentioned", [], "hypothetical: a fit is named only in the return advice"),
    ("Does he have a headache?", "Symptoms", "yes", ["Mild frontal headache 2/10"], None),
    ("Was a CT head performed?", "Procedure", "yes", ["CT head 23:20"], None),
]
# ==== END NOTES

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
                if ":" not in trap or not trap.split(":", 1)[1].strip(): die(f"{qid} trap description missing")
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
    stats["by_category"] = dict(sorted(stats["by_category"].items(), key=lambda kv: (-kv[1], kv[0])))
    json.dump({"version": "v2.0", "data": data}, open(HERE / "yesno2.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    json.dump(stats, open(HERE / "stats.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print(f"built: {stats['notes']} notes, {stats['questions']} questions ({stats['traps']} traps, "
          f"{stats['unanswerable']} not_mentioned); verdicts {stats['verdicts']}")

if __name__ == "__main__":
    main()
