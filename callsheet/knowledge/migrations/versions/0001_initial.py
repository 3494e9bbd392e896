"""Documents, entities with aliases, statements with assertions, and full-text search.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("doc_key", sa.String(300), nullable=False),
        sa.Column("location", sa.Text, nullable=False, unique=True),
        sa.Column("content_hash", sa.String(64), nullable=False, index=True),
        sa.Column("published", sa.String(10)),
        sa.Column("title", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("ingested_seq", sa.Integer, nullable=False),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("name", sa.Text),
        sa.Column("norm", sa.Text),
        sa.Column("kind", sa.String(20)),
        sa.Column("year", sa.Integer),
        sa.Column("link_predicate", sa.String(20)),
        sa.Column("link_target", sa.Integer, sa.ForeignKey("entities.id")),
    )
    op.create_index("ix_entities_type_norm", "entities", ["type", "norm"])
    op.create_index("ix_entities_link", "entities", ["link_predicate", "link_target"])
    op.create_table(
        "aliases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("alias", sa.Text, nullable=False),
        sa.Column("norm", sa.Text, nullable=False, index=True),
        sa.UniqueConstraint("entity_id", "norm"),
    )
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("subject_id", sa.Integer, sa.ForeignKey("entities.id"), nullable=False, index=True),
        sa.Column("predicate", sa.String(24), nullable=False),
        sa.Column("object_id", sa.Integer, sa.ForeignKey("entities.id"), index=True),
        sa.Column("value", sa.String(40)),
        sa.UniqueConstraint("subject_id", "predicate", "object_id", "value"),
    )
    op.create_table(
        "assertions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("statement_id", sa.Integer, sa.ForeignKey("statements.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("status", sa.String(12)),
        sa.Column("character", sa.Text),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("attribution", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("confidence", sa.Float),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE search_index USING fts5(text, kind UNINDEXED, ref UNINDEXED, "
                   "tokenize = 'unicode61 remove_diacritics 2')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_index")
    for table in ("assertions", "statements", "aliases", "entities", "documents"):
        op.drop_table(table)
