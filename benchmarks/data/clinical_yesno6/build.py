#!/usr/bin/env python3
"""Build yesno6.json and stats.json for clinical_yesno6 from answer *texts* (standard library only).

Tooling (text location, build loop, stats) adapted from ../clinical_yesno5/build.py; all notes and
questions are new.

Evidence text specs:
  "text"              -> must occur exactly once as a whole token sequence
  ("text", n)         -> n-th (0-based) whole-token occurrence
  ("text", "anchor")  -> the single occurrence inside the unique anchor string
  ("text", "all")     -> every occurrence (each becomes an alternative)
Question rows: (question, category, verdict, [specs], trap) with trap None or "kind: what the trap is".
The build stops on a missing, ambiguous or token-internal text, an unknown trap kind, a trap without a
description, a trap with gold yes, or a `suspected` / `indeterminate_result` trap whose gold is not uncertain.
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
    # kinds carried over from ../clinical_yesno5 (and earlier yes/no sets)
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
    # kinds new in this set
    "revised_diagnosis": "an earlier diagnosis that was later revised to another one",
    "held_drug": "a drug temporarily on hold (to be restarted), asked as current",
    "exposure_not_disease": "an exposure that is being managed, asked as the disease itself",
    "indeterminate_result": "a result that is explicitly indeterminate or of uncertain meaning until a repeat test (gold uncertain)",
    "wrong_class": "the patient's drug belongs to another drug class than the one asked",
    "mimic_explained": "an event that looked like the condition but was judged to be something else (a pseudo-relapse)",
}
UNCERTAIN_ONLY = {"suspected", "indeterminate_result", "patient_reported"}

NOTES = {}   # id -> (note_type, style)
QAS = {}     # id -> list of rows

# ==== NOTES AND QUESTIONS
# ---------------------------------------------------------------- epilepsy_01
NOTES["epilepsy_01"] = ("progress", "Norwegian nurse-led epilepsy clinic follow-up: header lines, a space-aligned monthly seizure diary table by seizure type (FAS / FIAS / FBTCS) with a key, an event paragraph, dash medicine list with a level and target, 'Previous' lines with stopped and avoided drugs, dash 'Other' lines, numbered plan with conditional steps; dd.mm.yyyy")
QAS["epilepsy_01"] = [
    ("Does Maren have epilepsy?", "Diagnosis", "yes", ["focal epilepsy, left temporal lobe"], None),
    ("Has she been diagnosed with juvenile myoclonic epilepsy?", "Diagnosis", "no", ["was revised in 2211"], "revised_diagnosis: an earlier juvenile myoclonic epilepsy label was revised in 2211 to focal left temporal epilepsy"),
    ("Does she get myoclonic jerks?", "Symptoms", "no", ["She has never had myoclonic jerks."], "negated: she has never had myoclonic jerks"),
    ("Is the hippocampal sclerosis right-sided?", "Lab Reports", "no", ["left hippocampal sclerosis"], "other_site: the hippocampal sclerosis is on the left"),
    ("Did she have a tonic-clonic seizure in February?", "Symptoms", "yes", [("1", "Feb 2214    4     2      1"), "the FBTCS on 16.02.2214 happened at home"], None),
    ("Any tonic-clonic seizures in January?", "Symptoms", "no", [("0", "0       -")], "time_scope: the only focal to bilateral tonic-clonic seizure was in February; the January FBTCS cell is 0"),
    ("Was buccal midazolam given for the February seizure?", "Medication", "no", ["Buccal midazolam was not given because the seizure stopped by itself"], "conditional: midazolam is only for seizures lasting over 5 minutes; this one stopped after about two minutes"),
    ("Did she bite her tongue?", "Symptoms", "yes", ["Lateral tongue bite"], None),
    ("Was she incontinent during the seizure?", "Symptoms", "no", ["no incontinence"], "negation_in_list: 'Lateral tongue bite, no other injury, no incontinence'"),
    ("Does she get an aura before her seizures?", "Symptoms", "yes", ["a rising feeling in the stomach and deja vu"], None),
    ("Is she taking Keppra?", "Medication", "yes", ["Levetiracetam (Keppra) 1000 mg twice daily"], None),
    ("Is the levetiracetam making her irritable?", "Medication", "uncertain", ["possibly a levetiracetam side effect"], "suspected: the irritability is 'possibly' a levetiracetam side effect"),
    ("Is she on oxcarbazepine?", "Medication", "no", ["oxcarbazepine stopped 2212"], "former_resolved: oxcarbazepine was stopped in 2212"),
    ("Is she allergic to oxcarbazepine?", "Medication", "no", ["This was a side effect, not an allergy."], "allergy_vs_intolerance: oxcarbazepine caused hyponatraemia (Na 126), a side effect"),
    ("Has she ever been prescribed sodium valproate?", "Medication", "no", ["Valproate has never been prescribed"], "considered_rejected: valproate is avoided because she may become pregnant"),
    ("Is she still on the combined pill?", "Medication", "no", ["Combined contraceptive pill stopped 2213"], "former_resolved: the combined pill was stopped in 2213; she has a copper IUD now"),
    ("Is Maren pregnant?", "Other", "no", ["urine hCG negative today"], "planned: she is planning a pregnancy in the next year or so; hCG negative today"),
    ("Is her lamotrigine level above the target range?", "Lab Reports", "no", ["9.8 mg/L (target 3-15)"], "threshold_value: 9.8 mg/L, inside the 3-15 mg/L target"),
    ("Is her vitamin D low?", "Lab Reports", "yes", ["Vitamin D 38 nmol/L (ref > 50), low"], None),
    ("Does she have depression?", "Diagnosis", "no", ["PHQ-9 3"], "screening_negative: PHQ-9 of 3"),
    ("Did Maren have febrile convulsions as a toddler?", "Diagnosis", "no", ["Maren had no febrile seizures herself"], "family_history: the febrile seizures were her younger brother's"),
    ("Did her brother have febrile seizures?", "Other", "yes", ["her younger brother had febrile seizures as a toddler"], None),
    ("Does she have a seizure alarm for nights?", "Other", "no", ["Maren and Jonas will think about it"], "undecided: a bed sensor was offered; they have not decided"),
    ("Has the 5-day video-EEG telemetry been done?", "Procedure", "no", ["Video-EEG telemetry (5 days) booked for 12.05.2214"], "planned: telemetry is booked for 12.05.2214 (an earlier video-EEG was in 2211)"),
    ("Has she been referred to neuropsychology?", "Procedure", "yes", ["Neuropsychology referral sent today"], None),
    ("Has lacosamide been added?", "Medication", "no", ["Dr Brekke will consider adding lacosamide"], "conditional: lacosamide only if impaired awareness seizures continue after telemetry"),
    ("Is she taking folic acid?", "Medication", "yes", ["Folic acid 5 mg daily: started today"], None),
]
# ---------------------------------------------------------------- parkinson_01
NOTES["parkinson_01"] = ("clinic_letter", "Spanish movement disorders clinic report (informe de consulta) with Spanish headings and English text: numbered diagnoses with a 'probable' and a resolved item, current treatment with an on-hold drug, a space-aligned 3-day motor diary table (hours OFF / ON / dyskinesia), examination in ON with lying/standing BP and MoCA, non-motor paragraph, family line, numbered plan with conditional and declined items; `14-jun-2218`")
QAS["parkinson_01"] = [
    ("Does Joaquín have Parkinson's disease?", "Diagnosis", "yes", ["Idiopathic Parkinson's disease, diagnosed 2211"], None),
    ("Is he on levodopa?", "Medication", "yes", ["Levodopa/carbidopa 100/25 mg at 08, 11, 14, 17 and 20 h"], None),
    ("Is he taking rasagiline at the moment?", "Medication", "no", ["on hold since 02-jun-2218"], "held_drug: rasagiline is on hold while he takes linezolid; restart on 17-jun"),
    ("Is he on a dopamine agonist?", "Medication", "no", ["resolved after pramipexole was stopped"], "drug_class_and_status: the only dopamine agonist, pramipexole, was stopped in 2216"),
    ("Does he still have an impulse control disorder?", "Diagnosis", "no", ["resolved after pramipexole was stopped"], "former_resolved: the online betting resolved after pramipexole was stopped"),
    ("Does he have REM sleep behaviour disorder?", "Diagnosis", "uncertain", ["Probable REM sleep behaviour disorder"], "suspected: 'probable' RBD on his wife's account; no polysomnography"),
    ("Has he had a sleep study?", "Procedure", "no", ["No polysomnography has been done.", "Polysomnography not requested"], "negated: no polysomnography has been done, and none is requested"),
    ("Does he have wearing-off?", "Symptoms", "yes", ["Motor fluctuations (wearing-off)"], None),
    ("Does he have troublesome dyskinesia?", "Symptoms", "no", ["mild peak-dose dyskinesia", ("none", "ON, troublesome dysk.         none")], "severity_or_subtype: the dyskinesia is mild and non-troublesome; 'none' troublesome in the diary"),
    ("Is there a tremor in his left hand?", "Symptoms", "no", ["no tremor on the left"], "other_site: the rest tremor is in the right hand"),
    ("Does he freeze when walking?", "Symptoms", "yes", ["Freezing of gait at doorways and when turning"], None),
    ("Does he have orthostatic hypotension?", "Diagnosis", "no", ["standing at 3 min 126/76, no symptoms on standing"], "threshold_value: the fall on standing is 12/4 mmHg, below 20/10"),
    ("Does he have dementia?", "Diagnosis", "no", ["MoCA 26/30", "No cognitive complaints; he still manages the family accounts."], None),
    ("Does he see formed visual hallucinations?", "Symptoms", "no", ["no formed visual hallucinations"], "negated: only a brief sense of someone behind him, with insight; no formed visual hallucinations"),
    ("Has he fallen since January?", "Symptoms", "no", ["none since"], "time_scope: one fall in January 2218, none since"),
    ("Does he still drive?", "Other", "no", ["gave up driving by his own choice in 2217"], "former_resolved: he gave up driving in 2217"),
    ("Does Joaquín have diabetes?", "Diagnosis", "not_mentioned", [], "other_person: type 2 diabetes is his wife Amparo's"),
    ("Is there Parkinson's disease in his family?", "Other", "yes", ["his older brother (died 2214) also had Parkinson's disease"], None),
    ("Has opicapone been started?", "Medication", "no", ["Opicapone only if wearing-off persists on the new timetable"], "conditional: opicapone only if wearing-off persists on the new levodopa timetable"),
    ("Has he had deep brain stimulation surgery?", "Procedure", "no", ["no decision yet about surgery"], "planned: referred to the DBS team for assessment; no decision yet"),
    ("Has he been referred to physio?", "Procedure", "yes", ["Physiotherapy for freezing (cueing strategies): referral made today."], None),
    ("Will he be having LSVT LOUD speech therapy?", "Procedure", "no", ["he declined for now"], "declined: LSVT LOUD was offered; he declined for now"),
    ("Is he constipated?", "Symptoms", "yes", ["Constipation, controlled with macrogol."], None),
    ("Can he smell normally?", "Symptoms", "no", ["anosmia for many years"], None),
    ("Does he drool?", "Symptoms", "yes", ["Drooling at night only."], None),
    ("Is his levodopa being split into more doses?", "Medication", "yes", ["Levodopa/carbidopa 100/25 mg in six doses"], None),
    ("Is he on an antibiotic?", "Medication", "yes", ["linezolid for an infected toe"], None),
]
# ---------------------------------------------------------------- enteral_01
NOTES["enteral_01"] = ("other", "Belgian home enteral nutrition team home visit by a dietitian and a nurse: background paragraph, oral-intake and allergy lines, a space-aligned 'Last visit / Today' table (weight, BMI, MUAC, feed, flushes, bowels, urine), stoma-site and balloon lines, dash medicine list via the tube with a stopped drug, one-line bloods with ranges and flags, impression, dash plan with a requested drug and a tube-out instruction; dd/mm/yyyy")
QAS["enteral_01"] = [
    ("Does Griet have motor neurone disease?", "Diagnosis", "yes", ["ALS, bulbar onset, diagnosed 2215"], None),
    ("Is she fed through an NG tube?", "Procedure", "no", ["16 Fr balloon gastrostomy"], "detail_mismatch: she is fed through a balloon gastrostomy, not a nasogastric tube"),
    ("Does she still have the radiologically inserted gastrostomy?", "Procedure", "no", ["changed to a 16 Fr balloon gastrostomy in 04/2217"], "ended_before: the RIG was replaced by a balloon gastrostomy in 04/2217"),
    ("Is she on BiPAP at night?", "Procedure", "yes", ["Night-time NIV (BiPAP) since 2216"], None),
    ("Has she ever had aspiration pneumonia?", "Diagnosis", "yes", ["aspiration pneumonia in 11/2216"], None),
    ("Does she have a chest infection now?", "Diagnosis", "no", ["clear on listening, no fever, no cough"], "former_resolved: the aspiration pneumonia was in 11/2216; the chest is clear today"),
    ("Does she have diarrhoea now?", "Symptoms", "no", ["formed, once daily"], "time_scope: loose stools only in the first 2 weeks of the new feed; formed now"),
    ("Has her weight gone up since July?", "Other", "yes", ["52.0 kg"], None),
    ("Are her water flushes being increased?", "Procedure", "yes", ["6 x 200 mL/day from today"], None),
    ("Is her magnesium low?", "Lab Reports", "yes", ["Mg 0.64 mmol/L (0.70-1.00) LOW"], None),
    ("Is she on a magnesium supplement?", "Medication", "no", ["requested from the GP by letter today"], "planned: the magnesium supplement has only been requested from the GP"),
    ("Is her phosphate low?", "Lab Reports", "no", ["phosphate 1.02 mmol/L (0.80-1.50)"], "normal_result: phosphate 1.02, inside the range"),
    ("Is she dehydrated?", "Diagnosis", "uncertain", ["possible mild dehydration"], "suspected: 'possible' mild dehydration (raised urea, dark urine)"),
    ("Is the gastrostomy site infected?", "Diagnosis", "no", ["No signs of infection"], "negated: no signs of infection at the stoma site"),
    ("Is there granulation tissue at the stoma?", "Symptoms", "yes", ["Small granulation tissue at 3 o'clock"], None),
    ("Is the granulation tissue being treated?", "Procedure", "no", ["no treatment needed now"], "considered_rejected: no treatment needed now"),
    ("Is she on amitriptyline?", "Medication", "no", ["Amitriptyline for drooling: stopped 07/2217 (too drowsy)"], "former_resolved: amitriptyline stopped in 07/2217"),
    ("Is she taking riluzole?", "Medication", "yes", ["Riluzole oral suspension 50 mg twice daily"], None),
    ("Is she allergic to an antibiotic?", "Medication", "yes", ["Allergy: co-trimoxazole (hives)."], None),
    ("Has her feeding tube fallen out?", "Other", "no", ["Tube rotates freely.", "today 4.6 mL withdrawn and refilled to 5 mL sterile water"], "safety_net: the tube falling out is only in the advice; the tube is in place and the balloon was checked"),
    ("Was the balloon tube changed at this visit?", "Procedure", "no", ["Balloon gastrostomy change due 10/2217"], "planned: the tube change is due in 10/2217"),
    ("Does she want a tracheostomy?", "Procedure", "no", ["she has decided against it"], "declined: she has decided against tracheostomy ventilation"),
    ("Is her urea raised?", "Lab Reports", "yes", ["urea 9.8 mmol/L (2.5-7.5) HIGH"], None),
    ("Does she have frontotemporal dementia?", "Diagnosis", "not_mentioned", [], None),
    ("Is she nil by mouth?", "Other", "yes", ["nil by mouth on speech therapy advice"], None),
    ("Is she on a medicine for drooling?", "Medication", "yes", ["Glycopyrronium oral solution for drooling"], None),
]
# ---------------------------------------------------------------- hiv_01
NOTES["hiv_01"] = ("other", "Ugandan health centre HIV care / ART clinic visit card: header lines, an ART history table by years with a switch reason, one line each for adherence, viral load, CD4, prophylaxis, TB screen, cervical screening, hepatitis B and family planning, examination lines, a dash family and disclosure list (husband, exposed infant, daughter), numbered plan; `11-Mar-2216`")
QAS["hiv_01"] = [
    ("Is Aisha HIV positive?", "Diagnosis", "yes", ["HIV diagnosed 2212 (antenatal testing)"], None),
    ("Is she on ART?", "Medication", "yes", ["TDF/3TC/DTG (TLD), 1 tablet daily"], None),
    ("Is she taking efavirenz?", "Medication", "no", ["switched in 2214 because of vivid dreams and dizziness"], "former_resolved: TDF/3TC/EFV until 2214; she takes TLD now"),
    ("Is she allergic to efavirenz?", "Medication", "no", ["side effects, not an allergy"], "allergy_vs_intolerance: vivid dreams and dizziness, side effects"),
    ("Is her viral load detectable?", "Lab Reports", "no", ["< 50 copies/mL, suppressed"], "normal_result: viral load < 50 copies/mL, suppressed"),
    ("Is she taking Septrin?", "Medication", "no", ["Cotrimoxazole prophylaxis: stopped 2214"], "other_person: the cotrimoxazole now is her son Brian's; hers was stopped in 2214"),
    ("Does she have TB?", "Diagnosis", "no", ["symptom screen negative today"], "screening_negative: TB symptom screen negative"),
    ("Did she finish TB preventive therapy?", "Medication", "yes", ["isoniazid 6 months, completed 2213"], None),
    ("Was her cervical screening abnormal?", "Lab Reports", "no", ["VIA negative 06/2215"], "screening_negative: VIA negative"),
    ("Has she completed her hepatitis B vaccination?", "Procedure", "no", ["dose 3 due Aug-2216"], "vaccine_due: 2 of 3 doses given; dose 3 due Aug-2216"),
    ("Did she get her contraceptive injection today?", "Medication", "yes", ["DMPA (Depo-Provera) 150 mg IM given today"], None),
    ("Is Aisha pregnant?", "Other", "no", ["urine hCG negative today"], None),
    ("Does she have high blood pressure?", "Diagnosis", "yes", ["Hypertension diagnosed today."], None),
    ("Was an antihypertensive started?", "Medication", "yes", ["Amlodipine 5 mg daily started today"], None),
    ("Is she diabetic?", "Diagnosis", "no", ["Random blood sugar 6.4 mmol/L: not diabetic."], None),
    ("Does she drink alcohol?", "Other", "no", ["Alcohol: none."], None),
    ("Is her husband HIV positive?", "Other", "uncertain", ["His status is unknown."], "declined: Moses has declined testing; his status is unknown"),
    ("Has her baby tested HIV positive?", "Lab Reports", "no", ["DNA PCR at 6 weeks negative"], "exposure_not_disease: Brian is HIV-exposed and on prophylaxis; his 6-week DNA PCR was negative"),
    ("Has Brian had his 18-month HIV test?", "Lab Reports", "no", ["Rapid test due at 18 months"], "planned: the rapid test is due at 18 months"),
    ("Did she miss any ART doses?", "Medication", "yes", ["Missed one dose when travelling to a burial."], None),
    ("Is the dolutegravir causing her weight gain?", "Medication", "uncertain", ["Weight gain possibly related to DTG"], "suspected: weight gain 'possibly' related to dolutegravir"),
    ("Has her CD4 count been checked recently?", "Lab Reports", "no", ["Not repeated since, not needed while suppressed."], "considered_rejected: CD4 not repeated since 2212, not needed while suppressed"),
    ("Has assisted partner notification been done?", "Procedure", "no", ["will decide by the next visit"], "undecided: assisted partner notification offered; she will decide by the next visit"),
    ("Has her weight gone up?", "Other", "yes", ["weight 79 kg (last visit 76 kg)"], None),
    ("Has she been screened for syphilis?", "Lab Reports", "not_mentioned", [], None),
]
# ---------------------------------------------------------------- venom_01
NOTES["venom_01"] = ("other", "Swiss allergology venom immunotherapy maintenance visit: indication with sIgE and component results, tryptase line, build-up line, a `[x]` / `[ ]` pre-injection checklist, peak flow and BP, a space-aligned maintenance injection log (date, dose, arm, local, systemic, remarks), field-sting line, dash plan; dd.mm.yyyy with weekday")
QAS["venom_01"] = [
    ("Did Sabine have anaphylaxis to a wasp sting?", "Diagnosis", "yes", ["systemic reaction to a wasp sting on 14.07.2216"], None),
    ("Is she allergic to honeybee venom?", "Diagnosis", "no", ["honeybee venom 0.21 kU/L, negative (< 0.35)"], "detail_mismatch: she is sensitised to wasp (Vespula) venom; honeybee sIgE and rApi m 1 are negative"),
    ("Is her baseline tryptase raised?", "Lab Reports", "yes", ["Baseline serum tryptase 13.2 ug/L (ref < 11.4), raised"], None),
    ("Does she have mastocytosis?", "Diagnosis", "uncertain", ["Mastocytosis or hereditary alpha-tryptasaemia not yet excluded"], "test_status: the haematology work-up for the raised tryptase is awaited"),
    ("Has she been seen by haematology?", "Procedure", "no", ["haematology referral sent, appointment awaited"], "planned: the haematology appointment is awaited"),
    ("Did she have a systemic reaction to today's injection?", "Symptoms", "no", ["No generalised symptoms."], "severity_or_subtype: today's reaction was local only; the systemic reaction was to the 2216 field sting"),
    ("Was there a local reaction at today's injection site?", "Symptoms", "yes", ["2 cm weal and itch at the injection site"], None),
    ("Was she given an antihistamine today?", "Medication", "yes", ["treated with cetirizine"], None),
    ("Was adrenaline needed today?", "Medication", "no", ["30-minute observation uneventful"], "time_scope: adrenaline was given by the ambulance crew in 2216; today only cetirizine"),
    ("Is she on a beta-blocker?", "Medication", "no", ["[ ] Beta-blocker"], "form_field: the beta-blocker box is unticked"),
    ("Is she taking an ACE inhibitor?", "Medication", "yes", ["ramipril 5 mg daily"], None),
    ("Was ramipril stopped for the immunotherapy?", "Medication", "no", ["continued after discussion of the risks"], "considered_rejected: stopping was discussed; ramipril continued"),
    ("Does she have asthma?", "Diagnosis", "yes", ["Asthma: mild, salbutamol as needed"], None),
    ("Is her peak flow reduced today?", "Lab Reports", "no", ["Peak flow 410 L/min (personal best 430)"], "threshold_value: 410 L/min, 95% of her best"),
    ("Has she been stung since starting immunotherapy?", "Other", "yes", ["stung by a wasp on 09.08.2217"], None),
    ("Did she use her EpiPen after the August sting?", "Medication", "no", ["pen not used"], "negated: swelling at the sting site only, pen not used"),
    ("Are both of her adrenaline pens in date?", "Medication", "no", ["One expired 07/2217"], None),
    ("Is a hospital sting challenge booked?", "Procedure", "no", ["Sting challenge in hospital: not planned"], "hypothetical: a sting challenge may only be discussed after a further year"),
    ("Was the build-up done as an inpatient?", "Procedure", "yes", ["rush protocol as an inpatient"], None),
    ("Did she have a large local reaction during build-up?", "Symptoms", "yes", ["One large local reaction (9 cm, right upper arm)"], None),
    ("Has she had a fever in the last 3 days?", "Symptoms", "no", ["[ ] Fever or infection in the last 3 days"], "form_field: the fever or infection box is unticked"),
    ("Is she on maintenance dosing?", "Procedure", "yes", ["maintenance injection visit"], None),
    ("Is the plan to continue immunotherapy for at least five years?", "Other", "yes", ["Continue VIT for at least 5 years"], None),
]
# ---------------------------------------------------------------- stone_01
NOTES["stone_01"] = ("operative", "Turkish urology stone clinic ESWL session record: header with session number and side in capitals, stone history and CT lines with HU and skin-to-stone distance, indented pre-procedure checks, session lines (lithotripter, analgesia, shocks, stent), recovery line, dash discharge medicines, one-line 24-hour urine with normal limits, numbered conditional plan; ISO dates")
QAS["stone_01"] = [
    ("Does Murat have a kidney stone?", "Diagnosis", "yes", ["left renal pelvis 11 x 8 mm"], None),
    ("Was the right kidney treated with shock waves today?", "Procedure", "no", ["Side treated: LEFT kidney"], "other_site: the left kidney was treated; the small right stone is for observation only"),
    ("Is there also a stone in the right kidney?", "Diagnosis", "yes", ["Right kidney: 3 mm non-obstructing lower-pole stone"], None),
    ("Is there hydronephrosis?", "Lab Reports", "no", ["No hydronephrosis."], "negated: no hydronephrosis on CT"),
    ("Has he passed a stone before?", "Diagnosis", "yes", ["passed by itself after 10 days"], None),
    ("Has he had a stone operation before?", "Procedure", "no", ["No previous stone procedures."], None),
    ("Was a JJ stent put in?", "Procedure", "no", ["not placed (stone under 2 cm, no obstruction)"], "negated: the ureteric stent was not placed"),
    ("Is he taking aspirin at the moment?", "Medication", "no", ["held for 7 days before the session; restart tomorrow"], "held_drug: aspirin is held around the session and restarts tomorrow"),
    ("Did he have a general anaesthetic?", "Procedure", "no", ["No general anaesthesia."], "negated: IV analgesia only, no general anaesthesia"),
    ("Did he get an opioid during the session?", "Medication", "yes", ["fentanyl 50 ug IV"], None),
    ("Is he allergic to diclofenac?", "Medication", "yes", ["Allergy: diclofenac (hives, 2213)."], None),
    ("Does he have a urinary infection?", "Diagnosis", "no", ["Urine culture (2216-04-05): no growth."], "normal_result: the urine culture grew nothing"),
    ("Was he given an antibiotic?", "Medication", "no", ["No antibiotic (sterile urine culture)"], "considered_rejected: no antibiotic because the urine is sterile"),
    ("Was there blood in the urine after the procedure?", "Symptoms", "yes", ["visible haematuria, clearing"], None),
    ("Was he febrile after the session?", "Symptoms", "no", ["Temp 36.7"], "threshold_value: temperature 36.7, below 38.0"),
    ("Is he on an alpha-blocker?", "Medication", "yes", ["Tamsulosin 0.4 mg at night for 4 weeks"], None),
    ("Is his urinary calcium high?", "Lab Reports", "yes", ["calcium 340 mg/day (high, normal < 300)"], None),
    ("Is his urine citrate low?", "Lab Reports", "no", ["citrate 520 mg/day (normal > 320)"], "normal_result: citrate 520 mg/day, normal"),
    ("Is he on potassium citrate?", "Medication", "no", ["Potassium citrate not needed (citrate normal)."], "considered_rejected: potassium citrate not needed"),
    ("Has a thiazide been started?", "Medication", "no", ["Thiazide for the hypercalciuria only if it persists"], "conditional: a thiazide only if hypercalciuria persists after salt reduction"),
    ("Does Murat have gout?", "Diagnosis", "not_mentioned", [], "family_history: gout is his father's"),
    ("Has the follow-up KUB X-ray been done?", "Lab Reports", "no", ["KUB X-ray and ultrasound in 2 weeks (2216-04-26)."], "planned: the KUB X-ray is in 2 weeks"),
    ("Is he booked for ureteroscopy?", "Procedure", "no", ["If fragments over 4 mm remain"], "conditional: ureteroscopy or a second session only if fragments over 4 mm remain"),
    ("Did the stone break up?", "Procedure", "yes", ["Good fragmentation on the final fluoroscopy image."], None),
    ("Is his 24-hour urine volume low?", "Lab Reports", "yes", ["volume 1.3 L (low)"], None),
    ("Is the stone treated today made of calcium oxalate?", "Lab Reports", "uncertain", ["fragments to be sent for analysis"], "test_status: only the 2214 stone was analysed (calcium oxalate); today's fragments are still to be analysed"),
    ("Has his brother had kidney stones?", "Other", "yes", ["brother has had kidney stones"], None),
]
# ---------------------------------------------------------------- pain_01
NOTES["pain_01"] = ("progress", "US interdisciplinary pain medicine follow-up: CAPS headings, HPI prose, a templated red-flag checkbox line `[ ] ... [x] None of the above`, PEG score line, indented medication lines with MME and statuses (stopped, avoided, dispensed), allergy and intolerance line, safety monitoring block with PDMP and a urine drug test table (POSITIVE / negative), exam line, numbered assessment and plan; mm/dd/yyyy")
QAS["pain_01"] = [
    ("Has Dale had spinal surgery?", "Procedure", "yes", ["L4-S1 fusion in 2213"], None),
    ("Does he have right-sided sciatica?", "Symptoms", "no", ["negative on the right"], "other_site: the radicular pain is in the left leg (left L5)"),
    ("Any change in bladder or bowel function?", "Symptoms", "no", ["[ ] Bladder/bowel change", "[x] None of the above"], "form_field: templated red-flag box unticked; 'None of the above' ticked"),
    ("Has he lost weight without trying?", "Symptoms", "no", ["[ ] Unintended weight loss"], "form_field: templated red-flag box unticked"),
    ("Did the radiofrequency ablation help?", "Procedure", "yes", ["gave about 50% relief for 6 months"], None),
    ("Is he still getting relief from the RFA?", "Procedure", "no", ["the pain has since returned"], "time_scope: the 2216 RFA helped for 6 months; the pain has returned"),
    ("Is he on opioids?", "Medication", "yes", ["Oxycodone IR 7.5 mg QID"], None),
    ("Is he on more than 50 MME a day?", "Medication", "no", ["45 MME/day"], "threshold_value: 45 MME/day now; it was 60 until 09/2219"),
    ("Is he taking gabapentin?", "Medication", "no", ["Gabapentin: stopped 03/2219"], "former_resolved: gabapentin stopped in 03/2219"),
    ("Is he allergic to codeine?", "Medication", "no", ["Intolerance: codeine (nausea)."], "allergy_vs_intolerance: codeine causes nausea; NKDA"),
    ("Is he on an NSAID?", "Medication", "no", ["NSAIDs: avoided because of CKD stage 3a"], "considered_rejected: NSAIDs avoided because of CKD"),
    ("Does he have chronic kidney disease?", "Diagnosis", "yes", ["CKD stage 3a (eGFR 52)"], None),
    ("Is he on an SNRI?", "Medication", "yes", ["Duloxetine 60 mg daily"], None),
    ("Does he have naloxone at home?", "Medication", "yes", ["Naloxone 4 mg nasal spray"], None),
    ("Was his urine positive for fentanyl?", "Lab Reports", "no", [("negative", "Fentanyl                negative")], "form_field: the fentanyl row reads negative"),
    ("Is he taking benzodiazepines?", "Medication", "no", [("negative", "Benzodiazepines         negative"), "no benzodiazepines or other controlled substances dispensed"], "screening_negative: urine test and PDMP show no benzodiazepines"),
    ("Does he use cannabis?", "Other", "yes", ["he uses edibles from a licensed dispensary for sleep"], None),
    ("Does he have opioid use disorder?", "Diagnosis", "no", ["Does not meet DSM-5 criteria for opioid use disorder"], "negated: does not meet DSM-5 criteria"),
    ("Is his PHQ-9 better than last time?", "Other", "yes", ["PHQ-9 11 (was 15)"], None),
    ("Is he having suicidal thoughts?", "Symptoms", "no", ["No suicidal thoughts (item 9 = 0)"], "negated: no suicidal thoughts, item 9 = 0"),
    ("Has he had a spinal cord stimulator trial?", "Procedure", "no", ["7-day trial scheduled 11/16/2219"], "planned: the SCS trial is scheduled for 11/16/2219"),
    ("Was the psychological evaluation for the stimulator done?", "Procedure", "yes", ["psychological evaluation completed 09/2219 (cleared)"], None),
    ("Is he going to physical therapy?", "Procedure", "no", ["he went to 2, then stopped (transport problems)"], "non_adherent: 6 PT sessions advised; he went to 2 and stopped"),
    ("Is he attending CBT?", "Procedure", "yes", ["attending, 4 of 8 sessions done"], None),
    ("Is a repeat RFA planned?", "Procedure", "no", ["Repeat RFA: not now; consider after the SCS trial if needed."], "conditional: a repeat RFA only after the SCS trial, if needed"),
    ("Does he have sleep apnoea?", "Diagnosis", "yes", ["Sleep apnea: on CPAP nightly since 2217"], None),
    ("Does he have opioid-induced hyperalgesia?", "Diagnosis", "uncertain", ["possible opioid-induced hyperalgesia"], "suspected: 'some features of possible' opioid-induced hyperalgesia"),
    ("Is there leg weakness on examination?", "Symptoms", "no", ["Power 5/5 in both legs"], None),
    ("Does he have diabetes?", "Diagnosis", "not_mentioned", [], None),
    ("Is he constipated from the opioids?", "Symptoms", "yes", ["opioid-induced constipation"], None),
]
# ---------------------------------------------------------------- bite_01
NOTES["bite_01"] = ("other", "Indian taluk hospital animal bite / anti-rabies clinic OPD card: registration header, history paragraph, one line each for first aid, WHO exposure category, previous vaccination, tetanus, pregnancy and allergies, immunoglobulin and wound lines, a space-aligned intradermal vaccine schedule table with blank future rows, a Day 3 review, a line on the son's exposure, advice; dd/mm/yyyy")
QAS["bite_01"] = [
    ("Was Lakshmi bitten by a dog?", "Other", "yes", ["bitten by a stray dog"], None),
    ("Was she bitten on the right leg?", "Other", "no", ["One deep bite on the left calf"], "other_site: the bite is on the left calf"),
    ("Was it a category III exposure?", "Diagnosis", "yes", ["Category of exposure (WHO): III"], None),
    ("Does she have rabies?", "Diagnosis", "no", ["No tingling or pain at the bite site, no fear of water, no agitation."], "exposure_not_disease: a category III exposure on post-exposure prophylaxis, with no symptoms of rabies"),
    ("Was the dog rabid?", "Other", "uncertain", ["Dog's rabies status unknown; treated as possibly rabid."], "suspected: the dog's status is unknown; treated as 'possibly rabid'"),
    ("Had she been vaccinated against rabies before this bite?", "Medication", "no", ["Anti-rabies vaccination before this bite: none."], None),
    ("Has she received rabies vaccine doses since the bite?", "Medication", "yes", ["Day 0    03/02/2219   03/02/2219", "Day 3    06/02/2219   06/02/2219"], None),
    ("Was rabies immunoglobulin given?", "Medication", "yes", ["HRIG 20 IU/kg = 1100 IU (7.3 mL)"], None),
    ("Has the Day 7 vaccine dose been given?", "Medication", "no", ["Next visit: Day 7 on 10/02/2219."], "vaccine_due: the Day 7 dose is due on 10/02/2219"),
    ("Was the bite wound stitched?", "Procedure", "no", ["Wound: not sutured"], "negated: the wound was not sutured"),
    ("Is she on antibiotics?", "Medication", "yes", ["amoxicillin-clavulanate 625 mg three times a day for 5 days"], None),
    ("Did she get a tetanus booster?", "Medication", "yes", ["Td given today"], None),
    ("Is she pregnant?", "Other", "yes", ["16 weeks pregnant (G2P1)"], None),
    ("Is rabies prophylaxis contraindicated because of her pregnancy?", "Medication", "no", ["Pregnancy is not a contraindication to PEP"], "negated: pregnancy is not a contraindication"),
    ("Is the dog under observation?", "Other", "no", ["The dog ran away and is not available for observation."], None),
    ("Is there pus from the wound?", "Symptoms", "no", ["no pus, no spreading redness; no signs of infection"], "safety_net: pus is named in the return advice; at Day 3 there is no pus"),
    ("Does she have a fever?", "Symptoms", "no", ["T 37.2"], "threshold_value: 37.2, below 38.0"),
    ("Was her son given rabies vaccine?", "Medication", "no", ["Washing only, no PEP needed."], "other_person: the vaccine is Lakshmi's; her son had a category I lick, washing only"),
    ("Is she diabetic?", "Diagnosis", "no", ["no diabetes"], None),
    ("Is she anaemic?", "Lab Reports", "yes", ["Hb 10.2 g/dL"], None),
    ("Is the vaccine being given intramuscularly?", "Medication", "no", ["Vaccine schedule: intradermal"], "detail_mismatch: the vaccine is given intradermally at two sites"),
    ("Was there any reaction to the immunoglobulin?", "Symptoms", "no", ["Observed for 1 hour: no reaction."], None),
    ("Does she have any drug allergies?", "Medication", "no", ["Allergies: none known."], None),
    ("Was the wound washed with soap at the clinic?", "Procedure", "yes", ["wound washed with soap and running water for 15 minutes"], None),
]
# ---------------------------------------------------------------- sci_01
NOTES["sci_01"] = ("other", "Australian spinal outreach annual review at home: header, injury line, then one CAPS system label per paragraph (BLADDER, BOWEL, SKIN, AUTONOMIC DYSREFLEXIA, SPASTICITY, PAIN, BONES, CIRCULATION, RESPIRATORY, SEXUAL HEALTH, MOOD) with indented results, numbered plan; d/m/yyyy and m/yyyy")
QAS["sci_01"] = [
    ("Is Liam's spinal cord injury complete?", "Diagnosis", "yes", ["T6 AIS A (complete) paraplegia"], None),
    ("Does he have incomplete paraplegia?", "Diagnosis", "no", ["T6 AIS A (complete) paraplegia"], "severity_or_subtype: AIS A, a complete injury"),
    ("Does he self-catheterise?", "Procedure", "yes", ["intermittent self-catheterisation 5 times a day"], None),
    ("Does he have an indwelling urinary catheter?", "Procedure", "no", ["intermittent self-catheterisation 5 times a day"], "detail_mismatch: he uses intermittent self-catheterisation, not an indwelling catheter"),
    ("Has he had Botox injected into his bladder?", "Procedure", "yes", ["Intravesical Botox 200 U in 6/2218"], None),
    ("Is he being treated for a urine infection?", "Medication", "no", ["Asymptomatic bacteriuria: NOT treated"], "considered_rejected: leucocytes on the dipstick judged asymptomatic bacteriuria and not treated"),
    ("Was a urine culture sent?", "Lab Reports", "no", ["no culture sent"], "negated: no culture sent"),
    ("Did the ultrasound show hydronephrosis?", "Lab Reports", "no", ["no hydronephrosis"], "normal_result: normal kidneys, no hydronephrosis"),
    ("Have urodynamics been done?", "Procedure", "no", ["booked 12/2218"], "planned: urodynamics booked for 12/2218"),
    ("Does he have a pressure sore now?", "Diagnosis", "no", ["healed by April", "skin intact"], "former_resolved: the right ischial pressure injury healed by April 2218"),
    ("Does he get autonomic dysreflexia?", "Diagnosis", "yes", ["3 episodes this year"], None),
    ("Has he used his GTN spray this year?", "Medication", "no", ["not used this year"], "negated: GTN spray not used this year"),
    ("Is his blood pressure high today?", "Lab Reports", "no", ["BP today 102/64 (his usual)"], "time_scope: BP reached 190/105 only during dysreflexia episodes"),
    ("Is he taking baclofen?", "Medication", "yes", ["Baclofen 20 mg three times a day"], None),
    ("Does he have an intrathecal baclofen pump?", "Procedure", "no", ["not needed, oral baclofen controls the spasms"], "considered_rejected: the pump was discussed in 2217 and not needed"),
    ("Does his left shoulder hurt?", "Symptoms", "no", ["Left shoulder pain-free, full range."], "other_site: the shoulder pain is on the right"),
    ("Does he have a rotator cuff problem?", "Diagnosis", "uncertain", ["?rotator cuff tendinopathy"], "suspected: '?rotator cuff tendinopathy'"),
    ("Does he have osteoporosis?", "Diagnosis", "yes", ["hip T-score -2.8 (osteoporosis)"], None),
    ("Is he on a bisphosphonate?", "Medication", "no", ["Denosumab 60 mg every 6 months"], "wrong_class: denosumab is a RANKL antibody, not a bisphosphonate"),
    ("Is he on anticoagulation?", "Medication", "no", ["No anticoagulant now."], "former_resolved: the 2212 DVT was treated for 6 months"),
    ("Has he ever had a DVT?", "Diagnosis", "yes", ["left leg DVT in 9/2212"], None),
    ("Does he smoke?", "Other", "no", ["Never smoked."], None),
    ("Does he take sildenafil?", "Medication", "yes", ["sildenafil 50 mg as needed"], None),
    ("Is he on pregabalin?", "Medication", "yes", ["pregabalin 150 mg twice a day"], None),
    ("Is his vitamin D low?", "Lab Reports", "no", ["Vitamin D 72 nmol/L (normal)"], "normal_result: vitamin D 72 nmol/L"),
    ("Does he drive?", "Other", "yes", ["Drives with hand controls."], None),
    ("Has he been referred to physio for his shoulder?", "Procedure", "yes", ["referral sent, NDIS funded"], None),
]
# ---------------------------------------------------------------- epau_01
NOTES["epau_01"] = ("other", "Irish early pregnancy assessment unit attendance record: header with weekday date and time, quoted GP referral with `?` queries, obstetric shorthand (G3 P1+1, 7+3 weeks, SVD, GA), presenting and obs lines, an indented transvaginal ultrasound block with a conclusion, bloods line, anti-D line, numbered plan with safety-net and conditional steps")
QAS["epau_01"] = [
    ("Is Sinéad pregnant?", "Diagnosis", "yes", ["Single intrauterine gestational sac"], None),
    ("Is it an ectopic pregnancy?", "Diagnosis", "no", ["Ectopic pregnancy not seen"], "indication_query: the GP queried an ectopic; an intrauterine sac was seen"),
    ("Is the pregnancy viable?", "Diagnosis", "uncertain", ["intrauterine pregnancy of uncertain viability"], "indeterminate_result: MSD 16 mm with no embryo yet; viability to be decided at the rescan"),
    ("Was a fetal pole seen?", "Lab Reports", "no", ["No fetal pole seen."], None),
    ("Has she had a miscarriage before?", "Diagnosis", "yes", ["Early miscarriage at 8 weeks in 2217"], None),
    ("Is the cervical os open?", "Other", "no", ["cervical os closed"], None),
    ("Does she have shoulder-tip pain?", "Symptoms", "no", ["No shoulder-tip pain"], "negation_in_list: 'No shoulder-tip pain, no dizziness or fainting'"),
    ("Is she bleeding heavily?", "Symptoms", "no", ["light PV bleeding since yesterday"], "severity_or_subtype: light bleeding (spotting); heavy bleeding is named only in the advice"),
    ("Is she Rhesus negative?", "Lab Reports", "yes", ["O RhD negative"], None),
    ("Was anti-D given?", "Medication", "no", ["Anti-D: not required"], "considered_rejected: anti-D not required under 12 weeks with light bleeding"),
    ("Does she have a fibroid?", "Diagnosis", "yes", ["Intramural fibroid, posterior wall, 18 mm."], None),
    ("Is there free fluid in the pelvis?", "Lab Reports", "no", ["No free fluid in the pouch of Douglas."], "negated: no free fluid"),
    ("Is her TSH normal?", "Lab Reports", "uncertain", ["TSH sent today, result to follow."], "test_status: the TSH result is awaited"),
    ("Is she on thyroid medication?", "Medication", "yes", ["levothyroxine 75 mcg daily"], None),
    ("Does she smoke?", "Other", "no", ["Stopped smoking when the pregnancy test was positive"], "former_resolved: stopped smoking when she found out she was pregnant"),
    ("Has Sinéad had an ectopic pregnancy before?", "Diagnosis", "no", ["No previous ectopic pregnancy."], "family_history: the ectopic pregnancy was her sister's"),
    ("Is a rescan booked?", "Procedure", "yes", ["Rescan in 10 days, Fri 26 Feb 2219 at 09:00"], None),
    ("Was a repeat hCG arranged?", "Lab Reports", "no", ["no repeat needed with an intrauterine pregnancy"], "considered_rejected: no repeat hCG needed with an intrauterine pregnancy"),
    ("Is she anaemic?", "Lab Reports", "no", ["Hb 128 g/L"], "threshold_value: Hb 128 g/L, above 110"),
    ("Is she taking folic acid?", "Medication", "yes", ["folic acid 400 mcg daily since before conception"], None),
    ("Is she immune to rubella?", "Lab Reports", "yes", ["Rubella immune (2215)"], None),
    ("Is there a subchorionic haematoma?", "Lab Reports", "yes", ["Small subchorionic haematoma 12 x 6 mm."], None),
    ("Has she passed any tissue?", "Symptoms", "no", ["No clots or tissue passed."], "negated: no clots or tissue passed"),
    ("Has miscarriage management been started?", "Procedure", "no", ["If miscarriage is confirmed at the rescan"], "conditional: the options are discussed only if miscarriage is confirmed at the rescan"),
    ("Has she had a caesarean section?", "Procedure", "no", ["SVD at term 2215"], None),
    ("Does she have nausea or vomiting of pregnancy?", "Symptoms", "not_mentioned", [], None),
]
# ---------------------------------------------------------------- breast_01
NOTES["breast_01"] = ("other", "Malaysian one-stop breast clinic (triple assessment) record: header, presenting complaint with negatives, background, breast, reproductive and family history lines, examination by side, indented mammogram and ultrasound lines with BI-RADS, procedure line, a one-line triple assessment, impression and numbered conditional plan; dd/mm/yyyy")
QAS["breast_01"] = [
    ("Does Madam Tan have a lump in her right breast?", "Symptoms", "yes", ["lump in the right breast"], None),
    ("Does she have breast cancer?", "Diagnosis", "uncertain", ["right breast mass suspicious for malignancy, histology pending"], "suspected: suspicious for malignancy; histology pending"),
    ("Was a core biopsy done?", "Procedure", "yes", ["ultrasound-guided core biopsy of the right breast mass"], None),
    ("Are the biopsy results back?", "Lab Reports", "no", ["histology - pending"], "test_status: histology pending"),
    ("Was a mass felt in the left breast?", "Symptoms", "no", ["Left breast: healed periareolar scar, no mass."], "other_site: the palpable mass is in the right breast"),
    ("Is there a cyst in the left breast?", "Lab Reports", "yes", ["Left 10 o'clock 8 mm simple cyst"], None),
    ("Is the right breast lesion a cyst?", "Lab Reports", "no", ["irregular hypoechoic solid mass"], "other_site: the simple cyst is in the left breast; the right lesion is solid"),
    ("Any nipple discharge?", "Symptoms", "no", ["No nipple discharge"], "negation_in_list: 'No nipple discharge, no skin change, no nipple retraction'"),
    ("Are her axillary lymph nodes abnormal?", "Lab Reports", "no", ["nodes of normal shape, cortex 2 mm, no suspicious node"], "normal_result: axillary nodes normal on ultrasound"),
    ("Was an axillary node biopsy taken?", "Procedure", "no", ["Axillary node biopsy not done"], "considered_rejected: not done because the nodes are normal"),
    ("Has she had breast cancer before?", "Diagnosis", "no", ["No previous breast cancer."], None),
    ("Has she had breast surgery before?", "Procedure", "yes", ["left breast fibroadenoma excised in 2212"], None),
    ("Did her mother have breast cancer?", "Other", "no", ["mother had ovarian cancer at 52"], "detail_mismatch: her mother had ovarian cancer; the breast cancer was her maternal aunt's"),
    ("Is there breast cancer in her family?", "Other", "yes", ["Maternal aunt had breast cancer at 60."], None),
    ("Is she on HRT?", "Medication", "no", ["No HRT."], None),
    ("Is she taking the pill?", "Medication", "no", ["Combined pill for 5 years, stopped 2213."], "former_resolved: the combined pill was stopped in 2213"),
    ("Is she postmenopausal?", "Other", "no", ["Still menstruating"], None),
    ("Is she diabetic?", "Diagnosis", "yes", ["type 2 diabetes on metformin 1 g twice daily"], None),
    ("Has she been referred to the genetics clinic?", "Procedure", "no", ["If malignant: staging CT (thorax, abdomen, pelvis) and referral to the cancer genetics clinic"], "conditional: genetics referral only if the biopsy is malignant"),
    ("Does she carry a BRCA mutation?", "Diagnosis", "uncertain", ["Nobody in the family has had BRCA testing."], "test_status: BRCA testing has never been done in the family"),
    ("Was a marker clip placed?", "Procedure", "yes", ["marker clip placed"], None),
    ("Did she get a haematoma after the biopsy?", "Symptoms", "no", ["no haematoma"], "negated: small bruise, no haematoma"),
    ("Are there microcalcifications on the mammogram?", "Lab Reports", "no", ["no microcalcifications"], "negated: no microcalcifications"),
    ("Has the MDT discussed her case?", "Other", "no", ["Histopathology result to the breast MDT meeting on 19/08/2217"], "planned: the MDT meeting is on 19/08/2217"),
    ("Does she have high blood pressure?", "Diagnosis", "yes", ["Hypertension on amlodipine 5 mg."], None),
    ("Did she breastfeed her children?", "Other", "yes", ["breastfed both children for a year each"], None),
]
# ---------------------------------------------------------------- ms_01
NOTES["ms_01"] = ("progress", "Finnish MS clinic visit with Finnish unit names: diagnosis line with ICD-10 code, an indented disease-modifying therapy history by month/year, relapse line, a 'recent event' paragraph judged a pseudo-relapse, a space-aligned yearly EDSS / relapses / MRI table, symptoms, tests, infections and vaccines lines, numbered plan with a conditional step; d.m.yyyy and m/yyyy")
QAS["ms_01"] = [
    ("Does Elina have relapsing-remitting MS?", "Diagnosis", "yes", ["relapsing-remitting multiple sclerosis (G35)"], None),
    ("Does she have progressive MS?", "Diagnosis", "no", ["relapsing-remitting multiple sclerosis (G35)"], "severity_or_subtype: relapsing-remitting, not progressive"),
    ("Is she on ocrelizumab?", "Medication", "yes", ["ocrelizumab 600 mg IV every 6 months"], None),
    ("Is she still taking dimethyl fumarate?", "Medication", "no", ["stopped because of lymphopenia"], "former_resolved: dimethyl fumarate stopped in 3/2215"),
    ("Did she have an MS relapse three weeks ago?", "Diagnosis", "no", ["Judged a pseudo-relapse, not a new relapse."], "mimic_explained: the worsening came with a febrile UTI and settled with the fever; a pseudo-relapse"),
    ("Was she given steroids for the recent episode?", "Medication", "no", ["No steroids given."], "negated: no steroids for the pseudo-relapse"),
    ("Has she ever had optic neuritis?", "Diagnosis", "yes", ["4/2212 left optic neuritis"], None),
    ("Was the optic neuritis in the right eye?", "Diagnosis", "no", ["diagnosed 4/2212 after left optic neuritis"], "other_site: the optic neuritis was in the left eye"),
    ("Any new lesions on the latest MRI?", "Lab Reports", "no", ["no new T2 lesions, no gadolinium-enhancing lesions"], "negated: no new T2 and no enhancing lesions"),
    ("Is her IgG low?", "Lab Reports", "yes", ["IgG 5.9 g/L (ref 6.8-15.0), low"], None),
    ("Is the ocrelizumab causing her low IgG?", "Medication", "uncertain", ["probably an ocrelizumab effect"], "suspected: 'probably' an ocrelizumab effect"),
    ("Is she receiving immunoglobulin replacement?", "Medication", "no", ["If IgG falls below 4 g/L or serious infections occur"], "conditional: replacement only if IgG falls below 4 g/L or serious infections occur"),
    ("Has she had urine infections this year?", "Diagnosis", "yes", ["two UTIs this year (April, October)"], None),
    ("Is she on modafinil?", "Medication", "no", ["she wants to try energy management first, so not started"], "declined: modafinil discussed; she chose energy management first"),
    ("Is she on treatment for bladder urgency?", "Medication", "yes", ["mirabegron 50 mg started 6/2218"], None),
    ("Is she depressed?", "Diagnosis", "no", ["BDI-II 6"], "screening_negative: BDI-II of 6"),
    ("Has she had the shingles vaccine?", "Procedure", "no", ["first dose to be given by occupational health next week"], "vaccine_due: shingles vaccine dose 1 is next week"),
    ("Did she get a flu vaccine this autumn?", "Procedure", "yes", ["influenza 10/2218"], None),
    ("Is she trying to get pregnant?", "Other", "no", ["She may want a pregnancy in a year or two"], "hypothetical: a possible pregnancy in a year or two; she is on the combined pill"),
    ("Did she react to her first ocrelizumab infusion?", "Medication", "yes", ["throat itch and flushing"], None),
    ("Has she had infusion reactions recently?", "Medication", "no", ["none since"], "time_scope: the only infusion reaction was at the first infusion in 2215"),
    ("Is her EDSS above 3?", "Other", "no", [("2.0", "2218   2.0")], "threshold_value: EDSS 2.0"),
    ("Does she smoke?", "Other", "no", ["Smoking: never."], None),
    ("Is her next infusion booked?", "Procedure", "yes", ["next infusion booked 27.11.2218"], None),
    ("Did she have a fever with the recent UTI?", "Symptoms", "yes", ["T 38.9"], None),
    ("Does she have hepatitis B?", "Diagnosis", "no", ["HBsAg and anti-HBc negative (2215)"], "screening_negative: HBsAg and anti-HBc negative"),
    ("Does she suffer from fatigue?", "Symptoms", "yes", ["fatigue (MFIS 38)"], None),
    ("Was the UTI treated with an antibiotic?", "Medication", "yes", ["treated with pivmecillinam"], None),
]
# ---------------------------------------------------------------- leprosy_01
NOTES["leprosy_01"] = ("progress", "Brazilian leprosy (hanseníase) reference clinic monthly supervised-dose visit with Portuguese labels: diagnosis and treatment lines, a supervised dose log table (dose, date, remarks), blister check, dash 'Reactions' and 'Nerves and disability' lists (nerve by nerve, monofilament, VMT, eyes, WHO grade), skin and labs lines, household contacts, dash plan; dd/mm/yyyy")
QAS["leprosy_01"] = [
    ("Does Francisco have leprosy?", "Diagnosis", "yes", ["leprosy (hanseníase), multibacillary"], None),
    ("Is it paucibacillary leprosy?", "Diagnosis", "no", ["leprosy (hanseníase), multibacillary"], "severity_or_subtype: multibacillary (BL), not paucibacillary"),
    ("Is he on rifampicin?", "Medication", "yes", ["MDT-MB (rifampicin, clofazimine, dapsone)"], None),
    ("Is he being treated for tuberculosis?", "Diagnosis", "no", ["MDT-MB (rifampicin, clofazimine, dapsone)", "No cough."], "name_or_purpose: rifampicin is part of his leprosy MDT; no TB"),
    ("Has he had erythema nodosum leprosum?", "Diagnosis", "yes", ["Type 2 reaction (erythema nodosum leprosum, ENL) in 01/2213"], None),
    ("Does he have ENL nodules now?", "Symptoms", "no", ["No new nodules now."], "time_scope: the ENL was in 01/2213; no new nodules now"),
    ("Has he had a reversal reaction?", "Diagnosis", "no", ["Type 1 (reversal) reaction: none so far."], "severity_or_subtype: his reaction was type 2 (ENL), not type 1"),
    ("Is he on steroids?", "Medication", "yes", ["now tapered to 10 mg daily"], None),
    ("Was thalidomide prescribed?", "Medication", "no", ["Thalidomide: considered in January, not prescribed"], "considered_rejected: considered, not prescribed"),
    ("Is the left ulnar nerve involved?", "Diagnosis", "no", ["Left ulnar nerve normal."], "other_site: the right ulnar nerve is affected"),
    ("Does he have a claw hand?", "Symptoms", "no", ["No claw hand."], "negated: no claw hand"),
    ("Does he have grade 2 disability?", "Diagnosis", "no", ["WHO disability grade: 1"], "threshold_value: WHO disability grade 1, no visible deformity"),
    ("Does he have lagophthalmos?", "Symptoms", "no", ["no lagophthalmos"], "negation_in_list: 'normal blink, no lagophthalmos, corneal sensation intact'"),
    ("Has clofazimine darkened his skin?", "Symptoms", "yes", ["Reddish-brown skin darkening from clofazimine"], None),
    ("Is he anaemic?", "Lab Reports", "yes", ["Hb 11.6 g/dL (13.0-17.0), low"], None),
    ("Is dapsone causing his anaemia?", "Medication", "uncertain", ["probably mild dapsone haemolysis"], "suspected: 'probably' mild dapsone haemolysis"),
    ("Is he G6PD deficient?", "Lab Reports", "no", ["G6PD normal"], "normal_result: G6PD normal before treatment"),
    ("Has he taken every daily dose?", "Medication", "no", ["about 4 daily doses missed in April"], "non_adherent: about 4 daily doses missed in April"),
    ("Was dose 7 taken on time?", "Medication", "no", ["13 days late (away for the harvest)"], None),
    ("Does he have HIV?", "Diagnosis", "no", ["HIV test negative (09/2212)"], "screening_negative: HIV test negative"),
    ("Do his children have leprosy?", "Diagnosis", "no", ["wife and two children without skin lesions or nerve signs"], "other_person: the leprosy is Francisco's; the contacts have no signs"),
    ("Were the children given BCG?", "Procedure", "yes", ["One BCG dose given to each child."], None),
    ("Has the slit-skin smear been repeated?", "Lab Reports", "no", ["Slit-skin smear to be repeated at the end of treatment"], "planned: the smear is repeated after dose 12"),
    ("Was he given ivermectin?", "Medication", "yes", ["Ivermectin single dose given before the prednisone"], None),
    ("Is he diabetic?", "Diagnosis", "no", ["no diabetes"], None),
    ("Is there sensory loss in his feet?", "Symptoms", "no", ["Feet normal on both sides."], "other_site: the sensory loss is in the right hand only"),
    ("Was today's dose supervised?", "Medication", "yes", ["given today under supervision"], None),
    ("Has he lost sensation in his right hand?", "Symptoms", "yes", ["loss of protective sensation over the right 4th and 5th fingers"], None),
]
# ---------------------------------------------------------------- ship_01
NOTES["ship_01"] = ("other", "Italian telemedical maritime assistance (radio medical) case record: case number, vessel, position and contact lines, then two timed calls (UTC) with complaint, observations by the ship's officer, phone-guided examination, dipstick and malaria test, history, assessment with `?X`, numbered advice (antibiotics from the medicine chest, conditional morphine, diversion), a follow-up call with a safety net, other crew line")
QAS["ship_01"] = [
    ("Does Jerome have appendicitis?", "Diagnosis", "uncertain", ["?acute appendicitis"], "suspected: '?acute appendicitis'"),
    ("Has he had his appendix removed?", "Procedure", "no", ["appendix not removed"], "negated: appendix not removed"),
    ("Did he have a fever at the first call?", "Symptoms", "yes", ["T 38.3 (ear)"], None),
    ("Was he febrile at the second call?", "Symptoms", "no", ["T 37.9"], "threshold_value: 37.9, below 38.0 (38.3 at the first call)"),
    ("Has he vomited?", "Symptoms", "yes", ["Vomited twice."], None),
    ("Has he vomited since 17:00?", "Symptoms", "no", ["none since"], "time_scope: vomited at 17:00, none since"),
    ("Does Jerome have diarrhoea?", "Symptoms", "no", ["No diarrhoea."], "other_person: it was the cook who had diarrhoea"),
    ("Does he have malaria?", "Diagnosis", "no", ["Malaria rapid test from the medicine chest: negative."], "screening_negative: malaria rapid test negative"),
    ("Was he taking malaria prophylaxis?", "Medication", "no", ["no malaria prophylaxis"], None),
    ("Is he allergic to penicillin?", "Medication", "uncertain", ["he says penicillin gave him a rash as a child; never confirmed"], "patient_reported: a childhood rash by his own account, never confirmed"),
    ("Was he given an antibiotic?", "Medication", "yes", ["Ceftriaxone given at 15:10"], None),
    ("Was morphine given?", "Medication", "no", ["Morphine not needed."], "conditional: morphine only if pain above 7/10"),
    ("Is there blood in his urine?", "Lab Reports", "no", ["blood negative"], "form_field: the dipstick blood field reads negative"),
    ("Is he being evacuated by helicopter?", "Procedure", "no", ["Helicopter evacuation not possible (out of range)."], "considered_rejected: helicopter evacuation not possible; the ship diverts"),
    ("Is the ship diverting to port?", "Other", "yes", ["The Master agreed to divert to Mindelo"], None),
    ("Does he have generalised peritonitis?", "Diagnosis", "no", ["Tenderness still only in the right lower abdomen."], "safety_net: spreading pain and a hard abdomen are named only in the call-back advice; tenderness is still localised"),
    ("Is his pain better after treatment?", "Symptoms", "yes", ["Pain now 5/10 (was 8/10)."], None),
    ("Was his heart rate fast at the first call?", "Lab Reports", "yes", ["HR 104"], None),
    ("Does he take regular medicines?", "Medication", "no", ["No regular medicines."], None),
    ("Were his oxygen levels low?", "Lab Reports", "no", ["SpO2 97%"], None),
    ("Is he confused?", "Symptoms", "not_mentioned", [], "safety_net: confusion is named only in the call-back advice"),
    ("Is there guarding?", "Symptoms", "yes", ["tender right lower abdomen with guarding"], None),
    ("Was the ceftriaxone given intramuscularly?", "Medication", "yes", ["Ceftriaxone 2 g IM once daily"], None),
    ("Is any other crew member unwell now?", "Other", "no", ["no other crew member unwell"], None),
    ("Has he had rigors?", "Symptoms", "no", ["No rigors."], None),
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
    json.dump({"version": "v2.0", "data": data}, open(HERE / "yesno6.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    json.dump(stats, open(HERE / "stats.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print(f"built: {stats['notes']} notes, {stats['questions']} questions ({stats['traps']} traps, "
          f"{stats['unanswerable']} not_mentioned); verdicts {stats['verdicts']}")

if __name__ == "__main__":
    main()
