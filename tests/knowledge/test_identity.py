"""A document is one text, known under every location it came from; an
undated one is dated by the day it was ingested (issue 10)."""
import dataclasses
import os
from datetime import datetime, timezone

import pytest
from kb_helpers import sequel_credit
from sqlalchemy import select

from callsheet.knowledge import KnowledgeBase
from callsheet.knowledge.cards import card, find, stats, timeline
from callsheet.knowledge.store import document_location
from callsheet.knowledge.tables import document_locations, documents

INGESTED = datetime(2026, 5, 20, 9, 30, tzinfo=timezone.utc)


@pytest.fixture()
def kb(db_url):
    base = KnowledgeBase(db_url, clock=lambda: INGESTED)
    yield base
    base.close()


def at(extraction, path):
    """The same extraction, read from another path."""
    return dataclasses.replace(extraction, article=dataclasses.replace(extraction.article, path=path))


def edited(extraction, status, evidence):
    """The article at the same path, its text changed."""
    new = sequel_credit(extraction.article.id, extraction.article.published, status, evidence)
    new.article.text += " (edited)"
    return at(new, extraction.article.path)


def locations(kb):
    with kb.engine.connect() as conn:
        rows = conn.execute(select(documents.c.doc_key, document_locations.c.location)
                            .join(document_locations, document_locations.c.document_id == documents.c.id))
        return sorted((r.doc_key, r.location) for r in rows)


def orlov_history(kb):
    return [(h["doc"], h["status"]) for h in card(kb, find(kb, "person", "Nadia Orlov"))["facts"][0]["history"]]


def test_a_file_is_one_document_however_its_path_is_spelled(kb, tmp_path, monkeypatch):
    """Issue 10: three spellings of one path stored three documents, "3 reports" of one sentence."""
    (tmp_path / "samples").mkdir()
    monkeypatch.chdir(tmp_path)
    rumor = sequel_credit("01_harbor_rumor", "2026-01-12", "rumored", "Nadia Orlov is being eyed.")
    spellings = ["samples/01_harbor_rumor.txt", "./samples/01_harbor_rumor.txt",
                 str(tmp_path / "samples" / "01_harbor_rumor.txt"), "samples/../samples/01_harbor_rumor.txt"]
    os.symlink(tmp_path / "samples", tmp_path / "linked")
    spellings.append("linked/01_harbor_rumor.txt")
    outcomes = [kb.ingest(at(rumor, path)).outcome for path in spellings]
    assert outcomes == ["added"] + ["unchanged"] * 4
    assert stats(kb)["documents"] == 1
    assert orlov_history(kb) == [("01_harbor_rumor", "rumored")]
    assert locations(kb) == [("01_harbor_rumor", os.path.realpath(tmp_path / "samples" / "01_harbor_rumor.txt"))]


def test_an_edited_file_ingested_under_another_spelling_replaces_its_old_text(kb, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = at(sequel_credit("a", "2026-01-12", "rumored", "Nadia Orlov is being eyed."), "a.txt")
    kb.ingest(first)
    kb.ingest(sequel_credit("b", "2026-02-20", "in_talks", "Nadia Orlov is in final talks."))
    later = at(edited(first, "attached", "Nadia Orlov is set to star."), str(tmp_path / "a.txt"))
    assert kb.ingest(later).outcome == "replaced"
    assert orlov_history(kb) == [("a", "attached"), ("b", "in_talks")]
    assert stats(kb)["documents"] == 2


def test_the_same_text_under_another_name_is_the_same_document_and_keeps_both_names(kb):
    story = sequel_credit("story", "2026-01-12", "rumored", "Nadia Orlov is being eyed.")
    assert kb.ingest(at(story, "/news/story.txt")).outcome == "added"
    assert kb.recognise(at(story, "/mirror/copy.txt").article).outcome == "unchanged"
    assert kb.ingest(at(story, "https://Example.TEST/story#top")).outcome == "unchanged"
    assert stats(kb)["documents"] == 1 and len(orlov_history(kb)) == 1
    assert [loc for _, loc in locations(kb)] == ["/mirror/copy.txt", "/news/story.txt", "https://example.test/story"]


def test_a_text_still_held_under_another_name_stays_when_one_name_changes(kb):
    story = sequel_credit("story", "2026-01-12", "rumored", "Nadia Orlov is being eyed.")
    kb.ingest(at(story, "/news/story.txt"))
    kb.ingest(at(story, "/mirror/copy.txt"))
    assert kb.ingest(at(edited(story, "attached", "Nadia Orlov is set to star."), "/news/story.txt")).outcome \
        == "replaced"
    assert sorted(orlov_history(kb)) == [("story", "attached"), ("story", "rumored")]
    assert stats(kb)["documents"] == 2
    # the copy changes too: nothing holds the first text any more, and it goes
    kb.ingest(at(edited(story, "attached", "Nadia Orlov is set to star."), "/mirror/copy.txt"))
    assert orlov_history(kb) == [("story", "attached")]
    assert stats(kb)["documents"] == 1


def test_a_name_that_now_holds_a_known_text_moves_to_it_without_extracting(kb):
    rumor = at(sequel_credit("a", "2026-01-12", "rumored", "Nadia Orlov is being eyed."), "/news/a.txt")
    talks = at(sequel_credit("b", "2026-02-20", "in_talks", "Nadia Orlov is in final talks."), "/news/b.txt")
    kb.ingest(rumor)
    kb.ingest(talks)
    assert kb.recognise(at(talks, "/news/a.txt").article).outcome == "replaced"  # a.txt now holds b's text
    assert orlov_history(kb) == [("b", "in_talks")]
    assert [loc for _, loc in locations(kb)] == ["/news/a.txt", "/news/b.txt"]


def test_text_given_alone_is_its_own_identity_and_is_never_lost(kb):
    story = at(sequel_credit("stdin", "2026-01-12", "rumored", "Nadia Orlov is being eyed."), None)
    assert kb.ingest(story).outcome == "added"
    assert kb.ingest(story).outcome == "unchanged"
    other = at(sequel_credit("stdin", "2026-02-20", "in_talks", "Nadia Orlov is in final talks."), None)
    other.article.text += " Another story."
    assert kb.ingest(other).outcome == "added"  # another text from stdin is another document
    kb.ingest(at(story, "/news/a.txt"))
    kb.ingest(at(edited(story, "attached", "Nadia Orlov is set to star."), "/news/a.txt"))
    assert ("stdin", "rumored") in orlov_history(kb)  # still held by the text-only ingest
    assert stats(kb)["documents"] == 3


def test_a_known_text_given_a_date_of_its_own_is_extracted_again(kb):
    undated = at(sequel_credit("a", None, "rumored", "Nadia Orlov is being eyed."), "/news/a.txt")
    kb.ingest(undated)
    assert kb.recognise(undated.article).outcome == "unchanged"
    dated = at(sequel_credit("a", "2026-01-12", "rumored", "Nadia Orlov is being eyed."), "/news/a.txt")
    assert kb.recognise(dated.article) is None
    assert kb.ingest(dated).outcome == "replaced"
    history = card(kb, find(kb, "person", "Nadia Orlov"))["facts"][0]["history"]
    assert [(h["published"], h["date_inferred"]) for h in history] == [("2026-01-12", False)]


def test_an_undated_article_is_dated_by_its_ingestion_and_says_so(kb):
    """Issue 10: an undated "the studio has confirmed X will star" ranked as the
    oldest report: X stayed in_talks and the timeline read confirmed, rumored, in_talks."""
    kb.ingest(sequel_credit("talks", "2026-02-20", "in_talks", "Nadia Orlov is in final talks to star."))
    kb.ingest(sequel_credit("confirmed", None, "confirmed", "The studio has confirmed Nadia Orlov will star."))
    kb.ingest(sequel_credit("rumor", "2026-01-10", "rumored", "Nadia Orlov is being eyed to star."))
    fact = card(kb, find(kb, "person", "Nadia Orlov"))["facts"][0]
    assert fact["status"] == "confirmed"
    assert [(h["status"], h["published"], h["date_inferred"]) for h in fact["history"]] == [
        ("rumored", "2026-01-10", False), ("in_talks", "2026-02-20", False), ("confirmed", "2026-05-20", True)]
    events = timeline(kb, fact["work"]["id"])
    assert [(e["status"], e["date_inferred"]) for e in events] == [
        ("rumored", False), ("in_talks", False), ("confirmed", True)]


def test_timeline_events_of_one_day_follow_the_order_of_ingestion(kb):
    kb.ingest(sequel_credit("z_first", "2026-03-01", "rumored", "Nadia Orlov is being eyed."))
    kb.ingest(sequel_credit("a_second", "2026-03-01", "in_talks", "Nadia Orlov is in final talks."))
    fact = card(kb, find(kb, "person", "Nadia Orlov"))["facts"][0]
    assert fact["status"] == "in_talks"
    assert [e["doc"] for e in timeline(kb, fact["work"]["id"])] == ["z_first", "a_second"]


@pytest.mark.parametrize("given, canonical", [
    ("HTTPS://Example.TEST/news/a?id=3#comments", "https://example.test/news/a?id=3"),
    ("http://example.test", "http://example.test/"),
    ("http://[]/news/a", "http://[]/news/a"),  # urllib cannot split it: stored as spelled, never lost
    ("-", None),
    (None, None),
])
def test_locations_have_one_spelling(given, canonical):
    assert document_location(given) == canonical
