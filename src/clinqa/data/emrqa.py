"""emrQA native JSON: contexts as lists of lines, `answer_start` as [line, token], question
paraphrases as lists. Streamed by title (the real file is over 1 GB).

emrQA's annotations are noisy: when an answer's text is not at its [line, token] position it
is searched for in that line; answers that cannot be placed are dropped and counted in
`EmrQAReader.stats` (and logged), never placed at a guessed offset.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from clinqa.data._io import existing, iter_json_items
from clinqa.errors import DataError
from clinqa.types import Note, QAExample, Span

log = logging.getLogger(__name__)


@dataclass
class EmrQAStats:
    answers: int = 0
    realigned: int = 0
    dropped: int = 0
    dropped_ids: list[str] = field(default_factory=list)


class EmrQAReader:
    def __init__(self, path: str | Path):
        self.path = existing(path)
        self.stats = EmrQAStats()

    def __iter__(self) -> Iterator[QAExample]:
        src = str(self.path)
        for t_i, title in enumerate(iter_json_items(self.path, "data.item")):
            paragraphs = title.get("paragraphs") if isinstance(title, dict) else None
            if not isinstance(paragraphs, list):
                raise DataError("expected key 'paragraphs' (a list)", source=src, where=f"data[{t_i}]")
            for p_i, para in enumerate(paragraphs):
                where = f"data[{t_i}].paragraphs[{p_i}]"
                if not isinstance(para, dict) or "context" not in para:
                    raise DataError("expected key 'context'", source=src, where=where)
                context = para["context"]
                if isinstance(context, list):
                    lines = [str(x) for x in context]
                elif isinstance(context, str):
                    lines = None
                else:
                    raise DataError("'context' must be a list of lines or a string", source=src, where=where)
                text = "\n".join(lines) if lines is not None else context
                line_starts = _line_starts(lines) if lines is not None else None
                note_id = str(para.get("note_id", f"{t_i}-{p_i}"))
                meta = {"title": title.get("title", "")} if title.get("title") else {}
                note = Note(id=note_id, text=text, metadata=meta)
                for q_i, qa in enumerate(para.get("qas") or []):
                    yield self._example(qa, note, lines, line_starts, where=f"{where}.qas[{q_i}]")

    def _example(self, qa, note, lines, line_starts, *, where: str) -> QAExample:
        src = str(self.path)
        if not isinstance(qa, dict) or "question" not in qa:
            raise DataError("expected key 'question'", source=src, where=where)
        q = qa["question"]
        questions = [str(x) for x in q] if isinstance(q, list) else [str(q)]
        if not questions:
            raise DataError("empty question list", source=src, where=where)
        qid = _flat_id(qa.get("id", where))
        spans: list[Span] = []
        types = set()
        for k, ans in enumerate(qa.get("answers") or []):
            if not isinstance(ans, dict) or "text" not in ans or "answer_start" not in ans:
                raise DataError("answer needs 'text' and 'answer_start'", source=src, where=f"{where}.answers[{k}]")
            if ans.get("answer_entity_type"):
                types.add(str(ans["answer_entity_type"]))
            text = str(ans["text"])
            if not text.strip():
                continue
            self.stats.answers += 1
            span = self._place(note.text, text, ans["answer_start"], lines, line_starts, where=f"{where}.answers[{k}]")
            if span is None:
                self.stats.dropped += 1
                self.stats.dropped_ids.append(qid)
                log.warning("%s %s.answers[%d]: answer %r not found in its line; dropped", src, where, k, text[:40])
            elif span not in spans:
                spans.append(span)
        return QAExample(
            id=qid,
            question=questions[0],
            note=note,
            answers=tuple(spans),
            is_impossible=not spans,
            question_variants=tuple(questions[1:]),
        )

    def _place(self, text, answer, start, lines, line_starts, *, where) -> Span | None:
        src = str(self.path)
        if isinstance(start, list):
            if lines is None or len(start) != 2:
                raise DataError("answer_start [line, token] needs a context given as lines", source=src, where=where)
            line_no, tok_no = int(start[0]), int(start[1])
            if not 0 <= line_no < len(lines):
                raise DataError(
                    f"answer_start line {line_no} is outside a context of {len(lines)} lines", source=src, where=where
                )
            line = lines[line_no]
            base = line_starts[line_no]
            toks = [m.start() for m in re.finditer(r"\S+", line)]
            if 0 <= tok_no < len(toks) and line.startswith(answer, toks[tok_no]):
                s = base + toks[tok_no]
                return Span(s, s + len(answer), answer)
            pos = line.find(answer)
            if pos < 0:
                low = line.lower().find(answer.lower())
                if low < 0:
                    return None
                pos = low
            self.stats.realigned += 1
            s = base + pos
            return Span(s, s + len(answer), text[s : s + len(answer)])
        try:
            s = int(start)
        except (TypeError, ValueError):
            raise DataError(f"answer_start must be an int or [line, token], got {start!r}", source=src, where=where) from None
        if text[s : s + len(answer)] == answer:
            return Span(s, s + len(answer), answer)
        return None


def read_emrqa(path: str | Path) -> Iterator[QAExample]:
    return iter(EmrQAReader(path))


def write_emrqa(examples: Iterable[QAExample], path: str | Path) -> None:
    """Write native emrQA JSON: contexts split into lines, answer_start as [line, token]."""
    paragraphs: dict[str, dict] = {}
    for ex in examples:
        lines = ex.note.text.split("\n")
        starts = _line_starts(lines)
        para = paragraphs.setdefault(ex.note.id, {"note_id": ex.note.id, "context": lines, "qas": []})
        answers = []
        for s in ex.answers:
            line_no = max(i for i, b in enumerate(starts) if b <= s.start)
            line = lines[line_no]
            toks = [m.start() for m in re.finditer(r"\S+", line)]
            col = s.start - starts[line_no]
            tok_no = toks.index(col) if col in toks else sum(1 for t in toks if t < col)
            answers.append({"text": s.text, "answer_start": [line_no, tok_no], "evidence": line,
                            "evidence_start": [line_no], "answer_entity_type": "single"})
        para["qas"].append({"id": ex.id, "question": [ex.question, *ex.question_variants], "answers": answers})
    data = [{"title": "clinqa", "paragraphs": list(paragraphs.values())}]
    Path(path).write_text(json.dumps({"data": data}, ensure_ascii=False), encoding="utf-8")


def _line_starts(lines: list[str]) -> list[int]:
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    return starts


def _flat_id(value) -> str:
    if isinstance(value, list):
        flat: list[str] = []
        stack = list(value)
        while stack:
            x = stack.pop(0)
            if isinstance(x, list):
                stack = list(x) + stack
            else:
                flat.append(str(x))
        return "|".join(flat)
    return str(value)
