"""The numbers of an impression item against the findings: every number is one the findings
give, with its unit ("4.9 mL" is not the findings' "48 mL (4.9 x 3.8 x 4.9 cm)"; sizes compare
in millimetres in any unit), no sentence is a bare measurement ("1.8 cm. 2.3 cm.", a model's
loop), and an item that names no finding takes its measurements only from a findings sentence
about what it names. Used by `clinqa.summarize.fidelity`."""

from __future__ import annotations

import re

from clinqa.lexicon.radiology import RadiologyLexicon
from clinqa.summarize.findings import ReadFindings, content_words, sizes_in

ITEM_NUMBER = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|[-*\u2022])\s+")  # an item's own numbering ("1.", "2)", "-")
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def stray_numbers(item: str, report: ReadFindings, lex: RadiologyLexicon) -> list[str]:
    """Problems with the numbers of an item as a whole: a number the findings never give, and a
    sentence that is a measurement with nothing measured ("1.8 cm. 2.3 cm.", a model's loop)."""
    body = ITEM_NUMBER.sub("", item)
    given = {float(x) for x in NUMBER.findall(report.text)}
    out = []
    sized = [(z.span.start, z.span.end) for z in sizes_in(body, lex)]  # sizes: compared in mm below
    unknown = [m.group(0) for m in NUMBER.finditer(body)
               if float(m.group(0)) not in given and not any(a <= m.start() < b for a, b in sized)]
    if unknown:
        out.append(f"{', '.join(dict.fromkeys(unknown))} appear nowhere in the findings")
    have = {(v, u) for v, u, _ in with_units(report.text, lex)}
    for value, unit, said in sorted(with_units(body, lex)):
        if (value, unit) not in have:
            out.append(f"{said!r} is not a value the findings give")
    units = {u.lower() for u in lex.size_units}
    for part in SENTENCE.split(body):
        letters = re.findall(r"[a-z]+", part.lower())
        if NUMBER.search(part) and all(w in units or w == "x" for w in letters):
            out.append(f"{part.strip()!r} measures nothing")
    return out


def unplaced_numbers(item: str, report: ReadFindings, lex: RadiologyLexicon) -> list[str]:
    """An item that names no finding may still give a measurement ("Prostate measures 52 x 41 x
    48 mm."), but each number must sit in a findings sentence about what the item names:
    "1.5 cm small bowel and colon." took the 1.5 cm of a kidney cyst."""
    body = ITEM_NUMBER.sub("", item)
    words = content_words(body, lex)
    sentences = [s for s in re.split(r"(?<=[.;])\s+|\n", report.text) if s.strip()]
    bad = []
    sizes = sizes_in(body, lex)
    for z in sizes:  # a size in any unit: the findings sentences with that size in millimetres
        holders = [s for s in sentences if any(sorted(t.mm) == sorted(z.mm) for t in sizes_in(s, lex))]
        if not any(words & content_words(s, lex) for s in holders):
            bad.append(z.span.text)
    for m in NUMBER.finditer(body):
        if any(z.span.start <= m.start() < z.span.end for z in sizes):
            continue
        holders = [s for s in sentences if float(m.group(0)) in {float(x) for x in NUMBER.findall(s)}]
        if not any(words & content_words(s, lex) for s in holders):
            bad.append(m.group(0))
    return [f"{', '.join(bad)} measure nothing the item names"] if bad else []


WITH_UNIT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(%|[A-Za-z]+(?:/[A-Za-z]+)?)")


def with_units(text: str, lex: RadiologyLexicon) -> set[tuple[float, str, str]]:
    """Each number a text gives with its unit, and the words: sizes in millimetres ("mm", every
    dimension of "4.9 x 3.8 x 4.9 cm"), other values with their unit as written ("48 mL" is
    (48.0, "ml", "48 mL"))."""
    out = set()
    for m in WITH_UNIT.finditer(text):
        value, unit = float(m.group(1)), m.group(2).lower()
        if unit in lex.size_units:
            out.add((round(value * lex.size_units[unit], 3), "mm", m.group(0)))
        elif unit in lex.value_units:
            out.add((value, unit, m.group(0)))
    for z in sizes_in(text, lex):
        for mm in z.mm:
            out.add((round(mm, 3), "mm", z.span.text))
    return out
