"""What the web tests share: a hand-made article whose every field carries
script payloads (so that escaping is checked on real pages), and lookups."""
from __future__ import annotations

from callsheet.schema import Article, Entity, Extraction, Fact

SCRIPT = "<script>window.__pwned = 1</script>"
IMG = "<img src=x onerror=\"window.__pwned = 2\">"
HOSTILE_TITLE = f"Heist {SCRIPT} Night"
HOSTILE_PERSON = f"Mara {IMG} Quell"


def hostile_extraction() -> Extraction:
    evidence = f"{HOSTILE_PERSON} is in talks to star in {HOSTILE_TITLE}, {IMG} sources said."
    article = Article(id="hostile", text=f"Payloads\n\n{evidence}", published="2026-05-01",
                      title=f"Payloads {SCRIPT}", source=f"Evil{IMG}", path="/news/hostile.txt")
    return Extraction(article, [Entity("w1", "work", HOSTILE_TITLE, "film"),
                                Entity("p1", "person", HOSTILE_PERSON),
                                Entity("o1", "outlet", f"Variety {SCRIPT}")],
                      [Fact(subject="p1", predicate="cast", object="w1", status="in_talks", evidence=evidence,
                            character=f"The {IMG} Thief", attribution="o1")])


TYPE_OF_PAGE = {"projects": "work", "people": "person", "companies": "company"}


def ids_of(client, type_path: str, name: str) -> int:
    """The id of the one entity of that page type (projects, people, companies) a search names."""
    hits = client.get("/api/v1/search", params={"q": name}).json()["results"]
    return next(h["id"] for h in hits
                if h["match"] == "name" and h["name"] == name and h["type"] == TYPE_OF_PAGE[type_path])
