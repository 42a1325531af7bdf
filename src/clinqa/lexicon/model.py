"""The lexicon's typed entries and the matchers built from them.

Entries are plain frozen dataclasses; the regular expressions every stage matches with are
built once per lexicon (`functools.cached_property`), so a lexicon extended by a user's file
gets its own matchers and the shipped one is never changed in place.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

CONCENTRATION = "concentration"  # a lab's dimension when its entry names none


@dataclass(frozen=True)
class Lab:
    """A lab or vital sign: canonical name, the names notes write, what its unit may measure
    (empty: any, e.g. INR), and a shape its value must have besides a unit."""

    name: str
    aliases: tuple[str, ...] = ()
    dimensions: frozenset[str] = frozenset({CONCENTRATION})
    shape: str | None = None
    vital: bool = False
    given_as_drug: bool = False
    question_forms: tuple[str, ...] = ()
    note_forms: tuple[str, ...] = ()
    # forms that name it only on a line of vital signs, before a value ("PR 108" beside "BP 96/58"
    # and "RR 22"; alone "PR 180 ms" is an ECG's interval)
    vitals_line_forms: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class SynonymGroup:
    """Names of one concept, as written (an upper-case abbreviation is case-sensitive to the
    synthetic generators); `kind` "problem" or "symptom" when they name one, `icd10cm` the code of
    them all."""

    names: tuple[str, ...]
    kind: str | None = None
    icd10cm: str | None = None
    not_coded: tuple[str, ...] = ()  # names of the group its code does not fit (subtypes)
    absent: tuple[str, ...] = ()  # words that say the concept is absent ("afebrile": no fever)
    # its names in other languages (es, de, pl): a question in one of them finds the group's names
    # through them (lexicon.names_of_translation); never a name the English matchers look for
    translations: tuple[str, ...] = ()
    # (lab or vital, value): a measurement of it at or above the value says the concept was
    # present ("T 38.4" is a fever); the value is in the lab's first unit (Celsius for temperature)
    above: tuple[tuple[str, float], ...] = ()

    @property
    def problem(self) -> bool:
        return self.kind == "problem"


@dataclass(frozen=True)
class DrugClass:
    """A drug class: the question words that name it and its members' name stems ("-" prefix:
    an ending)."""

    name: str
    question_words: tuple[str, ...]
    stems: tuple[str, ...]
    # words that say a patient is on the class ("anticoagulated"): "Is she anticoagulated?"
    state_words: tuple[str, ...] = ()
    # words written with a member, or a member with its dose, that say it is no use of the class:
    # "enoxaparin 40 mg SC daily (VTE prophylaxis)" is no anticoagulation ("Is she anticoagulated?")
    not_on_when: tuple[str, ...] = ()
    # words in such a member's clause that say it is that use after all ("IV bolus", "for DVT")
    on_when: tuple[str, ...] = ()
    # words of what the class treats, also among `question_words` ("on something for infection"):
    # a question that is only such a word ("Infection?") asks about the condition, not the class
    condition_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class LanguageWords:
    """Words of one language the answer policy reads (see data/lang/en.yaml)."""

    allergy_words: tuple[str, ...] = ()
    allergy_statements: tuple[str, ...] = ()
    yes_no_openers: tuple[str, ...] = ()
    yes_no_verbs: tuple[str, ...] = ()


def _opener_re(words) -> re.Pattern:
    """A question that opens with one of `words` (after an optional "¿")."""
    return re.compile(r"^\s*¿?\s*(?:" + _word_alternation(words) + r")\b", re.I)


def _word_alternation(words) -> str:
    """Words as regex alternatives: escaped, a trailing "*" -> any word ending, longest first."""
    out = []
    for w in sorted(set(words), key=lambda x: (-len(x), x)):
        out.append(re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w))
    return "|".join(out)


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Every clinical vocabulary clinqa reads, from the shipped data files and any user files
    (`sources`, in the order they were read)."""

    labs: tuple[Lab, ...]
    ambiguous_lab_names: frozenset[str]
    lab_tests: tuple[str, ...]
    unit_forms: tuple[str, ...]
    unit_dimensions: tuple[tuple[str, tuple[str, ...]], ...]
    dose_units: tuple[str, ...]
    synonyms: tuple[SynonymGroup, ...]
    problem_abbreviations: frozenset[str]
    disease_endings: tuple[str, ...]
    disease_words: tuple[str, ...]
    drug_classes: tuple[DrugClass, ...]
    dosing: dict[str, str]
    clinical_shorthand: dict[str, str]
    languages: dict[str, LanguageWords]
    sources: tuple[str, ...] = field(default=())
    # lower-cased concept name -> abbreviations of it too ambiguous to find it by ("PE": physical
    # exam); kept out of `synonyms`, they only keep a note that writes one from being asked about
    # the concept as absent (the synthetic questions)
    ambiguous_abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # the clinical document's vocabularies (data/document.yaml): "events", "smoking", "note_kinds",
    # "list_headers", "moments", ... each name -> its words
    document: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def words_re(self, vocab: str, name: str) -> re.Pattern:
        """The words of one entry of a document vocabulary as one case-insensitive pattern
        (whole words; a trailing "*" matches any ending), built once per lexicon."""
        key = (vocab, name)
        cache = self.__dict__.setdefault("_words_res", {})
        if key not in cache:
            words = self.document.get(vocab, {}).get(name, ())
            cache[key] = re.compile(r"(?<![\w-])(?:" + _word_alternation(words) + r")(?![\w-])", re.I) if words \
                else re.compile(r"(?!x)x")
        return cache[key]

    def words_alternation(self, vocab: str, name: str) -> str:
        """The words of one entry of a document vocabulary as bare regex alternatives (no word
        boundaries), for a pattern that places them itself ("71-year-old": the age words after a
        number and a hyphen); a pattern that never matches when the entry is empty."""
        return _word_alternation(self.document.get(vocab, {}).get(name, ())) or r"(?!x)x"

    def names_in(self, vocab: str, text: str) -> set[str]:
        """The entries of a document vocabulary whose words `text` holds ("list_headers" of
        "Discharge meds:" -> {"medications"})."""
        return {name for name in self.document.get(vocab, {}) if self.words_re(vocab, name).search(text)}

    # .................................................................. labs
    @functools.cached_property
    def lab_by_name(self) -> dict[str, Lab]:
        return {lab.name: lab for lab in self.labs}

    @functools.cached_property
    def lab_canonical(self) -> dict[str, str]:
        """Every lower-cased name of a lab -> its canonical name, found with or without its accents
        ("leucócitos" is the lexicon's "leucocitos")."""
        return _Unaccented({a.lower(): lab.name for lab in self.labs for a in lab.names})

    @functools.cached_property
    def lab_name_re(self) -> re.Pattern:
        """Any lab name, longest first ("hemoglobin a1c" is never read as "hemoglobin"), never
        inside a word."""
        alts = sorted(self.lab_canonical, key=len, reverse=True)
        # (after "S." too, serum's prefix as Indian notes write it: "S.Creatinine", "S.Sodium")
        return re.compile(r"(?:(?<![\w.])|(?<=\b[Ss]\.))(" + "|".join(accent_tolerant(a) for a in alts) + r")(?![a-z])", re.I)

    @functools.cached_property
    def lab_note_form_re(self) -> re.Pattern | None:
        """A lab's case-sensitive note forms ("Mg"), read as the lab only right before its value
        ("Mg 1.7", "Mg: 2.0") and never after a number ("40 mg" is a dose)."""
        forms = sorted(((f, lab.name) for lab in self.labs for f in lab.note_forms), key=lambda x: -len(x[0]))
        if not forms:
            return None
        # a space or a colon before the value: "T12" is a vertebra, "Mg2+" an ion
        return re.compile(r"(?<![\w.])(?<!\d )(" + "|".join(re.escape(f) for f, _ in forms)
                          + r")(?=(?:[ \t]*[:=][ \t]*|[ \t]+)[<>]?\d)")

    @functools.cached_property
    def lab_of_note_form(self) -> dict[str, str]:
        return {f: lab.name for lab in self.labs for f in lab.note_forms}

    @functools.cached_property
    def lab_of_vitals_line_form(self) -> dict[str, str]:
        return {f: lab.name for lab in self.labs for f in lab.vitals_line_forms}

    @functools.cached_property
    def vital_names(self) -> frozenset[str]:
        return frozenset(lab.name for lab in self.labs if lab.vital)

    @functools.cached_property
    def vitals_line_form_re(self) -> re.Pattern | None:
        """The forms that name a vital sign only on a line of vital signs, right before a value."""
        forms = sorted((f for lab in self.labs for f in lab.vitals_line_forms), key=len, reverse=True)
        if not forms:
            return None
        return re.compile(r"(?<![\w.])(" + "|".join(re.escape(f) for f in forms) + r")(?=(?:[ \t]*[:=][ \t]*|[ \t]+)\d)")

    @functools.cached_property
    def short_lab_names(self) -> frozenset[str]:
        """Names so short ("k", "na") they are a lab only where a question says so."""
        return frozenset(a for a in self.lab_canonical if len(a) <= 2)

    @functools.cached_property
    def lab_topic_words(self) -> str:
        """A lab or test named in a question or a text, as a regex alternation: the names of the
        labs that are no vital sign, but for the ambiguous short ones, and the tests and panels of
        `lab_tests` (the question-category rules embed it in their own patterns)."""
        words = [a.lower() for lab in self.labs if not lab.vital for a in lab.names
                 if a.lower() not in self.ambiguous_lab_names] + list(self.lab_tests)
        return _word_alternation(words)

    @functools.cached_property
    def lab_topic_re(self) -> re.Pattern:
        """`lab_topic_words` as whole words."""
        return re.compile(r"\b(" + self.lab_topic_words + r")\b", re.I)

    @functools.cached_property
    def vital_name_re(self) -> re.Pattern:
        """Any name of a vital sign (an alternation, for the question-category rules)."""
        return re.compile(_word_alternation(a.lower() for lab in self.labs if lab.vital for a in lab.names), re.I)

    @functools.cached_property
    def lab_shorthand_re(self) -> re.Pattern:
        """A one-word name of a lab (no vital sign), question forms included: what a shorthand
        question opens with ("K on admit?", "Mg this AM?", "Cr trend?")."""
        words = [a.lower() for lab in self.labs if not lab.vital for a in (*lab.names, *lab.question_forms)
                 if " " not in a]
        return re.compile(_word_alternation(words), re.I)

    @functools.cached_property
    def lab_of_question_word(self) -> dict[str, str]:
        """A lab's question form that names it in any question ("Ketones at 16:30?" for the blood
        ketones a note writes "BHB") -> the lab; a form of two letters ("mg") only opens a shorthand
        question."""
        return {f.lower(): lab.name for lab in self.labs for f in lab.question_forms if len(f) > 2}

    @functools.cached_property
    def lab_question_word_re(self) -> re.Pattern:
        return re.compile(r"(?<![\w-])(" + (_word_alternation(self.lab_of_question_word) or r"(?!x)x") + r")(?![\w-])", re.I)

    @functools.cached_property
    def given_as_drug_re(self) -> re.Pattern:
        """A lab that is also a drug when given (electrolytes, albumin), by its unambiguous names."""
        words = [a.lower() for lab in self.labs if lab.given_as_drug for a in lab.names
                 if a.lower() not in self.ambiguous_lab_names]
        return re.compile(r"\b(?:" + _word_alternation(words) + r")\b", re.I)

    # .................................................................. units
    @functools.cached_property
    def unit_re(self) -> str:
        """The unit after a number, as a regex source (forms tried in the lexicon's order)."""
        return "(?:" + "|".join(self.unit_forms) + ")"

    @functools.cached_property
    def dimension_res(self) -> tuple[tuple[str, re.Pattern], ...]:
        return tuple((d, re.compile("(?:" + "|".join(forms) + ")", re.I)) for d, forms in self.unit_dimensions)

    @functools.cached_property
    def dose_unit_re(self) -> str:
        return "(?:" + "|".join(self.dose_units) + ")"

    # .................................................................. concepts
    @functools.cached_property
    def synonyms_of(self) -> dict[str, tuple[str, ...]]:
        """Lower-cased name -> the other names of every group holding it."""
        out: dict[str, list[str]] = {}
        for g in self.synonyms:
            for n in g.names:
                out.setdefault(n.lower(), []).extend(x.lower() for x in g.names if x.lower() != n.lower())
        return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}

    @functools.cached_property
    def kind_of_name(self) -> dict[str, str | None]:
        """Lower-cased name -> its group's kind ("problem", "symptom" or None)."""
        return {n.lower(): g.kind for g in self.synonyms for n in g.names}

    @functools.cached_property
    def names_of_translation(self) -> dict[str, tuple[str, ...]]:
        """Lower-cased name in another language -> the (English) names of its group."""
        return {t.lower(): tuple(n.lower() for n in g.names) for g in self.synonyms for t in g.translations}

    @functools.cached_property
    def above_of(self) -> dict[str, tuple[tuple[str, float], ...]]:
        """Lower-cased name -> the (lab, value) its group is measured present at or above."""
        return {n.lower(): g.above for g in self.synonyms if g.above for n in g.names}

    @functools.cached_property
    def absent_names_of(self) -> dict[str, tuple[str, ...]]:
        """Lower-cased name -> the words of its group that say the concept is absent."""
        return {n.lower(): g.absent for g in self.synonyms if g.absent for n in g.names}

    @functools.cached_property
    def problem_abbreviation_set(self) -> frozenset[str]:
        """Single-word problem names: the abbreviations plus the one-word names of problem groups."""
        group_words = {n.lower() for g in self.synonyms if g.problem for n in g.names if " " not in n}
        return frozenset(self.problem_abbreviations) | group_words

    @functools.cached_property
    def icd10cm_aliases(self) -> dict[str, str]:
        """Names clinicians write -> the ICD-10-CM code their group declares."""
        ambiguous = {a.lower() for forms in self.ambiguous_abbreviations.values() for a in forms}
        return {n.lower(): g.icd10cm for g in self.synonyms if g.icd10cm for n in g.names
                if n.lower() not in ambiguous and n not in g.not_coded}

    @functools.cached_property
    def disease_word_re(self) -> re.Pattern:
        ends = "|".join(re.escape(e) for e in self.disease_endings)
        return re.compile(r"(?:" + ends + r")$|^(?:" + _word_alternation(self.disease_words) + r")$", re.I)

    @functools.cached_property
    def drug_class_by_name(self) -> dict[str, DrugClass]:
        return {c.name: c for c in self.drug_classes}

    # .................................................................. language words
    def _all(self, attr: str) -> list[str]:
        return [w for lang in self.languages.values() for w in getattr(lang, attr)]

    @functools.cached_property
    def allergy_words(self) -> str:
        """An allergy word of any language clinqa reads, as a regex alternation."""
        return _word_alternation(self._all("allergy_words"))

    @functools.cached_property
    def allergy_question_re(self) -> re.Pattern:
        """An allergy word of any language clinqa reads, as a whole word."""
        return re.compile(r"\b(?:" + self.allergy_words + r")\b", re.I)

    @functools.cached_property
    def allergy_statement_re(self) -> re.Pattern:
        words = self._all("allergy_words") + self._all("allergy_statements")
        return re.compile(r"\b(?:" + _word_alternation(words) + r")\b", re.I)

    @functools.cached_property
    def yes_no_re(self) -> re.Pattern:
        """A question that opens like a yes/no question, in any language clinqa reads."""
        return _opener_re(self._all("yes_no_openers") + self._all("yes_no_verbs"))

    def yes_no_re_for(self, code: str) -> re.Pattern | None:
        """`yes_no_re` with one language's openers and verbs only (None: the lexicon has none for
        it): German "Was ist...?" asks what, though English "Was the...?" opens a yes/no question."""
        words = self.languages.get(code)
        if words is None:
            return None
        cache = self.__dict__.setdefault("_yes_no_by_lang", {})
        if code not in cache:
            ws = list(words.yes_no_openers) + list(words.yes_no_verbs)
            cache[code] = _opener_re(ws) if ws else None
        return cache[code]

    @functools.cached_property
    def yes_no_lead_re(self) -> re.Pattern:
        """The opener a yes/no question's concept is read after ("Does", "¿Tiene")."""
        return re.compile(r"^\s*¿?\s*(?:" + _word_alternation(self._all("yes_no_openers")) + r")\s+", re.I)


# ...................................................................... accents
# Notes and questions write a name with or without its accents ("Leucócitos", "leucocitos",
# "Hämoglobin"): a vowel, c, n or y of a name matches its accented forms too, and the other way.
_ACCENTED = {"a": "aáàâãäå", "e": "eéèêë", "i": "iíìîï", "o": "oóòôõöø", "u": "uúùûü", "c": "cç", "n": "nñ", "y": "yýÿ"}


def unaccented(text: str) -> str:
    """`text` without its accents, one character for one (offsets stay): "leucócitos" -> "leucocitos"."""
    return "".join(unicodedata.normalize("NFD", ch)[0] if ch.isalpha() else ch for ch in text)


def accent_tolerant(name: str) -> str:
    """A pattern of `name` that matches it with or without any accent."""
    out = []
    for ch in name.lower():
        base = unaccented(ch)
        out.append(f"[{_ACCENTED[base]}]" if base in _ACCENTED else re.escape(ch))  # (Greek keeps its tonos)
    return "".join(out)


class _Unaccented(dict):
    """Names -> canonical name, a name written with other accents than the lexicon's found too."""

    def __missing__(self, key: str) -> str:
        folded = self.__dict__.get("folded")
        if folded is None:
            folded = self.__dict__["folded"] = {unaccented(k): v for k, v in self.items()}
        return folded[unaccented(key)]
