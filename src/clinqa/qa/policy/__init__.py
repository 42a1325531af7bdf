"""The answer policy: what every reader's raw candidates become before anyone sees them.

`ask`, `extract`, `serve` and `eval qa` all call `AnswerPolicy.decide` (through
`answer_questions`), so they cannot disagree. One responsibility per module:

- `forms`: what the question's words say (yes/no form, the concept it names, moment, extreme);
- `asked`: what it asks for (`AskedFor`), a questionnaire concept's declarations first;
- (`clinqa.text.shapes`: shapes of values in a note: numbers with units, doses, headers, placeholders);
- `labs` / `lab_choice`: every measured value of a lab, and the one that answers;
- `spans`: clean answer spans and list items;
- `constraints`: whether a candidate is of the asked type;
- `verdicts`: yes/no from mentions and their ConText assertion;
- `calibration`: the abstention threshold stored next to a model, and how it is tuned;
- `policy`: `AnswerPolicy` itself; `batch`: the one entry point every command calls.

The vocabularies these read (lab names, units, problem abbreviations, drug classes, allergy
words, question forms) live in `clinqa.lexicon`, as data.
"""

from clinqa.qa.policy.asked import AskedFor, asked_for
from clinqa.qa.policy.batch import CANDIDATES, answer_questions
from clinqa.qa.policy.calibration import (
    CALIBRATION_FILE,
    Calibration,
    calibration_for,
    tune_min_score,
)
from clinqa.qa.policy.constraints import is_problem
from clinqa.qa.policy.forms import action_assertion, action_of, yes_no_target
from clinqa.qa.policy.labs import (
    lab_in,
    lab_values,
)
from clinqa.text.shapes import ALLERGY_TEXT, DOSE, PLACEHOLDER, VALUE
from clinqa.qa.policy.policy import VERDICTS, AnswerPolicy, Decision
from clinqa.qa.policy.spans import clean_span, extend_unit
from clinqa.qa.policy.verdicts import Mention, Verdict, find_mentions, term_variants

__all__ = [
    "ALLERGY_TEXT", "CALIBRATION_FILE", "CANDIDATES", "DOSE",
    "PLACEHOLDER", "VALUE", "VERDICTS", "AnswerPolicy", "AskedFor", "Calibration", "Decision", "Mention", "Verdict",
    "action_assertion", "action_of", "answer_questions", "asked_for", "calibration_for", "clean_span",
    "extend_unit", "find_mentions", "is_problem", "lab_in", "lab_values", "term_variants", "tune_min_score",
    "yes_no_target",
]
