"""The linear models: fitted with scikit-learn, kept as plain arrays."""
import numpy as np
import pytest

from callsheet.extraction.linear import LinearModel, conjoined, expand, vectorize


def toy_rows(n=60):
    rows, targets, classes = [], [], []
    for i in range(n):
        cue = ["direct", "star", "other"][i % 3]
        rows.append({f"w={cue}": 1.0, f"noise={i % 7}": 1.0})
        targets.append({"director": int(cue == "direct"), "cast": int(cue == "star") if i % 5 else None})
        classes.append({"direct": "attached", "star": "credited", "other": "rumored"}[cue])
    return rows, targets, classes


def test_one_vs_rest_learns_each_label_and_leaves_out_unknown_rows():
    rows, targets, _ = toy_rows()
    model = LinearModel.fit_one_vs_rest(rows, targets, ["director", "cast", "host"], C=10.0)
    probs = model.predict_proba([{"w=direct": 1.0}, {"w=star": 1.0}, {"w=unseen": 1.0}])
    assert probs[0, 0] > 0.8 and probs[0, 1] < 0.2
    assert probs[1, 1] > 0.8 and probs[1, 0] < 0.2
    assert probs[:, 2].max() < 1e-6  # no positive example: never fires
    assert model.top_features("director", 1)[0][0] == "w=direct"


def test_shared_model_scores_each_label_as_its_expanded_row_would():
    """The shared model scores rows without expanding them per label; that
    must equal scoring the expansion itself, where a shared feature that
    several of a row's features name is set once."""
    labels = ["director", "cast", "writer"]
    rows = [{"role=director": 1.0, "w=helm": 1.0}, {"role=cast": 1.0, "w=star": 1.0},
            {"role=writer": 1.0, "role=cast": 1.0}, {"w=other": 1.0}] * 10
    targets = [{"director": int("role=director" in r), "cast": int("role=cast" in r),
                "writer": int("role=writer" in r)} for r in rows]
    model = LinearModel.fit_shared(rows, targets, labels, C=10.0)
    probe = [{"role=director": 1.0, "role=writer": 0.5, "role=cast": 1.0, "w=unseen": 1.0},
             {"w=helm": 2.0}, {}]
    expected = np.stack([np.asarray(vectorize([expand(r, label, labels) for r in probe], model.vocabulary)
                                    @ model.weights[:, 0]).ravel() for label in labels], axis=1)
    assert np.allclose(model.raw_scores(probe), expected + model.bias[0], atol=1e-5)
    assert expand(probe[0], "director", labels)["other|role=*"] == 1.0  # "role=cast", the larger one
    probs = model.predict_proba(rows[:2])
    assert probs[0].argmax() == 0 and probs[1].argmax() == 1
    assert all(name.startswith(("cast|", "this|", "other|")) for name, _ in model.top_features("cast", 50))
    assert model.top_features("writer", 1)[0][0] in ("this|role=*", "writer|role=writer")


def reordered(row):
    """The same features, added in the opposite order (as a set of words
    iterated under another string hash seed would add them)."""
    return dict(reversed(list(row.items())))


def test_the_order_features_were_added_in_changes_nothing():
    labels = ["director", "cast", "writer"]
    rows = [{"role=writer": 0.5, "role=cast": 1.0, "o.how=name": 1.0, "w=star": 1.0, "gap=1": 0.3},
            {"role=director": 1.0, "o.how=implicit": 1.0, "o.how=anaphor": 1.0, "w=helm": 1.0},
            {"w=other": 1.0, "role=cast": 0.2, "role=director": 0.7}] * 8
    targets = [{"director": int("w=helm" in r), "cast": int("w=star" in r), "writer": 0} for r in rows]
    flipped = [reordered(r) for r in rows]
    vocabulary = {name: i for i, name in enumerate(sorted({n for r in rows for n in r}))}
    a, b = vectorize(rows, vocabulary), vectorize(flipped, vocabulary)
    assert a.has_sorted_indices and np.array_equal(a.indices, b.indices) and np.array_equal(a.data, b.data)
    assert expand(rows[0], "director", labels) == expand(flipped[0], "director", labels)
    assert conjoined(rows[1], ("o.how",)) == conjoined(flipped[1], ("o.how",))
    for fit in (LinearModel.fit_shared, LinearModel.fit_one_vs_rest):
        one = fit(rows, targets, labels, C=1.0, conjoin=["o.how"])
        other = fit(flipped, targets, labels, C=1.0, conjoin=["o.how"])
        assert one.to_bytes() == other.to_bytes()
        assert np.array_equal(one.raw_scores(rows), one.raw_scores(flipped))


def test_conjoined_rows_copy_each_feature_under_the_keys_values():
    row = {"o.how=implicit": 1.0, "gap=2": 0.5}
    out = conjoined(row, ("o.how", "s.how"))
    assert out["gap=2"] == 0.5 and out["implicit/-^gap=2"] == 0.5
    assert out["implicit/-^o.how=implicit"] == 1.0
    assert len(out) == 4 and row == {"o.how=implicit": 1.0, "gap=2": 0.5}  # the input is not changed


def test_a_conjoined_model_weighs_a_feature_apart_for_each_value_and_round_trips():
    """A word that speaks for the label when the work is named and against
    it when the work is only in focus (and the other way round for another
    word): no plain linear model separates that, one conjoined with "o.how"
    does."""
    labels = ["director", "cast"]
    rows, targets = [], []
    for i in range(80):
        named, helm = i % 2 == 0, i % 4 < 2
        rows.append({f"w={'helm' if helm else 'other'}": 1.0, f"o.how={'name' if named else 'implicit'}": 1.0,
                     f"noise={i % 5}": 1.0})
        targets.append({"director": int(named == helm), "cast": 0})
    probe = [{"w=helm": 1.0, "o.how=name": 1.0}, {"w=helm": 1.0, "o.how=implicit": 1.0},
             {"w=other": 1.0, "o.how=implicit": 1.0}]
    plain = LinearModel.fit_shared(rows, targets, labels, C=10.0).predict_proba(probe)
    model = LinearModel.fit_shared(rows, targets, labels, C=10.0, conjoin=("o.how",))
    probs = model.predict_proba(probe)
    assert probs[0, 0] > 0.8 and probs[1, 0] < 0.2 and probs[2, 0] > 0.8
    assert 0.3 < plain[0, 0] < 0.7 and 0.3 < plain[1, 0] < 0.7
    again = LinearModel.from_bytes(model.to_bytes())
    assert again.conjoin == ("o.how",)
    assert np.allclose(again.predict_proba(probe), probs, atol=1e-3)


def test_a_conjoined_shared_model_scores_each_label_as_its_expanded_conjoined_row_would():
    """The fast scoring path of a shared model must also set the shared
    "this"/"other" features that the conjoined copies of a role feature name."""
    labels, keys = ["director", "cast", "writer"], ("o.how",)
    rows = [{"role=director": 1.0, "o.how=name": 1.0}, {"role=cast": 1.0, "o.how=implicit": 1.0},
            {"role=writer": 1.0, "role=cast": 1.0, "o.how=name": 1.0}, {"w=other": 1.0}] * 10
    targets = [{"director": int("role=director" in r), "cast": int("role=cast" in r),
                "writer": int("role=writer" in r)} for r in rows]
    model = LinearModel.fit_shared(rows, targets, labels, C=10.0, conjoin=keys)
    assert "this|name^role=*" in model.vocabulary
    probe = [{"role=director": 1.0, "role=cast": 0.5, "o.how=name": 1.0}, {"role=writer": 1.0}, {}]
    expected = np.stack([np.asarray(vectorize([expand(conjoined(r, keys), label, labels) for r in probe],
                                              model.vocabulary) @ model.weights[:, 0]).ravel()
                         for label in labels], axis=1)
    assert np.allclose(model.raw_scores(probe), expected + model.bias[0], atol=1e-5)


def test_conjoin_keys_must_be_a_list_of_names():
    with pytest.raises(TypeError, match="conjoin"):
        LinearModel(["a"], {}, np.zeros((0, 1)), np.zeros(1), multinomial=False, conjoin="o.how")
    rows, targets, _ = toy_rows()
    with pytest.raises(TypeError, match="conjoin"):  # before any fitting, as a config would pass it
        LinearModel.fit_shared(rows, targets, ["director", "cast"], conjoin="o.how")


def test_multinomial_sums_to_one_and_round_trips_through_bytes():
    rows, _, classes = toy_rows()
    labels = ["rumored", "attached", "credited", "exited"]
    model = LinearModel.fit_multinomial(rows, classes, labels, C=10.0)
    probs = model.predict_proba(rows[:3])
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert [labels[i] for i in probs.argmax(axis=1)] == classes[:3]
    again = LinearModel.from_bytes(model.to_bytes())
    assert again.labels == labels and again.multinomial
    assert np.allclose(again.predict_proba(rows[:3]), probs, atol=1e-3)


def test_calibration_maps_raw_probabilities_monotonically():
    rows, targets, _ = toy_rows()
    model = LinearModel.fit_one_vs_rest(rows, targets, ["director"], C=10.0)
    raw = model.predict_proba([{"w=direct": 1.0}], calibrated=False)[0, 0]
    model.calibration = {"director": ([0.0, 0.5, 1.0], [0.0, 0.2, 0.6])}
    assert abs(model.predict_proba([{"w=direct": 1.0}])[0, 0] - np.interp(raw, [0, 0.5, 1], [0, 0.2, 0.6])) < 1e-6
    assert LinearModel.from_bytes(model.to_bytes()).calibration == model.calibration


def test_calibration_on_held_out_articles_rises_to_certainty_above_every_held_out_score():
    """A predicate whose held-out scores all stay low must still be reachable:
    the map does not stay flat above the highest score calibration saw."""
    from callsheet.extraction.training.train import RelationRows, calibrate

    rows, targets, _ = toy_rows(90)
    weak = [{"director": t["director"]} for t in targets]  # few, noisy positives
    data = RelationRows(features={"credit": rows}, targets={"credit": weak},
                        docs={"credit": [i // 3 for i in range(len(rows))]},
                        status_features=[], status_labels=[])

    def fit(keep):
        return LinearModel.fit_one_vs_rest([rows[i] for i in keep], [weak[i] for i in keep],
                                           ["director"], C=0.01)
    xs, ys = calibrate(data, "credit", ("director",), fit, folds=3)["director"]
    assert xs == sorted(xs) and ys == sorted(ys)
    assert xs[-1] == 1.0 and ys[-1] == 1.0
    assert xs[-2] < 1.0  # the held-out scores of a weak model stay below certainty
