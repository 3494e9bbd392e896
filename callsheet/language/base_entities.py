"""Keeps the base pipeline's own entities (dates, times, money, numbers...)
beside callsheet's: the trade recogniser that runs next labels the seven
FORMAT.md entity types and fictional characters, and would otherwise start
from (and be constrained by) the base recogniser's labels."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

BASE_ENTS_KEY = "base_ents"


class BaseEntities:
    """spaCy component: moves `doc.ents` to `doc.spans["base_ents"]` and
    leaves every token's entity annotation missing."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[BASE_ENTS_KEY] = list(doc.ents)
        doc.set_ents([], default="missing")
        return doc


@Language.factory("callsheet_base_entities")
def make_base_entities(nlp: Language, name: str) -> BaseEntities:
    return BaseEntities(name)
