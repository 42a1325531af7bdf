"""Whether a visit ended in an admission: "Was he admitted?" on an emergency note that sends the
patient home is a no, on one that admits a yes (the lexicon's `document.ed_disposition`)."""

from __future__ import annotations

import re

from clinqa.document import ClinicalDocument
from clinqa.lexicon import lexicon
from clinqa.qa.policy.events import EventVerdict
from clinqa.qa.policy.spans import sentence_at

_ADMITTED_Q = re.compile(r"^\s*(?:was|were|is|has|did)\s+(?:the\s+)?(?:patient|pt|he|she|they|[A-Z][a-z'-]+)\s+"
                         r"(?:been\s+|get\s+|got\s+)?admit(?:ted)?(?:\s+(?:to|into)\s+(?:the\s+)?(?:hospital|ward|wards))?"
                         r"\s*\?*\s*$", re.I)


def admission_verdict(doc: ClinicalDocument, question: str) -> EventVerdict | None:
    """"no" when the visit's disposition sends the patient home and says no admission, "yes" when it
    admits and says no discharge home; None for any other question or note (a discharge summary's
    admission is its own fact)."""
    if not _ADMITTED_Q.match(question) or doc.kind not in ("emergency", "unknown", "progress"):
        return None
    lex = lexicon()
    home = list(lex.words_re("ed_disposition", "home").finditer(doc.text))
    admitted = list(lex.words_re("ed_disposition", "admitted").finditer(doc.text))
    if home and not admitted:
        m = home[-1]
        return EventVerdict("no", f"the visit ended with the patient sent home ({m.group(0)!r})",
                            *_sentence_of(doc, m.start(), m.end()), None)
    if admitted and not home:
        m = admitted[-1]
        return EventVerdict("yes", f"the visit ended in an admission ({m.group(0)!r})",
                            *_sentence_of(doc, m.start(), m.end()), None)
    return None


def _sentence_of(doc: ClinicalDocument, a: int, b: int) -> tuple[int, int]:
    s = sentence_at(list(doc.sentences), a)
    return (s.start, s.end) if s is not None else (a, b)
