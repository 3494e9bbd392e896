"""The knowledge base's tables (SQLAlchemy Core), in the Wikidata shape: an
entity has aliases; a statement (subject, predicate, object or value) has one
or more assertions, each from one document with its evidence and date.

The migrations in `migrations/versions` create exactly these tables, on SQLite
and on PostgreSQL alike; a test checks that the two never drift apart. Each
backend adds its own full-text search beside them (FTS5 tables on SQLite,
tsvector columns on PostgreSQL: see migrations 0002 and 0006), which these
tables do not declare, so that reading them is the same everywhere.

Every natural key is a unique index, so that two writers can never store
one thing twice: a text (content hash), a location, an ingestion number, a
named entity other than a work (type and normalised name), an untitled work
(its link), an alias, a statement.
"""
from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String,
                        Table, Text, UniqueConstraint, false, func, text)

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
    Column("ingested_seq", Integer, nullable=False),
    Column("ingested_at", String(32)),  # UTC, ISO 8601: when callsheet learned it, for the feed of changes
    Index("ix_documents_ingested_seq", "ingested_seq", unique=True),
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
    # a person, company, place... is one entity per normalised name (works are told apart by kind and year)
    Index("uq_entities_named", "type", "norm", unique=True,
          sqlite_where=text("type <> 'work' AND norm IS NOT NULL"),
          postgresql_where=text("type <> 'work' AND norm IS NOT NULL")),
    # "the Midnight Harbor sequel" is one untitled work
    Index("uq_entities_untitled", "link_predicate", "link_target", unique=True,
          sqlite_where=text("name IS NULL AND link_predicate IS NOT NULL"),
          postgresql_where=text("name IS NULL AND link_predicate IS NOT NULL")),
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
# the constraint above lets rows that differ only by a NULL repeat (NULLs are distinct in SQL): this one does not
Index("uq_statements_key", statements.c.subject_id, statements.c.predicate, func.coalesce(statements.c.object_id, 0),
      func.coalesce(statements.c.value, ""), unique=True)

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
    # an exit that named no role: it stands for every role the person holds on the work (store.place_roleless_exits)
    Column("roleless", Boolean, nullable=False, server_default=false()),
    sqlite_autoincrement=True,  # an id is a change's id, never given again (migration 0007)
)

# Webhooks (hooks.py): who is told of changes, and every delivery with each attempt.
hooks = Table(
    "hooks", metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), index=True),  # null: every change
    Column("secret", Text),  # signs each body (HMAC-SHA256); never shown or logged
    Column("created_at", String(32), nullable=False),
)

hook_deliveries = Table(
    "hook_deliveries", metadata,
    Column("id", Integer, primary_key=True),
    Column("hook_id", Integer, ForeignKey("hooks.id", ondelete="CASCADE"), nullable=False),
    Column("assertion_id", Integer, nullable=False),  # the change told of (no key: the event outlives it)
    Column("event", String(24), nullable=False),  # fact.new or fact.status
    Column("body", Text, nullable=False),  # the JSON posted, byte for byte what is signed
    Column("status", String(12), nullable=False),  # pending, delivered, failed (gave up)
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("created_at", String(32), nullable=False),  # UTC, ISO 8601 with microseconds, like every time here
    Column("next_attempt_at", String(32)),  # when a pending delivery is due
    Column("lease_until", String(32)),  # a worker is posting it until then
    Column("delivered_at", String(32)),
    Column("last_http_status", Integer),
    Column("last_error", Text),
    UniqueConstraint("hook_id", "assertion_id"),
    Index("ix_hook_deliveries_due", "status", "next_attempt_at"),
)

hook_attempts = Table(
    "hook_attempts", metadata,
    Column("id", Integer, primary_key=True),
    Column("delivery_id", Integer, ForeignKey("hook_deliveries.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("attempted_at", String(32), nullable=False),
    Column("http_status", Integer),  # null: no answer (refused, timed out...)
    Column("error", Text),
    Column("duration_ms", Integer, nullable=False),
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
