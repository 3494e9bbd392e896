"""An indexed lookup word per entity (a person's surname, a company's first
word), so that matching a surname or a spelling variant never scans every
name; and per project its stage and the last document that touched it, so
that listing projects by stage or by recent change is one indexed query.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

from callsheet.knowledge.names import lookup_key

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entities") as batch:
        batch.add_column(sa.Column("lookup", sa.Text))
        batch.add_column(sa.Column("stage", sa.String(12)))
        batch.add_column(sa.Column("updated_seq", sa.Integer))
    op.create_index("ix_entities_type_lookup", "entities", ["type", "lookup"])
    op.create_index("ix_entities_stage", "entities", ["stage", "updated_seq"])
    op.create_index("ix_entities_updated", "entities", ["type", "updated_seq"])
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, type, norm FROM entities WHERE type IN ('person', 'company')")).all()
    for row in rows:
        conn.execute(sa.text("UPDATE entities SET lookup = :k WHERE id = :i"),
                     {"k": lookup_key(row.type, row.norm), "i": row.id})


def downgrade() -> None:
    for name in ("ix_entities_updated", "ix_entities_stage", "ix_entities_type_lookup"):
        op.drop_index(name, "entities")
    with op.batch_alter_table("entities") as batch:
        for column in ("updated_seq", "stage", "lookup"):
            batch.drop_column(column)
