"""The shipped model against the annotated corpus.

callsheet's accuracy is what cross-validation by article measures (`callsheet
eval --cv 5 --save`, which keeps its figures beside the model): those
figures must meet the floors below, and must be figures of this corpus and
these training configs. The seed article, on which the project started, must
come out perfect; the rest of the dev corpus, which the shipped model trained
on, is an in-sample check that the pipeline is whole, not a measure of
accuracy.
"""
import hashlib
import json

import pytest

from callsheet.evaluation import load_gold, score
from callsheet.evaluation.crossval import precision_at
from callsheet.extraction.model import MODEL_DIR, model_meta
from callsheet.extraction.relations import COMPONENT, CONFIDENCE_FILE
from callsheet.extraction.training.train import config_digests
from callsheet.reading import read_article
from corpus_paths import DEV

# cross-validated figures, pinned from the last run (README, "The model"); raise, never lower
# (trade all 0.667, credit 0.524, status 0.799 in the run of record; 0.663, 0.515, 0.786, 0.656, 0.491, 0.774,
# 0.656, 0.485, 0.772 and
# 0.656, 0.483, 0.783 before; runs of one code spread about 0.01 in all F1 and 0.02 in credit and status)
CV_FLOORS = {"all": 0.65, "credit": 0.50, "status_accuracy": 0.78}  # the weaker group, trade press
# in-sample, a check that the pipeline is whole, set below the shipped model's figures
# (0.956, 0.918, 1.0, as before the untitled project; 0.960, 0.933, 0.978 and 0.966, 0.938, 0.978 before) by what a retrain
# moves them: a retrain that raised held-out status from 0.808 to 0.824 got two more of
# the dev corpus's 92 statuses wrong, and the one for the project in focus of the whole
# article (held-out credit 0.501 -> 0.518) two more of its 101 credits
IN_SAMPLE_FLOORS = {"all": 0.95, "credit": 0.91, "status_accuracy": 0.96}
# share right of held-out facts the recalibrated confidence puts at >= 0.8 (0.853 of 232
# in the last run, 0.857 of 231, 0.880 of 142, 0.855 of 124, 0.879 of 132, 0.884 of 121, 0.886 of 114, 0.874 of 87 and 0.874 of 111 before it, the latter the first with
# training independent of the hash seed; 0.88 of 105, 0.87 of 122, 0.89 of 90 and 0.87 of 67 before it; 0.86 of 86 and 0.91 of 97
# for the two models before; two runs of
# the code before the company cues 0.81 of 97 and 0.86 of 111; the relation probabilities
# alone: 0.64); the issue asks for 0.90
RELIABILITY_FLOOR = 0.85


@pytest.fixture(scope="module")
def dev_scores(extractor):
    gold = load_gold(DEV / "gold")
    texts = {d: (DEV / "text" / f"{d}.txt").read_text(encoding="utf-8") for d in gold}
    preds = {e.article.id: e.to_dict() for e in extractor.extract_many(
        read_article(str(DEV / "text" / f"{d}.txt")) for d in gold)}
    seed = {"seed_romy": gold["seed_romy"]}
    return score(gold, preds, texts), score(seed, preds, texts)


def test_seed_article_every_fact_right(dev_scores):
    _, seed = dev_scores
    assert seed["all"]["f1"] == 1.0
    assert seed["status_accuracy"] == 1.0


def test_in_sample_dev_figures(dev_scores):
    dev, _ = dev_scores
    assert dev["bad_evidence"] == 0
    assert dev["all"]["f1"] >= IN_SAMPLE_FLOORS["all"]
    assert dev["credit"]["f1"] >= IN_SAMPLE_FLOORS["credit"]
    assert dev["status_accuracy"] >= IN_SAMPLE_FLOORS["status_accuracy"]


def test_cross_validated_figures_are_this_models_and_meet_the_floors():
    record = json.loads((MODEL_DIR / "crossval.json").read_text(encoding="utf-8"))
    meta = model_meta()["callsheet"]
    assert record["corpus_sha256"] == meta["training_data"]["sha256"]
    assert record["configs"] == meta["configs"] == config_digests()
    assert record["limit"] == 0 and record["folds"] >= 5
    for scores in [record, *record["by_group"].values()]:
        assert scores["bad_evidence"] == 0
        assert scores["all"]["f1"] >= CV_FLOORS["all"]
        assert scores["credit"]["f1"] >= CV_FLOORS["credit"]
        assert scores["status_accuracy"] >= CV_FLOORS["status_accuracy"]


def test_the_shipped_confidence_is_the_one_that_cross_validation_fitted():
    """Confidence is recalibrated on the held-out facts of the cross-validation
    whose figures ship beside the model, and facts it rates >= 0.8 were right
    at least as often as the floor says (cross-fitted: no fold rated itself)."""
    record = json.loads((MODEL_DIR / "crossval.json").read_text(encoding="utf-8"))
    stored = (MODEL_DIR / COMPONENT / CONFIDENCE_FILE).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == record["confidence_sha256"]
    assert precision_at(record["reliability"], 0.8) >= RELIABILITY_FLOOR
    assert precision_at(record["reliability"], 0.8) > precision_at(record["reliability_raw"], 0.8)


def test_extra_corpus_runs_with_verbatim_evidence(extractor):
    from corpus_paths import EXTRA
    paths = sorted((EXTRA / "text").glob("*.txt"))
    assert paths
    for extraction in extractor.extract_many(read_article(str(p)) for p in paths):
        text = extraction.article.text
        for fact in extraction.facts:
            assert " ".join(fact.evidence.split()) in " ".join(text.split())
