"""What a question's words say: its form (yes/no, date, number, list, value), the concept a
yes/no question names, the verb it asks about, the moment or extreme of a value it asks for."""

from __future__ import annotations

import re

from clinqa.qa.categories import question_rules
from clinqa.text.shapes import PerLexicon

# a question that is a class's name, with at most a verb of giving or a moment after it ("Any
# opioid given?", "Was an NSAID given?", "Antiplatelet at discharge?"): nothing after it that makes
# it another matter ("NSAID allergy?", "Opioid-induced constipation?")
# (words peeled off the front and the back, no pattern that backtracks over the name itself)
_TERSE_FRONT = re.compile(r"^(?:(?:was|were|is|are|has|have|had)\s+)?(?:(?:still\s+)?(?:on|taking)\s+)?"
                          r"(?:(?:a|an|any|the)\s+)?", re.I)
_TERSE_BACK = PerLexicon(lambda lex: re.compile(
    r"\s+(?:(?:been\s+)?(?:" + lex.words_alternation("question_words", "on_class") + r")|(?:at|on)\s+discharge|"
    r"now|today|currently)$", re.I))


# the lexicon's adjective and noun endings of one word, as (adjective, noun): "hypothermic" /
# "hypothermia" (`word_forms.adjective_noun`, written "adjective-noun")
ADJECTIVE_NOUN = PerLexicon(lambda lex: [tuple(p.lower().split("-", 1)) for p in
                                         lex.document.get("word_forms", {}).get("adjective_noun", ()) if "-" in p])


def terse_class(question: str) -> str | None:
    """The drug class word a question is made of ("Any opioid given?" -> "opioid"), or a class's
    state word ("Anticoagulated?"); None when the question says more, or names only what a class
    treats ("Infection?": the lexicon's `condition_words`)."""
    from clinqa.lexicon import lexicon

    q = question.strip().rstrip("?").strip()
    if len(q) > 80:
        return None
    said = _TERSE_BACK.get().sub("", _TERSE_FRONT.sub("", q), count=1).strip().lower()
    if not re.fullmatch(r"[\w-]+(?: [\w-]+){0,3}", said):
        return None
    for c in lexicon().drug_classes:
        for w in c.question_words:
            if w not in c.condition_words and said in (w, w + "s"):
                return w
        if said in c.state_words:
            return said
    return None


# A yes/no question's opening word, and the opener its concept is read after, in the languages of
# the lexicon (data/lang/*.yaml: yes_no_openers, yes_no_verbs).
YES_NO_Q = PerLexicon(lambda lex: lex.yes_no_re)
_LEAD = PerLexicon(lambda lex: lex.yes_no_lead_re)


_SUBJECT = re.compile(r"^(?:there|the patient|this patient|the pt|patient|pt|he|she|they|it|el paciente|la paciente|"
                      r"el|ella)\s+", re.I)


# a patient named by first name (or title and name) before the verb: "Does Mateo have asthma?",
# "Is Mrs Okafor on warfarin?" (a capitalised word is a name only where a pronoun could stand)
_NAMED_SUBJECT = PerLexicon(lambda lex: re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Master)\.?\s+)?[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?\s+"
    r"(?=(?:" + lex.words_alternation("question_words", "after_name") + r")\b)"))


# a study before the finding asked about: "Did the CTPA show a PE?" asks about a PE
_STUDY_SHOWS = re.compile(r"^(?:the\s+|his\s+|her\s+|a\s+)?(?:[\w/-]+\s+){0,3}?(?:show|reveal|demonstrate|confirm|find)s?"
                          r"\s+(?:any\s+|an?\s+|the\s+|evidence\s+of\s+|signs?\s+of\s+)*(?=\w)", re.I)


def _relative_subject(lex) -> re.Pattern:
    # "her older brother", "anyone in the family", "any of his relatives": who a family question
    # asks about, not part of the concept
    rel = lex.words_re("question_words", "relatives").pattern
    return re.compile(r"^(?:(?:any ?one|any ?body|some ?one|some ?body|any|any of|none of)\s+(?:in\s+)?)?"
                      r"(?:(?:his|her|their|the patient's|patient's|the pt's|the|a|an)\s+)?"
                      r"(?:(?:older|younger|elder|maternal|paternal|biological)\s+)?" + rel + r"\s+", re.I)


_RELATIVE_SUBJECT = PerLexicon(_relative_subject)
_RELATIVE_TRAILING = PerLexicon(lambda lex: re.compile(
    r"\s+(?:in|among|within|of)\s+(?:the|his|her|their|the patient's)\s+" + lex.words_re("question_words", "relatives").pattern
    + r"\s*[?.!]*\s*$", re.I))


_FILLER = re.compile(
    r"^(?:ever|currently|still|now|any|a|an|the|some|have|has|had|having|been|be|on|taking|take|takes|"
    r"experienc\w*|report\w*|complain\w* of|show\w*|develop\w*|evidence of|signs? of|symptoms? of|"
    r"suffer\w* from|present\w* with|receiv\w*|get|got|need\w*|use|uses|using|there|known|diagnosed with|"
    r"found to have|found with|noted to have|shown to have|"
    r"positive for|negative for|tested for|treated for|treated with|family history of|family hx of|history of|hx of|"
    r"un|una|algún|alguna|de|con|el|la|los|las|antecedentes? de|signos? de)\s+", re.I)
# the patient's own: "Has she had her flu jab?" asks about a flu jab (lexicon `question_words.possessive`)
_POSSESSIVE = PerLexicon(lambda lex: re.compile(r"^(?:" + lex.words_alternation("question_words", "possessive") +
                                                r")\s+", re.I))


# Verbs after the concept that only say it happened ("Was spironolactone started?"); verbs that
# change the question ("stopped", "held") are kept, so such questions find no mention and abstain.
_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Master)\.?\s", re.I)


_DONE = re.compile(r"\s+(?:been\s+)?(?:started|given|prescribed|administered|performed|done|placed|ordered|received|"
                   r"initiated|found|seen|shown|noted|present|identified|detected|reported|planned|scheduled|used|"
                   r"put in|inserted|fitted|carried out|removed|taken out|changed|replaced|before|previously)$", re.I)


EVER_Q = re.compile(r"\b(?:ever|history of|hx of|previous(?:ly)?|prior|past|before|former(?:ly)?)\b", re.I)


FAMILY_Q = PerLexicon(lambda lex: lex.words_re("question_words", "relatives"))


_TRAILING = PerLexicon(lambda lex: re.compile(
    r"\s*(?:el paciente|la paciente|now|currently|today|in this note|in the note|"
    # a moment of the stay the question names ("on arrival", "at the time of discharge"): the
    # concept is asked at that moment, and is not those words
    r"(?:on|at|upon|in|during|by|since)\s+(?:the\s+)?(?:" + lex.words_alternation("moments", "admission") + "|" +
    lex.words_alternation("moments", "discharge") + r")|"
    # the study the finding is asked of: "Is there evidence of MS on this scan?"
    r"on (?:the |this |her |his |today's )?(?:" + lex.words_alternation("question_words", "study_asked") +
    r")(?: today)?)?\s*[?.!]*\s*$", re.I))


def _list_q(lex) -> re.Pattern:
    """A question for a list: "what/which/list" and a plural the lexicon's list headers use
    (medications, meds, Rx, diagnoses...), or one of the other plural kinds below."""
    plural = {w for words in lex.document.get("list_headers", {}).values() for w in words
              if (w.endswith("s") and not w.endswith("sis")) or w in ("rx",)}
    plural |= {"medicines", "conditions", "antibiotics", "symptoms", "findings", "comorbidities", "medicamentos",
               "diagnósticos", "alergias"}
    alt = "|".join(re.escape(w) for w in sorted(plural, key=len, reverse=True))
    # or a terse phrase ending with the plural, no question word ("Discharge meds?", "Home medications?")
    return re.compile(r"\b(?:what|which|list|name)\b.*\b(?:" + alt + r")\b|"
                      r"^\s*(?!(?:any|is|are|was|were|do|does|did|has|have|had)\b)(?:[\w/-]+\s+){0,3}(?:" + alt +
                      r")(?:\s+(?:on|at)\s+(?:discharge|admission))?\s*\?\s*$", re.I)


LIST_Q = PerLexicon(_list_q)


# "What was the [admission] creatinine?": a span question that asks for a value
VALUE_Q = re.compile(r"^\s*(?:what|which)\s+(?:was|is|were|are)\s+(?:the\s+|his\s+|her\s+|their\s+|"
                      r"the patient's\s+)?(?P<between>(?:[\w-]+\s+){0,3})", re.I)


# a where-question ("Where was he discharged to?", "Where was the sample taken?")
WHERE_Q = re.compile(r"^\s*where\b", re.I)


# A terse question that is only a noun phrase ("Pre-op BP?", "Lying blood pressure?", "K on
# admission?"): no question word, no verb to open it; its lab, when it names one first, is asked
TERSE_Q = re.compile(r"^\s*(?!(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|has|have|"
                     r"had|can|could|should|will|would|may|list|name|give|describe|tell)\b)[^?]{1,60}\?\s*$", re.I)


NOT_A_VALUE = {"done", "about", "given", "for", "of", "to", "with", "used", "started", "stopped", "treated", "plan",
                "reason", "cause", "management", "done", "why", "how", "ordered", "response", "trend", "trends"}


DOSE_Q = PerLexicon(lambda lex: lex.words_re("question_words", "dose_asking"))
HOW_MUCH_Q = re.compile(r"\bhow much\b", re.I)


def asks_dose(question: str) -> bool:
    """A dose question: one of the lexicon's dose words, or "how much" about a drug the drug
    lexicon or a drug class names ("How much potassium was given?", not "How much is the
    difference between the two genomes?")."""
    if DOSE_Q.search(question):
        return True
    if not HOW_MUCH_Q.search(question):
        return False
    from clinqa.text.glossary import drug_class_stems
    from clinqa.text.vocab import drugs_in, words

    return bool(drugs_in(words(question)) or drug_class_stems(question))


SIG_Q = re.compile(r"\b(?:how often|frequency|route|how (?:is|was|should) .* (?:taken|given)|schedule)\b", re.I)


# Allergy words of the languages clinqa reads: an English question about a Greek note must
# recognise the Greek allergy line, and vice versa.
ALLERGY_Q = PerLexicon(lambda lex: lex.allergy_question_re)


# "When" asks for a date when it is the question's own word, first ("When was...?", "Where and when
# was...?", "Since when...?"), not inside a clause ("What is essential when pandemics threaten...?").
DATE_Q = re.compile(r"^\W*(?:(?:where|how|why|and|since|until|till) (?:and )?)?when\b(?![^,?]*,\s*(?:what|which|who|"
                    r"how|where|why|was|were|is|are|did|does|do|has|had)\b)|\b(?:what|which) (?:(?:is|was|were) (?:the|her|his) )?(?:date|day|month|year)\b|\bfecha\b|"
                    r"^\W*(?:the\s+)?date\s+of\b", re.I)  # terse: "Date of discharge?"


# A duration is a number with a time unit: "How long...?", "How many days...?"
DURATION_Q = re.compile(r"\b(?:how long|for how long|how many (?:days|weeks|months|years|hours|minutes|nights)|"
                         r"duration|length of (?:hospital )?stay|cuánto tiempo|cuántos días)\b", re.I)


# Medication questions about a change: the answer's sentence must say that change.
STOPPED_Q = re.compile(r"\b(?:stopped|discontinued|held|hold|ceased|suspended|suspendid\w*|stop)\b", re.I)


STARTED_Q = re.compile(r"\b(?:new|newly|started|start|initiated|begun|added)\b", re.I)


STOP_CUE = re.compile(r"\b(?:stop\w*|discontinu\w*|d/c'?d|held|hold\w*|ceased|no longer|off\b|suspend\w*|"
                      r"switched from|changed from|replaced)\b", re.I)


START_CUE = re.compile(r"\b(?:start\w*|new\w*|initiat\w*|began|begin\w*|added|add\b|prescrib\w*|switched to|"
                       r"changed to|transition\w* to|replaced with|load\w*)\b", re.I)


NUMBER_Q = re.compile(r"\b(?:how (?:many|long|old|much)|what (?:was|is) the (?:size|number|duration)|"
                      r"length of (?:hospital )?stay|cuánt\w*)\b",
                       re.I)


# When a question asks for a value at a moment, the words that mark that moment near a value.
MOMENT_WORDS = {"discharge": r"\bdischarg\w*|\bd/c\b|\bat d/c\b",
            "admission": r"\badm\w*|\barriv\w*|\bpresent\w*|\bED\b|\bemergency|\binitial\w*|\bfrom\b"}


# the moment of the stay a question names, in any of the lexicon's languages (`moments_asked`:
# "at discharge", "na alta", "bei Aufnahme"); "d/c'd" is a drug discontinued, no moment
MOMENT_Q = PerLexicon(lambda lex: re.compile(
    r"(?<![\w-])(?:" + lex.words_alternation("moments_asked", "admission") + "|" + lex.words_alternation("moments_asked", "discharge")
    + r")(?![\w-])|\bd/c(?!'?d)\b", re.I))


# a question for a goal, not a measurement: "Target INR?", "What K should be aimed for?"
TARGET_Q = re.compile(r"\b(?:target|goal|aim(?:ed|ing)?(?:\s+for|\s+at)?|keep\s+(?:it|him|her|the\s+\w+)\s+(?:above|below))\b", re.I)


EXTREME_Q = re.compile(r"\b(?:peak|t ?max|max(?:imum)?|highest|lowest|nadir|min(?:imum)?)\b", re.I)  # ("Tmax": the highest temperature)


def moment_key(word: str) -> str:
    return "discharge" if word.lower().startswith("d/c") or \
        _DISCHARGE_ASKED.get().fullmatch(word) else "admission"


_DISCHARGE_ASKED = PerLexicon(lambda lex: re.compile(lex.words_alternation("moments_asked", "discharge"), re.I))


def action_of(question: str) -> str | None:
    """The verb a yes/no question asks about the concept ("Was spironolactone started?" ->
    "started"), when it is one of the verbs `yes_no_target` strips."""
    m = _DONE.search(_TRAILING.get().sub("", question.strip()).strip(" ?¿.,;:"))
    return re.sub(r"^been\s+", "", m.group(0).strip().lower()) if m else None  # ("Has X been changed?": changed)


_NEGATION_NEAR = r"(?:\bnot\b|n't\b|\bnever\b|\bno longer\b|\bdeclined\b|\bdeferred\b|\bwithout\b|\bheld\b)"


def verb_pattern(action: str) -> str:
    """An asked verb as a pattern of its inflections: its first word by its first five letters, the
    rest word for word ("taken out" is no "taken from")."""
    first, *rest = action.split()
    return re.escape(first[:5]) + r"\w*" + "".join(r"\s+" + re.escape(w) for w in rest)


def action_assertion(sentence: str, action: str) -> str | None:
    """For "Was X started?": the mention's sentence must say the action; negated near it
    ("was not started") is a no, absent is only possible (the drug is named, the start is not)."""
    stem = verb_pattern(action)
    if re.search(_NEGATION_NEAR + r"(?:\W+\w+){0,3}?\W+" + stem, sentence, re.I) or \
            re.search(stem + r"\w*\W+(?:\w+\W+){0,2}?" + _NEGATION_NEAR, sentence, re.I):
        return "negated"
    if re.search(r"\b" + stem, sentence, re.I):
        return None  # stated: ConText's assertion stands
    return "possible"


# "Was PE ruled out?", "Has a fracture been excluded?": the question asks whether the concept is
# absent, so its verdict is the concept's, turned over (policy._yes_no)
RULED_OUT_Q = re.compile(r"\s+(?:been\s+)?(?:ruled\s+out|excluded|rule[ds]?\s+out)\s*[?.!]*\s*$", re.I)


def yes_no_target(question: str) -> str | None:
    """The concept a yes/no question asks about: "Does the patient have chest pain?" -> "chest pain"."""
    asked = RULED_OUT_Q.sub("?", question.strip())
    q = _LEAD.sub("", asked, count=1)
    # a name stands after the question's verb ("Is Mrs Okafor on warfarin?"); a terse question's
    # first word is its concept ("Abscess on the MRI?")
    named = _NAMED_SUBJECT.get() if q != asked or _TITLE.match(asked) else None
    q = _RELATIVE_TRAILING.get().sub("", q)
    q = _STUDY_SHOWS.sub("", q, count=1)
    for _ in range(6):
        q2 = _POSSESSIVE.get().sub("", _FILLER.sub("", _RELATIVE_SUBJECT.sub("", _SUBJECT.sub(
            "", named.sub("", q) if named else q))))
        if q2 == q:
            break
        q = q2
    q = _TRAILING.get().sub("", q).strip(" ?¿.,;:")
    q = _DONE.sub("", q)
    q = re.sub(r"\s+", " ", q)
    if not q or _FILLER.fullmatch(q + " ") or _SUBJECT.fullmatch(q + " "):
        return None  # "Any?" names nothing
    return q.lower() if len(q) >= 3 or (len(q) == 2 and q.isupper()) else None  # ("PE", "MI": abbreviations)


def form_category(question: str) -> str | None:
    if ALLERGY_Q.search(question):
        return "Medication"
    for label, pat in question_rules():
        if pat.search(question):
            return label
    return None
