"""A question that asks for a clock time ("What time did he arrive?", "Time of birth?", "¿A qué
hora llegó?", the lexicon's `question_words.clock_asking`) is answered by a clock time, never a
date, a duration or a word: the time written in the sentence or line that holds every word the
question names, nearest those words ("Arrived by ambulance 23:41"; a timed log's "14:21
tenecteplase 25 mg bolus"). The reader scores times low, so they were refused or lost to a
date on the same line."""

from __future__ import annotations

import re

from clinqa.document import ClinicalDocument
from clinqa.document.time import TIME
from clinqa.lexicon import PerLexicon, lexicon
from clinqa.qa.policy.spans import clause_bounds, sentences_and_lines
from clinqa.qa.policy.verdicts import concept_stems, stems_in

_CLOCK_ASKING = PerLexicon(lambda lex: lex.words_re("question_words", "clock_asking"))
# "Time of birth?": only as the question's first words ("FiO2 at the time of the scan?" asks a value)
_CLOCK_OPENING = PerLexicon(lambda lex: re.compile(r"\s*(?:¿\s*)?(?:" + lex.words_alternation("question_words",
                                                                                               "clock_opening") + r")\b", re.I))
_NOT_NAMED = PerLexicon(lambda lex: re.compile(
    "|".join(lex.words_re("question_words", n).pattern for n in ("date_asking", "clock_asking", "clock_opening"))
    + r"|\btime\b", re.I))


def asks_clock_time(question: str) -> bool:
    """("What time of day are the headaches worst?" asks a part of the day, not a clock time)"""
    return bool(_CLOCK_ASKING.get().search(question) or _CLOCK_OPENING.get().match(question)) and \
        not re.search(r"\btime of (?:the )?day\b", question, re.I)


def _own_clause(text: str, s: int, e: int, a: int, b: int, stems: list[str]) -> bool:
    """Whether the clause of a time (between commas, semicolons or stops, within a..b) names one
    of the question's words and says nothing that undoes or defers it."""
    # (a field beside it on its line is another clause: "Booked: ...   Seen: ...")
    bounds = clause_bounds(text, a, b, r"[,;\n\t]|\.\s|[ ]{3,}")
    c0, c1 = max(x for x in bounds if x <= s), min(x for x in bounds if x >= e)
    clause = text[c0:c1]
    return bool(stems_in(text, c0, c1, stems)) and not _UNDONE.get().search(clause)


# words that say a timed event did not happen, or is still to come
_UNDONE = PerLexicon(lambda lex: re.compile(
    "|".join([lex.words_re("event_status", "negated").pattern, lex.words_re("procedures", "planned").pattern,
              lex.words_re("procedures", "not_done").pattern, lex.words_re("event_status", "not_yet_timed").pattern]),
    re.I))


def has_clock_time(text: str) -> bool:
    return bool(TIME.search(text))


def timed_mention(doc: ClinicalDocument, question: str) -> tuple[int, int, str] | None:
    """(start, end, why) of the clock time written with every word the question names, in one
    sentence or on one line, nearest them; None when the question names nothing, or no time or
    two different times are so written."""
    if not asks_clock_time(question):
        return None
    stems = concept_stems(_NOT_NAMED.get().sub(" ", question))
    if not stems or lexicon().words_re("moments", "latest").search(question):
        return None
    text = doc.text
    spans = sentences_and_lines(text, doc.sentences)
    found: dict[str, tuple[int, int]] = {}
    for a, b in spans:
        times = list(TIME.finditer(text, a, b))
        if not times:
            continue
        hits = stems_in(text, a, b, stems)
        if len(hits) < len(stems):
            continue
        # a time in a clause of its own that holds a word of the question, and no word that it did
        # not happen ("not given at 03:40", "requested for 08:00", "referral made 14:45")
        times = [t for t in times if _own_clause(text, t.start(), t.end(), a, b, stems)]
        if not times:
            continue
        last = max(y for _, y in hits.values())
        # the first time after the words in their own field ("Died: 14-Mar-2195 04:12" beside
        # "Admitted: 09-Mar 21:47"), else the nearest one
        after = [t for t in times if t.start() >= last and not re.search(r"[;,\n]|\S[ \t]{3,}\S|\t",
                                                                         text[last:t.start()])]
        best = after[0] if after else min(times, key=lambda t: min(abs(t.start() - x) + abs(t.end() - y)
                                                                   for x, y in hits.values()))
        found.setdefault(best.group(0), (best.start(), best.end()))
    if len(found) != 1:
        return None
    (s, e), = found.values()
    return s, e, f"the clock time written with {' '.join(stems)!r}"
