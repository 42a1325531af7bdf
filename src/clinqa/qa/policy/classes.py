"""A drug-class question answered from the note's drugs: "What anticoagulant does the patient
take?" is answered by the drugs of that class the note names (the drug lexicon finds them, the
class's name stems in lexicon/data/drug_classes.yaml decide membership), when the reader's own
candidates hold none. Each member comes with its dose and schedule as written; several distinct
members are told apart by the question's words in their sentence and section title ("discharged
on" -> the discharge list), and a tie is no answer rather than a guess.
"""

from __future__ import annotations

import re

from clinqa.document import ClinicalDocument
from clinqa.document.events import drug_spans
from clinqa.lexicon import PerLexicon, lexicon
from clinqa.qa.policy.asked import AskedFor
from clinqa.qa.policy.forms import terse_class
from clinqa.qa.policy.spans import line_span, sentence_at, whole_compound
from clinqa.qa.policy.time_scope import ended_cue
from clinqa.qa.policy.rows import row_said
from clinqa.qa.policy.titled import in_titled_section
from clinqa.qa.policy.verdicts import Mention, concept_stems, not_done_after, stems_in
from clinqa.text.glossary import mentions_class
from clinqa.text.shapes import ALLERGY_TEXT, DOSE, SIG
from clinqa.types import Sentence


def class_members(text: str, doc: ClinicalDocument, sentences: list[Sentence], asked: AskedFor
                  ) -> list[tuple[int, int, str]]:
    """(start, end, why) of the asked class's members, best first: [] when the note names none,
    or when two different drugs fit the question equally well (and it does not ask for a list)."""
    if not asked.drug_stems or asked.change:
        return []  # a question about a change is answered from the note's events (events.changed_drugs)
    stems = concept_stems(asked.question)
    leaving = bool(ON_NOW.search(asked.question) or lexicon().words_re("question_words", "going_home").search(asked.question))
    found: list[tuple[int, int, int, str]] = []  # (start, end, words of the question around it, drug)
    tested = lexicon().words_re("susceptibility", "cues")
    for s in sentences:
        if s.kind == "header" or ALLERGY_TEXT.search(s.text) or in_titled_section(text, s.start, s.section, "allerg"):
            continue
        for d0, d1, name in drug_spans(text, s.start, s.end):
            if not mentions_class(text[d0:d1], asked.drug_stems) or tested.search(text, s.start, d0):
                continue  # (a drug after "resistant to" / "sensitive to" is a culture's result)
            d0, d1 = whole_compound(text, d0, d1)
            end = _dose_end(text, d1, s.end)
            sec = doc.section_at(d0)
            around = len(stems_in(text, s.start, s.end, stems)) + \
                (len(stems_in(sec.title, 0, len(sec.title), stems)) if sec is not None and sec.title else 0) + \
                (1 if leaving and _in_discharge_list(doc, d0) else 0)  # "going home on": the discharge list's
            found.append((d0, end, around, name))
    if not found:
        return []
    # a drug the note stopped or held, or names only for a relative, as a possibility or a plan,
    # is not one the patient is on
    assertions = drug_assertions(text, sentences, [(a, b) for a, b, _, _ in found])
    # (a list asked in the past, "What antibiotics was he treated with?", keeps those stopped since)
    # (so does a question in the past, "Which tetracycline did he receive?")
    past = (asked.is_list or bool(lexicon().words_re("question_words", "past_asking").search(asked.question))) and \
        not ON_NOW.search(asked.question)
    off = (set() if past else _stopped_drugs(doc)) | _planned_drugs(doc)
    if leaving:  # "No aspirin on discharge (single pre-hospital dose only)": not one he goes home on
        off = set(off) | {f[3] for f, a in zip(found, assertions) if a == "negated" and _names_discharge(text, f[0])}
    found = [f for f, a in zip(found, assertions) if a == "present" and f[3] not in off
             and row_said(text, f[0]) is None]  # (a table row "Enoxaparin  40 mg  Postnatal only - planned")
    if not past:  # a course its clause says ended is none he is on now ("fluconazole 50 mg for 7 days (completed)")
        found = [f for f in found if ended_cue(text, sentences, Mention(f[0], f[1], "present", None, f[0], f[1])) is None]
    if not found:
        return []
    if asked.is_list:
        seen: dict[str, tuple[int, int, int, str]] = {}
        for f in found:
            seen.setdefault(f[3], f)
        spans = {}  # one item per span: a combination's two drugs are one line
        for a, b, _, name in seen.values():
            spans.setdefault((a, b), name)
        return [(a, b, f"{name}: of the asked class ({_class_words(asked)[0]}) in the note") for (a, b), name in spans.items()]
    best = max(f[2] for f in found)
    top = [f for f in found if f[2] == best]
    if len({f[3] for f in top}) > 1 and len({f[:2] for f in top}) > 1:
        return []  # two different drugs fit the question as well: no guess (a combination's two are one)
    a, b, _, name = top[0]
    return [(a, b, f"{name}: the one drug of the asked class ({_class_words(asked)[0]}) that fits the question")]


def drug_assertions(text: str, sentences: list[Sentence], spans: list[tuple[int, int]]) -> list[str]:
    """ConText's assertion of each drug mention, read with the words of what a drug prevents blanked
    out (the lexicon's `event_status.purpose`: medspaCy's rules read "DVT prophylaxis" as no DVT,
    and so "enoxaparin 40 mg (VTE prophylaxis)" as no enoxaparin), and a not-done word after it in
    its sentence a negation ("Cefalexin not required")."""
    from clinqa.text.assertion import assert_spans

    purpose = lexicon().words_re("event_status", "purpose")
    masked = purpose.sub(lambda m: " " * len(m.group(0)), text)
    status = assert_spans(masked, spans)
    out = []
    for (a, b), st in zip(spans, status):
        # a not-done word after another drug is that drug's ("Oral doxycycline (clarithromycin avoided)"):
        # the sentence is read up to the next drug it names
        sent = sentence_at(sentences, a)
        nxt = min((d0 for d0, _, _ in drug_spans(text, b, sent.end)), default=None) if sent else None
        read = text if nxt is None else text[:nxt] + " " * (len(text) - nxt)
        said = not_done_after(read, sentences, Mention(a, b, st, None, a, b)).assertion
        if said == "negated" and st != "negated" and sent is not None and \
                _given_again(text, sentences, b, min(sent.end, nxt or sent.end)):
            said = st  # "Warfarin withheld (INR 5.2), restarted at 3 mg on day 4": given again
        out.append(said)
    return out


def _given_again(text: str, sentences: list[Sentence], start: int, end: int) -> bool:
    """Whether the document's events say a drug was started or resumed (done, not planned: "restart
    when INR < 3" is none) by a cue between `start` and `end`."""
    from clinqa.document import parse_document

    return any(e.kind == "medication" and e.action in ("started", "resumed") and e.status == "done"
               and start <= e.cue_start < end for e in parse_document(text, "", sentences).events)


def _in_discharge_list(doc: ClinicalDocument, pos: int) -> bool:
    """Whether `pos` is in a medication list whose header names the discharge."""
    lex = lexicon()
    b = doc.block_at(pos)
    return bool(b is not None and b.kind == "list" and b.header and lex.names_in("list_headers", b.header)
                & {"medications"} and "discharge" in lex.names_in("moments", b.header))


# a question about the drugs the patient is on now, or leaves with
ON_NOW = re.compile(r"\b(?:is|are)\b[^?]*\bon\b|\bcurrent(?:ly)?\b|\bnow\b|\btak(?:es|ing)\b|\bdischarged?\b|"
                    r"\bstill\b", re.I)


def _names_discharge(text: str, pos: int) -> bool:
    """Whether the line of `pos` names the discharge (the lexicon's `moments.discharge`)."""
    return bool(lexicon().words_re("moments", "discharge").search(text, *line_span(text, pos)))


def _stopped_drugs(doc: ClinicalDocument) -> set[str]:
    """Drugs whose last event in the note is a stop or a hold (the lexicon's event cues, the
    document's STOPPED lists)."""
    last: dict[str, tuple[int, str]] = {}
    for e in doc.events:
        if e.kind == "medication" and e.status == "done":
            # the subject as written and its drug's canonical name ("benzylpenicillin": penicillin g)
            names = {e.subject.lower()} | {n for _, _, n in drug_spans(doc.text, e.subject_start, e.subject_end)}
            for name in names:
                if name not in last or e.subject_start >= last[name][0]:
                    last[name] = (e.subject_start, e.action)
    return {name for name, (_, action) in last.items() if action in ("stopped", "held")}


def _planned_drugs(doc: ClinicalDocument) -> set[str]:
    """Drugs the note's events name only as planned or conditional ("Senna to be started",
    "Restart warfarin tonight after the epidural catheter is removed"): none the patient is on or got."""
    planned, done = set(), set()
    for e in doc.events:
        if e.kind == "medication":
            names = {n for _, _, n in drug_spans(doc.text, e.subject_start, e.subject_end)} | {e.subject.lower()}
            (planned if e.status == "planned" else done).update(names)
    return planned - done


def _dose_end(text: str, start: int, limit: int) -> int:
    """The end of the dose and schedule written right after a drug name ("20 mg once daily")."""
    pos = start
    while pos < limit and text[pos] in " \t":
        pos += 1
    m = DOSE.match(text, pos, limit)
    if m is None:
        return start
    end = m.end()
    sig = SIG.match(text, end, limit)
    if sig is not None and sig.end() > end:
        end = sig.end()
    while end > start and text[end - 1] in " \t,;.":
        end -= 1
    return end


def _class_words(asked: AskedFor) -> list[str]:
    from clinqa.lexicon import lexicon

    q = asked.question.lower()
    return [w for c in lexicon().drug_classes for w in c.question_words if w in q][:1] or ["drug of the class"]


# "Is the patient on a statin?", "Is he still taking a beta-blocker?": a class the patient is on
# the verbs before a drug class that ask whether the patient is on it ("Is he on a statin?", "Did she
# receive antibiotics?"; the lexicon's `question_words.on_class`)
_ON_CLASS = PerLexicon(lambda lex: r"\b(?:" + lex.words_alternation("question_words", "on_class") +
                       r")\s+(?:(?:a|an|any|the|his|her|their)\s+)?")


def _class_field_none(doc: ClinicalDocument, words: list[str]):
    """(key, start, end) of a field named by the class whose value says there is none
    ("Anticoagulants: none"), or None."""
    lex = lexicon()
    absent = lex.words_re("field_values", "absent")
    classes = [c for c in lex.drug_classes if set(c.question_words) & set(words)]
    names = {w.lower() for c in classes for w in c.question_words}
    for b in doc.blocks:
        for it in b.items if b.kind == "fields" else ():
            key = (it.key or "").strip().lower()
            first = re.split(r"[.;,](?:\s|$)", it.text.strip(), maxsplit=1)[0].strip()  # ("none. Prophylactic ...")
            if (key in names or key.rstrip("s") in names) and absent.fullmatch(first):
                end = it.start + len(it.text) - len(it.text.lstrip()) + len(first)
                return it.key, it.key_start, end
    return None


def class_verdict(text: str, doc: ClinicalDocument, sentences: list[Sentence], question: str):
    """A yes/no question whether the patient is on a drug class the note names only by its
    members: yes with the first member the patient is on; no when every member the note names was
    stopped or held; None when the question names no class after "on"/"taking" or the note names
    no member (the mentions decide then)."""
    from clinqa.qa.policy.events import EventVerdict
    from clinqa.text.glossary import drug_class_stems

    q = question.lower()
    terse = terse_class(q)
    words = [w for c in lexicon().drug_classes for w in c.question_words
             if re.search(_ON_CLASS.get() + re.escape(w) + r"s?\b", q) or terse == w] or \
        [c.question_words[0] for c in lexicon().drug_classes if c.question_words and any(
            re.search(r"\b(?:is|are|was|were|remains?|stays?|be)\s+(?:[\w']+\s+){0,2}" + re.escape(w) + r"\b", q)
            or terse == w
            for w in c.state_words)]  # "Is she anticoagulated?", "Anticoagulated?"
    stems = drug_class_stems(" ".join(words)) if words else ()
    if not stems:
        return None
    now = AskedFor(question=question, answer_type="span", drug_stems=stems, is_list=True)
    not_on = _not_on_when(words)  # "enoxaparin 40 mg SC daily (VTE prophylaxis)" is no anticoagulation
    on = _not_on_when(words, "on_when")  # ... unless its clause says treatment ("IV bolus", "for DVT")
    every = class_members(text, doc, sentences, now)
    members = [m for m in every if not _written_with(text, m[0], m[1], not_on) or _written_with(text, m[0], m[1], on)]
    if every and not members:
        a, b, _ = every[0]
        return EventVerdict("no", f"the note's {text[a:b]!r} is written as no use of the class ({words[0]}): "
                                  f"a prophylactic dose or use", a, b, None)
    if members:
        a, b, why = members[0]
        return EventVerdict("yes", why, a, b, None)
    none = _class_field_none(doc, words)
    if none is not None:  # "Anticoagulants: none"
        return EventVerdict("no", f"the note's {none[0]!r} field says none", none[1], none[2], None)
    ever = [m for m in class_members(text, doc, sentences, AskedFor(
        question=f"What {words[0]} was given?", answer_type="span", drug_stems=stems, is_list=True))
        if not _written_with(text, m[0], m[1], not_on) or _written_with(text, m[0], m[1], on)]
    if ever:
        a, b, _ = ever[0]
        return EventVerdict("no", f"the note's {words[0]} ({text[a:b]}) was stopped or held", a, b, None)
    denied = _denied_members(text, sentences, stems)
    if denied:  # every member the note names is one not given ("Ibuprofen avoided (CKD)", "Cefalexin not required")
        a, b = denied[0]
        return EventVerdict("no", f"the note names {text[a:b]!r} of the class ({words[0]}) only as not given", a, b, None)
    return None


def _denied_members(text: str, sentences: list[Sentence], stems: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of the class's members the note names as not given (negated or not done), none
    in an allergy statement; [] when any member is named otherwise (the class's other verdicts
    have read those)."""
    spans = [(d0, d1) for s in sentences if s.kind != "header" and not ALLERGY_TEXT.search(s.text)
             and not in_titled_section(text, s.start, s.section, "allerg")
             for d0, d1, _ in drug_spans(text, s.start, s.end) if mentions_class(text[d0:d1], stems)]
    status = drug_assertions(text, sentences, spans)
    return spans if spans and all(st == "negated" for st in status) else []


def _not_on_when(words: list[str], field: str = "not_on_when") -> re.Pattern | None:
    """The asked classes' words that say a member is no use of the class (the lexicon's
    `not_on_when`; with `field="on_when"`, that it is after all), as one pattern; None when they
    have none."""
    from clinqa.lexicon.model import _word_alternation

    said = [w for c in lexicon().drug_classes if set(c.question_words) & set(words) for w in getattr(c, field)]
    return re.compile(r"(?<![\w-])(?:" + _word_alternation(said) + r")(?![\w-])", re.I) if said else None


def _written_with(text: str, start: int, end: int, words: re.Pattern | None) -> bool:
    """Whether the member at start:end, with its dose, or its clause (between the commas or
    semicolons around it on its line, brackets kept whole) holds one of `words`."""
    if words is None:
        return False
    line0, line1 = line_span(text, start)
    cut = r";|,(?!\d)"  # (not a thousands' comma: "5,000 units")
    before = max((m.end() for m in re.finditer(cut, text[line0:start])), default=0) + line0
    after = re.search(r"(?:" + cut + r")(?![^()]*\))", text[end:line1])
    clause = re.sub(r"\s+", " ", text[before:end + after.start() if after else line1])
    return bool(words.search(clause))
