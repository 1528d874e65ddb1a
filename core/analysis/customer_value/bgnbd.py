"""BG/NBD purchase model (Fader, Hardie & Lee 2005): parameters, likelihood and fit.

Model, for one customer, with time in one unit (days, weeks or months):

* while alive, purchases follow a Poisson process with rate λ; λ ~ Gamma(shape r, rate α);
* right after each repeat purchase the customer drops out with probability p,
  p ~ Beta(a, b); nobody drops out at the first purchase (so x = 0 has likelihood e^(−λT));
* observed: x repeat purchases, the last one at t_x, in an age of T since the first purchase.

Likelihood of one customer (FHL 2005, eq. 6), with δ = 1 if x > 0 else 0:

    L = Γ(r+x) α^r / Γ(r) · [ B(a, b+x) / B(a, b) · (α+T)^−(r+x)
                             + δ · B(a+1, b+x−1) / B(a, b) · (α+t_x)^−(r+x) ]

evaluated in logs with ``gammaln``/``betaln`` and the two-term sum by log-sum-exp.
Predictions from fitted parameters are in :mod:`bgnbd_predictions`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import betaln, digamma, expit, gammaln

from core.analysis.customer_value.inputs import FloatArray, check_positive, rfm_arrays
from core.analysis.customer_value.optimizer import maximise_log_likelihood


@dataclass(frozen=True)
class BgNbdParams:
    """BG/NBD parameters: λ ~ Gamma(r, α) (α in the data's time unit), p ~ Beta(a, b).

    ``log_likelihood`` is the total log-likelihood ℓ of the fit (natural log, over
    ``n_customers`` customers); both are NaN / 0 for parameters not fitted here.
    """

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float = math.nan
    n_customers: int = 0

    def __post_init__(self) -> None:
        check_positive(r=self.r, alpha=self.alpha, a=self.a, b=self.b)


@dataclass(frozen=True)
class _Customers:
    """Validated RFM arrays split into one-time buyers (x = 0) and repeaters (x > 0).

    One-time buyers need only T. For repeaters the distinct frequencies are kept, so the
    terms that depend on x alone are computed once per distinct x.
    """

    repeat: NDArray[np.bool_]
    age_once: FloatArray
    x: FloatArray
    recency: FloatArray
    age: FloatArray
    x_values: FloatArray
    x_index: NDArray[np.intp]

    @classmethod
    def of(cls, frequency: ArrayLike, recency: ArrayLike, age: ArrayLike) -> _Customers:
        """Validates the inputs (``ValueError``) and splits them, flattened."""
        x, t_x, big_t = (array.ravel() for array in rfm_arrays(frequency, recency, age))
        repeat = x > 0
        x_values, x_index = np.unique(x[repeat], return_inverse=True)
        return cls(repeat, big_t[~repeat], x[repeat], t_x[repeat], big_t[repeat], x_values, x_index)


def _log_likelihood(
    r: float, alpha: float, a: float, b: float, data: _Customers
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """ℓ_i of one-time buyers, ℓ_i of repeaters, and the gradient ∂(Σ ℓ_i)/∂(r, α, a, b).

    x = 0:  ℓ = r log α − r log(α+T)   (the beta terms cancel).
    x > 0:  with A = log B(a, b+x) − log B(a, b) − (r+x) log(α+T) and
            B = log B(a+1, b+x−1) − log B(a, b) − (r+x) log(α+t_x),
            ℓ = log Γ(r+x) − log Γ(r) + r log α + logsumexp(A, B);
            the gradient weights the A and B terms by 1 − w and w = σ(B − A).
    """
    log_alpha = math.log(alpha)
    log_age_once = np.log(alpha + data.age_once)
    n_once = data.age_once.size

    xv, idx, x = data.x_values, data.x_index, data.x
    n_repeat = x.size
    beta_ab = betaln(a, b)
    log_age = np.log(alpha + data.age)
    log_recency = np.log(alpha + data.recency)
    term_a = (betaln(a, b + xv) - beta_ab)[idx] - (r + x) * log_age
    term_b = (betaln(a + 1.0, b + xv - 1.0) - beta_ab)[idx] - (r + x) * log_recency
    gamma_ratio = (gammaln(r + xv) - gammaln(r))[idx]

    ll_once = r * (log_alpha - log_age_once)
    ll_repeat = gamma_ratio + r * log_alpha + np.logaddexp(term_a, term_b)

    w = expit(term_b - term_a)
    counts = np.bincount(idx, minlength=xv.size)
    w_by_x = np.bincount(idx, weights=w, minlength=xv.size)
    psi_ab, psi_abx = digamma(a + b), digamma(a + b + xv)
    d_term_a_db = digamma(b + xv) - psi_abx - digamma(b) + psi_ab
    d_term_b_db = digamma(b + xv - 1.0) - psi_abx - digamma(b) + psi_ab
    d_r = (
        (n_once + n_repeat) * log_alpha
        - np.sum(log_age_once)
        + counts @ (digamma(r + xv) - digamma(r))
        - np.sum(log_age + w * (log_recency - log_age))
    )
    d_alpha = (
        (n_once + n_repeat) * r / alpha
        - r * np.sum(1.0 / (alpha + data.age_once))
        - np.sum((r + x) * ((1.0 - w) / (alpha + data.age) + w / (alpha + data.recency)))
    )
    d_a = counts @ (psi_ab - psi_abx) + np.sum(w) / a
    d_b = (counts - w_by_x) @ d_term_a_db + w_by_x @ d_term_b_db
    return ll_once, ll_repeat, np.array([d_r, d_alpha, d_a, d_b])


def bgnbd_log_likelihood(
    params: BgNbdParams, frequency: ArrayLike, recency: ArrayLike, age: ArrayLike
) -> FloatArray:
    """Per-customer log-likelihood ℓ_i (natural log) of the BG/NBD model; see the module doc.

    Inputs broadcast; the result has their broadcast shape.
    """
    x, t_x, big_t = rfm_arrays(frequency, recency, age)
    data = _Customers.of(x, t_x, big_t)
    ll_once, ll_repeat, _ = _log_likelihood(params.r, params.alpha, params.a, params.b, data)
    ll = np.empty(data.repeat.size)
    ll[~data.repeat] = ll_once
    ll[data.repeat] = ll_repeat
    return ll.reshape(x.shape)


def fit_bgnbd(frequency: ArrayLike, recency: ArrayLike, age: ArrayLike) -> BgNbdParams:
    """Maximum-likelihood BG/NBD parameters for customers (x, t_x, T) in one time unit.

    The search runs BFGS on log(r, α, a, b) from r = a = b = 1 and α = Σ T / Σ x (so that the
    start's mean rate r/α is the observed repeat rate; α then scales with the time unit).
    Raises ``ValueError`` for invalid inputs or when nobody made a repeat purchase (the
    likelihood r·log(α/(α+T)) then has no maximum: it only approaches 0 as r → 0), and
    :class:`FitError` if the search fails or a parameter runs off (unidentified model).
    """
    data = _Customers.of(frequency, recency, age)
    if data.x.size == 0:
        raise ValueError("no customer made a repeat purchase: BG/NBD cannot be fitted")
    n = data.repeat.size

    def objective(theta: FloatArray) -> tuple[float, FloatArray]:
        params = np.exp(theta)
        ll_once, ll_repeat, grad = _log_likelihood(*params, data)
        return -float(np.sum(ll_once) + np.sum(ll_repeat)) / n, -grad * params / n

    total_age = float(np.sum(data.age) + np.sum(data.age_once))
    start = (1.0, total_age / float(np.sum(data.x)), 1.0, 1.0)
    (r, alpha, a, b), mean_ll = maximise_log_likelihood(objective, start, ("r", "alpha", "a", "b"))
    return BgNbdParams(float(r), float(alpha), float(a), float(b), mean_ll * n, n)
