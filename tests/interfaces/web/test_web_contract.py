"""The API keeps its contract: every response matches /openapi.json, errors
have one shape and are documented per operation, the token is checked
first, hosts and URLs are checked, and schemathesis against a live
`callsheet serve` finds nothing."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from fastapi.testclient import TestClient
from live_server import CALLSHEET, serving
from web_kb import ids_of

from callsheet.interfaces.web import create_app

AUTH = {"Authorization": "Bearer s3cret"}
BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
HERE = Path(__file__).parent
OPERATIONS = [("get", "/api/v1/projects"), ("get", "/api/v1/projects/{project_id}"),
              ("get", "/api/v1/people/{person_id}"), ("get", "/api/v1/companies/{company_id}"),
              ("get", "/api/v1/search"), ("get", "/api/v1/timeline/{project_id}"), ("get", "/api/v1/changes"),
              ("post", "/api/v1/articles"), ("get", "/feeds/changes.atom"), ("get", "/api/v1/health"),
              ("get", "/api/v1/hooks"), ("post", "/api/v1/hooks"), ("get", "/api/v1/hooks/{hook_id}"),
              ("delete", "/api/v1/hooks/{hook_id}"), ("get", "/api/v1/hooks/{hook_id}/deliveries")]


def test_every_operation_documents_its_errors_in_one_shape(client):
    spec = client.get("/openapi.json").json()
    for method, path in OPERATIONS:
        responses = spec["paths"][path][method]["responses"]
        assert {"400", "405", "422"} <= set(responses), path
        errors = [r for code, r in responses.items() if code[0] in "45"]
        assert {r["content"]["application/json"]["schema"]["$ref"] for r in errors} == \
            {"#/components/schemas/Error"}, path
    ids = [p for _, p in OPERATIONS if "{" in p] + ["/api/v1/changes", "/feeds/changes.atom"]
    assert all("404" in spec["paths"][p]["get"]["responses"] for p in ids)
    post = spec["paths"]["/api/v1/articles"]["post"]
    assert {"401", "413", "503"} <= set(post["responses"])
    assert post["security"] == [{"token": []}]
    assert spec["components"]["securitySchemes"]["token"] == {
        "type": "http", "scheme": "bearer", "description": "the server's CALLSHEET_TOKEN; needed to write"}


@pytest.mark.parametrize("path", ["/api/v1/projects/99999999999999999999999", "/api/v1/people/18446744073709551616",
                                  "/api/v1/timeline/9223372036854775808", "/api/v1/companies/0",
                                  "/api/v1/changes?person=99999999999999999999"])
def test_ids_beyond_64_bits_are_a_422_not_a_server_error(client, path):
    got = client.get(path)
    assert got.status_code == 422
    assert set(got.json()) == {"detail", "status", "errors"} and got.json()["status"] == 422


def test_the_largest_64_bit_id_is_merely_unknown(client):
    got = client.get("/api/v1/projects/9223372036854775807")
    assert got.status_code == 404 and got.json() == {"detail": "no project with id 9223372036854775807",
                                                     "status": 404}


def test_a_page_for_an_id_beyond_64_bits_is_an_error_page(client):
    got = client.get("/projects/99999999999999999999999", headers=BROWSER)
    assert got.status_code == 422 and got.headers["content-type"].startswith("text/html")
    assert "project_id" in got.text


@pytest.mark.parametrize("params", [{"kind": "movie"}, {"q": "a\x00b"}, {"studio": "x\x00"}])
def test_list_filters_are_validated(client, params):
    got = client.get("/api/v1/projects", params=params)
    assert got.status_code == 422 and got.json()["detail"].startswith("bad parameters: ")


@pytest.mark.parametrize("params", [{"since": "0.5"}, {"since": "1700000000"}, {"limit": 0}])
def test_changes_filters_are_validated(client, params):
    assert client.get("/api/v1/changes", params=params).status_code == 422


def test_a_search_with_a_nul_is_a_422(client):
    got = client.get("/api/v1/search", params={"q": "a\x00b"})
    assert got.status_code == 422 and "NUL" in got.json()["detail"]


def test_a_405_has_the_error_shape_and_says_what_is_allowed(client):
    got = client.delete("/api/v1/projects")
    assert got.status_code == 405 and got.headers["allow"] == "GET"
    assert got.json() == {"detail": "DELETE is not allowed on /api/v1/projects; it takes GET", "status": 405}


def test_browsers_get_error_pages_and_api_clients_json(client):
    for path, status in (("/no/such/page", 404), ("/projects/abc", 422), ("/api/v1/projects/abc", 422)):
        assert client.get(path).headers["content-type"] == "application/json"
        page = client.get(path, headers=BROWSER)
        assert page.status_code == status
        expected = "application/json" if path.startswith("/api/") else "text/html"
        assert page.headers["content-type"].startswith(expected), path
    assert "no page or API at /no/such/page" in client.get("/no/such/page", headers=BROWSER).text


def test_the_token_is_checked_before_the_body(client):
    for body in ({"text": 5}, {}, None):
        assert client.post("/api/v1/articles", json=body).status_code == 401
    broken = client.post("/api/v1/articles", content=b'{"text": ', headers={"Content-Type": "application/json"})
    assert broken.status_code == 401 and "Bearer" in broken.json()["detail"]
    assert client.post("/api/v1/articles", content=b'{"text": ',
                       headers={**AUTH, "Content-Type": "application/json"}).status_code == 422


def test_a_token_with_other_than_ascii_is_a_401_not_a_server_error(client):
    got = client.post("/api/v1/articles", json={"text": "Casting news"},
                      headers={"Authorization": "Bearer s3crét".encode()})
    assert got.status_code == 401


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://files.example/a.txt",
                                 "example.com/news", "http://", "https:// spaced.example/"])
def test_an_article_url_must_be_http_or_https(client, url):
    got = client.post("/api/v1/articles", json={"text": "Casting news\n\nAda Quist will star.", "url": url},
                      headers=AUTH)
    assert got.status_code == 422 and "url" in got.json()["detail"]


def test_a_lone_surrogate_in_the_body_is_a_422(client):
    got = client.post("/api/v1/articles", content=b'{"text": "Casting \\ud800 news"}',
                      headers={**AUTH, "Content-Type": "application/json"})
    assert got.status_code == 422 and got.json()["errors"][0]["loc"] == ["body", "text"]


def test_a_nul_in_an_articles_text_is_a_422_and_nothing_is_stored(client):
    """PostgreSQL stores no NUL: a text holding one was a 500 there (schemathesis found it)."""
    before = client.get("/api/v1/changes").json()["changes"]
    got = client.post("/api/v1/articles", json={"text": "Casting news\n\nAda Quist\u0000 will star."}, headers=AUTH)
    assert got.status_code == 422 and "NUL character (U+0000) at character 23" in got.json()["detail"]
    assert client.get("/api/v1/changes").json()["changes"] == before


def test_a_text_over_spacys_limit_is_extracted_in_pieces_not_a_server_error(db_url, extractor):
    app = create_app(db_url, token="s3cret", max_body=3 * 1024 * 1024,
                     extractor=extractor)
    client = TestClient(app, base_url="http://127.0.0.1")
    lead = "Casting news\n\nJuno Marchetti has signed on to star in 'The Tin Comet' for Harbourline Pictures.\n\n"
    text = lead + "\u00a0\n\n" * 400_000 + "Marchetti will play a pilot.\n"
    assert len(text) > 1_000_000
    got = client.post("/api/v1/articles", json={"text": text}, headers=AUTH)
    assert got.status_code == 201, got.text[:500]
    facts = got.json()["extraction"]["facts"]
    assert any(f["predicate"] == "cast" for f in facts) and all(f["evidence"] in text for f in facts)


def test_writes_over_the_queue_limit_are_a_503_with_retry_after(db_url, extractor):
    app = create_app(db_url, token="s3cret", extractor=extractor, max_waiting=0)
    got = TestClient(app, base_url="http://127.0.0.1").post("/api/v1/articles", json={"text": "Casting news"},
                                                             headers=AUTH)
    assert got.status_code == 503 and got.headers["retry-after"] == "5"
    assert "retry" in got.json()["detail"]


def test_only_allowed_host_names_are_served(kb_url):
    app = create_app(kb_url)
    for host, status in (("127.0.0.1", 200), ("localhost:8000", 200), ("LOCALHOST", 200), ("evil.example", 400),
                         ("evil.example:8000", 400), ("127.0.0.1.evil.example", 400)):
        got = TestClient(app, base_url=f"http://{host}").get("/api/v1/projects")
        assert got.status_code == status, host
    refused = TestClient(app, base_url="http://evil.example").get("/api/v1/projects")
    assert refused.json()["status"] == 400 and "--allowed-host evil.example" in refused.json()["detail"]
    assert TestClient(create_app(kb_url, allowed_hosts=["news.example"]),
                      base_url="http://news.example").get("/").status_code == 200


def test_atom_links_come_from_the_base_url_not_the_host_header(kb_url):
    app = create_app(kb_url, base_url="https://callsheet.example.org/", allowed_hosts=["*"])
    client = TestClient(app, base_url="http://attacker.example")
    feed = ElementTree.fromstring(client.get("/feeds/changes.atom").content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    links = [link.get("href") for link in feed.iter(f"{{{ns['a']}}}link")]
    ids = [e.text for e in feed.iter(f"{{{ns['a']}}}id")]
    assert links and all(u.startswith("https://callsheet.example.org/") for u in links + ids)
    assert "attacker" not in client.get("/feeds/changes.atom").text


def test_a_database_password_is_never_printed(tmp_path):
    url = "postgresql://editor:pa55-w0rd%21@127.0.0.1:1/callsheet"
    for args in (["stats", "--db", url], ["serve", "--db", url, "--port", "1"]):
        done = subprocess.run([CALLSHEET, *args], capture_output=True, text=True, timeout=60)
        assert done.returncode == 2
        assert "pa55" not in done.stderr + done.stdout and "editor:***@" in done.stderr


def test_redacted_hides_the_password_in_a_url_and_in_a_message():
    from callsheet.knowledge import redacted
    assert redacted("postgresql://u:secret@db/x") == "postgresql://u:***@db/x"
    assert redacted("postgresql://u:secret@db/x", "failed for secret") == "failed for ***"
    assert redacted("sqlite:///kb.db") == "sqlite:///kb.db"
    assert redacted("postgresql://u@db/x?password=hunter2") == "postgresql://u@db/x?password=***"
    assert redacted("postgresql://u:secret@db/x?password=secret2", "no secret2, no secret") == "no ***, no ***"
    assert redacted("not a url :x@") == "not a url :x@"


def test_responses_match_the_documented_objects(client, kb_url):
    """The documented models (docs only) accept what the routes really answer."""
    from callsheet.interfaces.web import models
    nadia = ids_of(client, "people", "Nadia Orlov")
    lantern = ids_of(client, "companies", "Lantern Pictures")
    projects = client.get("/api/v1/projects", params={"per_page": 100}).json()
    models.ProjectList.model_validate(projects)
    for item in projects["items"]:
        models.Card.model_validate(client.get(f"/api/v1/projects/{item['id']}").json())
        models.Timeline.model_validate(client.get(f"/api/v1/timeline/{item['id']}").json())
    models.Card.model_validate(client.get(f"/api/v1/people/{nadia}").json())
    models.Card.model_validate(client.get(f"/api/v1/companies/{lantern}").json())
    for q in ("Orlov", "September", "Lisbon"):
        models.SearchResults.model_validate(client.get("/api/v1/search", params={"q": q}).json())
    models.Changes.model_validate(client.get("/api/v1/changes", params={"limit": 500}).json())


def test_schemathesis_finds_no_server_error_no_schema_violation_and_no_undocumented_status(kb_url, tmp_path,
                                                                                            databases):
    """Every operation, generated valid and invalid requests, with the token:
    the phases of `st run` for a minute, against a copy of the web KB (the
    hooks it adds point anywhere: this server posts no delivery)."""
    db = databases.copy(kb_url, "contract")
    report = tmp_path / "report.json"
    st = shutil.which("st", path=str(Path(sys.executable).parent))
    with serving(db, "--no-deliver-hooks", env={"CALLSHEET_TOKEN": "s3cret"}) as base:
        done = subprocess.run([st, "--config-file", str(HERE / "schemathesis.toml"), "run", f"{base}/openapi.json",
                               "-H", "Authorization: Bearer s3cret", "--checks", "all", "--seed", "1",
                               "--max-time", "60", "--workers", "1", "--report", "json",
                               "--report-json-path", str(report)],
                              capture_output=True, text=True, timeout=600, cwd=tmp_path)  # its cache stays there
    assert done.returncode == 0, done.stdout[-8000:]
    run = json.loads(report.read_text())
    assert run["operations"]["tested"] == run["operations"]["total"] == len(OPERATIONS)
    assert run["failures"] == [] and run["errors"] == [] and run["test_cases"]["unique_failures"] == 0
    assert run["test_cases"]["generated"] > 500
