"""Assertion status of a span with medspaCy ConText (its default clinical modifier rules for
English; clinqa's cue rules for es, bg, cs, el, pl, ro notes, picked by the note's language)."""

from __future__ import annotations

from collections.abc import Sequence

# the cue rules are lexicon data built into the pipeline (text/pipeline.py)
from clinqa.text.pipeline import NLP_LOCK, blocks, context_language, get_nlp, parsed_block

# When ConText sets several flags, the first one here wins: "no family history of asthma"
# is negated, "mother had breast cancer" (family + historical) is family.
_PRIORITY = (
    ("is_negated", "negated"),
    ("is_family", "family"),
    ("is_hypothetical", "hypothetical"),
    ("is_uncertain", "possible"),
    ("is_historical", "historical"),
)


def context_pipe(language: str = "en"):
    """The ConText component for a note language: the shared pipeline's (`get_nlp`), which is
    built with all its rules: English gets medspaCy's default ones plus clinqa's; es, bg, cs,
    el, pl, ro get clinqa's own cue rules (lexicon/data/context/); any other language the
    English ones. Not cached itself: a look-up in `get_nlp`'s cache, so it always hands out the
    component of the pipeline that cache holds, and never changes it."""
    return get_nlp(context_language(language)).get_pipe("medspacy_context")


def status_of(target) -> str:
    """One assertion name for a ConText-processed target span."""
    return next((name for attr, name in _PRIORITY if getattr(target._, attr)), "present")


def assert_spans(text: str, spans: Sequence[tuple[int, int]], language: str | None = None) -> list[str]:
    """Assertion ("present", "negated", "possible", "historical", "family", "hypothetical")
    for each (start, end) character span of `text`. Only the spaCy block around a span is
    processed, so this stays cheap on long notes. `language` (ISO 639-1) picks the cue rules;
    None detects it from the text."""
    if not spans:
        return []
    if language is None:
        from clinqa.text.language import language_of

        language = language_of(text).code
    context = context_pipe(context_language(language))
    out: list[str] = []
    text_blocks = blocks(text)
    for start, end in spans:
        if not (0 <= start < end <= len(text)):
            raise ValueError(f"span [{start}, {end}) is outside a text of {len(text)} characters")
        b_start, b_end = _block_of(text_blocks, start, end)
        with NLP_LOCK:  # spaCy docs and the ConText component are shared across threads
            doc = parsed_block(text[b_start:b_end])
            ent = doc.char_span(start - b_start, end - b_start, label="TARGET", alignment_mode="expand")
            if ent is None:
                out.append("present")
                continue
            sub, ent = sentence_doc(doc, ent)
            sub.ents = (_after_inner_cue(sub, ent, context),)
            context(sub)
            status = status_of(sub.ents[0])
            out.append("negated" if status == "present" and after_colon_no(sub, sub.ents[0]) else status)
    return out


def after_colon_no(doc, ent) -> bool:
    """Whether the target follows a ": no" that opens a list ("a simple trip: no palpitations, chest
    pain or dizziness"): medspaCy's ": no" points back ("Fever: no"), and where it matches it hides
    the plain "no" that points forward."""
    for m in doc._.context_graph.modifiers:
        a, b = m.modifier_span
        if m.direction != "BACKWARD" or doc[a:b].text.replace(" ", "").lower() != ":no" or b > ent.start:
            continue
        between = doc[b:ent.start]
        if b < len(doc) and doc[b].is_alpha and not any(t.lower_ in ("but", "however", "except") or t.text in ";."
                                                         for t in between):
            return True
    return False


def sentence_doc(doc, span):
    """The sentence(s) holding `span` as a doc of their own, and the span inside it: ConText's
    scope ends at the sentence, and matching its rules over a whole note per span is slow."""
    from spacy.tokens import Span

    s0, s1 = span[0].sent.start, span[-1].sent.end
    sub = doc[s0:s1].as_doc()
    return sub, Span(sub, span.start - s0, span.end - s0, label="TARGET")


def _after_inner_cue(doc, ent, context):
    """A reader's span often holds its own cue ("No pleural effusion."); a cue inside the
    target is not a modifier of it for ConText, so the target becomes the words the last
    forward cue inside the span governs (or, for a backward cue, the words before it)."""
    doc.ents = ()
    context(doc)
    inner = [m for m in doc._.context_graph.modifiers
             if ent.start <= m.modifier_span[0] and m.modifier_span[1] <= ent.end]
    if not inner:
        return ent
    last = max(inner, key=lambda m: m.modifier_span[1])
    if last.direction == "BACKWARD":
        first = min(inner, key=lambda m: m.modifier_span[0])
        part = doc[ent.start:first.modifier_span[0]]
    else:
        part = doc[last.modifier_span[1]:ent.end]
    if not any(t.is_alpha for t in part):
        return ent
    return doc.char_span(part.start_char, part.end_char, label="TARGET", alignment_mode="expand") or ent


def assert_span(text: str, start: int, end: int) -> str:
    return assert_spans(text, [(start, end)])[0]


def _block_of(text_blocks: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    for b_start, b_end in text_blocks:
        if b_start <= start < b_end:
            return b_start, max(b_end, end)
    return 0, text_blocks[-1][1]
