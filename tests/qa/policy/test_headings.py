"""Questionnaire concepts read from a report's headings (qa/policy/headings.py)."""

from __future__ import annotations

import pytest

from clinqa.document import parse_document
from clinqa.qa.policy import AnswerPolicy
from clinqa.qa.policy.headings import heading_answer, heading_of
from clinqa.questionnaire import load_questionnaire
from clinqa.text import segment
from clinqa.types import Note

CT = """CT ABDOMEN AND PELVIS WITH IV CONTRAST
Exam date: 14/02/2163
Clinical history: 58F, right lower quadrant pain for two days, raised CRP.
Comparison: None.

FINDINGS:
The appendix is dilated to 11 mm with periappendiceal fat stranding. No free air. A 9 mm
hypodense lesion in the left kidney is too small to characterise.

IMPRESSION:
1. Acute appendicitis without perforation.
2. Indeterminate 9 mm left renal lesion; a renal ultrasound could be obtained to characterise it.
"""

MRI = """MRI LUMBAR SPINE WITHOUT CONTRAST
REASON FOR THIS EXAMINATION: low back pain radiating to the left leg
TECHNIQUE: Sagittal and axial T1 and T2 sequences.
COMPARISON: Lumbar spine radiographs 3 January 2162.
FINDINGS: L4-5 disc bulge with mild left foraminal narrowing. Conus normal.
IMPRESSION: Mild degenerative change at L4-5. No cord compression.
"""


def _h(text, heading, part="all"):
    return heading_answer(parse_document(text, "r"), heading, part)


def test_a_heading_is_named_by_its_first_words():
    assert heading_of("REASON FOR THIS EXAMINATION") == "indication"
    assert heading_of("Clinical history") == "indication"
    assert heading_of("COMPARISON") == "comparison"
    assert heading_of("Liver") is None


@pytest.mark.parametrize("text,heading,part,expect", [
    (CT, "exam", "all", "CT ABDOMEN AND PELVIS WITH IV CONTRAST"),  # the title line, not "Exam date"
    (CT, "indication", "all", "58F, right lower quadrant pain for two days, raised CRP"),
    (CT, "impression", "first", "Acute appendicitis without perforation"),
    (CT, "recommendation", "all", "Indeterminate 9 mm left renal lesion; a renal ultrasound could be obtained "
                                   "to characterise it"),
    (MRI, "indication", "all", "low back pain radiating to the left leg"),
    (MRI, "comparison", "all", "Lumbar spine radiographs 3 January 2162"),
    (MRI, "impression", "all", "Mild degenerative change at L4-5. No cord compression"),
])
def test_what_the_report_writes_under_the_heading(text, heading, part, expect):
    got = _h(text, heading, part)
    assert got is not None and text[got.start:got.end] == expect


def test_an_empty_heading_or_none_to_find_says_there_is_nothing():
    got = _h(CT, "comparison")
    assert got.start == -1 and "None" in got.why
    got = _h(MRI, "recommendation")
    assert got.start == -1 and "recommends nothing" in got.why
    assert _h("Patient seen in clinic today, doing well.", "impression") is None  # no heading: the reader's


def test_the_questionnaire_reads_the_headings_and_only_on_reports():
    q = {c.id: c for c in load_questionnaire("radiology-report").concepts}
    policy = AnswerPolicy()
    note = Note("ct", CT)
    d = policy.decide(note, q["comparison"].questions["en"][0], [], segment(CT, "ct"), concept=q["comparison"])
    assert d.answers[0].is_no_answer and "None" in d.answers[0].reason
    d = policy.decide(note, q["main_finding"].questions["en"][0], [], segment(CT, "ct"), concept=q["main_finding"])
    assert d.answers[0].text == "Acute appendicitis without perforation" and d.gate_score == float("inf")
    letter = "Dear Dr Khan,\nI saw Mrs Patel today. Her knee pain is better.\nKind regards,\nDr Ruiz\n"
    d = policy.decide(Note("l", letter), q["impression"].questions["en"][0], [], segment(letter, "l"),
                      concept=q["impression"])
    assert d.answers[0].is_no_answer and "applies to radiology" in d.answers[0].reason


DISCHARGE = """DISCHARGE SUMMARY
Reason for admission: fever and flank pain.
Past Medical History: type 2 diabetes, hypertension (on two agents), gout; CKD stage 2
Allergies: none known.

Hospital course: pyelonephritis treated with ceftriaxone.

Kind regards,
cc: GP
"""


def test_a_list_concept_takes_the_items_under_its_heading():
    q = {c.id: c for c in load_questionnaire("discharge-summary").concepts}
    policy = AnswerPolicy()
    note = Note("d", DISCHARGE)
    c = q["past_medical_history"]
    d = policy.decide(note, c.questions["en"][0], [], segment(DISCHARGE, "d"), concept=c)
    assert [a.text for a in d.answers] == ["type 2 diabetes", "hypertension (on two agents)", "gout", "CKD stage 2"]
    c = q["chief_complaint"]
    d = policy.decide(note, c.questions["en"][0], [], segment(DISCHARGE, "d"), concept=c)
    assert d.answers[0].text == "fever and flank pain" and d.answers[0].method.endswith("+heading")
    none = "ED NOTE\nPMH: none. Meds: nil.\nAppendicitis suspected.\n"
    c = q["past_medical_history"]
    d = policy.decide(Note("e", none), c.questions["en"][0], [], segment(none, "e"), concept=c)
    assert d.answers[0].is_no_answer and "none" in d.answers[0].reason
    # a list's sentence before prose under the same title: its items, not the reader's guess
    prose = ("ADMISSION NOTE\nPMH: Asthma, coeliac disease, migraine. Lives alone in a ground-floor flat; "
             "her daughter visits her every day from the next village.\n\nPlan\nAdmit.\n")
    d = policy.decide(Note("b", prose), c.questions["en"][0], [], segment(prose, "b"), concept=c)
    assert [a.text for a in d.answers] == ["Asthma", "coeliac disease", "migraine"]


PORTABLE = """PORTABLE CHEST RADIOGRAPH
Indication: check position of new right IJ central line.
FINDINGS: Right internal jugular central line terminates in the low SVC. Endotracheal tube 4 cm above the
carina. Enteric tube courses below the diaphragm. Left subclavian pacemaker with two leads. No pneumothorax.
Surgical clips in the right upper quadrant.
IMPRESSION: Lines and tubes as above. No pneumothorax.
"""


def test_lines_and_tubes_of_a_report_without_a_lines_heading():
    q = {c.id: c for c in load_questionnaire("radiology-report").concepts}
    c = q["lines_tubes"]
    d = AnswerPolicy().decide(Note("p", PORTABLE), c.questions["en"][0], [], segment(PORTABLE, "p"), concept=c)
    texts = [a.text for a in d.answers]
    assert "Right internal jugular central line" in texts and "Endotracheal tube" in texts
    assert any("pacemaker" in t for t in texts) and not any("clips" in t for t in texts)  # clips: no line or tube
    assert not any(t.startswith("right IJ") for t in texts)  # the indication's line is the question asked
    icu = "ICU NURSING NOTE\nLINES: R IJ CVC (day 3), L radial arterial line. Dressings clean and dry.\nNeuro: sedated.\n"
    d = AnswerPolicy().decide(Note("i", icu), c.questions["en"][0], [], segment(icu, "i"), concept=c)
    assert [a.text for a in d.answers] == ["R IJ CVC (day 3)", "L radial arterial line"]


def test_follow_up_is_read_under_its_heading_and_stays_a_reports_recommendation():
    from clinqa.qa.policy.headings import headings_of

    assert headings_of("Follow-up") == ["recommendation", "follow_up"]  # the same words, two concepts
    assert headings_of("REASON FOR THIS EXAMINATION") == ["indication"]
    q = {c.id: c for c in load_questionnaire("discharge-summary").concepts}
    text = ("DISCHARGE SUMMARY\nHospital course: uneventful.\n\nFOLLOW UP:\n- Renal clinic in 3 weeks\n"
            "- Bloods with the GP on Monday\n")
    c = q["follow_up"]
    d = AnswerPolicy().decide(Note("f", text), c.questions["en"][0], [], segment(text, "f"), concept=c)
    assert d.answers[0].text.startswith("Renal clinic in 3 weeks") and d.answers[0].method.endswith("+heading")


def test_discharge_condition_and_disposition_from_their_fields():
    # (session 23) "Condition:" and "Disposition:" under a discharge section, in my own words
    text = ("KESTREL WARD - DISCHARGE SUMMARY\n\nReason for admission\n--------------------\n"
            "Three days of vomiting.\n\n» Discharge\nCondition: eating and drinking, mobile.\n"
            "Disposition: home with her son.\n")
    cond = _h(text, "discharge_condition")
    disp = _h(text, "discharge_disposition")
    assert text[cond.start:cond.end] == "eating and drinking, mobile"
    assert text[disp.start:disp.end] == "home with her son"
    assert _h("Medical condition: frail.\n", "discharge_condition") is None  # another heading's words


def test_an_emergency_visit_sent_home_has_a_discharge_date_and_disposition():
    # (session 23) the guide's convention: an ED visit that ends in discharge home has them
    q = load_questionnaire("discharge-summary")
    concept = next(c for c in q.concepts if c.id == "discharge_disposition")
    home = ("ED PROVIDER NOTE\nTriage 14:05. Chest wall pain after a fall.\nMedical decision making: "
            "contusion.\nDisposition: discharged home with his wife, ambulating.\n")
    admitted = home.replace("discharged home with his wife, ambulating", "admitted to orthopaedics")
    policy = AnswerPolicy()
    d = policy.decide(Note("n", home), concept.questions_for("en")[0], [], segment(home, "n"), concept=concept)
    assert d.answers[0].text and "home" in d.answers[0].text
    d = policy.decide(Note("n", admitted), concept.questions_for("en")[0], [], segment(admitted, "n"), concept=concept)
    assert d.answers[0].is_no_answer and "emergency" in d.reason


def test_the_complaint_is_the_first_sentence_under_its_title():
    note = ("MEDICAL ADMISSION\nPRESENTATION\nFour days of productive cough and fevers at night. Seen by her GP "
            "on day 2 and given doxycycline. Her husband says she has been muddled since yesterday.\n"
            "- lives with husband\n- independent\n\nPLAN\nIV antibiotics.\n")
    policy = AnswerPolicy()
    d = policy.decide(Note("c", note), "What was the presenting complaint?", [], segment(note, "c"))
    assert d.answers[0].text == "Four days of productive cough and fevers at night"
    c = {c.id: c for c in load_questionnaire("discharge-summary").concepts}["chief_complaint"]
    d = policy.decide(Note("c", note), c.questions["en"][0], [], segment(note, "c"), concept=c)
    assert d.answers[0].text == "Four days of productive cough and fevers at night"


def test_where_questions_about_discharge_read_the_disposition_and_never_take_a_time():
    note = ("SURGICAL DISCHARGE\nDischarged: Thu 04/09/2195\nDISCHARGED TO: her sister's flat, with district nurse "
            "visits for the wound\nFOLLOW-UP: clinic in 2 weeks.\n")
    policy = AnswerPolicy()
    d = policy.decide(Note("w", note), "Where did she go on discharge?", [], segment(note, "w"))
    assert d.answers[0].text.startswith("her sister's flat")
    from clinqa.qa.policy.asked import asked_for
    from clinqa.qa.policy.constraints import fits

    asked = asked_for("Where was the sample taken?")
    s = note.index("Thu 04/09/2195")
    assert not fits(Note("w", note), asked, (s, s + len("Thu 04/09/2195")), segment(note, "w"))[0]
    assert not fits(Note("w", note), asked, (s, s + 3), segment(note, "w"))[0]
