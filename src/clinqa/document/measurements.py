"""Measured values of labs and vital signs, each with when it was measured: the value's own time
("(6/3 04:00)"), its table column or row ("6/5", "Discharge", "08:00"), or the moment its line or
section names ("Admission labs"). Thresholds of a plan ("replete if K < 4") are never values."""

from __future__ import annotations

import bisect
import itertools
import re

from clinqa.document.model import Block, Item, Measurement
from clinqa.document.numbers import decimals_of, number_of
from clinqa.document.structure import cells, is_number_cell
from clinqa.document.time import (
    DATE,
    MONTH,
    MONTH_ALONE,
    TIME,
    clock_key,
    moment_of,
    short_dotted_dates,
    time_key,
)
from clinqa.document.trends import (
    ARROW,
    LABEL_THEN_NUMBER,
    headed_series,
    trend,
)
from clinqa.lexicon import PerLexicon, lexicon
from clinqa.text.shapes import THRESHOLD_CUE, VALUE


def alias_re() -> tuple[re.Pattern, dict[str, str]]:
    """Any name of a lab or vital sign of the lexicon (longest first), and name -> canonical name."""
    lex = lexicon()
    return lex.lab_name_re, lex.lab_canonical


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


# A lab name followed by one of these names another measure ("albumin-to-creatinine ratio 48").
_OTHER_MEASURE = re.compile(r"\s*(?:ratio|clearance|index|kinase|phosphokinase|breath test|/)", re.I)
# a word right before a measure's name that makes it something else's (lexicon measure_of_other)
_NOT_THE_PATIENTS = PerLexicon(lambda lex: re.compile(
    r"(?<![\w-])(?:" + lex.words_alternation("measure_of_other", "before") + r")[ \t]+$", re.I))
# a word right before a number that makes it a reference, not a value ("(ULN 40)", "(best 560)")
_REFERENCE_BEFORE = PerLexicon(lambda lex: re.compile(
    r"(?<![\w-])(?:" + lex.words_alternation("measure_of_other", "before_value") + r")[ \t]*[:=]?[ \t]*$", re.I))


def lab_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical lab) of every lab or vital name in the note, in note order."""
    pat, canon = alias_re()
    # (a name of one or two letters in lower case is a word of the note's language unless a value
    # follows: Czech and Portuguese "na", never sodium; "k 3.5" still potassium)
    out = [(m.start(), m.end(), canon[m.group(1).lower()]) for m in pat.finditer(text)
           if len(m.group(1)) > 2 or not m.group(1).islower() or _VALUE_NEXT.get().match(text, m.end())]
    lex = lexicon()
    cased = lex.lab_note_form_re
    if cased is not None:  # "Mg 1.7": a form that is a lab only as written, before its value
        starts = [a for a, _, _ in out]  # in note order and never overlapping: one look each side

        def taken(s: int, e: int) -> bool:
            i = bisect.bisect_right(starts, s)
            return (i > 0 and out[i - 1][1] > s) or (i < len(out) and out[i][0] < e)

        # (a form right after another lab's name is that name's letter: "troponin T 22 ng/L")
        extra = [(m.start(), m.end(), lex.lab_of_note_form[m.group(1)]) for m in cased.finditer(text)
                 if not taken(m.start(), m.end()) and not _right_after_name(out, starts, m.start(), text)]
        if extra:
            out = sorted(out + extra)
    vitals_line = lex.vitals_line_form_re
    if vitals_line is not None:  # "V/S: BP 96/58 - PR 108 - RR 22": a form read only among other vital signs
        starts = [a for a, _, _ in out]
        found = []
        for m in vitals_line.finditer(text):
            i = bisect.bisect_right(starts, m.start())
            if _NOT_A_VITAL_AFTER.get().match(text, m.end()):
                continue
            if not ((i > 0 and out[i - 1][1] > m.start()) or (i < len(out) and out[i][0] < m.end())):
                found.append((m.start(), m.end(), lex.lab_of_vitals_line_form[m.group(1)]))
        extra = []
        for s, e, lab in found:  # (the other vital signs of its line, written in full or in such forms)
            line0, line1 = text.rfind("\n", 0, s) + 1, text.find("\n", e)
            line1 = len(text) if line1 < 0 else line1
            others = {x for _, _, x in out[bisect.bisect_left(starts, line0):bisect.bisect_left(starts, line1)]
                      if x in lex.vital_names} | {x for a, _, x in found if line0 <= a < line1}
            if len(others - {lab}) >= 2:
                extra.append((s, e, lab))
        if extra:
            out = sorted(out + extra)
    return out


# a value right after a short lab name, or after a linking word or two (`value_links`)
_VALUE_NEXT = PerLexicon(lambda lex: re.compile(
    r"\+?[ \t]*(?:\([^()\n]{0,12}\)[ \t]*)?[:=]?[ \t]*(?:(?:" + lex.words_alternation("value_links", "words")
    + r")[ \t]+){0,2}[<>~]?\d"))
# what follows a vital sign's form on its line when it is no vital sign (`not_a_vital_after`): an
# ECG's "PR 240 ms", a drug given "PR 2 doses" or "PR 100 mg"
_NOT_A_VITAL_AFTER = PerLexicon(lambda lex: re.compile(
    r"[ \t]*[:=]?[ \t]*\d+(?:[.,]\d+)?[ \t]*(?:" + lex.words_alternation("not_a_vital_after", "units") + r")\b", re.I))


def _right_after_name(names: list[tuple[int, int, str]], starts: list[int], pos: int, text: str) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and not text[names[i][1]:pos].strip(" \t-")


def _wrapped_line_end(text: str, pos: int) -> int:
    """The end of `pos`'s line, or of the next one when prose wraps there mid-sentence ("her
    creatinine peaked at 212 umol/L and is" / "now 78 umol/L"): the line ends in a word and the
    next starts in lower case."""
    end = text.find("\n", pos)
    if end < 0:
        return len(text)
    if re.search(r"[a-z,][ \t]*$", text[max(pos, end - 3):end]) and re.match(r"[a-z]", text[end + 1:end + 2]):
        nxt = text.find("\n", end + 1)
        return len(text) if nxt < 0 else nxt
    return end


def lab_values(text: str, lab: str, names: list[tuple[int, int, str]] | None = None) -> list[tuple[int, int, int]]:
    """(value start, value end, name start) of each measured value of `lab`: the first number
    after one of its names on the same line, before any other lab name, with its whole unit; then
    the later values of the same row (a table's columns, "7.2 (adm) -> 9.1 (d/c)", "(from 3.8)").
    A number after a threshold cue ("K < 4", "goal", "replete if") is not a measurement.
    `names`: the note's `lab_names`, when the caller has them already."""
    names = lab_names(text) if names is None else names
    out = []
    for i, (ns, ne, name) in enumerate(names):
        if name != lab:
            continue
        if _OTHER_MEASURE.match(text, ne) or (ne - ns <= 2 and text[ne:ne + 1] == "/"):
            continue  # "creatinine ratio", "K/uL": not a value of the lab
        if ne - ns <= 2 and re.match(r"\.[ \t]?[A-Z]\b", text[ne:ne + 3]):
            continue  # initials: "Pt: K.M., 16 y/o F" is no potassium of 16
        if _NOT_THE_PATIENTS.get().search(text, max(0, ns - 25), ns):
            continue  # "Outside temp -38 C", "water bath temperature": not the patient's
        line_end = _wrapped_line_end(text, ne)
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
            if not first and (_NAMED.search(text[max(ne, m.start() - 12):m.start()]) or
                              _SCORE_NAME.search(text[max(ne, m.start() - 12):m.start()])):
                break  # "WBC-14.2* RBC-4.51", "T 38.4, NEWS2 5": the next value has a name of its own
            if THRESHOLD_CUE.search(between if first else text[max(ne, m.start() - 12):m.start()]) or \
                    (first and THRESHOLD_CUE.search(re.split(r"[\n,;)]|\.\s", text[max(0, ns - 25):ns])[-1])):
                if first:
                    break
                continue
            if _REFERENCE_BEFORE.get().search(text, max(ne, m.start() - 24), m.start()):
                continue  # "ALT 52 U/L (ULN 40)": the lab's limit, not a second value
            end = m.end()
            while end > m.start() and text[end - 1] in " \t*":
                end -= 1
            if _YEAR.fullmatch(text, m.start(), end) and _YEAR_BEFORE.search(text[max(0, m.start() - 10):m.start()]):
                continue  # "(baseline 138 g/L in 2189)": a year, not a value
            if re.fullmatch(r"(?:0?[1-9]|1[0-2])/(?:19|2[0-3])\d\d", text[m.start():end]):
                continue  # "was 38 in 10/2335": a month and its year, not a value
            if not first and re.search(r"\([ \t]*$", text[max(0, m.start() - 3):m.start()]) and \
                    re.match(r"[ \t]*[-\u2013][ \t]*\d", text[m.end(1):m.end(1) + 4]):
                continue  # "TSH 2.1 (0.4-4.0)": the reference range, not a value
            if re.match(r":\d\d", text[end:end + 3]) or re.search(r"\d:$", text[max(0, m.start() - 2):m.start()]):
                continue  # "at 2:30 PM": a time's hour and minutes, not values
            if any(t.start() <= m.start() and end <= t.end() for t in TIME.finditer(text, max(0, m.start() - 8), end + 1)):
                continue  # "anion gap 26 at 14.15": a time written with a dot, no second value
            if re.search(r"\bat[ \t]+$", text[max(0, m.start() - 4):m.start()]) and \
                    re.match(r"[ \t]*(?:h|hrs?|hours?)\b", text[m.end(1):m.end(1) + 7], re.I):
                continue  # "troponin 0.041 at 0 h, 0.262 at 3 h": the hours of a serial test
            if any(d.start() <= m.start() and end <= d.end() and time_key(d.group(0))
                   for d in DATE.finditer(text, max(0, m.start() - 12), end + 8)):  # (never "78/42": no date)
                continue  # "37.9 C on the morning of April 10": the day of a date, not a value
            if lab == "temperature" and re.search(r"(?:^|[\s(])(?:-|minus\s)$", text[max(0, m.start() - 7):m.start()]):
                break  # "Outside temp -38 C": below zero, no body's temperature
            start = m.start()
            if start > 0 and text[start - 1] in "<>≤≥":
                start -= 1
            out.append((start, end, ns))
            first = False
    return out


_NAMED = re.compile(r"[A-Za-z]{2,}\s?[-:=]\s*$")
_SCORE_NAME = re.compile(r"(?<![\w-])(?:[A-Za-z]+\d+[A-Za-z]*|[A-Z]{2,})[ \t]*$")  # "NEWS2 5", "GCS 15"
_YEAR = re.compile(r"(?:1[89]|2[0-2])\d\d")
_YEAR_BEFORE = re.compile(r"\b(?:in|since|from|during|by|until|of|year|" + MONTH + r")\s+$", re.I)  # "in March 2181"
_AT_AFTER = re.compile(r"[ \t]+(?:at|on|in)[ \t]+", re.I)  # (a month only after "in": "84 in November")
_PAREN_AFTER = re.compile(r"\s{0,2}\(([^()\n]{1,30})\)")
# a date (and time), or a time alone, opening a lab line, before the lab's name
_LINE_DATE = re.compile(r"[ \t]*((?:\[\*\*)?\d{1,4}[-/]\d{1,2}(?:[-/]\d{1,4})?(?:\*\*\])?(?:\s+\d{1,2}:\d{2}\s*(?:AM|PM)?)?|"
                        r"\d{1,2}:\d{2}(?:\s*(?:AM|PM))?(?!\d))", re.I)
# a cell that holds a lab's name and its value ("HR 112", "T 102.1 F"): no column header
_NAMED_VALUE = re.compile(r"[A-Za-z][A-Za-z0-9 ]{0,15}?(?:\s+|\s*[:=]\s*)[<>]?\d+(?:[./]\d+)?(?:\s*[^\s\d]\S{0,5}){0,2}$")


def measurements(text: str, blocks: list[Block]) -> list[Measurement]:
    """Every measured value in the note: tables cell by cell (lab columns with time rows, or lab
    rows with time columns), trends value by value, then the values written in prose."""
    with decimals_of(text):
        return _measurements(text, blocks)


def _measurements(text: str, blocks: list[Block]) -> list[Measurement]:
    out: list[Measurement] = []
    covered: list[tuple[int, int]] = []
    for b in blocks:
        if b.kind == "table":
            found = _table(text, b)
        elif b.kind == "trend" or (b.kind in ("list", "fields") and ARROW.search(text, b.start, b.end)):
            found = trend(text, b)  # (a list item may hold a trend: "- Hb 71 (adm) -> 64 -> 91 (d/c)")
        else:
            continue
        if found and b.kind == "table":
            covered.append((b.start, b.end))
        elif found:  # a trend covers its values and their times only ("64 (4.ii, pre-Tx)"), and
            # the rest of its last step's clause ("108/66 post 1L Hartmann's"); the prose around is read below
            covered += [(m.start, m.end) for m in found] + [(m.when_start, m.when_end) for m in found if m.when_start >= 0]
            tail = re.match(r"[^,;(\n]*", text[found[-1].end:])  # (its parentheses may hold another value: "(baseline 90)")
            covered.append((found[-1].end, found[-1].end + tail.end()))
        out += found
    for series in headed_series(text):
        covered.append((series[0].start, series[-1].end))
        out += series
    covered.sort()
    names = lab_names(text)  # scanned once for every lab the note names
    starts = [b.start for b in blocks]

    def block_of(pos: int) -> Block | None:
        i = bisect.bisect_right(starts, pos) - 1
        return blocks[i] if i >= 0 and blocks[i].start <= pos < blocks[i].end else None

    line_starts: dict[int, int] = {}  # line start -> the first lab name on that line
    for ns, _, _ in names:
        line_starts.setdefault(text.rfind("\n", 0, ns) + 1, ns)
    for lab in sorted({name for _, _, name in names}):
        for vs, ve, ns in lab_values(text, lab, names):
            k = bisect.bisect_right(covered, (vs, float("inf"))) - 1
            if k >= 0 and covered[k][0] <= vs < covered[k][1]:
                continue
            line0 = text.rfind("\n", 0, ns) + 1
            around = local_moment(text, vs, ve)
            first_name = line_starts.get(line0, ns)
            when = _PAREN_AFTER.match(text, ve)
            key = time_key(when.group(1)) if when else None
            named = MONTH_ALONE.search(when.group(1)) if key and key[0] != "rel" and key[2] == 0 else None
            if named and re.search(r"\d", when.group(1)[:named.start()]):
                key = None  # "71 (84 in November)", "210 (was 150 in Feb)": the month is the bracket's own value's
            w = (when.group(1), when.start(1), when.end(1)) if key else None
            at = None if key else _AT_AFTER.match(text, ve)
            if at:  # "glucose 16.8 mmol/L at 22:00 and 11.2 mmol/L at 06:00"
                t = TIME.match(text, at.end()) or DATE.match(text, at.end()) or MONTH_ALONE.match(text, at.end())
                # ("at 14.15": a time with a dot, a time only after its clock word)
                key = (clock_key(t.group(0)) if t.re is TIME and t.group("h4") else time_key(t.group(0))) if t else None
                w = (t.group(0), t.start(), t.end()) if key else None
            dated = None if key else _LINE_DATE.match(text, line0, ns)  # "[**2101-3-4**] 08:15PM BLOOD WBC-14.2"
            if dated and time_key(dated.group(1)):
                key = time_key(dated.group(1))
                w = (dated.group(1), dated.start(1), dated.end(1))
            named = text[ns:vs]  # "Weight at discharge: 16.1 kg": the words between the name and its value
            moment = moment_of(around) or (moment_of(named) if not re.search(r"\d", named) else None) or \
                _line_moment(text, line0, ns, ve)
            lead = None if key or moment else _lead_time(text, line0, ns, first_name)
            if lead is not None:  # "Bloods at 05:30: WBC 17.9, CRP 214"
                key, w = time_key(lead.group(0)), (lead.group(0), lead.start(), lead.end())
            elif not key and not moment:  # a block under a timed title: "REASSESSMENT 14:30" / "Her BP was 146/82"
                blk = block_of(vs)
                header = blk.header if blk is not None else None
                moment = moment_of(header or "")  # "How you were when you went home" / "... oxygen level was 97%"
                if header and not moment and time_key(header):
                    t = TIME.search(text, blk.header_start, blk.header_end) or DATE.search(text, blk.header_start, blk.header_end)
                    t_key = time_key(t.group(0)) if t is not None else None
                    if t_key:
                        key, w = t_key, (t.group(0), t.start(), t.end())
            out.append(Measurement(lab, text[vs:ve], vs, ve, ns, number_of(text[vs:ve]), "text", 0,
                                   when=w[0] if w else None, when_start=w[1] if w else -1,
                                   when_end=w[2] if w else -1,
                                   moment=moment, key=key))
    out.sort(key=lambda m: (m.start, m.end))
    return [_with_sequence(m, i) for i, m in enumerate(out)]


def _with_sequence(m: Measurement, i: int) -> Measurement:
    from dataclasses import replace

    return replace(m, sequence=i)


ROW = "row:"  # the name of a table row's measure that no lab of the lexicon names ("row:fim total")


def row_name(label: str) -> str | None:
    """A table row's label as the name of what it measures ("FIM total" -> "row:fim total",
    "Berg Balance (/56)" -> "row:berg balance"): scores and scales a note tabulates by time, asked
    by the label's words; None for a label of times or no words."""
    name = " ".join(re.sub(r"\([^()]*\)", " ", label).lower().split())
    if not re.search(r"[a-z]{2}", name) or len(name.split()) > 5 or time_key(name) or \
            _TIME_LABEL.get().fullmatch(name) or re.search(r"[.!?;]$", name):  # (a sentence is no label)
        return None
    return ROW + name


# the header of a table's column of clock times: "Time", "kl.", "Uhrzeit"
_CLOCK_LABEL = PerLexicon(lambda lex: re.compile(
    r"(?:" + lex.words_alternation("table_words", "clock_labels") + r")\.?:?", re.I))
# a row label that names times, not a measure: "Date", "Day 3", "Wk"
_TIME_LABEL = PerLexicon(lambda lex: re.compile(
    r"(?:" + lex.words_alternation("table_words", "time_labels") + r")(?:\s*\S{0,3})?", re.I))


def _lab_of(cell: str) -> str | None:
    pat, canon = alias_re()
    m = pat.search(cell)
    if m and len(cell.strip()) - len(m.group(1)) <= 12:  # the cell names the lab ("Hgb (g/dL)")
        return canon[m.group(1).lower()]
    # a column headed by a form that is a lab only as written, with or without its unit: "T(C)"
    return lexicon().lab_of_note_form.get(re.sub(r"\s*\([^()]{0,8}\)\s*$", "", cell.strip()))


def _lead_time(text: str, line0: int, name_start: int, first_name: int) -> re.Match | None:
    """The time or date in the label that opens a line of values, before its first lab name and
    a colon ("Bloods at 05:30: WBC 17.9, CRP 214", "Labs 6/3: Na 138"): every value of the line
    was measured then."""
    if name_start < first_name:
        return None
    breaks = list(re.finditer(r"[.;]\s", text[first_name:name_start]))
    if breaks:  # a later sentence of the line has its own label: "Kontrola 6.11.: Hb 104, K 4.1"
        seg0 = first_name + breaks[-1].end()
        labels = [t for t in _times_in(text, seg0, name_start) if re.match(r"\s*:", text[t.end():t.end() + 3])]
        return max(labels, key=lambda t: t.end()) if labels else None  # (only the values of the label's own sentence)
    colon = re.search(r":\s*$", text[line0:first_name])
    if not colon:
        return None
    end = line0 + colon.start()  # (the search ends at the colon: a time right before it, "at 05:30:")
    found = _times_in(text, line0, end)
    return max(found, key=lambda t: t.end()) if found else None


def _times_in(text: str, start: int, end: int) -> list[re.Match]:
    """The times and dates written between `start` and `end` that name a moment."""
    return [t for t in itertools.chain(TIME.finditer(text, start, end), DATE.finditer(text, start, end),
                                       short_dotted_dates(text, start, end)) if time_key(t.group(0))]


def _line_moment(text: str, line0: int, name_start: int, value_end: int) -> str | None:
    """The moment of the stay a value's sentence names for it: the last moment word before its
    lab's name in the sentence, outside parentheses ("on admission BP 118/72, HR 84. At discharge
    BP 124/78": the first two admission's, the third discharge's; "creatinine 132 (118 on
    admission), Hb 128": Hb none), else one right after the value ("WBC 14 on admission")."""
    before = text[line0:name_start]
    cut = max(before.rfind(". "), before.rfind("; "))
    before = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), before[cut + 1:])
    lex = lexicon()
    last = max(((m.start(), name) for name in ("admission", "discharge")
                for m in lex.words_re("moments", name).finditer(before)), default=None)
    if last is not None:
        return last[1]
    after = re.match(r"[ \t]*(?:on|at)[ \t]+[^,;.()\n]{1,30}", text[value_end:value_end + 40])  # "on the day of discharge"
    return moment_of(after.group(0)) if after else None


def _table(text: str, b: Block) -> list[Measurement]:
    cols = list(b.columns)
    out: list[Measurement] = []
    if any(_NAMED_VALUE.match(c.text.strip()) and _lab_of(c.text) for c in cols):
        # "2:12 PM  T 102.1 F  HR 112": rows of named values, no header row; each line is read as
        # text, its leading time the values' time
        return []
    col_labs = [_lab_of(c.text) for c in cols]
    if cols and any(col_labs):  # labs across, one row per time: "Time  HR  BP" / "06:00  112  96/58"
        for row in b.items:
            row_cells = cells(text, row.start, row.end)
            # the row's label cell is its time: "06:00", "Admission" (a bare number is a value)
            first = row_cells[0] if row_cells else None
            # (a clock column's "14.15" is a time, not a value: "kl.  pH  HCO3" / "14.15  7.08  8")
            clock = clock_key(first.text) if first and _CLOCK_LABEL.get().fullmatch(cols[0].text.strip()) else None
            when = first if first and (clock or not is_number_cell(first.text) or time_key(first.text)) else None
            for c in row_cells[1:] if when else row_cells:
                col = _column(text, c, cols)
                lab = col_labs[col] if col is not None else None
                if lab and re.search(r"\d", c.text):
                    out.append(_cell(lab, c, cols[col].start, when, clock))
        return out
    for row in b.items:  # one row per lab, times across: "Potassium  3.3  3.9  4.2" under "6/1  6/3  6/5"
        lab = _lab_of(row.key or "") or row_name(row.key or "")
        if not lab:
            continue
        row_cells = cells(text, row.start, row.end)
        label_value = LABEL_THEN_NUMBER.fullmatch(row_cells[0].text) if row_cells else None
        if label_value:  # "Creatinine (umol/L) 38         29": one space between the label and its first value
            c0 = row_cells[0]
            row_cells = [Item(label_value.group(1), c0.start, c0.start + len(label_value.group(1))),
                         Item(label_value.group(2), c0.start + label_value.start(2), c0.end)] + row_cells[1:]
        values = [c for c in row_cells[1:] if not re.fullmatch(r"\([^()]*\)", c.text)]  # ("(baseline ~95)": a remark)
        # as many values as time columns (or as the columns after a label column): the k-th value
        # is the k-th column's, however the widths drift; else the column each value sits under
        heads = cols if len(values) == len(cols) else cols[1:] if len(values) == len(cols) - 1 else None
        for k, c in enumerate(values):
            if not re.search(r"\d", c.text):
                continue
            col = heads[k] if heads else (cols[i] if cols and (i := _column(text, c, cols)) is not None else None)
            out.append(_cell(lab, c, row.start, col))
    return out


def _column(text: str, c, cols) -> int | None:
    """The column a cell sits under: the header cell whose span on its line overlaps the cell's
    most, else the one whose edges are nearest."""
    if not cols:
        return None

    def span(x):
        x0 = x.start - (text.rfind("\n", 0, x.start) + 1)
        return x0, x0 + len(x.text)

    c0, c1 = span(c)
    best, key = None, None
    for i, h in enumerate(cols):
        h0, h1 = span(h)
        overlap = min(c1, h1) - max(c0, h0)
        k = (-overlap, min(abs(h0 - c0), abs(h1 - c1)))
        if key is None or k < key:
            best, key = i, k
    return best


def _cell(lab: str, c, name_start: int, when, key: tuple | None = None) -> Measurement:
    w = when.text if when is not None else None
    return Measurement(lab, c.text, c.start, c.end, name_start, number_of(c.text), "table", 0,
                       when=w, when_start=when.start if when is not None else -1,
                       when_end=when.end if when is not None else -1, moment=moment_of(w or ""),
                       key=key or time_key(w or ""))
