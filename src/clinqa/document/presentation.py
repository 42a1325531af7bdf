"""The one-liner: how a note introduces its patient. "74 yo M with HTN, DM2, CAD s/p CABG and CKD
3b admitted [**5-10**] with 4 days of diarrhea", "presents with abdominal pain x 18 hours", "Hx
ETOH use disorder, HTN." Clinicians write it in every kind of note (an H&P's HPI, a progress
note's assessment, a nursing note's first line, a radiology request), and it says four things a
questionnaire asks for: what the patient has (the history), why they were admitted, what they came
with and for how long, and when they were admitted. A reader asked "What is the past medical
history?" of a note with no PMH heading takes whatever scores best (a drug line, a relative's
disease); the one-liner's grammar says where each part starts and stops.

The grammar is here; its words (age words, history/admission/presentation cues, the stops that end
a part, duration units) are the lexicon's `document.presentation`.
"""

from __future__ import annotations

import re

from clinqa.document.model import Item, Phrase
from clinqa.document.structure import split_outside_brackets
from clinqa.lexicon import PerLexicon, lexicon
from clinqa.types import Sentence

_MAX_WORDS = {"history": 30, "admitted_with": 16, "presenting_with": 30}
_BETWEEN = 6  # words a cue may stand from its "with" ("presents to the ED with", "admitted [**5-10**] to MICU with")


def _alt(name: str) -> str:
    """The words of the lexicon's `document.presentation` entry `name`, as regex alternatives."""
    return lexicon().words_alternation("presentation", name)


def _number_words() -> str:
    return lexicon().words_alternation("numbers", "words")


_AGE = PerLexicon(lambda lex: re.compile(r"(?<![\w.])\d{1,3}\s*-?\s*(?:" + _alt("age") + r")(?![\w])", re.I))
_HISTORY_CUE = PerLexicon(lambda lex: re.compile(r"(?:" + _alt("history") + r")(?![\w])\s*:?\s*", re.I))
_ADMITTED = PerLexicon(lambda lex: re.compile(r"(?<![\w-])(?:" + _alt("admitted") + r")(?![\w-])", re.I))
_PRESENTING = PerLexicon(lambda lex: re.compile(r"(?<![\w-])(?:" + _alt("presenting") + r")(?![\w-])", re.I))
_STOP = PerLexicon(lambda lex: re.compile(
    r"\s(?:" + _alt("stops") + r")(?![\w-])|;|:(?!\d)|(?<![\s(]\w)\.(?=\s+(?-i:[A-Z(\d])|\s*$)|\n(?=[ \t]*(?:\d{1,2}[.)]|[-*\u2022#])\s)|\n\s*\n|\s--?\s|,\s*(?=(?:" + _alt("stops") +
    r")(?![\w-]))", re.I))
# "4 days of", "~40 min of", "two months of": a duration before what it is of
_AMOUNT = PerLexicon(lambda lex: r"(?:~|about\s+|approximately\s+|several\s+|a\s+few\s+|a\s+|an\s+)?(?:\d+(?:\.\d+)?(?:\s*-\s*\d+)?|" +
                     _number_words() + r")\s*-?\s*(?:" + _alt("duration_units") + r")(?![\w])")
_LEAD_DURATION = PerLexicon(lambda lex: re.compile(r"(?P<d>" + _AMOUNT.get() + r")\s+(?:of\s+)", re.I))
_TRAIL_DURATION = PerLexicon(lambda lex: re.compile(
    r"(?:\s+x\s*|\s+for\s+(?:the\s+)?(?:past\s+|last\s+)?|\s+over\s+(?:the\s+)?(?:past|last)\s+)(?P<d>" +
    _AMOUNT.get() + r")", re.I))
_WITH = re.compile(r"\bwith\b|\bc/o\b|\bcomplaining of\b", re.I)
_SPLIT = re.compile(r",\s*(?:and\s+)?|;\s*|\s+and\s+(?=\S)|\s+as well as\s+", re.I)
_TRIM = " \t\r\n,;:.-"
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*[A-Z][A-Za-z /&]{1,40}:)")


def presentation(text: str, sentences: tuple[Sentence, ...] | list[Sentence]) -> tuple[Phrase, ...]:
    """Every one-liner part of the note, in note order."""
    out: list[Phrase] = []
    for s in sentences:
        if s.kind == "header" or s.end - s.start < 4:
            continue
        # a part may run past a sentence the segmenter cut at a wrapped line ("CAD s/p PCI to\nLAD
        # in 2146, ..."): up to its stop, within the paragraph
        para = _PARAGRAPH_END.search(text, s.end)
        b = min(para.start() if para else len(text), s.end + 400)
        out += _history(text, s.start, s.end, b)
        for cue, role in ((_ADMITTED.get(), "admitted_with"), (_PRESENTING.get(), "presenting_with")):
            for m in cue.finditer(text, s.start, s.end):
                out += _after_cue(text, m, b, role)
    out.sort(key=lambda p: (p.start, p.role))
    return tuple(out)


def _history(text: str, a: int, sentence_end: int, b: int) -> list[Phrase]:
    """"59 yo M with HTN, ..." (the age, up to four words of sex and kind, "with", a history cue
    or none) or a sentence that opens with a history cue ("Hx ETOH use disorder, HTN.")."""
    m = _AGE.get().search(text, a, sentence_end)
    if m is not None:
        w = _WITH.search(text, m.end(), min(b, m.end() + 60))
        if w is None or w.group(0).lower() != "with" or len(text[m.end():w.start()].split()) > 4 or \
                re.search(r"[.;:]", text[m.end():w.start()]) or _ADMITTED.get().search(text, m.end(), w.start()) or \
                _PRESENTING.get().search(text, m.end(), w.start()):
            return []
        start, cue_start = w.end(), m.start()
        h = _HISTORY_CUE.get().match(text, _skip_space(text, start, b))
        if h is not None:
            start = h.end()
        return _phrase(text, "history", start, b, text[cue_start:start].strip(), cue_start, start)
    lead = _skip_space(text, a, sentence_end)
    h = _HISTORY_CUE.get().match(text, lead, sentence_end)
    if h is not None and text[h.start():h.end()].strip().lower() != "known" and \
            re.match(r"\s*:|\s+(?!of\b)\S", text[h.start() + len(h.group(0).rstrip(" :")):b] or " "):
        return _phrase(text, "history", h.end(), b, h.group(0).strip(), h.start(), h.end())
    return []


def _after_cue(text: str, cue: re.Match, b: int, role: str) -> list[Phrase]:
    """The part after an admission or presentation cue and its "with" (or "for"/"due to" after
    an admission): "admitted [**11-29**] with ARDS ...". A date between them is the admission's."""
    lead = r"with|for|due to|because of" if role == "admitted_with" else r"with|c/o|complaining of"
    w = re.compile(r"(?<![\w/])(?:" + lead + r")(?![\w/])", re.I).search(text, cue.end(), b)
    if w is None:
        return []
    between = text[cue.end():w.start()]
    if len(re.findall(r"\S+", between)) > _BETWEEN or re.search(r"[.;:]\s|,", between):
        return []
    if role == "admitted_with" and w.group(0).lower() == "for" and re.match(
            r"\s+(?:evaluation|further|management|observation|monitoring|surgery|elective)\b", text[w.end():b], re.I):
        return []
    out = _phrase(text, role, w.end(), b, text[cue.start():w.end()], cue.start(), w.end())
    if role == "admitted_with" and out:
        from clinqa.document.time import DATE

        d = DATE.search(text, cue.end(), w.start())
        if d is not None:
            out.append(Phrase("admitted_on", d.start(), d.end(), cue.group(0), cue.start(), cue.end()))
    return out


def _skip_space(text: str, i: int, b: int) -> int:
    while i < b and text[i] in " \t\r\n":
        i += 1
    return i


def _phrase(text: str, role: str, start: int, b: int, cue: str, cue_start: int, cue_end: int) -> list[Phrase]:
    """The part from `start` to its stop, its duration taken out ("4 days of cough" -> "cough"
    and "4 days"), its items; [] when it runs longer than a one-liner's part does."""
    stop = _STOP.get().search(text, start + 1, b)
    end = stop.start() if stop else b
    if role == "admitted_with":  # one diagnosis: ", improving on ceftriaxone" is the course
        comma = text.find(",", start, end)
        end = comma if comma >= 0 else end
    start = _skip_space(text, start, end)
    out: list[Phrase] = []
    d = _LEAD_DURATION.get().match(text, start, end)
    if d is not None:
        # "with 4 days of diarrhea": what lasted days is what the patient came with, whatever cue
        # opened it (an admission's, an age's)
        role = "presenting_with"
        out.append(Phrase("duration", d.start("d"), d.end("d"), cue, cue_start, cue_end))
        start = d.end()
    for t in _TRAIL_DURATION.get().finditer(text, start, end):
        if not out:
            out.append(Phrase("duration", t.start("d"), t.end("d"), cue, cue_start, cue_end))
        end = min(end, t.start()) if t.end() >= end - 1 or text[t.end():end].strip(_TRIM) == "" else end
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    words = re.findall(r"\S+", text[start:end])
    if not words or len(words) > _MAX_WORDS.get(role, 20) or not re.search(r"[A-Za-z]{2,}", text[start:end]):
        return []
    items = _items(text, start, end)
    if role != "presenting_with" and any(len(it.text.split()) > 10 for it in items):
        return []  # prose, not a list of conditions
    return [Phrase(role, start, end, cue, cue_start, cue_end, items), *out]


def _items(text: str, a: int, b: int) -> tuple[Item, ...]:
    """The part's pieces: split at commas, semicolons and "and" outside brackets."""
    items = []
    for p, q in split_outside_brackets(text, a, b, _SPLIT):
        while p < q and text[p] in _TRIM:
            p += 1
        while q > p and text[q - 1] in _TRIM:
            q -= 1
        if q > p and re.search(r"[A-Za-z]", text[p:q]):
            items.append(Item(text[p:q], p, q))
    return tuple(items)
