"""Property: whatever bytes a file holds, reading it gives `Article`s or the
project's read errors (`ReadError`, `NotAnArticle` for a listing page),
never another exception (hypothesis), whatever kind of file it looks like."""
from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings, strategies as st

import gzip

from callsheet.reading import ExtractedLine, Inputs, NotAnArticle, ReadError, Record, article_from_html, \
    read_article, to_article
from callsheet.schema import Article

ENCODINGS = ("utf-8", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "cp1251", "shift_jis", "gb18030")
BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, b"")


@st.composite
def encoded_text(draw) -> bytes:
    """Text in some encoding, sometimes behind a byte-order mark that may not fit it, sometimes cut short."""
    text = draw(st.text(max_size=300))
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    data = draw(st.sampled_from(BOMS)) + data
    return data[:draw(st.integers(0, len(data)))] if draw(st.booleans()) else data


ANY_BYTES = st.one_of(st.binary(max_size=600), encoded_text(),
                      st.builds(lambda a, b: a + b, encoded_text(), st.binary(max_size=40)))
# the first bytes by which a file's kind is told: WARC, JSON Lines, a feed, a web page, gzip
HEADS = (b"WARC/1.0\r\n", b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\n", b'{"text": "',
         b'{"format": "callsheet/1", "doc": {"id": 1}}\n{', b"<?xml version='1.0'?><rss><channel><item>",
         b'<feed xmlns="http://www.w3.org/2005/Atom"><entry>', b"<!doctype html><html><body><p>", b"")
NAMES = ("a.txt", "a.html", "a.jsonl", "a.warc", "a.xml", "a.gz", "a")


def _read(tmp_dir, data: bytes, published: str | None = None):
    path = tmp_dir / "article.txt"
    path.write_bytes(data)
    try:
        return read_article(str(path), published=published)
    except ReadError as exc:
        assert exc.path == str(path) and str(exc).startswith(str(path))
        return exc


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=ANY_BYTES)
def test_any_bytes_read_as_an_article_or_a_read_error(tmp_path, data):
    got = _read(tmp_path, data)
    if isinstance(got, Article):
        assert got.text and 0 <= got.body_start <= len(got.text)
        assert got.id == "article" and got.path.endswith("article.txt")


@settings(max_examples=60, deadline=None)
@given(page=st.one_of(st.text(max_size=400),
                      st.builds(lambda head, body: f"<html><head><title>{head}</title></head><body><article>"
                                                   f"<p>{body}</p></article></body></html>",
                                st.text(max_size=60), st.text(max_size=400))))
def test_any_web_page_reads_as_an_article_or_a_read_error(page):
    try:
        article = article_from_html(page, "page", url="https://news.example/a")
    except ReadError as exc:
        assert str(exc).startswith("https://news.example/a: ")
    else:
        assert isinstance(article, Article) and any(ch.isalpha() for ch in article.text)


@st.composite
def any_file(draw) -> tuple[str, bytes]:
    """A name and bytes that start like some kind of input, then anything; sometimes gzipped."""
    data = draw(st.sampled_from(HEADS)) + draw(ANY_BYTES)
    if draw(st.booleans()) and draw(st.booleans()):
        data = gzip.compress(data)[:draw(st.integers(10, 400))]
    return draw(st.sampled_from(NAMES)), data


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=any_file())
def test_any_input_file_gives_articles_or_read_errors(tmp_path, file):
    name, data = file
    path = tmp_path / name
    path.write_bytes(data)
    for item in Inputs([str(path)]):
        assert isinstance(item, (Record, ReadError, ExtractedLine)), item
        if isinstance(item, Record):
            try:
                assert isinstance(to_article(item), Article)
            except (ReadError, NotAnArticle) as exc:
                assert str(path) in str(exc) or "listing" in str(exc)
