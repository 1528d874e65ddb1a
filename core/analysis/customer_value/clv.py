"""12-month customer lifetime value from BG/NBD purchases and Gamma-Gamma spend.

For customer i with history (x, t_x, T, m), the model's time unit u, τ = months in units
(30.4375 days / unit length: 30.4375 for days, 4.348 for weeks, 1 for months):

    purchases in month k:   N_ik = E[Y(k·τ) | x, t_x, T] − E[Y((k−1)·τ) | x, t_x, T]
    monthly discount rate:  d = (1 + annual_discount_rate)^(1/12) − 1
    CLV_i = Σ_{k=1..months} margin · E[z | x, m] · N_ik / (1 + d)^k

E[Y(·)] is the BG/NBD conditional expectation (expected purchases after T), E[z | x, m] the
Gamma-Gamma expected transaction value (currency units), ``margin`` the share of revenue kept
as contribution (0..1). Cash of month k is discounted from the end of month k (the same
convention as :mod:`core.finance`). CLV is in the currency of m, as of the calibration end.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from core.analysis.customer_value.bgnbd import BgNbdParams
from core.analysis.customer_value.bgnbd_predictions import conditional_expected_purchases
from core.analysis.customer_value.gamma_gamma import (
    GammaGammaParams,
    conditional_expected_average_spend,
)
from core.analysis.customer_value.inputs import FloatArray, rfm_arrays
from core.analysis.customer_value.units import periods_per_month


def expected_purchases_by_month(
    params: BgNbdParams,
    frequency: ArrayLike,
    recency: ArrayLike,
    age: ArrayLike,
    *,
    time_unit: str,
    months: int = 12,
) -> FloatArray:
    """N_ik, expected purchases of each customer in months k = 1..months after T.

    The result has the customers' broadcast shape plus a last axis of length ``months``.
    """
    if months < 1:
        raise ValueError(f"months must be ≥ 1, got {months}")
    x, t_x, big_t = rfm_arrays(frequency, recency, age)
    edges = np.arange(months + 1, dtype=np.float64) * periods_per_month(time_unit)
    cumulative = conditional_expected_purchases(
        params, edges, x[..., np.newaxis], t_x[..., np.newaxis], big_t[..., np.newaxis]
    )
    return np.diff(cumulative, axis=-1)


def customer_lifetime_value(
    bgnbd: BgNbdParams,
    gamma_gamma: GammaGammaParams,
    *,
    frequency: ArrayLike,
    recency: ArrayLike,
    age: ArrayLike,
    monetary_value: ArrayLike,
    time_unit: str,
    margin: float,
    annual_discount_rate: float,
    months: int = 12,
) -> FloatArray:
    """Discounted expected contribution of each customer over ``months`` (module formula).

    ``frequency``/``recency``/``age`` are in ``time_unit`` (the unit ``bgnbd`` was fitted in),
    ``monetary_value`` is the mean repeat transaction value; ``margin`` in [0, 1],
    ``annual_discount_rate`` ≥ 0 (e.g. 0.10 for 10 % a year).
    """
    if not 0.0 <= margin <= 1.0:
        raise ValueError(f"margin must be within [0, 1], got {margin}")
    if not (np.isfinite(annual_discount_rate) and annual_discount_rate >= 0.0):
        raise ValueError(f"annual_discount_rate must be ≥ 0, got {annual_discount_rate}")
    purchases = expected_purchases_by_month(
        bgnbd, frequency, recency, age, time_unit=time_unit, months=months
    )
    spend = conditional_expected_average_spend(gamma_gamma, frequency, monetary_value)
    monthly_rate = (1.0 + annual_discount_rate) ** (1.0 / 12.0) - 1.0
    discount = (1.0 + monthly_rate) ** -np.arange(1, months + 1, dtype=np.float64)
    return margin * np.broadcast_to(spend, purchases.shape[:-1]) * (purchases @ discount)
