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
    """For a field label ending at `end` ("Chest pain:  [ ] Yes  [x] No"): True when its ticked
    box is labelled yes, False when no; None when no yes/no boxes follow it on its line, or
    none or both are ticked."""
    line1 = text.find("\n", end)
    rest = text[end:line1 if line1 >= 0 else len(text)]
    if not re.match(r"[ \t]*[:?-]?[ \t]*(?:" + _BOX.pattern + ")", rest):
        return None
    lex = lexicon()
    yes, no = lex.words_re("field_values", "yes"), lex.words_re("field_values", "no")
    said = set()
    for m in re.finditer(r"(" + _BOX.pattern + r")[ \t]*([^\W\d_][\w-]*)", rest):
        if _ticked(m.group(1)):
            word = m.group(2)
            said.add(True if yes.fullmatch(word) else False if no.fullmatch(word) else None)
    return next(iter(said)) if len(said) == 1 else None


def has_boxes(text: str, start: int, end: int) -> bool:
    return _BOX.search(text, start, end) is not None
