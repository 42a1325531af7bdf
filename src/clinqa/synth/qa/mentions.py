"""What `clinqa synth qa` finds in a note before it asks anything: drugs (drug lexicon),
problems and symptoms (the lexicon's problem and symptom groups, then ICD-10-CM terms),
procedures and imaging, each with its ConText assertion and section; lab values (the lexicon's
lab names and units, and MIMIC-III dump labels) with the time they were taken; "Header:"
sections and list items; and the cues around a mention (negation, plans).

Every vocabulary here is the lexicon in use (`clinqa.lexicon.lexicon()`, a user's file
included): the tables built from it are cached per lexicon object, so `use_lexicon` takes effect."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from clinqa.lexicon import Lexicon, PerLexicon, lexicon
from clinqa.synth.mimic import MIMIC_LAB_LABELS
from clinqa.synth.qa.vocab import (
    FAMILY_CUE,
    HEADER_LINE,
    ICD_STOP,
    IMAGING_NAME,
    LIST_MARKER,
    NEG_CUE,
    NOT_A_DRUG,
    PLANNED_CUE,
    PROCEDURE_NAMES,
    PROCEDURE_TERMS,
    TOKEN,
    WHEN_CUES,
)
from clinqa.types import Note, Span

# A dose after a drug's name: a number (or range) and one of the lexicon's dose units.
DOSE = PerLexicon(lambda lex: re.compile(
    r"\b\d+(?:\.\d+)?(?:\s*-\s*\d+(?:\.\d+)?)?\s?" + lex.dose_unit_re + r"(?![\w/])", re.I))


@dataclass(frozen=True)
class NoteMention:
    """An entity found in a note: `kind` one of SLOTS, `name` its canonical name."""

    kind: str
    name: str
    span: Span
    assertion: str = "present"
    section: str | None = None


@dataclass(frozen=True)
class AskableConcept:
    """A problem or symptom the finders look for and ask about: one synonym group of the lexicon
    with a `kind`, named by its first name."""

    name: str
    kind: str  # "problem" | "symptom"
    forms: tuple[str, ...]  # the names looked for, as written (upper-case ones case-sensitively)
    ambiguous: tuple[str, ...]  # never looked for; a note with one is not asked about it as absent

    @property
    def category(self) -> str:
        return "Symptoms" if self.kind == "symptom" else "Diagnosis"


@functools.lru_cache(maxsize=4)
def _concepts(lex: Lexicon) -> tuple[AskableConcept, ...]:
    out = []
    for g in lex.synonyms:
        if g.kind not in ("problem", "symptom"):
            continue
        # an ambiguous abbreviation a group also holds (the answer policy's "af") is still no form
        # to find the concept by in a note
        ambiguous = tuple(dict.fromkeys(a for n in g.names for a in lex.ambiguous_abbreviations.get(n.lower(), ())))
        skip = {a.lower() for a in ambiguous}
        out.append(AskableConcept(g.names[0], g.kind, tuple(n for n in g.names if n.lower() not in skip), ambiguous))
    return tuple(out)


def concepts() -> tuple[AskableConcept, ...]:
    """The problems and symptoms of the lexicon in use, in its order."""
    return _concepts(lexicon())


# ------------------------------------------------------------------------------ finders
def _word_regex(forms: Iterable[str]) -> tuple[re.Pattern | None, re.Pattern | None]:
    """(case-insensitive regex for mixed/lower-case forms, case-sensitive one for abbreviations)."""
    low = sorted({f for f in forms if not _is_abbrev(f)}, key=len, reverse=True)
    up = sorted({f for f in forms if _is_abbrev(f)}, key=len, reverse=True)

    def rx(items, flags):
        if not items:
            return None
        return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(x) for x in items) + r")(?![\w])", flags)

    return rx(low, re.I), rx(up, 0)


def _is_abbrev(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return (len(form) <= 6 and sum(c.isupper() for c in letters) >= 2) or (len(form) <= 3 and form[:1].isupper())


@functools.lru_cache(maxsize=4)
def _problem_forms(lex: Lexicon) -> tuple[dict[str, AskableConcept], tuple]:
    form_to_concept = {}
    for c in _concepts(lex):
        for f in c.forms:
            form_to_concept[f.lower() if not _is_abbrev(f) else f] = c
    return form_to_concept, _word_regex(form_to_concept)


# A lab name this short counts only written with a capital ("K", "Na", "Cr", "Hgb", "WBC", "TnT",
# "pH"): in lower case it is as often a word or a unit ("k" thousands, "na" n/a, "ca" circa, "alt",
# "bun"), and notes write lab abbreviations capitalised. The lexicon keeps its names lower-case
# (the answer policy ignores case), so the case rule is the finder's.
SHORT_LAB_NAME = 3


@dataclass(frozen=True)
class LabForms:
    """The lab names the lab-value finder reads: the lexicon's labs that are no vital sign (a
    question about a vital sign is no lab question) and the MIMIC-III dump labels."""

    canonical: dict[str, str]  # lower-cased lexicon name -> canonical name
    mimic: dict[str, str]  # dump label as written -> canonical name
    value_re: re.Pattern  # a name, then its value and unit: groups "name", "value", "unit"

    def name_of(self, surface: str) -> str | None:
        """The canonical name a matched name stands for, None where the case rule rejects it."""
        if surface in self.mimic:
            return self.mimic[surface]
        if len(surface) <= SHORT_LAB_NAME and surface.islower():
            return None
        return self.canonical.get(surface.lower())

    def names_of(self, name: str) -> tuple[str, ...]:
        """Every name of lab `name` the finder knows (to tell a note that never mentions it)."""
        return (*(a for a, n in self.canonical.items() if n == name), *(m for m, n in self.mimic.items() if n == name))


@functools.lru_cache(maxsize=4)
def _lab_forms(lex: Lexicon) -> LabForms:
    labs = [lab for lab in lex.labs if not lab.vital]
    canonical = {a.lower(): lab.name for lab in labs for a in lab.names}
    mimic = {label: name for name, label in MIMIC_LAB_LABELS.items() if name in canonical.values()}
    # a value's unit is one of the lexicon's forms of the dimensions its labs are measured in
    # (concentration, count, percent; time for a PTT), so a dose ("40 mg") is never read as one
    dims = {d for lab in labs for d in lab.dimensions}
    units = "|".join(f for d, forms in lex.unit_dimensions if d in dims for f in forms)
    # "an ejection fraction of 30-35%" is a range, not the value 30: a number followed by "-<digit>"
    # is never read as a value
    value = (r"(?:\s+(?:level|count|value))?(?:\s*[:=]\s*|\s*-\s*|\s+(?:was|of|is|at|were)\s+|\s+)"
             r"(?P<value>\d+(?:\.\d+)?)\*?(?:\s?(?P<unit>" + units + r"))?(?![\w/]|-\d)")
    names = sorted({*canonical, *mimic}, key=len, reverse=True)
    rx = re.compile(r"(?<![\w%(-])(?P<name>" + "|".join(re.escape(x) for x in names) + r")(?![\w])" + value, re.I)
    return LabForms(canonical, mimic, rx)


def lab_forms() -> LabForms:
    """The lab names and value pattern of the lexicon in use."""
    return _lab_forms(lexicon())


def lab_display_name(name: str) -> str:
    """How a question writes a lab's canonical name: an initialism or a code ("bun", "inr", "hba1c")
    in upper case, as notes and clinicians write them; the lexicon stores every name lower-case."""
    return name.upper() if " " not in name and (len(name) <= SHORT_LAB_NAME or any(c.isdigit() for c in name)) \
        else name


def lab_value_span(m: re.Match) -> Span:
    start = m.start("value")
    end = m.end("unit") if m.group("unit") else m.end("value")
    return Span(start, end, m.string[start:end])


def find_mentions(note: Note) -> list[NoteMention]:
    """Drugs, problems, symptoms, procedures and imaging in `note`, with ConText assertions
    (and "family" for anything in a family-history section)."""
    from clinqa.lexicon.drugs import find_drugs

    from clinqa.lexicon.icd10cm import label_terms

    lex = lexicon()
    text = note.text
    toks = list(TOKEN.finditer(text))
    out: list[NoteMention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    # drugs
    for drug, i, j in find_drugs([t.group() for t in toks]):
        s, e = toks[i].start(), toks[j - 1].end()
        surface = text[s:e]
        # a lab analyte ("lactic acid", "potassium") or a gas standing alone is no drug taken
        if surface.lower() in NOT_A_DRUG or surface.lower() in lex.lab_canonical or len(surface) < 3:
            continue
        name = str(drug.get("name") or surface).lower()
        out.append(NoteMention("drug", name, Span(s, e, surface)))
        taken.append((s, e))
    # the lexicon's problems and abbreviations first: they are the longer, clinical forms
    form_to_concept, (low_rx, up_rx) = _problem_forms(lex)
    for rx in (low_rx, up_rx):
        for m in rx.finditer(text) if rx else ():
            if not free(m.start(), m.end()):
                continue
            key = m.group() if rx is up_rx else m.group().lower()
            concept = form_to_concept.get(key)
            if concept is None:
                continue
            out.append(NoteMention(concept.kind, concept.name, Span(m.start(), m.end(), m.group())))
            taken.append((m.start(), m.end()))
    # ICD-10-CM terms: longest match over word n-grams
    index = label_terms()
    words = [(t.group().lower(), t.start(), t.end()) for t in toks]
    for n in range(min(6, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            s, e = words[i][1], words[i + n - 1][2]
            if not free(s, e):
                continue
            term = " ".join(w for w, _, _ in words[i:i + n])
            hit = index.get(term)
            if not hit or term in ICD_STOP or (n == 1 and len(term) < 5) or _in_header(text, s):
                continue
            out.append(NoteMention("symptom" if hit[0] == "Symptoms" else "problem", term, Span(s, e, text[s:e])))
            taken.append((s, e))
    # procedures and imaging
    for m in PROCEDURE_TERMS.finditer(text):
        if free(m.start(), m.end()):
            out.append(NoteMention("procedure", _canonical_procedure(m.group()), Span(m.start(), m.end(), m.group())))
            taken.append((m.start(), m.end()))
    for m in re.finditer(r"(?i)\b" + IMAGING_NAME + r"\b", text):
        if free(m.start(), m.end()):
            out.append(NoteMention("imaging", m.group().lower(), Span(m.start(), m.end(), m.group())))
    out.sort(key=lambda x: x.span.start)
    return _with_assertions(note, out)


def _canonical_procedure(surface: str) -> str:
    s = surface.lower()
    return PROCEDURE_NAMES.get(s, surface if surface.isupper() else s)


def _with_assertions(note: Note, mentions: list[NoteMention]) -> list[NoteMention]:
    from clinqa.text.assertion import assert_spans
    from clinqa.text.sentences import segment

    sentences = segment(note.text, note.id)
    starts = [s.start for s in sentences]
    asked = [m for m in mentions if m.kind in ("problem", "symptom", "procedure", "drug")]
    labels = dict(zip((m.span.start for m in asked), assert_spans(note.text, [(m.span.start, m.span.end) for m in asked])))
    out = []
    for m in mentions:
        i = bisect.bisect_right(starts, m.span.start) - 1
        section = sentences[i].section if i >= 0 else None
        a = labels.get(m.span.start, "present")
        if section == "family_history" or _family_line(note.text, m.span.start):
            a = "family"
        out.append(NoteMention(m.kind, m.name, m.span, a, section))
    return out


def _family_line(text: str, pos: int) -> bool:
    """A family-history line written without a recognised header ("FHx: mother - breast cancer")."""
    line_start = text.rfind("\n", 0, pos) + 1
    return bool(FAMILY_CUE.search(text[line_start:pos]))


def _in_header(text: str, pos: int) -> bool:
    """Inside a "HEADER:" label ("HISTORY OF PRESENT ILLNESS:" names no illness)."""
    ls = text.rfind("\n", 0, pos) + 1
    colon = text.find(":", ls)
    le = text.find("\n", ls)
    return 0 <= colon and (le < 0 or colon < le) and pos < colon and bool(HEADER_LINE.match(text[ls:colon + 1]))


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind("\n", 0, pos), *(text.rfind(p, 0, pos) for p in (". ", "; "))) + 1
    ends = [i for i in (text.find("\n", pos), text.find(". ", pos), text.find("; ", pos)) if i >= 0]
    return start, (min(ends) if ends else len(text))


# ------------------------------------------------------------------------------ cues and structure
@functools.lru_cache(maxsize=512)
def drug_canonical(name: str) -> str:
    from clinqa.lexicon.drugs import find_drugs

    hits = find_drugs(name.split())
    return str(hits[0][0].get("name") or name).lower() if hits else name


def mentions_any(text: str, forms: Iterable[str]) -> bool:
    low_rx, up_rx = _word_regex(forms)
    return bool((low_rx and low_rx.search(text)) or (up_rx and up_rx.search(text)))


def negation_span(text: str, span: Span) -> Span | None:
    """From the negation cue ("denies", "no") to the end of the negated mention, within its
    sentence: the words that say "no"."""
    s, _ = _sentence_bounds(text, span.start)
    cues = list(NEG_CUE.finditer(text, s, span.start))
    if not cues:
        return None
    start = cues[-1].start()
    if span.end - start > 120:
        return None
    return Span(start, span.end, text[start:span.end])


def is_planned(text: str, pos: int) -> bool:
    s, e = _sentence_bounds(text, pos)
    return bool(PLANNED_CUE.search(text[s:e]))


def admission_or_discharge(text: str, pos: int) -> str | None:
    """"admission" / "discharge" when the value's line (or the header line above it) says so."""
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    line = text[ls: le if le >= 0 else len(text)]
    for tag, rx in WHEN_CUES:
        if rx.search(line):
            return tag
    prev_end = ls - 1
    if prev_end > 0:
        prev = text[text.rfind("\n", 0, prev_end) + 1:prev_end].strip()
        if prev.endswith(":"):
            for tag, rx in WHEN_CUES:
                if rx.search(prev):
                    return tag
    return None


def header_sections(text: str) -> list[tuple[str, Span]]:
    """(header, body span) for each "Header:" line; the body runs to the next blank line or
    header, trimmed. A header with text on its own line ("CC: cough") has that text as body."""
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    out = []
    i = 0
    while i < len(lines):
        start, line = lines[i]
        m = HEADER_LINE.match(line)
        if not m or len(m.group(1).split()) > 6:
            i += 1
            continue
        header = m.group(1).strip()
        body_start = start + m.start(2) if m.group(2).strip() else None
        body_end = start + len(line) if body_start is not None else None
        j = i + 1
        if body_start is None:
            while j < len(lines) and lines[j][1].strip() and not HEADER_LINE.match(lines[j][1]):
                if body_start is None:
                    body_start = lines[j][0] + (len(lines[j][1]) - len(lines[j][1].lstrip()))
                body_end = lines[j][0] + len(lines[j][1].rstrip())
                j += 1
        if body_start is not None and body_end is not None and body_end > body_start:
            out.append((header, Span(body_start, body_end, text[body_start:body_end])))
        i = max(j, i + 1)
    return out


def first_item(text: str, body: Span) -> Span | None:
    first_line = body.text.split("\n", 1)[0]
    m = LIST_MARKER.match(first_line)
    s = body.start + (m.end() if m else 0)
    e = body.start + len(first_line.rstrip().rstrip("."))
    if e <= s:
        return None
    return Span(s, e, text[s:e])

