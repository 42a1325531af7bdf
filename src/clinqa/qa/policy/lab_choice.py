"""Which measured value of a lab answers a lab/vital question: one written at the moment the
question names ("at discharge", "on admission") first, then those the reader's candidates
cover, then note order; "peak"/"lowest" questions take the extreme value."""

from __future__ import annotations

import re
from collections import Counter

from clinqa.lexicon import lexicon
from clinqa.qa.policy.asked import AskedFor
from clinqa.qa.policy.constraints import unit_fits
from clinqa.qa.policy.forms import EXTREME_Q, MOMENT_Q, MOMENT_WORDS, moment_key
from clinqa.qa.policy.labs import (
    SentenceIndex,
    context_of,
    lab_values,
    local_moment,
)
from clinqa.types import Answer, Note


def lab_answers(note: Note, asked: AskedFor, raw: list[Answer], sentences, method: str) -> list[Answer]:
    """Values of the asked lab, best first: one in the moment the question names ("at
    discharge", "on admission") first, then those the reader's candidates cover (by score),
    then note order; "peak"/"lowest" questions take the extreme value. Thresholds never."""
    pairs = lab_values(note.text, asked.lab)
    if not pairs:
        return []
    moment = MOMENT_Q.search(asked.question)
    extreme = EXTREME_Q.search(asked.question)
    out: list[tuple[tuple, Answer]] = []
    shape_src = lexicon().lab_by_name[asked.lab].shape
    shape = re.compile(shape_src) if shape_src else None
    pairs = [(vs, ve, ns) for vs, ve, ns in pairs
             if unit_fits(note.text[vs:ve], asked)[0] and (shape is None or shape.search(note.text[vs:ve]))]
    per_name = Counter(p[2] for p in pairs)
    index = SentenceIndex(sentences)  # a long note has thousands of values: no scan per value
    for order, (vs, ve, ns) in enumerate(pairs):
        score = max((a.score for a in raw if a.start < ve and vs < a.end), default=0.0)
        where = ""
        if moment:  # only a question that names a moment needs where each value was written
            where = context_of(note.text, index, ns, vs, with_line=per_name[ns] == 1) + \
                " " + local_moment(note.text, vs, ve)
        in_moment = bool(moment and re.search(MOMENT_WORDS[moment_key(moment.group(0))], where, re.I))
        num = re.search(r"\d+(?:,\d{3})*(?:\.\d+)?", note.text[vs:ve])
        number = float(num.group(0).replace(",", "")) if num else 0.0
        ext = 0.0
        if extreme:
            ext = -number if re.match(r"(?:peak|max|highest)", extreme.group(0), re.I) else number
        a = Answer(text=note.text[vs:ve], start=vs, end=ve, score=score, note_id=note.id,
                   method=(method or "extractive") + "+lab-name")
        out.append(((not in_moment, ext, -score, order), a))
    return [a for _, a in sorted(out, key=lambda x: x[0])]
