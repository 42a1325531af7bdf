"""A question that names a table's row and one of its columns is answered by the cell where they
cross: "RV impedance?" on a lead table whose rows are the leads (RA, RV) and whose columns the
measures (Impedance, Threshold, Sensing); "TAM of the middle finger?" on a range-of-motion table
whose rows are the measures and whose columns the fingers ("R index", "R middle", "L index"). The
reader, which sees a table's rows run together, takes a cell of the wrong row or column there.

A value the cell writes as an earlier one ("684 (610 last year)") answers only a question that
asks for the earlier one."""

from __future__ import annotations

import re

from clinqa.document.model import ClinicalDocument, Item
from clinqa.document.structure import cells
from clinqa.lexicon import PerLexicon, lexicon
from clinqa.qa.policy.lab_choice import TIME_AND_VALUE_WORDS as _NOT_A_NAME_OF_CELL  # what it asks of a cell
from clinqa.qa.policy.verdicts import _same_word, concept_stems

# a moment other than now or before: admission, discharge, a peak, a nadir
_A_MOMENT = PerLexicon(lambda lex: re.compile("|".join(
    lex.words_re("moments", k).pattern for k in lex.document.get("moments", {}) if k not in ("latest", "earlier")),
    re.I))
# a cell's value, then an earlier one in brackets: "684 (610 last year)", "1.25 V @ 0.4 ms (0.75 V last year)"
_ASIDE = re.compile(r"[ \t]*\(([^()\n]*)\)")
_LEADING_VALUE = PerLexicon(lambda lex: re.compile(
    r"[<>~≤≥]?-?\d[\d.,/:]*(?:[ \t]*(?:%|" + lex.unit_re + r")(?![\w/]))?", re.I))


def _label_stems(label: str) -> list[str]:
    """A row's or a column's name as stems: its words outside brackets ("Impedance (ohm)" is
    "impedance"), a short form of the lexicon's written out ("L index" is "left index")."""
    lex = lexicon()
    label = re.sub(r"\([^()]*\)", " ", label)
    words = []
    for w in re.findall(r"[^\W\d_][\w/'-]*", label):  # (a one-letter short form too: "L")
        full = next((name for name in lex.document.get("short_forms", {})
                     if lex.words_re("short_forms", name).fullmatch(w)), None)
        words.append(full or w)
    return concept_stems(" ".join(words))


def _hits(stems: list[str], asked: list[str]) -> set[str]:
    return {q for q in asked if any(_same_word(q, s) for s in stems)}


def table_cell(doc: ClinicalDocument, question: str, number: bool) -> tuple[int, int, str] | None:
    """(start, end, why) of the one table cell whose row and column the question names; None when
    no cell, or more than one equally, is so named, or the question names something neither says.
    `number`: the cell's leading value (with its unit) rather than the whole cell."""
    # (a phrase of time or value is left out whole: "last year", "most recent")
    asked = concept_stems(_NOT_A_NAME_OF_CELL.get().sub(" ", question.rstrip(" ?")), _NOT_A_NAME_OF_CELL.get())
    if len(asked) < 2 or _A_MOMENT.get().search(question):
        return None  # ("Grip at discharge?": a time no cell of a table without times says)
    best: list[tuple[tuple[int, int], Item, str, str]] = []
    best_score = (0, 0)
    for blk in doc.blocks:
        if blk.kind != "table" or len(blk.columns) < 2:
            continue
        heads = [_label_stems(c.text) for c in blk.columns]
        # a header row with an empty corner: its first name heads the rows' second cell
        # ("          Right today   Left today" over "ABPI   0.91   1.04"), as structure.py reads it
        indent = blk.columns[0].start - (doc.text.rfind("\n", 0, blk.columns[0].start) + 1)
        shifted = indent >= 8 and not doc.text[blk.columns[0].start - indent:blk.columns[0].start].strip()
        for item in blk.items:
            row = cells(doc.text, item.start, item.end)
            if shifted and len(row) == len(heads) + 1:
                cols, corner = [[], *heads], set()
            elif not shifted and len(row) == len(heads):
                cols, corner = heads, _hits(heads[0], asked)  # "Lead", "Region": the rows' kind
            else:
                continue  # (a row of another shape, a blank cell: which column a cell is under is a guess)
            by_row = _hits(_label_stems(row[0].text), asked)
            if not by_row:
                continue
            for j in range(1, len(row)):
                by_col = _hits(cols[j], asked)
                if not by_col or by_col <= by_row:
                    continue
                named = by_row | by_col | corner
                # every word of the question names the cell: a word neither says ("pre-op", "predicted",
                # "toe" on the ankle's row, "systole") asks for another cell or another time
                if len(named) < len(asked):
                    continue
                score = (len(named), len(by_row) + len(by_col))
                if score > best_score:
                    best, best_score = [], score
                if score == best_score:
                    best.append((score, row[j], row[0].text, " ".join(cols[j])))
    if len(best) != 1:
        return None
    _, cell, row_name, col_name = best[0]
    s, e = cell.start, cell.end
    aside = _ASIDE.search(doc.text, s, e)
    earlier = lexicon().words_re("moments", "earlier")
    asks_earlier = earlier.search(question) and not re.match(r"\s*(?:was|were)\b", question, re.I)
    if aside and earlier.search(aside.group(1)):
        if asks_earlier:  # "RV impedance last year?": the value in the brackets
            s, e = aside.start(1), aside.end(1)
            m = _LEADING_VALUE.get().match(doc.text, s, e)
            e = m.end() if m else e
            return s, e, f"the earlier value in the cell of row {row_name!r}, column {col_name!r}"
        e = aside.start()  # the cell's own value, its earlier one left out
    elif asks_earlier:
        return None  # (the cell holds no earlier value: which the question asks is not this table's)
    if not re.search(r"[^\W_]", doc.text[s:e]):
        return None  # a flag or a dash ("*", "-"), no value
    if number:  # the cell's leading value with its unit ("684", "1.25 V"), not its notes
        m = _LEADING_VALUE.get().match(doc.text, s, e)
        if m is None:
            return None
        e = m.end()
    return s, e, f"the cell of the note's table in row {row_name!r}, column {col_name!r}"
