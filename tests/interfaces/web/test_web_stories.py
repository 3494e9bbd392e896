"""Per fact, the API and the project page say how many stories, outlets and
articles report it: syndicated copies are marked, and counted once as a story."""
from __future__ import annotations

import sys
from pathlib import Path

from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "knowledge"))
from kb_helpers import sequel_credit  # noqa: E402

from callsheet.interfaces.web import create_app  # noqa: E402
from callsheet.knowledge import KnowledgeBase  # noqa: E402

STORY = ("Nadia Orlov is in final talks to star in the Midnight Harbor sequel for Lantern Pictures, sources say. "
         "Ruth Adeyemi will direct from a script by Ivy Chen, and production starts in Vancouver this fall.")
SCOOP = "Lantern Pictures confirmed on Tuesday that Nadia Orlov will lead the sequel, ending weeks of talks."


def test_cards_and_pages_count_stories_outlets_and_articles(db_url):
    url = db_url
    kb = KnowledgeBase(url)
    for doc, source, body in [("wire", "ReelWire", STORY), ("mirror", "Trade Daily", STORY + " More at our site."),
                              ("copy2", "Screen Post", "Exclusive\n\n" + STORY), ("scoop", "ReelWire", SCOOP)]:
        extraction = sequel_credit(doc, "2026-02-20", "in_talks", "Nadia Orlov is in final talks.")
        extraction.article.text, extraction.article.source = body, source
        kb.ingest(extraction)
    kb.close()
    client = TestClient(create_app(url), base_url="http://127.0.0.1")  # an allowed host
    person = client.get("/api/v1/search", params={"q": "Nadia Orlov"}).json()["results"][0]["id"]
    fact = client.get(f"/api/v1/people/{person}").json()["facts"][0]
    assert fact["reports"] == {"articles": 4, "outlets": 3, "stories": 2}
    work = fact["work"]["id"]
    page = client.get(f"/projects/{work}", headers={"accept": "text/html"}).text
    assert "2 stories · 3 outlets, 4 articles" in page
    assert page.count('class="badge copy"') == 2


def test_a_projects_page_shows_the_sentence_stating_its_link_escaped(db_url):
    from callsheet.schema import Article, Entity, Extraction, Fact
    evidence = "Lantern Pictures is making a <script>window.__pwned = 1</script> Midnight Harbor sequel."
    kb = KnowledgeBase(db_url)
    kb.ingest(Extraction(Article(id="link", text=evidence, published="2026-02-20", source="ReelWire"),
                         [Entity("w1", "work", "Midnight Harbor", "film"), Entity("w2", "work", None, "film")],
                         [Fact(subject="w2", predicate="sequel_of", object="w1", evidence=evidence)]))
    kb.close()
    client = TestClient(create_app(db_url), base_url="http://127.0.0.1")
    sequel = next(r["subject_id"] for r in client.get("/api/v1/search", params={"q": "Midnight Harbor"}).json()[
        "results"] if r["match"] == "evidence")
    (link,) = client.get(f"/api/v1/projects/{sequel}").json()["links"]
    assert link["history"][0]["evidence"] == evidence
    page = client.get(f"/projects/{sequel}", headers={"accept": "text/html"}).text
    assert "<script>window" not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
