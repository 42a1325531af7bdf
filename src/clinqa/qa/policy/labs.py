"""Labs and vital signs: the lab a question names, every measured value of a lab in a note
(never a threshold of the plan), and where each value was written (its moment)."""

from __future__ import annotations

import bisect
import functools
import itertools
import re

from clinqa.qa.policy.patterns import THRESHOLD_CUE, VALUE
from clinqa.types import Sentence


def local_moment(text: str, vs: int, ve: int) -> str:
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


class SentenceIndex:
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


def context_of(text: str, index: SentenceIndex, name_start: int, value_start: int, with_line: bool = True) -> str:
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


@functools.lru_cache(maxsize=1)
def alias_re() -> tuple[re.Pattern, dict[str, str]]:
    canon = {a: name for name, names in LAB_ALIASES.items() for a in names}
    alts = sorted(canon, key=len, reverse=True)
    pat = re.compile(r"(?<![\w.])(" + "|".join(re.escape(a) for a in alts) + r")(?![a-z])", re.I)
    return pat, canon


def lab_in(question: str, with_start: bool = False):
    """The lab or vital sign a question names (its canonical name), if any; with `with_start`,
    (name, where its name starts in the question)."""
    pat, canon = alias_re()
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
    pat, canon = alias_re()
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
