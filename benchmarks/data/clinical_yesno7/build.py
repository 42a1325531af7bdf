#!/usr/bin/env python3
"""Build yesno7.json and stats.json for clinical_yesno7 from answer *texts* (standard library only).

Tooling (text location, build loop, stats) adapted from ../clinical_yesno6/build.py; all notes and
questions are new.

Evidence text specs:
  "text"              -> must occur exactly once as a whole token sequence
  ("text", n)         -> n-th (0-based) whole-token occurrence
  ("text", "anchor")  -> the single occurrence inside the unique anchor string
  ("text", "all")     -> every occurrence (each becomes an alternative)
Question rows: (question, category, verdict, [specs], trap) with trap None or "kind: what the trap is".
The build stops on a missing, ambiguous or token-internal text, an unknown trap kind, a trap without a
description, a trap with gold yes, or a `suspected` / `indeterminate_result` / `patient_reported` trap whose
gold is not uncertain.
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
    # kinds carried over from ../clinical_yesno6 (and earlier yes/no sets)
    "negation_in_list": "the term is one item of a negated list ('no A, no B', 'No A, no B or C')",
    "form_field": "a form field, tick-box, template or table cell answers No / negative / unticked",
    "family_history": "the condition is in a relative; the patient's own status is stated or not",
    "former_resolved": "former, ex-, stopped, healed, cleared or no longer present, asked as current",
    "planned": "test, treatment, referral or event only planned, booked, requested, scheduled or awaited",
    "undecided": "offered, and the patient has not decided yet",
    "declined": "offered or asked, but declined by the patient (or the person asked about)",
    "non_adherent": "prescribed or advised but not (fully) taken or done by the patient",
    "considered_rejected": "considered by the clinician and rejected, avoided or judged not indicated / not needed",
    "conditional": "an order or action that applies only if a condition is met (not met, or not yet)",
    "safety_net": "the term appears only in safety-net advice ('come back if ...'); the current finding decides if stated",
    "screening_negative": "a screen or test for the condition is negative",
    "normal_result": "the test or examination that would show it was done and is normal or within the reference range",
    "indication_query": "the condition is the query of a referral or test ('?X') that came back negative",
    "test_status": "a test that is not yet done, never done, or sent with the result pending (gold no for 'done / back?', uncertain for the result)",
    "vaccine_due": "a vaccine course that is started or due, not complete",
    "other_site": "the finding is on the other side or at another site",
    "threshold_value": "a value asked as a condition that does not cross the threshold",
    "ended_before": "the treatment or device ended or was replaced before the time asked",
    "time_scope": "the finding belongs to another period than the one asked",
    "other_person": "the condition, drug or event belongs to someone else (wife, son, crew member)",
    "allergy_vs_intolerance": "an allergy is asked where the note records a side effect or intolerance",
    "drug_class_and_status": "a drug class asked where the only member is stopped",
    "detail_mismatch": "the question's detail (route, device, relative, venom, kind of catheter) differs from the note's",
    "negated": "explicitly negated in a single statement",
    "suspected": "condition only possible, probable, queried or not excluded (gold uncertain)",
    "severity_or_subtype": "present, but in another severity, grade, type or subtype than the one asked",
    "hypothetical": "named only as something that may be discussed or wanted some time in the future",
    "name_or_purpose": "the drug's usual indication is asked, but here it is given for another condition",
    "patient_reported": "the patient's own unconfirmed account, never verified (gold uncertain)",
    "revised_diagnosis": "an earlier diagnosis that was later revised to another one",
    "held_drug": "a drug temporarily on hold (to be restarted), asked as current",
    "exposure_not_disease": "an exposure that is being managed, asked as the disease itself",
    "indeterminate_result": "a result that is explicitly indeterminate or of uncertain meaning until a repeat test (gold uncertain)",
    "wrong_class": "the patient's drug belongs to another drug class than the one asked",
    "mimic_explained": "an event that looked like the condition but was judged to be something else",
    "ruled_out": "the condition was considered and then excluded by a test or assessment",
    "pertinent_negative": "a negative finding recorded in a review or screen ('no chest pain')",
    "risk_of": "only a risk of, or a precaution against, the condition is named",
    "allergy_delabelled": "an allergy label that was tested or reviewed and removed",
    # kinds new in this set (clinical_yesno7)
    "target_not_measured": "the number asked is a target, goal or range in the note, not the measured value",
    "prophylaxis_only": "the drug is given to prevent the condition, asked as treatment of an existing condition",
    "corrected_entry": "an entry that the note itself corrects, strikes out or retracts later",
    "patient_question": "the term appears only in a question or worry raised by the patient or a relative",
    "available_not_used": "the drug or device is listed as available or carried, but was not used",
    "sample_rejected": "a test was attempted but the sample was rejected, clotted or insufficient, so there is no result",
}
UNCERTAIN_ONLY = {"suspected", "indeterminate_result", "patient_reported"}

NOTES = {}   # id -> (note_type, style)
QAS = {}     # id -> list of rows

# ==== NOTES AND QUESTIONS
# ---------------------------------------------------------------- inr_01
NOTES["inr_01"] = ("other", "Portuguese pharmacist-led anticoagulation (INR) clinic: Portuguese title, Key: value header with target range, space-aligned INR log, dotted-leader medication reconciliation with CONTINUE / REMOVE / AVOID statuses, decision paragraph, weekday dosing calendar with pipes, numbered imperative plan with a conditional LMWH step; dd/mm/yyyy")
QAS["inr_01"] = [
    ("Is the patient on warfarin?", "Medication", "yes", ["warfarin 5 mg tablets (pink), dosed in mg/day"], None),
    ("Anticoagulated?", "Medication", "yes", ["warfarin 5 mg tablets (pink), dosed in mg/day", "warfarin 5 mg .............. as per dosing calendar"], None),
    ("O doente toma varfarina?", "Medication", "yes", ["warfarin 5 mg tablets (pink), dosed in mg/day"], None),
    ("Does he have a mechanical heart valve?", "Diagnosis", "yes", ["mechanical mitral valve (On-X, replaced 2312)"], None),
    ("Does he have atrial fibrillation?", "Diagnosis", "yes", ["permanent atrial fibrillation"], None),
    ("Is today's INR 3.0?", "Lab Reports", "no", ["Point-of-care INR today (fingerprick, CoaguChek): 1.8"], "target_not_measured: 3.0 is the target; the measured INR is 1.8"),
    ("Is the INR today within 2.5-3.5?", "Lab Reports", "no", ["Point-of-care INR today (fingerprick, CoaguChek): 1.8"], "target_not_measured: 2.5-3.5 is the target range printed above the result; today's INR is 1.8"),
    ("Was the INR in range on 03/02/2316?", "Lab Reports", "yes", ["3.1"], None),
    ("Has enoxaparin been started?", "Medication", "no", ["enoxaparin only if INR still below 2.0 on Monday", "if below 2.0, start enoxaparin 1 mg/kg twice daily"], "conditional: enoxaparin only if the Monday INR is still below 2.0"),
    ("Is he being bridged with LMWH today?", "Medication", "no", ["No bridging today"], "considered_rejected: bridging discussed and not given today"),
    ("Does he take aspirin?", "Medication", "no", ["stopped by cardiology 09/2315, patient confirms not taking"], "former_resolved: aspirin on the GP list but stopped in 2315"),
    ("Any antiplatelet drug?", "Medication", "no", ["stopped by cardiology 09/2315, patient confirms not taking"], "drug_class_and_status: aspirin, the only antiplatelet named, was stopped"),
    ("Has he taken an NSAID recently?", "Medication", "yes", ["took 2 tablets in Feb"], None),
    ("Is he allergic to penicillin?", "Medication", "no", ["NO, tolerated amoxicillin Feb 2316"], "allergy_delabelled: 'penicillin?' on an old record, amoxicillin tolerated"),
    ("Contrast allergy?", "Medication", "yes", ["contrast dye (rash 2313)"], None),
    ("Is he still taking amoxicillin?", "Medication", "no", ["Dental course of amoxicillin finished 27/02"], "time_scope: the amoxicillin course ended on 27/02"),
    ("Did he have a dental abscess?", "Diagnosis", "yes", ["amoxicillin for dental abscess 20-27/02"], None),
    ("Gum bleeding?", "Symptoms", "yes", ["Gums bleed a little when brushing"], None),
    ("Nosebleeds?", "Symptoms", "no", ["no nosebleeds"], "negation_in_list: first item of the bleeding screen's negatives"),
    ("Has he had melaena?", "Symptoms", "no", ["no black stools"], "negation_in_list: black stools are negated in the bleeding screen (and named again in the safety advice)"),
    ("Has he vomited blood?", "Symptoms", "no", ["No vomiting or diarrhoea"], "safety_net: vomiting blood appears only in the safety advice; no vomiting at all"),
    ("Does he have a severe headache?", "Symptoms", "not_mentioned", [], "safety_net: a severe headache is named only in the safety advice"),
    ("Is there a bruise on his right arm?", "Symptoms", "no", ["Bruise on left forearm"], "other_site: the bruise is on the left forearm"),
    ("Bruising?", "Symptoms", "yes", ["Bruise on left forearm"], None),
    ("Has he missed warfarin doses?", "Medication", "yes", ["two missed doses last week"], None),
    ("Has the tooth been extracted?", "Procedure", "no", ["Tooth extraction planned by his dentist in April"], "planned: the extraction is planned for April"),
    ("Has the INR been repeated on Monday?", "Lab Reports", "no", ["Repeat INR Monday 20/03/2316 at the clinic"], "planned: the repeat INR is booked for Monday"),
    ("Chest pain?", "Symptoms", "no", ["no chest pain"], "pertinent_negative: chest pain negated in the thrombosis screen"),
    ("Any stroke symptoms?", "Symptoms", "no", ["no weakness or speech change"], "pertinent_negative: weakness and speech change negated"),
    ("Does he take glucosamine?", "Medication", "no", ["stopped 2314"], "former_resolved: glucosamine stopped in 2314"),
    ("Is he on a beta-blocker?", "Medication", "yes", ["bisoprolol 5 mg"], None),
    ("Loop diuretic?", "Medication", "yes", ["furosemide 40 mg"], None),
    ("Statin?", "Medication", "yes", ["atorvastatin 20 mg"], None),
    ("Is he on a proton pump inhibitor?", "Medication", "yes", ["omeprazole 20 mg"], None),
    ("Any falls?", "Symptoms", "no", ["Falls: none."], None),
    ("Has his diet changed?", "Other", "no", ["No change in diet reported"], None),
]

# ---------------------------------------------------------------- ivt_01
NOTES["ivt_01"] = ("operative", "Korean intravitreal injection (anti-VEGF) clinic visit: bilingual Korean / English Key: value header with OD / OS diagnoses, SYMPTOMS, EXAMINATION and OCT in Key: value lines by eye, PROCEDURE block (consent, time-out, anaesthesia, antisepsis, IOP after injection), dash DISCUSSION list, numbered PLAN; ISO dates")
QAS["ivt_01"] = [
    ("Does she have wet AMD?", "Diagnosis", "yes", ["neovascular (wet) age-related macular degeneration"], None),
    ("Is the wet macular degeneration in the left eye?", "Diagnosis", "no", ["intermediate dry AMD (large drusen), no neovascularisation"], "other_site: wet AMD is in the right eye (OD); the left eye has dry AMD"),
    ("Was an intravitreal injection given today?", "Procedure", "yes", ["Agent given: aflibercept 2 mg, lot AF-7718"], None),
    ("오른쪽 눈에 주사를 맞았나요?", "Procedure", "yes", ["PROCEDURE - intravitreal injection OD"], None),
    ("Was the left eye injected?", "Procedure", "no", ["OS: no injection"], "other_site: only the right eye was injected"),
    ("Is she on aflibercept?", "Medication", "yes", ["Agent: aflibercept 2 mg/0.05 mL"], None),
    ("Has she been switched to faricimab?", "Medication", "no", ["Switch to faricimab considered: not needed"], "considered_rejected: switch considered and not needed"),
    ("Any anti-VEGF?", "Medication", "yes", ["Agent given: aflibercept 2 mg, lot AF-7718"], None),
    ("Is she on an anticoagulant?", "Medication", "no", ["clopidogrel 75 mg"], "wrong_class: clopidogrel is an antiplatelet, not an anticoagulant"),
    ("Is clopidogrel continued?", "Medication", "yes", ["continued, not stopped for injections"], None),
    ("Diabetic?", "Diagnosis", "yes", ["type 2 diabetes (metformin)"], None),
    ("Does she have diabetic retinopathy?", "Diagnosis", "no", ["Diabetic retinopathy: none in either eye"], "normal_result: the fundus shows no diabetic retinopathy"),
    ("Is her HbA1c below 7%?", "Lab Reports", "no", ["HbA1c: 7.9%"], None),
    ("Has she had a stroke?", "Diagnosis", "uncertain", ["\"a small stroke about ten years ago\" - patient's account, no records or imaging found"], "patient_reported: the stroke is her own account with no records"),
    ("Is she allergic to iodine?", "Medication", "no", ["povidone-iodine 5% to conjunctiva and lids - tolerated"], "patient_question: iodine allergy is only her question; povidone-iodine was tolerated"),
    ("Shellfish allergy?", "Medication", "yes", ["shellfish (hives)"], None),
    ("Is there subretinal fluid in the right eye?", "Lab Reports", "no", ["OD subretinal fluid: absent"], "form_field: the OCT field reads absent"),
    ("Intraretinal fluid OD?", "Lab Reports", "no", ["OD intraretinal fluid: absent"], "form_field: the OCT field reads absent"),
    ("Is the disease active in the right eye?", "Diagnosis", "no", ["OD dry macula on 8 weeks - disease inactive"], "negated: impression says disease inactive"),
    ("Was the IOP raised after the injection?", "Lab Reports", "yes", ["34 mmHg at 5 minutes"], None),
    ("Was the IOP still raised at 30 minutes?", "Lab Reports", "no", ["19 mmHg at 30 minutes"], "time_scope: 34 mmHg was at 5 minutes; 19 mmHg at 30 minutes"),
    ("Was an anterior chamber paracentesis done?", "Procedure", "no", ["no paracentesis needed"], "negated: paracentesis not needed"),
    ("Was subconjunctival lidocaine used?", "Medication", "no", ["subconjunctival lidocaine not used"], "negated: only topical proparacaine was used"),
    ("Subconjunctival haemorrhage?", "Symptoms", "yes", ["small subconjunctival haemorrhage at the injection site"], None),
    ("Were antibiotic drops prescribed after the injection?", "Medication", "no", ["Post-injection antibiotic drops: none (unit policy)"], "form_field: the field reads none"),
    ("Does she have endophthalmitis?", "Diagnosis", "no", ["Anterior segment OD: quiet, no cells, no flare"], "safety_net: endophthalmitis only on the warning card; the eye is quiet"),
    ("Is she taking an AREDS2 supplement?", "Medication", "no", ["patient has not decided, wants to ask her daughter"], "undecided: recommended, not yet decided"),
    ("Has the left cataract operation been booked?", "Procedure", "no", ["OS cataract surgery to be listed when she is ready - not yet booked"], "planned: to be listed later, not yet booked"),
    ("Has she had cataract surgery?", "Procedure", "yes", ["OD pseudophakic (cataract operation 2311)"], None),
    ("Is the next injection in 8 weeks?", "Procedure", "no", ["Extend interval to 10 weeks"], "time_scope: 8 weeks was the interval before today; the next is at 10 weeks"),
    ("Does she smoke?", "Other", "no", ["ex-smoker, stopped about 20 years ago"], "former_resolved: ex-smoker"),
    ("Any floaters or flashes?", "Symptoms", "no", ["No floaters, no flashes."], None),
    ("Did the right eye's vision improve?", "Symptoms", "yes", ["BCVA OD: 6/12 (last visit 6/15)", "vision \"a bit clearer\" in the right eye"], None),
    ("Is she still driving?", "Other", "yes", ["still drives in daylight"], None),
]

# ---------------------------------------------------------------- cf_01
NOTES["cf_01"] = ("progress", "Czech adult cystic fibrosis centre annual review: header with genotype, a pipe-bordered two-year table (FEV1, BMI, IV courses, sputum organisms, sweat chloride, HbA1c, vitamin D), then one topic per line (modulator, haemoptysis, sinuses, GI, CFRD with an OGTT threshold, bone, fertility, mental health, sister), physiotherapy and medicine lines with stopped drugs, dash plan; dd.mm.yyyy and mm/yyyy")
QAS["cf_01"] = [
    ("Does he have cystic fibrosis?", "Diagnosis", "yes", ["Genotype: F508del / G542X"], None),
    ("Is he on a CFTR modulator?", "Medication", "yes", ["elexacaftor/tezacaftor/ivacaftor since 01/2317"], None),
    ("Is his FEV1 below 70% predicted this year?", "Lab Reports", "no", [("74", "| 61              | 74                   |")], "time_scope: 61% was in 2316; today 74%"),
    ("Did he need IV antibiotics this year?", "Medication", "no", ["No IV antibiotics this year"], "time_scope: three IV courses were in 2316; none this year"),
    ("Any antibiotic course this year?", "Medication", "yes", ["one oral course (ciprofloxacin, 2 weeks, March)"], None),
    ("Is he chronically infected with Pseudomonas now?", "Lab Reports", "no", ["not grown x 4"], "time_scope: chronic Pseudomonas in 2316; not grown four times this year"),
    ("MRSA?", "Lab Reports", "no", [("not grown", 2)], "form_field: table cell 'not grown'"),
    ("Has NTM been excluded this year?", "Lab Reports", "no", ["sample insufficient"], "sample_rejected: this year's NTM sample was insufficient; no result"),
    ("Is the NTM culture repeat done?", "Lab Reports", "no", ["Repeat NTM culture (induced sputum) - send next clinic"], "planned: the repeat is for the next clinic"),
    ("Is his vitamin D low?", "Lab Reports", "no", ["71"], "time_scope: low (38) in 2316; 71 now"),
    ("Does he have CF-related diabetes?", "Diagnosis", "no", ["impaired glucose tolerance, NOT diabetes (threshold 11.1)"], "threshold_value: 2 h glucose 10.4 is below the 11.1 diabetes threshold"),
    ("Impaired glucose tolerance?", "Diagnosis", "yes", ["impaired glucose tolerance, NOT diabetes (threshold 11.1)"], None),
    ("Is he on insulin?", "Medication", "no", ["Insulin not needed."], "negated: insulin not needed"),
    ("Haemoptysis in the last month?", "Symptoms", "no", ["streaks once in February, none since"], "time_scope: streaks once in February only"),
    ("Nasal polyps?", "Diagnosis", "yes", ["nasal polyps on ENT scope 2316"], None),
    ("Has he had sinus surgery?", "Procedure", "no", ["consider sinus surgery only if symptoms worsen"], "conditional: sinus surgery only if symptoms worsen"),
    ("Pancreatic insufficient?", "Diagnosis", "yes", ["pancreatic insufficient"], None),
    ("Does he take pancreatic enzymes?", "Medication", "yes", ["Creon 25000, 3 with meals, 1 with snacks"], None),
    ("Cirrhosis?", "Diagnosis", "no", ["no cirrhosis, mild steatosis"], "negated: liver ultrasound shows no cirrhosis"),
    ("Does he have osteoporosis?", "Diagnosis", "no", ["Not osteoporosis."], "threshold_value: Z-score -1.1 is not osteoporosis"),
    ("Is he on nebulised tobramycin?", "Medication", "no", ["stopped 04/2317 (no Pseudomonas since modulator)"], "former_resolved: tobramycin stopped 04/2317"),
    ("Is he allergic to hypertonic saline?", "Medication", "no", ["did not tolerate (bronchospasm, cough) - not an allergy"], "allergy_vs_intolerance: bronchospasm and cough, not an allergy"),
    ("Dornase alfa?", "Medication", "yes", ["dornase alfa daily"], None),
    ("Is he on azithromycin?", "Medication", "yes", ["Azithromycin 250 mg three times weekly - continue"], None),
    ("Has azithromycin been stopped?", "Medication", "no", ["Stop azithromycin if still no Pseudomonas at 2 years on modulator (review 01/2319)"], "conditional: azithromycin to stop only if still no Pseudomonas at 2 years"),
    ("Does he take colecalciferol?", "Medication", "no", ["Colecalciferol - stopped when vitamin D normal"], "former_resolved: stopped when vitamin D normal"),
    ("Has he had a semen analysis?", "Lab Reports", "no", ["semen analysis offered, he wants to wait"], "declined: offered, he wants to wait"),
    ("Is he infertile?", "Diagnosis", "uncertain", ["semen analysis offered, he wants to wait"], "patient_question: infertility is only his question and general knowledge; never tested"),
    ("Is he listed for lung transplant?", "Procedure", "no", ["Tomáš himself not near transplant referral"], "other_person: his sister Petra is listed"),
    ("Does his sister have CF?", "Diagnosis", "yes", ["Sister Petra (26) also has CF"], None),
    ("Flu vaccine this year?", "Procedure", "yes", ["influenza 10/2317 given"], None),
    ("Has he had the COVID booster?", "Procedure", "no", ["COVID booster due, not given yet"], "vaccine_due: booster due, not given"),
    ("Is he anxious or depressed?", "Diagnosis", "no", ["GAD-7 4, PHQ-9 2"], "screening_negative: GAD-7 4 and PHQ-9 2"),
    ("Hearing loss?", "Diagnosis", "no", ["audiology 2317 normal"], "normal_result: audiology normal"),
]

# ---------------------------------------------------------------- fls_01
NOTES["fls_01"] = ("clinic_letter", "Chilean fracture liaison service letter to the primary-care doctor, written entirely in Spanish: letterhead, place and spelled-out date, prose paragraphs (fracture history, background, medicines with a self-stopped drug and an intolerance, falls, DXA with T-scores using decimal commas, FRAX, labs with a pending test), impression, dash plan with 'Iniciar' / 'Comenzar' imperatives and an option not chosen")
QAS["fls_01"] = [
    ("¿Tiene osteoporosis la paciente?", "Diagnosis", "yes", ["osteoporosis con fracturas por fragilidad"], None),
    ("Does she have osteoporosis?", "Diagnosis", "yes", ["osteoporosis con fracturas por fragilidad"], None),
    ("Did she fracture her left wrist?", "Diagnosis", "yes", ["fractura distal del radio izquierdo"], None),
    ("Right wrist fracture?", "Diagnosis", "no", ["fractura distal del radio izquierdo"], "other_site: the radius fracture is on the left"),
    ("Has she had a hip fracture?", "Diagnosis", "no", ["No ha tenido fractura de cadera."], "family_history: her mother broke her hip; she has not"),
    ("Vertebral fracture?", "Diagnosis", "yes", ["fractura de la vértebra L1"], None),
    ("Did she lose consciousness when she fell?", "Symptoms", "no", ["No perdió el conocimiento."], "negated: no loss of consciousness"),
    ("Is she on zoledronic acid?", "Medication", "no", ["primera dosis el 19/05/2314 en el hospital de día"], "planned: the first infusion is booked for 19/05/2314"),
    ("¿Recibe actualmente un bisfosfonato?", "Medication", "no", ["lo dejó a las 3 semanas", "primera dosis el 19/05/2314 en el hospital de día"], "drug_class_and_status: alendronate stopped in 2311, zoledronic acid not yet given"),
    ("Is she allergic to alendronate?", "Medication", "no", ["intolerancia digestiva, no alergia"], "allergy_vs_intolerance: heartburn, an intolerance"),
    ("Drug allergies?", "Medication", "no", ["No es alérgica a medicamentos"], None),
    ("Is she on denosumab?", "Medication", "no", ["conversado como alternativa, no elegido"], "considered_rejected: discussed as an alternative, not chosen"),
    ("Is she currently taking prednisone?", "Medication", "no", ["actualmente no toma corticoides"], "former_resolved: prednisone taken 2312-2313 only"),
    ("Has she ever taken corticosteroids?", "Medication", "yes", ["Recibió prednisona 10 mg al día durante casi un año (2312-2313)"], None),
    ("Does she take zolpidem?", "Medication", "no", ["lo suspendió ella misma hace 2 meses"], "former_resolved: she stopped zolpidem herself 2 months ago"),
    ("Methotrexate?", "Medication", "yes", ["metotrexato 15 mg semanal con ácido fólico"], None),
    ("Does she have rheumatoid arthritis?", "Diagnosis", "yes", ["artritis reumatoide diagnosticada hace 6 años"], None),
    ("Hypothyroid?", "Diagnosis", "yes", ["hipotiroidismo en tratamiento"], None),
    ("Is she on levothyroxine?", "Medication", "yes", ["levotiroxina 75 mcg"], None),
    ("Is her vitamin D low?", "Lab Reports", "yes", ["25-OH vitamina D 18 ng/mL (baja; normal > 30)"], None),
    ("Has colecalciferol been started?", "Medication", "no", ["Comenzar colecalciferol 50.000 UI semanal por 8 semanas desde mañana."], "planned: colecalciferol starts tomorrow"),
    ("Hypercalcaemia?", "Lab Reports", "no", ["calcio 9,4 mg/dL (normal)"], "normal_result: calcium normal"),
    ("Does she have multiple myeloma?", "Diagnosis", "uncertain", ["no se ha descartado mieloma hasta tener la electroforesis", "Electroforesis de proteínas: solicitada, pendiente."], "test_status: protein electrophoresis pending; myeloma not excluded"),
    ("Is the protein electrophoresis result back?", "Lab Reports", "no", ["Electroforesis de proteínas: solicitada, pendiente."], "test_status: requested, pending"),
    ("Is the femoral neck T-score in the osteoporotic range?", "Lab Reports", "no", ["cuello femoral T -2,4"], "threshold_value: -2.4 is above the -2.5 cut-off"),
    ("Lumbar spine T-score -2.5 or lower?", "Lab Reports", "yes", ["columna lumbar T -2,9"], None),
    ("Has she used HRT?", "Medication", "no", ["nunca usó terapia hormonal"], None),
    ("Does she smoke?", "Other", "no", ["No fuma."], None),
    ("Has she had fever after the infusion?", "Symptoms", "no", ["primera dosis el 19/05/2314 en el hospital de día"], "hypothetical: fever is advice for after an infusion not yet given"),
    ("Has she been referred to physiotherapy?", "Procedure", "yes", ["Derivación a kinesiología para programa de equilibrio."], None),
    ("Dental infection?", "Diagnosis", "no", ["sin infección actual"], "negated: removable denture, no current infection"),
]

# ---------------------------------------------------------------- thal_01
NOTES["thal_01"] = ("other", "Thai thalassaemia day-unit transfusion visit record: HN header, a [x] / [ ] pre-transfusion checklist with unticked items and reasons, Hb against a target range, a correction line moving a temperature to another bed, IRON block (ferritin, T2*, liver iron, chelation adherence), dotted-leader medication reconciliation, OTHER lines (endocrine, a clotted sample, pending HCV RNA, asplenia vaccines, brother's trait, rejected options), numbered plan; dd/mm/yyyy")
QAS["thal_01"] = [
    ("Does she have beta-thalassaemia major?", "Diagnosis", "yes", ["beta-thalassaemia major"], None),
    ("Transfused today?", "Procedure", "yes", ["2 units leucodepleted red cells, 3 hours each"], None),
    ("Was she premedicated with an antihistamine?", "Medication", "no", ["[ ] Premedication with antihistamine (not required - no previous reactions)"], "form_field: unticked box, not required"),
    ("Did she have a fever during the transfusion?", "Symptoms", "no", ["Her 1 h temperature was 36.9."], "corrected_entry: the 38.1 entry was corrected as belonging to bed 4"),
    ("Febrile before the transfusion?", "Symptoms", "no", ["[ ] Fever in the last 48 h", "T 36.8"], "form_field: unticked fever box, temperature 36.8"),
    ("Transfusion reaction?", "Symptoms", "no", ["Reaction during transfusion: none."], None),
    ("Does she have a central line?", "Procedure", "no", ["[ ] Central line / port"], "form_field: unticked box; a peripheral cannula was used"),
    ("Was the pre-transfusion Hb within the target?", "Lab Reports", "no", ["Pre-transfusion Hb: 8.1 g/dL"], "target_not_measured: 9.5-10.5 is the target; measured Hb 8.1"),
    ("Is her ferritin above 2,500 ng/mL?", "Lab Reports", "yes", ["Ferritin: 2,840 ng/mL"], None),
    ("Cardiac iron overload?", "Diagnosis", "no", ["24 ms - no cardiac iron loading"], "normal_result: T2* 24 ms, no cardiac iron"),
    ("Liver iron overload?", "Diagnosis", "yes", ["9.8 mg/g dw - moderate"], None),
    ("Is she on iron chelation?", "Medication", "yes", ["deferasirox 1,260 mg daily (film-coated)"], None),
    ("Does she use a deferoxamine pump?", "Medication", "no", ["Deferoxamine pump: stopped 2316"], "former_resolved: deferoxamine stopped in 2316"),
    ("Is she fully adherent to deferasirox?", "Medication", "no", ["Missing about 2 doses a week"], "non_adherent: misses about 2 doses a week"),
    ("Has she been switched to deferasirox granules?", "Medication", "no", ["Swap to deferasirox granules in water if still missing doses"], "conditional: swap only if she still misses doses"),
    ("Is she on antibiotic prophylaxis?", "Medication", "yes", ["penicillin V 250 mg twice daily"], None),
    ("Does she have an active infection being treated with penicillin?", "Medication", "no", ["(post-splenectomy prophylaxis)"], "prophylaxis_only: penicillin V is post-splenectomy prophylaxis"),
    ("Does she still have her spleen?", "Diagnosis", "no", ["Spleen: absent (splenectomy)."], None),
    ("Does she take zinc?", "Medication", "no", ["she stopped it herself, restart not needed"], "former_resolved: she stopped zinc herself"),
    ("Drug allergies?", "Medication", "no", ["no known drug allergy"], None),
    ("Is she on oestrogen?", "Medication", "yes", ["on oral estradiol from the endocrinologist"], None),
    ("Diabetic?", "Diagnosis", "no", ["fasting glucose 5.2 mmol/L"], "screening_negative: fasting glucose 5.2"),
    ("Is her thyroid function normal?", "Lab Reports", "uncertain", ["TSH not done - clotted sample"], "sample_rejected: TSH sample clotted; no result"),
    ("Has TSH been measured this visit?", "Lab Reports", "no", ["TSH not done - clotted sample"], "sample_rejected: the sample clotted"),
    ("Does she have hepatitis C?", "Diagnosis", "uncertain", ["anti-HCV reactive - HCV RNA sent, result not yet available"], "test_status: antibody reactive, HCV RNA pending"),
    ("Anti-HCV positive?", "Lab Reports", "yes", ["anti-HCV reactive"], None),
    ("HIV?", "Lab Reports", "no", ["HIV negative"], "screening_negative: HIV negative"),
    ("Gallstones?", "Diagnosis", "yes", ["small gallstones on ultrasound 2318, no pain"], None),
    ("Is her brother transfusion dependent?", "Diagnosis", "no", ["has HbE trait only, not transfusion dependent"], None),
    ("Is she on hydroxyurea?", "Medication", "no", ["not used for her genotype at this stage"], "considered_rejected: hydroxyurea discussed and not used"),
    ("Is a bone marrow transplant planned?", "Procedure", "no", ["no matched sibling donor"], "considered_rejected: considered years ago, no donor"),
    ("Flu vaccine given?", "Procedure", "yes", ["she agreed, given right arm"], None),
    ("Is the next transfusion on 15/02/2319?", "Procedure", "no", ["Next transfusion in 3 weeks (05/02/2319)."], "detail_mismatch: the next transfusion is on 05/02/2319"),
]

# ---------------------------------------------------------------- alt_01
NOTES["alt_01"] = ("emergency", "Nepali high-altitude rescue aid post, volunteer doctor's log: terse shorthand (Pt, Asc profile, PC, PMH, O/E, Imp, Rx), arrows, score line, '?early HAPE', dash Rx list of drugs given, not given, reserved and available but unused, a timed morning review and numbered plan with a declined evacuation; dd/mm/yyyy and 24-hour times")
QAS["alt_01"] = [
    ("Acute mountain sickness?", "Diagnosis", "yes", ["moderate-severe AMS"], None),
    ("Does he have HACE?", "Diagnosis", "no", ["No HACE."], "negated: no HACE"),
    ("Does he have high-altitude pulmonary oedema?", "Diagnosis", "uncertain", ["?early HAPE, watch"], "suspected: ?early HAPE"),
    ("Headache?", "Symptoms", "yes", ["headache + nausea since noon"], None),
    ("Did he vomit?", "Symptoms", "yes", ["vomited x2"], None),
    ("Is he still vomiting in the morning?", "Symptoms", "no", ["Vomiting stopped (last 22:15)."], "time_scope: vomiting stopped at 22:15"),
    ("Confusion?", "Symptoms", "no", ["No confusion."], "safety_net: confusion is also the wake-us trigger; none present"),
    ("Ataxia?", "Symptoms", "no", ["No ataxia (heel-toe walk normal)."], "negated: heel-toe walk normal"),
    ("Pink frothy sputum?", "Symptoms", "no", ["no pink sputum"], "negation_in_list: no cough, no pink sputum"),
    ("Was he hypoxic on arrival?", "Lab Reports", "yes", ["SpO2 81% RA"], None),
    ("Oxygen given?", "Medication", "yes", ["O2 2 L/min nasal via concentrator"], None),
    ("Did he take acetazolamide?", "Medication", "no", ["Acetazolamide: carried in kit, not taken", "Acetazolamide: NOT given"], "available_not_used: carried in his kit, not taken; not given at the post"),
    ("Was dexamethasone given?", "Medication", "no", ["Dexamethasone 8 mg: drawn up, NOT given"], "available_not_used: drawn up, not given"),
    ("Gamow bag used?", "Procedure", "no", ["Gamow bag: available, not used."], "available_not_used: available, not used"),
    ("Is he on nifedipine?", "Medication", "no", ["Nifedipine SR: in the cupboard - only if HAPE develops."], "conditional: only if HAPE develops"),
    ("Antiemetic given?", "Medication", "yes", ["Ondansetron 4 mg ODT given 21:50."], None),
    ("Did he take an NSAID?", "Medication", "yes", ["Ibuprofen 400 mg at 14:00"], None),
    ("Is he allergic to sulfonamides?", "Medication", "uncertain", ["thinks a \"rash as a child to an antibiotic\", unsure which"], "patient_reported: vague childhood rash, drug unknown"),
    ("Does he have asthma now?", "Diagnosis", "no", ["asthma (childhood, no inhaler for 15 yrs)"], "former_resolved: childhood asthma, no inhaler for 15 years"),
    ("Migraine history?", "Diagnosis", "yes", ["Migraine - yes, 2-3/yr"], None),
    ("Febrile?", "Symptoms", "no", ["T 36.9."], None),
    ("Crackles on auscultation?", "Symptoms", "no", ["No crackles."], "pertinent_negative: chest clear, no crackles"),
    ("Fundoscopy done?", "Procedure", "no", ["Fundi not examined (no ophthalmoscope)."], "negated: not examined"),
    ("Is he being evacuated by helicopter?", "Procedure", "no", ["declined by pt, he prefers to walk", "no helicopter needed"], "declined: family requested it, he declined"),
    ("Is he to descend?", "Procedure", "yes", ["Descend today to Pheriche (3,440 m) with guide"], None),
    ("Did he have a rest day on the ascent?", "Other", "no", ["No rest day."], None),
    ("Does Lena have AMS requiring descent?", "Diagnosis", "no", ["friend Lena has mild headache only (LLS 2) - continue with rest day"], "other_person: Lena is a friend with mild headache, staying"),
    ("Did the headache improve by morning?", "Symptoms", "yes", ["Headache 1/10."], None),
    ("Can he reascend tomorrow?", "Other", "no", ["Do NOT reascend until symptom free 24-48 h."], "negated: no reascent until symptom free for 24-48 h"),
]

# ---------------------------------------------------------------- otp_01
NOTES["otp_01"] = ("progress", "Ethiopian community outpatient therapeutic programme (OTP) card for severe acute malnutrition, week 3: registration header, space-aligned admission / today anthropometry table, a '(tick = yes)' [x] / [ ] checklist, TREATMENT lines with given, not given and due items, OTHER lines (HIV, TB screen, twin sister's own status), outcome with discharge criteria and a come-back-if line; dd/mm/yyyy")
QAS["otp_01"] = [
    ("Severe acute malnutrition?", "Diagnosis", "yes", ["OUTPATIENT THERAPEUTIC PROGRAMME (OTP) - SEVERE ACUTE MALNUTRITION"], None),
    ("Does Abdi have oedema today?", "Symptoms", "no", ["Oedema resolved (from week 2)."], "time_scope: oedema present at admission only"),
    ("Did he have oedema at admission?", "Symptoms", "yes", ["+ (feet)"], None),
    ("Is his MUAC above 125 mm?", "Lab Reports", "no", [("117", "MUAC (mm)      108            117")], "threshold_value: 117 mm is below the 125 mm cure criterion"),
    ("Gaining weight?", "Lab Reports", "yes", ["Weight gain since last week: 9 g/kg/day."], None),
    ("Did he pass the appetite test?", "Procedure", "yes", ["[x] Appetite test passed today"], None),
    ("Diarrhoea in the past week?", "Symptoms", "yes", ["[x] Diarrhoea in last 7 days"], None),
    ("Bloody diarrhoea?", "Symptoms", "no", ["no blood"], "negated: 2 loose stools a day, no blood"),
    ("Fever in the last week?", "Symptoms", "no", ["[ ] Fever (history in last 7 days)"], "form_field: unticked box"),
    ("Vomiting?", "Symptoms", "no", ["[ ] Vomiting"], "form_field: unticked box"),
    ("Danger signs?", "Symptoms", "no", ["[ ] Danger signs (lethargy, convulsions, unable to drink)"], "form_field: unticked box"),
    ("Was he referred to the stabilisation centre?", "Procedure", "no", ["[ ] Referred to stabilisation centre (inpatient)"], "form_field: unticked box"),
    ("Is he on RUTF?", "Medication", "yes", ["RUTF: 14 sachets/week"], None),
    ("Did he receive amoxicillin?", "Medication", "yes", ["Amoxicillin 7 days: given at admission, course completed."], None),
    ("Is he still on amoxicillin?", "Medication", "no", ["Amoxicillin 7 days: given at admission, course completed."], "time_scope: the 7-day course is completed"),
    ("Was albendazole given at admission?", "Medication", "no", ["not given at admission (protocol: from the 2nd visit)"], "time_scope: albendazole given today, not at admission"),
    ("Dewormed today?", "Medication", "yes", ["given today, 200 mg"], None),
    ("Vitamin A given in the OTP?", "Medication", "no", ["Vitamin A: not given"], "negated: not given, had a campaign dose"),
    ("Has he had vitamin A in the last 2 months?", "Medication", "yes", ["received a dose in the campaign 6 weeks ago (card seen)"], None),
    ("Is his measles vaccination complete?", "Procedure", "no", ["second dose due - not given today (vaccinator absent)"], "vaccine_due: second dose due, not given"),
    ("Has he had a measles vaccine?", "Procedure", "yes", ["first dose given at 9 months"], None),
    ("Malaria?", "Diagnosis", "no", ["Malaria RDT: negative (admission)."], "screening_negative: RDT negative"),
    ("Is he taking iron tablets?", "Medication", "no", ["Iron: not given (RUTF contains iron)."], "considered_rejected: not given because RUTF contains iron"),
    ("Is he breastfed?", "Other", "yes", ["Breastfeeding: yes, continuing."], None),
    ("Has the child been tested for HIV?", "Lab Reports", "no", ["child not tested"], "other_person: the mother's test was negative; the child was not tested"),
    ("Is the twin sister in the OTP?", "Procedure", "no", ["referred to TSFP (supplementary feeding), not OTP"], "other_person: Hawi has moderate malnutrition, in TSFP"),
    ("Does his twin have malnutrition?", "Diagnosis", "yes", ["moderate acute malnutrition"], None),
    ("Is Abdi cured?", "Diagnosis", "no", ["Not yet cured"], "negated: not yet cured"),
    ("TB contact?", "Other", "no", ["no contact"], "negation_in_list: TB screen negatives"),
]

# ---------------------------------------------------------------- custody_01
NOTES["custody_01"] = ("other", "Estonian police custody healthcare fitness-to-detain assessment: Key: value header with custody reference, alcohol and dependence lines with a breath-alcohol value and CIWA-Ar, dash injury list, history lines with unverified claims, OPINION block with NOT fit / Fit to be interviewed: NO, a conditional 'if returned to custody' list with a threshold-triggered regimen, timed addendum; dd.mm.yyyy and 24-hour times")
QAS["custody_01"] = [
    ("Is he intoxicated with alcohol?", "Diagnosis", "yes", ["Breath alcohol 0.71 mg/L"], None),
    ("Fit to be detained?", "Other", "no", ["NOT fit to be detained at present"], None),
    ("Is he fit to be interviewed?", "Other", "no", ["Fit to be interviewed: NO"], "form_field: the field reads NO"),
    ("Head injury?", "Diagnosis", "yes", ["fell against a door frame at arrest"], None),
    ("Does he have an intracranial bleed?", "Diagnosis", "uncertain", ["cannot exclude intracranial bleed", "CT result not known to custody at time of writing"], "test_status: CT head pending, bleed not excluded"),
    ("Has the CT head been reported?", "Lab Reports", "no", ["CT result not known to custody at time of writing"], "test_status: result not known"),
    ("Was he transferred to hospital?", "Procedure", "yes", ["ambulance arrived, transferred with escort"], None),
    ("Is the eyebrow laceration on the left?", "Symptoms", "no", ["2 cm laceration right eyebrow"], "other_site: the laceration is on the right eyebrow"),
    ("Was the laceration sutured?", "Procedure", "no", ["Not sutured."], "negated: steri-strips, not sutured"),
    ("Did he lose consciousness?", "Symptoms", "uncertain", ["Did not lose consciousness per officer; detainee cannot remember."], "patient_reported: only the officer's account; he cannot remember"),
    ("GCS 15?", "Symptoms", "no", ["GCS 14 (E4 V4 M6)"], None),
    ("Did he vomit?", "Symptoms", "yes", ["Vomited once at 02:30 in the cell."], None),
    ("Neck pain?", "Symptoms", "no", ["no neck pain"], "negation_in_list: no back-of-head injury, no neck pain"),
    ("Has he used illicit drugs?", "Other", "uncertain", ["denies illicit drugs"], "patient_reported: denial only, no test"),
    ("Has he had alcohol withdrawal seizures?", "Diagnosis", "no", ["none ever"], "negated: never had a withdrawal fit"),
    ("Alcohol dependent?", "Diagnosis", "yes", ["drinks daily \"for years\"", "shaky mornings - yes"], None),
    ("Has chlordiazepoxide been started?", "Medication", "no", ["Chlordiazepoxide withdrawal regimen to be started only if CIWA-Ar rises to 10 or more."], "conditional: only if CIWA-Ar reaches 10; it is 3"),
    ("Is he on thiamine?", "Medication", "no", ["Thiamine 100 mg orally three times daily - start on return."], "planned: to start on return to custody"),
    ("Does he have atrial fibrillation?", "Diagnosis", "uncertain", ["atrial fibrillation? - he says \"irregular heart\", no details"], "patient_reported: vague 'irregular heart'"),
    ("Is he on an anticoagulant?", "Medication", "uncertain", ["No anticoagulant that he knows of."], "patient_reported: only his own knowledge; no medication found"),
    ("Beta-blocker?", "Medication", "uncertain", ["bisoprolol (dose unknown) - he thinks"], "patient_reported: he thinks bisoprolol, unverified"),
    ("Epilepsy?", "Diagnosis", "no", ["Epilepsy - no."], None),
    ("Diabetic?", "Diagnosis", "no", ["Diabetes - no (glucose 6.4 mmol/L capillary)."], None),
    ("Is he currently suicidal?", "Symptoms", "no", ["no current thoughts of self-harm"], "former_resolved: depression treated in 2315; no current thoughts"),
    ("History of depression?", "Diagnosis", "yes", ["treated for depression 2315"], None),
    ("Were rousing checks started?", "Procedure", "no", ["Rousing checks every 30 min for the first 12 h"], "conditional: only if returned to custody"),
    ("Needle marks?", "Symptoms", "no", ["No needle marks seen."], None),
    ("Were his pupils equal?", "Symptoms", "yes", ["pupils equal and reactive"], None),
    ("Bruised knuckles?", "Symptoms", "yes", ["Bruise left knuckles."], None),
    ("Was an interpreter used?", "Other", "no", ["Interpreter: not needed"], None),
]

# ---------------------------------------------------------------- marathon_01
NOTES["marathon_01"] = ("emergency", "Argentine marathon finish-line medical tent record (mass-gathering medicine): pipe header with bib and times, triage colour, terse Key: value history lines, space-aligned timed obs rows with rectal temperatures, point-of-care bloods with a cartridge error, numbered assessment with an excluded diagnosis, dash treatment list with unused and not-given items, disposition and return advice; dd/mm/yyyy")
QAS["marathon_01"] = [
    ("Did she collapse?", "Symptoms", "yes", ["collapsed 20 m after finish line"], None),
    ("Did she hit her head?", "Symptoms", "no", ["No head strike (caught by volunteer)."], "negated: caught by a volunteer"),
    ("Hyponatraemia?", "Lab Reports", "yes", ["Na 129 mmol/L (ref 135-145)"], None),
    ("Is the sodium above 135 on repeat?", "Lab Reports", "no", ["Repeat Na 13:00: 131 mmol/L."], "target_not_measured: 135-145 is the reference range; repeat Na 131"),
    ("Does she have exertional heat stroke?", "Diagnosis", "no", ["exertional heat STROKE excluded"], "ruled_out: excluded (GCS 15, T < 40)"),
    ("Febrile on arrival?", "Symptoms", "yes", ["T rectal 38.6"], None),
    ("Was she still above 38 C at 13:05?", "Symptoms", "no", ["T rectal 37.6"], "time_scope: 38.6 at 11:55; 37.6 at 13:05"),
    ("Was she tachycardic on arrival?", "Symptoms", "yes", ["HR 118"], None),
    ("Was lactate measured?", "Lab Reports", "no", ["Lactate not done - analyser cartridge error."], "sample_rejected: cartridge error, no result"),
    ("Does she have rhabdomyolysis?", "Diagnosis", "uncertain", ["Rhabdomyolysis: not assessed (no CK in tent)."], "test_status: not assessed, no CK"),
    ("Was cold-water immersion used?", "Procedure", "no", ["Cold-water immersion tub: not needed"], "considered_rejected: not needed"),
    ("IV fluids given?", "Medication", "no", ["IV fluids: NOT given"], "negated: not given because hyponatraemic"),
    ("Was hypertonic saline given?", "Medication", "no", ["3% hypertonic saline: available in tent, not used"], "available_not_used: in the tent, not used"),
    ("Was an antiemetic given?", "Medication", "yes", ["Ondansetron 4 mg SL at 12:10."], None),
    ("Did she take an NSAID today?", "Medication", "yes", ["Ibuprofen 600 mg before the start"], None),
    ("Is she on hormonal contraception?", "Medication", "yes", ["combined oral contraceptive"], None),
    ("Drug allergies?", "Medication", "no", ["NKDA"], None),
    ("Chest pain?", "Symptoms", "no", ["Chest pain: none."], "pertinent_negative: chest pain none"),
    ("Does she have heart disease?", "Diagnosis", "no", ["No heart disease."], "family_history: her sister's unclear heart condition"),
    ("Does her sister have a cardiomyopathy?", "Diagnosis", "uncertain", ["Sister had \"something with her heart\" - runner does not know what."], "suspected: unknown heart condition in the sister"),
    ("ST changes on ECG?", "Lab Reports", "no", ["no ST changes"], "normal_result: sinus tachycardia only"),
    ("Sinus tachycardia on the ECG?", "Lab Reports", "yes", ["sinus tachycardia 116"], None),
    ("Did she pass urine in the tent?", "Symptoms", "yes", ["Passed urine 12:55"], None),
    ("Was she transferred to hospital?", "Procedure", "no", ["Not transferred to hospital."], None),
    ("Was she discharged from the tent?", "Other", "yes", ["Discharged with partner to hotel."], None),
    ("Confusion?", "Symptoms", "no", ["GCS 15 throughout"], "safety_net: confusion named in the return advice; GCS 15 throughout"),
    ("Has she had cardiology screening?", "Procedure", "no", ["Cardiology screening advised"], "planned: advised, to see her GP"),
    ("Did she take salt tablets?", "Medication", "no", ["no salt tablets"], None),
    ("Orthostatic hypotension at 13:05?", "Symptoms", "no", ["108/70 standing (no dizziness)"], "threshold_value: 112/70 lying to 108/70 standing, a fall of 4"),
    ("Was blood glucose low?", "Lab Reports", "no", ["Glucose 5.8 mmol/L."], None),
    ("Did she receive a blood transfusion?", "Procedure", "not_mentioned", [], None),
]

# ---------------------------------------------------------------- cloz_01
NOTES["cloz_01"] = ("progress", "Greek community clozapine clinic monthly review: header lines, indented BLOODS block with arrows and a level against its target range, side-effect checklist lines answered YES / no, mental-state paragraph, family line, dotted-leader medication reconciliation (stopped, never started, not started, unused PRN), numbered plan with 'Start ...' imperatives and a conditional statin, safety advice; dd/mm/yyyy")
QAS["cloz_01"] = [
    ("Schizophrenia?", "Diagnosis", "yes", ["treatment-resistant schizophrenia (paranoid)"], None),
    ("Is he on clozapine?", "Medication", "yes", ["Clozapine: 400 mg/day (150 mg mane, 250 mg nocte), since 2313."], None),
    ("Is he taking olanzapine?", "Medication", "no", ["Failed risperidone and olanzapine before clozapine."], "former_resolved: olanzapine failed before clozapine"),
    ("Is the ANC normal?", "Lab Reports", "yes", ["ANC: 2.9 x10^9/L  -> GREEN, dispense 4 weeks"], None),
    ("Neutropenia?", "Lab Reports", "no", ["ANC: 2.9 x10^9/L  -> GREEN, dispense 4 weeks"], "normal_result: ANC 2.9, green"),
    ("Is the clozapine level 0.60 mg/L?", "Lab Reports", "no", ["0.41 mg/L"], "target_not_measured: 0.60 is the top of the target range; the level is 0.41"),
    ("Is the clozapine level in range?", "Lab Reports", "yes", ["0.41 mg/L"], None),
    ("Was troponin checked?", "Lab Reports", "no", ["Troponin: not indicated (on clozapine > 2 years)"], "considered_rejected: not indicated"),
    ("Is his LDL high?", "Lab Reports", "yes", ["LDL 3.9 mmol/L (high)"], None),
    ("Hypersalivation?", "Symptoms", "yes", ["Hypersalivation at night - YES (pillow wet)"], None),
    ("Constipated?", "Symptoms", "yes", ["Constipation - YES, bowels every 3 days, hard"], None),
    ("Orthostatic dizziness?", "Symptoms", "no", ["Dizziness on standing - no"], "form_field: checklist line answered no"),
    ("Sore throat?", "Symptoms", "no", ["Fever / flu-like / sore throat - no"], "safety_net: also named in the advice; checklist answered no"),
    ("Seizures on clozapine?", "Symptoms", "no", ["Seizures - none"], "form_field: checklist line none"),
    ("Has he gained weight?", "Symptoms", "yes", ["Weight: 104 kg (last 101 kg)"], None),
    ("Auditory hallucinations?", "Symptoms", "yes", ["Voices \"quiet, background only\"."], None),
    ("Command hallucinations?", "Symptoms", "no", ["No command hallucinations."], "negated: voices present but no command hallucinations"),
    ("Suicidal ideation?", "Symptoms", "no", ["No thoughts of harming self or others."], None),
    ("Is he using cannabis?", "Other", "no", ["stopped 2314 - urine drug screen today negative"], "former_resolved: stopped 2314, screen negative"),
    ("Smoker?", "Other", "yes", ["Smoking: 20 cigarettes/day"], None),
    ("Does he have diabetes?", "Diagnosis", "no", ["HbA1c: 41 mmol/mol"], "family_history: his brother has type 2 diabetes; his HbA1c is 41"),
    ("Is he on aripiprazole?", "Medication", "yes", ["aripiprazole 10 mg .................. added 2314 for weight - continue"], None),
    ("Does he take docusate?", "Medication", "no", ["he stopped it, \"did nothing\""], "non_adherent: he stopped docusate himself"),
    ("Is he taking hyoscine?", "Medication", "no", ["prescribed 12/2314, never started"], "non_adherent: prescribed, never started; plan to start tonight"),
    ("Is he on metformin?", "Medication", "no", ["metformin ........................... NOT started"], "declined: discussed, he wants to try diet first"),
    ("Statin?", "Medication", "no", ["Statin to be started if LDL still high at repeat in 3 months."], "conditional: statin only if LDL still high"),
    ("Has he been prescribed a laxative today?", "Medication", "yes", ["Start macrogol 1 sachet daily from today"], None),
    ("Is he being referred to a dietitian?", "Procedure", "yes", ["Refer to dietitian"], None),
    ("Will he attend smoking cessation?", "Procedure", "no", ["offered, declined for now"], "declined: offered, declined"),
    ("Has he used lorazepam recently?", "Medication", "no", ["not used for 6 months"], None),
    ("Should he stop clozapine if he gets a sore throat?", "Medication", "no", ["do not stop on your own"], "negated: the advice's own 'stop clozapine?' is answered NO"),
]

# ---------------------------------------------------------------- lipid_01
NOTES["lipid_01"] = ("clinic_letter", "Icelandic hospital lipid clinic prose letter to the GP: letterhead, spelled-out date, Re: line, paragraphs only (negatives, examination, family history, a clinical score, a pending genetic test, a statin intolerance and a stepwise conditional plan, a requested scan, cascade screening and a husband's question), short numbered plan at the end")
QAS["lipid_01"] = [
    ("Familial hypercholesterolaemia?", "Diagnosis", "yes", ["familial hypercholesterolaemia definite on clinical grounds"], None),
    ("Is her LDL above 5 mmol/L?", "Lab Reports", "yes", ["LDL cholesterol was 6.8 mmol/L"], None),
    ("Is her LDL below 2.6?", "Lab Reports", "no", ["LDL cholesterol was 6.8 mmol/L"], "target_not_measured: 2.6 is the target; her LDL is 6.8"),
    ("Tendon xanthomata?", "Symptoms", "yes", ["tendon xanthomata on both Achilles tendons"], None),
    ("Corneal arcus?", "Symptoms", "yes", ["a corneal arcus"], None),
    ("Xanthelasma?", "Symptoms", "no", ["There are no xanthelasmata."], "negated: no xanthelasmata"),
    ("Has she had a myocardial infarction?", "Diagnosis", "no", ["She has never had a heart attack, stroke or TIA."], "family_history: her father had a heart attack at 46"),
    ("Did her father have premature coronary disease?", "Diagnosis", "yes", ["Her father had a heart attack at 46"], None),
    ("Is the genetic test result back?", "Lab Reports", "no", ["the result is not back and takes about 6 weeks"], "test_status: sent today, pending"),
    ("Is an LDLR mutation confirmed?", "Lab Reports", "uncertain", ["the result is not back and takes about 6 weeks"], "test_status: genetic result pending"),
    ("Raised Lp(a)?", "Lab Reports", "no", ["Lipoprotein(a) was 38 nmol/L, not raised."], "normal_result: not raised"),
    ("Is she allergic to simvastatin?", "Medication", "no", ["this was not an allergy"], "allergy_vs_intolerance: aching thighs, not an allergy"),
    ("Is she taking simvastatin?", "Medication", "no", ["stopped after 3 weeks because of aching thighs"], "former_resolved: stopped in 2317"),
    ("Has she had statin-associated muscle symptoms?", "Symptoms", "yes", ["stopped after 3 weeks because of aching thighs"], None),
    ("Has rosuvastatin been started?", "Medication", "no", ["start rosuvastatin 10 mg daily from tomorrow"], "planned: starts tomorrow"),
    ("Will she take rosuvastatin?", "Medication", "yes", ["she has agreed to start rosuvastatin 10 mg daily from tomorrow", "Rosuvastatin 10 mg from tomorrow."], None),
    ("Is she on ezetimibe?", "Medication", "no", ["If the target is not reached on the highest tolerated dose, ezetimibe will be added."], "conditional: only if the target is not reached"),
    ("PCSK9 inhibitor?", "Medication", "no", ["A PCSK9 inhibitor would be considered only if she stays far from target on both."], "conditional: considered only if far from target"),
    ("Is she planning a pregnancy?", "Other", "no", ["She does not want to become pregnant again"], "hypothetical: pregnancy named only as a possible change of plans"),
    ("Does she have an IUD?", "Medication", "yes", ["she has a copper coil"], None),
    ("Has the coronary calcium score been done?", "Lab Reports", "no", ["she has not had it yet"], "planned: requested, not done"),
    ("Diabetic?", "Diagnosis", "no", ["She has no diabetes (HbA1c 36 mmol/mol)."], None),
    ("Smoker?", "Other", "no", ["has never smoked"], None),
    ("Secondary cause of hypercholesterolaemia?", "Diagnosis", "no", ["I do not think this is a secondary hypercholesterolaemia"], "normal_result: thyroid, liver, renal tests and urine protein normal"),
    ("Does her husband need lipid testing?", "Lab Reports", "no", ["he is not a blood relative and does not need it for this reason"], "patient_question: the husband's own question"),
    ("Is her son being invited for testing?", "Procedure", "yes", ["I have written to her son and her two brothers inviting them for a lipid test."], None),
    ("Has her son been tested?", "Lab Reports", "no", ["Her 15-year-old son has not been tested yet."], "other_person: the son's testing is only invited"),
    ("Does she exercise?", "Other", "yes", ["she swims three times a week"], None),
    ("Chest pain?", "Symptoms", "no", ["She has no chest pain"], None),
]

# ---------------------------------------------------------------- airport_01
NOTES["airport_01"] = ("emergency", "Moroccan international airport emergency medical service intervention sheet written entirely in French: numbered form header with the call time, dash history list (in-flight oxygen, declined aspirin from the aircraft kit), vitals line with decimal commas, Wells score with an arrow, 'Suspicion de' diagnosis and a pending troponin, on-site treatment with a drug left to the hospital, transfer line and the patient's question about flying; dd/mm/yyyy and 14h32 times")
QAS["airport_01"] = [
    ("A-t-il une embolie pulmonaire ?", "Diagnosis", "uncertain", ["Suspicion d'embolie pulmonaire"], "suspected: PE suspected, to be confirmed by CT angiography"),
    ("Does he have a pulmonary embolism?", "Diagnosis", "uncertain", ["Suspicion d'embolie pulmonaire"], "suspected: suspicion, CT pending"),
    ("Douleur thoracique ?", "Symptoms", "no", ["Douleur thoracique ? NON."], "negated: chest pain answered NON"),
    ("Shortness of breath?", "Symptoms", "yes", ["Gêne respiratoire en vol depuis 1 heure"], None),
    ("Is the left calf swollen?", "Symptoms", "yes", ["Mollet gauche douloureux et gonflé depuis 2 jours"], None),
    ("Is the right calf swollen?", "Symptoms", "no", ["Mollet droit normal."], "other_site: the swollen calf is the left"),
    ("Has he had a previous PE?", "Diagnosis", "no", ["Pas d'antécédent de phlébite ni d'embolie pulmonaire."], "other_person: his wife had the PE in 2314"),
    ("Is he taking apixaban?", "Medication", "no", ["(elle prend de l'apixaban)"], "other_person: apixaban is his wife's"),
    ("Hypertension?", "Diagnosis", "yes", ["hypertension (amlodipine 5 mg)"], None),
    ("Does he have active prostate cancer?", "Diagnosis", "no", ["en rémission"], "former_resolved: treated in 2315, in remission"),
    ("Has he had radiotherapy?", "Procedure", "yes", ["traité par radiothérapie en 2315"], None),
    ("Did he take aspirin on the plane?", "Medication", "no", ["non prise (refus du patient)"], "declined: offered from the aircraft kit, refused"),
    ("Was oxygen given in flight?", "Medication", "yes", ["oxygène de la trousse de l'avion donné 2 L/min pendant 40 min"], None),
    ("Hypoxic on room air?", "Lab Reports", "yes", ["SpO2 91 % en air ambiant"], None),
    ("Tachycardic?", "Symptoms", "yes", ["FC 112"], None),
    ("Febrile?", "Symptoms", "no", ["T 37,4 °C"], "threshold_value: 37.4 C is below 38.0"),
    ("Wheeze?", "Symptoms", "no", ["Pas de sibilants."], None),
    ("ST elevation on the ECG?", "Lab Reports", "no", ["pas de sus-décalage ST"], "negated: no ST elevation"),
    ("Were D-dimers measured?", "Lab Reports", "no", ["D-dimères : non faits"], "considered_rejected: not done, high probability"),
    ("High Wells score?", "Lab Reports", "yes", ["Score de Wells (EP) : 6 → probabilité élevée."], None),
    ("Acute coronary syndrome?", "Diagnosis", "uncertain", ["peu probable (pas de douleur, ECG sans sus-décalage) - troponine envoyée, résultat en attente au moment du transfert"], "test_status: unlikely but troponin pending"),
    ("Was enoxaparin given?", "Medication", "no", ["NON administrée à l'aéroport"], "negated: not given at the airport, left to the hospital"),
    ("Thrombolysed?", "Medication", "no", ["Thrombolyse : non indiquée (TA stable)."], "considered_rejected: not indicated"),
    ("IV access?", "Procedure", "yes", ["Voie veineuse posée bras droit"], None),
    ("Was he transferred to hospital?", "Procedure", "yes", ["Transfert 15h50 par ambulance médicalisée au CHU Mohammed VI"], None),
    ("Is he fit to fly home on 15/08/2317?", "Other", "uncertain", ["le patient demande s'il pourra prendre l'avion - réponse à donner par l'hôpital"], "patient_question: his own question, not yet answered"),
    ("Drug allergies?", "Medication", "no", ["Allergies : aucune connue."], None),
    ("Diabète ?", "Diagnosis", "no", ["Pas de diabète."], None),
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
                if kind in UNCERTAIN_ONLY and verdict != "uncertain": die(f"{qid} {kind} trap not uncertain")
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
                                  "not_mentioned": sum(x["is_impossible"] for x in qas),
                                  "uncertain": sum(x["verdict"] == "uncertain" for x in qas)}
    for key in ("verdicts", "verdicts_traps", "verdicts_non_traps"):
        stats[key] = {v: stats[key][v] for v in ("yes", "no", "uncertain", "not_mentioned") if v in stats[key]}
    stats["trap_kinds"] = dict(sorted(stats["trap_kinds"].items(), key=lambda kv: (-kv[1], kv[0])))
    stats["by_category"] = dict(sorted(stats["by_category"].items(), key=lambda kv: (-kv[1], kv[0])))
    json.dump({"version": "v2.0", "data": data}, open(HERE / "yesno7.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    json.dump(stats, open(HERE / "stats.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print(f"built: {stats['notes']} notes, {stats['questions']} questions ({stats['traps']} traps, "
          f"{stats['unanswerable']} not_mentioned); verdicts {stats['verdicts']}")

if __name__ == "__main__":
    main()
