"""Sentence segmentation with character offsets into the original text.

PyRuSH proposes the boundaries; the pure functions below repair what it gets wrong on
clinical text (checked on the examples in tests/text/test_text.py):
- splits after title and dosing abbreviations ("Dr. Smith", "67 y.o. male");
- splits inside de-identification placeholders ("[**2101-3-4**]");
- leaves list markers alone ("IMPRESSION: 1." | "No acute process.");
- keeps inline headers inside the first sentence of their section.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable

from clinqa.runtime import checkpoint
from clinqa.text.pipeline import NLP_LOCK, blocks, parsed_block
from clinqa.text.sections import section_ranges
from clinqa.types import Sentence

# Abbreviations after which a period rarely ends a sentence. Titles always join the next
# span; the rest join only when the next span continues in lower case or with a digit.
TITLE_ABBREVS = frozenset({"dr.", "mr.", "mrs.", "ms.", "prof.", "st.", "drs.", "pt."})
CONT_ABBREVS = frozenset(
    {
        "y.o.", "yo.", "b.i.d.", "t.i.d.", "q.i.d.", "q.d.", "p.o.", "p.r.n.", "q.h.s.", "h.s.",
        "q.o.d.", "a.c.", "p.c.", "i.v.", "i.m.", "s.c.", "e.g.", "i.e.", "vs.", "approx.",
        "no.", "mg.", "cm.", "mm.", "min.", "max.", "hr.", "hrs.", "wk.", "wks.", "yr.", "yrs.",
        "inc.", "dept.", "fig.", "etc.", "c/o.", "s/p.", "w/o.", "pts.", "sig.",
    }
)
_LAST_WORD = re.compile(r"(\S+)\s*$")
_MARKER_ONLY = re.compile(r"^(?:\(?\d{1,3}[.)]|[-*\u2022]|[a-z][.)])$")
_PLACEHOLDER = re.compile(r"\[\*\*.*?\*\*\]", re.S)
# Upper-case letters of the Latin, Greek and Cyrillic scripts, so that "ΔΙΑΓΝΩΣΗ ΕΞΟΔΟΥ:" and
# "АНАМНЕЗА:" are headers as "HISTORY:" is (Python's re has no \p{Lu}).
_UPPER = re.escape("".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper()))
# An upper-case header ending in a colon, at the start of a span: "HISTORY OF PRESENT ILLNESS:"
HEADER_RE = re.compile(rf"^([{_UPPER}][{_UPPER}0-9 /&,()'-]{{1,60}}[{_UPPER})]):(?=\s|$)")
# Mixed-case headers that are common enough to trust when alone on a line: "Chief Complaint:"
LINE_HEADER_RE = re.compile(rf"^([{_UPPER}](?:[^\W\d_]|[ /&,()'-]){{1,50}}):\s*$")
# A sentence end before a Greek or Cyrillic capital that PyRuSH (rules written for ASCII text)
# sometimes runs across; in Greek ";" is the question mark.
_NON_ASCII_UPPER = re.escape("".join(c for c in map(chr, range(0x370, 0x530)) if c.isupper()))
_MISSED_END = re.compile(rf"(?:[.!?]|(?<=[\u0370-\u03ff\u1f00-\u1fff]);)(?=\s+[{_NON_ASCII_UPPER}])")
_LIST_START = re.compile(r"^(?:\(?\d{1,3}[.)]|[-*\u2022])\s+\S")
_INLINE_ITEM = re.compile(r"(?<=[.;:])\s+(?=\(?\d{1,3}[.)]\s+[A-Za-z])")


# Above this many characters (long for a clinical note) PyRuSH (a per-character rule matcher in pure Python, ~0.2 ms per
# character here) would take minutes; such notes get regex proposals instead, with the same
# repair() fix-ups and the same section rules (medspaCy's default header literals).
FAST_CHARS = 50_000
# a stop before a space and a non-lower-case character; a line break before one; a wide gap
# between columns ("Admission Date: ...      Discharge Date: ...")
_FAST_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*(?=\s+[^a-z\s]|\s*$)|\n(?=[ \t]*[^a-z\s])|[ \t]{4,}(?=\S)")


def segment(text: str, note_id: str = "", *, fast: bool | None = None) -> list[Sentence]:
    """Split `text` into sentences; `Sentence.text == text[start:end]` always holds.

    Ids are "1", "2", ... in reading order, as ArchEHR-QA numbers note sentences.
    Every non-whitespace character of `text` lies in exactly one sentence.
    `fast` (default: notes over FAST_CHARS) proposes boundaries with a linear-time regex
    instead of PyRuSH.
    """
    if not text.strip():
        return []
    if fast is None:
        fast = len(text) > FAST_CHARS
    spans: list[tuple[int, int]] = []
    headers: list[tuple[int, int]] = []
    section_starts: list[tuple[int, str]] = []
    if fast:
        spans, headers, section_starts = _fast_proposals(text)
    else:
        _pyrush_proposals(text, spans, headers, section_starts)
    spans = repair(text, spans, headers)
    return [
        Sentence(
            id=str(i),
            start=s,
            end=e,
            text=text[s:e],
            section=_section_at(section_starts, s),
            kind=_kind(text[s:e]),
        )
        for i, (s, e) in enumerate(spans, start=1)
    ]


def _fast_proposals(text: str):
    spans, start = [], 0
    for i, m in enumerate(_FAST_BOUNDARY.finditer(text)):
        if i % 4096 == 0:
            checkpoint()
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    headers, section_starts = [], []
    for m in _section_literals().finditer(text):
        headers.append((m.start(1), m.end(1)))
        section_starts.append((m.start(1), _section_category(m.group(1))))
    return spans, headers, section_starts


@functools.lru_cache(maxsize=1)
def _section_rules() -> dict[str, str]:
    """medspaCy's default English header literals and clinqa's es/bg/cs/el/pl/ro ones ->
    category (what the Sectionizer uses)."""
    import json
    from importlib.resources import files

    from clinqa.text.pipeline import SECTION_RULES

    rules = json.loads(SECTION_RULES.read_text(encoding="utf-8"))["section_rules"]
    try:
        path = files("resources") / "en" / "section_patterns.json"
        rules = json.loads(path.read_text(encoding="utf-8"))["section_rules"] + rules
    except (ModuleNotFoundError, FileNotFoundError, KeyError):  # pragma: no cover - medspaCy is a dependency
        pass
    return {r["literal"].lower(): r["category"] for r in rules if "literal" in r}


@functools.lru_cache(maxsize=1)
def _section_literals() -> re.Pattern:
    lits = sorted(_section_rules(), key=len, reverse=True)
    if not lits:
        return re.compile(r"(?!x)x")
    # at line starts only: tried at every character, 140 alternatives cost seconds per megabyte
    return re.compile(r"^[ \t]*(" + "|".join(re.escape(x) for x in lits) + r")(?!\w)", re.I | re.M)


def _section_category(title: str) -> str:
    return _section_rules()[title.lower()]


def _pyrush_proposals(text, spans, headers, section_starts) -> None:
    for b_start, b_end in blocks(text):
        checkpoint()  # a cancelled server request stops here
        with NLP_LOCK:  # the doc assertion reads later for the same block (ConText not run)
            doc = parsed_block(text[b_start:b_end])
        spans.extend((b_start + s.start_char, b_start + s.end_char) for s in doc.sents)
        for start, _end, category, title in section_ranges(doc):
            section_starts.append((b_start + start, category))
            if title is not None:
                headers.append((b_start + title[0], b_start + title[1]))


def repair(
    text: str, spans: Iterable[tuple[int, int]], headers: Iterable[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Pure fix-up of candidate sentence spans (see module doc). Returns trimmed, ordered,
    non-overlapping spans covering every non-whitespace character covered by `spans`."""
    out = [t for s, e in sorted(spans) if (t := _trim(text, s, e))]
    out = _split_lines(text, out)
    out = _split_inline_items(text, out)
    out = _split_missed_ends(text, out)
    out = _merge(text, out, _join_leader)
    out = _merge(text, out, _join_placeholder)
    out = _merge(text, out, _join_abbrev)
    out = _merge(text, out, _join_marker)
    out = _merge(text, out, _join_midline_dash)
    header_ends = {e for _, e in headers}
    out = _merge(text, out, lambda t, a, b: _join_header(t, a, b, header_ends))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int] | None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if s < e else None


def _split_lines(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut at a newline that starts a list item or a header, or at a blank line: layout
    boundaries that PyRuSH sometimes runs across."""
    out = []
    for s, e in spans:
        cuts = [s]
        for m in re.finditer(r"\n", text[s:e]):
            pos = s + m.end()
            line_end = text.find("\n", pos, e)
            line = text[pos : line_end if line_end >= 0 else e].strip()
            prev_start = text.rfind("\n", s, pos - 1)
            prev_line = text[prev_start + 1 if prev_start >= 0 else s : pos - 1].strip()
            if not line or _LIST_START.match(line) or HEADER_RE.match(line) or LINE_HEADER_RE.match(line) \
                    or _is_header_line(prev_line) or _LEADER_ROW.match(line) or _LEADER_ROW.match(prev_line):
                cuts.append(pos)
        cuts.append(e)
        for a, b in zip(cuts, cuts[1:]):
            if t := _trim(text, a, b):
                out.append(t)
    return out


# a form's row, its label and value joined by a leader of dots or underscores ("zinc ........
# stopped", "Haemoptysis ____ no"): a line of its own, never run into the next row's
_LEADER_ROW = re.compile(r"[^\n]*?\S[ \t]*(?:\.{4,}|_{4,})")


def _join_leader(text, a, b) -> bool:
    """A span cut inside a form's leader ("docusate 100 mg bd ........" | "he stopped it") is one row."""
    return "\n" not in text[a[1]:b[0]] and bool(re.search(r"(?:\.{4,}|_{4,})$", text[a[0]:a[1]]))


def _is_header_line(line: str) -> bool:
    h = HEADER_RE.match(line)
    return bool(LINE_HEADER_RE.match(line) or (h and h.end() == len(line)))


def _split_inline_items(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`IMPRESSION: 1. Effusion. 2. Atelectasis.` -> one span per numbered item, but only when
    the span itself is (or follows a header into) a numbered list."""
    out = []
    for s, e in spans:
        chunk = text[s:e]
        body = chunk
        h = HEADER_RE.match(chunk)
        if h:
            body = chunk[h.end() :].lstrip()
        if not re.match(r"\(?\d{1,3}[.)]\s", body):
            out.append((s, e))
            continue
        cuts = [s] + [s + m.end() for m in _INLINE_ITEM.finditer(chunk)] + [e]
        for a, b in zip(cuts, cuts[1:]):
            if t := _trim(text, a, b):
                out.append(t)
    return out


def _split_missed_ends(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in spans:
        cuts = [s]
        for m in _MISSED_END.finditer(text, s, e):
            word = _LAST_WORD.search(text[cuts[-1]:m.end()])
            w = word.group(1).lower() if word else ""
            # an abbreviation or an initial ("Γ. Παπαδόπουλος") is not a sentence end
            if w in TITLE_ABBREVS or w in CONT_ABBREVS or re.fullmatch(r"[^\W\d_]\.", w):
                continue
            cuts.append(m.end())
        cuts.append(e)
        out.extend(t for a, b in zip(cuts, cuts[1:]) if (t := _trim(text, a, b)))
    return out


def _merge(text, spans, should_join):
    out: list[tuple[int, int]] = []
    for span in spans:
        if out and should_join(text, out[-1], span):
            out[-1] = (out[-1][0], span[1])
        else:
            out.append(span)
    return out


def _join_placeholder(text, a, b) -> bool:
    # The boundary between a and b lies inside "[** ... **]".
    line_start = text.rfind("\n", 0, a[1]) + 1
    for m in _PLACEHOLDER.finditer(text, line_start, min(len(text), b[1])):
        if m.start() < a[1] < m.end() or m.start() < b[0] < m.end():
            return True
        if m.start() >= b[0]:
            break
    return False


def _join_abbrev(text, a, b) -> bool:
    gap = text[a[1] : b[0]]
    if "\n" in gap:
        return False
    m = _LAST_WORD.search(text[a[0] : a[1]])
    if not m:
        return False
    word = m.group(1).lower().lstrip("(")
    nxt = text[b[0]]
    if word in TITLE_ABBREVS:
        return True
    if word in CONT_ABBREVS:
        return nxt.islower() or nxt.isdigit()
    # A single capital initial ("J. Smith") is almost never a sentence end.
    return bool(re.fullmatch(r"[A-Z]\.", m.group(1))) and nxt.isupper()


def _join_marker(text, a, b) -> bool:
    # A dangling "1." or "-" belongs to the item after it, on the same line.
    chunk = text[a[0] : a[1]]
    if "\n" in text[a[1] : b[0]]:
        return False
    if _MARKER_ONLY.match(chunk):
        return True
    # "IMPRESSION: 1." -> header and marker go with the first item.
    h = HEADER_RE.match(chunk)
    return bool(h and _MARKER_ONLY.match(chunk[h.end() :].strip()))


def _join_midline_dash(text, a, b) -> bool:
    # A dash inside a line is no list bullet: "hydrochlorothiazide 12.5 mg - STOPPED 10/02" is one
    # row (the segmenter cuts before a capital word), its status the drug's.
    if "\n" in text[a[1]:b[0]] or not re.match(r"[-\u2013\u2014][ \t]", text[b[0]:b[0] + 2]):
        return False
    return bool(text[text.rfind("\n", 0, b[0]) + 1:b[0]].strip())


def _join_header(text, a, b, header_ends) -> bool:
    # An inline header (no newline after it) stays with its first sentence.
    chunk = text[a[0] : a[1]]
    if "\n" in text[a[1] : b[0]]:
        return False
    h = HEADER_RE.match(chunk)
    return bool(h and h.end() == len(chunk)) or (a[1] in header_ends and chunk.endswith(":"))


# A title line: capitals only, no digits or sentence punctuation, two words or one long one
# ("DISCHARGE SUMMARY", "ЕПИКРИЗА"); "BP 120/80" or "NO" stay sentences.
_TITLE_RE = re.compile(rf"^(?=.{{8,80}}$)[{_UPPER}][{_UPPER} /&,()'-]*$|^[{_UPPER}]+[ /&-]+[{_UPPER} /&,()'-]+$")


def _kind(chunk: str) -> str:
    h = HEADER_RE.match(chunk)
    if (h and h.end() == len(chunk.rstrip())) or LINE_HEADER_RE.match(chunk) or _TITLE_RE.match(chunk):
        return "header"
    if _LIST_START.match(chunk) or (h and _LIST_START.match(chunk[h.end() :].lstrip())):
        return "list_item"
    return "sentence"


def _section_at(section_starts: list[tuple[int, str]], pos: int) -> str | None:
    """A section runs from its header to the next header (across spaCy blocks too)."""
    i = bisect.bisect_right(section_starts, (pos, "\uffff")) - 1
    return section_starts[i][1] if i >= 0 else None
