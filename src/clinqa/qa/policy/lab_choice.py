"""Which measured value of a lab answers a lab/vital question, from the clinical document's
measurements (prose, table cells, trend values, each with when it was measured):

- a date or time in the question ("on 6/3 at 04:00") takes the value measured then;
- a moment ("at discharge", "on admission") takes a value written at that moment;
- "most recent", "latest", "current" take the last value in time (or in a trend's order);
- "peak"/"lowest" take the extreme value;
- otherwise the one value (in note order when it is written more than once); only between
  different values does the reader choose, by its candidates' scores: the one question here that
  waits for a reader pass. Values the structure chose carry score 0.
When the question names a time no value has, and the note has several different values, the
answer is an abstention with the reason ("3 values of potassium, none at discharge"), never a
guess. Thresholds of a plan are never values (see `document.measurements`)."""

from __future__ import annotations

import re
from dataclasses import replace

from clinqa.document import ClinicalDocument, Measurement
from clinqa.document.measurements import ROW
from clinqa.document.time import RELATIVE, comparable, matches, relative_day, time_key
from clinqa.lexicon.model import _word_alternation
from clinqa.lexicon import PerLexicon, lexicon
from clinqa.qa.policy.asked import AskedFor
from clinqa.qa.policy.constraints import unit_fits
from clinqa.qa.policy.forms import EXTREME_Q, MOMENT_Q, MOMENT_WORDS, moment_key
from clinqa.qa.policy.labs import SentenceIndex, context_of, local_moment
from clinqa.qa.policy.spans import overlap_score
from clinqa.types import Answer, Note


def lab_answers(note: Note, asked: AskedFor, raw: list[Answer], doc: ClinicalDocument,
                method: str) -> tuple[list[Answer], str | None]:
    """(values of the asked lab, best first, the first carrying why it was chosen; or [] and why
    none answers)."""
    text = note.text
    lab = lexicon().lab_by_name.get(asked.lab)  # (a table row's own measure has no lexicon entry: row_lab)
    shape_src = lab.shape if lab else None
    shape = re.compile(shape_src) if shape_src else None
    vals = [m for m in doc.measurements_of(asked.lab)
            if unit_fits(m.value, asked)[0] and (shape is None or shape.search(m.value))]
    if not vals:
        return [], f"no value of {asked.lab} in the note"
    score = {m.start: 0.0 for m in vals}

    def by_reader(ms: list[Measurement]) -> list[Measurement]:
        """`ms` best first: when they differ in value, by the reader's scores (the first look at
        `raw` raises NeedsReader when it is not read yet); else in note order."""
        if len({_value_key(m) for m in ms}) < 2:
            return sorted(ms, key=lambda m: m.sequence)
        score.update({m.start: overlap_score(raw, m.start, m.end) for m in vals})
        return sorted(ms, key=lambda m: (-score[m.start], m.sequence))

    q = asked.question
    lex = lexicon()
    asked_key = time_key(_without_lab_numbers(q))
    moment = MOMENT_Q.get().search(q)
    if moment and moment.group(0).lower().startswith("admi") and _WHOLE_STAY.get().search(q, 0, moment.start()):
        moment = None  # "Lowest Hb during the admission?": the stay, not the day it began
    latest = lex.words_re("moments", "latest").search(q)
    extreme = EXTREME_Q.search(q)
    distinct = len({m.number for m in vals}) > 1
    n = len(vals)

    def answer(chosen: list[Measurement], why: str) -> tuple[list[Answer], str | None]:
        rest = [m for m in vals if m not in chosen]
        out = [_answer(note, m, score[m.start], method) for m in chosen + rest]
        return [replace(out[0], reason=why)] + out[1:], None

    named = [m for m in vals if m.when and _label_named(m.when, q)]
    if named and len({m.number for m in named}) == 1:  # "NIHSS at 24 h?" on "24 h (3 Nov) ...... 4"
        return answer(named, f"the value of {asked.lab} written at {named[0].when!r}, as the question names it")
    if asked_key is not None:
        hits = [m for m in vals if matches(asked_key, m.key)] or \
            [m for m in vals if (m.key is None or asked_key[0] == "rel") and _dated_line(text, m, asked_key)]
        if not hits:
            return [], f"{n} value(s) of {asked.lab}, none measured at the time the question names"
        if len({m.number for m in hits}) > 1 and not extreme:
            return [], f"{len(hits)} different values of {asked.lab} at the time the question names"
        return answer(hits, f"the value of {asked.lab} measured at {hits[0].when or 'that time'}")
    declared = asked.moment if not (moment or latest or extreme) else None
    if declared and not distinct:
        return answer(vals, f"the only value of {asked.lab} in the note")
    if moment or declared:
        # (a questionnaire column declares its moment: "heart rate" is the presenting value)
        key = moment_key(moment.group(0)) if moment else declared
        index = SentenceIndex(list(doc.sentences))
        on_day = [m for m in vals if key == "admission" and m.moment is None and _on_moment_day(doc, m, "admission")]
        if on_day and not any(m.moment == key for m in vals):
            # the admission date's value before a value whose sentence names an admission for another
            # value ("BP 112/64, lactate 1.4 (was 5.2 on admission)"), or a prose value without a time
            first = min(on_day, key=lambda m: (m.key, m.sequence))
            return answer([first], f"the first value of {asked.lab} on the admission date ({first.when})")
        in_moment = [m for m in vals if m.moment == key or (
            m.source == "text" and m.moment is None and re.search(MOMENT_WORDS[key], context_of(text, index, m.name_start, m.start,
                                             with_line=_one_on_line(vals, m) and m.key is None) + " " + local_moment(text, m.start, m.end),
                                             re.I))]
        if in_moment:
            return answer(by_reader(in_moment), f"the value of {asked.lab} written at {key}")
        ordered = in_time(vals)
        if not distinct:
            return answer(vals, f"the only value of {asked.lab} in the note")
        if key == "admission" and not moment and doc.kind == "clinic_letter":
            # a clinic visit has no admission: its own value is the one its column marks as today's
            # ("Wk 26 (today)"), the other columns earlier visits'
            visit = [m for m in vals if m.when and lexicon().words_re("moments", "latest").search(m.when)]
            if visit:
                return answer(visit[:1], f"the value of {asked.lab} of this visit ({visit[0].when!r}); "
                                         f"{n - 1} other(s) from earlier visits")
        if key == "admission":  # the first value a note writes is the one measured first, in time when known
            # (a baseline is from before the stay: "baseline Cr 1.3", then "Cr 3.4 (06/07) -> ...")
            stay = [m for m in vals if not said_earlier(text, m)] or vals
            ordered = in_time(stay) if len(stay) < len(vals) else ordered
            first = ordered[0] if ordered else min(stay, key=lambda m: m.sequence)
            return answer([first], f"the first of {n} values of {asked.lab} ({'in time' if ordered else 'in the note'})")
        ordered = ordered or in_time([m for m in vals if m.key is not None])  # (the values with a time)
        if ordered and key == "discharge" and _on_moment_day(doc, ordered[-1], "discharge"):
            return answer([ordered[-1]], f"the last of {n} values of {asked.lab}, on the discharge date")
        return [], f"{n} values of {asked.lab}, none at {key}"
    if latest:
        now = [m for m in vals if m.source == "text" and _says_now(text, m)]
        if now and len({m.number for m in now}) == 1:
            return answer(now, f"the value of {asked.lab} the note says is current")
        ordered = in_time([m for m in vals if m.key is not None]) or \
            in_one_series([m for m in vals if not said_earlier(text, m)])  # (a baseline is no step of the trend)
        if ordered:
            return answer([ordered[-1]], f"the most recent of {n} values of {asked.lab}")
        if not distinct:
            return answer(vals, f"the only value of {asked.lab} in the note")
        current = [m for m in vals if m.moment != "admission" and not said_earlier(text, m)]
        if current and len(current) < n and len({m.number for m in current}) == 1:
            # "HbA1c 6.4% (7.9% in October)", "Sodium was 136 in March": the others are earlier
            return answer(current, f"the value of {asked.lab} the note gives as current; "
                                   f"{n - len(current)} other(s) written as earlier")
        return [], f"{n} values of {asked.lab} and no time to order them by"
    if extreme:
        high = bool(re.match(r"(?:peak|t ?max|max|highest)", extreme.group(0), re.I))
        nums = [m for m in vals if m.number is not None]
        # a baseline or an earlier value is no extreme of the stay: "Hb 71 (baseline 138 in 2189)"
        nums = [m for m in nums if not said_earlier(text, m)] or nums
        best = max(nums, key=lambda m: m.number) if high else min(nums, key=lambda m: m.number)
        return answer([best], f"the {'highest' if high else 'lowest'} of {n} values of {asked.lab}")
    words, qualified = _qualified(text, vals, q, asked.lab)
    if not qualified and _BEFORE_AFTER.search(q):  # "BP after the procedure" as a note writes it: "Post-procedure: BP"
        words, qualified = _qualified(text, vals, _BEFORE_AFTER.sub(
            lambda m: ("pre-" if m.group(1).lower() == "before" else "post-") + m.group(2), q), asked.lab)
    if qualified:  # "Seated BP?", "Lying blood pressure?": the values whose line says so
        why = f"the value of {asked.lab} written with {words}"
        return answer(by_reader(qualified), why if len({_value_key(m) for m in qualified}) == 1 else
                      f"{len(qualified)} values of {asked.lab} written with {words}; the one the reader points at")
    ranked = by_reader(vals)
    why = "the one the reader points at" if len({_value_key(m) for m in vals}) > 1 else "the first in the note"
    return answer(ranked, f"{n} value(s) of {asked.lab}; {why}")


def row_lab(doc: ClinicalDocument, question: str) -> str | None:
    """The measure of the note's one table row that a number question names when it names no lab
    ("FIM total on admission?", "Berg on discharge?" on a "FUNCTIONAL MEASURES" table): the row
    whose label's words are all the question's (less its words of time and value), or all of whose
    words the question holds. None when no row or several rows are so named ("FIM at discharge?"
    on rows FIM motor, FIM cognitive, FIM total)."""
    from clinqa.qa.policy.verdicts import _same_word, concept_stems

    rows = {m.name for m in doc.measurements if m.name.startswith(ROW)}
    if not rows:
        return None
    every = concept_stems(question, _NOT_A_NAME.get())  # ("total" may be a word of the row's name: "FIM total")
    asked = concept_stems(question, TIME_AND_VALUE_WORDS.get())
    if not asked:
        return None

    def has(stems, stem):
        return any(_same_word(stem, x) for x in stems)

    labels = {r: concept_stems(r.removeprefix(ROW)) for r in rows}
    named = [r for r, label in labels.items() if label and all(has(every, x) for x in label)] or \
        [r for r, label in labels.items() if label and all(has(label, x) for x in asked)]
    return named[0] if len(named) == 1 else None


# a question's words of time and moment, and of value: no words of a row's name
_NOT_A_NAME = PerLexicon(lambda lex: re.compile("|".join(
    [lex.words_re("question_words", "date_asking").pattern]
    + [lex.words_re("moments", k).pattern for k in lex.document.get("moments", {})]), re.I))
# (longest first, so that a phrase is taken out whole too: "last year", "most recent"; grid.py)
TIME_AND_VALUE_WORDS = PerLexicon(lambda lex: re.compile(r"(?<![\w-])(?:" + _word_alternation(
    [w for n in ("date_asking", "value_asking") for w in lex.document["question_words"].get(n, ())]
    + [w for k in lex.document.get("moments", {}) for w in lex.document["moments"][k]]) + r")(?![\w-])", re.I))


def _qualified(text: str, vals: list[Measurement], question: str, lab: str) -> tuple[str, list[Measurement]]:
    """The question's words that qualify its lab ("seated", "lying", "home", "pre-op") and the
    values written with all of them before them on their line; ("", []) when the question has no
    such word or no value is so written."""
    from clinqa.qa.policy.verdicts import concept_stems, stems_in

    lex = lexicon()
    names = lex.lab_by_name[lab].names if lab in lex.lab_by_name else (lab.removeprefix(ROW),)
    skip = lex.words_re("question_words", "value_asking")
    words = [w for w in re.findall(r"[^\W\d_][\w-]*", question)
             if not skip.fullmatch(w) and not any(w.lower() in n.lower().split() or w.lower() == n.lower() for n in names)]
    stems = concept_stems(" ".join(words))
    if not stems:
        return "", []
    out = []
    for m in vals:
        line0 = text.rfind("\n", 0, m.name_start) + 1
        note = _PAREN_NOTE.match(text, m.end) or _WORDS_AFTER.match(text, m.end)  # "146/88 (taken during the visit)", "93% at rest"
        if note and not time_key(note.group(1)) and (re.match(r"\s*[<>~]?\d", note.group(1)) or (
                re.search(r"\d", note.group(1)) and lexicon().words_re("moments", "earlier").search(note.group(1)))):
            note = None  # "38 U/L (52 in October)", "92 (baseline 90)": another value's words, not this one's
        # (the words since the previous value and its clause: "93% at rest in air, falling to 88%")
        own = line0 + max((x.end() for x in re.finditer(r"\d[\d.,/]*\s*%?\)?|[,;]", text[line0:m.start])), default=0)
        if len(stems_in(text, own, m.start, stems)) == len(stems) or \
                (note and len(stems_in(text, note.start(1), note.end(1), stems)) == len(stems)) or \
                (m.when and len(stems_in(m.when, 0, len(m.when), stems)) == len(stems)):
            out.append(m)
    return " ".join(repr(w) for w in words if concept_stems(w)), out


_BEFORE_AFTER = re.compile(r"\b(before|after)\s+(?:the\s+|her\s+|his\s+)?([^\W\d_]{3,})", re.I)
_WORDS_AFTER = re.compile(r"[ \t]+((?:at|on|in|while|during|after|before|with)[ \t]+[^\d,;.()\n]{1,40})")
_PAREN_NOTE = re.compile(r"[ \t]*\(([^()\n]{1,60})\)")


def _value_key(m: Measurement):
    return m.number if m.number is not None else m.value.strip().lower()


def _answer(note: Note, m: Measurement, score: float, method: str) -> Answer:
    return Answer(text=note.text[m.start:m.end], start=m.start, end=m.end, score=score, note_id=note.id,
                  method=(method or "extractive") + "+lab-name")


def _without_lab_numbers(question: str) -> str:
    """The question without numbers that are not times ("potassium above 5" has no date)."""
    return re.sub(r"\b\d+(?:\.\d+)?\s*(?:mg|mmol|meq|%|g/dl)\b", " ", question, flags=re.I)


def _says_now(text: str, m: Measurement) -> bool:
    """Whether the words on a value's line right around it say it is current ("K 5.6 today")."""
    line0 = text.rfind("\n", 0, m.start) + 1
    line1 = text.find("\n", m.end)
    around = text[max(line0, m.name_start - 5):min(line1 if line1 >= 0 else len(text), m.end + 25)]
    return bool(lexicon().words_re("moments", "latest").search(around))


def _label_named(when: str, question: str) -> bool:
    """Whether the question names a value's time label whole ("24 h", "Day 3", "Pre"), its
    parentheses aside."""
    label = re.sub(r"\([^()]*\)", " ", when).strip(" \t.:,")
    return len(label) >= 2 and bool(re.search(r"(?<![\w-])" + re.escape(label) + r"(?![\w-])", question, re.I))


def in_parentheses_after_value(text: str, m: Measurement) -> bool:
    """Whether a value sits in parentheses opened after another number on its line ("35 (37)")."""
    line0 = text.rfind("\n", 0, m.start) + 1
    opened = text.rfind("(", line0, m.start)
    return opened > text.rfind(")", line0, m.start) and bool(re.search(r"\d", text[line0:opened]))


def said_earlier(text: str, m: Measurement) -> bool:
    """Whether a value is written as an earlier one: in parentheses after another value ("6.4%
    (7.9% in October)", "48 mg/g (was 22)"), or with a word of the past between its lab's name
    and it ("Sodium was 136 mmol/L in March 2181"; the lexicon's `moments.earlier`), or right before
    its lab's name ("baseline Cr 1.3")."""
    earlier = lexicon().words_re("moments", "earlier")
    line0 = text.rfind("\n", 0, m.start) + 1
    if in_parentheses_after_value(text, m) and \
            re.fullmatch(r"\s*(?:(?:was|previously|prior|baseline)\s+)?", text[text.rfind("(", line0, m.start) + 1:m.start]):
        return True
    word = re.search(r"([^\W\d_]+)[ \t(]*$", text[line0:m.name_start]) if m.name_start > line0 else None
    if word and earlier.fullmatch(word.group(1)):  # "baseline Cr 1.3", "previous HbA1c 8.1%"
        return True
    after = re.split(r"[\n,(]|\.\s", text[m.end:m.end + 30])[0]  # (another value's parentheses, another sentence)
    # (not another value's words: "Creatinine 71 umol/L at baseline and 74 on March 26th")
    before = re.split(r"[\d),;]|\band\b", text[max(m.name_start, line0, m.start - 30):m.start])[-1]
    return bool(earlier.search(before) or
                re.match(r"[^.;]*?\b(?:in|on)\s+(?:\w+\s+)?\d{4}\b", after) or earlier.search(after))


def _one_on_line(vals: list[Measurement], m: Measurement) -> bool:
    return sum(1 for v in vals if v.name_start == m.name_start) == 1


def in_time(vals: list[Measurement]) -> list[Measurement] | None:
    """The values in time order, when every one has a time of the same kind."""
    keys = [m.key for m in vals]
    if len(vals) < 2 or any(k is None for k in keys) or not all(comparable(keys[0], k) for k in keys):
        return None
    return sorted(vals, key=lambda m: (m.key, m.sequence))


def in_one_series(vals: list[Measurement]) -> list[Measurement] | None:
    """Values of one trend or one table row are written in time order."""
    if len(vals) >= 2 and all(m.source in ("trend", "table") for m in vals) and len({m.name_start for m in vals}) == 1:
        return sorted(vals, key=lambda m: m.sequence)
    return None


def _dated_line(text: str, m: Measurement, key: tuple) -> bool:
    """Whether the line before a value names the asked time ("Day 3 (11-10): SpO2 94%": day 3 too)."""
    line0 = text.rfind("\n", 0, m.name_start) + 1
    if key[0] == "rel":
        day = RELATIVE.search(text, line0, m.start)
        return day is not None and ("rel", relative_day(day)) == key
    return matches(key, time_key(text[line0:m.start]))


def _on_moment_day(doc: ClinicalDocument, m: Measurement, moment: str) -> bool:
    """Whether a value was measured on the day of the stay's `moment` (admission, discharge) the note dates."""
    dis = [a for a in doc.anchors if a.kind == moment and a.key]
    return bool(dis and m.key and comparable(dis[0].key, m.key) and dis[0].key[1:3] == m.key[1:3])


_WHOLE_STAY = PerLexicon(lambda lex: re.compile(
    r"\b(?:" + lex.words_alternation("moments", "whole_stay") + r")\s+(?:(?:the|this|her|his|their|your)\s+)?(?:entire\s+|whole\s+)?$", re.I))
