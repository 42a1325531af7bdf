"""A value picked by two names (session 28): a table's cell by its row and its column ("Left pinch?"
on a grip table whose rows are the sides), a measure's value by the word labelling its line
("Left CIA diameter?") or one of the values after it ("Exercise mean PAP?" on "mean PAP 24 mmHg
(rest 24, exercise 47)"), and a count written before its noun. Notes written for these tests in
their own words."""

from __future__ import annotations

import pytest

from clinqa.document import parse_document
from clinqa.qa.policy import AnswerPolicy
from clinqa.qa.policy.grid import table_cell
from clinqa.qa.policy.qualified import counted, qualified_number
from clinqa.text import segment
from clinqa.types import Note

AUDIOGRAM = """AUDIOLOGY - PURE TONE SUMMARY
Tested 14/05/2196, calibrated booth.
Ear      Air PTA (dB HL)    Bone PTA (dB HL)    Speech score
Right    45 (38 last year)  30                  88%
Left     20                 15                  96%
Impression: mixed loss on the right, worse than last year.
"""

HAND = """Grip and pinch (Jamar, position 2), three trials averaged:
                Grip (kg)     Lateral pinch (kg)
Right           14            3.5
Left            31            8
Weak right grip after the wrist fracture.
"""

DUPLEX = """ARTERIAL DUPLEX
Aorta      diameter 3.9 cm, no mural thrombus
Left CIA   diameter 1.7 cm, patent
Right CIA  diameter 2.4 cm, calcified
RIGHT HEART CATH: mean PAP 24 mmHg (rest 24, exercise 47); PCWP 11 mmHg.
Overnight: 4 loose stools and 2 formed stools; 3 vomits.
"""


def _answer(text: str, question: str):
    note = Note("n", text)
    d = AnswerPolicy().decide(note, question, [], segment(note.text, note.id))
    return d.answers[0].text if d.answers and d.answers[0].text else None


def test_a_header_over_an_empty_corner_heads_the_values():
    doc = parse_document(HAND)
    table = next(b for b in doc.blocks if b.kind == "table")
    assert [c.text for c in table.columns] == ["Grip (kg)", "Lateral pinch (kg)"]


@pytest.mark.parametrize("text,question,cell", [
    (AUDIOGRAM, "Left speech score?", "96%"),
    (AUDIOGRAM, "Right bone PTA?", "30"),
    (AUDIOGRAM, "Right air PTA?", "45"),  # the cell's own value, not last year's in brackets
    (AUDIOGRAM, "Right air PTA last year?", "38"),
    (HAND, "Left pinch?", "8"),
    (HAND, "Right grip?", "14"),
])
def test_a_cell_named_by_its_row_and_column(text, question, cell):
    got = table_cell(parse_document(text), question, number=True)
    assert got is not None and text[got[0]:got[1]] == cell
    assert _answer(text, question) == cell


@pytest.mark.parametrize("text,question", [
    (AUDIOGRAM, "Speech score?"),  # the column alone: which row is not said
    (HAND, "Grip on the right at discharge?"),  # a word neither the row nor the column says ("discharge" is a time)
    (AUDIOGRAM, "Left bone PTA last year?"),  # the cell writes no earlier value
])
def test_no_cell_when_the_question_does_not_pick_one(text, question):
    assert table_cell(parse_document(text), question, number=True) is None


@pytest.mark.parametrize("question,value", [
    ("Left CIA diameter?", "1.7 cm"),  # the word labelling the measure's line
    ("Aorta diameter?", "3.9 cm"),
    ("Exercise mean PAP?", "47"),  # a value after the measure's own, labelled by the word
    ("Mean PAP at rest?", None),  # a time word: not this rule's
])
def test_a_value_picked_by_its_label(question, value):
    got = qualified_number(DUPLEX, question)
    assert (DUPLEX[got[0]:got[1]] if got else None) == value


def test_a_label_shared_by_two_lines_picks_none():
    assert qualified_number(DUPLEX, "CIA diameter?") is None  # left and right both


@pytest.mark.parametrize("question,value", [
    ("How many loose stools?", "4 loose stools"),
    ("How many stools?", None),  # written twice, each with another word before it
    ("How many vomits?", "3 vomits"),
])
def test_a_count_before_its_noun(question, value):
    got = counted(DUPLEX, question)
    assert (DUPLEX[got[0]:got[1]] if got else None) == value


VASCULAR = """Vascular studies
                    Right      Left
ABPI                0.52       0.91
Ankle pressure      62 mmHg    118 mmHg
Toe pressure        28 mmHg
"""


@pytest.mark.parametrize("question", [
    "Right toe pressure?",  # a row with a blank cell: which column is a guess
    "Right brachial pressure?",  # a word no row or column says
    "Right grip pre-op?",  # a time the table does not give
    "Left ABPI predicted?",
])
def test_review_no_cell_for_a_word_the_table_does_not_say(question):
    text = VASCULAR if "grip" not in question else HAND
    assert table_cell(parse_document(text), question, number=True) is None


def test_review_a_label_across_a_sentence_and_counts_not_the_patients():
    assert qualified_number("Right leg:  no DVT. Left leg thrombus length 6 cm.", "Right thrombus length?") is None
    assert counted("Mother had 4 miscarriages. G2P2, no miscarriages.", "How many miscarriages?") is None
    assert counted("Ex-smoker: smoked 20 cigarettes a day until 2190.", "How many cigarettes?") is None
    assert counted("Plan: give 2 units of blood if Hb < 70.", "How many units of blood?") is None
