"""Webhooks against a real HTTP receiver on 127.0.0.1: signed events for new
facts and status changes, retries with backoff, every attempt recorded, and
an ingest that never waits for a receiver."""
from __future__ import annotations

import hashlib
import hmac
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from kb_helpers import HARBOR, NADIA, extraction, sequel_credit
from receiver import Receiver
from sample_extractions import sample_shard

from callsheet.knowledge import KnowledgeBase
from callsheet.knowledge.cards import find
from callsheet.knowledge.hooks import (DeliveryWorker, HookError, add_hook, deliveries, list_hooks, remove_hook,
                                       signature)

CALLSHEET = str(Path(sys.executable).parent / "callsheet")


def until(condition, timeout: float = 60.0):
    """Waits for `condition()` to hold (a deadline for failure, not a measure of speed)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.02)


def test_new_facts_and_status_changes_are_posted_signed_to_who_follows_them(kb):
    kb.ingest(sequel_credit("a", "2026-01-12", "rumored", "Nadia Orlov is eyed."))
    sequel = find(kb, "project", "Midnight Harbor sequel")
    with Receiver() as followers, Receiver() as everyone, Receiver() as elsewhere:
        add_hook(kb, followers.url, follows=("project", sequel), secret="s3cr3t-hook")
        add_hook(kb, everyone.url)
        add_hook(kb, elsewhere.url, follows=("project", find(kb, "project", "Midnight Harbor")))
        kb.ingest(sequel_credit("b", "2026-02-20", "rumored", "Nadia Orlov is still eyed."))  # no change
        kb.ingest(sequel_credit("c", "2026-03-01", "in_talks", "Nadia Orlov is in final talks."))
        kb.ingest(extraction("d", "2026-03-02", [("w1", "work", "Vault Two", "film"), NADIA], [
            {"subject": "p1", "predicate": "cast", "object": "w1", "status": "attached",
             "evidence": "Nadia Orlov joins Vault Two."}]))
        DeliveryWorker(kb).drain()
        posted = followers.wait_for(1)
        assert len(followers.received) == 1 and len(everyone.received) == 2 and elsewhere.received == []
    event = json.loads(posted[0]["body"])
    assert event["event"] == "fact.status" and event["hook"] == 1
    change = event["change"]
    assert (change["change"], change["previous"], change["status"], change["predicate"]) == \
        ("status", "rumored", "in_talks", "cast")
    assert (change["subject"], change["object_id"], change["doc"]) == ("Nadia Orlov", sequel, "c")
    assert change["evidence"] == "Nadia Orlov is in final talks."
    headers = posted[0]["headers"]
    expected = hmac.new(b"s3cr3t-hook", posted[0]["body"], hashlib.sha256).hexdigest()
    assert headers["x-callsheet-signature"] == f"sha256={expected}" == signature("s3cr3t-hook", posted[0]["body"])
    assert headers["x-callsheet-event"] == "fact.status" and headers["content-type"] == "application/json"
    assert "x-callsheet-signature" not in everyone.received[0]["headers"]  # no secret, no signature
    assert sorted(e["event"] for e in everyone.events()) == ["fact.new", "fact.status"]
    record = deliveries(kb, hook_id=1)
    assert [(d["status"], [a["http_status"] for a in d["attempts"]]) for d in record] == [("delivered", [200])]


def test_a_receiver_that_fails_twice_then_accepts_gets_the_event_on_the_third_attempt(kb):
    with Receiver(answers=[500, 503]) as receiver:
        add_hook(kb, receiver.url, secret="k")
        kb.ingest(extraction("a", "2026-01-01", [HARBOR], [
            {"subject": "w1", "predicate": "release_date", "value": "2027", "evidence": "Out in 2027."}]))
        worker = DeliveryWorker(kb, first_retry=0.05, poll=0.02)
        worker.start()
        try:
            until(lambda: len(deliveries(kb, status="delivered")) == 1)
        finally:
            worker.stop()
        posts = receiver.received
    assert len(posts) == 3  # 500, 503, then 200
    assert len({p["body"] for p in posts}) == 1 and len({p["headers"]["x-callsheet-delivery"] for p in posts}) == 1
    assert all(p["headers"]["x-callsheet-signature"] == signature("k", p["body"]) for p in posts)
    [retried] = deliveries(kb)
    assert [(a["http_status"], a["error"]) for a in retried["attempts"]] == [
        (500, "HTTP 500"), (503, "HTTP 503"), (200, None)]
    assert retried["status"] == "delivered" and retried["delivered_at"] and retried["next_attempt_at"] is None
    first, second, third = (a["at"] for a in retried["attempts"])
    assert first < second < third


def test_a_receiver_that_never_accepts_is_given_up_after_the_last_attempt(kb):
    with Receiver(answers=[500] * 10) as receiver:
        add_hook(kb, receiver.url)
        kb.ingest(extraction("a", "2026-01-01", [HARBOR], [
            {"subject": "w1", "predicate": "release_date", "value": "2027", "evidence": "Out in 2027."}]))
        worker = DeliveryWorker(kb, first_retry=0.02, poll=0.02, max_attempts=3)
        worker.start()
        try:
            until(lambda: deliveries(kb)[0]["status"] == "failed")
        finally:
            worker.stop()
        assert len(receiver.received) == 3
    assert [a["http_status"] for a in deliveries(kb)[0]["attempts"]] == [500, 500, 500]
    assert list_hooks(kb)[0]["deliveries"] == {"pending": 0, "delivered": 0, "failed": 1}


def test_a_receiver_that_never_answers_never_holds_up_an_ingest(kb):
    """The ingest only queues: it returns while the receiver holds the first
    delivery, and a second ingest goes through while that request hangs."""
    with Receiver(hold=True) as receiver:
        add_hook(kb, receiver.url)
        kb.ingest(sequel_credit("a", "2026-01-12", "rumored", "Nadia Orlov is eyed."))
        assert receiver.received == [] and len(deliveries(kb, status="pending")) == 2
        worker = DeliveryWorker(kb, concurrency=1, timeout=600)
        worker.start()
        try:
            receiver.wait_for(1)  # the worker is now stuck on a receiver that does not answer
            assert kb.ingest(sequel_credit("b", "2026-02-20", "in_talks", "Nadia Orlov is in talks.")).outcome \
                == "added"
            assert len(receiver.received) == 1 and not receiver.released.is_set()
            assert len(deliveries(kb, status="pending")) == 3
        finally:
            receiver.released.set()
            worker.stop()


def test_two_workers_never_post_one_delivery_twice(kb, db_url):
    with Receiver() as receiver:
        add_hook(kb, receiver.url)
        for n in range(12):
            kb.ingest(extraction(f"d{n}", "2026-01-01", [(f"w{n}", "work", f"Title Number {n}", "film")], [
                {"subject": f"w{n}", "predicate": "release_date", "value": "2027", "evidence": f"Story {n}."}]))
        other = KnowledgeBase(db_url)
        workers = [DeliveryWorker(kb, concurrency=3), DeliveryWorker(other, concurrency=3)]
        threads = [threading.Thread(target=w.drain) for w in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        for worker in workers:
            worker.stop()
        other.close()
        ids = [r["headers"]["x-callsheet-delivery"] for r in receiver.received]
    assert len(ids) == len(set(ids)) == 12
    assert all(len(d["attempts"]) == 1 and d["status"] == "delivered" for d in deliveries(kb))


def test_a_hook_on_an_untitled_sequel_follows_it_once_it_has_a_title(kb):
    kb.ingest(sequel_credit("a", "2026-01-12", "rumored", "Nadia Orlov is eyed."))
    untitled = find(kb, "project", "Midnight Harbor sequel")
    with Receiver() as receiver:
        add_hook(kb, receiver.url, follows=("project", untitled))
        kb.ingest(extraction("b", "2026-03-01", [HARBOR, ("w3", "work", "Midnight Harbor Rising", "film"),
                                                 ("p2", "person", "Ruth Adeyemi")], [
            {"subject": "w3", "predicate": "sequel_of", "object": "w1", "evidence": "the sequel, Rising"},
            {"subject": "p2", "predicate": "director", "object": "w3", "status": "attached",
             "evidence": "Adeyemi will direct."}]))
        titled = find(kb, "project", "Midnight Harbor Rising")
        assert list_hooks(kb)[0]["follows"]["id"] == titled
        DeliveryWorker(kb).drain()
        assert {e["change"]["predicate"] for e in receiver.events()} >= {"director"}


def test_an_article_ingested_again_tells_its_changes_under_ids_never_used_before(kb):
    """An edited or redated article forgets its newest assertions; the ids
    of the changes it then tells are new ones (SQLite would give the
    forgotten ids again, and the deliveries of the old changes clashed)."""
    add_hook(kb, "https://example.test/x")
    kb.ingest(sequel_credit("a", "2026-01-12", "rumored", "Nadia Orlov is eyed."))
    told = {d["change"] for d in deliveries(kb)}
    edited = sequel_credit("a", "2026-01-13", "in_talks", "Nadia Orlov is in talks.")
    assert kb.ingest(edited).outcome == "replaced"
    again = {d["change"] for d in deliveries(kb)} - told
    assert again and not again & told and min(again) > max(told)


def test_hooks_are_checked_and_removed_with_their_deliveries(kb):
    kb.ingest(sequel_credit("a", "2026-01-12", "rumored", "Nadia Orlov is eyed."))
    for bad in ("ftp://example.test/x", "not a url", "http:///nohost"):
        with pytest.raises(HookError, match="http"):
            add_hook(kb, bad)
    with pytest.raises(HookError, match="no person with id"):
        add_hook(kb, "https://example.test/x", follows=("person", find(kb, "project", "Midnight Harbor")))
    made = add_hook(kb, "https://example.test/x", secret="never shown")
    assert made["signed"] is True and "never shown" not in json.dumps(list_hooks(kb))
    kb.ingest(sequel_credit("b", "2026-02-20", "in_talks", "Nadia Orlov is in talks."))
    assert len(deliveries(kb)) == 1
    remove_hook(kb, made["id"])
    assert list_hooks(kb) == [] and deliveries(kb) == []
    with pytest.raises(HookError, match="no hook with id"):
        remove_hook(kb, made["id"])


def run(*args, env=None):
    return subprocess.run([CALLSHEET, *args], capture_output=True, text=True, timeout=600, env=env)


def test_the_hooks_commands(db_url, tmp_path):
    first_report = sample_shard(tmp_path, "01_harbor_rumor")
    assert run("ingest", "--db", db_url, str(first_report)).returncode == 0
    with Receiver(answers=[500]) as receiver:
        added = run("hooks", "add", receiver.url, "--project", "Midnight Harbor", "--secret", "cli-secret",
                    "--db", db_url, "--json")
        assert added.returncode == 0, added.stderr
        made = json.loads(added.stdout)
        assert made["follows"]["name"] == "Midnight Harbor" and made["signed"] and "cli-secret" not in added.stdout
        assert run("hooks", "add", receiver.url, "--project", "1", "--person", "2", "--db", db_url).returncode == 2
        missing = run("hooks", "add", receiver.url, "--person", "Nobody At All", "--db", db_url)
        assert missing.returncode == 1 and "no person named 'Nobody At All'" in missing.stderr
        news = sample_shard(tmp_path, "06_harbor_streaming")
        assert run("ingest", "--db", db_url, str(news)).returncode == 0
        first = run("hooks", "deliver", "--db", db_url)
        assert first.returncode == 0 and len(receiver.received) >= 1
    listed = json.loads(run("hooks", "list", "--db", db_url, "--json").stdout)
    assert [h["id"] for h in listed] == [made["id"]] and "cli-secret" not in json.dumps(listed)
    shown = json.loads(run("hooks", "deliveries", "--db", db_url, "--json").stdout)
    assert shown and any(a["http_status"] == 500 for d in shown for a in d["attempts"])
    assert run("hooks", "deliveries", "--status", "lost", "--db", db_url).returncode == 2
    assert run("hooks", "remove", str(made["id"]), "--db", db_url).returncode == 0
    gone = run("hooks", "remove", str(made["id"]), "--db", db_url)
    assert gone.returncode == 1 and f"no hook with id {made['id']}" in gone.stderr
