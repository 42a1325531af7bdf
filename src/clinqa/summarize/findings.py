"""Every statement of a radiology findings text, typed: each sentence (and clause) is a normal
statement, a negated finding, or a positive (or uncertain) finding with its head phrase, body
part, laterality, size, severity and change. Any modality, no fixed label set.

How (algorithms here, words in `clinqa.lexicon.radiology`):
- sentences from the shared pipeline (PyRuSH + sectionizer), clauses split at the lexicon's
  clause breaks; sentences under an indication / history / technique heading are skipped;
- head phrases from a phrase matcher over the lexicon's finding terms (longest match wins), a
  structure stated with an abnormal word ("the cardiac contour is enlarged"), and otherwise the
  clause's own leading noun phrase, so a finding the lexicon does not know still counts;
- assertion from ConText with the radiology cues of `clinqa.text.chexpert` ("may represent",
  "cannot be excluded", "has resolved", "no change in" as a pseudo-negation);
- a normal statement is a clause that matches one of the lexicon's normal statements (whole
  study, or the modality's) and asserts no finding and no abnormal word;
- attributes (side, severity, change, body part, sizes, other numbers) go to the nearest head
  of their clause.

Every finding keeps character offsets into the text it was read from (`text[s.start:s.end] ==
s.text` for its head, clause and sentence, and for each attribute).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from clinqa.lexicon.radiology import RadiologyLexicon, radiology_lexicon
from clinqa.types import Span

KINDS = ("positive", "uncertain", "negated", "resolved", "normal")  # resolved: negated by a resolution
_NUMBER = r"\d+(?:\.\d+)?"
# A label opening a line of an organ-by-organ or level-by-level template ("LEFT KIDNEY: ...",
# "L4-5: ..."): what follows, up to the next label or a blank line, is about it.
_LABEL = re.compile(r"(?m)(?:^|(?<=[.;] ))[ \t]*(?:\d{1,2}[.)][ \t]*)?([A-Za-z][A-Za-z0-9 ,/()-]{0,40}?)[ \t]*:(?!\d)")
_LEVEL_AT = re.compile(r"[CTLS]\d{1,2}\b")
_ITEM_START = re.compile(r"(?:[-*\u2022]|\(?\d{1,2}[.)])\s")  # a list item's marker at a line's start


def levels_in(text: str) -> bool:
    """Does a label name a spinal level ("L4-5", "C7-T1")?"""
    return bool(re.search(r"\b[CTLS]\d{1,2}\b", text))
_NO_SPLIT_BEFORE_WITH = {"consistent", "compatible", "associated", "concordant", "along", "together"}
# closed-class words a fallback head phrase starts after or stops at
_LEAD = {"there", "is", "are", "was", "were", "has", "have", "had", "been", "be", "again", "seen", "noted", "a", "an",
         "the", "this", "these", "that", "also", "additionally", "otherwise", "and", "no", "not", "without", "any",
         "evidence", "of", "some", "few", "several", "multiple", "numerous", "redemonstrated", "persistent", "appears",
         "appear", "suspected", "possible", "probable", "likely", "questionable", "definite", "focal", "acute",
         "however", "negative", "for", "but", "xxxx"}
_STOP = {"is", "are", "was", "were", "in", "at", "of", "within", "on", "to", "from", "along", "involving", "measuring",
         "which", "that", "seen", "noted", "with", "without", "and", "or", "may", "could", "likely", "consistent",
         "suggesting", "compatible", "projecting", "overlying", "adjacent", "has", "have", "since", "than", "as", "for",
         "by", "near", "about", "extending", "crossing", "there", "measures", "measure", "xxxx"}


@dataclass(frozen=True)
class Attribute:
    """A normalised value ("left", "moderate", "increased") and the words it was read from."""

    value: str
    span: Span


@dataclass(frozen=True)
class Size:
    """"2.1 x 1.4 cm": its dimensions in millimetres, and the words."""

    mm: tuple[float, ...]
    span: Span


@dataclass(frozen=True)
class Finding:
    """One statement of a findings (or impression) text."""

    kind: str  # positive | uncertain | negated | normal
    head: str  # the lexicon's head ("pleural effusion"), or the clause's own phrase; "" for a normal statement
    span: Span  # the head phrase (the whole clause for a normal statement)
    clause: Span
    sentence: Span
    known: bool = True  # head from the lexicon
    acute: bool = False
    laterality: Attribute | None = None
    severity: Attribute | None = None
    change: Attribute | None = None
    body_part: Attribute | None = None
    sizes: tuple[Size, ...] = ()
    numbers: tuple[Span, ...] = ()  # other numbers near the head ("6th" rib, "T12")
    section: str | None = None
    heading: Span | None = None  # the line label it sits under ("LEFT KIDNEY", "L4-5"), if any

    @property
    def positive(self) -> bool:
        """Asserted, or raised as possible: either belongs in an impression."""
        return self.kind in ("positive", "uncertain")

    @property
    def reportable(self) -> bool:
        """Belongs in an impression: asserted, possible, or resolved since the prior study (a
        follow-up's point: "the left lower lobe consolidation has resolved")."""
        return self.positive or self.kind == "resolved"


@dataclass(frozen=True)
class ReadFindings:
    """A parsed findings text: every statement in text order, and the modality it reads as."""

    text: str
    modality: str | None
    findings: tuple[Finding, ...] = field(default=())

    def positives(self, incidental: tuple[str, ...] = ()) -> list[Finding]:
        """What an impression must report: the reportable findings outside `incidental`."""
        return [f for f in self.findings if f.reportable and not is_incidental(f, incidental)]

    @property
    def normals(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == "normal"]


def is_incidental(f: Finding, incidental: tuple[str, ...]) -> bool:
    """A finding a site does not want in impressions: its head is listed, or a listed term is
    part of its head phrase."""
    if not incidental:
        return False
    words = f.span.text.lower()
    return any(f.head == t or re.search(rf"\b{re.escape(t)}\b", words) for t in incidental)


class _Matchers:
    """spaCy phrase matchers over the lexicon's words, built once per lexicon."""

    def __init__(self, nlp, lex: RadiologyLexicon):
        from spacy.matcher import PhraseMatcher

        def matcher(groups: dict[str, tuple[str, ...]]):
            m = PhraseMatcher(nlp.vocab, attr="LOWER")
            for label, words in groups.items():
                # every spelling of each phrase ("oedema", "haematoma", "oesophageal")
                m.add(label, list(nlp.tokenizer.pipe(dict.fromkeys(v for w in words for v in lex.spellings(w)))))
            return m

        self.terms = matcher({f.head: f.terms for f in lex.findings if f.terms})
        self.structures = matcher({f.head: f.structures for f in lex.findings if f.structures})
        self.qualifiers = {f.head: set(f.qualifiers) for f in lex.findings if f.qualifiers}
        self.laterality = matcher(lex.laterality)
        self.severity = matcher(lex.severity)
        self.change = matcher(lex.change)
        self.body = matcher({"body": lex.body_parts})
        self.acute = {f.head for f in lex.findings if f.acute}
        self.headers = tuple(c for m in lex.modalities for c in m.study_names)
        self.words = {w for v in (*lex.laterality.values(), *lex.severity.values(), *lex.change.values())
                      for w in v if " " not in w}
        units = sorted(lex.size_units, key=len, reverse=True)
        self.units = lex.size_units
        self.relations = (re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(r) for r in sorted(
            lex.place_relations, key=len, reverse=True)) + r")(?![a-z])") if lex.place_relations else None)
        self.size = re.compile(rf"\b({_NUMBER}(?:\s*(?:x|by|\u00d7)\s*{_NUMBER})*)\s*({'|'.join(map(re.escape, units))})\b",
                               re.I)


def _matchers(lex: RadiologyLexicon) -> _Matchers:
    from clinqa.text.pipeline import get_nlp

    return _matchers_on(get_nlp(), lex)


@functools.lru_cache(maxsize=4)
def _matchers_on(nlp, lex: RadiologyLexicon) -> _Matchers:
    # per pipeline too: the matchers' labels live in that pipeline's vocabulary, and a rebuilt
    # pipeline (get_nlp's cache cleared) gave "[E084] ... not in StringStore" with stale ones
    return _Matchers(nlp, lex)


def detect_modality(text: str, lex: RadiologyLexicon | None = None) -> str | None:
    """The modality whose cues the text names most (a report's header, or its findings); None
    when no cue is found."""
    lex = lex or radiology_lexicon()
    low = text.lower()
    best, score = None, 0
    for m in lex.modalities:
        n = sum(len(re.findall(rf"(?<![a-z]){re.escape(c)}(?![a-z])", low)) for c in m.cues)
        if n > score:
            best, score = m.name, n
    return best


def _clauses(text: str, start: int, end: int, lex: RadiologyLexicon) -> list[tuple[int, int]]:
    """Clause spans of the sentence text[start:end] at the lexicon's clause breaks (a break
    word starts the next clause)."""
    low = text[start:end].lower()
    cuts = set()
    for b in lex.clause_breaks:
        for m in re.finditer(re.escape(b), low):
            if b.strip() == "with":
                before = low[:m.start()].split()
                if before and before[-1].strip(",") in _NO_SPLIT_BEFORE_WITH:
                    continue
            cuts.add(m.start() + (len(b) - len(b.lstrip())))
    bounds = [0, *sorted(c for c in cuts if 0 < c < len(low)), len(low)]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        seg = text[start + a:start + b]
        lead = len(seg) - len(seg.lstrip(" ,;"))
        trail = len(seg.rstrip(" ,;."))
        if trail > lead:
            out.append((start + a + lead, start + a + trail))
    return out


def _span(text: str, a: int, b: int) -> Span:
    return Span(a, b, text[a:b])


def _nearest(heads: list[tuple[int, int]], a: int, b: int) -> int:
    """Index of the head nearest to [a, b) (0 when inside); ties go to the head that follows."""
    def dist(h):
        s, e = h
        return (0 if a < e and s < b else (s - b if b <= s else a - e + 0.5))
    return min(range(len(heads)), key=lambda i: dist(heads[i]))


def read_findings(text: str, *, modality: str | None = None, lexicon: RadiologyLexicon | None = None,
                  skip_sections: bool = True) -> ReadFindings:
    """Every statement of `text` (see the module doc). `modality` picks nothing but the
    reported modality (normal statements of every modality are recognised); None detects it."""
    lex = lexicon or radiology_lexicon()
    mod = modality or detect_modality(text, lex)
    if not text or not text.strip():
        return ReadFindings(text=text or "", modality=mod)
    from spacy.tokens import Span as SpacySpan
    from spacy.util import filter_spans

    from clinqa.text.chexpert import get_labeler
    from clinqa.text.pipeline import NLP_LOCK, get_nlp

    M = _matchers(lex)
    with NLP_LOCK:
        doc = get_nlp()(text, disable=["medspacy_context"])
        _split_missed_sentences(doc, lex.abbreviations)
        term_spans = [SpacySpan(doc, s, e, label=k) for k, s, e in M.terms(doc)]
        struct = [SpacySpan(doc, s, e, label=k) for k, s, e in M.structures(doc)]
        attrs = {name: filter_spans([SpacySpan(doc, s, e, label=k) for k, s, e in getattr(M, name)(doc)])
                 for name in ("laterality", "severity", "change", "body")}
        if lex.side_letters:  # "R kidney:", "L pleural effusion": a capital letter before a word
            letters = [doc.char_span(m.start(1), m.end(1), label=lex.side_letters[m.group(1)])
                       for m in re.finditer(r"(?<![\w/.-])([A-Z])(?=[ \t]+[A-Za-z]{3,})", text)
                       if m.group(1) in lex.side_letters]
            attrs["laterality"] = filter_spans(attrs["laterality"] + [x for x in letters if x is not None])
        sents = list(doc.sents)
        plan = []  # (sentence, clause, heads[(span, head, known)], section)
        for sent in sents:
            section = _section(sent)
            if skip_sections and section and any(w in section for w in lex.not_findings_sections):
                continue
            for cs, ce in _clauses(text, sent.start_char, sent.end_char, lex):
                ctext = text[cs:ce].lower()
                if not re.search(r"[a-z]{3}", ctext) or re.fullmatch(r"[a-z /]+:", ctext) or ctext.rstrip().endswith(":"):
                    continue  # a header ("FINDINGS:", "Liver: target lesions:") or punctuation
                cue_spans = [(cs + m.start(), cs + m.end()) for c in M.headers
                             for m in re.finditer(rf"(?<![a-z]){re.escape(c)}(?![a-z])", ctext)]
                heads = [sp for sp in term_spans if cs <= sp.start_char and sp.end_char <= ce
                         and not any(a <= sp.start_char and sp.end_char <= b for a, b in cue_spans)]
                if not heads and any(p in ctext for p in lex.not_finding_phrases):
                    continue
                heads += _structure_heads(doc, struct, M, cs, ce, {h.label_ for h in heads})
                heads = filter_spans(heads)
                known = True
                heads, owner = _without_places(doc, heads, cs, ce, M)
                if owner is not None:
                    heads, known = [owner], False
                if not heads and cue_spans:
                    continue  # "CT angiogram of the chest.": the study's name, not a finding
                if not heads:
                    fb = _fallback_head(doc, cs, ce, M)
                    if fb is not None and _only_body(fb, M) and not (set(re.findall(r"[a-z]+", ctext))
                                                                     & lex.abnormal_words):
                        fb = None  # "Chest." / "Lungs:": a heading or a structure, not a finding
                    if fb is not None:
                        heads, known = [fb], False
                plan.append((sent, (cs, ce), heads, known, section))
        ents = filter_spans([h for _, _, heads, _, _ in plan for h in heads])
        doc.ents = tuple(SpacySpan(doc, h.start, h.end, label="RAD_FINDING") for h in ents)
        get_labeler().context(doc)
        status = {(e.start_char, e.end_char): _status(e) for e in doc.ents}
    normals = lex.normal_statements(None)
    labels = _labels(text, attrs["laterality"], attrs["body"], [sp.start_char for sp in term_spans])
    places = [(x.start_char, x.end_char) for x in attrs["body"] + attrs["laterality"]]
    places += [(sent.start_char, sent.end_char) for sent, _, heads, known, _ in plan if heads and known]
    out: list[Finding] = []
    for sent, (cs, ce), heads, known, section in plan:
        sent_span = _span(text, _item_start(text, sent.start_char, sent.end_char, places), sent.end_char)
        clause = _span(text, cs, ce)
        found = []
        # "the right ventricle is not dilated": what precedes "is not <abnormal word>" is stated
        # normal (ConText's "is not" looks forward only)
        denied = re.search(r"\b(?:is|are|was|were|appears?|remains?)\s+not\s+(?:\w+\s+)?([a-z]+)", text[cs:ce].lower())
        denied_at = cs + denied.start() if denied and denied.group(1) in lex.abnormal_words else None
        for h in heads:
            st = status.get((h.start_char, h.end_char))
            if st is None:
                continue
            if st == "positive" and denied_at is not None and h.end_char <= denied_at:
                st = "negated"
            found.append((h, st))
        positive = [x for x in found if x[1] in ("positive", "uncertain")]
        ctext = text[cs:ce]
        is_normal = any(p.search(ctext) for p in normals)
        if is_normal and (not positive or not known) and not _has_abnormal_word(ctext, lex, positive):
            out.append(Finding(kind="normal", head="", span=clause, clause=clause, sentence=sent_span, section=section))
            # the negations it holds are findings too ("R kidney: no hydronephrosis"): an impression
            # may not deny without its side what the findings assert on the other
            found = [x for x in found if x[1] == "negated"] if known else []
        if not found:
            continue
        spans = [(h.start_char, h.end_char) for h, _ in found]
        bound: list[dict] = [{} for _ in found]
        for name, key in (("laterality", "laterality"), ("severity", "severity"), ("change", "change"),
                          ("body", "body_part")):
            for a in attrs[name]:
                if cs <= a.start_char and a.end_char <= ce:
                    i = _nearest(spans, a.start_char, a.end_char)
                    value = a.text.lower() if name == "body" else a.label_
                    bound[i].setdefault(key, Attribute(value, _span(text, a.start_char, a.end_char)))
        # a measurement is of a thing the clause asserts, not of what it is "suspicious for": in
        # "lytic lesion in the right 5th rib, 2.2 cm, suspicious for metastasis" the lesion is 2.2 cm
        measured = [i for i, (_, st) in enumerate(found) if st == "positive"] or list(range(len(found)))
        for m in M.size.finditer(text, cs, ce):
            i = measured[_nearest([spans[k] for k in measured], m.start(), m.end())]
            bound[i].setdefault("sizes", []).append(_size(m, text, M))
        sized = [(s.span.start, s.span.end) for b in bound for s in b.get("sizes", [])]
        for m in re.finditer(rf"(?<![\w.]){_NUMBER}", text[:ce]):
            if m.start() < cs or any(a <= m.start() < b for a, b in sized):
                continue
            i = measured[_nearest([spans[k] for k in measured], m.start(), m.end())]
            bound[i].setdefault("numbers", []).append(_span(text, m.start(), m.end()))
        heading = next((lab for lab, end in labels if lab.start <= cs and cs < end), None)
        if heading is not None:
            # a finding with no side of its own takes its label's ("LEFT KIDNEY: a 3 cm cyst")
            side = next((a for a in attrs["laterality"]
                         if heading.start <= a.start_char and a.end_char <= heading.end), None)
            for b in bound:
                if side is not None and "laterality" not in b:
                    b["laterality"] = Attribute(side.label_, _span(text, side.start_char, side.end_char))
        for (h, st), b in zip(found, bound):
            ch = b.get("change")
            if (st in ("negated", "positive") and ch is not None and ch.value == "resolved"
                    and not re.search(r"\b(?:not|never|yet to)\s+(?:\w+\s+)?$", text[cs:ch.span.start].lower())):
                # "the small left effusion has resolved", "interval clearing of the opacity": gone
                # now, and news against the prior study
                st = "resolved"
            head = h.label_ if known else _fallback_name(h)
            out.append(Finding(kind=st, head=head, span=_span(text, h.start_char, h.end_char), clause=clause,
                               sentence=sent_span, known=known, acute=known and head in M.acute,
                               laterality=b.get("laterality"), severity=b.get("severity"), change=b.get("change"),
                               body_part=b.get("body_part"), sizes=tuple(b.get("sizes", ())),
                               numbers=tuple(b.get("numbers", ())), section=section, heading=heading))
    return ReadFindings(text=text, modality=mod, findings=tuple(out))


def _labels(text: str, sides, body, terms=()) -> list[tuple[Span, int]]:
    """Each line label and where its scope ends (the next label, a blank line, or the end). A
    label is short ("LEFT KIDNEY:", "L4-5:", not "Compared with the CT from 6 hours earlier:"); a
    line opening with a side and an organ (the lexicon's words, `sides` and `body` matched spans:
    "Left kidney" of "Left kidney measures ...") counts only in an organ-by-organ layout, where two
    or more lines do: in a one-paragraph report the first sentence's side is not the rest's."""
    found = [(m.start(), m.start(1), m.end(1), "label") for m in _LABEL.finditer(text)
             if len(re.sub(r"\([^)]*\)", "", m.group(1)).split()) <= 4]  # "Nodule 1 (left lower pole):"
    sided = []
    for side in sides:
        if side.label_ not in ("left", "right"):
            continue
        line = text.rfind("\n", 0, side.start_char) + 1
        if not re.fullmatch(r"[ \t]*(?:the[ \t]+)?", text[line:side.start_char], re.I):
            continue  # not the line's opening words
        organ = next((b for b in body if b.start_char > side.end_char
                      and not text[side.end_char:b.start_char].strip()), None)
        if organ is not None:
            sided.append((line, side.start_char, organ.end_char, "line"))
    labelled = {(a, b) for _, a, b, _ in found}  # "LEFT KIDNEY:" is a label, not also a sided line
    found = sorted(found + [x for x in (sided if len(sided) >= 2 else []) if (x[1], x[2]) not in labelled])
    places = {sp.start_char for sp in (*body, *sides)}
    organs = {sp.start_char for sp in body}
    out = []
    for i, (start, a, b, kind) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(text)
        rest = text[b + 1:].split("\n", 1)[0].strip()
        alone = kind == "label" and (not rest or rest.endswith(":"))  # "Liver: Index lesions:" heads a list
        # a label alone on its line heads the lines below it, up to a blank line; a label with
        # its text after it ("Right lobe: 5.1 cm. Left lobe: ...", "C7-T1: Normal.") covers that
        # line only, and not a sentence of it that opens with its own place ("Isthmus 3 mm.")
        stop = text.find("\n\n" if alone else "\n", b)
        if stop != -1:
            end = min(end, stop)
        if not alone:
            # a later sentence of its line stays under it while it names no place of its own, and
            # either names no finding of its own ("Nodule 1: ... 1.9 cm. ACR TI-RADS TR4.") or the
            # label says where that finding is ("LEFT KIDNEY: 11.9 cm. Simple cyst ..."); "Lungs:
            # minor atelectasis. Small hiatus hernia." puts the hernia in no lung
            where = bool(levels_in(text[a:b]) or any(a <= x.start_char < b for x in sides))
            cuts = [b + m.end() for m in re.finditer(r"[.;]\s+", text[b:end])] + [end]
            for at, nxt in zip(cuts, cuts[1:]):
                # its own organ or level anywhere (a side alone is no place: "Mild bilateral
                # foraminal narrowing." under "L4-5:" is L4-5's)
                own_place = (at in places or _LEVEL_AT.match(text, at) or any(at <= x < nxt for x in organs)
                             or _LEVEL_AT.search(text, at, nxt))
                # a denial under an organ is that organ's ("Liver: homogeneous. No focal lesion.")
                own_finding = (any(at <= x < nxt for x in terms)
                               and not re.match(r"(?:no|without|negative for)\b", text[at:nxt], re.I))
                if own_place or (own_finding and not where):
                    end = at
                    break
        out.append((_span(text, a, b), end))
    return out


def _size(m: re.Match, text: str, M: _Matchers) -> Size:
    """The size one match of the size pattern gives, in millimetres."""
    factor = M.units[m.group(2).lower()]
    return Size(tuple(round(float(x) * factor, 3) for x in re.findall(_NUMBER, m.group(1))), _span(text, m.start(), m.end()))


def sizes_in(text: str, lexicon: RadiologyLexicon | None = None) -> list[Size]:
    """Every size a text gives ("4.3 x 2.6 x 2.2 cm"), in millimetres."""
    M = _matchers(lexicon or radiology_lexicon())
    return [_size(m, text, M) for m in M.size.finditer(text)]


def _item_start(text: str, start: int, end: int, places: list[tuple[int, int]]) -> int:
    """Where the statement of a sentence starts: at the sentence, or, for a sentence that goes
    on a list item's line without a place of its own ("- RUL nodule now 14 mm. Spiculated
    margins."), at the item's first word: the item is one thing, and the margins are the nodule's.
    `places`: stretches that give a sentence its own subject (a body part, a side, a known finding)."""
    line = text.rfind("\n", 0, start) + 1
    indent = len(text[line:start]) - len(text[line:start].lstrip())
    m = _ITEM_START.match(text, line + indent)
    before = text[m.end():start] if m is not None else ""
    if not before.strip() or any(start <= a and b <= end for a, b in places) or re.search(r"[.!?]\s+\S", before.strip()):
        # the line's first sentence, not a list item, a sentence with its own subject, or one
        # after the item's second sentence (only the item's first sentence is what it goes on)
        return start
    return m.end() + len(before) - len(before.lstrip())


def _split_missed_sentences(doc, abbreviations: tuple[str, ...] = ()) -> None:
    """A period followed by a number or a capital starts a sentence ("... effusion. 6 mm
    nodular opacity ..." is two): ConText's negation must not run on into the next one. Not
    after an abbreviation ("mass approx. 4.5 x 3.8 cm"). The same across a line break, and after a
    period a line that opens with a list marker ("margins.\n- 3 mm nodule") starts one too. (A list under a heading line, "target
    lesions:\n- Seg VIII: 3.2 cm\n- Seg IVb: ...", stays one statement: its items name no finding.)"""
    for t in doc[:-1]:
        if t.text != "." or (t.i > 0 and doc[t.i - 1].lower_ in abbreviations):
            continue
        n = doc[t.i + 1]
        if n.is_space and "\n" in n.text and t.i + 2 < len(doc):
            n = doc[t.i + 2]  # the line break is a token of its own
            if _ITEM_START.match(doc.text, n.idx):
                n.is_sent_start = True
                continue
        if not n.is_sent_start and (n.text[:1].isdigit() or n.text[:1].isupper()):
            n.is_sent_start = True


def _section(sent) -> str | None:
    title = sent[0]._.section_title
    return re.sub(r"[^A-Za-z ]+", "", title.text).strip().lower() if title else None


def _status(ent) -> str | None:
    if ent._.is_negated:
        return "negated"
    if ent._.is_hypothetical or ent._.is_family:
        return None  # "if there is a pneumothorax": not a statement about this study
    if ent._.is_uncertain:
        return "uncertain"
    return "positive"


def _has_abnormal_word(ctext: str, lex: RadiologyLexicon, positive) -> bool:
    words = set(re.findall(r"[a-z]+", ctext.lower()))
    if not (words & lex.abnormal_words):
        return False
    # "not enlarged", "no ... widening": the abnormal word is itself negated
    return not re.search(r"\b(?:not|no|without|non)\b", ctext.lower())


def _structure_heads(doc, struct, M: _Matchers, cs: int, ce: int, have: set[str]) -> list:
    """A structure and one of its abnormal words in the same clause ("the cardiac contour is
    mildly enlarged"): the words from the first to the last become the head phrase."""
    from spacy.tokens import Span as SpacySpan

    out = []
    for sp in struct:
        if not (cs <= sp.start_char and sp.end_char <= ce) or sp.label_ in have:
            continue
        quals = M.qualifiers.get(sp.label_, set())
        for t in doc[max(0, sp.start - 6):min(len(doc), sp.end + 8)]:
            if cs <= t.idx and t.idx + len(t) <= ce and t.lower_ in quals:
                a, b = min(sp.start, t.i), max(sp.end, t.i + 1)
                if any(x.lower_ in ("not", "no", "without", "non") for x in doc[min(sp.end, t.i):max(sp.start, t.i)]):
                    # "the right ventricle is not dilated": the head is the abnormal word alone,
                    # so ConText's negation before it applies (a head spanning it would hide it)
                    a, b = t.i, t.i + 1
                out.append(SpacySpan(doc, a, b, label=sp.label_))
                have.add(sp.label_)
                break
    return out


def _fallback_head(doc, cs: int, ce: int, M: _Matchers):
    """The clause's leading noun phrase when the lexicon names nothing in it: the words after
    its opening ("There is a", "No", severity and side words, a line label such as "TRANSITION
    ZONE:", a measurement) up to a verb or preposition."""
    from spacy.tokens import Span as SpacySpan

    toks = [t for t in doc if cs <= t.idx and t.idx + len(t) <= ce]
    colon = next((k for k, t in enumerate(toks[:7]) if t.text == ":"), None)
    if colon is not None and colon + 1 < len(toks):
        toks = toks[colon + 1:]  # "CAPSULE: focal bulge ...": the label says where, the rest what
    i = 0
    while i < len(toks) and (toks[i].lower_ in _LEAD or toks[i].lower_ in _STOP or toks[i].lower_ in M.words
                             or not toks[i].is_alpha or toks[i].lower_ in M.units or toks[i].lower_ == "x"):
        i += 1
    j = i
    while j < len(toks) and j - i < 5 and toks[j].lower_ not in _STOP and (toks[j].is_alpha or toks[j].text == "-"):
        j += 1
    if j == i:
        return None
    return SpacySpan(doc, toks[i].i, toks[j - 1].i + 1, label="")


def _without_places(doc, heads: list, cs: int, ce: int, M: _Matchers) -> tuple[list, object]:
    """The clause's heads without those that only say where another finding is: a term after one
    of the lexicon's place relations ("focal bulge adjacent to the left lesion", "fluid
    surrounding the graft") when the clause names something of its own before the relation. That
    something is returned as the owner when no other head is left (None otherwise)."""
    if not heads or not M.relations:
        return heads, None
    ctext = doc.text[cs:ce].lower()
    rel = [(cs + m.start(), cs + m.end()) for m in M.relations.finditer(ctext)]
    if not rel:
        return heads, None
    # "the right-sided lesion": determiners and the lexicon's side / severity / change words
    filler = _LEAD | {p for w in M.words for p in re.findall(r"[a-z]+", w)}
    places, owner = [], None
    for h in heads:
        for a, b in rel:
            between = re.findall(r"[a-z]+", doc.text[b:h.start_char].lower()) if b <= h.start_char else None
            if between is None or any(w not in filler for w in between):
                continue
            before = [x for x in heads if x.end_char <= a]
            fb = None if before else _fallback_head(doc, cs, a, M)
            if before or (fb is not None and not _only_body(fb, M)):
                places.append(h)
                owner = owner or fb
                break
    if not places:
        return heads, None
    rest = [h for h in heads if h not in places]
    return (rest, None) if rest else ([], owner)


def _only_body(head, M: _Matchers) -> bool:
    sub = head.as_doc()
    covered = {i for _, a, b in M.body(sub) for i in range(a, b)}
    return all(i in covered for i, t in enumerate(sub) if t.is_alpha)


def _fallback_name(h) -> str:
    return " ".join(t.lower_ for t in h if t.is_alpha)


def content_words(text: str, lex: RadiologyLexicon | None = None, prefix: int = 5) -> set[str]:
    """Stems (first `prefix` letters) of the content words of a phrase: how a head the lexicon
    does not know is compared with an impression's words. A longer prefix tells more words apart
    ("hyperenhancement" and a model's "hyperethrombosis" share five letters, not seven)."""
    lex = lex or radiology_lexicon()
    M = _matchers(lex)
    words = re.findall(r"[a-z]+", text.lower())
    return {w[:prefix] for w in words if len(w) > 2 and w not in _LEAD and w not in _STOP and w not in M.words}
