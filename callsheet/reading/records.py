"""A `Record` is one article as an input holds it, before it is read: a text
file's bytes, a web page, a feed entry's content, a JSON Lines object, a WARC
response. Readers only split inputs into records (cheap); `to_article` does
the reading proper (decoding, trafilatura), so that worker processes can do
it beside extraction.
"""
from __future__ import annotations

from dataclasses import dataclass

from callsheet.reading.article import ReadError, decode, parse_article, short_hash, unstorable
from callsheet.schema import Article


@dataclass
class Record:
    """One article-to-be. `origin` is the file ("-" for stdin), `where` the
    record within it ("line 4", "entry 2", "record at offset 1536"; None for
    a file that is one article), `kind` is "text" or "html" and `content`
    its bytes or text. The other fields are what the container says of the
    article; `fallback_date` is used when neither the container nor the page
    dates it. `size` is how many input bytes it took (for progress)."""
    origin: str
    where: str | None
    kind: str
    content: str | bytes
    id: str | None = None
    url: str | None = None
    published: str | None = None
    title: str | None = None
    source: str | None = None
    fallback_date: str | None = None
    listing_check: bool = True
    size: int = 0

    @property
    def path(self) -> str | None:
        return None if self.origin == "-" else self.origin


def to_article(record: Record, published: str | None = None) -> Article:
    """The `Article` a record holds; `published` dates an article that gives no
    date. Raises `ReadError` (naming the record), or `NotAnArticle` for a
    listing page."""
    try:
        return _to_article(record, published)
    except ReadError as exc:
        if exc.record is None and record.where is not None:
            raise ReadError(record.origin, exc.reason, record.where) from None
        raise


def _to_article(record: Record, published: str | None) -> Article:
    for field in ("id", "url", "source", "title", "published"):
        refused = unstorable(getattr(record, field) or "")
        if refused:
            raise ReadError(record.origin, f"the record's {field} holds {refused}", record.where)
    if record.kind == "html":
        from callsheet.reading.html import article_from_html
        content = record.content
        return article_from_html(content, record.id or _fallback_id(record, content), published=record.published,
                                 url=record.url, path=record.path, record=record.where,
                                 fallback_date=record.fallback_date or published, title=record.title,
                                 source=record.source, listing_check=record.listing_check)
    if isinstance(record.content, bytes):
        try:
            text = decode(record.content, record.origin)
        except ReadError as exc:
            raise ReadError(record.origin, exc.reason, record.where) from None
    else:
        text = record.content
        if not any(ch.isalpha() for ch in text):
            raise ReadError(record.origin, "the text holds no words", record.where)
    if record.title and not text.lstrip().startswith(record.title):
        text = f"{record.title}\n\n{text}"
    article = parse_article(text, record.id or _fallback_id(record, text),
                            published=record.published or record.fallback_date or published, path=record.path)
    article.title = record.title or article.title
    article.source = record.source or article.source
    article.url = record.url
    article.record = record.where
    return article


def _fallback_id(record: Record, content: str | bytes) -> str:
    """A short hash of the URL, else of the content."""
    if record.url:
        return short_hash(record.url)
    return short_hash(content if isinstance(content, str) else content.decode("utf-8", "replace"))
