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
