"""Build the clinqa clinical dev set from the hand-written notes in notes/.

Questions and gold answers are listed here as *text*; offsets are computed by searching the note,
so an edit to a note can never leave a stale `answer_start` behind. A gold text that is missing,
or that occurs more than once without an occurrence index (`n`) or an anchor (`within`), stops
the build. Whitespace in a gold text matches any run of whitespace in the note (notes wrap lines),
and the note's own characters are what get written.

Writes, next to this file:
  clinical_dev.json  SQuAD v2 with per-question category, answer_type and (yes/no) verdict
  answers.jsonl      reference patient-friendly answers with evidence spans

    python benchmarks/data/clinical_dev/build.py
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOTES = HERE / "notes"

CATEGORIES = ("Diagnosis", "Medication", "Symptoms", "Procedure", "Lab Reports", "Other")
ANSWER_TYPES = ("span", "yes_no", "number", "date", "list")
VERDICTS = ("yes", "no", "uncertain", "not_mentioned")

NOTE_TYPES = {
    "ds": "discharge summary",
    "ed": "emergency department note",
    "pn": "progress note",
    "rad": "radiology report",
    "op": "operative note",
    "cl": "clinic letter",
    "icu": "nursing/ICU note",
    "cs": "consult note",
}


@dataclass(frozen=True)
class A:
    """A gold text in a note. `n` picks the n-th (0-based) occurrence; `within` is a longer
    unique text (itself disambiguated by `within_n`) that the gold text must sit in."""

    text: str
    n: int | None = None
    within: str | None = None
    within_n: int | None = None


@dataclass
class Q:
    question: str
    category: str
    answer_type: str
    answers: list = field(default_factory=list)
    verdict: str | None = None
    ref: str | None = None
    ev: list = field(default_factory=list)


def YN(question: str, category: str, verdict: str, answers=(), ref=None, ev=()) -> Q:
    return Q(question, category, "yes_no", list(answers), verdict=verdict, ref=ref, ev=list(ev))


def NA(question: str, category: str, answer_type: str = "span", ref=None, ev=()) -> Q:
    """A question the note cannot answer (the thing asked about is absent)."""
    return Q(question, category, answer_type, [], ref=ref, ev=list(ev))


class BuildError(Exception):
    pass


def _pattern(text: str) -> re.Pattern:
    words = text.split()
    if not words:
        raise BuildError("empty gold text")
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def locate(note: str, spec, where: str, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """(start, end) of a gold text in note[lo:hi]; BuildError when missing or ambiguous."""
    if isinstance(spec, str):
        spec = A(spec)
    hi = len(note) if hi is None else hi
    if spec.within is not None:
        lo, hi = locate(note, A(spec.within, n=spec.within_n), f"{where} (anchor)", lo, hi)
    hits = [(m.start(), m.end()) for m in _pattern(spec.text).finditer(note, lo, hi)]
    if not hits:
        raise BuildError(f"{where}: {spec.text!r} is not in the note")
    if spec.n is None:
        if len(hits) > 1:
            raise BuildError(f"{where}: {spec.text!r} occurs {len(hits)} times; give n= or within=")
        return hits[0]
    if not 0 <= spec.n < len(hits):
        raise BuildError(f"{where}: {spec.text!r} has {len(hits)} occurrences, n={spec.n}")
    return hits[spec.n]


def check(q: Q, where: str) -> None:
    if q.category not in CATEGORIES:
        raise BuildError(f"{where}: category {q.category!r}")
    if q.answer_type not in ANSWER_TYPES:
        raise BuildError(f"{where}: answer_type {q.answer_type!r}")
    if (q.answer_type == "yes_no") != (q.verdict is not None):
        raise BuildError(f"{where}: a verdict goes with answer_type yes_no, and only there")
    if q.verdict is not None and q.verdict not in VERDICTS:
        raise BuildError(f"{where}: verdict {q.verdict!r}")
    if (q.verdict == "not_mentioned") != (q.answer_type == "yes_no" and not q.answers):
        raise BuildError(f"{where}: a yes/no question has no gold span exactly when not_mentioned")
    if q.ref is not None and len(q.ref.split()) > 75:
        raise BuildError(f"{where}: reference answer over 75 words")


# --------------------------------------------------------------------------------------------
# Questions per note. ids are <note>_<nn> in this order: append new questions at the end of a
# note's list so existing ids stay stable.
# --------------------------------------------------------------------------------------------
QUESTIONS: dict[str, list[Q]] = {}

QUESTIONS["ds01_chf"] = [
    Q("What dose of torsemide was the patient discharged on?", "Medication", "span",
      ["Torsemide 40 mg PO daily"],
      ref="She went home on torsemide 40 mg by mouth once a day, up from 20 mg before. It is a water "
          "pill that helps keep fluid from building up again.",
      ev=["Your torsemide dose was increased to 40 mg daily.", "1. Torsemide 40 mg PO daily"]),
    Q("How often does the patient take apixaban?", "Medication", "span",
      [A("BID", within="Apixaban 5 mg PO BID", within_n=1), A("BID", within="Continued apixaban 5 mg BID")],
      ref="She takes apixaban 5 mg twice a day, and it was continued during this hospital stay.",
      ev=["Continued apixaban 5 mg BID.", A("4. Apixaban 5 mg PO BID", n=1)]),
    Q("Why is the patient on apixaban?", "Diagnosis", "span",
      ["paroxysmal AF", A("Paroxysmal AF", within="# Paroxysmal AF:")],
      ref="She takes apixaban, a blood thinner, because she has paroxysmal atrial fibrillation, an "
          "irregular heart rhythm that comes and goes.",
      ev=["# Paroxysmal AF: Rate controlled on metoprolol.", "Continued apixaban 5 mg BID."]),
    Q("What was the creatinine at discharge?", "Lab Reports", "number",
      [A("1.5", within="Cr 1.5  Glu 144"), A("1.5", within="to 1.5 at discharge")],
      ref="Her creatinine, a blood test of kidney function, was 1.5 at discharge. It was 1.9 when she "
          "arrived, and her usual level is 1.4.",
      ev=["# Acute kidney injury on CKD 3: Cr 1.9 on admission from baseline 1.4, likely cardiorenal.",
          "Improved with diuresis to 1.5 at discharge."]),
    Q("What was the creatinine on admission?", "Lab Reports", "number",
      [A("1.9", within="Cr 1.9  Glu 212"), A("1.9", within="Cr 1.9 on admission")]),
    Q("What was the heart rate at discharge?", "Other", "number", [A("76", within="HR 76")]),
    Q("What was the respiratory rate in the ED?", "Other", "number", [A("24", within="RR 24 SpO2 89%")]),
    Q("What is the patient allergic to?", "Other", "list",
      ["Penicillins", A("Sulfa", within="Sulfa (Sulfonamide")],
      ref="She is allergic to penicillins, which gave her a rash, and to sulfa antibiotics, which gave "
          "her hives.",
      ev=["Penicillins (rash) / Sulfa (Sulfonamide Antibiotics) (hives)"]),
    Q("What was the ejection fraction on the echocardiogram?", "Lab Reports", "number",
      [A("25-30%", within="LVEF 25-30%"), A("25-30%", within="Echo showed EF 25-30%")],
      ref="The heart ultrasound showed a pumping strength (ejection fraction) of 25-30%, slightly lower "
          "than on her previous test.",
      ev=["ECHO [**2150-3-15**]: LVEF 25-30% with global hypokinesis, worse in the anterior wall.",
          "Echo showed EF 25-30%, slightly lower than prior."]),
    YN("Does the patient have chest pain?", "Symptoms", "no",
       ["denies chest pain", A("No chest pain", within="# CAD: No chest pain")],
       ref="No. She said she had no chest pain when she came in, and she had none during the stay. Her "
           "heart damage blood test (troponin) was negative twice.",
       ev=["She denies chest pain, palpitations or syncope.", "# CAD: No chest pain, troponin negative x2."]),
    YN("Does the patient have a family history of breast cancer?", "Diagnosis", "yes",
       ["Mother with breast cancer"],
       ref="Yes. Her mother had breast cancer and died at 68. This is family history; the note does not "
           "say that she herself has breast cancer.",
       ev=["Mother with breast cancer, died at 68."]),
    YN("Does the patient have breast cancer?", "Diagnosis", "not_mentioned",
       ref="The note does not say that she has breast cancer. It only mentions that her mother had it.",
       ev=["Mother with breast cancer, died at 68."]),
    YN("Was spironolactone started?", "Medication", "no", ["Spironolactone was not started"],
       ref="No. Spironolactone was not started because her potassium was 5.1 on admission. Her doctors "
           "may reconsider it at a clinic visit.",
       ev=["Spironolactone was not started given K of 5.1 on admission; to be reconsidered as outpatient."]),
    Q("What new heart failure medication was started?", "Medication", "span",
      ["sacubitril-valsartan 24-26 mg BID", "Sacubitril-valsartan 24-26 mg PO BID"],
      ref="She was started on sacubitril-valsartan (Entresto) 24-26 mg twice a day in place of "
          "lisinopril. The two should not be taken together.",
      ev=["Your lisinopril was stopped and you were started on a new medicine called sacubitril-valsartan (Entresto).",
          "Do not take lisinopril together with Entresto."]),
    NA("What was the INR?", "Lab Reports", "number",
       ref="The note does not report an INR (a blood clotting test) for this stay."),
    Q("When is the heart failure clinic follow-up?", "Other", "date", ["[**2150-3-28**]"],
      ref="She has a heart failure clinic appointment on [**2150-3-28**] at 10:30 AM, and a blood test "
          "on [**2150-3-24**].",
      ev=["Heart failure clinic with Dr. [**Last Name (STitle) 1112**] on [**2150-3-28**] at 10:30 AM",
          "[**Hospital1 18**] lab draw for BMP on [**2150-3-24**]"]),
    YN("Does the patient have a pacemaker?", "Procedure", "yes",
       ["dual-chamber pacemaker placed in [**2148**]"]),
    YN("Does the patient have cognitive impairment?", "Diagnosis", "uncertain",
       ["Possible mild cognitive impairment"],
       ref="Possibly. Nurses noticed missed doses and confusion about her pill box, so mild cognitive "
           "impairment is possible but not confirmed. A visiting nurse will help with her pills at home.",
       ev=["- Possible mild cognitive impairment noted by nursing (missed doses, confusion about pill box);",
           "VNA to set up a pill organizer and assess medication adherence at home."]),
    Q("What was the weight at discharge?", "Other", "number",
      [A("77.9 kg", n=0), A("77.9 kg", n=1), A("77.9 kg", n=2)]),
    Q("What was the hemoglobin A1c?", "Lab Reports", "number", [A("8.1%", n=0), A("8.1%", n=1)]),
    NA("What was the lactate?", "Lab Reports", "number"),
    Q("What did the chest X-ray in the ED show?", "Diagnosis", "span",
      ["pulmonary edema with small bilateral effusions"]),
]

QUESTIONS["ds02_copd_pna"] = [
    Q("What organism grew in the sputum culture?", "Lab Reports", "span",
      ["Streptococcus pneumoniae", "S. pneumoniae"],
      ref="The phlegm (sputum) culture grew Streptococcus pneumoniae, a common cause of pneumonia, and it "
          "was sensitive to all the antibiotics tested.",
      ev=["Sputum culture: Streptococcus pneumoniae, pan-sensitive."]),
    Q("What antibiotic was the patient discharged on?", "Medication", "span",
      ["Cefpodoxime 200 mg PO BID", "cefpodoxime 200 mg BID"],
      ref="He went home on cefpodoxime 200 mg by mouth twice a day for 3 more days to finish a 7 day "
          "course. The last dose is on [**2187-11-9**].",
      ev=["Transitioned to PO cefpodoxime 200 mg BID to complete a 7 day course.",
          "1. Cefpodoxime 200 mg PO BID x 3 more days (last dose [**2187-11-9**])"]),
    Q("What was the potassium on admission?", "Lab Reports", "number",
      [A("3.3", within="3.3        3.9"), A("3.3", within="K 3.3 on admission")]),
    Q("How was the hypokalemia treated?", "Medication", "span", ["KCl 40 mEq PO x2"],
      ref="His low potassium (3.3) was treated with potassium chloride 40 mEq by mouth, given twice. It "
          "was normal when he went home.",
      ev=["3. Hypokalemia: K 3.3 on admission, repleted with KCl 40 mEq PO x2.", "Normal at discharge."]),
    Q("What was the white blood cell count at discharge?", "Lab Reports", "number", ["9.3"]),
    Q("How often should albuterol be used?", "Medication", "span", ["q4h PRN wheeze or SOB"],
      ref="Albuterol, 2 puffs, can be used every 4 hours when needed for wheezing or shortness of breath.",
      ev=["5. Albuterol 90 mcg 2 puffs inhaled q4h PRN wheeze or SOB"]),
    YN("Did the patient cough up blood?", "Symptoms", "no", ["Denies hemoptysis"],
       ref="No. He did not cough up blood. He was told to come back if he does start coughing up blood.",
       ev=["Denies hemoptysis.",
           "Return if fever above 38.5, coughing up blood, or if breathing gets worse despite your inhaler."]),
    YN("Does the patient have a family history of lung cancer?", "Diagnosis", "yes", ["Father with lung cancer"]),
    YN("Is there a family history of diabetes?", "Diagnosis", "no", ["No family hx of diabetes"]),
    YN("Does the patient smoke?", "Other", "yes", ["Active smoker"],
       ref="Yes. He currently smokes about one pack a day (50 pack-years). He is interested in quitting and "
           "was started on a nicotine patch.",
       ev=["SOCIAL HISTORY: Active smoker, 1 ppd, 50 pack-years.",
           "Pt interested in quitting, started nicotine patch 21 mg/24h."]),
    Q("What were the discharge diagnoses?", "Diagnosis", "list",
      ["Community-acquired pneumonia, right lower lobe", A("COPD exacerbation", n=1),
       A("Hypokalemia", n=1), "Steroid-induced hyperglycemia"],
      ref="He was treated for pneumonia in the right lower lung, a flare of his COPD, low potassium, and "
          "high blood sugar caused by steroids.",
      ev=["Community-acquired pneumonia, right lower lobe", A("COPD exacerbation", n=1),
          A("Hypokalemia", n=1), "Steroid-induced hyperglycemia"]),
    NA("What did the repeat chest X-ray show?", "Procedure", "span",
       ref="There was no repeat chest X-ray during this stay because he was getting better. One is "
           "recommended in 6-8 weeks.",
       ev=["Repeat CXR not done given clinical improvement.",
           "A repeat chest x-ray in 6-8 weeks is recommended to confirm resolution, given your smoking history."]),
    NA("What was the hemoglobin A1c?", "Lab Reports", "number"),
    Q("What dose of prednisone was given?", "Medication", "span",
      ["Prednisone 40 mg daily", "Prednisone 40 mg PO daily"]),
    YN("Did the patient receive the influenza vaccine?", "Other", "yes",
       ["Received influenza vaccine in [**2187-10**]"]),
    Q("What was the procalcitonin on admission?", "Lab Reports", "number", [A("2.4", within="Procalcitonin  2.4")]),
]

QUESTIONS["ed01_chestpain"] = [
    Q("What was the 3 hour troponin?", "Lab Reports", "number",
      [A("<0.01 ng/mL", within="Troponin T (3 h) <0.01 ng/mL")],
      ref="Both heart damage blood tests (troponin), on arrival and 3 hours later, were normal at less "
          "than 0.01 ng/mL.",
      ev=["Troponin T (0 h) <0.01 ng/mL; Troponin T (3 h) <0.01 ng/mL", "Two troponins negative."]),
    YN("Did the patient have shortness of breath?", "Symptoms", "no", ["Denies SOB"],
       ref="No. He did not have shortness of breath with the chest pain.",
       ev=["Denies SOB, diaphoresis, palpitations."]),
    YN("Was the chest pain cardiac?", "Diagnosis", "uncertain", ["cardiac etiology cannot be fully excluded"],
       ref="This is not certain. A heart attack was ruled out and reflux or esophageal spasm is most likely, "
           "but a heart cause cannot be fully excluded, so a stress test is planned.",
       ev=["Most likely GERD/esophageal spasm given postprandial pattern and response to GI cocktail, "
           "though cardiac etiology cannot be fully excluded given risk factors and family history.",
           "- Outpatient exercise stress test within 72 hours, referral placed to [**Hospital1 18**] cardiology"]),
    YN("Does the patient have acute coronary syndrome?", "Diagnosis", "no", ["ACS ruled out by serial troponins"],
       ref="No. Acute coronary syndrome was ruled out by repeated troponin blood tests and an ECG that was "
           "unchanged from before.",
       ev=["52 yo M with atypical chest pain, ACS ruled out by serial troponins and unchanged ECG."]),
    Q("What is the most likely cause of the chest pain?", "Diagnosis", "span", ["GERD/esophageal spasm"],
      ref="The pain is most likely from acid reflux (GERD) or esophageal spasm, because it came after large "
          "meals and went away with a GI cocktail.",
      ev=["Most likely GERD/esophageal spasm given postprandial pattern and response to GI cocktail, "
          "though cardiac etiology cannot be fully excluded given risk factors and family history."]),
    Q("What new medication was started?", "Medication", "span", ["omeprazole 40 mg PO daily"],
      ref="He was started on omeprazole 40 mg by mouth once a day before breakfast for 8 weeks.",
      ev=["- Start omeprazole 40 mg PO daily before breakfast x 8 weeks"]),
    YN("Is there a family history of coronary artery disease?", "Diagnosis", "yes",
       ["Father with CAD, CABG at age 55"]),
    YN("Does the patient have coronary artery disease?", "Diagnosis", "no", ["no known CAD"],
       ref="No coronary artery disease is known. His father had it, and his risk factors are why a stress "
           "test is planned.",
       ev=["HPI: 52 yo M with hx HTN, hyperlipidemia and GERD, no known CAD,", "Father with CAD, CABG at age 55."]),
    Q("What is the patient allergic to?", "Other", "span", ["Codeine"]),
    Q("What was the HEART score?", "Other", "number", [A("3", within="HEART score 3")]),
    NA("What was the D-dimer?", "Lab Reports", "number",
       ref="No D-dimer result is available: the test was not sent because he met the PERC rule.",
       ev=["D-dimer not sent (PERC negative)."]),
    Q("When should the stress test be done?", "Procedure", "span", ["within 72 hours"]),
    YN("Does the patient use cocaine?", "Other", "no", ["denies cocaine use"]),
    YN("Does the patient have diabetes?", "Diagnosis", "not_mentioned"),
    Q("What was the heart rate?", "Other", "number", [A("82", within="HR 82")]),
]

QUESTIONS["ds03_gibleed"] = [
    Q("What was the source of the bleeding?", "Diagnosis", "span",
      ["1.5 cm clean-based gastric ulcer in the antrum", "NSAID-associated gastric ulcer"],
      ref="The bleeding came from a 1.5 cm stomach ulcer, most likely caused by the anti-inflammatory "
          "painkiller naproxen. It was not actively bleeding at the time of the scope.",
      ev=["[**2201-1-9**] EGD: 1.5 cm clean-based gastric ulcer in the antrum, no stigmata of recent bleeding.",
          "1. Gastric ulcer with hemorrhage, NSAID related"]),
    Q("What was the hemoglobin on admission?", "Lab Reports", "number",
      ["7.2 g/dL", A("7.2", within="Hemoglobin: 7.2 (adm)")]),
    Q("What was the hemoglobin at discharge?", "Lab Reports", "number",
      ["9.1 g/dL", A("9.1", within="at 9.1 prior")],
      ref="His hemoglobin was 9.1 g/dL when he went home and had been stable for 48 hours. It was 7.2 when "
          "he arrived; his usual level is about 13.",
      ev=["Hgb stable x 48h at 9.1 prior to discharge.",
          "Hemoglobin: 7.2 (adm) -> 6.9 -> 8.4 -> 9.0 -> 9.1 g/dL (d/c)"]),
    Q("How many units of red blood cells were transfused in total?", "Procedure", "number",
      [A("3 units", within="transfused 3 units")],
      ref="He received 3 units of red blood cells in total during this admission.",
      ev=["Hgb nadir 6.9 after fluids, transfused 3 units pRBC in total."]),
    YN("Should the patient continue warfarin?", "Medication", "no", ["HOLD warfarin. Do NOT restart."],
       ref="No. Warfarin has been stopped and should not be restarted. Apixaban 5 mg twice a day is planned "
           "instead, starting on [**2201-1-19**] if there are no black stools.",
       ev=["- HOLD warfarin. Do NOT restart.", "- Apixaban 5 mg PO BID: START on [**2201-1-19**] if no black stools"]),
    Q("When should apixaban be started?", "Medication", "date", [A("[**2201-1-19**]")],
      ref="Apixaban should start on [**2201-1-19**], but only if he has had no black stools.",
      ev=["- Apixaban 5 mg PO BID: START on [**2201-1-19**] if no black stools"]),
    YN("Does the patient have varices?", "Diagnosis", "no", ["No varices"]),
    YN("Is the patient positive for H. pylori?", "Lab Reports", "uncertain",
       ["H. pylori biopsy pending at discharge"],
       ref="This is not known yet. Biopsies were taken to test for H. pylori, and the result was still "
           "pending when he left the hospital.",
       ev=["Biopsies taken for H. pylori.", "H. pylori biopsy pending at discharge."]),
    Q("What is the patient allergic to?", "Other", "list", ["Penicillin", "Iodinated contrast"],
      ref="He is allergic to penicillin, which caused anaphylaxis, and to iodinated contrast dye, which "
          "caused hives. He needs medicine beforehand if contrast is required.",
      ev=["ALLERGIES: Penicillin (anaphylaxis).", "Iodinated contrast (hives, premedicate)."]),
    NA("What did the colonoscopy show?", "Procedure", "span",
       ref="No colonoscopy was done, so there are no colonoscopy results.",
       ev=["[**2201-1-9**] Colonoscopy: not performed."]),
    Q("What was the INR on admission?", "Lab Reports", "number",
      [A("3.4", within="INR 3.4 on arrival"), A("3.4", within="3.4 on admission"), A("3.4", within="INR: 3.4 (adm)")]),
    Q("Which medications were stopped?", "Medication", "list",
      [A("Naproxen", within="STOPPED MEDICATIONS: Naproxen, warfarin."),
       A("warfarin", within="STOPPED MEDICATIONS: Naproxen, warfarin.")],
      ref="Naproxen, the painkiller linked to the ulcer, and warfarin were both stopped.",
      ev=["STOPPED MEDICATIONS: Naproxen, warfarin.", "Naproxen discontinued permanently."]),
    Q("Why was ferrous sulfate started?", "Diagnosis", "span", ["iron deficiency"],
      ref="Iron tablets were started because his iron stores were low (ferritin 18 ng/mL), showing iron "
          "deficiency after the bleeding.",
      ev=["Iron studies: ferritin 18 ng/mL, consistent with iron deficiency.", "Started ferrous sulfate."]),
    YN("Does the patient have diabetes?", "Diagnosis", "not_mentioned"),
    NA("What was the platelet count?", "Lab Reports", "number"),
]

QUESTIONS["ed02_abdpain"] = [
    Q("What is the diagnosis?", "Diagnosis", "span", ["Acute uncomplicated appendicitis with appendicolith"],
      ref="She has acute appendicitis, an inflamed appendix, with a small hard stone (appendicolith) in it. "
          "There was no abscess or hole in the bowel on CT.",
      ev=["1. Acute uncomplicated appendicitis with appendicolith", "No abscess or free air."]),
    Q("What was the white blood cell count?", "Lab Reports", "number", ["15.8 K/uL"],
      ref="Her white blood cell count was high at 15.8 K/uL, with 86% neutrophils.",
      ev=["WBC 15.8 K/uL with 86% neutrophils"]),
    YN("Is the patient pregnant?", "Lab Reports", "no", ["Urine hCG: negative"],
       ref="No. Her urine pregnancy test (hCG) was negative.", ev=["Urine hCG: negative"]),
    YN("Does anyone in the family have Crohn's disease?", "Diagnosis", "yes", ["Sister with Crohn's disease"]),
    YN("Is there an abscess?", "Diagnosis", "no", ["No abscess"],
       ref="No. The CT scan showed no abscess and no free air.", ev=["No abscess or free air."]),
    YN("Did the patient have dysuria?", "Symptoms", "no", ["Denies dysuria"]),
    YN("Did the patient have a fever?", "Symptoms", "yes", ["T 38.2", "+ subjective fever"],
       ref="Yes. She felt feverish at home and her temperature was 38.2 in the ED.",
       ev=["+ subjective fever.", "T 38.2  HR 108  BP 118/72  RR 18  SpO2 100% RA"]),
    Q("What antibiotic was started?", "Medication", "span", ["piperacillin- tazobactam 4.5 g IV", "pip-tazo"],
      ref="She was started on the IV antibiotic piperacillin-tazobactam 4.5 g after blood cultures were "
          "taken, and it is being continued.",
      ev=["Started on piperacillin- tazobactam 4.5 g IV after blood cultures.", "- Continue pip-tazo"]),
    Q("What procedure is planned?", "Procedure", "span", ["laparoscopic appendectomy"],
      ref="The surgeons plan to remove her appendix with keyhole surgery (laparoscopic appendectomy) this "
          "morning.",
      ev=["Surgery (Dr. [**Last Name (STitle) 3390**]) consulted at 04:10, will take to OR for laparoscopic appendectomy this morning."]),
    NA("What did the pelvic ultrasound show?", "Procedure", "span"),
    Q("What was the CRP?", "Lab Reports", "number", ["64 mg/L"]),
    YN("Is the patient on anticoagulation?", "Medication", "not_mentioned",
       ref="The note does not mention any blood thinner. Her only listed medicine is a birth control pill.",
       ev=["Meds: Norgestimate-ethinyl estradiol daily."]),
    Q("What was the respiratory rate?", "Other", "number", [A("18", within="RR 18")]),
]

QUESTIONS["pn01_urosepsis"] = [
    Q("What organism is causing the infection?", "Lab Reports", "span",
      [A("E. coli", within=">100,000 CFU/mL E. coli"), A("E. coli", within="1 of 2 bottles E. coli")],
      ref="The infection is caused by the bacterium E. coli, which grew from her urine and from one of two "
          "blood cultures.",
      ev=["Urine cx [**9-16**]: >100,000 CFU/mL E. coli, resistant to ciprofloxacin and TMP-SMX, sensitive to ceftriaxone and nitrofurantoin",
          "Blood cx [**9-16**]: 1 of 2 bottles E. coli (same sensitivities)"]),
    Q("What antibiotic is the patient on?", "Medication", "span", ["ceftriaxone 1 g IV q24h"],
      ref="She is getting ceftriaxone 1 g through a vein once a day. She will switch to oral cefpodoxime "
          "once she has had no fever for 24 hours.",
      ev=["Improving on ceftriaxone 1 g IV q24h (day 3).",
          "Transition to oral cefpodoxime once afebrile 24 h."]),
    Q("How long will antibiotics be given?", "Medication", "span", ["14 days"],
      ref="She needs 14 days of antibiotics in total because the infection reached her blood.",
      ev=["Will need total 14 days of therapy given bacteremia."]),
    Q("What was the creatinine on admission?", "Lab Reports", "number", [A("2.1", within="from 2.1 on admission")]),
    Q("What is the potassium today?", "Lab Reports", "number",
      [A("3.4", within="K 3.4, Cr 1.2"), A("3.4", within="Hypokalemia: K 3.4")],
      ref="Her potassium is 3.4 today, slightly low, and she is getting potassium chloride 20 mEq by mouth.",
      ev=["3. Hypokalemia: K 3.4.", "KCl 20 mEq PO x1 today."]),
    YN("Does the patient have flank pain?", "Symptoms", "no", ["no flank pain"]),
    YN("Does the patient have hydronephrosis?", "Diagnosis", "no", ["without hydronephrosis"],
       ref="No. The kidney ultrasound showed no swelling of the kidney (hydronephrosis) and no abscess.",
       ev=["Renal US [**9-16**] without hydronephrosis or abscess."]),
    YN("Is oxybutynin contributing to the delirium?", "Medication", "uncertain",
       ["Possible contribution from oxybutynin"],
       ref="Possibly. The confusion is thought to be mostly from the infection, but oxybutynin may be "
           "contributing, so it is being held.",
       ev=["4. Delirium: likely infection-related on top of mild dementia.",
           "Possible contribution from oxybutynin, which will be held."]),
    YN("Does the patient currently have dysuria?", "Symptoms", "no", ["Denies dysuria now"]),
    Q("Why is lisinopril being held?", "Diagnosis", "span", [A("AKI", within="2. AKI: prerenal")],
      ref="Lisinopril is on hold because of an acute kidney injury from the infection. Her creatinine is "
          "improving: 1.2 today, down from 2.1.",
      ev=["2. AKI: prerenal from sepsis, improving with IVF.", "Hold lisinopril."]),
    NA("What was the procalcitonin?", "Lab Reports", "number"),
    Q("What is the code status?", "Other", "span", [A("Full", within="Code: Full")]),
    YN("Does the patient have a urinary catheter?", "Procedure", "no", ["foley removed yesterday"],
       ref="No. Her urinary catheter (Foley) was removed yesterday and she is passing urine on her own.",
       ev=["I/O: 2.1 L in / 1.6 L out (foley removed yesterday, voiding)"]),
    Q("What was the lactate on admission?", "Lab Reports", "number", [A("3.8", within="from 3.8")]),
]

QUESTIONS["pn02_dka"] = [
    Q("What was the pH on admission?", "Lab Reports", "number", [A("7.04", n=0), A("7.04", n=1)]),
    Q("What precipitated the DKA?", "Diagnosis", "span",
      ["insulin nonadherence", "3 days of missed insulin doses while traveling"],
      ref="The DKA was brought on by missing insulin for 3 days while traveling, after he ran out of "
          "insulin pens.",
      ev=["S: 19 yo M with T1DM (dx age 11) admitted with DKA after 3 days of missed insulin doses while traveling.",
          "Admits he ran out of insulin pens and did not refill."]),
    Q("What dose of glargine is the patient on?", "Medication", "span", ["glargine 22 units SC qHS"],
      ref="He now takes glargine 22 units under the skin at bedtime. The dose was lowered from 24 units "
          "after a low blood sugar overnight.",
      ev=["1. DKA, resolved: Now on glargine 22 units SC qHS and lispro 6 units with meals plus correction scale.",
          "2. Hypoglycemia overnight: glargine reduced from 24 to 22 units."]),
    YN("Did the patient have hypoglycemia?", "Symptoms", "yes", ["hypoglycemia (BG 62)"],
       ref="Yes. He had one low blood sugar of 62 at 03:00, treated with juice; the next reading was 118.",
       ev=["- One episode of hypoglycemia (BG 62) at 03:00, treated with juice, repeat BG 118"]),
    YN("Is there evidence of infection?", "Diagnosis", "no", ["No evidence of infection"],
       ref="No. His urine test and chest X-ray were normal and he has no fever.",
       ev=["No evidence of infection (UA negative, CXR clear, afebrile)."]),
    Q("What was the beta-hydroxybutyrate this morning?", "Lab Reports", "number", ["0.3 mmol/L"]),
    Q("What was the potassium on admission?", "Lab Reports", "number", ["5.8"]),
    YN("Does the patient use alcohol?", "Other", "no", ["Denies alcohol or drug use"]),
    Q("What was the hemoglobin A1c?", "Lab Reports", "number", ["11.4%"]),
    NA("What was the creatinine?", "Lab Reports", "number"),
    Q("What mealtime insulin is the patient on?", "Medication", "span", ["lispro 6 units with meals"]),
    YN("Does the patient have hypertension?", "Diagnosis", "not_mentioned"),
    Q("How is the hypophosphatemia treated?", "Medication", "span", ["K-Phos neutral 2 tabs PO x2"],
      ref="His low phosphate (1.9 mg/dL) is treated with K-Phos neutral, 2 tablets by mouth twice, and "
          "will be rechecked this afternoon.",
      ev=["3. Hypophosphatemia: Phos 1.9, give K-Phos neutral 2 tabs PO x2.", "Recheck in PM."]),
]

QUESTIONS["rad01_cxr_normal"] = [
    Q("What is the impression?", "Diagnosis", "span", ["No acute cardiopulmonary process"],
      ref="The chest X-ray is normal: there is nothing acute in the heart or lungs and no sign of pneumonia.",
      ev=["No acute cardiopulmonary process.", "No radiographic evidence of pneumonia."]),
    YN("Does the patient have pneumonia?", "Diagnosis", "no", ["No radiographic evidence of pneumonia"],
       ref="No. The lungs are clear on the X-ray, with no sign of pneumonia.",
       ev=["The lungs are well expanded and clear.", "No radiographic evidence of pneumonia."]),
    YN("Is there a pleural effusion?", "Diagnosis", "no", ["no focal consolidation, pleural effusion"]),
    YN("Has the patient had a cholecystectomy?", "Procedure", "yes", ["consistent with prior cholecystectomy"],
       ref="Most likely yes. Surgical clips in the right upper abdomen are consistent with earlier removal of "
           "the gallbladder.",
       ev=["Surgical clips in the right upper quadrant are consistent with prior cholecystectomy."]),
    NA("What is the size of the lung nodule?", "Diagnosis", "number"),
    Q("What is the date of the comparison study?", "Other", "date", ["[**2168-1-10**]"]),
    YN("Is the heart enlarged?", "Diagnosis", "no",
       ["The cardiomediastinal silhouette is normal in size"]),
]

QUESTIONS["rad02_cta_chest"] = [
    YN("Does the patient have a pulmonary embolism?", "Diagnosis", "no",
       ["No pulmonary embolism", "no filling defects to suggest pulmonary embolism"],
       ref="No. The CT scan showed no blood clot in the lung arteries.",
       ev=["There are no filling defects to suggest pulmonary embolism.", "1. No pulmonary embolism."]),
    YN("Does the patient have pneumonia?", "Diagnosis", "uncertain",
       ["possibly pneumonia or aspiration", "may represent pneumonia"],
       ref="Possibly. There is a new patchy area in the right lower lung that may be pneumonia or "
           "aspiration. The radiologist recommends comparing this with the patient's symptoms.",
       ev=["2. New right lower lobe consolidation, possibly pneumonia or aspiration.", "Clinical correlation recommended."]),
    Q("What size is the lung nodule?", "Diagnosis", "number",
      [A("6 mm", within="A 6 mm solid nodule"), A("6 mm", within="Stable 6 mm left upper lobe nodule")],
      ref="The nodule in the left upper lung is 6 mm. It has not changed since [**2156-5-19**], and no "
          "further follow-up is needed for it.",
      ev=["4. Stable 6 mm left upper lobe nodule since [**2156-5-19**]; no further follow-up needed for this nodule."]),
    YN("Is there a pneumothorax?", "Diagnosis", "no", ["No pneumothorax"]),
    YN("Is there a pleural effusion?", "Diagnosis", "yes",
       [A("Small right pleural effusion", n=0), A("Small right pleural effusion", n=1)],
       ref="Yes, there is a small fluid collection around the right lung. There is none on the left side.",
       ev=[A("Pleura: Small right pleural effusion."), "No left effusion."]),
    Q("What contrast was given?", "Medication", "span", ["80 mL of Omnipaque 350", "Omnipaque 350"]),
    Q("What was found in the kidney?", "Diagnosis", "span", ["1.2 cm hypodensity in the left kidney"],
      ref="There is a 1.2 cm spot in the left kidney that is too small to characterize; it is likely a cyst.",
      ev=["Upper abdomen: A 1.2 cm hypodensity in the left kidney is too small to characterize, likely a cyst."]),
    YN("Is there a deep vein thrombosis in the left leg?", "Diagnosis", "not_mentioned",
       ref="This chest CT does not say whether there is a clot in the left leg. The leg swelling was only "
           "mentioned as a reason for the scan."),
    YN("Does the patient have emphysema?", "Diagnosis", "yes",
       ["Moderate centrilobular emphysema", A("Emphysema", within="5. Emphysema")]),
    NA("What is the diameter of the thoracic aorta?", "Diagnosis", "number"),
    Q("What is the size of the right paratracheal node?", "Diagnosis", "number", ["9 mm"]),
]

QUESTIONS["rad03_us_ruq"] = [
    YN("Does the patient have acute cholecystitis?", "Diagnosis", "no",
       ["without sonographic evidence of acute cholecystitis"],
       ref="No. There are gallstones, but the ultrasound shows no signs of an inflamed gallbladder: the wall "
           "is not thickened, there is no fluid around it, and the Murphy's sign is negative.",
       ev=["1. Cholelithiasis without sonographic evidence of acute cholecystitis.",
           "The gallbladder wall is not thickened, measuring 2 mm.", "There is no pericholecystic fluid.",
           "Sonographic Murphy's sign is negative."]),
    YN("Are there gallstones?", "Diagnosis", "yes", ["Cholelithiasis", "multiple mobile shadowing stones"]),
    YN("Is there a stone in the common bile duct?", "Diagnosis", "uncertain",
       ["Choledocholithiasis cannot be excluded"],
       ref="This cannot be ruled out. No stone was seen in the bile duct, but its lower part was hidden by "
           "bowel gas. An MRCP scan could be considered if doctors remain concerned.",
       ev=["No choledocholithiasis is seen, although the distal CBD is partially obscured by bowel gas.",
           "Choledocholithiasis cannot be excluded in the obscured distal CBD; MRCP could be considered if clinical suspicion persists."]),
    Q("What is the size of the largest gallstone?", "Diagnosis", "number", ["1.8 cm"]),
    Q("What is the diameter of the common bile duct?", "Diagnosis", "number", ["4 mm"]),
    YN("Does the patient have fatty liver?", "Diagnosis", "yes", ["hepatic steatosis", "Hepatic steatosis"],
       ref="Yes. The liver looks bright on ultrasound, which fits with fatty liver (hepatic steatosis). No "
           "liver mass was seen.",
       ev=["The hepatic parenchyma is diffusely echogenic, compatible with hepatic steatosis.", "No focal liver lesion."]),
    NA("What does the spleen look like?", "Diagnosis", "span"),
    YN("Is there ascites?", "Diagnosis", "no", ["No ascites"]),
    YN("Are there stones in the left kidney?", "Diagnosis", "not_mentioned"),
]

QUESTIONS["rad04_cxr_chf"] = [
    YN("Is there pulmonary edema?", "Diagnosis", "yes", ["Moderate pulmonary edema", "interstitial edema"],
       ref="Yes. The X-ray shows moderate fluid in the lungs (pulmonary edema) and small fluid collections "
           "around both lungs, consistent with a heart failure flare.",
       ev=["1. Moderate pulmonary edema and small bilateral pleural effusions, consistent with CHF exacerbation."]),
    YN("Is there a pneumothorax?", "Diagnosis", "no", ["No pneumothorax"]),
    YN("Is there pneumonia?", "Diagnosis", "uncertain",
       ["superimposed infection cannot be excluded", A("infection cannot be excluded", within="likely atelectasis; infection cannot be excluded")],
       ref="Not clearly. The hazy areas at the bottom of both lungs are most likely collapsed lung "
           "(atelectasis), but an infection cannot be ruled out.",
       ev=["Bibasilar opacities likely represent atelectasis, although superimposed infection cannot be excluded.",
           "3. Bibasilar opacities, likely atelectasis; infection cannot be excluded."]),
    Q("What device is present?", "Procedure", "span", ["dual-chamber pacemaker/ICD"]),
    NA("What was the BNP?", "Lab Reports", "number"),
    YN("Is the heart enlarged?", "Diagnosis", "yes", ["Cardiomegaly", "The heart is moderately enlarged"],
       ref="Yes. The heart is moderately enlarged and bigger than on the X-ray from [**2149-9-2**].",
       ev=["The heart is moderately enlarged, increased compared with the prior exam.",
           "2. Cardiomegaly, increased since [**2149-9-2**]."]),
    YN("Are there rib fractures?", "Diagnosis", "no", ["No displaced rib fractures"]),
]

QUESTIONS["op01_lapchole"] = [
    Q("What procedure was performed?", "Procedure", "span",
      ["Laparoscopic cholecystectomy with intraoperative cholangiogram"],
      ref="She had keyhole surgery to remove the gallbladder (laparoscopic cholecystectomy), with an X-ray "
          "dye test of the bile ducts during the operation, which was normal.",
      ev=["PROCEDURE: Laparoscopic cholecystectomy with intraoperative cholangiogram.",
          "FINDINGS: Chronic cholecystitis with multiple gallstones.", "Normal cholangiogram."]),
    Q("What was the estimated blood loss?", "Other", "number", ["20 mL"]),
    Q("What antibiotic was given?", "Medication", "span", ["Cefazolin 2 g IV"]),
    Q("What was the postoperative diagnosis?", "Diagnosis", "span",
      ["Symptomatic cholelithiasis with chronic cholecystitis"],
      ref="After surgery the diagnosis was gallstones causing symptoms, with long-standing (chronic) "
          "inflammation of the gallbladder.",
      ev=["POSTOPERATIVE DIAGNOSIS: Symptomatic cholelithiasis with chronic cholecystitis."]),
    YN("Were there any complications?", "Other", "no", ["None apparent"],
       ref="No complications were seen during the operation, and there was no bile leak.",
       ev=["COMPLICATIONS: None apparent", "No bile leak."]),
    YN("Was a drain placed?", "Procedure", "no", [A("None", within="DRAINS: None")]),
    YN("Were stones found in the common bile duct?", "Diagnosis", "no",
       ["no filling defects in the common bile duct"],
       ref="No. The dye test showed contrast flowing freely into the bowel with no stones or blockages in "
           "the main bile duct.",
       ev=["A cholangiogram was performed through the cystic duct and showed free flow of contrast into the "
           "duodenum with no filling defects in the common bile duct."]),
    Q("What pain medication was prescribed for severe pain?", "Medication", "span", ["Oxycodone 5 mg PO q6h PRN"],
      ref="For severe pain she can take oxycodone 5 mg by mouth every 6 hours if needed (10 tablets, no "
          "refills). She should also take acetaminophen 1 g every 8 hours for 3 days.",
      ev=["- Oxycodone 5 mg PO q6h PRN severe pain, #10, no refills",
          "- Acetaminophen 1 g PO q8h scheduled x 3 days"]),
    Q("When should the patient follow up?", "Other", "span", ["in surgery clinic in 2 weeks"]),
    NA("What did the pathology show?", "Diagnosis", "span",
       ref="The gallbladder was sent to pathology, but the result is not in this note.",
       ev=["SPECIMENS: Gallbladder to pathology"]),
    NA("What was the urine output?", "Other", "number",
       ref="Urine output was not measured because no urinary catheter was used.",
       ev=["URINE OUTPUT: Not measured (no Foley)"]),
    Q("What type of anesthesia was used?", "Procedure", "span", ["General endotracheal"]),
]

QUESTIONS["cl01_cardiology"] = [
    Q("What anticoagulant does the patient take?", "Medication", "span", ["Rivaroxaban 20 mg once daily"],
      ref="He takes rivaroxaban 20 mg once a day with the evening meal, and he should keep taking it without "
          "a break before the ablation.",
      ev=["- Rivaroxaban 20 mg once daily with the evening meal",
          "2. Continue rivaroxaban 20 mg daily without interruption before the procedure."]),
    Q("Why is amiodarone not an option?", "Other", "span", ["prior thyroid toxicity"],
      ref="Amiodarone is not an option because it caused thyroid problems for him in [**2148**].",
      ev=["Allergies: Amiodarone (thyroid dysfunction in [**2148**]).",
          "Amiodarone is not an option given his prior thyroid toxicity."]),
    Q("What is the new dose of metoprolol?", "Medication", "span", ["75 mg twice daily"],
      ref="Metoprolol tartrate is being increased from 50 mg to 75 mg twice a day to better control his heart "
          "rate.",
      ev=["- Metoprolol tartrate 50 mg twice daily",
          "3. Increase metoprolol tartrate to 75 mg twice daily for rate control."]),
    Q("What procedure is planned?", "Procedure", "span", ["catheter ablation (pulmonary vein isolation)"],
      ref="He has been referred for catheter ablation (pulmonary vein isolation) for his returning atrial "
          "fibrillation, and he would like to go ahead.",
      ev=["1. I have referred him for catheter ablation (pulmonary vein isolation) and he would like to proceed."]),
    Q("What was the LVEF?", "Lab Reports", "number", ["60%"]),
    YN("Does the patient have chest pain?", "Symptoms", "no", ["He denies chest pain"],
       ref="No. He has no chest pain. He was told to go to the emergency department if he develops chest "
           "pain, fainting, or worse palpitations.",
       ev=["He denies chest pain, orthopnea, or presyncope.",
           "If his palpitations worsen, or he develops chest pain or fainting, he should present to the emergency department."]),
    YN("Is the patient using his CPAP?", "Other", "no", ["He has not used his CPAP machine since the spring"]),
    Q("What is the CHA2DS2-VASc score?", "Other", "number", [A("2", within="score is 2 (age")]),
    NA("What was the LDL?", "Lab Reports", "number"),
    YN("Is sleep apnea contributing to the AF recurrence?", "Diagnosis", "uncertain",
       ["Untreated sleep apnea is probably contributing to the recurrence"],
       ref="Probably, but not certainly. The cardiologist thinks his untreated sleep apnea is likely helping "
           "the atrial fibrillation come back, and referred him to the sleep clinic again.",
       ev=["Untreated sleep apnea is probably contributing to the recurrence.",
           "4. Re-referral to the sleep clinic; I stressed the importance of CPAP use."]),
    Q("What was the potassium?", "Lab Reports", "number", ["4.3 mmol/L"]),
    Q("What is the ventricular rate on the ECG?", "Lab Reports", "number", ["94 bpm"]),
    YN("Has the patient had bleeding on anticoagulation?", "Symptoms", "no", ["no bleeding on anticoagulation"]),
]

QUESTIONS["cl02_endocrine"] = [
    Q("What was the most recent hemoglobin A1c?", "Lab Reports", "number",
      [A("9.6%", within="Hemoglobin A1c 9.6%"), A("9.6%", within="(A1c 9.6%)")],
      ref="Her most recent A1c was 9.6% on [**2166-4-20**], up from 8.8% before, so her diabetes is not well "
          "controlled.",
      ev=["Hemoglobin A1c 9.6% ([**2166-4-20**]), previously 8.8% ([**2165-10-2**])"]),
    Q("Why was glipizide stopped?", "Medication", "span", ["because of hypoglycemia"],
      ref="Glipizide was stopped because it was causing low blood sugars: she had two episodes of shakiness "
          "and sweating with readings of 58 and 64.",
      ev=["1. Stop glipizide because of hypoglycemia.",
          "She has had 2 episodes of shakiness and sweating in the late afternoon, BG 58 and 64 on her meter, which resolved with juice."]),
    Q("What new medications were started?", "Medication", "list",
      ["semaglutide 0.25 mg SC once weekly", "empagliflozin 10 mg PO daily"],
      ref="Two medicines were started: semaglutide, a weekly injection at 0.25 mg for 4 weeks then 0.5 mg, "
          "and empagliflozin 10 mg by mouth each day.",
      ev=["2. Start semaglutide 0.25 mg SC once weekly x 4 weeks, then increase to 0.5 mg weekly.",
          "3. Start empagliflozin 10 mg PO daily for glycemic control and for kidney protection given albuminuria."]),
    Q("Why was empagliflozin started?", "Diagnosis", "span",
      ["for glycemic control and for kidney protection given albuminuria"],
      ref="Empagliflozin was started to lower her blood sugar and to protect her kidneys, because her urine "
          "test shows extra protein (albumin).",
      ev=["3. Start empagliflozin 10 mg PO daily for glycemic control and for kidney protection given albuminuria.",
          "Urine albumin-to-creatinine ratio 48 mg/g (moderately increased)"]),
    YN("Does the patient have peripheral neuropathy?", "Diagnosis", "no", ["No evidence of peripheral neuropathy"],
       ref="No. Sensation in her feet was normal on testing and she has no numbness or tingling.",
       ev=["No numbness or tingling in her feet.", "Monofilament sensation intact bilaterally.",
           "No evidence of peripheral neuropathy."]),
    YN("Does the patient have diabetic retinopathy?", "Diagnosis", "uncertain", ["Retinopathy status unknown"],
       ref="This is not known. She has not had an eye exam in 3 years, so she has been referred for a "
           "dilated eye exam.",
       ev=["She has not had an eye exam in 3 years.", "Retinopathy status unknown.",
           "5. Referral to ophthalmology for a dilated eye exam."]),
    YN("Does the patient's mother have diabetes?", "Diagnosis", "yes",
       ["Her mother and two sisters have type 2 diabetes"]),
    YN("Has the patient had a stroke?", "Diagnosis", "not_mentioned",
       ref="The note does not say she has had a stroke. It mentions that her father had a stroke at 70.",
       ev=["her father had a stroke at 70."]),
    Q("What is the urine albumin-to-creatinine ratio?", "Lab Reports", "number", ["48 mg/g"]),
    NA("What was the triglyceride level?", "Lab Reports", "number"),
    Q("How often does the patient take semaglutide?", "Medication", "span", [A("once weekly")]),
    Q("What was the blood pressure?", "Other", "number", ["142/86"]),
]

QUESTIONS["icu01_nursing"] = [
    Q("What sedation is the patient on?", "Medication", "list",
      ["propofol 40 mcg/kg/min", "fentanyl 100 mcg/hr"],
      ref="He is kept sedated with propofol at 40 mcg/kg/min and fentanyl at 100 mcg/hr.",
      ev=["NEURO: Sedated on propofol 40 mcg/kg/min and fentanyl 100 mcg/hr."]),
    Q("What is the current norepinephrine dose?", "Medication", "number", ["0.04 mcg/kg/min"],
      ref="He is on norepinephrine at 0.04 mcg/kg/min to support his blood pressure, lowered from 0.08 "
          "overnight.",
      ev=["BP 100s-120s/60s on norepinephrine 0.04 mcg/kg/min, weaned from 0.08 overnight."]),
    Q("What is the PEEP?", "Other", "number", [A("12", within="PEEP 12")]),
    Q("What was the potassium?", "Lab Reports", "number", [A("3.3", within="K 3.3 at 04:00")],
      ref="His potassium was low at 3.3 at 04:00, and he was given potassium chloride 40 mEq through the "
          "feeding tube.",
      ev=["LABS: K 3.3 at 04:00 -> KCl 40 mEq per OGT given per protocol."]),
    YN("Did the patient have a seizure?", "Symptoms", "no", ["No seizure activity noted"]),
    YN("Does the patient have a bacterial pneumonia?", "Diagnosis", "uncertain",
       ["possible superimposed bacterial pneumonia"],
       ref="This is not confirmed. He is being treated with vancomycin and cefepime for a possible bacterial "
           "pneumonia on top of the flu, and cultures were sent after a fever.",
       ev=["ID: Tmax 38.4 at 22:00, blood cultures x2 and sputum cx sent per team.",
           "On oseltamivir 75 mg per OGT BID (day 3) and vancomycin/cefepime (day 2) for possible superimposed bacterial pneumonia."]),
    YN("Does the patient have a pressure injury?", "Diagnosis", "yes", ["Stage 1 pressure injury on sacrum"],
       ref="Yes. He has an early (stage 1) pressure injury on the lower back (sacrum). It is covered with a "
           "protective dressing and he is turned every 2 hours.",
       ev=["SKIN: Stage 1 pressure injury on sacrum, mepilex applied; turned q2h."]),
    Q("What is the tube feed rate?", "Other", "number", ["40 mL/hr"]),
    Q("Why was the patient admitted?", "Diagnosis", "span", ["ARDS secondary to influenza A pneumonia"],
      ref="He was admitted with severe lung injury (ARDS) caused by influenza A pneumonia and needed a "
          "breathing tube.",
      ev=["Pt is a 59 yo M admitted [**11-29**] with ARDS secondary to influenza A pneumonia.",
          "Intubated on arrival to ICU."]),
    NA("What was the lactate?", "Lab Reports", "number"),
    YN("Does the patient have edema?", "Symptoms", "no", [A("No edema")]),
    YN("Is the patient on vasopressin?", "Medication", "not_mentioned"),
    Q("What was the magnesium?", "Lab Reports", "number", [A("1.7", within="Mg 1.7")]),
    NA("What is the patient's weight?", "Other", "number"),
]

QUESTIONS["cs01_nephrology"] = [
    Q("What is the potassium today?", "Lab Reports", "number",
      [A("5.6", within="improving to 5.6 this morning"), A("5.6", within="K 5.6 today"),
       A("5.6", within="6.1      5.8      5.6")],
      ref="His potassium is 5.6 today. It is still high but improving, down from 6.1 on admission.",
      ev=["Received calcium gluconate, insulin/dextrose and sodium zirconium cyclosilicate in the ED with K improving to 5.6 this morning.",
          "3. Hyperkalemia: K 5.6 today."]),
    Q("What was the creatinine on admission?", "Lab Reports", "number",
      [A("3.9", within="Cr 3.9 and K 6.1"), A("3.9", within="Cr (mg/dL)    3.9"), A("3.9", within="AKI (Cr 3.9")]),
    Q("What is the cause of the AKI?", "Diagnosis", "span", ["prerenal AKI from volume depletion"],
      ref="The kidney injury is most likely from dehydration due to diarrhea and poor eating, made worse by "
          "his lisinopril and spironolactone.",
      ev=["74 yo M with CKD 3b presenting with AKI (Cr 3.9 from baseline ~1.7), most consistent with prerenal "
          "AKI from volume depletion (diarrhea, low FENa, bland sediment) compounded by ACE inhibitor and spironolactone."]),
    YN("Does the patient need dialysis?", "Procedure", "no", ["No indication for urgent dialysis at this time"],
       ref="Not now. There is no reason for urgent dialysis: his potassium is responding to treatment, he has "
           "no symptoms of kidney failure, and he is not overloaded with fluid.",
       ev=["No indication for urgent dialysis at this time: no refractory hyperkalemia, no uremic symptoms, no volume overload."]),
    YN("Is there acute tubular necrosis?", "Diagnosis", "uncertain", ["Possible contribution of ATN"]),
    YN("Is there hydronephrosis?", "Diagnosis", "no", [A("no hydronephrosis")]),
    Q("Which medications should be held?", "Medication", "list",
      [A("lisinopril", within="Hold lisinopril, spironolactone and metformin"),
       A("spironolactone", within="Hold lisinopril, spironolactone and metformin"),
       A("metformin", within="Hold lisinopril, spironolactone and metformin")],
      ref="Lisinopril, spironolactone and metformin should be held. Lisinopril and spironolactone should not "
          "be restarted until his kidney function is back to baseline.",
      ev=["2. Hold lisinopril, spironolactone and metformin.",
          "Do not restart ACEi/spironolactone until Cr back to baseline; we will advise."]),
    Q("What dose of sodium bicarbonate was recommended?", "Medication", "span", ["sodium bicarbonate 650 mg PO TID"]),
    YN("Does the patient have C. diff infection?", "Diagnosis", "no", ["C. diff testing is negative"]),
    Q("What was the FENa?", "Lab Reports", "number", ["0.4%"]),
    NA("What was the hemoglobin?", "Lab Reports", "number"),
    Q("What is the patient allergic to?", "Other", "span", ["Penicillin"]),
    YN("Does the patient take NSAIDs?", "Medication", "no", ["No NSAID use"]),
    Q("When should insulin and dextrose be repeated?", "Medication", "span", ["If K > 6.0 or ECG changes"],
      ref="Insulin with dextrose should be given again if his potassium rises above 6.0 or if his ECG changes, "
          "and the kidney team should be called.",
      ev=["If K > 6.0 or ECG changes, repeat insulin/dextrose and call renal."]),
    NA("What was the urine sodium?", "Lab Reports", "number"),
]


# A second pass that balances the yes/no verdicts and adds date and list questions; appended to
# each note's list so the ids above keep their numbers.
EXTRA: dict[str, list[Q]] = {
    "ds01_chf": [
        YN("Does the patient have diabetes?", "Diagnosis", "yes", ["Type 2 diabetes mellitus, on insulin"]),
        YN("Has the patient ever smoked?", "Other", "yes", ["Former smoker, quit 20 years ago"],
           ref="Yes, in the past. She is a former smoker who quit 20 years ago after about 30 pack-years.",
           ev=["Former smoker, quit 20 years ago (30 pack-years)."]),
        YN("Was the acute kidney injury caused by heart failure?", "Diagnosis", "uncertain", ["likely cardiorenal"],
           ref="Probably. Her doctors thought the kidney injury was likely from the heart failure (cardiorenal), "
               "and it improved as the extra fluid was removed.",
           ev=["# Acute kidney injury on CKD 3: Cr 1.9 on admission from baseline 1.4, likely cardiorenal.",
               "Improved with diuresis to 1.5 at discharge."]),
        Q("When was the echocardiogram done?", "Procedure", "date", [A("[**2150-3-15**]", n=0), A("[**2150-3-15**]", n=1)]),
        Q("What were the secondary discharge diagnoses?", "Diagnosis", "list",
          ["Acute kidney injury on chronic kidney disease stage 3", A("Paroxysmal atrial fibrillation", n=1),
           "Type 2 diabetes mellitus, uncontrolled", A("Coronary artery disease", n=1)]),
    ],
    "ds02_copd_pna": [
        YN("Does the patient have sleep apnea?", "Diagnosis", "yes", ["Obstructive sleep apnea, on CPAP"]),
        YN("Does the patient have heart failure?", "Diagnosis", "not_mentioned"),
        Q("When is the last dose of cefpodoxime?", "Medication", "date", ["[**2187-11-9**]"]),
    ],
    "ed01_chestpain": [
        YN("Does the patient have GERD?", "Diagnosis", "yes", [A("GERD", within="hyperlipidemia and GERD")]),
        YN("Does the patient smoke?", "Other", "not_mentioned"),
        Q("What medications does the patient take at home?", "Medication", "list",
          ["Lisinopril 20 mg daily", "atorvastatin 20 mg daily", "omeprazole 20 mg daily PRN"],
          ref="At home he takes lisinopril 20 mg daily, atorvastatin 20 mg daily, and omeprazole 20 mg daily "
              "when needed, though he takes the omeprazole only now and then.",
          ev=["MEDS: Lisinopril 20 mg daily, atorvastatin 20 mg daily, omeprazole 20 mg daily PRN.",
              "Takes omeprazole only intermittently."]),
    ],
    "ds03_gibleed": [
        Q("When was the EGD done?", "Procedure", "date", [A("[**2201-1-9**]", within="[**2201-1-9**] EGD")]),
    ],
    "ed02_abdpain": [
        YN("Does the patient have rebound tenderness?", "Symptoms", "yes", ["+ rebound"]),
        YN("Does the patient meet sepsis criteria?", "Diagnosis", "yes", ["Sepsis criteria met"],
           ref="Yes. She met sepsis criteria because of fever, a fast heart rate and a high white cell count, "
               "but her blood pressure stayed stable.",
           ev=["2. Sepsis criteria met (fever, tachycardia, leukocytosis), hemodynamically stable"]),
    ],
    "pn01_urosepsis": [
        YN("Does the patient have bacteremia?", "Diagnosis", "yes", ["Blood cx [**9-16**]: 1 of 2 bottles E. coli"]),
        YN("Is the delirium caused by the infection?", "Diagnosis", "uncertain", ["likely infection-related"]),
        YN("Does the patient have atrial fibrillation?", "Diagnosis", "not_mentioned"),
        Q("When was the urine culture collected?", "Lab Reports", "date", [A("[**9-16**]", within="Urine cx [**9-16**]")]),
    ],
    "pn02_dka": [
        YN("Has the DKA resolved?", "Diagnosis", "yes", ["DKA, resolved"],
           ref="Yes. The DKA has resolved: his acid level and anion gap are back to normal, and he was switched "
               "from the insulin drip to insulin shots.",
           ev=["- Insulin drip stopped at 21:00 after anion gap closed x2; transitioned to SC insulin",
               "1. DKA, resolved: Now on glargine 22 units SC qHS and lispro 6 units with meals plus correction scale."]),
    ],
    "rad01_cxr_normal": [
        YN("Does the patient have a pacemaker?", "Procedure", "not_mentioned"),
    ],
    "rad02_cta_chest": [
        YN("Is the kidney lesion a cyst?", "Diagnosis", "uncertain", ["likely a cyst"]),
    ],
    "rad04_cxr_chf": [
        YN("Is there atelectasis?", "Diagnosis", "uncertain", ["likely represent atelectasis"]),
        YN("Is there a lung mass?", "Diagnosis", "not_mentioned"),
    ],
    "op01_lapchole": [
        YN("Was a cholangiogram performed?", "Procedure", "yes", ["A cholangiogram was performed"]),
        YN("Is the patient allergic to penicillin?", "Other", "not_mentioned",
           ref="The operative note does not list any allergies, so it does not say whether she is allergic to "
               "penicillin. She was given cefazolin before the incision."),
    ],
    "cl01_cardiology": [
        YN("Is the patient in atrial fibrillation on today's ECG?", "Lab Reports", "yes",
           ["ECG today shows atrial fibrillation"]),
        YN("Does the patient have diabetes?", "Diagnosis", "not_mentioned"),
        Q("When was the cardioversion?", "Procedure", "date", ["[**2152-6-3**]"]),
        Q("What are the patient's diagnoses?", "Diagnosis", "list",
          ["Persistent atrial fibrillation", A("Hypertension", within="2. Hypertension"),
           "Obstructive sleep apnea", A("Obesity", within="4. Obesity")]),
    ],
    "cl02_endocrine": [
        YN("Does the patient have albuminuria?", "Lab Reports", "yes", ["moderately increased albuminuria"]),
    ],
    "icu01_nursing": [
        YN("Is the patient intubated?", "Procedure", "yes", [A("Intubated", within="RESP: Intubated")]),
        YN("Will the patient be proned again?", "Procedure", "uncertain", ["Possible repeat proning if P/F < 150"],
           ref="Maybe. The team may turn him onto his stomach (proning) again if his oxygen levels worsen "
               "(P/F ratio below 150).",
           ev=["Possible repeat proning if P/F < 150."]),
        Q("When was the central line placed?", "Procedure", "date", [A("[**11-29**]", within="CVC (placed [**11-29**])")]),
    ],
    "cs01_nephrology": [
        YN("Were there peaked T waves?", "Lab Reports", "yes", ["peaked T waves on admission"],
           ref="Yes, on admission his ECG showed peaked T waves from the high potassium; they were gone on "
               "today's ECG.",
           ev=["ECG: sinus rhythm, peaked T waves on admission, resolved on today's ECG."]),
        YN("Does the patient have a pericardial effusion?", "Diagnosis", "not_mentioned"),
    ],
}
for _note, _extra in EXTRA.items():
    QUESTIONS[_note].extend(_extra)


def note_type(note_id: str) -> str:
    return NOTE_TYPES[note_id.split("_", 1)[0].rstrip("0123456789")]


def build() -> tuple[dict, list[dict]]:
    files = {p.stem: p for p in sorted(NOTES.glob("*.txt"))}
    if set(files) != set(QUESTIONS):
        raise BuildError(f"notes without questions: {sorted(set(files) - set(QUESTIONS))}; "
                         f"questions without notes: {sorted(set(QUESTIONS) - set(files))}")
    data, references = [], []
    for note_id, questions in QUESTIONS.items():
        text = files[note_id].read_text(encoding="utf-8")
        qas = []
        for i, q in enumerate(questions, 1):
            qid = f"{note_id}_{i:02d}"
            check(q, qid)
            answers = []
            for k, spec in enumerate(q.answers):
                start, end = locate(text, spec, f"{qid} answer {k}")
                answers.append({"text": text[start:end], "answer_start": start})
            if len({a["answer_start"] for a in answers}) != len(answers):
                raise BuildError(f"{qid}: two gold answers point at the same place")
            qa = {"id": qid, "question": q.question, "answers": answers, "is_impossible": not answers,
                  "category": q.category, "answer_type": q.answer_type}
            if q.verdict is not None:
                qa["verdict"] = q.verdict
            qas.append(qa)
            if q.ref is not None:
                evidence = []
                for k, spec in enumerate(q.ev):
                    start, end = locate(text, spec, f"{qid} evidence {k}")
                    evidence.append({"start": start, "end": end, "text": text[start:end]})
                references.append({"id": qid, "note_id": note_id, "question": q.question,
                                   "reference": q.ref, "evidence": sorted(evidence, key=lambda e: e["start"])})
        data.append({"title": f"{note_id} ({note_type(note_id)})",
                     "paragraphs": [{"document_id": note_id, "note_type": note_type(note_id),
                                     "context": text, "qas": qas}]})
    return {"version": "v2.0", "data": data}, references


def main() -> int:
    try:
        squad, references = build()
    except BuildError as e:
        print(f"build.py: {e}", file=sys.stderr)
        return 1
    (HERE / "clinical_dev.json").write_text(json.dumps(squad, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    with open(HERE / "answers.jsonl", "w", encoding="utf-8") as f:
        for r in references:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    qas = [qa for art in squad["data"] for qa in art["paragraphs"][0]["qas"]]
    n_imp = sum(qa["is_impossible"] for qa in qas)
    print(f"{len(squad['data'])} notes, {len(qas)} questions, {n_imp} unanswerable ({n_imp / len(qas):.1%}), "
          f"{len(references)} reference answers ({sum(bool(r['evidence']) for r in references)} with evidence)")
    for key in ("category", "answer_type", "verdict"):
        counts: dict[str, int] = {}
        for qa in qas:
            if key in qa:
                counts[qa[key]] = counts.get(qa[key], 0) + 1
        print(f"  {key}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    types: dict[str, int] = {}
    for art in squad["data"]:
        t = art["paragraphs"][0]["note_type"]
        types[t] = types.get(t, 0) + 1
    print("  note types: " + ", ".join(f"{k} {v}" for k, v in sorted(types.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
