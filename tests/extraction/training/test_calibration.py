"""Centred isotonic calibration (`train.centred_isotonic`): monotone like
isotonic regression, but no plateau that a retrain can tip across the
threshold as a whole."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.isotonic import IsotonicRegression

from callsheet.extraction.training.train import centred_isotonic


def wide_plateau():
    """Held-out scores where precision does not rise from 0.2 to 0.95 (a
    plateau just under 0.5), then a few sure positives above it."""
    rng = np.random.default_rng(7)
    scores = np.r_[rng.uniform(0.0, 0.2, 60), rng.uniform(0.2, 0.95, 200), [0.97, 0.98, 0.99]]
    outcomes = np.r_[np.zeros(60, int), (np.arange(200) % 25 < 12).astype(int), [1, 1, 1]]
    return scores, outcomes


def test_a_wide_plateau_becomes_a_slope_through_its_centre():
    scores, outcomes = wide_plateau()
    steps = IsotonicRegression(out_of_bounds="clip").fit(scores, outcomes)
    plateau = steps.predict([0.9])[0]
    assert steps.predict([0.6])[0] == plateau < 0.5  # plain isotonic: one flat step

    xs, ys = centred_isotonic(scores, outcomes)
    at = lambda raw: float(np.interp(raw, xs, ys))  # noqa: E731
    assert at(0.9) > at(0.75) > at(0.6)  # a stronger raw score is worth more inside the old plateau
    assert at(0.9) > plateau


def test_each_plateau_keeps_its_value_at_the_mean_score_it_pools():
    scores, outcomes = wide_plateau()
    fitted = IsotonicRegression(out_of_bounds="clip").fit(scores, outcomes).predict(scores)
    xs, ys = centred_isotonic(scores, outcomes)
    for value in np.unique(fitted):
        centre = scores[fitted == value].mean()
        assert np.interp(centre, xs, ys) == pytest.approx(value)


def test_the_map_is_flat_outside_the_scores_it_saw():
    xs, ys = centred_isotonic([0.3, 0.4, 0.6, 0.7], [0, 0, 1, 1])
    assert (xs[0], xs[-1]) == (0.3, 0.7)
    assert np.interp(0.1, xs, ys) == ys[0] == 0.0
    assert np.interp(0.9, xs, ys) == ys[-1] == 1.0


def test_a_plateau_where_nothing_or_everything_was_right_keeps_its_extent():
    rng = np.random.default_rng(3)
    scores = np.r_[np.linspace(0.0, 0.2, 50), rng.uniform(0.2, 0.8, 100), np.linspace(0.8, 1.0, 30)]
    outcomes = np.r_[np.zeros(50, int), (np.arange(100) % 2 == 0).astype(int), np.ones(30, int)]
    xs, ys = centred_isotonic(scores, outcomes)
    assert np.interp(0.19, xs, ys) == 0.0  # none of the 50 examples up to 0.2 was right
    assert np.interp(0.81, xs, ys) == 1.0  # all 30 from 0.8 were


def test_unequal_empty_or_malformed_inputs_are_refused():
    with pytest.raises(ValueError, match="as many outcomes as scores"):
        centred_isotonic([0.1, 0.2], [1])
    with pytest.raises(ValueError):
        centred_isotonic([], [])
    with pytest.raises(ValueError, match="finite scores"):
        centred_isotonic([0.1, float("nan")], [0, 1])
    with pytest.raises(ValueError, match="outcomes of 0 or 1"):
        centred_isotonic([0.1, 0.2], [0, 2])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 1)), min_size=1, max_size=60))
def test_breakpoints_always_make_a_monotone_map_within_the_data(pairs):
    scores = [s for s, _ in pairs]
    outcomes = [o for _, o in pairs]
    xs, ys = centred_isotonic(scores, outcomes)
    assert all(a < b for a, b in zip(xs, xs[1:]))
    assert all(a <= b for a, b in zip(ys, ys[1:]))
    assert min(scores) == xs[0] and xs[-1] == max(scores)
    assert all(0.0 <= y <= 1.0 for y in ys)
    assert min(outcomes) <= ys[0] and ys[-1] <= max(outcomes)
