"""What a form or a table says of a mention besides its words: a form's check boxes ("[ ] Chest
pain", "Chest pain:  [ ] Yes  [x] No") and a table row's status cell ("Insulin  -  Not started;
to start if ...", "Enoxaparin  40 mg  Postnatal only - planned")."""

from __future__ import annotations

import re
from dataclasses import replace

from clinqa.qa.policy.verdicts import Mention


def row_said(text: str, pos: int) -> str | None:
    """What the status cell of the table row (or the key of the list item) at `pos` says of it:
    "negated" ("Not started", "Cancelled - not given", "Discontinued"), "hypothetical" ("planned
    for 6 weeks after birth", "to start if ..."), else None."""
    from clinqa.document import parse_document
    from clinqa.document.structure import row_status
    from clinqa.lexicon import lexicon

    doc = parse_document(text)
    blk = doc.block_at(pos)
    if blk is None or blk.kind not in ("table", "list"):
        return None
    item = next((it for it in blk.items if it.start <= pos < it.end), None)
    if item is None or (blk.kind == "table" and not item.key_start <= pos < item.key_end) or \
            "(" in text[item.start:pos]:
        return None  # the status is the row's own drug's, not one named in its other cells or brackets
    cell = row_status(text, blk, item)[0]
    if cell is None or (cell.start <= pos < cell.end):
        return None
    lex = lexicon()
    said = cell.text
    if re.match(r"\s*(?:not|never|no)\b", said, re.I) or lex.words_re("procedures", "not_done").search(said) or \
            lex.words_re("events", "stopped").search(said) or lex.words_re("events", "held").search(said):
        return "negated"
    if lex.words_re("procedures", "planned").search(said) or re.search(r"\b(?:if|only|later|after)\b", said, re.I):
        return "hypothetical"
    return None


def column_said(text: str, pos: int) -> tuple[int, int] | None:
    """When `pos` is in a table's column header and every row's cell under it says absent
    ("Urine protein" over "nil", "nil"; the lexicon's `field_values.absent`): where those cells
    are, from the header to the last."""
    from clinqa.document import parse_document
    from clinqa.document.structure import column_of
    from clinqa.lexicon import lexicon

    blk = parse_document(text).block_at(pos)
    found = column_of(text, blk, pos) if blk is not None else None
    if not found or not found[1]:
        return None
    absent = lexicon().words_re("field_values", "absent")
    if all(absent.fullmatch(c.text.strip(" \t.")) for c in found[1]):
        return pos, found[1][-1].end
    return None


def checklist_mark(text: str, m: Mention) -> Mention | None:
    """What a mark under a space-aligned checklist's YES / NO / N/A column says of the row a
    mention labels ("Home oxygen needed      x" under "NO"), the whole row its evidence (its comment
    says why: "offered, patient declined"); None when no such column marks it, or the mention is a
    word of absence ("Afebrile > 24 h" ticked YES stays itself)."""
    from clinqa.document.checkboxes import column_answer
    from clinqa.lexicon import lexicon

    absence = {w.lower() for words in lexicon().absent_names_of.values() for w in words}
    column = None if text[m.start:m.end].lower() in absence else column_answer(text, m.start)
    if column is None:
        return None
    line1 = text.find("\n", m.end)
    return replace(m, assertion="present" if column[0] else "negated", cue_start=min(m.cue_start, m.start),
                   cue_end=max(m.cue_end, column[2], line1 if line1 >= 0 else len(text)))


def checklist_no(text: str, m: Mention) -> Mention:
    """A present mention whose checklist row is marked NO or N/A, negated (`checklist_mark`)."""
    if m.assertion not in ("present", "possible"):
        return m
    marked = checklist_mark(text, m)
    return marked if marked is not None and marked.assertion == "negated" else m


def form_boxes(text: str, m: Mention, absent_column: bool = True) -> Mention:
    """What a form's check boxes say of a mention: an option whose box is empty ("[ ] Chest
    pain") is not the patient's; a field answered by yes/no boxes ("Chest pain:  [ ] Yes  [x]
    No") is what its ticked box says; with `absent_column`, a table column all of whose cells
    say absent is absent (not for "Was the urine protein checked?": a test done, its result nil)."""
    from clinqa.document.checkboxes import box_before, field_answer

    if m.assertion in ("family", "hypothetical"):
        return m
    if box_before(text, m.start) is False:
        return replace(m, assertion="negated")
    row = row_said(text, m.start) if m.assertion in ("present", "possible") else None
    if row is not None:  # "Insulin (isophane)  -  Not started; to start if ..."
        return replace(m, assertion=row)
    column = column_said(text, m.start) if absent_column and m.assertion in ("present", "possible") else None
    if column is not None:  # a column headed "Urine protein" whose every cell is "nil"
        return replace(m, assertion="negated", cue_start=min(m.cue_start, column[0]), cue_end=max(m.cue_end, column[1]))
    said = field_answer(text, m.end)
    if said is None:
        return checklist_mark(text, m) or m  # "Home oxygen needed      x" under "YES  NO  N/A"
    line1 = text.find("\n", m.end)
    return replace(m, assertion="present" if said else "negated", cue_start=min(m.cue_start, m.start),
                   cue_end=max(m.cue_end, line1 if line1 >= 0 else len(text)))
