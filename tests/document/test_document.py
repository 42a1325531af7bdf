"""The clinical document: sections, blocks, measurements with their time, events, note kinds,
on notes written for these tests (tests/fixtures/document_note.txt and the ones below)."""

from __future__ import annotations

import time

import pytest

from clinqa.document import parse_document
from clinqa.document.parse import build
from clinqa.document.time import matches, time_key
from clinqa.document.views import medication_reconciliation, trends
from tests.files import FIXTURES

NOTE = (FIXTURES / "document_note.txt").read_text(encoding="utf-8")

PROGRESS = """PROGRESS NOTE - hospital day 3
Subjective: feels better, no chest pain overnight.
Objective:
| Time  | Pulse | Resp rate | Temp  |
| 02:00 | 104   | 22        | 38.4  |
| 10:00 | 91    | 18        | 37.6  |
| 18:00 | 84    | 16        | 37.0  |
Plan:
STOPPED: ibuprofen 400 mg, aspirin 81 mg daily
New: cefuroxime 500 mg twice a day for cellulitis.
Lisinopril held for soft blood pressures.
Social: smokes about half a pack a day.
"""

LETTER = """Dear Dr. Ortiz,

Thank you for referring Mr. B, whom I saw in clinic today for follow-up of his gout.
He has had no flares since starting allopurinol 100 mg daily. Uric acid 5.8 mg/dL.
He never smoked. He will have a DEXA scan next month.

Kind regards,
Dr. Lee
"""

XRAY = """EXAMINATION: Chest radiograph, portable.
INDICATION: Central line placed; evaluate line position and exclude pneumothorax.
FINDINGS: Right internal jugular line tip in the lower SVC. No pneumothorax is identified. Lungs are clear.
IMPRESSION: Line in good position. No pneumothorax.
"""


def test_blocks_keep_lists_fields_tables_and_trends_apart():
    doc = parse_document(NOTE, "n")
    kinds = [b.kind for b in doc.blocks]
    assert {"list", "fields", "table", "trend", "prose"} <= set(kinds)
    meds = next(b for b in doc.blocks if b.kind == "list" and b.header == "DISCHARGE MEDICATIONS")
    assert [i.text.split()[0] for i in meds.items] == ["Apixaban", "Pantoprazole", "Metoprolol", "Metformin"]
    for b in doc.blocks:  # every element is the note's own characters
        for it in b.items:
            assert NOTE[it.start:it.end] == it.text
    stopped = next(b for b in doc.blocks if b.kind == "list" and b.header == "STOPPED MEDICATIONS")
    assert [i.text for i in stopped.items] == ["Naproxen 500 mg twice daily", "aspirin 81 mg daily"]
    fields = {i.key: i.text for b in doc.blocks if b.kind == "fields" for i in b.items}
    assert fields["Admission Date"] == "2025-06-01" and fields["Discharge Date"] == "2025-06-05"


def test_tables_give_each_cell_its_row_or_column_time():
    doc = parse_document(NOTE, "n")
    hr = doc.measurements_of("heart rate")
    assert [(m.value, m.when) for m in hr] == [("112", "06/01"), ("88", "06/03"), ("76", "06/05")]
    k = doc.measurements_of("potassium")
    assert [(m.value, m.when) for m in k] == [("3.3", "6/1"), ("3.9", "6/3"), ("4.2", "6/5")]
    pipe = parse_document(PROGRESS, "p")
    pulse = pipe.measurements_of("heart rate")
    assert [(m.value, m.when) for m in pulse] == [("104", "02:00"), ("91", "10:00"), ("84", "18:00")]


def test_a_trend_keeps_each_value_with_its_time_and_moment():
    doc = parse_document(NOTE, "n")
    hgb = doc.measurements_of("hemoglobin")
    assert [m.value for m in hgb] == ["7.1", "6.6", "8.0", "8.9"]
    assert hgb[-1].moment == "discharge" and hgb[0].key == (0, 6, 1, 9 * 60 + 10)
    t = next(t for t in trends(doc) if t.name == "hemoglobin")
    assert t.ordered_by == "time" and [m.value for m in t.values] == ["7.1", "6.6", "8.0", "8.9"]


def test_medication_events_with_reasons_and_from_event_headers():
    doc = parse_document(NOTE, "n")
    ev = {}
    for e in doc.events:
        if e.kind == "medication":
            ev.setdefault((e.subject.lower(), e.action), e)  # the clause first, then the event list
    assert ev[("naproxen", "stopped")].reason == "the ulcer"
    assert ev[("apixaban", "held")].reason == "the bleeding"
    assert ("apixaban", "resumed") in ev and ("pantoprazole", "started") in ev
    assert ev[("metoprolol succinate", "dose_changed")].reason == "rate control"
    assert ev[("aspirin", "stopped")].source == "list_header"
    assert any(e.source == "list_header" and e.subject == "Naproxen" for e in doc.events)
    p = parse_document(PROGRESS, "p")
    pev = {(e.subject.lower(), e.action) for e in p.events if e.kind == "medication"}
    assert {("ibuprofen", "stopped"), ("aspirin", "stopped"), ("cefuroxime", "started"), ("lisinopril", "held")} <= pev


def test_smoking_status_and_planned_procedures():
    assert [e.action for e in parse_document(NOTE, "n").events if e.kind == "smoking"] == ["former"]
    assert [e.action for e in parse_document(PROGRESS, "p").events if e.kind == "smoking"] == ["current"]
    assert [e.action for e in parse_document(LETTER, "l").events if e.kind == "smoking"] == ["never"]
    plans = [e for e in parse_document(NOTE, "n").events if e.kind == "procedure" and e.action == "planned"]
    assert plans and "colonoscopy" in plans[0].subject


CONSULT = """Infectious Diseases Consultation
Requesting physician: Dr. Osei, orthopaedics
Reason for consultation: prosthetic knee infection, antibiotic choice
HPI: 71M two weeks after a left knee replacement, wound drainage since Monday.
Recommendations: vancomycin 15 mg/kg IV q12h, trough before the 4th dose; joint aspirate.
"""


@pytest.mark.parametrize("text,kind", [(NOTE, "discharge_summary"), (LETTER, "clinic_letter"), (XRAY, "radiology"),
                                       (CONSULT, "consult"), ("Patient is comfortable.", "unknown"),
                                       # a letterhead of parts above the title; a paramedic's record; a phone call
                                       ("Kahu Health - Northern Region | Whenua Base Hospital | Surgical Ward 12 East "
                                        "| Discharge Planning Team\n"
                                        "DISCHARGE SUMMARY\nPatient: R. Tane\n", "discharge_summary"),
                                       ("METRO AMBULANCE - PATIENT CARE RECORD\nCall 09:12  On scene 09:20\n",
                                        "emergency"),
                                       ("DIABETES NURSE TEAM - TELEPHONE FOLLOW-UP\nSpoke to patient at 10:05.\n",
                                        "clinic_letter"),
                                       # a cath lab's report is a procedure's, though it reads images; a
                                       # death ends a stay as a discharge does; a ward round is progress
                                       ("St Aldric Cardiac Centre - Cath Lab\nLEFT HEART CATHETERISATION + PCI\n"
                                        "Operator: Dr N. Achterberg, interventional cardiologist\nINDICATION: unstable "
                                        "angina.\nFINDINGS: 80% proximal RCA.\n", "operative"),
                                       ("Elder Care Unit\nINPATIENT SUMMARY: DEATH IN HOSPITAL\nDied 03:10 on day 6.\n",
                                        "discharge_summary"),
                                       ("PLASTICS WARD ROUND 14/11\nDay 9 post burn. Dressings changed.\n", "progress")])
def test_note_kind(text, kind):
    assert parse_document(text, "k").kind == kind


def test_a_consult_is_not_asked_discharge_or_report_concepts():
    from clinqa.qa.policy import AnswerPolicy
    from clinqa.questionnaire import load_questionnaire
    from clinqa.text import segment
    from clinqa.types import Note

    concepts = {c.id: c for q in ("discharge-summary", "radiology-report") for c in load_questionnaire(q).concepts}
    policy, note = AnswerPolicy(), Note("c", CONSULT)
    for cid in ("discharge_date", "discharge_medications", "recommendation", "impression"):
        c = concepts[cid]
        d = policy.decide(note, c.questions["en"][0], [], segment(CONSULT, "c"), concept=c)
        assert d.answers[0].is_no_answer and "reads as a consult" in d.answers[0].reason, cid
    c = concepts["chief_complaint"]  # an encounter concept still applies to a consult
    d = policy.decide(note, c.questions["en"][0], [], segment(CONSULT, "c"), concept=c)
    assert d.answers[0].text == "prosthetic knee infection, antibiotic choice"


# An emergency note whose section titles are those a radiology report also uses ("Exam",
# "Impression"): its title names the kind, and a title's cue counts twice.
ED_WITH_SHARED_HEADERS = """ED Provider Note
Seen at 22:40

CC: left flank pain since this morning

Exam:
Afebrile, HR 96, BP 142/88. Left CVA tenderness.

Imaging:
Non-contrast CT showed a 4 mm left UVJ stone with mild hydronephrosis.

Impression:
Left ureteral stone, pain controlled.

ED Course:
Ketorolac given, tolerating PO.
"""


def test_a_note_title_outweighs_headers_shared_by_kinds():
    doc = parse_document(ED_WITH_SHARED_HEADERS, "ed")
    assert doc.kind == "emergency", doc.kind_reason
    # without its title, the same headers read as a radiology report's
    assert parse_document(ED_WITH_SHARED_HEADERS.replace("ED Provider Note", "Note"), "x").kind != "emergency"
    # a first line of prose is no title: its words count as any others
    prose = ("The patient came up through the emergency room with chest pain and was admitted to cardiology.\n\n"
             "Hospital Course:\nTroponin flat, stress test negative.\n\nDischarge Medications:\n- aspirin 81 mg daily\n\n"
             "Discharge Condition: stable\n")
    assert parse_document(prose, "p").kind == "discharge_summary"


# A rheumatology letter back to the referring GP: letterhead, addresses, a salutation, findings
# under headers no kind owns ("Assessment", "Plan"), and a complimentary close before the signature.
RHEUM_LETTER = """Riverside Rheumatology Practice
14 Mill Lane
Clinic date: 03/02/2031

Dr. A. Osei
Parkside Family Medicine

Dear Dr. Osei,

Thank you for asking me to see Mr. Lund about his swollen knuckles.

Assessment:
Symmetric small-joint synovitis with a raised CRP (31 mg/L); seropositive rheumatoid arthritis is likely.

Plan:
Methotrexate 15 mg weekly with folic acid; bloods every two weeks for six weeks.

With kind regards,

Dr. B. Varga
Consultant Rheumatologist
cc: patient
"""


def test_a_letter_is_known_by_its_form_not_its_headers():
    doc = parse_document(RHEUM_LETTER, "letter")
    assert doc.kind == "clinic_letter", doc.kind_reason
    assert "dear" in doc.kind_reason.lower() and "regards" in doc.kind_reason.lower()
    # a salutation alone is not the form (a discharge summary may hold a "Dear ..." paragraph)
    # ("Clinic date:" is a clinic's cue of its own: left out here)
    unsigned = RHEUM_LETTER[:RHEUM_LETTER.index("With kind regards")].replace("Clinic date", "Date")
    assert parse_document(unsigned, "u").kind != "clinic_letter"
    # nor is a "dear" inside a sentence
    assert parse_document(RHEUM_LETTER.replace("Dear Dr. Osei,", "My dear colleague Dr. Osei, hello."), "d").kind \
        != "clinic_letter"


def test_medication_reconciliation():
    rec = {r.drug: r for r in medication_reconciliation(parse_document(NOTE, "n"))}
    assert rec["naproxen"].status == "stopped" and rec["naproxen"].reason == "the ulcer"
    assert rec["pantoprazole"].status == "started"
    assert rec["metoprolol"].status == "dose_changed" if "metoprolol" in rec else \
        rec["metoprolol succinate"].status == "dose_changed"
    assert rec["metformin"].status == "listed" and rec["metformin"].discharge is not None


def test_time_keys():
    assert time_key("6/3 04:00") == (0, 6, 3, 240)
    assert time_key("2025-06-01") == (2025, 6, 1, -1)
    assert time_key("HD3") == ("rel", 3)
    assert time_key("96/58") is None  # a blood pressure is not a date
    assert matches(time_key("on 6-3 at 04:00"), (0, 6, 3, 240)) and not matches(time_key("6/3 at 05:00"), (0, 6, 3, 240))


def test_parse_is_cached_fast_and_linear():
    parse_document(NOTE, "warm")  # loads the drug lexicon and spaCy once
    from clinqa.text import segment

    sents = segment(NOTE)
    t0 = time.perf_counter()
    build(NOTE, "n", sents)
    one = time.perf_counter() - t0
    assert one < 0.3, one
    t0 = time.perf_counter()
    assert parse_document(NOTE, "other-id").note_id == "other-id"  # cached: same document, its own id
    assert time.perf_counter() - t0 < 0.01
    big = NOTE * 20
    big_sents = segment(big)
    t0 = time.perf_counter()
    build(big, "b", big_sents)
    twenty = time.perf_counter() - t0
    assert twenty < 40 * max(one, 0.005), (one, twenty)  # linear, not quadratic, in the note's length


# A hospital's letterhead above the title; the kinds an H&P, a handover, a video visit and an
# urgent-care visit are: none of them discharges anybody
@pytest.mark.parametrize("head,kind", [
    ("ST BRENDAN'S HOSPITAL - RENAL UNIT\nDISCHARGE SUMMARY (copy to GP: Dr Ames)\n", "discharge_summary"),
    ("GENERAL SURGERY\nAdmission History & Physical\n", "progress"),
    ("WARD 7 - NIGHT TO DAY SHIFT HANDOVER\n", "progress"),
    ("Video visit - endocrinology follow-up\n", "clinic_letter"),
    ("HARBOUR URGENT CARE\nProvider note\n", "emergency"),
])
def test_a_title_under_a_letterhead_names_the_kind(head, kind):
    body = "Patient: J. Doe   Age 50\nPlan: review labs. Patient reports feeling better.\n"
    doc = parse_document(head + body, "t")
    assert doc.kind == kind, doc.kind_reason
    # a field line ends the title lines: its words are no title
    assert parse_document("Patient: J. Doe\nDISCHARGE SUMMARY\n" + body, "f").kind_reason.startswith("its title") is False


# a discharge letter written as numbered paragraphs, each opening with a short title
NUMBERED = """RIVERBEND DISTRICT HOSPITAL
DISCHARGE SUMMARY

1. Presentation. Ms Ana Folau, 58, came in with three days of fever and flank pain.
2. Investigations. Urine culture grew E. coli. Creatinine 96 umol/L.
3. Past history. Asthma; hypothyroidism.
4. Medications at discharge
   a) Cefalexin 500 mg four times daily for 7 days
   b) Levothyroxine 75 mcg daily
5. Follow-up. GP in one week.
"""


def test_numbered_paragraph_titles_are_sections():
    doc = parse_document(NUMBERED, "n")
    titles = [s.title for s in doc.sections if s.title]
    assert titles == ["Presentation", "Investigations", "Past history", "Medications at discharge", "Follow-up"]
    sec = next(s for s in doc.sections if s.title == "Past history")
    assert doc.text[sec.title_start:sec.title_end].startswith("Past history")
    meds = next(b for b in doc.blocks if b.kind == "list" and b.header and "Medications" in b.header)
    assert [i.text.split()[0] for i in meds.items] == ["Cefalexin", "Levothyroxine"]
    # two numbered lines are a list, not the note's layout
    short = "Plan:\n1. Start aspirin.\n2. Recheck labs.\n"
    assert not any(s.title and s.title.startswith("Start") for s in parse_document(short, "s").sections)
    # a numbered list whose items open with a dosage form's abbreviation ("Tab.", "Cap.") is a list
    tabs = "DISCHARGE MEDICINES:\n1. Tab. Amlodipine 5 mg 0-0-1\n2. Cap. Omeprazole 20 mg 1-0-0\n" \
           "3. Tab. Atorvastatin 20 mg 0-0-1\n4. Syp. Lactulose 15 mL HS\n"
    doc = parse_document(tabs, "t")
    assert [s.title for s in doc.sections if s.title] == ["DISCHARGE MEDICINES"]
    assert len(next(b for b in doc.blocks if b.kind == "list").items) == 4


def test_rows_of_named_values_keep_their_leading_time():
    # no header row: each line is a time followed by named values (an urgent-care flowsheet)
    text = ("Vitals\n"
            "9:05 AM   T 101.4 F   HR 118   BP 104/66   SpO2 94% RA\n"
            "11:40 AM  T 99.1 F    HR 97    BP 112/70   SpO2 97% RA  (after paracetamol at 10:15 AM)\n")
    doc = parse_document(text, "v")
    assert [(m.value, m.when) for m in doc.measurements_of("temperature")] == [("101.4 F", "9:05 AM"),
                                                                           ("99.1 F", "11:40 AM")]
    assert [(m.value, m.when) for m in doc.measurements_of("heart rate")] == [("118", "9:05 AM"), ("97", "11:40 AM")]
    # a clock time is never a value: "10:15" gives no 10 and no 15
    assert not any(m.value in ("10", "15") for m in doc.measurements)


def test_marked_and_underlined_titles_open_sections():
    # (session 23) a title under a rule of dashes, or after a "»" mark, opens a section even when
    # the sentence splitter runs it into its first line
    text = ("KESTREL WARD - DISCHARGE LETTER\n\n"
            "Reason for admission\n--------------------\nThree days of vomiting.\n\n"
            "» Medicines on discharge\n  NEW   Ondansetron 4 mg as needed\n  SAME  Ramipril 5 mg daily\n\n"
            "» Discharge\nCondition: eating and drinking.\nDisposition: home with her son.\n")
    doc = parse_document(text, "t")
    titles = [s.title for s in doc.sections if s.title]
    assert "Reason for admission" in titles and "Medicines on discharge" in titles and "Discharge" in titles
    sec = next(s for s in doc.sections if s.title == "Reason for admission")
    assert doc.text[sec.title_end:].lstrip().startswith("Three days")


LUNG_FUNCTION = """LUNG FUNCTION REPORT 12/06/2194
Indication: breathless on exertion.

RESULTS
Test            Predicted   Measured   Percent predicted
FEV1 (L)        3.10        2.05       66
FVC (L)         3.95        3.40       86
TLCO            8.9         5.1        57

Impression: moderate obstruction; gas transfer reduced.
"""


def test_a_row_of_column_names_heads_the_table_and_a_question_names_its_column():
    from clinqa.qa.policy import AnswerPolicy
    from clinqa.text import segment
    from clinqa.types import Note

    doc = parse_document(LUNG_FUNCTION, "l")
    table = next(b for b in doc.blocks if b.kind == "table")
    assert [c.text for c in table.columns] == ["Test", "Predicted", "Measured", "Percent predicted"]
    note = Note("l", LUNG_FUNCTION)
    for question, value in (("Measured FVC?", "3.40"), ("FEV1 percent predicted?", "66"), ("TLCO measured?", "5.1")):
        d = AnswerPolicy().decide(note, question, [], segment(LUNG_FUNCTION, note.id))
        assert d.answers[0].text == value, question


@pytest.mark.parametrize("title,kind", [
    # session 28: titles no rule named before (notes written for this test)
    ("KARIBU DISTRICT HOSPITAL - MAIN THEATRE\nOPERATION NOTES\n\nDate: 02/03/2191", "operative"),
    ("NORTHBAY HOSPITAL - Interventional Radiology\nULTRASOUND-GUIDED LIVER BIOPSY\n\nDate: 2191/04/02", "radiology"),
    ("RIVERSIDE PROVINCIAL HOSPITAL\nCLINICAL ABSTRACT\n\nPatient: SANTOS, Ana", "discharge_summary"),
    ("LAKEHEAD NURSING STATION - AFTER-HOURS RECORD\nSeen: Feb 2/2193 02:10", "emergency"),
    ("STROKE REHABILITATION WARD\nWEEKLY MDT MEETING\nDate: 3 May 2190", "progress"),
])
def test_more_titles_name_their_kind(title, kind):
    from clinqa.document import parse_document

    assert parse_document(title + "\nPlan: continue.\n").kind == kind
