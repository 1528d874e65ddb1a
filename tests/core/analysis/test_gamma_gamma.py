"""Gamma-Gamma likelihood, fitter and expected spend against hand formulas and simulation."""

import math

import numpy as np
import pytest
from scipy import integrate
from scipy.optimize import check_grad

from core.analysis.customer_value import (
    FitError,
    GammaGammaParams,
    conditional_expected_average_spend,
    fit_gamma_gamma,
    gamma_gamma_log_likelihood,
    simulate_gamma_gamma,
)
from core.analysis.customer_value.gamma_gamma import _Repeaters, _total_log_likelihood
from tests.core.analysis.helpers import standard_errors

TRUE = GammaGammaParams(p=6.25, q=3.74, v=15.44)


def test_log_likelihood_by_hand():
    p, q, v, x, m = 6.0, 4.0, 15.0, 3, 20.0
    px = p * x
    by_hand = (
        math.lgamma(px + q)
        - math.lgamma(px)
        - math.lgamma(q)
        + q * math.log(v)
        + (px - 1) * math.log(m)
        + px * math.log(x)
        - (px + q) * math.log(v + x * m)
    )
    params = GammaGammaParams(p=p, q=q, v=v)
    assert float(gamma_gamma_log_likelihood(params, x, m)) == pytest.approx(by_hand, rel=1e-13)


@pytest.mark.parametrize("x", [1, 3, 12])
def test_density_of_mean_spend_integrates_to_one(x):
    params = GammaGammaParams(p=2.0, q=3.0, v=10.0)

    def density(m: float) -> float:
        return math.exp(float(gamma_gamma_log_likelihood(params, x, m)))

    total, _ = integrate.quad(density, 0.0, np.inf, epsabs=1e-12, epsrel=1e-10)
    assert total == pytest.approx(1.0, rel=1e-8)


def test_analytic_gradient_matches_finite_differences():
    rng = np.random.default_rng(1)
    x = rng.integers(1, 8, 300).astype(float)
    m = simulate_gamma_gamma(TRUE, x, rng)
    data = _Repeaters.of(x, m)

    def total(params: np.ndarray) -> float:
        return _total_log_likelihood(*params, data)[0]

    def gradient(params: np.ndarray) -> np.ndarray:
        return _total_log_likelihood(*params, data)[1]

    for point in ([6.0, 3.0, 15.0], [0.5, 1.5, 2.0]):
        per_customer = gamma_gamma_log_likelihood(GammaGammaParams(*point), x, m)
        assert total(np.array(point)) == pytest.approx(per_customer.sum(), rel=1e-12)
        params = np.array(point)
        scale = np.linalg.norm(gradient(params))
        assert check_grad(total, gradient, params, epsilon=1e-7) < 1e-5 * scale


def test_conditional_expected_spend_by_hand():
    params = GammaGammaParams(p=6.0, q=4.0, v=15.0)
    # x=2, m=20: (v + x·m)·p / (p·x + q − 1) = (15 + 40)·6 / (12 + 3) = 330 / 15 = 22.
    # x=0: the population mean p·v / (q − 1) = 90 / 3 = 30, whatever m says.
    spend = conditional_expected_average_spend(params, [2, 0, 0], [20.0, 0.0, 99.0])
    np.testing.assert_allclose(spend, [22.0, 30.0, 30.0], rtol=1e-14)
    assert params.mean_spend == pytest.approx(30.0)


def test_expected_spend_moves_from_population_mean_to_own_mean_with_more_purchases():
    spend = conditional_expected_average_spend(TRUE, [1, 10, 1000], [100.0, 100.0, 100.0])
    assert TRUE.mean_spend < spend[0] < spend[1] < spend[2] < 100.0
    assert spend[2] == pytest.approx(100.0, rel=2e-3)


def test_simulated_single_transactions_have_the_population_mean():
    rng = np.random.default_rng(4)
    m = simulate_gamma_gamma(TRUE, np.ones(400_000), rng)
    standard_error = m.std() / math.sqrt(m.size)
    assert abs(m.mean() - TRUE.mean_spend) < 4 * standard_error


def test_fit_recovers_simulated_parameters_within_four_standard_errors():
    rng = np.random.default_rng(2005)
    x = rng.integers(1, 21, 100_000).astype(float)
    m = simulate_gamma_gamma(TRUE, x, rng)
    fit = fit_gamma_gamma(x, m)
    estimate = np.array([fit.p, fit.q, fit.v])

    def total(theta: np.ndarray) -> float:
        return float(gamma_gamma_log_likelihood(GammaGammaParams(*np.exp(theta)), x, m).sum())

    se = standard_errors(total, estimate)  # of log-parameters ≈ relative errors
    truth = np.array([TRUE.p, TRUE.q, TRUE.v])
    assert np.all(se < 0.05)  # p and v trade off: 100k customers pin them to about 4 %
    assert np.all(np.abs(np.log(estimate / truth)) < 4 * se)
    assert fit.log_likelihood == pytest.approx(total(np.log(estimate)), rel=1e-12)


def test_fit_ignores_customers_without_repeat_purchases():
    rng = np.random.default_rng(8)
    x = rng.integers(0, 6, 3_000).astype(float)
    m = simulate_gamma_gamma(TRUE, x, rng)
    everyone = fit_gamma_gamma(x, m)
    repeaters = fit_gamma_gamma(x[x > 0], m[x > 0])
    assert everyone.n_customers == int(np.sum(x > 0)) < x.size
    assert everyone == repeaters


def test_fit_without_repeat_purchases_has_nothing_to_fit():
    with pytest.raises(ValueError, match="Gamma-Gamma has nothing to fit"):
        fit_gamma_gamma([0, 0], [0.0, 0.0])


def test_fit_on_one_customer_raises_a_clear_error():
    with pytest.raises(FitError, match="the data do not identify the model"):
        fit_gamma_gamma([2], [30.0])


@pytest.mark.parametrize(
    ("frequency", "monetary_value", "message"),
    [
        ([1, 2], [0.0, 10.0], "monetary_value must be > 0"),
        ([1, 2], [-5.0, 10.0], "monetary_value must be > 0"),
        ([-1, 2], [5.0, 10.0], "frequency has negative values"),
        ([1, 2], [5.0, np.inf], "monetary_value has NaN or infinite"),
        ([1, 2, 3], [5.0, 10.0], "incompatible shapes"),
    ],
)
def test_bad_inputs_are_rejected(frequency, monetary_value, message):
    with pytest.raises(ValueError, match=message):
        fit_gamma_gamma(frequency, monetary_value)
    with pytest.raises(ValueError, match=message):
        conditional_expected_average_spend(TRUE, frequency, monetary_value)


def test_likelihood_needs_a_repeat_purchase():
    with pytest.raises(ValueError, match="frequency ≥ 1"):
        gamma_gamma_log_likelihood(TRUE, [0, 2], [0.0, 10.0])


def test_expected_spend_of_a_new_customer_needs_q_above_one():
    heavy_tail = GammaGammaParams(p=2.0, q=0.8, v=10.0)
    assert heavy_tail.mean_spend == math.inf
    with pytest.raises(ValueError, match="q ≤ 1"):
        conditional_expected_average_spend(heavy_tail, 0, 0.0)
    assert float(conditional_expected_average_spend(heavy_tail, 1, 10.0)) == pytest.approx(
        (10.0 + 10.0) * 2.0 / (2.0 + 0.8 - 1.0)
    )
