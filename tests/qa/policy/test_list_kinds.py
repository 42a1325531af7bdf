"""A reader's span inside a list of another kind than the question asks for is not expanded to
that list's items (qa/policy/lists.other_kind_of_list)."""

from __future__ import annotations

from clinqa.qa.policy import AnswerPolicy, Calibration
from clinqa.qa.policy.lists import other_kind_of_list
from clinqa.questionnaire import load_questionnaire
from clinqa.text import segment
from clinqa.types import Answer, Note

NOTE = """Hepatology follow-up

Problem list:
1. Alcohol-related cirrhosis, Child-Pugh A
2. Varices, banded x3 in March
3. Type 2 diabetes
4. Depression

He feels well and has not had alcohol since the spring.
"""


def test_header_kinds_against_the_question():
    assert other_kind_of_list("Problem list", "What procedures were performed?")
    assert not other_kind_of_list("Procedures", "What procedures were performed?")
    assert not other_kind_of_list("Problem list", "What were the diagnoses?")
    assert not other_kind_of_list("Plan", "What procedures were performed?")  # a header of no kind
    assert not other_kind_of_list("Problem list", "What happened?")  # a question of no kind


def test_a_procedure_inside_a_problem_list_does_not_bring_the_problems_along():
    concept = next(c for c in load_questionnaire("discharge-summary").concepts if c.id == "procedures")
    q = concept.questions_for("en")[0]
    start = NOTE.index("Varices, banded")
    end = NOTE.index("\n", start)
    reader_says = [Answer(text=NOTE[start:end], start=start, end=end, score=0.8, note_id="n", method="extractive")]
    d = AnswerPolicy(Calibration()).decide(Note("n", NOTE), q, reader_says, segment(NOTE, "n"), concept=concept)
    texts = [a.text for a in d.answers]
    assert not any("diabetes" in t or "Depression" in t or "cirrhosis" in t for t in texts), texts
