"""Made-up (fictional) news in every shape callsheet reads: web pages, a
section front, feeds, JSON Lines dumps and WARC archives."""
from __future__ import annotations

import gzip
import io
import json
from html import escape

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

STORIES = [
    ("Nadia Orlov in talks for 'Midnight Harbor' sequel",
     ["Nadia Orlov is in final talks to star in the 'Midnight Harbor' sequel for Lantern Pictures, sources told ReelWire.",
      "Ruth Adeyemi is set to direct from a script by Ivy Chen. Production is expected to begin in Vancouver in September.",
      "Orlov most recently appeared in the drama Glass Orchard, which premiered at a festival last spring."]),
    ("HBO orders 'The Lighthouse Keepers'",
     ["HBO has ordered the drama series 'The Lighthouse Keepers' from showrunner Pia Castell.",
      "Marco Lindqvist and Ada Brennan will star in the eight-episode series, which shoots in Galway next year.",
      "Castell created the series and will executive produce with Selma Ortiz."]),
    ("Sunfield remakes 'The Orchard Thieves'",
     ["Sunfield Studios is developing a remake of the 1984 film 'The Orchard Thieves'.",
      "Leon Brook is in talks to direct the remake, according to people familiar with the project.",
      "The original film starred Hugo Vance and was a modest hit at the box office."]),
]
NAV = "<header><nav><ul>" + "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(8)) + "</ul></nav></header>"
FOOTER = "<footer><p>© 2026 ReelWire Media. All rights reserved.</p><a href='/privacy'>Privacy</a></footer>"


def page(n: int = 0, *, date: str | None = "2026-03-04", site: str = "ReelWire", url: str | None = None) -> str:
    title, paragraphs = STORIES[n]
    metas = f'<meta property="og:site_name" content="{site}"><meta property="og:type" content="article">'
    if date:
        metas += f'<meta property="article:published_time" content="{date}T10:00:00Z">'
    if url:
        metas += f'<link rel="canonical" href="{url}">'
    related = "<aside><h2>More from ReelWire</h2>" + "".join(
        f'<article><h3><a href="/news/other-{i}">Another story number {i} about a reboot</a></h3><p>Teaser {i}.</p></article>'
        for i in range(5)) + "</aside>"
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{escape(title)} | {site}</title>{metas}</head><body>{NAV}"
            f"<main><article><h1>{escape(title)}</h1><p class='byline'>By Jo Marsh</p>{body}</article>{related}</main>"
            f"{FOOTER}</body></html>")


def section_front(teasers: int = 8) -> str:
    items = "".join(
        f'<article class="teaser"><h2><a href="/news/story-{i}">Performer {i} joins the cast of Project {i}</a></h2>'
        f"<p>Performer Number{i} will star in the drama Project {i} for Studio {i}, with filming set for Toronto "
        f"in the spring, sources said.</p></article>" for i in range(teasers))
    return (f"<!DOCTYPE html><html><head><title>Film News | ReelWire</title>"
            f'<meta property="og:type" content="website"></head><body>{NAV}<main><h1>Film News</h1>'
            f'<section class="river">{items}</section></main>{FOOTER}</body></html>')


def rss(entries: int = 3, *, extra: str = "") -> bytes:
    items = "".join(
        f"<item><title>{escape(STORIES[i][0])}</title><link>https://reelwire.example/news/{i}</link>"
        f"<pubDate>Wed, 0{i + 1} Apr 2026 09:00:00 GMT</pubDate>"
        f"<description>{escape(''.join(f'<p>{p}</p>' for p in STORIES[i][1]))}</description></item>"
        for i in range(entries))
    return (f'<?xml version="1.0" encoding="utf-8"?>{extra}<rss version="2.0"><channel><title>ReelWire</title>'
            f"<link>https://reelwire.example/</link><description>Film news</description>{items}</channel></rss>").encode()


def atom() -> bytes:
    entries = "".join(
        f'<entry><title>{escape(STORIES[i][0])}</title><link href="https://trade.example/a/{i}"/>'
        f"<id>urn:trade:{i}</id><updated>2026-05-0{i + 1}T08:00:00Z</updated>"
        f'<content type="html">{escape("".join(f"<p>{p}</p>" for p in STORIES[i][1]))}</content></entry>'
        for i in range(2))
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Trade Daily</title><id>urn:trade</id><updated>2026-05-02T08:00:00Z</updated>{entries}</feed>").encode()


def jsonl_lines() -> list[str]:
    return [
        json.dumps({"id": "orlov-talks", "title": STORIES[0][0], "text": "\n\n".join(STORIES[0][1]),
                    "url": "https://reelwire.example/news/0", "published": "2026-03-04", "source": "ReelWire"}),
        json.dumps({"maintext": "\n\n".join(STORIES[1][1]), "title": STORIES[1][0],  # news-please's keys
                    "date_publish": "2026-04-14 09:30:00", "source_domain": "trade.example",
                    "url": "https://trade.example/lighthouse"}),
        json.dumps({"html": page(2), "url": "https://reelwire.example/news/2"}),
    ]


def warc(*, gz: bool = True, pages: int = 3) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    html_headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    request = StatusAndHeaders("GET /news/0 HTTP/1.1", [("Host", "reelwire.example")], is_http_request=True)
    writer.write_record(writer.create_warc_record("https://reelwire.example/news/0", "request",
                                                  http_headers=request))
    for n in range(pages):
        writer.write_record(writer.create_warc_record(
            f"https://reelwire.example/news/{n}", "response",
            payload=io.BytesIO(page(n % len(STORIES), date=None if n == 1 else "2026-03-04").encode()),
            http_headers=html_headers, warc_headers_dict={"WARC-Date": "2026-06-01T12:00:00Z"}))
        if n == 0:
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record("https://reelwire.example/logo.png", "response",
                                                          payload=io.BytesIO(b"\x89PNG\r\n\x1a\n"), http_headers=image))
    return buffer.getvalue()


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data)
