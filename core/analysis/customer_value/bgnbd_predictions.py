"""BG/NBD predictions: P(alive), conditional and unconditional expected purchases.

Formulas of Fader, Hardie & Lee (2005), with time in the unit the parameters were fitted in:

* P(alive | x, t_x, T) = 1 / (1 + δ · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)),  δ = 1 if x > 0;
* E[Y(t) | x, t_x, T] = P(alive) · (a+b+x−1)/(a−1)
      · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; z)],  z = t/(α+T+t)   (eq. 10);
* E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b; a+b−1; t/(α+t))]        (eq. 9),
  which is E[Y(t) | x = 0, t_x = 0, T = 0] and is evaluated that way.

Numerics of the bracket (the expected purchases of a customer known to be alive):

* Euler's transformation ₂F₁(A, B; C; z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z) rewrites it as
  (a+b+x−1)/(a−1) · [1 − (1−z)^(a−1) · ₂F₁(a+b−1−r, a−1; a+b+x−1; z)], whose ₂F₁ stays
  small for any x (the original one overflows for large x);
* at a = 1 it is 0/0 with a finite limit: within ``NEAR_ONE`` of 1 it is interpolated
  linearly between a = 1 ± ``NEAR_ONE`` (error up to ~1e-7 relative);
* at c = a+b+x−1 = 0 (x = 0 and a+b = 1) ₂F₁ has a pole; the limit
  c · ₂F₁(A, B; c; z) → A·B·z·₂F₁(A+1, B+1; 2; z) gives r·z·(1−z)^(a−1)·₂F₁(1−r, a; 2; z);
* scipy's ₂F₁ returns NaN/inf in a branch where C−A−B is an integer (here r − a an integer,
  e.g. r = a); those entries average r·(1 ± ``NUDGE``) instead (error ~1e-9 relative);
* for short horizons the bracket is a difference of nearly equal numbers, so it is summed as
  a series instead. With k = r+x, u = t/(α+T) and p | data ~ Beta(a, b+x) the dropout
  probability, (1 − (1+pu)^−k)/p = Σ_{j≥0} (−1)^j (k)_{j+1}/(j+1)! · p^j · u^(j+1), and
  E[p^j] / E[p^(j−1)] = (a+j−1)/(a+b+x+j−1); the terms shrink by at most
  ρ = u · max(1, (k+1)/2), so ``SERIES_TERMS`` terms where ρ < ``SHORT_HORIZON`` leave an
  error below ρ^8 ≈ 4e-11 (relative).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import expit, hyp2f1

from core.analysis.customer_value.bgnbd import BgNbdParams
from core.analysis.customer_value.inputs import FloatArray, as_float_array, rfm_arrays

NEAR_ONE = 1e-4
NUDGE = 1e-7
SHORT_HORIZON = 0.05
SERIES_TERMS = 8


def probability_alive(
    params: BgNbdParams, frequency: ArrayLike, recency: ArrayLike, age: ArrayLike
) -> FloatArray:
    """P(alive at T | x, t_x, T), a probability in [0, 1]; exactly 1 when x = 0.

    In BG/NBD nobody drops out at the first purchase, so a customer without repeat purchases
    is alive for sure (FHL 2005, eq. 12).
    """
    x, t_x, big_t = rfm_arrays(frequency, recency, age)
    return _probability_alive(params, x, t_x, big_t)


def conditional_expected_purchases(
    params: BgNbdParams, t: ArrayLike, frequency: ArrayLike, recency: ArrayLike, age: ArrayLike
) -> FloatArray:
    """E[Y(t) | x, t_x, T]: expected purchases in (T, T+t] (module formula), t ≥ 0.

    t is in the model's time unit and broadcasts with the customers.
    """
    x, t_x, big_t = rfm_arrays(frequency, recency, age)
    horizon = _check_horizon(t)
    x, t_x, big_t, horizon = np.broadcast_arrays(x, t_x, big_t, horizon)
    alive = _probability_alive(params, x, t_x, big_t)
    return alive * _expected_while_alive(params, x, horizon, big_t)


def expected_purchases(params: BgNbdParams, t: ArrayLike) -> FloatArray:
    """E[X(t)]: expected repeat purchases of a new customer in (0, t] (module formula)."""
    horizon = _check_horizon(t)
    none = np.zeros_like(horizon)
    return _expected_while_alive(params, none, horizon, none)


def _check_horizon(t: ArrayLike) -> FloatArray:
    horizon = as_float_array("t", t)
    if np.any(horizon < 0):
        raise ValueError("t (the prediction horizon) must be ≥ 0")
    return horizon


def _probability_alive(
    params: BgNbdParams, x: FloatArray, t_x: FloatArray, big_t: FloatArray
) -> FloatArray:
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    log_odds_dead = (
        math.log(a)
        - np.log(b + np.maximum(x - 1.0, 0.0))
        + (r + x) * (np.log(alpha + big_t) - np.log(alpha + t_x))
    )
    return np.where(x > 0, expit(-log_odds_dead), 1.0)


def _expected_while_alive(
    params: BgNbdParams, x: FloatArray, horizon: FloatArray, big_t: FloatArray
) -> FloatArray:
    """Expected purchases in (T, T+t] of a customer alive at T with x repeat purchases."""
    r, alpha, a = params.r, params.alpha, params.a
    u = horizon / (alpha + big_t)
    k = r + x
    z = horizon / (alpha + big_t + horizon)
    if abs(a - 1.0) >= NEAR_ONE:
        closed = _bracket(params, a, x, z)
    else:
        low = _bracket(params, 1.0 - NEAR_ONE, x, z)
        high = _bracket(params, 1.0 + NEAR_ONE, x, z)
        closed = low + (a - (1.0 - NEAR_ONE)) / (2.0 * NEAR_ONE) * (high - low)
    short = u * np.maximum(1.0, (k + 1.0) / 2.0) < SHORT_HORIZON
    return np.where(short, _short_horizon_series(params, x, u), closed)


def _short_horizon_series(params: BgNbdParams, x: FloatArray, u: FloatArray) -> FloatArray:
    """k·u · Σ_{j<SERIES_TERMS} Π_{i≤j} [−(k+i)/(i+1) · u · (a+i−1)/(a+b+x+i−1)], k = r+x."""
    a, k = params.a, params.r + x
    term = np.ones_like(u)
    total = np.ones_like(u)
    for i in range(1, SERIES_TERMS):
        term = term * (-(k + i) / (i + 1.0)) * u * (a + i - 1.0) / (a + params.b + x + i - 1.0)
        total = total + term
    return k * u * total


def _bracket(params: BgNbdParams, a: float, x: FloatArray, z: FloatArray) -> FloatArray:
    """The Euler-transformed bracket at ``a`` (≠ 1), re-evaluated off scipy's NaN branch."""
    value = _euler_bracket(params.r, a, params.b, x, z)
    failed = ~np.isfinite(value)
    if np.any(failed):
        x_failed, z_failed = x[failed], z[failed]
        below = _euler_bracket(params.r * (1.0 - NUDGE), a, params.b, x_failed, z_failed)
        above = _euler_bracket(params.r * (1.0 + NUDGE), a, params.b, x_failed, z_failed)
        value[failed] = (below + above) / 2.0
    return value


def _euler_bracket(r: float, a: float, b: float, x: FloatArray, z: FloatArray) -> FloatArray:
    """(a+b+x−1)/(a−1) · [1 − (1−z)^(a−1) · ₂F₁(a+b−1−r, a−1; a+b+x−1; z)], pole-safe."""
    c = a + b + x - 1.0
    power = np.exp((a - 1.0) * np.log1p(-z))
    at_pole = c == 0.0
    c_safe = np.where(at_pole, 1.0, c)
    regular = c_safe / (a - 1.0) * (1.0 - power * hyp2f1(a + b - 1.0 - r, a - 1.0, c_safe, z))
    return np.asarray(np.where(at_pole, r * z * power * hyp2f1(1.0 - r, a, 2.0, z), regular))
