"""The knowledge base's tables (SQLAlchemy Core), in the Wikidata shape: an
entity has aliases; a statement (subject, predicate, object or value) has one
or more assertions, each from one document with its evidence and date.

The migrations in `migrations/versions` create exactly these tables; a test
checks that the two never drift apart.
"""
from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String,
                        Table, Text, UniqueConstraint, false)

metadata = MetaData()

# A document is one text (its SHA-256 after decoding and NFC), known under
# every location it was ingested from; see KnowledgeBase.ingest.
documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_key", String(300), nullable=False),
    Column("content_hash", String(64), nullable=False, unique=True, index=True),
    Column("published", String(10)),  # the article's date, else the day it was ingested (date_inferred)
    Column("date_inferred", Boolean, nullable=False, server_default=false()),
    Column("text_only", Boolean, nullable=False, server_default=false()),  # also given with no location
    Column("title", Text),
    Column("source", Text),
    Column("ingested_seq", Integer, nullable=False, index=True),
    Column("ingested_at", String(32)),  # UTC, ISO 8601: when callsheet learned it, for the feed of changes
)

document_locations = Table(
    "document_locations", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("location", Text, nullable=False, unique=True),  # a file's canonical path or a URL: one text at a time
)

entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True),
    Column("type", String(16), nullable=False),
    Column("name", Text),  # null for an untitled work, known by its link
    Column("norm", Text),
    Column("kind", String(20)),
    Column("year", Integer),
    Column("link_predicate", String(20)),
    Column("link_target", Integer, ForeignKey("entities.id")),
    Column("lookup", Text),  # a person's surname, a company's first word: see names.lookup_key
    Column("stage", String(12)),  # a project's stage: see stages.py
    Column("updated_seq", Integer),  # the ingested_seq of the last document that touched it
    Index("ix_entities_type_norm", "type", "norm"),
    Index("ix_entities_link", "link_predicate", "link_target"),
    Index("ix_entities_type_lookup", "type", "lookup"),
    Index("ix_entities_stage", "stage", "updated_seq"),
    Index("ix_entities_updated", "type", "updated_seq"),
)

aliases = Table(
    "aliases", metadata,
    Column("id", Integer, primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("norm", Text, nullable=False, index=True),
    UniqueConstraint("entity_id", "norm"),
)

statements = Table(
    "statements", metadata,
    Column("id", Integer, primary_key=True),
    Column("subject_id", Integer, ForeignKey("entities.id"), nullable=False, index=True),
    Column("predicate", String(24), nullable=False),
    Column("object_id", Integer, ForeignKey("entities.id"), index=True),
    Column("value", String(40)),
    UniqueConstraint("subject_id", "predicate", "object_id", "value"),
)

assertions = Table(
    "assertions", metadata,
    Column("id", Integer, primary_key=True),
    Column("statement_id", Integer, ForeignKey("statements.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("status", String(12)),
    Column("character", Text),
    Column("evidence", Text, nullable=False),
    Column("attribution", Text),
    Column("published", String(10)),
    Column("confidence", Float),
)

# syndicated copies (stories.py): a document's story is the id of the first
# document of that story; documents with no row here are a story of their own
document_stories = Table(
    "document_stories", metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", Integer, nullable=False, index=True),
    Column("signature", LargeBinary, nullable=False),
    Column("shingles", Integer, nullable=False),  # how many shingles the signature summarises
)

story_bands = Table(
    "story_bands", metadata,
    Column("key", BigInteger, nullable=False, index=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
)
