"""Webhooks and health over HTTP: /api/v1/hooks (writes need the token, URLs
shown in full only with it), /api/v1/health, and a live `callsheet serve`
that delivers hooks and writes no secret into its log."""
from __future__ import annotations

import json

import httpx
import pytest
from db_backend import on_postgres
from fastapi.testclient import TestClient
from live_server import serving
from receiver import Receiver
from sqlalchemy.engine import make_url

from callsheet.interfaces.web import create_app
from callsheet.knowledge.hooks import signature
from callsheet.schema import Article, Entity, Extraction, Fact

AUTH = {"Authorization": "Bearer s3cret"}
ARTICLE = {"text": "Casting news\n\nSarah Collins is set to direct the 'Salt Road' sequel for Kestrel Films.",
           "published": "2026-03-01", "url": "https://example.test/salt-road"}


class ScriptedExtractor:
    """Stands in for the model where a test is about what the knowledge base
    does with facts, not about finding them: an article's facts are looked
    up by the sentence that states them (format v1 facts, entities below)."""
    ENTITIES = [Entity("w1", "work", "Salt Road", "film"), Entity("w2", "work", None, "film"),
                Entity("p1", "person", "Sarah Collins")]
    FACTS = {
        "Sarah Collins is set to direct the 'Salt Road' sequel for Kestrel Films.": "attached",
        "Sarah Collins has exited the 'Salt Road' sequel.": "exited",
    }

    def extract(self, article: Article) -> Extraction:
        facts = []
        for sentence, status in self.FACTS.items():
            if sentence in article.text:
                facts += [Fact("w2", "sequel_of", sentence, object="w1"),
                          Fact("p1", "director", sentence, object="w2", status=status)]
        return Extraction(article, list(self.ENTITIES), facts)


@pytest.fixture()
def api(db_url, extractor):
    return TestClient(create_app(db_url, token="s3cret", extractor=extractor), base_url="http://127.0.0.1")


@pytest.fixture()
def scripted_api(db_url):
    return TestClient(create_app(db_url, token="s3cret", extractor=ScriptedExtractor()), base_url="http://127.0.0.1")


def test_hooks_are_added_listed_and_removed_with_the_token(api):
    url = "https://hooks.example.test/in/T0K3N?key=abc"
    assert api.post("/api/v1/hooks", json={"url": url}).status_code == 401
    made = api.post("/api/v1/hooks", json={"url": url, "secret": "hook-secret"}, headers=AUTH)
    assert made.status_code == 201, made.text
    hook = made.json()
    assert hook["url"] == url and hook["signed"] is True and hook["follows"] is None
    assert "hook-secret" not in made.text
    public = api.get("/api/v1/hooks").json()["hooks"]
    assert [h["url"] for h in public] == ["https://hooks.example.test/…"]  # the token in the path stays private
    assert api.get("/api/v1/hooks", headers=AUTH).json()["hooks"][0]["url"] == url
    assert api.get(f"/api/v1/hooks/{hook['id']}").json()["url"] == "https://hooks.example.test/…"
    assert api.delete(f"/api/v1/hooks/{hook['id']}").status_code == 401
    assert api.delete(f"/api/v1/hooks/{hook['id']}", headers=AUTH).status_code == 204
    assert api.get(f"/api/v1/hooks/{hook['id']}").status_code == 404
    assert api.delete(f"/api/v1/hooks/{hook['id']}", headers=AUTH).status_code == 404


def test_a_hook_follows_one_project_and_its_deliveries_are_listed(scripted_api):
    api = scripted_api
    assert api.post("/api/v1/articles", json=ARTICLE, headers=AUTH).status_code == 201
    sequel = next(p for p in api.get("/api/v1/projects").json()["items"] if p["name"] is None)
    made = api.post("/api/v1/hooks", json={"url": "http://127.0.0.1:9/x", "project": sequel["id"]}, headers=AUTH)
    assert made.status_code == 201 and made.json()["follows"]["id"] == sequel["id"]
    exit_ = {**ARTICLE, "text": "Casting news\n\nSarah Collins has exited the 'Salt Road' sequel.",
             "url": "https://example.test/salt-road-2", "published": "2026-04-01"}
    assert api.post("/api/v1/articles", json=exit_, headers=AUTH).status_code == 201
    listed = api.get(f"/api/v1/hooks/{made.json()['id']}/deliveries").json()["deliveries"]
    assert [(d["event"], d["status"], d["attempts"]) for d in listed] == [("fact.status", "pending", [])]
    assert api.get(f"/api/v1/hooks/{made.json()['id']}/deliveries", params={"status": "lost"}).status_code == 422


@pytest.mark.parametrize("body, status", [
    ({"url": "ftp://example.test/x"}, 422), ({"url": "https://example.test/x", "project": 987654}, 404),
    ({"url": "http://[oops"}, 422), ({"url": "http://example.test:99999/x"}, 422),
    ({"url": "https://example.test/x", "secret": "a\x00b"}, 422), ({"url": "https://example.test/x", "colour": 1}, 422),
    ({"url": "https://example.test/x", "project": 1, "person": 2}, 422), ({}, 422),
    ({"url": "https://example.test/x", "secret": ""}, 422),
    ({"url": "https://example.test/x", "project": True}, 422), ({"url": "https://example.test/x", "person": "1"}, 422),
    ({"url": "https://example.test/x", "company": 1.0}, 422), ({"url": 7}, 422)])
def test_bad_hooks_are_refused(api, body, status):
    got = api.post("/api/v1/hooks", json=body, headers=AUTH)
    assert got.status_code == status and got.json()["detail"]


def test_health_says_the_database_answers(api):
    got = api.get("/api/v1/health")
    assert got.status_code == 200
    body = got.json()
    assert body["status"] == "ok" and body["database"] == ("postgresql" if on_postgres() else "sqlite")
    assert body["schema"] and body["hooks"] == {"pending": 0, "delivered": 0, "failed": 0}
    assert {"/api/v1/health", "/api/v1/hooks", "/api/v1/hooks/{hook_id}/deliveries"} <= \
        set(api.get("/openapi.json").json()["paths"])


def test_serve_delivers_hooks_and_its_log_holds_no_secret(db_url, tmp_path):
    token, hook_secret, password = "Token-Secret-1234", "Hook-Secret-5678", "Db-Pass-4242"
    url = make_url(db_url).set(password=password).render_as_string(hide_password=False) if on_postgres() else db_url
    env = {"CALLSHEET_TOKEN": token}
    log = tmp_path / "serve.log"
    with Receiver(answers=[500]) as receiver, serving(url, env=env, log=log) as base:
        auth = {"Authorization": f"Bearer {token}"}
        made = httpx.post(f"{base}/api/v1/hooks", json={"url": receiver.url, "secret": hook_secret}, headers=auth)
        assert made.status_code == 201, made.text
        assert httpx.post(f"{base}/api/v1/hooks", json={"url": receiver.url},
                          headers={"Authorization": "Bearer wrong"}).status_code == 401
        posted = httpx.post(f"{base}/api/v1/articles", json=ARTICLE, headers=auth, timeout=120)
        assert posted.status_code == 201, posted.text
        requests = receiver.wait_for(2)  # one event answered 500 (retried later), another accepted
        for request in requests:
            assert request["headers"]["x-callsheet-signature"] == signature(hook_secret, request["body"])
            assert json.loads(request["body"])["change"]["doc"].startswith("api-")
        health = httpx.get(f"{base}/api/v1/health").json()
        assert health["status"] == "ok" and sum(health["hooks"].values()) >= 2
    text = log.read_text()
    assert "failed (HTTP 500)" in text and "delivered (HTTP 200" in text and "POST /api/v1/articles" in text
    for secret in (token, hook_secret, password):
        assert secret not in text
    if on_postgres():
        assert ":***@" in text  # the URL is named, its password hidden
