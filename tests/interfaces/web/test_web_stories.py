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
