"""Yes/no answers from a form's columns, a field's key and what became of a drug (session 25): a
mark under a checklist's YES / NO / N/A column answers its row; an "Intolerances:" key makes its
drug no allergy; "NKDA" answers a drug-allergy question whatever else the field lists; a
relative's smoking is not the patient's; a drug negated on the discharge line is not one the
patient goes home on; a stopped drug counts as stopped under its canonical name; "did not develop",
a dash before "NOT present" and "resolution of" are read. Notes written for these tests in their
own words."""

from __future__ import annotations

from clinqa.qa.policy import AnswerPolicy
from clinqa.text import segment
from clinqa.types import Note

CHECKLIST = """WARD 3 LEAVING-HOSPITAL CHECKS
Patient: Mrs Ilse Brantwood, 77
TASK                              YES   NO   N/A   NOTES
Walking aid provided               x               zimmer frame
Care package restarted                   x         family to support for now
Warfarin clinic booked                         x   not on warfarin
Falls leaflet given                x
"""

CLINIC = """RENAL CLINIC 02/03/2188
Allergies - Drugs: NKDA. Other: elastoplast (blisters).
Drug sensitivities: Allergies: penicillin - anaphylaxis (2170). Intolerances: codeine (constipation).
Social: lives alone; her son smokes, she has never been a smoker... her son smokes indoors.
Contrast nephropathy did not develop after the CT.
2. Renal artery stenosis - NOT present on the Doppler.
"""

ED = """ED DISCHARGE 09/09/2185
Chest pain, troponin negative x2. The ambulance crew gave clopidogrel 300 mg as a loading dose.
No clopidogrel on discharge (single pre-hospital dose only).
Earlier admission: IV flucloxacillin for cellulitis, stopped on day 5.
CT: resolution of the right pleural effusion seen in June.
"""


def _verdict(text: str, question: str) -> str | None:
    note = Note("n", text)
    d = AnswerPolicy().decide(note, question, [], segment(note.text, note.id))
    return d.verdict.verdict if d.verdict else None


def test_a_mark_under_a_checklist_column_answers_its_row():
    assert _verdict(CHECKLIST, "Was a walking aid provided?") == "yes"
    assert _verdict(CHECKLIST, "Was the care package restarted?") == "no"
    assert _verdict(CHECKLIST, "Was a warfarin clinic appointment booked?") != "yes"  # N/A


def test_allergy_fields_keys_and_drug_allergies():
    assert _verdict(CLINIC, "Is she allergic to codeine?") == "no"  # under "Intolerances:"
    assert _verdict(CLINIC, "Is she allergic to penicillin?") == "yes"
    assert _verdict(CLINIC, "Does she have any drug allergies?") == "no"  # "Drugs: NKDA"


def test_a_relatives_smoking_is_not_the_patients():
    assert _verdict(CLINIC, "Does the patient smoke?") != "yes"


def test_negations_after_the_finding():
    assert _verdict(CLINIC, "Did she develop contrast nephropathy?") == "no"
    assert _verdict(CLINIC, "Does she have renal artery stenosis?") == "no"


def test_a_drug_negated_on_the_discharge_line_is_not_taken_home():
    assert _verdict(ED, "Is he on an antiplatelet at discharge?") == "no"
    assert _verdict(ED, "Was he given an antiplatelet?") == "yes"


def test_a_stopped_drug_under_its_canonical_name_and_resolution_before_it():
    assert _verdict(ED, "Is he still on antibiotics?") == "no"
    assert _verdict(ED, "Is there a pleural effusion now?") == "no"
