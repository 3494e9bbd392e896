"""Where the knowledge-base and web tests keep their databases: a SQLite file
each, or, when CALLSHEET_TEST_POSTGRES names a PostgreSQL server
(`scripts/postgres.sh run` sets it; `make test-postgres`), a database each on
that server, dropped at the end of the session."""
from __future__ import annotations

import io
import os
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

SERVER = os.environ.get("CALLSHEET_TEST_POSTGRES")
BACKEND = "postgresql" if SERVER else "sqlite"


class Databases:
    """Makes empty databases on the backend under test."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.made: list[str] = []
        self.admin = create_engine(SERVER, isolation_level="AUTOCOMMIT") if SERVER else None

    def new(self, name: str = "kb") -> str:
        """The URL of a new, empty database."""
        unique = f"{name}_{uuid.uuid4().hex[:10]}"
        if self.admin is None:
            return f"sqlite:///{self.folder / unique}.db"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "test_{unique}"'))
        self.made.append(f"test_{unique}")
        return make_url(SERVER).set(database=f"test_{unique}").render_as_string(hide_password=False)

    def copy(self, url: str, name: str = "copy") -> str:
        """The URL of a new database holding what the one at `url` holds (dump, then load)."""
        from callsheet.knowledge import KnowledgeBase
        from callsheet.knowledge.dump import dump, load
        source, buffer = KnowledgeBase(url), io.StringIO()
        dump(source, buffer)
        source.close()
        target = KnowledgeBase(self.new(name))
        load(target, io.StringIO(buffer.getvalue()), url)
        target.close()
        return target.url

    def drop_all(self) -> None:
        if self.admin is None:
            return
        with self.admin.connect() as conn:
            for name in self.made:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


def on_postgres() -> bool:
    return BACKEND == "postgresql"
