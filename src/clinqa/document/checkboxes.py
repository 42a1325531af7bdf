"""Check boxes of a form: "[x] Ex-smoker   [ ] Current", "Chest pain:  [ ] Yes  [x] No". An
option whose box is empty is not what the form says; a field answered by yes/no boxes says what
its ticked box says. The yes and no words are the lexicon's (`document.field_values`)."""

from __future__ import annotations

import re

from clinqa.lexicon import lexicon

# an empty box "[ ]", "[_]", "☐"; a ticked one "[x]", "[X]", "[✓]", "[*]", "☑", "☒"
_BOX = re.compile(r"\[[ \t_]?\]|☐|\[[ \t]?[xX✓✔*][ \t]?\]|[☑☒]")


def _ticked(box: str) -> bool:
    return not (box == "☐" or re.fullmatch(r"\[[ \t_]?\]", box))


def box_before(text: str, pos: int) -> bool | None:
    """True when a ticked box stands right before `pos` (spaces between), False when an empty
    one does, None when no box does."""
    line0 = text.rfind("\n", 0, pos) + 1
    m = re.search(r"(" + _BOX.pattern + r")[ \t]*$", text[line0:pos])
    return None if m is None else _ticked(m.group(1))


def field_answer(text: str, end: int) -> bool | None:
    """For a field label ending at `end` ("Chest pain:  [ ] Yes  [x] No", "Latex: No", "Epilepsy
    N | Diabetes N"): True when its ticked box, or the one word of its cell, says yes, False when
    no; None when neither follows it on its line, or no box or both are ticked."""
    line1 = text.find("\n", end)
    rest = text[end:line1 if line1 >= 0 else len(text)]
    lex = lexicon()
    yes, no = lex.words_re("field_values", "yes"), lex.words_re("field_values", "no")
    # a field answered in a word, no box: "Latex: No", "Epilepsy N | Diabetes N | ..." (the word
    # alone in its cell: "Cough: no sputum" answers nothing about the cough)
    worded = re.match(r"[ \t]*[:=-]?[ \t]*([^\W\d_][\w/-]*)[ \t]*(?:[|;,\t]|[ \t]{2,}|[.]?[ \t]*$)", rest)
    if worded and (yes.fullmatch(worded.group(1)) or no.fullmatch(worded.group(1))) and \
            (rest[:worded.start(1)].strip() or re.match(r"[ \t]+[A-Z]\b", rest)):
        return bool(yes.fullmatch(worded.group(1)))
    # a form's question answered no in a column of its own: "Q10 Alcohol >14 units/wk?     N" (the
    # word alone after a run of spaces); its yes is left to the mention's own words, which may say
    # the question was about a plan or the past ("Planning knee replacement?   Y")
    column = re.match(r"[^\n?:|]{0,60}\?(?:[ \t]{2,}|\t)([^\W\d_][\w/-]*)(?=[ \t]{2,}|\t|[ \t]*$)", rest)
    if column and no.fullmatch(column.group(1)):
        return False
    if not re.match(r"[ \t]*[:?-]?[ \t]*(?:" + _BOX.pattern + ")", rest):
        return None
    said = set()
    for m in re.finditer(r"(" + _BOX.pattern + r")[ \t]*([^\W\d_][\w-]*)", rest):
        if _ticked(m.group(1)):
            word = m.group(2)
            said.add(True if yes.fullmatch(word) else False if no.fullmatch(word) else None)
    return next(iter(said)) if len(said) == 1 else None


def has_boxes(text: str, start: int, end: int) -> bool:
    return _BOX.search(text, start, end) is not None


# a mark under a column of a space-aligned checklist: "x", "X", a tick, "Y"
_MARK = re.compile(r"(?<![^ \t])(?:[xX✓✔*]|Y)(?![^ \t\n])")


def column_answer(text: str, pos: int) -> tuple[bool, int, int] | None:
    """For a row label at `pos` in a space-aligned checklist whose header names yes/no columns
    ("ITEM   YES  NO  N/A  COMMENT" over "Home oxygen needed      x     SpO2 92% on air"): what
    the column its one mark stands under says (True for yes; False for no or not applicable),
    with the mark's (start, end). None when no such header is above the row (no blank line
    between), or the row has no mark, or more than one, under those columns."""
    lex = lexicon()
    yes, no, absent = (lex.words_re("field_values", "yes"), lex.words_re("field_values", "no"),
                       lex.words_re("field_values", "absent"))
    line0 = text.rfind("\n", 0, pos) + 1
    line1 = text.find("\n", pos)
    line1 = len(text) if line1 < 0 else line1
    head1 = line0 - 1
    for _ in range(40):  # the header: the nearest line above with two or more yes/no labels
        if head1 <= 0:
            return None
        head0 = text.rfind("\n", 0, head1) + 1
        header = text[head0:head1]
        if not header.strip():
            return None
        labels = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"(?<!\S)\S+(?:[ ][^\s]+)?(?!\S)", header)]
        cols = [(a, b, True if yes.fullmatch(w) else False) for a, b, w in labels
                if yes.fullmatch(w) or no.fullmatch(w) or absent.fullmatch(w)]
        if len(cols) >= 2:
            break
        head1 = head0 - 1
    else:
        return None
    marks = []
    for m in _MARK.finditer(text, pos, line1):
        at = m.start() - line0
        col = next((c for c in cols if c[0] - 2 <= at <= c[1] + 1), None)
        if col is not None:
            marks.append((col[2], m.start(), m.end()))
    return marks[0] if len(marks) == 1 else None
