"""The feed of changes as Atom, so that a project, a person or a company can
be followed in any feed reader."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from callsheet.interfaces.web.api import FilterId, errors, followed_entities, state
from callsheet.interfaces.web.views import PAGE_OF_TYPE, change_summary
from callsheet.knowledge.browse import changes
from callsheet.knowledge.cards import Reader, shown_date

router = APIRouter(tags=["feeds"])
ATOM = "http://www.w3.org/2005/Atom"


@router.get("/feeds/changes.atom", summary="Changes as an Atom feed (follow a project, a person or a company)",
            description="Filters combine, as in /api/v1/changes. Links are built from the server's base URL.",
            response_class=Response,
            responses={200: {"content": {"application/atom+xml": {"schema": {"type": "string"}}},
                             "description": "an Atom 1.0 feed"}, **errors(404)})
def changes_feed(request: Request, project: FilterId = None, person: FilterId = None, company: FilterId = None,
                 limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Response:
    followed = followed_entities(request, project, person, company)
    kb = state(request).kb
    items = changes(kb, entities=followed, limit=limit)
    base = state(request).base_url
    title = "callsheet: all changes"
    if followed:
        with kb.engine.connect() as conn:
            reader = Reader(conn)
            title = "callsheet: " + " and ".join(reader.display(e) for e in followed)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    query = f"?{request.url.query}" if request.url.query else ""
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"{base}{request.url.path}{query}"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base}{request.url.path}{query}")
    updated = items[0]["ingested_at"] if items else datetime.now(timezone.utc).isoformat(timespec="seconds")
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = "callsheet"
    for item in items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = change_summary(item)
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{base}/api/v1/changes#{item['id']}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = item["ingested_at"]
        if item["published"] and not item["date_inferred"]:  # an inferred date is no publication date
            ET.SubElement(entry, f"{{{ATOM}}}published").text = f"{item['published']}T00:00:00Z"
        work_id, work_type = ((item["object_id"], item["object_type"])
                              if item["object_type"] == "work" and item["subject_type"] != "work"
                              else (item["subject_id"], item["subject_type"]))
        if work_type in PAGE_OF_TYPE:
            ET.SubElement(entry, f"{{{ATOM}}}link", href=f"{base}/{PAGE_OF_TYPE[work_type]}/{work_id}")
        source = item["source"] or item["doc"]
        said = f" ({item['attribution']})" if item["attribution"] else ""
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = f"“{item['evidence']}” — {source}, " \
                                                        f"{shown_date(item)}{said}"
    body = ET.tostring(feed, encoding="unicode", xml_declaration=False)
    return Response('<?xml version="1.0" encoding="utf-8"?>\n' + body, media_type="application/atom+xml")
