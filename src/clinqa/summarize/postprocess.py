"""Impressions in the numbered convention of radiology reports: several findings become
"1. ...", "2. ..." on their own lines; one finding stays a plain sentence."""

from __future__ import annotations

import re

_LABEL = re.compile(r"^\s*(?:impressions?|conclusions?|summary)\s*:\s*", re.I)
_ITEM_SPLIT = re.compile(r"(?:^|(?<=[.;])\s+)(?:\(?\d{1,2}[.)]|[-*\u2022])\s+")


def impression_items(text: str) -> list[str]:
    """The findings of an impression, split at numbers ("1.", "2)"), bullets and line breaks,
    without repeats (small models loop)."""
    body = _LABEL.sub("", text.strip())
    parts: list[str] = []
    for line in body.splitlines():
        line = line.strip()
        if not line:
            continue
        chunks = _ITEM_SPLIT.split(line)
        parts.extend(c.strip() for c in chunks if c and c.strip())
    seen, items = set(), []
    for p in parts:
        key = re.sub(r"\W+", " ", p.lower()).strip()
        if key and key not in seen:
            seen.add(key)
            items.append(p)
    return items


def format_impression(text: str) -> str:
    items = impression_items(text)
    if len(items) <= 1:
        return items[0] if items else ""
    return "\n".join(f"{i}. {it}" for i, it in enumerate(items, start=1))
