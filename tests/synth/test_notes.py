"""`clinqa synth notes`: the seeded note generator."""

from __future__ import annotations

from clinqa.synth.notes import STYLES, generate_notes


def test_generator_is_seeded_varied_and_covers_every_style():
    a = list(generate_notes(24, seed=7))
    b = list(generate_notes(24, seed=7))
    c = list(generate_notes(24, seed=8))
    assert [n.text for n in a] == [n.text for n in b]
    assert [n.text for n in a] != [n.text for n in c]
    assert {n.metadata["style"] for n in a} == set(STYLES)
    assert len({n.text for n in a}) == 24
    joined = "\n".join(n.text for n in a)
    # the three de-identification conventions and a MIMIC-III lab dump all occur
    assert "[**" in joined and "___" in joined and "XXXX" in joined
    assert " BLOOD " in joined
    # a longer run extends a shorter one with the same seed
    assert [n.text for n in generate_notes(30, seed=7)][:24] == [n.text for n in a]


def test_every_name_the_notes_write_is_one_the_lexicon_knows():
    """The generator keeps only how it writes names (which, in which case): each one is a name of
    its lexicon lab or synonym group, an ambiguous abbreviation of it, a MIMIC-III dump label, or
    an ICD-10-CM term (what `clinqa synth qa` finds them by)."""
    from clinqa.lexicon import lexicon
    from clinqa.lexicon.icd10cm import label_terms
    from clinqa.synth import notes

    lex = lexicon()
    for lab in notes.LABS:
        assert {f for f in lab.written if f.lower() not in lex.lab_by_name[lab.name].names} <= {lab.mimic}, lab.name
        assert lab.mimic

    def names(kind):
        out = {}
        for g in lex.synonyms:
            if g.kind == kind:
                amb = {a.lower() for n in g.names for a in lex.ambiguous_abbreviations.get(n.lower(), ())}
                out[g.names[0]] = {n.lower() for n in g.names} | amb
        return out

    problems, symptoms, icd = names("problem"), names("symptom"), label_terms()
    for key, p in notes.PROBLEMS.items():
        assert key in problems, key
        assert [f for f in (p.name, *p.abbrevs) if f.lower() not in problems[key] and f.lower() not in icd] == []
    known = set().union(*symptoms.values())
    assert [s for s in (*notes.SYMPTOMS, *notes.SYMPTOM_ABBREVS.values()) if s.lower() not in known] == []
    assert [p for p in notes.FAMILY_PROBLEMS if p.lower() not in set().union(*problems.values())] == []
    reasons = {r for d in notes.DRUGS for r in d.reasons}
    assert {"diabetes", "heart failure", "pulmonary embolism"} <= reasons & set(notes.PROBLEMS)
