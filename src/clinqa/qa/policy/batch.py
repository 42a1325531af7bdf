"""One call for every entry point: ask a reader about (note, question, concept) items and apply
the answer policy (`ask`, `extract`, `serve` and `eval qa` share it)."""

from __future__ import annotations

from typing import Any

from clinqa.qa.policy.policy import AnswerPolicy, Decision
from clinqa.types import Note, Sentence

CANDIDATES = 10  # reader candidates the policy chooses among


def answer_questions(reader, policy: AnswerPolicy, items: list[tuple[Note, str, Any]],
                     sentences: list[list[Sentence]], *, top_k: int = 1,
                     language: str | list[str | None] | None = None) -> list[Decision]:
    """Ask a reader (extractive or lexical) about (note, question, concept-or-None) items, with
    each item's note sentences, and apply the policy: the one path `ask`, `extract`, `serve` and
    `eval qa` share. `language`: one for all items, or one per item (questionnaires asked in each
    note's own language)."""
    if not items:
        return []
    languages = language if isinstance(language, list) else [language] * len(items)
    if hasattr(reader, "answer_many"):
        import inspect

        params = inspect.signature(reader.answer_many).parameters
        # readers from elsewhere may not know these options: the policy needs neither
        extra = {k: False for k in ("with_context", "apply_threshold")
                 if k in params or any(p.kind == p.VAR_KEYWORD for p in params.values())}
        outs = reader.answer_many([(n, q) for n, q, _ in items], top_k=max(CANDIDATES, top_k),
                                  sentences=list(sentences), **extra)
        raw = [(o.answers, getattr(o, "null_minus_best", None)) for o in outs]
    else:  # the lexical baseline: sentences, no no-answer score
        raw = [(reader.answer(n, q, sentences=s), None) for (n, q, _), s in zip(items, sentences)]
    return [policy.decide(n, q, answers, s, null_minus_best=diff, concept=c, language=lang, top_k=top_k)
            for (n, q, c), s, (answers, diff), lang in zip(items, sentences, raw, languages)]
