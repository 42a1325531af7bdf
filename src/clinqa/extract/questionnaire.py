"""Questionnaires: a YAML file of concepts, each asked of every note as one or more questions.

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

Errors name the file and line (from the YAML parser's marks).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from clinqa.errors import DataError
from clinqa.types import CATEGORIES

ANSWER_TYPES = ("span", "yes_no", "number", "date")
CODE_SYSTEMS = ("icd10cm", "drug")


@dataclass(frozen=True)
class Concept:
    id: str
    questions: dict[str, tuple[str, ...]]  # language -> questions
    answer_type: str = "span"
    category: str | None = None
    unit: str | None = None
    code: str | None = None
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language -> terms
    min_score: float | None = None

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


def _line_loader():
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def construct_mapping(loader, node, deep=False):
        mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return Loader


PACKAGED = Path(__file__).parent / "questionnaires"


def packaged_questionnaires() -> dict[str, Path]:
    """Shipped examples by id: discharge-summary, radiology-report."""
    return {f.stem.replace("_", "-"): f for f in sorted(PACKAGED.glob("*.yaml"))}


def load_questionnaire(path: str | Path) -> Questionnaire:
    """A YAML file, a FHIR R4 Questionnaire (.json), or the id of a shipped questionnaire."""
    import yaml

    p = Path(path)
    if not p.is_file() and str(path) in packaged_questionnaires():
        p = packaged_questionnaires()[str(path)]
    if not p.is_file():
        raise DataError("questionnaire file not found (shipped ones: " + ", ".join(packaged_questionnaires()) + ")",
                        source=str(p))
    if p.suffix.lower() == ".json":
        from clinqa.extract.fhir_questionnaire import load_fhir_questionnaire

        return load_fhir_questionnaire(p)
    try:
        doc = yaml.load(p.read_text(encoding="utf-8"), Loader=_line_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(f"YAML syntax error: {getattr(exc, 'problem', None) or exc}", source=str(p),
                        where=f"line {mark.line + 1}" if mark else None) from None
    except UnicodeDecodeError as exc:
        raise DataError(f"not valid UTF-8 ({exc.reason} at byte {exc.start})", source=str(p)) from None
    return parse_questionnaire(doc, str(p))


def parse_questionnaire(doc, source: str = "questionnaire") -> Questionnaire:
    if not isinstance(doc, dict):
        raise DataError("a questionnaire is a mapping with 'id' and 'concepts'", source=source)
    raw = doc.get("concepts")
    if not isinstance(raw, list) or not raw:
        raise DataError("'concepts' must be a non-empty list", source=source, where=_where(doc))
    concepts, seen = [], {}
    langs: set[str] = set()
    problems: list[DataError] = []  # every broken concept is reported, not only the first
    for i, c in enumerate(raw):
        try:
            concept = _concept(c, i, source, seen, langs)
        except DataError as exc:
            problems.append(exc)
            continue
        concepts.append(concept)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        err = DataError(f"{len(problems)} problems:\n" + "\n".join(f"  {e.where}: {e.message}" for e in problems),
                        source=source)
        err.problems = problems
        raise err
    qid = doc.get("id") or Path(source).stem
    return Questionnaire(str(qid), str(doc.get("name", qid)), tuple(concepts), source, tuple(sorted(langs)))


def _concept(c, i: int, source: str, seen: dict, langs: set) -> Concept:
    where = _where(c, f"concepts[{i}]")
    if not isinstance(c, dict):
        raise DataError("each concept is a mapping with id and questions", source=source, where=where)
    unknown = set(c) - {"id", "questions", "answer_type", "category", "unit", "code", "synonyms", "min_score",
                         "__line__"}
    if unknown:
        raise DataError(f"unknown key(s) {', '.join(sorted(unknown))}", source=source, where=where)
    cid = c.get("id")
    if not isinstance(cid, str) or not cid.strip():
        raise DataError("concept without an 'id'", source=source, where=where)
    if cid in seen:
        raise DataError(f"duplicate concept id {cid!r} (first at {seen[cid]})", source=source, where=where)
    seen[cid] = where
    qs = c.get("questions")
    if isinstance(qs, (list, str)):
        qs = {"en": qs}
    if not isinstance(qs, dict) or not qs:
        raise DataError(f"concept {cid!r}: 'questions' must be a list or a mapping language -> list",
                        source=source, where=where)
    questions = {}
    for lang, items in qs.items():
        if lang == "__line__":
            continue
        items = [items] if isinstance(items, str) else items
        if not isinstance(items, list) or not items or not all(isinstance(q, str) and q.strip() for q in items):
            raise DataError(f"concept {cid!r}: questions for {lang!r} must be a non-empty list of text",
                            source=source, where=where)
        questions[str(lang)] = tuple(q.strip() for q in items)
        langs.add(str(lang))
    if not questions:
        raise DataError(f"concept {cid!r} has no questions", source=source, where=where)
    atype = c.get("answer_type", "span")
    if atype not in ANSWER_TYPES:
        raise DataError(f"concept {cid!r}: unknown answer_type {atype!r}; expected one of {', '.join(ANSWER_TYPES)}",
                        source=source, where=where)
    cat = c.get("category")
    if cat is not None and cat not in (*CATEGORIES, "Other"):
        raise DataError(f"concept {cid!r}: unknown category {cat!r}; expected one of {', '.join(CATEGORIES)}",
                        source=source, where=where)
    code = c.get("code")
    if code is not None and code not in CODE_SYSTEMS:
        raise DataError(f"concept {cid!r}: unknown code system {code!r}; expected one of {', '.join(CODE_SYSTEMS)}",
                        source=source, where=where)
    synonyms = _synonyms(c.get("synonyms"), cid, source, where)
    min_score = c.get("min_score")
    if min_score is not None and (isinstance(min_score, bool) or not isinstance(min_score, (int, float))
                                  or not 0 <= min_score <= 1):
        raise DataError(f"concept {cid!r}: min_score must be a number in [0, 1], got {min_score!r}",
                        source=source, where=where)
    return Concept(cid, questions, atype, cat, c.get("unit"), code, synonyms,
                   None if min_score is None else float(min_score))


def _synonyms(raw, cid: str, source: str, where: str | None) -> dict[str, tuple[str, ...]]:
    """`synonyms: [a, b]` (English) or `synonyms: {en: [...], es: [...], "*": [...]}`; every term
    must be non-empty text (an empty term would match everywhere)."""
    if raw is None:
        return {}
    if isinstance(raw, (list, str)):
        raw = {"en": raw}
    if not isinstance(raw, dict):
        raise DataError(f"concept {cid!r}: 'synonyms' must be a list or a mapping language -> list",
                        source=source, where=where)
    out = {}
    for lang, items in raw.items():
        if lang == "__line__":
            continue
        items = [items] if isinstance(items, str) else items
        if not isinstance(items, list) or not all(isinstance(t, str) and t.strip() for t in items):
            raise DataError(f"concept {cid!r}: synonyms for {lang!r} must be a list of non-empty terms",
                            source=source, where=where)
        out[str(lang)] = tuple(t.strip() for t in items)
    return out


def _where(node, fallback: str | None = None) -> str | None:
    if isinstance(node, dict) and "__line__" in node:
        return f"line {node['__line__']}"
    return fallback
