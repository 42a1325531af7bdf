"""A concept the note names only by its head word (session 26): "cancer to be excluded" leaves a
question about bowel cancer uncertain, as "no cancer" answers it no; a line keyed by another body
part ("Thyroid: ... no cancer") and a word of grammar before the head ("because cancer ...") are
read for what they are; a relative's bowel cancer leaves the patient's question to the patient's
own mentions. ConText cues "less likely", "must be excluded" (possible) and "to exclude" (a
request, never an absence). Notes written for these tests in their own words."""

from __future__ import annotations

from clinqa.qa.policy import AnswerPolicy
from clinqa.text import segment
from clinqa.text.assertion import assert_spans
from clinqa.types import Note

LETTER = """Dear colleague,
Thank you for seeing Mr Oduya, 68, with six weeks of dark stools and a ferritin of 6.
Past history:
- Thyroid: nodule biopsied 2191, benign, no cancer found
- Hernia repair 2188
His mother had bowel cancer at 74. I am referring urgently as malignancy must be excluded and
cancer needs to be ruled out before anything else; colonoscopy to exclude a polyp is booked.
"""

CLINIC = """Transplant clinic: creatinine up from 120 to 151. Rejection less likely (no DSA) but
cannot be excluded; biopsy next week. PET: no lymphoma seen.
"""


def _verdict(text: str, question: str) -> str | None:
    note = Note("n", text)
    d = AnswerPolicy().decide(note, question, [], segment(note.text, note.id))
    return d.verdict.verdict if d.verdict else None


def test_a_head_word_only_suspected_leaves_the_concept_uncertain():
    assert _verdict(LETTER, "Does he have bowel cancer?") == "uncertain"  # the mother's is not his
    assert _verdict(CLINIC, "Does she have graft rejection?") == "uncertain"
    assert _verdict(CLINIC, "Does she have Hodgkin lymphoma?") == "no"  # an absent head: absent whole


def test_another_body_part_keyed_line_says_nothing_of_this_site():
    assert _verdict(LETTER, "Does he have thyroid cancer?") == "no"
    # "Thyroid: ... no cancer found" is no word on the bowel
    assert _verdict(LETTER.replace("malignancy must be excluded and\ncancer needs to be ruled out before anything else",
                                   "he is anaemic"), "Does he have bowel cancer?") != "no"


def test_context_cues_for_suspicion_and_requests():
    def status(text, word):
        i = text.index(word)
        return assert_spans(text, [(i, i + len(word))], None)[0]

    assert status("Rejection less likely, biopsy pending.", "Rejection") == "possible"
    assert status("Malignancy must be excluded.", "Malignancy") == "possible"
    assert status("Colonoscopy to exclude malignancy.", "malignancy") != "negated"  # a request is no absence
    assert status("Pneumonia, less likely viral.", "Pneumonia") == "present"



CASUALTY = """Eye casualty 02/03/2193
VA: R 6/24, L 6/6. R eye red and photophobic.
Plan: bloods today, results to follow.
Mother has type 1 diabetes.
"""


def _decide(text: str, question: str):
    note = Note("v", text)
    return AnswerPolicy().decide(note, question, [], segment(text, note.id))


def test_a_concept_named_only_by_its_head_and_one_more_word_is_uncertain_with_that_sentence():
    d = _decide(CASUALTY, "Are his latest blood results back?")
    assert d.verdict.verdict == "uncertain" and "bloods today" in d.answers[0].text
    assert "clinician must look" in d.verdict.reason


def test_a_head_word_alone_or_a_relatives_is_not_enough():
    assert _decide(CASUALTY, "Is his left eye painful?").verdict.verdict == "not_mentioned"  # "eye" only
    assert _decide(CASUALTY, "Does he have diabetes insipidus?").verdict.verdict != "yes"
