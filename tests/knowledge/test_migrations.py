"""Upgrading a knowledge base stored by an earlier callsheet keeps everything it holds."""
import pytest
from alembic import command
from alembic.config import Config
from db_backend import on_postgres
from kb_helpers import sequel_credit
from sqlalchemy import create_engine, text

from callsheet.knowledge import KnowledgeBase, KnowledgeError
from callsheet.knowledge.cards import card, find, search, stats
from callsheet.knowledge.store import MIGRATIONS, make_engine


def database_at(url: str, revision: str, move=command.upgrade) -> None:
    """Migrates the database at `url` to `revision` (`move`: command.upgrade or command.downgrade)."""
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        move(config, revision)
    engine.dispose()


def test_0004_makes_one_document_per_text_and_dates_undated_ones(db_url):
    url = db_url
    database_at(url, "0003")
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO entities (id, type, name, norm, stage) VALUES "
                          "(1, 'work', 'Salt Road', 'salt road', 'rumored'), (2, 'person', 'Mara Quint', 'mara quint', NULL)"))
        conn.execute(text("INSERT INTO aliases (entity_id, alias, norm) VALUES (2, 'Quint', 'quint')"))
        conn.execute(text("INSERT INTO statements (id, subject_id, predicate, object_id) VALUES (1, 2, 'cast', 1)"))
        # the same file under three spellings of its path (three documents, one text), then an undated article
        for doc, location, seq, published, digest, status in [
                (1, "samples/salt.txt", 1, "2001-01-10", "h1", "rumored"),
                (2, "./samples/salt.txt", 2, "2001-01-10", "h1", "rumored"),
                (3, "/abs/samples/salt.txt", 3, "2001-01-10", "h1", "rumored"),
                (4, "samples/confirmed.txt", 4, None, "h2", "confirmed")]:
            conn.execute(text("INSERT INTO documents (id, doc_key, location, content_hash, published, ingested_seq, "
                              "ingested_at) VALUES (:id, :key, :loc, :h, :p, :seq, :at)"),
                         {"id": doc, "key": location.rsplit("/", 1)[-1][:-4], "loc": location, "h": digest,
                          "p": published, "seq": seq, "at": f"2001-03-0{seq}T10:00:00+00:00"})
            conn.execute(text("INSERT INTO assertions (statement_id, document_id, status, evidence, published) "
                              "VALUES (1, :doc, :status, :evidence, :p)"),
                         {"doc": doc, "status": status, "evidence": f"Mara Quint, {status}.", "p": published})
    engine.dispose()

    kb = KnowledgeBase(url)
    assert stats(kb)["documents"] == 2
    fact = card(kb, find(kb, "person", "Mara Quint"))["facts"][0]
    assert [(h["status"], h["published"], h["date_inferred"]) for h in fact["history"]] == [
        ("rumored", "2001-01-10", False), ("confirmed", "2001-03-04", True)]
    assert fact["status"] == "confirmed"
    assert card(kb, find(kb, "project", "Salt Road"))["stage"] == "attached"  # worked out again
    with kb.engine.connect() as conn:
        assert sorted(tuple(r) for r in conn.execute(text("SELECT document_id, location FROM document_locations"))) == [
            (3, "./samples/salt.txt"), (3, "/abs/samples/salt.txt"), (3, "samples/salt.txt"),
            (4, "samples/confirmed.txt")]
        assert conn.execute(text("SELECT count(*) FROM aliases")).scalar() == 1
        if not on_postgres():
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
            conn.execute(text("INSERT INTO search_evidence(search_evidence) VALUES ('integrity-check')"))
    kb.close()


def test_0006_merges_what_an_earlier_callsheet_stored_twice(db_url):
    """Keys became unique: two writers racing before them could leave one
    person, one statement or one ingestion number twice."""
    database_at(db_url, "0005")
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO entities (id, type, name, norm, lookup) VALUES "
                          "(1, 'work', 'Salt Road', 'salt road', NULL), "
                          "(2, 'person', 'Mara Quint', 'mara quint', 'quint'), "
                          "(3, 'person', 'Mara Quint', 'mara quint', 'quint')"))
        conn.execute(text("INSERT INTO aliases (entity_id, alias, norm) VALUES (3, 'M. Quint', 'm quint')"))
        conn.execute(text("INSERT INTO statements (id, subject_id, predicate, object_id, value) VALUES "
                          "(1, 2, 'cast', 1, NULL), (2, 3, 'cast', 1, NULL), "
                          "(3, 1, 'release_date', NULL, '2027'), (4, 1, 'release_date', NULL, '2027')"))
        for doc, seq in ((1, 1), (2, 1), (3, 2)):
            conn.execute(text("INSERT INTO documents (id, doc_key, content_hash, published, ingested_seq, "
                              "ingested_at) VALUES (:id, :key, :h, '2026-01-0' || :id, :seq, :at)"),
                         {"id": doc, "key": f"d{doc}", "h": f"h{doc}", "seq": seq,
                          "at": f"2026-02-0{doc}T10:00:00+00:00"})
        for statement, doc in ((1, 1), (2, 2), (3, 2), (4, 3)):
            conn.execute(text("INSERT INTO assertions (statement_id, document_id, status, evidence, published) "
                              "VALUES (:s, :d, 'attached', :e, '2026-01-0' || :d)"),
                         {"s": statement, "d": doc, "e": f"evidence {statement} in {doc}"})
    engine.dispose()

    kb = KnowledgeBase(db_url)
    counts = stats(kb)
    assert counts["entities"] == {"person": 1, "work": 1}
    assert counts["facts"] == {"cast": 1, "release_date": 1} and counts["assertions"] == 4
    person = card(kb, find(kb, "person", "Mara Quint"))
    assert person["aliases"] == ["M. Quint"] and [len(f["history"]) for f in person["facts"]] == [2]
    with kb.engine.connect() as conn:
        assert [tuple(r) for r in conn.execute(text("SELECT id, ingested_seq FROM documents ORDER BY id"))] == [
            (1, 1), (2, 2), (3, 3)]
    kb.close()


def test_0007_keeps_every_assertion_and_never_gives_an_id_a_delivery_told_of_again(db_url):
    database_at(db_url, "0006")
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO entities (id, type, name, norm) VALUES (1, 'work', 'Salt Road', 'salt road'), "
                          "(2, 'person', 'Mara Quint', 'mara quint')"))
        conn.execute(text("INSERT INTO statements (id, subject_id, predicate, object_id) VALUES (1, 2, 'cast', 1)"))
        conn.execute(text("INSERT INTO documents (id, doc_key, content_hash, published, ingested_seq, ingested_at) "
                          "VALUES (1, 'd1', 'h1', '2026-01-01', 1, '2026-01-02T10:00:00+00:00')"))
        for assertion in (3, 5):
            conn.execute(text("INSERT INTO assertions (id, statement_id, document_id, status, evidence, published) "
                              "VALUES (:id, 1, 1, 'attached', :e, '2026-01-01')"),
                         {"id": assertion, "e": f"Quint stars, says evidence {assertion}."})
        conn.execute(text("INSERT INTO hooks (id, url, created_at) VALUES (1, 'https://example.test/x', 'now')"))
        conn.execute(text("INSERT INTO hook_deliveries (hook_id, assertion_id, event, body, status, created_at) "
                          "VALUES (1, 9, 'fact.new', '{}', 'delivered', 'now')"))  # a change since forgotten
    engine.dispose()

    kb = KnowledgeBase(db_url)
    with kb.engine.begin() as conn:
        assert [tuple(r) for r in conn.execute(text("SELECT id, evidence FROM assertions ORDER BY id"))] == [
            (3, "Quint stars, says evidence 3."), (5, "Quint stars, says evidence 5.")]
        conn.execute(text("INSERT INTO assertions (statement_id, document_id, evidence) VALUES (1, 1, 'Quint stars again.')"))
        new = conn.execute(text("SELECT id FROM assertions WHERE evidence = 'Quint stars again.'")).scalar()
    assert [h["doc"] for h in card(kb, find(kb, "person", "Mara Quint"))["facts"][0]["history"]] == ["d1", "d1", "d1"]
    if not on_postgres():  # PostgreSQL's sequence gives 1 here, an id no assertion ever had: as good
        assert new == 10
        with kb.engine.connect() as conn:
            conn.execute(text("INSERT INTO search_evidence(search_evidence) VALUES ('integrity-check')"))
            assert conn.execute(text("SELECT rowid FROM search_evidence WHERE search_evidence MATCH 'again'")
                                ).scalars().all() == [10]
    kb.close()


def test_0007_goes_down_and_up_again_keeping_every_assertion(db_url):
    kb = KnowledgeBase(db_url)
    kb.ingest(sequel_credit("a", "2026-01-12", "rumored", "Nadia Orlov is eyed."))
    kb.close()
    database_at(db_url, "0006", command.downgrade)
    database_at(db_url, "head")
    kb = KnowledgeBase(db_url)
    assert stats(kb)["assertions"] == 2
    assert [hit["match"] for hit in search(kb, "eyed")] == ["evidence"]  # the search triggers came back
    kb.close()


@pytest.mark.parametrize("revision", ["9999", "head", ""])  # a newer one; names alembic reads as current, or fails on
def test_a_knowledge_base_of_an_unknown_schema_revision_says_who_may_have_made_it(db_url, revision):
    KnowledgeBase(db_url).close()
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :rev"), {"rev": revision})
    engine.dispose()
    with pytest.raises(KnowledgeError, match=f"its schema revision '{revision}' is not one this callsheet knows: "
                                             "a newer callsheet made it, or another program"):
        KnowledgeBase(db_url)
    engine = make_engine(db_url)
    with engine.connect() as conn:  # and it is left as it was
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == revision
    engine.dispose()
