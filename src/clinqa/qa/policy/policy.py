"""The answer policy: what every reader's raw candidates become before anyone sees them.

`ask`, `extract`, `serve` and `eval qa` all call `AnswerPolicy.decide`, so they cannot disagree:

- yes/no questions (from the question's form, or a concept's `answer_type: yes_no`) are
  answered from the concept's *mentions* in the note (its terms and synonyms, matched with
  medspaCy target rules; no reader pass) and their ConText assertion: `yes`, `no`,
  `uncertain` (possible, hypothetical, historical only, conflicting mentions) or
  `not_mentioned`, with the supporting sentence and its offsets. A family-history mention is
  not a "yes" for the patient;
- typing: a lab/vital question takes a value whose lab name is the asked one (the nearest name
  before it on the same line), never a threshold from the plan ("replete if K < 4"); a dose
  question takes dose + unit; a medication question a span with a drug of the lexicon; a
  diagnosis question never a medication or an allergy line; an allergy question only an
  allergy statement; dates must parse;
- clean spans: list numbering and bullets stripped, never across a section header or a blank
  line, a number extended to its whole unit ("486 mg/dL"); list questions return each item;
- abstention: no candidate of the asked type, or the best one under the calibrated score
  threshold (stored next to the model, tuned by `clinqa eval qa --save-calibration`), or the
  reader's own no-answer score winning, gives `text: None` with the reason;
- categories: a questionnaire concept's declared category as-is; otherwise the category head
  when it is confident, else the weak labeler on the question and the span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from clinqa.document import parse_document
from clinqa.document.kinds import sent_home
from clinqa.document.structure import row_status
from clinqa.document.time import day_first_dates, writes_dotted
from clinqa.lexicon import lexicon
from clinqa.qa.policy.actions import with_actions
from clinqa.qa.policy.allergies import allergy_verdict
from clinqa.qa.policy.asked import AskedFor, asked_for, names_finding, type_name
from clinqa.qa.policy.calibration import Calibration, calibration_for
from clinqa.qa.policy.classes import class_members, class_verdict
from clinqa.qa.policy.clock import timed_mention
from clinqa.qa.policy.constraints import drop_negated, fits, in_indication, note_can_answer
from clinqa.qa.policy.events import (
    EventVerdict,
    asks_plan,
    changed_drugs,
    drug_fate,
    medication_verdict,
    planned_only,
    reason_event,
    smoking_verdict,
    undone_only,
)
from clinqa.qa.policy.dates import dated_mention, moment_date, stay_length
from clinqa.qa.policy.disposition import admission_verdict
from clinqa.qa.policy.headings import Headed, headed, trimmed
from clinqa.qa.policy.grid import table_cell
from clinqa.qa.policy.qualified import counted, qualified_number
from clinqa.qa.policy.keyed import keyed_value, named_number
from clinqa.qa.policy.lab_choice import lab_answers, row_lab
from clinqa.qa.policy.measured import measured_verdict, value_verdict
from clinqa.qa.policy.lists import list_block_for, other_kind_of_list
from clinqa.qa.policy.studies import unnamed_study
from clinqa.qa.policy.unread import NeedsReader, Unread  # noqa: F401 (re-exported)
from clinqa.qa.policy.evidence import as_phrase
from clinqa.qa.policy.spans import (
    clean_span,
    dedupe,
    item_head,
    list_under_header,
    overlap_score,
    sentence_at,
    typed_core,
    whole_compound,
)
from clinqa.qa.policy.forms import RULED_OUT_Q, TERSE_Q, yes_no_target
from clinqa.qa.policy.observations import observation_mentions
from clinqa.qa.policy.partial import part_absent_mentions, part_named
from clinqa.qa.policy.people import person_mention
from clinqa.qa.policy.presentation import instead_of_heading, presentation_answer
from clinqa.qa.policy.rows import checklist_no, form_boxes
from clinqa.qa.policy.results import not_done, study_result
from clinqa.qa.policy.sig import sig_answer
from clinqa.qa.policy.subtype import subtype_checked
from clinqa.qa.policy.time_scope import asks_at_a_moment, asks_current_use, at_the_moment
from clinqa.qa.policy.verdicts import (
    Verdict,
    absent_mentions,
    aggregate,
    find_mentions,
    not_done_after,
    word_mentions,
)
from clinqa.text.glossary import mentions_class
from clinqa.text.vocab import drugs_in, words
from clinqa.types import VERDICTS, Answer, Note, Sentence  # noqa: F401 (VERDICTS re-exported)

CATEGORY_CONFIDENCE = 0.5  # below this the category head yields to the weak labeler
# Answers found by the note's structure and the lexicon, not by the reader's score: a lab value
# under its lab's name, the date in the sentence naming the event, the one member of the asked
# drug class. The score threshold does not apply to them.
STRUCTURAL = ("+lab-name", "+dated", "+drug-class", "+sig", "+heading", "+presentation", "+results", "+field")


@dataclass(frozen=True)
class Decision:
    """The final answers (at least one; a no-answer carries `reason`), the verdict for yes/no
    questions, and what the question was taken to ask for."""

    answers: list[Answer]
    asked: AskedFor
    verdict: Verdict | None = None

    @property
    def reason(self) -> str | None:
        return self.answers[0].reason if self.answers and self.answers[0].is_no_answer else None

    @property
    def gate_score(self) -> float:
        """What the calibrated score threshold compares: -1 for an abstention (always abstains),
        +inf for answers whose evidence is a mention or a name (verdicts, lab values found by
        their lab name, a list under its header), else the best answer's probability."""
        a = self.answers[0]
        if a.is_no_answer:
            return -1.0
        if self.verdict is not None or a.method.endswith(STRUCTURAL + ("+list-header", "+events")):
            return float("inf")
        return float(max(x.score for x in self.answers))


class AnswerPolicy:
    def __init__(self, calibration: Calibration | None = None, *, labeler=None,
                 category_confidence: float = CATEGORY_CONFIDENCE):
        from clinqa.qa.categories import WeakLabeler

        self.calibration = calibration or Calibration()
        self.labeler = labeler or WeakLabeler()
        self.category_confidence = category_confidence

    @classmethod
    def for_reader(cls, reader, questionnaire: bool = False) -> AnswerPolicy:
        return cls(calibration_for(reader).for_questionnaire() if questionnaire else calibration_for(reader))

    def warm_up(self) -> AnswerPolicy:
        """Load what the policy loads lazily (drug lexicon, ICD-10-CM terms, spaCy/ConText,
        language detection) now: a server's first request must not pay seconds for it while
        other requests wait (measured: 8 small requests beside a huge note took 12.8 s cold)."""
        note = Note("warm-up", "MEDICATIONS:\n1. Metformin 500 mg daily\nPotassium 4.1 mmol/L. No fever. "
                               "History of hypertension.")
        from clinqa.text import segment

        sentences = segment(note.text, note.id)
        for q in ("What medications?", "Does the patient have a fever?", "What was the potassium?",
                  "What is the past medical history?"):
            self.decide(note, q, [], sentences)
        return self

    def asked_for(self, question: str, concept=None, language: str | None = None) -> AskedFor:
        """What `question` asks for (see `asked.asked_for`)."""
        return asked_for(question, concept, language)

    # .................................................................. deciding
    def decide(self, note: Note, question: str, answers: list[Answer], sentences: list[Sentence], *,
               null_minus_best: float | None = None, concept=None, language: str | None = None,
               top_k: int = 1, asked: AskedFor | None = None) -> Decision:
        """Final answers from a reader's candidates (best first, as many as it gave)."""
        # the question's dates are read in the note's own order ("K on 11-10?" in a note of "13-10")
        day_first = bool(note.text.strip()) and parse_document(note.text, note.id, sentences).day_first
        with day_first_dates(day_first, writes_dotted(note.text)):
            return self._decide(note, question, answers, sentences, null_minus_best=null_minus_best, concept=concept,
                                language=language, top_k=top_k, asked=asked)

    def _decide(self, note: Note, question: str, answers: list[Answer], sentences: list[Sentence], *,
                null_minus_best: float | None, concept, language: str | None, top_k: int,
                asked: AskedFor | None) -> Decision:
        asked = asked or self.asked_for(question, concept, language)
        if isinstance(answers, Unread):
            method, raw = answers.method, answers  # any look at the candidates raises NeedsReader
        else:
            method = next((a.method for a in answers if a.method), "")
            raw = [a for a in answers if not a.is_no_answer]
        if asked.note_kinds and note.text.strip():
            kind = parse_document(note.text, note.id, sentences).kind
            if kind != "unknown" and kind not in asked.note_kinds and not (
                    "emergency_discharged" in asked.note_kinds and kind == "emergency" and sent_home(note.text)):
                why = (f"the concept applies to {' or '.join(k.replace('_', ' ') for k in asked.note_kinds)}; "
                       f"this note reads as a {kind.replace('_', ' ')}")
                v = Verdict("not_mentioned", why) if asked.answer_type == "yes_no" else None
                return Decision([_abstain(note, method, why)], asked, v)
        if asked.heading and asked.answer_type != "yes_no" and note.text.strip():
            doc = parse_document(note.text, note.id, sentences)
            got = headed(doc, asked.heading, asked.heading_part, asked.is_list)
            if isinstance(got, Headed) and got.start < 0:
                return Decision([_abstain(note, method, got.why)], asked)
            how = "+heading"
            if got is None:  # no such heading: the one-liner may say it ("admitted with DKA")
                got = instead_of_heading(doc, asked.heading, asked.is_list)
                how = "+presentation"
            if got is not None:  # the note's own structure says where the answer is
                spans, why = ([(got.start, got.end)], got.why) if isinstance(got, Headed) else \
                    got if isinstance(got, tuple) else (got, f"the items under the note's {asked.heading} heading")
                return self._structural(note, asked, spans, why, (method or "extractive") + how, sentences)
        if asked.answer_type == "yes_no":
            return self._yes_no(note, asked, sentences, method, language)
        if not sentences or not note.text.strip():
            return Decision([_abstain(note, method, "the note has no text to answer from")], asked)
        doc = parse_document(note.text, note.id, sentences)
        why = unnamed_study(note.text, asked.question) or not_done(doc, asked.question)
        if why is not None:
            return Decision([_abstain(note, method, why)], asked)
        shown = study_result(doc, asked.question) if asked.answer_type == "span" and not asked.is_list else None
        if shown is not None:  # "What did the chest x-ray show?" on "CXR: small bilateral effusions"
            return self._structural(note, asked, [shown[:2]], shown[2], (method or "extractive") + "+results",
                                    sentences)
        came = presentation_answer(doc, asked)
        if came is not None:
            return self._structural(note, asked, *came, (method or "extractive") + "+presentation", sentences)
        timed = timed_mention(doc, asked.question) or person_mention(doc, asked.question) \
            if asked.answer_type in ("date", "span") and not asked.is_list else None
        if timed is not None:  # "What time did he arrive?", "Who inserted the drain?": the time or name written with it
            return self._structural(note, asked, [timed[:2]], timed[2], (method or "extractive") + "+dated", sentences)
        keyed = keyed_value(note.text, asked.question) if asked.answer_type in ("span", "date") and not asked.lab else None
        if keyed is not None and fits(note, asked, keyed[:2], sentences)[0]:  # "Allergies?" on "Allergies: cotrimoxazole"
            spans = self._item_spans(note, asked, [keyed[:2]], sentences) if asked.is_list else [keyed[:2]]
            return self._structural(note, asked, spans or [keyed[:2]], keyed[2], (method or "extractive") + "+field",
                                    sentences)
        stay = moment_date(doc, asked.question) if asked.answer_type == "date" else None
        if stay is not None:
            return self._structural(note, asked, [stay[:2]], stay[2], (method or "extractive") + "+dated", sentences)
        named = named_number(note.text, asked.question, unit_or_code=asked.answer_type == "span") \
            if asked.answer_type in ("number", "span") and not (asked.lab or asked.is_list) else None
        if named is None and asked.answer_type in ("number", "span") and not (asked.lab or asked.is_list):
            named = table_cell(doc, asked.question, asked.answer_type == "number") or \
                qualified_number(note.text, asked.question) or counted(note.text, asked.question)  # "LAD iFR?"
        if named is not None:  # "ASPECTS?" on "... ASPECTS 9": the one value beside the name
            return self._structural(note, asked, [named[:2]], named[2], (method or "extractive") + "+field", sentences)
        length = stay_length(doc, asked.question) if asked.answer_type == "number" else None
        if length is not None:  # "How many days was the patient in hospital?": the dates' difference
            s0, s1, why, days = length
            a = Answer(text=note.text[s0:s1], start=s0, end=s1, score=0.0, note_id=note.id, reason=why,
                       method=(method or "extractive") + "+dated", value=f"{days} days")
            return Decision([self._finish(note, asked, a, sentences)], asked)
        cal = self.calibration
        if cal.null_threshold is not None and isinstance(answers, Unread):
            raise NeedsReader  # the reader's own no-answer score may decide
        if cal.null_threshold is not None and null_minus_best is not None and null_minus_best > cal.null_threshold:
            return Decision([_abstain(note, method, f"the reader's no-answer score wins (null - best = "
                                                     f"{null_minus_best:.2f} > {cal.null_threshold:.2f})")], asked)
        typed: list[Answer] = []
        rejected: list[str] = []
        fate = drug_fate(doc, asked.question) if asked.answer_type == "span" else None
        if fate is not None:  # "What was done with the ramipril?": the sentence of its last event
            s0, s1 = trimmed(note.text, fate.sentence_start, fate.sentence_end)
            a = Answer(text=note.text[s0:s1], start=s0, end=s1, score=0.0, note_id=note.id,
                       method=(method or "extractive") + "+events",
                       reason=f"the note's last word on {fate.subject} ({fate.action.replace('_', ' ')})")
            return Decision([self._finish(note, asked, a, sentences)], asked)
        why = reason_event(doc, asked.question)
        if why is not None:
            a = Answer(text=note.text[why.reason_start:why.reason_end], start=why.reason_start, end=why.reason_end,
                       score=0.0, note_id=note.id, method=(method or "extractive") + "+events",
                       reason=f"the reason the note gives for {why.action.replace('_', ' ')} {why.subject}")
            return Decision([self._finish(note, asked, a, sentences)], asked)
        if asked.change and asked.answer_type == "span" and not asked.dose:
            changed = changed_drugs(doc, asked.change)
            if asked.drug_stems:  # "Which NSAID was stopped?": the changed drugs of that class
                changed = [c for c in changed if mentions_class(note.text[c[0]:c[1]], asked.drug_stems)]
            if not asked.is_list and (len(changed) > 1 or (drugs_in(words(asked.question)) and not asked.drug_stems)):
                # (the only drug the note says changed answers "What new medication was started?";
                # a question naming its own drug asks something else of it)
                # one drug asked for ("What new heart failure medication...?"): the only one the note
                # says changed, else the one the reader points at; else the reader's own path below
                pointed = [c for c in changed if raw and raw[0].start < c[1] and c[0] < raw[0].end]
                changed = pointed
            if changed:
                changed = [(*whole_compound(note.text, s0, s1), why) for s0, s1, why in changed]
                # a list is every changed drug the note names, no reader's choice (score 0)
                answers = [Answer(text=note.text[s:t], start=s, end=t, note_id=note.id, reason=why,
                                  score=0.0 if asked.is_list else overlap_score(raw, s, t),
                                  method=(method or "extractive") + "+events") for s, t, why in changed]
                return Decision([self._finish(note, asked, a, sentences)
                                 for a in answers[:None if asked.is_list else top_k]], asked)
        sig = sig_answer(doc, asked)
        if sig is not None:
            s0, s1, why = sig
            a = Answer(text=note.text[s0:s1], start=s0, end=s1, note_id=note.id, reason=why,
                       score=0.0 if isinstance(raw, Unread) else overlap_score(raw, s0, s1),
                       method=(method or "extractive") + "+sig")  # the note's lines decide, not the reader
            return Decision([self._finish(note, asked, a, sentences)], asked)
        if not asked.lab and (asked.answer_type == "number" or asked.answer_type == "span" and TERSE_Q.match(question)):
            asked = replace(asked, lab=row_lab(doc, question))  # "FIM total on admission?": a table row's measure
        can, why = note_can_answer(note, asked, sentences)
        if not can:
            return Decision([_abstain(note, method, f"no answer of the asked type ({type_name(asked)}): {why}")], asked)
        if asked.lab:
            typed, why = lab_answers(note, asked, raw, doc, method)
            if not typed:
                return Decision([_abstain(note, method, why or f"no value of {asked.lab} in the note")], asked)
        else:
            if asked.is_list:
                items = self._header_list(note, asked, doc, sentences, method, language)
                if items:
                    return Decision([self._finish(note, asked, a, sentences) for a in items], asked)
            for a in raw:
                c = clean_span(note.text, a.start, a.end, sentences, keep_list=asked.is_list)
                if c is None:
                    continue
                ok, why = fits(note, asked, c, sentences)
                if ok:
                    c = typed_core(note.text, c, asked)
                    typed.append(replace(a, start=c[0], end=c[1], text=note.text[c[0]:c[1]]))
                else:
                    rejected.append(why)
            typed = dedupe(typed)
        if asked.category in ("Diagnosis", "Symptoms"):
            # "No fever, no cough" is not the patient's problem list: a problem the note negates is
            # no answer to "what does the patient have" (yes/no questions say "no" instead).
            typed, negated = drop_negated(note, typed, language), typed
            if len(typed) < len(negated):
                rejected.append(f"{next(a.text for a in negated if a not in typed)!r} is negated in the note")
        if asked.is_list and asked.drug_stems:
            # "What antibiotics...?": every drug of the class the note gives the patient, not the
            # one line a reader points at
            members = class_members(note.text, doc, sentences, asked)
            if members:
                return Decision([self._finish(note, asked, Answer(
                    text=note.text[s0:s1], start=s0, end=s1, note_id=note.id, reason=why, score=0.0,
                    method=(method or "extractive") + "+drug-class"), sentences) for s0, s1, why in members], asked)
        if asked.is_list:
            items = self._list_items(note, asked, typed, sentences, method)
            if asked.category in ("Diagnosis", "Symptoms"):
                items = drop_negated(note, items, language)
            if items and (items[0].method.endswith("+list-header") or _passes(items, asked, cal)):
                return Decision([self._finish(note, asked, a, sentences) for a in items], asked)
        if asked.drug_stems and not asked.is_list:  # (a list's members: above)
            # the one drug of the asked class the patient is on answers before the reader's pick
            members = [Answer(text=note.text[s0:s1], start=s0, end=s1, note_id=note.id, reason=why,
                              score=overlap_score(raw, s0, s1), method=(method or "extractive") + "+drug-class")
                       for s0, s1, why in class_members(note.text, doc, sentences, asked)]
            typed = members or typed
        threshold = cal.threshold_for(asked)
        unsure = not typed or (threshold is not None and not typed[0].method.endswith(STRUCTURAL)
                               and typed[0].score < threshold)
        if unsure and asked.answer_type == "date":
            # no date the reader is sure of: the date written with the question's concept
            dated = dated_mention(doc, asked.question)
            if dated is not None:
                s0, s1, why = dated
                typed = [Answer(text=note.text[s0:s1], start=s0, end=s1, note_id=note.id, reason=why,
                                score=overlap_score(raw, s0, s1),
                                method=(method or "extractive") + "+dated")]
        if not typed:
            why = rejected[0] if rejected else "the reader found no span"
            return Decision([_abstain(note, method, f"no answer of the asked type ({type_name(asked)}): {why}")], asked)
        best = typed[0]
        structural = best.method.endswith(STRUCTURAL)
        if threshold is not None and not structural and best.score < threshold:
            return Decision([_abstain(note, method, f"score {best.score:.3f} is under the calibrated threshold "
                                                     f"{threshold:.3f} ({cal.source})", best.score)], asked)
        return Decision([self._finish(note, asked, a, sentences) for a in typed[:top_k]], asked)

    def _structural(self, note: Note, asked: AskedFor, spans, why: str, method: str, sentences) -> Decision:
        """Answers the note's structure gives (a heading's content, the one-liner's part), no
        reader's choice: score 0, diagnoses and symptoms the note negates left out ("no known
        CAD" in a history)."""
        answers = [Answer(text=note.text[s0:s1], start=s0, end=s1, score=0.0, note_id=note.id, reason=why,
                          method=method) for s0, s1 in spans]
        if asked.is_list and asked.category in ("Diagnosis", "Symptoms") and len(answers) > 1:
            answers = drop_negated(note, answers, None)
        if not answers:
            return Decision([_abstain(note, method, f"{why}: every item is negated")], asked)
        return Decision([self._finish(note, asked, a, sentences) for a in answers], asked)

    def _header_list(self, note: Note, asked: AskedFor, doc, sentences, method: str,
                     language: str | None) -> list[Answer]:
        """The items of the list under the header that names the question's kind of list
        (`lists.list_block_for`), each of the asked type, negated problems left out; [] when the
        note has no such list or none of its items fits. The structure gives them, not the
        reader: they are decided before any reader pass, and their score is 0."""
        block = list_block_for(doc, asked.question)
        if block is None:
            return []
        why = f"an item of the list under {block.header.strip()!r}"
        lex = lexicon()
        asked_events = lex.names_in("events", asked.question)
        # an item the list marks stopped or held ("STOPPED  Simvastatin 20 mg") is not taken, unless asked
        kept = []  # (a table's row: its words before its status cell)
        for it in block.items:
            cell, end = row_status(note.text, block, it)
            status = re.sub(r"\([^()]*\)", " ", cell.text if cell else "")  # ("RESUMED (was held)": resumed)
            if not (lex.names_in("events", status) & {"stopped", "held"}) - asked_events:
                kept.append((it.start, end))
        items = [Answer(text=note.text[c[0]:c[1]], start=c[0], end=c[1], score=0.0, note_id=note.id, reason=why,
                        method=(method or "extractive") + "+list-header") for c in self._item_spans(
                            note, asked, kept, sentences)]
        return drop_negated(note, items, language) if asked.category in ("Diagnosis", "Symptoms") else items

    def _item_spans(self, note: Note, asked: AskedFor, spans, sentences) -> list[tuple[int, int]]:
        """Each list item's cleaned head, when it is of the asked type."""
        out = []
        for s0, s1 in spans:
            c = clean_span(note.text, s0, s1, sentences)
            if c is None:
                continue
            c = item_head(note.text, c, asked)
            if fits(note, asked, c, sentences)[0]:
                out.append(c)
        return out

    def _list_items(self, note, asked, typed: list[Answer], sentences, method: str) -> list[Answer]:
        """Every item of the list the answer sits in (the first typed candidate inside a list,
        else the list under the header that shares most words with the question), each of the
        asked type, in note order; [] when there is no such list. (The document's header lists
        were tried before reading: `_header_list`.)"""
        anchor = next((i for a in typed for i, s in enumerate(sentences)
                       if s.start <= a.start < s.end and s.kind == "list_item"), None)
        how = "+list"
        if anchor is None:
            anchor, how = list_under_header(asked.question, sentences), "+list-header"
        if anchor is None:
            return []
        lo = hi = anchor
        sec = sentences[anchor].section
        while lo > 0 and sentences[lo - 1].kind == "list_item" and sentences[lo - 1].section == sec:
            lo -= 1
        # what names the list: its own header line and its section's category ("problem_list")
        header = " / ".join(filter(None, (sentences[lo - 1].text if lo > 0 and sentences[lo - 1].kind == "header"
                                          else None, (sec or "").replace("_", " "))))
        if how == "+list" and other_kind_of_list(header, asked.question):
            return []  # the reader's span sits in a list of another kind ("Diagnoses" for procedures)
        while hi + 1 < len(sentences) and sentences[hi + 1].kind == "list_item" and sentences[hi + 1].section == sec:
            hi += 1
        spans = [(s.start, s.end) for s in sentences[lo:hi + 1]]
        return [Answer(text=note.text[c[0]:c[1]], start=c[0], end=c[1], score=overlap_score(typed, *c), note_id=note.id,
                       method=(method or "extractive") + how) for c in self._item_spans(note, asked, spans, sentences)]

    def _finish(self, note: Note, asked: AskedFor, a: Answer, sentences) -> Answer:
        from clinqa.text.assertion import assert_spans

        sent = sentence_at(sentences, a.start)
        sid = sent.id if sent else None
        assertion = assert_spans(note.text, [(a.start, a.end)])[0] if a.end > a.start else None
        category, probs, source = self.category(asked, a)
        return replace(a, assertion=assertion, sentence_id=sid, evidence_ids=(sid,) if sid else (),
                       category=category, category_probs=probs, category_source=source)

    def category(self, asked: AskedFor, a: Answer) -> tuple[str | None, dict[str, float], str]:
        """Declared > the question's own category (what it asks for, emrQA's way) > confident
        head > weak labeler on the question and the span. The third item says which of these
        decided, so a reader of the answer can tell a rule's category from a model's guess."""
        if asked.category_declared:
            return asked.category, a.category_probs, "questionnaire: the concept declares it"
        if asked.asks is not None:
            return asked.asks.label, a.category_probs, f"question: {asked.asks.rule}"
        probs = a.category_probs or {}
        if probs and max(probs.values()) >= self.category_confidence:
            return max(probs, key=probs.get), probs, "category head"
        dist = self.labeler.label(a.text or "", asked.question)
        label = max(dist, key=lambda c: (dist[c], c != "Other"))
        return label, probs or {c: round(p, 4) for c, p in dist.items()}, "weak labeler on the question and answer"

    # .................................................................. yes/no
    def _yes_no(self, note: Note, asked: AskedFor, sentences, method: str,
                language: str | None = None) -> Decision:
        d = self._concept_verdict(note, asked, sentences, method, language)
        if RULED_OUT_Q.search(asked.question) and d.verdict is not None and d.verdict.verdict in ("yes", "no"):
            # "Was PE ruled out?": yes when the note says PE is absent, no when it says present
            turned = "yes" if d.verdict.verdict == "no" else "no"
            why = f"the question asks whether it was ruled out, and the note says it is {'absent' if turned == 'yes' else 'present'}"
            d = replace(d, verdict=replace(d.verdict, verdict=turned, reason=f"{why} ({d.verdict.reason})"))
        return as_phrase(note.text, subtype_checked(note.text, asked.question, d))  # "Type 1 DM?" on "type 2 DM"

    def _concept_verdict(self, note: Note, asked: AskedFor, sentences, method: str,
                         language: str | None = None) -> Decision:
        doc = parse_document(note.text, note.id, sentences)
        ev = allergy_verdict(doc, asked.question) or medication_verdict(doc, asked) or smoking_verdict(doc, asked) \
            or admission_verdict(doc, asked.question) or value_verdict(doc, asked.question)
        if ev is not None:
            return self._event_decision(note, asked, sentences, method, ev)
        if not asked.terms:
            v = Verdict("not_mentioned", "the question names no concept to look for (give the concept synonyms)")
            return Decision([_abstain(note, method, v.reason)], asked, v)
        found = find_mentions(note.text, asked.terms, sentences, language)
        if found and not asked.family and (asks_at_a_moment(asked.question) or all(
                drugs_in(words(note.text[m.start:m.end])) for m in found)):
            # "Is he still on a sulfonylurea?": every member stopped answers no, whatever the class's name
            # says; so does a class found only by its members' names (a concept's synonyms), every one
            # of them prophylactic, held or stopped ("enoxaparin 40 mg SC daily (VTE prophylaxis)")
            on_class = class_verdict(note.text, doc, sentences, asked.question)
            if on_class is not None and on_class.verdict == "no":  # (a yes is the mentions' to give)
                return self._event_decision(note, asked, sentences, method, on_class)
        # mentions that say nothing of the patient ("paracetamol PRN for fever", a relative's) leave
        # the question to the note's values and words of absence
        patients = [m for m in found if m.assertion not in ("hypothetical", "family")]
        if not patients and not asked.family:  # "T 38.4" is a fever, though the note never says the word
            on_value = measured_verdict(doc, asked.terms, asked.question)
            if on_value is not None:
                return self._event_decision(note, asked, sentences, method, on_value)
        if not patients and not asked.family:  # "afebrile" says there is no fever
            found = found + absent_mentions(note.text, asked.terms, sentences, language)
        # (a target the question's words named as another group's is no word to look for: "a temperature")
        target = t if (t := yes_no_target(asked.question)) and t in asked.terms else None
        if target:  # the question's abbreviations in capitals ("head CT") stay words of its concept
            caps = {w.lower(): w for w in re.findall(r"(?<![\w-])[A-Z]{2}(?![\w-])", asked.question)}
            target = re.sub(r"(?<![\w-])[a-z]{2}(?![\w-])", lambda m: caps.get(m.group(0), m.group(0)), target)
        if not found and target and not (asked.action and drugs_in(words(target))):
            # with an action, only a sentence that holds every word of the concept (a drug's start
            # or stop is its events': medication_verdict)
            found = word_mentions(note.text, target, sentences, language, whole_only=bool(asked.action))
        if not found and not asked.family:
            on_class = class_verdict(note.text, doc, sentences, asked.question)
            if on_class is not None:  # "Is the patient on a statin?" on "rosuvastatin 20 mg daily"
                return self._event_decision(note, asked, sentences, method, on_class)
        if not found and target and not asked.action and not asked.family:
            found = observation_mentions(note.text, target, language, doc.kind == "radiology")
        partial = None
        if target and not asked.family and all(m.assertion == "family" for m in found):
            # negated or possible: whatever the action asked ("bowel cancer" of a father, and "cancer to be excluded")
            part = part_absent_mentions(note.text, asked.question, target, sentences, language)
            found, partial = found + part, (part[0] if part else None)
        mentions = [replace(m, section="indication") if in_indication(doc, m.start) else m for m in found]
        # a checklist row marked NO or N/A says so before any plan word on it ("Warfarin clinic booked   x" under N/A)
        mentions = [checklist_no(note.text, m) for m in mentions]
        # (a finding is no plan: "Cardiology review requested for ongoing palpitations" says he has them)
        plan = None if any(names_finding(t) for t in asked.terms) else \
            planned_only(doc, [m.start for m in mentions if m.assertion in ("present", "possible")])
        if plan is not None and not any(m.assertion == "negated" for m in mentions):
            # "Was the EGD done?" on a plan is a no; "Is an EGD planned?" a yes
            verdict = ("yes", f"planned ({plan.cue!r})") if asks_plan(asked.question) else \
                ("no", f"only planned ({plan.cue!r}), not done yet")
            return self._event_decision(note, asked, sentences, method, EventVerdict(
                *verdict, plan.sentence_start, plan.sentence_end, plan))
        # (a plan question is not answered by "postponed": it may be rebooked)
        undone = None if asks_plan(asked.question) else \
            undone_only(doc, [m.start for m in mentions if m.assertion == "present"])
        if undone is not None and not any(m.assertion == "negated" for m in mentions):
            return self._event_decision(note, asked, sentences, method, EventVerdict(
                "no", f"the note says it was not done ({undone.cue!r})", undone.sentence_start,
                undone.sentence_end, undone))
        tested = bool(asked.action) or bool(lexicon().words_re("question_words", "test_done").search(asked.question))
        mentions = [form_boxes(note.text, not_done_after(note.text, sentences, m), not tested) for m in mentions]
        if asked.action:
            mentions = with_actions(mentions, note.text, sentences, asked.action)
            if mentions and all(m.assertion == "hypothetical" for m in mentions):
                # "Was a CT angiogram performed?" on "CT angio only if rebleed": only considered, not done
                m = mentions[0]
                return self._event_decision(note, asked, sentences, method, EventVerdict(
                    "no", "the note names it only as considered or conditional, not done", m.cue_start, m.cue_end, None))
        if asks_at_a_moment(asked.question):  # "at discharge" after "weaned off by day 4", "afebrile since"
            mentions = at_the_moment(note.text, sentences, mentions, absent_mentions(
                note.text, asked.terms, sentences, language) if mentions and not asked.family else [],
                last_word=not asks_current_use(asked.question))
        if not mentions and target and not asked.family and not asked.action:
            named = part_named(note.text, asked.question, target, sentences, language)
            mentions = [named] if named is not None else []
            if named is not None:
                return self._event_decision(note, asked, sentences, method, EventVerdict(
                    "uncertain", f"the note names {note.text[named.start:named.end]!r} but not {target!r} in the "
                    "question's words: a clinician must look", named.start, named.end, None))
        if not mentions:
            v = Verdict("not_mentioned", f"none of {', '.join(repr(t) for t in asked.terms[:6])} occurs in the note")
            return Decision([_abstain(note, method, v.reason)], asked, v)
        verdict, chosen, reason = aggregate(mentions, asked, note.text)
        if partial is not None:
            reason = f"the note names {note.text[partial.start:partial.end]!r} of {target!r} only as " \
                     f"{'possible' if partial.assertion == 'possible' else 'absent or not done'}; {reason}"
        c = (chosen.cue_start, chosen.cue_end)
        v = Verdict(verdict, reason, c[0], c[1], note.text[c[0]:c[1]], note.text[chosen.start:chosen.end],
                    chosen.start, chosen.end, chosen.assertion, len(mentions))
        if verdict == "not_mentioned":
            # mentioned only for a relative or as a hypothetical: "not in this note" for the
            # patient, so no answer text (the verdict keeps where the mention is)
            return Decision([_abstain(note, method, f"{reason}: {note.text[c[0]:c[1]]!r}")], asked, v)
        a = Answer(text=v.text, start=c[0], end=c[1], score=0.0, note_id=note.id, assertion=chosen.assertion,
                   method=(method or "extractive") + "+mentions")
        a = self._finish(note, asked, a, sentences)
        return Decision([replace(a, assertion=chosen.assertion)], asked, v)

    def _event_decision(self, note: Note, asked: AskedFor, sentences, method: str,
                        ev) -> Decision:
        """A verdict the document's events give, with the event's words as its evidence."""
        s, t = ev.start, ev.end
        while t > s and note.text[t - 1] in " \t\n.;,":
            t -= 1
        assertion = {"yes": "present", "no": "negated"}.get(ev.verdict, "possible")
        v = Verdict(ev.verdict, ev.reason, s, t, note.text[s:t], ev.event.subject if ev.event else None,
                    ev.event.subject_start if ev.event else -1, ev.event.subject_end if ev.event else -1,
                    assertion, 1)
        a = Answer(text=note.text[s:t], start=s, end=t, score=0.0, note_id=note.id, assertion=assertion,
                   method=(method or "extractive") + "+events")
        a = self._finish(note, asked, a, sentences)
        return Decision([replace(a, assertion=assertion)], asked, v)


def _passes(items: list[Answer], asked: AskedFor, cal: Calibration) -> bool:
    threshold = cal.threshold_for(asked)
    return threshold is None or max(a.score for a in items) >= threshold


def _abstain(note: Note, method: str, reason: str, score: float = 0.0) -> Answer:
    return replace(Answer.no_answer(note.id, score, method), reason=reason)
