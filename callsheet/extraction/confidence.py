"""A fact's confidence, recalibrated on how often facts like it turned out
right in cross-validation.

The relation models' probabilities are calibrated on candidate pairs of the
training articles, where the recogniser (trained on those same articles)
finds names almost perfectly and links are the gold ones; on a new article
the same probability is right less often. So `callsheet eval --cv K` keeps,
for every fact its held-out models extracted, a few features of the whole
fact (its predicate and raw probability, how crowded its sentence is, how
often its names recur; `fact_features`) and whether the referee counted it
right, and fits a logistic regression over them for credits and one for
the other facts (`fit_confidence`). With
`--save` that model goes into the shipped pipeline, and every fact's
`confidence` is then its probability of being right end to end. The
reliability table that `eval --cv` prints is cross-fitted: each fold's facts
are rescored by a model fitted on the other folds' facts only.
"""
from __future__ import annotations

import io
import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from callsheet.extraction.linear import Features, LinearModel
from callsheet.extraction.vocabulary import vocabulary
from callsheet.schema import CREDIT_PREDICATES, Extraction, Fact

RIGHT = "right"
# Inverse regularisation strength: on the 1,595 held-out facts of one 5-fold
# cross-validation of the model with occupation features (a run before the
# one in crossval.json), cross-fitted, the Brier score was lowest at 0.05
# (0.2203; 0.02: 0.2222, 0.1: 0.2214, 0.3: 0.2267), ROC AUC 0.699, facts
# put at >= 0.8 right 82% of the time (0.3: 77%).
CONFIDENCE_C = 0.05
# a raw probability this high is mostly a grammar rule's (DECIDED_CREDIT and the like) rather than the model's;
# whether its work is named in the evidence says how far the rule could go wrong on an unnamed one
DECIDED_P = 0.85
_QUOTES = "[\"\u201c\u2018']"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
# a name that runs on into a capitalised word or a number ("One of Us" of "One
# of Us Is Lying", "of The ...") or follows a capitalised word within its
# line ("Hires Composer Nakamura"): the recogniser may have cut it short
_RUNS_ON = re.compile(r"[ -]+(?:of |the )?[A-Z0-9]")
_AFTER_CAPITAL = re.compile(r"[A-Za-z][a-z]* [A-Z][\w’']* \Z")


class _Article:
    """What the features ask of an article's text, worked out once per name
    or sentence (a long article has thousands of facts)."""

    def __init__(self, extraction: Extraction):
        self.text = extraction.article.text
        self.entities = {e.id: e for e in extraction.entities}
        self._counts: dict[str, int] = {}
        self._quoted: dict[str, bool] = {}
        self._at: dict[str, int] = {}
        self._cut: dict[str, bool] = {}
        self._support: dict[tuple[str, str], int] = {}
        self.sentences = [part for part in _SENTENCE_END.split(self.text) if part.strip()]
        named_works = [e for e in extraction.entities if e.type == "work" and e.name]
        by_count = sorted(named_works, key=lambda e: -self.count(e.name))
        self.work_rank = {e.id: rank for rank, e in enumerate(by_count)}

    def count(self, name: str) -> int:
        if name not in self._counts:
            self._counts[name] = self.text.count(name)
        return self._counts[name]

    def quoted(self, name: str) -> bool:
        if name not in self._quoted:
            self._quoted[name] = re.search(_QUOTES + re.escape(name), self.text) is not None
        return self._quoted[name]

    def cut(self, name: str) -> bool:
        """Whether some occurrence of the name runs on into a capitalised
        word or a number, or follows a capitalised word within its line (a
        name maybe cut short, or one of a run of names)."""
        if name not in self._cut:
            self._cut[name] = any(
                _RUNS_ON.match(self.text, m.end()) or _AFTER_CAPITAL.search(self.text[max(0, m.start() - 30):m.start()])
                for m in re.finditer(re.escape(name), self.text))
        return self._cut[name]

    def support(self, subject: str, obj: str) -> int:
        """How many sentences (split at end punctuation and line breaks)
        name both: a fact the article states again and again is more
        often right than one a single sentence gives."""
        if (subject, obj) not in self._support:
            self._support[(subject, obj)] = sum(1 for s in self.sentences if subject in s and obj in s)
        return self._support[(subject, obj)]

    def at(self, evidence: str) -> int:
        """Fifth of the text where the evidence starts (-1: not found)."""
        if evidence not in self._at:
            start = self.text.find(evidence)
            self._at[evidence] = min(int(5 * start / max(len(self.text), 1)), 4) if start >= 0 else -1
        return self._at[evidence]


def fact_features(extraction: Extraction, fact: Fact, article: _Article | None = None) -> Features:
    """Features of one extracted fact as a whole (not of a candidate pair),
    from its raw `confidence` (the relation stage's probability), predicate,
    status, names and evidence: whether a name may be cut short (`cut.`),
    how prominent the object work is (`o.rank`: 0 for the work the article
    names most), and how many sentences name both the subject (its last
    word) and the object (`support`, 3 for three or more). On the held-out
    facts of one cross-validation (cross-fitted), `support` lowered the
    Brier score from 0.2173 to 0.2146 and put 111 facts at >= 0.8, 86.5%
    right, against 98 at 84.7%."""
    article = article or _Article(extraction)
    entities = article.entities
    p = min(max(fact.confidence, 1e-3), 1 - 1e-3)
    f: Features = {"bias": 1.0, "logit": math.log(p / (1 - p)) / 4, f"p={min(int(p * 10), 9)}": 1.0,
                   f"predicate={fact.predicate}": 1.0, f"status={fact.status}": 1.0}
    subject, obj = entities.get(fact.subject), entities.get(fact.object) if fact.object else None
    evidence = fact.evidence or ""
    f[f"s.type={subject.type if subject else None}"] = 1.0
    f[f"o.type={obj.type if obj else 'value'}"] = 1.0
    for side, entity in (("s", subject), ("o", obj)):
        if entity is not None and entity.name:
            f[f"cut.{side}={article.cut(entity.name)}"] = 1.0
    if obj is not None and obj.id in article.work_rank:
        f[f"o.rank={min(article.work_rank[obj.id], 3)}"] = 1.0
    if subject and subject.name:
        last = subject.name.split()[-1]
        if obj is not None and obj.name:
            f[f"support={min(article.support(last, obj.name), 3)}"] = 1.0
        f[f"s.words={min(len(subject.name.split()), 3)}"] = 1.0
        f[f"s.named={min(article.count(last), 5)}"] = 1.0
        f[f"s.in_evidence={last in evidence}&{fact.predicate}"] = 1.0
    if obj is not None:
        f[f"o.kind={obj.kind}"] = 1.0
        if obj.name:
            f[f"o.words={min(len(obj.name.split()), 4)}"] = 1.0
            f[f"o.named={min(article.count(obj.name), 5)}"] = 1.0
            f[f"o.quoted={article.quoted(obj.name)}"] = 1.0
            f[f"o.in_evidence={obj.name in evidence}&{fact.predicate}"] = 1.0
            f[f"o.in_evidence={obj.name in evidence}&decided={p >= DECIDED_P}"] = 1.0
        else:
            f["o.untitled"] = 1.0
    f[f"attributed={fact.attribution is not None}"] = 1.0
    if fact.predicate in CREDIT_PREDICATES:
        roles = _roles_named(evidence)
        f[f"evidence.names_role={fact.predicate in roles}"] = 1.0
        f[f"evidence.roles={min(len(roles), 3)}"] = 1.0
    f[f"article.entities={min(len(entities) // 10, 5)}"] = 1.0
    f[f"evidence.words={min(len(evidence.split()) // 10, 5)}"] = 1.0
    f[f"evidence.at={article.at(evidence)}"] = 1.0
    return f


def _roles_named(evidence: str) -> set[str]:
    """The credit predicates the evidence's words name, by the trade vocabulary
    (`roles.tsv`: "helmer" → director); a word's "co-" is stripped."""
    v = vocabulary()
    found = set()
    for word in re.findall(r"[a-z][a-z-]+", evidence.lower()):
        for form in (word, word[3:] if word.startswith("co-") else None,
                     word[:-1] if word.endswith("s") else None):
            role = form and (v.role_verbs.get(form) or v.role_nouns.get(form) or v.role_agents.get(form))
            if role:
                found.add(role)
    return found


def crowding_features(extraction: Extraction) -> list[Features]:
    """Per fact: how many facts share its sentence, its subject, its object
    (a list sentence, a much-credited name)."""
    by_evidence = Counter(f.evidence for f in extraction.facts)
    by_subject = Counter(f.subject for f in extraction.facts)
    by_object = Counter(f.object for f in extraction.facts if f.object)
    out = []
    for fact in extraction.facts:
        f = {f"evidence.facts={min(by_evidence[fact.evidence], 6)}": 1.0,
             f"s.facts={min(by_subject[fact.subject], 5)}": 1.0}
        if fact.object:
            f[f"o.facts={min(by_object[fact.object], 6)}"] = 1.0
        out.append(f)
    return out


def extraction_features(extraction: Extraction) -> list[Features]:
    """`fact_features` and `crowding_features` of every fact, in order."""
    article = _Article(extraction)
    return [dict(fact_features(extraction, fact, article), **crowd)
            for fact, crowd in zip(extraction.facts, crowding_features(extraction))]


# Facts calibrated apart: credits, and all other facts. On the held-out facts of
# two cross-validations (cross-fitted), one model for all had Brier 0.2171 and
# 0.2154 and put 99 and 123 facts at >= 0.8, 84.8% and 80.5% right; a model per
# group had 0.2149 and 0.2133, 74 facts 90.5% and 91 facts 89.0% right. A
# company fact the grammar states (raw 0.9, right about two times in three)
# no longer teaches the credit model what a raw 0.9 is worth.
CONFIDENCE_GROUPS = ("credit", "other")


# the least recalibrated confidence at which a fact of a group is reported: a
# fact adds to F1 only when it is right more often than about half the F1, and
# credits (F1 about 0.45 held out) rated under 0.3 are right about one time in
# five. Held out (eval --cv 5 over the cached recognisers, cross-fitted
# confidences, the code of the award-list credits), leaving them out moved
# credit F1 0.479 -> 0.492 on BBC articles and 0.445 -> 0.454 on trade
# articles, all F1 0.714 -> 0.719 and 0.641 -> 0.647 (0.2 and 0.35 gave about
# the same); the other facts gained nothing, so they have no floor.
MIN_CONFIDENCE = {"credit": 0.3}


def confidence_group(predicate: str) -> str:
    """The `CONFIDENCE_GROUPS` member whose model rates a fact of `predicate`."""
    return "credit" if predicate in CREDIT_PREDICATES else "other"


def _row_group(row: Features) -> str:
    predicate = next((name[len("predicate="):] for name in row if name.startswith("predicate=")), "")
    return confidence_group(predicate)


class FactConfidence:
    """One logistic regression per `CONFIDENCE_GROUPS` member over
    `extraction_features` rows, each giving the probability that a fact of
    its group is right. A group with no model (too few outcomes to fit)
    leaves its facts' confidences as they are."""

    def __init__(self, models: dict[str, LinearModel]):
        self.models = models

    def probabilities(self, rows: Sequence[Features]) -> list[float | None]:
        """Per row, its group model's probability that the fact is right, or None."""
        out: list[float | None] = [None] * len(rows)
        for group, model in self.models.items():
            mine = [n for n, row in enumerate(rows) if _row_group(row) == group]
            if mine:
                for n, p in zip(mine, model.predict_proba([rows[n] for n in mine])[:, 0]):
                    out[n] = float(p)
        return out

    def to_bytes(self) -> bytes:
        """One .npz holding each group's model (`LinearModel.to_bytes`) under its name."""
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **{group: np.frombuffer(model.to_bytes(), dtype=np.uint8)
                                       for group, model in sorted(self.models.items())})
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "FactConfidence":
        """Raises `ValueError` (or what `numpy.load` raises for a damaged
        file) when `data` is not what `to_bytes` wrote."""
        arrays = np.load(io.BytesIO(data), allow_pickle=False)
        unknown = set(arrays.files) - set(CONFIDENCE_GROUPS)
        if unknown or not arrays.files:
            raise ValueError(f"not a fact-confidence model (holds {sorted(arrays.files)})")
        return cls({group: LinearModel.from_bytes(arrays[group].tobytes()) for group in arrays.files})


def fit_confidence(rows: Sequence[Features], right: Sequence[bool], *, C: float = CONFIDENCE_C,
                   seed: int = 0) -> FactConfidence:
    """Per `CONFIDENCE_GROUPS` member, a logistic regression of "the fact is
    right" over the group's `extraction_features` rows. Raises `ValueError`
    when no group holds both right and wrong facts."""
    models = {}
    for group in CONFIDENCE_GROUPS:
        mine = [(row, r) for row, r in zip(rows, right) if _row_group(row) == group]
        if len({r for _, r in mine}) == 2:
            models[group] = LinearModel.fit_one_vs_rest([row for row, _ in mine], [{RIGHT: int(r)} for _, r in mine],
                                                        [RIGHT], C=C, min_count=2, seed=seed)
    if not models:
        raise ValueError("recalibration needs both right and wrong facts")
    return FactConfidence(models)


def too_unlikely(predicate: str, confidence: float) -> bool:
    """Whether a fact of `predicate` whose recalibrated confidence is
    `confidence` (0-1) is below its group's `MIN_CONFIDENCE`, and so is
    not reported."""
    return confidence < MIN_CONFIDENCE.get(confidence_group(predicate), 0.0)


def recalibrate(model: FactConfidence, extraction: Extraction) -> None:
    """Replaces every fact's confidence with `model`'s probability that it
    is right, and drops the facts that leaves `too_unlikely` (in place; a
    fact of a group with no model keeps its own confidence and stays)."""
    if not extraction.facts:
        return
    kept = []
    for fact, probability in zip(extraction.facts, model.probabilities(extraction_features(extraction))):
        if probability is not None:
            fact.confidence = probability
            if too_unlikely(fact.predicate, probability):
                continue
        kept.append(fact)
    extraction.facts = kept
