"""The JSON-LD export, read back with a JSON-LD processor (pyld): statuses
decide which facts are schema.org properties, kinds decide types, and
nothing is dropped on expansion."""
from __future__ import annotations

import io
import json

import pytest
from kb_helpers import HARBOR, NADIA, SEQUEL, extraction
from pyld import jsonld

from callsheet.knowledge.export import export

SCHEMA = "https://schema.org/"
NS = "https://callsheet.invalid/ns#"
TOMAS = ("p2", "person", "Tomas Reyes")
RUTH = ("p3", "person", "Ruth Adeyemi")


@pytest.fixture()
def graph(kb):
    link = {"subject": "w2", "predicate": "sequel_of", "object": "w1", "evidence": "a sequel"}
    kb.ingest(extraction("a", "2026-01-12", [HARBOR, SEQUEL, NADIA, TOMAS, RUTH], [
        link,
        {"subject": "p1", "predicate": "cast", "object": "w2", "status": "rumored", "evidence": "Orlov is eyed."},
        {"subject": "p2", "predicate": "producer", "object": "w2", "status": "attached", "evidence": "Reyes will produce."},
        {"subject": "p3", "predicate": "director", "object": "w2", "status": "confirmed", "evidence": "Adeyemi directs."},
        {"subject": "w2", "predicate": "release_date", "value": "2027-03", "status": "attached",
         "evidence": "It opens in March 2027."},
        {"subject": "p1", "predicate": "cast", "object": "w1", "status": "credited", "evidence": "Orlov starred."},
        {"subject": "w1", "predicate": "release_date", "value": "2019-05-01", "status": "credited",
         "evidence": "It opened on May 1, 2019."}]))
    kb.ingest(extraction("b", "2026-02-01", [HARBOR, SEQUEL, TOMAS], [
        link, {"subject": "p2", "predicate": "producer", "object": "w2", "status": "exited",
               "evidence": "Reyes has exited."}]))
    kb.ingest(extraction("c", None, [("w5", "work", "The Keeper's Daughter", "book"),
                                     ("w6", "work", "Brain Drain", "tv_series"), ("p9", "person", "Saul Penrose")], [
        {"subject": "p9", "predicate": "host", "object": "w6", "status": "exited", "evidence": "Penrose resigned."}]))
    buf = io.StringIO()
    export(kb, "jsonld", buf)
    kb.close()
    return json.loads(buf.getvalue())


def _node(expanded: list[dict], name: str) -> dict:
    return next(n for n in expanded if n.get(SCHEMA + "name", [{}])[0].get("@value") == name)


def _ids(node: dict, prop: str) -> list[str]:
    return [v["@id"] for v in node.get(SCHEMA + prop, [])]


def test_the_export_expands_as_json_ld_with_nothing_dropped(graph):
    expanded = jsonld.expand(graph)
    assert len(expanded) == len(graph["@graph"])
    for original, node in zip(sorted(graph["@graph"], key=lambda n: n["@id"]), sorted(expanded, key=lambda n: n["@id"])):
        assert len([k for k in original if k != "@id"]) == len([k for k in node if k != "@id"]), original
    quads = jsonld.to_rdf(graph, {"format": "application/n-quads"})
    assert f"<{SCHEMA}name>" in quads and f"<{NS}statements>" in quads


def test_only_firm_credits_are_schema_org_roles(graph):
    expanded = jsonld.expand(graph)
    people = {_node(expanded, n)["@id"]: n for n in ("Nadia Orlov", "Tomas Reyes", "Ruth Adeyemi")}
    sequel = _node(expanded, "(untitled sequel of Midnight Harbor)")
    assert [people[i] for i in _ids(sequel, "director")] == ["Ruth Adeyemi"]
    assert _ids(sequel, "actor") == [] and _ids(sequel, "producer") == []  # rumored, exited
    statuses = {(s[NS + "predicate"][0]["@value"], s[NS + "status"][0]["@value"])
                for s in sequel[NS + "statements"] if NS + "status" in s}  # a link has no status
    assert {("cast", "rumored"), ("producer", "exited"), ("director", "confirmed")} <= statuses
    harbor = _node(expanded, "Midnight Harbor")
    assert [people[i] for i in _ids(harbor, "actor")] == ["Nadia Orlov"]


def test_a_planned_release_is_no_date_published_but_a_past_one_is(graph):
    expanded = jsonld.expand(graph)
    sequel = _node(expanded, "(untitled sequel of Midnight Harbor)")
    assert SCHEMA + "datePublished" not in sequel
    assert any(s[NS + "predicate"][0]["@value"] == "release_date" for s in sequel[NS + "statements"])
    assert _node(expanded, "Midnight Harbor")[SCHEMA + "datePublished"] == [{"@value": "2019-05-01"}]


def test_kinds_give_schema_org_types_and_inferred_dates_are_flagged(graph):
    expanded = jsonld.expand(graph)
    assert _node(expanded, "The Keeper's Daughter")["@type"] == [SCHEMA + "Book"]
    assert _node(expanded, "Brain Drain")["@type"] == [SCHEMA + "TVSeries"]
    assert _node(expanded, "Midnight Harbor")["@type"] == [SCHEMA + "Movie"]
    quiz = _node(expanded, "Brain Drain")
    assert NS + "host" not in quiz  # the host resigned
    evidence = quiz[NS + "statements"][0][NS + "evidence"][0]
    assert evidence[NS + "dateInferred"] == [{"@value": True}]
