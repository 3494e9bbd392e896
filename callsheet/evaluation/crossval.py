"""K-fold cross-validation by article: callsheet's honest accuracy.

Every fold trains the whole pipeline (`callsheet train`) on the other
folds' articles and extracts its own, so each article is scored by a model
that never saw it. The predictions of all folds are pooled and scored with
the referee's rules, over all articles and apart for BBC and trade-press
articles, and the facts' confidences are checked against how often facts of
that confidence are right (a reliability table). The held-out facts also
train the end-to-end fact-confidence model (`extraction/confidence.py`),
which `eval --cv K --save` puts into the shipped pipeline.
"""
from __future__ import annotations

import multiprocessing
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

from callsheet.evaluation.scorer import score
from callsheet.extraction.confidence import FactConfidence, extraction_features, fit_confidence, too_unlikely
from callsheet.keys import FAMILIES, alt_name_map, doc_items, norm_text

RELIABILITY_BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


class CrossValidation(NamedTuple):
    """What `cross_validate` gives: the figures (the keys `eval --json`
    prints, with "by_group", "reliability" and "reliability_raw" added) and
    the fact-confidence model fitted on every fold's held-out facts (None
    when they were all right or all wrong), and every article's held-out
    extraction (doc id → its FORMAT.md dict, confidences cross-fitted as
    for "reliability"), to read the errors behind the figures."""
    figures: dict
    confidence: FactConfidence | None
    predictions: dict[str, dict]


def cross_validate(corpus: Path, k: int, *, seed: int = 0, limit: int = 0,
                   ner_epochs: int | None = None, recogniser_cache: Path | None = None,
                   jobs: int = 1, log: Callable[[str], None] = print) -> CrossValidation:
    """Trains and extracts `k` times, each fold's articles held out; scores
    the pooled predictions as the shipped pipeline reports them: each
    confidence recalibrated by a model fitted on the other folds' facts,
    and the facts that leaves `too_unlikely` left out. "reliability" is
    measured on those reported facts (so no fact rates its own fold);
    "reliability_raw" on every fact with the relation models' own
    probabilities. With `recogniser_cache`, each fold's entity recogniser
    is trained once into that folder and reused while its data and config
    are unchanged (`train.cached_recogniser`). `jobs` > 1 runs that many
    folds at once in worker processes (each holds its own pipeline, about
    2 GB; their logs go to stderr). Raises `CorpusError` for an unreadable
    corpus and `ValueError` for k < 2."""
    from callsheet.extraction.training.corpus import assign_folds, limited, load_corpus
    from callsheet.extraction.training.train import config_digests, corpus_digest

    started = time.time()
    documents = limited(load_corpus(corpus), limit)
    folds = assign_folds(documents, k, seed)
    predictions: dict[str, dict] = {}
    features: dict[str, list] = {}
    runs = [_FoldRun(Path(corpus), k, fold, seed, limit, ner_epochs, recogniser_cache) for fold in range(k)]
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, k), mp_context=multiprocessing.get_context("spawn")) as pool:
            results = list(pool.map(_run_fold, runs))
    else:
        results = [_run_fold(run, log) for run in runs]
    for fold_predictions, fold_features in results:
        predictions.update(fold_predictions)
        features.update(fold_features)
    gold = {d.id: d.gold for d in documents}
    texts = {d.id: d.article.text for d in documents}
    outcomes = {i: fact_outcomes(gold[i], predictions[i], texts[i]) for i in predictions}
    recalibrated = cross_fitted(predictions, features, outcomes, folds, seed)
    reported = {i: dict(pred, facts=[f for f in pred["facts"] if not too_unlikely(f["predicate"], f["confidence"])])
                for i, pred in recalibrated.items()}
    result = score(gold, reported, texts)
    result["by_group"] = {}
    for group in ("bbc", "trade"):
        ids = {d.id for d in documents if d.group == group}
        if ids:
            result["by_group"][group] = score({i: gold[i] for i in ids}, reported, texts)
    result["reliability_raw"] = reliability(predictions, outcomes)
    result["reliability"] = reliability(reported, {i: fact_outcomes(gold[i], reported[i], texts[i])
                                                   for i in reported})
    confidence = _fit(list(predictions), features, outcomes, seed)
    result["confidence_facts"] = sum(1 for i in predictions for o in outcomes[i] if o is not None)
    result["folds"] = k
    result["seed"] = seed
    result["limit"] = limit
    result["ner_epochs"] = ner_epochs
    result["corpus_sha256"] = corpus_digest(documents)
    result["configs"] = config_digests()
    result["seconds"] = round(time.time() - started)
    return CrossValidation(result, confidence, reported)


class _FoldRun(NamedTuple):
    """One fold's training and extraction, as a worker process receives it."""
    corpus: Path
    k: int
    fold: int
    seed: int
    limit: int
    ner_epochs: int | None
    recogniser_cache: Path | None


def _log_to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _run_fold(run: _FoldRun, log: Callable[[str], None] = _log_to_stderr) -> tuple[dict[str, dict], dict[str, list]]:
    """Trains without fold `run.fold`'s articles and extracts them: their
    extractions (FORMAT.md dicts) and fact-confidence features by doc id."""
    from callsheet.extraction import Extractor
    from callsheet.extraction.training.corpus import limited, load_corpus, select
    from callsheet.extraction.training.train import TrainSettings, train

    settings = TrainSettings(run.corpus, folds=run.k, fold=run.fold, seed=run.seed, limit=run.limit,
                             ner_epochs=run.ner_epochs)
    held_out = select(limited(load_corpus(run.corpus), run.limit), run.k, run.fold, "heldout", run.seed)
    log(f"fold {run.fold + 1}/{run.k}: training without its {len(held_out)} articles")
    nlp = train(settings, log=log, recogniser_cache=run.recogniser_cache)
    predictions, features = {}, {}
    for extraction in Extractor(nlp=nlp).extract_many(d.article for d in held_out):
        predictions[extraction.article.id] = extraction.to_dict()
        features[extraction.article.id] = extraction_features(extraction)
    return predictions, features


def fact_outcomes(gold: dict, prediction: dict, text: str) -> list[bool | None]:
    """Per predicted fact, in order: whether the gold has its key (a fact
    whose evidence is not in the text is wrong), or None when it is not
    judged (it has no key, or matches only an optional gold fact)."""
    gold_items, _, _ = doc_items(gold)
    alt = alt_name_map(gold)
    text = norm_text(text or "")
    out: list[bool | None] = []
    for fact in prediction.get("facts", []):
        items, _, _ = doc_items(dict(prediction, facts=[fact]), None, alt)
        keys = [(fam, k) for fam in FAMILIES if fam != "entity" for k in items.get(fam, {})]
        # per key: None = not in the gold, True = an optional gold fact, False = a required one
        flags = [gold_items.get(fam, {}).get(k) for fam, k in keys]
        if not keys or (True in flags and False not in flags):
            out.append(None)
            continue
        out.append(norm_text(fact.get("evidence") or "") in text and None not in flags)
    return out


def cross_fitted(predictions: dict[str, dict], features: dict[str, list], outcomes: dict[str, list],
                 folds: dict[str, int], seed: int = 0) -> dict[str, dict]:
    """Copies of `predictions` whose confidences come from a fact-confidence
    model fitted on the other folds' facts (a fold with no such model keeps
    its raw confidences); every fact kept, in order, so that `outcomes`
    still line up."""
    out = {}
    for fold in sorted(set(folds[i] for i in predictions)):
        mine = [i for i in predictions if folds[i] == fold]
        model = _fit([i for i in predictions if folds[i] != fold], features, outcomes, seed)
        for i in mine:
            facts = [dict(f) for f in predictions[i].get("facts", [])]
            if model is not None and facts:
                for fact, p in zip(facts, model.probabilities(features[i])):
                    if p is not None:
                        fact["confidence"] = round(p, 2)
            out[i] = dict(predictions[i], facts=facts)
    return out


def _fit(ids: list[str], features: dict[str, list], outcomes: dict[str, list], seed: int) -> FactConfidence | None:
    rows = [(row, o) for i in ids for row, o in zip(features[i], outcomes[i]) if o is not None]
    try:
        return fit_confidence([r for r, _ in rows], [o for _, o in rows], seed=seed)
    except ValueError:
        return None


def reliability(predictions: dict[str, dict], outcomes: dict[str, list]) -> list[dict]:
    """Confidence bins → how many judged facts (`fact_outcomes`) fall in each
    and the share of them that is right."""
    counts = [[0, 0] for _ in RELIABILITY_BINS[:-1]]
    for doc_id, pred in predictions.items():
        for fact, right in zip(pred.get("facts", []), outcomes[doc_id]):
            if right is None:
                continue
            confidence = float(fact.get("confidence") or 0.0)
            for n, (lo, hi) in enumerate(zip(RELIABILITY_BINS, RELIABILITY_BINS[1:])):
                if lo <= confidence < hi:
                    counts[n][0] += 1
                    counts[n][1] += int(right)
    table = []
    for (lo, hi), (n, right) in zip(zip(RELIABILITY_BINS, RELIABILITY_BINS[1:]), counts):
        table.append({"confidence": f"{lo:.1f}-{min(hi, 1.0):.1f}", "facts": n,
                      "correct": round(right / n, 4) if n else None})
    return table


def precision_at(table: list[dict], at_least: float) -> float | None:
    """Share correct among facts with confidence ≥ `at_least` (a bin edge)."""
    n = right = 0
    for row in table:
        if float(row["confidence"].split("-")[0]) >= at_least and row["facts"]:
            n += row["facts"]
            right += round(row["correct"] * row["facts"])
    return round(right / n, 4) if n else None
