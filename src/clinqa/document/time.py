"""Time in a note: the moments of a stay a text names (admission, discharge: the lexicon's
`moments`), dates and times as sortable keys, and the note's time anchors."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re

from clinqa.document.model import Item, TimeAnchor
from clinqa.lexicon import PerLexicon, lexicon

# 2025-06-01, 2025/06/01, 2025.06.01 | 6/1/2025 | 06/01 | 6-3 (month first, as US notes write; day first when the first
# number can be no month: 15/05/2185) | 09-Mar-2184, 5 September 2181, 19 Jan 2188 | Oct 3, 2189;
# 3rd Mar, 2nd of october 2188; optional time 04:00 / 0400h
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MON = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
        r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?")  # never "2 decades", "3 octreotide"
_DATE_BODY = (r"(?:(?P<y>\d{4})(?P<ysep>[-/.])(?P<m>\d{1,2})(?P=ysep)(?P<d>\d{1,2})|(?P<m2>\d{1,2})[/-](?P<d2>\d{1,2})"
              r"(?:[/-](?P<y2>\d{2,4}))?|(?P<d3>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[-\s/](?P<mon3>" + _MON + r")(?:[-\s,/]+(?P<y3>\d{4}))?"
              r"|(?P<mon4>" + _MON + r")\s+(?P<d4>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y4>\d{4}))?"
              # the month in Roman numerals, as some clinicians write it: 3.ii.2183, 14.xi
              r"|(?P<d5>\d{1,2})\.(?P<rom5>xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i)(?:\.(?P<y5>\d{4}))?(?![a-z])"
              # day first with dots and a full year, as European and Indian notes write it: 14.08.2186
              r"|(?P<d6>\d{1,2})\.(?P<m6>\d{1,2})\.(?P<y6>\d{4})"
              # year, month name, day: 2182-Oct-11
              r"|(?P<y7>\d{4})-(?P<mon7>" + _MON + r")-(?P<d7>\d{1,2})"
              r")")
_DATE = re.compile(r"(?<![\w/-])" + _DATE_BODY + r"(?![\w/])", re.I)
_TIME = re.compile(r"(?<![\w:.])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])|(?<![\w:.])(?P<h2>[01]\d|2[0-3])(?P<mi2>[0-5]\d)\s*h\b"
                   r"|(?<![\w:.])(?P<h3>[01]\d|2[0-3])h(?P<mi3>[0-5]\d)\b"  # (06h00, as South African notes write it)
                   # a time with a dot, as British and Nordic notes write it, only after a clock word: "at
                   # 14.15", "kl. 14.15" (alone "14.15" may be a value; a table's clock column: `clock_key`)
                   r"|(?:(?<=\bat )|(?<=\bkl\. )|(?<=\bkl )|(?<=\bklo )|(?<=\bum )|(?<=\bgodz\. ))"
                   r"(?P<h4>[01]\d|2[0-3])\.(?P<mi4>[0-5]\d)(?!\d|\.\d)")
DATE = _DATE  # a date as notes write it (the pattern other modules find dates with)
TIME = _TIME  # a clock time (04:00, 0400h)
MONTH = _MON  # a month's name or its abbreviation
_RELATIVE = re.compile(r"\b(?:HD|hospital day|POD|post-?op(?:erative)? day|day)\s*#?\s*(?P<n>\d{1,3})\b"
                       r"|\b(?:wk|week)\s*#?\s*(?P<w>\d{1,3})\b", re.I)
RELATIVE = _RELATIVE  # a day of the stay: "day 3", "POD2", "HD 4"; a week after an event, as its first day: "Wk 20"


def relative_day(m: re.Match) -> int:
    """The day a RELATIVE match names (week n: day 7n)."""
    return int(m.group("n")) if m.group("n") else 7 * int(m.group("w"))


# Whether the note being read writes its numeric dates day first ("13-10", so "11-10" is the 11th
# of October): set for the time of a parse and of the questions about it (`day_first_dates`)
_DAY_FIRST = contextvars.ContextVar("clinqa_day_first", default=False)
# Whether it writes its full dates with dots ("14.08.2186"): then "16.08" alone is a day and month too
_DOTTED = contextvars.ContextVar("clinqa_dotted_dates", default="")


_DOTTED_FULL = re.compile(r"(?<![\w.])\d{1,2}\.\d{1,2}\.\d{4}(?![\w.])")
_DOTTED_YEAR_FIRST = re.compile(r"(?<![\w.])\d{4}\.\d{1,2}\.\d{1,2}(?![\w.])")  # 2306.10.14, as Korean notes write it
# (two digits each, read as a date only in a note that writes dotted dates: "10.5" stays a number;
# or one or two each with the dot after too, as Czech and German notes write it: "3.11.")
_DOTTED_DAY_MONTH = re.compile(r"(?<![\w.,])(?:(?P<d>\d{2})\.(?P<m>\d{2})(?![\w.,])|(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?![\w.,]))")


def _dotted_day_month(text: str) -> tuple[int, int] | None:
    """(month, day) of the first day and month written with a dot in `text` ("16.08"), or None; in
    a note whose full dates put the year first ("2306.10.14"), "10.16" is the month first."""
    m = _DOTTED_DAY_MONTH.search(text)
    if not m:
        return None
    a, b = int(m.group("d") or m.group("d2")), int(m.group("m") or m.group("m2"))
    day, month = (b, a) if _DOTTED.get() == "md" else (a, b)
    if 1 <= day <= 31 and 1 <= month <= 12:
        return month, day
    return None


def short_dotted_dates(text: str, start: int, end: int):
    """The day-and-month dates written with a dot between `start` and `end` ("3.11.", "16.08"),
    in a note being read that writes its full dates with dots; none otherwise."""
    return _DOTTED_DAY_MONTH.finditer(text, start, end) if _DOTTED.get() else iter(())


def short_dotted_date(span: str, note_text: str) -> bool:
    """Whether `span` holds a day and month written with a dot ("on 16.08") in a note that writes
    its full dates so ("14.08.2186"): alone, "16.08" could be any decimal number."""
    return _dotted_day_month(span) is not None and writes_dotted(note_text)


def writes_day_first(text: str) -> bool:
    """Whether a note's numeric dates put the day first: some date's first number can be no month
    ("13/10", "25-12-2185") and none's second can be no month ("10/13")."""
    day, month = False, False
    for d in _DATE.finditer(text):
        if d.group("d6"):  # 14.08.2186: the day first, unless its second number can be no month
            day |= int(d.group("m6")) <= 12
            month |= int(d.group("m6")) > 12
        if d.group("m2"):
            a, b = int(d.group("m2")), int(d.group("d2"))
            day |= a > 12 and b <= 12
            month |= b > 12 and a <= 12
    if day or month:
        return day and not month
    return _day_first_by_named_months(text)


def _day_first_by_named_months(text: str) -> bool:
    """No numeric date of the note settles its order ("03/03", "11/03"): the stay's own dates,
    written with a month's name after a moment's label ("Alta (discharged): 11/mar/2204"), do when a
    numeric date writes one of them day first ("11/03" in a lab table's header) and none month
    first. Other named dates ("NSTEMI on 12 Oct 2185") say nothing of the order."""
    stay = set()
    for m in _MOMENT_FIELD.get().finditer(text):
        d = _DATE.match(text, m.start("date"))
        mon = d and (d.group("mon3") or d.group("mon4") or d.group("mon7"))
        if mon:
            stay.add((int(d.group("d3") or d.group("d4") or d.group("d7")), _MONTHS.index(mon[:3].lower()) + 1))
    if not stay:
        return False
    pairs = {(int(d.group("m2")), int(d.group("d2"))) for d in _DATE.finditer(text) if d.group("m2")}
    day_first = any((a, b) in stay for a, b in pairs if a != b)
    month_first = any((b, a) in stay for a, b in pairs if a != b)
    return day_first and not month_first


@contextlib.contextmanager
def day_first_dates(flag: bool, dotted: str = ""):
    """Read numeric dates day first (`flag`) inside the block: a note's own order; with `dotted`,
    a day and month of two digits each with a dot ("16.08") is a date (`writes_dotted`)."""
    token, token2 = _DAY_FIRST.set(flag), _DOTTED.set(dotted)
    try:
        yield
    finally:
        _DAY_FIRST.reset(token)
        _DOTTED.reset(token2)


def writes_dotted(text: str) -> str:
    """How a note writes its full dates with dots: "dm", day first ("14.08.2186"); "md", the year
    first ("2306.10.14", so its "10.16" is the 16th of October); "" when it writes none so."""
    return "dm" if _DOTTED_FULL.search(text) else "md" if _DOTTED_YEAR_FIRST.search(text) else ""


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


_CLOCK_CELL = re.compile(r"\s*(?P<h>[01]?\d|2[0-3])[.:](?P<mi>[0-5]\d)\s*")


def clock_key(cell: str) -> tuple | None:
    """The key of a bare clock time in a table's clock column ("14.15" under "kl." or "Time"), where a
    dot between hours and minutes is no decimal."""
    m = _CLOCK_CELL.fullmatch(cell)
    return (0, 0, 0, int(m.group("h")) * 60 + int(m.group("mi"))) if m else None


def time_key(text: str) -> tuple | None:
    """A key that orders the moment `text` names: (year or 0, month, day, minutes) for a date (and
    time), (0, 0, 0, minutes) for a time alone, ("rel", n) for a relative day; None otherwise."""
    if not text:
        return None
    d = _DATE.search(text)
    t = _TIME.search(text)
    minutes = None
    if t:
        h = int(t.group("h") or t.group("h2") or t.group("h3") or t.group("h4"))
        mi = int(t.group("mi") or t.group("mi2") or t.group("mi3") or t.group("mi4"))
        minutes = h * 60 + mi
    if d:
        y = d.group("y") or d.group("y2") or d.group("y3") or d.group("y4") or d.group("y5") or d.group("y6") or \
            d.group("y7") or "0"
        y = int(y) + (2000 if len(y) == 2 else 0)
        mon = d.group("mon3") or d.group("mon4") or d.group("mon7")
        if d.group("d6"):
            day, m = int(d.group("d6")), int(d.group("m6"))
            if m > 12 >= day:
                day, m = m, day  # (08.14.2186: month first after all)
        elif d.group("rom5"):
            m, day = _ROMAN.index(d.group("rom5").lower()) + 1, int(d.group("d5"))
        elif mon:
            m = _MONTHS.index(mon[:3].lower()) + 1
            day = int(d.group("d3") or d.group("d4") or d.group("d7"))
        else:
            m = int(d.group("m") or d.group("m2"))
            day = int(d.group("d") or d.group("d2"))
            if not d.group("y") and day <= 12 and (m > 12 or _DAY_FIRST.get()):
                m, day = day, m  # 15/05/2185, or any date of a note that writes the day first
        if 1 <= m <= 12 and 1 <= day <= 31:
            return (y, m, day, minutes if minutes is not None else -1)
    short = _dotted_day_month(text) if _DOTTED.get() else None
    if short:
        return (0, *short, minutes if minutes is not None else -1)
    if minutes is not None:
        return (0, 0, 0, minutes)
    month = _MONTH_ALONE.search(text)
    if month and not _NOT_A_MONTH_BEFORE.search(text[:month.start()]) and \
            not (not month.group("y") and _NAME_AFTER.match(text, month.end())):
        # "in February", "Nov 2195": the month, any day of it (not "before April", "Dr Jan Novak",
        # "June Whitfield", "Sister August": a span of time or a name)
        return (int(month.group("y") or 0), _MONTHS.index(month.group("mon")[:3].lower()) + 1, 0, -1)
    r = _RELATIVE.search(text)
    if r:
        return ("rel", relative_day(r))
    return None


# a month named alone, capitalised, with its year or not ("February", "last Nov", "March 2196"); a bare
# "May" only after a word that times it ("in May"), never the verb
_MONTH_ALONE = re.compile(r"(?<![\w/-])(?:(?P<mon>January|February|March|April|June|July|August|September|October|November|"
                          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
                          r"(?<=in )May|(?<=last )May|(?<=since )May|(?<=of )May|May(?=[ ,]+\d{4})))\.?"
                          r"(?:[ ,]+(?P<y>\d{4}))?(?![\w/-])")


MONTH_ALONE = _MONTH_ALONE  # a month named alone ("November", "Mar 2196")
_NOT_A_MONTH_BEFORE = re.compile(r"(?:\b(?:before|after|since|from|until|till|by|prior to|between|Dr|Mr|Mrs|Ms|Miss|"
                                 r"Sister|Nurse|Prof)\.?|\d[^\W\d_]*)[ \t]*$", re.I)
_NAME_AFTER = re.compile(r"[ \t]+[A-Z][a-z]+")


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
    if ma and (ma, da) != (mk, dk) and not (da == 0 and ma == mk):  # (a month asked: any day of it)
        return False
    if ya and yk and ya != yk:
        return False
    if mina >= 0 and mink != mina:
        return False
    return bool(ma) or mina >= 0


# "Admitted 15/05/2185 via ED", "discharged on [**3-9**]": a moment's date written right after it
_STAY_DATE = re.compile(r"(?<![\w-])(?P<cue>admitted|discharged|readmitted)(?:[ \t]+on)?(?:[ \t]+the)?[ \t]+(?:\[\*\*)?(?P<date>" +
                        _DATE_BODY + r")(?![\w/])", re.I)


# a moment's name as a label, then its date: "D.O.A.: 7/6/2203", "Date of discharge - 13/6/2203",
# "Alta (discharged): 11/mar/2204"
_MOMENT_FIELD = PerLexicon(lambda lex: re.compile(
    r"(?<![\w-])(?P<cue>" + lex.words_alternation("moments", "admission") + "|" + lex.words_alternation("moments", "discharge")
    + r")\.?(?:[ \t]+date)?[ \t]*\)?[ \t]*[:=][ \t]*(?:\[\*\*)?(?P<date>" + _DATE_BODY + r")(?![\w/])", re.I))


# a stay written on one line in shorthand: "Adm 3.ii.2183 via ED -> d/c 7.ii.2183"
def _date_named(prefix: str) -> str:
    """The date pattern with its groups renamed, to hold two dates in one pattern."""
    return _DATE_BODY.replace("?P<", f"?P<{prefix}").replace("(?P=ysep)", f"(?P={prefix}ysep)")


_STAY_LINE = re.compile(r"(?<![\w-])adm(?:itted|ission)?\.?[ \t]+(?:on[ \t]+)?(?P<a>" + _date_named("a_") +
                        r")(?![\w/])[^\n]{0,40}?(?<![\w-])(?:d/c|disch(?:arged?)?)\.?[ \t]+(?:on[ \t]+)?(?P<d>" +
                        _date_named("d_") + r")(?![\w/])", re.I)


def anchors(text: str, fields: list[Item]) -> list[TimeAnchor]:
    """Admission and discharge (from fields such as "Admission Date: ..."; their dates as keys),
    then every date, time and relative day the note writes."""
    out: list[TimeAnchor] = []
    for f in fields:
        moment = moment_of(f.key or "")
        if moment and (re.search(r"\bdate\b|\bon\b|^\s*(?:admitted|discharged)\s*$", f.key or "", re.I)
                       or _DATE.match(f.text.strip())):  # "Admission: April 9, 2186, 06:10 (labor and delivery)"
            out.append(TimeAnchor(moment, f.text, f.start, f.end, time_key(f.text)))
    for m in _MOMENT_FIELD.get().finditer(text):  # "D.O.A.: 7/6/2203" on a line the blocks read as no fields
        moment, key = moment_of(m.group("cue")), time_key(m.group("date"))
        if moment and key and not any(a.kind == moment for a in out):
            out.append(TimeAnchor(moment, m.group("date"), m.start("date"), m.end("date"), key))
    for m in _STAY_LINE.finditer(text):
        for moment, g in (("admission", "a"), ("discharge", "d")):
            if not any(a.kind == moment for a in out):
                out.append(TimeAnchor(moment, m.group(g), m.start(g), m.end(g), time_key(m.group(g))))
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


# a note's own date field: its key, then the value right after it ("Date of admission: ..." is no "Date: ...")
_DATE_FIELD = PerLexicon(lambda lex: re.compile(
    r"[ \t]*(?:" + lex.words_alternation("date_words", "note_date_keys") +
    r")[ \t]*[:.-]?[ \t]*(\d.{5,39}|[A-Za-z]{3,9}\.? \d.{2,36})", re.I))


def note_date(text: str) -> tuple | None:
    """The note's own date (time_key, with its year): a field in its first lines whose key is the
    lexicon's `date_words.note_date_keys` ("Date of visit: 26/04/2336"), read in the note's own
    order of day and month; None without such a field (a first line's date may be a birth date or
    an admission's, never the note's by itself)."""
    return _note_date(text, _DATE_FIELD.get())


@functools.lru_cache(maxsize=16)  # (a note's events ask once per dated start; keyed by the lexicon's pattern too)
def _note_date(text: str, field: re.Pattern) -> tuple | None:
    with day_first_dates(writes_day_first(text)):
        for line in text[:600].split("\n")[:12]:
            m = field.match(line)
            key = time_key(m.group(1)) if m else None
            if key and key[0] not in (0, "rel") and key[2]:
                return key
    return None
