"""Long texts in bounded pieces: where they are cut, how the pieces'
extractions merge, and the real extractor on a text longer than spaCy takes."""
from __future__ import annotations

import pytest

from callsheet.extraction.pieces import cut_points, extract_in_pieces, merge, pieces_of
from callsheet.reading import parse_article
from callsheet.schema import Article, Entity, Extraction, Fact


def test_pieces_cover_the_text_within_the_limit_and_end_at_paragraphs():
    paragraphs = [f"Paragraph {n} says something about film {n}." for n in range(40)]
    text = "\n\n".join(paragraphs)
    spans = cut_points(text, 200)
    assert all(b - a <= 200 for a, b in spans)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(text[a:b].endswith("\n\n") for a, b in spans[:-1])


def test_a_text_with_no_break_is_cut_at_sentences_then_words_then_anywhere():
    sentences = "One film. " * 50
    assert all(sentences[a:b].endswith(". ") for a, b in cut_points(sentences, 64)[:-1])
    words = "word " * 50
    assert all(words[a:b].endswith(" ") for a, b in cut_points(words, 64)[:-1])
    run = "x" * 150
    assert [b - a for a, b in cut_points(run, 64)] == [64, 64, 22]
    with pytest.raises(ValueError):
        cut_points(run, 1)


def test_white_space_between_pieces_makes_no_piece():
    text = "First paragraph." + " " * 300 + "\n\nSecond paragraph."
    assert [text[a:b].strip() for a, b in cut_points(text, 100)] == ["First paragraph.", "Second paragraph."]


def test_an_article_that_fits_goes_whole_and_a_long_one_keeps_its_metadata():
    short = parse_article("Headline\n\nA short body.", "a1", published="2026-01-02")
    assert pieces_of(short, 100) == [short]
    long = Article(id="a2", text="date line\n" + "A sentence here. " * 30, published="2026-01-02",
                   title="T", source="S", path="/x/a2.txt", body_start=10)
    pieces = pieces_of(long, 100)
    assert len(pieces) > 1 and "".join(p.text for p in pieces) == long.body
    assert {(p.id, p.published, p.title, p.source, p.path, p.body_start) for p in pieces} == \
        {("a2", "2026-01-02", "T", "S", "/x/a2.txt", 0)}


def _part(text: str, entities: list[Entity], facts: list[Fact]) -> Extraction:
    return Extraction(Article(id="long", text=text), entities, facts)


def test_pieces_merge_by_type_and_name_with_surnames_links_and_facts_deduplicated():
    one = _part("Nadia Orlov will star in the Midnight Harbor sequel, Variety said.", [
        Entity("p1", "person", "Nadia Orlov"), Entity("w1", "work", "Midnight Harbor", "film", 2019),
        Entity("w2", "work", None, "film"), Entity("o1", "outlet", "Variety")], [
        Fact("p1", "cast", "Nadia Orlov will star in the Midnight Harbor sequel", object="w2", status="attached",
             confidence=0.6),
        Fact("w2", "sequel_of", "the Midnight Harbor sequel", object="w1")])
    two = _part("Orlov will play Mara in the 'Midnight Harbor' sequel, sources told Variety.", [
        Entity("p7", "person", "Orlov"), Entity("w3", "work", None, "film"),
        Entity("w4", "work", "MIDNIGHT HARBOR", "tv_series"), Entity("o2", "outlet", "Variety")], [
        Fact("p7", "cast", "Orlov will play Mara in the 'Midnight Harbor' sequel", object="w3",
             status="confirmed", character="Mara", attribution="o2", confidence=0.9),
        Fact("w3", "sequel_of", "the 'Midnight Harbor' sequel", object="w4")])
    article = Article(id="long", text=one.article.text + "\n\n" + two.article.text)
    merged = merge(article, [one, two])
    assert merged.article is article
    assert [(e.id, e.type, e.name) for e in merged.entities] == [
        ("p1", "person", "Nadia Orlov"), ("w1", "work", "Midnight Harbor"), ("w2", "work", None),
        ("o1", "outlet", "Variety")]
    assert merged.entity("p1").aliases == ["Orlov"]
    assert merged.entity("w1").aliases == ["MIDNIGHT HARBOR"]
    assert merged.entity("w1").kind == "tv_series" and merged.entity("w1").year == 2019
    cast = [f for f in merged.facts if f.predicate == "cast"]
    assert len(cast) == 1 and len(merged.facts) == 2
    first = cast[0]
    assert (first.subject, first.object, first.status) == ("p1", "w2", "attached")
    assert first.evidence == "Nadia Orlov will star in the Midnight Harbor sequel"
    assert (first.character, first.attribution, first.confidence) == ("Mara", "o1", 0.9)


def test_a_surname_that_two_full_names_share_stays_apart():
    one = _part("", [Entity("p1", "person", "Ana Ruiz"), Entity("p2", "person", "Ben Ruiz")], [])
    two = _part("", [Entity("p1", "person", "Ruiz")], [])
    merged = merge(Article(id="x", text=""), [one, two])
    assert [e.name for e in merged.entities] == ["Ana Ruiz", "Ben Ruiz", "Ruiz"]


def test_untitled_works_without_a_link_are_never_merged():
    one = _part("", [Entity("w1", "work", None, "film")], [])
    two = _part("", [Entity("w1", "work", None, "film")], [])
    assert len(merge(Article(id="x", text=""), [one, two]).entities) == 2


def test_extract_in_pieces_feeds_whole_short_articles_and_merges_long_ones_in_order():
    seen: list[tuple[str, int]] = []

    def run(articles, batch_size):
        for article in articles:
            seen.append((article.text, batch_size))
            words = article.text.split()
            yield Extraction(article, [Entity("p1", "person", words[0])], [
                Fact("p1", "cast", article.text.strip(), value="x")])

    short = parse_article("Ada\n\nAda stars.", "s1")
    long = Article(id="l1", text="\n\n".join(f"Person{n} stars in film {n}." for n in range(30)))
    out = list(extract_in_pieces(run, [short, long, short], batch_size=7, limit=100))
    assert [e.article for e in out] == [short, long, short]
    assert out[0].entities[0].name == "Ada" and out[2].entities[0].name == "Ada"
    assert all(len(text) <= 100 and size == 7 for text, size in seen)
    assert len(out[1].entities) == len(seen) - 2
    assert all(f.evidence in long.text for f in out[1].facts)


def test_the_extractor_splits_a_text_longer_than_spacy_takes(extractor):
    stories = ["Mira Tennant has signed on to star in 'The Copper Lantern' for Harbourline Pictures.",
               "Tennant will play a lighthouse keeper. Filming starts in Oslo in March 2027.",
               "Jonas Evander is in final talks to direct the thriller 'Salt and Cinder', sources told Variety.",
               "Evander previously directed the thriller 'Glass Orchard' (2021)."]
    text = "Casting roundup\n\n" + "\n\n".join(stories)
    nlp = extractor.nlp
    whole = extractor.extract(parse_article(text, "roundup", published="2026-01-05"))
    saved = nlp.max_length
    nlp.max_length = 120  # spaCy would refuse the whole text with E088
    try:
        pieced = extractor.extract(parse_article(text, "roundup", published="2026-01-05"))
    finally:
        nlp.max_length = saved
    assert pieced.article.text == text
    assert all(f.evidence in text for f in pieced.facts)
    names = {e.name for e in pieced.entities}
    assert {"Mira Tennant", "Jonas Evander", "The Copper Lantern", "Salt and Cinder"} <= names
    assert "Tennant" not in names  # the surname of a later piece is the person named in full before
    credits = {(pieced.entity(f.subject).name, f.predicate, pieced.entity(f.object).name)
               for f in pieced.facts if f.object and f.predicate in ("cast", "director")}
    assert ("Mira Tennant", "cast", "The Copper Lantern") in credits
    whole_credits = {(whole.entity(f.subject).name, f.predicate, whole.entity(f.object).name)
                     for f in whole.facts if f.object and f.predicate in ("cast", "director")}
    # every credit of the pieces is one the whole text gives (a piece's article-level
    # features, such as the project in focus, see the piece, so a borderline credit may go)
    assert credits <= whole_credits
    assert len({e.id for e in pieced.entities}) == len(pieced.entities)
    assert whole.article.text == text and whole.facts
