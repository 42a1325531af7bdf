"""When a value was measured, in more of the ways notes write it (session 24): a note that writes
its dates day first reads every date so; times listed after a trend belong to its values in
order; a labelled day ("Day 3 (11-10):") answers "on day 3"; a titled block's time ("REASSESSMENT
14:30") belongs to the values under it; a pasted table whose header row is a label and times; a
trend inside a list item; "troponin T" is no temperature and "NEWS2 5" no second value; a note
pasted with HTML markup reads as without it. Notes written for these tests in their own words."""

from __future__ import annotations

from clinqa.document import parse_document
from clinqa.document.time import day_first_dates, time_key, writes_day_first
from clinqa.qa.policy import AnswerPolicy
from clinqa.qa.policy.batch import answer_questions
from clinqa.text import segment
from clinqa.text.markup import blank_markup
from clinqa.types import Answer, Note

HOME_WARD = """HOSPITAL AT HOME - DISCHARGE
Daily readings
Day 1 (28-03): SpO2 91%, HR 110, T 38.7, NEWS2 6
Day 2 (29-03): SpO2 94%, HR 96, T 37.9, NEWS2 3
Day 3 (30-03): SpO2 96%, HR 81, T 36.9, NEWS2 1
Bloods: CRP 240 -> 118 -> 22 mg/L (28-03, 30-03, 02-04); Na 131 on 28-03, 137 on 02-04.
"""

ED = """EMERGENCY DEPARTMENT NOTE
Triage: BP 171/95, HR 101, SpO2 93% on air.

SECOND LOOK 16:10
Pain settling. Her pulse was 84, blood pressure 139/77 and saturation 98% on air.
Labs: hs-troponin T 14 ng/L at 13:00, 19 ng/L at 16:00.
"""

PASTED = ("DISCHARGE SUMMARY&nbsp;&nbsp;[printed from eRecord]\n"
          "<b>Admitted:</b> 2188/02/03 08:15&nbsp;&nbsp;<b>Discharged:</b> 2188/02/06 12:00<br>\n"
          "<b>Labs</b> (copied, tab-delimited)\n"
          "Test\t02/03 08:40\t02/04 06:00\t02/06 06:00\n"
          "Sodium (mmol/L)\t121\t126\t133\n"
          "Potassium (mmol/L)\t3.1\t3.8\t4.4\n")

TERSE = """D/C SUMMARY
Ix:
- Hb 79 (adm) -> 70 (5.iii, pre-Tx) -> 93 (post 2u) -> 96 (d/c) g/L
- BP 88/50 -> 112/70 post 1L saline
"""


class _NoCandidates:
    """A reader with nothing to say: the answers below come from the note's structure."""

    name = "none"

    def answer_many(self, pairs, top_k=1, sentences=None, with_context=True, apply_threshold=True):
        from clinqa.qa.reader import ReaderOutput

        return [ReaderOutput([Answer.no_answer(n.id, 1.0, "extractive")], None) for n, _ in pairs]


def _ask(text: str, question: str):
    note = Note("n", text)
    return AnswerPolicy().decide(note, question, [], segment(note.text, note.id))


def _text(text: str, question: str) -> str | None:
    d = _ask(text, question)
    return d.answers[0].text if d.answers and not d.answers[0].is_no_answer else None


def test_a_note_that_writes_the_day_first_reads_every_date_so():
    assert writes_day_first(HOME_WARD)
    assert not writes_day_first("Seen 03/14 and 04/02.")
    with day_first_dates(True):
        assert time_key("02-04") == (0, 4, 2, -1)
    assert time_key("02-04") == (0, 2, 4, -1)
    assert _text(HOME_WARD, "Na on 02-04?") == "137"
    assert _text(HOME_WARD, "Most recent CRP?") == "22 mg/L"


def test_times_listed_after_a_trend_belong_to_its_values():
    assert _text(HOME_WARD, "What was the CRP on 30-03?") == "118"


def test_a_labelled_day_answers_for_that_day():
    assert _text(HOME_WARD, "Pulse on day 2?") == "96"
    assert _text(HOME_WARD, "What was the temperature on day 3?") == "36.9"
    # "NEWS2 6" is no second temperature
    assert [m.value for m in parse_document(HOME_WARD).measurements_of("temperature")] == ["38.7", "37.9", "36.9"]


def test_a_titled_blocks_time_belongs_to_its_values():
    assert _text(ED, "BP at 16:10?") == "139/77"
    assert _text(ED, "Sats at 16:10?") == "98%"


def test_troponin_t_is_no_temperature():
    doc = parse_document(ED)
    assert not doc.measurements_of("temperature")
    assert _text(ED, "Trop at 16:00?") == "19 ng/L"


def test_a_trend_inside_a_list_item():
    doc = parse_document(TERSE)
    assert [m.value for m in doc.measurements_of("hemoglobin")] == ["79", "70", "93", "96"]
    assert [m.value for m in doc.measurements_of("blood pressure")] == ["88/50", "112/70"]
    assert _text(TERSE, "Hb at d/c?") == "96"
    assert _text(TERSE, "Hb on admission?") == "79"


def test_roman_numeral_months():
    assert time_key("3.ii.2183") == (2183, 2, 3, -1)
    assert time_key("14.xi") == (0, 11, 14, -1)
    assert time_key("3.2 mmol/L") is None
    assert _text(TERSE, "Hb on 5.iii?") == "70"


def test_markup_is_blanked_in_place():
    blanked = blank_markup(PASTED)
    assert len(blanked) == len(PASTED)
    assert "<b>" not in blanked and "&nbsp;" not in blanked
    assert blank_markup("ketones 6.1 -&gt; DKA") == "ketones 6.1 ->    DKA"


def test_a_pasted_note_is_answered_as_without_its_markup():
    note = Note("p", PASTED)
    items = [(note, q, None) for q in ("Date of admission?", "Sodium at 02/04 06:00?", "Potassium at discharge?")]
    decisions = answer_questions(_NoCandidates(), AnswerPolicy(), items, [segment(PASTED, "p")] * 3)
    got = [d.answers[0] for d in decisions]
    assert [a.text for a in got] == ["2188/02/03", "126", "4.4"]
    assert all(PASTED[a.start:a.end] == a.text for a in got)


def test_the_stay_the_note_writes_and_its_shorthand_dates():
    written = "Admitted: 02/05/2188   Discharged: 09/05/2188   Length of stay: 7 days\n"
    assert _text(written, "Length of stay?") == "7 days"
    shorthand = "Adm 3.ii.2183 via ED -> d/c 7.ii.2183\nPC: melaena\n"
    d = _ask(shorthand, "How long was he in hospital?")
    assert d.answers[0].value == "4 days"
    assert _text(shorthand, "Date of admission?") == "3.ii.2183"


def test_a_duration_in_words():
    note = "HPC: four days without sleep and pressured speech before admission.\n"
    at = note.index("four days")
    cand = [Answer(text="four days", start=at, end=at + 9, score=0.9, note_id="n", method="extractive")]
    d = AnswerPolicy().decide(Note("n", note), "How many days without sleep before admission?", cand,
                              segment(note, "n"))
    assert d.answers[0].text == "four days"


MONTHLY = """RENAL CLINIC - results
Date          Creatinine   eGFR    Potassium
              (umol/L)             (mmol/L)
2194-10-03    142          41      4.9
2195-01-17    161          35      5.4
2195-04-22    155          37      5.1
"""


def test_a_month_named_alone_picks_that_month_row():
    # session 28: "in January", "last October" name a month, any day of it; an empty corner's
    # units row under the header is no row of values
    from clinqa.qa.policy import AnswerPolicy
    from clinqa.text import segment
    from clinqa.types import Note

    def ask(q):
        note = Note("n", MONTHLY)
        d = AnswerPolicy().decide(note, q, [], segment(note.text, note.id))
        return d.answers[0].text if d.answers and d.answers[0].text else None

    assert ask("Creatinine in January?") == "161"
    assert ask("Potassium last October?") == "4.9"
    assert ask("eGFR in March?") is None  # no row of that month


def test_pulse_pressure_is_no_pulse():
    # session 28: a measure whose name begins with a vital's ("pulse pressure 22") is its own
    from clinqa.document import parse_document

    doc = parse_document("Evening: BP 90/68 (pulse pressure 22), pulse 124, cool peripheries.")
    assert [(m.name, m.value) for m in doc.measurements_of("heart rate")] == [("heart rate", "124")]


def test_a_month_in_another_values_brackets_is_that_values():
    # "62 (70 in March)": March dates the 70, not the 62
    from clinqa.document import parse_document

    doc = parse_document("Renal: eGFR 62 (70 in March), stable.")
    assert [(m.value, m.key) for m in doc.measurements_of("egfr")][0] == ("62", None)


def test_review_months_that_are_no_time_of_this_value():
    from clinqa.document import parse_document
    from clinqa.document.time import time_key

    doc = parse_document("Creatinine 210 (was 150 in Feb, 132 Oct 2194), rising.")
    assert doc.measurements_of("creatinine")[0].key is None
    for text in ("Dr Jan Novak", "June Whitfield", "April Jones RN", "Sister August", "before April", "since January"):
        assert time_key(text) is None, text


def test_a_relatives_fever_and_a_temperature_below_zero_are_not_the_patients():
    # session 28 (second review): "fever 39.5" of a sister, "Outside temp -30 C"; "room air SpO2"
    # and an outside hospital's Hb stay the patient's
    from clinqa.document import parse_document

    doc = parse_document("T 37.0. Sister had fever 39.5 last week. Outside temp -30 C at pickup; T 33.1 C on arrival.")
    assert [m.value for m in doc.measurements_of("temperature")] == ["37.0", "33.1 C"]
    doc = parse_document("On room air SpO2 89%. Outside Hb 6.8, transfused. Hb here 8.9.")
    assert [m.value for m in doc.measurements_of("oxygen saturation")] == ["89%"]
    assert [m.value for m in doc.measurements_of("hemoglobin")] == ["6.8", "8.9"]


def test_initials_are_no_lab():
    from clinqa.document import parse_document

    doc = parse_document("Pt: K.M., 17 y/o M. Bloods today: K 3.1, Na 137.")
    assert [m.value for m in doc.measurements_of("potassium")] == ["3.1"]


def test_an_ecg_pr_is_no_pulse_rate():
    from clinqa.document import parse_document

    doc = parse_document("ECG: sinus rhythm, rate 72, PR 160, QRS 98. Diclofenac 100 mg PR 12 hourly. HR 78.")
    assert [m.value for m in doc.measurements_of("heart rate")] == ["78"]