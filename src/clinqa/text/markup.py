"""Markup left in a note pasted from an electronic record ("<b>Admit:</b>", "&nbsp;", "<br>"):
blanked to white space of the same length, so that every offset into the blanked text is the
same offset into the original, and the note's fields, lists and dates read as they would without
it. A tag that breaks a line ("<br>", "</p>", "<li>") becomes a line break unless one follows it."""

from __future__ import annotations

import re

# a tag of HTML's common vocabulary (never "<5 mm" or "<2 L"), or a named or numbered entity
_TAG = re.compile(r"</?(?:b|i|u|em|strong|br|p|div|span|font|li|ul|ol|tr|td|th|table|tbody|thead|h[1-6]|sup|sub|"
                  r"pre|code|hr|center|small|big|a)(?:\s[^<>\n]{0,80})?\s*/?>|&(?:[a-z]{2,8}|#\d{2,5});", re.I)
_ENTITIES = {"&gt;": ">", "&lt;": "<", "&amp;": "&", "&quot;": '"', "&#39;": "'", "&apos;": "'"}
_BREAKS = re.compile(r"</?(?:br|p|div|li|tr|h[1-6]|hr)\b", re.I)


def has_markup(text: str) -> bool:
    return _TAG.search(text) is not None


def blank_markup(text: str) -> str:
    """`text` with each tag and entity replaced by spaces (a line-breaking tag by a line break
    and spaces); the same length, every other character where it was."""
    def blank(m: re.Match) -> str:
        s = m.group(0)
        if s.startswith("&"):  # "-&gt;" is an arrow still: the entity's character, then spaces
            return _ENTITIES.get(s.lower(), " ").ljust(len(s))
        if _BREAKS.match(s) and text[m.end():m.end() + 1] not in ("\n", "\r") and \
                (m.start() == 0 or text[m.start() - 1] not in "\n"):
            return "\n" + " " * (len(s) - 1)
        return " " * len(s)

    return _TAG.sub(blank, text)
