"""Abstention settings of a reader (stored next to its model) and how they are tuned."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CALIBRATION_FILE = "clinqa_calibration.json"


@dataclass(frozen=True)
class Calibration:
    """The abstention settings of one reader: `min_score` on the answer's probability and the
    reader's own null-vs-best threshold; `source` says what they were tuned on. Extraction may
    have its own floor (`concept_min_score`): half of a questionnaire's cells are absent from a
    note, few free questions are, so the score that should answer differs."""

    min_score: float | None = None
    null_threshold: float | None = None
    source: str = "uncalibrated"
    tuned: dict[str, Any] = field(default_factory=dict)
    concept_min_score: float | None = None

    @classmethod
    def load(cls, path: str | Path) -> Calibration:
        d = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(d.get("min_score"), d.get("null_threshold"), d.get("source", str(path)), d.get("tuned", {}),
                   d.get("concept_min_score"))

    def threshold_for(self, asked) -> float | None:
        """The score a reader's answer needs: the concept's own `min_score`, else `min_score`."""
        return asked.min_score if asked.min_score is not None else self.min_score

    def for_questionnaire(self) -> Calibration:
        """The settings for a questionnaire's concepts (extraction): `concept_min_score` as the floor."""
        from dataclasses import replace

        return self if self.concept_min_score is None else replace(self, min_score=self.concept_min_score)

    def save(self, path: str | Path) -> Path:
        p = Path(path)
        if p.is_dir():
            p = p / CALIBRATION_FILE
        d = {"min_score": self.min_score, "null_threshold": self.null_threshold, "source": self.source, "tuned": self.tuned}
        if self.concept_min_score is not None:
            d["concept_min_score"] = self.concept_min_score
        p.write_text(json.dumps(d, indent=2) + "\n", encoding="utf-8")
        return p


def calibration_for(reader) -> Calibration:
    """The calibration stored next to the reader's model (clinqa folders and the packaged
    model), else the model config's `null_threshold` alone."""
    for folder in _model_folders(reader):
        f = folder / CALIBRATION_FILE
        if f.is_file():
            return Calibration.load(f)
    return Calibration(null_threshold=getattr(reader, "null_threshold", None))


def _model_folders(reader) -> list[Path]:
    name = getattr(reader, "name", None)
    if not name:
        return []
    from clinqa.qa.reader import DEFAULT_MODEL, PACKAGED_QA, packaged_model_dir

    if name in (DEFAULT_MODEL, "default"):
        return [packaged_model_dir()]
    if name in PACKAGED_QA:  # every packaged reader's own calibration, not only the default's
        return [packaged_model_dir(name)]
    p = Path(str(name))
    return [p] if p.is_dir() else []


def tune_min_score(scores: list[float], answered_f1: list[float], has_answer: list[bool]) -> tuple[float, float]:
    """The score threshold that maximises mean SQuAD v2 F1 on a dev split: an answer scored under
    it becomes an abstention (1 for an unanswerable question, 0 otherwise). Scores of -1 mark
    questions the policy abstains on anyway, +inf answers no threshold removes (verdicts).
    Returns (threshold, best mean); the lowest threshold wins ties (abstain as little as the
    data allows)."""
    import numpy as np

    s = np.asarray(scores, dtype=np.float64)
    ans = np.where(np.asarray(has_answer, dtype=bool), np.asarray(answered_f1, dtype=np.float64), 0.0)
    abst = np.where(np.asarray(has_answer, dtype=bool), 0.0, 1.0)
    if not len(s):
        raise ValueError("no dev examples to tune the abstention threshold on")
    best_t, best = 0.0, float(np.where(s < 0.0, abst, ans).mean())
    for t in sorted({float(x) for x in s if np.isfinite(x) and x >= 0.0}):
        t2 = float(np.nextafter(t, np.inf))  # abstain when score < t2, i.e. score <= t
        v = float(np.where(s < t2, abst, ans).mean())
        if v > best + 1e-12:
            best_t, best = t2, v
    return best_t, best
