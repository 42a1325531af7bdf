"""The answer policy: what every reader's raw candidates become before anyone sees them.

`ask`, `extract`, `serve` and `eval qa` all call `AnswerPolicy.decide`, so they cannot disagree:

- yes/no questions (from the question's form, or a concept's `answer_type: yes_no`) are
  answered from the concept's *mentions* in the note (its terms and synonyms, matched with
  medspaCy target rules, plus the reader's spans) and their ConText assertion: `yes`, `no`,
  `uncertain` (possible, hypothetical, historical only, conflicting mentions) or
  `not_mentioned`, with the supporting sentence and its offsets. A family-history mention is
  not a "yes" for the patient;
- typing: a lab/vital question takes a value whose lab name is the asked one (the nearest name
  before it on the same line), never a threshold from the plan ("replete if K < 4"); a dose
  question takes dose + unit; a medication question a span with a drug of the lexicon; a
  diagnosis question never a medication or an allergy line; an allergy question only an
  allergy statement; dates must parse;
- clean spans: list numbering and bullets stripped, never across a section header or a blank
  line, a number extended to its whole unit ("486 mg/dL"); list questions return each item;
- abstention: no candidate of the asked type, or the best one under the calibrated score
  threshold (stored next to the model, tuned by `clinqa eval qa --save-calibration`), or the
  reader's own no-answer score winning, gives `text: None` with the reason;
- categories: a questionnaire concept's declared category as-is; otherwise the category head
  when it is confident, else the weak labeler on the question and the span.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import logging
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from clinqa.qa.categories import (
    GIVEN_FOR_RULE,
    QUESTION_RULES,
    REASON_RULE,
    WHICH_DRUG_RULE,
    QuestionCategory,
    question_category,
)
from clinqa.types import Answer, Note, Sentence

log = logging.getLogger(__name__)

VERDICTS = ("yes", "no", "uncertain", "not_mentioned")
CALIBRATION_FILE = "clinqa_calibration.json"
CANDIDATES = 10  # reader candidates the policy chooses among
CATEGORY_CONFIDENCE = 0.5  # below this the category head yields to the weak labeler

# ------------------------------------------------------------------ question forms
_YES_NO = re.compile(
    r"^\s*(?:(?:is|are|was|were|does|do|did|has|have|had|can|could|will|should|any)\b"  # en
    r"|¿?\s*(?:tiene|tuvo|tenía|hay|hubo|presenta|presentó|present[oó]|está|estaba|es|fuma|fumaba|ha|había|"
    r"toma|recibe|recibió|existe)\b"  # es
    r"|(?:hat|hatte|ist|war|gibt es|nimmt|raucht)\b"  # de
    r"|(?:est-ce|a-t-il|a-t-elle|y a-t-il|prend-il|fume-t-il)\b)", re.I)  # fr
_LEAD = re.compile(
    r"^\s*¿?\s*(?:is|are|was|were|does|do|did|has|have|had|can|could|will|should|"
    r"tiene|tuvo|tenía|hay|hubo|presenta|presentó|está|estaba|es|ha|había|toma|recibe|recibió|existe)\s+", re.I)
_SUBJECT = re.compile(r"^(?:there|the patient|this patient|the pt|patient|pt|he|she|they|it|el paciente|la paciente|"
                      r"el|ella)\s+", re.I)
_FILLER = re.compile(
    r"^(?:ever|currently|still|now|any|a|an|the|some|have|has|had|having|been|be|on|taking|take|takes|"
    r"experienc\w*|report\w*|complain\w* of|show\w*|develop\w*|evidence of|signs? of|symptoms? of|"
    r"suffer\w* from|present\w* with|receiv\w*|get|got|need\w*|use|uses|using|there|known|diagnosed with|"
    r"positive for|negative for|tested for|treated for|treated with|family history of|family hx of|history of|hx of|"
    r"un|una|algún|alguna|de|con|el|la|los|las|antecedentes? de|signos? de)\s+", re.I)
# Verbs after the concept that only say it happened ("Was spironolactone started?"); verbs that
# change the question ("stopped", "held") are kept, so such questions find no mention and abstain.
_DONE = re.compile(r"\s+(?:started|given|prescribed|administered|performed|done|placed|ordered|received|"
                   r"initiated|found|seen|noted|present|identified|detected|reported)$", re.I)
_EVER = re.compile(r"\b(?:ever|history of|hx of|previous(?:ly)?|prior|past|before|former(?:ly)?)\b", re.I)
_FAMILY_Q = re.compile(r"\bfamily (?:history|hx|member)|\b(?:mother|father|sibling|brother|sister)\b", re.I)
_TRAILING = re.compile(r"\s*(?:el paciente|la paciente|at discharge|on admission|on discharge|now|currently|"
                       r"today|in this note|in the note)?\s*[?.!]*\s*$", re.I)
_LIST_Q = re.compile(r"\b(?:what|which|list|name)\b.*\b(?:medications|medicines|drugs|diagnoses|problems|"
                     r"conditions|procedures|allergies|antibiotics|symptoms|findings|comorbidities|"
                     r"medicamentos|diagnósticos|alergias)\b", re.I)
# "What was the [admission] creatinine?": a span question that asks for a value
_VALUE_Q = re.compile(r"^\s*(?:what|which)\s+(?:was|is|were|are)\s+(?:the\s+|his\s+|her\s+|their\s+|"
                      r"the patient's\s+)?(?P<between>(?:[\w-]+\s+){0,3})", re.I)
_NOT_A_VALUE = {"done", "about", "given", "for", "of", "to", "with", "used", "started", "stopped", "treated", "plan",
                "reason", "cause", "management", "done", "why", "how", "ordered", "response"}
_DOSE_Q = re.compile(r"\b(?:dose|doses|dosage|dosing|how much|strength|dosis)\b", re.I)
_SIG_Q = re.compile(r"\b(?:how often|frequency|route|how (?:is|was|should) .* (?:taken|given)|schedule)\b", re.I)
# Allergy words of the languages clinqa reads (es/cs/pl/ro alergi-, el αλλεργ-, bg алерги-, pl uczul-):
# an English question about a Greek note must recognise the Greek allergy line, and vice versa.
_ALLERGY_Q = re.compile(r"\b(?:allerg\w*|alergi\w*|αλλεργ\w*|алерги\w*|алергич\w*|uczul\w*)\b", re.I)
_DATE_Q = re.compile(r"\b(?:when|what date|which date|fecha)\b", re.I)
# A duration is a number with a time unit: "How long...?", "How many days...?"
_DURATION_Q = re.compile(r"\b(?:how long|for how long|how many (?:days|weeks|months|years|hours|minutes|nights)|"
                         r"duration|cuánto tiempo|cuántos días)\b", re.I)
# Medication questions about a change: the answer's sentence must say that change.
_STOPPED_Q = re.compile(r"\b(?:stopped|discontinued|held|hold|ceased|suspended|suspendid\w*|stop)\b", re.I)
_STARTED_Q = re.compile(r"\b(?:new|newly|started|start|initiated|begun|added)\b", re.I)
STOP_CUE = re.compile(r"\b(?:stop\w*|discontinu\w*|d/c'?d|held|hold\w*|ceased|no longer|off\b|suspend\w*|"
                      r"switched from|changed from|replaced)\b", re.I)
START_CUE = re.compile(r"\b(?:start\w*|new\w*|initiat\w*|began|begin\w*|added|add\b|prescrib\w*|switched to|"
                       r"changed to|transition\w* to|replaced with|load\w*)\b", re.I)
# MIMIC de-identification placeholders ("[**Hospital 2**]", "[**Last Name**]") are never an answer.
PLACEHOLDER = re.compile(r"\[\*\*(?!\d{4}-\d{1,2}-\d{1,2}\*\*\])[^\]]*\*\*\]")  # a dated one is a date
_NUMBER_Q = re.compile(r"\b(?:how (?:many|long|old|much)|what (?:was|is) the (?:size|number|duration)|cuánt\w*)\b",
                       re.I)

# When a question asks for a value at a moment, the words that mark that moment near a value.
_MOMENTS = {"discharge": r"\bdischarg\w*|\bd/c\b|\bat d/c\b",
            "admission": r"\badm\w*|\barriv\w*|\bpresent\w*|\bED\b|\bemergency|\binitial\w*|\bfrom\b"}
_MOMENT = re.compile(r"\b(?:discharg\w*|admi\w*|arriv\w*|presentation|in the ED|initial\w*)", re.I)
_EXTREME = re.compile(r"\b(?:peak|max(?:imum)?|highest|lowest|nadir|min(?:imum)?)\b", re.I)


def _moment_key(word: str) -> str:
    return "discharge" if word.lower().startswith("discharg") else "admission"


def _local_moment(text: str, vs: int, ve: int) -> str:
    """Words right around one value of a row ("7.2 (adm)", "(from 3.8)"), and the column header
    above it in a table ("Admission   HD3   Discharge")."""
    after = re.match(r"\s*\(([^()\d]{1,20})\)", text[ve:ve + 24])  # "7.2 (adm)", never "1.1 (from 3.8)"
    before = re.split(r"[\d),]|->|→", text[max(0, vs - 8):vs])[-1]  # never the previous value's note
    around = before + " " + (after.group(1) if after else "")
    line0 = text.rfind("\n", 0, vs) + 1
    col = vs - line0
    header = ""
    pos = line0 - 1
    for _ in range(8):  # the nearest line above with a word over this column
        if pos <= 0:
            break
        prev0 = text.rfind("\n", 0, pos) + 1
        line = text[prev0:pos]
        for m in re.finditer(r"\S+", line):
            if m.start() <= col + 3 and m.end() >= col - 1 and not re.match(r"[\d.<>]", m.group(0)):
                header = m.group(0)
        if header:
            break
        pos = prev0 - 1
    return around + " " + header


class _SentenceIndex:
    """Sentences by position, and the header-like ones, for lookups in O(log n)."""

    def __init__(self, sentences: list[Sentence] | None):
        self.sentences = list(sentences or ())
        self.starts = [s.start for s in self.sentences]
        self.heads = [s for s in self.sentences if s.kind == "header" or re.match(r"^[A-Za-z ]{3,40}:", s.text)]
        self.head_ends = [s.end for s in self.heads]

    def at(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.sentences[i] if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end else None

    def header_before(self, pos: int) -> str:
        """The last header-like sentence that ends at or before `pos` (above the value's line)."""
        i = bisect.bisect_right(self.head_ends, pos) - 1
        return self.heads[i].text[:60] if i >= 0 else ""


def _context_of(text: str, index: _SentenceIndex, name_start: int, value_start: int, with_line: bool = True) -> str:
    """The line of a value, its sentence's section name and the header line above it: where a
    value's moment ("Discharge labs:", "ADMISSION LABS", "at discharge") is written."""
    line0 = text.rfind("\n", 0, name_start) + 1
    line1 = text.find("\n", value_start)
    line = text[line0:line1 if line1 >= 0 else len(text)] if with_line else ""
    sent = index.at(name_start)
    section = (sent.section or "") if sent else ""
    return " ".join((line, section.replace("_", " "), index.header_before(name_start)))


# Labs and vital signs: canonical name -> names written in notes. Longest names match first,
# so "hemoglobin a1c" is never read as "hemoglobin".
LAB_ALIASES: dict[str, tuple[str, ...]] = {
    "heart rate": ("heart rate", "hr", "pulse", "pulse rate"),
    "respiratory rate": ("respiratory rate", "rr", "resp rate", "respirations", "resp"),
    "blood pressure": ("blood pressure", "bp"),
    "temperature": ("temperature", "temp", "tmax", "t max"),
    "oxygen saturation": ("oxygen saturation", "o2 saturation", "o2 sat", "o2 sats", "spo2", "sao2", "sats",
                          "saturation", "saturating", "pulse ox"),
    "white blood cell count": ("white blood cell count", "white blood cells", "white blood cell", "white count",
                               "wbc", "leukocytes", "leukocyte count"),
    "hemoglobin": ("hemoglobin", "haemoglobin", "hgb", "hb"),
    "hematocrit": ("hematocrit", "hct"),
    "platelets": ("platelets", "platelet count", "platelet", "plt", "plts"),
    "sodium": ("sodium", "na"),
    "potassium": ("potassium", "k"),
    "chloride": ("chloride", "cl"),
    "bicarbonate": ("bicarbonate", "hco3", "bicarb", "co2", "total co2"),
    "bun": ("bun", "blood urea nitrogen", "urea nitrogen", "urea"),
    "creatinine": ("creatinine", "cr", "creat", "serum creatinine"),
    "glucose": ("glucose", "blood glucose", "blood sugar", "fingerstick glucose"),
    "calcium": ("calcium", "ca"),
    "magnesium": ("magnesium",),
    "phosphate": ("phosphate", "phosphorus", "phos"),
    "albumin": ("albumin", "alb"),
    "bilirubin": ("bilirubin", "total bilirubin", "tbili", "t bili", "t. bili"),
    "alt": ("alt", "sgpt"),
    "ast": ("ast", "sgot"),
    "alkaline phosphatase": ("alkaline phosphatase", "alk phos", "alp"),
    "troponin": ("troponin", "troponin i", "troponin t", "hs-troponin", "trop", "tni", "tnt"),
    "bnp": ("bnp", "nt-probnp", "probnp", "pro-bnp"),
    "inr": ("inr",),
    "ptt": ("ptt", "aptt"),
    "lactate": ("lactate", "lactic acid"),
    "crp": ("crp", "c-reactive protein"),
    "esr": ("esr", "sed rate"),
    "lipase": ("lipase",),
    "ferritin": ("ferritin",),
    "d-dimer": ("d-dimer", "d dimer", "ddimer"),
    "procalcitonin": ("procalcitonin",),
    "hba1c": ("hba1c", "hemoglobin a1c", "a1c", "glycated hemoglobin"),
    "tsh": ("tsh",),
    "ldh": ("ldh",),
    "ck": ("ck", "cpk", "creatine kinase"),
    "ejection fraction": ("ejection fraction", "lvef", "ef"),
    "weight": ("weight", "wt"),
    "anion gap": ("anion gap", "ag"),
    "ph": ("ph",),
}
# What each lab's unit measures, when it has one (labs not listed: a concentration). A value
# whose unit measures something else belongs to another quantity: "86%" after "WBC 15.8 K/uL"
# is the neutrophil fraction, not a potassium.
_ANY: frozenset[str] = frozenset()
LAB_DIMENSIONS: dict[str, frozenset[str]] = {
    "heart rate": frozenset({"rate"}), "respiratory rate": frozenset({"rate"}),
    "blood pressure": frozenset({"pressure"}), "temperature": frozenset({"temperature"}),
    "oxygen saturation": frozenset({"percent"}), "white blood cell count": frozenset({"count"}),
    "platelets": frozenset({"count"}), "hematocrit": frozenset({"percent"}),
    "hba1c": frozenset({"percent", "concentration"}), "ejection fraction": frozenset({"percent"}),
    "weight": frozenset({"mass"}), "inr": _ANY, "ph": _ANY, "esr": _ANY, "ptt": frozenset({"time"}),
}
# Values that must have a shape besides a unit.
LAB_SHAPES: dict[str, re.Pattern] = {"blood pressure": re.compile(r"\d{2,3}\s*/\s*\d{2,3}")}
# A lab name followed by one of these names another measure ("albumin-to-creatinine ratio 48").
_OTHER_MEASURE = re.compile(r"\s*(?:ratio|clearance|index|kinase|phosphokinase|/)", re.I)

# Names so short they are only a lab in a question that says so, never found inside a word.
_SHORT = {a for names in LAB_ALIASES.values() for a in names if len(a) <= 2}

UNIT_RE = (r"(?:mcg/kg/min|mg/kg/hr?|mcg/min|mcg/hr?|mg/hr?|units?/hr?|ml/hr?|ml/min|mg/g|mmol/mol|mg/l|mcg/l|"
           r"ug/l|µg/l|ug/ml|mg/dl|g/dl|mmol/l|meq/l|umol/l|µmol/l|mcg/ml|ng/ml|ng/l|pg/ml|u/l|iu/l|iu/ml|mm\s?hg|mmhg|"
           r"x\s?10\^?\d+/l|k/ul|k/µl|/ul|/µl|/mm3|cells/\w+|copies/ml|bpm|beats/min|breaths/min|/min|"
           r"mg|mcg|µg|ug|g|kg|lbs?|ml|l|meq|mmol|units?|iu|%|°\s?[fc]|degrees|f|c|cm|mm|"
           r"years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|puffs?|tabs?|tablets?|capsules?|sprays?|"
           r"l/min|lpm)")
# A number keeps its thousands separators and a magnitude word: "250,000" is not 250 and "50
# million" is not 50 (a platelet count or a case count cut at the comma is a wrong value).
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+)(?:\.\d+)?(?:\s+(?:thousand|million|billion)\b)?"
VALUE = re.compile(r"(?<![\w.])(" + _NUM + r")(?:\s*(?:/|-|–|to)\s*(" + _NUM + r"))?\*?\s*(" + UNIT_RE + r")?(?![a-z])",
                   re.I)
DOSE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:\s*-\s*\d+(?:\.\d+)?)?\s*(?:mg|mcg|µg|ug|g|units?|iu|ml|meq|mmol|"
                  r"puffs?|tabs?|tablets?|capsules?|sprays?|drops?|mg/kg|mcg/kg)(?![a-z])", re.I)
SIG = re.compile(r"\s*(?:(?:p\.?o\.?|by mouth|orally|iv|i\.v\.|im|sc|subq|subcutaneous(?:ly)?|inhaled|topical|"
                 r"sublingual|sl|pr|nebulized)\b\.?\s*)?(?:(?:once|twice|three times|four times)\s+(?:a\s+)?daily|"
                 r"daily|nightly|at bedtime|q\.?\s?\d+\s?h\.?|q\.?\s?\d+\s?hours|every \d+ hours|b\.?i\.?d\.?|"
                 r"t\.?i\.?d\.?|q\.?i\.?d\.?|q\.?d\.?|q\.?h\.?s\.?|weekly|p\.?r\.?n\.?)?", re.I)
# Words that make the number after them a threshold of the plan, not a result; a bare "<" is a
# result under the detection limit ("Troponin <0.01 ng/mL") unless such a word comes first.
THRESHOLD_CUE = re.compile(r"(?:\bgoal\b|\btarget\b|\bkeep\b|\bif\b|\babove\b|\bbelow\b|"
                           r"\bgreater than\b|\bless than\b|\bunder\b|\bover\b|\bmaintain\b|\brepletion\b|"
                           r"\breplete\b|\bhold\b|\bscale\b)", re.I)
LIST_MARK = re.compile(r"^(?:\s*(?:\d{1,2}[.)]|\(?[a-z]\)|[-*•·‣◦]|#\d+)\s+)+", re.I)
HEADER_LINE = re.compile(r"^[ \t]*[A-Z][A-Z0-9 /&,()'\-]{2,60}:?[ \t]*$|^[ \t]*[A-Z][A-Za-z /&()\-]{2,40}:[ \t]*$",
                         re.M)
ALLERGY_TEXT = re.compile(r"\b(?:allerg\w*|nkda|nka|no known (?:drug )?allergies|intoleran\w*|anaphyla\w*|"
                          r"rash with|hives|alergi\w*|αλλεργ\w*|δυσανεξ\w*|алерги\w*|алергич\w*|"
                          r"непоносимост\w*|uczul\w*|nietolerancj\w*)\b", re.I)


@dataclass(frozen=True)
class Verdict:
    """A yes/no answer: `verdict` in VERDICTS, the supporting sentence (start/end/text, -1/None
    when not mentioned), the concept term matched inside it, its assertion, and why."""

    verdict: str
    reason: str
    start: int = -1
    end: int = -1
    text: str | None = None
    term: str | None = None
    term_start: int = -1
    term_end: int = -1
    assertion: str | None = None
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return asdict(self)


@dataclass(frozen=True)
class AskedFor:
    """What a question asks for, from the concept when there is one, else from its form."""

    question: str
    answer_type: str  # span | yes_no | number | date
    category: str | None = None
    category_declared: bool = False
    terms: tuple[str, ...] = ()  # the concept's names (yes/no mentions)
    lab: str | None = None  # canonical lab/vital asked about
    unit: str | None = None
    code: str | None = None
    is_list: bool = False
    dose: bool = False
    sig: bool = False
    allergy: bool = False
    min_score: float | None = None
    concept_id: str | None = None
    ever: bool = False  # "Has the patient ever smoked?": a past mention is a yes
    family: bool = False  # "Is there a family history of diabetes?": a relative's mention is the yes
    action: str | None = None  # "Was spironolactone started?": the verb the mention's sentence must say
    dimensions: frozenset[str] = frozenset()  # what the value's unit may measure (empty: any)
    needs_unit: bool = False  # a duration without a unit ("3") is no answer
    drug_stems: tuple[str, ...] = ()  # "What antibiotics...?": the drug class's name stems
    change: str | None = None  # "stopped" | "started": the medication change the question asks about
    # the category the question's own words ask for (qa/categories.question_category): the label
    # every answer gets; None when a concept declares it or the question does not say
    asks: QuestionCategory | None = None


@dataclass(frozen=True)
class Decision:
    """The final answers (at least one; a no-answer carries `reason`), the verdict for yes/no
    questions, and what the question was taken to ask for."""

    answers: list[Answer]
    asked: AskedFor
    verdict: Verdict | None = None

    @property
    def reason(self) -> str | None:
        return self.answers[0].reason if self.answers and self.answers[0].is_no_answer else None

    @property
    def gate_score(self) -> float:
        """What the calibrated score threshold compares: -1 for an abstention (always abstains),
        +inf for answers whose evidence is a mention or a name (verdicts, lab values found by
        their lab name, a list under its header), else the best answer's probability."""
        a = self.answers[0]
        if a.is_no_answer:
            return -1.0
        if self.verdict is not None or a.method.endswith(("+lab-name", "+list-header")):
            return float("inf")
        return float(max(x.score for x in self.answers))


@dataclass(frozen=True)
class Calibration:
    """The abstention settings of one reader: `min_score` on the answer's probability and the
    reader's own null-vs-best threshold; `source` says what they were tuned on."""

    min_score: float | None = None
    null_threshold: float | None = None
    source: str = "uncalibrated"
    tuned: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path) -> Calibration:
        d = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(d.get("min_score"), d.get("null_threshold"), d.get("source", str(path)), d.get("tuned", {}))

    def save(self, path: str | Path) -> Path:
        p = Path(path)
        if p.is_dir():
            p = p / CALIBRATION_FILE
        p.write_text(json.dumps({"min_score": self.min_score, "null_threshold": self.null_threshold,
                                 "source": self.source, "tuned": self.tuned}, indent=2) + "\n", encoding="utf-8")
        return p


def calibration_for(reader) -> Calibration:
    """The calibration stored next to the reader's model (clinqa folders and the packaged
    model), else the model config's `null_threshold` alone."""
    for folder in _model_folders(reader):
        f = folder / CALIBRATION_FILE
        if f.is_file():
            return Calibration.load(f)
    return Calibration(null_threshold=getattr(reader, "null_threshold", None))


def _model_folders(reader) -> list[Path]:
    name = getattr(reader, "name", None)
    if not name:
        return []
    from clinqa.qa.reader import DEFAULT_MODEL, packaged_model_dir

    if name in (DEFAULT_MODEL, "default"):
        return [packaged_model_dir()]
    p = Path(str(name))
    return [p] if p.is_dir() else []


# ------------------------------------------------------------------ the policy
class AnswerPolicy:
    def __init__(self, calibration: Calibration | None = None, *, labeler=None,
                 category_confidence: float = CATEGORY_CONFIDENCE):
        from clinqa.qa.categories import WeakLabeler

        self.calibration = calibration or Calibration()
        self.labeler = labeler or WeakLabeler()
        self.category_confidence = category_confidence

    @classmethod
    def for_reader(cls, reader) -> AnswerPolicy:
        return cls(calibration_for(reader))

    def warm_up(self) -> AnswerPolicy:
        """Load what the policy loads lazily (drug lexicon, ICD-10-CM terms, spaCy/ConText,
        language detection) now: a server's first request must not pay seconds for it while
        other requests wait (measured: 8 small requests beside a huge note took 12.8 s cold)."""
        note = Note("warm-up", "MEDICATIONS:\n1. Metformin 500 mg daily\nPotassium 4.1 mmol/L. No fever. "
                               "History of hypertension.")
        from clinqa.text import segment

        sentences = segment(note.text, note.id)
        for q in ("What medications?", "Does the patient have a fever?", "What was the potassium?",
                  "What is the past medical history?"):
            self.decide(note, q, [], sentences)
        return self

    # .................................................................. what is asked
    def asked_for(self, question: str, concept=None, language: str | None = None) -> AskedFor:
        """The answer type, category, terms and lab a question asks for; a concept's
        declarations win over what the question's form suggests."""
        q = question.strip()
        form_type = "yes_no" if _YES_NO.match(q) else "date" if _DATE_Q.search(q) else \
            "number" if _NUMBER_Q.search(q) else "span"
        atype = getattr(concept, "answer_type", None) or form_type
        declared_list = atype == "list"
        if declared_list:
            atype = "span"
        declared = getattr(concept, "category", None)
        asks = None if declared else question_category(q)
        category = declared or _question_category(q)
        if asks is not None and not _ALLERGY_Q.search(q) and (
                (asks.rule == REASON_RULE and category == "Medication")
                or (asks.rule in (GIVEN_FOR_RULE, WHICH_DRUG_RULE) and category is None)):
            # The answer's type follows the older form rules (QUESTION_RULES: on the clinical dev
            # set they choose better spans than the new category does), except where they type a
            # question against what it plainly asks: "Why is the patient taking metoprolol?" typed
            # as a medication drops the reason and answers with the drug it names; "What was given
            # for the nausea?" untyped may answer "Nausea". A reason is not typed as a diagnosis
            # otherwise: "insulin nonadherence" and "for glycemic control" are reasons too.
            category = asks.label
        lab = None
        if atype == "number":
            lab = lab_in(q)
        elif atype == "span" and _VALUE_Q.match(q):
            found = lab_in(q, with_start=True)
            m = _VALUE_Q.match(q)
            # the lab must be what the question asks for, right after "what was the"
            lab = found[0] if found and found[1] <= m.end() + 1 and len(q) - found[1] < 45 and not (
                set(m.group("between").lower().split()) & _NOT_A_VALUE) else None
        if lab and category not in (None, "Lab Reports", "Other"):
            lab = None  # "What dose of potassium chloride?" asks for a medication
        terms: list[str] = []
        if concept is not None:
            terms += list(getattr(concept, "synonyms_for", lambda _l: ())(language))
        if atype == "yes_no":
            t = yes_no_target(q)
            if t:
                terms.append(t)
        from clinqa.text.glossary import drug_class_stems
        from clinqa.text.values import unit_dimension
        from clinqa.text.vocab import clinical_synonyms

        terms += [syn for t in list(terms) for syn in clinical_synonyms(t)]
        dimensions: frozenset[str] = frozenset()
        duration = atype == "number" and bool(_DURATION_Q.search(q))
        declared_unit = getattr(concept, "unit", None)
        if declared_unit and unit_dimension(declared_unit):
            dimensions = frozenset({unit_dimension(declared_unit)})
        elif duration:
            dimensions = frozenset({"time"})
        elif lab and atype != "yes_no":
            dimensions = LAB_DIMENSIONS.get(lab, frozenset({"concentration"}))
        medication = category == "Medication" or getattr(concept, "code", None) == "drug"
        change = None
        if medication and atype == "span":
            change = "stopped" if _STOPPED_Q.search(q) else "started" if _STARTED_Q.search(q) else None
        terms = list(dict.fromkeys(t.strip() for t in terms if t and t.strip()))
        return AskedFor(
            question=q, answer_type=atype, category=category, category_declared=declared is not None,
            terms=tuple(terms), lab=lab if atype != "yes_no" else None, unit=getattr(concept, "unit", None),
            code=getattr(concept, "code", None), is_list=declared_list or (bool(_LIST_Q.search(q)) and atype == "span"),
            dose=bool(_DOSE_Q.search(q)), sig=bool(_SIG_Q.search(q)), allergy=bool(_ALLERGY_Q.search(q)),
            min_score=getattr(concept, "min_score", None), concept_id=getattr(concept, "id", None),
            ever=bool(_EVER.search(q)) and atype == "yes_no", family=bool(_FAMILY_Q.search(q)) and atype == "yes_no",
            action=action_of(q) if atype == "yes_no" else None, dimensions=dimensions,
            needs_unit=duration or "time" in dimensions,
            drug_stems=drug_class_stems(q) if medication and atype == "span" else (), change=change, asks=asks)

    # .................................................................. deciding
    def decide(self, note: Note, question: str, answers: list[Answer], sentences: list[Sentence], *,
               null_minus_best: float | None = None, concept=None, language: str | None = None,
               top_k: int = 1, asked: AskedFor | None = None) -> Decision:
        """Final answers from a reader's candidates (best first, as many as it gave)."""
        asked = asked or self.asked_for(question, concept, language)
        method = next((a.method for a in answers if a.method), "")
        raw = [a for a in answers if not a.is_no_answer]
        if asked.answer_type == "yes_no":
            return self._yes_no(note, asked, raw, sentences, method, language)
        if not sentences or not note.text.strip():
            return Decision([_abstain(note, method, "the note has no text to answer from")], asked)
        cal = self.calibration
        if cal.null_threshold is not None and null_minus_best is not None and null_minus_best > cal.null_threshold:
            return Decision([_abstain(note, method, f"the reader's no-answer score wins (null - best = "
                                                     f"{null_minus_best:.2f} > {cal.null_threshold:.2f})")], asked)
        typed: list[Answer] = []
        rejected: list[str] = []
        if asked.lab:
            typed = self._lab_values(note, asked, raw, sentences, method)
            if not typed:
                rejected.append(f"no value of {asked.lab} in the note")
        else:
            for a in raw:
                c = clean_span(note.text, a.start, a.end, sentences, keep_list=asked.is_list)
                if c is None:
                    continue
                ok, why = self._fits(note, asked, c, sentences)
                if ok:
                    c = _typed_core(note.text, c, asked)
                    typed.append(replace(a, start=c[0], end=c[1], text=note.text[c[0]:c[1]]))
                else:
                    rejected.append(why)
            typed = _dedupe(typed)
        if asked.category in ("Diagnosis", "Symptoms"):
            # "No fever, no cough" is not the patient's problem list: a problem the note negates is
            # no answer to "what does the patient have" (yes/no questions say "no" instead).
            typed, negated = _drop_negated(note, typed, language), typed
            if len(typed) < len(negated):
                rejected.append(f"{next(a.text for a in negated if a not in typed)!r} is negated in the note")
        if asked.is_list:
            items = self._list_items(note, asked, typed, sentences, method)
            if asked.category in ("Diagnosis", "Symptoms"):
                items = _drop_negated(note, items, language)
            if items and (items[0].method.endswith("+list-header") or _passes(items, asked, cal)):
                return Decision([self._finish(note, asked, a, sentences) for a in items], asked)
        if not typed:
            why = rejected[0] if rejected else "the reader found no span"
            return Decision([_abstain(note, method, f"no answer of the asked type ({_type_name(asked)}): {why}")], asked)
        best = typed[0]
        structural = best.method.endswith("+lab-name")
        threshold = asked.min_score if asked.min_score is not None else cal.min_score
        if threshold is not None and not structural and best.score < threshold:
            return Decision([_abstain(note, method, f"score {best.score:.3f} is under the calibrated threshold "
                                                     f"{threshold:.3f} ({cal.source})", best.score)], asked)
        return Decision([self._finish(note, asked, a, sentences) for a in typed[:top_k]], asked)

    # .................................................................. typing
    def _fits(self, note: Note, asked: AskedFor, span: tuple[int, int], sentences) -> tuple[bool, str]:
        from clinqa.text.vocab import drugs_in

        text = note.text[span[0]:span[1]]
        sent = _sentence_at(sentences, span[0])
        where = (sent.text if sent else text)
        section = (sent.section or "") if sent else ""
        header_line = bool(HEADER_LINE.fullmatch(text.strip())) and text.strip().isupper()
        if (sent is not None and sent.kind == "header") or header_line:
            return False, f"{text!r} is a section header"
        if not PLACEHOLDER.sub(" ", text).strip(" \t\n,.;:-"):
            return False, f"{text!r} is a de-identification placeholder"
        if asked.allergy:
            if ALLERGY_TEXT.search(where) or "allerg" in section:
                return True, ""
            return False, f"{text!r} is not an allergy statement"
        if asked.answer_type == "date":
            from clinqa.text.values import parse_date

            return (True, "") if parse_date(text) else (False, f"{text!r} holds no date")
        if asked.dose:
            return (True, "") if DOSE.search(text) else (False, f"{text!r} holds no dose with a unit")
        if asked.answer_type == "number":
            if not VALUE.search(text):
                return False, f"{text!r} holds no number"
            return _unit_fits(text, asked)
        if asked.unit and asked.dimensions:
            # a span concept that declares its unit (blood pressure, mmHg): a value of another
            # dimension ("15.400/μL", a white cell count) is not its answer
            ok, why = _unit_fits(text, asked)
            if not ok:
                return False, why
        words = _words(text)
        if asked.asks is not None and asked.asks.rule == REASON_RULE and not _has_problem(words):
            # "Why was the patient started on metoprolol?": the drug's own line is not its reason
            asked_drugs = set(drugs_in(_words(asked.question)))
            if asked_drugs and asked_drugs & set(drugs_in(words)):
                return False, f"{text!r} is the drug the question asks the reason for, not the reason"
        if asked.category == "Medication" or asked.code == "drug":
            if asked.drug_stems:
                from clinqa.text.glossary import mentions_class

                if not mentions_class(text, asked.drug_stems):
                    return False, f"{text!r} names no drug of the asked class"
            elif not drugs_in(words):
                if _english_note(note.text):
                    return False, f"{text!r} names no drug of the lexicon"
                # the lexicon is English ("Λεβοφλοξασίνη" is a drug it cannot name): in another
                # language a medication answer must at least sit in a sentence with a dose
                if not DOSE.search(where):
                    return False, f"{text!r} is in a sentence with no dose (the drug lexicon is English)"
            if ALLERGY_TEXT.search(where) or "allerg" in section:
                return False, f"{text!r} is an allergy statement, not a medication the patient takes"
            if _problem_first(_after_label(text)):
                return False, f"{text!r} is a problem that mentions a drug, not a medication"
            if asked.change == "stopped" and not STOP_CUE.search(where):
                return False, f"{text!r} is in a sentence that stops nothing"
            if asked.change == "started" and not (START_CUE.search(where) or re.search(r"new|start|added", section)):
                return False, f"{text!r} is in a sentence that starts nothing"
            return True, ""
        if asked.category in ("Diagnosis", "Symptoms"):
            if ALLERGY_TEXT.search(text) or "allerg" in section:
                return False, f"{text!r} is an allergy line, not a {asked.category.lower()}"
            if drugs_in(words) and not _has_problem(words):
                return False, f"{text!r} names a medication, not a {asked.category.lower()}"
            if re.fullmatch(r"[\d\s.,/%\-*]+" + r"(?:\s*" + UNIT_RE + r")?", text.strip(), re.I):
                return False, f"{text!r} is a number, not a {asked.category.lower()}"
            if asked.category == "Diagnosis" and (asked.category_declared or asked.code == "icd10cm") \
                    and not is_problem(text) and _english_note(note.text):
                return False, f"{text!r} names no problem (ICD-10-CM term, known abbreviation or disease word)"
        return True, ""

    def _lab_values(self, note: Note, asked: AskedFor, raw: list[Answer], sentences, method: str) -> list[Answer]:
        """Values of the asked lab, best first: one in the moment the question names ("at
        discharge", "on admission") first, then those the reader's candidates cover (by score),
        then note order; "peak"/"lowest" questions take the extreme value. Thresholds never."""
        pairs = lab_values(note.text, asked.lab)
        if not pairs:
            return []
        moment = _MOMENT.search(asked.question)
        extreme = _EXTREME.search(asked.question)
        out: list[tuple[tuple, Answer]] = []
        shape = LAB_SHAPES.get(asked.lab)
        pairs = [(vs, ve, ns) for vs, ve, ns in pairs
                 if _unit_fits(note.text[vs:ve], asked)[0] and (shape is None or shape.search(note.text[vs:ve]))]
        per_name = Counter(p[2] for p in pairs)
        index = _SentenceIndex(sentences)  # a long note has thousands of values: no scan per value
        for order, (vs, ve, ns) in enumerate(pairs):
            score = max((a.score for a in raw if a.start < ve and vs < a.end), default=0.0)
            where = ""
            if moment:  # only a question that names a moment needs where each value was written
                where = _context_of(note.text, index, ns, vs, with_line=per_name[ns] == 1) + \
                    " " + _local_moment(note.text, vs, ve)
            in_moment = bool(moment and re.search(_MOMENTS[_moment_key(moment.group(0))], where, re.I))
            num = re.search(r"\d+(?:,\d{3})*(?:\.\d+)?", note.text[vs:ve])
            number = float(num.group(0).replace(",", "")) if num else 0.0
            ext = 0.0
            if extreme:
                ext = -number if re.match(r"(?:peak|max|highest)", extreme.group(0), re.I) else number
            a = Answer(text=note.text[vs:ve], start=vs, end=ve, score=score, note_id=note.id,
                       method=(method or "extractive") + "+lab-name")
            out.append(((not in_moment, ext, -score, order), a))
        return [a for _, a in sorted(out, key=lambda x: x[0])]

    def _list_items(self, note, asked, typed: list[Answer], sentences, method: str) -> list[Answer]:
        """Every item of the list the answer sits in (the first typed candidate inside a list,
        else the list under the header that shares most words with the question), each of the
        asked type, in note order; [] when there is no such list."""
        anchor = next((i for a in typed for i, s in enumerate(sentences)
                       if s.start <= a.start < s.end and s.kind == "list_item"), None)
        how = "+list"
        if anchor is None:
            anchor, how = _list_under_header(asked.question, sentences), "+list-header"
        if anchor is None:
            return []
        lo = hi = anchor
        sec = sentences[anchor].section
        while lo > 0 and sentences[lo - 1].kind == "list_item" and sentences[lo - 1].section == sec:
            lo -= 1
        while hi + 1 < len(sentences) and sentences[hi + 1].kind == "list_item" and sentences[hi + 1].section == sec:
            hi += 1
        items = []
        for s in sentences[lo:hi + 1]:
            c = clean_span(note.text, s.start, s.end, sentences)
            if c is None:
                continue
            c = _item_head(note.text, c, asked)
            if not self._fits(note, asked, c, sentences)[0]:
                continue
            score = max((a.score for a in typed if a.start < c[1] and c[0] < a.end), default=0.0)
            items.append(Answer(text=note.text[c[0]:c[1]], start=c[0], end=c[1], score=score, note_id=note.id,
                                method=(method or "extractive") + how))
        return items

    def _finish(self, note: Note, asked: AskedFor, a: Answer, sentences) -> Answer:
        from clinqa.text.assertion import assert_spans

        sid = next((s.id for s in sentences if s.start <= a.start < s.end), None)
        assertion = assert_spans(note.text, [(a.start, a.end)])[0] if a.end > a.start else None
        category, probs, source = self.category(asked, a)
        return replace(a, assertion=assertion, sentence_id=sid, evidence_ids=(sid,) if sid else (),
                       category=category, category_probs=probs, category_source=source)

    def category(self, asked: AskedFor, a: Answer) -> tuple[str | None, dict[str, float], str]:
        """Declared > the question's own category (what it asks for, emrQA's way) > confident
        head > weak labeler on the question and the span. The third item says which of these
        decided, so a reader of the answer can tell a rule's category from a model's guess."""
        if asked.category_declared:
            return asked.category, a.category_probs, "questionnaire: the concept declares it"
        if asked.asks is not None:
            return asked.asks.label, a.category_probs, f"question: {asked.asks.rule}"
        probs = a.category_probs or {}
        if probs and max(probs.values()) >= self.category_confidence:
            return max(probs, key=probs.get), probs, "category head"
        dist = self.labeler.label(a.text or "", asked.question)
        label = max(dist, key=lambda c: (dist[c], c != "Other"))
        return label, probs or {c: round(p, 4) for c, p in dist.items()}, "weak labeler on the question and answer"

    # .................................................................. yes/no
    def _yes_no(self, note: Note, asked: AskedFor, raw: list[Answer], sentences, method: str,
                language: str | None = None) -> Decision:
        if not asked.terms:
            v = Verdict("not_mentioned", "the question names no concept to look for (give the concept synonyms)")
            return Decision([_abstain(note, method, v.reason)], asked, v)
        mentions = find_mentions(note.text, asked.terms, sentences, language)
        if asked.action:
            mentions = [_with_action(m, note.text, sentences, asked.action) for m in mentions]
        if not mentions:
            v = Verdict("not_mentioned", f"none of {', '.join(repr(t) for t in asked.terms[:6])} occurs in the note")
            return Decision([_abstain(note, method, v.reason)], asked, v)
        verdict, chosen, reason = _aggregate(mentions, raw, asked)
        c = (chosen.cue_start, chosen.cue_end)
        v = Verdict(verdict, reason, c[0], c[1], note.text[c[0]:c[1]], note.text[chosen.start:chosen.end],
                    chosen.start, chosen.end, chosen.assertion, len(mentions))
        score = max((a.score for a in raw if a.start < c[1] and c[0] < a.end), default=0.0)
        a = Answer(text=v.text, start=c[0], end=c[1], score=score, note_id=note.id, assertion=chosen.assertion,
                   method=(method or "extractive") + "+mentions")
        a = self._finish(note, asked, a, sentences)
        return Decision([replace(a, assertion=chosen.assertion)], asked, v)


# ------------------------------------------------------------------ mentions and verdicts
@dataclass(frozen=True)
class Mention:
    """A concept mention; cue_start/cue_end cover the mention and the ConText cue that decides
    its assertion when that cue is in the same sentence ("Denies chest pain")."""

    start: int
    end: int
    assertion: str
    section: str | None
    cue_start: int
    cue_end: int


def term_variants(term: str) -> list[str]:
    """The term and its plural/agent/verb forms ("smoke", "smoked" -> smoker, smoking...), so a
    question's word finds the note's. Multi-word terms vary only their last word."""
    t = term.strip().lower()
    if not t:
        return []
    head, _, last = t.rpartition(" ")
    prefix = head + " " if head else ""
    if len(last) < 4:
        return [t]
    stems = {last}
    # verb and plural endings only: "-er" is part of too many nouns (fever, cancer, ulcer)
    for suf, add in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("s", "")):
        if last.endswith(suf) and not last.endswith("ss") and len(last) - len(suf) >= 4:
            stems.add(last[: -len(suf)] + add)
    out = [t]
    for st in sorted(stems):
        base = st[:-1] if st.endswith("e") else st
        forms = [st, st + "s", base + "er", base + "ers", base + "ing", base + "ed"]
        if st.endswith("y"):
            forms += [st[:-1] + "ies", st[:-1] + "ied"]
        out += [prefix + f for f in forms]
    return list(dict.fromkeys(out))


def find_mentions(text: str, terms: tuple[str, ...] | list[str], sentences: list[Sentence] | None = None,
                  language: str | None = None) -> list[Mention]:
    """Every mention of any term (medspaCy target rules, case-insensitive) with its ConText
    assertion; mentions in a family-history section are `family`, in an indication/reason for
    the exam `possible` (the reason for a test is a question, not a finding)."""
    from medspacy.target_matcher import TargetMatcher, TargetRule

    from clinqa.text.assertion import context_pipe, parsed_block, sentence_doc, status_of
    from clinqa.text.pipeline import blocks, get_nlp

    literals = sorted({v for t in terms for v in term_variants(t) if v}, key=len, reverse=True)
    if not literals or not text.strip():
        return []
    nlp = get_nlp()
    if language is None:  # the note's own language picks the cue rules ("niega fiebre", "без температура")
        from clinqa.text.language import language_of

        language = language_of(text).code
    from clinqa.text.pipeline import context_language

    context = context_pipe(context_language(language))
    matcher = TargetMatcher(nlp)
    matcher.add([TargetRule(lit, "CONCEPT") for lit in literals])
    lowered = text.lower()
    from clinqa.text.pipeline import NLP_LOCK

    with NLP_LOCK:  # the cached docs and the ConText component are shared across threads
        return _mentions(text, literals, lowered, sentences, matcher, context, parsed_block, sentence_doc, status_of,
                         blocks)


def _mentions(text, literals, lowered, sentences, matcher, context, parsed_block, sentence_doc, status_of,
              blocks) -> list[Mention]:
    out: list[Mention] = []
    for b0, b1 in blocks(text):
        if not any(lit in lowered[b0:b1] for lit in literals):
            continue
        doc = parsed_block(text[b0:b1])
        doc.ents = ()
        for ent in matcher(doc).ents:
            sub, target = sentence_doc(doc, ent)
            offset = b0 + doc[ent[0].sent.start].idx
            sub.ents = (target,)
            context(sub)
            start, end = offset + target.start_char, offset + target.end_char
            sent = _sentence_at(sentences, start) if sentences else None
            section = sent.section if sent else None
            mods = [m for m in getattr(sub.ents[0]._, "modifiers", ())
                    if not _MISSED_BOUNDARY.search(_gap(sub, m.modifier_span, (target.start, target.end)))]
            assertion = _assertion_of(sub, mods)
            if assertion == "present" and _NEG_BEFORE.search(_before_in_sentence(sub, target)):
                assertion = "negated"  # "CAD: No chest pain": the default ": no" cue points backwards
            if assertion == "present" and _WORKUP_AFTER.match(sub[target.end:].text):
                assertion = "hypothetical"  # "a pulmonary embolism protocol": a test, not a finding
            sec = (section or "").lower()
            if "family" in sec and assertion in ("present", "historical"):
                assertion = "family"
            elif _is_indication(sec) and assertion == "present":
                assertion = "possible"
            c0, c1 = start, end
            for mod in mods:
                ms, me = mod.modifier_span
                c0, c1 = min(c0, offset + sub[ms].idx), max(c1, offset + sub[me - 1].idx + len(sub[me - 1].text))
            out.append(Mention(start, end, assertion, section, c0, c1))
    return out


# A sentence boundary the splitter missed between a cue and its target ("No acute process. 2. 8 mm
# nodule" read as one sentence): the cue does not reach across it.
_MISSED_BOUNDARY = re.compile(r"[.;!?]\s|\n\s*\n|(?:^|\s)\d{1,2}[.)]\s")
_CATEGORY = {"NEGATED_EXISTENCE": "negated", "FAMILY": "family", "HYPOTHETICAL": "hypothetical",
             "POSSIBLE_EXISTENCE": "possible", "HISTORICAL": "historical"}


def _is_indication(section: str | None) -> bool:
    sec = (section or "").lower()
    return "indication" in sec or "reason" in sec


def _gap(doc, a: tuple[int, int], b: tuple[int, int]) -> str:
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    return doc[lo:hi].text_with_ws if hi > lo else ""


def _assertion_of(doc, modifiers) -> str:
    """The assertion from the modifiers that reach a target; a request for a test ("evaluate
    for", "rule out") makes it hypothetical whatever else the default rules said."""
    from clinqa.text.assertion import REQUEST_CUES

    cats = set()
    for m in modifiers:
        cue = doc[m.modifier_span[0]:m.modifier_span[1]].text.lower()
        cats.add("hypothetical" if cue in REQUEST_CUES else _CATEGORY.get(m.category.upper()))
    if "hypothetical" in cats and cats & {"negated"} and any(
            doc[m.modifier_span[0]:m.modifier_span[1]].text.lower() in REQUEST_CUES for m in modifiers):
        return "hypothetical"
    return next((name for name in ("negated", "family", "hypothetical", "possible", "historical") if name in cats),
                "present")


_NEG_BEFORE = re.compile(r"(?:^|[\s:;(])(?:no|not|denies|denied|without|negative for|free of|absence of)\s+"
                         r"(?:[\w/-]+\s+){0,3}$", re.I)


_WORKUP_AFTER = re.compile(r"\s*(?:protocol|workup|work-up|study|panel|screen(?:ing)?|precautions)\b", re.I)


def _before_in_sentence(doc, target) -> str:
    text = doc[:target.start].text_with_ws
    return re.split(r"[.;!?]\s", text)[-1]


def _with_action(m: Mention, text: str, sentences, action: str) -> Mention:
    sent = _sentence_at(sentences, m.start)
    said = action_assertion(text[sent.start:sent.end] if sent else text[m.start:m.end], action)
    if said is None or m.assertion in ("negated", "family", "hypothetical"):
        return m
    return replace(m, assertion=said, cue_start=sent.start if sent else m.start, cue_end=sent.end if sent else m.end)


def _aggregate(mentions: list[Mention], raw: list[Answer], asked: AskedFor) -> tuple[str, Mention, str]:
    """present -> yes; present and negated both -> uncertain (a clinician must look); possible ->
    uncertain; negated -> no; historical only -> uncertain (yes when the question says "ever" or
    "history of"); hypothetical ("return if chest pain") or family only -> not a statement about
    the patient: not_mentioned (family mentions are the yes when the question asks about family)."""
    def pick(ms):  # the mention the reader's best span covers, else the first
        for a in raw:
            for m in ms:
                if a.start <= m.start and m.end <= a.end:
                    return m
        return ms[0]

    # the reason for an exam ("INDICATION: rule out pneumothorax") is a question, not a finding:
    # it counts only when the report says nothing else about the concept
    findings = [m for m in mentions if not _is_indication(m.section)]
    mentions = findings or mentions
    by: dict[str, list[Mention]] = {}
    for m in mentions:
        by.setdefault(m.assertion, []).append(m)
    if asked.family:  # only relatives' mentions answer a family-history question
        fam = by.get("family", [])
        if fam:
            return "yes", pick(fam), f"{len(fam)} mention(s) in the family history"
        neg = [m for m in by.get("negated", []) if "family" in (m.section or "").lower()]
        if neg:
            return "no", pick(neg), "negated in the family history"
        return "not_mentioned", pick(mentions), "no family-history mention"
    present, negated, possible = by.get("present", []), by.get("negated", []), by.get("possible", [])
    if asked.ever:
        present = present + by.get("historical", [])
    if present and negated:
        p, n = pick(present), pick(negated)
        return "uncertain", p, f"conflicting mentions: present at {p.start}-{p.end}, negated at {n.start}-{n.end}"
    if present:
        return "yes", pick(present), f"{len(present)} mention(s) asserted present"
    if possible:
        m = pick(possible)
        return "uncertain", m, "mentioned as possible only"
    if negated:
        return "no", pick(negated), f"{len(negated)} mention(s) negated, none asserted present"
    if by.get("historical"):
        return "uncertain", pick(by["historical"]), "mentioned as past history only"
    if by.get("hypothetical"):
        return "not_mentioned", pick(by["hypothetical"]), "mentioned only as a hypothetical (e.g. return precautions)"
    return "not_mentioned", pick(mentions), "mentioned only for a family member, not the patient"


def action_of(question: str) -> str | None:
    """The verb a yes/no question asks about the concept ("Was spironolactone started?" ->
    "started"), when it is one of the verbs `yes_no_target` strips."""
    m = _DONE.search(_TRAILING.sub("", question.strip()).strip(" ?¿.,;:"))
    return m.group(0).strip().lower() if m else None


_NEGATION_NEAR = r"(?:\bnot\b|n't\b|\bnever\b|\bno longer\b|\bdeclined\b|\bdeferred\b|\bwithout\b|\bheld\b)"


def action_assertion(sentence: str, action: str) -> str | None:
    """For "Was X started?": the mention's sentence must say the action; negated near it
    ("was not started") is a no, absent is only possible (the drug is named, the start is not)."""
    stem = re.escape(action[:5])
    if re.search(_NEGATION_NEAR + r"(?:\W+\w+){0,3}?\W+" + stem, sentence, re.I) or \
            re.search(stem + r"\w*\W+(?:\w+\W+){0,2}?" + _NEGATION_NEAR, sentence, re.I):
        return "negated"
    if re.search(r"\b" + stem, sentence, re.I):
        return None  # stated: ConText's assertion stands
    return "possible"


def yes_no_target(question: str) -> str | None:
    """The concept a yes/no question asks about: "Does the patient have chest pain?" -> "chest pain"."""
    q = _LEAD.sub("", question.strip(), count=1)
    for _ in range(6):
        q2 = _FILLER.sub("", _SUBJECT.sub("", q))
        if q2 == q:
            break
        q = q2
    q = _TRAILING.sub("", q).strip(" ?¿.,;:")
    q = _DONE.sub("", q)
    q = re.sub(r"\s+", " ", q)
    if not q or _FILLER.fullmatch(q + " ") or _SUBJECT.fullmatch(q + " "):
        return None  # "Any?" names nothing
    return q.lower() if len(q) >= 3 else None


# ------------------------------------------------------------------ labs
@functools.lru_cache(maxsize=1)
def _alias_re() -> tuple[re.Pattern, dict[str, str]]:
    canon = {a: name for name, names in LAB_ALIASES.items() for a in names}
    alts = sorted(canon, key=len, reverse=True)
    pat = re.compile(r"(?<![\w.])(" + "|".join(re.escape(a) for a in alts) + r")(?![a-z])", re.I)
    return pat, canon


def lab_in(question: str, with_start: bool = False):
    """The lab or vital sign a question names (its canonical name), if any; with `with_start`,
    (name, where its name starts in the question)."""
    pat, canon = _alias_re()
    for m in pat.finditer(question):
        alias = m.group(1).lower()
        if alias in _SHORT and not re.search(rf"\b(?:the|what|was|is|level|value)\s+{re.escape(alias)}\b",
                                            question, re.I):
            continue
        return (canon[alias], m.start()) if with_start else canon[alias]
    return None


def lab_values(text: str, lab: str) -> list[tuple[int, int, int]]:
    """(value start, value end, name start) of each measured value of `lab`: the first number
    after one of its names on the same line, before any other lab name, with its whole unit; then
    the later values of the same row (a table's columns, "7.2 (adm) -> 9.1 (d/c)", "(from 3.8)").
    A number after a threshold cue ("K < 4", "goal", "replete if") is not a measurement."""
    pat, canon = _alias_re()
    names = [(m.start(), m.end(), canon[m.group(1).lower()]) for m in pat.finditer(text)]
    out = []
    for i, (ns, ne, name) in enumerate(names):
        if name != lab:
            continue
        if _OTHER_MEASURE.match(text, ne) or (ne - ns <= 2 and text[ne:ne + 1] == "/"):
            continue  # "creatinine ratio", "K/uL": not a value of the lab
        line_end = text.find("\n", ne)
        line_end = len(text) if line_end < 0 else line_end
        stop = line_end  # the next other lab's name on the line (names are in note order)
        for s, _, other in itertools.islice(names, i + 1, None):
            if s >= line_end:
                break
            if other != lab and s > ne:
                stop = s
                break
        sentence_end = re.search(r"[.;](?:\s|$)", text[ne:stop])
        if sentence_end and not re.match(r"\d", text[ne + sentence_end.start() + 1:ne + sentence_end.start() + 2]):
            stop = min(stop, ne + sentence_end.start())
        first = True
        for m in VALUE.finditer(text, ne, stop):
            if first and m.start() - ne > 40:
                break
            between = text[ne:m.start()]
            if THRESHOLD_CUE.search(between if first else text[max(ne, m.start() - 12):m.start()]) or \
                    (first and THRESHOLD_CUE.search(text[max(0, ns - 25):ns].split("\n")[-1])):
                if first:
                    break
                continue
            end = m.end()
            while end > m.start() and text[end - 1] in " \t*":
                end -= 1
            start = m.start()
            if start > 0 and text[start - 1] in "<>≤≥":
                start -= 1
            out.append((start, end, ns))
            first = False
    return out


# ------------------------------------------------------------------ spans
def clean_span(text: str, start: int, end: int, sentences: list[Sentence] | None = None,
               keep_list: bool = False) -> tuple[int, int] | None:
    """[start, end) without list numbering or bullets at the edges, cut before a section header
    or blank line it would cross (and, unless `keep_list`, before the next list item), with a
    number extended to its whole unit. None when nothing is left."""
    if not (0 <= start < end <= len(text)):
        return None
    # never across a header sentence or a blank line
    for s in sentences or ():
        if s.kind == "header" and start < s.start < end:
            end = s.start
    chunk = text[start:end]
    for pat in (r"\n[ \t]*\n",):
        m = re.search(pat, chunk)
        if m and m.start() > 0:
            end = start + m.start()
            chunk = text[start:end]
    m = HEADER_LINE.search(chunk[1:]) if "\n" in chunk else None
    if m:
        line_start = chunk.rfind("\n", 0, m.start() + 2)
        if line_start > 0:
            end = start + line_start
    if not keep_list:
        chunk = text[start:end]
        m = re.search(r"\n[ \t]*(?:\d{1,2}[.)]|[-*•·])\s+", chunk)
        if m and m.start() > 0:
            end = start + m.start()
    # strip edges
    chunk = text[start:end]
    lead = LIST_MARK.match(chunk + " ")
    if lead:
        start += min(lead.end(), len(chunk))
    while start < end and text[start] in " \t\r\n,;:":
        start += 1
    while end > start and (text[end - 1] in " \t\r\n,;:" or
                           (text[end - 1] == "." and not _abbrev_end(text, start, end))):
        end -= 1
    if end <= start or not any(ch.isalnum() for ch in text[start:end]):
        return None
    end = extend_unit(text, start, end)
    return (start, end)


def _abbrev_end(text: str, start: int, end: int) -> bool:
    """A final '.' that belongs to the word ("p.o.", "b.i.d.", "Dr.") rather than the sentence."""
    word = re.search(r"(\S+)$", text[start:end])
    w = word.group(1) if word else ""
    return bool(re.fullmatch(r"(?:[a-z]\.){2,}|(?:dr|mr|mrs|ms|st|vs|no)\.", w, re.I))


def extend_unit(text: str, start: int, end: int) -> int:
    """A span ending in a number, or inside a unit ("486 mg" of "486 mg/dL"), takes the whole unit."""
    tail = text[end:end + 24]
    if re.search(r"\d\*?$", text[start:end]):
        m = re.match(r"\*?\s?(" + UNIT_RE + r")(?![a-z])", tail, re.I)
        if m:
            return end + m.end()
    if end > start and text[end - 1].isalpha() or text[end - 1:end] == "%":
        m = re.match(r"(?:/[A-Za-zµ0-9^]+)+", tail)
        if m and re.search(r"\d\s*\S*$", text[start:end]):
            return end + m.end()
    return end


_STOP = {"what", "which", "were", "was", "the", "patient", "patients", "list", "name", "does", "have", "with", "that",
         "this", "they", "their", "from", "into", "during", "after", "before", "given", "started"}


def _list_under_header(question: str, sentences: list[Sentence]) -> int | None:
    """The first list item under the header sharing the most word stems with the question
    ("What medications was the patient discharged on?" -> DISCHARGE MEDICATIONS)."""
    q = {w[:5] for w in re.findall(r"[a-z]{4,}", question.lower()) if w not in _STOP}
    best, best_overlap = None, 0
    for i, s in enumerate(sentences):
        if s.kind != "header":
            continue
        h = {w[:5] for w in re.findall(r"[a-z]{4,}", s.text.lower())}
        overlap = len(q & h)
        first = next((j for j in range(i + 1, min(i + 3, len(sentences))) if sentences[j].kind == "list_item"), None)
        if first is not None and overlap > best_overlap:
            best, best_overlap = first, overlap
    return best


def _typed_core(text: str, span: tuple[int, int], asked: AskedFor) -> tuple[int, int]:
    """A number question's answer is the value with its unit (and a comparator: "<0.01 ng/mL"); a
    date question's is the date. A dose answer keeps its drug, route and frequency around it."""
    s, e = span
    chunk = text[s:e]
    m = None
    if asked.answer_type == "date":
        from clinqa.text.values import DATE_PATTERNS

        m = next((x for x in (p.search(chunk) for p in DATE_PATTERNS) if x), None)
    elif asked.answer_type == "number":
        m = VALUE.search(chunk)
    elif asked.category == "Medication" and not asked.allergy:
        return _without_label(text, span)
    if not m:
        return span
    start, end = s + m.start(), s + m.end()
    while end > start and text[end - 1] in " \t*":
        end -= 1
    if start > 0 and text[start - 1] in "<>≤≥":
        start -= 1
    return start, extend_unit(text, start, end)


def _drop_negated(note: Note, answers: list[Answer], language: str | None, limit: int = 12) -> list[Answer]:
    """`answers` without those whose ConText assertion is negated (the first `limit` checked)."""
    from clinqa.text.assertion import assert_spans

    head = [a for a in answers[:limit] if a.end > a.start]
    status = assert_spans(note.text, [(a.start, a.end) for a in head], language) if head else []
    bad = {(a.start, a.end) for a, st in zip(head, status) if st == "negated"}
    return [a for a in answers if (a.start, a.end) not in bad]


def _item_head(text: str, span: tuple[int, int], asked: AskedFor) -> tuple[int, int]:
    """A list item as an answer: the whole item (drug, dose, route, frequency) unless it is a
    problem list entry with a colon ("1. Community-acquired pneumonia: He was treated..."):
    a problem question takes the problem, a medication question what follows the colon."""
    s, e = span
    if asked.category == "Medication" and not asked.allergy:
        return _without_label(text, span)
    colon = text.find(":", s, e)
    if colon > s and asked.category in ("Diagnosis", "Symptoms", "Procedure"):
        return s, colon
    return s, e


def _sentence_at(sentences: list[Sentence] | None, pos: int) -> Sentence | None:
    for s in sentences or ():
        if s.start <= pos < s.end:
            return s
    return None


@functools.lru_cache(maxsize=1)
def _problem_terms() -> frozenset[str]:
    from clinqa.text.vocab import icd_terms

    return frozenset(icd_terms())


def _has_problem(words: tuple[str, ...]) -> bool:
    from clinqa.text.vocab import ngrams

    terms = _problem_terms()
    return any(g in terms for g in ngrams(list(words)))


def _words(text: str) -> tuple[str, ...]:
    """Lower-cased words as the vocabulary checks (drug lexicon, ICD-10-CM terms) read them."""
    return tuple(re.findall(r"[a-z0-9][a-z0-9\-/]*", text.lower()))


# Words that make a span a problem even when no ICD-10-CM term matches it whole.
_PROBLEM_WORD = re.compile(
    r"(?:itis|osis|emia|aemia|oma|pathy|algia|plegia|ectomy|otomy|ostomy|plasty|uria|rrhea|rrhoea|trophy|"
    r"megaly|ectasis|penia|cytosis|stenosis|insufficiency)$|^(?:disease|disorder|syndrome|failure|infection|"
    r"cancer|carcinoma|tumou?r|mass|nodule|lesion|fracture|injury|ulcer|bleed\w*|hemorrhage|thrombus|"
    r"thrombosis|embolism|infarct\w*|deficiency|obesity|hypertension|hypotension|diabetes|asthma|anemia|"
    r"sepsis|pneumonia|abscess|effusion|edema|arrhythmia|dementia|depression|anxiety|s/p)$", re.I)


# Problem abbreviations common in notes (general clinical usage), beside text/vocab's synonyms.
_PROBLEM_ABBREV = frozenset(
    "ards copd chf cad htn hld hlp dm dm1 dm2 t1dm t2dm iddm niddm ckd aki esrd uti dvt pe cva tia af afib "
    "aflutter gerd osa mi nstemi stemi acs bph oa ra sle pna cap hcap gib ugib lgib sbo dka hhs hf hfref hfpef "
    "pvd pad ild ipf cirrhosis nash nafld hcv hbv hiv copd-e etoh ckd3 ckd4 ckd5 hypothyroidism".split())


def is_problem(text: str) -> bool:
    """Whether a span names a problem: an ICD-10-CM term, a known clinical abbreviation of one
    ("AF", "DM2", "HTN", "CKD"), or a disease word ("...itis", "nodule", "s/p")."""
    from clinqa.text.vocab import clinical_synonyms

    words = _words(PLACEHOLDER.sub(" ", text))
    if _has_problem(words) or any(_PROBLEM_WORD.search(w) for w in words):
        return True
    if any(w in _PROBLEM_ABBREV or (w.endswith("s") and w[:-1] in _PROBLEM_ABBREV) for w in words):
        return True
    return any(_has_problem(tuple(syn.split())) for w in words for syn in clinical_synonyms(w))


def _after_label(text: str) -> str:
    """A plan line's text after its problem label ("Metabolic acidosis: start sodium bicarbonate
    650 mg" -> "start sodium bicarbonate 650 mg"); the text itself when it has no label."""
    m = re.match(r"[^:\n]{3,60}:\s+(?=\S)", text)
    return text[m.end():] if m else text


def _without_label(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A medication answer's span without the plan line's problem label before it."""
    s, e = span
    return e - len(_after_label(text[s:e])), e


def _problem_first(text: str) -> bool:
    """"Type 2 diabetes mellitus, on insulin": a problem named before the first drug word."""
    from clinqa.text.vocab import drugs_in

    words = _words(text)
    first_drug = next((i for i, w in enumerate(words) if drugs_in((w,))), None)
    if not first_drug:
        return False
    return _has_problem(words[:first_drug]) or any(_PROBLEM_WORD.search(w) for w in words[:first_drug])


def _english_note(text: str) -> bool:
    """The vocabulary checks (drug lexicon, ICD-10-CM problem words) only know English: on a note
    in another language they would refuse every right answer, so there only the language-neutral
    checks (headers, placeholders, numbers, units, dates, allergy lines) apply."""
    from clinqa.text.language import language_of

    return language_of(text).is_english


def _unit_fits(text: str, asked: AskedFor) -> tuple[bool, str]:
    """The first value of `text` has a unit of the asked dimension (or none where none is needed)."""
    from clinqa.text.values import unit_dimension

    if not asked.dimensions and not asked.needs_unit:
        return True, ""
    m = VALUE.search(text)
    if not m:
        return False, f"{text!r} holds no number"
    unit = m.group(3)
    dim = unit_dimension(unit)  # None for "HR" ("36.9  HR 104": the next vital's label, not hours)
    if dim is None and asked.needs_unit:
        return False, f"{text!r} has no unit of {'/'.join(sorted(asked.dimensions)) or 'time'}"
    if dim is not None and asked.dimensions and dim not in asked.dimensions:
        return False, f"{text!r} measures {dim}, not {'/'.join(sorted(asked.dimensions))}"
    return True, ""


def _question_category(question: str) -> str | None:
    if _ALLERGY_Q.search(question):
        return "Medication"
    for label, pat in QUESTION_RULES:
        if pat.search(question):
            return label
    return None


def _type_name(asked: AskedFor) -> str:
    if asked.lab:
        return f"a value of {asked.lab}"
    if asked.allergy:
        return "an allergy statement"
    if asked.dose:
        return "a dose with its unit"
    if asked.answer_type in ("number", "date"):
        return f"a {asked.answer_type}"
    return asked.category.lower() if asked.category else "a span"


def _passes(items: list[Answer], asked: AskedFor, cal: Calibration) -> bool:
    threshold = asked.min_score if asked.min_score is not None else cal.min_score
    return threshold is None or max(a.score for a in items) >= threshold


def _dedupe(answers: list[Answer]) -> list[Answer]:
    seen, out = set(), []
    for a in answers:
        if (a.start, a.end) not in seen:
            seen.add((a.start, a.end))
            out.append(a)
    return out


def _abstain(note: Note, method: str, reason: str, score: float = 0.0) -> Answer:
    return replace(Answer.no_answer(note.id, score, method), reason=reason)


# ------------------------------------------------------------------ one call for every entry point
def answer_questions(reader, policy: AnswerPolicy, items: list[tuple[Note, str, Any]],
                     sentences: list[list[Sentence]], *, top_k: int = 1,
                     language: str | list[str | None] | None = None) -> list[Decision]:
    """Ask a reader (extractive or lexical) about (note, question, concept-or-None) items, with
    each item's note sentences, and apply the policy: the one path `ask`, `extract`, `serve` and
    `eval qa` share. `language`: one for all items, or one per item (questionnaires asked in each
    note's own language)."""
    if not items:
        return []
    languages = language if isinstance(language, list) else [language] * len(items)
    if hasattr(reader, "answer_many"):
        import inspect

        params = inspect.signature(reader.answer_many).parameters
        # readers from elsewhere may not know these options: the policy needs neither
        extra = {k: False for k in ("with_context", "apply_threshold")
                 if k in params or any(p.kind == p.VAR_KEYWORD for p in params.values())}
        outs = reader.answer_many([(n, q) for n, q, _ in items], top_k=max(CANDIDATES, top_k),
                                  sentences=list(sentences), **extra)
        raw = [(o.answers, getattr(o, "null_minus_best", None)) for o in outs]
    else:  # the lexical baseline: sentences, no no-answer score
        raw = [(reader.answer(n, q, sentences=s), None) for (n, q, _), s in zip(items, sentences)]
    return [policy.decide(n, q, answers, s, null_minus_best=diff, concept=c, language=lang, top_k=top_k)
            for (n, q, c), s, (answers, diff), lang in zip(items, sentences, raw, languages)]


def tune_min_score(scores: list[float], answered_f1: list[float], has_answer: list[bool]) -> tuple[float, float]:
    """The score threshold that maximises mean SQuAD v2 F1 on a dev split: an answer scored under
    it becomes an abstention (1 for an unanswerable question, 0 otherwise). Scores of -1 mark
    questions the policy abstains on anyway, +inf answers no threshold removes (verdicts).
    Returns (threshold, best mean); the lowest threshold wins ties (abstain as little as the
    data allows)."""
    import numpy as np

    s = np.asarray(scores, dtype=np.float64)
    ans = np.where(np.asarray(has_answer, dtype=bool), np.asarray(answered_f1, dtype=np.float64), 0.0)
    abst = np.where(np.asarray(has_answer, dtype=bool), 0.0, 1.0)
    if not len(s):
        raise ValueError("no dev examples to tune the abstention threshold on")
    best_t, best = 0.0, float(np.where(s < 0.0, abst, ans).mean())
    for t in sorted({float(x) for x in s if np.isfinite(x) and x >= 0.0}):
        t2 = float(np.nextafter(t, np.inf))  # abstain when score < t2, i.e. score <= t
        v = float(np.where(s < t2, abst, ans).mean())
        if v > best + 1e-12:
            best_t, best = t2, v
    return best_t, best
