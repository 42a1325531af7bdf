"""The questionnaire model: concepts asked of every note, each as one or more questions.

Plain frozen dataclasses, built only by the readers (`schema.parse_questionnaire` checks every
field first), so code that asks or normalises can trust them without checking again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from clinqa.types import ANSWER_TYPES as _ALL_ANSWER_TYPES
from clinqa.types import AnswerType

# The answer types a concept may declare: every `clinqa.types.AnswerType`; a "list" concept
# (medications, allergies, diagnoses) answers with every item, one extraction row each.
ANSWER_TYPES = tuple(_ALL_ANSWER_TYPES)
CODE_SYSTEMS = ("icd10cm", "drug")


@dataclass(frozen=True)
class Concept:
    id: str
    questions: dict[str, tuple[str, ...]]  # language -> questions
    answer_type: AnswerType = "span"
    category: str | None = None
    unit: str | None = None
    code: str | None = None
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language -> terms
    min_score: float | None = None
    # the kinds of note the concept applies to (clinqa.document: discharge_summary, progress, ...);
    # on a note of another known kind it abstains and says so. Empty: every kind.
    note_kinds: tuple[str, ...] = ()
    # answered by what the note writes under this heading (lexicon document.headings: "indication",
    # "comparison", "impression"...) when it has one; "heading_part: first" takes its first item
    heading: str | None = None
    heading_part: str = "all"
    # the moment of the stay a value concept records when its question names none ("admission":
    # a note's first value, the presenting one; "discharge"): one column, one moment
    moment: str | None = None

    def synonyms_for(self, language: str | None) -> tuple[str, ...]:
        """Terms in `language` plus the language-neutral ones (key "*": drug names, acronyms)."""
        own = self.synonyms.get(language or "en") or self.synonyms.get("en", ())
        return tuple(dict.fromkeys((*own, *self.synonyms.get("*", ()))))

    def questions_for(self, language: str | None) -> tuple[str, ...]:
        """Questions in `language`, else English, else the first language given."""
        if language and language in self.questions:
            return self.questions[language]
        if "en" in self.questions:
            return self.questions["en"]
        return next(iter(self.questions.values()))


@dataclass(frozen=True)
class Questionnaire:
    id: str
    name: str
    concepts: tuple[Concept, ...]
    source: str = ""
    languages: tuple[str, ...] = field(default=())
