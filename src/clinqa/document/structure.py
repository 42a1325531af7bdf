"""Sections and blocks: the shapes of a note's lines (lists under their header, `Key: value`
fields, tables with row and column headers, arrow trends, prose), found line by line.

Sentence segmentation (clinqa.text) runs a table's rows together into one "sentence"; the blocks
read the lines themselves, so a vitals table's columns and rows stay apart.
"""

from __future__ import annotations

import re

from clinqa.document.model import Block, Item, Section
from clinqa.document.time import time_key
from clinqa.lexicon import lexicon
from clinqa.text.sections import title_category
from clinqa.types import Sentence

_LIST_MARK = re.compile(r"^[ \t]*(?:\(?\d{1,3}[.)]|[-*\u2022\u00b7\u2023\u25e6]|#\d+|\(?[a-z]\))[ \t]+(?=\S)", re.M)
# "Key: value" with a short key that starts a line; several on one line when spaced apart
# "Key: value", or a key with dot leaders ("Admitted .... 2 Nov 2186")
# (a time's colon is no key's: "REASSESSMENT 14:30" is a title; "Bloods at 05:30: WBC" a key)
_FIELD = re.compile(r"(?:^[ \t]*|(?<=[ \t]{3})|(?<=\t))([A-Za-z][\w /&()'#.-]{0,38}?)(?:(?<!\d):|(?<=\d):(?!\d\d(?!\d))|"
                    r"[ \t]+\.{2,}|\.{3,})[ \t]*(?=[^\s.])", re.M)
_CELL = re.compile(r"[^\s|][^\t|]*?(?=[ \t]{2,}|\t|\||$)")
_NUMBERISH = re.compile(r"^[<>≤≥~]?\d[\d.,/:%-]*\s*[a-zA-Z/%]{0,10}$")  # ("82 irregular")
# a value, its optional unit and time, an arrow, and the next value: "6.9 (6/1) -> 7.4", "98%->94%"
_TREND_STEP = re.compile(r"\d(?:\.\d+)?\s*[%a-zA-Z/]{0,8}\s*(?:\([^()\n]{0,40}\))?\s*(?:->|→|=>|-->)\s*[<>~]?\d")
_HEADER_LINE = re.compile(r"^[ \t]*[^\W\d_][^:\n]{0,58}:[ \t]*$|^[ \t]*[A-Z][A-Z0-9 /&,()'-]{3,60}$|"
                          r"^[ \t]*[A-Z][A-Z /&,()'-]{3,60}[ \t]+\d{1,2}:\d{2}[ \t]*$")  # "REASSESSMENT 14:30"


def lines_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, trailing whitespace excluded."""
    out = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line.rstrip())
        out.append((pos, end))
        pos += len(line) + 1
    return out


def cells(text: str, start: int, end: int) -> list[Item]:
    """The cells of a table row: runs separated by two or more spaces, a tab or a pipe."""
    out = []
    for m in _CELL.finditer(text, start, end):
        s, e = m.start(), m.end()
        while e > s and text[e - 1] in " \t":
            e -= 1
        if e > s:
            # a label with its unit that overran its column: "Creat (umol/L) 168" is two cells
            run_on = re.fullmatch(r"(.*[A-Za-z].*\))[ ]([<>~]?\d[\d.,]*)", text[s:e]) if not out else None
            if run_on:
                out += [Item(run_on.group(1), s, s + run_on.end(1)), Item(run_on.group(2), s + run_on.start(2), e)]
                continue
            out.append(Item(text[s:e], s, e))
    return out


def is_number_cell(s: str) -> bool:
    return bool(_NUMBERISH.match(s.strip()))


def _line_kind(text: str, s: int, e: int) -> str:
    line = text[s:e]
    if not line.strip():
        return "blank"
    if _LIST_MARK.match(line):
        return "list"
    if _TREND_STEP.search(line):
        return "trend"
    if _TABLE_RULE.fullmatch(line):
        return "rule"  # an ASCII table's border: "+------+------+"
    row = cells(text, s, e)
    if ("\t" in line.strip() or re.match(r"[ \t]*\|.*\|.*\|", line)) and len(row) >= 3:
        return "table"  # tab- or pipe-separated columns, as pasted from a record: "insulin glargine\t18 units SC\tNEW"
    if row and row[0].text.endswith(":") and _FIELD.match(line.lstrip()):
        return "field"  # "Admission Date:  [**2187-11-2**]     Discharge Date:  [**2187-11-6**]"
    if len(row) >= 2 and all(time_key(c.text) and not re.search(r":\s", c.text) for c in row[1 if len(row) >= 3 else 0:]):
        return "table"  # a header row of times, alone or after a label: "Pre (17:05)   Post (21:10)", "Test\t07/14 23:55\t..."
    if len(row) >= 3 or (len(row) == 2 and (is_number_cell(row[1].text) or is_number_cell(row[0].text))):
        # (a cell may open with its value and say more: "21 s (prosthesis + walker)"; a sentence,
        # ended by its full stop, is no cell: "Seen today.  3 days of cough.  No fever.")
        if any(is_number_cell(c.text) for c in row) or \
                any(re.match(r"[<>~]?\d[\d.,]*\s?[a-zA-Z%/]{0,6}\b", c.text) and not c.text.endswith(".")
                    for c in row[1:]) or _HEADER_ROW_WORDS.search(line) or \
                (len(row) >= 2 and all(time_key(c.text) for c in row)):  # a header row of dates: "[**11-2**]  [**11-4**]"
            return "table"
    if _HEADER_LINE.match(line):
        return "header"
    if _FIELD.match(line.lstrip()) and (0 <= line.lstrip().find(":") < 40 or re.search(r"\s\.{2,}|\.{3,}", line[:45])):
        return "field"
    return "prose"


_TABLE_RULE = re.compile(r"[ \t]*[+|][-=+|: ]{4,}[+|]?[ \t]*|[ \t]*[-=]{3,}(?:[ \t]*[+|][ \t]*[-=]{3,})+[ \t]*")
_HEADER_ROW_WORDS = re.compile(r"\b(?:time|date|day|admission|discharge|HD\s?\d|POD\s?\d)\b", re.I)


# an upper-case title opening a sentence ("INDICATION: ...", "FINDINGS: ...") opens a section even
# where medspaCy's rules give it the category of the one before
_INLINE_HEADER = re.compile(r"^[A-Z][A-Z /&()'-]{2,40}:\s")


def role_of(title: str | None) -> str | None:
    """What a section is for, from its title (the lexicon's `document.section_roles`)."""
    if not title:
        return None
    lex = lexicon()
    return next((r for r in lex.document.get("section_roles", {}) if lex.words_re("section_roles", r).search(title)),
                None)


def sections_of(text: str, sentences: list[Sentence]) -> list[Section]:
    """One section per header sentence (its category from the sentence's section), the text before
    the first header a section with no title."""
    out: list[Section] = []
    numbered = _numbered_titles(text, sentences)
    titled = {s.start: end for s in sentences if (end := _title_line(text, s)) is not None}
    heads = [s for i, s in enumerate(sentences) if s.kind == "header" or _INLINE_HEADER.match(s.text) or (
        s.section and re.match(r"^[^\W\d_][^:\n]{0,58}:", s.text) and (i == 0 or sentences[i - 1].section != s.section))
        or s.start in numbered or s.start in titled]
    bounds = []
    for s in heads:
        if s.start in numbered:
            bounds.append((s.start, numbered[s.start], s.section))
            continue
        title_end = titled[s.start] if s.start in titled else \
            s.start + (s.text.find(":") + 1 if ":" in s.text[:60] else len(s.text))
        bounds.append((s.start, title_end, s.section))
    if not bounds or bounds[0][0] > 0:
        first = bounds[0][0] if bounds else len(text)
        if text[:first].strip():
            out.append(Section(None, None, 0, first))
    for i, (s, te, cat) in enumerate(bounds):
        raw = cat  # the sectionizer's: a sentence after a section's title inherits its category
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
        ts = s
        if s in numbered:  # "9. Medications on discharge": the title without its number
            ts = s + _NUMBERED_TITLE.match(text, s).start("title") - s
        title = _TITLE_MARKS.sub("", text[ts:te].strip().split("\n")[0].strip()).rstrip(":.").strip()
        if title and i > 0 and raw == bounds[i - 1][2]:
            if s in numbered or s in titled:
                # a title the sectionizer did not see opens a new section: its category is its own
                # words', not the one carried over ("» Medicines on discharge" after "Allergies:")
                cat = title_category(title)
            elif out and out[-1].category != raw:
                # a key line under such a title belongs to it ("HELD: methotrexate" under "DISCHARGE
                # MEDICATIONS"), not to the section the sectionizer carried on from before it
                cat = title_category(title) or out[-1].category
        out.append(Section(cat, title or None, s, end, ts, te))
    return out


_UNDERLINE = re.compile(r"[ \t]*[-=~_]{3,}[ \t]*")
_UNDERLINE_LINE = re.compile(r"(?m)^" + _UNDERLINE.pattern + r"$")
_TITLE_MARKS = re.compile(r"^[»>#*=•~–-]+[ \t]*|[ \t]*[=#*~–-]{2,}$")  # a title's decoration, both ends


def _title_line(text: str, s: Sentence) -> int | None:
    """Where the title ends when a sentence opens with a title in words alone on its line, with
    its body on the next line: after a blank line ("Intrapartum and postpartum course", "»
    Medicines on discharge"), or underlined ("Presenting complaint" over "-----"); None when it
    opens with none. A section's header, though no rule knows its words."""
    first = s.text.split("\n", 1)[0]
    line = _TITLE_MARKS.sub("", first.strip())  # "» Medicines on discharge", "=== TRIAGE ==="
    # a note in brackets after the title's words is no part of its shape ("DISCHARGE MEDICATIONS (Kardex reconciled)")
    line = re.sub(r"[ \t]*\([^()\d]{1,40}\)$", "", line)
    end = s.start + len(first)
    after = text[end:end + 200]
    underline = re.match(r"[ \t]*\r?\n[ \t]*[-=~_]{3,}[ \t]*(?=\r?\n|$)", after)
    if underline and line and len(line.split()) <= 8 and line[0].isupper():
        return end + underline.end()  # (an underlined title may hold a date: "On arrival (3rd March, 14:20)")
    if not line or len(line.split()) > 8 or not line[0].isupper() or line[-1] in ".,;:!?)" or \
            re.search(r"\d", line):
        return None
    before = text[:s.start].rstrip(" \t")
    caps = line.upper() == line and len(line.split()) <= 6 and re.search(r"\n[ \t]*\r?\n$", before)
    if "\n" in s.text.strip() and not _TITLE_MARKS.match(first.strip()) and not caps:
        # (a letterhead's lines run on into the next: only a marked title opens a sentence, or one in
        # capitals after a blank line, "PRESENTATION" over its paragraph)
        return None
    if (not before or re.search(r"\n[ \t]*\r?\n$", before)) and \
            re.match(r"[ \t]*\r?\n[ \t]*\S", after):
        return end
    return None


# a note written as numbered paragraphs, each opening with a short title: "7. Past history.
# Ischaemic heart disease ...", "9. Medications on discharge" (an Australian discharge summary)
_NUMBERED_TITLE = re.compile(r"[ \t]*\d{1,2}[.)][ \t]+(?P<title>[A-Z][A-Za-z/&,' -]{1,48}?)(?:[.:](?=\s|$)|[ \t]*(?=\n|$))")
_MIN_NUMBERED = 3  # fewer numbered titles are a list, not the note's layout


def _numbered_titles(text: str, sentences: list[Sentence]) -> dict[int, int]:
    """{sentence start: title end} of the numbered paragraph titles, when the note opens at least
    three paragraphs so (a list of problems or drugs has no titles: its items run on)."""
    out = {}
    for s in sentences:
        if s.kind != "list_item":
            continue
        m = _NUMBERED_TITLE.match(s.text)
        if m and re.fullmatch(r"[A-Z][a-z]{1,2}\.", s.text[m.start("title"):m.end()]) and \
                text[s.start + m.end():].split("\n", 1)[0].strip():
            continue  # a short abbreviation that runs on is an item's first word: "1. Tab. Metformin 500 mg"
        if m and len(m.group("title").split()) <= 5:
            out[s.start] = s.start + m.end()
    return out if len(out) >= _MIN_NUMBERED else {}


def blocks_of(text: str, sections: list[Section]) -> list[Block]:
    """The note's blocks in order, each in one section."""
    out: list[Block] = []
    spans = lines_of(text)
    kinds = [_line_kind(text, s, e) for s, e in spans]
    # a title alone on its line heads what follows ("9. Medications on discharge", "» Medicines on
    # discharge"): only marks before it on its line, nothing after it
    titled = {text.rfind("\n", 0, sec.title_start) + 1: sec.title_end for sec in sections if sec.title_start >= 0
              and not re.search(r"[^\W\d_]", text[text.rfind("\n", 0, sec.title_start) + 1:sec.title_start])}
    kinds = ["header" if s in titled and titled[s] <= e and not text[titled[s]:e].strip(" \t:") else k
             for (s, e), k in zip(spans, kinds)]
    for i in range(len(spans) - 1):  # an underlined title: the title heads, its rule is no line of the body
        s, e = spans[i]
        if s in titled and titled[s] == spans[i + 1][1] and _UNDERLINE.fullmatch(text[spans[i + 1][0]:spans[i + 1][1]]):
            kinds[i], kinds[i + 1] = "header", "blank"
    for i in range(len(spans) - 1):  # a row of column names over a table's rows heads its columns
        if kinds[i] in ("prose", "header") and kinds[i + 1] == "table" and _column_names(text, spans[i], spans[i + 1]):
            kinds[i] = "table"
    for i in range(1, len(spans) - 1):  # a row of units in brackets right under the names: "(umol/L)   (mmol/L)"
        units = cells(text, *spans[i])
        if kinds[i] == "prose" and kinds[i - 1] == kinds[i + 1] == "table" and (i < 2 or kinds[i - 2] != "table") \
                and len(units) >= 2 and all(re.fullmatch(r"\([^()]{1,15}\)", c.text) for c in units):
            kinds[i] = "table"
    sec_of = _section_finder(sections)
    sec_at = _section_finder(sections, index=True)
    i = 0
    last_header: tuple[int, int] | None = None
    while i < len(spans):
        k = kinds[i]
        s, e = spans[i]
        if k == "blank":
            i += 1
            continue
        if k == "header":
            last_header = (s + len(text[s:e]) - len(text[s:e].lstrip()), e)
            i += 1
            continue
        if k == "rule":
            i += 1  # (a border is no line of any block; a table runs on across it)
            continue
        j = i
        same = ("list",) if k == "list" else ("table", "rule") if k == "table" else ("field",) if k == "field" else (k,)
        while j + 1 < len(spans) and kinds[j + 1] in same and sec_at(spans[j + 1][0]) == sec_at(s):
            j += 1
        while j > i and kinds[j] == "rule":
            j -= 1
        header = last_header if last_header and _only_blank_between(text, last_header[1], s) else None
        if k == "prose" and header and _list_header(text[header[0]:header[1]]) and _item_like(text, s, e):
            # unmarked lines under a list header ("DISCHARGE MEDICATIONS:\nAspirin 81 mg daily"),
            # not a paragraph ("Procedure details" over the operation's narrative)
            while j + 1 < len(spans) and kinds[j + 1] in ("prose", "field") and sec_at(spans[j + 1][0]) == sec_at(s):
                j += 1
            k = "list"
        if k == "trend" and j > i:
            j = i  # one trend per line
        out.append(_block(text, k, spans[i:j + 1], sec_of(s), header))
        last_header = None
        i = j + 1
    return out


def _item_like(text: str, s: int, e: int) -> bool:
    """A line short enough to be one item: no paragraph of several sentences."""
    return e - s <= 160 and len(re.findall(r"[a-z0-9)][.;]\s+[A-Z]", text[s:e])) < 2


def row_status(text: str, block: Block, item: Item) -> tuple[Item | None, int]:
    """A list item's status (its key: "NEW", "STOPPED") or a table row's status cell (the column
    headed by one of the lexicon's `document.status_columns`), and where the row's own words end
    (before its status cell)."""
    if block.kind != "table":
        return (Item(item.key, item.key_start, item.key_end) if item.key else None), item.end
    names = lexicon().words_re("status_columns", "status")
    col = next((i for i, c in enumerate(block.columns) if names.search(c.text)), None)  # ("Decision today")
    row = cells(text, item.start, item.end)
    if col is None or col == 0 or len(row) != len(block.columns):
        return None, item.end
    return row[col], row[col - 1].end


def column_of(text: str, block: Block, pos: int) -> tuple[int, list[Item]] | None:
    """When `pos` is in a table's header cell: that column's index and its cell in every row
    whose cells line up with the header's (a row of another shape has none)."""
    if block.kind != "table":
        return None
    col = next((i for i, c in enumerate(block.columns) if c.start <= pos < c.end), None)
    if col is None:
        return None
    rows = [cells(text, it.start, it.end) for it in block.items]
    return col, [r[col] for r in rows if len(r) == len(block.columns)]


def _only_blank_between(text: str, a: int, b: int) -> bool:
    """Only blank lines (or a title's underline) between a and b."""
    return not _UNDERLINE_LINE.sub("", text[a:b]).strip()


def _list_header(header: str) -> bool:
    lex = lexicon()
    return any(lex.words_re("list_headers", name).search(header) for name in lex.document.get("list_headers", {})) \
        or any(lex.words_re("events", name).search(header) for name in lex.document.get("events", {}))


def _section_finder(sections: list[Section], index: bool = False):
    """pos -> the category of the section at `pos` (with `index`, which section it is: two
    sections of one category, or of none, are still two)."""
    starts = [s.start for s in sections]

    def find(pos: int):
        import bisect

        i = bisect.bisect_right(starts, pos) - 1
        if index:
            return i
        return sections[i].category if i >= 0 else None

    return find


def _block(text: str, kind: str, spans: list[tuple[int, int]], section: str | None,
           header: tuple[int, int] | None) -> Block:
    start, end = spans[0][0], spans[-1][1]
    while start < end and text[start] in " \t":
        start += 1
    h_text = _TITLE_MARKS.sub("", text[header[0]:header[1]].strip()).rstrip(":").strip() if header else None
    h0, h1 = header if header else (-1, -1)
    if kind == "list":
        items = tuple(_list_item(text, s, e) for s, e in spans if text[s:e].strip())
        if len(items) == 1 and h_text and "," in items[0].text:  # "STOPPED: aspirin 81 mg, ibuprofen" on one line
            items = _comma_items(text, items[0].start, items[0].end)
        return Block("list", start, end, section, h_text, h0, h1, items)
    if kind == "field":
        items = tuple(f for s, e in spans for f in _fields(text, s, e))
        return Block("fields", start, end, section, h_text, h0, h1, items)
    if kind == "table":
        spans = [(s, e) for s, e in spans if not _TABLE_RULE.fullmatch(text[s:e])]
        rows = [cells(text, s, e) for s, e in spans]
        columns: tuple[Item, ...] = ()
        body = rows
        if len(rows) >= 2 and (sum(is_number_cell(c.text) for c in rows[0][1:]) <= len(rows[0]) // 2
                               or len(rows[0]) < len(rows[1]) or _HEADER_ROW_WORDS.search(text[spans[0][0]:spans[0][1]])
                               or (len(rows[0]) >= 2 and all(time_key(c.text) for c in rows[0][1:]))):  # "Test  02.10  04.10"
            columns, body = tuple(rows[0]), rows[1:]
        items = tuple(Item(text[r[0].start:r[-1].end], r[0].start, r[-1].end, r[0].text, r[0].start, r[0].end)
                      for r in body if r)
        return Block("table", start, end, section, h_text, h0, h1, items, columns)
    if kind == "trend":
        return Block("trend", start, end, section, h_text, h0, h1)
    return Block("prose", start, end, section, h_text, h0, h1)


def _column_names(text: str, line: tuple[int, int], below: tuple[int, int]) -> bool:
    """Whether `line` names the columns of the table row `below`: three or more cells, none a
    number, as many as the row's ("Region   BMD (g/cm2)   T-score   Z-score" over "L1-L4   0.712
    -3.1   -1.4"), no sentence among them."""
    names, row = cells(text, *line), cells(text, *below)
    # (or one fewer, over the row's values, when the line leaves the rows' names' corner empty:
    # "          Right before   Right today   Left today" over "ABPI   0.52   0.91   1.04")
    corner = len(names) >= 2 and len(names) == len(row) - 1 and names[0].start - line[0] >= 8 and \
        not text[line[0]:names[0].start].strip() and any(is_number_cell(c.text) for c in row[1:])
    # (the row under it holds values: an indented title over a header row is no header: "   GROWTH CHART")
    return (len(names) >= 3 and len(names) == len(row) or corner) and \
        not any(is_number_cell(c.text) or (c.text.endswith(".") and " " in c.text.strip()) for c in names)  # ("kl.")


def _list_item(text: str, s: int, e: int) -> Item:
    m = _LIST_MARK.match(text, s)
    s = m.end() if m else s
    while s < e and text[s] in " \t":
        s += 1
    tag = _STATUS_TAG.match(text, s, e)
    if tag and lexicon().names_in("events", tag.group(1)):
        # a status written before the item ("NEW      Apixaban 5 mg", "STOPPED: simvastatin") is its key
        return Item(text[tag.end():e], tag.end(), e, tag.group(1), tag.start(1), tag.end(1))
    tail = _STATUS_AFTER.search(text, s, e)
    if tail and tail.start() > s and lexicon().names_in("events", tail.group(1)):
        # or after it ("omeprazole 40 mg BD - NEW", "bisoprolol 2.5 mg OD (unchanged)")
        return Item(text[s:tail.start()], s, tail.start(), tail.group(1), tail.start(1), tail.end(1))
    return Item(text[s:e], s, e)


# a status word closing a list item, after a dash or in brackets: "- NEW", "(unchanged)", "[STOPPED]"
_STATUS_AFTER = re.compile(r"[ \t]+(?:[-–—][ \t]+|[(\[])([A-Za-z]{3,12})(?:[)\]]|[ \t]*(?:\([^()\n]{0,40}\))?)[ \t.]*$")
# an upper-case word in front of a list item, set apart by a colon or a column of spaces
_STATUS_TAG = re.compile(r"([A-Z]{3,12})(?::[ \t]*|[ \t]{2,}|\t[ \t]*)(?=\S)")


def split_outside_brackets(text: str, a: int, b: int, sep: re.Pattern) -> list[tuple[int, int]]:
    """text[a:b] cut at every match of `sep` outside round or square brackets ("dementia (mild,
    stable), HTN" is two pieces): the pieces' (start, end), separators left out, untrimmed."""
    pieces, depth, last = [], 0, a
    for i in range(a, b):
        ch = text[i]
        depth += ch in "(["
        depth -= ch in ")]"
        if depth == 0 and i >= last:
            m = sep.match(text, i)
            if m and m.end() > i:
                pieces.append((last, i))
                last = m.end()
    pieces.append((last, b))
    return pieces


def _comma_items(text: str, s: int, e: int) -> tuple[Item, ...]:
    out = []
    for m in re.finditer(r"[^,;]+", text[s:e]):
        a, b = s + m.start(), s + m.end()
        while a < b and text[a] in " \t":
            a += 1
        while b > a and text[b - 1] in " \t.":
            b -= 1
        if b > a:
            out.append(Item(text[a:b], a, b))
    return tuple(out)


def _fields(text: str, s: int, e: int) -> list[Item]:
    """Every `Key: value` on one line (values end where the next key starts)."""
    found = [m for m in _FIELD.finditer(text, s, e)]
    out = []
    for i, m in enumerate(found):
        v0 = m.end()
        v1 = found[i + 1].start() if i + 1 < len(found) else e
        while v1 > v0 and text[v1 - 1] in " \t":
            v1 -= 1
        if v1 > v0:
            out.append(Item(text[v0:v1], v0, v1, m.group(1), m.start(1), m.end(1)))
    return out
