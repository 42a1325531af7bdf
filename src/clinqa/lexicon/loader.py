"""Reading lexicon files: YAML, validated entry by entry (pydantic, unknown keys refused), every
error naming the file and the line of the entry at fault; user files extend the shipped data.

A user file has the same keys as the shipped files (any subset), for example:

    labs:
      - name: potassium          # a shipped lab: adds a local name
        aliases: [kalium]
      - name: fibrinogen         # a new lab
        dimensions: [concentration]
    synonyms:
      - names: [hypertension, hbp]
    problem_abbreviations: [nstemi-ii]
    lang:
      en: {allergy_statements: [sensitivity to]}
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from clinqa.errors import DataError
from clinqa.lexicon.model import (
    CONCENTRATION,
    DrugClass,
    Lab,
    LanguageWords,
    Lexicon,
    SynonymGroup,
)

SHIPPED = ("units.yaml", "labs.yaml", "concepts.yaml", "drug_classes.yaml", "shorthand.yaml", "document.yaml")


class LexiconError(DataError):
    """A lexicon file that cannot be used: the message names the file and the entry's line."""


# ------------------------------------------------------------------ entry schemas
class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _LabEntry(_Entry):
    name: str
    aliases: list[str] = []
    dimensions: list[str] | Literal["any"] | None = None
    shape: str | None = None
    vital: bool | None = None
    given_as_drug: bool | None = None
    question_forms: list[str] = []
    note_forms: list[str] = []  # kept as written: they are case-sensitive
    vitals_line_forms: list[str] = []  # case-sensitive too
    @classmethod
    def _lower(cls, v):
        return [a.strip().lower() for a in v] if isinstance(v, list) else v.strip().lower()

    @field_validator("shape")
    @classmethod
    def _regex(cls, v):
        if v is not None:
            try:
                re.compile(v)
            except re.error as e:  # pydantic reports ValueError, not re.error
                raise ValueError(f"{v!r} is not a valid regular expression ({e})") from None
        return v


class _SynonymEntry(_Entry):
    names: list[str]
    kind: Literal["problem", "symptom"] | None = None
    icd10cm: str | None = None
    not_coded: list[str] = []
    absent: list[str] = []
    translations: list[str] = []
    # words a question uses for the group that notes use for something else ("have a temperature"
    # asks about a fever; "temperature 36.8" in a note is none): read in questions only, as translations are
    question_names: list[str] = []
    above: dict[str, float] = {}

    @field_validator("names")
    @classmethod
    def _names(cls, v):
        # kept as written: the synthetic generators match upper-case abbreviations ("CAD")
        # case-sensitively; every matcher that ignores case lowers them itself
        v = [n.strip() for n in v if n.strip()]
        if not v:
            raise ValueError("a synonym group needs at least one name")
        return v

    @field_validator("icd10cm")
    @classmethod
    def _code(cls, v):
        if v is not None and not re.fullmatch(r"[A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?", v):
            raise ValueError(f"{v!r} is not an ICD-10-CM code (like I10 or N17.9)")
        return v


class _DrugClassEntry(_Entry):
    name: str
    question_words: list[str] = []
    state_words: list[str] = []
    stems: list[str] = []
    not_on_when: list[str] = []
    on_when: list[str] = []
    condition_words: list[str] = []

    @field_validator("name", "question_words", "state_words", "stems", "not_on_when", "on_when", "condition_words")
    @classmethod
    def _lower(cls, v):  # questions and drug names are matched lower-cased
        return [w.strip().lower() for w in v] if isinstance(v, list) else v.strip().lower()


class _LanguageEntry(_Entry):
    allergy_words: list[str] = []
    allergy_statements: list[str] = []
    yes_no_openers: list[str] = []
    yes_no_verbs: list[str] = []


class _File(_Entry):
    """Every key a lexicon file may have (the shipped files split them by topic)."""

    labs: list[Any] = []
    ambiguous_names: list[str] = []
    lab_tests: list[str] = []
    after_numbers: list[str] = []
    dimensions: dict[str, list[str]] = {}
    dose_units: list[str] = []
    synonyms: list[Any] = []
    problem_abbreviations: list[str] = []
    ambiguous_abbreviations: dict[str, list[str]] = {}
    disease_endings: list[str] = []
    disease_words: list[str] = []
    drug_classes: list[Any] = []
    dosing: dict[str, str] = {}
    clinical: dict[str, str] = {}
    lang: dict[str, Any] = {}
    # the clinical document's words (data/document.yaml): name -> {kind/action/status -> words}
    document: dict[str, dict[str, list[str]]] = {}

    @field_validator("after_numbers", "dose_units")
    @classmethod
    def _regexes(cls, v):
        for p in v:
            try:
                re.compile(p)
            except re.error as e:
                raise ValueError(f"{p!r} is not a valid regular expression ({e})") from None
        return v


def _icd_code_exists(code: str) -> bool:
    import simple_icd_10_cm as icd

    return bool(icd.is_valid_item(code))


# ------------------------------------------------------------------ reading
# libyaml's parser when PyYAML was built with it (the PyPI wheels are): the pure-Python one took
# about 0.5 s of every command's start reading the lexicon (benchmarks/cold_start.py).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, extend=None) -> tuple[Any, yaml.Node | None]:
    """The document (as `yaml.safe_load` gives it) and its node tree (line marks for errors),
    from one parse, on libyaml when it is there. A file libyaml refuses is parsed again by the
    Python parser for its error, which names the character at fault (libyaml's does not).
    `extend(loader_class)`, when given, returns a subclass to parse with (e.g. one whose
    constructor records lines: questionnaire/yaml_reader.py)."""
    def loader(base):
        return extend(base) if extend is not None else base

    try:
        return _parse(text, loader(_LOADER))
    except yaml.YAMLError:
        if _LOADER is yaml.SafeLoader:
            raise
        return _parse(text, loader(yaml.SafeLoader))


def _parse(text: str, loader_class) -> tuple[Any, yaml.Node | None]:
    loader = loader_class(text)  # what yaml.load does, keeping the node it constructs from
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def _lines(node) -> dict[str, Any]:
    """Top-level key -> its line (1-based), and for a sequence the line of each item."""
    out: dict[str, Any] = {}
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            items = [i.start_mark.line + 1 for i in v.value] if isinstance(v, yaml.SequenceNode) else None
            out[k.value] = (k.start_mark.line + 1, items)
    return out


def _read(path: Path, text: str) -> tuple[_File, dict[str, Any]]:
    src = str(path)
    try:
        raw, node = parse_yaml(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else None
        raise LexiconError(f"not valid YAML: {getattr(e, 'problem', None) or e}", source=src, where=where) from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise LexiconError("a lexicon file is a mapping of keys (labs, synonyms, units...)", source=src,
                           where="line 1")
    lines = _lines(node)
    try:
        return _File.model_validate(raw), lines
    except ValidationError as e:
        err = e.errors()[0]
        key = str(err["loc"][0]) if err["loc"] else ""
        line = lines.get(key, (1, None))[0]
        if err["type"] == "extra_forbidden":
            allowed = ", ".join(_File.model_fields)
            msg = f"unknown key {key!r} (allowed: {allowed})"
        else:
            msg = f"{key}: {err['msg']}"
        raise LexiconError(msg, source=src, where=f"line {line}") from None


def _entries(model: type[_Entry], items: list[Any], key: str, lines: dict[str, Any], src: str) -> list:
    out = []
    item_lines = lines.get(key, (1, None))[1] or []
    for i, item in enumerate(items):
        line = item_lines[i] if i < len(item_lines) else lines.get(key, (1, None))[0]
        try:
            if not isinstance(item, dict):
                raise LexiconError(f"{key} entry {i + 1} must be a mapping, not {type(item).__name__}",
                                   source=src, where=f"line {line}")
            out.append(model.model_validate(item))
        except ValidationError as e:
            err = e.errors()[0]
            field = ".".join(str(x) for x in err["loc"])
            msg = f"unknown key {field!r} in a {key} entry" if err["type"] == "extra_forbidden" else \
                f"{key} entry {i + 1}, {field}: {err['msg']}"
            raise LexiconError(msg, source=src, where=f"line {line}") from None
    return out


class _Builder:
    """Accumulates files in order: shipped data first, then each user file extending it."""

    def __init__(self):
        self.labs: dict[str, dict] = {}
        self.lab_tests: list[str] = []
        self.ambiguous: list[str] = []
        self.unit_forms: list[str] = []
        self.user_units: list[str] = []
        self.dimensions: dict[str, list[str]] = {}
        self.dose_units: list[str] = []
        self.synonyms: list[SynonymGroup] = []
        self.problem_abbreviations: set[str] = set()
        self.ambiguous_abbreviations: dict[str, list[str]] = {}
        self.disease_endings: list[str] = []
        self.disease_words: list[str] = []
        self.drug_classes: dict[str, DrugClass] = {}
        self.dosing: dict[str, str] = {}
        self.clinical: dict[str, str] = {}
        self.languages: dict[str, dict[str, list[str]]] = {}
        self.document: dict[str, dict[str, list[str]]] = {}
        self.sources: list[str] = []

    def add(self, path: Path, text: str, *, user: bool) -> None:
        src = str(path)
        f, lines = _read(path, text)
        known = set(self.dimensions) | set(f.dimensions)
        lab_lines = lines.get("labs", (1, None))[1] or []
        for i, e in enumerate(_entries(_LabEntry, f.labs, "labs", lines, src)):
            unknown = sorted(set(e.dimensions) - known) if isinstance(e.dimensions, list) else []
            if unknown:
                raise LexiconError(f"lab {e.name!r} names dimensions no unit has: {', '.join(unknown)} "
                                   f"(known: {', '.join(sorted(known))})", source=src,
                                   where=f"line {lab_lines[i] if i < len(lab_lines) else 1}")
            lab = self.labs.setdefault(e.name, {"aliases": [], "dimensions": None, "shape": None, "vital": False,
                                                "given_as_drug": False, "question_forms": [], "note_forms": [],
                                                "vitals_line_forms": []})
            lab["aliases"] += [a for a in e.aliases if a not in lab["aliases"] and a != e.name]
            if e.dimensions is not None:
                lab["dimensions"] = e.dimensions
            if e.shape is not None:
                lab["shape"] = e.shape
            if e.vital is not None:
                lab["vital"] = e.vital
            if e.given_as_drug is not None:
                lab["given_as_drug"] = e.given_as_drug
            lab["question_forms"] += [f for f in e.question_forms if f not in lab["question_forms"]]
            lab["note_forms"] += [f.strip() for f in e.note_forms if f.strip() not in lab["note_forms"]]
            lab["vitals_line_forms"] += [f.strip() for f in e.vitals_line_forms if f.strip() not in lab["vitals_line_forms"]]
        self.lab_tests += [t.lower() for t in f.lab_tests]
        self.ambiguous += [a.lower() for a in f.ambiguous_names]
        # a user's unit forms are tried first: a site's longer unit must win over a shipped prefix
        (self.user_units if user else self.unit_forms).extend(f.after_numbers)
        for dim, forms in f.dimensions.items():
            for p in forms:
                try:
                    re.compile(p)
                except re.error as e:
                    raise LexiconError(f"dimensions.{dim}: {p!r} is not a valid regular expression ({e})",
                                       source=src, where=f"line {lines['dimensions'][0]}") from None
            self.dimensions.setdefault(dim, []).extend(forms)
        self.dose_units += f.dose_units
        syn_lines = lines.get("synonyms", (1, None))[1] or []
        for i, e in enumerate(_entries(_SynonymEntry, f.synonyms, "synonyms", lines, src)):
            if user and e.icd10cm and not _icd_code_exists(e.icd10cm):  # the shipped codes are tested
                raise LexiconError(f"icd10cm {e.icd10cm} is not a code of ICD-10-CM (simple-icd-10-cm)", source=src,
                                   where=f"line {syn_lines[i] if i < len(syn_lines) else 1}")
            self._add_group(e)
        self.problem_abbreviations |= {a.lower() for a in f.problem_abbreviations}
        for concept, forms in f.ambiguous_abbreviations.items():
            known = self.ambiguous_abbreviations.setdefault(concept.strip().lower(), [])
            known += [a.strip() for a in forms if a.strip() and a.strip() not in known]
        self.disease_endings += f.disease_endings
        self.disease_words += f.disease_words
        for e in _entries(_DrugClassEntry, f.drug_classes, "drug_classes", lines, src):
            old = self.drug_classes.get(e.name)
            words = (*old.question_words, *e.question_words, *e.condition_words) if old else \
                (*e.question_words, *e.condition_words)
            conditions = (*old.condition_words, *e.condition_words) if old else tuple(e.condition_words)
            stems = (*old.stems, *e.stems) if old else tuple(e.stems)
            states = (*old.state_words, *e.state_words) if old else tuple(e.state_words)
            not_on = (*old.not_on_when, *e.not_on_when) if old else tuple(e.not_on_when)
            on = (*old.on_when, *e.on_when) if old else tuple(e.on_when)
            self.drug_classes[e.name] = DrugClass(e.name, tuple(dict.fromkeys(words)), tuple(dict.fromkeys(stems)),
                                                  tuple(dict.fromkeys(states)), tuple(dict.fromkeys(not_on)),
                                                  tuple(dict.fromkeys(on)), tuple(dict.fromkeys(conditions)))
        self.dosing.update({k.lower(): v for k, v in f.dosing.items()})  # matched case-insensitively
        self.clinical.update(f.clinical)
        for code, words in f.lang.items():
            if not isinstance(words, dict):
                raise LexiconError(f"lang.{code} must be a mapping of word lists", source=src,
                                   where=f"line {lines['lang'][0]}")
            try:
                e = _LanguageEntry.model_validate(words)
            except ValidationError as err:
                first = err.errors()[0]
                raise LexiconError(f"lang.{code}.{'.'.join(map(str, first['loc']))}: {first['msg']}",
                                   source=src, where=f"line {lines['lang'][0]}") from None
            self._add_language(code, e)
        for vocab, groups in f.document.items():  # a user's words extend the shipped ones
            known = self.document.setdefault(vocab, {})
            for name, words in groups.items():
                have = known.setdefault(name, [])
                have += [w for w in words if w not in have]
        self.sources.append(src)

    def add_language_file(self, path: Path, text: str, code: str) -> None:
        """A file of one language's words (data/lang/<code>.yaml: the keys of `lang.<code>`)."""
        try:
            raw, node = parse_yaml(text)
            raw, lines = raw or {}, _lines(node)
        except yaml.YAMLError as e:
            raise LexiconError(f"not valid YAML: {e}", source=str(path)) from None
        try:
            self._add_language(code, _LanguageEntry.model_validate(raw))
        except ValidationError as err:
            first = err.errors()[0]
            key = str(first["loc"][0]) if first["loc"] else ""
            raise LexiconError(f"{key}: {first['msg']}", source=str(path),
                               where=f"line {lines.get(key, (1, None))[0]}") from None
        self.sources.append(str(path))

    def _add_group(self, e: _SynonymEntry) -> None:
        names = {n.lower() for n in e.names}
        for i, g in enumerate(self.synonyms):
            if names & {n.lower() for n in g.names}:  # a group sharing a name is the same concept: merge
                self.synonyms[i] = SynonymGroup(tuple(dict.fromkeys((*g.names, *e.names))), e.kind or g.kind,
                                                e.icd10cm or g.icd10cm, tuple(dict.fromkeys((*g.not_coded, *e.not_coded))),
                                                tuple(dict.fromkeys((*g.absent, *e.absent))),
                                                tuple(dict.fromkeys((*g.translations, *e.translations,
                                                                     *e.question_names))),
                                                tuple({**dict(g.above), **e.above}.items()))
                return
        self.synonyms.append(SynonymGroup(tuple(e.names), e.kind, e.icd10cm, tuple(e.not_coded), tuple(e.absent),
                                          tuple((*e.translations, *e.question_names)), tuple(e.above.items())))

    def _add_language(self, code: str, e: _LanguageEntry) -> None:
        lang = self.languages.setdefault(code, {k: [] for k in _LanguageEntry.model_fields})
        for k in _LanguageEntry.model_fields:
            lang[k] += [w for w in getattr(e, k) if w not in lang[k]]

    def build(self) -> Lexicon:
        labs = tuple(Lab(name, tuple(d["aliases"]),
                         frozenset() if d["dimensions"] == "any" else
                         frozenset(d["dimensions"] or (CONCENTRATION,)), d["shape"], d["vital"], d["given_as_drug"],
                         tuple(d["question_forms"]), tuple(d["note_forms"]), tuple(d["vitals_line_forms"]))
                     for name, d in self.labs.items())
        return Lexicon(
            labs=labs, ambiguous_lab_names=frozenset(self.ambiguous), lab_tests=tuple(dict.fromkeys(self.lab_tests)),
            unit_forms=tuple(dict.fromkeys(self.user_units + self.unit_forms)),
            unit_dimensions=tuple((d, tuple(f)) for d, f in self.dimensions.items()),
            dose_units=tuple(dict.fromkeys(self.dose_units)), synonyms=tuple(self.synonyms),
            problem_abbreviations=frozenset(self.problem_abbreviations),
            ambiguous_abbreviations={c: tuple(f) for c, f in self.ambiguous_abbreviations.items()},
            disease_endings=tuple(dict.fromkeys(self.disease_endings)),
            disease_words=tuple(dict.fromkeys(self.disease_words)),
            drug_classes=tuple(self.drug_classes.values()), dosing=dict(self.dosing),
            clinical_shorthand=dict(self.clinical),
            languages={c: LanguageWords(**{k: tuple(v) for k, v in d.items()}) for c, d in self.languages.items()},
            sources=tuple(self.sources),
            document={v: {n: tuple(w) for n, w in g.items()} for v, g in self.document.items()})


def load(extra: tuple[str | Path, ...] = ()) -> Lexicon:
    """The shipped lexicon extended by `extra` user files, in order."""
    data = files("clinqa.lexicon") / "data"
    b = _Builder()
    for name in SHIPPED:
        b.add(Path("clinqa/lexicon/data") / name, (data / name).read_text(encoding="utf-8"), user=False)
    for f in sorted((data / "lang").iterdir(), key=lambda p: p.name):
        if f.name.endswith(".yaml"):
            b.add_language_file(Path("clinqa/lexicon/data/lang") / f.name, f.read_text(encoding="utf-8"), f.name[:-5])
    for path in extra:
        p = Path(path)
        if not p.is_file():
            raise LexiconError("no such lexicon file", source=str(p))
        try:
            text = p.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise LexiconError("not a UTF-8 text file", source=str(p)) from None
        b.add(p, text, user=True)
    return b.build()
