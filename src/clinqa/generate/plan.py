"""Answers planned from the answer: which note sentences answer the question, in what order, and
each one rewritten as a plain-language sentence without leaving what the note says.

The sentences holding the answer policy's answer lead (`lead.AnswerLead`); the question's type
(a study's result, a medication change, a dose: `question_types`) moves the evidence that answers
it up; a note that does not hold what was asked gets one uncited sentence saying so.

The plan starts from the evidence ensemble's fused scores and adds what a clinician reader
would use: the section the question points at (an admission question is answered by the chief
complaint, the present illness and the diagnoses; a medication question by the medication list
and the hospital course), drugs of a class the question names ("antibiotics"), the sentence of
the extractive reader's answer, and, for "why" questions, sentences that give a reason.
Headers and sentences with nothing but de-identification placeholders are never planned.

`plain()` is the extractive writer: header prefixes and list markers dropped (their words kept),
placeholders as readable stand-ins (`readable`),
dosing shorthand and known abbreviations expanded (`clinqa.text.glossary`), list items and
labelled fragments turned into sentences with the words of their section header. Apart from the
noun of a route used as a noun ("transitioned to treatment by mouth") it adds no content word that
is not in the sentence (read with the same stand-ins), its header or the glossary, so it is
faithful by construction (and `checks` confirms it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from clinqa.generate.lead import AnswerLead
from clinqa.generate.question_types import SKIP, leads_study, question_type, type_bonus
from clinqa.generate.readable import readable
from clinqa.text.glossary import drug_class_stems, expand, mentions_class
from clinqa.text.sentences import HEADER_RE, LINE_HEADER_RE
from clinqa.types import Answer, Evidence, Sentence

_STANDIN = re.compile(r"\[[a-z ]+\]|\ba date removed for privacy\b")
# "transitioned to PO", "tolerating PO": the route used as a noun; "by mouth" alone would garble it
_ROUTE_NOUN = re.compile(r"\b((?i:to|tolerat\w*|advanc\w*))\s+(?:PO|p\.o\.)(?=\s+(?:once|when|and|on|as|with|by|after|today)\b|[.,;]|$)")
_ROUTE_DRUG = re.compile(r"\b(to)\s+(?:PO|p\.o\.)\s+((?!(?:once|when|and|after|with|today)\b)[A-Za-z][a-z-]{3,}"
                         r"(?:\s+\d+(?:\.\d+)?\s*(?:mg|mcg|g|units?)\b)?)")
_MARKER = re.compile(r"^(?:\(?\d{1,3}[.)]|[-*\u2022])\s+")
_LABEL = re.compile(r"^([A-Za-z][A-Za-z0-9 /&()'-]{1,60}):\s+(\S.*)$")
# Words that make a clause a sentence rather than a list fragment (no tagger runs here: the
# shared spaCy pipeline has none).
_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|be|been|will|would|should|may|can|could|did|does|do|"
    r"shows?|showed|revealed?|denies|denied|reports?|reported|presented|received|started|stopped|held|"
    r"treated|given|takes?|taking|took|continue[sd]?|returns?|develops?|follow|resolved|improved|underwent|"
    r"noted|found|complains?|admitted|discharged|placed|seen|weaned|restarted|changed|died|please|need|needs)\b",
    re.I)
_PARTICIPLE_HEADER = re.compile(r"^(?:\w+ )?(?:stopped|started|held|changed|discontinued|increased|decreased|"
                                r"continued|resumed|new|added|removed|reduced|adjusted)$")
_PLAN_HEADER = re.compile(r"\b(?:plan|recommendations?|instructions?)\b")
_RESULT_HEADER = re.compile(r"\b(?:impression|diagnosis|complaint|reason|indication|conclusion|result|finding|"
                            r"disposition|condition|procedure|operation|examination|exam|allergy|rhythm|status)$")
_IMPERATIVE = re.compile(r"^(?:hold|stop|start|continue|check|repeat|consider|avoid|resume|restart|increase|decrease|"
                         r"follow|monitor|obtain|send|give|renally|titrate|discontinue|add|change|switch|recheck|"
                         r"refer|schedule|trend|wean|taper)\b", re.I)
_CLAUSE_START = re.compile(r"^(?:he|she|they|the patient|patient|pt|we|you|it|this|there)\b", re.I)

# Question wording -> sections that usually answer it (medspaCy Sectionizer categories).
# The reason for admission is stated first by the chief complaint and the diagnoses; the
# present illness gives its story.
ADMISSION_SECTIONS = {"chief_complaint": 0.5, "reason_for_examination": 0.5, "diagnoses": 0.45,
                      "history_of_present_illness": 0.3}
_ADMISSION = re.compile(r"\b(admit\w*|admission|hospitali[sz]\w*|came in|come in|present\w*|brought in|"
                        r"why .*hospital)\b", re.I)
INTENTS: tuple[tuple[re.Pattern, frozenset[str]], ...] = (
    (re.compile(r"\b(medication\w*|medicine\w*|drugs?|pills?|prescri\w*|doses?|dosing|take|taking|antibiotics?|"
                r"inhalers?|steroids?|stopp?e?d?|held|restart\w*)\b", re.I),
     frozenset({"medications", "hospital_course"})),
    (re.compile(r"\bdiagnos\w*|\bwhat (?:was|is) wrong\b", re.I), frozenset({"diagnoses", "observation_and_plan", "problem_list"})),
    (re.compile(r"\ballerg\w*", re.I), frozenset({"allergy", "allergies"})),
    (re.compile(r"\bfamily\b", re.I), frozenset({"family_history"})),
    (re.compile(r"\b(tests?|labs?|results?|x-?ray|scan|imaging|ct|mri|blood work|cultures?)\b", re.I),
     frozenset({"labs_and_studies", "imaging", "hospital_course"})),
    (re.compile(r"\b(follow[- ]?up|instructions?|return|should i|do i need|after discharge|at home)\b", re.I),
     frozenset({"patient_instructions", "patient_education"})),
    (re.compile(r"\b(treat\w*|happened|hospital stay|course|managed|therapy)\b", re.I), frozenset({"hospital_course"})),
    (re.compile(r"\b(history|before|past)\b", re.I), frozenset({"past_medical_history"})),
)
_WHY = re.compile(r"^\s*why\b|\breason\b|\bcause\b", re.I)
_REASON = re.compile(r"\b(because|due to|in the setting of|secondary to|given|for|since|as a result|caused by)\b", re.I)

SECTION_BONUS = 0.35
CLASS_BONUS = 0.5
READER_BONUS = 0.3
REASON_BONUS = 0.15
KEEP_RATIO = 0.6  # a sentence joins the plan when its score is at least this share of the best


@dataclass(frozen=True)
class PlannedSentence:
    """One answer sentence to write: the note sentences it comes from and their extractive
    plain-language rewrite."""

    ids: tuple[str, ...]
    text: str
    score: float


def headers_of(sentences: Sequence[Sentence]) -> dict[str, str]:
    """Sentence id -> the header of its section ("DISCHARGE MEDICATIONS"), without the colon:
    the nearest header sentence above it, or the header that opens the sentence itself."""
    out: dict[str, str] = {}
    current = ""
    for s in sentences:
        t = " ".join(s.text.split())
        if s.kind == "header":
            current = t.rstrip(":").strip()
            continue
        m = HEADER_RE.match(t)
        out[s.id] = m.group(1) if m else current
        if m:
            current = m.group(1)
    return out


def _clean_placeholders(t: str) -> str:
    """Placeholders as readable stand-ins (`readable`); nothing is deleted mid-phrase."""
    t = readable(t)
    t = re.sub(r"\s+([,.;:])", r"\1", " ".join(t.split()))
    return re.sub(r"^[,.;:\s]+", "", t)


def _route_nouns(t: str) -> str:
    """"transitioned to PO cefpodoxime" -> "transitioned to cefpodoxime by mouth";
    "transitioned to PO once afebrile" -> "transitioned to treatment by mouth once afebrile"."""
    t = _ROUTE_NOUN.sub(lambda m: f"{m.group(1)} {'treatment' if m.group(1).lower() == 'to' else 'intake'} by mouth", t)
    return _ROUTE_DRUG.sub(lambda m: f"{m.group(1)} {m.group(2)} by mouth", t)


def _is_clause(t: str) -> bool:
    # "Continued apixaban 5 mg BID.": a clause whose subject notes leave out
    return bool(_CLAUSE_START.match(t) or _VERB.search(t) or re.match(r"^[A-Za-z]+ed\b", t))


def _lower_first(t: str) -> str:
    """"Metformin was held" -> "metformin was held"; acronyms ("COPD") and "I" stay."""
    return t[:1].lower() + t[1:] if len(t) > 1 and t[1].islower() else t


def _lead(header: str, body: str) -> str:
    """A list fragment under `header` as a sentence: "Discharge medications include X."."""
    h = header.strip().rstrip(":").lower()
    if not h:
        return body
    body = _lower_first(body)
    if _PARTICIPLE_HEADER.match(h):
        # "STOPPED: aspirin 81 mg daily, ibuprofen" -> "These were stopped: aspirin 81 mg daily, ibuprofen"
        return f"These were {h}: {body}"
    if _PLAN_HEADER.search(h) and _IMPERATIVE.match(body):
        # "PLAN: hold lisinopril" -> "The plan is to hold lisinopril"
        return f"The plan is to {body}"
    plural = any(w.endswith("s") and not w.endswith(("sis", "ss", "us")) for w in h.split())
    if "history" in h or "list" in h:
        verb = "includes"
    elif plural:
        verb = "include"
    elif _RESULT_HEADER.search(h) and not _IMPERATIVE.match(body):
        verb = "was"
    else:
        # "HOSPITAL COURSE: normal at discharge" is no "The hospital course was normal": the
        # header stays a label, in words ("hpi" -> "history of present illness")
        label = expand(header.strip().rstrip(":"))
        return f"{label.capitalize() if label.isupper() and len(label) > 5 else label}: {body}"
    return f"The {h} {verb} {body}"


def plain(sentence: Sentence | str, header: str = "") -> str:
    """The sentence in plain language (see the module doc); "" when nothing readable is left
    (a header, a placeholder-only line)."""
    t = " ".join((sentence.text if isinstance(sentence, Sentence) else sentence).split())
    if not t or (LINE_HEADER_RE.match(t)) or ((m := HEADER_RE.match(t)) and m.end() >= len(t.rstrip())):
        return ""
    m = HEADER_RE.match(t)
    if m:
        header, t = m.group(1), t[m.end():].strip()
    t = _MARKER.sub("", t)
    t = _clean_placeholders(re.sub(r"_{4,}|={4,}|-{4,}", " ", t))  # ruler lines are layout, not words
    # "[**Hospital1 18**]" alone, "Attending: [**Name**]": nothing readable but a stand-in
    bare = _STANDIN.sub("", t).strip(" .,;")
    if t.endswith(":") or bare.endswith(":") or not re.search(r"[A-Za-z]{2}", bare):
        return ""
    t = expand(_route_nouns(t.replace("*", "")))
    t = " ".join(t.split()).rstrip(" .;:,")
    label = _LABEL.match(t)
    if label:
        name, rest = label.group(1).strip(), label.group(2).strip()
        if _is_clause(rest):
            t = f"For {_lower_first(name)}, {_lower_first(rest)}"
        elif header and name.lower() in {"primary", "secondary", "principal", "other", "new", "chronic", "acute"}:
            t = _lead(f"{name} {header}", rest)
        else:
            t = f"{name}: {rest}"
    elif header and not _is_clause(t) and not re.match(r"^(?:no|not|none|negative)\b", t, re.I):
        t = _lead(header, t)
    return (t[:1].upper() + t[1:]).rstrip(" .") + "."


ADMIN_LABELS = frozenset({"code status", "service", "attending", "sex", "admission date", "discharge date",
                          "date of birth", "dob", "mrn", "dictated by", "signed", "cc", "location", "room", "bed",
                          "referring physician", "primary care physician", "pcp", "provider", "author"})


def _administrative(text: str, question: str) -> bool:
    """"Sex: M.", "Service: MEDICINE.", "Code status: Full code.": a record-keeping label (or any
    label with a one- or two-word value) that the question does not ask about."""
    m = _LABEL.match(text.rstrip("."))
    if not m or m.group(1).lower() in question.lower():
        return False
    return m.group(1).lower() in ADMIN_LABELS or (len(m.group(2).split()) <= 2 and not _is_clause(m.group(2)))


def intent_sections(question: str) -> frozenset[str]:
    out: set[str] = set()
    for pat, sections in INTENTS:
        if pat.search(question):
            out |= sections
    return frozenset(out)


def plan_answer(question: str, sentences: Sequence[Sentence], evidence: Sequence[Evidence],
                answers: Sequence[Answer] = (), word_limit: int = 75, max_sentences: int = 4,
                lead: AnswerLead | None = None) -> list[PlannedSentence]:
    """The planned answer sentences, at most `word_limit` words together: the sentences holding
    the answer policy's answers first (`lead`), then the supporting evidence in note order. When
    the lead says the note does not answer, that sentence (no citation) and the sentences that
    mention what was asked are the whole answer."""
    headers = headers_of(sentences)
    texts = {s.id: plain(s, headers.get(s.id, "")) for s in sentences}
    if lead is not None and lead.not_answered:
        out = [PlannedSentence(ids=(), text=lead.not_answered, score=0.0)]
        words = len(lead.not_answered.split())
        for i in lead.related:
            if texts.get(i) and words + len(texts[i].split()) <= word_limit and len(out) < max_sentences:
                out.append(PlannedSentence(ids=(i,), text=texts[i], score=0.0))
                words += len(texts[i].split())
        return out
    fused = {e.sentence_id: e.score for e in evidence}
    eligible = [s for s in sentences if s.kind != "header" and texts[s.id] and not _administrative(texts[s.id], question)]
    if not eligible:
        return []
    vals = [fused.get(s.id, 0.0) for s in eligible]
    lo, hi = min(vals), max(vals)
    span = (hi - lo) or 1.0
    sections = intent_sections(question)
    stems = drug_class_stems(question)
    why = bool(_WHY.search(question))
    qt = question_type(question)
    reader_ids = {a.sentence_id for a in answers if a.text and a.sentence_id}
    lead_ids = [i for i in (lead.ids if lead is not None else ()) if texts.get(i)]
    scored = []
    admission = bool(_ADMISSION.search(question))
    for s, v in zip(eligible, vals):
        score = (v - lo) / span
        if admission and s.section in ADMISSION_SECTIONS:
            score += ADMISSION_SECTIONS[s.section]
        elif s.section in sections:
            score += SECTION_BONUS
        if stems and mentions_class(s.text, stems):
            score += CLASS_BONUS
        if s.id in reader_ids:
            score += READER_BONUS
        if why and _REASON.search(s.text):
            score += REASON_BONUS
        bonus = type_bonus(qt, texts[s.id], headers.get(s.id, ""))
        if bonus == SKIP and s.id not in lead_ids:
            continue
        score += max(bonus, -1.0)
        scored.append((score, s))
    if not scored:
        return []
    scored.sort(key=lambda p: -p[0])
    best = scored[0][0]
    by_id = {s.id: s for s in sentences}
    chosen: list[tuple[float, Sentence]] = []
    words = 0
    for i in lead_ids[:max_sentences]:
        n = len(texts[i].split())
        if chosen and words + n > word_limit:
            continue
        chosen.append((best + 1.0, by_id[i]))
        words += n
    n_lead = len(chosen)
    for score, s in scored:
        if any(c.id == s.id for _, c in chosen):
            continue
        if len(chosen) >= max_sentences or (chosen and score < KEEP_RATIO * best):
            break
        n = len(texts[s.id].split())
        if chosen and words + n > word_limit:
            continue  # a shorter one further down may still fit
        chosen.append((score, s))
        words += n
    order = {s.id: i for i, s in enumerate(sentences)}
    # after the policy's answer: a study's conclusion, then the rest in note order
    rest = sorted(chosen[n_lead:], key=lambda p: (not leads_study(qt, headers.get(p[1].id, "")), order[p[1].id]))
    return [PlannedSentence(ids=(s.id,), text=texts[s.id], score=round(score, 4)) for score, s in chosen[:n_lead] + rest]
