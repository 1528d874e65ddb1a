"""Customer value of a per-customer summary: fitted BG/NBD + Gamma-Gamma and 12-month CLV.

Input: one row per customer with ``frequency`` x (repeat purchase days), ``recency`` t_x
and ``T`` (both in ``time_unit``), ``monetary_value`` m (mean repeat transaction value,
yuan) and optionally ``segment`` (the RFM segment key). Output per customer:

* ``frequency`` = x, as given (0 for a one-time buyer);
* ``p_alive`` = P(alive at T | x, t_x, T) (BG/NBD). BG/NBD lets a customer drop out only
  after a repeat purchase, so a one-time buyer (x = 0) has P(alive) = 1 however long ago
  they bought: the figure says something only for repeat buyers (see
  :func:`value_by_segment`);
* ``expected_purchases`` = E[Y(12 months) | x, t_x, T], repeat purchases in the next 12
  months (12 × 30.4375 days in ``time_unit``);
* ``expected_spend`` = E[z | x, m] (Gamma-Gamma), yuan per purchase;
* ``clv`` = Σ_{k=1..12} E[z | x, m] · N_k / (1 + d)^k, yuan (``clv.customer_lifetime_value``
  with margin 1: the discounted 12-month REVENUE of the customer; multiply by the gross
  margin for contribution), d = (1 + annual_discount_rate)^(1/12) − 1.

When Gamma-Gamma cannot be fitted (no repeat customer, or q ≤ 1 so mean spend is
infinite) the spend and CLV columns are NaN and ``gamma_gamma`` is ``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.analysis.customer_value.bgnbd import BgNbdParams, fit_bgnbd
from core.analysis.customer_value.bgnbd_predictions import (
    conditional_expected_purchases,
    probability_alive,
)
from core.analysis.customer_value.clv import customer_lifetime_value
from core.analysis.customer_value.gamma_gamma import (
    GammaGammaParams,
    conditional_expected_average_spend,
    fit_gamma_gamma,
)
from core.analysis.customer_value.optimizer import FitError
from core.analysis.customer_value.units import periods_per_month

CLV_MONTHS = 12
"""Horizon of the expected purchases and the CLV, in months."""
DEFAULT_DISCOUNT = 0.10
"""Annual discount rate of the CLV (the scenario default)."""


@dataclass(frozen=True)
class CustomerValue:
    """Fitted parameters and the per-customer table (module docstring)."""

    bgnbd: BgNbdParams
    gamma_gamma: GammaGammaParams | None
    customers: pd.DataFrame
    time_unit: str


def _gamma_gamma(frequency: np.ndarray, monetary: np.ndarray) -> GammaGammaParams | None:
    """Gamma-Gamma on the repeat customers with positive spend, or None when impossible."""
    usable = (frequency > 0) & (monetary > 0)
    if not usable.any():
        return None
    try:
        params = fit_gamma_gamma(frequency[usable], monetary[usable])
    except (FitError, ValueError):
        return None
    return params if params.q > 1.0 else None


def value_customers(
    summary: pd.DataFrame,
    time_unit: str,
    *,
    annual_discount_rate: float = DEFAULT_DISCOUNT,
) -> CustomerValue:
    """Fit both models on ``summary`` and predict per customer (module docstring).

    Raises :class:`FitError` / ``ValueError`` when BG/NBD cannot be fitted (e.g. no
    customers).
    """
    x = summary["frequency"].to_numpy(dtype=float)
    t_x = summary["recency"].to_numpy(dtype=float)
    big_t = summary["T"].to_numpy(dtype=float)
    m = summary["monetary_value"].to_numpy(dtype=float)
    bgnbd = fit_bgnbd(x, t_x, big_t)
    horizon = CLV_MONTHS * periods_per_month(time_unit)
    table = pd.DataFrame({"customer_id": summary["customer_id"].to_numpy()})
    if "segment" in summary:
        table["segment"] = summary["segment"].to_numpy()
    table["frequency"] = x
    table["p_alive"] = probability_alive(bgnbd, x, t_x, big_t)
    table["expected_purchases"] = conditional_expected_purchases(bgnbd, horizon, x, t_x, big_t)
    gamma_gamma = _gamma_gamma(x, m)
    if gamma_gamma is None:
        table["expected_spend"] = np.nan
        table["clv"] = np.nan
    else:
        table["expected_spend"] = conditional_expected_average_spend(gamma_gamma, x, m)
        table["clv"] = customer_lifetime_value(
            bgnbd,
            gamma_gamma,
            frequency=x,
            recency=t_x,
            age=big_t,
            monetary_value=m,
            time_unit=time_unit,
            margin=1.0,
            annual_discount_rate=annual_discount_rate,
            months=CLV_MONTHS,
        )
    return CustomerValue(bgnbd, gamma_gamma, table, time_unit)


def value_by_segment(customers: pd.DataFrame, order: Sequence[str] | None = None) -> pd.DataFrame:
    """Per RFM segment, in ``order`` (segments absent from the data left out; default:
    sorted by key): ``customers``; ``one_time_share`` = share of one-time buyers
    (x = 0); ``p_alive`` = mean P(alive) of the segment's REPEAT buyers, NaN when it has
    none (a one-time buyer's P(alive) is 1 by the model's assumption, so with them the
    "lost" segment — nearly all one-time buyers from long ago — read 99.9 % alive);
    mean ``expected_purchases``; mean and total ``clv`` (yuan) and ``clv_share`` = segment
    CLV / all CLV."""
    segment = customers["segment"]
    repeat = customers["frequency"] > 0
    grouped = customers.groupby(segment, sort=True)
    table = pd.DataFrame(
        {
            "customers": grouped.size(),
            "one_time_share": (~repeat).groupby(segment, sort=True).mean(),
            "p_alive": customers["p_alive"].where(repeat).groupby(segment, sort=True).mean(),
            "expected_purchases": grouped["expected_purchases"].mean(),
            "clv_mean": grouped["clv"].mean(),
            "clv_total": grouped["clv"].sum(min_count=1),
        }
    )
    total = table["clv_total"].sum()
    table["clv_share"] = table["clv_total"] / total if total > 0 else np.nan
    if order is not None:
        table = table.reindex([key for key in order if key in table.index])
    return table.rename_axis("segment").reset_index()
