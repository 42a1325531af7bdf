"""""What did the colonoscopy show?" when the note says the colonoscopy was not performed, is only
planned, or was cancelled: there is no result to report, and a reader would point at whatever
scores best ("not performed", a plan's words, another study's finding). Decided from the note's
procedure events (document/events.py: performed, planned, and performed with status "negated")
before any reader pass: every mention of the asked study or procedure sits in a clause that says
it did not happen or is yet to happen.

"What did the chest x-ray show?" when the note names the study (by any of its names, "CXR") with
its result after it: "CXR: pulmonary edema with small effusions", "(UA negative, CXR clear)",
"Chest X-ray in ED showed no free air"; a radiology report of that study answers with its
impression. A reader points at the nearest sentence that scores ("No chest pain, troponin
negative")."""

from __future__ import annotations

import functools
import re

from clinqa.document import ClinicalDocument
from clinqa.lexicon import PerLexicon, lexicon
from clinqa.qa.policy.spans import sentence_at
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


# what stands between a study's name and its result: a colon after a few words ("CXR PA/lateral
# (read by radiology): ...", "Chest X-ray 06-20:"), a verb of showing, or a one-word verdict right
# after the name ("CXR clear"; the lexicon's `document.study_verdicts`)
_TO_RESULT = PerLexicon(lambda lex: re.compile(
    r"[^:;.\n]{0,45}?:\s*|\s+(?:showed|shows|show|revealed|reveals|demonstrated|demonstrates)\s+|\s+(?=(?:" +
    lex.words_alternation("study_verdicts", "words") + r")\b)", re.I))
_RESULT_END = re.compile(r"[;)\]]|\.(?:\s|$)")


def study_result(doc: ClinicalDocument, question: str) -> tuple[int, int, str] | None:
    """(start, end, why) of what the note writes as the result of the study `question` asks the
    findings of; None when the question asks none, the note writes no result right after the
    study's name, or the study was not done."""
    asked = asked_result(question)
    from clinqa.qa.policy.headings import heading_answer
    from clinqa.qa.policy.studies import asked_study, study_names

    study = asked_study(asked) if asked else None
    if study is None:
        return None
    named = _name_pattern(study_names(study[0]))
    text = doc.text
    if doc.kind == "radiology" and named.search(text, 0, min(len(text), 300)):
        imp = heading_answer(doc, "impression")
        if imp is not None and imp.start >= 0:
            return imp.start, imp.end, f"the impression of the report of the {study[0]}"
    events = [e for e in doc.events if e.kind == "procedure"]
    sentences = list(doc.sentences)
    for pos in _mentions(doc, asked):
        ev = next((e for e in events if e.sentence_start <= pos < e.sentence_end), None)
        if ev is not None and not (ev.action == "performed" and ev.status == "done"):
            continue  # not done, or planned: no result here
        m = named.match(text, pos)
        sent = sentence_at(sentences, pos)
        sent_start, sent_end = (sent.start, sent.end) if sent is not None else (pos, len(text))
        lead = _TO_RESULT.get().match(text, m.end(), sent_end) if m else None
        if lead is None:
            continue
        clause = max(sent_start, *(text.rfind(c, sent_start, pos) + 1 for c in ",;(:"))
        if lexicon().words_re("procedures", "unsure_before").search(text, clause, pos):
            continue  # "she did not think a chest X-ray was needed" (ConText's ": no" would point back)
        a = lead.end()
        end = _RESULT_END.search(text, a, sent_end)
        b = end.start() if end else sent_end
        comma = text.find(",", a, b)
        if comma >= 0 and len(text[a:comma].split()) <= 1:
            b = comma  # "CXR clear, afebrile": a one-word verdict ends at its comma
        while b > a and text[b - 1] in " \t\n,":
            b -= 1
        if b - a >= 3 and re.search(r"[A-Za-z]{3,}", text[a:b]):
            return a, b, f"what the note writes after {text[m.start():m.end()]!r}"
    return None
