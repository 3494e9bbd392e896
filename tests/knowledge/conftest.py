"""The knowledge-base tests' fixture: a fresh knowledge base per test, on the
backend under test (SQLite, or PostgreSQL under `make test-postgres`)."""
from __future__ import annotations

import pytest

from callsheet.knowledge import KnowledgeBase


@pytest.fixture()
def kb(db_url):
    base = KnowledgeBase(db_url)
    yield base
    base.close()
