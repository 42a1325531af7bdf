#!/usr/bin/env python3
"""Build yesno8.json and stats.json for clinical_yesno8 from answer *texts* (standard library only).

Tooling (header, text location, build loop, stats) copied from ../clinical_yesno7/build.py; all notes and
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
    # kinds carried over from ../clinical_yesno7 (and earlier yes/no sets)
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
    # kinds new in clinical_yesno7
    "target_not_measured": "the number asked is a target, goal or range in the note, not the measured value",
    "prophylaxis_only": "the drug is given to prevent the condition, asked as treatment of an existing condition",
    "corrected_entry": "an entry that the note itself corrects, strikes out or retracts later",
    "patient_question": "the term appears only in a question or worry raised by the patient or a relative",
    "available_not_used": "the drug or device is listed as available or carried, but was not used",
    "sample_rejected": "a test was attempted but the sample was rejected, clotted or insufficient, so there is no result",
    # kinds new in this set (clinical_yesno8)
    "cancelled_postponed": "a test, procedure or treatment that was booked or started but then cancelled, abandoned or postponed",
    "incomplete_course": "a course (sessions, doses, cycles) only partly done, asked as completed",
    "criteria_only": "the term appears only in a criterion, definition, contraindication list or education text, not as the patient's finding",
    "dose_changed": "the drug is current but the dose, frequency or route asked is the former one",
    "conflicting_sources": "two sources in the note disagree and the note does not settle it (gold uncertain)",
}
UNCERTAIN_ONLY = {"suspected", "indeterminate_result", "patient_reported", "conflicting_sources"}

NOTES = {}   # id -> (note_type, style)
QAS = {}     # id -> list of rows


# ==== NOTES AND QUESTIONS
# ---------------------------------------------------------------- ect_01
NOTES["ect_01"] = ("other", "Croatian ECT suite session record: header with course count and a cancelled treatment, dotted-leader pre-ECT checklist (YES / n/a / not applicable), history since last session with a husband's claim the patient denies, background with a suspected diagnosis still awaiting review, allergy vs intolerance lines, medicine list with a dose increase, a stopped drug and a reduction from tonight, anaesthesia block with a drug considered and one drawn up but not given, numbered plan with a conditional stimulus change; dd.mm.yyyy")
QAS["ect_01"] = [
    ("Has she finished her course of ECT?", "Procedure", "no", ["treatment 5 of a planned 8-12"], "incomplete_course: treatment 5 of a planned 8-12"),
    ("Was treatment 4 given on 11/03?", "Procedure", "no", ["Treatment 4 on 11.03.2334 was CANCELLED"], "cancelled_postponed: treatment 4 was cancelled for fever"),
    ("Did she receive ECT today?", "Procedure", "yes", ["EEG seizure: 41 s, good postictal suppression"], None),
    ("Pneumonia?", "Diagnosis", "no", ["chest X-ray that day clear"], "normal_result: chest X-ray clear, fever settled without antibiotics"),
    ("Is she running a temperature today?", "Symptoms", "no", ["Today afebrile, 36.7 C."], "time_scope: 38.2 C was on 11.03, afebrile today"),
    ("Is she on lithium?", "Medication", "no", ["n/a - lithium not prescribed"], "form_field: checklist line 'Morning lithium held' answered n/a"),
    ("Has she ever had a stroke?", "Diagnosis", "uncertain", ['Her husband told the ward she had "a stroke years ago"; the patient denies it and no imaging is on file.'], "conflicting_sources: husband says yes, patient denies, no imaging"),
    ("Did her sister have electroconvulsive therapy?", "Other", "yes", ["Her sister had ECT in 2331 with a good response."], None),
    ("Glaucoma?", "Diagnosis", "uncertain", ["Glaucoma was suspected at the optician in 2333"], "suspected: suspected by the optician, not yet assessed"),
    ("has she been seen by the eye doctors yet?", "Procedure", "no", ["the ophthalmology appointment is still awaited"], "planned: ophthalmology appointment still awaited"),
    ("PCN allergy?", "Medication", "yes", ["documented ALLERGY to penicillin (urticaria 2331)"], None),
    ("Is she allergic to sertraline?", "Medication", "no", ["sertraline caused nausea (not an allergy)"], "allergy_vs_intolerance: nausea, recorded as intolerance"),
    ("Does she smoke?", "Other", "no", ["Former smoker, quit 2333."], "former_resolved: quit in 2333"),
    ("Has she had her gallbladder out?", "Procedure", "yes", ["Cholecystectomy 2332."], None),
    ("Is the venlafaxine dose 150 mg?", "Medication", "no", ["venlafaxine XL 225 mg mane (increased from 150 mg on 02.03.2334)"], "dose_changed: increased from 150 mg to 225 mg on 02.03"),
    ("Is she taking an SNRI antidepressant?", "Medication", "yes", ["venlafaxine XL 225 mg mane"], None),
    ("Still taking mirtazapine?", "Medication", "no", ["mirtazapine - stopped 28.02.2334"], "former_resolved: mirtazapine stopped 28.02"),
    ("Is she already on lorazepam 0.5 mg?", "Medication", "no", ["to be reduced to 0.5 mg from tonight"], "planned: reduction to 0.5 mg starts tonight"),
    ("Any antipsychotic on her chart?", "Medication", "yes", ["olanzapine 10 mg nocte"], None),
    ("Did she have her amlodipine this morning?", "Medication", "yes", ["given this morning with a sip of water"], None),
    ("Was remifentanil given during the anaesthetic?", "Medication", "no", ["Remifentanil was considered to augment the seizure and was not used."], "considered_rejected: considered, not used"),
    ("Did she get labetalol for the BP surge?", "Medication", "no", ["labetalol drawn up but not given"], "available_not_used: drawn up, not given"),
    ("Low sodium?", "Lab Reports", "yes", ["sodium 134 mmol/L (reference 135-145)"], None),
    ("Myalgia after ECT?", "Symptoms", "no", ["No headache, no myalgia reported."], "negation_in_list: 'no myalgia' in a negated list"),
    ("Post-ictal confusion?", "Symptoms", "yes", ["transient confusion for about 20 min"], None),
    ("Is she expressing suicidal ideas?", "Symptoms", "no", ["No suicidal statements on the ward this week"], "negated: no suicidal statements this week"),
    ("Nihilistic delusions still present?", "Symptoms", "yes", ['belief that her intestines are "rotting"'], None),
    ("Has the stimulus been increased to 60%?", "Procedure", "no", ["if below 25 s, increase"], "conditional: only if the EEG seizure falls below 25 s"),
    ("Is her MADRS score 44?", "Lab Reports", "no", ["(MADRS) today 31 (baseline 44)"], "time_scope: 44 was the baseline, 31 today"),
    ("Is she detained under mental health legislation?", "Other", "no", ["informal, consented herself"], None),
    ("Hypothyroid?", "Diagnosis", "yes", ["Hypothyroidism on levothyroxine."], None),
]
# ---------------------------------------------------------------- gout_01
NOTES["gout_01"] = ("progress", "Latvian nurse-led gout treat-to-target clinic review: header with supervising rheumatologist, space-aligned serum urate log with two targets (< 360, < 300 if tophi) and allopurinol doses, flare diary, examination with side-specific joints, dash medicine list (prophylactic colchicine, stopped thiazide, avoided NSAID), other-history paragraph with a queried and disproved diabetes, relatives, a never-done aspiration and a cancelled scan, patient-education block naming hypersensitivity signs, numbered plan with a dose increase from tomorrow and a conditional stop; dd/mm/yyyy")
QAS["gout_01"] = [
    ("Is his urate under 360 now?", "Lab Reports", "yes", ["351"], None),
    ("Has he reached his urate target?", "Lab Reports", "no", ["< 300 if tophi", "Small tophus over the right olecranon"], "threshold_value: 351 is under 360 but he has a tophus, so his target is < 300"),
    ("Is he on allopurinol 500 mg?", "Medication", "no", ["Increase allopurinol to 500 mg daily from 10/06/2336 (tomorrow)."], "planned: 500 mg starts tomorrow"),
    ("allopurinol 300mg daily?", "Medication", "no", ["400 mg daily (from 21/04)"], "dose_changed: 300 mg until 20/04, 400 mg since 21/04"),
    ("Is he taking a xanthine oxidase inhibitor?", "Medication", "yes", ["allopurinol 400 mg daily - continue"], None),
    ("Febuxostat?", "Medication", "no", ["Febuxostat: not used (cardiovascular history, see below)."], "considered_rejected: not used because of his cardiovascular history"),
    ("Is the colchicine being given to treat an active flare?", "Medication", "no", ["colchicine 500 micrograms once daily (flare prophylaxis"], "prophylaxis_only: daily colchicine is flare prophylaxis"),
    ("Any gout attack since his last visit?", "Symptoms", "yes", ["One flare, right first MTP joint, 03/05/2336, lasted 4 days"], None),
    ("Has he had a flare in the left big toe?", "Symptoms", "no", ["No flare in the left foot."], "other_site: the May flare was in the right first MTP"),
    ("Is the right 1st MTP swollen today?", "Symptoms", "no", ["Right first MTP: no swelling, no warmth today."], "time_scope: the swelling was in the May flare, none today"),
    ("Tophaceous gout?", "Diagnosis", "yes", ["Small tophus over the right olecranon"], None),
    ("Still on hydrochlorothiazide?", "Medication", "no", ["hydrochlorothiazide 12.5 mg - STOPPED 10/02/2336"], "former_resolved: thiazide stopped 10/02/2336"),
    ("Does he take NSAIDs?", "Medication", "no", ["naproxen - patient had used it for flares before 2336; now avoided (eGFR, BP); not taking"], "former_resolved: naproxen used before 2336, now avoided"),
    ("Is he on a calcium channel blocker?", "Medication", "yes", ["replaced by amlodipine 5 mg"], None),
    ("ACE inhibitor?", "Medication", "yes", ["ramipril 5 mg daily"], None),
    ("Any drug allergies?", "Medication", "no", ["Allergies: none known."], None),
    ("History of MI?", "Diagnosis", "yes", ["Myocardial infarction 2333 with stent to the LAD."], None),
    ("Is he diabetic?", "Diagnosis", "no", ["repeat HbA1c today 41 mmol/mol - not diabetic"], "ruled_out: queried in 2335, HbA1c 41 today, not diabetic"),
    ("Does his brother have gout too?", "Other", "yes", ["Brother also has gout"], None),
    ("Did his father have gout?", "Diagnosis", "not_mentioned", [], "family_history: the brother has gout; the father had unspecified 'kidney trouble'"),
    ("Were urate crystals confirmed on joint aspiration?", "Procedure", "no", ["Joint aspiration has never been done"], "test_status: never done, diagnosis is clinical"),
    ("Has he had the dual-energy CT of his feet?", "Procedure", "no", ["cancelled by the department (scanner fault)"], "cancelled_postponed: booked 28/05, cancelled, no new date"),
    ("Does he have carpal tunnel syndrome?", "Diagnosis", "uncertain", ["GP to examine for carpal tunnel syndrome"], "suspected: left-hand paraesthesia, GP to examine for carpal tunnel"),
    ("Nerve conduction studies requested?", "Procedure", "no", ["no nerve studies ordered here"], "negated: no nerve studies ordered"),
    ("Has he developed an allopurinol rash?", "Symptoms", "no", ["He has had no rash."], "criteria_only: rash named in the hypersensitivity education; he has had none"),
    ("Mouth ulcers?", "Symptoms", "not_mentioned", [], "criteria_only: mouth ulcers named only as a hypersensitivity warning sign"),
    ("Does he drink?", "Other", "yes", ["about 14 units a week, mainly beer"], None),
    ("Has he agreed to give up beer?", "Other", "no", ["he is not willing to stop beer altogether"], "declined: not willing to stop beer"),
    ("Is the colchicine being stopped now?", "Medication", "no", ["consider stopping colchicine after 6 months in total"], "conditional: only once urate < 300 twice and after 6 months"),
    ("Obese?", "Diagnosis", "yes", ["BMI 31.8"], None),
    ("Is his blood pressure at target?", "Symptoms", "no", ["BP above target - letter to GP."], None),
    ("Did he double his colchicine during the May flare?", "Medication", "yes", ["prophylaxis doubled for two days (as advised)"], None),
]
# ---------------------------------------------------------------- rai_01
NOTES["rai_01"] = ("other", "Hungarian nuclear-medicine radioiodine (I-131) therapy admission record: header with staging and planned activity, dash PREPARATION list (rhTSH given, thyroxine not stopped, low-iodine diet partly kept, pending antibody result), dotted-leader SAFETY CHECKLIST, history paragraph with side-specific vocal cords, a stopped supplement, a former condition, a relative's benign nodules, a partner's job and the patient's own iodine-allergy question, TREATMENT block with the witnessed dose, numbered plan with a booked scan, home restrictions, a conditional MDT discussion and a TSH goal; dd.mm.yyyy")
QAS["rai_01"] = [
    ("Thyroid cancer?", "Diagnosis", "yes", ["papillary thyroid carcinoma, right lobe"], None),
    ("Any nodal metastases?", "Diagnosis", "yes", ["2 of 7 central nodes positive"], None),
    ("Has she had her thyroid removed?", "Procedure", "yes", ["Total thyroidectomy with central neck dissection 04.08.2338."], None),
    ("Was levothyroxine withdrawn before the treatment?", "Medication", "no", ["Levothyroxine NOT stopped (rhTSH preparation)"], "negated: levothyroxine not stopped, rhTSH preparation"),
    ("Is she on thyroid hormone replacement?", "Medication", "yes", ["she takes 125 micrograms daily, last dose this morning"], None),
    ("Did she get both Thyrogen injections?", "Medication", "yes", ["both doses given"], None),
    ("Did she keep strictly to the low-iodine diet?", "Other", "no", ["ate sushi with seaweed once, 6 days ago"], "non_adherent: sushi with seaweed once during the diet"),
    ("Are the anti-thyroglobulin antibodies back?", "Lab Reports", "no", ["anti-Tg antibodies: result awaited from the"], "test_status: awaited from the reference laboratory"),
    ("Is her TSH between 0.5 and 2?", "Lab Reports", "no", ["TSH today 96 mU/L (stimulated)"], "target_not_measured: 0.5-2 is the later TSH goal; today's stimulated TSH is 96"),
    ("Is she pregnant?", "Other", "no", ["Pregnancy test (serum hCG, today) ......... negative"], "form_field: checklist hCG negative"),
    ("Was an antiemetic given?", "Medication", "yes", ["ondansetron 8 mg given 30 min before the capsule"], None),
    ("Any young children at home?", "Other", "yes", ["yes - daughter aged 3"], None),
    ("Left vocal cord palsy?", "Diagnosis", "no", ["left cord moves normally"], "other_site: the right cord is sluggish, the left moves normally"),
    ("Is the right vocal cord affected?", "Diagnosis", "yes", ["right cord mildly sluggish"], None),
    ("Is she still taking calcium?", "Medication", "no", ["required calcium for 2 weeks, stopped 20.08.2338"], "former_resolved: calcium stopped 20.08"),
    ("hypocalcaemia currently?", "Lab Reports", "no", ["calcium today 2.29 mmol/L"], "time_scope: post-operative hypocalcaemia, calcium 2.29 today"),
    ("Does she have a history of Graves disease?", "Diagnosis", "no", ["Graves' disease? - no"], "negated: Graves' disease answered no"),
    ("Asthmatic?", "Diagnosis", "no", ["Asthma as a child"], "former_resolved: childhood asthma, no inhaler for 15 years"),
    ("Migraine?", "Diagnosis", "yes", ["Migraine - sumatriptan as needed"], None),
    ("Did her mum have thyroid cancer?", "Diagnosis", "no", ["mother had thyroid nodules (benign on biopsy)"], "family_history: mother's nodules were benign"),
    ("Is she allergic to iodine?", "Medication", "no", ["shellfish allergy is not an allergy to radioiodine"], "patient_question: her own question; shellfish reaction is not an iodine allergy"),
    ("Shellfish allergy?", "Medication", "uncertain", ['"reacted to shellfish"'], "patient_reported: teenage lip swelling by her account, never tested"),
    ("Did she vomit after swallowing the capsule?", "Symptoms", "no", ["No vomiting in the first"], None),
    ("Was the I-131 given?", "Procedure", "yes", ["Capsule 3.72 GBq I-131 swallowed at 10:42"], None),
    ("Was the dose witnessed?", "Procedure", "yes", ["witnessed by the physicist"], None),
    ("Has the post-therapy whole-body scan been done?", "Procedure", "no", ["on day 5, 27.09.2338 - booked"], "planned: booked for day 5"),
    ("Is she being discussed at the thyroid MDT?", "Other", "no", ["If the post-therapy scan shows uptake outside the thyroid bed"], "conditional: only if the scan shows uptake outside the thyroid bed"),
    ("Can she go home today?", "Other", "no", ["Inpatient isolation until dose rate"], None),
    ("Is she a radiographer?", "Other", "no", ["Her partner works as a radiographer."], "other_person: her partner is the radiographer"),
    ("Does she have pets?", "Other", "yes", ["cat"], None),
]
# ---------------------------------------------------------------- aaa_01
NOTES["aaa_01"] = ("clinic_letter", "Slovenian vascular-surgery aortic surveillance clinic letter to the family doctor, prose only: size history with the repair threshold stated, negatives, comorbidities with a side-specific carotid history, smoking stopped with a confirming CO reading, medication paragraph with a stopped drug and a stent considered but not placed, a wife's and the patient's conflicting accounts of statin adherence, a brother's rupture and the sons' screening, a requested CT with pre-hydration, a declined test and an undecided option, the patient's question, safety advice, short numbered plan; spelled-out dates and dd.mm.yyyy")
QAS["aaa_01"] = [
    ("AAA?", "Diagnosis", "yes", ["infrarenal abdominal aortic aneurysm"], None),
    ("Is the aneurysm 55 mm?", "Lab Reports", "no", ["51 mm (outer-to-outer)"], "target_not_measured: 55 mm is the repair threshold, the aneurysm is 51 mm"),
    ("Does he meet the size criterion for repair?", "Procedure", "no", ["not meet the size threshold yet"], "threshold_value: 51 mm is below 55 mm"),
    ("Has it grown since the last scan?", "Lab Reports", "yes", ["so it has grown 4 mm in six months"], None),
    ("Is the aneurysm still 41 mm?", "Lab Reports", "no", ["(then 41 mm)"], "time_scope: 41 mm was in 2334"),
    ("Abdominal or back pain?", "Symptoms", "no", ["He has had no abdominal or back pain"], None),
    ("Tender aneurysm on exam?", "Symptoms", "no", ["the aneurysm was not tender on"], "negated: not tender"),
    ("Popliteal aneurysm?", "Diagnosis", "no", ["there is no popliteal aneurysm on either side"], "negated: none on either side"),
    ("Has he had an MI?", "Diagnosis", "no", ["angina, no infarction"], "negated: angina without infarction"),
    ("Does he use GTN?", "Medication", "yes", ["he uses his GTN spray about once a"], None),
    ("COPD?", "Diagnosis", "yes", ["COPD with an FEV1 of 58% predicted"], None),
    ("CKD?", "Diagnosis", "yes", ["chronic kidney disease stage 3a"], None),
    ("Left carotid endarterectomy?", "Procedure", "no", ["He had a right carotid endarterectomy in 2332"], "other_site: the endarterectomy was on the right"),
    ("Does the left carotid stenosis need an operation?", "Procedure", "no", ["the left carotid has a 40% stenosis on the last scan and does"], "negated: 40% stenosis that does not need surgery"),
    ("Current smoker?", "Other", "no", ["stopped in January 2336"], "former_resolved: stopped January 2336, CO 3 ppm"),
    ("Is he on an antiplatelet?", "Medication", "yes", ["aspirin 75 mg"], None),
    ("Is he taking clopidogrel?", "Medication", "no", ["He stopped clopidogrel in 2333"], "former_resolved: clopidogrel stopped 2333"),
    ("Has he had a coronary stent?", "Procedure", "no", ["a coronary stent was considered and then not placed"], "considered_rejected: stent considered, no critical lesion"),
    ("Beta-blocker?", "Medication", "yes", ["bisoprolol 2.5 mg"], None),
    ("Does he take his statin every day?", "Medication", "uncertain", ['His wife thinks he "forgets the statin at weekends"; he'], "conflicting_sources: wife says he forgets at weekends, he says daily; not settled"),
    ("Did his brother have a ruptured AAA?", "Other", "yes", ["His brother died of a ruptured aneurysm at 68"], None),
    ("Has he had a ruptured aneurysm?", "Diagnosis", "no", ["He has had no abdominal or back pain"], "family_history: the rupture was his brother's; his aneurysm is intact and asymptomatic"),
    ("Has the younger son been screened?", "Other", "no", ["the younger has not yet been scanned"], "other_person: only the elder son's scan was done (normal)"),
    ("Is the CT angiogram done?", "Procedure", "no", ["1. CT angiogram aorta with pre-hydration, 18.02.2337."], "planned: CT angiogram arranged for 18 February"),
    ("Has he had EVAR?", "Procedure", "no", ["to plan a possible endovascular"], "planned: a possible EVAR, CT first"),
    ("CPET done?", "Procedure", "no", ["he did not want it until"], "declined: he did not want a CPET yet"),
    ("Will he accept open repair?", "Other", "uncertain", ["He has not yet decided whether he would accept"], "undecided: not yet decided about open repair"),
    ("Has his anaesthetic risk been assessed?", "Procedure", "no", ["His anaesthetic risk has not been formally assessed."], "test_status: not formally assessed"),
    ("Has he been told to stop lifting his grandchildren?", "Other", "no", ["there is no evidence that normal"], "patient_question: his own question; normal lifting not forbidden"),
    ("Has he fainted?", "Symptoms", "not_mentioned", [], "safety_net: fainting named only in the emergency advice"),
    ("Is he hypertensive today?", "Symptoms", "yes", ["today 156/88"], None),
    ("Is the exhaled CO consistent with abstinence?", "Lab Reports", "yes", ["his exhaled carbon monoxide today was 3 ppm, which supports this"], None),
]
# ---------------------------------------------------------------- boat_01
NOTES["boat_01"] = ("other", "Bangladeshi floating (boat) river clinic outpatient record for a pregnant woman: boat and mooring header, narrative history with negatives, a mother-in-law's account the patient disputes, obstetric and antenatal history with a stopped iron tablet and a vaccine dose due, other people's illness (husband's cough), examination, space-aligned on-board test list with not-done and unavailable items, numbered assessment with a 'Possible' item, dash treatment list (given, not given, carried, not started, changed, referral first refused then agreed), come-back-if line; dd/mm/yyyy")
QAS["boat_01"] = [
    ("Is she pregnant?", "Other", "yes", ["currently 30 weeks pregnant by dates"], None),
    ("Swollen feet?", "Symptoms", "yes", ["swelling of both feet for 10 days"], None),
    ("Headache?", "Symptoms", "yes", ["headache for 2 days"], None),
    ("Any blurred vision?", "Symptoms", "no", ["No blurred vision, no epigastric pain"], "negation_in_list: first item of a negated list"),
    ("RUQ / epigastric pain?", "Symptoms", "no", ["No blurred vision, no epigastric pain"], "negation_in_list: 'no epigastric pain'"),
    ("Is she bleeding PV?", "Symptoms", "no", ["No vaginal bleeding."], None),
    ("Does she have epilepsy?", "Diagnosis", "uncertain", ['Mother-in-law says the patient "had fits as a girl"; the patient says these were fainting spells at'], "conflicting_sources: mother-in-law says fits, patient says faints, no records"),
    ("Has she had a C-section before?", "Procedure", "no", ["No caesarean section."], None),
    ("Is she taking her iron-folic acid?", "Medication", "no", ["stopped taking them after 2 weeks"], "non_adherent: stopped after 2 weeks because of constipation"),
    ("Is she allergic to iron tablets?", "Medication", "no", ['("they made me constipated")'], "allergy_vs_intolerance: constipation is a side effect"),
    ("Has she completed her tetanus vaccination?", "Medication", "no", ["dose 2 due and not yet given"], "vaccine_due: dose 2 due"),
    ("Active TB?", "Diagnosis", "no", ["Treated for tuberculosis in 2336 (6 months, completed, cured)."], "former_resolved: treated and cured 2336"),
    ("Does her husband have a cough?", "Other", "yes", ["Her husband works in Dhaka and has a cough for 3 weeks."], None),
    ("Hypertensive?", "Symptoms", "yes", ["BP 146/94, repeat after 15 minutes 142/92"], None),
    ("Febrile?", "Symptoms", "no", ["Temp 36.8"], None),
    ("Facial oedema?", "Symptoms", "no", ["No hand or face swelling."], "other_site: oedema is in the legs, not the hands or face"),
    ("Clonus?", "Symptoms", "no", ["Reflexes normal, no clonus."], None),
    ("Is there proteinuria?", "Lab Reports", "yes", ["Urine dipstick protein: 2+"], None),
    ("Glycosuria?", "Lab Reports", "no", ["glucose: negative"], "form_field: dipstick glucose negative"),
    ("Is she anaemic?", "Lab Reports", "yes", ["Haemoglobin (HemoCue): 8.6 g/dL"], None),
    ("Was a malaria test done?", "Lab Reports", "no", ["Malaria RDT: not done"], "test_status: not done, not endemic"),
    ("Is she HIV negative?", "Lab Reports", "uncertain", ["results not on her card"], "test_status: tested at the health centre, result not available"),
    ("Did she have an ultrasound scan on the boat?", "Procedure", "no", ["Ultrasound: not available on this boat"], "negated: machine away for repair"),
    ("Does she have pre-eclampsia?", "Diagnosis", "yes", ["Pre-eclampsia (new hypertension after 20 weeks with 2+ proteinuria)"], None),
    ("Severe pre-eclampsia?", "Diagnosis", "no", ["no severe features found today"], "severity_or_subtype: pre-eclampsia without severe features"),
    ("Does she have latent TB?", "Diagnosis", "uncertain", ["Possible latent TB exposure from husband"], "suspected: possible exposure, not assessed"),
    ("Was labetalol given?", "Medication", "yes", ["Labetalol 100 mg given on board at 11:20"], None),
    ("Was MgSO4 given?", "Medication", "no", ["loading dose NOT given (no severe features)"], "available_not_used: carried on board, not given"),
    ("Low-dose aspirin started?", "Medication", "no", ["not started (too late to start at 30 weeks)"], "considered_rejected: too late at 30 weeks"),
    ("Has she taken ferrous fumarate?", "Medication", "yes", ["first dose taken in clinic"], None),
    ("Did the family refuse the hospital referral?", "Other", "no", ["after counselling the husband agreed by"], "time_scope: first refused, then agreed; transfer at 13:00"),
    ("Was she transferred to hospital?", "Procedure", "yes", ["Transfer by the boat's speed launch at 13:00 with the nurse."], None),
    ("Has her husband had a sputum test?", "Lab Reports", "no", ["sputum test advised at Dhaka chest clinic; not yet done"], "other_person: advised for the husband, not done"),
    ("Reduced fetal movements?", "Symptoms", "no", ["Baby moving well per mother."], "safety_net: named in return advice; baby moving well"),
]
# ---------------------------------------------------------------- mine_01
NOTES["mine_01"] = ("emergency", "Mongolian mine-site medical centre emergency attendance record by a paramedic with phone advice: site header and reference, terse PC / PMH / Meds / O/E / Imp / Rx labels, patient-and-supervisor negatives, a prescribed preventer not used, a pre-employment medical with old results, relatives' illnesses, '?Airway burn' and a considered toxicity without the deciding test, timed Rx lines with an unopened antidote, timed review, disposition with a conditional step and a plan to start a drug on return; dd.mm.yyyy and 24-hour times")
QAS["mine_01"] = [
    ("Smoke inhalation?", "Diagnosis", "yes", ["Smoke inhalation with acute bronchospasm"], None),
    ("Any burns?", "Symptoms", "no", ["No burns."], None),
    ("Did he fall off the truck ladder?", "Symptoms", "no", ["No fall from the ladder"], "negated: climbed down normally"),
    ("Was he knocked out?", "Symptoms", "no", ["No loss of consciousness per supervisor and per"], None),
    ("Coughing up blood?", "Symptoms", "no", ["No haemoptysis."], "negated: black specks, no haemoptysis"),
    ("Is he coughing?", "Symptoms", "yes", ["Cough since, with black specks in the sputum."], None),
    ("Asthmatic?", "Diagnosis", "yes", ["asthma since childhood"], None),
    ("Does he use his beclometasone inhaler?", "Medication", "no", ['"doesn\'t bother with it"'], "non_adherent: prescribed, not used"),
    ("Left shoulder dislocation?", "Diagnosis", "no", ["Right shoulder dislocation 2333."], "other_site: it was the right shoulder"),
    ("Is he on cetirizine at the moment?", "Medication", "no", ["cetirizine in summer only, none now"], "time_scope: summer only, none now"),
    ("Any drug allergies?", "Medication", "no", ["NKDA"], None),
    ("Is his spirometry normal?", "Lab Reports", "no", ["Peak flow 310 L/min (his best reported 560)"], "time_scope: spirometry normal in 03/2335; peak flow 310 today"),
    ("Hearing loss?", "Diagnosis", "yes", ["mild high-frequency hearing loss both ears"], None),
    ("Smoker?", "Other", "yes", ["Smoker 10/day."], None),
    ("Has he been drinking?", "Other", "no", ["none for 9 days"], None),
    ("Does he have pneumoconiosis?", "Diagnosis", "no", ['father - coal miner with "black lung"'], "family_history: his father's black lung; he is a truck driver with no such diagnosis"),
    ("Hypoxic on air?", "Symptoms", "yes", ["SpO2 93% RA"], None),
    ("Stridor?", "Symptoms", "no", ["no stridor, no facial burns"], "negation_in_list: 'no stridor' in a negated list"),
    ("Singed nasal hair?", "Symptoms", "yes", ["nasal hairs singed"], None),
    ("Crackles on auscultation?", "Symptoms", "no", ["widespread expiratory wheeze, no crackles"], None),
    ("Is his peak flow 560?", "Lab Reports", "no", ["Peak flow 310 L/min"], "target_not_measured: 560 is his best reported, 310 today"),
    ("Does he have an airway burn?", "Diagnosis", "uncertain", ["?Airway burn"], "suspected: cannot be excluded, needs nasendoscopy"),
    ("Carbon monoxide poisoning?", "Diagnosis", "uncertain", ["CO exposure - level mildly raised, confounded by smoking."], "indeterminate_result: COHb 7% in a smoker, baseline unknown"),
    ("Cyanide poisoning?", "Diagnosis", "no", ["clinically unlikely (alert, BP normal)"], "considered_rejected: considered, judged clinically unlikely"),
    ("Was a lactate measured?", "Lab Reports", "no", ["lactate not available on site"], "test_status: not available on site"),
    ("Did he get hydroxocobalamin?", "Medication", "no", ["Hydroxocobalamin kit: in the cupboard, not opened."], "available_not_used: kit not opened"),
    ("Nebulised salbutamol given?", "Medication", "yes", ["Salbutamol 5 mg nebulised x3"], None),
    ("Oral steroids given?", "Medication", "yes", ["Prednisolone 40 mg PO given 04:10."], None),
    ("Did he receive IV fluids?", "Medication", "no", ["No IV fluids."], None),
    ("Was he intubated?", "Procedure", "no", ["If hoarseness or stridor develops en route"], "conditional: intubation kit only if hoarseness or stridor develops"),
    ("Was he flown out by air?", "Procedure", "no", ["air evac not available at night"], "considered_rejected: no night flying; road ambulance instead"),
    ("Has he had a nasendoscopy?", "Procedure", "no", ["(nasendoscopy) and observation"], "planned: at the aimag hospital"),
    ("Is he back on driving duties?", "Other", "no", ["Not fit for driving duties until cleared by the site doctor."], None),
    ("Did his wheeze improve after treatment?", "Symptoms", "yes", ["wheeze reduced, PF 420"], None),
]
# ---------------------------------------------------------------- hepb_01
NOTES["hepb_01"] = ("progress", "Senegalese hepatitis B clinic follow-up: header with file number, space-aligned serology / virology table with a pending viral load and dated results, liver-assessment block with an old elastography not repeated, history with stopped alcohol and herbal remedy, family (mother's liver cancer, brother's HBsAg, wife's vaccine immunity, an untested child), assessment quoting the treatment criteria, decision with a first dose tomorrow and a drug considered but not stocked, dash plan; dd/mm/yyyy")
QAS["hepb_01"] = [
    ("Chronic hep B?", "Diagnosis", "yes", ["Chronic hepatitis B, HBeAg-negative."], None),
    ("Is he HBeAg positive?", "Lab Reports", "no", ["HBeAg                 negative"], "form_field: table cell negative"),
    ("Hepatitis D coinfection?", "Diagnosis", "no", ["anti-HDV (delta)      negative (2334)"], "screening_negative: anti-HDV negative"),
    ("Hep C?", "Diagnosis", "no", ["anti-HCV              negative"], None),
    ("HIV positive?", "Diagnosis", "no", ["HIV                   negative (today, rapid test)"], None),
    ("Is today's viral load back?", "Lab Reports", "no", ["today: sample taken, result in about 3 weeks"], "test_status: taken today, result in about 3 weeks"),
    ("Is his HBV DNA above 2000 IU/mL?", "Lab Reports", "yes", ["12 400 IU/mL (10/2335)"], None),
    ("ALT raised?", "Lab Reports", "yes", ["ALT 52 U/L (upper limit 40)"], None),
    ("Is his ALT 40?", "Lab Reports", "no", ["ALT 52 U/L (upper limit 40)"], "target_not_measured: 40 is the upper limit, ALT is 52"),
    ("Was a FibroScan done today?", "Procedure", "no", ["repeat today not done - machine booked by another service"], "time_scope: last done 10/2335, not repeated today"),
    ("Does he have significant liver fibrosis?", "Diagnosis", "uncertain", ["significant fibrosis (F2-F3)"], "suspected: F2-F3 only possible on a 2335 FibroScan"),
    ("Cirrhotic?", "Diagnosis", "no", ["Cirrhosis: no clinical or ultrasound signs; not proven."], "criteria_only: cirrhosis named among the treatment criteria; not present"),
    ("Liver lesion on ultrasound?", "Lab Reports", "no", ["no focal lesion, no ascites"], "negation_in_list: 'no focal lesion'"),
    ("Ascites?", "Symptoms", "no", ["no abdominal swelling"], None),
    ("Jaundiced?", "Symptoms", "no", ["No jaundice, no dark urine"], None),
    ("Tired?", "Symptoms", "yes", ["Mild fatigue at the end of long shifts."], None),
    ("Does he drink alcohol?", "Other", "no", ["stopped completely in 2334"], "former_resolved: stopped in 2334"),
    ("Is he taking herbal remedies?", "Medication", "no", ["Uses no traditional herbal"], "former_resolved: a herbal liver cleanse in 2335, stopped"),
    ("Diabetic?", "Diagnosis", "no", ["Diabetes: none."], None),
    ("Does he have liver cancer?", "Diagnosis", "no", ["no focal lesion, no ascites", "Alpha-fetoprotein 4 ng/mL (10/2335)"], "family_history: his mother died of liver cancer; his ultrasound showed no focal lesion"),
    ("Did his mother have liver cancer?", "Other", "yes", ["mother died of liver cancer at 58"], None),
    ("Is his brother on antiviral treatment?", "Medication", "no", ["not on treatment"], "other_person: the brother is HBsAg positive and untreated"),
    ("Is his wife immune to hepatitis B?", "Other", "yes", ["anti-HBs 210 - protected"], None),
    ("Has the youngest child been tested for HBsAg?", "Other", "no", ["the youngest (born abroad) has not yet had"], "other_person: the youngest child is untested"),
    ("Does he meet the criteria for antiviral treatment?", "Diagnosis", "yes", ["He meets the criteria"], None),
    ("Has he started tenofovir?", "Medication", "no", ["first dose tomorrow"], "planned: first dose tomorrow 27/04"),
    ("Did he agree to treatment?", "Other", "yes", ["he agreed"], None),
    ("Entecavir?", "Medication", "no", ["Entecavir was considered but is not stocked in the"], "considered_rejected: not stocked in the programme"),
    ("Hep A immune?", "Lab Reports", "uncertain", ["Hepatitis A immunity: not checked."], "test_status: hepatitis A immunity never checked"),
    ("Pneumococcal vaccine given?", "Medication", "no", ["Pneumococcal vaccine: not indicated."], "considered_rejected: not indicated"),
    ("Has the surveillance ultrasound been done this round?", "Procedure", "no", ["requested for 10/05/2336"], "planned: requested for 10/05"),
    ("Kidney function OK before tenofovir?", "Lab Reports", "yes", ["Baseline creatinine 88 umol/L, phosphate normal"], None),
]
# ---------------------------------------------------------------- dive_01
NOTES["dive_01"] = ("other", "Fijian diving-medicine fitness-to-dive examination: header with course date, dotted-leader self-completed questionnaire (YES / NO) with a note that it lists disqualifying conditions, DISCUSSION lines (childhood asthma, healed perforation on one side, self-reported panic, partner's medicine, stopped malaria prophylaxis, brother's pneumothorax), examination by side, tests with a threshold, not-done and declined items, OPINION with a conditional instruction; dd/mm/yyyy")
QAS["dive_01"] = [
    ("Is she fit to dive?", "Other", "yes", ["FIT to dive (recreational, no restrictions)"], None),
    ("Does she currently have asthma?", "Diagnosis", "no", ["last wheeze at 19; no inhaler for 9 years"], "former_resolved: childhood asthma, no symptoms or inhaler for 9 years"),
    ("Did she ever have asthma?", "Diagnosis", "yes", ["Asthma: diagnosed age 8"], None),
    ("Does she use an inhaler?", "Medication", "no", ["last wheeze at 19; no inhaler for 9 years"], "former_resolved: no inhaler for 9 years"),
    ("Exercise-induced bronchospasm?", "Diagnosis", "no", ["fall in FEV1 of 6% - not significant"], "threshold_value: 6% fall, positive needs 10% or more"),
    ("Has she had a pneumothorax?", "Diagnosis", "no", ["Collapsed lung (pneumothorax) ................. NO"], "family_history: her brother had one; she answered NO"),
    ("Did her brother have a collapsed lung?", "Other", "yes", ["brother had a spontaneous pneumothorax at 22"], None),
    ("Epilepsy?", "Diagnosis", "no", ["Seizures / epilepsy ........................... NO"], "criteria_only: named in the questionnaire of disqualifying conditions; answered NO"),
    ("Diabetic?", "Diagnosis", "no", ["Diabetes ...................................... NO"], None),
    ("Perforated right eardrum?", "Diagnosis", "no", ["Right ear fine."], "other_site: the perforation was on the left"),
    ("Is the left eardrum perforated now?", "Diagnosis", "no", ["left drum intact, a thin healed scar"], "former_resolved: perforated at 16, healed"),
    ("Has she had ear surgery?", "Procedure", "yes", ["grommets in both ears at age 5"], None),
    ("Was the perforation repaired surgically?", "Procedure", "no", ["healed without"], "negated: healed without surgery"),
    ("Ear discharge?", "Symptoms", "no", ["No ear discharge now."], None),
    ("Does she have panic disorder?", "Diagnosis", "uncertain", ['"a few panic attacks"'], "patient_reported: her own account of exam-time panic attacks, never treated"),
    ("Is she on sertraline?", "Medication", "no", ["Her partner, who is diving with her, takes sertraline for anxiety."], "other_person: sertraline is her partner's"),
    ("Is she on the pill?", "Medication", "yes", ["combined oral contraceptive pill"], None),
    ("Has she taken cetirizine recently?", "Medication", "no", ["not taken in the last"], "time_scope: as needed, none in the last month"),
    ("Taking mefloquine?", "Medication", "no", ["stopped after 2 doses because of"], "former_resolved: stopped after 2 doses in 2335"),
    ("Mefloquine allergy?", "Medication", "no", ["vivid dreams"], "allergy_vs_intolerance: vivid dreams, a side effect"),
    ("Smoker?", "Other", "no", ["Smoking: never."], None),
    ("Is her spirometry normal?", "Lab Reports", "yes", ["FEV1/FVC 0.85 - normal"], None),
    ("Audiogram done?", "Lab Reports", "no", ["Audiogram: not done (no hearing complaint)."], "test_status: not done"),
    ("CXR?", "Procedure", "no", ["Chest X-ray: not required."], "considered_rejected: not required"),
    ("Is she pregnant?", "Other", "uncertain", ["Pregnant or trying ............................ NO", 'declined by the candidate ("not possible")'], "declined: pregnancy test declined; only her own NO"),
    ("Any heart disease?", "Diagnosis", "no", ["Heart disease / palpitations .................. NO"], None),
    ("Can she equalise her left ear?", "Symptoms", "yes", ["mobile on Valsalva"], None),
    ("Is the certificate valid for 2 years?", "Other", "no", ["valid 12 months"], "detail_mismatch: valid 12 months"),
    ("Has her wheeze come back?", "Symptoms", "no", ["last wheeze at 19"], "conditional: wheeze named only in 'if wheeze returns' advice"),
    ("Has she already started the open-water course?", "Other", "no", ["14/08/2337"], "planned: course starts 14/08"),
    ("Was a certificate issued?", "Other", "yes", ["Certificate issued and signed today."], None),
]
# ---------------------------------------------------------------- botox_01
NOTES["botox_01"] = ("operative", "Romanian spasticity-clinic botulinum toxin injection record: header with cycle count, GOALS table with achieved / partly / not achieved, Modified Ashworth scores by joint and side with previous values, medication block with a reduced dose, a stopped drug (liver enzymes) and a declined alternative, PROCEDURE block with per-muscle doses and muscles planned but not injected, numbered plan with a conditional casting, partial splint adherence and a conditional future assessment, spread-of-toxin advice; dd.mm.yyyy and mm/yyyy")
QAS["botox_01"] = [
    ("Previous stroke?", "Diagnosis", "yes", ["Left middle cerebral artery ischaemic stroke 11/2331 (thrombolysed)."], None),
    ("Is the left arm spastic?", "Symptoms", "no", ["Right hemiparesis with upper-limb spasticity"], "other_site: the stroke is left-sided, the spastic arm is the right"),
    ("Aphasia?", "Symptoms", "yes", ["expressive aphasia (improving)"], None),
    ("Is this his first botox cycle?", "Procedure", "no", ["3rd injection cycle"], None),
    ("Can he put his shirt on by himself now?", "Other", "no", ["Put on a shirt without help                - not achieved"], "form_field: goal table 'not achieved'"),
    ("Has the elbow pain at night settled?", "Symptoms", "yes", ["Reduce night-time elbow pain               - achieved"], None),
    ("Is the elbow flexor MAS 2?", "Lab Reports", "no", ["right elbow flexors 3"], "time_scope: MAS 2 was at 6 weeks after cycle 2; 3 today"),
    ("Spasticity at the right shoulder?", "Symptoms", "no", ["Right shoulder: no spasticity"], None),
    ("Was the right leg injected?", "Procedure", "no", ["not for injection"], "negated: leg tone mild, not for injection"),
    ("Does he use an AFO?", "Other", "yes", ["walks with a stick and an ankle-foot orthosis"], None),
    ("Broken skin in the palm?", "Symptoms", "no", ["slight maceration, no broken skin"], None),
    ("Dysphagia?", "Symptoms", "no", ["No swallowing problems."], "safety_net: swallowing named in the spread advice; none now"),
    ("Is he currently weak in the thumb?", "Symptoms", "no", ["Weakness of the thumb after cycle 2 lasted 3"], "time_scope: thumb weakness after cycle 2, lasted 3 weeks"),
    ("Is he on baclofen 20 mg tds?", "Medication", "no", ["reduced from 20 mg three times a day in 02/2333 - drowsiness"], "dose_changed: reduced to 10 mg tds in 02/2333"),
    ("Is he on baclofen?", "Medication", "yes", ["baclofen 10 mg three times a day"], None),
    ("Antiplatelet?", "Medication", "yes", ["aspirin 100 mg"], None),
    ("Post-stroke depression?", "Diagnosis", "yes", ["sertraline 50 mg (post-stroke depression, started 2332)"], None),
    ("Taking dantrolene?", "Medication", "no", ["stopped after a rise in liver enzymes"], "former_resolved: stopped 2332"),
    ("Has tizanidine been started?", "Medication", "no", ["he prefers not to add tablets"], "declined: offered, he prefers not"),
    ("Is he anticoagulated?", "Medication", "no", ["Anticoagulants: none (not on warfarin / DOAC)"], None),
    ("Dysport given today?", "Medication", "yes", ["abobotulinumtoxinA, total 800 units"], None),
    ("Was the brachialis injected?", "Procedure", "yes", ["brachialis 200 U"], None),
    ("FPL injected?", "Procedure", "no", ["NOT injected (thumb weakness last cycle)"], "considered_rejected: planned 50 U, not injected"),
    ("Pronator teres injected?", "Procedure", "no", ["Pronator teres: not injected this time."], None),
    ("Was ultrasound guidance used?", "Procedure", "yes", ["ultrasound-guided with electrical stimulation"], None),
    ("Any bruising?", "Symptoms", "yes", ["Small bruise at one biceps site."], None),
    ("Has serial casting started?", "Procedure", "no", ["starts in 2 weeks if tone allows"], "conditional: in 2 weeks if tone allows"),
    ("Does he wear his night splint every night?", "Other", "no", ["he wears it about half the nights"], "non_adherent: about half the nights"),
    ("Is he being assessed for intrathecal baclofen?", "Procedure", "no", ["consider intrathecal baclofen assessment"], "conditional: only if the shirt goal is not met; not yet discussed"),
    ("Breathing difficulty?", "Symptoms", "not_mentioned", [], "safety_net: named only in the spread-of-toxin advice"),
    ("Does he get SLT?", "Procedure", "yes", ["Speech and language therapy continues weekly."], None),
]
# ---------------------------------------------------------------- gdm_01
NOTES["gdm_01"] = ("progress", "Peruvian gestational-diabetes joint clinic follow-up: header with gestation, diagnostic OGTT values, space-aligned glucose-diary table (medians and counts above target) under stated targets, treatment so far with partial exercise adherence, today's findings with growth-scan centiles and a test not needed, OTHER lines (relatives, a self-reported untreated condition, allergy, vaccines given and declined), assessment, numbered plan starting insulin tonight with titration, a dose increase to decide later and a conditional mealtime insulin; dd/mm/yyyy")
QAS["gdm_01"] = [
    ("GDM?", "Diagnosis", "yes", ["GDM diagnosed at 26 weeks"], None),
    ("Did she have gestational diabetes in her first pregnancy?", "Diagnosis", "no", ["First pregnancy 2335: no GDM"], "time_scope: GDM is this pregnancy; none in 2335"),
    ("Is her fasting glucose at target?", "Lab Reports", "no", ["9 of 14"], None),
    ("Is her median fasting glucose 5.3?", "Lab Reports", "no", ["5.6"], "target_not_measured: 5.3 is the target, median fasting 5.6"),
    ("Are the after-breakfast readings mostly in range?", "Lab Reports", "yes", ["7.1"], None),
    ("Any hypos?", "Symptoms", "no", ["No readings below 3.5 mmol/L."], None),
    ("Is she on metformin?", "Medication", "yes", ["Metformin 500 mg twice daily started 02/10/2338"], None),
    ("Does she walk every evening after dinner?", "Other", "no", ["she manages 3 evenings a week"], "non_adherent: 3 evenings a week"),
    ("Diarrhoea on metformin now?", "Symptoms", "no", ["now settled"], "time_scope: loose stools in the first days only"),
    ("Is she hypertensive?", "Symptoms", "no", ["BP 118/74."], "other_person: her husband has hypertension"),
    ("Proteinuria?", "Lab Reports", "no", ["Urine: protein negative, ketones negative."], None),
    ("Is the baby large for dates?", "Lab Reports", "yes", ["estimated fetal weight 1890 g (82nd centile)"], None),
    ("Polyhydramnios?", "Diagnosis", "no", ["No polyhydramnios."], None),
    ("Is her HbA1c 37?", "Lab Reports", "no", ["HbA1c 35 mmol/mol (at diagnosis 37)"], "time_scope: 37 was at diagnosis, 35 now"),
    ("Hypothyroid?", "Diagnosis", "uncertain", ['"told her thyroid was slow"'], "patient_reported: her own account, never treated, TSH normal today"),
    ("Retinal screening done?", "Procedure", "no", ["Retinal screening: not needed for GDM"], "criteria_only: needed only for pre-existing diabetes"),
    ("Does her mum have diabetes?", "Other", "yes", ["Mother and sister have type 2 diabetes."], None),
    ("Does she have type 2 diabetes?", "Diagnosis", "no", ["Mother and sister have type 2 diabetes."], "family_history: type 2 diabetes is her mother's and sister's"),
    ("Penicillin allergy?", "Medication", "no", ["Penicillin tolerated."], None),
    ("Is she allergic to anything?", "Medication", "yes", ["metamizole - urticaria (2333)"], None),
    ("Had her whooping cough vaccine?", "Medication", "yes", ["Tdap vaccine: given 28 weeks."], None),
    ("Covid booster given?", "Medication", "no", ["COVID booster: she declined."], "declined: she declined"),
    ("Is she on insulin yet?", "Medication", "no", ["from tonight"], "planned: NPH insulin starts tonight"),
    ("Has she been shown how to inject?", "Procedure", "yes", ["Taught injection technique and hypoglycaemia treatment today"], None),
    ("Metformin 1 g bd?", "Medication", "no", ["increase to 1 g twice daily if tolerated - decide next visit"], "conditional: only if tolerated, decided next visit"),
    ("Mealtime insulin started?", "Medication", "no", ["Rapid-acting insulin with dinner if post-dinner values stay above 7.8 after one week."], "conditional: only if post-dinner values stay above 7.8"),
    ("Is a C-section planned?", "Procedure", "no", ["caesarean only for obstetric reasons"], "conditional: only for obstetric reasons"),
    ("Is induction booked?", "Procedure", "uncertain", ["induction at 38-39 weeks to be discussed at 36 weeks"], "undecided: to be discussed at 36 weeks"),
    ("Has the postpartum OGTT been done?", "Lab Reports", "no", ["OGTT 6-12 weeks after birth"], "planned: after birth"),
    ("Is she a smoker?", "Other", "no", ["Smoking never"], None),
    ("Was her 1-hour OGTT value abnormal?", "Lab Reports", "yes", ["1 h 10.6"], None),
    ("Flu jab given?", "Medication", "yes", ["Influenza vaccine: given 09/2338."], None),
]
# ---------------------------------------------------------------- prehab_01
NOTES["prehab_01"] = ("other", "Jordanian pulmonary rehabilitation initial assessment by a respiratory physiotherapist: header, diagnosis lines with a queried CT finding, comorbidities, former smoking and a wife's smoking, symptom scores, space-aligned medication list with a stopped inhaler, a spacer not used and a proposed drug awaiting tests, six-minute walk and other tests, ASSESSMENT / SAFETY with a requested oxygen assessment, a not-indicated therapy and threshold-based hold rules, dash plan with a programme not yet started, a vaccine due and a wife's undecided referral; dd/mm/yyyy")
QAS["prehab_01"] = [
    ("COPD?", "Diagnosis", "yes", ["COPD, GOLD spirometric grade 3"], None),
    ("Bronchiectasis?", "Diagnosis", "uncertain", ['("possible mild cylindrical changes, lower lobes"); not confirmed'], "suspected: queried on CT, not confirmed"),
    ("Has he been admitted with an exacerbation?", "Other", "yes", ["one admission (08/2334, no ventilation needed)"], None),
    ("Was he ventilated during that admission?", "Procedure", "no", ["one admission (08/2334, no ventilation needed)"], "negated: no ventilation needed"),
    ("Angina?", "Symptoms", "no", ["no angina on exertion for 2 years"], "former_resolved: no angina for 2 years"),
    ("Coronary stent?", "Procedure", "yes", ["stent 2331, stable"], None),
    ("T2DM?", "Diagnosis", "yes", ["type 2 diabetes on"], None),
    ("Left knee OA?", "Diagnosis", "no", ["osteoarthritis of the right knee"], "other_site: the right knee"),
    ("Does he still smoke?", "Other", "no", ["quit 2333"], "former_resolved: quit 2333"),
    ("Is he exposed to second-hand smoke?", "Other", "yes", ["His wife still smokes indoors."], None),
    ("Chest pain?", "Symptoms", "no", ["No chest pain."], None),
    ("Ankle oedema?", "Symptoms", "no", ["No ankle swelling."], None),
    ("Productive cough?", "Symptoms", "yes", ["Cough with white sputum every morning."], None),
    ("Is he depressed?", "Diagnosis", "no", ["depression 6 (normal)"], "screening_negative: HADS depression 6, normal"),
    ("Anxiety disorder?", "Diagnosis", "uncertain", ["HADS anxiety 9 (borderline)"], "indeterminate_result: borderline HADS anxiety score"),
    ("Is he on Symbicort?", "Medication", "no", ["budesonide/formoterol - STOPPED 12/2334 by chest clinic"], "former_resolved: stopped 12/2334"),
    ("Inhaled steroid?", "Medication", "no", ["budesonide/formoterol - STOPPED 12/2334 by chest clinic"], "drug_class_and_status: the only ICS was stopped"),
    ("LAMA/LABA?", "Medication", "yes", ["tiotropium/olodaterol inhaler 2 puffs daily"], None),
    ("Does he use a spacer?", "Other", "no", ["spacer given but not used"], "non_adherent: given, not used"),
    ("Is he on azithromycin?", "Medication", "no", ["proposed by the chest clinic, awaiting ECG and hearing test"], "planned: proposed, awaiting ECG and hearing test"),
    ("Beta blocker?", "Medication", "yes", ["bisoprolol 1.25 mg"], None),
    ("Did he walk 480 m in the 6MWT?", "Lab Reports", "no", ["Six-minute walk test: 246 m"], "target_not_measured: 480 m is the predicted value"),
    ("Does he desaturate on exertion?", "Lab Reports", "yes", ["SpO2 fell from 94% to 86% at 4 minutes"], None),
    ("Has he had his ambulatory oxygen assessment?", "Procedure", "no", ["ambulatory oxygen assessment requested (not yet done)"], "test_status: requested, not yet done"),
    ("Does he need LTOT?", "Medication", "no", ["Long-term oxygen: not indicated (resting SpO2 94%)."], "considered_rejected: not indicated"),
    ("Will he exercise with oxygen?", "Medication", "yes", ["supplemental oxygen 2 L/min in the gym"], None),
    ("Cleared by cardiology to exercise?", "Other", "yes", ["cleared by cardiology letter 01/2335"], None),
    ("Should today's session be stopped for hyperglycaemia?", "Lab Reports", "not_mentioned", [], "criteria_only: glucose hold limits stated, no glucose value given"),
    ("Has he completed pulmonary rehab?", "Procedure", "no", ["start 26/01/2335 (session 1 of 16)"], "planned: the programme starts 26/01"),
    ("Pneumovax given?", "Medication", "no", ["pneumococcal vaccine due - GP to give"], "vaccine_due: due, GP to give"),
    ("Has his wife signed up for the stop-smoking clinic?", "Other", "uncertain", ["she has not decided whether to go"], "undecided: wife referred, undecided"),
    ("Orthopaedic referral for the knee?", "Procedure", "no", ["Knee: not referred to orthopaedics at present."], None),
]
# ---------------------------------------------------------------- icufu_01
NOTES["icufu_01"] = ("clinic_letter", "Uruguayan post-ICU follow-up clinic letter to the family physician: prose summary of the ICU stay (a procedure considered and not needed, a suspected DVT excluded), dash problem list with scores against cut-offs, resolved problems, a partly completed physiotherapy course, a probable PTSD with a referral and a declined medicine, a patient's complaint not confirmed by testing, medicines with a stopped prophylactic drug, an unverified possible allergy, vaccines given today and due, planned work return, husband's and father's problems, numbered plan; spelled-out dates and mm/yyyy")
QAS["icufu_01"] = [
    ("Pneumonia?", "Diagnosis", "yes", ["community-acquired pneumonia (pneumococcal, positive urinary antigen)"], None),
    ("Was she in septic shock?", "Diagnosis", "yes", ["and septic shock"], None),
    ("Was she ventilated?", "Procedure", "yes", ["She was intubated"], None),
    ("Did she have a trache?", "Procedure", "no", ["was considered on day 10 but was not needed"], "considered_rejected: considered, extubated on day 11"),
    ("Did she need dialysis?", "Procedure", "no", ["She did not need dialysis"], None),
    ("Is her creatinine still 212?", "Lab Reports", "no", ["now 78 umol/L"], "time_scope: 212 was the peak, 78 now"),
    ("Did she have a DVT?", "Diagnosis", "no", ["the duplex scan was negative"], "ruled_out: suspected on day 12, duplex negative"),
    ("Is she breathless?", "Symptoms", "yes", ["Breathlessness on stairs (one flight), improving."], None),
    ("Obstructive spirometry?", "Lab Reports", "no", ["FEV1 82% predicted, normal ratio"], "normal_result: normal ratio"),
    ("ICU-acquired weakness?", "Diagnosis", "yes", ["ICU-acquired weakness was diagnosed in the unit"], None),
    ("Has she completed her outpatient physio?", "Procedure", "no", ["6 of 10 outpatient sessions attended so far"], "incomplete_course: 6 of 10 sessions"),
    ("Hoarse voice?", "Symptoms", "no", ["resolved by January"], "former_resolved: resolved by January"),
    ("Nightmares?", "Symptoms", "yes", ["vivid nightmares about the unit 2-3 times a week"], None),
    ("Does she have PTSD?", "Diagnosis", "uncertain", ["probable PTSD"], "suspected: probable on PCL-5 screening, not yet assessed by psychology"),
    ("Is her PCL-5 above the cut-off?", "Lab Reports", "yes", ["PCL-5) today 38"], None),
    ("Has she seen the psychologist?", "Procedure", "no", ["(waiting list about 8 weeks)"], "planned: referral made, on the waiting list"),
    ("Is she on medication for PTSD?", "Medication", "no", ["She does not want medication for this at present."], "declined: she does not want medication"),
    ("Suicidal ideation?", "Symptoms", "no", ["No thoughts of self-harm."], None),
    ("Cognitive impairment?", "Diagnosis", "no", ["MoCA today 27/30 (normal)"], "normal_result: MoCA 27/30"),
    ("Is she losing hair now?", "Symptoms", "no", ["now regrowing"], "time_scope: hair loss in January, now regrowing"),
    ("Foot drop?", "Symptoms", "no", ["Left foot drop - none"], None),
    ("Is she still on omeprazole?", "Medication", "no", ["stopped it today, no ongoing indication"], "former_resolved: stopped today"),
    ("Was the PPI for a peptic ulcer?", "Medication", "no", ["stress-ulcer prophylaxis"], "prophylaxis_only: started as stress-ulcer prophylaxis"),
    ("Vitamin D?", "Medication", "yes", ["vitamin D 1000 units daily"], None),
    ("Is she on enoxaparin?", "Medication", "no", ["stopped at discharge"], "ended_before: stopped at discharge"),
    ("Is she allergic to Tazocin?", "Medication", "uncertain", ["the team labelled it as a possible"], "suspected: possible allergy, not yet assessed by an allergist"),
    ("Has she had both pneumococcal doses?", "Medication", "no", ["due in 8 weeks"], "vaccine_due: second dose due in 8 weeks"),
    ("Was a pneumococcal vaccine given today?", "Medication", "yes", ["first dose (conjugate) given today"], None),
    ("Is she back at work?", "Other", "no", ["a phased return to work from 1 April 2339 is planned"], "planned: phased return from 1 April"),
    ("Is she driving again?", "Other", "no", ["she has not driven since ICU"], None),
    ("Is her husband sleeping badly?", "Other", "yes", ["her husband has been sleeping poorly and low since her admission"], None),
    ("Did her father die of sepsis?", "Other", "yes", ["Her father died in an ICU of sepsis in 2334."], None),
    ("Memory problems?", "Symptoms", "uncertain", ['she feels "foggy"; her husband has not noticed any problem'], "conflicting_sources: she feels foggy, husband has noticed nothing"),
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
    json.dump({"version": "v2.0", "data": data}, open(HERE / "yesno8.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    json.dump(stats, open(HERE / "stats.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print(f"built: {stats['notes']} notes, {stats['questions']} questions ({stats['traps']} traps, "
          f"{stats['unanswerable']} not_mentioned); verdicts {stats['verdicts']}")

if __name__ == "__main__":
    main()

