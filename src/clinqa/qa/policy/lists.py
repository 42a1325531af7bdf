"""The list a list question asks for, from the clinical document's lists and their headers: the
question's kind of list (the lexicon's `document.list_headers`: meds, medications, Rx...) must be
the header's, and a moment or change the question names (discharge, admission, home, stopped,
new) picks among several such lists."""

from __future__ import annotations

import re

from clinqa.document import Block, ClinicalDocument
from clinqa.lexicon import lexicon

# the moments of the stay that tell an admission list from a discharge list
STAY_MOMENTS = frozenset({"admission", "discharge"})


def list_block_for(doc: ClinicalDocument, question: str) -> Block | None:
    """The list under the header that names the question's kind of list and best matches its other
    words; None when the question names no kind of list the lexicon knows, or no header has it."""
    lex = lexicon()
    kinds = lex.names_in("list_headers", question)
    if not kinds:
        return None
    filler = lex.words_re("question_words", "filler")
    q_words = _stems(question, skip=filler)
    moments = lex.names_in("moments", question) & STAY_MOMENTS
    actions = lex.names_in("events", question)
    best, best_key = None, None
    for b in doc.blocks:
        if b.kind not in ("list", "table") or not b.header or not b.items:
            continue  # (a table under a list's header is that list, a row per item: a pasted medication table)
        if not lex.names_in("list_headers", b.header) & kinds:
            continue
        h_moments = lex.names_in("moments", b.header) & STAY_MOMENTS
        h_actions = lex.names_in("events", b.header)
        if h_actions - actions and not actions & h_actions:
            continue  # "STOPPED MEDICATIONS" does not answer "What are the discharge meds?"
        h_words = _stems(b.header)
        key = (len(moments & h_moments) + len(actions & h_actions), -len(h_moments - moments), len(q_words & h_words))
        if best_key is None or key > best_key:
            best, best_key = b, key
    if best is not None and not best_key[0]:
        # a word of the question that names no kind of list, moment or change must be the header's:
        # "Anticipatory medicines?" is not answered by "MEDICINES ON DISCHARGE"
        named = {w for vocab, names in (("list_headers", kinds), ("moments", lex.document.get("moments", {})),
                                        ("events", lex.document.get("events", {})))
                 for name in names for m in lex.words_re(vocab, name).finditer(question.lower()) for w in _stems(m.group(0))}
        qualifier = lex.words_re("question_words", "qualifier")  # ("secondary diagnoses": any diagnoses list)
        own = q_words - named - {w[:5] for w in re.findall(r"[a-z]{3,}", question.lower()) if qualifier.fullmatch(w)}
        if own and not own & _stems(best.header):
            return None
    return best


def _stems(text: str, skip: re.Pattern | None = None) -> set[str]:
    """The first five letters of each word of three letters or more (lower-cased), not `skip`'s."""
    return {w[:5] for w in re.findall(r"[a-z]{3,}", text.lower()) if not (skip and skip.fullmatch(w))}


def other_kind_of_list(header: str | None, question: str) -> bool:
    """Whether a list's header names a kind of list (the lexicon's `document.list_headers`) and
    the question names kinds, none of them the header's: the items of a "Diagnoses" list are no
    answer to "What procedures were performed?", though the reader's span sits in it."""
    if not header:
        return False
    lex = lexicon()
    of_header, asked = lex.names_in("list_headers", header), lex.names_in("list_headers", question)
    return bool(of_header and asked and not of_header & asked)
