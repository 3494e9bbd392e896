"""The annotated corpus as training data: folds by article, gold mentions
found in the text, and the registered spaCy reader."""
import json

import pytest
import spacy

from callsheet.extraction.training.corpus import (
    CorpusError,
    GoldDocument,
    assign_folds,
    gold_corpus,
    gold_mentions,
    limited,
    load_corpus,
    select,
)
from corpus_paths import SHARED


def write_doc(root, split, doc_id, text, entities, facts=()):
    (root / split / "gold").mkdir(parents=True, exist_ok=True)
    (root / split / "text").mkdir(parents=True, exist_ok=True)
    (root / split / "text" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    gold = {"format": "callsheet/1", "doc": {"id": doc_id, "published": None},
            "entities": entities, "facts": list(facts)}
    (root / split / "gold" / f"{doc_id}.json").write_text(json.dumps(gold), encoding="utf-8")


def test_mentions_are_every_occurrence_of_names_aliases_and_characters():
    text = "Aoife O’Rourke will star in “Night Shift” as Maeve Doyle. O'Rourke joins Kestrel Films’ cast."
    gold = {"entities": [
        {"id": "p1", "type": "person", "name": "Aoife O’Rourke", "aliases": ["O’Rourke"]},
        {"id": "w1", "type": "work", "name": "Night Shift"},
        {"id": "c1", "type": "company", "name": "Kestrel Films"}],
        "facts": [{"subject": "p1", "predicate": "cast", "object": "w1",
                   "qualifiers": {"character": "Maeve Doyle"}}]}
    found = {(text[s:e], label) for s, e, label in gold_mentions(text, gold)}
    assert found == {("Aoife O’Rourke", "PERSON"), ("Night Shift", "WORK"), ("Maeve Doyle", "CHARACTER"),
                     ("O'Rourke", "PERSON"), ("Kestrel Films", "COMPANY")}


def test_overlapping_names_keep_the_longest():
    text = "Tom Baron Hale met Hale."
    gold = {"entities": [{"id": "p1", "type": "person", "name": "Tom Baron Hale", "aliases": ["Hale"]}]}
    assert [text[s:e] for s, e, _ in gold_mentions(text, gold)] == ["Tom Baron Hale", "Hale"]


def test_trade_vocabulary_forms_stand_for_canonical_award_names():
    text = "The Oscar winner spoke."
    gold = {"entities": [{"id": "a1", "type": "award", "name": "Academy Award"}]}
    assert [(text[s:e], label) for s, e, label in gold_mentions(text, gold)] == [("Oscar", "AWARD")]


def test_folds_are_by_article_stable_and_keep_both_groups(tmp_path):
    for n in range(6):
        write_doc(tmp_path, "train", f"bbc_{n}", "Some text.", [])
        write_doc(tmp_path, "train", f"tp_{n}", "Some text.", [])
    docs = load_corpus(tmp_path, ["train"])
    folds = assign_folds(docs, 3)
    assert folds == assign_folds(list(reversed(docs)), 3)
    for fold in range(3):
        held = select(docs, 3, fold, "heldout")
        rest = select(docs, 3, fold, "train")
        assert {d.group for d in held} == {"bbc", "trade"}
        assert not {d.id for d in held} & {d.id for d in rest}
        assert len(held) + len(rest) == len(docs)
    assert [d.id for d in limited(docs, 1)] == ["bbc_0", "tp_0"]


def test_a_broken_gold_file_is_named(tmp_path):
    (tmp_path / "train" / "gold").mkdir(parents=True)
    (tmp_path / "train" / "text").mkdir()
    (tmp_path / "train" / "gold" / "x.json").write_text("{not json")
    with pytest.raises(CorpusError, match="x.json"):
        load_corpus(tmp_path, ["train"])
    with pytest.raises(CorpusError, match="no such corpus folder"):
        load_corpus(tmp_path, ["dev"])


def test_registered_reader_gives_examples_with_gold_entities(tmp_path):
    write_doc(tmp_path, "train", "tp_1", "Greta Vance is in talks to star in 'The Salt Road'.",
              [{"id": "p1", "type": "person", "name": "Greta Vance"},
               {"id": "w1", "type": "work", "name": "The Salt Road"}])
    write_doc(tmp_path, "dev", "bbc_1", "Nothing here.", [])
    read = spacy.registry.readers.get("callsheet.GoldCorpus.v1")
    assert read is gold_corpus
    examples = list(read(str(tmp_path))(spacy.blank("en")))
    ents = {(e.text, e.label_) for ex in examples for e in ex.reference.ents}
    assert ents == {("Greta Vance", "PERSON"), ("The Salt Road", "WORK")}


def test_the_shared_corpus_loads_with_its_two_groups():
    docs = load_corpus(SHARED / "corpus")
    assert len(docs) >= 300
    assert {d.group for d in docs} == {"bbc", "trade"}
    assert all(isinstance(d, GoldDocument) and d.article.body for d in docs)
