"""A whole knowledge base as versioned JSON Lines, to back it up or move it
between backends (SQLite and PostgreSQL), and back into an empty one.

The dump holds the merged record as it stands, ids included, so that a
loaded KB answers every question as the original did (the same `stats`,
cards identical field by field), with no extraction or entity resolution
run again. One JSON object per line:

    {"callsheet_dump": 1, "schema": "0007", "created_at": "...", "backend": "sqlite"}
    {"entity": {...}, "aliases": [{...}, ...]}                      every entity, by id
    {"document": {...}, "locations": [...], "facts": [{"statement": {...}, "assertion": {...}}, ...]}
    {"statement": {...}}                                            a statement no document asserts (none, normally)
    {"table": "hooks", "row": {...}}                                every row of every other table
    {"end": {"entities": n, "documents": n, "assertions": n, "rows": n}}

A document comes with its extraction as merged: the facts it asserts, each
a statement (subject, predicate, object or value) with this document's
assertion of it. Rows carry every column of their table (binary values as
base64), so tables and columns added later travel without a change here; a
column the loading callsheet does not know is an error that names it. The dump holds webhook
secrets: `write_dump` makes the file readable by its owner only.
"""
from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import IO

from alembic.migration import MigrationContext
from sqlalchemy import Boolean, Connection, Float, Integer, LargeBinary, String, Table, Text, func, select
from sqlalchemy.exc import DBAPIError, StatementError

from callsheet.knowledge.store import MIGRATIONS, KnowledgeBase, KnowledgeError
from callsheet.knowledge.tables import (aliases, assertions, document_locations, documents, entities,
                                        hook_deliveries, metadata, statements)
from callsheet.outfiles import written
from callsheet.reading.published import check_published
from callsheet.schema import ENTITY_TYPES, STATUSES, WORK_KINDS

VERSION = 1
# what a database or its driver raises for a row it cannot store (beyond DBAPIError, rows that
# do not fit together): a value of the wrong type, a number no column holds
UNSTORABLE = (StatementError, OverflowError, ValueError, TypeError)


def _day(value: object) -> bool:
    try:
        return isinstance(value, str) and check_published(value) == value
    except ValueError:
        return False


def _fits(column, value: object) -> bool:
    """Whether a JSON value is of the column's SQL type (a bool is no number, a number no text)."""
    if isinstance(column.type, Boolean):
        return isinstance(value, bool)
    if isinstance(column.type, Integer):
        return type(value) is int
    if isinstance(column.type, Float):
        return type(value) in (int, float)
    if isinstance(column.type, (String, Text)):
        return isinstance(value, str)
    return True  # LargeBinary: base64 text, checked below


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# what a column may hold beyond its SQL type (FORMAT.md's enumerations, a real day): a dump
# that says otherwise was not written by callsheet, or was edited, and is refused by line
CHOICES = {
    "entities": {"type": lambda v: v in ENTITY_TYPES, "kind": lambda v: v in WORK_KINDS,
                 "year": lambda v: 0 < v < 10_000},  # an int: `_fits` checked
    "assertions": {"status": lambda v: v in STATUSES, "published": _day},
    "documents": {"published": _day},
}
BATCH = 1000
# the tables a document or entity record carries; every other table travels row by row
CARRIED = {"entities", "aliases", "documents", "document_locations", "statements", "assertions"}


class DumpError(KnowledgeError):
    """A dump that cannot be read or loaded; the message names the file and line."""


def _row(row, table: Table, drop: tuple[str, ...] = ()) -> dict:
    """A row as JSON values: bytes (a binary column) as base64 text."""
    return {c.name: _json_value(getattr(row, c.name)) for c in table.columns if c.name not in drop}


def _json_value(value):
    return base64.b64encode(value).decode("ascii") if isinstance(value, (bytes, memoryview)) else value


def _ordered(table: Table):
    """Rows in a stable order: by primary key, else by every column."""
    return select(table).order_by(*(table.primary_key.columns or table.columns))


def _grouped(rows: Iterable, key: str) -> Iterator[tuple[int, list]]:
    """Rows sorted by `key`, as (key value, rows with it)."""
    current, group = None, []
    for row in rows:
        value = getattr(row, key)
        if group and value != current:
            yield current, group
            group = []
        current = value
        group.append(row)
    if group:
        yield current, group


def _joined(parents: Iterable, children: Iterator[tuple[int, list]]) -> Iterator[tuple[object, list]]:
    """Each parent (sorted by id) with its children from `_grouped` (sorted the same way)."""
    pending = next(children, None)
    for parent in parents:
        while pending is not None and pending[0] < parent.id:
            pending = next(children, None)
        if pending is not None and pending[0] == parent.id:
            yield parent, pending[1]
            pending = next(children, None)
        else:
            yield parent, []


def dump(kb: KnowledgeBase, out: IO[str]) -> dict:
    """Writes the KB to `out`, one JSON object per line, from one consistent
    snapshot (see the module's docstring). Returns the counts of the end record."""
    with kb.engine.connect() as conn:
        if kb.dialect == "sqlite":
            conn.exec_driver_sql("BEGIN")  # one snapshot for every query below
        schema = MigrationContext.configure(conn).get_current_revision()
        streamed = conn.execution_options(stream_results=True, yield_per=BATCH)

        def write(record: dict) -> None:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")

        write({"callsheet_dump": VERSION, "schema": schema, "backend": kb.dialect,
               "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds")})
        counts = {"entities": 0, "documents": 0, "assertions": 0, "rows": 0}
        by_entity = _grouped(streamed.execute(select(aliases).order_by(aliases.c.entity_id, aliases.c.id)),
                             "entity_id")
        for entity, names in _joined(streamed.execute(select(entities).order_by(entities.c.id)), by_entity):
            write({"entity": _row(entity, entities), "aliases": [_row(a, aliases, ("entity_id",)) for a in names]})
            counts["entities"] += 1
        facts = _grouped(streamed.execute(
            select(assertions, *(c.label(f"st_{c.name}") for c in statements.columns))
            .join(statements, statements.c.id == assertions.c.statement_id)
            .order_by(assertions.c.document_id, assertions.c.id)), "document_id")
        located = _grouped(streamed.execute(select(document_locations).order_by(
            document_locations.c.document_id, document_locations.c.id)), "document_id")
        documents_ = list(conn.execute(select(documents).order_by(documents.c.id)))
        for (document, asserted), (_, where) in zip(_joined(documents_, facts), _joined(documents_, located)):
            write({"document": _row(document, documents),
                   "locations": [_row(place, document_locations, ("document_id",)) for place in where],
                   "facts": [{"statement": {c.name: getattr(r, f"st_{c.name}") for c in statements.columns},
                              "assertion": _row(r, assertions, ("document_id",))} for r in asserted]})
            counts["documents"] += 1
            counts["assertions"] += len(asserted)
        for statement in conn.execute(select(statements).where(
                ~statements.c.id.in_(select(assertions.c.statement_id))).order_by(statements.c.id)):
            write({"statement": _row(statement, statements)})
        for table in metadata.sorted_tables:
            if table.name in CARRIED:
                continue
            for row in streamed.execute(_ordered(table)):
                write({"table": table.name, "row": _row(row, table)})
                counts["rows"] += 1
        write({"end": counts})
        if kb.dialect == "sqlite":
            conn.rollback()
    return counts


def write_dump(kb: KnowledgeBase, path: Path) -> dict:
    """`dump` into a file, made whole or not at all (`outfiles.written`),
    readable by its owner only (it holds webhook secrets). Raises `OSError`."""
    with written(path, mode=0o600, newline="\n") as handle:
        return dump(kb, handle)


class _Loader:
    """Inserts rows in batches, parents before children."""

    def __init__(self, conn: Connection, source: str):
        self.conn = conn
        self.source = source
        self.pending: dict[str, list[dict]] = {}
        self.statements: dict[int, dict] = {}
        self.links: list[dict] = []
        self.counts = {"entities": 0, "documents": 0, "assertions": 0, "rows": 0}
        self.line = 0

    def fail(self, problem: str) -> DumpError:
        return DumpError(f"{self.source}:{self.line}: {problem}")

    def checked(self, table: Table, values: object, extra: dict | None = None) -> dict:
        if not isinstance(values, dict):
            raise self.fail(f"a {table.name} row must be an object")
        unknown = set(values) - set(table.columns.keys())
        if unknown:
            raise self.fail(f"{table.name} has no column {', '.join(sorted(unknown))} "
                            "(a dump from a newer callsheet?)")
        values = {**values, **(extra or {})}
        for column in table.columns:
            value = values.get(column.name)
            if value is not None and not _fits(column, value):  # SQLite would store "x" in an INTEGER
                raise self.fail(f"{table.name}.{column.name} is {_shown(value)}, not a value of its type "
                                f"({column.type})")
        for column, allowed in CHOICES.get(table.name, {}).items():
            if values.get(column) is not None and not allowed(values[column]):
                raise self.fail(f"{table.name}.{column} is {values[column]!r}, which callsheet never stores")
        for column in (c for c in table.columns if isinstance(c.type, LargeBinary) and values.get(c.name) is not None):
            try:
                values[column.name] = base64.b64decode(values[column.name], validate=True)
            except (binascii.Error, TypeError):
                raise self.fail(f"{table.name}.{column.name} is not base64") from None
        return values

    def add(self, table: Table, values: dict) -> None:
        self.pending.setdefault(table.name, []).append((self.line, values))
        if len(self.pending[table.name]) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Inserts the pending rows, a batch per table and shape. A batch the
        database refuses is tried again row by row, so that the error names
        the line of the row it refuses (`line`), not the line being read."""
        for table in metadata.sorted_tables:
            shapes: dict[tuple, list[tuple[int, dict]]] = {}
            for line, row in self.pending.pop(table.name, []):  # a column a row lacks takes its default
                shapes.setdefault(tuple(sorted(row)), []).append((line, row))
            for rows in shapes.values():
                try:
                    with self.conn.begin_nested():
                        self.conn.execute(table.insert(), [row for _, row in rows])
                except UNSTORABLE:
                    for self.line, row in rows:
                        self.conn.execute(table.insert(), row)

    def record(self, record: dict) -> None:
        if "entity" in record:
            entity = self.checked(entities, record["entity"])
            if entity.get("link_target") is not None:  # it may name an entity further on
                self.links.append({"id": entity["id"], "link_target": entity["link_target"]})
            self.add(entities, {**entity, "link_target": None})
            for alias in record.get("aliases", []):
                self.add(aliases, self.checked(aliases, alias, {"entity_id": entity["id"]}))
            self.counts["entities"] += 1
        elif "document" in record:
            document = self.checked(documents, record["document"])
            self.add(documents, document)
            for place in record.get("locations", []):
                self.add(document_locations, self.checked(document_locations, place, {"document_id": document["id"]}))
            for fact in record.get("facts", []):
                if not isinstance(fact, dict) or "statement" not in fact or "assertion" not in fact:
                    raise self.fail("a fact must hold a statement and an assertion")
                self.statement(fact["statement"])
                self.add(assertions, self.checked(assertions, fact["assertion"], {"document_id": document["id"]}))
                self.counts["assertions"] += 1
            self.counts["documents"] += 1
        elif "statement" in record:
            self.statement(record["statement"])
        elif "table" in record:
            table = metadata.tables.get(record["table"])
            if table is None or table.name in CARRIED:
                raise self.fail(f"no table {record['table']!r} to load rows into")
            self.add(table, self.checked(table, record.get("row")))
            self.counts["rows"] += 1
        else:
            raise self.fail(f"not a dump record (keys: {', '.join(sorted(record)) or 'none'})")

    def statement(self, values: object) -> None:
        """A statement comes with each fact that asserts it: stored once, and
        every repeat must say the same (a different one under its id is an error)."""
        statement = self.checked(statements, values)
        seen = self.statements.get(statement.get("id"))
        if seen is None:
            self.statements[statement.get("id")] = statement
            self.add(statements, statement)
        elif seen != statement:
            raise self.fail(f"statement {statement.get('id')} is given twice, differently")

    def finish(self) -> None:
        self.flush()
        for link in self.links:
            self.conn.execute(entities.update().where(entities.c.id == link["id"])
                              .values(link_target=link["link_target"]))


def known_schemas() -> set[str]:
    """The schema revisions of this callsheet's migrations ("0001"... "0007")."""
    from alembic.script import ScriptDirectory
    return {script.revision for script in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def _read(loader: _Loader, lines: Iterable[str], source: str) -> dict:
    """Feeds every record to the loader; returns the end record's counts once they agree with the file's."""
    ended = None
    for loader.line, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise loader.fail(f"not JSON ({exc.msg})") from None
        except (ValueError, RecursionError) as exc:  # a 5,000-digit number; arrays nested too deep
            raise loader.fail(f"JSON that Python cannot hold ({type(exc).__name__})") from None
        if not isinstance(record, dict):
            raise loader.fail("a dump record must be a JSON object")
        if loader.line == 1:
            if record.get("callsheet_dump") != VERSION:
                raise loader.fail(f"not a callsheet dump of version {VERSION} "
                                  f"(callsheet_dump: {record.get('callsheet_dump')!r})")
            if record.get("schema") is not None and record.get("schema") not in known_schemas():
                raise loader.fail(f"a dump of schema {record.get('schema')!r}, which this callsheet does not know "
                                  "(a newer callsheet wrote it?)")
            continue
        if ended is not None:
            raise loader.fail("a record after the end record")
        if "end" in record:
            ended = record["end"]
            continue
        try:
            loader.record(record)
        except DumpError:
            raise
        except (KeyError, TypeError, AttributeError, ValueError) as exc:  # a field missing or of the wrong shape
            raise loader.fail(f"a record callsheet cannot read ({type(exc).__name__}: {exc})") from None
    if loader.line == 0:
        raise DumpError(f"{source}: empty file, no dump")
    if ended is None:
        raise DumpError(f"{source}: cut short after line {loader.line}: no end record; nothing was loaded")
    if ended != loader.counts:
        raise DumpError(f"{source}: the end record counts {ended}, the file holds {loader.counts}; "
                        "nothing was loaded")
    loader.finish()
    return ended


def load(kb: KnowledgeBase, lines: Iterable[str], source: str = "dump") -> dict:
    """Loads a dump (`lines`, e.g. an open file) into `kb`, which must be
    empty, in one transaction: a dump that is cut short, malformed or of an
    unknown version loads nothing. On PostgreSQL the tables are analysed
    afterwards, so that the first queries are planned on real statistics.
    Raises `DumpError` naming `source` and the line. Returns the counts of
    the end record."""
    with kb.engine.connect() as conn:
        held = {t.name: n for t in metadata.sorted_tables
                if (n := conn.execute(select(func.count()).select_from(t)).scalar())}
    if held:
        raise DumpError(f"{source}: the knowledge base at {kb.shown_url} is not empty "
                        f"({', '.join(f'{n} {t}' for t, n in held.items())}); load needs an empty one")
    with kb._transaction() as conn:
        loader = _Loader(conn, source)
        try:
            ended = _read(loader, lines, source)
        except DBAPIError as exc:  # rows that do not fit together: a key twice, a reference to nothing
            problem = f"{type(exc.orig).__name__}: {str(exc.orig).splitlines()[0]}"
            raise DumpError(f"{source}:{loader.line}: these rows cannot be stored together ({problem}); "
                            "nothing was loaded") from None
        except UnicodeDecodeError:
            raise DumpError(f"{source}: not UTF-8 text after line {loader.line}; nothing was loaded") from None
        except UNSTORABLE as exc:  # a value no column takes
            problem = f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0]}"
            raise DumpError(f"{source}:{loader.line}: a value the database cannot store ({problem}); "
                            "nothing was loaded") from None
        # an assertion's id is a change's id, never given again (migration 0007): the next one
        # comes after every id a webhook delivery told of, even of a change since forgotten
        told = conn.execute(select(func.coalesce(func.max(hook_deliveries.c.assertion_id), 0))).scalar()
        if conn.dialect.name == "postgresql":  # ids were given: the next new row takes the next free id
            for table in (t for t in metadata.sorted_tables if list(t.primary_key.columns.keys()) == ["id"]):
                floor = told if table.name == "assertions" else 0
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"greatest(coalesce(max(id), 0), {int(floor)}) + 1, false) FROM {table.name}")
        else:
            used = max(told, conn.execute(select(func.coalesce(func.max(assertions.c.id), 0))).scalar())
            conn.exec_driver_sql("DELETE FROM sqlite_sequence WHERE name = 'assertions'")
            conn.exec_driver_sql(f"INSERT INTO sqlite_sequence (name, seq) VALUES ('assertions', {int(used)})")
    if kb.dialect == "postgresql":  # the planner's statistics, at once rather than when autovacuum comes by
        with kb.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    return loader.counts
