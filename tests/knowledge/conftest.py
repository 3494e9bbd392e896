"""The knowledge-base tests' fixture: a fresh knowledge base per test."""
from __future__ import annotations

import pytest

from callsheet.knowledge import KnowledgeBase


@pytest.fixture()
def kb(tmp_path):
    base = KnowledgeBase(f"sqlite:///{tmp_path / 'kb.db'}")
    yield base
    base.close()
