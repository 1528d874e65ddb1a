"""Reference computations shared by the customer-value tests (independent of the fitters)."""

import math
from collections.abc import Callable

import numpy as np
from scipy import integrate, special

from core.analysis.customer_value import BgNbdParams, probability_alive


def expected_purchases_by_integral(
    params: BgNbdParams, t: float, x: int, t_x: float, age: float
) -> float:
    """E[Y(t) | x, t_x, T] by quadrature over the dropout probability p.

    Given alive at T, λ | data ~ Gamma(r+x, α+T) and p | data ~ Beta(a, b+x), and
    E[Y(t) | λ, p] = (1 − e^(−λpt)) / p; integrating λ out leaves
    ∫ (1 − ((α+T)/(α+T+pt))^(r+x)) / p · Beta(p; a, b+x) dp, times P(alive).
    """

    def integrand(p: float) -> float:
        if p == 0.0:  # the limit of (1 − survive) / p
            return (params.r + x) * t / (params.alpha + age)
        # 1 − ((α+T)/(α+T+pt))^(r+x) without cancellation for small p·t
        return -math.expm1(-(params.r + x) * math.log1p(p * t / (params.alpha + age))) / p

    # weight='alg' integrates f(p) · p^(a−1) (1−p)^(b+x−1) exactly at the end-point singularities.
    value, _ = integrate.quad(
        integrand,
        0.0,
        1.0,
        weight="alg",
        wvar=(params.a - 1.0, params.b + x - 1.0),
        epsabs=1e-14,
        epsrel=1e-12,
        limit=200,
    )
    return (
        float(probability_alive(params, x, t_x, age)) * value / special.beta(params.a, params.b + x)
    )


def standard_errors(total_log_likelihood: Callable[[np.ndarray], float], estimate: np.ndarray):
    """Standard errors of log-parameters from the observed information (finite differences)."""
    theta = np.log(estimate)
    k, h = theta.size, 1e-4
    hessian = np.empty((k, k))
    for i in range(k):
        for j in range(k):
            shift_i, shift_j = np.eye(k)[i] * h, np.eye(k)[j] * h
            hessian[i, j] = (
                total_log_likelihood(theta + shift_i + shift_j)
                - total_log_likelihood(theta + shift_i - shift_j)
                - total_log_likelihood(theta - shift_i + shift_j)
                + total_log_likelihood(theta - shift_i - shift_j)
            ) / (4 * h * h)
    return np.sqrt(np.diag(np.linalg.inv(-hessian)))
