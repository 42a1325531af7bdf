"""Labs and vital signs: the lab a question names, every measured value of a lab in a note
(never a threshold of the plan), and where each value was written (its moment)."""

from __future__ import annotations

import re

from clinqa.document.measurements import alias_re, lab_values, local_moment  # noqa: F401 (re-exported)
from clinqa.lexicon import lexicon
from clinqa.qa.policy.spans import SentenceIndex


def context_of(text: str, index: SentenceIndex, name_start: int, value_start: int, with_line: bool = True) -> str:
    """The line of a value, its sentence's section name and the header line above it: where a
    value's moment ("Discharge labs:", "ADMISSION LABS", "at discharge") is written."""
    line0 = text.rfind("\n", 0, name_start) + 1
    line1 = text.find("\n", value_start)
    line = text[line0:line1 if line1 >= 0 else len(text)] if with_line else ""
    sent = index.at(name_start)
    section = (sent.section or "") if sent else ""
    header = index.header_before(name_start)
    if re.search(r"\d", header):  # a line of values ("Obs: on admission temp 38.9"), no header of moments
        header = ""
    return " ".join((line, section.replace("_", " "), header))


def _after_moment_word(question: str, pos: int) -> bool:
    """Whether the word before `pos` names a moment or an extreme ("the lowest Hb", "admission K")."""
    prev = re.search(r"([\w/-]+)\s+$", question[:pos])
    lex = lexicon()
    return bool(prev) and any(lex.words_re("moments", n).fullmatch(prev.group(1))
                              for n in ("admission", "discharge", "latest", "peak", "lowest"))


def lab_in(question: str, with_start: bool = False, terse: bool = False):
    """The lab or vital sign a question names (its canonical name), if any; with `with_start`,
    (name, where its name starts in the question). A short name ("K", "BP") counts after words
    that ask for a value, or in a `terse` question that is only a noun phrase ("Pre-op BP?")."""
    pat, canon = alias_re()
    for m in pat.finditer(question):
        alias = m.group(1).lower()
        if alias in lexicon().short_lab_names and not terse and not re.search(rf"\b(?:the|what|was|is|level|value)\s+{re.escape(alias)}\b",
                                            question, re.I) and not _after_moment_word(question, m.start()):
            continue
        return (canon[alias], m.start()) if with_start else canon[alias]
    lex = lexicon()
    m = lex.lab_question_word_re.search(question)
    if m and not lex.words_re("other_specimens", "words").search(question):  # ("Urine ketones?": no blood's)
        lab = lex.lab_of_question_word[m.group(1).lower()]
        return (lab, m.start()) if with_start else lab
    return None


