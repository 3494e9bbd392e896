"""`callsheet train`: rebuilds the shipped pipeline from the annotated corpus.

1. the entity recogniser, with `spacy train` and `configs/ner.cfg`;
2. the base pipeline (en_core_web_md) plus the trade tokenizer, the
   recogniser, the trade-name ruler and coreference, run over the training
   articles;
3. the relation and status models, with scikit-learn and
   `configs/relations.cfg`, on the candidate facts of those articles
   labelled by `labels.GoldLabels`;
4. everything saved as one spaCy pipeline folder (without the base
   vectors, which load from the installed base package), its `meta.json`
   naming the training data, configs and seeds.

Seeds are fixed, so the same corpus and configs give the same relation
models byte for byte, and a recogniser that finds the same entities (its
weights are not bit-reproducible from one process to the next).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Config

from callsheet import __version__
from callsheet.extraction.model import MODEL_NAME, save_pipeline
from callsheet.extraction.relations import (
    COMPONENT,
    FAMILIES,
    RelationModels,
    apply_links,
    complete_mentions,
    fact_candidates,
    link_candidates,
    prepare,
    status_rows,
)
from callsheet.extraction.linear import Features, LinearModel
from callsheet.extraction.training.corpus import GoldDocument, limited, load_corpus, select
from callsheet.extraction.training.labels import GoldLabels
from callsheet.language.pipeline import BASE_PIPELINE, add_trade_words, base_model_path
from callsheet.schema import STATUSES
from callsheet.tables import load_table

CONFIGS = Path(__file__).parent / "configs"
NER_CONFIG = CONFIGS / "ner.cfg"
RELATIONS_CONFIG = CONFIGS / "relations.cfg"

Log = Callable[[str], None]


@dataclass
class TrainSettings:
    """What to train on: the corpus folder, and for cross-validation the fold
    split (`folds` = 0 trains on every article). `limit` > 0 keeps only the
    first articles (smoke training); `ner_epochs` overrides the config."""
    corpus: Path
    folds: int = 0
    fold: int = -1
    seed: int = 0
    limit: int = 0
    ner_epochs: int | None = None


@dataclass
class RelationRows:
    """Training rows of the relation stage, per family and for status; `docs`
    gives each family row's article (for calibration folds by article)."""
    features: dict[str, list[Features]]
    targets: dict[str, list[dict[str, int | None]]]
    docs: dict[str, list[int]]
    status_features: list[Features]
    status_labels: list[str]


def training_documents(settings: TrainSettings) -> list[GoldDocument]:
    return select(limited(load_corpus(settings.corpus), settings.limit), settings.folds,
                  settings.fold, "train", settings.seed)


def train_ner(settings: TrainSettings, workdir: Path, log: Log) -> Path:
    """Trains the recogniser with `spacy train`; returns its pipeline folder."""
    from spacy.cli.train import train as spacy_train

    import callsheet.extraction.training.corpus  # noqa: F401  (registers the corpus reader)
    overrides = {"paths.corpus": str(settings.corpus), "paths.base": str(base_model_path()),
                 "paths.folds": settings.folds, "paths.fold": settings.fold,
                 "paths.limit": settings.limit, "system.seed": settings.seed}
    if settings.ner_epochs is not None:
        overrides["training.max_epochs"] = settings.ner_epochs
    if not settings.folds:
        # no held-out articles to evaluate on: score the last epoch only
        overrides["corpora.dev.limit"] = 3
        overrides["corpora.dev.part"] = "train"
    out = workdir / "ner"
    log(f"training the entity recogniser ({NER_CONFIG.name})")
    logging.getLogger("spacy").setLevel(logging.WARNING)
    # spaCy reports its epochs on stdout; callsheet's stdout carries results
    # (`eval --cv --json`), so the report goes to stderr with the other logs
    with contextlib.redirect_stdout(sys.stderr):
        spacy_train(NER_CONFIG, out, overrides=overrides)
    return out / "model-last"


def recogniser_key(settings: TrainSettings, documents: list[GoldDocument]) -> str:
    """SHA-256 naming what a trained recogniser depends on: its config, its
    training articles and gold, how their mentions are labelled (the corpus
    reader's code and the trade-name table it reads), the split, seed and
    epochs, and the spaCy and base pipeline versions. Two trainings with
    the same key train the same recogniser (up to spaCy's float noise)."""
    from callsheet.extraction.training import corpus as corpus_module
    digest = hashlib.sha256()
    digest.update(NER_CONFIG.read_bytes())
    digest.update(corpus_digest(documents).encode())
    digest.update(Path(corpus_module.__file__).read_bytes())
    digest.update("\n".join("\t".join(row) for row in load_table("callsheet.language", "names.tsv")).encode())
    digest.update(json.dumps([settings.folds, settings.fold, settings.seed, settings.limit, settings.ner_epochs,
                              spacy.__version__, str(base_model_path().name)]).encode())
    return digest.hexdigest()


def cached_recogniser(settings: TrainSettings, documents: list[GoldDocument], cache: Path, log: Log) -> Path:
    """The recogniser for `settings` from the folder `cache`, trained into it
    first when it holds none under its `recogniser_key`. Cross-validating a
    change of the rules again then retrains only the relation models, and
    compares both runs over the same recognisers (whose weights differ a
    little from one training to the next). A training that fails leaves
    nothing in the cache; returns the pipeline folder."""
    key = recogniser_key(settings, documents)
    final = cache / key[:32]
    if (final / "model-last" / "meta.json").is_file():
        log(f"reusing the entity recogniser cached in {final}")
        return final / "model-last"
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="training-", dir=cache) as tmp:
        trained = train_ner(settings, Path(tmp), log)
        final.mkdir(exist_ok=True)
        trained.rename(final / "model-last")
    return final / "model-last"


def assemble(ner_path: Path | Language, models: RelationModels | None = None) -> Language:
    """The base pipeline with callsheet's components; the recogniser comes
    from `ner_path` (a trained pipeline or its folder)."""
    import callsheet.extraction.relations  # noqa: F401  (registers the factories)
    import callsheet.language.base_entities  # noqa: F401
    import callsheet.language.coref  # noqa: F401
    import callsheet.language.entity_repairs  # noqa: F401
    import callsheet.language.line_breaks  # noqa: F401
    import callsheet.language.trade_names  # noqa: F401
    nlp = spacy.load(base_model_path())
    add_trade_words(nlp.tokenizer)
    nlp.add_pipe("callsheet_line_breaks", before="parser")
    source = ner_path if isinstance(ner_path, Language) else spacy.load(ner_path)
    nlp.add_pipe("callsheet_base_entities", after="ner")
    nlp.add_pipe("ner", name="callsheet_ner", source=source, after="callsheet_base_entities")
    nlp.add_pipe("callsheet_trade_names", after="callsheet_ner")
    nlp.add_pipe("callsheet_entity_repairs", after="callsheet_trade_names")
    nlp.add_pipe("callsheet_coref")
    relations = nlp.add_pipe(COMPONENT)
    if models is not None:
        relations.models = models
    return nlp


def annotate(nlp: Language, documents: Iterable[GoldDocument], batch_size: int = 16) -> list[Doc]:
    """Runs the pipeline up to (not including) the relation stage."""
    def docs():
        for document in documents:
            doc = nlp.make_doc(document.article.body)
            doc._.article = document.article
            yield doc
    with nlp.select_pipes(disable=[COMPONENT]):
        return list(nlp.pipe(docs(), batch_size=batch_size))


def relation_rows(docs: list[Doc], documents: list[GoldDocument]) -> RelationRows:
    """Candidate facts of the annotated articles with their gold labels.
    Links are decided by the gold labels (not a model) so that the later
    families learn on the untitled works the article really has."""
    rows = RelationRows({name: [] for name in FAMILIES}, {name: [] for name in FAMILIES},
                        {name: [] for name in FAMILIES}, [], [])
    for n, (doc, document) in enumerate(zip(docs, documents)):
        ctx = prepare(doc, document.article)
        gold = GoldLabels(document.gold, doc.text)
        links = link_candidates(ctx)
        accepted = []
        for cand in links:
            targets = gold.targets(ctx, cand)
            rows.features["untitled"].append(cand.features)
            rows.targets["untitled"].append(targets)
            rows.docs["untitled"].append(n)
            accepted += [(cand, p, 1.0) for p, v in targets.items() if v == 1]
        apply_links(ctx, accepted)
        complete_mentions(ctx)
        for name, cands in fact_candidates(ctx).items():
            for cand in cands:
                targets = gold.targets(ctx, cand)
                rows.features[name].append(cand.features)
                rows.targets[name].append(targets)
                rows.docs[name].append(n)
                if not cand.family.has_status:
                    continue
                for predicate, value in targets.items():
                    status = gold.status_of(ctx, cand, predicate) if value == 1 else None
                    if status in STATUSES:
                        rows.status_features.append(status_rows(ctx, [cand])[0])
                        rows.status_labels.append(status)
    return rows


def fit_relations(rows: RelationRows, config: Config) -> RelationModels:
    """One one-vs-rest model per family, calibrated on its own out-of-fold
    predictions, and the status model."""
    seed = config["training"]["seed"]
    min_count = config["training"]["min_count"]
    calibration_folds = config["training"]["calibration_folds"]
    families, thresholds = {}, {}
    for name, family in FAMILIES.items():
        settings = config["families"][name]
        thresholds[name] = settings["threshold"]

        def fit(keep: list[int]) -> LinearModel:
            method = LinearModel.fit_shared if settings.get("shared") else LinearModel.fit_one_vs_rest
            return method(
                [rows.features[name][i] for i in keep], [rows.targets[name][i] for i in keep],
                family.predicates, C=settings["C"], min_count=min_count, seed=seed,
                class_weight=settings.get("class_weight") or None, conjoin=settings.get("conjoin") or ())
        model = fit(list(range(len(rows.features[name]))))
        model.calibration = calibrate(rows, name, family.predicates, fit, calibration_folds)
        families[name] = model
    status = LinearModel.fit_multinomial(rows.status_features, rows.status_labels, STATUSES,
                                         C=config["status"]["C"], min_count=min_count, seed=seed)
    return RelationModels(families, status, thresholds)


def calibrate(rows: RelationRows, name: str, predicates: tuple[str, ...],
              fit: Callable[[list[int]], LinearModel], folds: int) -> dict:
    """Monotone maps from raw to calibrated probability, per predicate, fitted
    on predictions for articles each fold's model did not see
    (`centred_isotonic`; its breakpoints are what the model keeps)."""
    import numpy as np
    n = len(rows.features[name])
    if n == 0 or folds < 2:
        return {}
    articles = sorted(set(rows.docs[name]))
    fold_of = {doc: k % folds for k, doc in enumerate(articles)}
    raw = np.zeros((n, len(predicates)))
    for fold in range(folds):
        train_rows = [i for i in range(n) if fold_of[rows.docs[name][i]] != fold]
        test_rows = [i for i in range(n) if fold_of[rows.docs[name][i]] == fold]
        if not train_rows or not test_rows:
            continue
        model = fit(train_rows)
        raw[test_rows] = model.predict_proba([rows.features[name][i] for i in test_rows], calibrated=False)
    out = {}
    for j, predicate in enumerate(predicates):
        known = [i for i in range(n) if rows.targets[name][i].get(predicate) is not None]
        y = [rows.targets[name][i][predicate] for i in known]
        if sum(y) < 5:
            continue
        xs, ys = centred_isotonic(raw[known, j], y)
        if xs[-1] < 1.0:
            # Above every held-out score the map would stay flat, so that a
            # predicate with few examples (whose held-out scores stay low)
            # could never be taken; it rises to certainty at a raw 1.0 instead.
            xs.append(1.0)
            ys.append(1.0)
        out[predicate] = (xs, ys)
    return out


def centred_isotonic(scores: Sequence[float], outcomes: Sequence[int]) -> tuple[list[float], list[float]]:
    """Breakpoints (xs, ys) of a centred isotonic regression of `outcomes`
    (0/1) on `scores` (raw probabilities, finite), for `np.interp`: xs
    strictly increasing from the lowest to the highest score, ys
    non-decreasing within [0, 1].

    Plain isotonic regression (scikit-learn's, pool-adjacent-violators)
    is a step function: where the held-out data are thin, one plateau can
    span most of the score range (a whole predicate's raw 0.2 to 0.99 at
    0.48), so a retrain whose plateau lands a hair either side of the
    threshold takes or drops every fact of that predicate. Centred isotonic
    regression (Oron & Flournoy, "Centered Isotonic Regression: Point and
    Interval Estimation for Dose-Response Studies", Statistics in
    Biopharmaceutical Research 9(3), 2017) keeps each plateau's value but
    places it at the mean score of the examples pooled in it and
    interpolates between plateaus, so the map rises wherever the data allow
    and a stronger raw score is never worth less. As there, a plateau at 0
    or 1 keeps its whole extent (no example in it was right, or none
    wrong). Below the lowest and above the highest score seen the map stays
    flat. Raises `ValueError` on empty or unequal inputs, scores that are
    not finite, or outcomes other than 0 and 1."""
    import numpy as np
    from sklearn.isotonic import IsotonicRegression
    x = np.asarray(scores, dtype=float)
    y = np.asarray(outcomes, dtype=float)
    if len(x) == 0 or len(x) != len(y):
        raise ValueError(f"centred_isotonic needs as many outcomes as scores, got {len(x)} and {len(y)}")
    if not np.isfinite(x).all():
        raise ValueError("centred_isotonic needs finite scores, got NaN or infinity")
    if not np.isin(y, (0.0, 1.0)).all():
        raise ValueError(f"centred_isotonic needs outcomes of 0 or 1, got {sorted(set(y.tolist()) - {0.0, 1.0})}")
    fitted = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(x, y).predict(x)
    low, top = float(x.min()), float(x.max())
    xs, ys = [low], [float(fitted[x.argmin()])]
    for value in np.unique(fitted):
        pooled = x[fitted == value]
        if value <= 0.0 or value >= 1.0:
            points = [float(pooled.min()), float(pooled.max())]
        else:
            points = [min(max(float(pooled.mean()), low), top)]  # a mean's rounding stays in range
        for point in points:
            if point > xs[-1]:
                xs.append(point)
                ys.append(float(value))
            else:
                ys[-1] = max(ys[-1], float(value))
    if top > xs[-1]:
        xs.append(top)
        ys.append(ys[-1])
    return xs, ys


def train(settings: TrainSettings, out: Path | None = None, *, log: Log = print,
          workdir: Path | None = None, recogniser_cache: Path | None = None) -> Language:
    """Trains the whole pipeline; saves it to `out` when given. With
    `recogniser_cache`, the entity recogniser comes from that folder where
    it holds one trained on the same data and config (`cached_recogniser`)."""
    started = time.time()
    documents = training_documents(settings)
    log(f"{len(documents)} training articles from {settings.corpus}")
    with tempfile.TemporaryDirectory(prefix="callsheet-train-") as tmp:
        workdir = workdir or Path(tmp)
        if recogniser_cache is not None:
            ner_path = cached_recogniser(settings, documents, recogniser_cache, log)
        else:
            ner_path = train_ner(settings, workdir, log)
        nlp = assemble(ner_path)
    log("reading the training articles with the new recogniser")
    docs = annotate(nlp, documents)
    log("fitting the relation and status models")
    config = Config().from_disk(RELATIONS_CONFIG)
    rows = relation_rows(docs, documents)
    nlp.get_pipe(COMPONENT).models = fit_relations(rows, config)
    nlp.meta.update(model_meta(settings, documents, time.time() - started))
    if out is not None:
        save_pipeline(nlp, out)
        log(f"saved the pipeline to {out}")
    return nlp


def corpus_digest(documents: list[GoldDocument]) -> str:
    """SHA-256 over the articles' ids, texts and gold files: which data a
    model (or a cross-validation) was made from."""
    digest = hashlib.sha256()
    for document in documents:
        digest.update(document.id.encode())
        digest.update(document.article.text.encode("utf-8"))
        digest.update(json.dumps(document.gold, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


def config_digests() -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (NER_CONFIG, RELATIONS_CONFIG)}


def model_meta(settings: TrainSettings, documents: list[GoldDocument], seconds: float) -> dict:
    """The pipeline's name and version, and where its training came from."""
    counts: dict[str, int] = {}
    for document in documents:
        counts[f"{document.split}/{document.group}"] = counts.get(f"{document.split}/{document.group}", 0) + 1
    return {
        "name": MODEL_NAME, "lang": "en", "version": __version__,
        "description": "callsheet: trade-press entities, credits, links, companies, places and dates",
        "callsheet": {
            "base_pipeline": BASE_PIPELINE,
            "training_data": {"corpus": "shared/corpus (dev + train), annotated by GUIDELINES.md",
                              "articles": len(documents), "by_split_and_group": counts,
                              "sha256": corpus_digest(documents),
                              "folds": settings.folds, "held_out_fold": settings.fold,
                              "limit": settings.limit},
            "configs": config_digests(),
            "seed": settings.seed,
            "training_seconds": round(seconds),
        },
    }

