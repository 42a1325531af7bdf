"""A drug's dose, frequency or route, read from the lines that name the drug.

"How often does she take apixaban?" is answered by the frequency written after apixaban, not by
whatever frequency a reader's window scores best ("daily", another drug's). "What dose of
torsemide was she discharged on?" by the torsemide line of the discharge list, not of the home
list. "What is the new dose of metoprolol?" by the dose the note changes it to. The answer is
taken from the note's structure only when it is one answer: every line naming the drug agrees,
or the moment the question names (discharge, admission) picks one list; otherwise the reader's
candidates decide, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clinqa.document import ClinicalDocument
from clinqa.document.events import drug_spans
from clinqa.lexicon import lexicon
from clinqa.qa.policy.asked import AskedFor
from clinqa.qa.policy.forms import MOMENT_Q, STARTED_Q, moment_key
from clinqa.qa.policy.spans import extend_unit
from clinqa.text.shapes import DOSE, FREQUENCY, ROUTE, SIG

_ROUTE_Q = re.compile(r"\broute\b|\bhow (?:is|was|should|does|do)\b.*\b(?:taken|given|take|administered)\b", re.I)
_FREQ_Q = re.compile(r"\bhow often\b|\bfrequency\b|\bschedule\b|\bhow many times\b|\btimes a day\b", re.I)
_CHANGE_Q = re.compile(r"\b(?:new|changed?|increased?|decreased?|adjusted|titrated)\b", re.I)
# where a line about one drug ends: its line, or the next clause
_LINE_END = re.compile(r"\n|;|\.(?=\s+[A-Z])|,\s+(?:and|but)\s+")
_TO_DOSE = re.compile(r"\bto\s+$", re.I)


@dataclass(frozen=True)
class _Line:
    start: int  # the drug's name
    end: int  # the end of what is said about it
    moment: str | None  # "discharge" / "admission": the list or section it sits in says so


def asked_attribute(asked: AskedFor) -> str | None:
    """"dose", "frequency" or "route": what the question asks about one drug; None otherwise."""
    if asked.lab or asked.is_list or asked.answer_type not in ("span", "number"):
        return None
    q = asked.question
    if _FREQ_Q.search(q):
        return "frequency"
    if asked.dose:
        return "dose"
    if asked.sig and _ROUTE_Q.search(q):
        return "route"
    return None


def _moment(doc: ClinicalDocument, pos: int) -> str | None:
    """"discharge" / "admission" when `pos` is in a medication list whose header (or section)
    names that moment ("Discharge Medications:", "Home meds"); prose under "Discharge
    Instructions" is no list of the regimen."""
    lex = lexicon()
    block, sec = doc.block_at(pos), doc.section_at(pos)
    if block is None or block.kind == "prose":
        return None
    meds = lex.words_re("list_headers", "medications")
    for title in (block.header, sec.title if sec is not None else None):
        if title and meds.search(title):
            found = lex.names_in("list_moments", title)
            if len(found) == 1:
                return next(iter(found))
    return None


def _lines(doc: ClinicalDocument, drug: str) -> list[_Line]:
    text = doc.text
    out = []
    for s, e, name in drug_spans(text, 0, len(text)):
        if name != drug:
            continue
        stop = _LINE_END.search(text, e)
        end = min(stop.start() if stop else len(text), e + 120)
        out.append(_Line(s, end, _moment(doc, s)))
    return out


def _value(text: str, line: _Line, attribute: str) -> tuple[int, int] | None:
    pat = {"dose": DOSE, "frequency": FREQUENCY, "route": ROUTE}[attribute]
    m = pat.search(text, line.start, line.end)
    if m is None or m.end() == m.start():
        return None
    if attribute == "dose":
        # the dose as the line writes it: from the drug's name, the dose with its whole unit
        # ("0.04 mcg/kg/min"), then route and frequency ("Torsemide 40 mg PO daily")
        end = extend_unit(text, m.start(), m.end())
        sig = SIG.match(text, end)
        if sig and sig.end() > end and sig.end() <= line.end:
            end = sig.end()
        start = line.start if m.start() - line.start <= 40 else m.start()
        return start, end
    return m.start(), m.end()


def _changed_to(doc: ClinicalDocument, drug: str) -> tuple[int, int] | None:
    """The dose a dose-change event of `drug` sets ("increase metoprolol to 75 mg twice daily")."""
    text = doc.text
    found = []
    for ev in doc.events:
        if ev.kind != "medication" or ev.action != "dose_changed" or ev.status != "done":
            continue
        if not any(n == drug for _, _, n in drug_spans(text, ev.subject_start, ev.subject_end)):
            continue
        for m in DOSE.finditer(text, ev.sentence_start, ev.sentence_end):
            if _TO_DOSE.search(text[max(ev.sentence_start, m.start() - 6):m.start()]):
                found.append((m.start(), extend_unit(text, m.start(), m.end())))
    texts = {text[a:b].lower() for a, b in found}
    return found[0] if len(texts) == 1 else None


def sig_answer(doc: ClinicalDocument, asked: AskedFor) -> tuple[int, int, str] | None:
    """(start, end, why) of the asked dose / frequency / route of the one drug the question names,
    when the note gives one answer; None when the question is not such a question or the note
    gives several (the reader's candidates decide then)."""
    attribute = asked_attribute(asked)
    if attribute is None:
        return None
    q = asked.question
    drugs = {name for _, _, name in drug_spans(q, 0, len(q))}
    if len(drugs) != 1:
        return None
    drug = next(iter(drugs))
    text = doc.text
    if attribute == "dose" and _CHANGE_Q.search(q) and (STARTED_Q.search(q) or "chang" in q.lower()):
        to = _changed_to(doc, drug)
        if to is not None:
            return to[0], to[1], f"the dose the note changes {drug} to"
    lines = [ln for ln in _lines(doc, drug) if _value(text, ln, attribute)]
    if not lines:
        return None
    said = MOMENT_Q.get().search(q)
    asked_moment = moment_key(said.group(0)) if said else None
    if asked_moment is not None and any(ln.moment for ln in lines):
        lines = [ln for ln in lines if ln.moment == asked_moment]
        why = f"the {attribute} of {drug} in the {asked_moment} list"
    else:  # (no line of a list of any moment: a table's row may hold both, "| Metoprolol | 50 mg | 100 mg |")
        asked_moment = None
        why = f"the {attribute} written with {drug}"

    values = {_norm(text, ln, attribute) for ln in lines}
    if len(values) != 1 and asked_moment is None:
        # the regimen the patient leaves with, when the lists differ and the question names no moment
        at_discharge = [ln for ln in lines if ln.moment == "discharge"]
        if at_discharge and len({_norm(text, ln, attribute) for ln in at_discharge}) == 1:
            lines, why = at_discharge, f"the {attribute} of {drug} in the discharge list"
            values = {_norm(text, lines[0], attribute)}
    if not lines or len(values) != 1:
        return None
    a, b = _value(text, lines[0], attribute)
    return a, b, why


def _norm(text: str, ln: _Line, attribute: str) -> str:
    """What a line says of the attribute, for comparing lines: the dose alone, without spaces and
    dots ("b.i.d." is "bid", "40mg" is "40 mg")."""
    a, b = _value(text, ln, attribute)
    if attribute == "dose":  # the dose alone: "40 mg" in a list and in "increased to 40 mg" agree
        d = DOSE.search(text, a, b)
        a, b = d.start(), extend_unit(text, d.start(), d.end())
    return re.sub(r"[\s.]+", "", text[a:b].lower())
