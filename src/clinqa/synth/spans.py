"""Span-selection pretraining data from unlabeled text (`clinqa synth spans`).

Two published recipes meet here. Splinter (Ram et al., 2021) pretrains extractive readers on
*recurring spans*: a word n-gram that occurs more than once in a passage is masked in one
place and the model must find it elsewhere. Lewis et al. (2019) turn a sentence with an
entity into a *cloze question* and answer it from other text. clinqa writes both as plain
SQuAD v2 questions so `clinqa train qa` pretrains on them with the same span head it later
fine-tunes (tasks: [span]):

- a span s recurs in sentences A and B of a note;
- the question is sentence A with that occurrence of s replaced by a wh-word ("what", or
  "how much" for numbers), cut to at most `max_question_words` words around the gap;
- the context is the note without sentence A, and the answer is the occurrence of s nearest
  to where A stood, so the answer cannot be read off the question by string match.

Spans are scored like Splinter's: longer n-grams first, not made only of stopwords or
punctuation, and never a whole sentence. Deterministic for a seed.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from clinqa.types import Note, QAExample, Span

STOPWORDS = frozenset("""a an and are as at be been but by for from had has have he her his in into is it its of on
or she that the their there these they this to was were which with without who will would not no than then
also may can could should patient pt""".split())
UNITS = frozenset({"mg", "g", "ml", "kg", "cm", "mm", "l", "iv", "po", "sc", "%"})
# a sentence ends at . ! ? before a space or the line end, so "1.2 mg/dL" stays whole
_SENT = re.compile(r"(?:[^\n.!?]|[.!?](?![\s]|$))+(?:[.!?]+|$)", re.M)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-/%.']*[A-Za-z0-9%]|[A-Za-z0-9]")


@dataclass(frozen=True)
class SpanQuestion:
    example: QAExample
    span_text: str


def _sentences(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _SENT.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= 20:
            out.append((s, e))
    return out


def _edge(tok: str) -> bool:
    return len(tok) >= 3 or any(c.isdigit() for c in tok)


def _candidates(text: str, sents: list[tuple[int, int]], max_n: int) -> dict[str, list[tuple[int, int, int]]]:
    """n-gram (lower-cased) -> [(sentence index, start, end)] for every occurrence."""
    occ: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for si, (s, e) in enumerate(sents):
        words = list(_WORD.finditer(text, s, e))
        for n in range(1, max_n + 1):
            for i in range(len(words) - n + 1):
                ws = words[i:i + n]
                toks = [w.group().lower() for w in ws]
                if all(t in STOPWORDS or len(t) < 3 and not t.isdigit() for t in toks):
                    continue
                if toks[0] in STOPWORDS or toks[-1] in STOPWORDS or not _edge(toks[0]) or \
                        not (_edge(toks[-1]) or toks[-1] in UNITS):
                    continue  # "the chest", "chest x" and "mg Tablet" add nothing to "chest" or "Tablet"
                if any(text[a.end():b.start()].strip() for a, b in zip(ws, ws[1:])):
                    continue  # across punctuation ("mg Tablet Sig: 1") is not a phrase
                occ[" ".join(toks)].append((si, ws[0].start(), ws[-1].end()))
    return occ


class SpanQuestionBuilder:
    def __init__(self, *, seed: int = 13, per_note: int = 8, max_n: int = 4, max_question_words: int = 40,
                 min_chars: int = 3):
        self.seed = seed
        self.per_note = per_note
        self.max_n = max_n
        self.max_question_words = max_question_words
        self.min_chars = min_chars

    def questions(self, note: Note) -> list[SpanQuestion]:
        text = note.text
        rng = random.Random(f"{self.seed}:{note.id}")
        sents = _sentences(text)
        if len(sents) < 2:
            return []
        occ = _candidates(text, sents, self.max_n)
        recurring = [(k, v) for k, v in occ.items()
                     if len({si for si, _, _ in v}) >= 2 and len(k) >= self.min_chars and len(v) <= 6]
        # Splinter prefers longer, rarer spans; a random tie-break keeps variety between notes.
        recurring.sort(key=lambda kv: (-len(kv[0].split()), len(kv[1]), rng.random()))
        out: list[SpanQuestion] = []
        used_sents: set[int] = set()
        used_keys: list[str] = []
        for key, places in recurring:
            if len(out) >= self.per_note:
                break
            if any(key in k for k in used_keys):
                continue  # a sub-span of one already asked
            si, qs, qe = rng.choice(places)
            if si in used_sents:
                continue
            s_start, s_end = sents[si]
            if qe - qs >= (s_end - s_start) * 0.8:
                continue
            question = self._question(text, s_start, s_end, qs, qe, key)
            context = text[:s_start] + text[s_end:]
            shift = s_end - s_start
            answers = [Span(a - (shift if a >= s_end else 0), b - (shift if a >= s_end else 0), text[a:b])
                       for sj, a, b in places if sj != si]
            if not answers:
                continue
            answers.sort(key=lambda sp: abs(sp.start - s_start))
            ctx_note = Note(id=f"{note.id}~span{len(out)}", text=context, metadata={"source": note.id})
            for sp in answers:
                sp.check(ctx_note)
            ex = QAExample(id=f"{note.id}:span:{len(out)}", question=question, note=ctx_note, answers=tuple(answers[:1]))
            out.append(SpanQuestion(ex, key))
            used_sents.add(si)
            used_keys.append(key)
        return out

    def _question(self, text: str, s_start: int, s_end: int, qs: int, qe: int, key: str) -> str:
        wh = "how much" if re.fullmatch(r"[\d.,/%\s\-]+(?:\s?\w+)?", key) and any(c.isdigit() for c in key) else "what"
        before = text[s_start:qs].split()
        after = text[qe:s_end].split()
        half = self.max_question_words // 2
        words = before[-half:] + [wh] + after[:half]
        q = " ".join(words).strip().lstrip("-*#0123456789.) ").rstrip(".;:, ")
        q = q or wh
        return q[0].upper() + q[1:] + ("" if q.endswith("?") else "?")


def build_span_questions(notes: Iterable[Note], builder: SpanQuestionBuilder | None = None,
                         max_notes: int | None = None) -> Iterator[SpanQuestion]:
    builder = builder or SpanQuestionBuilder()
    for note in islice(notes, max_notes):
        yield from builder.questions(note)
