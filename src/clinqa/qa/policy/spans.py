"""Clean answer spans: no list marks at the edges, never across a header or a blank line, a
number with its whole unit, the typed core of a span, the items of a list."""

from __future__ import annotations

import bisect
import re
import threading
from typing import TYPE_CHECKING

from clinqa.text.shapes import HEADER_LINE, LIST_MARK, VALUE, unit_re
from clinqa.types import Answer, Sentence

if TYPE_CHECKING:  # spans are cut by what is asked; the question's reading needs no spans
    from clinqa.qa.policy.asked import AskedFor


def clean_span(text: str, start: int, end: int, sentences: list[Sentence] | None = None,
               keep_list: bool = False) -> tuple[int, int] | None:
    """[start, end) without list numbering or bullets at the edges, cut before a section header
    or blank line it would cross (and, unless `keep_list`, before the next list item), with a
    number extended to its whole unit. None when nothing is left."""
    if not (0 <= start < end <= len(text)):
        return None
    # never across a header sentence or a blank line
    for s in sentences or ():
        if s.kind == "header" and start < s.start < end:
            end = s.start
    chunk = text[start:end]
    for pat in (r"\n[ \t]*\n",):
        m = re.search(pat, chunk)
        if m and m.start() > 0:
            end = start + m.start()
            chunk = text[start:end]
    m = HEADER_LINE.search(chunk[1:]) if "\n" in chunk else None
    if m:
        line_start = chunk.rfind("\n", 0, m.start() + 2)
        if line_start > 0:
            end = start + line_start
    if not keep_list:
        chunk = text[start:end]
        m = re.search(r"\n[ \t]*(?:\d{1,2}[.)]|[-*•·])\s+", chunk)
        if m and m.start() > 0:
            end = start + m.start()
    # strip edges
    chunk = text[start:end]
    lead = LIST_MARK.match(chunk + " ")
    if lead:
        start += min(lead.end(), len(chunk))
    while start < end and text[start] in " \t\r\n,;:":
        start += 1
    while end > start and (text[end - 1] in " \t\r\n,;:" or
                           (text[end - 1] == "." and not _abbrev_end(text, start, end))):
        end -= 1
    if end <= start or not any(ch.isalnum() for ch in text[start:end]):
        return None
    start, end = whole_compound(text, start, end)
    end = extend_unit(text, start, end)
    return (start, end)


_COMPOUND_AFTER = re.compile(r"-(?:\n[ \t]*)?[A-Za-z]+")
_COMPOUND_BEFORE = re.compile(r"[A-Za-z]+-(?:\n[ \t]*)?$")


def whole_compound(text: str, start: int, end: int) -> tuple[int, int]:
    """A span cut inside a hyphenated word takes the whole word ("sacubitril" of
    "sacubitril-valsartan", "piperacillin" of "piperacillin-\ntazobactam" broken at a line end);
    numbers ("24-26 mg") are not words."""
    if text[end - 1].isalpha():
        m = _COMPOUND_AFTER.match(text, end)
        if m:
            end = m.end()
    if text[start].isalpha() and start > 0:
        m = _COMPOUND_BEFORE.search(text, max(0, start - 40), start)
        if m:
            start = m.start()
    return start, end


def _abbrev_end(text: str, start: int, end: int) -> bool:
    """A final '.' that belongs to the word ("p.o.", "b.i.d.", "Dr.") rather than the sentence."""
    word = re.search(r"(\S+)$", text[start:end])
    w = word.group(1) if word else ""
    return bool(re.fullmatch(r"(?:[a-z]\.){2,}|(?:dr|mr|mrs|ms|st|vs|no)\.", w, re.I))


def extend_unit(text: str, start: int, end: int) -> int:
    """A span ending in a number, or inside a unit ("486 mg" of "486 mg/dL"), takes the whole unit."""
    tail = text[end:end + 24]
    if re.search(r"\d\*?$", text[start:end]):
        m = re.match(r"\*?\s?(" + unit_re() + r")(?![a-z])", tail, re.I)
        if m:
            return end + m.end()
    if end > start and text[end - 1].isalpha() or text[end - 1:end] == "%":
        m = re.match(r"(?:/[A-Za-zµ0-9^]+)+", tail)
        if m and re.search(r"\d\s*\S*$", text[start:end]):
            return end + m.end()
    return end


_STOP = {"what", "which", "were", "was", "the", "patient", "patients", "list", "name", "does", "have", "with", "that",
         "this", "they", "their", "from", "into", "during", "after", "before", "given", "started"}


def list_under_header(question: str, sentences: list[Sentence]) -> int | None:
    """The first list item under the header sharing the most word stems with the question
    ("What medications was the patient discharged on?" -> DISCHARGE MEDICATIONS)."""
    q = {w[:5] for w in re.findall(r"[a-z]{4,}", question.lower()) if w not in _STOP}
    best, best_overlap = None, 0
    for i, s in enumerate(sentences):
        if s.kind != "header":
            continue
        h = {w[:5] for w in re.findall(r"[a-z]{4,}", s.text.lower())}
        overlap = len(q & h)
        first = next((j for j in range(i + 1, min(i + 3, len(sentences))) if sentences[j].kind == "list_item"), None)
        if first is not None and overlap > best_overlap:
            best, best_overlap = first, overlap
    return best


def typed_core(text: str, span: tuple[int, int], asked: AskedFor) -> tuple[int, int]:
    """A number question's answer is the value with its unit (and a comparator: "<0.01 ng/mL"); a
    date question's is the date. A dose answer keeps its drug, route and frequency around it."""
    s, e = span
    chunk = text[s:e]
    m = None
    if asked.answer_type == "date":
        from clinqa.text.values import DATE_PATTERNS

        m = next((x for x in (p.search(chunk) for p in DATE_PATTERNS) if x), None)
    elif asked.answer_type == "number":
        m = VALUE.search(chunk)
    elif asked.category == "Medication" and not asked.allergy:
        return without_label(text, span)
    if not m:
        return span
    start, end = s + m.start(), s + m.end()
    while end > start and text[end - 1] in " \t*":
        end -= 1
    if start > 0 and text[start - 1] in "<>≤≥":
        start -= 1
    return start, extend_unit(text, start, end)


def item_head(text: str, span: tuple[int, int], asked: AskedFor) -> tuple[int, int]:
    """A list item as an answer: the whole item (drug, dose, route, frequency) unless it is a
    problem list entry with a colon ("1. Community-acquired pneumonia: He was treated..."):
    a problem question takes the problem, a medication question what follows the colon."""
    s, e = span
    if asked.category == "Medication" and not asked.allergy:
        return without_label(text, span)
    colon = text.find(":", s, e)
    if colon > s and asked.category in ("Diagnosis", "Symptoms", "Procedure"):
        return s, colon
    return s, e


class SentenceIndex:
    """Sentences by position, and the header-like ones, for lookups in O(log n)."""

    def __init__(self, sentences: list[Sentence] | None):
        self.sentences = list(sentences or ())
        self.starts = [s.start for s in self.sentences]
        self.heads = [s for s in self.sentences if s.kind == "header" or re.match(r"^[A-Za-z ]{3,40}:", s.text)]
        self.head_ends = [s.end for s in self.heads]

    def at(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.sentences[i] if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end else None

    def header_before(self, pos: int) -> str:
        """The last header-like sentence that ends at or before `pos` (above the value's line)."""
        i = bisect.bisect_right(self.head_ends, pos) - 1
        return self.heads[i].text[:60] if i >= 0 else ""


# The index of the last few sentence lists looked up (a note's sentences are asked about per
# candidate and per mention): lookups in O(log n) instead of a scan each. The list is kept with its
# index, so its id cannot be reused by another list while cached.
_INDEXES: dict[int, tuple[list[Sentence], SentenceIndex]] = {}
_INDEXES_KEPT = 8


_INDEXES_LOCK = threading.Lock()  # the service's two lanes look sentences up at once


def index_of(sentences: list[Sentence] | None) -> SentenceIndex:
    """The SentenceIndex of a note's sentence list (built once per list)."""
    key = id(sentences)
    hit = _INDEXES.get(key)
    if hit is not None and hit[0] is sentences:
        return hit[1]
    index = SentenceIndex(sentences)
    if sentences is not None:
        with _INDEXES_LOCK:
            while len(_INDEXES) >= _INDEXES_KEPT:
                _INDEXES.pop(next(iter(_INDEXES)))
            _INDEXES[key] = (sentences, index)
    return index


def line_span(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the line `pos` is on, its newline left out."""
    line1 = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, line1 if line1 >= 0 else len(text)


def sentences_and_lines(text: str, sentences: list[Sentence]) -> set[tuple[int, int]]:
    """Each sentence but a header, and each line a sentence starts on: what a note writes together
    may be one sentence over a table's lines, or one line of a run-on "sentence"."""
    spans = {(s.start, s.end) for s in sentences if s.kind != "header"}
    return spans | {line_span(text, s.start) for s in sentences}


def clause_bounds(text: str, a: int, b: int, cut: str) -> list[int]:
    """Where the clauses of text[a:b] begin and end: a, the end of each match of the pattern `cut`
    (a comma, a stop, a field's run of spaces), and b."""
    return [a] + [a + m.end() for m in re.finditer(cut, text[a:b])] + [b]


def between_stops(text: str, a: int, b: int, before, after=None) -> str:
    """text[a:b] with the text around it back to the last of the `before` marks and on to the first
    of the `after` marks (`before` again when not given); the note's edges where there is none."""
    start = max(text.rfind(c, 0, a) for c in before) + 1
    ends = [i for i in (text.find(c, b) for c in (before if after is None else after)) if i >= 0]
    return text[start:min(ends, default=len(text))]


def sentence_at(sentences: list[Sentence] | None, pos: int) -> Sentence | None:
    """The sentence holding character `pos`, if any."""
    return index_of(sentences).at(pos) if sentences else None


def after_label(text: str) -> str:
    """A plan line's text after its problem label ("Metabolic acidosis: start sodium bicarbonate
    650 mg" -> "start sodium bicarbonate 650 mg"); the text itself when it has no label."""
    m = re.match(r"[^:\n]{3,60}:\s+(?=\S)", text)
    return text[m.end():] if m else text


def without_label(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A medication answer's span without the plan line's problem label before it."""
    s, e = span
    return e - len(after_label(text[s:e])), e


def overlap_score(raw: list[Answer], start: int, end: int) -> float:
    """The best reader score among the candidates overlapping [start, end) (0.0 when none does)."""
    return max((x.score for x in raw if x.start < end and start < x.end), default=0.0)


def dedupe(answers: list[Answer]) -> list[Answer]:
    seen, out = set(), []
    for a in answers:
        if (a.start, a.end) not in seen:
            seen.add((a.start, a.end))
            out.append(a)
    return out
