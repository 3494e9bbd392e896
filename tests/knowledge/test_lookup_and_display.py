"""What cards, searches and timelines show can be looked up again, and says
what a reader needs: a fact's date value, no repeat shown as new, the
article's address."""
from __future__ import annotations

import pytest
from kb_helpers import HARBOR, NADIA, SEQUEL, extraction, sequel_credit

from callsheet.knowledge import AmbiguousName, KnowledgeError
from callsheet.knowledge.cards import card, find, search, timeline

LANTERN = ("c1", "company", "Lantern Pictures")


def test_every_displayed_project_name_finds_its_project(kb):
    kb.ingest(sequel_credit("a", "2026-01-12", "attached", "Nadia Orlov is set to star."))
    sequel = find(kb, "project", "the Midnight Harbor sequel")
    assert card(kb, sequel)["display"] == "(untitled sequel of Midnight Harbor)"
    assert find(kb, "project", "(untitled sequel of Midnight Harbor)") == sequel
    assert find(kb, "project", "(Untitled Sequel of midnight harbor)") == sequel
    for hit in search(kb, "Midnight Harbor"):
        if hit["match"] == "name" and hit["type"] == "work":
            assert find(kb, "project", hit["display"]) == hit["id"]


def test_a_sequel_of_an_untitled_sequel_is_found_by_its_display(kb):
    kb.ingest(sequel_credit("a", "2026-01-12", "attached", "Nadia Orlov is set to star."))
    third = ("w3", "work", None, "film")
    kb.ingest(extraction("b", "2026-02-01", [HARBOR, SEQUEL, third, NADIA], [
        {"subject": "w2", "predicate": "sequel_of", "object": "w1", "evidence": "a sequel"},
        {"subject": "w3", "predicate": "sequel_of", "object": "w2", "evidence": "and a third film"},
        {"subject": "p1", "predicate": "cast", "object": "w3", "status": "rumored", "evidence": "Orlov may return."}]))
    nadia = card(kb, find(kb, "person", "Nadia Orlov"))
    displays = {f["work"]["display"] for f in nadia["facts"]}
    assert "(untitled sequel of (untitled sequel of Midnight Harbor))" in displays
    for display in displays:
        assert card(kb, find(kb, "project", display))["display"] == display


def test_a_person_search_finds_is_found_by_show_too(kb):
    kb.ingest(extraction("a", "2026-01-12", [HARBOR, ("p1", "person", "Anna Zürcher"), ("p2", "person", "Mo Kline"),
                                             ("p3", "person", "Ida Kline")], [
        {"subject": "p1", "predicate": "cast", "object": "w1", "status": "credited", "evidence": "Zürcher starred."}]))
    anna = find(kb, "person", "Anna Zürcher")
    assert [h["id"] for h in search(kb, "zurcher") if h["match"] == "name"] == [anna]
    assert find(kb, "person", "zurcher") == anna == find(kb, "person", "ZÜRCHER")
    with pytest.raises(AmbiguousName):
        find(kb, "person", "kline")
    with pytest.raises(KnowledgeError):
        find(kb, "person", "99999999999999999999999")


def test_search_results_carry_a_facts_date_value_and_what_to_display(kb):
    kb.ingest(extraction("a", "2026-01-12", [HARBOR, SEQUEL], [
        {"subject": "w2", "predicate": "sequel_of", "object": "w1", "evidence": "a sequel"},
        {"subject": "w2", "predicate": "release_date", "value": "2027-03", "status": "attached",
         "evidence": "The sequel opens in March 2027."}]))
    hits = search(kb, "March")
    assert [(h["predicate"], h["value"], h["subject"]) for h in hits] == [
        ("release_date", "2027-03", "(untitled sequel of Midnight Harbor)")]
    assert {h["display"] for h in search(kb, "Midnight") if h["match"] == "name"} == {"Midnight Harbor"}


def test_a_fact_stated_again_with_no_status_is_not_new_again(kb):
    for n, day in enumerate(("2026-01-12", "2026-02-01", "2026-03-01")):
        kb.ingest(extraction(f"d{n}", day, [HARBOR, LANTERN], [
            {"subject": "w1", "predicate": "studio", "object": "c1", "evidence": f"Lantern Pictures ({n})."}]))
    events = timeline(kb, find(kb, "project", "Midnight Harbor"))
    assert [(e["predicate"], e["change"], e["doc"]) for e in events] == [("studio", "new", "d0")]


def test_a_report_links_to_the_article_when_it_came_from_the_web(kb):
    kb.ingest(sequel_credit("a", "2026-01-12", "rumored", "Nadia Orlov is eyed."),
              location="HTTPS://News.Example/harbor#top")
    kb.ingest(sequel_credit("b", "2026-02-01", "in_talks", "Nadia Orlov is in talks."))
    history = card(kb, find(kb, "person", "Nadia Orlov"))["facts"][0]["history"]
    assert [(h["doc"], h["url"]) for h in history] == [("a", "https://news.example/harbor"), ("b", None)]


def test_a_projects_card_shows_the_sentences_that_state_its_links(kb):
    kb.ingest(extraction("a", "2026-01-10", [HARBOR, SEQUEL, NADIA], [
        {"subject": "w2", "predicate": "sequel_of", "object": "w1",
         "evidence": "Lantern Pictures is making a Midnight Harbor sequel."}]))
    kb.ingest(sequel_credit("b", "2026-02-20", "in_talks", "Nadia Orlov is in talks to star."))
    sequel = card(kb, find(kb, "person", "Nadia Orlov"))["facts"][0]["work"]["id"]
    (link,) = card(kb, sequel)["links"]
    assert link["predicate"] == "sequel_of" and link["work"]["name"] == "Midnight Harbor"
    assert [h["evidence"] for h in link["history"]] == [
        "Lantern Pictures is making a Midnight Harbor sequel.", "a sequel"]
    assert link["reports"]["articles"] == 2
    assert all("_document" not in h for h in link["history"])
