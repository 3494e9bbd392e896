"""Shared fixtures: the real pipeline (loaded once) and the corpus in ../shared."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def extractor():
    from callsheet.extraction import Extractor
    return Extractor()


@pytest.fixture(scope="session")
def nlp(extractor):
    return extractor.nlp


@pytest.fixture(scope="session")
def extract(extractor):
    """Extracts a snippet and returns a helper view of the result."""
    from callsheet.reading import parse_article

    def run(text: str, published: str | None = None):
        return View(extractor.extract(parse_article(text, "t", published=published)))
    return run


class View:
    """Facts as readable tuples: (subject name, predicate, object name or value, status)."""

    def __init__(self, extraction):
        self.extraction = extraction
        self.names = {e.id: e.name or f"<untitled {e.kind}>" for e in extraction.entities}

    def facts(self, predicate: str | None = None):
        return {(self.names[f.subject], f.predicate,
                 self.names[f.object] if f.object else f.value, f.status)
                for f in self.extraction.facts if predicate in (None, f.predicate)}

    def entities(self, type_: str):
        return {e.name for e in self.extraction.entities if e.type == type_}


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    """Empty databases on the backend under test (see databases.py)."""
    from db_backend import Databases
    made = Databases(tmp_path_factory.mktemp("databases"))
    yield made
    made.drop_all()


@pytest.fixture()
def db_url(databases):
    """The URL of a new, empty knowledge base on the backend under test."""
    return databases.new()
