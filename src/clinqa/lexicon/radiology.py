"""The radiology vocabulary, as data: findings (head, terms, related heads, structure +
abnormal-word forms), laterality, severity and change words, body parts, size units, clause
breaks, and per modality its cues, section headers, normal statements and whole-study normal
impression (`data/radiology/findings.yaml`, `data/radiology/modalities.yaml`).

One typed, cached, validated loader: a bad entry is a `LexiconError` naming the file and the
line of the entry. Site files of the same shape extend the shipped ones
(`radiology_lexicon(extra=("site.yaml",))`): findings with a shipped head gain terms, new
heads are added, word lists grow, and a site's `incidental` list replaces the shipped one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import yaml

from clinqa.lexicon.loader import LexiconError, parse_yaml

SHIPPED = ("findings.yaml", "modalities.yaml")
_FINDING_KEYS = {"head", "terms", "related", "structures", "qualifiers", "acute"}
_MODALITY_KEYS = {"name", "label", "cues", "study_names", "mentioned_as", "findings_headers", "impression_headers",
                  "normal_impression", "normal_statements"}
_TOP_KEYS = {"findings", "abnormal_words", "laterality", "severity", "change", "body_parts", "size_units", "spelling",
             "clause_breaks", "not_findings_sections", "not_finding_phrases", "incidental", "modalities", "study_normal_statements",
             "place_relations", "default_normal_impression", "value_units", "side_letters", "abbreviations",
             "impression_words"}


# the top-level keys that are plain word lists, read and merged alike
_WORD_LISTS = ("abnormal_words", "body_parts", "clause_breaks", "not_findings_sections", "not_finding_phrases",
               "place_relations", "value_units", "abbreviations", "impression_words")


@dataclass(frozen=True)
class FindingTerm:
    """One finding of the vocabulary."""

    head: str
    terms: tuple[str, ...]
    related: tuple[str, ...] = ()
    structures: tuple[str, ...] = ()  # "the cardiac contour is enlarged": a structure ...
    qualifiers: tuple[str, ...] = ()  # ... with an abnormal word
    acute: bool = False


@dataclass(frozen=True)
class Modality:
    name: str
    label: str
    cues: tuple[str, ...]
    study_names: tuple[str, ...]
    findings_headers: tuple[str, ...]
    impression_headers: tuple[str, ...]
    normal_impression: str
    normal_statements: tuple[re.Pattern, ...]
    # other ways a note names the study ("chest film", "x-ray of the chest"): with study_names, what
    # a question about the study needs the note to name (qa/policy/studies.py)
    mentioned_as: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return self.study_names + self.mentioned_as


@dataclass(frozen=True)
class RadiologyLexicon:
    findings: tuple[FindingTerm, ...]
    modalities: tuple[Modality, ...]
    study_normal_statements: tuple[re.Pattern, ...]
    abnormal_words: frozenset[str]
    laterality: dict[str, tuple[str, ...]]  # side -> words
    severity: dict[str, tuple[str, ...]]  # class -> words
    change: dict[str, tuple[str, ...]]  # kind -> words
    body_parts: tuple[str, ...]
    size_units: dict[str, float]  # unit -> millimetres
    clause_breaks: tuple[str, ...]
    not_findings_sections: tuple[str, ...]
    not_finding_phrases: tuple[str, ...]
    incidental: tuple[str, ...]
    sources: tuple[str, ...] = field(default=())
    spelling: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word -> its other spellings
    # words that make the phrase after them a place ("a bulge adjacent to the lesion"): a finding
    # term there is where the clause's own finding is, not a second finding
    place_relations: tuple[str, ...] = ()
    default_normal_impression: str = "No acute abnormality."  # when no modality is recognised
    value_units: tuple[str, ...] = ()  # units of values that are not sizes ("mL", "%", "cm/s")
    side_letters: dict[str, str] = field(default_factory=dict)  # "R" -> "right", case-sensitive
    abbreviations: tuple[str, ...] = ()  # "approx": its period does not end a sentence
    impression_words: tuple[str, ...] = ()  # "consistent", "likely": an impression item may add them

    def spellings(self, phrase: str) -> tuple[str, ...]:
        """The phrase and its other spellings ("subdural hematoma", "subdural haematoma"), one word
        swapped at a time and all at once."""
        words = phrase.split(" ")
        out = [phrase]
        for i, w in enumerate(words):
            for alt in self.spelling.get(w, ()):
                out.append(" ".join(words[:i] + [alt] + words[i + 1:]))
        every = " ".join(self.spelling.get(w, (w,))[0] for w in words)
        return tuple(dict.fromkeys(out + [every]))

    def finding(self, head: str) -> FindingTerm | None:
        return next((f for f in self.findings if f.head == head), None)

    def modality(self, name: str) -> Modality:
        for m in self.modalities:
            if m.name == name:
                return m
        raise LexiconError(f"unknown modality {name!r}; known: {', '.join(m.name for m in self.modalities)}")

    def normal_statements(self, modality: str | None = None) -> tuple[re.Pattern, ...]:
        """Whole-study normal statements and those of `modality` (of every modality when None)."""
        mods = self.modalities if modality is None else (self.modality(modality),)
        return self.study_normal_statements + tuple(p for m in mods for p in m.normal_statements)

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other) -> bool:
        return self is other


def _lines(root) -> dict[tuple[str, int], int]:
    """(top key, entry index) -> 1-based line, for error messages."""
    out: dict[tuple[str, int], int] = {}
    if root is None or not isinstance(root, yaml.MappingNode):
        return out
    for k, v in root.value:
        out[(k.value, -1)] = k.start_mark.line + 1
        if isinstance(v, yaml.SequenceNode):
            for i, item in enumerate(v.value):
                out[(k.value, i)] = item.start_mark.line + 1
    return out


def _words(v, where: str) -> tuple[str, ...]:
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise LexiconError(f"{where}: expected a list of words, got {v!r}")
    return tuple(x.strip().lower() for x in v)


def _regex(p, where: str) -> re.Pattern:
    try:
        return re.compile(p, re.I)
    except (re.error, TypeError) as e:
        raise LexiconError(f"{where}: {p!r} is not a valid regular expression ({e})") from None


def _read(path: str, text: str) -> dict:
    try:  # one parse: the data and the node tree its error lines come from
        data, root = parse_yaml(text)
    except yaml.YAMLError as e:  # a syntax error of a site's file is a lexicon error, not a traceback
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise LexiconError(f"{path}{where}: not valid YAML: {getattr(e, 'problem', None) or e}") from None
    data, lines = data or {}, _lines(root)
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping of {', '.join(sorted(_TOP_KEYS))}")
    bad = set(data) - _TOP_KEYS
    if bad:
        k = sorted(bad)[0]
        raise LexiconError(f"{path} (line {lines.get((k, -1), '?')}): unknown key {k!r}; "
                           f"allowed: {', '.join(sorted(_TOP_KEYS))}")
    out: dict = {}
    for i, e in enumerate(data.get("findings") or []):
        where = f"{path} (line {lines.get(('findings', i), '?')})"
        if not isinstance(e, dict) or "head" not in e or set(e) - _FINDING_KEYS:
            raise LexiconError(f"{where}: a findings entry needs `head` and may have "
                               f"{', '.join(sorted(_FINDING_KEYS - {'head'}))}; got {e!r}")
        out.setdefault("findings", []).append(FindingTerm(
            head=str(e["head"]).strip().lower(), terms=_words(e.get("terms", []), where),
            related=_words(e.get("related", []), where), structures=_words(e.get("structures", []), where),
            qualifiers=_words(e.get("qualifiers", []), where), acute=bool(e.get("acute", False))))
    for i, e in enumerate(data.get("modalities") or []):
        where = f"{path} (line {lines.get(('modalities', i), '?')})"
        if not isinstance(e, dict) or "name" not in e or set(e) - _MODALITY_KEYS:
            raise LexiconError(f"{where}: a modality needs `name` and may have "
                               f"{', '.join(sorted(_MODALITY_KEYS - {'name'}))}; got keys {sorted(e) if isinstance(e, dict) else e!r}")
        out.setdefault("modalities", []).append(Modality(
            name=str(e["name"]), label=str(e.get("label", e["name"])), cues=_words(e.get("cues", []), where),
            study_names=_words(e.get("study_names", []), where), mentioned_as=_words(e.get("mentioned_as", []), where),
            findings_headers=_words(e.get("findings_headers", ["findings"]), where),
            impression_headers=_words(e.get("impression_headers", ["impression"]), where),
            normal_impression=str(e.get("normal_impression", "No acute abnormality.")),
            normal_statements=tuple(_regex(p, where) for p in e.get("normal_statements") or [])))
    where = f"{path} (line {lines.get(('study_normal_statements', -1), '?')})"
    out["study_normal_statements"] = [_regex(p, where) for p in data.get("study_normal_statements") or []]
    for key in _WORD_LISTS:
        if key in data:
            out[key] = _words(data[key], f"{path} (line {lines.get((key, -1), '?')})")
    if "clause_breaks" in data:  # their spaces matter: " with " is a word, not part of "within"
        out["clause_breaks"] = tuple(str(x).lower() for x in data["clause_breaks"])
    if "side_letters" in data:
        v = data["side_letters"]
        where = f"{path} (line {lines.get(('side_letters', -1), '?')})"
        if not isinstance(v, dict) or not all(isinstance(k, str) and len(k) == 1 and x in ("left", "right")
                                              for k, x in v.items()):
            raise LexiconError(f"{where}: side_letters maps one letter to left or right, got {v!r}")
        out["side_letters"] = dict(v)
    if "default_normal_impression" in data:
        out["default_normal_impression"] = str(data["default_normal_impression"]).strip()
    if "incidental" in data:
        out["incidental"] = _words(data["incidental"] or [], f"{path} (line {lines.get(('incidental', -1), '?')})")
    for key in ("laterality", "severity", "change"):
        if key in data:
            v = data[key]
            where = f"{path} (line {lines.get((key, -1), '?')})"
            if not isinstance(v, dict):
                raise LexiconError(f"{where}: {key} maps a class to its words, got {v!r}")
            out[key] = {str(k): _words(w, f"{where}, {k}") for k, w in v.items()}
    if "spelling" in data:
        v = data["spelling"]
        where = f"{path} (line {lines.get(('spelling', -1), '?')})"
        if not isinstance(v, dict):
            raise LexiconError(f"{where}: spelling maps a word to its other spellings, got {v!r}")
        out["spelling"] = {str(k).lower(): _words(w if isinstance(w, list) else [w], f"{where}, {k}") for k, w in v.items()}
    if "size_units" in data:
        v = data["size_units"]
        if not isinstance(v, dict) or not all(isinstance(x, (int, float)) and x > 0 for x in v.values()):
            raise LexiconError(f"{path} (line {lines.get(('size_units', -1), '?')}): size_units maps a unit to its "
                               f"millimetres (a positive number), got {v!r}")
        out["size_units"] = {str(k).lower(): float(x) for k, x in v.items()}
    return out


def _merge(parts: list[tuple[str, dict]]) -> RadiologyLexicon:
    findings: dict[str, FindingTerm] = {}
    modalities: dict[str, Modality] = {}
    normals: list[re.Pattern] = []
    words: dict[str, list[str]] = {k: [] for k in _WORD_LISTS}
    classes: dict[str, dict[str, list[str]]] = {"laterality": {}, "severity": {}, "change": {}}
    units: dict[str, float] = {}
    spelling: dict[str, list[str]] = {}
    incidental: tuple[str, ...] = ()
    default_normal = RadiologyLexicon.default_normal_impression
    letters: dict[str, str] = {}
    for _, d in parts:
        default_normal = d.get("default_normal_impression", default_normal)
        letters.update(d.get("side_letters", {}))
        for f in d.get("findings", []):
            old = findings.get(f.head)
            if old is None:
                findings[f.head] = f
            else:
                findings[f.head] = FindingTerm(
                    head=f.head, terms=tuple(dict.fromkeys(old.terms + f.terms)),
                    related=tuple(dict.fromkeys(old.related + f.related)),
                    structures=tuple(dict.fromkeys(old.structures + f.structures)),
                    qualifiers=tuple(dict.fromkeys(old.qualifiers + f.qualifiers)), acute=old.acute or f.acute)
        for m in d.get("modalities", []):
            modalities[m.name] = m
        normals += d.get("study_normal_statements", [])
        for k in words:
            words[k] += list(d.get(k, ()))
        for k in classes:
            for c, w in d.get(k, {}).items():
                classes[k].setdefault(c, []).extend(w)
        units.update(d.get("size_units", {}))
        for w, alts in d.get("spelling", {}).items():
            spelling.setdefault(w, []).extend(alts)
        incidental = d.get("incidental", incidental)
    for f in findings.values():
        for r in f.related:
            if r not in findings:
                raise LexiconError(f"finding {f.head!r} names an unknown related head {r!r}")
    return RadiologyLexicon(
        findings=tuple(findings.values()), modalities=tuple(modalities.values()),
        study_normal_statements=tuple(normals), abnormal_words=frozenset(words["abnormal_words"]),
        laterality={k: tuple(dict.fromkeys(v)) for k, v in classes["laterality"].items()},
        severity={k: tuple(dict.fromkeys(v)) for k, v in classes["severity"].items()},
        change={k: tuple(dict.fromkeys(v)) for k, v in classes["change"].items()},
        body_parts=tuple(dict.fromkeys(words["body_parts"])), size_units=units,
        clause_breaks=tuple(dict.fromkeys(words["clause_breaks"])),
        not_findings_sections=tuple(dict.fromkeys(words["not_findings_sections"])),
        not_finding_phrases=tuple(dict.fromkeys(words["not_finding_phrases"])), incidental=incidental,
        sources=tuple(p for p, _ in parts), spelling={k: tuple(dict.fromkeys(v)) for k, v in spelling.items()},
        place_relations=tuple(dict.fromkeys(words["place_relations"])), default_normal_impression=default_normal,
        value_units=tuple(dict.fromkeys(u.lower() for u in words["value_units"])), side_letters=letters,
        abbreviations=tuple(dict.fromkeys(a.lower().rstrip(".") for a in words["abbreviations"])),
        impression_words=tuple(dict.fromkeys(words["impression_words"])))


@functools.lru_cache(maxsize=8)
def radiology_lexicon(extra: tuple[str, ...] = ()) -> RadiologyLexicon:
    """The shipped radiology vocabulary, extended by the site files in `extra` (paths)."""
    parts = []
    base = files("clinqa.lexicon") / "data" / "radiology"
    for name in SHIPPED:
        parts.append((f"radiology/{name}", _read(f"radiology/{name}", (base / name).read_text(encoding="utf-8"))))
    for p in extra:
        path = Path(p)
        if not path.is_file():
            raise LexiconError(f"radiology lexicon file {p!r} not found; pass the path of a YAML file shaped like "
                               "clinqa/lexicon/data/radiology/findings.yaml")
        parts.append((str(path), _read(str(path), path.read_text(encoding="utf-8"))))
    return _merge(parts)
