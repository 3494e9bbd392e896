"""dump → load into an empty KB gives the same KB: every row of every table,
the same stats, cards identical field by field, on one backend and across
SQLite and PostgreSQL; a broken dump loads nothing and says where it broke."""
from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_paths import SAMPLES
from db_backend import on_postgres
from kb_helpers import extraction, sequel_credit
from receiver import Receiver
from sqlalchemy import select

from callsheet.knowledge import KnowledgeBase
from callsheet.knowledge.browse import changes
from callsheet.knowledge.cards import card, find, stats, timeline
from callsheet.knowledge.dump import DumpError, dump, load
from callsheet.knowledge.hooks import DeliveryWorker, add_hook, deliveries, list_hooks
from callsheet.knowledge.tables import entities, metadata
from callsheet.reading import iter_input_files, read_article

CALLSHEET = str(Path(sys.executable).parent / "callsheet")


def fill(kb: KnowledgeBase, extractor) -> None:
    """A KB with some of everything: real extractions, a replaced document,
    text given alone, an undated article, a hook with deliveries and attempts."""
    for path in iter_input_files([str(SAMPLES)]):
        kb.ingest(extractor.extract(read_article(path)))
    story = sequel_credit("story", "2026-05-01", "rumored", "Ana Bell is eyed for the sequel.",
                          person=("p1", "person", "Ana Bell"))
    kb.ingest(story)
    edited = sequel_credit("story", "2026-05-01", "in_talks", "Ana Bell is in talks for the sequel.",
                           person=("p1", "person", "Ana Bell"))
    edited.article.text += " (edited)"
    assert kb.ingest(edited).outcome == "replaced"
    alone = extraction("stdin", None, [("w1", "work", "Salt Road", "tv_series")], [
        {"subject": "w1", "predicate": "release_date", "value": "2027", "evidence": "Salt Road comes in 2027."}])
    alone.article.path = None
    kb.ingest(alone)
    with Receiver(answers=[500]) as receiver:
        add_hook(kb, receiver.url, follows=("project", find(kb, "project", "Salt Road")), secret="dump-secret")
        add_hook(kb, receiver.url)
        kb.ingest(extraction("late", "2026-06-01", [("w1", "work", "Salt Road", "tv_series"),
                                                   ("p1", "person", "Mara Quint")], [
            {"subject": "p1", "predicate": "cast", "object": "w1", "status": "attached",
             "evidence": "Mara Quint joins Salt Road."}]))
        DeliveryWorker(kb).drain()


def rows(kb: KnowledgeBase) -> dict[str, list[dict]]:
    with kb.engine.connect() as conn:
        return {t.name: [dict(r._mapping) for r in conn.execute(
            select(t).order_by(*(t.primary_key.columns or t.columns)))] for t in metadata.sorted_tables}


def answers(kb: KnowledgeBase) -> dict:
    """What a user sees: stats, every card, every timeline, the changes, the hooks."""
    with kb.engine.connect() as conn:
        ids = [r.id for r in conn.execute(select(entities.c.id, entities.c.type).order_by(entities.c.id))]
        works = [r.id for r in conn.execute(select(entities.c.id).where(entities.c.type == "work").order_by(entities.c.id))]
    return {"stats": stats(kb), "cards": [card(kb, i) for i in ids], "timelines": [timeline(kb, w) for w in works],
            "changes": changes(kb, limit=500), "hooks": list_hooks(kb), "deliveries": deliveries(kb, limit=500)}


def moved(source: KnowledgeBase, target_url: str) -> KnowledgeBase:
    buffer = io.StringIO()
    counts = dump(source, buffer)
    target = KnowledgeBase(target_url)
    assert load(target, io.StringIO(buffer.getvalue())) == counts
    return target


@pytest.fixture(scope="module")
def original(databases, extractor):
    kb = KnowledgeBase(databases.new("original"))
    fill(kb, extractor)
    yield kb
    kb.close()


def test_dump_then_load_gives_the_same_knowledge_base(original, db_url):
    copy = moved(original, db_url)
    assert rows(copy) == rows(original)
    assert answers(copy) == answers(original)
    assert json.dumps(stats(copy), sort_keys=True) == json.dumps(stats(original), sort_keys=True)
    # the copy goes on as the original would: new rows take new ids
    result = copy.ingest(sequel_credit("after", "2026-07-01", "confirmed", "Nadia Orlov is confirmed."))
    assert result.outcome == "added" and stats(copy)["documents"] == stats(original)["documents"] + 1
    copy.close()


@pytest.mark.skipif(not on_postgres(), reason="needs PostgreSQL: make test-postgres")
def test_a_kb_moves_from_sqlite_to_postgresql_and_back_unchanged(tmp_path, db_url, extractor):
    lite = KnowledgeBase(f"sqlite:///{tmp_path / 'lite.db'}")
    fill(lite, extractor)
    postgres = moved(lite, db_url)
    assert answers(postgres)["cards"] == answers(lite)["cards"]
    assert stats(postgres) == stats(lite) and rows(postgres) == rows(lite)
    back = moved(postgres, f"sqlite:///{tmp_path / 'back.db'}")
    assert rows(back) == rows(lite) and answers(back) == answers(lite)
    for kb in (lite, postgres, back):
        kb.close()


@pytest.fixture(scope="module")
def dumped(original) -> list[str]:
    buffer = io.StringIO()
    dump(original, buffer)
    return buffer.getvalue().splitlines(keepends=True)


def test_the_dump_is_versioned_json_lines_of_documents_with_their_extractions(dumped):
    records = [json.loads(line) for line in dumped]
    assert records[0]["callsheet_dump"] == 1 and records[0]["schema"]
    documents = [r for r in records if "document" in r]
    story = next(r for r in documents if r["document"]["doc_key"] == "story")
    assert [(f["statement"]["predicate"], f["assertion"]["status"]) for f in story["facts"]] == [
        ("sequel_of", None), ("cast", "in_talks")]
    assert story["locations"] == [{"id": story["locations"][0]["id"], "location": "/news/story.txt"}]
    assert records[-1]["end"]["documents"] == len(documents)
    assert {r["table"] for r in records if "table" in r} == {"hooks", "hook_deliveries", "hook_attempts",
                                                              "document_stories", "story_bands"}


def _with_year(line: str, year: object) -> str:
    """A dump line with every entity's year set to `year` (no database column holds 10**30)."""
    record = json.loads(line)
    if "entity" in record:
        record["entity"]["year"] = year
    return json.dumps(record) + "\n"


@pytest.mark.parametrize("damage, problem", [
    (lambda lines: lines[:-1], "cut short after line"),
    (lambda lines: lines[:3] + ["{not json\n"] + lines[3:], ":4: not JSON"),
    (lambda lines: ['{"callsheet_dump": 2}\n'] + lines[1:], ":1: not a callsheet dump of version 1"),
    (lambda lines: [lines[0], json.dumps({"document": {"id": 999, "colour": "red"}}) + "\n"] + lines[1:],
     ":2: documents has no column colour"),
    (lambda lines: [line for line in lines if '"doc_key": "story"' not in line], "the end record counts"),
    (lambda lines: [], "empty file"),
    (lambda lines: lines[:-1] + [json.dumps({"table": "hook_attempts", "row": {
        "id": 999, "delivery_id": 999, "attempted_at": "2026-01-01", "duration_ms": 1}}) + "\n",
        json.dumps({"end": {**json.loads(lines[-1])["end"], "rows": json.loads(lines[-1])["end"]["rows"] + 1}})],
     "these rows cannot be stored together"),
    (lambda lines: lines[:2] + ['{"statement": {"id": 1, "n": ' + "9" * 5000 + "}}\n"] + lines[2:],
     ":3: JSON that Python cannot hold"),
    (lambda lines: lines[:2] + ['{"entity": ' + "[" * 100_000 + "]" * 100_000 + "}\n"] + lines[2:],
     ":3: JSON that Python cannot hold"),
    (lambda lines: [lines[0], json.dumps({"entity": {"type": "person", "name": "Nadia Orlov"},
                                          "aliases": [{"alias": "N. Orlov"}]}) + "\n"] + lines[1:],
     ":2: a record callsheet cannot read \\(KeyError"),
    (lambda lines: [lines[0], json.dumps({"table": ["hooks"], "row": {}}) + "\n"] + lines[1:],
     ":2: a record callsheet cannot read \\(TypeError"),
    (lambda lines: [json.dumps({**json.loads(lines[0]), "schema": "9999"}) + "\n"] + lines[1:],
     ":1: a dump of schema '9999', which this callsheet does not know"),
    (lambda lines: [lines[0], json.dumps({"statement": {"id": 1, "subject_id": 1, "predicate": "cast"}}) + "\n",
                    json.dumps({"statement": {"id": 1, "subject_id": 2, "predicate": "cast"}}) + "\n"] + lines[1:],
     ":3: statement 1 is given twice, differently"),
    (lambda lines: [_with_year(line, "nineteen") for line in lines], "entities.year is 'nineteen', not a value of"),
    (lambda lines: [_with_year(line, 20_000) for line in lines], "entities.year is 20000, which callsheet never"),
    (lambda lines: [line.replace('"doc_key": "story"', '"doc_key": 5') for line in lines],
     "documents.doc_key is 5, not a value of its type"),  # SQLite would store it, and later reads trip on it
    (lambda lines: [line.replace('"type": "person"', '"type": "alien"') for line in lines],
     "entities.type is 'alien', which callsheet never stores"),
    (lambda lines: [line.replace('"status": "in_talks"', '"status": "maybe"') for line in lines],
     "assertions.status is 'maybe', which callsheet never stores"),
    (lambda lines: lines[:2] + [json.dumps({"statement": {"id": 99_999, "subject_id": 99_999, "predicate": "cast"}})
                                + "\n"] + lines[2:],
     ":3: these rows cannot be stored together"),  # the line of the row refused, not the line read when it was
    (lambda lines: lines[:2] + [json.dumps({"statement": {"id": 2 ** 64, "subject_id": 1, "predicate": "cast"}})
                                + "\n"] + lines[2:],
     "a value the database cannot store|these rows cannot be stored together"),
])
def test_a_broken_dump_loads_nothing_and_says_where(db_url, dumped, damage, problem):
    target = KnowledgeBase(db_url)
    with pytest.raises(DumpError, match=problem) as info:
        load(target, damage(list(dumped)), "kb.jsonl")
    assert str(info.value).startswith("kb.jsonl")
    assert stats(target)["documents"] == 0 and stats(target)["entities"] == {}
    target.close()


def test_load_refuses_a_knowledge_base_that_holds_anything(db_url, dumped):
    target = KnowledgeBase(db_url)
    target.ingest(sequel_credit("a", "2026-01-12", "rumored", "Nadia Orlov is eyed."))
    before = stats(target)
    with pytest.raises(DumpError, match="is not empty"):
        load(target, dumped, "kb.jsonl")
    assert stats(target) == before
    target.close()


def test_dump_and_load_through_the_command_line(tmp_path, db_url, databases):
    assert subprocess.run([CALLSHEET, "ingest", "--db", db_url, str(SAMPLES)], capture_output=True).returncode == 0
    out = tmp_path / "kb.jsonl"
    dumped_ = subprocess.run([CALLSHEET, "dump", "--db", db_url, "--out", str(out)], capture_output=True, text=True)
    assert dumped_.returncode == 0 and "dumped: 12 documents" in dumped_.stdout
    assert out.stat().st_mode & 0o077 == 0  # it may hold webhook secrets: the owner's alone
    target = databases.new("loaded")
    loaded = subprocess.run([CALLSHEET, "load", str(out), "--db", target], capture_output=True, text=True)
    assert loaded.returncode == 0 and "loaded: 12 documents" in loaded.stdout, loaded.stderr

    def stats_of(url):
        return subprocess.run([CALLSHEET, "stats", "--db", url, "--json"], capture_output=True, text=True).stdout
    assert stats_of(target) == stats_of(db_url)
    again = subprocess.run([CALLSHEET, "load", str(out), "--db", target], capture_output=True, text=True)
    assert again.returncode == 1 and "is not empty" in again.stderr
    missing = subprocess.run([CALLSHEET, "load", str(tmp_path / "nope.jsonl"), "--db", databases.new()],
                             capture_output=True, text=True)
    assert missing.returncode == 1 and "nope.jsonl: cannot read this file" in missing.stderr


def test_a_dump_without_a_column_added_since_takes_its_default(db_url, dumped, original):
    def older(line: str) -> str:
        record = json.loads(line)
        for fact in record.get("facts", []):
            fact["assertion"].pop("roleless")
        return json.dumps(record) + "\n"
    target = KnowledgeBase(db_url)
    load(target, [older(line) for line in dumped], "older.jsonl")
    assert stats(target) == stats(original)
    target.close()


def test_after_load_no_assertion_takes_an_id_a_delivery_told_of(db_url, dumped):
    """A delivery may tell of a change since forgotten (an article ingested
    again); the loaded KB's next assertion comes after it, as migration 0007 has it."""
    def told_of_later(line: str) -> str:
        record = json.loads(line)
        if record.get("table") == "hook_deliveries":
            record["row"]["assertion_id"] = 10_000
        return json.dumps(record) + "\n"
    target = KnowledgeBase(db_url)
    load(target, [told_of_later(line) for line in dumped], "kb.jsonl")
    before = {row["id"] for row in rows(target)["assertions"]}
    target.ingest(sequel_credit("later", "2026-05-01", "attached", "Nadia Orlov is set to star."))
    new = {row["id"] for row in rows(target)["assertions"]} - before
    assert new and min(new) > 10_000
    target.close()


def test_load_reads_a_gzip_dump_and_a_cut_one_loads_nothing(tmp_path, db_url, databases):
    assert subprocess.run([CALLSHEET, "ingest", "--db", db_url, str(SAMPLES)], capture_output=True).returncode == 0
    plain = tmp_path / "kb.jsonl"
    assert subprocess.run([CALLSHEET, "dump", "--db", db_url, "--out", str(plain)], capture_output=True).returncode == 0
    packed = tmp_path / "kb.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    target = databases.new("from-gzip")
    loaded = subprocess.run([CALLSHEET, "load", str(packed), "--db", target], capture_output=True, text=True)
    assert loaded.returncode == 0 and "loaded: 12 documents" in loaded.stdout, loaded.stderr
    piped = subprocess.run([CALLSHEET, "load", "-", "--db", databases.new("from-stdin")], input=packed.read_bytes(),
                           capture_output=True)
    assert piped.returncode == 0 and b"loaded: 12 documents" in piped.stdout, piped.stderr
    cut = tmp_path / "cut.jsonl.gz"
    compressed = packed.read_bytes()
    cut.write_bytes(compressed[:len(compressed) // 2])
    empty = databases.new("from-cut")
    refused = subprocess.run([CALLSHEET, "load", str(cut), "--db", empty], capture_output=True, text=True)
    assert refused.returncode == 1 and f"{cut}: cannot read this file (" in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr
    if empty.startswith("sqlite:///"):  # all or nothing: the file it made for the KB is gone again
        assert not Path(empty.removeprefix("sqlite:///")).exists()
    else:
        stats_ = json.loads(subprocess.run([CALLSHEET, "stats", "--db", empty, "--json"], capture_output=True,
                                           text=True).stdout)
        assert stats_["documents"] == 0


def test_load_of_a_missing_dump_creates_no_knowledge_base(tmp_path):
    kb_file = tmp_path / "new.db"
    missing = subprocess.run([CALLSHEET, "load", str(tmp_path / "nope.jsonl"), "--db", f"sqlite:///{kb_file}"],
                             capture_output=True, text=True)
    assert missing.returncode == 1 and "nope.jsonl: cannot read this file (No such file or directory)" in missing.stderr
    assert not kb_file.exists()


def test_dump_counts_say_one_document_not_one_documents(tmp_path):
    kb = f"sqlite:///{tmp_path / 'one.db'}"
    assert subprocess.run([CALLSHEET, "ingest", "--db", kb, str(SAMPLES / "01_harbor_rumor.txt")],
                          capture_output=True).returncode == 0
    dumped_ = subprocess.run([CALLSHEET, "dump", "--db", kb, "--out", str(tmp_path / "kb.jsonl")],
                             capture_output=True, text=True)
    assert dumped_.returncode == 0 and "dumped: 1 document, " in dumped_.stdout, dumped_.stdout
    assert " 1 entities" not in dumped_.stdout and " 1 assertions" not in dumped_.stdout
