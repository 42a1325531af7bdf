"""What a question asks for (`AskedFor`): answer type, category, terms, lab, unit dimension,
list or not; a questionnaire concept's declarations win over what the question's form suggests."""

from __future__ import annotations

import re
from dataclasses import dataclass

from clinqa.lexicon import lexicon
from clinqa.qa.categories import (
    GIVEN_FOR_RULE,
    REASON_RULE,
    WHICH_DRUG_RULE,
    QuestionCategory,
    question_category,
)
from clinqa.qa.policy.forms import (
    ADJECTIVE_NOUN,
    ALLERGY_Q,
    DATE_Q,
    asks_dose,
    DURATION_Q,
    EVER_Q,
    FAMILY_Q,
    LIST_Q,
    NOT_A_VALUE,
    NUMBER_Q,
    SIG_Q,
    STARTED_Q,
    TARGET_Q,
    TERSE_Q,
    STOPPED_Q,
    VALUE_Q,
    YES_NO_Q,
    action_of,
    form_category,
    terse_class,
    yes_no_target,
)
from clinqa.qa.policy.headings import heading_asked
from clinqa.qa.policy.labs import lab_in
from clinqa.types import AnswerType, ConceptSpec


@dataclass(frozen=True)
class AskedFor:
    """What a question asks for, from the concept when there is one, else from its form."""

    question: str
    answer_type: AnswerType  # "list" is read as a span with is_list
    category: str | None = None
    category_declared: bool = False
    terms: tuple[str, ...] = ()  # the concept's names (yes/no mentions)
    lab: str | None = None  # canonical lab/vital asked about
    unit: str | None = None
    code: str | None = None
    is_list: bool = False
    dose: bool = False
    sig: bool = False
    allergy: bool = False
    min_score: float | None = None
    concept_id: str | None = None
    ever: bool = False  # "Has the patient ever smoked?": a past mention is a yes
    family: bool = False  # "Is there a family history of diabetes?": a relative's mention is the yes
    action: str | None = None  # "Was spironolactone started?": the verb the mention's sentence must say
    dimensions: frozenset[str] = frozenset()  # what the value's unit may measure (empty: any)
    needs_unit: bool = False  # a duration without a unit ("3") is no answer
    drug_stems: tuple[str, ...] = ()  # "What antibiotics...?": the drug class's name stems
    target: bool = False  # "Target INR?": a goal the note sets, never a measured value
    change: str | None = None  # "stopped" | "started": the medication change the question asks about
    # the category the question's own words ask for (qa/categories.question_category): the label
    # every answer gets; None when a concept declares it or the question does not say
    asks: QuestionCategory | None = None
    note_kinds: tuple[str, ...] = ()  # the concept applies only to these kinds of note (empty: all)
    heading: str | None = None  # answered by what the note writes under this heading (qa/policy/headings.py)
    heading_part: str = "all"
    moment: str | None = None  # a value concept's declared moment ("admission"), when the question names none


def type_name(asked: AskedFor) -> str:
    if asked.lab:
        return f"a value of {asked.lab}"
    if asked.allergy:
        return "an allergy statement"
    if asked.dose:
        return "a dose with its unit"
    if asked.answer_type in ("number", "date"):
        return f"a {asked.answer_type}"
    return asked.category.lower() if asked.category else "a span"


def asked_for(question: str, concept: ConceptSpec | None = None, language: str | None = None) -> AskedFor:
    """The answer type, category, terms and lab a question asks for; a concept's
    declarations win over what the question's form suggests."""
    q = question.strip()
    form_type = "yes_no" if _opens_yes_no(q, language) or _terse_finding(q) else "date" if DATE_Q.search(q) else \
        "number" if NUMBER_Q.search(q) else "span"
    atype = (concept.answer_type if concept else None) or form_type
    declared_list = atype == "list"
    if declared_list:
        atype = "span"
    declared = concept.category if concept else None
    asks = None if declared else question_category(q)
    category = declared or form_category(q)
    if asks is not None and not ALLERGY_Q.search(q) and (
            (asks.rule == REASON_RULE and category == "Medication")
            or (asks.rule in (GIVEN_FOR_RULE, WHICH_DRUG_RULE) and category is None)):
        # The answer's type follows the older form rules (categories.question_rules: on the clinical dev
        # set they choose better spans than the new category does), except where they type a
        # question against what it plainly asks: "Why is the patient taking metoprolol?" typed
        # as a medication drops the reason and answers with the drug it names; "What was given
        # for the nausea?" untyped may answer "Nausea". A reason is not typed as a diagnosis
        # otherwise: "insulin nonadherence" and "for glycemic control" are reasons too.
        category = asks.label
    lab = None
    if atype == "number":
        # ("K today?": a terse question may name its lab by its one-letter form)
        lab = lab_in(q) or (lab_in(q, terse=True) if TERSE_Q.match(q) and len(q.split()) <= 6 else None)
    elif atype == "span" and concept is None and not VALUE_Q.match(q):
        if _other_language(q, language):
            # "Jaki był poziom hemoglobiny?": the English forms do not read it; a lab named whole
            # (not a short name) in a question of another language asks for its value
            lab = lab_in(q)
        elif TERSE_Q.match(q) and len(q.split()) <= 6:
            found = lab_in(q, with_start=True, terse=True)
            # the lab opens the phrase, after at most two words ("Pre-op BP?", "Lying blood pressure?")
            # (a moment's own words are no other question: "Hgb on the day of discharge?")
            rest = lexicon().words_re("moments", "admission").sub(" ", lexicon().words_re("moments", "discharge").sub(" ", q))
            lab = found[0] if found and len(q[:found[1]].split()) <= 2 and not (
                set(rest.lower().rstrip("?").split()) & NOT_A_VALUE) else None
    elif atype == "span" and VALUE_Q.match(q):
        found = lab_in(q, with_start=True)
        m = VALUE_Q.match(q)
        # the lab must be what the question asks for, right after "what was the"
        lab = found[0] if found and found[1] <= m.end() + 1 and len(q) - found[1] < 45 and not (
            set(m.group("between").lower().split()) & NOT_A_VALUE) else None
    target = bool(TARGET_Q.search(q))
    if target:
        lab = None  # "Target INR?", "What K should be aimed for?": no measured value answers
    if lab and category not in (None, "Lab Reports", "Other") and (category == "Medication" or atype != "span"):
        lab = None  # "What dose of potassium chloride?" asks for a medication ("Post-procedure BP?" a value)
    terms: list[str] = []
    if concept is not None:
        terms += list(concept.synonyms_for(language))
    if atype == "yes_no":
        t = yes_no_target(q)
        if t:
            terms.append(t)
            # a question that names only an ambiguous abbreviation ("Did the CTPA show a PE?") asks
            # about its concept: the question's own words resolve what a note's "PE" may not
            terms += [c for c, forms in lexicon().ambiguous_abbreviations.items()
                      if t.lower() in (f.lower() for f in forms)]
        phrases, names = _names_in(q)
        english = not _other_language(q, language)
        if t and english:
            # an English question's own name for a group is the concept only when it is all the
            # concept asked ("Is he diabetic?"), not a word inside a longer one ("diabetic
            # retinopathy" is no diabetes, "able to drink" no alcohol)
            phrases = [p for p in phrases if t.lower() in p]
            names = [n for p in phrases for n in lexicon().names_of_translation[p]]
        terms += names  # "¿Hay derrame pleural?": a group's name in another language inside it
        if t and any(t.lower() in p for p in phrases) and english:
            # "Did she have a temperature?" asks about a fever: the note's "temperature 36.8" is none
            terms.remove(t)
    from clinqa.text.glossary import drug_class_stems
    from clinqa.text.values import unit_dimension
    from clinqa.text.vocab import clinical_synonyms, shorthand_forms

    terms += [syn for t in list(terms) for syn in clinical_synonyms(t)]
    if atype == "yes_no":  # ("Was a CXR done?" on "Chest X-ray today: clear")
        terms += [f for t in list(terms) for f in shorthand_forms(t)]
    dimensions: frozenset[str] = frozenset()
    duration = atype == "number" and bool(DURATION_Q.search(q))
    declared_unit = concept.unit if concept else None
    if declared_unit and unit_dimension(declared_unit):
        dimensions = frozenset({unit_dimension(declared_unit)})
    elif duration:
        dimensions = frozenset({"time"})
    elif lab and atype != "yes_no":
        dimensions = lexicon().lab_by_name[lab].dimensions
    elif atype == "number" and concept is None:
        dimensions = dimensions_asked(q)
    code = concept.code if concept else None
    class_stems = drug_class_stems(q) if atype == "span" and not ALLERGY_Q.search(q) else ()
    if class_stems and category in (None, "Other"):
        category = "Medication"  # "Which statin is he on?" names a drug class: it asks for a drug
    medication = category == "Medication" or code == "drug"
    change = None
    if medication and atype == "span":
        change = "stopped" if STOPPED_Q.search(q) else "started" if STARTED_Q.search(q) else None
    terms = list(dict.fromkeys(t.strip() for t in terms if t and t.strip()))
    free_heading = heading_asked(q) if concept is None else None
    return AskedFor(
        question=q, answer_type=atype, category=category, category_declared=declared is not None,
        terms=tuple(terms), lab=lab if atype != "yes_no" else None, unit=declared_unit,
        code=code, is_list=declared_list or (bool(LIST_Q.search(q)) and atype == "span"),
        dose=asks_dose(q), sig=bool(SIG_Q.search(q)), allergy=bool(ALLERGY_Q.search(q)),
        min_score=concept.min_score if concept else None, concept_id=concept.id if concept else None,
        ever=bool(EVER_Q.search(q)) and atype == "yes_no", family=bool(FAMILY_Q.search(q)) and atype == "yes_no",
        action=action_of(q) if atype == "yes_no" else None, dimensions=dimensions,
        needs_unit=duration or "time" in dimensions,
        drug_stems=class_stems if medication else (), target=target, change=change, asks=asks,
        note_kinds=concept.note_kinds if concept else (),
        # (getattr: a concept-like object of a library user's, written before headings, still works)
        heading=getattr(concept, "heading", None) or (free_heading if atype != "yes_no" else None),
        heading_part=getattr(concept, "heading_part", None) or _part_asked(free_heading),
        moment=getattr(concept, "moment", None))


def _part_asked(heading: str | None) -> str:
    """The part of a heading's text a free question asks for (the lexicon's `heading_parts`)."""
    return "first" if heading and heading in lexicon().document.get("heading_parts", {}).get("first", ()) else "all"


def _names_in(q: str) -> tuple[list[str], list[str]]:
    """The translations (or question names) of the lexicon's synonym groups a question holds, and
    their groups' names ("¿Hay derrame pleural?" -> "pleural effusion", ...), longest first, none
    inside another."""
    from clinqa.text.vocab import ngrams

    names = lexicon().names_of_translation
    words = re.findall(r"[^\W_][\w'.-]*", q.lower())
    found: list[str] = []
    for g in ngrams(words, 5):
        if g in names and not any(g in f for f in found):
            found.append(g)
    return found, [n for g in found for n in names[g]]


def _other_language(q: str, language: str | None) -> bool:
    from clinqa.text.language import language_of

    code = language or language_of(q).code
    return code not in (None, "und", "en")


def _terse_finding(q: str) -> bool:
    """A question that is only a finding's name ("Chest pain?", "Any fever?"): it asks whether the
    patient has it, as a form's line does. The name is a problem or symptom of the lexicon's
    synonym groups, or an ICD-10-CM term of those kinds."""
    if not q.endswith("?"):
        return False
    name = re.sub(r"^(?:any|some|still)\s+", "", q.rstrip("?. ").strip(), flags=re.I).lower()
    # a moment after the name asks the same ("Hypoglycaemic on arrival?", "Fever at discharge?")
    lex = lexicon()
    name = re.sub(r"\s+(?:at|on|in|by)\s+(?:the\s+)?(?:" + "|".join(
        lex.words_re("moments", m).pattern for m in ("admission", "discharge")) + r")$", "", name)
    name = re.sub(r"\s+(?:" + lex.words_re("moments", "latest").pattern + r")$", "", name)
    if not name or len(name.split()) > 5:
        return False
    # ("Hypothermic?" names hypothermia: the lexicon's `word_forms.adjective_noun`)
    nouns = [name[:-len(a)] + n for a, n in ADJECTIVE_NOUN.get() if name.endswith(a) and len(name) > len(a) + 2]
    endings = tuple(e.lower() for e in lex.disease_endings)  # ("hypoxic": hypoxia, a problem's ending)
    return names_finding(name) or any(names_finding(n) or (n.endswith(endings) and " " not in n) for n in nouns) or \
        (terse_class(q) is not None and not lab_in(q))  # ("Any opioid given?"; "Iron?" asks for the lab)


def names_finding(name: str) -> bool:
    """Whether a name is a problem's or a symptom's: the lexicon's synonym groups of those kinds,
    or an ICD-10-CM term (a finding is had, never planned or done)."""
    from clinqa.text.vocab import icd_terms

    n = name.strip().lower()
    us = re.sub(r"(?:(?<=\w)[ao]e|^oe)(?=\w)", "e", n)  # ICD-10-CM spells "hypokalemia", notes "hypokalaemia"
    return any(lexicon().kind_of_name.get(x) in ("problem", "symptom") or icd_terms().get(x) in ("Symptoms", "Diagnosis")
               for x in dict.fromkeys((n, us)))


def _opens_yes_no(q: str, language: str | None) -> bool:
    """The question opens like a yes/no question in its own language: the openers of every
    language when it cannot be told (short questions), else that language's alone."""
    if not YES_NO_Q.match(q):
        return False
    from clinqa.text.language import language_of

    code = language or language_of(q).code
    if code in (None, "und", "en"):
        return True
    own = lexicon().yes_no_re_for(code)
    return True if own is None else bool(own.match(q))


def dimensions_asked(question: str) -> frozenset[str]:
    """What a number question's own words say its value measures (the lexicon's
    `document.asked_dimensions`): "How many cores?" a count, "Size of the nodule?" a length; a unit
    named after "how many" says its own ("How many mL...?"); empty when the words say nothing."""
    from clinqa.text.values import unit_dimension

    # a unit the question names itself: "How many mL ...?", "... in cm?"
    for unit in re.finditer(r"\b(?:how many|in)\s+([^\s?,.]+)", question, re.I):
        if dim := unit_dimension(unit.group(1)):
            return frozenset({dim})
    lex = lexicon()
    for key in lex.document.get("asked_dimensions", {}):
        if lex.words_re("asked_dimensions", key).search(question):
            return frozenset(key.split("|"))
    return frozenset()

