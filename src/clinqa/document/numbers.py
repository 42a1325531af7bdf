"""The number a measured value holds, as the note writes it: a decimal comma ("K 3,1") or point,
thousands separators ("12,500"; "9.400" in a note that writes decimals with a comma), and
multiplier words ("1.12 lakh")."""

from __future__ import annotations

import contextlib
import contextvars
import re

from clinqa.lexicon import PerLexicon


# Whether the note being read writes decimals with a comma ("K 3,1", "Hb 12,8"): then "9.400" is
# nine thousand four hundred, as Brazilian and German notes write it (`writes_decimal_comma`)
_DECIMAL_COMMA = contextvars.ContextVar("clinqa_decimal_comma", default=False)
# (no letter before: "L2,3", "T11,12" are spinal levels; a list's comma after: "K 3,4, Hb 11,2")
_COMMA_DECIMAL = re.compile(r"(?<![\w.,])\d{1,4},\d{1,2}(?!\d|,\d)")
_DOT_DECIMAL = re.compile(r"(?<![\w.,])(?:\d{1,4}\.\d{1,2}|0\.\d+)(?![\d.])")  # ("0.034": a decimal, never thousands)


def writes_decimal_comma(text: str) -> bool:
    """Whether a note writes its decimals with a comma: more numbers so ("3,1") than with a dot."""
    commas = len(_COMMA_DECIMAL.findall(text))
    return commas >= 2 and commas > len(_DOT_DECIMAL.findall(text))


def number_of(value: str) -> float | None:
    m = re.search(r"\d+(?:[.,]\d+)*", value)
    if not m:
        return None
    raw = m.group(0)
    seps = re.findall(r"[.,]", raw)
    parts = re.split(r"[.,]", raw)
    if not seps:
        number = float(raw)
    elif len(set(seps)) == 2:  # "1.234,5" or "1,234.5": the last mark is the decimal one
        number = float("".join(parts[:-1]) + "." + parts[-1])
    elif all(len(p) == 3 for p in parts[1:]) and parts[0] != "0" and (len(seps) > 1 or (seps[0] == ",") != _DECIMAL_COMMA.get()):
        number = float("".join(parts))  # thousands: "12,500", "1,250,000"; "9.400" where decimals take a comma
    else:
        number = float(parts[0] + "." + parts[1])  # "12.4", "12,4" ("1.2.3": its first two parts)
    after = value[m.end():m.end() + 12]
    for word, factor in _MULTIPLIERS.get():
        if word.match(after):
            return number * factor  # "1.12 lakh": 112,000
    return number


# words after a number that multiply it (the lexicon's `numbers.times_*`), each with its factor
_MULTIPLIERS = PerLexicon(lambda lex: [
    (re.compile(r"[ \t]*(?:" + lex.words_alternation("numbers", name) + r")\b", re.I), factor)
    for name, factor in (("times_thousand", 1e3), ("times_hundred_thousand", 1e5), ("times_million", 1e6))])


@contextlib.contextmanager
def decimals_of(text: str):
    """Read numbers inside the block as the note `text` writes its decimals."""
    token = _DECIMAL_COMMA.set(writes_decimal_comma(text))
    try:
        yield
    finally:
        _DECIMAL_COMMA.reset(token)
