"""Project stages, project lists and the feed of changes, on hand-made extractions."""
from datetime import datetime, timedelta, timezone

import pytest
from kb_helpers import NADIA, extraction, sequel_credit

from callsheet.knowledge.browse import changes, list_projects, projects_by_stage
from callsheet.knowledge.cards import card, find
from callsheet.knowledge.stages import CurrentFact, project_stage


def credit(status):
    return CurrentFact("cast", status, None, "2026-03-01", True)


@pytest.mark.parametrize("facts, stage", [
    ([], "rumored"),
    ([credit("rumored")], "rumored"),
    ([credit("rumored"), credit("in_talks")], "in_talks"),
    ([credit("confirmed"), credit("exited")], "attached"),
    ([credit("exited")], "rumored"),
    ([credit("attached"), CurrentFact("filming_start", "confirmed", "2026-02", "2026-03-01", False)], "filming"),
    ([credit("attached"), CurrentFact("filming_start", "confirmed", "2026-09", "2026-03-01", False)], "attached"),
    ([credit("attached"), CurrentFact("filming_start", "rumored", "2026-01", "2026-03-01", False)], "attached"),
    ([credit("credited")], "released"),
    ([CurrentFact("streaming_on", None, None, "2026-03-01", False)], "released"),
])
def test_a_projects_stage_is_the_furthest_its_current_facts_reach(facts, stage):
    assert project_stage(facts) == stage


def test_the_stage_follows_ingestion_and_lists_filter_by_it(kb):
    kb.ingest(sequel_credit("a", "2026-01-12", "rumored", "Nadia Orlov is eyed."))
    sequel = find(kb, "project", "Midnight Harbor sequel")
    assert card(kb, sequel)["stage"] == "rumored"
    kb.ingest(sequel_credit("b", "2026-02-20", "attached", "Nadia Orlov is set to star."))
    assert card(kb, sequel)["stage"] == "attached"
    attached = list_projects(kb, stage="attached")
    assert [p["id"] for p in attached["items"]] == [sequel] and attached["total"] == 1
    assert projects_by_stage(kb)["attached"]["count"] == 1
    assert list_projects(kb, stage="rumored")["total"] == 1  # Midnight Harbor itself: nobody credited


def test_changes_report_new_facts_and_status_changes_but_not_repeats(kb):
    kb.ingest(sequel_credit("a", "2026-01-12", "rumored", "Nadia Orlov is eyed."))
    kb.ingest(sequel_credit("b", "2026-01-20", "rumored", "Nadia Orlov is still eyed."))
    kb.ingest(sequel_credit("c", "2026-02-20", "in_talks", "Nadia Orlov is in talks."))
    nadia = find(kb, "person", NADIA[2])
    mine = changes(kb, entity=nadia)
    assert [(c["change"], c["previous"], c["status"], c["doc"]) for c in mine] == [
        ("status", "rumored", "in_talks", "c"), ("new", None, "rumored", "a")]
    assert changes(kb, since=datetime.now(timezone.utc) + timedelta(hours=1)) == []
    assert len(changes(kb, limit=1)) == 1


def test_projects_by_studio_find_spelling_variants(kb):
    kb.ingest(extraction("a", "2026-01-01", [("w1", "work", "Vault Two", "film"), ("c1", "company", "Warner Bros.")], [
        {"subject": "w1", "predicate": "studio", "object": "c1", "evidence": "Warner Bros. is behind Vault Two."}]))
    assert [p["name"] for p in list_projects(kb, studio="warner bros")["items"]] == ["Vault Two"]
    assert list_projects(kb, studio="Universal")["total"] == 0
