"""Merging, statuses over time, conflicts, re-ingest and search, on hand-made extractions."""
import json
import warnings

import pytest
from db_backend import on_postgres
from kb_helpers import HARBOR, extraction, sequel_credit
from sqlalchemy import Column, UniqueConstraint, inspect, text
from sqlalchemy.exc import IntegrityError

from callsheet.knowledge import AmbiguousName, KnowledgeBase, KnowledgeError
from callsheet.knowledge.cards import card, find, search, stats, timeline
from callsheet.knowledge.export import export
from callsheet.knowledge.names import normalise, same_company
from callsheet.knowledge.store import merge_entities
from callsheet.knowledge.tables import metadata


def test_names_normalise_and_company_spellings_merge():
    assert normalise("Catherine Zeta-Jones") == normalise("catherine zeta jones")
    assert normalise("Pedro Almodóvar") == normalise("Pedro Almodovar")
    assert same_company("Warner Bros", "Warner Brothers") and same_company("Warner Bros.", "Warner Bros")
    assert not same_company("Warner Bros", "Walt Disney")


def test_a_credit_seen_twice_is_one_statement_whose_status_follows_the_latest_article(kb):
    kb.ingest(sequel_credit("b", "2026-02-20", "in_talks", "Nadia Orlov is in final talks."))
    kb.ingest(sequel_credit("a", "2026-01-12", "rumored", "Nadia Orlov is eyed."))
    kb.ingest(sequel_credit("c", "2026-04-02", "confirmed", "The studio confirmed Nadia Orlov."))
    data = card(kb, find(kb, "project", "Midnight Harbor"))
    sequel = [link for link in card(kb, find(kb, "person", "nadia orlov"))["facts"]]
    assert len(sequel) == 1
    fact = sequel[0]
    assert fact["status"] == "confirmed"
    assert [h["status"] for h in fact["history"]] == ["rumored", "in_talks", "confirmed"]
    assert fact["work"]["links"] == [{"predicate": "sequel_of", "work": {
        "id": data["id"], "name": "Midnight Harbor", "kind": "film", "year": 2019}}]
    assert [e["status"] for e in timeline(kb, fact["work"]["id"])] == ["rumored", "in_talks", "confirmed"]


def test_the_untitled_sequel_takes_its_title_later_and_keeps_its_link(kb):
    kb.ingest(sequel_credit("a", "2026-01-12", "attached", "Nadia Orlov is set to star."))
    titled = extraction("b", "2026-03-01", [HARBOR, ("w3", "work", "Midnight Harbor Rising", "film"),
                                           ("p2", "person", "Ruth Adeyemi")], [
        {"subject": "w3", "predicate": "sequel_of", "object": "w1", "evidence": "the sequel, Midnight Harbor Rising"},
        {"subject": "p2", "predicate": "director", "object": "w3", "status": "attached", "evidence": "Adeyemi will direct."}])
    kb.ingest(titled)
    rising = card(kb, find(kb, "project", "midnight harbor rising"))
    people = {f["person"]: f["predicate"] for f in rising["facts"] if "person" in f}
    assert people == {"Nadia Orlov": "cast", "Ruth Adeyemi": "director"}
    assert rising["links"][0]["predicate"] == "sequel_of"
    assert stats(kb)["entities"]["work"] == 2


def test_an_article_that_titles_its_own_untitled_sequel_stores_every_fact_on_the_titled_work(kb):
    article = extraction("a", "2026-03-01", [HARBOR, ("w2", "work", None, "film"),
                                             ("w3", "work", "Midnight Harbor Rising", "film"),
                                             ("p2", "person", "Ruth Adeyemi")], [
        {"subject": "w2", "predicate": "sequel_of", "object": "w1", "evidence": "a Midnight Harbor sequel"},
        {"subject": "w3", "predicate": "sequel_of", "object": "w1", "evidence": "the sequel, Midnight Harbor Rising"},
        {"subject": "p2", "predicate": "director", "object": "w2", "status": "attached", "evidence": "Adeyemi will direct."}])
    kb.ingest(article)
    rising = card(kb, find(kb, "project", "midnight harbor rising"))
    assert {f["person"]: f["predicate"] for f in rising["facts"] if "person" in f} == {"Ruth Adeyemi": "director"}
    assert stats(kb)["entities"]["work"] == 2


ORCHARD = ("w4", "work", "The Orchard Thieves", "film")


def test_an_untitled_work_with_two_links_is_one_work_whichever_link_was_seen_first(kb):
    """"A remake of X that is also a sequel to Y": stored after an article
    that made "the Y sequel" already, it joins that untitled work, twice."""
    kb.ingest(sequel_credit("a", "2026-01-12", "attached", "Nadia Orlov is set to star."))
    both = extraction("b", "2026-03-01", [HARBOR, ORCHARD, ("w2", "work", None, "film")], [
        {"subject": "w2", "predicate": "remake_of", "object": "w4", "evidence": "a remake of The Orchard Thieves"},
        {"subject": "w2", "predicate": "sequel_of", "object": "w1", "evidence": "also a sequel to Midnight Harbor"}])
    kb.ingest(both)
    kb.ingest(extraction("c", "2026-03-02", [HARBOR, ORCHARD, ("w2", "work", None, "film")],
                         [{"subject": "w2", "predicate": "remake_of", "object": "w4", "evidence": "the remake"},
                          {"subject": "w2", "predicate": "sequel_of", "object": "w1", "evidence": "the sequel"}],
                         body="another text"))
    assert stats(kb)["entities"]["work"] == 3
    sequel = card(kb, find(kb, "project", "Midnight Harbor sequel"))
    assert [f["person"] for f in sequel["facts"] if "person" in f] == ["Nadia Orlov"]
    assert {link["predicate"] for link in sequel["links"]} == {"remake_of", "sequel_of"}


def test_merging_two_works_merges_their_untitled_sequels(kb):
    kb.ingest(sequel_credit("a", "2026-01-12", "attached", "Nadia Orlov is set to star."))
    kb.ingest(extraction("b", "2026-01-13", [("w1", "work", "Harbor Film", "film"), ("w2", "work", None, "film"),
                                             ("p2", "person", "Ruth Adeyemi")], [
        {"subject": "w2", "predicate": "sequel_of", "object": "w1", "evidence": "a Harbor Film sequel"},
        {"subject": "p2", "predicate": "director", "object": "w2", "status": "attached", "evidence": "Adeyemi directs."}]))
    with kb.engine.begin() as conn:
        merge_entities(conn, keep=find(kb, "project", "Midnight Harbor"), drop=find(kb, "project", "Harbor Film"))
    sequel = card(kb, find(kb, "project", "Midnight Harbor sequel"))
    assert sorted(f["person"] for f in sequel["facts"] if "person" in f) == ["Nadia Orlov", "Ruth Adeyemi"]
    assert stats(kb)["entities"]["work"] == 2


def test_an_untitled_sequel_is_found_by_saying_so(kb):
    kb.ingest(sequel_credit("a", "2026-01-12", "attached", "Nadia Orlov is set to star."))
    sequel = find(kb, "project", "the 'Midnight Harbor' sequel")
    assert card(kb, sequel)["display"] == "(untitled sequel of Midnight Harbor)"
    assert find(kb, "project", "Midnight Harbor sequel") == sequel
    with pytest.raises(KnowledgeError):
        find(kb, "project", "Midnight Harbor remake")


def test_an_exit_that_names_no_role_leaves_the_roles_the_person_had(kb):
    kb.ingest(sequel_credit("a", "2026-03-30", "attached", "Tomas Reyes will produce.",
                            person=("p1", "person", "Tomas Reyes"), predicate="producer"))
    kb.ingest(sequel_credit("b", "2026-06-02", "exited", "Tomas Reyes has dropped out of the sequel.",
                            person=("p1", "person", "Tomas Reyes"), predicate="cast"))
    facts = card(kb, find(kb, "person", "Tomas Reyes"))["facts"]
    assert [(f["predicate"], f["status"]) for f in facts] == [("producer", "exited")]
    kb.ingest(sequel_credit("c", "2026-07-01", "exited", "Nadia Orlov has exited the sequel."))
    assert [(f["predicate"], f["status"]) for f in card(kb, find(kb, "person", "Nadia Orlov"))["facts"]] == [
        ("cast", "exited")]  # nobody knew her there before: the extractor's cast stands


def test_an_exit_that_names_no_role_ends_the_same_whichever_article_came_first(databases):
    reyes = ("p1", "person", "Tomas Reyes")
    producer = sequel_credit("a", "2026-03-30", "attached", "Tomas Reyes will produce.", person=reyes,
                             predicate="producer")
    exit_ = sequel_credit("b", "2026-06-02", "exited", "Tomas Reyes has dropped out of the sequel.", person=reyes)
    seen = []
    for order in ((producer, exit_), (exit_, producer)):
        kb = KnowledgeBase(databases.new())
        for extraction_ in order:
            kb.ingest(extraction_)
        seen.append([(f["predicate"], f["status"], [h["doc"] for h in f["history"]])
                     for f in card(kb, find(kb, "person", "Tomas Reyes"))["facts"]])
        if len(seen) == 2:  # the producer's article edited to say nothing of him: the exit is his cast's again
            edited = extraction("a", "2026-03-30", [HARBOR], [], body="text, edited")
            edited.article.path = producer.article.path
            kb.ingest(edited)
            assert [(f["predicate"], f["status"]) for f in card(kb, find(kb, "person", "Tomas Reyes"))["facts"]] \
                == [("cast", "exited")]
        kb.close()
    assert seen[0] == seen[1] == [("producer", "exited", ["a", "b"])]


def test_surnames_join_the_full_name_but_two_full_names_never_merge(kb):
    kb.ingest(extraction("a", "2026-01-01", [HARBOR, ("p1", "person", "Lisa Kudrow")], [
        {"subject": "p1", "predicate": "cast", "object": "w1", "status": "credited", "evidence": "Lisa Kudrow starred."}]))
    kb.ingest(extraction("b", "2026-01-02", [HARBOR, ("p1", "person", "Kudrow"), ("p2", "person", "Lisa Kudrov")], [
        {"subject": "p1", "predicate": "producer", "object": "w1", "status": "attached", "evidence": "Kudrow will produce."},
        {"subject": "p2", "predicate": "cast", "object": "w1", "status": "credited", "evidence": "Lisa Kudrov starred."}]))
    assert stats(kb)["entities"]["person"] == 2
    facts = card(kb, find(kb, "person", "Lisa Kudrow"))["facts"]
    assert {f["predicate"] for f in facts} == {"cast", "producer"}


def test_disagreeing_sources_are_kept_side_by_side_as_a_conflict(kb):
    for doc, place in (("a", "Atlanta"), ("b", "Vancouver")):
        kb.ingest(extraction(doc, "2026-01-0" + ("1" if doc == "a" else "2"), [HARBOR, ("l1", "place", place)], [
            {"subject": "w1", "predicate": "filming_location", "object": "l1", "status": "rumored",
             "evidence": f"Filming is eyed for {place}."}]))
    facts = [f for f in card(kb, find(kb, "project", "Midnight Harbor"))["facts"] if f["predicate"] == "filming_location"]
    assert sorted(f["place"] for f in facts) == ["Atlanta", "Vancouver"]
    assert all(f["conflict"] for f in facts)
    assert stats(kb)["conflicts"] == 2


def test_reingest_changes_nothing_and_an_edited_article_replaces_only_its_own_assertions(kb):
    first = sequel_credit("a", "2026-01-12", "rumored", "Nadia Orlov is eyed.")
    other = sequel_credit("b", "2026-02-20", "in_talks", "Nadia Orlov is in final talks.")
    assert kb.ingest(first).outcome == "added"
    kb.ingest(other)
    before = stats(kb)
    assert kb.ingest(first).outcome == "unchanged"
    assert stats(kb) == before
    edited = sequel_credit("a", "2026-01-12", "attached", "Nadia Orlov is set to star.")
    edited.article.text += " (updated)"
    assert kb.ingest(edited).outcome == "replaced"
    history = card(kb, find(kb, "person", "Nadia Orlov"))["facts"][0]["history"]
    assert [(h["doc"], h["status"]) for h in history] == [("a", "attached"), ("b", "in_talks")]
    assert stats(kb)["assertions"] == before["assertions"]


def test_search_finds_names_and_evidence_and_survives_operators(kb):
    kb.ingest(sequel_credit("a", "2026-01-12", "rumored", "Nadia Orlov is eyed for the thriller."))
    hits = search(kb, "thriller")
    assert hits and hits[0]["match"] == "evidence" and hits[0]["subject"] == "Nadia Orlov"
    assert any(h["match"] == "name" for h in search(kb, "orlov"))
    assert search(kb, 'AND OR "( NEAR') == []


def test_ambiguous_and_unknown_names_are_errors_that_say_so(kb):
    kb.ingest(extraction("a", None, [("w1", "work", "Crash", "film", 1996), ("w2", "work", "Crash", "film", 2004)], []))
    with pytest.raises(AmbiguousName) as info:
        find(kb, "project", "crash")
    assert len(info.value.candidates) == 2
    with pytest.raises(KnowledgeError):
        find(kb, "project", "Nothing Like It")


def test_exports_carry_status_and_evidence(kb, tmp_path):
    import io
    kb.ingest(sequel_credit("a", "2026-01-12", "rumored", "Nadia Orlov is eyed."))
    buf = io.StringIO()
    export(kb, "jsonld", buf)
    graph = json.loads(buf.getvalue())
    sequel = next(n for n in graph["@graph"] if "callsheet:statements" in n)
    assert "actor" not in sequel  # a rumoured actor is no schema.org actor (see test_export.py)
    cast = [s for s in sequel["callsheet:statements"] if s["callsheet:predicate"] == "cast"]
    assert cast[0]["callsheet:status"] == "rumored"
    assert cast[0]["callsheet:evidence"][0]["callsheet:quote"] == "Nadia Orlov is eyed."
    buf = io.StringIO()
    export(kb, "csv", buf)
    assert "Nadia Orlov is eyed." in buf.getvalue()


def test_migrations_build_exactly_the_declared_tables(kb):
    """The same schema on SQLite and on PostgreSQL: tables, columns, keys and
    indexes as tables.py declares them, plus each backend's own search."""
    inspector = inspect(kb.engine)
    search_columns = {"entities": {"search_name"}, "assertions": {"search_evidence"}} if on_postgres() else {}
    tables = set(inspector.get_table_names())
    search_tables = {t for t in tables if t.startswith(("search_names", "search_evidence"))}
    assert tables - search_tables == set(metadata.tables) | {"alembic_version"}
    assert bool(search_tables) != on_postgres()  # FTS5 tables on SQLite only
    for name, table in metadata.tables.items():
        columns = {c["name"]: c for c in inspector.get_columns(name)}
        assert set(columns) == {c.name for c in table.columns} | search_columns.get(name, set()), name
        assert {c: columns[c]["nullable"] for c in table.columns.keys()} == \
            {c.name: c.nullable or False for c in table.columns}, name
        assert sorted((tuple(fk["constrained_columns"]), fk["referred_table"], (fk["options"] or {}).get("ondelete"))
                      for fk in inspector.get_foreign_keys(name)) == \
            sorted(((fk.parent.name,), fk.column.table.name, fk.ondelete) for fk in table.foreign_keys), name
        with warnings.catch_warnings():  # SQLite's reflection skips expression indexes: see the next test
            warnings.simplefilter("ignore")
            built = {i["name"]: i for i in inspector.get_indexes(name)}
            constraints = inspector.get_unique_constraints(name)
        for index in (i for i in table.indexes if all(isinstance(e, Column) for e in i.expressions)):
            assert index.name in built, f"{name}: no index {index.name}"
            assert bool(built[index.name]["unique"]) == index.unique, index.name
            assert built[index.name]["column_names"][:len(index.columns)] == [c.name for c in index.columns]
        unique = {tuple(u["column_names"]) for u in constraints}
        unique |= {tuple(i["column_names"]) for i in built.values() if i["unique"]}
        for constraint in (c for c in table.constraints if isinstance(c, UniqueConstraint)):
            assert tuple(c.name for c in constraint.columns) in unique, f"{name}: {constraint}"
        for column in (c for c in table.columns if c.unique):
            assert (column.name,) in unique, f"{name}.{column.name} is not unique"
    if on_postgres():
        assert {"ix_entities_search_name", "ix_assertions_search_evidence"} <= \
            {i["name"] for t in ("entities", "assertions") for i in inspector.get_indexes(t)}
    else:  # the triggers that keep FTS5 in step (a table rebuilt by a migration would lose them)
        with kb.engine.connect() as conn:
            triggers = {r.name for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
        assert triggers == {"entities_search_insert", "entities_search_delete", "entities_search_rename",
                            "assertions_search_insert", "assertions_search_delete"}


@pytest.mark.parametrize("table, rows", [
    ("statements", [{"subject_id": 1, "predicate": "release_date", "object_id": None, "value": "2027"}] * 2),
    ("statements", [{"subject_id": 2, "predicate": "cast", "object_id": 1, "value": None}] * 2),
    ("entities", [{"type": "person", "name": "Nadia Orlov", "norm": "nadia orlov"},
                  {"type": "person", "name": "NADIA ORLOV", "norm": "nadia orlov"}]),
    ("entities", [{"type": "work", "name": None, "link_predicate": "sequel_of", "link_target": 1}] * 2),
    ("documents", [{"doc_key": "a", "content_hash": "h1", "ingested_seq": 7},
                   {"doc_key": "b", "content_hash": "h2", "ingested_seq": 7}]),
    ("documents", [{"doc_key": "a", "content_hash": "h1", "ingested_seq": 7},
                   {"doc_key": "a", "content_hash": "h1", "ingested_seq": 8}]),
])
def test_a_thing_is_never_stored_twice(kb, table, rows):
    """The unique keys that make two concurrent writers safe (a NULL never makes a statement new)."""
    with kb.engine.begin() as conn:
        made = [conn.execute(metadata.tables["entities"].insert().values(type=type_, name=name, norm=name.lower()))
                .inserted_primary_key[0] for type_, name in (("work", "Midnight Harbor"), ("person", "Ana Bell"))]
        assert made == [1, 2]
    with pytest.raises(IntegrityError):
        with kb.engine.begin() as conn:
            for row in rows:
                conn.execute(metadata.tables[table].insert().values(**row))
    with kb.engine.begin() as conn:  # works of one title are told apart by kind and year: no key
        for year in (1996, 2004):
            conn.execute(metadata.tables["entities"].insert().values(type="work", name="Crash", norm="crash",
                                                                      year=year))


def test_a_file_that_is_no_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(KnowledgeError, match="cannot open database"):
        KnowledgeBase(f"sqlite:///{bad}")


def test_a_sqlite_file_of_another_program_is_refused_and_left_as_it_was(tmp_path):
    import sqlite3
    other = tmp_path / "notes.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('buy milk')")
    before = other.read_bytes()
    with pytest.raises(KnowledgeError, match=r"holds tables of something else \(notes\)"):
        KnowledgeBase(f"sqlite:///{other}")
    assert other.read_bytes() == before
