"""Drug classes and list statuses (session 24): "Which statin is he on?" names a class, so it asks
for a drug; the one member the patient is on answers before the reader, the discharge list's when
the question is about going home, a stopped one when the question is in the past; "D/C meds" is
the discharge list, not a stopped one; a status after an item ("- NEW") is its key and starts the
drug; "Anticoagulants: none" says no; a transfer note, a procedure record and a letter to the
patient about the stay are read as the kinds they are. Notes written for these tests in their own
words."""

from __future__ import annotations

from clinqa.document import parse_document
from clinqa.document.events import _header_action
from clinqa.qa.policy import AnswerPolicy
from clinqa.qa.policy.asked import asked_for
from clinqa.text import segment
from clinqa.types import Answer, Note

SUMMARY = """D/C SUMMARY - Respiratory
Mx:
- IV esomeprazole 40 mg daily while nil by mouth
- Oral doxycycline from day 2; stopped day 4 when the urine antigens were negative
D/C meds:
1) lansoprazole 30 mg OD - NEW
2) simvastatin 20 mg ON - unchanged
3) atenolol 50 mg OD - unchanged
4) amoxicillin 500 mg TDS until 12.iv - NEW
"""

PROCEDURE = """PLEURAL PROCEDURE RECORD - Day Case Unit
Procedure: ultrasound-guided pleural aspiration, left
Anticoagulants: none. Aspirin continued.
Complications: none.
"""


def _text(text: str, question: str) -> str | None:
    note = Note("n", text)
    d = AnswerPolicy().decide(note, question, [], segment(note.text, note.id))
    return d.answers[0].text if d.answers and not d.answers[0].is_no_answer else None


def _verdict(text: str, question: str) -> str | None:
    note = Note("n", text)
    d = AnswerPolicy().decide(note, question, [], segment(note.text, note.id))
    return d.verdict.verdict if d.verdict else None


def test_a_class_named_asks_for_a_drug():
    asked = asked_for("Which statin is he on?")
    assert asked.category == "Medication" and asked.drug_stems
    assert _text(SUMMARY, "Which statin is he on?") == "simvastatin 20 mg"
    assert _text(SUMMARY, "Which beta-blocker does he take?") == "atenolol 50 mg"


def test_going_home_prefers_the_discharge_list():
    assert _text(SUMMARY, "Which PPI is he going home on?") == "lansoprazole 30 mg"


def test_a_question_in_the_past_keeps_a_stopped_member():
    assert _text(SUMMARY, "Which tetracycline did he receive?") == "doxycycline"


def test_dc_meds_is_the_discharge_list_and_trailing_status_is_the_key():
    assert _header_action("D/C meds") is None
    assert _header_action("D/C'd meds") == "stopped"
    doc = parse_document(SUMMARY)
    lst = [b for b in doc.lists() if b.header == "D/C meds"][0]
    assert [it.key for it in lst.items] == ["NEW", "unchanged", "unchanged", "NEW"]
    assert lst.items[0].text == "lansoprazole 30 mg OD"
    started = {e.subject.lower() for e in doc.events if e.kind == "medication" and e.action == "started"}
    stopped = {e.subject.lower() for e in doc.events if e.kind == "medication" and e.action == "stopped"}
    assert {"lansoprazole", "amoxicillin"} <= started
    assert not {"simvastatin", "atenolol", "lansoprazole"} & stopped


def test_a_class_field_that_says_none():
    assert _verdict(PROCEDURE, "Is she anticoagulated?") == "no"


def test_kinds_of_note_by_their_titles():
    assert parse_document(PROCEDURE).kind == "operative"
    assert parse_document("MEDICAL HDU -> WARD TRANSFER NOTE\nTransferred today.\n").kind == "progress"
    letter = ("City Hospital - Surgical Unit\nYour discharge letter\n\nDear Mr Osei,\nYou were in hospital "
              "for four days.\n\nYours sincerely,\nDr Lind\n")
    assert parse_document(letter).kind == "discharge_summary"


PASTED_MEDS = ("Hospital course: uneventful.\n"
               "    \n"
               "Discharge Medications\n"
               "Medication\tDose/Route/Freq\tStatus\n"
               "edoxaban\t60 mg PO daily\tNEW\n"
               "ramipril\t5 mg PO daily\tRESUMED (was held)\n"
               "naproxen\t500 mg PO BID\tSTOPPED - GI bleed risk\n")


def test_a_pasted_medication_table_is_the_discharge_list():
    doc = parse_document(PASTED_MEDS)
    table = [b for b in doc.blocks if b.kind == "table"][0]
    assert table.header == "Discharge Medications"
    note = Note("n", PASTED_MEDS)
    d = AnswerPolicy().decide(note, "What are the discharge medications?", [], segment(note.text, note.id))
    assert [a.text for a in d.answers] == ["edoxaban\t60 mg PO daily", "ramipril\t5 mg PO daily"]
    actions = {e.subject: e.action for e in doc.events if e.source == "list_header"}
    assert actions == {"edoxaban": "started", "ramipril": "resumed", "naproxen": "stopped"}


ED_HOME = """EMERGENCY DEPARTMENT NOTE
Fall at home; wrist fracture manipulated under haematoma block.
Admission was offered and declined. Discharged home at 15:20 with her son.
"""


def test_an_emergency_visit_that_sends_home_is_no_admission():
    assert _verdict(ED_HOME, "Was she admitted?") == "no"
    assert _verdict(ED_HOME.replace("Discharged home at 15:20 with her son.", "Admitted to the orthopaedic ward."),
                    "Was she admitted?") == "yes"


CONSULT = """CARDIOLOGY CONSULT
Q: What is the rhythm? A: AF with RVR, rate 140.
Labs today: K 3.3, Mg 1.5. Replete to keep K above 4.0 and Mg above 2.0.
INR 2.4 today; target INR 2.0-3.0.
"""


def _with_candidates(text: str, question: str, spans: list[str]) -> list[str]:
    note = Note("n", text)
    cands = [Answer(text=t, start=text.index(t), end=text.index(t) + len(t), score=0.9 - 0.1 * i, note_id="n",
                    method="extractive") for i, t in enumerate(spans)]
    d = AnswerPolicy().decide(note, question, cands, segment(note.text, note.id))
    return [a.text for a in d.answers if not a.is_no_answer]


def test_a_target_is_never_a_measured_value():
    assert asked_for("Target magnesium?").target and not asked_for("Magnesium today?").target
    # the reader's first pick is the measured value; the policy passes it over for the target
    assert _with_candidates(CONSULT, "What is the target INR?", ["2.4", "2.0-3.0"])[:1] == ["2.0-3.0"]
    assert "1.5" not in _with_candidates(CONSULT, "Target magnesium?", ["1.5"])


def test_class_words_in_other_languages():
    note = "Medications: warfarin 3 mg daily (AF), bisoprolol 2.5 mg daily.\n"
    assert _text(note, "Welches Antikoagulans nimmt die Patientin?").startswith("warfarin 3 mg")
    assert _text(note, "¿Qué betabloqueante toma?").startswith("bisoprolol 2.5 mg")


HISTORY = """TRANSFER FORM
DIAGNOSES / MEDICAL HISTORY
Parkinson's disease; hypertension; osteoporosis.

PC: two falls this week
"""


def test_a_terse_heading_question_and_a_header_no_rule_knows():
    assert _text(HISTORY, "PMH?").startswith("Parkinson's disease")
    assert _text(HISTORY, "Presenting complaint?") == "two falls this week"


def test_a_key_after_the_allergies_ends_them_and_a_combination_is_one_drug():
    note = ("Background: hypertension. Allergies: penicillin (rash). Home meds: ramipril 5 mg daily. In hospital: "
            "piperacillin-tazobactam 4.5 g IV q8h for fever.\n")
    assert _text(note, "What antibiotic is she on?").startswith("piperacillin-tazobactam")
    assert _verdict(note, "Is she on antibiotics?") == "yes"
    assert _verdict(note, "Is she allergic to penicillin?") == "yes"
