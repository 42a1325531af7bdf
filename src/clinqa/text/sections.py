"""Section detection with medspaCy's Sectionizer (its default clinical header rules)."""

from __future__ import annotations

import functools
import re


def section_ranges(doc) -> list[tuple[int, int, str, tuple[int, int] | None]]:
    """(start_char, end_char, category, title char range or None) for each section of a
    processed doc; text before the first header has no section and is not listed."""
    out = []
    for section in getattr(doc._, "sections", None) or []:
        if section.category is None:
            continue
        start = doc[section.title_start].idx if section.title_end > section.title_start else None
        title = None
        if start is not None:
            last = doc[section.title_end - 1]
            title = (start, last.idx + len(last.text))
        body_end_tok = section.body_end
        end = (
            doc[body_end_tok - 1].idx + len(doc[body_end_tok - 1].text)
            if body_end_tok > 0
            else len(doc.text)
        )
        begin = start if start is not None else doc[section.body_start].idx
        out.append((begin, max(end, begin), section.category, title))
    return out


@functools.lru_cache(maxsize=1)
def _title_categories() -> dict[str, str]:
    from clinqa.text.pipeline import get_nlp

    out: dict[str, str] = {}
    for rule in get_nlp().get_pipe("medspacy_sectionizer").rules:
        out.setdefault(_title_key(rule.literal), rule.category)
    return out


def _title_key(title: str) -> str:
    return re.sub(r"\s+", " ", title.strip().rstrip(":").strip()).lower()


def title_category(title: str) -> str | None:
    """The sectionizer's category of a title its rules name in words, however it is decorated or
    cased ("» Discharge medications" is `medications`); None for a title no rule names."""
    cats = _title_categories()
    key = _title_key(title)
    # (a note in brackets after the words: "DISCHARGE MEDICATIONS (Kardex reconciled)")
    return cats.get(key) or cats.get(re.sub(r"\s*\([^()]*\)$", "", key))
