"""BG/NBD likelihood, fitter and predictions against hand formulas, quadrature and simulation."""

import math

import numpy as np
import pytest
from scipy.optimize import check_grad

from core.analysis.customer_value import (
    BgNbdParams,
    FitError,
    bgnbd_log_likelihood,
    conditional_expected_purchases,
    expected_purchases,
    fit_bgnbd,
    probability_alive,
    simulate_bgnbd,
)
from core.analysis.customer_value.bgnbd import _Customers, _log_likelihood
from tests.core.analysis.helpers import expected_purchases_by_integral, standard_errors

PARAMS = BgNbdParams(r=0.5, alpha=3.0, a=0.8, b=2.5)
TRUE = BgNbdParams(r=0.243, alpha=4.414, a=0.793, b=2.426)


def beta(p: float, q: float) -> float:
    return math.gamma(p) * math.gamma(q) / math.gamma(p + q)


def test_log_likelihood_of_a_repeat_buyer_by_hand():
    r, alpha, a, b = 0.5, 3.0, 0.8, 2.5
    x, t_x, age = 2, 30.0, 38.0
    front = math.gamma(r + x) * alpha**r / math.gamma(r)
    still_alive = beta(a, b + x) / beta(a, b) * (alpha + age) ** -(r + x)
    dropped_out = beta(a + 1, b + x - 1) / beta(a, b) * (alpha + t_x) ** -(r + x)
    by_hand = math.log(front * (still_alive + dropped_out))
    assert float(bgnbd_log_likelihood(PARAMS, x, t_x, age)) == pytest.approx(by_hand, rel=1e-12)


def test_log_likelihood_of_a_one_time_buyer_is_r_log_alpha_over_alpha_plus_t():
    assert float(bgnbd_log_likelihood(PARAMS, 0, 0.0, 38.0)) == pytest.approx(
        0.5 * math.log(3.0 / 41.0), rel=1e-12
    )


def test_log_likelihood_keeps_input_order_and_shape():
    x = np.array([[3, 0], [1, 0]])
    t_x = np.array([[5.0, 0.0], [2.0, 0.0]])
    age = np.array([[10.0, 7.0], [9.0, 4.0]])
    ll = bgnbd_log_likelihood(PARAMS, x, t_x, age)
    assert ll.shape == (2, 2)
    for i in range(2):
        for j in range(2):
            assert ll[i, j] == float(bgnbd_log_likelihood(PARAMS, x[i, j], t_x[i, j], age[i, j]))


def test_analytic_gradient_matches_finite_differences():
    rng = np.random.default_rng(7)
    age = rng.uniform(5, 40, 500)
    x, t_x = simulate_bgnbd(TRUE, age, rng)
    data = _Customers.of(x, t_x, age)

    def total(params: np.ndarray) -> float:
        once, repeat, _ = _log_likelihood(*params, data)
        return float(once.sum() + repeat.sum())

    def gradient(params: np.ndarray) -> np.ndarray:
        return _log_likelihood(*params, data)[2]

    for point in ([0.3, 4.0, 0.7, 2.0], [2.0, 0.5, 3.0, 0.4]):
        params = np.array(point)
        scale = np.linalg.norm(gradient(params))
        assert check_grad(total, gradient, params, epsilon=1e-7) < 1e-5 * scale


def test_probability_alive_by_hand():
    # 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) with x=2, t_x=30, T=38.
    odds = 0.8 / (2.5 + 1) * ((3.0 + 38.0) / (3.0 + 30.0)) ** 2.5
    assert float(probability_alive(PARAMS, 2, 30.0, 38.0)) == pytest.approx(1 / (1 + odds))
    assert float(probability_alive(PARAMS, 0, 0.0, 38.0)) == 1.0


@pytest.mark.parametrize(
    ("params", "rel"),
    [
        (TRUE, 1e-11),
        (BgNbdParams(r=0.5, alpha=1.0, a=0.3, b=0.4), 1e-11),  # a + b < 1
        (BgNbdParams(r=0.5, alpha=2.0, a=0.5, b=0.5), 1e-11),  # a + b = 1: ₂F₁ pole at x = 0
        (BgNbdParams(r=0.1, alpha=50.0, a=5.0, b=0.05), 1e-11),
        (BgNbdParams(r=5.0, alpha=0.5, a=0.2, b=0.1), 1e-11),
        # r − a an integer: scipy's ₂F₁ returns NaN/inf there for large x; r is nudged.
        (BgNbdParams(r=0.25, alpha=2.5, a=0.25, b=4.0), 1e-9),
        # a = 1 is a removable 0/0, interpolated within 1e-4 of 1 (documented error ≤ ~1e-7).
        (BgNbdParams(r=2.0, alpha=10.0, a=1.0, b=0.5), 1e-7),
        (BgNbdParams(r=3.0, alpha=2.0, a=1.00005, b=3.0), 1e-7),
    ],
)
@pytest.mark.parametrize(
    "history",  # (x, t_x, T, t)
    [
        (0, 0.0, 0.0, 10.0),
        (0, 0.0, 20.0, 5.0),
        (3, 10.0, 20.0, 40.0),
        (3, 10.0, 20.0, 1e-3),  # short horizon: the series branch
        (40, 19.0, 20.0, 100.0),
        (100, 0.0, 0.0, 60.0),
        (200, 150.0, 160.0, 500.0),
    ],
)
def test_conditional_expectation_matches_quadrature(params, rel, history):
    x, t_x, age, t = history
    closed_form = float(conditional_expected_purchases(params, t, x, t_x, age))
    assert closed_form == pytest.approx(
        expected_purchases_by_integral(params, t, x, t_x, age), rel=rel
    )


def test_tiny_horizon_expects_rate_times_time():
    # E[Y(t)] → P(alive) · E[λ | data] · t = P(alive) · (r+x)/(α+T) · t as t → 0.
    t = 1e-9
    alive = float(probability_alive(TRUE, 3, 10.0, 20.0))
    first_order = alive * (TRUE.r + 3) / (TRUE.alpha + 20.0) * t
    value = float(conditional_expected_purchases(TRUE, t, 3, 10.0, 20.0))
    assert value == pytest.approx(first_order, rel=1e-8)
    assert float(expected_purchases(TRUE, 0.0)) == 0.0


def test_unconditional_expectation_is_the_no_history_case():
    t = np.array([0.0, 1.0, 39.0, 78.0])
    by_integral = [expected_purchases_by_integral(TRUE, float(s), 0, 0.0, 0.0) for s in t]
    np.testing.assert_allclose(expected_purchases(TRUE, t), by_integral, rtol=1e-11, atol=1e-14)


def test_simulated_mean_frequency_matches_expected_purchases():
    rng = np.random.default_rng(11)
    age = np.full(200_000, 39.0)
    x, _ = simulate_bgnbd(TRUE, age, rng)
    standard_error = x.std() / math.sqrt(x.size)
    assert abs(x.mean() - float(expected_purchases(TRUE, 39.0))) < 4 * standard_error


def test_simulated_histories_are_consistent():
    rng = np.random.default_rng(3)
    age = rng.uniform(0, 50, 10_000)
    x, t_x = simulate_bgnbd(TRUE, age, rng)
    assert np.all(t_x <= age)
    assert np.all(t_x[x == 0] == 0)
    assert np.all(t_x[x > 0] > 0)
    assert 0 < np.mean(x > 0) < 1


def test_fit_recovers_simulated_parameters_within_four_standard_errors():
    rng = np.random.default_rng(2005)
    age = rng.uniform(26.0, 52.0, 100_000)
    x, t_x = simulate_bgnbd(TRUE, age, rng)
    fit = fit_bgnbd(x, t_x, age)
    estimate = np.array([fit.r, fit.alpha, fit.a, fit.b])

    def total(theta: np.ndarray) -> float:
        return float(bgnbd_log_likelihood(BgNbdParams(*np.exp(theta)), x, t_x, age).sum())

    se = standard_errors(total, estimate)  # of log-parameters ≈ relative errors
    truth = np.array([TRUE.r, TRUE.alpha, TRUE.a, TRUE.b])
    assert np.all(se < 0.05)  # 100k customers pin every parameter to within a few percent
    assert np.all(np.abs(np.log(estimate / truth)) < 4 * se)
    assert fit.n_customers == 100_000
    assert fit.log_likelihood == pytest.approx(total(np.log(estimate)), rel=1e-12)


def test_fit_is_equivariant_in_the_time_unit():
    rng = np.random.default_rng(5)
    age = rng.uniform(10.0, 40.0, 5_000)
    x, t_x = simulate_bgnbd(TRUE, age, rng)
    weeks = fit_bgnbd(x, t_x, age)
    days = fit_bgnbd(x, t_x * 7, age * 7)
    assert days.alpha == pytest.approx(7 * weeks.alpha, rel=1e-5)
    for name in ("r", "a", "b"):
        assert getattr(days, name) == pytest.approx(getattr(weeks, name), rel=1e-5)
    # The density of x purchase times picks up 1/7 per purchase when time is in days.
    assert days.log_likelihood == pytest.approx(
        weeks.log_likelihood - math.log(7) * x.sum(), rel=1e-9
    )


def test_predictions_accept_one_customer_as_scalars():
    assert np.shape(probability_alive(TRUE, 2, 30.43, 38.86)) == ()
    assert np.shape(conditional_expected_purchases(TRUE, 39.0, 2, 30.43, 38.86)) == ()
    assert np.shape(conditional_expected_purchases(TRUE, [13.0, 39.0], 2, 30.43, 38.86)) == (2,)


def test_fit_on_one_customer_raises_a_clear_error():
    with pytest.raises(FitError, match="identify the model"):
        fit_bgnbd([2], [30.0], [38.0])


def test_fit_without_repeat_purchases_raises():
    with pytest.raises(ValueError, match="no customer made a repeat purchase"):
        fit_bgnbd([0, 0, 0], [0.0, 0.0, 0.0], [10.0, 20.0, 30.0])


@pytest.mark.parametrize(
    ("frequency", "recency", "age", "message"),
    [
        ([-1, 2], [0.0, 3.0], [5.0, 5.0], "frequency has negative values"),
        ([1.5, 2], [1.0, 3.0], [5.0, 5.0], "whole numbers"),
        ([1, 2], [-1.0, 3.0], [5.0, 5.0], "recency has negative values"),
        ([1, 2], [1.0, 3.0], [5.0, -5.0], "age has negative values"),
        ([1, 2], [1.0, 6.0], [5.0, 5.0], "recency is larger than age"),
        ([0, 2], [1.0, 3.0], [5.0, 5.0], "recency must be 0"),
        ([1, 2], [1.0, np.nan], [5.0, 5.0], "recency has NaN"),
        ([], [], [], "frequency is empty"),
        ([1, 2, 3], [1.0, 3.0], [5.0, 5.0], "incompatible shapes"),
        (["a", 2], [1.0, 3.0], [5.0, 5.0], "frequency must be numeric"),
    ],
)
def test_bad_inputs_are_rejected(frequency, recency, age, message):
    for call in (
        lambda: fit_bgnbd(frequency, recency, age),
        lambda: probability_alive(TRUE, frequency, recency, age),
        lambda: bgnbd_log_likelihood(TRUE, frequency, recency, age),
        lambda: conditional_expected_purchases(TRUE, 1.0, frequency, recency, age),
    ):
        with pytest.raises(ValueError, match=message):
            call()


def test_negative_horizon_is_rejected():
    with pytest.raises(ValueError, match="t \\(the prediction horizon\\) must be ≥ 0"):
        conditional_expected_purchases(TRUE, -1.0, 2, 3.0, 5.0)
    with pytest.raises(ValueError, match="t \\(the prediction horizon\\)"):
        expected_purchases(TRUE, [1.0, -1.0])


@pytest.mark.parametrize("bad", [0.0, -1.0, math.nan, math.inf])
def test_parameters_must_be_positive_and_finite(bad):
    with pytest.raises(ValueError, match="parameter alpha must be finite and > 0"):
        BgNbdParams(r=1.0, alpha=bad, a=1.0, b=1.0)
