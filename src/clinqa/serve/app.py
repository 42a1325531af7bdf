"""The HTTP service: FastAPI app factory, safe by default.

- models load once, at start-up (lifespan), never per request;
- inference runs in lanes of worker threads (serve/scheduler.py): notes over
  `large_note_chars` have their own lane, a full lane answers 503 with Retry-After, and work
  whose request timed out (504) or whose client left is cancelled at its next checkpoint;
- one note limit (`max_note_chars`, CLINQA_MAX_CHARS) for the API, its OpenAPI schema and the CLI;
- request bodies over `max_body_bytes` get 413 before they are read into memory; the rest of
  the body is read and dropped first (up to a cap), so clients that send everything before
  reading still get the 413 instead of a connection reset;
- with CLINQA_API_TOKEN set, every route but the page, its files, /healthz, /openapi.json and
  /docs needs `Authorization: Bearer <token>`, checked before the body is read (middleware.TokenGate);
- every response carries a Content-Security-Policy, nosniff, X-Frame-Options: DENY and, but for
  static files, Cache-Control: no-store (middleware.SecurityHeaders); text that is not text (lone
  surrogates, control characters) is a 422 (schemas.text_problem);
- /docs is off unless asked for, and then served from local files, never a CDN (serve/docs.py);
- the access log records method, path, status, bytes in and out, time and a request id,
  never note text, questions or query strings;
- CORS is off unless origins are given; `clinqa serve` binds 127.0.0.1 unless told otherwise.
"""

# No `from __future__ import annotations` here: FastAPI reads the route annotations at run time,
# and they name classes imported inside create_app.

import asyncio
import logging
import os
import threading
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clinqa.data.checks import max_chars_setting
from clinqa.errors import ClinqaError, DataError, ModelError, UsageError
from clinqa.qa.routing import answered_by
from clinqa.serve.middleware import AccessLog, BodyLimit, JsonLines, access_log, configure_logging  # noqa: F401
from clinqa.serve.middleware import SecurityHeaders, TokenGate, is_public
from clinqa.serve.large_lane import TopWindows
from clinqa.serve.scheduler import Busy, Expired, Job, Lane, Scheduler

log = logging.getLogger("clinqa.serve")
STATIC = Path(__file__).parent / "static"


@dataclass
class Settings:
    qa_model: str = "auto"  # see qa/routing.py
    evidence_config: str | None = None
    # None: room for a note of max_note_chars even with every character JSON-escaped (\uXXXX)
    max_body_bytes: int | None = None
    max_note_chars: int = field(default_factory=lambda: max_chars_setting())
    timeout_s: float = 60.0
    # notes longer than this are read in the large lane, one at a time
    large_note_chars: int = 50_000
    small_queue: int = 64
    large_queue: int = 1
    threads: int | None = None  # torch threads per lane; None: CLINQA_THREADS, else cores / 2
    url: str | None = None  # for the start line
    token: str | None = field(default_factory=lambda: os.environ.get("CLINQA_API_TOKEN") or None)
    cors_origins: list[str] = field(default_factory=list)
    window_top_n: int | None = None
    window_tokens: int | None = None
    # the large lane reads at most this many windows of a note (those BM25 ranks highest for the
    # question) and encodes at most this many sentences for evidence (those BM25 + TF-IDF rank
    # highest), so a long note is answered within the timeout instead of ending in 504
    large_window_top_n: int | None = 16
    large_evidence_top_n: int | None = 256
    # loaded on the first /v1/summarize request; None turns the route off (501)
    summarize_model: str | None = "extractive"  # no model (summarize/model.py says why)
    # Swagger UI at /docs, from local files only (serve/docs.py); docs_assets: a folder holding
    # swagger-ui-bundle.js and swagger-ui.css, else an installed package that ships them
    docs: bool = False
    docs_assets: str | None = None


class Engines:
    """Everything loaded at start-up and shared by requests."""

    def __init__(self, settings: Settings):
        from clinqa.qa.routing import RoutedReader, reader_options
        from clinqa.retrieval.ensemble import EnsembleConfig, EvidenceRetriever
        from clinqa.runtime import configure_threads, set_onnx_threads

        self.settings = settings
        # the small and the large lane run inference at once: on torch each gets half the cores
        # (OpenMP threads spin against each other); ONNX Runtime sessions get all of them
        # (runtime.onnx_threads), or --threads
        self.threads = configure_threads(settings.threads, share=2, force=True)
        set_onnx_threads(settings.threads)
        self.reader = RoutedReader(settings.qa_model, **reader_options(settings.window_top_n, settings.window_tokens))
        self.reader.categories  # noqa: B018 - loads the default reader now, so a broken install fails at start-up
        cfg = EnsembleConfig.from_yaml(settings.evidence_config) if settings.evidence_config else EnsembleConfig()
        self.evidence = EvidenceRetriever(cfg)
        self._evidence_cfg = cfg
        self._large_evidence = None
        # a large note pauses for small requests during the first third of its time budget
        self.scheduler = Scheduler(large_chars=settings.large_note_chars, small_queue=settings.small_queue,
                                   large_queue=settings.large_queue, large_reserve_s=settings.timeout_s * 2 / 3)
        # the large lane shares the loaded readers, each with its window cap
        self.large_reader = TopWindows(self.reader, settings.large_window_top_n)
        # the reader's forward pass is thread-safe (inference only; each thread tokenizes with its
        # own tokenizer copy); the batcher runs on the small lane's thread
        from clinqa.qa.policy import AnswerPolicy

        # the same verdicts/abstention as `clinqa ask`; its lexicons load now, not in the first request
        self.policy = AnswerPolicy.for_reader(self.reader).warm_up()
        # extraction's own abstention floor (Calibration.concept_min_score), with the same warmed lexicons
        self.extract_policy = AnswerPolicy(self.policy.calibration.for_questionnaire(), labeler=self.policy.labeler)
        self.batcher = AnswerBatcher(self.reader, runner=self.scheduler.small.execute, policy=self.policy)
        self.summarizer = None
        if settings.summarize_model:
            from clinqa.summarize import Summarizer, SummarizerConfig

            # cheap: the LM loads on the first summarize request, so `serve` starts as fast
            # as before for users who only ask questions
            self.summarizer = Summarizer(SummarizerConfig(model=settings.summarize_model))

    def evidence_for(self, lane: Lane):
        """The evidence ensemble for a lane: scorers keep the sentences they were fitted on, so
        the large lane, whose thread runs beside the small one's, has its own (built on first
        use; the encoder weights themselves are loaded once per process and shared)."""
        if lane is not self.scheduler.large:
            return self.evidence
        if self._large_evidence is None:
            from clinqa.retrieval.ensemble import EvidenceRetriever

            self._large_evidence = EvidenceRetriever(self._evidence_cfg, neural_top_n=self.settings.large_evidence_top_n)
        return self._large_evidence

    async def answer(self, job: Job, note, question: str, top_k: int, sentences):
        """Small notes share batched forward passes; a large note is read alone in its lane."""
        if job.lane is self.scheduler.small:
            job.admit()
            return await job.wait(asyncio.ensure_future(self.batcher.answer(note, question, top_k, sentences)))

        def alone():  # through the same answer policy as the batcher: one Decision
            from clinqa.qa.policy import answer_questions

            return answer_questions(self.large_reader, self.policy, [(note, question, None)], [sentences],
                                    top_k=top_k)[0]

        return await job.run(alone)


class AnswerBatcher:
    """Questions that arrive together are answered in one batched forward pass: requests wait
    up to `wait_s` for company, at most `max_batch` go together (the reader batches their
    windows). One drain task at a time, so the model is never called from two threads at once;
    it ends when nothing is waiting, so no task outlives the requests (or the event loop)."""

    def __init__(self, reader, max_batch: int = 8, wait_s: float = 0.005, runner=None, policy=None):
        from clinqa.qa.policy import AnswerPolicy

        self.reader, self.max_batch, self.wait_s = reader, max_batch, wait_s
        self.policy = policy or AnswerPolicy.for_reader(reader)
        self.runner = runner  # async fn(callable, *args) on the worker; default: starlette's pool
        self.lock = threading.Lock()
        self.pending: list[tuple] = []
        self.worker: asyncio.Task | None = None

    async def answer(self, note, question: str, top_k: int, sentences):
        loop = asyncio.get_running_loop()
        fut = loop.create_future()
        self.pending.append((note, question, top_k, sentences, fut))
        if self.worker is None or self.worker.done() or self.worker.get_loop() is not loop:
            self.worker = loop.create_task(self._drain())
        return await fut

    async def _drain(self):
        from starlette.concurrency import run_in_threadpool

        await asyncio.sleep(self.wait_s)  # let concurrent requests join the first batch
        while self.pending:
            batch, self.pending = self.pending[: self.max_batch], self.pending[self.max_batch:]
            batch = [b for b in batch if not b[4].done()]  # timed-out requests are dropped
            if not batch:
                continue
            k = max(b[2] for b in batch)
            try:
                outs = await (self.runner or run_in_threadpool)(self._call, [(b[0], b[1]) for b in batch], k,
                                                                 [b[3] for b in batch])
            except Exception as exc:  # each waiting request gets the error; the next batch still runs
                for b in batch:
                    if not b[4].done():
                        b[4].set_exception(exc)
                continue
            for b, o in zip(batch, outs):
                if not b[4].done():
                    b[4].set_result(o)

    def _call(self, pairs, k, sentences):
        """One Decision (answers, verdict, reason) per pair, through the answer policy."""
        from clinqa.qa.policy import answer_questions

        with self.lock:
            return answer_questions(self.reader, self.policy, [(n, q, None) for n, q in pairs], sentences, top_k=k)


def create_app(settings: Settings | None = None, engines: Engines | None = None):
    from fastapi import FastAPI, Request
    from fastapi.exception_handlers import http_exception_handler
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import FileResponse, JSONResponse
    from fastapi.staticfiles import StaticFiles
    from starlette.concurrency import run_in_threadpool
    from starlette.exceptions import HTTPException as StarletteHTTPException

    from clinqa.serve import schemas as S

    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app):
        if not hasattr(app.state, "engines"):
            app.state.engines = await run_in_threadpool(Engines, settings)
        eng = app.state.engines
        log.info("models loaded: qa=%s; %s torch thread(s) per lane; notes up to %s characters "
                 "(over %s: large lane)", settings.qa_model, getattr(eng, "threads", "?"),
                 f"{settings.max_note_chars:,}", f"{settings.large_note_chars:,}")
        if settings.url:
            log.info("listening on %s (%s)", settings.url,
                     f"API docs: {settings.url}docs" if settings.docs else f"OpenAPI schema: {settings.url}openapi.json")
        yield
        scheduler = getattr(eng, "scheduler", None)
        if scheduler is not None:
            scheduler.shutdown()

    # FastAPI's own /docs and /redoc load their scripts from a CDN: off; --docs adds ours
    app = FastAPI(title="clinqa", version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
                  swagger_ui_oauth2_redirect_url=None,
                  description="Question answering over clinical notes, fully local. Every answer carries "
                              "character offsets into the note it came from.")

    if engines is not None:  # built by the caller (tests, embedding apps): no start-up load
        app.state.engines = engines

    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])

    # outermost last: the token gate answers 401 before BodyLimit counts a byte; the access log
    # sees every response (401s, 413s); every response, those included, gets the security headers
    app.add_middleware(BodyLimit, max_bytes=body_limit(settings))
    app.add_middleware(TokenGate, token=settings.token, max_bytes=body_limit(settings))
    app.add_middleware(AccessLog)
    app.add_middleware(SecurityHeaders)
    if settings.docs:
        from clinqa.serve.docs import add_docs

        add_docs(app, settings.docs_assets)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request, exc: RequestValidationError):
        errors = []
        for e in exc.errors():
            if e.get("type") == "json_invalid":  # loc is ("body", character offset)
                pos = next((p for p in e["loc"] if isinstance(p, int)), 0)
                line, col = _line_col(exc.body if isinstance(exc.body, (str, bytes)) else "", pos)
                reason = (e.get("ctx") or {}).get("error") or e["msg"]
                errors.append({"field": "body", "message": f"malformed JSON at line {line}, column {col}: {reason}",
                               "line": line, "column": col})
                continue
            errors.append({"field": ".".join(str(p) for p in e["loc"] if p != "body"), "message": e["msg"]})
        first = errors[0] if errors else {"field": "?", "message": "invalid request"}
        detail = first["message"] if first["field"] in ("body", "") else f"field '{first['field']}': {first['message']}"
        return JSONResponse(status_code=422, content={"detail": detail, "errors": errors})

    @app.exception_handler(ClinqaError)
    async def clinqa_error(request, exc: ClinqaError):
        status = 422 if isinstance(exc, (DataError, UsageError)) else 500 if not isinstance(exc, ModelError) else 503
        return JSONResponse(status_code=status, content={"detail": str(exc)})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request, exc: StarletteHTTPException):
        if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
            bad = exc.__cause__
            return JSONResponse(status_code=400, content={
                "detail": f"the request body is not UTF-8 (byte 0x{bad.object[bad.start]:02x} at offset {bad.start}); "
                          "send UTF-8 JSON (Content-Type: application/json; charset=utf-8)"})
        return await http_exception_handler(request, exc)

    @app.exception_handler(Busy)
    async def busy(request, exc: Busy):
        return JSONResponse(status_code=503, content={"detail": str(exc)},
                            headers={"Retry-After": str(exc.retry_after_s)})

    @app.exception_handler(Expired)
    async def expired(request, exc: Expired):
        if exc.reason == "timeout":
            return JSONResponse(status_code=504, content={
                "detail": f"inference took longer than {settings.timeout_s:g} s; it was stopped"})
        # nobody reads this answer; 499 (nginx's "client closed request") keeps it apart in the log
        return JSONResponse(status_code=499, content={"detail": "client closed the request"})

    def job(request: Request, chars: int, lane: Lane | None = None) -> Job:
        """The request's work: lane by note size, one deadline, cancelled if the client leaves."""
        eng = request.app.state.engines
        return Job(lane or eng.scheduler.lane_for(chars), time.monotonic() + settings.timeout_s,
                   request.is_disconnected)

    def note_of(req) -> Any:
        from clinqa.serve.schemas import to_note

        return to_note(req, settings.max_note_chars)

    @app.get("/healthz", response_model=S.Health)
    async def healthz(request: Request):
        return S.Health(status="ok", models_loaded=hasattr(request.app.state, "engines"))

    @app.get("/v1/models", response_model=S.Models)
    async def models(request: Request):
        from clinqa.models.registry import packaged_status

        eng = request.app.state.engines
        return S.Models(qa=eng.reader.name, categories=list(eng.reader.categories or []),
                        evidence_weights=eng.evidence.config.weights, packaged=[p["name"] for p in packaged_status()
                                                                                   if p["installed"]],
                        generate=None, summarize=eng.summarizer.name if eng.summarizer else None)

    @app.post("/v1/answer", response_model=S.AnswerResponse)
    async def answer(req: S.AnswerRequest, request: Request):
        from clinqa.retrieval.cache import sentences_of

        eng = request.app.state.engines
        note = note_of(req)
        work = job(request, len(note.text))
        sentences = await work.run(sentences_of, note.text, note.id)  # the note cache: once per note
        decision = await eng.answer(work, note, req.question, req.top_k, sentences)
        evidence = []
        if req.with_evidence:
            evidence = await work.run(eng.evidence_for(work.lane).score, req.question, sentences)
        return S.AnswerResponse(note_id=note.id, note_text=note.text if req.fhir is not None else None,
                                question_chars=len(req.question), model=answered_by(eng.reader, note, req.question),
                                answers=[S.AnswerOut.of(a) for a in _answers_for(decision, req.top_k)],
                                answer_type=decision.asked.answer_type, reason=decision.reason,
                                verdict=S.VerdictOut.of(decision.verdict) if decision.verdict else None,
                                sentences=[S.SentenceOut.of(s) for s in sentences] if req.with_sentences else [],
                                evidence=[S.EvidenceOut.of(e) for e in evidence if e.selected or req.all_evidence])

    @app.post("/v1/evidence", response_model=S.EvidenceResponse)
    async def evidence(req: S.EvidenceRequest, request: Request):
        from clinqa.retrieval.cache import sentences_of

        eng = request.app.state.engines
        note = note_of(req)
        work = job(request, len(note.text))
        sentences = await work.run(sentences_of, note.text, note.id)  # the note cache: once per note
        items = await work.run(eng.evidence_for(work.lane).score, req.question, sentences)
        return S.EvidenceResponse(note_id=note.id, sentences=[S.EvidenceOut.of(e) for e in items])

    @app.post("/v1/parse", response_model=S.ParseResponse)
    async def parse(req: S.ParseRequest, request: Request):
        """The note's clinical document (`clinqa parse`): no model runs, only the note's reading."""
        from clinqa.document.views import parse_payload

        note = note_of(req)
        work = job(request, len(note.text))
        return S.ParseResponse(**await work.run(parse_payload, note.text, note.id))

    @app.post("/v1/summarize", response_model=S.SummarizeResponse,
              responses={501: {"model": S.Problem, "description": "summarization is turned off on this server"}})
    async def summarize(req: S.SummarizeRequest, request: Request):
        eng = request.app.state.engines
        if eng.summarizer is None:
            return JSONResponse(status_code=501, content={"detail": "summarization is turned off on this server "
                                                                    "(started with --summarize-model none)"})
        if not req.findings.strip():
            raise UsageError("field 'findings': the findings are empty")
        s = await job(request, len(req.findings), eng.scheduler.summarize).run(eng.summarizer.summarize, req.findings)
        return S.SummarizeResponse(impression=s.text, model=s.model, warnings=list(s.warnings), draft=s.draft)

    @app.post("/v1/generate", response_model=S.GenerateResponse)
    async def generate(req: S.GenerateRequest, request: Request):
        eng = request.app.state.engines
        note = note_of(req)
        if not req.question.strip():
            raise UsageError("field 'question': the question is empty")
        work = job(request, len(note.text))
        gen = _grounded(request.app, eng, req.mode)
        return await work.run(_grounded_answer, gen, eng.evidence_for(work.lane), note, req.question)

    from fastapi import Query

    @app.post("/v1/extract", response_model=S.ExtractResponse,
              responses={200: {"content": {"application/fhir+json": {}},
                               "description": "rows, or with ?to=fhir a FHIR R4 Bundle (DocumentReference, "
                                              "QuestionnaireResponse, coded resources)"}})
    async def extract(req: S.ExtractRequest, request: Request,
                      to: str | None = Query(None, pattern="^(rows|fhir)$", description="fhir: a FHIR R4 Bundle")):
        from clinqa.extract.rows import rows_for_notes
        from clinqa.questionnaire import (
            load_questionnaire,
            packaged_questionnaires,
            parse_questionnaire,
        )

        eng = request.app.state.engines
        note = note_of(req)
        if req.questionnaire is not None:
            if req.questionnaire not in packaged_questionnaires():
                raise UsageError(f"field 'questionnaire': unknown id {req.questionnaire!r}; shipped ones: "
                                 + ", ".join(packaged_questionnaires()))
            q = load_questionnaire(req.questionnaire)
        else:
            q = parse_questionnaire({"id": "inline", "concepts": req.concepts}, "concepts")

        def work():  # the server's policy, warmed at start-up: /v1/answer's verdicts, no per-request build
            return rows_for_notes(eng.reader, q, [note], req.language, policy=eng.extract_policy)

        rows = await job(request, len(note.text)).run(work)
        if to == "fhir":
            from clinqa.export.fhir import bundle_for_rows

            return JSONResponse(bundle_for_rows(note, rows, q.id), media_type="application/fhir+json")
        return S.ExtractResponse(note_id=note.id, questionnaire=q.id, rows=rows)

    @app.get("/", include_in_schema=False)
    async def page():
        return FileResponse(STATIC / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    def openapi():
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            # the schema states the limit this server enforces (--max-chars / CLINQA_MAX_CHARS)
            for model in schema.get("components", {}).get("schemas", {}).values():
                note = model.get("properties", {}).get("note")
                if note is not None:
                    for variant in [note, *note.get("anyOf", [])]:
                        if variant.get("type") == "string":
                            variant["maxLength"] = settings.max_note_chars
            if settings.token:
                from clinqa.serve.docs import describe_bearer_auth

                describe_bearer_auth(schema, is_public)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi
    return app


def body_limit(settings: Settings) -> int:
    if settings.max_body_bytes is not None:
        return settings.max_body_bytes
    return 6 * settings.max_note_chars + 65_536


def _line_col(doc: str | bytes, pos: int) -> tuple[int, int]:
    if isinstance(doc, bytes):
        doc = doc.decode("utf-8", "replace")
    pos = max(0, min(pos, len(doc)))
    line = doc.count("\n", 0, pos) + 1
    return line, pos - (doc.rfind("\n", 0, pos) + 1) + 1




def _answers_for(decision, top_k: int) -> list:
    """A list question keeps every item; otherwise this request's top_k (a batch is decided with
    the largest top_k of its requests)."""
    answers = decision.answers
    return answers if answers and "+list" in answers[0].method else answers[:top_k]


def _version() -> str:
    from clinqa import __version__

    return __version__


def _grounded(app, eng, mode: str):
    """The answer generator for `mode`, built on first use and kept on the app: it shares the
    reader loaded at start-up; generate mode loads SmolLM2 on its first request."""
    from clinqa.generate.generator import AnswerGenerator, GeneratorConfig

    cache = app.state.__dict__.setdefault("_grounded", {})
    if mode not in cache:
        cache[mode] = AnswerGenerator(GeneratorConfig(mode=mode), reader=eng.reader)
    return cache[mode]


def _grounded_answer(gen, evidence, note, question: str) -> dict:
    from clinqa.generate.citations import cited_lines
    from clinqa.retrieval.cache import sentences_of
    from clinqa.types import to_jsonable

    sentences = sentences_of(note.text, note.id)
    ev = evidence.score(question, sentences) if sentences else None
    ans = gen.answer(note, question, sentences=sentences, evidence=ev)
    return {"note_id": note.id, "mode": ans.mode, "model": ans.model, "answer": ans.text,
            "sentences": cited_lines(ans.text, note.text, sentences), "changes": to_jsonable(list(ans.changes)),
            "repairs": list(ans.warnings)}
