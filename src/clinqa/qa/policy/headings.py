"""Questionnaire concepts answered by what the note writes under a heading: a radiology report's
"Indication:", "COMPARISON:", "IMPRESSION" (a section title or a field's key, the lexicon's
`document.headings`), its title line for the exam, its recommending sentence. A reader pointed at
such a report fills "What prior study was it compared with?" with a finding and "What is the
impression?" with nothing when its first word is "No"; the report's structure says where each
answer is, and an empty heading ("Comparison: None.") is an answer too: there is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clinqa.document import ClinicalDocument
from clinqa.document.structure import split_outside_brackets
from clinqa.lexicon import lexicon
from clinqa.qa.policy.forms import WHERE_Q
from clinqa.text.shapes import LIST_MARK, PLACEHOLDER

_SEPARATOR = re.compile(r"\n[ \t]*[_=\-*]{5,}[^\n]*")
_TRIM = " \t\r\n:;,-"


@dataclass(frozen=True)
class Headed:
    """What a heading holds: a span of the note, or `start` -1 and why there is nothing."""

    start: int
    end: int
    why: str


def heading_of(key: str | None) -> str | None:
    """The heading a title or key names: the one named first in it ("REASON FOR THIS EXAMINATION"
    is the indication, though it names the examination too)."""
    names = headings_of(key)
    return names[0] if names else None


def headings_of(key: str | None) -> list[str]:
    """Every heading a title or key names first, in lexicon order: "Follow-up:" is a report's
    recommendation and a discharge summary's follow-up alike (the same words, at the same place)."""
    if not key or len(key.split()) > 5:
        return []
    lex = lexicon()
    found = []
    for name in lex.document.get("headings", {}):
        m = lex.words_re("headings", name).search(key)
        if m:
            found.append(((m.start(), -len(m.group(0))), name))
    if not found:
        return []
    best = min(k for k, _ in found)
    return [name for k, name in found if k == best]


# headings a free question may name whole ("What is the past medical history?"): answered where
# any note writes them; the report headings keep to questionnaires (a discharge summary's
# "recommendations" are no radiology recommendation)
_ASKABLE = ("past_history", "admission_diagnosis", "complaint")
_WHAT_IS = re.compile(r"^\s*(?:what|which)\s+(?:is|was|were|are)\s+(?:(?:the|his|her|their|(?:the\s+)?"
                      r"(?:patient|pt)'?s)\s+)*(?P<rest>[^?]+?)\s*\??\s*$", re.I)


def heading_asked(question: str) -> str | None:
    """The heading a free question asks for whole ("What was the patient's chief complaint?",
    "Presenting complaint?" -> complaint), or None."""
    m = _WHAT_IS.match(question)
    rest = m.group("rest") if m is not None else question.strip().rstrip("?").strip()  # terse: "PMH?"
    lex = lexicon()
    if WHERE_Q.match(question) and lex.words_re("question_words", "discharge_destination").search(question):
        return "discharge_disposition"  # "Where did he go on discharge?", not "Where is the discharge from?"
    return next((h for h in _ASKABLE if lex.words_re("headings", h).fullmatch(rest)), None)


def trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    """text[a:b] without a separator line and what follows it, the edges' punctuation and white
    space, a list mark ("2. ") and a final period."""
    sep = _SEPARATOR.search(text, a, b)
    b = sep.start() if sep else b
    while a < b and text[a] in _TRIM:
        a += 1
    mark = LIST_MARK.match(text[a:b])  # "2. Indeterminate ...": the item, not its number
    if mark and a + mark.end() < b:
        a += mark.end()
    while b > a and (text[b - 1] in _TRIM or text[b - 1] == "."):
        b -= 1
    return a, b


def _under(doc: ClinicalDocument, heading: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of every part of the note under `heading`, in note order: field values
    and section bodies."""
    out = []
    for b in doc.blocks:
        for it in b.items:
            # ("Exam date: 6/11" holds the exam's date, not the exam: a value without words is none)
            if it.key and heading in headings_of(it.key) and \
                    re.search(r"[A-Za-z]{2,}", PLACEHOLDER.sub(" ", it.text)):
                out.append((it.start, it.end, it.key))
    for s in doc.sections:
        if s.title and s.title_end >= 0 and heading in headings_of(s.title):
            if not any(a <= s.title_end <= e + 1 or s.title_start <= a < s.end for a, e, _ in out):
                out.append((s.title_end, s.end, s.title))
    for b in doc.blocks:  # a block under a header line no section rule saw ("DIAGNOSES / MEDICAL HISTORY")
        if b.header and b.kind in ("prose", "list") and heading in headings_of(b.header) and \
                not any(a <= b.start < e for a, e, _ in out):
            out.append((b.start, b.end, b.header))
    return sorted(out)


def _first_part(doc: ClinicalDocument, a: int, b: int) -> tuple[int, int]:
    """The first item of a list or the first sentence inside [a, b), whichever comes first (a
    list after a paragraph is not what the paragraph's title first says)."""
    item = next((blk.items[0] for blk in doc.blocks if blk.kind == "list" and blk.items and
                 a <= blk.items[0].start < b), None)
    # (the sentence that holds the title holds the first words under it: "PRESENTATION\n3/7 of rigors ...")
    sent = next((s for s in doc.sentences if s.end > a and s.start < b and doc.text[max(s.start, a):s.end].strip()),
                None)
    if item is not None and (sent is None or item.start <= max(sent.start, a) or sent.end > item.start):
        return trimmed(doc.text, item.start, item.end)
    if sent is not None:
        return trimmed(doc.text, max(sent.start, a), min(sent.end, b))
    return a, b


def _title_line(doc: ClinicalDocument) -> tuple[int, int] | None:
    """A report's title: its first line that is a heading in capitals and no field ("CTA CHEST
    WITH AND WITHOUT CONTRAST"), a date or time line skipped; cut before a wide gap ("CHEST (PA &
    LAT)      Clip # ...")."""
    text = doc.text
    pos = 0
    for _ in range(4):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        words = re.findall(r"[A-Za-z]{2,}", line.split("  ")[0] if "   " in line else line)
        if words and ":" not in line.split("   ")[0] and all(w.isupper() for w in words):
            gap = re.search(r"\s{3,}", line.strip())
            a = pos + len(line) - len(line.lstrip())
            b = a + gap.start() if gap else pos + len(line.rstrip())
            return a, b
        if words and not re.search(r"\d", line):
            return None  # prose first: no title line
        pos = end + 1
    return None


def _recommending(doc: ClinicalDocument, within: tuple[int, int] | None) -> tuple[int, int] | None:
    cue = lexicon().words_re("heading_words", "recommending")
    lo, hi = within or (0, len(doc.text))
    for s in doc.sentences:
        if s.kind != "header" and lo <= s.start < hi and cue.search(doc.text, s.start, s.end):
            return trimmed(doc.text, s.start, s.end)
    return None


def heading_answer(doc: ClinicalDocument, heading: str, part: str = "all") -> Headed | None:
    """The answer under `heading` (its first item or sentence when `part` is "first"), an empty
    Headed when the heading says there is none, or None when the note has no such heading (the
    reader's candidates decide then)."""
    found = _under(doc, heading)
    if not found and heading == "exam":
        t = _title_line(doc)
        return Headed(*t, "the report's title line") if t else None
    if not found and heading == "recommendation":
        impression = _under(doc, "impression")
        within = (impression[0][0], impression[0][1]) if impression else None
        r = _recommending(doc, within)
        if r is not None:
            return Headed(*r, "the report's recommending sentence")
        return Headed(-1, -1, "the report recommends nothing (no recommendation heading, no recommending sentence)")
    got = _first_under(doc, found)
    if got is None or got.start < 0:
        return got
    a, b = _first_part(doc, got.start, got.end) if part == "first" else (got.start, got.end)
    return Headed(a, b, got.why)


def _first_under(doc: ClinicalDocument, found: list[tuple[int, int, str]]) -> Headed | None:
    """What the first of `found` holds, trimmed; an empty Headed when it says it holds nothing
    ("None."); None when nothing was found."""
    if not found:
        return None
    text = doc.text
    a, b, key = found[0]
    a, b = trimmed(text, a, b)
    value = text[a:b].strip()
    if not value or (len(value) <= 60 and lexicon().words_re("heading_words", "empty").match(value)):
        return Headed(-1, -1, f"the note's {key.strip()!r} says {value or 'nothing'!r}")
    return Headed(a, b, f"what the note writes under {key.strip()!r}")


_SPLIT = re.compile(r"[,;\n]|\s+and\s+(?=[A-Za-z])|\.\s+(?=[A-Z])")
_MAX_ITEM_WORDS = 8  # a longer piece is prose, not a list's item


def device_pattern() -> re.Pattern | None:
    """Any line, tube or cardiac device the radiology lexicon names (head "line or tube")."""
    from clinqa.lexicon.radiology import radiology_lexicon

    dev = radiology_lexicon().finding("line or tube")
    terms = sorted(dev.terms if dev else (), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in terms) + r")s?(?![\w-])", re.I) \
        if terms else None


def device_items(doc: ClinicalDocument) -> list[tuple[int, int]] | Headed:
    """A radiology report's lines, tubes and devices where no heading lists them: each mention of
    the radiology lexicon's lines and tubes outside the indication and history, not negated ("No
    lines or tubes"), taken with the words before it on its clause ("R IJ triple lumen CVC"). On
    any other kind of note a device named in passing (a pacemaker in the history) is no answer."""
    from clinqa.text.assertion import assert_spans

    if doc.kind != "radiology":
        return Headed(-1, -1, "no lines or tubes heading, and the note is no radiology report")
    pat = device_pattern()
    if pat is None:
        return Headed(-1, -1, "the lexicon names no line or tube")
    text, found = doc.text, []
    for m in pat.finditer(text):
        sec = doc.section_at(m.start())
        if sec is not None and heading_of(sec.title) in ("indication", "comparison"):
            continue
        line0 = max(text.rfind("\n", 0, m.start()), *(text.rfind(c, 0, m.start()) for c in ".;,:(")) + 1
        words = re.findall(r"\S+", text[line0:m.start()])
        lead = [w for w in words if not re.search(r"[.;,:]", w)][-3:]
        a = text.rfind(lead[0], line0, m.start()) if lead and not any(
            w.lower() in ("a", "an", "the", "no", "with", "and", "of", "is", "are", "via") for w in lead[1:]) else m.start()
        found.append((a, m.end()))
    if not found:
        return Headed(-1, -1, "the report names no line, tube or device")
    status = assert_spans(text, found)
    items = [f for f, st in zip(found, status) if st != "negated"]
    items = [f for i, f in enumerate(items) if not any(g[0] <= f[0] and f[1] <= g[1] and g != f for g in items)]
    return list(dict.fromkeys(items)) or Headed(-1, -1, "every line or tube the report names is negated")


def headed(doc: ClinicalDocument, heading: str, part: str, is_list: bool) -> list[tuple[int, int]] | Headed | None:
    """What a concept declaring `heading` is answered with: its items (a list concept) or its one
    span, an empty Headed saying why there is none, or None (the reader decides). Lines and tubes
    keep only what names a line or tube ("Dressings C/D/I" under "LINES:" is none), and without
    a heading are a radiology report's devices."""
    got = heading_items(doc, heading) if is_list else heading_answer(doc, heading, part)
    if heading != "lines":
        return got
    if got is None:
        return device_items(doc)
    if isinstance(got, list):
        pat = device_pattern()
        got = [x for x in got if pat and pat.search(doc.text, *x)]
    return got or Headed(-1, -1, "the lines heading names no line or tube")


def heading_items(doc: ClinicalDocument, heading: str) -> list[tuple[int, int]] | Headed | None:
    """The items under `heading` for a list concept: the lines of a list there, else its value
    split at commas, semicolons, line ends and "and" (outside brackets), when every piece is an
    item's length; an empty Headed when the heading says there is none; None when there is no
    such heading or what is under it is prose (the reader decides then)."""
    text = doc.text
    got = _first_under(doc, _under(doc, heading))
    if got is None or got.start < 0:
        return got
    a, b = got.start, got.end
    items = [trimmed(text, it.start, it.end) for blk in doc.blocks if blk.kind == "list"
             for it in blk.items if a <= it.start < b]
    if not items:
        items = [trimmed(text, p, q) for p, q in split_outside_brackets(text, a, b, _SPLIT)]
        if any(len(text[p:q].split()) > _MAX_ITEM_WORDS for p, q in items):
            # prose after a list's sentence ("Hypertension, reflux, osteopenia. Never smoked; his
            # brother died of ..."): the opening sentence's items, when it is a list of two or more
            end = re.search(r"\.(?:\s+(?=[A-Z])|\s*$)", text[a:b])
            first = [trimmed(text, p, q) for p, q in split_outside_brackets(text, a, a + end.start(), _SPLIT)] \
                if end else []
            if len(first) < 2 or any(len(text[p:q].split()) > _MAX_ITEM_WORDS for p, q in first):
                return None  # (a list's lines are items whatever their length)
            items = first
    items = [(p, q) for p, q in items if q > p and re.search(r"[A-Za-z]", text[p:q])]
    return items or None

