"""Labs and vital signs: the lab a question names, every measured value of a lab in a note
(never a threshold of the plan), and where each value was written (its moment)."""

from __future__ import annotations

import itertools
import re

from clinqa.lexicon import lexicon
from clinqa.qa.policy.patterns import THRESHOLD_CUE, VALUE
from clinqa.qa.policy.spans import SentenceIndex


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


def context_of(text: str, index: SentenceIndex, name_start: int, value_start: int, with_line: bool = True) -> str:
    """The line of a value, its sentence's section name and the header line above it: where a
    value's moment ("Discharge labs:", "ADMISSION LABS", "at discharge") is written."""
    line0 = text.rfind("\n", 0, name_start) + 1
    line1 = text.find("\n", value_start)
    line = text[line0:line1 if line1 >= 0 else len(text)] if with_line else ""
    sent = index.at(name_start)
    section = (sent.section or "") if sent else ""
    return " ".join((line, section.replace("_", " "), index.header_before(name_start)))


# A lab name followed by one of these names another measure ("albumin-to-creatinine ratio 48").
_OTHER_MEASURE = re.compile(r"\s*(?:ratio|clearance|index|kinase|phosphokinase|/)", re.I)


def alias_re() -> tuple[re.Pattern, dict[str, str]]:
    """Any name of a lab or vital sign of the lexicon (longest first), and name -> canonical name."""
    lex = lexicon()
    return lex.lab_name_re, lex.lab_canonical


def lab_in(question: str, with_start: bool = False):
    """The lab or vital sign a question names (its canonical name), if any; with `with_start`,
    (name, where its name starts in the question)."""
    pat, canon = alias_re()
    for m in pat.finditer(question):
        alias = m.group(1).lower()
        if alias in lexicon().short_lab_names and not re.search(rf"\b(?:the|what|was|is|level|value)\s+{re.escape(alias)}\b",
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
