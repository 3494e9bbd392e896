"""The recogniser cache of `eval --cv --recogniser-cache`: a recogniser is
trained once per training data, config and split, reused after, and a
training that fails leaves nothing behind."""
from pathlib import Path
from types import SimpleNamespace

import pytest

from callsheet.extraction.training import train as training
from callsheet.extraction.training.train import TrainSettings, cached_recogniser, recogniser_key


def document(doc_id: str, text: str) -> SimpleNamespace:
    return SimpleNamespace(id=doc_id, article=SimpleNamespace(text=text), gold={"entities": []})


DOCS = [document("bbc_1", "Greta Vance will star in 'The Salt Road'."), document("tp_1", "Quill directs.")]


@pytest.fixture
def trainings(monkeypatch):
    """Replaces spaCy training with one that writes a stub pipeline folder
    and records the settings it was asked to train."""
    calls = []

    def fake_train_ner(settings, workdir, log):
        calls.append(settings)
        out = workdir / "ner" / "model-last"
        out.mkdir(parents=True)
        (out / "meta.json").write_text('{"fold": %d}' % settings.fold)
        return out

    monkeypatch.setattr(training, "train_ner", fake_train_ner)
    return calls


def test_a_recogniser_is_trained_once_and_then_reused(tmp_path, trainings):
    settings = TrainSettings(Path("corpus"), folds=5, fold=1)
    first = cached_recogniser(settings, DOCS, tmp_path, lambda m: None)
    messages = []
    second = cached_recogniser(settings, DOCS, tmp_path, messages.append)
    assert first == second and (first / "meta.json").read_text() == '{"fold": 1}'
    assert len(trainings) == 1
    assert any("reusing" in m for m in messages)
    assert [p.name for p in tmp_path.iterdir()] == [first.parent.name]


def test_other_data_split_or_seed_train_anew(tmp_path, trainings):
    base = TrainSettings(Path("corpus"), folds=5, fold=1)
    cached_recogniser(base, DOCS, tmp_path, lambda m: None)
    cached_recogniser(TrainSettings(Path("corpus"), folds=5, fold=2), DOCS, tmp_path, lambda m: None)
    cached_recogniser(TrainSettings(Path("corpus"), folds=5, fold=1, seed=3), DOCS, tmp_path, lambda m: None)
    cached_recogniser(base, DOCS[:1], tmp_path, lambda m: None)
    changed_gold = [document("bbc_1", DOCS[0].article.text), DOCS[1]]
    changed_gold[0].gold = {"entities": [{"id": "p1", "type": "PERSON", "name": "Greta Vance"}]}
    cached_recogniser(base, changed_gold, tmp_path, lambda m: None)
    assert len(trainings) == 5
    assert len(list(tmp_path.iterdir())) == 5


def test_the_key_follows_the_recogniser_config(tmp_path, monkeypatch):
    settings = TrainSettings(Path("corpus"), folds=5, fold=1)
    before = recogniser_key(settings, DOCS)
    config = tmp_path / "ner.cfg"
    config.write_bytes(training.NER_CONFIG.read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(training, "NER_CONFIG", config)
    assert recogniser_key(settings, DOCS) != before


def test_the_corpus_path_does_not_change_the_key():
    one = TrainSettings(Path("../shared/corpus"), folds=5, fold=1)
    other = TrainSettings(Path("/elsewhere/corpus"), folds=5, fold=1)
    assert recogniser_key(one, DOCS) == recogniser_key(other, DOCS)


def test_a_failed_training_leaves_nothing_cached(tmp_path, monkeypatch):
    def failing(settings, workdir, log):
        (workdir / "ner").mkdir()
        raise RuntimeError("out of memory")

    monkeypatch.setattr(training, "train_ner", failing)
    with pytest.raises(RuntimeError):
        cached_recogniser(TrainSettings(Path("corpus"), folds=5, fold=1), DOCS, tmp_path, lambda m: None)
    assert list(tmp_path.iterdir()) == []
