"""One FastAPI application serving the JSON API (under /api/v1), the Atom feed
and the server-rendered pages, over one knowledge base.

Reading needs no token. Writing (POST /api/v1/articles) needs
`Authorization: Bearer <token>` with the token from `CALLSHEET_TOKEN`; with no
token configured the server refuses every write. Every response carries a
strict Content-Security-Policy: pages load only their own bundled assets and
run no inline script, so text from an article can never run as code.
"""
from __future__ import annotations

import os
import secrets
import threading
from pathlib import Path

import swagger_ui
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from callsheet.knowledge import KnowledgeBase

HERE = Path(__file__).parent
MAX_BODY_BYTES = 2 * 1024 * 1024
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# Swagger UI sets inline styles on its own elements; it still runs no inline script.
DOCS_CSP = PAGE_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                    "X-Frame-Options": "DENY"}


class State:
    """What the routes share: the knowledge base, the write token, and an
    extractor loaded on the first write (spaCy takes seconds to load)."""

    def __init__(self, kb: KnowledgeBase, token: str | None, max_body: int):
        self.kb = kb
        self.token = token
        self.max_body = max_body
        self._extractor = None
        self._lock = threading.RLock()  # one article at a time through spaCy and into the KB

    def extractor(self):
        from callsheet.extraction import Extractor
        with self._lock:
            if self._extractor is None:
                self._extractor = Extractor()
            return self._extractor

    @property
    def write_lock(self) -> threading.RLock:
        return self._lock

    def check_token(self, request: Request) -> None:
        if not self.token:
            raise HTTPException(401, "writing is disabled: the server was started without CALLSHEET_TOKEN")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip(), self.token):
            raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is needed to write",
                                headers={"WWW-Authenticate": "Bearer"})


class BodyLimit:
    """Refuses a request body over the limit with 413, whether or not it
    declares its length. The body (at most the limit) is read here first and
    handed on whole, so the application never sees a cut-off body."""

    def __init__(self, app, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            return await _too_large(self.max_body, scope, receive, send)
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_body:
                return await _too_large(self.max_body, scope, receive, send)
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay():
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


class SecurityHeaders:
    """Adds the CSP and its companions to every response (plain ASGI: no
    per-request task, unlike an @app.middleware function)."""

    def __init__(self, app):
        self.app = app
        self.page = _raw_headers(PAGE_CSP)
        self.docs = _raw_headers(DOCS_CSP)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope["path"]
        extra = self.docs if path == "/docs" or path.startswith("/docs-assets/") else self.page

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _raw_headers(csp: str) -> list[tuple[bytes, bytes]]:
    headers = {"Content-Security-Policy": csp, **SECURITY_HEADERS}
    return [(k.lower().encode(), v.encode()) for k, v in headers.items()]


async def _too_large(limit: int, scope, receive, send) -> None:
    response = JSONResponse({"detail": f"request body is larger than the limit of {limit} bytes", "status": 413},
                            status_code=413)
    await response(scope, receive, send)


def create_app(db: str | None = None, *, token: str | None = None, max_body: int = MAX_BODY_BYTES) -> FastAPI:
    """The application over the KB at `db` (URL; see `database_url`). The write
    token defaults to $CALLSHEET_TOKEN."""
    from callsheet.interfaces.web import api, feeds, pages, views
    from callsheet.knowledge.stages import STAGE_LABELS

    kb = KnowledgeBase(db)
    app = FastAPI(title="callsheet", version="1", docs_url=None, redoc_url=None,
                  description="Film and TV projects from the trade press: who is attached, how firmly, "
                              "and the sentence that says so.")
    app.state.callsheet = State(kb, token if token is not None else os.environ.get("CALLSHEET_TOKEN"), max_body)
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.templates.env.globals.update(views=views, STAGE_LABELS=STAGE_LABELS,
                                           STATUS_LABELS=views.STATUS_LABELS)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.mount("/docs-assets", StaticFiles(directory=str(Path(swagger_ui.__file__).parent / "static")), name="docs-assets")
    app.include_router(api.router)
    app.include_router(feeds.router)
    app.include_router(pages.router)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return _error(request, exc.status_code, str(exc.detail), headers=exc.headers)

    @app.exception_handler(404)
    async def not_found(request: Request, exc):
        return _error(request, 404, getattr(exc, "detail", None) or "not found")

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError):
        problems = [f"{'.'.join(str(p) for p in e['loc'] if p not in ('query', 'body', 'path'))}: {e['msg']}"
                    for e in exc.errors()]
        return _error(request, 422, "bad parameters: " + "; ".join(problems),
                      errors=[{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()])

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse((HERE / "static" / "docs.html").read_text(encoding="utf-8"))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_body=max_body)
    return app


def app_from_environment() -> FastAPI:
    """For uvicorn's --factory: the KB from $CALLSHEET_DB (what `callsheet serve` sets)."""
    return create_app(os.environ.get("CALLSHEET_DB"))


def _error(request: Request, status: int, message: str, headers=None, **extra):
    """JSON for the API and feeds, a page for a browser."""
    if request.url.path.startswith(("/api/", "/feeds/")) or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"detail": message, "status": status, **extra}, status_code=status, headers=headers)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status, headers=headers)
