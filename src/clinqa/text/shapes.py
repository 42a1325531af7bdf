"""Shapes of values in a note: numbers with units, doses, sigs, thresholds of a plan, list
marks, header lines, allergy statements, de-identification placeholders."""

from __future__ import annotations

import re

from clinqa.lexicon import PerLexicon, lexicon


def unit_re() -> str:
    """The unit after a number, as a regex source (the lexicon's forms, in their order)."""
    return lexicon().unit_re

# MIMIC de-identification placeholders ("[**Hospital 2**]", "[**Last Name**]") are never an answer.
PLACEHOLDER = re.compile(r"\[\*\*(?!\d{4}-\d{1,2}-\d{1,2}\*\*\])[^\]]*\*\*\]")  # a dated one is a date


# A number keeps its thousands separators and a magnitude word: "250,000" is not 250 and "50
# million" is not 50 (a platelet count or a case count cut at the comma is a wrong value), and a
# decimal comma stays whole: "K 3,1" is not 1.
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+)(?:\.\d+|,\d{1,2}(?!\d|,\d))?(?:\s+(?:thousand|million|billion)\b)?"


VALUE = PerLexicon(lambda lex: re.compile(
    # (a number is whole: "48K" is no value "4")
    r"(?<![\w.])(" + _NUM + r")(?!\d)(?:\s*(?:/|-|–|to)\s*(" + _NUM + r"))?\*?\s*(" + lex.unit_re + r")?(?![a-z])", re.I))


DOSE = PerLexicon(lambda lex: re.compile(
    r"(?<![\w.])\d+(?:\.\d+)?(?:\s*-\s*\d+(?:\.\d+)?)?\s*" + lex.dose_unit_re + r"(?![a-z])", re.I))


_ROUTE = (r"p\.?o\.?|by mouth|orally|iv|i\.v\.|im|sc|subq|subcutaneous(?:ly)?|inhaled|topical|sublingual|sl|pr|"
          r"nebulized")
_FREQUENCY = (r"(?:once|twice|three times|four times)\s+(?:a\s+)?daily|(?:once|twice|three times|four times)\s+a\s+day|"
              r"(?:once |twice )?weekly|(?:once|twice) a week|every other day|"
              r"daily|nightly|at bedtime|q\.?\s?\d+\s?h\.?|q\.?\s?\d+\s?hours|every \d+ hours|b\.?i\.?d\.?|"
              r"t\.?i\.?d\.?|q\.?i\.?d\.?|q\.?d\.?|q\.?h\.?s\.?|weekly|p\.?r\.?n\.?")
# what follows a dose: route, then frequency ("40 mg PO daily", "5 mg p.o. b.i.d.")
SIG = re.compile(r"\s*(?:(?:" + _ROUTE + r")\b\.?\s*)?(?:" + _FREQUENCY + r")?", re.I)
ROUTE = re.compile(r"(?<![\w.])(?:" + _ROUTE + r")(?![\w])\.?", re.I)
# a frequency, "as needed" after it kept ("q4h PRN")
FREQUENCY = re.compile(r"(?<![\w.])(?:" + _FREQUENCY + r")(?![\w])(?:\s+p\.?r\.?n\.?(?![\w]))?", re.I)


# Words that make the number after them a threshold of the plan, not a result; a bare "<" is a
# result under the detection limit ("Troponin <0.01 ng/mL") unless such a word comes first.
THRESHOLD_CUE = re.compile(r"(?:\bgoal\b|\btarget\b|\bkeep\b|\bif\b|\babove\b|\bbelow\b|\bnormal (?:is|range)\b|"
                           r"\bgreater than\b|\bless than\b|\bunder\b|\bover\b|\bmaintain\b|\brepletion\b|"
                           r"\breplete\b|\bhold\b|\bscale\b)", re.I)


LIST_MARK = re.compile(r"^(?:\s*(?:\d{1,2}[.)]|\(?[a-z]\)|[-*•·‣◦]|#\d+)\s+)+", re.I)


HEADER_LINE = re.compile(r"^[ \t]*[A-Z][A-Z0-9 /&,()'\-]{2,60}:?[ \t]*$|^[ \t]*[A-Z][A-Za-z /&()\-]{2,40}:[ \t]*$",
                         re.M)


# An allergy statement in any language the lexicon knows ("NKDA", "Allergic to penicillin", "Αλλεργία").
ALLERGY_TEXT = PerLexicon(lambda lex: lex.allergy_statement_re)
