"""A date question about something the note dates in the same sentence ("When was the EGD done?"
on "EGD on [**2201-1-9**] showed a clean-based ulcer"): the date nearest the words that name it.
The question's words may be written in the note by another name of the lexicon's synonym groups
("urine culture" / "Urine cx", "central line" / "CVC"), and a word may stand in the heading the
sentence sits under ("Follow-up:" above "Heart failure clinic on 3/28")."""

from __future__ import annotations

import re

from clinqa.document import ClinicalDocument
from clinqa.lexicon import lexicon
from clinqa.qa.policy.verdicts import concept_stems, stems_in

_MAX_VARIANTS = 8


def moment_date(doc: ClinicalDocument, question: str) -> tuple[int, int, str] | None:
    """(start, end, why) of the admission's or the discharge's date, for a question that asks for
    nothing else ("What was the admission date?", "When was the patient discharged?"): the
    note's field ("Admission Date: ...", "Admitted: ...") or its one-liner ("admitted [**11-29**]
    with ..."); None when the question names something else or the note dates no such moment."""
    from clinqa.document.time import DATE, moment_of

    moment = moment_of(question)
    if moment is None:
        return None
    lex = lexicon()
    skip = [lex.words_re("question_words", n) for n in ("date_asking", "stay")] + [lex.words_re("moments", moment)]
    rest = [w for w in re.findall(r"[^\W\d_]+(?:/[^\W\d_]+)?", question) if not any(p.fullmatch(w) for p in skip)]
    if concept_stems(" ".join(rest)):
        return None
    found = [(a.start, a.end, f"the note's {moment} date field") for a in doc.anchors if a.kind == moment]
    if not found and moment == "admission":
        found = [(p.start, p.end, f"the date of the one-liner's {doc.text[p.cue_start:p.cue_end]!r}")
                 for p in doc.presentation if p.role == "admitted_on"]
    for a, b, why in found:
        d = DATE.search(doc.text, a, b)
        if d is not None:
            return d.start(), d.end(), why
    return None


def variants(question: str) -> list[tuple[str, str | None]]:
    """(`question`, None), then the question with one of its names replaced by another name of
    the same synonym group, with that name ("When was the urine culture collected?" -> ("... the
    urine cx ...", "urine cx")): the sentence must then hold that name whole, as a short name
    ("cx") is no word the stems would look for."""
    out: list[tuple[str, str | None]] = [(question, None)]
    low = question.lower()
    for name, others in lexicon().synonyms_of.items():
        m = re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", low)
        if m is None:
            continue
        for o in others:
            out.append((question[:m.start()] + o + question[m.end():], o))
            if len(out) > _MAX_VARIANTS:
                return out
    return out


def dated_mention(doc: ClinicalDocument, question: str) -> tuple[int, int, str] | None:
    """(start, end, why) of the date written in the sentence that holds every word the question
    names (the same word up to inflection, as yes/no concepts are found by their words; a word
    may be its heading's), nearest those words; None when no sentence holds them and a date, or
    two sentences do with different dates."""
    dates = [a for a in doc.anchors if a.kind == "date"]
    skip = lexicon().words_re("question_words", "date_asking")
    found = []
    for q, name in variants(question):
        stems = concept_stems(q, skip)
        if not stems:
            continue
        named = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", re.I) if name else None
        for s in doc.sentences:
            if s.kind == "header":
                continue
            sec = doc.section_at(s.start)
            if named is not None and not named.search(doc.text, s.start, s.end) and not (
                    sec is not None and sec.title and named.search(sec.title)):
                continue
            in_sent = [a for a in dates if s.start <= a.start < s.end]
            if not in_sent:
                continue
            hits = stems_in(doc.text, s.start, s.end, stems)
            if not hits:
                continue
            missing = [x for x in stems if x not in hits]
            if missing:
                if sec is None or sec.title_start < 0 or \
                        len(stems_in(doc.text, sec.title_start, sec.title_end, missing)) < len(missing):
                    continue
            mid = sum(a for a, _ in hits.values()) / len(hits)
            best = min(in_sent, key=lambda a: abs(a.start - mid))
            found.append((best, s, stems if name is None else [name, *stems]))
    if not found or len({doc.text[a.start:a.end] for a, _, _ in found}) > 1:
        return None
    a, _, words = found[0]
    return a.start, a.end, f"the date written with {' '.join(dict.fromkeys(words))} in the same sentence or its heading"


_WRITTEN_STAY = re.compile(r"\b(?:length of (?:hospital )?stay|LOS)\b[ \t:=-]{0,4}(?P<n>(?P<num>\d{1,3})[ \t]*(?:days?|nights?)\b)",
                           re.I)


def stay_length(doc: ClinicalDocument, question: str) -> tuple[int, int, str, int] | None:
    """(start, end, why, days) for a question asking how long the stay was and nothing else ("How
    many days was the patient in hospital?"), from the note's admission and discharge dates (its
    fields or the one-liner; a date without a year takes the other's); the discharge date is the
    answer's evidence. None when the question asks more or the note dates only one of them."""
    import datetime

    from clinqa.document.time import DATE, time_key
    from clinqa.qa.policy.forms import DURATION_Q

    if not DURATION_Q.search(question):
        return None
    lex = lexicon()
    skip = [lex.words_re("question_words", n) for n in ("duration_asking", "stay", "filler", "date_asking")]
    rest = [w for w in re.findall(r"[^\W\d_]+", question) if not any(p.fullmatch(w) for p in skip)]
    if concept_stems(" ".join(rest)):
        return None
    written = _WRITTEN_STAY.search(doc.text)
    if written:  # the note's own "Length of stay: 5 days", "09-10-2187 to 15-10-2187 (6 days)"
        return written.start("n"), written.end("n"), "the length of stay the note writes", int(written.group("num"))
    dates = {}
    for kind in ("admission", "discharge"):
        a = next((x for x in doc.anchors if x.kind == kind and x.key and x.key[0] != "rel"), None)
        d = DATE.search(doc.text, a.start, a.end) if a is not None else None
        if d is None:
            return None
        dates[kind] = (time_key(d.group(0)), d.start(), d.end())
    (ka, _, _), (kd, s, e) = dates["admission"], dates["discharge"]
    year = ka[0] or kd[0]
    if not year or not ka[1] or not kd[1]:
        return None
    try:
        days = (datetime.date(kd[0] or year, kd[1], kd[2]) - datetime.date(ka[0] or year, ka[1], ka[2])).days
    except ValueError:  # (a day-first date read month-first: no such date)
        return None
    if not 0 <= days <= 365:
        return None
    adm = dates["admission"]
    return s, e, f"{days} days from the admission date ({doc.text[adm[1]:adm[2]]}) to the discharge date", days
