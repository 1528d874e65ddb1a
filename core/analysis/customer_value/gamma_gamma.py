"""Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; lifetimes convention).

Model, for one customer with x ≥ 1 repeat purchases of mean value m (currency units):

* each transaction value z_j ~ Gamma(shape p, rate ν), independent of the purchase process;
* ν ~ Gamma(shape q, rate v) across customers (v is γ in the papers, in currency units);
* m = mean of the x repeat transaction values, so m | ν ~ Gamma(p·x, rate ν·x).

Likelihood of one customer's mean m (ν integrated out):

    f(m | p, q, v, x) = Γ(px+q) / (Γ(px) Γ(q)) · v^q · m^(px−1) · x^(px) / (v + x·m)^(px+q)

Only customers with x > 0 carry information; the fitter drops the others.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import digamma, gammaln

from core.analysis.customer_value.inputs import FloatArray, check_positive, spend_arrays
from core.analysis.customer_value.optimizer import maximise_log_likelihood


@dataclass(frozen=True)
class GammaGammaParams:
    """Gamma-Gamma parameters p (shape per transaction), q and v (shape, rate of ν).

    ``log_likelihood`` is the total log-likelihood of the fit (natural log, over
    ``n_customers`` customers with x > 0); both are NaN / 0 for parameters not fitted here.
    """

    p: float
    q: float
    v: float
    log_likelihood: float = math.nan
    n_customers: int = 0

    def __post_init__(self) -> None:
        check_positive(p=self.p, q=self.q, v=self.v)

    @property
    def mean_spend(self) -> float:
        """Population mean transaction value E[z] = p·v / (q−1) (infinite for q ≤ 1)."""
        return self.p * self.v / (self.q - 1.0) if self.q > 1.0 else math.inf


@dataclass(frozen=True)
class _Repeaters:
    """Customers with x > 0 (flattened), their total spend x·m and distinct frequencies."""

    x: FloatArray
    spend: FloatArray
    x_values: FloatArray
    x_counts: NDArray[np.intp]
    sum_log_m: float

    @classmethod
    def of(cls, x: FloatArray, m: FloatArray) -> _Repeaters:
        """From validated arrays with x > 0 everywhere."""
        x, m = x.ravel(), m.ravel()
        x_values, x_counts = np.unique(x, return_counts=True)
        return cls(x, x * m, x_values, x_counts, float(np.sum(np.log(m))))


def _log_likelihood(p: float, q: float, v: float, x: FloatArray, m: FloatArray) -> FloatArray:
    """Per-customer ℓ_i of the module formula (x > 0)."""
    px = p * x
    return (
        gammaln(px + q)
        - gammaln(px)
        - gammaln(q)
        + q * math.log(v)
        + (px - 1.0) * np.log(m)
        + px * np.log(x)
        - (px + q) * np.log(v + x * m)
    )


def _total_log_likelihood(
    p: float, q: float, v: float, data: _Repeaters
) -> tuple[float, FloatArray]:
    """Σ ℓ_i and ∂(Σ ℓ_i)/∂(p, q, v) for the fitter, free of large cancelling sums.

    Per customer, ℓ = log Γ(px+q) − log Γ(px) − log Γ(q) − log m
                      − px · log(1 + v/(x m)) − q · log(1 + x m/v),
    with the Γ terms summed once per distinct x.
    """
    xv, counts, x, spend = data.x_values, data.x_counts, data.x, data.spend
    n = x.size
    pxv = p * xv
    log_share_v = np.log1p(v / spend)
    log_share_spend = np.log1p(spend / v)
    total = (
        counts @ (gammaln(pxv + q) - gammaln(pxv))
        - n * float(gammaln(q))
        - data.sum_log_m
        - p * float(x @ log_share_v)
        - q * float(np.sum(log_share_spend))
    )
    psi_total = digamma(pxv + q)
    d_p = counts @ (xv * (psi_total - digamma(pxv))) - float(x @ log_share_v)
    d_q = counts @ psi_total - n * float(digamma(q)) - float(np.sum(log_share_spend))
    d_v = float(np.sum((q * spend - p * v * x) / (v * (v + spend))))
    return float(total), np.array([d_p, d_q, d_v])


def gamma_gamma_log_likelihood(
    params: GammaGammaParams, frequency: ArrayLike, monetary_value: ArrayLike
) -> FloatArray:
    """Per-customer log-likelihood (natural log) of mean spend m given x; see the module doc.

    Every customer must have x ≥ 1 and m > 0 (the model says nothing about x = 0).
    """
    x, m = spend_arrays(frequency, monetary_value)
    if np.any(x == 0):
        raise ValueError("the Gamma-Gamma likelihood needs frequency ≥ 1 for every customer")
    return _log_likelihood(params.p, params.q, params.v, x, m)


def fit_gamma_gamma(frequency: ArrayLike, monetary_value: ArrayLike) -> GammaGammaParams:
    """Maximum-likelihood p, q, v from the customers with x > 0 (others are ignored).

    ``monetary_value`` is each customer's mean repeat transaction value. The search runs
    BFGS on log(p, q, v) from p = q = 1, v = mean(m). Raises ``ValueError`` for invalid
    inputs or when no customer has x > 0, :class:`FitError` if the search fails.
    """
    x, m = spend_arrays(frequency, monetary_value)
    repeat = x > 0
    if not np.any(repeat):
        raise ValueError(
            "no customer has a repeat purchase (frequency > 0): Gamma-Gamma has nothing to fit"
        )
    data = _Repeaters.of(x[repeat], m[repeat])
    n = data.x.size

    def objective(theta: FloatArray) -> tuple[float, FloatArray]:
        params = np.exp(theta)
        total, grad = _total_log_likelihood(*params, data)
        return -total / n, -grad * params / n

    start = (1.0, 1.0, float(np.mean(data.spend / data.x)))
    (p, q, v), mean_ll = maximise_log_likelihood(objective, start, ("p", "q", "v"))
    return GammaGammaParams(float(p), float(q), float(v), mean_ll * n, n)


def conditional_expected_average_spend(
    params: GammaGammaParams, frequency: ArrayLike, monetary_value: ArrayLike
) -> FloatArray:
    """E[z | x, m]: expected value of a customer's future transactions, in m's currency.

        (v + x·m) · p / (p·x + q − 1)
          = (q−1)/(px+q−1) · p·v/(q−1) + px/(px+q−1) · m,

    a weighted mean of the population mean p·v/(q−1) and the customer's own m. Customers
    with x = 0 get the population mean (their m is ignored); it needs q > 1.
    """
    x, m = spend_arrays(frequency, monetary_value)
    denominator = params.p * x + params.q - 1.0
    if np.any(denominator <= 0):
        raise ValueError(
            "expected spend is infinite where p·x + q ≤ 1 (q ≤ 1 makes the population mean "
            "spend infinite)"
        )
    return (params.v + x * np.where(x > 0, m, 0.0)) * params.p / denominator
