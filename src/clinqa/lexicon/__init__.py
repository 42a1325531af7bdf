"""One lexicon, stored as data, that every stage reads: labs and vital signs (names, aliases,
unit dimensions, shapes), units and what they measure, concept synonyms with problem flags and
ICD-10-CM codes, problem abbreviations and disease words, drug classes, the plain-language
glossary, and per-language allergy words and yes/no question openers.

The algorithms stay in code (the answer policy, the category rules, ICD coding, the glossary, the
synthetic generators); the words live in `clinqa/lexicon/data/*.yaml`, the way medspaCy keeps its
rules in resource files. Users extend it with their own YAML file (site shorthand, local lab
names, more drug classes), same keys as the shipped files:

    clinqa ask --lexicon site.yaml ...      # also extract, serve
    CLINQA_LEXICON=site.yaml clinqa ...     # the same, for every command and Ray workers
    clinqa.lexicon.use_lexicon("site.yaml") # the Python API

A bad entry is a `LexiconError` naming the file and line.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from pathlib import Path

from clinqa.lexicon.loader import LexiconError, load
from clinqa.lexicon.model import DrugClass, Lab, LanguageWords, Lexicon, SynonymGroup

ENV = "CLINQA_LEXICON"  # os.pathsep-separated user lexicon files

_lock = threading.Lock()
_active: Lexicon | None = None


def _env_files() -> tuple[str, ...]:
    return tuple(p for p in os.environ.get(ENV, "").split(os.pathsep) if p.strip())


def lexicon() -> Lexicon:
    """The lexicon in use: the shipped data plus the files of `use_lexicon` or $CLINQA_LEXICON."""
    global _active
    lex = _active
    if lex is None:
        with _lock:
            if _active is None:
                _active = load(_env_files())
            lex = _active
    return lex


class PerLexicon:
    """A compiled pattern built from the lexicon in use, rebuilt when a user's file changes it
    (their units, their allergy words); it reads like the `re.Pattern` it wraps."""

    def __init__(self, build: Callable[[Lexicon], re.Pattern]):
        self._build = build
        self._built: tuple[Lexicon, re.Pattern] | None = None  # one tuple: threads never see a torn pair

    def get(self) -> re.Pattern:
        lex = lexicon()
        built = self._built
        if built is None or built[0] is not lex:
            built = (lex, self._build(lex))
            self._built = built
        return built[1]

    def __getattr__(self, name: str):
        return getattr(self.get(), name)


def use_lexicon(*paths: str | Path) -> Lexicon:
    """Extend the shipped lexicon with `paths` (none: the shipped one alone) for this process and
    the processes it starts (Ray workers read $CLINQA_LEXICON). Raises LexiconError on a bad file,
    leaving the lexicon in use as it was."""
    global _active
    new = load(tuple(paths))
    with _lock:
        _active = new
        if paths:
            os.environ[ENV] = os.pathsep.join(str(Path(p).resolve()) for p in paths)
        else:
            os.environ.pop(ENV, None)
    return new


__all__ = ["ENV", "PerLexicon", "DrugClass", "Lab", "LanguageWords", "Lexicon", "LexiconError", "SynonymGroup", "lexicon",
           "load", "use_lexicon"]
