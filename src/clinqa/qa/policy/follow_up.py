"""What follow-up was arranged, for a note with no follow-up heading: the items of its plan (a
section or a list titled Plan, Recommendations, Disposition...; the lexicon's `headings.plan`)
that arrange something ahead: a review, a clinic, a repeat test (`follow_up_cues.visit`) or a
time from now ("in 2 weeks", "8/52", `follow_up_cues.ahead`). Without this the reader, asked
"What follow-up was arranged?", scores every plan line low and the questionnaire abstains."""

from __future__ import annotations

import re

from clinqa.document import ClinicalDocument
from clinqa.lexicon import PerLexicon, lexicon

# a time from now: "in 2 weeks", "within 72 hours", "after 6 weeks", "~8/52", "3/12"
_FROM_NOW = PerLexicon(lambda lex: re.compile(
    r"\b(?:in|within|after|at)\s+(?:about\s+|~\s*)?(?:\d+(?:-\d+)?|a|one|two|three|four|five|six|eight|twelve)\s+(?:"
    + lex.words_alternation("presentation", "duration_units") + r")\b|(?<![\w/])~?\d{1,2}/(?:52|12)\b", re.I))


# what makes an item no arrangement: a condition ("only if fever recurs", "possible repeat proning
# if ..."), or a time of the stay itself ("06h00", "q12h")
# (nor something done today, or said not to be needed: "Reviewed by physiotherapy today",
# "no clinic follow-up needed", "Not for fracture clinic review")
_NOT_ARRANGED = PerLexicon(lambda lex: re.compile(lex.words_re("follow_up_cues", "not_arranged").pattern +
                                                  r"|\bq\d+h\b|\b\d{1,2}[:h]\d{2}\b", re.I))


def _arranges(text: str) -> bool:
    lex = lexicon()
    if _NOT_ARRANGED.get().search(text):
        return False
    return bool(lex.words_re("follow_up_cues", "visit").search(text) or lex.words_re("follow_up_cues", "ahead").search(text)
                or _FROM_NOW.get().search(text))


def plan_follow_up(doc: ClinicalDocument) -> list[tuple[int, int]]:
    """(start, end) of each item or sentence of the note's plan that arranges something ahead, in
    note order; [] when the note has no plan or none of its items does."""
    from clinqa.qa.policy.headings import headings_of

    text = doc.text
    parts = [(s.title_end, s.end) for s in doc.sections if s.title and s.title_end >= 0 and "plan" in headings_of(s.title)]
    parts += [(b.start, b.end) for b in doc.blocks if b.header and "plan" in headings_of(b.header)]
    parts += [(it.start, it.end) for b in doc.blocks if b.kind == "fields" for it in b.items
              if it.key and "plan" in headings_of(it.key)]
    out: set[tuple[int, int]] = set()
    for a, e in parts:
        pieces = [(it.start, it.end) for b in doc.blocks if b.kind == "list" and a <= b.start < e for it in b.items]
        covered = [(b.start, b.end) for b in doc.blocks if b.kind == "list" and a <= b.start < e]
        pieces += [(max(s.start, a), min(s.end, e)) for s in doc.sentences
                   if s.kind != "header" and s.start < e and s.end > a and
                   not any(c0 <= s.start < c1 for c0, c1 in covered)]
        for s0, s1 in pieces:
            while s1 > s0 and text[s1 - 1] in " \t\n.;,":
                s1 -= 1
            while s0 < s1 and text[s0] in " \t\n-*•":
                s0 += 1
            if s1 > s0 and _arranges(text[s0:s1]) and not _a_drug_line(text, s0, s1):
                out.add((s0, s1))
    return sorted(out)


def _a_drug_line(text: str, s0: int, s1: int) -> bool:
    """An item that opens with a drug is a medication's instruction ("Prednisolone 60 mg daily
    for 2 weeks, then ..."), not a visit or a test arranged."""
    from clinqa.text.vocab import drugs_in, words

    first = re.split(r"[:(,;]", text[s0:s1], maxsplit=1)[0]
    return bool(drugs_in(words(" ".join(first.split()[:3]))))
