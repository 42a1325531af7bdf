#!/usr/bin/env python3
"""Build dev10.json and cells.jsonl for clinical_dev10 from answer *texts* (standard library only).

Text-location and build-loop logic adapted from ../clinical_dev9/build.py; all notes, questions, answers
and cells are new.

Answer/cell text specs:
  "text"              -> must occur exactly once as a whole token sequence
  ("text", n)         -> n-th (0-based) whole-token occurrence
  ("text", "anchor")  -> the single occurrence inside the unique anchor string
  ("text", "all")     -> every occurrence (each becomes an alternative / a span)
The build stops with an error on a missing, ambiguous or token-internal text.
Question tuples: (question, category, answer type, [specs], verdict[, extra ...]) where an extra is a
language code (see LANGS) or a TRAP(kind, description) for yes/no trap questions.
Cells: yes_no/number/date concepts -> (values, [specs], note); span/list concepts -> ([specs], note).
"""
import json, re, sys
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


class TRAP:
    """Marks a yes/no trap question: a careless keyword reader would say yes, the gold is not yes."""
    def __init__(self, kind, desc):
        self.kind, self.desc = kind, desc

TRAP_KINDS = {
    "negated": "explicitly negated finding or event",
    "ruled_out": "considered, in the differential or the request, then excluded",
    "suspected": "possible / probable / ?X / not excluded (gold uncertain)",
    "planned": "requested, booked, recommended or due, not yet done",
    "not_done": "considered, discussed, offered, declined or conditional and not carried out",
    "family_history": "a relative's condition",
    "other_person": "someone other than the patient (relative, baby, donor)",
    "former_resolved": "former habit or a resolved condition",
    "time_scope": "true at another time than the one asked",
    "stopped_held": "a drug named in the question that is stopped, held or withheld",
    "drug_class_and_status": "a class asked; the only member is stopped, held, completed, prophylactic or not started",
    "threshold": "a value that does not meet the threshold the question implies",
    "intolerance_not_allergy": "a reaction recorded as an intolerance or side effect, not an allergy",
    "indication_only": "named only in the indication, request or reason, not found",
    "hypothetical": "safety-net or conditional wording",
    "fever_from_values": "fever asked where the stated temperatures are below 38 C",
    "compound_or_other_sense": "the keyword belongs to another word, name, side or meaning",
    # kinds as in ../clinical_dev9 (taken over there from ../clinical_yesno3 and ../clinical_yesno4)
    "non_adherent": "prescribed, but not (being) taken",
    "severity_or_subtype": "present, but at another severity, grade or subtype than asked",
    "test_status": "test requested, not done, or result pending",
    "negation_in_list": "one item of a negated list, away from the negation word",
    "screening_negative": "a screen or test for the condition is negative",
}

NOTES = {}   # id -> (note_type, style)
QAS = {}     # id -> list of question tuples
CELLS = {}   # id -> {concept: spec}
ABSENT_NOTES = {}  # id -> {concept: justification}

LANGS = {"es", "pl", "de", "fr", "pt", "no", "da", "it", "nl", "cs"}

T = {"yn": "yes_no", "num": "number", "span": "span", "date": "date", "list": "list"}

_NOTE_LINES = {}
def line(nid, prefix, n=0):
    """The n-th full line of note nid that starts with prefix: used as a unique anchor for table cells."""
    if nid not in _NOTE_LINES:
        _NOTE_LINES[nid] = (HERE / "notes" / f"{nid}.txt").read_text(encoding="utf-8").splitlines()
    hits = [l for l in _NOTE_LINES[nid] if l.startswith(prefix)]
    if len(hits) <= n: die(f"{nid}: no line {n} starting with {prefix!r}")
    return hits[n]
# ---------------------------------------------------------------- pneumonie_propousteci_01
N = "pneumonie_propousteci_01"
CZ = lambda p, n=0: line(N, p, n)
NOTES[N] = ("discharge_summary", "Czech regional-hospital internal medicine discharge summary (Propouštěcí zpráva) written entirely in Czech, by a junior doctor (sekundární lékařka) and the head of department (primář): hospitalisation date range `d.m.yyyy – d.m.yyyy`, Důvod přijetí line, numbered discharge diagnoses with ICD-10 codes and a hlavní diagnóza tag, Czech anamnesis blocks (RA / OA / FA / AA / Abúzus / SA / NO), Czech abbreviations (TK, TF, DF, TT, DK, FiS, PNO, KO, PAD, CHOPN, st. p.), comma decimal marks, space-aligned lab table by bare `d.m.` columns with SI units (Hb in g/l, creatinine in µmol/l), blood gas in kPa, dated drug events in one course paragraph (held / restarted / ended / started after counselling), dash discharge medication list tagged `beze změny` / `NOVĚ`, Czech dosing schedule `1-0-1`, dash recommendations with booked and conditional items")
QAS[N] = [
    ("WBC on admission?", "Lab Reports", "num", [("17,4", CZ("Leukocyty"))], None),
    ("Leukocytes on 5 November?", "Lab Reports", "num", [("13,9", CZ("Leukocyty"))], None),
    ("Most recent white cell count?", "Lab Reports", "num", [("8,6", CZ("Leukocyty"))], None),
    ("Haemoglobin on admission?", "Lab Reports", "num", [("141", CZ("Hemoglobin"))], None),
    ("Lowest Hb during the stay?", "Lab Reports", "num", [("132", CZ("Hemoglobin"))], None),
    ("Hb on 9.11.?", "Lab Reports", "num", [("135", CZ("Hemoglobin"))], None),
    ("Peak CRP?", "Lab Reports", "num", [("238", CZ("CRP (mg/l)"))], None),
    ("CRP on 9 Nov?", "Lab Reports", "num", [("31", CZ("CRP (mg/l)"))], None),
    ("Procalcitonin on admission?", "Lab Reports", "num", [("4,1", CZ("Prokalcitonin"))], None),
    ("Was procalcitonin measured on 5.11.?", "Lab Reports", "yn", [], "not_mentioned"),
    ("Latest procalcitonin?", "Lab Reports", "num", [("0,3", CZ("Prokalcitonin"))], None),
    ("Admission creatinine?", "Lab Reports", "num", [("128", CZ("Kreatinin"))], None),
    ("Creatinine at the last check?", "Lab Reports", "num", [("92", CZ("Kreatinin"))], None),
    ("Creatinine on 5/11?", "Lab Reports", "num", [("104", CZ("Kreatinin"))], None),
    ("Potassium on admission?", "Lab Reports", "num", [("3,2", CZ("K+"))], None),
    ("K+ on 9.11.?", "Lab Reports", "num", [("4,4", CZ("K+"))], None),
    ("Lowest sodium?", "Lab Reports", "num", [("133", CZ("Na+"))], None),
    ("Na on 9 November?", "Lab Reports", "num", [("139", CZ("Na+"))], None),
    ("Glucose on admission?", "Lab Reports", "num", [("14,8", CZ("Glykémie"))], None),
    ("Blood sugar on 9.11.?", "Lab Reports", "num", [("7,9", CZ("Glykémie"))], None),
    ("Troponin?", "Lab Reports", "span", ["19 ng/l, kontrola po 3 h 21 ng/l (bez dynamiky)", "hs-troponin I 3.11.: 19 ng/l"], None),
    ("Repeat troponin after 3 hours?", "Lab Reports", "num", ["21 ng/l"], None),
    ("NT-proBNP?", "Lab Reports", "num", ["860 ng/l"], None),
    ("pO2 on the arterial gas?", "Lab Reports", "num", ["7,1 kPa"], None),
    ("pCO2?", "Lab Reports", "num", ["6,4 kPa"], None),
    ("Arterial pH?", "Lab Reports", "num", ["7,37"], None),
    ("Admission blood pressure?", "Lab Reports", "span", ["148/86"], None),
    ("BP at discharge?", "Lab Reports", "span", ["132/78"], None),
    ("Heart rate on arrival?", "Lab Reports", "num", [("118/min", "TF 118/min")], None),
    ("Pulse at discharge?", "Lab Reports", "num", [("76/min", "TF 76/min")], None),
    ("SpO2 on admission?", "Lab Reports", "num", ["86 %"], None),
    ("Oxygen saturation at discharge?", "Lab Reports", "num", ["93 %"], None),
    ("Respiratory rate on admission?", "Lab Reports", "num", ["28/min"], None),
    ("Temperature on admission?", "Lab Reports", "num", ["38,7 °C"], None),
    ("Highest temperature reported?", "Lab Reports", "num", ["39,2 °C"], None),
    ("Ventricular rate on the first ECG?", "Lab Reports", "num", ["124/min"], None),
    ("Ejection fraction?", "Lab Reports", "num", ["55 %"], None),
    ("Left atrial size?", "Lab Reports", "num", ["42 mm"], None),
    ("CHA2DS2-VASc score?", "Diagnosis", "num", [("3", "CHA2DS2-VASc 3")], None),
    ("What organism grew in the sputum?", "Lab Reports", "span", ["Streptococcus pneumoniae"], None),
    ("Principal diagnosis?", "Diagnosis", "span", ["Komunitní pneumonie pravého dolního laloku, S. pneumoniae (J13)"], None),
    ("Which lobe was affected?", "Diagnosis", "span", ["pravého dolního laloku", "pravém dolním laloku"], None),
    ("GOLD stage of his COPD?", "Diagnosis", "span", ["GOLD 3"], None),
    ("List the discharge diagnoses.", "Diagnosis", "list", ["Komunitní pneumonie pravého dolního laloku, S. pneumoniae (J13)", "Akutní exacerbace CHOPN (J44.1)", "Fibrilace síní, nově zjištěná, paroxysmální, spontánní konverze 4.11. (I48.0)", "Hypokalémie, korigována (E87.6)"], None),
    ("What are the discharge medications?", "Medication", "list", ["tiotropium/olodaterol 2,5/2,5 µg 2 vdechy 1x denně – beze změny", "salbutamol inh. dle potřeby – beze změny", "perindopril 5 mg 1-0-0 – beze změny", "metformin 1000 mg 1-0-1 – beze změny (obnoven 8.11.)", "atorvastatin 20 mg 0-0-1 – beze změny", "apixaban 5 mg 1-0-1 – NOVĚ", "bisoprolol 2,5 mg 1-0-0 – NOVĚ"], None),
    ("New medications at discharge?", "Medication", "list", ["apixaban 5 mg 1-0-1 – NOVĚ", "bisoprolol 2,5 mg 1-0-0 – NOVĚ"], None),
    ("Which antibiotics did he get?", "Medication", "list", ["ceftriaxon 2 g i.v. 1x denně", "klarithromycin 500 mg p.o. á 12 h"], None),
    ("Why was clarithromycin stopped?", "Medication", "span", ["ukončen po negativním antigenu Legionelly"], None),
    ("When was metformin restarted?", "Medication", "date", [("8.11.", "znovu nasazen 8.11.")], None),
    ("Why was metformin stopped on admission?", "Medication", "span", ["pro akutní infekci a kreatinin 128"], None),
    ("Why was perindopril interrupted?", "Medication", "span", ["pro AKI"], None),
    ("Prednisone dose?", "Medication", "span", ["40 mg p.o. 5 dní"], None),
    ("Apixaban dose?", "Medication", "span", ["5 mg á 12 h", "apixaban 5 mg 1-0-1"], None),
    ("What are his allergies?", "Medication", "list", ["penicilin – kopřivka", "náplasti – kontaktní dermatitida"], None),
    ("What reaction did penicillin cause?", "Medication", "span", [("kopřivka", "penicilin – kopřivka")], None),
    ("How long did he smoke?", "Other", "span", ["kouřil 40 let 20 cigaret denně"], None),
    ("Year he quit smoking?", "Other", "span", ["přestal v r. 2302"], None),
    ("Admission date?", "Other", "date", ["3.11.2304"], None),
    ("Discharge date?", "Other", "date", [("10.11.2304", 1)], None),
    ("Where was he discharged to?", "Other", "span", ["domů"], None),
    ("When is the Holter?", "Procedure", "date", ["16.11.2304"], None),
    ("Date of the pulmonology appointment?", "Other", "date", ["2.12.2304"], None),
    ("When should he see his GP?", "Other", "span", ["do 7 dnů"], None),
    ("When is the repeat chest X-ray?", "Procedure", "span", ["za 6 týdnů"], None),
    ("How many litres of oxygen?", "Medication", "num", ["2 l/min"], None),
    ("Target saturation on oxygen?", "Lab Reports", "span", ["88–92 %"], None),
    ("When did he become afebrile?", "Symptoms", "date", [("6.11.", "Afebrilní od 6.11.")], None),
    ("How long did the symptoms last before admission?", "Symptoms", "num", [("4 dny", "Důvod přijetí: dušnost, horečka a kašel s hnědavým sputem 4 dny"), ("4 dny", "NO: 4 dny")], None),
    # yes/no
    ("Fever on admission?", "Symptoms", "yn", ["TT 38,7 °C"], "yes"),
    ("Pleuritic chest pain?", "Symptoms", "yn", ["pleuritická bolest vpravo při nádechu"], "yes"),
    ("Anginal chest pain?", "Symptoms", "yn", ["Stenokardie neguje"], "no", TRAP("negated", "stenokardie neguje; the pain is pleuritic")),
    ("Haemoptysis?", "Symptoms", "yn", ["hemoptýzu neguje"], "no", TRAP("negated", "hemoptýzu neguje")),
    ("Leg swelling?", "Symptoms", "yn", ["otoky DK neguje", "DK bez otoků"], "no", TRAP("negated", "no oedema of the legs")),
    ("Is he anticoagulated?", "Medication", "yn", ["apixaban 5 mg 1-0-1 – NOVĚ"], "yes"),
    ("Is he on a beta-blocker?", "Medication", "yn", ["bisoprolol 2,5 mg 1-0-0 – NOVĚ"], "yes"),
    ("Still in atrial fibrillation at discharge?", "Diagnosis", "yn", ["spontánní konverze na sinusový rytmus"], "no", TRAP("time_scope", "AF on 3.11., sinus rhythm from 4.11.")),
    ("Was he cardioverted electrically?", "Procedure", "yn", ["spontánní konverze na sinusový rytmus"], "no", TRAP("not_done", "conversion was spontaneous")),
    ("Is he allergic to ceftriaxone?", "Medication", "yn", ["tolerován bez reakce"], "no", TRAP("compound_or_other_sense", "penicillin allergy; ceftriaxone tolerated")),
    ("Penicillin allergy?", "Medication", "yn", ["penicilin – kopřivka"], "yes"),
    ("Does he smoke?", "Other", "yn", ["přestal v r. 2302"], "no", TRAP("former_resolved", "stopped smoking in 2302")),
    ("Family history of lung cancer?", "Other", "yn", ["otec zemřel na karcinom plic v 68 letech"], "yes"),
    ("Does he have lung cancer?", "Diagnosis", "yn", [], "not_mentioned", TRAP("family_history", "father's lung cancer; CT only planned if the finding persists")),
    ("Was a CT chest done?", "Procedure", "yn", ["při přetrvávání nálezu CT hrudníku"], "no", TRAP("hypothetical", "CT only if the X-ray finding persists")),
    ("Pleural tap performed?", "Procedure", "yn", ["Pleurální punkce nebyla indikována"], "no", TRAP("not_done", "not indicated for a small effusion")),
    ("Pleural effusion on the admission X-ray?", "Diagnosis", "yn", ["malý pravostranný fluidothorax"], "yes"),
    ("Pneumothorax?", "Diagnosis", "yn", ["bez PNO"], "no", TRAP("negated", "bez PNO")),
    ("Cardiomegaly?", "Diagnosis", "yn", ["srdce nezvětšeno"], "no", TRAP("negated", "heart not enlarged")),
    ("Consolidation on the chest film?", "Diagnosis", "yn", ["konsolidace v pravém dolním laloku s aerobronchogramem"], "yes"),
    ("Legionella?", "Diagnosis", "yn", ["Antigen Legionelly a pneumokoka v moči negativní"], "no", TRAP("screening_negative", "urinary Legionella antigen negative")),
    ("Influenza positive?", "Diagnosis", "yn", ["PCR SARS-CoV-2 / chřipka A, B negativní"], "no", TRAP("screening_negative", "influenza PCR negative")),
    ("Positive blood cultures?", "Lab Reports", "yn", ["Hemokultury 2x negativní"], "no", TRAP("screening_negative", "blood cultures negative")),
    ("Myocardial infarction?", "Diagnosis", "yn", ["bez dynamiky"], "no", TRAP("threshold", "troponin 19 -> 21 ng/l without dynamics")),
    ("Is he still on prednisone?", "Medication", "yn", ["prednison dobrán 7.11."], "no", TRAP("time_scope", "5-day course finished 7.11.")),
    ("Is he on clarithromycin at discharge?", "Medication", "yn", ["3.11.–5.11., ukončen po negativním antigenu Legionelly"], "no", TRAP("stopped_held", "stopped 5.11.")),
    ("Is metformin stopped?", "Medication", "yn", ["metformin 1000 mg 1-0-1 – beze změny (obnoven 8.11.)"], "no", TRAP("time_scope", "held on admission, restarted 8.11.")),
    ("Is he on oxygen at home?", "Medication", "yn", ["ukončen 7.11."], "no", TRAP("time_scope", "inpatient oxygen stopped 7.11.")),
    ("Insulin at discharge?", "Medication", "yn", ["krátkodobým inzulinem dle glykémií do 8.11."], "no", TRAP("time_scope", "sliding-scale insulin only until 8.11.")),
    ("Has he had the pneumococcal vaccine?", "Procedure", "yn", ["proti pneumokokům nikdy"], "no", TRAP("planned", "never; recommended after recovery")),
    ("Was a Holter done?", "Procedure", "yn", ["Holter EKG objednán na 16.11.2304"], "no", TRAP("planned", "booked for 16.11.")),
    ("Spirometry done during the admission?", "Procedure", "yn", ["spirometrie, zvážit plicní rehabilitaci"], "no", TRAP("planned", "at the pulmonology clinic on 2.12.")),
    ("Diabetic?", "Diagnosis", "yn", ["DM 2. typu na PAD"], "yes"),
    ("Hypertension?", "Diagnosis", "yn", ["arteriální hypertenze"], "yes"),
    ("Was his gallbladder removed?", "Procedure", "yn", ["st. p. cholecystektomii"], "yes"),
    ("Potassium low on admission?", "Lab Reports", "yn", [("3,2", CZ("K+"))], "yes"),
    ("Hypokalaemia at discharge?", "Diagnosis", "yn", ["Hypokalémie, korigována"], "no", TRAP("former_resolved", "corrected; K 4,4 on 9.11.")),
    ("Any valve disease on echo?", "Diagnosis", "yn", ["bez významných chlopenních vad"], "no", TRAP("negated", "no significant valve disease")),
    ("Was he admitted to the ICU?", "Other", "yn", ["Přijat na standardní lůžko"], "no"),
    ("Did he receive a blood transfusion?", "Procedure", "yn", [], "not_mentioned"),
    ("Does he drink alcohol?", "Other", "yn", ["alkohol příležitostně"], "yes"),
    ("COVID positive?", "Diagnosis", "yn", ["PCR SARS-CoV-2 / chřipka A, B negativní"], "no"),
    ("Was he on steroids?", "Medication", "yn", ["Prednison 40 mg p.o. 5 dní"], "yes"),
    ("Does he live alone?", "Other", "yn", ["žije s manželkou"], "no"),
    ("Was the effusion still visible on 9.11.?", "Diagnosis", "yn", ["fluidothorax nezřetelný"], "no", TRAP("time_scope", "effusion on 3.11., not visible on 9.11.")),
    # Czech questions
    ("Jaká byla hodnota CRP při přijetí?", "Lab Reports", "num", [("238", CZ("CRP (mg/l)"))], None, "cs"),
    ("Jaký byl kreatinin 9.11.?", "Lab Reports", "num", [("92", CZ("Kreatinin"))], None, "cs"),
    ("Má pacient alergii na penicilin?", "Medication", "yn", ["penicilin – kopřivka"], "yes", "cs"),
    ("Kouří pacient?", "Other", "yn", ["přestal v r. 2302"], "no", "cs", TRAP("former_resolved", "ex-smoker since 2302")),
    ("Jaká nová léčiva byla nasazena?", "Medication", "list", ["apixaban 5 mg 1-0-1 – NOVĚ", "bisoprolol 2,5 mg 1-0-0 – NOVĚ"], None, "cs"),
    ("Je pacient antikoagulován?", "Medication", "yn", ["apixaban 5 mg 1-0-1 – NOVĚ"], "yes", "cs"),
    ("Byla provedena pleurální punkce?", "Procedure", "yn", ["Pleurální punkce nebyla indikována"], "no", "cs", TRAP("not_done", "nebyla indikována")),
    ("Jaká byla saturace kyslíkem při přijetí?", "Lab Reports", "num", ["86 %"], None, "cs"),
    ("Kdy byl pacient propuštěn?", "Other", "date", [("10.11.2304", 1)], None, "cs"),
    ("Jaká byla ejekční frakce?", "Lab Reports", "num", ["55 %"], None, "cs"),
    ("Měl pacient pneumotorax?", "Diagnosis", "yn", ["bez PNO"], "no", "cs", TRAP("negated", "bez PNO")),
    ("Jaký byl draslík při přijetí?", "Lab Reports", "num", [("3,2", CZ("K+"))], None, "cs"),
    ("Trpí pacient karcinomem plic?", "Diagnosis", "yn", [], "not_mentioned", "cs", TRAP("family_history", "otec")),
    ("Jaká byla hodnota HbA1c?", "Lab Reports", "num", [], None, "cs"),
    ("Jaký byl hemoglobin při přijetí?", "Lab Reports", "num", [("141", CZ("Hemoglobin"))], None, "cs"),
    ("Kdy je kontrola na pneumologii?", "Other", "date", ["2.12.2304"], None, "cs"),
    ("Proč byl vysazen metformin?", "Medication", "span", ["pro akutní infekci a kreatinin 128"], None, "cs"),
    ("Užívá pacient inzulin po propuštění?", "Medication", "yn", ["krátkodobým inzulinem dle glykémií do 8.11."], "no", "cs", TRAP("time_scope", "jen do 8.11.")),
    # unanswerable
    ("HbA1c?", "Lab Reports", "num", [], None),
    ("Platelet count?", "Lab Reports", "num", [], None),
    ("Albumin?", "Lab Reports", "num", [], None),
    ("What is his weight?", "Other", "num", [], None),
    ("Lactate?", "Lab Reports", "num", [], None),
    ("Magnesium level?", "Lab Reports", "num", [], None),
    ("FEV1?", "Lab Reports", "num", [], None),
    ("Urea on admission?", "Lab Reports", "num", [], None),
    ("Temperature at discharge?", "Lab Reports", "num", [], None),
    ("INR?", "Lab Reports", "num", [], None),
    ("Name of his wife?", "Other", "span", [], None),
    ("Was he ventilated non-invasively?", "Procedure", "yn", [], "not_mentioned"),
    ("Did he have a bronchoscopy?", "Procedure", "yn", [], "not_mentioned"),
    ("Date of the echo report sign-off?", "Other", "date", [], None),
    ("Does he use home oxygen before admission?", "Medication", "yn", [], "not_mentioned"),
    ("BNP?", "Lab Reports", "num", [], None),
    ("Respiratory rate at discharge?", "Lab Reports", "num", [], None),
    ("D-dimer?", "Lab Reports", "num", [], None),
]
CELLS[N] = {
    "chief_complaint": (["dušnost, horečka a kašel s hnědavým sputem 4 dny"], "Důvod přijetí"),
    "principal_diagnosis": (["Komunitní pneumonie pravého dolního laloku, S. pneumoniae (J13)"], "diagnosis 1, tagged hlavní diagnóza"),
    "secondary_diagnoses": (["Akutní exacerbace CHOPN (J44.1)", "Fibrilace síní, nově zjištěná, paroxysmální, spontánní konverze 4.11. (I48.0)", "Hypokalémie, korigována (E87.6)"], "diagnoses 2-4"),
    "past_medical_history": (["CHOPN GOLD 3 (od r. 2301)", "arteriální hypertenze", "DM 2. typu na PAD", "st. p. cholecystektomii (před 20 lety)"], "Ostatní line"),
    "allergies": (["penicilin – kopřivka", "náplasti – kontaktní dermatitida"], "AA line; plaster allergy is non-drug"),
    "presenting_symptoms": (["narůstající dušnost", "horečky doma do 39,2 °C", ("kašel s hnědavým sputem", 1), "pleuritická bolest vpravo při nádechu"], "NO paragraph"),
    "symptom_duration": (["4 dny", "4 days", "4"], [("4 dny", "NO: 4 dny")], "4 days"),
    "fever": ("yes", ["TT 38,7 °C"], "38,7 C on admission, 39,2 C at home"),
    "chest_pain": ("yes", ["pleuritická bolest vpravo při nádechu"], "pleuritic pain (anginal pain denied)"),
    "max_temperature": (["39,2 °C", "39.2"], ["39,2 °C"], "at home; 38,7 C measured on admission"),
    "oxygen_saturation": (["86 %", "86"], ["86 %"], "admission, no O2; 93% at discharge"),
    "heart_rate": (["118/min", "118"], [("118/min", "TF 118/min")], "admission, irregular; 76 at discharge"),
    "blood_pressure": (["148/86"], "admission; 132/78 at discharge"),
    "wbc": (["17,4 x10^9/l", "17.4"], [("17,4", CZ("Leukocyty"))], "3.11. column"),
    "hemoglobin": (["141 g/l", "14.1 g/dL", "141"], [("141", CZ("Hemoglobin"))], "3.11. column, g/l"),
    "creatinine": (["128 µmol/l", "128"], [("128", CZ("Kreatinin"))], "3.11. column"),
    "potassium": (["3,2 mmol/l", "3.2"], [("3,2", CZ("K+"))], "3.11. column"),
    "troponin": (["19 ng/l, kontrola po 3 h 21 ng/l (bez dynamiky)"], "hs-troponin I, flat"),
    "chest_imaging": (["konsolidace v pravém dolním laloku s aerobronchogramem, malý pravostranný fluidothorax, srdce nezvětšeno, bez PNO, emfyzém"], "RTG hrudníku 3.11. (9.11.: partial regression)"),
    "antibiotics": (["ceftriaxon 2 g i.v. 1x denně", "klarithromycin 500 mg p.o. á 12 h"], ""),
    "discharge_medications": (["tiotropium/olodaterol 2,5/2,5 µg 2 vdechy 1x denně – beze změny", "salbutamol inh. dle potřeby – beze změny", "perindopril 5 mg 1-0-0 – beze změny", "metformin 1000 mg 1-0-1 – beze změny (obnoven 8.11.)", "atorvastatin 20 mg 0-0-1 – beze změny", "apixaban 5 mg 1-0-1 – NOVĚ", "bisoprolol 2,5 mg 1-0-0 – NOVĚ"], "MEDIKACE PŘI PROPUŠTĚNÍ"),
    "anticoagulation": ("yes", ["apixaban 5 mg 1-0-1 – NOVĚ"], "apixaban started for AF"),
    "new_medications": (["apixaban 5 mg 1-0-1 – NOVĚ", "bisoprolol 2,5 mg 1-0-0 – NOVĚ"], "tagged NOVĚ; antibiotics, prednisone, O2, KCl and insulin were inpatient-only"),
    "admission_date": (["2304-11-03"], ["3.11.2304"], ""),
    "discharge_date": (["2304-11-10"], [("10.11.2304", 1)], ""),
    "length_of_stay": (["7 days", "7"], ["3.11.2304", ("10.11.2304", 1)], "derived from the two dates"),
    "discharge_condition": (["stabilizovaný, afebrilní, SpO2 93 % bez O2"], ""),
    "discharge_disposition": (["domů"], ""),
    "smoking": ("no", ["přestal v r. 2302"], "former smoker (convention 10)"),
    "follow_up": (["kontrola u praktického lékaře do 7 dnů (KO, CRP, ionty, kreatinin)", "kontrolní RTG hrudníku za 6 týdnů", "pneumologická ambulance (MUDr. Pospíšil) 2.12.2304", "Holter EKG objednán na 16.11.2304"], "DOPORUČENÍ"),
    "consolidation": ("yes", ["konsolidace v pravém dolním laloku s aerobronchogramem"], "CXR quoted (convention 6)"),
    "pleural_effusion": ("yes", ["malý pravostranný fluidothorax"], "3.11.; not visible 9.11."),
    "pneumothorax": ("no", ["bez PNO"], ""),
    "cardiomegaly": ("no", ["srdce nezvětšeno"], ""),
}
ABSENT_NOTES[N] = {
    "admission_diagnosis": "no separate admitting diagnosis written",
    "procedures": "no procedure: pleural tap not indicated; X-ray, ECG, echo diagnostic; cardioversion spontaneous",
    "surgery": "cholecystectomy is past history",
    "stopped_medications": "none stopped at discharge: metformin and perindopril were held and restarted; clarithromycin was inpatient-only",
    "pulmonary_edema": "not mentioned",
    "nodule": "not mentioned",
    "lines_tubes": "none described",
}

# ---------------------------------------------------------------- colecistite_alta_01
N = "colecistite_alta_01"
PT = lambda p, n=0: line(N, p, n)
NOTES[N] = ("discharge_summary", "Portuguese (SNS, mainland Portugal) district-hospital general surgery discharge note (Nota de Alta) written entirely in European Portuguese, by a surgical trainee (interna de formação específica) and the consultant (assistente hospitalar): N.º processo and N.º SNS header, `dd-mm-yyyy` dates with bare `dd-mm` columns, MOTIVO DE INTERNAMENTO, DIAGNÓSTICOS with principal / secundários / admission diagnosis (`a excluir`), ANTECEDENTES with family history, pack-years (UMA) and an allergy vs intolerance pair, MEDICAÇÃO HABITUAL on one line, space-aligned lab table with comma decimals (PCR in mg/dL, glycaemia in mg/dL), ecography and MRCP paragraphs, EVOLUÇÃO with surgery, drain, held and resumed drugs, numbered discharge medication tagged `mantém` / `NOVO` with a SUSPENSO line, dash SEGUIMENTO with warning signs")
QAS[N] = [
    ("Hb on admission?", "Lab Reports", "num", [("13,8", PT("Hemoglobina"))], None),
    ("Lowest haemoglobin?", "Lab Reports", "num", [("12,1", PT("Hemoglobina"))], None),
    ("Hb on 25-05?", "Lab Reports", "num", [("12,4", PT("Hemoglobina"))], None),
    ("Admission WBC?", "Lab Reports", "num", [("18,9", PT("Leucócitos"))], None),
    ("Latest leucocyte count?", "Lab Reports", "num", [("8,3", PT("Leucócitos"))], None),
    ("CRP on 23 May?", "Lab Reports", "num", [("17,9", PT("PCR (mg/dL)"))], None),
    ("Peak CRP?", "Lab Reports", "num", [("22,4", PT("PCR (mg/dL)"))], None),
    ("Creatinine on admission?", "Lab Reports", "num", [("1,62", PT("Creatinina"))], None),
    ("Creatinine on 25-05?", "Lab Reports", "num", [("0,88", PT("Creatinina"))], None),
    ("Potassium at admission?", "Lab Reports", "num", [("3,4", PT("Potássio"))], None),
    ("Most recent K?", "Lab Reports", "num", [("4,1", PT("Potássio"))], None),
    ("Total bilirubin on admission?", "Lab Reports", "num", [("1,3", PT("Bilirrubina"))], None),
    ("Alkaline phosphatase?", "Lab Reports", "num", [("148", PT("Fosfatase"))], None),
    ("Lipase?", "Lab Reports", "num", [("42", PT("Lipase"))], None),
    ("Admission glucose?", "Lab Reports", "num", [("286", PT("Glicemia"))], None),
    ("HbA1c?", "Lab Reports", "num", [("8,9%", "HbA1c 8,9%. ")], None),
    ("Admission BP?", "Lab Reports", "span", ["104/62 mmHg"], None),
    ("BP at discharge?", "Lab Reports", "span", ["128/74 mmHg"], None),
    ("Heart rate at admission?", "Lab Reports", "num", ["112 bpm"], None),
    ("HR at discharge?", "Lab Reports", "num", ["78 bpm"], None),
    ("Temperature on arrival?", "Lab Reports", "num", ["38,6 ºC"], None),
    ("Highest temperature?", "Lab Reports", "num", ["38,9 ºC"], None),
    ("SpO2?", "Lab Reports", "num", ["97%"], None),
    ("BMI?", "Other", "num", ["IMC 34"], None),
    ("Largest gallstone size?", "Lab Reports", "num", ["18 mm"], None),
    ("Gallbladder wall thickness?", "Lab Reports", "num", ["6 mm"], None),
    ("CBD diameter?", "Lab Reports", "num", ["5 mm"], None),
    ("Drain output when removed?", "Procedure", "num", ["40 mL"], None),
    ("What operation was done?", "Procedure", "span", ["colecistectomia laparoscópica"], None),
    ("Date of surgery?", "Procedure", "date", [("23-05", "colecistectomia laparoscópica em 23-05")], None),
    ("Operative finding?", "Diagnosis", "span", ["vesícula gangrenosa parcial sem perfuração"], None),
    ("Principal diagnosis?", "Diagnosis", "span", ["Colecistite aguda litiásica, grau II (Tóquio)"], None),
    ("Tokyo grade?", "Diagnosis", "span", ["grau II (Tóquio)"], None),
    ("Admitting diagnosis?", "Diagnosis", "span", ["colecistite aguda; a excluir coledocolitíase"], None),
    ("Secondary diagnoses?", "Diagnosis", "list", ["Lesão renal aguda pré-renal, resolvida", "Diabetes mellitus tipo 2 descompensada na admissão"], None),
    ("Antibiotics given?", "Medication", "list", ["ceftriaxone 2 g id", "metronidazol 500 mg 8/8h"], None),
    ("Discharge meds?", "Medication", "list", ["metformina 850 mg 2id – mantém (retomada)", "losartan 50 mg id – mantém (retomado)", "sertralina 50 mg id – mantém", "insulina glargina 14 U SC ao deitar – NOVO (HbA1c 8,9%)", "paracetamol 1 g 8/8h durante 5 dias – NOVO", "enoxaparina 40 mg SC id durante 7 dias – NOVO (profilaxia)", "omeprazol 20 mg id durante 14 dias – NOVO"], None),
    ("New medicines?", "Medication", "list", ["insulina glargina 14 U SC ao deitar – NOVO (HbA1c 8,9%)", "paracetamol 1 g 8/8h durante 5 dias – NOVO", "enoxaparina 40 mg SC id durante 7 dias – NOVO (profilaxia)", "omeprazol 20 mg id durante 14 dias – NOVO"], None),
    ("Which drug was stopped?", "Medication", "span", ["sitagliptina 100 mg id – substituída por insulina basal"], None),
    ("Why was sitagliptin stopped?", "Medication", "span", ["substituída por insulina basal"], None),
    ("Why were metformin and losartan held?", "Medication", "span", ["por lesão renal aguda"], None),
    ("When was losartan resumed?", "Medication", "date", [("25-05", "Losartan retomado a 25-05")], None),
    ("How long is the enoxaparin?", "Medication", "span", ["durante 7 dias"], None),
    ("Glargine dose?", "Medication", "span", ["14 U SC ao deitar"], None),
    ("Allergies?", "Medication", "span", ["AINEs (angioedema dos lábios, 2301)"], None),
    ("Pack-years?", "Other", "num", ["15 UMA"], None),
    ("Admission date?", "Other", "date", ["21-05-2302"], None),
    ("Discharge date?", "Other", "date", ["26-05-2302"], None),
    ("Follow-up clinic date?", "Other", "date", ["09-06-2302"], None),
    ("When are the staples removed?", "Procedure", "span", ["ao 10.º dia pós-operatório"], None),
    ("Discharge destination?", "Other", "span", ["domicílio, com apoio do marido"], None),
    ("How long had the pain lasted?", "Symptoms", "num", ["3 dias"], None),
    ("How many times did she vomit?", "Symptoms", "num", ["4 episódios"], None),
    # yes/no
    ("Fever?", "Symptoms", "yn", ["febre até 38,9 ºC"], "yes"),
    ("Jaundice?", "Symptoms", "yn", ["Nega icterícia"], "no", TRAP("negated", "nega icterícia")),
    ("Dark urine?", "Symptoms", "yn", ["Nega icterícia, colúria ou acolia"], "no", TRAP("negation_in_list", "colúria in a denied list")),
    ("Chest pain?", "Symptoms", "yn", ["Nega dor torácica"], "no", TRAP("negated", "nega dor torácica")),
    ("Murphy's sign positive?", "Symptoms", "yn", ["Sinal de Murphy positivo"], "yes"),
    ("Peritonitis?", "Diagnosis", "yn", ["sem sinais de irritação peritoneal difusa"], "no", TRAP("negated", "no diffuse peritoneal irritation")),
    ("Common bile duct stone?", "Diagnosis", "yn", ["sem coledocolitíase"], "no", TRAP("ruled_out", "excluded by MRCP")),
    ("Gallbladder perforated?", "Diagnosis", "yn", ["sem perfuração"], "no", TRAP("negated", "gangrenous without perforation")),
    ("Pancreatitis?", "Diagnosis", "yn", [("42", PT("Lipase"))], "no", TRAP("threshold", "lipase 42 U/L, normal")),
    ("Bile duct dilated?", "Diagnosis", "yn", ["sem dilatação"], "no", TRAP("negated", "5 mm, not dilated")),
    ("Is she allergic to ibuprofen?", "Medication", "yn", ["AINEs (angioedema dos lábios, 2301)"], "yes"),
    ("Tramadol allergy?", "Medication", "yn", ["Intolerância ao tramadol (vómitos)"], "no", TRAP("intolerance_not_allergy", "vomiting recorded as intolerance")),
    ("Is she a smoker?", "Other", "yn", ["ex-fumadora (15 UMA), deixou há 10 anos"], "no", TRAP("former_resolved", "quit 10 years ago")),
    ("Does she drink?", "Other", "yn", ["Sem hábitos alcoólicos"], "no", TRAP("negated", "sem hábitos alcoólicos")),
    ("Gallbladder cancer?", "Diagnosis", "yn", [], "not_mentioned", TRAP("family_history", "mother's gallbladder neoplasm; her own histology is pending")),
    ("Histology back?", "Lab Reports", "yn", ["Histologia da vesícula: pendente"], "no", TRAP("test_status", "histology pending")),
    ("Is she anticoagulated?", "Medication", "yn", ["enoxaparina 40 mg SC id durante 7 dias – NOVO (profilaxia)"], "no", TRAP("drug_class_and_status", "prophylactic-dose enoxaparin only")),
    ("Still on antibiotics?", "Medication", "yn", ["Antibioterapia terminada no internamento"], "no", TRAP("time_scope", "21-05 to 25-05 only")),
    ("Is she still on sitagliptin?", "Medication", "yn", ["SUSPENSO: sitagliptina 100 mg id"], "no", TRAP("stopped_held", "sitagliptin stopped")),
    ("Is metformin stopped?", "Medication", "yn", ["metformina retomada a 26-05"], "no", TRAP("time_scope", "held on admission, resumed 26-05")),
    ("Is the drain still in?", "Procedure", "yn", ["dreno retirado a 24-05"], "no", TRAP("time_scope", "removed 24-05")),
    ("Was a drain placed?", "Procedure", "yn", ["dreno sub-hepático"], "yes"),
    ("General anaesthesia?", "Procedure", "yn", ["anestesia geral"], "yes"),
    ("Open conversion?", "Procedure", "yn", [], "not_mentioned"),
    ("Was an ERCP done?", "Procedure", "yn", [], "not_mentioned"),
    ("Positive blood cultures?", "Lab Reports", "yn", ["Hemoculturas (21-05): negativas"], "no", TRAP("screening_negative", "negative")),
    ("Is she diabetic?", "Diagnosis", "yn", ["Diabetes mellitus tipo 2 (há 12 anos)"], "yes"),
    ("Ischaemic heart disease?", "Diagnosis", "yn", ["Nega cardiopatia isquémica"], "no", TRAP("negated", "denied")),
    ("AKI still present at discharge?", "Diagnosis", "yn", ["Lesão renal aguda pré-renal, resolvida"], "no", TRAP("former_resolved", "resolved; creatinine 0,88")),
    ("Chest X-ray abnormal?", "Procedure", "yn", ["sem alterações pleuroparenquimatosas"], "no", TRAP("negated", "no pleuroparenchymal change")),
    ("Troponin raised?", "Lab Reports", "yn", [], "not_mentioned", TRAP("test_status", "troponin not measured")),
    ("Has she had a caesarean?", "Procedure", "yn", ["Cesariana há 30 anos"], "yes"),
    ("Depression?", "Diagnosis", "yn", ["síndrome depressiva"], "yes"),
    ("Pericholecystic fluid?", "Diagnosis", "yn", ["líquido perivesicular"], "yes"),
    ("Wound infection at discharge?", "Diagnosis", "yn", ["ferida operatória sem sinais inflamatórios"], "no", TRAP("negated", "wound without inflammatory signs")),
    ("Is she on omeprazole?", "Medication", "yn", ["omeprazol 20 mg id durante 14 dias – NOVO"], "yes"),
    ("Did she get a diabetology appointment already?", "Other", "yn", ["Consulta de Diabetologia a marcar pelo médico de família"], "no", TRAP("planned", "to be booked by the family doctor")),
    # Portuguese
    ("Qual foi a PCR máxima?", "Lab Reports", "num", [("22,4", PT("PCR (mg/dL)"))], None, "pt"),
    ("A doente é alérgica a AINEs?", "Medication", "yn", ["AINEs (angioedema dos lábios, 2301)"], "yes", "pt"),
    ("Tem alergia ao tramadol?", "Medication", "yn", ["Intolerância ao tramadol (vómitos)"], "no", "pt", TRAP("intolerance_not_allergy", "intolerância")),
    ("Qual foi a cirurgia realizada?", "Procedure", "span", ["colecistectomia laparoscópica"], None, "pt"),
    ("Qual a creatinina à admissão?", "Lab Reports", "num", [("1,62", PT("Creatinina"))], None, "pt"),
    ("Que fármaco foi suspenso?", "Medication", "span", ["sitagliptina 100 mg id – substituída por insulina basal"], None, "pt"),
    ("Está anticoagulada?", "Medication", "yn", ["enoxaparina 40 mg SC id durante 7 dias – NOVO (profilaxia)"], "no", "pt", TRAP("drug_class_and_status", "só profilaxia")),
    ("A doente fuma?", "Other", "yn", ["ex-fumadora (15 UMA), deixou há 10 anos"], "no", "pt", TRAP("former_resolved", "ex-fumadora")),
    ("Havia coledocolitíase?", "Diagnosis", "yn", ["sem coledocolitíase"], "no", "pt", TRAP("ruled_out", "colangio-RM")),
    ("Qual a data da alta?", "Other", "date", ["26-05-2302"], None, "pt"),
    ("Qual o destino após a alta?", "Other", "span", ["domicílio, com apoio do marido"], None, "pt"),
    ("Quando foi retirado o dreno?", "Procedure", "date", [("24-05", "dreno retirado a 24-05")], None, "pt"),
    ("Qual o valor da HbA1c?", "Lab Reports", "num", [("8,9%", "HbA1c 8,9%. ")], None, "pt"),
    ("Qual era a frequência cardíaca à entrada?", "Lab Reports", "num", ["112 bpm"], None, "pt"),
    ("Qual o valor da amilase?", "Lab Reports", "num", [], None, "pt"),
    ("Qual o resultado da histologia?", "Lab Reports", "span", [], None, "pt"),
    ("Teve febre?", "Symptoms", "yn", ["febre até 38,9 ºC"], "yes", "pt"),
    ("Quais os novos medicamentos?", "Medication", "list", ["insulina glargina 14 U SC ao deitar – NOVO (HbA1c 8,9%)", "paracetamol 1 g 8/8h durante 5 dias – NOVO", "enoxaparina 40 mg SC id durante 7 dias – NOVO (profilaxia)", "omeprazol 20 mg id durante 14 dias – NOVO"], None, "pt"),
    # unanswerable
    ("Amylase?", "Lab Reports", "num", [], None),
    ("Platelets?", "Lab Reports", "num", [], None),
    ("INR?", "Lab Reports", "num", [], None),
    ("ALT?", "Lab Reports", "num", [], None),
    ("Sodium?", "Lab Reports", "num", [], None),
    ("Her weight in kg?", "Other", "num", [], None),
    ("Respiratory rate?", "Lab Reports", "num", [], None),
    ("Operation duration?", "Procedure", "num", [], None),
    ("Estimated blood loss?", "Procedure", "num", [], None),
    ("Histology result?", "Lab Reports", "span", [], None),
    ("Culture from the gallbladder?", "Lab Reports", "span", [], None),
    ("Name of the husband?", "Other", "span", [], None),
    ("Date of the diabetology appointment?", "Other", "date", [], None),
    ("Temperature at discharge?", "Lab Reports", "num", [], None),
    ("Lactate?", "Lab Reports", "num", [], None),
]
CELLS[N] = {
    "chief_complaint": (["Dor no hipocôndrio direito com 3 dias de evolução, febre e vómitos."], "MOTIVO DE INTERNAMENTO"),
    "admission_diagnosis": (["colecistite aguda; a excluir coledocolitíase"], ""),
    "principal_diagnosis": (["Colecistite aguda litiásica, grau II (Tóquio)"], ""),
    "secondary_diagnoses": (["Lesão renal aguda pré-renal, resolvida", "Diabetes mellitus tipo 2 descompensada na admissão"], ""),
    "past_medical_history": (["Diabetes mellitus tipo 2 (há 12 anos)", "hipertensão arterial", "obesidade (IMC 34)", "síndrome depressiva", "Cesariana há 30 anos"], "ANTECEDENTES PESSOAIS"),
    "allergies": (["AINEs (angioedema dos lábios, 2301)"], "tramadol is an intolerance"),
    "presenting_symptoms": (["Dor em cólica no hipocôndrio direito", "vómitos alimentares (4 episódios)", "febre até 38,9 ºC"], ""),
    "symptom_duration": (["3 dias", "3 days", "3"], ["3 dias"], "pain since 18-05"),
    "fever": ("yes", ["febre até 38,9 ºC"], ""),
    "chest_pain": ("no", ["Nega dor torácica"], ""),
    "max_temperature": (["38,9 ºC", "38.9"], ["38,9 ºC"], "history; 38,6 measured on arrival"),
    "oxygen_saturation": (["97%", "97"], ["97%"], "room air"),
    "heart_rate": (["112 bpm", "112"], ["112 bpm"], "admission; 78 at discharge"),
    "blood_pressure": (["104/62 mmHg"], "admission; 128/74 at discharge"),
    "wbc": (["18,9 x10^9/L", "18.9"], [("18,9", PT("Leucócitos"))], "21-05"),
    "hemoglobin": (["13,8 g/dL", "13.8"], [("13,8", PT("Hemoglobina"))], "21-05"),
    "creatinine": (["1,62 mg/dL", "1.62"], [("1,62", PT("Creatinina"))], "21-05"),
    "potassium": (["3,4 mmol/L", "3.4"], [("3,4", PT("Potássio"))], "21-05"),
    "chest_imaging": (["sem alterações pleuroparenquimatosas"], "Radiografia do tórax 21-05"),
    "procedures": (["colecistectomia laparoscópica", "anestesia geral", "dreno sub-hepático"], "surgery, GA and drain"),
    "surgery": (["colecistectomia laparoscópica"], "23-05"),
    "antibiotics": (["ceftriaxone 2 g id", "metronidazol 500 mg 8/8h"], "21-05 to 25-05"),
    "discharge_medications": (["metformina 850 mg 2id – mantém (retomada)", "losartan 50 mg id – mantém (retomado)", "sertralina 50 mg id – mantém", "insulina glargina 14 U SC ao deitar – NOVO (HbA1c 8,9%)", "paracetamol 1 g 8/8h durante 5 dias – NOVO", "enoxaparina 40 mg SC id durante 7 dias – NOVO (profilaxia)", "omeprazol 20 mg id durante 14 dias – NOVO"], ""),
    "anticoagulation": ("no", ["enoxaparina 40 mg SC id durante 7 dias – NOVO (profilaxia)"], "prophylactic LMWH is not anticoagulation"),
    "new_medications": (["insulina glargina 14 U SC ao deitar – NOVO (HbA1c 8,9%)", "paracetamol 1 g 8/8h durante 5 dias – NOVO", "enoxaparina 40 mg SC id durante 7 dias – NOVO (profilaxia)", "omeprazol 20 mg id durante 14 dias – NOVO"], "tagged NOVO"),
    "stopped_medications": (["sitagliptina 100 mg id – substituída por insulina basal"], "SUSPENSO line; metformin and losartan held then resumed"),
    "admission_date": (["2302-05-21"], ["21-05-2302"], ""),
    "discharge_date": (["2302-05-26"], ["26-05-2302"], ""),
    "length_of_stay": (["5 days", "5"], ["21-05-2302", "26-05-2302"], "derived"),
    "discharge_condition": (["Estável, apirética, com dor controlada, ferida operatória sem sinais inflamatórios"], ""),
    "discharge_disposition": (["domicílio, com apoio do marido"], ""),
    "smoking": ("no", ["ex-fumadora (15 UMA), deixou há 10 anos"], "former smoker"),
    "follow_up": (["Consulta externa de Cirurgia Geral em 09-06-2302 com resultado da histologia", "Remoção de agrafos no centro de saúde (USF Rio Claro) ao 10.º dia pós-operatório", "Consulta de Diabetologia a marcar pelo médico de família"], "SEGUIMENTO"),
    "consolidation": ("no", ["sem alterações pleuroparenquimatosas"], "CXR normal"),
    "pleural_effusion": ("no", ["sem alterações pleuroparenquimatosas"], "CXR normal (pleuroparenchymal)"),
}
ABSENT_NOTES[N] = {
    "troponin": "Troponina não doseada",
    "pneumothorax": "not mentioned", "cardiomegaly": "not mentioned", "pulmonary_edema": "not mentioned", "nodule": "not mentioned",
    "lines_tubes": "drain removed 24-05; no line at discharge",
}

# ---------------------------------------------------------------- tsutsugamushi_dc_01
N = "tsutsugamushi_dc_01"
KR = lambda p, n=0: line(N, p, n)
NOTES[N] = ("discharge_summary", "South Korean university-hospital infectious diseases discharge summary as an EMR print in English with Korean EMR shorthand, by a 2nd-year resident (R2) under a professor: dotted ISO dates (`2306.10.14`) with bare `10.14` columns, `HD #8`, `#` numbered Dx with a principal marker and an `r/o ... -> all excluded` line, C.C. / P.I. / PHx / Op Hx / FHx / SHx headings, `x 7 days`, `1 ppd x 45 yrs`, temperatures written `39.1 'C`, dash-separated V/S line (BP - PR - RR - BT - SpO2), space-aligned lab table with comma thousands (WBC /uL) and AST/ALT pairs, serology titres, CXR and ultrasound one-liners, hospital course with an empirical antibiotic discontinued, IV-to-PO switch, a drug held and resumed, NOT-required transfusion, discharge medication with NEW / resumed / continue / STOP tags, F/U with a notifiable-disease report")
QAS[N] = [
    ("WBC on admission?", "Lab Reports", "num", [("9,800", KR("WBC"))], None),
    ("Lowest WBC?", "Lab Reports", "num", [("6,100", KR("WBC"))], None),
    ("Hb on admission?", "Lab Reports", "num", [("13.6", KR("Hb (g/dL)"))], None),
    ("Nadir hemoglobin?", "Lab Reports", "num", [("12.1", KR("Hb (g/dL)"))], None),
    ("Platelet nadir?", "Lab Reports", "num", [("48", KR("PLT"))], None),
    ("PLT on 10.20?", "Lab Reports", "num", [("184", KR("PLT"))], None),
    ("Platelets on admission?", "Lab Reports", "num", [("62", KR("PLT"))], None),
    ("Peak creatinine?", "Lab Reports", "num", [("2.1", KR("Cr (mg/dL)"))], None),
    ("Cr on 10.18?", "Lab Reports", "num", [("1.1", KR("Cr (mg/dL)"))], None),
    ("Latest creatinine?", "Lab Reports", "num", [("0.9", KR("Cr (mg/dL)"))], None),
    ("Lowest sodium?", "Lab Reports", "num", [("129", KR("Na (mEq/L)"))], None),
    ("Na on 10.20?", "Lab Reports", "num", [("137", KR("Na (mEq/L)"))], None),
    ("Admission potassium?", "Lab Reports", "num", [("3.9", KR("K (mEq/L)"))], None),
    ("AST/ALT on admission?", "Lab Reports", "span", [("188/142", KR("AST/ALT"))], None),
    ("AST/ALT on 10.20?", "Lab Reports", "span", [("45/52", KR("AST/ALT"))], None),
    ("CRP on admission?", "Lab Reports", "num", [("14.2", KR("CRP"))], None),
    ("CRP at the last check?", "Lab Reports", "num", [("0.8", KR("CRP"))], None),
    ("Procalcitonin?", "Lab Reports", "num", ["0.9 ng/mL"], None),
    ("Troponin?", "Lab Reports", "num", ["0.02 ng/mL"], None),
    ("First scrub typhus IgM titre?", "Lab Reports", "span", ["1:640"], None),
    ("Second IFA titre?", "Lab Reports", "span", ["1:5120"], None),
    ("Eschar size?", "Lab Reports", "num", ["8 mm"], None),
    ("Where was the eschar?", "Symptoms", "span", ["Rt inguinal area"], None),
    ("Max temperature at home?", "Lab Reports", "num", ["39.6 'C"], None),
    ("Temperature on admission?", "Lab Reports", "num", ["39.1 'C"], None),
    ("Admission BP?", "Lab Reports", "span", [("96/58", "BP 96/58")], None),
    ("BP at discharge?", "Lab Reports", "span", ["132/80"], None),
    ("Pulse on admission?", "Lab Reports", "num", [("108", "PR 108")], None),
    ("HR at discharge?", "Lab Reports", "num", [("74", "PR 74")], None),
    ("SpO2 on admission?", "Lab Reports", "num", ["95%"], None),
    ("CTR?", "Lab Reports", "num", ["0.48"], None),
    ("Pack-years?", "Other", "num", ["45 PY"], None),
    ("Admission date?", "Other", "date", ["2306.10.14"], None),
    ("Discharge date?", "Other", "date", ["2306.10.21"], None),
    ("Follow-up date?", "Other", "date", ["2306.10.30"], None),
    ("Principal diagnosis?", "Diagnosis", "span", ["Scrub typhus (tsutsugamushi disease) with eschar, confirmed"], None),
    ("Secondary diagnoses?", "Diagnosis", "list", ["AKI, prerenal + infection-related, recovered", "Thrombocytopenia, d/t #1, recovered", "Transaminitis, d/t #1", "Hyponatremia, mild"], None),
    ("Differentials excluded?", "Diagnosis", "list", ["r/o HFRS (Hantaan Ab neg)", "r/o SFTS (PCR neg)", "r/o leptospirosis (MAT neg)"], None),
    ("Initial impression?", "Diagnosis", "span", ["sepsis, unknown focus, r/o rickettsial disease"], None),
    ("Chief complaint?", "Symptoms", "span", ["fever and chills x 7 days"], None),
    ("Home medications?", "Medication", "list", ["amlodipine 5 mg qd", "tamsulosin 0.2 mg qd"], None),
    ("Discharge medication?", "Medication", "list", ["doxycycline 100 mg PO bid - NEW, until 10.23 (total 10 days incl. IV)", "amlodipine 5 mg PO qd - resumed (held 10.14-10.18)", "tamsulosin 0.2 mg PO qd - continue"], None),
    ("Antibiotics received?", "Medication", "list", ["ceftriaxone 2 g IV qd", "Doxycycline 100 mg IV q12h"], None),
    ("Why was ceftriaxone stopped?", "Medication", "span", ["after eschar found & PCR (+)"], None),
    ("When was doxycycline switched to oral?", "Medication", "date", [("10.17", "switched to PO 10.17")], None),
    ("Until when doxycycline?", "Medication", "date", [("10.23", "until 10.23")], None),
    ("Why was amlodipine held?", "Medication", "span", ["due to low BP (96/58) and AKI"], None),
    ("What was stopped at discharge?", "Medication", "span", ["herbal decoction - STOP"], None),
    ("When did he defervesce?", "Symptoms", "span", ["HD #3 (10.16 PM)"], None),
    ("Allergies?", "Medication", "span", ["sulfa drugs (rash, Stevens-Johnson? - told by local clinic, not confirmed)"], None),
    ("What is his job?", "Other", "span", ["sweet potato & sesame farmer (Gongju)"], None),
    ("Where was he discharged?", "Other", "span", ["home (with wife)"], None),
    ("Condition at discharge?", "Other", "span", ["improved, alert, afebrile (BT 36.7)"], None),
    # yes/no
    ("Rash?", "Symptoms", "yn", ["generalized maculopapular rash on trunk since 3 days"], "yes"),
    ("Rash on palms?", "Symptoms", "yn", ["not on palms/soles"], "no", TRAP("negated", "not on palms/soles")),
    ("Cough?", "Symptoms", "yn", ["Denies cough, chest pain, dyspnea"], "no", TRAP("negation_in_list", "denied list")),
    ("Chest pain?", "Symptoms", "yn", ["Denies cough, chest pain, dyspnea"], "no", TRAP("negation_in_list", "denied list")),
    ("Diarrhoea?", "Symptoms", "yn", ["abdominal pain, diarrhea, dysuria"], "no", TRAP("negation_in_list", "denied list")),
    ("Bleeding?", "Symptoms", "yn", ["No bleeding tendency"], "no", TRAP("negated", "no bleeding tendency")),
    ("Fever?", "Symptoms", "yn", ["BT 39.1 'C"], "yes"),
    ("Neck stiffness?", "Symptoms", "yn", ["No neck stiffness"], "no", TRAP("negated", "no neck stiffness")),
    ("Splenomegaly?", "Diagnosis", "yn", [("no splenomegaly", "Abd: soft, mild hepatomegaly, no splenomegaly")], "no", TRAP("negated", "no splenomegaly")),
    ("Hepatomegaly?", "Diagnosis", "yn", [("mild hepatomegaly", "Abd: soft, mild hepatomegaly")], "yes"),
    ("HFRS?", "Diagnosis", "yn", ["r/o HFRS (Hantaan Ab neg)"], "no", TRAP("ruled_out", "Hantaan antibody negative")),
    ("SFTS?", "Diagnosis", "yn", ["r/o SFTS (PCR neg)"], "no", TRAP("ruled_out", "PCR negative")),
    ("Leptospirosis?", "Diagnosis", "yn", ["r/o leptospirosis (MAT neg)"], "no", TRAP("ruled_out", "MAT negative")),
    ("Sepsis?", "Diagnosis", "yn", ["Initial impression: sepsis, unknown focus"], "no", TRAP("ruled_out", "initial impression only, revised to scrub typhus")),
    ("Bacteremia?", "Lab Reports", "yn", ["Blood culture x2: no growth"], "no", TRAP("screening_negative", "cultures no growth")),
    ("Pneumonia on CXR?", "Diagnosis", "yn", [("no consolidation", KR("CXR (10.14)"))], "no", TRAP("negated", "no consolidation")),
    ("Pleural effusion?", "Diagnosis", "yn", [("no pleural effusion", KR("CXR (10.14)"))], "no", TRAP("negated", "no effusion")),
    ("Hydronephrosis?", "Diagnosis", "yn", ["no hydronephrosis"], "no", TRAP("negated", "no hydronephrosis")),
    ("Platelet transfusion?", "Procedure", "yn", ["PLT transfusion was NOT required"], "no", TRAP("not_done", "not required")),
    ("Was azithromycin given?", "Medication", "yn", ["Azithromycin considered as alternative - not needed"], "no", TRAP("not_done", "considered, not needed")),
    ("Still on ceftriaxone?", "Medication", "yn", ["discontinued 10.15"], "no", TRAP("stopped_held", "discontinued 10.15")),
    ("Is amlodipine stopped?", "Medication", "yn", ["amlodipine 5 mg PO qd - resumed (held 10.14-10.18)"], "no", TRAP("time_scope", "held 10.14-10.18 then resumed")),
    ("Does he smoke?", "Other", "yn", ["current smoker 1 ppd x 45 yrs"], "yes"),
    ("On nicotine replacement?", "Medication", "yn", ["patient declined NRT"], "no", TRAP("not_done", "declined")),
    ("Drinks alcohol?", "Other", "yn", ["alcohol soju 1 bottle/week"], "yes"),
    ("Hepatitis B?", "Diagnosis", "yn", ["No DM, no TB, no hepatitis"], "no", TRAP("family_history", "brother is a carrier; patient: no hepatitis")),
    ("Diabetic?", "Diagnosis", "yn", ["No DM"], "no", TRAP("negated", "No DM")),
    ("History of stroke?", "Diagnosis", "yn", [], "not_mentioned", TRAP("family_history", "mother's stroke")),
    ("Hypertension?", "Diagnosis", "yn", ["HTN (10 yrs)"], "yes"),
    ("Appendix removed?", "Procedure", "yn", ["appendectomy (age 20)"], "yes"),
    ("Allergic to sulfa?", "Medication", "yn", ["sulfa drugs (rash, Stevens-Johnson? - told by local clinic, not confirmed)"], "yes"),
    ("ST changes on ECG?", "Lab Reports", "yn", ["no ST change"], "no", TRAP("negated", "no ST change")),
    ("Myocarditis / troponin positive?", "Lab Reports", "yn", ["Troponin-I 0.02 ng/mL (ref <0.04)"], "no", TRAP("threshold", "0.02 below the 0.04 reference")),
    ("Eschar PCR positive?", "Lab Reports", "yn", ["Eschar PCR (+) O. tsutsugamushi"], "yes"),
    ("Proteinuria?", "Lab Reports", "yn", ["protein 2+"], "yes"),
    ("Still febrile at discharge?", "Symptoms", "yn", ["afebrile since"], "no", TRAP("time_scope", "afebrile since HD #3")),
    ("Was the disease notified?", "Other", "yn", ["reported to KDCA on 10.15"], "yes"),
    ("AKI resolved?", "Diagnosis", "yn", ["AKI, prerenal + infection-related, recovered"], "yes"),
    ("IV fluids given?", "Medication", "yn", ["IV hydration (NS)"], "yes"),
    ("Anticoagulated?", "Medication", "yn", [], "not_mentioned"),
    ("Lumbar puncture done?", "Procedure", "yn", [], "not_mentioned"),
    # other languages
    ("¿Tenía escara?", "Symptoms", "yn", ["Eschar 8 mm"], "yes", "es"),
    ("Wie hoch war das CRP bei Aufnahme?", "Lab Reports", "num", [("14.2", KR("CRP"))], None, "de"),
    ("Est-ce qu'il fume ?", "Other", "yn", ["current smoker 1 ppd x 45 yrs"], "yes", "fr"),
    # unanswerable
    ("INR?", "Lab Reports", "num", [], None),
    ("Albumin?", "Lab Reports", "num", [], None),
    ("Bilirubin?", "Lab Reports", "num", [], None),
    ("LDH?", "Lab Reports", "num", [], None),
    ("Weight?", "Other", "num", [], None),
    ("HbA1c?", "Lab Reports", "num", [], None),
    ("Respiratory rate at discharge?", "Lab Reports", "num", [], None),
    ("Urine output?", "Lab Reports", "num", [], None),
    ("Echo result?", "Procedure", "span", [], None),
    ("Name of the injection at the local clinic?", "Medication", "span", [], None),
    ("Ferritin?", "Lab Reports", "num", [], None),
    ("Lactate?", "Lab Reports", "num", [], None),
    ("Wife's name?", "Other", "span", [], None),
    ("Date of symptom onset?", "Symptoms", "date", [], None),
]
CELLS[N] = {
    "chief_complaint": (["fever and chills x 7 days"], "C.C."),
    "admission_diagnosis": (["sepsis, unknown focus, r/o rickettsial disease"], "initial impression"),
    "principal_diagnosis": (["Scrub typhus (tsutsugamushi disease) with eschar, confirmed"], "#1 <- principal"),
    "secondary_diagnoses": (["AKI, prerenal + infection-related, recovered", "Thrombocytopenia, d/t #1, recovered", "Transaminitis, d/t #1", "Hyponatremia, mild"], "#2-#5"),
    "past_medical_history": (["HTN (10 yrs)", "BPH", "appendectomy (age 20)"], "PHx / Op Hx"),
    "allergies": (["sulfa drugs (rash, Stevens-Johnson? - told by local clinic, not confirmed)"], "reported, unconfirmed"),
    "presenting_symptoms": (["Fever (max 39.6 'C at home) with chills x 7 days", "myalgia", "headache", "generalized maculopapular rash on trunk since 3 days", "poor oral intake"], "P.I."),
    "symptom_duration": (["7 days", "7"], ["fever and chills x 7 days"], ""),
    "fever": ("yes", ["BT 39.1 'C"], ""),
    "chest_pain": ("no", ["Denies cough, chest pain, dyspnea"], ""),
    "max_temperature": (["39.6 'C", "39.6"], ["39.6 'C"], "at home; 39.1 on admission"),
    "oxygen_saturation": (["95%", "95"], ["95%"], "RA"),
    "heart_rate": (["108"], [("108", "PR 108")], "admission"),
    "blood_pressure": ([("96/58", "BP 96/58")], "admission; 132/80 at discharge"),
    "wbc": (["9,800 /uL", "9.8 x10^9/L", "9800"], [("9,800", KR("WBC"))], "10.14"),
    "hemoglobin": (["13.6 g/dL", "13.6"], [("13.6", KR("Hb (g/dL)"))], "10.14"),
    "creatinine": (["2.1 mg/dL", "2.1"], [("2.1", KR("Cr (mg/dL)"))], "10.14"),
    "potassium": (["3.9 mEq/L", "3.9"], [("3.9", KR("K (mEq/L)"))], "10.14"),
    "troponin": (["Troponin-I 0.02 ng/mL (ref <0.04)"], "normal"),
    "chest_imaging": (["no consolidation, no pleural effusion, CTR 0.48, no pneumothorax"], "CXR 10.14"),
    "antibiotics": (["ceftriaxone 2 g IV qd", "Doxycycline 100 mg IV q12h"], "ceftriaxone stopped 10.15"),
    "discharge_medications": (["doxycycline 100 mg PO bid - NEW, until 10.23 (total 10 days incl. IV)", "amlodipine 5 mg PO qd - resumed (held 10.14-10.18)", "tamsulosin 0.2 mg PO qd - continue"], ""),
    "new_medications": (["doxycycline 100 mg PO bid - NEW, until 10.23 (total 10 days incl. IV)"], "amlodipine held and resumed"),
    "stopped_medications": (["herbal decoction - STOP"], "herbal decoction stopped; ceftriaxone inpatient-only"),
    "admission_date": (["2306-10-14"], ["2306.10.14"], ""),
    "discharge_date": (["2306-10-21"], ["2306.10.21"], ""),
    "length_of_stay": (["7 days", "7"], ["2306.10.14", "2306.10.21"], "derived (HD #8 counts the admission day)"),
    "discharge_condition": (["improved, alert, afebrile (BT 36.7)"], ""),
    "discharge_disposition": (["home (with wife)"], ""),
    "smoking": ("yes", ["current smoker 1 ppd x 45 yrs"], ""),
    "follow_up": (["ID OPD Prof. SEO 2306.10.30 with CBC, LFT, Cr"], ""),
    "consolidation": ("no", [("no consolidation", KR("CXR (10.14)"))], ""),
    "pleural_effusion": ("no", [("no pleural effusion", KR("CXR (10.14)"))], ""),
    "pneumothorax": ("no", [("no pneumothorax", KR("CXR (10.14)"))], ""),
    "cardiomegaly": ("no", ["CTR 0.48"], "CTR below 0.5"),
}
ABSENT_NOTES[N] = {
    "procedures": "none: PLT transfusion not required; imaging diagnostic",
    "surgery": "appendectomy is past history",
    "anticoagulation": "not mentioned",
    "pulmonary_edema": "not mentioned", "nodule": "not mentioned", "lines_tubes": "not described",
}

# ---------------------------------------------------------------- melioid_progress_01
N = "melioid_progress_01"
TH = lambda p, n=0: line(N, p, n)
NOTES[N] = ("progress", "Thai provincial-hospital male medicine ward attending-round progress note in English with Thai hospital conventions (HN and AN numbers, Mr. title, intern and extern), on hospital day 6: antibiotic day count with an arrow switch in the header, `d Mon yyyy` date with clock time and bare `d/m` dates, Dx / Underlying / Adm lines, dash `Events since last note` with a stopped antibiotic, a transfusion and a hypoglycaemia, susceptibility pattern, S: / O: lines, a pipe-separated Tmax fever chart by day, space-aligned lab table with BUN/Cr pairs and an asterisk footnote, two CXR lines, dash current-medication list with HOLD / STOPPED / held, local alcohol and tobacco terms (lao khao, ya-sen) with CIWA, numbered A/P with conditional thresholds and not-indicated drainage")
QAS[N] = [
    ("WBC on admission?", "Lab Reports", "num", [("21.6", TH("WBC"))], None),
    ("WBC today?", "Lab Reports", "num", [("12.4", TH("WBC"))], None),
    ("Neutrophil % on 6/8?", "Lab Reports", "num", [("86", TH("Neut %"))], None),
    ("Hb on admission?", "Lab Reports", "num", [("10.4", TH("Hb (g/dL)"))], None),
    ("Lowest Hb?", "Lab Reports", "num", [("8.1", TH("Hb (g/dL)"))], None),
    ("Hb after transfusion?", "Lab Reports", "num", [("9.3", "(Hb 9.3 post)"), ("9.3", TH("Hb (g/dL)"))], None),
    ("Platelet nadir?", "Lab Reports", "num", [("118", TH("Plt"))], None),
    ("Admission creatinine?", "Lab Reports", "num", [("38/2.3", TH("BUN/Cr"))], None),
    ("Creatinine today?", "Lab Reports", "num", [("22/1.5", TH("BUN/Cr")), ("1.5", "Cr 2.3 -> 1.5")], None),
    ("Baseline creatinine?", "Lab Reports", "num", ["baseline Cr 1.4"], None),
    ("Potassium on admission?", "Lab Reports", "num", [("5.3", TH("K "))], None),
    ("K on 9/8?", "Lab Reports", "num", [("4.0", TH("K "))], None),
    ("Sodium on admission?", "Lab Reports", "num", [("131", TH("Na "))], None),
    ("Albumin on 8/8?", "Lab Reports", "num", [("2.4", TH("Albumin"))], None),
    ("Glucose on admission?", "Lab Reports", "num", [("412", TH("FBS"))], None),
    ("Lowest glucose?", "Lab Reports", "num", ["DTX 58 mg/dL", ("58*", TH("FBS"))], None),
    ("HbA1c?", "Lab Reports", "num", ["11.2%"], None),
    ("Lactate on admission?", "Lab Reports", "num", [("3.8", "Lactate 4/8: 3.8 -> 1.6")], None),
    ("Temperature today?", "Lab Reports", "num", [("37.9 C", "T 37.9 C")], None),
    ("Tmax on 5/8?", "Lab Reports", "num", ["39.8"], None),
    ("Tmax on 7/8?", "Lab Reports", "num", [("39.4", "7/8 39.4 |")], None),
    ("BP today?", "Lab Reports", "span", ["118/72"], None),
    ("PR today?", "Lab Reports", "num", [("96", "PR 96")], None),
    ("SpO2?", "Lab Reports", "num", ["96% RA"], None),
    ("RR?", "Lab Reports", "num", [("20", "RR 20")], None),
    ("Largest splenic abscess?", "Lab Reports", "num", ["2.8 cm"], None),
    ("How many splenic abscesses?", "Diagnosis", "num", [("4", "4 splenic abscesses")], None),
    ("Organism?", "Lab Reports", "span", [("B. pseudomallei", "Blood culture 4/8: B. pseudomallei")], None),
    ("What is it resistant to?", "Lab Reports", "span", ["R: gentamicin"], None),
    ("Diagnosis?", "Diagnosis", "span", ["Melioidosis – B. pseudomallei bacteraemia with RLL pneumonia and multiple splenic abscesses"], None),
    ("Comorbidities?", "Diagnosis", "list", ["Type 2 DM (poorly controlled, HbA1c 11.2%)", "CKD stage 3a (baseline Cr 1.4)", "alcohol use"], None),
    ("Current antibiotic?", "Medication", "span", ["meropenem 1 g IV q8h (since 8/8)"], None),
    ("Why was ceftazidime stopped?", "Medication", "span", ["persistent fever, clinical failure"], None),
    ("When was meropenem started?", "Medication", "date", [("8/8", "meropenem 1 g IV q8h (since 8/8)")], None),
    ("Current meds?", "Medication", "list", ["meropenem 1 g IV q8h (since 8/8)", "RI sliding scale + NPH 10 U SC bid (started 5/8)", "omeprazole 20 mg PO od", "paracetamol 500 mg PO prn fever"], None),
    ("Held medications?", "Medication", "list", ["metformin: HOLD since admission (AKI, sepsis)", "enalapril 5 mg: held (AKI)"], None),
    ("Why was glipizide stopped?", "Medication", "span", ["hypoglycaemia risk, switched to insulin"], None),
    ("New NPH dose?", "Medication", "span", ["NPH reduced to 8 U bid"], None),
    ("How long is the IV phase?", "Medication", "span", ["at least 4 wk"], None),
    ("Planned eradication therapy?", "Medication", "span", ["co-trimoxazole + folic acid x 12-20 wk"], None),
    ("Transfusion threshold?", "Procedure", "span", ["Hb < 7"], None),
    ("How was the hypoglycaemia treated?", "Medication", "span", ["50% glucose 50 mL IV"], None),
    ("Pain score now?", "Symptoms", "span", ["3/10"], None),
    ("Admission date?", "Other", "date", ["4 Aug 2305"], None),
    ("Date of this note?", "Other", "date", ["9 Aug 2305"], None),
    ("How long was he febrile before admission?", "Symptoms", "num", ["fever x 10 days"], None),
    ("How much does he drink?", "Other", "span", ["lao khao ~3 glasses/day"], None),
    ("Food allergy?", "Medication", "span", ["shrimp -> hives"], None),
    ("CIWA score?", "Other", "num", ["CIWA 2"], None),
    # yes/no
    ("Bacteraemic?", "Diagnosis", "yn", ["B. pseudomallei bacteraemia"], "yes"),
    ("Liver abscess?", "Diagnosis", "yn", ["no liver abscess"], "no", TRAP("negated", "no liver abscess")),
    ("Prostatic abscess?", "Diagnosis", "yn", ["no prostatic abscess"], "no", TRAP("negated", "no prostatic abscess")),
    ("Still febrile today?", "Symptoms", "yn", [("37.9 C", "T 37.9 C")], "no", TRAP("fever_from_values", "37.9 C today")),
    ("Has he been febrile this admission?", "Symptoms", "yn", ["febrile 39.4 C"], "yes"),
    ("On ceftazidime?", "Medication", "yn", ["ceftazidime 2 g IV q8h STOPPED"], "no", TRAP("stopped_held", "stopped 8/8")),
    ("On metformin?", "Medication", "yn", ["metformin: HOLD since admission"], "no", TRAP("stopped_held", "held")),
    ("ACE inhibitor?", "Medication", "yn", ["enalapril 5 mg: held (AKI)"], "no", TRAP("drug_class_and_status", "enalapril held")),
    ("On glipizide?", "Medication", "yn", ["glipizide: STOPPED"], "no", TRAP("stopped_held", "stopped")),
    ("On co-trimoxazole?", "Medication", "yn", ["(not started yet)"], "no", TRAP("planned", "eradication phase not started")),
    ("Was the splenic abscess drained?", "Procedure", "yn", ["splenic abscess drainage NOT indicated now"], "no", TRAP("not_done", "not indicated")),
    ("Was an echo done?", "Procedure", "yn", ["Echo: not done"], "no", TRAP("not_done", "not done")),
    ("Blood transfusion given?", "Procedure", "yn", ["PRC 1 unit given"], "yes"),
    ("Another transfusion planned?", "Procedure", "yn", ["no further transfusion unless Hb < 7"], "no", TRAP("hypothetical", "only if Hb < 7")),
    ("Hypoglycaemia?", "Diagnosis", "yn", ["hypoglycaemia DTX 58 mg/dL"], "yes"),
    ("Cavity on CXR?", "Diagnosis", "yn", ["no cavity"], "no", TRAP("negated", "no cavity")),
    ("Pleural effusion?", "Diagnosis", "yn", ["small R pleural effusion (new)"], "yes"),
    ("Effusion on the admission film?", "Diagnosis", "yn", [("no effusion", TH("CXR 4/8"))], "no", TRAP("time_scope", "no effusion on 4/8; new on 8/8")),
    ("Cardiomegaly?", "Diagnosis", "yn", ["heart size normal"], "no", TRAP("negated", "heart size normal")),
    ("HIV positive?", "Lab Reports", "yn", ["Anti-HIV: negative"], "no", TRAP("screening_negative", "negative")),
    ("TB?", "Diagnosis", "yn", ["AFB sputum x3: negative"], "no", TRAP("screening_negative", "AFB x3 negative")),
    ("Repeat blood culture positive?", "Lab Reports", "yn", ["no growth to date (pending 5 days)"], "no", TRAP("test_status", "no growth so far, pending")),
    ("Shortness of breath?", "Symptoms", "yn", ["No dyspnoea"], "no", TRAP("negated", "no dyspnoea")),
    ("Chest pain?", "Symptoms", "yn", ["No chest pain"], "no", TRAP("negated", "no chest pain")),
    ("Urinary catheter in place?", "Procedure", "yn", ["Foley removed 7/8"], "no", TRAP("time_scope", "removed 7/8")),
    ("Has a PICC?", "Procedure", "yn", ["home IV via PICC not available here"], "no", TRAP("not_done", "PICC not available")),
    ("Smoker?", "Other", "yn", ["smokes hand-rolled cigarettes (ya-sen) 10/day"], "yes"),
    ("In alcohol withdrawal?", "Diagnosis", "yn", ["not in withdrawal"], "no", TRAP("negated", "CIWA 2, no withdrawal")),
    ("Shellfish allergy?", "Medication", "yn", ["shrimp -> hives"], "yes"),
    ("Drug allergy?", "Medication", "yn", ["NKDA"], "no"),
    ("Did his neighbour have melioidosis?", "Other", "yn", ["Neighbour died of melioidosis last year"], "yes"),
    ("Is his wife ill?", "Other", "yn", ["wife also rice farmer, well"], "no"),
    ("Is he on insulin?", "Medication", "yn", ["RI sliding scale + NPH 10 U SC bid"], "yes"),
    ("On thiamine?", "Medication", "yn", ["thiamine 100 mg IV od"], "yes"),
    ("Improving?", "Other", "yn", ["improving on meropenem (day 2)"], "yes"),
    ("Going home this week?", "Other", "yn", ["not for discharge this week"], "no", TRAP("negated", "not for discharge this week")),
    ("Peripheral IV line?", "Procedure", "yn", ["peripheral IV L forearm (day 2)"], "yes"),
    ("Oedema?", "Symptoms", "yn", ["No edema"], "no"),
    ("Is the AKI improving?", "Diagnosis", "yn", ["Cr 2.3 -> 1.5, near baseline"], "yes"),
    # other languages
    ("¿Tiene abscesos esplénicos?", "Diagnosis", "yn", ["4 splenic abscesses"], "yes", "es"),
    ("Welches Antibiotikum erhält er jetzt?", "Medication", "span", ["meropenem 1 g IV q8h (since 8/8)"], None, "de"),
    ("Czy pacjent ma cukrzycę?", "Diagnosis", "yn", ["Type 2 DM (poorly controlled, HbA1c 11.2%)"], "yes", "pl"),
    # unanswerable
    ("INR?", "Lab Reports", "num", [], None),
    ("Bilirubin?", "Lab Reports", "num", [], None),
    ("Procalcitonin?", "Lab Reports", "num", [], None),
    ("CRP?", "Lab Reports", "num", [], None),
    ("His weight?", "Other", "num", [], None),
    ("Urine output?", "Lab Reports", "num", [], None),
    ("Troponin?", "Lab Reports", "num", [], None),
    ("Date of planned discharge?", "Other", "date", [], None),
    ("Meropenem MIC?", "Lab Reports", "num", [], None),
    ("Magnesium?", "Lab Reports", "num", [], None),
    ("Which ward bed?", "Other", "span", [], None),
    ("Ultrasound result from admission?", "Procedure", "span", [], None),
    ("Glucose target?", "Lab Reports", "span", [], None),
]
CELLS[N] = {
    "chief_complaint": (["fever x 10 days, cough, RUQ/LUQ pain"], "Adm line"),
    "admission_diagnosis": (["Melioidosis – B. pseudomallei bacteraemia with RLL pneumonia and multiple splenic abscesses"], "Dx line (working diagnosis of the admission)"),
    "past_medical_history": (["Type 2 DM (poorly controlled, HbA1c 11.2%)", "CKD stage 3a (baseline Cr 1.4)", "alcohol use"], "Underlying"),
    "allergies": (["shrimp -> hives"], "NKDA; food allergy only"),
    "presenting_symptoms": (["fever x 10 days", ("cough", 0), "RUQ/LUQ pain"], ""),
    "symptom_duration": (["10 days", "10"], ["fever x 10 days"], ""),
    "fever": ("yes", ["febrile 39.4 C"], "Tmax 39.8 on 5/8"),
    "chest_pain": ("no", ["No chest pain"], ""),
    "max_temperature": (["39.8 C", "39.8"], ["39.8"], "fever chart 5/8"),
    "oxygen_saturation": (["96%", "96"], ["96% RA"], "only value"),
    "heart_rate": (["96"], [("96", "PR 96")], "only value (today)"),
    "blood_pressure": (["118/72"], "today"),
    "wbc": (["21.6 x10^3", "21.6"], [("21.6", TH("WBC"))], "4/8"),
    "hemoglobin": (["10.4 g/dL", "10.4"], [("10.4", TH("Hb (g/dL)"))], "4/8"),
    "creatinine": (["2.3 mg/dL", "2.3"], [("38/2.3", TH("BUN/Cr"))], "4/8 (BUN/Cr pair)"),
    "potassium": (["5.3"], [("5.3", TH("K "))], "4/8"),
    "chest_imaging": (["RLL consolidation, no cavity, no effusion"], "CXR 4/8; 8/8 smaller with a new small R effusion"),
    "procedures": (["PRC 1 unit given"], "transfusion 8/8; Foley and IV lines not described as placed here"),
    "antibiotics": ([("ceftazidime 2 g IV q8h", "8/8: ceftazidime 2 g IV q8h"), ("meropenem 1 g IV q8h", "- meropenem 1 g IV q8h (since 8/8)")], ""),
    "new_medications": ([("meropenem 1 g IV q8h", "- meropenem 1 g IV q8h (since 8/8)"), "RI sliding scale + NPH 10 U SC bid (started 5/8)", "thiamine 100 mg IV od"], "admission so far"),
    "stopped_medications": ([("ceftazidime 2 g IV q8h", "8/8: ceftazidime 2 g IV q8h"), "glipizide: STOPPED"], "metformin and enalapril held, not stopped"),
    "admission_date": (["2305-08-04"], ["4 Aug 2305"], ""),
    "smoking": ("yes", ["smokes hand-rolled cigarettes (ya-sen) 10/day"], ""),
    "follow_up": (["repeat US abdomen in 2 wk"], "inpatient plan"),
    "consolidation": ("yes", [("RLL consolidation", 0)], ""),
    "pleural_effusion": ("yes", ["small R pleural effusion (new)"], "8/8"),
    "cardiomegaly": ("no", ["heart size normal"], ""),
    "lines_tubes": (["peripheral IV L forearm (day 2)"], "Foley removed 7/8"),
}
ABSENT_NOTES[N] = {
    "principal_diagnosis": "not discharged", "secondary_diagnoses": "not discharged", "troponin": "not measured",
    "surgery": "none", "discharge_medications": "not discharged", "discharge_date": "not discharged",
    "length_of_stay": "not discharged", "discharge_condition": "not discharged", "discharge_disposition": "not discharged",
    "pneumothorax": "not mentioned", "pulmonary_edema": "not mentioned", "nodule": "not mentioned",
}

# ---------------------------------------------------------------- hanta_upc_01
N = "hanta_upc_01"
CL = lambda p, n=0: line(N, p, n)
NOTES[N] = ("progress", "Chilean public regional-hospital critical care unit (UPC) daily progress note on ventilator day 3 for hantavirus cardiopulmonary syndrome, in English with Chilean Spanish labels and abbreviations (EVOLUCIÓN DIARIA, Ficha, RUT, VMI, PaFi, NAMA, TOT, CVC, SNG, Sonda Foley, Hto, inmunoblastos, ISP, SEREMI): `dd-mm-yyyy` date with clock time and bare `dd-mm` columns, RESUMEN with exposure history and ECMO criteria not met, dash EVENTS LAST 24 h (weaned, stopped, never started, started), systems paragraphs (NEURO / HEMODINAMIA / RESP / RENAL / INFECCIOSO / DIGESTIVO / HEMATO), dash device list, vitals trend and labs tables by day with an admission column, period thousands separators (24.300, 1.150), portable CXR with device positions, numbered problem list, dash plan with conditional extubation and a held anticoagulant prophylaxis")
QAS[N] = [
    ("Haematocrit on admission?", "Lab Reports", "num", [("58", CL("Hto"))], None),
    ("Hto today?", "Lab Reports", "num", [("41", CL("Hto"))], None),
    ("Hb on admission?", "Lab Reports", "num", [("19.4", CL("Hb (g/dL)"))], None),
    ("Hb on 16-03?", "Lab Reports", "num", [("14.6", CL("Hb (g/dL)"))], None),
    ("WBC on admission?", "Lab Reports", "num", [("24.300", CL("Leucocitos"))], None),
    ("Leucocytes today?", "Lab Reports", "num", [("11.600", CL("Leucocitos"))], None),
    ("Immunoblasts on admission?", "Lab Reports", "num", [("12", CL("Inmunoblastos"))], None),
    ("Platelet nadir?", "Lab Reports", "num", [("31.000", CL("Plaquetas")), ("31", "(was 31)")], None),
    ("Platelets today?", "Lab Reports", "num", [("63.000", CL("Plaquetas"))], None),
    ("Creatinine on admission?", "Lab Reports", "num", [("1.9", CL("Creatinina"))], None),
    ("Latest creatinine?", "Lab Reports", "num", [("1.1", CL("Creatinina"))], None),
    ("K today?", "Lab Reports", "num", [("3.5", CL("K (mEq/L)"))], None),
    ("Potassium on 15-03?", "Lab Reports", "num", [("4.1", CL("K (mEq/L)"))], None),
    ("Albumin on admission?", "Lab Reports", "num", [("2.1", CL("Albúmina"))], None),
    ("LDH on admission?", "Lab Reports", "num", [("1.150", CL("LDH"))], None),
    ("Peak lactate?", "Lab Reports", "num", [("5.2", CL("Lactato")), ("5.2", "was 5.2 on admission")], None),
    ("Lactate today?", "Lab Reports", "num", [("1.4", CL("Lactato")), ("1.4", "lactate 1.4")], None),
    ("Troponin T on admission?", "Lab Reports", "num", [("46", CL("Troponina"))], None),
    ("Procalcitonin?", "Lab Reports", "num", [("0.4", "procalcitonin 0.4")], None),
    ("PaFi on admission?", "Lab Reports", "num", [("78", CL("PaFi")), ("78", "PaFi 78 on HFNC")], None),
    ("PaFi today?", "Lab Reports", "num", [("214", CL("PaFi")), ("214", "PaFi 214 today")], None),
    ("Admission HR?", "Lab Reports", "num", [("134", CL("HR "))], None),
    ("Heart rate today?", "Lab Reports", "num", [("92", CL("HR ")), ("92", "HR 92 sinus")], None),
    ("BP on admission?", "Lab Reports", "span", ["78/46"], None),
    ("BP today?", "Lab Reports", "span", [("112/64", "all")], None),
    ("MAP?", "Lab Reports", "num", ["MAP 80"], None),
    ("SpO2 on admission?", "Lab Reports", "num", [("82 (HFNC)", CL("SpO2"))], None),
    ("Highest temperature?", "Lab Reports", "num", [("38.9", CL("Temp"))], None),
    ("Tmax in the last 24 h?", "Lab Reports", "num", ["37.6 C"], None),
    ("Temperature this morning?", "Lab Reports", "num", [("36.9", CL("Temp"))], None),
    ("CVP?", "Lab Reports", "num", ["CVP 9"], None),
    ("Current noradrenaline dose?", "Medication", "num", ["0.04 mcg/kg/min"], None),
    ("PEEP?", "Procedure", "num", ["PEEP 12"], None),
    ("FiO2?", "Procedure", "num", ["FiO2 0.45"], None),
    ("Tidal volume?", "Procedure", "num", ["VT 380 mL"], None),
    ("Plateau pressure?", "Procedure", "num", ["Ppl 26"], None),
    ("Fluid balance today?", "Other", "num", ["-1.2 L"], None),
    ("Furosemide infusion rate?", "Medication", "num", ["5 mg/h"], None),
    ("When was he intubated?", "Procedure", "span", ["14-03 at 23:10"], None),
    ("Why intubated?", "Procedure", "span", ["refractory hypoxaemia (PaFi 78 on HFNC)"], None),
    ("How long was he proned?", "Procedure", "span", ["x 16 h on 15-03"], None),
    ("Diagnosis?", "Diagnosis", "span", ["cardiopulmonary syndrome by hantavirus (SCPH), severe"], None),
    ("Problem list?", "Diagnosis", "list", ["SCPH (hantavirus), severe, improving", "ARDS moderate (PaFi 214 today), improving", "Shock (cardiogenic/distributive) – resolving", "Thrombocytopenia – recovering", "AKI KDIGO 1 – resolved", "Haemoconcentration (Hto 58%) – resolved"], None),
    ("Lines and tubes?", "Procedure", "list", ["TOT 7.5 (intubated 14-03), fixed at 22 cm", "CVC right internal jugular, triple lumen (14-03)", "Línea arterial radial izquierda (14-03)", "SNG (14-03)", "Sonda Foley (14-03)"], None),
    ("Sedation?", "Medication", "span", ["midazolam 3 mg/h + fentanyl 75 mcg/h"], None),
    ("Which antibiotics were stopped?", "Medication", "span", ["Ceftriaxone + azithromycin"], None),
    ("Why were the antibiotics stopped?", "Medication", "span", ["procalcitonin 0.4, cultures negative, hantavirus confirmed"], None),
    ("When was vasopressin stopped?", "Medication", "span", ["16-03 at 14:00"], None),
    ("Extubation criteria?", "Procedure", "span", ["FiO2 <= 0.40 and PEEP <= 8"], None),
    ("When will enoxaparin restart?", "Medication", "span", ["when platelets > 50"], None),
    ("Exposure?", "Other", "span", ["clearing brush, wood shed with rodent droppings"], None),
    ("How many days of fever before admission?", "Symptoms", "num", ["fever 5 days"], None),
    ("LVEF?", "Lab Reports", "num", ["LVEF 50%"], None),
    ("RASS target?", "Other", "span", ["-1/-2"], None),
    ("Date of this note?", "Other", "date", ["17-03-2307"], None),
    # yes/no
    ("On ECMO?", "Procedure", "yn", ["No ECMO"], "no", TRAP("not_done", "criteria not met, transfer not needed")),
    ("Transferred to Santiago?", "Other", "yn", ["transfer was not needed"], "no", TRAP("not_done", "ECMO team alerted only")),
    ("On dobutamine?", "Medication", "yn", ["Dobutamine never started"], "no", TRAP("not_done", "never started")),
    ("Vasopressin running?", "Medication", "yn", ["vasopressin stopped 16-03 at 14:00"], "no", TRAP("stopped_held", "stopped 16-03")),
    ("Still on noradrenaline?", "Medication", "yn", ["Noradrenaline weaned 0.18 -> 0.04 mcg/kg/min"], "yes"),
    ("On antibiotics?", "Medication", "yn", ["STOPPED 16-03"], "no", TRAP("stopped_held", "ceftriaxone + azithromycin stopped 16-03")),
    ("Anticoagulated?", "Medication", "yn", ["thromboprophylaxis with enoxaparin HELD"], "no", TRAP("stopped_held", "prophylactic enoxaparin held")),
    ("On dialysis?", "Procedure", "yn", ["No RRT needed"], "no", TRAP("not_done", "no RRT needed")),
    ("Intubated?", "Procedure", "yn", ["Intubated 14-03 at 23:10"], "yes"),
    ("Proned today?", "Procedure", "yn", ["not repeated (PaFi > 150)"], "no", TRAP("time_scope", "prone on 15-03 only")),
    ("Febrile now?", "Symptoms", "yn", ["afebrile since 16-03"], "no", TRAP("time_scope", "fever 14-15 March; afebrile since 16-03")),
    ("Fever at presentation?", "Symptoms", "yn", [("38.9", CL("Temp"))], "yes"),
    ("Bleeding?", "Symptoms", "yn", ["No bleeding"], "no", TRAP("negated", "no bleeding")),
    ("Positive blood cultures?", "Lab Reports", "yn", ["Blood cultures 14-03 x2 negative"], "no", TRAP("screening_negative", "negative")),
    ("Pneumothorax?", "Diagnosis", "yn", ["no pneumothorax"], "no", TRAP("negated", "no pneumothorax")),
    ("Pleural effusions?", "Diagnosis", "yn", ["small bilateral pleural effusions"], "yes"),
    ("Cardiomegaly?", "Diagnosis", "yn", ["Heart size normal"], "no", TRAP("negated", "heart size normal")),
    ("RV dilated?", "Diagnosis", "yn", ["no RV dilatation"], "no", TRAP("negated", "no RV dilatation")),
    ("Hantavirus IgM positive?", "Lab Reports", "yn", ["Hantavirus IgM POSITIVE"], "yes"),
    ("Antiviral treatment?", "Medication", "yn", ["no specific antiviral"], "no", TRAP("negated", "no specific antiviral")),
    ("Smoker?", "Other", "yn", ["Non-smoker"], "no", TRAP("negated", "non-smoker")),
    ("Drug allergy?", "Medication", "yn", ["NAMA"], "no"),
    ("Diabetic?", "Diagnosis", "yn", ["previously healthy"], "no", TRAP("family_history", "father's type 2 DM")),
    ("Is his wife sick?", "Other", "yn", ["Wife asymptomatic"], "no", TRAP("other_person", "contact surveillance only")),
    ("Extubated?", "Procedure", "yn", ["extubation planned 18-03 if passes"], "no", TRAP("planned", "planned 18-03 if SBT passes")),
    ("SBT done today?", "Procedure", "yn", ["SBT tomorrow"], "no", TRAP("planned", "tomorrow")),
    ("Has a central line?", "Procedure", "yn", ["CVC right internal jugular, triple lumen (14-03)"], "yes"),
    ("Arterial line?", "Procedure", "yn", ["Línea arterial radial izquierda (14-03)"], "yes"),
    ("Enteral feeding?", "Medication", "yn", ["enteral nutrition via SNG 20 mL/h"], "yes"),
    ("On furosemide?", "Medication", "yn", ["Furosemide infusion 5 mg/h"], "yes"),
    ("AKI still present?", "Diagnosis", "yn", ["AKI KDIGO 1 – resolved"], "no", TRAP("former_resolved", "resolved")),
    ("Mechanical DVT prophylaxis?", "Medication", "yn", ["compression stockings"], "yes"),
    ("Was the ISP confirmation positive?", "Lab Reports", "yn", ["confirmed by ISP 16-03"], "yes"),
    ("Midazolam stopped?", "Medication", "yn", ["midazolam reduced today"], "no", TRAP("planned", "reduced; stop only if RASS target reached")),
    ("Family informed?", "Other", "yn", ["Family informed today by Dr. Riquelme"], "yes"),
    ("CAM-ICU positive?", "Diagnosis", "yn", ["CAM-ICU not assessable"], "uncertain", TRAP("test_status", "not assessable while sedated")),
    # Spanish
    ("¿Está intubado el paciente?", "Procedure", "yn", ["Intubated 14-03 at 23:10"], "yes", "es"),
    ("¿Cuál fue el hematocrito de ingreso?", "Lab Reports", "num", [("58", CL("Hto"))], None, "es"),
    ("¿Recibe antibióticos actualmente?", "Medication", "yn", ["STOPPED 16-03"], "no", "es", TRAP("stopped_held", "suspendidos 16-03")),
    ("¿Se conectó a ECMO?", "Procedure", "yn", ["No ECMO"], "no", "es", TRAP("not_done", "no cumplió criterios")),
    ("¿Cuál es la PaFi de hoy?", "Lab Reports", "num", [("214", CL("PaFi")), ("214", "PaFi 214 today")], None, "es"),
    ("¿Qué dispositivos tiene?", "Procedure", "list", ["TOT 7.5 (intubated 14-03), fixed at 22 cm", "CVC right internal jugular, triple lumen (14-03)", "Línea arterial radial izquierda (14-03)", "SNG (14-03)", "Sonda Foley (14-03)"], None, "es"),
    ("¿Fuma?", "Other", "yn", ["Non-smoker"], "no", "es", TRAP("negated", "no fumador")),
    ("¿Cuál es el recuento de plaquetas hoy?", "Lab Reports", "num", [("63.000", CL("Plaquetas"))], None, "es"),
    ("¿Cuál fue la procalcitonina?", "Lab Reports", "num", [("0.4", "procalcitonin 0.4")], None, "es"),
    ("¿Cuál es el peso del paciente?", "Other", "num", [], None, "es"),
    # unanswerable
    ("Weight?", "Other", "num", [], None),
    ("Sodium?", "Lab Reports", "num", [], None),
    ("INR?", "Lab Reports", "num", [], None),
    ("Bilirubin?", "Lab Reports", "num", [], None),
    ("Cardiac index value?", "Lab Reports", "num", [], None),
    ("PaCO2?", "Lab Reports", "num", [], None),
    ("pH?", "Lab Reports", "num", [], None),
    ("Respiratory rate set?", "Procedure", "num", [], None),
    ("Date of the CVC removal?", "Procedure", "date", [], None),
    ("Echo date?", "Procedure", "date", [], None),
    ("Wife's name?", "Other", "span", [], None),
    ("Glucose?", "Lab Reports", "num", [], None),
]
CELLS[N] = {
    "chief_complaint": (["fever 5 days, myalgia, vomiting and then rapidly progressive dyspnoea"], "presentation in RESUMEN"),
    "admission_diagnosis": (["cardiopulmonary syndrome by hantavirus (SCPH), severe"], "Dx in RESUMEN"),
    "presenting_symptoms": (["fever 5 days", "myalgia", "vomiting", "rapidly progressive dyspnoea"], ""),
    "symptom_duration": (["5 days", "5"], ["fever 5 days"], ""),
    "fever": ("yes", [("38.9", CL("Temp"))], "38.9 C on admission"),
    "max_temperature": (["38.9 C", "38.9"], [("38.9", CL("Temp"))], "admission column"),
    "oxygen_saturation": (["82%", "82"], [("82 (HFNC)", CL("SpO2"))], "admission, on HFNC"),
    "heart_rate": (["134"], [("134", CL("HR "))], "admission column"),
    "blood_pressure": (["78/46"], "admission column"),
    "wbc": (["24.300/mm3", "24300", "24.3 x10^9/L"], [("24.300", CL("Leucocitos"))], "14-03; period is the thousands separator"),
    "hemoglobin": (["19.4 g/dL", "19.4"], [("19.4", CL("Hb (g/dL)"))], "14-03 (haemoconcentration)"),
    "creatinine": (["1.9 mg/dL", "1.9"], [("1.9", CL("Creatinina"))], "14-03"),
    "potassium": (["3.6 mEq/L", "3.6"], [("3.6", CL("K (mEq/L)"))], "14-03"),
    "troponin": ([("46", CL("Troponina"))], "hs-TnT 46 -> 38 ng/L"),
    "chest_imaging": (["bilateral interstitial and alveolar infiltrates, improving vs 15-03; small bilateral pleural effusions; no pneumothorax"], "portable CXR today"),
    "procedures": (["Intubated 14-03 at 23:10", "CVC right internal jugular, triple lumen (14-03)", "Línea arterial radial izquierda (14-03)", "Prone position x 16 h on 15-03"], "admission so far"),
    "antibiotics": (["Ceftriaxone + azithromycin"], "empirical, stopped 16-03"),
    "anticoagulation": ("no", ["thromboprophylaxis with enoxaparin HELD"], "prophylaxis held"),
    "new_medications": (["Furosemide infusion 5 mg/h", "midazolam 3 mg/h + fentanyl 75 mcg/h"], "started this admission and still running (noradrenaline weaned)"),
    "stopped_medications": (["Ceftriaxone + azithromycin", "vasopressin stopped 16-03 at 14:00"], "enoxaparin held, not stopped"),
    "admission_date": (["2307-03-14"], [("14-03", "admitted 14-03")], "year from the note date"),
    "smoking": ("no", ["Non-smoker"], ""),
    "pleural_effusion": ("yes", ["small bilateral pleural effusions"], ""),
    "pneumothorax": ("no", ["no pneumothorax"], ""),
    "cardiomegaly": ("no", ["Heart size normal"], ""),
    "consolidation": ("yes", ["bilateral interstitial and alveolar infiltrates"], "alveolar infiltrates") ,
    "lines_tubes": (["TOT 7.5 (intubated 14-03), fixed at 22 cm", "CVC right internal jugular, triple lumen (14-03)", "Línea arterial radial izquierda (14-03)", "SNG (14-03)", "Sonda Foley (14-03)"], "Dispositivos"),
}
ABSENT_NOTES[N] = {
    "allergies": "none known (NAMA): explicit none (convention 11)",
    "past_medical_history": "previously healthy",
    "chest_pain": "not mentioned",
    "principal_diagnosis": "not discharged", "secondary_diagnoses": "not discharged", "surgery": "none",
    "discharge_medications": "not discharged", "discharge_date": "not discharged", "length_of_stay": "not discharged",
    "discharge_condition": "not discharged", "discharge_disposition": "not discharged", "follow_up": "inpatient plan only",
    "pulmonary_edema": "capillary-leak oedema is not named; infiltrates only (answered under consolidation)",
    "nodule": "not mentioned",
}

# ---------------------------------------------------------------- ckdu_letter_01
N = "ckdu_letter_01"
SL = lambda p, n=0: line(N, p, n)
NOTES[N] = ("clinic_letter", "Sri Lankan teaching-hospital nephrology (renal) clinic letter from the consultant nephrologist back to the referring divisional-hospital OPD doctor, in English with local terms (Clinic No., BHT number, kasaya Ayurvedic decoction, kasippu, RO community water plant, paddy farmer, agrochemicals): `dd.mm.yyyy` dates, numbered diagnoses with a principal tag and a past item, first-person prose history with lay-term exposures and a family CKDu history, allergy vs intolerance, examination with repeat BP and weight then vs now, results table by three visit-date columns (creatinine, eGFR, Hb, potassium, bicarbonate, uric acid, UACR), one-liners for ultrasound / ECG / CXR not done / biopsy not performed, numbered 'Changes made today' (STOPPED / increased / NEW / conditional), a current-medicine sentence, avoid-list, dash plan with a booked fistula referral, vaccination started, transplant work-up and a same-day safety threshold")
QAS[N] = [
    ("Creatinine today?", "Lab Reports", "num", [("3.4", SL("S. creatinine"))], None),
    ("Creatinine in March?", "Lab Reports", "num", [("2.6", SL("S. creatinine"))], None),
    ("eGFR now?", "Lab Reports", "num", [("22", SL("eGFR")), ("eGFR 22", "stage 4 (eGFR 22)")], None),
    ("eGFR in June?", "Lab Reports", "num", [("25", SL("eGFR"))], None),
    ("Hb today?", "Lab Reports", "num", [("8.6", SL("Hb (g/dL)"))], None),
    ("Hb on 14.03.2303?", "Lab Reports", "num", [("9.8", SL("Hb (g/dL)"))], None),
    ("Potassium today?", "Lab Reports", "num", [("5.6", SL("S. potassium")), ("potassium 5.6", "potassium 5.6 and falling eGFR")], None),
    ("Lowest bicarbonate?", "Lab Reports", "num", [("17", SL("S. bicarbonate"))], None),
    ("Peak uric acid?", "Lab Reports", "num", [("9.4", SL("S. uric acid"))], None),
    ("UACR today?", "Lab Reports", "num", [("140", SL("UACR"))], None),
    ("PTH?", "Lab Reports", "num", ["PTH 212 pg/mL"], None),
    ("Phosphate?", "Lab Reports", "num", ["phosphate 5.1 mg/dL"], None),
    ("Ferritin?", "Lab Reports", "num", ["Ferritin 96 ng/mL"], None),
    ("TSAT?", "Lab Reports", "num", ["TSAT 14%"], None),
    ("HbA1c?", "Lab Reports", "num", ["HbA1c 5.4%"], None),
    ("BP today?", "Lab Reports", "span", ["158/96 mmHg", "repeat 152/94"], None),
    ("Pulse?", "Lab Reports", "num", ["pulse 84/min"], None),
    ("Weight now?", "Other", "num", ["weight 52 kg"], None),
    ("Weight in June?", "Other", "num", ["54 kg in June"], None),
    ("Right kidney length?", "Lab Reports", "num", ["R 8.1 cm"], None),
    ("Principal diagnosis?", "Diagnosis", "span", ["Chronic kidney disease of uncertain aetiology (CKDu), stage 4 (eGFR 22)"], None),
    ("Diagnoses?", "Diagnosis", "list", ["Chronic kidney disease of uncertain aetiology (CKDu), stage 4 (eGFR 22)", "Renal anaemia", "Hypertension (secondary to CKD)", "Hyperuricaemia with one episode of gout (right big toe, May 2303)"], None),
    ("Symptoms?", "Symptoms", "list", ["tiredness", "nocturia 3-4 times a night", "mild ankle swelling in the evenings"], None),
    ("Medicines after today?", "Medication", "list", ["amlodipine 10 mg daily", "furosemide 40 mg mane", "sodium bicarbonate 500 mg tds", "calcium carbonate 500 mg with meals", "allopurinol 100 mg alternate days", ("folic acid 5 mg daily", 1)], None),
    ("New medicines?", "Medication", "list", ["NEW: sodium bicarbonate 500 mg three times daily", "NEW: IV iron sucrose 200 mg weekly x 5", "Furosemide 40 mg mornings – NEW", "Calcium carbonate 500 mg with meals – NEW"], None),
    ("Why was losartan stopped?", "Medication", "span", ["potassium 5.6 and falling eGFR"], None),
    ("New amlodipine dose?", "Medication", "span", ["from 5 mg to 10 mg daily"], None),
    ("When would EPO start?", "Medication", "span", ["if Hb remains < 10 g/dL"], None),
    ("Allergies?", "Medication", "span", ["co-trimoxazole (generalised rash, 2301)"], None),
    ("Fistula appointment?", "Procedure", "date", ["03.10.2303"], None),
    ("Next renal clinic?", "Other", "date", ["14.11.2303"], None),
    ("When to repeat bloods?", "Lab Reports", "span", ["in 4 weeks"], None),
    ("Potassium threshold for same-day referral?", "Lab Reports", "span", ["potassium > 6.0"], None),
    ("Date of the letter?", "Other", "date", [("12.09.2303", 0)], None),
    ("How long has he had nocturia?", "Symptoms", "span", ["about 4 months"], None),
    # yes/no
    ("On dialysis?", "Procedure", "yn", ["dialysis not yet needed"], "no", TRAP("planned", "fistula in preparation")),
    ("Has an AV fistula?", "Procedure", "yn", ["Referred to the vascular surgeon for a left radiocephalic AV fistula"], "no", TRAP("planned", "referred")),
    ("Still on losartan?", "Medication", "yn", ["Losartan 50 mg daily STOPPED"], "no", TRAP("stopped_held", "stopped today")),
    ("ACE inhibitor allergy?", "Medication", "yn", ["Intolerance: enalapril (dry cough)"], "no", TRAP("intolerance_not_allergy", "cough intolerance")),
    ("Sulfa / co-trimoxazole allergy?", "Medication", "yn", ["co-trimoxazole (generalised rash, 2301)"], "yes"),
    ("Taking NSAIDs?", "Medication", "yn", ["no longer takes the diclofenac tablets"], "no", TRAP("former_resolved", "diclofenac stopped")),
    ("Herbal medicine?", "Medication", "yn", ["He has stopped the Ayurvedic decoction"], "no", TRAP("former_resolved", "kasaya stopped")),
    ("On erythropoietin?", "Medication", "yn", ["then start erythropoietin 4000 IU SC weekly if Hb remains < 10 g/dL"], "no", TRAP("hypothetical", "only after iron if Hb stays < 10")),
    ("Diabetic?", "Diagnosis", "yn", ["No diabetes"], "no", TRAP("negated", "no diabetes, HbA1c 5.4%")),
    ("Smoker?", "Other", "yn", ["He does not smoke (never)"], "no", TRAP("negated", "never")),
    ("Drinks alcohol now?", "Other", "yn", ["stopped drinking kasippu (illicit arrack) 2 years ago"], "no", TRAP("former_resolved", "stopped 2 years ago")),
    ("Is he on haemodialysis like his brother?", "Procedure", "yn", ["dialysis not yet needed"], "no", TRAP("family_history", "the brother is on haemodialysis")),
    ("Breathless?", "Symptoms", "yn", ["He denies breathlessness, chest pain or orthopnoea"], "no", TRAP("negated", "denied")),
    ("Chest pain?", "Symptoms", "yn", ["He denies breathlessness, chest pain or orthopnoea"], "no", TRAP("negation_in_list", "denied list")),
    ("Haematuria?", "Symptoms", "yn", ["No haematuria"], "no", TRAP("negated", "no haematuria")),
    ("Itching?", "Symptoms", "yn", ["No itching"], "no", TRAP("negated", "no itching")),
    ("Ankle oedema?", "Symptoms", "yn", ["Pitting ankle oedema +"], "yes"),
    ("Pericardial rub?", "Symptoms", "yn", ["No pericardial rub"], "no", TRAP("negated", "no rub")),
    ("Renal biopsy done?", "Procedure", "yn", ["Renal biopsy: not performed"], "no", TRAP("not_done", "not performed")),
    ("Chest X-ray this year?", "Procedure", "yn", ["Chest X-ray: not done this year"], "no", TRAP("not_done", "not done")),
    ("Hydronephrosis?", "Diagnosis", "yn", ["no hydronephrosis"], "no", TRAP("negated", "no hydronephrosis")),
    ("Kidney stones?", "Diagnosis", "yn", ["no calculi"], "no", TRAP("negated", "no calculi")),
    ("LVH on ECG?", "Diagnosis", "yn", ["no LVH criteria"], "no", TRAP("negated", "no LVH criteria")),
    ("Hepatitis B positive?", "Lab Reports", "yn", ["HBsAg and anti-HCV negative"], "no", TRAP("screening_negative", "HBsAg negative")),
    ("Hepatitis B vaccine started?", "Procedure", "yn", ["Hepatitis B vaccination course started today (dose 1 of 4)"], "yes"),
    ("Had a transplant?", "Procedure", "yn", ["work-up to be discussed at the next visit"], "no", TRAP("planned", "wife offered; work-up to be discussed")),
    ("Gout?", "Diagnosis", "yn", ["one episode of gout"], "yes"),
    ("Anaemic?", "Diagnosis", "yn", ["Renal anaemia"], "yes"),
    ("Hypertensive?", "Diagnosis", "yn", ["Hypertension (secondary to CKD)"], "yes"),
    ("Leptospirosis now?", "Diagnosis", "yn", ["recovered fully"], "no", TRAP("former_resolved", "10 years ago, recovered")),
    ("On allopurinol?", "Medication", "yn", ["Allopurinol 100 mg alternate days – continue"], "yes"),
    ("On a diuretic?", "Medication", "yn", ["Furosemide 40 mg mornings – NEW"], "yes"),
    ("Asterixis?", "Symptoms", "yn", ["No asterixis"], "no"),
    ("Pallor?", "Symptoms", "yn", ["Mild pallor"], "yes"),
    ("Small kidneys on ultrasound?", "Diagnosis", "yn", ["both kidneys small"], "yes"),
    # other languages
    ("¿Está en diálisis?", "Procedure", "yn", ["dialysis not yet needed"], "no", "es", TRAP("planned", "aún no")),
    ("Quel est le potassium aujourd'hui ?", "Lab Reports", "num", [("5.6", SL("S. potassium"))], None, "fr"),
    ("Ist der Patient Raucher?", "Other", "yn", ["He does not smoke (never)"], "no", "de", TRAP("negated", "Nichtraucher")),
    # unanswerable
    ("Sodium?", "Lab Reports", "num", [], None),
    ("Urea?", "Lab Reports", "num", [], None),
    ("Albumin?", "Lab Reports", "num", [], None),
    ("Vitamin D?", "Lab Reports", "num", [], None),
    ("Height?", "Other", "num", [], None),
    ("Cholesterol?", "Lab Reports", "num", [], None),
    ("Wife's blood group?", "Lab Reports", "span", [], None),
    ("Temperature?", "Lab Reports", "num", [], None),
    ("SpO2?", "Lab Reports", "num", [], None),
    ("Date of the gout episode?", "Diagnosis", "date", [], None),
]
CELLS[N] = {
    "past_medical_history": (["leptospirosis (admitted 10 years ago, recovered fully)", "Hypertension (secondary to CKD)"], "past item and long-standing diagnoses"),
    "allergies": (["co-trimoxazole (generalised rash, 2301)"], "enalapril cough is an intolerance"),
    "presenting_symptoms": (["tiredness", "nocturia 3-4 times a night", "mild ankle swelling in the evenings"], "interval symptoms"),
    "symptom_duration": (["4 months", "4"], ["about 4 months"], ""),
    "chest_pain": ("no", ["He denies breathlessness, chest pain or orthopnoea"], ""),
    "heart_rate": (["84/min", "84"], ["pulse 84/min"], ""),
    "blood_pressure": (["158/96 mmHg"], "first reading; repeat 152/94"),
    "hemoglobin": (["8.6 g/dL", "8.6"], [("8.6", SL("Hb (g/dL)"))], "today's column (clinic letter: single values take today)"),
    "creatinine": (["3.4 mg/dL", "3.4"], [("3.4", SL("S. creatinine"))], "today's column"),
    "potassium": (["5.6 mmol/L", "5.6"], [("5.6", SL("S. potassium"))], "today's column"),
    "new_medications": (["NEW: sodium bicarbonate 500 mg three times daily", "NEW: IV iron sucrose 200 mg weekly x 5", "Furosemide 40 mg mornings – NEW", "Calcium carbonate 500 mg with meals – NEW"], "amlodipine dose change is neither"),
    "stopped_medications": (["Losartan 50 mg daily STOPPED"], "kasaya and diclofenac stopped before this visit"),
    "smoking": ("no", ["He does not smoke (never)"], ""),
    "follow_up": (["Referred to the vascular surgeon for a left radiocephalic AV fistula (first visit 03.10.2303)", "Repeat creatinine, potassium and Hb in 4 weeks at your OPD", "Review at renal clinic on 14.11.2303"], ""),
}
ABSENT_NOTES[N] = {
    "chief_complaint": "scheduled review", "admission_diagnosis": "clinic", "principal_diagnosis": "clinic letter, not a discharge",
    "secondary_diagnoses": "clinic letter", "fever": "not mentioned", "max_temperature": "not recorded", "oxygen_saturation": "not recorded",
    "wbc": "not reported", "troponin": "not measured", "chest_imaging": "Chest X-ray: not done this year (convention 11)",
    "procedures": "none: biopsy not performed; the vaccine is not a procedure", "surgery": "none (fistula referred)",
    "antibiotics": "none", "discharge_medications": "clinic", "anticoagulation": "not mentioned",
    "admission_date": "clinic", "discharge_date": "clinic", "length_of_stay": "clinic", "discharge_condition": "clinic", "discharge_disposition": "clinic",
    "consolidation": "no CXR", "pleural_effusion": "no CXR", "pneumothorax": "no CXR", "cardiomegaly": "no CXR", "pulmonary_edema": "no CXR",
    "nodule": "no CXR", "lines_tubes": "none",
}

# ---------------------------------------------------------------- miastenia_carta_01
N = "miastenia_carta_01"
AR = lambda p, n=0: line(N, p, n)
NOTES[N] = ("clinic_letter", "Argentine provincial-hospital neuromuscular clinic letter from the neurologist to the family doctor at a primary-care centre (CAPS), Spanish letter framing with English body (`San Justo de la Sierra, 6 de julio de 2308`, Ref. line with DNI and obra social, `Estimada colega`, `Saludos cordiales`, M.P. / M.N. licence numbers): dash Diagnoses with MGFA class then vs now, a ruled-out thymoma with a not-ruled-out hyperplasia and a NEVER crisis line, first-person prose history, exam with then-vs-now bedside scores (ptosis time, single breath count, QMG), comma decimal marks and period thousands separators (7.900/mm³, 1.200 mg), dash tests with pre-immunosuppression screening, numbered treatment list with reduced / started / increase-planned / NEW / unchanged and a Stopped line, thymectomy recommended but not scheduled, IVIG reserved, monitoring thresholds and a safety net")
QAS[N] = [
    ("AChR antibody level?", "Lab Reports", "num", ["14,6 nmol/L"], None),
    ("MGFA class at diagnosis?", "Diagnosis", "span", ["MGFA IIIb"], None),
    ("MGFA class now?", "Diagnosis", "span", ["MGFA IIa"], None),
    ("QMG score today?", "Lab Reports", "num", ["QMG score 9"], None),
    ("QMG in March?", "Lab Reports", "num", ["17 in March"], None),
    ("Single breath count?", "Lab Reports", "num", ["Single breath count 34"], None),
    ("FVC?", "Lab Reports", "num", ["2,9 L"], None),
    ("FVC % predicted?", "Lab Reports", "num", ["88% predicted"], None),
    ("Decrement on RNS in nasalis?", "Lab Reports", "num", ["31% decrement"], None),
    ("Weight now?", "Other", "num", ["weight 71 kg"], None),
    ("BP?", "Lab Reports", "span", ["126/80"], None),
    ("HR?", "Lab Reports", "num", [("72", "HR 72")], None),
    ("Fasting glucose?", "Lab Reports", "num", ["118 mg/dL"], None),
    ("HbA1c now?", "Lab Reports", "num", ["6,1%"], None),
    ("TSH?", "Lab Reports", "num", ["3,2 mUI/L"], None),
    ("Potassium?", "Lab Reports", "num", ["3,7 mEq/L"], None),
    ("WBC today?", "Lab Reports", "num", ["7.900/mm³"], None),
    ("Hb?", "Lab Reports", "num", ["13,1 g/dL"], None),
    ("Platelets?", "Lab Reports", "num", ["248.000/mm³"], None),
    ("ALT?", "Lab Reports", "num", ["32 U/L"], None),
    ("DXA T-score?", "Lab Reports", "num", ["-1,3"], None),
    ("Diagnoses?", "Diagnosis", "list", ["Miastenia gravis generalizada, anticuerpos anti-receptor de acetilcolina positivos (14,6 nmol/L)", "Hipotiroidismo autoinmune (Hashimoto), en tratamiento"], None),
    ("Current prednisone dose?", "Medication", "span", ["from 30 mg to 25 mg daily"], None),
    ("New pyridostigmine interval?", "Medication", "span", ["every 8 hours"], None),
    ("Why was pyridostigmine reduced?", "Medication", "span", ["fasciculations and diarrhoea; symptoms improved"], None),
    ("Azathioprine dose now?", "Medication", "span", ["Azathioprine 100 mg/day"], None),
    ("Planned azathioprine dose?", "Medication", "span", ["150 mg/day from next week"], None),
    ("What was started today?", "Medication", "span", ["Alendronate 70 mg weekly – NEW today"], None),
    ("What was stopped?", "Medication", "span", ["magnesium supplement"], None),
    ("Why was magnesium stopped?", "Medication", "span", ["magnesium can worsen weakness"], None),
    ("Medication list?", "Medication", "list", ["Pyridostigmine 60 mg every 6 hours while awake", "Prednisone", "Azathioprine 100 mg/day", "Calcium 1.200 mg + vitamin D 800 UI daily", "Alendronate 70 mg weekly", "Omeprazole 20 mg daily", "Levothyroxine 75 µg"], None),
    ("Allergies?", "Medication", "span", ["penicillin (hives as a child)"], None),
    ("When did she quit smoking?", "Other", "span", ["she quit smoking in March 2308"], None),
    ("Next visit?", "Other", "date", ["31 August 2308"], None),
    ("Date of the letter?", "Other", "date", ["6 de julio de 2308"], None),
    ("WBC threshold to stop azathioprine?", "Lab Reports", "span", ["3.500/mm³"], None),
    ("What antibiotic treated her UTI?", "Medication", "span", ["nitrofurantoin"], None),
    # yes/no
    ("Thymoma?", "Diagnosis", "yn", ["Timoma descartado"], "no", TRAP("ruled_out", "CT without mediastinal mass")),
    ("Thymic hyperplasia?", "Diagnosis", "yn", ["hiperplasia tímica no descartada"], "uncertain", TRAP("suspected", "not excluded")),
    ("Ever had a myasthenic crisis?", "Diagnosis", "yn", ["Crisis miasténica: NUNCA"], "no", TRAP("negated", "never")),
    ("Ever ventilated?", "Procedure", "yn", ["sin ventilación mecánica"], "no", TRAP("negated", "no mechanical ventilation")),
    ("Thymectomy done?", "Procedure", "yn", ["Not scheduled yet"], "no", TRAP("planned", "recommended, not scheduled")),
    ("Getting IVIG?", "Medication", "yn", ["IVIG and plasmapheresis: not required now"], "no", TRAP("not_done", "reserved for crisis")),
    ("Plasmapheresis?", "Procedure", "yn", ["IVIG and plasmapheresis: not required now"], "no", TRAP("not_done", "reserved")),
    ("On steroids?", "Medication", "yn", ["Prednisone – reduced today"], "yes"),
    ("On an immunosuppressant?", "Medication", "yn", ["Azathioprine 100 mg/day – started 5 weeks ago"], "yes"),
    ("On magnesium?", "Medication", "yn", ["Stopped: magnesium supplement"], "no", TRAP("stopped_held", "stopped")),
    ("Anti-MuSK positive?", "Lab Reports", "yn", ["Anti-MuSK: negative"], "no", TRAP("negated", "negative")),
    ("TB screen positive?", "Lab Reports", "yn", ["IGRA (QuantiFERON) negative"], "no", TRAP("screening_negative", "IGRA negative")),
    ("Hepatitis B?", "Lab Reports", "yn", ["Hepatitis B and C serology negative"], "no", TRAP("screening_negative", "negative")),
    ("TPMT deficiency?", "Lab Reports", "yn", ["TPMT activity: normal"], "no", TRAP("ruled_out", "intermediate activity ruled out")),
    ("Shortness of breath at rest?", "Symptoms", "yn", ["No shortness of breath at rest"], "no", TRAP("negated", "no")),
    ("Orthopnoea?", "Symptoms", "yn", ["no orthopnoea"], "no", TRAP("negation_in_list", "negated list")),
    ("Ptosis?", "Symptoms", "yn", ["drooping of the left eyelid now appears only at the end of the day"], "yes"),
    ("Right-sided ptosis?", "Symptoms", "yn", ["drooping of the left eyelid"], "no", TRAP("compound_or_other_sense", "left eyelid")),
    ("Double vision?", "Symptoms", "yn", ["diplopia only when tired"], "yes"),
    ("Choking on liquids now?", "Symptoms", "yn", ["No choking with liquids since June"], "no", TRAP("time_scope", "resolved since June")),
    ("Bulbar signs today?", "Symptoms", "yn", ["No bulbar signs today"], "no", TRAP("negated", "none today")),
    ("Smoker?", "Other", "yn", ["she quit smoking in March 2308"], "no", TRAP("former_resolved", "quit March 2308")),
    ("Rheumatoid arthritis?", "Diagnosis", "yn", [], "not_mentioned", TRAP("family_history", "mother's RA")),
    ("Diabetic?", "Diagnosis", "yn", ["HbA1c 6,1%"], "no", TRAP("threshold", "HbA1c 6,1% below diabetes threshold")),
    ("Osteoporosis?", "Diagnosis", "yn", ["T-score -1,3 (osteopenia)"], "no", TRAP("severity_or_subtype", "osteopenia, not osteoporosis")),
    ("On a bisphosphonate?", "Medication", "yn", ["Alendronate 70 mg weekly – NEW today"], "yes"),
    ("Hypothyroid?", "Diagnosis", "yn", ["Hipotiroidismo autoinmune (Hashimoto)"], "yes"),
    ("Penicillin allergy?", "Medication", "yn", ["penicillin (hives as a child)"], "yes"),
    ("Should she get a fluoroquinolone?", "Medication", "yn", ["please avoid fluoroquinolones"], "no"),
    ("Improving?", "Other", "yn", ["clear improvement"], "yes"),
    ("Live vaccines OK?", "Procedure", "yn", ["no live vaccines"], "no"),
    ("Was the ice-pack test repeated?", "Procedure", "yn", ["Ice-pack test not repeated"], "no", TRAP("not_done", "not repeated")),
    # other languages
    ("¿Tiene timoma?", "Diagnosis", "yn", ["Timoma descartado"], "no", "es", TRAP("ruled_out", "descartado por TC")),
    ("¿Qué medicación se suspendió?", "Medication", "span", ["magnesium supplement"], None, "es"),
    ("¿Cuál es la dosis actual de prednisona?", "Medication", "span", ["from 30 mg to 25 mg daily"], None, "es"),
    ("¿Fuma la paciente?", "Other", "yn", ["she quit smoking in March 2308"], "no", "es", TRAP("former_resolved", "dejó en marzo")),
    ("¿Cuándo es el próximo control?", "Other", "date", ["31 August 2308"], None, "es"),
    ("Ist sie gegen Penicillin allergisch?", "Medication", "yn", ["penicillin (hives as a child)"], "yes", "de"),
    ("¿Cuál es el valor de creatinina?", "Lab Reports", "num", [], None, "es"),
    # unanswerable
    ("Creatinine?", "Lab Reports", "num", [], None),
    ("Sodium?", "Lab Reports", "num", [], None),
    ("CRP?", "Lab Reports", "num", [], None),
    ("Height?", "Other", "num", [], None),
    ("SpO2?", "Lab Reports", "num", [], None),
    ("Date of the CT chest?", "Procedure", "date", [], None),
    ("Temperature?", "Lab Reports", "num", [], None),
    ("Vitamin D level?", "Lab Reports", "num", [], None),
]
CELLS[N] = {
    "past_medical_history": (["Hipotiroidismo autoinmune (Hashimoto), en tratamiento"], ""),
    "allergies": (["penicillin (hives as a child)"], ""),
    "presenting_symptoms": (["drooping of the left eyelid now appears only at the end of the day", "diplopia only when tired", "mild difficulty climbing stairs"], "current symptoms"),
    "heart_rate": (["72"], [("72", "HR 72")], ""),
    "blood_pressure": (["126/80"], ""),
    "wbc": (["7.900/mm³", "7900", "7.9 x10^9/L"], ["7.900/mm³"], "period is the thousands separator"),
    "hemoglobin": (["13,1 g/dL", "13.1"], ["13,1 g/dL"], ""),
    "potassium": (["3,7 mEq/L", "3.7"], ["3,7 mEq/L"], ""),
    "new_medications": (["Azathioprine 100 mg/day", "Alendronate 70 mg weekly"], "interval since the May visit: azathioprine (June) and alendronate (today)"),
    "stopped_medications": (["magnesium supplement"], ""),
    "smoking": ("no", ["she quit smoking in March 2308"], "former smoker"),
    "follow_up": (["Next control: 31 August 2308 with a new QMG score", "Please check every 2 weeks for the next 2 months: haemogram and liver enzymes (azathioprine); glycaemia and blood pressure (steroids)"], ""),
}
ABSENT_NOTES[N] = {
    "chief_complaint": "scheduled review", "admission_diagnosis": "clinic", "principal_diagnosis": "clinic letter", "secondary_diagnoses": "clinic letter",
    "symptom_duration": "not stated", "fever": "not mentioned", "chest_pain": "not mentioned", "max_temperature": "not recorded", "oxygen_saturation": "not recorded",
    "creatinine": "not reported", "troponin": "not measured", "chest_imaging": "CT chest (April), not a chest x-ray", "procedures": "none this interval",
    "surgery": "thymectomy recommended, not done", "antibiotics": "nitrofurantoin for a UTI in June was prescribed by the GP and is finished; no antibiotic from this clinic",
    "discharge_medications": "clinic", "anticoagulation": "not mentioned", "admission_date": "clinic", "discharge_date": "clinic", "length_of_stay": "clinic",
    "discharge_condition": "clinic", "discharge_disposition": "clinic",
    "consolidation": "no chest imaging findings", "pleural_effusion": "not mentioned", "pneumothorax": "not mentioned", "cardiomegaly": "not mentioned",
    "pulmonary_edema": "not mentioned", "nodule": "not mentioned", "lines_tubes": "none",
}

# ---------------------------------------------------------------- volvulus_op_01
N = "volvulus_op_01"
ET = lambda p, n=0: line(N, p, n)
NOTES[N] = ("operative", "Ethiopian comprehensive specialized (referral) hospital emergency operation note for a gangrenous sigmoid volvulus (Hartmann's procedure), by a surgical resident (R3) with an intern, a consultant scrubbing in later and an MSc anaesthetist: Ato title and MRN, dual Gregorian / Ethiopian calendar date (`19/07/2309 G.C. (Hamle 12, 2301 E.C.)`), pipe-separated anaesthesia / incision / closure / out-of-OR times, pre- and post-op diagnosis lines with `?X`, indication paragraph with local context (traditional healer, teff injera, khat, crossmatched units), failed sigmoidoscopic detorsion, pre-op vitals and labs in one paragraph (comma thousands WBC), dash operative findings, numbered procedure steps with NOT-done anastomosis and no drain, intra-op whole-blood transfusion, numbered post-op orders with a held drug, a stock shortage and a planned reversal")
QAS[N] = [
    ("What operation was done?", "Procedure", "span", ["Emergency midline laparotomy, sigmoid resection and end colostomy (Hartmann's procedure)"], None),
    ("Post-op diagnosis?", "Diagnosis", "span", ["Gangrenous sigmoid volvulus, no perforation, no faecal peritonitis"], None),
    ("Pre-op diagnosis?", "Diagnosis", "span", ["Sigmoid volvulus with ?gangrene (failed sigmoidoscopic detorsion)"], None),
    ("Skin incision time?", "Procedure", "span", ["22:05"], None),
    ("When was the skin closed?", "Procedure", "span", ["23:55"], None),
    ("Type of anaesthesia?", "Procedure", "span", ["GA with endotracheal intubation (RSI)"], None),
    ("Estimated blood loss?", "Procedure", "num", ["250 mL"], None),
    ("Length of gangrenous colon?", "Lab Reports", "num", ["35 cm"], None),
    ("Degree of twist?", "Diagnosis", "span", ["360 degrees anticlockwise"], None),
    ("How much peritoneal fluid?", "Lab Reports", "num", ["~300 mL"], None),
    ("Lavage volume?", "Procedure", "num", ["4 L"], None),
    ("Pre-op BP?", "Lab Reports", "span", ["100/60 mmHg"], None),
    ("Pre-op pulse?", "Lab Reports", "num", ["118/min"], None),
    ("Pre-op temperature?", "Lab Reports", "num", ["37.8 C"], None),
    ("SpO2 pre-op?", "Lab Reports", "num", [("94%", "SpO2 94% RA")], None),
    ("Lowest intra-op BP?", "Lab Reports", "span", ["86/50"], None),
    ("Hct?", "Lab Reports", "num", ["Hct 46%"], None),
    ("WBC?", "Lab Reports", "num", ["15,800/uL"], None),
    ("Creatinine?", "Lab Reports", "num", ["1.7 mg/dL"], None),
    ("Potassium pre-op?", "Lab Reports", "num", [("3.1 mmol/L", "K 3.1 mmol/L")], None),
    ("Sodium?", "Lab Reports", "num", ["131 mmol/L"], None),
    ("Blood group?", "Lab Reports", "span", ["O Rh+"], None),
    ("Urine output pre-op?", "Lab Reports", "num", ["20 mL/h"], None),
    ("How long was he obstructed?", "Symptoms", "num", ["3 days"], None),
    ("Antibiotics?", "Medication", "list", [("Ceftriaxone 1 g IV", "Ceftriaxone 1 g IV + metronidazole"), ("metronidazole 500 mg IV", "Ceftriaxone 1 g IV + metronidazole 500 mg IV given")], None),
    ("Post-op analgesia?", "Medication", "list", ["Tramadol 100 mg IV tid", "paracetamol 1 g IV qid", "pethidine 50 mg IM prn"], None),
    ("DVT prophylaxis?", "Medication", "span", ["Heparin 5,000 IU SC bid from POD 1"], None),
    ("Where does he go after surgery?", "Other", "span", ["surgical ICU (bed 3)"], None),
    ("Where is the stoma?", "Procedure", "span", ["left iliac fossa"], None),
    ("Why no primary anastomosis?", "Procedure", "span", ["gangrene, unprepared bowel, haemodynamic instability"], None),
    ("When is reversal planned?", "Procedure", "span", ["after 3 months if fit"], None),
    ("Who was the consultant?", "Other", "span", [("Dr. Solomon Tadesse", 0)], None),
    ("Date of surgery?", "Other", "date", ["19/07/2309"], None),
    ("Home medication?", "Medication", "span", ["hydrochlorothiazide 25 mg daily"], None),
    # yes/no
    ("Perforation?", "Diagnosis", "yn", [("no perforation", 1)], "no", TRAP("negated", "no perforation")),
    ("Faecal peritonitis?", "Diagnosis", "yn", ["no faecal peritonitis"], "no", TRAP("negated", "no faecal peritonitis")),
    ("Free air under the diaphragm?", "Diagnosis", "yn", ["no free air under the diaphragm"], "no", TRAP("negated", "no free air")),
    ("Was detorsion successful?", "Procedure", "yn", ["failed, dark mucosa and bloody fluid seen at 25 cm"], "no"),
    ("Primary anastomosis?", "Procedure", "yn", ["Primary anastomosis NOT done"], "no", TRAP("not_done", "not done")),
    ("Drain left?", "Procedure", "yn", ["No drain left"], "no", TRAP("negated", "no drain")),
    ("Skin closed primarily?", "Procedure", "yn", ["skin left open with wet gauze"], "no", TRAP("planned", "delayed primary closure planned")),
    ("Ileosigmoid knotting?", "Diagnosis", "yn", ["no ileosigmoid knotting"], "no", TRAP("negated", "none")),
    ("Small bowel gangrene?", "Diagnosis", "yn", ["Small bowel viable"], "no", TRAP("compound_or_other_sense", "sigmoid gangrenous; small bowel viable")),
    ("Blood transfusion?", "Procedure", "yn", ["One unit whole blood transfused intra-op"], "yes"),
    ("Stoma formed?", "Procedure", "yn", ["End colostomy brought out"], "yes"),
    ("Complications?", "Procedure", "yn", ["Complications: none intra-operative"], "no"),
    ("Count correct?", "Procedure", "yn", ["Sponge and instrument count correct x2"], "yes"),
    ("HIV positive?", "Lab Reports", "yn", ["No HIV (tested negative 3 months ago"], "no", TRAP("screening_negative", "tested negative")),
    ("Diabetic?", "Diagnosis", "yn", ["No known DM"], "no", TRAP("negated", "no known DM")),
    ("Smoker?", "Other", "yn", ["Former smoker (quit 15 years ago)"], "no", TRAP("former_resolved", "quit 15 years ago")),
    ("Khat use?", "Other", "yn", ["chews khat on market days"], "yes"),
    ("Drug allergy?", "Medication", "yn", ["No drug allergy known"], "no"),
    ("Hypertensive?", "Diagnosis", "yn", ["Known hypertensive"], "yes"),
    ("Continue hydrochlorothiazide after surgery?", "Medication", "yn", ["Hold hydrochlorothiazide until eating and K normal"], "no", TRAP("stopped_held", "held")),
    ("Were antibiotics only a single prophylactic dose?", "Medication", "yn", ["therapeutic course, not single-dose prophylaxis"], "no"),
    ("Previous volvulus surgery?", "Procedure", "yn", ["self-resolved with a traditional healer's massage"], "no", TRAP("family_history", "brother operated; his own attacks self-resolved")),
    ("Has the stoma nurse seen him?", "Other", "yn", ["Stoma nurse review POD 2"], "no", TRAP("planned", "POD 2")),
    ("Was he extubated?", "Procedure", "yn", ["extubated, awake"], "yes"),
    ("Fever pre-op?", "Symptoms", "yn", ["T 37.8 C"], "no", TRAP("fever_from_values", "37.8 C")),
    ("Vomiting?", "Symptoms", "yn", ["vomiting since the morning"], "yes"),
    ("Caecum distended?", "Diagnosis", "yn", ["Caecum not distended"], "no", TRAP("negated", "not distended")),
    ("NG tube?", "Procedure", "yn", ["NGT and Foley catheter inserted"], "yes"),
    ("Anticoagulated?", "Medication", "yn", ["Heparin 5,000 IU SC bid from POD 1 (thromboprophylaxis)"], "no", TRAP("drug_class_and_status", "prophylactic SC heparin only")),
    ("Specimen sent?", "Procedure", "yn", ["Specimen sent to pathology"], "yes"),
    # other languages
    ("Wurde eine Anastomose angelegt?", "Procedure", "yn", ["Primary anastomosis NOT done"], "no", "de", TRAP("not_done", "nicht durchgeführt")),
    ("Quelle intervention a été réalisée ?", "Procedure", "span", ["Emergency midline laparotomy, sigmoid resection and end colostomy (Hartmann's procedure)"], None, "fr"),
    ("¿Cuánta sangre perdió?", "Procedure", "num", ["250 mL"], None, "es"),
    # unanswerable
    ("Hb?", "Lab Reports", "num", [], None),
    ("Lactate?", "Lab Reports", "num", [], None),
    ("Albumin?", "Lab Reports", "num", [], None),
    ("Weight?", "Other", "num", [], None),
    ("Pathology result?", "Lab Reports", "span", [], None),
    ("Culture result of the fluid?", "Lab Reports", "span", [], None),
    ("INR?", "Lab Reports", "num", [], None),
    ("Date of discharge?", "Other", "date", [], None),
]
CELLS[N] = {
    "chief_complaint": (["Abdominal distension and failure to pass flatus and faeces for 3 days"], "indication"),
    "admission_diagnosis": (["Sigmoid volvulus with ?gangrene (failed sigmoidoscopic detorsion)"], "pre-op diagnosis"),
    "past_medical_history": (["Known hypertensive"], "two previous self-resolved attacks"),
    "presenting_symptoms": (["Abdominal distension", "failure to pass flatus and faeces", "colicky abdominal pain", "vomiting since the morning"], ""),
    "symptom_duration": (["3 days", "3"], ["3 days"], ""),
    "max_temperature": (["37.8 C", "37.8"], ["37.8 C"], "pre-op"),
    "oxygen_saturation": (["94%", "94"], [("94%", "SpO2 94% RA")], "pre-op"),
    "heart_rate": (["118/min", "118"], ["118/min"], "pre-op"),
    "blood_pressure": (["100/60 mmHg"], "pre-op"),
    "wbc": (["15,800/uL", "15.8 x10^9/L", "15800"], ["15,800/uL"], ""),
    "creatinine": (["1.7 mg/dL", "1.7"], ["1.7 mg/dL"], ""),
    "potassium": (["3.1 mmol/L", "3.1"], [("3.1 mmol/L", "K 3.1 mmol/L")], ""),
    "chest_imaging": (["no free air under the diaphragm on the erect chest film"], "erect chest film"),
    "procedures": (["Emergency midline laparotomy, sigmoid resection and end colostomy (Hartmann's procedure)", "Rigid sigmoidoscopic detorsion attempted", "One unit whole blood transfused intra-op", "GA with endotracheal intubation (RSI)", "NGT and Foley catheter inserted"], ""),
    "surgery": (["Emergency midline laparotomy, sigmoid resection and end colostomy (Hartmann's procedure)"], ""),
    "antibiotics": ([("Ceftriaxone 1 g IV", "Ceftriaxone 1 g IV + metronidazole"), ("metronidazole 500 mg IV", "Ceftriaxone 1 g IV + metronidazole 500 mg IV given")], "therapeutic course"),
    "anticoagulation": ("no", ["Heparin 5,000 IU SC bid from POD 1 (thromboprophylaxis)"], "prophylactic dose only"),
    "new_medications": (["Ceftriaxone 1 g IV bid and metronidazole 500 mg IV tid for 5 days", "Tramadol 100 mg IV tid", "paracetamol 1 g IV qid", "Heparin 5,000 IU SC bid from POD 1"], "post-op orders"),
    "admission_date": (["2309-07-19"], ["19/07/2309"], "operation date; admitted the same day"),
    "smoking": ("no", ["Former smoker (quit 15 years ago)"], "former smoker"),
    "follow_up": (["Reversal of Hartmann's planned after 3 months if fit"], ""),
    "lines_tubes": ([("NGT", "NGT and Foley"), ("Foley catheter", "NGT and Foley catheter inserted")], "inserted pre-op"),
}
ABSENT_NOTES[N] = {
    "principal_diagnosis": "operative note", "secondary_diagnoses": "operative note", "allergies": "No drug allergy known (explicit none)",
    "fever": "temperature 37.8 C only, no fever stated", "chest_pain": "not mentioned", "hemoglobin": "Hct only", "troponin": "not measured",
    "stopped_medications": "hydrochlorothiazide held, not stopped", "discharge_medications": "operative note", "discharge_date": "operative note",
    "length_of_stay": "operative note", "discharge_condition": "operative note", "discharge_disposition": "to surgical ICU, not a discharge",
    "consolidation": "not mentioned", "pleural_effusion": "not mentioned", "pneumothorax": "not mentioned", "cardiomegaly": "not mentioned",
    "pulmonary_edema": "not mentioned", "nodule": "not mentioned",
}

# ---------------------------------------------------------------- hydatid_ct_01
N = "hydatid_ct_01"
TN = lambda p, n=0: line(N, p, n)
NOTES[N] = ("radiology", "Tunisian university-hospital (CHU) CT thorax and upper abdomen report in English with French framing (COMPTE RENDU, Mme, ans, Dossier, Prescripteur, Pr / Dr, résident, INDICATION / TECHNIQUE / COMPARISON / RESULTS / CONCLUSION / RECOMMENDATIONS): `dd/mm/yyyy` dates with exam and validation times, indication with rural exposure, a vomica history and `?X ?Y`, pending serology and a negative pregnancy test, technique with contrast volume, rate and DLP, comparison with a radiograph, findings by compartment with dash lists (ruptured hydatid cyst with water-lily sign, intact cyst, incidental nodule, effusion without empyema features), a hepatic cyst with Gharbi / WHO classification, numbered conclusion with an excluded differential, dash recommendations including a family screening suggestion and a phoned result")
QAS[N] = [
    ("Exam type?", "Procedure", "span", ["CT THORAX (with IV contrast) + upper abdomen"], None),
    ("Exam date?", "Other", "date", [("03/02/2301", 0)], None),
    ("Size of the ruptured cyst?", "Lab Reports", "span", ["62 x 48 mm"], None),
    ("Size of the middle lobe cyst?", "Lab Reports", "num", [("24 mm", 0)], None),
    ("Nodule size?", "Lab Reports", "num", [("5 mm", 0)], None),
    ("Where is the nodule?", "Diagnosis", "span", ["lingula (image 142)"], None),
    ("Depth of the effusion?", "Lab Reports", "num", ["14 mm"], None),
    ("Liver cyst size?", "Lab Reports", "num", [("38 mm", 0)], None),
    ("Liver cyst classification?", "Diagnosis", "span", ["Gharbi type II / WHO CE3a"], None),
    ("Largest lymph node?", "Lab Reports", "num", ["11 mm"], None),
    ("Contrast volume?", "Procedure", "num", ["70 mL"], None),
    ("DLP?", "Procedure", "num", ["410 mGy.cm"], None),
    ("Cyst density in HU?", "Lab Reports", "num", ["8 HU"], None),
    ("Creatinine?", "Lab Reports", "num", ["0.7 mg/dL"], None),
    ("Temperature?", "Lab Reports", "num", ["38.4 C"], None),
    ("Comparison?", "Procedure", "span", ["Chest radiograph (PA) of 01/02/2301"], None),
    ("Indication?", "Symptoms", "span", ["?Ruptured hydatid cyst ?lung abscess"], None),
    ("How long has she coughed?", "Symptoms", "span", ["Cough for 6 weeks"], None),
    ("Main finding?", "Diagnosis", "span", ["Ruptured hydatid cyst of the right lower lobe (62 mm) with membranes (\"water lily\" sign) and surrounding consolidation / secondary infection"], None),
    ("List the hydatid cysts.", "Diagnosis", "list", ["Ruptured hydatid cyst of the right lower lobe (62 mm)", "Intact hydatid cyst of the middle lobe (24 mm)", "Hepatic hydatid cyst segment VII, 38 mm, CE3a"], None),
    ("Recommendations?", "Procedure", "list", ["Thoracic surgery referral for cystectomy with capitonnage", "Albendazole peri-operatively per the clinical team", "Hydatid serology result to be correlated (pending)", "Screening ultrasound of the abdomen for the sister and mother"], None),
    ("Who was called?", "Other", "span", ["Dr Trabelsi at 16:35"], None),
    ("Report validation time?", "Other", "span", [("16:40", 0)], None),
    # yes/no
    ("Ruptured cyst?", "Diagnosis", "yn", ["consistent with a ruptured (complicated) hydatid cyst"], "yes"),
    ("Water lily sign?", "Diagnosis", "yn", [("\"water lily\" sign", 0)], "yes"),
    ("Lung abscess?", "Diagnosis", "yn", ["No lung abscess other than the infected cyst"], "no", TRAP("indication_only", "?lung abscess in the request; only the infected cyst")),
    ("Tuberculosis?", "Diagnosis", "yn", ["no tuberculosis pattern"], "no", TRAP("ruled_out", "no TB pattern")),
    ("Pneumothorax?", "Diagnosis", "yn", [("No pneumothorax", 0)], "no", TRAP("negated", "no pneumothorax")),
    ("Pleural effusion?", "Diagnosis", "yn", ["small right pleural effusion"], "yes"),
    ("Left effusion?", "Diagnosis", "yn", ["No left effusion"], "no", TRAP("compound_or_other_sense", "effusion is right-sided")),
    ("Empyema?", "Diagnosis", "yn", ["no empyema features"], "no", TRAP("negated", "no empyema features")),
    ("Consolidation?", "Diagnosis", "yn", ["Surrounding consolidation of the adjacent posterior and lateral basal segments"], "yes"),
    ("Cardiomegaly?", "Diagnosis", "yn", ["Heart normal in size"], "no", TRAP("negated", "heart normal in size")),
    ("Pericardial effusion?", "Diagnosis", "yn", ["no pericardial effusion"], "no", TRAP("negated", "none")),
    ("Pulmonary embolism?", "Diagnosis", "yn", ["no filling defect (study not optimised for PE)"], "no", TRAP("negated", "no filling defect")),
    ("Pulmonary nodule?", "Diagnosis", "yn", ["5 mm solid nodule in the lingula"], "yes"),
    ("Cavity in the left lung?", "Diagnosis", "yn", ["No cavity on the left"], "no", TRAP("compound_or_other_sense", "cavity is right lower lobe")),
    ("Emphysema?", "Diagnosis", "yn", ["No emphysema"], "no", TRAP("negated", "no emphysema")),
    ("Bronchiectasis?", "Diagnosis", "yn", ["No bronchiectasis"], "no", TRAP("negated", "none")),
    ("Rib erosion?", "Diagnosis", "yn", ["No rib erosion"], "no", TRAP("negated", "none")),
    ("Biliary dilatation?", "Diagnosis", "yn", ["no biliary dilatation"], "no", TRAP("negated", "none")),
    ("Ascites?", "Diagnosis", "yn", ["No ascites"], "no"),
    ("Is the middle lobe cyst ruptured?", "Diagnosis", "yn", ["intact, thin-walled"], "no", TRAP("compound_or_other_sense", "the ruptured one is the RLL cyst")),
    ("Hydatid cyst in the liver?", "Diagnosis", "yn", ["hepatic hydatid cyst"], "yes"),
    ("Serology positive?", "Lab Reports", "yn", ["Hydatid serology requested, result pending"], "uncertain", TRAP("test_status", "pending")),
    ("Pregnant?", "Lab Reports", "yn", ["Pregnancy test negative"], "no", TRAP("screening_negative", "negative test")),
    ("Contrast reaction?", "Procedure", "yn", ["No contrast reaction"], "no"),
    ("Lines or tubes?", "Procedure", "yn", ["Lines / devices: none"], "no"),
    ("Percutaneous drainage recommended?", "Procedure", "yn", ["avoid percutaneous puncture of the lung cysts"], "no"),
    ("Is the sister infected?", "Diagnosis", "yn", [], "not_mentioned", TRAP("other_person", "screening suggested only")),
    ("Splenic cyst?", "Diagnosis", "yn", ["Spleen, pancreas, adrenals and kidneys: normal"], "no", TRAP("negation_in_list", "spleen normal")),
    ("Does the nodule need follow-up?", "Procedure", "yn", ["no dedicated follow-up needed"], "no"),
    ("Result phoned?", "Other", "yn", ["Result discussed by phone"], "yes"),
    ("Enlarged mediastinal nodes?", "Diagnosis", "yn", ["reactive right paratracheal and subcarinal nodes up to 11 mm"], "yes"),
    ("Already on albendazole?", "Medication", "yn", ["Albendazole peri-operatively per the clinical team"], "no", TRAP("planned", "recommended peri-operatively")),
    ("Surgery done?", "Procedure", "yn", ["Thoracic surgery referral"], "no", TRAP("planned", "referral")),
    ("Fever?", "Symptoms", "yn", ["fever 38.4 C"], "yes"),
    # other languages
    ("Y a-t-il un pneumothorax ?", "Diagnosis", "yn", [("No pneumothorax", 0)], "no", "fr", TRAP("negated", "pas de pneumothorax")),
    ("Quelle est la taille du kyste hépatique ?", "Lab Reports", "num", [("38 mm", 0)], None, "fr"),
    ("¿Hay derrame pleural?", "Diagnosis", "yn", ["small right pleural effusion"], "yes", "es"),
    ("Czy jest guzek w płucu?", "Diagnosis", "yn", ["5 mm solid nodule in the lingula"], "yes", "pl"),
    # unanswerable
    ("WBC?", "Lab Reports", "num", [], None),
    ("Hb?", "Lab Reports", "num", [], None),
    ("Eosinophils?", "Lab Reports", "num", [], None),
    ("Her weight?", "Other", "num", [], None),
    ("Serology titre?", "Lab Reports", "span", [], None),
    ("SpO2?", "Lab Reports", "num", [], None),
    ("Date of the surgery?", "Procedure", "date", [], None),
    ("CRP?", "Lab Reports", "num", [], None),
]
CELLS[N] = {
    "presenting_symptoms": (["Cough for 6 weeks", "right chest pain", "vomiting salty clear fluid with \"white membrane-like pieces\"", "fever 38.4 C"], "indication (convention 7)"),
    "symptom_duration": (["6 weeks", "6"], ["Cough for 6 weeks"], ""),
    "fever": ("yes", ["fever 38.4 C"], ""),
    "chest_pain": ("yes", ["right chest pain"], ""),
    "max_temperature": (["38.4 C", "38.4"], ["38.4 C"], ""),
    "creatinine": (["0.7 mg/dL", "0.7"], ["0.7 mg/dL"], ""),
    "exam_type": (["CT THORAX (with IV contrast) + upper abdomen"], ""),
    "indication": (["?Ruptured hydatid cyst ?lung abscess"], ""),
    "comparison": (["Chest radiograph (PA) of 01/02/2301"], ""),
    "consolidation": ("yes", ["Surrounding consolidation of the adjacent posterior and lateral basal segments"], ""),
    "pleural_effusion": ("yes", ["small right pleural effusion"], ""),
    "pneumothorax": ("no", [("No pneumothorax", 0)], ""),
    "cardiomegaly": ("no", ["Heart normal in size"], ""),
    "nodule": ("yes", ["5 mm solid nodule in the lingula"], "cysts are not counted as nodules"),
    "nodule_size": (["5 mm", "5"], [("5 mm", 0)], ""),
    "main_finding": (["Ruptured hydatid cyst of the right lower lobe (62 mm) with membranes (\"water lily\" sign) and surrounding consolidation / secondary infection"], "conclusion 1"),
    "impression": (["Ruptured hydatid cyst of the right lower lobe (62 mm) with membranes (\"water lily\" sign) and surrounding consolidation / secondary infection; clinical vomica correlated.", "Intact hydatid cyst of the middle lobe (24 mm).", "Hepatic hydatid cyst segment VII, 38 mm, CE3a.", "Small right pleural effusion, no empyema. No pneumothorax.", "Incidental 5 mm lingular nodule – most likely benign / inflammatory in this context.", "No lung abscess other than the infected cyst; no tuberculosis pattern (no tree-in-bud, no apical cavity)."], "CONCLUSION 1-6"),
    "recommendation": (["Thoracic surgery referral for cystectomy with capitonnage (both right-sided cysts)"], "first recommendation; others in the list"),
}
ABSENT_NOTES[N] = {c: "radiology report (convention 7)" for c in ["chief_complaint", "admission_diagnosis", "principal_diagnosis", "secondary_diagnoses", "past_medical_history", "allergies", "oxygen_saturation", "heart_rate", "blood_pressure", "wbc", "hemoglobin", "potassium", "troponin", "procedures", "surgery", "antibiotics", "discharge_medications", "anticoagulation", "new_medications", "stopped_medications", "admission_date", "discharge_date", "length_of_stay", "discharge_condition", "discharge_disposition", "smoking", "follow_up"]}
ABSENT_NOTES[N].update({"chest_imaging": "CT, not a chest x-ray (convention 7)", "pulmonary_edema": "not mentioned", "lines_tubes": "Lines / devices: none (convention 11)"})

# ---------------------------------------------------------------- pancreatitis_urg_01
N = "pancreatitis_urg_01"
MX = lambda p, n=0: line(N, p, n)
NOTES[N] = ("emergency", "Mexican social-security general-hospital adult emergency department initial note (Nota inicial de Urgencias) in English with Mexican Spanish labels and abbreviations (NSS, Triage NARANJA, Motivo de consulta, Padecimiento actual (PA), APP, AHF, Toxicomanías, Exploración física, Glucometría, lpm / rpm, IDx, MR2 / MB): `dd/mm/yyyy hh:mm` arrival and note times, home drugs by brand (Buscapina), self-stopped and never-filled drugs, allergy to metamizol (dipirona), family history of pancreatitis, inline lab paragraph with a lipaemic sample, comma thousands (lipase 1,940, TG 3,260) and pseudohyponatraemia, BISAP with items, small timed controls table, dash ED treatment list with an avoided drug, no antibiotic, a plasmapheresis deferred and a heparin considered-not-given, numbered IDx with an unlikely cause, plan with admission to internal medicine")
QAS[N] = [
    ("Lipase?", "Lab Reports", "num", ["1,940 U/L"], None),
    ("Amylase?", "Lab Reports", "num", ["410 U/L"], None),
    ("Triglycerides?", "Lab Reports", "num", [("3,260 mg/dL", 0)], None),
    ("Total cholesterol?", "Lab Reports", "num", ["488 mg/dL"], None),
    ("WBC?", "Lab Reports", "num", ["16.8 x10^3/µL"], None),
    ("Hb?", "Lab Reports", "num", ["17.2 g/dL"], None),
    ("Haematocrit?", "Lab Reports", "num", ["Hto 51%"], None),
    ("Platelets?", "Lab Reports", "num", ["284 x10^3/µL"], None),
    ("Lab glucose?", "Lab Reports", "num", ["Glucosa 392 mg/dL"], None),
    ("Capillary glucose on arrival?", "Lab Reports", "num", ["Glucometría 386 mg/dL"], None),
    ("Glucose at 05:00?", "Lab Reports", "num", [("318", MX("05:00"))], None),
    ("BUN?", "Lab Reports", "num", ["BUN 24 mg/dL"], None),
    ("Creatinine?", "Lab Reports", "num", [("1.3 mg/dL", 0)], None),
    ("Sodium?", "Lab Reports", "num", ["Na 128 mEq/L"], None),
    ("Potassium?", "Lab Reports", "num", ["K 4.4 mEq/L"], None),
    ("Calcium?", "Lab Reports", "num", ["Ca 7.9 mg/dL"], None),
    ("Lactate?", "Lab Reports", "num", ["2.9 mmol/L"], None),
    ("Venous pH?", "Lab Reports", "num", ["pH 7.31"], None),
    ("Bicarbonate?", "Lab Reports", "num", ["HCO3 18 mEq/L"], None),
    ("Ketones?", "Lab Reports", "num", ["1.1 mmol/L"], None),
    ("Troponin?", "Lab Reports", "num", ["0.01 ng/mL"], None),
    ("BP on arrival?", "Lab Reports", "span", [("142/88 mmHg", 0), ("142/88", MX("03:40"))], None),
    ("BP at 05:00?", "Lab Reports", "span", [("128/80", MX("05:00"))], None),
    ("HR on arrival?", "Lab Reports", "num", ["FC 124 lpm", ("124", MX("03:40"))], None),
    ("Pulse at 05:00?", "Lab Reports", "num", [("112", MX("05:00"))], None),
    ("SpO2 on room air?", "Lab Reports", "num", ["SatO2 92% aire ambiente"], None),
    ("SpO2 on oxygen?", "Lab Reports", "num", [("94% (O2 2 L)", MX("05:00"))], None),
    ("Temperature?", "Lab Reports", "num", ["37.6 °C"], None),
    ("Respiratory rate?", "Lab Reports", "num", ["FR 26 rpm"], None),
    ("BMI?", "Other", "num", ["IMC 34.4"], None),
    ("Weight?", "Other", "num", ["104 kg"], None),
    ("BISAP?", "Lab Reports", "num", ["BISAP 2"], None),
    ("Pain score at 05:00?", "Symptoms", "num", [("6", MX("05:00"))], None),
    ("How long has the pain lasted?", "Symptoms", "span", ["9 horas de evolución"], None),
    ("Chief complaint?", "Symptoms", "span", ["dolor abdominal en epigastrio \"en cinturón\" y vómito, 9 horas de evolución"], None),
    ("Diagnosis?", "Diagnosis", "span", ["Acute pancreatitis due to severe hypertriglyceridaemia (TG 3,260)"], None),
    ("Diagnoses (IDx)?", "Diagnosis", "list", ["Acute pancreatitis due to severe hypertriglyceridaemia (TG 3,260)", "Uncontrolled type 2 diabetes with hyperglycaemia, without DKA", "Obesity grade I; hepatic steatosis"], None),
    ("ED treatment?", "Medication", "list", ["Ringer lactato 1 L bolus at 03:45, then 250 mL/h", "Insulin regular IV infusion 0.1 U/kg/h", "Buprenorfina 0.3 mg IV", "paracetamol 1 g IV", "Ondansetron 8 mg IV", "O2 nasal cannula 2 L/min", "Enoxaparin 40 mg SC daily"], None),
    ("When was the insulin infusion started?", "Medication", "span", ["started 04:30"], None),
    ("Why no metamizol?", "Medication", "span", ["metamizol AVOIDED – allergy"], None),
    ("Allergy?", "Medication", "span", ["metamizol (dipirona) – rash and facial swelling in 2302"], None),
    ("Why did he stop metformin?", "Medication", "span", ["says it gave him diarrhoea"], None),
    ("What did he take at home?", "Medication", "span", ["butylhyoscine (Buscapina) 10 mg orally"], None),
    ("When would plasmapheresis be used?", "Procedure", "span", ["if TG does not fall < 1,000 mg/dL in 48 h or hypocalcaemia / lactic acidosis worsens"], None),
    ("Where is he admitted?", "Other", "span", ["Medicina Interna (cama 312 asignada)"], None),
    ("Arrival time?", "Other", "span", ["04/06/2303 03:25"], None),
    ("Triage colour?", "Other", "span", ["NARANJA"], None),
    ("How much does he smoke?", "Other", "span", ["5 cigarettes/day for 15 years (current)"], None),
    # yes/no
    ("Fever?", "Symptoms", "yn", ["Temp 37.6 °C"], "no", TRAP("fever_from_values", "37.6 C; fever denied at home")),
    ("Haematemesis?", "Symptoms", "yn", ["No haematemesis"], "no", TRAP("negated", "none")),
    ("Jaundice?", "Symptoms", "yn", ["No jaundice"], "no", TRAP("negated", "none")),
    ("Chest pain?", "Symptoms", "yn", ["No chest pain"], "no", TRAP("negated", "none")),
    ("Vomiting?", "Symptoms", "yn", ["6 episodes of food/bilious vomiting"], "yes"),
    ("Gallstones?", "Diagnosis", "yn", ["gallbladder without stones"], "no", TRAP("negated", "no stones")),
    ("Biliary pancreatitis?", "Diagnosis", "yn", ["Biliary cause: unlikely"], "no", TRAP("ruled_out", "unlikely: no stones, normal bilirubin")),
    ("DKA?", "Diagnosis", "yn", ["no DKA"], "no", TRAP("ruled_out", "ketones 1.1")),
    ("Is the hyponatraemia real?", "Lab Reports", "yn", ["pseudohyponatraemia, lipaemia"], "no"),
    ("Cullen sign?", "Symptoms", "yn", ["no Cullen or Grey-Turner sign"], "no", TRAP("negated", "none")),
    ("Xanthomas?", "Symptoms", "yn", ["Eruptive xanthomas"], "yes"),
    ("Pleural effusion on CXR?", "Diagnosis", "yn", ["small left pleural effusion"], "yes"),
    ("Consolidation?", "Diagnosis", "yn", [("no consolidation", MX("RX tórax"))], "no", TRAP("negated", "none")),
    ("Free air?", "Diagnosis", "yn", ["no free air"], "no", TRAP("negated", "none")),
    ("Cardiomegaly?", "Diagnosis", "yn", ["normal heart size"], "no", TRAP("negated", "normal heart size")),
    ("CT scan done?", "Procedure", "yn", ["TAC: not requested now"], "no", TRAP("not_done", "not indicated in the first 72 h")),
    ("Antibiotics?", "Medication", "yn", ["No antibiotic"], "no", TRAP("not_done", "not indicated")),
    ("Plasmapheresis done?", "Procedure", "yn", ["not available tonight"], "no", TRAP("hypothetical", "reserved if TG does not fall")),
    ("Heparin infusion given?", "Medication", "yn", ["considered (for TG lowering) – not given"], "no", TRAP("not_done", "considered, not given")),
    ("Anticoagulated?", "Medication", "yn", ["Enoxaparin 40 mg SC daily (VTE prophylaxis)"], "no", TRAP("drug_class_and_status", "prophylactic dose only")),
    ("On insulin?", "Medication", "yn", ["Insulin regular IV infusion 0.1 U/kg/h"], "yes"),
    ("Taking metformin?", "Medication", "yn", ["stopped it on his own 4 months ago"], "no", TRAP("non_adherent", "self-stopped")),
    ("On bezafibrate?", "Medication", "yn", ["prescribed bezafibrate, never filled"], "no", TRAP("non_adherent", "never filled")),
    ("Fenofibrate started?", "Medication", "yn", ["fibrate (fenofibrate) and omega-3 to start once tolerating oral"], "no", TRAP("planned", "once tolerating oral")),
    ("Metamizol allergy?", "Medication", "yn", ["metamizol (dipirona) – rash and facial swelling in 2302"], "yes"),
    ("Smoker?", "Other", "yn", ["5 cigarettes/day for 15 years (current)"], "yes"),
    ("Alcohol?", "Other", "yn", ["alcohol social, 4-6 beers on weekends"], "yes"),
    ("Previous pancreatitis?", "Diagnosis", "yn", ["No previous episodes"], "no", TRAP("family_history", "father had pancreatitis; no own prior episodes")),
    ("Hypertension?", "Diagnosis", "yn", ["No hypertension"], "no", TRAP("family_history", "mother hypertensive; patient not")),
    ("Previous surgery?", "Procedure", "yn", ["Surgeries: none"], "no"),
    ("Organ failure?", "Diagnosis", "yn", ["currently no organ failure"], "no", TRAP("negated", "none currently")),
    ("Ischaemia on ECG?", "Diagnosis", "yn", ["no ischaemia"], "no", TRAP("negated", "none")),
    ("Fatty liver?", "Diagnosis", "yn", ["fatty liver grade II"], "yes"),
    ("Diabetic?", "Diagnosis", "yn", ["Type 2 diabetes for 3 years"], "yes"),
    ("On oxygen?", "Medication", "yn", ["O2 nasal cannula 2 L/min"], "yes"),
    ("Admitted?", "Other", "yn", ["admit to Medicina Interna"], "yes"),
    ("Is the CRP back?", "Lab Reports", "yn", ["PCR (proteína C reactiva) pending"], "no", TRAP("test_status", "pending")),
    # Spanish
    ("¿Cuál fue la lipasa?", "Lab Reports", "num", ["1,940 U/L"], None, "es"),
    ("¿Cuánto midieron los triglicéridos?", "Lab Reports", "num", [("3,260 mg/dL", 0)], None, "es"),
    ("¿Es alérgico al metamizol?", "Medication", "yn", ["metamizol (dipirona) – rash and facial swelling in 2302"], "yes", "es"),
    ("¿Tiene litiasis vesicular?", "Diagnosis", "yn", ["gallbladder without stones"], "no", "es", TRAP("negated", "sin litos")),
    ("¿Se inició antibiótico?", "Medication", "yn", ["No antibiotic"], "no", "es", TRAP("not_done", "no indicado")),
    ("¿Toma metformina?", "Medication", "yn", ["stopped it on his own 4 months ago"], "no", "es", TRAP("non_adherent", "la suspendió")),
    ("¿Cuál fue la saturación al ingreso?", "Lab Reports", "num", ["SatO2 92% aire ambiente"], None, "es"),
    ("¿Cuál es el calcio sérico?", "Lab Reports", "num", ["Ca 7.9 mg/dL"], None, "es"),
    ("¿Cuál fue la PCR?", "Lab Reports", "num", [], None, "es"),
    ("¿Fuma el paciente?", "Other", "yn", ["5 cigarettes/day for 15 years (current)"], "yes", "es"),
    # unanswerable
    ("CRP value?", "Lab Reports", "num", [], None),
    ("Albumin?", "Lab Reports", "num", [], None),
    ("INR?", "Lab Reports", "num", [], None),
    ("HbA1c?", "Lab Reports", "num", [], None),
    ("Magnesium?", "Lab Reports", "num", [], None),
    ("Urine output so far?", "Lab Reports", "num", [], None),
    ("CT severity index?", "Lab Reports", "num", [], None),
    ("Wife's name?", "Other", "span", [], None),
]
CELLS[N] = {
    "chief_complaint": (["dolor abdominal en epigastrio \"en cinturón\" y vómito, 9 horas de evolución"], "Motivo de consulta"),
    "admission_diagnosis": (["Acute pancreatitis due to severe hypertriglyceridaemia (TG 3,260)"], "IDx 1"),
    "past_medical_history": (["Type 2 diabetes for 3 years", "Dyslipidaemia"], "APP"),
    "allergies": (["metamizol (dipirona) – rash and facial swelling in 2302"], ""),
    "presenting_symptoms": (["Severe epigastric pain radiating to the back", "6 episodes of food/bilious vomiting"], "PA"),
    "symptom_duration": (["9 hours", "9"], ["9 horas de evolución"], "hours"),
    "fever": ("no", ["Denies fever at home"], "fever denied; 37.6 C measured"),
    "chest_pain": ("no", ["No chest pain"], ""),
    "max_temperature": (["37.6 °C", "37.6"], ["37.6 °C"], ""),
    "oxygen_saturation": (["92%", "92"], ["SatO2 92% aire ambiente"], "room air on arrival"),
    "heart_rate": (["124"], ["FC 124 lpm"], "03:40"),
    "blood_pressure": ([("142/88 mmHg", 0)], "03:40"),
    "wbc": (["16.8 x10^3/µL", "16.8"], ["16.8 x10^3/µL"], ""),
    "hemoglobin": (["17.2 g/dL", "17.2"], ["17.2 g/dL"], "haemoconcentration"),
    "creatinine": (["1.3 mg/dL", "1.3"], [("1.3 mg/dL", 0)], ""),
    "potassium": (["4.4 mEq/L", "4.4"], ["K 4.4 mEq/L"], ""),
    "troponin": (["Troponina I 0.01 ng/mL"], "normal"),
    "chest_imaging": (["small left pleural effusion, no consolidation, no free air, normal heart size"], "RX tórax 04:20"),
    "anticoagulation": ("no", ["Enoxaparin 40 mg SC daily (VTE prophylaxis)"], "prophylaxis only; heparin not given"),
    "new_medications": (["Insulin regular IV infusion 0.1 U/kg/h", "Enoxaparin 40 mg SC daily"], "ED treatment continuing on admission (single doses and fluids excluded)"),
    "admission_date": (["2303-06-04"], [("04/06/2303", 0)], "ED arrival"),
    "smoking": ("yes", ["5 cigarettes/day for 15 years (current)"], ""),
    "consolidation": ("no", [("no consolidation", MX("RX tórax"))], ""),
    "pleural_effusion": ("yes", ["small left pleural effusion"], ""),
    "cardiomegaly": ("no", ["normal heart size"], ""),
}
ABSENT_NOTES[N] = {
    "principal_diagnosis": "ED note; admitted", "secondary_diagnoses": "ED note", "procedures": "none (no CT, no plasmapheresis)",
    "surgery": "none", "antibiotics": "No antibiotic", "discharge_medications": "admitted", "stopped_medications": "metformin self-stopped months before; nothing stopped in the ED",
    "discharge_date": "admitted", "length_of_stay": "admitted", "discharge_condition": "admitted", "discharge_disposition": "admitted to internal medicine, not a discharge",
    "follow_up": "inpatient plan", "pneumothorax": "not mentioned", "pulmonary_edema": "not mentioned", "nodule": "not mentioned", "lines_tubes": "not described",
}

# ================================================================ NOTES END
# ---------------------------------------------------------------- build
def concepts():
    out, q = [], None
    for line in (HERE / "CONCEPTS.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"### questionnaire `([^`]+)`", line)
        if m: q = m.group(1)
        m = re.match(r"- `([a-z0-9_]+)` \(([a-z_]+)", line)
        if m and q: out.append((q, m.group(1), m.group(2)))
    return out

LIST_CONCEPTS = {"secondary_diagnoses", "past_medical_history", "allergies", "presenting_symptoms", "procedures",
                 "antibiotics", "discharge_medications", "new_medications", "stopped_medications", "lines_tubes"}

def main():
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (HERE / "notes").glob("*.txt")}
    if set(texts) != set(NOTES):
        if "--partial" not in sys.argv: die(f"notes/NOTES mismatch {set(texts) ^ set(NOTES)}")
        texts = {k: v for k, v in texts.items() if k in NOTES}
    data, stats = [], {"notes": len(NOTES), "questions": 0, "unanswerable": 0, "by_type": {}, "by_category": {},
                       "verdicts": {}, "yes_no": 0, "traps": 0, "trap_verdicts": {}, "by_trap_kind": {},
                       "list_questions": 0, "non_english": {}, "non_english_unanswerable": 0, "cells": 0,
                       "cells_answer": {}, "cells_absent": {}, "per_note": {}}
    for nid, (ntype, _) in NOTES.items():
        ctx = texts[nid]
        qas = []
        for n, row in enumerate(QAS[nid], 1):
            q, cat, at, specs, verdict = row[:5]
            lang, trap = "en", None
            for extra in row[5:]:
                if isinstance(extra, TRAP): trap = extra
                elif extra in LANGS: lang = extra
                else: die(f"{nid} q{n} unknown extra {extra!r}")
            qid = f"{nid}_{n:02d}"
            at = T[at]
            answers, seen = [], set()
            for s in specs:
                for st, tx in locate(ctx, s, qid):
                    if (st, tx) not in seen:
                        seen.add((st, tx)); answers.append({"text": tx, "answer_start": st})
            if at == "yes_no":
                if verdict not in {"yes", "no", "uncertain", "not_mentioned"}: die(f"{qid} verdict")
                if (verdict == "not_mentioned") != (not answers): die(f"{qid} verdict/answers")
            elif verdict is not None: die(f"{qid} verdict on non-yes_no")
            if at == "list" and len(answers) < 2: die(f"{qid} list with fewer than 2 items")
            qa = {"id": qid, "question": q, "answers": answers, "is_impossible": not answers,
                  "category": cat, "answer_type": at, "verdict": verdict}
            if trap is not None:
                if at != "yes_no": die(f"{qid} trap on a non-yes/no question")
                if trap.kind not in TRAP_KINDS: die(f"{qid} unknown trap kind {trap.kind}")
                if verdict == "yes": die(f"{qid} trap with gold yes")
                if trap.kind == "suspected" and verdict != "uncertain": die(f"{qid} suspected trap not uncertain")
                qa["trap"] = f"{trap.kind}: {trap.desc}"
                stats["traps"] += 1
                stats["trap_verdicts"][verdict] = stats["trap_verdicts"].get(verdict, 0) + 1
                stats["by_trap_kind"][trap.kind] = stats["by_trap_kind"].get(trap.kind, 0) + 1
            qas.append(qa)
            stats["questions"] += 1
            stats["unanswerable"] += (not answers)
            stats["by_type"].setdefault(at, [0, 0]); stats["by_type"][at][0] += 1; stats["by_type"][at][1] += (not answers)
            stats["by_category"][cat] = stats["by_category"].get(cat, 0) + 1
            stats["yes_no"] += (at == "yes_no")
            stats["list_questions"] += (at == "list")
            if verdict: stats["verdicts"][verdict] = stats["verdicts"].get(verdict, 0) + 1
            if lang != "en":
                stats["non_english"][lang] = stats["non_english"].get(lang, 0) + 1
                stats["non_english_unanswerable"] += (not answers)
        data.append({"title": nid, "paragraphs": [{"document_id": nid, "note_type": ntype, "context": ctx, "qas": qas}]})
        unans = sum(1 for x in qas if x["is_impossible"])
        stats["per_note"][nid] = {"note_type": ntype, "chars": len(ctx), "questions": len(qas), "unanswerable": unans,
                                  "yes_no": sum(x["answer_type"] == "yes_no" for x in qas),
                                  "traps": sum("trap" in x for x in qas), "answered_cells": {}}
    json.dump({"version": "v2.0", "data": data}, open(HERE / "dev10.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)

    cons = concepts()
    known = {c for _, c, _ in cons}
    lines = []
    for nid in NOTES:
        ctx = texts[nid]
        spec_map, anotes = CELLS.get(nid, {}), ABSENT_NOTES.get(nid, {})
        for c in list(spec_map) + list(anotes):
            if c not in known: die(f"{nid}: unknown concept {c}")
        for c in spec_map:
            if c in anotes: die(f"{nid}: {c} both answered and absent")
        for q, c, t in cons:
            where = f"{nid}/{c}"
            cell = {"note_id": nid, "questionnaire": q, "concept_id": c, "status": "absent",
                    "values": ["not_mentioned"] if t == "yes_no" else [], "spans": [], "items": [], "note": anotes.get(c, "")}
            if c in spec_map:
                sp = spec_map[c]
                if t in ("yes_no", "number", "date"):
                    if len(sp) != 3: die(f"{where}: expected (values, specs, note)")
                    vals, specs, note = sp
                    if t == "yes_no":
                        if vals not in {"yes", "no", "uncertain"}: die(f"{where} verdict")
                        vals = [vals]
                else:
                    if len(sp) != 2: die(f"{where}: expected (specs, note)")
                    specs, note = sp
                    vals = None
                locs = []
                for s in specs:
                    locs += locate(ctx, s, where)
                if not locs: die(f"{where}: no spans")
                if vals is None:
                    vals = [tx for _, tx in locs]
                if t == "date" and not all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in vals): die(f"{where} date")
                cell.update(status="answer", values=vals, spans=[[s, s + len(tx)] for s, tx in locs], note=note)
                if c in LIST_CONCEPTS:
                    cell["items"] = [{"text": tx, "start": s, "end": s + len(tx)} for s, tx in locs]
                stats["per_note"][nid]["answered_cells"][q] = stats["per_note"][nid]["answered_cells"].get(q, 0) + 1
            stats["cells"] += 1
            d = stats["cells_answer"] if cell["status"] == "answer" else stats["cells_absent"]
            d[q] = d.get(q, 0) + 1
            lines.append(json.dumps(cell, ensure_ascii=False))
    (HERE / "cells.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    json.dump(stats, open(HERE / "stats.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print(f"built: {stats['notes']} notes, {stats['questions']} questions ({stats['unanswerable']} unanswerable), "
          f"{stats['yes_no']} yes/no ({stats['traps']} traps), {stats['cells']} cells")

if __name__ == "__main__":
    main()

