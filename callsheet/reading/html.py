"""Web pages to `Article`s: trafilatura finds the article's text, title, date
and site among the page's navigation and boilerplate.

A listing page (a section front, a tag or search page of teasers) is not an
article: trafilatura would merge its teasers into one text, and the facts of
eight stories would read as one. `ListingPage` is raised for it.
"""
from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

import trafilatura

from callsheet.reading.article import Located, ReadError, parse_article
from callsheet.schema import Article

# A page is a listing when at least this many teasers (a headline linking
# elsewhere, with its own summary) make up at least this share of its text.
LISTING_MIN_TEASERS = 3
LISTING_MIN_SHARE = 0.4
_SPACE = re.compile(r"\s+")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class NotAnArticle(Located):
    """An input that holds no article and is passed over, counted by `kind`
    (it is not an error: a section front or an image in an archive is expected)."""

    kind = "not an article"


class ListingPage(NotAnArticle):
    kind = "listing page"


def article_from_html(html: str | bytes, doc_id: str, *, published: str | None = None, url: str | None = None,
                      path: str | None = None, record: str | None = None, fallback_date: str | None = None,
                      title: str | None = None, source: str | None = None, listing_check: bool = True) -> Article:
    """The article a web page holds.

    `published`, `title` and `source` given by the caller (a feed entry, a
    JSON Lines record) win over the page's own; the page's date wins over
    `fallback_date` (a WARC record's date, or `--published`). The article's
    text is the page's headline, a blank line, then trafilatura's text, and
    evidence is quoted from that text. Raises `ListingPage` for a page of
    teasers (unless `listing_check` is off, as for a feed entry's fragment)
    and `ReadError` for a page with no article text.
    """
    where = path or url or doc_id
    tree = trafilatura.load_html(html)
    if tree is None:
        raise ReadError(where, "cannot parse the HTML", record)
    teasers = _teasers(tree) if listing_check else []
    doc = _extracted(tree, html, url, where, record)
    # one paragraph a line from trafilatura; a blank line between them, as in the corpus's text shape
    text = "\n\n".join(line.strip() for line in doc.text.splitlines() if line.strip()) if doc is not None else None
    if teasers and _is_listing(text or "", teasers):
        raise ListingPage(where, f"a listing page of {len(teasers)} teasers, not an article", record)
    if not text or not any(ch.isalpha() for ch in text):
        raise ReadError(where, "no article text found in the HTML", record)
    page_title = (doc.title or "").strip() or None
    title = title or page_title
    body = f"{title}\n\n{text}" if title and not text.startswith(title) else text
    article = parse_article(body, doc_id, published=published or _iso_day(doc.date) or fallback_date, path=path)
    article.url = url or doc.url or None
    article.source = source or (doc.sitename or "").strip() or host_of(article.url)
    article.record = record
    return article


def _extracted(tree, html: str | bytes, url: str | None, where: str, record: str | None):
    """trafilatura's reading of the page, with its metadata; without the
    metadata, from the page parsed again, when finding them fails (htmldate
    asserts on a page whose root is an element it drops, such as
    "<svg><br><p>x"); `ReadError` when the text cannot be read either."""
    options = {"url": url, "favor_precision": True, "include_comments": False, "include_tables": False}
    try:
        return trafilatura.bare_extraction(
            tree, with_metadata=True, **options,
            date_extraction_params={"original_date": True, "extensive_search": False,
                                    "max_date": date.today().isoformat()})
    except Exception:  # noqa: BLE001  (a fault in the metadata stage: read the text alone)
        pass
    try:
        return trafilatura.bare_extraction(trafilatura.load_html(html), with_metadata=False, **options)
    except Exception as exc:  # noqa: BLE001  (trafilatura cannot read this page at all)
        raise ReadError(where, f"trafilatura cannot read this page ({type(exc).__name__}: {exc})", record) from None


def host_of(url: str | None) -> str | None:
    """The site a URL is on, without `www.`: the source of a page that names none."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # a malformed bracketed host ("http://[]/a") names no site
        return None
    return host.removeprefix("www.") or None


def _iso_day(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
        return value[:10]
    return None


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def _teasers(tree) -> list[tuple[str, str]]:
    """(headline, summary) of each headline that links to another page, the
    summary being the text of the smallest block around the headline that
    holds more than the headline."""
    seen: set[str] = set()
    found = []
    for heading in tree.iter(*_HEADINGS):
        link = next(iter(heading.iter("a")), None)
        if link is None:
            link = next((a for a in heading.iterancestors("a")), None)
        href = (link.get("href") or "").strip() if link is not None else ""
        if not href or href.startswith(("#", "javascript:")) or href in seen:
            continue
        seen.add(href)
        headline = _norm(heading.text_content())
        block, depth = heading.getparent(), 0
        while block is not None and depth < 4 and len(_norm(block.text_content())) < len(headline) + 40:
            block, depth = block.getparent(), depth + 1
        if block is None or len(headline) < 10:
            continue
        summary = _norm(block.text_content()).replace(headline, " ", 1).strip()
        found.append((headline, summary))
    return found


def _is_listing(text: str, teasers: list[tuple[str, str]]) -> bool:
    """Teasers whose summary (or headline) trafilatura took as the page's text."""
    if not text.strip():
        return len(teasers) >= LISTING_MIN_TEASERS
    norm = _norm(text)
    taken = 0
    shown = 0
    for headline, summary in teasers:
        probe = summary[:80].strip()
        if len(probe) >= 20 and probe in norm:
            taken += 1
            shown += min(len(summary), len(norm))
        elif headline in norm:
            taken += 1
            shown += len(headline)
    return taken >= LISTING_MIN_TEASERS and shown >= LISTING_MIN_SHARE * len(norm)
