#!/usr/bin/env python3
"""Build yesno3.json and stats.json for clinical_yesno3 from answer *texts* (standard library only).

Tooling (text location, build loop, stats) adapted from ../clinical_yesno2/build.py; all notes and
questions are new.

Evidence text specs:
  "text"              -> must occur exactly once as a whole token sequence
  ("text", n)         -> n-th (0-based) whole-token occurrence
  ("text", "anchor")  -> the single occurrence inside the unique anchor string
  ("text", "all")     -> every occurrence (each becomes an alternative)
Question rows: (question, category, verdict, [specs], trap) with trap None or "kind: what the trap is".
The build stops on a missing, ambiguous or token-internal text, an unknown trap kind, a trap without a
description, or a trap with gold yes.
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
    "negation_in_list": "the term is one item of a negated list ('denies A, B or C', 'no A, B or C'), often far from the negation word",
    "pertinent_negative": "the term is a negative answer in a systemic enquiry or red-flag screen",
    "form_field": "a form field, tick-box or table cell answers No / none / N / not inserted / not placed",
    "family_history": "the condition is in a relative; the patient's own status is stated or not",
    "former_resolved": "former, ex-, quit, outgrown, in remission, resolved or previously treated condition or habit asked as current",
    "planned": "test, treatment, referral or event only planned, booked, requested, advised or awaited",
    "declined": "offered but declined by the patient",
    "non_adherent": "prescribed or advised but not (fully) taken or done by the patient",
    "considered_rejected": "considered by the clinician and rejected, avoided or judged not indicated / not needed",
    "conditional": "an order or action that applies only if a condition is met (not met, or not yet)",
    "safety_net": "the term appears only in safety-net advice ('come back if ...')",
    "name_or_purpose": "the term appears only inside a drug instruction, a vaccine or drug purpose, or a risk the drug lowers",
    "risk_of": "the patient is only at risk of the condition, or it is named as possible with no features",
    "screening_negative": "a screen or test for the condition is negative",
    "indication_query": "the condition is the indication or query for a test ('?X', 'to exclude X') that came back negative",
    "test_status": "a test that is requested, not yet done, or done with the result not yet available",
    "vaccine_due": "a vaccine or vaccine dose that is due or booked, not given",
    "patient_reported": "reported by the patient or a parent but not confirmed, or contradicted by other evidence",
    "other_site": "the finding is on the other side or at another site",
    "threshold_value": "a value asked as a condition (fever, hypotension, bradycardia, hypothermia, raised IOP, long QT) that does not cross the threshold",
    "ended_before": "the finding or treatment ended before the time asked (now off oxygen, no longer NBM)",
    "time_scope": "the finding belongs to another period than the one asked (last week, on admission, this term, today)",
    "other_person": "the condition, drug or event belongs to someone else (spouse, sibling, partner's relative)",
    "allergy_vs_intolerance": "an allergy is asked where the note records an intolerance or side effect",
    "drug_class_and_status": "a drug or drug class asked where the only member is stopped, or the condition is diet controlled",
    "detail_mismatch": "the question's detail (frequency, food item) differs from the note's",
    "negated": "explicitly negated in a single statement",
    "ruled_out": "in the differential and excluded",
    "suspected": "condition only possible, queried or not excluded (gold uncertain)",
}

NOTES = {}   # id -> (note_type, style)
QAS = {}     # id -> list of rows

# ==== NOTES AND QUESTIONS
# ---------------------------------------------------------------- amb_eprf_01
NOTES["amb_eprf_01"] = ("emergency", "emergency ambulance patient report form (ePRF): pipe-separated incident line, HX / PMH / DHx / Allergies fields, observations table with three time columns, O2 start-stop times, TX and OUTCOME (conveyance) lines")
QAS["amb_eprf_01"] = [
    ("Was the fall witnessed?", "Other", "no", ["Fall unwitnessed"], None),
    ("Has he got a headache?", "Symptoms", "no", ["Denies headache, vomiting, neck pain or blurred vision"], "negation_in_list: headache heads a 'Denies' list that also names vomiting, neck pain and blurred vision"),
    ("Is he diabetic?", "Diagnosis", "yes", ["T2DM (diet controlled)"], None),
    ("Does he take any tablets or insulin for his diabetes?", "Medication", "no", ["T2DM (diet controlled)"], "drug_class_and_status: diabetes is diet controlled; no diabetic medicine on the drug list"),
    ("Does he have prostate cancer?", "Diagnosis", "no", ["in remission"], "former_resolved: prostate cancer treated with radiotherapy in 2191, in remission"),
    ("Has he taken his blood thinner in the last day?", "Medication", "no", ["ran out, no doses for 2 days"], "non_adherent: apixaban prescribed, but he ran out and has had no doses for 2 days"),
    ("Is he allergic to codeine?", "Medication", "no", ["intolerance only", "NKDA"], "allergy_vs_intolerance: codeine causes nausea, recorded as an intolerance; NKDA"),
    ("Were his oxygen levels low when the crew first checked?", "Other", "yes", ["92% air"], None),
    ("Is he still on oxygen?", "Procedure", "no", ["removed once SpO2 >94% on air"], "ended_before: oxygen 20:05-20:25 only; 96% on air at 20:33"),
    ("Was his pulse over 100 at the first set of obs?", "Other", "yes", ["112 irr"], None),
    ("Is he tachycardic at the last set of observations?", "Other", "no", ["88 irr"], "time_scope: HR 112 at 19:58 but 88 at 20:33"),
    ("Was he hypotensive?", "Other", "no", ["106/64"], "threshold_value: lowest BP 106/64, systolic well above 90"),
    ("Has he broken his right wrist?", "Diagnosis", "uncertain", ["?scaphoid fracture"], "suspected: '?scaphoid fracture', splinted, not yet X-rayed"),
    ("Is his left wrist injured?", "Other", "no", ["L wrist NAD"], "other_site: the swollen, tender wrist is the right one"),
    ("Did he bang his head?", "Symptoms", "yes", ["Struck L side of head on cupboard door"], None),
    ("Was he given morphine?", "Medication", "no", ["Morphine considered, not given as pain settled"], "considered_rejected: morphine considered, not given as pain settled"),
    ("Did he have gas and air?", "Medication", "no", ["Entonox offered for splinting - declined"], "declined: Entonox offered for splinting and declined"),
    ("Was he taken to hospital?", "Other", "yes", ["conveyed to Kingsmere General ED"], None),
    ("Does Mr Fenwick-Daube have dementia?", "Diagnosis", "not_mentioned", [], "other_person: his wife has Alzheimer's disease; he is her carer"),
    ("Is he in atrial fibrillation?", "Diagnosis", "yes", ["ECG: AF rate 110"], None),
    ("Was he referred to the falls team?", "Procedure", "no", ["[ ] falls team"], "form_field: unticked box; only the adult social care box is ticked"),
    ("Did the crew refer him to social care?", "Other", "yes", ["[x] adult social care (carer concern)"], None),
]
# ---------------------------------------------------------------- anaes_record_01
NOTES["anaes_record_01"] = ("operative", "intra-operative anaesthetic record: tick-mark pre-induction check line, 'Field: value' allergy / anticoagulant fields, timed technique log, vital-signs grid with seven time columns, post-op instructions with PRN and timed orders")
QAS["anaes_record_01"] = [
    ("Was she intubated?", "Procedure", "yes", ["ETT 7.0"], None),
    ("Was the intubation difficult?", "Procedure", "no", ["grade 1 view, first attempt"], None),
    ("Did her blood pressure drop after she was put to sleep?", "Other", "yes", ["post-induction hypotension (treated)"], None),
    ("Was she hypotensive at the end of the operation?", "Other", "no", ["120/72"], "time_scope: hypotension only after induction (86/48); 120/72 at 10:00"),
    ("Was she bradycardic at any point?", "Other", "no", ["HR      78      66      62      72      80      76      74"], "threshold_value: lowest heart rate 62, above the 60 bradycardia cut-off"),
    ("Did she become hypothermic?", "Other", "no", ["Temp    -       -       36.5    -       36.3    -       36.2"], "threshold_value: temperatures 36.5, 36.3 and 36.2 C, none below 36.0 (warming in use)"),
    ("Is she allergic to latex?", "Other", "no", ["Latex: No"], "form_field: 'Latex: No' beside the penicillin allergy"),
    ("Is she allergic to penicillin?", "Medication", "yes", ["penicillin (rash)"], None),
    ("On blood thinners?", "Medication", "no", ["Anticoagulants: none"], "form_field: 'Anticoagulants: none'; enoxaparin is only due tonight"),
    ("Does she have heart block?", "Diagnosis", "no", ["sinus rhythm, PR 170 ms - normal"], "indication_query: ECG done for a GP query of heart block; PR interval normal"),
    ("Did she get antibiotics during surgery?", "Medication", "no", ["Antibiotic prophylaxis: not required per surgical team"], "considered_rejected: prophylaxis judged not required"),
    ("Was she given anything to stop sickness?", "Medication", "yes", ["ondansetron 4 mg IV"], None),
    ("Did she receive cyclizine in theatre?", "Medication", "no", ["Cyclizine 50 mg IM PRN if nauseated"], "conditional: cyclizine only PRN after surgery if nauseated"),
    ("Is she feeling sick after the operation?", "Symptoms", "not_mentioned", [], "name_or_purpose: nausea appears only in a PRN instruction and as the purpose of prophylaxis"),
    ("Has she had sickness after an anaesthetic before?", "Symptoms", "yes", ["severe PONV"], None),
    ("Has she ever had a malignant hyperthermia reaction?", "Diagnosis", "no", ["no problems apart from severe PONV"], "family_history: her maternal uncle died during an anaesthetic (?MH); her own previous sevoflurane anaesthetic had no problems"),
    ("Is she susceptible to malignant hyperthermia?", "Diagnosis", "uncertain", ["Her own MH status unknown"], "suspected: family history of ?MH never investigated; her status unknown, so treated as possibly susceptible"),
    ("Was sevoflurane used today?", "Medication", "no", ["volatile-free technique (TIVA)"], "time_scope: sevoflurane was used for her 2191 appendicectomy; today TIVA with the vapouriser removed"),
    ("Was morphine given?", "Medication", "yes", ["Morphine 6 mg IV"], None),
    ("Was a muscle relaxant given?", "Medication", "yes", ["rocuronium 50 mg"], None),
    ("Does she have MRSA?", "Lab Reports", "no", ["MRSA screen: negative"], "screening_negative: MRSA screen negative"),
]
# ---------------------------------------------------------------- antenatal_booking_01
NOTES["antenatal_booking_01"] = ("other", "community midwife antenatal booking appointment: obstetric history by year, pipe-separated Y/N medical history row, family and social history, risk-assessment block with arrows, vaccines line, triage safety net")
QAS["antenatal_booking_01"] = [
    ("Is this her first pregnancy?", "Other", "no", ["G3 P1"], None),
    ("Has she had a miscarriage?", "Diagnosis", "yes", ["miscarriage 8 wks"], None),
    ("Did she bleed heavily after her first baby?", "Symptoms", "yes", ["PPH 900 mL"], None),
    ("Did she need a blood transfusion after that birth?", "Procedure", "no", ["no transfusion"], "negated: PPH of 900 mL treated with oxytocin, no transfusion"),
    ("Is she on antidepressants?", "Medication", "no", ["sertraline 9 months, stopped, well since"], "former_resolved: sertraline for depression in 2194, stopped"),
    ("Is she depressed at the moment?", "Diagnosis", "no", ["PHQ-2 today: negative"], "screening_negative: depression in 2194; PHQ-2 screen negative today"),
    ("Does she have epilepsy?", "Diagnosis", "no", ["Epilepsy N"], "form_field: 'Epilepsy N' in a row of N fields"),
    ("Is she diabetic?", "Diagnosis", "no", ["Diabetes N"], "family_history: her mum has type 2 diabetes; her own field reads 'Diabetes N'"),
    ("Has she had pre-eclampsia?", "Diagnosis", "no", ["normotensive throughout"], "family_history: her sister had pre-eclampsia twice; her own pregnancy was normotensive throughout"),
    ("Is she a smoker?", "Other", "yes", ["Smokes 6/day"], None),
    ("Is she taking folic acid?", "Medication", "yes", ["folic acid 400 mcg OD since 7 wks"], None),
    ("Has she started aspirin?", "Medication", "no", ["aspirin 150 mg nightly from 12 wks"], "planned: aspirin from 12 weeks, GP asked to prescribe; she is 9+3"),
    ("Is she at increased risk of pre-eclampsia?", "Diagnosis", "yes", ["2 moderate factors (BMI >35, family history)"], None),
    ("Has she had the combined screening test?", "Lab Reports", "no", ["offered - declined after discussion"], "declined: combined screening test offered and declined"),
    ("Is she expecting twins?", "Diagnosis", "uncertain", ["?second sac - to be confirmed at dating scan"], "suspected: '?second sac' on a private scan, to be confirmed"),
    ("Has she had the flu jab?", "Medication", "yes", ["flu vaccine given today"], None),
    ("Has she had the whooping cough vaccine?", "Medication", "no", ["Pertussis: due from 16 wks"], "vaccine_due: pertussis due from 16 weeks; she is 9+3"),
    ("Are her booking blood results back?", "Lab Reports", "no", ["results to follow"], "test_status: bloods taken today, results to follow"),
    ("Was the baby's father born with a cleft lip?", "Other", "not_mentioned", [], "other_person: it is the partner's brother who was born with a cleft lip"),
    ("Has she had any bleeding in this pregnancy?", "Symptoms", "not_mentioned", [], "safety_net: bleeding appears only in the advice to contact maternity triage"),
    ("Is her blood pressure raised?", "Other", "no", ["BP 118/74"], None),
]
# ---------------------------------------------------------------- occ_health_01
NOTES["occ_health_01"] = ("other", "occupational health fitness-for-work assessment by an OH nurse adviser: employer referral questions, prose history, tests-today block (audiometry, vision), numbered opinion with adjustments")
QAS["occ_health_01"] = [
    ("Does he have back pain?", "Symptoms", "yes", ["low back pain since lifting a pallet on 02/05"], None),
    ("Does he have sciatica now?", "Symptoms", "no", ["no leg pain now"], "ended_before: right-sided sciatica for the first 2 weeks, settled"),
    ("Any problems with his bladder or bowels?", "Symptoms", "no", ["no bladder or bowel change"], None),
    ("Is he taking naproxen?", "Medication", "no", ["he stopped it after 5 days because of indigestion"], "drug_class_and_status: naproxen prescribed by the GP, stopped after 5 days"),
    ("Is he allergic to naproxen?", "Medication", "no", ["Allergies: none known"], "allergy_vs_intolerance: indigestion on naproxen is a side effect; allergies none known"),
    ("Is he on blood pressure medication?", "Medication", "yes", ["hypertension (amlodipine)"], None),
    ("Does he take his metformin as prescribed?", "Medication", "no", ["admits he often forgets the evening dose"], "non_adherent: often misses the evening metformin dose"),
    ("Does he have sleep apnoea?", "Diagnosis", "uncertain", ["until obstructive sleep apnoea has been excluded"], "suspected: snoring, witnessed apnoeas, Epworth 14; OSA not yet excluded"),
    ("Has he fallen asleep while driving the forklift?", "Symptoms", "no", ["Denies ever dozing at the controls of the truck"], "negated: daytime sleepiness (Epworth 14) but denies dozing at the controls"),
    ("Has he been seen at a sleep clinic?", "Procedure", "no", ["letter to GP asking for sleep clinic referral"], "planned: OH asks the GP to refer"),
    ("Is he fit to drive the forklift?", "Other", "no", ["Not fit for forklift driving"], None),
    ("Is he fit to go back to work?", "Other", "yes", ["Fit for work with adjustments"], None),
    ("Is his right ear affected by hearing loss?", "Symptoms", "no", ["R ear within normal limits"], "other_site: the hearing loss is in the left ear"),
    ("Is his hearing loss caused by noise at work?", "Diagnosis", "uncertain", ["possibly noise-induced"], "suspected: loss 'possibly noise-induced'"),
    ("Does he smoke?", "Other", "no", ["ex-smoker, stopped 3 years ago"], "former_resolved: ex-smoker"),
    ("Has he had his flu jab?", "Medication", "no", ["Seasonal flu vaccine offered through the workplace scheme - declined"], "declined: flu vaccine offered and declined"),
    ("Does he drink alcohol?", "Other", "yes", ["Alcohol 8 units/week"], None),
    ("Has his wife seen him stop breathing in his sleep?", "Symptoms", "yes", ["stops breathing at night"], None),
]
# ---------------------------------------------------------------- school_nurse_01
NOTES["school_nurse_01"] = ("other", "school nursing service contact record: numbered topic paragraphs (asthma, allergy, headaches with a logMAR vision screen, growth, safeguarding, immunisations), parent on the phone, sibling line")
QAS["school_nurse_01"] = [
    ("Does Ruby-Mae have asthma?", "Diagnosis", "yes", ["Asthma - IHCP updated"], None),
    ("Has she used her blue inhaler at school this term?", "Medication", "no", ["Reliever not used in school since July"], "time_scope: last reliever use in school was before the summer; this is the start-of-year review"),
    ("Does she have her preventer inhaler every day?", "Medication", "no", ['mum says it is given "most days"'], "non_adherent: preventer given 'most days' per mum"),
    ("Is she allergic to peanuts?", "Other", "yes", ["Peanut allergy"], None),
    ("Is she allergic to almonds?", "Other", "no", ["Eats almonds and cashews at home with no problem"], "detail_mismatch: the allergy is to peanut; almonds and cashews are eaten without problems"),
    ("Has she had anaphylaxis this year?", "Symptoms", "no", ["No reactions this year"], "time_scope: anaphylaxis at age 3, no reactions this year"),
    ("Has she ever had anaphylaxis?", "Symptoms", "yes", ["anaphylaxis age 3"], None),
    ("Is she having headaches?", "Symptoms", "yes", ["3 in the last fortnight per teacher"], None),
    ("Does she vomit with the headaches?", "Symptoms", "no", ["No vomiting, no early-morning headaches, no double vision"], "negation_in_list: vomiting denied at the start of a list; it reappears only in the GP advice"),
    ("Do the headaches wake her at night?", "Symptoms", "not_mentioned", [], "safety_net: waking at night appears only in the advice on when to see the GP"),
    ("Is the vision in her left eye reduced?", "Other", "no", ["L 0.100"], "other_site: the right eye is below expected; left 0.100"),
    ("Is the vision in her right eye below normal?", "Other", "yes", ["right eye below expected"], None),
    ("Are her headaches caused by eye strain?", "Diagnosis", "uncertain", ["possibly eye strain contributing"], "suspected: eye strain 'possibly' contributing"),
    ("Has she been given ibuprofen at school?", "Medication", "no", ["No ibuprofen given in school"], None),
    ("Is she overweight?", "Other", "yes", ["BMI above the 98th centile"], None),
    ("Has she been referred to a weight-management programme?", "Other", "no", ["offered and declined"], "declined: healthy-lifestyle programme offered and declined"),
    ("Has she had her flu vaccine this year?", "Medication", "no", ["nasal flu vaccine due in school on 07/10"], "vaccine_due: nasal flu vaccine due on 07/10, consent returned"),
    ("Has she had both MMR jabs?", "Medication", "uncertain", ["MMR x2 according to mum (red book not seen)"], "patient_reported: two MMR doses by parental report only, record not seen"),
    ("Does Ruby-Mae have diabetes?", "Diagnosis", "not_mentioned", [], "other_person: her brother Leo has type 1 diabetes"),
    ("Any safeguarding concerns?", "Other", "no", ["no concerns raised"], None),
    ("Are her adrenaline pens in date?", "Medication", "yes", ["both in date"], None),
]
# ---------------------------------------------------------------- sexual_health_01
NOTES["sexual_health_01"] = ("other", "sexual health (GUM) clinic note: CAPS headings (PC, SEXUAL HISTORY, VACCINES, O/E, MICROSCOPY, TESTS SENT, IMPRESSION, TREATMENT, ADVICE), STI history, vaccine statuses in one line, partner notification")
QAS["sexual_health_01"] = [
    ("Does it hurt when he pees?", "Symptoms", "yes", ["pain passing urine 4/7"], None),
    ("Has he got a discharge from the penis?", "Symptoms", "yes", ["creamy urethral discharge since yesterday"], None),
    ("Does he have gonorrhoea?", "Diagnosis", "yes", ["gonococcal urethritis (microscopy)"], None),
    ("Does he have chlamydia?", "Diagnosis", "uncertain", ["?chlamydia co-infection - awaiting NAAT"], "suspected: ?co-infection with NAAT awaited; chlamydia in 2196 was treated with a negative test of cure"),
    ("Has he had chlamydia before?", "Diagnosis", "yes", ["chlamydia 2196, treated"], None),
    ("Is he taking PrEP at the moment?", "Medication", "no", ["stopped taking it in August"], "non_adherent: PrEP started in March, he stopped taking it in August"),
    ("Has he ever had syphilis?", "Diagnosis", "no", ["Never had syphilis"], None),
    ("Has he been diagnosed with HIV?", "Diagnosis", "no", ["HIV test 6 months ago - negative"], "screening_negative: last HIV test negative; today's serology only sent"),
    ("Does he have genital warts?", "Diagnosis", "no", ["No rash, ulcers or warts"], "negation_in_list: warts last in a negated list"),
    ("Are the glands in his groin swollen?", "Symptoms", "no", ["No inguinal nodes"], None),
    ("Does he have a fever?", "Symptoms", "no", ["T 37.3"], "threshold_value: 37.3 C, below 38"),
    ("Does he have testicular pain?", "Symptoms", "not_mentioned", [], "safety_net: testicular pain appears only in the return advice"),
    ("Was he given an antibiotic injection?", "Medication", "yes", ["ceftriaxone 1 g IM given in clinic 11:20"], None),
    ("Has he started doxycycline?", "Medication", "no", ["to start this evening"], "planned: doxycycline prescribed, first dose this evening"),
    ("Is he fully vaccinated against hepatitis B?", "Medication", "yes", ["3-dose course completed"], None),
    ("Has he finished his HPV vaccine course?", "Medication", "yes", ["3rd (final) dose given today"], None),
    ("Has he had the hepatitis A vaccine?", "Medication", "no", ["not yet, booked for next visit"], "vaccine_due: hepatitis A booked for the next visit"),
    ("Did he get the mpox vaccine?", "Medication", "no", ["Mpox vaccine - offered, declined"], "declined: mpox vaccine offered and declined"),
    ("Does he always use condoms?", "Other", "no", ["Condom use inconsistent"], None),
    ("Has he had sex abroad?", "Other", "no", ["No sex abroad"], None),
    ("Is he on regular medication?", "Medication", "no", ["Regular meds: none"], None),
]
# ---------------------------------------------------------------- derm_letter_01
NOTES["derm_letter_01"] = ("clinic_letter", "dermatology consultant clinic letter to the GP: numbered diagnoses, prose by lesion (treatment options discussed, dermoscopy), psoriasis and methotrexate monitoring paragraph, dash plan, 'dd Month yyyy' dates")
QAS["derm_letter_01"] = [
    ("Does she have skin cancer?", "Diagnosis", "yes", ["Nodular basal cell carcinoma, left nasal ala"], None),
    ("Was the BCC confirmed on biopsy?", "Lab Reports", "yes", ["confirmed on your punch biopsy"], None),
    ("Has she had Mohs surgery?", "Procedure", "no", ["I have placed her on the Mohs waiting list"], "planned: on the Mohs waiting list (8-10 weeks)"),
    ("Was imiquimod cream prescribed?", "Medication", "no", ["Imiquimod cream was considered but is not appropriate"], "considered_rejected: imiquimod considered, not appropriate"),
    ("Does she have melanoma?", "Diagnosis", "no", ["dermoscopy showed no features of melanoma"], "family_history: her sister was treated for melanoma; her own lesion is a seborrhoeic keratosis"),
    ("Is the BCC on the right side of her nose?", "Diagnosis", "no", ["left nasal ala"], "other_site: the BCC is on the left nasal ala; the right-sided lesion is the back keratosis"),
    ("Is there a seborrhoeic keratosis on her left upper back?", "Diagnosis", "no", ["small scar on the left upper back"], "other_site: the keratosis is on the right upper back; the left has an old cyst scar"),
    ("Is her psoriasis flaring?", "Diagnosis", "no", ["clear on methotrexate"], None),
    ("Is she on methotrexate?", "Medication", "yes", ["methotrexate 15 mg once weekly"], None),
    ("Is she on a biologic injection?", "Medication", "no", ["She stopped adalimumab in 2195"], "drug_class_and_status: the only biologic, adalimumab, was stopped in 2195"),
    ("Does she take folic acid every day?", "Medication", "no", ["folic acid 5 mg once weekly"], "detail_mismatch: folic acid is taken once weekly"),
    ("Are her latest blood results back?", "Lab Reports", "no", ["Bloods today, results to follow"], "test_status: repeat bloods taken today, results to follow"),
    ("Were her previous monitoring bloods normal?", "Lab Reports", "yes", ["were normal (ALT 24)"], None),
    ("Does she have eczema at the moment?", "Diagnosis", "no", ["her hands were clear today"], "former_resolved: hand eczema flared last winter and settled"),
    ("Does she drink alcohol?", "Other", "no", ["She does not drink alcohol"], None),
    ("Does she have actinic keratosis?", "Diagnosis", "uncertain", ["may be an early actinic keratosis"], "suspected: scalp patch 'may be' an early actinic keratosis"),
    ("Does the lesion on her nose bleed?", "Symptoms", "not_mentioned", [], "safety_net: bleeding appears only in the advice to come back sooner"),
    ("Did she have a full skin check?", "Procedure", "yes", ["Full skin examination"], None),
]
# ---------------------------------------------------------------- eye_casualty_01
NOTES["eye_casualty_01"] = ("emergency", "eye casualty (ophthalmology) note: HPC / systemic enquiry, visual acuity with pinhole and Goldmann IOP per eye, slit-lamp findings R then L, fluorescein line, numbered plan")
QAS["eye_casualty_01"] = [
    ("Is his right eye red?", "Symptoms", "yes", ["R eye red, painful, blurry x 2/7"], None),
    ("Is the left eye affected?", "Symptoms", "no", ["L eye: no symptoms"], "other_site: only the right eye is affected; left white and quiet"),
    ("Does he have glaucoma?", "Diagnosis", "no", ["No signs of glaucoma in either eye"], "family_history: his father had glaucoma"),
    ("Did he injure his eye?", "Symptoms", "no", ["No trauma"], None),
    ("Does he wear contact lenses?", "Other", "no", ["no contact lens wear"], None),
    ("Has he had iritis before?", "Diagnosis", "yes", ["Similar episode R eye 2194"], None),
    ("Does he have ankylosing spondylitis?", "Diagnosis", "uncertain", ["?ankylosing spondylitis"], "suspected: '?ankylosing spondylitis', tests requested via GP"),
    ("Is the pressure in his eyes raised?", "Lab Reports", "no", ["IOP (Goldmann): R 14  L 16 mmHg"], "threshold_value: IOP 14 and 16 mmHg, within normal; an IOP check is planned only because of steroid drops"),
    ("Does he have a corneal abrasion?", "Diagnosis", "no", ["no epithelial defect R or L"], "indication_query: fluorescein done 'to exclude an abrasion'; no epithelial defect"),
    ("Is he allergic to atropine?", "Medication", "no", ["recorded as side effect, not allergy"], "allergy_vs_intolerance: palpitations with atropine recorded as a side effect"),
    ("Was he given atropine drops?", "Medication", "no", ["atropine avoided"], "considered_rejected: cyclopentolate chosen, atropine avoided"),
    ("Has the HLA-B27 test been done?", "Lab Reports", "no", ["HLA-B27 and SIJ X-ray requested via GP"], "test_status: HLA-B27 requested via the GP"),
    ("Has he been referred to rheumatology?", "Other", "no", ["GP letter suggesting rheumatology referral"], "planned: GP asked to consider referral"),
    ("Is the vision in his right eye reduced?", "Symptoms", "yes", ["R 6/18"], None),
    ("Does he have swollen joints?", "Symptoms", "no", ["No joint swelling, rash, mouth ulcers or diarrhoea"], "pertinent_negative: joint swelling negative in the systemic enquiry"),
    ("Is he on steroid eye drops?", "Medication", "yes", ["Dexamethasone 0.1% R eye 1-hourly while awake"], None),
    ("Does he have back stiffness?", "Symptoms", "yes", ["morning low back stiffness for years"], None),
    ("Is there pus in the front of the eye?", "Symptoms", "no", ["no hypopyon"], None),
    ("Is he on any regular medication?", "Medication", "no", ["Meds: nil"], None),
]
# ---------------------------------------------------------------- physio_msk_01
NOTES["physio_msk_01"] = ("progress", "MSK physiotherapy follow-up in S / O / A / P paragraphs: pain scores then and now, red-flag screen, range of movement in degrees with the other side in brackets, special tests with + / negative, conditional plan")
QAS["physio_msk_01"] = [
    ("Is it her left shoulder that hurts?", "Symptoms", "yes", ["L shoulder pain"], None),
    ("Is her right shoulder weak?", "Symptoms", "no", ["R 5/5"], "other_site: weakness is on the left (ER 4+/5); right 5/5"),
    ("Is her pain worse than at the first appointment?", "Symptoms", "no", ["Pain at rest 3/10 (6/10 at initial assessment 10/02)"], None),
    ("Does she still get pain at night?", "Symptoms", "yes", ["wakes once a night"], None),
    ("Is she doing her exercises every day?", "Procedure", "no", ['Home exercises done "about half the days"'], "non_adherent: home exercises done about half the days"),
    ("Does she have pins and needles in her arm?", "Symptoms", "no", ["No pins and needles, numbness or arm weakness"], "negation_in_list: pins and needles in a negated list"),
    ("Has she had a steroid injection?", "Procedure", "no", ["she wanted to try physio first"], "declined: GP offered a steroid injection; she chose physio first"),
    ("Has she used ibuprofen gel this week?", "Medication", "no", ["not used this week"], "time_scope: PRN ibuprofen gel, not used this week"),
    ("Has she had cancer?", "Diagnosis", "no", ["no personal history of cancer"], "family_history: mother had breast cancer"),
    ("Does she get night sweats?", "Symptoms", "no", ["no fevers or night sweats"], "pertinent_negative: night sweats negative in the red-flag screen"),
    ("Does she have a full-thickness rotator cuff tear?", "Diagnosis", "no", ["Full-thickness tear not suspected"], "indication_query: referred as '?rotator cuff tear'; full-thickness tear not suspected"),
    ("Does she have a frozen shoulder?", "Diagnosis", "no", ["Adhesive capsulitis excluded clinically"], "ruled_out: adhesive capsulitis (frozen shoulder) excluded clinically"),
    ("Does she have bursitis?", "Diagnosis", "uncertain", ["Possible subacromial bursitis component"], "suspected: 'possible' bursitis component"),
    ("Is she being sent back to the GP for an injection?", "Procedure", "no", ["If not improving, to discuss steroid injection with GP"], "conditional: GP discussion only if she does not improve; she is improving"),
    ("Is external rotation reduced on the left?", "Other", "no", ["ER 80° bilaterally"], None),
    ("Is Jobe's test positive?", "Other", "yes", ["Jobe's + L"], None),
    ("Any neck pain?", "Symptoms", "no", ["No neck pain"], None),
    ("Is her shoulder getting better?", "Symptoms", "yes", ["L rotator cuff related shoulder pain, improving"], None),
    ("Is her left shoulder weaker than her right?", "Other", "yes", ["L ER 4+/5, R 5/5"], None),
]
# ---------------------------------------------------------------- dental_referral_01
NOTES["dental_referral_01"] = ("clinic_letter", "general dental practitioner referral to oral and maxillofacial surgery: tooth notation (LR8, LR7, LL8), OPG description, dash medical history with INR and endocarditis risk, current-episode paragraph, conditional urgency")
QAS["dental_referral_01"] = [
    ("Is he on warfarin?", "Medication", "yes", ["on warfarin"], None),
    ("Is his INR in range?", "Lab Reports", "yes", ["Last INR 3.1 on 28/09"], None),
    ("Does he have a mechanical heart valve?", "Diagnosis", "yes", ["Mechanical aortic valve"], None),
    ("Has he had endocarditis?", "Diagnosis", "no", ["no previous IE"], "risk_of: endocarditis risk HIGH; no previous IE"),
    ("Has he been given antibiotic cover against endocarditis?", "Medication", "no", ["for discussion with his cardiologist before surgery"], "planned: prophylaxis not routinely recommended, for discussion before surgery"),
    ("Does he smoke?", "Other", "no", ["Ex-smoker, quit 2193"], "former_resolved: ex-smoker"),
    ("Is he allergic to penicillin?", "Medication", "no", ["No penicillin allergy"], "negated: the allergy line names clindamycin and negates penicillin"),
    ("Has he had C. difficile colitis?", "Diagnosis", "yes", ["C. difficile colitis 2195 needing admission"], None),
    ("Does he have a temperature?", "Symptoms", "no", ["Temp 37.4"], "threshold_value: 37.4 C during an acute dental infection, below 38"),
    ("Is his face swollen?", "Symptoms", "no", ["No facial swelling"], None),
    ("Can he open his mouth fully?", "Symptoms", "no", ["trismus (opening 25 mm)"], None),
    ("Is his lower left wisdom tooth giving him trouble?", "Symptoms", "no", ["LL8: partially erupted, no symptoms"], "other_site: the symptomatic tooth is LR8 (lower right)"),
    ("Has a CBCT scan been done?", "Procedure", "no", ["CBCT not taken"], None),
    ("Is he on antibiotics?", "Medication", "yes", ["amoxicillin 500 mg TDS 5 days"], None),
    ("Does the tooth next to it have decay?", "Diagnosis", "uncertain", ["possible distal caries"], "suspected: possible distal caries on LR7, not assessable on the OPG"),
    ("Is this an urgent referral?", "Other", "no", ["Urgency: routine (soon)"], "conditional: urgent re-referral only if the infection spreads"),
    ("Is he diabetic?", "Diagnosis", "yes", ["Type 2 diabetes"], None),
    ("Was the gum washed out?", "Procedure", "yes", ["Irrigation under the operculum done today"], None),
]
# ---------------------------------------------------------------- poisons_call_01
NOTES["poisons_call_01"] = ("other", "poisons information service telephone enquiry record: caller line, numbered agents with doses, clinical line, ECG / salicylate / pregnancy test / bloods lines, mg/kg risk assessment with a discrepancy, numbered advice given")
QAS["poisons_call_01"] = [
    ("Did she take a paracetamol overdose?", "Medication", "yes", ["says 24 tablets (12 g)"], None),
    ("Was the overdose deliberate?", "Other", "yes", ["deliberate self-harm"], None),
    ("Did she definitely take more than 150 mg/kg of paracetamol?", "Medication", "uncertain", ["Packet count suggests 8 g = 138 mg/kg", "Reported dose 12 g = 207 mg/kg (above 150 mg/kg)"], "patient_reported: her account gives 207 mg/kg; the packet count suggests 138 mg/kg"),
    ("Has she been given activated charcoal?", "Medication", "no", ["Activated charcoal - not indicated"], "considered_rejected: not indicated, more than 1 h since ingestion"),
    ("Has acetylcysteine been started?", "Medication", "no", ["no need to start before the level as timing is reliable"], "conditional: start only if the 4 h level is on or above the line"),
    ("Is her paracetamol level above the treatment line?", "Lab Reports", "uncertain", ["not yet available"], "test_status: 4 h level due at 02:30, not yet available"),
    ("Does she have serotonin syndrome?", "Diagnosis", "no", ["no features at present"], "risk_of: serotonin toxicity 'possible' as a risk, no features at present"),
    ("Is she drowsy?", "Symptoms", "no", ["not drowsy"], None),
    ("Has she been sick?", "Symptoms", "yes", ["vomited once in ED 01:50"], None),
    ("Is her heart rate fast?", "Other", "yes", ["HR 104", "sinus tachycardia"], None),
    ("Does she have a fever?", "Symptoms", "no", ["T 37.0"], None),
    ("Is her QT interval prolonged?", "Lab Reports", "no", ["QTc 447 ms"], "threshold_value: QTc 447 ms, below the 460 ms cut-off for a woman; ECG checked because of sertraline"),
    ("Did she take aspirin as well?", "Medication", "no", ["Salicylate level (screen for co-ingestion): undetectable"], "screening_negative: salicylate screen undetectable"),
    ("Has she had a pregnancy test?", "Lab Reports", "no", ["Pregnancy test: not yet done"], "test_status: not yet done, caller to arrange"),
    ("Has she overdosed before?", "Other", "yes", ["overdose of ibuprofen 2195"], None),
    ("Was she admitted after her previous overdose?", "Other", "no", ["not admitted"], None),
    ("Did she drink alcohol?", "Other", "yes", ["2 ciders"], None),
    ("Was she given cyproheptadine?", "Medication", "no", ["cyproheptadine only if moderate or severe features develop"], "conditional: only if moderate or severe serotonin features develop"),
    ("Does she have a tremor?", "Symptoms", "no", ["No tremor, no clonus, no agitation"], None),
    ("Did she take sertraline?", "Medication", "yes", ["sertraline 50 mg, her own"], None),
]
# ---------------------------------------------------------------- vacc_record_01
NOTES["vacc_record_01"] = ("other", "practice-nurse travel immunisation and advice record: traveller and trip header, space-aligned VACCINE / STATUS / DETAILS table (given, booster, started, declined, not needed, not indicated, due), malaria prophylaxis and safety-net advice")
QAS["vacc_record_01"] = [
    ("Has he had the yellow fever jab?", "Medication", "yes", [("Given today", "Yellow fever       Given today")], None),
    ("Has he been vaccinated against rabies?", "Medication", "no", ["Declined"], "declined: pre-exposure rabies vaccine declined (cost)"),
    ("Is he fully protected against hepatitis B?", "Medication", "no", ["dose 1 today"], "vaccine_due: hepatitis B course only started; doses 2 and 3 still due"),
    ("Has he had his flu jab?", "Medication", "no", ["not given today"], "vaccine_due: influenza due in autumn"),
    ("Has he started his malaria tablets?", "Medication", "no", ["not started yet"], "planned: atovaquone-proguanil starts 2 days before entering the area"),
    ("Is he allergic to eggs?", "Other", "no", ["now eats eggs without any reaction"], "former_resolved: hives with egg as a toddler, now tolerates eggs"),
    ("Has his spleen been removed?", "Procedure", "yes", ["splenectomy after a cycling accident 2193"], None),
    ("Does he have a fever?", "Symptoms", "not_mentioned", [], "safety_net: fever only in the advice for during and after travel"),
    ("Has he had malaria?", "Diagnosis", "not_mentioned", [], "name_or_purpose: malaria named only in prophylaxis and advice"),
    ("Was the typhoid vaccine given?", "Medication", "yes", [("Given today", "Typhoid (Vi)       Given today")], None),
    ("Is his tetanus up to date?", "Medication", "yes", ["Up to date"], None),
    ("Did he get a meningitis vaccine today?", "Medication", "no", ["Not needed now"], "time_scope: MenACWY was given in 2194 after his splenectomy, not today"),
    ("Has he had a hepatitis A booster?", "Medication", "yes", ["Booster given"], None),
    ("Is his partner pregnant?", "Other", "yes", ["14 weeks pregnant"], None),
    ("Is he on any regular medicines?", "Medication", "no", ["No regular medicines"], None),
    ("Has he had the COVID vaccine?", "Medication", "not_mentioned", [], None),
    ("Will he be staying in rural areas?", "Other", "yes", ["rural villages"], None),
]
# ---------------------------------------------------------------- pharmacy_nms_01
NOTES["pharmacy_nms_01"] = ("other", "community pharmacy New Medicine Service intervention call: adherence and side-effect lines, dash list of other medicines with statuses, allergy vs intolerance line, alert card, outcome and 999 advice")
QAS["pharmacy_nms_01"] = [
    ("Is she on apixaban?", "Medication", "yes", ["apixaban 5 mg twice daily"], None),
    ("Has she taken every dose?", "Medication", "no", ["missed two evening doses (forgot)"], "non_adherent: two evening doses missed"),
    ("Is she still on aspirin?", "Medication", "no", ["stopped by GP when apixaban started"], "drug_class_and_status: aspirin stopped when apixaban started"),
    ("On warfarin?", "Medication", "no", ["Her husband is on warfarin"], "other_person: it is her husband who takes warfarin"),
    ("Does she get nosebleeds?", "Symptoms", "no", ["no nosebleeds"], None),
    ("Has she had black stools?", "Symptoms", "no", ["no black stools"], "negation_in_list: negated at the end of the side-effect list; black stools reappear in the 999 advice"),
    ("Do her gums bleed?", "Symptoms", "yes", ["some bleeding from gums when brushing"], None),
    ("Is she still taking ibuprofen?", "Medication", "no", ["told to avoid with apixaban; paracetamol instead"], "time_scope: ibuprofen taken last week, now replaced by paracetamol"),
    ("Does she take herbal remedies?", "Medication", "no", ["St John's wort or other herbal remedies: asked - none"], "form_field: 'asked - none'"),
    ("Is she allergic to statins?", "Medication", "no", ["Intolerance: statins - leg aches"], "allergy_vs_intolerance: statins cause leg aches, recorded as an intolerance"),
    ("Is she on a statin?", "Medication", "no", ["atorvastatin stopped by GP last year"], "drug_class_and_status: atorvastatin stopped last year"),
    ("Is she allergic to trimethoprim?", "Medication", "yes", ["trimethoprim (rash)"], None),
    ("Does she have an anticoagulant alert card?", "Other", "no", ["none in stock today, to be posted"], "planned: card to be posted"),
    ("Has she had a stroke?", "Diagnosis", "not_mentioned", [], "name_or_purpose: stroke named only as the risk apixaban lowers"),
    ("Has she had a head injury?", "Symptoms", "not_mentioned", [], "safety_net: head injury only in the 999 advice"),
    ("Does she have atrial fibrillation?", "Diagnosis", "yes", ["atrial fibrillation"], None),
    ("Is she on a beta-blocker?", "Medication", "yes", ["bisoprolol 2.5 mg OD - continues"], None),
    ("Does she have arthritis in her knee?", "Diagnosis", "uncertain", ["?osteoarthritis"], "suspected: '?osteoarthritis', not yet seen by the GP"),
    ("Does she bruise easily?", "Symptoms", "yes", ["Bruises more easily on forearms"], None),
    ("Is she on a stomach-protecting tablet?", "Medication", "yes", ["omeprazole 20 mg OD - continues"], None),
]
# ---------------------------------------------------------------- slt_swallow_01
NOTES["slt_swallow_01"] = ("other", "speech and language therapy bedside swallow assessment: background prose, space-aligned trial table with Y/N columns (cough, wet voice) by consistency, IDDSI levels, impression and dash recommendations")
QAS["slt_swallow_01"] = [
    ("Does he cough when sipping water from a cup?", "Symptoms", "yes", ["delayed cough after 2nd sip"], None),
    ("Did he cough on the thickened fluid?", "Symptoms", "no", [("N", "Mildly thick (L2) fluid x5    N")], "form_field: the mildly thick fluid row has N under Cough; the cough was with cup sips of water"),
    ("Is he to stay nil by mouth?", "Other", "no", ["Stop NBM"], "ended_before: NBM since 02/12 pending SLT, stopped by this assessment"),
    ("Does he have an NG tube?", "Procedure", "no", ["NG tube: not placed"], "form_field: 'NG tube: not placed'"),
    ("Is he on oxygen?", "Procedure", "yes", ["Oxygen 1 L/min nasal cannula"], None),
    ("Is he on 4 litres of oxygen?", "Procedure", "no", ["4 L on admission"], "time_scope: 4 L was on admission; now 1 L/min"),
    ("Does he have Parkinson's?", "Diagnosis", "yes", ["Parkinson's disease for 10 years"], None),
    ("Is he still missing doses of his Parkinson's medicine?", "Medication", "no", ["now given on time"], "ended_before: two doses missed on the day of admission, now given on time"),
    ("Has he got oral thrush?", "Diagnosis", "uncertain", ["?oral candida"], "suspected: '?oral candida', ward to check"),
    ("Has he had a FEES?", "Procedure", "no", ["FEES (instrumental assessment) to be considered if chest infections recur"], "conditional: FEES to be considered only if chest infections recur"),
    ("Is he wearing his denture?", "Other", "no", ["left at home, not worn today"], None),
    ("Does he have dementia?", "Diagnosis", "yes", ["Mild dementia"], None),
    ("Was it an aspiration pneumonia?", "Diagnosis", "uncertain", [("?aspiration", "pneumonia, ?aspiration")], "suspected: 'pneumonia, ?aspiration'"),
    ("Does he aspirate silently?", "Diagnosis", "uncertain", ["Silent aspiration cannot be excluded at the bedside"], "suspected: cannot be excluded at the bedside"),
    ("Is the pneumonia in his left lung?", "Diagnosis", "no", ["right lower lobe pneumonia"], "other_site: right lower lobe"),
    ("Does he have COVID?", "Diagnosis", "no", ["COVID swab on admission: negative"], "screening_negative: admission COVID swab negative"),
    ("Is he on IV fluids?", "Medication", "yes", ["IV fluids running"], None),
    ("Does he live alone?", "Other", "no", ["Lives with his daughter"], None),
    ("Was he coughing at meals before he came in?", "Symptoms", "yes", ["coughing at mealtimes for about 3 months"], None),
    ("Does he have a swallowing problem?", "Symptoms", "yes", ["oropharyngeal dysphagia"], None),
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
                if kind == "suspected" and verdict != "uncertain": die(f"{qid} suspected trap not uncertain")
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
    json.dump({"version": "v2.0", "data": data}, open(HERE / "yesno3.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    json.dump(stats, open(HERE / "stats.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print(f"built: {stats['notes']} notes, {stats['questions']} questions ({stats['traps']} traps, "
          f"{stats['unanswerable']} not_mentioned); verdicts {stats['verdicts']}")

if __name__ == "__main__":
    main()
