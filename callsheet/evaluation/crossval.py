"""K-fold cross-validation by article: callsheet's honest accuracy.

Every fold trains the whole pipeline (`callsheet train`) on the other
folds' articles and extracts its own, so each article is scored by a model
that never saw it. The predictions of all folds are pooled and scored with
the referee's rules, over all articles and apart for BBC and trade-press
articles, and the facts' confidences are checked against how often facts of
that confidence are right (a reliability table).
"""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from callsheet.evaluation.scorer import score
from callsheet.keys import FAMILIES, alt_name_map, doc_items, norm_text

RELIABILITY_BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


def cross_validate(corpus: Path, k: int, *, seed: int = 0, limit: int = 0,
                   ner_epochs: int | None = None, log: Callable[[str], None] = print) -> dict:
    """Scores pooled over `k` folds, with "by_group" (bbc, trade) and
    "reliability" added to the keys `eval --json` prints. Raises
    `CorpusError` for an unreadable corpus and `ValueError` for k < 2."""
    from callsheet.extraction import Extractor
    from callsheet.extraction.training.corpus import assign_folds, limited, load_corpus
    from callsheet.extraction.training.train import TrainSettings, config_digests, corpus_digest, train

    started = time.time()
    documents = limited(load_corpus(corpus), limit)
    folds = assign_folds(documents, k, seed)
    predictions: dict[str, dict] = {}
    for fold in range(k):
        held_out = [d for d in documents if folds[d.id] == fold]
        log(f"fold {fold + 1}/{k}: training without its {len(held_out)} articles")
        nlp = train(TrainSettings(Path(corpus), folds=k, fold=fold, seed=seed, limit=limit,
                                  ner_epochs=ner_epochs), log=log)
        extractor = Extractor(nlp=nlp)
        for extraction in extractor.extract_many(d.article for d in held_out):
            predictions[extraction.article.id] = extraction.to_dict()
    gold = {d.id: d.gold for d in documents}
    texts = {d.id: d.article.text for d in documents}
    result = score(gold, predictions, texts)
    result["by_group"] = {}
    for group in ("bbc", "trade"):
        ids = {d.id for d in documents if d.group == group}
        if ids:
            result["by_group"][group] = score({i: gold[i] for i in ids}, predictions, texts)
    result["reliability"] = reliability(gold, predictions, texts)
    result["folds"] = k
    result["seed"] = seed
    result["limit"] = limit
    result["ner_epochs"] = ner_epochs
    result["corpus_sha256"] = corpus_digest(documents)
    result["configs"] = config_digests()
    result["seconds"] = round(time.time() - started)
    return result


def reliability(gold: dict[str, dict], predictions: dict[str, dict], texts: dict[str, str]) -> list[dict]:
    """Confidence bins → how many predicted facts fall in each and the share
    whose key the gold has (a fact matching only an optional gold fact is
    left out; a fact whose evidence is not in the text is wrong)."""
    counts = [[0, 0] for _ in RELIABILITY_BINS[:-1]]
    for doc_id, pred in predictions.items():
        gold_items, _, _ = doc_items(gold[doc_id])
        alt = alt_name_map(gold[doc_id])
        text = norm_text(texts.get(doc_id, ""))
        for fact in pred.get("facts", []):
            single = dict(pred, facts=[fact])
            items, _, _ = doc_items(single, None, alt)
            keys = [(fam, k) for fam in FAMILIES if fam != "entity" for k in items.get(fam, {})]
            if not keys:
                continue
            # per key: None = not in the gold, True = an optional gold fact, False = a required one
            flags = [gold_items.get(fam, {}).get(k) for fam, k in keys]
            if True in flags and False not in flags:
                continue  # matches only an optional gold fact: neither right nor wrong
            right = norm_text(fact.get("evidence") or "") in text and None not in flags
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
