"""The server-rendered pages: what each shows, escaping, and the headers that
keep article text from ever running as code."""
from __future__ import annotations

import re

import pytest
from web_kb import HOSTILE_PERSON, HOSTILE_TITLE, ids_of

HTML = {"accept": "text/html"}


def project_id(client, display: str) -> int:
    items = client.get("/api/v1/projects", params={"per_page": 100}).json()["items"]
    return next(p["id"] for p in items if p["display"] == display)


def test_every_page_sends_a_strict_content_security_policy(client):
    for path in ("/", "/projects", "/search?q=harbor", f"/projects/{project_id(client, 'Midnight Harbor')}"):
        got = client.get(path, headers=HTML)
        assert got.status_code == 200, path
        csp = got.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert got.headers["x-content-type-options"] == "nosniff"
        assert "<script" not in got.text  # the pages run no script at all
        assert not re.search(r"(src|href)=\"https?://", got.text), path  # no outside asset


def test_the_project_page_shows_people_status_evidence_and_timeline(client):
    page = client.get(f"/projects/{project_id(client, '(untitled sequel of Midnight Harbor)')}", headers=HTML).text
    assert "<h1>(untitled sequel of Midnight Harbor)</h1>" in page
    assert 'Sequel of <a href="/projects/' in page
    assert re.search(r'<a href="/people/\d+">Ruth Adeyemi</a>', page)
    assert 'class="badge status-exited">Exited<' in page
    assert "<mark>Ruth Adeyemi</mark> is set to direct the" in page
    assert "according to Variety" in page
    assert "<svg" in page and 'class="seg seg-in_talks"' in page


def test_conflicting_sources_are_shown_side_by_side(db_url, extractor):
    from fastapi.testclient import TestClient

    from callsheet.interfaces.web import create_app
    from callsheet.knowledge import KnowledgeBase
    from callsheet.schema import Article, Entity, Extraction, Fact
    kb = KnowledgeBase(db_url)
    for doc, person in (("a", "Ana Bell"), ("b", "Tom Reyes")):
        kb.ingest(Extraction(Article(id=doc, text=doc, published="2026-01-0" + ("1" if doc == "a" else "2"),
                                     path=doc), [Entity("w", "work", "Vault Two", "film"), Entity("p", "person", person)],
                             [Fact(subject="p", predicate="director", object="w", status="attached",
                                   evidence=f"{person} will direct Vault Two.")]))
    kb.close()
    client = TestClient(create_app(db_url), base_url="http://127.0.0.1")
    page = client.get("/projects/1", headers=HTML).text
    block = page.split("Sources disagree", 1)[1].split("</section>", 1)[0]
    assert block.count('class="claim"') == 2 and "Ana Bell" in block and "Tom Reyes" in block


def test_person_and_company_pages_group_credits_by_status(client):
    page = client.get(f"/people/{ids_of(client, 'people', 'Tomas Reyes')}", headers=HTML).text
    assert re.search(r"<h2[^>]*>Exited", page) and re.search(r"<h2[^>]*>Credited", page)
    company = client.get(f"/companies/{ids_of(client, 'companies', 'Lantern Pictures')}", headers=HTML).text
    assert "Studio" in company and "/projects/" in company


def test_home_shows_stages_changes_and_a_labelled_search_box(client):
    page = client.get("/", headers=HTML).text
    for label in ("Rumored", "In talks", "Attached", "Filming", "Released"):
        assert f">{label}</a>" in page
    assert '<label for="q">' in page and 'id="q" name="q"' in page
    assert 'class="change"' in page and 'href="/feeds/changes.atom"' in page


def test_search_page_links_to_each_hit(client):
    page = client.get("/search", params={"q": "Orchard"}, headers=HTML).text
    assert re.search(r'<a href="/projects/\d+">The Orchard Thieves</a>', page)
    assert client.get("/search", params={"q": ""}, headers=HTML).status_code == 200


def test_every_field_of_a_hostile_article_is_escaped(client):
    work = ids_of(client, "projects", HOSTILE_TITLE)
    person = ids_of(client, "people", HOSTILE_PERSON)
    for path in (f"/projects/{work}", f"/people/{person}", "/", "/search?q=Heist", "/projects"):
        page = client.get(path, headers=HTML).text
        assert "<script>window" not in page and "<img src=x" not in page, path
    page = client.get(f"/projects/{work}", headers=HTML).text
    assert "Heist &lt;script&gt;window.__pwned = 1&lt;/script&gt; Night" in page
    assert "&lt;img src=x onerror=&#34;window.__pwned = 2&#34;&gt;" in page


@pytest.mark.parametrize("path, status", [("/projects/987654", 404), ("/people/987654", 404),
                                          ("/companies/987654", 404), ("/projects/abc", 422),
                                          ("/projects?stage=bogus", 422), ("/nowhere", 404), ("/go/987654", 404)])
def test_errors_are_pages_for_a_browser(client, path, status):
    got = client.get(path, headers=HTML)
    assert got.status_code == status
    assert got.headers["content-type"].startswith("text/html") and "<h1>" in got.text


def test_go_sends_a_search_hit_to_its_page(client):
    person = ids_of(client, "people", "Nadia Orlov")
    got = client.get(f"/go/{person}", follow_redirects=False)
    assert got.status_code == 303 and got.headers["location"] == f"/people/{person}"


def test_a_date_callsheet_inferred_is_marked_as_such(client):
    """An undated sample (04_harbor_confirmed) is dated by the day it was ingested, and the page says so."""
    page = client.get(f"/projects/{project_id(client, '(untitled sequel of Midnight Harbor)')}", headers=HTML).text
    assert re.search(r'<span class="inferred" title="[^"]*ingested it">\d{4}-\d{2}-\d{2} \(inferred\)</span>', page)
    assert re.search(r"(?<!\d)2026-01-12(?! \(inferred\))", page)  # the dated articles' dates stand as given


def test_a_source_links_to_the_article_and_search_rows_show_date_values(db_url):
    from fastapi.testclient import TestClient

    from callsheet.interfaces.web import create_app
    from callsheet.knowledge import KnowledgeBase
    from callsheet.schema import Article, Entity, Extraction, Fact
    url = db_url
    kb = KnowledgeBase(url)
    evidence = "Vault Two opens in March 2027, the studio said."
    kb.ingest(Extraction(Article(id="vault", text=evidence, published="2026-01-01", source="Trade Daily"),
                         [Entity("w", "work", "Vault Two", "film")],
                         [Fact(subject="w", predicate="release_date", value="2027-03", status="attached",
                               evidence=evidence)]), location="https://trade.example/vault-two?id=7&x=1")
    kb.close()
    client = TestClient(create_app(url), base_url="http://127.0.0.1")
    page = client.get("/projects/1", headers=HTML).text
    assert '<a href="https://trade.example/vault-two?id=7&amp;x=1" rel="noopener noreferrer nofollow">Trade Daily</a>' \
        in page
    found = client.get("/search", params={"q": "March"}, headers=HTML).text
    assert re.search(r"Vault Two · release date · 2027-03", found)
