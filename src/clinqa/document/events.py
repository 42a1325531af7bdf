"""Events: medications started, stopped, held, resumed, dose changed or continued (with the reason
when the note gives one), procedures performed or planned, and the patient's smoking status.

The cue words are the lexicon's (`document.events`, `document.procedures`, `document.smoking`,
`document.reasons`); drugs are the drug lexicon's (drug-named-entity-recognition). A cue governs the
drug of its own clause: the nearest drug before it ("Apixaban was held"), else the first after it
("started apixaban"); a list under an event header ("STOPPED MEDICATIONS:") gives every drug in it
that event.
"""

from __future__ import annotations

import re

from clinqa.document.checkboxes import box_before
from clinqa.document.model import Block, Event, Item
from clinqa.document.structure import row_status, split_outside_brackets
from clinqa.document.time import note_date
from clinqa.lexicon import PerLexicon, lexicon
from clinqa.types import Sentence

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-/]*")
# a clause ends at ";", a line break, ", and"/"but", or a sentence's full stop (before a capital:
# "p.o. daily" and "q.4h." do not end one)
_CLAUSE_END = re.compile(r";|\.(?=\s+[A-Z(\[])|\.\s*$|\n|,\s+(?:and|but)\s+|\s+but\s+")
_ACTIONS = ("stopped", "held", "resumed", "dose_changed", "started", "continued")


def drug_spans(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of each drug the drug lexicon finds in text[start:end]."""
    from clinqa.lexicon.drugs import find_drugs

    toks = [(m.start() + start, m.end() + start, m.group(0).lower()) for m in _WORD.finditer(text[start:end])]
    if not toks:
        return []
    out = []
    covered: set[int] = set()  # the tokens a drug found whole spans
    for drug, i, j in find_drugs([t[2] for t in toks]):
        name = str(drug.get("name") or (drug.get("generic_names") or [""])[0]).lower()
        j = j - 1 if j > i else j  # find_drugs' end index is exclusive
        if name and 0 <= i <= j < len(toks):
            out.append((toks[i][0], toks[j][1], name))
            covered.update(range(i, j + 1))
    # a token naming no drug whole may join two ("vancomycin/cefepime", "piperacillin-" broken at
    # a line end): each part is looked up alone
    for k, (a, b, tok) in enumerate(toks):
        if ("/" in tok or "-" in tok) and k not in covered:
            for m in re.finditer(r"[a-z0-9]+", tok):
                if len(m.group(0)) > 3:
                    for drug, _, _ in find_drugs([m.group(0)]):
                        name = str(drug.get("name") or (drug.get("generic_names") or [""])[0]).lower()
                        if name:
                            out.append((a + m.start(), a + m.end(), name))
    return sorted(set(out))


def _own_cue(text: str, end: int, c1: int, cue_res) -> bool:
    """Whether an event cue follows a drug right after it ("apixaban was started")."""
    window = text[end:min(c1, end + 20)]
    return any(re.match(r"\s*(?:(?:was|were|is|has been|had been)\s+)?" + cue.pattern, window, cue.flags)
               for _, cue in cue_res)


def medication_events(text: str, sentences: list[Sentence], blocks: list[Block]) -> list[Event]:
    """Events from each drug clause of the prose, then from lists and fields under event headers."""
    lex = lexicon()
    cue_res = [(a, lex.words_re("events", a)) for a in _ACTIONS if a in lex.document.get("events", {})]
    object_after = lex.words_re("events", "object_after")
    out: list[Event] = []
    listed: set[int] = set()
    for b in blocks:
        if b.kind in ("list", "fields") and b.header:
            action = _header_action(b.header)
            if action:
                for it in b.items:
                    for s, e, _ in drug_spans(text, it.start, it.end):
                        out.append(Event("medication", action, text[s:e], s, e, b.header, b.header_start,
                                         b.header_end, it.start, it.end, section=b.section, source="list_header"))
                        listed.add(s)
        if b.kind in ("fields", "list", "table"):  # "STOPPED: aspirin 81 mg", "NEW  Apixaban", "... - NEW", a Status column
            for it in b.items:
                status = row_status(text, b, it)[0]  # (a list item's or field's key; a table row's status cell)
                action = _header_action(re.sub(r"\([^()]*\)", " ", status.text)) if status else None  # ("RESUMED (was held)")
                if action:  # (a drug in the item's parentheses is not its subject: "(replaced by atorvastatin)")
                    why = _status_reason(status)
                    for s, e, _ in drug_spans(text, it.start, it.end):
                        if _in_parentheses(text, it.start, s):
                            continue
                        out.append(Event("medication", action, text[s:e], s, e, status.text, status.start, status.end,
                                         it.start, it.end, *(why or (None, -1, -1)), section=b.section,
                                         source="list_header"))
                        listed.add(s)
    for sent in sentences:
        if sent.kind == "header":
            continue
        for c0, c1 in _clauses(text, sent.start, sent.end):
            drugs = [d for d in drug_spans(text, c0, c1) if d[0] not in listed]
            if not drugs:
                continue
            for action, cue_re in cue_res:
                for m in cue_re.finditer(text, c0, c1):
                    if action == "started" and m.group(0).lower() in ("new", "newly started", "add", "added") and \
                            not any(0 <= d[0] - m.end() <= 25 for d in drugs):
                        continue  # "new onset afib": "new" names a drug only right before it
                    if any(d[0] <= m.start() < d[1] for d in drugs):
                        continue
                    before = [d for d in drugs if d[1] <= m.start() and m.start() - d[1] <= 60]
                    after = [d for d in drugs if d[0] >= m.end() and d[0] - m.end() <= 30]
                    towards = bool(object_after.fullmatch(m.group(0)))  # "changed to X": X is started
                    if not towards and not before and after and _own_cue(text, after[0][1], c1, cue_res):
                        # "Aspirin 300 mg daily from 3 Nov (...) until 6 Nov, then STOPPED when apixaban
                        # was started": the drug after has a cue of its own; the one before is farther
                        before = [d for d in drugs if d[1] <= m.start() and m.start() - d[1] <= 120]
                        after = []
                    subj = (after[0] if after else None) if towards else \
                        (before[-1] if before else after[0] if after else None)
                    if subj is None:
                        continue
                    if towards and before and action == "started":  # "X, changed to Y": X is stopped
                        b = before[-1]
                        out.append(Event("medication", "stopped", text[b[0]:b[1]], b[0], b[1], m.group(0), m.start(),
                                         m.end(), c0, c1, section=sent.section))
                    r = _reason(text, m.end(), c1)
                    status = _status(text, max(c0, min(subj[1], m.start()) if subj[1] <= m.start() else c0), m.start())
                    if status == "done" and (_not_yet(text, m, c1, action, subj) or _dated_later(text, m, c1, action)):
                        status = "planned"
                    out.append(Event("medication", action, text[subj[0]:subj[1]], subj[0], subj[1], m.group(0),
                                     m.start(), m.end(), c0, c1, *(r or (None, -1, -1)), section=sent.section,
                                     status=status))
    return _dedupe(out)


def _not_yet(text: str, cue: re.Match, clause_end: int, action: str, subj: tuple[int, int]) -> bool:
    """Whether a cue is in the future or conditional: right after its drug and "to" ("Iron to
    start at 4 weeks"; "admitted to start IV ceftriaxone" is no plan), after a "to" that opens a
    fragment ("- to start this evening") or after the lexicon's
    `event_status.planned_before` ("due to start"); a cue in its plain form before
    `conditional_after` ("start if the level ...", not "withheld when INR was 5.2": `past_forms`);
    or a prescription (`prescribing`) whose clause says it has not started yet (`not_yet_started`)."""
    lex = lexicon()
    if subj[1] <= cue.start() and re.fullmatch(r"\s+to\s+", text[subj[1]:cue.start()]):
        return True
    if re.search(r"(?:^|[-\u2013;:,(])[ \t]*to\s+$", text[max(0, cue.start() - 8):cue.start()]):
        return True  # a plan's fragment: "prescribed - to start this evening"
    if re.search(r"\b(?:" + lex.words_alternation("event_status", "planned_before") + r")\s+$",
                 text[max(0, cue.start() - 16):cue.start()], re.I):
        return True
    cond = lex.words_alternation("event_status", "conditional_after")
    if re.search(r"\b(?:" + lex.words_alternation("event_status", "planned_if_conditional") + r")\s+$",
                 text[max(0, cue.start() - 16):cue.start()], re.I) and \
            re.search(r"\b(?:" + cond + r")\b", text[cue.end():clause_end], re.I):
        return True  # "Senna to be started if no bowel opening by day 3" ("noted to be started ... last month" was)
    word = cue.group(0).lower()
    past = word.endswith("ed") or lex.words_re("event_status", "past_forms").fullmatch(word)
    # (the drug and its dose may stand between: "Restart apixaban 5 mg BID after the control MRI")
    if action in ("started", "resumed"):
        cond += "|" + lex.words_alternation("event_status", "start_conditional_after")
    # ("once daily" is a schedule, no condition)
    if not past and re.match(r"(?:[ \t]+[\w./-]+){0,5}?[ \t]*(?:" + cond + r")\b(?![ \t]+(?:" +
                             lex.words_alternation("event_status", "schedule_after_condition") + r")\b)",
                             text[cue.end():clause_end], re.I):
        return True
    return action == "started" and bool(lex.words_re("event_status", "prescribing").fullmatch(word)) and \
        lex.words_re("event_status", "not_yet_started").search(text, cue.end(), clause_end) is not None


def _dated_later(text: str, cue: re.Match, clause_end: int, action: str) -> bool:
    """A start dated after the note's own date ("Start entecavir 0.5 mg daily 27/04/2336" in a
    letter of 26/04/2336): a plan. (The note's date is read only for a start whose clause has a
    date, and once per note: note_date is cached.)"""
    from clinqa.document.time import DATE, comparable, time_key

    if action not in ("started", "resumed"):
        return False
    for d in DATE.finditer(text, cue.end(), clause_end):
        key = time_key(d.group(0))
        written = note_date(text) if key and key[0] else None
        if written is not None and comparable(key, written) and key[:3] > written[:3]:
            return True
    return False


def _status(text: str, a: int, cue_start: int) -> str:
    """Whether the words before a cue (back to its drug, or to the clause's start, 40 characters
    at most) say the event did not happen or is only considered."""
    before = text[max(a, cue_start - 40):cue_start]
    lex = lexicon()
    if lex.words_re("event_status", "negated").search(before):
        return "negated"
    if lex.words_re("event_status", "hypothetical").search(before):
        return "hypothetical"
    return "done"


def _status_reason(status: Item) -> tuple[str, int, int] | None:
    """The reason a status cell gives: its parentheses ("STOP (eGFR 58, dyspepsia)") or the words
    after a dash ("STOPPED - caused DKA")."""
    m = re.search(r"\(([^()]{2,})\)|[ \t][-–—:][ \t]+(.{2,})$", status.text)
    if m is None:
        return None
    g = 1 if m.group(1) else 2
    return m.group(g).strip(), status.start + m.start(g), status.start + m.start(g) + len(m.group(g).strip())


def _in_parentheses(text: str, start: int, pos: int) -> bool:
    before = text[start:pos]
    return before.count("(") > before.count(")")


def _header_action(header: str) -> str | None:
    lex = lexicon()
    # "D/C meds:" is the discharge list ("d/c" a moment there), "D/C'd meds:" a stopped one
    header = lex.words_re("moments", "discharge").sub(lambda m: m.group(0) if header[m.end():m.end() + 1] in "'’" and
                                                      m.end() < len(header) else " ", header)
    for action in _ACTIONS:
        if lex.words_re("events", action).search(header):
            return action
    return None


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for m in _CLAUSE_END.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if end > pos:
        out.append((pos, end))
    return out


def _reason(text: str, after: int, clause_end: int) -> tuple[str, int, int] | None:
    """The words after a reason cue ("due to the ulcer", "for rate control") up to the clause's end."""
    m = lexicon().words_re("reasons", "cue").search(text, after, clause_end)
    if not m or m.start() - after > 40:
        return None
    s = m.end()
    while s < clause_end and text[s] in " \t":
        s += 1
    e = clause_end
    stop = re.search(r"\s+(?:and\s+(?:was|is|were|then|he|she|they|the patient|\w+ed)|on \d|at (?:the )?same|until|"
                     r"with plan)\b", text[s:e])
    if stop:
        e = s + stop.start()
    while e > s and text[e - 1] in " \t.,;":
        e -= 1
    return (text[s:e], s, e) if e > s else None


def _dedupe(events: list[Event]) -> list[Event]:
    seen = set()
    out = []
    for ev in sorted(events, key=lambda e: (e.subject_start, e.cue_start)):
        k = (ev.subject_start, ev.action, ev.cue_start)
        if k not in seen:
            seen.add(k)
            out.append(ev)
    return out


def smoking_events(text: str, sentences: list[Sentence]) -> list[Event]:
    """The smoking status each sentence about tobacco states: never (a negated subject or a
    "never" cue), former ("quit", "ex-smoker", "former"), current ("smokes", "current"), else
    `unknown` (the subject alone: "Tobacco: 20 pack-years")."""
    lex = lexicon()
    subject = lex.words_re("smoking", "subject")
    relative = re.compile(r"(?<![\w-])(?:" + lex.words_alternation("question_words", "relatives") +
                          r")(?:[ \t]+[\w'-]+){0,2}[ \t]+$", re.I)
    out = []
    for sent in sentences:
        # the whole sentence: "He smoked 20 pack-years but quit in 2001" says former across "but"
        c0, c1 = sent.start, sent.end
        m = subject.search(text, c0, c1)
        if not m or relative.search(text, max(c0, m.start() - 40), m.start()):
            continue  # ("Dad smokes, outside only": a relative's habit)
        clause = text[c0:c1]
        status, cue = "unknown", None
        neg = re.search(r"\b(?:no|denies|denied|negative for|none|not)\b(?:\W+\w+){0,3}?\W+" + re.escape(m.group(0)),
                        clause, re.I) or \
            re.search(re.escape(m.group(0)) + r"\w*(?:\s+\w+){0,2}\s*:?\s*(?:no|none|never|denies|denied|negative)\b",
                      clause, re.I)
        # the first status word said wins: "Current smoker, not ready to quit" is current
        # (a form's option whose box is empty is not said: "[ ] Current   [x] Ex-smoker")
        hits = [(f.start(), name, f) for name in ("never", "former", "current")
                for f in [next((x for x in lex.words_re("smoking", name).finditer(text, c0, c1)
                                if box_before(text, x.start()) is not False), None)] if f]
        if hits:
            _, status, found = min(hits, key=lambda h: h[0])
            cue = (found.start(), found.end())
        if status in ("unknown", "current") and neg:
            status, cue = "never", (c0 + neg.start(), c0 + neg.end())
        daily = _DAILY.get().search(clause) if status == "unknown" and not re.search(r"\bsmoked\b", clause, re.I) and \
            not lex.words_re("smoking", "daily_not_now").search(clause) and \
            not lex.words_re("question_words", "relatives").search(clause) else None
        if daily:  # "Smoker 5 sticks/day x 8 years": a habit of now
            status, cue = "current", (c0 + daily.start(), c0 + daily.end())
        cue = cue or (m.start(), m.end())
        out.append(Event("smoking", status, m.group(0), m.start(), m.end(), text[cue[0]:cue[1]], cue[0], cue[1],
                         c0, c1, section=sent.section))
    return out


# a number, then an amount a day: "5 sticks/day", "1/2 pack/day", "20 cigarettes a day"
_DAILY = PerLexicon(lambda lex: re.compile(r"(?<![\w.])\d+(?:[./]\d+)?[ \t]*(?:" +
                                           lex.words_alternation("smoking", "daily_amount") + r")(?![\w-])", re.I))


def procedure_events(text: str, sentences: list[Sentence]) -> list[Event]:
    """Procedures said done ("underwent an EGD", "EGD was performed"), for later ("colonoscopy is
    planned", "scheduled for a stress test") or not done ("Colonoscopy: not performed", "echo was
    cancelled": performed with status "negated"): the cue and the few words it governs. "Not done"
    is looked for first, so "was not performed" is never a procedure performed."""
    lex = lexicon()
    out = []
    for sent in sentences:
        for c0, c1 in _clauses(text, sent.start, sent.end):
            for cues, action, status in (("not_done", "performed", "negated"), ("planned", "planned", "done"),
                                         ("performed", "performed", "done"), ("planned_last", "planned", "done")):
                m = lex.words_re("procedures", cues).search(text, c0, c1)
                if not m or (cues == "planned_last" and (not _LAST_OF_CLAUSE.get().match(text, m.end(), c1)
                                                         or re.search(r"\bas\s+(?:\w+\s+)?$", text[c0:m.start()], re.I))):
                    # ("IV iron suggested to the team" proposes, "CXR suggested consolidation" found it;
                    # "as clinically suggested": done as someone said)
                    continue
                # what was not done is named before the cue ("Repeat CXR not done given ..."), what
                # is done or planned mostly after it ("underwent an EGD", "scheduled for a stress test")
                subj = _governed(text, c0, c1, m.start(), m.end(), before_first=status == "negated" or cues == "planned_last")
                if subj:
                    out.append(Event("procedure", action, text[subj[0]:subj[1]], subj[0], subj[1], m.group(0),
                                     m.start(), m.end(), c0, c1, section=sent.section, status=status))
                break
    return out + _handed_over(text, sentences)


# a proposal's word ends its clause, or only says to whom or instead of what
_LAST_OF_CLAUSE = PerLexicon(lambda lex: re.compile(
    r"[ \t]*(?:$|[.;,)]|\b(?:" + lex.words_alternation("procedures", "planned_last_then") + r")\b)", re.I | re.M))


def _handed_over(text: str, sentences: list[Sentence]) -> list[Event]:
    """The items of a line whose key hands work on ("Handover to day staff: for physio review,
    TWOC, chase Hb", "Jobs: CT head"; the lexicon's `procedures.plan_keys`): each one planned,
    its clause the item."""
    keys = lexicon().words_alternation("procedures", "plan_keys")
    out = []
    for line in re.finditer(r"^[ \t]*(?:[-*\u2022][ \t]*)?(?:" + keys + r")\b[^:\n]{0,30}:[ \t]*([^\n]+)",
                            text, re.I | re.M):
        key_end = line.start(1)
        sec = next((s.section for s in sentences if s.start <= line.start() < s.end), None)
        for a, b in split_outside_brackets(text, line.start(1), line.end(1), re.compile(r"[,;]")):
            while a < b and text[a] in " \t":
                a += 1
            item = text[a:b].rstrip(" \t.")
            if item:
                out.append(Event("procedure", "planned", item, a, a + len(item), text[line.start():key_end].strip(),
                                 line.start(), key_end, a, a + len(item), section=sec))
    return out


_NP_STOP = re.compile(r"\b(?:is|was|were|are|be|been|will|to|on|in|at|for|with|as|of|by|and|the patient|she|he|"
                      r"they|which|that)\b", re.I)


def _governed(text: str, c0: int, c1: int, s: int, e: int, before_first: bool = False) -> tuple[int, int] | None:
    """The noun phrase a procedure cue governs: the words after it ("underwent [an EGD]"), or
    before it ("[A repeat colonoscopy] is planned"); `before_first` tries the words before first."""
    if before_first:
        return _before(text, c0, s) or _governed(text, c0, c1, s, e)
    after = text[e:c1]
    m = re.match(r"\s*(?:for |an? |the )?((?:[\w/-]+ ){0,3}[\w/-]+)", after)
    if m and m.group(1) and not _NP_STOP.match(m.group(1)):
        words = m.group(1)
        cut = _NP_STOP.search(words)
        words = words[:cut.start()].strip() if cut else words
        if words and len(words) > 2:
            a = e + m.start(1)
            return a, a + len(words)
    return _before(text, c0, s)


def _before(text: str, c0: int, s: int) -> tuple[int, int] | None:
    before = text[c0:s].rstrip(" \t:,")
    cut = max(before.rfind(","), before.rfind(";"))
    if cut >= 0:  # "Troponin elevated, echo not done": only the echo was not done
        c0, before = c0 + cut + 1, before[cut + 1:]
    before = re.sub(r"\s+(?:is|was|were|are|has been|have been|will be|to be|being)$", "", before, flags=re.I)
    words = re.findall(r"[\w/-]+", before)[-4:]
    words = [w for w in words if w.lower() not in ("a", "an", "the", "repeat", "is", "was")
             and not re.fullmatch(r"[\d/-]+", w)]  # nor a date before it ("2201-1-9 Colonoscopy: ...")
    if not words:
        return None
    last = before.rfind(words[-1])
    first = before.rfind(words[0], 0, last + len(words[0]))
    return c0 + first, c0 + last + len(words[-1])
