"""De-identification placeholders as readable stand-ins, never deleted mid-phrase.

Deleting "[**Hospital1 18**]" from "transferred to [**Hospital1 18**] for ERCP" leaves
"transferred to for ERCP"; deleting a date leaves the question "when?" without its answer. Each
placeholder is replaced instead, from `clinqa/lexicon/data/placeholders.yaml`:

- MIMIC-III "[**...**]": a dated one keeps its (shifted) date, "[**2150-3-14**]" -> "2150-3-14";
  a labelled one gets the stand-in of its label ("[hospital]", "[name]", "[phone number]");
  a name after a title is the patient ("Mr. [**Known lastname 12**]" -> "the patient") or the
  doctor ("Dr. [**Last Name 3**]" -> "the doctor");
- MIMIC-IV "___" and Indiana "XXXX" have no label: after a date word ("on ___", "Date: XXXX")
  they are "a date removed for privacy", after a title as above, otherwise "[removed for privacy]".

Every stand-in is bracketed or a plain phrase, so the grounding checks read no new content
words from it (`STANDIN_WORDS`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources import files

import yaml

from clinqa.errors import DataError

MIMIC3 = re.compile(r"\[\*\*(.*?)\*\*\]", re.S)
# exactly three underscores (MIMIC-IV) or four X (Open-i); a longer run of underscores is a ruler line
BARE = re.compile(r"(?<![\w*])(?:___|XXXX)(?![\w*])")
_DATE_BODY = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}(?:-\d{2,4})?|\d{4}|\d{1,2}/\d{1,2}(?:/\d{2,4})?)\s*$")


@dataclass(frozen=True)
class StandinRule:
    words: tuple[str, ...]
    standin: str


@dataclass(frozen=True)
class PlaceholderRules:
    mimic3: tuple[StandinRule, ...]
    default: str
    date_words: frozenset[str]
    date_standin: str
    patient_titles: frozenset[str]
    doctor_titles: frozenset[str]


@functools.lru_cache(maxsize=1)
def rules() -> PlaceholderRules:
    """The shipped stand-in table, validated (a bad entry names the file and the entry)."""
    path = files("clinqa.lexicon") / "data" / "placeholders.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        entries = tuple(StandinRule(tuple(str(w).lower() for w in e["words"]), str(e["standin"]))
                        for e in raw["mimic3"])
        titles = raw["titles"]
        return PlaceholderRules(entries, str(raw["default"]), frozenset(str(w).lower() for w in raw["date_words"]),
                                str(raw["date_standin"]), frozenset(titles["patient"]), frozenset(titles["doctor"]))
    except (KeyError, TypeError) as exc:
        raise DataError(f"placeholders.yaml: missing or malformed entry ({exc!r}); expected keys mimic3 "
                        "(words, standin), default, date_words, date_standin, titles", source=str(path)) from exc


def standin_for_label(label: str) -> str:
    """The stand-in of a MIMIC-III placeholder's label ("Hospital1 18" -> "[hospital]"); a dated
    label keeps its date."""
    body = " ".join(label.split())
    if _DATE_BODY.match(body):
        return body.strip()
    low = body.lower()
    r = rules()
    for rule in r.mimic3:
        if any(re.search(r"\b" + re.escape(w), low) for w in rule.words):
            return rule.standin
    return r.default


_TITLE = re.compile(r"\b([A-Za-z]{2,4})\.?\s*$")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")


def _context_standin(before: str, standin: str) -> tuple[int, str]:
    """(characters of `before` to drop, replacement) for a placeholder after `before`."""
    r = rules()
    m = _TITLE.search(before)
    if m and m.group(1).lower() in r.patient_titles:
        return len(before) - m.start(), "the patient"
    if m and m.group(1).lower() in r.doctor_titles:
        return len(before) - m.start(), "the doctor"
    return 0, standin


def readable(text: str) -> str:
    """`text` with every de-identification placeholder replaced by a readable stand-in."""
    if "[**" not in text and "___" not in text and "XXXX" not in text:
        return text
    r = rules()
    out: list[str] = []
    pos = 0
    matches = sorted(list(MIMIC3.finditer(text)) + list(BARE.finditer(text)), key=lambda m: m.start())
    for m in matches:
        if m.start() < pos:
            continue
        before = text[pos:m.start()]
        if m.group(0).startswith("[**"):
            standin = standin_for_label(m.group(1))
            dated = standin != r.default and _DATE_BODY.match(standin) is not None
        else:
            w = _WORD_BEFORE.search(text[:m.start()])
            dated = bool(w and w.group(1).lower() in r.date_words)
            standin = r.date_standin if dated else r.default
        drop, repl = (0, standin) if dated else _context_standin("".join(out[-1:]) + before, standin)
        if drop:
            # the title may sit in `before` or at the end of what was already written
            if drop <= len(before):
                before = before[:len(before) - drop]
            else:
                out[-1] = out[-1][:len(out[-1]) - (drop - len(before))]
                before = ""
        out.append(before + repl)
        pos = m.end()
    out.append(text[pos:])
    t = "".join(out)
    t = re.sub(r"(\[[a-z ]+\])(?:\s+\1)+", r"\1", t)  # "[name] [name]": one name was removed
    # "the patient" opening a sentence
    return re.sub(r"(^|[.!?]\s+)the (patient|doctor)\b", lambda k: f"{k.group(1)}The {k.group(2)}", t)


STANDIN_WORDS = frozenset({"removed", "privacy", "date", "hospital", "name", "doctor", "patient", "address",
                           "place", "phone", "number", "record", "company", "contact", "details", "month",
                           "year", "holiday"})
