"""Extraction: parsed articles to entities and facts in format v1."""
from callsheet.extraction.extractor import Extractor, extract_doc

__all__ = ["Extractor", "extract_doc"]
