"""Full-text search split into names and evidence, kept in step by triggers,
and the time each document was ingested (for the feed of changes).

The FTS5 tables index the text the entities and assertions tables already
hold (external content), so evidence is stored once; triggers keep them in
step whatever code writes. Names rank by relevance; evidence is read newest
first, which stays fast however common a word is.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"
SQLITE_SEARCH = [
    f"CREATE VIRTUAL TABLE search_names USING fts5(name, content='entities', content_rowid='id', {TOKENIZE})",
    f"CREATE VIRTUAL TABLE search_evidence USING fts5(evidence, content='assertions', content_rowid='id', {TOKENIZE})",
    """CREATE TRIGGER entities_search_insert AFTER INSERT ON entities WHEN new.name IS NOT NULL BEGIN
         INSERT INTO search_names(rowid, name) VALUES (new.id, new.name); END""",
    """CREATE TRIGGER entities_search_delete AFTER DELETE ON entities WHEN old.name IS NOT NULL BEGIN
         INSERT INTO search_names(search_names, rowid, name) VALUES ('delete', old.id, old.name); END""",
    """CREATE TRIGGER entities_search_rename AFTER UPDATE OF name ON entities BEGIN
         INSERT INTO search_names(search_names, rowid, name)
           SELECT 'delete', old.id, old.name WHERE old.name IS NOT NULL;
         INSERT INTO search_names(rowid, name) SELECT new.id, new.name WHERE new.name IS NOT NULL; END""",
    """CREATE TRIGGER assertions_search_insert AFTER INSERT ON assertions BEGIN
         INSERT INTO search_evidence(rowid, evidence) VALUES (new.id, new.evidence); END""",
    """CREATE TRIGGER assertions_search_delete AFTER DELETE ON assertions BEGIN
         INSERT INTO search_evidence(search_evidence, rowid, evidence) VALUES ('delete', old.id, old.evidence); END""",
    "INSERT INTO search_names(search_names) VALUES ('rebuild')",
    "INSERT INTO search_evidence(search_evidence) VALUES ('rebuild')",
]


def upgrade() -> None:
    op.add_column("documents", sa.Column("ingested_at", sa.String(32)))
    op.create_index("ix_documents_ingested_seq", "documents", ["ingested_seq"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_index")
        for statement in SQLITE_SEARCH:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("entities_search_insert", "entities_search_delete", "entities_search_rename",
                     "assertions_search_insert", "assertions_search_delete"):
            op.execute(f"DROP TRIGGER {name}")
        op.execute("DROP TABLE search_names")
        op.execute("DROP TABLE search_evidence")
        op.execute("CREATE VIRTUAL TABLE search_index USING fts5(text, kind UNINDEXED, ref UNINDEXED, "
                   f"{TOKENIZE})")
    op.drop_index("ix_documents_ingested_seq", "documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("ingested_at")
