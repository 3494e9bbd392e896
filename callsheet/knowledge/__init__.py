"""The knowledge base stage: extractions in, merged projects, people and companies out."""
from callsheet.knowledge.store import (AmbiguousName, IngestResult, KnowledgeBase, KnowledgeError,
                                       database_url, redacted)

__all__ = ["AmbiguousName", "IngestResult", "KnowledgeBase", "KnowledgeError", "database_url", "redacted"]
