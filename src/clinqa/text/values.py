"""Numbers with units and dates as written in clinical text (shared by the answer policy in
qa/ and the extraction values in extract/)."""

from __future__ import annotations

import re

# Longer units first, so "486 mg/dL" is never cut to "486 mg".
UNIT = (r"(?:mg/dl|g/dl|mmol/l|meq/l|umol/l|µmol/l|ng/ml|ng/l|pg/ml|u/l|iu/l|k/ul|x\s?10\^?\d+/l|/ul|/mm3|"
        r"beats/min|breaths/min|l/min|mmhg|mm hg|mg|mcg|µg|ug|g|kg|lb|lbs|ml|l|iu|units?|u/l|ng/ml|pg/ml|"
        r"bpm|/min|breaths/min|%|°f|°c|f|c|cm|mm|m|years?|yrs?|days?|weeks?|hours?|hrs?)")
# The guards keep a number whole: without (?!\d) and the "/" look-behind, "138/82 mmHg" backtracked
# to "13" (a blood pressure read as 13).
NUMBER = re.compile(r"(?<![\w./])(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:[.,]\d+)?)(?![\d,.]\d)\*?\s*(" + UNIT
                    + r")?(?![a-z/\d])", re.I)
# Two numbers over a slash (blood pressure 138/82) are one value, not a number; dates are not ratios.
RATIO = re.compile(r"(?<![\w./])(\d{2,3})\s*/\s*(\d{2,3})(?![\d/])\s*(mm\s?hg)?", re.I)
DATE_PATTERNS = [
    re.compile(r"\[\*\*(\d{4}-\d{1,2}-\d{1,2})\*\*\]"),  # MIMIC de-identified placeholder
    re.compile(r"\b(\d{4}-\d{1,2}-\d{1,2})\b"),
    re.compile(r"\b(\d{1,2}/\d{1,2}/\d{2,4})\b"),
    re.compile(r"\b((?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4})\b", re.I),
    re.compile(r"\b(\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{4})\b", re.I),
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


# What a unit measures. A value is only an answer to a question whose expected dimension it
# shares: "8.8%" is not a symptom's duration, "48 mg" (of "48 mg/g") is not a creatinine.
_DIMENSIONS: tuple[tuple[str, str], ...] = (
    ("count", r"x\s?10\^?\d+/l|k/[uµ]l|/[uµ]l|/mm3|cells/\S+"),
    ("dose rate", r"(?:mcg|mg|units?|u)/(?:kg/)?(?:min|hr?)"),
    ("flow", r"l/min|lpm|ml/(?:hr?|min)"),
    ("rate", r"bpm|beats/min|breaths/min|/min"),
    ("concentration", r"(?:mg|g|mmol|meq|umol|µmol|mcg|ng|pg|u|iu)/(?:dl|l|ml)|mg/g|mmol/mol"),
    ("pressure", r"mm\s?hg"),
    ("percent", r"%"),
    ("temperature", r"°\s?[fc]|degrees(?: [fc]\w*)?|[fc]"),
    ("time", r"years?|yrs?|y/?o|months?|mos?|weeks?|wks?|days?|d|hours?|hrs?|h|minutes?|mins?"),
    ("mass", r"mg|mcg|µg|ug|g|kg|lbs?"),
    ("volume", r"ml|l|cc"),
    ("amount", r"meq|mmol|units?|iu"),
    ("length", r"cm|mm|m"),
    ("dose form", r"puffs?|tabs?|tablets?|capsules?|sprays?|drops?"),
)
_DIMENSION_RE = [(d, re.compile(rf"(?:{p})", re.I)) for d, p in _DIMENSIONS]


def unit_dimension(unit: str | None) -> str | None:
    """"mg/dL" -> "concentration", "days" -> "time", "%" -> "percent"; None for no unit or one
    this table does not know. Upper-case "HR" is a heart rate label, never hours."""
    if not unit:
        return None
    u = unit.strip()
    if u == "HR":
        return None
    for dim, pat in _DIMENSION_RE:
        if pat.fullmatch(u):
            return dim
    return None
