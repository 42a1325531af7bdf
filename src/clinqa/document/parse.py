"""Read a note once into a ClinicalDocument; documents are kept by the text's hash (LRU, bounded in
characters), so every question on the same note shares one parse."""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict

from clinqa.document.events import medication_events, procedure_events, smoking_events
from clinqa.document.kinds import note_kind
from clinqa.document.measurements import measurements
from clinqa.document.model import ClinicalDocument
from clinqa.document.presentation import presentation
from clinqa.document.structure import blocks_of, sections_of
from clinqa.document.time import anchors, day_first_dates, writes_day_first, writes_dotted
from clinqa.types import Sentence

# characters of note text whose documents are kept (a document is a few times its text in memory)
CACHE_CHARS = int(os.environ.get("CLINQA_DOCUMENT_CACHE_CHARS", "5000000"))
_CACHE: OrderedDict[tuple, ClinicalDocument] = OrderedDict()
_CACHED_CHARS = 0
_LOCK = threading.Lock()


def parse_document(text: str, note_id: str = "", sentences: list[Sentence] | None = None) -> ClinicalDocument:
    """The clinical document of `text` (cached by its hash and the lexicon in use). An empty
    `note_id` asks for the document whatever its id: the cached one itself, not a renamed copy
    (a copy would read its events again, and a helper that only looks at sections or events calls
    this once per candidate)."""
    from clinqa.lexicon import lexicon

    key = (hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest(), id(lexicon()))
    with _LOCK:
        doc = _CACHE.get(key)
        if doc is not None:
            _CACHE.move_to_end(key)
            return doc if doc.note_id == note_id or not note_id else _renamed(doc, note_id)
    doc = build(text, note_id, sentences)
    _keep(key, doc)
    return doc


def _renamed(doc: ClinicalDocument, note_id: str) -> ClinicalDocument:
    from dataclasses import replace

    renamed = replace(doc, note_id=note_id)
    if "events" in doc.__dict__:  # already read: the copy shares them
        renamed.__dict__["events"] = doc.events
    return renamed


def _keep(key: tuple, doc: ClinicalDocument) -> None:
    global _CACHED_CHARS
    with _LOCK:
        if key in _CACHE:
            return
        _CACHE[key] = doc
        _CACHED_CHARS += len(doc.text)
        while _CACHED_CHARS > CACHE_CHARS and len(_CACHE) > 1:
            _, old = _CACHE.popitem(last=False)
            _CACHED_CHARS -= len(old.text)


def build(text: str, note_id: str = "", sentences: list[Sentence] | None = None) -> ClinicalDocument:
    """Parse without the cache."""
    if sentences is None:
        from clinqa.text import segment

        sentences = segment(text, note_id)
    sentences = list(sentences)
    day_first = writes_day_first(text)
    with day_first_dates(day_first, writes_dotted(text)):
        return _build(text, note_id, sentences, day_first)


def _build(text: str, note_id: str, sentences: list[Sentence], day_first: bool) -> ClinicalDocument:
    sections = sections_of(text, sentences)
    blocks = blocks_of(text, sections)
    fields = [it for b in blocks if b.kind == "fields" for it in b.items]
    kind, why = note_kind(text, sections)

    def read_events() -> tuple:
        events = medication_events(text, sentences, blocks) + smoking_events(text, sentences) + \
            procedure_events(text, sentences)
        return tuple(sorted(events, key=lambda e: (e.sentence_start, e.subject_start)))

    return ClinicalDocument(
        note_id=note_id, text=text, kind=kind, kind_reason=why, sentences=tuple(sentences),
        sections=tuple(sections), blocks=tuple(blocks), measurements=tuple(measurements(text, blocks)),
        anchors=tuple(anchors(text, fields)), presentation=presentation(text, sentences), read_events=read_events,
        day_first=day_first)
