"""The JSON API, version 1. Objects are the ones the CLI prints with --json."""
from __future__ import annotations

import logging
import uuid
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field, field_validator, model_validator

from callsheet.knowledge import KnowledgeError
from callsheet.knowledge.browse import changes, list_projects
from callsheet.knowledge.cards import card, search, timeline
from callsheet.knowledge.stages import STAGES
from callsheet.interfaces.batch import describe_error
from callsheet.reading import NotAnArticle, ReadError, article_from_html, parse_article
from callsheet.reading.published import check_published

router = APIRouter(prefix="/api/v1", tags=["api"])
log = logging.getLogger(__name__)
Stage = Literal[STAGES]  # type: ignore[valid-type]


def state(request: Request):
    return request.app.state.callsheet


def entity_card(request: Request, ent_id: int, type_: str, label: str) -> dict:
    try:
        found = card(state(request).kb, ent_id)
    except KnowledgeError:
        found = None
    if found is None or found["type"] != type_:
        raise HTTPException(404, f"no {label} with id {ent_id}")
    return found


@router.get("/projects", summary="Projects, most recently changed first")
def projects(request: Request,
             q: Annotated[str | None, Query(max_length=200, description="part of the title")] = None,
             status: Annotated[Stage | None, Query(description="the project's stage")] = None,
             studio: Annotated[str | None, Query(max_length=200, description="studio, network or streamer")] = None,
             kind: Annotated[str | None, Query(max_length=20, description="film, tv_series...")] = None,
             page: Annotated[int, Query(ge=1, le=100_000)] = 1,
             per_page: Annotated[int, Query(ge=1, le=100)] = 25) -> dict:
    return list_projects(state(request).kb, q=q, stage=status, studio=studio, kind=kind, page=page,
                         per_page=per_page)


@router.get("/projects/{project_id}", summary="A project's card (as `callsheet show project --json`)")
def project(request: Request, project_id: int) -> dict:
    return entity_card(request, project_id, "work", "project")


@router.get("/people/{person_id}", summary="A person's card")
def person(request: Request, person_id: int) -> dict:
    return entity_card(request, person_id, "person", "person")


@router.get("/companies/{company_id}", summary="A company's card")
def company(request: Request, company_id: int) -> dict:
    return entity_card(request, company_id, "company", "company")


@router.get("/search", summary="Full text over names and evidence sentences")
def search_kb(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
              limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict:
    return {"query": q, "results": search(state(request).kb, q, limit=limit)}


@router.get("/timeline/{project_id}", summary="Every dated change of a project, in order")
def project_timeline(request: Request, project_id: int) -> dict:
    entity_card(request, project_id, "work", "project")
    return {"project": project_id, "events": timeline(state(request).kb, project_id)}


def followed_entity(request: Request, project: int | None, person: int | None, company: int | None) -> int | None:
    given = [(i, t, label) for i, t, label in ((project, "work", "project"), (person, "person", "person"),
                                               (company, "company", "company")) if i is not None]
    if len(given) > 1:
        raise HTTPException(422, "bad parameters: follow one of project, person or company at a time")
    if not given:
        return None
    ent_id, type_, label = given[0]
    entity_card(request, ent_id, type_, label)
    return ent_id


@router.get("/changes", summary="New facts and status changes, newest first")
def recent_changes(request: Request,
                   since: Annotated[datetime | None, Query(description="ISO 8601; when callsheet learned it")] = None,
                   project: int | None = None, person: int | None = None, company: int | None = None,
                   limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict:
    entity = followed_entity(request, project, person, company)
    return {"since": since.isoformat() if since else None,
            "changes": changes(state(request).kb, since=since, entity=entity, limit=limit)}


class ArticleIn(BaseModel):
    text: str | None = Field(None, description="the article as plain text (headline, blank line, body)")
    html: str | None = Field(None, description="the article's web page; its text is found with trafilatura")
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$",
                                  description="YYYY-MM-DD, a real day; for an article that states no date")
    url: str | None = Field(None, max_length=2000)

    @field_validator("published")
    @classmethod
    def real_day(cls, value: str | None) -> str | None:
        return None if value is None else check_published(value)

    @model_validator(mode="after")
    def one_body(self):
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self


@router.post("/articles", status_code=201, summary="Extract one article and add it to the knowledge base")
def post_article(request: Request, body: ArticleIn) -> dict:
    shared = state(request)
    shared.check_token(request)
    doc_id = f"api-{uuid.uuid4().hex[:12]}"
    try:
        if body.html is not None:
            article = article_from_html(body.html, doc_id, published=body.published, url=body.url)
        else:
            if not any(ch.isalpha() for ch in body.text):
                raise ReadError(body.url or doc_id, "the text holds no words")
            article = parse_article(body.text, doc_id, published=body.published, path=body.url)
    except (ReadError, NotAnArticle) as exc:
        raise HTTPException(422, str(exc)) from None
    with shared.write_lock:
        extractor = shared.extractor()
        try:
            extraction = extractor.extract(article)
        except Exception as exc:  # noqa: BLE001  (a bug in a rule: this article fails, the server goes on)
            log.exception("cannot extract facts from %s", body.url or doc_id)
            raise HTTPException(422, f"cannot extract facts from this article ({describe_error(exc)}); "
                                     "nothing was stored") from None
        result = shared.kb.ingest(extraction, location=body.url)
    return {"outcome": result.outcome, "facts_stored": result.facts, "extraction": extraction.to_dict()}
