"""One call for every entry point: ask a reader about (note, question, concept) items and apply
the answer policy (`ask`, `extract`, `serve` and `eval qa` share it)."""

from __future__ import annotations

from clinqa.qa.policy.policy import AnswerPolicy, Decision
from clinqa.types import ConceptSpec, Note, Reader, Sentence

CANDIDATES = 10  # reader candidates the policy chooses among


def answer_questions(reader: Reader, policy: AnswerPolicy, items: list[tuple[Note, str, ConceptSpec | None]],
                     sentences: list[list[Sentence]], *, top_k: int = 1,
                     language: str | list[str | None] | None = None) -> list[Decision]:
    """Ask a reader about (note, question, concept-or-None) items, with each item's note
    sentences, and apply the policy: the one path `ask`, `extract`, `serve` and `eval qa` share.
    `language`: one for all items, or one per item (questionnaires asked in each note's own
    language)."""
    if not items:
        return []
    languages = language if isinstance(language, list) else [language] * len(items)
    outs = reader.answer_many([(n, q) for n, q, _ in items], top_k=max(CANDIDATES, top_k), sentences=list(sentences),
                              with_context=False, apply_threshold=False)
    return [policy.decide(n, q, o.answers, s, null_minus_best=o.null_minus_best, concept=c, language=lang,
                          top_k=top_k)
            for (n, q, c), s, o, lang in zip(items, sentences, outs, languages)]
