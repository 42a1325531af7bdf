""""What did the colonoscopy show?" when the note says the colonoscopy was not performed, is only
planned, or was cancelled: there is no result to report, and a reader would point at whatever
scores best ("not performed", a plan's words, another study's finding). Decided from the note's
procedure events (document/events.py: performed, planned, and performed with status "negated")
before any reader pass: every mention of the asked study or procedure sits in a clause that says
it did not happen or is yet to happen."""

from __future__ import annotations

import functools
import re

from clinqa.document import ClinicalDocument
from clinqa.lexicon import PerLexicon
from clinqa.qa.policy.verdicts import concept_stems, stems_in

_ARTICLE = r"(?:(?:the|her|his|their|a|an|this|that|any)\s+)?"


def _result_q(lex) -> re.Pattern:
    verbs = lex.words_re("question_words", "result_asking").pattern
    return re.compile(r"^\W*what\s+(?:did|does|do|has|have|had|was|were)\s+" + _ARTICLE + r"(?P<x>.+?)\s+(?:"
                      + verbs + r")\b|\bresults?\s+of\s+" + _ARTICLE + r"(?P<y>[^?.,]+)", re.I)


_RESULT_Q = PerLexicon(_result_q)


def asked_result(question: str) -> str | None:
    """What a question asks the findings of ("the colonoscopy", "repeat chest X-ray"), else None."""
    m = _RESULT_Q.search(question.strip())
    if m is None:
        return None
    x = (m.group("x") or m.group("y") or "").strip()
    return x or None


@functools.lru_cache(maxsize=256)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern:
    parts = [r"[\s\-]+".join(re.escape(w) for w in n.split()) for n in sorted(names, key=len, reverse=True)]
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(parts) + r")(?![A-Za-z0-9])", re.I)


def _mentions(doc: ClinicalDocument, asked: str) -> list[int]:
    """Where the note names what is asked: a sentence holding every word of it, a study's other
    names counting as its name ("CXR" for "chest X-ray")."""
    from clinqa.qa.policy.studies import asked_study, study_names

    text = doc.text
    study = asked_study(asked)
    stems = concept_stems(asked)
    if study is not None:
        names = study_names(study[0])
        named = _name_pattern(names)
        # the words beside the study's name must be there too ("repeat" of "repeat chest X-ray")
        rest = concept_stems(named.sub(" ", asked))
    out = []
    for s in doc.sentences:
        if s.kind == "header":
            continue
        if study is not None:
            if len(stems_in(text, s.start, s.end, rest)) == len(rest):
                out.extend(m.start() for m in named.finditer(text, s.start, s.end))
        elif stems and len(hits := stems_in(text, s.start, s.end, stems)) == len(stems):
            out.append(min(a for a, _ in hits.values()))
    return out


def not_done(doc: ClinicalDocument, question: str) -> str | None:
    """Why the note has no result for what `question` asks the findings of (it was not done or is
    only planned, at every mention), else None."""
    asked = asked_result(question)
    if asked is None:
        return None
    where = _mentions(doc, asked)
    if not where:
        return None
    events = [e for e in doc.events if e.kind == "procedure"]
    says = []
    for pos in where:
        ev = next((e for e in events if e.sentence_start <= pos < e.sentence_end), None)
        if ev is None or (ev.action == "performed" and ev.status == "done"):
            return None  # named where the note may give its result
        says.append("not done" if ev.status == "negated" else "only planned")
    what = re.sub(r"\s+", " ", asked)
    kinds = set(says)
    if kinds == {"not done"}:
        return f"the note says the {what} was not done: no result to report"
    if kinds == {"only planned"}:
        return f"the {what} is only planned: no result to report"
    return f"the note names the {what} only as planned or not done: no result to report"
