"""The JSON API through FastAPI's test client: every endpoint and error path."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from xml.etree import ElementTree

import made_up
import pytest
from web_kb import HOSTILE_TITLE, ids_of
from fastapi.testclient import TestClient

from callsheet.interfaces.web import create_app
from callsheet.knowledge import KnowledgeBase
from callsheet.knowledge.cards import card, find


def test_a_project_is_the_same_object_as_show_project_json(client, kb_url):
    kb = KnowledgeBase(kb_url)
    project_id = find(kb, "project", "The Orchard Thieves")
    expected = card(kb, project_id)
    kb.close()
    got = client.get(f"/api/v1/projects/{project_id}")
    assert got.status_code == 200
    assert got.json() == expected
    assert got.json()["type"] == "work" and got.json()["name"] == "The Orchard Thieves"


def test_people_and_companies_by_id(client):
    person = client.get(f"/api/v1/people/{ids_of(client, 'people', 'Nadia Orlov')}").json()
    assert person["type"] == "person" and person["name"] == "Nadia Orlov"
    assert {f["work"]["display"] for f in person["facts"] if "work" in f} >= {"(untitled sequel of Midnight Harbor)"}
    company = client.get(f"/api/v1/companies/{ids_of(client, 'companies', 'Lantern Pictures')}").json()
    assert company["type"] == "company"
    assert any(f["predicate"] == "studio" for f in company["facts"])


@pytest.mark.parametrize("path, label", [("/api/v1/projects/987654", "project"), ("/api/v1/people/987654", "person"),
                                         ("/api/v1/companies/987654", "company"),
                                         ("/api/v1/timeline/987654", "project")])
def test_unknown_ids_are_404_with_a_message(client, path, label):
    got = client.get(path)
    assert got.status_code == 404
    assert got.json() == {"detail": f"no {label} with id 987654", "status": 404}


def test_an_id_of_another_type_is_404(client):
    person = ids_of(client, "people", "Nadia Orlov")
    assert client.get(f"/api/v1/projects/{person}").status_code == 404


def test_projects_filter_by_stage_studio_kind_and_name_and_paginate(client):
    everything = client.get("/api/v1/projects", params={"per_page": 100}).json()
    assert everything["total"] == len(everything["items"]) > 5
    released = client.get("/api/v1/projects", params={"status": "released"}).json()
    assert released["items"] and all(p["stage"] == "released" for p in released["items"])
    series = client.get("/api/v1/projects", params={"kind": "tv_series"}).json()
    assert sorted(p["name"] for p in series["items"]) == ["Brain Drain", "The Lighthouse Keepers"]  # a quiz show
    by_studio = client.get("/api/v1/projects", params={"studio": "lantern pictures"}).json()
    assert by_studio["total"] >= 1
    assert all(any(c["name"] == "Lantern Pictures" for c in p["companies"]) for p in by_studio["items"])
    named = client.get("/api/v1/projects", params={"q": "orchard"}).json()
    assert {p["name"] for p in named["items"]} == {"The Orchard Thieves"}
    first, second = (client.get("/api/v1/projects", params={"per_page": 2, "page": n}).json() for n in (1, 2))
    assert first["pages"] == second["pages"] > 2
    assert not {p["id"] for p in first["items"]} & {p["id"] for p in second["items"]}


@pytest.mark.parametrize("params", [{"status": "shooting"}, {"page": 0}, {"per_page": 1000}, {"page": "two"}])
def test_bad_list_parameters_are_422(client, params):
    got = client.get("/api/v1/projects", params=params)
    assert got.status_code == 422
    assert got.json()["detail"].startswith("bad parameters: ")


def test_search_finds_names_and_evidence_and_needs_a_query(client):
    hits = client.get("/api/v1/search", params={"q": "Adeyemi"}).json()["results"]
    assert any(h["match"] == "name" and h["name"] == "Ruth Adeyemi" for h in hits)
    assert any(h["match"] == "evidence" and "Adeyemi" in h["evidence"] for h in hits)
    assert client.get("/api/v1/search", params={"q": 'AND OR "('}).status_code == 200
    assert client.get("/api/v1/search").status_code == 422
    assert client.get("/api/v1/search", params={"q": ""}).status_code == 422


def test_timeline_lists_dated_changes_in_order(client):
    sequel = next(p for p in client.get("/api/v1/projects", params={"per_page": 100}).json()["items"]
                  if p["display"] == "(untitled sequel of Midnight Harbor)")
    events = client.get(f"/api/v1/timeline/{sequel['id']}").json()["events"]
    dates = [e["published"] or "" for e in events]
    assert dates == sorted(dates)
    assert any(e["change"] == "status" for e in events)


def test_changes_since_and_for_one_entity(client):
    everything = client.get("/api/v1/changes", params={"limit": 500}).json()["changes"]
    assert everything and {c["change"] for c in everything} <= {"new", "status"}
    later = (datetime.now(timezone.utc) + timedelta(days=1)).isoformat()
    assert client.get("/api/v1/changes", params={"since": later}).json()["changes"] == []
    nadia = ids_of(client, "people", "Nadia Orlov")
    mine = client.get("/api/v1/changes", params={"person": nadia}).json()["changes"]
    assert mine and all(nadia in (c["subject_id"], c["object_id"]) for c in mine)
    assert client.get("/api/v1/changes", params={"since": "last tuesday"}).status_code == 422
    sequel = next(p for p in client.get("/api/v1/projects", params={"per_page": 100}).json()["items"]
                  if p["display"] == "(untitled sequel of Midnight Harbor)")
    both = client.get("/api/v1/changes", params={"person": nadia, "project": sequel["id"]}).json()["changes"]
    assert both and all({c["subject_id"], c["object_id"]} == {nadia, sequel["id"]} for c in both)
    assert {c["id"] for c in both} < {c["id"] for c in mine}
    assert client.get("/api/v1/changes", params={"person": 987654}).status_code == 404


def test_the_atom_feed_is_valid_xml_and_follows_one_project(client):
    sequel = next(p for p in client.get("/api/v1/projects", params={"per_page": 100}).json()["items"]
                  if p["display"] == "(untitled sequel of Midnight Harbor)")
    got = client.get("/feeds/changes.atom", params={"project": sequel["id"]})
    assert got.status_code == 200 and got.headers["content-type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(got.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert entries and "Midnight Harbor" in feed.find("a:title", ns).text
    assert all(e.find("a:link", ns).get("href").endswith(f"/projects/{sequel['id']}") for e in entries)
    hostile = client.get("/feeds/changes.atom").text
    assert "<script>" not in hostile and "&lt;script&gt;" in hostile
    assert client.get("/feeds/changes.atom", params={"company": 987654}).status_code == 404


def test_openapi_and_its_browser_are_served_without_outside_assets(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/v1/projects", "/api/v1/articles", "/api/v1/changes"} <= set(spec["paths"])
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/docs-assets/swagger-ui-bundle.js" in docs.text
    assert "http" not in docs.text.replace("http-equiv", "")
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200


@pytest.fixture()
def writer(db_url, extractor):
    app = create_app(db_url, token="s3cret", max_body=4096, extractor=extractor)
    return TestClient(app, base_url="http://127.0.0.1")


ARTICLE = {"text": "Casting news\n\nSarah Collins is set to direct the 'Salt Road' sequel for Kestrel Films.",
           "published": "2026-03-01", "url": "https://example.test/salt-road"}


def test_posting_an_article_needs_the_token(writer):
    assert writer.post("/api/v1/articles", json=ARTICLE).status_code == 401
    wrong = writer.post("/api/v1/articles", json=ARTICLE, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and "Bearer" in wrong.json()["detail"]
    assert wrong.headers["www-authenticate"] == "Bearer"


def test_a_server_without_a_token_refuses_every_write(db_url, monkeypatch):
    monkeypatch.delenv("CALLSHEET_TOKEN", raising=False)
    closed = TestClient(create_app(db_url), base_url="http://localhost")
    got = closed.post("/api/v1/articles", json=ARTICLE, headers={"Authorization": "Bearer "})
    assert got.status_code == 401 and "CALLSHEET_TOKEN" in got.json()["detail"]


def test_posting_an_article_extracts_ingests_and_answers_with_its_facts(writer):
    auth = {"Authorization": "Bearer s3cret"}
    got = writer.post("/api/v1/articles", json=ARTICLE, headers=auth)
    assert got.status_code == 201, got.text
    body = got.json()
    assert body["outcome"] == "added" and body["facts_stored"] >= 2
    assert {f["predicate"] for f in body["extraction"]["facts"]} >= {"director", "sequel_of"}
    people = writer.get("/api/v1/search", params={"q": "Sarah Collins"}).json()["results"]
    assert any(h["match"] == "name" for h in people)
    again = writer.post("/api/v1/articles", json=ARTICLE, headers=auth).json()
    assert again["outcome"] == "unchanged"
    html = {"html": "<html><head><title>Kestrel news</title></head><body><nav>Home | About</nav><article>"
                    "<h1>Kestrel news</h1><p>Sarah Collins has exited the 'Salt Road' sequel, sources told "
                    "Variety on Monday after a long dispute about the schedule.</p></article></body></html>",
            "published": "2026-04-01"}
    assert writer.post("/api/v1/articles", json=html, headers=auth).status_code == 201


@pytest.mark.parametrize("body", [{}, {"text": "a", "html": "<p>a</p>"}, {"text": "Casting", "published": "May"},
                                  {"text": "1234 5678"}, {"html": "<html><body></body></html>"},
                                  {"html": made_up.section_front()}, {"text": 1234}, {"text": True},
                                  {"text": "Casting news", "published": 20260401},
                                  {"text": "Casting news", "url": "hTtpS://a[]b.test/x"},
                                  {"text": "Casting news", "url": "https://[not-ipv6]/x"}])
def test_bad_article_bodies_are_422(writer, body):
    got = writer.post("/api/v1/articles", json=body, headers={"Authorization": "Bearer s3cret"})
    assert got.status_code == 422, got.text
    assert got.json()["detail"]


def test_a_body_over_the_limit_is_413(writer):
    big = {"text": "Casting news\n\n" + "word " * 2000}
    got = writer.post("/api/v1/articles", json=big, headers={"Authorization": "Bearer s3cret"})
    assert got.status_code == 413 and "limit" in got.json()["detail"]


def test_a_streamed_body_over_the_limit_is_413_too(writer):
    def chunks():
        yield b'{"text": "Casting news. '
        for _ in range(100):
            yield b"word " * 20

    got = writer.post("/api/v1/articles", content=chunks(),
                      headers={"Authorization": "Bearer s3cret", "Content-Type": "application/json"})
    assert got.status_code == 413 and "limit" in got.json()["detail"]


def test_hostile_text_comes_back_verbatim_in_json(client):
    hits = client.get("/api/v1/search", params={"q": "Heist"}).json()["results"]
    assert any(h.get("name") == HOSTILE_TITLE for h in hits)


@pytest.mark.parametrize("published", ["2026-13-45", "yesterday"])
def test_a_published_date_that_is_no_real_day_is_422_and_nothing_is_stored(writer, published):
    got = writer.post("/api/v1/articles", json={**ARTICLE, "published": published},
                      headers={"Authorization": "Bearer s3cret"})
    assert got.status_code == 422 and "published" in got.json()["detail"]
    assert writer.get("/api/v1/search", params={"q": "Sarah Collins"}).json()["results"] == []


def test_an_article_that_breaks_extraction_is_a_clean_422_and_nothing_is_stored(writer):
    class Breaks:
        def extract(self, article):
            raise RecursionError("maximum recursion depth exceeded")

    writer.app.state.callsheet.writes.local.extractor = Breaks()
    got = writer.post("/api/v1/articles", json=ARTICLE, headers={"Authorization": "Bearer s3cret"})
    assert got.status_code == 422
    assert got.json() == {"status": 422, "detail": "cannot extract facts from this article (RecursionError: "
                                                   "maximum recursion depth exceeded); nothing was stored"}
    assert writer.get("/api/v1/search", params={"q": "Sarah Collins"}).json()["results"] == []


def test_the_same_text_posted_without_a_url_is_one_document(writer):
    auth = {"Authorization": "Bearer s3cret"}
    body = {"text": ARTICLE["text"], "published": ARTICLE["published"]}
    assert writer.post("/api/v1/articles", json=body, headers=auth).json()["outcome"] == "added"
    assert writer.post("/api/v1/articles", json=body, headers=auth).json()["outcome"] == "unchanged"
    assert writer.post("/api/v1/articles", json=ARTICLE, headers=auth).json()["outcome"] == "unchanged"


@pytest.mark.parametrize("body", [{"text": "Casting news", "html": None}, {"html": "<p>Casting news</p>", "text": None},
                                  {"text": "Casting news", "html": "<p>x</p>"}, {"text": None, "html": None}, {}])
def test_the_article_schema_and_the_api_agree_that_null_is_not_given(body):
    """schemathesis in CI sent {"text": "r", "html": null}: the schema's oneOf
    counted the null html as given, the API did not."""
    import jsonschema_rs
    from pydantic import ValidationError

    from callsheet.interfaces.web.api import ArticleIn
    valid = jsonschema_rs.validator_for(ArticleIn.model_json_schema()).is_valid(body)
    try:
        ArticleIn(**body)
        accepted = True
    except ValidationError:
        accepted = False
    assert valid == accepted
