"""Yes/no verdicts from a concept's mentions in the note (medspaCy target rules) and their
ConText assertion."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from clinqa.lexicon import PerLexicon, lexicon
from clinqa.qa.policy.asked import AskedFor
from clinqa.qa.policy.field_values import field_value
from clinqa.qa.policy.spans import between_stops, sentence_at
from clinqa.qa.policy.titled import in_family_section
from clinqa.types import Sentence


@dataclass(frozen=True)
class Verdict:
    """A yes/no answer: `verdict` in VERDICTS, the supporting sentence (start/end/text, -1/None
    when not mentioned), the concept term matched inside it, its assertion, and why."""

    verdict: str
    reason: str
    start: int = -1
    end: int = -1
    text: str | None = None
    term: str | None = None
    term_start: int = -1
    term_end: int = -1
    assertion: str | None = None
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return asdict(self)


@dataclass(frozen=True)
class Mention:
    """A concept mention; cue_start/cue_end cover the mention and the ConText cue that decides
    its assertion when that cue is in the same sentence ("Denies chest pain")."""

    start: int
    end: int
    assertion: str
    section: str | None
    cue_start: int
    cue_end: int


def term_variants(term: str) -> list[str]:
    """The term and its plural/agent/verb forms ("smoke", "smoked" -> smoker, smoking...), so a
    question's word finds the note's. Multi-word terms vary only their last word."""
    t = term.strip().lower()
    if not t:
        return []
    head, _, last = t.rpartition(" ")
    prefix = head + " " if head else ""
    if len(last) < 4:
        return [t]
    stems = {last}
    # verb and plural endings only: "-er" is part of too many nouns (fever, cancer, ulcer)
    for suf, add in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("s", "")):
        if last.endswith(suf) and not last.endswith("ss") and len(last) - len(suf) >= 4:
            stems.add(last[: -len(suf)] + add)
    out = [t]
    for st in sorted(stems):
        base = st[:-1] if st.endswith("e") else st
        forms = [st, st + "s", base + "er", base + "ers", base + "ing", base + "ed"]
        if st.endswith("y"):
            forms += [st[:-1] + "ies", st[:-1] + "ied"]
        out += [prefix + f for f in forms]
    return list(dict.fromkeys(out))


def find_mentions(text: str, terms: tuple[str, ...] | list[str], sentences: list[Sentence] | None = None,
                  language: str | None = None) -> list[Mention]:
    """Every mention of any term (medspaCy target rules, case-insensitive) with its ConText
    assertion; mentions in a family-history section are `family`, in an indication/reason for
    the exam `possible` (the reason for a test is a question, not a finding)."""
    from clinqa.text.pipeline import load_medspacy

    load_medspacy()  # before medspacy's submodules: see load_medspacy
    from medspacy.target_matcher import TargetMatcher, TargetRule

    from clinqa.text.assertion import context_pipe
    from clinqa.text.pipeline import get_nlp

    literals = sorted({v for t in terms for v in term_variants(t) if v}, key=len, reverse=True)
    if not literals or not text.strip():
        return []
    nlp = get_nlp()
    if language is None:  # the note's own language picks the cue rules ("niega fiebre", "без температура")
        from clinqa.text.language import language_of

        language = language_of(text).code
    from clinqa.text.pipeline import context_language

    context = context_pipe(context_language(language))
    matcher = TargetMatcher(nlp)
    matcher.add([TargetRule(lit, "CONCEPT") for lit in literals])
    # a word with a digit is one token as notes write it ("T2DM") but two lower-cased ("t2", "dm"):
    # the literal's own tokens would never match it, so it is matched as one token too
    matcher.add([TargetRule(lit, "CONCEPT", pattern=[{"LOWER": lit}]) for lit in literals
                 if re.fullmatch(r"[a-z]*\d[a-z0-9]*", lit) and re.search(r"[a-z]", lit)])
    from clinqa.text.pipeline import NLP_LOCK

    with NLP_LOCK:  # the cached docs and the ConText component are shared across threads
        return _mentions(text, literals, sentences, matcher, context)


def _mentions(text: str, literals: list[str], sentences: list[Sentence] | None, matcher, context) -> list[Mention]:
    from clinqa.text.assertion import after_colon_no, sentence_doc
    from clinqa.text.pipeline import parsed_block
    from clinqa.text.pipeline import blocks

    lowered = text.lower()
    asked = {lit.lower() for lit in literals}
    out: list[Mention] = []
    for b0, b1 in blocks(text):
        if not any(lit in lowered[b0:b1] for lit in literals):
            continue
        # a copy: the parsed block is cached and shared, and the matcher sets entities on its doc
        doc = parsed_block(text[b0:b1]).copy()
        doc.ents = ()
        for ent in matcher(doc).ents:
            if _in_other_name(doc.text, ent.start_char, ent.end_char, asked):
                continue  # "hay fever": another concept, not a fever
            sub, target = sentence_doc(doc, ent)
            offset = b0 + doc[ent[0].sent.start].idx
            sub.ents = (target,)
            context(sub)
            start, end = offset + target.start_char, offset + target.end_char
            sent = sentence_at(sentences, start) if sentences else None
            section = sent.section if sent else None
            # (a cue in another of the note's sentences is none of this one's: spaCy's sentences may run
            # a form's rows together, "metformin .... NOT started\n  lorazepam PRN .... not used")
            mods = [m for m in getattr(sub.ents[0]._, "modifiers", ())
                    if not _MISSED_BOUNDARY.search(_gap(sub, m.modifier_span, (target.start, target.end)))
                    and not (sent and not sent.start <= offset + sub[m.modifier_span[0]].idx < sent.end)
                    and not (m.category == "NEGATED_EXISTENCE" and _in_aside(sub.text, target.start_char, target.end_char,
                             _gap(sub, m.modifier_span, (target.start, target.end)), m.modifier_span[0] < target.start))]
            assertion = _assertion_of(sub, mods)
            if assertion == "present" and (_NEG_BEFORE.search(_before_in_sentence(sub, target)) or
                                           after_colon_no(sub, target)):
                assertion = "negated"  # "CAD: No chest pain": the default ": no" cue points backwards
            if assertion == "present" and _AS_NEEDED_FOR.get().search(_before_in_sentence(sub, target)):
                assertion = "hypothetical"  # "paracetamol PRN for pain or fever": what it is charted for
            if assertion == "present" and (_WORKUP_AFTER.match(sub[target.end:].text) or
                                           _SERVICE_AFTER.get().match(sub[target.end:].text)):
                assertion = "hypothetical"  # "a pulmonary embolism protocol", "yellow fever vaccine": not a finding
            if assertion == "negated" and _absent_on(_before_in_sentence(sub, target)) and \
                    _a_treatment(target.text, sub[target.end:].text):
                assertion = "present"  # "no bleeding on anticoagulation": the bleeding is negated, not the drug
            sec = (section or "").lower()
            if assertion in ("present", "historical") and in_family_section(text, start, sec):
                assertion = "family"
            elif is_indication(sec) and assertion == "present":
                assertion = "possible"
            c0, c1 = start, end
            for mod in mods:
                ms, me = mod.modifier_span
                c0, c1 = min(c0, offset + sub[ms].idx), max(c1, offset + sub[me - 1].idx + len(sub[me - 1].text))
            out.append(Mention(start, end, assertion, section, c0, c1))
    return out


def _in_other_name(text: str, a: int, b: int, asked) -> bool:
    """Whether the word at [a, b) with the word before or after it is the name of another
    synonym group (the lexicon's: "hay fever" is allergic rhinitis, not a fever; a subtype the
    lexicon does not name apart, "pulmonary fibrosis", is still a fibrosis), one not `in` what
    the question asks (its target words, or the set of its names)."""
    from clinqa.lexicon import lexicon

    before = re.search(r"([^\W\d_]+)[ \t]+$", text[max(0, a - 30):a])
    after = re.match(r"[ \t]+([^\W\d_]+)", text[b:b + 30])
    word, known = text[a:b].lower(), lexicon().synonyms_of
    wider = ([f"{before.group(1).lower()} {word}"] if before else []) + ([f"{word} {after.group(1).lower()}"] if after else [])
    # (only a word that names a group itself: "effusion" of "pleural effusion" is still an effusion)
    return word in known and any(w not in asked and w in known and word not in known[w] for w in wider)


# A sentence boundary the splitter missed between a cue and its target ("No acute process. 2. 8 mm
# nodule" read as one sentence): the cue does not reach across it.
_MISSED_BOUNDARY = re.compile(r"[.;!?]\s|\n\s*\n|(?:^|\s)\d{1,2}[.)]\s")


_CATEGORY = {"NEGATED_EXISTENCE": "negated", "FAMILY": "family", "HYPOTHETICAL": "hypothetical",
             "POSSIBLE_EXISTENCE": "possible", "HISTORICAL": "historical"}


def is_indication(section: str | None) -> bool:
    sec = (section or "").lower()
    return "indication" in sec or "reason" in sec


def _in_aside(text: str, start: int, end: int, gap: str, cue_first: bool) -> bool:
    """Whether the target sits in an aside in parentheses the cue is outside of: "Troponin: not
    indicated (on clozapine > 2 years)" negates the troponin, not the clozapine its aside gives as
    the reason. A gloss is no aside ("no sign of scarring (cirrhosis)" names what is negated), nor a
    list."""
    inside = gap.count("(") > gap.count(")") if cue_first else gap.count(")") > gap.count("(")
    if not inside:
        return False
    o, c = text.rfind("(", 0, start), text.find(")", end)
    aside = text[o + 1:c if c >= 0 else len(text)]
    if re.search(r",|\b(?:or|nor)\b", aside):
        return False  # a list of what is negated: "No B symptoms (fevers, night sweats or weight loss)"
    return len(re.findall(r"\w+", aside)) - len(re.findall(r"\w+", text[start:end])) >= 2


def _gap(doc, a: tuple[int, int], b: tuple[int, int]) -> str:
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    return doc[lo:hi].text_with_ws if hi > lo else ""


def _assertion_of(doc, modifiers) -> str:
    """The assertion from the modifiers that reach a target; a request for a test ("evaluate
    for", "rule out") makes it hypothetical whatever else the default rules said."""
    from clinqa.text.pipeline import request_cues

    requests = request_cues()

    cats = set()
    for m in modifiers:
        cue = doc[m.modifier_span[0]:m.modifier_span[1]].text.lower()
        cats.add("hypothetical" if cue in requests else _CATEGORY.get(m.category.upper()))
    if "hypothetical" in cats and cats & {"negated"} and any(
            doc[m.modifier_span[0]:m.modifier_span[1]].text.lower() in requests for m in modifiers):
        return "hypothetical"
    return next((name for name in ("negated", "family", "hypothetical", "possible", "historical") if name in cats),
                "present")


_NEG_BEFORE = re.compile(r"(?:^|[\s:;(])(?:no|not|denies|denied|without|negative for|free of|absence of)\s+"
                         r"(?:[\w/-]+\s+){0,3}$", re.I)


# a negation, the finding it negates, then what that finding was absent on ("no bleeding on ")
_ABSENT_ON = PerLexicon(lambda lex: re.compile(
    r"(?:^|[\s:;(])(?:no|not|denies|denied|without|negative for|free of)\s+(?P<words>(?:[^\W\d_][\w/-]*\s+){1,4}?)"
    r"(?:" + lex.words_alternation("event_status", "absent_on") + r")\s+(?:(?:the|his|her|their|a|an|any)\s+)?$", re.I))


def _a_treatment(term: str, after: str) -> bool:
    """Whether a term is a drug or a drug class (what a finding can be absent "on"), written as the
    patient's now: "no nausea with vomiting" negates both, "no bleeding on warfarin previously" is
    about a past drug."""
    from clinqa.lexicon import lexicon
    from clinqa.text.vocab import drugs_in, words

    lex = lexicon()
    low = term.lower()
    is_drug = bool(drugs_in(words(term))) or any(low in c.question_words or low in c.state_words
                                                  for c in lex.drug_classes)
    clause = re.split(r"[.;](?:\s|$)", after, maxsplit=1)[0]
    return is_drug and not lex.words_re("moments", "earlier").search(clause) and \
        not lex.words_re("events", "stopped").search(clause) and not re.search(r"\bswitched\b", clause, re.I)


def _absent_on(before: str) -> bool:
    from clinqa.lexicon import lexicon

    m = _ABSENT_ON.get().search(before)
    keep = lexicon().words_re("event_status", "absent_on_not_a_finding")
    return bool(m) and any(not keep.fullmatch(w) for w in m.group("words").split())


_NEGATION_INSIDE = re.compile(r"\b(?:not|no|never|without)\b", re.I)
# a word after a condition's name that makes the phrase a service, a vaccine or a test, not the
# patient's condition (the lexicon's `question_words.not_a_finding_after`)
_SERVICE_AFTER = PerLexicon(lambda lex: re.compile(
    r"\s*(?:" + lex.words_alternation("question_words", "not_a_finding_after") + r")\b", re.I))
# a drug's indication as charted, before the finding: "PRN for pain or fever", 'charted "for pain or'
# (the lexicon's `event_status.as_needed`); "PRN morphine given for pain" is a reason, not a chart
_AS_NEEDED_FOR = PerLexicon(lambda lex: re.compile(
    r"(?<![\w-])(?:" + lex.words_alternation("event_status", "as_needed") + r")[\s\"'(:]{0,4}for\s+"
    r"(?:[\w-]+\s*(?:or|and|/|,)\s*){0,3}$", re.I))
_WORKUP_AFTER = re.compile(r"\s*(?:protocol|workup|work-up|study|panel|screen(?:ing)?|precautions)\b", re.I)


def _before_in_sentence(doc, target) -> str:
    text = doc[:target.start].text_with_ws
    return re.split(r"[.;!?]\s", text)[-1]


def absent_mentions(text: str, terms, sentences: list[Sentence] | None, language: str | None = None) -> list[Mention]:
    """Mentions of words that say a concept is absent (its synonym group's `absent`: "afebrile"
    for fever), as negated mentions of it; one negated itself ("not afebrile") is no evidence."""
    from clinqa.lexicon import lexicon

    words = [w for t in terms for w in lexicon().absent_names_of.get(t.lower(), ())]
    if not words:
        return []
    return [replace(m, assertion="negated") for m in find_mentions(text, tuple(dict.fromkeys(words)), sentences, language)
            if m.assertion in ("present", "historical")]


def not_done_after(text: str, sentences: list[Sentence] | None, m: Mention) -> Mention:
    """What a sentence says after a mention the ConText cues (which look forward) left present:
    a question mark makes it possible ("Clinical question: bucket-handle meniscal tear?"); the
    lexicon's `procedures.considered` words an idea, hypothetical ("Transfer to the ED was
    discussed"); its `procedures.not_done` words negated ("A CT head was considered ... but not
    obtained"); `event_status.ruled_out_after` negated ("Aspiration pneumonia suspected on day 2
    (T 37.7, wet voice) - ruled out"); a field's absent value negated ("COMPLICATIONS: None").
    A cue behind another clause ("Troponin up, echo not done") is that clause's; words in
    parentheses are no clause."""
    if m.assertion == "historical" and (_ABSENT_VALUE.get().match(text, m.end) or _ABSENT_UNDER.get().match(text, m.end)):
        return replace(m, assertion="negated")  # "Past history: Asthma - no": a form's history row says none
    if m.assertion not in ("present", "possible") or not sentences:
        return m
    sent = sentence_at(sentences, m.start)
    if sent is None:
        return m
    dash = re.match(r"[ \t]*[-\u2013][ \t]+", text[sent.end:sent.end + 6])
    if dash and sentence_at(sentences, sent.end + dash.end()) is not None:
        # a sentence cut at its dash: "3. Post-transplant diabetes - NOT present (HbA1c 44)"
        sent = replace(sent, end=sentence_at(sentences, sent.end + dash.end()).end)
    if re.match(r"[ \t]*\?", text[m.end:sent.end]):
        return replace(m, assertion="possible")
    if _ABSENT_VALUE.get().match(text, m.end) or _ABSENT_UNDER.get().match(text, m.end):
        return replace(m, assertion="negated")
    denied = _DENIED_AFTER.get().match(text, m.end) or _ABSENT_RIGHT_AFTER.get().match(text, m.end)
    if denied and not _CONTRAST.get().search(text, denied.end(), sent.end):
        # "crack cocaine - denies", "Pseudomonas not isolated" ("... was not seen on the X-ray but
        # is clearly visible on CT" is no absence)
        return replace(m, assertion="negated", cue_start=min(m.cue_start, m.start), cue_end=max(m.cue_end, denied.end()))
    keyed = _KEYED_ABSENT.get().match(text, m.end)
    if keyed:  # a test's line whose value says absent: "COVID swab on admission: negative", "HIV test in May - negative"
        return replace(m, assertion="negated", cue_start=min(m.cue_start, m.start), cue_end=max(m.cue_end, keyed.end()))
    from clinqa.lexicon import lexicon

    lex = lexicon()
    field = field_value(text, m)
    if field is not None:
        return field
    for pat, assertion in ((lex.words_re("procedures", "not_done"), "negated"),
                           (lex.words_re("event_status", "ruled_out_after"), "negated"),
                           (lex.words_re("procedures", "considered"), "hypothetical")):
        cue = pat.search(text, m.end, sent.end)
        if cue is None:
            continue
        between = re.sub(r"\([^()]*\)", " ", text[m.end:cue.start()])
        if re.search(r"[;,:]|\.\s", between) or len(between.split()) > 10:  # (". ": "IV. Propofol not used")
            continue
        if _NOT_YET.get().search(text, max(m.end, cue.start() - 24), cue.start()):
            # "Choledocholithiasis cannot be excluded", "PE not yet ruled out": still possible
            return replace(m, assertion="possible", cue_start=min(m.cue_start, m.start), cue_end=max(m.cue_end, cue.end()))
        return replace(m, assertion=assertion, cue_start=min(m.cue_start, m.start), cue_end=max(m.cue_end, cue.end()))
    possible = _POSSIBLE_RIGHT_AFTER.get().match(text, m.end)
    if possible and m.assertion == "present" and not lexicon().words_re("event_status", "confirmed_after").search(
            text, possible.end(), sent.end):  # "DVT suspected, duplex requested" ("... and confirmed at laparoscopy": yes)
        return replace(m, assertion="possible", cue_start=min(m.cue_start, m.start), cue_end=max(m.cue_end, possible.end()))
    return m


# words before a ruling-out cue that undo it: "cannot be excluded", "has not been ruled out"
# (the lexicon's `event_status.not_yet`, with its `not_yet_between` words after them)
_NOT_YET = PerLexicon(lambda lex: re.compile(
    r"\b(?:" + lex.words_alternation("event_status", "not_yet") + r")(?:\s+(?:" +
    lex.words_alternation("event_status", "not_yet_between") + r"))*\s+$", re.I))


# a field's value after a mention that says it is absent or was not done: "Drains: none",
# "Cholangiogram: not performed" (the lexicon's `field_values.absent`, `procedures.not_done`)
_ABSENT_VALUE = PerLexicon(lambda lex: re.compile(
    # (a tab: a pasted table's cell; a leader of dots or underscores with the value alone at the
    # line's end: a form's "Haemoptysis ........ no", never a sentence's "... no radiation")
    r"[ \t]*(?:\.{4,}|_{3,})[ \t]*(?:" + lex.words_alternation("field_values", "absent") + r")[ \t.]*(?=\n|$)|"
    # the same after the rest of the row's label, which the value is of as a whole: "Collapsed lung
    # (pneumothorax) ....... NO", "Chest pain / palpitations ....... NO"
    r"[^\n:.;]{1,60}?[ \t]*(?:\.{4,}|_{3,})[ \t]*(?:" + lex.words_alternation("field_values", "absent") +
    r")[ \t.]*(?=\n|$)|"
    # a dash and the value alone in its clause: "Epilepsy - no. Diabetes - no (glucose 6.4)", never
    # "chest pain - no radiation"
    r"[ \t]+[-–—][ \t]+(?:" + lex.words_alternation("field_values", "absent") + r")(?=[ \t]*(?:[.;,(]|\n|$))|"
    r"[ \t]*(?:[:=]|\t)[ \t]*(?:" + lex.words_alternation("field_values", "absent") + "|" +
    lex.words_alternation("procedures", "not_done") + r")(?![\w-])", re.I))


# a mention inside a field's key, the rest of the key at most four words, single-spaced, none that
# joins another subject ("COVID swab on admission: negative"; not "Chest pain with troponin:
# negative", lexicon `field_values.joining`), its whole value a word of absence
_KEYED_ABSENT = PerLexicon(lambda lex: re.compile(
    r"(?:[ ](?!(?:" + lex.words_alternation("field_values", "joining") + r")\b)[\w/+-]+){0,4}"
    r"(?:[ \t]*:|[ \t]+-)[ \t]*(?:" + lex.words_alternation("field_values", "absent") + r")[ \t]*(?=[.;,\n]|$)", re.I))


# a denial right after the mention that ends its clause (lexicon `event_status.denied_after`):
# "crack cocaine - denies", not "alcohol use he previously denied"
_DENIED_AFTER = PerLexicon(lambda lex: re.compile(
    r"[ \t]*(?:[-\u2013:][ \t]*)?(?:" + lex.words_alternation("event_status", "denied_after") +
    r")[ \t]*(?=[.;,\n\"]|$)", re.I))
# a result word right after the finding (lexicon `event_status.absent_right_after`)
def _right_after(name: str) -> PerLexicon:
    """The words of `event_status.<name>` right after a finding, a form of "be" between."""
    return PerLexicon(lambda lex: re.compile(
        r"[ \t]+(?:(?:was|were|is|are|has been|have been)[ \t]+)?(?:" +
        lex.words_alternation("event_status", name) + r")(?![\w-])", re.I))


_ABSENT_RIGHT_AFTER = _right_after("absent_right_after")
# a word right after the finding that makes it possible ("DVT suspected")
_POSSIBLE_RIGHT_AFTER = _right_after("possible_right_after")
_CONTRAST = PerLexicon(lambda lex: lex.words_re("event_status", "contrast"))


# a title alone on its line whose next line says it is absent: "COMPLICATIONS" / "  None."
_ABSENT_UNDER = PerLexicon(lambda lex: re.compile(
    r"[ \t]*:?[ \t]*\n[ \t]*(?:" + lex.words_alternation("field_values", "absent") + r")[ \t]*(?:[.;]|$)", re.I | re.M))


# a relative named as another's ("his mother's sister"): the clause is about the second
_POSSESSOR = PerLexicon(lambda lex: re.compile(
    r"\b[\w-]+'s\s+(?=(?:" + lex.words_alternation("question_words", "relatives") + r")\b)", re.I))


def aggregate(mentions: list[Mention], asked: AskedFor, text: str = "") -> tuple[str, Mention, str]:
    """present -> yes; present and negated both -> uncertain (a clinician must look); possible ->
    uncertain; negated -> no; historical only -> uncertain (yes when the question says "ever" or
    "history of"); hypothetical ("return if chest pain") or family only -> not a statement about
    the patient: not_mentioned (family mentions are the yes when the question asks about family)."""
    def pick(ms):  # the first in the note: the verdict and its evidence never wait for a reader pass
        return ms[0]

    # the reason for an exam ("INDICATION: rule out pneumothorax") is a question, not a finding:
    # it counts only when the report says nothing else about the concept
    findings = [m for m in mentions if not is_indication(m.section)]
    mentions = findings or mentions
    by: dict[str, list[Mention]] = {}
    for m in mentions:
        by.setdefault(m.assertion, []).append(m)
    if asked.family:  # only relatives' mentions answer a family-history question
        fam = by.get("family", [])
        asked_kinds = lexicon().names_in("relative_kinds", asked.question)
        if fam and asked_kinds and text:  # "Did his father have gout?" on "his sister also has gout"
            lines = {m.start: lexicon().names_in("relative_kinds", _POSSESSOR.get().sub(" ", between_stops(text, m.start, m.end, (". ", ";", "\n")))) for m in fam}
            if all(lines[m.start] and not lines[m.start] & asked_kinds for m in fam):
                return "not_mentioned", pick(fam), f"in the family history of another relative, not the {'/'.join(sorted(asked_kinds))}"
            fam = [m for m in fam if lines[m.start] & asked_kinds] or fam
        if fam:
            return "yes", pick(fam), f"{len(fam)} mention(s) in the family history"
        neg = [m for m in by.get("negated", []) if "family" in (m.section or "").lower()]
        if neg:
            return "no", pick(neg), "negated in the family history"
        return "not_mentioned", pick(mentions), "no family-history mention"
    present, negated, possible = by.get("present", []), by.get("negated", []), by.get("possible", [])
    if asked.ever:
        present = present + by.get("historical", [])
    if present and negated:
        p, n = pick(present), pick(negated)
        return "uncertain", p, f"conflicting mentions: present at {p.start}-{p.end}, negated at {n.start}-{n.end}"
    if present:
        return "yes", pick(present), f"{len(present)} mention(s) asserted present"
    if possible:
        m = pick(possible)
        return "uncertain", m, "mentioned as possible only"
    if negated:
        return "no", pick(negated), f"{len(negated)} mention(s) negated, none asserted present"
    if by.get("historical"):
        return "uncertain", pick(by["historical"]), "mentioned as past history only"
    if by.get("hypothetical"):
        return "not_mentioned", pick(by["hypothetical"]), "mentioned only as a hypothetical (e.g. return precautions)"
    return "not_mentioned", pick(mentions), "mentioned only for a family member, not the patient"


# a word of three letters or more, or an abbreviation of two capitals ("CT", "MI"): "Was a head CT
# obtained?" names the CT as much as the head
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}|(?<![\w-])[A-Z]{2}(?![\w-])")
WORD_MATCH_SHARE = 0.6  # of the question's concept words, the share one sentence must hold
_SUFFIX = re.compile(r"(?:'s|ations?|ions?|ings?|ments?|ed|es|s|al|ly)$")


def _stem(word: str) -> str:
    """A word without its inflection ("contributing", "contribution" -> "contribut"); words differ
    when neither stem starts the other ("intracranial" and "intracerebral" are different words).
    An adjective and its noun are one word ("hypothermic", "hypothermia" -> "hypothermi": the
    lexicon's `word_forms.adjective_noun`)."""
    w = word.lower()
    for ending, common in _FORM_ENDINGS.get():
        if w.endswith(ending) and len(w) - len(ending) + len(common) >= 6:
            return w[:len(w) - len(ending)] + common
    s = _SUFFIX.sub("", w)
    return s if len(s) >= 3 else w


def _form_endings(lex) -> list[tuple[str, str]]:
    """(ending, the start it shares with its pair's other ending), longest ending first."""
    import os.path

    from clinqa.qa.policy.forms import ADJECTIVE_NOUN

    out = [(e, os.path.commonprefix([a, n])) for a, n in ADJECTIVE_NOUN.get() for e in (a, n)]
    return sorted(out, key=lambda x: -len(x[0]))


_FORM_ENDINGS = PerLexicon(_form_endings)


def _same_word(a: str, b: str) -> bool:
    if len(a) == 2 or len(b) == 2:
        return a == b  # an abbreviation is that abbreviation ("CT" never starts "CTA")
    short, long_ = sorted((a, b), key=len)
    if len(short) == 3 and len(long_) == 4 and long_[-1] not in "esdy":
        return False  # a word of three letters starts one of four only by an inflection ("Mrs" is no "MRSA")
    return len(min(a, b, key=len)) >= 3 and (a.startswith(b) or b.startswith(a))


def concept_stems(question: str, skip: re.Pattern | None = None) -> list[str]:
    """The stems of a question's words that name its concept: not the lexicon's question fillers
    (nor `skip`'s words)."""
    from clinqa.lexicon import lexicon

    filler = lexicon().words_re("question_words", "filler")
    return list(dict.fromkeys(_stem(w) for w in _WORD.findall(question)
                              if not filler.fullmatch(w) and not (skip and skip.fullmatch(w))))


def stems_in(text: str, start: int, end: int, stems: list[str]) -> dict[str, tuple[int, int]]:
    """Each of `stems` found in text[start:end] (the same word up to inflection) -> where it
    first occurs."""
    found: dict[str, tuple[int, int]] = {}
    for m in _WORD.finditer(text, start, end):
        st = _stem(m.group(0))
        hit = next((x for x in stems if _same_word(x, st)), None)
        if hit and hit not in found:
            found[hit] = (m.start(), m.end())
    return found


def word_mentions(text: str, target: str, sentences: list[Sentence] | None, language: str | None = None,
                  whole_only: bool = False) -> list[Mention]:
    """When no name of the concept occurs: sentences that hold most of the concept's words (the
    same word up to its inflection), at least two of them when it has two or more, as one mention
    from the first to the last word matched, with its ConText assertion. A sentence that holds only
    some of the words says the concept less surely: a present mention of it is only `possible`;
    `whole_only` takes only sentences that hold every word."""
    from clinqa.text.assertion import assert_spans

    if not sentences:
        return []
    stems = concept_stems(target)
    if not stems:
        return []
    need = len(stems) if whole_only else max(2 if len(stems) >= 2 else 1, int(-(-WORD_MATCH_SHARE * len(stems) // 1)))
    spans = []
    for s in sentences:
        if s.kind == "header":
            continue
        found = stems_in(text, s.start, s.end, stems)
        found = {k: v for k, v in found.items() if not _in_other_name(text, *v, target.lower())}  # ("hay fever")
        if len(found) >= need:
            spans.append((min(a for a, _ in found.values()), max(b for _, b in found.values()), s.section,
                          len(found) == len(stems), [(s.start, w0) for w0, _ in found.values()]))
    if not spans:
        return []
    if any(whole for _, _, _, whole, _ in spans):  # a sentence with every word says it better than one with some
        spans = [sp for sp in spans if sp[3]]
    status = assert_spans(text, [(a, b) for a, b, _, _, _ in spans], language)
    out = []
    for (a, b, sec, whole, words_at), st in zip(spans, status):
        if st == "present" and (_negated_before(text, a) or _NEGATION_INSIDE.search(text, a, b)):
            st = "negated"  # ("Bowels not opened since surgery": the concept's words around the negation)
        if st == "present" and (_SERVICE_AFTER.get().match(text, b) or any(_AS_NEEDED_FOR.get().search(text, s0, w0) for s0, w0 in words_at)):
            st = "hypothetical"  # ("the anticoagulation decision")
        if st in ("present", "historical") and in_family_section(text, a, sec):
            st = "family"
        if st == "present" and not whole:
            st = "possible"
        out.append(Mention(a, b, st, sec, a, b))
    return out


def _negated_before(text: str, a: int) -> bool:
    """Whether a negation on its line or sentence points back at a mention at `a`
    ("Recommendation: No imaging follow-up ...": ": no" points backwards in ConText)."""
    line0 = max(text.rfind("\n", 0, a), text.rfind(". ", 0, a)) + 1
    return bool(_NEG_BEFORE.search(text[line0:a]))
