"""A form's rows and questions of current use (session 30): each row of a medicines form with dot
leaders is its own sentence, so a cue on one row ("NOT started") never reaches the next; a row's
value after its leader ("..... stopped 2312", "..... never started") says what became of the
drug; a present-tense question of use ("Does she take ...?", "Is he on ...?") asks about now; a
dash and a bare "no" ("Asthma - no") is an absent value; a drug in the aside of another's
negation ("Troponin: not indicated (on lithium)") is not negated; "failed X" is a former drug.
Notes written for these tests in their own words."""

from __future__ import annotations

from clinqa.qa.policy import AnswerPolicy
from clinqa.text import segment
from clinqa.types import Note

FORM = """COMMUNITY MENTAL HEALTH - MEDICINES CHECK
History: Asthma - no. Epilepsy - no (never had a fit). Hypertension - yes, since 2309.
Tried sertraline and citalopram before venlafaxine, neither helped.

MEDICINES REVIEWED
  venlafaxine 225 mg od ............... continue
  cod liver oil ....................... stopped 2312
  senna 15 mg nocte ................... she stopped it, "worked too well"
  pregabalin .......................... NOT started - she wants to think about it
  promethazine PRN .................... taking 2-3 a week
  vitamin D 800 units ................. continue

Bloods: lithium level not indicated (on venlafaxine only). Prolactin: not checked (on lithium in the past).
"""


def _verdict(question: str) -> str | None:
    note = Note("n", FORM)
    d = AnswerPolicy().decide(note, question, [], segment(note.text, note.id))
    return d.verdict.verdict if d.verdict else None


def test_each_row_of_a_form_is_its_own_sentence():
    rows = [FORM[s.start:s.end] for s in segment(FORM, "n")]
    assert any(r.startswith("senna 15 mg nocte") and r.endswith('"worked too well"') for r in rows)
    assert not any("pregabalin" in r and "promethazine" in r for r in rows)


def test_a_rows_value_after_its_leader_says_what_became_of_the_drug():
    assert _verdict("Is she on pregabalin?") == "no"
    assert _verdict("Does she take promethazine?") == "yes"  # the row above's "NOT" is not this row's
    assert _verdict("Is she taking venlafaxine?") == "yes"


def test_a_present_tense_question_of_use_asks_about_now():
    assert _verdict("Does she take cod liver oil?") == "no"
    assert _verdict("Does she take senna?") == "no"
    assert _verdict("Does she take vitamin D?") == "yes"


def test_a_dash_and_a_bare_no_is_an_absent_value():
    assert _verdict("Asthma?") == "no"
    assert _verdict("Does she have epilepsy?") == "no"
    assert _verdict("Hypertension?") == "yes"  # "- yes" is no absence


def test_a_drug_in_the_aside_of_anothers_negation_is_not_negated():
    assert _verdict("Is she on venlafaxine?") == "yes"


def test_failed_drugs_are_former_ones():
    assert _verdict("Is she taking sertraline?") == "no"


SPASM = """SPINAL REVIEW
Spasticity: Tizanidine 4 mg at night. A tizanidine patch was discussed: not needed, oral tizanidine works.
Family: mother died at 61 ("stroke"). No rash (psoriasis on the elbows is longstanding).
"""


def _verdict_of(text: str, question: str) -> str | None:
    note = Note("n", text)
    d = AnswerPolicy().decide(note, question, [], segment(note.text, note.id))
    return d.verdict.verdict if d.verdict else None


def test_a_negation_of_something_else_beside_the_last_mention_is_no_stop():
    # "not needed" is the patch's: a question of current use reads only a stop of the drug
    assert _verdict_of(SPASM, "Is he taking tizanidine?") != "no"


def test_an_aside_keeps_its_relative_and_loses_only_a_negation():
    assert _verdict_of(SPASM, "Does her mother have a history of stroke?") == "yes"
    assert _verdict_of(SPASM, "Does she have psoriasis?") == "yes"


def test_a_gloss_in_parentheses_is_what_is_negated():
    text = "Ultrasound: no sign of liver scarring (cirrhosis). Dialysis: discussed - not available tonight.\n"
    assert _verdict_of(text, "Does he have cirrhosis?") == "no"
    assert _verdict_of(text, "Was dialysis done?") == "no"


CLINIC = """SPORTS MEDICINE TENT
Compartment syndrome: not assessed (no pressure monitor).
Salbutamol inhaler: in her bag - only if wheezy.
Romosozumab: discussed as an option, not chosen.
Medicación: omeprazol 20 mg. Diazepam por las noches: lo suspendió hace un mes.
Ibuprofen 400 mg: taken at the 30 km mark.
"""


def test_a_field_no_one_assessed_is_uncertain():
    assert _verdict_of(CLINIC, "Does she have compartment syndrome?") == "uncertain"


def test_a_field_that_holds_a_drug_under_a_condition_or_not_chosen():
    assert _verdict_of(CLINIC, "Is she on a salbutamol inhaler?") != "yes"
    assert _verdict_of(CLINIC, "Is she on romosozumab?") == "no"
    assert _verdict_of(CLINIC, "Did she take ibuprofen?") == "yes"


def test_a_stop_written_in_spanish_after_the_fields_label():
    assert _verdict_of(CLINIC, "Does she take diazepam?") == "no"
    assert _verdict_of(CLINIC, "Does she take omeprazole?") == "yes"
