"""One FastAPI application serving the JSON API (under /api/v1), the Atom feed
and the server-rendered pages, over one knowledge base.

Reading needs no token. Writing (POST /api/v1/articles, adding or removing a
webhook) needs `Authorization: Bearer <token>` with the token from
`CALLSHEET_TOKEN`; with no token configured the server refuses every write. The token is checked before
the body is read. Writes wait in one queue and run in a worker process
(`writes.py`), so that reads stay fast.

Every response carries a strict Content-Security-Policy: pages load only
their own bundled assets and run no inline script, so text from an article
can never run as code. Requests must name one of the allowed host names in
their Host header (127.0.0.1 and localhost by default), so that a web page
elsewhere cannot reach the server through DNS rebinding; links in the Atom
feed are built from the configured base URL, never from the Host header.

Errors have one shape, `{"detail": message, "status": code}` (422s add
`errors`), as JSON for API clients and as a page for a browser.
"""
from __future__ import annotations

import os
import secrets
from contextlib import asynccontextmanager
from pathlib import Path

import swagger_ui
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from callsheet.interfaces.web.writes import MAX_WAITING, Writes
from callsheet.knowledge import KnowledgeBase

HERE = Path(__file__).parent
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
MAX_BODY_BYTES = 2 * 1024 * 1024
DEFAULT_ALLOWED_HOSTS = ("127.0.0.1", "localhost")
DEFAULT_BASE_URL = "http://127.0.0.1:8000"
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# Swagger UI sets inline styles on its own elements; it still runs no inline script.
DOCS_CSP = PAGE_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                    "X-Frame-Options": "DENY"}


class State:
    """What the routes share: the knowledge base, the write token, the queue
    of writes, and the base URL that links are built from."""

    def __init__(self, kb: KnowledgeBase, token: str | None, max_body: int, writes: Writes, base_url: str):
        self.kb = kb
        self.token = token
        self.max_body = max_body
        self.writes = writes
        self.base_url = base_url.rstrip("/")

    def authorized(self, request: Request) -> bool:
        """The request carries the write token."""
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        return bool(self.token) and scheme.lower() == "bearer" and \
            secrets.compare_digest(given.strip().encode(), self.token.encode())

    def check_token(self, request: Request) -> None:
        if not self.token:
            raise HTTPException(401, "writing is disabled: the server was started without CALLSHEET_TOKEN")
        if not self.authorized(request):
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


class AllowedHosts:
    """Answers 400 to a request whose Host header names no allowed host
    (DNS rebinding: a page on evil.example whose name now points at
    127.0.0.1 would otherwise read the server). "*" allows every host."""

    def __init__(self, app, hosts: list[str]):
        self.app = app
        self.hosts = {h.lower().strip("[]") for h in hosts}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or "*" in self.hosts:
            return await self.app(scope, receive, send)
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()
        name = host[1:].partition("]")[0] if host.startswith("[") else host.rpartition(":")[0] if \
            host.count(":") == 1 else host
        if name in self.hosts:
            return await self.app(scope, receive, send)
        message = (f"host {name!r} is not served here; start the server with --allowed-host {name} "
                   "to serve it under that name") if name else "the request has no Host header"
        request = Request(scope, receive)
        response = _error(request, 400, message, templates=None)
        await response(scope, receive, send)


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


def create_app(db: str | None = None, *, token: str | None = None, max_body: int = MAX_BODY_BYTES,
               base_url: str = DEFAULT_BASE_URL, allowed_hosts: list[str] | tuple[str, ...] = DEFAULT_ALLOWED_HOSTS,
               extractor=None, max_waiting: int = MAX_WAITING, deliver_hooks: bool = False) -> FastAPI:
    """The application over the KB at `db` (URL; see `database_url`).

    `token`: the write token, default $CALLSHEET_TOKEN. `max_body`: the
    largest request body, in bytes (413 above). `base_url`: where users
    reach the server, for the links in feeds. `allowed_hosts`: the host
    names requests may name ("*" for any). `extractor`: run writes with
    this extractor on a thread of this process instead of in a worker
    process. `max_waiting`: writes that may wait their turn (503 above).
    `deliver_hooks` (as served): a webhook delivery worker
    (hooks.DeliveryWorker) runs while the application does.

    Raises `KnowledgeError` when the database cannot be opened."""
    from callsheet.interfaces.web import api, feeds, pages, views
    from callsheet.knowledge.stages import STAGE_LABELS

    kb = KnowledgeBase(db)
    writes = Writes(kb.url, extractor=extractor, max_waiting=max_waiting)

    @asynccontextmanager
    async def lifespan(_app):
        worker = None
        if deliver_hooks:
            from callsheet.knowledge.hooks import DeliveryWorker
            worker = DeliveryWorker(kb)
            worker.start()
        try:
            yield
        finally:
            if worker is not None:
                worker.stop()
            writes.close()

    app = FastAPI(title="callsheet", version="1", docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Film and TV projects from the trade press: who is attached, how firmly, "
                              "and the sentence that says so. Errors are `{\"detail\": message, \"status\": code}`. "
                              "Writing needs the server's token: use Authorize.")
    app.state.callsheet = State(kb, token if token is not None else os.environ.get("CALLSHEET_TOKEN"), max_body,
                                writes, base_url)
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.templates.env.globals.update(views=views, STAGE_LABELS=STAGE_LABELS,
                                           STATUS_LABELS=views.STATUS_LABELS)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.mount("/docs-assets", StaticFiles(directory=str(Path(swagger_ui.__file__).parent / "static")), name="docs-assets")
    app.include_router(api.router)
    app.include_router(api.writes)
    app.include_router(feeds.router)
    app.include_router(pages.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail
        if exc.status_code == 404 and not request.scope.get("route"):
            detail = f"no page or API at {request.url.path}"
        elif exc.status_code == 405:
            allow = _allowed_methods(request) or (exc.headers or {}).get("Allow", "other methods")
            exc.headers = {**(exc.headers or {}), "Allow": allow}
            detail = f"{request.method} is not allowed on {request.url.path}; it takes {exc.headers['Allow']}"
        return _error(request, exc.status_code, str(detail), headers=exc.headers)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):  # Starlette logs the traceback
        return _error(request, 500, "the server failed to answer this request; it is logged")

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

    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(AllowedHosts, hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeaders)
    return app


def app_from_environment() -> FastAPI:
    """For uvicorn's --factory: the settings `callsheet serve` puts in the
    environment ($CALLSHEET_DB, $CALLSHEET_BASE_URL, $CALLSHEET_ALLOWED_HOSTS
    comma-separated, $CALLSHEET_MAX_BODY, $CALLSHEET_DELIVER_HOOKS: 0 for
    no webhook delivery)."""
    env = os.environ
    return create_app(env.get("CALLSHEET_DB"), base_url=env.get("CALLSHEET_BASE_URL") or DEFAULT_BASE_URL,
                      allowed_hosts=[h for h in env.get("CALLSHEET_ALLOWED_HOSTS", "").split(",") if h]
                      or DEFAULT_ALLOWED_HOSTS,
                      max_body=int(env.get("CALLSHEET_MAX_BODY") or MAX_BODY_BYTES),
                      deliver_hooks=env.get("CALLSHEET_DELIVER_HOOKS", "1") != "0")


def _allowed_methods(request: Request) -> str | None:
    """Every method /openapi.json documents at this path (a path may be served
    by a reading route and a writing one, and Starlette names only the
    first's); None for a path it does not document."""
    for template, operations in request.app.openapi().get("paths", {}).items():
        if compile_path(template)[0].match(request.url.path):
            return ", ".join(sorted(m.upper() for m in operations if m in HTTP_METHODS))
    return None


def wants_page(request: Request) -> bool:
    """A browser asking for a page (not the API or a feed, and HTML accepted)."""
    return not request.url.path.startswith(("/api/", "/feeds/", "/openapi.json")) and \
        "text/html" in request.headers.get("accept", "")


def _error(request: Request, status: int, message: str, headers=None, templates: Jinja2Templates | None = None,
           **extra):
    """JSON for the API, feeds and API clients, a page for a browser."""
    templates = templates or (request.app.state.templates if "app" in request.scope else None)
    if templates is None or not wants_page(request):
        return JSONResponse({"detail": message, "status": status, **extra}, status_code=status, headers=headers)
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status, headers=headers)
