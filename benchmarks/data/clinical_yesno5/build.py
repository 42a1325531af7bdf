#!/usr/bin/env python3
"""Build yesno5.json and stats.json for clinical_yesno5 from answer *texts* (standard library only).

Tooling (text location, build loop, stats) adapted from ../clinical_yesno4/build.py; all notes and
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
    "negation_in_list": "the term is one item of a negated list ('no A, no B', 'none - no A, no B or C')",
    "form_field": "a form field, tick-box or table cell answers No / none / N / neg / 0 / unticked",
    "family_history": "the condition is in a relative; the patient's own status is stated or not",
    "former_resolved": "former, ex-, stopped, cleared, in remission or no longer present, asked as current",
    "planned": "test, treatment, referral or event only planned, booked, requested, suggested, ordered or waitlisted",
    "undecided": "offered, and the patient or family has not decided yet",
    "declined": "offered but declined by the patient (or the person asked about)",
    "non_adherent": "prescribed or advised but not (fully) taken, worn or done by the patient",
    "considered_rejected": "considered by the clinician and rejected, avoided or judged not indicated / not needed",
    "conditional": "an order or action that applies only if a condition is met (not met, or not yet)",
    "safety_net": "the term appears only in safety-net advice ('go to ED if ...'), or also there when the note states the current finding",
    "risk_of": "the term is named only as a risk or possible complication",
    "screening_negative": "a screen or test for the condition is negative",
    "normal_result": "the test or examination that would show it was done and is normal or within the reference range",
    "indication_query": "the condition is the query for a test ('?X') that came back negative",
    "test_status": "a test that is not yet done, or sent with the result pending (gold no for 'done / back?', uncertain for the result)",
    "vaccine_due": "a vaccine course that is started or due, not complete",
    "other_site": "the finding is on the other side or at another site",
    "threshold_value": "a value asked as a condition that does not cross the threshold",
    "ended_before": "the treatment ended before the time asked",
    "time_scope": "the finding belongs to another period than the one asked",
    "other_person": "the condition, drug or event belongs to someone else (partner, husband, son, father)",
    "allergy_vs_intolerance": "an allergy is asked where the note records a side effect or a non-allergic reaction",
    "drug_class_and_status": "a drug class asked where the only member is stopped",
    "detail_mismatch": "the question's detail (route, kind of tissue, operation, method) differs from the note's",
    "negated": "explicitly negated in a single statement",
    "suspected": "condition only possible, probable, queried or not excluded (gold uncertain)",
    "severity_or_subtype": "present, but in another severity, grade, type or subtype than the one asked",
}

NOTES = {}   # id -> (note_type, style)
QAS = {}     # id -> list of rows

# ==== NOTES AND QUESTIONS
# ---------------------------------------------------------------- eating_disorder_01
NOTES["eating_disorder_01"] = ("other", "Australian adult eating disorders outpatient review: `Key: value` lines, obs lying/standing, bloods with reference ranges, dash medicine list with a self-stopped and a not-prescribed drug, numbered conditional plan, dd/mm/yyyy")
QAS["eating_disorder_01"] = [
    ("Does Tamsin have anorexia?", "Diagnosis", "yes", ["Anorexia nervosa, restricting type"], None),
    ("Binge-purge type AN?", "Diagnosis", "no", ["restricting type"], "severity_or_subtype: anorexia nervosa of the restricting type, not binge-eating/purging"),
    ("Is she still making herself sick?", "Symptoms", "no", ["Self-induced vomiting: denies current; last episode Oct 2194"], "former_resolved: last self-induced vomiting in Oct 2194, denies it now"),
    ("Is she taking laxatives?", "Medication", "no", ["Laxatives: stopped Jan 2195"], "former_resolved: senna misuse stopped in Jan 2195"),
    ("Is she on fluoxetine?", "Medication", "no", ["she stopped it herself in Feb", "not restarted"], "non_adherent: prescribed fluoxetine, which she stopped herself in February"),
    ("Was olanzapine started for her meal anxiety?", "Medication", "no", ["she would rather not; not prescribed"], "declined: olanzapine discussed; she would rather not, so it was not prescribed"),
    ("K+ low?", "Lab Reports", "yes", ["K 3.4 (3.5-5.2) LOW"], None),
    ("Does she have osteoporosis?", "Diagnosis", "uncertain", ["DXA requested, not yet booked"], "test_status: bone density has not been measured; the DXA is requested and not yet booked"),
    ("Is she being admitted to hospital today?", "Other", "no", ["Does not meet admission criteria today."], "conditional: admission only if HR < 40 or K+ < 3.0"),
    ("Has she begun CBT-E?", "Procedure", "no", ["CBT-E sessions to start in April (waitlist)"], "planned: CBT-E is to start in April; she is on the waitlist"),
    ("Did her sister have bulimia?", "Diagnosis", "yes", ["older sister had bulimia in her teens"], None),
    ("Does Tamsin have bulimia?", "Diagnosis", "no", ["Bingeing: none reported", "Anorexia nervosa, restricting type"], "family_history: the bulimia was her sister's; Tamsin has restricting anorexia and no bingeing"),
    ("Is her heart rate slow?", "Lab Reports", "yes", ["sinus bradycardia 52"], None),
    ("Prolonged QT on her ECG?", "Lab Reports", "no", ["QTc 428 ms"], "threshold_value: QTc 428 ms, below the 460 ms cut-off for a woman"),
    ("Are her periods regular?", "Symptoms", "no", ["Periods: absent since mid 2195"], None),
    ("Is she diabetic?", "Diagnosis", "not_mentioned", [], "family_history: only her father has type 2 diabetes; her own status is not stated"),
    ("Is she on a potassium supplement?", "Medication", "yes", ["potassium chloride SR 600 mg BD - started today"], None),
    ("Has her weight gone up since her last review?", "Other", "yes", ["Weight today: 44.6 kg (last review 43.1 kg)"], None),
    ("Has she reached her target weight?", "Other", "no", ["Target weight range: 50-53 kg"], None),
]
# ---------------------------------------------------------------- concussion_01
NOTES["concussion_01"] = ("progress", "Canadian varsity sport medicine concussion follow-up: header with ISO dates, mechanism and CT lines, a space-aligned 0-6 symptom score table (Day 1 / Today), exam line with a ?query, staged return-to-sport line, dash plan with conditional referral and ED advice")
QAS["concussion_01"] = [
    ("Was Diego knocked out?", "Symptoms", "no", ["No LOC."], "negated: no loss of consciousness"),
    ("Any amnesia after the hit?", "Symptoms", "yes", ["Amnesia for ~10 min afterwards"], None),
    ("Did he fracture his skull?", "Diagnosis", "no", ["no fracture"], "indication_query: the CT was done for ?skull fracture; no fracture"),
    ("Did he have a head CT?", "Procedure", "yes", ["CT head in ED 2193-09-14"], None),
    ("Is he still getting headaches?", "Symptoms", "yes", ["now only after long screen time"], None),
    ("Is he still nauseated?", "Symptoms", "no", ["Nausea on day 1 only"], "time_scope: nausea on day 1 only"),
    ("Has he been vomiting?", "Symptoms", "no", ["no vomiting"], "safety_net: 'repeated vomiting' is in the ED advice; no vomiting since the injury"),
    ("Does his neck still hurt?", "Symptoms", "no", ["Neck full ROM, non-tender", ("0", "Neck pain                 2       0")], "time_scope: neck pain scored 2 on day 1, 0 today, neck non-tender"),
    ("Previous concussion?", "Diagnosis", "yes", ["Previous concussions: 1, in high school, full recovery"], None),
    ("Is he taking his ADHD medication this week?", "Medication", "no", ["he has held it himself this week"], "non_adherent: he has held lisdexamfetamine himself during exam week"),
    ("Is he cleared for contact?", "Other", "no", ["NOT cleared for contact, diving saves or heading"], "negated: cleared for stage 2 only, NOT for contact"),
    ("OK for light aerobic work on the bike?", "Other", "yes", ["Stage 2 (light aerobic - bike, walking) cleared today"], None),
    ("Has he been referred to vestibular physio?", "Procedure", "no", ["Vestibular/oculomotor physio referral if symptoms on pursuits persist at next visit"], "conditional: referral only if pursuit symptoms persist at the next visit"),
    ("Was his neurocognitive test repeated today?", "Procedure", "no", ["Repeat computerized neurocognitive test next visit"], "planned: repeat testing is for the next visit"),
    ("Is there an oculomotor problem?", "Diagnosis", "uncertain", ["?oculomotor component"], "suspected: '?oculomotor component' after pursuits brought on a mild headache"),
    ("Has he had a seizure?", "Symptoms", "not_mentioned", [], "safety_net: seizure is named only in the ED advice"),
    ("Does bright light still bother him?", "Symptoms", "yes", [("1", "Light sensitivity         4       1")], None),
    ("Does he get extra time for exams?", "Other", "yes", ["extra exam time"], None),
    ("Is he symptom free now?", "Symptoms", "no", ["not yet symptom-free"], None),
]
# ---------------------------------------------------------------- hyperbaric_01
NOTES["hyperbaric_01"] = ("other", "New Zealand hyperbaric unit daily pre-treatment check: numbered questions in a space-aligned Y / N / Comment table, otoscopy L then R with TEED grade, timed session log with an event, bladder line, background and a plan with a conditional ENT review; `05 Jun 2197` dates")
QAS["hyperbaric_01"] = [
    ("Does Rawiri have radiation cystitis?", "Diagnosis", "yes", ["radiation cystitis with haematuria"], None),
    ("Cold or blocked nose since his last dive?", "Symptoms", "no", [("N", "1 Cold, flu or blocked nose since last session?      N")], "form_field: question 1 answered N"),
    ("Barotrauma to the left ear?", "Diagnosis", "no", ["L TM normal."], "other_site: the TEED grade 1 change is in the right ear; the left TM is normal"),
    ("Any ear barotrauma on the right?", "Diagnosis", "yes", ["R TM: TEED grade 1"], None),
    ("Is he being sent to ENT?", "Procedure", "no", ["ENT review only if R ear reaches TEED grade 2 or more"], "conditional: ENT review only if the right ear reaches TEED grade 2"),
    ("Febrile today?", "Symptoms", "no", ["temp 36.8"], "threshold_value: temperature 36.8, below 38.0"),
    ("Is he on antibiotics?", "Medication", "yes", ["nitrofurantoin from 03/06"], None),
    ("Does he have a urine infection?", "Diagnosis", "uncertain", ["?UTI"], "suspected: nitrofurantoin started by the GP for ?UTI"),
    ("Did he have a seizure in the chamber?", "Symptoms", "no", ["No seizure"], "negated: no seizure during the session"),
    ("Any tingling during the session?", "Symptoms", "yes", ["tingling L hand"], None),
    ("Is there still blood in his urine?", "Symptoms", "yes", ["urine \"pinker\" about 2 days a week now"], None),
    ("Passing clots?", "Symptoms", "no", ["No clots since session 6"], "time_scope: clots stopped after session 6"),
    ("Does he smoke?", "Other", "no", ["Ex-smoker, 30 pack-years, quit 2191"], "former_resolved: ex-smoker, quit 2191"),
    ("Is he anticoagulated?", "Medication", "yes", ["AF on apixaban"], None),
    ("Were grommets put in?", "Procedure", "no", ["he declined"], "declined: grommets offered at session 3, declined"),
    ("Has he had his follow-up cystoscopy?", "Procedure", "no", ["Flexible cystoscopy at end of course (booked 22 Jul 2197)"], "planned: cystoscopy booked for 22 Jul 2197"),
    ("Diabetic?", "Diagnosis", "yes", ["T2DM (metformin, gliclazide)"], None),
    ("Does he wear his hearing aid on the right?", "Other", "no", ["L hearing aid removed and stored"], "other_site: his hearing aid is in the left ear"),
    ("Is his pulse irregular?", "Lab Reports", "yes", ["HR 74 irregular"], None),
]
# ---------------------------------------------------------------- lymphoedema_01
NOTES["lymphoedema_01"] = ("other", "English community lymphoedema clinic review by a CNS: cancer history line, perometer limb-volume table (RIGHT / LEFT / excess) at two dates, one line per finding, treatment lines with statuses (completed, not worn, not started, not suitable), dash plan with a rescue pack; dd.mm.yyyy dates")
QAS["lymphoedema_01"] = [
    ("Is her right arm swollen?", "Symptoms", "no", ["Right arm: no swelling."], "other_site: the lymphoedema is in the LEFT arm"),
    ("Does Mrs Baptiste-Lowe have lymphoedema of the left arm?", "Diagnosis", "yes", ["swelling of the LEFT arm after breast cancer treatment"], None),
    ("Is the arm swelling worse than in May?", "Other", "no", ["9.7%", "14.3%"], None),
    ("Does she have cellulitis now?", "Diagnosis", "no", ["none since", "Today no redness or heat."], "former_resolved: one episode in March 2193, none since, no redness or heat today"),
    ("Has she ever had cellulitis in that arm?", "Diagnosis", "yes", ["1 episode L arm, March 2193"], None),
    ("On penicillin prophylaxis?", "Medication", "no", ["Prophylactic penicillin: not indicated after a single episode"], "considered_rejected: prophylactic penicillin not indicated after one episode"),
    ("Has she started the amoxicillin?", "Medication", "no", ["start only if the arm becomes red and hot or she feels feverish"], "conditional: the rescue-pack amoxicillin is to be started only if the arm becomes red and hot or she feels feverish"),
    ("Has her breast cancer come back?", "Diagnosis", "no", ["no evidence of recurrence"], "negated: no evidence of recurrence, mammogram clear"),
    ("Did she have a mastectomy?", "Procedure", "no", ["wide local excision"], "detail_mismatch: breast-conserving wide local excision, not a mastectomy"),
    ("Was she given radiotherapy?", "Procedure", "yes", ["adjuvant RT to L breast and axilla"], None),
    ("Still taking her hormone tablet for the cancer?", "Medication", "yes", ["Letrozole ongoing"], None),
    ("Does she keep her compression sleeve on all day?", "Procedure", "no", ["takes it off by mid-afternoon"], "non_adherent: she takes the sleeve off by mid-afternoon"),
    ("Is she still having MLD?", "Procedure", "no", ["course of 6 sessions completed Jun-Jul 2193"], "ended_before: the course of manual lymphatic drainage was completed in Jun-Jul 2193"),
    ("Is she having lymphatic surgery?", "Procedure", "no", ["not a candidate at present"], "conditional: not a candidate now; revisit only if there is no further improvement at 6 months"),
    ("Any papillomatosis?", "Symptoms", "no", ["no papillomatosis"], "negation_in_list: 'No hyperkeratosis, no papillomatosis, no wounds or leaking'"),
    ("Pitting oedema?", "Symptoms", "yes", ["slight pitting L forearm"], None),
    ("Is her left hand swollen as well?", "Symptoms", "uncertain", ["?early hand involvement"], "suspected: slight fullness over the dorsum, '?early hand involvement'"),
    ("Does she do her arm exercises?", "Other", "yes", ["arm programme most days"], None),
    ("Does she get ankle swelling?", "Symptoms", "yes", ["GP considering a switch because of ankle swelling"], None),
]
# ---------------------------------------------------------------- stop_smoking_01
NOTES["stop_smoking_01"] = ("other", "Scottish community stop smoking service record: header with quit date, short history lines, medicines with statuses, a space-aligned weekly contacts table (week, date, CO ppm, smoked since last visit, notes), side effects, a CAPS outcome line and next steps")
QAS["stop_smoking_01"] = [
    ("Has Callum stopped smoking?", "Other", "yes", ["QUIT (CO-validated, under 10 ppm)"], None),
    ("Any slips after his quit date?", "Other", "yes", ["yes, 2 on Saturday"], None),
    ("Has he had a cigarette in the past week?", "Other", "no", ["not a puff"], "time_scope: he smoked in weeks 1 and 2; 'not a puff' in week 4"),
    ("Is he on Champix?", "Medication", "no", ["he did not want it"], "declined: varenicline discussed, he did not want it"),
    ("Using nicotine patches?", "Medication", "yes", ["21 mg/24 h patch"], None),
    ("Does his partner smoke?", "Other", "yes", ["partner Kirsty smokes ~10/day"], None),
    ("Does he smoke weed?", "Other", "no", ["nil now"], "former_resolved: cannabis in his 20s, nil now"),
    ("Is he depressed?", "Diagnosis", "no", ["in remission", "PHQ-2 score 1"], "former_resolved: depression in remission; PHQ-2 score 1"),
    ("Is he on an antidepressant?", "Medication", "no", ["off sertraline since 2191"], "drug_class_and_status: the only antidepressant, sertraline, was stopped in 2191"),
    ("Has he got COPD?", "Diagnosis", "yes", ["COPD (mild, dx 2191)"], None),
    ("Was his CO high at baseline?", "Lab Reports", "yes", [("31", "0   04/02/2192    31")], None),
    ("Is the NRT making him sick?", "Symptoms", "no", ["No nausea."], "negated: no nausea"),
    ("Vivid dreams?", "Symptoms", "yes", ["vivid dreams on the 24 h patch"], None),
    ("Has he had spirometry?", "Procedure", "no", ["due, not done yet"], "test_status: the lung health check with spirometry is due, not done yet"),
    ("Has he been referred to pulmonary rehab?", "Procedure", "no", ["Pulmonary rehab: suggested to GP"], "planned: pulmonary rehab only suggested to the GP"),
    ("Epilepsy?", "Diagnosis", "no", ["No seizures."], "negated: no seizures"),
    ("Has he put on weight?", "Other", "yes", ["up 1.5 kg since baseline"], None),
    ("Is he vaping?", "Other", "not_mentioned", [], "time_scope: the e-cig belongs to the 2191 quit attempt; current vaping is not recorded"),
    ("Tried to quit before?", "Other", "yes", ["Quit attempt 2191 with an e-cig"], None),
]
# ---------------------------------------------------------------- pft_lab_01
NOTES["pft_lab_01"] = ("other", "Singapore pulmonary function laboratory report: header with GLI reference, pre-test medicine line, spirometry table (Pred / LLN / Pre / z / Post / Change), lung volumes and gas transfer lines with ULN/LLN, numbered interpretation with a not-confirmed pattern; `10-Aug-2198` dates")
QAS["pft_lab_01"] = [
    ("Airflow obstruction?", "Diagnosis", "yes", ["Moderate obstructive ventilatory defect"], None),
    ("Is the obstruction severe?", "Diagnosis", "no", [("Moderate", "1. Moderate obstructive ventilatory defect")], "severity_or_subtype: a moderate, not severe, obstructive defect"),
    ("Was there a significant bronchodilator response?", "Lab Reports", "no", ["No significant bronchodilator response"], "threshold_value: FEV1 +120 mL (+7%), below the 12% and 200 mL criterion"),
    ("Does Mr Lim have asthma?", "Diagnosis", "uncertain", ["make asthma less likely but do not exclude it"], "suspected: asthma is part of the referral question and is less likely but not excluded"),
    ("Emphysema?", "Diagnosis", "uncertain", ["pattern suggests emphysema, not confirmed"], "suspected: the pattern suggests emphysema, not confirmed; CT not done"),
    ("Is he a smoker?", "Other", "no", ["Ex-smoker, 35 pack-years, stopped 2196"], "former_resolved: ex-smoker, stopped 2196"),
    ("Was his tiotropium held before the test?", "Medication", "no", ["Tiotropium NOT withheld"], "negated: salbutamol was withheld, tiotropium was NOT (taken at 07:00)"),
    ("Was salbutamol withheld?", "Medication", "yes", ["salbutamol withheld 6 h"], None),
    ("Are his lungs hyperinflated?", "Diagnosis", "no", ["TLC within normal limits - no hyperinflation"], "negated: no hyperinflation (TLC 110%, below the ULN); only gas trapping"),
    ("Gas trapping?", "Diagnosis", "yes", ["Raised RV/TLC in keeping with gas trapping"], None),
    ("Is his DLCO reduced?", "Lab Reports", "yes", ["Reduced gas transfer"], None),
    ("Is his FeNO high?", "Lab Reports", "no", ["FeNO: 18 ppb (low)"], "threshold_value: FeNO 18 ppb, low"),
    ("Has he had his CT chest?", "Procedure", "no", ["requested by clinic, not yet done"], "test_status: CT chest requested by the clinic, not yet done"),
    ("Is he hypoxic at rest?", "Lab Reports", "no", ["Resting SpO2 95% on air"], "threshold_value: resting SpO2 95% on air"),
    ("Is the FVC below normal?", "Lab Reports", "no", [("3.52", "3.05    3.52")], "normal_result: FVC 3.52 L, above the LLN of 3.05 L (z -0.7)"),
    ("Does he have a chronic cough?", "Symptoms", "yes", ["Chronic cough."], None),
    ("Was the spirometry of good quality?", "Other", "yes", ["spirometry grade A"], None),
    ("FEV1/FVC below the LLN?", "Lab Reports", "yes", [("0.52", "0.67    0.52")], None),
    ("Raised RV?", "Lab Reports", "yes", ["measured 3.05 (140%)"], None),
]
# ---------------------------------------------------------------- colposcopy_01
NOTES["colposcopy_01"] = ("other", "Welsh colposcopy clinic record: referral line with HPV type and cytology grade, `[x]` / `[ ]` pre-procedure checklist, CAPS FINDINGS / PROCEDURE / PLAN blocks, a see-and-treat offer she put off, a conditional dash plan and bleeding/infection advice; dd-mm-yyyy dates")
QAS["colposcopy_01"] = [
    ("Is Ffion pregnant?", "Other", "no", ["[ ] Pregnant", "Urine pregnancy test - negative"], "form_field: the Pregnant box is unticked and the pregnancy test is negative"),
    ("HPV positive?", "Lab Reports", "yes", ["HPV positive"], None),
    ("Is it HPV 16?", "Lab Reports", "no", ["16/18 NOT detected"], "severity_or_subtype: other high-risk HPV types; 16/18 not detected"),
    ("Did the colposcopy show cancer?", "Diagnosis", "no", ["No features suggesting invasion."], "negated: high grade (CIN2+) change with no features suggesting invasion"),
    ("Has she got CIN3?", "Diagnosis", "uncertain", ["high grade (CIN2+)", "Histology pending."], "test_status: colposcopic impression CIN2+; the biopsy histology that would grade it is pending"),
    ("Was a LLETZ done today?", "Procedure", "no", ["she chose to wait for the biopsy result"], "declined: see-and-treat LLETZ offered; she chose to wait"),
    ("Any previous LLETZ?", "Procedure", "no", ["[ ] Previous LLETZ / cone biopsy"], "form_field: the Previous LLETZ / cone box is unticked"),
    ("Was a biopsy taken?", "Procedure", "yes", ["Punch biopsy x1 at 1 o'clock."], None),
    ("Is her biopsy result back?", "Lab Reports", "no", ["Histology pending."], "test_status: histology pending, results letter within 4 weeks"),
    ("Does she smoke?", "Other", "yes", ["[x] Smoker - 5 cigarettes/day"], None),
    ("Has she had the HPV jab?", "Medication", "no", ["HPV vaccine: never had"], "negated: never had the HPV vaccine"),
    ("She's got a coil?", "Medication", "yes", ["copper IUD, threads seen"], None),
    ("Is she on hormonal contraception?", "Medication", "no", [("copper IUD", "Contraception: copper IUD")], "detail_mismatch: her contraception is a copper (non-hormonal) IUD"),
    ("Could the whole transformation zone be seen?", "Other", "yes", ["Transformation zone type 1, fully visible."], None),
    ("Heavy bleeding after the biopsy?", "Symptoms", "no", ["Bleeding after biopsy: minimal"], "safety_net: heavy bleeding is named in the advice; the bleeding was minimal"),
    ("Does she have a pelvic infection?", "Diagnosis", "not_mentioned", [], "safety_net: infection is named only in the 'contact the clinic if' advice"),
    ("High-grade cells on her screening sample?", "Lab Reports", "yes", ["cytology high-grade dyskaryosis (moderate)"], None),
    ("Has she had babies?", "Other", "yes", ["P2 (2 vaginal births)"], None),
    ("Was a chaperone there?", "Other", "yes", ["[x] Chaperone present (HCA Lowri)"], None),
]
# ---------------------------------------------------------------- vasectomy_01
NOTES["vasectomy_01"] = ("other", "South African men's health clinic vasectomy pre-procedure consultation: `Field: value` history lines, an examination paragraph, a counselling paragraph listing risks, consent and booking lines and a conditional referral; yyyy/mm/dd dates")
QAS["vasectomy_01"] = [
    ("Has Pieter had his vasectomy?", "Procedure", "no", ["Procedure booked: 2196/06/14"], "planned: the vasectomy is booked for 2196/06/14"),
    ("Consent signed?", "Other", "yes", ["Consent form signed today."], None),
    ("Has his wife had her tubes tied?", "Procedure", "no", ["she declined"], "declined: tubal ligation was suggested to Anelisa and she declined"),
    ("Any previous groin surgery?", "Procedure", "yes", ["L inguinal hernia repair aged 9 (open)"], None),
    ("Does he have a hernia at the moment?", "Diagnosis", "no", ["No hernia today."], "time_scope: the hernia was repaired at age 9; none today"),
    ("Varicocele?", "Diagnosis", "no", ["No varicocele."], "negated: no varicocele"),
    ("Does he have scrotal pain?", "Symptoms", "no", ["Testicular pain: nil"], "risk_of: long-term scrotal pain is named only as a risk; testicular pain nil"),
    ("Is he allergic to local anaesthetic?", "Other", "no", ["adrenaline effect / vasovagal, not an allergy"], "allergy_vs_intolerance: the dental 'reaction' was an adrenaline effect / vasovagal, not an allergy"),
    ("Does he pass out with needles?", "Symptoms", "yes", ["Fainting with needles: yes"], None),
    ("Is he HIV positive?", "Lab Reports", "no", ["HIV test: negative"], "screening_negative: HIV test negative in 2195"),
    ("Does he use ibuprofen?", "Medication", "yes", ["Takes ibuprofen now and then for back ache"], None),
    ("Did he bank sperm?", "Procedure", "no", ["Sperm storage offered - not wanted."], "declined: sperm storage offered, not wanted"),
    ("Smoker?", "Other", "no", ["Smoking: never"], None),
    ("Is it being done under general anaesthetic?", "Procedure", "no", ["No-scalpel technique under local anaesthetic explained", "If the L vas cannot be isolated under local"], "conditional: a general anaesthetic procedure only if the left vas cannot be isolated under local"),
    ("Can they stop other contraception straight after the op?", "Other", "no", ["must keep using other contraception until a semen test at 12 weeks shows no sperm"], "conditional: other contraception stops only once the 12-week semen test shows no sperm"),
    ("Could both vasa be felt?", "Other", "yes", ["R vas easily felt", "L vas palpable"], None),
    ("Has Anelisa had C-sections?", "Other", "yes", ["Anelisa has had 3 caesarean sections"], None),
    ("Is the left cord thickened?", "Other", "yes", ["the cord is thickened near the old scar"], None),
    ("Will the left vas be hard to isolate?", "Other", "uncertain", ["may be harder to isolate"], "suspected: 'may be harder to isolate' because the cord is thickened near the old scar"),
]
# ---------------------------------------------------------------- refugee_health_01
NOTES["refugee_health_01"] = ("other", "Canadian newcomer (refugee) clinic initial health assessment, results visit with a phone interpreter: numbered problem list with screening results, '=' conclusions, treatments given, pending and conditional tests, referrals; `3 June 2194` dates")
QAS["refugee_health_01"] = [
    ("Does Selam have active TB?", "Diagnosis", "no", ["latent TB infection"], "severity_or_subtype: latent TB infection (IGRA positive, clear CXR, no symptoms), not active TB"),
    ("IGRA positive?", "Lab Reports", "yes", ["IGRA positive"], None),
    ("Has she started TB treatment?", "Medication", "no", ["she wants to think it over; decide at next visit"], "undecided: 4 months of rifampin explained; she wants to think it over"),
    ("Has she finished her hep B vaccine course?", "Medication", "no", ["Hep B vaccine dose 1 of 3 given today"], "vaccine_due: dose 1 of 3 given today"),
    ("Is she immune to hepatitis B?", "Lab Reports", "no", ["not immune"], None),
    ("HIV positive?", "Lab Reports", "no", ["HIV: negative"], "screening_negative: HIV negative"),
    ("Strongyloides?", "Diagnosis", "yes", ["Strongyloides serology: positive"], None),
    ("Was she given ivermectin?", "Medication", "yes", ["first dose taken in clinic today"], None),
    ("Does she have schistosomiasis?", "Diagnosis", "uncertain", ["result pending"], "test_status: schistosoma serology sent 28 May, result pending"),
    ("Is she anaemic?", "Lab Reports", "yes", ["iron deficiency anaemia"], None),
    ("Thalassemia trait?", "Diagnosis", "uncertain", ["Hb electrophoresis not done yet"], "test_status: Hb electrophoresis not done; only if MCV stays low after iron"),
    ("PTSD?", "Diagnosis", "uncertain", ["probable PTSD"], "suspected: PCL-5 screen positive, 'probable PTSD'"),
    ("Is she seeing a mental health counsellor yet?", "Procedure", "no", ["accepted, on waitlist"], "planned: referral accepted, on the waitlist"),
    ("Has she had a Pap test?", "Procedure", "no", ["Never had cervical screening - booked 17 June"], "planned: never screened; cervical screening booked for 17 June"),
    ("Is she diabetic?", "Diagnosis", "not_mentioned", [], "other_person: the husband has 'sugar' (diabetes); her own status is not stated"),
    ("Immune to chickenpox?", "Lab Reports", "yes", ["Varicella IgG: immune"], None),
    ("Has she had an MMR shot?", "Medication", "yes", ["MMR dose 1"], None),
    ("Night sweats?", "Symptoms", "no", ["no night sweats"], "negation_in_list: 'No cough, no night sweats, no weight loss'"),
    ("Does she have tooth decay?", "Other", "yes", ["several carious teeth"], None),
    ("Is she taking iron?", "Medication", "yes", ["Ferrous fumarate started."], None),
]
# ---------------------------------------------------------------- neurodev_01
NOTES["neurodev_01"] = ("clinic_letter", "Kenyan developmental paediatrician's letter to the referring doctor after an autism assessment, all prose paragraphs with no headings: birth and hearing history, behaviour, ADOS-2 score and DSM-5 level, deferred cognitive testing, family history, genetic tests sent or offered, plan; `07 February 2197` date")
QAS["neurodev_01"] = [
    ("Does Baraka have autism?", "Diagnosis", "yes", ["meets DSM-5 criteria for autism spectrum disorder"], None),
    ("Is he deaf or hard of hearing?", "Diagnosis", "no", ["a formal hearing test in 2196 was normal"], "normal_result: newborn screen passed and a formal hearing test was normal"),
    ("Has he lost any words or skills?", "Symptoms", "no", ["His parents have not noticed any loss of words or skills."], "negated: no loss of words or skills (no regression)"),
    ("Is he putting words together yet?", "Symptoms", "no", ["no two-word phrases"], None),
    ("Does he have an intellectual disability?", "Diagnosis", "uncertain", ["His cognitive level has not been formally assessed"], "test_status: cognitive testing is deferred until age four"),
    ("Was an EEG done?", "Procedure", "no", ["I do not think an EEG is needed"], "considered_rejected: EEG judged not needed as he has never had a seizure"),
    ("Is he on melatonin?", "Medication", "no", ["stopped as it made no difference"], "former_resolved: melatonin tried for two months last year, stopped"),
    ("Does Baraka have ADHD?", "Diagnosis", "not_mentioned", [], "family_history: his older sister has ADHD; his own status is not stated"),
    ("Fragile X?", "Diagnosis", "uncertain", ["Fragile X testing was sent today."], "test_status: fragile X testing sent today, result awaited"),
    ("Has the microarray been done?", "Lab Reports", "no", ["the parents would like time to think about it"], "undecided: chromosomal microarray offered; the parents want time to think"),
    ("Has speech therapy started?", "Procedure", "no", ["first session booked for March"], "planned: the first SLT session is booked for March"),
    ("Was he premature?", "Other", "no", ["born at term"], None),
    ("Did mum have diabetes in the pregnancy?", "Other", "yes", ["gestational diabetes in his mother"], None),
    ("Level 3 ASD?", "Diagnosis", "no", ["requiring substantial support (level 2)"], "severity_or_subtype: level 2 (substantial support), not level 3"),
    ("Is he a fussy eater?", "Symptoms", "yes", ["He eats only six foods"], None),
    ("Is he underweight?", "Other", "no", ["his weight and height are both on the 25th centile"], "threshold_value: weight on the 25th centile despite the restricted diet"),
    ("Is he bothered by loud noises?", "Symptoms", "yes", ["covers his ears at the sound of the blender"], None),
    ("Does he line up his toys?", "Symptoms", "yes", ["He lines up cars"], None),
    ("Was the ADOS-2 done?", "Procedure", "yes", ["Today's ADOS-2 (module 1)"], None),
]
# ---------------------------------------------------------------- oat_clinic_01
NOTES["oat_clinic_01"] = ("progress", "Irish opioid agonist treatment (methadone) clinic review by a keyworker and doctor: dose line with the previous dose, space-aligned urine toxicology table with POS / neg cells by bare dd/mm, terse history lines, physical health lines, social line and a dash plan with conditional steps; `Thurs 14th Nov 2193`")
QAS["oat_clinic_01"] = [
    ("Is Declan on methadone?", "Medication", "yes", ["Methadone 1 mg/mL: 85 mg daily"], None),
    ("Is he still on 75 mg?", "Medication", "no", ["85 mg daily (up from 75 mg on 17/10)"], "time_scope: 75 mg until 17/10; now 85 mg"),
    ("Still using heroin?", "Other", "no", ["Says last heroin 29/10", ("neg", "14/11    neg")], "time_scope: opiates positive in October; last heroin 29/10 and opiates negative since"),
    ("Is he taking benzos?", "Medication", "no", ["Street diazepam mid-Oct only, none since."], "former_resolved: street diazepam in mid-October only, none since"),
    ("Cocaine use?", "Other", "no", ["Cocaine: never used."], None),
    ("Does he smoke cannabis?", "Other", "yes", ["joint most evenings"], None),
    ("Has he got hep C?", "Diagnosis", "no", ["SVR12 - RNA not detected"], "former_resolved: hepatitis C treated with DAA in 2192, SVR12, RNA not detected"),
    ("Is he injecting?", "Other", "no", ["Stopped injecting 5 yrs ago."], "former_resolved: stopped injecting five years ago; heroin smoked"),
    ("Has he ever overdosed?", "Other", "yes", ["non-fatal heroin OD 2192"], None),
    ("Is Declan on buprenorphine?", "Medication", "no", ["Methadone 1 mg/mL: 85 mg daily", "partner Aoife also in treatment (buprenorphine"], "other_person: buprenorphine is his partner Aoife's treatment; he is on methadone"),
    ("Does he have a naloxone kit?", "Medication", "yes", ["new kit given today"], None),
    ("Is he getting a second weekly takeaway?", "Medication", "no", ["not agreed yet - needs 3 clear urines in a row (opiates and benzos) first"], "conditional: only after 3 clear urines in a row; he has 2"),
    ("QTc prolonged?", "Lab Reports", "no", ["QTc 438 ms"], "threshold_value: QTc 438 ms, below the 450 ms cut-off for a man"),
    ("Is he on an antidepressant?", "Medication", "yes", ["mirtazapine 30 mg nocte"], None),
    ("HIV?", "Lab Reports", "no", ["HIV: neg (Sep 2193)"], "screening_negative: HIV negative in Sep 2193"),
    ("Any withdrawal symptoms?", "Symptoms", "yes", ["sweats and yawning on waking 2-3 days/wk"], None),
    ("Has his dose been put up to 90 mg?", "Medication", "no", ["Stay on 85 mg.", "Increase to 90 mg only if morning withdrawal continues at the next review."], "conditional: 90 mg only if morning withdrawal continues at the next review"),
    ("Does he have toothache?", "Symptoms", "yes", ["Toothache L lower molar"], None),
    ("Dental abscess?", "Diagnosis", "uncertain", ["?dental abscess"], "suspected: '?dental abscess', not examined by a dentist"),
]
# ---------------------------------------------------------------- menopause_01
NOTES["menopause_01"] = ("clinic_letter", "English menopause clinic letter from a consultant gynaecologist to the GP in continuous prose with no headings or lists: symptoms, past treatment, relatives' conditions beside her own status, DXA and bloods in sentences, the HRT started and a deferred option; `19 September 2198` date")
QAS["menopause_01"] = [
    ("Is Rachel postmenopausal?", "Diagnosis", "yes", ["she is postmenopausal"], None),
    ("Is she having hot flushes?", "Symptoms", "yes", ["hot flushes and night sweats"], None),
    ("Has she had a hysterectomy?", "Procedure", "no", ["Her uterus is intact."], None),
    ("Was HRT started?", "Medication", "yes", ["We agreed to start HRT today"], None),
    ("Is she on HRT tablets?", "Medication", "no", ["oestradiol gel 2 pumps daily, which is transdermal"], "detail_mismatch: her systemic HRT is a transdermal gel; the only tablets are local vaginal oestradiol"),
    ("Migraine with aura?", "Diagnosis", "no", ["migraine without aura"], "severity_or_subtype: migraine without aura"),
    ("Has she had a DVT?", "Diagnosis", "no", ["She has never had a blood clot"], "family_history: the DVT was her mother's; she has never had a clot"),
    ("Has she had breast cancer?", "Diagnosis", "no", ["Rachel has no personal history of breast disease"], "family_history: her sister had breast cancer; Rachel has no personal history"),
    ("Osteoporosis?", "Diagnosis", "no", ["with no osteoporosis"], "severity_or_subtype: osteopenia (T-score -1.6), no osteoporosis"),
    ("Is she on testosterone?", "Medication", "no", ["we will reconsider it at the three-month review"], "conditional: testosterone to be reconsidered at three months if desire remains low"),
    ("Is she taking venlafaxine?", "Medication", "no", ["stopped after three weeks because of nausea"], "former_resolved: venlafaxine tried in 2197, stopped"),
    ("Were her FSH levels checked?", "Lab Reports", "no", ["I did not check an FSH"], "considered_rejected: FSH not checked as it would not change management"),
    ("Is she depressed?", "Diagnosis", "no", ["her PHQ-9 today was 4", "Her mood is irritable rather than low"], "screening_negative: PHQ-9 of 4; irritable rather than low"),
    ("Any bleeding after the menopause?", "Symptoms", "no", ["She has had no postmenopausal bleeding."], "negated: no postmenopausal bleeding"),
    ("Vaginal oestrogen prescribed?", "Medication", "yes", ["vaginal oestradiol tablets twice weekly"], None),
    ("Is she taking progesterone?", "Medication", "yes", ["micronised progesterone 100 mg nightly"], None),
    ("BMI over 30?", "Other", "yes", ["her BMI is 31"], None),
    ("Is her blood pressure high?", "Lab Reports", "no", ["Blood pressure today was 128/80"], "threshold_value: BP 128/80, below 140/90"),
    ("Is sex painful for her?", "Symptoms", "yes", ["vaginal dryness making intercourse painful"], None),
]
# ---------------------------------------------------------------- haemophilia_01
NOTES["haemophilia_01"] = ("other", "Dutch haemophilia treatment centre annual multidisciplinary review in English: diagnosis, inhibitor and prophylaxis lines, a space-aligned bleed log (month, site, cause, treatment), joint scores, pain and physiotherapy lines with statuses, infections and carrier lines; Roman-numeral month dates (`16-III-2198`, `IV-2197`)")
QAS["haemophilia_01"] = [
    ("Does Joris have severe haemophilia?", "Diagnosis", "yes", ["haemophilia A, severe (FVIII <1%)"], None),
    ("Haemophilia B?", "Diagnosis", "no", [("haemophilia A", "Diagnosis: haemophilia A")], "severity_or_subtype: haemophilia A (factor VIII), not B"),
    ("Does he have an inhibitor?", "Lab Reports", "no", ["Now none (Bethesda <0.6 BU, I-2198)"], "former_resolved: childhood inhibitor cleared with immune tolerance induction; none now"),
    ("Is he on emicizumab?", "Medication", "yes", ["emicizumab 3 mg/kg every 2 weeks s.c. since 2195"], None),
    ("Is he on FVIII prophylaxis?", "Medication", "no", ["FVIII prophylaxis before that"], "ended_before: FVIII prophylaxis before 2195, replaced by emicizumab; FVIII now only for breakthrough bleeds"),
    ("Did he bleed into his right knee?", "Symptoms", "no", ["L knee (joint)"], "other_site: the knee bleed was in the LEFT knee"),
    ("Elbow joint bleed?", "Symptoms", "no", ["R elbow (soft tissue, muscle)"], "detail_mismatch: the elbow bleed was in soft tissue / muscle, not the joint"),
    ("Did he bleed after his dental extraction?", "Symptoms", "yes", ["gum, after wisdom tooth out"], None),
    ("Does he have hepatitis C?", "Diagnosis", "no", ["cleared spontaneously (RNA negative x2)"], "former_resolved: HCV antibody positive but cleared, RNA negative twice"),
    ("Arthropathy in his left ankle?", "Diagnosis", "yes", ["L ankle X-ray: haemophilic arthropathy."], None),
    ("Has he had an ankle fusion?", "Procedure", "no", ["ankle arthrodesis discussed - not now"], "considered_rejected: arthrodesis discussed, not now; reconsider if worse"),
    ("Is he doing his home physio?", "Procedure", "no", ["not attended / not done"], "non_adherent: the home exercise programme was advised and not done"),
    ("Is his sister a carrier?", "Diagnosis", "yes", ["carrier, FVIII 48%"], None),
    ("Is he on an NSAID?", "Medication", "no", ["celecoxib tried in 2196, stopped (dyspepsia)"], "drug_class_and_status: the only NSAID, celecoxib, was stopped in 2196"),
    ("Does he take paracetamol?", "Medication", "yes", ["paracetamol for the ankle"], None),
    ("Has he been to Indonesia?", "Other", "no", ["trip to Indonesia planned for June"], "planned: the trip is planned for June"),
    ("Immune to hep B?", "Lab Reports", "yes", ["Hep A and B: immune."], None),
    ("Does he have synovitis in the left knee?", "Diagnosis", "uncertain", ["?early synovitis"], "suspected: small effusion, '?early synovitis', repeat scan in 3 months"),
    ("Did he have a bleed around the right elbow?", "Symptoms", "yes", ["R elbow (soft tissue, muscle)"], None),
]
# ---------------------------------------------------------------- headache_01
NOTES["headache_01"] = ("progress", "US headache medicine follow-up: a space-aligned headache diary table by month (headache, severe, triptan and acetaminophen days), dash preventive list with statuses (stopped, avoided, never tried, started, pending), red-flag line, numbered impression, a same-day nerve block on one side; mm/dd/yyyy dates")
QAS["headache_01"] = [
    ("Chronic migraine?", "Diagnosis", "yes", ["chronic migraine with aura"], None),
    ("Does Alicia get an aura?", "Symptoms", "yes", ["visual zigzags in ~1 in 3 attacks"], None),
    ("Does she have medication overuse headache?", "Diagnosis", "uncertain", ["Possible medication-overuse headache"], "suspected: 'possible' medication-overuse headache"),
    ("Is she on Topamax?", "Medication", "no", ["Topiramate: stopped 2197"], "former_resolved: topiramate stopped in 2197 for word-finding problems"),
    ("On propranolol?", "Medication", "no", ["Propranolol: avoided - asthma"], "considered_rejected: propranolol avoided because of asthma"),
    ("Does she have asthma?", "Diagnosis", "yes", ["Propranolol: avoided - asthma"], None),
    ("Has she had Botox yet?", "Procedure", "no", ["prior authorization submitted 03/2199, still pending"], "planned: onabotulinumtoxinA awaits prior authorization"),
    ("Is she on erenumab?", "Medication", "yes", ["Erenumab 140 mg monthly: started 01/2199"], None),
    ("Was her brain MRI abnormal?", "Lab Reports", "no", ["MRI brain 2196: normal."], "normal_result: MRI brain 2196 normal"),
    ("Papilledema?", "Diagnosis", "no", ["no papilledema"], "negated: fundi show no papilledema"),
    ("Any thunderclap headaches?", "Symptoms", "no", ["no thunderclap onset"], "negation_in_list: 'Red flags: none - no thunderclap onset, no positional component, no new neuro deficit'"),
    ("Nerve block done today?", "Procedure", "yes", ["R greater occipital nerve block"], None),
    ("Was the left occipital nerve blocked?", "Procedure", "no", ["Left not injected (no tenderness)."], "other_site: only the right greater occipital nerve was blocked"),
    ("Sleep apnea?", "Diagnosis", "no", ["STOP-BANG 2 (low risk)"], "screening_negative: STOP-BANG 2, low risk"),
    ("Does her mom get migraines?", "Other", "yes", ["mother has migraine"], None),
    ("On an SSRI?", "Medication", "yes", ["sertraline 100 mg"], None),
    ("Did she use sumatriptan on 10 or more days last month?", "Medication", "no", [("9", "Mar 2199        14              5               9")], "threshold_value: 9 sumatriptan days in March, below 10 (14 in January)"),
    ("Are her migraines getting better on erenumab?", "Diagnosis", "yes", ["improving on erenumab"], None),
    ("Are her headaches positional?", "Symptoms", "no", ["no positional component"], "negation_in_list: one item of the red-flag negations"),
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
    json.dump({"version": "v2.0", "data": data}, open(HERE / "yesno5.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    json.dump(stats, open(HERE / "stats.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print(f"built: {stats['notes']} notes, {stats['questions']} questions ({stats['traps']} traps, "
          f"{stats['unanswerable']} not_mentioned); verdicts {stats['verdicts']}")

if __name__ == "__main__":
    main()
