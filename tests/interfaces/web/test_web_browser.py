"""The pages in a real headless Chromium (Debian's), against a live
`callsheet serve` on 127.0.0.1: the journey of a journalist following a
project, the phone-width layout, and proof that article payloads never run.

Chromium comes from Debian (`make browser`, which CI runs); without it these
tests skip, unless CALLSHEET_REQUIRE_BROWSER is set, as CI sets it.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from live_server import serving
from web_kb import HOSTILE_PERSON, HOSTILE_TITLE

CHROMIUM = os.environ.get("CALLSHEET_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"

if not Path(CHROMIUM).exists() and not os.environ.get("CALLSHEET_REQUIRE_BROWSER"):
    pytest.skip(f"no Chromium at {CHROMIUM} (run `make browser`)", allow_module_level=True)


@pytest.fixture(scope="module")
def server(kb_url):
    with serving(kb_url) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("dialog", lambda dialog: (page.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield page
    context.close()


def test_search_open_a_project_check_badges_and_evidence_then_follow_a_person(server, page):
    page.goto(server + "/")
    assert page.get_by_role("heading", name="Projects in the news").is_visible()
    page.get_by_label("Search projects, people and evidence").fill("Midnight Harbor")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?q=Midnight+Harbor")
    page.get_by_role("link", name="Midnight Harbor", exact=True).first.click()
    page.wait_for_url("**/projects/*")
    assert page.get_by_role("heading", level=1).inner_text() == "Midnight Harbor"
    page.get_by_role("link", name="(untitled sequel of Midnight Harbor)").click()
    page.wait_for_url("**/projects/*")
    assert page.get_by_role("heading", level=1).inner_text() == "(untitled sequel of Midnight Harbor)"
    row = page.locator("tr.credit", has=page.get_by_role("link", name="Ruth Adeyemi"))
    # the undated confirmation (04) is dated by its ingestion, so it is the latest report
    assert row.locator(".badge").first.inner_text() == "Confirmed"
    assert row.locator("mark").first.inner_text() == "Ruth Adeyemi"
    assert "with Ruth Adeyemi directing" in row.locator("blockquote").first.inner_text()
    assert "(inferred)" in row.locator("p.source").first.inner_text()
    exited = page.locator("tr.credit", has=page.locator(".status-exited"))
    assert exited.count() >= 1 and "dropped out" in exited.first.inner_text()
    assert page.locator("figure.timeline svg rect").count() >= 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "project-page.png"), full_page=True)
    row.get_by_role("link", name="Ruth Adeyemi").click()
    page.wait_for_url("**/people/*")
    assert page.get_by_role("heading", level=1).inner_text() == "Ruth Adeyemi"
    assert page.get_by_text("with Ruth Adeyemi directing").first.is_visible()
    assert page.errors == []


def test_article_payloads_are_shown_as_text_and_never_run(server, page):
    page.goto(server + "/search?q=Heist")
    page.get_by_role("link", name=HOSTILE_TITLE).first.click()
    page.wait_for_url("**/projects/*")
    assert page.get_by_role("heading", level=1).inner_text() == HOSTILE_TITLE
    assert page.get_by_role("link", name=HOSTILE_PERSON).is_visible()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("main script, main img").count() == 0
    for path in ("/", "/search?q=Mara", page.url):
        page.goto(path if path.startswith("http") else server + path)
        assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.errors == []


def test_a_phone_width_screen_needs_no_sideways_scrolling_and_keys_reach_the_search(server, browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(server + "/projects?stage=released")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    project = page.locator("table.listing a").first
    project.click()
    page.wait_for_url("**/projects/*")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    context.close()


def test_swagger_ui_offers_authorize_for_the_bearer_token(server, page):
    page.goto(f"{server}/docs")
    page.wait_for_selector("button.authorize", timeout=30_000)
    page.click("button.authorize")
    dialog = page.wait_for_selector(".dialog-ux", timeout=10_000)
    assert "token" in dialog.inner_text() and "Bearer" in dialog.inner_text()
    assert page.errors == []
