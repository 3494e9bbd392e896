"""The JSON API, version 1. Objects are the ones the CLI prints with --json;
`models.py` describes each one in /openapi.json."""
from __future__ import annotations

import logging
import re
import uuid
from urllib.parse import urlsplit
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Literal

from alembic.migration import MigrationContext
from fastapi import APIRouter, HTTPException, Path, Query, Request, Response, Security
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPBearer
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator
from sqlalchemy import text

from callsheet import __version__
from callsheet.interfaces.batch import describe_error
from callsheet.interfaces.web import models
from callsheet.interfaces.web.writes import Busy, Refused
from callsheet.knowledge import KnowledgeError, redacted
from callsheet.knowledge import hooks as webhooks
from callsheet.knowledge.browse import changes, list_projects
from callsheet.knowledge.cards import card, search, timeline
from callsheet.knowledge.stages import STAGES
from callsheet.reading.published import check_published
from callsheet.schema import WORK_KINDS

router = APIRouter(prefix="/api/v1", tags=["api"])
log = logging.getLogger(__name__)
Stage = Literal[STAGES]  # type: ignore[valid-type]
WorkKind = Literal[WORK_KINDS]  # type: ignore[valid-type]
MAX_ID = 2 ** 63 - 1  # the largest id a database stores (64-bit signed)
EntityId = Annotated[int, Path(ge=1, le=MAX_ID, description="an id from a list, a search or a card")]
FilterId = Annotated[int | None, Query(ge=1, le=MAX_ID)]


def _words_only(value: str | None) -> str | None:
    """Query text reaches SQL: no NUL (no database stores it) and no lone surrogate."""
    if value is not None and "\x00" in value:
        raise ValueError("holds a NUL character (%00)")
    return _no_surrogates(value)


def _iso_time(value):
    """A date and time in ISO 8601, not a number (pydantic would take one as a Unix time)."""
    if isinstance(value, str) and not re.match(r"^\d{4}-\d{2}-\d{2}", value):
        raise ValueError("give a date and time in ISO 8601, such as 2026-05-01T09:00:00Z")
    return value


QueryText = Annotated[str, AfterValidator(_words_only)]
NO_NUL = {"pattern": "^[^\\u0000]*$"}
BEARER = HTTPBearer(auto_error=False, scheme_name="token",
                    description="the server's CALLSHEET_TOKEN; needed to write")
ERRORS = {400: "the Host header names a host this server does not serve",
          401: "no token, or not the server's token",
          404: "no such id",
          405: "the path does not take this method",
          413: "the body is over the server's limit",
          422: "bad parameters or body; `errors` lists them",
          503: "too many writes are waiting; retry after the Retry-After header's seconds"}


def errors(*codes: int) -> dict:
    """OpenAPI `responses` for these error statuses (and the ones every operation may give), in one JSON shape."""
    return {code: {"model": models.Error, "description": ERRORS[code]}
            for code in sorted({400, 405, 422, *codes})}


class TokenFirst(APIRoute):
    """A route that checks the bearer token before anything else, so that a
    caller without it learns nothing about the body the route takes."""

    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()

        async def checked(request: Request):
            state(request).check_token(request)
            return await handler(request)
        return checked


writes = APIRouter(prefix="/api/v1", tags=["api"], route_class=TokenFirst, dependencies=[Security(BEARER)])


def state(request: Request):
    return request.app.state.callsheet


def entity_card(request: Request, ent_id: int, type_: str, label: str) -> dict:
    try:
        found = card(state(request).kb, ent_id) if ent_id <= state(request).kb.max_id else None
    except KnowledgeError:
        found = None
    if found is None or found["type"] != type_:
        raise HTTPException(404, f"no {label} with id {ent_id}")
    return found


@router.get("/projects", summary="Projects, most recently changed first", response_model=None,
            responses={200: {"model": models.ProjectList}, **errors()})
def projects(request: Request,
             q: Annotated[QueryText | None, Query(max_length=200, description="part of the title",
                                                  json_schema_extra=NO_NUL)] = None,
             status: Annotated[Stage | None, Query(description="the project's stage")] = None,
             studio: Annotated[QueryText | None, Query(max_length=200, description="studio, network or streamer",
                                                       json_schema_extra=NO_NUL)] = None,
             kind: Annotated[WorkKind | None, Query(description="the kind of work")] = None,
             page: Annotated[int, Query(ge=1, le=100_000)] = 1,
             per_page: Annotated[int, Query(ge=1, le=100)] = 25) -> dict:
    return list_projects(state(request).kb, q=q, stage=status, studio=studio, kind=kind, page=page,
                         per_page=per_page)


@router.get("/projects/{project_id}", summary="A project's card (as `callsheet show project --json`)",
            response_model=None, responses={200: {"model": models.Card}, **errors(404)})
def project(request: Request, project_id: EntityId) -> dict:
    return entity_card(request, project_id, "work", "project")


@router.get("/people/{person_id}", summary="A person's card", response_model=None,
            responses={200: {"model": models.Card}, **errors(404)})
def person(request: Request, person_id: EntityId) -> dict:
    return entity_card(request, person_id, "person", "person")


@router.get("/companies/{company_id}", summary="A company's card", response_model=None,
            responses={200: {"model": models.Card}, **errors(404)})
def company(request: Request, company_id: EntityId) -> dict:
    return entity_card(request, company_id, "company", "company")


@router.get("/search", summary="Full text over names and evidence sentences", response_model=None,
            responses={200: {"model": models.SearchResults}, **errors()})
def search_kb(request: Request, q: Annotated[QueryText, Query(min_length=1, max_length=200, json_schema_extra=NO_NUL)],
              limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict:
    return {"query": q, "results": search(state(request).kb, q, limit=limit)}


@router.get("/timeline/{project_id}", summary="Every dated change of a project, in order", response_model=None,
            responses={200: {"model": models.Timeline}, **errors(404)})
def project_timeline(request: Request, project_id: EntityId) -> dict:
    entity_card(request, project_id, "work", "project")
    return {"project": project_id, "events": timeline(state(request).kb, project_id)}


def followed_entities(request: Request, project: int | None, person: int | None, company: int | None) -> list[int]:
    """The entities a feed of changes follows, each checked to exist with its type (else 404)."""
    given = [(i, t, label) for i, t, label in ((project, "work", "project"), (person, "person", "person"),
                                               (company, "company", "company")) if i is not None]
    for ent_id, type_, label in given:
        entity_card(request, ent_id, type_, label)
    return [ent_id for ent_id, _, _ in given]


@router.get("/changes", summary="New facts and status changes, newest first", response_model=None,
            description="Filters combine: `project` and `person` give the changes to that person's "
                        "credits on that project.",
            responses={200: {"model": models.Changes}, **errors(404)})
def recent_changes(request: Request,
                   since: Annotated[datetime | None, BeforeValidator(_iso_time),
                                    Query(description="ISO 8601; when callsheet learned it")] = None,
                   project: FilterId = None, person: FilterId = None, company: FilterId = None,
                   limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict:
    followed = followed_entities(request, project, person, company)
    return {"since": since.isoformat() if since else None,
            "changes": changes(state(request).kb, since=since, entities=followed, limit=limit)}


def _web_address(url: str) -> str:
    """The URL if urllib can split it and it names a host: the schema's pattern
    lets through hosts such as "[]" or "[x]" that are no IPv6 address."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        host = None
    if not host:
        raise ValueError("is no http(s) URL with a host (a bracketed host must be an IPv6 address)")
    return url


def _no_surrogates(value: str | None) -> str | None:
    """JSON can escape half of a UTF-16 pair ("\\ud800"), which is no character and cannot be stored."""
    if value is not None:
        bad = next((i for i, ch in enumerate(value) if "\ud800" <= ch <= "\udfff"), None)
        if bad is not None:
            raise ValueError(f"holds a lone surrogate (U+{ord(value[bad]):04X}) at character {bad}, "
                             "which is no character: send the text as valid Unicode")
    return value


class ArticleIn(BaseModel):
    """One article: its plain text or its web page, and where and when it appeared."""
    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra={  # null counts as not given
        "oneOf": [{"required": ["text"], "properties": {"text": {"type": "string"}}},
                  {"required": ["html"], "properties": {"html": {"type": "string"}}}]})

    text: str | None = Field(None, min_length=1,
                             description="the article as plain text (headline, blank line, body)")
    html: str | None = Field(None, min_length=1,
                             description="the article's web page; its text is found with trafilatura")
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$",
                                  description="YYYY-MM-DD, a real day; for an article that states no date")
    url: str | None = Field(None, max_length=2000, pattern=r"^[hH][tT][tT][pP][sS]?://[^\s/?#]+[^\s]*$",
                            description="where the article was published: an http or https URL")

    @field_validator("text", "html", "published", "url")
    @classmethod
    def unicode(cls, value: str | None) -> str | None:
        return _no_surrogates(value)

    @field_validator("url")
    @classmethod
    def splittable(cls, value: str | None) -> str | None:
        return None if value is None else _web_address(value)

    @field_validator("published")
    @classmethod
    def real_day(cls, value: str | None) -> str | None:
        return None if value is None else check_published(value)

    @model_validator(mode="after")
    def one_body(self):
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self


@writes.post("/articles", status_code=201, summary="Extract one article and add it to the knowledge base",
             description="Writes wait their turn in one queue, so that reads stay fast. An article with no "
                         "words, or a page with no article text, is a 422; nothing is stored.",
             response_model=None, responses={201: {"model": models.Written}, **errors(401, 413, 503)})
async def post_article(request: Request, body: ArticleIn) -> dict:
    posted = {**body.model_dump(), "id": f"api-{uuid.uuid4().hex[:12]}"}
    try:
        return await state(request).writes.write(posted)
    except Refused as exc:
        raise HTTPException(422, str(exc)) from None
    except Busy as exc:
        raise HTTPException(503, str(exc), headers={"Retry-After": "5"}) from None



@router.get("/health", summary="Whether the service can answer: the database, its schema, the webhook queue",
            response_model=None, responses={200: {"model": models.Health}, **errors(),
                                            503: {"model": models.Error,
                                                  "description": "the database does not answer"}})
def health(request: Request):
    kb = state(request).kb
    try:
        with kb.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            schema = MigrationContext.configure(conn).get_current_revision()
        queue = webhooks.pending_counts(kb)
    except Exception as exc:  # noqa: BLE001  (any failure of the database is "unavailable")
        log.error("health check: the database does not answer (%s)", redacted(kb.url, describe_error(exc)))
        return JSONResponse({"detail": "the database does not answer", "status": 503}, status_code=503)
    return {"status": "ok", "version": __version__, "database": kb.dialect, "schema": schema, "hooks": queue}


HookId = Annotated[int, Path(ge=1, le=MAX_ID, description="a hook's id, from the list of hooks")]


class HookIn(BaseModel):
    """A webhook: where to POST each event, whose changes (one project,
    person or company; none for every change), and the secret that signs it.
    Strict: an id is a JSON integer, never true, 1.0 or "1", as the schema says."""
    model_config = ConfigDict(extra="forbid", strict=True)

    url: str = Field(..., max_length=2000, pattern=r"^[hH][tT][tT][pP][sS]?://[^\s/?#]+[^\s]*$",
                     description="where each event is POSTed: an http or https URL")
    project: int | None = Field(None, ge=1, le=MAX_ID, description="follow this project's changes")
    person: int | None = Field(None, ge=1, le=MAX_ID, description="follow this person's changes")
    company: int | None = Field(None, ge=1, le=MAX_ID, description="follow this company's changes")
    secret: str | None = Field(None, min_length=1, max_length=500, json_schema_extra=NO_NUL,
                               description="signs each body: X-Callsheet-Signature: sha256=HMAC-SHA256(body)")

    @field_validator("url", "secret")
    @classmethod
    def storable(cls, value: str | None) -> str | None:
        return _words_only(value)

    @model_validator(mode="after")
    def one_entity(self):
        if sum(v is not None for v in (self.project, self.person, self.company)) > 1:
            raise ValueError("follow one of 'project', 'person' or 'company' (or none, for every change)")
        return self


def _shown(request: Request, hook: dict) -> dict:
    """A hook as a reader without the write token sees it: its URL's origin only (a path often holds a token)."""
    if state(request).authorized(request):
        return hook
    return {**hook, "url": webhooks.url_origin(hook["url"])}


def _hook(request: Request, hook_id: int) -> dict:
    try:
        if hook_id > state(request).kb.max_id:
            raise webhooks.HookError(f"no hook with id {hook_id}")
        return webhooks.hook(state(request).kb, hook_id)
    except webhooks.HookError:
        raise HTTPException(404, f"no hook with id {hook_id}") from None


@router.get("/hooks", summary="Webhooks (URLs in full with the write token, else their origin)",
            response_model=None, responses={200: {"model": models.Hooks}, **errors()})
def hooks_list(request: Request) -> dict:
    return {"hooks": [_shown(request, h) for h in webhooks.list_hooks(state(request).kb)]}


@writes.post("/hooks", status_code=201, summary="Add a webhook, for every change or one entity's",
             response_model=None, responses={201: {"model": models.Hook}, **errors(401, 404, 413)})
def hooks_add(request: Request, body: HookIn) -> dict:
    kind, entity = next(((k, v) for k, v in (("project", body.project), ("person", body.person),
                                              ("company", body.company)) if v is not None), (None, None))
    followed_entities(request, body.project, body.person, body.company)  # each one there, else 404
    try:
        made = webhooks.add_hook(state(request).kb, body.url, follows=(kind, entity) if kind else None,
                                 secret=body.secret)
    except webhooks.HookError as exc:
        raise HTTPException(422, str(exc)) from None
    log.info("hook %d added (%s), following %s", made["id"], webhooks.url_origin(made["url"]),
             "every change" if kind is None else f"{kind} {entity}")
    return made


@router.get("/hooks/{hook_id}", summary="A webhook and its deliveries counted", response_model=None,
            responses={200: {"model": models.Hook}, **errors(404)})
def hooks_one(request: Request, hook_id: HookId) -> dict:
    return _shown(request, _hook(request, hook_id))


@writes.delete("/hooks/{hook_id}", status_code=204, response_class=Response, summary="Remove a webhook",
               responses={204: {"description": "removed, with its deliveries"}, **errors(401, 404)})
def hooks_remove(request: Request, hook_id: HookId) -> Response:
    _hook(request, hook_id)
    try:
        webhooks.remove_hook(state(request).kb, hook_id)
    except webhooks.HookError:
        raise HTTPException(404, f"no hook with id {hook_id}") from None
    log.info("hook %d removed", hook_id)
    return Response(status_code=204)


@router.get("/hooks/{hook_id}/deliveries", summary="A webhook's deliveries, newest first, every attempt",
            response_model=None, responses={200: {"model": models.Deliveries}, **errors(404)})
def hooks_deliveries(request: Request, hook_id: HookId,
                     status: Annotated[Literal[webhooks.STATUSES] | None, Query()] = None,  # type: ignore[valid-type]
                     limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict:
    _hook(request, hook_id)
    return {"hook": hook_id,
            "deliveries": webhooks.deliveries(state(request).kb, hook_id=hook_id, status=status, limit=limit)}
