"""The check after decoding, for any modality: an impression must name every positive finding
of the findings (by head and side), may say "Otherwise, no acute ..." only when that is true of
the rest, and may not carry a number, unit, side, severity or change that the findings do not
give to that same finding.

Both texts are read with `clinqa.summarize.findings.read_findings` (the impression item by
item). An impression item fails when
- a finding it names has a size, another number, a side, a severity or a change the findings
  give to no finding of that head ("2.1 x 1.4 cm right midline shift" when the shift was 3 mm
  leftward and 2.1 x 1.4 cm was the hemorrhage), or it names a finding of a head the findings
  assert without the side they give it (the side lost);
- it negates a finding the findings assert ("No pulmonary embolism").
A failing item is replaced by the findings' own sentences for the findings it named; every
positive finding still unnamed (outside the site's `incidental` list) is added as the findings'
sentence that states it; a whole-study normal item is kept last as "Otherwise, ..." when other
items stand before it. `warnings` name each change.

`extractive_impression` is the same machinery with no model: the positive findings' sentences,
then the modality's normal impression.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from clinqa.lexicon.radiology import RadiologyLexicon, radiology_lexicon
from clinqa.summarize.findings import (
    Attribute,
    Finding,
    ReadFindings,
    content_words,
    is_incidental,
    read_findings,
    sizes_in,
)
from clinqa.summarize.items import contained as _contained
from clinqa.summarize.items import cut_short as _cut_short
from clinqa.summarize.items import once as _once
from clinqa.summarize.items import one_finding_each as _one_finding_each
from clinqa.summarize.items import read_item as _read_item
from clinqa.summarize.items import said_once as _said_once
from clinqa.summarize.items import study_normal as _study_normal
from clinqa.summarize.items import urgent_first as _urgent_first
from clinqa.summarize.items import words as _words
from clinqa.summarize.measures import ITEM_NUMBER as _ITEM_NUMBER
from clinqa.summarize.measures import NUMBER as _NUMBER
from clinqa.summarize.measures import stray_numbers, unplaced_numbers
from clinqa.summarize.wording import STRICT, close_word, spliced
from clinqa.summarize.wording import where as _where

_OTHERWISE = re.compile(r"^\s*otherwise\b,?\s*", re.I)
_FOLLOW_UP = re.compile(r"\b(?:prior|previous|previously|since|interval|compared|no longer|now|before|earlier|"
                        r"new|newly)\b", re.I)
_FRAGMENT = re.compile(r"^\s*(?:\d+(?:\.\d+)?(?:\s*(?:x|by|\u00d7)\s*\d+(?:\.\d+)?)*\s*(?:mm|cm)?\s*[,;]|"
                       r"(?:with|and|which|but|or|measures|measuring)\b)", re.I)
# "There is a", "There is noted to be a", "There appears to be": the lead, not the finding
_THERE_IS = re.compile(r"^(?:there (?:is|are|has been|have been|appears?|seems?) (?:again )?(?:seen |noted |felt )?"
                       r"(?:to be )?(?:an? )?|again (?:seen|noted) (?:is|are) (?:an? )?)", re.I)
# Spinal levels ("L4-5", "L5-S1", "C6"); T1 / T2 alone are left out: in MRI they name sequences
_LEVEL = re.compile(r"\b([CTLS])(\d{1,2})(?:\s*(?:-|/|\u2013)\s*([CTLS])?(\d{1,2}))?\b")


def levels(text: str) -> set[str]:
    """The spinal levels a text names, written one way ("L4-L5")."""
    out = set()
    for m in _LEVEL.finditer(text):
        a, n, b, k = m.groups()
        if k is None:
            if a == "T" and n in ("1", "2"):
                continue
            out.add(f"{a}{n}")
        else:
            out.add(f"{a}{n}-{b or a}{k}")
    return out


@dataclass(frozen=True)
class ItemCheck:
    """One impression item and what the check found wrong with it."""

    text: str
    findings: tuple[Finding, ...]  # read from the item (offsets into `text`)
    problems: tuple[str, ...] = ()
    normal: bool = False  # every statement in it is a normal statement or a negation
    replaced_by: tuple[Finding, ...] = ()  # findings of the report whose sentences replace it

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class FidelityResult:
    items: tuple[ItemCheck, ...]
    missing: tuple[Finding, ...]  # positive findings of the report that no passing item names

    @property
    def ok(self) -> bool:
        return not self.missing and all(i.ok for i in self.items)


def same_head(a: Finding, b: Finding, lex: RadiologyLexicon) -> bool:
    """Do two findings name the same thing: the same lexicon head or a related one; for a head
    the lexicon does not know, shared content words."""
    if a.known and b.known:
        if a.head == b.head:
            return True
        fa, fb = lex.finding(a.head), lex.finding(b.head)
        return bool((fa and b.head in fa.related) or (fb and a.head in fb.related))
    return bool(content_words(a.span.text, lex) & content_words(b.span.text, lex))


def _sizes_match(g: Finding, f: Finding) -> list[str]:
    out = []
    for s in g.sizes:
        if not any(sorted(s.mm) == sorted(t.mm) for t in f.sizes):
            out.append(s.span.text)
    return out


def _word_family(text: str) -> str:
    """'Mildly' and 'mild', 'markedly' and 'marked': one family."""
    w = text.lower().strip()
    return w[:-2] if w.endswith("ly") and len(w) > 4 else w


def _same_attribute(attr: str, item: Attribute, given: Attribute | None) -> bool:
    """Does the impression's side / severity / change agree with the finding's? Sides and changes
    agree by class ("left-sided" is "left"). A severity must be the findings' own word: the lexicon
    puts "small" and "mild" in one class, but "small cardiomegaly" for "mildly enlarged" is a new
    grade in the reader's eyes, and grade drift ("mild" for "moderate") is what this check is for."""
    if given is None or given.value != item.value:
        return False
    return attr != "severity" or _word_family(item.span.text) == _word_family(given.span.text)


def _item_problems(g: Finding, report: ReadFindings, lex: RadiologyLexicon) -> tuple[list[str], list[Finding]]:
    """What `g` (an impression finding) carries that the findings do not give to its finding,
    and the report findings it names."""
    # a resolved finding is checked against the findings' resolved ones, the rest against the asserted
    same = [f for f in report.findings if _same_kind(g, f) and same_head(g, f, lex)]
    problems: list[str] = []
    if not same:
        # a finding the findings never assert is not an impression's to add: "High pulmonary
        # edema" for "No typical findings of pulmonary edema", "Stable cardiomegaly" for a
        # stable cardiomediastinal silhouette
        denied = [f for f in report.findings if f.kind == "negated" and same_head(g, f, lex)]
        if denied:
            problems.append(f"it asserts {g.head or g.span.text}, which the findings negate")
        else:
            problems.append(f"it names {g.head or g.span.text}, which the findings do not state")
        # a finding the report does not state: its numbers must at least appear in the findings
        report_numbers = {float(x) for x in _NUMBER.findall(report.text)}
        bad = [n.text for n in g.numbers] + [s.span.text for s in g.sizes]
        bad = [b for b in bad if any(float(x) not in report_numbers for x in _NUMBER.findall(b))]
        if bad:
            problems.append(f"{', '.join(bad)} appear nowhere in the findings")
        for attr, word in (("laterality", "side"), ("severity", "severity")):
            v = getattr(g, attr)
            if v is not None:
                problems.append(f"{word} {v.span.text!r} given to {g.head or g.span.text}, which the findings do "
                                "not state")
        return problems, []
    if len(same) > 1:
        # one head at several places: the item's attributes are checked against the finding whose
        # clause it shares most words with ("left base densities ... localized fluid or pleural
        # thickening" is the right-sided pleural density, not the left base opacity)
        words = content_words(g.sentence.text, lex)
        # first by clause: "one in the right centrum semiovale ..., and a second ... lesion in the
        # left middle cerebellar peduncle" are two lesions of one sentence, each with its own side
        # (by place, not side: the side is what is checked next)
        by_clause = {id(f): len((content_words(f.clause.text, lex) - _side_words(lex)) & words) for f in same}
        overlap = {id(f): len(_place_words(f, lex) & words) for f in same}
        best = max(overlap.values())
        if max(by_clause.values()) and len({f.sentence.text for f in same}) < len(same):
            top = max(by_clause.values())
            same = [f for f in same if by_clause[id(f)] == top]
        elif best:  # (findings of one sentence go together: their attributes are that sentence's)
            where = {f.sentence.text for f in same if overlap[id(f)] == best}
            same = [f for f in same if f.sentence.text in where]
    if g.body_part is not None:
        part = content_words(g.body_part.span.text, lex) or {g.body_part.span.text.lower()}
        if not any(part & content_words(_where(f), lex) or
                   (f.body_part is not None and f.body_part.value == g.body_part.value) for f in same):
            problems.append(f"body part {g.body_part.span.text!r} is not given to {g.head or g.span.text} in the "
                            "findings")
    else:
        # "Complete tear." for "ACL: complete tear": the label was the finding's only place
        labels = {f.heading.text for f in same if f.heading is not None and _places(f.heading.text, lex)}
        said = content_words(g.sentence.text, lex)
        if labels and all(f.heading is not None and f.heading.text in labels for f in same) and not any(
                content_words(x, lex) & said or levels(x) & levels(g.sentence.text) for x in labels):
            problems.append(f"{g.head or g.span.text} without its place ({', '.join(sorted(labels))})")
    if g.sizes:
        fits = [f for f in same if not _sizes_match(g, f)]
        if not fits:
            problems.append(f"size {', '.join(s.span.text for s in g.sizes)} is not given to {g.head} in the findings")
        else:
            same = fits  # the size says which finding it is: its side and grade must be that one's
            said = {tuple(sorted(s.mm)) for s in g.sizes}
            if all(len(_current_sizes(f) - said) > 0 for f in fits):
                # "4 mm calculi" for calculi of 3 mm and 4 mm: one size for several things
                rest = sorted({s.span.text for f in fits for s in f.sizes if tuple(sorted(s.mm)) not in said})
                problems.append(f"{g.head} given {', '.join(s.span.text for s in g.sizes)} without "
                                f"{', '.join(rest)}")
    said_levels = levels(g.clause.text)
    if said_levels:
        given = set().union(*(levels(_where(f)) for f in same))
        if not said_levels <= given:
            problems.append(f"level {', '.join(sorted(said_levels - given))} is not given to {g.head or g.span.text} "
                            "in the findings" + (f" ({', '.join(sorted(given))})" if given else ""))
    elif same and all(levels(_where(f)) for f in same):
        # "Mild bilateral foraminal narrowing." when the findings give it level by level: which one?
        given = sorted(set().union(*(levels(_where(f)) for f in same)))
        problems.append(f"{g.head or g.span.text} without its level ({', '.join(given)})")
    if g.numbers:
        given = {float(x) for f in same for x in _NUMBER.findall(f.sentence.text)}
        bad = [n.text for n in g.numbers if float(n.text) not in given]
        if bad:
            problems.append(f"number {', '.join(bad)} is not given to {g.head} in the findings")
    for attr in ("laterality", "severity", "change"):
        v = getattr(g, attr)
        if v is not None and not any(_same_attribute(attr, v, getattr(f, attr)) for f in same):
            given = sorted({getattr(f, attr).value for f in same if getattr(f, attr) is not None})
            word = {"laterality": "side", "severity": "severity", "change": "change"}[attr]
            problems.append(f"{word} {v.span.text!r} is not given to {g.head} in the findings"
                            + (f" ({', '.join(given)})" if given else ""))
    if g.change is None:
        moved = [f for f in same if f.change is not None and f.change.value in ("new", "increased", "decreased")
                 and _FOLLOW_UP.search(f.sentence.text)]  # "smaller emboli" alone is no change
        if moved and len(moved) == len(same):
            # "Left corona radiata lesion." for a lesion that no longer enhances and has shrunk
            problems.append(f"{g.head or g.span.text} without its change "
                            f"({', '.join(sorted({f.change.value for f in moved}))})")
    if g.laterality is None:
        sided = [f for f in same if f.laterality is not None]
        if sided and len(sided) == len(same):
            problems.append(f"{g.head} without its side ({', '.join(sorted({f.laterality.value for f in sided}))})")
    return problems, same


def _current_sizes(f: Finding) -> set[tuple[float, ...]]:
    """A finding's sizes now: not those after "previously", "prior", "from" or "was"."""
    out = set()
    for z in f.sizes:
        before = f.sentence.text[:max(0, z.span.start - f.sentence.start)].lower()[-25:]
        if not re.search(r"\b(?:previously|prior|from|was|were|before|earlier)\b[^.;,]*$", before):
            out.add(tuple(sorted(z.mm)))
    return out


def _sides(text: str, lex: RadiologyLexicon, classes: tuple[str, ...] = ("left", "right", "bilateral")) -> set[str]:
    """The side classes whose words (the lexicon's) a text uses."""
    low = text.lower()
    return {c for c in classes for w in lex.laterality.get(c, ()) if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", low)}


def _place_words(f: Finding, lex: RadiologyLexicon) -> set[str]:
    """The content words of a finding's clause other than its head's: where it is ("posterior
    horn of the lateral meniscus") and what it is like."""
    return content_words(f.sentence.text, lex) - content_words(f.span.text, lex)


def _normal_sizes(g: Finding, report: ReadFindings, lex: RadiologyLexicon) -> list[str]:
    """A measurement in a normal statement ("Right testis: 4.3 x 2.6 x 2.1 cm") must be one a
    findings sentence gives, on the same side: a normal organ's size is a number too."""
    said = sizes_in(g.clause.text, lex)
    if not said:
        return []
    side = _sides(g.clause.text, lex, ("left", "right"))
    where = {(f.sentence.text, _where(f)) for f in report.findings}
    bad = []
    for z in said:
        ok = False
        for sent, place in where:
            if not any(sorted(z.mm) == sorted(t.mm) for t in sizes_in(sent, lex)):
                continue
            sides = _sides(place, lex, ("left", "right"))
            ok = ok or not side or not sides or bool(side & sides)
        if not ok:
            bad.append(z.span.text)
    return [f"size {', '.join(bad)} is not what the findings give" + (f" on the {'/'.join(sorted(side))}" if side else "")] if bad else []


def represented(f: Finding, item_findings: list[Finding], lex: RadiologyLexicon,
                siblings: tuple[Finding, ...] = ()) -> bool:
    """Is the report finding `f` named by one of an impression's (passing) findings, with its side?
    When the report states a finding of the same head elsewhere too (`siblings`: a cruciate
    ligament tear and a meniscal tear; "dilated fluid-filled bowel loops" and "free fluid"), the
    item must describe `f` itself: share a word of `f`'s own sentence beyond the head, and no
    fewer than it shares with any of the others, so naming one does not account for the other."""
    place = _place_words(f, lex) | _numbers(f.sentence.text)
    for g in item_findings:
        if not (_same_kind(f, g) and same_head(f, g, lex)):
            continue
        if f.laterality is not None and (g.laterality is None or g.laterality.value != f.laterality.value):
            continue
        if f.numbers and not {float(n.text) for n in f.numbers} & {float(x) for x in _NUMBER.findall(g.clause.text)}:
            continue  # "Acute right rib fracture." for the fractures of ribs 4, 5 and 6: which ones?
        others = [o for o in siblings if o is not f and o.kind == f.kind and same_head(o, g, lex)
                  and o.sentence.text != f.sentence.text and _place_words(o, lex) != place]
        if others:
            # words and numbers: "segment 8 lesion 3.2 cm" is not the segment 6 lesion
            words = content_words(g.sentence.text, lex) | _numbers(g.sentence.text)
            mine = len(place & words)

            def shared(x: Finding) -> int:
                return len((content_words(_where(x), lex) | _numbers(x.sentence.text)) & words)
            if not mine or any(shared(o) > shared(f) for o in others):
                continue
        return True
    return False


def _numbers(text: str) -> set[str]:
    """A text's numbers, written one way ("3.20" and "3.2" are one)."""
    return {str(float(x)) for x in _NUMBER.findall(text)}


def _same_kind(a: Finding, b: Finding) -> bool:
    """Asserted (or possible) with asserted, resolved with resolved."""
    return b.positive if a.positive else b.kind == a.kind


def check_items(report: ReadFindings, items: list[str], *, incidental: tuple[str, ...] = (),
                lexicon: RadiologyLexicon | None = None) -> FidelityResult:
    lex = lexicon or radiology_lexicon()
    checks = []
    for it in items:
        read = _read_item(it, report.modality, lex)
        problems: list[str] = []
        named: list[Finding] = []
        sources: list[tuple[Finding, list[Finding]]] = []
        for g in read.findings:
            if g.reportable:
                p, same = _item_problems(g, report, lex)
                problems += p
                named += same
                sources.append((g, same))
            elif g.kind == "negated":
                contra = [f for f in report.findings if f.positive and same_head(g, f, lex)
                          and (g.laterality is None or f.laterality is None or f.laterality.value == g.laterality.value)]
                if contra:
                    problems.append(f"it negates {g.head}, which the findings assert")
                    named += contra
            elif g.kind == "normal":
                problems += _normal_sizes(g, report, lex)
                problems += _normal_where_abnormal(g, report, lex)
                grade = [w for ws in lex.severity.values() for w in ws
                         if " " not in w and re.search(rf"\b{re.escape(w)}\b", g.clause.text.lower())]
                if grade:  # "Mild right lung clear.": a grade of nothing
                    problems.append(f"a normal statement with a severity ({', '.join(grade)})")
        problems += spliced(sources, report, lex)
        problems += stray_numbers(it, report, lex)
        if _FRAGMENT.match(_ITEM_NUMBER.sub("", it)):
            problems.append("a fragment without its subject")  # "2.6 cm, with a broad dural base ..."
        if not read.findings:
            problems += unplaced_numbers(it, report, lex)
            said = content_words(it, lex)
            if not problems and not re.search(r"\d", it) and said and said <= _body_words(lex):
                problems.append("a place without a finding")  # "Lateral meniscus." for "lateral meniscus intact"
        normal = bool(read.findings) and all(g.kind in ("normal", "negated") for g in read.findings)
        if normal and not problems and not _study_normal(it, lex):
            problems += _unsaid_negation(it, read, report, lex)
        checks.append(ItemCheck(text=it, findings=read.findings, problems=tuple(dict.fromkeys(problems)),
                                normal=normal, replaced_by=tuple(named)))
    said = [g for c in checks if c.ok for g in c.findings]
    positives = tuple(report.positives(incidental))
    missing = tuple(f for f in positives if not represented(f, said, lex, positives))
    return FidelityResult(items=tuple(checks), missing=missing)


def _normal_where_abnormal(g: Finding, report: ReadFindings, lex: RadiologyLexicon) -> list[str]:
    """A normal statement about an organ the findings give a finding on that side: "Left testis
    is normal." beside "left testis ... increased vascularity"."""
    low = g.clause.text.lower()
    if not re.search(r"\b(?:normal|unremarkable|within normal limits)\b", low) or re.search(r"\b(?:no|not|without)\b", low):
        return []  # "Right kidney: no hydronephrosis" denies one thing, it does not call the kidney normal
    organs = {p for p in lex.body_parts if re.search(rf"\b{re.escape(p)}\b", low)}
    if not organs:
        return []
    side = _sides(g.clause.text, lex, ("left", "right"))
    for f in report.positives():
        where = _where(f).lower()
        if not any(re.search(rf"\b{re.escape(o)}\b", where) for o in organs):
            continue
        fs = {f.laterality.value} if f.laterality is not None else _sides(where, lex, ("left", "right"))
        if side and fs and not side & fs:
            continue
        return [f"it calls {', '.join(sorted(organs))} normal, where the findings give {f.head or f.span.text}"]
    return []


def _unsaid_negation(item: str, read: ReadFindings, report: ReadFindings, lex: RadiologyLexicon) -> list[str]:
    """A finding the impression denies must be one the findings deny, with its place: "No acute
    pneumonia." on a head CT is the model's own, and "No focal lesion." without the "Liver:" it
    was said under reads as the organ before it. (Normal statements in other words, "No acute
    aortic abnormality", are not held to this.)"""
    words = content_words(item, lex)
    pool = content_words(report.text, lex, STRICT)
    out = []
    for g in read.findings:
        if g.kind == "negated" and not g.known:
            # a denial of something the findings never name: "No acute cholangitis." beside a
            # common duct the findings only measure (the study's own words, "no acute aortic
            # abnormality", name a place the findings speak of)
            own = {w for w in content_words(g.span.text, lex, STRICT) - _generic_words(lex)
                   if not content_words(w, lex) & _body_words(lex)}
            if own and not all(close_word(w, pool) for w in own):
                out.append(f"it denies {g.span.text}, which the findings never name")
            continue
        if g.kind != "negated":
            continue
        denied = [f for f in report.findings if f.kind in ("negated", "normal") and f.head and same_head(g, f, lex)]
        if not denied:
            out.append(f"it denies {g.head}, which the findings do not")
            continue
        places = [content_words(f.heading.text, lex) for f in denied
                  if f.heading is not None and _places(f.heading.text, lex)]
        if len(places) == len(denied) and not any(p & words for p in places):
            out.append(f"it denies {g.head} without the place the findings give it")
    return out


def sentence_item(f: Finding, lex: RadiologyLexicon | None = None) -> str:
    """A findings sentence as an impression item: numbering and a leading "There is a" go,
    the first letter is capitalised, a period ends it."""
    s = _ITEM_NUMBER.sub("", f.sentence.text.strip())
    s = _THERE_IS.sub("", s).strip()
    if not s:
        return ""
    s = s[0].upper() + s[1:]
    if (f.heading is not None and not f.sentence.start <= f.heading.start < f.sentence.end
            and _places(f.heading.text, lex or radiology_lexicon())):
        # a sentence under "LEFT TESTIS:" (or after "Left kidney measures ...") says which organ;
        # under "Nodule 1:" which nodule ("ACR TI-RADS TR4." alone is nobody's)
        s = f"{f.heading.text[0].upper()}{f.heading.text[1:].lower()}: {s[0].lower() + s[1:] if s[1:2].islower() else s}"
    return s if s.endswith((".", "?", "!")) else s + "."


def _places(label: str, lex: RadiologyLexicon) -> bool:
    """Does a label say where or which ("LEFT TESTIS", "L4-5", "Liver", "Nodule 1", "R kidney"),
    rather than how the report is laid out ("Findings", "Comparison", "Other")?"""
    if levels(label) or _sides(label, lex) or label.split()[0] in lex.side_letters:
        return True
    body, layout = _label_words(lex)
    words = set(re.findall(r"[a-z]+", label.lower()))
    if words & body:
        return True
    return bool(re.search(r"\d", label)) and not words & layout  # "Nodule 1", "Lesion A2"


@functools.lru_cache(maxsize=4)
def _label_words(lex: RadiologyLexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The words of the lexicon's body parts, and of its section headers (a report's layout):
    built once per lexicon, not on every label `_places` looks at."""
    body = frozenset(w for p in lex.body_parts for w in p.split())
    layout = frozenset(w for m in lex.modalities for h in (*m.findings_headers, *m.impression_headers)
                       for w in h.split()) | frozenset(w for h in lex.not_findings_sections for w in h.split())
    return body, layout


def _otherwise(item: str) -> str:
    return item if _OTHERWISE.match(item) else "Otherwise, " + item[0].lower() + item[1:]


def _plain(item: str) -> str:
    rest = _OTHERWISE.sub("", item)
    return rest[:1].upper() + rest[1:] if rest else item


def repair_items(findings: str | ReadFindings, items: list[str], *, incidental: tuple[str, ...] = (),
                 lexicon: RadiologyLexicon | None = None) -> tuple[list[str], list[str], FidelityResult]:
    """(the repaired items, a warning per change, the check of the given items)."""
    lex = lexicon or radiology_lexicon()
    report = findings if isinstance(findings, ReadFindings) else read_findings(findings, lexicon=lex)
    warnings: list[str] = []
    items = [_once(it, warnings) for it in items]
    # "2.", "14. 16.": a model's numbering loop; "Liver: Target lesions:.": a heading whose list
    # went elsewhere. Neither states anything.
    empty = [it for it in items if not re.search(r"[A-Za-z]{2}", it) or re.search(r":\s*\.?\s*$", it)]
    if empty:
        warnings.append(f"fidelity check: {len(empty)} item(s) that state nothing dropped "
                        f"({', '.join(map(repr, empty[:3]))})")
        items = [it for it in items if it not in empty]
    items = [part for it in items for part in _one_finding_each(it, report, lex)]
    result = check_items(report, items, incidental=incidental, lexicon=lex)
    kept: list[str] = []
    normal: list[str] = []
    for c in result.items:
        if not c.ok:
            new = [s for s in dict.fromkeys(sentence_item(f, lex) for f in c.replaced_by) if s and s not in kept]
            kept += new
            warnings.append(f"fidelity check: item {c.text!r} rejected ({'; '.join(c.problems)})"
                            + (f"; replaced by the findings' {'; '.join(repr(s) for s in new)}" if new else ""))
        elif c.normal:
            normal.append(c.text)
        else:
            kept.append(c.text)
    said = [g for it in kept for g in _read_item(it, report.modality, lex).findings]
    positives = tuple(report.positives(incidental))
    for f in positives:
        if represented(f, said, lex, positives):
            continue
        s = sentence_item(f, lex)
        if s and s not in kept:
            # an item the findings' sentence contains whole is that sentence cut short: replace it
            shorter = [k for k in kept if _cut_short(k, s)]
            kept = [k for k in kept if k not in shorter]
            kept.append(s)
            said += _read_item(s, report.modality, lex).findings
            side = f", {f.laterality.value}" if f.laterality else ""
            warnings.append(f"fidelity check: the impression left out {f.head}{side} ({f.span.text!r}); added "
                            f"the findings' {s!r}")
    out_normal = []
    for n in [_own_body(n, report, lex, warnings) for n in normal]:
        if kept and not _OTHERWISE.match(n) and _study_normal(n, lex):
            warnings.append(f"fidelity check: {n!r} kept last as 'Otherwise, ...' (the findings assert "
                            f"{', '.join(dict.fromkeys(f.head for f in report.positives(incidental)))})")
            out_normal.append(_otherwise(n))
        elif not kept and _OTHERWISE.match(n):
            out_normal.append(_plain(n))
        else:
            out_normal.append(n)
    kept = _whole_sentences(kept, report, lex, warnings, incidental)
    return list(dict.fromkeys(_urgent_first(_said_once(kept, warnings), report.modality, lex) + out_normal)), \
        warnings, result


@functools.lru_cache(maxsize=4)
def _generic_words(lex: RadiologyLexicon) -> frozenset[str]:
    """Words that name no finding: the lexicon's impression words and those of every modality's
    whole-study normal impression ("no acute intracranial abnormality")."""
    texts = [*lex.impression_words, lex.default_normal_impression, *(m.normal_impression for m in lex.modalities)]
    return frozenset(w for t in texts for w in content_words(t, lex, STRICT))


@functools.lru_cache(maxsize=4)
def _side_words(lex: RadiologyLexicon) -> frozenset[str]:
    return frozenset(w for ws in lex.laterality.values() for p in ws for w in content_words(p, lex))


@functools.lru_cache(maxsize=4)
def _body_words(lex: RadiologyLexicon) -> frozenset[str]:
    return frozenset(w for p in lex.body_parts for w in content_words(p, lex)) | _side_words(lex)


def _whole_sentences(kept: list[str], report: ReadFindings, lex: RadiologyLexicon, warnings: list[str],
                     incidental: tuple[str, ...] = ()) -> list[str]:
    """An item that copies the start of a findings sentence and leaves out a finding the rest of
    it states, which no other item names ("Loss of grey-white differentiation in the right
    insula." for "..., in keeping with early acute ischaemia"), is replaced by the sentence."""
    out = list(kept)
    for f in report.positives(incidental):
        s = sentence_item(f, lex)
        cut = [k for k in out if _cut_short(k, s)]  # (items carry no numbering: impression_items took it)
        if not cut:
            continue
        rest = [g for g in report.findings if g.reportable and g.sentence == f.sentence and g.span.text.strip()
                and not is_incidental(g, incidental) and not any(_contained(g.span.text, k) for k in out)]
        if rest:
            warnings.append(f"fidelity check: {cut[0]!r} leaves out {rest[0].span.text!r} of its sentence; "
                            f"replaced by {s!r}")
            out = [s if k == cut[0] else k for k in out if k not in cut[1:]]
    return list(dict.fromkeys(out))


def _own_body(item: str, report: ReadFindings, lex: RadiologyLexicon, warnings: list[str]) -> str:
    """A whole-study normal statement in another study's words ("No acute cardiopulmonary
    abnormality" for a head CT) becomes this modality's own."""
    if not _study_normal(item, lex):
        return item
    # no modality recognised: no body region may be named ("cardiopulmonary" for a carotid duplex)
    own = lex.modality(report.modality).normal_impression if report.modality else lex.default_normal_impression
    said = [set(_words(m.normal_impression)) for m in lex.modalities]
    generic = set.intersection(*said) | {"in", "the", "or", "and", "of", "a"}  # "no acute abnormality"
    foreign = set.union(*said) - set(_words(own)) - generic
    if not foreign & set(_words(item)):
        return item
    new = _otherwise(own) if _OTHERWISE.match(item) else own
    warnings.append(f"fidelity check: {item!r} is another study's normal statement; replaced by {new!r}")
    return new


def extractive_impression(findings: str | ReadFindings, *, incidental: tuple[str, ...] = (),
                          lexicon: RadiologyLexicon | None = None) -> list[str]:
    """An impression with no model: the sentences of the positive findings, in findings order,
    then the modality's whole-study normal statement ("Otherwise, ..." after findings)."""
    lex = lexicon or radiology_lexicon()
    report = findings if isinstance(findings, ReadFindings) else read_findings(findings, lexicon=lex)
    items = list(dict.fromkeys(s for s in (sentence_item(f, lex) for f in report.positives(incidental)) if s))
    items = _urgent_first(_said_once(items, []), report.modality, lex)
    # a report whose modality is not recognised names no body region
    normal = lex.modality(report.modality).normal_impression if report.modality else lex.default_normal_impression
    return items + [_otherwise(normal) if items else normal]

