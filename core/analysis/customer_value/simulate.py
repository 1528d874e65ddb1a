"""Draws from the generative processes of BG/NBD and Gamma-Gamma (for tests and benchmarks).

The processes are simulated step by step, purchase after purchase, not sampled from the
likelihood: that is what makes a parameter-recovery test a check of the likelihood.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from core.analysis.customer_value.bgnbd import BgNbdParams
from core.analysis.customer_value.gamma_gamma import GammaGammaParams
from core.analysis.customer_value.inputs import FloatArray, as_float_array, check_frequency


def simulate_bgnbd(
    params: BgNbdParams, age: ArrayLike, rng: np.random.Generator
) -> tuple[FloatArray, FloatArray]:
    """(frequency, recency) of customers first buying at 0 and observed for ``age`` T.

    Per customer: λ ~ Gamma(r, rate α), p ~ Beta(a, b). The first purchase is at time 0; while
    alive the gaps between purchases are Exponential(λ), and right after each repeat purchase
    the customer drops out with probability p (FHL 2005: x = 0 has likelihood e^(−λT), so
    nobody drops out at the first purchase). Purchases after T are not observed.
    """
    big_t = as_float_array("age", age).ravel()
    if np.any(big_t < 0):
        raise ValueError("age has negative values")
    n = big_t.size
    rate = rng.gamma(params.r, 1.0 / params.alpha, size=n)
    dropout = rng.beta(params.a, params.b, size=n)
    frequency = np.zeros(n)
    recency = np.zeros(n)
    now = np.zeros(n)
    active = np.arange(n)
    while active.size:
        with np.errstate(divide="ignore", over="ignore"):  # λ ≈ 0: the next gap is inf
            now[active] += rng.standard_exponential(active.size) / rate[active]
        active = active[now[active] <= big_t[active]]
        frequency[active] += 1.0
        recency[active] = now[active]
        active = active[rng.random(active.size) >= dropout[active]]
    return frequency, recency


def simulate_gamma_gamma(
    params: GammaGammaParams, frequency: ArrayLike, rng: np.random.Generator
) -> FloatArray:
    """Mean repeat transaction value of customers with the given repeat counts (0 where x = 0).

    Per customer: ν ~ Gamma(q, rate v); each of the x transactions z ~ Gamma(p, rate ν).
    """
    x = check_frequency(frequency).ravel().astype(np.int64)
    nu = rng.gamma(params.q, 1.0 / params.v, size=x.size)
    values = rng.gamma(params.p, 1.0 / np.repeat(nu, x))
    totals = np.bincount(np.repeat(np.arange(x.size), x), weights=values, minlength=x.size)
    return np.divide(totals, x, out=np.zeros(x.size), where=x > 0)
