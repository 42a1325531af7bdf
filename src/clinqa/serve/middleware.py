"""ASGI middleware and logging of the service: the access log (never note text, questions or
query strings), JSON-lines log records, the request body limit (413 before a large body is
read into memory), the bearer token gate (401 before the body is read) and the security
headers every response carries."""

import asyncio
import hmac
import json
import logging
import re
import time
import traceback
import uuid

log = logging.getLogger("clinqa.serve")
access_log = logging.getLogger("clinqa.serve.access")
_REQUEST_ID = re.compile(r"^[\w.\-]{1,64}$")


class AccessLog:
    """ASGI middleware: one line per request on the `clinqa.serve.access` logger with method,
    path, status, bytes in and out, milliseconds and a request id (the client's X-Request-ID
    when it is a plain token, else a new one; echoed in the response). Never the query
    string, headers or bodies: they may hold note text or questions."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        given = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        rid = given if _REQUEST_ID.match(given) else uuid.uuid4().hex[:16]
        start = time.perf_counter()
        seen = {"status": 0, "in": 0, "out": 0}

        async def counted_receive():
            message = await receive()
            if message["type"] == "http.request":
                seen["in"] += len(message.get("body", b""))
            return message

        async def counted_send(message):
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
                message = {**message, "headers": [*message.get("headers", []), (b"x-request-id", rid.encode())]}
            elif message["type"] == "http.response.body":
                seen["out"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, counted_receive, counted_send)
        finally:
            fields = {"method": scope["method"], "path": scope["path"], "status": seen["status"] or 500,
                      "bytes_in": seen["in"], "bytes_out": seen["out"],
                      "ms": round(1000 * (time.perf_counter() - start), 1), "request_id": rid}
            access_log.info("%(method)s %(path)s %(status)d in=%(bytes_in)dB out=%(bytes_out)dB %(ms).0fms "
                            "id=%(request_id)s", fields, extra={"fields": fields})


class JsonLines(logging.Formatter):
    """`--log-json`: one JSON object per line; access lines carry their fields as keys."""

    def format(self, record: logging.LogRecord) -> str:
        doc = {"ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
               "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        doc.update(getattr(record, "fields", {}))
        return json.dumps(doc, ensure_ascii=False)


def configure_logging(json_lines: bool = False, stream=None) -> logging.Handler:
    """The server's own log on stderr at INFO (the CLI's root handler shows warnings only)."""
    import sys

    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonLines() if json_lines else
                         logging.Formatter("%(asctime)s clinqa.serve: %(message)s", "%Y-%m-%dT%H:%M:%S"))
    logger = logging.getLogger("clinqa.serve")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return handler


class BodyLimit:
    """ASGI middleware: 413 for bodies over `max_bytes`, by Content-Length when given and by
    counting the bytes received otherwise (chunked uploads).

    Before answering, the rest of the body is read and dropped (up to `drain_bytes` and
    `drain_s`), as nginx's lingering close does: a client that sends the whole body before
    reading (Python's urllib, many scripts) would otherwise see the connection reset under it
    and never read the 413."""

    def __init__(self, app, max_bytes: int, drain_bytes: int | None = None, drain_s: float = 10.0):
        self.app, self.max_bytes = app, max_bytes
        self.drain_bytes = drain_bytes if drain_bytes is not None else drain_budget(max_bytes)
        self.drain_s = drain_s

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            if length.isdigit() and int(length) <= self.drain_bytes:
                await self._drain(receive, int(length))
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
                if message.get("more_body", False):
                    await self._drain(receive, self.drain_bytes)
                return await self._reject(send)
            if not message.get("more_body", False):
                break

        async def replay():
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _drain(self, receive, budget: int) -> None:
        await drain(receive, budget, self.drain_s)

    async def _reject(self, send):
        body = json.dumps({"detail": f"request body over the limit of {self.max_bytes} bytes"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


def drain_budget(max_bytes: int) -> int:
    """How much of a refused body is read and dropped before the answer (see BodyLimit)."""
    return max(4 * max_bytes, 16 * 2**20)


async def drain(receive, budget: int, timeout_s: float) -> None:
    """Read and drop the rest of a request body (up to `budget` bytes and `timeout_s`), so a
    client that sends the whole body before reading still reads the answer we send early."""
    async def drop():
        seen = 0
        while seen < budget:
            message = await receive()
            if message["type"] != "http.request":
                return
            seen += len(message.get("body", b""))
            if not message.get("more_body", False):
                return

    try:
        await asyncio.wait_for(drop(), timeout=timeout_s)
    except asyncio.TimeoutError:
        pass  # a slow sender gets the answer now and, perhaps, a reset


def route_path(scope) -> str:
    """The path the router sees: without the root path an ASGI server or proxy mounted us under
    (as Starlette's routing strips it), so the gate and the headers decide on the same path."""
    path, root = scope["path"], scope.get("root_path", "")
    if root and path.startswith(root) and (len(path) == len(root) or path[len(root)] == "/"):
        return path[len(root):] or "/"
    return path


# Paths anyone may fetch even when a token is set: the page and its files (they hold no note
# text; the page asks for the token itself), the health check, the OpenAPI schema and the API
# docs. Everything else, every /v1 route and any route added later, needs the token.
PUBLIC_PATHS = frozenset({"/", "/healthz", "/openapi.json", "/docs"})
PUBLIC_PREFIXES = ("/static/", "/docs-static/")


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


class TokenGate:
    """ASGI middleware, ahead of routing and of the body limit: with a token set, a request to a
    path that is not public needs `Authorization: Bearer <token>` (constant-time comparison),
    else 401 with `WWW-Authenticate: Bearer` before the body is parsed or even counted, so a
    client without the token learns nothing about validation, limits or which routes exist.
    The one place that decides: the routes carry no auth dependency of their own."""

    def __init__(self, app, token: str | None, max_bytes: int, drain_s: float = 10.0):
        # drained as BodyLimit drains, so a body it would answer 413 gets this 401 as readably
        self.app, self.drain_bytes, self.drain_s = app, drain_budget(max_bytes), drain_s
        self.expected = token.encode("utf-8") if token else None

    def allowed(self, scope) -> bool:
        headers = dict(scope.get("headers") or [])
        # a CORS preflight carries no credentials by design, and no data
        preflight = scope["method"] == "OPTIONS" and b"access-control-request-method" in headers
        if self.expected is None or preflight or is_public(route_path(scope)):
            return True
        header = headers.get(b"authorization", b"")
        scheme, _, given = header.partition(b" ")
        # compare_digest on every request, even for a wrong scheme: the time taken says nothing
        same = hmac.compare_digest(given.strip(), self.expected)
        return scheme.lower() == b"bearer" and same

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or self.allowed(scope):
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length", b"")
        if not length.isdigit() or int(length) <= self.drain_bytes:
            await drain(receive, self.drain_bytes, self.drain_s)  # as BodyLimit: the 401 gets read
        body = json.dumps({"detail": "missing or wrong bearer token"}).encode()
        await send({"type": "http.response.start", "status": 401,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"www-authenticate", b"Bearer")]})
        await send({"type": "http.response.body", "body": body})


# The page loads only its own files (static/index.html, app.js, style.css: no inline script or
# style, no CDN) and talks only to this server; nothing may frame it (clickjacking) or submit
# elsewhere. JSON responses get the same policy: loaded as a document they run nothing.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Swagger UI (served from local files only, serve/docs.py) sets inline styles and SVG data
# URIs while it renders; it runs no inline script (its start-up is static/docs.js)
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
# files that hold no note text may be cached; everything else (every /v1 answer, every error,
# which may quote a field) is no-store, so no browser or proxy keeps note text on disk
CACHEABLE_PREFIXES = ("/static/", "/docs-static/")


class SecurityHeaders:
    """ASGI middleware, outermost: every response, the 401s, 413s and 500s of the middleware
    below included, gets Content-Security-Policy, X-Content-Type-Options: nosniff,
    X-Frame-Options: DENY, Referrer-Policy: no-referrer and, outside the static files,
    Cache-Control: no-store. An exception that escapes the app becomes a plain 500 with these
    headers, and its log line names the exception type and where it was raised, never its
    message, which may quote note text."""

    def __init__(self, app):
        self.app = app

    @staticmethod
    def headers_for(path: str) -> list[tuple[bytes, bytes]]:
        csp = DOCS_CSP if path == "/docs" else CSP
        out = [(b"content-security-policy", csp.encode()), (b"x-content-type-options", b"nosniff"),
               (b"x-frame-options", b"DENY"), (b"referrer-policy", b"no-referrer"),
               (b"cross-origin-opener-policy", b"same-origin")]
        if not path.startswith(CACHEABLE_PREFIXES):
            out.append((b"cache-control", b"no-store"))
        return out

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        ours = self.headers_for(route_path(scope))
        names = {name for name, _ in ours}
        started = False

        async def with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": kept + ours}
            await send(message)

        try:
            await self.app(scope, receive, with_headers)
        except Exception as exc:
            if started:  # too late for a clean 500: the server closes the connection
                raise
            where = "; ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} in {f.name}"
                              for f in traceback.extract_tb(exc.__traceback__)[-3:])
            log.error("internal error %s in %s %s at %s", type(exc).__name__, scope["method"], route_path(scope), where)
            body = json.dumps({"detail": "internal server error"}).encode()
            await with_headers({"type": "http.response.start", "status": 500,
                                "headers": [(b"content-type", b"application/json"),
                                            (b"content-length", str(len(body)).encode())]})
            await with_headers({"type": "http.response.body", "body": body})
