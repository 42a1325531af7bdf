"""The drug lexicon of drug-named-entity-recognition (DrugBank, MeSH and MedlinePlus names), read
from the package's own data file and matched exactly as its `find_drugs` does without fuzzy
matching: two-word names first, then single words not already taken.

Why not call `find_drugs` itself: importing its module builds a trigram index of every name for
fuzzy matching, which clinqa never asks for (1.9 s of every process that meets a drug; reading
the data file takes 0.5 s). tests/lexicon/test_drugs.py checks that both find the same drugs,
at the same tokens, on every note clinqa ships or tests with.
"""

from __future__ import annotations

import bz2
import functools
import importlib.util
import logging
import marshal
import pickle
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
PACKAGE = "drug_named_entity_recognition"
DATA_FILE = "drug_ner_dictionary.pkl.bz2"


KEYS = ("drug_variant_to_canonical", "drug_canonical_to_data", "drug_variant_to_variant_data")
KEPT = "drugs-v1"  # the kept copy's name; "v1" is its layout (KEYS, as a tuple): a new layout, a new name


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, list[str]], dict[str, dict], dict[str, dict]]:
    # the package's own pickle, read as the package reads it (an installed dependency's data);
    # found without importing the package, whose import is what this module avoids
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        from clinqa.errors import ModelError

        raise ModelError(f"{PACKAGE} is not installed (the drug lexicon): run `make setup`")
    from clinqa.runtime import kept_copy, write_kept_copy

    source = Path(next(iter(spec.submodule_search_locations))) / DATA_FILE
    # decompressed (bz2 costs 0.3 s of a cold question that meets a drug), as marshal data: plain
    # dicts and lists, and unlike a pickle, loading it runs no code
    kept = kept_copy(KEPT, source, ".marshal")
    if kept is not None:
        try:
            tables = marshal.loads(kept.read_bytes())
            if isinstance(tables, tuple) and len(tables) == len(KEYS) and all(isinstance(t, dict) for t in tables):
                return tables
        except (OSError, ValueError, EOFError, TypeError):
            pass  # absent or damaged: read the package's file and keep it again
    with bz2.open(source, "rb") as f:
        d = pickle.load(f)  # noqa: S301 - the installed package's data file
    tables = tuple(d[k] for k in KEYS)
    if kept is not None:
        try:
            write_kept_copy(kept, marshal.dumps(tables), "drugs")
        except (OSError, ValueError) as exc:
            log.debug("drug lexicon not cached at %s: %s", kept, exc)
    return tables


def find_drugs(tokens: list[str]) -> list[tuple[dict[str, Any], int, int]]:
    """(drug data, first token, end token exclusive) for each drug name among `tokens`."""
    variants, canonical, variant_data = _tables()
    out: list[tuple[dict[str, Any], int, int]] = []
    taken: set[int] = set()
    for i in range(len(tokens) - 1):
        cand = f"{tokens[i]} {tokens[i + 1]}"
        key = cand.lower()
        for m in variants.get(key) or ():
            out.append((_data(canonical, variant_data, m, key, cand), i, i + 2))
        if variants.get(key):
            taken.update((i, i + 1))
    for i, token in enumerate(tokens):
        if i in taken:
            continue
        key = token.lower()
        for m in variants.get(key) or ():
            out.append((_data(canonical, variant_data, m, key, token), i, i + 1))
            taken.add(i)
    return out


def _data(canonical: dict, variant_data: dict, m: str, key: str, surface: str) -> dict[str, Any]:
    data = dict(canonical.get(m, {})) | variant_data.get(key, {})
    data["match_type"] = "exact"
    data["matching_string"] = surface
    return data
