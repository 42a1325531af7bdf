"""The HTTP service: FastAPI app factory, safe by default.

- models load once, at start-up (lifespan), never per request;
- inference runs in a worker thread with a timeout, off the event loop;
- request bodies over `max_body_bytes` get 413 before they are read into memory;
- with CLINQA_API_TOKEN set, every /v1 route needs `Authorization: Bearer <token>`
  (constant-time comparison);
- the access log records method, path, status, body length and time, never note text or
  questions;
- CORS is off unless origins are given; `clinqa serve` binds 127.0.0.1 unless told otherwise.
"""

# No `from __future__ import annotations` here: FastAPI reads the route annotations at run time,
# and they name classes imported inside create_app.

import asyncio
import hmac
import threading
import logging
import os
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clinqa.errors import ClinqaError, DataError, ModelError, UsageError

log = logging.getLogger("clinqa.serve")
STATIC = Path(__file__).parent / "static"


@dataclass
class Settings:
    qa_model: str = "clinqa-qa-minilm"
    evidence_config: str | None = None
    max_body_bytes: int = 2_000_000
    max_note_chars: int = 500_000
    timeout_s: float = 60.0
    token: str | None = field(default_factory=lambda: os.environ.get("CLINQA_API_TOKEN") or None)
    cors_origins: list[str] = field(default_factory=list)
    window_top_n: int | None = None
    # loaded on the first /v1/summarize request; None turns the route off (501)
    summarize_model: str | None = "clinqa-sum-smollm2"


class Engines:
    """Everything loaded at start-up and shared by requests."""

    def __init__(self, settings: Settings):
        from clinqa.qa.reader import ExtractiveReader
        from clinqa.retrieval.ensemble import EnsembleConfig, EvidenceRetriever

        self.settings = settings
        self.reader = ExtractiveReader.load(settings.qa_model, window_top_n=settings.window_top_n)
        cfg = EnsembleConfig.from_yaml(settings.evidence_config) if settings.evidence_config else EnsembleConfig()
        self.evidence = EvidenceRetriever(cfg)
        # torch modules are not safe to call from many threads at once: one batching worker
        # for the reader, one lock for the sentence splitter and evidence models
        self.ev_lock = asyncio.Lock()
        self.model_lock = threading.Lock()  # the batcher and extraction share the reader
        self.batcher = AnswerBatcher(self.reader, lock=self.model_lock)
        self.summarizer = None
        if settings.summarize_model:
            from clinqa.summarize import Summarizer, SummarizerConfig

            # cheap: the LM loads on the first summarize request, so `serve` starts as fast
            # as before for users who only ask questions
            self.summarizer = Summarizer(SummarizerConfig(model=settings.summarize_model))
        self.sum_lock = asyncio.Lock()


class AnswerBatcher:
    """Questions that arrive together are answered in one batched forward pass: requests wait
    up to `wait_s` for company, at most `max_batch` go together (the reader batches their
    windows). One drain task at a time, so the model is never called from two threads at once;
    it ends when nothing is waiting, so no task outlives the requests (or the event loop)."""

    def __init__(self, reader, max_batch: int = 8, wait_s: float = 0.005, lock=None):
        self.reader, self.max_batch, self.wait_s = reader, max_batch, wait_s
        self.lock = lock or threading.Lock()
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
                outs = await run_in_threadpool(self._call, [(b[0], b[1]) for b in batch], k, [b[3] for b in batch])
            except Exception as exc:  # each waiting request gets the error; the next batch still runs
                for b in batch:
                    if not b[4].done():
                        b[4].set_exception(exc)
                continue
            for b, o in zip(batch, outs):
                if not b[4].done():
                    b[4].set_result(o.answers[: b[2]])

    def _call(self, pairs, k, sentences):
        with self.lock:
            return self.reader.answer_many(pairs, k, sentences)


def create_app(settings: Settings | None = None, engines: Engines | None = None):
    from fastapi import Depends, FastAPI, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import FileResponse, JSONResponse
    from fastapi.staticfiles import StaticFiles
    from starlette.concurrency import run_in_threadpool

    from clinqa.serve import schemas as S

    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app):
        if not hasattr(app.state, "engines"):
            app.state.engines = await run_in_threadpool(Engines, settings)
        log.info("models loaded: qa=%s", settings.qa_model)
        yield

    app = FastAPI(title="clinqa", version=_version(), lifespan=lifespan,
                  description="Question answering over clinical notes, fully local. Every answer carries "
                              "character offsets into the note it came from.")

    if engines is not None:  # built by the caller (tests, embedding apps): no start-up load
        app.state.engines = engines

    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])

    @app.middleware("http")
    async def access_log(request: Request, call_next):
        start = time.perf_counter()
        response = await call_next(request)
        # lengths and timings only: note text and questions never reach the log
        log.info("%s %s -> %d (%s bytes, %.0f ms)", request.method, request.url.path, response.status_code,
                 request.headers.get("content-length", "0"), 1000 * (time.perf_counter() - start))
        return response

    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request, exc: RequestValidationError):
        errors = [{"field": ".".join(str(p) for p in e["loc"] if p != "body"), "message": e["msg"]} for e in exc.errors()]
        first = errors[0] if errors else {"field": "?", "message": "invalid request"}
        return JSONResponse(status_code=422, content={"detail": f"field '{first['field']}': {first['message']}",
                                                      "errors": errors})

    @app.exception_handler(ClinqaError)
    async def clinqa_error(request, exc: ClinqaError):
        status = 422 if isinstance(exc, (DataError, UsageError)) else 500 if not isinstance(exc, ModelError) else 503
        return JSONResponse(status_code=status, content={"detail": str(exc)})

    def auth(request: Request) -> None:
        from fastapi import HTTPException

        if not settings.token:
            return
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), settings.token.encode()):
            raise HTTPException(status_code=401, detail="missing or wrong bearer token",
                                headers={"WWW-Authenticate": "Bearer"})

    async def run(lock: asyncio.Lock, fn, *args):
        from fastapi import HTTPException

        async with lock:
            try:
                return await asyncio.wait_for(run_in_threadpool(fn, *args), timeout=settings.timeout_s)
            except asyncio.TimeoutError:
                raise HTTPException(status_code=504, detail=f"inference took longer than {settings.timeout_s:g} s") from None

    def note_of(req) -> Any:
        from clinqa.serve.schemas import to_note

        return to_note(req, settings.max_note_chars)

    @app.get("/healthz", response_model=S.Health)
    async def healthz(request: Request):
        return S.Health(status="ok", models_loaded=hasattr(request.app.state, "engines"))

    @app.get("/v1/models", response_model=S.Models, dependencies=[Depends(auth)])
    async def models(request: Request):
        from clinqa.models.registry import packaged_status

        eng = request.app.state.engines
        return S.Models(qa=eng.reader.name, categories=list(eng.reader.categories or []),
                        evidence_weights=eng.evidence.config.weights, packaged=[p["name"] for p in packaged_status()
                                                                                   if p["installed"]],
                        generate=None, summarize=eng.summarizer.name if eng.summarizer else None)

    @app.post("/v1/answer", response_model=S.AnswerResponse, dependencies=[Depends(auth)])
    async def answer(req: S.AnswerRequest, request: Request):
        from clinqa.text import segment

        eng = request.app.state.engines
        note = note_of(req)
        sentences = await run(eng.ev_lock, segment, note.text, note.id)
        try:
            answers = await asyncio.wait_for(eng.batcher.answer(note, req.question, req.top_k, sentences),
                                             timeout=settings.timeout_s)
        except asyncio.TimeoutError:
            from fastapi import HTTPException

            raise HTTPException(status_code=504, detail=f"inference took longer than {settings.timeout_s:g} s") from None
        evidence = []
        if req.with_evidence:
            evidence = await run(eng.ev_lock, eng.evidence.score, req.question, sentences)
        return S.AnswerResponse(note_id=note.id, note_text=note.text if req.fhir is not None else None,
                                question_chars=len(req.question), model=eng.reader.name,
                                answers=[S.AnswerOut.of(a) for a in answers],
                                sentences=[S.SentenceOut.of(s) for s in sentences] if req.with_sentences else [],
                                evidence=[S.EvidenceOut.of(e) for e in evidence if e.selected or req.all_evidence])

    @app.post("/v1/evidence", response_model=S.EvidenceResponse, dependencies=[Depends(auth)])
    async def evidence(req: S.EvidenceRequest, request: Request):
        from clinqa.text import segment

        eng = request.app.state.engines
        note = note_of(req)
        sentences = await run(eng.ev_lock, segment, note.text, note.id)
        items = await run(eng.ev_lock, eng.evidence.score, req.question, sentences)
        return S.EvidenceResponse(note_id=note.id, sentences=[S.EvidenceOut.of(e) for e in items])

    @app.post("/v1/summarize", dependencies=[Depends(auth)], response_model=S.SummarizeResponse,
              responses={501: {"model": S.Problem, "description": "summarization is turned off on this server"}})
    async def summarize(req: S.SummarizeRequest, request: Request):
        eng = request.app.state.engines
        if eng.summarizer is None:
            return JSONResponse(status_code=501, content={"detail": "summarization is turned off on this server "
                                                                    "(started with --summarize-model none)"})
        if not req.findings.strip():
            raise UsageError("field 'findings': the findings are empty")
        s = await run(eng.sum_lock, eng.summarizer.summarize, req.findings)
        return S.SummarizeResponse(impression=s.text, model=s.model, warnings=list(s.warnings))

    from fastapi import Query

    @app.post("/v1/extract", dependencies=[Depends(auth)], response_model=S.ExtractResponse,
              responses={200: {"content": {"application/fhir+json": {}},
                               "description": "rows, or with ?to=fhir a FHIR R4 Bundle (DocumentReference, "
                                              "QuestionnaireResponse, coded resources)"}})
    async def extract(req: S.ExtractRequest, request: Request,
                      to: str | None = Query(None, pattern="^(rows|fhir)$", description="fhir: a FHIR R4 Bundle")):
        from clinqa.extract.questionnaire import load_questionnaire, packaged_questionnaires, parse_questionnaire
        from clinqa.extract.runner import rows_for_notes

        eng = request.app.state.engines
        note = note_of(req)
        if req.questionnaire is not None:
            if req.questionnaire not in packaged_questionnaires():
                raise UsageError(f"field 'questionnaire': unknown id {req.questionnaire!r}; shipped ones: "
                                 + ", ".join(packaged_questionnaires()))
            q = load_questionnaire(req.questionnaire)
        else:
            q = parse_questionnaire({"id": "inline", "concepts": req.concepts}, "concepts")

        def work():
            with eng.model_lock:
                return rows_for_notes(eng.reader, q, [note], req.language)

        rows = await run(eng.ev_lock, work)
        if to == "fhir":
            from clinqa.export.fhir import bundle_for_rows

            return JSONResponse(bundle_for_rows(note, rows, q.id), media_type="application/fhir+json")
        return S.ExtractResponse(note_id=note.id, questionnaire=q.id, rows=rows)

    @app.get("/", include_in_schema=False)
    async def page():
        return FileResponse(STATIC / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    return app


class BodyLimit:
    """ASGI middleware: 413 for bodies over `max_bytes`, by Content-Length when given and by
    counting the bytes received otherwise (chunked uploads)."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            return await self._reject(send)
        if length is not None:
            return await self.app(scope, receive, send)
        # No Content-Length (chunked upload): read up to the limit first, then replay to the app.
        # The app would buffer the whole JSON body anyway, so this costs no extra memory.
        messages, seen = [], 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                return await self._reject(send)
            if not message.get("more_body", False):
                break

        async def replay():
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _reject(self, send):
        import json

        body = json.dumps({"detail": f"request body over the limit of {self.max_bytes} bytes"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _version() -> str:
    from clinqa import __version__

    return __version__
