"""Yes/no questions the clinical document's events answer: a medication's change ("Was aspirin
stopped?", "Was metoprolol increased?"), the patient's smoking status ("Does the patient smoke?"),
a procedure only planned ("Did she have a colonoscopy?" on "colonoscopy is planned")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from clinqa.document import ClinicalDocument, Event
from clinqa.document.events import drug_spans
from clinqa.lexicon import lexicon
from clinqa.text.shapes import DOSE, SIG
from clinqa.qa.policy.asked import AskedFor

# what a question's verb asks, as the document's event actions (lexicon `document.events`)
_ASKABLE = ("stopped", "held", "resumed", "dose_changed", "started", "continued")
# a drug still taken: an answer "no" to "Was X stopped?"
_STILL_ON = ("continued", "resumed", "dose_changed")


@dataclass(frozen=True)
class EventVerdict:
    verdict: str
    reason: str
    start: int
    end: int
    event: Event | None


def asked_action(question: str) -> str | None:
    lex = lexicon()
    for action in _ASKABLE:
        if lex.words_re("events", action).search(question):
            return action
    return None


def medication_verdict(doc: ClinicalDocument, asked: AskedFor) -> EventVerdict | None:
    """yes when an event of the asked kind names the drug; no when the note says the drug went on
    (continued, resumed, dose changed) and never that it was stopped; None (leave it to the
    mentions) when the question names no drug or no change."""
    q = asked.question
    action = asked_action(q)
    drugs = {name for _, _, name in drug_spans(q, 0, len(q))}
    if not drugs:
        return None
    if action is None:
        return _still_taking(doc, drugs) if _TAKING.search(q) else None
    evs = [e for e in doc.events if e.kind == "medication" and
           any(name in drugs for _, _, name in drug_spans(doc.text, e.subject_start, e.subject_end))]
    if not evs:
        return None
    refused = [e for e in evs if e.action == action and e.status == "negated"]
    planned = [e for e in evs if e.action == action and e.status == "planned"]
    evs = [e for e in evs if e.status == "done"]
    same = [e for e in evs if e.action == action]
    if refused and not same:
        e = refused[0]
        s, t = _span(e)
        return EventVerdict("no", f"the note says {e.subject} was not {action.replace('_', ' ')}", s, t, e)
    if planned and not same and not asks_plan(q):
        # "prescribed - to start this evening", "start if the 4 h level is above the line", "restart
        # apixaban after the control MRI", "stop aspirin if he bleeds": not yet
        e = planned[0]
        s, t = _span(e)
        return EventVerdict("no", f"the note has {e.subject} {action} only as planned or conditional ({e.cue!r})",
                            s, t, e)
    if not evs:
        return None
    if same:
        e = same[0]
        s, t = _span(e)
        why = f"the note says {e.subject} was {action.replace('_', ' ')} ({e.cue!r})"
        return EventVerdict("yes", why + (f", because {e.reason}" if e.reason else ""), s, t, e)
    if action == "stopped" and any(e.action == "held" for e in evs) and any(e.action == "resumed" for e in evs):
        e = next(e for e in evs if e.action == "resumed")
        s, t = _span(e)
        return EventVerdict("no", f"{e.subject} was held, then resumed", s, t, e)
    if action in ("stopped",) and any(e.action == "held" for e in evs):
        e = next(e for e in evs if e.action == "held")
        s, t = _span(e)
        return EventVerdict("uncertain", f"{e.subject} was held, not said to be stopped", s, t, e)
    if action in ("continued", "resumed") and any(e.action in ("stopped", "held") for e in evs) and \
            not any(e.action in _STILL_ON for e in evs):
        e = next(e for e in evs if e.action in ("stopped", "held"))
        s, t = _span(e)
        return EventVerdict("no", f"the note says {e.subject} was {e.action}", s, t, e)
    if action in ("stopped", "held") and all(e.action in _STILL_ON + ("started",) for e in evs):
        # (started and never stopped: "STOPPED when apixaban was started" stops the drug before)
        e = evs[0]
        s, t = _span(e)
        return EventVerdict("no", f"the note says {e.subject} was {e.action.replace('_', ' ')}, never stopped", s, t, e)
    return None


_TAKING = re.compile(r"\b(?:taking|take|takes|on|still|currently|receiving|using|prescribed)\b", re.I)


def _still_taking(doc: ClinicalDocument, drugs: set[str]) -> EventVerdict | None:
    """"Is he taking X?": no when the note's last event for the drug stops or holds it."""
    named = [e for e in doc.events if e.kind == "medication" and
             any(name in drugs for _, _, name in drug_spans(doc.text, e.subject_start, e.subject_end))]
    evs = [e for e in named if e.status == "done"]
    planned = [e for e in named if e.status == "planned" and e.action == "started"]
    if planned and not evs:  # "Iron to start at 4 weeks of age": not on it yet
        s, t = _span(planned[0])
        return EventVerdict("no", f"the note has {planned[0].subject} started only as planned ({planned[0].cue!r})",
                            s, t, planned[0])
    if not evs:
        return None
    last = max(evs, key=lambda e: e.cue_start)
    if last.action in ("stopped", "held"):
        s, t = _span(last)
        return EventVerdict("no", f"the note says {last.subject} was {last.action}", s, t, last)
    return None


def reason_event(doc: ClinicalDocument, question: str) -> Event | None:
    """For "Why was X stopped/held/started?": the drug's event (of the asked change, when the
    question names one) whose reason the note gives."""
    if not _WHY.search(question):
        return None
    drugs = {name for _, _, name in drug_spans(question, 0, len(question))}
    if not drugs:
        return None
    action = asked_action(question)
    unexplained = None
    for e in doc.events:
        if e.kind == "medication" and (action is None or e.action == action) and e.status == "done" and \
                any(name in drugs for _, _, name in drug_spans(doc.text, e.subject_start, e.subject_end)):
            if e.reason:
                return e
            unexplained = unexplained or e
    return _problem_of(doc, unexplained) if unexplained is not None else None


def drug_fate(doc: ClinicalDocument, question: str) -> Event | None:
    """For "What was done with the ramipril?", "What is the plan for lisinopril?": the last
    event of the drug the question names (held, stopped, dose changed, continued...), whose
    sentence is the answer; None when the question asks no such thing or the note has no event
    of that drug."""
    if not lexicon().words_re("question_words", "fate").search(question):
        return None
    drugs = {name for _, _, name in drug_spans(question, 0, len(question))}
    if not drugs:
        return None
    found = [e for e in doc.events if e.kind == "medication" and e.status != "negated" and
             any(name in drugs for _, _, name in drug_spans(doc.text, e.subject_start, e.subject_end))]
    return found[-1] if found else None


def _problem_of(doc: ClinicalDocument, e: Event) -> Event | None:
    """A change written under a problem of a problem-oriented plan gives no reason of its own
    ("1. Type 2 diabetes with recurrent hypoglycaemia. Glipizide stopped today."): the problem
    the item opens with is why; None when the change is not in such an item, or opens it."""
    block = doc.block_at(e.sentence_start)
    item = next((it for it in (block.items if block is not None and block.kind == "list" else ())
                 if it.start <= e.sentence_start < it.end), None)
    if item is None:
        return None
    end = re.search(r"[.:](?:\s|$)", doc.text[item.start:item.end])
    a, b = item.start, item.start + end.start() if end else item.end
    if b > e.sentence_start or b - a < 3:
        return None
    return replace(e, reason=doc.text[a:b], reason_start=a, reason_end=b)


_WHY = re.compile(r"^\s*why\b|\breason (?:for|why)\b|\bwhat (?:was|is) the reason\b", re.I)


def changed_drugs(doc: ClinicalDocument, change: str) -> list[tuple[int, int, str]]:
    """(start, end, why) of each drug the note says was `change`d ("stopped", "started"), one per
    drug, in note order: its list line under an event header, else its clause."""
    out, seen = [], set()
    meds = lexicon().words_re("list_headers", "medications")

    def in_med_list(e) -> bool:  # "» Medicines on discharge" / "NEW   Apixaban 5 mg twice daily"
        sec = doc.section_at(e.subject_start)
        return bool(sec is not None and sec.title and meds.search(sec.title))

    # a drug's line under an event header ("STOPPED: Naproxen 500 mg bid") or in a medication list
    # ("NEW  Apixaban 5 mg twice daily") says more than its clause in the course
    for e in sorted(doc.events, key=lambda e: (e.source != "list_header", not in_med_list(e), e.subject_start)):
        if e.kind != "medication" or e.action != change or e.status != "done":
            continue
        name = next((n for _, _, n in drug_spans(doc.text, e.subject_start, e.subject_end)), e.subject.lower())
        if name in seen:
            continue
        seen.add(name)
        s, t = e.subject_start, e.subject_end
        if e.source == "list_header":  # its item of the list line: "aspirin 81 mg daily" of "..., aspirin 81 mg daily"
            cut = re.search(r"[,;|\t]| {3,}", doc.text[t:e.sentence_end])  # (a table row: its first cells)
            t = t + cut.start() if cut else e.sentence_end
        else:  # the drug with its dose, route and schedule: "omeprazole 40 mg PO daily"
            m = re.match(r"[\w -]{0,4}?(?=\d)", doc.text[t:t + 6])
            d = DOSE.match(doc.text, t + m.end()) if m else None
            if d:
                t = d.end()
                sig = SIG.match(doc.text, t)
                t = sig.end() if sig and sig.end() <= e.sentence_end + 1 else t  # + its full stop, trimmed below
        while t > s and doc.text[t - 1] in " \t.,;":
            t -= 1
        out.append((s, t, f"{e.subject} {change} ({e.cue!r})"))
    return sorted(out)


def smoking_verdict(doc: ClinicalDocument, asked: AskedFor) -> EventVerdict | None:
    """From the smoking events: current -> yes; former -> no (yes when the question asks about
    ever or past smoking); never -> no; only mentioned -> uncertain."""
    lex = lexicon()
    if not (lex.words_re("smoking", "subject").search(asked.question) or lex.words_re("smoking", "asked").search(asked.question)) or \
            lex.words_re("smoking", "quitting_help").search(asked.question):
        return None
    evs = [e for e in doc.events if e.kind == "smoking"]
    if not evs:
        return None
    known = [e for e in evs if e.action != "unknown"]
    e = known[0] if known else evs[0]
    s, t = e.sentence_start, e.sentence_end  # the whole clause: "Former smoker, quit 20 years ago"
    head = re.match(r"[A-Z][A-Za-z /]{2,40}:\s*", doc.text[s:t])  # without its header ("SOCIAL HISTORY:")
    if head and head.end() < t - s:
        s += head.end()
    if e.action == "current":
        return EventVerdict("yes", f"current smoker ({e.cue!r})", s, t, e)
    if e.action == "former":
        if asked.ever:
            return EventVerdict("yes", f"a former smoker: the question asks about ever ({e.cue!r})", s, t, e)
        return EventVerdict("no", f"a former smoker, not now ({e.cue!r})", s, t, e)
    if e.action == "never":
        return EventVerdict("no", f"never smoked ({e.cue!r})", s, t, e)
    return EventVerdict("uncertain", "tobacco is mentioned without a status (current, former, never)", s, t, e)


def planned_only(doc: ClinicalDocument, starts: list[int]) -> Event | None:
    """The planned-procedure event whose clause holds every one of these mention starts."""
    plans = [e for e in doc.events if e.kind == "procedure" and e.action == "planned"]
    for e in plans:
        if starts and all(e.sentence_start <= p < e.sentence_end for p in starts) and not _came_back(doc.text, e):
            return e
    return None


def _came_back(text: str, e: Event) -> bool:
    """Whether the plan's sentence says its result came back after its cue ("requested 09:00 - grew E.
    coli"; the lexicon's `procedures.result_after`), with no word between that says it was not done
    ("planned for today but deferred - the ultrasound showed ...": another test's result)."""
    lex = lexicon()
    res = lex.words_re("procedures", "result_after").search(text, e.cue_end, _sentence_end(text, e.cue_end))
    return res is not None and not lex.words_re("procedures", "not_done").search(text, e.cue_end, res.start())


def _sentence_end(text: str, pos: int) -> int:
    """The end of the sentence (or line) `pos` is in: its next full stop before a space, or newline."""
    ends = [e for e in (text.find("\n", pos), text.find(". ", pos)) if e >= 0]
    return min(ends) if ends else len(text)


def undone_only(doc: ClinicalDocument, starts: list[int]) -> Event | None:
    """The not-done procedure event ("Colonoscopy postponed", "echo was cancelled") whose subject
    holds each of these mention starts: the first, when every start is one's subject. Only the
    subject, not its clause: "declined treatment for her hepatitis C" says nothing of hepatitis C."""
    undone = [e for e in doc.events if e.kind == "procedure" and e.status == "negated"]
    hits = [next((e for e in undone if e.subject_start <= p < e.subject_end), None) for p in starts]
    return hits[0] if hits and all(hits) else None


def asks_plan(question: str) -> bool:
    return bool(lexicon().words_re("procedures", "planned").search(question))


def _span(e: Event) -> tuple[int, int]:
    if e.source == "list_header":
        return e.sentence_start, e.sentence_end
    s = min(e.subject_start, e.cue_start)
    t = max(e.subject_end, e.cue_end, e.reason_end)
    return s, t
