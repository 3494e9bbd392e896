"""Syndicated copies are one story: counted once per fact, never merging two
different stories (measured on every article of ../shared/corpus)."""
from corpus_paths import SAMPLES, SHARED
from kb_helpers import sequel_credit

from callsheet.evaluation.copies import EDITS, measure
from callsheet.knowledge.cards import card, find, stats
from callsheet.reading import read_article

BODY = ("Nadia Orlov is in final talks to star in the Midnight Harbor sequel for Lantern Pictures, sources say. "
        "Ruth Adeyemi will direct from a script by Ivy Chen, and production starts in Vancouver this fall. "
        "Orlov recently appeared in the drama Glass Orchard, which premiered at a festival last spring.")
OTHER = ("HBO has ordered the drama series The Lighthouse Keepers from showrunner Pia Castell, who created it. "
         "Marco Lindqvist and Ada Brennan will star in the eight episodes, which shoot in Galway next year.")


def reported(doc, source, body, status="in_talks"):
    extraction = sequel_credit(doc, "2026-02-20", status, "Nadia Orlov is in final talks.")
    extraction.article.text = body
    extraction.article.source = source
    return extraction


def test_copies_of_a_story_count_once_per_fact_and_outlets_count_apart(kb):
    assert kb.ingest(reported("wire", "ReelWire", BODY)).copy_of is None
    copy = kb.ingest(reported("mirror", "Trade Daily", "Orlov in talks\n\n" + BODY + " Follow us for more."))
    assert copy.copy_of is not None
    assert kb.ingest(reported("mirror2", None, BODY.replace("this fall", "in the autumn"))).copy_of == copy.copy_of
    assert kb.ingest(reported("scoop", "ReelWire", OTHER)).copy_of is None
    fact = card(kb, find(kb, "person", "Nadia Orlov"))["facts"][0]
    assert fact["reports"] == {"articles": 4, "stories": 2, "outlets": 3}
    assert len({h["story"] for h in fact["history"]}) == 2
    data = stats(kb)
    assert data["documents"] == 4 and data["stories"] == 2


def test_a_replaced_article_is_filed_again_by_its_new_text(kb):
    kb.ingest(reported("wire", "ReelWire", BODY))
    kb.ingest(reported("mirror", "Trade Daily", BODY))
    assert stats(kb)["stories"] == 1
    changed = reported("mirror", "Trade Daily", OTHER)
    assert kb.ingest(changed).outcome == "replaced"
    assert stats(kb)["stories"] == 2


def test_no_two_corpus_articles_are_merged_and_edited_copies_are_recognised():
    paths = sorted(SHARED.glob("corpus/*/text/*.txt")) + sorted(SAMPLES.glob("*.txt"))
    assert len(paths) > 300
    report = measure([read_article(str(p)) for p in paths])
    assert report.false_merges == 0 and report.stories == len(paths)
    assert report.closest < 0.3  # far below the threshold of 0.5
    floors = {"republished": 1.0, "3% of words changed": 1.0, "trimmed": 0.9, "8% of words changed": 0.75}
    assert set(floors) == set(EDITS)
    for name, floor in floors.items():
        hits, made = report.recognised[name]
        assert hits >= floor * made, (name, hits, made, report.lowest[name])
