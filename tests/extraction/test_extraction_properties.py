"""Properties of the extractor on any text (hypothesis): it never raises,
and every fact's evidence is a verbatim span of its input. The examples
are few, since each runs the whole spaCy pipeline."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from callsheet.reading import parse_article

# words the rules react to, so that generated texts reach them, not just the tokenizer
TRADE = ("is set to star in", "will direct", "has exited", "in final talks to", "the sequel to", "remake of",
         "sources told Variety", "according to Deadline", "for Lantern Pictures", "Netflix", "they", "She",
         "filming starts in Lisbon in March", "executive produce", "showrunner", "who penned the original",
         "'", "\u2019s", "\u201c", "\u201d", "(2019)", ".", ",", "\n\n", " - ", "Oscar winner", "helmer")
NAMES = ("Ada Quist", "Quist", "Bram Holloway", "The Tin Comet", "'Salt Road'", "Kestrel Films", "HBO", "Mr. Vale")
# any character reading accepts: not NUL nor a lone surrogate, which it refuses (tests/reading/test_formats.py)
ARTICLE_CHARS = st.characters(codec="utf-8", exclude_characters="\x00")
PIECES = st.one_of(st.sampled_from(TRADE), st.sampled_from(NAMES), st.text(ARTICLE_CHARS, min_size=1, max_size=12))
TRADE_TEXT = st.lists(PIECES, min_size=1, max_size=60).map(" ".join)


def _check(extractor, text: str, published: str | None = None) -> None:
    article = parse_article(text, "prop", published=published)
    extraction = extractor.extract(article)
    ids = {e.id for e in extraction.entities}
    assert len(ids) == len(extraction.entities)
    for fact in extraction.facts:
        assert fact.evidence and fact.evidence in article.text, fact
        assert fact.subject in ids and (fact.object is None or fact.object in ids)


@settings(max_examples=40, deadline=None)
@given(text=st.text(ARTICLE_CHARS, min_size=1, max_size=400))
def test_any_text_extracts_without_error_and_with_verbatim_evidence(extractor, text):
    _check(extractor, text)


@settings(max_examples=40, deadline=None)
@given(text=TRADE_TEXT, published=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
def test_trade_like_text_extracts_without_error_and_with_verbatim_evidence(extractor, text, published):
    _check(extractor, "Casting news\n\n" + text, published)
