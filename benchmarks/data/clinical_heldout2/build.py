#!/usr/bin/env python3
"""Build heldout.json, cells.jsonl and stats.json for clinical_heldout2 from notes/*.txt.

Every gold answer and every cell span is written below as TEXT; offsets are computed here by
searching the note.  A reference is one of:
    "text"                 the text must occur exactly once (as a whole token sequence)
    ("text", n)            the n-th (0-based) whole-token occurrence
    ("text", "anchor")     the anchor must occur exactly once and contain the text exactly once
    ("text", "all")        (answers only) every whole-token occurrence, one answer each
The build stops with an error when a text is missing, ambiguous, or only found inside a longer
token (e.g. "1.3" inside "11.3" or "21" inside "2167").  Standard library only.
"""
import json
import re
import sys
from collections import Counter, OrderedDict
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOTES_DIR = HERE / "notes"

CATEGORIES = {"Diagnosis", "Medication", "Symptoms", "Procedure", "Lab Reports", "Other"}
ANSWER_TYPES = {"span", "number", "date", "yes_no", "list"}
VERDICTS = {"yes", "no", "uncertain", "not_mentioned"}
NOTE_TYPES = {"discharge_summary", "emergency", "progress", "operative", "clinic_letter", "radiology", "other"}
LIST_CONCEPTS = {"secondary_diagnoses", "past_medical_history", "allergies", "presenting_symptoms",
                 "procedures", "antibiotics", "discharge_medications", "new_medications",
                 "stopped_medications", "lines_tubes"}


class BuildError(Exception):
    pass


def load_concepts():
    concepts, q = [], None
    for line in (HERE / "CONCEPTS.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"### questionnaire `([^`]+)`", line)
        if m:
            q = m.group(1)
        m = re.match(r"- `([a-z0-9_]+)` \(([a-z_]+)", line)
        if m and q:
            concepts.append((q, m.group(1), m.group(2)))
    if len(concepts) != 48:
        raise BuildError(f"expected 48 concepts, found {len(concepts)}")
    return concepts


# ---------------------------------------------------------------- locating text
def _tok(ch):
    return ch.isalnum()


def _whole(ctx, s, text):
    """True when ctx[s:s+len(text)] is not part of a longer token."""
    e = s + len(text)
    if _tok(text[0]) and s > 0:
        if _tok(ctx[s - 1]):
            return False
        # a decimal such as 1.3 inside 11.3 / 0.13 -> ".3" preceded by a digit
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


def find_all(ctx, text, where):
    if not text:
        raise BuildError(f"{where}: empty text")
    raw = _all(ctx, text)
    good = [s for s in raw if _whole(ctx, s, text)]
    if not good:
        if raw:
            raise BuildError(f"{where}: {text!r} only occurs inside a longer token")
        raise BuildError(f"{where}: {text!r} not found")
    return good


def locate(ctx, ref, where):
    """Return a list of start offsets (one for normal refs, several for 'all')."""
    if isinstance(ref, str):
        text, sel = ref, None
    else:
        text, sel = ref
    good = find_all(ctx, text, where)
    if sel is None:
        if len(good) != 1:
            raise BuildError(f"{where}: {text!r} is ambiguous ({len(good)} occurrences)")
        return text, [good[0]]
    if sel == "all":
        return text, good
    if isinstance(sel, int):
        if sel >= len(good):
            raise BuildError(f"{where}: {text!r} occurrence {sel} requested, only {len(good)}")
        return text, [good[sel]]
    anchor = sel
    a = _all(ctx, anchor)
    if len(a) != 1:
        raise BuildError(f"{where}: anchor {anchor!r} occurs {len(a)} times")
    inside = [s for s in good if a[0] <= s and s + len(text) <= a[0] + len(anchor)]
    if len(inside) != 1:
        raise BuildError(f"{where}: {text!r} occurs {len(inside)} times inside anchor {anchor!r}")
    return text, inside


def one(ctx, ref, where):
    text, starts = locate(ctx, ref, where)
    if len(starts) != 1:
        raise BuildError(f"{where}: 'all' not allowed here")
    return text, starts[0]


# ---------------------------------------------------------------- question helpers
def Q(question, atype, category, answers=(), verdict=None):
    return {"question": question, "answer_type": atype, "category": category,
            "answers": list(answers), "verdict": verdict}


def YN(question, category, verdict, *answers):
    return Q(question, "yes_no", category, answers, verdict)


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


def note(note_id, note_type, qas, cells):
    if note_id in NOTES:
        raise BuildError(f"duplicate note {note_id}")
    NOTES[note_id] = {"note_type": note_type, "qas": qas, "cells": cells}


# =====================================================================================
# soap_hosp_01 - SOAP hospitalist progress note, hospital day 3
# =====================================================================================
note("soap_hosp_01", "progress", [
    Q("Cr on admission?", "number", "Lab Reports", [("1.9", 0), ("1.9", 1)]),
    Q("What is the most recent creatinine?", "number", "Lab Reports", [("1.3", 0), ("1.3", 1)]),
    Q("Peak WBC this admission?", "number", "Lab Reports", ["18.6"]),
    Q("Hgb on 3/13?", "number", "Lab Reports", ["12.4"]),
    Q("Procalcitonin today (3/14)?", "number", "Lab Reports", ["1.8"]),
    Q("What was the lactate after the fluid bolus?", "number", "Lab Reports", ["1.4"]),
    Q("SpO2 in the ED?", "number", "Lab Reports", ["86%", ("SpO2 86% on RA", None)]),
    Q("Tmax?", "number", "Lab Reports", ["38.9 C", ("38.9", None)]),
    Q("Why is the lisinopril on hold?", "span", "Medication", ["AKI and soft BP", "because of the AKI and soft BP"]),
    Q("What is his home lisinopril dose?", "number", "Medication", ["20 mg"]),
    YN("Was azithromycin stopped?", "Medication", "yes", "Azithromycin stopped today"),
    Q("Current metoprolol dose?", "span", "Medication", ["50 mg BID"]),
    Q("What's the plan for the antibiotics tomorrow?", "span", "Medication",
      ["switch to PO cefuroxime 500 mg BID tomorrow if afebrile >24 h", "PO cefuroxime 500 mg BID"]),
    YN("Does he smoke?", "Other", "no", "quit 2160", "former smoker, 40 pack-years, quit 2160"),
    YN("Any PE?", "Diagnosis", "no", "no pulmonary embolism", "PE ruled out by CTPA"),
    YN("Does the patient have lung cancer?", "Diagnosis", "not_mentioned"),
    YN("Was a thoracentesis done?", "Procedure", "no", "diagnostic thoracentesis considered but not pursued"),
    YN("Has the TTE been done?", "Procedure", "no", "still pending, not yet done"),
    YN("Does he have atrial fibrillation?", "Diagnosis", "yes", "paroxysmal atrial fibrillation", ("Paroxysmal AF", None)),
    Q("What grew in the sputum?", "span", "Lab Reports", ["Streptococcus pneumoniae"]),
    Q("Troponin?", "number", "Lab Reports", []),
    Q("What was his INR?", "number", "Lab Reports", []),
    Q("¿Qué anticoagulante toma el paciente?", "span", "Medication", [("apixaban", "on apixaban, CKD"), "apixaban 5 mg BID"]),
    Q("What symptoms did he come in with?", "list", "Symptoms", [("cough", "cough and shortness of breath"), "shortness of breath"]),
    YN("Hemoptysis?", "Symptoms", "no", "no hemoptysis"),
    Q("When was he discharged?", "date", "Other", []),
    YN("Was he intubated?", "Procedure", "not_mentioned"),
    Q("What was the BNP?", "number", "Lab Reports", []),
    YN("Is he on a cephalosporin?", "Medication", "yes", "Ceftriaxone 2 g IV q24h"),
], [
    sp("chief_complaint", "cough and shortness of breath"),
    sp("admission_diagnosis", "severe community-acquired pneumonia"),
    ls("past_medical_history", "HTN", "paroxysmal atrial fibrillation", ("CKD 3a", 0)),
    ab("allergies", "Allergies: NKDA. (explicit none)"),
    ls("presenting_symptoms", ("cough", "cough and shortness of breath"), "shortness of breath"),
    num("symptom_duration", ["4 days", "4"], "x4 days"),
    yn("fever", "yes", "Tmax 38.9 C"),
    yn("chest_pain", "no", "No chest pain"),
    num("max_temperature", ["38.9 C", "38.9"], "38.9 C"),
    num("oxygen_saturation", ["86%", "86"], "86%", note="ED value on room air; 93% on 2 L NC on 3/14"),
    num("heart_rate", ["112"], "112", note="ED value; 88 irregular on 3/14, RVR to the 130s overnight"),
    sp("blood_pressure", "98/60", note="ED value; 128/76 on 3/14"),
    num("wbc", ["18.6"], "18.6", note="3/12; 15.2 on 3/13, 11.9 on 3/14"),
    num("hemoglobin", ["13.1"], "13.1", note="3/12; 12.4, 12.2 later"),
    num("creatinine", ["1.9"], ("1.9", 0), note="3/12; 1.6 then 1.3"),
    num("potassium", ["5.3"], "5.3", note="3/12; 4.8 then 4.2"),
    sp("chest_imaging", "dense RLL consolidation, small R parapneumonic effusion, no pneumothorax"),
    ab("procedures", "thoracentesis considered but not pursued; TTE pending; imaging excluded"),
    ls("antibiotics", "Ceftriaxone", "Azithromycin",
       note="cefuroxime is only planned for tomorrow, so not counted"),
    yn("anticoagulation", "yes", "Continue apixaban 5 mg BID"),
    ls("new_medications", "Ceftriaxone", "Azithromycin",
       note="antibiotics started this admission; metoprolol dose increase and lisinopril hold are not new/stopped"),
    ls("stopped_medications", "Azithromycin", note="lisinopril is held, not stopped"),
    dt("admission_date", ["2163-03-12"], "03/12/2163"),
    yn("smoking", "no", "quit 2160", note="former smoker"),
    yn("consolidation", "yes", "dense RLL consolidation"),
    yn("pleural_effusion", "yes", "small R parapneumonic effusion"),
    yn("pneumothorax", "no", "no pneumothorax"),
])

# =====================================================================================
# transfer_01 - inter-hospital transfer summary
# =====================================================================================
TRANSFER_MEDS = ["Aspirin 75 mg OD", "Ticagrelor 90 mg BD", "Enoxaparin 90 mg SC BD", "Atorvastatin 80 mg ON",
                 "Bisoprolol 2.5 mg OD", "Insulin glargine 28 units ON", "Nicotine patch 21 mg/24 h",
                 "GTN 400 micrograms SL PRN"]
note("transfer_01", "discharge_summary", [
    Q("Peak trop?", "number", "Lab Reports", ["1,340 ng/L", ("1,340", None)]),
    Q("What was the troponin at 3 h?", "number", "Lab Reports", ["212 ng/L"]),
    Q("Potassium on admission?", "number", "Lab Reports", ["4.4"]),
    Q("Creatinine at transfer?", "number", "Lab Reports", ["101"]),
    Q("EF?", "number", "Lab Reports", ["45%", "LVEF 45%"]),
    Q("HbA1c?", "number", "Lab Reports", ["71 mmol/mol"]),
    Q("What was her BNP?", "number", "Lab Reports", []),
    YN("Any aortic dissection?", "Diagnosis", "no", "aortic dissection ruled out"),
    YN("Did she have a heart attack this time?", "Diagnosis", "yes",
       "NSTEMI (non-ST-elevation myocardial infarction)"),
    YN("Has she ever had a stroke?", "Diagnosis", "no", "Has never had a stroke"),
    YN("Did her sister have an MI?", "Other", "yes", "sister MI at 58", "my sister's heart attack"),
    Q("Why wasn't clopidogrel used?", "span", "Medication", ["because of the allergy", "widespread urticarial rash"]),
    Q("Why was metformin held?", "span", "Medication", ["ahead of contrast"]),
    Q("What dose was the atorvastatin increased to?", "number", "Medication", [("80 mg", "all")]),
    Q("Which anticoagulant is she on?", "span", "Medication", ["Enoxaparin 1 mg/kg SC BD", "Enoxaparin 90 mg SC BD"]),
    YN("Is she on a beta-blocker?", "Medication", "yes", "bisoprolol 2.5 mg OD", "Bisoprolol 2.5 mg OD"),
    YN("Was coronary angiography done at St Brendan?", "Procedure", "no", "no cath lab on site"),
    Q("Meds on transfer?", "list", "Medication", TRANSFER_MEDS),
    Q("When was she transferred?", "date", "Other", ["5 February 2167"]),
    YN("Raucht die Patientin?", "Other", "yes", "current smoker, about 15 cigarettes/day"),
    Q("Jakie było ciśnienie tętnicze przy przyjęciu?", "span", "Lab Reports", ["158/94"]),
    YN("Any fever?", "Symptoms", "no", "Afebrile throughout"),
    Q("What was her lactate?", "number", "Lab Reports", []),
    YN("Did she have a cardiac arrest?", "Diagnosis", "not_mentioned"),
    Q("When was the angiogram done?", "date", "Procedure", []),
    YN("Was she cardioverted?", "Procedure", "not_mentioned"),
], [
    sp("chief_complaint", "Central chest tightness radiating to the jaw"),
    sp("admission_diagnosis", "acute coronary syndrome, possible NSTEMI"),
    sp("principal_diagnosis", "NSTEMI (non-ST-elevation myocardial infarction)",
       note="inter-hospital transfer is treated as the end of this hospital's encounter (a discharge)"),
    ls("secondary_diagnoses", "poorly controlled type 2 diabetes", "tobacco dependence"),
    ls("past_medical_history", "type 2 diabetes (insulin since 2164)", "hyperlipidaemia", "obesity",
       "obstructive sleep apnoea"),
    ls("allergies", ("clopidogrel", "Allergies: clopidogrel")),
    ls("presenting_symptoms", "Central chest tightness radiating to the jaw", "nausea", "sweating"),
    num("symptom_duration", ["6 hours", "6"], "about 6 hours"),
    yn("fever", "no", "Afebrile throughout"),
    yn("chest_pain", "yes", "Central chest tightness radiating to the jaw"),
    num("max_temperature", ["36.9"], "36.9", note="36.9 on admission, 36.8 at transfer"),
    num("oxygen_saturation", ["95%", "95"], "95%", note="admission; 97% at transfer"),
    num("heart_rate", ["104"], ("104", "HR 104"), note="admission; 72 at transfer"),
    sp("blood_pressure", "158/94", note="admission; 132/78 at transfer"),
    num("wbc", ["11.2"], "11.2", note="2 Feb; 9.4 on 5 Feb"),
    num("hemoglobin", ["138 g/L", "138", "13.8 g/dL"], "138", note="2 Feb; 131 on 5 Feb"),
    num("creatinine", ["94 µmol/L", "94"], ("94", "(µmol/L) 94"), note="2 Feb; 101 on 5 Feb"),
    num("potassium", ["4.4"], "4.4", note="2 Feb; 4.1 on 5 Feb"),
    sp("troponin", "0 h 48 ng/L, 3 h 212 ng/L, 24 h 1,340 ng/L (peak), 5 Feb 880 ng/L",
       note="serial hs-troponin T; peak 1,340 ng/L"),
    ab("procedures", "ECG, CT aortogram and echo are investigations; angiography only planned at the receiving centre"),
    ls("discharge_medications", *TRANSFER_MEDS, note="medications on transfer"),
    yn("anticoagulation", "yes", "Enoxaparin 90 mg SC BD", note="treatment-dose LMWH (1 mg/kg BD)"),
    ls("new_medications", "Aspirin 75 mg OD", "Ticagrelor 90 mg BD", "Enoxaparin 90 mg SC BD",
       "Bisoprolol 2.5 mg OD", "Nicotine patch 21 mg/24 h", "GTN 400 micrograms SL PRN",
       note="home meds were metformin, glargine, atorvastatin 20 mg (dose increased, not new); IV GTN inpatient only"),
    ab("stopped_medications", "metformin held (not stopped); IV GTN weaned (inpatient only)"),
    dt("admission_date", ["2167-02-02"], "2 February 2167"),
    dt("discharge_date", ["2167-02-05"], "5 February 2167", note="date of transfer"),
    num("length_of_stay", ["3", "3 days"], "2 February 2167", "5 February 2167",
        note="not written as a number; derived from admission and transfer dates"),
    sp("discharge_condition", "stable, pain-free, on room air"),
    sp("discharge_disposition", "Harrowgate Regional Heart Centre, Cardiology"),
    yn("smoking", "yes", "current smoker, about 15 cigarettes/day"),
    sp("follow_up", "coronary angiography via radial route; cardiac rehabilitation referral afterwards",
       note="care planned at the receiving centre"),
])

# =====================================================================================
# gp_letter_01 - British hospital discharge letter to GP (prose)
# =====================================================================================
GP_MEDS = ["Co-amoxiclav 625 mg three times a day until 15/11/2170", "Amlodipine 5 mg once daily",
           "Sertraline 50 mg once daily", "Atorvastatin 40 mg at night", "Clopidogrel 75 mg once daily",
           "Paracetamol 1 g four times a day when required", "Adcal-D3 one tablet twice daily",
           "Laxido one sachet daily"]
note("gp_letter_01", "clinic_letter", [
    Q("What was her creatinine on admission?", "number", "Lab Reports", ["188 µmol/L", ("188", None)]),
    Q("Creatinine at discharge?", "number", "Lab Reports", ["97 µmol/L", ("97", None)]),
    Q("Potassium on the day she went home?", "number", "Lab Reports", ["4.3 mmol/L"]),
    Q("CRP on admission?", "number", "Lab Reports", ["214 mg/L"]),
    Q("Temperature on arrival?", "number", "Lab Reports", ["38.6°C"]),
    Q("Troponin?", "number", "Lab Reports", []),
    Q("Which antihypertensives were stopped?", "list", "Medication",
      [("ramipril", "stopped her ramipril"), "bendroflumethiazide"]),
    Q("Why was trimethoprim stopped?", "span", "Medication", ["her organism is resistant to it"]),
    YN("Was the sertraline stopped?", "Medication", "no",
       "held for two days while she was delirious and has been restarted at her usual dose"),
    Q("Amlodipine dose now?", "number", "Medication", [("5 mg", "to 5 mg"), "Amlodipine 5 mg once daily"]),
    Q("How long is the co-amoxiclav course in total?", "number", "Medication", ["ten days"]),
    Q("Bis wann soll Co-Amoxiclav eingenommen werden?", "date", "Medication", ["15 November", "15/11/2170"]),
    Q("What is she allergic to?", "list", "Medication", ["codeine", ("Elastoplast", "to Elastoplast")]),
    Q("What organism grew?", "span", "Lab Reports", ["Escherichia coli"]),
    YN("Any history of CVA?", "Diagnosis", "yes", "previous CVA", "right parietal stroke in 2161"),
    YN("Does she have dementia?", "Diagnosis", "no", "did not suggest dementia"),
    YN("Did her mother have Alzheimer's?", "Other", "yes",
       "both Mrs Gwynne-Morrow's mother and her sister had Alzheimer's disease"),
    YN("Is she on anticoagulation?", "Medication", "not_mentioned"),
    YN("Smoker?", "Other", "no", "lifelong non-smoker"),
    YN("Was the renal ultrasound done?", "Procedure", "no", "went home before it could be done"),
    Q("What blood test should the GP arrange?", "span", "Other", ["repeat U&E in one week"]),
    Q("What did she present with?", "list", "Symptoms", [("worsening confusion", "days of worsening confusion"), "fall at home"]),
    Q("Sodium?", "number", "Lab Reports", []),
    Q("What was her HbA1c?", "number", "Lab Reports", []),
    YN("Is she diabetic?", "Diagnosis", "not_mentioned"),
    YN("Is she still on an ACE inhibitor?", "Medication", "no", "stopped her ramipril"),
    YN("Is she on a statin?", "Medication", "yes", "Atorvastatin 40 mg at night"),
], [
    sp("chief_complaint", "worsening confusion and a fall at home"),
    sp("admission_diagnosis", "acute pyelonephritis",
       note="the letter gives one diagnosis made on admission and kept at discharge"),
    sp("principal_diagnosis", "acute pyelonephritis"),
    ls("secondary_diagnoses", "acute kidney injury", "hypoactive delirium"),
    ls("past_medical_history", "right parietal stroke", "hypertension", "osteoporosis",
       "recurrent urinary tract infections"),
    ls("allergies", "codeine", ("Elastoplast", "to Elastoplast")),
    ls("presenting_symptoms", ("worsening confusion", "days of worsening confusion"), "fall at home"),
    num("symptom_duration", ["2 days", "two days", "2"], ("two days", "two days of worsening")),
    yn("fever", "yes", "temperature of 38.6°C"),
    yn("chest_pain", "no", "did not complain of chest pain"),
    num("max_temperature", ["38.6°C", "38.6"], "38.6°C"),
    num("oxygen_saturation", ["95%", "95"], "95%"),
    num("heart_rate", ["108"], "108"),
    sp("blood_pressure", "96/54 mmHg", note="on arrival; 118/70-134/80 later"),
    num("wbc", ["17.9 x10^9/L", "17.9"], "17.9 x10^9/L"),
    num("hemoglobin", ["118 g/L", "118", "11.8 g/dL"], "118 g/L"),
    num("creatinine", ["188 µmol/L", "188"], "188 µmol/L", note="admission; 97 µmol/L at discharge"),
    num("potassium", ["5.6 mmol/L", "5.6"], "5.6 mmol/L", note="admission; 4.3 at discharge"),
    sp("chest_imaging", "A chest radiograph was clear"),
    ab("procedures", "no procedures; IV fluids and imaging only; renal ultrasound not done"),
    ls("antibiotics", ("co-amoxiclav", "intravenous co-amoxiclav, a single"), ("gentamicin", "single dose of gentamicin"),
       note="trimethoprim was pre-admission prophylaxis, stopped"),
    ls("discharge_medications", *GP_MEDS),
    ab("anticoagulation", "not mentioned; clopidogrel is an antiplatelet"),
    ls("new_medications", "Co-amoxiclav 625 mg three times a day until 15/11/2170", "Laxido one sachet daily",
       note="marked (new) in the list; amlodipine reduced (dose change)"),
    ls("stopped_medications", ("ramipril", "stopped her ramipril"), "bendroflumethiazide",
       ("trimethoprim", "stopped the trimethoprim"), note="sertraline held then restarted: not stopped"),
    dt("admission_date", ["2170-11-06"], "6 November 2170"),
    dt("discharge_date", ["2170-11-14"], ("14 November 2170", 0), ("14 November 2170", 1)),
    num("length_of_stay", ["8", "8 days"], "eight-night", note="'eight-night stay'; 6 to 14 November"),
    sp("discharge_condition", "well and back to her usual self"),
    sp("discharge_disposition", ("home", "went home today")),
    yn("smoking", "no", "lifelong non-smoker"),
    sp("follow_up", "repeat U&E in one week", "rebooked as an outpatient scan on 28 November 2170"),
    ab("consolidation", "CXR only described as 'clear'"),
])

# =====================================================================================
# onc_clinic_01 - GI oncology clinic note, adjuvant mFOLFOX6
# =====================================================================================
note("onc_clinic_01", "progress", [
    Q("What chemo regimen is he on?", "span", "Medication", [("mFOLFOX6", "all")]),
    Q("Why was C5 deferred?", "span", "Medication", ["ANC 1.1 is below our threshold of 1.5"]),
    Q("New oxaliplatin dose?", "number", "Medication", ["68 mg/m2"]),
    YN("Was oxaliplatin stopped?", "Medication", "no", "oxaliplatin dose reduced by 20%"),
    Q("Why was dexamethasone stopped?", "span", "Medication",
      ["nausea is only mild and it is pushing his glucose up"]),
    Q("5-FU infusion dose?", "number", "Medication", ["2400 mg/m2"]),
    Q("ANC at C4?", "number", "Lab Reports", ["2.4"]),
    Q("ANC today?", "number", "Lab Reports", [("1.1", "ANC 1.1 (C4")]),
    Q("Pre-op CEA?", "number", "Lab Reports", ["9.8 ng/mL"]),
    Q("Current CEA?", "number", "Lab Reports", ["1.4 ng/mL"]),
    Q("Glucose?", "number", "Lab Reports", ["212 mg/dL"]),
    Q("What is his potassium?", "number", "Lab Reports", []),
    Q("Weight at C1?", "number", "Other", ["82.0 kg"]),
    Q("What grade is the neuropathy?", "span", "Symptoms", ["grade 2"]),
    YN("Does the patient have breast cancer?", "Diagnosis", "not_mentioned"),
    YN("Did his mom have breast cancer?", "Other", "yes", "mother had breast cancer at 49"),
    YN("Is the tumour MMR deficient?", "Diagnosis", "no", "MMR proficient"),
    YN("Any fevers?", "Symptoms", "no", "no fevers"),
    YN("Is he on anticoagulation?", "Medication", "not_mentioned"),
    Q("When is the surveillance colonoscopy due?", "date", "Procedure", ["June 2167"]),
    Q("When is he coming back?", "date", "Other", [("2166-09-28", "all")]),
    Q("What is his albumin?", "number", "Lab Reports", []),
    YN("Czy pacjent pali papierosy?", "Other", "no", "never smoker"),
    YN("Has he got diarrhoea?", "Symptoms", "no", "No diarrhea"),
    Q("What did the post-chemo CT show?", "span", "Procedure", []),
    YN("Has he had a DVT?", "Diagnosis", "not_mentioned"),
    Q("What is his INR?", "number", "Lab Reports", []),
], [
    ab("chief_complaint", "routine pre-cycle follow-up; no complaint-driven visit"),
    ls("past_medical_history", "hypertension", "gout", "colon cancer"),
    ab("allergies", "Allergies: none known."),
    ls("presenting_symptoms", "tingling in the fingertips and toes", "trouble doing up shirt buttons",
       "Cold-induced throat tightness", ("nausea", "grade 1 nausea"), "fatigue",
       note="symptoms reported at this clinic visit (interval history)"),
    yn("fever", "no", "no fevers"),
    yn("chest_pain", "no", "No chest pain or palpitations"),
    num("max_temperature", ["36.5"], "36.5"),
    num("oxygen_saturation", ["99%", "99"], "99%"),
    num("heart_rate", ["76"], "76"),
    sp("blood_pressure", "142/88"),
    num("wbc", ["3.2 x10^9/L", "3.2"], "3.2 x10^9/L"),
    num("hemoglobin", ["11.6 g/dL", "11.6"], "11.6 g/dL"),
    num("creatinine", ["0.9 mg/dL", "0.9"], "0.9 mg/dL"),
    ab("surgery", "sigmoid colectomy 2166-06-02 is past surgical history, not this encounter"),
    ab("procedures", "C5 deferred; no procedure at this visit"),
    ab("anticoagulation", "not mentioned"),
    ab("new_medications", "none started at this visit"),
    ls("stopped_medications", ("Dexamethasone", "Dexamethasone stopped"),
       note="oxaliplatin dose reduction and omission of the 5-FU bolus are regimen dose modifications"),
    yn("smoking", "no", "never smoker"),
    sp("follow_up", "return 2166-09-28 for labs and C5; clinic review before C6"),
])

# =====================================================================================
# snf_dc_01 - skilled nursing facility discharge summary
# =====================================================================================
SNF_MEDS = ["Apixaban 5 mg PO twice daily", "Metoprolol succinate 50 mg PO daily", "Furosemide 20 mg PO daily",
            "Levothyroxine 75 mcg PO daily before breakfast", "Atorvastatin 20 mg PO at bedtime",
            "Alendronate 70 mg PO once weekly (Sundays)",
            "Calcium carbonate 600 mg + vitamin D3 800 IU PO twice daily",
            "Acetaminophen 650 mg PO q6h PRN pain (max 3 g/day)", "Senna 8.6 mg PO at bedtime PRN constipation"]
note("snf_dc_01", "discharge_summary", [
    Q("Most recent Hgb?", "number", "Lab Reports", ["10.4 g/dL", ("10.4", None)]),
    Q("K on 04/04?", "number", "Lab Reports", ["3.6"]),
    Q("What was her INR?", "number", "Lab Reports", []),
    Q("Which DOAC is she on?", "span", "Medication", ["Apixaban 5 mg PO twice daily", ("apixaban", "anticoagulation - apixaban")]),
    Q("Which beta-blocker?", "span", "Medication", ["Metoprolol succinate 50 mg PO daily", ("metoprolol", "on metoprolol")]),
    Q("What statin is she taking?", "span", "Medication", ["Atorvastatin 20 mg PO at bedtime"]),
    Q("When was apixaban restarted?", "date", "Medication", ["04/01"]),
    Q("When was oxycodone discontinued?", "date", "Medication", ["04/17"]),
    Q("Why was docusate stopped?", "span", "Medication", ["ineffective"]),
    Q("What happened to the furosemide after the ankle swelling?", "span", "Medication",
      ["temporarily increased to 40 mg daily for 3 days, then returned to 20 mg"]),
    Q("d/c meds?", "list", "Medication", SNF_MEDS),
    Q("What reaction does she get with sulfa?", "span", "Medication", ["hives"]),
    YN("Was the DEXA scan done?", "Procedure", "no", "DEXA scan recommended but not done here"),
    YN("Did she get a blood transfusion?", "Procedure", "yes", "1 unit PRBC"),
    Q("What surgery did she have for the hip?", "span", "Procedure", ["intramedullary nail fixation", ("IM nail", "all")]),
    YN("Does she have MS?", "Diagnosis", "not_mentioned"),
    YN("Did she smoke?", "Other", "no", "Tobacco: never"),
    Q("Weight at discharge?", "number", "Other", ["66.9 kg"]),
    Q("How far can she walk now?", "number", "Other", ["150 ft"]),
    Q("What was her BNP?", "number", "Lab Reports", []),
    Q("¿Adónde fue dada de alta la paciente?", "span", "Other",
      ["home with her daughter, with home health PT/OT and nursing (Bayside Home Health)", "home with her daughter"]),
    Q("Which meds were stopped during the stay?", "list", "Medication",
      [("oxycodone", "Stopped during stay: oxycodone"), ("docusate", "oxycodone, docusate")]),
    Q("Troponin?", "number", "Lab Reports", []),
    YN("Did she have chest pain?", "Symptoms", "not_mentioned"),
    YN("Was she ever intubated?", "Procedure", "not_mentioned"),
], [
    sp("chief_complaint", "short-term rehabilitation after a left hip fracture (intertrochanteric)",
       note="reason for SNF admission"),
    sp("admission_diagnosis", "left hip fracture (intertrochanteric)"),
    sp("principal_diagnosis", "Left intertrochanteric hip fracture s/p IM nail"),
    ls("secondary_diagnoses", "Chronic atrial fibrillation", "Heart failure with preserved EF", "Hypothyroidism",
       "Osteoporosis", "Post-operative anemia", "Opioid-related constipation"),
    ls("past_medical_history", "Chronic atrial fibrillation", "Heart failure with preserved EF", "Hypothyroidism",
       note="no separate PMH section; chronic conditions from the problem list"),
    ls("allergies", "sulfa drugs", ("morphine", "morphine (itching")),
    num("max_temperature", ["37.0 C", "37.0"], "37.0 C"),
    ab("fever", "not stated; temperatures 37.0 and 36.6"),
    num("oxygen_saturation", ["95%", "95"], "95%", note="SNF admission; 97% at discharge"),
    num("heart_rate", ["84"], ("84", "HR 84"), note="SNF admission; 72 at discharge"),
    sp("blood_pressure", "112/64", note="SNF admission; 124/70 at discharge"),
    num("wbc", ["7.8"], "7.8", note="04/04; 6.9 on 04/18"),
    num("hemoglobin", ["8.9 g/dL", "8.9"], "8.9 g/dL", note="04/04; 10.4 on 04/18"),
    num("creatinine", ["1.02 mg/dL", "1.02"], "1.02 mg/dL", note="04/04; 0.95 on 04/18"),
    num("potassium", ["3.6"], "3.6", note="04/04; 4.1 on 04/18"),
    ls("procedures", "intramedullary nail fixation", "1 unit PRBC",
       note="done in the acute stay that this rehab episode continues; summarised in the note"),
    sp("surgery", "intramedullary nail fixation", note="acute-hospital part of the same episode"),
    ls("discharge_medications", *SNF_MEDS),
    yn("anticoagulation", "yes", "Apixaban 5 mg PO twice daily"),
    ls("new_medications", "Alendronate 70 mg PO once weekly (Sundays)",
       "Calcium carbonate 600 mg + vitamin D3 800 IU PO twice daily", note="marked NEW on the list"),
    ls("stopped_medications", ("oxycodone", "Stopped during stay: oxycodone"), ("docusate", "oxycodone, docusate")),
    dt("admission_date", ["2172-04-03"], "04/03/2172", note="SNF admission"),
    dt("discharge_date", ["2172-04-24"], "04/24/2172"),
    num("length_of_stay", ["21", "21 days"], "04/03/2172", "04/24/2172",
        note="not written as a number; derived from the SNF admission and discharge dates"),
    sp("discharge_condition", "good; medically stable"),
    sp("discharge_disposition", "home with her daughter, with home health PT/OT and nursing (Bayside Home Health)"),
    yn("smoking", "no", "Tobacco: never"),
    sp("follow_up", "orthopedics (Dr Nakashima-Bell) on 05/02/2172 with hip X-ray; PCP Dr F. Ruiz within 2 weeks"),
])

# =====================================================================================
# anaes_preop_01 - pre-anaesthetic assessment
# =====================================================================================
note("anaes_preop_01", "other", [
    Q("What operation is planned?", "span", "Procedure",
      ["Laparoscopic cholecystectomy +/- intra-operative cholangiogram", "Laparoscopic cholecystectomy"]),
    YN("Has the gallbladder been taken out yet?", "Procedure", "no", "Planned date: 19.07.2169"),
    Q("When is the surgery?", "date", "Procedure", ["19.07.2169"]),
    YN("Is the patient MH susceptible?", "Diagnosis", "uncertain", "The patient himself has never been tested"),
    YN("Does his brother have malignant hyperthermia?", "Other", "yes",
       "confirmed malignant hyperthermia susceptible on muscle biopsy"),
    Q("Last clopidogrel dose?", "date", "Medication", ["13.07.2169"]),
    YN("Is the aspirin continued?", "Medication", "yes", "continue aspirin throughout"),
    Q("Why is empagliflozin being withheld?", "span", "Medication", ["risk of euglycaemic DKA"]),
    Q("What antibiotic prophylaxis is advised?", "span", "Medication", ["clindamycin 600 mg IV at induction"]),
    Q("What reaction did he have to cefalexin?", "span", "Medication", [("anaphylaxis", "all")]),
    YN("Is ondansetron an allergy?", "Medication", "no", "NOT an allergy"),
    Q("Welche Allergien hat der Patient?", "list", "Medication",
      [("Cefalexin", "Cefalexin - anaphylaxis"), ("Elastoplast", "Elastoplast - contact")]),
    Q("Mallampati?", "span", "Other", ["III", "Mallampati III"]),
    Q("ASA class?", "number", "Other", [("3", "ASA physical status: 3")]),
    Q("STOP-BANG score?", "number", "Other", ["7/8"]),
    Q("BMI?", "number", "Other", ["35.3"]),
    YN("Smoker?", "Other", "yes", "current smoker, 20 cigarettes/day for 30 years"),
    YN("Does he have diabetes?", "Diagnosis", "yes", "Type 2 diabetes"),
    YN("Has he had an echo for this?", "Procedure", "no", "Echocardiogram not required"),
    Q("Creatinine?", "number", "Lab Reports", ["82 µmol/L"]),
    Q("Pre-op troponin?", "number", "Lab Reports", []),
    Q("What was his INR?", "number", "Lab Reports", []),
    YN("Any angina recently?", "Symptoms", "no", "angina-free since"),
    Q("From what time is he nil by mouth?", "span", "Other", []),
    YN("Does he have asthma?", "Diagnosis", "not_mentioned"),
], [
    sp("chief_complaint", "recurrent biliary colic", note="surgical indication for the referral"),
    ls("past_medical_history", "Obstructive sleep apnoea", "Type 2 diabetes", "Hypertension",
       "Coronary artery disease", "GORD"),
    ls("allergies", ("Cefalexin", "Cefalexin - anaphylaxis"), ("Elastoplast", "Elastoplast - contact"),
       note="ondansetron explicitly not an allergy (headache)"),
    ls("presenting_symptoms", "recurrent biliary colic"),
    yn("chest_pain", "no", "angina-free since"),
    num("oxygen_saturation", ["96%", "96"], "96%"),
    num("heart_rate", ["68"], "68"),
    sp("blood_pressure", "138/84"),
    num("wbc", ["8.3"], "8.3"),
    num("hemoglobin", ["151 g/L", "151", "15.1 g/dL"], "151 g/L"),
    num("creatinine", ["82 µmol/L", "82"], "82 µmol/L"),
    num("potassium", ["4.6"], "4.6"),
    ab("procedures", "cholecystectomy only planned (19.07.2169)"),
    ab("surgery", "cholecystectomy only planned (19.07.2169); knee arthroscopy 2163 is past history"),
    ab("antibiotics", "clindamycin only advised for induction"),
    ab("anticoagulation", "aspirin and clopidogrel are antiplatelets"),
    ls("new_medications", ("nicotine patch 21 mg/24 h", "nicotine patch 21 mg/24 h started today"),
       note="peri-operative drugs are only planned"),
    ab("stopped_medications", "clopidogrel/empagliflozin/metformin/perindopril holds are planned, not done"),
    yn("smoking", "yes", "current smoker, 20 cigarettes/day for 30 years"),
])

# =====================================================================================
# pharm_medrec_01 - pharmacist admission medication reconciliation
# =====================================================================================
note("pharm_medrec_01", "other", [
    Q("Why is valsartan held?", "span", "Medication",
      ["AKI (creatinine 2.1 mg/dL, baseline 1.3) and hypotension"]),
    Q("Why is the eplerenone on hold?", "span", "Medication", ["K 5.8 mmol/L on admission"]),
    YN("Was the warfarin left off the admission orders?", "Medication", "yes", "UNINTENDED OMISSION"),
    Q("Which NSAID was stopped?", "span", "Medication", ["IBUPROFEN"]),
    Q("Home carvedilol dose?", "span", "Medication", ["12.5 mg PO BID"]),
    Q("What carvedilol dose was ordered?", "span", "Medication", ["6.25 mg BID"]),
    Q("Recommended allopurinol dose?", "span", "Medication", ["100 mg daily"]),
    YN("Is he on a beta-blocker?", "Medication", "yes", "CARVEDILOL 12.5 mg PO BID"),
    YN("Is he on an SGLT2 inhibitor?", "Medication", "yes", "DAPAGLIFLOZIN 10 mg PO daily"),
    YN("Is he still taking omeprazole?", "Medication", "no", "patient stopped it himself in December 2173"),
    YN("Can he have sacubitril/valsartan?", "Medication", "no", "sacubitril/valsartan also contraindicated"),
    Q("What reaction did lisinopril cause?", "span", "Medication", ["angioedema"]),
    YN("Is spironolactone an allergy?", "Medication", "no", "Intolerance, not allergy"),
    Q("K on admit?", "number", "Lab Reports", [("5.8 mmol/L", "all")]),
    Q("K this morning?", "number", "Lab Reports", ["5.1 mmol/L"]),
    Q("BNP?", "number", "Lab Reports", ["2,450 pg/mL"]),
    Q("hs-trop?", "number", "Lab Reports", ["38 ng/L"]),
    Q("HR on arrival?", "number", "Lab Reports", []),
    YN("Does he have diabetes?", "Diagnosis", "not_mentioned"),
    YN("Does he smoke?", "Other", "no", "ex-smoker (stopped 2160)"),
    Q("What fluid restriction was advised?", "span", "Other", ["1.5 L fluid restriction"]),
    Q("Jakie było INR przy przyjęciu?", "number", "Lab Reports", [("2.6", "all")]),
    Q("Which home meds are on hold?", "list", "Medication", ["VALSARTAN", "EPLERENONE"]),
    Q("What is his weight?", "number", "Other", []),
    Q("Expected discharge date?", "date", "Other", []),
    YN("Is he on dialysis?", "Procedure", "not_mentioned"),
], [
    sp("admission_diagnosis", "acute decompensated heart failure"),
    ls("past_medical_history", "ischaemic cardiomyopathy", "permanent atrial fibrillation", "gout",
       "CKD stage 3a", "osteoarthritis of both knees"),
    ls("allergies", ("Lisinopril", "Lisinopril - angioedema"), ("Amoxicillin", "Amoxicillin - maculopapular"),
       note="spironolactone listed as an intolerance, not an allergy"),
    sp("blood_pressure", "88/56"),
    num("creatinine", ["2.1 mg/dL", "2.1"], ("2.1 mg/dL", 0), ("2.1 mg/dL", 1), note="admission; 1.9 next morning"),
    num("potassium", ["5.8 mmol/L", "5.8"], ("5.8 mmol/L", 0), ("5.8 mmol/L", 1), note="admission; 5.1 next morning"),
    sp("troponin", "hs-TnI 38 ng/L (41 ng/L at 3 h, flat)"),
    yn("anticoagulation", "yes", "WARFARIN 5 mg Mon/Wed/Fri and 2.5 mg other days",
       note="home warfarin, omitted in error on admission and re-ordered the same night"),
    ab("new_medications", "no new drugs; dose/route changes only (carvedilol, furosemide, allopurinol)"),
    ls("stopped_medications", "IBUPROFEN",
       note="valsartan/eplerenone held; omeprazole stopped by patient before admission; metolazone not ordered"),
    dt("admission_date", ["2174-01-08"], ("2174-01-08", 0)),
    yn("smoking", "no", "ex-smoker (stopped 2160)"),
])

# =====================================================================================
# ob_triage_01 - obstetric triage note (discharged home from triage)
# =====================================================================================
note("ob_triage_01", "emergency", [
    Q("First BP in triage?", "span", "Lab Reports", ["148/96"]),
    Q("Highest BP?", "span", "Lab Reports", ["152/98"]),
    Q("Last BP before she went home?", "span", "Lab Reports", ["132/84"]),
    Q("BP at 22:30?", "span", "Lab Reports", ["136/88"]),
    Q("UPC ratio?", "number", "Lab Reports", [("0.14", "all")]),
    Q("Platelets?", "number", "Lab Reports", ["212"]),
    Q("Creatinine?", "number", "Lab Reports", ["0.62 mg/dL"]),
    Q("What was her magnesium level?", "number", "Lab Reports", []),
    Q("Gestational age?", "span", "Other", [("34w2d", "all"), "34+2"]),
    YN("Does she have preeclampsia?", "Diagnosis", "no", "Preeclampsia ruled out"),
    YN("Does she have gestational hypertension?", "Diagnosis", "no",
       "Does not yet meet criteria for gestational hypertension"),
    YN("Did her mom have preeclampsia?", "Other", "yes", "mother had preeclampsia in both of her pregnancies"),
    YN("Does she have chronic hypertension?", "Diagnosis", "not_mentioned"),
    YN("Any visual changes?", "Symptoms", "no", "Denies visual changes"),
    YN("Was betamethasone given?", "Medication", "no", "Betamethasone not indicated at this time"),
    YN("Was magnesium sulfate started?", "Medication", "not_mentioned"),
    Q("What was given for the headache in triage?", "span", "Medication", ["acetaminophen 1 g PO"]),
    Q("Why is she on aspirin?", "span", "Medication", ["preeclampsia risk reduction"]),
    Q("When is her follow-up visit?", "date", "Other", ["08/21/2161"]),
    Q("¿Cuál fue la frecuencia cardiaca fetal basal?", "number", "Lab Reports", [("140", "baseline 140")]),
    YN("¿Fuma la paciente?", "Other", "no", "never smoker"),
    YN("Any contractions?", "Symptoms", "no", "Denies VB, LOF, ctx"),
    Q("What is her Rh status?", "span", "Lab Reports", []),
    YN("Did she have a seizure?", "Symptoms", "not_mentioned"),
    Q("Estimated fetal weight?", "number", "Lab Reports", []),
], [
    sp("chief_complaint", "headache and swollen feet since this morning"),
    sp("principal_diagnosis", "elevated blood pressure in pregnancy",
       note="triage visit that ended in discharge home; the assessment is taken as the discharge diagnosis"),
    ls("past_medical_history", "mild intermittent asthma", "migraine without aura",
       note="A1GDM belongs to the current pregnancy course"),
    ls("allergies", ("latex", "latex (hives)"), note="no known drug allergies"),
    ls("presenting_symptoms", "frontal headache", "increasing swelling of the feet and hands"),
    num("symptom_duration", ["12 hours", "3 days"], "~12 h", "x3 days",
        note="headache about 12 h; swelling 3 days"),
    num("max_temperature", ["37.0"], "37.0"),
    ab("fever", "not stated; T 37.0 in triage"),
    num("oxygen_saturation", ["99%", "99"], "99%"),
    num("heart_rate", ["92"], ("92", "HR 92"), note="first row; 84 at 23:45"),
    sp("blood_pressure", "148/96", note="first reading 21:10; peak 152/98, last 132/84"),
    num("wbc", ["9.8"], "9.8"),
    num("hemoglobin", ["11.4"], "11.4"),
    num("creatinine", ["0.62 mg/dL", "0.62"], "0.62 mg/dL"),
    ab("procedures", "fetal monitoring and labs only"),
    ab("anticoagulation", "aspirin 81 mg only (antiplatelet)"),
    ab("new_medications", "single dose of acetaminophen in triage excluded; aspirin continued"),
    dt("admission_date", ["2161-08-19"], "08/19/2161", note="triage arrival date"),
    dt("discharge_date", ["2161-08-20"], "08/20/2161"),
    ab("length_of_stay", "triage visit of about 3 hours; no inpatient stay"),
    sp("discharge_condition", "stable condition"),
    sp("discharge_disposition", ("home", "Discharged home 08/20/2161")),
    yn("smoking", "no", "never smoker"),
    sp("follow_up", "Repeat BP check and labs in OB clinic in 48 h (08/21/2161)",
       "Growth ultrasound ordered for next week"),
])

# =====================================================================================
# signout_01 - resident's telegraphic overnight sign-out (I-PASS)
# =====================================================================================
note("signout_01", "other", [
    Q("K this AM?", "number", "Lab Reports", ["3.2"]),
    Q("Latest K?", "number", "Lab Reports", ["3.6"]),
    Q("Admission lipase?", "number", "Lab Reports", ["2,340"]),
    Q("Tmax?", "number", "Lab Reports", ["38.1"]),
    Q("last Hb?", "number", "Lab Reports", []),
    Q("WBC?", "number", "Lab Reports", []),
    Q("Peak CIWA?", "number", "Other", ["19"]),
    Q("What's the LR rate now?", "span", "Medication", ["100/h"]),
    Q("Why no haloperidol?", "span", "Medication", [("dystonia", "all")]),
    Q("What to give if the 22:00 K is < 3.5?", "span", "Medication", [("KCl 40 mEq PO", "if K < 3.5 -> KCl 40 mEq PO")]),
    YN("Did he get lorazepam?", "Medication", "yes", "lorazepam 2 mg IV x2"),
    YN("Is he on abx?", "Medication", "no", "No abx"),
    YN("MRCP planned?", "Procedure", "no", "MRCP NOT needed"),
    YN("Gallstones?", "Diagnosis", "no", ("no stones", "all")),
    YN("Any pancreatic necrosis?", "Diagnosis", "no", "no necrosis"),
    YN("Pneumonia on the CXR?", "Diagnosis", "no", "CXR no consolidation"),
    YN("Does pt have capacity?", "Other", "yes", "he has capacity"),
    YN("Smoker?", "Other", "yes", "1/2 ppd smoker"),
    Q("Code status?", "span", "Other", ["FULL CODE"]),
    YN("Hatte der Patient Fieber?", "Symptoms", "yes", "Tmax 38.1 @ 03:00"),
    Q("When was he admitted?", "date", "Other", [("10/9", "adm 10/9")]),
    Q("When is he expected to go home?", "date", "Other", []),
    Q("¿Cuál fue la hemoglobina?", "number", "Lab Reports", []),
], [
    ab("chief_complaint", "overnight sign-out; no complaint stated"),
    sp("admission_diagnosis", "acute pancreatitis"),
    ls("past_medical_history", "EtOH use d/o"),
    ls("allergies", "PCN", ("haloperidol", "PCN (rash); haloperidol")),
    yn("fever", "yes", "Tmax 38.1 @ 03:00"),
    num("max_temperature", ["38.1"], "38.1"),
    num("potassium", ["3.2"], "3.2", note="AM value; 3.6 at 17:00"),
    sp("chest_imaging", ("no consolidation", "CXR no consolidation")),
    ab("procedures", "none; MRCP not needed, EUS only if recurrent"),
    ab("antibiotics", "No abx"),
    ls("new_medications", ("lorazepam", "-> lorazepam 2 mg IV x2"), "hydromorphone 0.5 mg IV q3h PRN",
       "Thiamine 500 mg IV TID", "folate 1 mg", "MVI daily", "Nicotine patch 14 mg daily",
       note="home meds none, so all regular drugs this admission are new; one-off KCl/Mg repletion and IV fluids excluded"),
    dt("admission_date", ["2165-10-09"], ("10/9", "adm 10/9")),
    yn("smoking", "yes", "1/2 ppd smoker"),
    yn("consolidation", "no", ("no consolidation", "CXR no consolidation")),
])

# =====================================================================================
# ehr_export_01 - EHR export with pipe tables (DKA, step-down)
# =====================================================================================
note("ehr_export_01", "progress", [
    Q("K on admit?", "number", "Lab Reports", ["5.9"]),
    Q("Lowest K?", "number", "Lab Reports", ["3.3"]),
    Q("Bicarb on 06-04 at 05:30?", "number", "Lab Reports", [("22", "| 22 ")]),
    Q("Latest creatinine?", "number", "Lab Reports", ["66"]),
    Q("Sodium at 09:00 on 06-03?", "number", "Lab Reports", ["133"]),
    Q("Initial venous pH?", "number", "Lab Reports", ["6.98"]),
    Q("Beta-hydroxybutyrate on admission?", "number", "Lab Reports", ["7.2"]),
    Q("Hb on 06-05?", "number", "Lab Reports", ["124"]),
    Q("HR at 14:00 on 3 June?", "number", "Lab Reports", [("98", "| 98  |")]),
    Q("Tmax?", "number", "Lab Reports", ["37.9"]),
    Q("Troponin?", "number", "Lab Reports", []),
    Q("Lactate on arrival?", "number", "Lab Reports", []),
    Q("When did the DKA resolve?", "date", "Diagnosis", ["06-04 04:00"]),
    Q("What precipitated the DKA?", "span", "Diagnosis",
      ["missed insulin (pump failure 06-01, no backup pens at home) plus viral gastroenteritis"]),
    YN("Is she pregnant?", "Diagnosis", "no", "serum hCG negative"),
    Q("Why was sertraline held?", "span", "Medication", ["held while vomiting"]),
    YN("Was the insulin drip stopped?", "Medication", "yes", "STOPPED 06-04 09:30"),
    Q("New levothyroxine dose?", "number", "Medication", ["88 mcg"]),
    Q("What is she on for VTE prophylaxis?", "span", "Medication", ["Enoxaparin 40 mg SC daily"]),
    YN("Does she smoke?", "Other", "no", "Tobacco: Never"),
    Q("When is discharge planned?", "date", "Other", ["tomorrow (06-06)"]),
    Q("Jaki był poziom glukozy przy przyjęciu?", "number", "Lab Reports", ["31.4"]),
    Q("What were her presenting symptoms?", "list", "Symptoms", ["Vomiting", "abdominal pain", "can't stop drinking water"]),
    Q("Discharge date?", "date", "Other", []),
    YN("Does she have celiac disease?", "Diagnosis", "not_mentioned"),
    YN("Was she intubated?", "Procedure", "not_mentioned"),
], [
    sp("chief_complaint", 'Vomiting x 2 days, abdominal pain, "can\'t stop drinking water"'),
    sp("admission_diagnosis", "Type 1 diabetes mellitus with ketoacidosis without coma"),
    ls("past_medical_history", "T1DM", "Depression", "Hashimoto thyroiditis"),
    ls("allergies", "Penicillin", "Adhesive tape"),
    ls("presenting_symptoms", "Vomiting", "abdominal pain", "can't stop drinking water"),
    num("symptom_duration", ["2 days", "2"], "2 days"),
    num("max_temperature", ["37.9"], "37.9"),
    ab("fever", "not stated; highest recorded temperature 37.9"),
    num("oxygen_saturation", ["99%", "99"], ("99%", "| 104/62 | 32 | 99%"), note="first flowsheet row"),
    num("heart_rate", ["128"], "128", note="first flowsheet row"),
    sp("blood_pressure", "104/62", note="first flowsheet row"),
    num("wbc", ["21.3"], "21.3", note="06-03; 8.2 on 06-05"),
    num("hemoglobin", ["152 g/L", "152", "15.2 g/dL"], "152", note="06-03; 124 on 06-05"),
    num("creatinine", ["141 µmol/L", "141"], "141", note="06-03 03:05; falls to 66"),
    num("potassium", ["5.9"], "5.9", note="06-03 03:05; nadir 3.3"),
    sp("chest_imaging", "clear lungs, no consolidation"),
    ab("anticoagulation", "enoxaparin 40 mg daily is VTE prophylaxis only"),
    ls("new_medications", "Insulin regular IV infusion", "Insulin glargine SC", "Ondansetron", "Enoxaparin",
       note="home regimen: pump aspart, levothyroxine (dose increased), sertraline (held/resumed); IV fluids excluded"),
    ls("stopped_medications", "Insulin regular IV infusion", note="inpatient infusion stopped 06-04"),
    dt("admission_date", ["2168-06-03"], ("2168-06-03", "Admit: 2168-06-03")),
    yn("smoking", "no", "Tobacco: Never"),
    yn("consolidation", "no", "clear lungs, no consolidation"),
])

# =====================================================================================
# caps_dictation_01 - all-caps dictated discharge summary (upper GI bleed)
# =====================================================================================
CAPS_MEDS = ["PANTOPRAZOLE 40 MG BY MOUTH TWICE DAILY FOR 8 WEEKS THEN ONCE DAILY",
             "BISMUTH SUBCITRATE POTASSIUM METRONIDAZOLE TETRACYCLINE CAPSULES 3 CAPSULES FOUR TIMES DAILY FOR 14 DAYS",
             "APIXABAN 5 MG TWICE DAILY", "METOPROLOL SUCCINATE 50 MG DAILY",
             "LISINOPRIL 10 MG DAILY DECREASED FROM 20 MG",
             "ACETAMINOPHEN 650 MG EVERY 6 HOURS AS NEEDED FOR KNEE PAIN", "FERROUS SULFATE 325 MG DAILY",
             "ATORVASTATIN 40 MG AT BEDTIME"]
note("caps_dictation_01", "discharge_summary", [
    Q("Hb on admission?", "number", "Lab Reports", [("6.9", "all")]),
    Q("Discharge Hb?", "number", "Lab Reports", ["8.9"]),
    Q("Hb on June 5?", "number", "Lab Reports", ["8.6"]),
    Q("Creatinine?", "number", "Lab Reports", ["1.1"]),
    Q("Lactate?", "number", "Lab Reports", []),
    Q("How many units were transfused?", "number", "Procedure", ["THREE UNITS"]),
    YN("Was the colonoscopy performed?", "Procedure", "no", "DISCUSSED BUT NOT PERFORMED"),
    Q("What did the endoscopy show?", "span", "Procedure",
      ["A 12 MM DUODENAL BULB ULCER WITH A NONBLEEDING VISIBLE VESSEL"]),
    Q("Ulcer size?", "number", "Procedure", ["12 MM"]),
    YN("H. pylori positive?", "Lab Reports", "yes", "POSITIVE FOR HELICOBACTER PYLORI"),
    Q("Why was lisinopril held?", "span", "Medication", ["LOW BLOOD PRESSURE"]),
    Q("When was apixaban restarted?", "date", "Medication", ["JUNE 6"]),
    YN("Was a reversal agent given?", "Medication", "no", "NO REVERSAL AGENT WAS NEEDED"),
    Q("What was stopped?", "list", "Medication", [("NAPROXEN", "NAPROXEN WAS STOPPED")]),
    Q("Lisinopril dose at discharge?", "number", "Medication", [("10 MG", "LISINOPRIL 10 MG")]),
    Q("Meds on discharge?", "list", "Medication", CAPS_MEDS),
    YN("Did he have hematemesis?", "Symptoms", "no", "NO HEMATEMESIS"),
    YN("Does he have colon cancer?", "Diagnosis", "not_mentioned"),
    YN("Hx of stroke?", "Diagnosis", "yes", "A CVA IN 2166"),
    YN("Smoker?", "Other", "no", "QUIT 2162"),
    Q("What's the GI follow-up?", "span", "Other",
      ["GASTROENTEROLOGY CLINIC IN 8 WEEKS FOR REPEAT ENDOSCOPY AND H PYLORI ERADICATION TEST"]),
    Q("¿Qué se encontró en la endoscopia?", "span", "Procedure",
      ["A 12 MM DUODENAL BULB ULCER WITH A NONBLEEDING VISIBLE VESSEL", "12 MM DUODENAL BULB ULCER"]),
    Q("¿Cuál fue la saturación de oxígeno en urgencias?", "number", "Lab Reports", ["97 PERCENT"]),
    YN("Abdominal pain?", "Symptoms", "no", "NO ABDOMINAL PAIN"),
    YN("Does his brother have colon cancer?", "Other", "yes", "BROTHER WITH COLON CANCER AT 62"),
    Q("INR?", "number", "Lab Reports", ["1.3"]),
    Q("Lipase?", "number", "Lab Reports", []),
    YN("Is he on a DOAC?", "Medication", "yes", "APIXABAN WAS RESUMED ON JUNE 6"),
    YN("Is he going home on a PPI?", "Medication", "yes", "PANTOPRAZOLE 40 MG BY MOUTH TWICE DAILY FOR 8 WEEKS THEN ONCE DAILY"),
], [
    sp("chief_complaint", "BLACK TARRY STOOLS AND LIGHTHEADEDNESS ON STANDING"),
    sp("admission_diagnosis", "MELENA SUSPECTED UPPER GI BLEED"),
    sp("principal_diagnosis", "BLEEDING DUODENAL ULCER FORREST IIA"),
    ls("secondary_diagnoses", "ACUTE BLOOD LOSS ANEMIA", "HELICOBACTER PYLORI INFECTION",
       "PAROXYSMAL ATRIAL FIBRILLATION"),
    ls("past_medical_history", "PAROXYSMAL AF", "HYPERTENSION", "OSTEOARTHRITIS OF BOTH KNEES", "CVA"),
    ls("allergies", ("PENICILLIN", "ALLERGIES PENICILLIN")),
    ls("presenting_symptoms", "BLACK TARRY STOOLS", "LIGHTHEADEDNESS ON STANDING"),
    num("symptom_duration", ["3 days", "three days", "3"], "THREE DAYS"),
    yn("chest_pain", "no", "NO CHEST PAIN"),
    num("max_temperature", ["36.6"], "36.6"),
    num("oxygen_saturation", ["97%", "97"], "97 PERCENT"),
    num("heart_rate", ["116"], "116"),
    sp("blood_pressure", "92 OVER 58"),
    num("wbc", ["10.4"], "10.4"),
    num("hemoglobin", ["6.9"], ("6.9", 0), note="ED value; 8.8 after transfusion, 8.6 June 5, 8.9 at discharge"),
    num("creatinine", ["1.1"], "1.1"),
    num("potassium", ["4.0"], "4.0"),
    sp("troponin", "NEGATIVE TIMES TWO"),
    ls("procedures", "UPPER ENDOSCOPY", "PACKED RED CELLS",
       note="endoscopy with epinephrine injection and two hemoclips; 3 units PRBC; colonoscopy not done"),
    ab("surgery", "endoscopic therapy only; no surgery"),
    ls("antibiotics", ("METRONIDAZOLE", "POTASSIUM METRONIDAZOLE AND TETRACYCLINE"),
       ("TETRACYCLINE", "POTASSIUM METRONIDAZOLE AND TETRACYCLINE"), note="bismuth quadruple therapy"),
    ls("discharge_medications", *CAPS_MEDS),
    yn("anticoagulation", "yes", "APIXABAN WAS RESUMED ON JUNE 6"),
    ls("new_medications", CAPS_MEDS[0], CAPS_MEDS[1], CAPS_MEDS[5], CAPS_MEDS[6], note="marked NEW on the list"),
    ls("stopped_medications", ("NAPROXEN", "STOPPED NAPROXEN"),
       note="apixaban and lisinopril held then resumed; lisinopril dose reduced"),
    dt("admission_date", ["2171-06-03"], "JUNE 3 2171"),
    dt("discharge_date", ["2171-06-07"], "JUNE 7 2171"),
    num("length_of_stay", ["4", "4 days"], "JUNE 3 2171", "JUNE 7 2171",
        note="not written as a number; derived from the two dates"),
    sp("discharge_condition", "STABLE AMBULATING INDEPENDENTLY"),
    sp("discharge_disposition", "HOME WITH WIFE"),
    yn("smoking", "no", "QUIT 2162"),
    sp("follow_up", "PRIMARY CARE DR SANTOS-MBEKI IN ONE WEEK WITH CBC",
       "GASTROENTEROLOGY CLINIC IN 8 WEEKS FOR REPEAT ENDOSCOPY AND H PYLORI ERADICATION TEST"),
])

# =====================================================================================
# echo_tte_01 - transthoracic echocardiogram report
# =====================================================================================
ECHO_IMPRESSION = ("Mildly reduced LV systolic function (LVEF 48%) with a relative GLS fall of more than 15% since "
                   "14/10/2172, consistent with trastuzumab-related cardiotoxicity. No chamber enlargement. "
                   "No pericardial effusion.")
note("echo_tte_01", "radiology", [
    Q("EF?", "number", "Lab Reports", [("48%", "all")]),
    Q("Baseline EF?", "number", "Lab Reports", [("62%", "all")]),
    Q("Current GLS?", "number", "Lab Reports", ["-15.2%"]),
    Q("RVSP?", "number", "Lab Reports", ["34 mmHg"]),
    Q("TAPSE?", "number", "Lab Reports", [("19 mm", "all")]),
    Q("HR during the study?", "number", "Lab Reports", ["96 bpm"]),
    YN("Pericardial effusion?", "Diagnosis", "no", "no pericardial effusion", "No pericardial effusion."),
    YN("Any vegetations?", "Diagnosis", "no", "No vegetations"),
    YN("Aortic stenosis?", "Diagnosis", "no", "without stenosis"),
    YN("Is the heart enlarged?", "Diagnosis", "no", "No chamber enlargement"),
    YN("Is there a pleural effusion?", "Diagnosis", "yes", "Small left pleural effusion noted incidentally"),
    YN("Is there a pulmonary nodule?", "Diagnosis", "not_mentioned"),
    Q("Which drug is suspected?", "span", "Medication", [("trastuzumab", "all")]),
    Q("Date of the comparison study?", "date", "Procedure", [("14/10/2172", "all")]),
    Q("What do they recommend?", "span", "Procedure",
      ["Discuss interruption of trastuzumab with oncology; cardio-oncology referral; repeat TTE in 3 weeks"]),
    Q("What is the LV mass index?", "number", "Lab Reports", []),
    Q("Wie hoch ist die linksventrikuläre Ejektionsfraktion?", "number", "Lab Reports", [("48%", "all")]),
    Q("What symptom prompted the echo?", "span", "Symptoms", ["Breathlessness on exertion"]),
    YN("LV thrombus?", "Diagnosis", "not_mentioned"),
    Q("Aortic valve area?", "number", "Lab Reports", []),
], [
    ls("presenting_symptoms", "Breathlessness on exertion"),
    num("heart_rate", ["96", "96 bpm"], "96 bpm"),
    sp("blood_pressure", "104/66 mmHg"),
    sp("exam_type", "TRANSTHORACIC ECHOCARDIOGRAM"),
    sp("indication", "Breathlessness on exertion 3 weeks into trastuzumab; exclude pericardial effusion; "
                     "LVEF surveillance for cardiotoxicity."),
    sp("comparison", "TTE 14/10/2172 (pre-treatment baseline)"),
    yn("pleural_effusion", "yes", "Small left pleural effusion noted incidentally"),
    yn("cardiomegaly", "no", "No chamber enlargement"),
    sp("main_finding", "Mildly reduced LV systolic function (LVEF 48%)"),
    sp("impression", ECHO_IMPRESSION),
    sp("recommendation", "Discuss interruption of trastuzumab with oncology; cardio-oncology referral; "
                         "repeat TTE in 3 weeks."),
])

# =====================================================================================
# mri_lspine_01 - MRI lumbar spine report
# =====================================================================================
MRI_IMPRESSION = ("1. Left paracentral L4-5 disc extrusion compressing the traversing left L5 nerve root, with "
                  "moderate left lateral recess stenosis.\n2. No cauda equina compression. No severe central canal "
                  "stenosis.\n3. Incidental simple left renal cyst; no follow-up needed.")
MRI_REC = ("correlate with the reported bladder symptoms; if the post-void residual is raised, discuss urgently "
           "with spinal surgery. Otherwise refer to spinal surgery/physiotherapy for the radiculopathy.")
note("mri_lspine_01", "radiology", [
    YN("Cauda equina compression?", "Diagnosis", "no", "No cauda equina compression"),
    Q("Level of the disc extrusion?", "span", "Diagnosis", [("L4-5", "all")]),
    Q("Which nerve root is compressed?", "span", "Diagnosis",
      [("traversing left L5 nerve root", "all"), ("left L5", "all")]),
    Q("Size of the extrusion?", "span", "Lab Reports", ["9 mm AP x 12 mm transverse"]),
    YN("Any fracture?", "Diagnosis", "no", "No fracture"),
    YN("Spondylolisthesis?", "Diagnosis", "no", "No spondylolisthesis"),
    YN("Is there an epidural abscess?", "Diagnosis", "not_mentioned"),
    Q("How big is the kidney cyst?", "number", "Lab Reports", ["2.1 cm"]),
    YN("Does the renal cyst need follow-up?", "Procedure", "no", "no follow-up needed"),
    Q("How long has he had back pain?", "number", "Symptoms", ["10 days"]),
    YN("Was contrast given?", "Procedure", "no", "WITHOUT CONTRAST"),
    Q("Prior study used for comparison?", "span", "Procedure", ["lumbar spine radiographs of 2174-11-15"]),
    Q("Where does the conus end?", "span", "Other", [("L1", "terminates at L1")]),
    Q("What was the post-void residual?", "number", "Lab Reports", []),
    YN("¿Hay estenosis grave del canal central?", "Diagnosis", "no", "No severe central canal stenosis"),
    YN("Does he have saddle anaesthesia?", "Symptoms", "yes", "perineal numbness"),
    Q("Central canal AP diameter at L4-5?", "number", "Lab Reports", ["10 mm"]),
    YN("Any Modic changes?", "Diagnosis", "not_mentioned"),
    YN("Is there discitis?", "Diagnosis", "not_mentioned"),
], [
    ls("presenting_symptoms", "low back pain radiating down the left leg", "urinary hesitancy", "perineal numbness"),
    num("symptom_duration", ["10 days", "10"], "10 days"),
    sp("exam_type", "MRI LUMBAR SPINE WITHOUT CONTRAST"),
    sp("indication", "44M, 10 days of low back pain radiating down the left leg; new urinary hesitancy and "
                     "perineal numbness today. R/O cauda equina syndrome."),
    sp("comparison", "lumbar spine radiographs of 2174-11-15"),
    sp("main_finding", "Left paracentral L4-5 disc extrusion compressing the traversing left L5 nerve root"),
    sp("impression", MRI_IMPRESSION),
    sp("recommendation", MRI_REC),
])

# =====================================================================================
# ct_abdpel_01 - CT abdomen/pelvis with incidental findings
# =====================================================================================
CT_IMPRESSION = ("1. Acute uncomplicated sigmoid diverticulitis. No abscess or perforation.\n2. Normal appendix - no "
                 "evidence of appendicitis.\n3. Incidental 7 mm solid right lower lobe pulmonary nodule.\n"
                 "4. Incidental 1.6 cm indeterminate left adrenal nodule.")
note("ct_abdpel_01", "radiology", [
    YN("Does she have appendicitis?", "Diagnosis", "no", "no evidence of appendicitis", "Normal appendix"),
    Q("What's the diagnosis?", "span", "Diagnosis", ["Acute uncomplicated sigmoid diverticulitis"]),
    YN("Any abscess?", "Diagnosis", "no", "No abscess or perforation", "no abscess"),
    YN("Hydronephrosis?", "Diagnosis", "no", "No hydronephrosis"),
    YN("Kidney stones?", "Diagnosis", "no", "No calculi"),
    YN("Free air?", "Diagnosis", "no", "No extraluminal gas"),
    YN("Is there a pneumothorax?", "Diagnosis", "not_mentioned"),
    Q("Lung nodule size?", "number", "Lab Reports", [("7 mm", "all")]),
    Q("Adrenal nodule size?", "number", "Lab Reports", [("1.6 cm", "all")]),
    Q("Liver lesion?", "span", "Diagnosis", ["1.2 cm hypodense lesion in segment 6"]),
    Q("What follow-up is recommended for the nodule?", "span", "Procedure",
      ["CT chest at 6-12 months", "CT chest at 6-12 months, and again at 18-24 months if high risk"]),
    Q("Compared with?", "span", "Procedure", []),
    Q("How much contrast?", "number", "Procedure", ["90 mL"]),
    Q("Temperature?", "number", "Lab Reports", ["38.4"]),
    Q("What was the lactate?", "number", "Lab Reports", []),
    YN("Czy doszło do perforacji?", "Diagnosis", "no", "No abscess or perforation"),
    Q("What symptoms was the scan for?", "list", "Symptoms", ["Lower abdominal pain", ("fever", "and fever 38.4")]),
    Q("CRP?", "number", "Lab Reports", []),
    YN("Is there a bowel obstruction?", "Diagnosis", "not_mentioned"),
    Q("What was the heart rate?", "number", "Lab Reports", []),
], [
    ls("presenting_symptoms", "Lower abdominal pain", ("fever", "and fever 38.4")),
    num("symptom_duration", ["2 days", "2"], "2 days"),
    yn("fever", "yes", "fever 38.4"),
    num("max_temperature", ["38.4"], "38.4"),
    num("wbc", ["14.2"], "14.2"),
    sp("exam_type", "CT ABDOMEN AND PELVIS WITH IV CONTRAST"),
    sp("indication", "Lower abdominal pain, worse on the right, and fever 38.4 for 2 days; WBC 14.2. ?Appendicitis."),
    ab("comparison", "Comparison: None."),
    yn("consolidation", "no", "No consolidation"),
    yn("pleural_effusion", "no", "No pleural effusion"),
    yn("cardiomegaly", "no", "Heart size normal"),
    yn("nodule", "yes", "7 mm solid nodule in the right lower lobe"),
    num("nodule_size", ["7 mm", "7"], ("7 mm", 0)),
    sp("main_finding", "Acute uncomplicated sigmoid diverticulitis"),
    sp("impression", CT_IMPRESSION),
    sp("recommendation",
       "per Fleischner Society guidance for a single solid nodule of 6-8 mm, CT chest at 6-12 months, and again at "
       "18-24 months if high risk",
       "adrenal-protocol CT or chemical-shift MRI, with biochemical screening"),
])

# =====================================================================================
# cxr_lines_01 - portable chest X-ray, numbered findings, lines and tubes
# =====================================================================================
CXR_IMPRESSION = ("1. Lines and tubes in satisfactory position.\n2. Small residual right apical pneumothorax (1.2 cm), "
                  "decreased since 2160-12-10.\n3. Right lower zone atelectasis; superimposed consolidation not "
                  "excluded.\n4. Small right pleural effusion.")
CXR_LINES = ["Endotracheal tube", "Nasogastric tube", "Right internal jugular central venous catheter",
             "Right intercostal chest drain"]
note("cxr_lines_01", "radiology", [
    Q("Where's the ETT tip?", "span", "Procedure", ["tip 4.5 cm above the carina", "4.5 cm above the carina"]),
    Q("Where is the CVC tip?", "span", "Procedure", ["at the cavoatrial junction"]),
    Q("Where is the NG tip?", "span", "Procedure", ["at the level of T9"]),
    Q("What lines and tubes are in?", "list", "Procedure", CXR_LINES),
    YN("PTX?", "Diagnosis", "yes", "small residual right apical pneumothorax",
       "Small residual right apical pneumothorax (1.2 cm)"),
    Q("PTX size now?", "number", "Lab Reports", [("1.2 cm", "all")]),
    Q("PTX size on the previous film?", "number", "Lab Reports", ["2.0 cm"]),
    YN("Consolidation?", "Diagnosis", "uncertain", "superimposed consolidation cannot be excluded",
       "superimposed consolidation not excluded"),
    YN("Cardiomegaly?", "Diagnosis", "no", "heart size normal"),
    YN("Pulmonary edema?", "Diagnosis", "no", "No pulmonary oedema"),
    YN("Effusion?", "Diagnosis", "yes", "small right pleural effusion", "Small right pleural effusion"),
    YN("Is the left lung clear?", "Diagnosis", "yes", "Left lung clear"),
    Q("What's recommended?", "span", "Procedure", []),
    Q("What's the nodule size?", "number", "Lab Reports", []),
    Q("Welche Operation hatte der Patient?", "span", "Procedure", ["Ivor Lewis oesophagectomy"]),
    YN("Is there a chest tube?", "Procedure", "yes", "Right intercostal chest drain"),
    Q("What FiO2 is he on?", "number", "Lab Reports", []),
    YN("Any rib fractures?", "Diagnosis", "not_mentioned"),
], [
    sp("chest_imaging", CXR_IMPRESSION),
    ls("procedures", "Ivor Lewis oesophagectomy", note="stated in the indication (post-op day 1)"),
    sp("surgery", "Ivor Lewis oesophagectomy"),
    sp("exam_type", "XR CHEST PORTABLE AP (1 VIEW)"),
    sp("indication", "68M, post-op day 1 after Ivor Lewis oesophagectomy, intubated. Check lines and tubes; right "
                     "chest drain in situ - ?residual pneumothorax."),
    sp("comparison", "2160-12-10 18:02 (immediate post-op film)"),
    yn("consolidation", "uncertain", "superimposed consolidation cannot be excluded"),
    yn("pleural_effusion", "yes", "small right pleural effusion"),
    yn("pneumothorax", "yes", "small residual right apical pneumothorax"),
    yn("cardiomegaly", "no", "heart size normal"),
    yn("pulmonary_edema", "no", "No pulmonary oedema"),
    ls("lines_tubes", *CXR_LINES),
    sp("main_finding", "Small residual right apical pneumothorax (1.2 cm), decreased since 2160-12-10",
       note="line-check film; all devices satisfactory, so the pneumothorax is taken as the main finding"),
    sp("impression", CXR_IMPRESSION),
    ab("recommendation", "no recommendation given"),
])

# =====================================================================================
# peds_ed_01 - paediatric ED note (croup), discharged home
# =====================================================================================
note("peds_ed_01", "emergency", [
    Q("¿Cuánto pesa el niño?", "number", "Other", ["12.4 kg"]),
    Q("Dex dose?", "number", "Medication", ["7.4 mg", "0.6 mg/kg"]),
    Q("How much epi was given?", "number", "Medication", ["5 mL"]),
    Q("Why was the epinephrine given?", "span", "Medication", [("for stridor at rest", "at 02:45 for stridor at rest")]),
    Q("Ibuprofen dose given at home?", "number", "Medication", ["100 mg (8 mg/kg)", "100 mg"]),
    Q("Paracetamol dose?", "number", "Medication", [("186 mg", "all"), ("15 mg/kg", "all")]),
    Q("Initial HR?", "number", "Lab Reports", ["148"]),
    Q("HR at 06:15?", "number", "Lab Reports", ["118"]),
    Q("Temp at triage?", "number", "Lab Reports", ["38.4 °C"]),
    Q("Westley score on arrival?", "number", "Other", [("4", "Westley croup score 4")]),
    Q("Sodium?", "number", "Lab Reports", []),
    Q("When did the barking cough start?", "span", "Symptoms", ["about 01:30"]),
    YN("CXR done?", "Procedure", "no", "No CXR or neck X-ray performed"),
    YN("Epiglottitis?", "Diagnosis", "no", "Epiglottitis and bacterial tracheitis considered and excluded clinically"),
    YN("Does the child have asthma?", "Diagnosis", "no", "no asthma"),
    YN("Does dad have asthma?", "Other", "yes", "father has asthma"),
    YN("Were antibiotics prescribed?", "Medication", "no", "No antibiotics needed"),
    Q("Allergies?", "list", "Medication", ["amoxicillin"]),
    Q("Where did he go after the ED?", "span", "Other", ["home with mother"]),
    Q("¿Qué diagnóstico tiene el niño?", "span", "Diagnosis",
      ["moderate croup (laryngotracheobronchitis)", "moderate croup"]),
    Q("What was the blood pressure?", "span", "Lab Reports", []),
    YN("Was he admitted?", "Other", "no", "discharged home with mother"),
    YN("Any drooling?", "Symptoms", "no", ("No drooling", "all"), "no drooling"),
    Q("Glucose?", "number", "Lab Reports", []),
    Q("Date of the pediatrician appointment?", "date", "Other", []),
], [
    sp("chief_complaint", "barky cough and noisy breathing"),
    sp("principal_diagnosis", "moderate croup (laryngotracheobronchitis)",
       note="ED visit that ended in discharge home; the ED diagnosis is taken as the discharge diagnosis"),
    ab("past_medical_history", "born at term; 'No prior croup, no asthma'"),
    ls("allergies", "amoxicillin"),
    ls("presenting_symptoms", "runny nose", "low-grade fever", "seal-like barking cough", "hoarse cry",
       ("noisy breathing", "hoarse cry and noisy breathing")),
    num("symptom_duration", ["2 days", "2"], ("2 days", "2 days of runny nose"), note="coryza and fever 2 days; barking cough since ~01:30"),
    yn("fever", "yes", "T 38.4 °C"),
    num("max_temperature", ["38.4 °C", "38.4"], "38.4 °C"),
    num("oxygen_saturation", ["97%", "97"], "97%", note="triage; 99% and 98% later"),
    num("heart_rate", ["148"], "148", note="triage; 156 post-epinephrine, 118 at 06:15"),
    ab("chest_imaging", "No CXR or neck X-ray performed"),
    ab("antibiotics", "No antibiotics needed"),
    ls("discharge_medications", "Paracetamol 15 mg/kg (186 mg) every 6 hours",
       "ibuprofen 10 mg/kg (124 mg) every 8 hours as needed for fever", note="from the discharge instructions"),
    ls("new_medications", "Dexamethasone 0.6 mg/kg PO = 7.4 mg", "Nebulised epinephrine",
       "Paracetamol 15 mg/kg = 186 mg PO", note="treatments given during the ED visit; ibuprofen was given at home"),
    dt("admission_date", ["2162-01-14"], "14 Jan 2162", note="ED arrival date"),
    dt("discharge_date", ["2162-01-14"], "14 Jan 2162", note="same-day ED discharge"),
    ab("length_of_stay", "ED visit of about 4 hours"),
    sp("discharge_condition", "good condition"),
    sp("discharge_disposition", "home with mother"),
    ab("smoking", "child; 'no smokers at home' describes the household"),
    sp("follow_up", "pediatrician (Dr Haugland) in 1-2 days if still barking, or sooner if fever lasts more than 3 days"),
])

# =====================================================================================
# hospice_01 - hospice physician home visit
# =====================================================================================
note("hospice_01", "progress", [
    Q("What was the MR oxycodone increased to?", "span", "Medication", ["30 mg twice daily"]),
    Q("Breakthrough oxycodone dose now?", "number", "Medication", [("10 mg", "increased to 10 mg")]),
    Q("Why was dexamethasone stopped?", "span", "Medication",
      ["no longer helping his appetite, and causing insomnia and high sugars"]),
    YN("Was ondansetron stopped?", "Medication", "yes", "Ondansetron 8 mg 8-hourly as needed: stopped"),
    Q("What replaced the ondansetron?", "span", "Medication", ["haloperidol 0.5 mg at night and 8-hourly as needed"]),
    Q("New laxative?", "span", "Medication", ["polyethylene glycol 17 g daily"]),
    Q("How many breakthrough doses a day?", "span", "Medication", ["6-7 times a day"]),
    Q("What's in the comfort kit?", "list", "Medication",
      ["morphine oral solution", ("lorazepam", "solution, lorazepam"), ("haloperidol", "lorazepam, haloperidol"),
       "atropine drops"]),
    YN("Has the paracentesis been done?", "Procedure", "no",
       "therapeutic paracentesis offered at the hospice day unit on Friday 25 August"),
    Q("When is the tap?", "date", "Procedure", ["Friday 25 August"]),
    YN("Was a coeliac plexus block done?", "Procedure", "no", "it has not been booked"),
    YN("Does he want a biliary stent?", "Procedure", "no", "Neil does not want ERCP or a stent"),
    Q("Code status?", "span", "Other", [("DNR/DNI", None)]),
    Q("Sats on RA?", "number", "Lab Reports", ["91%"]),
    Q("PPS?", "number", "Other", ["40%"]),
    Q("Latest creatinine?", "number", "Lab Reports", []),
    Q("What was his weight?", "number", "Other", []),
    YN("Is he jaundiced?", "Symptoms", "yes", "Cachectic and jaundiced"),
    YN("Is there ascites?", "Diagnosis", "yes", "moderate ascites"),
    YN("Does he have Parkinson's?", "Diagnosis", "not_mentioned"),
    YN("Does he smoke?", "Other", "no", "quit in 2165"),
    Q("Gdzie pacjent chce umrzeć?", "span", "Other", ["at home"]),
    Q("Welche Chemotherapie hatte er?", "span", "Medication", ["gemcitabine/nab-paclitaxel"]),
    Q("When did he enrol in hospice?", "date", "Other", ["2175-07-14"]),
    YN("Is he itchy?", "Symptoms", "yes", "Mild itch"),
    Q("What dose of morphine is in the comfort kit?", "number", "Medication", []),
    Q("Last INR?", "number", "Lab Reports", []),
], [
    sp("chief_complaint", "escalating abdominal pain and distension"),
    ls("past_medical_history", "metastatic pancreatic adenocarcinoma", "COPD", "type 2 diabetes",
       ("depression", "diabetes (diet only now), depression")),
    ls("presenting_symptoms", "constant upper abdominal pain going through to his back",
       ("distension", "abdominal pain and distension"), "feels full after a few spoonfuls", "Nausea most mornings",
       "vomited once yesterday", "Last bowel movement 3 days ago"),
    num("symptom_duration", ["1 week", "7 days"], "over the past week"),
    yn("fever", "no", "No fever"),
    yn("chest_pain", "no", "no chest pain"),
    num("max_temperature", ["36.9 °C", "36.9"], "36.9 °C"),
    num("oxygen_saturation", ["91%", "91"], "91%", note="room air; 94% on 2 L"),
    num("heart_rate", ["98"], "98"),
    sp("blood_pressure", "102/60"),
    ab("procedures", "paracentesis planned for 25 August; coeliac plexus block not booked; ERCP declined"),
    ls("new_medications", "polyethylene glycol 17 g daily", "bisacodyl suppository",
       "haloperidol 0.5 mg at night and 8-hourly as needed",
       note="interval since last visit (8 August); oxycodone dose increases are dose changes; comfort kit already in the home"),
    ls("stopped_medications", "Dexamethasone 4 mg daily", "Ondansetron 8 mg 8-hourly as needed",
       note="metformin stopped in July, before this interval"),
    yn("smoking", "no", "quit in 2165", note="former smoker"),
    sp("follow_up", "hospice nurse daily for 3 days; my next visit after the paracentesis"),
])


# =====================================================================================
# build
# =====================================================================================
def build_note_qas(nid, ctx, spec):
    qas = []
    for n, q in enumerate(spec["qas"], 1):
        qid = f"{nid}_{n:02d}"
        where = f"{qid}"
        if q["answer_type"] not in ANSWER_TYPES:
            raise BuildError(f"{where}: bad answer_type")
        if q["category"] not in CATEGORIES:
            raise BuildError(f"{where}: bad category")
        answers = []
        for ref in q["answers"]:
            text, starts = locate(ctx, ref, where)
            for s in starts:
                a = {"text": text, "answer_start": s}
                if a not in answers:
                    answers.append(a)
        verdict = q["verdict"]
        if q["answer_type"] == "yes_no":
            if verdict not in VERDICTS:
                raise BuildError(f"{where}: yes_no needs a verdict")
            if (verdict == "not_mentioned") != (not answers):
                raise BuildError(f"{where}: not_mentioned iff no answers")
        elif verdict is not None:
            raise BuildError(f"{where}: verdict on non-yes_no")
        if q["answer_type"] == "list" and len(answers) < 1:
            raise BuildError(f"{where}: list without items")
        qas.append({"id": qid, "question": q["question"], "answers": answers, "is_impossible": not answers,
                    "category": q["category"], "answer_type": q["answer_type"], "verdict": verdict})
    return qas


def build_note_cells(nid, ctx, spec, concepts):
    ctype = {c: t for _, c, t in concepts}
    given = {}
    for c in spec["cells"]:
        if c["concept"] not in ctype:
            raise BuildError(f"{nid}: unknown concept {c['concept']}")
        if c["concept"] in given:
            raise BuildError(f"{nid}: concept {c['concept']} given twice")
        given[c["concept"]] = c
    out = []
    for q, cid, t in concepts:
        where = f"{nid}/{cid}"
        c = given.get(cid)
        row = {"note_id": nid, "questionnaire": q, "concept_id": cid, "status": "absent",
               "values": ["not_mentioned"] if t == "yes_no" else [], "spans": [], "items": [],
               "note": c["note"] if c else ""}
        if c is None or c["kind"] == "absent":
            out.append(row)
            continue
        is_list = cid in LIST_CONCEPTS
        kind = c["kind"]
        expected = "list" if is_list else t
        if kind != expected:
            raise BuildError(f"{where}: helper kind {kind} but concept needs {expected}")
        if not c["refs"]:
            raise BuildError(f"{where}: answered cell without spans")
        located = [one(ctx, r, where) for r in c["refs"]]
        spans = [[s, s + len(text)] for text, s in located]
        row["status"] = "answer"
        row["spans"] = spans
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
    concepts = load_concepts()
    files = {p.stem: p for p in NOTES_DIR.glob("*.txt")}
    if set(files) != set(NOTES):
        raise BuildError(f"notes/questions mismatch: files-only {set(files) - set(NOTES)}, "
                         f"spec-only {set(NOTES) - set(files)}")
    data, cells, errors = [], [], []
    for nid, spec in NOTES.items():
        ctx = files[nid].read_text(encoding="utf-8")
        if not 500 <= len(ctx) <= 6000:
            raise BuildError(f"{nid}: length {len(ctx)} outside 500-6000")
        if spec["note_type"] not in NOTE_TYPES:
            raise BuildError(f"{nid}: bad note_type")
        try:
            qas = build_note_qas(nid, ctx, spec)
        except BuildError as e:
            errors.append(str(e)); qas = []
        data.append({"title": nid, "paragraphs": [{"document_id": nid, "note_type": spec["note_type"],
                                                   "context": ctx, "qas": qas}]})
        for c in spec["cells"]:
            # report every cell error, not only the first
            try:
                build_note_cells(nid, ctx, {"cells": [c]}, concepts)
            except BuildError as e:
                errors.append(str(e))
        if not errors:
            cells.extend(build_note_cells(nid, ctx, spec, concepts))
    if errors:
        raise BuildError("\n  " + "\n  ".join(errors))

    with open(HERE / "heldout.json", "w", encoding="utf-8") as f:
        json.dump({"version": "v2.0", "data": data}, f, ensure_ascii=False, indent=1)
    with open(HERE / "cells.jsonl", "w", encoding="utf-8") as f:
        for c in cells:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")

    allq = [qa for a in data for qa in a["paragraphs"][0]["qas"]]
    nonen = [qa["id"] for qa in allq if re.search(r"[¿¡ąćęłńóśźżäöüß]|^(Czy|Jak|Jaki|Jakie|Gdzie|Wie|Welche|Bis|Hat|Hatte|Raucht|Gibt)\b",
                                                  qa["question"])]
    by_type = {}
    for qa in allq:
        d = by_type.setdefault(qa["answer_type"], {"all": 0, "unanswerable": 0})
        d["all"] += 1
        d["unanswerable"] += qa["is_impossible"]
    cq = Counter(c["questionnaire"] for c in cells)
    stats = {
        "notes": len(data),
        "note_lengths": {a["title"]: len(a["paragraphs"][0]["context"]) for a in data},
        "note_types": dict(Counter(a["paragraphs"][0]["note_type"] for a in data)),
        "questions": len(allq),
        "unanswerable": sum(qa["is_impossible"] for qa in allq),
        "unanswerable_pct": round(100 * sum(qa["is_impossible"] for qa in allq) / len(allq), 1),
        "non_english_questions": len(nonen),
        "by_answer_type": by_type,
        "by_category": dict(Counter(qa["category"] for qa in allq).most_common()),
        "verdicts": dict(Counter(qa["verdict"] for qa in allq if qa["answer_type"] == "yes_no").most_common()),
        "cells": len(cells),
        "cells_by_status": dict(Counter(c["status"] for c in cells)),
        "cells_by_questionnaire": {q: {"answer": sum(1 for c in cells if c["questionnaire"] == q and c["status"] == "answer"),
                                       "absent": sum(1 for c in cells if c["questionnaire"] == q and c["status"] == "absent"),
                                       "total": n} for q, n in cq.items()},
    }
    with open(HERE / "stats.json", "w", encoding="utf-8") as f:
        json.dump(stats, f, ensure_ascii=False, indent=1)
    print(json.dumps(stats, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    try:
        main()
    except BuildError as e:
        print(f"BUILD ERROR: {e}", file=sys.stderr)
        sys.exit(1)
