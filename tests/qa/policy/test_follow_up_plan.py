"""What follow-up was arranged, from a note with no follow-up heading (session 28): the plan's
items that arrange a visit or a test ahead, not its medicines, its conditions or the stay's own
timed tasks. Notes written for these tests in their own words."""

from __future__ import annotations

from clinqa.document import parse_document
from clinqa.qa.policy import AnswerPolicy
from clinqa.qa.policy.follow_up import plan_follow_up
from clinqa.questionnaire import load_questionnaire
from clinqa.text import segment
from clinqa.types import Note

LETTER = """GASTROENTEROLOGY CLINIC LETTER
Dear Dr Ferreira,
Thank you for asking me to see Mrs Ilona Barsky (62) with iron deficiency.

Assessment
Iron deficiency anaemia, probably from NSAID gastropathy; coeliac serology negative.

Plan
1. Stop naproxen; paracetamol 1 g QDS when needed.
2. Lansoprazole 30 mg once daily for 8 weeks.
3. Gastroscopy booked for 14/03/2196.
4. Repeat FBC and ferritin in 6 weeks at your surgery.
5. Capsule endoscopy only if the gastroscopy is normal.
6. I will see her in clinic in 3 months.

Yours sincerely,
Dr P. Odhiambo
"""


def test_the_plan_items_that_arrange_something_ahead():
    doc = parse_document(LETTER)
    items = [LETTER[a:b] for a, b in plan_follow_up(doc)]
    assert items == ["Gastroscopy booked for 14/03/2196", "Repeat FBC and ferritin in 6 weeks at your surgery",
                     "I will see her in clinic in 3 months"]


def test_the_questionnaire_concept_takes_them():
    q = load_questionnaire("discharge-summary")
    concept = next(c for c in q.concepts if c.id == "follow_up")
    note = Note("n", LETTER)
    policy = AnswerPolicy()
    asked = policy.asked_for(concept.questions["en"][0], concept, "en")
    d = policy.decide(note, concept.questions["en"][0], [], segment(note.text, note.id), concept=concept, asked=asked)
    texts = [a.text for a in d.answers if a.text]
    assert texts and all("naproxen" not in t and "Capsule" not in t for t in texts)
    assert any("clinic in 3 months" in t for t in texts)


def test_review_what_was_done_or_not_needed_is_no_follow_up():
    text = """ED NOTE
Sprained left ankle after a fall on the stairs.

Plan
- Reviewed by physiotherapy today, safe for discharge
- Seen by the respiratory team, no clinic follow-up needed
- Not for fracture clinic review - soft tissue injury only
- GP review in 1 week for the wound
"""
    items = [text[a:b] for a, b in plan_follow_up(parse_document(text))]
    assert items == ["GP review in 1 week for the wound"]
