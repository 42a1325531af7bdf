"""/docs: Swagger UI, off unless asked for (`clinqa serve --docs`), and then served from files
installed on this machine, never from a CDN.

FastAPI's own /docs loads Swagger UI's script from a public CDN (unpinned) into the page where
users paste their token: whoever serves that script could read the token and every answer. Here
the page, its script and its style all come from this server; the start-up code is a file
(static/docs.js), so the page runs under a Content-Security-Policy without inline script.
The files come from an installed package that ships Swagger UI's dist files (fastapi-offline or
swagger-ui-bundle, found without importing them) or from a folder named in Settings.docs_assets."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from clinqa.errors import UsageError

NEEDED = ("swagger-ui-bundle.js", "swagger-ui.css")
# (distribution to pip install, top-level module, folder of the dist files inside it)
PACKAGES = (("fastapi-offline", "fastapi_offline", "static"),
            ("swagger-ui-bundle", "swagger_ui_bundle", "vendor/swagger-ui-*"))

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>clinqa API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/docs-static/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs-static/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body>
</html>
"""


def _holds_dist(folder: Path) -> bool:
    return all((folder / name).is_file() for name in NEEDED)


def swagger_ui_files(given: str | Path | None = None) -> Path | None:
    """The folder holding swagger-ui-bundle.js and swagger-ui.css: `given`, else the first
    installed package that ships them; None when there is none."""
    if given is not None:
        return Path(given) if _holds_dist(Path(given)) else None
    for _dist, module, sub in PACKAGES:
        # find_spec, not import: the package is optional and never runs code here
        spec = importlib.util.find_spec(module)
        for root in (spec.submodule_search_locations or []) if spec else []:
            for folder in sorted(Path(root).glob(sub), reverse=True):  # the newest vendored version first
                if _holds_dist(folder):
                    return folder
    return None


def add_docs(app, assets: str | Path | None = None) -> None:
    """Routes /docs and /docs-static/<the two dist files>; UsageError when no local copy of
    Swagger UI is installed (better no docs than docs from a CDN)."""
    from fastapi.responses import FileResponse, HTMLResponse

    folder = swagger_ui_files(assets)
    if folder is None:
        where = f"{assets} holds no {' and '.join(NEEDED)}" if assets is not None else "no local copy is installed"
        raise UsageError(f"--docs needs Swagger UI's files on this machine, and {where}; install one with "
                         f"`pip install {PACKAGES[0][0]}` (or {PACKAGES[1][0]}), or start without --docs "
                         "(the schema stays at /openapi.json). /docs never loads them from a CDN.")

    @app.get("/docs", include_in_schema=False)
    async def docs():
        return HTMLResponse(PAGE)

    # only the two files the page loads, not the package's whole folder (demo pages and all);
    # the route takes no parameter: the file is fixed when the route is made
    def route(path: Path, media: str):
        async def dist_file():
            return FileResponse(path, media_type=media)
        return dist_file

    for name in NEEDED:
        media = "text/javascript" if name.endswith(".js") else "text/css"
        app.get(f"/docs-static/{name}", include_in_schema=False)(route(folder / name, media))


def describe_bearer_auth(schema: dict, is_public) -> None:
    """With a token set, the OpenAPI schema says so: a bearer scheme on every route that needs
    it, so Swagger UI's Authorize button sends the token (it keeps it in memory only)."""
    schema.setdefault("components", {})["securitySchemes"] = {
        "bearer": {"type": "http", "scheme": "bearer", "description": "CLINQA_API_TOKEN of the server"}}
    for path, ops in schema.get("paths", {}).items():
        if not is_public(path):
            for op in ops.values():
                if isinstance(op, dict):
                    op["security"] = [{"bearer": []}]
