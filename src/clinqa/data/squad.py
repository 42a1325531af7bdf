"""SQuAD v1.1 / v2.0 JSON (also COVID-QA, XQuAD, emrQA-msquad, CliniRC), streamed by article."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from clinqa.data._io import existing, iter_json_items
from clinqa.errors import DataError
from clinqa.types import ANSWER_TYPES, CATEGORIES, VERDICTS, Note, QAExample, Span

log = logging.getLogger(__name__)


def read_squad(path: str | Path) -> Iterator[QAExample]:
    """Yield one QAExample per question. Answer offsets are checked against the context:
    a gold answer that does not sit at its `answer_start` is an error naming the question."""
    p = existing(path)
    for a_i, article in enumerate(iter_json_items(p, "data.item")):
        title = article.get("title", "") if isinstance(article, dict) else ""
        paragraphs = article.get("paragraphs") if isinstance(article, dict) else None
        if not isinstance(paragraphs, list):
            raise DataError("expected key 'paragraphs' (a list)", source=str(p), where=f"data[{a_i}]")
        for p_i, para in enumerate(paragraphs):
            where = f"data[{a_i}].paragraphs[{p_i}]"
            context = para.get("context") if isinstance(para, dict) else None
            if not isinstance(context, str):
                raise DataError("expected key 'context' (a string)", source=str(p), where=where)
            doc_id = str(para.get("document_id", para.get("note_id", f"{a_i}-{p_i}")))
            note = Note(id=doc_id, text=context, metadata={"title": title} if title else {})
            for q_i, qa in enumerate(para.get("qas") or []):
                yield _example(qa, note, source=str(p), where=f"{where}.qas[{q_i}]")


def _example(qa: dict, note: Note, *, source: str, where: str) -> QAExample:
    if not isinstance(qa, dict) or "question" not in qa or "id" not in qa:
        raise DataError("expected keys 'question' and 'id'", source=source, where=where)
    question = qa["question"]
    variants: tuple[str, ...] = ()
    if isinstance(question, list):  # emrQA-style paraphrases
        question, variants = question[0], tuple(question[1:])
    impossible = bool(qa.get("is_impossible", False))
    spans = []
    for k, ans in enumerate(qa.get("answers") or []):
        try:
            text, start = ans["text"], int(ans["answer_start"])
        except (KeyError, TypeError, ValueError):
            raise DataError(
                "answer needs 'text' and an integer 'answer_start'", source=source, where=f"{where}.answers[{k}]"
            ) from None
        if not 0 <= start < len(note.text):
            raise DataError(
                f"answer_start={start} is outside a context of {len(note.text)} characters",
                source=source,
                where=f"{where}.answers[{k}]",
            )
        span = align_answer(note.text, text, start)
        if span is None:
            raise DataError(
                f"answer {text[:40]!r} is not at answer_start={start} of a context of "
                f"{len(note.text)} characters (found {note.text[start:start + len(text)][:40]!r}), "
                "nor anywhere else in it",
                source=source,
                where=f"{where}.answers[{k}]",
            )
        if span.start != start:
            log.debug("%s %s.answers[%d]: realigned from %d to %d", source, where, k, start, span.start)
        spans.append(span)
    if not spans and not impossible:
        raise DataError("question has no answers and is not marked is_impossible", source=source, where=where)
    label = f"{where} (question {qa['id']!r})"
    category = _optional_label(qa, "category", (*CATEGORIES, "Other"), source=source, where=label)
    answer_type = _optional_label(qa, "answer_type", ANSWER_TYPES, source=source, where=label)
    verdict = _optional_label(qa, "verdict", VERDICTS, source=source, where=label)
    return QAExample(
        id=str(qa["id"]),
        question=str(question),
        note=note,
        answers=tuple(spans),
        is_impossible=impossible,
        question_variants=variants,
        category=category,
        answer_type=answer_type,
        verdict=verdict,
    )


def _optional_label(qa: dict, key: str, allowed: tuple[str, ...], *, source: str, where: str) -> str | None:
    """An optional labelled field (category, answer_type, verdict): absent or null is None; any
    other value must be one of `allowed`, since a typo would silently drop the question from
    per-label scores."""
    value = qa.get(key)
    if value is None:
        return None
    if value not in allowed:
        raise DataError(f"{key}={value!r} is not one of {', '.join(allowed)}", source=source, where=where)
    return str(value)


def align_answer(context: str, text: str, start: int) -> Span | None:
    """The gold span: at `start` if the text is there; otherwise (public sets such as COVID-QA
    have off-by-one starts and stray spaces) the occurrence of the stripped text nearest to
    `start`. None if the text is not in the context at all."""
    if 0 <= start and context[start : start + len(text)] == text and text:
        return Span(start, start + len(text), text)
    needle = text.strip()
    if not needle:
        return None
    best, pos = None, context.find(needle)
    while pos >= 0:
        if best is None or abs(pos - start) < abs(best - start):
            best = pos
        pos = context.find(needle, pos + 1)
    return None if best is None else Span(best, best + len(needle), needle)


def write_squad(examples: Iterable[QAExample], path: str | Path, version: str = "v2.0",
                extra: Mapping[str, dict] | None = None) -> None:
    """Group examples by note into SQuAD JSON (v2.0 adds `is_impossible`); gold labels
    (category, answer_type, verdict) are written when set; `extra` adds fields per question id
    (e.g. the template a synthetic question came from)."""
    paragraphs: dict[str, dict] = {}
    for ex in examples:
        para = paragraphs.setdefault(
            ex.note.id, {"document_id": ex.note.id, "context": ex.note.text, "qas": [], "_title": ex.note.metadata.get("title", "")}
        )
        qa = {
            "id": ex.id,
            "question": [ex.question, *ex.question_variants] if ex.question_variants else ex.question,
            "answers": [{"text": s.text, "answer_start": s.start} for s in ex.answers],
        }
        if version.startswith("v2"):
            qa["is_impossible"] = ex.is_impossible
        for key in ("category", "answer_type", "verdict"):
            if getattr(ex, key) is not None:
                qa[key] = getattr(ex, key)
        if extra and ex.id in extra:
            qa.update({k: v for k, v in extra[ex.id].items() if k not in qa})
        para["qas"].append(qa)
    data = []
    for para in paragraphs.values():
        title = para.pop("_title")
        data.append({"title": title, "paragraphs": [para]})
    Path(path).write_text(json.dumps({"version": version, "data": data}, ensure_ascii=False), encoding="utf-8")
