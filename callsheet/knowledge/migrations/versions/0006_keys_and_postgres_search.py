"""Unique keys for everything two writers could store twice, full-text
search on PostgreSQL, and webhooks.

Two `ingest` runs writing one knowledge base at once must end as one run
would: every natural key becomes a unique index (an ingestion number, a named
entity other than a work, an untitled work's link, a statement, whose old
constraint let rows that differ by a NULL repeat). Rows an earlier callsheet
may have stored twice are merged first.

On PostgreSQL, names and evidence get tsvector columns (generated, so that
whatever writes a row keeps its search terms right) with GIN indexes. Text is
folded as SQLite's FTS5 `unicode61 remove_diacritics 2` folds it: lower case
(to_tsvector), accents off (the `unaccent` extension, which ships with PostgreSQL and is
trusted, so the database's owner may create it), punctuation between words, no stemming.

An exit that names no role is marked (`assertions.roleless`), so that it can
be placed on the roles the person holds whatever order articles come in.

Webhooks: `hooks` (a URL, the entity it follows or none for every change,
a secret), `hook_deliveries` (one change told to one hook: the body posted,
pending / delivered / failed, when it is due) and `hook_attempts` (each
POST, with the answer).

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

NAMED = "type <> 'work' AND norm IS NOT NULL"
UNTITLED = "name IS NULL AND link_predicate IS NOT NULL"
POSTGRES_SEARCH = [
    "CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public",
    # unaccent() is only STABLE (its dictionary could change); a generated column needs an IMMUTABLE function.
    # ASCII punctuation becomes a space, so that words are what FTS5 takes them for: PostgreSQL's parser
    # would read "<script>x</script>" as tags and drop them, "a.b" as a host name, "3.8.0" as a version.
    r"""CREATE OR REPLACE FUNCTION callsheet_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT regexp_replace(public.unaccent('public.unaccent'::regdictionary, $1),
                                   '[!-/:-@\[-`{-~]+', ' ', 'g') $$""",
    """ALTER TABLE entities ADD COLUMN search_name tsvector
       GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, callsheet_fold(coalesce(name, '')))) STORED""",
    "CREATE INDEX ix_entities_search_name ON entities USING gin (search_name)",
    """ALTER TABLE assertions ADD COLUMN search_evidence tsvector
       GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, callsheet_fold(evidence))) STORED""",
    "CREATE INDEX ix_assertions_search_evidence ON assertions USING gin (search_evidence)",
]


def upgrade() -> None:
    conn = op.get_bind()
    _create_hook_tables()
    # a plain ALTER: a batch rebuild of the table on SQLite would drop its search triggers
    op.add_column("assertions", sa.Column("roleless", sa.Boolean, nullable=False, server_default=sa.false()))
    _merge_repeated_statements(conn)
    _merge_repeated_entities(conn)
    _renumber_repeated_ingestions(conn)
    op.drop_index("ix_documents_ingested_seq", "documents")
    op.create_index("ix_documents_ingested_seq", "documents", ["ingested_seq"], unique=True)
    op.create_index("uq_entities_named", "entities", ["type", "norm"], unique=True,
                    sqlite_where=sa.text(NAMED), postgresql_where=sa.text(NAMED))
    op.create_index("uq_entities_untitled", "entities", ["link_predicate", "link_target"], unique=True,
                    sqlite_where=sa.text(UNTITLED), postgresql_where=sa.text(UNTITLED))
    op.create_index("uq_statements_key", "statements",
                    ["subject_id", "predicate", sa.text("coalesce(object_id, 0)"), sa.text("coalesce(value, '')")],
                    unique=True)
    if conn.dialect.name == "postgresql":
        for statement in POSTGRES_SEARCH:
            op.execute(statement)


def _create_hook_tables() -> None:
    op.create_table(
        "hooks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), index=True),
        sa.Column("secret", sa.Text),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "hook_deliveries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("hook_id", sa.Integer, sa.ForeignKey("hooks.id", ondelete="CASCADE"), nullable=False),
        sa.Column("assertion_id", sa.Integer, nullable=False),
        sa.Column("event", sa.String(24), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("next_attempt_at", sa.String(32)),
        sa.Column("lease_until", sa.String(32)),
        sa.Column("delivered_at", sa.String(32)),
        sa.Column("last_http_status", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.UniqueConstraint("hook_id", "assertion_id"),
    )
    op.create_index("ix_hook_deliveries_due", "hook_deliveries", ["status", "next_attempt_at"])
    op.create_table(
        "hook_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("delivery_id", sa.Integer, sa.ForeignKey("hook_deliveries.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("attempted_at", sa.String(32), nullable=False),
        sa.Column("http_status", sa.Integer),
        sa.Column("error", sa.Text),
        sa.Column("duration_ms", sa.Integer, nullable=False),
    )


def _merge_repeated_statements(conn) -> None:
    rows = conn.execute(sa.text(
        "SELECT id, subject_id, predicate, coalesce(object_id, 0) AS obj, coalesce(value, '') AS val "
        "FROM statements ORDER BY id")).all()
    first: dict[tuple, int] = {}
    for row in rows:
        key = (row.subject_id, row.predicate, row.obj, row.val)
        if key not in first:
            first[key] = row.id
            continue
        conn.execute(sa.text("UPDATE assertions SET statement_id = :keep WHERE statement_id = :drop"),
                     {"keep": first[key], "drop": row.id})
        conn.execute(sa.text("DELETE FROM statements WHERE id = :drop"), {"drop": row.id})


def _merge_repeated_entities(conn) -> None:
    from callsheet.knowledge.store import merge_entities
    for where, key in ((NAMED, "type, norm"), (UNTITLED, "link_predicate, link_target")):
        groups = conn.execute(sa.text(
            f"SELECT min(id) AS keep, {key} FROM entities WHERE {where} GROUP BY {key} HAVING count(*) > 1")).all()
        for group in groups:
            same = " AND ".join(f"{column.strip()} = :{column.strip()}" for column in key.split(","))
            values = {column.strip(): getattr(group, column.strip()) for column in key.split(",")}
            for row in conn.execute(sa.text(f"SELECT id FROM entities WHERE {where} AND {same} AND id <> :keep "
                                            "ORDER BY id"), {**values, "keep": group.keep}).all():
                merge_entities(conn, keep=group.keep, drop=row.id)


def _renumber_repeated_ingestions(conn) -> None:
    if conn.execute(sa.text("SELECT ingested_seq FROM documents GROUP BY ingested_seq HAVING count(*) > 1")).first():
        rows = conn.execute(sa.text("SELECT id, ingested_seq FROM documents ORDER BY ingested_seq, id")).all()
        # numbers go negative first, so that no number is ever held twice on the way
        conn.execute(sa.text("UPDATE documents SET ingested_seq = -ingested_seq"))
        conn.execute(sa.text("UPDATE entities SET updated_seq = -updated_seq WHERE updated_seq IS NOT NULL"))
        latest: dict[int, int] = {}
        for n, row in enumerate(rows, 1):
            conn.execute(sa.text("UPDATE documents SET ingested_seq = :n WHERE id = :id"), {"n": n, "id": row.id})
            latest[row.ingested_seq] = n
        for old, new in latest.items():
            conn.execute(sa.text("UPDATE entities SET updated_seq = :new WHERE updated_seq = :old"),
                         {"new": new, "old": -old})


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        op.drop_index("ix_assertions_search_evidence", "assertions")
        op.drop_index("ix_entities_search_name", "entities")
        op.execute("ALTER TABLE assertions DROP COLUMN search_evidence")
        op.execute("ALTER TABLE entities DROP COLUMN search_name")
        op.execute("DROP FUNCTION callsheet_fold(text)")
    op.drop_index("uq_statements_key", "statements")
    op.drop_index("uq_entities_untitled", "entities")
    op.drop_index("uq_entities_named", "entities")
    op.drop_index("ix_documents_ingested_seq", "documents")
    op.create_index("ix_documents_ingested_seq", "documents", ["ingested_seq"])
    for table in ("hook_attempts", "hook_deliveries", "hooks"):
        op.drop_table(table)
    with op.batch_alter_table("assertions") as batch:
        batch.drop_column("roleless")
