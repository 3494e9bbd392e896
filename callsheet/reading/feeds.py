"""RSS 2.0, RSS 1.0 and Atom feeds: each entry is an article (feedparser).

The feed is first checked with defusedxml, which refuses entity and DTD
declarations (the "billion laughs" entity bomb) and reports where the XML
stops being well-formed; feedparser then reads the entries. A feed that is
not well-formed is reported once, and whatever entries feedparser still
recovers from it are read.
"""
from __future__ import annotations

import io
import time
from collections.abc import Iterator
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from callsheet.reading.article import ReadError
from callsheet.reading.records import Record


def feed_records(data: bytes, origin: str) -> Iterator[Record | ReadError]:
    """One `Record` per entry, in the feed's order; a `ReadError` first if the
    feed is not well-formed (then no entry is read when it declares entities)."""
    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        yield ReadError(origin, f"refused: the feed declares XML entities or external references ({type(exc).__name__})")
        return
    except ParseError as exc:
        line, column = exc.position
        yield ReadError(origin, f"not well-formed XML ({_reason(exc)})", f"line {line}, column {column}")
    except LookupError as exc:  # encoding="x-bogus"
        yield ReadError(origin, f"the feed declares an encoding Python does not know ({exc})")
        return
    try:
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    except Exception as exc:  # noqa: BLE001  (feedparser fails on some input, e.g. "&#x110000;": a clear error)
        yield ReadError(origin, f"feedparser cannot read this feed ({type(exc).__name__}: {exc})")
        return
    source = (parsed.feed.get("title") or "").strip() or None
    entries = parsed.entries
    for n, entry in enumerate(entries, 1):
        content = _content(entry)
        if not content:
            yield ReadError(origin, "the entry has neither content nor summary", f"entry {n}")
            continue
        yield Record(origin=origin, where=f"entry {n}", kind="html", content=content,
                     url=(entry.get("link") or "").strip() or None, published=_day(entry),
                     title=(entry.get("title") or "").strip() or None, source=source, listing_check=False)


def _reason(exc: ParseError) -> str:
    return str(exc).split(":", 1)[0]


def _content(entry) -> str | None:
    """The entry's full content (HTML preferred), else its summary."""
    contents = entry.get("content") or []
    for item in sorted(contents, key=lambda c: "html" not in (c.get("type") or "")):
        if (item.get("value") or "").strip():
            return _as_page(item["value"], entry.get("title"))
    summary = entry.get("summary")
    return _as_page(summary, entry.get("title")) if summary and summary.strip() else None


def _as_page(fragment: str, title: str | None) -> str:
    """A fragment as a page of its own, so that trafilatura finds its text."""
    from html import escape
    head = f"<h1>{escape(title)}</h1>" if title else ""
    if "<" not in fragment:
        fragment = "".join(f"<p>{escape(p)}</p>" for p in fragment.split("\n\n") if p.strip())
    return f"<html><body><article>{head}{fragment}</article></body></html>"


def _day(entry) -> str | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", stamp) if stamp else None
