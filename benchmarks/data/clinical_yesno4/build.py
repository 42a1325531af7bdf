#!/usr/bin/env python3
"""Build yesno4.json and stats.json for clinical_yesno4 from answer *texts* (standard library only).

Tooling (text location, build loop, stats) adapted from ../clinical_yesno3/build.py; all notes and
questions are new.

Evidence text specs:
  "text"              -> must occur exactly once as a whole token sequence
  ("text", n)         -> n-th (0-based) whole-token occurrence
  ("text", "anchor")  -> the single occurrence inside the unique anchor string
  ("text", "all")     -> every occurrence (each becomes an alternative)
Question rows: (question, category, verdict, [specs], trap) with trap None or "kind: what the trap is".
The build stops on a missing, ambiguous or token-internal text, an unknown trap kind, a trap without a
description, a trap with gold yes, or a `suspected` trap whose gold is not uncertain.
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
    "severity_or_subtype": "the condition is present in another severity, grade or subtype than the one asked",
    "allergy_delabelled": "an allergy label that the note shows to be wrong (drug tolerated since) and that is being removed",
}


NOTES = {}   # id -> (note_type, style)
QAS = {}     # id -> list of rows

# ==== NOTES AND QUESTIONS
# ---------------------------------------------------------------- audiology_01
NOTES["audiology_01"] = ("other", "adult audiology hearing assessment: terse Hx lines, otoscopy R then L, space-aligned pure-tone audiogram table (dB HL by kHz, Right / Left rows), impression, numbered plan")
QAS["audiology_01"] = [
    ("Does he have hearing loss?", "Diagnosis", "yes", ["mild-to-moderate high-frequency sensorineural hearing loss"], None),
    ("Is his hearing loss severe?", "Diagnosis", "no", ["mild-to-moderate"], "severity_or_subtype: the loss is mild-to-moderate, not severe"),
    ("Is it a conductive hearing loss?", "Diagnosis", "no", ["Conductive component: none", "no air-bone gap"], "severity_or_subtype: the loss is sensorineural; no air-bone gap and no conductive component"),
    ("Does he get dizzy spells?", "Symptoms", "no", ["No vertigo or dizzy spells"], "safety_net: dizziness is also named in the re-test advice; vertigo and dizzy spells are denied in the history"),
    ("Is his right ear still blocked with wax?", "Other", "no", ["removed by microsuction today"], "ended_before: the wax occluding ~80% of the right canal was removed by microsuction today"),
    ("Was wax removed from his ear today?", "Procedure", "yes", ["removed by microsuction today"], None),
    ("Is there a hole in his eardrum?", "Other", "no", [("TM intact", "all")], None),
    ("Does he have a retraction pocket in the right eardrum?", "Other", "uncertain", ["?small retraction pocket posterosuperior"], "suspected: '?small retraction pocket', to be rechecked next visit"),
    ("Is the tinnitus in his left ear?", "Symptoms", "no", ["Tinnitus R ear", "Tinnitus: R-sided"], "other_site: the tinnitus is right-sided"),
    ("Does he have tinnitus?", "Symptoms", "yes", ["Tinnitus R ear"], None),
    ("Is he on a water tablet?", "Medication", "no", ["Furosemide stopped 2194"], "former_resolved: furosemide (a diuretic) was stopped in 2194"),
    ("Is he being sent for an MRI scan?", "Procedure", "no", ["does not meet criteria for MRI (IAMs) referral"], "considered_rejected: asymmetry of 5 dB at most; MRI referral criteria not met"),
    ("Is he getting hearing aids for both ears?", "Procedure", "no", ["declined L"], "declined: bilateral aids offered; he accepted the right aid and declined the left"),
    ("Has he been fitted with his hearing aid yet?", "Procedure", "no", ["R aid fitting booked 30/05/2196"], "planned: right aid fitting booked for 30/05/2196"),
    ("Was he exposed to loud noise at work?", "Other", "yes", ["grounds worker for 20 yrs (mowers, leaf blowers)"], None),
    ("Has he joined a tinnitus therapy group?", "Procedure", "no", ["tinnitus therapy group offered if distress increases"], "conditional: the group is offered only if his distress increases"),
    ("Did his mother need hearing aids?", "Other", "yes", ["mother wore hearing aids from her 60s"], None),
    ("Does he take aspirin?", "Medication", "yes", ["aspirin 75 mg"], None),
    ("Is his hearing worse for high-pitched sounds?", "Lab Reports", "yes", ["high-frequency"], None),
]
# ---------------------------------------------------------------- memory_clinic_01
NOTES["memory_clinic_01"] = ("clinic_letter", "memory clinic (old age psychiatry) letter to the GP in continuous prose without headings: informant history from the daughter-in-law, inline ACE-III subscores and screening bloods, impression and plan paragraphs")
QAS["memory_clinic_01"] = [
    ("Does she have dementia?", "Diagnosis", "no", ["She does not meet criteria for dementia"], "negated: dementia criteria not met; the vascular dementia in the letter is her daughter-in-law's father's"),
    ("Has she been diagnosed with Alzheimer's disease?", "Diagnosis", "no", ["Alzheimer's disease is not diagnosed today"], "indication_query: the GP asked about Alzheimer's disease; it is not diagnosed"),
    ("Does she have mild cognitive impairment?", "Diagnosis", "yes", ["amnestic mild cognitive impairment"], None),
    ("Was she started on donepezil?", "Medication", "no", ["I have not started donepezil, which is not indicated for MCI"], "considered_rejected: donepezil not indicated for MCI"),
    ("Is she taking clopidogrel?", "Medication", "no", ["she stopped it herself last spring because of bruising"], "non_adherent: clopidogrel prescribed after the TIA; she stopped it herself"),
    ("Has she had a TIA?", "Diagnosis", "yes", ["had a TIA in 2193"], None),
    ("Has she had a stroke?", "Diagnosis", "no", ["no infarct"], "severity_or_subtype: a TIA in 2193, and the CT shows no infarct"),
    ("Is she depressed?", "Diagnosis", "no", ["she scored 4 on the GDS-15, outside the depressed range"], "threshold_value: GDS-15 of 4 is outside the depressed range, although her mood has been low at times"),
    ("Has she had hallucinations?", "Symptoms", "no", ["no hallucinations"], "negation_in_list: middle item of 'no episodes of getting lost, no hallucinations and no falls'"),
    ("Does she have REM sleep behaviour disorder?", "Diagnosis", "uncertain", ["REM sleep behaviour disorder is possible and not confirmed"], "suspected: 'possible and not confirmed'"),
    ("Does she shout or kick out in her sleep?", "Symptoms", "yes", ["she sometimes shouts and kicks out in her sleep"], None),
    ("Is her thyroid underactive?", "Diagnosis", "yes", ["hypothyroidism"], None),
    ("Is her B12 low?", "Lab Reports", "no", ["B12, folate, TSH and calcium were normal in January"], None),
    ("Did her sister have Alzheimer's?", "Diagnosis", "yes", ["Mrs Branagh-Seddon's sister developed Alzheimer's in her seventies"], None),
    ("Did her father have vascular dementia?", "Diagnosis", "not_mentioned", [], "other_person: it is her daughter-in-law Carys's father who had vascular dementia"),
    ("Is she still driving?", "Other", "yes", ["drove herself here today"], None),
    ("Does she take a tablet for her bladder?", "Medication", "yes", ["She takes oxybutynin for an overactive bladder"], None),
    ("Has she been switched to mirabegron?", "Medication", "no", ["I suggest switching to mirabegron"], "planned: the switch is only suggested to the GP"),
    ("Does she smoke?", "Other", "no", ["has never smoked"], None),
    ("Has she had a brain scan?", "Procedure", "yes", ["CT head"], None),
    ("Does she have high blood pressure?", "Diagnosis", "yes", ["She has hypertension"], None),
]
# ---------------------------------------------------------------- podiatry_01
NOTES["podiatry_01"] = ("other", "diabetic foot podiatry review: two-column RIGHT / LEFT space-aligned examination table (monofilament, vibration, pulses, ABPI, skin, nails, deformity, ulcer, callus), ulcer measurements then and now, dash plan with conditional X-ray")
QAS["podiatry_01"] = [
    ("Does he have a foot ulcer?", "Diagnosis", "yes", ["Ulcer R hallux (plantar-medial)"], None),
    ("Is there an ulcer on his left foot?", "Diagnosis", "no", [("none", "yes - see below     none")], "other_site: the ulcer is on the right big toe; the LEFT cell of the Ulcer row reads 'none'"),
    ("Does he have neuropathy?", "Diagnosis", "yes", ["neuropathy + PAD + active ulcer"], None),
    ("Is he on antibiotics for his foot?", "Medication", "no", ["Flucloxacillin course (Oct) completed"], "ended_before: the flucloxacillin course finished in October"),
    ("Does the ulcer probe to bone?", "Diagnosis", "no", ["Probe-to-bone negative"], None),
    ("Has he had an X-ray of his foot?", "Procedure", "no", ["X-ray R foot only if probe-to-bone becomes positive or ulcer deteriorates"], "conditional: X-ray only if probe-to-bone turns positive or the ulcer deteriorates"),
    ("Can the posterior tibial pulse be felt in his right foot?", "Other", "no", ["not palpable"], "form_field: table cell 'not palpable' beside palpable DP pulses"),
    ("Can the pulse on top of his right foot be felt?", "Other", "yes", [("palpable", "DP pulse              palpable")], None),
    ("Does he have peripheral arterial disease?", "Diagnosis", "yes", ["PAD"], None),
    ("Has he been referred to the vascular surgeons?", "Procedure", "no", ["Vascular referral: to be discussed with GP"], "planned: the referral is only to be discussed with the GP"),
    ("Does he wear his off-loading boot all the time?", "Other", "no", ["wears it \"mostly indoors\", not on the school run"], "non_adherent: boot worn mostly indoors only"),
    ("Does he smoke?", "Other", "no", ["ex - stopped 2196"], "former_resolved: ex-smoker, stopped in 2196"),
    ("Is he on insulin?", "Medication", "yes", ["insulin + metformin"], None),
    ("Has he got a temperature?", "Symptoms", "not_mentioned", [], "safety_net: feeling feverish appears only in the same-day contact advice"),
    ("Does he have a hammer toe on his right foot?", "Diagnosis", "no", ["hallux valgus"], "other_site: the hammer toe (2nd) is in the LEFT column; the right foot has hallux valgus"),
    ("Was a wound swab taken?", "Procedure", "no", ["Wound swab not taken (not indicated)"], "considered_rejected: swab not indicated"),
    ("Were his calluses trimmed today?", "Procedure", "yes", ["sharp debridement of ulcer rim and both calluses"], None),
    ("Is his foot classed as high risk?", "Other", "yes", ["HIGH"], None),
    ("Does he have a fungal nail infection?", "Diagnosis", "uncertain", ["?onychomycosis", "result to follow"], "suspected: '?onychomycosis' in the LEFT column; clippings sent, result to follow"),
]
# ---------------------------------------------------------------- stoma_review_01
NOTES["stoma_review_01"] = ("other", "stoma care nurse specialist home visit in terse shorthand: one topic per line (Stoma / Peristomal skin / Output / Hernia / Appliance / Meds / Allergies), two-digit-year op date, arrow to GP action, dash plan")
QAS["stoma_review_01"] = [
    ("Does she have a stoma?", "Procedure", "yes", ["loop ileostomy RIF"], None),
    ("Does she have a colostomy?", "Procedure", "no", ["loop ileostomy RIF"], "severity_or_subtype: the stoma is a loop ileostomy, not a colostomy"),
    ("Has her stoma output been high since she went home?", "Symptoms", "no", ["No high output (>1.5 L) since d/c"], "time_scope: the high output (~1.8 L) was in week 1 after the operation"),
    ("Is she still taking loperamide?", "Medication", "no", ["now stopped"], "ended_before: loperamide settled the early high output and is now stopped"),
    ("Is there thrush on the skin around her stoma?", "Diagnosis", "no", ["Candida: no satellite lesions"], "form_field: 'Candida: no satellite lesions'"),
    ("Does she have irritant dermatitis around the stoma?", "Diagnosis", "uncertain", ["?early irritant dermatitis from leak under flange"], "suspected: '?early irritant dermatitis'"),
    ("Is the skin around the stoma broken?", "Other", "no", ["no broken skin"], None),
    ("Has her bag been leaking?", "Symptoms", "yes", ["Leaks x2 this wk (both at night)"], None),
    ("Is she taking apixaban?", "Medication", "yes", ["apixaban 2.5 mg BD"], None),
    ("Is she allergic to codeine?", "Medication", "no", ["Codeine: not taking (constipation + drowsy = intolerance)"], "allergy_vs_intolerance: codeine side effects recorded as an intolerance"),
    ("Is she allergic to sticking plasters?", "Other", "yes", ["Plasters - itch/blisters (adhesive allergy)"], None),
    ("Is she allergic to penicillin?", "Medication", "no", ["had amoxicillin 2192 without problem"], "allergy_delabelled: penicillin is on record, but she took amoxicillin in 2192 without problem; GP to de-label"),
    ("Is she having chemotherapy?", "Medication", "no", ["Chemo: MDT 08/07 - not needed"], "considered_rejected: the MDT decided chemotherapy is not needed"),
    ("Has her ileostomy been reversed?", "Procedure", "no", ["Reversal: ~3-6 months, after contrast enema (not yet booked)"], "planned: reversal in about 3-6 months, after a contrast enema"),
    ("Was her operation for bowel cancer?", "Diagnosis", "yes", ["rectal ca (pT2 N0)"], None),
    ("Is she on a stomach-protection tablet?", "Medication", "yes", ["Omeprazole 20 mg OD"], None),
    ("Does she feel dizzy?", "Symptoms", "not_mentioned", [], "safety_net: feeling dizzy appears only in the advice on when to ring the stoma line"),
    ("Has she been referred to psychology?", "Procedure", "no", ["Psychology referral offered - declined for now"], "declined: referral offered and declined for now"),
    ("Is the stoma retracted?", "Other", "no", ["no retraction"], None),
    ("Does she use a convex bag?", "Other", "yes", ["1-pce drainable convex"], None),
]
# ---------------------------------------------------------------- prison_reception_01
NOTES["prison_reception_01"] = ("other", "prison reception (first-night) health screen: numbered questions Q1-Q16 in a space-aligned Y/N / Detail table in three parts, one-line obs, [x] / [ ] action boxes")
QAS["prison_reception_01"] = [
    ("Does he have asthma?", "Diagnosis", "yes", ["asthma - salbutamol inhaler"], None),
    ("Does he have epilepsy?", "Diagnosis", "no", [("N", "Q2  Epilepsy / fits?                     N"), "one fit when I was 12, with a fever"], "time_scope: a single fit with a fever at age 12, nil since; the epilepsy field is N"),
    ("Is he diabetic?", "Diagnosis", "no", [("N", "Q3  Diabetes?                            N")], "form_field: 'Diabetes?' answered N"),
    ("Did he hurt his head?", "Symptoms", "no", ["no head injury reported"], "negated: 'Injured today' is Y for a forearm graze; no head injury reported"),
    ("Was his left forearm injured?", "Other", "yes", ["graze L forearm"], None),
    ("Has he broken a rib?", "Diagnosis", "uncertain", ["?rib injury"], "suspected: right rib pain, examination declined, '?rib injury'"),
    ("Is he allergic to nuts?", "Other", "yes", ["nuts - \"throat swells\""], None),
    ("Has he been given an EpiPen?", "Medication", "no", ["no EpiPen with him", "EpiPen requested from GP"], "planned: EpiPen only requested from the GP; none with him"),
    ("Is he on methadone?", "Medication", "yes", ["methadone 60 mL daily"], None),
    ("Was his methadone dose checked with the pharmacist?", "Medication", "yes", ["confirmed by phone with pharmacist"], None),
    ("Has he had the hepatitis B vaccine?", "Medication", "no", ["dose 1 at health clinic this week"], "vaccine_due: course accepted; dose 1 due at the health clinic this week"),
    ("Does he have HIV?", "Diagnosis", "no", ["HIV and hep C negative"], "screening_negative: blood-borne virus test negative in Sept 2193"),
    ("Does he drink alcohol?", "Other", "no", ["stopped drinking 2 yrs ago"], "former_resolved: stopped drinking 2 years ago"),
    ("Does he use crack cocaine?", "Other", "no", ["crack cocaine - denies"], "negated: the denial follows the term, on the same line as heroin use"),
    ("Has he used heroin?", "Other", "yes", ["heroin, last use \"3 days ago\" (self report)"], None),
    ("Is he withdrawing from opiates?", "Symptoms", "no", [("N", "Q12 Withdrawal signs now?                N"), "COWS 3"], "threshold_value: COWS 3, below the range for mild withdrawal; 'Withdrawal signs now?' N"),
    ("Does he self-harm?", "Symptoms", "no", ["cutting age 16-18, none since"], "former_resolved: self-harm at 16-18, none since"),
    ("Was an ACCT opened?", "Procedure", "no", ["[ ] ACCT opened (not indicated)"], "form_field: unticked box, 'not indicated'"),
    ("Has he been referred to the substance misuse team?", "Procedure", "yes", ["[x] Referred to substance misuse team"], None),
    ("Is this his first time in custody?", "Other", "yes", [("Y", "Q16 First time in custody?               Y")], None),
]
# ---------------------------------------------------------------- fertility_01
NOTES["fertility_01"] = ("other", "fertility clinic new-couple consultation with HER / HIM sections, a semen analysis table with lower reference limits, numbered ASSESSMENT and dash PLAN with conditional steps; both partners named")
QAS["fertility_01"] = [
    ("Does Henrike have PCOS?", "Diagnosis", "uncertain", ["Probable PCOS", "not yet confirmed"], "suspected: 'Probable PCOS ... not yet confirmed'"),
    ("Does she have coeliac disease?", "Diagnosis", "yes", ["coeliac disease (gluten-free, well controlled)"], None),
    ("Has she ever had chlamydia?", "Diagnosis", "yes", ["Chlamydia treated at 19"], None),
    ("Are her fallopian tubes blocked?", "Diagnosis", "uncertain", ["tubal patency not yet assessed", "Tubal factor not excluded"], "test_status: tubal patency not yet assessed; HyCoSy booked"),
    ("Is she taking folic acid?", "Medication", "no", ["ran out in June, not restarted"], "non_adherent: folic acid ran out in June and was not restarted"),
    ("Is she on the pill?", "Medication", "no", ["since stopping the combined pill in 2193"], "former_resolved: combined pill stopped in 2193"),
    ("Does her sister have PCOS?", "Diagnosis", "not_mentioned", [], "other_person: it is Jonah's sister (her sister-in-law) who has PCOS"),
    ("Did her mother have an early menopause?", "Other", "yes", ["mother - menopause at 41"], None),
    ("Has she had the HyCoSy?", "Procedure", "no", ["HyCoSy (tubal patency scan) booked 02/09"], "planned: booked for 02/09"),
    ("Has she started letrozole?", "Medication", "no", ["Letrozole ovulation induction to start once tubes confirmed patent"], "conditional: letrozole only once the tubes are confirmed patent"),
    ("Does Jonah smoke?", "Other", "yes", ["Smokes 10/day"], None),
    ("Is Jonah taking finasteride?", "Medication", "no", ["stopped 4 months ago on GP advice"], "former_resolved: finasteride stopped 4 months ago"),
    ("Is Jonah's sperm count low?", "Lab Reports", "yes", ["9 M/mL"], None),
    ("Is the semen volume low?", "Lab Reports", "no", ["2.1 mL"], "threshold_value: 2.1 mL is above the 1.4 mL lower reference limit"),
    ("Did Jonah have mumps orchitis on both sides?", "Diagnosis", "no", ["L side only"], "other_site: left testis only"),
    ("Is she immune to rubella?", "Lab Reports", "yes", ["Rubella immune"], None),
    ("Is her prolactin raised?", "Lab Reports", "no", ["TSH, prolactin normal"], None),
    ("Was her smear test abnormal?", "Lab Reports", "no", ["Smear 2194 normal, HPV negative"], "screening_negative: smear normal and HPV negative"),
    ("Is her BMI over 30?", "Other", "yes", ["BMI 31"], None),
    ("Is her AMH high?", "Lab Reports", "yes", ["AMH 48 pmol/L (high)"], None),
]
# ---------------------------------------------------------------- vascular_access_01
NOTES["vascular_access_01"] = ("other", "vascular access nurse outpatient PICC clinic: device line, then/now measurements in brackets, ballot-box checklist with ticked ☑ and unticked ☐ items, numbered issues, dash plan and call-back advice")
QAS["vascular_access_01"] = [
    ("Does he have a PICC line?", "Procedure", "yes", ["PICC, 4 Fr single lumen"], None),
    ("Is the PICC in his left arm?", "Procedure", "no", ["R basilic vein"], "other_site: the PICC is in the right basilic vein; the left arm ached and the left knee is infected"),
    ("Is the line exit site infected?", "Diagnosis", "no", ["☐ Exit site red / tender / oozing - none", "VIP score 0"], "form_field: unticked box answered 'none'; VIP score 0"),
    ("Does he have a DVT in his arm?", "Diagnosis", "no", ["DVT not suspected"], "negated: 'DVT not suspected'"),
    ("Did his left arm ache last weekend?", "Symptoms", "yes", ["Ached in the L arm last weekend after gardening"], None),
    ("Has the line slipped out?", "Other", "no", ["External length 2 cm (2 cm at insertion)"], "safety_net: slipping out is named only in the call-back advice; the external length is unchanged"),
    ("Is he on IV antibiotics?", "Medication", "yes", ["6 weeks of IV ceftriaxone"], None),
    ("Does he have septic arthritis of the right knee?", "Diagnosis", "no", ["septic arthritis of the L knee"], "other_site: the septic arthritis is in the left knee"),
    ("Has he had a line infection before?", "Diagnosis", "yes", ["Midline in 2197 was removed for a line infection"], None),
    ("Is he allergic to chlorhexidine?", "Medication", "uncertain", ["?chlorhexidine sensitivity", "never tested"], "suspected: self-reported rash, never tested, record flagged '?chlorhexidine sensitivity'"),
    ("Does he have a fever?", "Symptoms", "no", ["Temp 36.9"], "threshold_value: 36.9 C; fever appears only in the call-back advice"),
    ("Are his blood results back?", "Lab Reports", "no", ["results pending"], "test_status: bloods taken today, results pending"),
    ("Has the PICC been taken out?", "Procedure", "no", ["PICC removal at end of antibiotics: booked 20/01 10:00"], "planned: removal booked for 20/01, provided OPAT confirm the end date"),
    ("Was the needle-free connector damaged?", "Other", "no", ["☐ Needle-free connector damaged - replaced routinely anyway"], "form_field: unticked box; the connector was replaced routinely, not because of damage"),
    ("Was the dressing changed today?", "Procedure", "yes", ["changed today"], None),
    ("Does the line flush well?", "Other", "yes", ["Flushes freely, brisk blood return"], None),
    ("Was chlorhexidine used to clean the site today?", "Medication", "no", ["Povidone-iodine used today"], "detail_mismatch: povidone-iodine was used, not chlorhexidine"),
    ("Will the district nurses be seeing him?", "Other", "yes", ["Weekly dressing and flush by district nurses"], None),
]
# ---------------------------------------------------------------- tb_contact_01
NOTES["tb_contact_01"] = ("other", "TB nurse contact-tracing record for a household contact: dotted-leader symptom screen and tests lines answered no / POSITIVE / not sent / awaited, assessment, conditional plan, dotted list of the other household contacts")
QAS["tb_contact_01"] = [
    ("Does Mrs Kovalenko have active TB?", "Diagnosis", "no", ["Active TB not suspected"], "negated: 'Active TB not suspected'; the active TB is her brother-in-law's"),
    ("Does she have latent TB?", "Diagnosis", "yes", ["latent TB infection"], None),
    ("Is her TB blood test positive?", "Lab Reports", "yes", ["POSITIVE"], None),
    ("Does she have a cough at the moment?", "Symptoms", "yes", ["dry cough 1 week, with a cold"], None),
    ("Has she been coughing for more than three weeks?", "Symptoms", "no", [("no", "cough > 3 weeks ....... no")], "form_field: dotted-leader line 'cough > 3 weeks ... no'; her cough is 1 week old"),
    ("Does she have night sweats?", "Symptoms", "no", [("no", "night sweats .......... no")], "form_field: dotted-leader symptom line answered no"),
    ("Is her chest X-ray abnormal?", "Lab Reports", "no", ["clear - no consolidation, cavity or hilar nodes"], None),
    ("Has she started treatment for latent TB?", "Medication", "no", ["decision at phone call 04/11"], "planned: treatment offered; decision at a phone call on 04/11"),
    ("Is she taking isoniazid?", "Medication", "no", ["If treatment starts: pyridoxine with the isoniazid"], "conditional: isoniazid only if treatment starts"),
    ("Is she on rifampicin?", "Medication", "no", ["Offered 3 months of isoniazid + rifampicin for LTBI"], "name_or_purpose: rifampicin is named only in the offered regimen and the contraception warning"),
    ("Has she had the BCG vaccine?", "Medication", "yes", ["BCG: scar L upper arm"], None),
    ("Has she had TB before?", "Diagnosis", "no", ["Previous TB: none"], "family_history: her father was treated for TB; her own previous TB: none"),
    ("Does she have HIV?", "Diagnosis", "uncertain", ["offered today, accepted, sample sent"], "test_status: first HIV test sent today, result not yet known"),
    ("Is she diabetic?", "Diagnosis", "yes", ["type 2 diabetes on metformin"], None),
    ("Is she pregnant?", "Other", "no", ["Pregnant: no"], None),
    ("Was a sputum sample sent?", "Procedure", "no", ["not sent (no productive cough)"], "form_field: 'Sputum ... not sent'"),
    ("Does her husband have TB?", "Diagnosis", "no", ["IGRA negative"], "other_person: the infectious case is her brother-in-law; her husband's IGRA is negative"),
    ("Is her daughter on TB medicine?", "Medication", "yes", ["window prophylaxis started"], None),
    ("Are her liver blood tests back?", "Lab Reports", "no", ["sent 28/10, awaited"], "test_status: LFTs sent, awaited"),
    ("Does she live with someone who has TB?", "Other", "yes", ["her brother-in-law Fyodor (lodger, shares the flat)"], None),
]
# ---------------------------------------------------------------- food_challenge_01
NOTES["food_challenge_01"] = ("other", "paediatric allergy day-unit oral food challenge record: indication line with SPT and sIgE, allergy history with outgrown and mislabelled items, space-aligned dose table (dose, time, protein, HR/RR/SpO2, symptoms), outcome and advice")
QAS["food_challenge_01"] = [
    ("Is she allergic to cashew?", "Diagnosis", "no", ["NEGATIVE challenge - cashew tolerated"], "ruled_out: sensitised on skin-prick and sIgE, but the challenge was negative"),
    ("Is she allergic to peanut?", "Diagnosis", "yes", ["Peanut allergy confirmed"], None),
    ("Did she have anaphylaxis during the challenge?", "Symptoms", "no", ["No adrenaline required", "judged not to be an allergic reaction"], "time_scope: her anaphylaxis was to peanut at age 2"),
    ("Is she allergic to egg?", "Diagnosis", "no", ["egg - outgrown"], "former_resolved: egg allergy outgrown; eats baked and scrambled egg"),
    ("Is she allergic to cow's milk?", "Diagnosis", "no", ["was lactose intolerance (bloating)"], "allergy_vs_intolerance: the 'allergy' label was lactose intolerance"),
    ("Did she get hives during the challenge?", "Symptoms", "yes", ["3 hives on chin where smeared"], None),
    ("Did she react allergically to the cashew?", "Diagnosis", "no", ["judged not to be an allergic reaction"], "negated: the tingling and the contact hives were judged not to be an allergic reaction"),
    ("Did she vomit after the challenge?", "Symptoms", "no", ["no vomiting, tummy pain, wheeze, cough or swelling"], "negation_in_list: vomiting heads the negated list of the 2 h observation"),
    ("Was she given cetirizine?", "Medication", "no", ["Cetirizine: not given"], "form_field: 'Cetirizine: not given'"),
    ("Does she have eczema?", "Diagnosis", "yes", ["mild eczema (emollients)"], None),
    ("Does she have asthma?", "Diagnosis", "yes", ["Asthma - no reliever needed for 6 months"], None),
    ("Has she needed her reliever inhaler recently?", "Medication", "no", ["no reliever needed for 6 months"], None),
    ("Has she had a pistachio challenge?", "Procedure", "no", ["challenge to be offered at next clinic"], "planned: pistachio challenge to be offered at the next clinic"),
    ("Is she allergic to pistachio?", "Diagnosis", "uncertain", ["Pistachio: not tested (cross-reacts with cashew)"], "test_status: pistachio not tested"),
    ("Did her mouth tingle?", "Symptoms", "yes", ["rubbed mouth, \"tingly\""], None),
    ("Was it a blinded challenge?", "Procedure", "no", ["Open diagnostic challenge"], "detail_mismatch: an open challenge, not blinded"),
    ("Should she eat cashew regularly?", "Other", "yes", ["at least 3 times a week"], None),
    ("Has the milk allergy label been removed from her GP record?", "Other", "no", ["Letter to GP asking for the cow's milk allergy label to be removed"], "planned: removal requested by letter"),
]
# ---------------------------------------------------------------- cardiac_rehab_01
NOTES["cardiac_rehab_01"] = ("progress", "phase III cardiac rehabilitation exercise-session record: dotted-leader pre-session questions answered no / yes, dotted-leader exercise log (HR, RPE, target range), timed event line, education / smoking / mood / driving lines, plan with 999 advice")
QAS["cardiac_rehab_01"] = [
    ("Has he had a heart attack?", "Diagnosis", "yes", ["NSTEMI 9 Jan"], None),
    ("Did he have bypass surgery?", "Procedure", "no", ["Not for CABG"], "considered_rejected: not for CABG; treated with PCI"),
    ("Has he had stents put in?", "Procedure", "yes", ["PCI, 2 stents to LAD"], None),
    ("Did he have chest pain during the session?", "Symptoms", "no", ["No chest pain, no palpitations"], "pertinent_negative: no chest pain during the light-headed episode; chest pain appears in the 999 advice"),
    ("Has he used his GTN spray recently?", "Medication", "no", ["last used in January on the ward"], "time_scope: GTN last used in January on the ward"),
    ("Has he taken every dose of his ticagrelor?", "Medication", "no", ["missed last night's dose"], "non_adherent: missed last night's dose"),
    ("Is he on a beta-blocker?", "Medication", "yes", ["bisoprolol 5 mg"], None),
    ("Is his heart's pumping function severely reduced?", "Diagnosis", "no", ["LVEF 48% (mildly reduced)"], "severity_or_subtype: LVEF 48%, mildly reduced, not severely"),
    ("Does he take tablets or insulin for his sugar diabetes?", "Medication", "no", [("diet only", "BM 7.8 (type 2 diabetes, diet only)")], "drug_class_and_status: diabetes is managed by diet only"),
    ("Does he have diabetes?", "Diagnosis", "yes", ["type 2 diabetes, diet only"], None),
    ("Does he smoke?", "Other", "no", ["quit the day of his MI", "CO today 2 ppm (non-smoker range)"], "former_resolved: quit the day of his MI; CO in the non-smoker range"),
    ("Did his heart rate go above his target range?", "Other", "no", ["HR 104"], "threshold_value: peak HR 104, within the 92-110 target"),
    ("Was his resting heart rate under 60?", "Other", "yes", ["HR 58"], None),
    ("Did he feel light-headed during the session?", "Symptoms", "yes", ["light-headed on standing up quickly from the floor mat"], None),
    ("Did he have palpitations?", "Symptoms", "no", ["no palpitations"], None),
    ("Does he have an anxiety disorder?", "Diagnosis", "uncertain", ["HADS anxiety 9 (borderline - possible anxiety disorder)"], "suspected: borderline HADS score, 'possible anxiety disorder'"),
    ("Is he depressed?", "Diagnosis", "no", ["depression 5"], "screening_negative: HADS depression 5, in the normal range"),
    ("Is he going on the stress management course?", "Procedure", "no", ["declined, \"not for me\""], "declined: psychology-led stress course offered and declined"),
    ("Is he driving again?", "Other", "yes", ["Driving: resumed 4 weeks after PCI"], None),
    ("Has he done the shuttle walk test?", "Procedure", "no", ["Exit assessment (incremental shuttle walk test) at session 8"], "planned: exit assessment at session 8; this is session 5"),
    ("Does he take aspirin?", "Medication", "yes", ["aspirin 75 mg"], None),
]
# ---------------------------------------------------------------- lactation_01
NOTES["lactation_01"] = ("other", "lactation consultant (IBCLC) home visit written in the first person as narrative paragraphs: feeding history, weights then and now, an observed feed, nipple findings left then right, mother's medicines, plan with call-back advice")
QAS["lactation_01"] = [
    ("Is Otto exclusively breastfed?", "Other", "yes", ["Priya is exclusively breastfeeding"], None),
    ("Is Otto having formula top-ups?", "Other", "no", ["none since"], "time_scope: one bottle of formula on day 3 in hospital, none since"),
    ("Is Priya expressing milk?", "Other", "no", ["is not expressing yet"], None),
    ("Is Otto still below his birth weight?", "Other", "yes", ["4.9% below birth weight"], None),
    ("Did Otto lose more than 10% of his birth weight?", "Other", "no", ["lowest 3.19 kg on day 5"], "threshold_value: lowest weight 3.19 kg from 3.48 kg is about 8% down, under the 10% threshold"),
    ("Is Otto gaining weight?", "Other", "yes", ["so he is gaining"], None),
    ("Is Otto jaundiced?", "Diagnosis", "no", ["not jaundiced now"], "time_scope: mild jaundice on day 4 only"),
    ("Did Otto have jaundice?", "Diagnosis", "yes", ["mild jaundice on day 4"], None),
    ("Does Otto have a tongue-tie?", "Diagnosis", "no", ["I do not think he has a tongue-tie", "frenulum normal on the Hazelbaker screen"], "negated: tongue-tie judged absent on a normal Hazelbaker screen"),
    ("Does Priya have a cracked left nipple?", "Diagnosis", "no", ["no crack"], "other_site: the crack is on the right nipple"),
    ("Does she have a cracked nipple?", "Diagnosis", "yes", ["3 mm crack at the base"], None),
    ("Does she have nipple thrush?", "Diagnosis", "uncertain", ["?early thrush - watch"], "suspected: '?early thrush', to watch"),
    ("Does Priya have mastitis?", "Diagnosis", "no", ["No mastitis"], None),
    ("Does Priya have a temperature?", "Symptoms", "no", ["Priya has no fever or flu-like feeling"], "safety_net: feeling feverish is named in the call-back advice; she has no fever now"),
    ("Is Priya taking codeine?", "Medication", "no", ["she stopped it on day 6"], "drug_class_and_status: co-codamol (which contains codeine) was stopped on day 6"),
    ("Is she taking iron tablets?", "Medication", "yes", ["iron tablets"], None),
    ("Does Priya have breast cancer?", "Diagnosis", "not_mentioned", [], "family_history: her mother had breast cancer; Priya's own status is not stated"),
    ("Was Otto born by caesarean section?", "Procedure", "yes", ["emergency caesarean"], None),
    ("Has the right nipple been swabbed?", "Procedure", "no", ["If the nipple pain is no better in 5 days, swab the right crack"], "conditional: swab only if the pain is no better in 5 days"),
    ("Did Otto feed from the right breast during the visit?", "Other", "no", ["The right breast was not offered this feed"], "other_site: the observed feed was on the left breast"),
    ("Does Priya have postnatal depression?", "Diagnosis", "no", ["EPDS done by the health visitor on Friday: 6"], "screening_negative: EPDS 6"),
]
# ---------------------------------------------------------------- donor_session_01
NOTES["donor_session_01"] = ("other", "blood donor session pre-donation health check: numbered donor questionnaire with dotted leaders and YES / NO answers plus bracketed details, finger-prick Hb against the threshold, ACCEPTED outcome with times, post-donation event, advice")
QAS["donor_session_01"] = [
    ("Did she give blood today?", "Procedure", "yes", ["470 mL donated 10:42-10:51"], None),
    ("Was she deferred from donating?", "Other", "no", ["ACCEPTED"], None),
    ("Was her haemoglobin too low to donate?", "Lab Reports", "no", ["128 g/L (female threshold 125)"], "threshold_value: Hb 128 g/L, above the 125 g/L female threshold"),
    ("Has she had a tattoo in the last 4 months?", "Other", "no", ["NO - tattoo planned for next month"], "planned: the tattoo is planned for next month"),
    ("Has she ever had cancer?", "Diagnosis", "yes", ["basal cell carcinoma excised 2193"], None),
    ("Does she have hepatitis C?", "Diagnosis", "not_mentioned", [], "other_person: her partner had hepatitis C, cured in 2196"),
    ("Is she on HRT?", "Medication", "yes", ["HRT patch"], None),
    ("Has she taken ibuprofen in the last week?", "Medication", "no", ["ibuprofen last taken 8 days ago"], "time_scope: ibuprofen last taken 8 days ago"),
    ("Did she faint after donating today?", "Symptoms", "no", ["no loss of consciousness"], "time_scope: she fainted once, at donation 9 in 2192; today she was only woozy"),
    ("Has she ever fainted after giving blood?", "Symptoms", "yes", ["once, at donation 9 (2192)"], None),
    ("Did she feel woozy after donating?", "Symptoms", "yes", ["\"a bit woozy\" at 10:55"], None),
    ("Has she had an infection in the past two weeks?", "Symptoms", "no", [("NO", "Illness or infection in last 14 days? ............ NO"), "sore throat early August"], "time_scope: the sore throat was in early August, more than 14 days ago"),
    ("Has she been to a malaria area?", "Other", "no", ["not a malaria area"], "negated: Portugal, not a malaria area"),
    ("Has she travelled abroad this year?", "Other", "yes", ["Portugal (July)"], None),
    ("Does she suffer from migraine?", "Diagnosis", "no", ["no history of migraine"], "negated: a headache today, but no history of migraine"),
    ("Did she have a headache this morning?", "Symptoms", "yes", ["Mild headache this morning"], None),
    ("Has she had dental treatment in the last week?", "Procedure", "no", [("NO", "Dental treatment in last 7 days? ................. NO"), "scale and polish 3 weeks ago"], "form_field: 'Dental treatment in last 7 days?' NO; the scale and polish was 3 weeks ago"),
    ("Does she have heart problems?", "Diagnosis", "no", [("NO", "Heart or circulation problems? ................... NO")], "form_field: dotted-leader question answered NO"),
    ("Is she on thyroid medication?", "Medication", "yes", ["levothyroxine"], None),
    ("Are her iron stores low?", "Lab Reports", "uncertain", ["result by letter"], "test_status: ferritin sent for the donor iron study, result by letter"),
]
# ---------------------------------------------------------------- genetics_01
NOTES["genetics_01"] = ("clinic_letter", "clinical genetics familial cancer clinic summary by a genetic counsellor: personal history prose, pedigree list with generation numbers (I-2, II-3, III-4) and ages at diagnosis, eligibility score, discussion paragraph, numbered conditional plan; ordinal date")
QAS["genetics_01"] = [
    ("Has Serafina had breast cancer?", "Diagnosis", "no", ["no cancer diagnosis"], "family_history: her mother and cousin had breast cancer; her own history: no cancer diagnosis"),
    ("Did her mother have breast cancer?", "Diagnosis", "yes", ["mother - breast cancer L at 44"], None),
    ("Has her mother had cancer in both breasts?", "Diagnosis", "yes", ["then R breast at 57"], None),
    ("Does Serafina carry a BRCA gene fault?", "Lab Reports", "uncertain", ["?BRCA"], "suspected: '?BRCA' in the referral; she has not been tested"),
    ("Has Serafina had genetic testing?", "Procedure", "no", ["Serafina prefers to wait for her mother's result before having her own test", "If a pathogenic variant is found, offer Serafina predictive testing"], "conditional: she is waiting; predictive testing is offered only if her mother has a pathogenic variant"),
    ("Has her mother's genetic test result come back?", "Lab Reports", "no", ["result awaited"], "test_status: sample given, result awaited"),
    ("Does her mother carry a BRCA mutation?", "Lab Reports", "uncertain", ["result awaited"], "test_status: the mother's panel result is awaited"),
    ("Did her grandmother have ovarian cancer?", "Diagnosis", "yes", ["maternal grandmother - ovarian cancer at 51"], None),
    ("Did her cousin have breast cancer?", "Diagnosis", "yes", ["breast cancer at 39"], None),
    ("Is her cousin known to carry a BRCA2 mutation?", "Lab Reports", "uncertain", ["BRCA2 test done abroad, result unknown"], "test_status: the cousin's BRCA2 result is unknown"),
    ("Has her sister had genetic testing?", "Procedure", "no", ["declined genetic testing last year"], "declined: the sister declined testing last year"),
    ("Did her father have bowel cancer?", "Diagnosis", "no", ["bowel polyps, no cancer"], "negated: polyps, 'no cancer'"),
    ("Is there pancreatic cancer in her family?", "Diagnosis", "yes", ["paternal aunt - pancreatic cancer at 68"], None),
    ("Does she have a blood relative with melanoma?", "Diagnosis", "no", ["not a blood relative, not counted"], "other_person: the melanoma is in her husband's brother"),
    ("Has she had a mastectomy?", "Procedure", "no", ["mentioned only as options if a pathogenic variant is found - not recommended now"], "conditional: risk-reducing surgery only an option if a pathogenic variant is found"),
    ("Is she having MRI breast screening?", "Procedure", "no", ["MRI screening not indicated"], "considered_rejected: MRI screening not indicated on the current estimate"),
    ("Does she have mammograms?", "Procedure", "yes", ["Annual mammograms since 35"], None),
    ("Was her last mammogram abnormal?", "Lab Reports", "no", ["last one in November, normal"], "screening_negative: last mammogram normal"),
    ("Has she had a breast lump removed?", "Procedure", "yes", ["Fibroadenoma L breast excised at 24 (benign)"], None),
    ("Is she eligible for genetic testing?", "Other", "yes", ["eligible for testing"], None),
]
# ---------------------------------------------------------------- continence_01
NOTES["continence_01"] = ("other", "bladder and bowel (continence) nurse initial assessment: 'Field: no' symptom lines with bracketed qualifiers, drug history with a tried-and-stopped drug, dipstick line, 3-day bladder diary table with day columns separated by slashes, impression with ?query, numbered plan")
QAS["continence_01"] = [
    ("Does she leak urine when she coughs?", "Symptoms", "yes", ["small leaks on coughing"], None),
    ("Is her incontinence purely stress incontinence?", "Diagnosis", "no", ["mixed urinary incontinence, urge-predominant"], "severity_or_subtype: mixed incontinence, urge-predominant"),
    ("Does she have an overactive bladder?", "Diagnosis", "yes", ["urge-predominant (overactive bladder)"], None),
    ("Does she have a urine infection?", "Diagnosis", "no", ["leuc neg, nit neg"], "screening_negative: dipstick leucocyte and nitrite negative; the UTI was in the summer"),
    ("Is there blood in her urine?", "Symptoms", "no", ["Haematuria: no", "blood neg"], "form_field: 'Haematuria: no'; pink urine once in the summer with a UTI"),
    ("Is she constipated?", "Symptoms", "yes", ["hard (Bristol type 2)"], None),
    ("Is she taking solifenacin?", "Medication", "no", ["stopped after 3 wks (dry mouth)"], "former_resolved: tried in 2192 and stopped after 3 weeks"),
    ("Is she on a water tablet?", "Medication", "yes", ["indapamide 2.5 mg mane"], None),
    ("Has she been started on mirabegron?", "Medication", "no", ["Mirabegron considered - deferred to 6-week review"], "planned: mirabegron deferred to the 6-week review"),
    ("Does she have a prolapse?", "Diagnosis", "yes", ["grade 1 anterior wall prolapse"], None),
    ("Is her prolapse severe?", "Diagnosis", "no", ["not reaching the introitus"], "severity_or_subtype: grade 1, not reaching the introitus"),
    ("Has she had a hysterectomy?", "Procedure", "yes", ["Hysterectomy at 48 (fibroids)"], None),
    ("Is she retaining urine?", "Symptoms", "no", ["45 mL"], "threshold_value: post-void residual 45 mL"),
    ("Was an MSU sent?", "Lab Reports", "no", ["MSU: not sent"], "form_field: 'MSU: not sent'"),
    ("Is there sugar in her urine?", "Lab Reports", "yes", ["glucose ++"], None),
    ("Has her HbA1c been checked recently?", "Lab Reports", "no", ["HbA1c not checked since spring"], "test_status: not checked since spring; GP asked to check"),
    ("Is her sugar diabetes poorly controlled?", "Diagnosis", "uncertain", ["?diabetes control"], "suspected: '?diabetes control' with glycosuria, HbA1c not checked"),
    ("Is indapamide making her leaking worse?", "Medication", "uncertain", ["possible diuretic effect of indapamide"], "suspected: 'possible diuretic effect'"),
    ("Has she started a laxative?", "Medication", "yes", ["Macrogol 1 sachet daily - started today"], None),
    ("Does she get up at night to pass urine?", "Symptoms", "yes", ["Nocturia x3"], None),
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
    json.dump({"version": "v2.0", "data": data}, open(HERE / "yesno4.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    json.dump(stats, open(HERE / "stats.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print(f"built: {stats['notes']} notes, {stats['questions']} questions ({stats['traps']} traps, "
          f"{stats['unanswerable']} not_mentioned); verdicts {stats['verdicts']}")

if __name__ == "__main__":
    main()
