"""Offline clinical vocabularies as the checks read them: words, ICD-10-CM terms
(clinqa.lexicon.icd10cm), the drug lexicon of drug-named-entity-recognition, synonyms from
clinqa.lexicon, and a longest-match concept finder over them.

They serve two rooms: weak answer-category labels (qa.categories) and the licence-free
MEDCON variant (evaluate.grounding), which needs concept identities rather than labels.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from clinqa.lexicon import PerLexicon

WORD = re.compile(r"[a-z0-9][a-z0-9\-/]*")


def words(text: str) -> tuple[str, ...]:
    """Lower-cased words as the vocabulary checks (drug lexicon, ICD-10-CM terms) read them."""
    return tuple(WORD.findall(text.lower()))


def clinical_synonyms(term: str) -> tuple[str, ...]:
    """The other names of `term` in the lexicon's synonym groups (none when it is in no group):
    a yes/no question in one form finds the note's other forms ("CAD" for coronary artery disease)."""
    from clinqa.lexicon import lexicon

    return lexicon().synonyms_of.get(term.strip().lower(), ())


def shorthand_forms(term: str) -> tuple[str, ...]:
    """The other form of a term in the lexicon's clinical shorthand ("CXR" <-> "chest X-ray", "SOB"
    <-> "shortness of breath"): a yes/no question in one form finds the note's other. Only
    abbreviations in capitals of two or more letters; one the lexicon calls ambiguous ("PE") gives
    its written-out forms but is never looked for in their place."""
    return _SHORTHAND.get().get(term.strip().lower(), ())


def _spells(key: str, words: str) -> bool:
    """Whether a written-out form spells its abbreviation by its words' first letters ("chest
    x-ray" for CXR, "shortness of breath" for SOB; not "echocardiogram" for TTE, which a TOE is too)."""
    import re

    if re.fullmatch(r"[A-Z][A-Z0-9]{1,4}", words):
        return True  # another abbreviation of it ("ECG" for EKG)
    every = [w for w in re.split(r"[\s-]+", words) if w]
    content = [w for w in every if w.lower() not in ("of", "in", "a", "an", "the", "and", "on")]

    def letters(ws: list[str]) -> str:  # (a word in capitals gives all its letters: "CT angiogram" for CTA)
        return "".join(w.lower() if w.isupper() else w[0].lower() for w in ws)

    return len(content) >= 2 and key.lower() in (letters(every), letters(content))


def _shorthand_index(lex) -> dict[str, tuple[str, ...]]:
    import re

    ambiguous = {f.lower() for forms in lex.ambiguous_abbreviations.values() for f in forms}
    index: dict[str, list[str]] = {}
    for key, expansion in lex.clinical_shorthand.items():
        if not re.fullmatch(r"[A-Z][A-Z0-9]+", key):
            continue
        inner = re.findall(r"\(([^()]+)\)", expansion)
        parts = [p.strip() for p in [re.sub(r"\s*\([^()]*\)", "", expansion), *inner]]
        parts = [re.sub(r"^(?:a|an|the)\s+", "", p) for p in parts if p and p.lower() != key.lower()]
        parts = [p.lower() for p in parts if _spells(key, p)]
        index.setdefault(key.lower(), []).extend(parts)
        if key.lower() not in ambiguous and len(key) >= 3:
            for p in parts:
                index.setdefault(p, []).append(key)
    return {k: tuple(dict.fromkeys(v)) for k, v in index.items()}


_SHORTHAND = PerLexicon(_shorthand_index)


@functools.lru_cache(maxsize=1)
def icd_terms() -> dict[str, str]:
    """Lower-cased ICD-10-CM term -> "Symptoms" or "Diagnosis" (see `lexicon.icd10cm.label_terms`)."""
    from clinqa.lexicon.icd10cm import label_terms

    return {t: label for t, (label, _) in label_terms().items()}


def ngrams(words: list[str], n_max: int = 6):
    """Word n-grams, longest first."""
    for n in range(min(n_max, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            yield " ".join(words[i:i + n])


@functools.lru_cache(maxsize=50_000)
def has_drug(words: tuple[str, ...]) -> bool:
    return bool(drugs_in(words))


@functools.lru_cache(maxsize=50_000)
def drugs_in(words: tuple[str, ...]) -> tuple[str, ...]:
    """Canonical names of the drugs the lexicon finds among `words`."""
    if not words:
        return ()
    from clinqa.lexicon.drugs import find_drugs

    seq = []
    for w in words:  # a combination ("sacubitril-valsartan") names each of its drugs
        seq.append(w)
        parts = [p for p in w.split("-") if p]
        if len(parts) > 1 or (parts and parts[0] != w):
            seq.extend(parts)
    names = []
    for drug, _, _ in find_drugs(seq):
        names.append(str(drug.get("name") or drug.get("generic_names", [""])[0]).lower())
    return tuple(sorted(set(n for n in names if n)))


@dataclass(frozen=True)
class ConceptHit:
    """A vocabulary concept found in a text (for the grounding metric): `cid` is its identity
    across texts (ICD code, drug name or lab name), `group` its semantic group."""

    cid: str
    group: str  # "disorder" | "symptom" | "drug" | "lab"
    text: str


def find_concepts(text: str) -> set[ConceptHit]:
    """Concepts by greedy longest match of ICD-10-CM terms over word n-grams (non-overlapping),
    drug-lexicon hits and the lexicon's lab and test names."""
    from clinqa.lexicon import lexicon
    from clinqa.lexicon.icd10cm import label_terms

    words = WORD.findall(text.lower())
    index = label_terms()
    found: set[ConceptHit] = set()
    used = [False] * len(words)
    for n in range(min(6, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            if any(used[i:i + n]):
                continue
            term = " ".join(words[i:i + n])
            hit = index.get(term)
            if hit:
                label, code = hit
                found.add(ConceptHit(f"ICD10CM:{code}", "symptom" if label == "Symptoms" else "disorder", term))
                used[i:i + n] = [True] * n
    for name in drugs_in(tuple(words)):
        found.add(ConceptHit(f"DRUG:{name}", "drug", name))
    for m in lexicon().lab_topic_re.finditer(text):
        name = m.group(0).lower()
        found.add(ConceptHit(f"LAB:{name}", "lab", name))
    return found
