"""Yes/no questions about a chest finding the note states in other words.

"Is the heart enlarged?" on a report saying "The cardiomediastinal silhouette is normal in size"
names no word of the question, so the concept search finds nothing and the answer would be
"not in this note", a refusal of a right "no". The CheXpert labeler (`clinqa.text.chexpert`)
already knows the ways a report states each of its observations, normal statements about a
structure included ("heart size is normal" -> Cardiomegaly negative). When the question itself is
one such observation asked as present, the labeler's mentions of it in the note are the mentions
the verdict is aggregated from: negative is negated, uncertain possible, and positive only
possible too. An observation is wider than some questions (CheXpert counts "vascular congestion"
as Edema), so a finding the report states only in words the question did not use is a
clinician's call, never a "yes".
"""

from __future__ import annotations

import re

from clinqa.qa.policy.verdicts import Mention

# devices are asked about by name ("Is there a PICC?"), and the labeler's device list says
# nothing of absence; "No Finding" is no question's concept
_NOT_ASKED = ("Support Devices", "No Finding")
_ASSERTION = {"positive": "possible", "negative": "negated", "uncertain": "possible"}
_WORD = re.compile(r"[a-z]+")
# words of a target that say nothing beyond the observation ("a", "there", "any")
_FILLER = frozenset({"a", "an", "the", "any", "there", "is", "are", "of", "in"})


def asked_observation(target: str) -> str | None:
    """The one CheXpert observation a yes/no question's concept is, asked as present, when the
    labeler's phrase for it is the whole concept ("heart enlarged" -> Cardiomegaly; "rib
    fracture" -> None: the question asks more than the observation says)."""
    from clinqa.text.chexpert import get_labeler
    from clinqa.text.pipeline import NLP_LOCK

    with NLP_LOCK:
        found = get_labeler().mentions(target)
    found = [m for m in found if m.observation not in _NOT_ASKED]
    if len({m.observation for m in found}) != 1 or any(m.status != "positive" for m in found):
        return None
    said = {w for m in found for w in _WORD.findall(m.span.text.lower())}
    rest = set(_WORD.findall(target.lower())) - said - _FILLER
    return found[0].observation if not rest else None


def observation_mentions(text: str, target: str, language: str | None, report: bool) -> list[Mention]:
    """The note's mentions of the CheXpert observation `target` is (English notes only: the
    labeler's phrases are English), as verdict mentions; [] when `target` is none. Outside a
    radiology `report` only the sentences that name an imaging study count: the labeler reads
    "no edema" on an examination of the legs as no (pulmonary) Edema."""
    if language not in (None, "en") or not target:
        return []
    obs = asked_observation(target)
    if obs is None:
        return []
    from clinqa.qa.policy.studies import asked_study
    from clinqa.text.chexpert import get_labeler
    from clinqa.text.pipeline import NLP_LOCK

    with NLP_LOCK:
        found = get_labeler().mentions(text)
    return [Mention(m.span.start, m.span.end, _ASSERTION[m.status], m.section, m.span.start, m.span.end)
            for m in found if m.observation == obs
            and (report or asked_study(text[m.sentence[0]:m.sentence[1]]) is not None)]
