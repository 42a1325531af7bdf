"""ASGI middleware and logging of the service: the access log (never note text, questions or
query strings), JSON-lines log records, and the request body limit (413 before a large body is
read into memory)."""

import asyncio
import json
import logging
import re
import time
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
        self.drain_bytes = drain_bytes if drain_bytes is not None else max(4 * max_bytes, 16 * 2**20)
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
            await asyncio.wait_for(drop(), timeout=self.drain_s)
        except asyncio.TimeoutError:
            pass  # a slow sender gets the 413 now and, perhaps, a reset

    async def _reject(self, send):
        body = json.dumps({"detail": f"request body over the limit of {self.max_bytes} bytes"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
