"""A document is one text, known under every location it came from; an
undated document is dated by the day it was ingested.

Locations move to their own table (a document may have several). Documents
that hold the same text (the same file ingested under two spellings of its
path, or a copy) become one: the latest ingested keeps every location, the
others' assertions (the same facts from the same text) go. Undated documents
take the day of their ingestion, flagged `date_inferred`, and the projects
they touch have their stage worked out again.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_locations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("location", sa.Text, nullable=False, unique=True),
    )
    conn = op.get_bind()
    conn.execute(sa.text("INSERT INTO document_locations (document_id, location) SELECT id, location FROM documents"))
    rows = conn.execute(sa.text(
        "SELECT id, content_hash FROM documents WHERE content_hash IN "
        "(SELECT content_hash FROM documents GROUP BY content_hash HAVING count(*) > 1) "
        "ORDER BY content_hash, ingested_seq DESC, id DESC")).all()
    keep: dict[str, int] = {}
    for row in rows:
        if row.content_hash not in keep:
            keep[row.content_hash] = row.id
            continue
        conn.execute(sa.text("UPDATE document_locations SET document_id = :keep WHERE document_id = :drop"),
                     {"keep": keep[row.content_hash], "drop": row.id})
        conn.execute(sa.text("DELETE FROM assertions WHERE document_id = :drop"), {"drop": row.id})
        conn.execute(sa.text("DELETE FROM documents WHERE id = :drop"), {"drop": row.id})
    conn.execute(sa.text("DELETE FROM statements WHERE id NOT IN (SELECT statement_id FROM assertions)"))

    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("date_inferred", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("text_only", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.drop_column("location")
        batch.drop_index("ix_documents_content_hash")
        batch.create_index("ix_documents_content_hash", ["content_hash"], unique=True)

    undated = [r.id for r in conn.execute(sa.text(
        "SELECT id FROM documents WHERE published IS NULL AND ingested_at IS NOT NULL"))]
    conn.execute(sa.text(
        "UPDATE assertions SET published = (SELECT substr(d.ingested_at, 1, 10) FROM documents d "
        "WHERE d.id = assertions.document_id) WHERE published IS NULL AND document_id IN "
        "(SELECT id FROM documents WHERE published IS NULL AND ingested_at IS NOT NULL)"))
    conn.execute(sa.text("UPDATE documents SET published = substr(ingested_at, 1, 10), date_inferred = :yes "
                         "WHERE published IS NULL AND ingested_at IS NOT NULL"), {"yes": True})
    if undated:
        from callsheet.knowledge.store import refresh_stages
        works = set()
        for start in range(0, len(undated), 500):
            works |= {r.work for r in conn.execute(sa.text(
                "SELECT DISTINCT CASE WHEN e.type = 'work' THEN s.subject_id ELSE s.object_id END AS work "
                "FROM assertions a JOIN statements s ON s.id = a.statement_id JOIN entities e ON e.id = s.subject_id "
                "WHERE a.document_id IN :ids").bindparams(sa.bindparam("ids", expanding=True)),
                {"ids": undated[start:start + 500]})}
        live = {r.id for r in conn.execute(sa.text("SELECT id FROM entities WHERE type = 'work'"))}
        refresh_stages(conn, sorted(works & live))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("location", sa.Text))
    conn = op.get_bind()
    conn.execute(sa.text("UPDATE documents SET location = (SELECT min(l.location) FROM document_locations l "
                         "WHERE l.document_id = documents.id)"))
    conn.execute(sa.text("UPDATE documents SET location = 'sha256:' || content_hash WHERE location IS NULL"))
    conn.execute(sa.text("UPDATE assertions SET published = NULL WHERE document_id IN "
                         "(SELECT id FROM documents WHERE date_inferred = :yes)"), {"yes": True})
    conn.execute(sa.text("UPDATE documents SET published = NULL WHERE date_inferred = :yes"), {"yes": True})
    with op.batch_alter_table("documents") as batch:
        batch.alter_column("location", existing_type=sa.Text, nullable=False)
        batch.create_unique_constraint("uq_documents_location", ["location"])
        batch.drop_index("ix_documents_content_hash")
        batch.create_index("ix_documents_content_hash", ["content_hash"])
        batch.drop_column("text_only")
        batch.drop_column("date_inferred")
    op.drop_table("document_locations")
