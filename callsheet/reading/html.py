"""HTML pages to `Article`s: trafilatura finds the article's text, title and
date among the page's navigation and boilerplate."""
from __future__ import annotations

import trafilatura

from callsheet.reading.article import ReadError, parse_article
from callsheet.schema import Article


def article_from_html(html: str, doc_id: str, *, published: str | None = None,
                      url: str | None = None) -> Article:
    text = trafilatura.extract(html, url=url, output_format="txt", include_comments=False,
                               include_tables=False, favor_precision=True)
    if not text or not any(ch.isalpha() for ch in text):
        raise ReadError(url or doc_id, "no article text found in the HTML")
    meta = trafilatura.extract_metadata(html, default_url=url)
    title = meta.title.strip() if meta is not None and meta.title else None
    if published is None and meta is not None and meta.date:
        published = meta.date[:10]
    body = f"{title}\n\n{text}" if title and not text.startswith(title) else text
    return parse_article(body, doc_id, published=published, path=url)
