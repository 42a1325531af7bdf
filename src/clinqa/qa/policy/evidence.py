"""What a yes/no answer shows: the mention that decides the verdict as a phrase, not a bare term
nor a whole run-on sentence."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from clinqa.lexicon import lexicon
from clinqa.text.shapes import LIST_MARK

if TYPE_CHECKING:  # (the policy's decision is only passed through)
    from clinqa.qa.policy.policy import Decision


# What ends a clause around a mention: a line, a sentence, ";", a table cell ("|", a tab, a run of
# spaces between columns). Commas and a key's colon are softer: see `mention_phrase`.
_CLAUSE_EDGE = re.compile(r"\n|;|\||\t| {2,}|(?<=[a-z0-9)\]])\.(?=\s)|[?!](?=\s)")
_KEY_BEFORE = re.compile(r"[A-Za-z][^:\n]{0,40}:\s")
_ASIDE_AT_END = re.compile(r"\s*\([^()]*\)?\s*$")
# the words that make an aside part of the verdict ("Heparin (not given)"): it stays
_CUE_WORDS = (("event_status", "negated"), ("procedures", "not_done"), ("field_values", "absent"),
              ("event_status", "hypothetical"))
_PHRASE_WORDS = 7  # a clause longer than this is not shown whole: the mention and its neighbours are
_LOOK = 600  # characters looked at on each side for a clause's edge


def mention_phrase(text: str, start: int, end: int, edges: re.Pattern) -> tuple[int, int]:
    """The phrase a yes/no answer shows for the mention [start, end) (its term with the cue that
    decides it): the comma-separated part of its clause that holds it, without the field's key
    before it ("Allergy: penicillin - rash" -> "penicillin - rash") or an aside in brackets after
    it; when that part is longer than a few words, the mention and its modifiers only, up to
    `edges` words ("with a soft systolic murmur at the left sternal edge" -> "soft systolic
    murmur"). Evidence across lines keeps its lines: the cue may be on another line than the term
    ("Chest pain\n   denied", a table column's cells under its name). The mention itself is
    always inside. Data sets write a yes/no answer as this mention ("denies SI" for no), and a
    reader checks a verdict on it faster than on a sentence."""
    if not (0 <= start < end <= len(text)):
        return start, end
    lo, hi = max(0, start - _LOOK), min(len(text), end + _LOOK)
    left = max((m.end() for m in _CLAUSE_EDGE.finditer(text, lo, start)), default=lo)
    right = min((m.start() for m in _CLAUSE_EDGE.finditer(text, end, hi)), default=hi)
    key = None
    for key in _KEY_BEFORE.finditer(text, left, start):
        pass
    if key is not None:
        left = key.end()
    left = max((m.end() for m in re.finditer(r",\s", text[left:start])), default=0) + left
    comma = text.find(",", end, right)
    right = comma if comma >= 0 else right
    aside = _ASIDE_AT_END.search(text, end, right)
    if aside is not None:
        right = aside.start()
    a, b = _trim(text, min(left, start), max(right, end), start, end)
    if len(text[a:b].split()) <= _PHRASE_WORDS:
        return a, b
    a, b = start, end
    for _ in range(3):  # modifiers before the term: "left leg", "soft systolic"
        m = re.search(r"([A-Za-z0-9?][\w?/+-]*)[ ]+$", text[max(0, a - 40):a])
        if not m or edges.fullmatch(m.group(1)):
            break
        a -= len(m.group(0))
    for _ in range(2):  # and after it: "murmur LUSE", "stopped 07-22"
        m = re.match(r"[ ]+([A-Za-z0-9][\w/+-]*)", text[b:b + 40])
        if not m or edges.fullmatch(m.group(1)):
            break
        b += m.end()
    return _trim(text, a, b, start, end)


def _trim(text: str, a: int, b: int, start: int, end: int) -> tuple[int, int]:
    """[a, b) without list marks, spaces and clause punctuation at its edges, never cutting into
    the mention [start, end)."""
    mark = LIST_MARK.match(text[a:b] + " ")
    if mark:
        a = min(a + mark.end(), start)
    while a < start and text[a] in " \t,;:-":
        a += 1
    while b > end and text[b - 1] in " \t.,;:-":
        b -= 1
    return a, b


def as_phrase(text: str, d: Decision) -> Decision:
    """A verdict's evidence shown as the mention's phrase (`mention_phrase`), in the answer
    and in the verdict alike."""
    a = d.answers[0] if d.answers else None
    if a is None or a.is_no_answer or d.verdict is None or not (0 <= a.start < a.end):
        return d
    end = a.end
    v, lex = d.verdict, lexicon()
    aside = _ASIDE_AT_END.search(text, a.start, a.end)
    if aside is not None and v.term_end >= 0 and aside.start() >= v.term_end and \
            not any(lex.words_re(*w).search(aside.group(0)) for w in _CUE_WORDS):
        end = aside.start()  # a sentence's aside after its term and cue says why, not what ("(lung re-expanded)")
    s, e = mention_phrase(text, a.start, end, lex.words_re("evidence_phrase", "edges"))
    if (s, e) == (a.start, a.end):
        return d
    return replace(d, answers=[replace(a, start=s, end=e, text=text[s:e])] + list(d.answers[1:]),
                   verdict=replace(d.verdict, start=s, end=e, text=text[s:e]))
