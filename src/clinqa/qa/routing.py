"""Which reader reads which note: every note goes to the packaged default reader,
clinqa-qa-multilingual (chosen for English too by the reader sweep, benchmarks/reader_sweep.py:
it beats clinqa-qa-minilm on COVID-QA #dev by 12 F1 at the same clinical dev F1); without it,
English notes go to clinqa-qa-minilm and other languages to the multilingual sentence baseline
(the best sentence by multilingual-e5-small, labelled as such).

`RoutedReader` looks like an `ExtractiveReader` to `ask`, `extract` and `serve`: it loads each
reader on first use and sends every (note, question) pair to the reader its languages call for,
so a corpus that mixes English and Greek notes is read by both, in one call.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from clinqa.text.language import Language, language_of
from clinqa.types import Answer, NamesAnswers, Note, Sentence

log = logging.getLogger(__name__)

AUTO = "auto"
MULTILINGUAL_MODEL = "clinqa-qa-multilingual"
ENGLISH_MODEL = MULTILINGUAL_MODEL  # the default for English notes too (README "Choosing the default reader")
ENGLISH_FALLBACK = "clinqa-qa-minilm"  # when the multilingual reader is not installed
BASELINES = ("lexical-baseline", "multilingual-sentence-baseline")
MULTILINGUAL_FALLBACK = "multilingual-sentence-baseline"


@dataclass(frozen=True)
class ReaderChoice:
    model: str
    note_language: Language
    question_language: Language | None
    reason: str


def multilingual_available() -> bool:
    from clinqa.qa.folder import is_clinqa_folder
    from clinqa.qa.reader import packaged_model_dir

    return is_clinqa_folder(packaged_model_dir(MULTILINGUAL_MODEL))


def choose_reader(note_text: str, question: str | None = None, requested: str | None = AUTO) -> ReaderChoice:
    """The reader for one note (and question). An explicit `requested` model always wins."""
    note_lang = language_of(note_text)
    q_lang = language_of(question) if question else None
    if requested not in (None, AUTO, "default"):
        return ReaderChoice(str(requested), note_lang, q_lang, "asked for")
    foreign = [lang.code for lang in (note_lang, q_lang) if lang is not None and not lang.is_english]
    if not foreign:
        if multilingual_available():
            return ReaderChoice(ENGLISH_MODEL, note_lang, q_lang, "English (or undetermined) note and question: "
                                "the default reader")
        return ReaderChoice(ENGLISH_FALLBACK, note_lang, q_lang, f"English (or undetermined) note and question; "
                            f"{MULTILINGUAL_MODEL} is not installed")
    if multilingual_available():
        return ReaderChoice(MULTILINGUAL_MODEL, note_lang, q_lang,
                            f"{'/'.join(dict.fromkeys(foreign))} text: multilingual reader")
    return ReaderChoice(MULTILINGUAL_FALLBACK, note_lang, q_lang,
                        f"{'/'.join(dict.fromkeys(foreign))} text and {MULTILINGUAL_MODEL} is not installed: "
                        "answers are whole sentences chosen by multilingual-e5-small")


def reader_options(window_top_n: int | None = None, window_tokens: int | None = None) -> dict[str, Any]:
    """Load options of the extractive reader from the CLI/server settings; only the ones given,
    so that the model folder's own reading settings (qa/reading.py) apply otherwise.
    `window_top_n` reads only the N windows ranked highest (0: every window); `window_tokens`
    makes windows that long (stride a quarter of it). Short windows with top-N reading read
    fewer tokens and let the ranking pick more sharply (benchmarks/reader_sweep.py)."""
    from clinqa.errors import UsageError

    kw: dict[str, Any] = {}
    if window_top_n is not None:
        if window_top_n < 0:
            raise UsageError(f"--window-top-n must be at least 1, or 0 for every window; got {window_top_n}")
        kw["window_top_n"] = window_top_n or None
    if window_tokens is not None:
        from clinqa.qa.reading import WINDOW_TOKENS, window_kw

        lo, hi = WINDOW_TOKENS
        if not lo <= window_tokens <= hi:
            raise UsageError(f"--window-tokens must be between {lo} and {hi}, got {window_tokens}")
        kw.update(window_kw(window_tokens))
    return kw


def load_answerer(model: str, **load_kw: Any):
    """A reader (or sentence baseline) by name, with the batch interface `answer_many`."""
    from clinqa.qa.baseline import LexicalAnswerer, MultilingualSentenceAnswerer

    if model == "lexical-baseline":
        return LexicalAnswerer()
    if model == MULTILINGUAL_FALLBACK:
        return MultilingualSentenceAnswerer()
    from clinqa.qa.reader import ExtractiveReader

    return ExtractiveReader.load(model, **load_kw)


class RoutedReader:
    """Per-pair routing over lazily loaded readers (see module doc)."""

    method = "extractive"

    def __init__(self, requested: str | None = AUTO, **load_kw: Any):
        self.requested = requested
        self.load_kw = load_kw
        self._readers: dict[str, Any] = {}
        self.last_choices: list[ReaderChoice] = []
        self._warned = False

    @property
    def name(self) -> str:
        # With auto routing the English reader is the default: its name finds its calibration
        # (qa/policy/) and is what /v1/models reports; rows and answers name the model that
        # actually answered (`answered_by`).
        return str(self.requested) if self.requested not in (None, AUTO, "default") else ENGLISH_MODEL

    @property
    def null_threshold(self):
        return getattr(self.reader(self.name), "null_threshold", None)

    def reader(self, model: str):
        if model not in self._readers:
            self._readers[model] = load_answerer(model, **self.load_kw)
        return self._readers[model]

    @property
    def categories(self) -> list[str] | None:
        return self.reader(self.name).categories

    def choose(self, note: Note, question: str | None = None) -> ReaderChoice:
        choice = choose_reader(note.text, question, self.requested)
        if "not installed" in choice.reason and not self._warned:
            log.warning(choice.reason)
            self._warned = True
        return choice

    def method_for(self, note: Note, question: str) -> str | None:
        """What the reader this pair is routed to names its answers (types.NamesAnswers); None
        when that reader cannot say (the sentence baselines: cheap to run, and they check
        questions their own way)."""
        reader = self.reader(self.choose(note, question).model)
        return reader.method_for(note, question) if isinstance(reader, NamesAnswers) else None

    def answer_many(self, pairs: list[tuple[Note, str]], top_k: int = 1,
                    sentences: list[list[Sentence] | None] | None = None, **kw: Any) -> list:
        choices = [self.choose(n, q) for n, q in pairs]
        self.last_choices = choices
        sentences = sentences or [None] * len(pairs)
        out: list = [None] * len(pairs)
        for model in dict.fromkeys(c.model for c in choices):
            idx = [i for i, c in enumerate(choices) if c.model == model]
            res = self.reader(model).answer_many([pairs[i] for i in idx], top_k=top_k,
                                                 sentences=[sentences[i] for i in idx], **kw)
            for i, r in zip(idx, res):
                out[i] = r
        return out

    def answer(self, note: Note, question: str, top_k: int = 1, sentences: list[Sentence] | None = None) -> list[Answer]:
        return self.answer_many([(note, question)], top_k=top_k, sentences=[sentences])[0].answers


def answered_by(reader: Any, note: Note, question: str | None = None) -> str:
    """The model name to record for an answer about `note` (routing readers pick per note)."""
    if isinstance(reader, RoutedReader):
        return reader.choose(note, question).model
    return reader.name


def question_language(language: str | None, note: Note) -> str | None:
    """Questionnaire language for a note: as given, or with "auto" the note's own language."""
    if language != AUTO:
        return language
    lang = language_of(note.text)
    return None if lang.code == "und" else lang.code
