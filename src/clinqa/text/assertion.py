"""Assertion status of a span with medspaCy ConText (default clinical modifier rules)."""

from __future__ import annotations

from collections.abc import Sequence

from clinqa.text.pipeline import NLP_LOCK, blocks, get_nlp

# When ConText sets several flags, the first one here wins: "no family history of asthma"
# is negated, "mother had breast cancer" (family + historical) is family.
_PRIORITY = (
    ("is_negated", "negated"),
    ("is_family", "family"),
    ("is_hypothetical", "hypothetical"),
    ("is_uncertain", "possible"),
    ("is_historical", "historical"),
)


def assert_spans(text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    """Assertion ("present", "negated", "possible", "historical", "family", "hypothetical")
    for each (start, end) character span of `text`. Only the spaCy block around a span is
    processed, so this stays cheap on long notes."""
    if not spans:
        return []
    nlp = get_nlp()
    context = nlp.get_pipe("medspacy_context")
    out: list[str] = []
    docs: dict[tuple[int, int], object] = {}
    text_blocks = blocks(text)
    for start, end in spans:
        if not (0 <= start < end <= len(text)):
            raise ValueError(f"span [{start}, {end}) is outside a text of {len(text)} characters")
        b_start, b_end = _block_of(text_blocks, start, end)
        with NLP_LOCK:
            doc = docs.get((b_start, b_end))
            if doc is None:
                doc = nlp(text[b_start:b_end], disable=["medspacy_context"])
                docs[(b_start, b_end)] = doc
            ent = doc.char_span(start - b_start, end - b_start, label="TARGET", alignment_mode="expand")
            if ent is None:
                out.append("present")
                continue
            doc.ents = (ent,)
            context(doc)
            target = doc.ents[0]
        out.append(next((name for attr, name in _PRIORITY if getattr(target._, attr)), "present"))
    return out


def assert_span(text: str, start: int, end: int) -> str:
    return assert_spans(text, [(start, end)])[0]


def _block_of(text_blocks: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    for b_start, b_end in text_blocks:
        if b_start <= start < b_end:
            return b_start, max(b_end, end)
    return 0, text_blocks[-1][1]
