"""Candidate constraints per answer type: whether a span can answer what was asked (a drug of
the lexicon for a medication, a problem for a diagnosis, a unit of the right dimension...)."""

from __future__ import annotations

import functools
import re

from clinqa.lexicon import lexicon
from clinqa.qa.categories import PROCEDURE, REASON_RULE
from clinqa.qa.policy.asked import AskedFor
from clinqa.qa.policy.forms import START_CUE, STOP_CUE, WHERE_Q
from clinqa.text.shapes import (
    ALLERGY_TEXT,
    DOSE,
    HEADER_LINE,
    PLACEHOLDER,
    THRESHOLD_CUE,
    VALUE,
    PerLexicon,
    unit_re,
)
from clinqa.qa.policy.spans import after_label, between_stops, line_span, sentence_at
from clinqa.text.vocab import words as vocab_words
from clinqa.types import Answer, Note


@functools.lru_cache(maxsize=1)
def problem_terms() -> frozenset[str]:
    from clinqa.text.vocab import icd_terms

    return frozenset(icd_terms())


def has_problem(words: tuple[str, ...]) -> bool:
    from clinqa.text.vocab import ngrams

    terms = problem_terms()
    return any(g in terms for g in ngrams(list(words)))


# Words that make a span a problem even when no ICD-10-CM term matches it whole ("...itis",
# "nodule", "s/p"): the lexicon's disease endings and words.
PROBLEM_WORD = PerLexicon(lambda lex: lex.disease_word_re)


def is_problem(text: str) -> bool:
    """Whether a span names a problem: an ICD-10-CM term, a known clinical abbreviation of one
    ("AF", "DM2", "HTN", "CKD"), or a disease word ("...itis", "nodule", "s/p")."""
    from clinqa.text.vocab import clinical_synonyms

    words = vocab_words(PLACEHOLDER.sub(" ", text))
    if has_problem(words) or any(PROBLEM_WORD.search(w) for w in words):
        return True
    abbreviations = lexicon().problem_abbreviation_set  # "AF", "DM2", "HTN", "CKD"
    if any(w in abbreviations or (w.endswith("s") and w[:-1] in abbreviations) for w in words):
        return True
    return any(has_problem(tuple(syn.split())) for w in words for syn in clinical_synonyms(w))


# an allergy field's value that says there is none ("NKDA", "none", "No known drug allergies ...")
_NO_ALLERGY = PerLexicon(lambda lex: re.compile(
    r"(?:" + lex.words_alternation("allergy", "none_known") + "|" + lex.words_alternation("field_values", "absent") +
    r")(?![\w-])", re.I))


def diagnosis_not_symptom(text: str) -> bool:
    """Whether a span names a disease and no symptom: an ICD-10-CM name outside its chapter of
    symptoms, a problem group or abbreviation of the lexicon ("HTN") or a disease word ("...itis"),
    with no ICD-10-CM symptom, no symptom group of the lexicon and no symptom word
    (`document.symptom_words`: "melaena" and "back pain" are symptoms ICD files elsewhere)."""
    from clinqa.text.vocab import find_concepts, ngrams

    lex = lexicon()
    symptom_word = lex.words_re("symptom_words", "words")
    hits = find_concepts(text)
    # (a symptom word inside a disease's own name is the disease's: "dengue fever", "whooping cough")
    rest = text.lower()
    for h in hits:
        if h.group == "disorder" and " " in h.text and not symptom_word.fullmatch(h.text):
            rest = rest.replace(h.text, " ")
    if symptom_word.search(rest):
        return False
    words = vocab_words(PLACEHOLDER.sub(" ", text))
    kinds = {lex.kind_of_name.get(g) for g in ngrams(list(words))}
    groups = {h.group for h in hits}
    if "symptom" in kinds or "symptom" in groups:
        return False
    return "problem" in kinds or "disorder" in groups or is_problem(text)


def problem_first(text: str) -> bool:
    """"Type 2 diabetes mellitus, on insulin": a problem named before the first drug word."""
    from clinqa.text.vocab import drugs_in

    words = vocab_words(text)
    first_drug = next((i for i, w in enumerate(words) if drugs_in((w,))), None)
    if not first_drug:
        return False
    return has_problem(words[:first_drug]) or any(PROBLEM_WORD.search(w) for w in words[:first_drug])


def english_note(text: str) -> bool:
    """The vocabulary checks (drug lexicon, ICD-10-CM problem words) only know English: on a note
    in another language they would refuse every right answer, so there only the language-neutral
    checks (headers, placeholders, numbers, units, dates, allergy lines) apply."""
    from clinqa.text.language import language_of

    return language_of(text).is_english


def unit_fits(text: str, asked: AskedFor) -> tuple[bool, str]:
    """The first value of `text` has a unit of the asked dimension (or none where none is needed)."""
    from clinqa.text.values import unit_dimension

    if not asked.dimensions and not asked.needs_unit:
        return True, ""
    m = VALUE.search(text)
    if not m:
        return False, f"{text!r} holds no number"
    unit = m.group(3)
    dim = unit_dimension(unit)  # None for "HR" ("36.9  HR 104": the next vital's label, not hours)
    if dim is None and asked.needs_unit:
        return False, f"{text!r} has no unit of {'/'.join(sorted(asked.dimensions)) or 'time'}"
    if dim is not None and asked.dimensions and dim not in asked.dimensions:
        return False, f"{text!r} measures {dim}, not {'/'.join(sorted(asked.dimensions))}"
    return True, ""


_TIME_UNIT_AFTER = re.compile(r"[ \t-]+(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?)\b", re.I)


def _clause_to(text: str, span: tuple[int, int]) -> str:
    """The words of a span's clause up to its end: from the last stop, semicolon or comma before it."""
    a = max(text.rfind(c, 0, span[0]) for c in (";", ",", ". ", "\n")) + 1
    return text[a:span[1]]


def _line_names_the_asked(text: str, pos: int, question: str) -> bool:
    """Whether the line of `pos` holds a word of the question's concept (not one asking when)."""
    from clinqa.lexicon import lexicon
    from clinqa.qa.policy.verdicts import concept_stems, stems_in

    stems = concept_stems(question, lexicon().words_re("question_words", "date_asking"))
    return not stems or bool(stems_in(text, *line_span(text, pos), stems))


def _line_has_date(text: str, pos: int) -> bool:
    from clinqa.text.values import has_date

    return has_date(text[slice(*line_span(text, pos))])


def _clock_only(text: str) -> bool:
    """Whether `text` holds a clock time and no calendar date ("16:00", "06h00")."""
    from clinqa.document.time import time_key
    from clinqa.text.values import has_date

    key = time_key(text)
    return key is not None and key[0] == 0 and not key[1] and not has_date(text)



_WEEKDAY = PerLexicon(lambda lex: re.compile(
    r"(?:" + lex.words_alternation("date_words", "weekdays") + r")\.?", re.I))


def fits(note: Note, asked: AskedFor, span: tuple[int, int], sentences) -> tuple[bool, str]:
    from clinqa.text.vocab import drugs_in

    text = note.text[span[0]:span[1]]
    sent = sentence_at(sentences, span[0])
    where = (sent.text if sent else text)
    section = (sent.section or "") if sent else ""
    from clinqa.qa.policy.titled import in_titled_section

    allergy_section = in_titled_section(note.text, span[0], section, "allerg")
    header_line = bool(HEADER_LINE.fullmatch(text.strip())) and text.strip().isupper()
    if (sent is not None and sent.kind == "header") or header_line:
        return False, f"{text!r} is a section header"
    if not PLACEHOLDER.sub(" ", text).strip(" \t\n,.;:-"):
        return False, f"{text!r} is a de-identification placeholder"
    from clinqa.text.values import has_date

    if WHERE_Q.match(asked.question) and (has_date(text) or _clock_only(text) or _WEEKDAY.get().fullmatch(text.strip())):
        return False, f"{text!r} is a time, and the question asks where"  # "Where was she discharged?" is no "Tue"
    from clinqa.qa.policy.clock import asks_clock_time, has_clock_time

    if asks_clock_time(asked.question) and asked.answer_type in ("date", "span") and not has_clock_time(text):
        return False, f"{text!r} holds no clock time, and the question asks what time"  # ("14-Mar-2195", "2 h")
    if asked.allergy:
        if _NO_ALLERGY.get().fullmatch(after_label(text).strip(" \t-*\u2022.;,")):
            # "NKDA", "none", "No known drug allergies": what the note says is that there is none
            return False, f"{text!r} says the patient has no known allergy"
        if ALLERGY_TEXT.search(where) or allergy_section:
            return True, ""
        return False, f"{text!r} is not an allergy statement"
    if asked.target and not THRESHOLD_CUE.search(_clause_to(note.text, span)):
        # "What K should be aimed for?": a measured value is no target ("INR 2.4 today; target 2-3")
        return False, f"the question asks for a target, and {text!r} is in no clause that sets one"
    if asked.answer_type == "date":
        from clinqa.text.values import has_time

        s0, s1 = span
        if note.text[max(0, s0 - 3):s0] == "[**" and note.text[s1:s1 + 3] == "**]":
            s0, s1 = s0 - 3, s1 + 3  # the date inside its de-identification brackets
        from clinqa.document.time import short_dotted_date

        ok = has_time(note.text[s0:s1], note.text[max(0, s0 - 12):s0]) or \
            _stay_time(note.text[s0:s1], note.text[max(0, s0 - 12):s0]) or short_dotted_date(note.text[s0:s1], note.text)
        if ok and _clock_only(note.text[s0:s1]):
            if re.search(r"\bdate\b", asked.question, re.I):
                return False, f"{text!r} is a clock time, and the question asks for a date"
            if not _line_names_the_asked(note.text, s0, asked.question):
                # "last dose 3 mg at 18:00" for "When was the catheter last changed?"
                return False, f"{text!r} is a clock time on a line that names nothing the question asks about"
            if _line_has_date(note.text, s0):
                # "clinic on [**2150-3-28**] at 10:30 AM": the date says when, the time only at what hour
                return False, f"{text!r} is a clock time beside a date on its line"
        return (True, "") if ok else (False, f"{text!r} holds no date or time")
    if asked.dose:
        return (True, "") if DOSE.search(text) else (False, f"{text!r} holds no dose with a unit")
    if asked.answer_type == "span" and _NAME_Q.search(asked.question) and not re.search(r"(?<![\w'-])[A-Z][a-z'-]+", text):
        return False, f"{text!r} holds no name, and the question asks one"  # "Wife's name?" is no "wife"
    if (asked.answer_type == "number" or re.fullmatch(r"\d[\d.,]*", text.strip())) and _cut_out(note.text, *span):
        return False, f"{text!r} is cut out of a longer number, time or ratio"  # "01" of "01:50", "1" of "1:800"
    if asked.answer_type == "number":
        # (a lab or a unit the question or concept names is checked by its own gates below)
        # (the dimensions a question's own words name, "How many cores?", leave this check on)
        if not (asked.lab or asked.needs_unit or asked.unit) and \
                not _names_the_asked(note.text, asked, sent, span):
            return False, f"{text!r} is in a sentence that names nothing the question asks the number of"
        if not VALUE.search(text):
            # ("one of the nurses" counts nothing)
            word = lexicon().words_re("numbers", "words").search(text)
            if word and not re.match(r"\s+of\b", text[word.end():]) and not asked.needs_unit and \
                    (not asked.dimensions or "count" in asked.dimensions):
                return True, ""  # "nine species": a number in words, where no unit is needed
            if word and asked.dimensions == frozenset({"time"}) and _TIME_UNIT_AFTER.match(text, word.end()):
                return True, ""  # "six weeks", "four days": a duration in words
            return False, f"{text!r} holds no number"
        return unit_fits(text, asked)
    if asked.unit and asked.dimensions:
        # a span concept that declares its unit (blood pressure, mmHg): a value of another
        # dimension ("15.400/μL", a white cell count) is not its answer
        ok, why = unit_fits(text, asked)
        if not ok:
            return False, why
    words = vocab_words(text)
    if asked.asks is not None and asked.asks.rule == REASON_RULE and not has_problem(words):
        # "Why was the patient started on metoprolol?": the drug's own line is not its reason
        asked_drugs = set(drugs_in(vocab_words(asked.question)))
        if asked_drugs and asked_drugs & set(drugs_in(words)):
            return False, f"{text!r} is the drug the question asks the reason for, not the reason"
        if _only_schedule(text):
            return False, f"{text!r} is a dose or a schedule, not a reason"
    if asked.category == "Medication" or asked.code == "drug":
        if asked.drug_stems:
            from clinqa.text.glossary import mentions_class

            if not mentions_class(text, asked.drug_stems):
                return False, f"{text!r} names no drug of the asked class"
        elif not drugs_in(words):
            if english_note(note.text):
                return False, f"{text!r} names no drug of the lexicon"
            # the lexicon is English ("Λεβοφλοξασίνη" is a drug it cannot name): in another
            # language a medication answer must at least sit in a sentence with a dose
            if not DOSE.search(where):
                return False, f"{text!r} is in a sentence with no dose (the drug lexicon is English)"
        if ALLERGY_TEXT.search(where) or allergy_section:
            return False, f"{text!r} is an allergy statement, not a medication the patient takes"
        if problem_first(after_label(text)):
            return False, f"{text!r} is a problem that mentions a drug, not a medication"
        if asked.change == "stopped" and not STOP_CUE.search(where):
            return False, f"{text!r} is in a sentence that stops nothing"
        if asked.change == "started" and not (START_CUE.search(where) or re.search(r"new|start|added", section)):
            return False, f"{text!r} is in a sentence that starts nothing"
        return True, ""
    if asked.category == "Procedure" and _ASKS_WHICH_PROCEDURE.search(asked.question) and \
            not lexicon().words_re("question_words", "result_asking").search(asked.question) and english_note(note.text):
        # "What surgery did the patient undergo?" is answered by a procedure, never by the
        # surgeon's name or "the GP surgery" (a British practice)
        named = [m.group(0) for m in PROCEDURE.finditer(_NOT_A_PLACE.sub(" ", text))] + \
            [m.group(0) for m in lexicon().words_re("procedures", "names").finditer(text)]
        if not named:
            return False, f"{text!r} names no procedure"
        if all(_IMAGING.fullmatch(w) for w in named):
            return False, f"{text!r} is an imaging study or a tracing, not a procedure performed"
        if _in_past_history(note.text, span[0]):
            return False, f"{text!r} is past history, not this encounter's procedure"
        undone = _not_done_at(note.text, span)
        if undone:
            return False, f"{text!r} was {undone}, not performed"
    if asked.category in ("Diagnosis", "Symptoms"):
        if ALLERGY_TEXT.search(text) or allergy_section:
            return False, f"{text!r} is an allergy line, not a {asked.category.lower()}"
        if drugs_in(words) and (not has_problem(words) or (DOSE.search(text) and not problem_first(after_label(text)))):
            # ("Tab Paracetamol 500 mg SOS for fever" is a drug line, though it names a fever)
            return False, f"{text!r} names a medication, not a {asked.category.lower()}"
        if re.fullmatch(r"[\d\s.,/%\-*]+" + r"(?:\s*" + unit_re() + r")?", text.strip(), re.I):
            return False, f"{text!r} is a number, not a {asked.category.lower()}"
        if asked.category == "Symptoms" and lexicon().words_re("question_words", "symptom_asking").search(asked.question) \
                and english_note(note.text) and diagnosis_not_symptom(
                    # (its whole phrase: "decompensated heart" of "decompensated heart failure" is the disease)
                    between_stops(note.text, *span, (",", ";", ":", "(", "\n", ". "), (",", ";", ":", ")", "\n", ". "))):
            return False, f"{text!r} names a diagnosis, and the question asks for symptoms"
        if asked.category == "Diagnosis" and (asked.category_declared or asked.code == "icd10cm") \
                and not is_problem(text) and english_note(note.text):
            return False, f"{text!r} names no problem (ICD-10-CM term, known abbreviation or disease word)"
    return True, ""


_ASKS_WHICH_PROCEDURE = re.compile(r"\b(?:what|which)\b[^?]*\b(?:procedures?|surger(?:y|ies)|operations?|"
                                   r"interventions?)\b", re.I)
_IMAGING = re.compile(r"x-?rays?|radiographs?|ct(?: scan)?|computed tomography|mri|ultrasound|"
                      r"echocardiogra\w*|ecg|ekg", re.I)


def _in_past_history(text: str, pos: int) -> bool:
    """Whether `pos` sits under a past (medical or surgical) history heading of the note."""
    from clinqa.document import parse_document
    from clinqa.qa.policy.headings import heading_of

    def past(title: str | None) -> bool:
        return bool(title) and (heading_of(title) == "past_history" or
                                bool(re.search(r"\b(?:surgical history|psh|pshx)\b", title, re.I)))

    line0 = text.rfind("\n", 0, pos) + 1
    key = re.match(r"[ \t]*([A-Za-z][\w /&'-]{0,40}):", text[line0:pos])
    if key:  # "Past surgical history: appendicectomy 2150": the field's own key decides
        return past(key.group(1))
    sec = parse_document(text).section_at(pos)
    return sec is not None and past(sec.title)


def _not_done_at(text: str, span: tuple[int, int]) -> str | None:
    """"not done" or "only planned" when a procedure event of the note whose subject overlaps
    `span` says so ("Colonoscopy: not performed", "EGD is planned")."""
    from clinqa.document import parse_document

    for e in parse_document(text).events:
        if e.kind == "procedure" and e.subject_start < span[1] and span[0] < e.subject_end:
            if e.status == "negated":
                return "not done"
            if e.action == "planned":
                return "only planned"
    return None


def _only_schedule(text: str) -> bool:
    """Whether a span says nothing but how a drug is taken: its dose, route, frequency or time of
    day ("PO", "qHS", "daily", "in the evening"; the lexicon's `document.schedule.words`)."""
    from clinqa.text.shapes import DOSE, SIG

    rest = text
    for pat in (SIG, DOSE):
        rest = pat.sub(lambda m: " " * len(m.group(0)), rest)
    lex = lexicon()
    skip = (lex.words_re("schedule", "words"), lex.words_re("question_words", "filler"))
    return not [w for w in re.findall(r"[^\W\d_]{2,}", rest) if not any(p.fullmatch(w) for p in skip)]


def _stay_time(text: str, before: str) -> bool:
    """The clinical document's times, which `has_time` does not read: a date with a month's name
    or an ordinal ("7th September", "03 Nov"), with dots ("14.08.2186"), a day of the stay ("day
    3", "POD2", "Wk 20"), a clock time ("07:15", "06h00"; `fits` then asks its line to name what
    the question asks and to hold no date: "10:30 AM" of a clinic's date is no answer to when), a
    time from now in words ("in six weeks")."""
    from clinqa.document.time import DATE, RELATIVE, TIME, time_key

    if len(text.split()) > 6:
        return False  # a clause that holds a date somewhere is no answer to "when"
    if any(time_key(m.group(0)) for m in DATE.finditer(text)) or RELATIVE.search(text) or TIME.search(text):
        return True
    numbers = lexicon().words_alternation("numbers", "words")
    return bool(re.search(r"\b(?:in|within|after)\s+(?:about\s+|another\s+)?(?:" + numbers +
                          r")\s+(?:days?|weeks?|months?|years?|hours?)\b", before[-12:] + text, re.I))


_NOT_A_PLACE = re.compile(r"\b(?:gp|gp's|doctor's|general practice)\s+surgery\b", re.I)


def note_can_answer(note: Note, asked: AskedFor, sentences) -> tuple[bool, str]:
    """Whether any span of the note could pass `fits` for a question asking for an allergy or a
    medication: the note states an allergy somewhere, names a drug (of the asked class), or, in
    another language, writes a dose. `fits` checks each span against these same tests, so a note
    that fails them has no answer of the asked type whatever a reader would point at: the
    question is decided without a reader pass."""
    from clinqa.text.vocab import drugs_in

    text = note.text
    if asked.allergy:
        if ALLERGY_TEXT.search(text) or any("allerg" in (s.section or "") for s in sentences):
            return True, ""
        return False, "the note states no allergy"
    if asked.answer_type in ("date", "number") or asked.dose or not (
            asked.category == "Medication" or asked.code == "drug"):
        return True, ""
    if asked.drug_stems:
        from clinqa.text.glossary import mentions_class

        return (True, "") if mentions_class(text, asked.drug_stems) else (False, "the note names no drug of the asked class")
    if not english_note(text):
        return (True, "") if DOSE.search(text) else (False, "the note writes no dose (the drug lexicon is English)")
    return (True, "") if drugs_in(vocab_words(text)) else (False, "the note names no drug of the lexicon")


def _names_the_asked(text: str, asked: AskedFor, sent, span: tuple[int, int]) -> bool:
    """A number answer's sentence (or the line it sits on) holds one of the question's own words
    (up to inflection): "7781" in a sentence about something else is not the LDL the question
    asks for, though it is a number. Questions whose words are all value words pass."""
    from clinqa.qa.policy.verdicts import concept_stems, stems_in

    stems = concept_stems(asked.question, lexicon().words_re("question_words", "value_asking"))
    if not stems:
        return True
    lo, hi = (sent.start, sent.end) if sent is not None else span
    lo = min(lo, text.rfind("\n", 0, span[0]) + 1)
    return bool(stems_in(text, lo, max(hi, span[1]), stems))


def in_indication(doc, pos: int) -> bool:
    """Whether `pos` is in a section whose title says it is the reason for a study."""
    from clinqa.document.structure import role_of

    sec = doc.section_at(pos)
    return sec is not None and role_of(sec.title) == "indication"


def drop_negated(note: Note, answers: list[Answer], language: str | None, limit: int = 12) -> list[Answer]:
    """`answers` without those whose ConText assertion is negated (the first `limit` checked), and
    without those in an indication (the question a study was asked is not a finding)."""
    from clinqa.document import parse_document
    from clinqa.text.assertion import assert_spans

    doc = parse_document(note.text, note.id)
    answers = [a for a in answers if a.is_no_answer or not in_indication(doc, a.start)]
    head = [a for a in answers[:limit] if a.end > a.start]
    status = assert_spans(note.text, [(a.start, a.end) for a in head], language) if head else []
    bad = {(a.start, a.end) for a, st in zip(head, status) if st == "negated"}
    return [a for a in answers if (a.start, a.end) not in bad]


# a question asking a person's or a place's name: "Wife's name?", "Name of the ward?", "What is her GP's name?"
_NAME_Q = re.compile(r"(?:'s|\bs')\s+(?:first\s+|full\s+|last\s+|sur)?name\b|^\s*(?:what\s+is\s+the\s+)?name\s+of\b", re.I)


def _cut_out(text: str, start: int, end: int) -> bool:
    """Whether a span's number is a piece of a longer one: a clock time's hour ("01" of "01:50"), a
    ratio's first term ("1" of "1:800"), a decimal's whole part, or a number glued to the span's edge."""
    before, after = text[max(0, start - 2):start], text[end:end + 2]
    return bool(re.fullmatch(r"[:.,]\d", after) and text[end - 1:end].isdigit() or
                re.fullmatch(r"\d[:.]", before) and text[start:start + 1].isdigit() or
                (text[start - 1:start].isdigit() and text[start:start + 1].isdigit()))
