"""Discounting, cash, payback and the summary metrics every strategy and mix shares.

Conventions (the whole product uses them); arrays carry a batch axis of N variants first
and months t = 1..H last:

* cash flows fall at the end of month t; setup costs fall at t = 0;
* contribution_t = gross profit_t − per-order costs_t − the strategy's other costs_t;
* cumulative cash C_0 = −setup, C_t = −setup + Σ_{s≤t} contribution_s;
* monthly rate ρ = (1 + annual rate)^(1/12) − 1; NPV over the horizon
  = −setup + Σ_t contribution_t / (1 + ρ)^t; terminal value (value beyond the horizon) is
  discounted from month H by (1 + ρ)^−H and added to the headline NPV when switched on;
* payback month = the first month m from which cumulative cash stays ≥ 0 to the end of
  the horizon (C_t ≥ 0 for every t ≥ m, C_{m−1} < 0); month 1 when cash never goes
  negative; none when C_H < 0. A plan that recovered and then lost again is not paid
  back: ``relapse_month`` is the last month its cash turned negative again;
* peak cash need = max(0, −min_t C_t): the deepest point of cumulative cash, what a
  business must be able to fund;
* nothing happens (no cost, no order) → no payback, ROI or ratios (``None``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
MIN_YUAN = 0.01
MIN_COUNT = 1e-6
"""Below a fen of money or a millionth of a customer a total counts as nothing: no ratio."""


def monthly_rate(annual_rate: float) -> float:
    """Monthly discount rate equivalent to ``annual_rate``: (1 + a)^(1/12) − 1."""
    return float((1.0 + annual_rate) ** (1.0 / 12.0) - 1.0)


def discount_factors(horizon: int, annual_rate: float) -> FloatArray:
    """1 / (1 + ρ)^t for t = 1..horizon."""
    months = np.arange(1, horizon + 1, dtype=np.float64)
    return np.asarray((1.0 + monthly_rate(annual_rate)) ** -months, dtype=np.float64)


def cumulative_cash(contribution: FloatArray, setup_cost: FloatArray) -> FloatArray:
    """Cash position at the end of months 0..H, shape (N, H + 1)."""
    rows, horizon = contribution.shape
    cash = np.empty((rows, horizon + 1))
    cash[:, 0] = 0.0
    np.cumsum(contribution, axis=1, out=cash[:, 1:])
    return np.asarray(cash - np.asarray(setup_cost, dtype=np.float64).reshape(-1, 1))


def payback_months(cash: FloatArray) -> tuple[IntArray, IntArray]:
    """Payback month and relapse month per variant (0 = none) from cash of months 0..H.

    See the module docstring for the rules.
    """
    negative = cash[:, 1:] < 0.0
    horizon = negative.shape[1]
    last_negative = _last_true(negative)
    payback = np.where(last_negative == 0, 1, last_negative + 1)
    payback = np.where(last_negative == horizon, 0, payback)
    relapse = np.zeros(negative.shape[0], dtype=np.int64)
    unpaid = np.flatnonzero(payback == 0)
    if unpaid.size and horizon > 1:
        rows = negative[unpaid]
        turned = rows[:, 1:] & ~rows[:, :-1]  # cash turned negative in months 2..H
        last_turn = _last_true(turned)
        relapse[unpaid] = np.where(last_turn > 0, last_turn + 1, 0)
    return payback.astype(np.int64), relapse


def _last_true(flags: NDArray[np.bool_]) -> IntArray:
    """Per row, the 1-based position of the last True (0 when none)."""
    if flags.shape[1] == 0:
        return np.zeros(flags.shape[0], dtype=np.int64)
    from_end = flags[:, ::-1].argmax(axis=1)
    position = flags.shape[1] - from_end
    hit = flags[np.arange(flags.shape[0]), position - 1]
    return np.where(hit, position, 0).astype(np.int64)


def peak_cash_need(cash: FloatArray) -> FloatArray:
    """max(0, −min_t C_t) per variant, yuan."""
    return np.asarray(np.maximum(0.0, -cash.min(axis=1)), dtype=np.float64)


def ratio(numerator: FloatArray, denominator: FloatArray) -> FloatArray:
    """numerator / denominator where the denominator is > 0, NaN elsewhere (no ratio)."""
    out = np.full(np.broadcast_shapes(numerator.shape, denominator.shape), np.nan)
    np.divide(numerator, denominator, out=out, where=denominator > 0)
    return out


@dataclass(frozen=True)
class Metrics:
    """Horizon totals of one strategy or the plan. Money in yuan; ratios as fractions.

    ``None`` means "no such number": nothing invested (ratios), never paid back, no new
    customers, no spend lever. ``npv`` includes ``terminal_value`` (0 when switched off).
    """

    investment: float
    marketing_spend: float
    orders: float
    gmv: float
    net_revenue: float
    gross_profit: float
    contribution: float
    setup_cost: float
    net_profit: float
    roi: float | None
    roas: float | None
    gmv_roas: float | None
    npv_horizon: float
    terminal_value: float
    npv: float
    payback_month: int | None
    relapse_month: int | None
    peak_cash_need: float
    marginal_roi: float | None
    new_customers: float
    cac: float | None
    ltv: float | None

    @property
    def active(self) -> bool:
        """Whether anything happens: some cost or setup (more than a fen) or an order."""
        return self.investment > MIN_YUAN or self.orders > MIN_COUNT
