"""A date question answered by the date written with what it names (qa/policy/dates.py)."""

from __future__ import annotations

from clinqa.document import parse_document
from clinqa.qa.policy.dates import dated_mention

NOTE = """ICU progress note
Lines: R subclavian CVC placed 3/14; arterial line removed 3/15.
Micro: UCx sent 3/12 grew Enterococcus. Blood cx 3/13 no growth to date.
Urine output 40 mL/h on 3/16.

Follow-up:
Infectious diseases clinic with Dr Mensah on 4/2 at 9:00.
"""


def _date(q: str) -> str | None:
    got = dated_mention(parse_document(NOTE, "i"), q)
    return NOTE[got[0]:got[1]] if got else None


def test_a_date_written_beside_another_name_of_what_is_asked():
    assert _date("When was the central line placed?") == "3/14"  # CVC
    assert _date("When was the urine culture sent?") == "3/12"  # UCx, not the urine output's date
    assert _date("When were blood cultures drawn?") == "3/13"


def test_a_word_of_the_question_may_be_the_heading_of_the_sentence():
    assert _date("When is the infectious diseases clinic follow-up?") == "4/2"


def test_no_date_when_what_is_asked_is_never_dated():
    assert _date("When was the PICC placed?") is None
