"""The check after decoding: an impression may not call a study normal, or leave a pathology
out, when the findings assert it.

The CheXpert labeler (`clinqa.text.chexpert`) reads the findings and the draft impression. A
pathology the findings assert (positive, or uncertain: "possible pneumonia" belongs in the
impression too) that the impression neither asserts nor raises as uncertain is *missing*. Then
either the model writes again with those findings named in its prompt, or (and for whatever is
still missing after that) the impression is repaired extractively: the findings sentences that
assert the missing pathologies are added as written, draft items that negate one of them are
dropped, and a draft item that calls the study normal is kept last as "Otherwise, ...". Support devices are left alone:
impressions routinely leave lines and tubes out.

Mentions under an indication, history, comparison or technique heading are not findings ("Evaluate
for pneumonia" asks, it does not report).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clinqa.text.chexpert import PATHOLOGIES, get_labeler
from clinqa.types import ChexpertLabels, ObservationMention

MODES = ("off", "extractive", "regenerate")
_NOT_FINDINGS = re.compile(r"indication|history|reason|comparison|technique|procedure|examination|exam\b|clinical")
_OTHERWISE = re.compile(r"^\s*otherwise\b", re.I)
_ITEM_NUMBER = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|[-*\u2022])\s+")
_THERE_IS = re.compile(r"^(?:there (?:is|are|has been|have been) (?:again )?(?:seen |noted )?(?:an? )?|"
                       r"again (?:seen|noted) (?:is|are) (?:an? )?)", re.I)


@dataclass(frozen=True)
class Consistency:
    """What the findings assert and what the impression says about it."""

    asserted: tuple[str, ...]  # pathologies the findings assert, positive or uncertain
    missing: tuple[str, ...]  # ... that the impression neither asserts nor raises as uncertain
    negated: tuple[str, ...]  # the missing ones the impression explicitly negates
    normal_claim: bool  # the impression names no pathology although the findings assert one

    @property
    def ok(self) -> bool:
        return not self.missing


def finding_mentions(findings: str) -> list[ObservationMention]:
    """The labeler's mentions of the findings text, outside indication/history-like sections."""
    return [m for m in get_labeler().mentions(findings) if not (m.section and _NOT_FINDINGS.search(m.section))]


def asserted_pathologies(mentions: list[ObservationMention]) -> list[str]:
    seen: list[str] = []
    for m in mentions:
        if m.observation in PATHOLOGIES and m.status in ("positive", "uncertain") and m.observation not in seen:
            seen.append(m.observation)
    return seen


def compare(asserted: list[str], impression: ChexpertLabels) -> Consistency:
    said = impression.positive(uncertain=True)
    missing = tuple(o for o in asserted if o not in said)
    negated = tuple(o for o in missing if impression.labels.get(o) == "negative")
    return Consistency(asserted=tuple(asserted), missing=missing, negated=negated,
                       normal_claim=bool(asserted) and impression.normal)


def check(findings: str, impression: str) -> Consistency:
    from clinqa.text.chexpert import label_text

    return compare(asserted_pathologies(finding_mentions(findings)), label_text(impression))


def named_findings(findings: str, mentions: list[ObservationMention], missing: tuple[str, ...]) -> list[str]:
    """The words of the findings that assert each missing pathology ("spiculated mass" is more
    use to the model than "Lung Lesion")."""
    out = []
    for obs in missing:
        m = next(x for x in mentions if x.observation == obs and x.status in ("positive", "uncertain"))
        out.append(m.span.text.lower())
    return list(dict.fromkeys(out))


def extractive_items(findings: str, mentions: list[ObservationMention], missing: tuple[str, ...]) -> list[str]:
    """One findings sentence per missing pathology (the first that asserts it), in findings order,
    lightly tidied: numbering and a leading "There is a" go, the first letter is capitalised."""
    chosen: dict[tuple[int, int], None] = {}
    for obs in missing:
        m = next(x for x in mentions if x.observation == obs and x.status in ("positive", "uncertain"))
        chosen.setdefault(m.sentence, None)
    items = []
    for start, end in sorted(chosen):
        s = _ITEM_NUMBER.sub("", findings[start:end].strip())
        s = _THERE_IS.sub("", s).strip()
        if not s:
            continue
        s = s[0].upper() + s[1:]
        items.append(s if s.endswith((".", "?", "!")) else s + ".")
    return list(dict.fromkeys(items))


def repair(items: list[str], findings: str, mentions: list[ObservationMention],
           result: Consistency) -> tuple[list[str], list[str]]:
    """The findings sentences for the missing pathologies join the draft's items. A draft item
    that negates a missing pathology ("No pleural effusion.") is dropped; one that calls the study
    normal goes last, as "Otherwise, no acute ..." (the radiologists' own phrasing when chronic
    or minor findings sit beside a normal study), so the impression no longer reads as normal.
    Returns (items, draft items dropped or requalified)."""
    from clinqa.text.chexpert import label_text

    kept, normal, changed = [], [], []
    for it in items:
        lab = label_text(it)
        if any(lab.labels.get(o) == "negative" for o in result.missing):
            changed.append(it)
        elif lab.normal_statement and not (lab.positive(uncertain=True) & set(PATHOLOGIES)):
            changed.append(it)
            if not _OTHERWISE.match(it):
                it = "Otherwise, " + it[0].lower() + it[1:]
            normal.append(it)
        else:
            kept.append(it)
    added = [s for s in extractive_items(findings, mentions, result.missing) if s not in kept]
    return kept + added + normal, changed


def pretty(observations) -> str:
    return ", ".join(o.lower() for o in observations)
