"""Customers have a lifetime: repeat buying, member value, terminal value, LTV.

Ordinary customers (business drivers f = orders per active customer-month, q = monthly
retention): the active pool A_t = q·A_{t−1} + N_t (N_t new customers won in month t, who
start buying again the month after), repeat orders R_t = f·q·A_{t−1}. A customer's
expected repeat orders are f·q/(1 − q).

Discounting at the monthly rate ρ, from the end of month H:

* value of the active pool beyond the horizon: A_H · f·u · Σ_{k≥1} q^k/(1+ρ)^k
  = A_H · f·u · q/(1 + ρ − q)   (u = contribution per order);
* value of a member pool (churn c, w = monthly contribution per member): members buy in
  month H + k with probability (1 − c)^(k−1): M_H · w · Σ_{k≥1} (1−c)^(k−1)/(1+ρ)^k
  = M_H · w/(ρ + c).

Fixed costs (teams, the programme's fixed cost) are not carried beyond the horizon: a
terminal value is the worth of the customers and members a plan leaves behind.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from core.model.recurrence import stock_path

FloatArray = NDArray[np.float64]


def repeat_orders(
    new_customers: FloatArray, frequency: FloatArray, retention: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Repeat orders R_t = f·q·A_{t−1} and the active pool at the end, A_H (shape (N|1, 1)),
    with A_t = q·A_{t−1} + N_t, A_0 = 0."""
    active_start, active_end = stock_path(new_customers, retention)
    return np.asarray(frequency * retention * active_start, dtype=np.float64), active_end


def repeat_terminal_value(
    active_end: FloatArray,
    frequency: FloatArray,
    retention: FloatArray,
    per_order: FloatArray,
    rate: float,
) -> FloatArray:
    """A_H · f·u · q/(1 + ρ − q), yuan at month H."""
    return np.asarray(
        active_end * frequency * per_order * retention / (1.0 + rate - retention),
        dtype=np.float64,
    )


def pool_terminal_value(
    members_end: FloatArray, per_member_month: FloatArray, churn: FloatArray, rate: float
) -> FloatArray:
    """M_H · w/(ρ + c), yuan at month H."""
    return np.asarray(members_end * per_member_month / (rate + churn), dtype=np.float64)


def customer_value(
    per_order: FloatArray, frequency: FloatArray, retention: FloatArray, rate: float
) -> FloatArray:
    """Discounted contribution of one new ordinary customer: u + f·u·q/(1 + ρ − q)."""
    return np.asarray(
        per_order + frequency * per_order * retention / (1.0 + rate - retention),
        dtype=np.float64,
    )
