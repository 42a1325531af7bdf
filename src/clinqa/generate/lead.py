"""What the answer policy decided, as the lead of a grounded answer.

The answer policy (`clinqa.qa.policy`, read-only here) turns the extractive reader's candidates
into typed answers (a lab value found by its name, a dose, list items under their header) or a
yes/no verdict with the mention that decides it. A grounded answer says that first: the note
sentences holding the policy's answers lead, the rest of the plan supports them.

When the policy finds that the note does not hold what was asked (a yes/no concept that is
never mentioned, a lab or vital sign with no value in the note), the answer says so in one
sentence instead of citing unrelated sentences; sentences that mention the asked concept
without answering ("D-dimer was not sent") may follow it. A low reader score alone is not such
a finding: the plan then falls back to the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from clinqa.types import Answer, Note, Sentence

NOT_ANSWERED_START = "The note does not"  # how every not-answered sentence opens (evaluation reads it)


@dataclass(frozen=True)
class AnswerLead:
    """The sentences holding the policy's answers (best first), or the sentence saying that
    the note does not answer, with the sentences that mention what was asked."""

    ids: tuple[str, ...] = ()
    not_answered: str | None = None
    related: tuple[str, ...] = ()
    source: str = ""  # "answer" | "verdict" | "not-mentioned" | "no-value" | ""


def sentence_at(sentences: Sequence[Sentence], start: int) -> str | None:
    for s in sentences:
        if s.start <= start < s.end:
            return s.id
    return None


def _mentioning(sentences: Sequence[Sentence], terms: Sequence[str], limit: int = 2) -> tuple[str, ...]:
    pats = [re.compile(r"\b" + re.escape(t) + r"\b", re.I) for t in terms if t and len(t) > 1]
    out = [s.id for s in sentences if s.kind != "header" and any(p.search(s.text) for p in pats)]
    return tuple(out[:limit])


def _mostly_in_note(term: str, sentences: Sequence[Sentence]) -> bool:
    """Whether at least half of the term's content words (stemmed) occur in the note."""
    from clinqa.generate.checks import content_words

    words = set(content_words(term))
    if not words:
        return True
    note = set(content_words(" ".join(s.text for s in sentences)))
    return len(words & note) * 2 >= len(words)


def lead_from_decision(decision: Any, sentences: Sequence[Sentence]) -> AnswerLead:
    """The lead of an answer from an answer-policy `Decision`."""
    asked = decision.asked
    verdict = decision.verdict
    if verdict is not None:
        if verdict.verdict == "not_mentioned":
            term = (asked.terms[0] if asked.terms else None) or verdict.term
            if not term or _mostly_in_note(term, sentences):
                # "Was the chest pain cardiac?": the question's phrase is absent, its words are not;
                # that is no finding of absence, so the evidence answers
                return AnswerLead()
            return AnswerLead(not_answered=f"{NOT_ANSWERED_START} mention {term}.",
                              related=_mentioning(sentences, asked.terms), source="not-mentioned")
        sid = sentence_at(sentences, verdict.start) if verdict.start >= 0 else None
        return AnswerLead(ids=(sid,) if sid else (), source="verdict")
    answers = [a for a in decision.answers if not a.is_no_answer]
    if answers:
        ids = tuple(dict.fromkeys(i for a in answers if (i := a.sentence_id or sentence_at(sentences, a.start))))
        return AnswerLead(ids=ids, source="answer")
    reason = decision.reason or ""
    if asked.lab and "no value of" in reason:
        names = (asked.lab,) + tuple(asked.terms)
        name = asked.lab.upper() if len(asked.lab) <= 4 else asked.lab
        return AnswerLead(not_answered=f"{NOT_ANSWERED_START} give a value for {name}.",
                          related=_mentioning(sentences, names), source="no-value")
    return AnswerLead()


def lead_from_answers(answers: Sequence[Answer], sentences: Sequence[Sentence]) -> AnswerLead:
    """The lead when a caller passes the answers (already decided) instead of a reader."""
    ids = tuple(dict.fromkeys(i for a in answers if not a.is_no_answer
                              and (i := a.sentence_id or sentence_at(sentences, a.start))))
    return AnswerLead(ids=ids, source="answer" if ids else "")


class PolicyLead:
    """Asks the extractive reader and the answer policy (cheap to build; the policy loads its
    vocabularies on first use)."""

    def __init__(self, reader: Any, policy: Any = None):
        self.reader = reader
        self.policy = policy

    def __call__(self, note: Note, question: str, sentences: list[Sentence]) -> AnswerLead:
        from clinqa.qa.policy import AnswerPolicy, answer_questions

        if self.policy is None:
            self.policy = AnswerPolicy.for_reader(self.reader)
        decision = answer_questions(self.reader, self.policy, [(note, question, None)], [sentences], top_k=3)[0]
        return lead_from_decision(decision, sentences)
