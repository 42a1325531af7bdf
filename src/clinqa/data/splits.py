"""Deterministic held-out splits by note, written as `FILE#part`.

    #heldout   15% of notes: final evaluation only
    #train     the other 85% (what the QA model trains on)
    #dev       15% of notes inside #train: tuning data for components trained on #fit
    #fit       #train without #dev

A question's split is decided by a hash of its note's id (or text when there is no id), so
all questions about one article land on the same side, the split never depends on file order
or a random seed, and anyone can reproduce it from the file alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from clinqa.errors import DataError
from clinqa.types import QAExample

PARTS = ("train", "heldout", "dev", "fit")
DEFAULT_FRACTION = 0.15


def _bucket(key: str) -> int:
    return int(hashlib.sha1(("clinqa-split:" + key).encode("utf-8")).hexdigest()[:8], 16) % 10_000


def part_of(key: str, fraction: float = DEFAULT_FRACTION) -> str:
    return "heldout" if _bucket(key) < fraction * 10_000 else "train"


def in_part(key: str, part: str, fraction: float = DEFAULT_FRACTION) -> bool:
    b = _bucket(key)
    if part == "heldout":
        return b < fraction * 10_000
    if part == "train":
        return b >= fraction * 10_000
    dev = fraction * 10_000 <= b < 2 * fraction * 10_000
    return dev if part == "dev" else (b >= 2 * fraction * 10_000)


def parse_spec(spec: str) -> tuple[Path, str | None]:
    """`path#part` -> (path, part); a path without `#` is the whole file."""
    path, _, part = str(spec).partition("#")
    if part and part not in PARTS:
        raise DataError(f"unknown split {part!r} in {spec!r}; use one of {', '.join('#' + p for p in PARTS)}",
                        source=str(spec))
    return Path(path), (part or None)


def select(examples: Iterable[QAExample], part: str | None, fraction: float = DEFAULT_FRACTION) -> Iterator[QAExample]:
    for ex in examples:
        if part is None or in_part(ex.note.id or ex.note.text, part, fraction):
            yield ex


def read_qa_spec(spec: str, fraction: float = DEFAULT_FRACTION) -> list[QAExample]:
    from clinqa.data import read_qa

    path, part = parse_spec(spec)
    out = list(select(read_qa(path), part, fraction))
    if not out:
        raise DataError(f"{spec}: no questions{' in that split' if part else ''}", source=str(spec))
    return out
