"""`clinqa serve`: the HTTP API and the web page, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import ipaddress
from typing import Annotated, Optional

import typer

from clinqa.cli._common import JSON_HELP, LEXICON_HELP, WINDOW_TOKENS_HELP, WINDOW_TOP_N_HELP, use_lexicon


def serve(
    host: Annotated[str, typer.Option(help="Interface to bind; 0.0.0.0 exposes the service to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    model: Annotated[str, typer.Option(help="QA model (as for `clinqa ask --model`; auto picks one per note language).")] = "auto",
    evidence_config: Annotated[Optional[str], typer.Option(help="Evidence ensemble YAML.")] = None,
    max_chars: Annotated[Optional[int], typer.Option(min=1, help="Largest note accepted, in characters (422 above; "
                                                     "default CLINQA_MAX_CHARS, else 2,000,000). Also the OpenAPI maxLength.")] = None,
    max_body_bytes: Annotated[Optional[int], typer.Option(min=1, help="Largest request body accepted (413 above); "
                                                          "default: 6 bytes per allowed note character + 64 KiB.")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds a request's inference may take (504 above; the work is stopped).")] = 60.0,
    large_note_chars: Annotated[int, typer.Option(min=1, help="Notes longer than this are read in the large-note lane, "
                                                  "one at a time, beside the small requests.")] = 50_000,
    threads: Annotated[Optional[int], typer.Option(min=1, help="torch threads per lane (default: CLINQA_THREADS, else "
                                                   "half the cores this process may use).")] = None,
    log_json: Annotated[bool, typer.Option("--log-json", help="Log (start line, access log) as JSON lines on stderr.")] = False,
    cors_origin: Annotated[Optional[list[str]], typer.Option(help="Allow this browser origin (CORS is off by default).")] = None,
    window_top_n: Annotated[Optional[int], typer.Option(help=WINDOW_TOP_N_HELP)] = None,
    window_tokens: Annotated[Optional[int], typer.Option(help=WINDOW_TOKENS_HELP)] = None,
    large_window_top_n: Annotated[int, typer.Option(min=0, help="The large lane reads only the N windows BM25 ranks "
                                                    "highest for the question, so a long note is answered within "
                                                    "--timeout (0: as the small lane reads, the model folder's setting).")] = 16,
    large_evidence_top_n: Annotated[int, typer.Option(min=0, help="The large lane encodes only the N sentences BM25 + "
                                                      "TF-IDF rank highest for evidence (0: every sentence).")] = 256,
    summarize_model: Annotated[str, typer.Option(help="Model of /v1/summarize (loaded on its first request): extractive (no model, the default), clinqa-sum-smollm2 (the packaged adapter, checked after decoding), ...; none turns the route off.")] = "extractive",
    lexicon: Annotated[Optional[list[str]], typer.Option("--lexicon", help=LEXICON_HELP)] = None,
    json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP + " (here: one line with the address once listening).")] = False,
    docs: Annotated[bool, typer.Option("--docs", help="Serve Swagger UI at /docs, from a locally installed copy "
                                       "(pip install fastapi-offline); never from a CDN. Off by default; the schema "
                                       "is always at /openapi.json.")] = False,
    allow_open: Annotated[bool, typer.Option("--allow-open", help="Allow a non-loopback --host without "
                                             "CLINQA_API_TOKEN: anyone who reaches the port can send notes.")] = False,
) -> None:
    """Serve the API (/v1/answer, /v1/evidence, /v1/extract, /v1/summarize, /docs) and the web page at http://HOST:PORT/.

    With CLINQA_API_TOKEN set, every /v1 route requires `Authorization: Bearer <token>`; a --host
    other than loopback requires the token, or --allow-open."""
    import uvicorn

    from clinqa.cli._common import emit_json
    from clinqa.data.checks import max_chars_setting
    from clinqa.errors import UsageError
    from clinqa.serve.app import Settings, configure_logging, create_app, log

    use_lexicon(lexicon)  # before the app warms its answer policy
    shown = f"[{host}]" if ":" in host else host
    settings = Settings(qa_model=model, evidence_config=evidence_config, max_body_bytes=max_body_bytes,
                        max_note_chars=max_chars or max_chars_setting(), large_note_chars=large_note_chars,
                        threads=threads, timeout_s=timeout, cors_origins=list(cor for cor in (cors_origin or [])),
                        window_top_n=window_top_n, window_tokens=window_tokens, url=f"http://{shown}:{port}/",
                        large_window_top_n=large_window_top_n or None, large_evidence_top_n=large_evidence_top_n or None,
                        summarize_model=None if summarize_model.lower() == "none" else summarize_model,
                        docs=docs)
    # decided before anything listens: an open service on the network is asked for by name
    open_to_network = not is_loopback(host) and not settings.token
    if open_to_network and not allow_open:
        raise UsageError(f"--host {host} would serve notes to the network without a token; set "
                         "CLINQA_API_TOKEN (clients then send `Authorization: Bearer <token>`), or pass "
                         "--allow-open to serve without one, or bind 127.0.0.1")
    configure_logging(json_lines=log_json)
    if open_to_network:
        log.warning("serving on %s WITHOUT a token (--allow-open): anyone who reaches this port can send "
                    "notes and read the answers; set CLINQA_API_TOKEN to require one", settings.url)
    app = create_app(settings)
    if json_out:
        emit_json({"url": settings.url, "docs": f"{settings.url}docs" if docs else None,
                   "auth": bool(settings.token)})
    # uvicorn's own access log prints request lines with query strings; clinqa logs its own
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost reach only this machine; any other host (0.0.0.0, ::, a
    LAN address, a name that may resolve to one) is taken as open to the network."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False
