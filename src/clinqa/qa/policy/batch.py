"""One call for every entry point: ask a reader about (note, question, concept) items and apply
the answer policy (`ask`, `extract`, `serve` and `eval qa` share it)."""

from __future__ import annotations

from dataclasses import replace

from clinqa.qa.policy.policy import AnswerPolicy, Decision, NeedsReader, Unread
from clinqa.text.markup import blank_markup, has_markup
from clinqa.text.sentences import segment
from clinqa.types import ConceptSpec, NamesAnswers, Note, Reader, Sentence

CANDIDATES = 10  # reader candidates the policy chooses among


def answer_questions(reader: Reader, policy: AnswerPolicy, items: list[tuple[Note, str, ConceptSpec | None]],
                     sentences: list[list[Sentence]], *, top_k: int = 1,
                     language: str | list[str | None] | None = None) -> list[Decision]:
    """Ask a reader about (note, question, concept-or-None) items, with each item's note
    sentences, and apply the policy: the one path `ask`, `extract`, `serve` and `eval qa` share.
    `language`: one for all items, or one per item (questionnaires asked in each note's own
    language).

    A reader that names its answers ahead (`NamesAnswers`) reads only the items whose decision
    depends on it: each is first decided on `Unread` candidates, and one that completes is the
    decision the reader's candidates would have given (a questionnaire's concept that does not
    apply to the kind of note, a yes/no concept the note never mentions, a lab it has no value of
    cost no forward pass)."""
    if not items:
        return []
    originals = {i: n.text for i, (n, _, _) in enumerate(items) if has_markup(n.text)}
    if originals:  # a note pasted with its markup is read without it; offsets stay the original's
        items, sentences = list(items), list(sentences)
        for i in originals:
            n, q, c = items[i]
            items[i] = (replace(n, text=blank_markup(n.text)), q, c)
            sentences[i] = segment(items[i][0].text, n.id)
    decisions = _answer(reader, policy, items, sentences, top_k, language)
    for i, text in originals.items():
        decisions[i] = _with_original_text(decisions[i], text)
    return decisions


def _with_original_text(d: Decision, text: str) -> Decision:
    """A decision made on a blanked note, its answers' and verdict's words read from the original."""
    answers = [a if a.is_no_answer or a.start < 0 else replace(a, text=text[a.start:a.end]) for a in d.answers]
    v = d.verdict
    if v is not None and v.start >= 0:
        v = replace(v, text=text[v.start:v.end], term=text[v.term_start:v.term_end] if v.term_start >= 0 else v.term)
    return replace(d, answers=answers, verdict=v)


def _answer(reader: Reader, policy: AnswerPolicy, items: list[tuple[Note, str, ConceptSpec | None]],
            sentences: list[list[Sentence]], top_k: int, language) -> list[Decision]:
    languages = language if isinstance(language, list) else [language] * len(items)
    out: list[Decision | None] = [None] * len(items)
    asked = [None] * len(items)  # what each question asks for, worked out once for both passes
    if isinstance(reader, NamesAnswers):
        for i, ((n, q, c), s, lang) in enumerate(zip(items, sentences, languages)):
            method = reader.method_for(n, q)
            if method is None:
                continue
            asked[i] = policy.asked_for(q, c, lang)
            try:
                out[i] = policy.decide(n, q, Unread(method), s, concept=c, language=lang, top_k=top_k, asked=asked[i])
            except NeedsReader:
                pass
    todo = [i for i, d in enumerate(out) if d is None]
    if todo:
        outs = reader.answer_many([items[i][:2] for i in todo], top_k=max(CANDIDATES, top_k),
                                  sentences=[sentences[i] for i in todo], with_context=False, apply_threshold=False)
        for i, o in zip(todo, outs):
            n, q, c = items[i]
            out[i] = policy.decide(n, q, o.answers, sentences[i], null_minus_best=o.null_minus_best, concept=c,
                                   language=languages[i], top_k=top_k, asked=asked[i])
    return out  # type: ignore[return-value]  # every slot is filled above
