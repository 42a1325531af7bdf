"""Yes/no answers that keep to the moment asked and to what the note says happened (session 25):
a finding, device or treatment that ended before the moment a question names is a no for that
moment and a yes for the stay; what a drug is charted for is no finding; items handed over are
planned, not done; a table column whose every cell is "nil" says absent, unless the question asks
whether the test was done. Notes written for these tests in their own words."""

from __future__ import annotations

from clinqa.document import parse_document
from clinqa.qa.policy import AnswerPolicy
from clinqa.text import segment
from clinqa.types import Note

STEP_DOWN = """HDU STEP-DOWN NOTE 14/02/2186
Mr Okonkwo-Reid, 71. Admitted with left lower lobe pneumonia.
Progress: high-flow oxygen on arrival, then nasal cannula; supplemental oxygen weaned off on day 5.
Vomiting on day 1, none since. Urinary catheter inserted on arrival and removed this morning.
He remains on IV amoxicillin. Still has a productive cough.
Handover to ward team: for OT assessment, repeat CXR in 6 weeks; chase sputum culture
"""

CHART = """MEDICATION ADMINISTRATION RECORD, Ward 9
Ibuprofen 400 mg TDS PRN for headache or fever - not given this shift.
Morphine 2.5 mg PRN given at 03:10 for abdominal pain, with relief.
Obs: T 36.6-37.1 throughout.
"""

ANTENATAL = "OBSERVATIONS\nTime\tBP\tPulse\tUrinalysis protein\tGlucose\n09:00\t128/80\t76\tnil\tnil\n13:00\t131/82\t80\tnil\t1+\n"


def _verdict(text: str, question: str) -> str | None:
    note = Note("n", text)
    d = AnswerPolicy().decide(note, question, [], segment(note.text, note.id))
    return d.verdict.verdict if d.verdict else None


def test_ended_before_the_moment_asked_is_a_no_for_that_moment():
    assert _verdict(STEP_DOWN, "Is he still on oxygen?") == "no"
    assert _verdict(STEP_DOWN, "Is he vomiting today?") == "no"
    assert _verdict(STEP_DOWN, "Does he have a urinary catheter now?") == "no"


def test_ended_is_still_a_yes_for_the_stay():
    # the stay's question keeps the earlier state: he was on oxygen and did vomit
    assert _verdict(STEP_DOWN, "Did he need oxygen?") == "yes"
    assert _verdict(STEP_DOWN, "Did he vomit?") == "yes"


def test_a_finding_that_did_not_end_stays_yes_at_the_moment():
    assert _verdict(STEP_DOWN, "Does he still have a cough?") == "yes"


def test_what_a_drug_is_charted_for_is_no_finding():
    assert _verdict(CHART, "Did the patient have a fever?") != "yes"
    assert _verdict(CHART, "Did the patient have a headache?") != "yes"
    # a dose given for a reason is the reason's evidence
    assert _verdict(CHART, "Did the patient have abdominal pain?") == "yes"


def test_handed_over_items_are_planned_not_done():
    doc = parse_document(STEP_DOWN)
    planned = [e.subject for e in doc.events if e.kind == "procedure" and e.action == "planned"]
    assert "for OT assessment" in planned and "repeat CXR in 6 weeks" in planned
    assert _verdict(STEP_DOWN, "Has the OT assessment been done?") == "no"


def test_a_column_of_nil_results_is_absent_but_the_test_was_done():
    assert _verdict(ANTENATAL, "Was there proteinuria?") == "no"
    assert _verdict(ANTENATAL, "Was the urinalysis protein checked?") == "yes"
    # one positive cell: the column does not say absent
    assert _verdict(ANTENATAL, "Was there glucosuria?") != "no"


FEVER_CHART = """ADMISSION NOTE 03/07/2184
Obs on arrival: temp 38.9 C, HR 112, BP 104/66.
Treated for a urinary source. Paracetamol 1 g QDS PRN for pain or fever.
DISCHARGE: obs at discharge T 36.8 C, HR 78; eating and drinking.
"""


def test_a_drug_charted_for_fever_leaves_the_fever_to_the_values():
    assert _verdict(FEVER_CHART, "Did she have a fever?") == "yes"
    assert _verdict(FEVER_CHART, "Was she febrile on arrival?") == "yes"
    # the moment's own value answers, not the stay's highest
    assert _verdict(FEVER_CHART, "Was she febrile at discharge?") == "no"


LAST_WORD = """Presented with fevers to 39.2 C, rigors and a new cough. Started on IV co-amoxiclav.
Paroxysmal atrial fibrillation on day 2 - reverted to sinus rhythm after IV fluids.
Apyrexial since day 3. Cough improving. Discharged home on day 5.
"""


def test_the_notes_last_word_on_a_finding_answers_a_question_about_a_moment():
    def v(q):
        d = AnswerPolicy().decide(Note("w", LAST_WORD), q, [], segment(LAST_WORD, "w"))
        return d.verdict.verdict if d.verdict else None

    assert v("Was he febrile at discharge?") == "no"  # "apyrexial since day 3", after the fevers
    assert v("Did he have a fever?") == "yes"  # at any time: the fevers
    assert v("Is he still in atrial fibrillation?") == "no"
    assert v("Is he still coughing?") != "no"  # "cough improving" is no end of it


COURSE = """Progress in hospital:
- Oxygen via nasal cannula 2 L/min; increased to 4 L overnight on day 2; weaned off day 4.
- Pain settled on regular paracetamol. Sats 97% on air at discharge.
Past history: asthma; eczema.
"""


def test_a_line_that_opens_with_the_item_tells_its_course_in_clauses():
    note = Note("c", COURSE)
    ask = lambda q: AnswerPolicy().decide(note, q, [], segment(COURSE, note.id)).verdict.verdict  # noqa: E731
    assert ask("Was he on oxygen at discharge?") == "no"
    assert ask("Did he need oxygen?") == "yes"
