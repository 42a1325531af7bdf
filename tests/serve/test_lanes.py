"""The large lane beside the small one: a long note is read through its top windows (the
loaded readers shared, not reloaded), and its work pauses for small requests at checkpoints,
but only while it has time to spare before its deadline."""

from __future__ import annotations

import threading
import time

from clinqa.runtime import Cancelled, checkpoint, run_cancellable


def test_large_lane_pauses_for_small_work_until_its_reserve():
    from clinqa.serve.scheduler import YieldingToken

    busy = threading.Event()
    busy.set()
    token = YieldingToken(busy.is_set, until=time.monotonic() + 0.3)
    t = time.monotonic()
    assert not token.cancelled  # paused while busy, then went on at `until`
    assert 0.25 <= time.monotonic() - t < 2.0 and token.yielded_s > 0
    t = time.monotonic()
    assert not token.cancelled  # past `until`: no more pauses
    assert time.monotonic() - t < 0.1
    token = YieldingToken(busy.is_set, until=time.monotonic() + 30)
    threading.Timer(0.2, busy.clear).start()  # the small lane empties: the big note goes on at once
    t = time.monotonic()
    run_cancellable(token, checkpoint)
    assert 0.15 <= time.monotonic() - t < 5.0
    busy.set()
    token.cancel("timeout")  # a cancelled job never waits
    t = time.monotonic()
    try:
        run_cancellable(token, checkpoint)
        raise AssertionError("not cancelled")
    except Cancelled:
        assert time.monotonic() - t < 0.1


def test_scheduler_gives_large_jobs_yielding_tokens():
    from clinqa.runtime import CancelToken
    from clinqa.serve.scheduler import Scheduler, YieldingToken

    s = Scheduler(large_chars=10, large_reserve_s=40)
    deadline = time.monotonic() + 60
    token = s.large.token(deadline)
    assert isinstance(token, YieldingToken) and abs(token.until - (deadline - 40)) < 1e-6
    assert type(s.small.token(deadline)) is CancelToken
    assert type(Scheduler(large_chars=10).large.token(deadline)) is CancelToken
    s.small.in_flight = 1
    assert token.busy()
    s.shutdown()


def test_top_windows_shares_the_loaded_readers():
    from types import SimpleNamespace

    from clinqa.serve.large_lane import TopWindows

    class Reader:
        window_top_n = None

        def answer_many(self, pairs, top_k=1, sentences=None, **kw):
            return [(self.window_top_n, q) for _, q in pairs]

    loaded = Reader()
    routed = SimpleNamespace(name="r", choose=lambda n, q: SimpleNamespace(model="m"), reader=lambda m: loaded)
    big = TopWindows(routed, 4)
    assert big.answer_many([(None, "q1"), (None, "q2")]) == [(4, "q1"), (4, "q2")]
    assert loaded.window_top_n is None  # the small lane's reader is unchanged
    assert big._view(loaded) is big._view(loaded) and big.name == "r"
    loaded.window_top_n = 2  # a smaller setting of the server's own wins
    assert TopWindows(routed, 4).answer_many([(None, "q")]) == [(2, "q")]
    assert TopWindows(routed, None).answer_many([(None, "q")]) == [(2, "q")]


NOTE = ("HOSPITAL COURSE: The patient was admitted with chest pain.\nNo evidence of pneumonia on chest x-ray.\n"
        "DISCHARGE MEDICATIONS: metoprolol 25 mg by mouth twice daily.\nPotassium was 3.2 on admission.\n")


def _client(qa_folder, **kw):
    from fastapi.testclient import TestClient

    from clinqa.serve.app import Settings, create_app

    path, cfg = qa_folder
    return TestClient(create_app(Settings(qa_model=str(path), evidence_config=str(cfg), token=None,
                                          summarize_model=None, **kw)))


def test_a_second_question_reads_the_note_from_the_cache(qa_folder):
    from clinqa.retrieval.cache import NOTES

    NOTES.clear()
    with _client(qa_folder) as c:
        first = c.post("/v1/answer", json={"note": NOTE, "question": "What medications?", "with_sentences": True})
        hits = NOTES.hits
        second = c.post("/v1/answer", json={"note": NOTE, "question": "What was the potassium?", "with_sentences": True})
    assert first.status_code == second.status_code == 200
    assert NOTES.hits >= hits + 3  # the sentences, the BM25 index and the TF-IDF index
    assert first.json()["sentences"] == second.json()["sentences"]


def test_a_large_note_is_read_through_its_top_windows(qa_folder, monkeypatch):
    from clinqa.qa.reader import ExtractiveReader

    read = []
    real = ExtractiveReader._run
    monkeypatch.setattr(ExtractiveReader, "_run", lambda self, windows: read.append(len(windows)) or real(self, windows))
    big = NOTE * 20  # a free question: the reader decides it (a lab's one value would need no reading)
    with _client(qa_folder, large_note_chars=1000, large_window_top_n=2) as c:
        r = c.post("/v1/answer", json={"note": big, "question": "Why was the patient admitted?"})
        assert r.status_code == 200, r.text
        assert read == [2]  # two windows of the many the note has
        for a in r.json()["answers"]:
            assert a["text"] is None or big[a["start"]:a["end"]] == a["text"]
        read.clear()
        assert c.post("/v1/answer", json={"note": NOTE, "question": "Why was the patient admitted?"}).status_code == 200
        assert read and read[0] > 0  # a small note: the small lane's reader, every window
