"""Questions the note's one-liner answers (document/presentation.py): "What symptoms did the
patient present with?" (what the one-liner says they came with), "How long did the symptoms last
before admission?" (its duration), and, where the note has no heading for them, the admission
diagnosis (what they were admitted with), the past medical history (the one-liner's history) and
the chief complaint (what they came with). A reader asked these takes a diagnosis list, a drug line
or a relative's disease; the one-liner says which words are which.
"""

from __future__ import annotations

import re

from clinqa.document import ClinicalDocument
from clinqa.document.model import Phrase
from clinqa.lexicon import lexicon
from clinqa.qa.policy.forms import DURATION_Q

# the heading a one-liner part stands in for when the note has no such heading
_ROLE_OF_HEADING = {"admission_diagnosis": "admitted_with", "past_history": "history",
                    "complaint": "presenting_with"}


def _first(doc: ClinicalDocument, role: str) -> Phrase | None:
    return next((p for p in doc.presentation if p.role == role), None)


def _why(doc: ClinicalDocument, p: Phrase, what: str) -> str:
    return f"{what}: the one-liner's words after {doc.text[p.cue_start:p.cue_end].strip()!r}"


def instead_of_heading(doc: ClinicalDocument, heading: str, is_list: bool) -> tuple[list[tuple[int, int]], str] | None:
    """The one-liner's part that says what `heading` would hold, for a note without the heading
    ("admitted with DKA" for the admission diagnosis); None when the note has no such part."""
    if heading == "follow_up":  # no follow-up heading: the plan's items that arrange something ahead
        from clinqa.qa.policy.follow_up import plan_follow_up

        items = plan_follow_up(doc)
        # (every item, as a heading's whole body would give: one arrangement is seldom all of them)
        return (items, "the items of the note's plan that arrange a visit or a test ahead") if items else None
    role = _ROLE_OF_HEADING.get(heading)
    p = _first(doc, role) if role else None
    if p is None:
        return None
    what = {"admitted_with": "what the patient was admitted with", "history": "the patient's history",
            "presenting_with": "what the patient came with"}[role]
    spans = [(it.start, it.end) for it in p.items] if is_list and p.items else [(p.start, p.end)]
    return spans, _why(doc, p, what)


def asks_presentation(question: str) -> bool:
    return bool(lexicon().words_re("question_words", "presenting").search(question))


def presentation_answer(doc: ClinicalDocument, asked) -> tuple[list[tuple[int, int]], str] | None:
    """What the patient came with (a symptoms question naming the presentation: its items, or the
    whole part) or for how long (a duration question): from the first one-liner that says it; a
    question naming something else too ("How long has she had chest pain?") only when that part
    names it. None otherwise (the reader decides)."""
    if asked.answer_type == "yes_no" or asked.lab or not asks_presentation(asked.question):
        return None
    duration = asked.answer_type == "number" and DURATION_Q.search(asked.question)
    if not duration and asked.category != "Symptoms":
        return None
    came = [p for p in doc.presentation if p.role == "presenting_with"]
    if not came and doc.kind == "radiology":
        # a request's "71 yo woman with SOB" is why the study was asked: what the patient has now
        came = [p for p in doc.presentation if p.role == "history"]
    came = [p for p in came if _names_what_is_asked(doc, p, asked.question)]
    if not came:
        return None
    p = came[0]
    if duration:
        d = next((x for x in doc.presentation if x.role == "duration" and x.cue_start == p.cue_start), None)
        return ([(d.start, d.end)], _why(doc, d, "how long the patient had what they came with")) if d else None
    spans = [(it.start, it.end) for it in p.items] if asked.is_list and p.items else [(p.start, p.end)]
    return spans, _why(doc, p, "what the patient came with")


def _names_what_is_asked(doc: ClinicalDocument, p: Phrase, question: str) -> bool:
    """Whether the part names every word of the question that is not a filler, a presentation or
    a duration word."""
    from clinqa.qa.policy.verdicts import concept_stems, stems_in

    lex = lexicon()
    skip = [lex.words_re("question_words", n) for n in ("presenting", "duration_asking", "date_asking", "value_asking")]
    words = [w for w in re.findall(r"[^\W\d_]+", question)
             if not any(s.fullmatch(w) for s in skip) and not DURATION_Q.fullmatch(w)]
    stems = concept_stems(" ".join(words))
    return not stems or len(stems_in(doc.text, p.start, p.end, stems)) == len(stems)
