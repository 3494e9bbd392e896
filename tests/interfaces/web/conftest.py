"""A knowledge base for the web tests: the bundled samples through the real
extractor, plus the hostile article of web_kb."""
from __future__ import annotations

import pytest
from corpus_paths import SAMPLES
from web_kb import hostile_extraction


@pytest.fixture(scope="session")
def kb_url(databases, extractor):
    from callsheet.knowledge import KnowledgeBase
    from callsheet.reading import iter_input_files, read_article
    url = databases.new("web")
    kb = KnowledgeBase(url)
    for path in iter_input_files([str(SAMPLES)]):
        kb.ingest(extractor.extract(read_article(path)))
    kb.ingest(hostile_extraction())
    kb.close()
    return url


@pytest.fixture(scope="session")
def app(kb_url, extractor):
    from callsheet.interfaces.web import create_app
    # writes on a thread, with the session's pipeline (loaded once), not in a worker process
    return create_app(kb_url, token="s3cret", max_body=64 * 1024, extractor=extractor)


@pytest.fixture()
def client(app):
    from fastapi.testclient import TestClient
    return TestClient(app, base_url="http://127.0.0.1")
