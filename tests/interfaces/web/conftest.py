"""A knowledge base for the web tests: the bundled samples as fixed
extractions (`sample_extractions`), plus the hostile article of web_kb."""
from __future__ import annotations

import pytest
from sample_extractions import sample_extractions
from web_kb import hostile_extraction


@pytest.fixture(scope="session")
def kb_url(databases):
    from callsheet.knowledge import KnowledgeBase
    url = databases.new("web")
    kb = KnowledgeBase(url)
    for extraction in sample_extractions():
        kb.ingest(extraction)
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
