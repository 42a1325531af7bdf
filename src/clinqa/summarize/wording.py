"""What an impression item's words may say: only what the findings sentences of the findings it
names say (with their line labels), the lexicon's terms for those heads, and the lexicon's
impression words. Used by `clinqa.summarize.fidelity`."""

from __future__ import annotations

from clinqa.lexicon.radiology import RadiologyLexicon
from clinqa.summarize.findings import Finding, ReadFindings, content_words


def where(f: Finding) -> str:
    """A finding's sentence and the line label it sits under ("L4-5", "LEFT KIDNEY")."""
    return f.sentence.text + " " + (f.heading.text if f.heading else "")


STRICT = 99  # whole words: an item may only say what the findings say (compared by close_word)


def close_word(w: str, pool: set[str]) -> bool:
    """Is `w` one of `pool`'s words, or the same word in another form: a shared opening of at
    least five letters and three quarters of the shorter word ("thalamic" / "thalamus",
    "enlarged" / "enlargement"; not "hyperethrombosis" / "hyperenhancement")?"""
    if w in pool:
        return True
    for x in pool:
        n = 0
        for a, b in zip(w, x):
            if a != b:
                break
            n += 1
        if n >= 5 and n >= 0.75 * min(len(w), len(x)):
            return True
    return False


def spliced(named: list[tuple[Finding, list[Finding]]], report: ReadFindings, lex: RadiologyLexicon) -> list[str]:
    """Problems of impression clauses that say more than the findings sentences of what they name.
    Every content word of a clause must come from those sentences (with their line labels), from
    the lexicon's terms for the heads named, or from the lexicon's impression words ("consistent",
    "likely"). A word the findings give to another finding is two findings joined ("Saddle embolus
    in the right lower lobe segmental arteries" when the saddle embolus sat at the bifurcation); a
    word from nowhere is the model's own ("hyperdense infiltrate" for "T2 hypointensity"). Either
    way the findings' own sentences say it instead. `named` pairs each reportable finding of the
    item with the report findings it describes."""
    problems = []
    by_clause: dict[int, list[tuple[Finding, list[Finding]]]] = {}
    for g, same in named:
        by_clause.setdefault(g.clause.start, []).append((g, same))
    generic = content_words(" ".join(lex.impression_words), lex, STRICT)
    # each reportable findings sentence's words, once for all the item's clauses
    reported = {f.sentence.text: content_words(f.sentence.text, lex, STRICT) for f in report.findings if f.reportable}
    for group in by_clause.values():
        sources = {f.sentence.text: f for _, same in group for f in same}
        if not sources:
            continue
        said = set().union(*(content_words(where(f), lex, STRICT) for f in sources.values()))
        own = said | generic
        for g, _ in group:
            term = lex.finding(g.head) if g.known else None
            for t in ((*term.terms, *term.related, term.head) if term else ()):
                own |= content_words(t, lex, STRICT)
                related = lex.finding(t)
                if related is not None:
                    own |= set().union(set(), *(content_words(x, lex, STRICT) for x in related.terms))
        elsewhere = set().union(set(), *(w for text, w in reported.items() if text not in sources))
        g = group[0][0]
        words = content_words(g.clause.text, lex, STRICT)
        heads = ", ".join(dict.fromkeys(x.head or x.span.text for x, _ in group))
        joined = sorted(w for w in words if not close_word(w, said | generic) and close_word(w, elsewhere))  # even "saddle"
        extra = sorted(w for w in words if w not in joined and not close_word(w, own))
        if joined:
            problems.append(f"it joins {', '.join(repr(w) for w in joined)} of another finding to {heads}")
        elif extra:
            problems.append(f"{', '.join(repr(w) for w in extra)} is not what the findings say of {heads}")
    return problems
