"""Search means the same on SQLite (FTS5) and PostgreSQL (tsvector):
websearch syntax, accents folded, names by relevance, evidence newest first."""
import pytest
from db_backend import on_postgres
from kb_helpers import extraction

from callsheet.knowledge import KnowledgeBase
from callsheet.knowledge.cards import fts_query, search, web_terms


@pytest.fixture(scope="module")
def kb(databases):
    base = KnowledgeBase(databases.new("search"))
    stories = [
        ("a", "2026-01-01", "Harbor", "Pedro Almodóvar", "Pedro Almodóvar will direct Harbor, a thriller."),
        ("b", "2026-02-01", "The Midnight Harbor Story", "Ana Bell", "Ana Bell joins the remake of a harbor drama."),
        ("c", "2026-03-01", "Salt Road", "Tom Reyes", "Tom Reyes is in final talks for the thriller Salt Road."),
        ("d", "2026-04-01", "Night Train", "Mara Quint", "Mara Quint exits the sequel, not the final talks."),
    ]
    for doc, day, title, person, evidence in stories:
        base.ingest(extraction(doc, day, [("w1", "work", title, "film"), ("p1", "person", person)], [
            {"subject": "p1", "predicate": "cast", "object": "w1", "status": "attached", "evidence": evidence}]))
    yield base
    base.close()


def evidence(hits):
    return [h["evidence"].split()[0] + " " + h["evidence"].split()[1] for h in hits if h["match"] == "evidence"]


def names(hits):
    return [h["name"] for h in hits if h["match"] == "name"]


def test_accents_and_case_are_folded(kb):
    assert names(search(kb, "almodovar")) == ["Pedro Almodóvar"]
    assert names(search(kb, "ALMODÓVAR")) == ["Pedro Almodóvar"]


def test_every_word_must_appear_and_evidence_comes_newest_first(kb):
    assert evidence(search(kb, "final talks")) == ["Mara Quint", "Tom Reyes"]
    assert evidence(search(kb, "thriller")) == ["Tom Reyes", "Pedro Almodóvar"]


def test_quotes_or_and_minus_work_as_in_a_web_search(kb):
    assert evidence(search(kb, '"final talks" -sequel')) == ["Tom Reyes"]
    assert evidence(search(kb, '"talks for"')) == ["Tom Reyes"]
    assert evidence(search(kb, "remake or sequel")) == ["Mara Quint", "Ana Bell"]
    assert search(kb, "-thriller") == []  # nothing to look for


def test_names_come_first_the_closest_match_first(kb):
    hits = search(kb, "harbor")
    assert [h["match"] for h in hits] == ["name", "name", "evidence", "evidence"]
    assert names(hits) == ["Harbor", "The Midnight Harbor Story"]


@pytest.mark.parametrize("query", ['AND OR "( NEAR', '"', "(", "NOT", "-", "* ^ :", 'a"b', "or or or",
                                   "har\udcffbor", "\ud800"])  # a command line's non-UTF-8 byte; a JSON escape
def test_no_query_breaks_the_search(kb, query):
    assert isinstance(search(kb, query), list)


@pytest.mark.parametrize("query, terms, fts", [
    ("final talks", [(["final", "talks"], [])], '"final" "talks"'),
    ('"final talks" -sequel', [(["final talks"], ["sequel"])], '"final talks" NOT "sequel"'),
    ("remake OR sequel", [(["remake"], []), (["sequel"], [])], '"remake" OR "sequel"'),
    ("-thriller", [], None),
    ("sequel or -thriller", [(["sequel"], [])], '"sequel"'),
    ('say "hi', [(["say", "hi"], [])], '"say" "hi"'),
    ('a"b', [(['a"b'], [])], '"a""b"'),
])
def test_one_syntax_for_fts5_and_websearch_to_tsquery(query, terms, fts):
    assert web_terms(query) == terms and fts_query(query) == fts


def test_markup_and_punctuation_are_words_apart_as_fts5_reads_them(kb):
    kb.ingest(extraction("e", "2026-05-01", [("w1", "work", "Heist <script>x.y = 1</script> Night", "film")], []))
    hits = search(kb, "Heist <script>x.y = 1</script> Night")
    assert names(hits) == ["Heist <script>x.y = 1</script> Night"]
    assert names(search(kb, "x y script")) == ["Heist <script>x.y = 1</script> Night"]


@pytest.mark.skipif(not on_postgres(), reason="PostgreSQL's way of finding the newest evidence")
def test_evidence_comes_newest_first_whether_its_words_are_rare_or_common(kb, monkeypatch):
    from callsheet.knowledge import cards
    rare = evidence(search(kb, "final talks"))
    monkeypatch.setattr(cards, "EVIDENCE_PROBE", 1)  # as if every word were common
    assert evidence(search(kb, "final talks")) == rare == ["Mara Quint", "Tom Reyes"]
    assert evidence(search(kb, "thriller")) == ["Tom Reyes", "Pedro Almodóvar"]
