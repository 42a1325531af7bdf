#!/usr/bin/env python3
"""Build the held-out clinical QA set (heldout.json) and questionnaire gold cells (cells.jsonl).

Questions and cells hold answer *texts*; offsets are computed here by searching the note text.
A text must occur exactly once (in the note, or inside a unique `within` anchor) unless an
occurrence index `occ` is given; anything missing or ambiguous stops the build with an error.

Run:  python3 build.py
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOTES_DIR = HERE / "notes"


class BuildError(Exception):
    pass


# --------------------------------------------------------------------------- locating
class A:
    """An answer text, optionally with an occurrence index and/or a unique anchor it lies in."""

    def __init__(self, text, occ=None, within=None):
        self.text, self.occ, self.within = text, occ, within

    def __repr__(self):
        return f"A({self.text!r}, occ={self.occ}, within={self.within!r})"


def _all(hay, needle):
    out, i = [], hay.find(needle)
    while i != -1:
        out.append(i)
        i = hay.find(needle, i + 1)
    return out


def locate(ctx, a, where):
    base, hay = 0, ctx
    if a.within is not None:
        w = _all(ctx, a.within)
        if len(w) != 1:
            raise BuildError(f"{where}: anchor {a.within!r} found {len(w)} times (must be 1)")
        base, hay = w[0], a.within
    hits = _all(hay, a.text)
    if not hits:
        raise BuildError(f"{where}: text {a.text!r} not found" + (f" in anchor {a.within!r}" if a.within else ""))
    if a.occ is None:
        if len(hits) != 1:
            raise BuildError(f"{where}: text {a.text!r} is ambiguous ({len(hits)} occurrences at "
                             f"{[base + h for h in hits]}); give occ= or within=")
        start = base + hits[0]
    else:
        if a.occ >= len(hits):
            raise BuildError(f"{where}: occ={a.occ} but {a.text!r} occurs only {len(hits)} times")
        start = base + hits[a.occ]
    assert ctx[start:start + len(a.text)] == a.text
    end = start + len(a.text)
    if (a.text[0].isalnum() and start > 0 and (ctx[start - 1].isalnum() or
                                                (ctx[start - 1] == "." and a.text[0].isdigit()))) or \
            (a.text[-1].isalnum() and end < len(ctx) and (ctx[end].isalnum() or
                                                          (ctx[end] == "." and a.text[-1].isdigit() and
                                                           end + 1 < len(ctx) and ctx[end + 1].isdigit()))):
        raise BuildError(f"{where}: {a.text!r} at {start} is part of a longer token "
                         f"({ctx[max(0, start - 10):end + 10]!r})")
    return start


# --------------------------------------------------------------------------- notes
NOTE_TYPES = {
    "icu_prog_01": "ICU progress note",
    "dc_sum_01": "discharge summary",
    "ed_note_01": "emergency department note",
    "clinic_letter_01": "clinic letter",
    "op_note_01": "operative note",
    "nursing_note_01": "nursing note",
    "cards_consult_01": "cardiology consult",
    "cxr_01": "radiology report",
    "ctpa_01": "radiology report",
    "ct_head_01": "radiology report",
    "endo_fu_01": "endocrinology clinic note",
    "prog_fhx_01": "progress note",
    "deid_dc_01": "discharge summary",
    "psych_fu_01": "psychiatry clinic note",
    "dc_sum_02": "discharge summary",
    "anticoag_phone_01": "anticoagulation clinic telephone note",
    "hp_stroke_01": "admission history and physical",
}
DISCHARGE_NOTES = {"dc_sum_01", "deid_dc_01", "dc_sum_02"}
RADIOLOGY_NOTES = {"cxr_01", "ctpa_01", "ct_head_01"}

# --------------------------------------------------------------------------- questions
# (question, answer_type, category, verdict, [answers]); no answers => unanswerable.
# verdict is one of yes/no/uncertain/not_mentioned for yes_no questions, None otherwise.
QA = {}

QA["icu_prog_01"] = [
    ("What was the heart rate at 04:00?", "number", "Other", None, [A("109")]),
    ("Peak temp overnight?", "number", "Other", None, [A("39.2")]),
    ("K on admit?", "number", "Lab Reports", None, [A("5.6")]),
    ("What is the most recent creatinine?", "number", "Lab Reports", None, [A("2.1", within="2.4     2.9     2.1")]),
    ("Was HIT confirmed?", "yes_no", "Diagnosis", "no", [A("HIT ruled out"), A("HIT ab NEG 06-04 -> HIT ruled out")]),
    ("What antibiotic is the patient on now?", "span", "Medication", None, [A("cefazolin 2 g IV q8h"), A("cefazolin")]),
    ("Has the TTE been done?", "yes_no", "Procedure", "no",
     [A("TTE ordered to eval for endocarditis - not yet done"), A("not yet done")]),
    ("List the lines and tubes.", "list", "Procedure", None,
     [A("ETT", within="Lines/tubes: ETT, R IJ CVC, L radial art line, OGT, Foley."),
      A("R IJ CVC", within="Lines/tubes: ETT, R IJ CVC, L radial art line, OGT, Foley."),
      A("L radial art line"), A("OGT"), A("Foley")]),
    ("Lactate on 06-03?", "number", "Lab Reports", None, [A("3.4")]),
    ("What organism grew in the blood cultures?", "span", "Lab Reports", None,
     [A("MSSA", within="BCx 06-02 2/2 GPC in clusters -> MSSA")]),
    ("Does the patient smoke?", "yes_no", "Other", "yes", [A("current, 1 ppd x 40 yrs per wife")]),
    ("What was the troponin?", "number", "Lab Reports", None, []),
    ("¿Cuál era la presión arterial a las 00:00?", "span", "Other", None, [A("84/46")]),
    ("Is the patient on anticoagulation?", "yes_no", "Medication", "no", [A("no pharmacologic anticoagulation")]),
    ("What is the INR?", "number", "Lab Reports", None, []),
    ("What was the procalcitonin on 06-03?", "number", "Lab Reports", None, []),
]

DC1_MEDS = [A("metformin 500 mg PO twice daily"), A("atorvastatin 40 mg PO nightly"),
            A("pantoprazole 40 mg PO twice daily x 8 weeks, then once daily"),
            A("bismuth subsalicylate 524 mg PO four times daily x 14 days"),
            A("tetracycline 500 mg PO four times daily x 14 days"),
            A("metronidazole 500 mg PO three times daily x 14 days"),
            A("metoprolol succinate 100 mg -> 50 mg PO daily")]
QA["dc_sum_01"] = [
    ("Hgb trend?", "span", "Lab Reports", None,
     [A("6.9 (06-02 14:00) -> 7.4 (06-02 22:00, after 1 u PRBC) -> 8.3 (06-03 06:00, after 2nd unit) "
        "-> 8.0 (06-04) -> 8.6 (06-05) -> 9.1 (discharge)")]),
    ("What was the hemoglobin at discharge?", "number", "Lab Reports", None, [A("9.1")]),
    ("Hemoglobin on admission?", "number", "Lab Reports", None, [A("6.9 g/dL"), A("6.9", occ=0), A("6.9", occ=1)]),
    ("What was the Hgb on 06-03 at 06:00?", "number", "Lab Reports", None, [A("8.3")]),
    ("Was aspirin stopped?", "yes_no", "Medication", "yes", [A("STOPPED:   aspirin 81 mg daily")]),
    ("Why was metformin held?", "span", "Diagnosis", None,
     [A("because of AKI"), A("for AKI", within="held 06-02 to 06-06 for AKI")]),
    ("Was the colonoscopy done?", "yes_no", "Procedure", "no",
     [A("not done during this admission"), A("Colonoscopy is planned as an outpatient (not done during this admission)")]),
    ("discharge meds", "list", "Medication", None, DC1_MEDS),
    ("What was the potassium at discharge?", "number", "Lab Reports", None, []),
    ("What dose of epinephrine was injected at the EGD?", "number", "Medication", None, []),
    ("Does the patient smoke?", "yes_no", "Other", "no",
     [A("Former smoker - quit 10 years ago, 30 pack-years"), A("quit 10 years ago, 30 pack-years")]),
    ("Is she anticoagulated?", "yes_no", "Medication", "no", [A("not anticoagulated since")]),
    ("What did the EGD show?", "span", "Procedure", None,
     [A("a 9 mm duodenal bulb ulcer with a visible vessel"), A("9 mm duodenal bulb ulcer with a visible vessel")]),
    ("Why is lisinopril on hold?", "span", "Diagnosis", None,
     [A("AKI and low-normal BP"), A("for hypotension and AKI")]),
    ("What is the new metoprolol dose?", "span", "Medication", None,
     [A("50 mg PO daily", within="metoprolol succinate 100 mg -> 50 mg PO daily"), A("100 mg -> 50 mg PO daily")]),
    ("How many units of blood were transfused?", "number", "Procedure", None, [A("2 units"), A("2 units PRBC")]),
    ("Allergies?", "list", "Other", None, [A("codeine"), A("latex")]),
    ("What was the platelet count at discharge?", "number", "Lab Reports", None, []),
    ("Was she taking an NSAID before admission?", "yes_no", "Medication", "yes",
     [A("She had been taking ibuprofen 400 mg three times daily")]),
    ("Did she vomit blood?", "yes_no", "Symptoms", "no", [A("No hematemesis")]),
]

QA["ed_note_01"] = [
    ("Has the patient had a myocardial infarction before?", "yes_no", "Diagnosis", "yes",
     [A("prior heart attack (2146, RCA stent)"), A("prior heart attack")]),
    ("Was cardiac catheterization performed?", "yes_no", "Procedure", "no", [A("cath planned for the morning")]),
    ("What are the patient's allergies?", "list", "Other", None, [A("penicillin"), A("sulfa drugs")]),
    ("Initial troponin?", "number", "Lab Reports", None, [A("38 ng/L"), A("38", within="38 ng/L")]),
    ("What was the troponin at 17:58?", "number", "Lab Reports", None, [A("112 ng/L"), A("112", within="112 ng/L")]),
    ("BP at triage?", "span", "Other", None, [A("168/94")]),
    ("Does he smoke?", "yes_no", "Other", "yes", [A("current smoker, ~1 ppd x 35 yrs"), A("current smoker")]),
    ("Did the patient have shortness of breath?", "yes_no", "Symptoms", "no", [A("Denies SOB at rest")]),
    ("Is he taking clopidogrel?", "yes_no", "Medication", "no",
     [A("ran out of clopidogrel ~1 month ago"), A("not taking")]),
    ("Where was the patient admitted?", "span", "Other", None, [A("CCU")]),
    ("What was the ejection fraction?", "number", "Procedure", None, []),
    ("What was the HbA1c?", "number", "Lab Reports", None, []),
    ("¿Qué alergias tiene el paciente?", "list", "Other", None, [A("penicillin"), A("sulfa drugs")]),
    ("Czy pacjent pali papierosy?", "yes_no", "Other", "yes",
     [A("current smoker, ~1 ppd x 35 yrs"), A("current smoker")]),
    ("What was the ED diagnosis?", "span", "Diagnosis", None, [A("NSTEMI", within="MDM/Impression: NSTEMI")]),
    ("How long has the chest pain lasted?", "number", "Symptoms", None, [A("2 hours")]),
    ("What was the LDL?", "number", "Lab Reports", None, []),
    ("Did the patient have a fever?", "yes_no", "Symptoms", "no", [A("denies fever/chills")]),
    ("Did the pain radiate?", "yes_no", "Symptoms", "yes", [A("radiating to L arm")]),
    ("Does the patient have a cough?", "yes_no", "Symptoms", "not_mentioned", []),
]

QA["clinic_letter_01"] = [
    ("Did the patient have herpes zoster?", "yes_no", "Diagnosis", "yes",
     [A("She developed shingles affecting the right T6 dermatome"), A("shingles")]),
    ("What antiviral was she given for the acute episode?", "span", "Medication", None,
     [A("valaciclovir 1 g three times daily for seven days"), A("valaciclovir")]),
    ("Why was amitriptyline stopped?", "span", "Diagnosis", None,
     [A("because of dry mouth and morning drowsiness"), A("dry mouth and morning drowsiness")]),
    ("Has she had the shingles vaccine?", "yes_no", "Medication", "no", [A("she has not yet had it")]),
    ("What is her creatinine?", "number", "Lab Reports", None, [A("88 µmol/L"), A("88", within="88 µmol/L")]),
    ("Is she a smoker?", "yes_no", "Other", "no", [A("She has never smoked")]),
    ("How long has she had the pain?", "number", "Symptoms", None, [A("about fourteen weeks"), A("fourteen weeks")]),
    ("What pregabalin dose was started?", "span", "Medication", None,
     [A("25 mg twice daily"), A("pregabalin 25 mg twice daily")]),
    ("What is her TSH?", "number", "Lab Reports", None, []),
    ("Na co pacjentka jest uczulona?", "list", "Other", None, [A("morphine")]),
    ("What was her oxygen saturation?", "number", "Other", None, []),
    ("When will she be seen again in the pain clinic?", "span", "Other", None,
     [A("in eight weeks"), A("I will see her again in the pain clinic in eight weeks")]),
    ("What is the diagnosis?", "span", "Diagnosis", None, [A("post-herpetic neuralgia")]),
    ("What dose of the zoster vaccine was given?", "number", "Medication", None, []),
    ("What is her pulse?", "number", "Other", None, [A("72")]),
    ("Does the pain disturb her sleep?", "yes_no", "Symptoms", "yes", [A("it wakes her two or three nights a week")]),
]

QA["op_note_01"] = [
    ("What procedure was performed?", "span", "Procedure", None,
     [A("Laparoscopic cholecystectomy with intraoperative cholangiogram"), A("Laparoscopic cholecystectomy")]),
    ("What was the postoperative diagnosis?", "span", "Diagnosis", None,
     [A("Acute gangrenous cholecystitis with cholelithiasis")]),
    ("What antibiotics did the patient receive?", "list", "Medication", None,
     [A("cefazolin"), A("ceftriaxone", occ=0), A("metronidazole", occ=0)]),
    ("Was a drain left?", "yes_no", "Procedure", "yes",
     [A("a 19 Fr Blake drain was left in the gallbladder fossa"), A("19 Fr Blake in the gallbladder fossa")]),
    ("What was the EBL?", "number", "Procedure", None, [A("50 mL", within="Estimated Blood Loss: 50 mL")]),
    ("Were there common bile duct stones?", "yes_no", "Diagnosis", "no", [A("No common bile duct stones")]),
    ("Any complications?", "yes_no", "Procedure", "no", [A("None apparent")]),
    ("Was the gallbladder perforated?", "yes_no", "Diagnosis", "no", [A("no perforation")]),
    ("Did she have a fever before surgery?", "yes_no", "Symptoms", "yes", [A("fever to 38.6 C")]),
    ("What did pathology show?", "span", "Procedure", None, []),
    ("What organism grew from the bile culture?", "span", "Lab Reports", None, []),
    ("¿Qué tipo de anestesia se utilizó?", "span", "Procedure", None, [A("General endotracheal")]),
    ("What was the potassium?", "number", "Lab Reports", None, []),
    ("How long will ceftriaxone and metronidazole be continued?", "number", "Medication", None,
     [A("for 4 days post-op"), A("4 days post-op")]),
    ("How big was the impacted stone on ultrasound?", "number", "Procedure", None, [A("2.1 cm")]),
    ("When was the patient discharged?", "date", "Other", None, []),
]

QA["nursing_note_01"] = [
    ("Temp at 0200?", "number", "Other", None, [A("38.4")]),
    ("What PRN was given for the temperature?", "span", "Medication", None,
     [A("acetaminophen 650 mg PO"), A("acetaminophen")]),
    ("SpO2 on room air?", "number", "Other", None, [A("89%")]),
    ("Pain score after oxycodone?", "number", "Symptoms", None, [A("3/10")]),
    ("Is the pt delirious?", "yes_no", "Diagnosis", "yes", [A("CAM +"), A("intermittently confused overnight")]),
    ("Does the patient still have a Foley?", "yes_no", "Procedure", "no", [A("Foley d/c'd 0600 10/1 per protocol")]),
    ("Pre-op Hgb?", "number", "Lab Reports", None, [A("11.9")]),
    ("What is this morning's Hgb?", "number", "Lab Reports", None, []),
    ("Allergies?", "span", "Other", None, [A("NKDA")]),
    ("Has she had a BM?", "yes_no", "Symptoms", "no", [A("no BM since adm")]),
    ("What surgery did she have?", "span", "Procedure", None, [A("L hip hemiarthroplasty")]),
    ("Jaka była saturacja przy 2 l tlenu?", "number", "Other", None, [A("93%")]),
    ("What was the INR?", "number", "Lab Reports", None, []),
    ("Is apixaban being given?", "yes_no", "Medication", "no", [A("apixaban (home, for AF) held peri-op")]),
    ("What is the patient's weight?", "number", "Other", None, []),
    ("PVR on bladder scan?", "number", "Procedure", None, [A("120 mL")]),
]

QA["cards_consult_01"] = [
    ("Has the patient had a heart attack before?", "yes_no", "Diagnosis", "yes",
     [A("He had a myocardial infarction in 2141"), A("MI 2141")]),
    ("Is this an acute MI?", "yes_no", "Diagnosis", "no",
     [A("Troponin flat - not consistent with acute MI"), A("not consistent with acute MI")]),
    ("What anticoagulant was started?", "span", "Medication", None, [A("apixaban 5 mg PO BID"), A("apixaban", occ=0)]),
    ("Why was diltiazem avoided?", "span", "Diagnosis", None, [A("given reduced EF"), A("reduced EF")]),
    ("Is cardioversion being done this admission?", "yes_no", "Procedure", "no", [A("not to be done this admission")]),
    ("CHA2DS2-VASc?", "number", "Other", None, [A("3", within="CHA2DS2-VASc = 3")]),
    ("What was the LVEF on the most recent echo?", "number", "Procedure", None, [A("45%")]),
    ("What is the LVEF on an echo from this admission?", "number", "Procedure", None, []),
    ("K?", "number", "Lab Reports", None, [A("3.4 mmol/L"), A("3.4", within="3.4 mmol/L")]),
    ("Does the patient smoke?", "yes_no", "Other", "no",
     [A("Quit smoking in 2141 after his heart attack (20 pack-years)")]),
    ("Did he have atrial fibrillation before this admission?", "yes_no", "Diagnosis", "no",
     [A("He has no prior history of arrhythmia")]),
    ("What is the INR?", "number", "Lab Reports", None, []),
    ("¿Qué antibióticos recibe el paciente?", "list", "Medication", None, [A("ceftriaxone"), A("azithromycin")]),
    ("Was aspirin stopped?", "yes_no", "Medication", "yes", [A("Aspirin stopped today")]),
    ("HR on exam?", "number", "Other", None, [A("148 bpm"), A("148", within="148 bpm")]),
    ("What dose of diltiazem was given?", "number", "Medication", None, []),
    ("Did he have syncope?", "yes_no", "Symptoms", "no", [A("no chest pain, presyncope or syncope")]),
]

CXR_IMPRESSION = ("1. Right internal jugular central venous catheter terminating at the cavoatrial junction. "
                  "No pneumothorax.\n2. Endotracheal tube and enteric tube in satisfactory position.\n"
                  "3. Persistent right lower lobe consolidation, consistent with known pneumonia.")
CXR_PTX = [A("No pneumothorax on either side"), A("No pneumothorax", occ=0), A("No pneumothorax", occ=1)]
QA["cxr_01"] = [
    ("Is there a pneumothorax?", "yes_no", "Diagnosis", "no", CXR_PTX),
    ("Where does the central line terminate?", "span", "Procedure", None,
     [A("cavoatrial junction", occ=0), A("cavoatrial junction", occ=1)]),
    ("What was the indication for the study?", "span", "Diagnosis", None,
     [A("Right internal jugular central line placed; evaluate line position and exclude pneumothorax. Intubated patient."),
      A("evaluate line position and exclude pneumothorax")]),
    ("Is there a pleural effusion?", "yes_no", "Diagnosis", "uncertain",
     [A("A small left pleural effusion is possible versus overlying soft tissue; not clearly present")]),
    ("Is the heart enlarged?", "yes_no", "Diagnosis", "uncertain",
     [A("Heart size is difficult to assess on this AP portable projection")]),
    ("Where is the ETT tip?", "span", "Procedure", None, [A("4.5 cm above the carina")]),
    ("Is there pulmonary edema?", "yes_no", "Diagnosis", "no", [A("No pulmonary edema")]),
    ("Is there a pulmonary nodule?", "yes_no", "Diagnosis", "not_mentioned", []),
    ("Any acute rib fracture?", "yes_no", "Diagnosis", "no", [A("No acute osseous abnormality")]),
    ("What follow-up imaging is recommended?", "span", "Procedure", None, []),
    ("Czy widoczna jest odma opłucnowa?", "yes_no", "Diagnosis", "no", CXR_PTX),
    ("What was it compared with?", "span", "Procedure", None,
     [A("Chest radiograph 2151-06-02 15:10 (pre-intubation)")]),
    ("Is there consolidation?", "yes_no", "Diagnosis", "yes",
     [A("Dense right lower lobe consolidation"), A("Persistent right lower lobe consolidation")]),
    ("What is the nodule size?", "number", "Procedure", None, []),
    ("Where is the enteric tube tip?", "span", "Procedure", None, [A("in the gastric body")]),
]

CTPA_IMP1 = ("Acute bilateral pulmonary emboli (right lower lobe segmental/subsegmental, left upper lobe and lingula) "
             "with CT signs of right heart strain (RV/LV 1.3, septal straightening, contrast reflux).")
CTPA_REC = ("If low risk, CT at 6-12 months, then consider CT at 18-24 months; if high risk, CT at 6-12 months "
            "and again at 18-24 months (Fleischner 2017).")
QA["ctpa_01"] = [
    ("Is there a pulmonary embolism?", "yes_no", "Diagnosis", "yes", [A("Acute bilateral pulmonary emboli")]),
    ("Where are the emboli?", "span", "Procedure", None,
     [A("right lower lobe segmental/subsegmental, left upper lobe and lingula")]),
    ("RV/LV ratio?", "number", "Procedure", None, [A("1.3", occ=0), A("1.3", occ=1)]),
    ("Is there a saddle embolus?", "yes_no", "Diagnosis", "no", [A("No saddle embolus")]),
    ("Nodule size?", "number", "Procedure", None, [A("6 mm", occ=0), A("6 mm", occ=1)]),
    ("What follow-up is recommended for the nodule?", "span", "Procedure", None, [A(CTPA_REC)]),
    ("D-dimer?", "number", "Lab Reports", None, [A("4.2 mg/L FEU"), A("4.2", within="4.2 mg/L")]),
    ("Who were the results communicated to?", "span", "Other", None, [A("Dr. Nakashima")]),
    ("Is the heart enlarged?", "yes_no", "Diagnosis", "no", [A("No cardiomegaly")]),
    ("Was a DVT seen on leg ultrasound?", "yes_no", "Diagnosis", "not_mentioned", []),
    ("What was the troponin?", "number", "Lab Reports", None, []),
    ("¿Hay derrame pleural?", "yes_no", "Diagnosis", "yes",
     [A("Small right pleural effusion", occ=0), A("Small right pleural effusion", occ=1)]),
    ("What recent surgery did the patient have?", "span", "Procedure", None, [A("right ankle ORIF")]),
    ("How much contrast was given?", "number", "Medication", None, [A("70 mL")]),
    ("What was the blood pressure?", "span", "Other", None, []),
    ("Is there right heart strain?", "yes_no", "Diagnosis", "yes", [A("CT signs of right heart strain")]),
]

QA["ct_head_01"] = [
    ("Is there intracranial hemorrhage?", "yes_no", "Diagnosis", "yes",
     [A("Acute left convexity subdural hematoma"),
      A("acute, crescentic, mixed-density extra-axial collection over the left cerebral convexity")]),
    ("How thick is the subdural?", "number", "Procedure", None, [A("14 mm", occ=0), A("14 mm", occ=1)]),
    ("Midline shift?", "number", "Procedure", None, [A("8 mm", occ=0), A("8 mm", occ=1)]),
    ("Which direction is the midline shift?", "span", "Procedure", None, [A("to the right"), A("rightward")]),
    ("Was there midline shift on the prior CT?", "yes_no", "Procedure", "no", [A("was 0 mm on the prior exam")]),
    ("Skull fracture?", "yes_no", "Diagnosis", "yes",
     [A("non-displaced fracture of the left parietal bone without depression"),
      A("Non-displaced left parietal skull fracture")]),
    ("Is there subarachnoid hemorrhage?", "yes_no", "Diagnosis", "no",
     [A("No subarachnoid hemorrhage in the basal cisterns")]),
    ("Is there uncal herniation?", "yes_no", "Diagnosis", "uncertain",
     [A("mild left uncal herniation is not excluded"), A("early left uncal herniation cannot be excluded")]),
    ("INR?", "number", "Lab Reports", None, [A("3.4")]),
    ("Why is the patient on warfarin?", "span", "Diagnosis", None, [A("mechanical mitral valve")]),
    ("What was the GCS?", "number", "Other", None, []),
    ("Was the hematoma evacuated?", "yes_no", "Procedure", "not_mentioned", []),
    ("Jakie jest przesunięcie linii pośrodkowej?", "number", "Procedure", None, [A("8 mm", occ=0), A("8 mm", occ=1)]),
    ("Is there hydrocephalus?", "yes_no", "Diagnosis", "no", [A("No hydrocephalus")]),
    ("What was the blood pressure?", "span", "Other", None, []),
    ("What is recommended?", "span", "Procedure", None,
     [A("Recommend emergent neurosurgical evaluation and anticoagulation reversal")]),
]

QA["endo_fu_01"] = [
    ("Most recent HbA1c?", "number", "Lab Reports", None, [A("7.9%"), A("7.9% (63 mmol/mol)")]),
    ("HbA1c trend?", "span", "Lab Reports", None,
     [A("8.9% (74 mmol/mol) Aug 2153 -> 8.4% (68 mmol/mol) Nov 2153 -> 7.9% (63 mmol/mol) Feb 2154 (today)")]),
    ("Why was gliclazide stopped?", "span", "Diagnosis", None,
     [A("hypoglycaemia; driver"), A("recurrent hypoglycaemia on a sulfonylurea")]),
    ("What new diabetes medication was started?", "span", "Medication", None,
     [A("empagliflozin 10 mg once daily"), A("empagliflozin")]),
    ("New ramipril dose?", "span", "Medication", None,
     [A("10 mg once daily", within="Ramipril increased 5 mg -> 10 mg once daily"), A("5 mg -> 10 mg once daily")]),
    ("Has the patient had a stroke?", "yes_no", "Diagnosis", "not_mentioned", []),
    ("Does he smoke?", "yes_no", "Other", "no", [A("Ex-smoker (stopped 2139)")]),
    ("Does the patient have hypothyroidism?", "yes_no", "Diagnosis", "not_mentioned", []),
    ("Lowest glucose?", "number", "Lab Reports", None, [A("2.9 mmol/L")]),
    ("LDL?", "number", "Lab Reports", None, [A("2.4 mmol/L")]),
    ("Insulin dose?", "number", "Medication", None, []),
    ("¿Cuál es la hemoglobina glicosilada más reciente?", "number", "Lab Reports", None,
     [A("7.9%"), A("7.9% (63 mmol/mol)")]),
    ("BP?", "span", "Other", None, [A("148/88 mmHg"), A("142/86")]),
    ("Urine ACR?", "number", "Lab Reports", None, [A("6.2 mg/mmol")]),
    ("Was gliclazide stopped?", "yes_no", "Medication", "yes", [A("STOP gliclazide")]),
    ("When is the next retinal screening due?", "date", "Other", None, [A("Sept 2154")]),
    ("What was the HbA1c in May 2153?", "number", "Lab Reports", None, []),
    ("Any visual change?", "yes_no", "Symptoms", "no", [A("Denies chest pain, foot ulcers or visual change")]),
    ("Does he report erectile dysfunction?", "yes_no", "Symptoms", "not_mentioned", []),
]

QA["prog_fhx_01"] = [
    ("Does the patient have breast cancer?", "yes_no", "Diagnosis", "not_mentioned", []),
    ("Does the patient have epilepsy?", "yes_no", "Diagnosis", "not_mentioned", []),
    ("Has the patient had a heart attack?", "yes_no", "Diagnosis", "not_mentioned", []),
    ("Does she have a DVT?", "yes_no", "Diagnosis", "no", [A("DVT ruled out by duplex"), A("no DVT")]),
    ("Was necrotizing fasciitis diagnosed?", "yes_no", "Diagnosis", "no",
     [A("Necrotizing fasciitis was considered on admission and is excluded clinically"), A("excluded clinically")]),
    ("Current antibiotic?", "span", "Medication", None, [A("cefazolin 2 g IV q8h"), A("cefazolin", occ=0)]),
    ("Which antibiotics has she received?", "list", "Medication", None, [A("cefazolin", occ=0), A("ceftriaxone")]),
    ("Planned oral antibiotic?", "span", "Medication", None,
     [A("cefalexin 500 mg QID"), A("oral cefalexin 500 mg QID")]),
    ("WBC on admission?", "number", "Lab Reports", None, [A("16.3")]),
    ("Current WBC?", "number", "Lab Reports", None, [A("9.1 x10^9/L"), A("9.1", within="WBC 9.1")]),
    ("Allergies?", "list", "Other", None, [A("Doxycycline")]),
    ("Tmax last 24 h?", "number", "Other", None, [A("37.6 C"), A("37.6")]),
    ("Highest temperature this admission?", "number", "Other", None, [A("38.9 C"), A("38.9")]),
    ("What was the creatinine on admission?", "number", "Lab Reports", None, []),
    ("What was the CK value?", "number", "Lab Reports", None, []),
    ("Czy pacjentka ma raka piersi?", "yes_no", "Diagnosis", "not_mentioned", []),
    ("Does she smoke?", "yes_no", "Other", "no", [A("Never smoker")]),
    ("Does the patient have lupus?", "yes_no", "Diagnosis", "not_mentioned", []),
    ("Is she nauseated?", "yes_no", "Symptoms", "no", [A("No nausea or diarrhoea")]),
]

DEID_DC_MEDS_BLOCK = ("Discharge Medications:\n1. Torsemide 40 mg PO daily\n2. Metoprolol succinate 50 mg PO daily\n"
                      "3. Warfarin 2.5 mg PO daily\n4. Aspirin 81 mg PO daily\n5. Atorvastatin 40 mg PO daily\n"
                      "6. Allopurinol 100 mg PO daily\n7. Sacubitril-valsartan 24-26 mg PO BID")
DEID_MEDS = [A(t, within=DEID_DC_MEDS_BLOCK) for t in (
    "Torsemide 40 mg PO daily", "Metoprolol succinate 50 mg PO daily", "Warfarin 2.5 mg PO daily",
    "Aspirin 81 mg PO daily", "Atorvastatin 40 mg PO daily", "Allopurinol 100 mg PO daily",
    "Sacubitril-valsartan 24-26 mg PO BID")]
DEID_CXR = ("Moderate pulmonary edema, moderate bilateral pleural effusions, cardiomegaly. No pneumothorax. "
            "No focal consolidation.")
QA["deid_dc_01"] = [
    ("K on admission?", "number", "Lab Reports", None,
     [A("5.1", within="K-5.1"), A("5.1", within="K 5.1 on admission")]),
    ("Potassium at discharge?", "number", "Lab Reports", None, []),
    ("Admission date?", "date", "Other", None, [A("2150-3-14", occ=0)]),
    ("Discharge date?", "date", "Other", None, [A("2150-3-19", occ=0)]),
    ("Does she smoke?", "yes_no", "Other", "no",
     [A("Former smoker, quit 10 years ago, 30 pack-years"), A("quit 10 years ago, 30 pack-years")]),
    ("Is she anticoagulated?", "yes_no", "Medication", "yes", [A("Warfarin continued"), A("AF on warfarin")]),
    ("Rx at discharge?", "list", "Medication", None, DEID_MEDS),
    ("Torsemide dose at discharge?", "span", "Medication", None,
     [A("40 mg PO daily", within="1. Torsemide 40 mg PO daily"), A("torsemide 40 mg daily")]),
    ("Why wasn't spironolactone started?", "span", "Diagnosis", None, [A("because of K 5.1 on admission")]),
    ("Does the patient have colon cancer?", "yes_no", "Diagnosis", "not_mentioned", []),
    ("Discharge disposition?", "span", "Other", None, [A("Home With Service")]),
    ("Peak creatinine?", "number", "Lab Reports", None, [A("1.9", within="Cr peak 1.9"), A("1.9", within="CREAT-1.9")]),
    ("What did the CXR show?", "span", "Procedure", None, [A(DEID_CXR)]),
    ("EF?", "number", "Procedure", None, [A("30%", occ=0), A("30%", occ=1)]),
    ("Kiedy pacjentkę wypisano ze szpitala?", "date", "Other", None, [A("2150-3-19", occ=0)]),
    ("Was spironolactone started?", "yes_no", "Medication", "no", [A("Spironolactone was NOT started")]),
    ("What was the discharge weight?", "number", "Other", None, [A("64.2 kg", occ=0), A("64.2 kg", occ=1)]),
    ("What was the WBC at discharge?", "number", "Lab Reports", None, []),
    ("Was the allopurinol dose changed?", "yes_no", "Medication", "yes",
     [A("allopurinol dose reduced to 100 mg daily given CKD")]),
    ("Does she have orthopnea?", "yes_no", "Symptoms", "yes", [A("3-pillow orthopnea")]),
]

QA["psych_fu_01"] = [
    ("Does the patient smoke?", "yes_no", "Other", "yes", [A("smokes 5-6 cigarettes/day")]),
    ("Is the patient suicidal?", "yes_no", "Symptoms", "no", [A("denies SI")]),
    ("Does the patient have bipolar disorder?", "yes_no", "Diagnosis", "no",
     [A("Bipolar disorder was reconsidered given the family history and is not supported"), A("is not supported")]),
    ("Does the patient have dementia?", "yes_no", "Diagnosis", "not_mentioned", []),
    ("Current sertraline dose?", "span", "Medication", None, [A("100 mg daily"), A("sertraline 100 mg daily")]),
    ("Why did they stop trazodone?", "span", "Diagnosis", None,
     [A("because of morning grogginess"), A("morning grogginess")]),
    ("Has CBT started?", "yes_no", "Procedure", "no", [A("not yet started")]),
    ("PHQ-9 today?", "number", "Other", None, [A("9", occ=1, within="PHQ-9 9 today")]),
    ("What was the lithium level?", "number", "Lab Reports", None, []),
    ("¿Tiene el paciente ideación suicida?", "yes_no", "Symptoms", "no", [A("denies SI")]),
    ("HR?", "number", "Other", None, [A("88")]),
    ("What was the TSH?", "number", "Lab Reports", None, []),
    ("When is the next visit?", "span", "Other", None, [A("Return in 6 weeks"), A("6 weeks", within="Return in 6 weeks")]),
    ("What is used PRN for anxiety?", "span", "Medication", None,
     [A("hydroxyzine 25 mg PO PRN anxiety"), A("hydroxyzine 25 mg PRN"), A("hydroxyzine", occ=0)]),
    ("PHQ-9 trend?", "span", "Other", None, [A("PHQ-9 9 today (was 17 on 2153-03-27 and 21 on 2153-01-30)")]),
    ("Any sexual side effects?", "yes_no", "Symptoms", "no", [A("No sexual side effects reported")]),
]

DC2_MEDS = [A("carbidopa-levodopa 25/100 mg 1.5 tab TID"), A("levothyroxine 50 mcg daily"),
            A("tamsulosin 0.4 mg qHS"), A("amoxicillin-clavulanate 875/125 mg BID x 2 more days")]
DC2_ABX = [A("ceftriaxone"), A("azithromycin"), A("amoxicillin-clavulanate", occ=0)]
QA["dc_sum_02"] = [
    ("Meds on discharge?", "list", "Medication", None, DC2_MEDS),
    ("Which antibiotics were given?", "list", "Medication", None, DC2_ABX),
    ("Was a thoracentesis performed?", "yes_no", "Procedure", "no", [A("Thoracentesis not required")]),
    ("Why was oxybutynin stopped?", "span", "Diagnosis", None, [A("anticholinergic, delirium risk")]),
    ("Na on admission?", "number", "Lab Reports", None, [A("151", within="Na 151 on adm"), A("151", within="Na 151,")]),
    ("Most recent sodium?", "number", "Lab Reports", None, [A("141")]),
    ("Where was he discharged to?", "span", "Other", None,
     [A("skilled nursing facility (Brookhaven Rehab)"), A("skilled nursing facility")]),
    ("LOS?", "number", "Other", None, [A("6 d")]),
    ("Was the repeat CXR done?", "yes_no", "Procedure", "no",
     [A("repeat CXR in 6 weeks to document resolution (ordered)")]),
    ("Did he have a fever?", "yes_no", "Symptoms", "yes", [A("fever 38.7")]),
    ("Did he receive antipsychotics?", "yes_no", "Medication", "no", [A("no antipsychotics")]),
    ("Procalcitonin?", "number", "Lab Reports", None, []),
    ("Discharge WBC?", "number", "Lab Reports", None, []),
    ("Jakie antybiotyki otrzymał pacjent?", "list", "Medication", None, DC2_ABX),
    ("¿Adónde fue dado de alta el paciente?", "span", "Other", None,
     [A("skilled nursing facility (Brookhaven Rehab)"), A("skilled nursing facility")]),
    ("CURB-65?", "number", "Other", None, [A("3", within="CURB-65 = 3")]),
    ("What dose of haloperidol was given?", "number", "Medication", None, []),
    ("Did he have a swallow evaluation?", "yes_no", "Procedure", "yes", [A("SLP bedside swallow 2-12")]),
    ("Presenting symptoms?", "list", "Symptoms", None, [A("productive cough"), A("fever 38.7"), A("new confusion")]),
]

QA["anticoag_phone_01"] = [
    ("What is today's INR?", "number", "Lab Reports", None, [A("4.1")]),
    ("Why is the INR high?", "span", "Diagnosis", None, [A("started clarithromycin 06-30 for sinusitis")]),
    ("Previous INR?", "number", "Lab Reports", None, [A("2.6")]),
    ("Any bleeding?", "yes_no", "Symptoms", "no", [A("No bleeding")]),
    ("When is the next INR check?", "date", "Other", None, [A("07-15")]),
    ("What antibiotic was the patient on?", "span", "Medication", None, [A("clarithromycin")]),
    ("What is the hemoglobin?", "number", "Lab Reports", None, []),
    ("What is the warfarin dose on Mondays?", "span", "Medication", None, [A("2.5 mg", within="2.5 mg Mon/Fri")]),
    ("Was warfarin stopped permanently?", "yes_no", "Medication", "no",
     [A("hold warfarin tonight 2) then resume 5 mg daily"), A("then resume 5 mg daily")]),
    ("Allergies?", "list", "Other", None, [A("amiodarone")]),
    ("Target INR?", "span", "Lab Reports", None, [A("2-3")]),
    ("What was the INR on 07-15?", "number", "Lab Reports", None, []),
    ("Any dizziness?", "yes_no", "Symptoms", "no", [A("Denies headache, dizziness or falls")]),
]

QA["hp_stroke_01"] = [
    ("NIHSS?", "number", "Other", None, [A("17", occ=0, within="NIHSS 17 at 17:10")]),
    ("Was thrombectomy performed?", "yes_no", "Procedure", "no",
     [A("procedure not yet started at the time of this note")]),
    ("Was thrombolysis given?", "yes_no", "Medication", "yes",
     [A("IV tenecteplase 0.25 mg/kg (21 mg) given at 17:24")]),
    ("Tenecteplase dose?", "number", "Medication", None, [A("21 mg"), A("0.25 mg/kg (21 mg)")]),
    ("Is the patient anticoagulated?", "yes_no", "Medication", "no",
     [A("Anticoagulation not started"), A("No antiplatelet or anticoagulant")]),
    ("Does the patient smoke?", "yes_no", "Other", "no", [A("Former smoker, quit 2 years ago, 15 pack-years")]),
    ("Does the patient have multiple sclerosis?", "yes_no", "Diagnosis", "not_mentioned", []),
    ("Has he had a previous stroke?", "yes_no", "Diagnosis", "no", [A("He has never had a stroke or TIA before")]),
    ("Is there intracranial hemorrhage?", "yes_no", "Diagnosis", "no",
     [A("Intracerebral hemorrhage excluded on CT"), A("no hemorrhage")]),
    ("Where is the occlusion?", "span", "Procedure", None,
     [A("proximal left M1 segment of the middle cerebral artery")]),
    ("What was the BP on the 17:10 exam, before labetalol?", "span", "Other", None, [A("186/98 mmHg")]),
    ("Last known well?", "span", "Other", None, [A("16:05")]),
    ("What did the chest x-ray show?", "span", "Procedure", None, []),
    ("Why was metformin held?", "span", "Diagnosis", None, [A("contrast load")]),
    ("Core infarct volume?", "number", "Procedure", None, [A("18 mL")]),
    ("K?", "number", "Lab Reports", None, [A("4.0 mmol/L")]),
    ("Door-to-needle time?", "number", "Other", None, [A("26 min")]),
    ("¿Se inició la anticoagulación?", "yes_no", "Medication", "no", [A("Anticoagulation not started")]),
    ("What was the HbA1c on this admission?", "number", "Lab Reports", None, []),
    ("Is the atrial fibrillation new?", "yes_no", "Diagnosis", "yes",
     [A("new (sinus rhythm on a 2151 tracing)"), A("newly detected atrial fibrillation")]),
    ("What was the NIHSS after thrombectomy?", "number", "Other", None, []),
    ("Did he have a headache?", "yes_no", "Symptoms", "no", [A("No headache")]),
    ("What symptoms did he present with?", "list", "Symptoms", None, [A("right-sided weakness"), A("trouble speaking")]),
]


# --------------------------------------------------------------------------- cells
class C:
    def __init__(self, kind, anchors=(), values=None, verdict=None, note=""):
        self.kind, self.anchors, self.values, self.verdict, self.note = kind, list(anchors), values, verdict, note


def YN(verdict, *anchors, note=""):
    return C("yes_no", anchors, verdict=verdict, note=note)


def NUM(values, *anchors, note=""):
    return C("number", anchors, values=values, note=note)


def DATE(values, *anchors, note=""):
    return C("date", anchors, values=values, note=note)


def SPAN(*anchors, note=""):
    return C("span", anchors, note=note)


def LIST(*anchors, note=""):
    return C("list", anchors, note=note)


def ABS(note=""):
    return C("absent", note=note)


LIST_CONCEPTS = {"secondary_diagnoses", "past_medical_history", "allergies", "presenting_symptoms", "procedures",
                 "antibiotics", "discharge_medications", "new_medications", "stopped_medications", "lines_tubes"}
DS_ONLY = {"principal_diagnosis", "secondary_diagnoses", "discharge_medications", "discharge_date",
           "length_of_stay", "discharge_condition", "discharge_disposition"}
RAD_EXAM = {"exam_type", "indication", "comparison", "main_finding", "impression", "recommendation"}

CELLS = {}

ICU_LINES = "Lines/tubes: ETT, R IJ CVC, L radial art line, OGT, Foley."
ICU_PMH = "68M w/ COPD, HTN, CKD3"
CELLS["icu_prog_01"] = {
    "chief_complaint": ABS("intubated and sedated; no complaint recorded"),
    "admission_diagnosis": SPAN(A("septic shock", within="Adm 06/02/2151 via ED for septic shock.")),
    "past_medical_history": LIST(A("COPD", within=ICU_PMH), A("HTN", within=ICU_PMH), A("CKD3", within=ICU_PMH)),
    "presenting_symptoms": ABS("no presenting symptoms recorded (intubated)"),
    "fever": YN("yes", A("39.2"), A("38.9"), note="febrile in the vitals table (38.9-39.2 C)"),
    "max_temperature": NUM(["39.2 °C", "39.2"], A("39.2"), note="highest value in the vitals table (00:00)"),
    "oxygen_saturation": NUM(["93%", "93"], A("93%"), note="earliest row (20:00); later 91%, 95%, 96%"),
    "heart_rate": NUM(["118 bpm", "118"], A("118"), note="earliest row (20:00); later 124, 109, 101"),
    "blood_pressure": SPAN(A("92/51"), note="earliest row (20:00); later 84/46, 101/55, 108/60"),
    "wbc": NUM(["21.4 K/uL", "21.4"], A("21.4"), note="06-02 (admission) column; 18.9 and 14.2 later"),
    "hemoglobin": NUM(["11.8 g/dL", "11.8"], A("11.8"), note="06-02 column; 10.1 and 9.6 later"),
    "creatinine": NUM(["2.4 mg/dL", "2.4"], A("2.4"), note="06-02 column; 2.9 and 2.1 later"),
    "potassium": NUM(["5.6 mmol/L", "5.6"], A("5.6"), note="06-02 column; 4.4 and 3.9 later"),
    "chest_imaging": SPAN(A("RLL consolidation, unchanged; ETT 4 cm above carina; R IJ tip at cavoatrial jxn; no PTX"),
                          A("RLL consolidation")),
    "procedures": LIST(A("intubation 06-02"), A("R IJ CVC placement 06-02"), A("L radial arterial line 06-02")),
    "antibiotics": LIST(A("vanc"), A("pip-tazo"), A("cefazolin")),
    "anticoagulation": YN("no", A("no pharmacologic anticoagulation"), note="SCDs only"),
    "new_medications": LIST(A("vanc"), A("pip-tazo"), A("cefazolin 2 g IV q8h"), A("NE", within="NE peaked"),
                            A("Vasopressin"),
                            note="started during this admission; duonebs may be a home regimen and are not counted"),
    "stopped_medications": LIST(A("vanc"), A("pip-tazo"), A("Vasopressin"),
                                note="vanc + pip-tazo narrowed to cefazolin; vasopressin off 05:00"),
    "admission_date": DATE(["2151-06-02"], A("06/02/2151")),
    "discharge_disposition": ABS("not discharged ('remains in MICU')"),
    "smoking": YN("yes", A("current, 1 ppd x 40 yrs per wife")),
    "consolidation": YN("yes", A("RLL consolidation")),
    "pneumothorax": YN("no", A("no PTX")),
    "lines_tubes": LIST(A("ETT", within=ICU_LINES), A("R IJ CVC", within=ICU_LINES), A("L radial art line"),
                        A("OGT"), A("Foley")),
}

CELLS["dc_sum_01"] = {
    "chief_complaint": SPAN(A("Black, tarry stools and light-headedness")),
    "admission_diagnosis": SPAN(A("Acute upper gastrointestinal bleed")),
    "principal_diagnosis": SPAN(A("Bleeding duodenal ulcer (Forrest IIa), Helicobacter pylori positive"),
                                A("Bleeding duodenal ulcer")),
    "secondary_diagnoses": LIST(A("Acute blood loss anemia requiring transfusion"),
                                A("Acute kidney injury, prerenal, resolved"), A("Type 2 diabetes mellitus"),
                                A("Hypertension", within="- Hypertension\n")),
    "past_medical_history": LIST(A("type 2 diabetes", within="Past medical history: type 2 diabetes"),
                                 A("hypertension", within="(diet and metformin), hypertension,"),
                                 A("osteoarthritis of both knees"), A("atrial flutter ablated in 2144")),
    "allergies": LIST(A("codeine"), A("latex")),
    "presenting_symptoms": LIST(A("melena"), A("near-syncope"),
                                note="HPI; the chief complaint words them as black, tarry stools and light-headedness"),
    "symptom_duration": NUM(["4 days", "four days", "4"], A("Four days")),
    "fever": YN("no", A("No fever")),
    "chest_pain": YN("no", A("Denies chest pain")),
    "max_temperature": NUM(["36.4 °C", "36.4"], A("36.4 C"), note="only recorded temperature"),
    "oxygen_saturation": NUM(["98%", "98"], A("98%")),
    "heart_rate": NUM(["112 bpm", "112"], A("112", within="HR 112")),
    "blood_pressure": SPAN(A("94/58 mmHg"), A("94/58"), note="admission; 128/76 later off lisinopril"),
    "wbc": NUM(["11.2 K/uL", "11.2"], A("11.2 K/uL")),
    "hemoglobin": NUM(["6.9 g/dL", "6.9"], A("6.9 g/dL"), note="admission value; trend to 9.1 at discharge"),
    "creatinine": NUM(["1.6 mg/dL", "1.6"], A("1.6 mg/dL"), note="admission value; 0.9 at discharge"),
    "potassium": NUM(["4.1 mmol/L", "4.1"], A("4.1 mmol/L"), note="admission only; no discharge potassium"),
    "troponin": SPAN(A("<0.01 ng/mL"), A("troponin I <0.01 ng/mL")),
    "chest_imaging": ABS("no chest x-ray reported"),
    "procedures": LIST(A("Transfused 2 units PRBC"), A("EGD on 06-03"),
                       note="EGD with epinephrine injection and two hemostatic clips; colonoscopy and repeat EGD "
                            "are only planned"),
    "surgery": ABS("no surgery; endoscopic haemostasis only (see procedures)"),
    "antibiotics": LIST(A("tetracycline", within="STARTED:   tetracycline"),
                        A("metronidazole", within="STARTED:   metronidazole"),
                        note="part of bismuth quadruple therapy for H. pylori"),
    "discharge_medications": LIST(*DC1_MEDS, note="CONTINUED, STARTED and DOSE CHANGED lines; STOPPED and HELD "
                                                  "drugs excluded"),
    "anticoagulation": YN("no", A("not anticoagulated since")),
    "new_medications": LIST(A("pantoprazole 40 mg PO twice daily x 8 weeks, then once daily"),
                            A("bismuth subsalicylate 524 mg PO four times daily x 14 days"),
                            A("tetracycline 500 mg PO four times daily x 14 days"),
                            A("metronidazole 500 mg PO three times daily x 14 days"),
                            note="STARTED lines of the reconciliation (pantoprazole was IV before oral)"),
    "stopped_medications": LIST(A("aspirin 81 mg daily", within="STOPPED:   aspirin 81 mg daily"),
                                A("ibuprofen", within="STOPPED:   ibuprofen"),
                                note="lisinopril is HELD, not stopped; metformin was held then restarted"),
    "admission_date": DATE(["2150-06-02"], A("2150-06-02")),
    "discharge_date": DATE(["2150-06-07"], A("2150-06-07")),
    "length_of_stay": NUM(["5 days", "5"], A("5 days")),
    "discharge_condition": SPAN(A("Stable, ambulating independently, tolerating a regular diet"),
                                A("Stable", within="Condition at discharge: Stable")),
    "discharge_disposition": SPAN(A("Home with husband")),
    "smoking": YN("no", A("Former smoker - quit 10 years ago, 30 pack-years"), note="former smoker"),
    "follow_up": SPAN(A("PCP Dr. Lindqvist in 1 week with CBC and BMP"),
                      A("Gastroenterology clinic in 8 weeks: repeat EGD to confirm ulcer healing; H. pylori "
                        "eradication test at least 4 weeks after therapy"),
                      A("Colonoscopy is planned as an outpatient")),
}

ED_PMH = "57 y/o M w/ HTN, HLD, T2DM, prior heart attack (2146, RCA stent)"
ED_CXR = "no consolidation, effusion or pneumothorax"
CELLS["ed_note_01"] = {
    "chief_complaint": SPAN(A("pressure in my chest"), A("\"pressure in my chest\"")),
    "admission_diagnosis": SPAN(A("NSTEMI", within="MDM/Impression: NSTEMI"),
                                A("NSTEMI (rising hs-troponin, dynamic ST depressions)"),
                                note="ED impression on admission to the CCU"),
    "past_medical_history": LIST(A("HTN", within=ED_PMH), A("HLD"), A("T2DM"),
                                 A("prior heart attack (2146, RCA stent)"), A("GERD"), A("OSA on CPAP"),
                                 note="PSH (appendectomy, PCI) is listed separately"),
    "allergies": LIST(A("penicillin"), A("sulfa drugs")),
    "presenting_symptoms": LIST(A("substernal chest pressure"), A("diaphoresis", within="+ diaphoresis"),
                                A("nausea", within="+ nausea")),
    "symptom_duration": NUM(["2 hours", "2 h", "2"], A("2 hours")),
    "fever": YN("no", A("denies fever/chills")),
    "chest_pain": YN("yes", A("substernal chest pressure x 2 hours"), note="chest pressure"),
    "max_temperature": NUM(["36.8 °C", "36.8"], A("36.8"), note="only recorded temperature (triage)"),
    "oxygen_saturation": NUM(["97%", "97"], A("97%"), note="triage; 98% at 16:30"),
    "heart_rate": NUM(["96 bpm", "96"], A("96", within="HR 96"), note="triage; 78 at 16:30"),
    "blood_pressure": SPAN(A("168/94"), note="triage; 142/86 at 16:30"),
    "wbc": NUM(["9.8"], A("9.8")),
    "hemoglobin": NUM(["14.6"], A("14.6")),
    "creatinine": NUM(["1.0"], A("1.0", within="Cr 1.0")),
    "potassium": NUM(["4.3"], A("4.3")),
    "troponin": SPAN(A("38 ng/L (14:58) -> 112 ng/L (17:58)"), A("38 ng/L"),
                     A("hs-troponin T 38 ng/L (14:58) -> 112 ng/L (17:58)"), note="rising: 38 then 112 ng/L"),
    "chest_imaging": SPAN(A("no consolidation, effusion or pneumothorax; mediastinum not widened; heart size normal")),
    "procedures": ABS("no procedure performed in the ED; cath only planned; ECG/CXR are tests; PCI and appendectomy "
                      "are past history"),
    "surgery": ABS("past surgical history only (appendectomy at 19)"),
    "anticoagulation": YN("yes", A("Heparin bolus 4000 units then infusion per ACS nomogram")),
    "new_medications": LIST(A("NTG drip started at 10 mcg/min"),
                            A("Heparin bolus 4000 units then infusion per ACS nomogram"),
                            A("Clopidogrel 600 mg load"),
                            note="ASA 324 mg and metoprolol are home drugs; clopidogrel reloaded after a lapse"),
    "stopped_medications": ABS("clopidogrel lapsed by non-adherence before arrival and was reloaded; nothing "
                               "discontinued"),
    "admission_date": DATE(["2152-11-19"], A("11/19/2152"), note="ED date of service; admitted to CCU the same day"),
    "discharge_disposition": ABS("admitted to the CCU, not discharged"),
    "smoking": YN("yes", A("current smoker, ~1 ppd x 35 yrs")),
    "consolidation": YN("no", A(ED_CXR)),
    "pleural_effusion": YN("no", A(ED_CXR)),
    "pneumothorax": YN("no", A(ED_CXR)),
    "cardiomegaly": YN("no", A("heart size normal")),
}

CELLS["clinic_letter_01"] = {
    "chief_complaint": SPAN(A("burning, lancinating pain and marked allodynia under the right breast and around to "
                              "the back"), A("burning, lancinating pain"),
                            note="letter without headers: the pain she was referred with"),
    "admission_diagnosis": ABS("outpatient letter; no admission"),
    "past_medical_history": LIST(A("hypothyroidism"), A("osteoporosis", occ=0), A("right total hip replacement in 2149"),
                                 A("transient ischaemic attack in 2150"),
                                 note="current problem (shingles / post-herpetic neuralgia) not counted"),
    "allergies": LIST(A("morphine")),
    "presenting_symptoms": LIST(A("burning, lancinating pain"), A("marked allodynia")),
    "symptom_duration": NUM(["14 weeks", "fourteen weeks"], A("about fourteen weeks")),
    "heart_rate": NUM(["72 bpm", "72"], A("72")),
    "blood_pressure": SPAN(A("146/82 mmHg"), A("146/82")),
    "creatinine": NUM(["88 µmol/L", "88 umol/L", "88"], A("88 µmol/L"), note="January result"),
    "surgery": ABS("past surgical history only (right total hip replacement 2149)"),
    "antibiotics": ABS("valaciclovir is an antiviral; no antibiotics"),
    "anticoagulation": YN("not_mentioned", note="on clopidogrel (antiplatelet), not an anticoagulant"),
    "new_medications": LIST(A("pregabalin 25 mg twice daily"), A("lidocaine 5% medicated plasters")),
    "stopped_medications": LIST(A("amitriptyline 10 mg at night"), note="stopped by the GP after two weeks"),
    "smoking": YN("no", A("She has never smoked")),
    "follow_up": SPAN(A("I will see her again in the pain clinic in eight weeks"),
                      A("asked our specialist nurse to telephone her in two weeks to check for side effects")),
}

CELLS["op_note_01"] = {
    "chief_complaint": SPAN(A("RUQ pain"), note="no CC header; presenting complaint in Indications"),
    "admission_diagnosis": SPAN(A("Acute calculous cholecystitis"),
                                note="preoperative diagnosis; she was admitted on 09/13 with it"),
    "presenting_symptoms": LIST(A("RUQ pain"), A("fever to 38.6 C")),
    "symptom_duration": NUM(["3 days", "3"], A("3 days")),
    "fever": YN("yes", A("fever to 38.6 C")),
    "max_temperature": NUM(["38.6 °C", "38.6"], A("38.6 C")),
    "wbc": NUM(["15.8"], A("15.8")),
    "procedures": LIST(A("Laparoscopic cholecystectomy"), A("intraoperative cholangiogram")),
    "surgery": SPAN(A("Laparoscopic cholecystectomy with intraoperative cholangiogram"),
                    A("Laparoscopic cholecystectomy")),
    "antibiotics": LIST(A("cefazolin"), A("ceftriaxone", occ=0), A("metronidazole", occ=0)),
    "new_medications": ABS("single prophylactic cefazolin dose; ceftriaxone and metronidazole were already running "
                           "since admission and are continued"),
    "admission_date": DATE(["2151-09-13"], A("09/13"), note="year taken from the date of operation 09/14/2151"),
    "discharge_condition": ABS("'stable condition' refers to transfer to PACU, not discharge"),
    "follow_up": SPAN(A("Follow up in surgery clinic in 2 weeks")),
    "lines_tubes": LIST(A("19 Fr Blake drain"), note="drain left in the gallbladder fossa; extubated in the OR"),
}

CELLS["nursing_note_01"] = {
    "chief_complaint": ABS("POD#1 shift note; no presenting complaint"),
    "admission_diagnosis": SPAN(A("L femoral neck fx after fall at home"), A("L femoral neck fx"),
                                note="reason for admission and surgery"),
    "past_medical_history": LIST(A("AF", within="hx AF")),
    "allergies": LIST(A("NKDA")),
    "presenting_symptoms": ABS("POD#1 shift note; presenting symptoms not described"),
    "fever": YN("yes", A("Temp 38.4 at 0200")),
    "max_temperature": NUM(["38.4 °C", "38.4"], A("38.4")),
    "oxygen_saturation": NUM(["93%", "93"], A("93%"), note="on 2L NC; 89% on room air"),
    "heart_rate": NUM(["96 bpm", "96"], A("96")),
    "blood_pressure": SPAN(A("108/62")),
    "hemoglobin": NUM(["11.9 g/dL", "11.9"], A("11.9"),
                      note="earliest value (pre-op); 10.2 post-op yesterday PM; AM labs pending"),
    "procedures": LIST(A("L hip hemiarthroplasty"), note="surgery on 10/1; Foley removal and bladder scan are nursing "
                                                         "tasks"),
    "surgery": SPAN(A("L hip hemiarthroplasty (10/1)"), A("L hip hemiarthroplasty")),
    "anticoagulation": YN("no", A("apixaban (home, for AF) held peri-op"), note="home apixaban on hold; SCDs only"),
    "new_medications": ABS("PRN doses of existing orders (oxycodone, acetaminophen, senna); 'no new orders'"),
    "stopped_medications": ABS("apixaban held peri-op, not stopped"),
    "lines_tubes": LIST(A("R FA PIV 20g"), note="Foley removed 10/1; nasal cannula is an oxygen device"),
}

CARDS_PMH = ("coronary artery disease (MI 2141, LAD DES); hypertension; hyperlipidemia; chronic kidney disease stage "
             "3a; benign prostatic hyperplasia")
CELLS["cards_consult_01"] = {
    "chief_complaint": SPAN(A("New atrial fibrillation with rapid ventricular response"), A("palpitations"),
                            note="consult: reason for consult, or the symptom that prompted it"),
    "admission_diagnosis": SPAN(A("community-acquired pneumonia")),
    "past_medical_history": LIST(*[A(t, within=CARDS_PMH) for t in (
        "coronary artery disease (MI 2141, LAD DES)", "hypertension", "hyperlipidemia",
        "chronic kidney disease stage 3a", "benign prostatic hyperplasia")]),
    "allergies": LIST(A("No known drug allergies"), note="NKDA stated"),
    "presenting_symptoms": LIST(A("palpitations"), A("mild dyspnea")),
    "fever": YN("no", A("T 37.4 C"), note="afebrile by the recorded temperature"),
    "chest_pain": YN("no", A("no chest pain")),
    "max_temperature": NUM(["37.4 °C", "37.4"], A("37.4 C")),
    "oxygen_saturation": NUM(["94%", "94"], A("94%"), note="on 2 L"),
    "heart_rate": NUM(["148 bpm", "148"], A("148 bpm"), note="examination; ECG ventricular rate 146"),
    "blood_pressure": SPAN(A("112/70 mmHg"), A("112/70")),
    "creatinine": NUM(["1.5 mg/dL", "1.5"], A("1.5 mg/dL"), note="baseline 1.3"),
    "potassium": NUM(["3.4 mmol/L", "3.4"], A("3.4 mmol/L")),
    "troponin": SPAN(A("24 -> 26 ng/L (flat)"), A("hs-troponin T 24 -> 26 ng/L")),
    "procedures": ABS("TTE ordered and cardioversion only planned; no procedure performed"),
    "surgery": ABS("LAD stent in 2141 is history"),
    "antibiotics": LIST(A("ceftriaxone"), A("azithromycin")),
    "anticoagulation": YN("yes", A("apixaban 5 mg PO BID started")),
    "new_medications": LIST(A("metoprolol tartrate 12.5 mg PO q6h"), A("apixaban 5 mg PO BID"),
                            note="started at this consult; ceftriaxone/azithromycin were started at admission "
                                 "(day 3), before the consult"),
    "stopped_medications": LIST(A("Aspirin", within="Aspirin stopped today")),
    "admission_date": DATE(["2153-01-25"], A("2153-01-25")),
    "smoking": YN("no", A("Quit smoking in 2141 after his heart attack (20 pack-years)")),
    "follow_up": SPAN(A("Cardiology will continue to follow daily while inpatient"),
                      A("plan TEE-guided cardioversion as an outpatient in 3-4 weeks after uninterrupted "
                        "anticoagulation")),
    "cardiomegaly": YN("not_mentioned", note="only mild LA enlargement on a 2151 TTE; no statement on heart size"),
}

CELLS["cxr_01"] = {
    "chest_imaging": SPAN(A(CXR_IMPRESSION),
                          A("Right internal jugular central venous catheter terminating at the cavoatrial junction. "
                            "No pneumothorax.")),
    "procedures": LIST(A("Right internal jugular central line placed"),
                       note="line placement stated in the indication; the radiograph itself is not counted"),
    "exam_type": SPAN(A("XR CHEST PORTABLE AP, 1 VIEW")),
    "indication": SPAN(A("Right internal jugular central line placed; evaluate line position and exclude "
                         "pneumothorax. Intubated patient."),
                       A("evaluate line position and exclude pneumothorax")),
    "comparison": SPAN(A("Chest radiograph 2151-06-02 15:10 (pre-intubation)")),
    "consolidation": YN("yes", A("Dense right lower lobe consolidation"), A("Persistent right lower lobe consolidation")),
    "pleural_effusion": YN("uncertain", A("A small left pleural effusion is possible versus overlying soft tissue; "
                                          "not clearly present")),
    "pneumothorax": YN("no", A("No pneumothorax on either side"), A("No pneumothorax", occ=1)),
    "cardiomegaly": YN("uncertain", A("Heart size is difficult to assess on this AP portable projection")),
    "pulmonary_edema": YN("no", A("No pulmonary edema")),
    "lines_tubes": LIST(A("Endotracheal tube", occ=0), A("right internal jugular central venous catheter"),
                        A("Enteric tube")),
    "main_finding": SPAN(A("Right internal jugular central venous catheter terminating at the cavoatrial junction. "
                           "No pneumothorax."),
                         A("Persistent right lower lobe consolidation, consistent with known pneumonia"),
                         note="line-position study: the answer to the indication; persistent consolidation also "
                              "acceptable"),
    "impression": SPAN(A(CXR_IMPRESSION)),
    "recommendation": ABS("no recommendation given"),
}

CTPA_IMPRESSION = ("1. " + CTPA_IMP1 + "\n2. Small right pleural effusion.\n3. 6 mm solid right upper lobe nodule. "
                   + CTPA_REC)
CELLS["ctpa_01"] = {
    "past_medical_history": LIST(A("right ankle ORIF"), note="only history given: ankle ORIF 10 days earlier"),
    "presenting_symptoms": LIST(A("pleuritic chest pain")),
    "chest_pain": YN("yes", A("pleuritic chest pain")),
    "oxygen_saturation": NUM(["90%", "90"], A("90%"), note="on room air"),
    "heart_rate": NUM(["118 bpm", "118"], A("118")),
    "chest_imaging": ABS("CT angiogram, not a chest x-ray"),
    "surgery": ABS("ankle ORIF 10 days earlier is history, not this encounter"),
    "exam_type": SPAN(A("CT ANGIOGRAPHY CHEST (PULMONARY EMBOLISM PROTOCOL)")),
    "indication": SPAN(A("Evaluate for PE"),
                       A("49-year-old woman, 10 days after right ankle ORIF, with pleuritic chest pain, HR 118, SpO2 "
                         "90% on room air, D-dimer 4.2 mg/L FEU. Evaluate for PE.")),
    "comparison": ABS("'Comparison: None available.'"),
    "follow_up": ABS("no clinical follow-up arranged; the nodule CT advice is a radiology recommendation (see "
                     "recommendation)"),
    "consolidation": YN("no", A("No consolidation")),
    "pleural_effusion": YN("yes", A("Small right pleural effusion", occ=0), A("Small right pleural effusion", occ=1)),
    "pneumothorax": YN("no", A("No pneumothorax")),
    "cardiomegaly": YN("no", A("No cardiomegaly"), note="RV dilated (RV/LV 1.3, strain) but no cardiomegaly stated"),
    "pulmonary_edema": YN("no", A("No pulmonary edema")),
    "nodule": YN("yes", A("6 mm solid nodule in the right upper lobe"), A("6 mm solid right upper lobe nodule")),
    "nodule_size": NUM(["6 mm", "6"], A("6 mm", occ=0), A("6 mm", occ=1)),
    "main_finding": SPAN(A("Acute bilateral pulmonary emboli"), A(CTPA_IMP1)),
    "impression": SPAN(A(CTPA_IMPRESSION)),
    "recommendation": SPAN(A(CTPA_REC)),
}

CTH_IMPRESSION = (
    "1. Acute left convexity subdural hematoma, up to 14 mm thick, with swirl sign concerning for active hemorrhage, "
    "in an anticoagulated patient.\n2. 8 mm rightward midline shift with partial effacement of the suprasellar "
    "cistern; early left uncal herniation cannot be excluded.\n3. Non-displaced left parietal skull fracture and "
    "small left frontal contusion.\n4. Recommend emergent neurosurgical evaluation and anticoagulation reversal. "
    "Findings discussed with Dr. Farouk (ED) at 02:03.")
CELLS["ct_head_01"] = {
    "past_medical_history": LIST(A("mechanical mitral valve")),
    "presenting_symptoms": LIST(A("drowsy"), A("R arm weakness")),
    "anticoagulation": YN("yes", A("on warfarin"), A("in an anticoagulated patient")),
    "exam_type": SPAN(A("CT head without IV contrast")),
    "indication": SPAN(A("79M on warfarin for mechanical mitral valve, fall down stairs with head strike ~23:00, now "
                         "drowsy with R arm weakness. INR 3.4."),
                       A("fall down stairs with head strike ~23:00, now drowsy with R arm weakness")),
    "comparison": SPAN(A("CT head 2150-04-11")),
    "follow_up": ABS("no clinical follow-up arranged; neurosurgical evaluation is a radiology recommendation"),
    "pulmonary_edema": YN("not_mentioned", note="only cerebral (perilesional) edema"),
    "main_finding": SPAN(A("Acute left convexity subdural hematoma, up to 14 mm thick, with swirl sign concerning for "
                           "active hemorrhage, in an anticoagulated patient."),
                         A("Acute left convexity subdural hematoma")),
    "impression": SPAN(A(CTH_IMPRESSION)),
    "recommendation": SPAN(A("Recommend emergent neurosurgical evaluation and anticoagulation reversal")),
}

CELLS["endo_fu_01"] = {
    "chief_complaint": ABS("routine 3-month review; no presenting complaint"),
    "admission_diagnosis": ABS("outpatient visit; no admission"),
    "past_medical_history": LIST(A("type 2 diabetes", occ=0), A("Hypertension (2148)"), A("hyperlipidaemia", occ=0),
                                 A("mild background diabetic retinopathy")),
    "allergies": LIST(A("Nil known")),
    "presenting_symptoms": LIST(A("three symptomatic hypoglycaemic episodes"), A("nocturia twice nightly")),
    "chest_pain": YN("no", A("Denies chest pain")),
    "heart_rate": NUM(["76 bpm", "76"], A("76 bpm")),
    "blood_pressure": SPAN(A("148/88 mmHg"), A("148/88"), note="repeat 142/86"),
    "creatinine": NUM(["102 µmol/L", "102 umol/L", "102"], A("102 µmol/L")),
    "potassium": NUM(["4.8 mmol/L", "4.8"], A("4.8 mmol/L")),
    "new_medications": LIST(A("empagliflozin 10 mg once daily"),
                            note="ramipril and atorvastatin doses increased (not new drugs)"),
    "stopped_medications": LIST(A("gliclazide", within="STOP gliclazide")),
    "smoking": YN("no", A("Ex-smoker (stopped 2139)")),
    "follow_up": SPAN(A("Review in clinic in 3 months with HbA1c, U&E and lipids"), A("U&E in 2 weeks"),
                      A("Retinal screening due Sept 2154")),
}

CELLS["prog_fhx_01"] = {
    "chief_complaint": SPAN(A("3 days of a red, hot, painful left shin and fever"), A("red, hot, painful left shin"),
                            note="no CC header; presenting complaint in Subjective"),
    "admission_diagnosis": SPAN(A("left lower leg cellulitis")),
    "past_medical_history": LIST(A("obesity (BMI 36)"), A("eczema"), A("iron deficiency anaemia (2148)"),
                                 note="family history conditions are not the patient's"),
    "allergies": LIST(A("Doxycycline")),
    "presenting_symptoms": LIST(A("red, hot, painful left shin"), A("fever", within="left shin and fever")),
    "symptom_duration": NUM(["3 days", "3"], A("3 days")),
    "fever": YN("yes", A("Febrile to 38.9 C on admission")),
    "max_temperature": NUM(["38.9 °C", "38.9"], A("38.9 C"), note="on admission; Tmax 37.6 C in the last 24 h"),
    "oxygen_saturation": NUM(["99%", "99"], A("99%")),
    "heart_rate": NUM(["84 bpm", "84"], A("84")),
    "blood_pressure": SPAN(A("124/78")),
    "wbc": NUM(["16.3 x10^9/L", "16.3"], A("16.3"), note="admission value; 9.1 on day 3"),
    "creatinine": NUM(["0.7 mg/dL", "0.7"], A("0.7 mg/dL"), note="day-3 value, the only one reported"),
    "procedures": ABS("venous duplex is diagnostic imaging; no procedures"),
    "antibiotics": LIST(A("ceftriaxone"), A("cefazolin", occ=0), note="oral cefalexin only planned from tomorrow"),
    "anticoagulation": YN("not_mentioned"),
    "new_medications": LIST(A("ceftriaxone"), A("cefazolin 2 g IV q8h"), A("terbinafine 1% cream BID to toes"),
                            note="started this admission (ceftriaxone since switched to cefazolin)"),
    "stopped_medications": LIST(A("ceftriaxone"), note="switched to cefazolin on 10-08"),
    "admission_date": DATE(["2150-10-07"], A("2150-10-07")),
    "discharge_disposition": ABS("discharge home only anticipated tomorrow"),
    "smoking": YN("no", A("Never smoker")),
    "follow_up": ABS("nothing arranged; only advised to discuss screening with her PCP"),
}

DEID_PMH = ("- HFrEF, ischemic cardiomyopathy, EF 30%\n- CAD s/p CABG x3 [**2144**]\n- Atrial fibrillation, on warfarin\n"
            "- CKD stage 3b\n- Hypertension\n- Gout")
DEID_COND = ("Mental Status: Clear and coherent.\nLevel of Consciousness: Alert and interactive.\n"
             "Activity Status: Ambulatory - requires assistance or aid (walker).")
CELLS["deid_dc_01"] = {
    "chief_complaint": SPAN(A("Shortness of breath, leg swelling")),
    "admission_diagnosis": SPAN(A("acute on chronic systolic heart failure exacerbation")),
    "principal_diagnosis": SPAN(A("Acute on chronic systolic congestive heart failure")),
    "secondary_diagnoses": LIST(A("Acute kidney injury on chronic kidney disease stage 3b"),
                                A("Atrial fibrillation", within="; Atrial fibrillation;"), A("Coronary artery disease")),
    "past_medical_history": LIST(*[A(t, within=DEID_PMH) for t in (
        "HFrEF, ischemic cardiomyopathy, EF 30%", "CAD s/p CABG x3", "Atrial fibrillation, on warfarin",
        "CKD stage 3b", "Hypertension", "Gout")]),
    "allergies": LIST(A("Penicillins"), A("Iodinated contrast")),
    "presenting_symptoms": LIST(A("progressive dyspnea on exertion"), A("3-pillow orthopnea"), A("PND"),
                                A("4 kg weight gain"), A("leg swelling")),
    "symptom_duration": NUM(["1 week", "7 days"], A("1 week", within="1 week of progressive dyspnea")),
    "fever": YN("no", A("No fevers")),
    "chest_pain": YN("no", A("Denies chest pain")),
    "max_temperature": NUM(["36.7 °C", "36.7"], A("36.7")),
    "oxygen_saturation": NUM(["88%", "88"], A("88%"), note="room air in the ED; 95% on 4L"),
    "heart_rate": NUM(["102 bpm", "102"], A("102")),
    "blood_pressure": SPAN(A("156/92")),
    "wbc": NUM(["7.8"], A("7.8", within="WBC-7.8")),
    "hemoglobin": NUM(["10.9"], A("10.9")),
    "creatinine": NUM(["1.9"], A("1.9", within="CREAT-1.9"), A("1.9", within="Cr peak 1.9"),
                      note="admission (= peak); 1.6 at discharge; baseline 1.4"),
    "potassium": NUM(["5.1"], A("5.1", within="K-5.1"), A("5.1", within="K 5.1 on admission"),
                     note="admission only; no discharge potassium"),
    "troponin": SPAN(A("trop-T 0.03"), A("cTropnT-0.03"), A("0.03", within="trop-T 0.03")),
    "chest_imaging": SPAN(A(DEID_CXR), A("pulmonary edema and bilateral effusions")),
    "procedures": ABS("'Major Surgical or Invasive Procedure: None'"),
    "surgery": ABS("none this admission; CABG 2144 is history"),
    "discharge_medications": LIST(*DEID_MEDS),
    "anticoagulation": YN("yes", A("Warfarin continued"), A("AF on warfarin")),
    "new_medications": ABS("no new drug on the discharge list; torsemide increased 20 -> 40 mg and allopurinol "
                           "reduced; IV furosemide was inpatient only; spironolactone NOT started"),
    "stopped_medications": ABS("no pre-admission medication stopped"),
    "admission_date": DATE(["2150-03-14"], A("2150-3-14", occ=0)),
    "discharge_date": DATE(["2150-03-19"], A("2150-3-19", occ=0)),
    "length_of_stay": NUM(["5 days", "5"], A("2150-3-14", occ=0), A("2150-3-19", occ=0),
                          note="not written as a number: derived from the admission and discharge dates; spans are "
                               "the two dates"),
    "discharge_condition": SPAN(A(DEID_COND)),
    "discharge_disposition": SPAN(A("Home With Service")),
    "smoking": YN("no", A("Former smoker, quit 10 years ago, 30 pack-years")),
    "follow_up": SPAN(A("Cardiology: Dr. [**First Name (STitle) 2468**] [**Last Name (NamePattern1) 1357**], "
                        "[**2150-3-26**] at 10:30 AM, [**Hospital1 18**] Heart Failure Clinic."),
                      A("PCP: visit within 1 week with INR and chemistry check.")),
    "consolidation": YN("no", A("No focal consolidation")),
    "pleural_effusion": YN("yes", A("moderate bilateral pleural effusions"), A("bilateral effusions")),
    "pneumothorax": YN("no", A("No pneumothorax")),
    "cardiomegaly": YN("yes", A("cardiomegaly")),
    "pulmonary_edema": YN("yes", A("Moderate pulmonary edema"), A("pulmonary edema and bilateral effusions")),
}

CELLS["psych_fu_01"] = {
    "chief_complaint": ABS("medication-management follow-up; no presenting complaint"),
    "admission_diagnosis": ABS("outpatient visit; no admission"),
    "past_medical_history": LIST(A("major depressive disorder, recurrent"), A("generalized anxiety disorder")),
    "presenting_symptoms": LIST(A("ruminative worry"), note="ongoing symptom at follow-up; nausea was a resolved "
                                                            "side effect"),
    "heart_rate": NUM(["88 bpm", "88"], A("88")),
    "blood_pressure": SPAN(A("118/74")),
    "new_medications": ABS("no new drug: sertraline was increased at the previous visit; CBT is not a drug"),
    "stopped_medications": LIST(A("trazodone"), note="stopped by the patient; confirmed discontinued in the plan"),
    "smoking": YN("yes", A("smokes 5-6 cigarettes/day")),
    "follow_up": SPAN(A("Return in 6 weeks")),
}

CELLS["dc_sum_02"] = {
    "chief_complaint": SPAN(A("2 d of productive cough, fever 38.7, new confusion per daughter"),
                            A("productive cough")),
    "admission_diagnosis": ABS("not labelled; only discharge diagnoses are listed"),
    "principal_diagnosis": SPAN(A("Community-acquired pneumonia, left lower lobe")),
    "secondary_diagnoses": LIST(A("Acute delirium, resolved"), A("Hypernatremia (Na 151 on adm), corrected"),
                                A("Parkinson disease, chronic")),
    "past_medical_history": LIST(A("Parkinson disease (2143)"), A("BPH"), A("hypothyroidism"),
                                 A("macular degeneration")),
    "allergies": LIST(A("NKDA")),
    "presenting_symptoms": LIST(A("productive cough"), A("fever 38.7"), A("new confusion")),
    "symptom_duration": NUM(["2 days", "2"], A("2 d", within="2 d of productive cough")),
    "fever": YN("yes", A("fever 38.7")),
    "max_temperature": NUM(["38.7 °C", "38.7"], A("38.7")),
    "oxygen_saturation": NUM(["89%", "89"], A("89%")),
    "heart_rate": NUM(["104 bpm", "104"], A("104")),
    "blood_pressure": SPAN(A("108/64")),
    "wbc": NUM(["18.6 x10^9/L", "18.6"], A("18.6 x10^9/L")),
    "hemoglobin": NUM(["13.8 g/dL", "13.8"], A("13.8 g/dL")),
    "creatinine": NUM(["1.42 mg/dL", "1.42"], A("1.42 mg/dL")),
    "potassium": NUM(["3.6 mmol/L", "3.6"], A("3.6 mmol/L")),
    "chest_imaging": SPAN(A("LLL consolidation with small L parapneumonic effusion; no pneumothorax")),
    "procedures": ABS("bedside swallow screen is an assessment; thoracentesis and VFSS not done"),
    "antibiotics": LIST(*DC2_ABX),
    "discharge_medications": LIST(*DC2_MEDS),
    "new_medications": LIST(A("amoxicillin-clavulanate 875/125 mg BID x 2 more days"),
                            note="new on the discharge list; inpatient ceftriaxone, azithromycin and D5W not on it"),
    "stopped_medications": LIST(A("oxybutynin")),
    "admission_date": DATE(["2151-02-10"], A("2151-02-10")),
    "discharge_date": DATE(["2151-02-16"], A("2151-02-16")),
    "length_of_stay": NUM(["6 days", "6"], A("6 d")),
    "discharge_condition": SPAN(A("improved; oriented x3; walks 20 m with frame + 1 assist")),
    "discharge_disposition": SPAN(A("skilled nursing facility (Brookhaven Rehab)"), A("skilled nursing facility")),
    "smoking": YN("no", A("Never smoked")),
    "follow_up": SPAN(A("GP within 2 wk after SNF discharge"),
                      A("repeat CXR in 6 weeks to document resolution (ordered)")),
    "consolidation": YN("yes", A("LLL consolidation")),
    "pleural_effusion": YN("yes", A("small L parapneumonic effusion")),
    "pneumothorax": YN("no", A("no pneumothorax")),
}

CELLS["anticoag_phone_01"] = {
    "chief_complaint": ABS("scheduled INR call; no complaint"),
    "past_medical_history": LIST(A("AF")),
    "allergies": LIST(A("amiodarone")),
    "presenting_symptoms": ABS("asymptomatic (no bleeding)"),
    "antibiotics": LIST(A("clarithromycin")),
    "anticoagulation": YN("yes", A("warfarin for AF"), note="ongoing warfarin; only tonight's dose is held"),
    "new_medications": LIST(A("clarithromycin"), note="started 06-30 for sinusitis (another prescriber), course "
                                                      "ended 07-07"),
    "stopped_medications": ABS("warfarin held for one night only; clarithromycin course completed"),
    "follow_up": SPAN(A("recheck INR 07-15")),
}

HP_PMH = ("1. Hypertension, on two agents\n2. Type 2 diabetes mellitus (HbA1c 7.2% in June 2153)\n3. Hyperlipidemia\n"
          "4. Obstructive sleep apnea, uses CPAP\n5. Benign prostatic hyperplasia\n6. Left inguinal hernia repair (2139)")
HP_ROS = "no fever, cough, chest pain or weight loss"
CELLS["hp_stroke_01"] = {
    "chief_complaint": SPAN(A("sudden right-sided weakness and trouble speaking")),
    "admission_diagnosis": SPAN(A("Acute ischemic stroke, left M1 occlusion"), A("acute left MCA syndrome")),
    "past_medical_history": LIST(*[A(t, within=HP_PMH) for t in (
        "Hypertension", "Type 2 diabetes mellitus", "Hyperlipidemia", "Obstructive sleep apnea",
        "Benign prostatic hyperplasia", "Left inguinal hernia repair (2139)")]),
    "allergies": LIST(A("lisinopril")),
    "presenting_symptoms": LIST(A("right-sided weakness"), A("trouble speaking"),
                                note="HPI: unable to lift the right arm, only a few garbled words"),
    "symptom_duration": ABS("hyperacute (last known well 16:05); no duration stated"),
    "fever": YN("no", A(HP_ROS)),
    "chest_pain": YN("no", A(HP_ROS)),
    "max_temperature": NUM(["36.9 °C", "36.9"], A("36.9 C")),
    "oxygen_saturation": NUM(["96%", "96"], A("96%")),
    "heart_rate": NUM(["88 bpm", "88"], A("88", within="HR 88")),
    "blood_pressure": SPAN(A("188/102 mmHg"), A("186/98 mmHg"),
                           note="EMS 188/102 and first in-hospital 186/98 both acceptable; 178/94 after labetalol"),
    "wbc": NUM(["8.1 x10^9/L", "8.1"], A("8.1 x10^9/L")),
    "hemoglobin": NUM(["14.9 g/dL", "14.9"], A("14.9 g/dL")),
    "creatinine": NUM(["96 µmol/L", "96 umol/L", "96"], A("96 µmol/L")),
    "potassium": NUM(["4.0 mmol/L", "4.0"], A("4.0 mmol/L")),
    "troponin": SPAN(A("troponin T 14 ng/L"), A("14 ng/L")),
    "chest_imaging": ABS("'CXR: not yet performed'"),
    "procedures": ABS("thrombectomy not yet started; thrombolysis is a drug (see new_medications); imaging excluded"),
    "surgery": ABS("only past hernia repair (2139)"),
    "anticoagulation": YN("no", A("Anticoagulation not started"), A("No antiplatelet or anticoagulant")),
    "new_medications": LIST(A("IV tenecteplase 0.25 mg/kg (21 mg)"), A("labetalol 10 mg IV"),
                            A("insulin sliding scale")),
    "stopped_medications": ABS("amlodipine, losartan and metformin held, not stopped"),
    "admission_date": DATE(["2153-09-03"], A("2153-09-03")),
    "smoking": YN("no", A("Former smoker, quit 2 years ago, 15 pack-years")),
}


# --------------------------------------------------------------------------- concepts
def read_concepts():
    text = (HERE / "CONCEPTS.md").read_text(encoding="utf-8")
    out, q = [], None
    for line in text.splitlines():
        m = re.match(r"### questionnaire `([^`]+)`", line)
        if m:
            q = m.group(1)
            continue
        m = re.match(r"- `([a-z0-9_]+)` \(([a-z_]+)", line)
        if m and q:
            out.append((q, m.group(1), m.group(2)))
    assert len(out) == 48, len(out)
    return out


ANSWER_TYPES = {"span", "yes_no", "number", "date", "list"}
CATEGORIES = {"Diagnosis", "Medication", "Symptoms", "Procedure", "Lab Reports", "Other"}
VERDICTS = {"yes", "no", "uncertain", "not_mentioned"}


def build():
    notes = {}
    for nid in NOTE_TYPES:
        p = NOTES_DIR / f"{nid}.txt"
        notes[nid] = p.read_text(encoding="utf-8")
    on_disk = {p.stem for p in NOTES_DIR.glob("*.txt")}
    if on_disk != set(NOTE_TYPES):
        raise BuildError(f"notes on disk {sorted(on_disk ^ set(NOTE_TYPES))} do not match NOTE_TYPES")

    # ---- questions
    data = []
    for nid, ctx in notes.items():
        qas = []
        for i, (question, atype, cat, verdict, answers) in enumerate(QA[nid], 1):
            qid = f"{nid}_{i:02d}"
            if atype not in ANSWER_TYPES or cat not in CATEGORIES:
                raise BuildError(f"{qid}: bad answer_type/category {atype}/{cat}")
            impossible = not answers
            if atype == "yes_no":
                if verdict not in VERDICTS:
                    raise BuildError(f"{qid}: yes_no needs a verdict")
                if (verdict == "not_mentioned") != impossible:
                    raise BuildError(f"{qid}: not_mentioned <=> no answers")
            elif verdict is not None:
                raise BuildError(f"{qid}: verdict only for yes_no")
            ans = []
            for a in answers:
                s = locate(ctx, a, qid)
                ans.append({"text": a.text, "answer_start": s})
            if len({(x["text"], x["answer_start"]) for x in ans}) != len(ans):
                raise BuildError(f"{qid}: duplicate answers")
            qas.append({"id": qid, "question": question, "answers": ans, "is_impossible": impossible,
                        "category": cat, "answer_type": atype, "verdict": verdict})
        data.append({"title": nid, "paragraphs": [{"document_id": nid, "note_type": NOTE_TYPES[nid],
                                                   "context": ctx, "qas": qas}]})
    squad = {"version": "v2.0", "data": data}

    # ---- cells
    concepts = read_concepts()
    ctypes = {cid: t for _, cid, t in concepts}
    cells = []
    for nid, ctx in notes.items():
        spec = CELLS[nid]
        unknown = set(spec) - set(ctypes)
        if unknown:
            raise BuildError(f"{nid}: unknown concepts {unknown}")
        for q, cid, ctype in concepts:
            c = spec.get(cid)
            where = f"cell {nid}/{cid}"
            if c is None:
                if cid in DS_ONLY and nid not in DISCHARGE_NOTES:
                    note = "not a discharge summary; no discharge in this note"
                elif cid in RAD_EXAM and nid not in RADIOLOGY_NOTES:
                    note = "not an imaging report"
                elif nid in RADIOLOGY_NOTES and q == "discharge-summary":
                    note = "not stated in the imaging report"
                else:
                    note = "not stated in the note"
                c = YN("not_mentioned", note=note) if ctype == "yes_no" else ABS(note)
            rec = {"note_id": nid, "questionnaire": q, "concept_id": cid, "status": "answer", "values": [],
                   "spans": [], "items": [], "note": c.note}
            if ctype == "yes_no":
                if c.kind not in ("yes_no", "absent"):
                    raise BuildError(f"{where}: expected YN")
                verdict = c.verdict if c.kind == "yes_no" else "not_mentioned"
                if verdict not in VERDICTS:
                    raise BuildError(f"{where}: bad verdict")
                rec["values"] = [verdict]
                if verdict == "not_mentioned":
                    rec["status"] = "absent"
                    if c.anchors:
                        raise BuildError(f"{where}: not_mentioned with spans")
                elif not c.anchors:
                    raise BuildError(f"{where}: verdict {verdict} needs a deciding span")
            elif c.kind == "absent":
                rec["status"] = "absent"
            elif cid in LIST_CONCEPTS:
                if c.kind != "list":
                    raise BuildError(f"{where}: list concept needs LIST")
            elif ctype in ("number", "date"):
                if c.kind != ctype and not (ctype == "number" and c.kind == "number"):
                    raise BuildError(f"{where}: expected {ctype}, got {c.kind}")
                if not c.values:
                    raise BuildError(f"{where}: values required")
                rec["values"] = list(c.values)
                if ctype == "date":
                    for v in c.values:
                        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
                            raise BuildError(f"{where}: date value {v!r} not ISO")
            elif ctype == "span":
                if c.kind != "span":
                    raise BuildError(f"{where}: expected SPAN, got {c.kind}")
            if rec["status"] == "answer":
                if not c.anchors:
                    raise BuildError(f"{where}: answer without spans")
                spans = []
                for a in c.anchors:
                    s = locate(ctx, a, where)
                    spans.append([s, s + len(a.text)])
                if len({tuple(x) for x in spans}) != len(spans):
                    raise BuildError(f"{where}: duplicate spans")
                rec["spans"] = spans
                if cid in LIST_CONCEPTS:
                    rec["items"] = [{"text": a.text, "start": s, "end": e} for a, (s, e) in zip(c.anchors, spans)]
                    rec["values"] = [a.text for a in c.anchors]
                elif ctype == "span":
                    rec["values"] = [a.text for a in c.anchors]
            cells.append(rec)

    return notes, squad, cells


def verify(notes, squad, cells):
    n_q = 0
    for art in squad["data"]:
        para = art["paragraphs"][0]
        ctx = para["context"]
        assert ctx == notes[art["title"]]
        for qa in para["qas"]:
            n_q += 1
            for a in qa["answers"]:
                assert ctx[a["answer_start"]:a["answer_start"] + len(a["text"])] == a["text"], qa["id"]
            assert qa["is_impossible"] == (not qa["answers"])
    for c in cells:
        ctx = notes[c["note_id"]]
        for s, e in c["spans"]:
            assert 0 <= s < e <= len(ctx)
        for it in c["items"]:
            assert ctx[it["start"]:it["end"]] == it["text"]
        if c["status"] == "absent":
            assert not c["spans"] and not c["items"]
    ids = [qa["id"] for art in squad["data"] for qa in art["paragraphs"][0]["qas"]]
    assert len(ids) == len(set(ids))
    assert len(cells) == len(notes) * 48
    assert len({(c["note_id"], c["questionnaire"], c["concept_id"]) for c in cells}) == len(cells)
    return n_q


def stats(notes, squad, cells):
    qas = [qa for art in squad["data"] for qa in art["paragraphs"][0]["qas"]]
    s = {
        "notes": len(notes),
        "note_chars": {k: len(v) for k, v in notes.items()},
        "questions": len(qas),
        "unanswerable": sum(q["is_impossible"] for q in qas),
        "answer_type": dict(Counter(q["answer_type"] for q in qas)),
        "category": dict(Counter(q["category"] for q in qas)),
        "verdict": dict(Counter(q["verdict"] for q in qas if q["answer_type"] == "yes_no")),
        "non_english_questions": sum(1 for q in qas if re.search(r"[¿¡áéíóúñąćęłńóśźż]|^(Czy|Na co|Jak|Kiedy)", q["question"])),
        "cells": len(cells),
        "cells_status": dict(Counter(c["status"] for c in cells)),
        "cells_status_by_questionnaire": {
            q: dict(Counter(c["status"] for c in cells if c["questionnaire"] == q))
            for q in ("discharge-summary", "radiology-report")},
    }
    return s


def main():
    try:
        notes, squad, cells = build()
    except BuildError as e:
        print(f"BUILD FAILED: {e}", file=sys.stderr)
        sys.exit(1)
    verify(notes, squad, cells)
    (HERE / "heldout.json").write_text(json.dumps(squad, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    with open(HERE / "cells.jsonl", "w", encoding="utf-8") as f:
        for c in cells:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    s = stats(notes, squad, cells)
    (HERE / "stats.json").write_text(json.dumps(s, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(s, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
