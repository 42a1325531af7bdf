"""Notes that write decimals with a comma and months by name (session 30): "K 3,2" is 3.2, not 2,
and "12.300" leukocytes beside comma decimals is twelve thousand three hundred; a lab's name with
its accents ("Leucócitos") is the lexicon's name without them; "internado 14/abr" style dates with
a month name set the day-first order of a table headed "16/04"; "lowest ... during the admission"
is the whole stay; a moment asked in Portuguese or German ("na alta", "bei Entlassung"). Notes
written for these tests in their own words."""

from __future__ import annotations

from clinqa.document import parse_document
from clinqa.document.numbers import number_of as _number, writes_decimal_comma
from clinqa.document.time import writes_day_first
from clinqa.qa.policy import AnswerPolicy
from clinqa.text import segment
from clinqa.types import Note

WARD = """ENFERMARIA DE CLÍNICA MÉDICA - SUMÁRIO DE ALTA
Internado (admitted): 12/jun/2231   Alta (discharged): 19/jun/2231

LABORATÓRIO        12/06    14/06    17/06    19/06
Hemoglobina (g/dL) 9,8      8,9      9,3      10,2
Leucócitos (/mm³)  14.200   11.900   9.300    7.600
Potássio (mEq/L)   5,9      4,8      3,3      4,1
Creatinina (mg/dL) 2,4      2,9      1,9      1,4
Note: K 3,3 on 17/06 after furosemide, replaced orally.
"""

ENGLISH = """DISCHARGE LABS
Platelets 1,250 x10^3? no: platelets 250,000 /uL on 6/2. Hb 11.2 g/dL, K 4.1.
"""


def _text(text: str, question: str) -> str | None:
    note = Note("n", text)
    d = AnswerPolicy().decide(note, question, [], segment(note.text, note.id))
    return d.answers[0].text if d.answers and not d.answers[0].is_no_answer else None


def test_a_note_that_writes_decimals_with_a_comma_reads_its_numbers_so():
    assert writes_decimal_comma(WARD) and not writes_decimal_comma(ENGLISH)
    hb = [m.number for m in parse_document(WARD).measurements_of("hemoglobin")]
    assert hb == [9.8, 8.9, 9.3, 10.2]
    wbc = [m.number for m in parse_document(WARD).measurements_of("white blood cell count")]
    assert wbc == [14200, 11900, 9300, 7600]  # a dot between thousands where decimals take a comma
    assert _number("250,000") == 250000 and _number("11.2") == 11.2 and _number("1.234,5") == 1234.5


def test_extremes_compare_the_decimals():
    assert _text(WARD, "Lowest Hb?") == "8,9"
    assert _text(WARD, "Peak creatinine?") == "2,9"
    assert _text(WARD, "Lowest potassium?") == "3,3"  # the prose's "K 3,3" is no "3"


def test_a_lab_name_with_accents_is_the_lexicons_name():
    assert _text(WARD, "WBC on 14/06?") == "11.900"


def test_dates_with_a_month_name_set_the_order_of_the_numeric_ones():
    assert writes_day_first(WARD)  # no numeric date above 12 says so; "12/jun" and "19/jun" do
    assert not writes_day_first("Seen 6/12 and 6/19; labs 6/14.")
    assert _text(WARD, "Hemoglobin at discharge?") == "10,2"


def test_during_the_admission_is_the_whole_stay():
    assert _text(WARD, "Lowest haemoglobin during the admission?") == "8,9"
    assert _text(WARD, "Hb on admission?") == "9,8"


def test_a_moment_asked_in_another_language():
    assert _text(WARD, "Leucócitos na alta?") == "7.600"
    assert _text(WARD, "Kalium bei Entlassung?") == "4,1"


GAS = """AKUTMODTAGELSEN - journal
D.O.A.: 4/11/2231 (ambulance)    D.O.D.: 6/11/2231    Ward: M2

Venous gases
kl.      pH     HCO3   K     Ketoner
09.40    7.11   9      5.4   6.2
12.10    7.19   12     4.4   3.9
15.25    7.27   16     3.7   1.8
Anion gap 24 at 09.40 and 14 at 15.25. Urine dipstix: ketones 3+.

Labs      4/11    5/11    6/11
Na        131     135     138
"""


def test_a_clock_column_and_a_time_after_at_written_with_a_dot():
    assert _text(GAS, "pH at 12.10?") == "7.19"
    assert _text(GAS, "Most recent bicarbonate?") == "16"
    assert _text(GAS, "Lowest K?") == "3.7"  # (the times are no values)
    assert _text(GAS, "Anion gap at 15.25?") == "14"
    assert [m.value for m in parse_document(GAS).measurements_of("anion gap")] == ["24", "14"]


def test_a_question_form_names_a_lab_but_not_another_specimens():
    assert _text(GAS, "Ketones at 12.10?") == "3.9"
    assert _text(GAS, "Urine ketones?") != "6.2"  # the dipstick's, never the blood's


def test_a_moments_label_with_its_date_anchors_the_stay():
    assert _text(GAS, "Sodium at discharge?") == "138"
    assert _text(GAS, "pH ved ankomst?") == "7.11"


YEAR_FIRST = """DISCHARGE SUMMARY (EMR print)
Adm. Date: 2312.03.07 (via ER)   Disch. Date: 2312.03.12
Lab                 03.07     03.09     03.12
PLT (x10^3/uL)      71        55        143
Cr (mg/dL)          1.9       1.4       1.0
Course: no transfusion needed (nadir 55K).
"""

CZECH = """PROPOUŠTĚCÍ ZPRÁVA
Hospitalizace: 4.2.2312 – 9.2.2312
RA: otec zemřel na infarkt v 71 letech.
Objektivně při přijetí: TK 152/90, TF 104/min, DF 24/min, TT 38,9 °C.
LABORATOŘ               4.2.     6.2.     9.2.
Na+ (mmol/l)            129      134      138
Prokalcitonin (µg/l)    6,2      1,1      0,2
"""


def test_short_dotted_dates_read_in_the_order_of_the_notes_full_ones():
    assert _text(YEAR_FIRST, "PLT on 03.09?") == "55"
    assert _text(YEAR_FIRST, "Platelets on admission?") == "71"
    assert _text(YEAR_FIRST, "Creatinine at discharge?") == "1.0"
    assert _text(CZECH, "Na on 6 February?") == "134"


def test_a_short_name_in_lower_case_is_a_word_of_the_notes_language():
    assert _text(CZECH, "Lowest sodium?") == "129"  # "na infarkt v 71 letech" is no sodium of 71
    assert _text(CZECH, "Latest procalcitonin?") == "0,2"
    assert _text(CZECH, "Temperature on admission?") == "38,9 °C"


def test_a_number_is_read_whole():
    assert _text(YEAR_FIRST, "Lowest platelets?") == "55"  # "55K" is no value "5"
