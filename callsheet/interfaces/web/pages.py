"""Server-rendered pages, at the same ids as the API. Jinja2 escapes every
value; evidence is handed over in pieces, never as markup."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from callsheet.interfaces.web import views
from callsheet.interfaces.web.api import EntityId, QueryText, Stage, entity_card, state
from callsheet.knowledge.browse import changes, list_projects, projects_by_stage
from callsheet.knowledge.cards import Reader, search

router = APIRouter(include_in_schema=False)
# Pages whose reads are small and bounded (a project, a page of results) run on
# the event loop, which spares a thread hop per request; a person's or a
# company's page can hold thousands of credits, and the home page counts every
# project by stage, so those run in the threadpool.


def render(request: Request, template: str, **context) -> HTMLResponse:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context)


@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    kb = state(request).kb
    return render(request, "home.html", stages=projects_by_stage(kb), changes=changes(kb, limit=20))


@router.get("/projects", response_class=HTMLResponse)
async def projects_page(request: Request, stage: Stage | None = None,
                        q: Annotated[QueryText | None, Query(max_length=200)] = None,
                        studio: Annotated[QueryText | None, Query(max_length=200)] = None,
                        page: Annotated[int, Query(ge=1, le=100_000)] = 1):
    listing = list_projects(state(request).kb, stage=stage, q=q, studio=studio, page=page)
    return render(request, "projects.html", listing=listing, stage=stage, studio=studio or "", q=q or "")


@router.get("/projects/{project_id}", response_class=HTMLResponse)
async def project_page(request: Request, project_id: EntityId):
    project = entity_card(request, project_id, "work", "project")
    return render(request, "project.html", project=project, groups=views.group_facts(project["facts"]),
                  timeline=views.timeline_svg(project["facts"]))


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: EntityId):
    person = entity_card(request, person_id, "person", "person")
    return render(request, "entity.html", entity=person, kind="person",
                  groups=views.credits_by_status(person["facts"]))


@router.get("/companies/{company_id}", response_class=HTMLResponse)
def company_page(request: Request, company_id: EntityId):
    company = entity_card(request, company_id, "company", "company")
    return render(request, "entity.html", entity=company, kind="company",
                  groups=views.credits_by_status(company["facts"]))


@router.get("/search", response_class=HTMLResponse)
async def search_page(request: Request, q: Annotated[QueryText, Query(max_length=200)] = ""):
    results = search(state(request).kb, q, limit=50) if q.strip() else []
    return render(request, "search.html", q=q, results=results)


@router.get("/go/{entity_id}")
def go_to_entity(request: Request, entity_id: EntityId):
    """Search hits name any entity; this sends the browser to its page."""
    kb = state(request).kb
    with kb.engine.connect() as conn:
        row = Reader(conn).row(entity_id) if entity_id <= kb.max_id else None
    if row is None or row.type not in views.PAGE_OF_TYPE:
        raise HTTPException(404, f"no page for entity {entity_id}")
    return RedirectResponse(f"/{views.PAGE_OF_TYPE[row.type]}/{entity_id}", status_code=303)
