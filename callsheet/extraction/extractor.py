"""The `Extractor`: articles in, `Extraction`s out, through the shipped
pipeline (`callsheet.extraction.model`), whose last component
(`callsheet_relations`) writes each doc's extraction. A long article goes
through in bounded pieces (`pieces.py`)."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from callsheet.extraction.model import load_model
from callsheet.extraction.pieces import PIECE_CHARS, extract_in_pieces
from callsheet.extraction.relations import COMPONENT
from callsheet.schema import Article, Extraction

PIPELINE_ENV = "CALLSHEET_PIPELINE"


class Extractor:
    """Articles in, `Extraction`s out, in batches through one spaCy pipeline.

    `pipeline` names a pipeline folder that `callsheet train` wrote (default:
    `$CALLSHEET_PIPELINE`, else the shipped model). Raises
    `callsheet.extraction.model.ModelError` when it cannot be loaded.
    """

    def __init__(self, nlp: Language | None = None, pipeline: str | None = None):
        self.nlp = nlp or load_model(pipeline or os.environ.get(PIPELINE_ENV) or None)
        if COMPONENT not in self.nlp.pipe_names:
            raise ValueError(f"pipeline has no {COMPONENT} component: {self.nlp.pipe_names}")

    def _doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(article.body)
        doc._.article = article
        return doc

    def extract(self, article: Article) -> Extraction:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Extraction]:
        """One extraction per article, in order; a long article in bounded pieces (`pieces`)."""
        return extract_in_pieces(self._pipe, articles, batch_size=batch_size,
                                 limit=min(PIECE_CHARS, self.nlp.max_length))

    def _pipe(self, articles: Iterable[Article], batch_size: int) -> Iterator[Extraction]:
        docs = (self._doc(a) for a in articles)
        for doc in self.nlp.pipe(docs, batch_size=batch_size):
            yield doc._.extraction
