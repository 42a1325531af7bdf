"""The grounded-answer prompt, shared by training and inference (ArchEHR-QA's task wording)."""

from __future__ import annotations

from collections.abc import Sequence

from clinqa.types import Sentence

WORD_LIMIT = 75
SYSTEM = ("You answer patients' questions about their own hospital notes. Use only the numbered note "
          "sentences. Write plain, kind language a patient understands.")
RULES = (f"Answer in at most {WORD_LIMIT} words, one sentence per line. End every sentence with the ids of "
         "the note sentences that support it, like |1| or |2,5|.")


def numbered(sentences: Sequence[Sentence]) -> str:
    return "\n".join(f"{s.id}: {' '.join(s.text.split())}" for s in sentences)


def answer_messages(question: str, sentences: Sequence[Sentence], narrative: str = "") -> list[dict]:
    parts = []
    if narrative.strip():
        parts.append(f"Patient's message: {' '.join(narrative.split())}")
    parts.append(f"Question: {' '.join(question.split())}")
    parts.append("Note sentences:\n" + numbered(sentences))
    parts.append(RULES)
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "\n\n".join(parts)}]


REWRITE_RULES = (f"Rewrite each note sentence above as one short sentence a patient understands, in at most "
                 f"{WORD_LIMIT} words in all, one sentence per line. Keep every number, dose, date and drug name "
                 "exactly as written. Say nothing the sentence does not say, and keep 'no' and 'denies'. End "
                 "each sentence with the id of the note sentence it rewrites, like |3|.")


def rewrite_messages(question: str, evidence: Sequence[tuple[Sequence[str], str]], narrative: str = "") -> list[dict]:
    """The evidence-first prompt: the question and the planned evidence sentences (ids, text),
    which the LM rewrites in plain language with their citations."""
    parts = []
    if narrative.strip():
        parts.append(f"Patient's message: {' '.join(narrative.split())}")
    parts.append(f"Question: {' '.join(question.split())}")
    parts.append("Note sentences that answer it:\n" + "\n".join(f"{','.join(ids)}: {' '.join(t.split())}"
                                                             for ids, t in evidence))
    parts.append(REWRITE_RULES)
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "\n\n".join(parts)}]
