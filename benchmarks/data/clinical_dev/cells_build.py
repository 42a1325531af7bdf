#!/usr/bin/env python3
"""Build cells.jsonl and cells_stats.json (DEV questionnaire cells) for clinical_dev from notes/*.txt.

DEV cells: written by an assistant session acting as annotator, for building the tool, never for
claims.  The cell-building approach is reused from ../clinical_heldout2/build.py: every cell holds
answer TEXTS; offsets are computed here by searching the note.  A reference is one of:
    "text"                 the text must occur exactly once (as a whole token sequence)
    ("text", n)            the n-th (0-based) whole-token occurrence
    ("text", "anchor")     the anchor must occur exactly once and contain the text exactly once
The build stops with an error when a text is missing, ambiguous, or only found inside a longer
token (e.g. "1.3" inside "11.3").  Standard library only.

Conventions: ../clinical_heldout2/README.md, sections "Format details" and "Judgement conventions".
Judgement calls are recorded in each cell's `note` and summarised in CELLS.md.
"""
import json
import re
import sys
from collections import OrderedDict
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOTES_DIR = HERE / "notes"

VERDICTS = {"yes", "no", "uncertain", "not_mentioned"}
LIST_CONCEPTS = {"secondary_diagnoses", "past_medical_history", "allergies", "presenting_symptoms",
                 "procedures", "antibiotics", "discharge_medications", "new_medications",
                 "stopped_medications", "lines_tubes"}

# The 48 concepts of the two questionnaires (same order and types as ../clinical_heldout2/CONCEPTS.md;
# cells_check.py cross-checks this list against that file).
CONCEPTS = [("discharge-summary", c, t) for c, t in [
    ("chief_complaint", "span"), ("admission_diagnosis", "span"), ("principal_diagnosis", "span"),
    ("secondary_diagnoses", "span"), ("past_medical_history", "span"), ("allergies", "span"),
    ("presenting_symptoms", "span"), ("symptom_duration", "number"), ("fever", "yes_no"),
    ("chest_pain", "yes_no"), ("max_temperature", "number"), ("oxygen_saturation", "number"),
    ("heart_rate", "number"), ("blood_pressure", "span"), ("wbc", "number"), ("hemoglobin", "number"),
    ("creatinine", "number"), ("potassium", "number"), ("troponin", "span"), ("chest_imaging", "span"),
    ("procedures", "span"), ("surgery", "span"), ("antibiotics", "span"),
    ("discharge_medications", "span"), ("anticoagulation", "yes_no"), ("new_medications", "span"),
    ("stopped_medications", "span"), ("admission_date", "date"), ("discharge_date", "date"),
    ("length_of_stay", "number"), ("discharge_condition", "span"), ("discharge_disposition", "span"),
    ("smoking", "yes_no"), ("follow_up", "span")]] + [("radiology-report", c, t) for c, t in [
    ("exam_type", "span"), ("indication", "span"), ("comparison", "span"), ("consolidation", "yes_no"),
    ("pleural_effusion", "yes_no"), ("pneumothorax", "yes_no"), ("cardiomegaly", "yes_no"),
    ("pulmonary_edema", "yes_no"), ("nodule", "yes_no"), ("nodule_size", "number"),
    ("lines_tubes", "span"), ("main_finding", "span"), ("impression", "span"),
    ("recommendation", "span")]]


class BuildError(Exception):
    pass


# ---------------------------------------------------------------- locating text
def _tok(ch):
    return ch.isalnum()


def _whole(ctx, s, text):
    """True when ctx[s:s+len(text)] is not part of a longer token."""
    e = s + len(text)
    if _tok(text[0]) and s > 0:
        if _tok(ctx[s - 1]):
            return False
        if text[0].isdigit() and ctx[s - 1] in ".," and s > 1 and ctx[s - 2].isdigit():
            return False
    if _tok(text[-1]) and e < len(ctx):
        if _tok(ctx[e]):
            return False
        if text[-1].isdigit() and ctx[e] in ".," and e + 1 < len(ctx) and ctx[e + 1].isdigit():
            return False
    return True


def _all(ctx, text):
    out, i = [], ctx.find(text)
    while i != -1:
        out.append(i)
        i = ctx.find(text, i + 1)
    return out


def locate(ctx, ref, where):
    """Return (text, start) for one reference."""
    text, sel = (ref, None) if isinstance(ref, str) else ref
    if not text:
        raise BuildError(f"{where}: empty text")
    raw = _all(ctx, text)
    good = [s for s in raw if _whole(ctx, s, text)]
    if not good:
        if raw:
            raise BuildError(f"{where}: {text!r} only occurs inside a longer token")
        raise BuildError(f"{where}: {text!r} not found")
    if sel is None:
        if len(good) != 1:
            raise BuildError(f"{where}: {text!r} is ambiguous ({len(good)} occurrences)")
        return text, good[0]
    if isinstance(sel, int):
        if sel >= len(good):
            raise BuildError(f"{where}: {text!r} occurrence {sel} requested, only {len(good)}")
        return text, good[sel]
    anchor = sel
    a = _all(ctx, anchor)
    if len(a) != 1:
        raise BuildError(f"{where}: anchor {anchor!r} occurs {len(a)} times")
    inside = [s for s in good if a[0] <= s and s + len(text) <= a[0] + len(anchor)]
    if len(inside) != 1:
        raise BuildError(f"{where}: {text!r} occurs {len(inside)} times inside anchor {anchor!r}")
    return text, inside[0]


# ---------------------------------------------------------------- cell helpers
def cell(concept, kind, values=None, refs=(), note=""):
    return {"concept": concept, "kind": kind, "values": values, "refs": list(refs), "note": note}


def yn(concept, verdict, *refs, note=""):
    return cell(concept, "yes_no", [verdict], refs, note)


def num(concept, values, *refs, note=""):
    return cell(concept, "number", list(values), refs, note)


def dt(concept, values, *refs, note=""):
    return cell(concept, "date", list(values), refs, note)


def sp(concept, *refs, note=""):
    return cell(concept, "span", None, refs, note)


def ls(concept, *refs, note=""):
    return cell(concept, "list", None, refs, note)


def ab(concept, note=""):
    return cell(concept, "absent", None, (), note)


NOTES = OrderedDict()


def note(note_id, cells):
    if note_id in NOTES:
        raise BuildError(f"duplicate note {note_id}")
    NOTES[note_id] = cells


# =====================================================================================
# ds01_chf - discharge summary, acute on chronic systolic heart failure
# =====================================================================================
note("ds01_chf", [
    sp("chief_complaint", "Worsening shortness of breath and leg swelling"),
    sp("admission_diagnosis", "acute on chronic systolic heart failure exacerbation",
       note="hospital course: 'admitted with ...'"),
    sp("principal_diagnosis", "Acute on chronic systolic congestive heart failure exacerbation"),
    ls("secondary_diagnoses", "Acute kidney injury on chronic kidney disease stage 3",
       ("Paroxysmal atrial fibrillation", "- Paroxysmal atrial fibrillation"),
       "Type 2 diabetes mellitus, uncontrolled", ("Coronary artery disease", "- Coronary artery disease")),
    ls("past_medical_history", "Heart failure with reduced ejection fraction, ischemic cardiomyopathy",
       "Coronary artery disease s/p PCI/DES to LAD",
       ("Paroxysmal atrial fibrillation", "3. Paroxysmal atrial fibrillation"), "Hypertension",
       "Type 2 diabetes mellitus, on insulin", "Chronic kidney disease stage 3",
       ("Hypothyroidism", "7. Hypothyroidism"), "s/p total abdominal hysterectomy", "sick sinus\n  syndrome",
       note="PMH list items 1-8 plus sick sinus syndrome (pacemaker 2148) stated under Transitional Issues; "
            "'possible mild cognitive impairment' is a new, unconfirmed observation and is not counted"),
    ls("allergies", "Penicillins", "Sulfa"),
    ls("presenting_symptoms", "progressive SOB", "orthopnea", "bilateral leg swelling", "4 kg weight gain"),
    num("symptom_duration", ["1 week", "7 days", "7"], ("1 week", 0)),
    yn("fever", "no", "No fever or chills"),
    yn("chest_pain", "no", "denies chest pain"),
    num("max_temperature", ["36.9"], "36.9", note="T 36.8 in ED, 36.9 on admission exam, 36.6 at discharge"),
    num("oxygen_saturation", ["89%", "89"], "89%", note="ED on room air; 95% on 4L, 94% on admission exam, 96% RA at discharge"),
    num("heart_rate", ["104"], "104", note="ED value; 98 on admission exam, 76 at discharge"),
    sp("blood_pressure", "158/92", note="ED value; 150/88 on admission exam, 118/70 at discharge"),
    num("wbc", ["8.2"], "8.2"),
    num("hemoglobin", ["11.1"], "11.1"),
    num("creatinine", ["1.9"], ("1.9", 0), note="admission; 1.5 at discharge, baseline 1.4"),
    num("potassium", ["5.1"], ("5.1", 0), note="admission; 4.2 at discharge"),
    sp("troponin", "Troponin T <0.01 ng/mL", note="'troponin negative x2' in the course"),
    sp("chest_imaging", "pulmonary edema with small bilateral\neffusions", note="ED CXR quoted in the HPI"),
    ab("procedures", "the only listed 'Major Surgical or Invasive Procedure' is a transthoracic echocardiogram "
                     "(diagnostic imaging, excluded); hysterectomy and pacemaker are past history"),
    ab("surgery", "hysterectomy 2120 is past surgical history"),
    ab("antibiotics"),
    ls("discharge_medications", "Torsemide 40 mg PO daily", "Sacubitril-valsartan 24-26 mg PO BID",
       ("Metoprolol succinate 50 mg PO daily", 1), ("Apixaban 5 mg PO BID", 1), ("Aspirin 81 mg PO daily", 1),
       ("Atorvastatin 80 mg PO qHS", 1), ("Insulin glargine 20 units SC qHS", 1), ("Metformin 500 mg PO BID", 1),
       ("Levothyroxine 75 mcg PO daily", 1), "Potassium chloride 10 mEq PO daily PRN as directed by clinic"),
    yn("anticoagulation", "yes", "Continued apixaban 5 mg BID"),
    ls("new_medications", "Sacubitril-valsartan 24-26 mg PO BID",
       "Potassium chloride 10 mEq PO daily PRN as directed by clinic",
       note="reconciliation of admission vs discharge lists; torsemide 20->40 mg is a dose change; "
            "IV furosemide and sliding-scale insulin were inpatient only; spironolactone/dapagliflozin only considered"),
    ls("stopped_medications", ("lisinopril", "Your lisinopril was stopped"),
       note="lisinopril switched to sacubitril-valsartan; metformin held and resumed at discharge (not stopped)"),
    dt("admission_date", ["2150-03-14"], ("2150-3-14", 0)),
    dt("discharge_date", ["2150-03-21"], ("2150-3-21", 0)),
    num("length_of_stay", ["7", "7 days"], ("2150-3-14", 0), ("2150-3-21", 0),
        note="not written as a number; derived from admission and discharge dates"),
    sp("discharge_condition", "Mental Status: Clear and coherent.\nLevel of Consciousness: Alert and interactive.\n"
                              "Activity Status: Ambulatory - Independent."),
    sp("discharge_disposition", "Home With Service"),
    yn("smoking", "no", "quit 20 years ago", note="former smoker"),
    sp("follow_up", "Heart failure clinic with Dr. [**Last Name (STitle) 1112**] on [**2150-3-28**] at 10:30 AM",
       "[**Hospital1 18**] lab draw for BMP on [**2150-3-24**]",
       "Primary care Dr. [**First Name8 (NamePattern2) 2338**] in 2 weeks"),
    yn("pleural_effusion", "yes", "small bilateral\neffusions", note="ED CXR quoted in the HPI"),
    yn("pulmonary_edema", "yes", "CXR showed pulmonary edema", note="ED CXR quoted in the HPI"),
    ab("lines_tubes", "dual-chamber pacemaker mentioned as history, not as an imaging finding or line/tube"),
])

# =====================================================================================
# ds02_copd_pna - discharge summary, CAP + COPD exacerbation
# =====================================================================================
DS02_MEDS = ["Cefpodoxime 200 mg PO BID x 3 more days", "Prednisone 40 mg PO daily x 1 more day",
             "Tiotropium 18 mcg inhaled daily", "Fluticasone-salmeterol 250/50 mcg 1 puff inhaled BID",
             "Albuterol 90 mcg 2 puffs inhaled q4h PRN wheeze or SOB", "Metformin 1000 mg PO BID",
             "Amlodipine 5 mg PO daily", "Nicotine patch 21 mg/24 hr transdermal daily"]
note("ds02_copd_pna", [
    sp("chief_complaint", "Cough, fever and increased sputum production"),
    sp("admission_diagnosis", "Community-acquired pneumonia, RLL",
       note="no labelled admission diagnosis; taken from the first hospital-course problem, established "
            "in the ED (CXR RLL consolidation, antibiotics given)"),
    sp("principal_diagnosis", "Community-acquired pneumonia, right lower lobe"),
    ls("secondary_diagnoses", ("COPD exacerbation", 1), ("Hypokalemia", 1), "Steroid-induced hyperglycemia"),
    ls("past_medical_history", "COPD, GOLD 3", "Type 2 diabetes", ("Hypertension", "- Hypertension"),
       "Obstructive sleep apnea", "pulmonary tuberculosis"),
    ab("allergies", "Allergies: No Known Allergies (explicit none)"),
    ls("presenting_symptoms", "productive cough with green sputum", "subjective fevers",
       "worsening dyspnea on exertion", "pleuritic right sided chest pain"),
    num("symptom_duration", ["4 days", "4"], "4\ndays"),
    yn("fever", "yes", ("38.9", 0), note="T 38.9 in the ED; subjective fevers"),
    yn("chest_pain", "yes", "pleuritic right sided chest pain"),
    num("max_temperature", ["38.9"], ("38.9", 0)),
    num("oxygen_saturation", ["86%", "86"], "86%", note="ED on room air; ambulatory 90% on 2L later"),
    num("heart_rate", ["112"], "112"),
    sp("blood_pressure", "132/78"),
    num("wbc", ["16.4"], "16.4", note="11/2; 12.1, 9.3 later"),
    num("hemoglobin", ["14.8"], "14.8", note="11/2; 13.9, 14.1 later"),
    num("creatinine", ["1.1"], "1.1", note="11/2; 0.9 later"),
    num("potassium", ["3.3"], ("3.3", 0), note="11/2; 3.9, 4.1 later"),
    ab("troponin"),
    sp("chest_imaging", "right lower lobe consolidation", note="ED CXR; repeat CXR not done"),
    ab("procedures", "none performed; CXR is imaging; smoking counselling is not a procedure"),
    ab("surgery"),
    ls("antibiotics", ("ceftriaxone", 0), ("azithromycin", 0), "cefpodoxime"),
    ls("discharge_medications", *DS02_MEDS),
    ab("anticoagulation"),
    ls("new_medications", "Cefpodoxime 200 mg PO BID x 3 more days", "Prednisone 40 mg PO daily x 1 more day",
       "Nicotine patch 21 mg/24 hr transdermal daily",
       note="no admission medication list; metformin ('now on metformin', 'resumed'), inhalers ('home inhalers') "
            "and amlodipine (HTN) taken as home medications; ceftriaxone, azithromycin, methylprednisolone, "
            "duonebs, KCl and sliding-scale insulin inpatient only"),
    ab("stopped_medications", "nothing stopped"),
    dt("admission_date", ["2187-11-02"], "2187-11-2"),
    dt("discharge_date", ["2187-11-06"], "2187-11-6"),
    num("length_of_stay", ["4", "4 days"], "2187-11-2", "2187-11-6",
        note="not written as a number; derived from admission and discharge dates"),
    ab("discharge_condition", "not stated"),
    ab("discharge_disposition", "not stated"),
    yn("smoking", "yes", "Active smoker, 1 ppd"),
    sp("follow_up", "Follow up with your PCP in 1 week", "pulmonology in 4-6 weeks",
       "repeat chest x-ray in 6-8 weeks"),
    yn("consolidation", "yes", "right lower lobe consolidation", note="ED CXR quoted in the HPI"),
])

# =====================================================================================
# ds03_gibleed - discharge summary, NSAID gastric ulcer bleed on warfarin
# =====================================================================================
note("ds03_gibleed", [
    sp("chief_complaint", "Melena and lightheadedness", note="REASON FOR ADMISSION"),
    sp("admission_diagnosis", "Upper GI bleed",
       note="no labelled admission diagnosis; taken from the first hospital-course problem"),
    sp("principal_diagnosis", "Gastric ulcer with hemorrhage, NSAID related"),
    ls("secondary_diagnoses", "Acute blood loss anemia requiring transfusion", "Supratherapeutic INR on warfarin",
       ("Atrial fibrillation", "4. Atrial fibrillation")),
    ls("past_medical_history", ("AF", "hx of AF on warfarin"), "osteoarthritis", ("BPH", 0), "diverticulosis"),
    ls("allergies", "Penicillin", "Iodinated contrast"),
    ls("presenting_symptoms", "black tarry stools", "lightheadedness on standing"),
    num("symptom_duration", ["2 days", "2"], "2 days"),
    ab("fever"),
    ab("chest_pain"),
    ab("max_temperature"), ab("oxygen_saturation"), ab("heart_rate"),
    ab("blood_pressure", "'Orthostatic in the ED' without values"),
    ab("wbc"),
    num("hemoglobin", ["7.2 g/dL", "7.2"], ("7.2", 0), note="admission; nadir 6.9, 9.1 at discharge"),
    num("creatinine", ["1.0"], "1.0", note="admission; 0.9 at discharge"),
    ab("potassium"), ab("troponin"), ab("chest_imaging"),
    ls("procedures", ("EGD", 0), "transfused 3 units\npRBC in total",
       note="EGD with biopsies; pRBC transfusion (2 units in the ED, 3 in total); colonoscopy not performed; "
            "PCC not given"),
    ab("surgery", "EGD is an endoscopy, not surgery"),
    ab("antibiotics"),
    ls("discharge_medications", "Pantoprazole 40 mg PO BID x 8 weeks, then daily", "Diltiazem ER 180 mg PO daily",
       "Tamsulosin 0.4 mg PO qHS", "Ferrous sulfate 325 mg PO daily with orange juice",
       "Acetaminophen 650 mg PO q6h PRN pain (max 3 g/day)", "Apixaban 5 mg PO BID",
       note="warfarin is on the list only as 'HOLD ... Do NOT restart'; apixaban starts on 2201-01-19"),
    yn("anticoagulation", "no", "Warfarin held",
       note="warfarin held (and stopped); apixaban only planned from 2201-01-19, so not on anticoagulation now"),
    ls("new_medications", ("pantoprazole", "Started pantoprazole"), ("ferrous sulfate", "Started ferrous sulfate"),
       "Apixaban 5 mg PO BID",
       note="no admission medication list; apixaban replaces warfarin (switch, delayed start); diltiazem and "
            "acetaminophen not stated to be new; vitamin K and pRBC inpatient only"),
    ls("stopped_medications", ("Naproxen", "Naproxen, warfarin"), ("warfarin", "Naproxen, warfarin")),
    dt("admission_date", ["2201-01-08"], "2201-1-8"),
    dt("discharge_date", ["2201-01-12"], "2201-1-12"),
    num("length_of_stay", ["4", "4 days"], "2201-1-8", "2201-1-12",
        note="not written as a number; derived from admission and discharge dates"),
    ab("discharge_condition", "not stated"),
    ab("discharge_disposition", "not stated"),
    ab("smoking"),
    sp("follow_up", "GI clinic in 8 weeks for repeat EGD to confirm ulcer healing",
       "CBC with Dr. [**Last Name (STitle) 1457**] (PCP) on [**2201-1-15**]"),
])

# =====================================================================================
# ed01_chestpain - ED note, discharged home
# =====================================================================================
note("ed01_chestpain", [
    sp("chief_complaint", "Chest pain"),
    ab("admission_diagnosis", "never admitted (discharged home from the ED)"),
    sp("principal_diagnosis", "atypical chest pain", "GERD/esophageal spasm",
       note="ED visit ending in discharge home: the ED assessment is the discharge diagnosis"),
    ab("secondary_diagnoses"),
    ls("past_medical_history", "HTN", "hyperlipidemia", ("GERD", 0)),
    ls("allergies", "Codeine"),
    ls("presenting_symptoms", "substernal\nchest pressure", "mild nausea"),
    num("symptom_duration", ["40 min", "40 minutes", "40"], "~40 min",
        note="the episode lasted ~40 min; similar episodes x2 in the past month"),
    yn("fever", "no", "No fever"),
    yn("chest_pain", "yes", "substernal\nchest pressure"),
    num("max_temperature", ["36.7"], "36.7"),
    num("oxygen_saturation", ["99%", "99"], "99%"),
    num("heart_rate", ["82"], "82", note="vitals; ECG rate 80"),
    sp("blood_pressure", "146/90"),
    num("wbc", ["7.1"], "7.1"),
    num("hemoglobin", ["14.6"], "14.6"),
    num("creatinine", ["0.9"], "0.9"),
    num("potassium", ["4.0"], "4.0"),
    sp("troponin", "Troponin T (0 h) <0.01 ng/mL; Troponin T (3 h) <0.01 ng/mL"),
    sp("chest_imaging", "No acute cardiopulmonary process"),
    ab("procedures", "ECG and CXR are investigations; stress test only planned"),
    ab("surgery"),
    ab("antibiotics"),
    ls("discharge_medications", "omeprazole 40 mg PO daily before breakfast x 8 weeks",
       ("lisinopril", "Continue home lisinopril and atorvastatin"),
       ("atorvastatin", "Continue home lisinopril and atorvastatin"),
       note="ED discharge plan"),
    ab("anticoagulation", "single aspirin dose is an antiplatelet"),
    ab("new_medications", "omeprazole was a home medication (20 mg PRN); 40 mg daily is a dose/schedule change; "
                          "aspirin 324 mg and GI cocktail were single ED doses"),
    ab("stopped_medications"),
    dt("admission_date", ["2163-07-09"], "2163-7-9", note="ED arrival date"),
    dt("discharge_date", ["2163-07-09"], "2163-7-9", note="discharged home from the ED the same day"),
    ab("length_of_stay", "ED visit of hours"),
    sp("discharge_condition", "stable"),
    sp("discharge_disposition", "Home"),
    ab("smoking", "tobacco not mentioned (only cocaine denied)"),
    sp("follow_up", "Outpatient exercise stress test within 72 hours, referral placed to [**Hospital1 18**] cardiology"),
])

# =====================================================================================
# ed02_abdpain - ED note, appendicitis, admitted to surgery
# =====================================================================================
note("ed02_abdpain", [
    sp("chief_complaint", "RLQ abdominal pain"),
    sp("admission_diagnosis", "Acute uncomplicated appendicitis with appendicolith",
       note="ED impression; admitted to general surgery"),
    ab("principal_diagnosis", "not discharged (admitted)"),
    ab("secondary_diagnoses", "not discharged (admitted)"),
    ab("past_medical_history", "PMH: None. (explicit none; tonsillectomy is past surgical history)"),
    ab("allergies", "Allergies: NKDA. (explicit none)"),
    ls("presenting_symptoms", ("abdominal pain", "presents with abdominal pain"), "anorexia",
       "2 episodes of nonbloody emesis", "subjective fever"),
    num("symptom_duration", ["18 hours", "18"], "18 hours"),
    yn("fever", "yes", "38.2", note="T 38.2 and subjective fever"),
    ab("chest_pain"),
    num("max_temperature", ["38.2"], "38.2"),
    num("oxygen_saturation", ["100%", "100"], "100%"),
    num("heart_rate", ["108"], "108"),
    sp("blood_pressure", "118/72"),
    num("wbc", ["15.8"], "15.8"),
    num("hemoglobin", ["12.9"], "12.9"),
    ab("creatinine"), ab("potassium"), ab("troponin"), ab("chest_imaging"),
    ab("procedures", "laparoscopic appendectomy only planned; CT is imaging"),
    ab("surgery", "laparoscopic appendectomy only planned"),
    ls("antibiotics", "piperacillin-\ntazobactam"),
    ab("discharge_medications", "not discharged"),
    ab("anticoagulation"),
    ls("new_medications", "piperacillin-\ntazobactam",
       note="ED visit: morphine and ondansetron single doses, LR fluids excluded; OCP is a home medication"),
    ab("stopped_medications"),
    dt("admission_date", ["2144-05-30"], "2144-5-30", note="ED arrival date; admitted to general surgery"),
    ab("discharge_date", "not discharged"),
    ab("length_of_stay", "not discharged"),
    ab("discharge_condition", "not discharged"),
    ab("discharge_disposition", "admitted to general surgery (not a discharge)"),
    yn("smoking", "no", "no tobacco"),
    ab("follow_up", "admitted"),
])

# =====================================================================================
# pn01_urosepsis - medicine progress note, hospital day 3
# =====================================================================================
note("pn01_urosepsis", [
    ab("chief_complaint", "progress note; no presenting complaint stated"),
    sp("admission_diagnosis", "E. coli urosepsis and\nbacteremia"),
    ab("principal_diagnosis", "not discharged"),
    ab("secondary_diagnoses", "not discharged"),
    ls("past_medical_history", ("DM2", 0), ("HTN", 0), ("dementia", 0), "recurrent UTIs"),
    ab("allergies"),
    ab("presenting_symptoms", "presenting symptoms not stated; only current symptoms (suprapubic discomfort, "
                              "overnight confusion)"),
    ab("symptom_duration"),
    yn("fever", "yes", "Tmax 38.1"),
    ab("chest_pain"),
    num("max_temperature", ["38.1"], ("38.1", 1)),
    num("oxygen_saturation", ["97%", "97"], "97%"),
    num("heart_rate", ["88"], "88"),
    sp("blood_pressure", "124/70"),
    num("wbc", ["19.6"], "19.6", note="admission; 11.2 today"),
    num("hemoglobin", ["10.8"], "10.8"),
    num("creatinine", ["2.1"], ("2.1", "from 2.1 on admission"), note="admission; 1.2 today, baseline 0.9"),
    num("potassium", ["3.4"], ("3.4", 0)),
    ab("troponin"), ab("chest_imaging"),
    ab("procedures", "renal US is imaging; Foley placement not documented (only removal)"),
    ab("surgery"),
    ls("antibiotics", ("ceftriaxone", "ceftriaxone 1 g IV q24h"), note="cefpodoxime only planned"),
    ab("discharge_medications", "not discharged"),
    ab("anticoagulation", "heparin 5000 units SC q8h is prophylaxis"),
    ls("new_medications", ("ceftriaxone", "ceftriaxone 1 g IV q24h"),
       note="admission so far; KCl x1 repletion, SC heparin prophylaxis and sliding scale excluded; "
            "glargine and amlodipine continued"),
    ab("stopped_medications", "lisinopril, oxybutynin and metformin are held, not stopped"),
    ab("admission_date", "not stated (HD3 on 2133-09-18 implies 2133-09-16)"),
    ab("discharge_date", "not discharged"), ab("length_of_stay", "not discharged"),
    ab("discharge_condition", "not discharged"),
    ab("discharge_disposition", "'Likely home with daughter in 2-3 days' is not a discharge"),
    ab("smoking"),
    ab("follow_up", "inpatient; PT consult is not follow-up"),
])

# =====================================================================================
# pn02_dka - MICU progress note, DKA resolved
# =====================================================================================
note("pn02_dka", [
    ab("chief_complaint", "progress note; no presenting complaint stated"),
    sp("admission_diagnosis", ("DKA", "admitted with DKA")),
    ab("principal_diagnosis", "not discharged ('Anticipate discharge tomorrow')"),
    ab("secondary_diagnoses", "not discharged"),
    ls("past_medical_history", ("T1DM", 0)),
    ab("allergies"),
    ab("presenting_symptoms", "only 'Abd pain resolved' and 'No vomiting since admission'; presenting "
                              "symptoms not stated"),
    ab("symptom_duration", "'3 days of missed insulin doses' is not a symptom"),
    yn("fever", "no", "No fevers", note="also 'afebrile'"),
    ab("chest_pain"),
    num("max_temperature", ["36.9"], "36.9"),
    num("oxygen_saturation", ["99%", "99"], "99%"),
    num("heart_rate", ["92"], "92"),
    sp("blood_pressure", "122/74"),
    ab("wbc"), ab("hemoglobin"), ab("creatinine"),
    num("potassium", ["5.8"], "5.8", note="admission; 4.1, 3.6 later"),
    ab("troponin"),
    sp("chest_imaging", "CXR clear"),
    ab("procedures"), ab("surgery"), ab("antibiotics"),
    ab("discharge_medications", "not discharged"),
    ab("anticoagulation"),
    ls("new_medications", ("glargine", "glargine 22 units SC qHS"), ("lispro", "lispro 6 units with meals"),
       note="admission so far: insulin drip switched to SC basal-bolus insulin (switch rule); glargine 24->22 "
            "is a dose change; K-Phos and KCl are short repletion courses"),
    ls("stopped_medications", "Insulin drip", note="IV insulin infusion stopped, replaced by SC insulin"),
    dt("admission_date", ["2119-02-03"], ("2-3", "Adm [**2-3**]"), note="year from the note date"),
    ab("discharge_date", "not discharged"), ab("length_of_stay", "not discharged"),
    ab("discharge_condition", "not discharged"), ab("discharge_disposition", "call-out to floor, not a discharge"),
    ab("smoking", "only alcohol and drug use denied"),
    ab("follow_up", "inpatient"),
])

# =====================================================================================
# icu01_nursing - MICU nursing note, night shift
# =====================================================================================
note("icu01_nursing", [
    ab("chief_complaint", "shift note"),
    sp("admission_diagnosis", "ARDS secondary to influenza A pneumonia"),
    ab("principal_diagnosis", "not discharged"), ab("secondary_diagnoses", "not discharged"),
    ls("past_medical_history", "ETOH use\ndisorder", "HTN"),
    ab("allergies"),
    ab("presenting_symptoms"), ab("symptom_duration"),
    yn("fever", "yes", "Tmax 38.4"),
    ab("chest_pain"),
    num("max_temperature", ["38.4"], "38.4"),
    num("oxygen_saturation", ["93-96%", "93-96", "93"], "93-96%", note="range over the shift"),
    num("heart_rate", ["80s-90s", "80-90"], "80s-90s", note="range over the shift"),
    sp("blood_pressure", "100s-120s/60s", note="range over the shift"),
    ab("wbc"),
    num("hemoglobin", ["9.8"], "9.8"),
    ab("creatinine"),
    num("potassium", ["3.3"], "3.3"),
    ab("troponin"),
    sp("chest_imaging", "placement confirmed by CXR", note="only CXR result given: OGT position"),
    ls("procedures", ("Intubated", "Intubated on arrival"), "R IJ triple lumen CVC", "L radial arterial line",
       note="encounter = the ICU admission: intubation, CVC placement, arterial line; proning (yesterday) "
            "counted as positioning therapy, not a procedure; cultures and suctioning excluded"),
    ab("surgery"),
    ls("antibiotics", "vancomycin", "cefepime", note="oseltamivir is an antiviral"),
    ab("discharge_medications", "not discharged"),
    ab("anticoagulation"),
    ls("new_medications", "senna", "docusate",
       note="nursing note: the shift; KCl and magnesium one-off protocol repletion; vancomycin/cefepime started "
            "the previous day (day 2)"),
    ab("stopped_medications", "norepinephrine weaned, not stopped"),
    dt("admission_date", ["2139-11-29"], ("11-29", 0), note="year from the note date"),
    ab("discharge_date", "not discharged"), ab("length_of_stay", "not discharged"),
    ab("discharge_condition", "not discharged"), ab("discharge_disposition", "not discharged"),
    ab("smoking"), ab("follow_up", "inpatient"),
    ls("lines_tubes", "ETT", ("OGT", 0), "Foley", "R IJ triple lumen CVC", "L radial arterial line"),
])

# =====================================================================================
# op01_lapchole - operative report
# =====================================================================================
note("op01_lapchole", [
    sp("chief_complaint", "recurrent biliary colic", note="from the surgical indication"),
    sp("admission_diagnosis", ("Symptomatic cholelithiasis", 0), note="preoperative diagnosis"),
    ab("principal_diagnosis", "not discharged (anticipated same-day discharge)"),
    ab("secondary_diagnoses", "not discharged"),
    ab("past_medical_history"), ab("allergies"),
    ls("presenting_symptoms", "recurrent biliary colic"),
    ab("symptom_duration"), ab("fever"), ab("chest_pain"), ab("max_temperature"), ab("oxygen_saturation"),
    ab("heart_rate"), ab("blood_pressure"), ab("wbc"), ab("hemoglobin"), ab("creatinine"), ab("potassium"),
    ab("troponin"), ab("chest_imaging"),
    ls("procedures", "Laparoscopic cholecystectomy", "intraoperative cholangiogram",
       note="the intraoperative cholangiogram is an invasive part of the operation, listed under PROCEDURE"),
    sp("surgery", "Laparoscopic cholecystectomy with intraoperative cholangiogram"),
    ls("antibiotics", "Cefazolin", note="single prophylactic dose within 60 minutes of incision"),
    ab("discharge_medications", "not discharged"),
    ab("anticoagulation"),
    ls("new_medications", "Oxycodone 5 mg PO q6h PRN severe pain", "Acetaminophen 1 g PO q8h scheduled x 3 days",
       note="postoperative prescriptions in the note's plan; prophylactic cefazolin and fluids excluded"),
    ab("stopped_medications"),
    ab("admission_date", "only the date of operation is given"),
    ab("discharge_date", "not discharged"), ab("length_of_stay", "not discharged"),
    ab("discharge_condition", "'PACU in stable condition' is not a discharge"),
    ab("discharge_disposition", "PACU is not a discharge"),
    ab("smoking"),
    sp("follow_up", "Follow up in surgery clinic in 2 weeks"),
    ab("lines_tubes", "DRAINS: None; no Foley"),
])

# =====================================================================================
# cl01_cardiology - cardiology clinic letter, recurrent AF
# =====================================================================================
note("cl01_cardiology", [
    ab("chief_complaint", "routine follow-up for atrial fibrillation; no CC stated"),
    ab("admission_diagnosis", "clinic letter"), ab("principal_diagnosis", "clinic letter"),
    ab("secondary_diagnoses", "clinic letter"),
    ls("past_medical_history", "Persistent atrial fibrillation", "Hypertension", "Obstructive sleep apnea",
       "Obesity", note="the letter's diagnosis list"),
    ls("allergies", ("Amiodarone", "Allergies: Amiodarone")),
    ls("presenting_symptoms", "reduced exercise tolerance", "intermittent\npalpitations"),
    num("symptom_duration", ["2 months", "two months", "2"], "two months"),
    ab("fever"),
    yn("chest_pain", "no", "denies chest pain"),
    ab("max_temperature"), ab("oxygen_saturation"),
    num("heart_rate", ["96", "96 bpm"], "96 bpm", note="pulse on examination; ECG ventricular rate 94 bpm"),
    sp("blood_pressure", "138/84 mmHg"),
    ab("wbc"),
    num("hemoglobin", ["14.2 g/dL", "14.2"], "14.2"),
    num("creatinine", ["1.1 mg/dL", "1.1"], "1.1"),
    num("potassium", ["4.3 mmol/L", "4.3"], "4.3"),
    ab("troponin"), ab("chest_imaging"),
    ab("procedures", "catheter ablation only referred; cardioversion in June predates this visit; ECG/echo excluded"),
    ab("surgery"), ab("antibiotics"), ab("discharge_medications", "clinic letter"),
    yn("anticoagulation", "yes", "Rivaroxaban 20 mg once daily"),
    ab("new_medications", "metoprolol increased (dose change); nothing started"),
    ab("stopped_medications"),
    ab("admission_date", "clinic letter"), ab("discharge_date", "clinic letter"),
    ab("length_of_stay", "clinic letter"), ab("discharge_condition", "clinic letter"),
    ab("discharge_disposition", "clinic letter"),
    ab("smoking"),
    sp("follow_up", "I will see him 3 months after the ablation, sooner if needed",
       "Re-referral to the sleep clinic", "referred him for catheter ablation (pulmonary vein isolation)"),
    ab("cardiomegaly", "echo: normal LV, moderately dilated left atrium; heart size not stated"),
])

# =====================================================================================
# cl02_endocrine - endocrinology clinic letter, DM2
# =====================================================================================
note("cl02_endocrine", [
    sp("chief_complaint", "poor glycemic control despite oral agents", note="reason for referral"),
    ab("admission_diagnosis", "clinic letter"), ab("principal_diagnosis", "clinic letter"),
    ab("secondary_diagnoses", "clinic letter"),
    ls("past_medical_history", "DM2", "Hypertension", "hyperlipidemia", "hypothyroidism", "depression",
       note="family history of diabetes and stroke not counted"),
    ab("allergies", "Allergies: NKDA (explicit none)"),
    ls("presenting_symptoms", "fatigue", "polyuria", "nocturia", "shakiness", "sweating"),
    ab("symptom_duration"),
    ab("fever"),
    yn("chest_pain", "no", "chest pain", note="'She denies chest pain or claudication'"),
    ab("max_temperature"), ab("oxygen_saturation"),
    num("heart_rate", ["78"], ("78", "HR 78")),
    sp("blood_pressure", "142/86"),
    ab("wbc"), ab("hemoglobin"),
    num("creatinine", ["0.9 mg/dL", "0.9"], "0.9"),
    ab("potassium"), ab("troponin"), ab("chest_imaging"),
    ab("procedures", "monofilament test is a bedside screening test"),
    ab("surgery"), ab("antibiotics"), ab("discharge_medications", "clinic letter"),
    ab("anticoagulation"),
    ls("new_medications", ("semaglutide", "Start semaglutide"), ("empagliflozin", "Start empagliflozin")),
    ls("stopped_medications", ("glipizide", "Stop glipizide")),
    ab("admission_date", "clinic letter"), ab("discharge_date", "clinic letter"),
    ab("length_of_stay", "clinic letter"), ab("discharge_condition", "clinic letter"),
    ab("discharge_disposition", "clinic letter"),
    ab("smoking"),
    sp("follow_up", "Follow up with me in 3 months", "Referral to ophthalmology for a dilated eye exam",
       "Repeat A1c and BMP in 3 months"),
])

# =====================================================================================
# cs01_nephrology - nephrology consult, AKI + hyperkalemia
# =====================================================================================
note("cs01_nephrology", [
    sp("chief_complaint", "AKI and hyperkalemia", note="reason for consult"),
    ab("admission_diagnosis", "not stated by the admitting team"),
    ab("principal_diagnosis", "not discharged"), ab("secondary_diagnoses", "not discharged"),
    ls("past_medical_history", "HTN", "DM2", "CAD", "CKD stage 3b"),
    ls("allergies", "Penicillin"),
    ls("presenting_symptoms", ("diarrhea", "4 days of diarrhea"), "poor PO intake"),
    num("symptom_duration", ["4 days", "4"], "4 days"),
    ab("fever", "only a normal temperature (36.8) is given"),
    ab("chest_pain"),
    num("max_temperature", ["36.8"], "36.8"),
    num("oxygen_saturation", ["97%", "97"], "97%"),
    num("heart_rate", ["64"], ("64", "HR 64")),
    sp("blood_pressure", "104/58"),
    ab("wbc"), ab("hemoglobin"),
    num("creatinine", ["3.9"], ("3.9", 0), note="admission 5/10; 3.4, 3.1 later"),
    num("potassium", ["6.1"], ("6.1", 0), note="admission 5/10; 5.8, 5.6 later"),
    ab("troponin"), ab("chest_imaging"),
    ab("procedures", "renal ultrasound and ECG are investigations"),
    ab("surgery", "CABG 2168 is past history"),
    ab("antibiotics", "'a course of antibiotics for a dental infection' before admission, not named"),
    ab("discharge_medications", "not discharged"),
    ab("anticoagulation", "aspirin only"),
    ls("new_medications", "sodium bicarbonate",
       note="consult: the recommendation to start sodium bicarbonate; sodium zirconium cyclosilicate was started "
            "in the ED before the consult (continued); fluids excluded"),
    ab("stopped_medications", "lisinopril, spironolactone and metformin held, not stopped"),
    dt("admission_date", ["2175-05-10"], ("5-10", 0), note="year from the note date"),
    ab("discharge_date", "not discharged"), ab("length_of_stay", "not discharged"),
    ab("discharge_condition", "not discharged"), ab("discharge_disposition", "not discharged"),
    ab("smoking"),
    ab("follow_up", "inpatient consult ('We will follow with you')"),
])

# =====================================================================================
# rad01_cxr_normal - chest radiograph PA/lat, normal
# =====================================================================================
RAD01_IMPRESSION = "No acute cardiopulmonary process. No radiographic evidence of pneumonia."
note("rad01_cxr_normal", [
    ab("chief_complaint", "radiology report: the indication is a separate concept"),
    sp("admission_diagnosis", "COUGH", note="'Admitting Diagnosis: COUGH' in the header"),
    ab("past_medical_history", "surgical clips of a prior cholecystectomy are an imaging finding"),
    ls("presenting_symptoms", "cough", "low grade fever"),
    num("symptom_duration", ["5 days", "5"], "5 days"),
    yn("fever", "yes", "low grade fever"),
    sp("chest_imaging", RAD01_IMPRESSION),
    sp("exam_type", "CHEST (PA & LAT)", "Chest radiograph, PA and lateral views"),
    sp("indication", "38 year old woman with 5 days of cough, low grade fever", ("eval for pneumonia", 1)),
    sp("comparison", "2168-1-10"),
    yn("consolidation", "no", "no focal consolidation"),
    yn("pleural_effusion", "no", "pleural effusion", note="'There is no focal consolidation, pleural effusion, or pneumothorax'"),
    yn("pneumothorax", "no", "pneumothorax", note="'There is no focal consolidation, pleural effusion, or pneumothorax'"),
    yn("cardiomegaly", "no", "The cardiomediastinal silhouette is normal in size"),
    yn("pulmonary_edema", "no", "No pulmonary edema"),
    ab("nodule"), ab("nodule_size"),
    ab("lines_tubes", "surgical clips only"),
    sp("main_finding", "No acute cardiopulmonary process", "No radiographic evidence of pneumonia"),
    sp("impression", RAD01_IMPRESSION),
    ab("recommendation"),
])

# =====================================================================================
# rad02_cta_chest - CTA chest, PE protocol
# =====================================================================================
RAD02_IMPRESSION = ("1. No pulmonary embolism.\n2. New right lower lobe consolidation, possibly pneumonia or "
                    "aspiration. Clinical correlation\nrecommended.\n3. Small right pleural effusion.\n4. Stable 6 mm "
                    "left upper lobe nodule since [**2156-5-19**]; no further follow-up needed for this nodule.\n"
                    "5. Emphysema and moderate coronary artery calcifications.")
note("rad02_cta_chest", [
    ab("chief_complaint", "radiology report: the indication is a separate concept"),
    ls("presenting_symptoms", "acute dyspnea", "tachycardia", "left calf swelling", note="from the indication"),
    ab("chest_imaging", "CT, not a chest radiograph"),
    sp("exam_type", "CTA CHEST WITH AND WITHOUT CONTRAST"),
    sp("indication", "67 year old man with acute dyspnea, tachycardia and left calf swelling.\n"
                     "Evaluate for pulmonary embolism."),
    sp("comparison", "CT chest [**2156-5-19**]"),
    yn("consolidation", "yes", "new patchy consolidation in the right lower lobe"),
    yn("pleural_effusion", "yes", ("Small right pleural effusion", 0)),
    yn("pneumothorax", "no", "No pneumothorax"),
    yn("cardiomegaly", "no", "The heart is normal in size"),
    ab("pulmonary_edema"),
    yn("nodule", "yes", "6 mm solid nodule in the left upper lobe"),
    num("nodule_size", ["6 mm", "6"], ("6 mm", 0)),
    ab("lines_tubes"),
    sp("main_finding", "No pulmonary embolism",
       "New right lower lobe consolidation, possibly pneumonia or aspiration",
       note="negative for the question asked (PE); the new RLL consolidation is the main positive finding"),
    sp("impression", RAD02_IMPRESSION),
    sp("recommendation", "Clinical correlation\nrecommended",
       note="no follow-up needed for the stable nodule"),
])

# =====================================================================================
# rad03_us_ruq - RUQ ultrasound
# =====================================================================================
RAD03_IMPRESSION = ("1. Cholelithiasis without sonographic evidence of acute cholecystitis.\n2. No biliary dilatation. "
                    "Choledocholithiasis cannot be excluded in the obscured distal CBD; MRCP\ncould be considered if "
                    "clinical suspicion persists.\n3. Hepatic steatosis.")
note("rad03_us_ruq", [
    ab("chief_complaint", "radiology report: the indication is a separate concept"),
    ls("presenting_symptoms", "RUQ pain after fatty meals"),
    ab("chest_imaging", "abdominal ultrasound"),
    sp("exam_type", "ULTRASOUND ABDOMEN, RIGHT UPPER QUADRANT"),
    sp("indication", "45 yo woman with RUQ pain after fatty meals, elevated ALP. Eval for cholecystitis."),
    ab("comparison", "Comparison: None. (explicit none)"),
    sp("main_finding", "Cholelithiasis without sonographic evidence of acute cholecystitis"),
    sp("impression", RAD03_IMPRESSION),
    sp("recommendation", "MRCP\ncould be considered if clinical suspicion persists"),
])

# =====================================================================================
# rad04_cxr_chf - portable chest radiograph, CHF
# =====================================================================================
RAD04_IMPRESSION = ("1. Moderate pulmonary edema and small bilateral pleural effusions, consistent with CHF\n"
                    "exacerbation.\n2. Cardiomegaly, increased since [**2149-9-2**].\n3. Bibasilar opacities, likely "
                    "atelectasis; infection cannot be excluded.")
note("rad04_cxr_chf", [
    ab("chief_complaint", "radiology report: the indication is a separate concept"),
    ls("past_medical_history", "heart failure", note="from the indication"),
    ls("presenting_symptoms", "SOB"),
    sp("chest_imaging", RAD04_IMPRESSION),
    sp("exam_type", "PORTABLE CHEST X-RAY (AP)"),
    sp("indication", "71 yo woman with heart failure, now with SOB. Evaluate for pulmonary edema."),
    sp("comparison", "Chest radiograph from [**2149-9-2**]"),
    yn("consolidation", "uncertain", "superimposed infection cannot be excluded",
       note="bibasilar opacities likely atelectasis; infection not excluded"),
    yn("pleural_effusion", "yes", "Small bilateral pleural effusions are new"),
    yn("pneumothorax", "no", "No pneumothorax"),
    yn("cardiomegaly", "yes", "The heart is moderately enlarged"),
    yn("pulmonary_edema", "yes", "Moderate pulmonary edema"),
    ab("nodule"), ab("nodule_size"),
    ls("lines_tubes", "left-sided\ndual-chamber pacemaker/ICD", note="device with RA and RV leads"),
    sp("main_finding", "Moderate pulmonary edema and small bilateral pleural effusions, consistent with CHF\n"
                       "exacerbation"),
    sp("impression", RAD04_IMPRESSION),
    ab("recommendation"),
])


# ---------------------------------------------------------------- build
def build_note_cells(nid, ctx, spec):
    ctype = {c: t for _, c, t in CONCEPTS}
    given = {}
    for c in spec:
        if c["concept"] not in ctype:
            raise BuildError(f"{nid}: unknown concept {c['concept']}")
        if c["concept"] in given:
            raise BuildError(f"{nid}: concept {c['concept']} given twice")
        given[c["concept"]] = c
    out = []
    for q, cid, t in CONCEPTS:
        where = f"{nid}/{cid}"
        c = given.get(cid)
        row = {"note_id": nid, "questionnaire": q, "concept_id": cid, "status": "absent",
               "values": ["not_mentioned"] if t == "yes_no" else [], "spans": [], "items": [],
               "note": c["note"] if c else ""}
        if c is None or c["kind"] == "absent":
            out.append(row)
            continue
        is_list = cid in LIST_CONCEPTS
        expected = "list" if is_list else t
        if c["kind"] != expected:
            raise BuildError(f"{where}: helper kind {c['kind']} but concept needs {expected}")
        if not c["refs"]:
            raise BuildError(f"{where}: answered cell without spans")
        located = [locate(ctx, r, where) for r in c["refs"]]
        row["status"] = "answer"
        row["spans"] = [[s, s + len(text)] for text, s in located]
        if is_list:
            row["items"] = [{"text": text, "start": s, "end": s + len(text)} for text, s in located]
            row["values"] = [text for text, _ in located]
        elif t == "span":
            row["values"] = [text for text, _ in located]
        elif t == "yes_no":
            if c["values"][0] not in VERDICTS - {"not_mentioned"}:
                raise BuildError(f"{where}: bad verdict")
            row["values"] = c["values"]
        elif t == "date":
            for v in c["values"]:
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
                    raise BuildError(f"{where}: bad ISO date {v}")
            row["values"] = c["values"]
        else:
            if not c["values"]:
                raise BuildError(f"{where}: number without values")
            row["values"] = c["values"]
        out.append(row)
    return out


def main():
    if len(CONCEPTS) != 48:
        raise BuildError(f"expected 48 concepts, found {len(CONCEPTS)}")
    files = {p.stem: p for p in NOTES_DIR.glob("*.txt")}
    if set(files) != set(NOTES):
        raise BuildError(f"notes/cells mismatch: files-only {set(files) - set(NOTES)}, "
                         f"spec-only {set(NOTES) - set(files)}")
    cells, errors = [], []
    for nid in sorted(NOTES):
        spec = NOTES[nid]
        ctx = files[nid].read_text(encoding="utf-8")
        for c in spec:  # report every cell error, not only the first
            try:
                build_note_cells(nid, ctx, [c])
            except BuildError as e:
                errors.append(str(e))
        if not errors:
            cells.extend(build_note_cells(nid, ctx, spec))
    if errors:
        raise BuildError("\n  " + "\n  ".join(errors))

    with open(HERE / "cells.jsonl", "w", encoding="utf-8") as f:
        for c in cells:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    qs = OrderedDict()
    for c in cells:
        d = qs.setdefault(c["questionnaire"], {"answer": 0, "absent": 0, "total": 0})
        d[c["status"]] += 1
        d["total"] += 1
    per_note = OrderedDict()
    for c in cells:
        d = per_note.setdefault(c["note_id"], {"discharge-summary": 0, "radiology-report": 0})
        d[c["questionnaire"]] += c["status"] == "answer"
    stats = {
        "notes": len(NOTES),
        "cells": len(cells),
        "cells_by_status": {"answer": sum(c["status"] == "answer" for c in cells),
                            "absent": sum(c["status"] == "absent" for c in cells)},
        "cells_by_questionnaire": qs,
        "answered_cells_per_note": per_note,
    }
    with open(HERE / "cells_stats.json", "w", encoding="utf-8") as f:
        json.dump(stats, f, ensure_ascii=False, indent=1)
    print(json.dumps(stats, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    try:
        main()
    except BuildError as e:
        print(f"BUILD ERROR: {e}", file=sys.stderr)
        sys.exit(1)
