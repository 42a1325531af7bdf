"""Values written as a trend: a lab's name, then its values joined by arrows, each with its time
("Hgb trend: 6.9 (14:00) -> 7.4 (18:00) -> 9.1 (discharge)"), and a headed series (a line of
times, then one line of values per lab). Read by the document's measurements (measurements.py)."""

from __future__ import annotations

import re

from clinqa.document.model import Block, Measurement
from clinqa.document.numbers import number_of
from clinqa.document.time import DATE, TIME, moment_of, time_key
from clinqa.lexicon import lexicon
from clinqa.text.shapes import VALUE


def trend(text: str, b: Block) -> list[Measurement]:
    """ "Hgb trend: 7.1 (6/1 09:10) -> 6.6 (6/2) -> 8.9 (6/5, discharge)": the values an arrow
    joins, each with the time in its parentheses (or the words after it). A block may hold
    several chains inside prose ("... Today BP 128/74. hs-troponin 64 (06/07) -> 88 (06/08)");
    each chain is the lab's named last before its first value."""
    pat = lexicon().lab_name_re
    out: list[Measurement] = []
    pos = b.start
    while True:
        arrow = ARROW.search(text, pos, b.end)
        if arrow is None:
            break
        name = None
        for m in pat.finditer(text, max(b.start, pos, arrow.start() - 60), arrow.start()):
            name = m  # the last name before the chain's first arrow
        chain_end = arrow.end()
        if name is not None:
            found = _chain(text, name, b.end)
            if found:
                out += found
                chain_end = max(chain_end, found[-1].end)
        pos = chain_end
    return out


def _chain(text: str, m: re.Match, end: int) -> list[Measurement]:
    """The values of one arrow chain after the lab name `m` (at least two)."""
    lab = lexicon().lab_canonical[m.group(1).lower()]
    pos = m.end()
    arrows = []
    last = pos
    for a in ARROW.finditer(text, pos, end):
        if re.search(r"[.;]\s", text[last:a.start()]) and arrows:
            break  # (a new sentence: another chain's arrows)
        arrows.append(a)
        last = a.end()
        nxt = _STEP.match(text, a.end(), end)
        if nxt is None:
            break
        last = nxt.end()
        follow = ARROW.match(text, last, end)
        if follow is None:
            break
    if not arrows:
        return []
    parts, start = [], pos
    for a in arrows:
        parts.append((start, a.start()))
        start = a.end()
    parts.append((start, end))
    out = []
    for k, (p0, p1) in enumerate(parts):
        v = _STEP.match(text, p0, p1) if k else _STEP.search(text, p0, p1)
        if not v or (k == 0 and v.start() - p0 > 25):
            break
        s, e = v.start("value"), v.end("value")
        when = v.group("when") or v.group("after")
        w0 = v.start("when") if v.group("when") else v.start("after")
        if when:
            when = when.strip(" ,;")
        if when and re.search(r"\d", when) and not time_key(when) and lexicon().words_re("moments", "earlier").search(when):
            when = None  # "92 umol/L (baseline 90)": another value, earlier, not the time of this one
        out.append(Measurement(lab, text[s:e], s, e, m.start(), number_of(text[s:e]), "trend", 0, when=when or None,
                               when_start=w0 if when else -1, when_end=w0 + len(when) if when else -1,
                               moment=moment_of(when or ""), key=time_key(when or "")))
    return _spread_times(out) if len(out) >= 2 else []


def _spread_times(chain: list[Measurement]) -> list[Measurement]:
    """A chain whose times are listed together after its last value, one per value ("CRP 212 ->
    147 -> 39 mg/L (09-10, 11-10, 14-10)"): each value its own time, in order."""
    from dataclasses import replace

    last = chain[-1]
    if not last.when or any(m.when for m in chain[:-1]):
        return chain
    parts = [p for p in re.finditer(r"[^,;]+", last.when)]
    if len(parts) != len(chain) or not all(time_key(p.group(0)) for p in parts):
        return chain
    out = []
    for m, p in zip(chain, parts):
        w = p.group(0).strip()
        w0 = last.when_start + p.start() + (len(p.group(0)) - len(p.group(0).lstrip()))
        out.append(replace(m, when=w, when_start=w0, when_end=w0 + len(w), moment=moment_of(w), key=time_key(w)))
    return out


# a series' label before its first value ("Hb (g/L) ....... 71")
_LABEL = re.compile(r"[^|\n]{1,40}?(?=[ \t]*(?:[ \t]\.+|\.{2,}|[ \t]{2,}|:)[ \t]*[<>~]?\d)")
LABEL_THEN_NUMBER = re.compile(r"(.*[^\d\s.,/-])[ \t]+([<>]?\d[\d.,]*)")
ARROW = re.compile(r"\s*(?:->|→|=>|-->)\s*")


# one step of a trend: the value (with its unit), then its time in parentheses or a few words
_STEP = re.compile(r"\s*(?:[:=]\s*)?(?P<value>[<>~]?(?:\d{2,3}/\d{2,3}(?![\d/])|\d+(?:\.\d+)?(?:\s*(?:%|[a-zA-Z]{1,6}(?:/[a-zA-Z]{1,4})?)(?![\w(]))?))"
                   r"(?:\s*\((?P<when>[^()]{1,40})\)|(?P<after>\s+(?:on|at|in)\s+[^,;\n]{1,30}))?")


def headed_series(text: str) -> list[list[Measurement]]:
    """Values under a line that names one lab and nothing else ("Hemoglobin (g/dL)", "Home BP log
    (arm cuff, mornings):"), one per dated item below it: lines, or items split by "|" ("April 9
    (admission) 11.8 | April 9 22:00 (post-PPH) 7.4 | April 12 9.3"). An item starts with its date
    or time; its value is the last one outside parentheses ("April 10 after 2 units 9.1")."""
    pat, canon = lexicon().lab_name_re, lexicon().lab_canonical
    out = []
    pos = 0
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*", text) if m.end() > m.start()]
    for k, (l0, l1) in enumerate(lines):
        dot = text.rfind(". ", l0, l1)
        tail0 = dot + 2 if dot >= 0 else l0  # the line's last sentence: "... by juice. Home BP log (arm cuff):"
        head = text[tail0:l1].strip()
        bare = re.sub(r"\([^()]*\)", " ", head).strip().rstrip(":").strip()
        name = pat.search(bare)
        if not name or re.search(r"\d", bare) or len(bare.split()) > 5 or l0 < pos:
            continue
        series: list[Measurement] = []
        name_start = text.find(name.group(1), tail0, l1)
        prev = l1
        for i0, i1 in lines[k + 1:]:
            if i0 != prev + 1 or not text[i0:i1].strip():
                break  # a blank line ends the series
            prev = i1
            items = [(a.start(), a.end()) for a in re.finditer(r"[^|]+", text[i0:i1])]
            found = [v for a, b in items if (v := _series_item(text, i0 + a, i0 + b, canon[name.group(1).lower()], name_start))]
            if not found or len(found) < len(items):
                break
            series += found
            pos = i1
        if len(series) >= 2:
            out.append(series)
    return out


def _series_item(text: str, a: int, b: int, lab: str, name_start: int) -> Measurement | None:
    """One dated value of a headed series, or None when the item opens with no date or time."""
    lead = re.match(r"[ \t]*(?:[-*•][ \t]+)?", text[a:b])
    a += lead.end()
    when = DATE.match(text, a, b) or TIME.match(text, a, b)
    if when is None or not time_key(when.group(0)):
        # a labelled item: "Arrival (2 Nov) ... 9", "24 h (3 Nov) ...... 4", "Discharge: 1"
        when = _LABEL.match(text, a, b)
        if when is None:
            return None
    depth, values = 0, []
    dates = [(d.start(), d.end()) for d in DATE.finditer(text, when.end(), b) if time_key(d.group(0))]
    for m in re.finditer(r"[()]|" + VALUE.pattern, text[when.end():b], VALUE.flags):
        if m.group(0) == "(":
            depth += 1
        elif m.group(0) == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and not any(d0 <= when.end() + m.start() < d1 for d0, d1 in dates):
            values.append(m)  # (never a date's day or year: "Discharge: 6 May 2184")
    if not values:
        return None
    v = values[-1]
    s, e = when.end() + v.start(), when.end() + v.end()
    while e > s and text[e - 1] in " \t*":
        e -= 1
    w = text[a:s].strip(" \t.:")
    return Measurement(lab, text[s:e], s, e, name_start, number_of(text[s:e]), "trend", 0, when=w,
                       when_start=a, when_end=a + len(w), moment=moment_of(w), key=time_key(w))
