"""The one vocabulary every stage speaks.

Offsets are always character offsets into the *original* `Note.text` (Python str indices,
end exclusive), whatever normalisation a stage does internally. `Span.check(note)` enforces
`note.text[start:end] == text`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol, get_args, runtime_checkable

CATEGORIES: tuple[str, ...] = ("Diagnosis", "Medication", "Symptoms", "Procedure", "Lab Reports")

Assertion = Literal["present", "negated", "possible", "historical", "family", "hypothetical"]
ASSERTIONS: tuple[str, ...] = ("present", "negated", "possible", "historical", "family", "hypothetical")

# Gold labels of a dev question: what shape its answer has, and for a yes/no question what the
# note says ("not_mentioned" has no gold span; the others point at the deciding mention).
AnswerType = Literal["span", "yes_no", "number", "date", "list"]
ANSWER_TYPES: tuple[str, ...] = get_args(AnswerType)
VERDICTS: tuple[str, ...] = ("yes", "no", "uncertain", "not_mentioned")


@dataclass(frozen=True)
class Note:
    """A clinical document. `text` is kept exactly as read (after decoding)."""

    id: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise TypeError(f"Note.text must be str, got {type(self.text).__name__}")
        if not isinstance(self.id, str):
            object.__setattr__(self, "id", str(self.id))

    def __len__(self) -> int:
        return len(self.text)


@dataclass(frozen=True)
class Span:
    """A stretch of a note's text."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span offsets [{self.start}, {self.end})")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"span text has {len(self.text)} characters but offsets cover {self.end - self.start}"
            )

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def check(self, note: Note) -> None:
        """Raise if this span does not point at its own text in `note`."""
        if note.text[self.start : self.end] != self.text:
            raise ValueError(
                f"offsets [{self.start}, {self.end}) of note {note.id!r} hold "
                f"{note.text[self.start:self.end]!r}, not {self.text!r}"
            )


@dataclass(frozen=True)
class Sentence:
    """A sentence (or header, or list item) of a note, with its section."""

    id: str
    start: int
    end: int
    text: str
    section: str | None = None
    kind: Literal["sentence", "header", "list_item"] = "sentence"

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.text)


@dataclass(frozen=True)
class Evidence:
    """One sentence's support for an answer, with per-retriever scores."""

    sentence_id: str
    start: int
    end: int
    text: str
    score: float
    selected: bool = False
    relevance: Literal["essential", "supplementary", "not-relevant"] | None = None
    component_scores: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Answer:
    """An extracted answer. `text is None` (and start == end == -1) means "no answer"."""

    text: str | None
    start: int
    end: int
    score: float
    note_id: str
    category: str | None = None
    category_probs: dict[str, float] = field(default_factory=dict)
    category_source: str | None = None  # what decided `category` (the question, the head, ...)
    assertion: str | None = None
    sentence_id: str | None = None
    evidence_ids: tuple[str, ...] = ()
    method: str = ""
    reason: str | None = None  # why there is no answer (when text is None), or how a structural answer was chosen
    # a value the policy derived from the text, not written in it ("4 days" between the admission
    # and discharge dates): `text` is then its evidence
    value: str | None = None

    @classmethod
    def no_answer(cls, note_id: str, score: float, method: str = "", reason: str | None = None) -> Answer:
        return cls(text=None, start=-1, end=-1, score=score, note_id=note_id, method=method, reason=reason)

    @property
    def is_no_answer(self) -> bool:
        return self.text is None

    def check(self, note: Note) -> None:
        if self.text is None:
            return
        Span(self.start, self.end, self.text).check(note)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["evidence_ids"] = list(self.evidence_ids)
        return d


@dataclass(frozen=True)
class AnswerChange:
    """A generated answer sentence that failed a grounding check, and what replaced it: the
    extractive sentence for the same evidence, or nothing (`replacement` None) when that
    sentence is already in the answer."""

    line: int  # 0-based line of the model's answer
    original: str
    replacement: str | None
    citations: tuple[str, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    """A generated text (impression, grounded answer) and where it came from."""

    text: str
    source_id: str
    model: str
    citations: dict[str, tuple[int, int]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    # the model's own text when a post-decoding check changed it (see clinqa.summarize.consistency)
    draft: str | None = None
    changes: tuple[AnswerChange, ...] = ()  # grounded answers: sentences replaced by the checks
    mode: str = ""  # grounded answers: "extractive" or "generate"


ObservationStatus = Literal["positive", "negative", "uncertain"]


@dataclass(frozen=True)
class ObservationMention:
    """One mention of a CheXpert observation in a report text: `span` and `sentence` are
    offsets into the labelled text. A whole-study normal statement ("no acute cardiopulmonary
    abnormality") is a positive "No Finding" mention."""

    observation: str
    status: ObservationStatus
    span: Span
    sentence: tuple[int, int]
    section: str | None = None  # the heading it sits under, lower case ("findings"), when there is one


@dataclass(frozen=True)
class ChexpertLabels:
    """The 14 CheXpert observations of one text: observation -> positive/negative/uncertain,
    unmentioned observations absent (CheXpert's blank)."""

    labels: dict[str, str]
    mentions: tuple[ObservationMention, ...] = ()
    normal_statement: bool = False  # the text calls the whole study normal

    def positive(self, uncertain: bool = False) -> set[str]:
        ok = ("positive", "uncertain") if uncertain else ("positive",)
        return {o for o, s in self.labels.items() if s in ok}

    @property
    def normal(self) -> bool:
        """No pathology positive or uncertain (CheXpert's "No Finding")."""
        return self.labels.get("No Finding") == "positive"


def to_jsonable(obj: Any) -> Any:
    """Dataclasses/tuples to plain JSON types (for the CLI and the service only)."""
    if hasattr(obj, "__dataclass_fields__"):
        return {k: to_jsonable(v) for k, v in asdict(obj).items()}
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    return obj


@dataclass(frozen=True)
class QAExample:
    """A question about a note with its gold answer spans (none for unanswerable ones)."""

    id: str
    question: str
    note: Note
    answers: tuple[Span, ...] = ()
    is_impossible: bool = False
    question_variants: tuple[str, ...] = ()
    category: str | None = None
    answer_type: AnswerType | None = None  # when the set labels it
    verdict: str | None = None  # one of VERDICTS, for yes/no questions


@dataclass(frozen=True)
class ReferenceAnswer:
    """A reference plain-language answer to a question about a note, with the note spans
    (character offsets into the note) that support it."""

    id: str
    note_id: str
    question: str
    reference: str
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True)
class EvidenceCase:
    """An ArchEHR-QA style case: a question about a note split into numbered sentences,
    with gold relevance labels when a key is available."""

    id: str
    note: Note
    sentences: tuple[Sentence, ...]
    patient_narrative: str = ""
    patient_question: str = ""
    clinician_question: str = ""
    relevance: dict[str, str] = field(default_factory=dict)
    answer: str = ""  # a reference answer (cited sentences, one per line), when known

    @property
    def question(self) -> str:
        parts = [p for p in (self.patient_narrative, self.clinician_question) if p]
        return "\n".join(parts)


@dataclass(frozen=True)
class SummaryPair:
    """A radiology report's findings and (when known) its reference impression."""

    id: str
    findings: str
    impression: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


# ------------------------------------------------------------------ what stages expect of each other
class ConceptSpec(Protocol):
    """What the answer policy reads of a questionnaire concept (`clinqa.questionnaire.Concept`
    is one): its declarations win over what the question's wording suggests."""

    id: str
    answer_type: AnswerType
    category: str | None
    unit: str | None
    code: str | None
    min_score: float | None
    note_kinds: tuple[str, ...]  # the kinds of note it applies to (empty: every kind)

    def synonyms_for(self, language: str | None) -> tuple[str, ...]: ...


class ReaderOutputLike(Protocol):
    """A reader's candidates for one (note, question), best first, and its no-answer margin
    (None when the reader has no no-answer score)."""

    answers: list[Answer]
    null_minus_best: float | None


class Reader(Protocol):
    """What the answer policy asks of a reader (the packaged ones, a routed one, the lexical
    baselines, any transformers QA model): candidates for many (note, question) pairs at once.
    `with_context=False` skips assertion and sentence look-ups the policy redoes itself;
    `apply_threshold=False` returns candidates even when the no-answer score wins (the policy
    decides)."""

    name: str

    def answer_many(self, pairs: list[tuple[Note, str]], top_k: int = 1,
                    sentences: list[list[Sentence] | None] | None = None, *, with_context: bool = True,
                    apply_threshold: bool = True) -> Sequence[ReaderOutputLike]: ...


@runtime_checkable
class NamesAnswers(Protocol):
    """A reader that can say, without reading, the `method` its answers for a (note, question)
    will carry (None: it cannot). The answer policy then decides first without the reader
    (`Unread`) and reads only the questions whose decision depends on it (qa/policy/batch.py).
    It raises what `answer_many` would raise for the pair's input (an empty question or note)."""

    def method_for(self, note: Note, question: str) -> str | None: ...
