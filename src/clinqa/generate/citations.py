"""Cited answers: parse, check and repair what a model wrote, and say what was changed.

The format is ArchEHR-QA's: one sentence per line, each ending with the ids of the note
sentences that support it, `|1,3|`. Small models break it in every way: no citations, ids the
note does not have, citations mid-line, all sentences on one line, too many words. `repair`
fixes these deterministically and lists each change, so a user sees what the model wrote and
what clinqa did to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

CITE = re.compile(r"\|\s*([\w\s,;-]*?)\s*\|")
BRACKET_CITE = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")  # [1], [2, 5]: a common near-miss
_STRAY_PIPE = re.compile(r"(?<![\w,;-])\|\s*(?=\|)")
_SPLIT = re.compile(r"(?<=[^\d\s][.!?])\s+(?=[A-Z0-9(\"'])|(?<=\|)\s+(?=\S)")


@dataclass
class CitedSentence:
    text: str
    ids: list[str]


@dataclass
class Repaired:
    text: str  # the final answer: one sentence per line, each ending with |ids|
    sentences: list[CitedSentence]
    changes: list[str] = field(default_factory=list)

    @property
    def cited_ids(self) -> list[str]:
        return list(dict.fromkeys(i for s in self.sentences for i in s.ids))


def split_sentences(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = line.strip().lstrip("-*\u2022 ").strip()
        if line:
            out.extend(p.strip() for p in _SPLIT.split(line) if p.strip())
    return out


def parse(sentence: str) -> CitedSentence:
    """Text without its citation markers, and the ids they hold (in order, without repeats)."""
    ids: list[str] = []
    # "Hypokalemia | |60|": a stray pipe before the citation would pair with its opening pipe
    sentence = _STRAY_PIPE.sub("", sentence)
    for m in list(CITE.finditer(sentence)) + list(BRACKET_CITE.finditer(sentence)):
        ids.extend(x for x in re.split(r"[\s,;]+", m.group(1)) if x)
    text = BRACKET_CITE.sub("", CITE.sub("", sentence)).replace("|", " ")
    text = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(text.split())).strip()
    return CitedSentence(text, list(dict.fromkeys(ids)))


def _words(s: str) -> int:
    return len(s.split())


def repair(raw: str, valid_ids: list[str], fallback_id: str | None, word_limit: int = 75,
           match: Callable[[str], str | None] | None = None) -> Repaired:
    """One sentence per line, known ids only, no repeated sentences, a citation on every
    sentence, at most `word_limit` words of answer text. An uncited sentence cites what
    `match(sentence)` finds (the note sentence it overlaps most), else `fallback_id` (the best
    evidence for the question)."""
    valid = set(valid_ids)
    changes: list[str] = []
    seen: set[str] = set()
    repeats = 0
    raw_lines = [x for x in raw.splitlines() if x.strip()]
    pieces = split_sentences(raw)
    if len(pieces) != len(raw_lines):
        changes.append(f"re-split the answer into {len(pieces)} sentence lines")
    out: list[CitedSentence] = []
    words = 0
    for piece in pieces:
        cs = parse(piece)
        if not cs.text or not re.search(r"\w", cs.text):
            continue
        norm = re.sub(r"\W+", " ", cs.text.lower()).strip()
        if norm in seen:
            repeats += 1
            continue
        seen.add(norm)
        unknown = [i for i in cs.ids if i not in valid]
        if unknown:
            changes.append(f"dropped citation ids not in the note: {', '.join(unknown)}")
            cs.ids = [i for i in cs.ids if i in valid]
        if not cs.ids:
            found = match(cs.text) if match else None
            if found is not None and found in valid:
                cs.ids = [found]
                changes.append("cited the note sentence that overlaps most for a sentence without a valid citation")
            elif fallback_id is not None:
                cs.ids = [fallback_id]
                changes.append(f"cited the best evidence sentence {fallback_id} for a sentence without a valid citation")
            else:
                changes.append(f"left out a sentence without a valid citation: {cs.text[:60]!r}")
                continue
        n = _words(cs.text)
        if words + n > word_limit:
            keep = word_limit - words
            if keep <= 0:
                changes.append(f"cut {len(pieces) - len(out)} sentence(s) beyond the {word_limit}-word limit")
                break
            cs.text = " ".join(cs.text.split()[:keep]).rstrip(",;:") + "..."
            changes.append(f"shortened a sentence to stay within {word_limit} words")
            out.append(cs)
            break
        words += n
        out.append(cs)
    if repeats:
        changes.append(f"dropped {repeats} repeated sentence(s)")
    text = "\n".join(f"{s.text} |{','.join(s.ids)}|" for s in out)
    return Repaired(text=text, sentences=out, changes=list(dict.fromkeys(changes)))


def strip_citations(answer: str) -> str:
    """The answer text alone (for text metrics), one sentence per line."""
    return "\n".join(parse(line).text for line in answer.splitlines() if parse(line).text)


def cited_lines(answer: str, text: str, sentences) -> list[dict]:
    """Each answer line with its citations' offsets and text (shared with the HTTP service)."""
    by_id = {s.id: s for s in sentences}
    lines = []
    for line in answer.splitlines():
        cs = parse(line)
        lines.append({"text": cs.text, "citations": [
            {"id": i, "start": by_id[i].start, "end": by_id[i].end, "text": text[by_id[i].start:by_id[i].end]}
            for i in cs.ids if i in by_id]})
    return lines
