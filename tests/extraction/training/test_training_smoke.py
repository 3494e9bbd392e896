"""A smoke training on a few articles: `callsheet train` writes a pipeline
plain spaCy loads and callsheet extracts with, and `eval --cv` scores every
article with a model that never saw it. (The shipped model's figures come
from the full, documented runs; these only prove the machinery.)"""
import hashlib
import json
from pathlib import Path
import shutil
import subprocess
import sys

import pytest
import spacy

from callsheet.evaluation import score
from callsheet.extraction.training.corpus import limited, load_corpus
from corpus_paths import SHARED

CORPUS = SHARED / "corpus"
CLI = [str(Path(sys.executable).parent / "callsheet")]


@pytest.fixture(scope="module")
def smoke_model(tmp_path_factory):
    out = tmp_path_factory.mktemp("model") / "pipeline"
    run = subprocess.run(CLI + ["train", "--corpus", str(CORPUS), "--out", str(out), "--limit", "2",
                                "--ner-epochs", "1"], capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-2000:]
    return out


def test_train_writes_a_pipeline_plain_spacy_loads(smoke_model):
    nlp = spacy.load(smoke_model)
    assert nlp.pipe_names[-2:] == ["callsheet_coref", "callsheet_relations"]
    assert "callsheet_ner" in nlp.pipe_names
    assert nlp.vocab.vectors.shape[1] == 300  # the base vectors, loaded from the base package
    assert not (smoke_model / "vocab").exists()
    meta = json.loads((smoke_model / "meta.json").read_text())
    data = meta["callsheet"]["training_data"]
    assert data["articles"] == 4 and data["limit"] == 2 and len(data["sha256"]) == 64
    assert set(meta["callsheet"]["configs"]) == {"ner.cfg", "relations.cfg"}


def test_the_trained_pipeline_extracts_with_verbatim_evidence(smoke_model):
    text = "Casting news\n\nGreta Vance is in talks to star in 'The Salt Road' for Kestrel Films.\n"
    run = subprocess.run(CLI + ["extract", "--json", "--pipeline", str(smoke_model), "-"], input=text,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    doc = json.loads(run.stdout)
    assert doc["format"] == "callsheet/1"
    assert all(f["evidence"] in text for f in doc["facts"])


def test_training_the_same_data_twice_gives_the_same_models(smoke_model, tmp_path):
    again = tmp_path / "again"
    run = subprocess.run(CLI + ["train", "--corpus", str(CORPUS), "--out", str(again), "--limit", "2",
                                "--ner-epochs", "1"], capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-2000:]
    assert (again / "callsheet_relations/credit.npz").read_bytes() == \
        (smoke_model / "callsheet_relations/credit.npz").read_bytes()
    # The recogniser is not bit-reproducible from one process to the next
    # (a few rarely-updated rows of its output layer differ in the third
    # decimal), so what is compared is what it finds.
    text = (SHARED / "corpus" / "dev" / "text" / "seed_romy.txt").read_text(encoding="utf-8")
    first, second = (recognised(path, text) for path in (smoke_model, again))
    assert first == second and first


def recognised(path, text):
    """The (start, end, label) entities a trained pipeline's recogniser finds in `text`."""
    nlp = spacy.load(path)
    with nlp.select_pipes(enable=[name for name in nlp.pipe_names if name != "callsheet_relations"]):
        return [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]


def test_cross_validation_scores_each_article_out_of_sample(smoke_model, tmp_path):
    pipeline = tmp_path / "pipeline"
    shutil.copytree(smoke_model, pipeline)
    run = subprocess.run(CLI + ["eval", "--cv", "2", "--corpus", str(CORPUS), "--limit", "2",
                                "--ner-epochs", "1", "--json", "--save", "--pipeline", str(pipeline),
                                "--recogniser-cache", str(tmp_path / "cache"),
                                "--predictions", str(tmp_path / "heldout.jsonl"), "--workers", "2"],
                         capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout)
    assert json.loads((pipeline / "crossval.json").read_text()) == result
    # a recalibration is kept only when held-out facts were judged (a model
    # trained on two articles may extract none); it is then the one recorded
    stored = pipeline / "callsheet_relations" / "confidence.npz"
    assert stored.exists() == ("confidence_sha256" in result)
    if result["confidence_facts"] == 0:
        assert not stored.exists()
    if stored.exists():
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == result["confidence_sha256"]
    assert result["folds"] == 2 and result["docs"] == 4 and result["docs_predicted"] == 4
    assert set(result["by_group"]) == {"bbc", "trade"}
    for key in ("entity", "credit", "all", "status_accuracy", "bad_evidence"):
        assert key in result and key in result["by_group"]["bbc"]
    assert [row["confidence"] for row in result["reliability"]][-1] == "0.9-1.0"
    for table in (result["reliability"], result["reliability_raw"]):
        assert sum(row["facts"] for row in table) == result["confidence_facts"]
    assert run.stderr.count("training without its") == 2
    # the held-out extractions behind the figures score to them
    heldout = [json.loads(line) for line in (tmp_path / "heldout.jsonl").read_text().splitlines()]
    documents = {d.id: d for d in limited(load_corpus(CORPUS), 2)}
    assert sorted(p["doc"]["id"] for p in heldout) == sorted(documents)
    rescored = score({i: d.gold for i, d in documents.items()}, {p["doc"]["id"]: p for p in heldout},
                     {i: d.article.text for i, d in documents.items()})
    assert rescored["all"] == result["all"] and rescored["credit"] == result["credit"]
    # each fold's recogniser is kept for the next run of the same folds
    cached = sorted((tmp_path / "cache").iterdir())
    assert len(cached) == 2 and all((c / "model-last" / "meta.json").is_file() for c in cached)


def test_saving_cross_validation_needs_a_trained_pipeline(tmp_path):
    run = subprocess.run(CLI + ["eval", "--cv", "2", "--corpus", str(CORPUS), "--save", "--pipeline",
                                str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "no trained pipeline" in run.stderr and "training without" not in run.stderr


def test_a_missing_corpus_is_a_clear_error(tmp_path):
    run = subprocess.run(CLI + ["train", "--corpus", str(tmp_path / "nope"), "--out", str(tmp_path / "m")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "no such corpus folder" in run.stderr and "Traceback" not in run.stderr
