"""Extraction: parsed articles to entities and facts in format v1, by a
learned entity recogniser and learned relation models (see `model.py` for
the shipped pipeline and `training/` for how it is made)."""
from callsheet.extraction.extractor import Extractor
from callsheet.extraction.model import ModelError, load_model

__all__ = ["Extractor", "ModelError", "load_model"]
