"""The corpus's articles as web pages, a WARC crawl and a JSON Lines dump,
for the reader benchmarks: the same articles in every shape."""
from __future__ import annotations

import io
import json
from html import escape
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from callsheet.reading import read_article
from callsheet.schema import Article

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
NAV = "<header><nav><ul>" + "".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(10)) + "</ul></nav></header>"
FOOTER = "<footer><p>Copyright the publisher. All rights reserved.</p><a href='/privacy'>Privacy</a></footer>"


def corpus_articles() -> list[Article]:
    return [read_article(str(p)) for p in sorted(CORPUS.glob("*/text/*.txt"))]


def as_page(article: Article) -> str:
    paragraphs = [p.strip() for p in article.body.split("\n\n") if p.strip()]
    title = article.title or paragraphs[0][:80]
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    date = f'<meta property="article:published_time" content="{article.published}">' if article.published else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{escape(title)}</title>{date}"
            f'<meta property="og:type" content="article"></head><body>{NAV}<main><article>'
            f"<h1>{escape(title)}</h1>{body}</article></main>{FOOTER}</body></html>")


def write_shapes(articles: list[Article], folder: Path) -> dict[str, Path]:
    """Writes texts/, pages/, crawl.warc.gz and dump.jsonl; returns each shape's path."""
    texts, pages = folder / "texts", folder / "pages"
    texts.mkdir(parents=True, exist_ok=True)
    pages.mkdir(exist_ok=True)
    crawl = io.BytesIO()
    writer = WARCWriter(crawl, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    with open(folder / "dump.jsonl", "w", encoding="utf-8") as dump:
        for n, a in enumerate(articles):
            name = f"{n:05d}_{a.id}"
            (texts / f"{name}.txt").write_text(a.text, encoding="utf-8")
            page = as_page(a)
            (pages / f"{name}.html").write_text(page, encoding="utf-8")
            writer.write_record(writer.create_warc_record(
                f"https://news.example/{name}", "response", payload=io.BytesIO(page.encode()), http_headers=headers))
            dump.write(json.dumps({"id": name, "text": a.body, "title": a.title, "published": a.published}) + "\n")
    (folder / "crawl.warc.gz").write_bytes(crawl.getvalue())
    return {"plain text": texts, "HTML pages": pages, "WARC": folder / "crawl.warc.gz",
            "JSON Lines": folder / "dump.jsonl"}


__all__ = ["corpus_articles", "write_shapes"]
