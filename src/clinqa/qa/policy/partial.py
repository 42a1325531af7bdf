"""A concept a note names only by its head word ("Does he have bowel cancer?" on "cancer needs to
be ruled out", "Is the ACL torn?" on "no ACL rupture"): the head's mentions that say the whole is
absent or only possible, and the words around a head that make it another concept (another
site, another form of the word, a modifier the question does not name)."""

from __future__ import annotations

import re

from clinqa.qa.policy.verdicts import (
    _WORD,
    Mention,
    _negated_before,
    _same_word,
    _stem,
    concept_stems,
    not_done_after,
)
from clinqa.qa.policy.titled import in_family_section
from clinqa.qa.policy.spans import line_span
from clinqa.types import Sentence


def part_absent_mentions(text: str, question: str, target: str, sentences: list[Sentence] | None,
                         language: str | None = None) -> list[Mention]:
    """When no sentence holds enough of a concept's words: the mentions of one word of it (not a
    qualifier, lexicon `question_words.qualifier`) that the note names only as absent or not done
    ("Is the ACL torn?" on "no ACL rupture", "Was IV contrast given?" on "WITHOUT CONTRAST",
    "Were any drains left?" on "Drains: none"), as negated mentions: a part that is absent makes
    the whole absent, and a part only possible leaves it uncertain. The word is the question's
    head noun (the last noun before a phrase that times the concept, `core_phrase`; spaCy's
    tagger; English questions only): "no pericardial rub"
    says nothing of a pericardial effusion. [] when any mention of it is present (the
    note may say the rest in other words); a relative's, a hypothetical one (a risk consented to)
    or an indication's says nothing either way."""
    found = _head_mentions(text, question, target, sentences, language)
    if not found:
        return []
    stems, spans, status = found
    out = []
    for (a, b, s), st in zip(spans, status):
        if st in ("present", "possible") and _negated_before(text, a):
            st = "negated"
        # (not_done_after reads a field's absent value after it: "Drains: none")
        m = not_done_after(text, sentences, Mention(a, b, st, s.section, a, b))
        if _says_nothing(text, a, s, m.assertion) or _other_modifier(text, a, b, stems):
            continue  # ("no edema of the legs" says nothing of pulmonary edema)
        if m.assertion not in ("negated", "possible"):
            return []
        out.append(m)
    # a part only suspected or not excluded ("cancer needs to be ruled out" for "bowel cancer")
    # leaves the whole uncertain, as much as the part's absence makes it absent
    return [m for m in out if m.assertion == "possible"] or out


def part_named(text: str, question: str, target: str, sentences: list[Sentence] | None,
               language: str | None = None) -> Mention | None:
    """When no sentence holds enough of a concept's words and none says a part of it absent: the
    sentence naming the concept's head word (as `part_absent_mentions` finds it) with the most of
    its other words, as a mention only possible ("Does she still pass urine?" on "Residual urine
    output ~600 mL/day"): the note may say the concept in other words, or something else of the
    head, so a clinician must look (uncertain, never yes), which is truer than "not in this note".
    A relative's, a hypothetical or an indication's mention is none (one another word modifies
    stays: "residual urine output" is what the note says of urine); None when no sentence names
    the head."""
    found = _head_mentions(text, question, target, sentences, language)
    if not found:
        return None
    stems, spans, status = found
    best, best_words = None, 0
    for (a, b, s), st in zip(spans, status):
        if _says_nothing(text, a, s, st):
            continue
        words = sum(1 for st_ in stems if any(_same_word(st_, _stem(w.group(0))) for w in _WORD.finditer(text, s.start, s.end)))
        if words > best_words:
            best, best_words = Mention(a, b, "possible", s.section, a, b), words
    return best if best_words >= 2 else None


def _head_mentions(text: str, question: str, target: str, sentences: list[Sentence] | None,
                   language: str | None) -> tuple[list[str], list[tuple[int, int, Sentence]], list[str]] | None:
    """The concept's stems (less qualifiers), and every mention of its head word (the question's
    last noun of the concept's core phrase; spaCy's tagger) with its sentence and ConText status;
    None for another language, a one-word concept, no head or no mention of it."""
    from clinqa.lexicon import lexicon
    from clinqa.text.assertion import assert_spans
    from clinqa.text.pipeline import nouns

    if not sentences or language not in (None, "en") or len(concept_stems(target)) < 2:
        return None
    stems = concept_stems(target, lexicon().words_re("question_words", "qualifier"))
    core = concept_stems(core_phrase(target))  # "chest pain during the run": the pain is asked
    heads = [st for n in nouns(question) for st in concept_stems(n) if st in stems and st in core]
    if not heads:
        return None
    spans = [(a, b, s) for s in sentences  # a title too: "MRI KNEE WITHOUT CONTRAST"
             for a, b in _stem_spans(text, s.start, s.end, heads[-1])]
    if not spans:
        return None
    return stems, spans, assert_spans(text, [(a, b) for a, b, _ in spans], language)


def _says_nothing(text: str, a: int, s: Sentence, assertion: str) -> bool:
    """A relative's, a hypothetical or an indication's mention says nothing of the patient."""
    return assertion in ("family", "hypothetical") or in_family_section(text, a, s.section) or \
        "indication" in (s.section or "").lower()


def core_phrase(target: str) -> str:
    """A concept's words before the first prepositional phrase that times it ("chest pain during
    the run" -> "chest pain"); a phrase that places it stays ("stones in the left kidney": the
    right kidney's stones are another matter). spaCy's tagger."""
    from clinqa.text.pipeline import tagged

    from clinqa.lexicon import lexicon

    timing = {w.lower() for w in lexicon().document.get("question_words", {}).get("timing", ())}
    words = tagged(target)
    for i, (word, pos) in enumerate(words):
        if pos in ("ADP", "SCONJ") and word.lower() in timing and any(p in ("NOUN", "PROPN") for _, p in words[:i]):
            return " ".join(w for w, _ in words[:i])
    return target


def _other_modifier(text: str, a: int, b: int, stems: list[str]) -> bool:
    """Whether the word at [a, b) is modified by a word the question does not name: the word
    before it ("no free fluid" for fluid in the abdomen) or an "of/in the X" after it ("no edema
    of the legs" for pulmonary edema); negation cues and question fillers modify nothing."""
    from clinqa.lexicon import lexicon

    lex = lexicon()
    neutral = (lex.words_re("question_words", "filler"), lex.words_re("event_status", "negated"),
               lex.words_re("field_values", "absent"))

    def foreign(word: str) -> bool:  # ("post-procedure" is the question's "after the procedure")
        return not any(p.fullmatch(word) for p in neutral) and \
            not any(_same_word(x, _stem(part)) for x in stems for part in [word, *word.split("-")] if part)

    from clinqa.lexicon.radiology import radiology_lexicon
    from clinqa.text.pipeline import tagged

    line0, line_end = line_span(text, a)
    before = re.search(r"([^\W\d_][\w-]*)[ \t]+$", text[line0:a])
    after = re.match(r"[ \t]+(?:of|in|on)[ \t]+(?:the[ \t]+|both[ \t]+)?([^\W\d_][\w-]*)", text[b:b + 40])
    # a line keyed by a body part names its site ("- Prostate: MRI normal, no cancer found"), when
    # the question names a site of its own ("bowel cancer"; "Murphy's sign" under "Gallbladder:" is its)
    key = re.match(r"[ \t]*(?:[-*\u2022][ \t]*)?([^\W\d_][\w -]{1,30}?)[ \t]*:", text[line0:a])
    parts = radiology_lexicon().body_parts
    site = key and key.group(1).strip().lower() in parts and foreign(key.group(1).strip()) and \
        any(_same_word(x, _stem(w)) for p in parts for w in p.split() for x in stems)
    # ("because cancer needs to be ruled out": a word of grammar modifies nothing; "first" does)
    tags = tagged(text[line0:b]) if before else []
    grammar = len(tags) >= 2 and tags[-2][0] == before.group(1) and tags[-2][1] in _GRAMMAR
    # another form of the word, modifying the noun after it, is another concept ("?rotator cuff
    # tear" for rotation); the word itself stays the concept ("MRSA screen", "ICU admission")
    nxt = tagged(text[a:line_end])[1:2]
    compound = bool(nxt) and nxt[0][1] in ("NOUN", "PROPN") and text[b:b + 1] in (" ", "-") and \
        foreign(nxt[0][0]) and _stem(text[a:b]) not in stems
    return bool(site or compound or (before and not grammar and foreign(before.group(1))) or
                (after and foreign(after.group(1))))


_GRAMMAR = ("SCONJ", "CCONJ", "ADP", "DET", "PRON", "AUX", "PART", "VERB")


def _stem_spans(text: str, start: int, end: int, stem: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text, start, end) if _same_word(stem, _stem(m.group(0)))]
