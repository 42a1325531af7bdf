"""Whether the patient is allergic to what a yes/no question names ("Is she allergic to
codeine?", "Any allergy to penicillin?"), from the note's allergy statements: a substance under
an allergy heading or after an allergy word is an allergy (yes); one whose reaction the note calls
an intolerance or "not an allergy" is none (no, with the note's words). The not-an-allergy words
are the lexicon's (`document.allergy.not_allergy`)."""

from __future__ import annotations

import re

from clinqa.document import ClinicalDocument
from clinqa.document.checkboxes import field_answer
from clinqa.lexicon import PerLexicon, lexicon
from clinqa.qa.policy.events import EventVerdict
from clinqa.qa.policy.spans import line_span, sentence_at

# what follows an allergy word in a question: the substance ("allergic to X", "allergy to X")
_TO = re.compile(r"[ \t]+(?:to|against|for)[ \t]+(?:any[ \t]+|the[ \t]+)?(?P<x>[^?.,;]{2,40})", re.I)
_BEFORE = re.compile(r"(?P<x>[A-Za-z][\w-]*(?:[ \t]+[\w-]+)?)[ \t]+allerg\w*", re.I)  # "a penicillin allergy"


def asked_substance(question: str) -> str | None:
    """The substance an English allergy question names, or None."""
    word = lexicon().allergy_question_re.search(question)
    if word is None:
        return None
    m = _TO.match(question, word.end())
    if m:
        return m.group("x").strip()
    m = _BEFORE.search(question[:word.end()])
    if m is None:
        return None
    not_substance = lexicon().words_re("allergy", "not_substance")
    kept = [w for w in m.group("x").split() if not not_substance.fullmatch(w)]
    return " ".join(kept) or None


_STATEMENT_END = re.compile(r"\.(?:\s|$)|\n")


# a negation right before the substance, in its clause (the lexicon's `event_status.negated`, then
# words of no substance, `allergy.not_substance`): "No penicillin allergy", "not allergic to latex";
# one space only, so "Latex: No     Plasters: Yes" stays two fields
_NO_BEFORE = PerLexicon(lambda lex: re.compile(
    r"(?<!:[ \t])(?<!:)\b(?:" + lex.words_alternation("event_status", "negated") + r")\b(?: (?:" +
    lex.words_alternation("allergy", "not_substance") + r"|allergic|allergy|to))* $", re.I))


def _outgrown(text: str, m: re.Match, end: int, substance: re.Pattern) -> str | None:
    """The lexicon's `allergy.outgrown` cue in a clause that names the substance itself, the
    mention's own or one after it ("egg - hives as a toddler; now eats eggs without any
    reaction", "no problems with cefalexin since"), else None: "no problems with cefalexin" says
    nothing of the penicillin before it."""
    for cue in lexicon().words_re("allergy", "outgrown").finditer(text, _clause_start(text, m.start()),
                                                                    max(end, m.end())):
        # the cue's clause, from the last stop before it to the next after it
        a = _clause_start(text, cue.start())
        b = min([x for x in (text.find(";", cue.end(), end), text.find(". ", cue.end(), end)) if x >= 0] or [end])
        if substance.search(text, a, b):
            return cue.group(0)
    return None


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding `pos` starts: after the last semicolon, full stop or line end."""
    return max(text.rfind(";", 0, pos), text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1


def allergy_verdict(doc: ClinicalDocument, question: str) -> EventVerdict | None:
    """yes / no for an allergy question whose substance the note names in an allergy statement;
    for one that names no substance ("Does she have any drug allergies?", in any language the
    lexicon reads), what the note's allergy field says. None when the note says neither."""
    if not lexicon().allergy_question_re.search(question) or \
            lexicon().words_re("question_words", "relatives").search(question):
        return None  # (a relative's allergy is the family history's)
    x = asked_substance(question)
    if not x:
        return allergy_status(doc, drugs=bool(lexicon().words_re("allergy", "drug_asking").search(question)))
    text = doc.text
    pat = re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in x.split()) + r"s?(?![\w-])", re.I)
    not_allergy = lexicon().words_re("allergy", "not_allergy")
    said_no = None
    sentences = list(doc.sentences)
    for m in pat.finditer(text):
        sent = sentence_at(sentences, m.start())
        s0, s1 = (sent.start, sent.end) if sent is not None else (m.start(), m.end())
        # the statement runs to its full stop: "Chart also lists lisinopril - ACE-inhibitor
        # cough, not a true allergy" (a splitter may end a sentence at the dash)
        stop = _STATEMENT_END.search(text, m.end())
        s1 = max(s1, stop.start() if stop else len(text))
        cue = not_allergy.search(text, m.end(), s1)
        key = _key_before(text, m.start())
        if key is not None and not_allergy.search(key.group(1)):  # "Intolerances: metformin standard release"
            cue = key
        if cue is not None and not _other_substance(text[m.end():max(m.end(), cue.start())]):
            said_no = said_no or EventVerdict("no", f"{m.group(0)!r}: the note calls its reaction not an allergy "
                                                    f"({cue.group(0)!r})", s0, s1, None)
            continue
        outgrown = _outgrown(text, m, s1, pat)
        if outgrown is not None:  # "egg - hives as a toddler; now eats eggs without any reaction"
            said_no = said_no or EventVerdict("no", f"{m.group(0)!r}: outgrown or taken without trouble "
                                                    f"({outgrown!r})", s0, s1, None)
            continue
        if _NO_BEFORE.get().search(text[max(s0, m.start() - 20):m.start()]):  # "No penicillin allergy", "not allergic to latex"
            said_no = said_no or EventVerdict("no", f"{m.group(0)!r}: the note negates it", s0, s1, None)
            continue
        if field_answer(text, m.end()) is False:  # a form's field: "Latex: No", "Latex  [ ] Yes  [x] No"
            said_no = said_no or EventVerdict("no", f"{m.group(0)!r}: the form's field says no", m.start(),
                                              line_span(text, m.end())[1], None)
            continue
        clause = re.search(r"[;.]\s|\n", text[m.end():s1])
        ruled = lexicon().words_re("event_status", "ruled_out_after").search(
            text, m.end(), m.end() + clause.start() if clause else s1)
        if ruled is not None:  # "peanut allergy excluded by oral food challenge"
            said_no = said_no or EventVerdict("no", f"{m.group(0)!r}: the note rules it out ({ruled.group(0)!r})",
                                              s0, s1, None)
            continue
        if _allergy_context(doc, m.start()):
            return EventVerdict("yes", f"{m.group(0)!r} is in the note's allergy statement", s0, s1, None)
    return said_no


def _key_before(text: str, pos: int):
    """The nearest `Key:` before `pos` on its line, with nothing but the value's words between
    ("Allergies: lisinopril - angioedema. Intolerances: metformin": "Intolerances")."""
    line0 = text.rfind("\n", 0, pos) + 1
    keys = list(re.finditer(r"(?:^|(?<=[.;] ))([A-Za-z][\w /-]{1,30}):(?=[ \t])", text[line0:pos]))
    return keys[-1] if keys else None


def _other_substance(between: str) -> bool:
    """Whether words between a substance and a not-an-allergy cue name another drug, whose cue it
    is ("allergic to trimethoprim, which gave her a rash, and says codeine makes her vomit, which
    is an intolerance")."""
    from clinqa.lexicon.drugs import find_drugs
    from clinqa.text.vocab import words

    tokens = [p for w in words(between) for p in w.split("-") if p]
    # (a drug itself, with its DrugBank entry: a class such as "ACE-inhibitor" is the reaction's
    # cause named again, not another substance)
    return any(d.get("drugbank_id") for d, _, _ in find_drugs(tokens))


def _allergy_context(doc: ClinicalDocument, pos: int) -> bool:
    """An allergy word earlier on the line ("Allergies: latex; chlorhexidine"), or an allergy
    heading on the nearest non-blank line above ("ALLERGIES / SENSITIVITIES" over "[x] Yes:
    penicillin - rash")."""
    text = doc.text
    allergy = lexicon().allergy_question_re
    line0 = text.rfind("\n", 0, pos) + 1
    if allergy.search(text, line0, pos):
        return True
    above = text[:line0].rstrip().rsplit("\n", 1)[-1]
    return bool(allergy.search(above)) and len(above.split()) <= 5


def allergy_status(doc: ClinicalDocument, drugs: bool = False) -> EventVerdict | None:
    """Whether the note lists any allergy: no for "NKDA", "No known drug allergies", "Allergies:
    none"; yes for an allergy field that names something ("Allergies: latex (dermatitis)"); None
    when the note has no allergy statement, or says both (a field naming a food allergy and
    "no known drug allergies" answers neither way for "any allergies?"; with `drugs`, the question
    asks for drug allergies, and "NKDA" answers it whatever else the field names)."""
    text = doc.text
    lex = lexicon()
    none_said = lex.words_re("allergy", "none_known").search(text)
    no_drug = lex.words_re("allergy", "none_known_drugs").search(text) if drugs else None
    if no_drug is not None:  # "Any drug allergies?" on "Drugs: NKDA. Other: latex": no drug allergy
        return EventVerdict("no", f"the note says {no_drug.group(0)!r}", no_drug.start(), no_drug.end(), None)
    field = _ALLERGY_FIELD.get().search(text)
    listed = None
    if field is not None:
        value = field.group("value").strip(" .;:-")
        if value and not re.fullmatch(r"(?:" + lex.words_alternation("field_values", "absent") + r")\.?", value, re.I) \
                and not lex.words_re("allergy", "none_known").fullmatch(value):
            listed = field
    if listed is not None and none_said is None:
        line1 = text.find("\n", listed.start("value"))
        return EventVerdict("yes", "the note's allergy field names one", listed.start(), line1 if line1 >= 0 else len(text), None)
    if none_said is not None and listed is None:
        return EventVerdict("no", f"the note says {none_said.group(0)!r}", none_said.start(), none_said.end(), None)
    if field is not None and listed is None:
        return EventVerdict("no", "the note's allergy field names none", field.start(), field.end(), None)
    return None


# an allergy field and its value: "Allergies: latex", "ALLERGIES / SENSITIVITIES" over "[x] Yes: ..."
_ALLERGY_FIELD = PerLexicon(lambda lex: re.compile(
    r"^[ \t]*(?:" + lex.allergy_words + r")[^:\n]{0,30}:[ \t]*(?P<value>[^\n]+)", re.I | re.M))
