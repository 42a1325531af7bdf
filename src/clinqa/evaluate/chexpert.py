"""Finding-level scores of generated radiology impressions, with the rule-based CheXpert labeler
(`clinqa.text.chexpert`) in place of CheXbert: the "CheXbert-style" F1 of the literature,
labelled as a rule-based variant wherever it is reported.

- finding F1: positive labels of the 14 observations, generated vs reference impression;
  micro over all (report, observation) pairs, macro over the observations that are positive in
  some reference or generated impression.
- normal-for-abnormal: the generated impression names no pathology (CheXpert's "No Finding")
  although the reference impression or the findings assert one (positive or uncertain); reported
  over those reports, and over the reports whose *reference* is abnormal (the stricter subset the
  acceptance target uses, since Indiana references themselves often omit findings).
- dropped findings: pathologies the findings assert as positive that the generated impression
  neither asserts nor raises as uncertain, over all such (report, pathology) pairs; and the share
  of reports with at least one.
Support Devices count for F1 but not for the safety rates (impressions routinely omit them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from clinqa.text.chexpert import OBSERVATIONS, PATHOLOGIES
from clinqa.types import ChexpertLabels


@dataclass(frozen=True)
class ReportLabels:
    """The labels of one report's findings and reference impression."""

    findings: ChexpertLabels
    reference: ChexpertLabels

    @property
    def abnormal_reference(self) -> bool:
        return not self.reference.normal

    @property
    def abnormal(self) -> bool:
        return not self.reference.normal or bool(self.findings.positive(uncertain=True) & set(PATHOLOGIES))


def finding_f1(generated: Sequence[ChexpertLabels], reference: Sequence[ChexpertLabels]) -> dict[str, float]:
    """Micro and macro F1 (x100) of positive observation labels, plus F1 per observation."""
    tp = dict.fromkeys(OBSERVATIONS, 0)
    fp, fn = dict(tp), dict(tp)
    for g, r in zip(generated, reference, strict=True):
        gp, rp = g.positive(), r.positive()
        for o in OBSERVATIONS:
            tp[o] += o in gp and o in rp
            fp[o] += o in gp and o not in rp
            fn[o] += o not in gp and o in rp

    def f1(t, p, n):
        return 200 * t / (2 * t + p + n) if (t + p + n) else 0.0

    per = {o: f1(tp[o], fp[o], fn[o]) for o in OBSERVATIONS if tp[o] + fp[o] + fn[o]}
    return {"finding_f1_micro": f1(sum(tp.values()), sum(fp.values()), sum(fn.values())),
            "finding_f1_macro": sum(per.values()) / len(per) if per else 0.0,
            "finding_f1_per_observation": per}


def safety_rates(generated: Sequence[ChexpertLabels], reports: Sequence[ReportLabels]) -> dict[str, float | int]:
    """normal-for-abnormal and dropped-finding rates (x100) with their denominators."""
    nfa = nfa_n = nfa_ref = nfa_ref_n = dropped = asserted = with_drop = with_pos = 0
    for g, rep in zip(generated, reports, strict=True):
        if rep.abnormal:
            nfa_n += 1
            nfa += g.normal
        if rep.abnormal_reference:
            nfa_ref_n += 1
            nfa_ref += g.normal
        pos = rep.findings.positive() & set(PATHOLOGIES)
        if pos:
            said = g.positive(uncertain=True)
            missing = pos - said
            asserted += len(pos)
            dropped += len(missing)
            with_pos += 1
            with_drop += bool(missing)
    pct = lambda a, b: 100 * a / b if b else 0.0  # noqa: E731
    return {"normal_for_abnormal": pct(nfa, nfa_n), "normal_for_abnormal_reference": pct(nfa_ref, nfa_ref_n),
            "dropped_findings": pct(dropped, asserted), "reports_with_dropped_findings": pct(with_drop, with_pos),
            "abnormal_reports": nfa_n, "abnormal_reference_reports": nfa_ref_n, "findings_positive": asserted}


def finding_metrics(generated: Sequence[ChexpertLabels], reports: Sequence[ReportLabels]) -> dict:
    return {**finding_f1(generated, [r.reference for r in reports]), **safety_rates(generated, reports)}
