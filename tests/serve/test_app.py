"""The HTTP API on a tiny random QA model: each route, each error status, auth, body limit,
and that the log never holds note text."""

from __future__ import annotations

import base64
import logging

import pytest

NOTE = ("HOSPITAL COURSE: The patient was admitted with chest pain.\nNo evidence of pneumonia on chest x-ray.\n"
        "DISCHARGE MEDICATIONS: metoprolol 25 mg by mouth twice daily.\n")
SECRET = "metoprolol 25 mg by mouth twice daily"


def _client(qa_folder, **kw):
    from fastapi.testclient import TestClient

    from clinqa.serve.app import Settings, create_app

    path, cfg = qa_folder
    kw.setdefault("summarize_model", None)
    return TestClient(create_app(Settings(qa_model=str(path), evidence_config=str(cfg), token=kw.pop("token", None), **kw)))


def test_answer_route_offsets_evidence_and_no_text_in_log(qa_folder, caplog):
    caplog.set_level(logging.INFO, logger="clinqa.serve")
    with _client(qa_folder) as c:
        r = c.post("/v1/answer", json={"note": NOTE, "question": "What did the chest x-ray show?", "top_k": 2})
        assert r.status_code == 200, r.text
        doc = r.json()
        assert doc["note_text"] is None  # the client sent the text: no need to echo it
        assert doc["verdict"] is None and doc["answer_type"] == "span"
        for a in doc["answers"]:
            assert NOTE[a["start"]:a["end"]] == a["text"]
            assert a["assertion"] and a["category"] and a["sentence_id"]
            # "What did the chest x-ray show?" asks for a test's result: the question decides
            assert a["category"] == "Procedure" and a["category_source"].startswith("question: ")
        # a yes/no question: the verdict and its support, whatever the (random) reader says
        r = c.post("/v1/answer", json={"note": NOTE, "question": "Does the patient have pneumonia?"})
        doc = r.json()
        assert doc["verdict"]["verdict"] == "no" and doc["verdict"]["text"] == "No evidence of pneumonia on chest x-ray"
        assert NOTE[doc["verdict"]["start"]:doc["verdict"]["end"]] == doc["verdict"]["text"]
        # the example: no finding of this report is a "yes"
        r = c.post("/v1/extract", json={"note": "FINDINGS: The lungs are clear. No pneumothorax. No pleural effusion.",
                                        "questionnaire": "radiology-report"})
        values = {row["concept_id"]: row["value"] for row in r.json()["rows"]}
        assert values["pneumothorax"] == "no" and values["pleural_effusion"] == "no"
        assert "yes" not in values.values()
        assert any(e["selected"] for e in doc["evidence"])
        for s in doc["sentences"]:
            assert NOTE[s["start"]:s["end"]].strip()
        r = c.post("/v1/evidence", json={"note": NOTE, "question": "metoprolol dose"})
        sel = [e for e in r.json()["sentences"] if e["selected"]]
        assert r.status_code == 200 and "metoprolol" in NOTE[sel[0]["start"]:sel[0]["end"]]
        assert c.get("/healthz").json() == {"status": "ok", "models_loaded": True}
        models = c.get("/v1/models").json()
        assert models["qa"] == str(qa_folder[0]) and "Medication" in models["categories"]
        assert c.get("/").status_code == 200 and "clinqa" in c.get("/").text
        assert c.get("/static/app.js").status_code == 200
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "/v1/answer" in logged  # requests are logged ...
    assert "metoprolol" not in logged and "medications" not in logged.lower()  # ... but never their text


def test_fhir_input_returns_the_note_text(qa_folder):
    doc = {"resourceType": "DocumentReference", "id": "dr1", "content": [{"attachment": {
        "contentType": "text/plain", "data": base64.b64encode(NOTE.encode()).decode()}}]}
    with _client(qa_folder) as c:
        r = c.post("/v1/answer", json={"fhir": doc, "question": "What medications?"})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["note_text"] == NOTE
        # the tiny random reader may or may not find a drug span (its weights are random): an
        # answer points at its characters in the FHIR note, an abstention says why
        a = body["answers"][0]
        assert NOTE[a["start"]:a["end"]] == a["text"] if a["text"] is not None else a["reason"]


@pytest.mark.parametrize("payload,field", [
    ({"question": "q"}, "give exactly one of"),
    ({"note": NOTE, "question": ""}, "question"),
    ({"note": NOTE, "question": "q", "top_k": 0}, "top_k"),
    ({"note": NOTE, "question": "q", "colour": "red"}, "colour"),
    ({"note": "   ", "question": "q"}, "only whitespace"),
])
def test_validation_errors_name_the_field(qa_folder, payload, field):
    with _client(qa_folder) as c:
        r = c.post("/v1/answer", json=payload)
        assert r.status_code == 422 and field in r.json()["detail"]


def test_malformed_json_is_422(qa_folder):
    with _client(qa_folder) as c:
        r = c.post("/v1/answer", content=b"{not json", headers={"content-type": "application/json"})
        assert r.status_code == 422


def test_body_limit_413(qa_folder):
    with _client(qa_folder, max_body_bytes=1000) as c:
        r = c.post("/v1/answer", json={"note": "x " * 2000, "question": "q"})
        assert r.status_code == 413 and "limit of 1000 bytes" in r.json()["detail"]

        def chunks():  # no Content-Length: counted while received
            for _ in range(10):
                yield b"x" * 500

        r = c.post("/v1/answer", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413


def test_bearer_token(qa_folder):
    with _client(qa_folder, token="s3cret") as c:
        body = {"note": NOTE, "question": "What medications?"}
        assert c.post("/v1/answer", json=body).status_code == 401
        assert c.post("/v1/answer", json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
        assert c.get("/v1/models").status_code == 401
        assert c.post("/v1/answer", json=body, headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert c.get("/healthz").status_code == 200  # health checks need no token


def test_summarize_route(qa_folder, tiny_models):
    with _client(qa_folder, summarize_model=str(tiny_models["llama"])) as c:
        r = c.post("/v1/summarize", json={"findings": "Lungs are clear. No effusion."})
        assert r.status_code == 200, r.text
        body = r.json()
        assert set(body) == {"impression", "model", "warnings", "draft"} and body["model"] == str(tiny_models["llama"])
        # the tiny model names no finding: the consistency check restores the mass and says so
        r = c.post("/v1/summarize", json={"findings": "There is a 2.5 cm spiculated mass in the right upper lobe."})
        body = r.json()
        assert "spiculated mass" in body["impression"] and body["draft"] != body["impression"]
        assert any(w.startswith("consistency check") for w in body["warnings"])
        assert c.get("/v1/models").json()["summarize"] == str(tiny_models["llama"])
        r = c.post("/v1/summarize", json={"findings": "   "})
        assert r.status_code == 422 and "findings are empty" in r.json()["detail"]
    with _client(qa_folder) as c:  # turned off
        r = c.post("/v1/summarize", json={"findings": "Lungs are clear."})
        assert r.status_code == 501 and "turned off" in r.json()["detail"]


def test_extract_route_shipped_and_inline(qa_folder):
    with _client(qa_folder) as c:
        r = c.post("/v1/extract", json={"note": NOTE, "questionnaire": "radiology-report"})
        assert r.status_code == 200, r.text
        rows = r.json()["rows"]
        from clinqa.questionnaire import load_questionnaire

        assert len(rows) == len(load_questionnaire("radiology-report").concepts)  # one row per concept
        for row in rows:
            if row["answer"] is not None:
                assert NOTE[row["start"]:row["end"]] == row["answer"]
        inline = [{"id": "meds", "questions": ["what medications"], "code": "drug"}]
        r = c.post("/v1/extract", json={"note": NOTE, "concepts": inline})
        assert r.status_code == 200 and r.json()["rows"][0]["concept_id"] == "meds"
        r = c.post("/v1/extract", json={"note": NOTE, "questionnaire": "nope"})
        assert r.status_code == 422 and "unknown id" in r.json()["detail"]
        r = c.post("/v1/extract", json={"note": NOTE, "concepts": [{"id": "a", "questions": []}]})
        assert r.status_code == 422


def test_extract_route_uses_the_servers_answer_policy(qa_folder, monkeypatch):
    """/v1/extract decides through the policy the server built and warmed at start-up (as
    /v1/answer does), not a new, cold one per request; its rows are those of a fresh policy."""
    import json

    from clinqa.extract.rows import rows_for_notes
    from clinqa.qa.policy import AnswerPolicy
    from clinqa.questionnaire import load_questionnaire
    from clinqa.types import Note

    built = []
    init = AnswerPolicy.__init__

    def counting_init(self, *args, **kwargs):
        built.append(self)
        init(self, *args, **kwargs)

    with _client(qa_folder) as c:  # start-up (the server's own policy) happens on entering
        eng = c.app.state.engines
        monkeypatch.setattr(AnswerPolicy, "__init__", counting_init)
        r = c.post("/v1/extract", json={"note": NOTE, "note_id": "n1", "questionnaire": "radiology-report"})
        assert r.status_code == 200, r.text
        inline = c.post("/v1/extract", json={"note": NOTE, "concepts": [{"id": "meds", "questions": ["what medications"]}]})
        assert inline.status_code == 200, inline.text
        assert built == []  # no policy built per request
        monkeypatch.undo()
        expected = rows_for_notes(eng.reader, load_questionnaire("radiology-report"), [Note("n1", NOTE)], None,
                                  policy=AnswerPolicy.for_reader(eng.reader))
        assert r.json()["rows"] == json.loads(json.dumps(expected))


def test_openapi_lists_the_routes(qa_folder):
    with _client(qa_folder) as c:
        paths = c.get("/openapi.json").json()["paths"]
        assert {"/v1/answer", "/v1/evidence", "/v1/summarize", "/v1/extract", "/v1/models", "/healthz"} <= set(paths)


# ------------------------------------------------------------------ schemathesis: no 5xx
import schemathesis  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402


@pytest.fixture(scope="module")
def api_schema(qa_folder, tiny_models):
    from clinqa.serve.app import Engines, Settings, create_app

    path, cfg = qa_folder
    s = Settings(qa_model=str(path), evidence_config=str(cfg), token=None, max_body_bytes=200_000, timeout_s=30,
                 summarize_model=str(tiny_models["llama"]))
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(s, engines=Engines(s)))


def test_schemathesis_no_server_errors(api_schema):
    """Every operation of the OpenAPI schema, bounded examples each; 504 (timeout) is a status the
    service means, anything else >= 500 is a bug."""
    from hypothesis import given

    ops = [op.ok() for op in api_schema.get_all_operations()]
    assert len(ops) >= 6
    for op in ops:
        @given(case=op.as_strategy())
        @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def check(case):
            response = case.call()
            assert response.status_code < 500 or response.status_code == 504, \
                f"{case.method} {case.path} -> {response.status_code}: {response.text[:300]}"

        check()


def test_concurrent_questions_share_one_forward_pass():
    import asyncio
    from types import SimpleNamespace

    from clinqa.serve.app import AnswerBatcher

    calls = []

    from clinqa.qa.policy import AnswerPolicy
    from clinqa.types import Answer, Note

    class Reader:
        name = "fake"

        def answer_many(self, pairs, top_k, sentences, **kw):
            calls.append(len(pairs))
            return [SimpleNamespace(answers=[Answer(q, 0, 2, 0.9, n.id, method="x")], null_minus_best=0.0)
                    for n, q in pairs]

    async def main():
        b = AnswerBatcher(Reader(), max_batch=4, wait_s=0.05, policy=AnswerPolicy())
        notes = [Note(f"n{i}", f"q{i} text.") for i in range(6)]
        return await asyncio.gather(*(b.answer(notes[i], f"q{i}", 1 + i % 2, []) for i in range(6)))

    res = asyncio.run(main())
    assert calls == [4, 2]  # six concurrent requests, at most four per pass
    assert [d.asked.question for d in res] == [f"q{i}" for i in range(6)]  # each request gets its own decision


def test_generate_route_extractive_answer_with_citations(qa_folder):
    with _client(qa_folder) as c:
        r = c.post("/v1/generate", json={"note": NOTE, "question": "What medications at discharge?"})
        assert r.status_code == 200, r.text
        doc = r.json()
        assert doc["mode"] == "extractive" and doc["changes"] == [] and doc["sentences"]
        for line in doc["sentences"]:
            assert line["citations"]
            for cit in line["citations"]:
                assert NOTE[cit["start"]:cit["end"]] == cit["text"]
        assert "twice a day" in doc["answer"] or "twice daily" in doc["answer"]
        assert c.post("/v1/generate", json={"note": NOTE, "question": "x", "mode": "poetry"}).status_code == 422
        assert c.post("/v1/generate", json={"note": NOTE, "question": "   "}).status_code in (400, 422)


def test_parse_route_returns_the_document_with_offsets(qa_folder):
    from tests.files import FIXTURES

    text = (FIXTURES / "document_note.txt").read_text(encoding="utf-8")
    with _client(qa_folder) as c:
        r = c.post("/v1/parse", json={"note": text, "note_id": "dn"})
        assert r.status_code == 200, r.text
        doc = r.json()
        assert doc["document"]["kind"] == "discharge_summary"
        rec = {x["drug"]: x["status"] for x in doc["medication_reconciliation"]}
        assert rec["naproxen"] == "stopped" and rec["pantoprazole"] == "started"
        for m in doc["document"]["measurements"]:
            assert text[m["start"]:m["end"]] == m["value"]
        assert c.post("/v1/parse", json={"note": "x", "fhir": {}}).status_code == 422
