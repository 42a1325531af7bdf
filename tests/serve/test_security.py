"""The security reviewer's findings, each reproduced against the service: text that is not text
(lone surrogates, control characters) is a 422 on every route that takes text, never a 500;
every response carries the security headers, and no-store where note text may travel; /docs
loads nothing from outside the server; without the token a request is refused before its body
is read; and `clinqa serve` will not bind beyond loopback without a token unless told to."""

from __future__ import annotations

import base64
import json
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.serve.live import live_server

NOTE = ("HOSPITAL COURSE: The patient was admitted with chest pain.\nNo evidence of pneumonia on chest x-ray.\n"
        "DISCHARGE MEDICATIONS: metoprolol 25 mg by mouth twice daily.\n")
STATIC = Path(__file__).resolve().parents[2] / "src" / "clinqa" / "serve" / "static"
TOKEN = "s3cret-token"


def _client(qa_folder, **kw):
    from fastapi.testclient import TestClient

    from clinqa.serve.app import Settings, create_app

    path, cfg = qa_folder
    kw.setdefault("summarize_model", None)
    kw.setdefault("token", None)
    return TestClient(create_app(Settings(qa_model=str(path), evidence_config=str(cfg), **kw)))


@pytest.fixture(scope="module")
def client(qa_folder):
    with _client(qa_folder) as c:
        yield c


def _post(c, path: str, doc: dict, **headers):
    """JSON with \\u escapes, as a client sends a lone surrogate (it is not valid UTF-8 raw)."""
    return c.post(path, content=json.dumps(doc, ensure_ascii=True).encode(),
                  headers={"content-type": "application/json", **headers})


# ------------------------------------------------------------------ 1. text that is not text
BAD = ["\ud800", "\udfff", "\x00", "\x01", "\x0b", "\x1b", "\x7f", "\x85"]
INLINE = [{"id": "meds", "questions": ["what medications"]}]
# every route that takes text, with the fields that hold it
ROUTES = [("/v1/answer", {"note": NOTE, "question": "What medications?"}, ["note", "question"]),
          ("/v1/evidence", {"note": NOTE, "question": "metoprolol dose"}, ["note", "question"]),
          ("/v1/generate", {"note": NOTE, "question": "What medications?"}, ["note", "question"]),
          ("/v1/extract", {"note": NOTE, "questionnaire": "radiology-report"}, ["note"]),
          ("/v1/extract", {"note": NOTE, "concepts": INLINE}, ["concepts"]),
          ("/v1/summarize", {"findings": "Lungs are clear."}, ["findings"])]


def _spoil(doc: dict, field: str, bad: str) -> dict:
    doc = json.loads(json.dumps(doc))
    if field == "concepts":
        doc["concepts"][0]["questions"][0] += bad
    else:
        doc[field] = doc[field][:10] + bad + doc[field][10:]
    return doc


@pytest.mark.parametrize("route,doc,fields", ROUTES, ids=[f"{r}-{'+'.join(f)}" for r, _, f in ROUTES])
def test_text_that_is_not_text_is_422_on_every_text_route(client, route, doc, fields):
    for field in fields:
        for bad in BAD:
            r = _post(client, route, _spoil(doc, field, bad))
            assert r.status_code == 422, (field, repr(bad), r.status_code, r.text[:300])
            assert r.headers["content-type"].startswith("application/json")
            detail = r.json()["detail"]
            assert detail.startswith(f"field '{field}'") and f"U+{ord(bad):04X}" in detail, detail
            assert ("lone surrogate" if ord(bad) >= 0xD800 else "control character") in detail


def test_field_names_that_are_not_text_are_422(client):
    for name in ("\ud800", "a\x01"):
        r = _post(client, "/v1/answer", {"note": NOTE, "question": "q", name: 1})
        assert r.status_code == 422 and r.json()["detail"].startswith("a field name contains"), r.text


def test_tab_newline_and_cr_are_text(client):
    r = _post(client, "/v1/answer", {"note": NOTE.replace("\n", "\r\n").replace(": ", ":\t"),
                                     "question": "What medications?"})
    assert r.status_code == 200, r.text


def test_fhir_input_is_checked_inside_and_after_base64(client):
    doc = {"resourceType": "DocumentReference", "id": "dr1", "content": [{"attachment": {
        "contentType": "text/plain", "data": base64.b64encode(NOTE.encode()).decode(), "title": "x\ud800"}}]}
    r = _post(client, "/v1/answer", {"fhir": doc, "question": "What medications?"})
    assert r.status_code == 422 and "at content[0].attachment.title" in r.json()["detail"]
    del doc["content"][0]["attachment"]["title"]
    doc["content"][0]["attachment"]["data"] = base64.b64encode(("ok \x1b[31m " + NOTE).encode()).decode()
    r = _post(client, "/v1/answer", {"fhir": doc, "question": "What medications?"})
    assert r.status_code == 422 and "U+001B" in r.json()["detail"], r.text


# ------------------------------------------------------------------ 2. security headers
def _assert_security_headers(r, cacheable: bool = False):
    h = r.headers
    csp = h["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert script_src.split() == ["'self'"]  # no inline script, no eval, no CDN
    assert "http" not in csp
    assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
    assert h["referrer-policy"] == "no-referrer"
    assert (h.get("cache-control") == "no-store") != cacheable, (r.request.url, h.get("cache-control"))


def test_every_response_carries_the_security_headers(client, monkeypatch, caplog):
    _assert_security_headers(client.get("/"))
    _assert_security_headers(client.get("/healthz"))
    _assert_security_headers(client.get("/openapi.json"))
    _assert_security_headers(client.get("/static/app.js"), cacheable=True)  # no note text in it
    r = _post(client, "/v1/answer", {"note": NOTE, "question": "What medications?"})
    assert r.status_code == 200
    _assert_security_headers(r)  # every /v1 response: no-store
    for r in (_post(client, "/v1/answer", {"note": NOTE}),  # 422
              client.post("/v1/answer", content=b"{nope", headers={"content-type": "application/json"}),
              client.get("/nowhere"), client.get("/v1/answer")):  # 404, 405
        assert r.status_code in (404, 405, 422)
        _assert_security_headers(r)
    # a crash: a plain 500 with the headers; the log names the exception, never its message
    import clinqa.serve.app as app_mod

    def boom(*a, **k):
        raise RuntimeError(f"cannot read {NOTE}")

    monkeypatch.setattr(app_mod, "_answers_for", boom)
    caplog.set_level(logging.INFO, logger="clinqa.serve")
    r = _post(client, "/v1/answer", {"note": NOTE, "question": "What medications?"})
    assert r.status_code == 500 and r.json() == {"detail": "internal server error"}
    _assert_security_headers(r)
    logged = "\n".join(rec.getMessage() for rec in caplog.records)
    assert "RuntimeError" in logged and "metoprolol" not in logged


def test_401_and_413_from_the_middleware_carry_the_headers_too(qa_folder):
    with _client(qa_folder, token=TOKEN, max_body_bytes=1000) as c:
        r = c.get("/v1/models")
        assert r.status_code == 401
        _assert_security_headers(r)
        r = _post(c, "/v1/answer", {"note": "x " * 2000, "question": "q"}, authorization=f"Bearer {TOKEN}")
        assert r.status_code == 413
        _assert_security_headers(r)


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls, self.inline_scripts, self.inline_styles, self.handlers = [], 0, 0, []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.urls += [a[k] for k in ("src", "href") if k in a]
        self.handlers += [k for k in a if k.startswith("on")]
        self.inline_styles += ("style" in a) + (tag == "style")
        if tag == "script":
            self.inline_scripts += "src" not in a


def _local(url: str) -> bool:
    return url.startswith("data:") or (url.startswith("/") and not url.startswith("//"))


def test_the_page_works_under_its_csp():
    """What the CSP (script-src 'self', style-src 'self') allows is what the page loads: its
    own files by path, no inline script, style or event handler, no other origin."""
    refs = _Refs()
    refs.feed((STATIC / "index.html").read_text(encoding="utf-8"))
    assert refs.urls and all(_local(u) for u in refs.urls), refs.urls
    assert (refs.inline_scripts, refs.inline_styles, refs.handlers) == (0, 0, [])
    for name in ("app.js", "docs.js"):
        js = (STATIC / name).read_text(encoding="utf-8")
        assert not re.search(r"\beval\(|new Function|innerHTML|https?://", js), name
    assert "http" not in (STATIC / "style.css").read_text(encoding="utf-8")


# ------------------------------------------------------------------ 3. /docs without a CDN
def test_docs_are_off_by_default(client):
    for path in ("/docs", "/redoc", "/docs/oauth2-redirect"):
        assert client.get(path).status_code == 404
    assert client.get("/openapi.json").status_code == 200


def test_docs_from_local_files_only(qa_folder, tmp_path):
    (tmp_path / "swagger-ui-bundle.js").write_text("window.SwaggerUIBundle = function () {};")
    (tmp_path / "swagger-ui.css").write_text("body { margin: 0 }")
    with _client(qa_folder, docs=True, docs_assets=str(tmp_path)) as c:
        r = c.get("/docs")
        assert r.status_code == 200 and "text/html" in r.headers["content-type"]
        assert not re.search(r"https?://|//[a-z]", r.text, re.IGNORECASE)  # nothing outside the server
        refs = _Refs()
        refs.feed(r.text)
        assert refs.inline_scripts == 0 and all(_local(u) for u in refs.urls), refs.urls
        _assert_security_headers(r)
        for url in refs.urls:
            if not url.startswith("data:"):
                assert c.get(url).status_code == 200, url
        js = c.get("/docs-static/swagger-ui-bundle.js", params={"path": "/etc/passwd"})
        assert js.text == "window.SwaggerUIBundle = function () {};"  # the route takes no parameter
        assert c.get("/docs-static/index.html").status_code == 404  # only the two files


def test_docs_with_no_local_swagger_ui_refuse_to_start(qa_folder, tmp_path):
    from clinqa.errors import UsageError

    with pytest.raises(UsageError, match="never loads them from a CDN"):
        _client(qa_folder, docs=True, docs_assets=str(tmp_path))


def test_docs_find_an_installed_swagger_ui_package(tmp_path, monkeypatch):
    """fastapi-offline and swagger-ui-bundle ship Swagger UI's dist files; they are found by
    their module's location, without importing them (a package laid out as they are)."""
    from clinqa.serve.docs import swagger_ui_files

    pkg = tmp_path / "swagger_ui_bundle" / "vendor" / "swagger-ui-4.15.5"
    pkg.mkdir(parents=True)
    (pkg.parents[1] / "__init__.py").write_text("raise ImportError('never imported')\n")
    for name in ("swagger-ui-bundle.js", "swagger-ui.css"):
        (pkg / name).write_text("x")
    monkeypatch.syspath_prepend(str(tmp_path))
    import importlib

    importlib.invalidate_caches()
    monkeypatch.setattr("clinqa.serve.docs.PACKAGES", (("swagger-ui-bundle", "swagger_ui_bundle", "vendor/swagger-ui-*"),))
    assert swagger_ui_files() == pkg


# ------------------------------------------------------------------ 4. the token before the body
def test_without_the_token_nothing_is_read_or_validated(qa_folder):
    auth = {"authorization": f"Bearer {TOKEN}"}
    with _client(qa_folder, token=TOKEN, max_body_bytes=1000) as c:
        for headers in ({}, {"authorization": "Bearer nope"}, {"authorization": f"Basic {TOKEN}"},
                        {"authorization": TOKEN}):
            # malformed JSON, a bad field, an oversized body, a chunked one, a route that does not exist
            for r in (c.post("/v1/answer", content=b"{not json", headers={"content-type": "application/json", **headers}),
                      _post(c, "/v1/answer", {"note": "\ud800"}, **headers),
                      _post(c, "/v1/answer", {"note": "x " * 2000, "question": "q"}, **headers),
                      c.post("/v1/answer", content=iter([b"{not json"] * 3), headers={"content-type": "application/json", **headers}),
                      c.get("/v1/nothing-here", headers=headers), c.get("/v1/models", headers=headers)):
                assert r.status_code == 401, (headers, r.request.url, r.status_code, r.text[:200])
                assert r.headers["www-authenticate"] == "Bearer"
                assert r.json() == {"detail": "missing or wrong bearer token"}
        # with the token, the same requests reach validation
        r = c.post("/v1/answer", content=b"{not json", headers={"content-type": "application/json", **auth})
        assert r.status_code == 422
        assert _post(c, "/v1/answer", {"note": "x " * 2000, "question": "q"}, **auth).status_code == 413
        assert _post(c, "/v1/answer", {"note": NOTE, "question": "What medications?"}, **auth).status_code == 200
        # what stays open: the page, its files, the health check and the schema (which says a token is needed)
        for path in ("/", "/static/app.js", "/healthz", "/openapi.json"):
            assert c.get(path).status_code == 200, path
        schema = c.get("/openapi.json").json()
        assert schema["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
        assert schema["paths"]["/v1/answer"]["post"]["security"] == [{"bearer": []}]
        assert "security" not in schema["paths"]["/healthz"]["get"]


def test_a_real_server_answers_401_to_a_client_that_sends_the_whole_body_first():
    """Over a socket, through uvicorn: urllib writes the whole body before reading, so the gate
    drains it (as BodyLimit does) and the 401 arrives, headers and all, instead of a reset."""
    import urllib.error
    import urllib.request
    from types import SimpleNamespace

    from clinqa.serve.app import Settings, create_app

    app = create_app(Settings(token=TOKEN, max_body_bytes=10_000, summarize_model=None),
                     engines=SimpleNamespace(threads=1, scheduler=None))
    with live_server(app) as port:
        for body in (b"{not json", b"x" * 3_000_000):
            req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/answer", data=body,
                                         headers={"Content-Type": "application/json"})
            with pytest.raises(urllib.error.HTTPError) as err:
                urllib.request.urlopen(req, timeout=30)
            assert err.value.code == 401 and err.value.headers["WWW-Authenticate"] == "Bearer"
            assert err.value.headers["Cache-Control"] == "no-store" and err.value.headers["X-Frame-Options"] == "DENY"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as page:
            assert "script-src 'self'" in page.headers["Content-Security-Policy"]


def test_no_route_carries_its_own_auth_dependency(client):
    """One place decides (middleware.TokenGate): a route with a dependency of its own would be a
    second gate that could disagree."""
    from fastapi.routing import APIRoute

    routes = [r for r in client.app.routes if isinstance(r, APIRoute)]
    assert routes and all(not r.dependencies for r in routes)


# ------------------------------------------------------------------ 5. binding beyond loopback
@pytest.fixture
def serve_cli(monkeypatch):
    """`clinqa serve` through the CLI entry, with uvicorn.run replaced: nothing listens."""
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    monkeypatch.delenv("CLINQA_API_TOKEN", raising=False)
    logger = logging.getLogger("clinqa.serve")
    saved = (logger.handlers[:], logger.level, logger.propagate)
    yield calls
    logger.handlers[:], logger.level, logger.propagate = saved  # configure_logging changed them


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.1.2.3", "clinqa.hospital.example"])
def test_network_bind_without_token_is_refused_before_uvicorn_runs(serve_cli, capsys, host):
    from clinqa.cli.main import main

    assert main(["serve", "--host", host, "--summarize-model", "none"]) == 2
    err = capsys.readouterr().err
    assert "CLINQA_API_TOKEN" in err and "--allow-open" in err
    assert serve_cli == []


def test_network_bind_with_allow_open_warns_and_with_a_token_starts(serve_cli, capsys, monkeypatch):
    from clinqa.cli.main import main

    assert main(["serve", "--host", "0.0.0.0", "--allow-open", "--summarize-model", "none"]) == 0
    assert serve_cli[-1]["host"] == "0.0.0.0" and "WITHOUT a token" in capsys.readouterr().err
    monkeypatch.setenv("CLINQA_API_TOKEN", TOKEN)
    assert main(["serve", "--host", "0.0.0.0", "--summarize-model", "none"]) == 0
    assert len(serve_cli) == 2 and "WITHOUT a token" not in capsys.readouterr().err


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "localhost"])
def test_loopback_needs_nothing(serve_cli, capsys, host):
    from clinqa.cli.main import main

    assert main(["serve", "--host", host, "--summarize-model", "none"]) == 0
    assert serve_cli[-1]["host"] == host and "WITHOUT a token" not in capsys.readouterr().err


def test_docs_option_without_local_swagger_ui_exits_2(serve_cli, capsys, monkeypatch):
    from clinqa.cli.main import main

    monkeypatch.setattr("clinqa.serve.docs.swagger_ui_files", lambda given=None: None)
    assert main(["serve", "--docs", "--summarize-model", "none"]) == 2
    assert "pip install fastapi-offline" in capsys.readouterr().err and serve_cli == []
