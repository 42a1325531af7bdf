"""Question types of grounded answers and the note sentences each one puts first.

- study result ("What did the CT scan show?"): the sentences under the study's impression (or
  conclusion) header, and positive findings before negative ones; technique, comparison and
  indication lines never;
- medication change ("What medication changes were made?"): the sentences that say a change
  (started, stopped, increased, held...), those with their reasons first;
- dose ("What dose of torsemide?", "How often...?"): the sig, a sentence with a dose of the drug
  the question names.

The words live in `clinqa/lexicon/data/answer_plan.yaml`; this module only scores.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources import files

import yaml

from clinqa.errors import DataError

STUDY_LEAD_BONUS = 1.0  # the impression is what a study "showed"
STUDY_NEGATIVE_PENALTY = 0.5
CHANGE_BONUS = 0.45
DOSE_BONUS = 0.35
DRUG_BONUS = 0.35
SKIP = float("-inf")

_NEGATIVE_START = re.compile(r"^\W*(?:\d{1,3}[.)]\s*)?(?:no|not|without|negative for|there (?:is|are) no)\b", re.I)
DOSE_SHAPE = re.compile(r"\b\d+(?:\.\d+)?\s*(?:mg|mcg|micrograms?|g|grams?|units?|ml|meq|puffs?|tablets?|tabs?)\b",
                        re.I)


def _phrases(words) -> re.Pattern:
    alts = sorted({re.escape(str(w).lower()) for w in words}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.I)


@dataclass(frozen=True)
class PlanRules:
    study_question: re.Pattern
    study_words: re.Pattern
    lead_headers: re.Pattern
    skip_headers: re.Pattern
    change_question: re.Pattern
    medication_words: re.Pattern
    change_words: re.Pattern
    dose_question: re.Pattern


@functools.lru_cache(maxsize=1)
def rules() -> PlanRules:
    path = files("clinqa.lexicon") / "data" / "answer_plan.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        s, m, d = raw["study"], raw["medication_change"], raw["dose"]
        return PlanRules(_phrases(s["question_words"]), _phrases(s["study_words"]), _phrases(s["lead_headers"]),
                         _phrases(s["skip_headers"]), _phrases(m["question_words"]), _phrases(m["medication_words"]),
                         _phrases(m["change_words"]), _phrases(d["question_words"]))
    except (KeyError, TypeError) as exc:
        raise DataError(f"answer_plan.yaml: missing or malformed entry ({exc!r}); expected study, "
                        "medication_change and dose with their word lists", source=str(path)) from exc


@dataclass(frozen=True)
class QuestionType:
    study: bool = False
    medication_change: bool = False
    dose: bool = False
    drugs: tuple[str, ...] = ()  # drug names the question gives

    @property
    def name(self) -> str:
        return ("study" if self.study else "medication_change" if self.medication_change
                else "dose" if self.dose else "other")


def question_type(question: str) -> QuestionType:
    from clinqa.generate.checks import drug_names

    r = rules()
    q = question.lower()
    drugs = tuple(sorted(drug_names(question)))
    study = bool(r.study_question.search(q) and r.study_words.search(q)) or bool(
        re.search(r"\bimpression\b", q))
    change = bool(r.change_question.search(q) and (r.medication_words.search(q) or drugs))
    dose = bool(r.dose_question.search(q)) and not change
    return QuestionType(study=study, medication_change=change, dose=dose, drugs=drugs)


def type_bonus(qt: QuestionType, text: str, header: str) -> float:
    """What the question type adds to a sentence's plan score (SKIP: never plan it)."""
    r = rules()
    bonus = 0.0
    if qt.study:
        h = header.lower()
        if h and r.skip_headers.search(h) and not r.lead_headers.search(h):
            return SKIP
        if leads_study(qt, h):
            bonus += STUDY_LEAD_BONUS
        if _NEGATIVE_START.search(_body(text)):
            bonus -= STUDY_NEGATIVE_PENALTY
    if qt.medication_change and r.change_words.search(text):
        bonus += CHANGE_BONUS
    if qt.dose and DOSE_SHAPE.search(text):
        bonus += DOSE_BONUS
    if qt.drugs and (qt.dose or qt.medication_change):
        low = text.lower()
        if any(d in low for d in qt.drugs):
            bonus += DRUG_BONUS
    return bonus


def leads_study(qt: QuestionType, header: str) -> bool:
    """Whether a sentence under `header` is the study's conclusion, said first for a study question."""
    h = header.lower()
    return qt.study and bool(h) and bool(rules().lead_headers.search(h)) and not h.startswith("findings")


def _body(text: str) -> str:
    """The sentence after a label ("Pleura: No effusion" -> "No effusion")."""
    m = re.match(r"^[A-Za-z][A-Za-z /&()'-]{1,40}:\s+", text)
    return text[m.end():] if m else text
