"""The list a list question asks for, from the clinical document's lists and their headers: the
question's kind of list (the lexicon's `document.list_headers`: meds, medications, Rx...) must be
the header's, and a moment or change the question names (discharge, admission, home, stopped,
new) picks among several such lists."""

from __future__ import annotations

import re

from clinqa.document import Block, ClinicalDocument
from clinqa.lexicon import lexicon

def list_block_for(doc: ClinicalDocument, question: str) -> Block | None:
    """The list under the header that names the question's kind of list and best matches its other
    words; None when the question names no kind of list the lexicon knows, or no header has it."""
    lex = lexicon()
    kinds = [k for k in lex.document.get("list_headers", {}) if lex.words_re("list_headers", k).search(question)]
    if not kinds:
        return None
    filler = lex.words_re("question_words", "filler")
    q_words = {w[:5] for w in re.findall(r"[a-z]{3,}", question.lower()) if not filler.fullmatch(w)}
    moments = {m for m in ("admission", "discharge") if lex.words_re("moments", m).search(question)}
    actions = {a for a in lex.document.get("events", {}) if lex.words_re("events", a).search(question)}
    best, best_key = None, None
    for b in doc.blocks:
        if b.kind != "list" or not b.header or not b.items:
            continue
        if not any(lex.words_re("list_headers", k).search(b.header) for k in kinds):
            continue
        h_moments = {m for m in ("admission", "discharge") if lex.words_re("moments", m).search(b.header)}
        h_actions = {a for a in lex.document.get("events", {}) if lex.words_re("events", a).search(b.header)}
        if h_actions - actions and not actions & h_actions:
            continue  # "STOPPED MEDICATIONS" does not answer "What are the discharge meds?"
        h_words = {w[:5] for w in re.findall(r"[a-z]{3,}", b.header.lower())}
        key = (len(moments & h_moments) + len(actions & h_actions), -len(h_moments - moments), len(q_words & h_words))
        if best_key is None or key > best_key:
            best, best_key = b, key
    return best


def other_kind_of_list(header: str | None, question: str) -> bool:
    """Whether a list's header names a kind of list (the lexicon's `document.list_headers`) and
    the question names kinds, none of them the header's: the items of a "Diagnoses" list are no
    answer to "What procedures were performed?", though the reader's span sits in it."""
    if not header:
        return False
    lex = lexicon()
    kinds = lex.document.get("list_headers", {})
    of_header = {k for k in kinds if lex.words_re("list_headers", k).search(header)}
    asked = {k for k in kinds if lex.words_re("list_headers", k).search(question)}
    return bool(of_header and asked and not of_header & asked)
