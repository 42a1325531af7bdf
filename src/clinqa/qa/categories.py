"""Weak answer-category labels without UMLS.

The seed labels answers through UMLS semantic types. Without a UMLS licence, clinqa votes over
offline vocabularies and rules, and keeps the votes as a soft distribution (an answer like
"chest x-ray showed pneumonia" is part Procedure, part Diagnosis):

- the question's template ("what medication...", "which lab...") - the strongest cue, as in emrQA;
- ICD-10-CM (simple-icd-10-cm): terms from chapter 18 (R00-R99, symptoms and signs) vote
  Symptoms, terms from the disease and injury chapters vote Diagnosis;
- the drug lexicon of drug-named-entity-recognition votes Medication;
- lab names and value-with-unit patterns vote Lab Reports;
- procedure words and suffixes (-ectomy, -scopy, ...) vote Procedure.

An answer no rule speaks for is "Other". The vocabularies (lab and test names, units, synonyms)
come from `clinqa.lexicon`; the rules here are grammar: what a question's wording asks for.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from clinqa.lexicon import Lexicon, PerLexicon, lexicon
from clinqa.text.vocab import clinical_synonyms, has_drug, icd_terms, ngrams
from clinqa.text.vocab import words as vocab_words
from clinqa.types import CATEGORIES

OTHER = "Other"
LABELS = (*CATEGORIES, OTHER)

_LAB_QUESTION_WORDS = (r"labs?|laboratory|levels?|values?|counts?|concentrations?|titers?|titres?|results? of|"
                       r"blood tests?|assays?")


@functools.lru_cache(maxsize=4)
def _question_rules(lex: Lexicon) -> tuple[tuple[str, re.Pattern], ...]:
    # the lab rule names any lab or test of the lexicon ("What was the creatinine?")
    return (
        ("Medication", re.compile(r"\b(medications?|medicines?|drugs?|doses?|dosages?|prescri\w*|antibiotics?|"
                                  r"vaccines?|antivirals?|inhibitors?|taking|pills?)\b", re.I)),
        ("Lab Reports", re.compile(r"\b(" + _LAB_QUESTION_WORDS + "|" + lex.lab_topic_words + r")\b", re.I)),
        ("Procedure", re.compile(r"\b(procedures?|surger(?:y|ies)|operations?|underwent|undergo|interventions?|"
                                 r"imaging|scans?|x-?rays?|ct|mri|biops(?:y|ies)|performed|technique|method)\b", re.I)),
        ("Symptoms", re.compile(r"\b(symptoms?|complain\w*|present(?:s|ed)? with|signs?|experienc\w*|feel\w*|"
                                r"manifestations?)\b", re.I)),
        ("Diagnosis", re.compile(r"\b(diagnos\w*|diseases?|conditions?|disorders?|infections?|illness\w*|"
                                 r"history of|problems?|comorbidit\w*|syndromes?)\b", re.I)),
    )


def question_rules() -> tuple[tuple[str, re.Pattern], ...]:
    """The question-template rules of the weak labeler, first match decides: (label, pattern)."""
    return _question_rules(lexicon())

# A measured value's unit is a lab's (a concentration, a count, a pressure, a percentage), never a
# dose ("500 mg") or a duration.
_LAB_DIMENSIONS = frozenset({"concentration", "count", "pressure", "percent"})


def _lab_value(text: str) -> bool:
    """A measured value in an answer: a lab's name with a number right after it ("Lipase 40",
    "K 3.1"), or a number whose unit is a lab's. A lab name alone does not vote: "heart failure with
    reduced EF" and "CO2 retention" are problems, not lab results."""
    from clinqa.text.shapes import VALUE
    from clinqa.text.values import unit_dimension

    if any(unit_dimension(m.group(3)) in _LAB_DIMENSIONS for m in VALUE.finditer(text) if m.group(3)):
        return True
    return any(re.match(r"\s*(?:level|value|count|of|was|is|:|=)?\s*[<>]?\d", text[m.end():m.end() + 24])
               for m in lexicon().lab_topic_re.finditer(text))


PROCEDURE = re.compile(
    r"\b(\w+(?:ectomy|otomy|ostomy|plasty|scopy|graphy|centesis|rrhaphy|pexy)|surgery|operation|transplant\w*|"
    r"intubat\w*|mechanical ventilation|ventilat\w*|dialysis|hemodialysis|catheteri[sz]ation|biops(?:y|ies)|"
    r"x-?ray|radiograph|ct(?: scan)?|computed tomography|mri|ultrasound|echocardiogra\w*|ecg|ekg|stent\w*|"
    r"bypass|cabg|transfusion|resection|ecmo|cpr|resuscitation|suture|drainage|injection|infusion|"
    r"vaccination|immuni[sz]ation)\b", re.I)

WEIGHTS = {"question": 2.0, "drug": 1.5, "icd": 1.0, "lab": 1.0, "procedure": 1.0}
SMOOTHING = 0.05


class WeakLabeler:
    """`label(answer, question) -> {category: probability}` over LABELS, summing to 1."""

    def __init__(self, labels: tuple[str, ...] = LABELS):
        self.labels = labels

    def votes(self, answer: str, question: str = "") -> dict[str, float]:
        v: dict[str, float] = {}

        def add(label: str, w: float) -> None:
            if label in self.labels:
                v[label] = v.get(label, 0.0) + w

        q = question or ""
        for label, pat in question_rules():
            if pat.search(q):
                add(label, WEIGHTS["question"])
                break  # the first template that fires decides; later ones are less specific
        words = list(vocab_words(answer))
        if has_drug(tuple(words)):
            add("Medication", WEIGHTS["drug"])
        if _lab_value(answer):
            add("Lab Reports", WEIGHTS["lab"])
        if PROCEDURE.search(answer):
            add("Procedure", WEIGHTS["procedure"])
        terms = icd_terms()
        for g in ngrams(words):
            if g in terms:
                add(terms[g], WEIGHTS["icd"])
                break  # the longest matching term speaks for the answer
        return v

    def label(self, answer: str, question: str = "") -> dict[str, float]:
        v = self.votes(answer, question)
        if not v:
            other = OTHER if OTHER in self.labels else self.labels[0]
            return {c: (1.0 if c == other else 0.0) for c in self.labels}
        known = [c for c in self.labels if c != OTHER]
        raw = {c: v.get(c, 0.0) + (SMOOTHING if c in known else 0.0) for c in self.labels}
        total = sum(raw.values())
        return {c: raw[c] / total for c in self.labels}

    def hard_label(self, answer: str, question: str = "") -> str:
        d = self.label(answer, question)
        return max(self.labels, key=lambda c: (d[c], -self.labels.index(c)))


# ---------------------------------------------------------------- the question's own category
# emrQA's categories follow its question templates: the category is what the question asks for,
# named by the template's relation ("What is the dosage of |drug|?" Medication; "Why is the
# patient on |drug|?" Diagnosis, the reason; "What did the |imaging| show?" Procedure, a test
# result) or, for "Does the patient have |x|?", by the type of x. `question_category` reads both
# from the question alone, so it needs no trained head and no answer span; `clinqa train`'s
# synthetic questions (templates in synth/qa/templates.yaml) are its check, the clinical dev
# set's gold categories its measurement.

# Topics outside the five seed categories: vital signs, allergies, social history, scores,
# follow-up and disposition. "Other" for these, even when a drug or disease word occurs in them
# ("Does the patient use cocaine?", "What is the HEART score?").
_OTHER_WORDS = (
    r"smok\w*|tobacco|cigarettes?|pack[- ]years?|alcohol|drinks?|drinking|ethanol|"
    r"illicit|recreational|substance use|(?:uses?|using) (?:\w+ )?(?:drugs?|cocaine|heroin|marijuana|cannabis|"
    r"methamphetamine)|cocaine|heroin|marijuana|"
    r"vital signs?|vitals|o2 sat\w*|sats?|height|bmi|body mass index|"
    r"scores?|follow[- ]?ups?|appointments?|code status|disposition|discharged (?:to|home)|lives? (?:with|alone)|"
    r"occupation|employ\w*|diet|insurance|next of kin|estimated blood loss|ebl|urine output|ins and outs|"
    r"peep|fio2|tidal volume|ventilator settings|vent settings|tube feeds?|cpap|bipap|ivdu|ivda|etoh|uop|i/os?|"
    r"gcs|nihss|cha2ds2-vasc|has-bled|wells|curb-65|dispo|f/u|pcp|social history|sh")
# ...and the vital signs and allergy words of the lexicon (every language's allergy stems)
OTHER_SUBJECT = PerLexicon(lambda lex: re.compile(
    r"\b(" + _OTHER_WORDS + "|" + lex.vital_name_re.pattern + "|" + lex.allergy_words
    + r")\b", re.I))

# Phrases that hold an "Other" word but name a problem, a symptom or a drug ("high blood pressure"
# is hypertension, "weight loss" a symptom, "PCP prophylaxis" a drug, "pulse-dose steroids" a dose).
_NOT_OTHER = re.compile(
    r"\b(?:(?:high|low|elevated) blood pressure|weight (?:loss|gain)|weight[- ]based|pulse[- ]dose|"
    r"pcp (?:prophylaxis|pneumonia)|alcohol(?:ic)? (?:withdrawal|abuse|use disorder|dependence|intoxication|"
    r"hepatitis|cirrhosis|pancreatitis)|smoking cessation|heart rate control|rate control)\b", re.I)

# Things done to the patient, and devices left in: emrQA files tests and their results with
# procedures (the |imaging| templates), so imaging is here too.
PROCEDURE_SUBJECT = re.compile(
    r"\b(\w+(?:ectomy|otomy|ostomy|plasty|scopy|graphy|centesis|rrhaphy|pexy)|"
    r"\w+(?<!pro)(?<!kilo)(?<!milli)(?<!micro)(?<!dia)(?<!tele)(?<!insta)(?<!holo)gram|surgery|surgical|operation|"
    r"procedures?|transplant\w*|radiation|radiotherapy|(?:physical|occupational|speech) therapy|physiotherapy|intubat\w*|extubat\w*|mechanical ventilation|ventilat\w*|dialysis|hemodialysis|"
    r"catheter\w*|foley|picc|lines?|drains?|tubes?|stents?|pacemaker|defibrillator|"
    r"implant\w*|devices?|prosthe\w*|biops(?:y|ies)|x-?rays?|cxr|radiograph\w*|ct|cta|computed tomography|mri|"
    r"ultrasound|sonogram|echo|echocardiogra\w*|tte|tee|doppler|duplex|leni|scan|imaging|stress test|cath|"
    r"bypass|cabg|pci|transfus\w*|resection|ecmo|cpr|resuscitation|cardioversion|ablation|anesthesia|"
    r"anaesthesia|egd|ercp|paracentesis|thoracentesis|lumbar puncture|proned|proning|ctpa|interventions?|"
    r"replacements?|repairs?|reconstruction|amputation|fixation|grafting|graft|film|chole|tavr|tavi|whipple|tka|"
    r"tha|filter|s/p|turp|ptca|bronch|peg|trach|port)\b", re.I)
# Capitals only: "US" is ultrasound ("tell us" is not), "IR" interventional radiology (Spanish "ir"
# is "to go"), "LP" a lumbar puncture, "TIPS" a shunt.
_ULTRASOUND = re.compile(r"\b(?:US|IR|LP|TIPS)\b")
# Shorthand questions that open with a lab's abbreviation ("K on admit?", "Na this AM?", "Cr trend?").
_LAB_ABBREVIATION_FIRST = PerLexicon(lambda lex: re.compile(
    r"^\s*(?:(?:am|pm|admit|admission|discharge|last|latest|today'?s?)\s+)?(" + lex.lab_shorthand_re.pattern + r")\b"
    r"(?=\s*(?:\?|$|on|at|in|this|today|now|trend\w*|level|value|peak|admit\w*|discharge|from|am|pm|post|pre|after|"
    r"before|\d|was|is|ok|stable|normal|high|low|down|up|clearing|count))", re.I))
# Symptom words ICD-10-CM files elsewhere ("back pain" is M54, "leg swelling" has no term).
SYMPTOM_SUBJECT = re.compile(r"\b((?:\w+\s)?pain|aches?|swelling|sob|doe|dyspnea|short(?:ness)? of breath|"
                             r"confus\w*|tenderness|nausea|vomiting|cough\w*|fevers?|chills|fatigue|dizz\w*|"
                             r"bleeding|seizures?|palpitations|headaches?|syncope|weakness|numbness|itch\w*|rash|pruritus|cp|n/v|f/c|"
    r"diplopia|melena|hematochezia|hematemesis|diarrh\w*|constipat\w*|dysuria|orthopnea|pnd|malaise|anorexia)\b",
                             re.I)
_HAVE_INTENT = re.compile(r"\b(does|did|do) (?:the )?(?:patient|pt|he|she|they)(?:'s \w+)? (?:have|has|suffer)|"
                          r"\b(?:h/o|hx|pmh|known|prior|previous|any)\b|^\s*(?:pt|patient) (?:has|have|with)\b|"
                          r"\b(?:has|have) (?:the )?(?:patient|pt|he|she)(?: ever)? (?:had|been diagnosed)|^\s*is there\b|"
                          r"^\s*are there\b|\b(?:any )?(?:history|evidence|signs?) of\b|"
                          r"\b(?:did|has) (?:the )?(?:patient|pt|he|she) (?:develop|get)\b", re.I)

_RESULT_INTENT = re.compile(
    r"\b(what (?:did|does|do) (?:the )?.{1,120}? (?:show|reveal|demonstrate)|results? (?:of|from|on)|findings?|"
    r"(?:seen|found|noted) (?:on|in)|what was (?:seen|found))\b", re.I)
_WHEN_DONE = re.compile(r"\b(when|what date)\b.{0,120}?\b(done|performed|placed|inserted|removed|scheduled|planned|"
                        r"collected|drawn|obtained|taken)\b|\bwhen (?:was|is|will|should) (?:the )?.{0,120}?\b"
                        r"(?:done|repeated)\b", re.I)
_REASON_INTENT = re.compile(
    r"^\s*why\b|\b(reason|indication|caus\w*|precipitat\w*|etiolog\w*|source of|"
    r"due to(?! (?:get|receive|have|start|restart|be|take|go|return)\b)|for what (?:condition|problem|reason))\b|"
    # "What is metoprolol given for?" asks for the reason; "What was given for the nausea?" for a drug
    r"\b(?:given|started|taken|used|prescribed|on it|on) for\s*[?.!]*\s*$", re.I)
REASON_RULE = "asks for a reason or cause: a problem"
GIVEN_FOR_RULE = "asks what was given for a problem"
WHICH_DRUG_RULE = "asks which medication"
# "What was given for the nausea?", "What does the patient use for her asthma?": the drug
_GIVEN_FOR = re.compile(r"^\s*what\b.{0,60}?\b(?:given|started|used|use|using|prescribed|administered|ordered|"
                        r"receive[ds]?|take[sn]?|taking|get|got|recommended)\s+(?:for|to (?:treat|control|manage))\s+\w",
                        re.I)
_TREATMENT_INTENT = re.compile(
    r"\bhow (?:was|is|were|are|will|should) .{0,120}?\b(treated|managed|controlled|corrected|replaced|repleted)\b|"
    r"\b(treatment|(?<!physical )(?<!occupational )(?<!speech )(?<!radiation )(?<!respiratory )therapy|"
    r"treated with|managed with)\b", re.I)
_MEDICATION_INTENT = re.compile(
    r"\b(medications?|meds?|medicines?|drugs?|doses?|dosages?|dosing|dosed|route|administ\w*|prophylaxis|"
    r"(?:blood )?thinners?|vaccin\w*|immuni[sz]\w*|boosters?|shots?|supplements?|"
    r"(?:thyroid|hormone|estrogen|testosterone|potassium|electrolyte|enzyme) replacement|"
    r"abx|gtt|taper\w*|on board|ppis?|beta[- ]?blockers?|ace ?inhibitors?|acei|arbs?|statins?|steroids?|"
    r"diuretics?|nsaids?|opioids?|benzos?|benzodiazepines?|antihypertensives?|sliding scale|"
    r"prescri\w*|take(?!\s*[?.!]*\s*$)|takes|taking|"
    r"antibiotics?|antivirals?|anticoagula\w*|antiplatelet|insulin|sedation|sedatives?|analgesi\w*|"
    r"pain (?:medication|control)|infusions?|drips?|pressors?|"
    r"(?<!non-)(?<!with )(?<!without )contrast(?! (?:ct|cta|mri|study|scan|extravasation|enhanc\w*))|"
    r"vasopressors?|inhalers?|"
    r"(?:started|stopped|discontinued|held|continued|restarted|resumed|switched|titrated|tapered) on)\b", re.I)
_LAB_INTENT = re.compile(r"\b(labs?|laboratory|blood tests?|(?:positive|negative) for|counts?|cultures?|"
                         r"(?<!pain )levels?(?! of (?:consciousness|care|alertness|assistance|activity|function))|"
                         r"organisms?|grew|sensitivit\w*|susceptib\w*|ecg|ekg|electrocardiogram|t waves?|"
                         r"st (?:elevation|depression)|qtc?|urinalysis|ratio)\b", re.I)
_DIAGNOSIS_INTENT = re.compile(
    r"\b(diagnos\w*|dx|ddx|problems?|conditions?|diseases?|disorders?|comorbidit\w*|history of|"
    r"assessment|differential|size|diameter|measur\w*|how (?:big|large)|found|look like|appear\w*|enlarged|"
    r"patholog\w*|lesions?|mass(?:es)?|nodules?)\b", re.I)
_FINDING = r"(?:nodules?|mass(?:es)?|lesions?|cysts?|stones?|gallstones?|nodes?|tumou?rs?|effusions?|aneurysms?|duct|polyps?)"
_SIZE_INTENT = re.compile(rf"\b(?:size|diameter|how (?:big|large)|measur\w*)\b.{{0,120}}?\b{_FINDING}\b|"
                          rf"\b{_FINDING}\b.{{0,120}}?\b(?:size|diameter|measur\w*)\b", re.I)
# "What antibiotic was given for the pneumonia?" asks for the drug, not the reason.
_ASKS_FOR_DRUG = re.compile(r"^\s*(?:what|which) (?:(?:blood pressure|heart rate|rate control|[\w-]+) )?"
                            r"(?:medications?|meds|medicines?|drugs?|antibiotics?|"
                            r"antivirals?|anticoagulants?|insulin|analgesics?|sedatives?|inhalers?|pressors?)\b", re.I)
_SYMPTOM_INTENT = re.compile(r"\b(symptoms?|complain\w*|c/o|cc|endors\w*|radiat(?:e|es|ed|ing)|"
                             r"chief complaint|present(?:s|ed|ing)? with|"
                             r"(?:patient|pt|he|she) reports?|feel\w*|experienc\w*|"
                             r"brought (?:the patient|the pt|him|her|them) in)\b", re.I)
# A report's conclusion is a diagnosis, whatever words it has ("What is the main finding?").
_IMPRESSION_INTENT = re.compile(r"\b(impression|conclu\w*|main finding|findings? of the (?:study|report|exam\w*)|"
                                r"final (?:read|diagnosis))\b", re.I)
# "How often does he take it?" asks for a schedule; "How often are the headaches?" for a symptom
_FREQUENCY = re.compile(r"\b(how often|frequen\w*)\b", re.I)
# Questions longer than this are classified on their start: the rules read a question, not a note
_MAX_QUESTION = 1000
_NAMES_DIAGNOSIS = re.compile(r"\b(diagnos\w*|dx|ddx|differential|assessment)\b", re.I)
_DRUG_NAMED_PROBLEM = re.compile(
    r"\b(?:[\w-]+[- ](?:dependent|induced|related|associated|resistant)|(?:opioid|alcohol|drug|substance|"
    r"benzodiazepine|stimulant|steroid) (?:use disorder|abuse|dependence|withdrawal|overdose|toxicity)|"
    r"overdose)\b", re.I)
# A drug given: "How much potassium chloride was given?" asks for a medication, though potassium is a
# lab (the lexicon's labs that are given as drugs: electrolytes and albumin)
_REPLETED = PerLexicon(lambda lex: lex.given_as_drug_re)
_GIVEN = re.compile(r"\b(given|receive[ds]?|administered|supplement\w*|infus(?:ed|ion)|bolus(?:ed)?|shots?)\b", re.I)
_DRUG_ACTION = re.compile(r"\b(take|takes|taking|took|on|given|receive[sd]?|started|stopped|continue[sd]?|"
                          r"held|hold|restart\w*|resume[sd]?|use[sd]?|using)\b", re.I)


@dataclass(frozen=True)
class QuestionCategory:
    """The category a question asks for and the rule that decided it (shown with the answer)."""

    label: str
    rule: str


def subject_category(text: str) -> str | None:
    """The category of the most specific concept named in `text`: "Other" topics, procedures and
    devices, lab names, drugs from the lexicon, then ICD-10-CM (chapter 18 -> Symptoms)."""
    if OTHER_SUBJECT.search(_NOT_OTHER.sub(" ", text)):
        return OTHER
    if lexicon().lab_topic_re.search(text):
        return "Lab Reports"  # before procedures: "the ejection fraction on the echocardiogram"
    if PROCEDURE_SUBJECT.search(text) or _ULTRASOUND.search(text):
        return "Procedure"
    words = list(vocab_words(text))
    if has_drug(tuple(words)):
        return "Medication"
    return _icd_category(words)


# Single words ICD-10-CM files in odd places: "blood" is a phobia (F40.23), "pain" G89.
_ICD_TOO_GENERIC = frozenset({"blood", "pain"})


def _icd_category(words) -> str | None:
    terms = icd_terms()
    for g in ngrams(words):
        if g in _ICD_TOO_GENERIC:
            continue
        for name in (g, *clinical_synonyms(g)):
            if name in terms:
                return terms[name]
    return None


def question_category(question: str) -> QuestionCategory | None:
    """What the question asks for, emrQA's way (see the comment above); None when the question
    alone does not say (the answer span then votes)."""
    q = (question or "").strip()[:_MAX_QUESTION]
    if not q:
        return None
    subject = subject_category(q)
    words = vocab_words(q)
    if _ASKS_FOR_DRUG.search(q) and not re.search(r"\ballerg", q, re.I):
        return QuestionCategory("Medication", WHICH_DRUG_RULE)
    if subject == OTHER:
        return QuestionCategory(OTHER, "asks about a vital sign, allergy, social history, score or follow-up")
    if _IMPRESSION_INTENT.search(q):
        return QuestionCategory("Diagnosis", "asks for a report's impression")
    if _SIZE_INTENT.search(q):
        return QuestionCategory("Diagnosis", "asks the size of a finding")  # even "on CT": the finding's
    # the symptom word is the concept unless the question names another one ("How severe is the
    # pain?": ICD-10-CM files pain under G89, a diagnosis)
    symptom = bool(SYMPTOM_SUBJECT.search(q)) and subject_category(SYMPTOM_SUBJECT.sub(" ", q)) in (None, "Symptoms")
    if _HAVE_INTENT.search(q) and SYMPTOM_SUBJECT.search(q) and subject in (None, "Symptoms", "Diagnosis",
                                                                             "Medication", "Procedure"):
        return QuestionCategory("Symptoms", "asks whether the patient has a symptom")
    if _GIVEN_FOR.search(q):
        return QuestionCategory("Medication", GIVEN_FOR_RULE)
    if _REASON_INTENT.search(q):
        return QuestionCategory("Diagnosis", REASON_RULE)
    if _HAVE_INTENT.search(q) and (_DRUG_NAMED_PROBLEM.search(q) or subject in ("Procedure", "Lab Reports")) \
            and not (_RESULT_INTENT.search(q) or _WHEN_DONE.search(q)) and _icd_category(words) == "Diagnosis":
        # "Does the patient have insulin-dependent diabetes?", "Is there a PE on the CTA?": the
        # problem, not the drug or study that its name or the question mentions
        return QuestionCategory("Diagnosis", "asks whether the patient has a problem")
    if _TREATMENT_INTENT.search(q):
        return QuestionCategory("Medication", "asks how a problem was treated")
    if _FREQUENCY.search(q) and (subject == "Medication" or not (symptom or subject in ("Symptoms", "Diagnosis"))):
        return QuestionCategory("Medication", "asks about a medication, its dose, route or schedule")
    if _MEDICATION_INTENT.search(q) or (subject == "Medication" and _DRUG_ACTION.search(q)) or \
            (_GIVEN.search(q) and (has_drug(words) or _REPLETED.search(q))):
        return QuestionCategory("Medication", "asks about a medication, its dose, route or schedule")
    if subject == "Procedure" and (_RESULT_INTENT.search(q) or _WHEN_DONE.search(q)):
        return QuestionCategory("Procedure", "asks for a procedure or a test's result or date")
    if subject == "Lab Reports" or _LAB_INTENT.search(q) or _LAB_ABBREVIATION_FIRST.search(q):
        return QuestionCategory("Lab Reports", "asks for a lab value or result")
    if subject == "Procedure":
        return QuestionCategory("Procedure", "names a procedure or device")
    if _SYMPTOM_INTENT.search(q) and subject in (None, "Symptoms", "Diagnosis"):
        return QuestionCategory("Symptoms", "asks what the patient reports")
    if symptom and not _NAMES_DIAGNOSIS.search(q):  # "Working dx for her abd pain?" asks for the diagnosis
        return QuestionCategory("Symptoms", "asks what the patient reports")
    if subject == "Symptoms" and _NAMES_DIAGNOSIS.search(q):  # "Working dx for her abd pain?": its diagnosis
        return QuestionCategory("Diagnosis", "asks for a diagnosis, problem or finding")
    if subject in ("Symptoms", "Diagnosis", "Medication"):
        return QuestionCategory(subject, f"names a {subject.lower()} concept")
    if _DIAGNOSIS_INTENT.search(q) or _HAVE_INTENT.search(q):
        return QuestionCategory("Diagnosis", "asks for a diagnosis, problem or finding")
    return None
