"""Numbers with units and dates as written in clinical text (shared by the answer policy in
qa/ and the extraction values in extract/)."""

from __future__ import annotations

import re

from clinqa.lexicon import PerLexicon, lexicon

# A number and its unit (the lexicon's forms, longer ones first, so "486 mg/dL" is never cut to
# "486 mg"). The guards keep a number whole: without (?!\d) and the "/" look-behind, "138/82 mmHg"
# backtracked to "13" (a blood pressure read as 13).
NUMBER = PerLexicon(lambda lex: re.compile(
    r"(?<![\w./])(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:[.,]\d+)?)(?![\d,.]\d)\*?\s*(" + lex.unit_re
    + r")?(?![a-z/\d])", re.I))
# Two numbers over a slash (blood pressure 138/82) are one value, not a number; dates are not ratios.
RATIO = re.compile(r"(?<![\w./])(\d{2,3})\s*/\s*(\d{2,3})(?![\d/])\s*(mm\s?hg)?", re.I)
_MONTH_NAME = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
DATE_PATTERNS = [
    re.compile(r"\[\*\*(\d{4}-\d{1,2}-\d{1,2})\*\*\]"),  # MIMIC de-identified placeholder
    re.compile(r"\b(\d{4}-\d{1,2}-\d{1,2})\b"),
    re.compile(r"\b(\d{1,2}/\d{1,2}/\d{2,4})\b"),
    re.compile(r"\b(" + _MONTH_NAME + r"[a-z]*\.? \d{1,2},? \d{4})\b", re.I),
    re.compile(r"\b(\d{1,2} " + _MONTH_NAME + r"[a-z]* \d{4})\b", re.I),
    re.compile(r"\b(\d{1,2}-" + _MONTH_NAME + r"[a-z]*-\d{4})\b", re.I),  # 09-Mar-2184
]



def parse_number(text: str) -> tuple[float, str | None] | None:
    m = NUMBER.search(text)
    if not m:
        return None
    raw = m.group(1)
    raw = raw.replace(",", "") if re.fullmatch(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw) else raw.replace(",", ".")
    unit = m.group(2)
    return float(raw), unit


def parse_ratio(text: str) -> tuple[str, str | None] | None:
    """ "138/82 mmHg" -> ("138/82", "mmHg"): blood pressure as written, which no float holds."""
    m = RATIO.search(text)
    if not m:
        return None
    return f"{m.group(1)}/{m.group(2)}", m.group(3)


# A date at the precision of a month or a year ("November 2004", "since 2019"), or a month and
# day as de-identified notes write them ("[**9-16**]"). A bare "7/10", "L4-5" or "2000" is a pain
# score, a spinal level or a volume, never a date: a year needs its month or a preposition of
# time, a month/day its de-identification brackets or a date word before it (lexicon
# `document.date_words`).
_YEAR = r"(?:1[89]\d\d|20\d\d)"
MONTH_YEAR = re.compile(r"\b" + _MONTH_NAME + r"[a-z]*\.?,? " + _YEAR + r"\b", re.I)
_MONTH_DAY = r"(?:1[0-2]|0?[1-9])[-/](?:3[01]|[12]\d|0?[1-9])(?![\d./-])"
BRACKETED_MONTH_DAY = re.compile(r"\[\*\*" + _MONTH_DAY + r"\*\*\]")
# a bare month/day or year right after one of the lexicon's date words ("on 9/16", "since 2019")
AFTER_DATE_WORD = PerLexicon(lambda lex: re.compile(
    r"(?:" + lex.words_re("date_words", "before").pattern + r")\s+(?<![\d./-])(?:" + _MONTH_DAY + r"|" + _YEAR
    + r"\b(?![\d./-]))", re.I))


def has_date(text: str) -> bool:
    """A full date (`parse_date`), a month and year, a year or month/day after a date word, or a
    de-identified month-day."""
    return (parse_date(text) is not None or bool(MONTH_YEAR.search(text)) or bool(BRACKETED_MONTH_DAY.search(text))
            or bool(AFTER_DATE_WORD.search(text)))


def has_time(text: str, before: str = "") -> bool:
    """A date (`has_date`) or a time from now ("within 72 hours", "in 2 weeks", "3 days ago"):
    what a when-question can be answered with. A bare duration ("x 7 days") is not. `before`:
    the words written just before `text` (an answer "2 weeks" of "follow up in 2 weeks")."""
    if has_date(text):
        return True
    text = before[-12:] + text
    from clinqa.text.shapes import VALUE

    lex = lexicon()
    word_before, word_after = lex.words_re("date_words", "relative_before"), lex.words_re("date_words", "relative_after")
    for m in VALUE.finditer(text):
        if not (m.group(3) and unit_dimension(m.group(3)) == "time"):
            continue
        head = text[max(0, m.start() - 12):m.start()].split()
        if (head and word_before.search(head[-1])) or word_after.match(text[m.end():].lstrip()):
            return True
    return False


def parse_date(text: str) -> str | None:
    from dateutil import parser

    for pat in DATE_PATTERNS:
        m = pat.search(text)
        if m:
            try:
                return parser.parse(m.group(1), fuzzy=False).date().isoformat()
            except (ValueError, OverflowError):
                continue
    return None


def unit_dimension(unit: str | None) -> str | None:
    """"mg/dL" -> "concentration", "days" -> "time", "%" -> "percent"; None for no unit or one
    this table does not know. Upper-case "HR" is a heart rate label, never hours."""
    if not unit:
        return None
    u = unit.strip()
    if u == "HR":
        return None
    # what each unit measures is the lexicon's (units.yaml: dimensions), tried in its order:
    # "8.8%" is not a symptom's duration, "48 mg" (of "48 mg/g") is not a creatinine
    for dim, pat in lexicon().dimension_res:
        if pat.fullmatch(u):
            return dim
    return None
