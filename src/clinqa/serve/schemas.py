"""Request and response models of the HTTP API (pydantic; they are the OpenAPI schema)."""

from __future__ import annotations

import re
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from clinqa.types import Answer, Evidence, Note, Sentence

# JSON lets a client send what is not text: a lone surrogate ("\ud800") cannot be encoded as
# UTF-8, so the tokenizer or the response would fail on it (a 500), and control characters
# other than tab, newline and CR (NUL, ESC, the C1 block of mis-decoded files) are no part of a
# note and shift what a reader sees against the offsets we return. Both are refused as a 422.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def text_problem(text: str) -> str | None:
    """What makes `text` unusable as text (the first bad character and its offset), or None."""
    m = _NOT_TEXT.search(text)
    if m is None:
        return None
    ch = m.group()
    kind = "a lone surrogate" if "\ud800" <= ch <= "\udfff" else "a control character"
    return (f"contains {kind} (U+{ord(ch):04X}) at offset {m.start()}; send valid Unicode text, "
            "without control characters other than tab, newline and carriage return")


def _check_strings(value: Any) -> None:
    """Every string in `value`, dict keys and nested values too (FHIR resources and inline
    concepts hold them), walked without recursion so deep JSON cannot exhaust the stack."""
    stack: list[tuple[str, str, Any]] = [("", "", value)]  # (what, path inside the field, value)
    while stack:
        what, path, v = stack.pop()
        if isinstance(v, str):
            problem = text_problem(v)
            if problem:  # e.g. "at content[0].attachment.title: contains ..."
                raise PydanticCustomError("text", f"{what}: {problem}" if what else problem)
        elif isinstance(v, dict):
            for k, item in v.items():
                sub = f"{path}.{k}" if path else str(k)
                stack.append((f"at {sub}", sub, item))
                stack.append((f"a key in {path}" if path else "a key", path, k))  # popped first
        elif isinstance(v, (list, tuple)):
            stack.extend((f"at {path}[{i}]", f"{path}[{i}]", item) for i, item in enumerate(v))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # every field of every request, present and future: one place checks the text clients send,
    # before pydantic's own parsing (whose message for a surrogate names neither it nor where)
    @field_validator("*", mode="before")
    @classmethod
    def _only_text(cls, value: Any) -> Any:
        _check_strings(value)
        return value

    # the field names themselves: an unknown one is echoed in the 422, a surrogate cannot be
    @model_validator(mode="before")
    @classmethod
    def _names_are_text(cls, data: Any) -> Any:
        for name in data if isinstance(data, dict) else ():
            problem = text_problem(name) if isinstance(name, str) else None
            if problem:
                raise PydanticCustomError("text", f"a field name {problem}")
        return data


class NoteInput(_Strict):
    # no max_length here: the server's --max-chars / CLINQA_MAX_CHARS applies (to_note), and
    # create_app writes that limit into the OpenAPI schema
    note: Optional[str] = Field(None, description="Note text (UTF-8). Give this or `fhir`. At most the server's "
                                "note limit in characters (maxLength below; `clinqa serve --max-chars`).")
    fhir: Optional[dict[str, Any]] = Field(None, description="A FHIR R4 DocumentReference or Bundle holding the note.")
    note_id: str = Field("note", max_length=200, pattern=r"^[\w.\-:]+$")

    @model_validator(mode="after")
    def one_source(self):
        if (self.note is None) == (self.fhir is None):
            raise ValueError("give exactly one of 'note' (text) or 'fhir' (a DocumentReference/Bundle)")
        return self


class AnswerRequest(NoteInput):
    question: str = Field(..., min_length=1, max_length=2000)
    top_k: int = Field(1, ge=1, le=20)
    with_evidence: bool = True
    with_sentences: bool = True
    all_evidence: bool = Field(False, description="Return every sentence's evidence score, not only the selected.")


class EvidenceRequest(NoteInput):
    question: str = Field(..., min_length=1, max_length=2000)


class ParseRequest(NoteInput):
    pass


class ParseResponse(BaseModel):
    note_id: str
    document: dict[str, Any] = Field(..., description="The clinical document: kind, sections, blocks, measurements, "
                                     "anchors, events; every element with character offsets into the note.")
    medication_reconciliation: list[dict[str, Any]]
    trends: list[dict[str, Any]]


class SummarizeRequest(_Strict):
    findings: str = Field(..., min_length=1, max_length=100_000)


class SummarizeResponse(BaseModel):
    impression: str = Field(..., description="Numbered (1., 2., ...) when the model gives several findings.")
    model: str
    warnings: list[str] = Field(default_factory=list, description="E.g. findings cut to fit the input limit, or "
                                "what the consistency check changed (a pathology of the findings the model's "
                                "impression hid).")
    draft: Optional[str] = Field(None, description="The model's own impression when the consistency check changed it.")


class GenerateRequest(NoteInput):
    question: str = Field(..., min_length=1, max_length=2000)
    mode: Literal["extractive", "generate"] = Field(
        "extractive", description="extractive: each evidence sentence in plain language (no LM); generate: the "
                                  "offline SmolLM2 rewrites the evidence and every sentence is checked.")


class CitationOut(BaseModel):
    id: str
    start: int
    end: int
    text: str


class AnswerLineOut(BaseModel):
    text: str
    citations: list[CitationOut]


class ChangeOut(BaseModel):
    line: int
    original: str = Field(..., description="The model's sentence (empty when planned evidence was left out).")
    replacement: Optional[str] = Field(None, description="The extractive sentence shown instead; null when "
                                                         "the same evidence is already said.")
    citations: list[str]
    reasons: list[str]


class GenerateResponse(BaseModel):
    note_id: str
    mode: str
    model: str
    answer: str = Field(..., description="One sentence per line, each ending with |ids| of note sentences.")
    sentences: list[AnswerLineOut]
    changes: list[ChangeOut] = Field(default_factory=list, description="Generated sentences the checks replaced.")
    repairs: list[str] = Field(default_factory=list)


class ExtractRequest(NoteInput):
    questionnaire: Optional[str] = Field(None, max_length=200, description="Id of a shipped questionnaire "
                                         "(discharge-summary, radiology-report).")
    concepts: Optional[list[dict[str, Any]]] = Field(None, max_length=200, description="Inline concepts, in the "
                                                     "questionnaire YAML's shape.")
    language: Optional[str] = Field(None, max_length=10)

    @model_validator(mode="after")
    def one_questionnaire(self):
        if (self.questionnaire is None) == (self.concepts is None):
            raise ValueError("give exactly one of 'questionnaire' (an id) or 'concepts' (inline)")
        return self


class ExtractResponse(BaseModel):
    note_id: str
    questionnaire: str
    rows: list[dict[str, Any]]


class AnswerOut(BaseModel):
    text: Optional[str]
    start: int
    end: int
    score: float
    category: Optional[str] = None
    category_probs: dict[str, float] = {}
    category_source: Optional[str] = Field(None, description="What decided the category: the questionnaire, "
                                           "the question's own wording (and which rule), the category head or the "
                                           "weak labeler.")
    assertion: Optional[str] = None
    sentence_id: Optional[str] = None
    method: str
    reason: Optional[str] = Field(None, description="Why the note does not answer (when text is null).")

    @classmethod
    def of(cls, a: Answer) -> AnswerOut:
        return cls(text=a.text, start=a.start, end=a.end, score=a.score, category=a.category,
                   category_probs=a.category_probs, category_source=a.category_source, assertion=a.assertion,
                   sentence_id=a.sentence_id, method=a.method,
                   reason=a.reason)


class VerdictOut(BaseModel):
    verdict: str = Field(..., description="yes, no, uncertain or not_mentioned")
    reason: str
    start: int = Field(..., description="The supporting sentence's offsets (-1 when not mentioned).")
    end: int
    text: Optional[str] = None
    term: Optional[str] = None
    term_start: int = -1
    term_end: int = -1
    assertion: Optional[str] = None
    mentions: int = 0

    @classmethod
    def of(cls, v) -> VerdictOut:
        return cls(**v.to_dict())


class SentenceOut(BaseModel):
    id: str
    start: int
    end: int
    section: Optional[str] = None
    kind: str

    @classmethod
    def of(cls, s: Sentence) -> SentenceOut:
        return cls(id=s.id, start=s.start, end=s.end, section=s.section, kind=s.kind)


class EvidenceOut(BaseModel):
    sentence_id: str
    start: int
    end: int
    score: float
    selected: bool
    component_scores: dict[str, float] = {}

    @classmethod
    def of(cls, e: Evidence) -> EvidenceOut:
        return cls(sentence_id=e.sentence_id, start=e.start, end=e.end, score=e.score, selected=e.selected,
                   component_scores=e.component_scores)


class AnswerResponse(BaseModel):
    note_id: str
    note_text: Optional[str] = Field(None, description="The note's text when it came in a FHIR resource.")
    question_chars: int
    model: str
    answer_type: str = Field("span", description="What the question asks for: span, yes_no, number or date.")
    verdict: Optional[VerdictOut] = Field(None, description="For yes/no questions: the verdict and its support.")
    reason: Optional[str] = Field(None, description="Why the note does not answer, when it does not.")
    answers: list[AnswerOut]
    sentences: list[SentenceOut]
    evidence: list[EvidenceOut]


class EvidenceResponse(BaseModel):
    note_id: str
    sentences: list[EvidenceOut]


class Models(BaseModel):
    qa: str
    categories: list[str]
    evidence_weights: dict[str, float]
    packaged: list[str]
    generate: Optional[str]
    summarize: Optional[str]


class Health(BaseModel):
    status: str
    models_loaded: bool


class Problem(BaseModel):
    detail: str


def to_note(req: NoteInput, max_chars: int) -> Note:
    from clinqa.data.checks import check_note_text
    from clinqa.data.fhir import notes_from_resource
    from clinqa.errors import DataError

    if req.fhir is not None:
        note = next(notes_from_resource(req.fhir, source="fhir", max_chars=max_chars), None)
        if note is None:
            raise DataError("the FHIR resource holds no note text", source="fhir")
        problem = text_problem(note.text)  # the decoded attachment: base64 may hide anything
        if problem:
            raise DataError(f"the note text {problem}", source="fhir")
        return note
    return Note(id=req.note_id, text=check_note_text(req.note, source="note", max_chars=max_chars))
