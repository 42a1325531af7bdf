"""Where a mention sits by the note's titles: the family history or the allergy list, as medspaCy's
section and the document's own titles and fields say (a section is kept by medspaCy until a header
it knows, so a field of its own, a later key or a line after a one-line field ends it)."""

from __future__ import annotations

import re

from clinqa.lexicon import PerLexicon


def in_family_section(text: str, pos: int, section: str | None) -> bool:
    """Whether `pos` is in the note's family history (see `in_titled_section`)."""
    return in_titled_section(text, pos, section, "family")


def in_titled_section(text: str, pos: int, section: str | None, kind: str) -> bool:
    """Whether `pos` is in the note's family history (`kind` "family") or allergy list
    ("allerg"): medspaCy's section says so, and the document's section there is titled so (a
    family word or "FH"; an allergy word). medspaCy keeps a section's category until a header it
    knows: "Family history" then "Anticoagulation:" and the plan's other problems all read as
    family history (the patient's warfarin a relative's), "8. Allergies." then "9. Medications
    on discharge" as allergies (every discharge drug an allergy)."""
    if kind not in (section or "").lower():
        return False
    from clinqa.document import parse_document

    title = _TITLE_OF[kind].get()
    line0 = text.rfind("\n", 0, pos) + 1
    key = re.match(r"[ \t]*(?:[-*\u2022][ \t]+)?([A-Za-z][\w /&'-]{0,40}):", text[line0:max(pos + 1, line0 + 60)])
    if key and len(key.group(1).split()) <= 5 and not title.search(key.group(1)):
        return False  # "Antibiotic prophylaxis: cefazolin" under "Allergies: latex": a field of its own
    sec = parse_document(text).section_at(pos)
    if sec is not None and sec.title_end >= 0:
        # a later key of its own between the title and `pos` ends it: "Allergies: sulfa (rash). Home
        # meds: amlodipine ... In hospital: piperacillin-tazobactam"
        keys = _INLINE_KEY.findall(text, sec.title_end, pos)
        if any(not title.search(k) for k in keys):
            return False
        if kind == "family" and _after_family_field(text, sec.title_end, line0, title):
            return False
    return sec is None or not sec.title or bool(title.search(sec.title))


def _after_family_field(text: str, title_end: int, line0: int, title: re.Pattern) -> bool:
    """Whether a line comes after a family history written as a field, its text on the title's own
    line ("Family history: his sister also has gout."), and names no relative, its line before
    ended: the patient's again ("Left wrist tingling at night"), not a list of the family's."""
    title_line_end = text.find("\n", title_end)
    if title_line_end < 0 or line0 <= title_line_end or not text[title_end:title_line_end].strip(" \t:-"):
        return False
    line_end = text.find("\n", line0)
    if title.search(text[line0:line_end if line_end >= 0 else len(text)]):
        return False
    before = text[:line0].rstrip()
    return before.endswith((".", ";")) or not before


_INLINE_KEY = re.compile(r"(?:^|[.;]\s+|\n)[ \t]*([A-Z][A-Za-z /&'-]{1,30}):\s")
_TITLE_OF = {
    "family": PerLexicon(lambda lex: re.compile(lex.words_re("question_words", "relatives").pattern +
                                                r"|\b(?:fh|fhx|fam|fam\.? hx)\b", re.I)),
    "allerg": PerLexicon(lambda lex: re.compile(r"\b(?:" + lex.allergy_words + r"|adverse|intoleran\w*|nkda|nka)", re.I)),
}
