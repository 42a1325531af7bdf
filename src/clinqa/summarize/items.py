"""An impression as a list of items: each item read as findings once, an item of several
findings split, a model's loops said once, fragments another item says whole dropped, and urgent
findings put first. The checks of what an item may say are in fidelity.py."""

from __future__ import annotations

import functools
import re

from clinqa.lexicon.radiology import RadiologyLexicon
from clinqa.summarize.findings import ReadFindings, read_findings


@functools.lru_cache(maxsize=256)
def read_item(item: str, modality: str | None, lex: RadiologyLexicon) -> ReadFindings:
    """An impression item read as findings, once: repair reads an item when it splits it, when it
    checks it and when it counts what the kept items name (ReadFindings holds no spaCy objects)."""
    return read_findings(item, modality=modality, lexicon=lex, skip_sections=False)


SENTENCE = re.compile(r"(?<=[.!?])\s+")


def words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+(?:\.[0-9]+)?", text.lower()))  # "1.5" is one word: "5 cm" is not in "1.5 cm"


def contained(short: str, long: str) -> bool:
    a, b = words(short), words(long)
    return any(b[i:i + len(a)] == a for i in range(len(b) - len(a) + 1))


def cut_short(short: str, long: str) -> bool:
    """Does `long` say `short` whole and more (its words, in order, inside a longer run)?"""
    a, b = words(short), words(long)
    return 0 < len(a) < len(b) and any(b[i:i + len(a)] == a for i in range(len(b) - len(a) + 1))


def said_once(items: list[str], warnings: list[str]) -> list[str]:
    """Items without those another item says whole ("Early enhancement." beside "Lesion 1: ...,
    early enhancement."; a bullet's first sentence beside the bullet): a fragment said again
    alone reads as a finding of its own."""
    out = []
    for it in items:
        longer = next((o for o in items if cut_short(it, o)), None)
        if longer is None:
            out.append(it)
        else:
            warnings.append(f"fidelity check: item {it!r} dropped: {longer!r} says it whole")
    return out


def urgent_first(items: list[str], modality: str | None, lex: RadiologyLexicon) -> list[str]:
    """Items that assert an urgent finding (the lexicon's `acute`) first, then those that raise
    one as possible, then the rest, each group in its own order: an impression leads with what
    must be acted on."""
    def tier(it: str) -> int:
        acute = [g for g in read_item(it, modality, lex).findings
                 if g.acute and g.positive and not (g.change is not None and g.change.value == "stable")]
        return 0 if any(g.kind == "positive" for g in acute) else 1 if acute else 2

    def leans_back(it: str) -> bool:
        # "PI-RADS 4." after its lesion: no known finding, no place, no side of its own
        return all(not g.known and g.body_part is None and g.laterality is None
                   for g in read_item(it, modality, lex).findings)

    groups: list[list[str]] = []
    for it in items:
        if groups and leans_back(it):
            groups[-1].append(it)
        else:
            groups.append([it])
    tiers = [tier(g[0]) for g in groups]
    return [it for t in (0, 1, 2) for g, x in zip(groups, tiers) if x == t for it in g]


def one_finding_each(item: str, report: ReadFindings, lex: RadiologyLexicon) -> list[str]:
    """An item of several sentences that each assert a finding ("1.6 cm cystic lesion in the
    pancreatic body. 2.4 cm lesion in segment VII.") is one item per sentence: a reader takes an
    item's numbers as its first finding's."""
    parts = [p for p in SENTENCE.split(item.strip()) if p]
    if len(parts) < 2:
        return [item]
    asserting = [any(f.reportable for f in read_item(p, report.modality, lex).findings) for p in parts]
    # "Large left pneumothorax. No acute cardiopulmonary abnormality.": the study's normal
    # statement is its own item, kept last as "Otherwise, ..."
    whole = [study_normal(p, lex) for p in parts]
    return parts if sum(asserting) >= 2 or (any(asserting) and any(whole)) else [item]


def once(item: str, warnings: list[str]) -> str:
    """An item that says the same sentence again ("Small T-spine osteophytes. Small T-spine
    osteophytes. ...", a model's loop) says it once; a word said twice in a row ("No acute acute
    disease"), once."""
    stutter = re.sub(r"\b(\w+)(\s+\1\b)+", r"\1", item, flags=re.I)
    if stutter != item and not re.search(r"\d", item):
        warnings.append(f"fidelity check: item {item[:60]!r} repeated a word; kept {stutter!r}")
        item = stutter
    parts = [p for p in SENTENCE.split(item.strip()) if p]
    unique = list(dict.fromkeys(parts))
    if len(unique) == len(parts):
        return item
    # a loop cut by the token limit ends in a fragment of the repeated sentence
    unique = [u for u in unique if not any(u != v and v.startswith(u) for v in unique)]
    out = " ".join(unique)
    warnings.append(f"fidelity check: item {item[:60]!r}... repeated a sentence {len(parts) - len(unique)} times; kept "
                    f"{out!r}")
    return out


def study_normal(item: str, lex: RadiologyLexicon) -> bool:
    return any(p.search(item) for p in lex.study_normal_statements)
