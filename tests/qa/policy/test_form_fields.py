"""Forms and fields say yes and no in their own ways (session 23): check boxes ("[ ] Current
[x] Ex-smoker", "Chest pain: [ ] Yes [x] No"), a field's absent value ("COMPLICATIONS" over
"None."), a finding ruled out after it across a parenthesis, words after a mention that say it
was not used; and a question about help to quit is no question about smoking. Notes written for
these tests in their own words."""

from __future__ import annotations

import pytest

from clinqa.document import parse_document
from clinqa.document.checkboxes import box_before, field_answer
from clinqa.qa.policy import AnswerPolicy
from clinqa.text import segment
from clinqa.types import Note

FORM = """RESIDENTIAL CARE - HOSPITAL TRANSFER SHEET
Resident: Mr O. Pellegrino   DOB: 02/02/2110
Reason for transfer (tick):
[ ] Fall
[x] Shortness of breath
[ ] Confusion
Vomiting:  [x] Yes  [ ] No
Headache:  [ ] Yes  [x] No
Tobacco:  [ ] Current   [ ] Ex-smoker   [x] Never
Diet: soft, thickened fluids.
"""

PROCEDURE = """GASTROSCOPY REPORT
Sedation: fentanyl 50 mcg IV. Propofol not used.
FINDINGS
Grade B oesophagitis. Hiatus hernia 3 cm.
COMPLICATIONS
  Nil.
Perforation suspected after the dilatation (brief chest pain, crepitus queried) - excluded: erect CXR clear.
"""

SOCIAL = "Social: smokes 15 a day. Offered a nicotine patch, which he declined."


def _decide(text: str, question: str):
    note = Note("n", text)
    return AnswerPolicy().decide(note, question, [], segment(note.text, note.id))


def test_box_readers():
    assert box_before(FORM, FORM.index("Fall")) is False
    assert box_before(FORM, FORM.index("Shortness")) is True
    assert box_before(FORM, FORM.index("Diet")) is None
    assert field_answer(FORM, FORM.index("Vomiting") + len("Vomiting")) is True
    assert field_answer(FORM, FORM.index("Headache") + len("Headache")) is False
    assert field_answer(FORM, FORM.index("Diet") + len("Diet")) is None


@pytest.mark.parametrize("question,verdict", [
    ("Did he fall?", "no"),  # an empty box is no reason given
    ("Is he short of breath?", "yes"),
    ("Was he vomiting?", "yes"),
    ("Headache?", "no"),
    ("Does he smoke?", "no"),  # the ticked box is "Never"
])
def test_a_form_says_what_its_ticked_boxes_say(question, verdict):
    d = _decide(FORM, question)
    assert d.verdict.verdict == verdict, (d.verdict.verdict, d.verdict.reason)


def test_an_empty_box_is_no_smoking_status():
    events = [e for e in parse_document(FORM).events if e.kind == "smoking"]
    assert events and events[0].action == "never"


@pytest.mark.parametrize("question,verdict", [
    ("Were there any complications?", "no"),  # "COMPLICATIONS" over "Nil."
    ("Was propofol used?", "no"),
    ("Was there a perforation?", "no"),  # ruled out after it, across the parenthesis
])
def test_words_after_a_mention_decide_it(question, verdict):
    d = _decide(PROCEDURE, question)
    assert d.verdict.verdict == verdict, (d.verdict.verdict, d.verdict.reason)


def test_a_cue_after_the_next_sentence_is_not_the_mention_s():
    # "fentanyl 50 mcg IV. Propofol not used.": the sentence splitter may keep "IV." inside
    assert _decide(PROCEDURE, "Was fentanyl given?").verdict.verdict != "no"


def test_a_question_about_help_to_quit_is_not_about_smoking():
    d = _decide(SOCIAL, "Did he accept the nicotine patch?")
    assert d.verdict.verdict != "yes", d.verdict.reason  # he declined it; he does smoke
    assert _decide(SOCIAL, "Does he smoke?").verdict.verdict == "yes"
