"""Syndicated copies: each document's story and MinHash signature, and the
LSH band keys that find a new article's candidate copies (see stories.py).
Documents ingested before this revision have no row here and count as a
story of their own until they are ingested again.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_stories",
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("story_id", sa.Integer, nullable=False, index=True),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("shingles", sa.Integer, nullable=False),
    )
    op.create_table(
        "story_bands",
        sa.Column("key", sa.BigInteger, nullable=False, index=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False,
                  index=True),
    )


def downgrade() -> None:
    op.drop_table("story_bands")
    op.drop_table("document_stories")
