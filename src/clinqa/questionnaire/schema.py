"""The questionnaire document, checked by a pydantic model before it becomes a `Questionnaire`.

    id: discharge-summary
    name: Discharge summary core facts
    concepts:
      - id: discharge_medications
        questions:
          en: ["What medications was the patient discharged on?"]
          es: ["¿Qué medicamentos se indicaron al alta?"]
        category: Medication
        answer_type: span          # span | yes_no | number | date
        code: drug                 # optional: icd10cm | drug
      - id: fever
        questions: ["Did the patient have a fever?"]
        answer_type: yes_no
        synonyms: [fever, febrile, pyrexia]   # optional (or per language): the mentions a
                                              # yes/no verdict looks for, besides the question's term
        min_score: 0.05            # optional per-concept abstention threshold
      - id: potassium
        questions: ["What was the potassium level?"]
        answer_type: number
        unit: mmol/L               # optional expected unit

Every reader (YAML, FHIR, the server's inline concepts) ends here, so there is one set of rules.
Any other key is an error naming it. All broken concepts are reported at once, each as a
`DataError` naming the file and the concept's line (the YAML reader records lines under
`LINE`), or `concepts[i]` for a document that has no lines.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from clinqa.errors import DataError
from clinqa.questionnaire.model import ANSWER_TYPES, CODE_SYSTEMS, Concept, Questionnaire
from clinqa.types import CATEGORIES

LINE = "__line__"  # the key the YAML reader adds to every mapping: its 1-based line


def _problem(message: str) -> PydanticCustomError:
    # Our own error type: the message reaches the user as written (no "Value error, " prefix),
    # and as a context value it is never read as a format template (a bad value may hold braces).
    return PydanticCustomError("clinqa", "{detail}", {"detail": message})


def _concept_id(v: Any) -> str:
    if not isinstance(v, str) or not v.strip():
        raise _problem("concept without an 'id'")
    return v


def _questions(v: Any) -> dict[str, tuple[str, ...]]:
    if isinstance(v, (list, str)):
        v = {"en": v}
    if not isinstance(v, dict):
        raise _problem("'questions' must be a list or a mapping language -> list")
    if not v:
        raise _problem("'questions' is empty; give a list, or a mapping language -> list")
    out = {}
    for lang, items in v.items():
        items = [items] if isinstance(items, str) else items
        if not isinstance(items, list) or not items or not all(isinstance(q, str) and q.strip() for q in items):
            raise _problem(f"questions for {lang!r} must be a non-empty list of text")
        # str(): YAML reads a bare `no:` (Norwegian) as False
        out[str(lang)] = tuple(q.strip() for q in items)
    return out


def _answer_type(v: Any) -> str:
    if v not in ANSWER_TYPES:
        raise _problem(f"unknown answer_type {v!r}; expected one of {', '.join(ANSWER_TYPES)}")
    return v


def _category(v: Any) -> str | None:
    if v is not None and v not in (*CATEGORIES, "Other"):
        raise _problem(f"unknown category {v!r}; expected one of {', '.join(CATEGORIES)}")
    return v


def _unit(v: Any) -> str | None:
    # A number here (`unit: 1`) would reach the table and FHIR as a unit code: say so now.
    if v is not None and not isinstance(v, str):
        raise _problem(f"unit must be text, got {v!r}")
    return v


def _code(v: Any) -> str | None:
    if v is not None and v not in CODE_SYSTEMS:
        raise _problem(f"unknown code system {v!r}; expected one of {', '.join(CODE_SYSTEMS)}")
    return v


def _synonyms(v: Any) -> dict[str, tuple[str, ...]]:
    """`synonyms: [a, b]` (English) or `synonyms: {en: [...], es: [...], "*": [...]}`; every term
    must be non-empty text (an empty term would match everywhere)."""
    if v is None:
        return {}
    if isinstance(v, (list, str)):
        v = {"en": v}
    if not isinstance(v, dict):
        raise _problem("'synonyms' must be a list or a mapping language -> list")
    out = {}
    for lang, items in v.items():
        items = [items] if isinstance(items, str) else items
        if not isinstance(items, list) or not all(isinstance(t, str) and t.strip() for t in items):
            raise _problem(f"synonyms for {lang!r} must be a list of non-empty terms")
        out[str(lang)] = tuple(t.strip() for t in items)
    return out


def _heading(v: Any) -> str | None:
    from clinqa.lexicon import lexicon

    if v is None:
        return None
    known = sorted(lexicon().document.get("headings", {}))
    if not isinstance(v, str) or v not in known:
        raise _problem(f"heading must be one of the lexicon's headings ({', '.join(known)}), got {v!r}")
    return v


def _heading_part(v: Any) -> str:
    if v not in ("all", "first"):
        raise _problem(f"heading_part must be 'all' or 'first', got {v!r}")
    return v


MOMENTS = ("admission", "discharge")


def _moment(v: Any) -> str | None:
    if v is None:
        return None
    if v not in MOMENTS:
        raise _problem(f"moment must be one of {', '.join(MOMENTS)}, got {v!r}")
    return v


def _note_kinds(v: Any) -> tuple[str, ...]:
    from clinqa.lexicon import lexicon

    known = sorted(lexicon().document.get("note_kinds", {}))
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, (list, tuple)) or not all(isinstance(x, str) for x in v):
        raise _problem(f"note_kinds must be a list of kinds of note ({', '.join(known)}), got {v!r}")
    bad = [x for x in v if x not in known]
    if bad:
        raise _problem(f"unknown note kind {bad[0]!r}; expected one of {', '.join(known)}")
    return tuple(v)


def _min_score(v: Any) -> float | None:
    # Checked by hand, not by pydantic's float: True and "0.5" must not pass as numbers.
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1:
        raise _problem(f"min_score must be a number in [0, 1], got {v!r}")
    return float(v)


class ConceptSchema(BaseModel):
    """One concept as written; fields in the order problems are reported."""

    model_config = ConfigDict(extra="forbid")

    id: Annotated[str, BeforeValidator(_concept_id)]
    questions: Annotated[dict[str, tuple[str, ...]], BeforeValidator(_questions)]
    answer_type: Annotated[str, BeforeValidator(_answer_type)] = "span"
    category: Annotated[str | None, BeforeValidator(_category)] = None
    unit: Annotated[str | None, BeforeValidator(_unit)] = None
    code: Annotated[str | None, BeforeValidator(_code)] = None
    synonyms: Annotated[dict[str, tuple[str, ...]], BeforeValidator(_synonyms)] = Field(default_factory=dict)
    min_score: Annotated[float | None, BeforeValidator(_min_score)] = None
    note_kinds: Annotated[tuple[str, ...], BeforeValidator(_note_kinds)] = ()
    heading: Annotated[str | None, BeforeValidator(_heading)] = None
    heading_part: Annotated[str, BeforeValidator(_heading_part)] = "all"
    moment: Annotated[str | None, BeforeValidator(_moment)] = None

    def to_concept(self) -> Concept:
        return Concept(self.id, self.questions, self.answer_type, self.category, self.unit, self.code,
                       self.synonyms, self.min_score, self.note_kinds, self.heading, self.heading_part, self.moment)


class QuestionnaireSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Any: both are shown with str(), and a missing id falls back to the file's name
    id: Any = None
    name: Any = None
    concepts: Annotated[list[ConceptSchema], Field(min_length=1)]


CONCEPT_KEYS = tuple(ConceptSchema.model_fields)
TOP_KEYS = tuple(QuestionnaireSpec.model_fields)
# what a missing required key means to the user
_MISSING = {"id": "concept without an 'id'", "questions": "'questions' must be a list or a mapping language -> list"}
# the rank of a concept's problem: unknown keys first, then the fields in order, a duplicate id after the id
_RANK = {"": 0, "id": 1, "duplicate": 2, **{k: 3 + i for i, k in enumerate(CONCEPT_KEYS[1:])}}


def parse_questionnaire(doc: object, source: str = "questionnaire") -> Questionnaire:
    """A questionnaire from a parsed document (YAML mapping, or JSON); raises `DataError`,
    carrying every problem in `.problems` when there is more than one."""
    if not isinstance(doc, dict):
        raise DataError("a questionnaire is a mapping with 'id' and 'concepts'", source=source)
    raw = doc.get("concepts")
    raw = raw if isinstance(raw, list) else []
    places = [_where(c, f"concepts[{i}]") for i, c in enumerate(raw)]
    found: list[tuple[int, int, DataError]] = []  # (concept index, -1 for the document; rank; problem)
    spec = None
    try:
        spec = QuestionnaireSpec.model_validate(_without_lines(doc))
    except ValidationError as exc:
        found += [_located(e, doc, raw, places, source) for e in exc.errors()]
    found += _duplicates(raw, places, source)
    problems = [p for _, _, p in sorted(found, key=lambda f: f[:2])]
    if len(problems) == 1:
        raise problems[0]
    if problems:
        err = DataError(f"{len(problems)} problems:\n" + "\n".join(f"  {e.where + ': ' if e.where else ''}{e.message}"
                                                               for e in problems), source=source)
        err.problems = problems
        raise err
    assert spec is not None
    concepts = tuple(c.to_concept() for c in spec.concepts)
    qid = str(spec.id or Path(source).stem)
    name = str(spec.name) if "name" in spec.model_fields_set else qid
    langs = sorted({lang for c in concepts for lang in c.questions})
    return Questionnaire(qid, name, concepts, source, tuple(langs))


def _located(e: dict, doc: dict, raw: list, places: list, source: str) -> tuple[int, int, DataError]:
    """A pydantic error as the user's problem: which concept (by its line), which key, what is wrong."""
    loc = e["loc"]
    if len(loc) >= 2 and loc[0] == "concepts" and isinstance(loc[1], int):
        i, key = loc[1], (loc[2] if len(loc) > 2 else None)
        if key is None:
            return i, 0, DataError("each concept is a mapping with id and questions", source=source, where=places[i])
        cid = raw[i].get("id") if isinstance(raw[i], dict) else None
        named = f"concept {cid!r}: " if isinstance(cid, str) and cid.strip() and key != "id" else ""
        if e["type"] in ("extra_forbidden", "invalid_key"):
            return i, _RANK[""], DataError(named + _unknown(key, CONCEPT_KEYS), source=source, where=places[i])
        message = _MISSING.get(key, e["msg"]) if e["type"] == "missing" else e["msg"]
        return i, _RANK.get(key, 0), DataError(named + message, source=source, where=places[i])
    key = loc[0] if loc else None
    if key == "concepts":
        message = "'concepts' must be a non-empty list"
    elif e["type"] in ("extra_forbidden", "invalid_key"):
        message = _unknown(key, TOP_KEYS)
    else:
        message = f"{key}: {e['msg']}"
    return -1, 0, DataError(message, source=source, where=_where(doc))


def _unknown(key: object, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(str(key), allowed, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown key {key!r}{hint}; expected one of {', '.join(allowed)}"


def _duplicates(raw: list, places: list, source: str) -> list[tuple[int, int, DataError]]:
    # Across concepts, so not a field rule: each repeat names where the id was first given.
    seen: dict[str, str] = {}
    out = []
    for i, c in enumerate(raw):
        cid = c.get("id") if isinstance(c, dict) else None
        if not isinstance(cid, str) or not cid.strip():
            continue
        if cid in seen:
            out.append((i, _RANK["duplicate"], DataError(f"duplicate concept id {cid!r} (first at {seen[cid]})",
                                                         source=source, where=places[i])))
        else:
            seen[cid] = places[i]
    return out


def _without_lines(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_lines(v) for k, v in node.items() if k != LINE}
    if isinstance(node, list):
        return [_without_lines(v) for v in node]
    return node


def _where(node: Any, fallback: str | None = None) -> str | None:
    if isinstance(node, dict) and LINE in node:
        return f"line {node[LINE]}"
    return fallback
