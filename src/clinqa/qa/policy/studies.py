"""Questions about a named imaging study ("What did the chest x-ray show?"): a note that never
names such a study has no answer to them. A span reader points at whatever scores best there
(the word "clear" from a lung exam, a lab value, a problem list), so the question is decided
from the note's words alone, before any reader pass.

The study's names are the radiology lexicon's (lexicon/data/radiology/modalities.yaml:
`study_names` and `mentioned_as`), so a site extends them as data. They are English: on a note in
another language the check does not apply (it would refuse every right answer there)."""

from __future__ import annotations

import functools
import re

_SPACE = re.compile(r"[\s\-]+")


def _norm(text: str) -> str:
    """Lower case, hyphens and runs of white space as one space ("X-Ray" = "x ray")."""
    return _SPACE.sub(" ", text.lower())


@functools.lru_cache(maxsize=1)
def _studies() -> tuple[tuple[str, re.Pattern, re.Pattern], ...]:
    """(modality label, a pattern finding one of its names in a normalised question, a pattern
    finding any of the modality's names in a normalised text), longest names first."""
    from clinqa.lexicon.radiology import radiology_lexicon

    out = []
    for m in radiology_lexicon().modalities:
        names = sorted({_norm(n) for n in m.names}, key=len, reverse=True)
        if not names:
            continue
        any_name = _whole(names)
        out.extend((len(n), m.label, _whole([n]), any_name) for n in names)
    return tuple(entry[1:] for entry in sorted(out, key=lambda x: -x[0]))


def _whole(names: list[str]) -> re.Pattern:
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(n) for n in names) + r")(?![a-z0-9])")


def study_names(label: str) -> tuple[str, ...]:
    """Every name of the study a modality's label names (lower case, hyphens as spaces)."""
    from clinqa.lexicon.radiology import radiology_lexicon

    return tuple(sorted({_norm(n) for m in radiology_lexicon().modalities if m.label == label for n in m.names}))


def asked_study(question: str) -> tuple[str, re.Pattern] | None:
    """The study a question names (its label, and the pattern of all its names), else None."""
    q = _norm(question)
    for label, name, any_name in _studies():
        if name.search(q):
            return label, any_name
    return None


def unnamed_study(text: str, question: str) -> str | None:
    """Why the note cannot answer `question` (it asks about a study the note never names), else None."""
    study = asked_study(question)
    if study is None:
        return None
    label, any_name = study
    if any_name.search(_norm(text)):
        return None
    from clinqa.qa.policy.constraints import english_note

    if not english_note(text):
        return None
    return f"the note names no {label}, the study the question asks about"
