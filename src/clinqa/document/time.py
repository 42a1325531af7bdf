"""Time in a note: the moments of a stay a text names (admission, discharge: the lexicon's
`moments`), dates and times as sortable keys, and the note's time anchors."""

from __future__ import annotations

import re

from clinqa.document.model import Item, TimeAnchor
from clinqa.lexicon import lexicon

# 2025-06-01 | 6/1/2025 | 06/01 | 6-3 (month first, as US notes write; day first when the first
# number can be no month: 15/05/2185) | 09-Mar-2184, 5 September 2181, 19 Jan 2188 | Oct 3, 2189;
# 3rd Mar, 2nd of october 2188; optional time 04:00 / 0400h
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MON = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
        r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?")  # never "2 decades", "3 octreotide"
_DATE_BODY = (r"(?:(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})|(?P<m2>\d{1,2})[/-](?P<d2>\d{1,2})"
              r"(?:[/-](?P<y2>\d{2,4}))?|(?P<d3>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[-\s](?P<mon3>" + _MON + r")(?:[-\s,]+(?P<y3>\d{4}))?"
              r"|(?P<mon4>" + _MON + r")\s+(?P<d4>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y4>\d{4}))?)")
_DATE = re.compile(r"(?<![\w/-])" + _DATE_BODY + r"(?![\w/])", re.I)
_TIME = re.compile(r"(?<![\w:.])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])|(?<![\w:.])(?P<h2>[01]\d|2[0-3])(?P<mi2>[0-5]\d)\s*h\b")
DATE = _DATE  # a date as notes write it (the pattern other modules find dates with)
TIME = _TIME  # a clock time (04:00, 0400h)
MONTH = _MON  # a month's name or its abbreviation
_RELATIVE = re.compile(r"\b(?:HD|hospital day|POD|post-?op(?:erative)? day|day)\s*#?\s*(?P<n>\d{1,3})\b", re.I)
RELATIVE = _RELATIVE  # a day of the stay: "day 3", "POD2", "HD 4"


def moment_of(text: str) -> str | None:
    """"admission" or "discharge" when `text` names that moment of the stay (discharge first: "at
    d/c" beside "admitted"... a column or note of a value names one)."""
    if not text:
        return None
    lex = lexicon()
    for name in ("discharge", "admission"):
        if lex.words_re("moments", name).search(text):
            return name
    return None


def time_key(text: str) -> tuple | None:
    """A key that orders the moment `text` names: (year or 0, month, day, minutes) for a date (and
    time), (0, 0, 0, minutes) for a time alone, ("rel", n) for a relative day; None otherwise."""
    if not text:
        return None
    d = _DATE.search(text)
    t = _TIME.search(text)
    minutes = None
    if t:
        h = int(t.group("h") or t.group("h2"))
        mi = int(t.group("mi") or t.group("mi2"))
        minutes = h * 60 + mi
    if d:
        y = d.group("y") or d.group("y2") or d.group("y3") or d.group("y4") or "0"
        y = int(y) + (2000 if len(y) == 2 else 0)
        mon = d.group("mon3") or d.group("mon4")
        if mon:
            m = _MONTHS.index(mon[:3].lower()) + 1
            day = int(d.group("d3") or d.group("d4"))
        else:
            m = int(d.group("m") or d.group("m2"))
            day = int(d.group("d") or d.group("d2"))
            if m > 12 and day <= 12 and not d.group("y"):
                m, day = day, m  # 15/05/2185: day first
        if 1 <= m <= 12 and 1 <= day <= 31:
            return (y, m, day, minutes if minutes is not None else -1)
    if minutes is not None:
        return (0, 0, 0, minutes)
    r = _RELATIVE.search(text)
    if r:
        return ("rel", int(r.group("n")))
    return None


def comparable(a: tuple | None, b: tuple | None) -> bool:
    return a is not None and b is not None and type(a[0]) is type(b[0])


def matches(asked: tuple, key: tuple | None) -> bool:
    """Whether a value's time key is the moment a question names: same date (the year only when
    both give one), and the same time when the question gives one."""
    if key is None or not comparable(asked, key):
        return False
    if asked[0] == "rel":
        return asked == key
    ya, ma, da, mina = asked
    yk, mk, dk, mink = key
    if ma and (ma, da) != (mk, dk):
        return False
    if ya and yk and ya != yk:
        return False
    if mina >= 0 and mink != mina:
        return False
    return bool(ma) or mina >= 0


# "Admitted 15/05/2185 via ED", "discharged on [**3-9**]": a moment's date written right after it
_STAY_DATE = re.compile(r"(?<![\w-])(?P<cue>admitted|discharged|readmitted)(?:[ \t]+on)?(?:[ \t]+the)?[ \t]+(?:\[\*\*)?(?P<date>" +
                        _DATE_BODY + r")(?![\w/])", re.I)


def anchors(text: str, fields: list[Item]) -> list[TimeAnchor]:
    """Admission and discharge (from fields such as "Admission Date: ..."; their dates as keys),
    then every date, time and relative day the note writes."""
    out: list[TimeAnchor] = []
    for f in fields:
        moment = moment_of(f.key or "")
        if moment and (re.search(r"\bdate\b|\bon\b|^\s*(?:admitted|discharged)\s*$", f.key or "", re.I)
                       or _DATE.match(f.text.strip())):  # "Admission: April 9, 2186, 06:10 (labor and delivery)"
            out.append(TimeAnchor(moment, f.text, f.start, f.end, time_key(f.text)))
    for m in _STAY_DATE.finditer(text):
        if not any(a.start <= m.start("date") < a.end for a in out):
            out.append(TimeAnchor(moment_of(m.group("cue")) or "admission", m.group("date"), m.start("date"),
                                  m.end("date"), time_key(m.group("date"))))
    for m in _DATE.finditer(text):
        key = time_key(m.group(0))
        if key:
            out.append(TimeAnchor("date", m.group(0), m.start(), m.end(), key))
    for m in _TIME.finditer(text):
        out.append(TimeAnchor("time", m.group(0), m.start(), m.end(), time_key(m.group(0))))
    for m in _RELATIVE.finditer(text):
        out.append(TimeAnchor("relative_day", m.group(0), m.start(), m.end(), time_key(m.group(0))))
    out.sort(key=lambda a: (a.start, a.kind))
    return out
