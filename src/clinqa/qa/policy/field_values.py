"""What a form's field says of the mention that labels it ("Rhabdomyolysis: not assessed",
"metformin ........ NOT started", "Nifedipine SR: in the cupboard - only if HAPE develops"): the
value after its colon or its leader of dots, read beside the ConText cues (which look forward
and never reach a value after a label)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from clinqa.lexicon import PerLexicon, lexicon

if TYPE_CHECKING:
    from clinqa.qa.policy.verdicts import Mention

# a label's colon, or a form's leader of dots after a drug's dose ("hyoscine 300 mcg ....... never started")
_VALUE = re.compile(r"[ \t]*(?::|[^\n:.]{0,40}?(?:\.{4,}|_{3,}))[ \t]*([^\n]+)")
# the same after the rest of its label ("Nifedipine SR: ..."), up to the value's clause end
_LABELLED = re.compile(r"[ \t]*(?:[^\n:.;,()]{0,15}:|[^\n:.]{0,40}?(?:\.{4,}|_{3,}))[ \t]*([^\n;.]+)")
# a field's absent value right before a parenthesis: "Red flags: none ("
_ABSENT_BEFORE = PerLexicon(lambda lex: re.compile(
    r":[ \t]*(?:" + lex.words_alternation("field_values", "absent") + r")[ \t]*$", re.I))
# a field's value that no one knows: "Rhabdomyolysis: not assessed"
_UNKNOWN_VALUE = PerLexicon(lambda lex: re.compile(
    r"[ \t]*(?::|\.{4,}|_{3,})[ \t]*(?:" + lex.words_alternation("field_values", "unknown") + r")(?![\w-])", re.I))


def field_value(text: str, m: Mention) -> Mention | None:
    """The mention as its field's value says (negated, hypothetical, possible), or None when it
    labels no field or the value says none of these."""
    lex = lexicon()
    o = text.rfind("(", max(0, m.start - 120), m.start)
    if o >= 0 and ")" not in text[o:m.start] and _ABSENT_BEFORE.get().search(text, max(0, o - 40), o):
        # the list a field's absent value names: "Red flags: none (fever, weight loss, night sweats)"
        return replace(m, assertion="negated", cue_start=min(m.cue_start, o), cue_end=max(m.cue_end, m.end))
    value = _VALUE.match(text, m.end, min(len(text), m.end + 300))
    if value:
        cue = lex.words_re("procedures", "not_done").search(value.group(1))
        done = cue and (lex.words_re("procedures", "performed").search(value.group(1), 0, cue.start())
                        or re.search(r"\bdone\b", value.group(1)[:cue.start()], re.I))
        if cue and not done:
            # a field's value says it was not done, anywhere in it ("Anticoagulation: Apixaban 5 mg BD
            # to START on day 14 ... - not yet given"), unless it says first that it was ("Colonoscopy:
            # done in 2189, report not available")
            return replace(m, assertion="negated", cue_start=min(m.cue_start, m.start), cue_end=value.end())
    if not heads_label(text, m):
        return None  # ("Cause of syncope: unclear" is the cause's field)
    labelled = _LABELLED.match(text, m.end, min(len(text), m.end + 300))
    if labelled and (lex.words_re("procedures", "considered").search(labelled.group(1)) or (
            lex.words_re("procedures", "only_if").search(labelled.group(1)) and _a_drug(text, m))):
        # an idea, or a drug kept for a condition (a symptom "only if climbing stairs" is still had)
        return replace(m, assertion="hypothetical", cue_start=min(m.cue_start, m.start), cue_end=labelled.end())
    unknown = _UNKNOWN_VALUE.get().match(text, m.end, min(len(text), m.end + 80))
    if unknown:  # "Rhabdomyolysis: not assessed": no one knows
        return replace(m, assertion="possible", cue_start=min(m.cue_start, m.start), cue_end=unknown.end())
    return None


def heads_label(text: str, m: Mention) -> bool:
    """Whether the mention opens its field's label: nothing but a bullet or a number before it on
    its line, or after the last sentence's end."""
    before = text[text.rfind("\n", 0, m.start) + 1:m.start]
    before = re.split(r"[.;]\s", before)[-1]
    return not re.search(r"[^\W\d_]", before)


def _a_drug(text: str, m: Mention) -> bool:
    from clinqa.document.events import drug_spans

    return bool(drug_spans(text, m.start, m.end))
