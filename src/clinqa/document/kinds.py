"""The kind of a note (discharge summary, emergency, progress, operative, clinic letter, radiology, consult),
from the words of its title and section headers (the lexicon's `document.note_kinds`)."""

from __future__ import annotations

import re

from clinqa.document.model import Section
from clinqa.lexicon import lexicon

# a kind needs this many cue hits among the title and headers, and more than any other kind
MIN_HITS = 2
TITLE_WORDS = 12  # a longer first line is prose, not a title
TITLE_LINES = 3  # a title may sit under a letterhead of two lines
# where a letter's salutation and its close sit: after the letterhead and addresses, before the
# signature block and copies
LETTER_OPEN_CHARS, LETTER_CLOSE_CHARS = 800, 500


def note_kind(text: str, sections: list[Section]) -> tuple[str, str]:
    """(kind, why): the kind the note's title (its first line) names, when it names exactly one
    ("ED Provider Note", "DISCHARGE SUMMARY"): section titles such as "Exam" or "Impression" are
    shared by many kinds, a title is not. Otherwise the kind whose cues the first 300 characters
    and the section titles hit most; "unknown" when none is hit twice or two tie."""
    lex = lexicon()
    heads = [text[:300]] + [s.title for s in sections if s.title]
    for title in _title_lines(text):
        kind = _named_by(lex, title)
        if kind is not None:
            return kind
    form = _letter_form(text)
    if form is not None:
        # a discharge letter to the GP is a letter in form and a discharge summary in content
        said = [s.title for s in sections if s.title]
        if sum(1 for t in said for _ in lex.words_re("note_kinds", "discharge_summary").finditer(t)) >= MIN_HITS:
            return "discharge_summary", f"a letter's form ({form.split(': ', 1)[-1]}) with a discharge summary's headers"
        return "clinic_letter", form
    scores: dict[str, list[str]] = {}
    for kind in lex.document.get("note_kinds", {}):
        hits = [m.group(0).lower() for h in heads for m in lex.words_re("note_kinds", kind).finditer(h)]
        if hits:
            scores[kind] = hits
    if not scores:
        return "unknown", "no title or section header names a kind of note"
    ranked = sorted(scores.items(), key=lambda kv: -len(kv[1]))
    best, hits = ranked[0]
    if len(hits) < MIN_HITS or (len(ranked) > 1 and len(ranked[1][1]) == len(hits)):
        return "unknown", "headers name several kinds or too few: " + ", ".join(
            f"{k} ({len(v)})" for k, v in ranked[:3])
    return best, f"{len(hits)} header words of a {best.replace('_', ' ')}: " + ", ".join(dict.fromkeys(hits))


def _title_lines(text: str) -> list[str]:
    """The note's first lines that read as titles, up to the first that does not: a letterhead
    ("NORTHGATE HEART INSTITUTE - CARDIOLOGY SERVICE") may stand above the title ("DISCHARGE
    SUMMARY"); a line of prose ("Seen in the emergency room for ...") or a field line ("Patient:
    ...") ends them."""
    out = []
    for line in text[:400].splitlines():
        line = line.strip()
        if not line:
            continue
        field = re.match(r"\S+(?:\s+\S+){0,2}:\s", line)
        # a letterhead of parts ("Te Whatu Ora - Health New Zealand | Otaiwhenua Hospital | Ward 6"):
        # its longest part is what must be a title's length
        words = max(len(part.split()) for part in re.split(r"\s\|\s", line))
        # (a title in capitals may be written as a key: "PROCEDURE NOTE: PERCUTANEOUS TRACHEOSTOMY")
        titled_key = field and field.group(0).isupper()
        if words > TITLE_WORDS or line.endswith(".") or (out and field and not titled_key) or len(out) == TITLE_LINES:
            break
        out.append(line)
        if field:  # a first line "ED Note: 6/3" may be the title; nothing under a field line is
            break
    return out


def _named_by(lex, title: str) -> tuple[str, str] | None:
    """(kind, why) when `title` names exactly one kind of note ("ED Provider Note", "DISCHARGE
    SUMMARY"): section titles such as "Exam" or "Impression" are shared by many kinds, a title
    is not."""
    named = {}
    for kind in lex.document.get("note_kinds", {}):
        m = lex.words_re("note_kinds", kind).search(title)
        if m:
            named[kind] = m.group(0)
    if len(named) != 1:
        return None
    kind, cue = next(iter(named.items()))
    name = kind.replace("_", " ")
    return kind, f"its title names {'an' if name[0] in 'aeiou' else 'a'} {name}: {cue.lower()}"


def _letter_form(text: str) -> str | None:
    """Why the note is a letter ("Dear ..." opening a line near its start, a complimentary close
    opening a line near its end), else None."""
    lex = lexicon()
    o = _opening_a_line(lex.words_re("letter", "opens"), text[:LETTER_OPEN_CHARS])
    c = _opening_a_line(lex.words_re("letter", "closes"), text[-LETTER_CLOSE_CHARS:])
    if o is None or c is None:
        return None
    return f"a letter's form: it opens with {o!r} and closes with {c!r}"


def _opening_a_line(pattern, text: str) -> str | None:
    """The first match of `pattern` that only white space precedes on its line."""
    return next((m.group(0) for m in pattern.finditer(text)
                 if not text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip()), None)


def sent_home(text: str) -> bool:
    """Whether an emergency visit ended in discharge home: the lexicon's `document.ed_disposition`
    home words, and none of its admission words (both said: neither is taken)."""
    lex = lexicon()
    return bool(lex.words_re("ed_disposition", "home").search(text)) and \
        not lex.words_re("ed_disposition", "admitted").search(text)
