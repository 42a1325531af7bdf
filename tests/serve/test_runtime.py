"""The server under real use: lanes and cancellation, the access log, one note limit, error
messages, the 413 that clients sending the whole body still read, and the thread setting."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import time
import urllib.error
import urllib.request
from types import SimpleNamespace

import pytest

from clinqa.runtime import Cancelled, CancelToken, checkpoint, run_cancellable
from tests.serve.live import live_server

NOTE = ("HOSPITAL COURSE: The patient was admitted with chest pain.\nNo evidence of pneumonia on chest x-ray.\n"
        "DISCHARGE MEDICATIONS: metoprolol 25 mg by mouth twice daily.\n")


@pytest.fixture(scope="module")
def qa_folder(tiny_models, tmp_path_factory):
    from tests.tiny_models import build_qa

    path = build_qa(tiny_models["bert"], tmp_path_factory.mktemp("serve_rt") / "qa", seed=3)
    cfg = path.parent / "evidence.yaml"
    cfg.write_text("evidence:\n  weights: {bm25: 0.6, tfidf: 0.4}\n  threshold: 0.5\n  top_k: 2\n")
    return path, cfg


def _settings(qa_folder, **kw):
    from clinqa.serve.app import Settings

    path, cfg = qa_folder
    kw.setdefault("summarize_model", None)
    return Settings(qa_model=str(path), evidence_config=str(cfg), token=None, **kw)


# ------------------------------------------------------------------ scheduling
def _slow_read(seconds: float, stopped: dict) -> str:
    """Stands in for reading a huge note: busy for `seconds`, checking for cancellation as the
    reader does between batches."""
    end = time.monotonic() + seconds
    try:
        while time.monotonic() < end:
            checkpoint()
            time.sleep(0.01)
    except Cancelled:
        stopped["at"] = time.monotonic()
        raise
    return "read"


def test_small_requests_answer_while_a_large_note_is_read():
    from clinqa.serve.scheduler import Job, Scheduler

    async def main():
        s = Scheduler(large_chars=1000)
        assert s.lane_for(10) is s.small and s.lane_for(5000) is s.large
        far = time.monotonic() + 60
        big = asyncio.ensure_future(Job(s.large, far).run(_slow_read, 3.0, {}))
        await asyncio.sleep(0.1)
        t = time.perf_counter()
        small = await asyncio.gather(*(Job(s.small, far).run(lambda i=i: i * 2) for i in range(8)))
        small_s = time.perf_counter() - t
        assert not big.done()  # the large note is still being read ...
        assert small == [0, 2, 4, 6, 8, 10, 12, 14] and small_s < 1.0  # ... and small ones do not wait for it
        assert await big == "read"
        s.shutdown()

    asyncio.run(main())


def test_timeout_stops_the_work_and_frees_the_lane():
    from clinqa.serve.scheduler import Expired, Job, Lane

    async def main():
        lane = Lane("large", workers=1, queue=0)
        stopped: dict = {}
        t = time.monotonic()
        with pytest.raises(Expired, match="timeout"):
            await Job(lane, time.monotonic() + 0.3).run(_slow_read, 30.0, stopped)
        for _ in range(100):  # the worker notices at its next checkpoint
            if lane.in_flight == 0:
                break
            await asyncio.sleep(0.02)
        assert lane.in_flight == 0 and stopped["at"] - t < 1.0
        # the lane is free again: the next large note is admitted and read
        assert await Job(lane, time.monotonic() + 5).run(lambda: "next") == "next"
        lane.shutdown()

    asyncio.run(main())


def test_client_gone_cancels_and_full_lane_is_busy_with_retry_after():
    from clinqa.serve.scheduler import Busy, Expired, Job, Lane

    async def main():
        lane = Lane("large", workers=1, queue=0)
        stopped: dict = {}

        async def gone():
            return True

        first = asyncio.ensure_future(Job(lane, time.monotonic() + 60).run(_slow_read, 30.0, stopped))
        await asyncio.sleep(0.05)
        with pytest.raises(Busy) as busy:  # one running, no queue: the next is turned away at once
            await Job(lane, time.monotonic() + 60).run(lambda: None)
        assert busy.value.retry_after_s >= 1
        first.cancel()  # e.g. the server shutting down: the work stops too
        with pytest.raises(asyncio.CancelledError):
            await first
        for _ in range(100):
            if lane.in_flight == 0:
                break
            await asyncio.sleep(0.02)
        assert lane.in_flight == 0
        with pytest.raises(Expired, match="client disconnected"):
            await Job(lane, time.monotonic() + 60, gone, poll_s=0.05).run(_slow_read, 30.0, stopped)
        assert "at" in stopped
        lane.shutdown()

    asyncio.run(main())


def test_cancelled_token_stops_segmentation_and_reading(qa_folder):
    from clinqa.qa.reader import ExtractiveReader
    from clinqa.text import segment
    from clinqa.types import Note

    token = CancelToken()
    token.cancel("timeout")
    with pytest.raises(Cancelled):
        run_cancellable(token, segment, NOTE * 50)
    reader = ExtractiveReader.load(str(qa_folder[0]))
    with pytest.raises(Cancelled):
        run_cancellable(token, reader.answer_many, [(Note("n", NOTE), "What medications?")])
    assert reader.answer_many([(Note("n", NOTE), "What medications?")])  # no token: runs


def test_large_note_lane_over_http(qa_folder):
    """A note over large_note_chars is read in its own lane and answered; small ones still batch."""
    from fastapi.testclient import TestClient

    from clinqa.serve.app import create_app

    with TestClient(create_app(_settings(qa_folder, large_note_chars=len(NOTE) + 1))) as c:
        eng = c.app.state.engines
        big = NOTE * 3
        r = c.post("/v1/answer", json={"note": big, "question": "What medications?", "with_evidence": True})
        assert r.status_code == 200, r.text
        assert eng._large_evidence is not None  # the large lane used its own evidence models
        a = r.json()["answers"][0]
        assert big[a["start"]:a["end"]] == a["text"]
        r = c.post("/v1/answer", json={"note": NOTE, "question": "What medications?"})
        assert r.status_code == 200


# ------------------------------------------------------------------ logs
def test_access_log_fields_request_id_and_no_text(qa_folder, caplog):
    from fastapi.testclient import TestClient

    from clinqa.serve.app import JsonLines, create_app

    caplog.set_level(logging.INFO, logger="clinqa.serve")
    with TestClient(create_app(_settings(qa_folder, url="http://127.0.0.1:8765/"))) as c:
        r = c.post("/v1/answer?q=metoprolol", json={"note": NOTE, "question": "What medications?"},
                   headers={"X-Request-ID": "abc-123"})
        assert r.status_code == 200 and r.headers["x-request-id"] == "abc-123"
        r2 = c.get("/healthz", headers={"X-Request-ID": "bad id with spaces"})
        assert len(r2.headers["x-request-id"]) == 16  # an unsafe id is replaced
    messages = [rec.getMessage() for rec in caplog.records]
    assert any("listening on http://127.0.0.1:8765/" in m for m in messages)  # the start line
    access = [rec for rec in caplog.records if rec.name == "clinqa.serve.access"]
    post = next(rec for rec in access if rec.fields["path"] == "/v1/answer")
    assert post.fields["method"] == "POST" and post.fields["status"] == 200 and post.fields["request_id"] == "abc-123"
    assert post.fields["bytes_in"] > len(NOTE) and post.fields["bytes_out"] == len(r.content)
    assert post.fields["ms"] > 0
    line = json.loads(JsonLines().format(post))
    assert {"ts", "method", "path", "status", "bytes_in", "bytes_out", "ms", "request_id"} <= set(line)
    everything = "\n".join(messages) + "\n".join(JsonLines().format(rec) for rec in caplog.records)
    for secret in ("metoprolol", "medications", "chest pain"):
        assert secret not in everything.lower()  # never note text, questions or query strings


def test_configure_logging_writes_json_lines_to_its_stream():
    from clinqa.serve.app import access_log, configure_logging

    buf = io.StringIO()
    configure_logging(json_lines=True, stream=buf)
    try:
        fields = {"method": "GET", "path": "/healthz", "status": 200, "bytes_in": 0, "bytes_out": 2, "ms": 1.0,
                  "request_id": "x"}
        access_log.info("%(method)s %(path)s", fields, extra={"fields": fields})
        doc = json.loads(buf.getvalue().strip())
        assert doc["path"] == "/healthz" and doc["status"] == 200 and doc["level"] == "info"
    finally:
        logger = logging.getLogger("clinqa.serve")
        logger.handlers[:] = []
        logger.propagate = True


# ------------------------------------------------------------------ limits and errors
def test_one_note_limit_for_api_and_schema(qa_folder, monkeypatch):
    from fastapi.testclient import TestClient

    from clinqa.serve.app import create_app

    monkeypatch.setenv("CLINQA_MAX_CHARS", "300")
    s = _settings(qa_folder)
    assert s.max_note_chars == 300
    with TestClient(create_app(s)) as c:
        schema = c.get("/openapi.json").json()["components"]["schemas"]
        limits = {v.get("maxLength") for v in schema["AnswerRequest"]["properties"]["note"]["anyOf"]}
        assert 300 in limits
        r = c.post("/v1/answer", json={"note": NOTE * 3, "question": "q"})
        assert r.status_code == 422
        assert "over the limit of 300" in r.json()["detail"] and "--max-chars" in r.json()["detail"]


def test_malformed_json_names_line_and_column_and_non_utf8_is_400(qa_folder):
    from fastapi.testclient import TestClient

    from clinqa.serve.app import create_app

    with TestClient(create_app(_settings(qa_folder))) as c:
        body = b'{"note": "x",\n  "question": oops}'
        r = c.post("/v1/answer", content=body, headers={"content-type": "application/json"})
        assert r.status_code == 422
        assert "line 2, column 15" in r.json()["detail"] and "malformed JSON" in r.json()["detail"]
        latin1 = '{"note": "Patient f\u00fchlt sich gut.", "question": "q"}'.encode("latin-1")
        r = c.post("/v1/answer", content=latin1, headers={"content-type": "application/json"})
        assert r.status_code == 400 and "UTF-8" in r.json()["detail"] and "0xfc" in r.json()["detail"]


def test_413_reaches_a_client_that_sends_the_whole_body_first():
    """Python's urllib writes the whole body before reading: without draining, the server's
    close resets the connection under it and the 413 is lost."""


    from clinqa.serve.app import Settings, create_app

    app = create_app(Settings(max_body_bytes=10_000, summarize_model=None),
                     engines=SimpleNamespace(threads=1, scheduler=None))
    with live_server(app) as port:
        body = json.dumps({"note": "x" * 3_000_000, "question": "q"}).encode()
        for _ in range(5):
            req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/answer", data=body,
                                         headers={"Content-Type": "application/json"})
            with pytest.raises(urllib.error.HTTPError) as err:
                urllib.request.urlopen(req, timeout=30)
            assert err.value.code == 413 and "limit of 10000 bytes" in err.value.read().decode()


# ------------------------------------------------------------------ threads
def test_thread_setting_order(monkeypatch):
    from clinqa.errors import UsageError
    from clinqa.runtime import available_cores, thread_setting

    monkeypatch.delenv("CLINQA_THREADS", raising=False)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    cores = available_cores()
    assert 1 <= cores <= (__import__("os").cpu_count() or cores)
    assert thread_setting() == cores and thread_setting(share=2) == max(1, cores // 2)
    monkeypatch.setenv("OMP_NUM_THREADS", "2")
    assert thread_setting() == 2  # OpenMP's variable, as torch reads it
    monkeypatch.setenv("CLINQA_THREADS", "3")
    assert thread_setting() == 3 and thread_setting(5) == 5  # explicit wins over the environment
    monkeypatch.setenv("CLINQA_THREADS", "many")
    with pytest.raises(UsageError, match="CLINQA_THREADS"):
        thread_setting()


def test_worker_setting_one_per_core_within_memory(monkeypatch):
    """extract's workers: explicit, else CLINQA_WORKERS, else one per core of the thread setting,
    no more than the free memory holds at WORKER_MB each."""
    import clinqa.runtime as rt
    from clinqa.errors import UsageError

    for var in ("CLINQA_WORKERS", "CLINQA_THREADS", "OMP_NUM_THREADS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(rt, "available_cores", lambda: 8)
    monkeypatch.setattr(rt, "available_memory_mb", lambda: 64_000)
    assert rt.worker_setting() == 8
    monkeypatch.setattr(rt, "available_memory_mb", lambda: 3 * rt.WORKER_MB + 10)
    assert rt.worker_setting() == 3  # memory for three
    monkeypatch.setattr(rt, "available_memory_mb", lambda: 100)
    assert rt.worker_setting() == 1  # never none
    monkeypatch.setenv("CLINQA_THREADS", "2")  # the cores a user gives clinqa
    monkeypatch.setattr(rt, "available_memory_mb", lambda: None)
    assert rt.worker_setting() == 2
    monkeypatch.setenv("CLINQA_WORKERS", "5")
    assert rt.worker_setting() == 5 and rt.worker_setting(1) == 1
    monkeypatch.setenv("CLINQA_WORKERS", "0")
    with pytest.raises(UsageError, match="CLINQA_WORKERS"):
        rt.worker_setting()


def test_onnx_sessions_get_every_core_per_lane_torch_half(monkeypatch):
    """The server halves torch's threads per lane but gives ONNX Runtime sessions every core
    (or --threads); outside the server ORT follows torch's setting or the environment."""
    import clinqa.runtime as rt

    monkeypatch.delenv("CLINQA_THREADS", raising=False)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setattr(rt, "available_cores", lambda: 4)
    monkeypatch.setattr(rt, "_configured", None)
    monkeypatch.setattr(rt, "_onnx_threads", None)
    assert rt.onnx_threads() == 4
    monkeypatch.setattr(rt, "_configured", 1)  # a caller capped torch: ORT follows
    assert rt.onnx_threads() == 1
    assert rt.thread_setting(share=2) == 2 and rt.set_onnx_threads(None) == 4  # what the server sets
    assert rt.onnx_threads() == 4
    assert rt.set_onnx_threads(3) == 3 and rt.onnx_threads() == 3  # --threads


@pytest.mark.slow
def test_small_requests_stay_fast_beside_a_maximum_size_note(qa_folder):
    """The stated bound: with a note at the note limit (2,000,000 characters) being read, 8
    concurrent small requests all answer 200, each within 5 s."""
    import httpx

    from clinqa.serve.app import Engines, create_app

    s = _settings(qa_folder, max_note_chars=2_000_000, timeout_s=30)
    app = create_app(s, engines=Engines(s))
    big = (NOTE * (2_000_000 // len(NOTE) + 1))[:2_000_000]

    async def main():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t", timeout=120) as c:
            big_task = asyncio.ensure_future(c.post("/v1/answer", json={"note": big, "question": "What medications?",
                                                                      "with_evidence": False}))
            await asyncio.sleep(1.0)

            async def small():
                t = time.perf_counter()
                r = await c.post("/v1/answer", json={"note": NOTE, "question": "What medications?"})
                return r.status_code, time.perf_counter() - t

            results = await asyncio.gather(*(small() for _ in range(8)))
            still_reading = not big_task.done()
            big_r = await big_task
            return results, still_reading, big_r.status_code

    results, still_reading, big_status = asyncio.run(main())
    assert still_reading  # the small requests really ran beside the big note
    assert all(code == 200 for code, _ in results) and max(t for _, t in results) < 5.0, results
    assert big_status in (200, 504)
