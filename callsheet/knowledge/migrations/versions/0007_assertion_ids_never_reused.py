"""An assertion's id is never given again (SQLite).

An assertion's id is the id of the change /api/v1/changes and webhooks tell
of, and a receiver orders and de-duplicates events by it. SQLite gives a new
row the highest id plus one, so when an article is ingested again (an edited
page, a new date) and its newest assertions are forgotten, their ids came
back for other facts; a webhook delivery of the old change then clashed with
the new one (UNIQUE hook_id, assertion_id) and the ingest failed. The table
is rebuilt with AUTOINCREMENT (https://www.sqlite.org/autoinc.html), its
counter starting above every id an assertion or a delivery has used; ids,
rows, indexes and the search triggers stay as they were. PostgreSQL's
sequences never reuse an id: nothing changes there.

Revision ID: 0007
Revises: 0006
"""
import re

from alembic import op
from sqlalchemy import text

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    _rebuild(autoincrement=True)


def downgrade() -> None:
    _rebuild(autoincrement=False)


def _rebuild(autoincrement: bool) -> None:
    """Nothing refers to assertions by a foreign key (deliveries keep the id
    on purpose), so the table can be copied, dropped and renamed."""
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    table = conn.execute(text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'assertions'")).scalar()
    extras = [row.sql for row in conn.execute(text(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'assertions' AND type IN ('index', 'trigger') "
        "AND sql IS NOT NULL ORDER BY type, name"))]
    if autoincrement:
        created = re.sub(r"\bid INTEGER NOT NULL,", "id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,", table, count=1)
        created = re.sub(r"\s*PRIMARY KEY \(id\),", "", created, count=1)
    else:
        created = re.sub(r"\bid INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,", "id INTEGER NOT NULL,", table, count=1)
        created = re.sub(r"(\n\s*FOREIGN KEY)", r"\n\tPRIMARY KEY (id),\1", created, count=1)
    if created == table:
        raise RuntimeError(f"migration 0007: the assertions table is not as 0006 left it: {table}")
    columns = ", ".join(row.name for row in conn.execute(text("PRAGMA table_info(assertions)")))
    for trigger in conn.execute(text("SELECT name FROM sqlite_master WHERE tbl_name = 'assertions' "
                                     "AND type = 'trigger'")).scalars().all():
        conn.execute(text(f"DROP TRIGGER {trigger}"))
    conn.execute(text(re.sub(r'^CREATE TABLE "?assertions"?', "CREATE TABLE assertions_rebuilt", created)))
    conn.execute(text(f"INSERT INTO assertions_rebuilt ({columns}) SELECT {columns} FROM assertions"))
    conn.execute(text("DROP TABLE assertions"))
    conn.execute(text("ALTER TABLE assertions_rebuilt RENAME TO assertions"))
    for statement in extras:
        conn.execute(text(statement))
    if autoincrement:
        used = conn.execute(text("SELECT max(coalesce((SELECT max(id) FROM assertions), 0), "
                                 "coalesce((SELECT max(assertion_id) FROM hook_deliveries), 0))")).scalar()
        conn.execute(text("DELETE FROM sqlite_sequence WHERE name = 'assertions'"))
        conn.execute(text("INSERT INTO sqlite_sequence (name, seq) VALUES ('assertions', :used)"), {"used": used})
