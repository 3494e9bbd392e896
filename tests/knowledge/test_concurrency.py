"""Several writers on one knowledge base: processes that open a new KB
together, a write that crosses another, and two `callsheet ingest` runs with
overlapping articles, which must end as one serial ingest would."""
from __future__ import annotations

import json
import multiprocessing
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from corpus_paths import DEV, SAMPLES
from db_backend import on_postgres
from kb_helpers import sequel_credit
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from callsheet.knowledge import KnowledgeBase
from callsheet.knowledge.cards import card, find, stats

CALLSHEET = str(Path(sys.executable).parent / "callsheet")


def _open_after(barrier, url: str, errors) -> None:
    barrier.wait(timeout=60)
    try:
        KnowledgeBase(url).close()
    except Exception as exc:  # noqa: BLE001  (reported to the test)
        errors.put(repr(exc))


def test_processes_that_open_a_new_kb_together_all_find_it_migrated(db_url):
    """Issue 12: the second of two ingests started together died with "table documents already exists"."""
    context = multiprocessing.get_context("fork")
    barrier, errors = context.Barrier(4), context.Queue()
    workers = [context.Process(target=_open_after, args=(barrier, db_url, errors)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [worker.exitcode for worker in workers] == [0] * 4
    assert errors.empty(), errors.get()
    kb = KnowledgeBase(db_url)
    with kb.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    kb.close()


def test_a_write_that_crosses_another_is_run_again_and_merges_with_it(db_url):
    """The first writer reads what is stored (nothing yet) and pauses before
    writing; the second stores the same entities meanwhile. On PostgreSQL
    the second commits first, and the first must run again (a unique key or
    the serialisable check stops it); on SQLite the second waits for the
    first's write lock. Either way: one project, one person, one statement."""
    first, second = KnowledgeBase(db_url), KnowledgeBase(db_url)
    paused, resume = threading.Event(), threading.Event()
    attempts = []
    transaction, next_seq = first._transaction, first._next_seq

    def counted_transaction():
        attempts.append(1)
        return transaction()

    def pausing_next_seq(conn):
        if not paused.is_set():
            paused.set()
            assert resume.wait(120)
        return next_seq(conn)

    first._transaction, first._next_seq = counted_transaction, pausing_next_seq
    outcomes = {}
    writer = threading.Thread(target=lambda: outcomes.update(first=first.ingest(
        sequel_credit("a", "2026-01-12", "rumored", "Nadia Orlov is eyed."))))
    writer.start()
    assert paused.wait(120)
    other = threading.Thread(target=lambda: outcomes.update(second=second.ingest(
        sequel_credit("b", "2026-02-20", "in_talks", "Nadia Orlov is in final talks."))))
    other.start()
    if on_postgres():
        other.join(120)  # PostgreSQL lets the second writer through while the first is paused
        assert not other.is_alive()
    resume.set()
    writer.join(120)
    other.join(120)
    assert outcomes["first"].outcome == outcomes["second"].outcome == "added"
    if on_postgres():
        assert len(attempts) >= 2  # the first writer met the second and ran again
    counts = stats(first)
    assert counts["entities"] == {"person": 1, "work": 2} and counts["facts"] == {"cast": 1, "sequel_of": 1}
    history = card(first, find(first, "person", "Nadia Orlov"))["facts"][0]["history"]
    assert [h["status"] for h in history] == ["rumored", "in_talks"]
    first.close()
    second.close()


class Refused(Exception):
    def __init__(self, sqlstate: str | None, message: str = "could not serialize access"):
        super().__init__(message)
        self.sqlstate = sqlstate


def test_a_write_runs_again_only_when_it_met_another_writer(db_url):
    kb = KnowledgeBase(db_url)
    runs = []

    def conflicted_twice(conn):
        runs.append(1)
        if len(runs) <= 2:
            raise DBAPIError("UPDATE ...", {}, Refused("40001"))
        return "done"
    assert kb.write(conflicted_twice) == "done" and len(runs) == 3
    runs.clear()

    def locked_once(conn):
        runs.append(1)
        if len(runs) == 1:
            raise DBAPIError("BEGIN IMMEDIATE", {}, Refused(None, "database is locked"))
        return "done"
    assert kb.write(locked_once) == "done" and len(runs) == 2
    runs.clear()

    def broken(conn):
        runs.append(1)
        raise DBAPIError("INSERT ...", {}, Refused("23502", "null value in column"))
    with pytest.raises(DBAPIError):
        kb.write(broken)
    assert len(runs) == 1

    def key_taken_every_time(conn):
        runs.append(1)
        raise DBAPIError("INSERT ...", {}, Refused("23505", "duplicate key"))
    runs.clear()
    with pytest.raises(DBAPIError):
        kb.write(key_taken_every_time)
    assert len(runs) == 6
    kb.close()


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([CALLSHEET, *args], capture_output=True, text=True, timeout=900)


def test_two_ingests_on_a_new_kb_end_as_one_serial_ingest(tmp_path, db_url, databases):
    """Issue 12: two `callsheet ingest` runs started together on a new KB, with
    overlapping articles, store every document once, no entity or fact twice
    and none lost: the same `stats --json` as one serial ingest."""
    articles = sorted(SAMPLES.glob("*.txt")) + sorted((DEV / "text").glob("*.txt"))
    one, two = articles[:20], articles[9:]
    both = [subprocess.Popen([CALLSHEET, "ingest", "--db", db_url, *map(str, paths)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for paths in (one, two)]
    results = [proc.communicate(timeout=900) + (proc.returncode,) for proc in both]
    for out, err, code in results:
        assert code == 0 and "error" not in err, err
    counts = [dict(zip(("added", "replaced", "unchanged", "failed"), map(int, re.search(
        r"ingested: (\d+) added, (\d+) replaced, (\d+) unchanged, (\d+) failed", out).groups())))
        for out, _, _ in results]
    assert sum(c["added"] for c in counts) == len(articles)  # each text stored by one of them
    assert sum(c["unchanged"] for c in counts) == len(set(one) & set(two))
    serial = databases.new("serial")
    assert run("ingest", "--db", serial, *map(str, articles)).returncode == 0
    together = run("stats", "--db", db_url, "--json").stdout
    assert together == run("stats", "--db", serial, "--json").stdout
    assert json.loads(together)["documents"] == len(articles)
