"""The extractive reader: questions about notes in, `Answer`s with character offsets out.

Windows of all questions in a call are batched together; with `window_top_n` only the windows
that BM25 ranks highest for their question are read (long notes have dozens of windows and the
answer is almost always in one that shares words with the question; benchmarks/qa_throughput.py
measures what that costs in F1).
"""

from __future__ import annotations

import copy
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from clinqa.errors import DataError, ModelError
from clinqa.qa.decode import is_no_answer, null_score, span_candidates, span_probabilities
from clinqa.qa.features import Window, make_windows, pad_batch
from clinqa.qa.reading import WINDOW_RANKS, precision_setting
from clinqa.runtime import checkpoint
from clinqa.types import Answer, Note, Sentence

log = logging.getLogger(__name__)

# The default reader (README "Choosing the default reader": the reader sweep's winner on the dev
# sets); clinqa-qa-minilm stays packaged, 2x faster per window, for --model clinqa-qa-minilm.
DEFAULT_MODEL = "clinqa-qa-multilingual"
# QA models shipped inside clinqa (models/packaged/<name>); qa/routing.py picks between them.
PACKAGED_QA = (DEFAULT_MODEL, "clinqa-qa-minilm")
METHOD = "extractive"


def packaged_model_dir(name: str = DEFAULT_MODEL) -> Path:
    from clinqa.models.registry import PACKAGED_DIR

    return PACKAGED_DIR / name


@dataclass
class ReaderOutput:
    """What the model said about one (note, question), before it became `Answer`s; kept so that
    evaluation can tune the no-answer threshold without re-running the model."""

    answers: list[Answer]
    null_minus_best: float  # > threshold means "no answer"


class ExtractiveReader:
    method = METHOD

    def __init__(self, model, tokenizer, name: str, *, categories: list[str] | None = None,
                 max_length: int = 384, stride: int = 128, max_answer_tokens: int = 30,
                 null_threshold: float | None = None, batch_size: int = 16, window_top_n: int | None = None,
                 window_first_n: int = 2, window_confident: float | None = None,
                 window_rank: str = "bm25", labeler=None, quantize: bool = False, precision: str | None = None,
                 backend: str | None = None, onnx=None, torch_model=None, model_max_length: int | None = None,
                 export_on_auto: bool = False):
        # `model` may be None when `onnx` (a session) is given: then `torch_model()` builds the
        # torch module only if something asks for `.model` (training, export, the torch backend)
        self._model = model.eval() if model is not None else None
        self._torch_model = torch_model
        self.tokenizer = tokenizer
        # A fast tokenizer's truncation settings live in one Rust object: two threads tokenizing
        # at once fail ("Already borrowed"). Other threads get their own copy (the server).
        self._tokenizer_owner = threading.get_ident()
        self._tokenizers = threading.local()
        self.name = name
        self.categories = categories
        self.max_length = min(max_length, model_max_length or _model_max_length(model, tokenizer))
        self.stride = stride
        self.max_answer_tokens = max_answer_tokens
        self.null_threshold = null_threshold
        self.batch_size = batch_size
        self.window_top_n = window_top_n
        # read the best-ranked `window_first_n` windows first, the rest of the top N only when the
        # best span there is less likely than `window_confident` (None: read all N at once)
        self.window_first_n = window_first_n
        self.window_confident = window_confident
        if window_rank not in WINDOW_RANKS:
            raise ValueError(f"window_rank must be one of {', '.join(WINDOW_RANKS)}, got {window_rank!r}")
        self.window_rank = window_rank
        self.labeler = labeler
        # ONNX Runtime when installed and exported for these weights (qa/onnx.py), int8 with
        # `quantize` or `precision` "int8" (the packaged reader's clinqa_reading.json: README "ONNX
        # Runtime" has what int8 costs and gains per data set), else float32; `quantize` also
        # makes the torch path int8, `precision` does not. The torch module stays for training,
        # export and the torch backend
        self.precision = _precision(quantize, precision)
        if onnx is None:
            from clinqa.qa.onnx import session_for

            onnx = session_for(self.model, backend, quantize=self.precision == "int8", export_on_auto=export_on_auto)
        self.onnx = onnx
        if self.onnx is None and not quantize:
            self.precision = "float32"  # torch runs a folder's int8 setting in float32
        if quantize and self.onnx is None:
            # Dynamic int8 on the Linear layers: measured in benchmarks/qa_throughput.py.
            import torch

            self.model = torch.ao.quantization.quantize_dynamic(self.model, {torch.nn.Linear}, dtype=torch.qint8)

    @property
    def model(self):
        """The torch module (built on first use when the reader started from an ONNX export)."""
        if self._model is None and self._torch_model is not None:
            self._model = self._torch_model().eval()
        return self._model

    @model.setter
    def model(self, module) -> None:
        self._model = module

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, name: str | None = None, **kw: Any) -> ExtractiveReader:
        """`name`: None/"default" (the packaged default reader) or a packaged name, a folder written by
        clinqa, or any transformers extractive-QA model folder or hub id."""
        from clinqa.qa.folder import CONFIG_NAME, is_clinqa_folder
        from clinqa.runtime import configure_threads

        loader_kw = {k: kw.pop(k) for k in ("revision", "cache_dir", "local_files_only") if k in kw}
        if name in (None, "default", *PACKAGED_QA):
            name = name if name in PACKAGED_QA else DEFAULT_MODEL
            path = packaged_model_dir(name)
            if not is_clinqa_folder(path):
                raise ModelError(f"the packaged QA model {name} is missing from {path}; reinstall clinqa or rebuild "
                                 "it (see src/clinqa/models/packaged/README.md)")
            source = str(path)
            # shipped readers export to ONNX Runtime on first use under the default backend (the
            # next starts open the export without torch: benchmarks/cold_start.py); a folder of
            # the user's exports when asked (CLINQA_BACKEND=onnx)
            kw.setdefault("export_on_auto", True)
        else:
            source = str(name)
        if is_clinqa_folder(source):
            from clinqa.qa.onnx import read_index, write_index
            from clinqa.qa.reading import Reading

            explicit = kw.get("precision")
            reading = Reading.load(source)  # the folder's default windows; the caller's options win
            if reading is not None:
                kw = {**reading.load_kw(), **kw}
            # the caller's precision, else CLINQA_PRECISION, else the folder's
            kw["precision"] = precision_setting(explicit) or kw.get("precision")

            key = _files_key(source) if not loader_kw else None
            fast = _from_index(cls, read_index(key), source, str(name), kw, loader_kw)
            if fast is not None:
                return fast  # torch not imported: ONNX Runtime sizes its own threads (runtime.onnx_threads)
            from clinqa.qa.model import load_qa_model

            configure_threads()  # CLINQA_THREADS, else the cores this process may use
            model, tok = load_qa_model(source, **loader_kw)
            c = model.qa_config
            opts = {"max_length": c.max_length, "stride": c.stride, "max_answer_tokens": c.max_answer_tokens,
                    "null_threshold": c.null_threshold, **kw}
            categories = list(c.categories) if "category" in c.tasks else None
            reader = cls(model, tok, str(name), categories=categories, **opts)
            if reader.onnx is not None and key is not None:
                write_index(key, reader.onnx.path.parent, {
                    "max_length": c.max_length, "stride": c.stride, "max_answer_tokens": c.max_answer_tokens,
                    "null_threshold": c.null_threshold, "categories": categories,
                    "model_max_length": _model_max_length(model, tok)})
            return reader
        if Path(source).is_dir() and not (Path(source) / "config.json").exists():
            raise ModelError(f"model folder {source!r} has neither {CONFIG_NAME} nor config.json")
        configure_threads()
        return cls._load_hf(str(name), loader_kw, kw)

    @classmethod
    def _load_hf(cls, name: str, loader_kw: dict, kw: dict) -> ExtractiveReader:
        from transformers import AutoConfig

        from clinqa.models import load_model
        from clinqa.models.loader import _kwargs, resolve

        source = resolve(name)
        try:
            cfg = AutoConfig.from_pretrained(source, **_kwargs(None, None, loader_kw.get("local_files_only"), source))
        except (OSError, ValueError):
            cfg = None  # load_model below raises the loader's clear message
        archs = (getattr(cfg, "architectures", None) or []) if cfg is not None else []
        if cfg is not None and not any(a.endswith("ForQuestionAnswering") for a in archs):
            raise ModelError(f"model {name!r} has no question-answering head (architectures: {archs or 'unknown'}); "
                             f"train one with `clinqa train qa --base {name}` or pass a *ForQuestionAnswering model")
        loaded = load_model(name, "qa", **loader_kw)
        from clinqa.qa.categories import WeakLabeler

        from clinqa.qa.model import HFQAModel

        return cls(HFQAModel(loaded.model), loaded.tokenizer, name, labeler=WeakLabeler(), **kw)

    # ------------------------------------------------------------------ inference
    def method_for(self, note: Note, question: str) -> str | None:
        """The `method` its answers carry, known without reading (types.NamesAnswers); the
        input errors `answer_many` raises are raised here too."""
        _require_question(question)
        if not note.text.strip():
            raise DataError(f"note {note.id!r} has no tokens this model can read", source=note.id)
        return self.method

    def answer(self, note: Note, question: str, top_k: int = 1, sentences: list[Sentence] | None = None) -> list[Answer]:
        return self.answer_many([(note, question)], top_k=top_k, sentences=[sentences])[0].answers

    def answer_many(self, pairs: list[tuple[Note, str]], top_k: int = 1,
                    sentences: list[list[Sentence] | None] | None = None,
                    with_context: bool = True, apply_threshold: bool = True) -> list[ReaderOutput]:
        """Answers for many (note, question) pairs in one batched pass. `with_context=False`
        skips assertion and sentence lookup (evaluation does not need them);
        `apply_threshold=False` returns the candidates even when the no-answer score wins
        (the answer policy in qa/policy/ decides then)."""
        if not pairs:
            return []
        for _, q in pairs:
            _require_question(q)
        checkpoint()
        windows = make_windows(self._thread_tokenizer(), [q for _, q in pairs], [n.text for n, _ in pairs],
                               self.max_length, self.stride)
        checkpoint()
        by_example: dict[int, list[int]] = {}
        for i, w in enumerate(windows):
            by_example.setdefault(w.example_index, []).append(i)
        if self.window_top_n:
            by_example = {ex: self._rank_windows(pairs[ex][1], pairs[ex][0].text, [windows[i] for i in idx], idx)
                          for ex, idx in by_example.items()}
        for ex, (note, _) in enumerate(pairs):
            if not by_example.get(ex):
                raise DataError(f"note {note.id!r} has no tokens this model can read", source=note.id)
        logits, row, by_example = self._read(windows, by_example, [n.text for n, _ in pairs])
        outputs = []
        for ex, (note, question) in enumerate(pairs):
            idx = sorted(by_example[ex])  # note order, as without ranking
            rows = [row[i] for i in idx]
            outputs.append(self._decode(note, question, [windows[i] for i in idx], logits, rows, top_k,
                                        (sentences or [None] * len(pairs))[ex], with_context, apply_threshold))
        return outputs

    def _read(self, windows: list[Window], by_example: dict[int, list[int]], texts: list[str]):
        """Run the windows each example reads (best-ranked first): (logits, row of each window in
        them, the windows each example read). With `window_confident` and `window_top_n` set, the first
        `window_first_n` windows of every example are read, and the rest only for the examples whose
        best span there has a probability under `window_confident` (a sure answer in the
        best-ranked windows is rarely beaten by a lower-ranked one: benchmarks/reader_cascade.py)."""
        first, sure = self.window_first_n, self.window_confident
        if sure is None or not self.window_top_n or not any(len(idx) > first for idx in by_example.values()):
            keep = sorted(i for idx in by_example.values() for i in idx)
            return self._run([windows[i] for i in keep]), {w: r for r, w in enumerate(keep)}, by_example
        keep = sorted(i for idx in by_example.values() for i in idx[:first])
        logits = self._run([windows[i] for i in keep])
        row = {w: r for r, w in enumerate(keep)}
        unsure = [ex for ex, idx in by_example.items()
                  if len(idx) > first and self._best_probability(idx[:first], windows, logits, row, texts[ex]) < sure]
        rest = sorted(i for ex in unsure for i in by_example[ex][first:])
        read = {ex: idx[:first] for ex, idx in by_example.items()}
        if rest:
            more = self._run([windows[i] for i in rest])
            row.update({w: len(keep) + r for r, w in enumerate(rest)})
            logits = _stack(logits, more)
            read.update({ex: by_example[ex] for ex in unsure})
        return logits, row, read

    def _best_probability(self, idx: list[int], windows: list[Window], logits, row, text: str) -> float:
        idx = sorted(idx)
        probs = self._spans([windows[i] for i in idx], logits, [row[i] for i in idx], text)[2]
        return probs[0] if probs else 0.0

    def _spans(self, wins: list[Window], logits, rows: list[int], text: str):
        """(span candidates best first, the no-answer score, the top 20's probabilities, the
        no-answer's probability) over windows `wins` at `rows` of `logits`."""
        s_log, e_log = logits["start"][rows], logits["end"][rows]
        cands = span_candidates(s_log, e_log, wins, self.max_answer_tokens, text=text)
        null = null_score(s_log, e_log)
        probs, p_null = span_probabilities(cands[:20], null)
        return cands, null, probs, p_null

    def _thread_tokenizer(self):
        if threading.get_ident() == self._tokenizer_owner:
            return self.tokenizer
        tok = getattr(self._tokenizers, "tok", None)
        if tok is None:
            tok = self._tokenizers.tok = copy.deepcopy(self.tokenizer)
        return tok

    def _rank_windows(self, question: str, text: str, wins: list[Window], idx: list[int]) -> list[int]:
        if len(idx) <= self.window_top_n and (self.window_confident is None or len(idx) <= self.window_first_n):
            return idx  # all of them, read at once (the cascade needs them best first)
        from clinqa.retrieval.bm25 import BM25Scorer, tokenize

        docs = [text[w.char_range[0]:w.char_range[1]] for w in wins]
        parts = {}
        if self.window_rank in ("bm25", "hybrid") and tokenize(question):
            parts["bm25"] = BM25Scorer().fit(docs).score(question)
        if self.window_rank in ("dense", "hybrid"):
            from clinqa.retrieval.dense import BiEncoderScorer

            parts["dense"] = BiEncoderScorer("minilm").fit(docs).score(question)
        if not parts:
            return idx
        if len(parts) == 1:
            scores = next(iter(parts.values()))
        else:
            from clinqa.retrieval.fusion import reciprocal_rank_fusion

            scores = reciprocal_rank_fusion(parts)
        order = np.argsort(-scores, kind="stable")[: self.window_top_n]
        return [idx[i] for i in order.tolist()]  # best first (`_read` reads them in that order)

    def _run(self, windows: list[Window]) -> dict[str, np.ndarray]:
        pad_id = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        width = max(len(w.input_ids) for w in windows)
        starts = np.zeros((len(windows), width), dtype=np.float32)
        ends = np.zeros_like(starts)
        cats = None
        device = next(self.model.parameters()).device if self.onnx is None else None
        # int8 graphs quantize each MatMul's input with one scale for the whole batch, so windows
        # read together would change each other's logits (a question's answer would depend on the
        # questions asked beside it): they are read one at a time, which on ONNX Runtime is also
        # no slower (benchmarks/extract_speed.py; float32 gains from batches, int8 does not)
        size = 1 if self.onnx is not None and self.precision == "int8" else self.batch_size
        with _no_grad(self.onnx is None):
            for b in range(0, len(windows), size):
                checkpoint()  # a cancelled request (timeout, client gone) stops between batches
                chunk = windows[b:b + size]
                arrays = pad_batch(chunk, pad_id)
                if self.onnx is not None:
                    out = self.onnx(arrays)
                else:
                    import torch

                    out = self.model(**{k: torch.from_numpy(v).to(device) for k, v in arrays.items()})
                    out = {k: (v.float().cpu().numpy() if v is not None else None) for k, v in out.items()
                           if k in ("start_logits", "end_logits", "category_logits")}
                n = arrays["input_ids"].shape[1]
                starts[b:b + len(chunk), :n] = out["start_logits"]
                ends[b:b + len(chunk), :n] = out["end_logits"]
                starts[b:b + len(chunk), n:] = ends[b:b + len(chunk), n:] = np.finfo(np.float32).min
                if out.get("category_logits") is not None:
                    if cats is None:
                        cats = np.zeros((len(windows), out["category_logits"].shape[-1]), dtype=np.float32)
                    cats[b:b + len(chunk)] = _softmax(out["category_logits"])
        return {"start": starts, "end": ends, "category": cats}

    def _decode(self, note, question, wins, logits, rows, top_k, sentences, with_context,
                apply_threshold=True) -> ReaderOutput:
        cands, null, probs, p_null = self._spans(wins, logits, rows, note.text)
        best = cands[0] if cands else None
        diff = null - best.score if best else float("inf")
        if best is None or (apply_threshold and is_no_answer(best, null, self.null_threshold)):
            return ReaderOutput([Answer.no_answer(note.id, p_null, METHOD)], diff)
        picked = cands[:top_k]
        answers = []
        for c, p in zip(picked, probs):
            text = note.text[c.start:c.end]
            cat, cat_probs = self._category(question, text, logits["category"], rows[c.window])
            answers.append(Answer(text=text, start=c.start, end=c.end, score=p, note_id=note.id, category=cat,
                                  category_probs=cat_probs, method=METHOD))
        if with_context:
            answers = _add_context(note, answers, sentences)
        return ReaderOutput(answers, diff)

    def _category(self, question: str, text: str, cats, row: int) -> tuple[str | None, dict[str, float]]:
        if cats is not None and self.categories:
            probs = {c: round(float(p), 4) for c, p in zip(self.categories, cats[row])}
            return max(probs, key=probs.get), probs
        if self.labeler is not None:
            dist = self.labeler.label(text, question)
            return max(dist, key=dist.get), {c: round(p, 4) for c, p in dist.items()}
        return None, {}


def _require_question(question: str) -> None:
    if not question or not question.strip():
        raise DataError("question is empty", source="question")


def _no_grad(torch_path: bool):
    """torch's inference mode around the torch path; nothing (and no torch import) on ONNX."""
    if not torch_path:
        import contextlib

        return contextlib.nullcontext()
    import torch

    return torch.inference_mode()


def _files_key(source: str) -> str | None:
    """The ONNX index key of a clinqa folder: its files and, when its encoder is stored as a
    difference from a base model (LoRA, or parameters left out), the base model's folder too."""
    import json

    from clinqa.qa.folder import CONFIG_NAME
    from clinqa.qa.onnx import files_key

    try:
        config = json.loads((Path(source) / CONFIG_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    folders = [Path(source)]
    if config.get("lora") or config.get("base_params"):
        from clinqa.models.loader import resolve

        folders.append(Path(resolve(str(config.get("base_model")))))
    return files_key(*folders)


def _from_index(cls, entry: dict | None, source: str, name: str, kw: dict, loader_kw: dict):
    """A reader on the recorded ONNX export, its torch module left unbuilt; None: load as usual."""
    from clinqa.models.onnx import FP32, INT8, backend_setting

    if entry is None or backend_setting(kw.get("backend")) == "torch":
        return None
    path = Path(entry["export"]) / (INT8 if _precision(kw.get("quantize"), kw.get("precision")) == "int8" else FP32)
    if not path.is_file():
        return None
    from clinqa.qa.onnx import OnnxForward
    import json

    from clinqa.qa.folder import CONFIG_NAME, qa_tokenizer

    # the session opens in a thread (ONNX Runtime leaves the GIL) while the tokenizer loads here
    # and, after, the caller reads the note (spaCy); the first forward pass waits for it
    onnx = OnnxForward(path, background=True)
    try:  # its own tokenizer, or its base model's, as load_qa_model reads it
        base = json.loads((Path(source) / CONFIG_NAME).read_text(encoding="utf-8"))["base_model"]
        tok = qa_tokenizer(source, base, reuse_built=True)
    except (OSError, ValueError, KeyError, ModelError):
        return None  # the ordinary load says what is wrong

    def torch_model():
        from clinqa.qa.model import load_qa_model

        return load_qa_model(source, **loader_kw)[0]

    opts = {k: entry[k] for k in ("max_length", "stride", "max_answer_tokens", "null_threshold")}
    log.debug("reader %s: ONNX export %s, torch weights not loaded", name, path)
    return cls(None, tok, name, categories=entry.get("categories"), onnx=onnx, torch_model=torch_model,
               model_max_length=entry.get("model_max_length"), **{**opts, **kw})


def _add_context(note: Note, answers: list[Answer], sentences: list[Sentence] | None) -> list[Answer]:
    """Assertion (ConText) and the id of the sentence holding each answer's first character."""
    from dataclasses import replace

    from clinqa.text import segment
    from clinqa.text.assertion import assert_spans

    sentences = sentences if sentences is not None else segment(note.text, note.id)
    assertions = assert_spans(note.text, [(a.start, a.end) for a in answers])
    out = []
    for a, assertion in zip(answers, assertions):
        sid = next((s.id for s in sentences if s.start <= a.start < s.end), None)
        out.append(replace(a, assertion=assertion, sentence_id=sid, evidence_ids=(sid,) if sid else ()))
    return out


def _precision(quantize: bool | None, precision: str | None) -> str:
    """The graph a reader runs: int8 with `quantize`, else the precision given, else
    CLINQA_PRECISION, else float32."""
    return "int8" if quantize else precision_setting(precision) or "float32"


def _stack(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Logits of two `_run`s as one: rows of `a`, then of `b`, padded to the wider one."""
    width = max(a["start"].shape[1], b["start"].shape[1])
    out = {}
    for k in ("start", "end"):
        out[k] = np.full((len(a[k]) + len(b[k]), width), np.finfo(np.float32).min, dtype=np.float32)
        out[k][:len(a[k]), :a[k].shape[1]] = a[k]
        out[k][len(a[k]):, :b[k].shape[1]] = b[k]
    out["category"] = None if a["category"] is None else np.concatenate([a["category"], b["category"]])
    return out


def _softmax(x: np.ndarray) -> np.ndarray:
    x = x.astype(np.float32) - x.max(-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(-1, keepdims=True)


def _model_max_length(model, tokenizer) -> int:
    cfg = getattr(getattr(model, "encoder", None) or getattr(model, "model", None), "config", None)
    limit = getattr(cfg, "max_position_embeddings", 512) or 512
    if getattr(cfg, "model_type", "") in ("roberta", "xlm-roberta", "camembert"):
        limit -= 2  # position ids start after the padding index
    return int(limit)
