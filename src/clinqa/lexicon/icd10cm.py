"""ICD-10-CM as clinqa reads it (simple-icd-10-cm's tabular list, walked once), in two views:

- `label_terms`: term -> ("Symptoms" | "Diagnosis", code), for answer categories and the problem
  check: the first clause of each category's name ("Pneumonia, unspecified organism" ->
  "pneumonia"), and for symptoms also its head before " of "/" with ";
- `coding_index`: name -> (code, description), for coding extracted answers: whole names
  (parentheses and brackets dropped) and a head before a comma only when the rest merely
  qualifies it; residual "Other ..." categories never; plus the names clinicians write that the
  tabular list does not use, from the lexicon's synonym groups (`icd10cm:`).
"""

from __future__ import annotations

import functools
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from clinqa.lexicon import Lexicon, lexicon

log = logging.getLogger(__name__)

# Heads the " of "/" with " rule cuts from chapter-18 titles ("Findings of drugs ... in blood")
# that name no concept on their own.
GENERIC_HEADS = frozenset({"findings", "abnormal findings", "abnormal results", "abnormal", "elevated", "presence",
                           "nonspecific findings", "nonspecific abnormal findings", "abnormal level",
                           "abnormal levels"})


@dataclass(frozen=True)
class Category:
    """One category or subcategory of the tabular list."""

    code: str
    description: str
    chapter: int


@functools.lru_cache(maxsize=1)
def categories() -> tuple[Category, ...]:
    """Every category and subcategory, in code order (the one walk over the tabular list)."""
    def walk() -> tuple[Category, ...]:
        import simple_icd_10_cm as icd

        return tuple(Category(code, icd.get_description(code), int(icd.get_ancestors(code)[-1]))
                     for code in icd.get_all_codes(with_dots=True) if icd.is_category_or_subcategory(code))

    return _kept("categories", walk, lambda cats: [[c.code, c.description, c.chapter] for c in cats],
                 lambda rows: tuple(Category(code, desc, chapter) for code, desc, chapter in rows))


def _kept(name: str, build, encode, decode):
    """`build()` once per machine, kept as JSON in the cache folder under the simple-icd-10-cm
    version and this module's source (a change to how a view is derived rebuilds it): importing
    the package parses its XML (3.5 s of a cold start) and deriving the views takes 2 s more;
    reading them back takes a fraction of that. An unreadable file is built again."""
    path = _kept_file(name)
    if path is not None:
        try:
            return decode(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            pass  # absent, or unreadable: build and rewrite it
    value = build()
    if path is not None:
        from clinqa.runtime import write_cache_file

        try:
            write_cache_file(path, json.dumps(encode(value)))
        except OSError as exc:
            log.debug("ICD-10-CM %s not cached at %s: %s", name, path, exc)
    return value


def _kept_file(name: str) -> Path | None:
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    from clinqa.runtime import cache_root

    try:
        ver = version("simple-icd-10-cm")
    except PackageNotFoundError:
        return None
    src = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:12]
    return cache_root() / "vocabularies" / f"icd10cm-{name}-{ver}-{src}.json"


def _pairs(d: dict[str, tuple[str, str]]) -> dict[str, list[str]]:
    return {k: list(v) for k, v in d.items()}


def _tuples(d: dict[str, list[str]]) -> dict[str, tuple[str, str]]:
    return {k: (v[0], v[1]) for k, v in d.items()}


@functools.lru_cache(maxsize=1)
def label_terms() -> dict[str, tuple[str, str]]:
    """Lower-cased term -> (label, code); label "Symptoms" (chapter 18) or "Diagnosis" (chapters
    1-17, 19); external causes, health-status factors and special codes are left out."""
    return _kept("label-terms", _label_terms, _pairs, _tuples)


def _label_terms() -> dict[str, tuple[str, str]]:
    terms: dict[str, tuple[str, str]] = {}
    for c in categories():
        if c.chapter == 18:
            label = "Symptoms"
        elif c.chapter <= 17 or c.chapter == 19:
            label = "Diagnosis"
        else:
            continue
        first = re.split(r",|\(|\[", c.description.lower())[0].strip()
        first = re.sub(r"\b(unspecified|other specified|other|unsp)\b", "", first).strip()
        cands = {first}
        if label == "Symptoms":
            cands.add(re.split(r" (?:of|with|in|and|due to|following) ", first)[0].strip())
        for t in cands:
            t = re.sub(r"\s+", " ", t)
            if len(t) >= 4 and t not in terms and t not in GENERIC_HEADS:
                terms[t] = (label, c.code)
    return terms


@functools.lru_cache(maxsize=1)
def _tabular_names() -> dict[str, tuple[str, str]]:
    return _kept("tabular-names", _build_tabular_names, _pairs, _tuples)


def _build_tabular_names() -> dict[str, tuple[str, str]]:
    index: dict[str, tuple[str, str]] = {}
    for c in categories():
        desc = c.description
        # Residual categories ("Other specified diabetes mellitus") are never the code of a plain
        # mention, and a parenthesis is part of the name: cutting "Mediastinal (thymic) large B-cell
        # lymphoma" at "(" coded "the mediastinal contours" of a chest film as a lymphoma.
        if re.match(r"other\b", desc.lower()):
            continue
        # The whole name, and its head before a comma only when the rest merely qualifies it
        # ("Pneumonia, unspecified organism"): the head of a list ("Injury, poisoning and certain
        # other consequences ... complicating pregnancy") is not that code's name.
        name = re.sub(r"\s*\[[^\]]*\]", "", re.sub(r"\s*\([^)]*\)", "", desc.lower()))
        head, _, rest = name.partition(",")
        terms = [name]
        if rest and re.match(r"\s*(unspecified|not elsewhere classified|site not specified|not specified)\b", rest):
            terms.append(head)
        for term in terms:
            bare = re.sub(r"\s+", " ", re.sub(r"\bunspecified\b", "", term)).strip()
            # "Unspecified injury" is no name for the injury in "acute kidney injury".
            if bare != term.strip() and " " not in bare and term.strip().startswith("unspecified"):
                continue
            if len(bare) >= 4 and bare not in index:
                index[bare] = (c.code, desc)
    return index


def coding_index(lex: Lexicon | None = None) -> dict[str, tuple[str, str]]:
    """Lower-cased name -> (code, description) for coding answers (see the module docstring)."""
    return _coding_index(lex or lexicon())


@functools.lru_cache(maxsize=2)  # per lexicon: a user's file adds names
def _coding_index(lex: Lexicon) -> dict[str, tuple[str, str]]:
    # the codes are valid: the loader checks a user's, tests/lexicon checks the shipped ones
    names = {c.code: c.description for c in categories()}
    index = dict(_tabular_names())
    index.update({term: (code, names[code] if code in names else _description(code))
                  for term, code in lex.icd10cm_aliases.items()})
    return index


def _description(code: str) -> str:
    """The name of a code that is no category (a chapter or block code in a user's aliases)."""
    import simple_icd_10_cm as icd

    return icd.get_description(code)


def icd10_code(text: str) -> tuple[str, str] | None:
    """The code of the longest ICD-10-CM name (or clinician's alias) among `text`'s words."""
    words = re.findall(r"[a-z0-9][a-z0-9\-]*", text.lower())
    index = coding_index()
    for n in range(min(8, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            hit = index.get(" ".join(words[i:i + n]))
            if hit:
                return hit
    return None
