"""A knowledge base for the web tests: the bundled samples through the real
extractor, plus a hand-made article whose every field carries script
payloads, so that escaping is checked on real pages."""
from __future__ import annotations

from pathlib import Path

import pytest

from callsheet.schema import Article, Entity, Extraction, Fact

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
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


@pytest.fixture(scope="session")
def kb_url(tmp_path_factory, extractor):
    from callsheet.knowledge import KnowledgeBase
    from callsheet.reading import iter_input_files, read_article
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'kb.db'}"
    kb = KnowledgeBase(url)
    for path in iter_input_files([str(SAMPLES)]):
        kb.ingest(extractor.extract(read_article(path)))
    kb.ingest(hostile_extraction())
    kb.close()
    return url


@pytest.fixture(scope="session")
def app(kb_url, extractor):
    from callsheet.interfaces.web import create_app
    application = create_app(kb_url, token="s3cret", max_body=64 * 1024)
    application.state.callsheet._extractor = extractor  # the session's pipeline, loaded once
    return application


@pytest.fixture()
def client(app):
    from fastapi.testclient import TestClient
    return TestClient(app)


def ids_of(client, type_path: str, name: str) -> int:
    hits = client.get("/api/v1/search", params={"q": name}).json()["results"]
    return next(h["id"] for h in hits if h["match"] == "name" and h["name"] == name)
