"""A terse number question that names a measure and one word more, where the note writes the
measure once with several values and the word picks one:

- the word labels the measure's line: "LAD iFR?" or "iFR of the RCA?" on a vessel-by-vessel list
  ("LAD   30% proximal; iFR 0.93", "RCA   70% distal; iFR 0.86");
- the word labels one of the values written after the measure's own: "Supine AHI?" on "AHI
  58.4/h (supine 81.2, non-supine 22.0; REM 64.0)".

And "How many <things>?" on a count written before its noun ("96 obstructive apneas").

The reader takes the measure's first value, or a number of another measure on the line. Each rule
answers only when exactly one value fits."""

from __future__ import annotations

import re

from clinqa.lexicon import PerLexicon, lexicon
from clinqa.qa.policy.forms import TERSE_Q
from clinqa.qa.policy.keyed import _AFTER_NAME, _ASKING_THE_TYPE, _ASKS_A_TIME, _OWN_NUMBER, _same
from clinqa.qa.policy.spans import line_span
from clinqa.qa.policy.verdicts import _WORD, _stem, concept_stems

# a row's label: the line's first words, up to a column's spaces, a tab or a colon ("LAD   30% ...")
_LABEL = re.compile(r"[ \t]*(?:[-*\u2022][ \t]+)?(?P<label>[^\s:][^\t:\n]{0,30}?)(?=[ \t]{2,}|\t|:)")
_NUMBER = re.compile(r"[ \t]*[:=]?[ \t]*(?P<num>[<>~]?-?\d+(?:[.,]\d+)?(?:/\d+)?)(?![\d./:]*\d)")
# a count that is no count of the patient's now: past, planned, conditional
_NOT_NOW = PerLexicon(lambda lex: lex.words_re("event_status", "not_now_count"))
_HOW_MANY = re.compile(r"^\s*how\s+many\s+(?P<what>[^?]+?)\s*\??\s*$", re.I)
_COUNT_WORDS = PerLexicon(lambda lex: lex.words_re("question_words", "value_asking"))
_UNIT_AFTER = PerLexicon(lambda lex: re.compile(r"[ \t]*(?:%|" + lex.unit_re + r")(?![\w/])", re.I))


def _with_unit(text: str, s: int, e: int) -> tuple[int, int]:
    """A value with its unit when one follows ("48 mmHg")."""
    u = _UNIT_AFTER.get().match(text, e)
    return s, u.end() if u else e


def _runs(text: str, stems: list[str]) -> list[tuple[int, int]]:
    """Where the words whose stems are `stems` stand in that order with nothing but spaces between."""
    words = list(_WORD.finditer(text))
    out = []
    for i in range(len(words) - len(stems) + 1):
        run = words[i:i + len(stems)]
        if all(_same(_stem(w.group(0)), q) for w, q in zip(run, stems)) and \
                not any(text[x.end():y.start()].strip() for x, y in zip(run, run[1:])) and \
                not text[run[0].start() - 1:run[0].start()] in ("-", "/") and \
                not text[run[-1].end():run[-1].end() + 1] in ("-", "/"):
            out.append((run[0].start(), run[-1].end()))
    return out


def _labels(text: str, start: int, stem: str) -> bool:
    """Whether the line at `start` is labelled by a word of `stem` ("RCA   40% proximal")."""
    line0, line1 = line_span(text, start)
    m = _LABEL.match(text, line0, line1)
    # (no sentence or clause between the label and the measure: "Right leg:  no DVT. Left leg thrombus 6 cm")
    return bool(m) and m.start("label") < start and not re.search(r"[.;](?:\s|$)", text[m.end("label"):start]) and \
        any(_same(_stem(w), stem) for w in _WORD.findall(text[m.start("label"):min(m.end("label"), start)]))


def _after(text: str, value_end: int, stem: str) -> tuple[int, int] | None:
    """The number right after a word of `stem` among the values written after a measure's own,
    in its brackets or up to its clause's end ("(supine 81.2, non-supine 22.0; REM 64.0)")."""
    line1 = line_span(text, value_end)[1]
    rest = re.match(r"[^\s(;,.]*[ \t]*", text[value_end:line1])  # (the value's unit: "58.4/h")
    at = value_end + (rest.end() if rest else 0)
    if text[at:at + 1] == "(":
        close = text.find(")", at, line1)
        region = (at + 1, close if close > 0 else line1)
    else:
        stop = re.search(r"[;.](?:\s|$)", text[at:line1])
        region = (at, at + stop.start() if stop else line1)
    found = []
    for w in _WORD.finditer(text, *region):
        if _same(_stem(w.group(0)), stem) and text[w.start() - 1:w.start()] not in ("-", "/"):
            n = _NUMBER.match(text, w.end(), region[1])
            if n:
                found.append((n.start("num"), n.end("num")))
    return found[0] if len(found) == 1 else None


def qualified_number(text: str, question: str) -> tuple[int, int, str] | None:
    """(start, end, why) of the one value a terse question's measure and its one other word pick
    out (see the module's doc); None otherwise."""
    if not TERSE_Q.match(question) or _OWN_NUMBER.search(question) or _ASKS_A_TIME.get().search(question):
        return None
    asked = concept_stems(question.rstrip(" ?"), _ASKING_THE_TYPE.get())
    if not 2 <= len(asked) <= 3:
        return None
    found: dict[str, tuple[int, int, str]] = {}
    for k, word in enumerate(asked):
        name = asked[:k] + asked[k + 1:]
        for a, b in _runs(text, name):
            after = _AFTER_NAME.get().match(text, b, line_span(text, b)[1])
            if after is None:
                continue
            if _labels(text, a, word) and not any(_same(_stem(w), word) for w in _WORD.findall(text[a:b])):
                found.setdefault(after.group("num"), (*_with_unit(text, after.start("num"), after.end("num")),
                                                      f"the value of {' '.join(name)!r} on the line of {word!r}"))
            picked = _after(text, after.end("num"), word)
            if picked is not None:
                num = text[picked[0]:picked[1]]
                found.setdefault(num, (*_with_unit(text, *picked), f"the value written with {word!r} after {' '.join(name)!r}"))
    return next(iter(found.values())) if len(found) == 1 else None


def counted(text: str, question: str) -> tuple[int, int, str] | None:
    """"How many obstructive apneas?" on "96 obstructive apneas": the one number written right
    before the question's words (from the number to the words); None when none or several are."""
    m = _HOW_MANY.match(question)
    if not m or _OWN_NUMBER.search(question) or re.search(r"\b(?:since|in|on|at|during|after|before|per|a|each)\b",
                                                           m.group("what"), re.I):
        return None  # ("How many episodes since the last check?": which count is the time's)
    stems = concept_stems(m.group("what"), _COUNT_WORDS.get())
    if not stems or len(stems) > 3:
        return None
    found = {}
    lex = lexicon()
    for a, b in _runs(text, stems):
        clause = re.split(r"[.;]\s", text[line_span(text, a)[0]:line_span(text, b)[1]])
        own = next((c for c in clause if stems and re.search(re.escape(text[a:b]), c)), "")
        if lex.words_re("question_words", "relatives").search(own) or _NOT_NOW.get().search(own):
            continue  # a relative's count, a past or a planned one: "Mother had 4 miscarriages"
        n = re.search(r"(?<![\w./:+-])(\d+)[ \t]+$", text[max(0, a - 12):a])  # (not "27+2 weeks")
        if n:
            found.setdefault(n.group(1), (a - len(n.group(0)), b))
    if len(found) != 1:
        return None
    s, e = next(iter(found.values()))
    return s, e, f"the count written before {m.group('what')!r}"
