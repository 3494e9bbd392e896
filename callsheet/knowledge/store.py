"""The knowledge base: extractions merged into one record per project, person
and company, each fact with every article that asserts it.

One `ingest` is one transaction: a crash leaves the database as it was before
that article. Reading (cards, timelines, search) never writes.

A document is one text: its identity is the SHA-256 of the decoded text, and
it keeps every location (a file's canonical path, a URL) it was ingested
from. A location names one text at a time, so re-ingesting a location whose
text changed replaces that location's document, and the same text under
another name is the same document, whose new location is recorded beside the
others. A document no location names any more is forgotten, unless it was
also given as text alone (stdin, the API without a URL). An undated article
is dated by the day it was ingested, and flagged as such (`date_inferred`).

The store is SQLite (the default: one file) or PostgreSQL (psycopg 3, for a
team), and several processes may write it at once. A write is one
transaction that is serialisable: SQLite takes its one write lock at the
start (`BEGIN IMMEDIATE`); PostgreSQL runs it SERIALIZABLE and aborts one of
two transactions whose reads and writes cross. Every natural key is also a
unique index (tables.py). A transaction that meets a concurrent writer this
way (serialisation failure, deadlock, a unique key taken meanwhile, a lock
held too long) is run again from the start, after a randomised backoff, so
that merging never depends on timing.
"""
from __future__ import annotations

import hashlib
import logging
import os
import random
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, create_engine, event, func, make_url, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from callsheet.knowledge import names, stories
from callsheet.knowledge.stages import CurrentFact, project_stage
from callsheet.knowledge.tables import (aliases, assertions, document_locations, document_stories, documents,
                                        entities, statements, story_bands)
from callsheet.schema import CREDIT_PREDICATES, LINK_PREDICATES, Article, Entity, Extraction

DEFAULT_URL = "sqlite:///callsheet.db"
MIGRATIONS = Path(__file__).parent / "migrations"
# one value expected per project: two sources that name different ones disagree
SINGLE_VALUED = {"director", "studio", "network", "distributor", "filming_location", "filming_start",
                 "release_date", "showrunner"}
FILM_KINDS = {"film", "documentary", "short"}
# PostgreSQL's codes for "run it again": serialization_failure, deadlock_detected, unique_violation
RETRY_SQLSTATES = {"40001", "40P01", "23505"}
OPEN_ATTEMPTS = 6  # opening (and migrating) a KB another process is migrating too
RETRY_FOR_SECONDS = 120.0  # how long a write keeps trying before its error is the caller's
MAX_KEY_RETRIES = 5
MIGRATION_LOCK = 7_262_011_412  # PostgreSQL advisory lock key: one process migrates at a time
T = TypeVar("T")
log = logging.getLogger(__name__)


class KnowledgeError(Exception):
    """The database cannot be opened or a name cannot be resolved."""


class AmbiguousName(KnowledgeError):
    def __init__(self, name: str, candidates: list[dict]):
        super().__init__(f"{name!r} matches {len(candidates)} entities")
        self.candidates = candidates


@dataclass
class IngestResult:
    doc_key: str
    outcome: str  # added, unchanged, replaced
    facts: int
    copy_of: int | None = None  # the story (its first document's id) this article is a copy of


def report_order(published: str | None, ingested_seq: int, assertion_id: int) -> tuple:
    """Where an assertion stands in its statement's history: by the article's
    date (an undated article's is the day it was ingested; only rows stored
    before callsheet recorded ingestion times have none, and count as
    oldest), then by the order of ingestion. The last one gives the
    statement's current status."""
    return published or "", ingested_seq, assertion_id


def database_url(url: str | None = None) -> str:
    return url or os.environ.get("CALLSHEET_DB") or DEFAULT_URL


def redacted(url: str, text: str | None = None) -> str:
    """`text` (default: the URL itself) with the URL's password shown as ***,
    so that no message ever prints it: the one after the user name and any
    `password` query parameter (`...?password=...`, which libpq takes too)."""
    text = url if text is None else text
    try:
        parsed = make_url(url)
        passwords = [parsed.password] + _as_list(parsed.query.get("password"))
    except Exception:  # noqa: BLE001  (not a URL SQLAlchemy can parse: find the password by hand)
        match = re.match(r"^[^:/]+://[^:/@]*:([^@]*)@", url)
        passwords = [match.group(1) if match else None] + re.findall(r"[?&]password=([^&]*)", url)
    for password in sorted({str(p) for p in passwords if p}, key=len, reverse=True):
        text = text.replace(password, "***").replace(quote(password, safe=""), "***")
    return text


def _as_list(value) -> list:
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def content_hash(text_: str) -> str:
    """A document's identity: SHA-256 (hex) of its decoded, NFC text."""
    return hashlib.sha256(text_.encode("utf-8")).hexdigest()


def document_location(location: str | None) -> str | None:
    """The one spelling of where a text came from: a URL with its scheme and
    host lower-cased and its fragment dropped; a file by its absolute path
    with symlinks, "." and ".." resolved (against the working directory);
    None for text given alone. A URL that urllib cannot split (an empty or
    malformed bracketed host such as "http://[]/a") keeps its spelling: a
    record from a WARC or feed with such a URI is still stored, not lost."""
    if not location or location == "-":
        return None
    try:
        parts = urlsplit(location)
    except ValueError:
        return location
    if parts.scheme and parts.netloc:
        return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))
    return os.path.realpath(location)


def _sqlite_file(url: str) -> str | None:
    """The file a SQLite URL names (the path of a URI filename too,
    "sqlite:///file:kb.db?uri=true&mode=ro"), else None: another backend,
    an in-memory database, a URL SQLAlchemy cannot parse (the engine
    reports it)."""
    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    path = parsed.database
    if path.startswith("file:"):
        if "memory" in _as_list(parsed.query.get("mode")):
            return None
        path = unquote(urlsplit(path).path)
    return path if path and path != ":memory:" else None


def _foreign_tables(url: str) -> list[str]:
    """The tables of a SQLite file that holds tables but never had
    callsheet's schema (no alembic_version): it belongs to another program,
    and callsheet's tables are not added to it. Read through a read-only
    connection, before callsheet's own (which switches the file to WAL);
    empty for any other database, a new file, or one SQLite cannot read
    (opening it says why)."""
    path = _sqlite_file(url)
    if path is None or not os.path.isfile(path):
        return []
    try:
        with closing(sqlite3.connect(f"file:{quote(os.path.abspath(path))}?mode=ro", uri=True)) as conn:
            tables = [row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    except sqlite3.Error:
        return []
    return [] if "alembic_version" in tables else tables


def _refuse_unknown_revisions(conn: Connection, config: Config) -> None:
    """Raises `KnowledgeError` when the schema revision stored in
    alembic_version is none of callsheet's migrations: a newer callsheet's,
    another program's, or a symbolic name or an empty string that alembic
    would read as "head" (and open as current) or fail on with a bare
    assertion. A database with no alembic_version is left to the upgrade."""
    from alembic.script import ScriptDirectory
    from sqlalchemy import inspect
    if not inspect(conn).has_table("alembic_version"):
        return
    known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
    for (stored,) in conn.exec_driver_sql("SELECT version_num FROM alembic_version"):
        if stored not in known:
            raise KnowledgeError(f"its schema revision {stored!r} is not one this callsheet knows: "
                                 f"a newer callsheet made it, or another program")


def _redated(doc, article: Article) -> bool:
    """The article gives a date its stored text did not have (or another one): extract it again."""
    return article.published is not None and (doc.date_inferred or doc.published != article.published)


def _kinds_fit(a: str | None, b: str | None) -> bool:
    """"film" is also the extractor's guess for a work of no stated kind, so it fits any kind."""
    return a is None or b is None or a == b or a == "film" or b == "film" or (a in FILM_KINDS and b in FILM_KINDS)


class KnowledgeBase:
    """The store at a SQLAlchemy URL (see `database_url`), migrated to the
    latest schema on opening. `clock` gives the current UTC time: when an
    article was ingested, and the date of an undated one.

    `create` = False (the read commands) refuses a SQLite file that does not
    exist or is empty, where opening would write an empty knowledge base: a
    mistyped path then says so instead of showing nothing. A folder is
    refused whatever `create` says.

    Raises `KnowledgeError` when the database cannot be opened."""

    def __init__(self, url: str | None = None, clock: Callable[[], datetime] | None = None, create: bool = True):
        self.url = database_url(url)
        self.shown_url = redacted(self.url)
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        path = _sqlite_file(self.url)
        missing = path if path is not None and not os.path.exists(path) else None
        if missing and not create:
            raise KnowledgeError(f"no knowledge base at {missing}: the file does not exist "
                                 f"(`callsheet ingest` or `callsheet load` creates one)")
        if path is not None and os.path.isdir(path):
            raise KnowledgeError(f"cannot open database {path}: it is a folder; give a file in it "
                                 f"(sqlite:///{os.path.join(path, 'kb.db')})")
        if path is not None and not create and os.path.isfile(path) and os.path.getsize(path) == 0:
            raise KnowledgeError(f"no knowledge base at {path}: the file is empty "
                                 f"(`callsheet ingest` or `callsheet load` makes it one)")
        self.new_file = missing  # the SQLite file this opening creates, if any
        try:
            self.engine: Engine = make_engine(self.url)
        except Exception as exc:  # a bad URL
            raise KnowledgeError(redacted(self.url, f"cannot open database {self.url}: {_one_line(exc)}")) from None
        foreign = _foreign_tables(self.url)
        if foreign:
            shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
            raise KnowledgeError(f"cannot open database {self.shown_url}: it holds tables of something else "
                                 f"({shown}), not a callsheet knowledge base; give a new file or a callsheet one")
        for attempt in range(OPEN_ATTEMPTS):
            try:
                self._migrate()
                break
            except Exception as exc:  # an unreadable file, a file that is no database, no server
                # SQLite answers "database is locked" at once, without waiting its busy
                # timeout, where waiting could deadlock (a new file's switch to WAL while
                # another process migrates it): then the migration is tried again a little later
                if not (isinstance(exc, DBAPIError) and _concurrent_writer(exc)) or attempt + 1 == OPEN_ATTEMPTS:
                    raise KnowledgeError(redacted(self.url, f"cannot open database {self.url}: "
                                                            f"{_one_line(exc)}")) from None
                self.engine.dispose()
                time.sleep(0.05 * 2 ** attempt * (1 + random.random()))
        self.dialect = self.engine.dialect.name
        # the largest id a row can have: SQLite's INTEGER is 64-bit, PostgreSQL's 32-bit
        self.max_id = 2 ** 31 - 1 if self.dialect == "postgresql" else 2 ** 63 - 1

    def _migrate(self) -> None:
        """Upgrades the schema to the latest migration, all or nothing, one
        process at a time (two processes opening a new KB together used to
        race: "table documents already exists").

        On SQLite this follows SQLite's own procedure for rebuilding a table
        (https://sqlite.org/lang_altertable.html#otheralter): foreign keys
        off, so that dropping the old copy of a table never cascades to its
        children; one explicit transaction that takes the write lock first,
        so that DDL is undone too if the process dies halfway and a second
        process waits, then finds the schema current; and a foreign-key
        check before committing. On PostgreSQL, where DDL is transactional
        too, an advisory lock held to the end of the transaction does the
        waiting, at READ COMMITTED so that once it has the lock it sees the
        schema the process before it made."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.connect() as conn:
            sqlite = conn.dialect.name == "sqlite"
            if conn.dialect.name == "postgresql":  # each statement sees what the process before us committed
                conn = conn.execution_options(isolation_level="READ COMMITTED")
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
                conn.commit()
            try:
                with conn.begin():
                    if sqlite:
                        conn.exec_driver_sql("BEGIN IMMEDIATE")
                    elif conn.dialect.name == "postgresql":
                        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
                    config.attributes["connection"] = conn
                    _refuse_unknown_revisions(conn, config)
                    command.upgrade(config, "head")
                    if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                        raise KnowledgeError("the migration would leave rows that point at nothing")
            finally:
                if sqlite:
                    conn.exec_driver_sql("PRAGMA foreign_keys = ON")
                    conn.commit()

    def close(self) -> None:
        self.engine.dispose()

    def discard_new_file(self) -> None:
        """Closes the knowledge base and removes the SQLite file its opening
        created (with SQLite's -wal and -shm beside it): for a command that
        failed before storing anything, so that it leaves no empty KB behind."""
        self.close()
        if self.new_file:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(self.new_file + suffix).unlink(missing_ok=True)

    def stored(self, article: Article) -> bool:
        """Whether `recognise` would take the article without extracting it
        (its text is stored, with no new date), without recording anything:
        for a reader that runs ahead of the writer."""
        with self.engine.connect() as conn:
            doc = conn.execute(select(documents).where(documents.c.content_hash == content_hash(article.text))).first()
        return doc is not None and not _redated(doc, article)

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """One write transaction, serialisable (see the module's docstring)."""
        with self.engine.connect() as conn:
            if self.dialect == "postgresql":
                conn = conn.execution_options(isolation_level="SERIALIZABLE")
            with conn.begin():
                if self.dialect == "sqlite":
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                yield conn

    def write(self, work: Callable[[Connection], T]) -> T:
        """Runs `work(conn)` in one write transaction, and runs it again from
        the start whenever it meets a concurrent writer (`work` must do
        nothing outside the database that a second run would repeat). Gives
        up, raising the database's error, after RETRY_FOR_SECONDS, or when
        unique keys were taken more than MAX_KEY_RETRIES times; any other
        error is raised at once."""
        deadline = time.monotonic() + RETRY_FOR_SECONDS
        attempt = taken = 0
        while True:
            attempt += 1
            try:
                with self._transaction() as conn:
                    return work(conn)
            except DBAPIError as exc:
                taken += getattr(exc.orig, "sqlstate", None) == "23505"
                # a key another writer took is found on the next run; one taken again and again is a bug
                if not _concurrent_writer(exc) or time.monotonic() > deadline or taken > MAX_KEY_RETRIES:
                    raise
                pause = random.uniform(0, min(2.0, 0.005 * 2 ** min(attempt, 10)))
                log.debug("write met a concurrent writer (%s); attempt %d again in %.3f s",
                          _one_line(exc.orig), attempt + 1, pause)
                time.sleep(pause)

    # --- writing --------------------------------------------------------------
    def recognise(self, article: Article, location: str | None = None) -> IngestResult | None:
        """What ingesting an article whose text is already stored comes to,
        without extracting it: `location` (default: `Article.location`) is
        recorded as one of that document's. None when the article needs
        extracting: its text is new, or it gives a date the stored one lacks."""
        digest = content_hash(article.text)
        where = document_location(location or article.location)

        def known(conn: Connection) -> IngestResult | None:
            doc = conn.execute(select(documents).where(documents.c.content_hash == digest)).first()
            if doc is None or _redated(doc, article):
                return None
            return self._known(conn, doc, article, where)
        return self.write(known)

    def ingest(self, extraction: Extraction, location: str | None = None) -> IngestResult:
        """Merges one article's extraction, in one transaction.

        `location` (default: `Article.location`, its URL else its file; "-" or None for text given
        alone) is made canonical by `document_location`. Outcomes: "unchanged"
        when the text is already stored (the location is recorded beside the
        document's others); "replaced" when the location named another text,
        whose assertions are then taken back unless another location (or a
        text-only ingest) still holds it; "added" otherwise. Each new fact or
        status change is queued for the webhooks that follow it (hooks.py),
        in the same transaction; nothing here waits for a receiver."""
        from callsheet.knowledge import hooks as webhooks  # it reads changes through cards and browse, above this
        article = extraction.article
        location = document_location(location or article.location)
        digest = content_hash(article.text)
        now = self.clock().astimezone(timezone.utc)

        def merge(conn: Connection) -> IngestResult:
            same_text = conn.execute(select(documents).where(documents.c.content_hash == digest)).first()
            if same_text is not None and not _redated(same_text, article):
                return self._known(conn, same_text, article, location)
            seq = self._next_seq(conn)
            published = article.published or now.date().isoformat()
            row = {"doc_key": article.id, "content_hash": digest, "published": published,
                   "date_inferred": article.published is None, "title": article.title, "source": article.source,
                   "ingested_seq": seq, "ingested_at": now.isoformat(timespec="seconds")}
            named = None if location is None else conn.execute(
                select(documents).join(document_locations, document_locations.c.document_id == documents.c.id)
                .where(document_locations.c.location == location)).first()
            if same_text is not None:  # the same text with a date of its own now: its facts are made anew
                target = same_text
            elif named is not None and self._named_only_by(conn, named, location):
                target = named  # an edited file or page: the new text replaces the old in place
            else:
                target = None
            touched: set[int] = set()
            if target is not None:
                touched |= self._forget_document(conn, target.id)
                conn.execute(documents.update().where(documents.c.id == target.id).values(**row))
                doc_id = target.id
            else:
                doc_id = conn.execute(documents.insert().values(**row)).inserted_primary_key[0]
            touched |= self._claim(conn, doc_id, location) or set()
            count, resolved = self._add_facts(conn, extraction, doc_id, published)
            self._refresh(conn, touched | resolved, seq)
            copy_of = self._place_in_story(conn, doc_id, article.body)
            webhooks.enqueue(conn, doc_id, now)  # told by the delivery worker once this commits
            outcome = "replaced" if target is not None or named is not None else "added"
            return IngestResult(article.id, outcome, count, copy_of)
        return self.write(merge)

    def _known(self, conn: Connection, doc, article: Article, location: str | None) -> IngestResult:
        """A stored text seen again, perhaps under a new name: record the name."""
        forgotten = self._claim(conn, doc.id, location)
        if forgotten is not None:
            self._refresh(conn, forgotten, self._next_seq(conn) - 1)
        return IngestResult(article.id, "unchanged" if forgotten is None else "replaced", 0)

    @staticmethod
    def _next_seq(conn: Connection) -> int:
        return (conn.execute(select(func.max(documents.c.ingested_seq))).scalar() or 0) + 1

    @staticmethod
    def _named_only_by(conn: Connection, doc, location: str) -> bool:
        names = conn.execute(select(document_locations.c.location)
                             .where(document_locations.c.document_id == doc.id)).scalars().all()
        return not doc.text_only and names == [location]

    def _claim(self, conn: Connection, doc_id: int, location: str | None) -> set[int] | None:
        """Records that `location` holds this document's text (None: it was
        given as text alone). A document the location named before, that no
        location names any more, is forgotten: returns the entities its
        assertions were about, or None when nothing was forgotten."""
        if location is None:
            conn.execute(documents.update().where((documents.c.id == doc_id) & ~documents.c.text_only)
                         .values(text_only=True))
            return None
        before = conn.execute(select(document_locations).where(document_locations.c.location == location)).first()
        if before is None:
            conn.execute(document_locations.insert().values(document_id=doc_id, location=location))
            return None
        if before.document_id == doc_id:
            return None
        conn.execute(document_locations.update().where(document_locations.c.id == before.id)
                     .values(document_id=doc_id))
        previous = conn.execute(select(documents).where(documents.c.id == before.document_id)).first()
        still_named = conn.execute(select(document_locations.c.id).where(
            document_locations.c.document_id == previous.id)).first()
        if previous.text_only or still_named is not None:
            return None
        touched = self._forget_document(conn, previous.id)
        conn.execute(documents.delete().where(documents.c.id == previous.id))
        return touched

    def _place_in_story(self, conn: Connection, doc_id: int, body: str) -> int | None:
        """Files the document under the story it is a near-duplicate of, else
        under a story of its own. Returns the story it joined, if any."""
        conn.execute(story_bands.delete().where(story_bands.c.document_id == doc_id))
        conn.execute(document_stories.delete().where(document_stories.c.document_id == doc_id))
        sketch = stories.sketch(body)
        if sketch is None:
            return None
        sig, size = sketch
        keys = stories.band_keys(sig)
        candidates = select(story_bands.c.document_id).where(story_bands.c.key.in_(keys)).distinct()
        best, story = 0.0, None
        for row in conn.execute(select(document_stories).where(document_stories.c.document_id.in_(candidates))):
            score = stories.copy_score(sig, size, stories.from_blob(row.signature), row.shingles)
            if score >= stories.THRESHOLD and (score, -row.story_id) > (best, -(story or 0)):
                best, story = score, row.story_id
        conn.execute(document_stories.insert().values(document_id=doc_id, story_id=story or doc_id,
                                                      signature=stories.to_blob(sig), shingles=size))
        conn.execute(story_bands.insert(), [{"key": key, "document_id": doc_id} for key in keys])
        return story

    def _forget_document(self, conn: Connection, doc_id: int) -> set[int]:
        """An article whose text changed takes back its own assertions, and nothing else.
        Returns the entities those assertions were about, whose stage may change."""
        touched = set()
        credits = set()
        for st in conn.execute(select(statements.c.subject_id, statements.c.object_id, statements.c.predicate)
                               .join(assertions, assertions.c.statement_id == statements.c.id)
                               .where(assertions.c.document_id == doc_id)):
            touched |= {st.subject_id, st.object_id} - {None}
            if st.predicate in CREDIT_PREDICATES:
                credits.add((st.subject_id, st.object_id))
        conn.execute(assertions.delete().where(assertions.c.document_id == doc_id))
        conn.execute(statements.delete().where(~statements.c.id.in_(select(assertions.c.statement_id))))
        for person, work in credits:
            place_roleless_exits(conn, person, work)
        return touched

    def _add_facts(self, conn: Connection, extraction: Extraction, doc_id: int,
                   published: str) -> tuple[int, set[int]]:
        ids: dict[str, int] = {}
        by_id = {e.id: e for e in extraction.entities}
        for ent in extraction.entities:
            if not (ent.type == "work" and ent.name is None):
                ids[ent.id] = self._resolve(conn, ent)
        for fact in (f for f in extraction.facts if f.predicate in LINK_PREDICATES):
            target = ids.get(fact.object)
            if target is None:
                continue
            if fact.subject not in ids:
                ids[fact.subject] = self._untitled(conn, fact.predicate, target, by_id[fact.subject])
            else:
                merged = self._adopt_untitled(conn, ids[fact.subject], fact.predicate, target)
                ids.update({key: ids[fact.subject] for key, value in ids.items() if value in merged})
        count = 0
        credits = set()
        for fact in extraction.facts:
            subject = ids.get(fact.subject)
            obj = ids.get(fact.object) if fact.object else None
            if subject is None or (fact.object and obj is None):
                continue
            attribution = by_id[fact.attribution].name if fact.attribution in by_id else None
            conn.execute(assertions.insert().values(
                statement_id=statement_id(conn, subject, fact.predicate, obj, fact.value), document_id=doc_id,
                status=fact.status, character=fact.character, evidence=fact.evidence, attribution=attribution,
                published=published, confidence=fact.confidence,
                roleless=fact.predicate == "cast" and fact.status == "exited" and not fact.character))
            count += 1
            if fact.predicate in CREDIT_PREDICATES and obj is not None:
                credits.add((subject, obj))
        for person, work in credits:
            place_roleless_exits(conn, person, work)
        return count, set(ids.values())

    def _refresh(self, conn: Connection, touched: set[int], seq: int) -> None:
        """Mark what this document touched, and work out each touched project's stage anew."""
        live = conn.execute(select(entities.c.id, entities.c.type).where(entities.c.id.in_(touched))).all()
        conn.execute(entities.update().where(entities.c.id.in_([r.id for r in live])).values(updated_seq=seq))
        refresh_stages(conn, [r.id for r in live if r.type == "work"])

    # --- entity resolution ----------------------------------------------------
    def _resolve(self, conn: Connection, ent: Entity) -> int:
        norm = names.normalise(ent.name)
        found = self._match(conn, ent, norm)
        if found is None:
            found = self._create(conn, ent.type, ent.name, norm, ent.kind, ent.year)
        else:
            self._enrich(conn, found, ent)
        for alias in [ent.name, *ent.aliases]:
            add_alias(conn, found, alias)
        return found

    def _match(self, conn: Connection, ent: Entity, norm: str) -> int | None:
        same_type = entities.c.type == ent.type
        exact = [r for r in conn.execute(select(entities).where(same_type & (entities.c.norm == norm)))]
        # by primary key, the type checked here: given `type = ?`, SQLite would scan the type's index
        via_alias = [r for r in conn.execute(select(entities).where(
            entities.c.id.in_(select(aliases.c.entity_id).where(aliases.c.norm == norm)))) if r.type == ent.type]
        if ent.type == "work":
            fitting = [r for r in exact + via_alias if _kinds_fit(r.kind, ent.kind)
                       and (r.year is None or ent.year is None or r.year == ent.year)]
            return fitting[0].id if fitting else None
        if exact:
            return exact[0].id
        if ent.type == "person":
            return self._match_person(conn, norm, via_alias)
        if via_alias:
            return via_alias[0].id
        if ent.type == "company" and norm:
            for r in conn.execute(select(entities).where(
                    same_type & (entities.c.lookup == names.lookup_key("company", norm)))):
                if names.same_company(r.name, ent.name):
                    return r.id
        return None

    def _match_person(self, conn: Connection, norm: str, via_alias) -> int | None:
        if " " not in norm:  # a surname alone: the one known person who bears it
            fulls = [r for r in conn.execute(select(entities).where(
                (entities.c.type == "person") & (entities.c.lookup == norm)))
                if names.is_surname_of(norm, r.norm)]
            if len(fulls) == 1:
                return fulls[0].id
            return via_alias[0].id if len(via_alias) == 1 and " " in via_alias[0].norm else None
        # a full name given now for someone known so far by surname alone: name them in full
        lone = [r for r in conn.execute(select(entities).where(
            (entities.c.type == "person") & (entities.c.norm == norm.split()[-1])))]
        if len(lone) == 1:
            conn.execute(entities.update().where(entities.c.id == lone[0].id).values(norm=norm))
            return lone[0].id
        return None

    def _enrich(self, conn: Connection, ent_id: int, ent: Entity) -> None:
        """The fuller name, and a kind or year the entity lacked."""
        row = conn.execute(select(entities).where(entities.c.id == ent_id)).first()
        values = {}
        if ent.name and (row.name is None or (ent.type == "person" and len(ent.name) > len(row.name)
                                              and names.normalise(ent.name) == row.norm)):
            values["name"] = ent.name
        if ent.kind and (row.kind is None or (row.kind == "film" and ent.kind not in FILM_KINDS)):
            values["kind"] = ent.kind
        if row.year is None and ent.year:
            values["year"] = ent.year
        if values:
            conn.execute(entities.update().where(entities.c.id == ent_id).values(**values))

    def _create(self, conn, type_, name, norm, kind=None, year=None, link=None) -> int:
        return conn.execute(entities.insert().values(
            type=type_, name=name, norm=norm or None, lookup=names.lookup_key(type_, norm), kind=kind, year=year,
            link_predicate=link[0] if link else None, link_target=link[1] if link else None)
        ).inserted_primary_key[0]

    def _untitled(self, conn: Connection, predicate: str, target: int, ent: Entity) -> int:
        """"The Romy and Michele sequel" is one work in every article that mentions it."""
        found = conn.execute(select(entities.c.id).where(
            (entities.c.link_predicate == predicate) & (entities.c.link_target == target))).first()
        if found is not None:
            return found.id
        return self._create(conn, "work", None, None, ent.kind, ent.year, (predicate, target))

    def _adopt_untitled(self, conn: Connection, work: int, predicate: str, target: int) -> set[int]:
        """A later article (or a later sentence of the same one) titles the
        sequel: the untitled one becomes this work, link kept. Returns the
        ids of the untitled works merged into it, which no longer exist."""
        merged = set()
        for row in conn.execute(select(entities.c.id).where(
                (entities.c.link_predicate == predicate) & (entities.c.link_target == target)
                & (entities.c.id != work) & entities.c.name.is_(None))).all():
            merge_entities(conn, keep=work, drop=row.id)
            merged.add(row.id)
        conn.execute(entities.update().where(entities.c.id == work).values(  # after the merge: an untitled
            link_predicate=predicate, link_target=target))                    # work has one link of a kind
        return merged


def statement_id(conn: Connection, subject: int, predicate: str, obj: int | None, value: str | None) -> int:
    """The id of the statement (subject, predicate, object or value), stored now if it is new."""
    cond = (statements.c.subject_id == subject) & (statements.c.predicate == predicate)
    cond &= statements.c.object_id.is_(None) if obj is None else statements.c.object_id == obj
    cond &= statements.c.value.is_(None) if value is None else statements.c.value == value
    found = conn.execute(select(statements.c.id).where(cond)).scalar()
    if found is not None:
        return found
    return conn.execute(statements.insert().values(
        subject_id=subject, predicate=predicate, object_id=obj, value=value)).inserted_primary_key[0]


def add_alias(conn: Connection, ent_id: int, alias: str | None) -> None:
    """Records another name of the entity, unless it is known (or normalises to nothing)."""
    norm = names.normalise(alias)
    if not norm:
        return
    exists = conn.execute(select(aliases.c.id).where(
        (aliases.c.entity_id == ent_id) & (aliases.c.norm == norm))).first()
    if exists is None:
        conn.execute(aliases.insert().values(entity_id=ent_id, alias=alias, norm=norm))


def place_roleless_exits(conn: Connection, person: int, work: int) -> None:
    """"Reyes has dropped out of the project" names no role, and the
    extractor then says cast (the assertion is `roleless`). Someone known on
    the work only in other roles (a producer, say) has left those roles:
    each such exit is asserted on every role the person holds there, else
    on cast. Worked out again whenever the person's credits on the work
    change, so that the outcome never depends on which article came first."""
    rows = conn.execute(select(assertions, statements.c.predicate).join(
        statements, statements.c.id == assertions.c.statement_id).where(
        (statements.c.subject_id == person) & (statements.c.object_id == work)
        & statements.c.predicate.in_(CREDIT_PREDICATES))).all()
    exits = [r for r in rows if r.roleless]
    if not exits:
        return
    roles = {r.predicate for r in rows if not r.roleless}
    targets = {"cast"} if "cast" in roles or not roles else roles
    first = {}
    for r in sorted(exits, key=lambda r: r.id):
        first.setdefault(r.document_id, r)
    placed = {(r.document_id, r.predicate) for r in exits}
    for r in exits:
        if r.predicate not in targets:
            conn.execute(assertions.delete().where(assertions.c.id == r.id))
    for document_id, r in first.items():
        for predicate in sorted(targets):
            if (document_id, predicate) not in placed:
                conn.execute(assertions.insert().values(
                    statement_id=statement_id(conn, person, predicate, work, None), document_id=document_id,
                    status=r.status, character=None, evidence=r.evidence, attribution=r.attribution,
                    published=r.published, confidence=r.confidence, roleless=True))
    conn.execute(statements.delete().where(
        (statements.c.subject_id == person) & (statements.c.object_id == work)
        & ~statements.c.id.in_(select(assertions.c.statement_id))))


def merge_entities(conn: Connection, keep: int, drop: int) -> None:
    """Makes `drop` one with `keep`: its statements (merged with `keep`'s
    equal ones, their assertions kept), aliases, links and followers (webhooks)
    move to `keep`, and `drop` is deleted. An untitled work linked to `drop`
    merges into the one of the same link to `keep`, if there is one ("the
    sequel" of two names of one film is one sequel)."""
    from callsheet.knowledge.tables import hooks
    credits = set()
    for column in (statements.c.subject_id, statements.c.object_id):
        for st in conn.execute(select(statements).where(column == drop)).all():
            subject = keep if st.subject_id == drop else st.subject_id
            obj = keep if st.object_id == drop else st.object_id
            if subject == obj:
                conn.execute(statements.delete().where(statements.c.id == st.id))
                continue
            if st.predicate in CREDIT_PREDICATES:
                credits.add((subject, obj))
            target = statement_id(conn, subject, st.predicate, obj, st.value)
            if target != st.id:
                conn.execute(assertions.update().where(assertions.c.statement_id == st.id)
                             .values(statement_id=target))
                conn.execute(statements.delete().where(statements.c.id == st.id))
    for al in conn.execute(select(aliases).where(aliases.c.entity_id == drop)).all():
        add_alias(conn, keep, al.alias)
    conn.execute(aliases.delete().where(aliases.c.entity_id == drop))
    for linked in conn.execute(select(entities.c.id, entities.c.name, entities.c.link_predicate)
                               .where(entities.c.link_target == drop)).all():
        twin = None if linked.name is not None else conn.execute(select(entities.c.id).where(
            (entities.c.link_predicate == linked.link_predicate) & (entities.c.link_target == keep)
            & entities.c.name.is_(None) & (entities.c.id != linked.id))).scalar()
        if linked.id == keep:  # keep was a sequel of drop: no work is its own sequel
            conn.execute(entities.update().where(entities.c.id == keep).values(link_predicate=None, link_target=None))
        elif twin is not None:  # "the X sequel" of both: one untitled work
            merge_entities(conn, keep=twin, drop=linked.id)
        else:
            conn.execute(entities.update().where(entities.c.id == linked.id).values(link_target=keep))
    conn.execute(hooks.update().where(hooks.c.entity_id == drop).values(entity_id=keep))
    conn.execute(entities.delete().where(entities.c.id == drop))
    for person, work in credits:
        place_roleless_exits(conn, person, work)


def refresh_stages(conn: Connection, works: Iterable[int]) -> None:
    """Works out each work's stage (stages.py) from its statements' current statuses."""
    for work in works:
        latest: dict[int, tuple] = {}
        for r in conn.execute(
                select(statements.c.id, statements.c.predicate, statements.c.value, statements.c.object_id,
                       assertions.c.status, assertions.c.published, documents.c.ingested_seq,
                       assertions.c.id.label("aid"))
                .join(assertions, assertions.c.statement_id == statements.c.id)
                .join(documents, documents.c.id == assertions.c.document_id)
                .where((statements.c.subject_id == work) | (statements.c.object_id == work))):
            key = report_order(r.published, r.ingested_seq, r.aid)
            if r.id not in latest or key > latest[r.id][0]:
                latest[r.id] = (key, r)
        facts = [CurrentFact(r.predicate, r.status, r.value, r.published,
                             r.predicate in CREDIT_PREDICATES and r.object_id == work)
                 for _, r in latest.values()
                 if not (r.object_id == work and r.predicate not in CREDIT_PREDICATES)]
        conn.execute(entities.update().where(entities.c.id == work).values(stage=project_stage(facts)))


def make_engine(url: str) -> Engine:
    """An engine for the URL. SQLite: WAL (readers never wait for the
    writer), foreign keys on, and a writer waits up to 30 s for the lock.
    PostgreSQL: connections checked before use (a restarted server costs no
    request), and reads see one snapshot per connection (REPEATABLE READ).
    Errors never quote the values of a statement (a webhook's secret,
    article text)."""
    backend = make_url(url).get_backend_name()
    if backend == "postgresql":
        return create_engine(url, pool_pre_ping=True, isolation_level="REPEATABLE READ", hide_parameters=True)
    engine = create_engine(url, hide_parameters=True)
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _concurrent_writer(exc: DBAPIError) -> bool:
    """The error says another writer got there first: running the transaction again will do."""
    code = getattr(exc.orig, "sqlstate", None)
    if code is not None:
        return code in RETRY_SQLSTATES
    message = str(exc.orig).lower()
    return "database is locked" in message or "database is busy" in message


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 30000")  # first, so that the pragmas below wait for a lock too
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()
