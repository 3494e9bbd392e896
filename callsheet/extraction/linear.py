"""Linear classifiers over sparse feature dicts, trained with scikit-learn
and stored as plain arrays.

Training uses scikit-learn's `LogisticRegression`; what is kept is only its
learned weights (a feature vocabulary, a weight matrix and biases) plus an
optional monotone calibration per label (breakpoints), so that the shipped model is a
readable `.npz` + `.json` pair that loads without pickles and without
depending on the scikit-learn version that trained it. Prediction is the
logistic (one-vs-rest) or softmax (multinomial) function of X·W + b.
"""
from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse

Features = dict[str, float]
EXPANSION_CACHE = 200_000  # feature names whose shared-model weights are kept (about 300 bytes each)


class LinearModel:
    """A trained linear classifier.

    labels: the output labels, in column order.
    vocabulary: feature name → row of `weights`.
    weights: (n_features, n_labels) float32; bias: (n_labels,).
    multinomial: softmax over labels (exactly one is true) when True, else
    one independent logistic probability per label.
    calibration: label → (x, y) breakpoints of a monotone map applied to the
    raw probability (centred isotonic regression fitted on held-out
    predictions, `training.train.centred_isotonic`).
    conjoin: feature names (before "=") whose values split the model: every
    row's features are also seen conjoined with them (`conjoined`), so that
    one model learns, say, how far a word counts when the work is named in
    the sentence and when it is only the project in focus.
    """

    def __init__(self, labels: Sequence[str], vocabulary: dict[str, int], weights: np.ndarray,
                 bias: np.ndarray, multinomial: bool,
                 calibration: dict[str, tuple[list[float], list[float]]] | None = None,
                 shared: bool = False, conjoin: Sequence[str] = ()):
        self.labels = list(labels)
        self.vocabulary = vocabulary
        self.weights = np.asarray(weights, dtype=np.float32)
        self.bias = np.asarray(bias, dtype=np.float32)
        self.multinomial = multinomial
        self.calibration = calibration or {}
        self.shared = shared
        self.conjoin = conjoin_keys(conjoin)

    # --- prediction -----------------------------------------------------------
    def vectorize(self, rows: Sequence[Features]) -> sparse.csr_matrix:
        """Rows of feature dicts → a CSR matrix over this model's vocabulary
        (features it never saw in training are dropped)."""
        return vectorize(rows, self.vocabulary)

    def raw_scores(self, rows: Sequence[Features]) -> np.ndarray:
        if not rows:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        rows = conjoined_rows(rows, self.conjoin)
        if self.shared:
            return self._shared_scores(rows)
        return np.asarray(self.vectorize(rows) @ self.weights) + self.bias

    def _shared_scores(self, rows: Sequence[Features]) -> np.ndarray:
        """Scores of a shared model without building each row's expansion
        per label (`expand`): a feature's own-label weights are worked out
        once per feature name and applied as one sparse product; only the
        shared "this"/"other" features, which one value sets however many
        features name them, are gathered per row."""
        columns: dict[str, int] = {}
        expansions: list[tuple[np.ndarray, list[tuple[int, int]]]] = []
        indptr, indices, data = [0], [], []
        shared_rows = []
        for row in rows:
            shared: dict[tuple[int, int], float] = {}
            for name, value in sorted(row.items()):  # sums in one order, whatever the row's
                col = columns.get(name)
                if col is None:
                    expansion = self._expansion(name)
                    if expansion is None:
                        col = columns[name] = -1
                    else:
                        col = columns[name] = len(expansions)
                        expansions.append(expansion)
                if col < 0:
                    continue  # a name the model never weighed
                indices.append(col)
                data.append(value)
                for key in expansions[col][1]:
                    shared[key] = max(shared.get(key, value), value)
            indptr.append(len(indices))
            shared_rows.append(shared)
        own = np.stack([own for own, _ in expansions]) if expansions else \
            np.zeros((0, len(self.labels)), dtype=np.float32)
        X = sparse.csr_matrix((np.array(data, dtype=np.float32), np.array(indices, dtype=np.int64),
                               np.array(indptr, dtype=np.int64)), shape=(len(rows), len(expansions)))
        scores = np.asarray(X @ own) + self._label_weights() + self.bias[0]
        column = self.weights[:, 0]
        for n, shared in enumerate(shared_rows):
            for (j, col), value in shared.items():
                scores[n, j] += column[col] * value
        return scores

    def _expansion(self, name: str) -> tuple[np.ndarray, list[tuple[int, int]]] | None:
        """For feature `name`: its (n_labels,) own-label weights, and the
        (label index, vocabulary row) of each shared feature it sets; None
        for a name the model has no weight for under any label, which most
        word features of new text are (they are not cached, so the cache
        holds only names the model knows)."""
        if name not in self._weighed_names() and not _NAMED.search(name):
            return None
        cache = self.__dict__.setdefault("_expansions", {})
        if name not in cache and len(cache) >= EXPANSION_CACHE:
            cache.clear()  # word features are an open vocabulary: a long-running server must not grow
        if name not in cache:
            column = self.weights[:, 0]
            own = np.zeros(len(self.labels), dtype=np.float32)
            shared = []
            named = [other for other in _NAMED.findall(name) if other in self.labels]
            for j, label in enumerate(self.labels):
                col = self.vocabulary.get(f"{label}|{name}")
                if col is not None and name != "label":
                    own[j] = column[col]
                if named:
                    keys = dict.fromkeys(f"{'this' if other == label else 'other'}|{name.replace(other, '*')}"
                                         for other in named)  # as `expand` makes them: set once each
                    shared.extend((j, col) for col in map(self.vocabulary.get, keys) if col is not None)
            cache[name] = (own, shared)
        return cache[name]

    def _weighed_names(self) -> set[str]:
        """The feature names under the labels of a shared model's vocabulary
        ("director|gap=2" → "gap=2")."""
        names = self.__dict__.get("_weighed")
        if names is None:
            names = self.__dict__["_weighed"] = {key.partition("|")[2] for key in self.vocabulary}
        return names

    def _label_weights(self) -> np.ndarray:
        column = self.weights[:, 0]
        return np.array([column[self.vocabulary[f"{label}|label"]] if f"{label}|label" in self.vocabulary
                         else 0.0 for label in self.labels], dtype=np.float32)

    def predict_proba(self, rows: Sequence[Features], calibrated: bool = True) -> np.ndarray:
        """(len(rows), len(labels)) probabilities."""
        scores = self.raw_scores(rows)
        if self.multinomial:
            scores = scores - scores.max(axis=1, keepdims=True) if len(scores) else scores
            exp = np.exp(scores)
            return exp / exp.sum(axis=1, keepdims=True)
        probs = 1.0 / (1.0 + np.exp(-scores))
        if calibrated:
            for j, label in enumerate(self.labels):
                if label in self.calibration:
                    xs, ys = self.calibration[label]
                    probs[:, j] = np.interp(probs[:, j], xs, ys)
        return probs

    def top_features(self, label: str, n: int = 20) -> list[tuple[str, float]]:
        """The features that speak most for `label`, for model cards and
        debugging. A shared model's are the label's own ("director|...") and
        the shared ones ("this|...", "other|...")."""
        j = self.labels.index(label)
        if self.shared:
            own = [(name, i) for name, i in self.vocabulary.items()
                   if name.startswith((f"{label}|", "this|", "other|"))]
            own.sort(key=lambda item: -self.weights[item[1], 0])
            return [(name, float(self.weights[i, 0])) for name, i in own[:n]]
        names = {i: name for name, i in self.vocabulary.items()}
        order = np.argsort(-self.weights[:, j])[:n]
        return [(names[i], float(self.weights[i, j])) for i in order]

    # --- storage --------------------------------------------------------------
    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        meta = {"labels": self.labels, "multinomial": self.multinomial, "shared": self.shared,
                "conjoin": list(self.conjoin),
                "vocabulary": sorted(self.vocabulary, key=self.vocabulary.get),
                "calibration": self.calibration}
        np.savez_compressed(buffer, weights=self.weights.astype(np.float16), bias=self.bias,
                            meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8))
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "LinearModel":
        arrays = np.load(io.BytesIO(data), allow_pickle=False)
        meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
        vocabulary = {name: i for i, name in enumerate(meta["vocabulary"])}
        calibration = {k: (list(v[0]), list(v[1])) for k, v in meta["calibration"].items()}
        return cls(meta["labels"], vocabulary, arrays["weights"].astype(np.float32), arrays["bias"],
                   meta["multinomial"], calibration, meta.get("shared", False), meta.get("conjoin", ()))

    # --- training -------------------------------------------------------------
    @classmethod
    def fit_one_vs_rest(cls, rows: Sequence[Features], targets: Sequence[dict[str, int | None]],
                        labels: Sequence[str], *, C: float = 1.0, min_count: int = 1,
                        class_weight: str | None = None, seed: int = 0,
                        conjoin: Sequence[str] = ()) -> "LinearModel":
        """One logistic regression per label. `targets[i][label]` is 1, 0, or
        None to leave row i out of that label's training (an ambiguous case).
        A label with no positive row gets a weight vector of zeros and a bias
        that never fires. `conjoin` as for the class."""
        from sklearn.linear_model import LogisticRegression
        conjoin = conjoin_keys(conjoin)
        rows = conjoined_rows(rows, conjoin)
        vocabulary = build_vocabulary(rows, min_count)
        X = vectorize(rows, vocabulary)
        weights = np.zeros((len(vocabulary), len(labels)), dtype=np.float32)
        bias = np.full(len(labels), -20.0, dtype=np.float32)
        for j, label in enumerate(labels):
            keep = [i for i, t in enumerate(targets) if t.get(label) is not None]
            y = np.array([targets[i][label] for i in keep])
            if not keep or y.sum() == 0 or y.sum() == len(y):
                continue
            clf = LogisticRegression(C=C, solver="liblinear", class_weight=class_weight,
                                     random_state=seed, max_iter=1000)
            clf.fit(X[keep], y)
            weights[:, j] = clf.coef_[0]
            bias[j] = clf.intercept_[0]
        return cls(labels, vocabulary, weights, bias, multinomial=False, conjoin=conjoin)

    @classmethod
    def fit_shared(cls, rows: Sequence[Features], targets: Sequence[dict[str, int | None]],
                   labels: Sequence[str], *, C: float = 1.0, min_count: int = 1,
                   class_weight: str | None = None, seed: int = 0,
                   conjoin: Sequence[str] = ()) -> "LinearModel":
        """One logistic regression over (row, label) pairs (see `expand`): each
        label keeps weights of its own, and evidence that a row's words name
        the label being scored ("helmer" when scoring director) is learned
        once for all labels, so a rare label (showrunner, composer) borrows
        what the frequent ones teach. Targets and `conjoin` as for
        `fit_one_vs_rest`."""
        from sklearn.linear_model import LogisticRegression
        conjoin = conjoin_keys(conjoin)
        rows = conjoined_rows(rows, conjoin)
        expanded, y = [], []
        for row, target in zip(rows, targets):
            for label in labels:
                if target.get(label) is not None:
                    expanded.append(expand(row, label, labels))
                    y.append(target[label])
        vocabulary = build_vocabulary(expanded, min_count)
        weights = np.zeros((len(vocabulary), 1), dtype=np.float32)
        bias = np.full(1, -20.0, dtype=np.float32)
        if expanded and 0 < sum(y) < len(y):
            clf = LogisticRegression(C=C, solver="liblinear", class_weight=class_weight,
                                     random_state=seed, max_iter=1000)
            clf.fit(vectorize(expanded, vocabulary), y)
            weights[:, 0] = clf.coef_[0]
            bias[0] = clf.intercept_[0]
        return cls(labels, vocabulary, weights, bias, multinomial=False, shared=True, conjoin=conjoin)

    @classmethod
    def fit_multinomial(cls, rows: Sequence[Features], y: Sequence[str], labels: Sequence[str], *,
                        C: float = 1.0, min_count: int = 1, class_weight: str | None = None,
                        seed: int = 0) -> "LinearModel":
        """A softmax regression over `labels`; labels absent from `y` never win."""
        from sklearn.linear_model import LogisticRegression
        vocabulary = build_vocabulary(rows, min_count)
        X = vectorize(rows, vocabulary)
        present = sorted(set(y), key=list(labels).index)
        weights = np.zeros((len(vocabulary), len(labels)), dtype=np.float32)
        bias = np.full(len(labels), -20.0, dtype=np.float32)
        if len(present) == 1:
            bias[list(labels).index(present[0])] = 0.0
        elif present:
            clf = LogisticRegression(C=C, class_weight=class_weight, random_state=seed, max_iter=2000)
            clf.fit(X, list(y))
            for row, label in enumerate(clf.classes_):
                j = list(labels).index(label)
                weights[:, j] = clf.coef_[row]
                bias[j] = clf.intercept_[row]
        return cls(labels, vocabulary, weights, bias, multinomial=True)


def expand(row: Features, label: str, labels: Sequence[str]) -> Features:
    """A row's features as seen when scoring `label`: every feature under the
    label's own name; and a feature that names the label itself (a role word
    "=director" when scoring director) also as the shared "names it" feature,
    one that names another label as the shared "names another". A shared
    feature is set, not summed: "role=writer" and "role=producer" when
    scoring director set "other|role=*" once, to the larger of their values
    (whatever order the row's features were added in)."""
    out: Features = {f"{label}|label": 1.0}
    for name, value in row.items():
        out[f"{label}|{name}"] = value
        named = _NAMED.findall(name)
        if not named:
            continue
        for other in named:
            if other in labels:
                kind = "this" if other == label else "other"
                shared = f"{kind}|{name.replace(other, '*')}"
                out[shared] = max(out.get(shared, value), value)
    return out


_NAMED = re.compile(r"(?<=[=:&])([a-z_]+)(?=$|[:&])")


def build_vocabulary(rows: Sequence[Features], min_count: int = 1) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= min_count)
    return {name: i for i, name in enumerate(names)}


def conjoined(row: Features, keys: Sequence[str]) -> Features:
    """`row` plus a copy of each of its features prefixed with the values of
    the `keys` features it holds: with keys ("o.how", "s.how"), a row
    holding "o.how=implicit" and "s.how=pronoun" also holds, for its feature
    "gap=2", "implicit/pronoun^gap=2" (a key the row lacks gives "-", one it
    holds twice the first of its values in sorting order). A
    linear model over these rows weighs each feature apart for every
    combination of the keys' values, and still shares what holds for all."""
    values = []
    for key in keys:
        prefix = key + "="
        values.append(min((name[len(prefix):] for name in row if name.startswith(prefix)), default="-"))
    tag = "/".join(values) + "^"
    out = dict(row)
    for name, value in row.items():
        out[tag + name] = value
    return out


def conjoin_keys(conjoin: Sequence[str]) -> tuple[str, ...]:
    """`conjoin` as a tuple of feature names; raises `TypeError` for a bare
    string, which would otherwise split into letters."""
    if isinstance(conjoin, str):
        raise TypeError(f"conjoin must be a list of feature names, not the string {conjoin!r}")
    return tuple(conjoin)


def conjoined_rows(rows: Sequence[Features], keys: tuple[str, ...]) -> Sequence[Features]:
    """`conjoined` over `rows`; the rows themselves when there are no keys."""
    return [conjoined(row, keys) for row in rows] if keys else rows


def vectorize(rows: Sequence[Features], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    """Rows of feature dicts → a CSR matrix with each row's columns in
    ascending order, whatever order its features were added in. Features
    are often added by iterating over a set of words, whose order changes
    with Python's string hashing from one process to the next; liblinear
    sums a row's features in stored order, so unsorted rows made training
    differ (in the last bits, and near a tie in a decision) between runs."""
    indptr, indices, data = [0], [], []
    for row in rows:
        for name, value in row.items():
            col = vocabulary.get(name)
            if col is not None:
                indices.append(col)
                data.append(value)
        indptr.append(len(indices))
    matrix = sparse.csr_matrix((np.array(data, dtype=np.float32), np.array(indices, dtype=np.int64),
                                np.array(indptr, dtype=np.int64)), shape=(len(rows), len(vocabulary)))
    matrix.sort_indices()
    return matrix
