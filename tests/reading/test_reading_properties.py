"""Property: whatever bytes a file holds, reading it gives an `Article` or
the project's `ReadError`, never another exception (hypothesis)."""
from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings, strategies as st

from callsheet.reading import ReadError, article_from_html, read_article
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
